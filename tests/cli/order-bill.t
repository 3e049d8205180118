# crm-order billing: invoices per shipment and per order, payments
# allocated oldest first or to named invoices, credit balances applied
# later, receivables aged by days past due; strict and --reject input,
# and a failed run leaves the database as it was.

=== a database: O1 of three lines (29.99, 23.31 and a free line, 13% tax) shipped in part twice, O2 and O4 for the same customers, O3 in EUR, a draft
< {"type":"crm_dump","schema_version":3}
< {"type":"customers","id":"C1","name":"Dealer One","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Dealer Two","currency":"EUR","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C3","name":"Dealer Three","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"products","sku":"A","name":"Part A","active":1}
< {"type":"products","sku":"B","name":"Part B","active":1}
< {"type":"products","sku":"F","name":"Gift","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2026-09-01","status":"confirmed","currency":"CNY","subtotal_minor":15331,"discount_minor":10001,"tax_minor":693,"total_minor":6023}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"A","qty":3,"unit_price_minor":1000,"discount_minor":1,"amount_minor":2999}
< {"type":"order_lines","order_id":"O1","line_no":2,"sku":"B","qty":7,"unit_price_minor":333,"amount_minor":2331}
< {"type":"order_lines","order_id":"O1","line_no":3,"sku":"F","qty":2,"unit_price_minor":5000,"discount_minor":10000,"amount_minor":0}
< {"type":"orders","id":"O2","customer_id":"C1","order_date":"2026-07-20","status":"confirmed","currency":"CNY","subtotal_minor":1000,"total_minor":1000}
< {"type":"order_lines","order_id":"O2","line_no":1,"sku":"A","qty":1,"unit_price_minor":1000,"amount_minor":1000}
< {"type":"orders","id":"O3","customer_id":"C2","order_date":"2026-07-25","status":"confirmed","currency":"EUR","subtotal_minor":50000,"total_minor":50000}
< {"type":"order_lines","order_id":"O3","line_no":1,"sku":"A","qty":2,"unit_price_minor":25000,"amount_minor":50000}
< {"type":"orders","id":"O4","customer_id":"C2","order_date":"2026-11-01","status":"confirmed","currency":"EUR","subtotal_minor":8000,"total_minor":8000}
< {"type":"order_lines","order_id":"O4","line_no":1,"sku":"B","qty":1,"unit_price_minor":8000,"amount_minor":8000}
< {"type":"orders","id":"D1","customer_id":"C1","order_date":"2026-11-02","status":"draft","currency":"CNY","subtotal_minor":1000,"total_minor":1000}
< {"type":"order_lines","order_id":"D1","line_no":1,"sku":"A","qty":1,"unit_price_minor":1000,"amount_minor":1000}
< {"type":"shipments","id":"S1","order_id":"O1","shipped_at":"2026-09-03T00:00:00Z","status":"in_transit"}
< {"type":"shipment_lines","shipment_id":"S1","order_id":"O1","line_no":1,"qty":1}
< {"type":"shipment_lines","shipment_id":"S1","order_id":"O1","line_no":2,"qty":3}
< {"type":"shipments","id":"S2","order_id":"O1","shipped_at":"2026-09-20T00:00:00Z","status":"in_transit"}
< {"type":"shipment_lines","shipment_id":"S2","order_id":"O1","line_no":1,"qty":1}
< {"type":"shipment_lines","shipment_id":"S2","order_id":"O1","line_no":2,"qty":2}
< {"type":"shipment_lines","shipment_id":"S2","order_id":"O1","line_no":3,"qty":2}
$ crm-db load -q -d a.db && crm-order list -d a.db -f table
> id  customer_id  order_date  status     currency   total  requested_week  plant  credit_hold
> --  -----------  ----------  ---------  --------  ------  --------------  -----  -----------
> O2  C1           2026-07-20  confirmed  CNY        10.00                                   0
> O3  C2           2026-07-25  confirmed  EUR       500.00                                   0
> O1  C1           2026-09-01  confirmed  CNY        60.23                                   0
> O4  C2           2026-11-01  confirmed  EUR        80.00                                   0
> D1  C1           2026-11-02  draft      CNY        10.00                                   0

