#!/usr/bin/env bash
# Installs the Debian packages ankang needs to build and test, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
packages=(build-essential cmake pkg-config libcli11-dev libsqlitecpp-dev libsqlite3-dev libfmt-dev catch2
          libutf8proc-dev nettle-dev libzip-dev libexpat1-dev libxlsxwriter-dev sqlite3 util-linux ccache
          chromium poppler-utils fonts-noto-cjk "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "scripts/deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "scripts/deps.sh: missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
