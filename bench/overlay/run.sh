#!/usr/bin/env bash
# Overlay benchmark (issue 3): LandWatch against PostGIS, on the same data, for the same areas.
#
# For each data set, both sides overlay change patches (图斑) on reference layers and produce, per
# patch and layer, the ellipsoidal (CGCS2000) area of the overlap:
#   - PostGIS 3 on a throwaway PostgreSQL 15 cluster, with the best-practice query (GiST join,
#     ST_CoveredBy fast path, geography areas, ST_Subdivide for large polygons);
#   - LandWatch's `landwatch overlay --threads 2` on a fresh workspace.
# Loading/importing is timed apart from the overlay. The script prints both overlay times, their
# ratio (PostGIS / LandWatch) and compares every patch × layer area; it exits 1 if any disagree.
#
# Data sets: synthetic (seeded, generated once per scale and seed and cached under work/), then the
# real polygons of the shared data folder (Dutch plots × zones, Boulder buildings × a 50 m grid).
#
# Usage: bench/overlay/run.sh [--scale small|medium|full] [--seed N] [--no-real | --real-only]
# Environment: LANDWATCH_BIN       a built landwatch; else `swift build -c release` here, under the
#                                  build lock /tmp/landwatch-build.lock
#              LANDWATCH_SHARED_DATA  the shared data folder (default: ../shared/data from the repo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() {
  sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

scale=small
seed=20240301
run_synthetic=1
run_real=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="${2:?--scale needs small, medium or full}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --no-real) run_real=0; shift ;;
    --real-only) run_synthetic=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done
case "$scale" in small|medium|full) ;; *) echo "run.sh: --scale must be small, medium or full" >&2; exit 64 ;; esac
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "run.sh: --seed must be a whole number" >&2; exit 64; }

THREADS=2                        # the benchmark's machine: 2 cores, for both sides
PG_PORT=55432                    # only names the socket file: the cluster listens on no TCP port
PG_BIN=/usr/lib/postgresql/15/bin
PY=/usr/bin/python3              # Debian's Python, where python3-gdal lives (not a pyenv/venv one)
BATCH=BENCH
PG_DENSIFY_DEG=0.0001            # PostGIS measures edges as lon/lat lines cut at this step (area.sql)
work="$here/work"
shared_data="${LANDWATCH_SHARED_DATA:-$repo/../shared/data}"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
section() { printf '\n== %s\n' "$*"; }

# Share of the machine's CPU time busy over 3 s, from /proc/stat. Taken when this script runs
# nothing: anything else running (another user's tests, in another namespace) skews the timings.
machine_busy() {
  local before after
  read -ra before < <(head -1 /proc/stat)
  sleep 3
  read -ra after < <(head -1 /proc/stat)
  awk -v b="${before[*]}" -v a="${after[*]}" 'BEGIN {
    n = split(b, x, " "); split(a, y, " ")
    for (i = 2; i <= n; i++) { d = y[i] - x[i]; total += d; if (i == 5 || i == 6) idle += d }
    printf "%.0f%%", (total > 0 ? 100 * (total - idle) / total : 0) }'
}

# ---------------------------------------------------------------------------------------------
# Setup: packages, the landwatch binary.

section "setup"
bash "$repo/scripts/bench-setup.sh"

if [ -n "${LANDWATCH_BIN:-}" ]; then
  landwatch="$LANDWATCH_BIN"
  [ -x "$landwatch" ] || { echo "run.sh: LANDWATCH_BIN=$landwatch is not an executable" >&2; exit 64; }
else
  # Never two Swift builds at once on 2 cores: every build takes the shared lock.
  lock=/tmp/landwatch-build.lock
  if ! flock -n "$lock" true; then
    echo "waiting for the build lock $lock (if this run holds it itself, as in 'flock $lock run.sh',"
    echo "it waits forever: stop it and set LANDWATCH_BIN to a built landwatch instead)"
  fi
  (cd "$repo" && flock "$lock" swift build -c release --product landwatch)
  landwatch="$repo/.build/release/landwatch"
fi
echo "landwatch: $landwatch"

