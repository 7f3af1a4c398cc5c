#!/usr/bin/env bash
# Job store benchmark: claim latency on a 100k-row table and claim+finish throughput with 1 and 8 processes.
# Run after `swift build -c release` (make bench does); prints figures, never fails on speed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
worker="$root/.build/release/claim-worker"
if [ ! -x "$worker" ]; then
  (cd "$root" && swift build -c release --product claim-worker >/dev/null)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-store.XXXXXX")"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "store: seeding 100000 pending jobs"
"$worker" --db "$work/claim.sqlite3" --seed 100000 | sed 's/^/store:   /'
echo "store: $("$worker" --db "$work/claim.sqlite3" --bench-claims 200 --batch 10) (100k-row table)"

throughput() {
  local processes=$1 jobs=$2 db="$work/throughput-$1.sqlite3"
  "$worker" --db "$db" --seed "$jobs" >/dev/null
  local start end
  start=$(now)
  for n in $(seq 1 "$processes"); do
    "$worker" --db "$db" --owner "bench-$n" --batch 10 --lease 60 --loop > "$work/out-$processes-$n.txt" &
  done
  wait
  end=$(now)
  local handed
  handed=$(cat "$work"/out-"$processes"-*.txt | wc -l)
  local unique
  unique=$(cut -d' ' -f1 "$work"/out-"$processes"-*.txt | sort -u | wc -l)
  local seconds
  seconds=$(elapsed "$start" "$end")
  awk -v p="$processes" -v n="$handed" -v u="$unique" -v s="$seconds" \
    'BEGIN { printf "store: claim+finish with %d process(es): %d jobs (%d distinct) in %.2f s = %.0f jobs/s\n", p, n, u, s, n / s }'
}
throughput 1 20000
throughput 8 20000
