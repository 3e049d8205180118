# crm-report receivables, stock-age and promotions: summaries of what
# crm-order and crm-stock keep.  The dump below holds invoices with
# payments made before and after the day, lots received, issued and
# moved, and promotions granted on orders of every status; every figure
# was worked out by hand from it, and the totals are checked with
# sqlite3.  CRM_NOW makes today 2026-11-22.

=== customers, orders, promotions granted, invoices and payments, lots at three locations
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
< {"type":"promo_grants","promo_id":"PROMO-A","purchase_ref":"O1","order_id":"O1","cost_minor":10000,"revenue_minor":200000,"currency":"CNY"}
< {"type":"promo_grants","promo_id":"PROMO-A","purchase_ref":"O2","order_id":"O2","cost_minor":5000,"revenue_minor":100000,"currency":"CNY"}
< {"type":"promo_grants","promo_id":"PROMO-A","purchase_ref":"O3","order_id":"O3","cost_minor":99999,"revenue_minor":400000,"currency":"CNY"}
< {"type":"promo_grants","promo_id":"PROMO-A","purchase_ref":"O6","order_id":"O6","cost_minor":20000,"revenue_minor":100000,"currency":"CNY"}
< {"type":"promo_grants","promo_id":"PROMO-B","purchase_ref":"O1","order_id":"O1","cost_minor":0,"revenue_minor":10000,"currency":"CNY"}
< {"type":"promo_grants","promo_id":"PROMO-C","purchase_ref":"O7","order_id":"O7","cost_minor":300,"revenue_minor":5000,"currency":"EUR"}
< {"type":"invoices","id":"I1","order_id":"O1","customer_id":"C1","issued_on":"2026-09-01","due_on":"2026-10-01","amount_minor":100000,"currency":"CNY","status":"open"}
< {"type":"invoices","id":"I2","order_id":"O2","customer_id":"C2","issued_on":"2026-11-01","due_on":"2026-12-01","amount_minor":50000,"currency":"CNY","status":"open"}
< {"type":"invoices","id":"I3","customer_id":"C3","issued_on":"2026-06-01","due_on":"2026-07-01","amount_minor":20000,"currency":"CNY","status":"open"}
< {"type":"invoices","id":"I4","order_id":"O1","customer_id":"C1","issued_on":"2026-10-10","due_on":"2026-10-25","amount_minor":40000,"currency":"CNY","status":"paid"}
< {"type":"invoices","id":"I5","customer_id":"C1","issued_on":"2026-11-01","due_on":"2026-11-11","amount_minor":1000,"currency":"EUR","status":"open"}
< {"type":"invoices","id":"I6","customer_id":"C2","issued_on":"2026-08-01","due_on":"2026-08-31","amount_minor":10000,"currency":"CNY","status":"paid"}
< {"type":"payments","id":"PAY1","customer_id":"C1","received_on":"2026-10-15","amount_minor":30000,"currency":"CNY"}
< {"type":"payments","id":"PAY2","customer_id":"C1","received_on":"2026-11-30","amount_minor":40000,"currency":"CNY"}
< {"type":"payments","id":"PAY3","customer_id":"C2","received_on":"2026-09-01","amount_minor":10000,"currency":"CNY"}
< {"type":"payment_allocations","payment_id":"PAY1","invoice_id":"I1","amount_minor":30000}
< {"type":"payment_allocations","payment_id":"PAY2","invoice_id":"I4","amount_minor":40000}
< {"type":"payment_allocations","payment_id":"PAY3","invoice_id":"I6","amount_minor":10000}
< {"type":"locations","id":"L1","name":"Dealer One","kind":"dealer","region":"East"}
< {"type":"locations","id":"L2","name":"Dealer Two","kind":"dealer","region":"North"}
< {"type":"locations","id":"L3","name":"Branch","kind":"branch"}
< {"type":"stock_lots","id":"LOT1","sku":"P-A","received_on":"2026-11-10","qty":3,"unit_cost_minor":50000,"currency":"CNY","location_id":"L1","recorded_at":"2026-11-10T00:00:00Z"}
< {"type":"stock_lots","id":"LOT2","sku":"P-A","received_on":"2026-08-01","qty":2,"unit_cost_minor":45000,"currency":"CNY","location_id":"L1","recorded_at":"2026-08-01T00:00:00Z"}
< {"type":"stock_lots","id":"LOT3","sku":"P-B","received_on":"2026-04-01","qty":4,"unit_cost_minor":1000,"currency":"CNY","location_id":"L2","recorded_at":"2026-04-01T00:00:00Z"}
< {"type":"stock_lots","id":"LOT4","sku":"P-B","received_on":"2026-10-01","qty":1,"unit_cost_minor":1200,"currency":"CNY","location_id":"L3","recorded_at":"2026-10-01T00:00:00Z"}
< {"type":"stock_lots","id":"LOT5","sku":"P-A","received_on":"2026-09-15","qty":2,"unit_cost_minor":48000,"currency":"CNY","location_id":"L2","recorded_at":"2026-09-15T00:00:00Z"}
< {"type":"stock_moves","id":1,"lot_id":"LOT1","location_id":"L1","moved_on":"2026-11-10","qty":3,"kind":"receive","recorded_at":"2026-11-10T00:00:00Z"}
< {"type":"stock_moves","id":2,"lot_id":"LOT2","location_id":"L1","moved_on":"2026-08-01","qty":2,"kind":"receive","recorded_at":"2026-08-01T00:00:00Z"}
< {"type":"stock_moves","id":3,"lot_id":"LOT2","location_id":"L1","moved_on":"2026-10-01","qty":-1,"kind":"issue","recorded_at":"2026-10-01T00:00:00Z"}
< {"type":"stock_moves","id":4,"lot_id":"LOT3","location_id":"L2","moved_on":"2026-04-01","qty":4,"kind":"receive","recorded_at":"2026-04-01T00:00:00Z"}
< {"type":"stock_moves","id":5,"lot_id":"LOT4","location_id":"L3","moved_on":"2026-10-01","qty":1,"kind":"receive","recorded_at":"2026-10-01T00:00:00Z"}
< {"type":"stock_moves","id":6,"lot_id":"LOT5","location_id":"L2","moved_on":"2026-09-15","qty":2,"kind":"receive","recorded_at":"2026-09-15T00:00:00Z"}
< {"type":"stock_moves","id":7,"lot_id":"LOT5","location_id":"L2","moved_on":"2026-10-01","qty":-1,"kind":"move","recorded_at":"2026-10-01T00:00:00Z"}
< {"type":"stock_moves","id":8,"lot_id":"LOT5","location_id":"L1","moved_on":"2026-10-01","qty":1,"kind":"move","recorded_at":"2026-10-01T00:00:00Z"}
$ crm-db load -q -d s.db

