# crm-lead update, show, convert and sources: a lead's life from new to
# a customer and a deal, every change in the event log.

=== the sample leads, in a database with the sample customers
$ export CRM_SHARE="$SHARE"; crm-db load -q -d l.db "$SHARE/samples/demo.jsonl" && crm-lead import -q -d l.db --country 86 --currency CNY "$SHARE/samples/leads.csv"

=== a first contact is recorded with who and when
$ export CRM_SHARE="$SHARE" CRM_ACTOR=ana; crm-lead update -d l.db --status contacted --at 2026-11-22T09:30:00Z web:L-0006 fair:L-0003 && crm-lead show -d l.db web:L-0006 --fields id,status,first_contact_at,history
> {"id":"web:L-0006","status":"contacted","first_contact_at":"2026-11-22T09:30:00Z","history":[{"at":"2026-11-22T09:30:00Z","kind":"status","from_state":"new","to_state":"contacted","actor":"ana"}]}

=== a move the lifecycle forbids stops the run, and no lead of it changes
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status qualified web:L-0006 sms:L-0005; echo "exit $?"; crm-lead list -d l.db --status qualified
> exit 65
! crm-lead: lead sms:L-0005: cannot go from new to qualified (from new: assigned, contacted, disqualified, recycled)

=== an unknown lead is an error
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status contacted web:NOPE
! crm-lead: lead web:NOPE: unknown lead
? 65

=== disqualifying needs a reason, which is kept
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status disqualified fair:L-0003; echo "exit $?"; crm-lead update -d l.db --status disqualified --note "no budget" fair:L-0003 && crm-lead list -d l.db --status disqualified --fields id,status,status_reason
> exit 65
> {"id":"fair:L-0003","status":"disqualified","status_reason":"no budget"}
! crm-lead: lead fair:L-0003: disqualified needs a reason

=== a disqualified lead may go back to the pool, and from there to no other status than assigned or disqualified
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status recycled --note "try in spring" fair:L-0003 && crm-lead update -d l.db --status contacted fair:L-0003
! crm-lead: lead fair:L-0003: cannot go from recycled to contacted (from recycled: assigned, disqualified)
? 65

=== assigned, new and converted are not for update
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status converted web:L-0006
! crm-lead: --status converted: leads are converted by crm-lead convert
! usage: crm-lead update [-qv] [-d DB] [--busy-timeout MS] [--status STATUS] [--note TEXT] [--at INSTANT] ID ...
? 64

=== only a qualified lead converts
$ export CRM_SHARE="$SHARE"; crm-lead convert -d l.db web:L-0006
! crm-lead: lead web:L-0006: is contacted; only a qualified lead converts
? 65

=== a qualified lead becomes a new customer, with its person as a contact, and a deal in the first stage
$ export CRM_SHARE="$SHARE"; crm-lead update -d l.db --status qualified web:L-0006 && crm-lead convert -d l.db web:L-0006 --amount 61000.50 && sqlite3 l.db "SELECT id, customer_id, name, email FROM contacts WHERE id = 'web:L-0006'; SELECT status, customer_id FROM leads WHERE id = 'web:L-0006'"
> {"type":"customer","id":"web:L-0006","name":"Harbour Logistics","kind":"company","email":"sean@harbour.example.ie","phone":"+35315550199","region":"Export","created_at":"2026-11-22T08:00:00Z"}
> {"type":"deal","id":"web:L-0006","customer_id":"web:L-0006","product":"SED-A3-STD","amount":"61000.50","currency":"CNY","stage":"prospecting","probability":10,"forecast_category":"pipeline","created_on":"2026-11-22","lead_id":"web:L-0006","stage_since":"2026-11-22T00:00:00Z","updated_at":"2026-11-22T08:00:00Z"}
> web:L-0006|web:L-0006|O'Brien, Sean|sean@harbour.example.ie
> converted|web:L-0006

=== a lead that matched a customer on import joins it, the deal worth its estimated value
$ export CRM_SHARE="$SHARE"; crm-lead update -q -d l.db --status contacted web:L-0001 && crm-lead update -d l.db --status qualified web:L-0001 && crm-lead convert -d l.db web:L-0001 --deal-id D-77 --fields type,id,customer_id,amount,currency,stage
> {"type":"customer","id":"C-1002","currency":"CNY"}
> {"type":"deal","id":"D-77","customer_id":"C-1002","amount":"230000.00","currency":"CNY","stage":"prospecting"}

=== a new customer's id may not be taken, nor a deal's
$ export CRM_SHARE="$SHARE"; crm-lead update -q -d l.db --status contacted email:L-0008 && crm-lead update -d l.db --status qualified email:L-0008 && crm-lead convert -d l.db email:L-0008 --customer-id C-1002; echo "exit $?"; crm-lead convert -d l.db email:L-0008 --deal-id D-77; echo "exit $?"; crm-lead list -d l.db --status qualified --fields id
> exit 65
> exit 65
> {"id":"email:L-0008"}
! crm-lead: customer C-1002: exists already; join it with --customer C-1002
! crm-lead: deal D-77: exists already (--deal-id)

=== the history of a converted lead, oldest first
$ export CRM_SHARE="$SHARE"; crm-lead show -d l.db web:L-0001 | jq -c '.history[] | [.from_state, .to_state]'
> ["new","contacted"]
> ["contacted","qualified"]
> ["qualified","converted"]

=== leads per source: contacted, qualified, converted, their rate and the median time to first contact
$ export CRM_SHARE="$SHARE"; crm-lead sources -d l.db -f tsv
> source	channel	leads	contacted	qualified	converted	conversion_rate	median_first_contact_minutes
> email		1	1	1	0	0.00	18675
> event		1	0	0	0	0.00	
> fair		1	1	0	0	0.00	25950
> fax		1	0	0	0	0.00	
> media		1	0	0	0	0.00	
> partner		1	0	0	0	0.00	
> phone		1	0	0	0	0.00	
> referral		1	0	0	0	0.00	
> sms		1	0	0	0	0.00	
> web		3	2	2	2	66.67	21310
