# crm-customer referrals: partners, who referred whom, the revenue that
# followed, rewards and rebates settled per period.  Customers and orders
# come from the demo dump and sqlite3, as other programs would put them.

=== the demo dump, and customers and sales the referrals are about
$ crm-db load -q -d r.db "$SHARE/samples/demo.jsonl" && sqlite3 r.db "\
    INSERT INTO customers (id, name, created_at) VALUES \
    ('C-2001', 'Referred One', '2026-09-01'), \
    ('C-2002', 'Referred Two', '2026-10-01'), \
    ('C-2003', 'Brought by Wu', '2026-10-01'), \
    ('C-2005', 'Agent customer', '2026-10-01'); \
    INSERT INTO customers (id, name, created_at, merged_into) VALUES \
    ('C-2004', 'Merged away', '2026-10-01', 'C-1002'); \
    INSERT INTO orders (id, customer_id, order_date, status, currency) \
    VALUES ('O-1', 'C-2001', '2026-09-10', 'confirmed', 'CNY'), \
    ('O-2', 'C-2001', '2026-10-15', 'confirmed', 'CNY'), \
    ('O-3', 'C-2001', '2026-12-15', 'confirmed', 'CNY'), \
    ('O-4', 'C-2002', '2026-10-25', 'confirmed', 'CNY'), \
    ('O-5', 'C-2002', '2026-10-26', 'cancelled', 'CNY'), \
    ('O-6', 'C-2003', '2026-10-02', 'confirmed', 'CNY'), \
    ('O-7', 'C-2005', '2026-10-05', 'confirmed', 'CNY'), \
    ('O-8', 'C-2001', '2026-10-16', 'confirmed', 'USD'), \
    ('O-9', 'C-2003', '2026-09-20', 'confirmed', 'CNY'); \
    INSERT INTO order_lines (order_id, line_no, sku, qty, \
    unit_price_minor, amount_minor) VALUES \
    ('O-1', 1, 'ACC-MAT-01', 1, 1000000, 1000000), \
    ('O-2', 1, 'ACC-MAT-01', 1, 3333350, 3333350), \
    ('O-3', 1, 'ACC-MAT-01', 1, 500000, 500000), \
    ('O-4', 1, 'SED-A3-STD', 1, 12880000, 12880000), \
    ('O-5', 1, 'SED-A3-STD', 1, 12880000, 12880000), \
    ('O-6', 1, 'SED-A3-STD', 2, 12880000, 25760000), \
    ('O-7', 1, 'SUV-X5-STD', 3, 18980000, 56940000), \
    ('O-8', 1, 'ACC-MAT-01', 1, 9999, 9999), \
    ('O-9', 1, 'ACC-MAT-01', 1, 70000, 70000);"

# --- partners ---

=== partners go in; e-mail and phone in their normal forms
< {"id":"P-AG","name":"Agent Zhou","kind":"agent","email":" Zhou@Agent.example ","phone":"+86 21 5550 0001"}
< {"id":"P-RF","name":"Referral Wu","kind":"referral"}
< {"id":"P-IN","name":"Old partner","kind":"referral","active":false}
$ crm-customer partners import -d r.db
! crm-customer: read 3, accepted 3, rejected 0, new 3, updated 0, unchanged 0

=== a customer's partner is set by whoever imports customers
$ sqlite3 r.db "UPDATE customers SET partner_id = 'P-AG' WHERE id = 'C-2005'"

=== partners list: every column there, the customers each brought
$ crm-customer partners list -d r.db -f table
> id    name         kind      email               phone          active  customers  referrals
> ----  -----------  --------  ------------------  -------------  ------  ---------  ---------
> P-AG  Agent Zhou   agent     zhou@agent.example  +862155500001  true            1          0
> P-IN  Old partner  referral                                     false           0          0
> P-RF  Referral Wu  referral                                     true            0          0

