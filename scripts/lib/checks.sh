# Shared by the scripted checks in scripts/test.d/ (sourced, not run): the built binary they drive, the repo's
# Python venv (.venv) with the pinned packages they read its output with, and a scratch folder cleaned up on exit.

# require_binary NAME: sets BIN to $PFC_JOBS_BIN or .build/debug/pfc-jobs, made absolute; exits 1 naming the
# check (NAME) when it is not built.
require_binary() {
  BIN=${PFC_JOBS_BIN:-.build/debug/pfc-jobs}
  [ -x "$BIN" ] || { echo "$1: $BIN is missing; run swift build first" >&2; exit 1; }
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
}

# venv_package DISTRIBUTION VERSION: makes .venv when missing and installs DISTRIBUTION==VERSION in it unless
# that exact version is there already (asked of the installed metadata, so nothing is imported).
venv_package() {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version(sys.argv[1]) != sys.argv[2])" "$1" "$2" 2>/dev/null; then
    .venv/bin/pip install --quiet --disable-pip-version-check "$1==$2"
  fi
}

# scratch_folder: makes a temporary folder `work` and, on exit, kills the background process `pid` (the one
# bench/lib.bash's start_emulator starts; empty until then) and removes the folder.
scratch_folder() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-check.XXXXXX")
  pid=""
  trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
}
