#!/usr/bin/env bash
# Conformance of the emulator with Google's own Python client (google-genai, pinned).
# Expects `make test` to have built .build/debug/pfc-jobs (or PFC_JOBS_BIN to name another build of it).
# The emulator runs with its defaults, which follow the real service. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/checks.sh
source scripts/lib/checks.sh
require_binary sdk-conformance
venv_package google-genai 3.6.1

# shellcheck source=../../bench/lib.bash
source bench/lib.bash
scratch_folder

# A throwaway key, passed through the environment only (start_emulator sets pid and url).
export EMULATOR_API_KEY="conformance-$RANDOM-$RANDOM"
GEMINI_API_KEY="$EMULATOR_API_KEY" start_emulator "$work/emulator.out" --polls-until-done 2 --image-size 64x64

.venv/bin/python scripts/sdk_conformance.py "$url"
