# crm-catalog: the sample catalog imported, descriptions matched to
# codes, prices looked up on range edges, bad input refused.

=== import the sample catalog: every record inserted
$ crm-catalog import -d c.db "$SHARE/samples/catalog.jsonl"
! crm-catalog: read 49, accepted 49, rejected 0, inserted 49, updated 0, unchanged 0

=== importing it again writes nothing
$ crm-catalog import -d c.db < "$SHARE/samples/catalog.jsonl" && cp c.db before.db
! crm-catalog: read 49, accepted 49, rejected 0, inserted 0, updated 0, unchanged 49

=== a bad record stops the run and nothing is written, not even the good records before it
< {"type":"colour","code":"GRN","name":"森林绿"}
< {"type":"product","sku":"SUV-X5-STD","colours":"BK,PW,RD,SV,GRN"}
< {"type":"price","sku":"SUV-X5-LUX","valid_from":"2026-06-01","price":"1.00"}
$ crm-catalog import -d c.db; echo "exit $?"; sqlite3 c.db "SELECT count(*) FROM colours; SELECT group_concat(colour) FROM product_colours WHERE sku = 'SUV-X5-STD'"
> exit 65
> 4
> BK,PW,RD,SV
! crm-catalog: <stdin>:3: valid_from: overlaps the price from 2026-01-01 to 2026-06-30

=== --reject sets bad records aside with their reasons; the good ones go in and the counts add up
< {"type":"colour","code":"GRN","name":"森林绿"}
< {"type":"product","sku":"SUV-X5-STD","colours":"BK,PW,RD,SV,GRN"}
< {"type":"price","sku":"SUV-X5-LUX","valid_from":"2026-06-01","price":"1.00"}
< {"type":"price","sku":"SUV-X5-LUX","tier":"gold","valid_from":"2027-01-01","price":"-1.00"}
< {"type":"product","sku":"SUV-X9","name":"X9","list_price":"99999999999999999.99","currency":"CNY"}
< {"type":"alias","kind":"colour","code":"PINK","text":"粉色"}
< {"type":"product","sku":"SED-A3-STD","colour":"RD"}
< {"type":"option","code":"roof","name":"x"}
< not json
$ crm-catalog import -d c.db --reject bad.jsonl && jq -c '[.line, .error]' bad.jsonl && sqlite3 c.db "SELECT group_concat(colour) FROM product_colours WHERE sku = 'SUV-X5-STD'"
> [3,"<stdin>:3: valid_from: overlaps the price from 2026-01-01 to 2026-06-30"]
> [4,"<stdin>:4: price: negative"]
> [5,"<stdin>:5: list_price: amount out of range"]
> [6,"<stdin>:6: code: unknown colour PINK"]
> [7,"<stdin>:7: colour: not a field of a product"]
> [8,"<stdin>:8: code: not a code (A-Z, 0-9, '-', '_'; at most 16)"]
> [9,"<stdin>:9: col 1: not a JSON object"]
> BK,GRN,PW,RD,SV
! crm-catalog: read 9, accepted 2, rejected 7, inserted 1, updated 1, unchanged 0

=== CSV imports too; empty cells are fields not given
< type,code,name,kind,text
< alias,GRN,,colour,绿色
< colour,GRN,Forest green,,
$ crm-catalog import -d c.db -i csv && sqlite3 c.db "SELECT name FROM colours WHERE code = 'GRN'; SELECT text FROM aliases WHERE code = 'GRN'"
> Forest green
> 绿色
! crm-catalog: read 2, accepted 2, rejected 0, inserted 1, updated 1, unchanged 0

