# crm-lead import: leads from every source, checked, normalised, stored
# once, their duplicates found and counted.

=== the sample leads go in, each normalised
$ export CRM_SHARE="$SHARE"; crm-lead import -d a.db --country 86 --currency CNY "$SHARE/samples/leads.csv" && crm-lead list -d a.db --fields id,name,company,email,phone -f tsv
> id	name	company	email	phone
> web:L-0001	Chen Jing	Hangzhou West Lake Motors	chen.jing@westlake.example.cn	+8657188812345
> phone:L-0002	Liu Yang	北京京北车行	liu.yang@example.cn	+861066601234
> fair:L-0003	Maria Rossi	Rossi Fleet, S.p.A.	m.rossi@rossifleet.example.it	+390212345678
> referral:L-0004	Zhao Lei	上海华东汽车销售有限公司	zhao.lei@hd-auto.example.cn	+8613812345678
> sms:L-0005	Wu Min		wu.min@example.cn	+8613998765432
> web:L-0006	O'Brien, Sean	Harbour Logistics	sean@harbour.example.ie	+35315550199
> partner:L-0007	Sun Li	天津港车队	sunli@tj-fleet.example.cn	+862255558888
> email:L-0008	Anna Schmidt	Autohaus Schmidt GmbH	anna@autohaus-schmidt.example.de	+49301234567
> fax:L-0009	Huang Wei	苏州新区汽贸		+8651266889900
> event:L-0010	Li Na	Ningbo "Golden Coast" Cars	lina@goldencoast.example.cn	+8657487654321
> media:L-0011	Ma Chao	Xi'an Silk Road Auto	machao@silkroad.example.cn	+862988881234
> web:L-0012	Guo Fang	成都天府汽车城	guo.fang@tianfu.example.cn	+862885556677
! crm-lead: read 12, accepted 12, rejected 0, new 12, updated 0, unchanged 0, duplicates 0 (of leads 0, of customers 0)

=== a new lead is new, with its other fields kept (the default currency beside its value)
$ export CRM_SHARE="$SHARE"; crm-lead list -d a.db --fields id,status,created_at,intent,estimated_value,currency,company_size | head -2
> {"id":"web:L-0001","status":"new","created_at":"2026-11-02T01:15:00Z","intent":"quote","estimated_value":"230000","currency":"CNY","company_size":"medium"}
> {"id":"phone:L-0002","status":"new","created_at":"2026-11-03T06:40:00Z","intent":"info","company_size":"small"}

=== importing the same file again changes nothing
$ export CRM_SHARE="$SHARE"; crm-db dump -d a.db > before.jsonl && crm-lead import -d a.db --country 86 --currency CNY "$SHARE/samples/leads.csv" && crm-db dump -d a.db | cmp - before.jsonl && echo same
> same
! crm-lead: read 12, accepted 12, rejected 0, new 0, updated 0, unchanged 12, duplicates 0 (of leads 0, of customers 0)

=== a lead the source sends again with a change is updated, not added
< {"source":"web","id":"L-0001","name":"Chen Jing","company":"Hangzhou West Lake Motors","email":"chen.jing@westlake.example.cn","phone":"+86 571 8881 2345","region":"East","product":"SUV-X5-LUX","created_at":"2026-11-02T01:15:00Z","intent":"buy","estimated_value":"230000","currency":"CNY","company_size":"medium"}
$ export CRM_SHARE="$SHARE"; crm-lead import -d a.db && crm-lead list -d a.db --fields id,intent,created_at,updated_at | head -1
> {"id":"web:L-0001","intent":"buy","created_at":"2026-11-02T01:15:00Z","updated_at":"2026-11-22T08:00:00Z"}
! crm-lead: read 1, accepted 1, rejected 0, new 0, updated 1, unchanged 0, duplicates 0 (of leads 0, of customers 0)

=== full-width input, odd spacing and source aliases are normalised (leads of the same time listed by id)
< {"source":"Ｗｅｂ　Ｆｏｒｍ","id":"FW-1","name":"  Ｔａｎａｋａ   Ｈｉｒｏ ","email":"ＴＡＮＡＫＡ＠ＥＸＡＭＰＬＥ．ＪＰ","phone":"＋８１　３－１２３４－５６７８"}
< {"source":"trade-show","id":"FW-2","company":"东方　汽车","phone":"(021) 6123 4567"}
< {"source":"网站","id":"FW-3","name":"王芳","email":"wang.fang@example.cn"}
$ export CRM_SHARE="$SHARE"; crm-lead import -q -d fw.db --country 86 && crm-lead list -d fw.db --fields id,source,source_id,name,company,email,phone
> {"id":"fair:FW-2","source":"fair","source_id":"FW-2","company":"东方 汽车","phone":"+862161234567"}
> {"id":"web:FW-1","source":"web","source_id":"FW-1","name":"Tanaka Hiro","email":"tanaka@example.jp","phone":"+81312345678"}
> {"id":"web:FW-3","source":"web","source_id":"FW-3","name":"王芳","email":"wang.fang@example.cn"}

