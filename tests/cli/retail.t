# The UCI Online Retail invoices (../shared/data/online-retail) as
# orders: every invoice an order, cancellations ("C" invoices, negative
# quantities) returns; what the books cannot take is set aside whole, and
# every figure is checked against sqlite3 working on the raw CSV.

=== the invoice lines as order lines: returns for "C" invoices, guests for lines without a customer
$ crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | \
    jq -c '{order_id: .invoice_no, customer_id: (if (.customer_id // "") == "" then "guest" else .customer_id end), order_date: .invoice_date[0:10], currency: "GBP", sku: .stock_code, qty: .quantity, price: .unit_price, region: .country} + (if .invoice_no[0:1] == "C" then {kind: "return"} else {} end)' | \
    sort -s -t, -k1,1 > lines.jsonl && wc -l < lines.jsonl
> 541909

=== customers and products (the first description of a stock code names it)
$ { echo '{"type":"crm_dump","schema_version":3}'; \
    jq -r .customer_id lines.jsonl | sort -u | jq -R -c '{type: "customers", id: ., name: ("Customer " + .), currency: "GBP", created_at: "2010-12-01T00:00:00Z"}'; \
    crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | jq -r '[.stock_code, .description // ""] | @tsv' | sort -s -t "$(printf '\t')" -k1,1 -u | \
    jq -R -c 'split("\t") | {type: "products", sku: .[0], name: (if .[1] == "" then .[0] else .[1] end), active: 1}'; } | crm-db load -d r.db
! crm-db: read 8444, accepted 8444, rejected 0

=== every line is read; whole invoices are set aside, and the counts add up
$ CRM_SHARE="$SHARE" crm-order create -d r.db --reject rejected.jsonl lines.jsonl > orders.jsonl && wc -l < orders.jsonl && wc -l < rejected.jsonl
> 24558
> 1460
! crm-order: read 541909, accepted 540449, rejected 1460, orders 24558, lines 540449, held 0, skipped 0, promotions 0, codes 0

=== why: stock adjustments are not sales, sub-penny and negative prices are not money
$ jq -r '.error | sub("^[^:]*:[0-9]+: "; "") | sub("^[a-z_]+: [-0-9.]+: "; "") ' rejected.jsonl | \
    sed -e 's/order [0-9A-Z]*/order N/' -e 's/[0-9]* decimals/N decimals/' | sort | uniq -c | sed 's/^ *//'
> 1336 negative quantities are for returns (kind return)
> 122 price: more than N decimals
> 2 price: negative

=== sales and returns, orders, lines and money to the penny, as sqlite3 computes them from the CSV
$ gzip -dc "$DATA/online-retail/online_retail.csv.gz" > retail.csv && \
    sqlite3 :memory: ".import --csv retail.csv t" "WITH bad AS (SELECT DISTINCT InvoiceNo FROM t \
    WHERE (InvoiceNo NOT LIKE 'C%' AND CAST(Quantity AS INTEGER) < 0) OR (InvoiceNo LIKE 'C%' AND CAST(Quantity AS INTEGER) > 0) \
    OR CAST(UnitPrice AS REAL) < 0 OR UnitPrice GLOB '*.[0-9][0-9][0-9]*') \
    SELECT CASE WHEN InvoiceNo LIKE 'C%' THEN 'return' ELSE 'sale' END, count(DISTINCT InvoiceNo), count(*), \
    sum(CAST(Quantity AS INTEGER) * CAST(round(CAST(UnitPrice AS REAL) * 100) AS INTEGER)) \
    FROM t WHERE InvoiceNo NOT IN bad GROUP BY 1 ORDER BY 1" > expected.txt && \
    sqlite3 r.db "SELECT coalesce(kind, 'sale'), count(*), (SELECT count(*) FROM order_lines l WHERE l.order_id IN \
    (SELECT id FROM orders p WHERE coalesce(p.kind, 'sale') = coalesce(o.kind, 'sale'))), sum(total_minor) \
    FROM orders o GROUP BY 1 ORDER BY 1" > actual.txt && diff expected.txt actual.txt && cat actual.txt
> return|3836|9288|-89681249
> sale|20722|531161|1066400327

=== a return neither ships nor goes to APS
$ crm-order ship -d r.db C536379; crm-order export -d r.db -f aps --dry-run | wc -l
> 0
! crm-order: order C536379 is a return: only confirmed, scheduled or partly shipped orders ship
