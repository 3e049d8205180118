# crm-customer import, list, show, assign, transfer: one profile per
# customer, with contacts, addresses, tags and the history of its fields.

=== reps first: an owner must be a rep
$ printf '{"id":"R-01","name":"Ann"}\n{"id":"R-02","name":"Bo"}\n{"id":"R-03","name":"Cy","active":false}\n' | crm-lead reps import -d c.db -q

=== the sample customers go in
$ crm-customer import -d c.db "$SHARE/samples/customers.jsonl"
! crm-customer: read 4, accepted 4, rejected 0, new 4, updated 0, unchanged 0

=== every contact, address and tag is stored, phones and e-mails normalised
$ sqlite3 c.db "SELECT count(*) FROM contacts; SELECT count(*) FROM addresses; SELECT group_concat(customer_id || ':' || tag || ':' || source, ' ') FROM customer_tags; SELECT phone, credit_limit_minor, currency, exclusive FROM customers WHERE id = 'C-1001'; SELECT phone FROM contacts WHERE id = 'K-1002-1'"
> 4
> 3
> C-1001:fleet:import C-1001:key-account:import C-1002:key-account:import C-1003:seasonal:import
> +442079460101|25000000|GBP|1
> +8613800138000

=== the same file again changes nothing and writes no history
$ crm-customer import -d c.db "$SHARE/samples/customers.jsonl" && sqlite3 c.db "SELECT count(*) FROM customer_history"
> 0
! crm-customer: read 4, accepted 4, rejected 0, new 0, updated 0, unchanged 4

=== a changed field writes a history row: old, new, when, the file
< {"id":"C-1003","name":"Riverside Garden Centre Inc","credit_limit":"25000","tags":["seasonal","garden"],"contacts":[{"id":"K-1003-1","name":"Maria Lopez","email":"Maria.Lopez@Riverside-Garden.example"}]}
$ cat > upd.jsonl && crm-customer import -d c.db upd.jsonl && sqlite3 c.db "SELECT customer_id, field, old_value, new_value, changed_at, source FROM customer_history ORDER BY id"
> C-1003|name|Riverside Garden Centre|Riverside Garden Centre Inc|2026-11-22T08:00:00Z|upd.jsonl
> C-1003|credit_limit_minor|2000000|2500000|2026-11-22T08:00:00Z|upd.jsonl
> C-1003|contacts[K-1003-1].email|maria@riverside-garden.example|maria.lopez@riverside-garden.example|2026-11-22T08:00:00Z|upd.jsonl
> C-1003|tags||garden|2026-11-22T08:00:00Z|upd.jsonl
! crm-customer: read 1, accepted 1, rejected 0, new 0, updated 1, unchanged 0

=== a field left out keeps its value; null clears it; the imported tags are those listed
< {"id":"C-1003","name":"Riverside Garden Centre Inc","region":null,"tags":"garden"}
$ crm-customer import -d c.db -q && sqlite3 c.db "SELECT region IS NULL, channel, currency FROM customers WHERE id = 'C-1003'; SELECT group_concat(tag) FROM customer_tags WHERE customer_id = 'C-1003'; SELECT field, old_value, new_value FROM customer_history WHERE id > 4 ORDER BY id"
> 1|web|USD
> garden
> region|US-West|
> tags|seasonal|

=== other fields are attrs (a database of its own): one given is set, one left out kept, a null one taken out, each change a history row
< {"id":"C-3001","name":"Attr Test","fleet_size":12,"segment":"rural"}
< {"id":"C-3001","name":"Attr Test","fleet_size":14,"segment":null,"since":"2019"}
$ cat > attrs.jsonl && head -n 1 attrs.jsonl | crm-customer import -d a.db -q && tail -n 1 attrs.jsonl | crm-customer import -d a.db -q && crm-customer show -d a.db C-3001 | jq -c '[.fleet_size, .segment, .since]' && sqlite3 a.db "SELECT attrs FROM customers WHERE id = 'C-3001'; SELECT field, old_value, new_value FROM customer_history WHERE customer_id = 'C-3001'"
> [14,null,"2019"]
> {"fleet_size":14,"since":"2019"}
> attrs|{"fleet_size":12,"segment":"rural"}|{"fleet_size":14,"since":"2019"}

