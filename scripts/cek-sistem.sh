#!/usr/bin/env bash
# Check (and, as root, install) the Debian packages SIGAP needs.
#   scripts/cek-sistem.sh run   — what the site needs: WeasyPrint's Pango and fonts
#   scripts/cek-sistem.sh test  — plus what the tests need: chromium, poppler-utils, pg_dump
#   scripts/cek-sistem.sh bench — plus the load generator: wrk
# Offline when everything is present: only `dpkg-query` runs.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig
          fonts-liberation2)
case "${1:-run}" in
  test) packages+=(chromium poppler-utils postgresql-client) ;;
  bench) packages+=(wrk) ;;
esac

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ]; then
  echo "Memasang paket sistem yang belum ada: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Paket sistem berikut belum terpasang. Jalankan:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  echo "lalu ulangi perintah make." >&2
  exit 1
fi
