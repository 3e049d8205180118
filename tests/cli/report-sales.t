# crm-report sales, load-market and market.  A hand-made database whose
# figures are worked out by hand in the comments; then the UCI Online
# Retail invoices as orders (as tests/cli/retail.t loads them), where
# every figure is checked against sqlite3 working on the raw CSV.

=== a small database: a sale a year before, sales in ISO week 53 of 2026, a return, a cancelled and a draft order, two currencies
$ crm-db load -d s.db
< {"type":"crm_dump","schema_version":5}
< {"type":"reps","id":"R1","name":"Rita","created_at":"2025-01-01T00:00:00Z"}
< {"type":"customers","id":"C1","name":"One","created_at":"2025-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Two","created_at":"2025-01-01T00:00:00Z"}
< {"type":"products","sku":"SUV-1","name":"Big","segment":"SUV","category":"vehicle","active":1}
< {"type":"products","sku":"SED-1","name":"Small","segment":"Sedan","category":"vehicle","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2025-12-22","status":"closed","currency":"EUR","region":"North","channel":"dealer","rep_id":"R1"}
< {"type":"orders","id":"O2","customer_id":"C1","order_date":"2026-12-21","status":"delivered","currency":"EUR","region":"North","channel":"dealer","rep_id":"R1"}
< {"type":"orders","id":"O3","customer_id":"C2","order_date":"2026-12-31","status":"confirmed","currency":"EUR","region":"South","channel":"direct"}
< {"type":"orders","id":"O4","customer_id":"C1","order_date":"2027-01-04","status":"confirmed","currency":"EUR","region":"North","channel":"dealer","kind":"return","rep_id":"R1"}
< {"type":"orders","id":"O5","customer_id":"C1","order_date":"2026-12-22","status":"cancelled","currency":"EUR","region":"North","channel":"dealer"}
< {"type":"orders","id":"O6","customer_id":"C2","order_date":"2026-12-23","status":"draft","currency":"EUR","region":"South","channel":"direct"}
< {"type":"orders","id":"O7","customer_id":"C2","order_date":"2026-12-24","status":"paid","currency":"USD","region":"South","channel":"direct"}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"SUV-1","qty":2,"unit_price_minor":5000,"amount_minor":10000}
< {"type":"order_lines","order_id":"O2","line_no":1,"sku":"SUV-1","qty":3,"unit_price_minor":5000,"amount_minor":15000}
< {"type":"order_lines","order_id":"O3","line_no":1,"sku":"SED-1","qty":1,"unit_price_minor":4000,"amount_minor":4000}
< {"type":"order_lines","order_id":"O4","line_no":1,"sku":"SUV-1","qty":-1,"unit_price_minor":5000,"amount_minor":-5000}
< {"type":"order_lines","order_id":"O5","line_no":1,"sku":"SUV-1","qty":10,"unit_price_minor":9999,"amount_minor":99990}
< {"type":"order_lines","order_id":"O6","line_no":1,"sku":"SED-1","qty":5,"unit_price_minor":4000,"amount_minor":20000}
< {"type":"order_lines","order_id":"O7","line_no":1,"sku":"SED-1","qty":1,"unit_price_minor":1999,"amount_minor":1999}
< {"type":"order_lines","order_id":"O7","line_no":2,"sku":"SUV-1","qty":1,"unit_price_minor":2001,"amount_minor":2001}
! crm-db: read 21, accepted 21, rejected 0

