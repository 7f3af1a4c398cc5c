# Shared by the scripted tests and benchmarks that drive the built binary against its emulator (sourced, not run).
# Needs bench/lib.bash sourced first (start_emulator sets `url`) and BIN set.

# images_root ROOT [JSON]: a config.json in ROOT for an images root on the emulator at $url, checked every run,
# with the keys of the JSON object JSON laid over it; defines `pfc` (the binary with that config).
images_root() {
  mkdir -p "$1/metadata"
  python3 -c 'import json, sys
config = {"generated_images_path": sys.argv[1], "gemini_api_base_url": sys.argv[2], "poll_interval_seconds": 0}
config.update(json.loads(sys.argv[3]))
json.dump(config, open(sys.argv[1] + "/config.json", "w"))' "$1" "$url" "${2:-{\}}"
  PFC_CONFIG_FILE="$1/config.json"
  pfc() { "$BIN" "$@" --config "$PFC_CONFIG_FILE"; }
}

# check_until_done [RUNS]: `pfc check` until no job is pending, at most RUNS (10) times.
check_until_done() {
  for _ in $(seq 1 "${1:-10}"); do
    pfc check > /dev/null
    [ "$(pfc list --status pending --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 0 ] && return 0
  done
  echo "still pending after ${1:-10} check runs:" >&2
  pfc list --status pending >&2
  return 1
}

# quietly CMD...: runs CMD with its output kept aside (submit prints its cost estimate), shown only when it fails.
quietly() {
  local log; log=$(mktemp)
  if "$@" > "$log" 2>&1; then rm -f "$log"; return 0; fi
  cat "$log" >&2; rm -f "$log"; return 1
}
