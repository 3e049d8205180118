#!/usr/bin/env bash
# install.sh - `make install` into a scratch DESTDIR gives working
# programs, a linkable libcrm found through pkg-config, headers and man
# pages; `make uninstall` takes all of it away again.
set -eu
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$SRC/build}
BIN=${BIN:-$SRC/bin}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
mk() { make -s -C "$SRC" BUILD="$BUILD" BIN="$BIN" PREFIX=/usr DESTDIR="$dest" "$@"; }

mk install >/dev/null
for f in bin/crm bin/crm-db bin/crm-rec lib/libcrm.a lib/libcrm.so \
    lib/libcrm.so.0 lib/pkgconfig/libcrm.pc include/crm/crm.h \
    include/crm/rec.h share/man/man1/crm-db.1 share/man/man7/crm.7 \
    share/man/man3/libcrm.3 share/crm/samples/demo.jsonl; do
	[ -e "$dest/usr/$f" ] || { echo "install: missing /usr/$f"; exit 1; }
done
"$dest/usr/bin/crm-db" --version | grep -q '^crm-db (crm) ' ||
    { echo "install: crm-db --version"; exit 1; }

# The example of libcrm(3), built the way a user would: pkg-config and
# the shared library.
sed -n '/^#include <stdio.h>/,/^\.Ed/p' "$SRC/man/man3/libcrm.3" |
    sed -e '$d' -e 's/\\e/\\/g' > "$tmp/tag.c"
pc=$(PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig" \
    PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs libcrm)
# A library built for `make asan` needs its program built the same way.
san=
if readelf -d "$dest/usr/lib/libcrm.so.0" | grep -q 'libasan'; then
	san="-fsanitize=address,undefined"
fi
cc -std=c11 -Wall -Werror $san -o "$tmp/tag" "$tmp/tag.c" $pc
out=$(echo '{"id":"1","n":1.50}' | LD_LIBRARY_PATH="$dest/usr/lib" "$tmp/tag")
[ "$out" = '{"id":"1","n":1.50,"checked":"yes"}' ] ||
    { echo "install: the libcrm(3) example printed: $out"; exit 1; }

mk uninstall >/dev/null
left=$(find "$dest" -type f -o -type l)
[ -z "$left" ] || { echo "install: left after uninstall:"; echo "$left"; exit 1; }
