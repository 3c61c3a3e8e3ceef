#!/usr/bin/env bash
# Change-detection throughput (issue 6): LandWatch against the numpy/GDAL peer, on the same large
# pair, in the same run.
#
#   - the pair: a real OSCD city (Sentinel-2, 4 bands UInt16) mirror-tiled to SIZE x SIZE pixels
#     (make_pair.py; generated once per size and kept under work/);
#   - the I/O floor: GDAL reading every band of both dates into numpy (numpy_cva.py's "read");
#   - the peer: change-vector analysis + Otsu in numpy (numpy_cva.py), with GDAL's default
#     single-threaded decoding and again with GDAL_NUM_THREADS=ALL_CPUS;
#   - LandWatch: `landwatch detect --mask` with change-vector analysis (the same method; three rounds
#     taking turns with the peer, each side scored by its median), then with
#     the XGBoost model (features at three scales, trained on the 8 OSCD cities; what the product
#     runs), then the model with patches traced to a GeoPackage.
# Prints each time, LandWatch's throughput in pixels per second, the ratio peer / LandWatch, and how
# many pixels the two change-vector masks agree on.
#
# Usage: bench/detect/run.sh [--size N] [--change-vector-only]    (default 6000; the second leaves
#        out the model's two runs, which take minutes at 20,000²)
# Environment: LANDWATCH_BIN  a built landwatch; else `swift build -c release` here, under the
#                             build lock /tmp/landwatch-build.lock
#              LANDWATCH_SHARED_DATA  the shared data folder (default: ../shared/data from the repo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
size=6000
with_model=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="${2:?--size needs a number of pixels}"; shift 2 ;;
    --change-vector-only) with_model=0; shift ;;
    -h|--help) sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
[[ "$size" =~ ^[0-9]+$ ]] && [ "$size" -ge 256 ] || { echo "run.sh: --size must be a number ≥ 256" >&2; exit 64; }

PY=/usr/bin/python3              # Debian's Python, where python3-gdal lives
work="$here/work"
shared_data="${LANDWATCH_SHARED_DATA:-$repo/../shared/data}"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
section() { printf '\n== %s\n' "$*"; }

section "setup"
bash "$repo/scripts/bench-setup.sh"
if [ -n "${LANDWATCH_BIN:-}" ]; then
  landwatch="$LANDWATCH_BIN"
  [ -x "$landwatch" ] || { echo "run.sh: LANDWATCH_BIN=$landwatch is not an executable" >&2; exit 64; }
else
  (cd "$repo" && flock /tmp/landwatch-build.lock swift build -c release --product landwatch)
  landwatch="$repo/.build/release/landwatch"
fi
[ -d "$shared_data/change/oscd" ] || { echo "run.sh: $shared_data/change/oscd not found (set LANDWATCH_SHARED_DATA)" >&2; exit 66; }
mkdir -p "$work"
pair="$work/pair-$size"
if [ ! -f "$pair/after.tif" ]; then
  section "pair ${size}x${size}"
  "$PY" "$here/make_pair.py" --size "$size" --out "$pair" --data "$shared_data/change"
fi
model="$work/oscd-model.json"
if [ "$with_model" = 1 ] && [ ! -f "$model" ]; then
  section "model (trained once on the 8 OSCD cities)"
  "$landwatch" detect train --pairs "$shared_data/change/oscd" --out "$model"
fi
pixels=$((size * size))