=== re-importing is harmless; CSV empty cells keep; a change updates
$ printf 'id,name,kind,active\nP-RF,,,\nP-IN,,dealer,\n' > p.csv && crm-customer partners import -d r.db p.csv && crm-customer partners list -d r.db --fields id,kind,active -f tsv
> id	kind	active
> P-AG	agent	true
> P-IN	dealer	false
> P-RF	referral	true
! crm-customer: read 2, accepted 2, rejected 0, new 0, updated 1, unchanged 1

=== strict: the first bad partner stops the run, nothing written
< {"id":"P-NEW","name":"New","kind":"agent"}
< {"id":"P-BAD","name":"Bad","kind":"shop"}
$ crm-customer partners import -d r.db; echo "exit $?"; sqlite3 r.db "SELECT count(*) FROM partners"
> exit 65
> 3
! crm-customer: <stdin>:2: kind: not agent, referral or dealer: shop

=== --reject: bad partners set aside, the counts add up
< {"id":"P-NEW","name":"New","kind":"agent"}
< {"id":"P-X1","kind":"agent"}
< {"id":"P-X2","name":"No kind"}
< {"id":"P-X3","name":"X","kind":"agent","active":"maybe"}
< {"id":"P-X4","name":"X","kind":"agent","email":"nobody"}
< {"name":"no id","kind":"agent"}
$ crm-customer partners import -d r.db --reject bad.jsonl && jq -r .error bad.jsonl
> <stdin>:2: name: missing (a new partner)
> <stdin>:3: kind: missing (a new partner): agent, referral or dealer
> <stdin>:4: active: not true or false (or 1 or 0)
> <stdin>:5: email: not an e-mail address: "nobody"
> <stdin>:6: id: missing
! crm-customer: read 6, accepted 1, rejected 5, new 1, updated 0, unchanged 0

=== partners takes import or list
$ crm-customer partners -d r.db show
? 64
! crm-customer: partners: import or list?
! usage: crm-customer partners [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]

# --- refer ---

=== refer: a customer referred by a customer
$ crm-customer refer -d r.db C-2001 --by C-1001 --on 2026-09-01

=== the same referral again changes nothing
$ crm-customer refer -d r.db C-2001 --by C-1001 --on 2026-09-01 && sqlite3 r.db "SELECT referred_id, referrer_customer_id, referred_on FROM referrals"
> C-2001|C-1001|2026-09-01

=== referred twice: the first referral stands
$ crm-customer refer -d r.db C-2001 --by C-1002 --on 2026-09-02
? 65
! crm-customer: referred: customer C-2001 was referred by customer C-1001 on 2026-09-01; the first referral stands

=== self-referral
$ crm-customer refer -d r.db C-2002 --by C-2002
? 65
! crm-customer: referrer: customer C-2002 cannot refer itself

=== a referral loop, direct or through others, is refused (on a copy)
$ cp r.db loop.db && crm-customer refer -d loop.db C-2002 --by C-2001 --on 2026-09-05 && crm-customer refer -d loop.db C-1001 --by C-2001; crm-customer refer -d loop.db C-1001 --by C-2002; echo "exit $?"; sqlite3 loop.db "SELECT referred_id, referrer_customer_id FROM referrals ORDER BY 1"
> exit 65
> C-2001|C-1001
> C-2002|C-2001
! crm-customer: referrer: customer C-2001 was referred, directly or through others, by customer C-1001: a referral loop
! crm-customer: referrer: customer C-2002 was referred, directly or through others, by customer C-1001: a referral loop

=== a merged customer: the message names the survivor
$ crm-customer refer -d r.db C-2004 --by C-1001
? 65
! crm-customer: referred: customer C-2004 is merged into C-1002: name the survivor

=== a merged referrer too
$ crm-customer refer -d r.db C-2002 --by C-2004
? 65
! crm-customer: referrer: customer C-2004 is merged into C-1002: name the survivor

