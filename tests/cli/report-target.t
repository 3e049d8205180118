# crm-report load-targets and target: targets per company, region, team,
# rep and product against the sales of their period (as of a day) and
# the open pipeline expected to close in the rest of it.  The figures
# were worked out by hand from the dump below and are checked once more
# with sqlite3; CRM_NOW makes today 2026-11-22.

=== three reps in two teams, three customers, orders of every status (a return, one in EUR, a draft, a cancelled one) and deals of every stage
< {"type":"crm_dump","schema_version":5}
< {"type":"teams","id":"T1","name":"East","region":"East","created_at":"2026-01-01T00:00:00Z"}
< {"type":"teams","id":"T2","name":"North","region":"North","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R1","name":"Rep One","team_id":"T1","region":"East","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R2","name":"Rep Two","team_id":"T1","region":"East","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R3","name":"Rep Three","team_id":"T2","region":"North","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C1","name":"One","region":"East","owner_rep_id":"R1","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Two","region":"North","owner_rep_id":"R3","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C3","name":"Three","region":"East","owner_rep_id":"R2","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"products","sku":"P-A","name":"A","currency":"CNY","active":1}
< {"type":"products","sku":"P-B","name":"B","currency":"CNY","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2026-11-03","status":"confirmed","currency":"CNY","total_minor":210000,"rep_id":"R1","region":"East"}
< {"type":"orders","id":"O2","customer_id":"C2","order_date":"2026-11-10","status":"paid","currency":"CNY","total_minor":100000,"rep_id":"R3","region":"North"}
< {"type":"orders","id":"O3","customer_id":"C1","order_date":"2026-11-20","status":"cancelled","currency":"CNY","total_minor":500000,"rep_id":"R1","region":"East"}
< {"type":"orders","id":"O4","customer_id":"C3","order_date":"2026-11-05","status":"draft","currency":"CNY","total_minor":30000,"rep_id":"R2","region":"East"}
< {"type":"orders","id":"O5","customer_id":"C1","order_date":"2026-11-12","status":"confirmed","currency":"CNY","total_minor":-10000,"rep_id":"R1","region":"East","kind":"return"}
< {"type":"orders","id":"O6","customer_id":"C3","order_date":"2026-12-01","status":"confirmed","currency":"CNY","total_minor":100000,"rep_id":"R2","region":"East"}
< {"type":"orders","id":"O7","customer_id":"C1","order_date":"2026-11-15","status":"confirmed","currency":"EUR","total_minor":5000,"rep_id":"R1","region":"East"}
< {"type":"orders","id":"O8","customer_id":"C3","order_date":"2027-01-02","status":"confirmed","currency":"CNY","total_minor":20000,"rep_id":"R2","region":"East"}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"P-A","qty":2,"unit_price_minor":100000,"amount_minor":200000}
< {"type":"order_lines","order_id":"O1","line_no":2,"sku":"P-B","qty":1,"unit_price_minor":12000,"discount_minor":2000,"amount_minor":10000}
< {"type":"order_lines","order_id":"O2","line_no":1,"sku":"P-A","qty":1,"unit_price_minor":100000,"amount_minor":100000}
< {"type":"order_lines","order_id":"O3","line_no":1,"sku":"P-A","qty":5,"unit_price_minor":100000,"amount_minor":500000}
< {"type":"order_lines","order_id":"O4","line_no":1,"sku":"P-B","qty":3,"unit_price_minor":10000,"amount_minor":30000}
< {"type":"order_lines","order_id":"O5","line_no":1,"sku":"P-B","qty":-1,"unit_price_minor":10000,"amount_minor":-10000}
< {"type":"order_lines","order_id":"O6","line_no":1,"sku":"P-A","qty":1,"unit_price_minor":100000,"amount_minor":100000}
< {"type":"order_lines","order_id":"O7","line_no":1,"sku":"P-A","qty":1,"unit_price_minor":5000,"amount_minor":5000}
< {"type":"order_lines","order_id":"O8","line_no":1,"sku":"P-B","qty":2,"unit_price_minor":10000,"amount_minor":20000}
< {"type":"deals","id":"D1","customer_id":"C1","owner_rep_id":"R1","product":"P-A","amount_minor":100000,"currency":"CNY","stage":"proposal","expected_close":"2026-12-10","created_on":"2026-10-01"}
< {"type":"deals","id":"D2","customer_id":"C3","owner_rep_id":"R2","product":"P-B","amount_minor":33333,"currency":"CNY","stage":"negotiation","probability":33,"expected_close":"2026-11-30","created_on":"2026-10-01"}
< {"type":"deals","id":"D3","customer_id":"C1","owner_rep_id":"R1","product":"P-A","amount_minor":200000,"currency":"CNY","stage":"won","expected_close":"2026-12-05","created_on":"2026-10-01","closed_on":"2026-11-01"}
< {"type":"deals","id":"D4","customer_id":"C2","owner_rep_id":"R3","amount_minor":500000,"currency":"CNY","stage":"negotiation","expected_close":"2026-11-20","created_on":"2026-10-01"}
< {"type":"deals","id":"D5","customer_id":"C1","owner_rep_id":"R1","amount_minor":10000,"currency":"EUR","stage":"qualification","expected_close":"2026-12-01","created_on":"2026-10-01"}
< {"type":"deals","id":"D6","customer_id":"C2","owner_rep_id":"R3","amount_minor":100000,"currency":"CNY","stage":"prospecting","expected_close":"2027-01-15","created_on":"2026-10-01"}
< {"type":"deals","id":"D7","customer_id":"C3","owner_rep_id":"R2","product":"P-A","amount_minor":5,"currency":"CNY","stage":"proposal","probability":50,"expected_close":"2026-12-20","created_on":"2026-10-01"}
$ crm-db load -q -d t.db

