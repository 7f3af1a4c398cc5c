#!/usr/bin/env bash
# Conformance of `pfc-jobs mcp` with the official Python MCP SDK (mcp, pinned), against the emulator.
# Expects `make test` to have built .build/debug/pfc-jobs (or PFC_JOBS_BIN to name another build of it).
# Uses the repo's .venv (scripts/lib/checks.sh). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/checks.sh
source scripts/lib/checks.sh
require_binary mcp-conformance
venv_package mcp 2.3.0

# shellcheck source=../../bench/lib.bash
source bench/lib.bash
scratch_folder

# A throwaway key, passed through the environment only (start_emulator sets pid and url).
export EMULATOR_API_KEY="mcp-conformance-$RANDOM-$RANDOM"
GEMINI_API_KEY="$EMULATOR_API_KEY" start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 64x64

mkdir -p "$work/client"
.venv/bin/python scripts/mcp_conformance.py "$BIN" "$url" "$work/client"
