#!/usr/bin/env bash
# Emulator figures (release build): status-call throughput over one keep-alive connection, time to generate a
# 1 GB synthetic responses file, and the streamed download of it (seconds, MB/s, emulator peak RSS).
# Prints figures; never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${EMULATOR_BENCH_BIN:-.build/release/pfc-jobs}
# shellcheck source=bench/lib.bash
source bench/lib.bash  # the script runs from the repository root (cd above)
[ -x "$BIN" ] || { echo "bench/emulator.sh: $BIN is missing; run swift build -c release" >&2; exit 1; }
SIZE_BYTES=${EMULATOR_BENCH_BYTES:-1073741824}
CALLS=${EMULATOR_BENCH_CALLS:-2000}

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export BENCH_KEY="bench-$RANDOM$RANDOM"
# The key travels only through the environment and a header file, never argv.
printf 'x-goog-api-key: %s\n' "$BENCH_KEY" > "$work/headers"
TMPDIR="$work" GEMINI_API_KEY="$BENCH_KEY" start_emulator "$work/out" --polls-until-done 1000000
rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }

name=$(curl -sf -H @"$work/headers" -H 'content-type: application/json' \
  -d '{"batch":{"displayName":"bench","inputConfig":{"requests":{"requests":[{"request":{"contents":[{"parts":[{"text":"bench"}]}]},"metadata":{"key":"k"}}]}}}}' \
  "$url/v1beta/models/gemini-3-pro-image:batchGenerateContent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')

python3 - "$url" "$name" "$CALLS" <<'PY'
import http.client, os, sys, time, urllib.parse
url, name, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port)
headers = {"x-goog-api-key": os.environ["BENCH_KEY"]}
start = time.perf_counter()
for _ in range(calls):
    connection.request("GET", f"/v1beta/{name}", headers=headers)
    response = connection.getresponse(); response.read()
    assert response.status == 200
elapsed = time.perf_counter() - start
print(f"status calls: {calls} sequential GETs in {elapsed:.2f} s = {calls / elapsed:.0f} req/s ({elapsed / calls * 1000:.2f} ms each)")
PY

start=$(date +%s.%N)
created=$(curl -sf -d "{\"state\":\"SUCCEEDED\",\"responsesFileBytes\":$SIZE_BYTES,\"imageSize\":\"256x256\"}" "$url/_emulator/batches")
end=$(date +%s.%N)
file=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["output"]["responsesFile"])')
echo "synthetic responses file: $SIZE_BYTES bytes generated in $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') s"
rss_before=$(rss_kb)
read -r code bytes seconds < <(curl -s -o /dev/null -H @"$work/headers" -w '%{http_code} %{size_download} %{time_total}\n' \
  "$url/download/v1beta/$file:download?alt=media")
echo "download: HTTP $code, $bytes bytes in $seconds s = $(awk -v b="$bytes" -v s="$seconds" 'BEGIN {printf "%.0f", b / s / 1048576}') MB/s"
echo "emulator peak RSS: $((rss_before / 1024)) MB before download, $(( $(rss_kb) / 1024 )) MB after"
