#!/usr/bin/env bash
# The job store on PostgreSQL beside SQLite (release build, a throwaway server of its own from
# scripts/pg-test-server.sh, stopped at the end; the emulator over loopback):
#  (a) `pfc-jobs check` end to end: 1 and 8 processes at once on BENCH_PG_BATCHES (1000) finished batches of one
#      small image each, on SQLite and on PostgreSQL: wall, batches/s, and whether the emulator saw every batch
#      fetched exactly once;
#  (b) `pfc-jobs store copy` of a 100k-job SQLite database (import-json of a legacy tracking file, as
#      bench/legacy.sh makes it) into a fresh PostgreSQL database, the repeated copy (nothing to insert), and back
#      into a new SQLite file: wall and peak RSS.
# The store alone (claim-worker: claim latency, claim+finish with 1 and 8 processes, both backends) is in
# bench/store.sh. Prints figures; never fails on speed. Without a server it prints SKIPPED and why.
# Sizes: BENCH_PG_BATCHES (1000), BENCH_PG_JOBS (100000). Binary: PFC_JOBS_BIN (.build/release/pfc-jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.bash
source bench/lib.bash
BIN=${PFC_JOBS_BIN:-.build/release/pfc-jobs}
[ -x "$BIN" ] || { echo "bench/postgres.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x /usr/bin/time ] || { echo "bench/postgres.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
BATCHES=${BENCH_PG_BATCHES:-1000}
JOBS=${BENCH_PG_JOBS:-100000}

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-postgres.XXXXXX")
pid=""
pg_dir=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  [ -n "$pg_dir" ] && bash scripts/pg-test-server.sh stop "$pg_dir" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if ! pg_env=$(bash scripts/pg-test-server.sh start 2>"$work/pg.err"); then
  echo "postgres: SKIPPED: no throwaway PostgreSQL server could be started: $(tail -1 "$work/pg.err")"
  exit 0
fi
eval "$pg_env"
pg_dir=$PFC_TEST_POSTGRES_DIR
server=$PFC_TEST_POSTGRES_URL
command -v psql >/dev/null || { echo "postgres: SKIPPED: no psql (Debian package postgresql-client)"; exit 0; }
# fresh_database NAME: a new database on the server; prints its URL.
fresh_database() {
  psql "$server" -qc "CREATE DATABASE pfc_bench_$1 TEMPLATE template0" >/dev/null
  echo "${server%/*}/pfc_bench_$1"
}
echo "postgres: PostgreSQL $(psql "$server" -tAc 'SHOW server_version') on ${server%%\?*} (fsync off: a throwaway server)"

# ---- (a) check end to end ----------------------------------------------------------------------------------
export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
start_emulator "$work/emulator.out" --polls-until-done 1 --image-size 32x32
# run_checks BACKEND PROCESSES: a fresh images root on BACKEND with BATCHES new finished batches imported, then
# PROCESSES `check` runs at once (timed, bounded); prints the figures.
run_checks() {
  local backend=$1 processes=$2 root="$work/check-$1-$2" database=""
  mkdir -p "$root/metadata"
  [ "$backend" = postgresql ] && database=$(fresh_database "check_$processes")
  python3 - "$url" "$BATCHES" "$root" "$database" <<'PY'
import json, sys, urllib.request
url, count, root, database = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
tracking, names = {}, []
for _ in range(count):
    request = urllib.request.Request(url + "/_emulator/batches", method="POST", headers={"content-type": "application/json"},
                                     data=json.dumps({"state": "SUCCEEDED", "items": 1}).encode())
    name = json.load(urllib.request.urlopen(request, timeout=10))["name"]
    names.append(name)
    tracking[name] = {"batch_job_id": name, "status": "pending", "submitted_at": "2026-02-07T21:00:00.123456",
                      "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
json.dump(tracking, open(root + "/metadata/batch_jobs_tracking.json", "w"))
open(root + "/names.txt", "w").write("\n".join(names) + "\n")
config = {"generated_images_path": root, "gemini_api_base_url": url, "poll_interval_seconds": 0, "api_delay_seconds": 0,
          "claim_batch_size": 10, "gallery_enabled": False}
if database: config["jobs_database"] = database
json.dump(config, open(root + "/config.json", "w"))
PY
  "$BIN" import-json --config "$root/config.json" > /dev/null
  local start end n pids=()
  start=$(date +%s.%N)
  for n in $(seq 1 "$processes"); do
    timeout -s KILL 600 "$BIN" check --config "$root/config.json" > "$root/check-$n.out" 2>&1 &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || { echo "postgres: a check run failed:" >&2; cat "$root"/check-*.out >&2; exit 1; }; done
  end=$(date +%s.%N)
  local once
  once=$(curl -sf "$url/_emulator/stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)["batches"]; names = open(sys.argv[1]).read().split()
wrong = sum(1 for name in names if stats.get(name, {}).get("gets", 0) != 1)
print("every batch fetched once" if wrong == 0 else "%d batches NOT fetched exactly once" % wrong)' "$root/names.txt")
  local originals
  originals=$(find "$root/original" -type f ! -name '.*' | wc -l)
  awk -v b="$backend" -v p="$processes" -v n="$BATCHES" -v s="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
      -v o="$originals" -v once="$once" \
    'BEGIN { printf "postgres: (a) check, %-10s %d process(es): %d batches in %6.2f s = %5.0f batches/s (%d originals; %s)\n", b, p, n, s, n / s, o, once }'
}
for backend in sqlite postgresql; do
  for processes in 1 8; do run_checks "$backend" "$processes"; done
done

# ---- (b) store copy of a 100k-job database ------------------------------------------------------------------
mkdir -p "$work/copy/metadata"
printf '{"generated_images_path": "%s"}\n' "$work/copy" > "$work/copy/config.json"
write_legacy_tracking_file "$JOBS" "$work/copy/metadata/batch_jobs_tracking.json"
"$BIN" import-json --config "$work/copy/config.json" > /dev/null
sqlite_db="$work/copy/metadata/jobs.sqlite3"
echo "postgres: (b) a SQLite database of $JOBS jobs (import-json of a legacy tracking file), $(( $(stat -c %s "$sqlite_db") / 1048576 )) MB"
target=$(fresh_database copy)
# copy LABEL FROM TO: one `pfc-jobs store copy` under /usr/bin/time -v; prints wall, peak RSS and the jobs line.
copy() {
  /usr/bin/time -v -o "$work/time" "$BIN" store copy --from "$2" --to "$3" > "$work/copy.out" 2>&1 \
    || { echo "postgres: store copy $1 failed:" >&2; cat "$work/copy.out" >&2; exit 1; }
  wall_and_rss "$work/time"
  printf 'postgres: (b) store copy %-34s %6.2f s  peak RSS %4d MB  (%s)\n' "$1" "$WALL" "$RSS_MB" \
    "$(grep -m1 '^jobs:' "$work/copy.out")"
}
copy "sqlite -> postgresql" "$sqlite_db" "$target"
copy "again (nothing to insert)" "$sqlite_db" "$target"
copy "postgresql -> new sqlite file" "$target" "$work/copy/back.sqlite3"
