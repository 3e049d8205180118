# crm-rec cat: read, check, convert and select records.

=== JSON lines pass through untouched, compacted, numbers exact
< {"id":"A1", "amount": 1234.50, "big": 123456789012345678901234567890, "s": "\u00e9\n"}
<
< {"id":"A2","nested":{"k":[1, 2.0]}}
$ crm-rec cat
> {"id":"A1","amount":1234.50,"big":123456789012345678901234567890,"s":"\u00e9\n"}
> {"id":"A2","nested":{"k":[1,2.0]}}

=== a CSV export becomes JSON lines: snake_case names, exact strings
< Lead ID,Company,Email,Deal Value,Note
< L-1,"Acme, Inc.",a@acme.example,"12,000.50",
< L-2,珍珠白汽车,b@example.cn,-3,"say ""hi"""
$ crm-rec cat -i csv
> {"lead_id":"L-1","company":"Acme, Inc.","email":"a@acme.example","deal_value":"12,000.50"}
> {"lead_id":"L-2","company":"珍珠白汽车","email":"b@example.cn","deal_value":"-3","note":"say \"hi\""}

=== the format comes from the file name
$ printf 'a\tb\n1\t2\n' > x.tsv && crm-rec cat x.tsv
> {"a":"1","b":"2"}

=== --fields selects and orders fields
< {"id":"1","name":"Ann","email":"ann@example.com"}
< {"id":"2","email":"bob@example.com"}
$ crm-rec cat --fields email,id
> {"email":"ann@example.com","id":"1"}
> {"email":"bob@example.com","id":"2"}

=== a table for the terminal, wide characters aligned
< {"sku":"X5-LUX","colour":"珍珠白","qty":2}
< {"sku":"A3","colour":"silver","qty":12}
$ crm-rec cat -f table
> sku     colour  qty
> ------  ------  ---
> X5-LUX  珍珠白    2
> A3      silver   12

=== CSV output guards against formula injection
< {"name":"=HYPERLINK(\"http://x\")","amount":"-12.50","note":"@SUM(A1)"}
$ crm-rec cat -f csv | sed 's/\r$/<CR>/'
> name,amount,note<CR>
> "'=HYPERLINK(""http://x"")",-12.50,'@SUM(A1)<CR>

=== strict: the first bad record stops the run with its place
< {"id":"1"}
< [2]
< {"id":"3"}
$ crm-rec cat
> {"id":"1"}
! crm-rec: <stdin>:2: col 1: not an object but an array
? 65

=== --reject sets bad records aside and counts add up
< {"id":"1"}
< [2]
< {"id":"3","id":"4"}
< {"id":"5"}
$ crm-rec cat --reject bad.jsonl && cat bad.jsonl
> {"id":"1"}
> {"id":"5"}
> {"file":"<stdin>","line":2,"error":"<stdin>:2: col 1: not an object but an array","text":"[2]"}
> {"file":"<stdin>","line":3,"error":"<stdin>:3: col 11: duplicate key \"id\"","text":"{\"id\":\"3\",\"id\":\"4\"}"}
! crm-rec: read 4, accepted 2, rejected 2

=== invalid UTF-8 is rejected and kept readable in the reject file
$ printf '{"a":"\377"}\n{"b":1}\n' | crm-rec cat --reject bad2.jsonl -q && cat bad2.jsonl
> {"b":1}
> {"file":"<stdin>","line":1,"error":"<stdin>:1: col 7: invalid UTF-8","text":"{\"a\":\"�\"}"}

=== --max-line bounds a line
< {"id":"12345678901234567890"}
$ crm-rec cat --max-line 10
! crm-rec: <stdin>:1: line longer than 10 bytes
? 65

=== gzip output and input
< {"id":"1"}
$ crm-rec cat -z > o.gz && gzip -dc o.gz && crm-rec cat o.gz
> {"id":"1"}
> {"id":"1"}

=== a missing input file
$ crm-rec cat nope.jsonl
! crm-rec: nope.jsonl: No such file or directory
? 66

=== an output that cannot be created
$ crm-rec cat -o /nonexistent/x.jsonl < /dev/null
! crm-rec: /nonexistent/x.jsonl: No such file or directory
? 73

=== a full disk is an error
< {"id":"1"}
$ crm-rec cat > /dev/full
! crm-rec: <stdout>: No space left on device
? 74

