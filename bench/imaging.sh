#!/usr/bin/env bash
# Image pipeline figures: PNG decode, our WebP q85 m6 encode vs cwebp, parallel conversions.
# Expects `swift build -c release` to have run (make bench does). Prints figures; never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/bench-imaging
# shellcheck source=bench/lib.bash
source bench/lib.bash  # the script runs from the repository root (cd above)
[ -x "$BIN" ] || { echo "missing $BIN: run 'swift build -c release' first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$BIN" photo "$work/photo.png" 2048
codec=$("$BIN" codec "$work/photo.png")
echo "$codec"
ours=$(sed -n 's/^webp_encode_ms=//p' <<<"$codec")

if command -v cwebp >/dev/null; then
  cwebp_ms=$(cwebp_median_ms "$work/photo.png" "$work/cwebp.webp")
  echo "cwebp_q85_m6_ms=$cwebp_ms (median of 3, includes PNG decode and process start) cwebp_bytes=$(stat -c %s "$work/cwebp.webp")"
  awk -v a="$ours" -v b="$cwebp_ms" 'BEGIN { printf "ratio_ours_encode_over_cwebp=%.2f\n", a / b }'
else
  echo "cwebp not installed (Debian package webp): comparison skipped"
fi

# Parallel figures only mean something on an idle machine: show the load they were taken under.
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
for workers in 1 2; do
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$BIN" parallel "$work/photo.png" "$workers" 8 "$work/out$workers" 2>"$work/time$workers" \
      | tr '\n' ' '
    echo "max_rss_kib(/usr/bin/time)=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time$workers")" \
         "cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$work/time$workers")"
  else
    "$BIN" parallel "$work/photo.png" "$workers" 8 "$work/out$workers"
  fi
done
