=== a database: the demo sample, time zones, contacts, deals, leads, units delivered
< UPDATE reps SET timezone = 'Asia/Shanghai' WHERE id = 'R-01';
< INSERT INTO customers (id, name, owner_rep_id, merged_into, created_at) VALUES ('C-1005', 'HD Auto (web)', 'R-01', 'C-1001', '2026-03-01T00:00:00Z');
< INSERT INTO contacts (id, customer_id, name, role, email, phone, opt_out) VALUES
<  ('P-1', 'C-1001', '王小明', 'buyer', 'wang@hd-auto.example.cn', '+86 138 0000 1111', 0),
<  ('P-2', 'C-1002', 'Anna Smith, Jr.', 'owner; CEO', 'anna@westlake.example.cn', '0571-888', 1),
<  ('P-3', 'C-1001', '=HYPERLINK("http://x")', NULL, NULL, NULL, 0);
< INSERT INTO opt_outs (customer_id, contact_id, channel, opted_out_at) VALUES ('C-1001', 'P-3', 'sms', '2026-05-01T00:00:00Z'), ('C-1001', 'P-3', 'email', '2026-05-01T00:00:00Z');
< INSERT INTO addresses (id, customer_id, kind, line1, line2, city, postcode, region, country) VALUES
<  ('AD-1', 'C-1001', 'office', '88 Century Ave; Tower B', 'Floor 12', '上海市浦东新区世纪大道八十八号金茂大厦', '200120', 'Shanghai', 'CN');
< INSERT INTO deals (id, customer_id, owner_rep_id, amount_minor, currency, stage, created_on, closed_on) VALUES
<  ('D-1', 'C-1001', 'R-01', 12000000, 'CNY', 'proposal', '2026-10-01', NULL),
<  ('D-2', 'C-1002', 'R-02', 10000000, 'CNY', 'won', '2026-09-01', '2026-11-10'),
<  ('D-3', 'C-1001', 'R-01', 5000000, 'CNY', 'won', '2026-08-01', '2026-11-05'),
<  ('D-4', 'C-1002', 'R-02', 800000, 'CNY', 'negotiation', '2026-11-15', NULL);
< INSERT INTO leads (id, source, source_id, name, status, owner_rep_id, due_at, created_at, first_contact_at) VALUES
<  ('L-1', 'web', 'w1', 'Liu Yang', 'assigned', 'R-01', '2026-11-22T10:00:00Z', '2026-11-21T09:00:00Z', NULL),
<  ('L-2', 'web', 'w2', 'Chen Jie', 'contacted', 'R-01', NULL, '2026-11-20T09:00:00Z', '2026-11-20T10:00:00Z'),
<  ('L-3', 'web', 'w3', 'Sun Li', 'disqualified', 'R-01', NULL, '2026-11-19T09:00:00Z', NULL);
< INSERT INTO locations (id, name, kind) VALUES ('L1', 'Dealer', 'dealer');
< INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor, currency, serial, location_id, recorded_at) VALUES
<  (1, 'SUV-X5-STD', '2026-05-01', 1, 100, 'CNY', 'VIN-1', 'L1', '2026-05-01T00:00:00Z'),
<  (2, 'SED-A3-STD', '2026-05-01', 1, 100, 'CNY', 'VIN-2', 'L1', '2026-05-01T00:00:00Z');
< INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind, customer_id, recorded_at) VALUES
<  (1, 'L1', '2026-05-01', 1, 'receive', NULL, '2026-05-01T00:00:00Z'),
<  (1, 'L1', '2026-05-22', -1, 'issue', 'C-1001', '2026-05-22T00:00:00Z'),
<  (2, 'L1', '2026-05-01', 1, 'receive', NULL, '2026-05-01T00:00:00Z'),
<  (2, 'L1', '2026-05-31', -1, 'issue', 'C-1002', '2026-05-31T00:00:00Z');
$ crm-db load -q -d crm.db "$SHARE/samples/demo.jsonl" && sqlite3 crm.db

# --- log, plan, done ---

