#!/usr/bin/env bash
# `pfc-jobs check` figures, side by side in one run (release build, real emulator over loopback):
#  (a) an idle run on a 10k-row database (every job completed, failed or not yet due): wall, peak RSS;
#  (b) retrieval of 40 SUCCEEDED batches, each one 2048x2048 photo-like PNG, with WebP q85 m6: `pfc-jobs check`
#      against bench/baseline_checker.py (what the old Python checker did: sequential urllib, base64, PNG,
#      Pillow WebP quality 85 method 6) on the same batches: wall, peak RSS, ratio;
#  (c) WebP q85 m6 encoding of one of those images: libwebp in-process (bench-imaging) vs `cwebp -q 85 -m 6`
#      vs Pillow.
# Pillow goes into a virtual environment under .build-bench/ (pip); without it the baseline is skipped.
# Prints figures; never fails on speed. Sizes: BENCH_IDLE_JOBS (10000), BENCH_BATCHES (40), BENCH_IMAGE (2048).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.build/release/pfc-jobs
# shellcheck source=bench/lib.bash
source bench/lib.bash  # the script runs from the repository root (cd above)
IMAGING=$PWD/.build/release/bench-imaging
for b in "$BIN" "$IMAGING"; do
  [ -x "$b" ] || { echo "bench/check.sh: $b is missing; run swift build -c release" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench/check.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
IDLE_JOBS=${BENCH_IDLE_JOBS:-10000}
BATCHES=${BENCH_BATCHES:-40}
SIZE=${BENCH_IMAGE:-2048}
PILLOW_VERSION=13.0.0

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-check.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Pillow for the baseline, pinned, in a venv kept between runs.
venv=$PWD/.build-bench/venv
if ! "$venv/bin/python" -c "import PIL; assert PIL.__version__ == '$PILLOW_VERSION'" 2>/dev/null; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q "Pillow==$PILLOW_VERSION"; } > "$work/pip.log" 2>&1; then
    echo "check: Pillow $PILLOW_VERSION could not be installed; the Python baseline is skipped. pip said:"
    tail -5 "$work/pip.log"
  fi
fi
have_pillow=0
"$venv/bin/python" -c "import PIL" 2>/dev/null && have_pillow=1

# The key travels only through the environment, never argv.
export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
mkdir -p "$work/emulator"
TMPDIR="$work/emulator" start_emulator "$work/emulator.out" --polls-until-done 1 --image-size "${SIZE}x${SIZE}" \
  --image-style photo
api_requests() { curl -sf "$url/_emulator/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalRequests"])'; }

# config ROOT: a config.json for an images root on the emulator, checked every run (no interval, no delay).
config() {
  mkdir -p "$1/metadata"
  printf '{"generated_images_path": "%s", "gemini_api_base_url": "%s", "poll_interval_seconds": 0, "api_delay_seconds": 0}\n' \
    "$1" "$url" > "$1/config.json"
}

# measure LABEL CMD...: wall seconds and peak RSS of one command (/usr/bin/time -v); sets WALL and RSS_MB.
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2>&1 || { echo "check: $label failed:" >&2; cat "$work/out" >&2; exit 1; }
  WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  RSS_MB=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") / 1024 ))
  local cpu; cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$work/time")
  printf 'check: %-44s %7.2f s  peak RSS %5d MB  CPU %5s  (%s)\n' "$label" "$WALL" "$RSS_MB" "$cpu" \
    "$(grep -h 'Batch check complete' "$work/out" ${SUMMARY_LOG:-} 2>/dev/null | tail -1 | sed 's/^\[[^]]*\] \[[A-Z]*\] //')"
}

# ---- (a) idle run on a 10k-row database ---------------------------------------------------------------------
idle="$work/idle"; config "$idle"
python3 -c '
import json, sys
n = int(sys.argv[1]); entries = {}
for i in range(n):
    jid = "batches/idle%028d" % i
    pending = i % 10 == 0
    entries[jid] = {"batch_job_id": jid, "status": "pending" if pending else ("failed" if i % 9 == 0 else "completed"),
                    "submitted_at": "2026-02-01T10:00:00.000001", "last_checked": None if pending else "2026-02-01T11:00:00",
                    "completed_at": None if pending else "2026-02-01T11:00:00", "retrieved": not pending, "check_count": 1}
json.dump(entries, open(sys.argv[2], "w"), indent=2)
' "$IDLE_JOBS" "$idle/metadata/batch_jobs_tracking.json"
"$BIN" import-json --config "$idle/config.json" > /dev/null
# The pending tenth is not yet due: its next check is an hour away.
python3 -c '
import sqlite3, sys, time
with sqlite3.connect(sys.argv[1]) as db:
    db.execute("UPDATE jobs SET next_check_at = ? WHERE status = ?", (int((time.time() + 3600) * 1e6), "pending"))
' "$idle/metadata/jobs.sqlite3"
before=$(api_requests)
SUMMARY_LOG="$idle/metadata/logs/batch_checker.log"
# The first run after a migration rewrites the legacy tracking file in pfc-jobs' export; every later idle run
# finds file and database as that export left them and reads and writes nothing (cron's steady state).
measure "(a) first run after import-json, $IDLE_JOBS jobs" "$BIN" check --config "$idle/config.json"
measure "(a) idle run, $IDLE_JOBS jobs, none due" "$BIN" check --config "$idle/config.json"
echo "check:     API requests during both runs: $(( $(api_requests) - before ))"

