#!/usr/bin/env bash
# synopsis.sh - for every verb of every crm-NOUN program, the usage line
# of `crm-NOUN VERB --help` and the man page SYNOPSIS name the same
# options and operands, in the same order.
set -eu
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-$SRC/bin}
status=0

# "usage: crm-db load [-qv] [-d DB] [FILE ...]" -> "-q -v -d DB [FILE ...]"
from_help() {
	sed -e 's/^usage: [^ ]* [^ ]* *//' |
	    sed -e 's/\[\(-[a-zA-Z]*\)\]/\1/g' -e 's/\[\(--[a-z-]*\)\]/\1/g' \
	        -e 's/\[\(--*[a-zA-Z-]*\) \([A-Z]*\)\]/\1 \2/g' |
	    awk '{
		out = ""
		for (i = 1; i <= NF; i++) {
			t = $i
			if (t ~ /^-[a-zA-Z]+$/) {
				for (k = 2; k <= length(t); k++)
					out = out " -" substr(t, k, 1)
			} else
				out = out " " t
		}
		sub(/^ /, "", out); print out
	    }'
}

# The SYNOPSIS lines of one verb, in the same form.
from_man() {
	awk -v verb="$2" '
	/^\.Sh / { in_syn = ($2 == "SYNOPSIS"); next }
	!in_syn { next }
	/^\.Nm/ { cur = ""; next }
	/^\.Cm / { cur = $2; next }
	cur != verb { next }
	/^\.Op Fl [a-zA-Z]+$/ {
		for (k = 1; k <= length($3); k++) out = out " -" substr($3, k, 1)
		next
	}
	/^\.Op Fl / {
		t = "-" $3
		if ($4 == "Ar") t = t " " $5
		out = out " " t; next
	}
	/^\.Op Ar / { $1 = ""; $2 = ""; sub(/^ +/, ""); out = out " [" $0 "]"; next }
	/^\.Ar / { $1 = ""; sub(/^ +/, ""); out = out " " $0; next }
	END { sub(/^ /, "", out); print out }
	' "$1"
}

for prog in "$BIN"/crm-*; do
	name=$(basename "$prog")
	page=$SRC/man/man1/$name.1
	verbs=$("$prog" --help | awk '/^verbs:/ { v = 1; next } v && /^  [a-z]/ { print $1 }')
	for verb in $verbs; do
		help=$("$prog" "$verb" --help | head -n 1 | from_help)
		man=$(from_man "$page" "$verb")
		if [ "$help" != "$man" ]; then
			echo "$name $verb: --help says: $help"
			echo "$name $verb: SYNOPSIS says: $man"
			status=1
		fi
	done
	# And no verb in the SYNOPSIS that the program does not have.
	for verb in $(awk '/^\.Sh / { s = ($2 == "SYNOPSIS") } s && /^\.Cm / { print $2 }' "$page" | sort -u); do
		printf '%s\n' $verbs | grep -qx "$verb" ||
		    { echo "$name: SYNOPSIS has verb $verb, the program does not"; status=1; }
	done
done
exit $status
