# crm-report -f html in a real browser: each page is rendered by headless
# Chromium (the Debian package chromium, which scripts/install-deps
# installs), which must log no console error (it logs SVG attribute
# errors there) and ask the network for nothing; its screenshots are
# read back by pngmarks (tests/cli/pngmarks.c, built by make units),
# which counts the chart's marks: the connected regions of a colour.
# The palette's first colour is #3b6ea8, its second #e07b39.

=== Chromium is installed (scripts/install-deps installs the package)
$ command -v chromium || echo "no chromium: run scripts/install-deps"
> /usr/bin/chromium

=== pngmarks is built (make units)
$ ln -s "${BUILD:-$SRC/build}/tests/pngmarks" marks && ./marks 2>&1 | \
    sed 's/^[^:]*pngmarks:/pngmarks:/'
> usage: pngmarks [-c] [-t TOL] [-a AREA] FILE.png [COLOUR ...]

# shot SIZE PAGE OUT renders PAGE in a window of SIZE (W,H) to the
# screenshot OUT, or prints the page to OUT when it ends in .pdf; it
# prints the page's console messages and the URLs the page asked the
# network for (from Chromium's net log), so an empty output is a page
# that rendered without errors and fetched nothing.  No lookup leaves
# the machine.
=== a script that runs Chromium as every case does
$ cat > shot && chmod +x shot
< #!/bin/sh
< set -u
< command -v chromium > /dev/null || {
< 	echo "shot: no chromium: run scripts/install-deps"; exit 1; }
< case $3 in
< *.pdf) out=--print-to-pdf=$PWD/$3 ;;
< *) out=--screenshot=$PWD/$3 ;;
< esac
< rm -f "$3" net.json
< chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
<     --no-first-run --disable-background-networking --disable-sync \
<     --disable-component-update --disable-extensions \
<     --user-data-dir="$PWD/profile" \
<     --host-resolver-rules='MAP * ~NOTFOUND' \
<     --enable-logging=stderr --log-level=0 --log-net-log="$PWD/net.json" \
<     --window-size="$1" "$out" "file://$PWD/$2" 2> chromium.log &&
<     [ -s "$3" ] && jq -e .events net.json > /dev/null || {
< 	echo "shot: chromium did not render $2 to $3:"; cat chromium.log
< 	exit 1; }
< sed -n 's/.*:INFO:CONSOLE[^]]*] /console: /p' chromium.log
< jq -r '.events[] | select(.params.initiator == "null") | .params.url' \
<     net.json | sort -u | sed 's/^/fetch: /'

=== shot tells an SVG error and a fetch, so that its silence means something
$ printf '%s' '<!DOCTYPE html><html><body><svg viewBox="0 0 9 9">' \
    '<rect width="-5" height="1"/><rect x="nan" width="1" height="1"/>' \
    '</svg><link rel="stylesheet" href="http://example.invalid/a.css">' \
    '</body></html>' > bad.html && ./shot 300,200 bad.html bad.png | \
    sed 's/, source: .*//'
> console: "Error: <rect> attribute width: A negative value is not valid. ("-5")"
> console: "Error: <rect> attribute x: Expected length, "nan"."
> fetch: http://example.invalid/a.css

# Known shapes on whole pixels: two bars of the colour, a speck too
# small to count, a square at 40 % opacity (a tint) and one of another
# colour.
=== pngmarks finds the marks of a colour and of its tints, exactly
$ printf '%s' '<!DOCTYPE html><html><body style="margin:0">' \
    '<svg width="200" height="100" style="display:block">' \
    '<rect x="10" y="10" width="30" height="20" fill="#3b6ea8"/>' \
    '<rect x="50" y="12" width="30" height="20" fill="#3b6ea8"/>' \
    '<rect x="150" y="10" width="2" height="1" fill="#3b6ea8"/>' \
    '<rect x="100" y="50" width="40" height="40" fill="#3b6ea8"' \
    ' fill-opacity="0.4"/>' \
    '<rect x="150" y="50" width="20" height="20" fill="#e07b39"/>' \
    '</svg></body></html>' > known.html && \
    ./shot 400,300 known.html known.png && ./marks known.png && \
    ./marks known.png '#3b6ea8' '~#3b6ea8' && \
    ./marks -c known.png '#e07b39' '#c44e52'
