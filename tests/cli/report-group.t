# crm-report group: a group-by over any stream of records, with exact
# decimal aggregates, checked by hand on a few lines and against sqlite3
# on the UCI Online Retail invoice lines.

=== order lines of two regions over two months
$ printf '%s\n' \
    '{"region":"EU","order_date":"2026-10-30","amount":"120.50","qty":2,"customer":"c1"}' \
    '{"region":"EU","order_date":"2026-11-02","amount":"80.00","qty":1,"customer":"c1"}' \
    '{"region":"US","order_date":"2026-11-03T23:30:00Z","amount":"99.99","qty":3,"customer":"c2"}' \
    '{"region":"EU","order_date":"2026-11-30","amount":"-20.25","qty":-1,"customer":"c3"}' \
    '{"region":"US","order_date":"2026-11-04","amount":"0.01","qty":1}' > lines.jsonl

=== sums exact in the values' places; the mean two places more; median and p90 interpolated
$ crm-report group -b region,order_date:month -a count,sum:amount,mean:amount,median:qty,p90:amount,distinct:customer lines.jsonl
> {"region":"EU","order_date":"2026-10","count":1,"amount_sum":"120.50","amount_mean":"120.50","qty_median":2,"amount_p90":"120.50","customer_distinct":1}
> {"region":"EU","order_date":"2026-11","count":2,"amount_sum":"59.75","amount_mean":"29.875","qty_median":0,"amount_p90":"69.975","customer_distinct":2}
> {"region":"US","order_date":"2026-11","count":2,"amount_sum":"100.00","amount_mean":"50.00","qty_median":2,"amount_p90":"89.992","customer_distinct":1}

=== columns named, keys renamed, periods of ISO weeks (2026 has a week 53)
$ printf '%s\n' '{"d":"2026-12-31","v":1}' '{"d":"2027-01-03","v":2}' '{"d":"2027-01-04","v":4}' | \
    crm-report group -b week=d:week -a total=sum:v,n=count
> {"week":"2026-W53","total":3,"n":2}
> {"week":"2027-W01","total":4,"n":1}

=== no keys: one row, even for no records
$ crm-report group -a count,sum:amount,mean:amount < /dev/null
> {"count":0,"amount_sum":0,"amount_mean":null}

=== keys but no records: no rows
$ crm-report group -b region < /dev/null

=== a table with a bar of the first aggregate
$ crm-report group -b region -a sum:amount,max:qty -f table lines.jsonl
> region  amount_sum  qty_max  bar
> ------  ----------  -------  --------------------
> EU          180.25        2  ████████████████████
> US          100.00        3  ███████████▏

=== CSV, Markdown and TSV
$ crm-report group -b region -a n=count -f csv lines.jsonl | tr -d "\r" && \
    crm-report group -b region -a n=count -f md lines.jsonl && \
    crm-report group -b region -a sum:amount -f tsv lines.jsonl
> region,n
> EU,3
> US,2
> | region |   n |
> | ------ | --: |
> | EU     |   3 |
> | US     |   2 |
> region	amount_sum
> EU	180.25
> US	100.00

=== --fields picks and orders the columns
$ crm-report group -b region -a n=count,sum:qty --fields qty_sum,region lines.jsonl
> {"qty_sum":2,"region":"EU"}
> {"qty_sum":4,"region":"US"}

=== an HTML page: one bar per group; a line per region when a key is a period
$ crm-report group -b region -a sum:amount -f html -o bars.html lines.jsonl && \
    grep -o 'class="bar"' bars.html | wc -l && \
    crm-report group -b region,order_date:month -a sum:amount -f html lines.jsonl | \
    grep -o 'class="line"' | wc -l
> 2
> 2

=== a value that is not a number stops the run, naming the place
$ printf '%s\n' '{"amount":"1.00"}' '{"amount":"12,50"}' | crm-report group -a sum:amount
! crm-report: <stdin>:2: amount: not a number: 12,50
? 65

=== a key that is not a date where a period is asked
$ echo '{"d":"2026-02-30"}' | crm-report group -b d:month
! crm-report: <stdin>:1: d: not a date or an instant: 2026-02-30
? 65

=== --reject sets bad records aside whole; the rest is counted, and the counts add up
$ printf '%s\n' '{"k":"a","v":1}' '{"k":"a","v":"x","w":5}' '{"k":"b","v":2}' 'nope' '{"k":"b","v":3}' | \
    crm-report group -b k -a count,sum:v --reject bad.jsonl && jq -c '[.line, .error]' bad.jsonl
> {"k":"a","count":1,"v_sum":1}
> {"k":"b","count":2,"v_sum":5}
> [2,"<stdin>:2: v: not a number: x"]
> [4,"<stdin>:4: col 1: not a JSON object"]
! crm-report: read 5, accepted 3, rejected 2

=== bad lists are usage errors
$ crm-report group -a avg:amount lines.jsonl
! crm-report: --aggregate: unknown function avg (count, sum, mean, min, max, median, pNN, distinct)
! usage: crm-report group [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [-b KEYS] [-a AGGS] [--title TEXT] [FILE ...]
? 64

=== a period that is not one
$ crm-report group -b order_date:fortnight lines.jsonl
! crm-report: --by order_date: unknown period fortnight (day, week, month, quarter, year)
! usage: crm-report group [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [-b KEYS] [-a AGGS] [--title TEXT] [FILE ...]
? 64

=== a column twice
$ crm-report group -b count lines.jsonl
! crm-report: column count twice: name one with NAME=
! usage: crm-report group [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [-b KEYS] [-a AGGS] [--title TEXT] [FILE ...]
? 64

=== a missing file
$ crm-report group nosuch.jsonl
! crm-report: nosuch.jsonl: No such file or directory
? 66

=== a full disk is an error
$ crm-report group -b region lines.jsonl > /dev/full
! crm-report: <stdout>: No space left on device
? 74

# The Online Retail invoice lines, read from the gzipped CSV as they are:
# per country and month, lines, units, the sum of the unit prices (to
# the tenth of a penny, in thousandths) and distinct customers, the same
# as sqlite3 computes from the raw CSV.

=== every country and month agrees with sqlite3
$ zcat "$DATA/online-retail/online_retail.csv.gz" > retail.csv && \
    sqlite3 -separator ' ' :memory: ".import --csv retail.csv t" \
    "SELECT Country, substr(InvoiceDate, 1, 7), count(*), sum(Quantity), sum(CAST(round(UnitPrice * 1000) AS INTEGER)), count(DISTINCT nullif(CustomerID, '')) FROM t GROUP BY 1, 2 ORDER BY 1, 2" > want.txt && \
    crm-report group -b country,invoice_date:month -a count,sum:quantity,sum:unit_price,distinct:customer_id retail.csv | \
    jq -r '[.country, .invoice_date, .count, .quantity_sum, (.unit_price_sum | split(".") | .[0] + ((.[1] // "") + "000")[0:3] | tonumber), .customer_id_distinct] | map(tostring) | join(" ")' > got.txt && \
    LC_ALL=C sort want.txt | cmp - <(LC_ALL=C sort got.txt) && wc -l < got.txt
> 314