=== log: an activity done now, for a customer; the rep is the owner
$ crm-activity log --kind visit --customer C-1001 --contact P-1 --outcome "order talk" --note "two SUVs"
> {"id":"A-000001","kind":"visit","state":"done","customer_id":"C-1001","contact_id":"P-1","rep_id":"R-01","done_at":"2026-11-22T08:00:00Z","outcome":"order talk","note":"two SUVs","created_at":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z"}

=== log for a deal: its customer and its owner
$ crm-activity log --kind call --deal D-2 --at 2026-11-21T09:00:00+08:00 --fields id,customer_id,deal_id,rep_id,done_at
> {"id":"A-000002","customer_id":"C-1002","deal_id":"D-2","rep_id":"R-02","done_at":"2026-11-21T01:00:00Z"}

=== an activity for a merged customer goes to the survivor, and says so
$ crm-activity log --kind email --customer C-1005 --at 2026-11-20T02:00:00Z --fields id,customer_id,rep_id,merged_from
> {"id":"A-000003","customer_id":"C-1001","rep_id":"R-01","merged_from":"C-1005"}

=== unknown customer, deal, rep, contact; a contact of another customer: nothing written
$ for a in "--customer C-9" "--deal D-9" "--customer C-1001 --rep R-9" "--customer C-1001 --contact P-9" "--customer C-1002 --contact P-1" "--deal D-2 --customer C-1001"; do crm-activity log --kind call $a; echo "exit $?"; done; sqlite3 crm.db "SELECT count(*) FROM activities"
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> 3
! crm-activity: customer_id: unknown customer: C-9
! crm-activity: deal_id: unknown deal: D-9
! crm-activity: rep_id: unknown rep: R-9
! crm-activity: contact_id: unknown contact: P-9
! crm-activity: contact_id: contact P-1 is of customer C-1001, not C-1002
! crm-activity: deal_id: deal D-2 is of customer C-1002, not C-1001

=== bad command lines: no kind, an unknown kind, no customer or deal, a bad time
$ crm-activity log --customer C-1001; echo "exit $?"; crm-activity log --kind lunch --customer C-1001; echo "exit $?"; crm-activity log --kind call; echo "exit $?"; crm-activity log --kind call --customer C-1001 --at yesterday; echo "exit $?"
> exit 64
> exit 64
> exit 64
> exit 64
! crm-activity: --kind: missing (visit, call, email, meeting, task, sms)
! usage: crm-activity log [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--id ID] [--kind KIND] [--customer ID] [--deal ID] [--rep REP] [--contact ID] [--at INSTANT] [--outcome TEXT] [--note TEXT] [--subject TEXT] [--channel CHANNEL] [--unit UNIT] [--service-on DATE]
! crm-activity: --kind: not a kind: lunch (visit, call, email, meeting, task, sms)
! usage: crm-activity log [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--id ID] [--kind KIND] [--customer ID] [--deal ID] [--rep REP] [--contact ID] [--at INSTANT] [--outcome TEXT] [--note TEXT] [--subject TEXT] [--channel CHANNEL] [--unit UNIT] [--service-on DATE]
! crm-activity: --customer or --deal: missing
! usage: crm-activity log [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--id ID] [--kind KIND] [--customer ID] [--deal ID] [--rep REP] [--contact ID] [--at INSTANT] [--outcome TEXT] [--note TEXT] [--subject TEXT] [--channel CHANNEL] [--unit UNIT] [--service-on DATE]
! crm-activity: --at: not an RFC 3339 time: yesterday
! usage: crm-activity log [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--id ID] [--kind KIND] [--customer ID] [--deal ID] [--rep REP] [--contact ID] [--at INSTANT] [--outcome TEXT] [--note TEXT] [--subject TEXT] [--channel CHANNEL] [--unit UNIT] [--service-on DATE]

=== a customer without an owner needs --rep
$ sqlite3 crm.db "INSERT INTO customers (id, name, created_at) VALUES ('C-NONE', 'Nobody', 'x')" && crm-activity log --kind call --customer C-NONE; echo "exit $?"
> exit 65
! crm-activity: rep_id: missing (customer C-NONE has no owner rep)

=== plan needs --at; an --id that exists is refused
$ crm-activity plan --kind visit --customer C-1001; echo "exit $?"; crm-activity plan --id A-000001 --kind visit --customer C-1001 --at 2026-11-23T02:00:00Z; echo "exit $?"
> exit 64
> exit 65
! crm-activity: --at: missing (when the activity is planned)
! usage: crm-activity plan [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--id ID] [--kind KIND] [--customer ID] [--deal ID] [--rep REP] [--contact ID] [--at INSTANT] [--outcome TEXT] [--note TEXT] [--subject TEXT] [--channel CHANNEL] [--unit UNIT] [--service-on DATE]
! crm-activity: id: activity A-000001 exists (crm-activity done or import change it)

=== plan visits around R-01's week in Shanghai (UTC+8) and R-02's in UTC
$ for p in "A-SUN-2330 C-1001 2026-11-22T15:30:00Z" "A-MON-0030 C-1001 2026-11-22T16:30:00Z" "A-OLD C-1001 2026-11-15T01:00:00Z" "A-UTC-SUN C-1002 2026-11-22T23:30:00Z" "A-UTC-SAT C-1002 2026-11-21T23:59:59Z" "A-MONTH-END C-1001 2026-11-30T16:30:00Z" "A-LEAP C-1002 2028-02-29T12:00:00Z"; do set -- $p; crm-activity plan --id $1 --kind visit --customer $2 --at $3 --fields id,rep_id,planned_at || break; done
> {"id":"A-SUN-2330","rep_id":"R-01","planned_at":"2026-11-22T15:30:00Z"}
> {"id":"A-MON-0030","rep_id":"R-01","planned_at":"2026-11-22T16:30:00Z"}
> {"id":"A-OLD","rep_id":"R-01","planned_at":"2026-11-15T01:00:00Z"}
> {"id":"A-UTC-SUN","rep_id":"R-02","planned_at":"2026-11-22T23:30:00Z"}
> {"id":"A-UTC-SAT","rep_id":"R-02","planned_at":"2026-11-21T23:59:59Z"}
> {"id":"A-MONTH-END","rep_id":"R-01","planned_at":"2026-11-30T16:30:00Z"}
> {"id":"A-LEAP","rep_id":"R-02","planned_at":"2028-02-29T12:00:00Z"}

=== done: marks it done with its outcome; twice is refused (exit 65)
$ crm-activity done A-OLD --outcome "late but done" --at 2026-11-16T03:00:00Z --fields id,state,planned_at,done_at,outcome; crm-activity done A-OLD; echo "exit $?"
> {"id":"A-OLD","state":"done","planned_at":"2026-11-15T01:00:00Z","done_at":"2026-11-16T03:00:00Z","outcome":"late but done"}
> exit 65
! crm-activity: A-OLD: already done at 2026-11-16T03:00:00Z

=== done with an unknown id among good ones writes nothing
$ crm-activity done A-SUN-2330 A-NOPE; echo "exit $?"; crm-activity list --planned --fields id | tr '\n' ' '; echo
> exit 65
> {"id":"A-UTC-SAT"} {"id":"A-SUN-2330"} {"id":"A-MON-0030"} {"id":"A-UTC-SUN"} {"id":"A-MONTH-END"} {"id":"A-LEAP"} 
! crm-activity: A-NOPE: no such activity

# --- import ---

=== import: strict, the first bad record stops the run, nothing kept
< {"id":"I-1","kind":"meeting","customer_id":"C-1002","planned_at":"2026-11-24T02:00:00Z"}
< {"id":"I-2","kind":"visit","customer_id":"C-404","done_at":"2026-11-20T02:00:00Z"}
$ crm-activity import; echo "exit $?"; sqlite3 crm.db "SELECT count(*) FROM activities WHERE id LIKE 'I-%'"
> exit 65
> 0
! crm-activity: <stdin>:2: customer_id: unknown customer: C-404

=== --reject sets bad records aside; read = accepted + rejected
< {"id":"I-1","kind":"meeting","customer_id":"C-1002","planned_at":"2026-11-24T02:00:00Z"}
< {"id":"I-2","kind":"visit","customer_id":"C-404","done_at":"2026-11-20T02:00:00Z"}
< {"id":"I-3","kind":"visit","customer_id":"C-1002"}
< {"id":"I-4","kind":"visit","customer_id":"C-1005","done_at":"2026-11-18T02:00:00Z","colour":"red"}
< {"id":"I-5","kind":"visit","customer_id":"C-1005","done_at":"2026-11-18T02:00:00Z"}
$ crm-activity import --reject bad.jsonl && jq -c '[.line, .error]' bad.jsonl
> [2,"<stdin>:2: customer_id: unknown customer: C-404"]
> [3,"<stdin>:3: planned_at: missing (an activity is planned, done or both)"]
> [4,"<stdin>:4: colour: not a field of an activity"]
! crm-activity: read 5, accepted 2, rejected 3, new 2, updated 0, unchanged 0, redirected from merged customers 1

=== importing again is harmless; a changed record is updated
< {"id":"I-1","kind":"meeting","customer_id":"C-1002","planned_at":"2026-11-24T02:00:00Z"}
< {"id":"I-5","kind":"visit","customer_id":"C-1001","done_at":"2026-11-18T02:00:00Z","outcome":"signed"}
$ crm-activity import && crm-activity list --customer C-1001 --kind visit --done --fields id,customer_id,done_at,outcome
> {"id":"A-OLD","customer_id":"C-1001","done_at":"2026-11-16T03:00:00Z","outcome":"late but done"}
> {"id":"I-5","customer_id":"C-1001","done_at":"2026-11-18T02:00:00Z","outcome":"signed"}
> {"id":"A-000001","customer_id":"C-1001","done_at":"2026-11-22T08:00:00Z","outcome":"order talk"}
! crm-activity: read 2, accepted 2, rejected 0, new 0, updated 1, unchanged 1, redirected from merged customers 0

=== CSV too; list writes what import reads
$ printf 'id,kind,customer_id,rep_id,planned_at,subject\nI-6,task,C-1003,R-03,2026-11-25T01:00:00Z,"send quote, price list"\n' > a.csv && crm-activity import a.csv && crm-activity list --rep R-03 > r3.jsonl && crm-activity import r3.jsonl && cat r3.jsonl
> {"id":"I-6","kind":"task","state":"planned","customer_id":"C-1003","rep_id":"R-03","subject":"send quote, price list","planned_at":"2026-11-25T01:00:00Z","created_at":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z"}
! crm-activity: read 1, accepted 1, rejected 0, new 1, updated 0, unchanged 0, redirected from merged customers 0
! crm-activity: read 1, accepted 1, rejected 0, new 0, updated 0, unchanged 1, redirected from merged customers 0

# --- list ---

=== list by team, kind, dates and state
$ crm-activity list --team T-EAST --kind visit --from 2026-11-22 --to 2026-11-22 --planned -f tsv --fields id,rep_id,planned_at
> id	rep_id	planned_at
> A-SUN-2330	R-01	2026-11-22T15:30:00Z
> A-MON-0030	R-01	2026-11-22T16:30:00Z
> A-UTC-SUN	R-02	2026-11-22T23:30:00Z

=== list: bad filters are usage errors
$ crm-activity list --kind lunch; echo "exit $?"; crm-activity list --from 2026-13-01; echo "exit $?"; crm-activity list --planned --done; echo "exit $?"
> exit 64
> exit 64
> exit 64
! crm-activity: --kind: not a kind: lunch (visit, call, email, meeting, task, sms)
! usage: crm-activity list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--rep REP] [--team TEAM] [--customer ID] [--deal ID] [--kind KIND] [--from DATE] [--to DATE] [--planned] [--done]
! crm-activity: --from: no such date: 2026-13-01
! usage: crm-activity list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--rep REP] [--team TEAM] [--customer ID] [--deal ID] [--kind KIND] [--from DATE] [--to DATE] [--planned] [--done]
! crm-activity: --planned and --done: one or the other
! usage: crm-activity list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--rep REP] [--team TEAM] [--customer ID] [--deal ID] [--kind KIND] [--from DATE] [--to DATE] [--planned] [--done]

