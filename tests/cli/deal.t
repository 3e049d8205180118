# crm-deal: deals from import through their stages to won or lost, and
# the open pipeline.  Reps go in with sqlite3 here, and with crm-lead reps
# import for the Maven data set at the end.

=== a database with reps (two of them called Sam Wu) and a customer
$ crm-db init -d crm.db && sqlite3 crm.db "INSERT INTO reps (id, name, created_at) VALUES ('r1', 'Ann Lee', 'x'), ('r2', 'Bob Ito', 'x'), ('r3', 'Sam Wu', 'x'), ('r4', 'Sam Wu', 'x'); INSERT INTO customers (id, name, created_at) VALUES ('C1', 'Globex', 'x')"

=== import upserts deals; an account name finds or makes a customer
< {"id":"D1","account":"Acme","owner":"r1","product":"X5","amount":"1054.00","currency":"USD","stage":"Prospecting","created_on":"2026-10-01","region":"East"}
< {"id":"D2","account":"Globex","owner":"Bob Ito","amount":2000,"stage":"proposal","probability":"35","expected_close":"2026-12-31"}
< {"id":"D3","customer_id":"C1","stage":"WON","amount":"99.99","created_on":"2026-09-01","closed_on":"2026-11-01","won_reason":"price"}
< {"id":"D4","account":"Acme","owner":"r2","amount":"500000","currency":"JPY","stage":"negotiation","forecast_category":"Best_Case","created_on":"2026-11-02"}
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal import --currency EUR > /dev/null && cp crm.db before.db
! crm-deal: read 4, accepted 4, rejected 0, inserted 4, updated 0, unchanged 0, stage changes 4, customers created 1

