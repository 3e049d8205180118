# crm-customer identity: match proposes pairs with evidence, distinct
# records two customers as two, merge joins one into another and unmerge
# takes them apart exactly.  The customers are the demo's, and four more
# put in with sqlite3: the Shanghai dealer again from the web (e-mail in
# capitals, phone as typed, no legal form), the Hangzhou dealer again
# from the app (name spaced otherwise, national phone), and two people
# sharing a company switchboard.

=== the database: the demo, and four customers more
$ crm-db load -q -d c.db "$SRC/share/crm/samples/demo.jsonl" && \
    sqlite3 c.db "INSERT INTO customers (id, name, email, phone, channel, \
    created_at) VALUES \
    ('C-2001', '上海华东汽车销售', 'Orders@HD-Auto.example.cn', \
    '021 5550 1234', 'web', '2026-03-01T00:00:00Z'), \
    ('C-2002', 'Hangzhou Westlake Motors Co., Ltd.', NULL, \
    '0571-8881 2345', 'app', '2026-03-02T00:00:00Z'), \
    ('C-2003', 'Wang Fang', 'wang.fang@acme.example', '010 6552 9988', \
    'store', '2026-03-03T00:00:00Z'), \
    ('C-2004', 'Li Qiang', 'li.qiang@acme.example', '010-65529988', \
    'store', '2026-03-03T00:00:00Z'); \
    INSERT INTO customer_tags VALUES \
    ('C-1001', 'vip', NULL, '2026-01-01T00:00:00Z'), \
    ('C-2001', 'vip', NULL, '2026-01-01T00:00:00Z'), \
    ('C-1001', 'fleet', NULL, '2026-01-01T00:00:00Z');"

=== match: e-mail 55 + phone 40 + name 35 (clamped to 100); phone 40 + name 35
$ crm-customer match -d c.db
> {"a":"C-1001","b":"C-2001","confidence":100,"evidence":["email","phone","name 1.00"],"a_name":"上海华东汽车销售有限公司","b_name":"上海华东汽车销售"}
> {"a":"C-1002","b":"C-2002","confidence":75,"evidence":["phone","name 1.00"],"a_name":"Hangzhou West Lake Motors","b_name":"Hangzhou Westlake Motors Co., Ltd."}

=== the switchboard pair: phone 40, different e-mails -15, names unalike
$ crm-customer match -d c.db --min-confidence 20 -f tsv --fields a,b,confidence,evidence
> a	b	confidence	evidence
> C-1001	C-2001	100	["email","phone","name 1.00"]
> C-1002	C-2002	75	["phone","name 1.00"]
> C-2003	C-2004	25	["phone","email differs"]

=== another default country: the national numbers no longer meet the +86 ones
$ crm-customer match -d c.db --country 49 -f tsv --fields a,b,confidence,evidence
> a	b	confidence	evidence
> C-1001	C-2001	90	["email","name 1.00"]

=== usage errors
$ crm-customer match -d c.db --min-confidence 101; crm-customer match -d c.db --country 0x; crm-customer match -d c.db extra
! crm-customer: --min-confidence: not a whole number from 0 to 100: 101
! usage: crm-customer match [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--min-confidence N] [--country CODE]
! crm-customer: --country: not a country calling code (1 to 3 digits, such as 86 or 1): 0x
! usage: crm-customer match [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--min-confidence N] [--country CODE]
! crm-customer: match takes no operands
! usage: crm-customer match [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--min-confidence N] [--country CODE]
? 64

=== distinct: the pair is no longer proposed; again is harmless
$ crm-customer distinct -d c.db C-2004 C-2003 --note "two colleagues" && \
    crm-customer distinct -d c.db C-2003 C-2004 && \
    crm-customer match -d c.db --min-confidence 20 -f tsv --fields a,b && \
    sqlite3 c.db "SELECT * FROM customer_nonmatches"
> a	b
> C-1001	C-2001
> C-1002	C-2002
> C-2003|C-2004|2026-11-22T08:00:00Z|unknown|two colleagues

=== distinct: errors
$ crm-customer distinct -d c.db C-2003 C-2003; echo "exit $?"; crm-customer distinct -d c.db C-2003 C-9; echo "exit $?"
> exit 64
> exit 65
! crm-customer: C-2003: a customer is not distinct from itself
! usage: crm-customer distinct [-qv] [-d DB] [--busy-timeout MS] [--note TEXT] ID ID
! crm-customer: C-9: no such customer

