#!/usr/bin/env bash
# forecast.sh - `make -C bench forecast`: the accuracy and speed of
# crm-forecast against R's forecast package (Debian r-cran-forecast,
# installed here when missing), in the same run.
#
# 1. The M3 competition's 1,428 monthly series (shared/data/m3), made
#    once into bench/out/: the train parts as points, {"series":"N1402",
#    "period":"1990-01","value":2640} (the 203 series of unknown start
#    year keep it as year 1, "0001-01"), the test parts the same way as
#    the truth.
# 2. The scorer (forecast-score: sMAPE as in M3, MASE with the lag-12
#    seasonal naive scale, interval coverage) is checked first on the
#    competition's own forecasts: it must give the sMAPE the competition
#    published, to its two decimals.
# 3. R (forecast.R): ets, thetaf and auto.arima with the package's
#    defaults, horizon 18, 80 and 95 % intervals; run once, single
#    threaded (ets takes some 10 minutes, auto.arima over an hour), its
#    elapsed time per method taken by R.  REUSE_R=1 takes the forecasts
#    and times of the last run from bench/out/ instead, and says so.
# 4. crm-forecast (when bin/crm-forecast exists): each of $METHODS (all
#    by default), `crm-forecast run --by series --period month --horizon
#    18 --methods METHOD --level 80,95 --own-ends` over the train points
#    (one run over all the series), run and scored, then timed (medians
#    of $RUNS runs, default 5, by common.sh's timer).
# Every output is scored before anything is timed; the scorer rejects a
# file with a series or period missing, extra or twice.  Then one table:
# method, sMAPE, MASE, coverage of the 80 and 95 % intervals, seconds,
# and the targets (the forecast issue): auto at least as accurate as R's
# ets on sMAPE and on MASE, and at least 20x faster.
# 5. $SKUS weekly series (default 10,000) of 156 ISO weeks (gen-weekly: a
#    fixed seed; trend, seasonality by week of year, noise, a quarter of
#    them intermittent) forecast 13 weeks ahead by `crm-forecast run
#    --by sku --period week --horizon 13 --methods auto` (median of 3
#    runs, the output checked first to hold every sku's next 13 weeks
#    once).
#    Target: under 60 s.
# Exit status 1 when a step failed or an output is wrong; a target not
# met is printed, not an error.
SKUS=${SKUS:-10000}
METHODS=${METHODS:-naive snaive ses holt damped hw-add hw-mul theta croston \
sba auto}
R_METHODS="ets thetaf auto.arima"
. "$(dirname "$0")/common.sh"