=== every deal with its fields; the others kept as fields of their own
$ CRM_SHARE="$SHARE" crm-deal list
> {"id":"D1","customer_id":"Acme","owner":"r1","product":"X5","amount":"1054.00","currency":"USD","stage":"prospecting","probability":10,"forecast_category":"pipeline","created_on":"2026-10-01","stage_since":"2026-10-01T00:00:00Z","updated_at":"2026-11-22T08:00:00Z","region":"East"}
> {"id":"D2","customer_id":"C1","owner":"r2","amount":"2000.00","currency":"EUR","stage":"proposal","probability":35,"forecast_category":"best_case","expected_close":"2026-12-31","created_on":"2026-11-22","stage_since":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z"}
> {"id":"D3","customer_id":"C1","amount":"99.99","currency":"EUR","stage":"won","probability":100,"forecast_category":"closed","created_on":"2026-09-01","closed_on":"2026-11-01","won_reason":"price","stage_since":"2026-11-01T00:00:00Z","updated_at":"2026-11-22T08:00:00Z"}
> {"id":"D4","customer_id":"Acme","owner":"r2","amount":"500000","currency":"JPY","stage":"negotiation","probability":80,"forecast_category":"best_case","created_on":"2026-11-02","stage_since":"2026-11-02T00:00:00Z","updated_at":"2026-11-22T08:00:00Z"}

=== a table for the terminal
$ CRM_SHARE="$SHARE" crm-deal list -f table
> id  customer_id  owner  product   amount  currency  stage        probability  forecast_category  expected_close  created_on  closed_on
> --  -----------  -----  -------  -------  --------  -----------  -----------  -----------------  --------------  ----------  ----------
> D1  Acme         r1     X5       1054.00  USD       prospecting           10  pipeline                           2026-10-01
> D2  C1           r2              2000.00  EUR       proposal              35  best_case          2026-12-31      2026-11-22
> D3  C1                             99.99  EUR       won                  100  closed                             2026-09-01  2026-11-01
> D4  Acme         r2               500000  JPY       negotiation           80  best_case                          2026-11-02

=== each new deal's first stage is an event: at its close date when won, else when created, else now
$ sqlite3 crm.db "SELECT entity_id, at, actor, kind, coalesce(from_state, '-'), to_state, note FROM events ORDER BY id"
> D1|2026-10-01T00:00:00Z|ann|stage|-|prospecting|import
> D2|2026-11-22T08:00:00Z|ann|stage|-|proposal|import
> D3|2026-11-01T00:00:00Z|ann|stage|-|won|import
> D4|2026-11-02T00:00:00Z|ann|stage|-|negotiation|import

=== importing the same records again changes nothing and records nothing
< {"id":"D1","account":"Acme","owner":"r1","product":"X5","amount":"1054.00","currency":"USD","stage":"Prospecting","created_on":"2026-10-01","region":"East"}
< {"id":"D2","account":"Globex","owner":"Bob Ito","amount":2000,"stage":"proposal","probability":"35","expected_close":"2026-12-31"}
< {"id":"D3","customer_id":"C1","stage":"WON","amount":"99.99","created_on":"2026-09-01","closed_on":"2026-11-01","won_reason":"price"}
< {"id":"D4","account":"Acme","owner":"r2","amount":"500000","currency":"JPY","stage":"negotiation","forecast_category":"Best_Case","created_on":"2026-11-02"}
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal import --currency EUR && cmp <(crm-db dump -d before.db) <(crm-db dump -d crm.db) && echo same
> same
! crm-deal: read 4, accepted 4, rejected 0, inserted 0, updated 0, unchanged 4, stage changes 0, customers created 0

=== a record that changes a stage records the change, now; fields it leaves out stay
< {"id":"D1","stage":"qualification"}
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal import && CRM_SHARE="$SHARE" crm-deal list --stage Qualification --fields id,product,amount,currency,stage,probability,forecast_category,stage_since,region
> {"id":"D1","product":"X5","amount":"1054.00","currency":"USD","stage":"qualification","probability":20,"forecast_category":"pipeline","stage_since":"2026-11-22T08:00:00Z","region":"East"}
! crm-deal: read 1, accepted 1, rejected 0, inserted 0, updated 1, unchanged 0, stage changes 1, customers created 0

=== move records every change with its time and note
$ CRM_SHARE="$SHARE" CRM_ACTOR=bob crm-deal move D1 proposal --note "demo went well" --at 2026-11-22T09:30:00+01:00 && CRM_SHARE="$SHARE" crm-deal list --stage proposal --fields id,stage,probability,forecast_category,stage_since
> {"id":"D1","stage":"proposal","probability":50,"forecast_category":"best_case","stage_since":"2026-11-22T08:30:00Z"}
> {"id":"D2","stage":"proposal","probability":35,"forecast_category":"best_case","stage_since":"2026-11-22T08:00:00Z"}

=== moving backward is allowed and recorded too
$ CRM_SHARE="$SHARE" CRM_ACTOR=bob crm-deal move D1 qualification --note "budget not approved yet"

=== moving to the stage a deal is in already records nothing
$ CRM_SHARE="$SHARE" crm-deal move D1 Qualification -v && sqlite3 crm.db "SELECT count(*) FROM events WHERE entity_id = 'D1'"
> 4
! crm-deal: D1: already there; nothing recorded

=== show: the deal with its stage history, oldest first
$ crm-deal show D1
> {"id":"D1","customer_id":"Acme","owner":"r1","product":"X5","amount":"1054.00","currency":"USD","stage":"qualification","probability":20,"forecast_category":"pipeline","created_on":"2026-10-01","stage_since":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z","region":"East","history":[{"at":"2026-10-01T00:00:00Z","kind":"stage","to_state":"prospecting","actor":"ann","note":"import"},{"at":"2026-11-22T08:00:00Z","kind":"stage","from_state":"prospecting","to_state":"qualification","actor":"ann","note":"import"},{"at":"2026-11-22T08:30:00Z","kind":"stage","from_state":"qualification","to_state":"proposal","actor":"bob","note":"demo went well"},{"at":"2026-11-22T08:00:00Z","kind":"stage","from_state":"proposal","to_state":"qualification","actor":"bob","note":"budget not approved yet"}]}

=== an unknown stage names the known ones
$ CRM_SHARE="$SHARE" crm-deal move D1 closing
! crm-deal: stage: unknown stage closing (known: prospecting, qualification, proposal, negotiation, won, lost)
? 65

=== an unknown deal
$ CRM_SHARE="$SHARE" crm-deal move D9 won; crm-deal show D9
! crm-deal: deal D9: unknown deal
! crm-deal: deal D9: unknown deal
? 65

=== won: closed on a day, with the reason and the final amount; probability 100, category closed
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal won D1 --reason "best price" --on 2026-11-20 --amount 1200.5 && crm-deal show D1 | jq -c '{amount, stage, probability, forecast_category, closed_on, won_reason, stage_since, last: .history[-1]}'
> {"amount":"1200.50","stage":"won","probability":100,"forecast_category":"closed","closed_on":"2026-11-20","won_reason":"best price","stage_since":"2026-11-20T00:00:00Z","last":{"at":"2026-11-20T00:00:00Z","kind":"stage","from_state":"qualification","to_state":"won","actor":"ann","note":"best price"}}

=== a won deal is closed: moving it needs --reopen
$ CRM_SHARE="$SHARE" crm-deal move D1 negotiation
! crm-deal: deal D1: is won; reopen it to move it (--reopen)
? 65

=== --reopen moves it back and clears its close date and reason
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal move D1 negotiation --reopen --note "customer came back" && crm-deal show D1 | jq -c '{stage, probability, closed_on, won_reason, last: .history[-1].note}'
> {"stage":"negotiation","probability":80,"closed_on":null,"won_reason":null,"last":"customer came back"}

=== lost needs a reason: a usage error
$ CRM_SHARE="$SHARE" crm-deal lost D2
! crm-deal: lost needs --reason
! usage: crm-deal lost [-qv] [-d DB] [--busy-timeout MS] [--stages FILE] [--reason TEXT] [--on DATE] [--reopen] ID
? 64

=== a time or date that is not one is a usage error
$ CRM_SHARE="$SHARE" crm-deal move D1 proposal --at yesterday; CRM_SHARE="$SHARE" crm-deal won D1 --on 2026-11-31
! crm-deal: --at: not an RFC 3339 time: yesterday
! usage: crm-deal move [-qv] [-d DB] [--busy-timeout MS] [--stages FILE] [--note TEXT] [--at INSTANT] [--reopen] ID STAGE
! crm-deal: --on: no such date: 2026-11-31
! usage: crm-deal won [-qv] [-d DB] [--busy-timeout MS] [--stages FILE] [--reason TEXT] [--on DATE] [--amount AMOUNT] [--reopen] ID
? 64

=== lost with its reason
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal lost D2 --reason "went with a competitor" && crm-deal show D2 | jq -c '{stage, probability, forecast_category, closed_on, lost_reason, last: .history[-1]}'
> {"stage":"lost","probability":0,"forecast_category":"closed","closed_on":"2026-11-22","lost_reason":"went with a competitor","last":{"at":"2026-11-22T08:00:00Z","kind":"stage","from_state":"proposal","to_state":"lost","actor":"ann","note":"went with a competitor"}}

=== won takes amounts exactly, in the deal's currency
$ CRM_SHARE="$SHARE" crm-deal won D4 --amount 10.5
! crm-deal: amount: more than 0 decimals
? 65

=== list filters: open, closed, owner, customer, forecast, created dates
$ CRM_SHARE="$SHARE" crm-deal list --open --fields id,stage; CRM_SHARE="$SHARE" crm-deal list --closed --fields id,stage; CRM_SHARE="$SHARE" crm-deal list --owner r2 --fields id; CRM_SHARE="$SHARE" crm-deal list --customer C1 --fields id; CRM_SHARE="$SHARE" crm-deal list --forecast best_case --fields id; CRM_SHARE="$SHARE" crm-deal list --created-from 2026-10-01 --created-to 2026-11-02 --fields id,created_on
> {"id":"D1","stage":"negotiation"}
> {"id":"D4","stage":"negotiation"}
> {"id":"D2","stage":"lost"}
> {"id":"D3","stage":"won"}
> {"id":"D2"}
> {"id":"D4"}
> {"id":"D2"}
> {"id":"D3"}
> {"id":"D4"}
> {"id":"D1","created_on":"2026-10-01"}
> {"id":"D4","created_on":"2026-11-02"}

=== bad filters are usage errors
$ CRM_SHARE="$SHARE" crm-deal list --open --closed; CRM_SHARE="$SHARE" crm-deal list --forecast maybe; CRM_SHARE="$SHARE" crm-deal list --created-from 2026-13-01; CRM_SHARE="$SHARE" crm-deal list --stage nope
! crm-deal: --open and --closed exclude each other
! usage: crm-deal list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--stages FILE] [--stage STAGE] [--owner REP] [--customer ID] [--open] [--closed] [--forecast CATEGORY] [--created-from DATE] [--created-to DATE]
! crm-deal: --forecast: not one of pipeline, best_case, commit, closed: maybe
! usage: crm-deal list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--stages FILE] [--stage STAGE] [--owner REP] [--customer ID] [--open] [--closed] [--forecast CATEGORY] [--created-from DATE] [--created-to DATE]
! crm-deal: --created-from: no such date
! usage: crm-deal list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--stages FILE] [--stage STAGE] [--owner REP] [--customer ID] [--open] [--closed] [--forecast CATEGORY] [--created-from DATE] [--created-to DATE]
! crm-deal: --stage: unknown stage nope (known: prospecting, qualification, proposal, negotiation, won, lost)
! usage: crm-deal list [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--stages FILE] [--stage STAGE] [--owner REP] [--customer ID] [--open] [--closed] [--forecast CATEGORY] [--created-from DATE] [--created-to DATE]
? 64