> 400 300
> #3b6ea8 10 10 30 20
> #3b6ea8 50 12 30 20
> ~#3b6ea8 10 10 30 20
> ~#3b6ea8 50 12 30 20
> ~#3b6ea8 100 50 40 40
> 1
> 0

=== pngmarks refuses what is not a PNG, and bad colours
$ ./marks known.html; ./marks known.png '#3b6ea'; echo $?
! pngmarks: known.html: not a PNG
! pngmarks: #3b6ea: not a colour (#rrggbb or ~#rrggbb)
> 64

# Five regions, one of them negative (a return): the sums are 40.00,
# 5.50, 10.00, 20.00 and -3.00, rows in key order.
=== sales lines of five regions
$ cat > lines.jsonl
< {"region":"North","day":"2026-01-05","amount":"4.00"}
< {"region":"North","day":"2026-02-05","amount":"6.00"}
< {"region":"South","day":"2026-03-05","amount":"20.00"}
< {"region":"East","day":"2026-04-05","amount":"5.50"}
< {"region":"West","day":"2026-05-05","amount":"-3.00"}
< {"region":"Centre","day":"2026-06-05","amount":"15.00"}
< {"region":"Centre","day":"2026-06-25","amount":"25.00"}

=== a bar chart of five groups: a self-contained page with five bars
$ crm-report group -b region -a sum:amount -f html -o bars.html \
    lines.jsonl && grep -o 'class="bar"' bars.html | uniq -c && \
    grep -oiE 'https?:[^"]*|src=|<script|@import|url\(|<link|<img' \
    bars.html
>       5 class="bar"
> http://www.w3.org/2000/svg

# Each bar's length over the first's, times 40 and to the half: the
# sums themselves, so the bars are drawn to scale; the negative one
# ends where the others start.
=== on a desktop, five bars, to scale
$ ./shot 1000,700 bars.html bars.png && ./marks bars.png '#3b6ea8' | \
    awk '{ if (NR == 1) u = $4 / 40; printf "%g\n", int($4 / u * 2 + \
    .5) / 2; l[NR] = $2; r[NR] = $2 + $4 } \
    END { print NR, (r[5] - l[1] <= 3 && l[1] - r[5] <= 3) }'
> 40
> 5.5
> 10
> 20
> 3
> 5 1

=== on a phone 390 px wide, the chart scales: five bars inside the screen
$ ./shot 390,844 bars.html phone.png && ./marks phone.png && \
    ./marks phone.png '#3b6ea8' | awk '{ if (NR == 1) u = $4 / 40; \
    printf "%g\n", int($4 / u * 2 + .5) / 2; if ($2 + $4 > r) r = $2 + \
    $4 } END { print NR, r <= 390 - 16 }'
> 390 844
> 40
> 5.5
> 10
> 20
> 3
> 5 1

=== printable: Chromium prints the page to one PDF page
$ ./shot 1000,700 bars.html bars.pdf && head -c 5 bars.pdf && echo && \
    grep -ac '/Type /Page$' bars.pdf
> %PDF-
> 1

=== a report with no rows has no chart
$ crm-report group -b region -f html -o empty.html < /dev/null && \
    ./shot 1000,700 empty.html empty.png && \
    ./marks -c empty.png '#3b6ea8' && grep -c 'No rows' empty.html
> 0
> 1

# A key with a period: a line over the six months, and its legend key
# (a 12 by 4 swatch); the line spans the plot, nearly the page's width.
=== by month: a line chart, one line and its legend
$ crm-report group -b day:month -a sum:amount -f html -o line.html \
    lines.jsonl && grep -c 'class="line"' line.html && \
    ./shot 1000,700 line.html line.png && ./marks line.png '#3b6ea8' | \
    awk '{ print ($4 > 700 ? "line" : $4 < 20 && $5 < 8 ? "legend" : \
    "other") }'
> 1
> line
> legend

# The last month's label is centred at the plot's right end, with room
# for its half (7 characters of 12-unit text, under 4 units each) before
# the page's 800 units end.
=== the last period's label fits on the page
$ grep -o '<text x="[0-9.]*" y="[0-9.]*" text-anchor="middle">2026-06<' \
    line.html | awk -F'"' '{ print ($2 + 7 * 4 <= 800 ? "fits" : $2) }'
> fits

