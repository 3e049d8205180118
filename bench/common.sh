# shellcheck shell=bash
# common.sh - sourced by the bench scripts: paths, the peers, a build of
# the programs under test, the data files and a timer.  The sourcing
# script sets N (and may set RUNS, BIN, BUILD) before.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
RUNS=${RUNS:-5}
out=$here/out
mkdir -p "$out"

if ! "$src/scripts/install-deps" --bench; then
	echo "$(basename "$0"): going on with what is installed" >&2
fi
make -s -C "$here"
# The programs under test: $BIN (default bin/), built from $BUILD.
BIN=${BIN:-$src/bin}
BUILD=${BUILD:-$src/build}
make -s -C "$src" BIN="$BIN" BUILD="$BUILD" all

# make_data GENERATOR FILE COUNT: made once, and again only when the
# generator changed.
make_data() {
	if [ ! -s "$2" ] || [ "$here/$1" -nt "$2" ]; then
		"$here/$1" -n "$3" > "$2.tmp"
		mv "$2.tmp" "$2"
	fi
}

if command -v hyperfine >/dev/null 2>&1; then
	timer="hyperfine, median of $RUNS runs"
else
	timer="a shell loop (no hyperfine), median of $RUNS runs"
fi

# The median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

# measure NAME PREPARE COMMAND: the median seconds of COMMAND (a bash
# command line) after one warm-up run, with PREPARE run untimed before
# each run.  Prints nothing and fails when the command fails.
measure() {
	local name=$1 prepare=${2:-true} cmd=$3 i t0 t1 times=()
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine --style none --runs "$RUNS" --warmup 1 \
		    --prepare "$prepare" --export-json "$out/$name.json" \
		    -n "$name" "$cmd" > "$out/$name.log" 2>&1 || return 1
		sed -n 's/^ *"median": *\([0-9.eE+-]*\).*/\1/p' "$out/$name.json" |
		    head -n 1
		return 0
	fi
	for ((i = 0; i <= RUNS; i++)); do
		bash -c "$prepare" || return 1
		t0=$EPOCHREALTIME
		bash -c "$cmd" > "$out/$name.log" 2>&1 || return 1
		t1=$EPOCHREALTIME
		# Run 0 is the warm-up.
		[ "$i" = 0 ] || times+=("$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" \
		    'BEGIN { printf "%.6f\n", b - a }')")
	done
	printf '%s\n' "${times[@]}" | median
}