=== C-1001 gets a row in every table that points at a customer (cols: each such column)
$ sqlite3 c.db "INSERT INTO leads (id, source, source_id, status, customer_id, created_at) \
    VALUES ('L-1', 'web', 'w1', 'new', 'C-1001', '2026-03-01T00:00:00Z'); \
    INSERT INTO deals (id, customer_id, stage, created_on) VALUES ('D-1', 'C-1001', 'qualify', '2026-03-01'); \
    INSERT INTO invoices (id, customer_id, issued_on, amount_minor, currency, status) \
    VALUES ('INV-1', 'C-1001', '2026-09-30', 100, 'CNY', 'open'); \
    INSERT INTO payments (id, customer_id, received_on, amount_minor, currency) \
    VALUES ('PAY-1', 'C-1001', '2026-10-10', 100, 'CNY'); \
    INSERT INTO activities (id, kind, customer_id) VALUES ('ACT-1', 'visit', 'C-1001'); \
    INSERT INTO contacts (id, customer_id, name) VALUES ('K-1', 'C-1001', 'Chen Jie'); \
    INSERT INTO addresses (id, customer_id, line1, city) VALUES ('AD-1', 'C-1001', '88 Nanjing Road', 'Shanghai'); \
    INSERT INTO locations (id, name, customer_id) VALUES ('LOC-1', 'HD yard', 'C-1001'); \
    INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor, currency, location_id, recorded_at) \
    VALUES ('LOT-1', 'SED-A3-STD', '2026-09-01', 1, 100, 'CNY', 'LOC-1', '2026-09-01T00:00:00Z'); \
    INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind, customer_id, recorded_at) VALUES \
    ('LOT-1', 'LOC-1', '2026-09-01', 1, 'receive', NULL, '2026-09-01T00:00:00Z'), \
    ('LOT-1', 'LOC-1', '2026-10-01', -1, 'issue', 'C-1001', '2026-10-01T00:00:00Z'); \
    INSERT INTO referrals (id, referred_id, referrer_customer_id, referred_on) VALUES \
    ('RF-1', 'C-1003', 'C-1001', '2026-05-01'), ('RF-2', 'C-1001', 'C-1004', '2026-02-01'); \
    INSERT INTO opt_outs (customer_id, channel, opted_out_at) VALUES ('C-1001', 'sms', '2026-04-01T00:00:00Z'); \
    INSERT INTO customer_nonmatches (a_id, b_id, decided_at) VALUES ('C-1001', 'C-1003', '2026-04-01T00:00:00Z'); \
    SELECT m.name || '.' || p.\"from\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p \
    WHERE m.type = 'table' AND p.\"table\" = 'customers' \
    UNION SELECT m.name || '.' || c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
    WHERE m.type = 'table' AND c.name = 'customer_id' ORDER BY 1" > cols && \
    for tc in $(cat cols); do \
      n=$(sqlite3 c.db "SELECT count(*) FROM ${tc%.*} WHERE ${tc#*.} = 'C-1001'"); [ "$n" = 0 ] || echo "$tc $n"; \
    done
> activities.customer_id 1
> addresses.customer_id 1
> contacts.customer_id 1
> customer_nonmatches.a_id 1
> customer_tags.customer_id 2
> deals.customer_id 1
> invoices.customer_id 1
> leads.customer_id 1
> locations.customer_id 1
> opt_outs.customer_id 1
> orders.customer_id 1
> payments.customer_id 1
> referrals.referred_id 1
> referrals.referrer_customer_id 1
> stock_moves.customer_id 1

=== merge: the web record into the dealer; fields it lacks filled, rows re-pointed
$ crm-db dump -d c.db > before.jsonl && \
    crm-customer merge C-1001 --into C-2001 -d c.db --evidence "email, phone" --confidence 100
> {"merge_id":1,"merged":"C-1001","into":"C-2001","fields":["kind","region","owner_rep_id","credit_limit_minor","currency","tier"],"moved":{"activity":1,"address":1,"contact":1,"deal":1,"invoice":1,"lead":1,"location":1,"nonmatch":1,"opt_out":1,"order":1,"payment":1,"referral":2,"stock_move":1,"tag":1}}

=== after the merge only the tag C-2001 had already names C-1001 (the ledgers left out)
$ for tc in $(grep -Ev '^(merges|customer_history)\.' cols); do \
      n=$(sqlite3 c.db "SELECT count(*) FROM ${tc%.*} WHERE ${tc#*.} = 'C-1001'"); [ "$n" = 0 ] || echo "$tc $n"; \
    done; sqlite3 c.db "SELECT * FROM customer_nonmatches ORDER BY 1, 2"
> customer_tags.customer_id 1
> C-1003|C-2001|2026-04-01T00:00:00Z||
> C-2003|C-2004|2026-11-22T08:00:00Z|unknown|two colleagues

=== what the merge wrote: C-2001 keeps its channel; the tag it had already stays with C-1001
$ sqlite3 c.db "SELECT id, customer_id FROM orders WHERE id = 'O-2026-0001'; \
    SELECT customer_id, tag FROM customer_tags ORDER BY 1, 2; \
    SELECT id, merged_into, merged_at FROM customers WHERE id = 'C-1001'; \
    SELECT id, channel, tier FROM customers WHERE id = 'C-2001'; \
    SELECT * FROM merges; SELECT * FROM merge_moves; \
    SELECT entity_id, kind, note, data FROM events WHERE entity = 'customer'"
> O-2026-0001|C-2001
> C-1001|vip
> C-2001|fleet
> C-2001|vip
> C-1001|C-2001|2026-11-22T08:00:00Z
> C-2001|web|A
> 1|C-2001|C-1001|2026-11-22T08:00:00Z|unknown|100|email, phone|
> 1|lead|L-1
> 1|deal|D-1
> 1|order|O-2026-0001
> 1|invoice|INV-1
> 1|payment|PAY-1
> 1|activity|ACT-1
> 1|contact|K-1
> 1|address|AD-1
> 1|tag|fleet
> 1|location|LOC-1
> 1|referral|RF-1
> 1|referral|RF-2
> 1|opt_out|1
> 1|stock_move|2
> 1|nonmatch|C-1003
> C-1001|merge|merged into C-2001|{"merge_id":1,"merged":"C-1001","into":"C-2001"}
> C-2001|merge|C-1001 merged into it|{"merge_id":1,"merged":"C-1001","into":"C-2001"}

=== a merged customer is proposed no more
$ crm-customer match -d c.db -f tsv --fields a,b
> a	b
> C-1002	C-2002

=== merge: every error exits with nothing written (the dump is as it was)
$ crm-db dump -d c.db > merged.jsonl && \
    for args in "C-1001 --into C-1001" "C-1001 --into C-1002" "C-1002 --into C-1001" "C-9 --into C-1002" "C-1002 --into C-9"; do \
      crm-customer merge $args -d c.db 2>&1 | grep -v '^usage'; echo "exit ${PIPESTATUS[0]}"; \
    done; crm-db dump -d c.db | cmp - merged.jsonl && echo "nothing written"
> crm-customer: C-1001: cannot merge a customer into itself
> exit 64
> crm-customer: C-1001: already merged into C-2001
> exit 65
> crm-customer: C-1001: merged into C-2001: merge into C-2001 instead
> exit 65
> crm-customer: C-9: no such customer
> exit 65
> crm-customer: C-9: no such customer
> exit 65
> nothing written

=== unmerge refuses while the survivor is merged into another
$ crm-customer merge C-2001 --into C-1002 -d c.db -f tsv --fields merge_id,merged,into && \
    crm-customer unmerge C-1001 -d c.db; echo "exit $?"
> merge_id	merged	into
> 2	C-2001	C-1002
> exit 65
! crm-customer: C-2001: merged into C-1002 since: unmerge C-2001 first

=== unmerge by merge number, then by customer: back exactly as before; the ledgers only grew
$ crm-customer unmerge --merge 2 -d c.db && crm-customer unmerge C-1001 -d c.db && \
    crm-db dump -d c.db > after.jsonl && \
    echo "changed or gone: $(comm -23 <(sort before.jsonl) <(sort after.jsonl) | wc -l)" && \
    comm -13 <(sort before.jsonl) <(sort after.jsonl) | jq -r .type | sort | uniq -c | sed 's/^ *//' && \
    sqlite3 c.db "SELECT id, undone_at FROM merges; \
    SELECT customer_id, field, old_value, new_value, source, merge_id FROM customer_history ORDER BY id; \
    SELECT entity_id, kind, note FROM events WHERE kind = 'unmerge' ORDER BY id"
> {"merge_id":2,"merged":"C-2001","into":"C-1002","fields":[],"moved":{"activity":1,"address":1,"contact":1,"deal":1,"invoice":1,"lead":1,"location":1,"nonmatch":1,"opt_out":1,"order":1,"payment":1,"referral":2,"stock_move":1,"tag":2}}
> {"merge_id":1,"merged":"C-1001","into":"C-2001","fields":["kind","region","owner_rep_id","credit_limit_minor","currency","tier"],"moved":{"activity":1,"address":1,"contact":1,"deal":1,"invoice":1,"lead":1,"location":1,"nonmatch":1,"opt_out":1,"order":1,"payment":1,"referral":2,"stock_move":1,"tag":1}}
> changed or gone: 0
> 12 customer_history
> 8 events
> 31 merge_moves
> 2 merges
> 1|2026-11-22T08:00:00Z
> 2|2026-11-22T08:00:00Z
> C-2001|kind||dealer|merge|1
> C-2001|region||East|merge|1
> C-2001|owner_rep_id||R-01|merge|1
> C-2001|credit_limit_minor||50000000|merge|1
> C-2001|currency||CNY|merge|1
> C-2001|tier||A|merge|1
> C-2001|kind|dealer||unmerge|1
> C-2001|region|East||unmerge|1
> C-2001|owner_rep_id|R-01||unmerge|1
> C-2001|credit_limit_minor|50000000||unmerge|1
> C-2001|currency|CNY||unmerge|1
> C-2001|tier|A||unmerge|1
> C-2001|unmerge|unmerged from C-1002
> C-1002|unmerge|C-2001 unmerged from it
> C-1001|unmerge|unmerged from C-2001
> C-2001|unmerge|C-1001 unmerged from it

=== unmerge: errors, nothing written
$ crm-customer unmerge C-1001 -d c.db; crm-customer unmerge --merge 1 -d c.db; crm-customer unmerge --merge 9 -d c.db; echo "exit $?"; \
    crm-db dump -d c.db | cmp - after.jsonl && echo "nothing written"
> exit 65
> nothing written
! crm-customer: C-1001: not merged into another customer
! crm-customer: merge 1: undone already, at 2026-11-22T08:00:00Z
! crm-customer: merge 9: no such merge

=== merged again: a merged customer is not recorded as distinct (its pairs are its survivor's)
$ crm-customer merge C-1001 --into C-2001 -d c.db -f tsv --fields merge_id && \
    crm-customer distinct -d c.db C-1001 C-1004; echo "exit $?"
> merge_id
> 3
> exit 65
! crm-customer: C-1001: merged into C-2001

=== a failure half-way through an unmerge (a tag put back by hand) leaves the database as it was
$ sqlite3 c.db "INSERT INTO customer_tags VALUES ('C-1001', 'fleet', NULL, '2026-01-01T00:00:00Z')" && \
    crm-db dump -d c.db > merged3.jsonl && \
    crm-customer unmerge C-1001 -d c.db; echo "exit $?"; crm-db dump -d c.db | cmp - merged3.jsonl && echo "nothing written"
> exit 65
> nothing written
! crm-customer: tag: UNIQUE constraint failed: customer_tags.customer_id, customer_tags.tag

=== without it the unmerge goes through, and the database is the one before the first merge again
$ sqlite3 c.db "DELETE FROM customer_tags WHERE customer_id = 'C-1001' AND tag = 'fleet'" && \
    crm-customer unmerge C-1001 -d c.db -f tsv --fields merge_id,merged,into && \
    crm-db dump -d c.db | grep -Ev '"type":"(merges|merge_moves|customer_history|events)"' > again.jsonl && \
    grep -Ev '"type":"(merges|merge_moves|customer_history|events)"' before.jsonl | cmp - again.jsonl && echo "the same"
> merge_id	merged	into
> 3	C-1001	C-2001
> the same

=== unmerge: a customer or a merge number, not both, not neither
$ crm-customer unmerge -d c.db; crm-customer unmerge C-1001 --merge 1 -d c.db
! crm-customer: unmerge takes a customer id or --merge N
! usage: crm-customer unmerge [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--merge N] [ID]
! crm-customer: unmerge takes a customer id or --merge N
! usage: crm-customer unmerge [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--merge N] [ID]
? 64
