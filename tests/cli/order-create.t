# crm-order create: orders from records, priced, checked and written
# whole or not at all.

=== a catalog with prices, colours, options and aliases, and customers
< {"type":"crm_dump","schema_version":3}
< {"type":"customers","id":"C1","name":"Dealer One","currency":"CNY","tier":"gold","credit_limit_minor":500000000,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Dealer Two","currency":"CNY","credit_limit_minor":30000000,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C3","name":"Dealer Three","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C4","name":"Old Three","currency":"CNY","merged_into":"C1","created_at":"2026-01-01T00:00:00Z"}
< {"type":"products","sku":"X5-STD","name":"X5 SUV 标准版","category":"vehicle","bom_code":"BOM-X5-1","list_price_minor":18980000,"currency":"CNY","active":1}
< {"type":"products","sku":"X5-LUX","name":"X5 SUV 豪华版","category":"vehicle","bom_code":"BOM-X5-2","list_price_minor":22980000,"currency":"CNY","active":1}
< {"type":"products","sku":"MAT","name":"Floor mats","category":"accessory","list_price_minor":39950,"currency":"CNY","active":1}
< {"type":"products","sku":"KIT","name":"Service kit","category":"accessory","active":1}
< {"type":"products","sku":"OLD","name":"Old model","category":"vehicle","active":0}
< {"type":"colours","code":"PW","name":"珍珠白","active":1}
< {"type":"colours","code":"BK","name":"曜石黑","active":1}
< {"type":"colours","code":"RD","name":"Red","active":1}
< {"type":"options","code":"SR","name":"带天窗","active":1}
< {"type":"options","code":"NV","name":"Navigation","active":1}
< {"type":"product_colours","sku":"X5-LUX","colour":"PW"}
< {"type":"product_colours","sku":"X5-LUX","colour":"BK"}
< {"type":"aliases","id":1,"kind":"product","code":"X5-LUX","text":"豪华版","norm":"豪华版"}
< {"type":"aliases","id":2,"kind":"product","code":"X5-LUX","text":"X5 Luxury","norm":"x5 luxury"}
< {"type":"aliases","id":3,"kind":"option","code":"SR","text":"sunroof","norm":"sunroof"}
< {"type":"aliases","id":4,"kind":"colour","code":"PW","text":"pearl white","norm":"pearl white"}
< {"type":"aliases","id":5,"kind":"colour","code":"PW","text":"white","norm":"white"}
< {"type":"aliases","id":6,"kind":"colour","code":"RD","text":"white","norm":"white"}
< {"type":"prices","id":1,"list":"standard","sku":"X5-LUX","valid_from":"2026-01-01","valid_to":"2026-10-31","price_minor":22500000,"currency":"CNY"}
< {"type":"prices","id":2,"list":"standard","sku":"X5-LUX","valid_from":"2026-11-01","price_minor":22000000,"currency":"CNY"}
< {"type":"prices","id":3,"list":"standard","sku":"X5-LUX","tier":"gold","valid_from":"2026-11-01","price_minor":21500000,"currency":"CNY"}
< {"type":"prices","id":4,"list":"fleet","sku":"X5-LUX","valid_from":"2026-01-01","price_minor":21000000,"currency":"CNY"}
< {"type":"prices","id":5,"list":"standard","sku":"MAT","valid_from":"2026-01-01","price_minor":100,"currency":"USD"}
$ crm-db load -q -d a.db