=== list: every product with the colours and options it comes in
$ crm-catalog list -d before.db
> {"sku":"ACC-MAT-01","name":"Floor mats","segment":"Accessory","category":"accessory","unit":"set","list_price":"399.50","currency":"CNY","active":1,"colours":["BK"],"options":[]}
> {"sku":"SED-A3-STD","name":"A3 Sedan","segment":"Sedan","category":"vehicle","unit":"unit","list_price":"128800.00","currency":"CNY","bom_code":"BOM-A3-01","active":1,"colours":["BK","PW","RD","SV"],"options":["NV","SR"]}
> {"sku":"SUV-X5-LUX","name":"X5 SUV 豪华版","segment":"SUV","category":"vehicle","unit":"unit","list_price":"229800.00","currency":"CNY","bom_code":"BOM-X5-02","active":1,"colours":["BK","PW","SV"],"options":["LS","NV","SR"]}
> {"sku":"SUV-X5-STD","name":"X5 SUV 标准版","segment":"SUV","category":"vehicle","unit":"unit","list_price":"189800.00","currency":"CNY","bom_code":"BOM-X5-01","active":1,"colours":["BK","PW","RD","SV"],"options":["NV"]}

=== list as a table
$ crm-catalog list -d before.db -f table --fields sku,name,list_price,currency,colours
> sku         name           list_price  currency  colours
> ----------  -------------  ----------  --------  ---------------------
> ACC-MAT-01  Floor mats         399.50  CNY       ["BK"]
> SED-A3-STD  A3 Sedan        128800.00  CNY       ["BK","PW","RD","SV"]
> SUV-X5-LUX  X5 SUV 豪华版   229800.00  CNY       ["BK","PW","SV"]
> SUV-X5-STD  X5 SUV 标准版   189800.00  CNY       ["BK","PW","RD","SV"]

=== show: one product with its colours, options, aliases and prices
$ crm-catalog show -d before.db ACC-MAT-01
> {"sku":"ACC-MAT-01","name":"Floor mats","segment":"Accessory","category":"accessory","unit":"set","list_price":"399.50","currency":"CNY","active":1,"colours":[{"code":"BK","name":"曜石黑"}],"options":[{"code":"LS","name":"真皮座椅"},{"code":"NV","name":"导航"},{"code":"SR","name":"带天窗"}],"aliases":[{"kind":"product","code":"ACC-MAT-01","text":"floor mat"},{"kind":"product","code":"ACC-MAT-01","text":"脚垫"},{"kind":"colour","code":"BK","text":"black"},{"kind":"colour","code":"BK","text":"obsidian black"},{"kind":"colour","code":"BK","text":"黑色"},{"kind":"option","code":"LS","text":"leather seats"},{"kind":"option","code":"NV","text":"navigation"},{"kind":"option","code":"NV","text":"带导航"},{"kind":"option","code":"SR","text":"sunroof"},{"kind":"option","code":"SR","text":"with sunroof"},{"kind":"option","code":"SR","text":"天窗"}],"prices":[{"list":"standard","valid_from":"2026-01-01","valid_to":"2026-12-31","price":"399.50","currency":"CNY"}]}

=== show of an unknown sku
$ crm-catalog show -d before.db SUV-X9
! crm-catalog: unknown sku SUV-X9
? 65

=== match: descriptions in Chinese, English, full width, with or without spaces
< {"line":1,"description":"珍珠白 豪华版 带天窗"}
< {"line":2,"description":"珍珠白豪华版带天窗","qty":2}
< {"line":3,"description":"Ｘ５　标准版，RD，带导航"}
< {"line":4,"description":"X5 luxury, pearl white, with sunroof, leather seats"}
< {"line":5,"description":"A3"}
< {"line":6,"description":"SUV-X5-STD SV NV"}
$ crm-catalog match -d before.db
> {"line":1,"description":"珍珠白 豪华版 带天窗","sku":"SUV-X5-LUX","colour":"PW","options":["SR"]}
> {"line":2,"description":"珍珠白豪华版带天窗","qty":2,"sku":"SUV-X5-LUX","colour":"PW","options":["SR"]}
> {"line":3,"description":"Ｘ５　标准版，RD，带导航","sku":"SUV-X5-STD","colour":"RD","options":["NV"]}
> {"line":4,"description":"X5 luxury, pearl white, with sunroof, leather seats","sku":"SUV-X5-LUX","colour":"PW","options":["LS","SR"]}
> {"line":5,"description":"A3","sku":"SED-A3-STD","colour":null,"options":[]}
> {"line":6,"description":"SUV-X5-STD SV NV","sku":"SUV-X5-STD","colour":"SV","options":["NV"]}

