#!/usr/bin/env bash
# GeminiBatch client figures against the real emulator (`pfc-jobs emulator --latency-ms 20`), release build:
#  - 1000 status calls (GET batches/<id>), sequential versus getBatches(maxConcurrent: 8): seconds and ratio;
#  - download of a 1 GB responses file through downloadResponsesFile (streamed to disk): seconds, MB/s and
#    the peak RSS of the downloading process (/usr/bin/time -v, and VmHWM before/after inside it).
# Prints figures; never fails on speed. Sizes: BENCH_STATUS_CALLS, BENCH_CONCURRENCY, BENCH_DOWNLOAD_BYTES.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/pfc-jobs
# shellcheck source=bench/lib.bash
source bench/lib.bash  # the script runs from the repository root (cd above)
DRIVER=.build/release/bench-driver
for b in "$BIN" "$DRIVER"; do
  [ -x "$b" ] || { echo "bench/client.sh: $b is missing; run swift build -c release" >&2; exit 1; }
done
CALLS=${BENCH_STATUS_CALLS:-1000}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
DOWNLOAD_BYTES=${BENCH_DOWNLOAD_BYTES:-1073741824}

work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-bench-client.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The key travels only through the environment, never argv.
export GEMINI_API_KEY="bench-$RANDOM$RANDOM"
mkdir -p "$work/emulator" "$work/downloads"
TMPDIR="$work/emulator" start_emulator "$work/emulator.out" --latency-ms 20

# Distinct RUNNING batches through the control API (no latency there), so every status call is a real lookup.
python3 - "$url" "$CALLS" > "$work/names" <<'PY'
import http.client, json, sys, urllib.parse
url, count = sys.argv[1], int(sys.argv[2])
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port)
for _ in range(count):
    connection.request("POST", "/_emulator/batches", body=json.dumps({"state": "RUNNING"}),
                       headers={"content-type": "application/json"})
    response = connection.getresponse()
    print(json.loads(response.read())["name"])
PY
echo "client: $("$DRIVER" status-calls "$url" "$work/names" "$CONCURRENCY") (emulator latency 20 ms)"

created=$(curl -sf -d "{\"state\":\"SUCCEEDED\",\"responsesFileBytes\":$DOWNLOAD_BYTES,\"imageSize\":\"256x256\"}" "$url/_emulator/batches")
file=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["output"]["responsesFile"])')
/usr/bin/time -v -o "$work/time" "$DRIVER" download "$url" "$file" "$work/downloads" > "$work/download.out"
echo "client: $(cat "$work/download.out") max_rss_mib(/usr/bin/time)=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") / 1024 ))"
