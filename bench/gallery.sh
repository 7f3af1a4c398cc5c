#!/usr/bin/env bash
# `pfc-jobs gallery` on 10k images (release build): the update after a check with nothing new, and with 40
# new images; plus the first build (10k thumbnails) and a full re-render from the existing thumbnails.
# The 10k images are real files and rows, made cheaply: the emulator renders small smooth PNGs (64x64) and
# `check` retrieves them as it would any batch (no WebP). The 40 new ones come twice: small (the cost of the
# update itself) and 1024x1024 photo-like PNGs (thumbnails costing what real ones do). Walls include the process
# start and the database open, as cron sees them; a `list --limit 0` wall is printed for scale.
# Sizes: BENCH_GALLERY_JOBS (100) x BENCH_GALLERY_PER_JOB (100), BENCH_GALLERY_NEW (40). Prints figures; never
# fails on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.build/release/pfc-jobs
[ -x "$BIN" ] || { echo "bench/gallery.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
# shellcheck source=bench/lib.bash
source bench/lib.bash
# shellcheck source=scripts/emulator-root.bash
source scripts/emulator-root.bash
JOBS=${BENCH_GALLERY_JOBS:-100}
PER_JOB=${BENCH_GALLERY_PER_JOB:-100}
NEW=${BENCH_GALLERY_NEW:-40}

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-gallery.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
mkdir -p "$work/emulator"
TMPDIR="$work/emulator" start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 64x64 --no-thoughts
root="$work/images"
images_root "$root" '{"gallery_enabled": false, "claim_batch_size": 500}'

# wall LABEL CMD...: milliseconds of one run of CMD (output kept in $work/out); sets MS.
wall() {
  local label=$1 start; shift
  start=$(date +%s%N)
  "$@" > "$work/out" 2>&1 || { echo "gallery: $label failed:" >&2; cat "$work/out" >&2; exit 1; }
  MS=$(( ($(date +%s%N) - start) / 1000000 ))
}

start=$(date +%s)
for job in $(seq 1 "$JOBS"); do
  python3 -c 'import json, sys
for i in range(int(sys.argv[2])): print(json.dumps({"prompt": f"Bench frog {i} of job {sys.argv[1]}", "title": f"Frog {sys.argv[1]}-{i}"}))' \
    "$job" "$PER_JOB" > "$work/prompts.jsonl"
  quietly pfc submit --prompts-file "$work/prompts.jsonl" --no-webp
done
check_until_done 5
images=$(ls "$root/original" | wc -l)
echo "gallery: setup: $images images in $JOBS jobs retrieved by check in $(( $(date +%s) - start )) s (not timed below)"

wall "first build" pfc gallery
echo "gallery: first build, $images thumbnails made:            $(printf '%7d' "$MS") ms  ($(sed 's/^Gallery written: [^(]*//' "$work/out"))"
page_mb=$(du -m "$root/gallery/index.html" | cut -f1)
wall "baseline" pfc list --limit 0
echo "gallery: for scale: process start + database open (list --limit 0): $(printf '%7d' "$MS") ms"
times=()
for _ in 1 2 3; do wall "idle update" pfc gallery; times+=("$MS"); done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
echo "gallery: update with 0 new images (median of 3):          $(printf '%7d' "$median") ms  ($(sed 's/:.*//' "$work/out"))"

# new_images N PREFIX: one more job of N images, retrieved by check (not timed).
new_images() {
  python3 -c 'import json, sys
for i in range(int(sys.argv[1])): print(json.dumps({"prompt": f"{sys.argv[2]} {i}", "title": f"{sys.argv[2]} {i}"}))' "$1" "$2" > "$work/new.jsonl"
  quietly pfc submit --prompts-file "$work/new.jsonl" --no-webp
  check_until_done 3
}
new_images "$NEW" "A late small frog"
wall "update with small new images" pfc gallery
echo "gallery: update with $NEW new 64x64 images:                $(printf '%7d' "$MS") ms  ($(sed 's/^Gallery written: [^(]*//' "$work/out"))"
curl -sf -X POST "$url/_emulator/config" -d '{"imageSize": "1024x1024", "imageStyle": "photo"}' > /dev/null
new_images "$NEW" "A late harbour photograph"
wall "update with new images" pfc gallery
echo "gallery: update with $NEW new 1024x1024 images:            $(printf '%7d' "$MS") ms  ($(sed 's/^Gallery written: [^(]*//' "$work/out"))"
wall "rebuild" pfc gallery --rebuild
echo "gallery: --rebuild (every card rendered, thumbnails kept):  $(printf '%7d' "$MS") ms  ($(sed 's/^Gallery written: [^(]*//' "$work/out"))"
echo "gallery: page $page_mb MB, thumbnails $(du -sm "$root/gallery/thumbs" | cut -f1) MB, cache $(du -m "$root/gallery/.cache/fragments" | cut -f1) MB"
