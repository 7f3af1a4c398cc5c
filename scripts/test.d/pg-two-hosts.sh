#!/usr/bin/env bash
# Two machines on one PostgreSQL job store, across a real network: three network namespaces of this check's
# own (iproute2 `ip netns`), the server's holding a bridge with a veth pair to each host's. In the server's
# namespace: a throwaway PostgreSQL (scripts/pg-test-server.sh with PFC_POSTGRES_LISTEN) and the emulator, both
# reached by the hosts on 10.77.0.1 (the emulator's control API, loopback callers only, is driven from inside the
# server's namespace on its 127.0.0.1). Each host namespace runs 4 `pfc-jobs check` processes at once under its own hostname
# (`unshare --uts`) on 200 finished batches, one images root shared by both (the same path, as a shared
# filesystem mounted alike on every machine). Passes when the emulator fetched every batch exactly once, every
# job is completed with its image on disk, and the images' `written_by` names both hosts and nothing else.
# Needs root (namespaces), ip, unshare, psql and the PostgreSQL server binaries; without them it prints SKIPPED
# and why, and exits 0: never a silent pass. Every wait is bounded; everything it made is removed on exit.
# Expects .build/debug/pfc-jobs (or PFC_JOBS_BIN). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/checks.sh
source scripts/lib/checks.sh
require_binary pg-two-hosts

