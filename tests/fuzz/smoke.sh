#!/usr/bin/env bash
# smoke.sh - a short libFuzzer run of every fuzz target (`make fuzz-smoke`,
# and the end of `make check`).
#
# Each tests/fuzz/fuzz_NAME.c is built with $FUZZ_CC (default clang) and
# -fsanitize=fuzzer,address,undefined together with lib/*.c into
# $BUILD/fuzz/fuzz_NAME-fuzz, then fuzzed for $FUZZ_SECONDS seconds
# (default 10; 0 runs the seeds once) starting from a scratch copy of its
# seed corpus tests/fuzz/corpus/NAME/, so what libFuzzer adds stays out of
# the tree.  A target passes when libFuzzer finds nothing; a finding is
# saved as $BUILD/fuzz/fuzz_NAME-crash-* (or -timeout-, -leak-, -oom-) and
# the end of libFuzzer's log is shown.
#
# Without a compiler that can build libFuzzer targets this fails, naming
# the Debian packages, unless FUZZ_OPTIONAL=1 (then it is skipped).
# Last line: "N passed, M failed" counting targets; exit 1 when any failed.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$SRC/build}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
out=$BUILD/fuzz
mkdir -p "$out"

probe=$out/.probe
if ! printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
    '{ return d == NULL && n > 0; }' |
    "$FUZZ_CC" -x c -fsanitize=fuzzer,address,undefined -o "$probe" - \
    > "$probe.log" 2>&1; then
	echo "fuzz-smoke: $FUZZ_CC cannot build libFuzzer targets:"
	sed 's/^/    /' "$probe.log" | tail -n 5
	echo "fuzz-smoke: on Debian: apt-get install clang libclang-rt-14-dev" \
	    "(or scripts/install-deps --fuzz)"
	rm -f "$probe" "$probe.log"
	if [ "${FUZZ_OPTIONAL:-0}" = 1 ]; then
		echo "fuzz-smoke: skipped (FUZZ_OPTIONAL=1)"
		echo "0 passed, 0 failed"
		exit 0
	fi
	exit 1
fi
rm -f "$probe" "$probe.log"

if [ "$FUZZ_SECONDS" -gt 0 ] 2>/dev/null; then
	limit=(-max_total_time="$FUZZ_SECONDS")
else
	limit=(-runs=0)
fi

# shellcheck disable=SC2207 # pkg-config prints words, split on purpose
pkg=($(pkg-config --cflags --libs sqlite3 jansson zlib))
targets=()
for src in "$SRC"/tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] && targets+=("$(basename "$src" .c)")
done

# Build all targets at once: each is one long compile of the library.
pids=()
for name in "${targets[@]}"; do
	rm -f "$out/$name-fuzz"
	(cd "$SRC" && "$FUZZ_CC" -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L \
	    -DCRM_VERSION='"fuzz"' -Iinclude -Ilib \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o "$out/$name-fuzz" "tests/fuzz/$name.c" lib/*.c "${pkg[@]}" -lm) \
	    > "$out/$name-build.log" 2>&1 &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	wait "$pid"
done

passed=0 failed=0
for name in "${targets[@]}"; do
	bin=$out/$name-fuzz
	log=$out/$name.log
	if [ ! -x "$bin" ]; then
		echo "FAIL $name: does not build"
		sed 's/^/    /' "$out/$name-build.log"
		failed=$((failed + 1))
		continue
	fi
	seeds=$SRC/tests/fuzz/corpus/${name#fuzz_}
	corpus=$out/$name-corpus
	mkdir -p "$seeds"
	rm -rf "$corpus"
	cp -R "$seeds" "$corpus"
	rm -f "$out/$name"-crash-* "$out/$name"-timeout-* \
	    "$out/$name"-leak-* "$out/$name"-oom-*
	if "$bin" "${limit[@]}" -timeout=10 -max_len=65536 \
	    -artifact_prefix="$out/$name-" "$corpus" > "$log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*')
		echo "ok   $name (${runs:-?} runs)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: the end of $log:"
		tail -n 40 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