# --- agenda ---

=== R-01 (Asia/Shanghai) today: 16:00 there; 23:30 Sunday is today, 00:30 Monday is not
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-01
> {"rep_id":"R-01","section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330","kind":"visit","customer_id":"C-1001"}
> {"rep_id":"R-01","section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1","name":"Liu Yang","status":"assigned","created_at":"2026-11-21T09:00:00Z","due_at":"2026-11-22T10:00:00Z"}
> {"rep_id":"R-01","section":"stale_deal","due":"2026-10-15","id":"D-1","customer_id":"C-1001","stage":"proposal","amount":"120000.00","currency":"CNY","created_on":"2026-10-01","idle_days":52}

=== the week in Shanghai: Monday 2026-11-16 to Sunday 2026-11-22 local time
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-01 --week --fields section,due,id
> {"section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330"}
> {"section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1"}
> {"section":"stale_deal","due":"2026-10-15","id":"D-1"}

=== the same rep's week in UTC (no time zone of its own, no --tz): Monday 00:30 in Shanghai is still Sunday
$ export CRM_SHARE="$SHARE"; sqlite3 crm.db "UPDATE reps SET timezone = NULL WHERE id = 'R-01'" && crm-activity agenda --rep R-01 --week --fields section,due,id && echo -- && crm-activity agenda --rep R-01 --week --tz Asia/Shanghai --fields section,due,id; sqlite3 crm.db "UPDATE reps SET timezone = 'Asia/Shanghai' WHERE id = 'R-01'"
> {"section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330"}
> {"section":"planned","due":"2026-11-22T16:30:00Z","id":"A-MON-0030"}
> {"section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1"}
> {"section":"stale_deal","due":"2026-10-15","id":"D-1"}
> --
> {"section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330"}
> {"section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1"}
> {"section":"stale_deal","due":"2026-10-15","id":"D-1"}

