#!/usr/bin/env bash
# lead.sh - `make -C bench lead`: $N generated leads (default 1,000,000)
# through `crm-lead import` into a new database (medians of $RUNS runs,
# by common.sh's timer), then `crm-lead score | crm-lead assign` as one
# stream over the imported leads, routed round robin to a team of 50
# reps.  The peer is sqlite3 inserting the same number of rows into the
# same leads table from SQL alone (no checks, no normalising, no
# duplicate search): the floor of what the storage can do.
# Target (issue 3): import at least 100,000 leads/s.
N=${N:-1000000}
. "$(dirname "$0")/common.sh"

data=$out/leads-$N.jsonl
make_data gen-leads "$data" "$N"
export CRM_SHARE=$src/share/crm CRM_NOW=2026-11-22T08:00:00Z
lead=$(printf '%q' "$BIN/crm-lead")
db=$out/lead-bench.db
q_db=$(printf '%q' "$db")
q_data=$(printf '%q' "$data")
fresh="rm -f $q_db $q_db-wal $q_db-shm"

echo "data: $data ($(wc -l < "$data") leads, $(du -h "$data" | cut -f1))"
echo "timing: $timer"
import=$(measure crm-lead-import "$fresh" \
    "$lead import -q -d $q_db --currency CNY $q_data")
cat > "$out/insert.sql" <<X
INSERT INTO leads (id, source, source_id, name, company, email, phone,
 region, product, status, attrs, created_at)
 SELECT 'web:L' || value, 'web', 'L' || value, 'n' || (value % 5),
 'Company ' || (value % 50000), 'l' || value || '@example.cn',
 '+86138' || value, 'East', 'SKU' || (value % 1000), 'new',
 '{"intent":"buy","estimated_value":"123.45","currency":"CNY"}',
 '2026-01-01T00:00:00Z' FROM generate_series(1, $N);
X
peer=$(measure sqlite3-insert "$fresh && $BIN/crm-db init -d $q_db" \
    "sqlite3 $q_db < $(printf '%q' "$out/insert.sql")")

# The stream: a fresh import, 50 reps, a catch-all route.
$fresh
"$BIN/crm-lead" import -q -d "$db" --currency CNY "$data"
for i in $(seq -w 1 50); do
	echo "{\"id\":\"R-$i\",\"name\":\"Rep $i\",\"team_id\":\"T-BENCH\"}"
done | "$BIN/crm-lead" reps import -q -d "$db"
echo '{"routes":[{"team":"T-BENCH","strategy":"round_robin"}]}' \
    > "$out/routing.json"
rm -f "$out/lead-bench-base.db"
sqlite3 "$db" "VACUUM INTO '$out/lead-bench-base.db'"
base=$(printf '%q' "$out/lead-bench-base.db")
stream=$(measure score-assign "cp $base $q_db && rm -f $q_db-wal $q_db-shm" \
    "$lead score $q_data | $lead assign -d $q_db --routing $(printf '%q' \
    "$out/routing.json") > /dev/null")
assigned=$(sqlite3 "$db" "SELECT count(*) FROM leads WHERE status = 'assigned'")

awk -v imp="$import" -v peer="$peer" -v st="$stream" -v n="$N" \
    -v assigned="$assigned" 'BEGIN {
	printf "median seconds over %d leads\n", n
	printf "  crm-lead import            %8.3f   (%.0f leads/s)\n", imp,
	    n / imp
	printf "  sqlite3 bare INSERT        %8.3f   (%.0f rows/s; import " \
	    "takes %.1fx)\n", peer, n / peer, imp / peer
	printf "  crm-lead score | assign    %8.3f   (%.0f leads/s; %d " \
	    "assigned)\n", st, n / st, assigned
	printf "target import >= 100,000 leads/s: %s (%.0f)\n",
	    (n / imp >= 100000) ? "met" : "NOT MET", n / imp
}'
