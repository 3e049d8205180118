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
N=${N:-1000000}
. "$(dirname "$0")/common.sh"

data=$out/orderlines-$N.jsonl
make_data gen-orderlines "$data" "$N"
db=$out/load.db
q_data=$(printf '%q' "$data")
q_db=$(printf '%q' "$db")
q_rec=$(printf '%q' "$BIN/crm-rec")
q_crmdb=$(printf '%q' "$BIN/crm-db")
fresh_db="rm -f $q_db $q_db-wal $q_db-shm $q_db-journal"

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
