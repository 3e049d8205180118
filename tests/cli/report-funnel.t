# crm-report funnel and effectiveness: the lead funnel, deal stage
# conversion and dwell time, and sales effectiveness per rep, team and
# region against the company.
#
# A small database made by hand with crm-lead and crm-deal, on days
# chosen so that every figure can be worked out on paper:
#   leads web:1 web:2 web:3 fair:5 fair:6 created in October, web:4 on
#   30 November, web:7 in December; owners A (web:3, web:4: B), team T1.
#   web:1 web:2 web:3 fair:5 fair:6 contacted 2 October; fair:5
#   disqualified, the others qualified 4 October; web:1, web:2, fair:6
#   converted 5, 6, 7 October into D1, D2, D6 (EUR), which start in
#   prospecting at midnight.
#   D1: qualification 8 Oct, proposal 12 Oct, won 20 Oct (1234.56).
#   D2: qualification 10 Oct, lost 16 Oct.
#   D6: qualification 9 Oct, still there.
#   X2 (B, EUR): created 1 Oct in prospecting, negotiation 11 Oct, still
#   there: negotiation is a stage no deal has left.
#   X3 (B, JPY 5000): imported won, created 3 Oct, closed 13 Oct.
#   Visits: two done on D1, one on D2, one planned (not done) on D6; a
#   call on D1 is no visit.

=== the database
$ export CRM_SHARE="$SHARE"; crm-db init -d f.db && \
    printf '%s\n' '{"id":"A","name":"Ann","team_id":"T1"}' '{"id":"B","name":"Bob","team_id":"T1"}' | crm-lead reps import -d f.db -q && \
    for i in 1:web:2026-10-01 2:web:2026-10-01 3:web:2026-10-02 4:web:2026-11-30 5:fair:2026-10-03 6:fair:2026-10-03 7:web:2026-12-01; do \
    IFS=: read -r n s d <<< "$i"; echo "{\"source\":\"$s\",\"id\":\"$n\",\"name\":\"P$n\",\"email\":\"p$n@example.com\",\"created_at\":\"$d\"}"; done | \
    crm-lead import -d f.db -q && \
    sqlite3 f.db "UPDATE leads SET owner_rep_id = CASE WHEN id IN ('web:3', 'web:4') THEN 'B' ELSE 'A' END" && \
    crm-lead update -d f.db -q --status contacted --at 2026-10-02T10:00:00Z web:1 web:2 web:3 fair:5 fair:6 && \
    crm-lead update -d f.db -q --status qualified --at 2026-10-04T10:00:00Z web:1 web:2 web:3 fair:6 && \
    crm-lead update -d f.db -q --status disqualified --note "no budget" --at 2026-10-04T10:00:00Z fair:5 && \
    CRM_NOW=2026-10-05T09:00:00Z crm-lead convert -d f.db web:1 --deal-id D1 --amount 1234.56 --currency EUR > /dev/null && \
    CRM_NOW=2026-10-06T09:00:00Z crm-lead convert -d f.db web:2 --deal-id D2 --amount 800.00 --currency EUR > /dev/null && \
    CRM_NOW=2026-10-07T09:00:00Z crm-lead convert -d f.db fair:6 --deal-id D6 --amount 99.99 --currency EUR > /dev/null && \
    crm-deal move -d f.db D1 qualification --at 2026-10-08T00:00:00Z && crm-deal move -d f.db D1 proposal --at 2026-10-12T00:00:00Z && \
    crm-deal won -d f.db D1 --on 2026-10-20 && \
    crm-deal move -d f.db D2 qualification --at 2026-10-10T00:00:00Z && crm-deal lost -d f.db D2 --reason price --on 2026-10-16 && \
    crm-deal move -d f.db D6 qualification --at 2026-10-09T00:00:00Z && \
    printf '%s\n' '{"id":"X2","owner":"B","amount":"500.00","currency":"EUR","stage":"prospecting","created_on":"2026-10-01"}' \
    '{"id":"X3","owner":"B","amount":"5000","currency":"JPY","stage":"won","created_on":"2026-10-03","closed_on":"2026-10-13"}' | \
    crm-deal import -d f.db -q && crm-deal move -d f.db X2 negotiation --at 2026-10-11T00:00:00Z && \
    sqlite3 f.db "INSERT INTO activities (id, kind, deal_id, rep_id, done_at) VALUES ('v1', 'visit', 'D1', 'A', '2026-10-09T10:00:00Z'), ('v2', 'visit', 'D1', 'A', '2026-10-15T10:00:00Z'), ('v3', 'visit', 'D2', 'A', '2026-10-12T10:00:00Z'), ('v4', 'visit', 'D6', 'A', NULL), ('c1', 'call', 'D1', 'A', '2026-10-10T10:00:00Z')"