# R's forecast package, as scripts/install-deps installs the rest.
if ! Rscript -e 'library(forecast)' >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		as_root=(sudo -n)
	else
		echo "forecast.sh: R's forecast package is missing; as root:" \
		    "apt-get install -y r-cran-forecast" >&2
		exit 1
	fi
	echo "forecast.sh: installing r-cran-forecast" >&2
	${as_root[@]+"${as_root[@]}"} apt-get update >&2
	${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y --no-install-recommends r-cran-forecast >&2
fi

# shared/ lies beside the work tree, here and in CI.
m3=$(cd "$src/.." && pwd)/shared/data/m3
m3_series=$m3/m3_monthly.jsonl.gz
m3_comp=$m3/m3_original_forecasts.csv.gz
train=$out/m3-train.jsonl
truth=$out/m3-truth.jsonl
starts=$out/m3-starts.tsv
score=$here/forecast-score

# The period K months after START (YYYY-MM): year 1 stays year 1.
# shellcheck disable=SC2016
period_jq='def period($start; $k):
	($start[0:4] | tonumber) as $y | ($start[5:7] | tonumber) as $m
	| ($m - 1 + $k) as $i
	| ("000" + ($y + ($i / 12 | floor) | tostring))[-4:] + "-"
	  + ("0" + ($i % 12 + 1 | tostring))[-2:];'
if [ ! -s "$train" ] || [ ! -s "$truth" ] || [ ! -s "$starts" ] ||
    [ "$m3_series" -nt "$train" ] || [ "$0" -nt "$train" ]; then
	zcat "$m3_series" | jq -c "$period_jq"' . as $s
	    | range(0; .train | length) as $k
	    | {series, period: period($s.start; $k), value: .train[$k]}' \
	    > "$train.tmp"
	zcat "$m3_series" | jq -c "$period_jq"' . as $s
	    | range(0; .test | length) as $k
	    | {series, period: period($s.start; ($s.train | length) + $k),
	       value: .test[$k]}' > "$truth.tmp"
	zcat "$m3_series" | jq -r '[.series, .start, (.train | length)]
	    | @tsv' > "$starts"
	mv "$train.tmp" "$train"
	mv "$truth.tmp" "$truth"
fi
nseries=$(wc -l < "$starts")
echo "data: $m3_series: $nseries monthly series, $(wc -l < "$train")" \
    "train points, $(wc -l < "$truth") test points (horizon 18)"

# Step 2: the competition's forecasts of the monthly series, as forecast
# lines, scored against the sMAPE it published (shared/data/MANIFEST.md).
# shellcheck disable=SC2016
comp_awk='
BEGIN { FS = "," }
FNR == NR { split($0, a, "\t"); start[a[1]] = a[2]; n[a[1]] = a[3]; next }
FNR == 1 { next }
$1 == method && ($2 in start) {
	y = substr(start[$2], 1, 4) + 0
	m = substr(start[$2], 6, 2) + 0
	for (k = 1; k <= 18; k++) {
		i = m - 1 + n[$2] + k - 1
		printf "{\"series\":\"%s\",\"period\":\"%04d-%02d\"," \
		    "\"forecast\":%s}\n", $2, y + int(i / 12), i % 12 + 1,
		    $(k + 2)
	}
}'
# The competition's name of each method, ours, and the published sMAPE.
published=$out/m3-published.tsv
printf '%s\t%s\t%s\n' NAIVE2 Naive2 16.89 SINGLE SES 15.30 \
    DAMPEN Damped 14.58 "COMB S-H-D" "Comb S-H-D" 14.47 \
    ForecastPro ForecastPro 13.90 THETA Theta 13.89 > "$published"
comp_args=()
while IFS=$'\t' read -r method name _; do
	file=$out/m3-comp-${name// /-}.jsonl
	zcat "$m3_comp" | awk -v method="$method" "$comp_awk" "$starts" - \
	    > "$file"
	comp_args+=("$name=$file")
done < "$published"
"$score" "$train" "$truth" "${comp_args[@]}" > "$out/m3-comp.tsv"
if ! awk -F '\t' -v n="$nseries" '
FNR == NR { want[$2] = $3; k++; next }
FNR > 1 {
	got = sprintf("%.2f", $3)
	ok = ($2 == n && got == want[$1])
	printf "  %-12s sMAPE %s, published %s; MASE %.3f%s\n", $1, got,
	    want[$1], $4, ok ? "" : "   WRONG"
	if (!ok)
		bad = 1
	seen++
}
END { exit bad || seen != k }' "$published" "$out/m3-comp.tsv" \
    > "$out/m3-comp.txt"; then
	echo "scorer check: the competition's forecasts do not score as" \
	    "published:" >&2
	cat "$out/m3-comp.txt" >&2
	exit 1
fi
echo "scorer check: the M3 competition's own forecasts of the $nseries" \
    "series score as published:"
cat "$out/m3-comp.txt"

# Step 3: R, once.
rdir=$out/forecast-r
mkdir -p "$rdir"
if [ "${REUSE_R:-0}" = 1 ] && [ -s "$rdir/r-times.tsv" ]; then
	echo "R: REUSE_R=1: the forecasts and times of the run of" \
	    "$(date -r "$rdir/r-times.tsv" '+%Y-%m-%d %H:%M')"
else
	rm -f "$rdir"/r-*
	version=$(Rscript -e 'cat(format(packageVersion("forecast")))')
	echo "R: forecast $version, $R_METHODS over the $nseries series," \
	    "one run (R times itself)"
	# shellcheck disable=SC2086
	Rscript "$here/forecast.R" "$m3_series" "$rdir" 18 $R_METHODS \
	    2> "$rdir/r.log" || {
		echo "forecast.R failed:" >&2
		tail "$rdir/r.log" >&2
		exit 1
	}
fi
r_args=()
for m in $R_METHODS; do
	r_args+=("R $m=$rdir/r-$m.jsonl")
done
"$score" "$train" "$truth" "${r_args[@]}" > "$out/forecast-scores.tsv"
awk -F '\t' '{ print "R " $1 "\t" $2 }' "$rdir/r-times.tsv" \
    > "$out/forecast-times.tsv"
# R's processor time: far below its elapsed time, the machine was busy.
awk -F '\t' '{
	t = $3 == "" ? "?" : sprintf("%.1f s", $3)
	c = c sprintf("%s %s %s", sep, $1, t)
	sep = ","
}
END { print "R: processor seconds (user + system):" c }' "$rdir/r-times.tsv"

# Step 4: crm-forecast, each method run and scored, then timed: one run
# over all the series, each ending at its own last month (--own-ends:
# the M3 series end in 74 different months).
crm=$BIN/crm-forecast
m3_cmd() {
	printf '%q run --by series --period month --horizon 18' "$crm"
	printf ' --methods %q --level 80,95 --own-ends < %q' "$1" "$train"
}
built=0
if [ -x "$crm" ]; then
	built=1
	crm_args=()
	for m in $METHODS; do
		file=$out/forecast-crm-$m.jsonl
		if ! bash -c "$(m3_cmd "$m") > $(printf '%q' "$file")"; then
			echo "crm-forecast --methods $m failed" >&2
			exit 1
		fi
		crm_args+=("crm $m=$file")
	done
	"$score" "$train" "$truth" "${crm_args[@]}" | tail -n +2 \
	    >> "$out/forecast-scores.tsv"
	echo "crm-forecast: every method's output holds the $nseries series'" \
	    "18 months, once each"
	echo "timing: $timer"
	for m in $METHODS; do
		t=$(measure "crm-forecast-m3-$m" "" \
		    "$(m3_cmd "$m") > /dev/null")
		printf 'crm %s\t%s\n' "$m" "$t" >> "$out/forecast-times.tsv"
	done
else
	echo "crm-forecast: not built yet"
fi

awk -F '\t' -v n="$nseries" -v built="$built" '
FNR == NR { secs[$1] = $2; next }
FNR == 1 {
	printf "M3 monthly, %d series, horizon 18 (crm: median seconds;" \
	    " R: one run)\n", n
	printf "  %-18s %8s %8s %8s %8s %9s\n", "method", "sMAPE", "MASE",
	    "cov80 %", "cov95 %", "seconds"
	next
}
{
	printf "  %-18s %8.3f %8.4f %8s %8s %9.3f\n", $1, $3, $4, $5, $6,
	    secs[$1]
	smape[$1] = $3
	mase[$1] = $4
}
END {
	if (!built) {
		print "targets: not measured (crm-forecast not built yet)"
		exit
	}
	a = "crm auto"
	e = "R ets"
	printf "target auto sMAPE <= R ets: %s (%.3f vs %.3f)\n",
	    (smape[a] <= smape[e]) ? "met" : "NOT MET", smape[a], smape[e]
	printf "target auto MASE <= R ets: %s (%.4f vs %.4f)\n",
	    (mase[a] <= mase[e]) ? "met" : "NOT MET", mase[a], mase[e]
	printf "target R ets / auto time >= 20: %s (%.1f: %.1f s / %.3f s)\n",
	    (secs[e] >= 20 * secs[a]) ? "met" : "NOT MET", secs[e] / secs[a],
	    secs[e], secs[a]
}' "$out/forecast-times.tsv" "$out/forecast-scores.tsv"

# Step 5: the weekly series.
weekly=$out/weekly-$SKUS.jsonl
weekly_keys=$out/weekly-$SKUS-next.tsv
if [ ! -s "$weekly" ] || [ "$here/gen-weekly" -nt "$weekly" ]; then
	"$here/gen-weekly" -n "$SKUS" > "$weekly.tmp"
	"$here/gen-weekly" -n "$SKUS" -t | jq -r '[.sku, .period] | @tsv' |
	    LC_ALL=C sort > "$weekly_keys"
	mv "$weekly.tmp" "$weekly"
fi
echo "data: $weekly ($SKUS skus, 156 weeks from 2023-W01," \
    "$(du -h "$weekly" | cut -f1))"
if [ "$built" = 0 ]; then
	echo "crm-forecast: not built yet"
	exit 0
fi
weekly_cmd="$(printf '%q' "$crm") run --by sku --period week --horizon 13"
weekly_cmd+=" --methods auto < $(printf '%q' "$weekly")"
bash -c "$weekly_cmd" | jq -r '[.sku, .period] | @tsv' | LC_ALL=C sort \
    > "$out/weekly-crm.tsv"
if ! cmp -s "$out/weekly-crm.tsv" "$weekly_keys"; then
	echo "weekly: the forecasts are not each sku's next 13 weeks once:" >&2
	diff "$out/weekly-crm.tsv" "$weekly_keys" | head >&2 || true
	exit 1
fi
rm -f "$out/weekly-crm.tsv"
echo "weekly: the output holds each sku's 13 weeks 2026-W01 to W13, once"
t=$(RUNS=3 measure crm-forecast-weekly "" "$weekly_cmd > /dev/null")
awk -v t="$t" -v n="$SKUS" 'BEGIN {
	printf "target %d weekly series with auto < 60 s: %s (%.2f s," \
	    " median of 3)\n", n, (t < 60) ? "met" : "NOT MET", t
}'
