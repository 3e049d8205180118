#!/usr/bin/env bash
# score.sh - crm-lead score as a filter on $N generated leads (default
# 1,000,000) against `jq -c .` on the same file in the same run, and its
# peak memory at N/10 and N leads (it must not grow with the input).
# Target (issue 3): score at least 3x faster than jq -c.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"
data=$out/leads-$N.jsonl
small=$out/leads-$((N / 10)).jsonl
[ -s "$data" ] || "$here/gen-leads" -n "$N" > "$data"
[ -s "$small" ] || "$here/gen-leads" -n $((N / 10)) > "$small"
export CRM_SHARE=$src/share/crm CRM_NOW=2026-11-22T08:00:00Z
score="$src/bin/crm-lead score"

echo "data: $data ($(wc -l < "$data") lines, $(du -h "$data" | cut -f1))"
hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$out/score.json" \
    -n crm-score "$score $data -o /dev/null" \
    -n jq "jq -c . $data" > "$out/score.log"
rss() { /usr/bin/time -f %M $score "$1" -o /dev/null 2>&1 >/dev/null | tail -1; }
crm=$(median "$out/score.json" crm-score)
jq_t=$(median "$out/score.json" jq)
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
