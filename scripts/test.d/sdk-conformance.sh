#!/usr/bin/env bash
# Conformance of the emulator with Google's own Python client (google-genai, pinned).
# Expects `make test` to have built .build/debug/pfc-jobs (or PFC_JOBS_BIN to name another build of it).
# The emulator runs with its defaults, which follow the real service. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

GENAI_VERSION=3.6.1
BIN=${PFC_JOBS_BIN:-.build/debug/pfc-jobs}
[ -x "$BIN" ] || { echo "sdk-conformance: $BIN is missing; run swift build first" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import google.genai, sys; sys.exit(google.genai.__version__ != '$GENAI_VERSION')" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check "google-genai==$GENAI_VERSION"
fi

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway key, passed through the environment only.
export EMULATOR_API_KEY="conformance-$RANDOM-$RANDOM"
GEMINI_API_KEY="$EMULATOR_API_KEY" "$BIN" emulator --port 0 --polls-until-done 2 --image-size 64x64 \
  > "$work/emulator.out" 2> "$work/emulator.err" &
emulator_pid=$!

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^emulator listening on //p' "$work/emulator.out")
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { echo "sdk-conformance: the emulator exited" >&2; cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "sdk-conformance: no listening line within 10 s" >&2; exit 1; }

.venv/bin/python scripts/sdk_conformance.py "$url"
