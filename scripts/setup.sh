#!/usr/bin/env bash
# Installs the Debian packages LandWatch builds and tests against, only when one is missing.
# Safe to run again: it does nothing when everything is present. Needs root (or sudo) to install.
set -euo pipefail

packages=(
  pkg-config
  libgeos-dev        # geometry (GEOS C API)
  libproj-dev        # CRS and transforms (PROJ)
  proj-data
  libgdal-dev        # vector and raster IO (GDAL/OGR)
  gdal-bin           # ogr2ogr/ogrinfo: independent checks in tests
  libsqlite3-dev     # embedded store (GRDB links the system SQLite)
  libxlsxwriter-dev  # Excel reports (libxlsxwriter)
  libxgboost-dev     # supervised change classifier (XGBoost C API)
  libopencv-dev      # tower-camera frame registration and homographies (OpenCV, through Sources/CCameraVision)
  ffmpeg             # tower-camera frames grabbed from RTSP/HTTP streams and snapshot URLs
  libjs-leaflet      # web map (Leaflet ES module, served at /vendor/leaflet)
)

exec bash "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh" setup "${packages[@]}"