=== unknown customers and partners
$ crm-customer refer -d r.db C-9 --by C-1001; crm-customer refer -d r.db C-2002 --by C-9; crm-customer refer -d r.db C-2002 --partner P-9
? 65
! crm-customer: referred: no customer C-9
! crm-customer: referrer: no customer C-9
! crm-customer: partner: no partner P-9

=== an inactive partner refers nobody
$ crm-customer refer -d r.db C-2002 --partner P-IN
? 65
! crm-customer: partner: partner P-IN is not active

=== --by or --partner, one of them; a real date
$ crm-customer refer -d r.db C-2002 --by C-1001 --partner P-RF; crm-customer refer -d r.db C-2002 --by C-1001 --on 2026-13-01
? 64
! crm-customer: --by CUSTOMER or --partner PARTNER: one of them
! usage: crm-customer refer [-qv] [-d DB] [--busy-timeout MS] [--by CUSTOMER] [--partner PARTNER] [--on DATE] REFERRED
! crm-customer: --on: no such date: 2026-13-01
! usage: crm-customer refer [-qv] [-d DB] [--busy-timeout MS] [--by CUSTOMER] [--partner PARTNER] [--on DATE] REFERRED

=== nothing was written by the refused referrals
$ sqlite3 r.db "SELECT count(*) FROM referrals"
> 1

# --- referrals import ---

=== strict: a bad referral stops the import, nothing written
< {"referred":"C-2002","referrer":"C-1001","on":"2026-10-20"}
< {"referred":"C-2001","referrer":"C-1003","on":"2026-09-05"}
$ crm-customer referrals import -d r.db; echo "exit $?"; sqlite3 r.db "SELECT count(*) FROM referrals"
> exit 65
> 1
! crm-customer: <stdin>:2: referred: customer C-2001 was referred by customer C-1001 on 2026-09-01; the first referral stands

=== --reject: every kind of bad referral set aside
< {"referred":"C-2002","referrer":"C-1001","on":"2026-10-20"}
< {"referred":"C-2003","partner":"P-RF","on":"2026-10-01"}
< {"referred":"C-2001","referrer":"C-1001","on":"2026-09-01"}
< {"referred":"C-2005","referrer":"C-1001","partner":"P-RF"}
< {"referred":"C-2005"}
< {"referred":"C-2005","referrer":"C-2005"}
< {"referred":"C-2005","referrer":"C-1001","on":"2026-02-30"}
< {"referred":"C-2005","referrer":"C-1001","when":"today"}
< {"referred":"C-2004","partner":"P-RF"}
$ crm-customer referrals import -d r.db --reject bad.jsonl && jq -r .error bad.jsonl
> <stdin>:4: partner: given with referrer: one of them
> <stdin>:5: referrer: missing: a referring customer, or a partner
> <stdin>:6: referrer: customer C-2005 cannot refer itself
> <stdin>:7: on: no such date
> <stdin>:8: when: unknown field (referred, referrer, partner, on)
> <stdin>:9: referred: customer C-2004 is merged into C-1002: name the survivor
! crm-customer: read 9, accepted 3, rejected 6, new 2, unchanged 1

# --- the revenue that followed ---

=== referrals list: per referral and currency, then per referrer
$ crm-customer referrals list -d r.db -f table
> type      referred  referrer  partner  on          referrals  currency  orders    revenue
> --------  --------  --------  -------  ----------  ---------  --------  ------  ---------
> referral  C-2001    C-1001             2026-09-01             CNY            3   48333.50
> referral  C-2001    C-1001             2026-09-01             USD            1      99.99
> referral  C-2002    C-1001             2026-10-20             CNY            1  128800.00
> referral  C-2003              P-RF     2026-10-01             CNY            1  257600.00
> referrer            C-1001                                 2  CNY            4  177133.50
> referrer            C-1001                                 2  USD            1      99.99
> referrer                      P-RF                         1  CNY            1  257600.00