=== bad formats are usage errors
$ crm-rec cat -i table < /dev/null
! crm-rec: -i: table is not an input format (jsonl, csv, tsv)
! usage: crm-rec cat [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [FILE ...]
? 64

=== help shows the usage and every option
$ crm-rec cat --help | head -1
> usage: crm-rec cat [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] [FILE ...]

=== the crm front end runs crm-rec
< {"id":"1"}
$ crm rec cat
> {"id":"1"}

=== crm --help names every program there is, and nothing else
$ diff <(crm --help | sed -n '/NOUN)/,$p' | sed 's/.*NOUN)://; s/; man.*//' | tr ', ' '\n\n' | grep . | sort) <(ls "$BIN" | sed -n 's/^crm-//p' | sort) && echo same
> same

=== TSV output escapes what would break a row
< {"sku":"A1","note":"tab\there\nnew line \\ back"}
$ crm-rec cat -f tsv
> sku	note
> A1	tab\there\nnew line \\ back

=== Markdown output, pipes escaped, numbers right-aligned
< {"sku":"X5|LUX","qty":2,"note":"a\nb"}
< {"sku":"A3","qty":12}
$ crm-rec cat -f md
> | sku     | qty | note   |
> | ------- | --: | ------ |
> | X5\|LUX |   2 | a<br>b |
> | A3      |  12 |        |

=== a later record with a field that is not a column is an error, not a loss
< {"a":"1"}
< {"a":"2","b":"3"}
$ crm-rec cat -f csv > out.csv; rc=$?; tr -d '\r' < out.csv; exit $rc
> a
> 1
! crm-rec: <stdin>:2: b: not a column of the csv output (the columns are the first record's fields, or --fields)
? 65

=== no records, no header
$ crm-rec cat -f csv < /dev/null

=== progress goes to a terminal only
$ seq 1 5000 | sed 's/.*/{"n":&}/' > n.jsonl && script -qec 'crm-rec cat n.jsonl -o /dev/null' /dev/null | tr '\r' '\n' | grep -c '^crm-rec: 5000 records$' && crm-rec cat n.jsonl -o /dev/null 2>&1 | wc -c
> 1
> 0

# crm-rec rename: a filter that renames fields.

=== rename keeps each field's place and value, and passes the rest through
< {"opportunity_id":"1C1I7A6R","sales_agent":"Moses Frase","close_value":1054.50,"x":[1,{"y":null}]}
$ crm-rec rename opportunity_id=id,sales_agent=owner,close_value=amount
> {"id":"1C1I7A6R","owner":"Moses Frase","amount":1054.50,"x":[1,{"y":null}]}

=== a CSV file renamed into JSON lines; names not in a record are no matter
$ printf 'sales_agent,manager,regional_office\r\nAnna Snelling,Dustin Brinkmann,Central\r\n' > teams.csv && crm-rec rename sales_agent=id,manager=team_id,regional_office=region,nope=other teams.csv
> {"id":"Anna Snelling","team_id":"Dustin Brinkmann","region":"Central"}

=== the renames happen at once, so two fields can swap names
< {"a":1,"b":2}
$ crm-rec rename a=b,b=a
> {"b":1,"a":2}

=== a new name already in the record is a bad record
< {"a":"3"}
< {"id":"1","a":"2"}
$ crm-rec rename a=id
> {"id":"3"}
! crm-rec: <stdin>:2: id: already in the record; cannot rename to it
? 65

=== ... which --reject sets aside
< {"id":"1","a":"2"}
< {"a":"3"}
$ crm-rec rename a=id --reject bad.jsonl && cat bad.jsonl
> {"id":"3"}
> {"file":"<stdin>","line":1,"error":"<stdin>:1: id: already in the record; cannot rename to it","text":"{\"id\":\"1\",\"a\":\"2\"}"}
! crm-rec: read 2, accepted 1, rejected 1

=== a malformed list is a usage error
$ crm-rec rename a=b,c < /dev/null
! crm-rec: rename: not OLD=NEW: 'c'
! usage: crm-rec rename [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] OLD=NEW[,OLD=NEW...] [FILE ...]
? 64

=== an empty side, or a name given twice, is a usage error too
$ crm-rec rename =b < /dev/null; crm-rec rename a=x,b=x < /dev/null
! crm-rec: rename: not OLD=NEW: '=b'
! usage: crm-rec rename [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] OLD=NEW[,OLD=NEW...] [FILE ...]
! crm-rec: rename: a name twice: 'b=x'
! usage: crm-rec rename [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] OLD=NEW[,OLD=NEW...] [FILE ...]
? 64

=== without the list
$ crm-rec rename < /dev/null
! crm-rec: rename needs OLD=NEW[,OLD=NEW...]
! usage: crm-rec rename [-qvz] [-i FMT] [--max-line BYTES] [-o FILE] [-f FMT] [--fields LIST] [--reject FILE] OLD=NEW[,OLD=NEW...] [FILE ...]
? 64