=== receivables per customer: every bucket of each customer and currency; C1 owes 400.00 of I4 28 days past due (its payment came on 2026-11-30) and 700.00 of I1 52 days past due (300.00 paid); I6 is paid
$ crm-report receivables -d s.db -f csv
> customer,currency,bucket,invoices,amount,percent
> C1,CNY,current,0,0.00,0.0
> C1,CNY,days_1_30,1,400.00,36.4
> C1,CNY,days_31_60,1,700.00,63.6
> C1,CNY,days_61_90,0,0.00,0.0
> C1,CNY,days_over_90,0,0.00,0.0
> C1,EUR,current,0,0.00,0.0
> C1,EUR,days_1_30,1,10.00,100.0
> C1,EUR,days_31_60,0,0.00,0.0
> C1,EUR,days_61_90,0,0.00,0.0
> C1,EUR,days_over_90,0,0.00,0.0
> C2,CNY,current,1,500.00,100.0
> C2,CNY,days_1_30,0,0.00,0.0
> C2,CNY,days_31_60,0,0.00,0.0
> C2,CNY,days_61_90,0,0.00,0.0
> C2,CNY,days_over_90,0,0.00,0.0
> C3,CNY,current,0,0.00,0.0
> C3,CNY,days_1_30,0,0.00,0.0
> C3,CNY,days_31_60,0,0.00,0.0
> C3,CNY,days_61_90,0,0.00,0.0
> C3,CNY,days_over_90,1,200.00,100.0

=== the open amounts by sqlite3: per customer and currency, as of today
$ sqlite3 s.db "SELECT i.customer_id, i.currency, sum(i.amount_minor - coalesce((SELECT sum(a.amount_minor) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = i.id AND p.received_on <= '2026-11-22'), 0)) FROM invoices i GROUP BY 1, 2 ORDER BY 1, 2"
> C1|CNY|110000
> C1|EUR|1000
> C2|CNY|50000
> C3|CNY|20000