=== R-02 (UTC): ISO week, then the week that starts on Sunday 2026-11-22
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-02 --week --date 2026-11-22 --fields section,due,id && echo -- && crm-activity agenda --rep R-02 --week --date 2026-11-22 --week-start sunday --fields section,due,id
> {"section":"planned","due":"2026-11-21T23:59:59Z","id":"A-UTC-SAT"}
> {"section":"planned","due":"2026-11-22T23:30:00Z","id":"A-UTC-SUN"}
> --
> {"section":"overdue","due":"2026-11-21T23:59:59Z","id":"A-UTC-SAT"}
> {"section":"planned","due":"2026-11-22T23:30:00Z","id":"A-UTC-SUN"}
> {"section":"planned","due":"2026-11-24T02:00:00Z","id":"I-1"}

=== month end in Shanghai: 00:30 on 1 December there is not November; December has it and a service due
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-01 --month --date 2026-11-30 --fields section,due,id && echo -- && crm-activity agenda --rep R-01 --month --date 2026-12-01 -f tsv --fields section,due,id,customer_id,serial,service,idle_days
> {"section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330"}
> {"section":"planned","due":"2026-11-22T16:30:00Z","id":"A-MON-0030"}
> {"section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1"}
> {"section":"stale_deal","due":"2026-10-15","id":"D-1"}
> --
> section	due	id	customer_id	serial	service	idle_days
> overdue	2026-11-22T15:30:00Z	A-SUN-2330	C-1001			
> overdue	2026-11-22T16:30:00Z	A-MON-0030	C-1001			
> planned	2026-11-30T16:30:00Z	A-MONTH-END	C-1001			
> lead	2026-11-22T10:00:00Z	L-1				
> stale_deal	2026-10-15	D-1	C-1001			61
> service	2026-12-22		C-1001	VIN-1	regular service	

