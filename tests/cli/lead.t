# crm-lead score: a filter that scores and ranks leads by rule file.

=== the default rules score the sample leads
$ CRM_SHARE="$SHARE" crm-lead score "$SHARE/samples/leads.csv" --fields id,score,priority -f table
> id      score  priority
> ------  -----  --------
> L-0001     75  A
> L-0002     47  C
> L-0003     93  A
> L-0004     82  A
> L-0005     33  C
> L-0006     66  B
> L-0007     84  A
> L-0008     78  A
> L-0009     39  C
> L-0010     78  A
> L-0011     39  C
> L-0012     84  A

=== every criterion explains its points; other fields pass through untouched
< {"id":"L1","amount_note":1.50,"intent":"QUOTE","estimated_value":49999.99,"source":"billboard","created_at":"2026-10-23T01:00:00+08:00","name":"Ann","email":"ann@example.com"}
$ CRM_SHARE="$SHARE" crm-lead score
> {"id":"L1","amount_note":1.50,"intent":"QUOTE","estimated_value":49999.99,"source":"billboard","created_at":"2026-10-23T01:00:00+08:00","name":"Ann","email":"ann@example.com","score":30,"priority":"C","score_reasons":[{"criterion":"completeness","points":5,"max":15,"why":"2 of 6 filled"},{"criterion":"intent","points":15,"max":20,"why":"intent QUOTE"},{"criterion":"product_need","points":0,"max":10,"why":"no product"},{"criterion":"deal_value","points":2,"max":20,"why":"estimated_value 49999.99"},{"criterion":"purchasing_power","points":0,"max":10,"why":"no company_size"},{"criterion":"source_quality","points":5,"max":15,"why":"source billboard"},{"criterion":"recency","points":3,"max":10,"why":"31 days old"}]}

=== a score already there is replaced, not duplicated
< {"id":"L2","score":99,"priority":"A"}
$ CRM_SHARE="$SHARE" crm-lead score --fields id,score,priority
> {"id":"L2","score":0,"priority":"D"}

=== bad values stop the run, or are set aside with --reject
< {"id":"L3","estimated_value":"lots"}
< {"id":"L4","created_at":"yesterday"}
< {"id":"L5"}
$ CRM_SHARE="$SHARE" crm-lead score --fields id,score --reject bad.jsonl && cut -c1-80 bad.jsonl
> {"id":"L5","score":0}
> {"file":"<stdin>","line":1,"error":"<stdin>:1: estimated_value: not a decimal am
> {"file":"<stdin>","line":2,"error":"<stdin>:2: created_at: not an RFC 3339 time"
! crm-lead: read 3, accepted 1, rejected 2

=== strict by default
< {"id":"L3","estimated_value":"lots"}
$ CRM_SHARE="$SHARE" crm-lead score
! crm-lead: <stdin>:1: estimated_value: not a decimal amount
? 65

=== own rules with --rules
$ printf '{"criteria":[{"name":"vip","points":100,"field":"tier","values":{"gold":100,"silver":50}}],"priority":[["hot",60],["cold",0]]}' > vip.json && printf '{"tier":"Gold"}\n{"tier":"silver"}\n{}\n' | crm-lead score --rules vip.json --fields tier,score,priority
> {"tier":"Gold","score":100,"priority":"hot"}
> {"tier":"silver","score":50,"priority":"cold"}
> {"score":0,"priority":"cold"}

=== rule files are checked on load: exit 78 naming the place
$ printf '{"criteria":[{"name":"a","points":60,"present":60,"field":"x"},{"name":"b","points":30,"present":30,"field":"y"}],"priority":[["A",0]]}' > sum.json && crm-lead score --rules sum.json < /dev/null
! crm-lead: sum.json:1: criteria: the points add up to 90, not 100
? 78

=== a criterion with points over its maximum
$ printf '{"criteria":[{"name":"a","points":100,"field":"x","values":{"y":120}}],"priority":[["A",0]]}' > over.json && crm-lead score --rules over.json < /dev/null
! crm-lead: over.json:1: criteria[0]: values.y: points must be a whole number from 0 to 100
? 78

=== thresholds in the wrong order
$ printf '{"criteria":[{"name":"v","points":100,"field":"x","at_least":[["10",50],["20",100]]}],"priority":[["A",0]]}' > order.json && crm-lead score --rules order.json < /dev/null
! crm-lead: order.json:1: criteria[0].at_least[1]: thresholds must go from the highest down
? 78

=== a priority list must cover every score
$ printf '{"criteria":[{"name":"a","points":100,"present":100,"field":"x"}],"priority":[["A",50]]}' > prio.json && crm-lead score --rules prio.json < /dev/null
! crm-lead: prio.json:1: priority: the last priority must start at 0, so every score has one
? 78

=== a JSON syntax error names line and column
$ printf '{\n  "criteria": [\n    {"name": "a",}\n  ]\n}\n' > syntax.json && crm-lead score --rules syntax.json < /dev/null
! crm-lead: syntax.json:3:18: string or '}' expected near '}'
? 78

=== a missing rule file
$ crm-lead score --rules nope.json < /dev/null
! crm-lead: nope.json: unable to open nope.json: No such file or directory
? 78

# The date's own message, not an empty one: the usage error is formatted
# from the message it replaces.
=== list --created-from not in the calendar says why
$ crm-db init -d u.db && crm-lead list -d u.db --created-from 2026-13-01 \
    2> err; echo "exit $?"; head -n 1 err
> exit 64
> crm-lead: --created-from: no such date