# ---------------------------------------------------------------------------------------------
# The throwaway PostgreSQL cluster: initdb as the postgres user into a temporary folder, started on
# a private socket, stopped by its pid and deleted on exit, whatever the exit.

pg_dir=""
pg_pid=""

stop_postgres() {
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    kill -INT "$pg_pid"  # "fast" shutdown: ends the sessions and stops at once
    for _ in $(seq 300); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pg_pid" 2>/dev/null; then kill -KILL "$pg_pid"; fi
    echo "PostgreSQL stopped (pid $pg_pid)" >&2  # stderr: stdout may be redirected when a step fails
  fi
  pg_pid=""
  if [ -n "$pg_dir" ]; then rm -rf "$pg_dir"; pg_dir=""; fi
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# initdb refuses to run as root: as root, run the server tools as the postgres system user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$pg_dir" && runuser -u postgres -- "$@")
  else
    (cd "$pg_dir" && "$@")
  fi
}

start_postgres() {
  pg_dir="$(mktemp -d /tmp/landwatch-bench-pg.XXXXXX)"
  cp "$here/postgresql.conf" "$pg_dir/bench.conf"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$pg_dir"
  as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log"
  echo "include '$pg_dir/bench.conf'" >>"$pg_dir/data/postgresql.conf"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "-p $PG_PORT -k $pg_dir" start >/dev/null; then
    cat "$pg_dir/server.log" >&2
    exit 1
  fi
  pg_pid="$(head -1 "$pg_dir/data/postmaster.pid")"
  echo "PostgreSQL 15 started (pid $pg_pid, socket in $pg_dir, settings: bench/overlay/postgresql.conf; fsync off: throwaway cluster)"
}

