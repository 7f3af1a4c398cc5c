#!/usr/bin/env bash
# Submit memory of batches too big to go inline (issue 10): `pfc-jobs submit` writes the requests as JSONL with
# each reference image base64'd straight from its file, uploads it with the Files API's resumable protocol in
# 8 MiB chunks read from disk, and creates the batch with inputConfig.fileName. Peak RSS must stay flat as the
# batch grows (target: at most 100 MB). Release build, the emulator over loopback, distinct ~1 MB reference
# images, 3 per request: 50 requests (~200 MB of JSONL) and 200 requests (BENCH_UPLOAD_REQUESTS, ~800 MB).
# Prints figures; never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PFC_JOBS_BIN:-$PWD/.build/release/pfc-jobs}
# shellcheck source=bench/lib.bash
source bench/lib.bash
[ -x "$BIN" ] || { echo "bench/submit-upload.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/submit-upload.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
BIG=${BENCH_UPLOAD_REQUESTS:-200}
IMAGE_BYTES=${BENCH_UPLOAD_IMAGE_BYTES:-1000000}

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-upload.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
mkdir -p "$work/emulator" "$work/refs"
TMPDIR="$work/emulator" start_emulator "$work/emulator.out" --polls-until-done 1000 --image-size 32x32

# Distinct images: a PNG signature (the type is sniffed from the head) and random bytes, so no two are alike.
for i in $(seq 0 $(( BIG * 3 - 1 ))); do
  { printf '\x89PNG\r\n\x1a\n'; head -c $(( IMAGE_BYTES - 8 )) /dev/urandom; } > "$work/refs/ref-$i.png"
done

# scenario REQUESTS: a fresh images root, a prompts file of REQUESTS lines with 3 images each; one timed submit.
scenario() {
  local requests=$1 root="$work/r$1"
  mkdir -p "$root"
  printf '{"generated_images_path": "%s", "gemini_api_base_url": "%s"}\n' "$root" "$url" > "$root/config.json"
  python3 - "$requests" "$work/refs" > "$root/prompts.jsonl" <<'PY'
import json, sys
requests, refs = int(sys.argv[1]), sys.argv[2]
for r in range(requests):
    images = [f"{refs}/ref-{3 * r + k}.png" for k in range(3)]
    print(json.dumps({"prompt": f"the three pictures of request {r} as one watercolour", "reference_images": images}))
PY
  /usr/bin/time -v -o "$work/time" "$BIN" submit --config "$root/config.json" --prompts-file "$root/prompts.jsonl" \
    > "$work/out" 2> "$work/err" || { echo "submit-upload: $requests requests failed:" >&2; cat "$work/err" >&2; exit 1; }
  local wall rss uploaded wrote
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") / 1024 ))
  uploaded=$(sed -n 's/^uploaded \(.*\) as files\/[^ ]* in \(.*\)$/\1 in \2/p' "$work/err")
  [ -n "$uploaded" ] || { echo "submit-upload: $requests requests did not go through the Files API:" >&2; cat "$work/err" >&2; exit 1; }
  wrote=$(sed -n 's/^wrote the JSONL input (\(.*\)) in \(.*\)$/\2/p' "$work/err")
  printf 'submit-upload: %4d requests x 3 images  %7.2f s  peak RSS %4d MB  (JSONL written in %s, uploaded %s; job %s)\n' \
    "$requests" "$wall" "$rss" "$wrote" "$uploaded" "$(cat "$work/out")"
  rm -rf "$root"
}

echo "submit-upload: distinct $(( IMAGE_BYTES / 1000 )) kB reference images, 3 per request, through the Files API (8 MiB chunks)"
scenario 50
scenario "$BIG"
echo "submit-upload: target peak RSS <= 100 MB whatever the batch; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