# --- invoice ---

=== a shipment is invoiced: a third of 29.99 is 10.00, 3/7 of 23.31 is 9.99, tax 6.93 x 19.99/53.30 = 2.60
$ crm-order invoice -d a.db --shipment S1 --on 2026-09-05
> {"id":"INV-O1-1","order_id":"O1","shipment_id":"S1","customer_id":"C1","issued_on":"2026-09-05","due_on":"2026-10-05","amount":"22.59","tax":"2.60","currency":"CNY","status":"open","lines":[{"line_no":1,"qty":1,"amount":"10.00"},{"line_no":2,"qty":3,"amount":"9.99"}]}
! crm-order: invoices issued 1

=== a shipment is invoiced once
$ crm-order invoice -d a.db --shipment S1
! crm-order: shipment S1 is invoiced already (INV-O1-1)
? 65

=== the second shipment, due in 14 days, as CSV: 10.00, 6.66, the free line 0.00, tax 2.17
$ crm-order invoice -d a.db --shipment S2 --on 2026-09-25 --terms 14 -f csv | tr -d '\r'
> id,order_id,shipment_id,customer_id,issued_on,due_on,amount,tax,currency,status,lines
> INV-O1-2,O1,S2,C1,2026-09-25,2026-10-09,18.83,2.17,CNY,open,"[{""line_no"":1,""qty"":1,""amount"":""10.00""},{""line_no"":2,""qty"":2,""amount"":""6.66""},{""line_no"":3,""qty"":2,""amount"":""0.00""}]"
! crm-order: invoices issued 1

=== invoicing a draft fails, and with it the whole run: nothing is written
$ crm-db dump -d a.db > before.jsonl; crm-order invoice -d a.db O2 D1 --on 2026-08-01; crm-db dump -d a.db | cmp - before.jsonl && echo unchanged
> unchanged
! crm-order: order D1 is draft: only orders confirmed or further on are invoiced

=== the order bills the rest before it ships; its invoices add up to its total 60.23 and its tax 6.93
$ crm-order invoice -d a.db O1 --on 2026-09-28 --id F-100 --fields id,amount,tax,lines && \
    crm-order show -d a.db O1 | jq -c '[.status, .total, ([.invoices[].amount | sub("[.]"; "") | tonumber] | add), .tax, ([.invoices[].tax | sub("[.]"; "") | tonumber] | add)]'
> {"id":"F-100","amount":"18.81","tax":"2.16","lines":[{"line_no":1,"qty":1,"amount":"9.99"},{"line_no":2,"qty":2,"amount":"6.66"}]}
> ["partly_shipped","60.23",6023,"6.93",693]
! crm-order: invoices issued 1

=== nothing is left to bill; unknown orders and shipments
$ crm-order invoice -d a.db O1; crm-order invoice -d a.db NOPE; crm-order invoice -d a.db --shipment S9
! crm-order: order O1: nothing left to invoice
! crm-order: no such order NOPE
! crm-order: no such shipment S9
? 65

=== the other orders, one invoice each, as a table
$ crm-order invoice -d a.db O2 O3 --on 2026-08-01 -f table --fields id,order_id,customer_id,issued_on,due_on,amount,currency,status
> id        order_id  customer_id  issued_on   due_on      amount  currency  status
> --------  --------  -----------  ----------  ----------  ------  --------  ------
> INV-O2-1  O2        C1           2026-08-01  2026-08-31   10.00  CNY       open
> INV-O3-1  O3        C2           2026-08-01  2026-08-31  500.00  EUR       open
! crm-order: invoices issued 2