=== load-targets upserts the targets: an amount with its currency, a qty, or both
< {"scope":"company","period":"2026-Q4","amount":"5000.00","currency":"CNY","qty":10}
< {"scope":"rep","scope_id":"R1","period":"2026-Q4","amount":"2000","currency":"CNY"}
< {"scope":"team","scope_id":"T1","period":"2026-11","amount":3000,"currency":"CNY","qty":5,"note":"November push"}
< {"scope":"region","scope_id":"East","period":"2026-Q4","amount":"4000.00","currency":"CNY"}
< {"scope":"product","scope_id":"P-A","period":"2026","qty":20}
< {"scope":"product","scope_id":"P-B","period":"2026-11","amount":"500.00","currency":"CNY"}
< {"scope":"rep","scope_id":"R3","period":"2026-12","amount":"1000.00","currency":"CNY"}
< {"scope":"team","scope_id":"T1","period":"2026-W53","amount":"500.00","currency":"CNY"}
$ tee targets.jsonl | crm-report load-targets -d t.db && cp t.db before.db && sqlite3 t.db "SELECT scope, scope_id, period, amount_minor, currency, qty, note FROM targets ORDER BY scope, scope_id, period"
> company||2026-Q4|500000|CNY|10|
> product|P-A|2026|||20|
> product|P-B|2026-11|50000|CNY||
> region|East|2026-Q4|400000|CNY||
> rep|R1|2026-Q4|200000|CNY||
> rep|R3|2026-12|100000|CNY||
> team|T1|2026-11|300000|CNY|5|November push
> team|T1|2026-W53|50000|CNY||
! crm-report: read 8, accepted 8, rejected 0, new 8, updated 0, unchanged 0

=== the same file again changes nothing
$ crm-report load-targets -d t.db targets.jsonl
! crm-report: read 8, accepted 8, rejected 0, new 0, updated 0, unchanged 8

