#!/usr/bin/env bash
# match.sh - `make -C bench match`: crm-customer match over $N customers
# (default 1,000,000) of which 5 % are planted duplicates (gen-customers'
# dump, made once into bench/out/ with its truth, loaded once with
# `crm-db load`, untimed), against the match someone would write by hand
# with sqlite3 on the same database in the same run: an exact self-join
# on lower(trim(email)), or on the phone's digits (spaces, hyphens,
# parentheses and "+" taken out).  Medians of $RUNS runs (default 3) by
# common.sh's timer; recall and precision of each against the planted
# pairs.  Target (issue 8): match in under 60 s.
N=${N:-1000000}
RUNS=${RUNS:-3}
. "$(dirname "$0")/common.sh"
make -s -C "$here" gen-customers

dump=$out/customers-$N.jsonl
truth=$out/customers-truth-$N.tsv
base=$out/customers-$N.db
if [ ! -s "$dump" ] || [ "$here/gen-customers" -nt "$dump" ] ||
    [ ! -s "$truth" ]; then
	"$here/gen-customers" -n "$N" -t "$truth.tmp" > "$dump.tmp"
	mv "$dump.tmp" "$dump"
	sort "$truth.tmp" > "$truth"
	rm -f "$truth.tmp"
fi
if [ ! -s "$base" ] || [ "$dump" -nt "$base" ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	"$BIN/crm-db" load -q -d "$base" "$dump"
fi
planted=$(wc -l < "$truth")
echo "data: $dump ($N customers, $planted planted duplicates," \
    "$(du -h "$dump" | cut -f1)); loaded into $(du -h "$base" | cut -f1)"

cat > "$out/match-peer.sql" <<X
CREATE TEMP TABLE k AS SELECT id, lower(trim(email)) AS e,
 replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''),
 ')', ''), '+', '') AS p FROM customers WHERE merged_into IS NULL;
CREATE INDEX temp.k_e ON k(e);
CREATE INDEX temp.k_p ON k(p);
SELECT a.id, b.id FROM k a JOIN k b ON b.e = a.e AND a.id < b.id
 WHERE a.e IS NOT NULL AND a.e <> ''
UNION
SELECT a.id, b.id FROM k a JOIN k b ON b.p = a.p AND a.id < b.id
 WHERE a.p IS NOT NULL AND a.p <> '';
X
q_base=$(printf '%q' "$base")
crm="$(printf '%q' "$BIN/crm-customer") match -d $q_base"
peer="sqlite3 -readonly -separator '	' $q_base"
peer="$peer < $(printf '%q' "$out/match-peer.sql")"

# recall and precision of the pairs (a<TAB>b) in file $1
score() {
	local found tp
	found=$(wc -l < "$1")
	tp=$(comm -12 "$1" "$truth" | wc -l)
	awk -v tp="$tp" -v f="$found" -v p="$planted" 'BEGIN {
		printf "recall %.4f (%d of %d), precision %.4f (%d of %d)\n",
		    tp / p, tp, p, (f ? tp / f : 0), tp, f }'
}

eval "$crm" | jq -r '[.a, .b] | @tsv' | sort > "$out/match-crm.tsv"
eval "$peer" | sort > "$out/match-peer.tsv"
crm_score=$(score "$out/match-crm.tsv")
peer_score=$(score "$out/match-peer.tsv")

echo "timer: $timer"
t_crm=$(measure match-crm "" "$crm > /dev/null") ||
    { echo "crm-customer match failed: $out/match-crm.log" >&2; exit 1; }
t_peer=$(measure match-peer "" "$peer > /dev/null") ||
    { echo "sqlite3 failed: $out/match-peer.log" >&2; exit 1; }
printf '%-22s %8.2f s  %s\n' "crm-customer match" "$t_crm" "$crm_score"
printf '%-22s %8.2f s  %s\n' "sqlite3 exact join" "$t_peer" "$peer_score"
awk -v a="$t_crm" -v b="$t_peer" 'BEGIN {
	printf "ratio crm/sqlite3: %.2f (time)\n", a / b }'
awk -v a="$t_crm" 'BEGIN {
	if (a < 60) print "target: under 60 s: met"
	else print "target: under 60 s: NOT met" }'