# Of the 6 leads of October and November, 4 reached qualified (web:1,
# web:2, web:3, fair:6), 3 became deals, 1 was won: 4/6, 3/4, 1/3.

=== the funnel of a range: each step of the one before and of the first
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --from 2026-10-01 --to 2026-11-30
> {"step":"leads","count":6,"conversion_pct":null,"overall_pct":100.00}
> {"step":"qualified","count":4,"conversion_pct":66.67,"overall_pct":66.67}
> {"step":"deals","count":3,"conversion_pct":75.00,"overall_pct":50.00}
> {"step":"won","count":1,"conversion_pct":33.33,"overall_pct":16.67}

=== per source, every lead: web has web:7 too
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --by source -f table
> source  step       count  conversion_pct  overall_pct  bar
> ------  ---------  -----  --------------  -----------  --------------------
> fair    leads          2                       100.00  ████████
> fair    qualified      1           50.00        50.00  ████
> fair    deals          1          100.00        50.00  ████
> fair    won            0            0.00         0.00
> web     leads          5                       100.00  ████████████████████
> web     qualified      3           60.00        60.00  ████████████
> web     deals          2           66.67        40.00  ████████
> web     won            1           50.00        20.00  ████

=== per team: one group, the rep's team (the leads have none of their own)
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --by team --from 2026-10-01 --to 2026-11-30 -f csv | tr -d '\r'
> team,step,count,conversion_pct,overall_pct
> T1,leads,6,,100.00
> T1,qualified,4,66.67,66.67
> T1,deals,3,75.00,50.00
> T1,won,1,33.33,16.67

=== per rep, on the first day only: B has no lead then and no rows
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --by rep --to 2026-10-01 -f tsv
> rep	step	count	conversion_pct	overall_pct
> A	leads	2		100.00
> A	qualified	2	100.00	100.00
> A	deals	2	100.00	100.00
> A	won	1	50.00	50.00

=== an empty range: the steps at zero with no rates; per source, no groups and no rows
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --from 2025-01-01 --to 2025-01-31; CRM_SHARE="$SHARE" crm-report funnel -d f.db --from 2025-01-01 --to 2025-01-31 --by source
> {"step":"leads","count":0,"conversion_pct":null,"overall_pct":null}
> {"step":"qualified","count":0,"conversion_pct":null,"overall_pct":null}
> {"step":"deals","count":0,"conversion_pct":null,"overall_pct":null}
> {"step":"won","count":0,"conversion_pct":null,"overall_pct":null}

# Stages: prospecting stays 3 (D1), 4 (D2), 2 (D6), 10 (X2) days: median
# 3.5, mean 4.75; qualification 4 (D1) and 6 (D2) days, D6 waiting since
# 9 October (44.33 days to 22 November 08:00), D2 lost from it; proposal
# 8 days (D1); negotiation: nobody left it, X2 waiting 42.33 days.

=== deal stages: entered, went on, lost there, dwell time and waiting
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --deals -f table
> stage          entered  advanced  lost  conversion_pct  loss_pct  stays  dwell_median_days  dwell_mean_days  waiting  waiting_median_days  bar
> -------------  -------  --------  ----  --------------  --------  -----  -----------------  ---------------  -------  -------------------  --------------------
> prospecting          4         4     0          100.00      0.00      4                3.5              4.8        0                       ████████████████████
> qualification        3         1     1           33.33     33.33      2                5.0              5.0        1                 44.3  ███████████████
> proposal             1         1     0          100.00      0.00      1                8.0              8.0        0                       █████
> negotiation          1         0     0            0.00      0.00      0                                            1                 42.3  █████
> won                  2                                                                                                                     ██████████

