#!/usr/bin/env bash
# Conformance of `pfc-jobs mcp` with the official Python MCP SDK (mcp, pinned), against the emulator.
# Expects `make test` to have built .build/debug/pfc-jobs (or PFC_JOBS_BIN to name another build of it).
# Uses the repo's .venv (the one sdk-conformance.sh uses). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

MCP_VERSION=2.3.0
BIN=${PFC_JOBS_BIN:-.build/debug/pfc-jobs}
[ -x "$BIN" ] || { echo "mcp-conformance: $BIN is missing; run swift build first" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('mcp') != '$MCP_VERSION')" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check "mcp==$MCP_VERSION"
fi

# shellcheck source=../../bench/lib.bash
source bench/lib.bash
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway key, passed through the environment only (start_emulator sets pid and url).
export EMULATOR_API_KEY="mcp-conformance-$RANDOM-$RANDOM"
GEMINI_API_KEY="$EMULATOR_API_KEY" start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 64x64

mkdir -p "$work/client"
.venv/bin/python scripts/mcp_conformance.py "$BIN" "$url" "$work/client"
