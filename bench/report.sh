#!/usr/bin/env bash
# report.sh - `make -C bench report`: crm-report group over $N flat order
# lines (default 10,000,000; bench/gen-salelines, kept in bench/out/), on
# stdin, summing the amount and counting per region and month, against
# the peers on the same file in the same run (medians of $RUNS runs,
# default 3):
#   crm-report  crm-report group -b region,order_date:month
#                   -a sum:amount,count < FILE
#   mlr         mlr --ijsonl --ojsonl put (month, amount as a number)
#                   then stats1 -a sum,count -f amount -g region,month
#   jq          jq -n 'reduce inputs as $l ({}; ...)' (sum and count per
#                   region|month)
# The three outputs are checked to agree first (counts exactly; sums to
# the cent, the peers' sums being binary floating point, rounded).
# Memory: the peak resident size of crm-report (GNU time) on the whole
# file and on its first tenth, which must be about the same: memory does
# not grow with the number of lines.
# Targets (the report issue): at least 5x faster than mlr, far faster
# than jq; memory flat.
N=${N:-10000000}
RUNS=${RUNS:-3}
. "$(dirname "$0")/common.sh"

data=$out/salelines-$N.jsonl
tenth=$out/salelines-$N-tenth.jsonl
if [ ! -s "$data" ] || [ "$here/gen-salelines" -nt "$data" ]; then
	"$here/gen-salelines" -n "$N" > "$data.tmp"
	mv "$data.tmp" "$data"
	head -n $((N / 10)) "$data" > "$tenth"
fi
q_data=$(printf '%q' "$data")
report=$(printf '%q' "$BIN/crm-report")
echo "data: $data ($N lines, $(du -h "$data" | cut -f1))"

crm_cmd="$report group -b region,order_date:month -a sum:amount,count"
mlr_put='$month = substr($order_date, 0, 6); $amount = float($amount)'
mlr_cmd="mlr --ijsonl --ojsonl put $(printf '%q' "$mlr_put") then stats1"
mlr_cmd+=" -a sum,count -f amount -g region,month"
jq_prog='reduce inputs as $l ({}; .[$l.region + "|" + $l.order_date[0:7]]'
jq_prog+=' |= {n: ((.n // 0) + 1), s: ((.s // 0) + ($l.amount | tonumber))})'
jq_prog+=' | to_entries[] | {k: .key, n: .value.n, s: .value.s}'
jq_cmd="jq -n -c $(printf '%q' "$jq_prog")"

# The same figures from each, as "region|month count sum" sorted.
"$BIN/crm-report" group -b region,order_date:month -a sum:amount,count \
    < "$data" | jq -r '"\(.region)|\(.order_date) \(.count) \(.amount_sum)"' |
    LC_ALL=C sort > "$out/report-crm.txt"
bash -c "$mlr_cmd < $q_data" |
    jq -r '"\(.region)|\(.month) \(.amount_count) \(.amount_sum * 100 |
    round / 100)"' | LC_ALL=C sort > "$out/report-mlr.txt"
bash -c "$jq_cmd < $q_data" | jq -r '"\(.k) \(.n) \(.s * 100 | round /
    100)"' | LC_ALL=C sort > "$out/report-jq.txt"
# The peers print 12.5 where crm prints "12.50".
sed -e 's/\.\([0-9]\)$/.\10/' -e 's/ \([0-9]*\)$/ \1.00/' \
    "$out/report-mlr.txt" > "$out/report-mlr2.txt"
sed -e 's/\.\([0-9]\)$/.\10/' -e 's/ \([0-9]*\)$/ \1.00/' \
    "$out/report-jq.txt" > "$out/report-jq2.txt"
for peer in mlr jq; do
	if cmp -s "$out/report-crm.txt" "$out/report-$peer"2.txt; then
		echo "outputs agree with $peer ($(wc -l < \
		    "$out/report-crm.txt") groups)"
	else
		echo "outputs differ from $peer:" >&2
		diff "$out/report-crm.txt" "$out/report-$peer"2.txt | head >&2
		exit 1
	fi
done

echo "timing: $timer"
crm=$(measure crm-report-group "" "$crm_cmd < $q_data > /dev/null")
mlr=$(measure mlr-stats1 "" "$mlr_cmd < $q_data > /dev/null")
jq=$(measure jq-reduce "" "$jq_cmd < $q_data > /dev/null")
rss_all=$(/usr/bin/time -f %M bash -c "$crm_cmd < $q_data > /dev/null" \
    2>&1 | tail -n 1)
rss_tenth=$(/usr/bin/time -f %M bash -c "$crm_cmd < $(printf '%q' \
    "$tenth") > /dev/null" 2>&1 | tail -n 1)

awk -v n="$N" -v crm="$crm" -v mlr="$mlr" -v jq="$jq" -v all="$rss_all" \
    -v tenth="$rss_tenth" 'BEGIN {
	printf "median seconds (same run)\n"
	printf "  crm-report group  %8.3f  %10.0f lines/s\n", crm, n / crm
	printf "  mlr stats1        %8.3f  %10.0f lines/s  %6.1fx crm\n",
	    mlr, n / mlr, mlr / crm
	printf "  jq reduce         %8.3f  %10.0f lines/s  %6.1fx crm\n",
	    jq, n / jq, jq / crm
	printf "peak memory of crm-report: %d KiB over %d lines, " \
	    "%d KiB over %d\n", all, n, tenth, n / 10
	printf "target >= 5x faster than mlr: %s (%.1fx); memory flat " \
	    "(within 10%%): %s\n", (mlr / crm >= 5) ? "met" : "NOT MET",
	    mlr / crm, (all <= tenth * 1.1) ? "met" : "NOT MET"
}'