# The pipeline: weighted amounts are rounded per deal, then summed.

=== a pipeline whose weighted amounts round per deal
$ crm-db init -d p.db && sqlite3 p.db "INSERT INTO reps (id, name, created_at) VALUES ('r1', 'Ann Lee', 'x'), ('r2', 'Bob Ito', 'x')" && printf '%s\n' \
    '{"id":"P1","owner":"r1","amount":"0.05","stage":"proposal"}' \
    '{"id":"P2","owner":"r1","amount":"0.05","stage":"proposal"}' \
    '{"id":"P3","owner":"r2","amount":"1000.00","stage":"negotiation","probability":75}' \
    '{"id":"P4","owner":"r2","amount":"333","currency":"JPY","stage":"prospecting"}' \
    '{"id":"P5","stage":"qualification"}' \
    '{"id":"P6","owner":"r1","amount":"500.00","stage":"won"}' \
    '{"id":"P7","owner":"r1","amount":"7.00","stage":"qualification","forecast_category":"commit"}' | \
    CRM_SHARE="$SHARE" crm-deal import -d p.db --currency EUR -q && CRM_SHARE="$SHARE" crm-deal pipeline -d p.db
> {"by":"stage","group":"prospecting","currency":"JPY","deals":1,"amount":"333","weighted_amount":"33"}
> {"by":"stage","group":"qualification","currency":"EUR","deals":2,"amount":"7.00","weighted_amount":"1.40"}
> {"by":"stage","group":"proposal","currency":"EUR","deals":2,"amount":"0.10","weighted_amount":"0.06"}
> {"by":"stage","group":"negotiation","currency":"EUR","deals":1,"amount":"1000.00","weighted_amount":"750.00"}
> {"by":"owner","group":"(none)","currency":"EUR","deals":1,"amount":"0.00","weighted_amount":"0.00"}
> {"by":"owner","group":"r1","currency":"EUR","deals":3,"amount":"7.10","weighted_amount":"1.46"}
> {"by":"owner","group":"r2","currency":"EUR","deals":1,"amount":"1000.00","weighted_amount":"750.00"}
> {"by":"owner","group":"r2","currency":"JPY","deals":1,"amount":"333","weighted_amount":"33"}
> {"by":"forecast_category","group":"pipeline","currency":"EUR","deals":1,"amount":"0.00","weighted_amount":"0.00"}
> {"by":"forecast_category","group":"pipeline","currency":"JPY","deals":1,"amount":"333","weighted_amount":"33"}
> {"by":"forecast_category","group":"best_case","currency":"EUR","deals":2,"amount":"0.10","weighted_amount":"0.06"}
> {"by":"forecast_category","group":"commit","currency":"EUR","deals":2,"amount":"1007.00","weighted_amount":"751.40"}
> {"by":"total","group":"all","currency":"EUR","deals":5,"amount":"1007.10","weighted_amount":"751.46"}
> {"by":"total","group":"all","currency":"JPY","deals":1,"amount":"333","weighted_amount":"33"}

