#!/usr/bin/env bash
# The main job end to end, offline: the built-in emulator of the Gemini Batch API on 127.0.0.1,
# a fresh images root in a temporary folder, a few submitted prompts, `check` until every job is done,
# then the folder tree and `list`. Run through `make demo` (which builds first).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.build/debug/pfc-jobs"
work="$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-demo.XXXXXX")"
images="$work/images"

# The emulator accepts exactly this key; it is not a Google key and never leaves the machine.
export GEMINI_API_KEY="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

"$bin" emulator --port 0 --polls-until-done 2 --image-size 512x512 > "$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/emulator.out" 2>/dev/null || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "demo: the emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 1; }

cat > "$work/config.json" <<JSON
{
  "generated_images_path": "$images",
  "batch_check_interval_minutes": 30,
  "gemini_api_base_url": "$url",
  "poll_interval_seconds": 0
}
JSON
pfc() { "$bin" "$@" --config "$work/config.json"; }

echo "== Emulator at $url, images root $images"
echo "== Submitting two batch jobs"
pfc submit --title "Frog news" --prompt "A frog reading a newspaper" --prompt "A lighthouse at dusk [emu:jpeg]"
pfc submit --title "Mixed" --prompt "A red fox in snow" --prompt "Something the model refuses [emu:blocked]" --no-webp

echo "== Running check until no job is pending (as cron would, every N minutes)"
for round in $(seq 1 10); do
  pfc check
  pending="$(pfc list --status pending --json)"
  [ "$pending" = "[]" ] && break
  echo "   round $round: still pending"
done

echo "== Files under $images"
(cd "$images" && find . -type f ! -name '*.lock' ! -name '*-shm' ! -name '*-wal' | sort | sed 's|^\./|   |')
echo "== pfc-jobs list"
pfc list
echo "== Log ($images/metadata/logs/batch_checker.log, last lines)"
tail -n 6 "$images/metadata/logs/batch_checker.log" | sed 's/^/   /'
echo "== Demo folder kept at $work"