# By region and month, rows in key order: Centre, East, North, South,
# West; North has two months, the others one each, drawn as a dot, in
# the line's colour: East's (#e07b39) is a dot and its legend swatch.
=== a line of one point is a dot
$ crm-report group -b region,day:month -a sum:amount -f html -o dots.html \
    lines.jsonl && grep -o '<circle class="dot"' dots.html | uniq -c && \
    ./shot 1000,900 dots.html dots.png && ./marks dots.png '#e07b39' | \
    awk '{ print ($4 < 20 && $5 >= 8 ? "dot" : $4 < 20 && $5 < 8 ? \
    "legend" : "other") }'
>       4 <circle class="dot"
> dot
> legend

# Two regions over six months, North always well above South, so that
# the lines never cross: each colour is one line and its legend swatch.
=== by region and month: a line per region, in the palette's colours
$ for m in 1 2 3 4 5 6; do printf '%s\n' \
    "{\"region\":\"North\",\"day\":\"2026-0$m-10\",\"amount\":$((20 + m % 3 * 5))}" \
    "{\"region\":\"South\",\"day\":\"2026-0$m-10\",\"amount\":$((2 + m % 2 * 4))}"; \
    done > two.jsonl && crm-report group -b region,day:month \
    -a sum:amount -f html -o two.html two.jsonl && \
    grep -o '<polyline class="line"' two.html | uniq -c && \
    ./shot 1000,900 two.html two.png && ./marks two.png '#3b6ea8' \
    '#e07b39' | awk '{ print $1, ($4 > 700 ? "line" : $4 < 20 && \
    $5 < 8 ? "legend" : "other") }' && ./marks -c two.png '#4c9a5b'
>       2 <polyline class="line"
> #3b6ea8 line
> #3b6ea8 legend
> #e07b39 line
> #e07b39 legend
> 0

# crm-report sales of twelve months of sale records in one currency:
# 2026's line, and 2025's dashed beside it, well below, so that the two
# never cross.  The dashed line is drawn at opacity 0.6, so its dashes
# are #89a8cb: many short marks, from the first month to the last.
=== sales by month: a line, and last year's dashed beside it
$ for m in 1 2 3 4 5 6; do printf '%s\n' \
    "{\"order_date\":\"2025-0$m-15\",\"qty\":1,\"amount\":\"$((10 + m % 3 * 4)).00\",\"currency\":\"EUR\"}" \
    "{\"order_date\":\"2026-0$m-15\",\"qty\":2,\"amount\":\"$((50 + m % 2 * 8)).00\",\"currency\":\"EUR\"}"; \
    done > sold.jsonl && crm-report sales --from 2026-01-01 \
    --to 2026-06-30 -f html -o sales.html sold.jsonl && \
    grep -o 'class="line"\|class="ago"' sales.html && \
    ./shot 1000,700 sales.html sales.png && ./marks sales.png '#3b6ea8' | \
    awk '{ print ($4 > 700 ? "line" : $4 < 20 && $5 < 8 ? "legend" : \
    "other") }' && ./marks sales.png '#89a8cb' | awk '$4 <= 10 { n++; \
    if (!l || $2 < l) l = $2; if ($2 + $4 > r) r = $2 + $4 } \
    END { print (n >= 50 ? "dashes" : n), (r - l > 700 ? "across" : r - l) }'
> class="line"
> class="ago"
> line
> legend
> dashes across

# Market figures of registrations (as tests/cli/report-sales.t loads
# them) and one of retail, left out by --kind: each segment's bar is its
# market, 100 %, so both bars have the same length; our brand has no
# registrations of sedans, so no part.  Parts and legend swatches: Ours
# (#3b6ea8) 1 and 1, Rival (#e07b39) 2 and 1, Other (#4c9a5b) and Third
# (#c44e52) 1 and 1; a fifth colour nowhere.
=== the market of registrations, stacked: one bar per segment, a part per brand
$ crm-db init -d m.db && crm-report load-market -q -d m.db && \
    crm-report market -d m.db --brand Ours --kind registration -f html \
    -o market.html && grep -o 'class="part"' market.html | uniq -c && \
    ./shot 1000,700 market.html market.png && \
    ./marks -c market.png '#3b6ea8' '#e07b39' '#4c9a5b' '#c44e52' \
    '#8172b2' && ./marks market.png '#4c9a5b' '#c44e52' | \
    awk '$1 != c { c = $1; r[++n] = $2 + $4 } \
    END { d = r[1] - r[2]; print (d * d <= 4 ? "same length" : d) }'
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Ours","units":300}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Rival","units":500}
< {"kind":"registration","period":"2026-10","segment":"SUV","brand":"Other","units":200}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Rival","units":100}
< {"kind":"registration","period":"2026-10","segment":"Sedan","brand":"Third","units":50}
< {"kind":"retail","period":"2026-Q3","segment":"SUV","region":"North","brand":"Ours","units":1}
>       5 class="part"
> 2
> 3
> 2
> 2
> 0
> same length

