#!/usr/bin/env bash
# score.sh - `make -C bench score`: crm-lead score as a filter on $N
# generated leads (default 1,000,000) against `jq -c .` on the same file
# in the same run (medians of $RUNS runs, by common.sh's timer), and its
# peak memory at N/10 and N leads: it must not grow with the input.
# Target (issue 3): score at least 3x faster than jq -c.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"

data=$out/leads-$N.jsonl
small=$out/leads-$((N / 10)).jsonl
make_data gen-leads "$data" "$N"
make_data gen-leads "$small" $((N / 10))
export CRM_SHARE=$src/share/crm CRM_NOW=2026-11-22T08:00:00Z
score="$(printf '%q' "$BIN/crm-lead") score"
q_data=$(printf '%q' "$data")

echo "data: $data ($(wc -l < "$data") leads, $(du -h "$data" | cut -f1))"
echo "timing: $timer"
crm=$(measure crm-lead-score "" "$score < $q_data > /dev/null")
jq_t=$(measure jq "" "jq -c . < $q_data > /dev/null")
rss() { /usr/bin/time -f %M $score < "$1" 2>&1 >/dev/null | tail -n 1; }
awk -v crm="$crm" -v jq="$jq_t" -v n="$N" -v small="$(rss "$small")" \
    -v big="$(rss "$data")" 'BEGIN {
	printf "median seconds over %d leads\n", n
	printf "  crm-lead score   %8.3f   (%.0f leads/s)\n", crm, n / crm
	printf "  jq -c .          %8.3f   (%.1fx the crm time)\n", jq, jq / crm
	printf "peak memory: %d KB at %d leads, %d KB at %d leads\n",
	    small, n / 10, big, n
	printf "target score >= 3x faster than jq: %s (%.1fx)\n",
	    (jq / crm >= 3) ? "met" : "NOT MET", jq / crm
}'
