# crm-db: the life of a database, from init to backup.

=== init creates the file private to its owner, in WAL mode
$ crm-db init -d a.db && stat -c %a a.db && sqlite3 a.db 'PRAGMA journal_mode; PRAGMA user_version'
> 600
> wal
> 7

=== init again is harmless
$ crm-db init -d a.db -v
! crm-db: a.db: schema version 7

=== the database is $CRM_DB, else ./crm.db
$ CRM_DB=env.db crm-db init && crm-db init && ls *.db
> a.db
> crm.db
> env.db

=== migrate runs forward from an empty file, step by step
$ crm-db migrate -d m.db --to 1 && crm-db migrate -d m.db
! crm-db: m.db: schema version 0 -> 1
! crm-db: m.db: schema version 1 -> 7

=== a migrated file has exactly the schema of a new one
$ cmp <(sqlite3 m.db .schema) <(sqlite3 a.db .schema) && echo same
> same

=== migrate never goes backwards
$ sqlite3 new.db 'PRAGMA user_version = 99' && crm-db migrate -d new.db
! crm-db: new.db: schema version 99 is newer than 7: made by a newer crm
? 65

=== a database of a newer crm is refused by every verb
$ crm-db dump -d new.db
! crm-db: new.db: schema version 99 is newer than 7: made by a newer crm
? 65

=== migrate --to takes known versions only
$ crm-db migrate -d m.db --to 8
! crm-db: --to: not a schema version from 1 to 7: 8
! usage: crm-db migrate [-qv] [-d DB] [--busy-timeout MS] [--to VERSION]
? 64

=== a SQLite file that is not a crm database is left alone
$ sqlite3 other.db 'CREATE TABLE x (a)' && crm-db init -d other.db
! crm-db: other.db: not a crm database (it has tables but no schema version)
? 65

=== a file that is not SQLite at all
$ echo hello > text.db && crm-db init -d text.db
! crm-db: text.db: file is not a database
? 65

=== reading verbs do not create a database
$ crm-db dump -d none.db; ls none.db
! crm-db: none.db: no such database (crm-db init creates one)
! ls: cannot access 'none.db': No such file or directory
? 2

=== load restores a dump, in one transaction, and says what it read
$ crm-db load -d a.db "$SHARE/samples/demo.jsonl"
! crm-db: read 29, accepted 29, rejected 0

=== the dump is the sample, byte for byte
$ crm-db dump -d a.db | cmp - "$SHARE/samples/demo.jsonl" && echo same
> same

=== dump, load, dump gives identical bytes (stdin, gzip detected)
$ crm-db dump -d a.db -z > a.jsonl.gz && crm-db load -q -d b.db < a.jsonl.gz && cmp <(crm-db dump -d a.db) <(crm-db dump -d b.db) && echo same
> same

=== dump -o NAME.gz writes gzip
$ crm-db dump -d a.db -o d.jsonl.gz && gzip -dc d.jsonl.gz | head -2
> {"type":"crm_dump","schema_version":7}
> {"type":"teams","id":"T-EAST","name":"East China","region":"East","lead_rep_id":"R-01","created_at":"2026-01-05T01:00:00Z"}

=== load refuses a database that has data
$ crm-db load -d a.db "$SHARE/samples/demo.jsonl"
! crm-db: a.db: database is not empty (table teams has rows); load needs a new one
? 65

