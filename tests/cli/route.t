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

=== reps needs import or list, and the options of the one it does
$ crm-lead reps -d a.db; crm-lead reps list -d a.db --reject x.jsonl; crm-lead reps list -d a.db extra
! crm-lead: reps: import or list?
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
! crm-lead: reps list: --reject is for reps import
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
! crm-lead: reps list takes no files
! usage: crm-lead reps [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--country CODE] import|list [FILE ...]
? 64
