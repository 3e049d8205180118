# crm-order: the lifecycle of orders after creation: moves by hand,
# shipments and deliveries, the APS hand-over, listing and showing.

=== a database with two customers, products and four orders
< {"type":"crm_dump","schema_version":3}
< {"type":"customers","id":"C1","name":"Dealer One","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C2","name":"Dealer Two","currency":"CNY","created_at":"2026-01-01T00:00:00Z"}
< {"type":"products","sku":"X5","name":"X5 SUV","category":"vehicle","bom_code":"BOM-X5","active":1}
< {"type":"products","sku":"MAT","name":"Floor mats","category":"accessory","active":1}
< {"type":"orders","id":"O1","customer_id":"C1","order_date":"2026-11-02","status":"confirmed","currency":"CNY","total_minor":2010000,"subtotal_minor":2010000,"requested_week":"2026-W47","plant":"SH"}
< {"type":"order_lines","order_id":"O1","line_no":1,"sku":"X5","qty":2,"unit_price_minor":1000000,"amount_minor":2000000,"colour":"PW","options":"SR","order_code":"0126114700011PWSR"}
< {"type":"order_lines","order_id":"O1","line_no":2,"sku":"MAT","qty":5,"unit_price_minor":2000,"amount_minor":10000}
< {"type":"orders","id":"O2","customer_id":"C2","order_date":"2026-11-03","status":"draft","currency":"CNY","total_minor":1000000,"subtotal_minor":1000000,"requested_week":"2026-W48","plant":"BJ","credit_hold":1}
< {"type":"order_lines","order_id":"O2","line_no":1,"sku":"X5","qty":1,"unit_price_minor":1000000,"amount_minor":1000000,"order_code":"0226114800011BK00"}
< {"type":"orders","id":"O3","customer_id":"C2","order_date":"2026-11-04","status":"draft","currency":"CNY","total_minor":2000,"subtotal_minor":2000}
< {"type":"order_lines","order_id":"O3","line_no":1,"sku":"MAT","qty":1,"unit_price_minor":2000,"amount_minor":2000}
< {"type":"orders","id":"O4","customer_id":"C1","order_date":"2026-11-05","status":"confirmed","currency":"CNY","total_minor":1000000,"subtotal_minor":1000000,"requested_week":"2026-W49","plant":"SH"}
< {"type":"order_lines","order_id":"O4","line_no":1,"sku":"X5","qty":1,"unit_price_minor":1000000,"amount_minor":1000000,"order_code":"0126114900021PW00"}
$ crm-db load -q -d a.db && crm-order list -d a.db -f table
> id  customer_id  order_date  status     currency     total  requested_week  plant  credit_hold
> --  -----------  ----------  ---------  --------  --------  --------------  -----  -----------
> O1  C1           2026-11-02  confirmed  CNY       20100.00  2026-W47        SH               0
> O2  C2           2026-11-03  draft      CNY       10000.00  2026-W48        BJ               1
> O3  C2           2026-11-04  draft      CNY          20.00                                   0
> O4  C1           2026-11-05  confirmed  CNY       10000.00  2026-W49        SH               0

# --- moves by hand ---

=== a held order is not confirmed until approved
$ crm-order confirm -d a.db O2
! crm-order: order O2 is held for credit approval (crm-order approve releases it)
? 65

=== approve releases it, confirmed, with an event
$ CRM_ACTOR=boss crm-order approve -d a.db O2 --note "paid a deposit" && crm-order show -d a.db O2 | jq -c '[.status, .credit_hold, .history]'
> ["confirmed",0,[{"at":"2026-11-22T08:00:00Z","kind":"status","from_state":"draft","to_state":"confirmed","actor":"boss","note":"paid a deposit"}]]

=== approving an order that is not held
$ crm-order approve -d a.db O1
! crm-order: order O1 is not held for credit approval
? 65

=== moves the lifecycle does not allow by hand name the way
$ crm-order close -d a.db O1; crm-order confirm -d a.db O1
! crm-order: order O1: cannot go from confirmed to closed (allowed: cancelled)
! crm-order: order O1: cannot go from confirmed to confirmed (allowed: cancelled)
? 65

=== cancelling needs a reason
$ crm-order cancel -d a.db O3
! crm-order: cancel needs --reason
! usage: crm-order cancel [-qv] [-d DB] [--busy-timeout MS] [--reason TEXT] [--at INSTANT] ID ...
? 64

