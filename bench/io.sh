#!/usr/bin/env bash
# io.sh - record I/O and loading, side by side with the peers, on one
# generated file of $N records (default 1,000,000) in the crm dump format:
#   crm pass-through   crm-rec cat          (read, check, re-emit JSONL)
#   jq                 jq -c .
#   mlr                mlr --ijsonl --ojsonl cat
#   crm load           crm-db load into a fresh database (records/s)
# Medians of hyperfine runs; the ratios are peer time / crm time.
# Targets (issue 2): pass-through at least 2x faster than jq -c; load at
# least 200,000 records/s.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"
data=$out/orderlines-$N.jsonl
[ -s "$data" ] || "$here/gen-orderlines" -n "$N" > "$data"
crm_rec=$src/bin/crm-rec
crm_db=$src/bin/crm-db
db=$out/load.db

echo "data: $data ($(wc -l < "$data") lines, $(du -h "$data" | cut -f1))"
hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$out/io.json" \
    -n crm-pass "$crm_rec cat $data -o /dev/null" \
    -n jq "jq -c . $data" \
    -n mlr "mlr --ijsonl --ojsonl cat $data" \
    > "$out/io.log"
hyperfine --runs "$RUNS" --export-json "$out/load.json" \
    --prepare "rm -f $db $db-wal $db-shm" \
    -n crm-load "$crm_db load -q -d $db $data" > "$out/load.log"

crm=$(median "$out/io.json" crm-pass)
jq_t=$(median "$out/io.json" jq)
mlr_t=$(median "$out/io.json" mlr)
load=$(median "$out/load.json" crm-load)
lines=$(wc -l < "$data")
awk -v crm="$crm" -v jq="$jq_t" -v mlr="$mlr_t" -v load="$load" \
    -v n="$lines" 'BEGIN {
	printf "median seconds over %s lines\n", n
	printf "  crm-rec cat      %8.3f\n", crm
	printf "  jq -c .          %8.3f   (%.1fx the crm time)\n", jq, jq / crm
	printf "  mlr cat          %8.3f   (%.1fx the crm time)\n", mlr, mlr / crm
	printf "  crm-db load      %8.3f   (%.0f records/s)\n", load, n / load
	printf "target pass-through >= 2x faster than jq: %s (%.1fx)\n",
	    (jq / crm >= 2) ? "met" : "NOT MET", jq / crm
	printf "target load >= 200000 records/s: %s (%.0f)\n",
	    (n / load >= 200000) ? "met" : "NOT MET", n / load
}'
