# crm-order create: promotions from a rule file, granted once per
# purchase, and order codes for the lines the factory makes.

=== the demo catalog and two customers of tiers A and B
< {"type":"customers","id":"K1","name":"Kunlun Motors","currency":"CNY","tier":"A","created_at":"2025-06-01T00:00:00Z"}
< {"type":"customers","id":"K2","name":"Qinling Cars","currency":"CNY","tier":"B","created_at":"2026-06-01T00:00:00Z"}
$ cat "$SHARE/samples/demo.jsonl" - | crm-db load -q -d p.db

=== buy 3 get 1: seven mats bought, two more free, on a line of their own
< {"order_id":"P1","customer_id":"K1","order_date":"2026-11-10","sku":"ACC-MAT-01","qty":7}
$ CRM_SHARE="$SHARE" crm-order create -d p.db && crm-order show -d p.db P1 | jq -c '(.lines[] | [.sku, .qty, .unit_price, .discount, .amount, .promo_id]), .promotions[]'
> {"id":"P1","customer_id":"K1","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"3595.50","discount":"799.00","tax":"0.00","total":"2796.50","lines":2,"order_codes":[]}
> ["ACC-MAT-01",7,"399.50","0.00","2796.50",null]
> ["ACC-MAT-01",2,"399.50","799.00","0.00","MATS-3-GET-1"]
> {"promo_id":"MATS-3-GET-1","purchase_ref":"P1","cost":"799.00","revenue":"2796.50","currency":"CNY","kind":"buy_get","bought":7,"free_sku":"ACC-MAT-01","free_qty":2,"unit":"399.50","lines":[1]}
! crm-order: read 1, accepted 1, rejected 0, orders 1, lines 2, held 0, skipped 0, promotions 1, codes 0

=== once per purchase: a second order of the purchase and a re-order get the launch gift no more; a new purchase does
< {"order_id":"P2","customer_id":"K2","order_date":"2026-10-15","plant":"SH","purchase_ref":"PUR-9","sku":"SED-A3-STD","qty":1}
< {"order_id":"P3","customer_id":"K2","order_date":"2026-10-20","plant":"SH","purchase_ref":"PUR-9","sku":"SED-A3-STD","qty":1}
< {"order_id":"P4","customer_id":"K2","order_date":"2026-10-22","plant":"SH","original_order_id":"P2","sku":"SED-A3-STD","qty":1}
< {"order_id":"P5","customer_id":"K2","order_date":"2026-10-23","plant":"SH","sku":"SED-A3-STD","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d p.db | jq -c '[.id, .lines, .discount, .total]' && sqlite3 p.db "SELECT promo_id, purchase_ref, order_id, cost_minor, revenue_minor FROM promo_grants WHERE promo_id = 'A3-LAUNCH-MATS' ORDER BY order_id"
> ["P2",2,"399.50","128800.00"]
> ["P3",1,"0.00","128800.00"]
> ["P4",1,"0.00","128800.00"]
> ["P5",2,"399.50","128800.00"]
> A3-LAUNCH-MATS|PUR-9|P2|39950|12880000
> A3-LAUNCH-MATS|P5|P5|39950|12880000

=== a bundle's amount spread over its lines exactly; a tiered discount on six vehicles
< {"order_id":"P6","customer_id":"K2","order_date":"2026-12-05","plant":"BJ","sku":"SUV-X5-LUX","qty":1}
< {"order_id":"P6","sku":"ACC-MAT-01","qty":2}
< {"order_id":"P7","customer_id":"K1","order_date":"2026-12-21","plant":"BJ","requested_week":"2027-W02","sku":"SUV-X5-STD","qty":6}
$ CRM_SHARE="$SHARE" crm-order create -q -d p.db > /dev/null && crm-order show -d p.db P6 P7 | jq -c '[.id, .subtotal, .discount, .total, [.lines[] | .discount], [.promotions[] | [.promo_id, .cost, .revenue]]]'
> ["P6","230599.00","799.00","229800.00",["796.23","2.77"],[["X5-LUX-MATS","799.00","229800.00"]]]
> ["P7","1138800.00","22776.00","1116024.00",["22776.00"],[["FLEET-VEHICLES","22776.00","1116024.00"]]]

=== --no-promotions, and another rule file
< {"order_id":"P8","customer_id":"K1","order_date":"2026-11-10","sku":"ACC-MAT-01","qty":3}
$ CRM_SHARE="$SHARE" crm-order create -q -d p.db --no-promotions --no-codes | jq -c '[.lines, .total]'
> [1,"1198.50"]

=== a promotion rule file that is wrong stops the run before it starts
< {"order_id":"P9","customer_id":"K1","order_date":"2026-11-10","sku":"ACC-MAT-01","qty":3}
$ printf '{"promotions": [\n  {"id": "X", "name": "x", "kind": "coupon"}\n]}\n' > bad.json; CRM_SHARE="$SHARE" crm-order create -d p.db --promotions bad.json
! crm-order: bad.json:2: promotions[0].kind: one of buy_get, bundle, tiered, order_discount
? 78

=== order codes: base from the plant, the demand week (requested, else the order date's), a sequence per base and week, colour and options
< {"type":"customers","id":"K1","name":"Kunlun Motors","currency":"CNY","tier":"A","created_at":"2025-06-01T00:00:00Z"}
< {"type":"colours","code":"PW","name":"Pearl white","active":1}
< {"type":"options","code":"SR","name":"Sunroof","active":1}
< {"type":"options","code":"NV","name":"Navigation","active":1}
$ cat "$SHARE/samples/demo.jsonl" - | crm-db load -q -d c.db

=== one code per line the factory makes; the numbers go on per base and week, also in a later run
< {"order_id":"X1","customer_id":"K1","order_date":"2026-12-21","requested_week":"2026-W53","plant":"SH","sku":"SUV-X5-LUX","colour":"PW","options":"SR+NV","qty":2}
< {"order_id":"X1","sku":"ACC-MAT-01","qty":2}
< {"order_id":"X1","sku":"SED-A3-STD","qty":1}
< {"order_id":"X2","customer_id":"K1","order_date":"2026-12-28","plant":"SH","sku":"SUV-X5-STD","options":["NV"],"qty":1}
< {"order_id":"X3","customer_id":"K1","order_date":"2026-12-28","plant":"BJ","sku":"SUV-X5-STD","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d c.db --no-promotions | jq -r '.id + " " + (.order_codes | join(" "))' && sqlite3 c.db "SELECT scope, last FROM order_seqs WHERE scope LIKE '%/W53' ORDER BY scope"
> X1 012612530001PWNVSR---- 012612530002----------
> X2 012612530003--NV------
> X3 022612530001----------
> 01/2026/W53|3
> 02/2026/W53|1

=== a later run goes on where the last stopped; the codes go to APS
< {"order_id":"X4","customer_id":"K1","order_date":"2027-01-04","plant":"SH","requested_week":"2026-W53","sku":"SUV-X5-STD","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d c.db --no-promotions | jq -r '.order_codes[]' && crm-order export -d c.db --dry-run -f csv | tr -d '\r' | grep -v ,O-2026-
> 012612530004----------
> order_code,order_id,line_no,sku,bom_code,colour,options,qty,demand_week,plant
> 012612530001PWNVSR----,X1,1,SUV-X5-LUX,BOM-X5-02,PW,NV+SR,2,2026-W53,SH
> 012612530002----------,X1,3,SED-A3-STD,BOM-A3-01,,,1,2026-W53,SH
> 012612530003--NV------,X2,1,SUV-X5-STD,BOM-X5-01,,NV,1,,SH
> 022612530001----------,X3,1,SUV-X5-STD,BOM-X5-01,,,1,,BJ
> 012612530004----------,X4,1,SUV-X5-STD,BOM-X5-01,,,1,2026-W53,SH

=== a line the factory makes needs the plant, one the layout maps; --no-codes makes none
< {"order_id":"X5","customer_id":"K1","sku":"SUV-X5-STD","qty":1}
< {"order_id":"X6","customer_id":"K1","plant":"XA","sku":"SUV-X5-STD","qty":1}
< {"order_id":"X7","customer_id":"K1","plant":"XA","sku":"ACC-MAT-01","qty":1}
$ tee in.jsonl | CRM_SHARE="$SHARE" crm-order create -q -d c.db --reject r.jsonl | jq -r .id; jq -r .error r.jsonl; crm-order create -q -d c.db --no-promotions --no-codes --skip-existing in.jsonl | jq -c '[.id, .order_codes]'
> X7
> <stdin>:1: plant: missing (SUV-X5-STD is made to order: its order code needs the plant)
> <stdin>:2: plant: no code for "XA" in the layout
> ["X5",[]]
> ["X6",[]]

=== another layout: base from its own map, a literal, a three-digit sequence per plant and year
$ printf '%s\n' '{"fields": [' '{"name": "base", "kind": "map", "width": 1, "source": "plant", "map": {"SH": "S", "BJ": "B"}},' '{"name": "dash", "kind": "literal", "text": "-"},' '{"name": "year", "kind": "year", "width": 4},' '{"name": "week", "kind": "week"},' '{"name": "seq", "kind": "number", "width": 3, "sequence": true}' '], "scope": ["base", "year"]}' > mine.json && printf '%s\n' '{"order_id":"Y1","customer_id":"K1","order_date":"2026-12-01","plant":"BJ","sku":"SUV-X5-STD","qty":1}' '{"order_id":"Y2","customer_id":"K1","order_date":"2026-12-09","plant":"BJ","sku":"SUV-X5-STD","qty":1}' | crm-order create -q -d c.db --no-promotions --layout mine.json | jq -r '.order_codes[]'
> B-202649001
> B-202650002

=== two processes creating orders at the same time never share a number
$ for p in a b; do seq 1 300 | sed "s/.*/{\"order_id\":\"$p&\",\"customer_id\":\"K1\",\"order_date\":\"2026-11-02\",\"plant\":\"GZ\",\"sku\":\"SUV-X5-STD\",\"qty\":1}/" > $p.jsonl; done; (CRM_SHARE="$SHARE" crm-order create -q -d c.db --no-promotions a.jsonl > a.out & CRM_SHARE="$SHARE" crm-order create -q -d c.db --no-promotions b.jsonl > b.out & wait) && cat a.out b.out | jq -r '.order_codes[]' | sort | uniq | wc -l && cat a.out b.out | jq -r '.order_codes[]' | cut -c9-12 | sort -n | sed -n '1p;$p' && sqlite3 c.db "SELECT count(DISTINCT order_code), max(order_code) FROM order_lines WHERE order_code LIKE '042611%'"
> 600
> 0001
> 0600
> 600|042611450600----------
