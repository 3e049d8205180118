#!/usr/bin/env bash
# stock.sh - `make -C bench stock`: a generated stock ledger of $N moves
# (default 5,000,000) over $SKUS skus (10,000) at $LOCATIONS locations
# (200), the lots received over 400 days up to 2026-11-22 (gen-stock),
# loaded once with `crm-db load`.  Timed (medians of $RUNS runs, by
# common.sh's timer), each against sqlite3 running the query someone
# would write by hand, in the same run:
#   crm-stock levels   vs on hand per sku and location summed from the
#                      ledger (stock_moves joined to stock_lots), and the
#                      same from the balance cache (stock_balances);
#   crm-stock age      vs qty and value per sku, location and age bucket
#                      (0-30, 31-60, 61-90, 91-180, over 180 days at
#                      2026-11-22) summed from the ledger, and from the
#                      cache;
#   both again with --as-of 2026-11-22, where crm-stock sums the ledger
#                      (without it, the cache: CRM_NOW is that day);
#   crm-stock issue    of $ISSUES issue records (default 100,000; sku,
#                      qty 1 to 3, location), each consumed first in
#                      first out, on a fresh copy of the database for
#                      every run, vs sqlite3 inserting as many bare
#                      ledger rows (no FIFO, no checks, no cache): the
#                      floor of the storage, as a set-based FIFO in SQL
#                      is not what anyone writes by hand.
# The outputs of levels and age are checked to agree with the sqlite3
# queries' rows first.  Targets (the stock issue): levels and age each
# well under 2 s, issue at least 20,000 lines/s.
N=${N:-5000000}
SKUS=${SKUS:-10000}
LOCATIONS=${LOCATIONS:-200}
ISSUES=${ISSUES:-100000}
. "$(dirname "$0")/common.sh"

shape=$N-$SKUS-$LOCATIONS
dump=$out/stock-dump-$shape.jsonl
issues=$out/stock-issues-$shape-$ISSUES.jsonl
base=$out/stock-base-$shape.db
load_time=$out/stock-load-$shape.seconds

# gen_data FILE ARGS...: made once, and again when the generator changed.
gen_data() {
	local file=$1
	shift
	if [ ! -s "$file" ] || [ "$here/gen-stock" -nt "$file" ]; then
		"$here/gen-stock" -n "$N" -k "$SKUS" -l "$LOCATIONS" "$@" \
		    > "$file.tmp"
		mv "$file.tmp" "$file"
	fi
}
gen_data "$dump"
gen_data "$issues" -i "$ISSUES"
if [ ! -s "$base" ] || [ "$dump" -nt "$base" ] || [ ! -s "$load_time" ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	t0=$EPOCHREALTIME
	"$BIN/crm-db" load -q -d "$base" "$dump"
	t1=$EPOCHREALTIME
	awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.1f\n", b - a }' \
	    > "$load_time"
fi

export CRM_NOW=2026-11-22T18:00:00Z CRM_SHARE=$src/share/crm
q_base=$(printf '%q' "$base")
q_issues=$(printf '%q' "$issues")
stock="$(printf '%q' "$BIN/crm-stock")"
db=$out/stock-bench.db
q_db=$(printf '%q' "$db")
fresh="cp $q_base $q_db && rm -f $q_db-wal $q_db-shm"
lots=$(sqlite3 "$base" "SELECT count(*) FROM stock_lots")
echo "data: $dump ($N moves of $lots lots, $SKUS skus, $LOCATIONS" \
    "locations, $(du -h "$dump" | cut -f1)); loaded by crm-db load in" \
    "$(cat "$load_time") s into $(du -h "$base" | cut -f1)"

# The hand-written queries.  A lot's age is whole days from its receipt
# to 2026-11-22; value is qty * unit cost in minor units.
bucket="CASE WHEN a <= 30 THEN '0-30' WHEN a <= 60 THEN '31-60'
 WHEN a <= 90 THEN '61-90' WHEN a <= 180 THEN '91-180' ELSE 'over 180' END"
age="CAST(julianday('2026-11-22') - julianday(received_on) AS INTEGER)"
cat > "$out/stock-levels-ledger.sql" <<X
SELECT l.sku, m.location_id, sum(m.qty) FROM stock_moves m
 JOIN stock_lots l ON l.id = m.lot_id
 GROUP BY l.sku, m.location_id HAVING sum(m.qty) <> 0;
X
cat > "$out/stock-levels-cache.sql" <<X
SELECT sku, location_id, sum(qty) FROM stock_balances
 GROUP BY sku, location_id;
X
cat > "$out/stock-age-ledger.sql" <<X
SELECT l.sku, m.location_id, $bucket, sum(m.qty),
 sum(m.qty * l.unit_cost_minor)
 FROM stock_moves m
 JOIN (SELECT id, sku, unit_cost_minor, $age AS a FROM stock_lots) l
 ON l.id = m.lot_id
 GROUP BY 1, 2, 3 HAVING sum(m.qty) <> 0;
X
cat > "$out/stock-age-cache.sql" <<X
SELECT b.sku, b.location_id, $bucket, sum(b.qty),
 sum(b.qty * l.unit_cost_minor)
 FROM (SELECT *, $age AS a FROM stock_balances) b
 JOIN stock_lots l ON l.id = b.lot_id
 GROUP BY 1, 2, 3;
X
cat > "$out/stock-insert.sql" <<X
BEGIN;
INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,
 recorded_at)
 SELECT printf('LOT%07d', value % $lots + 1), 'L001', '2026-11-22', -1,
 'issue', '2026-11-22T18:00:00Z' FROM generate_series(1, $ISSUES);
