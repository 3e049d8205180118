# crm-report rfm and value-matrix: customer value.  Scores, recency,
# frequency and money of the CDNOW cohort are checked against sqlite3
# window functions over the same records; the flags against a small set
# worked out by hand.

=== a small set: A buys monthly then stops, B once lately, C once with a return
$ printf '%s\n' \
    '{"customer_id":"A","order_date":"2026-01-10","amount":"10.00","currency":"EUR"}' \
    '{"customer_id":"A","order_date":"2026-02-10","amount":"20.00","currency":"EUR"}' \
    '{"customer_id":"A","order_date":"2026-03-10","amount":"30.00","currency":"EUR"}' \
    '{"customer_id":"B","order_date":"2026-11-01","amount":"5.00","currency":"EUR"}' \
    '{"customer_id":"C","order_date":"2026-10-01","amount":"100.00","currency":"EUR"}' \
    '{"customer_id":"C","order_date":"2026-10-20","amount":"-40.00","currency":"EUR","kind":"return"}' \
    > small.jsonl && crm-report rfm small.jsonl
> {"customer_id":"A","currency":"EUR","last_order":"2026-03-10","recency_days":257,"frequency":3,"monetary":"60.00","r":2,"f":5,"m":4,"rfm":"254","segment":"Cannot lose","lapsed":true,"lapse_after":59,"loyal":true,"loyal_point":2}
> {"customer_id":"B","currency":"EUR","last_order":"2026-11-01","recency_days":21,"frequency":1,"monetary":"5.00","r":5,"f":2,"m":2,"rfm":"522","segment":"Potential loyalist","lapsed":false,"lapse_after":null,"loyal":false,"loyal_point":2}
> {"customer_id":"C","currency":"EUR","last_order":"2026-10-01","recency_days":52,"frequency":1,"monetary":"60.00","r":4,"f":2,"m":4,"rfm":"424","segment":"Potential loyalist","lapsed":false,"lapse_after":null,"loyal":false,"loyal_point":2}

# By hand: 3 customers; R ranks by last order A < C < B: ceil(5*1/3)=2,
# ceil(10/3)=4, 5.  F: B and C tie at 1 (rank 1: 2), A rank 3: 5.  M: B
# 5.00 rank 1: 2; A and C tie at 60.00 (rank 2): 4.  A's gaps 31, 28
# days: median 29.5, lapsed after 59 days, quiet 257.  Of 3 with 1+
# orders 1 goes on (33%); of 1 with 2+ orders 1 goes on (100%): the
# loyalty point is 2.

=== a fixed lapse and a looser loyalty rate
$ crm-report rfm --as-of 2026-04-30 --lapsed-days 60 --loyal-rate 30 --regular 2 small.jsonl | jq -c '[.customer_id, .recency_days, .lapsed, .lapse_after, .loyal, .loyal_point]'
> ["A",51,false,60,true,1]

=== --from and --to take only the orders in between
$ crm-report rfm --from 2026-02-01 --to 2026-10-10 small.jsonl | jq -c '[.customer_id, .frequency, .monetary, .rfm, .lapsed]'
> ["A",2,"50.00","353",false]
> ["C",1,"100.00","535",false]

=== a customer whose orders are all returns in the period has no row
$ crm-report rfm --from 2026-10-15 small.jsonl | jq -c '[.customer_id, .rfm, .loyal_point]'
> ["B","555",null]

=== no input: no rows
$ crm-report rfm - < /dev/null

=== no input in html: a page that says so
$ crm-report rfm -f html /dev/null | grep -c 'No rows'
> 1

=== lines of one order summed by order_id; two currencies are two rows
$ printf '%s\n' \
    '{"order_id":"1","customer_id":"A","order_date":"2026-11-01","amount":"1.25","currency":"EUR"}' \
    '{"order_id":"1","customer_id":"A","order_date":"2026-11-01","amount":"2.50","currency":"EUR"}' \
    '{"order_id":"2","customer_id":"A","order_date":"2026-11-02","amount":"700","currency":"JPY"}' \
    '{"order_id":"3","customer_id":"A","order_date":"2026-11-03","amount":"9.00","currency":"EUR","status":"cancelled"}' \
    | crm-report rfm - | jq -c '[.customer_id, .currency, .frequency, .monetary, .rfm]'
