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

=== merge: the web record into the dealer; fields it lacks filled, rows re-pointed
$ crm-db dump -d c.db > before.jsonl && \
    crm-customer merge C-1001 --into C-2001 -d c.db --evidence "email, phone" --confidence 100
> {"merge_id":1,"merged":"C-1001","into":"C-2001","fields":["kind","region","owner_rep_id","credit_limit_minor","currency","tier"],"moved":{"order":1,"tag":1}}

=== what the merge wrote: C-2001 keeps its channel; the tag it had already stays with C-1001
$ sqlite3 c.db "SELECT id, customer_id FROM orders WHERE id = 'O-2026-0001'; \
    SELECT customer_id, tag FROM customer_tags ORDER BY 1, 2; \
    SELECT id, merged_into, merged_at FROM customers WHERE id = 'C-1001'; \
    SELECT id, channel, tier FROM customers WHERE id = 'C-2001'; \
    SELECT * FROM merges; SELECT * FROM merge_moves; \
    SELECT entity_id, kind, data FROM events WHERE entity = 'customer'"
> O-2026-0001|C-2001
> C-1001|vip
> C-2001|fleet
> C-2001|vip
> C-1001|C-2001|2026-11-22T08:00:00Z
> C-2001|web|A
> 1|C-2001|C-1001|2026-11-22T08:00:00Z|unknown|100|email, phone|
> 1|order|O-2026-0001
> 1|tag|fleet
> C-1001|merge|{"merge_id":1}
> C-2001|merge|{"merge_id":1}

=== a merged customer is proposed no more
$ crm-customer match -d c.db -f tsv --fields a,b
> a	b
> C-1002	C-2002

=== merge: every error exits with nothing written
$ for args in "C-1001 --into C-1001" "C-1001 --into C-1002" "C-1002 --into C-1001" "C-9 --into C-1002" "C-1002 --into C-9"; do \
      crm-customer merge $args -d c.db 2>&1 | grep -v '^usage'; echo "exit ${PIPESTATUS[0]}"; \
    done; sqlite3 c.db "SELECT count(*) FROM merges"
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
> 1

=== unmerge refuses while the survivor is merged into another
$ crm-customer merge C-2001 --into C-1002 -d c.db -f tsv --fields merge_id,merged,into && \
    crm-customer unmerge C-1001 -d c.db; echo "exit $?"
> merge_id	merged	into
> 2	C-2001	C-1002
> exit 65
! crm-customer: C-2001: merged into C-1002 since: unmerge C-2001 first

=== unmerge by merge number, then by customer: back exactly as before
$ crm-customer unmerge --merge 2 -d c.db && crm-customer unmerge C-1001 -d c.db && \
    crm-db dump -d c.db > after.jsonl && \
    diff <(grep -Ev '"type":"(merges|merge_moves|customer_history|events)"' before.jsonl) \
         <(grep -Ev '"type":"(merges|merge_moves|customer_history|events)"' after.jsonl) && \
    echo "the same" && sqlite3 c.db "SELECT id, undone_at FROM merges; \
    SELECT count(*) FROM events WHERE kind = 'unmerge'"
> {"merge_id":2,"merged":"C-2001","into":"C-1002","fields":[],"moved":{"order":1,"tag":2}}
> {"merge_id":1,"merged":"C-1001","into":"C-2001","fields":["kind","region","owner_rep_id","credit_limit_minor","currency","tier"],"moved":{"order":1,"tag":1}}
> the same
> 1|2026-11-22T08:00:00Z
> 2|2026-11-22T08:00:00Z
> 4

=== unmerge: errors
$ crm-customer unmerge C-1001 -d c.db; crm-customer unmerge --merge 1 -d c.db; crm-customer unmerge --merge 9 -d c.db; echo "exit $?"
> exit 65
! crm-customer: C-1001: not merged into another customer
! crm-customer: merge 1: undone already, at 2026-11-22T08:00:00Z
! crm-customer: merge 9: no such merge

=== unmerge: a customer or a merge number, not both, not neither
$ crm-customer unmerge -d c.db; crm-customer unmerge C-1001 --merge 1 -d c.db
! crm-customer: unmerge takes a customer id or --merge N
! usage: crm-customer unmerge [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--merge N] [ID]
! crm-customer: unmerge takes a customer id or --merge N
! usage: crm-customer unmerge [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--merge N] [ID]
? 64
