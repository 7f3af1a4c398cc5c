#!/usr/bin/env bash
# Legacy tracking file figures (release build): `pfc-jobs import-json` of a 100k-entry batch_jobs_tracking.json
# into a fresh database, the idempotent re-import, and `pfc-jobs export-json` of the same 100k jobs.
# Wall seconds and peak RSS from /usr/bin/time -v. Prints figures; never fails on speed.
# Size: BENCH_LEGACY_ENTRIES (default 100000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.bash
source bench/lib.bash
BIN=.build/release/pfc-jobs
[ -x "$BIN" ] || { echo "bench/legacy.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/legacy.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
ENTRIES=${BENCH_LEGACY_ENTRIES:-100000}

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-legacy.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/images/metadata"
printf '{"generated_images_path": "%s"}\n' "$work/images" > "$work/config.json"
tracking="$work/images/metadata/batch_jobs_tracking.json"

write_legacy_tracking_file "$ENTRIES" "$tracking"
echo "legacy: tracking file of $ENTRIES entries, $(( $(stat -c %s "$tracking") / 1048576 )) MB"

# Runs one command under /usr/bin/time -v and prints "<label>: <seconds> s, peak RSS <MB> MB" plus its own summary.
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  printf 'legacy: %-34s %6.2f s  peak RSS %4d MB   (%s)\n' "$label" "$wall" $((rss / 1024)) "$(head -1 "$work/out")"
}

measure "import-json (fresh database)" "$BIN" import-json --config "$work/config.json" "$tracking"
measure "import-json again (unchanged)" "$BIN" import-json --config "$work/config.json" "$tracking"
measure "export-json" "$BIN" export-json --config "$work/config.json" "$work/export.json"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
missing = set(a) - set(b)
print("legacy: export holds %d of %d entries%s" % (len(set(a) & set(b)), len(a), "" if not missing else "; MISSING %d" % len(missing)))
' "$tracking" "$work/export.json"
echo "legacy: database $(( $(stat -c %s "$work/images/metadata/jobs.sqlite3") / 1048576 )) MB"
