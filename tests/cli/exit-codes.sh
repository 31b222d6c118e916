#!/bin/sh
# exit-codes.sh - 0 all fine; 1 some documents failed (and are named on
# standard error) while the others are still written; 2 usage, output or
# input limits from the command line: over the limit is a refused document
printf 'A Title\n\nThis line is longer than forty bytes, which the limit refuses.\n' >"$tmp/longline.txt"
expect_exit 1 "--max-line refuses a longer line" "$RK" extract -f ntriples --max-line 40 "$tmp/longline.txt"
expect_grep "$tmp/err" "longline.txt" "--max-line: the message names the file"
expect_exit 0 "--max-line above the line passes" "$RK" extract -f ntriples --max-line 4096 "$tmp/longline.txt"
printf '<html><body><div><div><div><div><p>Deep</p></div></div></div></div></body></html>' >"$tmp/deep.html"
expect_exit 1 "--max-depth refuses deeper HTML" "$RK" extract -f ntriples --max-depth 3 "$tmp/deep.html"
expect_exit 2 "--max-depth zero" "$RK" extract --max-depth 0 "$tmp/deep.html"

# store errors.
. "$top_srcdir/tests/cli/lib.sh"

good=$SAMPLES/000.txt
: >"$tmp/empty.txt"
echo "not a directory" >"$tmp/plain"

expect_exit 0 "one good document" "$RK" extract -f ntriples "$good"
expect_grep "$tmp/out" "<http://schema.org/Review>" "good document: a Review"
[ -s "$tmp/err" ] && fail "good document: something on standard error: $(head -1 "$tmp/err")"

expect_exit 1 "good + empty document" "$RK" extract -f ntriples "$good" "$tmp/empty.txt"
expect_grep "$tmp/err" "empty.txt" "empty document: named on standard error"
expect_grep "$tmp/out" "<http://schema.org/Review>" "good + empty: the good one is still written"

expect_exit 1 "empty document first" "$RK" extract -f ntriples "$tmp/empty.txt" "$good"
expect_grep "$tmp/out" "<http://schema.org/Review>" "empty + good: the run goes on"

expect_exit 1 "missing path" "$RK" extract -f ntriples "$tmp/no-such-review.txt"
expect_grep "$tmp/err" "no-such-review.txt" "missing path: named on standard error"
expect_exit 1 "good + missing path" "$RK" extract -f ntriples "$good" "$tmp/no-such-review.txt"
expect_grep "$tmp/out" "<http://schema.org/Review>" "good + missing: the good one is still written"

expect_exit 2 "bad -f" "$RK" extract -f jsonld "$good"
expect_grep "$tmp/err" "jsonld" "bad -f: the format is named"

# unwritable outputs: a missing directory two levels deep (reviewkg makes
# one missing level, so /nonexistent/x would be created when run as root),
# a path through a regular file, a full device
expect_exit 2 "-o in a missing directory" "$RK" extract -o "/nonexistent-reviewkg-test/sub/x.ttl" "$good"
expect_grep "$tmp/err" "nonexistent-reviewkg-test" "-o unwritable: named on standard error"
expect_exit 2 "-o through a regular file" "$RK" extract -o "$tmp/plain/x.ttl" "$good"
for fmt in turtle ntriples nquads rdfxml dot; do
  if [ -w /dev/full ]; then
    expect_exit 2 "-o /dev/full ($fmt)" "$RK" extract -f "$fmt" -o /dev/full "$good"
  fi
done
if [ -w /dev/full ]; then
  "$RK" extract -f ntriples "$SAMPLES" >/dev/full 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] && ok "standard output on /dev/full (exit 2)" || fail "standard output on /dev/full: exit $rc, want 2"
fi

# input limits from the command line: over the limit is a refused document
printf 'A Title\n\nThis line is longer than forty bytes, which the limit refuses.\n' >"$tmp/longline.txt"
expect_exit 1 "--max-line refuses a longer line" "$RK" extract -f ntriples --max-line 40 "$tmp/longline.txt"
expect_grep "$tmp/err" "longline.txt" "--max-line: the message names the file"
expect_exit 0 "--max-line above the line passes" "$RK" extract -f ntriples --max-line 4096 "$tmp/longline.txt"
printf '<html><body><div><div><div><div><p>Deep</p></div></div></div></div></body></html>' >"$tmp/deep.html"
expect_exit 1 "--max-depth refuses deeper HTML" "$RK" extract -f ntriples --max-depth 3 "$tmp/deep.html"
expect_exit 2 "--max-depth zero" "$RK" extract --max-depth 0 "$tmp/deep.html"

# store errors
expect_exit 2 "bad store spec" "$RK" build --store "nosuch:thing" -o "$tmp/kg.ttl" "$good"
expect_exit 2 "store in a missing directory" "$RK" build --store "sqlite:$tmp/plain/kg.db" -o "$tmp/kg.ttl" "$good"
expect_exit 2 "query: a missing query file" "$RK" query --store "sqlite:$tmp/kg.db" -q "$tmp/none.rq"
finish