=== deal stages per rep, as Markdown: B's X3 only entered won
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --deals --by rep -f md
> | rep | stage         | entered | advanced | lost | conversion_pct | loss_pct | stays | dwell_median_days | dwell_mean_days | waiting | waiting_median_days |
> | --- | ------------- | ------: | -------: | ---: | -------------: | -------: | ----: | ----------------: | --------------: | ------: | ------------------: |
> | A   | prospecting   |       3 |        3 |    0 |         100.00 |     0.00 |     3 |               3.0 |             3.0 |       0 |                     |
> | A   | qualification |       3 |        1 |    1 |          33.33 |    33.33 |     2 |               5.0 |             5.0 |       1 |                44.3 |
> | A   | proposal      |       1 |        1 |    0 |         100.00 |     0.00 |     1 |               8.0 |             8.0 |       0 |                     |
> | A   | negotiation   |       0 |        0 |    0 |                |          |     0 |                   |                 |       0 |                     |
> | A   | won           |       1 |          |      |                |          |       |                   |                 |         |                     |
> | B   | prospecting   |       1 |        1 |    0 |         100.00 |     0.00 |     1 |              10.0 |            10.0 |       0 |                     |
> | B   | qualification |       0 |        0 |    0 |                |          |     0 |                   |                 |       0 |                     |
> | B   | proposal      |       0 |        0 |    0 |                |          |     0 |                   |                 |       0 |                     |
> | B   | negotiation   |       1 |        0 |    0 |           0.00 |     0.00 |     0 |                   |                 |       1 |                42.3 |
> | B   | won           |       1 |          |      |                |          |       |                   |                 |         |                     |

# Effectiveness: A won D1 (cycle from web:1's first contact, 2 October,
# to 20 October: 18 days) and lost D2 from qualification; B's EUR and
# JPY deals are rows of their own, and so are the company's.

=== effectiveness per rep and for the company
$ CRM_SHARE="$SHARE" crm-report effectiveness -d f.db
> {"rep":"A","currency":"EUR","deals":3,"open":1,"won":1,"lost":1,"win_rate":50.00,"won_amount":"1234.56","avg_won_amount":"1234.56","cycle_median_days":18.0,"cycle_mean_days":18.0,"stall_stage":"qualification","stall_lost":1,"visits":3,"visits_per_deal":1.00,"visits_per_won":2.00}
> {"rep":"B","currency":"EUR","deals":1,"open":1,"won":0,"lost":0,"win_rate":null,"won_amount":"0.00","avg_won_amount":null,"cycle_median_days":null,"cycle_mean_days":null,"stall_stage":null,"stall_lost":null,"visits":0,"visits_per_deal":0.00,"visits_per_won":null}
> {"rep":"B","currency":"JPY","deals":1,"open":0,"won":1,"lost":0,"win_rate":100.00,"won_amount":"5000","avg_won_amount":"5000","cycle_median_days":10.0,"cycle_mean_days":10.0,"stall_stage":null,"stall_lost":null,"visits":0,"visits_per_deal":0.00,"visits_per_won":0.00}
> {"rep":"(company)","currency":"EUR","deals":4,"open":2,"won":1,"lost":1,"win_rate":50.00,"won_amount":"1234.56","avg_won_amount":"1234.56","cycle_median_days":18.0,"cycle_mean_days":18.0,"stall_stage":"qualification","stall_lost":1,"visits":3,"visits_per_deal":0.75,"visits_per_won":2.00}
> {"rep":"(company)","currency":"JPY","deals":1,"open":0,"won":1,"lost":0,"win_rate":100.00,"won_amount":"5000","avg_won_amount":"5000","cycle_median_days":10.0,"cycle_mean_days":10.0,"stall_stage":null,"stall_lost":null,"visits":0,"visits_per_deal":0.00,"visits_per_won":0.00}

=== per team, as a table; per region (no rep has one)
$ CRM_SHARE="$SHARE" crm-report effectiveness -d f.db --by team -f table --fields team,currency,deals,won,lost,win_rate,won_amount,avg_won_amount,visits_per_deal; CRM_SHARE="$SHARE" crm-report effectiveness -d f.db --by region --fields region,currency,deals
> team       currency  deals  won  lost  win_rate  won_amount  avg_won_amount  visits_per_deal  bar
> ---------  --------  -----  ---  ----  --------  ----------  --------------  ---------------  --------------------
> T1         EUR           4    1     1     50.00     1234.56         1234.56             0.75  ██████████
> T1         JPY           1    1     0    100.00        5000            5000             0.00  ████████████████████
> (company)  EUR           4    1     1     50.00     1234.56         1234.56             0.75  ██████████
> (company)  JPY           1    1     0    100.00        5000            5000             0.00  ████████████████████
> {"region":"(none)","currency":"EUR","deals":4}
> {"region":"(none)","currency":"JPY","deals":1}
> {"region":"(company)","currency":"EUR","deals":4}
> {"region":"(company)","currency":"JPY","deals":1}

