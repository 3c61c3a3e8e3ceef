#!/usr/bin/env bash
# Installs those of the named Debian packages that are missing; does nothing (one line) when all are
# present. Needs root (or sudo) only when something is missing.
# Usage: scripts/apt-ensure.sh LABEL PACKAGE…   (LABEL starts every message, e.g. setup)
set -euo pipefail

label="$1"; shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "$label: 所需软件包均已安装 / all Debian packages present"
  exit 0
fi

echo "$label: 安装缺少的软件包 / installing missing packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "$label: 已安装 / installed: ${missing[*]}"
