#!/usr/bin/env bash
# The gallery in a real browser: headless Chromium (Debian package chromium) loads the page `check` wrote
# from disk, for an images root whose path holds spaces, with 200 retrieved images, a blocked item, a failed
# batch and a prompt and title holding HTML. Checks that every thumbnail loaded (none broken), that user text
# stayed text, that the status and date filters work, that the page still works when the whole root is copied
# elsewhere and when it is served over HTTP, and takes a screenshot (.build/gallery-screenshot.png).
# Without a Chromium that runs, it prints SKIPPED and why, and exits 0: never a silent pass.
# Expects .build/debug/pfc-jobs (or PFC_JOBS_BIN).
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/checks.sh
source scripts/lib/checks.sh
require_binary gallery-chromium
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "gallery-chromium: SKIPPED: no chromium here (Debian package chromium; make test installs it when run as root)"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-gallery.XXXXXX")
pid=""; server=""
cleanup() {
  for p in "$pid" "$server"; do if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi; done
  rm -rf "$work"
}
trap cleanup EXIT
# browse URL OUT: the DOM after the page's scripts ran and its images loaded (virtual time), into OUT. Lazy
# loading is switched off in the browser, so every thumbnail loads, not only those in the first screen.
# (A window tall enough to hold all cards instead makes headless Chromium hang.) KILL: it ignores TERM when stuck.
browse() {
  timeout -s KILL 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --window-size=1280,900 \
    --blink-settings=lazyLoadEnabled=false --virtual-time-budget=20000 --dump-dom "$1" > "$2" 2> "$work/chromium.err"
}
if ! browse "about:blank" "$work/probe.html" || ! grep -q "<html" "$work/probe.html"; then
  echo "gallery-chromium: SKIPPED: $CHROMIUM does not run here:"; tail -3 "$work/chromium.err"
  exit 0
fi

# shellcheck source=bench/lib.bash
source bench/lib.bash
# shellcheck source=scripts/emulator-root.bash
source scripts/emulator-root.bash
export GEMINI_API_KEY="gallery-$RANDOM-$RANDOM"
start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 96x64
root="$work/my images"
images_root "$root" '{"original_subdir": "original files"}'

# 200 images in four jobs of 50, one more item the model refuses, a prompt and a title holding HTML.
for job in 1 2 3 4; do
  python3 -c 'import json, sys
job = int(sys.argv[1])
for i in range(50):
    line = {"prompt": f"Frog number {i} of job {job}", "title": f"Frog {job}-{i}"}
    if job == 2 and i == 7:
        line = {"prompt": "<script>document.body.setAttribute(\"data-pwned\", \"1\")</script><img src=x onerror=\"document.title=1\"> & a frog",
                "title": "<b>Bold</b> & \"quoted\""}
    print(json.dumps(line))
if job == 3:
    print(json.dumps({"prompt": "Something the model refuses [emu:blocked]", "title": "Refused"}))' "$job" > "$work/prompts-$job.jsonl"
  quietly pfc submit --prompts-file "$work/prompts-$job.jsonl" --no-webp
done
quietly pfc submit --prompt "A doomed frog [emu:batch-failed]" --title "Doomed"
check_until_done
page="$root/gallery/index.html"
[ -f "$page" ] || { echo "gallery-chromium: check wrote no $page" >&2; exit 1; }
[ "$(ls "$root/gallery/thumbs" | wc -l)" = 200 ] || { echo "gallery-chromium: expected 200 thumbnails" >&2; ls "$root/gallery/thumbs" | head >&2; exit 1; }

file_url() { python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri() + sys.argv[2])' "$1" "${2:-}"; }
# verify DOM WHAT [EXPECTED]: checks one dumped DOM (scripts/gallery_dom_check.py).
verify() { python3 scripts/gallery_dom_check.py "$@"; }

browse "$(file_url "$page")" "$work/all.html"
verify "$work/all.html" loaded 200 "$page"
browse "$(file_url "$page" "?status=blocked")" "$work/blocked.html"
verify "$work/blocked.html" shown 1 blocked
browse "$(file_url "$page" "?status=failed")" "$work/failed.html"
verify "$work/failed.html" shown 1 failed
browse "$(file_url "$page" "?from=2999-01-01")" "$work/future.html"
verify "$work/future.html" shown 0 -
today=$(date +%F)
browse "$(file_url "$page" "?status=done&from=$today&to=$today")" "$work/today.html"
verify "$work/today.html" shown 200 done

# The whole root copied elsewhere (another path with spaces): still every thumbnail, links still resolve.
cp -a "$root" "$work/copied root"
browse "$(file_url "$work/copied root/gallery/index.html")" "$work/copied.html"
verify "$work/copied.html" loaded 200 "$work/copied root/gallery/index.html"

# Served over HTTP by a plain file server.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$root" && exec python3 -m http.server --bind 127.0.0.1 "$port") > "$work/http.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/gallery/index.html" && break; sleep 0.1; done
browse "http://127.0.0.1:$port/gallery/index.html" "$work/http.html"
verify "$work/http.html" loaded 200 -

mkdir -p .build
shot=$PWD/.build/gallery-screenshot.png
rm -f "$shot"
timeout -s KILL 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --window-size=1280,900 \
  --virtual-time-budget=10000 --hide-scrollbars --screenshot="$shot" "$(file_url "$page")" > /dev/null 2>> "$work/chromium.err"
python3 -c 'import sys; data = open(sys.argv[1], "rb").read(); sys.exit(0 if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000 else 1)' "$shot" \
  || { echo "gallery-chromium: no usable screenshot at $shot" >&2; exit 1; }

# Incremental: nothing new means nothing written; a new job renders only its own cards.
before=$(stat -c %Y.%N "$page" 2>/dev/null || stat -c %Y "$page")
pfc gallery | grep -q "Gallery up to date" || { echo "gallery-chromium: an idle gallery update rewrote the page" >&2; exit 1; }
quietly pfc submit --prompt "One more frog" --prompt "And another"
pfc check > /dev/null; pfc check > /dev/null
grep -q "Gallery updated: 2 card(s) rendered, 2 thumbnail(s) made" "$root/metadata/logs/batch_checker.log" \
  || { echo "gallery-chromium: the update after a new job did not render exactly its 2 cards:" >&2
       grep "Gallery" "$root/metadata/logs/batch_checker.log" >&2; exit 1; }
echo "gallery-chromium: ok (screenshot: $shot)"