=== usage: no orders, --id for several, bad --terms and --on
$ crm-order invoice -d a.db; crm-order invoice -d a.db --id X O2 O3; crm-order invoice -d a.db O4 --terms 3651; crm-order invoice -d a.db O4 --on 2026-02-30
! crm-order: which orders? (ID ...)
! usage: crm-order invoice [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--shipment] [--id ID] [--on DATE] [--terms DAYS] ID ...
! crm-order: --id is for one invoice
! usage: crm-order invoice [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--shipment] [--id ID] [--on DATE] [--terms DAYS] ID ...
! crm-order: --terms: not a number of days from 0 to 3650: 3651
! usage: crm-order invoice [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--shipment] [--id ID] [--on DATE] [--terms DAYS] ID ...
! crm-order: --on: no such date: 2026-02-30
! usage: crm-order invoice [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--shipment] [--id ID] [--on DATE] [--terms DAYS] ID ...
? 64

# --- receivables before any payment ---

=== receivables as of today: aged by days past due into 30, 60, 90 and over
$ crm-order receivables -d a.db -f table
> customer_id  name        currency  invoices  current  days_1_30  days_31_60  days_61_90  days_over_90    open  credit  balance
> -----------  ----------  --------  --------  -------  ---------  ----------  ----------  ------------  ------  ------  -------
> C1           Dealer One  CNY              4     0.00      18.81       41.42       10.00          0.00   70.23    0.00    70.23
> C2           Dealer Two  EUR              1     0.00       0.00        0.00      500.00          0.00  500.00    0.00   500.00

# --- pay ---

=== a payment goes to the oldest open invoices first (by due date)
$ crm-order pay -d a.db --customer C1 --amount 30 --currency CNY --on 2026-11-10 --reference "bank 1" -f table
> payment_id  customer_id  invoice_id  order_id  amount  currency  invoice_open  status
> ----------  -----------  ----------  --------  ------  --------  ------------  ------
> PAY-C1-1    C1           INV-O2-1    O2         10.00  CNY               0.00  paid
> PAY-C1-1    C1           INV-O1-1    O1         20.00  CNY               2.59  open

=== a payment to a named invoice
$ crm-order pay -d a.db --customer C1 --amount 5.00 --currency CNY --invoice F-100 --id P-NAMED
> {"payment_id":"P-NAMED","customer_id":"C1","invoice_id":"F-100","order_id":"O1","amount":"5.00","currency":"CNY","invoice_open":"13.81","status":"open"}

=== a paid invoice, another customer's, another currency, an unknown one: refused, nothing written
$ crm-db dump -d a.db > before.jsonl; \
    crm-order pay -d a.db --customer C1 --amount 1 --currency CNY --invoice INV-O2-1; \
    crm-order pay -d a.db --customer C2 --amount 1 --currency EUR --invoice INV-O1-1; \
    crm-order pay -d a.db --customer C1 --amount 1 --currency EUR --invoice INV-O1-1; \
    crm-order pay -d a.db --customer C1 --amount 1 --currency CNY --invoice INV-NOPE; \
    crm-db dump -d a.db | cmp - before.jsonl && echo unchanged
> unchanged
! crm-order: invoices: invoice INV-O2-1 is paid already
! crm-order: invoices: invoice INV-O1-1 is customer C1's, not C2's
! crm-order: invoices: invoice INV-O1-1 is in CNY, the payment in EUR
! crm-order: invoices: no such invoice INV-NOPE

=== amounts that are not above zero, overflow or have too many decimals; unknown customers and currencies
$ crm-order pay -d a.db --customer C1 --currency CNY --amount 0; \
    crm-order pay -d a.db --customer C1 --currency CNY --amount -1; \
    crm-order pay -d a.db --customer C1 --currency CNY --amount 99999999999999999999; \
    crm-order pay -d a.db --customer C1 --currency CNY --amount 1.001; \
    crm-order pay -d a.db --customer C7 --currency CNY --amount 1; \
    crm-order pay -d a.db --customer C1 --currency ABC --amount 1
! crm-order: amount: 0 is not above zero
! crm-order: amount: -1 is not above zero
! crm-order: amount: amount out of range
! crm-order: amount: more than 2 decimals
! crm-order: customer_id: no such customer C7
! crm-order: currency: unknown code ABC
? 65