=== every target as of today: Q4 company sales 3000.00 (O1 2100.00, O2 1000.00, the return O5 -100.00; not the draft, the cancelled order or the EUR order), pipeline 610.03 (D1 50% of 1000.00, D2 33% of 333.33 = 110.00, D7 50% of 0.05 = 0.03); R3 has no sales in December (0 percent); 2026-W53 is still to come
$ CRM_SHARE="$SHARE" crm-report target -d t.db
> {"scope":"company","scope_id":"","period":"2026-Q4","currency":"CNY","target":"5000.00","actual":"3000.00","pipeline":"610.03","forecast":"3610.03","gap":"2000.00","forecast_gap":"1389.97","achieved_percent":60.0,"forecast_percent":72.2,"target_qty":10,"actual_qty":4,"qty_gap":6,"qty_percent":40.0,"note":null}
> {"scope":"region","scope_id":"East","period":"2026-Q4","currency":"CNY","target":"4000.00","actual":"2000.00","pipeline":"610.03","forecast":"2610.03","gap":"2000.00","forecast_gap":"1389.97","achieved_percent":50.0,"forecast_percent":65.3,"target_qty":null,"actual_qty":3,"qty_gap":null,"qty_percent":null,"note":null}
> {"scope":"team","scope_id":"T1","period":"2026-11","currency":"CNY","target":"3000.00","actual":"2000.00","pipeline":"110.00","forecast":"2110.00","gap":"1000.00","forecast_gap":"890.00","achieved_percent":66.7,"forecast_percent":70.3,"target_qty":5,"actual_qty":3,"qty_gap":2,"qty_percent":60.0,"note":"November push"}
> {"scope":"team","scope_id":"T1","period":"2026-W53","currency":"CNY","target":"500.00","actual":"0.00","pipeline":"0.00","forecast":"0.00","gap":"500.00","forecast_gap":"500.00","achieved_percent":0.0,"forecast_percent":0.0,"target_qty":null,"actual_qty":0,"qty_gap":null,"qty_percent":null,"note":null}
> {"scope":"rep","scope_id":"R1","period":"2026-Q4","currency":"CNY","target":"2000.00","actual":"2000.00","pipeline":"500.00","forecast":"2500.00","gap":"0.00","forecast_gap":"-500.00","achieved_percent":100.0,"forecast_percent":125.0,"target_qty":null,"actual_qty":3,"qty_gap":null,"qty_percent":null,"note":null}
> {"scope":"rep","scope_id":"R3","period":"2026-12","currency":"CNY","target":"1000.00","actual":"0.00","pipeline":"0.00","forecast":"0.00","gap":"1000.00","forecast_gap":"1000.00","achieved_percent":0.0,"forecast_percent":0.0,"target_qty":null,"actual_qty":0,"qty_gap":null,"qty_percent":null,"note":null}
> {"scope":"product","scope_id":"P-A","period":"2026","currency":null,"target":null,"actual":null,"pipeline":null,"forecast":null,"gap":null,"forecast_gap":null,"achieved_percent":null,"forecast_percent":null,"target_qty":20,"actual_qty":4,"qty_gap":16,"qty_percent":20.0,"note":null}
> {"scope":"product","scope_id":"P-B","period":"2026-11","currency":"CNY","target":"500.00","actual":"0.00","pipeline":"110.00","forecast":"110.00","gap":"500.00","forecast_gap":"390.00","achieved_percent":0.0,"forecast_percent":22.0,"target_qty":null,"actual_qty":0,"qty_gap":null,"qty_percent":null,"note":null}

=== the same figures by sqlite3: company actual in Q4 to today, units in every currency, and the weighted pipeline of open deals due after today in Q4
$ sqlite3 t.db "SELECT sum(CASE WHEN o.currency = 'CNY' THEN l.amount_minor END), sum(l.qty) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status NOT IN ('draft', 'cancelled') AND o.order_date BETWEEN '2026-10-01' AND '2026-11-22'; SELECT sum(CAST(round(amount_minor * coalesce(probability, CASE stage WHEN 'prospecting' THEN 10 WHEN 'qualification' THEN 20 WHEN 'proposal' THEN 50 WHEN 'negotiation' THEN 80 END) / 100.0) AS INTEGER)) FROM deals WHERE currency = 'CNY' AND stage NOT IN ('won', 'lost') AND expected_close BETWEEN '2026-11-23' AND '2026-12-31'"
> 300000|4
> 61003