skip() { echo "pg-two-hosts: SKIPPED: $*"; exit 0; }
fail() { echo "pg-two-hosts: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || skip "network namespaces need root"
for tool in ip unshare psql python3; do command -v "$tool" >/dev/null || skip "no $tool here"; done

tag=$$
server_ns="pfc-pg-srv-$tag"
hosts=(host-a host-b)
host_ns=("pfc-pg-a-$tag" "pfc-pg-b-$tag")
work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-two-hosts.XXXXXX")
made_ns=()
pg_dir=""
pid=""
checkers=()
cleanup() {
  local p
  for p in "${checkers[@]}" "$pid"; do
    if [ -n "$p" ]; then kill -KILL "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  [ -n "$pg_dir" ] && ip netns exec "$server_ns" bash scripts/pg-test-server.sh stop "$pg_dir" >/dev/null 2>&1
  for p in "${made_ns[@]}"; do ip netns delete "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The network: lo in each namespace, a bridge with 10.77.0.1/24 in the server's, a veth pair per host.
ip netns add "$server_ns" 2>/dev/null || skip "ip netns add does not work here"
made_ns+=("$server_ns")
ip -n "$server_ns" link set lo up
ip -n "$server_ns" link add br0 type bridge 2>/dev/null || skip "no bridge device in a network namespace"
ip -n "$server_ns" addr add 10.77.0.1/24 dev br0
ip -n "$server_ns" link set br0 up
for i in 0 1; do
  ns=${host_ns[$i]}
  ip netns add "$ns"
  made_ns+=("$ns")
  ip -n "$ns" link set lo up
  ip link add "pfh$i-$tag" type veth peer name "pfs$i-$tag" 2>/dev/null || skip "no veth pairs here"
  ip link set "pfh$i-$tag" netns "$ns"
  ip link set "pfs$i-$tag" netns "$server_ns"
  ip -n "$ns" link set "pfh$i-$tag" name eth0
  ip -n "$ns" addr add "10.77.0.$((i + 2))/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$server_ns" link set "pfs$i-$tag" master br0 up
done

# The server's namespace: PostgreSQL and the emulator, on 10.77.0.1.
pg_env=$(ip netns exec "$server_ns" env PFC_POSTGRES_LISTEN=10.77.0.1 bash scripts/pg-test-server.sh start 2>"$work/pg.err") \
  || { cat "$work/pg.err"; skip "no throwaway PostgreSQL server could be started (see above)"; }
pg_dir=$(sed -n "s/^export PFC_TEST_POSTGRES_DIR='\(.*\)'$/\1/p" <<<"$pg_env")
port=$(cat "$pg_dir/port")
database="postgresql://pfc@10.77.0.1:$port/pfc_two_hosts"
in_host() { local n=$1; shift; ip netns exec "${host_ns[$n]}" "$@"; }
in_host 0 psql -q "postgresql://pfc@10.77.0.1:$port/postgres" -c "CREATE DATABASE pfc_two_hosts TEMPLATE template0" \
  || fail "host-a cannot reach PostgreSQL at 10.77.0.1:$port"

export GEMINI_API_KEY="two-hosts-$RANDOM-$RANDOM"
real_bin=$BIN
printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$server_ns" "$real_bin" > "$work/in-server"
chmod +x "$work/in-server"
# shellcheck source=bench/lib.bash
source bench/lib.bash
BIN="$work/in-server" start_emulator "$work/emulator.out" --host 0.0.0.0 --polls-until-done 1 --image-size 32x32
BIN=$real_bin
emulator_port=${url##*:}
control="http://127.0.0.1:$emulator_port"   # inside the server's namespace
url="http://10.77.0.1:$emulator_port"       # what the hosts' checkers call

# One images root for both hosts; 200 finished batches in the emulator, tracked as the old submitter did.
# shellcheck source=scripts/emulator-root.bash
source scripts/emulator-root.bash
root="$work/shared images"
images_root "$root" "{\"jobs_database\": \"$database\", \"claim_batch_size\": 10, \"gallery_enabled\": false}"
ip netns exec "$server_ns" python3 - "$control" "$root/metadata/batch_jobs_tracking.json" "$work/names.txt" <<'EOF'
import json, sys, urllib.request
url, tracking, names_file = sys.argv[1:4]
names = []
for _ in range(200):
    request = urllib.request.Request(url + "/_emulator/batches", data=json.dumps({"state": "SUCCEEDED", "items": 1}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    names.append(json.load(urllib.request.urlopen(request, timeout=10))["name"])
entries = {name: {"batch_job_id": name, "status": "pending", "submitted_at": "2026-02-07T21:00:00.123456", "last_checked": None,
                  "completed_at": None, "retrieved": False, "check_count": 0} for name in names}
json.dump(entries, open(tracking, "w"), indent=2)
open(names_file, "w").write("\n".join(names) + "\n")
EOF
in_host 0 "$BIN" import-json --config "$PFC_CONFIG_FILE" > "$work/import.out" 2>&1 || { cat "$work/import.out"; fail "import-json"; }

# Four checkers per host at once, each under its host's name; bounded.
for i in 0 1; do
  for n in 1 2 3 4; do
    in_host "$i" unshare --uts sh -c 'echo "$1" > /proc/sys/kernel/hostname && shift && exec "$@"' - "${hosts[$i]}" \
      timeout -s KILL 180 "$BIN" check --config "$PFC_CONFIG_FILE" > "$work/check-${hosts[$i]}-$n.out" 2>&1 &
    checkers+=($!)
  done
done
failed=0
for p in "${checkers[@]}"; do wait "$p" || failed=$((failed + 1)); done
checkers=()
if [ "$failed" != 0 ]; then
  tail -n 5 "$work"/check-*.out >&2
  fail "$failed of 8 check processes failed"
fi
if grep -h "\[ERROR\]" "$root/metadata/logs/batch_checker.log" >&2; then fail "errors in the checkers' log"; fi

# Every batch fetched exactly once (the emulator's counters), every job completed, both hosts wrote images.
ip netns exec "$server_ns" python3 - "$control" "$work/names.txt" <<'EOF' || fail "the emulator's counters"
import json, sys, urllib.request
url, names_file = sys.argv[1:3]
names = open(names_file).read().split()
stats = json.load(urllib.request.urlopen(url + "/_emulator/stats", timeout=10))["batches"]
wrong = [(name, stats.get(name, {}).get("gets", 0)) for name in names if stats.get(name, {}).get("gets", 0) != 1]
if wrong:
    sys.exit(f"pg-two-hosts: {len(wrong)} of {len(names)} batches not fetched exactly once: {wrong[:5]}")
EOF
sql() { in_host 1 psql -qtA "$database" -c "$1"; }
completed=$(sql "SELECT count(*) FROM jobs WHERE status = 'completed' AND lease_owner IS NULL")
[ "$completed" = 200 ] || fail "$completed of 200 jobs completed: $(sql "SELECT status, count(*) FROM jobs GROUP BY 1")"
writers=$(sql "SELECT coalesce(written_by, '(none)') || ' ' || count(*) FROM images WHERE state = 'done' GROUP BY written_by ORDER BY 1")
[ "$(sql "SELECT count(*) FROM images WHERE state = 'done'")" = 200 ] || fail "not 200 images done: $writers"
[ "$(sql "SELECT string_agg(DISTINCT written_by, ',' ORDER BY written_by) FROM images")" = "host-a,host-b" ] \
  || fail "the images' written_by should name host-a and host-b, not: $writers"
originals=$(find "$root/original" -type f ! -name '.*' | wc -l)
[ "$originals" = 200 ] || fail "$originals originals on disk, not 200"
[ "$(hostname)" != host-a ] && [ "$(hostname)" != host-b ] || fail "a checker's hostname leaked out of its namespace"
echo "pg-two-hosts: ok (200 batches each fetched once over the veth network; images written by $(tr '\n' ',' <<<"$writers" | sed 's/,$//'))"