=== one record with lines: prices by tier and date, the list price when the price list has none
< {"id":"O1","customer_id":"C1","order_date":"2026-11-20","requested_week":"2026-W50","plant":"SH","lines":[{"sku":"X5-LUX","colour":"PW","options":["SR"],"qty":2},{"sku":"X5-STD","qty":1}]}
$ CRM_SHARE="$SHARE" crm-order create -d a.db && crm-order show -d a.db O1 | jq -c '.lines[] | [.line_no, .sku, .colour, .options, .qty, .unit_price, .amount]'
> {"id":"O1","customer_id":"C1","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"619800.00","discount":"0.00","tax":"0.00","total":"619800.00","lines":2,"order_codes":["012612500001PWSR------","012612500002----------"]}
> [1,"X5-LUX","PW","SR",2,"215000.00","430000.00"]
> [2,"X5-STD",null,null,1,"189800.00","189800.00"]
! crm-order: read 1, accepted 1, rejected 0, orders 1, lines 2, held 0, skipped 0, promotions 0, codes 2

=== one record per line, grouped by order_id; the price in force on the order date; given prices and discounts
< {"order_id":"O2","customer_id":"C2","plant":"SH","order_date":"2026-10-31","sku":"X5-LUX","colour":"BK","qty":1}
< {"order_id":"O2","sku":"MAT","qty":3,"price":"399.50","discount":"0.50"}
< {"order_id":"O3","customer_id":"C1","plant":"SH","order_date":"2026-11-21","sku":"X5-LUX","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -d a.db --price-list standard --tax-rate 13 -q && crm-order list -d a.db --fields id,subtotal,discount,tax,total -f csv | tr -d '\r'
> {"id":"O2","customer_id":"C2","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"226198.50","discount":"0.50","tax":"29405.74","total":"255603.74","lines":2,"order_codes":["012610440001BK--------"]}
> {"id":"O3","customer_id":"C1","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"215000.00","discount":"0.00","tax":"27950.00","total":"242950.00","lines":1,"order_codes":["012611470001----------"]}
> id,subtotal,discount,tax,total
> O2,226198.50,0.50,29405.74,255603.74
> O1,619800.00,0.00,0.00,619800.00
> O3,215000.00,0.00,27950.00,242950.00

=== the customer's words: the longest run of words that the catalog knows
< {"order_id":"O4","customer_id":"C1","plant":"SH","order_date":"2026-11-21","description":"珍珠白 豪华版 带天窗","qty":1}
< {"order_id":"O5","customer_id":"C1","plant":"SH","order_date":"2026-11-21","description":"ｘ5 Luxury, pearl white + sunroof","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --price-list fleet | jq -c .total && crm-order show -d a.db O4 O5 | jq -c '.lines[0] | [.sku, .colour, .options, .description]'
> "210000.00"
> "210000.00"
> ["X5-LUX","PW","SR","珍珠白 豪华版 带天窗"]
> ["X5-LUX","PW","SR","ｘ5 Luxury, pearl white + sunroof"]

=== words the catalog does not know, two meanings, two products, none: errors, never a guess
< {"order_id":"E1","customer_id":"C1","description":"豪华版 turbo","qty":1}
< {"order_id":"E2","customer_id":"C1","description":"豪华版 white","qty":1}
< {"order_id":"E3","customer_id":"C1","description":"豪华版 X5 SUV 标准版","qty":1}
< {"order_id":"E4","customer_id":"C1","description":"pearl white","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl > /dev/null; jq -r .error r.jsonl
> <stdin>:1: description: "turbo" matches nothing in the catalog
> <stdin>:2: description: "white" is ambiguous: colour PW (white), colour RD (white)
> <stdin>:3: description: names 2 products: X5-LUX (豪华版), X5-STD (X5 SUV 标准版)
> <stdin>:4: description: names no product; candidates: KIT (Service kit), MAT (Floor mats), X5-LUX (X5 SUV 豪华版), X5-STD (X5 SUV 标准版)

=== what the product does not come in, unknown codes, inactive and unknown skus
< {"order_id":"E1","customer_id":"C1","sku":"X5-LUX","colour":"RD","qty":1}
< {"order_id":"E2","customer_id":"C1","sku":"X5-STD","colour":"GR","qty":1}
< {"order_id":"E3","customer_id":"C1","sku":"X5-STD","options":"SR+XX","qty":1}
< {"order_id":"E4","customer_id":"C1","sku":"OLD","qty":1}
< {"order_id":"E5","customer_id":"C1","sku":"NOPE","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl > /dev/null; jq -r .error r.jsonl
> <stdin>:1: colour: X5-LUX does not come in colour RD (comes in: BK, PW)
> <stdin>:2: colour: unknown colour GR
> <stdin>:3: options: unknown option XX
> <stdin>:4: sku: OLD is not sold any more (inactive)
> <stdin>:5: sku: unknown sku NOPE

=== prices: given, the catalog's when no list has one, in another currency, none at all
< {"order_id":"E1","customer_id":"C1","order_date":"2025-12-31","plant":"SH","sku":"X5-LUX","qty":1,"price":"1.00"}
< {"order_id":"E2","customer_id":"C3","plant":"SH","currency":"CNY","order_date":"2025-12-31","sku":"X5-LUX","qty":1}
< {"order_id":"E4","customer_id":"C1","sku":"KIT","qty":1}
< {"order_id":"E3","customer_id":"C1","sku":"MAT","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl; jq -r .error r.jsonl
> {"id":"E1","customer_id":"C1","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"1.00","discount":"0.00","tax":"0.00","total":"1.00","lines":1,"order_codes":["012601010001----------"]}
> {"id":"E2","customer_id":"C3","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"229800.00","discount":"0.00","tax":"0.00","total":"229800.00","lines":1,"order_codes":["012601010002----------"]}
> <stdin>:3: price: KIT has no price on 2026-11-22 (give one)
> <stdin>:4: price: the price of MAT on 2026-11-22 is in USD, the order is in CNY

=== customers: unknown, merged, without a currency
< {"order_id":"E6","customer_id":"NOPE","sku":"MAT","qty":1}
< {"order_id":"E7","customer_id":"C4","sku":"MAT","qty":1}
< {"order_id":"E8","customer_id":"C3","sku":"MAT","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl; jq -r .error r.jsonl
> <stdin>:1: customer_id: no such customer NOPE
> <stdin>:2: customer_id: customer C4 was merged into C1
> <stdin>:3: currency: missing (customer C3 has no currency either)

=== quantities, amounts and fields that are not an order's
< {"order_id":"E6","customer_id":"C1","sku":"MAT","qty":0}
< {"order_id":"E7","customer_id":"C1","sku":"MAT","qty":1.5}
< {"order_id":"E8","customer_id":"C1","sku":"MAT","qty":1,"price":"-1"}
< {"order_id":"E9","customer_id":"C1","sku":"MAT","qty":1000000000,"price":"99999999999"}
< {"order_id":"E10","customer_id":"C1","sku":"MAT","qty":2,"price":"1","discount":"3"}
< {"order_id":"E11","customer_id":"C1","sku":"MAT","qty":1,"colour_code":"RD"}
< {"order_id":"E12","customer_id":"C1","qty":1}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl; jq -r .error r.jsonl
> <stdin>:1: qty: 0 is not a whole number from 1 to 1000000000
> <stdin>:2: qty: 1.5 is not a whole number from 1 to 1000000000
> <stdin>:3: price: negative
> <stdin>:4: qty: amount out of range
> <stdin>:5: discount: more than the line's amount
> <stdin>:6: colour_code: not a field of an order line
> <stdin>:7: sku: missing (a line needs a sku or a description)

=== lines of one order must agree on the order's fields; an order id is used once
< {"order_id":"E1","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
< {"order_id":"E1","customer_id":"C2","sku":"MAT","qty":1,"price":"1"}
< {"order_id":"O1","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
$ CRM_SHARE="$SHARE" crm-order create -q -d a.db --reject r.jsonl; jq -c '[.line, .error]' r.jsonl
> [1,"<stdin>:2: customer_id: C2 differs from the order's first line (C1)"]
> [2,"<stdin>:2: customer_id: C2 differs from the order's first line (C1)"]
> [3,"<stdin>:3: order_id: order O1 exists already"]

=== --skip-existing counts orders created before, for a feed sent twice
< {"order_id":"O1","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
$ CRM_SHARE="$SHARE" crm-order create -d a.db --skip-existing
! crm-order: read 1, accepted 1, rejected 0, orders 0, lines 0, held 0, skipped 1, promotions 0, codes 0

=== strict by default: the first bad order stops the run and nothing is written
< {"order_id":"S1","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
< {"order_id":"S2","customer_id":"C1","sku":"MAT","qty":0}
$ crm-db dump -d a.db > before.jsonl; CRM_SHARE="$SHARE" crm-order create -d a.db; crm-db dump -d a.db | cmp - before.jsonl && echo unchanged
> {"id":"S1","customer_id":"C1","status":"confirmed","credit_hold":false,"currency":"CNY","subtotal":"1.00","discount":"0.00","tax":"0.00","total":"1.00","lines":1,"order_codes":[]}
> unchanged
! crm-order: <stdin>:2: qty: 0 is not a whole number from 1 to 1000000000
? 0

=== a line that cannot be read takes its whole order to the reject file
< {"order_id":"S3","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
< {"order_id":"S3", oops
< {"order_id":"S3","sku":"MAT","qty":2,"price":"1"}
< {"order_id":"S4","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
$ CRM_SHARE="$SHARE" crm-order create -d a.db --reject r.jsonl | jq -r .id; jq -c '[.line, .error]' r.jsonl
> S4
> [2,"<stdin>:2: col 19: expected a key in quotes"]
> [1,"<stdin>:2: rejected with a record of its group that cannot be read"]
> [3,"S3: rejected with its group, which has a record that cannot be read"]
! crm-order: read 4, accepted 1, rejected 3, orders 1, lines 1, held 0, skipped 0, promotions 0, codes 0

=== credit: over the limit refused, or held as a draft for approval
< {"order_id":"H1","customer_id":"C2","plant":"SH","sku":"X5-LUX","colour":"PW","qty":1}
$ tee h.jsonl | CRM_SHARE="$SHARE" crm-order create -d a.db -q; CRM_SHARE="$SHARE" crm-order create -d a.db -q --hold h.jsonl | jq -c '[.status, .credit_hold]' && crm-order show -d a.db H1 | jq -c .history[0].note
! crm-order: <stdin>:1: customer_id: credit limit of C2 is 300000.00: open 255603.74 + this order 220000.00 is over it (--hold keeps such orders as drafts for approval)
> ["draft",true]
> "held: over the credit limit"

=== drafts on request
< {"order_id":"D1","customer_id":"C1","sku":"MAT","qty":1,"price":"1"}
$ CRM_SHARE="$SHARE" crm-order create -d a.db -q --draft | jq -r .status
> draft
