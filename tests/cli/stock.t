# crm-stock: a dealer's stock from the factory's shipment to the
# customer.  Stock on the way, partial receipts, first in first out
# issues with their cost, moves that keep a lot's age, a stocktake,
# levels as of a past day, ageing, value, delivered units and their
# service plan; strict and --reject input; two processes after the
# same last units.

=== a database: two dealers' order O1 of 10 P1 at 100.00 for dealer C1, P2 and P9 without orders
< {"type":"crm_dump","schema_version":5}
< {"type":"customers","id":"C1","name":"Dealer One","currency":"EUR","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Retail Buyer","currency":"EUR","created_at":"2026-01-01T00:00:00Z"}
< {"type":"products","sku":"P1","name":"Scooter","category":"vehicle","currency":"EUR","active":1}
< {"type":"products","sku":"P2","name":"Helmet","category":"accessory","currency":"EUR","active":1}
< {"type":"products","sku":"P9","name":"Last edition","category":"vehicle","currency":"EUR","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2026-11-02","status":"confirmed","currency":"EUR","subtotal_minor":100000,"total_minor":100000}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"P1","qty":10,"unit_price_minor":10000,"amount_minor":100000}
$ crm-db load -q -d a.db

=== locations are added from records and listed
< {"id":"D1","name":"Dealer One shop","kind":"dealer","region":"East","customer_id":"C1"}
< {"id":"B1","name":"Branch","kind":"branch"}
$ crm-stock locations -d a.db - && crm-stock locations -d a.db -f table
> id  name             kind    region  customer_id
> --  ---------------  ------  ------  -----------
> B1  Branch           branch
> D1  Dealer One shop  dealer  East    C1
! crm-stock: read 2, accepted 2, rejected 0, new 2, updated 0, unchanged 0

=== a location of an unknown customer is refused and nothing is written
< {"id":"W1","kind":"warehouse"}
< {"id":"X1","customer_id":"C404"}
$ crm-stock locations -d a.db -; crm-stock locations -d a.db
> {"id":"B1","name":"Branch","kind":"branch"}
> {"id":"D1","name":"Dealer One shop","kind":"dealer","region":"East","customer_id":"C1"}
! crm-stock: <stdin>:2: customer_id: no such customer C404

=== crm-order ship writes the feed; transit records the lines on the way, with the order line's cost
$ crm-order ship -d a.db O1 --line 1:6 --carrier SF --expected 2026-11-25 --to D1 --at 2026-11-20T08:00:00Z -o t.jsonl && crm-stock transit -d a.db t.jsonl && crm-stock transit -d a.db
> {"shipment_id":"O1-S1","line_no":1,"sku":"P1","location":"D1","carrier":"SF","shipped_on":"2026-11-20","expected_on":"2026-11-25","order_id":"O1","shipped":6,"received":0,"open":6}
! crm-stock: read 1, accepted 1, rejected 0, new 1, updated 0, unchanged 0

=== the same feed again changes nothing; a later expected date is news
$ crm-stock transit -d a.db t.jsonl && sed 's/2026-11-25/2026-11-26/' t.jsonl | crm-stock transit -d a.db - && crm-stock transit -d a.db -f table
> shipment_id  line_no  sku  location  carrier  shipped_on  expected_on  shipped  received  open  days_late
> -----------  -------  ---  --------  -------  ----------  -----------  -------  --------  ----  ---------
> O1-S1              1  P1   D1        SF       2026-11-20  2026-11-26         6         0     6
! crm-stock: read 1, accepted 1, rejected 0, new 0, updated 0, unchanged 1
! crm-stock: read 1, accepted 1, rejected 0, new 0, updated 1, unchanged 0

=== a line seen before with another quantity is refused
$ sed 's/"qty":6/"qty":7/' t.jsonl | crm-stock transit -d a.db -
! crm-stock: <stdin>:1: line_no: shipment O1-S1 line 1 is on the way already as 6 of P1 to D1
? 65

=== --late lists what should have arrived by today
$ crm-stock transit -d a.db --late; CRM_NOW=2026-11-28T08:00:00Z crm-stock transit -d a.db --late -f table
> shipment_id  line_no  sku  location  carrier  shipped_on  expected_on  shipped  received  open  days_late
> -----------  -------  ---  --------  -------  ----------  -----------  -------  --------  ----  ---------
> O1-S1              1  P1   D1        SF       2026-11-20  2026-11-26         6         0     6          2

