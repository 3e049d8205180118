# customer-care.t - crm-customer tag, untag, segment, campaign, optout,
# optin over the demo sample with contacts, a merged customer and one
# without any address added by sqlite3.

=== set up: the demo sample, contacts, a merged customer, one without an address
$ crm-db load -d c.db -q $SHARE/samples/demo.jsonl && sqlite3 c.db "INSERT INTO customers (id, name, kind, region, tier, merged_into, created_at) VALUES ('C-1005', 'HD Auto (web)', 'dealer', 'East', 'A', 'C-1001', '2026-05-01T00:00:00Z'); INSERT INTO customers (id, name, kind, region, tier, created_at) VALUES ('C-1006', 'Quiet Motors', 'retailer', 'South', 'C', '2026-05-01T00:00:00Z'); INSERT INTO contacts (id, customer_id, name, role, email, phone) VALUES ('K-1', 'C-1001', 'Chen Jie', 'buyer', 'chen.jie@hd-auto.example.cn', '+8613900000001'), ('K-2', 'C-1001', 'Zhou Li', 'Primary', 'zhou.li@hd-auto.example.cn', NULL), ('K-3', 'C-1002', 'Anna Wu', 'buyer', 'anna@westlake.example.cn', '+8613900000003'), ('K-4', 'C-1003', 'Sun Hao', 'primary', NULL, '+8613900000004')" && echo ok
> ok

=== tag by hand: a merged customer's tag goes to the customer it was merged into
$ crm-customer tag -d c.db dealer C-1001 C-1002 C-1005 && sqlite3 c.db "SELECT customer_id, tag, source, tagged_at FROM customer_tags ORDER BY 1, 2"
> C-1001|dealer|cli|2026-11-22T08:00:00Z
> C-1002|dealer|cli|2026-11-22T08:00:00Z
! crm-customer: read 0, accepted 0, rejected 0, tagged 2, already 1, untagged 0, absent 0

=== tagging again is harmless: the first source and time stay
$ CRM_NOW=2026-11-23T00:00:00Z crm-customer tag -d c.db dealer C-1002 && sqlite3 c.db "SELECT tagged_at FROM customer_tags WHERE customer_id = 'C-1002'"
> 2026-11-22T08:00:00Z
! crm-customer: read 0, accepted 0, rejected 0, tagged 0, already 1, untagged 0, absent 0

=== an unknown customer stops the run, nothing is tagged
$ crm-customer tag -d c.db vip C-1001 C-9; echo "exit $?"; sqlite3 c.db "SELECT count(*) FROM customer_tags WHERE tag = 'vip'"
> exit 65
> 0
! crm-customer: C-9: unknown customer

=== a tag with a space, a comma or nothing in it is refused
$ crm-customer tag -d c.db 'v ip' C-1001; crm-customer tag -d c.db 'a,b' C-1001; crm-customer tag -d c.db '' C-1001; echo "exit $?"
> exit 65
! crm-customer: v ip: not a tag (no spaces, commas or control characters)
! crm-customer: a,b: not a tag (no spaces, commas or control characters)
! crm-customer: : not a tag (1 to 64 bytes)

=== tag needs a tag and a customer
$ crm-customer tag -d c.db vip 2>&1 | head -1; crm-customer tag -d c.db --ids --rules r.json 2>&1 | head -1
> crm-customer: a tag and one customer id or more (or --ids, or --rules)
> crm-customer: --ids or --rules, not both

=== untag, and untagging what is not there
$ crm-customer untag -d c.db dealer C-1002 C-1003 && sqlite3 c.db "SELECT customer_id FROM customer_tags WHERE tag = 'dealer'"
> C-1001
! crm-customer: read 0, accepted 0, rejected 0, tagged 0, already 0, untagged 1, absent 1