=== a leap day; the deal idle since 2026-11-15 is stale from 2026-11-29; VIN-2's service of 2027-12-31, not done, is overdue
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-02 --date 2028-02-29 --stale-days 14 --fields section,due,id,unit,idle_days
> {"section":"overdue","due":"2026-11-21T23:59:59Z","id":"A-UTC-SAT"}
> {"section":"overdue","due":"2026-11-22T23:30:00Z","id":"A-UTC-SUN"}
> {"section":"overdue","due":"2026-11-24T02:00:00Z","id":"I-1"}
> {"section":"overdue","due":"2027-12-31","unit":"VIN-2"}
> {"section":"planned","due":"2028-02-29T12:00:00Z","id":"A-LEAP"}
> {"section":"stale_deal","due":"2026-11-29","id":"D-4","idle_days":471}

=== a team: every active rep in turn, each in its own time zone
$ export CRM_SHARE="$SHARE"; crm-activity agenda --team T-EAST --fields rep_id,section,due,id
> {"rep_id":"R-01","section":"planned","due":"2026-11-22T15:30:00Z","id":"A-SUN-2330"}
> {"rep_id":"R-01","section":"lead","due":"2026-11-22T10:00:00Z","id":"L-1"}
> {"rep_id":"R-01","section":"stale_deal","due":"2026-10-15","id":"D-1"}
> {"rep_id":"R-02","section":"overdue","due":"2026-11-21T23:59:59Z","id":"A-UTC-SAT"}
> {"rep_id":"R-02","section":"planned","due":"2026-11-22T23:30:00Z","id":"A-UTC-SUN"}

=== agenda: bad command lines (exit 64; a directory of zones is no zone) and a rep's bad time zone (exit 65)
$ export CRM_SHARE="$SHARE"; for a in "--rep R-9" "--team T-9" "--rep R-01 --team T-EAST" "" "--rep R-02 --tz Mars/Base" "--rep R-02 --tz America" "--rep R-02 --week-start friday" "--rep R-02 --day --week" "--rep R-02 --stale-days 0" "--rep R-02 --date 2026-02-30"; do crm-activity agenda $a 2>&1 | sed -n 1p; echo "exit ${PIPESTATUS[0]}"; done; sqlite3 crm.db "UPDATE reps SET timezone = 'Asia/Nowhere' WHERE id = 'R-02'"; crm-activity agenda --rep R-02; echo "exit $?"; sqlite3 crm.db "UPDATE reps SET timezone = NULL WHERE id = 'R-02'"
> crm-activity: --rep: unknown rep: R-9
> exit 64
> crm-activity: --team: unknown team: T-9
> exit 64
> crm-activity: give --rep or --team
> exit 64
> crm-activity: give --rep or --team
> exit 64
> crm-activity: --tz: unknown time zone: Mars/Base
> exit 64
> crm-activity: --tz: unknown time zone: America
> exit 64
> crm-activity: --week-start: monday or sunday: friday
> exit 64
> crm-activity: --day, --week, --month: one of them
> exit 64
> crm-activity: --stale-days: not a whole number from 1 to 3650: 0
> exit 64
> crm-activity: --date: no such date: 2026-02-30
> exit 64
> exit 65
! crm-activity: reps R-02: timezone: unknown time zone: Asia/Nowhere

# --- frequency ---

=== visits per rep and customer per month against won deals
$ export CRM_SHARE="$SHARE"; crm-activity frequency -f table
> period   rep_id  customer_id  visits  won_deals  won_amount  currency  visits_per_won  flag
> -------  ------  -----------  ------  ---------  ----------  --------  --------------  ----
> 2026-11  R-01    C-1001            3          1    50000.00  CNY                 3.00
> 2026-11  R-02    C-1002            0          1   100000.00  CNY                 0.00

