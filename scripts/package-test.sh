#!/usr/bin/env bash
# Builds the Debian package and installs it in a fresh Debian 12 (bookworm) made with debootstrap,
# as a new user would with `apt install ./ankang_*.deb`: its library dependencies come from the
# mirror, then `ankang --version`, `man ankang` and bash completion are tried inside.
# Needs root, debootstrap and the Debian mirror. Usage: scripts/package-test.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/package}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
chroot_dir=${CHROOT_DIR:-$(mktemp -d /tmp/ankang-chroot.XXXXXX)}

# A build folder that exists is packaged as it is configured.
[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DANKANG_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target ankang ankang_docs >/dev/null
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/ankang_*_amd64.deb)
echo "== built $(basename "$deb")"
dpkg-deb -f "$deb" Depends

if [ ! -x "$chroot_dir/bin/bash" ]; then
  echo "== debootstrap bookworm into $chroot_dir"
  debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >/dev/null
fi
cp "$deb" "$chroot_dir/tmp/"
mount -t proc proc "$chroot_dir/proc"
trap 'umount "$chroot_dir/proc" 2>/dev/null || true' EXIT
chroot "$chroot_dir" /bin/bash -euo pipefail -c "
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq ./tmp/$(basename "$deb") man-db bash-completion >/dev/null
  echo '== ankang --version'; ankang --version
  echo '== man ankang'; MANWIDTH=80 man ankang 2>/dev/null | head -8
  echo '== bash completion of: ankang hazard list --level <TAB>'
  source /usr/share/bash-completion/bash_completion
  _completion_loader ankang || true   # returns 124 ("try again") once it has loaded the script
  complete -p ankang
  COMP_WORDS=(ankang hazard list --level ''); COMP_CWORD=4; _ankang
  printf '%s\n' \"\${COMPREPLY[@]}\"
  echo '== Chinese with no locales installed:'; cd /tmp && ankang init && ankang calendar is-workday 2021-09-26 || true
"
echo "== ok: installed and run in a clean Debian 12"