=== the ways of paying take their own options
$ crm-order pay -d a.db --amount 1 --currency CNY; \
    crm-order pay -d a.db --amount 1 --customer C1 --currency CNY --apply-credit C1; \
    crm-order pay -d a.db --amount 1 --customer C1 --currency CNY --reject r.jsonl; \
    crm-order pay -d a.db --apply-credit C1 --id X; \
    crm-order pay -d a.db --customer C1 pay.jsonl; \
    crm-order pay -d a.db --amount 1 --customer C1 --currency CNY --invoice A,,B
! crm-order: a payment needs --customer, --amount and --currency
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
! crm-order: --amount records a payment, --apply-credit allocates credit: one or the other
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
! crm-order: --reject is not for a payment given with --amount
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
! crm-order: --id is not for --apply-credit
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
! crm-order: --customer is not for payments read from files
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
! crm-order: --invoice: an empty invoice id: A,,B
! usage: crm-order pay [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--customer ID] [--amount AMOUNT] [--currency CODE] [--on DATE] [--reference TEXT] [--id ID] [--invoice LIST] [--apply-credit CUSTOMER] [FILE ...]
? 64

=== payments from JSON lines are strict: one bad record and nothing is written
< {"id":"B-1","customer_id":"C1","amount":"3.00","currency":"CNY","received_on":"2026-11-15","reference":"batch"}
< {"id":"B-2","customer_id":"C2","amount":"100.00","currency":"EUR","received_on":"2026-11-15","invoices":["INV-O3-1"]}
< {"id":"B-3","customer_id":"C2","amount":"-5","currency":"EUR","received_on":"2026-11-15"}
$ tee pay.jsonl > /dev/null; crm-db dump -d a.db > before.jsonl; crm-order pay -d a.db pay.jsonl; crm-db dump -d a.db | cmp - before.jsonl && echo unchanged
> unchanged
! crm-order: pay.jsonl:3: amount: -5 is not above zero

=== --reject sets the bad record aside and records the others
$ crm-order pay -d a.db pay.jsonl --reject r.jsonl && jq -c '[.line, .error]' r.jsonl
> {"payment_id":"B-1","customer_id":"C1","invoice_id":"INV-O1-1","order_id":"O1","amount":"2.59","currency":"CNY","invoice_open":"0.00","status":"paid"}
> {"payment_id":"B-1","customer_id":"C1","invoice_id":"INV-O1-2","order_id":"O1","amount":"0.41","currency":"CNY","invoice_open":"18.42","status":"open"}
> {"payment_id":"B-2","customer_id":"C2","invoice_id":"INV-O3-1","order_id":"O3","amount":"100.00","currency":"EUR","invoice_open":"400.00","status":"open"}
> [3,"pay.jsonl:3: amount: -5 is not above zero"]
! crm-order: read 3, accepted 2, rejected 1, payments 2, existing 0, allocations 3, with credit left 0

=== reading the same file again records nothing twice
$ crm-order pay -d a.db pay.jsonl --reject r.jsonl
! crm-order: read 3, accepted 2, rejected 1, payments 0, existing 2, allocations 0, with credit left 0

=== a payment id used again with other figures is an error
< {"id":"B-1","customer_id":"C1","amount":"3.50","currency":"CNY","received_on":"2026-11-15"}
$ crm-order pay -d a.db -
! crm-order: <stdin>:1: id: payment B-1 exists already, from C1: 3.00 CNY received on 2026-11-15
? 65

=== CSV payments: invoices named in one cell; an over-payment leaves credit
$ printf 'id,customer_id,amount,currency,received_on,invoices\nE-1,C2,460.00,EUR,2026-11-16,"INV-O3-1, INV-O3-1"\nE-2,C2,460.00,EUR,2026-11-16,INV-O3-1\n' > pay.csv && crm-order pay -d a.db pay.csv --reject r2.jsonl -f tsv && jq -r .error r2.jsonl
> payment_id	customer_id	invoice_id	order_id	amount	currency	invoice_open	status
> E-2	C2	INV-O3-1	O3	400.00	EUR	0.00	paid
> E-2	C2			60.00	EUR		credit
> pay.csv:2: invoices: invoice INV-O3-1 named twice
! crm-order: read 2, accepted 1, rejected 1, payments 1, existing 0, allocations 1, with credit left 1

