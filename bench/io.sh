#!/usr/bin/env bash
# io.sh - `make -C bench io`: record I/O and loading, side by side with the
# peers, on one generated file of $N records (default 1,000,000) in the crm
# dump format (bench/gen-orderlines, kept in bench/out/ for later runs):
#
#   crm-rec cat    bin/crm-rec cat < FILE > /dev/null   (read, check, re-emit)
#   jq             jq -c . < FILE > /dev/null
#   mlr            mlr --ijsonl --ojsonl cat < FILE > /dev/null
#   crm-db load    bin/crm-db load -d DB FILE           (a fresh DB each run)
#
# The programs are built first (BIN and BUILD, as for make, may point
# elsewhere than bin/ and build/).
#
# Each is timed $RUNS times (default 5) with hyperfine when it is
# installed, else with a plain loop here, and the median is reported,
# with records/s and the ratios jq/crm and mlr/crm (how many times the
# crm time the peer takes).  The targets (issue 2): the pass-through at
# least 2x faster than jq -c; load at least 200,000 records/s.
# Exit status 1 when a command failed or could not be measured.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
N=${N:-1000000}
RUNS=${RUNS:-5}
out=$here/out
mkdir -p "$out"

if ! "$src/scripts/install-deps" --bench; then
	echo "io.sh: going on with what is installed" >&2
fi
make -s -C "$here" gen-orderlines
# The programs under test: $BIN (default bin/), built from $BUILD.
BIN=${BIN:-$src/bin}
BUILD=${BUILD:-$src/build}
make -s -C "$src" BIN="$BIN" BUILD="$BUILD" all

# Made once, and again only when the generator changed.
data=$out/orderlines-$N.jsonl
if [ ! -s "$data" ] || [ "$here/gen-orderlines" -nt "$data" ]; then
	"$here/gen-orderlines" -n "$N" > "$data.tmp"
	mv "$data.tmp" "$data"
fi
db=$out/load.db
q_data=$(printf '%q' "$data")
q_db=$(printf '%q' "$db")
q_rec=$(printf '%q' "$BIN/crm-rec")
q_crmdb=$(printf '%q' "$BIN/crm-db")
fresh_db="rm -f $q_db $q_db-wal $q_db-shm $q_db-journal"

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

records=$(wc -l < "$data")
echo "data: $data ($records records, $(du -h "$data" | cut -f1))"
echo "timing: $timer"

status=0
declare -A secs
run() {
	local name=$1 tool=$2 prepare=$3 cmd=$4 t
	if ! command -v "$tool" >/dev/null 2>&1; then
		printf '  %-12s not installed, not measured\n' "$name"
		status=1
		return 0
	fi
	if ! t=$(measure "$name" "$prepare" "$cmd") || [ -z "$t" ]; then
		printf '  %-12s FAILED: %s\n' "$name" "$cmd"
		[ ! -s "$out/$name.log" ] || sed 's/^/      /' "$out/$name.log"
		status=1
		return 0
	fi
	secs[$name]=$t
	awk -v name="$name" -v t="$t" -v n="$records" 'BEGIN {
		printf "  %-12s %8.3f s %12.0f records/s\n", name, t, n / t }'
}
run crm-rec-cat "$BIN/crm-rec" "" "$q_rec cat < $q_data > /dev/null"
run jq jq "" "jq -c . < $q_data > /dev/null"
run mlr mlr "" "mlr --ijsonl --ojsonl cat < $q_data > /dev/null"
run crm-db-load "$BIN/crm-db" "$fresh_db" "$q_crmdb load -d $q_db $q_data"
bash -c "$fresh_db" || true

awk -v crm="${secs[crm-rec-cat]:-}" -v jq="${secs[jq]:-}" \
    -v mlr="${secs[mlr]:-}" -v load="${secs[crm-db-load]:-}" \
    -v n="$records" 'BEGIN {
	if (crm != "" && jq != "")
		printf "jq/crm   %.1fx\n", jq / crm
	if (crm != "" && mlr != "")
		printf "mlr/crm  %.1fx\n", mlr / crm
	printf "target: pass-through at least 2x faster than jq -c: "
	if (crm == "" || jq == "")
		print "not measured"
	else
		printf "%s (%.1fx)\n", (jq / crm >= 2) ? "met" : "NOT MET", jq / crm
	printf "target: load at least 200000 records/s: "
	if (load == "")
		print "not measured"
	else
		printf "%s (%.0f records/s)\n",
		    (n / load >= 200000) ? "met" : "NOT MET", n / load
}'
exit "$status"
