#!/bin/sh
# determinism.sh - the same inputs give byte-identical output, in every
# format, whether given as a directory or as files in that order.
. "$top_srcdir/tests/cli/lib.sh"

for fmt in turtle ntriples nquads rdfxml dot; do
  "$RK" extract -f "$fmt" -o "$tmp/a.$fmt" "$SAMPLES" 2>"$tmp/err" || fail "$fmt: first run failed"
  "$RK" extract -f "$fmt" -o "$tmp/b.$fmt" "$SAMPLES" 2>"$tmp/err" || fail "$fmt: second run failed"
  [ -s "$tmp/a.$fmt" ] || fail "$fmt: empty output"
  if cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt"; then ok "$fmt: identical"; else fail "$fmt: the two runs differ"; fi
done

"$RK" extract -f nquads -o "$tmp/c.nquads" "$SAMPLES"/000.txt "$SAMPLES"/001.txt "$SAMPLES"/002.txt \
  "$SAMPLES"/003.txt "$SAMPLES"/004.txt || fail "file list run failed"
cmp -s "$tmp/a.nquads" "$tmp/c.nquads" && ok "directory and file list: identical" \
  || fail "directory and file list differ"

"$RK" extract -f ntriples --provenance --min-confidence 0.5 -o "$tmp/d1.nt" "$SAMPLES" || fail "run with options failed"
"$RK" extract -f ntriples --provenance --min-confidence 0.5 -o "$tmp/d2.nt" "$SAMPLES" || fail "run with options failed"
cmp -s "$tmp/d1.nt" "$tmp/d2.nt" && ok "with --min-confidence: identical" || fail "with --min-confidence: differ"
finish