=== credit is allocated to an invoice issued later only when applied
$ crm-order invoice -d a.db O4 --on 2026-11-18 -q && crm-order receivables -d a.db --customer C2 --fields customer_id,open,credit,balance && \
    crm-order pay -d a.db --apply-credit C2 && crm-order receivables -d a.db --customer C2 --fields customer_id,open,credit,balance
> {"id":"INV-O4-1","order_id":"O4","shipment_id":null,"customer_id":"C2","issued_on":"2026-11-18","due_on":"2026-12-18","amount":"80.00","tax":"0.00","currency":"EUR","status":"open","lines":[{"line_no":1,"qty":1,"amount":"80.00"}]}
> {"customer_id":"C2","open":"80.00","credit":"60.00","balance":"20.00"}
> {"payment_id":"E-2","customer_id":"C2","invoice_id":"INV-O4-1","order_id":"O4","amount":"60.00","currency":"EUR","invoice_open":"20.00","status":"open"}
> {"customer_id":"C2","open":"20.00","credit":"0.00","balance":"20.00"}

=== applying credit when there is none does nothing
$ crm-order pay -d a.db --apply-credit C3 --currency CNY; echo "exit $?"
> exit 0

# --- receivables ---

=== receivables as JSON lines, CSV, TSV and Markdown
$ crm-order receivables -d a.db; crm-order receivables -d a.db -f csv | tr -d '\r'; crm-order receivables -d a.db -f tsv; crm-order receivables -d a.db -f md
> {"customer_id":"C1","name":"Dealer One","currency":"CNY","invoices":2,"current":"0.00","days_1_30":"13.81","days_31_60":"18.42","days_61_90":"0.00","days_over_90":"0.00","open":"32.23","credit":"0.00","balance":"32.23"}
> {"customer_id":"C2","name":"Dealer Two","currency":"EUR","invoices":1,"current":"20.00","days_1_30":"0.00","days_31_60":"0.00","days_61_90":"0.00","days_over_90":"0.00","open":"20.00","credit":"0.00","balance":"20.00"}
> customer_id,name,currency,invoices,current,days_1_30,days_31_60,days_61_90,days_over_90,open,credit,balance
> C1,Dealer One,CNY,2,0.00,13.81,18.42,0.00,0.00,32.23,0.00,32.23
> C2,Dealer Two,EUR,1,20.00,0.00,0.00,0.00,0.00,20.00,0.00,20.00
> customer_id	name	currency	invoices	current	days_1_30	days_31_60	days_61_90	days_over_90	open	credit	balance
> C1	Dealer One	CNY	2	0.00	13.81	18.42	0.00	0.00	32.23	0.00	32.23
> C2	Dealer Two	EUR	1	20.00	0.00	0.00	0.00	0.00	20.00	0.00	20.00
> | customer_id | name       | currency | invoices | current | days_1_30 | days_31_60 | days_61_90 | days_over_90 |  open | credit | balance |
> | ----------- | ---------- | -------- | -------: | ------: | --------: | ---------: | ---------: | -----------: | ----: | -----: | ------: |
> | C1          | Dealer One | CNY      |        2 |    0.00 |     13.81 |      18.42 |       0.00 |         0.00 | 32.23 |   0.00 |   32.23 |
> | C2          | Dealer Two | EUR      |        1 |   20.00 |      0.00 |       0.00 |       0.00 |         0.00 | 20.00 |   0.00 |   20.00 |

=== --detail: each open invoice with its balance and days past due
$ crm-order receivables -d a.db --detail -f table
> customer_id  invoice_id  order_id  currency  issued_on   due_on      amount   paid   open  days_past_due  bucket
> -----------  ----------  --------  --------  ----------  ----------  ------  -----  -----  -------------  ----------
> C1           INV-O1-2    O1        CNY       2026-09-25  2026-10-09   18.83   0.41  18.42             44  days_31_60
> C1           F-100       O1        CNY       2026-09-28  2026-10-28   18.81   5.00  13.81             25  days_1_30
> C2           INV-O4-1    O4        EUR       2026-11-18  2026-12-18   80.00  60.00  20.00            -26  current

