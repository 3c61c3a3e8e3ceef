#!/usr/bin/env bash
# Web load run (a benchmark, not a test): a workspace with --patches N square patches over 100
# counties, assigned, with a 后时相 image; `landwatch serve` on loopback; wrk with 64 connections for
# --seconds per scenario (after 2 s of warm-up): the province's list, a county's filtered list, a deep
# page (as administrator and as a province auditor, whose list is cut to the province), random pages,
# patch details at random, and cached imagery tiles. Prints p50/p99 per scenario (wrk's latency distribution).
#
#   LANDWATCH_BIN=.build/release/landwatch bash bench/web/run.sh --patches 1000000 --seconds 30
set -euo pipefail
cd "$(dirname "$0")/../.."

patches=100000
seconds=20
connections=64
while [ $# -gt 0 ]; do
  case "$1" in
    --patches) patches="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "usage: $0 [--patches N] [--seconds S] [--connections C]" >&2; exit 64 ;;
  esac
done

bash scripts/apt-ensure.sh bench-web wrk gdal-bin
bin="${LANDWATCH_BIN:-.build/release/landwatch}"
[ -x "$bin" ] || { echo "构建 / build first: swift build -c release --product landwatch" >&2; exit 1; }
work=".bench-web/$patches"
ws="$work/ws"
mkdir -p "$work"

if [ ! -f "$ws/landwatch.sqlite" ]; then
  echo "== 生成 / generating $patches patches"
  python3 bench/web/make_patches.py "$patches" 100 "$work/patches.csv"
  ogr2ogr -q -f GPKG "$work/patches.gpkg" "$work/patches.csv" -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4490 -nln patches
  "$bin" init "$ws" > /dev/null
  /usr/bin/time -f "import: %e s" "$bin" patches import "$work/patches.gpkg" --batch 2024M05 --code-field JCBH --region-field XZQDM -w "$ws" > /dev/null
  /usr/bin/time -f "assign: %e s" "$bin" assign --batch 2024M05 --due-days 30 --by bench -w "$ws" > /dev/null
  python3 -c "print('ncols 100\nnrows 100\nxllcorner 0\nyllcorner 0\ncellsize 1'); [print(' '.join(str((i * j) % 255) for j in range(100))) for i in range(100)]" > "$work/after.asc"
  gdal_translate -q -ot Byte -outsize 2000 2000 -a_srs EPSG:4490 -a_ullr 110.0 21.6 110.5 21.0 \
    -co COMPRESS=DEFLATE -co TILED=YES "$work/after.asc" "$work/after.tif"
  "$bin" imagery add "$work/after.tif" --phase after --batch 2024M05 -w "$ws" > /dev/null
fi
# The administrator sees every patch; the province auditor's list is cut to province 44 in the query.
for user in province:admin:44 county:county-officer:440101 auditor:province-auditor:44; do
  IFS=: read -r name role region <<< "$user"
  "$bin" users list -w "$ws" | grep -q "^$name " ||
    LANDWATCH_PASSWORD=bench-password "$bin" users add "$name" --role "$role" --jurisdiction "$region" -w "$ws" > /dev/null
done
province=$("$bin" users token province -w "$ws" --name bench)
county=$("$bin" users token county -w "$ws" --name bench)
auditor=$("$bin" users token auditor -w "$ws" --name bench)

port=18080
"$bin" serve -w "$ws" --port $port > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done

# Tiles: warm the cache once (the run measures serving, the first render is timed apart).
tiles=$(python3 - <<'PY'
import math
out = []
for i in range(40):
    lon, lat, z = 110.01 + 0.012 * i, 21.3, 15
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
    out.append(f"{z}/{x}/{y}")
print(" ".join(out))
PY
)
start=$(date +%s.%N)
for t in $tiles; do curl -sf -o /dev/null -H "Authorization: Bearer $province" "http://127.0.0.1:$port/api/imagery/1/tiles/$t.png"; done
echo "first render of 40 tiles: $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s"

run() {  # name token lua-or-path
  local name="$1" token="$2" target="$3" script=()
  if [ -f "$target" ]; then script=(-s "$target"); target="/"; fi
  local out
  # Two seconds first, not recorded: the steady state is measured, not the first count of a list or the
  # first reads of its rows into each pooled connection's page cache.
  PATCHES="$patches" TILES="$tiles" wrk -t2 -c"$connections" -d2s "${script[@]}" \
    -H "Authorization: Bearer $token" "http://127.0.0.1:$port$target" > /dev/null
  out=$(PATCHES="$patches" TILES="$tiles" wrk -t2 -c"$connections" -d"${seconds}s" --latency "${script[@]}" \
        -H "Authorization: Bearer $token" "http://127.0.0.1:$port$target")
  local p50 p99 rps non2xx
  p50=$(awk '/^ +50%/ {print $2}' <<< "$out")
  p99=$(awk '/^ +99%/ {print $2}' <<< "$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$out")
  printf "| %s | %s | %s | %s | %s |\n" "$name" "$p50" "$p99" "$rps" "${non2xx:-0}"
}

echo
echo "| scenario ($patches patches, $connections connections, ${seconds}s) | p50 | p99 | requests/s | non-2xx |"
echo "|---|---|---|---|---|"
run "list, province, page 1" "$province" "/api/patches?batch=2024M05&limit=50"
run "list, county 440101, status 待核查" "$county" "/api/patches?batch=2024M05&status=assigned&limit=50"
run "list, province, page 100 (offset 4950)" "$province" "/api/patches?batch=2024M05&limit=50&offset=4950"
run "list, 省级审核 44, page 100 (offset 4950)" "$auditor" "/api/patches?batch=2024M05&limit=50&offset=4950"
run "list, province, random page of 200" "$province" bench/web/pages.lua
run "detail, random patch (province)" "$province" bench/web/detail.lua
run "tile, cached, random of 40" "$province" bench/web/tiles.lua
