# Shared by the benchmark scripts (sourced, not run).

# start_emulator OUT [ARGS...]: starts `$BIN emulator --port 0 ARGS` in the background with its output
# in OUT (the key comes from GEMINI_API_KEY in the environment, never argv), then waits, bounded, for
# its URL line. Sets `pid` and `url`; exits 1 with the emulator's output when it does not start.
start_emulator() {
  local out=$1
  shift
  "$BIN" emulator --port 0 "$@" > "$out" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^emulator listening on //p' "$out")
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "emulator did not start" >&2
  cat "$out" >&2
  exit 1
}

# cwebp_median_ms IN OUT: `cwebp -q 85 -m 6` on IN three times (PNG decode and process start included);
# prints the median wall time in milliseconds. OUT holds the last output.
cwebp_median_ms() {
  local times=() start
  for _ in 1 2 3; do
    start=$(date +%s%N)
    cwebp -quiet -q 85 -m 6 "$1" -o "$2"
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

# write_legacy_tracking_file N FILE: a batch_jobs_tracking.json of N entries as the old Python tools left it:
# real-looking ids with a slash and made-up ones, every status the old checker wrote, optional fields missing
# on some entries and an extra field on others (the mix a long-lived tracking file has). Deterministic (seed 7).
write_legacy_tracking_file() {
  python3 -c '
import json, random, sys
random.seed(7); n = int(sys.argv[1]); entries = {}
for i in range(n):
    jid = "batches/%032x" % random.getrandbits(128) if i % 3 else "batch_20260207_%06d" % i
    retrieved = i % 10 != 0
    entry = {"batch_job_id": jid, "status": random.choice(["completed", "completed", "failed"]) if retrieved else "pending",
             "submitted_at": "2026-02-%02dT%02d:%02d:%02d.%06d" % (1 + i % 28, i % 24, i % 60, i % 59, i % 999999),
             "last_checked": None if i % 7 == 0 else "2026-02-28T09:30:00.123456",
             "completed_at": "2026-02-28T09:30:01" if retrieved else None, "retrieved": retrieved, "check_count": i % 13}
    if i % 11 == 0: del entry["last_checked"]
    if i % 17 == 0: entry["wordpress_media_id"] = i
    entries[jid] = entry
json.dump(entries, open(sys.argv[2], "w"), indent=2)
' "$1" "$2"
}

# wall_and_rss TIMEFILE: reads the report `/usr/bin/time -v -o TIMEFILE` wrote; sets WALL (seconds) and RSS_MB
# (peak resident set size).
wall_and_rss() {
  WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  RSS_MB=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024 ))
}