# Every timed run starts with the whole pair in the page cache, whatever ran before it. At 20,000² the
# numpy peer holds 12.6 GB, and after it about 4% of the pair (4.3 GB) had left the cache (fincore,
# 2026-12-03), to be read from disk by whichever side ran next: LandWatch, in every round.
warm() { cat "$pair/before.tif" "$pair/after.tif" > /dev/null; }
run_landwatch() { # label, then detect's arguments
  local label="$1" start; shift
  rm -f "$work/lw-mask.tif" "$work/lw.gpkg"
  warm
  start=$(now)
  "$landwatch" detect --before "$pair/before.tif" --after "$pair/after.tif" "$@" 2>/dev/null
  local seconds; seconds=$(since "$start")
  printf '%-34s %8.2f s  %6.1f Mpixel/s\n' "$label" "$seconds" "$(awk -v p="$pixels" -v s="$seconds" 'BEGIN { print p / s / 1e6 }')" | tee -a "$work/landwatch.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The peer and LandWatch's change vector take turns, three rounds, and each is scored by its median:
# this machine's timings drift by ±15% within minutes, and a single run of each was at the mercy of it.
: > "$work/landwatch.txt"
: > "$work/rounds.txt"
for round in 1 2 3; do
  section "round $round: peer, numpy CVA + Otsu, GDAL single-threaded decoding (default)"
  warm
  "$PY" "$here/numpy_cva.py" --before "$pair/before.tif" --after "$pair/after.tif" --out "$work/numpy-mask.tif" | tee "$work/numpy.txt"
  section "round $round: peer, numpy CVA + Otsu, GDAL_NUM_THREADS=ALL_CPUS"
  warm
  GDAL_NUM_THREADS=ALL_CPUS "$PY" "$here/numpy_cva.py" --before "$pair/before.tif" --after "$pair/after.tif" --out "$work/numpy-mask-mt.tif" | tee "$work/numpy-mt.txt"
  section "round $round: LandWatch change vector"
  run_landwatch "change vector, mask" --mask "$work/lw-mask.tif"
  printf '%s %s %s %s\n' "$(awk '/^total/ { print $2 }' "$work/numpy.txt")" "$(awk '/^total/ { print $2 }' "$work/numpy-mt.txt")" \
    "$(awk '/^read/ { print $2 }' "$work/numpy-mt.txt")" "$(tail -n 1 "$work/landwatch.txt" | awk '{ print $4 }')" >> "$work/rounds.txt"
done
peer=$(awk '{ print $1 }' "$work/rounds.txt" | median)
peer_mt=$(awk '{ print $2 }' "$work/rounds.txt" | median)
floor=$(awk '{ print $3 }' "$work/rounds.txt" | median)
cva=$(awk '{ print $4 }' "$work/rounds.txt" | median)
"$PY" - "$work/numpy-mask.tif" "$work/lw-mask.tif" <<'PY'
import sys
from osgeo import gdal
peer, ours = gdal.Open(sys.argv[1]), gdal.Open(sys.argv[2])  # kept open: a band outliving its dataset crashes GDAL's Python
a = peer.ReadAsArray() != 0
b = ours.GetRasterBand(1).ReadAsArray() != 0
print(f"change-vector masks agree on {100 * (a == b).mean():.2f}% of pixels (numpy {a.mean():.2%} changed, LandWatch {b.mean():.2%})")
PY
if [ "$with_model" = 1 ]; then
  run_landwatch "model, mask" --model "$model" --mask "$work/lw-mask.tif"
  run_landwatch "model, patches (.gpkg)" --model "$model" --out "$work/lw.gpkg"
fi

section "summary (${size}x${size}, 4 bands, 2 cores; medians of 3 rounds)"
echo "rounds (peer, multithreaded peer, I/O floor, LandWatch CVA):"; sed 's/^/  /' "$work/rounds.txt"
awk -v f="$floor" -v p="$peer" -v m="$peer_mt" -v c="$cva" 'BEGIN {
  printf "I/O floor (GDAL read, all CPUs)    %8.2f s\n", f
  printf "numpy CVA peer                     %8.2f s  (%.2f s with GDAL_NUM_THREADS=ALL_CPUS)\n", p, m
  printf "LandWatch CVA                      %8.2f s  → %.2fx the peer (%.2fx the multithreaded peer)\n", c, p / c, m / c }'
