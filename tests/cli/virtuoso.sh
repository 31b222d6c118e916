#!/bin/sh
# virtuoso.sh - the export → tools/virtuoso-load.sh path: Virtuoso's bulk
# loader keeps every quad and graph of `reviewkg export -f nquads`, and
# films-by-director.rq answers there as it does on the store.  Skips (77)
# without virtuoso-t and isql-vt (Debian: virtuoso-opensource-7-bin).
. "$top_srcdir/tests/cli/lib.sh"

for t in virtuoso-t isql-vt; do
  command -v "$t" >/dev/null || { echo "SKIP: no $t (apt-get install virtuoso-opensource-7-bin)"; exit 77; }
done
LOAD=$top_srcdir/tools/virtuoso-load.sh
# a port of its own, so a parallel make check or a running server do not clash
port=${RK_VT_TEST_PORT:-$((52000 + $$ % 1000))}

expect_exit 2 "no file is a usage error" bash "$LOAD"
expect_exit 1 "a file that is not there" bash "$LOAD" --port "$port" "$tmp/missing.nq"
expect_grep "$tmp/err" "missing.nq" "the message names the file"

"$RK" build -q --store "sqlite:$tmp/kg.db" -o - "$SAMPLES" "$top_srcdir/tests/golden/extract" || { fail "build"; finish; }
"$RK" export --store "sqlite:$tmp/kg.db" -f nquads -o "$tmp/kg.nq"
quads=$(LC_ALL=C sort -u "$tmp/kg.nq" | wc -l)
graphs=$(awk '{ print $(NF-1) }' "$tmp/kg.nq" | LC_ALL=C sort -u | wc -l)

expect_exit 0 "bulk-load the export" bash "$LOAD" --dir "$tmp/vt" --port "$port" --keep "$tmp/kg.nq"
cat "$tmp/out"
pid=$(sed -n 's/^virtuoso-t \([0-9][0-9]*\) up on .*/\1/p' "$tmp/out")
[ -n "$pid" ] || { fail "no server pid in the output"; finish; }
# stop the kept server however the test ends
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
expect_grep "$tmp/out" "^virtuoso holds $quads quads in $graphs graphs" \
  "Virtuoso holds the export's $quads distinct quads in its $graphs graphs"

# same rows: Virtuoso runs the query as a derived table so that each row
# comes back as one tab-separated line
{
  printf 'select sprintf(%s, x."director", x."film") from (SPARQL\n' "'%s\t%s'"
  grep -v -e '^#' -e '^ORDER BY' "$top_srcdir/queries/films-by-director.rq"
  printf ') x;\n'
} >"$tmp/q.sql"
isql-vt "127.0.0.1:$port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF <"$tmp/q.sql" 2>"$tmp/isql.err" |
  sed '/^[[:space:]]*$/d' | LC_ALL=C sort >"$tmp/vt.tsv"
# TSV writes terms as SPARQL/Turtle does, non-ASCII as \uXXXX escapes, while
# isql prints UTF-8: decode the escapes before comparing the answers
"$RK" query --store "sqlite:$tmp/kg.db" -r tsv -q "$top_srcdir/queries/films-by-director.rq" |
  sed -e 1d -e 's/"//g' |
  perl -CS -pe 's/\\u([0-9A-Fa-f]{4})/chr(hex($1))/ge; s/\\U([0-9A-Fa-f]{8})/chr(hex($1))/ge' |
  LC_ALL=C sort >"$tmp/rk.tsv"
rows=$(wc -l <"$tmp/rk.tsv")
if [ "$rows" -gt 5 ] && [ ! -s "$tmp/isql.err" ] && cmp -s "$tmp/rk.tsv" "$tmp/vt.tsv"; then
  ok "films-by-director.rq: the same $rows rows from Virtuoso and from the store"
else
  fail "films-by-director.rq answers differently in Virtuoso"
  cat "$tmp/isql.err" >&2
  diff "$tmp/rk.tsv" "$tmp/vt.tsv" | head -10 >&2
fi

expect_exit 1 "a second server on the same port" bash "$LOAD" --port "$port" "$tmp/kg.nq"
expect_grep "$tmp/err" "in use" "the message says the port is in use"

kill "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then fail "the kept server did not stop"; else ok "the kept server stops on kill"; fi

# a broken line: the loader's message, exit 1
{ head -20 "$tmp/kg.nq"; echo '<http://example.org/s> <http://example.org/p> "unterminated .'; } >"$tmp/bad.nq"
expect_exit 1 "a file with a broken line" bash "$LOAD" --port "$port" "$tmp/bad.nq"
expect_grep "$tmp/err" "bad.nq: .*Unterminated" "the message gives the file and the reason"
finish