=== list writes records import reads again unchanged
$ export CRM_SHARE="$SHARE"; crm-lead list -d fw.db | crm-lead import -d fw.db
! crm-lead: read 3, accepted 3, rejected 0, new 0, updated 0, unchanged 3, duplicates 0 (of leads 0, of customers 0)

=== a lead repeating an earlier one by e-mail, phone, or company and name is linked to it and counted
< {"source":"web","id":"D-1","name":"Ann Lee","company":"Acme","email":"ann@acme.example","phone":"+1 555 0100 111"}
< {"source":"phone","id":"D-2","name":"Ann Lee","phone":"+1 555 0100 999","email":"ANN@acme.example"}
< {"source":"fax","id":"D-3","name":"A. Lee","phone":"+1-555-0100-111"}
< {"source":"fair","id":"D-4","name":"ann lee","company":"ACME","email":"lee@other.example"}
< {"source":"sms","id":"D-5","name":"Bo Chen","phone":"+1 555 0199 000"}
$ export CRM_SHARE="$SHARE"; crm-lead import -d d.db && crm-lead list -d d.db --fields id,duplicate_of
> {"id":"fair:D-4","duplicate_of":"web:D-1"}
> {"id":"fax:D-3","duplicate_of":"web:D-1"}
> {"id":"phone:D-2","duplicate_of":"web:D-1"}
> {"id":"sms:D-5"}
> {"id":"web:D-1"}
! crm-lead: read 5, accepted 5, rejected 0, new 5, updated 0, unchanged 0, duplicates 3 (of leads 3, of customers 0)

=== duplicates are listed on their own, or left out
$ export CRM_SHARE="$SHARE"; crm-lead list -d d.db --duplicates --fields id && crm-lead list -d d.db --no-duplicates --fields id
> {"id":"fair:D-4"}
> {"id":"fax:D-3"}
> {"id":"phone:D-2"}
> {"id":"sms:D-5"}
> {"id":"web:D-1"}

=== a lead from an existing customer, its contact, or a contact's company and name is linked to that customer
< {"source":"web","id":"C-1","name":"Someone","email":"buy@westlake.example.cn"}
< {"source":"phone","id":"C-2","name":"Other","phone":"+86 571 8881 2345"}
< {"source":"event","id":"C-3","name":"New Person","phone":"+86 10 0000 0000"}
$ export CRM_SHARE="$SHARE"; crm-db load -q -d cu.db "$SHARE/samples/demo.jsonl" && crm-lead import -d cu.db && crm-lead list -d cu.db --source web --fields id,customer_id,duplicate_of && crm-lead list -d cu.db --source phone --fields id,customer_id,duplicate_of && crm-lead list -d cu.db --source event --fields id,customer_id,duplicate_of
> {"id":"web:C-1","customer_id":"C-1002","duplicate_of":"C-1002"}
> {"id":"phone:C-2","customer_id":"C-1002","duplicate_of":"C-1002"}
> {"id":"event:C-3"}
! crm-lead: read 3, accepted 3, rejected 0, new 3, updated 0, unchanged 0, duplicates 2 (of leads 0, of customers 2)

=== every kind of bad lead stops the run with its place and reason, and nothing is stored
< {"source":"web","id":"OK-1","name":"Good","email":"good@example.cn"}
< {"source":"web","name":"x","email":"a@b.cn"}
$ export CRM_SHARE="$SHARE"; crm-db init -d s.db && crm-db dump -d s.db > empty.jsonl && crm-lead import -d s.db; echo "exit $?"; crm-db dump -d s.db | cmp - empty.jsonl && echo unchanged
> exit 65
> unchanged
! crm-lead: <stdin>:2: id: missing (a lead needs the id its source gave it)

