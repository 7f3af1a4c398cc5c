#!/usr/bin/env bash
# Retrieval memory of finished inline batches (issue 8): the real service answers inline input inline,
# however big, every image twice in one GET body. `pfc-jobs check` streams that body to disk and reads it
# one item at a time, so peak RSS must stay flat as the batch grows. Side by side in one run (release build,
# the emulator over loopback, photo-like 1024x1024 PNGs, WebP q85 m6, gemini-3-pro-image with its draft images):
#   one batch of 60, six batches of 10, one batch of 240 (BENCH_BIG_BATCH).
# Prints figures; never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.build/release/pfc-jobs
# shellcheck source=bench/lib.bash
source bench/lib.bash
[ -x "$BIN" ] || { echo "bench/inline.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/inline.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
SIZE=${BENCH_INLINE_IMAGE:-1024}
BIG=${BENCH_BIG_BATCH:-240}
MODEL=gemini-3-pro-image

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-inline.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
mkdir -p "$work/emulator"
TMPDIR="$work/emulator" start_emulator "$work/emulator.out" --polls-until-done 1 --image-size "${SIZE}x${SIZE}" \
  --image-style photo

# scenario NAME BATCHES ITEMS: a fresh images root with BATCHES finished inline batches of ITEMS prompts each,
# rendered by the emulator before timing (one GET each), recorded through import-json; then one timed check.
scenario() {
  local name=$1 batches=$2 items=$3 root="$work/$1"
  mkdir -p "$root/metadata"
  printf '{"generated_images_path": "%s", "gemini_api_base_url": "%s", "poll_interval_seconds": 0}\n' "$root" "$url" > "$root/config.json"
  python3 - "$url" "$batches" "$items" "$root/metadata" "$name" "$MODEL" <<'PY'
import json, os, sys, urllib.request
url, batches, items, metadata, name, model = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"], "content-type": "application/json"}
def call(method, path, body=None):
    request = urllib.request.Request(url + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request) as response:
        return response.read()
tracking = {}
for b in range(batches):
    requests = [{"request": {"contents": [{"parts": [{"text": f"{name} harbour at dusk, batch {b} photograph {i}"}]}]},
                 "metadata": {"key": f"req_{i}"}} for i in range(items)]
    batch = json.loads(call("POST", f"/v1beta/models/{model}:batchGenerateContent",
                            {"batch": {"displayName": f"bench-{name}-{b}", "inputConfig": {"requests": {"requests": requests}}}}))
    jid = batch["name"]
    call("GET", "/v1beta/" + jid)  # renders it now, outside the timed run
    tracking[jid] = {"batch_job_id": jid, "status": "pending", "submitted_at": "2026-12-01T21:00:00.123456",
                     "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
    path = os.path.join(metadata, "batch_metadata", jid + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump({"batch_job_id": jid, "prompt": "harbour", "provider": "gemini", "model": model,
               "convert_to_webp": True, "webp_quality": 85}, open(path, "w"))
json.dump(tracking, open(os.path.join(metadata, "batch_jobs_tracking.json"), "w"), indent=2)
PY
  "$BIN" import-json --config "$root/config.json" > /dev/null
  local first body
  first=$(python3 -c 'import json,sys; print(next(iter(json.load(open(sys.argv[1])))))' "$root/metadata/batch_jobs_tracking.json")
  printf 'x-goog-api-key: %s\n' "$GEMINI_API_KEY" > "$work/headers"
  body=$(curl -s -o /dev/null -H @"$work/headers" -w '%{size_download}' "$url/v1beta/$first")
  /usr/bin/time -v -o "$work/time" "$BIN" check --config "$root/config.json" > "$work/out" 2>&1 \
    || { echo "inline: $name failed:" >&2; cat "$work/out" >&2; tail -20 "$root/metadata/logs/batch_checker.log" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") / 1024 ))
  printf 'inline: %-36s %7.2f s  peak RSS %5d MB  GET body %6d MB each  %s originals, %s WebP  (%s)\n' \
    "$batches x $items images" "$wall" "$rss" $(( body / 1048576 )) "$(ls "$root/original" | wc -l)" "$(ls "$root/webp" | wc -l)" \
    "$(grep -h 'Batch check complete' "$root/metadata/logs/batch_checker.log" | tail -1 | sed 's/^\[[^]]*\] \[[A-Z]*\] //')"
  rm -rf "$root"
}

echo "inline: finished inline batches of photo-like ${SIZE}x${SIZE} PNGs ($MODEL, draft images included), WebP q85 m6"
scenario one60 1 60
scenario six10 6 10
scenario big 1 "$BIG"
echo "inline: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