=== a range picks deals created in it and deals closed in it
$ CRM_SHARE="$SHARE" crm-report effectiveness -d f.db --from 2026-10-13 --to 2026-10-16 -f tsv --fields rep,currency,deals,open,won,lost,win_rate,stall_stage
> rep	currency	deals	open	won	lost	win_rate	stall_stage
> A	EUR	0	0	0	1	0.00	qualification
> B	JPY	0	0	1	0	100.00	
> (company)	EUR	0	0	0	1	0.00	qualification
> (company)	JPY	0	0	1	0	100.00	

=== HTML: a page with a funnel of four steps, and one bar per row with a win rate
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db -f html > f.html && grep -c '<!DOCTYPE html>' f.html && grep -o 'class="step"' f.html | wc -l && CRM_SHARE="$SHARE" crm-report effectiveness -d f.db -f html | grep -o 'class="bar"' | wc -l
> 1
> 4
> 4

# The Maven "CRM Sales Opportunities" data set, loaded as deal.t loads
# it: each sales agent a rep, their manager the team.  Effectiveness
# per agent, per manager and for the company, compared with the same
# figures computed by sqlite3 and awk from the raw CSV: won deals, win
# rate (won / (won + lost), percent to 2 places, half up), won amount,
# the average won deal to the cent, the median and the mean of the
# days from engage_date to close_date over won deals.

=== the Maven data set
$ crm-db init -d maven.db && \
    crm-rec rename sales_agent=id,manager=team_id,regional_office=region "$DATA/crm-sales-opportunities/sales_teams.csv" | \
    crm-lead reps import -d maven.db -q && \
    crm-rec rename opportunity_id=id,sales_agent=owner,deal_stage=stage,engage_date=created_on,close_date=closed_on,close_value=amount \
    "$DATA/crm-sales-opportunities/sales_pipeline.csv" | \
    crm-deal import -d maven.db -q --stages "$SHARE/samples/maven-stages.json" --currency USD && \
    printf '%s\n' \
    '# stdin: key|stage|value|days ordered by key and days; out: key, won,' \
    '# win rate, won amount, average won amount, median and mean days.' \
    'function out(k,   n, m, r, tw, cents, c) {' \
    '	n = won[k] + lost[k]' \
    '	r = int((won[k] * 20000 + n) / (2 * n))' \
    '	printf "%s\t%d\t%d.%02d\t", k, won[k], r / 100, r % 100' \
    '	cents = amt[k] * 100' \
    '	printf "%d.%02d\t", cents / 100, cents % 100' \
    '	r = int((2 * cents + won[k]) / (2 * won[k]))' \
    '	printf "%d.%02d\t", r / 100, r % 100' \
    '	m = split(cyc[k], c, " ")' \
    '	tw = m % 2 ? 2 * c[(m + 1) / 2] : c[m / 2] + c[m / 2 + 1]' \
    '	printf "%d.%d\t", tw / 2, (tw % 2) * 5' \
    '	r = int((20 * sum[k] + m) / (2 * m))' \
    '	printf "%d.%d\n", r / 10, r % 10' \
    '}' \
    '!($1 in seen) { seen[$1] = 1; keys[++nk] = $1 }' \
    '$2 == "Won" { won[$1]++; amt[$1] += $3; cyc[$1] = cyc[$1] " " $4; sum[$1] += $4 }' \
    '$2 == "Lost" { lost[$1]++ }' \
    'END { for (i = 1; i <= nk; i++) out(keys[i]) }' > eff.awk && echo ok
> ok

=== per agent and the company, as the raw CSV has it
$ Q="SELECT %s, deal_stage, close_value, CAST(julianday(close_date) - julianday(engage_date) AS INTEGER) AS days FROM p JOIN t USING (sales_agent) ORDER BY 1, days"; cmp <(sqlite3 :memory: ".import --csv $DATA/crm-sales-opportunities/sales_pipeline.csv p" ".import --csv $DATA/crm-sales-opportunities/sales_teams.csv t" "$(printf "$Q" sales_agent)" "$(printf "$Q" "'(company)'")" | awk -F'|' -f eff.awk) \
    <(crm-report effectiveness -d maven.db --stages "$SHARE/samples/maven-stages.json" -f tsv --fields rep,won,win_rate,won_amount,avg_won_amount,cycle_median_days,cycle_mean_days | tail -n +2) && echo same && \
    crm-report effectiveness -d maven.db --stages "$SHARE/samples/maven-stages.json" -f tsv | grep -c USD