=== by rep, calls and e-mails counted too
$ export CRM_SHARE="$SHARE"; crm-activity frequency --by rep --kinds visit,call,email --from 2026-11-01 --to 2026-11-30
> {"period":"2026-11","rep_id":"R-01","visits":4,"won_deals":1,"won_amount":"50000.00","currency":"CNY","visits_per_won":4.00}
> {"period":"2026-11","rep_id":"R-02","visits":1,"won_deals":1,"won_amount":"100000.00","currency":"CNY","visits_per_won":1.00}

=== won deals in two currencies: choose one
$ export CRM_SHARE="$SHARE"; sqlite3 crm.db "INSERT INTO deals (id, customer_id, owner_rep_id, amount_minor, currency, stage, created_on, closed_on) VALUES ('D-5', 'C-1003', 'R-03', 100000, 'EUR', 'won', '2026-10-01', '2026-11-12')" && crm-activity frequency; echo "exit $?"; crm-activity frequency --by rep --currency EUR
> exit 64
> {"period":"2026-11","rep_id":"R-01","visits":3,"won_deals":0,"won_amount":"0.00","currency":"EUR"}
> {"period":"2026-11","rep_id":"R-03","visits":0,"won_deals":1,"won_amount":"1000.00","currency":"EUR","visits_per_won":0.00}
! crm-activity: won deals in 2 currencies (CNY, EUR): choose one with --currency
! usage: crm-activity frequency [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by BY] [--period PERIOD] [--from DATE] [--to DATE] [--kinds LIST] [--currency CODE] [--stages FILE]

=== frequency: bad command lines
$ export CRM_SHARE="$SHARE"; for a in "--by team" "--period day" "--kinds visit,lunch" "--from 2026-11-31"; do crm-activity frequency $a 2>&1 | sed -n 1p; echo "exit ${PIPESTATUS[0]}"; done
> crm-activity: --by: rep, customer or rep,customer: team
> exit 64
> crm-activity: --period: not week or month: day
> exit 64
> crm-activity: --kinds: not a list of kinds (visit, call, email, meeting, task, sms): visit,lunch
> exit 64
> crm-activity: --from: no such date: 2026-11-31
> exit 64

# --- contacts ---

=== vCard 4.0: CRLF line ends, lines folded at 75 octets inside no character; merged customers left out
$ crm-activity contacts --rep R-01 | tr -d '\r'
> BEGIN:VCARD
> VERSION:4.0
> UID;VALUE=text:P-1
> FN:王小明
> N:王小明;;;;
> ORG:上海华东汽车销售有限公司
> ROLE:buyer
> EMAIL:wang@hd-auto.example.cn
> TEL;VALUE=uri:tel:+8613800001111
> ADR:;;88 Century Ave\; Tower B,Floor 12;上海市浦东新区世纪大道
>  八十八号金茂大厦;Shanghai;200120;CN
> END:VCARD
> BEGIN:VCARD
> VERSION:4.0
> UID;VALUE=text:P-3
> FN:=HYPERLINK("http://x")
> N:=HYPERLINK("http://x");;;;
> ORG:上海华东汽车销售有限公司
> ADR:;;88 Century Ave\; Tower B,Floor 12;上海市浦东新区世纪大道
>  八十八号金茂大厦;Shanghai;200120;CN
> NOTE:opted out of contact: email\, sms
> END:VCARD

=== every line ends in CRLF, none longer than 75 octets before it
$ crm-activity contacts --team T-EAST | LC_ALL=C awk '!/\r$/ { bad++ } { sub(/\r$/, ""); if (length > max) max = length } END { print bad + 0, max }'
> 0 73

=== CSV: formulas defused, opted-out contacts listed with what they opted out of
$ crm-activity contacts --team T-EAST -f csv | tr -d '\r'
> contact_id,name,role,email,phone,customer_id,customer,owner_rep_id,opted_out,address
> P-1,王小明,buyer,wang@hd-auto.example.cn,'+86 138 0000 1111,C-1001,上海华东汽车销售有限公司,R-01,,"88 Century Ave; Tower B, Floor 12, 上海市浦东新区世纪大道八十八号金茂大厦, Shanghai, 200120, CN"
> P-3,"'=HYPERLINK(""http://x"")",,,,C-1001,上海华东汽车销售有限公司,R-01,"email, sms","88 Century Ave; Tower B, Floor 12, 上海市浦东新区世纪大道八十八号金茂大厦, Shanghai, 200120, CN"
> P-2,"Anna Smith, Jr.",owner; CEO,anna@westlake.example.cn,0571-888,C-1002,Hangzhou West Lake Motors,R-02,all,

=== contacts: --rep or --team, known ones
$ for a in "" "--rep R-01 --team T-EAST" "--rep R-9" "--team T-9"; do crm-activity contacts $a 2>&1 | sed -n 1p; echo "exit ${PIPESTATUS[0]}"; done
> crm-activity: give --rep or --team
> exit 64
> crm-activity: give --rep or --team
> exit 64
> crm-activity: --rep: unknown rep: R-9
> exit 64
> crm-activity: --team: unknown team: T-9
> exit 64