=== the same figures by sqlite3: sales (not draft or cancelled) from the referral day on
$ sqlite3 r.db "SELECT r.referred_id, o.currency, count(DISTINCT o.id), printf('%.2f', sum(l.amount_minor) / 100.0) FROM referrals r JOIN orders o ON o.customer_id = r.referred_id AND o.order_date >= r.referred_on AND o.status NOT IN ('draft', 'cancelled') JOIN order_lines l ON l.order_id = o.id GROUP BY 1, 2 ORDER BY 1, 2"
> C-2001|CNY|3|48333.50
> C-2001|USD|1|99.99
> C-2002|CNY|1|128800.00
> C-2003|CNY|1|257600.00

=== --from and --to bound the sales counted
$ crm-customer referrals list -d r.db --from 2026-10-01 --to 2026-10-31 --fields type,referred,referrer,partner,currency,orders,revenue
> {"type":"referral","referred":"C-2001","referrer":"C-1001","partner":null,"currency":"CNY","orders":1,"revenue":"33333.50"}
> {"type":"referral","referred":"C-2001","referrer":"C-1001","partner":null,"currency":"USD","orders":1,"revenue":"99.99"}
> {"type":"referral","referred":"C-2002","referrer":"C-1001","partner":null,"currency":"CNY","orders":1,"revenue":"128800.00"}
> {"type":"referral","referred":"C-2003","referrer":null,"partner":"P-RF","currency":"CNY","orders":1,"revenue":"257600.00"}
> {"type":"referrer","referred":null,"referrer":"C-1001","partner":null,"currency":"CNY","orders":2,"revenue":"162133.50"}
> {"type":"referrer","referred":null,"referrer":"C-1001","partner":null,"currency":"USD","orders":1,"revenue":"99.99"}
> {"type":"referrer","referred":null,"referrer":null,"partner":"P-RF","currency":"CNY","orders":1,"revenue":"257600.00"}

=== a referral with no sales in the window: one record, orders 0
$ crm-customer referrals list -d r.db --from 2026-11-01 --to 2026-11-30 --fields type,referred,referrer,partner,referrals,currency,orders,revenue
> {"type":"referral","referred":"C-2001","referrer":"C-1001","partner":null,"referrals":null,"currency":null,"orders":0,"revenue":null}
> {"type":"referral","referred":"C-2002","referrer":"C-1001","partner":null,"referrals":null,"currency":null,"orders":0,"revenue":null}
> {"type":"referral","referred":"C-2003","referrer":null,"partner":"P-RF","referrals":null,"currency":null,"orders":0,"revenue":null}
> {"type":"referrer","referred":null,"referrer":"C-1001","partner":null,"referrals":2,"currency":null,"orders":0,"revenue":null}
> {"type":"referrer","referred":null,"referrer":null,"partner":"P-RF","referrals":1,"currency":null,"orders":0,"revenue":null}

=== --to before --from
$ crm-customer referrals list -d r.db --from 2026-11-01 --to 2026-10-01
? 64
! crm-customer: --to 2026-10-01 is before --from 2026-11-01
! usage: crm-customer referrals [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--from DATE] [--to DATE] import|list [FILE ...]

=== --from is for list
$ crm-customer referrals import -d r.db --from 2026-11-01
? 64
! crm-customer: referrals import: --from is for referrals list
! usage: crm-customer referrals [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--from DATE] [--to DATE] import|list [FILE ...]

