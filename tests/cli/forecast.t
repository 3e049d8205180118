# crm-forecast: forecasts of series, hand-checked on tiny ones and run on
# the airline passengers; bad input strict or set aside; the hierarchy's
# sums; adjustments, the weekly plan over a 53-week year; backtests.

=== a tiny series of points per key
$ printf '%s\n' \
    '{"s":"a","period":"2026-01","value":1}' \
    '{"s":"a","period":"2026-02","value":3}' \
    '{"s":"a","period":"2026-03","value":2}' \
    '{"s":"b","period":"2026-02","value":5}' > tiny.jsonl

# naive: the last value; sigma the root mean square of the one-step
# changes (a: 2, -1: sqrt(2.5) = 1.5811; b: 5, then March's missing 0:
# -5), the 80 % bound 1.28155 sigma sqrt(h) away, below 0 floored.
=== naive, by hand: 2 +- 2.026 and +- 2.866, b's missing March is 0
$ crm-forecast run -b s -m naive -H 2 --level 80 tiny.jsonl
> {"s":"a","period":"2026-04","forecast":2,"lo80":0,"hi80":4.026,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
> {"s":"a","period":"2026-05","forecast":2,"lo80":0,"hi80":4.866,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
> {"s":"b","period":"2026-04","forecast":0,"lo80":0,"hi80":6.408,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
> {"s":"b","period":"2026-05","forecast":0,"lo80":0,"hi80":9.062,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}

# Independent series (M3's, say) end at their own last record: a's
# forecast starts in April, c's (ending with a 0 in June) in July,
# instead of both after the last period of any record.
=== --own-ends: each series forecast from its own end
$ printf '%s\n' '{"s":"c","period":"2021-05","value":5}' \
    '{"s":"c","period":"2021-06","value":0}' | grep -hv '"b"' tiny.jsonl - | \
    crm-forecast run -b s -m naive -H 1 --level 80 --own-ends
> {"s":"a","period":"2026-04","forecast":2,"lo80":0,"hi80":4.026,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
> {"s":"c","period":"2021-07","forecast":0,"lo80":0,"hi80":6.408,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}

=== --own-ends cannot be reconciled: the hierarchy needs one end
$ crm-forecast run -b s,r --own-ends --hierarchy top-down tiny.jsonl 2> err; \
    echo "exit $?"; head -n 1 err
> exit 64
> crm-forecast: --hierarchy: the series must share their end, not --own-ends

=== --allow-negative keeps the bounds below zero
$ crm-forecast run -b s -m naive -H 1 --level 80 --allow-negative tiny.jsonl
> {"s":"a","period":"2026-04","forecast":2,"lo80":-0.026,"hi80":4.026,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
> {"s":"b","period":"2026-04","forecast":0,"lo80":-6.408,"hi80":6.408,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}

# snaive, season 2, on 1 2 3 4: the errors y3-y1, y4-y2 are 2 and 2, so
# sigma 2; two seasons ahead sigma sqrt(2).
=== seasonal naive, by hand: 3, 4, 3 with 3 +- 2.563 and 3 +- 3.625
$ printf '%s\n' '{"period":"2026-01","value":1}' '{"period":"2026-02","value":2}' \
    '{"period":"2026-03","value":3}' '{"period":"2026-04","value":4}' | \
    crm-forecast run -m snaive --season 2 -H 3 --level 80,95
> {"period":"2026-05","forecast":3,"lo80":0.437,"hi80":5.563,"lo95":0,"hi95":6.92,"method":"snaive","params":{"season":2},"intervals":"residual-based: seasonal random walk, sigma sqrt(seasons ahead)","note":null}
> {"period":"2026-06","forecast":4,"lo80":1.437,"hi80":6.563,"lo95":0.08,"hi95":7.92,"method":"snaive","params":{"season":2},"intervals":"residual-based: seasonal random walk, sigma sqrt(seasons ahead)","note":null}
> {"period":"2026-07","forecast":3,"lo80":0,"hi80":6.625,"lo95":0,"hi95":8.544,"method":"snaive","params":{"season":2},"intervals":"residual-based: seasonal random walk, sigma sqrt(seasons ahead)","note":null}

=== transactions: summed per month, a return nets against its month's sales
$ printf '%s\n' '{"d":"2026-01-05","qty":5}' '{"d":"2026-01-20","qty":-2}' \
    '{"d":"2026-02-03T10:00:00Z","qty":"4.5"}' | \
    crm-forecast run --date d --value qty -m naive -H 1 --level 80 -v
> {"period":"2026-03","forecast":4.5,"lo80":2.578,"hi80":6.422,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}
! crm-forecast: read 3, accepted 3, rejected 0, series 1, forecast 1, fallbacks 0

=== a series of returns only forecasts 0, not less
$ printf '%s\n' '{"period":"2026-01","value":-3}' '{"period":"2026-02","value":-4}' | \
    crm-forecast run -m naive -H 1 --level 80
> {"period":"2026-03","forecast":0,"lo80":0,"hi80":0,"method":"naive","params":{},"intervals":"residual-based: random walk, sigma sqrt(h)","note":null}

=== too short for the method: a simpler one, said in the note
$ crm-forecast run -b s -m hw-add -H 1 --level 80 --fields s,period,forecast,method,note tiny.jsonl
> {"s":"a","period":"2026-04","forecast":2,"method":"ses","note":"3 points: too short for hw-add, fell back to ses"}
> {"s":"b","period":"2026-04","forecast":0,"method":"naive","note":"2 points: too short for hw-add, fell back to naive"}

=== a key that never sold forecasts zeros
$ printf '%s\n' '{"s":"z","period":"2026-01","value":0}' | crm-forecast run -b s -H 1 --level 80
> {"s":"z","period":"2026-02","forecast":0,"lo80":0,"hi80":0,"method":"naive","params":{},"intervals":"none: every value is zero","note":"no sales in the history: zeros"}

=== --to ends the history: later records are left out
$ crm-forecast run -b s -m naive -H 1 --to 2026-02-10 --fields s,period,forecast tiny.jsonl
> {"s":"a","period":"2026-03","forecast":3}
> {"s":"b","period":"2026-03","forecast":5}

=== an empty input writes nothing
$ crm-forecast run -b s < /dev/null

=== a value that is not a number stops the run, nothing written
$ printf '%s\n' '{"s":"a","period":"2026-01","value":1}' '{"s":"a","period":"2026-02","value":"x"}' | \
    crm-forecast run -b s
! crm-forecast: <stdin>:2: value: not a number: x
? 65

=== a period given twice
$ printf '%s\n' '{"s":"a","period":"2026-01","value":1}' '{"s":"a","period":"2026-01","value":2}' | \
    crm-forecast run -b s
! crm-forecast: <stdin>:2: period 2026-01 given twice
? 65

=== unknown period keys: not in the calendar, or of another kind
$ printf '%s\n' '{"s":"a","period":"2026-13","value":1}' | crm-forecast run -b s
! crm-forecast: <stdin>:1: period: no such month: 2026-13
? 65

=== 2025 has 52 ISO weeks
$ printf '%s\n' '{"s":"a","period":"2025-W53","value":1}' | crm-forecast run -b s --period week
! crm-forecast: <stdin>:1: period: no such week: 2025-W53
? 65

=== a week key where months are read
$ printf '%s\n' '{"s":"a","period":"2026-W05","value":1}' | crm-forecast run -b s
! crm-forecast: <stdin>:1: period: not a month (YYYY-MM): 2026-W05
? 65

=== a key field missing
$ printf '%s\n' '{"period":"2026-01","value":1}' | crm-forecast run -b s
! crm-forecast: <stdin>:1: s: missing
? 65

=== --reject sets bad records aside; read = accepted + rejected
$ printf '%s\n' '{"s":"a","period":"2026-01","value":1}' \
    '{"s":"b","period":"2026-01","value":"x"}' '{"period":"2026-02","value":1}' \
    '{"s":"a","period":"2026-02","value":-1.5}' | \
    crm-forecast run -b s -m naive -H 1 --level 80 --reject rej.jsonl --fields s,period,forecast,hi80 && \
    jq -c '[.line, .error]' rej.jsonl
> {"s":"a","period":"2026-03","forecast":0,"hi80":1.704}
> [2,"<stdin>:2: value: not a number: x"]
> [3,"<stdin>:3: s: missing"]
! crm-forecast: read 4, accepted 2, rejected 2, series 1, forecast 1, fallbacks 0

=== usage errors
$ crm-forecast run -m nope < /dev/null 2>&1 | head -n 1; \
    crm-forecast run --period year < /dev/null 2>&1 | head -n 1; \
    crm-forecast run --level 100 < /dev/null 2>&1 | head -n 1; \
    crm-forecast run --hierarchy bottom-up -b s < /dev/null 2>&1 | head -n 1; \
    crm-forecast run -H 0 < /dev/null 2>&1 | head -n 1; \
    crm-forecast plan --weeks 12x < /dev/null 2>&1 | head -n 1; \
    crm-forecast accuracy --origins 1001 < /dev/null 2>&1 | head -n 1
> crm-forecast: --methods: unknown forecast method: nope
> crm-forecast: --period: not one of day, week, month, quarter: year
> crm-forecast: --level: not a percentage strictly between 0 and 100: 100
> crm-forecast: --hierarchy: --by names the product and the region field: PRODUCT,REGION
> crm-forecast: --horizon: not a whole number from 1 to 10000: 0
> crm-forecast: --weeks: not a whole number from 1 to 520: 12x
> crm-forecast: --origins: not a whole number from 1 to 1000: 1001

=== a full disk is an I/O error
$ crm-forecast run -b s -m naive tiny.jsonl > /dev/full
! crm-forecast: <stdout>: No space left on device
? 74

=== the airline passengers, Box and Jenkins: Holt-Winters multiplicative
$ sed '1s/.*/period,value/' "$DATA/airpassengers/airpassengers.csv" | \
    crm-forecast run -i csv -m hw-mul -H 3 --level 95 --fields period,forecast,lo95,hi95,method
> {"period":"1961-01","forecast":447.157,"lo95":411.816,"hi95":482.499,"method":"hw-mul"}
> {"period":"1961-02","forecast":421.893,"lo95":386.697,"hi95":458.213,"method":"hw-mul"}
> {"period":"1961-03","forecast":476.31,"lo95":434.49,"hi95":519.177,"method":"hw-mul"}

=== the airline passengers: auto picks a damped multiplicative season
$ sed '1s/.*/period,value/' "$DATA/airpassengers/airpassengers.csv" | \
    crm-forecast run -i csv -H 1 --fields period,forecast,method,params
> {"period":"1961-01","forecast":445.15,"method":"hw-mul-damped","params":{"alpha":0.3388,"beta":0.0252,"gamma":0.4754,"phi":0.98,"season":12}}

=== hierarchy: a product x region history
$ printf '%s\n' \
    '{"sku":"A","region":"N","period":"2026-01","value":10}' \
    '{"sku":"A","region":"N","period":"2026-02","value":11}' \
    '{"sku":"A","region":"S","period":"2026-01","value":4}' \
    '{"sku":"A","region":"S","period":"2026-02","value":7}' \
    '{"sku":"B","region":"N","period":"2026-01","value":1}' \
    '{"sku":"B","region":"N","period":"2026-02","value":2.5}' > h.jsonl

=== bottom up: products, regions and the total are the sums of the cells
$ crm-forecast run -b sku,region -m naive -H 1 --hierarchy bottom-up h.jsonl
> {"level":"total","sku":null,"region":null,"period":"2026-03","forecast":20.500}
> {"level":"product","sku":"A","region":null,"period":"2026-03","forecast":18.000}
> {"level":"cell","sku":"A","region":"N","period":"2026-03","forecast":11.000}
> {"level":"cell","sku":"A","region":"S","period":"2026-03","forecast":7.000}
> {"level":"product","sku":"B","region":null,"period":"2026-03","forecast":2.500}
> {"level":"cell","sku":"B","region":"N","period":"2026-03","forecast":2.500}
> {"level":"region","sku":null,"region":"N","period":"2026-03","forecast":13.500}
> {"level":"region","sku":null,"region":"S","period":"2026-03","forecast":7.000}

# A's last season (2 periods): N 21, S 11, so 18 x 21/32 = 11.8125 and
# 6.1875; rounded to 3 places the tie goes up to N, the first.
=== top down: each product's forecast split by its regions' history
$ crm-forecast run -b sku,region -m naive -H 1 --season 2 --hierarchy top-down h.jsonl
> {"level":"total","sku":null,"region":null,"period":"2026-03","forecast":20.500}
> {"level":"product","sku":"A","region":null,"period":"2026-03","forecast":18.000}
> {"level":"cell","sku":"A","region":"N","period":"2026-03","forecast":11.813}
> {"level":"cell","sku":"A","region":"S","period":"2026-03","forecast":6.187}
> {"level":"product","sku":"B","region":null,"period":"2026-03","forecast":2.500}
> {"level":"cell","sku":"B","region":"N","period":"2026-03","forecast":2.500}
> {"level":"region","sku":null,"region":"N","period":"2026-03","forecast":14.313}
> {"level":"region","sku":null,"region":"S","period":"2026-03","forecast":6.187}

# Every level's figures add up to the total in each of the 4 periods
# (one distinct sum per period), and there are 6 products.
=== the sums hold on every level for many keys and periods
$ for i in $(seq 1 6); do for r in N S E; do for m in 01 02 03 04 05 06 07 08; do \
      echo "{\"sku\":\"P$i\",\"region\":\"$r\",\"period\":\"2026-$m\",\"value\":$(( (i * 7 + ${#r} * 3 + 10#$m * 5) % 13 + 1 ))}"; \
    done; done; done | crm-forecast run -b sku,region -m ses -H 4 --hierarchy bottom-up > hb.jsonl && \
    jq -s -c 'group_by(.period) | map(. as $p | ["total", "product", "region", "cell"] | map(. as $l | [$p[] | select(.level == $l) | .forecast * 1000 | round] | add)) | map(unique | length), length' hb.jsonl && \
    jq -s -c '[.[] | select(.level == "product" and .period == "2026-09") | .forecast] | length' hb.jsonl
> [1,1,1,1]
> 4
> 6

# The database's history: orders O1 (January: A 2, B 1), O2 (February:
# A 4) and O3 (March: A 3, B 2); O4 is cancelled, no sale.  S1 delivers
# O1 on 2026-02-02, S2 O2 on 2026-03-01; S3 is on its way.
=== a database of orders and deliveries
$ crm-db load -d f.db
< {"type":"crm_dump","schema_version":5}
< {"type":"customers","id":"C1","name":"One","created_at":"2025-01-01T00:00:00Z"}
< {"type":"products","sku":"A","name":"A","active":1}
< {"type":"products","sku":"B","name":"B","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2026-01-10","status":"closed","currency":"EUR","region":"N"}
< {"type":"orders","id":"O2","customer_id":"C1","order_date":"2026-02-15","status":"delivered","currency":"EUR","region":"S"}
< {"type":"orders","id":"O3","customer_id":"C1","order_date":"2026-03-03","status":"shipped","currency":"EUR","region":"N"}
< {"type":"orders","id":"O4","customer_id":"C1","order_date":"2026-03-20","status":"cancelled","currency":"EUR","region":"N"}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"A","qty":2,"unit_price_minor":100,"amount_minor":200}
< {"type":"order_lines","order_id":"O1","line_no":2,"sku":"B","qty":1,"unit_price_minor":100,"amount_minor":100}
< {"type":"order_lines","order_id":"O2","line_no":1,"sku":"A","qty":4,"unit_price_minor":100,"amount_minor":400}
< {"type":"order_lines","order_id":"O3","line_no":1,"sku":"A","qty":3,"unit_price_minor":100,"amount_minor":300}
< {"type":"order_lines","order_id":"O3","line_no":2,"sku":"B","qty":2,"unit_price_minor":100,"amount_minor":200}
< {"type":"order_lines","order_id":"O4","line_no":1,"sku":"A","qty":9,"unit_price_minor":100,"amount_minor":900}
< {"type":"shipments","id":"S1","order_id":"O1","shipped_at":"2026-01-30T08:00:00Z","status":"delivered","delivered_on":"2026-02-02"}
< {"type":"shipments","id":"S2","order_id":"O2","shipped_at":"2026-02-27T08:00:00Z","status":"delivered","delivered_on":"2026-03-01"}
< {"type":"shipments","id":"S3","order_id":"O3","shipped_at":"2026-03-10T08:00:00Z","status":"shipped"}
< {"type":"shipment_lines","shipment_id":"S1","order_id":"O1","line_no":1,"qty":2}
< {"type":"shipment_lines","shipment_id":"S1","order_id":"O1","line_no":2,"qty":1}
< {"type":"shipment_lines","shipment_id":"S2","order_id":"O2","line_no":1,"qty":4}
< {"type":"shipment_lines","shipment_id":"S3","order_id":"O3","line_no":1,"qty":3}
! crm-db: read 21, accepted 21, rejected 0

# Orders: A 2 4 3, B 1 0 2; naive, the one-step changes 2, -1 and -1, 2
# give sigma sqrt(2.5) = 1.5811 for both, 80 %: +- 2.026.
=== --by sku, the planners' name of the product: the orders' history
$ crm-forecast run -d f.db --source orders --by sku -m naive -H 1 --level 80 --fields sku,period,forecast,lo80,hi80
> {"sku":"A","period":"2026-04","forecast":3,"lo80":0.974,"hi80":5.026}
> {"sku":"B","period":"2026-04","forecast":2,"lo80":0,"hi80":4.026}

# Deliveries: A 2 (February) 4 (March): sigma 2, +- 2.563; B 1 0: sigma
# 1, +- 1.282.
=== --by sku: the deliveries' history
$ crm-forecast run -d f.db --source deliveries --by sku -m naive -H 1 --level 80 --fields sku,period,forecast,lo80,hi80
> {"sku":"A","period":"2026-04","forecast":4,"lo80":1.437,"hi80":6.563}
> {"sku":"B","period":"2026-04","forecast":0,"lo80":0,"hi80":1.282}

=== adjust: the adjustments file of crm-forecast-adjust(5)
$ printf '%s\n' \
    '{"sku":"A","region":"North","period":"2026-11","op":"set","value":"150","author":"li","reason":"trade fair order"}' \
    '{"sku":"A","region":"North","period":"2026-11","op":"add","value":10,"author":"wang","reason":"dealer stock-up"}' \
    '{"sku":"A","region":"North","period":"2026-11","op":"multiply","value":1.50,"author":"li","reason":"promotion"}' \
    > adj.jsonl && printf '%s\n' \
    '{"sku":"A","region":"North","period":"2026-11","forecast":100,"lo80":80,"hi80":120,"method":"ses"}' \
    '{"sku":"A","region":"North","period":"2026-12","forecast":90,"lo80":70,"hi80":110,"method":"ses"}' \
    > rows.jsonl

=== statistical -> set 150 -> add 10 -> multiply 1.5 = 240; the bounds follow
$ crm-forecast adjust adj.jsonl rows.jsonl -v
> {"sku":"A","region":"North","period":"2026-11","forecast":240,"lo80":210,"hi80":270,"method":"ses","statistical":100,"adjustments":[{"op":"set","value":"150","after":150,"author":"li","reason":"trade fair order"},{"op":"add","value":"10","after":160,"author":"wang","reason":"dealer stock-up"},{"op":"multiply","value":"1.50","after":240,"author":"li","reason":"promotion"}]}
> {"sku":"A","region":"North","period":"2026-12","forecast":90,"lo80":70,"hi80":110,"method":"ses","statistical":90,"adjustments":[]}
! crm-forecast: read 2, accepted 2, rejected 0, adjustments 3

=== an adjustment of a row that is not there stops the run, nothing written
$ echo '{"sku":"A","region":"South","period":"2026-11","op":"add","value":1,"author":"li","reason":"x"}' > bad.jsonl && \
    crm-forecast adjust bad.jsonl rows.jsonl
! crm-forecast: bad.jsonl:1: sku: no forecast for sku "A", region "South"
? 65

=== adjust needs its FILE
$ crm-forecast adjust < rows.jsonl
! crm-forecast: the adjustments FILE is needed
! usage: crm-forecast adjust [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [-b KEYS] [--allow-negative] FILE [FILE ...]
? 64

# November's 240 spread over its 30 days: 8 a day; December's 90 over 31
# days: W49 6 days 17.42, W50-W52 20.32, W53 4 days 11.61, by largest
# remainder 18, 20, 20, 20, 12.  2026 has 53 ISO weeks.
=== plan: the weekly plan from adjusted rows, over 2026-W53
$ crm-forecast adjust adj.jsonl rows.jsonl | crm-forecast plan --weeks 11 -f csv
> sku,plant,week,week_start,week_end,qty,source,days
> A,,2026-W44,2026-10-26,2026-11-01,8,2026-11,1
> A,,2026-W45,2026-11-02,2026-11-08,56,2026-11,7
> A,,2026-W46,2026-11-09,2026-11-15,56,2026-11,7
> A,,2026-W47,2026-11-16,2026-11-22,56,2026-11,7
> A,,2026-W48,2026-11-23,2026-11-29,56,2026-11,7
> A,,2026-W49,2026-11-30,2026-12-06,26,2026-11..2026-12,7
> A,,2026-W50,2026-12-07,2026-12-13,20,2026-12,7
> A,,2026-W51,2026-12-14,2026-12-20,20,2026-12,7
> A,,2026-W52,2026-12-21,2026-12-27,20,2026-12,7
> A,,2026-W53,2026-12-28,2027-01-03,12,2026-12,4
! crm-forecast: sku "A": the forecast ends on 2026-12-31 (2026-W53): the plan stops there, 10 of 11 weeks

=== plan: a plan that stops early says so
$ crm-forecast adjust adj.jsonl rows.jsonl | crm-forecast plan --from 2026-W52 --weeks 4
> {"sku":"A","week":"2026-W52","week_start":"2026-12-21","week_end":"2026-12-27","qty":20,"source":"2026-12","days":7}
> {"sku":"A","week":"2026-W53","week_start":"2026-12-28","week_end":"2027-01-03","qty":12,"source":"2026-12","days":4}
! crm-forecast: sku "A": the forecast ends on 2026-12-31 (2026-W53): the plan stops there, 2 of 4 weeks

=== plan: weeks forecast by run, per sku and plant
$ printf '%s\n' '{"sku":"X","plant":"P1","period":"2026-W51","value":3}' \
    '{"sku":"X","plant":"P1","period":"2026-W52","value":5}' | \
    crm-forecast run -b sku,plant --period week -m naive -H 3 | crm-forecast plan --weeks 3
> {"sku":"X","plant":"P1","week":"2026-W53","week_start":"2026-12-28","week_end":"2027-01-03","qty":5,"source":"2026-W53","days":7}
> {"sku":"X","plant":"P1","week":"2027-W01","week_start":"2027-01-04","week_end":"2027-01-10","qty":5,"source":"2027-W01","days":7}
> {"sku":"X","plant":"P1","week":"2027-W02","week_start":"2027-01-11","week_end":"2027-01-17","qty":5,"source":"2027-W02","days":7}

# naive, one period ahead from origins 3 and 4 of 5 7 6 8 7: forecasts 6
# and 8 for 8 and 7, errors 2 and -1: MAE 1.5, RMSE sqrt(2.5), MAPE
# (25 + 14.2857) / 2, sMAPE (28.5714 + 13.3333) / 2, MASE 1.5 / the
# naive scale of 5 7 6 (1.5), WAPE 3/15, bias -0.5.
=== accuracy by hand
$ printf '%s\n' '{"period":"2026-01","value":5}' '{"period":"2026-02","value":7}' \
    '{"period":"2026-03","value":6}' '{"period":"2026-04","value":8}' \
    '{"period":"2026-05","value":7}' | \
    crm-forecast accuracy -H 1 --origins 2 --season 1 -m naive,ses
> {"method":"naive","nseries":1,"n":2,"mae":1.5,"rmse":1.5811,"mape":19.6429,"smape":20.9524,"mase":1,"wape":0.2,"bias":-0.5,"note":null}
> {"method":"ses","nseries":1,"n":2,"mae":1.25,"rmse":1.4576,"mape":16.0721,"smape":17.9896,"mase":0.8333,"wape":0.1667,"bias":-1.25,"note":null}
> {"method":"naive","nseries":1,"n":2,"mae":1.5,"rmse":1.5811,"mape":19.6429,"smape":20.9524,"mase":1,"wape":0.2,"bias":-0.5,"note":"overall: the mean over the series"}
> {"method":"ses","nseries":1,"n":2,"mae":1.25,"rmse":1.4576,"mape":16.0721,"smape":17.9896,"mase":0.8333,"wape":0.1667,"bias":-1.25,"note":"overall: the mean over the series"}

=== accuracy: a series too short for the origins is noted, not scored
$ crm-forecast accuracy -b s -H 2 --origins 2 -m naive tiny.jsonl
> {"s":"a","method":"naive","nseries":1,"n":0,"mae":null,"rmse":null,"mape":null,"smape":null,"mase":null,"wape":null,"bias":null,"note":"too short: 3 periods, 2 origins of 2 need 5"}
> {"s":"b","method":"naive","nseries":1,"n":0,"mae":null,"rmse":null,"mape":null,"smape":null,"mase":null,"wape":null,"bias":null,"note":"too short: 2 periods, 2 origins of 2 need 5"}
> {"s":null,"method":"naive","nseries":0,"n":0,"mae":null,"rmse":null,"mape":null,"smape":null,"mase":null,"wape":null,"bias":null,"note":"overall: the mean over the series"}

=== accuracy on the airline passengers, a year ahead from three origins
$ sed '1s/.*/period,value/' "$DATA/airpassengers/airpassengers.csv" | \
    crm-forecast accuracy -i csv -H 12 --origins 3 -m snaive,hw-mul,auto | \
    jq -c 'select(.note == null) | [.method, .mae, .smape, .mase]'
> ["snaive",50.7778,11.4547,1.6955]
> ["hw-mul",15.6762,3.479,0.5234]
> ["auto",26.4069,5.4017,0.8817]

# The seasonal naive errors computed apart: origins 130, 131, 132 (0-based)
# of the 144 months, 12 ahead: |y[t] - y[t - 12]|.
=== accuracy: snaive's MAE on the airline passengers, computed by awk
$ sed 1d "$DATA/airpassengers/airpassengers.csv" | cut -d, -f2 | \
    awk '{ y[NR - 1] = $1 } END { for (o = 130; o <= 132; o++) for (j = 0; j < 12; j++) { \
      e = y[o + j] - y[o + j - 12]; s += e < 0 ? -e : e; n++ } printf "%.4f\n", s / n }'
> 50.7778

