#!/usr/bin/env bash
# examples.sh - the EXAMPLES of every section 1 and 7 man page work as
# written: each "$ command" line (with "\e" continuation lines joined) is
# run in order, per page, in a scratch directory that has the source
# tree's share/ beside it, and must exit 0.
set -eu
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-$SRC/bin}
status=0
for page in "$SRC"/man/man1/*.1 "$SRC"/man/man7/*.7; do
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm-examples.XXXXXX")
	ln -s "$SRC/share" "$tmp/share"
	awk '
	/^\.Sh / { ex = ($2 == "EXAMPLES"); next }
	!ex { next }
	/^\.Bd/ { lit = 1; next }
	/^\.Ed/ { lit = 0; next }
	!lit { next }
	{ gsub(/\\e/, "\\") }
	cont { cmd = cmd "\n" $0; cont = /\\$/ || /\|$/; if (!cont) { print cmd; cmd = "" } next }
	/^\$ / { cmd = substr($0, 3); cont = /\\$/ || /\|$/; if (!cont) { print cmd; cmd = "" } }
	' "$page" > "$tmp/examples.sh"
	if ! (cd "$tmp" && PATH="$BIN:$PATH" bash -e -o pipefail examples.sh \
	    > "$tmp/out" 2>&1); then
		echo "$(basename "$page"): an example failed:"
		cat "$tmp/examples.sh"
		tail -n 5 "$tmp/out"
		status=1
	fi
	rm -rf "$tmp"
done
exit $status
