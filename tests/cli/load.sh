#!/bin/sh
# load.sh - `reviewkg load` takes back what `reviewkg export` wrote: the
# round trip keeps every quad and graph; loading again changes nothing; a
# graph in the file replaces the store's graph of that name; a file that is
# not N-Quads, or has a statement without a graph, leaves the store as it
# was and exits 1.
. "$top_srcdir/tests/cli/lib.sh"

"$RK" build -q --store "sqlite:$tmp/a.db" -o - "$SAMPLES" || { fail "build"; finish; }
"$RK" export --store "sqlite:$tmp/a.db" -f nquads -o "$tmp/a.nq"
LC_ALL=C sort "$tmp/a.nq" >"$tmp/a.sorted"
n=$(wc -l <"$tmp/a.nq")

expect_exit 0 "load an export into a new store" "$RK" load --store "sqlite:$tmp/b.db" "$tmp/a.nq"
expect_grep "$tmp/err" "$n quads loaded" "it says how many quads it loaded ($n)"
"$RK" export --store "sqlite:$tmp/b.db" -f nquads | LC_ALL=C sort >"$tmp/b.sorted"
if [ "$n" -gt 100 ] && cmp -s "$tmp/a.sorted" "$tmp/b.sorted"; then
  ok "the round trip keeps all $n quads and their graphs"
else
  fail "export → load → export differs"
  diff "$tmp/a.sorted" "$tmp/b.sorted" | head -5 >&2
fi
for q in "$top_srcdir"/queries/*.rq; do
  "$RK" query --store "sqlite:$tmp/a.db" -r tsv -q "$q" | LC_ALL=C sort >"$tmp/qa"
  "$RK" query --store "sqlite:$tmp/b.db" -r tsv -q "$q" | LC_ALL=C sort >"$tmp/qb"
  cmp -s "$tmp/qa" "$tmp/qb" || fail "$(basename "$q") answers differently after the round trip"
done
ok "the example queries answer alike on both stores"

expect_exit 0 "load the same file again (from standard input)" sh -c "\"$RK\" load -q --store sqlite:$tmp/b.db - <\"$tmp/a.nq\""
t=$("$RK" stats --store "sqlite:$tmp/b.db" | awk '$1 == "triples" { print $2 }')
if [ "$t" = "$n" ]; then ok "loading twice changes nothing ($t triples)"; else fail "$t triples after a second load, want $n"; fi

# a graph named in the file replaces the store's graph of that name
g=$(awk '{ print $NF == "." ? $(NF-1) : $NF }' "$tmp/a.nq" | grep -v '/prov>' | head -1)
grep -F " $g ." "$tmp/a.nq" | head -2 >"$tmp/part.nq"
expect_exit 0 "load two quads of one graph" "$RK" load -q --store "sqlite:$tmp/b.db" "$tmp/part.nq"
m=$("$RK" export --store "sqlite:$tmp/b.db" -f nquads | grep -cF " $g .")
if [ "$m" -eq 2 ]; then ok "the graph $g now holds just those 2 quads"; else fail "graph $g holds $m quads, want 2"; fi

# bad files: nothing of them is kept
cp "$tmp/b.db" "$tmp/before.db"
before=$("$RK" export --store "sqlite:$tmp/b.db" -f nquads | LC_ALL=C sort | md5sum)
{ head -50 "$tmp/a.nq"; echo '<http://example.org/s> <http://example.org/p> "unterminated .'; } >"$tmp/bad.nq"
expect_exit 1 "a file with a broken line" "$RK" load --store "sqlite:$tmp/b.db" "$tmp/bad.nq"
expect_grep "$tmp/err" "bad.nq" "the message names the file"
{ head -50 "$tmp/a.nq"; echo '<http://example.org/s> <http://example.org/p> "no graph" .'; } >"$tmp/nograph.nq"
expect_exit 1 "a statement without a graph" "$RK" load --store "sqlite:$tmp/b.db" "$tmp/nograph.nq"
expect_grep "$tmp/err" "outside a named graph" "the message says why"
expect_exit 1 "a file that is not there" "$RK" load --store "sqlite:$tmp/b.db" "$tmp/missing.nq"
after=$("$RK" export --store "sqlite:$tmp/b.db" -f nquads | LC_ALL=C sort | md5sum)
if [ "$before" = "$after" ]; then ok "the store is as it was after the three bad files"; else fail "a bad file changed the store"; fi
expect_exit 2 "load without a file is a usage error" "$RK" load --store "sqlite:$tmp/b.db"
finish