=== a full disk is an error
$ crm-activity contacts --rep R-01 > /dev/full; echo "exit $?"
> exit 74
! crm-activity: <stdout>: No space left on device

# --- services: activities that carry out the services of delivered units ---

=== a unit that was not delivered to the customer is refused, naming the field
$ crm-activity plan --kind visit --customer C-1001 --unit VIN-2 --service-on 2026-12-31 --at 2026-12-20T02:00:00Z; echo "exit $?"; crm-activity plan --kind visit --customer C-1001 --unit VIN-9 --at 2026-12-20T02:00:00Z; echo "exit $?"
> exit 65
> exit 65
! crm-activity: unit: no unit VIN-2 was delivered to customer C-1001
! crm-activity: unit: no unit VIN-9 was delivered to customer C-1001

=== --service-on needs --unit and a date (usage errors); so does service_on in an import
< {"id":"S-X","kind":"visit","customer_id":"C-1001","planned_at":"2026-12-20T02:00:00Z","service_on":"2026-12-22"}
< {"id":"S-Y","kind":"visit","customer_id":"C-1001","planned_at":"2026-12-20T02:00:00Z","unit":"VIN-1","service_on":"22.12.2026"}
< {"id":"S-Z","kind":"visit","customer_id":"C-1002","planned_at":"2026-12-20T02:00:00Z","unit":"VIN-1","service_on":"2026-12-22"}
$ crm-activity plan --kind visit --customer C-1001 --service-on 2026-12-22 --at 2026-12-20T02:00:00Z 2>&1 | sed -n 1p; crm-activity plan --kind visit --customer C-1001 --unit VIN-1 --service-on 2026-12-32 --at 2026-12-20T02:00:00Z 2>&1 | sed -n 1p; crm-activity import --reject bad.jsonl; jq -r .error bad.jsonl; sqlite3 crm.db "SELECT count(*) FROM activities WHERE id LIKE 'S-%' OR unit IS NOT NULL"
> crm-activity: --service-on: needs --unit
> crm-activity: --service-on: no such date: 2026-12-32
> <stdin>:1: service_on: needs unit (the serial or lot of the unit serviced)
> <stdin>:2: service_on: not a date (YYYY-MM-DD)
> <stdin>:3: unit: no unit VIN-1 was delivered to customer C-1002
> 0
! crm-activity: read 3, accepted 0, rejected 3, new 0, updated 0, unchanged 0, redirected from merged customers 0

=== December: VIN-1's service of 2026-12-22 is due; planned by an activity, it is listed once, as that activity
$ export CRM_SHARE="$SHARE"; crm-activity agenda --rep R-01 --month --date 2026-12-01 --fields section,due,id,unit,service_on,due_on,service | grep -e VIN -e S-1; crm-activity plan --id S-1 --kind visit --customer C-1001 --unit VIN-1 --service-on 2026-12-22 --at 2026-12-20T02:00:00Z --fields id,unit,service_on && crm-activity agenda --rep R-01 --month --date 2026-12-01 --fields section,due,id,unit,service_on,due_on,service | grep -e VIN -e S-1
> {"section":"service","due":"2026-12-22","unit":"VIN-1","due_on":"2026-12-22","service":"regular service"}
> {"id":"S-1","unit":"VIN-1","service_on":"2026-12-22"}
> {"section":"planned","due":"2026-12-20T02:00:00Z","id":"S-1","unit":"VIN-1","service_on":"2026-12-22"}

=== done, the service leaves the agenda; list writes unit and service_on
$ export CRM_SHARE="$SHARE"; crm-activity done S-1 --at 2026-12-20T03:00:00Z -q -o /dev/null && crm-activity agenda --rep R-01 --month --date 2026-12-01 --fields section,id,unit | grep -c -e VIN -e S-1; crm-activity list --customer C-1001 --done --fields id,unit,service_on,done_at | grep S-1
> 0
> {"id":"S-1","unit":"VIN-1","service_on":"2026-12-22","done_at":"2026-12-20T03:00:00Z"}

=== overdue: VIN-1's first service, 2026-06-22, is 153 days before 2026-11-22: inside a lookback of 153, not of 152 or the default 90
$ export CRM_SHARE="$SHARE"; for n in 153 152 90 0; do echo "lookback $n:"; crm-activity agenda --rep R-01 --service-lookback $n --fields section,due,unit,due_on,service,customer_id,sku | grep VIN; done; true
> lookback 153:
> {"section":"overdue","due":"2026-06-22","unit":"VIN-1","due_on":"2026-06-22","service":"first service","customer_id":"C-1001","sku":"SUV-X5-STD"}
> lookback 152:
> lookback 90:
> lookback 0:

