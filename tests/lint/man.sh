#!/usr/bin/env bash
# man.sh - every man page passes `mandoc -Tlint` at warning level, and
# every program has its page.
set -eu
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$(mandoc -Tlint -Wwarning "$SRC"/man/man*/*.[1-9] 2>&1) || true
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
for c in "$SRC"/cmd/crm*.c; do
	n=$(basename "$c" .c)
	[ -e "$SRC/man/man1/$n.1" ] || { echo "no man page for $n"; exit 1; }
done
