#!/usr/bin/env bash
# Object-level second stage, measured (issue 6; see patch_rescoring.py): for every image of a
# dataset, trains the model without it (`landwatch detect train --exclude`), detects it at
# sensitivity 1 and 4 (`landwatch detect --mask`), then scores candidate patches with a classifier
# trained on the other images' patches.
#
# Usage: bench/detect/patch_rescoring.sh --set oscd|sztaki
# Environment: LANDWATCH_BIN (default .build/release/landwatch), LANDWATCH_SHARED_DATA (default
#              ../shared/data from the repo). About 2 minutes for OSCD, 1 for SZTAKI, on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
set_name=""
while [ $# -gt 0 ]; do
  case "$1" in
    --set) set_name="${2:?--set needs oscd or sztaki}"; shift 2 ;;
    *) echo "patch_rescoring.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
case "$set_name" in oscd|sztaki) ;; *) echo "patch_rescoring.sh: --set oscd or --set sztaki" >&2; exit 64 ;; esac
landwatch="${LANDWATCH_BIN:-$repo/.build/release/landwatch}"
data="${LANDWATCH_SHARED_DATA:-$repo/../shared/data}/change"
[ -x "$landwatch" ] || { echo "patch_rescoring.sh: build landwatch first (swift build -c release) or set LANDWATCH_BIN" >&2; exit 66; }
bash "$repo/scripts/bench-setup.sh"
work="$here/work/patches-$set_name"
mkdir -p "$work"
if [ "$set_name" = oscd ]; then
  images=$(cd "$data/oscd" && ls *_label.tif | sed 's/_label.tif//')
else
  images=$(ls "$data/sztaki")
fi
for image in $images; do
  if [ "$set_name" = oscd ]; then
    ln -sf "$data/oscd/${image}_t1.tif" "$work/$image-before.tif"
    ln -sf "$data/oscd/${image}_t2.tif" "$work/$image-after.tif"
  else
    # SZTAKI's photographs carry no georeference, which `detect` needs for the minimum mapping
    # unit: copies placed on 1.5 m pixels (the dataset's) in EPSG:4547.
    for pair in "1 before" "2 after"; do
      set -- $pair
      size=$(gdalinfo "$data/sztaki/$image/im$1.png" | awk '/^Size is/ { gsub(",", ""); print $3, $4 }')
      read -r w h <<< "$size"
      gdal_translate -q -of GTiff -a_srs EPSG:4547 -a_ullr 500000 2500000 "$(awk -v w="$w" 'BEGIN { print 500000 + w * 1.5 }')" \
        "$(awk -v h="$h" 'BEGIN { print 2500000 - h * 1.5 }')" "$data/sztaki/$image/im$1.png" "$work/$image-$2.tif"
    done
  fi
  echo "== $image"
  "$landwatch" detect train --pairs "$data/$set_name" --exclude "$image" --out "$work/model-$image.json" > /dev/null
  for sensitivity in 1 4; do
    "$landwatch" detect --before "$work/$image-before.tif" --after "$work/$image-after.tif" --model "$work/model-$image.json" \
      --sensitivity "$sensitivity" --mask "$work/$image-s$sensitivity.tif" > /dev/null 2>&1
  done
done
/usr/bin/python3 "$here/patch_rescoring.py" --set "$set_name" --work "$work" --data "$data"
