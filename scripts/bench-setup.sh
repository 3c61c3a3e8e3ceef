#!/usr/bin/env bash
# Installs the Debian packages the benchmarks in bench/ need beside LandWatch's own (scripts/setup.sh):
# the PostGIS peer and the GDAL tools that generate and load the data. Only missing packages are
# installed, so a second run prints one line and changes nothing. Needs root (or sudo) to install.
set -euo pipefail

packages=(
  postgresql-15             # the peer's database server (initdb, pg_ctl, postgres)
  postgresql-client-15      # psql
  postgresql-15-postgis-3   # PostGIS 3 for PostgreSQL 15
  python3-gdal              # osgeo.ogr: the data generator and the converters
  python3-numpy             # the change-detection peer (bench/detect)
  python3-sklearn           # the patch classifier measured in bench/detect/patch_rescoring.py (with scipy)
  gdal-bin                  # ogr2ogr: loads the files into PostGIS
  util-linux                # flock, runuser
)

exec bash "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh" bench-setup "${packages[@]}"