> ["A","EUR",1,"3.75","555"]
> ["A","JPY",1,"700","555"]

=== value matrix with given thresholds
$ crm-report value-matrix --amount-threshold 19.99 --count-threshold 1 small.jsonl | jq -c '[.customer_id, .orders, .average, .quadrant]'
> ["A",3,"20.00","high value, frequent"]
> ["B",1,"5.00","low value, occasional"]
> ["C",1,"60.00","high value, occasional"]

=== value matrix with the medians: average 20.00, orders 1; above them counts
$ crm-report value-matrix -f csv small.jsonl | tr -d '\r'
> customer_id,currency,orders,amount,average,quadrant,amount_threshold,count_threshold,lapsed,lapse_after,loyal,loyal_point
> A,EUR,3,60.00,20.00,"low value, frequent",20.00,1,true,59,true,2
> B,EUR,1,5.00,5.00,"low value, occasional",20.00,1,false,,false,2
> C,EUR,1,60.00,60.00,"high value, occasional",20.00,1,false,,false,2

=== a median between two values stays exact
$ { head -3 small.jsonl; echo '{"customer_id":"B","order_date":"2026-11-01","amount":"5.01","currency":"EUR"}'; } | \
    crm-report value-matrix - | jq -c '[.customer_id, .average, .amount_threshold, .count_threshold, .quadrant]'
> ["A","20.00","12.505",2,"high value, frequent"]
> ["B","5.01","12.505",2,"low value, occasional"]

=== the average is rounded half away from zero to the cent
$ printf '%s\n' \
    '{"customer_id":"X","order_date":"2026-11-01","amount":"0.01","currency":"EUR"}' \
    '{"customer_id":"X","order_date":"2026-11-02","amount":"0.00","currency":"EUR"}' \
    | crm-report value-matrix - | jq -r .average
> 0.01

=== a table has a bar of the money
$ crm-report rfm -f table --fields customer_id,rfm,segment,monetary small.jsonl
> customer_id  rfm  segment             monetary  bar
> -----------  ---  ------------------  --------  --------------------
> A            254  Cannot lose            60.00  ████████████████████
> B            522  Potential loyalist      5.00  █▋
> C            424  Potential loyalist     60.00  ████████████████████

=== markdown
$ crm-report value-matrix -f md --fields customer_id,quadrant small.jsonl
> | customer_id | quadrant               |
> | ----------- | ---------------------- |
> | A           | low value, frequent    |
> | B           | low value, occasional  |
> | C           | high value, occasional |

=== html: the value matrix is a grid of four cells
$ crm-report value-matrix -f html small.jsonl | grep -o 'class="cell"' | wc -l
> 4

=== html: rfm is bars of money per customer
$ crm-report rfm -f html small.jsonl | grep -o 'class="bar"' | wc -l
> 3

=== bad options are usage errors
$ crm-report rfm --regular 0 small.jsonl 2>&1 | head -1; crm-report rfm --as-of 2026-13-01 small.jsonl; echo $?
> crm-report: --regular: not a whole number from 1 to 1000000: 0
! crm-report: --as-of: no such date: 2026-13-01
! usage: crm-report rfm [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--as-of DATE] [--from DATE] [--to DATE] [--regular N] [--lapsed-days DAYS] [--loyal-rate PERCENT] [FILE ...]
> 64

=== a bad amount threshold
$ crm-report value-matrix --amount-threshold 1,5 small.jsonl 2>&1 >/dev/null | head -1
> crm-report: --amount-threshold: not an amount: 1,5

=== an amount threshold finer than the currency
$ crm-report value-matrix --amount-threshold 1.505 small.jsonl
! crm-report: --amount-threshold: 1.505 in EUR: more than 2 decimals
! usage: crm-report value-matrix [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--as-of DATE] [--from DATE] [--to DATE] [--regular N] [--lapsed-days DAYS] [--loyal-rate PERCENT] [--amount-threshold AMOUNT] [--count-threshold N] [FILE ...]
? 64