> same
> 31

=== per manager and the company
$ Q="SELECT %s, deal_stage, close_value, CAST(julianday(close_date) - julianday(engage_date) AS INTEGER) AS days FROM p JOIN t USING (sales_agent) ORDER BY 1, days"; cmp <(sqlite3 :memory: ".import --csv $DATA/crm-sales-opportunities/sales_pipeline.csv p" ".import --csv $DATA/crm-sales-opportunities/sales_teams.csv t" "$(printf "$Q" manager)" "$(printf "$Q" "'(company)'")" | awk -F'|' -f eff.awk) \
    <(crm-report effectiveness -d maven.db --by team --stages "$SHARE/samples/maven-stages.json" -f tsv --fields team,won,win_rate,won_amount,avg_won_amount,cycle_median_days,cycle_mean_days | tail -n +2) && echo same
> same

=== the company row in full: every deal a deal of the company; no visits in this data set
$ CRM_SHARE="$SHARE" crm-report effectiveness -d maven.db --stages "$SHARE/samples/maven-stages.json" | tail -n 1
> {"rep":"(company)","currency":"USD","deals":8800,"open":2089,"won":4238,"lost":2473,"win_rate":63.15,"won_amount":"10005534.00","avg_won_amount":"2360.91","cycle_median_days":57.0,"cycle_mean_days":51.8,"stall_stage":null,"stall_lost":null,"visits":0,"visits_per_deal":0.00,"visits_per_won":0.00}

=== a quarter: deals engaged in it, won and lost of those closed in it
$ CRM_SHARE="$SHARE" crm-report effectiveness -d maven.db --stages "$SHARE/samples/maven-stages.json" --from 2017-04-01 --to 2017-06-30 --fields rep,deals,won,lost,won_amount | tail -n 1 && \
    sqlite3 :memory: ".import --csv $DATA/crm-sales-opportunities/sales_pipeline.csv p" "SELECT sum(engage_date BETWEEN '2017-04-01' AND '2017-06-30'), sum(deal_stage = 'Won' AND close_date BETWEEN '2017-04-01' AND '2017-06-30'), sum(deal_stage = 'Lost' AND close_date BETWEEN '2017-04-01' AND '2017-06-30'), sum(CASE WHEN deal_stage = 'Won' AND close_date BETWEEN '2017-04-01' AND '2017-06-30' THEN close_value END) FROM p"
> {"rep":"(company)","deals":2388,"won":1254,"lost":778,"won_amount":"3086111.00"}
> 2388|1254|778|3086111

# Bad options and a missing database.

=== --by takes what the report groups by
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --by region; CRM_SHARE="$SHARE" crm-report effectiveness -d f.db --by source
! crm-report: --by: one of source, rep, team: region
! usage: crm-report funnel [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--from DATE] [--to DATE] [--stages FILE] [--deals]
! crm-report: --by: one of rep, team, region: source
! usage: crm-report effectiveness [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--from DATE] [--to DATE] [--stages FILE]
? 64

=== dates must be dates, in order
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --from 2026-13-01; CRM_SHARE="$SHARE" crm-report effectiveness -d f.db --from 2026-11-01 --to 2026-10-01
! crm-report: --from: no such date: 2026-13-01
! usage: crm-report funnel [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--from DATE] [--to DATE] [--stages FILE] [--deals]
! crm-report: --from 2026-11-01 is after --to 2026-10-01
! usage: crm-report effectiveness [-qvz] [-d DB] [--busy-timeout MS] [-o FILE] [-f FMT] [--fields LIST] [--by GROUP] [--from DATE] [--to DATE] [--stages FILE]
? 64

=== a missing database
$ CRM_SHARE="$SHARE" crm-report funnel -d nope.db; CRM_SHARE="$SHARE" crm-report effectiveness -d nope.db
! crm-report: nope.db: no such database (crm-db init creates one)
! crm-report: nope.db: no such database (crm-db init creates one)
? 66

=== a stage rule file that is not there
$ CRM_SHARE="$SHARE" crm-report funnel -d f.db --deals --stages nope.json
! crm-report: nope.json: unable to open nope.json: No such file or directory
? 78