# --- settle ---
# Rules: share/crm/referral-rules.json.  Rewards in CNY: 200.00 on the
# referred customer's first order, 1% of the sales in the 90 days from
# the referral, at most 2000.00 a referral.  Rebates: agents 1%, from
# 500000.00 2% of all (whole); referral partners 0.5% to 200000.00 and
# 1% above (marginal).
#
# October, by hand.  C-2001 (referred 09-01, window to 11-29, first
# order 09-10 in CNY): earned to 10-31 200.00 + 1% of 43333.50 =
# 633.34 (433.335 rounded half away from zero), to 09-30 200.00 + 1% of
# 10000.00 = 300.00: 333.34 in October.  C-2002 (referred 10-20, first
# order 10-25): 200.00 + 1% of 128800.00 = 1488.00.  C-1001: 1821.34 on
# revenue 33333.50 + 128800.00 = 162133.50; the USD sale has no rule.
# P-AG (agent): C-2005's 569400.00 reaches 500000.00: 2% = 11388.00.
# P-RF (referral partner): C-2003's sales from its referral day (10-01)
# on, 257600.00 (O-9 of 09-20 was before): 0.5% of 200000.00 + 1% of
# 57600.00 = 1000.00 + 576.00 = 1576.00.

=== settle October: one record per payee and currency
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-10
> {"kind":"reward","payee":"C-1001","period":"2026-10","currency":"CNY","revenue":"162133.50","amount":"1821.34","rule":"friend-cny"}
> {"kind":"reward","payee":"C-1001","period":"2026-10","currency":"USD","revenue":"99.99","amount":"0.00","rule":null}
> {"kind":"rebate","payee":"P-AG","period":"2026-10","currency":"CNY","revenue":"569400.00","amount":"11388.00","rule":"agent-cny"}
> {"kind":"rebate","payee":"P-RF","period":"2026-10","currency":"CNY","revenue":"257600.00","amount":"1576.00","rule":"referral-cny"}

=== the settlements table holds the same lines
$ sqlite3 r.db "SELECT kind, payee_id, period, currency, revenue_minor, amount_minor, rule, settled_at FROM settlements ORDER BY id"
> reward|C-1001|2026-10|CNY|16213350|182134|friend-cny|2026-11-22T08:00:00Z
> reward|C-1001|2026-10|USD|9999|0||2026-11-22T08:00:00Z
> rebate|P-AG|2026-10|CNY|56940000|1138800|agent-cny|2026-11-22T08:00:00Z
> rebate|P-RF|2026-10|CNY|25760000|157600|referral-cny|2026-11-22T08:00:00Z

=== the rebates' revenue by sqlite3
$ sqlite3 r.db "SELECT sum(l.amount_minor) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status NOT IN ('draft', 'cancelled') AND o.order_date BETWEEN '2026-10-01' AND '2026-10-31' AND o.customer_id IN (SELECT id FROM customers WHERE partner_id = 'P-AG')"
> 56940000

=== settling the same period again is refused
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-10
? 65
! crm-customer: --period: 2026-10 was settled at 2026-11-22T08:00:00Z; nothing written (--dry-run shows it again)

=== and so is a period that overlaps it
$ CRM_NOW=2027-01-05T00:00:00Z crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-Q4; echo "exit $?"; sqlite3 r.db "SELECT count(*) FROM settlements"
> exit 65
> 4
! crm-customer: --period: 2026-Q4 overlaps 2026-10, settled at 2026-11-22T08:00:00Z; nothing written

=== a period that has not ended is refused
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-11
? 64
! crm-customer: --period: 2026-11 has not ended: settle it from 2026-12-01 on (--dry-run shows it now)
! usage: crm-customer settle [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--period KEY] [--rules FILE] [--dry-run]

=== --dry-run prints and writes nothing
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-09 --dry-run && sqlite3 r.db "SELECT count(*) FROM settlements"
> {"kind":"reward","payee":"C-1001","period":"2026-09","currency":"CNY","revenue":"10000.00","amount":"300.00","rule":"friend-cny"}
> 4

=== September and October add up to what C-2001 earned to the end of October
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-09 -f tsv --fields payee,amount
> payee	amount
> C-1001	300.00

