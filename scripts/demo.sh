#!/usr/bin/env bash
# demo.sh - `make demo`: a short pipeline over the bundled sample data.
# Builds nothing itself (make does); runs the programs from $BIN in a
# scratch directory and shows what each step gives.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$src/bin}
samples=$src/share/crm/samples
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PATH="$BIN:$PATH" CRM_DB="$work/crm.db" CRM_SHARE="$src/share/crm"

step() { printf '\n$ %s\n' "$*"; }

step "crm-rec cat share/crm/samples/leads.csv -f table"
crm-rec cat "$samples/leads.csv" -f table

step "crm-rec cat share/crm/samples/leads.csv --fields id,source,email | head -3"
crm-rec cat "$samples/leads.csv" --fields id,source,email | head -3

step "crm-lead score share/crm/samples/leads.csv --fields id,company,score,priority -f table"
crm-lead score "$samples/leads.csv" --fields id,company,score,priority -f table

step "crm-db init && crm-db load share/crm/samples/demo.jsonl"
crm-db init
crm-db load "$samples/demo.jsonl"

step "crm-db check"
crm-db check

step "crm-db dump | grep '\"type\":\"order_lines\"' | crm-rec cat --fields order_id,sku,qty,amount_minor,colour -f table"
crm-db dump | grep '"type":"order_lines"' |
    crm-rec cat --fields order_id,sku,qty,amount_minor,colour -f table

step "crm-db backup crm-copy.db && crm-db dump -d crm-copy.db | cmp - <(crm-db dump) && echo identical"
crm-db backup "$work/crm-copy.db"
crm-db dump -d "$work/crm-copy.db" | cmp - <(crm-db dump) && echo identical

step "crm-lead import --country 86 --currency CNY share/crm/samples/leads.csv"
crm-lead import --country 86 --currency CNY "$samples/leads.csv"

step "crm-lead score share/crm/samples/leads.csv | crm-lead assign --fields id,priority,owner_rep_id,due_at -f table"
crm-lead score "$samples/leads.csv" |
    crm-lead assign --fields id,priority,owner_rep_id,due_at -f table

step "crm-lead update --status contacted web:L-0006 && crm-lead update --status qualified web:L-0006"
crm-lead update --status contacted web:L-0006
crm-lead update --status qualified --note "budget approved" web:L-0006

step "crm-lead convert web:L-0006 --amount 61000 | crm-rec cat --fields type,id,name,stage,amount,currency -f table"
crm-lead convert web:L-0006 --amount 61000 |
    crm-rec cat --fields type,id,name,stage,amount,currency -f table

step "crm-deal move web:L-0006 proposal && crm-deal pipeline -f table"
crm-deal move web:L-0006 proposal
crm-deal pipeline -f table

step "crm-lead sources -f table"
crm-lead sources -f table

step "crm-catalog import share/crm/samples/catalog.jsonl"
crm-catalog import "$samples/catalog.jsonl"

step "echo '{\"description\":\"珍珠白 豪华版 带天窗\"}' | crm-catalog match"
echo '{"description":"珍珠白 豪华版 带天窗"}' | crm-catalog match

step "crm-catalog price SUV-X5-LUX --date 2026-11-23 --tier A"
crm-catalog price SUV-X5-LUX --date 2026-11-23 --tier A

step "crm-order create --hold  (two orders: one in the customer's words, one with mats the promotions give away)"
printf '%s\n' \
    '{"order_id":"N-1","customer_id":"C-1003","order_date":"2026-11-23","requested_week":"2026-W50","plant":"BJ","description":"珍珠白 豪华版 带天窗","qty":1}' \
    '{"order_id":"N-2","customer_id":"C-1002","order_date":"2026-11-23","plant":"SH","sku":"SED-A3-STD","colour":"RD","qty":1}' \
    '{"order_id":"N-2","description":"脚垫","qty":6}' |
    crm-order create --hold --fields id,status,credit_hold,total,order_codes -f table

step "crm-order show N-2 | jq -c '.promotions[] | {promo_id, cost, revenue}'"
crm-order show N-2 | jq -c '.promotions[] | {promo_id, cost, revenue}'

step "crm-order export -f csv  (the confirmed orders for APS)"
crm-order export -f csv

