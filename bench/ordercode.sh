#!/usr/bin/env bash
# ordercode.sh - `make -C bench ordercode`: crm-order encode as a filter
# (--no-db: every record brings its seq) on $N generated order lines
# (default 1,000,000) against jq -c building the same code string from
# the same fields, on the same file in the same run (medians of $RUNS
# runs, by common.sh's timer).  The two outputs are checked to be the
# same bytes first.  Target (the order-code issue): encode at least 3x
# faster than jq -c.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"

data=$out/ordercodes-$N.jsonl
make_data gen-ordercodes "$data" "$N"
export CRM_SHARE=$src/share/crm
encode="$(printf '%q' "$BIN/crm-order") encode --no-db"
q_data=$(printf '%q' "$data")

# The default layout in jq: base from the plant map, two-digit ISO year,
# the month of the week's Thursday (Monday of week 1 is the Monday on or
# before January 4), week, seq in four digits, colour padded with "-" to
# two, the options sorted in four slots of two padded with "--".  jq
# checks nothing; crm checks every value.
jq_prog='
def lpad($n; $c): ([range($n - length)] | map($c) | join("")) + .;
def rpad($n; $c): . + ([range($n - length)] | map($c) | join(""));
def thursday_month:
  (.[0:4]) as $y | (.[6:8] | tonumber) as $w
  | ("\($y)-01-04T00:00:00Z" | fromdate) as $jan4
  | ((($jan4 / 86400 | floor) + 3) % 7) as $from_monday
  | $jan4 + (($w - 1) * 7 + 3 - $from_monday) * 86400
  | todate[5:7];
{"SH": "01", "BJ": "02", "CQ": "03", "GZ": "04", "CC": "05",
 "WH": "06"} as $base
| . + {order_code: ($base[.plant] + .demand_week[2:4]
    + (.demand_week | thursday_month) + .demand_week[6:8]
    + (.seq | tostring | lpad(4; "0"))
    + ((.colour // "") | rpad(2; "-"))
    + ((.options // []) | sort | join("") | rpad(8; "-")))}'
printf '%s\n' "$jq_prog" > "$out/ordercode.jq"
q_prog=$(printf '%q' "$out/ordercode.jq")

echo "data: $data ($(wc -l < "$data") order lines, $(du -h "$data" | cut -f1))"
# Equivalent work: the same output, byte for byte.
"$BIN/crm-order" encode --no-db < "$data" > "$out/ordercodes-crm.jsonl"
jq -c -f "$out/ordercode.jq" < "$data" > "$out/ordercodes-jq.jsonl"
if cmp -s "$out/ordercodes-crm.jsonl" "$out/ordercodes-jq.jsonl"; then
	echo "outputs: the same bytes"
else
	echo "outputs differ:" >&2
	cmp "$out/ordercodes-crm.jsonl" "$out/ordercodes-jq.jsonl" >&2 || true
	exit 1
fi
rm -f "$out/ordercodes-crm.jsonl" "$out/ordercodes-jq.jsonl"

echo "timing: $timer"
crm=$(measure crm-order-encode "" "$encode < $q_data > /dev/null")
jq_t=$(measure jq-ordercode "" "jq -c -f $q_prog < $q_data > /dev/null")
awk -v crm="$crm" -v jq="$jq_t" -v n="$N" 'BEGIN {
	printf "median seconds over %d order lines\n", n
	printf "  crm-order encode --no-db %8.3f   (%.0f lines/s)\n", crm,
	    n / crm
	printf "  jq -c (the same codes)   %8.3f   (%.1fx the crm time)\n", jq,
	    jq / crm
	printf "target encode >= 3x faster than jq: %s (%.1fx)\n",
	    (jq / crm >= 3) ? "met" : "NOT MET", jq / crm
}'