=== per region: an invoice's order's region, else its customer's (I3 and I5 have no order)
$ crm-report receivables -d s.db --by region -f md
> | region | currency | bucket       | invoices | amount | percent |
> | ------ | -------- | ------------ | -------: | -----: | ------: |
> | East   | CNY      | current      |        0 |   0.00 |     0.0 |
> | East   | CNY      | days_1_30    |        1 | 400.00 |    30.8 |
> | East   | CNY      | days_31_60   |        1 | 700.00 |    53.8 |
> | East   | CNY      | days_61_90   |        0 |   0.00 |     0.0 |
> | East   | CNY      | days_over_90 |        1 | 200.00 |    15.4 |
> | East   | EUR      | current      |        0 |   0.00 |     0.0 |
> | East   | EUR      | days_1_30    |        1 |  10.00 |   100.0 |
> | East   | EUR      | days_31_60   |        0 |   0.00 |     0.0 |
> | East   | EUR      | days_61_90   |        0 |   0.00 |     0.0 |
> | East   | EUR      | days_over_90 |        0 |   0.00 |     0.0 |
> | North  | CNY      | current      |        1 | 500.00 |   100.0 |
> | North  | CNY      | days_1_30    |        0 |   0.00 |     0.0 |
> | North  | CNY      | days_31_60   |        0 |   0.00 |     0.0 |
> | North  | CNY      | days_61_90   |        0 |   0.00 |     0.0 |
> | North  | CNY      | days_over_90 |        0 |   0.00 |     0.0 |

=== per rep: the order's rep, else the customer's owner, in a table
$ crm-report receivables -d s.db --by rep -f table
> rep  currency  bucket        invoices  amount  percent  bar
> ---  --------  ------------  --------  ------  -------  --------------------
> R1   CNY       current              0    0.00      0.0
> R1   CNY       days_1_30            1  400.00     36.4  ███████████▍
> R1   CNY       days_31_60           1  700.00     63.6  ████████████████████
> R1   CNY       days_61_90           0    0.00      0.0
> R1   CNY       days_over_90         0    0.00      0.0
> R1   EUR       current              0    0.00      0.0
> R1   EUR       days_1_30            1   10.00    100.0  ▎
> R1   EUR       days_31_60           0    0.00      0.0
> R1   EUR       days_61_90           0    0.00      0.0
> R1   EUR       days_over_90         0    0.00      0.0
> R2   CNY       current              0    0.00      0.0
> R2   CNY       days_1_30            0    0.00      0.0
> R2   CNY       days_31_60           0    0.00      0.0
> R2   CNY       days_61_90           0    0.00      0.0
> R2   CNY       days_over_90         1  200.00    100.0  █████▊
> R3   CNY       current              1  500.00    100.0  ██████████████▎
> R3   CNY       days_1_30            0    0.00      0.0
> R3   CNY       days_31_60           0    0.00      0.0
> R3   CNY       days_61_90           0    0.00      0.0
> R3   CNY       days_over_90         0    0.00      0.0

=== earlier, with buckets of their own: on 2026-10-20 I1 is 19 days past due (700.00 open), I4 is not due yet, I2 and I5 are not issued, I3 is 111 days past due
$ crm-report receivables -d s.db --as-of 2026-10-20 --buckets 15,100 | jq -c 'select(.invoices > 0)'
> {"customer":"C1","currency":"CNY","bucket":"current","invoices":1,"amount":"400.00","percent":36.4}
> {"customer":"C1","currency":"CNY","bucket":"days_16_100","invoices":1,"amount":"700.00","percent":63.6}
> {"customer":"C3","currency":"CNY","bucket":"days_over_100","invoices":1,"amount":"200.00","percent":100}

=== an HTML page with one part per bucket with an amount
$ crm-report receivables -d s.db -f html > r.html && grep -c '^<!DOCTYPE html>' r.html && grep -o 'class="part"' r.html | wc -l
> 1
> 5