=== a bad record stops the load and nothing is written
< {"type":"teams","id":"T1","name":"One","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R1","name":"Ann","team_id":"T1","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R2","name":"Bob","nosuch":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R3","name":"Cy","active":1,"created_at":"2026-01-01T00:00:00Z"}
$ crm-db load -d c.db; crm-db dump -d c.db | wc -l
> 1
! crm-db: <stdin>:3: nosuch: no such column in table reps
? 0

=== with --reject the bad records are set aside and the rest loaded
< {"type":"teams","id":"T1","name":"One","created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R1","name":"Ann","team_id":"T1","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R2","name":"Bob","nosuch":1,"created_at":"2026-01-01T00:00:00Z"}
< not json
< {"type":"reps","id":"R1","name":"Ann again","active":1,"created_at":"2026-01-01T00:00:00Z"}
< {"type":"reps","id":"R4","name":"Di","active":"yes","created_at":"2026-01-01T00:00:00Z"}
< {"type":"nosuch","id":"x"}
< {"type":"reps","id":"R3","name":"Cy","active":1,"created_at":"2026-01-01T00:00:00Z"}
$ crm-db load -d c.db --reject bad.jsonl && cat bad.jsonl && crm-db dump -d c.db --fields type,id
> {"file":"<stdin>","line":3,"error":"<stdin>:3: nosuch: no such column in table reps","text":"{\"type\":\"reps\",\"id\":\"R2\",\"name\":\"Bob\",\"nosuch\":1,\"created_at\":\"2026-01-01T00:00:00Z\"}"}
> {"file":"<stdin>","line":4,"error":"<stdin>:4: col 1: not a JSON object","text":"not json"}
> {"file":"<stdin>","line":5,"error":"<stdin>:5: reps: UNIQUE constraint failed: reps.id","text":"{\"type\":\"reps\",\"id\":\"R1\",\"name\":\"Ann again\",\"active\":1,\"created_at\":\"2026-01-01T00:00:00Z\"}"}
> {"file":"<stdin>","line":6,"error":"<stdin>:6: active: not an integer","text":"{\"type\":\"reps\",\"id\":\"R4\",\"name\":\"Di\",\"active\":\"yes\",\"created_at\":\"2026-01-01T00:00:00Z\"}"}
> {"file":"<stdin>","line":7,"error":"<stdin>:7: type: no table \"nosuch\"","text":"{\"type\":\"nosuch\",\"id\":\"x\"}"}
> {"type":"crm_dump"}
> {"type":"teams","id":"T1"}
> {"type":"reps","id":"R1"}
> {"type":"reps","id":"R3"}
! crm-db: read 8, accepted 3, rejected 5

=== a column left out gets its default, as in SQL; an explicit null does not
< {"type":"products","sku":"P1","name":"Mats"}
< {"type":"products","sku":"P2","name":"Mats","active":null}
$ crm-db load -q -d dflt.db --reject dr.jsonl; sqlite3 dflt.db 'SELECT sku, active FROM products'; cut -c1-70 dr.jsonl
> P1|1
> {"file":"<stdin>","line":2,"error":"<stdin>:2: products: NOT NULL cons

=== a reference to a missing row fails the whole load
< {"type":"orders","id":"O1","customer_id":"NOPE","order_date":"2026-01-01","status":"draft","currency":"CNY","total_minor":0}
$ crm-db load -d e.db --reject r.jsonl; crm-db dump -d e.db | wc -l; wc -l < r.jsonl
> 1
> 0
! crm-db: table orders, row 1: refers to a missing row of customers
? 0

=== a dump of a newer schema version is refused
< {"type":"crm_dump","schema_version":8}
$ crm-db load -d f.db
! crm-db: <stdin>:1: schema_version: dump of schema version 8, newer than this crm's 7
? 65

=== a dump of an older schema version loads, and dumps again as the new one
$ sed '1s/"schema_version":7/"schema_version":1/' "$SHARE/samples/demo.jsonl" | crm-db load -q -d old.db && crm-db dump -d old.db | cmp - "$SHARE/samples/demo.jsonl" && echo same
> same

=== check says ok on a sound database
$ crm-db check -d a.db
! crm-db: a.db: ok

=== check lists broken references as records and fails
$ sqlite3 a.db "PRAGMA foreign_keys=OFF; INSERT INTO contacts (id, customer_id, name) VALUES ('K1', 'C-GONE', 'Lost')" && crm-db check -d a.db
> {"check":"foreign_key","table":"contacts","rowid":1,"problem":"refers to a missing row of customers"}
! crm-db: a.db: 1 problem found
? 65

=== backup makes a consistent copy and never overwrites
$ crm-db backup -d b.db copy.db && stat -c %a copy.db && cmp <(crm-db dump -d b.db) <(crm-db dump -d copy.db) && crm-db backup -d b.db copy.db
> 600
! crm-db: copy.db: already exists; a backup never overwrites
? 73

=== backup while another process writes: the copy is whole and sound
$ (for i in $(seq 1 200); do echo "INSERT INTO events (entity, entity_id, at, kind) VALUES ('x', '$i', '2026-01-01T00:00:00Z', 'k');"; done) | sqlite3 -cmd '.timeout 5000' b.db & crm-db backup -d b.db live.db; wait; crm-db check -q -d live.db && n=$(sqlite3 live.db 'SELECT count(*) FROM events') && [ "$n" -ge 0 ] && [ "$n" -le 200 ] && echo sound
> sound

=== a locked database gives exit 75 after the busy timeout
$ mkfifo lock && (sqlite3 b.db < lock &) && exec 3>lock && echo 'BEGIN IMMEDIATE; INSERT INTO events (entity, entity_id, at, kind) VALUES (1,1,1,1);' >&3 && until ! sqlite3 -cmd '.timeout 0' b.db 'BEGIN IMMEDIATE; ROLLBACK' 2>/dev/null; do sleep 0.05; done; crm-db load -d g.db "$SHARE/samples/demo.jsonl" -q && crm-db migrate -q -d b.db --busy-timeout 50; rc=$?; echo 'ROLLBACK;' >&3; exec 3>&-; exit $rc
! crm-db: b.db: database is busy (locked by another process); retry later
? 75

=== a write error is an error
$ crm-db dump -d a.db > /dev/full
! crm-db: <stdout>: No space left on device
? 74

=== usage errors
$ crm-db frobnicate
! crm-db: unknown verb 'frobnicate'; crm-db --help lists them
? 64

=== an unknown option names itself and shows the usage
$ crm-db dump --frob
! crm-db dump: unknown option: --frob
! usage: crm-db dump [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST]
? 64

=== backup needs its DEST
$ crm-db backup -d a.db
! crm-db: backup takes one DEST
! usage: crm-db backup [-qv] [-d DB] [--busy-timeout MS] DEST
? 64

=== --version
$ crm-db --version | sed 's/[0-9][0-9.]*$/N/'
> crm-db (crm) N
