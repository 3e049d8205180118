#!/usr/bin/env bash
# report-sales.sh - `make -C bench report-sales`: crm-report sales over a
# database of $N order lines (default 10,000,000; gen-orderlines' dump,
# made once into bench/out/ and loaded once with `crm-db load`), per
# region and month, against sqlite3 running the GROUP BY someone would
# write by hand on the same database in the same run (medians of $RUNS
# runs, by common.sh's timer):
#   crm-report  crm-report sales --by region --period month -d DB
#   sqlite3     SELECT o.region, o.currency, substr(o.order_date, 1, 7),
#               sum(l.qty), sum(l.amount_minor) FROM order_lines l JOIN
#               orders o ON o.id = l.order_id WHERE o.status NOT IN
#               ('draft', 'cancelled') GROUP BY 1, 2, 3
# The two outputs are checked to agree first (quantities and amounts in
# minor units).  crm-report sums each order's lines in SQL in the order
# the orders are stored and the orders per region and month in C, where
# the hand-written GROUP BY sorts every line.  Target (the report
# issue): sales over 10,000,000 lines in under 5 s.
N=${N:-10000000}
. "$(dirname "$0")/common.sh"

# gen-orderlines -n RECORDS writes 80% order lines (less the header, the
# products and customers rounding): the smallest count of records that
# gives N lines.
records=$(awk -v n="$N" 'BEGIN {
	for (r = int(n / 0.799) - 1000; ; r++) {
		lines = r - 1 - int(r / 1000) - int(r / 100) - int(r * 19 / 100)
		if (lines >= n) {
			print r
			exit
		}
	}
}')
dump=$out/sales-dump-$N.jsonl
base=$out/sales-base-$N.db
load_time=$out/sales-load-$N.seconds
make_data gen-orderlines "$dump" "$records"
if [ ! -s "$base" ] || [ "$dump" -nt "$base" ] || [ ! -s "$load_time" ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	t0=$EPOCHREALTIME
	"$BIN/crm-db" load -q -d "$base" "$dump"
	t1=$EPOCHREALTIME
	awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.1f\n", b - a }' \
	    > "$load_time"
fi
lines=$(sqlite3 "$base" "SELECT count(*) FROM order_lines")
echo "data: $dump ($lines order lines, $(du -h "$dump" | cut -f1)); loaded" \
    "by crm-db load in $(cat "$load_time") s into $(du -h "$base" | cut -f1)"

cat > "$out/report-sales.sql" <<X
SELECT o.region, o.currency, substr(o.order_date, 1, 7), sum(l.qty),
 sum(l.amount_minor)
 FROM order_lines l JOIN orders o ON o.id = l.order_id
 WHERE o.status NOT IN ('draft', 'cancelled')
 GROUP BY 1, 2, 3;
X
q_base=$(printf '%q' "$base")
report="$(printf '%q' "$BIN/crm-report") sales --by region --period month"

# Equivalent work: the same rows, sorted, as tab-separated text (CNY has
# two decimals: the amount without its point is in minor units).
sqlite3 -separator '	' "$base" < "$out/report-sales.sql" |
    LC_ALL=C sort > "$out/report-sales-sqlite3.tsv"
$report -d "$base" | jq -r '[.region, .currency, .period, .qty,
    (.amount | sub("\\."; "") | tonumber)] | @tsv' |
    LC_ALL=C sort > "$out/report-sales-crm.tsv"
if cmp -s "$out/report-sales-crm.tsv" "$out/report-sales-sqlite3.tsv"; then
	echo "outputs agree ($(wc -l < "$out/report-sales-crm.tsv") rows)"
else
	echo "outputs differ:" >&2
	diff "$out/report-sales-crm.tsv" "$out/report-sales-sqlite3.tsv" |
	    head >&2 || true
	exit 1
fi
rm -f "$out"/report-sales-*.tsv

echo "timing: $timer"
crm=$(measure crm-report-sales "" "$report -d $q_base -o /dev/null")
peer=$(measure sqlite3-sales-group-by "" \
    "sqlite3 $q_base < $(printf '%q' "$out/report-sales.sql") > /dev/null")
awk -v c="$crm" -v p="$peer" -v n="$lines" 'BEGIN {
	printf "median seconds over %d order lines, by region and month\n", n
	printf "  crm-report sales           %8.3f\n", c
	printf "  sqlite3 GROUP BY           %8.3f   (crm/sqlite3 %.2fx)\n",
	    p, c / p
	printf "target sales < 5 s: %s (%.3f)\n", (c < 5) ? "met" : "NOT MET",
	    c
}'
