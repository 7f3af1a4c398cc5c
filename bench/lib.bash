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