=== the pipeline as a table, only some groups
$ CRM_SHARE="$SHARE" crm-deal pipeline -d p.db --by stage,total -f table
> by     group          currency  deals   amount  weighted_amount
> -----  -------------  --------  -----  -------  ---------------
> stage  prospecting    JPY           1      333               33
> stage  qualification  EUR           2     7.00             1.40
> stage  proposal       EUR           2     0.10             0.06
> stage  negotiation    EUR           1  1000.00           750.00
> total  all            EUR           5  1007.10           751.46
> total  all            JPY           1      333               33

=== --by takes known groups only
$ CRM_SHARE="$SHARE" crm-deal pipeline -d p.db --by region
! crm-deal: --by: a list of stage, owner, forecast_category, total: region
! usage: crm-deal pipeline [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--stages FILE] [--by LIST]
? 64

# Bad input: strict by default, the whole run rolled back.

=== a missing id
< {"id":"N1","stage":"proposal"}
< {"stage":"proposal"}
$ cp crm.db snap.db && CRM_SHARE="$SHARE" crm-deal import; rc=$?; cmp <(crm-db dump) <(crm-db dump -d snap.db) && echo unchanged; exit $rc
> unchanged
! crm-deal: <stdin>:2: id: missing
? 65

=== an unknown rep, and a name two reps share
$ echo '{"id":"N1","stage":"proposal","owner":"Zed"}' | CRM_SHARE="$SHARE" crm-deal import; echo '{"id":"N1","stage":"proposal","owner":"Sam Wu"}' | CRM_SHARE="$SHARE" crm-deal import
! crm-deal: <stdin>:1: owner: unknown rep Zed
! crm-deal: <stdin>:1: owner: more than one rep is called Sam Wu; give the rep id
? 65