=== as of an earlier date: what was issued and received by then
$ crm-order receivables -d a.db --as-of 2026-09-30 --detail -f table
> customer_id  invoice_id  order_id  currency  issued_on   due_on      amount  paid    open  days_past_due  bucket
> -----------  ----------  --------  --------  ----------  ----------  ------  ----  ------  -------------  ---------
> C1           INV-O2-1    O2        CNY       2026-08-01  2026-08-31   10.00  0.00   10.00             30  days_1_30
> C1           INV-O1-1    O1        CNY       2026-09-05  2026-10-05   22.59  0.00   22.59             -5  current
> C1           INV-O1-2    O1        CNY       2026-09-25  2026-10-09   18.83  0.00   18.83             -9  current
> C1           F-100       O1        CNY       2026-09-28  2026-10-28   18.81  0.00   18.81            -28  current
> C2           INV-O3-1    O3        EUR       2026-08-01  2026-08-31  500.00  0.00  500.00             30  days_1_30

=== buckets of one's own; one customer
$ crm-order receivables -d a.db --buckets 15,45 --customer C1 -f table
> customer_id  name        currency  invoices  current  days_1_15  days_16_45  days_over_45   open  credit  balance
> -----------  ----------  --------  --------  -------  ---------  ----------  ------------  -----  ------  -------
> C1           Dealer One  CNY              2     0.00       0.00       32.23          0.00  32.23    0.00    32.23

=== bad buckets, dates and customers
$ crm-order receivables -d a.db --buckets 30,10; crm-order receivables -d a.db --as-of 2026-13-01; crm-order receivables -d a.db --customer NOPE
! crm-order: --buckets: 10 does not come after 30: 30,10
! usage: crm-order receivables [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--as-of DATE] [--customer ID] [--detail] [--buckets DAYS]
! crm-order: --as-of: no such date: 2026-13-01
! usage: crm-order receivables [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--as-of DATE] [--customer ID] [--detail] [--buckets DAYS]
! crm-order: no such customer NOPE
? 65

=== for every customer, payments = allocations + credit; no invoice has more allocated than its amount
$ sqlite3 a.db "SELECT p.customer_id, p.currency, sum(p.amount_minor), (SELECT coalesce(sum(a.amount_minor), 0) FROM payment_allocations a JOIN payments q ON q.id = a.payment_id WHERE q.customer_id = p.customer_id AND q.currency = p.currency) FROM payments p GROUP BY 1, 2; SELECT count(*) FROM invoices i WHERE amount_minor < (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations WHERE invoice_id = i.id)"; \
    crm-order receivables -d a.db -f tsv --fields customer_id,credit
> C1|CNY|3800|3800
> C2|EUR|56000|56000
> 0
> customer_id	credit
> C1	0.00
> C2	0.00

# --- to the end of the order ---

=== the history of an order tells its invoices and payments
$ crm-order show -d a.db O2 | jq -c '.history[] | [.kind, .to_state, .note]'
> ["invoice",null,"INV-O2-1"]
> ["payment",null,"PAY-C1-1: 10.00 CNY to INV-O2-1"]

=== O1 is paid in full and, once all of it shipped, paid; then it may be closed
$ crm-order pay -d a.db --customer C1 --amount 40.62 --currency CNY --on 2026-11-20 -f csv | tr -d '\r' && crm-order ship -d a.db O1 > /dev/null && crm-order close -d a.db O1 && \
    crm-order show -d a.db O1 | jq -c '.status, [.history[] | select(.kind == "status") | .to_state]'
> payment_id,customer_id,invoice_id,order_id,amount,currency,invoice_open,status
> PAY-C1-4,C1,INV-O1-2,O1,18.42,CNY,0.00,paid
> PAY-C1-4,C1,F-100,O1,13.81,CNY,0.00,paid
> PAY-C1-4,C1,,,8.39,CNY,,credit
> "closed"
> ["partly_shipped","paid","closed"]

=== a full disk is an error
$ crm-order receivables -d a.db > /dev/full
! crm-order: <stdout>: No space left on device
? 74
