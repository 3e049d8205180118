# crm-order encode and decode: order codes by the default layout
# (share/crm/order-code.json), sequence numbers from the database, bad
# codes with their position, and two runs that number at the same time.

=== encode numbers each scope (base, ISO year, week) from 1
$ crm-db init -d a.db && CRM_SHARE="$SHARE" crm-order encode -d a.db
< {"id":"L1","plant":"SH","demand_week":"2026-W47","colour":"R","options":"ZZ+A1"}
< {"id":"L2","plant":"SH","demand_date":"2026-11-20"}
< {"id":"L3","plant":"BJ","requested_week":"2026-W53","colour":"WH","options":["B2"]}
< {"id":"L4","plant":"SH","demand_week":"2026-W01"}
> {"id":"L1","plant":"SH","demand_week":"2026-W47","colour":"R","options":"ZZ+A1","seq":1,"order_code":"012611470001R-A1ZZ----"}
> {"id":"L2","plant":"SH","demand_date":"2026-11-20","seq":2,"order_code":"012611470002----------"}
> {"id":"L3","plant":"BJ","requested_week":"2026-W53","colour":"WH","options":["B2"],"seq":1,"order_code":"022612530001WHB2------"}
> {"id":"L4","plant":"SH","demand_week":"2026-W01","seq":1,"order_code":"012601010001----------"}

=== the next run goes on from the counters; a record's own number is claimed
$ CRM_SHARE="$SHARE" crm-order encode -d a.db -v
< {"id":"L5","plant":"SH","demand_week":"2026-W47","seq":40}
< {"id":"L6","plant":"SH","demand_week":"2026-W47"}
> {"id":"L5","plant":"SH","demand_week":"2026-W47","seq":40,"order_code":"012611470040----------"}
> {"id":"L6","plant":"SH","demand_week":"2026-W47","seq":41,"order_code":"012611470041----------"}
! crm-order: read 2, accepted 2, rejected 0, numbers handed out 1

=== the counters in the database
$ sqlite3 a.db 'SELECT scope, last FROM order_seqs ORDER BY scope'
> 01/2026/W01|1
> 01/2026/W47|41
> 02/2026/W53|1

=== decode writes the fields back; the code is kept
$ CRM_SHARE="$SHARE" crm-order decode
< {"id":"L1","order_code":"012611470001R-A1ZZ----"}
< {"id":"L4","order_code":"012601010001----------"}
> {"id":"L1","order_code":"012611470001R-A1ZZ----","plant":"SH","demand_week":"2026-W47","year":2026,"month":11,"week":47,"seq":1,"colour":"R","options":["A1","ZZ"]}
> {"id":"L4","order_code":"012601010001----------","plant":"SH","demand_week":"2026-W01","year":2026,"month":1,"week":1,"seq":1,"options":[]}

=== encode and decode are inverses through a pipe
$ CRM_SHARE="$SHARE" crm-order encode --no-db | CRM_SHARE="$SHARE" crm-order decode | jq -c '[.id, .plant, .demand_week, .seq, .colour, .options]'
< {"id":"A","plant":"WH","demand_date":"2021-01-03","seq":9999,"colour":"Z","options":"ZZ,00,A1,B2"}
< {"id":"B","plant":"CC","demand_week":"2099-W52","seq":1,"options":""}
> ["A","WH","2020-W53",9999,"Z",["00","A1","B2","ZZ"]]
> ["B","CC","2099-W52",1,null,[]]

=== and decode then encode gives the code back
$ CRM_SHARE="$SHARE" crm-order decode | jq -c 'del(.order_code)' | CRM_SHARE="$SHARE" crm-order encode --no-db | jq -r .order_code
< {"order_code":"052601010001----------"}
< {"order_code":"062612539999ZZ00A1B2ZZ"}
> 052601010001----------
> 062612539999ZZ00A1B2ZZ

