#!/usr/bin/env bash
# run.sh - the whole test suite, as `make check` runs it from the repo
# root:  BIN=<abs bin dir> BUILD=<abs build dir> tests/run.sh
#
# In order:
#   unit  every $BUILD/tests/test_* (run from the repo root); each prints
#         "N passed, M failed" as its last line
#   cli   every tests/cli/*.t, through tests/cli/run.sh
#   lint  every tests/lint/*.sh, one check each (exit 0 passes), with
#         SRC, BIN and BUILD in the environment
#   fuzz  every $BUILD/fuzz/fuzz_NAME-run (a target linked with the replay
#         driver) over its seed corpus tests/fuzz/corpus/NAME/, one check
#         per input
# and, when FUZZ_SECONDS is set and not 0, a libFuzzer run of every
# target for that long (tests/fuzz/smoke.sh), one check per target.
#
# One line per item ("ok   unit test_money (408 checks)", "FAIL cli db.t
# (2 of 30 cases)"), with the details shown for a failing one.  The last
# line is "N passed, M failed", N and M counting every check, case and
# input; an item that dies or exits non-zero without its own count is
# one failure.  Exit 1 when anything failed.  A kind of test of which
# there is none yet is simply skipped.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build}
BIN=${BIN:-$SRC/bin}
[ ! -d "$BUILD" ] || BUILD=$(cd "$BUILD" && pwd)
[ ! -d "$BIN" ] || BIN=$(cd "$BIN" && pwd)
export SRC BUILD BIN
cd "$SRC" || exit 1

passed=0 failed=0
log=$(mktemp "${TMPDIR:-/tmp}/crm-check.XXXXXX")
trap 'rm -f "$log"' EXIT

# Run a command with its output in $log.  In a subshell that does not
# end with it, so that the shell's own report of a crash ("Segmentation
# fault") lands in the log too.
run_logged() {
	("$@"; exit $?) > "$log" 2>&1
}

# Count one item from its output in $log and its exit status: the last
# "N passed, M failed" line in the output gives the counts; none, or a
# non-zero status with no failure counted, is one failure.  The details
# of a failing item are shown indented.
tally() {
	local kind=$1 name=$2 status=$3 unit=$4 count p=0 f=0 why=
	count=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -n "$count" ]; then
		read -r p _ f _ <<< "$count"
	fi
	if [ -z "$count" ]; then
		f=1 why="exit status $status and no \"N passed, M failed\" line"
	elif [ "$status" != 0 ] && [ "$f" = 0 ]; then
		f=1 why="exit status $status though no check failed"
	fi
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" = 0 ]; then
		echo "ok   $kind $name ($p $unit)"
	else
		echo "FAIL $kind $name ($f of $((p + f)) $unit)"
		[ -z "$why" ] || echo "    $why"
		sed 's/^/    /' "$log"
	fi
}

for t in "$BUILD"/tests/test_*; do
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then
		continue
	fi
	run_logged "$t"
	status=$?
	tally unit "$(basename "$t")" "$status" checks
done

for t in "$SRC"/tests/cli/*.t; do
	[ -f "$t" ] || continue
	run_logged "$SRC/tests/cli/run.sh" "$t"
	status=$?
	tally cli "$(basename "$t")" "$status" cases
done

for t in "$SRC"/tests/lint/*.sh; do
	[ -f "$t" ] || continue
	if run_logged bash "$t"; then
		passed=$((passed + 1))
		echo "ok   lint $(basename "$t")"
	else
		failed=$((failed + 1))
		echo "FAIL lint $(basename "$t")"
		sed 's/^/    /' "$log"
	fi
done

# The replay driver names each input on stderr before running it (-v -v),
# so when one crashes the last name is the culprit; only that is shown.
for t in "$BUILD"/fuzz/fuzz_*-run; do
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then
		continue
	fi
	name=$(basename "$t" -run)
	corpus=tests/fuzz/corpus/${name#fuzz_}
	if [ ! -d "$corpus" ]; then
		failed=$((failed + 1))
		echo "FAIL fuzz $name (no seed corpus $corpus/)"
		continue
	fi
	if run_logged "$t" -v -v "$corpus"; then
		n=$(grep -E '^[0-9]+ inputs$' "$log" | tail -n 1 | cut -d' ' -f1)
		passed=$((passed + ${n:-0}))
		echo "ok   fuzz $name (${n:-0} inputs)"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz $name (on $(grep "^$name-run: " "$log" |
		    tail -n 1 | sed "s/^$name-run: //"))"
		grep -v "^$name-run: $corpus/" "$log" | sed 's/^/    /'
	fi
done

if [ "${FUZZ_SECONDS:-0}" != 0 ]; then
	run_logged "$SRC/tests/fuzz/smoke.sh"
	status=$?
	tally fuzz "libFuzzer, ${FUZZ_SECONDS} s each" "$status" targets
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