=== match --field and other formats
< {"id":"L1","text":"脚垫 黑色","qty":3}
$ crm-catalog match -d before.db --field text -f csv | tr -d '\r'
> id,text,qty,sku,colour,options
> L1,脚垫 黑色,3,ACC-MAT-01,BK,[]

=== match is strict: the first description it cannot match stops the run (the records before it are out)
< {"line":1,"description":"豪华版"}
< {"line":2,"description":"X5 红色"}
< {"line":3,"description":"标准版"}
$ crm-catalog match -d before.db
> {"line":1,"description":"豪华版","sku":"SUV-X5-LUX","colour":null,"options":[]}
! crm-catalog: <stdin>:2: description: "x5" is ambiguous: product SUV-X5-LUX (X5), product SUV-X5-STD (X5)
? 65

=== match --reject: every refusal with its candidates, never a guess
< {"line":1,"description":"X5 红色"}
< {"line":2,"description":"豪华版 红色"}
< {"line":3,"description":"豪华 白"}
< {"line":4,"description":"red 带天窗"}
< {"line":5,"description":"A3 豪华版"}
< {"line":6,"description":"A3 red black"}
< {"line":7,"description":"A3 reddish"}
< {"line":8,"description":"标准版 leather seats"}
< {"line":9,"description":""}
< {"line":10,"desc":"标准版"}
< {"line":11,"description":"标准版 银色"}
$ crm-catalog match -d before.db --reject unmatched.jsonl && jq -r .error unmatched.jsonl
> {"line":11,"description":"标准版 银色","sku":"SUV-X5-STD","colour":"SV","options":[]}
> <stdin>:1: description: "x5" is ambiguous: product SUV-X5-LUX (X5), product SUV-X5-STD (X5)
> <stdin>:2: description: SUV-X5-LUX does not come in colour RD (comes in: BK, PW, SV)
> <stdin>:3: description: "豪华白" matches nothing in the catalog; candidates: product SUV-X5-LUX (豪华版)
> <stdin>:4: description: names no product; candidates: SED-A3-STD (A3 Sedan)
> <stdin>:5: description: names 2 products: SED-A3-STD (A3), SUV-X5-LUX (豪华版)
> <stdin>:6: description: names 2 colours: RD (red), BK (black)
> <stdin>:7: description: "reddish" matches nothing in the catalog; candidates: colour RD (red)
> <stdin>:8: description: SUV-X5-STD does not come in option LS (comes in: NV)
> <stdin>:9: description: required
> <stdin>:10: description: required
! crm-catalog: read 11, accepted 1, rejected 10

=== price of a sku: both ends of a range are in it
$ for d in 2026-01-01 2026-06-30 2026-07-01 2026-12-31; do crm-catalog price -d before.db SUV-X5-LUX --date $d; done
> {"sku":"SUV-X5-LUX","list":"standard","date":"2026-01-01","price":"229800.00","currency":"CNY","price_source":"list"}
> {"sku":"SUV-X5-LUX","list":"standard","date":"2026-06-30","price":"229800.00","currency":"CNY","price_source":"list"}
> {"sku":"SUV-X5-LUX","list":"standard","date":"2026-07-01","price":"225800.00","currency":"CNY","price_source":"list"}
> {"sku":"SUV-X5-LUX","list":"standard","date":"2026-12-31","price":"225800.00","currency":"CNY","price_source":"list"}