=== --field names the code's field, --layout the layout file
$ CRM_SHARE=/nowhere crm-order encode --no-db --layout "$SHARE/order-code.json" --field code | CRM_SHARE=/nowhere crm-order decode --layout "$SHARE/order-code.json" --field code
< {"plant":"GZ","demand_week":"2027-W10","seq":12}
> {"plant":"GZ","demand_week":"2027-W10","seq":12,"code":"042703100012----------","year":2027,"month":3,"week":10,"options":[]}

=== bad codes: the position, the field and the reason
$ CRM_SHARE="$SHARE" crm-order decode --reject r.jsonl; jq -r .error r.jsonl
< {"order_code":"012611470001R-A1ZZ----"}
< {"order_code":"01261147"}
< {"order_code":"012611470001R-A1ZZ----X"}
< {"order_code":"072611470001----------"}
< {"order_code":"012612010001----------"}
< {"order_code":"012612000001----------"}
< {"order_code":"012612540001----------"}
< {"order_code":"012512530001----------"}
< {"order_code":"012611470000----------"}
< {"order_code":"012611470001-R--------"}
< {"order_code":"012611470001--A1--ZZ--"}
< {"order_code":"012611470001--ZZA1----"}
< {"order_code":"012611470001--A-------"}
< {"order_code":"012611470001r---------"}
< {"order_code":"0126114700 1----------"}
< {"order_code":12}
< {"id":"no code"}
> {"order_code":"012611470001R-A1ZZ----","plant":"SH","demand_week":"2026-W47","year":2026,"month":11,"week":47,"seq":1,"colour":"R","options":["A1","ZZ"]}
! crm-order: read 17, accepted 1, rejected 16
> <stdin>:2: order_code: position 9: seq: too short: 8 characters, the layout has 22
> <stdin>:3: order_code: position 23: too long: 23 characters, the layout has 22
> <stdin>:4: order_code: position 1: base: unknown code "07"
> <stdin>:5: order_code: position 5: month: week 01 of 2026 is in month 01, not 12
> <stdin>:6: order_code: position 7: week: not a week (01 to 53)
> <stdin>:7: order_code: position 7: week: not a week (01 to 53)
> <stdin>:8: order_code: position 7: week: 2025 has 52 weeks, no week 53
> <stdin>:9: order_code: position 9: seq: 0 is out of range 1 to 9999
> <stdin>:10: order_code: position 13: colour: padding inside the code
> <stdin>:11: order_code: position 19: options: an option after an empty slot
> <stdin>:12: order_code: position 17: options: A1 after ZZ: options are in sorted order
> <stdin>:13: order_code: position 16: options: padding inside an option code
> <stdin>:14: order_code: position 13: colour: 'r' is not one of 0-9A-Z
> <stdin>:15: order_code: position 11: seq: ' ' is not a code character
> <stdin>:16: order_code: not a string
> <stdin>:17: order_code: missing

=== decode is strict by default: the first bad code stops it
$ CRM_SHARE="$SHARE" crm-order decode
< {"order_code":"012611470001----------"}
< {"order_code":"012611470001---------"}
< {"order_code":"012611470002----------"}
> {"order_code":"012611470001----------","plant":"SH","demand_week":"2026-W47","year":2026,"month":11,"week":47,"seq":1,"options":[]}
! crm-order: <stdin>:2: order_code: position 22: options: too short: 21 characters, the layout has 22
? 65

=== a bad record stops encode and nothing is kept in the database
$ CRM_SHARE="$SHARE" crm-order encode -d a.db > out.jsonl; sqlite3 a.db "SELECT last FROM order_seqs WHERE scope = '01/2026/W47'"
< {"id":"L7","plant":"SH","demand_week":"2026-W47"}
< {"id":"L8","plant":"XA","demand_week":"2026-W47"}
> 41
! crm-order: <stdin>:2: plant: no code for "XA" in the layout

