#!/usr/bin/env bash
# run.sh - run one CLI case file (tests/cli/*.t) and compare exactly.
#
# A case file is a story of cases that run in order in one scratch
# directory ($T, also the working directory):
#
#   # comment                  (outside a case, and blank lines: ignored)
#   === title                  starts a case
#   $ command                  the bash command line (one per case)
#   < text                     a line of standard input ("<" alone: empty)
#   > text                     an expected line of standard output
#   ! text                     an expected line of standard error
#   ? N                        the expected exit status (default 0)
#
# No "<" lines: stdin is /dev/null.  No ">" or "!" lines: that output
# must be empty.  stdout, stderr and the status must all match.
# Environment: PATH starts with $BIN; T, SRC (the repo), SHARE
# ($SRC/share/crm), DATA (the shared data sets); CRM_NOW fixed to
# 2026-11-22T08:00:00Z, TZ=UTC, LC_ALL=C.UTF-8; CRM_DB unset.
# Last line: "N passed, M failed"; exit 1 when any failed.
set -u

file=$1
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-$SRC/bin}
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export T SRC BIN SHARE="$SRC/share/crm" DATA="$SRC/../shared/data"
export PATH="$BIN:$PATH" CRM_NOW=2026-11-22T08:00:00Z TZ=UTC LC_ALL=C.UTF-8
unset CRM_DB CRM_BUSY_TIMEOUT CRM_SHARE

passed=0 failed=0
title= cmd= stdin= want_out= want_err= want_rc=0 in_case=0 at=0 has_stdin=0

run_case() {
	local rc
	[ "$in_case" = 1 ] || return 0
	printf '%s' "$stdin" > "$T/.stdin"
	printf '%s' "$want_out" > "$T/.want-out"
	printf '%s' "$want_err" > "$T/.want-err"
	if [ "$has_stdin" = 1 ]; then
		(cd "$T" && bash -c "$cmd") < "$T/.stdin" > "$T/.out" 2> "$T/.err"
	else
		(cd "$T" && bash -c "$cmd") < /dev/null > "$T/.out" 2> "$T/.err"
	fi
	rc=$?
	if cmp -s "$T/.want-out" "$T/.out" && cmp -s "$T/.want-err" "$T/.err" &&
	    [ "$rc" = "$want_rc" ]; then
		passed=$((passed + 1))
		return 0
	fi
	failed=$((failed + 1))
	echo "FAIL $file:$at: $title"
	echo "  \$ $cmd"
	[ "$rc" = "$want_rc" ] || echo "  exit status $rc, want $want_rc"
	diff -u --label want-stdout --label stdout "$T/.want-out" "$T/.out" |
	    sed 's/^/  /'
	diff -u --label want-stderr --label stderr "$T/.want-err" "$T/.err" |
	    sed 's/^/  /'
}

n=0
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	case $line in
	"=== "*)
		run_case
		title=${line#=== } cmd= stdin= want_out= want_err= want_rc=0
		in_case=1 at=$n has_stdin=0 ;;
	'$ '*) cmd=${line#\$ } ;;
	'<')   stdin+=$'\n' has_stdin=1 ;;
	'< '*) stdin+="${line#< }"$'\n' has_stdin=1 ;;
	'>')   want_out+=$'\n' ;;
	'> '*) want_out+="${line#> }"$'\n' ;;
	'!')   want_err+=$'\n' ;;
	'! '*) want_err+="${line#! }"$'\n' ;;
	'? '*) want_rc=${line#? } ;;
	'#'*|'') ;;
	*) echo "$file:$n: not a case line: $line"; failed=$((failed + 1)) ;;
	esac
done < "$file"
run_case

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