pg() {  # pg DATABASE [psql arguments]
  local db="$1"; shift
  psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# ---------------------------------------------------------------------------------------------
# One data set, both sides.
#   bench_dataset LABEL PATCHES_FILE LAYER…
#   LAYER = "file|kind|name|class field or empty|sum or union"
#   (sum: features never overlap each other; union: they may, and an overlap must count once)

# Runs landwatch with its progress lines (stderr) appended to LOG, whose end is shown if it fails.
run_landwatch() {  # run_landwatch LOG ARGUMENT…
  local log="$1"; shift
  if ! "$landwatch" "$@" 2>>"$log"; then
    echo "run.sh: 'landwatch $*' failed; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
}

load_table() {  # load_table DATABASE FILE TABLE MAY_SUBDIVIDE
  ogr2ogr -f PostgreSQL "PG:host=$pg_dir port=$PG_PORT user=postgres dbname=$1" "$2" \
    -nln "$3" -t_srs EPSG:4490 -nlt GEOMETRY -lco GEOMETRY_NAME=geom -lco FID=id -lco SPATIAL_INDEX=NONE -gt 100000
  pg "$1" -v tbl="$3" -v sub="$3_sub" -v may_subdivide="$4" -f "$here/load.sql"
}

summary_line() { printf '%-17s %8s %6s %8s %9s %10s %10s %10s %7s %7s %9s %8s\n' "$@"; }
summary_rows=()
failed=0

bench_dataset() {
  local label="$1" patches="$2"; shift 2
  local layers=("$@")
  local out="$work/run/$label" db="bench_${label//-/_}" ws="$work/run/$label/workspace"
  local log="$work/run/$label/landwatch-progress.log"
  local spec file kind name class_field combine started step_started
  local kinds=() tables=() csvs=()
  rm -rf "$out"
  mkdir -p "$out"

  section "$label: PostGIS load (ogr2ogr → EPSG:4490, repair invalid, GiST, subdivide, VACUUM ANALYZE)"
  started="$(now)"
  pg postgres -c "CREATE DATABASE $db"
  pg "$db" -c "CREATE EXTENSION postgis"
  pg "$db" -f "$here/area.sql"
  load_table "$db" "$patches" patches false
  # The planner only goes parallel on its own for tables over 8 MB; small runs must use both cores too.
  pg "$db" -c "ALTER TABLE patches SET (parallel_workers = $THREADS)"
  for spec in "${layers[@]}"; do
    IFS='|' read -r file kind name class_field combine <<<"$spec"
    load_table "$db" "$file" "layer_${kind,,}" true
    kinds+=("$kind")
    # The overlay reads the subdivided copy when load.sql made one.
    tables+=("$(pg "$db" -Atc "SELECT coalesce(to_regclass('layer_${kind,,}_sub'), 'layer_${kind,,}'::regclass)")")
  done
  pg "$db" -c CHECKPOINT
  local pg_load; pg_load="$(since "$started")"
  local pg_patches; pg_patches="$(pg "$db" -Atc "SELECT count(*) FROM patches")"
  echo "loaded in $pg_load s: $pg_patches patches; $(pg "$db" -Atc "SELECT string_agg(format('%s %s rows', relname, n_live_tup), ', ' ORDER BY relname) FROM pg_stat_user_tables WHERE relname LIKE 'layer%'")"

  # Twice: with edges measured as lon/lat lines, as LandWatch does (compared below), and as geodesics,
  # the plain geography area (timed only: the fastest PostGIS query, but not the same areas).
  local variant densify elapsed pg_overlay pg_geodesic
  for variant in lonlat geodesic; do
    section "$label: PostGIS overlay, edges as $variant lines"
    densify="$PG_DENSIFY_DEG"
    [ "$variant" = lonlat ] || densify=0
    started="$(now)"
    for i in "${!layers[@]}"; do
      IFS='|' read -r file kind name class_field combine <<<"${layers[$i]}"
      step_started="$(now)"
      pg "$db" -v patches=patches -v layer="${tables[$i]}" -v kind="$kind" -v densify="$densify" \
        -f "$here/overlay_$combine.sql" >"$out/postgis-$variant-$kind.csv"
      echo "$kind ($combine on ${tables[$i]}): $(since "$step_started") s, $(wc -l <"$out/postgis-$variant-$kind.csv") patches meet it"
      [ "$variant" = geodesic ] || csvs+=("$out/postgis-$variant-$kind.csv")
    done
    elapsed="$(since "$started")"
    echo "PostGIS overlay ($variant): $elapsed s"
    if [ "$variant" = lonlat ]; then pg_overlay="$elapsed"; else pg_geodesic="$elapsed"; fi
  done

  section "$label: LandWatch import"
  run_landwatch "$log" init "$ws" >/dev/null
  started="$(now)"
  for spec in "${layers[@]}"; do
    IFS='|' read -r file kind name class_field combine <<<"$spec"
    step_started="$(now)"
    run_landwatch "$log" layers import "$file" --kind "$kind" --name "$name" ${class_field:+--class-field "$class_field"} -w "$ws"
    echo "  ($(since "$step_started") s)"
  done
  step_started="$(now)"
  run_landwatch "$log" patches import "$patches" --batch "$BATCH" --code-field JCBH -w "$ws"
  echo "  ($(since "$step_started") s)"
  local lw_import; lw_import="$(since "$started")"
  echo "LandWatch import: $lw_import s"

  section "$label: LandWatch overlay (--threads $THREADS)"
  started="$(now)"
  run_landwatch "$log" overlay --batch "$BATCH" --threads "$THREADS" -w "$ws" >"$out/landwatch-overlay.txt"
  local lw_overlay; lw_overlay="$(since "$started")"
  head -n 1 "$out/landwatch-overlay.txt"  # its own summary line; the rest is a table by region
  echo "LandWatch overlay: $lw_overlay s"

  section "$label: areas, every patch × layer"
  local agreement=0 compared disagreeing ratio ratio_geodesic
  "$PY" "$here/compare.py" --landwatch "$ws/landwatch.sqlite" --batch "$BATCH" --layers "$(IFS=,; echo "${kinds[*]}")" \
    --postgis-patches "$pg_patches" --postgis "${csvs[@]}" --summary "$out/agreement.txt" || agreement=$?
  [ "$agreement" -eq 0 ] || failed=1
  read -r compared disagreeing <"$out/agreement.txt"
  ratio="$(awk -v p="$pg_overlay" -v l="$lw_overlay" 'BEGIN { printf "%.2f", p / l }')"
  ratio_geodesic="$(awk -v p="$pg_geodesic" -v l="$lw_overlay" 'BEGIN { printf "%.2f", p / l }')"
  echo "overlay: PostGIS $pg_overlay s (geodesic edges: $pg_geodesic s), LandWatch $lw_overlay s;" \
    "ratio PostGIS/LandWatch = $ratio (geodesic edges: $ratio_geodesic)"
  summary_rows+=("$(summary_line "$label" "$pg_patches" "${#layers[@]}" "$pg_load" "$lw_import" \
    "$pg_overlay" "$pg_geodesic" "$lw_overlay" "$ratio" "$ratio_geodesic" "$compared" "$disagreeing")")
}

# ---------------------------------------------------------------------------------------------

section "data"
mkdir -p "$work/data"
if [ "$run_synthetic" -eq 1 ]; then
  synthetic="$work/data/synthetic-$scale-seed$seed"
  if [ -d "$synthetic" ]; then
    echo "synthetic data ($scale, seed $seed): cached in $synthetic"
  else
    echo "generating synthetic data ($scale, seed $seed) into $synthetic"
    started="$(now)"
    "$PY" "$here/generate.py" --scale "$scale" --seed "$seed" --out "$synthetic"
    echo "generated in $(since "$started") s"
  fi
fi
if [ "$run_real" -eq 1 ]; then
  real="$work/data/real"
  if [ ! -d "$shared_data/vector" ]; then
    echo "real polygons skipped: no shared data folder at $shared_data (set LANDWATCH_SHARED_DATA)"
    run_real=0
  elif [ -d "$real" ]; then
    echo "real polygons: cached in $real"
  else
    echo "converting the real polygons of $shared_data/vector into $real"
    "$PY" "$here/prepare_real.py" --data "$shared_data" --out "$real"
  fi
fi

busy_before="$(machine_busy)"
echo "machine busy before the timings: $busy_before (should be near 0%)"

section "PostgreSQL"
start_postgres
pg postgres -c "CREATE EXTENSION postgis"  # only to read the versions and check the CRS below
echo "PostGIS $(pg postgres -Atc "SELECT postgis_lib_version() || ', GEOS ' || postgis_geos_version() || ', PROJ ' || split_part(postgis_proj_version(), ' ', 1)")"
srs_4490="$(pg postgres -Atc "SELECT proj4text FROM spatial_ref_sys WHERE srid = 4490")"
[ -n "$srs_4490" ] || { echo "run.sh: EPSG:4490 is missing from PostGIS's spatial_ref_sys" >&2; exit 1; }
echo "EPSG:4490 in spatial_ref_sys: $srs_4490"

if [ "$run_synthetic" -eq 1 ]; then
  bench_dataset "synthetic-$scale" "$synthetic/patches.gpkg" \
    "$synthetic/parcels.gpkg|cultivatedLand|地类图斑|DLBM|sum" \
    "$synthetic/redline.gpkg|ecologicalRedLine|生态保护红线||sum"
fi
if [ "$run_real" -eq 1 ]; then
  # The zones overlap each other: a LandWatch kind that dissolves overlaps, and PostGIS's union query.
  bench_dataset nl "$real/nl/plots.gpkg" "$real/nl/zones.gpkg|approvedLand|NL zones||union"
  # A grid tiles, like parcels: it cuts thousands of footprints, and covers the rest whole.
  bench_dataset boulder "$real/boulder/buildings.gpkg" "$real/boulder/grid.gpkg|cultivatedLand|50 m 网格||sum"
fi
stop_postgres
busy_after="$(machine_busy)"

section "summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $THREADS threads; times in s; ratio = PostGIS / LandWatch overlay)"
summary_line "data set" patches layers "PG load" "LW import" "PG overlay" "PG geodes." "LW overlay" ratio "r.geod." compared disagree
printf '%s\n' "${summary_rows[@]}"
echo "(PG overlay: edges as lon/lat lines, the areas compared; PG geodes.: plain geography areas, timed only)"
echo "machine busy with other work: $busy_before before, $busy_after after (timings are only clean near 0%)"
if [ "$failed" -ne 0 ]; then
  echo "FAILED: PostGIS and LandWatch disagree on some areas (see above)"
  exit 1
fi
echo "all areas agree"