=== CSV: flat customer fields, one contact and one address per row
< id,name,kind,exclusive,email,region,channel,owner_rep_id,credit_limit,currency,tags,contact_id,contact_name,contact_role,contact_email,contact_opt_out,address_id,address_kind,address_line1,address_city,address_country
< C-2001,Lakeside Outdoor GmbH,retailer,false,info@lakeside.example,DE-South,store,R-02,"12000.50",EUR,outdoor;b2b,K-2001-1,Anna Vogel,buyer,anna@lakeside.example,true,A-2001-1,billing,Seestrasse 3,Konstanz,DE
$ cat > c.csv && crm-customer import -d c.db c.csv && sqlite3 c.db "SELECT name, kind, exclusive, credit_limit_minor, currency FROM customers WHERE id = 'C-2001'; SELECT name, role, email, opt_out FROM contacts WHERE customer_id = 'C-2001'; SELECT kind, line1, city, country FROM addresses WHERE customer_id = 'C-2001'; SELECT group_concat(tag) FROM customer_tags WHERE customer_id = 'C-2001'"
> Lakeside Outdoor GmbH|retailer|0|1200050|EUR
> Anna Vogel|buyer|anna@lakeside.example|1
> billing|Seestrasse 3|Konstanz|DE
> b2b,outdoor
! crm-customer: read 1, accepted 1, rejected 0, new 1, updated 0, unchanged 0

