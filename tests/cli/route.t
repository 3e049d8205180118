# crm-lead routing: reps and teams, routing rules, assignment, response
# deadlines, delegation and transfer.

# --- reps import and list ---

=== reps and teams go in; an unknown team is made; e-mails normalised
< {"type":"team","id":"T-EAST","name":"East","region":"East","lead_rep_id":"R-01"}
< {"id":"R-01","name":"Ann","email":" Ann@Example.COM ","team_id":"T-EAST","capacity":2}
< {"id":"R-02","name":"Bob","team_id":"T-EAST"}
< {"id":"R-03","team_id":"T-WEST","active":false}
$ crm-lead reps import -d a.db
! crm-lead: read 4, accepted 4, rejected 0, new 4, updated 0, unchanged 0, teams created 1

=== reps list: team, open leads, every column there for a table
$ crm-lead reps list -d a.db -f table
> id    name  email            phone  team_id  team_name  region  active  capacity  open_leads
> ----  ----  ---------------  -----  -------  ---------  ------  ------  --------  ----------
> R-01  Ann   ann@example.com         T-EAST   East               true           2           0
> R-02  Bob                           T-EAST   East               true                       0
> R-03  R-03                          T-WEST   T-WEST             false                      0

=== re-importing is harmless; a field left out keeps its value, null clears it
< {"id":"R-01","name":"Ann"}
< {"id":"R-02","capacity":null,"region":"East"}
$ crm-lead reps import -d a.db && crm-lead reps list -d a.db --fields id,email,region,capacity
> {"id":"R-01","email":"ann@example.com","region":null,"capacity":2}
> {"id":"R-02","email":null,"region":"East","capacity":null}
> {"id":"R-03","email":null,"region":null,"capacity":null}
! crm-lead: read 2, accepted 2, rejected 0, new 0, updated 1, unchanged 1, teams created 0

=== CSV: empty cells keep, active and capacity as text
$ printf 'id,name,team_id,active,capacity\nR-04,Dan,T-EAST,true,3\nR-03,,,1,\n' > reps.csv && crm-lead reps import -d a.db reps.csv && crm-lead reps list -d a.db --fields id,name,team_id,active,capacity -f tsv
> id	name	team_id	active	capacity
> R-01	Ann	T-EAST	true	2
> R-02	Bob	T-EAST	true	
> R-03	R-03	T-WEST	true	
> R-04	Dan	T-EAST	true	3
! crm-lead: read 2, accepted 2, rejected 0, new 1, updated 1, unchanged 0, teams created 0

=== strict: the first bad record rolls everything back
< {"id":"R-05","team_id":"T-NEW"}
< {"id":"R-06","capacity":-1}
$ crm-lead reps import -d a.db; echo "exit $?"; crm-lead reps list -d a.db --fields id | tr '\n' ' '; echo
> exit 65
> {"id":"R-01"} {"id":"R-02"} {"id":"R-03"} {"id":"R-04"} 
! crm-lead: <stdin>:2: capacity: not a whole number from 0 (the most open leads)