=== price for a tier, else for any tier, else the catalog's list price; today by default
$ crm-catalog price -d before.db SUV-X5-LUX --tier gold -f table && crm-catalog price -d before.db SUV-X5-LUX --tier silver --fields price,price_source && crm-catalog price -d before.db SUV-X5-LUX --date 2025-12-31 --fields price,price_source
> sku         list      tier  date            price  currency  price_source
> ----------  --------  ----  ----------  ---------  --------  ------------
> SUV-X5-LUX  standard  gold  2026-11-22  219800.00  CNY       tier
> {"price":"225800.00","price_source":"list"}
> {"price":"229800.00","price_source":"catalog"}

=== price --each prices records by their sku, tier and date
< {"order":"O1","sku":"SUV-X5-LUX","customer_tier":"gold","date":"2026-03-01"}
< {"order":"O2","sku":"SUV-X5-STD","tier":"silver"}
< {"order":"O3","sku":"ACC-MAT-01","date":"2027-05-01"}
< {"order":"O4","sku":"SUV-X9"}
< {"order":"O5","sku":"SUV-X5-STD","date":"2026-02-30"}
$ crm-catalog price -d before.db --each --date 2026-08-01 --reject bad-prices.jsonl && jq -r .error bad-prices.jsonl
> {"order":"O1","sku":"SUV-X5-LUX","customer_tier":"gold","date":"2026-03-01","price":"219800.00","currency":"CNY","price_source":"tier"}
> {"order":"O2","sku":"SUV-X5-STD","tier":"silver","price":"189800.00","currency":"CNY","price_source":"list"}
> {"order":"O3","sku":"ACC-MAT-01","date":"2027-05-01","price":"399.50","currency":"CNY","price_source":"catalog"}
> <stdin>:4: sku: unknown sku SUV-X9
> <stdin>:5: date: no such date
! crm-catalog: read 5, accepted 3, rejected 2

=== price: bad command lines and an unknown sku
$ crm-catalog price -d before.db SUV-X5-LUX --date 2026-13-01; crm-catalog price -d before.db; crm-catalog price -d before.db --each --tier gold; crm-catalog price -d before.db NOPE; echo "exit $?"
> exit 65
! crm-catalog: --date: no such date: 2026-13-01
! usage: crm-catalog price [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--date DATE] [--tier TIER] [--list LIST] [--each] [SKU | FILE ...]
! crm-catalog: price takes one SKU (or --each and records)
! usage: crm-catalog price [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--date DATE] [--tier TIER] [--list LIST] [--each] [SKU | FILE ...]
! crm-catalog: --tier is for one SKU; records give their own tier
! usage: crm-catalog price [-qvz] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [--date DATE] [--tier TIER] [--list LIST] [--each] [SKU | FILE ...]
! crm-catalog: sku: unknown sku NOPE

=== a missing database is an input that cannot be opened
$ crm-catalog list -d nothing.db; echo "exit $?"; ls nothing.db* 2>/dev/null | wc -l
> exit 66
> 0
! crm-catalog: nothing.db: no such database (crm-db init creates one)

=== a full disk is an I/O error
$ crm-catalog list -d before.db > /dev/full
? 74
! crm-catalog: <stdout>: No space left on device

=== --help shows the verb's usage and options
$ crm-catalog import --help
> usage: crm-catalog import [-qv] [-d DB] [--busy-timeout MS] [-i FMT] [--max-line BYTES] [--reject FILE] [FILE ...]
>
> insert or update products, colours, options, aliases, prices
>
> options:
>   -q, --quiet                say nothing on stderr but errors
>   -v, --verbose              say more on stderr
>   -h, --help                 show this help and exit
>   -V, --version              show the version and exit
>   -d, --db DB                the database file (default $CRM_DB, else ./crm.db)
>       --busy-timeout MS      wait this long for a locked database (default $CRM_BUSY_TIMEOUT, else 5000)
>   -i, --input-format FMT     input format: jsonl, csv or tsv (default: from the file name, else jsonl)
>       --max-line BYTES       longest input line or record accepted (default 1048576)
>       --reject FILE          set bad records aside in FILE and go on (default: stop at the first)

=== --version
$ crm-catalog --version
> crm-catalog (crm) 0.1.0
