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

# A program built the way a user would: pkg-config, the shared library.
cat > "$tmp/hello.c" <<'C'
#include <stdio.h>
#include <crm/crm.h>

int
main(void)
{
	crm_rec *r = crm_rec_new();
	crm_buf out = CRM_BUF_INIT;
	crm_err err;

	if (crm_rec_parse(r, "{\"a\": 1.50}", 11, &err) != CRM_OK ||
	    crm_rec_set_str(r, "b", "x", 1, &err) != CRM_OK ||
	    crm_rec_write_json(r, &out, &err) != CRM_OK)
		return 1;
	printf("%s %s\n", crm_version(), out.data);
	crm_buf_free(&out);
	crm_rec_free(r);
	return 0;
}
C
pc=$(PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig" \
    PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs libcrm)
cc -std=c11 -o "$tmp/hello" "$tmp/hello.c" $pc
out=$(LD_LIBRARY_PATH="$dest/usr/lib" "$tmp/hello")
case "$out" in
*' {"a":1.50,"b":"x"}') ;;
*) echo "install: linked program printed: $out"; exit 1 ;;
esac

mk uninstall >/dev/null
left=$(find "$dest" -type f -o -type l)
[ -z "$left" ] || { echo "install: left after uninstall:"; echo "$left"; exit 1; }