=== stock by location and age (default buckets 30, 60, 90, 180): LOT2 at L1 is 113 days old, LOT5 keeps its receipt day when moved to L1
$ CRM_SHARE="$SHARE" crm-report stock-age -d s.db -f csv
> location,currency,bucket,qty,value,percent
> L1,CNY,0-30,3,1500.00,61.7
> L1,CNY,31-60,0,0.00,0.0
> L1,CNY,61-90,1,480.00,19.8
> L1,CNY,91-180,1,450.00,18.5
> L1,CNY,over 180,0,0.00,0.0
> L2,CNY,0-30,0,0.00,0.0
> L2,CNY,31-60,0,0.00,0.0
> L2,CNY,61-90,1,480.00,92.3
> L2,CNY,91-180,0,0.00,0.0
> L2,CNY,over 180,4,40.00,7.7
> L3,CNY,0-30,0,0.00,0.0
> L3,CNY,31-60,1,12.00,100.0
> L3,CNY,61-90,0,0.00,0.0
> L3,CNY,91-180,0,0.00,0.0
> L3,CNY,over 180,0,0.00,0.0

=== the stock by sqlite3: qty and value per location
$ sqlite3 s.db "SELECT m.location_id, sum(m.qty), sum(m.qty * l.unit_cost_minor) FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id GROUP BY 1 ORDER BY 1"
> L1|5|243000
> L2|5|52000
> L3|1|1200

=== by sku, and by region (L3 has none: null first), without the empty buckets
$ CRM_SHARE="$SHARE" crm-report stock-age -d s.db --by sku | jq -c 'select(.qty > 0)' && CRM_SHARE="$SHARE" crm-report stock-age -d s.db --by region -f tsv | grep -v '	0	0.00	'
> {"sku":"P-A","currency":"CNY","bucket":"0-30","qty":3,"value":"1500.00","percent":51.5}
> {"sku":"P-A","currency":"CNY","bucket":"61-90","qty":2,"value":"960.00","percent":33}
> {"sku":"P-A","currency":"CNY","bucket":"91-180","qty":1,"value":"450.00","percent":15.5}
> {"sku":"P-B","currency":"CNY","bucket":"31-60","qty":1,"value":"12.00","percent":23.1}
> {"sku":"P-B","currency":"CNY","bucket":"over 180","qty":4,"value":"40.00","percent":76.9}
> region	currency	bucket	qty	value	percent
> 	CNY	31-60	1	12.00	100.0
> East	CNY	0-30	3	1500.00	61.7
> East	CNY	61-90	1	480.00	19.8
> East	CNY	91-180	1	450.00	18.5
> North	CNY	61-90	1	480.00	92.3
> North	CNY	over 180	4	40.00	7.7

=== stock of a day before, aged at that day, in buckets of its own
$ crm-report stock-age -d s.db --as-of 2026-09-30 --buckets 30,180 -f md
> | location | currency | bucket   | qty |  value | percent |
> | -------- | -------- | -------- | --: | -----: | ------: |
> | L1       | CNY      | 0-30     |   0 |   0.00 |     0.0 |
> | L1       | CNY      | 31-180   |   2 | 900.00 |   100.0 |
> | L1       | CNY      | over 180 |   0 |   0.00 |     0.0 |
> | L2       | CNY      | 0-30     |   2 | 960.00 |    96.0 |
> | L2       | CNY      | 31-180   |   0 |   0.00 |     0.0 |
> | L2       | CNY      | over 180 |   4 |  40.00 |     4.0 |

=== stock-age as a table, and as an HTML page with one part per bucket with stock
$ CRM_SHARE="$SHARE" crm-report stock-age -d s.db --by region -f table --fields region,bucket,qty,value && CRM_SHARE="$SHARE" crm-report stock-age -d s.db -f html | grep -o 'class="part"' | wc -l
> region  bucket    qty    value  bar
> ------  --------  ---  -------  --------------------
>         0-30        0     0.00
>         31-60       1    12.00  ▏
>         61-90       0     0.00
>         91-180      0     0.00
>         over 180    0     0.00
> East    0-30        3  1500.00  ████████████████████
> East    31-60       0     0.00
> East    61-90       1   480.00  ██████▍
> East    91-180      1   450.00  ██████
> East    over 180    0     0.00
> North   0-30        0     0.00
> North   31-60       0     0.00
> North   61-90       1   480.00  ██████▍
> North   91-180      0     0.00
> North   over 180    4    40.00  ▌
> 6

