#!/usr/bin/env bash
# Installs the Debian packages lis needs, only those missing, quietly when all are there.
#   scripts/deps.sh build   what building and running lis needs
#   scripts/deps.sh test    and what make check needs (PostgreSQL, Chromium, Node, clang …)
set -euo pipefail
want=(build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libjansson-dev libsodium-dev libxlsxwriter-dev libxml2-dev libzip-dev zlib1g-dev libpango1.0-dev libcairo2-dev libfontconfig-dev liboath-dev libqrencode-dev libcurl4-openssl-dev libcjose-dev libssl-dev ca-certificates fonts-dejavu-core)
if [ "${1:-build}" = test ]; then
  want+=(libcmocka-dev postgresql curl sqlite3 clang libclang-rt-14-dev chromium poppler-utils libxml2-utils python3-aiosmtpd openssl debootstrap systemd-container)
  # Node.js may come from elsewhere than Debian (it does on CI's machines): ask for the
  # commands, not the packages, so an existing node and npm are used as they are
  command -v node >/dev/null 2>&1 || want+=(nodejs)
  command -v npm >/dev/null 2>&1 || want+=(npm)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "lis needs these Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
