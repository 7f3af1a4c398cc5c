#!/usr/bin/env bash
# GeminiBatch client figures over real loopback HTTP (in-process test server):
#  - 1000 status calls with 20 ms server latency, sequential versus 8 concurrent;
#  - download of a ~1 GB responses file streamed to disk (time, peak RSS), then read back item by item.
# Runs the env-gated ClientBenchmarks suite of the test bundle (debug build: the transfer work is libcurl's C code).
# Prints figures; never fails on speed. Sizes: BENCH_STATUS_CALLS, BENCH_DOWNLOAD_MB.
set -euo pipefail
cd "$(dirname "$0")/.."
GEMINI_CLIENT_BENCH=1 swift test --filter 'GeminiBatchTests.ClientBenchmarks' 2>&1 | grep -E '^BENCH|✘|error:' || true