=== all or nothing across several orders
$ crm-order confirm -d a.db O3 O1; crm-order list -d a.db --status draft --fields id -f csv | tr -d '\r'
> id
> O3
? 0
! crm-order: order O1: cannot go from confirmed to confirmed (allowed: cancelled)

=== unknown orders and statuses
$ crm-order confirm -d a.db NOPE; crm-order list -d a.db --status lost
! crm-order: no such order NOPE
! crm-order: --status: unknown status lost (statuses: draft, confirmed, scheduled, partly_shipped, shipped, delivered, invoiced, paid, closed, cancelled)
! usage: crm-order list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--status STATUS] [--customer ID] [--from DATE] [--to DATE] [--plant PLANT]
? 64

# --- APS ---

=== the export sends the lines the factory makes, of orders not sent yet
$ crm-order export -d a.db -f aps
> {"order_code":"0126114700011PWSR","order_id":"O1","line_no":1,"sku":"X5","bom_code":"BOM-X5","colour":"PW","options":"SR","qty":2,"demand_week":"2026-W47","plant":"SH"}
> {"order_code":"0226114800011BK00","order_id":"O2","line_no":1,"sku":"X5","bom_code":"BOM-X5","colour":"","options":"","qty":1,"demand_week":"2026-W48","plant":"BJ"}
> {"order_code":"0126114900021PW00","order_id":"O4","line_no":1,"sku":"X5","bom_code":"BOM-X5","colour":"","options":"","qty":1,"demand_week":"2026-W49","plant":"SH"}

=== sent orders are not sent again, unless asked; a dry run marks nothing
$ crm-order export -d a.db -f aps | wc -l; crm-order export -d a.db -f csv --all --dry-run | tr -d '\r'
> 0
> order_code,order_id,line_no,sku,bom_code,colour,options,qty,demand_week,plant
> 0126114700011PWSR,O1,1,X5,BOM-X5,PW,SR,2,2026-W47,SH
> 0226114800011BK00,O2,1,X5,BOM-X5,,,1,2026-W48,BJ
> 0126114900021PW00,O4,1,X5,BOM-X5,,,1,2026-W49,SH

=== APS feedback schedules an order, found by its code
< {"order_code":"0126114700011PWSR","scheduled_on":"2026-11-30","planned_week":"2026-W49","status":"planned"}
< {"order_id":"O4","status":"rejected"}
$ crm-order import-aps -d a.db && crm-order list -d a.db --fields id,status,scheduled_on,planned_week,aps_sent_at -f tsv | tr -d '\r'
> id	status	scheduled_on	planned_week	aps_sent_at
> O1	scheduled	2026-11-30	2026-W49	2026-11-22T08:00:00Z
> O2	confirmed			2026-11-22T08:00:00Z
> O3	draft			
> O4	confirmed			
! crm-order: read 2, accepted 2, rejected 0

=== a rejected order goes out again with the next export
$ crm-order export -d a.db -f aps | jq -r .order_id
> O4

=== bad feedback fails the whole file; --reject sets it aside
< {"order_code":"0126114700011PWSR","planned_week":"2026-W50"}
< {"order_code":"NOPE","scheduled_on":"2026-12-01"}
< {"order_id":"O1","scheduled_on":"2026-13-01"}
$ tee in.jsonl | crm-order import-aps -d a.db; crm-order list -d a.db --status scheduled --fields planned_week; crm-order import-aps -d a.db --reject r.jsonl in.jsonl && jq -c '[.line, .error]' r.jsonl && crm-order list -d a.db --status scheduled --fields planned_week
> {"planned_week":"2026-W49"}
> [2,"in.jsonl:2: order_code: no order line has code NOPE"]
> [3,"in.jsonl:3: scheduled_on: no such date"]
> {"planned_week":"2026-W50"}
! crm-order: <stdin>:2: order_code: no order line has code NOPE
! crm-order: read 3, accepted 1, rejected 2

# --- shipments ---