=== week 53 of 2026 (2026-12-28 to 2027-01-03) seen from after it: O8 of 2027-01-02 counts
$ CRM_SHARE="$SHARE" crm-report target -d t.db --period-key 2026-W53 --as-of 2027-01-10 --fields scope_id,period,target,actual,pipeline,achieved_percent
> {"scope_id":"T1","period":"2026-W53","target":"500.00","actual":"200.00","pipeline":"0.00","achieved_percent":40.0}

=== a period with no target gives no rows
$ CRM_SHARE="$SHARE" crm-report target -d t.db --period-key 2026-10

=== --from and --to take the periods inside them; --scope one kind of target
$ CRM_SHARE="$SHARE" crm-report target -d t.db --from 2026-11-01 --to 2026-11-30 -f csv --fields scope,scope_id,period,actual,pipeline,forecast,forecast_percent && CRM_SHARE="$SHARE" crm-report target -d t.db --scope rep -f tsv --fields scope_id,period,gap,achieved_percent
> scope,scope_id,period,actual,pipeline,forecast,forecast_percent
> team,T1,2026-11,2000.00,110.00,2110.00,70.3
> product,P-B,2026-11,0.00,110.00,110.00,22.0
> scope_id	period	gap	achieved_percent
> R1	2026-Q4	0.00	100.0
> R3	2026-12	1000.00	0.0

=== a table with bars of percent achieved
$ CRM_SHARE="$SHARE" crm-report target -d t.db --scope rep -f table --fields scope_id,period,target,actual,achieved_percent
> scope_id  period    target   actual  achieved_percent  bar
> --------  -------  -------  -------  ----------------  --------------------
> R1        2026-Q4  2000.00  2000.00             100.0  ████████████████████
> R3        2026-12  1000.00     0.00               0.0

=== Markdown
$ CRM_SHARE="$SHARE" crm-report target -d t.db --scope team -f md --fields scope_id,period,target,actual,achieved_percent
> | scope_id | period   |  target |  actual | achieved_percent |
> | -------- | -------- | ------: | ------: | ---------------: |
> | T1       | 2026-11  | 3000.00 | 2000.00 |             66.7 |
> | T1       | 2026-W53 |  500.00 |    0.00 |              0.0 |

=== an HTML page with a bar per target whose percent is above zero (company, region, team 2026-11, rep R1)
$ CRM_SHARE="$SHARE" crm-report target -d t.db -f html > t.html && grep -c '^<!DOCTYPE html>' t.html && grep -o 'class="bar"' t.html | wc -l
> 1
> 4

=== a bad target stops the run, nothing written
< {"scope":"rep","scope_id":"R1","period":"2026-Q4","amount":"2500.00","currency":"CNY"}
< {"scope":"rep","scope_id":"R9","period":"2026-Q4","amount":"1.00","currency":"CNY"}
$ crm-report load-targets -d t.db; cmp t.db before.db && echo same
> same
! crm-report: <stdin>:2: scope_id: no such rep R9