=== --ids: a list of ids and tags, a list or "a,b"; the source names the file
$ printf '%s\n' '{"id":"C-1002","tags":["dealer","vip"]}' '{"customer_id":"C-1004","tags":"fleet,vip"}' > ids.jsonl && crm-customer tag -d c.db --ids ids.jsonl && sqlite3 c.db "SELECT customer_id, tag, source FROM customer_tags WHERE source LIKE 'ids:%' ORDER BY 1, 2"
> C-1002|dealer|ids:ids.jsonl
> C-1002|vip|ids:ids.jsonl
> C-1004|fleet|ids:ids.jsonl
> C-1004|vip|ids:ids.jsonl
! crm-customer: read 2, accepted 2, rejected 0, tagged 4, already 0, untagged 0, absent 0

=== --ids: a bad record stops the run with its place, nothing written
$ printf '%s\n' '{"id":"C-1003","tags":["new"]}' '{"id":"C-1003","tags":[1]}' | crm-customer tag -d c.db --ids; echo "exit $?"; sqlite3 c.db "SELECT count(*) FROM customer_tags WHERE customer_id = 'C-1003'"
> exit 65
> 0
! crm-customer: <stdin>:2: tags: not a list of strings

=== --ids --reject: the bad records aside, the good ones in, counts add up (a record refused half-way counts nothing)
$ printf '%s\n' '{"id":"C-1003","tags":["new"]}' '{"id":"C-77","tags":["new"]}' '{"id":"C-1006"}' '{"id":"C-1006","tags":["quiet",7]}' | crm-customer tag -d c.db --ids --reject bad.jsonl; jq -c '[.line, .error]' bad.jsonl; sqlite3 c.db "SELECT count(*) FROM customer_tags WHERE customer_id = 'C-1006'"
> [2,"<stdin>:2: id: unknown customer: C-77"]
> [3,"<stdin>:3: tags: missing"]
> [4,"<stdin>:4: tags: not a list of strings"]
> 0
! crm-customer: read 4, accepted 1, rejected 3, tagged 1, already 0, untagged 0, absent 0

=== the rule file: rfm output in, tags by segment and scores
$ printf '%s\n' '{"rules": [' '{"tag": "hibernating", "when": {"segment": "Hibernating"}},' '{"tag": "lapsing", "when": {"r": {"le": 2}}},' '{"tag": "big", "when": {"monetary": {"ge": "386384.50"}}},' '{"tag": "potential", "when": {"segment": ["Potential loyalist", "New"], "m": {"gt": 2}}}],' '"personas": {"sleepy-dealer": ["dealer", "hibernating"]}}' > rules.json && crm-report rfm -d c.db > rfm.jsonl && crm-customer tag -d c.db --rules rules.json rfm.jsonl && sqlite3 c.db "SELECT customer_id, tag FROM customer_tags WHERE source = 'rules:rules.json' ORDER BY 1, 2"
> C-1001|big
> C-1001|hibernating
> C-1001|lapsing
> C-1004|big
> C-1004|potential
! crm-customer: read 3, accepted 3, rejected 0, tagged 5, already 0, untagged 0, absent 0

=== the same by hand: C-1001 r 2 Hibernating 839200.00; C-1002 r 4 m 2; C-1004 r 5 m 4 386384.50
$ jq -c '[.customer_id, .r, .m, .segment, .monetary]' rfm.jsonl
> ["C-1001",2,5,"Hibernating","839200.00"]
> ["C-1002",4,2,"Potential loyalist","258598.50"]
> ["C-1004",5,4,"Potential loyalist","386384.50"]

=== re-running the rules is harmless
$ crm-customer tag -d c.db --rules rules.json rfm.jsonl
! crm-customer: read 3, accepted 3, rejected 0, tagged 0, already 5, untagged 0, absent 0

=== the default rule file loads
$ crm-customer tag -d c.db --rules $SHARE/customer-tags.json rfm.jsonl
! crm-customer: read 3, accepted 3, rejected 0, tagged 1, already 0, untagged 0, absent 0

