#!/usr/bin/env bash
# Installs the Debian packages LandWatch builds and tests against, only when one is missing.
# Safe to run again: it does nothing when everything is present. Needs root (or sudo) to install.
set -euo pipefail

packages=(
  pkg-config
  libgeos-dev        # geometry (GEOS C API)
  libproj-dev        # CRS, transforms, geodesic area (PROJ)
  proj-data
  libgdal-dev        # vector and raster IO (GDAL/OGR)
  gdal-bin           # ogr2ogr/ogrinfo: independent checks in tests
  libsqlite3-dev     # embedded store (GRDB links the system SQLite)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: 所需系统软件包均已安装 / all Debian packages present"
  exit 0
fi

echo "setup: 安装缺少的软件包 / installing missing packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
