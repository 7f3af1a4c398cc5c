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