=== the reasons, one bad lead each
< {"source":"web","id":"1","name":"x","email":"a@@b.cn"}
< {"source":"web","id":"1","name":"x","phone":"call me"}
< {"source":"web","id":"1","name":"x","phone":"6660-1234"}
< {"source":"pigeon","id":"1","name":"x","email":"a@b.cn"}
< {"source":"web","id":"1","name":"x","email":"a@b.cn","estimated_value":"-5","currency":"CNY"}
< {"source":"web","id":"1","name":"x","email":"a@b.cn","estimated_value":"5"}
< {"source":"web","id":"1","name":"x","email":"a@b.cn","estimated_value":"5","currency":"XXY"}
< {"source":"web","id":"1","name":"x","email":"a@b.cn","created_at":"2026-13-01"}
< {"source":"web","id":"1","email":"a@b.cn"}
< {"source":"web","id":"1","name":"x"}
< {"source":"web","id":true,"name":"x","email":"a@b.cn"}
< {"source":"web","id":"1","name":7,"email":"a@b.cn"}
$ export CRM_SHARE="$SHARE"; while read -r r; do echo "$r" | crm-lead import -d s.db; echo "exit $?"; done
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
> exit 65
! crm-lead: <stdin>:1: email: not an e-mail address: "a@@b.cn"
! crm-lead: <stdin>:1: phone: not a phone number: "call me"
! crm-lead: <stdin>:1: phone: no country code (national number): "6660-1234"
! crm-lead: <stdin>:1: source: unknown source "pigeon" (see crm-lead-sources(5))
! crm-lead: <stdin>:1: estimated_value: negative
! crm-lead: <stdin>:1: currency: missing (estimated_value needs one; or --currency)
! crm-lead: <stdin>:1: currency: not an ISO 4217 code: "XXY"
! crm-lead: <stdin>:1: created_at: not a date or an RFC 3339 instant: "2026-13-01"
! crm-lead: <stdin>:1: name: missing (a lead needs a name or a company)
! crm-lead: <stdin>:1: email: missing (a lead needs an e-mail address or a phone number)
! crm-lead: <stdin>:1: id: not a string or a number
! crm-lead: <stdin>:1: name: not a string

=== --reject sets bad leads aside and stores the good ones; the counts add up
< {"source":"web","id":"R-1","name":"One","email":"one@example.cn"}
< {"source":"web","id":"R-2","name":"Two","email":"two@"}
< {"source":"fax","id":"R-3","company":"Three","phone":"+86 10 1234 5678"}
< not json
$ export CRM_SHARE="$SHARE"; crm-lead import -d s.db --reject bad.jsonl && crm-lead list -d s.db --fields id && jq -c '{line, error}' bad.jsonl
> {"id":"fax:R-3"}
> {"id":"web:R-1"}
> {"line":2,"error":"<stdin>:2: email: not an e-mail address: \"two@\""}
> {"line":4,"error":"<stdin>:4: col 1: not a JSON object"}
! crm-lead: read 4, accepted 2, rejected 2, new 2, updated 0, unchanged 0, duplicates 0 (of leads 0, of customers 0)

=== hostile strings are stored as they are
< {"source":"web","id":"x'); DROP TABLE leads;--","name":"Robert'); DROP TABLE leads;--","company":"\"Quotes\" & <tags>","email":"bobby@example.cn"}
$ export CRM_SHARE="$SHARE"; crm-lead import -q -d s.db && crm-lead list -d s.db --source web --fields id,name,company && sqlite3 s.db 'SELECT count(*) FROM leads'
> {"id":"web:R-1","name":"One"}
> {"id":"web:x'); DROP TABLE leads;--","name":"Robert'); DROP TABLE leads;--","company":"\"Quotes\" & <tags>"}
> 3

=== a bad --country is a usage error
$ export CRM_SHARE="$SHARE"; crm-lead import -d s.db --country +86 < /dev/null
! crm-lead: --country: not a country calling code (1 to 3 digits, such as 86 or 1): +86
! usage: crm-lead import [-qv] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [--reject FILE] [--sources FILE] [--country CODE] [--currency CODE] [FILE ...]
? 64

=== two imports at once both succeed, and every lead is stored once
$ export CRM_SHARE="$SHARE"; for p in a b; do for i in $(seq 1 3000); do echo "{\"source\":\"web\",\"id\":\"$p$i\",\"name\":\"N $p$i\",\"email\":\"$p$i@example.cn\"}"; done > $p.jsonl; done; crm-db init -d c.db && { crm-lead import -q -d c.db a.jsonl & p1=$!; crm-lead import -q -d c.db b.jsonl & p2=$!; wait $p1 && wait $p2; } && sqlite3 c.db "SELECT count(*), count(DISTINCT email), count(duplicate_of) FROM leads"
> 6000|6000|0
