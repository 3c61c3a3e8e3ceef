#!/usr/bin/env bash
# Browser test of the web UI: installs Debian's chromium and CJK fonts and the Python Playwright
# driver when missing, then drives the real server through Tests/Browser/walk.py (the office walk)
# Tests/Browser/offline.py (the offline field app) and Tests/Browser/cameras.py (the 视频告警 pages).
# Uses the debug build of landwatch (make test builds it first) unless $LANDWATCH_BIN says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt-ensure.sh browser-test chromium fonts-noto-cjk libjs-leaflet gdal-bin
if ! python3 -c "import playwright" 2>/dev/null; then
  echo "browser-test: 安装 Playwright / installing Playwright (PyPI)"
  python3 -m pip install -q --disable-pip-version-check playwright
fi
timeout 600 python3 Tests/Browser/walk.py
timeout 600 python3 Tests/Browser/offline.py
timeout 600 python3 Tests/Browser/cameras.py
