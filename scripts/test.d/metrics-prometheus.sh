#!/usr/bin/env bash
# The metrics file `check` writes (config metrics_file), read by Prometheus' own Python parser
# (prometheus_client, pinned, in .venv) and checked figure by figure against the job database, which
# scripts/metrics_check.py reads with sqlite3 on its own. Real runs: the built binary against its emulator,
# with a blocked item, a failed batch, a batch the API does not know (404), a run under HTTP 503 faults,
# and a run stopped by a refused key (the file is written after a failed run too).
# Expects .build/debug/pfc-jobs (or PFC_JOBS_BIN). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/checks.sh
source scripts/lib/checks.sh
require_binary metrics-prometheus
venv_package prometheus_client 0.26.0

scratch_folder
# shellcheck source=bench/lib.bash
source bench/lib.bash
# shellcheck source=scripts/emulator-root.bash
source scripts/emulator-root.bash

# The key travels only through the environment.
export GEMINI_API_KEY="metrics-$RANDOM-$RANDOM"
start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 64x48
root="$work/images root"
images_root "$root" '{"backoff_base_seconds": 1, "max_backoff_seconds": 1, "gallery_enabled": false, "metrics_file": "metrics/pfc_jobs.prom"}'
prom="$root/metrics/pfc_jobs.prom"
db="$root/metadata/jobs.sqlite3"

quietly pfc submit --prompt "a frog" --prompt "a refused frog [emu:blocked]" --prompt "a toad"
quietly pfc submit --prompt "a doomed frog [emu:batch-failed]"
pfc export-json > /dev/null
# A batch this emulator never made: 404 on every look-up, failed on the second.
python3 -c 'import json, sys; path = sys.argv[1]; data = json.load(open(path))
data["batches/unknownforeignbatch0001"] = {"batch_job_id": "batches/unknownforeignbatch0001", "status": "pending",
  "submitted_at": "2026-11-30T10:00:00.000001", "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
json.dump(data, open(path, "w"), indent=2)' "$root/metadata/batch_jobs_tracking.json"
check_until_done
[ -f "$prom" ] || { echo "metrics-prometheus: check wrote no $prom" >&2; exit 1; }

# A run under HTTP 503 on every call: the new job's look-up gives up, a transient error with its code.
later=$(pfc submit --prompt "a frog under an outage" 2> /dev/null)
curl -sf -X POST "$url/_emulator/config" -d '{"faultRate": 1.0, "faults": "503", "retryAfterSeconds": 0}' > /dev/null
pfc check > /dev/null
curl -sf -X POST "$url/_emulator/config" -d '{"faultRate": 0.0}' > /dev/null
.venv/bin/python scripts/metrics_check.py "$prom" "$db" completed

# A run stopped by a refused key: the file says so.
if GEMINI_API_KEY="wrong-$RANDOM" "$BIN" check --job "$later" --config "$root/config.json" > /dev/null 2>&1; then
  echo "metrics-prometheus: a check with a refused key exited 0" >&2; exit 1
fi
.venv/bin/python scripts/metrics_check.py "$prom" "$db" failed
echo "metrics-prometheus: ok"
