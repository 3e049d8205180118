#!/usr/bin/env bash
# run.sh - the whole suite, as `make check` runs it: unit tests, CLI case
# files, lint scripts, and the fuzz targets over their seed corpora.
# Prints a line per item and, last, "N passed, M failed" counting every
# check and case; exits 1 when anything failed.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build}
BIN=${BIN:-$SRC/bin}
export SRC BUILD BIN
passed=0 failed=0
log=$(mktemp "${TMPDIR:-/tmp}/crm-check.XXXXXX")
trap 'rm -f "$log"' EXIT

# Add the counts of a "N passed, M failed" last line; a run without one
# (a crash) counts as one failure.
tally() {
	local kind=$1 name=$2 status=$3 last p f
	last=$(tail -n 1 "$log")
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
	else
		p=0 f=1
	fi
	[ "$status" = 0 ] || [ "$f" != 0 ] || f=1
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" = 0 ]; then
		printf 'ok   %-5s %s (%d)\n' "$kind" "$name" "$p"
	else
		printf 'FAIL %-5s %s (%d failed)\n' "$kind" "$name" "$f"
		sed 's/^/    /' "$log"
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	(cd "$SRC" && "$t") > "$log" 2>&1
	tally unit "$(basename "$t")" $?
done

for t in "$SRC"/tests/cli/*.t; do
	[ -e "$t" ] || continue
	"$SRC/tests/cli/run.sh" "$t" > "$log" 2>&1
	tally cli "$(basename "$t")" $?
done

for t in "$SRC"/tests/lint/*.sh; do
	[ -x "$t" ] || continue
	if "$t" > "$log" 2>&1; then
		echo "1 passed, 0 failed" >> "$log"
	else
		echo "0 passed, 1 failed" >> "$log"
	fi
	tally lint "$(basename "$t" .sh)" 0
done

for t in "$BUILD"/fuzz/fuzz_*-run; do
	[ -x "$t" ] || continue
	name=$(basename "$t" -run)
	corpus=$SRC/tests/fuzz/corpus/${name#fuzz_}
	if "$t" "$corpus" > "$log" 2>&1; then
		echo "$(find "$corpus" -type f | wc -l) passed, 0 failed" >> "$log"
	else
		echo "0 passed, 1 failed" >> "$log"
	fi
	tally fuzz "$name" 0
done

# A short libFuzzer run of every target (make check sets FUZZ_SECONDS).
if [ "${FUZZ_SECONDS:-0}" != 0 ]; then
	"$SRC/tests/fuzz/smoke.sh" > "$log" 2>&1
	tally fuzz "libFuzzer ${FUZZ_SECONDS}s each" $?
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