# ---- (b) retrieval of 40 photo-like 2048x2048 images -----------------------------------------------------------
ours="$work/ours"; config "$ours"
# Creates the batches (distinct prompts, so distinct images), polls each once so the emulator renders it now
# rather than inside a timed run, and writes the legacy tracking file and batch_metadata both checkers read.
python3 - "$url" "$BATCHES" "$ours/metadata" <<'PY'
import json, os, sys, urllib.request
url, count, metadata = sys.argv[1], int(sys.argv[2]), sys.argv[3]
headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"], "content-type": "application/json"}
def call(method, path, body=None):
    request = urllib.request.Request(url + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request) as response:
        return json.load(response)
tracking = {}
for n in range(count):
    prompt = f"A harbour at dusk, photograph {n}"
    batch = call("POST", "/v1beta/models/gemini-3-pro-image:batchGenerateContent", {"batch": {
        "displayName": f"bench-{n}", "inputConfig": {"requests": {"requests": [
            {"request": {"contents": [{"parts": [{"text": prompt}]}]}, "metadata": {"key": "req_0"}}]}}}})
    name = batch["name"]
    assert call("GET", "/v1beta/" + name)["metadata"]["state"].endswith("SUCCEEDED")
    tracking[name] = {"batch_job_id": name, "status": "pending", "submitted_at": "2026-02-07T21:00:00.123456",
                      "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
    path = os.path.join(metadata, "batch_metadata", name + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump({"batch_job_id": name, "submitted_at": "2026-02-07T21:00:00.123456", "prompt": prompt,
               "title": f"Harbour {n}", "alternative_text": "AI-generated image: " + prompt, "provider": "gemini",
               "aspect_ratio": "1:1", "image_size": "large", "convert_to_webp": True, "webp_quality": 85},
              open(path, "w"), indent=2)
json.dump(tracking, open(os.path.join(metadata, "batch_jobs_tracking.json"), "w"), indent=2)
PY
baseline="$work/baseline"; mkdir -p "$baseline"; cp -r "$ours/metadata" "$baseline/"
"$BIN" import-json --config "$ours/config.json" > /dev/null
echo "check: (b) $BATCHES batches of one ${SIZE}x${SIZE} photo-like PNG each, rendered by the emulator before timing"
# Both checkers pay the emulator's cost of building and serving each ~22 MB Operation body (the output is in
# both `response` and `metadata.output`); one GET shows how much of the walls below is the server's.
first=$(python3 -c 'import json,sys; print(next(iter(json.load(open(sys.argv[1])))))' "$ours/metadata/batch_jobs_tracking.json")
printf 'x-goog-api-key: %s\n' "$GEMINI_API_KEY" > "$work/headers"
curl -s -o /dev/null -H @"$work/headers" -w 'check:     emulator: one GET of a finished batch (curl) %{time_total} s, %{size_download} bytes\n' "$url/v1beta/$first"
SUMMARY_LOG="$ours/metadata/logs/batch_checker.log"
measure "(b) pfc-jobs check" "$BIN" check --config "$ours/config.json"
ours_wall=$WALL
echo "check:     files: $(ls "$ours/original" | wc -l) originals, $(ls "$ours/webp" | wc -l) WebP ($(du -sm "$ours/webp" | cut -f1) MB), $(ls "$ours/json" | wc -l) sidecars"
if [ "$have_pillow" = 1 ]; then
  SUMMARY_LOG=""
measure "(b) Python baseline (urllib + Pillow)" "$venv/bin/python" bench/baseline_checker.py "$baseline" "$url"
  echo "check:     files: $(ls "$baseline/original" | wc -l) originals, $(ls "$baseline/webp" | wc -l) WebP ($(du -sm "$baseline/webp" | cut -f1) MB), $(ls "$baseline/json" | wc -l) sidecars"
  awk -v p="$WALL" -v o="$ours_wall" 'BEGIN { printf "check: (b) ratio baseline/pfc-jobs wall = %.2fx\n", p / o }'
fi

# ---- (c) WebP encoding of one of those images -------------------------------------------------------------------
sample=$(ls "$ours/original"/*.png | head -1)
echo "check: (c) one ${SIZE}x${SIZE} photo-like PNG, $(( $(stat -c %s "$sample") / 1024 )) KB"
codec=$("$IMAGING" codec "$sample")
echo "check:     libwebp in-process (median of 3): $(tr '\n' ' ' <<<"$codec")"
ours_ms=$(sed -n 's/^webp_encode_ms=//p' <<<"$codec")
cwebp_ms=$(cwebp_median_ms "$sample" "$work/cwebp.webp")
echo "check:     cwebp -q 85 -m 6 (median of 3, incl. PNG decode, process start): ${cwebp_ms} ms, $(( $(stat -c %s "$work/cwebp.webp") / 1024 )) KB, $(cwebp -version)"
if [ "$have_pillow" = 1 ]; then
  "$venv/bin/python" - "$sample" "$work/pillow.webp" <<'PY'
import sys, time, os, PIL.features
from PIL import Image
image = Image.open(sys.argv[1]); image.load()
times = []
for _ in range(3):
    start = time.perf_counter(); image.save(sys.argv[2], "WEBP", quality=85, method=6); times.append(time.perf_counter() - start)
print("check:     Pillow %s (libwebp %s) save quality 85 method 6 (median of 3, decoded image): %.0f ms, %d KB"
      % (PIL.__version__, PIL.features.version("webp"), sorted(times)[1] * 1000, os.path.getsize(sys.argv[2]) // 1024))
PY
fi
awk -v a="$ours_ms" -v b="$cwebp_ms" 'BEGIN { printf "check: (c) ratio in-process encode / cwebp = %.2f\n", a / b }'
echo "check: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
