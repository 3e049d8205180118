#!/usr/bin/env bash
# order.sh - `make -C bench order`: $N generated order lines (default
# 1,000,000, about 237,000 orders) through `crm-order create` into a
# database holding the customers and the catalog (medians of $RUNS runs,
# by common.sh's timer): every line priced from the catalog, checked,
# every order credit-checked (--hold), the sample promotions applied
# (share/crm/promotions.json: none of them matches these skus, so this
# is their cost of asking), an order code made for every line (all the
# generated products have a BOM code) with its sequence number counted
# per plant and week, totals and events written.  The
# peer is sqlite3 inserting as many orders and order lines from SQL
# alone (no checks, no prices, no credit): the floor of the storage.
# Target (issue 4): create at least 100,000 lines/s.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"

# gen-orderlines writes the customers and the catalog (its dump, with
# the colour codes added) for the base database, and with -c the same
# orders as the input of create: lines without prices, which the
# catalog prices.
dump=$out/orders-dump-$N.jsonl
lines=$out/order-lines-$N.jsonl
base=$out/order-base-$N.db
gen_n=$((N * 100 / 80))
make_data gen-orderlines "$dump" "$gen_n"
if [ ! -s "$lines" ] || [ "$here/gen-orderlines" -nt "$lines" ]; then
	"$here/gen-orderlines" -c -n "$gen_n" > "$lines.tmp"
	mv "$lines.tmp" "$lines"
fi
if [ ! -s "$base" ] || [ "$dump" -nt "$base" ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	{ grep -v '"type":"orders"\|"type":"order_lines"' "$dump"
	  printf '%s\n' '{"type":"colours","code":"PW","name":"珍珠白"}' \
	      '{"type":"colours","code":"BK","name":"曜石黑"}' \
	      '{"type":"colours","code":"SV","name":"silver"}' \
	      '{"type":"colours","code":"RD","name":"red"}'
	} | "$BIN/crm-db" load -q -d "$base"
fi
nlines=$(wc -l < "$lines")
norders=$(grep -c '"customer_id"' "$lines")

export CRM_NOW=2026-11-22T08:00:00Z CRM_SHARE=$src/share/crm
db=$out/order-bench.db
q_db=$(printf '%q' "$db")
fresh="cp $(printf '%q' "$base") $q_db && rm -f $q_db-wal $q_db-shm"
echo "data: $lines ($nlines lines, $norders orders, $(du -h "$lines" |
    cut -f1))"
echo "timing: $timer"
create=$(measure crm-order-create "$fresh" \
    "$BIN/crm-order create -q --hold -d $q_db $(printf '%q' "$lines") \
    > /dev/null")
created=$(sqlite3 "$db" "SELECT count(*) FROM order_lines")
coded=$(sqlite3 "$db" "SELECT count(DISTINCT order_code) FROM order_lines")

cat > "$out/order-insert.sql" <<X
BEGIN;
INSERT INTO orders (id, customer_id, order_date, status, currency,
 total_minor, created_at)
 SELECT 'P' || value, 'C0000001', '2026-08-10', 'confirmed', 'CNY', 100,
 '2026-11-22T08:00:00Z' FROM generate_series(1, $norders);
INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_minor,
 discount_minor, amount_minor, colour)
 SELECT 'P' || (value % $norders + 1), value / $norders + 1, 'SKU000000',
 2, 5885922, 0, 11771844, 'silver' FROM generate_series(0, $nlines - 1);
COMMIT;
X
peer=$(measure sqlite3-insert "$fresh" \
    "sqlite3 $q_db < $(printf '%q' "$out/order-insert.sql")")

awk -v c="$create" -v peer="$peer" -v n="$nlines" -v o="$norders" \
    -v made="$created" -v coded="$coded" 'BEGIN {
	printf "median seconds over %d lines of %d orders (%d lines " \
	    "created, %d distinct order codes)\n", n, o, made, coded
	printf "  crm-order create           %8.3f   (%.0f lines/s)\n", c,
	    n / c
	printf "  sqlite3 bare INSERT        %8.3f   (%.0f lines/s; create " \
	    "takes %.1fx)\n", peer, n / peer, c / peer
	printf "target create >= 100,000 lines/s: %s (%.0f)\n",
	    (n / c >= 100000) ? "met" : "NOT MET", n / c
}'
