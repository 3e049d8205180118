#!/usr/bin/env bash
# smoke.sh - `make fuzz-smoke`: build every tests/fuzz/fuzz_*.c with
# libFuzzer and the sanitizers, and fuzz each for $FUZZ_SECONDS seconds
# starting from its seed corpus.  A target passes when nothing is found.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$SRC/build}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
out=$BUILD/fuzz
mkdir -p "$out"
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
    "$FUZZ_CC" -x c -fsanitize=fuzzer -o "$out/probe" - 2>/dev/null; then
	echo "fuzz-smoke: $FUZZ_CC cannot build libFuzzer targets" \
	    "(Debian: apt-get install clang libclang-rt-14-dev)"
	exit 1
fi
passed=0 failed=0
for src in "$SRC"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	bin=$out/$name-fuzz
	corpus=$out/$name-corpus
	mkdir -p "$corpus"
	cp "$SRC/tests/fuzz/corpus/${name#fuzz_}"/* "$corpus/" 2>/dev/null
	# shellcheck disable=SC2046
	if ! "$FUZZ_CC" -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L \
	    -DCRM_VERSION='"fuzz"' -I"$SRC/include" -I"$SRC/lib" \
	    -fsanitize=fuzzer,address,undefined -o "$bin" "$src" \
	    "$SRC"/lib/*.c $(pkg-config --cflags --libs sqlite3 jansson zlib) \
	    -lm; then
		echo "FAIL $name: does not build"
		failed=$((failed + 1))
		continue
	fi
	if (cd "$out" && "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
	    -max_len=65536 "$corpus" > "$out/$name.log" 2>&1); then
		echo "ok   $name ($(grep -o 'Done [0-9]* runs' "$out/$name.log"))"
		passed=$((passed + 1))
	else
		echo "FAIL $name: see $out/$name.log"
		tail -n 30 "$out/$name.log"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