=== encode --reject sets bad records aside with the reason and goes on
$ CRM_SHARE="$SHARE" crm-order encode -d a.db --reject r.jsonl | jq -c '[.id, .order_code]'; jq -c '[.line, .error]' r.jsonl
< {"id":"L7","plant":"SH","demand_week":"2026-W47"}
< {"id":"L8","plant":"XA","demand_week":"2026-W47"}
< {"id":"L9","plant":"SH"}
< {"id":"L10","plant":"SH","demand_week":"2026-W47","colour":"RED"}
< {"id":"L11","plant":"SH","demand_week":"2026-W47","options":"A1+A1"}
< {"id":"L12","plant":"SH","demand_week":"2026-W47","seq":10000}
< {"id":"L13","plant":"SH","demand_week":"2027-W53"}
< {"id":"L14","plant":"SH","demand_week":"2026-W47"}
> ["L7","012611470042----------"]
> ["L14","012611470043----------"]
! crm-order: read 8, accepted 2, rejected 6, numbers handed out 2
> [2,"<stdin>:2: plant: no code for \"XA\" in the layout"]
> [3,"<stdin>:3: demand_week: missing (and so is requested_week, demand_date)"]
> [4,"<stdin>:4: colour: \"RED\" is not 2 characters"]
> [5,"<stdin>:5: options: A1 twice"]
> [6,"<stdin>:6: seq: 10000 is out of range 1 to 9999"]
> [7,"<stdin>:7: demand_week: no such week: 2027-W53"]

=== --no-db: every record brings its number
$ CRM_SHARE="$SHARE" crm-order encode --no-db
< {"plant":"SH","demand_week":"2026-W47"}
! crm-order: <stdin>:1: seq: missing
? 65

=== --no-db and --db together are a usage error
$ CRM_SHARE="$SHARE" crm-order encode --no-db -d a.db 2>&1 | head -n 1
> crm-order: --no-db and --db: which one?

=== when a scope's numbers are used up, the message names it
$ sqlite3 a.db "UPDATE order_seqs SET last = 9998 WHERE scope = '01/2026/W47'" && { CRM_SHARE="$SHARE" crm-order encode -d a.db > e.out; s=$?; jq -r .order_code e.out; exit $s; }
< {"plant":"SH","demand_week":"2026-W47"}
< {"plant":"SH","demand_week":"2026-W47"}
> 012611479999----------
! crm-order: <stdin>:2: seq: every number of scope 01/2026/W47 is used (1 to 9999)
? 65

=== a layout that is not one: file:line and exit 78
$ printf '{"fields": [\n {"name": "base", "kind": "map", "width": 2, "map": {"SH": "1"}}\n]}\n' > bad.json && crm-order decode --layout bad.json
! crm-order: bad.json:2: fields[0].map: "SH": not a code of 2 characters (printable ASCII but space, '"' and '\')
? 78

=== a full disk is an error
$ CRM_SHARE="$SHARE" crm-order decode > /dev/full
< {"order_code":"012611470001----------"}
! crm-order: <stdout>: No space left on device
? 74

# Two runs started at the same time against one database, 2000 records
# each in the same scope.  Each holds the write lock from its first
# number to its commit (its input comes late, so the other one surely
# waits): the numbers are 1 to 4000, each once, each run's a block.

=== 2000 records of one scope, and an empty database
$ crm-db init -d c.db && for i in $(seq 2000); do echo '{"plant":"CQ","demand_week":"2026-W48"}'; done > in.jsonl && wc -l < in.jsonl
> 2000

=== two processes at once never hand out a number twice
$ export CRM_SHARE="$SHARE" CRM_BUSY_TIMEOUT=60000; \
    { sleep 0.3; cat in.jsonl; } | crm-order encode -d c.db > a.out & \
    { sleep 0.3; cat in.jsonl; } | crm-order encode -d c.db > b.out & \
    wait; cat a.out b.out | jq -r .order_code | sort | uniq -d | wc -l; \
    cat a.out b.out | jq -r .order_code | sort -u | wc -l; \
    cat a.out b.out | jq -r .seq | sort -n | uniq | wc -l; \
    cat a.out b.out | jq -r .seq | sort -n | sed -n '1p;$p'; \
    for f in a.out b.out; do jq -r .seq $f | sort -n | sed -n '1p'; done | sort -n; \
    sqlite3 c.db "SELECT scope, last FROM order_seqs"
> 0
> 4000
> 4000
> 1
> 4000
> 1
> 2001
> 03/2026/W48|4000