step "echo '{\"order_code\":\"012610400002BKSR------\"}' | crm-order decode"
echo '{"order_code":"012610400002BKSR------"}' | crm-order decode

step "crm-order ship O-2026-0004 --line 2:20 && crm-order invoice O-2026-0001 && crm-order pay ... && crm-order receivables -f table"
crm-order ship O-2026-0004 --line 2:20 --carrier SF > /dev/null
crm-order invoice O-2026-0001 --terms 45 > /dev/null
crm-order pay --customer C-1001 --amount 500000 --currency CNY --reference "bank 4711" > /dev/null
crm-order receivables -f table

step "crm-stock: O-2026-0004's shipment to the dealer, received in part, a unit issued first in first out, levels and ageing"
echo '{"id":"D-TJ","name":"Tianjin dealer","kind":"dealer","customer_id":"C-1004"}' |
    crm-stock locations -q -
crm-order ship O-2026-0004 --carrier SF --expected 2026-11-26 --to D-TJ \
    -o "$work/transit.jsonl"
crm-stock transit -q "$work/transit.jsonl"
crm-stock transit -f table
ship=$(crm-stock transit | jq -r 'select(.open > 0) | .shipment_id' | head -1)
echo "{\"shipment_id\":\"$ship\",\"line_no\":1,\"qty\":2,\"received_by\":\"Zhang\"}" |
    crm-stock receive -q -o /dev/null
crm-stock levels -f table
echo '{"sku":"SED-A3-STD","qty":1,"location":"D-TJ","customer_id":"C-1004"}' |
    crm-stock issue -q -f table --fields sku,qty,lot,received_on,cost
crm-stock age -f table

step "crm-report sales --by region --period quarter -f table"
crm-report sales --by region --period quarter -f table

step "crm-report rfm --fields customer_id,recency_days,frequency,monetary,rfm,segment -f table"
crm-report rfm --fields customer_id,recency_days,frequency,monetary,rfm,segment \
    -f table

step "crm-customer show C-1001 | jq -c '{name, value, open: [.open_receivables[].open]}'  (the 360 view, cut short)"
crm-customer show C-1001 |
    jq -c '{name, value, open: [.open_receivables[].open]}'

step "crm-customer import --country 86  (the same dealer again, through the web) && crm-activity log --customer W-88 ..."
echo '{"id":"W-88","name":"上海华东汽车销售","source":"web","phone":"021 5550 1234","email":"Orders@HD-Auto.example.cn"}' |
    crm-customer import -q --country 86
crm-activity log -q --kind call --customer W-88 --rep R-01 \
    --at 2026-11-20T09:30:00Z --subject "asked for a quote" -o /dev/null

step "crm-customer match -f table && crm-customer merge W-88 --into C-1001"
crm-customer match -f table
crm-customer merge W-88 --into C-1001

step "crm-report rfm | crm-customer tag --rules share/crm/customer-tags.json && crm-customer segment --tag big-spender -f table"
crm-report rfm | crm-customer tag --rules "$src/share/crm/customer-tags.json"
crm-customer segment --tag big-spender -f table

step "crm-activity plan --kind visit --customer C-1002 --at 2026-11-24T02:00:00Z && crm-activity agenda --rep R-02 --week --date 2026-11-23 --fields section,due,id,kind,customer_id,company,subject -f table"
crm-activity plan -q --kind visit --customer C-1002 --at 2026-11-24T02:00:00Z \
    --subject "spring order" -o /dev/null
crm-activity agenda --rep R-02 --week --date 2026-11-23 \
    --fields section,due,id,kind,customer_id,company,subject -f table

step "crm-db dump | jq -c 'select(.type == \"order_lines\")' | crm-report group -b sku -a sum:qty,count -f table"
crm-db dump | jq -c 'select(.type == "order_lines")' |
    crm-report group -b sku -a sum:qty,count -f table

step "crm-report sales --by region -f html -o sales.html && grep -o '<polyline class=\"line\"' sales.html | wc -l  (a page with a line per region)"
crm-report sales --by region -f html -o "$work/sales.html"
grep -o '<polyline class="line"' "$work/sales.html" | wc -l