=== --rules keeps the rules' tags current (on a copy of the database); strict: a bad record changes nothing
$ cp c.db r.db && crm-customer tag -d r.db potential C-1002 -q && printf '%s\n' '{"customer_id":"C-1001","r":5,"m":5,"segment":"Champions","monetary":"900000.00"}' '{"customer_id":"C-1002","r":1,"m":2,"segment":"At risk","monetary":"1000.00"}' > rfm2.jsonl && cat rfm2.jsonl - > rfm2bad.jsonl <<< '{"customer_id":"C-77","r":1}' && crm-customer tag -d r.db --rules rules.json rfm2bad.jsonl; echo "exit $?"; sqlite3 r.db "SELECT customer_id, group_concat(tag) FROM (SELECT * FROM customer_tags WHERE customer_id IN ('C-1001', 'C-1002') ORDER BY 1, 2) GROUP BY 1; SELECT count(*) FROM customer_history WHERE source = 'rules:rules.json' AND new_value IS NULL"
> exit 65
> C-1001|big,big-spender,dealer,hibernating,lapsing
> C-1002|dealer,potential,vip
> 0
! crm-customer: rfm2bad.jsonl:3: customer_id: unknown customer: C-77

=== --keep: tags added, none taken off
$ crm-customer tag -d r.db --rules rules.json --keep rfm2.jsonl
! crm-customer: read 2, accepted 2, rejected 0, tagged 1, already 1, untagged 0, absent 0

=== without it: the rules' tags no rule gives now go; a hand tag of the same name, other files' tags and customers not named stay
$ crm-customer tag -d r.db --rules rules.json rfm2.jsonl && sqlite3 r.db "SELECT customer_id, tag, replace(source, '$SHARE/', '') FROM customer_tags WHERE customer_id IN ('C-1001', 'C-1002', 'C-1004') ORDER BY 1, 2; SELECT customer_id, old_value, new_value, changed_at, source FROM customer_history WHERE field = 'tags' AND source = 'rules:rules.json' AND new_value IS NULL ORDER BY id"
> C-1001|big|rules:rules.json
> C-1001|big-spender|rules:customer-tags.json
> C-1001|dealer|cli
> C-1002|dealer|ids:ids.jsonl
> C-1002|lapsing|rules:rules.json
> C-1002|potential|cli
> C-1002|vip|ids:ids.jsonl
> C-1004|big|rules:rules.json
> C-1004|fleet|ids:ids.jsonl
> C-1004|potential|rules:rules.json
> C-1004|vip|ids:ids.jsonl
> C-1001|hibernating||2026-11-22T08:00:00Z|rules:rules.json
> C-1001|lapsing||2026-11-22T08:00:00Z|rules:rules.json
! crm-customer: read 2, accepted 2, rejected 0, tagged 0, already 2, untagged 2, absent 0

=== a customer named twice (here once by a merged record): what either record gives stays
$ printf '%s\n' '{"customer_id":"C-1001","r":1,"m":1,"segment":"Lost","monetary":"10.00"}' '{"customer_id":"C-1005","r":5,"m":5,"segment":"Champions","monetary":"900000.00"}' | crm-customer tag -d r.db --rules rules.json && sqlite3 r.db "SELECT group_concat(tag) FROM (SELECT tag FROM customer_tags WHERE customer_id = 'C-1001' AND source LIKE 'rules:%' ORDER BY 1)"
> big,big-spender,lapsing
! crm-customer: read 2, accepted 2, rejected 0, tagged 1, already 1, untagged 0, absent 0

=== --keep is for --rules
$ crm-customer tag -d c.db --keep vip C-1001 2>&1 | head -1
> crm-customer: --keep is for --rules

