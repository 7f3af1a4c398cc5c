#!/usr/bin/env bash
# Job store benchmark: claim latency on a 100k-row table and claim+finish throughput with 1 and 8 processes,
# on SQLite and on PostgreSQL (a throwaway server from scripts/pg-test-server.sh unless PFC_TEST_POSTGRES_URL
# names one), and `store copy` of the 100k-job database to PostgreSQL and back.
# Run after `swift build -c release` (make bench does); prints figures, never fails on speed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
worker="${CLAIM_WORKER:-$root/.build/release/claim-worker}"
if [ ! -x "$worker" ]; then
  (cd "$root" && swift build -c release --product claim-worker >/dev/null)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-store.XXXXXX")"
started_server=""
cleanup() {
  [ -n "$started_server" ] && bash "$root/scripts/pg-test-server.sh" stop "$started_server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "store: seeding 100000 pending jobs"
"$worker" --db "$work/claim.sqlite3" --seed 100000 | sed 's/^/store:   /'
echo "store: $("$worker" --db "$work/claim.sqlite3" --bench-claims 200 --batch 10) (100k-row table)"

# throughput PROCESSES JOBS LABEL DB: seed DB, drain it with PROCESSES claim-workers at once, print jobs/s.
throughput() {
  local processes=$1 jobs=$2 label=$3 db=$4
  "$worker" --db "$db" --seed "$jobs" >/dev/null
  local start end
  start=$(now)
  for n in $(seq 1 "$processes"); do
    "$worker" --db "$db" --owner "bench-$n" --batch 10 --lease 60 --loop > "$work/out-$label-$processes-$n.txt" &
  done
  wait
  end=$(now)
  local handed
  handed=$(cat "$work"/out-"$label"-"$processes"-*.txt | wc -l)
  local unique
  unique=$(cut -d' ' -f1 "$work"/out-"$label"-"$processes"-*.txt | sort -u | wc -l)
  local seconds
  seconds=$(elapsed "$start" "$end")
  awk -v l="$label" -v p="$processes" -v n="$handed" -v u="$unique" -v s="$seconds" \
    'BEGIN { printf "store: %s claim+finish with %d process(es): %d jobs (%d distinct) in %.2f s = %.0f jobs/s\n", l, p, n, u, s, n / s }'
}
throughput 1 20000 sqlite "$work/throughput-1.sqlite3"
throughput 8 20000 sqlite "$work/throughput-8.sqlite3"

# PostgreSQL: the same figures on a server of our own (or the one named), each in a fresh database.
server="${PFC_TEST_POSTGRES_URL:-}"
if [ -z "$server" ]; then
  if env_lines=$(bash "$root/scripts/pg-test-server.sh" start 2>/dev/null); then
    eval "$env_lines"
    started_server="$PFC_TEST_POSTGRES_DIR"
    server="$PFC_TEST_POSTGRES_URL"
  fi
fi
if [ -z "$server" ] || ! command -v psql >/dev/null 2>&1; then
  echo "store: PostgreSQL figures SKIPPED (no server could be started and PFC_TEST_POSTGRES_URL is not set)"
  exit 0
fi
database() {   # a fresh database on the server; prints its URL
  local name="pfc_bench_$1_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$server" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${server%/*}/$name"
}
echo "store: PostgreSQL $(psql "$server" -tAc 'SHOW server_version') on ${server%%\?*}"
pg_claim=$(database claim)
"$worker" --db "$pg_claim" --seed 100000 | sed 's/^/store:   postgresql /'
echo "store: postgresql $("$worker" --db "$pg_claim" --bench-claims 200 --batch 10) (100k-row table)"
throughput 1 20000 postgresql "$(database t1)"
throughput 8 20000 postgresql "$(database t8)"

# store copy: the 100k-job SQLite database to PostgreSQL, and back into a new SQLite file.
pg_copy=$(database copy)
echo "store: sqlite -> postgresql: $("$worker" --db "$work/claim.sqlite3" --copy-to "$pg_copy")"
echo "store: postgresql -> sqlite: $("$worker" --db "$pg_copy" --copy-to "$work/copied.sqlite3")"
echo "store: repeated copy (nothing to insert): $("$worker" --db "$work/claim.sqlite3" --copy-to "$pg_copy")"