=== a partial receipt makes a lot dated the day received, handed over by the carrier
< {"shipment_id":"O1-S1","line_no":1,"qty":2,"received_on":"2026-11-21","received_by":"Wang"}
$ crm-stock receive -d a.db -f table && crm-stock transit -d a.db -f table
> lot        sku  qty  location  received_on  unit_cost  currency  serial
> ---------  ---  ---  --------  -----------  ---------  --------  ------
> O1-S1/1/1  P1     2  D1        2026-11-21      100.00  EUR
> shipment_id  line_no  sku  location  carrier  shipped_on  expected_on  shipped  received  open  days_late
> -----------  -------  ---  --------  -------  ----------  -----------  -------  --------  ----  ---------
> O1-S1              1  P1   D1        SF       2026-11-20  2026-11-26         6         2     4
! crm-stock: read 1, accepted 1, rejected 0, lots 1, units 2

=== receiving more than is on the way is refused with the figures, and nothing is written
< {"shipment_id":"O1-S1","qty":5}
$ crm-stock receive -d a.db; crm-stock moves -d a.db -f table
> id  moved_on    kind     location  sku  lot        qty  ref    reason
> --  ----------  -------  --------  ---  ---------  ---  -----  ------
>  1  2026-11-21  receive  D1        P1   O1-S1/1/1    2  O1-S1
! crm-stock: <stdin>:1: qty: 5 received, only 4 of line 1 still on the way (6 shipped, 2 received before)

=== stock from elsewhere (an opening balance) needs its cost; serials make one lot per unit
< {"sku":"P1","qty":3,"location":"D1","unit_cost":"90.00","received_on":"2026-08-01"}
< {"sku":"P2","location":"D1","unit_cost":"25.50","received_on":"2026-10-01","serials":["H-1","H-2"]}
< {"sku":"P9","qty":10,"location":"D1","received_on":"2026-11-01"}
< {"sku":"P9","qty":10,"location":"D1","unit_cost":"500.00","received_on":"2026-11-01"}
$ crm-stock receive -d a.db --reject bad.jsonl -f table && cat bad.jsonl
> lot                 sku  qty  location  received_on  unit_cost  currency  serial
> ------------------  ---  ---  --------  -----------  ---------  --------  ------
> D1/P1/2026-08-01/1  P1     3  D1        2026-08-01       90.00  EUR
> H-1                 P2     1  D1        2026-10-01       25.50  EUR       H-1
> H-2                 P2     1  D1        2026-10-01       25.50  EUR       H-2
> D1/P9/2026-11-01/1  P9    10  D1        2026-11-01      500.00  EUR
> {"file":"<stdin>","line":3,"error":"<stdin>:3: unit_cost: missing (stock received without a shipment needs its cost)","text":"{\"sku\":\"P9\",\"qty\":10,\"location\":\"D1\",\"received_on\":\"2026-11-01\"}"}
! crm-stock: read 4, accepted 3, rejected 1, lots 4, units 15

=== levels: on hand, on the way, reserved and available per location and sku
$ crm-stock levels -d a.db -f table
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P1         5           4         0          5
> D1        P2         2           0         0          2
> D1        P9        10           0         0         10

=== an issue takes the oldest lots first, each with its cost
< {"sku":"P1","qty":4,"location":"D1","customer_id":"C2"}
$ crm-stock issue -d a.db -f table --fields sku,qty,lot,received_on,unit_cost,cost,customer_id,issued_on
> sku  qty  lot                 received_on  unit_cost    cost  customer_id  issued_on
> ---  ---  ------------------  -----------  ---------  ------  -----------  ----------
> P1     3  D1/P1/2026-08-01/1  2026-08-01       90.00  270.00  C2           2026-11-22
> P1     1  O1-S1/1/1           2026-11-21      100.00  100.00  C2           2026-11-22
! crm-stock: read 1, accepted 1, rejected 0, units 4

=== never below zero: the refusal says what is there
< {"sku":"P1","qty":9,"location":"D1"}
$ crm-stock issue -d a.db
! crm-stock: <stdin>:1: qty: 9 wanted, 1 on hand of sku P1 at D1
? 65