# By hand: SUV in EUR sold 150.00 in 2026-W52 (O2) against 100.00 in
# 2025-W52 (O1): +50.0%; nothing in 2026-W53, which has no year-ago week
# (2025 has 52), so its year-ago figures are null; O4 returns 50.00 in
# 2027-W01.  Sedan sold 40.00 in W53 (O3, 2026-12-31), nothing else: the
# cancelled O5 and the draft O6 are not sales.  USD is a total of its
# own: 20.01 and 19.99 in W52, 50.0% each; a period whose total is 0
# has a null share.
=== weekly by segment from 2026-12-21: every week for every segment and currency, zeros in the gaps, week 53 without a year ago
$ crm-report sales -d s.db --by segment --period week --from 2026-12-21
> {"segment":"SUV","currency":"EUR","period":"2026-W52","qty":3,"amount":"150.00","qty_ly":2,"amount_ly":"100.00","yoy_pct":50.0,"amount_prev":"0.00","pop_pct":null,"share_pct":100.0}
> {"segment":"SUV","currency":"EUR","period":"2026-W53","qty":0,"amount":"0.00","qty_ly":null,"amount_ly":null,"yoy_pct":null,"amount_prev":"150.00","pop_pct":-100.0,"share_pct":0.0}
> {"segment":"SUV","currency":"EUR","period":"2027-W01","qty":-1,"amount":"-50.00","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":100.0}
> {"segment":"SUV","currency":"USD","period":"2026-W52","qty":1,"amount":"20.01","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":50.0}
> {"segment":"SUV","currency":"USD","period":"2026-W53","qty":0,"amount":"0.00","qty_ly":null,"amount_ly":null,"yoy_pct":null,"amount_prev":"20.01","pop_pct":-100.0,"share_pct":null}
> {"segment":"SUV","currency":"USD","period":"2027-W01","qty":0,"amount":"0.00","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":null}
> {"segment":"Sedan","currency":"EUR","period":"2026-W52","qty":0,"amount":"0.00","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":0.0}
> {"segment":"Sedan","currency":"EUR","period":"2026-W53","qty":1,"amount":"40.00","qty_ly":null,"amount_ly":null,"yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":100.0}
> {"segment":"Sedan","currency":"EUR","period":"2027-W01","qty":0,"amount":"0.00","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"40.00","pop_pct":-100.0,"share_pct":0.0}
> {"segment":"Sedan","currency":"USD","period":"2026-W52","qty":1,"amount":"19.99","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":50.0}
> {"segment":"Sedan","currency":"USD","period":"2026-W53","qty":0,"amount":"0.00","qty_ly":null,"amount_ly":null,"yoy_pct":null,"amount_prev":"19.99","pop_pct":-100.0,"share_pct":null}
> {"segment":"Sedan","currency":"USD","period":"2027-W01","qty":0,"amount":"0.00","qty_ly":0,"amount_ly":"0.00","yoy_pct":null,"amount_prev":"0.00","pop_pct":null,"share_pct":null}

=== the year before is read even when it is before --from, and is null before the first sale
$ crm-report sales -d s.db --period year -f table
> currency  period  qty  amount  qty_ly  amount_ly  yoy_pct  amount_prev  pop_pct  share_pct  bar
> --------  ------  ---  ------  ------  ---------  -------  -----------  -------  ---------  --------------------
> EUR         2025    2  100.00                                                        100.0  ██████████▌
> EUR         2026    4  190.00       2     100.00     90.0       100.00     90.0      100.0  ████████████████████
> EUR         2027   -1  -50.00       4     190.00   -126.3       190.00   -126.3      100.0
> USD         2025    0    0.00
> USD         2026    2   40.00       0       0.00                  0.00               100.0  ████▎
> USD         2027    0    0.00       2      40.00   -100.0        40.00   -100.0

=== the same sales as records give the same rows
$ sqlite3 s.db "SELECT json_object('order_date', o.order_date, 'qty', l.qty, 'amount', printf('%.2f', l.amount_minor / 100.0), 'currency', o.currency, 'segment', p.segment) \
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.sku = l.sku WHERE o.status NOT IN ('draft', 'cancelled')" > s.jsonl && \
    crm-report sales --by segment --period week --from 2026-12-21 s.jsonl > stream.jsonl && \
    crm-report sales -d s.db --by segment --period week --from 2026-12-21 | cmp - stream.jsonl && wc -l < stream.jsonl
> 12

# By hand: in 2026-Q4 EUR sold 150.00 (SUV-1 by R1) + 40.00 (SED-1 without
# a rep) = 190.00: shares 78.9 and 21.1; in 2025-Q4 only SUV-1 sold.
=== rep, channel, customer and product come from the order and the line; quarters with no sale between two are there with zeros
$ crm-report sales -d s.db --by rep,channel,customer,product --period quarter --to 2026-12-31 -f csv
> rep,channel,customer,product,currency,period,qty,amount,qty_ly,amount_ly,yoy_pct,amount_prev,pop_pct,share_pct
> ,direct,C2,SED-1,EUR,2025-Q4,0,0.00,,,,,,0.0
> ,direct,C2,SED-1,EUR,2026-Q1,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,EUR,2026-Q2,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,EUR,2026-Q3,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,EUR,2026-Q4,1,40.00,0,0.00,,0.00,,21.1
> ,direct,C2,SED-1,USD,2025-Q4,0,0.00,,,,,,
> ,direct,C2,SED-1,USD,2026-Q1,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,USD,2026-Q2,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,USD,2026-Q3,0,0.00,,,,0.00,,
> ,direct,C2,SED-1,USD,2026-Q4,1,19.99,0,0.00,,0.00,,50.0
> ,direct,C2,SUV-1,USD,2025-Q4,0,0.00,,,,,,
> ,direct,C2,SUV-1,USD,2026-Q1,0,0.00,,,,0.00,,
> ,direct,C2,SUV-1,USD,2026-Q2,0,0.00,,,,0.00,,
> ,direct,C2,SUV-1,USD,2026-Q3,0,0.00,,,,0.00,,
> ,direct,C2,SUV-1,USD,2026-Q4,1,20.01,0,0.00,,0.00,,50.0
> R1,dealer,C1,SUV-1,EUR,2025-Q4,2,100.00,,,,,,100.0
> R1,dealer,C1,SUV-1,EUR,2026-Q1,0,0.00,,,,100.00,-100.0,
> R1,dealer,C1,SUV-1,EUR,2026-Q2,0,0.00,,,,0.00,,
> R1,dealer,C1,SUV-1,EUR,2026-Q3,0,0.00,,,,0.00,,
> R1,dealer,C1,SUV-1,EUR,2026-Q4,3,150.00,2,100.00,50.0,0.00,,78.9

=== yen have no decimals
$ echo '{"order_date":"2026-11-22T23:59:59Z","qty":1,"amount":12.5,"currency":"JPY","customer":"K"}' | crm-report sales --by customer --period quarter -f md -
! crm-report: <stdin>:1: amount: more than 0 decimals
? 65

=== a single sale: one row, nothing to compare with
$ echo '{"order_date":"2026-11-22T23:59:59Z","qty":1,"amount":1250,"currency":"JPY","customer":"K"}' | crm-report sales --by customer --period quarter -f md -
> | customer | currency | period  | qty | amount | qty_ly | amount_ly | yoy_pct | amount_prev | pop_pct | share_pct |
> | -------- | -------- | ------- | --: | -----: | ------ | --------- | ------- | ----------- | ------- | --------: |
> | K        | JPY      | 2026-Q4 |   1 |   1250 |        |           |         |             |         |     100.0 |

=== an empty database has no sales and no rows
$ crm-db init -d empty.db && crm-report sales -d empty.db --by region && crm-report sales -d empty.db -f table
> currency  period  qty  amount  qty_ly  amount_ly  yoy_pct  amount_prev  pop_pct  share_pct  bar
> --------  ------  ---  ------  ------  ---------  -------  -----------  -------  ---------  ---

=== html: a line per segment and currency, and a dashed line of the year before
$ crm-report sales -d s.db --by segment --period week --from 2026-12-21 -f html | grep -o 'class="[a-z]*"' | sort | uniq -c | grep 'line\|ago'
>       4 class="ago"
>       4 class="line"

=== bad options: an unknown dimension, a period that is none, a date that is none, --from after --to
$ crm-report sales -d s.db --by colour; crm-report sales -d s.db --by region,region; crm-report sales -d s.db --period fortnight; \
    crm-report sales -d s.db --from 2026-02-30; crm-report sales -d s.db --from 2026-03-01 --to 2026-02-01
! crm-report: --by: unknown dimension "colour" (product, segment, category, region, channel, rep, customer)
! usage: crm-report sales [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--by DIMS] [--period P] [--from DATE] [--to DATE] [FILE ...]
! crm-report: --by: region given twice
! usage: crm-report sales [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--by DIMS] [--period P] [--from DATE] [--to DATE] [FILE ...]
! crm-report: --period: not one of day, week, month, quarter, year: fortnight
! usage: crm-report sales [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--by DIMS] [--period P] [--from DATE] [--to DATE] [FILE ...]
! crm-report: --from: no such date: 2026-02-30
! usage: crm-report sales [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--by DIMS] [--period P] [--from DATE] [--to DATE] [FILE ...]
! crm-report: --from 2026-03-01 is after --to 2026-02-01
! usage: crm-report sales [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--by DIMS] [--period P] [--from DATE] [--to DATE] [FILE ...]
? 64

=== a database that is not there
$ crm-report sales -d nope.db
! crm-report: nope.db: no such database (crm-db init creates one)
? 66

=== a bad record stops the run with its place
$ printf '%s\n' '{"order_date":"2026-01-05","qty":1,"amount":"10.00","currency":"EUR","region":"N"}' \
    '{"order_date":"2026-01-06","qty":1,"currency":"EUR"}' '{"order_date":"2026-01-32","qty":1,"amount":"1","currency":"EUR"}' \
    '{"order_date":"2026-01-07","qty":1,"amount":"1.001","currency":"EUR"}' '{"order_date":"2026-01-07","qty":1.5,"amount":"1","currency":"EUR"}' \
    '{"order_date":"2026-01-07","qty":1,"amount":"1","currency":"XYZ"}' '{"order_date":"2026-01-07","qty":1,"amount":"1","currency":"EUR","region":["N"]}' \
    > bad.jsonl && crm-report sales --by region bad.jsonl
! crm-report: bad.jsonl:2: amount: missing
? 65

=== with --reject the bad records are set aside and the counts add up
$ crm-report sales --by region --reject rejected.jsonl bad.jsonl && jq -r .error rejected.jsonl
> {"region":"N","currency":"EUR","period":"2026-01","qty":1,"amount":"10.00","qty_ly":null,"amount_ly":null,"yoy_pct":null,"amount_prev":null,"pop_pct":null,"share_pct":100.0}
> bad.jsonl:2: amount: missing
> bad.jsonl:3: order_date: not a date or an RFC 3339 time: 2026-01-32
> bad.jsonl:4: amount: more than 2 decimals
> bad.jsonl:5: qty: 1.5 is not a whole number from -1000000000000000 to 1000000000000000
> bad.jsonl:6: currency: unknown code XYZ
> bad.jsonl:7: region: not a string
! crm-report: read 7, accepted 1, rejected 6

#
# Market figures.
#

=== market figures load into a database, all new
$ crm-db init -d m.db && crm-report load-market -d m.db
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Ours","units":300}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Rival","units":500,"amount":"15000000.00","currency":"EUR"}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Other","units":200}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Rival","units":100}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Third","units":50}
< {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Ours","units":1}
< {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Rival","units":2}
< {"kind":"wholesale","period":"2026-W53","segment":"SUV","brand":"Ours","units":7}
! crm-report: read 8, accepted 8, rejected 0, new 8, updated 0, unchanged 0

=== loading again: one changed, one new, the rest unchanged
$ crm-report load-market -d m.db
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Ours","units":300}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Rival","units":500,"amount":"15000000.00","currency":"EUR"}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Other","units":200}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Rival","units":100}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Third","units":50}
< {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Ours","units":1}
< {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Rival","units":3}
< {"kind":"wholesale","period":"2026-W53","segment":"SUV","brand":"Ours","units":7}
< {"kind":"wholesale","period":"2026-W53","segment":"SUV","brand":"Rival","units":3}
! crm-report: read 9, accepted 9, rejected 0, new 1, updated 1, unchanged 7

=== a bad figure stops the load and nothing of it is kept
$ crm-report load-market -d m.db; sqlite3 m.db "SELECT count(*), sum(units) FROM market_figures"
< {"kind":"retail","period":"2026-11","segment":"SUV","brand":"Ours","units":9}
< {"kind":"wholesale","period":"2025-W53","segment":"SUV","brand":"Ours","units":7}
> 9|1164
! crm-report: <stdin>:2: period: no such week: 2025-W53

=== with --reject the bad figures are set aside: no such week, kind, negative units, currency without amount, no brand
$ crm-report load-market -d m.db --reject rej.jsonl; jq -r .error rej.jsonl
< {"kind":"wholesale","period":"2025-W53","segment":"SUV","brand":"Ours","units":7}
< {"kind":"import","period":"2026-10","segment":"SUV","brand":"Ours","units":7}
< {"kind":"retail","period":"2026-10","segment":"SUV","brand":"Ours","units":-1}
< {"kind":"retail","period":"2026-10","segment":"SUV","brand":"Ours","units":1,"currency":"EUR"}
< {"kind":"retail","period":"2026-10","segment":"SUV","units":1}
< {"kind":"retail","period":"Oct 2026","segment":"SUV","brand":"Ours","units":1}
> <stdin>:1: period: no such week: 2025-W53
> <stdin>:2: kind: not one of wholesale, retail, registration: import
> <stdin>:3: units: -1 is not a whole number from 0 to 9223372036854775807
> <stdin>:4: currency: given without an amount
> <stdin>:5: brand: missing
> <stdin>:6: period: not a period (2026, 2026-Q4, 2026-11, 2026-W47 or 2026-11-22): Oct 2026
! crm-report: read 6, accepted 0, rejected 6, new 0, updated 0, unchanged 0

# By hand: registrations 2026-10 SUV: 300 + 500 + 200 = 1000, ours
# 30.0%, Rival 50.0% (first), Other 20.0%.  Sedan: we have no figure,
# so our row has 0 units, 0.0% and no rank; Rival 100 of 150 = 66.7%,
# Third 33.3%.  Retail 2026-Q3 SUV North: 1 of 1 + 3 = 25.0%, Rival
# 75.0%.  Wholesale 2026-W53 SUV: 7 of 10 = 70.0%, Rival 30.0%.
=== our share against every other brand, ours first in each market
$ crm-report market -d m.db --brand Ours
> {"kind":"registration","period":"2026-10","segment":"SUV","region":"","brand":"Ours","ours":true,"units":300,"share_pct":30.0,"rank":2,"total_units":1000}
> {"kind":"registration","period":"2026-10","segment":"SUV","region":"","brand":"Rival","ours":false,"units":500,"share_pct":50.0,"rank":1,"total_units":1000}
> {"kind":"registration","period":"2026-10","segment":"SUV","region":"","brand":"Other","ours":false,"units":200,"share_pct":20.0,"rank":3,"total_units":1000}
> {"kind":"registration","period":"2026-10","segment":"Sedan","region":"","brand":"Ours","ours":true,"units":0,"share_pct":0.0,"rank":null,"total_units":150}
> {"kind":"registration","period":"2026-10","segment":"Sedan","region":"","brand":"Rival","ours":false,"units":100,"share_pct":66.7,"rank":1,"total_units":150}
> {"kind":"registration","period":"2026-10","segment":"Sedan","region":"","brand":"Third","ours":false,"units":50,"share_pct":33.3,"rank":2,"total_units":150}
> {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Ours","ours":true,"units":1,"share_pct":25.0,"rank":2,"total_units":4}
> {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Rival","ours":false,"units":3,"share_pct":75.0,"rank":1,"total_units":4}
> {"kind":"wholesale","period":"2026-W53","segment":"SUV","region":"","brand":"Ours","ours":true,"units":7,"share_pct":70.0,"rank":1,"total_units":10}
> {"kind":"wholesale","period":"2026-W53","segment":"SUV","region":"","brand":"Rival","ours":false,"units":3,"share_pct":30.0,"rank":2,"total_units":10}

=== one kind, as a table
$ crm-report market -d m.db --brand Ours --kind registration -f table
> kind          period   segment  region  brand  ours   units  share_pct  rank  total_units  bar
> ------------  -------  -------  ------  -----  -----  -----  ---------  ----  -----------  --------------------
> registration  2026-10  SUV              Ours   true     300       30.0     2         1000  █████████
> registration  2026-10  SUV              Rival  false    500       50.0     1         1000  ███████████████
> registration  2026-10  SUV              Other  false    200       20.0     3         1000  ██████
> registration  2026-10  Sedan            Ours   true       0        0.0                150
> registration  2026-10  Sedan            Rival  false    100       66.7     1          150  ████████████████████
> registration  2026-10  Sedan            Third  false     50       33.3     2          150  ██████████

=== periods within --from and --to; a region
$ crm-report market -d m.db --brand Ours --from 2026-07-01 --to 2026-09-30 -f csv; crm-report market -d m.db --brand Ours --region North --fields kind,brand,share_pct
> kind,period,segment,region,brand,ours,units,share_pct,rank,total_units
> retail,2026-Q3,SUV,North,Ours,true,1,25.0,2,4
> retail,2026-Q3,SUV,North,Rival,false,3,75.0,1,4
> {"kind":"retail","brand":"Ours","share_pct":25.0}
> {"kind":"retail","brand":"Rival","share_pct":75.0}

=== html: stacked bars of the brands' shares per segment
$ crm-report market -d m.db --brand Ours --kind registration -f html | grep -o 'class="part"' | wc -l
> 5

=== market needs our brand, a known kind and a period key
$ crm-report market -d m.db; crm-report market -d m.db --brand Ours --kind import; crm-report market -d m.db --brand Ours --period 2026-13; crm-report market -d nope.db --brand Ours
! crm-report: --brand: our brand is needed
! usage: crm-report market [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--brand OURS] [--kind K] [--period KEY] [--from DATE] [--to DATE] [--region R] [--segment S]
! crm-report: --kind: not one of wholesale, retail, registration: import
! usage: crm-report market [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--brand OURS] [--kind K] [--period KEY] [--from DATE] [--to DATE] [--region R] [--segment S]
! crm-report: --period: not a period key: 2026-13
! usage: crm-report market [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--brand OURS] [--kind K] [--period KEY] [--from DATE] [--to DATE] [--region R] [--segment S]
! crm-report: nope.db: no such database (crm-db init creates one)
? 66

#
# UCI Online Retail, loaded as tests/cli/retail.t loads it.
#

=== the invoice lines as order lines
$ crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | \
    jq -c '{order_id: .invoice_no, customer_id: (if (.customer_id // "") == "" then "guest" else .customer_id end), order_date: .invoice_date[0:10], currency: "GBP", sku: .stock_code, qty: .quantity, price: .unit_price, region: .country} + (if .invoice_no[0:1] == "C" then {kind: "return"} else {} end)' | \
    sort -s -t, -k1,1 > lines.jsonl && wc -l < lines.jsonl
> 541909

=== customers and products
$ { echo '{"type":"crm_dump","schema_version":3}'; \
    jq -r .customer_id lines.jsonl | sort -u | jq -R -c '{type: "customers", id: ., name: ("Customer " + .), currency: "GBP", created_at: "2010-12-01T00:00:00Z"}'; \
    crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | jq -r '[.stock_code, .description // ""] | @tsv' | sort -s -t "$(printf '\t')" -k1,1 -u | \
    jq -R -c 'split("\t") | {type: "products", sku: .[0], name: (if .[1] == "" then .[0] else .[1] end), active: 1}'; } | crm-db load -d r.db
! crm-db: read 8444, accepted 8444, rejected 0

=== the orders
$ CRM_SHARE="$SHARE" crm-order create -d r.db --reject rejected.jsonl lines.jsonl > orders.jsonl && wc -l < orders.jsonl
> 24558
! crm-order: read 541909, accepted 540449, rejected 1460, orders 24558, lines 540449, held 0, skipped 0, promotions 0, codes 0

# sqlite3 on the raw CSV: the invoices crm-order takes (retail.t says
# which it sets aside), summed per country and month, every month for
# every country; the year before only for 2011-12 (the data start in
# 2010-12), the month before for all but the first.  Pennies as
# integers on both sides.
=== sales by region and month, to the penny, as sqlite3 computes them from the CSV
$ gzip -dc "$DATA/online-retail/online_retail.csv.gz" > retail.csv && \
    sqlite3 :memory: ".import --csv retail.csv t" "WITH bad AS (SELECT DISTINCT InvoiceNo FROM t \
    WHERE (InvoiceNo NOT LIKE 'C%' AND CAST(Quantity AS INTEGER) < 0) OR (InvoiceNo LIKE 'C%' AND CAST(Quantity AS INTEGER) > 0) \
    OR CAST(UnitPrice AS REAL) < 0 OR UnitPrice GLOB '*.[0-9][0-9][0-9]*'), \
    s AS (SELECT Country r, substr(InvoiceDate, 1, 7) m, sum(CAST(Quantity AS INTEGER)) q, \
    sum(CAST(Quantity AS INTEGER) * CAST(round(CAST(UnitPrice AS REAL) * 100) AS INTEGER)) a FROM t WHERE InvoiceNo NOT IN bad GROUP BY 1, 2), \
    g AS (SELECT rs.r, ms.m, coalesce(s.q, 0) q, coalesce(s.a, 0) a FROM (SELECT DISTINCT r FROM s) rs CROSS JOIN (SELECT DISTINCT m FROM s) ms LEFT JOIN s USING (r, m)) \
    SELECT g.r, g.m, g.q, g.a, CASE WHEN g.m = '2011-12' THEN (SELECT a FROM g y WHERE y.r = g.r AND y.m = '2010-12') END, \
    (SELECT a FROM g p WHERE p.r = g.r AND p.m = (SELECT max(m) FROM g x WHERE x.m < g.m)) FROM g ORDER BY g.r, g.m" > expected.txt && \
    crm-report sales -d r.db --by region --period month | \
    jq -r '[.region, .period, .qty] + ([.amount, .amount_ly, .amount_prev] | map(if . == null then "" else sub("\\."; "") | tonumber end)) | join("|")' > actual.txt && \
    diff expected.txt actual.txt && wc -l < actual.txt && grep '^United Kingdom|2011-1[12]' actual.txt
> 494
> United Kingdom|2011-11|660972|128280578||87743819
> United Kingdom|2011-12|205045|38873543|67674262|128280578

# awk on sqlite3's figures: a region's amount in 1000ths of the month's
# total, rounded half away from zero.
=== the share of each row is the region's part of the month's total, to a tenth of a percent
$ awk -F '|' '{ tot[$2] += $4; row[NR] = $0 } END { for (i = 1; i <= NR; i++) { split(row[i], f, "|"); \
    x = f[4] * 1000 / tot[f[2]]; s = x < 0 ? -int(-x + 0.5) : int(x + 0.5); if (s == 0) s = 0; printf "%s|%s|%.1f\n", f[1], f[2], s / 10 } }' \
    expected.txt > shares.txt && crm-report sales -d r.db --by region -f tsv --fields region,period,share_pct | tail -n +2 | tr '\t' '|' | \
    diff shares.txt - && grep '^United Kingdom|2011-1[12]' shares.txt
> United Kingdom|2011-11|87.8
> United Kingdom|2011-12|89.6

=== the order lines as records give the rows the database gives, by region and customer and quarter, and by product and week
$ sqlite3 r.db "SELECT json_object('order_date', o.order_date, 'qty', l.qty, 'amount', printf('%.2f', l.amount_minor / 100.0), 'currency', o.currency, \
    'region', o.region, 'customer_id', o.customer_id, 'sku', l.sku) FROM order_lines l JOIN orders o ON o.id = l.order_id" > sales.jsonl && \
    crm-report sales --by region,customer --period quarter sales.jsonl > a.jsonl && \
    crm-report sales -d r.db --by region,customer --period quarter | cmp - a.jsonl && wc -l < a.jsonl && \
    crm-report sales --by product --period week --from 2011-06-01 --to 2011-06-30 sales.jsonl > b.jsonl && \
    crm-report sales -d r.db --by product --period week --from 2011-06-01 --to 2011-06-30 | cmp - b.jsonl && wc -l < b.jsonl
> 21940
> 13325
