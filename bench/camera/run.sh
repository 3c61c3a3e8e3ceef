#!/usr/bin/env bash
# Tower-camera throughput (a benchmark, not a test). The issue's need: 64 cameras × 8 presets, one frame
# each every 10 minutes, on one machine = 512 frames / 600 s = 0.853 frames/s.
#
# The deployment path is measured: `landwatch serve`, and every preset's frame pushed over HTTP
# (POST /api/cameras/{id}/presets/{n}/frames) as a camera gateway would, --parallel at a time, one
# round of all presets after another. Each push rebuilds the preset's monitor from its kept frames,
# registers the frame and compares it. Frames are the real courbevoie webcam sequence scaled up to
# --size (JPEG, as cameras send). In the same run, one preset's frames go through `cameras ingest` in
# one call (the batch path, monitor kept in memory), so the rebuild's share shows.
#
# The first 4 rounds fill the reference bank; a preset keeps its full bank and persistence run (15
# frames to rebuild from) from round 4 + 7 on, so the default of 14 rounds ends in that steady state.
#
#   LANDWATCH_BIN=.build/release/landwatch bash bench/camera/run.sh --presets 64 --rounds 14 --size 1920x1080
set -euo pipefail
cd "$(dirname "$0")/../.."

presets=64
rounds=14
size=1920x1080
parallel=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --presets) presets="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    *) echo "usage: $0 [--presets N] [--rounds R] [--size WxH] [--parallel P]" >&2; exit 64 ;;
  esac
done

source_dir="../shared/data/camera/courbevoie"
[ -d "$source_dir" ] || { echo "缺少 / missing $source_dir (../shared/data, see its README)" >&2; exit 1; }
bash scripts/apt-ensure.sh bench-camera ffmpeg curl bc
bin="${LANDWATCH_BIN:-.build/release/landwatch}"
[ -x "$bin" ] || { echo "构建 / build first: swift build -c release --product landwatch" >&2; exit 1; }
work=".bench-camera/$size"
frames="$work/frames"
mkdir -p "$frames"

mapfile -t sources < <(ls "$source_dir"/*.png | head -n "$rounds")
[ "${#sources[@]}" -eq "$rounds" ] || { echo "courbevoie has only ${#sources[@]} frames" >&2; exit 1; }
for src in "${sources[@]}"; do
  out="$frames/$(basename "${src%.png}").jpg"
  [ -f "$out" ] || ffmpeg -nostdin -loglevel error -y -i "$src" -vf "scale=${size/x/:}" -q:v 3 "$out"
done

ws="$work/ws"
rm -rf "$ws"
"$bin" init "$ws" > /dev/null
cameras=$(( (presets + 7) / 8 ))
for c in $(seq 1 "$cameras"); do
  "$bin" cameras add -w "$ws" --id "CB-$c" --name "铁塔 $c" --lon 2.25 --lat 48.9 --height 40 --region 449901 > /dev/null
done
for p in $(seq 0 $((presets - 1))); do
  "$bin" cameras preset -w "$ws" "CB-$((p / 8 + 1))" --preset $((p % 8 + 1)) > /dev/null
done
LANDWATCH_PASSWORD=bench-password "$bin" users add gateway --role camera-operator --jurisdiction 449901 -w "$ws" > /dev/null
token=$("$bin" users token gateway -w "$ws" --name bench)

port=18090
"$bin" serve -w "$ws" --port $port > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done

# One line per push: camera preset frame capturedAt (UTC+8 from the frame's name).
push_list() {
  local frame="$1" stem time
  stem=$(basename "${frame%.jpg}")
  time="${stem:0:4}-${stem:4:2}-${stem:6:2}T${stem:9:2}:${stem:11:2}:${stem:13:2}%2B08:00"
  for p in $(seq 0 $((presets - 1))); do echo "CB-$((p / 8 + 1)) $((p % 8 + 1)) $frame $time"; done
}
export port token
push_one() {
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" -H "Content-Type: image/jpeg" \
    --data-binary "@$3" "http://127.0.0.1:$port/api/cameras/$1/presets/$2/frames?capturedAt=$4")
  [ "$code" = 201 ] || echo "push $1#$2 $4: HTTP $code" >&2
}
export -f push_one

echo "== $presets 个预置位 / presets, $rounds 轮 / rounds, $size JPEG, 并发 / parallel $parallel, $(nproc) 核 / cores"
printf '%-6s %-10s %-10s %-12s\n' round frames seconds frames/s
total_frames=0; compared_seconds=0; compared_frames=0
for r in $(seq 0 $((rounds - 1))); do
  frame="$frames/$(basename "${sources[$r]%.png}").jpg"
  start=$(date +%s.%N)
  push_list "$frame" | xargs -P "$parallel" -n 4 bash -c 'push_one "$@"' _
  seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  printf '%-6s %-10s %-10.2f %-12.2f\n' "$r" "$presets" "$seconds" "$(echo "$presets / $seconds" | bc -l)"
  # The first 4 passes of a preset fill its reference bank; from the 5th every pass is compared.
  if [ "$r" -ge 4 ]; then compared_seconds=$(echo "$compared_seconds + $seconds" | bc -l); compared_frames=$((compared_frames + presets)); fi
done
rss=$(awk '/VmHWM/ {print $2 / 1024}' "/proc/$server/status")
kill $server; trap - EXIT

need=$(echo "512 / 600" | bc -l)
if [ "$compared_frames" -gt 0 ]; then
  rate=$(echo "$compared_frames / $compared_seconds" | bc -l)
  printf '\n比对轮 / compared rounds: %.2f frames/s (%.2f per core), need %.3f → %.1f× the need; server peak RSS %.0f MB\n' \
    "$rate" "$(echo "$rate / $(nproc)" | bc -l)" "$need" "$(echo "$rate / $need" | bc -l)" "$rss"
fi

batch_ws="$work/batch-ws"
rm -rf "$batch_ws"
"$bin" init "$batch_ws" > /dev/null
"$bin" cameras add -w "$batch_ws" --id CB-1 --name batch --lon 2.25 --lat 48.9 --height 40 --region 449901 > /dev/null
"$bin" cameras preset -w "$batch_ws" CB-1 --preset 1 > /dev/null
start=$(date +%s.%N)
"$bin" cameras ingest -w "$batch_ws" CB-1 --preset 1 "$frames"/*.jpg > /dev/null
seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
printf '批量接入 / one preset in one call (cameras ingest): %d frames in %.2f s = %.2f frames/s on one core\n' \
  "$rounds" "$seconds" "$(echo "$rounds / $seconds" | bc -l)"