=== a bad rule file: file:line, exit 78
$ printf '{"rules":[\n{"tag":"x","when":{"r":{"le":1.5}}}]}\n' > bad1.json; crm-customer tag -d c.db --rules bad1.json rfm.jsonl; printf '{"rules":[{"tag":"x",\n"when":{"r":{"about":1}}}]}\n' > bad2.json; crm-customer tag -d c.db --rules bad2.json rfm.jsonl; printf '{"rules":[{"tag":"a b","when":{}}]}\n' > bad3.json; crm-customer tag -d c.db --rules bad3.json rfm.jsonl; printf '{"personas":{"p":[]}}\n' > bad4.json; crm-customer tag -d c.db --rules bad4.json rfm.jsonl; echo "exit $?"
> exit 78
! crm-customer: bad1.json:2: rules[0].when.r.le: write a decimal as a string, such as "12.50", so that it stays exact
! crm-customer: bad2.json:2: rules[0].when.r.about: unknown comparison (eq, ne, lt, le, gt, ge, in, present)
! crm-customer: bad3.json:1: rules[0].tag: not a tag (no spaces, commas or control characters): "a b"
! crm-customer: bad4.json:1: personas.p: a list of tags, not empty

=== segment: every customer not merged, in id order
$ crm-customer segment -d c.db
> {"id":"C-1001","name":"上海华东汽车销售有限公司","region":"East","owner":"R-01","tier":"A","tags":["big","big-spender","dealer","hibernating","lapsing"],"last_order":"2026-09-07"}
> {"id":"C-1002","name":"Hangzhou West Lake Motors","region":"East","owner":"R-02","tier":"B","tags":["dealer","vip"],"last_order":"2026-09-21"}
> {"id":"C-1003","name":"北京京北车行","region":"North","owner":"R-03","tier":"B","tags":["new"],"last_order":null}
> {"id":"C-1004","name":"Tianjin \"Harbour\" Fleet Co.","region":"North","owner":"R-03","tier":"C","tags":["big","fleet","potential","vip"],"last_order":"2026-11-02"}
> {"id":"C-1006","name":"Quiet Motors","region":"South","owner":null,"tier":"C","tags":[],"last_order":null}

=== segment --tag: all of them, as sqlite3 finds them
$ crm-customer segment -d c.db --tag dealer,vip | jq -r .id; sqlite3 c.db "SELECT customer_id FROM customer_tags WHERE tag IN ('dealer', 'vip') GROUP BY customer_id HAVING count(*) = 2 ORDER BY 1"
> C-1002
> C-1002

=== segment --any-tag and --not-tag
$ crm-customer segment -d c.db --any-tag fleet,hibernating --not-tag vip -f tsv --fields id,tags
> id	tags
> C-1001	["big","big-spender","dealer","hibernating","lapsing"]

=== segment --persona from the rule file
$ crm-customer segment -d c.db --persona sleepy-dealer --rules rules.json | jq -r .id; crm-customer segment -d c.db --persona nobody --rules rules.json; echo "exit $?"
> C-1001
> exit 64
! crm-customer: --persona: no persona "nobody" in rules.json
! usage: crm-customer segment [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--tag TAGS] [--any-tag TAGS] [--not-tag TAGS] [--persona NAME] [--rules FILE] [--tier TIERS] [--region REGIONS] [--owner REPS] [--kind KINDS] [--last-order-before DATE] [--last-order-after DATE] [--bought SKUS] [--bought-category CATS]

=== segment --tier, --region, --owner, --kind: one of each list
$ crm-customer segment -d c.db --region East,South --kind dealer,retailer -f tsv --fields id,region; crm-customer segment -d c.db --tier B,C --owner R-03 | jq -r .id
> id	region
> C-1001	East
> C-1002	East
> C-1006	South
> C-1003
> C-1004

=== segment --tier: without a stored tier, the tier show computes (on a copy: C-1006 unset, a prospect; C-1004 unset, one sale in the year, C)
$ cp c.db tier.db && sqlite3 tier.db "UPDATE customers SET tier = NULL WHERE id IN ('C-1004', 'C-1006')" && crm-customer segment -d tier.db --tier prospect,C -f tsv --fields id,tier && crm-customer show -d tier.db C-1004 C-1006 | jq -r '.value.tier'
> id	tier
> C-1004	C
> C-1006	prospect
> C
> prospect