=== a missing database
$ crm-report rfm -d missing.db
! crm-report: missing.db: no such database (crm-db init creates one)
? 66

=== a bad record stops the run
$ printf '%s\n' \
    '{"customer_id":"A","order_date":"2026-11-01","amount":"1.00","currency":"EUR"}' \
    '{"customer_id":"A","order_date":"2026-11-31","amount":"1.00","currency":"EUR"}' \
    '{"customer_id":"B","order_date":"2026-11-01","amount":"-1.00","currency":"EUR"}' \
    '{"order_date":"2026-11-01","amount":"1.00","currency":"EUR"}' \
    '{"order_id":"7","customer_id":"C","order_date":"2026-11-01","amount":"1.00","currency":"EUR"}' \
    '{"order_id":"7","customer_id":"D","order_date":"2026-11-01","amount":"1.00","currency":"EUR"}' \
    '{"customer_id":"E","order_date":"2026-11-01","amount":"1.001","currency":"EUR"}' \
    > bad.jsonl && crm-report rfm bad.jsonl
! crm-report: bad.jsonl:2: order_date: no such date
? 65

=== --reject sets them aside, and the counts add up
$ crm-report rfm --reject rejected.jsonl bad.jsonl | jq -c '[.customer_id, .frequency]' && jq -r .error rejected.jsonl
> ["A",1]
> bad.jsonl:2: order_date: no such date
> bad.jsonl:3: amount: negative: a return has kind return
> bad.jsonl:4: customer_id: missing
> bad.jsonl:6: customer_id: differs from the order's first line
> bad.jsonl:6: customer_id: differs from the order's first line
> bad.jsonl:7: amount: more than 2 decimals
! crm-report: read 7, accepted 1, rejected 6

=== CDNOW purchases as order records: 69,659 of them
$ gzip -dc "$DATA/cdnow/CDNOW_master.txt.gz" | \
    awk 'NR > 1 { sub(/\r$/, ""); printf "{\"customer_id\":\"%s\",\"order_date\":\"%s-%s-%s\",\"amount\":\"%s\",\"currency\":\"USD\"}\n", $1, substr($2, 1, 4), substr($2, 5, 2), substr($2, 7, 2), $4 }' \
    > cdnow.jsonl && wc -l < cdnow.jsonl
> 69659

=== recency, frequency, money and the three quintile scores of all 23,570 customers, as sqlite3's rank() gives them
$ crm-report rfm --as-of 1998-07-01 cdnow.jsonl | jq -r '[.customer_id, .recency_days, .frequency, .monetary, .r, .f, .m] | join("|")' > actual.txt && \
    jq -r '[.customer_id, .order_date, .amount] | @tsv' cdnow.jsonl > o.tsv && \
    sqlite3 :memory: "CREATE TABLE o(c TEXT, d TEXT, a TEXT);" ".mode tabs" ".import o.tsv o" ".mode list" \
    "WITH c AS (SELECT c, max(d) AS last, CAST(julianday('1998-07-01') - julianday(max(d)) AS INTEGER) AS rec, count(*) AS f, \
    sum(CAST(round(CAST(a AS REAL) * 100) AS INTEGER)) AS m FROM o GROUP BY c), n AS (SELECT count(*) AS n FROM c) \
    SELECT c, rec, f, printf('%d.%02d', m / 100, m % 100), (5 * rank() OVER (ORDER BY last) + n - 1) / n, \
    (5 * rank() OVER (ORDER BY f) + n - 1) / n, (5 * rank() OVER (ORDER BY m) + n - 1) / n FROM c, n ORDER BY c" > expected.txt && \
    diff expected.txt actual.txt && wc -l < actual.txt && cut -d'|' -f5-7 actual.txt | sort | uniq -c | sort -rn | head -3 | sed 's/^ *//'
> 23570
> 2355 5|5|5
> 1740 1|1|1
> 1622 2|1|1

=== every CDNOW customer has a segment; ties at the border: the 11,908 one-time buyers all score F 1
$ crm-report rfm --as-of 1998-07-01 cdnow.jsonl | jq -r 'select(.frequency == 1) | .f' | sort | uniq -c | sed 's/^ *//'
> 11908 1

