#!/usr/bin/env bash
# run.sh - run one CLI case file (tests/cli/*.t) and compare exactly.
#
# usage: tests/cli/run.sh FILE.t      (BIN: the programs, default ./bin)
#
# A case file is a story: its cases run in order, in one fresh scratch
# directory that is the working directory of every case and is also $T,
# so a case sees the files the cases before it left there.
#
#   # comment       a line starting with # is ignored, as is a blank line
#   === title       starts a case
#   $ command       the bash command line of the case, exactly one per
#                   case; when it ends in a backslash the next line of
#                   the file (taken as it is, whatever it starts with;
#                   indent it) continues the command, as in a script
#   < text          a line of standard input, in order ("<" alone: an
#                   empty line); no "<" lines: stdin is /dev/null
#   > text          an expected line of standard output (">" alone: empty)
#   ! text          an expected line of standard error ("!" alone: empty)
#   ? N             the expected exit status (default 0)
#
# Only the one space after the marker is taken off: "> a  b " expects
# "a  b " exactly.  stdout and stderr are compared exactly and in full
# (no ">" lines: stdout must be empty; no "!" lines: stderr must be
# empty), and so is the exit status.  Every expected line ends with a
# newline, so output without a final newline never matches.
#
# Environment of every case: PATH="$BIN:$PATH"; T (the scratch
# directory); SRC (the repo, absolute); SHARE="$SRC/share/crm";
# DATA="$SRC/../shared/data" (the shared data sets);
# CRM_NOW=2026-11-22T08:00:00Z, TZ=UTC, LC_ALL=C.UTF-8; CRM_DB,
# CRM_BUSY_TIMEOUT and CRM_SHARE unset.
#
# A failing case is shown with its file:line, the command, the exit
# status and `diff -u expected actual` of stdout and stderr.  The last
# line is "N passed, M failed"; exit 1 when any case failed (a malformed
# line counts as a failure too).
set -u

if [ $# -ne 1 ]; then
	echo "usage: run.sh FILE.t" >&2
	exit 64
fi
file=$1
if [ ! -r "$file" ]; then
	echo "run.sh: $file: cannot read" >&2
	exit 66
fi
SRC=$(cd "${SRC:-$(dirname "$0")/../..}" && pwd)
BIN=${BIN:-$SRC/bin}
[ ! -d "$BIN" ] || BIN=$(cd "$BIN" && pwd)
name=${file#"$SRC"/}

# The runner's own files live beside $T, not in it, so that no case
# sees them.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/crm-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
T=$scratch/t
mkdir "$T"
export T SRC BIN SHARE="$SRC/share/crm" DATA="$SRC/../shared/data"
export PATH="$BIN:$PATH" CRM_NOW=2026-11-22T08:00:00Z TZ=UTC LC_ALL=C.UTF-8
unset CRM_DB CRM_BUSY_TIMEOUT CRM_SHARE

passed=0 failed=0
in_case=0 continues=0

new_case() {
	title=$1 at=$2 cmd='' ncmd=0 stdin='' has_stdin=0
	want_out='' want_err='' want_rc=0 bad=''
	in_case=1
}

# A malformed case: remember the first problem; the case fails unrun.
malformed() {
	[ -n "$bad" ] || bad="$name:$1: $2"
}

fail_header() {
	failed=$((failed + 1))
	echo "FAIL $name:$at: $title"
}

run_case() {
	local rc input
	[ "$in_case" = 1 ] || return 0
	in_case=0
	[ "$continues" = 0 ] || malformed "$at" "the command goes on past the end of the file"
	[ "$ncmd" = 1 ] || malformed "$at" "$ncmd command lines (\"\$ ...\"), want exactly one"
	if [ -n "$bad" ]; then
		fail_header
		echo "  $bad"
		return 0
	fi
	printf '%s' "$want_out" > "$scratch/want-stdout"
	printf '%s' "$want_err" > "$scratch/want-stderr"
	input=/dev/null
	if [ "$has_stdin" = 1 ]; then
		input=$scratch/stdin
		printf '%s' "$stdin" > "$input"
	fi
	(cd "$T" && exec bash -c "$cmd") < "$input" \
	    > "$scratch/stdout" 2> "$scratch/stderr"
	rc=$?
	if [ "$rc" = "$want_rc" ] &&
	    cmp -s "$scratch/want-stdout" "$scratch/stdout" &&
	    cmp -s "$scratch/want-stderr" "$scratch/stderr"; then
		passed=$((passed + 1))
		return 0
	fi
	fail_header
	printf '%s\n' "$cmd" | sed '1s/^/  $ /; 2,$s/^/  /'
	[ "$rc" = "$want_rc" ] || echo "  exit status $rc, expected $want_rc"
	diff -u --label "expected stdout" --label "actual stdout" \
	    "$scratch/want-stdout" "$scratch/stdout" | sed 's/^/  /'
	diff -u --label "expected stderr" --label "actual stderr" \
	    "$scratch/want-stderr" "$scratch/stderr" | sed 's/^/  /'
}

n=0
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	if [ "$continues" = 1 ]; then
		cmd+=$'\n'"$line"
		[[ $line == *\\ ]] || continues=0
		continue
	fi
	case $line in
	'#'* | '')
		continue ;;
	'=== '*)
		run_case
		new_case "${line#=== }" "$n"
		continue ;;
	esac
	if [ "$in_case" = 0 ]; then
		echo "FAIL $name:$n: not in a case (no \"=== title\" above): $line"
		failed=$((failed + 1))
		continue
	fi
	case $line in
	'$ '*)
		cmd=${line#\$ } ncmd=$((ncmd + 1))
		[[ $line != *\\ ]] || continues=1 ;;
	'<')   stdin+=$'\n' has_stdin=1 ;;
	'< '*) stdin+="${line#< }"$'\n' has_stdin=1 ;;
	'>')   want_out+=$'\n' ;;
	'> '*) want_out+="${line#> }"$'\n' ;;
	'!')   want_err+=$'\n' ;;
	'! '*) want_err+="${line#! }"$'\n' ;;
	'? '*)
		want_rc=${line#? }
		if [[ $want_rc =~ ^[0-9]{1,3}$ ]] && ((10#$want_rc <= 255)); then
			want_rc=$((10#$want_rc))
		else
			malformed "$n" "not an exit status: $line"
		fi ;;
	*)
		malformed "$n" "not a case line: $line" ;;
	esac
done < "$file"
run_case

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