=== promotions: the grant on the cancelled order O3 does not count; PROMO-B cost nothing, so its effectiveness is null
$ crm-report promotions -d s.db
> {"promo_id":"PROMO-A","currency":"CNY","grants":3,"orders":3,"cost":"350.00","revenue":"4000.00","net":"3650.00","effectiveness":11.43}
> {"promo_id":"PROMO-B","currency":"CNY","grants":1,"orders":1,"cost":"0.00","revenue":"100.00","net":"100.00","effectiveness":null}
> {"promo_id":"PROMO-C","currency":"EUR","grants":1,"orders":1,"cost":"3.00","revenue":"50.00","net":"47.00","effectiveness":16.67}

=== the same by sqlite3
$ sqlite3 s.db "SELECT g.promo_id, g.currency, count(*), sum(g.cost_minor), sum(g.revenue_minor), sum(g.revenue_minor) - sum(g.cost_minor) FROM promo_grants g JOIN orders o ON o.id = g.order_id WHERE o.status NOT IN ('draft', 'cancelled') GROUP BY 1, 2 ORDER BY 1, 2"
> PROMO-A|CNY|3|35000|400000|365000
> PROMO-B|CNY|1|0|10000|10000
> PROMO-C|EUR|1|300|5000|4700

=== orders up to the end of November only; as CSV and Markdown
$ crm-report promotions -d s.db --to 2026-11-30 -f csv && crm-report promotions -d s.db --from 2026-11-11 -f md
> promo_id,currency,grants,orders,cost,revenue,net,effectiveness
> PROMO-A,CNY,2,2,150.00,3000.00,2850.00,20.00
> PROMO-B,CNY,1,1,0.00,100.00,100.00,
> PROMO-C,EUR,1,1,3.00,50.00,47.00,16.67
> | promo_id | currency | grants | orders |   cost | revenue |    net | effectiveness |
> | -------- | -------- | -----: | -----: | -----: | ------: | -----: | ------------: |
> | PROMO-A  | CNY      |      1 |      1 | 200.00 | 1000.00 | 800.00 |          5.00 |
> | PROMO-C  | EUR      |      1 |      1 |   3.00 |   50.00 |  47.00 |         16.67 |

=== promotions in a table with bars of effectiveness, and as an HTML page
$ crm-report promotions -d s.db -f table && crm-report promotions -d s.db -f html | grep -o 'class="bar"' | wc -l
> promo_id  currency  grants  orders    cost  revenue      net  effectiveness  bar
> --------  --------  ------  ------  ------  -------  -------  -------------  --------------------
> PROMO-A   CNY            3       3  350.00  4000.00  3650.00          11.43  █████████████▊
> PROMO-B   CNY            1       1    0.00   100.00   100.00
> PROMO-C   EUR            1       1    3.00    50.00    47.00          16.67  ████████████████████
> 2

=== no promotion in a period gives no rows
$ crm-report promotions -d s.db --from 2027-01-01

=== bad options: a group that is none
$ crm-report receivables -d s.db --by team
! crm-report: --by: team is not one of customer, region, rep
! usage: crm-report receivables [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--as-of DATE] [--buckets LIST]
? 64

=== buckets that go down
$ crm-report receivables -d s.db --buckets 60,30
! crm-report: --buckets: 30 does not come after 60: 60,30
! usage: crm-report receivables [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--as-of DATE] [--buckets LIST]
? 64

=== stock-age by customer
$ crm-report stock-age -d s.db --by customer
! crm-report: --by: customer is not one of location, sku, region
! usage: crm-report stock-age [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--as-of DATE] [--buckets LIST]
? 64

=== stock-age buckets that are no list
$ crm-report stock-age -d s.db --buckets 30,x
! crm-report: --buckets: not a list of days from 1 to 36500 like 30,60,90,180: 30,x
! usage: crm-report stock-age [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--as-of DATE] [--buckets LIST]
? 64

=== a date that is none
$ crm-report promotions -d s.db --from 2026-02-30
! crm-report: --from: no such date: 2026-02-30
! usage: crm-report promotions [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--from DATE] [--to DATE]
? 64

=== no database: 66 from each
$ crm-report receivables -d none.db; echo $?; CRM_SHARE="$SHARE" crm-report stock-age -d none.db; echo $?; crm-report promotions -d none.db; echo $?; test -e none.db || echo "no none.db"
> 66
> 66
> 66
> no none.db
! crm-report: none.db: no such database (crm-db init creates one)
! crm-report: none.db: no such database (crm-db init creates one)
! crm-report: none.db: no such database (crm-db init creates one)
