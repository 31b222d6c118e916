#!/bin/sh
# formats.sh - every output format of the samples parses with rapper and
# (where it reads the syntax) serdi, and N-Triples and Turtle hold the same
# triples.  Skipped when neither parser is installed.
. "$top_srcdir/tests/cli/lib.sh"

RAPPER=${RAPPER:-}
SERDI=${SERDI:-}
if [ -z "$RAPPER" ] && [ -z "$SERDI" ]; then
  echo "neither rapper nor serdi: skipped"
  exit 77
fi

for fmt in turtle ntriples nquads rdfxml dot; do
  expect_exit 0 "extract -f $fmt" "$RK" extract -f "$fmt" -o "$tmp/samples.$fmt" "$SAMPLES"
  [ -s "$tmp/samples.$fmt" ] || fail "$fmt: empty output"
  case $fmt in
    dot)
      expect_grep "$tmp/samples.dot" "^digraph" "dot: a digraph"
      continue ;;
  esac
  if [ -n "$RAPPER" ]; then
    if "$RAPPER" -q -c -i "$fmt" "$tmp/samples.$fmt" 2>"$tmp/err"; then
      ok "rapper reads $fmt"
    else
      fail "rapper cannot read $fmt: $(head -3 "$tmp/err")"
    fi
  fi
  if [ -n "$SERDI" ] && [ "$fmt" != rdfxml ]; then
    if "$SERDI" -i "$fmt" -o ntriples "$tmp/samples.$fmt" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
      ok "serdi reads $fmt"
    else
      fail "serdi cannot read $fmt: $(head -3 "$tmp/err")"
    fi
  fi
done

# N-Triples and Turtle both stream each review's triples (a person named
# in two reviews is stated twice): the same statements, in the same
# number, and as sets equal.
if [ -n "$RAPPER" ]; then
  count() {
    "$RAPPER" -c -i "$1" "$2" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p'
  }
  "$RAPPER" -q -i ntriples -o ntriples "$tmp/samples.ntriples" | LC_ALL=C sort -u >"$tmp/nt.set"
  "$RAPPER" -q -i turtle -o ntriples "$tmp/samples.turtle" | LC_ALL=C sort -u >"$tmp/ttl.set"
  n_nt=$(count ntriples "$tmp/samples.ntriples")
  n_ttl=$(count turtle "$tmp/samples.turtle")
  if [ "$n_nt" -gt 0 ] && [ "$n_nt" -eq "$n_ttl" ]; then
    ok "ntriples and turtle: $n_nt statements each"
  else
    fail "ntriples has $n_nt statements, turtle $n_ttl"
  fi
  if cmp -s "$tmp/nt.set" "$tmp/ttl.set"; then
    ok "ntriples and turtle: the same triples"
  else
    fail "ntriples and turtle differ:"
    diff "$tmp/nt.set" "$tmp/ttl.set" | head -10 >&2
  fi
  # N-Quads is the facts graphs plus the provenance graphs
  n_nq=$(count nquads "$tmp/samples.nquads")
  [ "$n_nq" -gt "$(wc -l <"$tmp/samples.ntriples")" ] && ok "nquads adds the provenance graphs" \
    || fail "nquads has $n_nq statements, not more than ntriples"
  # RDF/XML holds the same set as Turtle
  "$RAPPER" -q -i rdfxml -o ntriples "$tmp/samples.rdfxml" | LC_ALL=C sort -u >"$tmp/xml.set"
  cmp -s "$tmp/xml.set" "$tmp/ttl.set" && ok "rdfxml and turtle: the same triples" \
    || fail "rdfxml and turtle differ"
fi

# standard input, and --base
expect_exit 0 "extract from standard input" sh -c '"$1" extract -f ntriples - <"$2"' sh "$RK" "$SAMPLES/000.txt"
expect_grep "$tmp/out" "<http://schema.org/Review>" "standard input: a Review"
expect_exit 0 "extract --base" "$RK" extract -f ntriples --base "http://example.org/kg/" "$SAMPLES/000.txt"
expect_grep "$tmp/out" "^<http://example.org/kg/review/" "--base: IRIs under the base"
expect_no_grep "$tmp/out" "w3id.org/reviewkg/id/" "--base: no default IRIs"
finish