=== a customer with a partner of its own, referred by another partner, earns its own partner the rebate, not both (on a copy: C-2006 of P-AG, referred by P-RF, 100000.00 in October; P-AG 669400.00 at 2% = 13388.00, P-RF as before)
$ cp r.db two.db && sqlite3 two.db "INSERT INTO customers (id, name, partner_id, created_at) VALUES ('C-2006', 'Two partners', 'P-AG', '2026-09-01'); INSERT INTO referrals (id, referred_id, referrer_partner_id, referred_on) VALUES ('RF-2006', 'C-2006', 'P-RF', '2026-09-15'); INSERT INTO orders (id, customer_id, order_date, status, currency) VALUES ('O-10', 'C-2006', '2026-10-10', 'confirmed', 'CNY'); INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_minor, amount_minor) VALUES ('O-10', 1, 'ACC-MAT-01', 1, 10000000, 10000000)" && crm-customer settle -d two.db --rules "$SHARE/referral-rules.json" --period 2026-10 --dry-run | jq -c 'select(.kind == "rebate") | [.payee, .revenue, .amount]'
> ["P-AG","669400.00","13388.00"]
> ["P-RF","257600.00","1576.00"]

=== a period with nothing to settle leaves no row: settling it again is harmless
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-07 -v && crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-07 -v && sqlite3 r.db "SELECT count(*) FROM settlements"
> 5
! crm-customer: read 0, accepted 0, rejected 0, 0 lines
! crm-customer: read 0, accepted 0, rejected 0, 0 lines

=== no sales in November, nothing to settle (dry run)
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-11 --dry-run -v
! crm-customer: read 0, accepted 0, rejected 0, dry run, 0 lines

=== not a month or quarter
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-W40; crm-customer settle -d r.db
? 64
! crm-customer: --period: not a month (2026-11) or a quarter (2026-Q4): 2026-W40
! usage: crm-customer settle [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--period KEY] [--rules FILE] [--dry-run]
! crm-customer: --period: which month (2026-11) or quarter (2026-Q4)?
! usage: crm-customer settle [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--period KEY] [--rules FILE] [--dry-run]

=== a bad rule file: file:line, exit 78
$ printf '{"rewards": [\n {"name": "x", "currency": "CNY", "percent": "2"}\n]}\n' > bad-rules.json && crm-customer settle -d r.db --period 2026-08 --rules bad-rules.json
? 78
! crm-customer: bad-rules.json:2: rewards[0].days: missing: the days after the referral whose sales earn the percent

# With caps.json, October: C-2001 earned 50.00 + 10% of 10000.00 =
# 1050.00 by 09-30, capped at 1000.00, and no more after: 0.00.  C-2002:
# 50.00 + 10% of 128800.00, capped at 1000.00.  C-1001's 1000.00 is then
# cut to the period cap, 800.00.  No rebates in this file: the partners'
# revenue shows, with amount 0.00 and no rule.

=== a rule file of our own: a cap per referral and per period
$ printf '{"rewards": [{"name": "small", "currency": "CNY", "first_order": "50.00", "percent": "10", "days": 400, "cap": "1000.00", "period_cap": "800.00"}]}\n' > caps.json && crm-customer settle -d r.db --period 2026-10 --dry-run --rules caps.json
> {"kind":"reward","payee":"C-1001","period":"2026-10","currency":"CNY","revenue":"162133.50","amount":"800.00","rule":"small"}
> {"kind":"reward","payee":"C-1001","period":"2026-10","currency":"USD","revenue":"99.99","amount":"0.00","rule":null}
> {"kind":"rebate","payee":"P-AG","period":"2026-10","currency":"CNY","revenue":"569400.00","amount":"0.00","rule":null}
> {"kind":"rebate","payee":"P-RF","period":"2026-10","currency":"CNY","revenue":"257600.00","amount":"0.00","rule":null}

=== a full disk is an error
$ crm-customer settle -d r.db --rules "$SHARE/referral-rules.json" --period 2026-10 --dry-run > /dev/full
? 74
! crm-customer: <stdout>: No space left on device