=== a serial number issues that unit; --reject sets a bad record aside and the counts add up
< {"serial":"H-2","location":"D1","customer_id":"C2"}
< {"sku":"P2","qty":1,"location":"B1"}
< {"sku":"P404","qty":1,"location":"D1"}
$ crm-stock issue -d a.db --reject bad.jsonl -f table --fields sku,qty,lot,serial,cost && cat bad.jsonl
> sku  qty  lot  serial   cost
> ---  ---  ---  ------  -----
> P2     1  H-2  H-2     25.50
> {"file":"<stdin>","line":2,"error":"<stdin>:2: qty: 1 wanted, 0 on hand of sku P2 at B1","text":"{\"sku\":\"P2\",\"qty\":1,\"location\":\"B1\"}"}
> {"file":"<stdin>","line":3,"error":"<stdin>:3: sku: no such sku P404","text":"{\"sku\":\"P404\",\"qty\":1,\"location\":\"D1\"}"}
! crm-stock: read 3, accepted 1, rejected 2, units 1

=== a move keeps the lot's receipt date
< {"sku":"P1","qty":1,"from":"D1","to":"B1","ref":"T-1"}
$ crm-stock move -d a.db -f table
> sku  qty  from  to  lot        received_on  moved_on
> ---  ---  ----  --  ---------  -----------  ----------
> P1     1  D1    B1  O1-S1/1/1  2026-11-21   2026-11-22
! crm-stock: read 1, accepted 1, rejected 0, units 1

=== a stocktake books a shortage from the oldest lot and a surplus as a new lot at the newest cost
< {"location":"D1","sku":"P2","qty":0,"reason":"damaged"}
< {"location":"B1","sku":"P1","qty":3}
$ crm-stock count -d a.db --on 2026-11-22 -f table && crm-stock levels -d a.db --location B1 -f table
> location  sku  on_hand  counted  difference   value  currency  reason
> --------  ---  -------  -------  ----------  ------  --------  ---------
> D1        P2         1        0          -1  -25.50  EUR       damaged
> B1        P1         1        3           2  200.00  EUR       stocktake
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> B1        P1         3           0         0          3
! crm-stock: read 2, accepted 2, rejected 0, counted 2, adjusted 2, found 2, missing 1

=== a sku counted twice in one stocktake is refused, and the stocktake rolled back
< {"location":"D1","sku":"P1","qty":1}
< {"location":"D1","sku":"P1","qty":2}
$ crm-stock count -d a.db; crm-stock levels -d a.db --sku P1 -f table
> {"location":"D1","sku":"P1","on_hand":0,"counted":1,"difference":1,"value":"100.00","currency":"EUR","reason":"stocktake","counted_on":"2026-11-22"}
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> B1        P1         3           0         0          3
> D1        P1         0           4         0          0
! crm-stock: <stdin>:2: sku: P1 at D1 was counted already in this stocktake

=== --full: what was not counted at a counted location is gone
< {"location":"B1","sku":"P1","qty":3}
$ crm-stock receive -d a.db -q <<< '{"sku":"P2","qty":1,"location":"B1","unit_cost":"20.00"}' && crm-stock count -d a.db --full --reason lost -f table
> {"lot":"B1/P2/2026-11-22/1","sku":"P2","qty":1,"location":"B1","received_on":"2026-11-22","unit_cost":"20.00","currency":"EUR"}
> location  sku  on_hand  counted  difference   value  currency  reason
> --------  ---  -------  -------  ----------  ------  --------  ------
> B1        P1         3        3           0
> B1        P2         1        0          -1  -20.00  EUR       lost
! crm-stock: read 1, accepted 1, rejected 0, counted 2, adjusted 1, found 0, missing 1

=== age by bucket with value, measured at today
$ CRM_SHARE="$SHARE" crm-stock age -d a.db -f table && crm-stock age -d a.db --buckets 7,100 --location D1 -f table
> location  sku  bucket  qty    value  currency
> --------  ---  ------  ---  -------  --------
> B1        P1   0-30      3   300.00  EUR
> D1        P9   0-30     10  5000.00  EUR
> location  sku  bucket  qty    value  currency
> --------  ---  ------  ---  -------  --------
> D1        P9   8-100    10  5000.00  EUR

=== --stale lists the lots older than so many days, oldest first
$ crm-stock age -d a.db --stale 20 -f table
> lot                 sku  location  received_on  age_days  qty    value  currency
> ------------------  ---  --------  -----------  --------  ---  -------  --------
> D1/P9/2026-11-01/1  P9   D1        2026-11-01         21   10  5000.00  EUR

=== FIFO value of what is on hand
$ crm-stock value -d a.db -f table
> location  sku  qty    value  currency
> --------  ---  ---  -------  --------
> B1        P1     3   300.00  EUR
> D1        P9    10  5000.00  EUR

