#!/usr/bin/env bash
# packaging/build-deb.sh VERSION OUTDIR [BINARY] - the Debian package of lis, built with
# dpkg-deb from a staged tree; prints the path of the .deb. Depends: from the libraries
# the binary links (dpkg-shlibdeps), or, without dpkg-dev, the list below, which matches
# the runtime libraries of PKGS in the Makefile on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: packaging/build-deb.sh VERSION OUTDIR [BINARY]}
out=${2:?usage: packaging/build-deb.sh VERSION OUTDIR [BINARY]}
bin=${3:-lis}
fixed_depends="libc6 (>= 2.34), libcairo2 (>= 1.15.8), libcjose0 (>= 0.6.0), libcurl4 (>= 7.16.2), libfontconfig1 (>= 2.12.6), libglib2.0-0 (>= 2.51.0), libjansson4 (>= 2.14), libmicrohttpd12 (>= 0.9.64), liboath0 (>= 2.6.0), libpango-1.0-0 (>= 1.22.0), libpangocairo-1.0-0 (>= 1.14.0), libpq5, libqrencode4 (>= 3.2.0), libsodium23 (>= 1.0.14), libsqlite3-0 (>= 3.37.0), libxlsxwriter4 (>= 1.1.4), libxml2 (>= 2.7.4), libzip4 (>= 1.0)"

[ -x "$bin" ] || { echo "build-deb: no binary $bin (make lis first)" >&2; exit 1; }
mkdir -p "$out"
stage=$(mktemp -d "${TMPDIR:-/tmp}/lis-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/sbin" "$root/etc/lis" \
  "$root/lib/systemd/system" "$root/usr/share/doc/lis/examples"
install -m 0755 "$bin" "$root/usr/bin/lis"
strip --strip-unneeded "$root/usr/bin/lis"
install -m 0755 packaging/lis-admin "$root/usr/sbin/lis-admin"
install -m 0640 packaging/lis.conf "$root/etc/lis/lis.conf"
for unit in packaging/*.service packaging/*.timer; do
  [ -e "$unit" ] && install -m 0644 "$unit" "$root/lib/systemd/system/"
done
install -m 0644 packaging/nginx-lis.conf "$root/usr/share/doc/lis/examples/nginx-lis.conf"
install -m 0644 README.md "$root/usr/share/doc/lis/README.md"
install -m 0755 packaging/postinst packaging/prerm packaging/postrm "$root/DEBIAN/"
install -m 0644 packaging/conffiles "$root/DEBIAN/conffiles"

depends=""
if command -v dpkg-shlibdeps >/dev/null; then
  mkdir -p "$stage/debian"
  printf 'Source: lis\n\nPackage: lis\nArchitecture: any\n' >"$stage/debian/control"
  depends=$(cd "$stage" && dpkg-shlibdeps -O -e root/usr/bin/lis 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  rm -rf "$stage/debian"
fi
[ -n "$depends" ] || depends=$fixed_depends
arch=$(dpkg --print-architecture)
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
  -e "s/@DEPENDS@/$depends/" packaging/control.in >"$root/DEBIAN/control"
deb="$out/lis_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >/dev/null
echo "$deb"
