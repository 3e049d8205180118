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
export PATH="$BIN:$PATH" CRM_DB="$work/crm.db"

step() { printf '\n$ %s\n' "$*"; }

step "crm-rec cat share/crm/samples/leads.csv -f table"
crm-rec cat "$samples/leads.csv" -f table

step "crm-rec cat share/crm/samples/leads.csv --fields id,source,email | head -3"
crm-rec cat "$samples/leads.csv" --fields id,source,email | head -3

step "crm-lead score share/crm/samples/leads.csv --fields id,company,score,priority -f table"
CRM_SHARE="$src/share/crm" crm-lead score "$samples/leads.csv" \
    --fields id,company,score,priority -f table

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
