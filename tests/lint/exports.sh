#!/usr/bin/env bash
# exports.sh - only crm_* symbols leave libcrm (STYLE rule 17), and the
# library's internal helpers stay hidden even though they share the prefix.
set -eu
BUILD=${BUILD:-build}
lib="$BUILD/libcrm.so.0"
[ -e "$lib" ] || { echo "exports: $lib not built"; exit 1; }
syms=$(nm -D --defined-only "$lib" | awk '{print $3}')
bad=$(printf '%s\n' "$syms" | grep -v '^crm_' || true)
if [ -n "$bad" ]; then
	echo "exports: symbols without the crm_ prefix:"; echo "$bad"; exit 1
fi
for want in crm_rec_parse crm_in_read crm_out_write crm_money_parse \
    crm_date_parse crm_db_open crm_cli_main crm_conf_load crm_version; do
	printf '%s\n' "$syms" | grep -qx "$want" ||
	    { echo "exports: $want is not exported"; exit 1; }
done
for hidden in crm_json_parse_object crm_schema_step crm_csv_read \
    crm_in_next_line; do
	if printf '%s\n' "$syms" | grep -qx "$hidden"; then
		echo "exports: internal $hidden is exported"; exit 1
	fi
done
