#!/bin/sh
# ontology.sh - the ontology parses, every rkv: term it defines has an
# rdfs:label and an rdfs:comment, and every rkv: property reviewkg emits is
# defined there.
. "$top_srcdir/tests/cli/lib.sh"

ttl=$top_srcdir/ontology/reviewkg.ttl
RAPPER=${RAPPER:-}
ROQET=$(command -v roqet 2>/dev/null || true)

if [ -n "$RAPPER" ]; then
  if "$RAPPER" -q -c -i turtle "$ttl" 2>"$tmp/err"; then ok "the ontology parses"; else fail "the ontology does not parse: $(head -3 "$tmp/err")"; fi
fi

if [ -n "$ROQET" ]; then
  "$ROQET" -W 0 -q -r csv -D "$ttl" -e '
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?term WHERE {
      ?term ?p ?o .
      OPTIONAL { ?term rdfs:label ?label }
      OPTIONAL { ?term rdfs:comment ?comment }
      FILTER(REGEX(STR(?term), "^https://w3id.org/reviewkg/vocab#") && (!BOUND(?label) || !BOUND(?comment)))
    }' >"$tmp/missing" 2>"$tmp/err" || fail "roqet failed: $(head -3 "$tmp/err")"
  if grep -q 'vocab#' "$tmp/missing"; then
    fail "rkv: terms without rdfs:label or rdfs:comment:"
    grep 'vocab#' "$tmp/missing" >&2
  else
    ok "every rkv: term has a label and a comment (roqet)"
  fi
else
  # without roqet: each "rkv:term" block (up to its final '.') needs both
  awk '/^rkv:[A-Za-z]/ { term = $1; lab = 0; com = 0 }
       term && /rdfs:label/ { lab = 1 }
       term && /rdfs:comment/ { com = 1 }
       term && / \.$/ { if (!lab || !com) print term; term = "" }' "$ttl" >"$tmp/missing"
  if [ -s "$tmp/missing" ]; then fail "rkv: terms without label or comment: $(tr '\n' ' ' <"$tmp/missing")"; else ok "every rkv: term has a label and a comment (grep)"; fi
fi

# the rkv: predicates and classes of real output are all defined
expect_exit 0 "extract with provenance" "$RK" extract -f nquads "$SAMPLES"
grep -o '> <https://w3id.org/reviewkg/vocab#[A-Za-z0-9]*>' "$tmp/out" | sed 's/.*vocab#\([A-Za-z0-9]*\)>/\1/' | sort -u >"$tmp/used"
[ -s "$tmp/used" ] || fail "no rkv: predicate in the output"
while read -r term; do
  if grep -q "^rkv:$term\$" "$ttl"; then ok "rkv:$term is defined"; else fail "rkv:$term is used but not defined in the ontology"; fi
done <"$tmp/used"
finish