=== a service done late (an activity logged with its due date) is no longer overdue
$ export CRM_SHARE="$SHARE"; crm-activity log --kind visit --customer C-1001 --unit VIN-1 --service-on 2026-06-22 --at 2026-06-25T03:00:00Z -q -o /dev/null && crm-activity agenda --rep R-01 --service-lookback 153 --fields section,unit | jq -s 'map(select(.unit == "VIN-1")) | length'
> 0

=== units of a lot without serial, delivered to a customer since merged: the survivor's rep has the service, overdue, and can plan it
< INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor, currency, serial, location_id, recorded_at) VALUES (3, 'SED-A3-STD', '2026-09-01', 2, 100, 'CNY', NULL, 'L1', '2026-09-01T00:00:00Z');
< INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind, customer_id, recorded_at) VALUES (3, 'L1', '2026-09-01', 2, 'receive', NULL, '2026-09-01T00:00:00Z'), (3, 'L1', '2026-10-15', -2, 'issue', 'C-1005', '2026-10-15T00:00:00Z');
$ export CRM_SHARE="$SHARE"; sqlite3 crm.db && crm-activity agenda --rep R-01 --fields section,due,unit,customer_id,merged_from,due_on,service,qty | grep '"3"'; crm-activity plan --kind visit --customer C-1005 --unit 3 --service-on 2026-11-15 --at 2026-11-23T02:00:00Z --fields customer_id,unit,service_on,merged_from && crm-activity agenda --rep R-01 --week --fields section,due,unit,service_on | grep '"3"'; crm-activity plan --kind visit --customer C-1002 --unit 3 --at 2026-11-23T02:00:00Z; echo "exit $?"
> {"section":"overdue","due":"2026-11-15","unit":"3","customer_id":"C-1001","merged_from":"C-1005","due_on":"2026-11-15","service":"first service","qty":2}
> {"customer_id":"C-1001","unit":"3","service_on":"2026-11-15","merged_from":"C-1005"}
> exit 65
! crm-activity: unit: no unit 3 was delivered to customer C-1002

# --- days of 23 and 25 hours ---

=== New York: 2026-03-08 has 23 hours (05:00Z to 04:00Z), 2026-11-01 has 25 (04:00Z to 05:00Z); each day holds its first and last second only
$ export CRM_SHARE="$SHARE"; for p in "DST-0307-LAST 2026-03-08T04:59:59Z" "DST-0308-FIRST 2026-03-08T05:00:00Z" "DST-0308-LAST 2026-03-09T03:59:59Z" "DST-0309-FIRST 2026-03-09T04:00:00Z" "DST-1031-LAST 2026-11-01T03:59:59Z" "DST-1101-FIRST 2026-11-01T04:00:00Z" "DST-1101-LAST 2026-11-02T04:59:59Z" "DST-1102-FIRST 2026-11-02T05:00:00Z"; do set -- $p; crm-activity plan -q -o /dev/null --id $1 --kind call --customer C-1003 --at $2 || break; done; for d in 2026-03-08 2026-11-01; do crm-activity agenda --rep R-03 --tz America/New_York --date $d --fields section,id | grep DST | tr '\n' ' '; echo; done
> {"section":"overdue","id":"DST-0307-LAST"} {"section":"planned","id":"DST-0308-FIRST"} {"section":"planned","id":"DST-0308-LAST"} 
> {"section":"overdue","id":"DST-0307-LAST"} {"section":"overdue","id":"DST-0308-FIRST"} {"section":"overdue","id":"DST-0308-LAST"} {"section":"overdue","id":"DST-0309-FIRST"} {"section":"overdue","id":"DST-1031-LAST"} {"section":"planned","id":"DST-1101-FIRST"} {"section":"planned","id":"DST-1101-LAST"} 

# --- contacts, continued ---

=== vCard: an address with no first line has no empty street value before the second; , and ; escaped in FN, N and ROLE; a local number as text
$ sqlite3 crm.db "INSERT INTO addresses (id, customer_id, line1, line2, city, country) VALUES ('AD-2', 'C-1002', NULL, 'Unit 5', 'Hangzhou', 'CN')" && crm-activity contacts --rep R-02 | tr -d '\r'
> BEGIN:VCARD
> VERSION:4.0
> UID;VALUE=text:P-2
> FN:Anna Smith\, Jr.
> N:Anna Smith\, Jr.;;;;
> ORG:Hangzhou West Lake Motors
> ROLE:owner\; CEO
> EMAIL:anna@westlake.example.cn
> TEL;VALUE=text:0571-888
> ADR:;;Unit 5;Hangzhou;;;CN
> NOTE:opted out of contact: all
> END:VCARD