=== bad input: no name
< {"id":"X1"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: name: missing
? 65

=== bad input: an unknown kind
< {"id":"X1","name":"A","kind":"wholesaler"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: kind: not dealer, retailer or end_user: "wholesaler"
? 65

=== bad input: a bad e-mail address
< {"id":"X1","name":"A","email":"not@"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: email: not an e-mail address: "not@"
? 65

=== bad input: an owner who is not a rep
< {"id":"X1","name":"A","owner_rep_id":"R-99"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: owner_rep_id: unknown rep "R-99"
? 65

=== bad input: a credit limit that is not money in the currency
< {"id":"X1","name":"A","credit_limit":"12.345","currency":"USD"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: credit_limit: more than 2 decimals
? 65

=== bad input: a credit limit in yen has no decimals
< {"id":"X1","name":"A","credit_limit":"100.5","currency":"JPY"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: credit_limit: more than 0 decimals
? 65

=== bad input: a credit limit without a currency
< {"id":"X1","name":"A","credit_limit":"100"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: credit_limit: no currency (give one in currency)
? 65

=== bad input: a currency that is not ISO 4217
< {"id":"X1","name":"A","credit_limit":"10","currency":"XYZ"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: currency: not an ISO 4217 code: "XYZ"
? 65

=== bad input: a new currency under a stored credit limit
< {"id":"C-1001","name":"Northgate Motors Ltd","currency":"EUR"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: currency: changes from GBP but credit_limit is not given again
? 65

=== bad input: a national phone number without --country; with it, fine
< {"id":"X1","name":"A","phone":"020 7946 0101"}
$ crm-customer import -d c.db; crm-customer import -d c.db --country 44 -q < /dev/null
! crm-customer: <stdin>:1: phone: no country code (national number): "020 7946 0101"

=== bad input: a contact of another customer
< {"id":"X1","name":"A","contacts":[{"id":"K-1001-1","name":"H"}]}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: contacts[0].id: K-1001-1 is of customer C-1001
? 65

=== bad input: a contact without an id, or without a name
< {"id":"X1","name":"A","contacts":[{"id":"K9"}]}
$ crm-customer import -d c.db; printf '{"id":"X1","name":"A","contacts":[{"name":"H"}]}\n' | crm-customer import -d c.db
! crm-customer: <stdin>:1: contacts[0].name: missing
! crm-customer: <stdin>:1: contacts[0].id: missing
? 65

=== bad input: an unknown address kind
< {"id":"X1","name":"A","addresses":[{"id":"Q","kind":"home"}]}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: addresses[0].kind: not billing, shipping or visit: "home"
? 65

=== bad input: exclusive is true or false
< {"id":"X1","name":"A","exclusive":"yes"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: exclusive: not true or false: "yes"
? 65

=== bad input: an unknown partner
< {"id":"X1","name":"A","partner_id":"P9"}
$ crm-customer import -d c.db
! crm-customer: <stdin>:1: partner_id: unknown partner "P9"
? 65

=== bad input: the same id twice in one run with other content (the same content again is harmless)
< {"id":"X1","name":"A"}
< {"id":"X1","name":"A"}
< {"id":"X1","name":"B"}
$ crm-customer import -d c.db; sqlite3 c.db "SELECT count(*) FROM customers WHERE id = 'X1'"
> 0
! crm-customer: <stdin>:3: id: X1 already imported from <stdin>:1 with other content
? 0

=== --reject sets bad records aside; the counts add up
< {"id":"X1","name":"A"}
< {"id":"X1","name":"A"}
< {"id":"X1","name":"B"}
< {"id":"X2"}
$ crm-customer import -d c.db --reject rej.jsonl && jq -c '[.line, .error]' rej.jsonl
> [3,"<stdin>:3: id: X1 already imported from <stdin>:1 with other content"]
> [4,"<stdin>:4: name: missing"]
! crm-customer: read 4, accepted 2, rejected 2, new 1, updated 0, unchanged 1

=== bad input: importing into a merged record names the survivor
$ sqlite3 c.db "UPDATE customers SET merged_into = 'C-1001', merged_at = '2026-11-01T00:00:00Z' WHERE id = 'X1'" && echo '{"id":"X1","name":"A2"}' | crm-customer import -d c.db
! crm-customer: <stdin>:1: id: X1 was merged into C-1001: import into C-1001 instead
? 65

=== list: merged records left out unless --merged
$ crm-customer list -d c.db --fields id,name; crm-customer list -d c.db --merged --fields id,merged_into
> {"id":"C-1001","name":"Northgate Motors Ltd"}
> {"id":"C-1002","name":"上海宏达汽车销售有限公司"}
> {"id":"C-1003","name":"Riverside Garden Centre Inc"}
> {"id":"C-1004","name":"Jonas Becker"}
> {"id":"C-2001","name":"Lakeside Outdoor GmbH"}
> {"id":"C-1001"}
> {"id":"C-1002"}
> {"id":"C-1003"}
> {"id":"C-1004"}
> {"id":"C-2001"}
> {"id":"X1","merged_into":"C-1001"}

=== list: filters by owner, region, channel, kind
$ crm-customer list -d c.db --owner R-01 --fields id; crm-customer list -d c.db --kind dealer --region CN-East --fields id; crm-customer list -d c.db --channel store --fields id
> {"id":"C-1001"}
> {"id":"C-1003"}
> {"id":"C-1002"}
> {"id":"C-1002"}
> {"id":"C-2001"}

=== list: --tag takes a comma list of tags, all of which a customer must have
$ crm-customer list -d c.db --tag key-account --fields id; crm-customer list -d c.db --tag key-account,fleet --fields id; crm-customer list -d c.db --tag b2b,outdoor,seasonal --fields id; crm-customer list -d c.db --tag b2b,outdoor --fields id
> {"id":"C-1001"}
> {"id":"C-1002"}
> {"id":"C-1001"}
> {"id":"C-2001"}

=== list as a table; --tier matches the stored tier (none yet, then one)
$ crm-customer list -d c.db -f table --tier gold; sqlite3 c.db "UPDATE customers SET tier = 'gold' WHERE id = 'C-1002'" && crm-customer list -d c.db -f table --tier gold
> id  name  kind  exclusive  region  channel  owner_rep_id  tier  credit_limit  currency  tags
> --  ----  ----  ---------  ------  -------  ------------  ----  ------------  --------  ----
> id      name                      kind    exclusive  region   channel  owner_rep_id  tier  credit_limit  currency  tags
> ------  ------------------------  ------  ---------  -------  -------  ------------  ----  ------------  --------  ---------------
> C-1002  上海宏达汽车销售有限公司  dealer  false      CN-East  store    R-02          gold    1500000.00  CNY       ["key-account"]

=== what list writes imports again unchanged
$ crm-customer list -d c.db > all.jsonl && crm-customer import -d c.db all.jsonl
! crm-customer: read 5, accepted 5, rejected 0, new 0, updated 0, unchanged 5

=== orders, invoices, payments, deals and activities for the 360 view
$ sqlite3 c.db "INSERT INTO orders (id, customer_id, order_date, status, currency, total_minor) VALUES ('O1','C-1001','2026-10-01','confirmed','GBP',120000), ('O2','C-1001','2025-06-01','delivered','GBP',30050), ('O3','C-1001','2026-11-01','cancelled','GBP',99900), ('O4','C-1001','2026-09-15','confirmed','EUR',50000); INSERT INTO invoices (id, order_id, customer_id, issued_on, due_on, amount_minor, currency, status) VALUES ('I1','O1','C-1001','2026-10-02','2026-11-01',120000,'GBP','open'), ('I2','O2','C-1001','2025-06-02','2025-07-01',30050,'GBP','paid'); INSERT INTO payments (id, customer_id, received_on, amount_minor, currency) VALUES ('PAY1','C-1001','2025-06-20',30050,'GBP'), ('PAY2','C-1001','2026-10-20',20000,'GBP'); INSERT INTO payment_allocations VALUES ('PAY1','I2',30050), ('PAY2','I1',20000); INSERT INTO deals (id, customer_id, owner_rep_id, product, amount_minor, currency, stage, created_on, closed_on) VALUES ('D1','C-1001','R-01','Fleet',5000000,'GBP','won','2026-08-01','2026-09-10'), ('D2','C-1001','R-01','Service',800000,'GBP','proposal','2026-11-01',NULL); INSERT INTO activities (id, kind, customer_id, rep_id, planned_at, done_at, outcome, subject) VALUES ('AC1','visit','C-1001','R-01','2026-11-10T09:00:00Z','2026-11-10T10:00:00Z','positive','Quarterly review'), ('AC3','email','C-1001','R-01',NULL,'2026-10-01T08:00:00Z',NULL,'Price list')"

=== show: the value is revenue per currency without cancelled orders, and the tier from the last 365 days (O1 and O4: B)
$ crm-customer show -d c.db C-1001 --fields id,value,merged; sqlite3 c.db "SELECT currency, sum(total_minor), count(*) FROM orders WHERE customer_id = 'C-1001' AND status NOT IN ('cancelled', 'draft') GROUP BY currency; SELECT count(*) FROM orders WHERE customer_id = 'C-1001' AND status <> 'cancelled' AND order_date > '2025-11-22'"
> {"id":"C-1001","value":{"revenue":[{"currency":"EUR","amount":"500.00","orders":1},{"currency":"GBP","amount":"1500.50","orders":2}],"order_count":3,"first_order":"2025-06-01","last_order":"2026-10-01","tier":"B","tier_source":"computed"},"merged":["X1"]}
> EUR|50000|1
> GBP|150050|2
> 2

=== show: the last orders, open receivables, deals open and closed, the last activities
$ crm-customer show -d c.db C-1001 --orders 2 --activities 1 | jq -c '.orders, .open_receivables, .deals, .activities, .contacts[1], .contacts[0].opt_out, .tags'
> [{"id":"O3","order_date":"2026-11-01","status":"cancelled","total":"999.00","currency":"GBP"},{"id":"O1","order_date":"2026-10-01","status":"confirmed","total":"1200.00","currency":"GBP"}]
> [{"id":"I1","order_id":"O1","issued_on":"2026-10-02","due_on":"2026-11-01","amount":"1200.00","paid":"200.00","open":"1000.00","currency":"GBP"}]
> [{"id":"D1","stage":"won","product":"Fleet","amount":"50000.00","currency":"GBP","owner_rep_id":"R-01","created_on":"2026-08-01","closed_on":"2026-09-10","open":false},{"id":"D2","stage":"proposal","product":"Service","amount":"8000.00","currency":"GBP","owner_rep_id":"R-01","created_on":"2026-11-01","open":true}]
> [{"id":"AC1","kind":"visit","subject":"Quarterly review","rep_id":"R-01","planned_at":"2026-11-10T09:00:00Z","done_at":"2026-11-10T10:00:00Z","outcome":"positive"}]
> {"id":"K-1001-2","name":"Tom Reid","role":"service manager","email":"t.reid@northgate-motors.example","opt_out":true}
> false
> ["fleet","key-account"]

=== show: a stored tier wins; no orders at all is a prospect
$ crm-customer show -d c.db C-1002 C-2001 | jq -c '[.id, .value.tier, .value.tier_source, .value.order_count]'
> ["C-1002","gold","set",0]
> ["C-2001","prospect","computed",0]

=== show: the computed tier's edges (a database of its own, today 2026-11-22): six sales in the year A, five B, one C, a sale of 2025-11-22 only lapsed (the year is after 2025-11-22), a draft only prospect
$ printf '{"id":"T%s","name":"T"}\n' A B C L P | crm-customer import -q -d t.db && sqlite3 t.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) INSERT INTO orders (id, customer_id, order_date, status, currency) SELECT 'A' || i, 'TA', '2026-0' || i || '-01', 'confirmed', 'EUR' FROM n UNION ALL SELECT 'B' || i, 'TB', '2026-0' || i || '-01', 'confirmed', 'EUR' FROM n WHERE i < 6 UNION ALL SELECT 'B0', 'TB', '2026-02-01', 'cancelled', 'EUR' UNION ALL SELECT 'C1', 'TC', '2025-11-23', 'delivered', 'EUR' UNION ALL SELECT 'L1', 'TL', '2025-11-22', 'delivered', 'EUR' UNION ALL SELECT 'P1', 'TP', '2026-11-01', 'draft', 'EUR'" && crm-customer show -d t.db TA TB TC TL TP | jq -c '[.id, .value.tier, .value.order_count]'
> ["TA","A",6]
> ["TB","B",5]
> ["TC","C",1]
> ["TL","lapsed",1]
> ["TP","prospect",0]

=== show: a merged id shows only the note and the survivor
$ crm-customer show -d c.db X1
> {"id":"X1","name":"A","merged_into":"C-1001","merged_at":"2026-11-01T00:00:00Z","note":"merged into C-1001: crm-customer show C-1001"}

=== show: an unknown id
$ crm-customer show -d c.db C-9999
! crm-customer: customer C-9999: unknown customer
? 65

=== assign: each change an event and a history row; a customer the rep already has is left alone
$ crm-customer assign -d c.db C-1003 C-1002 --to R-02 && sqlite3 c.db "SELECT entity, entity_id, kind, from_state, to_state FROM events WHERE entity = 'customer'; SELECT customer_id, field, old_value, new_value, source FROM customer_history WHERE field = 'owner_rep_id'; SELECT owner_rep_id FROM customers WHERE id = 'C-1003'"
> {"entity":"customer","id":"C-1003","kind":"assign","from_rep_id":"R-01","to_rep_id":"R-02"}
> customer|C-1003|assign|R-01|R-02
> C-1003|owner_rep_id|R-01|R-02|assign
> R-02

=== assign: to an inactive or unknown rep, of an unknown or merged customer: nothing changes
$ crm-customer assign -d c.db C-1001 --to R-03; crm-customer assign -d c.db C-1001 --to R-09; crm-customer assign -d c.db C-1001 C-9999 --to R-02; crm-customer assign -d c.db X1 --to R-02; sqlite3 c.db "SELECT owner_rep_id FROM customers WHERE id = 'C-1001'; SELECT count(*) FROM events WHERE entity = 'customer'"
> R-01
> 1
! crm-customer: rep R-03: inactive
! crm-customer: rep R-09: unknown rep
! crm-customer: customer C-9999: unknown customer
! crm-customer: customer X1: merged into C-1001

=== assign needs --to and ids
$ crm-customer assign -d c.db C-1001
! crm-customer: assign takes customer IDs and --to REP
! usage: crm-customer assign [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--to REP] ID ...
? 64

=== transfer: every customer of the rep who leaves, merged ones too, with events (crm-lead's hand-over)
$ crm-customer transfer -d c.db --from R-01 --to R-02 && sqlite3 c.db "SELECT entity_id, kind, from_state, to_state, note FROM events WHERE entity = 'customer' AND kind = 'transfer'; SELECT count(*) FROM customers WHERE owner_rep_id = 'R-01'; SELECT active FROM reps WHERE id = 'R-01'"
> {"entity":"customer","id":"C-1001","kind":"transfer","from_rep_id":"R-01","to_rep_id":"R-02"}
> C-1001|transfer|R-01|R-02|customers of R-01 to R-02
> 0
> 1

=== transfer: the same rep twice is a usage error; an unknown rep bad data
$ crm-customer transfer -d c.db --from R-02 --to R-02; crm-customer transfer -d c.db --from R-09 --to R-02
! crm-customer: --from and --to are the same rep (R-02)
! usage: crm-customer transfer [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--from REP] [--to REP]
! crm-customer: rep R-09: unknown rep
? 65

# The same calling-code check as crm-lead import and crm-customer match
# (crm_cli_country_opt): the import and the partners import refuse it.
=== --country must be a calling code, before anything is read
$ crm-customer import -d none.db --country 0086 < /dev/null 2> err; \
    echo "exit $?"; head -n 1 err; \
    crm-customer partners import -d none.db --country x < /dev/null 2> err; \
    echo "exit $?"; head -n 1 err
> exit 64
> crm-customer: --country: not a country calling code (1 to 3 digits, such as 86 or 1): 0086
> exit 64
> crm-customer: --country: not a country calling code (1 to 3 digits, such as 86 or 1): x
