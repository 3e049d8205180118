# The case runner itself (tests/cli/run.sh), with plain shell commands:
# if one of these fails, suspect the runner before the programs.

=== stdout is compared line by line
$ echo hello
> hello

=== empty lines and spaces inside lines are kept
$ printf 'a  b\n\n  indented \n'
> a  b
>
>   indented 

=== no ">" and no "!" lines: both outputs must be empty
$ true

=== stderr and the exit status are compared too
$ echo oops >&2; exit 3
! oops
? 3

=== a failing command is a status of 1, not a failed case
$ false
? 1

=== "<" lines are standard input, "<" alone an empty line
$ cat -n
< first
<
<   third, indented
>      1	first
>      2	
>      3	  third, indented

=== without "<" lines standard input is empty
$ cat; echo end
> end

=== a command goes on over lines ending in a backslash
$ printf '%s\n' one \
    two \
  three
> one
> two
> three

# A comment between cases, and one inside the next case.
=== comments are not part of a case
# this line is ignored
$ echo '# not a comment'
> # not a comment

=== the cases of a file share their directory, which is $T ...
$ echo kept > story.txt && [ "$PWD" = "$T" ] && echo in T
> in T

=== ... so a later case sees what an earlier one left
$ cat story.txt && ls
> kept
> story.txt

=== a case may change its directory ...
$ mkdir sub && cd sub && [ "$PWD" = "$T/sub" ] && echo in sub
> in sub

=== ... the next one starts in $T again
$ [ "$PWD" = "$T" ] && echo back in T
> back in T

=== the fixed environment
$ echo "$CRM_NOW $TZ $LC_ALL ${CRM_DB-unset} ${CRM_SHARE-unset}"
> 2026-11-22T08:00:00Z UTC C.UTF-8 unset unset

=== the paths in the environment
$ [ "$SHARE" = "$SRC/share/crm" ] && [ "$DATA" = "$SRC/../shared/data" ] \
  && [ -x "$SRC/tests/cli/run.sh" ] && [ "${PATH%%:*}" = "$BIN" ] \
  && echo ok
> ok

=== the runner finds wrong stdout, stderr and status, and malformed cases
$ cat > bad.t && "$SRC/tests/cli/run.sh" bad.t
< === passes
< $ echo yes
< > yes
< === wrong stdout
< $ echo no
< > yes
< === wrong stderr
< $ echo why >&2
< === wrong status
< $ exit 2
< ? 0
< === two commands
< $ true
< $ true
> FAIL bad.t:4: wrong stdout
>   $ echo no
>   --- expected stdout
>   +++ actual stdout
>   @@ -1 +1 @@
>   -yes
>   +no
> FAIL bad.t:7: wrong stderr
>   $ echo why >&2
>   --- expected stderr
>   +++ actual stderr
>   @@ -0,0 +1 @@
>   +why
> FAIL bad.t:9: wrong status
>   $ exit 2
>   exit status 2, expected 0
> FAIL bad.t:12: two commands
>   bad.t:12: 2 command lines ("$ ..."), want exactly one
> 1 passed, 4 failed
? 1

=== the same count, checked by the shell rather than by the runner
$ "$SRC/tests/cli/run.sh" bad.t | tail -n 1 | grep -qx '1 passed, 4 failed'

=== a line outside any case is an error, and so is an unknown one
$ printf '%s\n' 'stray' '=== x' '$ true' 'junk' '? x' > worse.t && \
  "$SRC/tests/cli/run.sh" worse.t
> FAIL worse.t:1: not in a case (no "=== title" above): stray
> FAIL worse.t:2: x
>   worse.t:4: not a case line: junk
> 0 passed, 2 failed
? 1