# Five customers at an average order of 100.00 and 2 orders: A high
# value and frequent, B high value and occasional, C low value and
# frequent, D and E low value and occasional.  The grid is high value on
# top, frequent on the right; a cell's shade grows with its customers:
# the one of two at opacity 0.75 (#6c92be), those of one at 0.45
# (#a7bed8).  The tints of the colour are the four cells (text and the
# cells' anti-aliased rims are far smaller than 20000 pixels).
=== the value matrix: a grid of four cells, the fullest the darkest
$ printf '%s\n' A,2026-01-10,200 A,2026-03-10,200 A,2026-05-10,200 \
    B,2026-02-10,300 C,2026-01-20,10 C,2026-02-20,10 C,2026-03-20,10 \
    D,2026-04-10,10 E,2026-06-10,20 | awk -F, '{ printf "{\"customer_id\":\"%s\",\"currency\":\"EUR\",\"order_date\":\"%s\",\"amount\":\"%s.00\"}\n", $1, $2, $3 }' > \
    cust.jsonl && crm-report value-matrix --amount-threshold 100 \
    --count-threshold 2 -f html -o matrix.html cust.jsonl && \
    grep -o 'class="cell"' matrix.html | uniq -c && \
    ./shot 1000,700 matrix.html matrix.png && ./marks -a 20000 \
    matrix.png '#6c92be' '#a7bed8' '~#3b6ea8' | awk '{ c[NR] = $1; \
    x[NR] = $2; y[NR] = $3; if (NR == 1 || $3 < t) t = $3 } \
    END { for (i = 1; i <= NR; i++) print c[i], (y[i] > t + 50 ? \
    "bottom" : "top"), (x[i] > 500 ? "right" : "left") }'
>       4 class="cell"
> #6c92be bottom left
> #a7bed8 top left
> #a7bed8 top right
> #a7bed8 bottom right
> ~#3b6ea8 top left
> ~#3b6ea8 top right
> ~#3b6ea8 bottom left
> ~#3b6ea8 bottom right

# A funnel of 4 leads, 2 qualified, 1 deal, 1 won (made with crm-lead
# and crm-deal): four steps, each centred under the one before, widths
# 4 : 2 : 1 : 1 of the first.
=== the funnel: one centred step per stage, to scale
$ export CRM_SHARE="$SHARE"; crm-db init -d f.db && for n in 1 2 3 4; do \
    echo "{\"source\":\"web\",\"id\":\"$n\",\"name\":\"P$n\",\"email\":\"p$n@example.com\",\"created_at\":\"2026-10-0$n\"}"; \
    done | crm-lead import -d f.db -q && crm-lead update -d f.db -q \
    --status contacted --at 2026-10-05T09:00:00Z web:1 web:2 && \
    crm-lead update -d f.db -q --status qualified \
    --at 2026-10-05T10:00:00Z web:1 web:2 && \
    CRM_NOW=2026-10-06T09:00:00Z crm-lead convert -d f.db web:1 \
    --deal-id D1 --amount 100.00 --currency EUR > /dev/null && \
    crm-deal won -d f.db D1 --on 2026-10-20 && \
    crm-report funnel -d f.db -f html -o funnel.html && \
    grep -o 'class="step"' funnel.html | uniq -c && \
    ./shot 1000,700 funnel.html funnel.png && \
    ./marks funnel.png '#3b6ea8' | awk '{ if (NR == 1) { u = $4 / 4; \
    c = $2 + $4 / 2 } d = $2 + $4 / 2 - c; printf "%g %s\n", \
    int($4 / u * 2 + .5) / 2, (d * d <= 4 ? "centred" : d) }'
>       4 class="step"
> 4 centred
> 2 centred
> 1 centred
> 1 centred