=== a negative amount, an amount without a currency
$ echo '{"id":"N1","stage":"proposal","amount":"-5","currency":"EUR"}' | CRM_SHARE="$SHARE" crm-deal import; echo '{"id":"N1","stage":"proposal","amount":"5"}' | CRM_SHARE="$SHARE" crm-deal import
! crm-deal: <stdin>:1: amount: negative
! crm-deal: <stdin>:1: amount: no currency (give currency, or --currency)
? 65

=== an unknown stage, a missing one
$ echo '{"id":"N1","stage":"closing"}' | CRM_SHARE="$SHARE" crm-deal import; echo '{"id":"N1"}' | CRM_SHARE="$SHARE" crm-deal import
! crm-deal: <stdin>:1: stage: unknown stage closing (known: prospecting, qualification, proposal, negotiation, won, lost)
! crm-deal: <stdin>:1: stage: missing
? 65

=== bad dates, currencies, probabilities, categories
$ for r in '"created_on":"2026-02-30"' '"expected_close":"31/12/2026"' '"currency":"usd"' '"currency":"XYZ"' '"probability":101' '"probability":"5.5"' '"forecast_category":"maybe"' '"customer_id":"C9"' '"closed_on":"2026-11-01"' '"amount":"1.234","currency":"EUR"'; do echo "{\"id\":\"N1\",\"stage\":\"proposal\",$r}" | CRM_SHARE="$SHARE" crm-deal import; done; cmp <(crm-db dump) <(crm-db dump -d snap.db) && echo unchanged
> unchanged
! crm-deal: <stdin>:1: created_on: no such date
! crm-deal: <stdin>:1: expected_close: not a date (YYYY-MM-DD)
! crm-deal: <stdin>:1: currency: not an ISO 4217 code: usd
! crm-deal: <stdin>:1: currency: not an ISO 4217 code: XYZ
! crm-deal: <stdin>:1: probability: not a whole number from 0 to 100
! crm-deal: <stdin>:1: probability: not a whole number from 0 to 100
! crm-deal: <stdin>:1: forecast_category: not one of pipeline, best_case, commit, closed
! crm-deal: <stdin>:1: customer_id: unknown customer C9
! crm-deal: <stdin>:1: closed_on: stage proposal is open
! crm-deal: <stdin>:1: amount: more than 2 decimals

=== a bad --currency is a usage error
$ CRM_SHARE="$SHARE" crm-deal import --currency usd < /dev/null
! crm-deal: --currency: unknown code usd
! usage: crm-deal import [-qv] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [--reject FILE] [--stages FILE] [--currency CODE] [FILE ...]
? 64

=== --reject sets bad records aside; the good ones go in, and the counts add up
< {"id":"R1","stage":"proposal"}
< {"id":"R2","stage":"proposal","owner":"Zed"}
< {"id":"R3","stage":"lost","account":"Initech"}
< not json
$ CRM_SHARE="$SHARE" CRM_ACTOR=ann crm-deal import -d r.db --reject bad.jsonl && jq -c '{line, error}' bad.jsonl && sqlite3 r.db "SELECT id FROM deals ORDER BY id; SELECT count(*) FROM customers; SELECT count(*) FROM events"
> {"line":2,"error":"<stdin>:2: owner: unknown rep Zed"}
> {"line":4,"error":"<stdin>:4: col 1: not a JSON object"}
> R1
> R3
> 1
> 2
! crm-deal: read 4, accepted 2, rejected 2, inserted 2, updated 0, unchanged 0, stage changes 2, customers created 1