=== the value matrix of CDNOW with the median thresholds, as sqlite3 computes them
$ crm-report value-matrix --as-of 1998-07-01 cdnow.jsonl | jq -r '[.quadrant, .amount_threshold, .count_threshold] | join("|")' | sort | uniq -c | sed 's/^ *//' > actual.txt && \
    sqlite3 :memory: "CREATE TABLE o(c TEXT, d TEXT, a TEXT);" ".mode tabs" ".import o.tsv o" ".mode list" \
    "CREATE TABLE c AS SELECT c, count(*) AS f, (2 * sum(CAST(round(CAST(a AS REAL) * 100) AS INTEGER)) + count(*)) / (2 * count(*)) AS avg FROM o GROUP BY c;" \
    "CREATE TABLE med AS SELECT (SELECT avg(avg) FROM (SELECT avg FROM c ORDER BY avg LIMIT 2 - (SELECT count(*) FROM c) % 2 OFFSET ((SELECT count(*) FROM c) - 1) / 2)) AS ma, \
    (SELECT avg(f) FROM (SELECT f FROM c ORDER BY f LIMIT 2 - (SELECT count(*) FROM c) % 2 OFFSET ((SELECT count(*) FROM c) - 1) / 2)) AS mf;" \
    "SELECT CASE WHEN avg > ma THEN 'high' ELSE 'low' END || ' value, ' || CASE WHEN f > mf THEN 'frequent' ELSE 'occasional' END, count(*), ma, mf FROM c, med GROUP BY 1" && \
    cat actual.txt
> high value, frequent|6660|2499.0|1.0
> high value, occasional|5068|2499.0|1.0
> low value, frequent|5002|2499.0|1.0
> low value, occasional|6840|2499.0|1.0
> 6660 high value, frequent|24.99|1
> 5068 high value, occasional|24.99|1
> 5002 low value, frequent|24.99|1
> 6840 low value, occasional|24.99|1

=== UCI Online Retail loaded as orders (the commands of retail.t)
$ crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | \
    jq -c '{order_id: .invoice_no, customer_id: (if (.customer_id // "") == "" then "guest" else .customer_id end), order_date: .invoice_date[0:10], currency: "GBP", sku: .stock_code, qty: .quantity, price: .unit_price, region: .country} + (if .invoice_no[0:1] == "C" then {kind: "return"} else {} end)' | \
    sort -s -t, -k1,1 > lines.jsonl && { echo '{"type":"crm_dump","schema_version":3}'; \
    jq -r .customer_id lines.jsonl | sort -u | jq -R -c '{type: "customers", id: ., name: ("Customer " + .), currency: "GBP", created_at: "2010-12-01T00:00:00Z"}'; \
    crm-rec cat "$DATA/online-retail/online_retail.csv.gz" | jq -r '[.stock_code, .description // ""] | @tsv' | sort -s -t "$(printf '\t')" -k1,1 -u | \
    jq -R -c 'split("\t") | {type: "products", sku: .[0], name: (if .[1] == "" then .[0] else .[1] end), active: 1}'; } | crm-db load -q -d r.db && \
    CRM_SHARE="$SHARE" crm-order create -q -d r.db --reject rejected.jsonl lines.jsonl | wc -l
> 24558

=== frequency (sales), money (sales less returns) and recency per customer from the database, as sqlite3 sums the orders
$ crm-report rfm -d r.db --as-of 2011-12-10 | jq -r '[.customer_id, .frequency, .monetary, .recency_days] | join("|")' > actual.txt && \
    sqlite3 r.db "SELECT customer_id, sum(coalesce(kind, 'sale') <> 'return'), printf('%s%d.%02d', CASE WHEN sum(total_minor) < 0 THEN '-' ELSE '' END, \
    abs(sum(total_minor)) / 100, abs(sum(total_minor)) % 100), CAST(julianday('2011-12-10') - julianday(max(CASE WHEN coalesce(kind, 'sale') <> 'return' \
    THEN order_date END)) AS INTEGER) FROM orders WHERE status NOT IN ('cancelled', 'draft') GROUP BY customer_id \
    HAVING sum(coalesce(kind, 'sale') <> 'return') > 0 ORDER BY customer_id" > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt
> 4339
