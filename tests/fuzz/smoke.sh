#!/usr/bin/env bash
# smoke.sh - a short libFuzzer run of every fuzz target (`make fuzz-smoke`,
# and the end of `make check`).
#
# Each tests/fuzz/fuzz_NAME.c is built with $FUZZ_CC (default clang) and
# -fsanitize=fuzzer,address,undefined, linked with lib/*.c built once into
# $BUILD/fuzz/libcrm-fuzz.a, into $BUILD/fuzz/fuzz_NAME-fuzz, then fuzzed for $FUZZ_SECONDS seconds
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

# The library once, instrumented for libFuzzer without its main
# (fuzzer-no-link), one object per file, as many at a time as there are
# processors; then each target is its own file linked with that archive.
cflags=(-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -DCRM_VERSION='"fuzz"'
    -Iinclude -Ilib -fno-sanitize-recover=all)
objdir=$out/lib-obj
rm -rf "$objdir"
mkdir -p "$objdir"
export FUZZ_CC objdir
# shellcheck disable=SC2016 # expanded by the sh -c
(cd "$SRC" && printf '%s\n' lib/*.c | xargs -P "$(nproc)" -I{} sh -c \
    '"$FUZZ_CC" "$@" -fsanitize=fuzzer-no-link,address,undefined -c \
    -o "$objdir/$(basename "{}" .c).o" "{}"' sh "${cflags[@]}") \
    > "$out/lib-build.log" 2>&1
rm -f "$out/libcrm-fuzz.a"
ar rcs "$out/libcrm-fuzz.a" "$objdir"/*.o 2>> "$out/lib-build.log"
# shellcheck disable=SC2016 # expanded by the sh -c
for name in "${targets[@]}"; do
	rm -f "$out/$name-fuzz"
	printf '%s\n' "$name"
done | xargs -P "$(nproc)" -I{} sh -c 'cd "$1" && shift &&
    "$FUZZ_CC" "$@" -fsanitize=fuzzer,address,undefined \
    -o "$0/{}-fuzz" "tests/fuzz/{}.c" "$0/libcrm-fuzz.a" \
    > "$0/{}-build.log" 2>&1' "$out" "$SRC" "${cflags[@]}" "${pkg[@]}" -lm \
    || true

passed=0 failed=0
for name in "${targets[@]}"; do
	bin=$out/$name-fuzz
	log=$out/$name.log
	if [ ! -x "$bin" ]; then
		echo "FAIL $name: does not build"
		sed 's/^/    /' "$out/$name-build.log"
		tail -n 5 "$out/lib-build.log" | sed 's/^/    /'
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