=== --reject sets bad records aside; read = accepted + rejected
< {"id":"R-05","team_id":"T-NEW"}
< {"id":"R-06","active":"maybe","team_id":"T-OTHER"}
< {"name":"no id"}
< {"id":"R-07","email":"not-an-address"}
$ crm-lead reps import -d a.db --reject bad.jsonl && cut -c1-70 bad.jsonl
> {"file":"<stdin>","line":2,"error":"<stdin>:2: active: not true or fal
> {"file":"<stdin>","line":3,"error":"<stdin>:3: id: missing","text":"{\
> {"file":"<stdin>","line":4,"error":"<stdin>:4: email: not an e-mail ad
! crm-lead: read 4, accepted 1, rejected 3, new 1, updated 0, unchanged 0, teams created 1

=== a team's lead rep may come later in the same import
< {"type":"team","id":"T-NORTH","name":"North","lead_rep_id":"R-10"}
< {"id":"R-10","name":"Eve","team_id":"T-NORTH"}
$ crm-lead reps import -d a.db
! crm-lead: read 2, accepted 2, rejected 0, new 2, updated 0, unchanged 0, teams created 0

=== but must come: checked before the commit
< {"type":"team","id":"T-SOUTH","lead_rep_id":"R-99"}
$ crm-lead reps import -d a.db; echo "exit $?"; crm-lead reps list -d a.db -f tsv --fields team_id | sort -u | tr '\n' ' '; echo
> exit 65
> T-EAST T-NEW T-NORTH T-WEST team_id 
! crm-lead: <stdin>:1: lead_rep_id: no rep R-99 (a team's lead rep must be a rep)

=== a bad --country is a usage error, before anything is read
$ crm-lead reps import -d a.db --country 8x6 < /dev/null
! crm-lead: --country: not a country calling code (1 to 3 digits, such as 86 or 1): 8x6
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
? 64

=== reps needs import or list, and the options of the one it does
$ crm-lead reps -d a.db; crm-lead reps list -d a.db --reject x.jsonl; crm-lead reps list -d a.db extra
! crm-lead: reps: import or list?
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
! crm-lead: reps list: --reject is for reps import
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
! crm-lead: reps list takes no files
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
? 64

# --- routing rules: checked on load, exit 78 naming file and line ---

=== a route after one that catches all is never used
$ printf '{"routes":[\n {"team":"T-A","strategy":"round_robin"},\n {"match":{"region":"x"},"team":"T-A","strategy":"least_loaded"}\n]}\n' > bad1.json && crm-lead assign --routing bad1.json -d none.db < /dev/null
! crm-lead: bad1.json:3: routes[1]: never used: routes[0] before it catches all
? 78

=== an unknown strategy
$ printf '{"routes":[\n {"match":{"region":"x"},\n  "team":"T-A",\n  "strategy":"fastest"}\n]}\n' > bad2.json && crm-lead assign --routing bad2.json -d none.db < /dev/null
! crm-lead: bad2.json:4: routes[0].strategy: round_robin or least_loaded, not "fastest"
? 78

=== match keys and values are checked
$ printf '{"routes":[{"match":{"city":"x"},"team":"T","strategy":"round_robin"}]}' > bad3.json && printf '{"routes":[{"match":{"region":[]},"team":"T","strategy":"round_robin"}]}' > bad4.json && printf '{"routes":[{"team":"T"}],"ownership":"yes"}' > bad5.json && printf '{"routes":[]}' > bad6.json && for f in bad3 bad4 bad5 bad6; do crm-lead assign --routing $f.json -d none.db < /dev/null; echo "exit $?"; done
> exit 78
> exit 78
> exit 78
> exit 78
! crm-lead: bad3.json:1: routes[0].match: unknown key "city" (region, product, channel)
! crm-lead: bad4.json:1: routes[0].match.region: a string or a list of strings
! crm-lead: bad5.json:1: ownership: true or false
! crm-lead: bad6.json:1: routes: a list of routes, not empty

=== response deadlines are checked too
$ printf '{"response":{"A":"4h",\n "B":"soon"},\n "default":"3d"}\n' > sla1.json && printf '{"response":{"A":"4h"}}' > sla2.json && crm-lead overdue --sla sla1.json -d none.db; crm-lead overdue --sla sla2.json -d none.db
! crm-lead: sla1.json:2: response.B: not a duration (such as 30m, 4h, 2d; at most 3650d)
! crm-lead: sla2.json:1: default: missing (the deadline of leads without a priority)
? 78

=== the default rule files load
$ CRM_SHARE="$SHARE" crm-lead overdue -d a.db

# --- assignment ---

=== a database to route in: teams, reps, a customer, leads
< {"type":"crm_dump","schema_version":3}
< {"type":"teams","id":"T-A","name":"East","lead_rep_id":"A1","created_at":"2026-01-01T00:00:00Z"}
< {"type":"teams","id":"T-B","name":"West","lead_rep_id":"B2","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"A1","name":"Ann","team_id":"T-A","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"A2","name":"Al","team_id":"T-A","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"A3","name":"Amy","team_id":"T-A","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"B1","name":"Bob","team_id":"T-B","active":1,"capacity":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"B2","name":"Bea","team_id":"T-B","active":1,"capacity":2,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"B3","name":"Ben","team_id":"T-B","active":0,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C-1","name":"Acme","owner_rep_id":"A2","created_at":"2026-01-01T00:00:00Z"}
< {"type":"leads","id":"web:1","source":"web","source_id":"1","status":"new","region":"East","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:2","source":"web","source_id":"2","status":"new","region":"east ","created_at":"2026-11-02T00:00:00Z"}
< {"type":"leads","id":"web:3","source":"web","source_id":"3","status":"new","region":"EAST","created_at":"2026-11-03T00:00:00Z"}
< {"type":"leads","id":"web:4","source":"web","source_id":"4","status":"new","region":"East","created_at":"2026-11-04T00:00:00Z"}
< {"type":"leads","id":"web:5","source":"web","source_id":"5","status":"new","region":"East","created_at":"2026-11-05T00:00:00Z"}
< {"type":"leads","id":"web:6","source":"web","source_id":"6","status":"new","region":"East","created_at":"2026-11-06T00:00:00Z"}
< {"type":"leads","id":"web:7","source":"web","source_id":"7","status":"new","region":"East","created_at":"2026-11-07T00:00:00Z"}
< {"type":"leads","id":"web:8","source":"web","source_id":"8","status":"new","region":"East","created_at":"2026-11-08T00:00:00Z"}
< {"type":"leads","id":"web:9","source":"web","source_id":"9","status":"new","region":"East","created_at":"2026-11-09T00:00:00Z"}
< {"type":"leads","id":"web:11","source":"web","source_id":"11","status":"new","region":"West","channel":"Web","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:12","source":"web","source_id":"12","status":"new","region":"West","channel":"web","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:13","source":"web","source_id":"13","status":"new","region":"North","channel":"web","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:14","source":"web","source_id":"14","status":"new","region":"West","channel":"web","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:20","source":"web","source_id":"20","status":"new","region":"West","customer_id":"C-1","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:21","source":"web","source_id":"21","status":"recycled","region":"Mars","duplicate_of":"C-1","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:22","source":"web","source_id":"22","status":"new","region":"Mars","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:23","source":"web","source_id":"23","status":"converted","region":"East","created_at":"2026-11-01T00:00:00Z"}
$ crm-db load -q -d r.db && printf '{"routes":[\n {"match":{"region":"East"},"team":"T-A","strategy":"round_robin"},\n {"match":{"region":["West"," north "],"channel":"WEB"},"team":"T-B","strategy":"least_loaded"}\n]}\n' > routing.json && printf '{"response":{"A":"4h","B":"1d"},"default":"3d"}' > sla.json

=== round robin: one each in rep id order; the lead record passes through
< {"id":"1","source":"Web Form","name":"Kim"}
< {"id":"2","source":"web"}
< {"id":"3","source":"web"}
< {"id":"4","source":"web"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json
> {"id":"1","source":"Web Form","name":"Kim","owner_rep_id":"A1","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
> {"id":"2","source":"web","owner_rep_id":"A2","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
> {"id":"3","source":"web","owner_rep_id":"A3","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
> {"id":"4","source":"web","owner_rep_id":"A1","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}

=== the cursor persists across runs: 9 leads, 3 each
$ for i in 5 6 7 8 9; do echo "{\"id\":\"$i\",\"source\":\"web\"}"; done | CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json --fields id,owner_rep_id -f tsv && crm-lead reps list -d r.db --fields id,open_leads -f tsv
> id	owner_rep_id
> 5	A2
> 6	A3
> 7	A1
> 8	A2
> 9	A3
> id	open_leads
> A1	3
> A2	3
> A3	3
> B1	0
> B2	0
> B3	0

=== a lead already open is kept as it is (and status follows the database)
< {"id":"web:1","source":"web","source_id":"1","status":"new"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json -v
> {"id":"web:1","source":"web","source_id":"1","status":"assigned","owner_rep_id":"A1","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
! crm-lead: read 1, accepted 1, rejected 0, assigned 0, kept 1

=== least loaded, capacity, inactive reps; all full: strict rolls back the run
< {"id":"11","source":"web"}
< {"id":"12","source":"web"}
< {"id":"13","source":"web"}
< {"id":"14","source":"web"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json --fields id,owner_rep_id; echo "exit $?"; crm-lead reps list -d r.db --fields id,open_leads -f tsv | grep B
> {"id":"11","owner_rep_id":"B1"}
> {"id":"12","owner_rep_id":"B2"}
> {"id":"13","owner_rep_id":"B2"}
> exit 65
> B1	0
> B2	0
> B3	0
! crm-lead: <stdin>:4: lead web:14: team T-B: no active rep with capacity

=== with --reject each record stands alone
< {"id":"11","source":"web"}
< {"id":"12","source":"web"}
< {"id":"13","source":"web"}
< {"id":"14","source":"web"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json --fields id,owner_rep_id --reject bad.jsonl && jq -r .error bad.jsonl && crm-lead reps list -d r.db --fields id,open_leads -f tsv | grep B
> {"id":"11","owner_rep_id":"B1"}
> {"id":"12","owner_rep_id":"B2"}
> {"id":"13","owner_rep_id":"B2"}
> <stdin>:4: lead web:14: team T-B: no active rep with capacity
> B1	1
> B2	2
> B3	0
! crm-lead: read 4, accepted 3, rejected 1, assigned 3, kept 0

=== ownership first: the customer's owner, by customer_id or duplicate_of
< {"id":"20","source":"web"}
< {"id":"21","source":"web","score":90,"priority":"A"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json --fields id,owner_rep_id,team_id,due_at
> {"id":"20","owner_rep_id":"A2","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
> {"id":"21","owner_rep_id":"A2","team_id":"T-A","due_at":"2026-11-22T12:00:00Z"}

=== every assignment is logged: the status move and who got it, and why
$ crm-db dump -d r.db | jq -c 'select(.type == "events" and (.entity_id == "web:21" or .entity_id == "web:5"))|[.entity_id,.kind,.from_state,.to_state,.note]' && sqlite3 r.db "select score, priority, status, assigned_at from leads where id = 'web:21'"
> ["web:5","status","new","assigned",null]
> ["web:5","assign",null,"A2","routes[0] round_robin"]
> ["web:21","status","recycled","assigned",null]
> ["web:21","assign",null,"A2","ownership"]
> 90|A|assigned|2026-11-22T08:00:00Z

=== no route, unknown lead, a lead that cannot be assigned
< {"id":"22","source":"web"}
< {"id":"99","source":"web"}
< {"id":"23","source":"web"}
< {"id":"9","source":"web","score":"high"}
< {"id":"24","source":"carrier pigeon"}
$ CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing routing.json --sla sla.json --reject bad.jsonl && jq -r .error bad.jsonl
> {"id":"9","source":"web","score":"high","owner_rep_id":"A3","team_id":"T-A","due_at":"2026-11-25T08:00:00Z"}
> <stdin>:1: lead web:22: no route for region Mars, product (none), channel (none)
> <stdin>:2: id: lead web:99 is not in the database (crm-lead import it first)
> <stdin>:3: status: lead web:23 is converted: only new and recycled leads are assigned
> <stdin>:5: source: unknown source "carrier pigeon" (see crm-lead-sources(5))
! crm-lead: read 5, accepted 1, rejected 4, assigned 0, kept 1

=== a route's team must be in the database
$ printf '{"routes":[{"team":"T-Z","strategy":"round_robin"}]}' > z.json && CRM_SHARE="$SHARE" crm-lead assign -d r.db --routing z.json < /dev/null
! crm-lead: z.json:1: routes[0].team: no team T-Z in the database (crm-lead reps import)
? 78

=== --all: every new and recycled lead, best first; ownership can be off
< {"type":"crm_dump","schema_version":3}
< {"type":"teams","id":"T-A","name":"East","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"A1","name":"Ann","team_id":"T-A","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"A2","name":"Al","team_id":"T-A","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C-1","name":"Acme","owner_rep_id":"A2","created_at":"2026-01-01T00:00:00Z"}
< {"type":"leads","id":"web:1","source":"web","source_id":"1","status":"new","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"web:2","source":"web","source_id":"2","status":"recycled","priority":"A","score":80,"created_at":"2026-11-05T00:00:00Z"}
< {"type":"leads","id":"web:3","source":"web","source_id":"3","status":"new","priority":"A","score":90,"customer_id":"C-1","created_at":"2026-11-09T00:00:00Z"}
< {"type":"leads","id":"web:4","source":"web","source_id":"4","status":"contacted","owner_rep_id":"A1","created_at":"2026-11-01T00:00:00Z"}
$ crm-db load -q -d all.db && printf '{"ownership":false,"routes":[{"team":"T-A","strategy":"least_loaded"}]}' > own.json && CRM_SHARE="$SHARE" crm-lead assign --all -d all.db --routing own.json --sla sla.json --fields id,status,owner_rep_id,due_at -f tsv
> id	status	owner_rep_id	due_at
> web:3	assigned	A2	2026-11-22T12:00:00Z
> web:2	assigned	A1	2026-11-22T12:00:00Z
> web:1	assigned	A2	2026-11-25T08:00:00Z

=== --all reads no files
$ crm-lead assign --all -d all.db x.jsonl
! crm-lead: --all reads the database: no files, no --reject
! usage: crm-lead assign [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--routing FILE] [--sla FILE] [--sources FILE] [--all] [FILE ...]
? 64

# --- delegation: a rep away until a date ---

=== a team whose one rep goes away, a stand-in in another team
< {"type":"crm_dump","schema_version":3}
< {"type":"teams","id":"T-D","name":"Delta","lead_rep_id":"D1","created_at":"2026-01-01T00:00:00Z"}
< {"type":"teams","id":"T-E","name":"Echo","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"D1","name":"Dee","team_id":"T-D","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"E1","name":"Eve","team_id":"T-E","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"X1","name":"Xi","team_id":"T-E","active":0,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"customers","id":"C-7","name":"Delta Motors","owner_rep_id":"D1","created_at":"2026-01-01T00:00:00Z"}
< {"type":"leads","id":"d:0","source":"web","source_id":"0","status":"assigned","owner_rep_id":"D1","team_id":"T-D","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"d:8","source":"web","source_id":"8","status":"qualified","owner_rep_id":"D1","team_id":"T-D","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"d:9","source":"web","source_id":"9","status":"contacted","owner_rep_id":"D1","team_id":"T-D","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"d:1","source":"web","source_id":"1","status":"new","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"d:2","source":"web","source_id":"2","status":"new","created_at":"2026-11-01T00:00:00Z"}
$ crm-db load -q -d d.db && printf '{"routes":[{"team":"T-D","strategy":"round_robin"}]}' > delta.json

=== delegate: from now to the end of the date; assigned and contacted leads go over
$ crm-lead delegate -d d.db --from D1 --to E1 --until 2026-11-25
> {"entity":"rep","id":"D1","kind":"delegate","from_rep_id":"D1","to_rep_id":"E1"}
> {"entity":"lead","id":"d:0","kind":"delegate","from_rep_id":"D1","to_rep_id":"E1"}
> {"entity":"lead","id":"d:9","kind":"delegate","from_rep_id":"D1","to_rep_id":"E1"}

=== within the window a new lead for D1 goes to the stand-in
< {"id":"d:1","source":"web","source_id":"1"}
$ CRM_NOW=2026-11-25T23:59:00Z CRM_SHARE="$SHARE" crm-lead assign -d d.db --routing delta.json --fields id,owner_rep_id,team_id
> {"id":"d:1","owner_rep_id":"E1","team_id":"T-D"}

=== after the window it goes to D1 again
< {"id":"d:2","source":"web","source_id":"2"}
$ CRM_NOW=2026-11-26T00:00:00Z CRM_SHARE="$SHARE" crm-lead assign -d d.db --routing delta.json --fields id,owner_rep_id,team_id
> {"id":"d:2","owner_rep_id":"D1","team_id":"T-D"}

=== delegate --end hands back what the delegation handed over
$ CRM_NOW=2026-11-27T09:00:00Z crm-lead delegate -d d.db --from D1 --end && sqlite3 d.db "select id, owner_rep_id from leads order by id"
> {"entity":"lead","id":"d:0","kind":"delegate","from_rep_id":"E1","to_rep_id":"D1"}
> {"entity":"lead","id":"d:9","kind":"delegate","from_rep_id":"E1","to_rep_id":"D1"}
> d:0|D1
> d:1|E1
> d:2|D1
> d:8|D1
> d:9|D1

=== the log tells the story
$ sqlite3 d.db "select entity_id, kind, from_state, to_state, note from events where kind <> 'status' order by id"
> D1|delegate|D1|E1|away until 2026-11-26T00:00:00Z
> d:0|delegate|D1|E1|away until 2026-11-26T00:00:00Z
> d:9|delegate|D1|E1|away until 2026-11-26T00:00:00Z
> d:1|assign||E1|routes[0] round_robin, for D1 (away)
> d:2|assign||D1|routes[0] round_robin
> d:0|delegate|E1|D1|back
> d:9|delegate|E1|D1|back

=== clear errors: same rep, unknown rep, inactive stand-in, the past, no delegation
$ crm-lead delegate -d d.db --from D1 --to D1 --until 2026-12-01 2>&1 | head -1; crm-lead delegate -d d.db --from D9 --to E1 --until 2026-12-01; echo "exit $?"; crm-lead delegate -d d.db --from D1 --to X1 --until 2026-12-01; echo "exit $?"; crm-lead delegate -d d.db --from D1 --to E1 --until 2026-11-21T00:00:00Z 2>&1 | head -1; crm-lead delegate -d d.db --from E1 --end; echo "exit $?"; crm-lead delegate -d d.db --from E1 --to D1 --until tomorrow 2>&1 | head -1
> crm-lead: --from and --to are the same rep (D1)
> exit 65
> exit 65
> crm-lead: --until 2026-11-21T00:00:00Z: in the past
> exit 65
> crm-lead: --until: not a date or an RFC 3339 time: tomorrow
! crm-lead: rep D9: unknown rep
! crm-lead: rep X1: inactive
! crm-lead: rep E1: no delegation to end

=== one absence at a time
$ crm-lead delegate -q -d d.db --from D1 --to E1 --until 2026-12-01 --from-date 2026-11-30 && crm-lead delegate -d d.db --from D1 --to E1 --until 2026-12-31 --from-date 2026-12-01T12:00:00Z
> {"entity":"rep","id":"D1","kind":"delegate","from_rep_id":"D1","to_rep_id":"E1"}
! crm-lead: rep D1: already away then (E1 stands in; crm-lead delegate --end first)
? 65

# --- transfer: a rep leaves ---

=== open leads and owned customers move for good; the rep is set inactive
$ crm-lead transfer -d d.db --from D1 --to E1 -f tsv && crm-lead reps list -d d.db --fields id,active,open_leads -f tsv && sqlite3 d.db "select id, owner_rep_id from customers; select until from delegations order by id"
> entity	id	kind	from_rep_id	to_rep_id
> lead	d:0	transfer	D1	E1
> lead	d:2	transfer	D1	E1
> lead	d:8	transfer	D1	E1
> lead	d:9	transfer	D1	E1
> customer	C-7	transfer	D1	E1
> rep	D1	transfer	D1	E1
> id	active	open_leads
> D1	false	0
> E1	true	5
> X1	false	0
> C-7|E1
> 2026-11-22T08:00:00Z
> 2026-11-22T08:00:00Z

=== and cannot take leads back: the target must be active
$ crm-lead transfer -d d.db --from E1 --to D1
! crm-lead: rep D1: inactive
? 65

# --- overdue: past the response deadline ---

=== leads assigned but not contacted, some late
< {"type":"crm_dump","schema_version":3}
< {"type":"teams","id":"T-O","name":"Oscar","lead_rep_id":"O1","created_at":"2026-01-01T00:00:00Z"}
< {"type":"teams","id":"T-P","name":"Papa","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"O1","name":"Ola","team_id":"T-O","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"O2","name":"Oz","team_id":"T-O","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"P1","name":"Pia","team_id":"T-P","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"leads","id":"o:1","source":"web","source_id":"1","status":"assigned","owner_rep_id":"O2","team_id":"T-O","priority":"A","due_at":"2026-11-22T05:30:00Z","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"o:2","source":"web","source_id":"2","status":"assigned","owner_rep_id":"O2","team_id":"T-O","priority":"B","assigned_at":"2026-11-18T08:00:00Z","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"o:3","source":"web","source_id":"3","status":"assigned","owner_rep_id":"O2","team_id":"T-O","due_at":"2026-11-23T00:00:00Z","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"o:4","source":"web","source_id":"4","status":"contacted","owner_rep_id":"O2","team_id":"T-O","due_at":"2026-11-20T00:00:00Z","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"o:5","source":"web","source_id":"5","status":"assigned","owner_rep_id":"P1","team_id":"T-P","due_at":"2026-11-21T08:00:00Z","created_at":"2026-11-01T00:00:00Z"}
< {"type":"leads","id":"o:6","source":"web","source_id":"6","status":"assigned","owner_rep_id":"O1","team_id":"T-O","due_at":"2026-11-22T07:59:00Z","created_at":"2026-11-01T00:00:00Z"}
$ crm-db load -q -d o.db

=== overdue lists them, longest late first, with how long
$ crm-lead overdue -d o.db --sla sla.json -f table
> id   owner_rep_id  team_id  priority  due_at                overdue  overdue_minutes
> ---  ------------  -------  --------  --------------------  -------  ---------------
> o:2  O2            T-O      B         2026-11-19T08:00:00Z  3d                  4320
> o:5  P1            T-P                2026-11-21T08:00:00Z  1d                  1440
> o:1  O2            T-O      A         2026-11-22T05:30:00Z  2h 30m               150
> o:6  O1            T-O                2026-11-22T07:59:00Z  1m                     1

=== --escalate hands them to the team's lead rep with a new deadline, where it can
$ crm-lead overdue -d o.db --sla sla.json --escalate --fields id,action,to_rep_id,new_due_at,problem -f tsv
> id	action	to_rep_id	new_due_at	problem
> o:2	escalated	O1	2026-11-23T08:00:00Z	
> o:5	none			team T-P has no lead rep
> o:1	escalated	O1	2026-11-22T12:00:00Z	
> o:6	none			the owner is the team's lead rep

=== --recycle sends the rest back to the pool
$ crm-lead overdue -d o.db --sla sla.json --recycle --fields id,owner_rep_id,action && crm-lead overdue -d o.db --sla sla.json
> {"id":"o:5","owner_rep_id":"P1","action":"recycled"}
> {"id":"o:6","owner_rep_id":"O1","action":"recycled"}

=== both logged
$ sqlite3 o.db "select entity_id, kind, from_state, to_state, note from events order by id"
> o:2|escalate|O2|O1|overdue since 2026-11-19T08:00:00Z
> o:1|escalate|O2|O1|overdue since 2026-11-22T05:30:00Z
> o:5|status|assigned|recycled|overdue
> o:6|status|assigned|recycled|overdue

=== --recycle or --escalate, not both
$ crm-lead overdue -d o.db --recycle --escalate 2>&1 | head -1
> crm-lead: --recycle or --escalate, not both