=== levels as of a past day come from the ledger
$ crm-stock levels -d a.db --as-of 2026-10-15 -f table && crm-stock levels -d a.db --as-of 2026-11-20 -f table && crm-stock levels -d a.db --as-of 2026-11-21 --sku P1 -f table
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P1         3           0
> D1        P2         2           0
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P1         3           6
> D1        P2         2           0
> D1        P9        10           0
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P1         5           4

=== an order that names its location reserves stock there until it is issued
< {"id":"R1","customer_id":"C2","order_date":"2026-11-22","location":"D1","lines":[{"sku":"P9","qty":2,"price":"900.00"}]}
$ crm-order create -d a.db -q --no-codes --no-promotions -o /dev/null && crm-stock levels -d a.db --sku P9 -f table
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P9        10           0         2          8

=== an issue by order takes its open lines from the order's location
$ echo '{"order_id":"R1"}' | crm-stock issue -d a.db -f table --fields sku,qty,lot,order_id,line_no,customer_id && crm-stock levels -d a.db --sku P9 -f table && echo '{"order_id":"R1"}' | crm-stock issue -d a.db
> sku  qty  lot                 order_id  line_no  customer_id
> ---  ---  ------------------  --------  -------  -----------
> P9     2  D1/P9/2026-11-01/1  R1              1  C2
> location  sku  on_hand  in_transit  reserved  available
> --------  ---  -------  ----------  --------  ---------
> D1        P9         8           0         0          8
! crm-stock: read 1, accepted 1, rejected 0, units 2
! crm-stock: <stdin>:1: order_id: order R1: nothing left to issue
? 65

=== receiving the rest delivers the shipment for crm-order
$ crm-stock receive -d a.db --shipment O1-S1 --by Li -q -o /dev/null && sqlite3 a.db "SELECT id, status, delivered_on FROM shipments" && crm-db dump -d a.db | grep '"type":"events"' | grep shipment
> O1-S1|delivered|2026-11-22
> {"type":"events","id":1,"entity":"order","entity_id":"O1","at":"2026-11-20T08:00:00Z","actor":"unknown","kind":"shipment","note":"O1-S1"}
> {"type":"events","id":3,"entity":"shipment","entity_id":"O1-S1","at":"2026-11-22T08:00:00Z","actor":"Wang","kind":"received","from_state":"SF","to_state":"D1","note":"2 handed over by SF to Wang"}
> {"type":"events","id":5,"entity":"shipment","entity_id":"O1-S1","at":"2026-11-22T08:00:00Z","actor":"Li","kind":"received","from_state":"SF","to_state":"D1","note":"4 handed over by SF to Li"}

=== units: what went to whom and when
$ crm-stock units -d a.db -f table --fields delivered_on,customer_id,sku,serial,qty,order_id
> delivered_on  customer_id  sku  serial  qty  order_id
> ------------  -----------  ---  ------  ---  --------
> 2026-11-22    C2           P1             3
> 2026-11-22    C2           P1             1
> 2026-11-22    C2           P2   H-2       1
> 2026-11-22    C2           P9             2  R1

=== two processes after the last units: each unit is issued once and stock never goes below zero
$ echo '{"sku":"P9","qty":1,"location":"D1"}' > one.jsonl; \
    for i in $(seq 1 12); do (crm-stock issue -q -d a.db --busy-timeout 20000 one.jsonl -o /dev/null 2>err$i; echo $? > rc$i) & done; wait; \
    cat rc* | sort | uniq -c; cat err* | sort | uniq -c; crm-stock value -d a.db --sku P9; crm-stock moves -d a.db --sku P9 --from 2026-11-22 | grep -c issue
>       8 0
>       4 65
>       4 crm-stock: one.jsonl:1: qty: 1 wanted, 0 on hand of sku P9 at D1
> 9

=== a write to a full disk fails with 74
$ crm-stock levels -d a.db > /dev/full
! crm-stock: <stdout>: No space left on device
? 74

=== crm-db check finds a cache that differs from the ledger
$ crm-db check -d a.db && sqlite3 a.db "UPDATE stock_balances SET qty = qty + 1 WHERE lot_id = 'O1-S1/1/1'" && crm-db check -d a.db
> {"check":"stock_balances","lot_id":"O1-S1/1/1","location_id":"B1","cached":2,"ledger":1,"problem":"cache differs from the ledger"}
! crm-db: a.db: ok
! crm-db: a.db: 1 problem found
? 65