=== a part of one line ships, and the feed for crm-stock is written
$ crm-order ship -d a.db O1 --line 1:1 --carrier SF --expected 2026-11-25 --to DLR-SH --at 2026-11-20T09:00:00Z
> {"shipment_id":"O1-S1","order_id":"O1","line_no":1,"sku":"X5","qty":1,"order_code":"0126114700011PWSR","colour":"PW","options":"SR","customer_id":"C1","shipped_at":"2026-11-20T09:00:00Z","carrier":"SF","expected_on":"2026-11-25","destination":"DLR-SH"}

=== shipping more than is open is refused with the figures, and nothing is written
$ crm-order ship -d a.db O1 --line 2:5,1:2; crm-order show -d a.db O1 | jq -c '[.status, .shipped]'
> ["partly_shipped",[{"shipment_id":"O1-S1","line_no":1,"qty":1}]]
! crm-order: order O1 line 1: ships 2 but only 1 open (ordered 2, shipped 1)
? 0

=== a line the order does not have, a line named twice, a bad --line
$ crm-order ship -d a.db O1 --line 3:1; crm-order ship -d a.db O1 --line 2:1,2:1; crm-order ship -d a.db O1 --line 2:0
! crm-order: order O1 has no line 3
! crm-order: order O1 line 2: named twice in one shipment
! crm-order: --line: not a positive quantity: 0
! usage: crm-order ship [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--line LINES] [--id ID] [--at INSTANT] [--carrier NAME] [--expected DATE] [--to LOCATION] ORDER ...
? 64

=== the rest ships without --line; the order is shipped
$ crm-order ship -d a.db O1 --id SH-9 --fields shipment_id,line_no,qty -f csv | tr -d '\r' && crm-order list -d a.db --fields id,status -f csv | tr -d '\r'
> shipment_id,line_no,qty
> SH-9,1,1
> SH-9,2,5
> id,status
> O1,shipped
> O2,confirmed
> O3,draft
> O4,confirmed

=== a shipped order and a draft do not ship
$ crm-order ship -d a.db O1; crm-order ship -d a.db O3
! crm-order: order O1 is shipped: only confirmed, scheduled or partly shipped orders ship
! crm-order: order O3 is draft: only confirmed, scheduled or partly shipped orders ship
? 65

=== an order that shipped cannot be cancelled; one that did not can
$ crm-order cancel -d a.db O1 --reason "too late"; crm-order cancel -d a.db O4 --reason "customer withdrew" && crm-order show -d a.db O4 | jq -c '[.status, .status_reason]'
> ["cancelled","customer withdrew"]
! crm-order: order O1 has shipped 7 of 7 units: it can no longer be cancelled

=== deliveries: once each; the order is delivered when every shipment is
$ crm-order deliver -d a.db O1-S1 --on 2026-11-24 && crm-order list -d a.db --status delivered --fields id; crm-order deliver -d a.db SH-9 --on 2026-11-26 && crm-order list -d a.db --status delivered --fields id; crm-order deliver -d a.db SH-9; crm-order deliver -d a.db NOPE
> {"id":"O1"}
! crm-order: shipment SH-9 was delivered on 2026-11-26 already
! crm-order: no such shipment NOPE
? 65

=== show tells the whole story
$ crm-order show -d a.db O1 | jq -c '.shipments, [.history[] | [.kind, .to_state, .note]]'
> [{"id":"O1-S1","shipped_at":"2026-11-20T09:00:00Z","carrier":"SF","expected_on":"2026-11-25","destination":"DLR-SH","delivered_on":"2026-11-24","status":"delivered"},{"id":"SH-9","shipped_at":"2026-11-22T08:00:00Z","delivered_on":"2026-11-26","status":"delivered"}]
> [["aps_sent",null,null],["aps","planned","2026-11-30"],["status","scheduled",null],["aps",null,"2026-W50"],["shipment",null,"O1-S1"],["status","partly_shipped",null],["shipment",null,"SH-9"],["status","shipped",null],["delivery",null,"O1-S1"],["delivery",null,"SH-9"],["status","delivered",null]]

=== APS feedback about a draft, a cancelled order or a return is refused
< {"order_id":"O3","scheduled_on":"2026-12-01"}
< {"order_id":"O4","scheduled_on":"2026-12-01"}
$ crm-order import-aps -d a.db --reject r.jsonl; jq -r .error r.jsonl
> <stdin>:1: order_id: order O3 is draft: APS does not plan it
> <stdin>:2: order_id: order O4 is cancelled: APS does not plan it
! crm-order: read 2, accepted 0, rejected 2