=== segment by last order: a draft is not a sale, no sale no last order
$ crm-customer segment -d c.db --last-order-before 2026-09-21 | jq -r .id; crm-customer segment -d c.db --last-order-after 2026-09-07 | jq -r .id; sqlite3 c.db "SELECT customer_id, max(order_date) FROM orders WHERE status NOT IN ('draft', 'cancelled') GROUP BY 1 HAVING max(order_date) > '2026-09-07' ORDER BY 1"
> C-1001
> C-1002
> C-1004
> C-1002|2026-09-21
> C-1004|2026-11-02

=== segment --bought and --bought-category (C-1003's draft does not count)
$ crm-customer segment -d c.db --bought SUV-X5-LUX | jq -r .id; crm-customer segment -d c.db --bought-category accessory | jq -r .id; sqlite3 c.db "SELECT DISTINCT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p USING (sku) WHERE o.status NOT IN ('draft', 'cancelled') AND p.category = 'accessory' ORDER BY 1"
> C-1001
> C-1002
> C-1004
> C-1002
> C-1004

=== segment: a bad date, an empty item
$ crm-customer segment -d c.db --last-order-before 2026-13-01; crm-customer segment -d c.db --tier A,; echo "exit $?"
> exit 64
! crm-customer: --last-order-before: no such date: 2026-13-01
! usage: crm-customer segment [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--tag TAGS] [--any-tag TAGS] [--not-tag TAGS] [--persona NAME] [--rules FILE] [--tier TIERS] [--region REGIONS] [--owner REPS] [--kind KINDS] [--last-order-before DATE] [--last-order-after DATE] [--bought SKUS] [--bought-category CATS]
! crm-customer: --tier: an empty item in "A,"
! usage: crm-customer segment [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--tag TAGS] [--any-tag TAGS] [--not-tag TAGS] [--persona NAME] [--rules FILE] [--tier TIERS] [--region REGIONS] [--owner REPS] [--kind KINDS] [--last-order-before DATE] [--last-order-after DATE] [--bought SKUS] [--bought-category CATS]

=== campaign --dry-run: the contacts out, nothing written; a primary contact first
$ printf 'Dear {contact_name},\n{name} ({region}): our {{winter}} offer.\n' > t.txt && crm-customer campaign -d c.db winter --channel email --template t.txt --dry-run && sqlite3 c.db "SELECT count(*) FROM activities; SELECT count(*) FROM campaigns"
> {"campaign":"winter","customer_id":"C-1001","contact_id":"K-2","channel":"email","to":"zhou.li@hd-auto.example.cn","message":"Dear Zhou Li,\n上海华东汽车销售有限公司 (East): our {winter} offer.\n","activity_id":"winter/C-1001"}
> {"campaign":"winter","customer_id":"C-1002","contact_id":"K-3","channel":"email","to":"anna@westlake.example.cn","message":"Dear Anna Wu,\nHangzhou West Lake Motors (East): our {winter} offer.\n","activity_id":"winter/C-1002"}
> {"campaign":"winter","customer_id":"C-1003","contact_id":null,"channel":"email","to":"jingbei@example.cn","message":"Dear 北京京北车行,\n北京京北车行 (North): our {winter} offer.\n","activity_id":"winter/C-1003"}
> {"campaign":"winter","customer_id":"C-1004","contact_id":null,"channel":"email","to":"fleet@harbour.example.cn","message":"Dear Tianjin \"Harbour\" Fleet Co.,\nTianjin \"Harbour\" Fleet Co. (North): our {winter} offer.\n","activity_id":"winter/C-1004"}
> 0
> 0
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 4, opted out 0, cooled down 0, no address 1 (dry run: nothing written)

=== campaign: an address with spaces around it (written by hand into the database) goes out trimmed (on a copy)
$ cp c.db trim.db && sqlite3 trim.db "UPDATE contacts SET email = '  anna@westlake.example.cn ' WHERE id = 'K-3'; UPDATE customers SET email = ' jingbei@example.cn  ' WHERE id = 'C-1003'" && crm-customer campaign -q -d trim.db winter --channel email --template t.txt --dry-run --region East,North --kind dealer,retailer | jq -r '"[" + .to + "]"'
> [zhou.li@hd-auto.example.cn]
> [anna@westlake.example.cn]
> [jingbei@example.cn]

=== optout: a customer of one channel, a contact of one channel
$ crm-customer optout -d c.db C-1002 --channel email && crm-customer optout -d c.db C-1001 --contact K-2 --channel email && crm-customer optout -d c.db C-1001 --contact K-2 --channel email
> {"customer_id":"C-1002","contact_id":null,"channel":"email","opted_out":true,"changed":true}
> {"customer_id":"C-1001","contact_id":"K-2","channel":"email","opted_out":true,"changed":true}
> {"customer_id":"C-1001","contact_id":"K-2","channel":"email","opted_out":true,"changed":false}

=== optout under a merged customer's id holds for the customer it was merged into
$ crm-customer optout -d c.db C-1005 --channel post && crm-customer optout -d c.db C-1005 --contact K-1 --channel post && sqlite3 c.db "SELECT customer_id, contact_id, channel FROM opt_outs WHERE channel = 'post' ORDER BY id" && crm-customer optin -d c.db C-1005 --channel post && crm-customer optin -d c.db C-1005 --contact K-1 && sqlite3 c.db "SELECT count(*) FROM opt_outs WHERE channel = 'post'"
> {"customer_id":"C-1005","contact_id":null,"channel":"post","opted_out":true,"changed":true}
> {"customer_id":"C-1005","contact_id":"K-1","channel":"post","opted_out":true,"changed":true}
> C-1001||post
> C-1001|K-1|post
> {"customer_id":"C-1005","contact_id":null,"channel":"post","opted_out":false,"changed":true}
> {"customer_id":"C-1005","contact_id":"K-1","channel":"all","opted_out":false,"changed":true}
> 0

=== optout: unknown customer, a contact of another customer, a bad channel
$ crm-customer optout -d c.db C-9; crm-customer optout -d c.db C-1001 --contact K-3; crm-customer optout -d c.db C-1001 --channel fax; echo "exit $?"
> exit 64
! crm-customer: customer C-9: unknown customer
! crm-customer: contact K-3: not a contact of customer C-1001
! crm-customer: --channel: email, sms, phone or post, not fax
! usage: crm-customer optout [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--contact ID] [--channel CHANNEL] CUSTOMER

=== campaign: opted-out customers and contacts skipped and counted, the rest logged
$ crm-customer campaign -d c.db winter --channel email --template t.txt --tag dealer,vip --fields customer_id,contact_id,to,activity_id -f tsv && sqlite3 c.db "SELECT id, kind, customer_id, planned_at, channel, contact_id, campaign_id, subject, done_at IS NULL FROM activities; SELECT id, name, channel, selection, created_at FROM campaigns"
> customer_id	contact_id	to	activity_id
> winter|winter|email|{"tag":"dealer,vip"}|2026-11-22T08:00:00Z
! crm-customer: read 0, accepted 0, rejected 0, selected 1, contacted 0, opted out 1, cooled down 0, no address 0

=== campaign again: nobody twice (same campaign), summary adds up
$ crm-customer campaign -d c.db winter --channel email --template t.txt -q; crm-customer campaign -d c.db winter --channel email --template t.txt --fields customer_id
> {"campaign":"winter","customer_id":"C-1001","contact_id":"K-1","channel":"email","to":"chen.jie@hd-auto.example.cn","message":"Dear Chen Jie,\n上海华东汽车销售有限公司 (East): our {winter} offer.\n","activity_id":"winter/C-1001"}
> {"campaign":"winter","customer_id":"C-1003","contact_id":null,"channel":"email","to":"jingbei@example.cn","message":"Dear 北京京北车行,\n北京京北车行 (North): our {winter} offer.\n","activity_id":"winter/C-1003"}
> {"campaign":"winter","customer_id":"C-1004","contact_id":null,"channel":"email","to":"fleet@harbour.example.cn","message":"Dear Tianjin \"Harbour\" Fleet Co.,\nTianjin \"Harbour\" Fleet Co. (North): our {winter} offer.\n","activity_id":"winter/C-1004"}
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 0, opted out 1, cooled down 3, no address 1

=== another campaign on the same channel within the cooldown: skipped
$ crm-customer campaign -d c.db spring --channel email --template t.txt --fields customer_id
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 0, opted out 1, cooled down 3, no address 1

=== --cooldown 0: only the same campaign counts
$ crm-customer campaign -d c.db spring --channel email --template t.txt --fields customer_id --cooldown 0 --dry-run
> {"customer_id":"C-1001"}
> {"customer_id":"C-1003"}
> {"customer_id":"C-1004"}
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 3, opted out 1, cooled down 0, no address 1 (dry run: nothing written)

=== a week later the cooldown is over
$ CRM_NOW=2026-11-29T08:00:01Z crm-customer campaign -d c.db spring --channel email --template t.txt --fields customer_id --dry-run
> {"customer_id":"C-1001"}
> {"customer_id":"C-1003"}
> {"customer_id":"C-1004"}
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 3, opted out 1, cooled down 0, no address 1 (dry run: nothing written)

=== sms: the phone of the first contact with one; no phone anywhere: skipped
$ crm-customer campaign -d c.db winter-sms --channel sms --template t.txt --fields customer_id,contact_id,to --dry-run
> {"customer_id":"C-1001","contact_id":"K-1","to":"+8613900000001"}
> {"customer_id":"C-1002","contact_id":"K-3","to":"+8613900000003"}
> {"customer_id":"C-1003","contact_id":"K-4","to":"+8613900000004"}
! crm-customer: read 0, accepted 0, rejected 0, selected 5, contacted 3, opted out 0, cooled down 0, no address 2 (dry run: nothing written)

=== a contact that opted out of every channel is passed over
$ crm-customer optout -d c.db C-1001 --contact K-1 && crm-customer campaign -d c.db winter-sms --channel sms --template t.txt --fields customer_id,contact_id,to --dry-run --tag vip
> {"customer_id":"C-1001","contact_id":"K-1","channel":"all","opted_out":true,"changed":true}
> {"customer_id":"C-1002","contact_id":"K-3","to":"+8613900000003"}
! crm-customer: read 0, accepted 0, rejected 0, selected 2, contacted 1, opted out 0, cooled down 0, no address 1 (dry run: nothing written)

=== optin: the reverse; an opt-out of every channel must be undone whole
$ crm-customer optin -d c.db C-1001 --contact K-1 --channel sms; echo "exit $?"; crm-customer optin -d c.db C-1001 --contact K-1 && crm-customer optin -d c.db C-1001 --contact K-1 && sqlite3 c.db "SELECT customer_id, contact_id, channel FROM opt_outs ORDER BY id"
> exit 65
> {"customer_id":"C-1001","contact_id":"K-1","channel":"all","opted_out":false,"changed":true}
> {"customer_id":"C-1001","contact_id":"K-1","channel":"all","opted_out":false,"changed":false}
> C-1002||email
> C-1001|K-2|email
! crm-customer: contact K-1: opted out of every channel: opt in without a channel

=== the legacy opt_out flag of a contact counts as every channel
$ sqlite3 c.db "UPDATE contacts SET opt_out = 1 WHERE id = 'K-3'" && crm-customer campaign -d c.db winter-sms --channel sms --template t.txt --fields customer_id --dry-run --tag dealer
> {"customer_id":"C-1001"}
! crm-customer: read 0, accepted 0, rejected 0, selected 2, contacted 1, opted out 1, cooled down 0, no address 0 (dry run: nothing written)

=== a campaign on another channel under a used name is refused
$ crm-customer campaign -d c.db winter --channel sms --template t.txt; echo "exit $?"
> exit 65
! crm-customer: campaign winter: on channel email, not sms

=== bad templates: exit 78 with the line
$ printf 'Hi {name},\nyour {discount} awaits\n' > b1.txt; crm-customer campaign -d c.db x --channel email --template b1.txt; printf 'Hi {name\n' > b2.txt; crm-customer campaign -d c.db x --channel email --template b2.txt; printf 'Hi }\n' > b3.txt; crm-customer campaign -d c.db x --channel email --template b3.txt; printf 'Hi {}\n' > b4.txt; crm-customer campaign -d c.db x --channel email --template b4.txt; echo "exit $?"
> exit 78
! crm-customer: b1.txt:2: {discount}: unknown placeholder (name, customer_id, kind, region, tier, email, phone, owner, contact_name, contact_role, to, channel, campaign)
! crm-customer: b2.txt:1: '{' not closed on its line (write {{ for a brace)
! crm-customer: b3.txt:1: a lone '}' (write }} for a brace)
! crm-customer: b4.txt:1: an empty placeholder {}

=== campaign usage errors
$ crm-customer campaign -d c.db x --template t.txt 2>&1 | head -1; crm-customer campaign -d c.db x --channel fax --template t.txt; crm-customer campaign -d c.db 'a/b' --channel sms --template t.txt; crm-customer campaign -d c.db x --channel sms --template nope.txt; echo "exit $?"
> crm-customer: --channel and --template are needed
> exit 66
! crm-customer: --channel: email or sms, not fax
! usage: crm-customer campaign [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--channel CHANNEL] [--template FILE] [--cooldown DAYS] [--dry-run] [--tag TAGS] [--any-tag TAGS] [--not-tag TAGS] [--persona NAME] [--rules FILE] [--tier TIERS] [--region REGIONS] [--owner REPS] [--kind KINDS] [--last-order-before DATE] [--last-order-after DATE] [--bought SKUS] [--bought-category CATS] NAME
! crm-customer: campaign name: 1 to 64 bytes, no spaces, commas, slashes or control characters: a/b
! usage: crm-customer campaign [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--channel CHANNEL] [--template FILE] [--cooldown DAYS] [--dry-run] [--tag TAGS] [--any-tag TAGS] [--not-tag TAGS] [--persona NAME] [--rules FILE] [--tier TIERS] [--region REGIONS] [--owner REPS] [--kind KINDS] [--last-order-before DATE] [--last-order-after DATE] [--bought SKUS] [--bought-category CATS] NAME
! crm-customer: nope.txt: cannot open: No such file or directory

=== a campaign skips a customer who opted out under the id of a record merged into it
$ crm-customer optout -d c.db C-1005 --channel sms && crm-customer campaign -d c.db winter-sms --channel sms --template t.txt --fields customer_id --dry-run --tag dealer
> {"customer_id":"C-1005","contact_id":null,"channel":"sms","opted_out":true,"changed":true}
! crm-customer: read 0, accepted 0, rejected 0, selected 2, contacted 0, opted out 2, cooled down 0, no address 0 (dry run: nothing written)

=== campaign: a failed write commits nothing
$ crm-customer campaign -d c.db autumn --channel email --template t.txt --cooldown 0 > /dev/full; echo "exit $?"; sqlite3 c.db "SELECT count(*) FROM campaigns WHERE id = 'autumn'"
> exit 74
> 0
! crm-customer: <stdout>: No space left on device