=== hostile strings are stored verbatim
< {"id":"H1'); DROP TABLE deals;--","account":"Robert'); DROP TABLE customers;--","product":"\"quoted\" \\ back","stage":"proposal","note":"<script>"}
$ CRM_SHARE="$SHARE" crm-deal import -d h.db -q && CRM_SHARE="$SHARE" crm-deal list -d h.db && sqlite3 h.db "SELECT count(*) FROM deals; SELECT id FROM customers"
> {"id":"H1'); DROP TABLE deals;--","customer_id":"Robert'); DROP TABLE customers;--","product":"\"quoted\" \\ back","stage":"proposal","probability":50,"forecast_category":"best_case","created_on":"2026-11-22","stage_since":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z","note":"<script>"}
> 1
> Robert'); DROP TABLE customers;--

=== a CSV export renamed into deals; other columns go to attrs
$ printf 'Opportunity,Agent,Stage,Value,Source\r\nO1,Ann Lee,Won,12.50,fair\r\nO2,r2,Lost,0,web\r\n' > opps.csv && crm-rec rename opportunity=id,agent=owner,value=amount opps.csv | CRM_SHARE="$SHARE" crm-deal import --currency USD -q && CRM_SHARE="$SHARE" crm-deal list --closed -f csv --fields id,owner,amount,currency,stage,source | tr -d '\r'
> id,owner,amount,currency,stage,source
> D2,r2,2000.00,EUR,lost,
> D3,,99.99,EUR,won,
> O1,r1,12.50,USD,won,fair
> O2,r2,0.00,USD,lost,web

# Stage rule files are checked on load.

=== a sample of other stages: names match in any case
$ echo '{"id":"M1","stage":"Engaging"}' | crm-deal import -d m.db -q --stages "$SHARE/samples/maven-stages.json" && crm-deal list -d m.db --stages "$SHARE/samples/maven-stages.json" --fields id,stage,probability,forecast_category
> {"id":"M1","stage":"engaging","probability":50,"forecast_category":"best_case"}

=== without a won stage
$ printf '{"stages": [\n  {"name": "a", "probability": 10, "forecast_category": "pipeline"},\n  {"name": "l", "probability": 0, "forecast_category": "closed", "outcome": "lost"}\n]}\n' > nowon.json && crm-deal list --stages nowon.json
! crm-deal: nowon.json:1: stages: exactly one stage has outcome won and one outcome lost
? 78

=== a stage twice, in another case
$ printf '{"stages": [\n  {"name": "a", "probability": 10, "forecast_category": "pipeline"},\n  {"name": "A", "probability": 10, "forecast_category": "pipeline"}\n]}\n' > twice.json && crm-deal list --stages twice.json
! crm-deal: twice.json:3: stages[1]: name: "A" again (stages[0])
? 78

=== a probability out of range, a category that is not one, a misspelt member
$ printf '{"stages": [\n  {"name": "a", "probability": 110, "forecast_category": "pipeline"}]}\n' > p.json && crm-deal list --stages p.json; printf '{"stages": [\n  {"name": "a", "probability": 10, "forecast_category": "maybe"}]}\n' > f.json && crm-deal list --stages f.json; printf '{"stages": [\n  {"name": "a", "probabilty": 10}]}\n' > m.json && crm-deal list --stages m.json
! crm-deal: p.json:2: stages[0].probability: not a whole number from 0 to 100
! crm-deal: f.json:2: stages[0]: forecast_category: one of pipeline, best_case, commit, closed
! crm-deal: m.json:2: stages[0]: unknown member "probabilty"
? 78

=== the won stage must be certain
$ printf '{"stages": [{"name": "a", "probability": 10, "forecast_category": "pipeline"}, {"name": "w", "probability": 90, "forecast_category": "closed", "outcome": "won"}]}\n' > w.json && crm-deal list --stages w.json
! crm-deal: w.json:1: stages[1]: the won stage has probability 100 and forecast_category closed
? 78

=== a JSON syntax error names line and column; a missing file
$ printf '{"stages": [\n  {"name": "a",}\n]}\n' > syntax.json && crm-deal list --stages syntax.json; crm-deal list --stages nope.json
! crm-deal: syntax.json:2:16: string or '}' expected near '}'
! crm-deal: nope.json: unable to open nope.json: No such file or directory
? 78

# The Maven "CRM Sales Opportunities" data set, all of it.

=== reps from sales_teams.csv, then every deal of sales_pipeline.csv: read = accepted + rejected
$ crm-db init -d maven.db && \
    crm-rec rename sales_agent=id,manager=team_id,regional_office=region "$DATA/crm-sales-opportunities/sales_teams.csv" | \
    crm-lead reps import -d maven.db -q && \
    crm-rec rename opportunity_id=id,sales_agent=owner,deal_stage=stage,engage_date=created_on,close_date=closed_on,close_value=amount \
    "$DATA/crm-sales-opportunities/sales_pipeline.csv" | \
    crm-deal import -d maven.db --stages "$SHARE/samples/maven-stages.json" --currency USD --reject maven-bad.jsonl 2> summary && \
    rows=$(($(wc -l < "$DATA/crm-sales-opportunities/sales_pipeline.csv") - 1)) && \
    read -r _ _ n _ a _ r _ < <(tr -d , < summary) && \
    echo "rows $rows: read $n = accepted $a + rejected $r: $([ $n = $rows ] && [ $n = $((a + r)) ] && echo yes)" && \
    [ "$r" = "$(wc -l < maven-bad.jsonl)" ] && echo "rejected as many as set aside"
> rows 8800: read 8800 = accepted 8800 + rejected 0: yes
> rejected as many as set aside

=== the deals per stage are those of the CSV, counted independently
$ cmp <(tail -n +2 "$DATA/crm-sales-opportunities/sales_pipeline.csv" | cut -d, -f5 | tr -d '\r' | tr A-Z a-z | sort | uniq -c | awk '{print $2, $1}') \
    <(sqlite3 -separator ' ' maven.db "SELECT stage, count(*) FROM deals GROUP BY stage ORDER BY stage") && echo same
> same

=== every account is a customer, and the deals without one have none
$ cmp <(tail -n +2 "$DATA/crm-sales-opportunities/sales_pipeline.csv" | cut -d, -f4 | sort | uniq -c | sed 's/^ *\([0-9]*\) /\1|/' | awk -F'|' '{print $2 "|" $1}' | sort) \
    <(sqlite3 maven.db "SELECT coalesce(customer_id, ''), count(*) FROM deals GROUP BY 1 ORDER BY 1" | awk -F'|' '{print $1 "|" $2}' | sort) && echo same && \
    sqlite3 maven.db "SELECT count(*) FROM customers" && tail -n +2 "$DATA/crm-sales-opportunities/sales_pipeline.csv" | cut -d, -f4 | grep -v '^$' | sort -u | wc -l
> same
> 85
> 85

=== ... and so are the won amounts, per owner, exactly
$ cmp <(tail -n +2 "$DATA/crm-sales-opportunities/sales_pipeline.csv" | tr -d '\r' | awk -F, '$5 == "Won" { s[$2] += $8 } END { for (k in s) printf "%s|%d.00\n", k, s[k] }' | sort) \
    <(crm-deal list -d maven.db --stages "$SHARE/samples/maven-stages.json" --stage won | jq -r '[.owner, .amount] | @tsv' | awk -F'\t' '{ split($2, p, "."); s[$1] += p[1] * 100 + p[2] } END { for (k in s) printf "%s|%d.%02d\n", k, s[k] / 100, s[k] % 100 }' | sort) && echo same
> same

=== importing the data set again changes nothing
$ crm-rec rename opportunity_id=id,sales_agent=owner,deal_stage=stage,engage_date=created_on,close_date=closed_on,close_value=amount \
    "$DATA/crm-sales-opportunities/sales_pipeline.csv" | \
    crm-deal import -d maven.db --stages "$SHARE/samples/maven-stages.json" --currency USD 2>&1 | sed 's/.*rejected 0, //'
> inserted 0, updated 0, unchanged 8800, stage changes 0, customers created 0

# Output errors.

=== a full disk is an error
$ CRM_SHARE="$SHARE" crm-deal list -d maven.db --stages "$SHARE/samples/maven-stages.json" > /dev/full
! crm-deal: <stdout>: No space left on device
? 74