=== --reject sets bad targets aside and loads the good ones: one updated, one new
< {"scope":"rep","scope_id":"R9","period":"2026-Q4","amount":"1.00","currency":"CNY"}
< {"scope":"team","scope_id":"T1","period":"2026-Q5","amount":"1.00","currency":"CNY"}
< {"scope":"region","scope_id":"East","period":"2027-W53","qty":1}
< {"scope":"company","period":"2026","amount":"1.005","currency":"CNY"}
< {"scope":"company","period":"2026","amount":"1.00"}
< {"scope":"company","scope_id":"X","period":"2026","qty":1}
< {"scope":"rep","period":"2026","qty":1}
< {"scope":"shop","scope_id":"S","period":"2026","qty":1}
< {"scope":"company","period":"2026","qty":-1}
< {"scope":"company","period":"2026"}
< {"scope":"company","period":"2026","currency":"CNY"}
< {"scope":"company","period":"2026-1","qty":1}
< {"scope":"region","scope_id":"North","period":"2026-W53","qty":7,"note":"week 53"}
< {"scope":"rep","scope_id":"R1","period":"2026-Q4","amount":"2500.00","currency":"CNY"}
< not json
$ crm-report load-targets -d t.db --reject rej.jsonl && jq -r .error rej.jsonl && sqlite3 t.db "SELECT scope, scope_id, period, amount_minor, qty, note FROM targets WHERE scope_id IN ('R1', 'North')"
> <stdin>:1: scope_id: no such rep R9
> <stdin>:2: period: not a period key (2026, 2026-Q4, 2026-11 or 2026-W47): 2026-Q5
> <stdin>:3: period: not a period key (2026, 2026-Q4, 2026-11 or 2026-W47): 2027-W53
> <stdin>:4: amount: more than 2 decimals
> <stdin>:5: currency: missing (an amount needs one)
> <stdin>:6: scope_id: the company's target has none
> <stdin>:7: scope_id: missing
> <stdin>:8: scope: shop is not one of company, rep, team, region, product
> <stdin>:9: qty: -1 is not a whole number from 0 to 1000000000000
> <stdin>:10: amount: missing (a target needs an amount, a qty or both)
> <stdin>:11: amount: missing (currency CNY given)
> <stdin>:12: period: not a period key (2026, 2026-Q4, 2026-11 or 2026-W47): 2026-1
> <stdin>:15: col 1: not a JSON object
> rep|R1|2026-Q4|250000||
> region|North|2026-W53||7|week 53
! crm-report: read 15, accepted 2, rejected 13, new 1, updated 1, unchanged 0

=== the region target of week 53 has no sales yet; R1's new target
$ CRM_SHARE="$SHARE" crm-report target -d t.db --period-key 2026-W53 --scope region --fields scope_id,period,currency,target_qty,actual_qty,qty_percent && CRM_SHARE="$SHARE" crm-report target -d t.db --scope rep --period-key 2026-Q4 --fields scope_id,target,actual,achieved_percent
> {"scope_id":"North","period":"2026-W53","currency":null,"target_qty":7,"actual_qty":0,"qty_percent":0.0}
> {"scope_id":"R1","target":"2500.00","actual":"2000.00","achieved_percent":80.0}

=== bad options: an unknown scope
$ crm-report target -d t.db --scope shop
! crm-report: --scope: shop is not one of company, rep, team, region, product
! usage: crm-report target [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--scope SCOPE] [--period-key KEY] [--from DATE] [--to DATE] [--as-of DATE] [--stages FILE]
? 64

=== a period key that is none
$ crm-report target -d t.db --period-key 2026-Q5
! crm-report: --period-key: not a period key (2026, 2026-Q4, 2026-11 or 2026-W47): 2026-Q5
! usage: crm-report target [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--scope SCOPE] [--period-key KEY] [--from DATE] [--to DATE] [--as-of DATE] [--stages FILE]
? 64

=== a period key and dates
$ crm-report target -d t.db --period-key 2026-Q4 --from 2026-10-01
! crm-report: --period-key or --from and --to, not both
! usage: crm-report target [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--scope SCOPE] [--period-key KEY] [--from DATE] [--to DATE] [--as-of DATE] [--stages FILE]
? 64

=== a date that is none
$ crm-report target -d t.db --as-of 2026-11-31
! crm-report: --as-of: no such date: 2026-11-31
! usage: crm-report target [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--scope SCOPE] [--period-key KEY] [--from DATE] [--to DATE] [--as-of DATE] [--stages FILE]
? 64

=== an option target does not take
$ crm-report target -d t.db --by rep
! crm-report target: unknown option: --by
! usage: crm-report target [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--scope SCOPE] [--period-key KEY] [--from DATE] [--to DATE] [--as-of DATE] [--stages FILE]
? 64

=== no database: 66, and none made
$ CRM_SHARE="$SHARE" crm-report target -d none.db; echo $?; crm-report load-targets -d none.db targets.jsonl; echo $?; test -e none.db || echo "no none.db"
> 66
> 66
> no none.db
! crm-report: none.db: no such database (crm-db init creates one)
! crm-report: none.db: no such database (crm-db init creates one)