COMMIT;
X

# Equivalent work: the same rows, sorted, as tab-separated text (age's
# value in minor units: EUR has two decimals).  Each query's rows are
# made once; `levels` and `age` without --as-of read the cache, with it
# they sum the ledger, and both ways must agree with both queries.
for q in levels-ledger levels-cache age-ledger age-cache; do
	sqlite3 -separator '	' "$base" < "$out/stock-$q.sql" |
	    LC_ALL=C sort > "$out/stock-$q.tsv"
done
levels_tsv='select(.on_hand != 0) | [.sku, .location, .on_hand] | @tsv'
age_tsv='[.sku, .location, .bucket, .qty, (.value | sub("\\."; ""))]
    | @tsv'
# check JQ QUERIES VERB [ARG ...]: the output of crm-stock VERB ARG ...
# through JQ is the rows of each of the QUERIES.
check() {
	local prog=$1 queries=$2 q crm=$out/stock-crm.tsv
	shift 2
	"$BIN/crm-stock" "$@" -d "$base" | jq -r "$prog" | LC_ALL=C sort > "$crm"
	for q in $queries; do
		if cmp -s "$crm" "$out/stock-$q.tsv"; then
			echo "$*: outputs agree with sqlite3 $q" \
			    "($(wc -l < "$crm") rows)"
		else
			echo "$*: outputs differ from sqlite3 $q:" >&2
			diff "$crm" "$out/stock-$q.tsv" | head >&2 || true
			exit 1
		fi
	done
}
check "$levels_tsv" "levels-ledger levels-cache" levels
check "$levels_tsv" "levels-ledger" levels --as-of 2026-11-22
check "$age_tsv" "age-ledger age-cache" age
check "$age_tsv" "age-ledger" age --as-of 2026-11-22
rm -f "$out"/stock-*.tsv

echo "timing: $timer"
sql() { echo "sqlite3 $q_base < $(printf '%q' "$out/stock-$1.sql") > /dev/null"; }
asof="--as-of 2026-11-22"
levels=$(measure crm-stock-levels "" "$stock levels -d $q_base -o /dev/null")
levels_asof=$(measure crm-stock-levels-as-of "" \
    "$stock levels $asof -d $q_base -o /dev/null")
levels_ledger=$(measure sqlite3-levels-ledger "" "$(sql levels-ledger)")
levels_cache=$(measure sqlite3-levels-cache "" "$(sql levels-cache)")
age_t=$(measure crm-stock-age "" "$stock age -d $q_base -o /dev/null")
age_asof=$(measure crm-stock-age-as-of "" \
    "$stock age $asof -d $q_base -o /dev/null")
age_ledger=$(measure sqlite3-age-ledger "" "$(sql age-ledger)")
age_cache=$(measure sqlite3-age-cache "" "$(sql age-cache)")
issue=$(measure crm-stock-issue "$fresh" \
    "$stock issue -q -d $q_db -o /dev/null < $q_issues")
# The last run's database: every unit issued, from as many ledger rows.
units=$(jq -s 'map(.qty) | add' "$issues")
read -r rows issued < <(sqlite3 -separator ' ' "$db" \
    "SELECT count(*), -sum(qty) FROM stock_moves WHERE id > $N")
if [ "$issued" != "$units" ]; then
	echo "issue: $issued units issued, not the $units asked for" >&2
	exit 1
fi
insert=$(measure sqlite3-insert "$fresh" \
    "sqlite3 $q_db < $(printf '%q' "$out/stock-insert.sql")")

{
	echo "levels	$levels	sum of the ledger	$levels_ledger"
	echo "levels	$levels	sum of stock_balances	$levels_cache"
	echo "levels $asof	$levels_asof	sum of the ledger	$levels_ledger"
	echo "age	$age_t	buckets of the ledger	$age_ledger"
	echo "age	$age_t	buckets of stock_balances	$age_cache"
	echo "age $asof	$age_asof	buckets of the ledger	$age_ledger"
	echo "issue	$issue	bare INSERT of the rows	$insert"
} | awk -F '\t' -v n="$ISSUES" -v rows="$rows" -v units="$units" '
BEGIN {
	printf "median seconds (crm-stock and sqlite3 in the same run)\n"
	printf "  %-26s %8s   %-26s %8s  %s\n", "crm-stock", "median",
	    "sqlite3", "median", "crm/sqlite3"
}
{
	printf "  %-26s %8.3f   %-26s %8.3f  %7.2fx\n", $1, $2, $3, $4,
	    $2 / $4
	t[$1] = $2
	if ($1 == "issue")
		ins = $4
}
END {
	is = t["issue"]
	printf "issue: %d lines, %d units FIFO in %d ledger rows: %.0f " \
	    "lines/s (sqlite3 bare INSERT of %d rows, no FIFO: %.0f rows/s)\n",
	    n, units, rows, n / is, n, n / ins
	printf "target levels < 2 s: %s (%.3f); age < 2 s: %s (%.3f); " \
	    "issue >= 20,000 lines/s: %s (%.0f)\n",
	    (t["levels"] < 2) ? "met" : "NOT MET", t["levels"],
	    (t["age"] < 2) ? "met" : "NOT MET", t["age"],
	    (n / is >= 20000) ? "met" : "NOT MET", n / is
}'
