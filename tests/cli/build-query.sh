#!/bin/sh
# build-query.sh - build the samples into a private sqlite store, count
# them, build again (idempotent), run every example query in every result
# format, forget a review, export.
. "$top_srcdir/tests/cli/lib.sh"

store=sqlite:$tmp/kg.db
RAPPER=${RAPPER:-}
PYTHON3=${PYTHON3:-}

# stat NAME: the count `reviewkg stats` gives for NAME
stat() {
  "$RK" stats --store "$store" 2>/dev/null | awk -v k="$1" '$1 == k { print $2 }'
}

expect_exit 0 "build the samples" "$RK" build -q --store "$store" -o "$tmp/kg.ttl" "$SAMPLES"
[ -s "$tmp/kg.ttl" ] && ok "build wrote Turtle" || fail "build wrote no Turtle"
if [ -n "$RAPPER" ]; then
  "$RAPPER" -q -c -i turtle "$tmp/kg.ttl" 2>"$tmp/err" && ok "the Turtle parses" || fail "the Turtle does not parse: $(head -2 "$tmp/err")"
fi
expect_exit 0 "stats" "$RK" stats --store "$store"
for k in reviews films people outlets triples; do
  expect_grep "$tmp/out" "^$k	[0-9][0-9]*\$" "stats: $k"
done
[ "$(stat reviews)" = 5 ] && ok "stats: 5 reviews" || fail "stats: $(stat reviews) reviews, want 5"
triples=$(stat triples)
# the finished store is one file: the WAL is checkpointed into kg.db and
# removed, so a copy of kg.db alone holds every triple
[ ! -s "$tmp/kg.db-wal" ] && ok "build left no unmerged WAL" || fail "build left kg.db-wal ($(wc -c <"$tmp/kg.db-wal") bytes)"
mkdir "$tmp/copy" && cp "$tmp/kg.db" "$tmp/copy/kg.db"
[ "$("$RK" stats --store "sqlite:$tmp/copy/kg.db" 2>/dev/null | awk '$1 == "triples" { print $2 }')" = "$triples" ] \
  && ok "a copy of kg.db alone holds all $triples triples" || fail "a copy of kg.db alone lacks triples"

# loading the same documents again replaces their graphs
expect_exit 0 "build the samples again" "$RK" build -q --store "$store" -o "$tmp/kg2.ttl" "$SAMPLES"
[ "$(stat reviews)" = 5 ] && ok "again: 5 reviews" || fail "again: $(stat reviews) reviews, want 5"
[ "$(stat triples)" = "$triples" ] && ok "again: $triples triples (idempotent)" \
  || fail "again: $(stat triples) triples, want $triples"
cmp -s "$tmp/kg.ttl" "$tmp/kg2.ttl" && ok "again: the same Turtle" || fail "again: the Turtle differs"

# every example query in every result format
for rq in "$top_srcdir"/queries/*.rq; do
  name=$(basename "$rq" .rq)
  for fmt in table csv tsv json xml; do
    expect_exit 0 "query $name -r $fmt" "$RK" query --store "$store" -r "$fmt" -q "$rq"
    cp "$tmp/out" "$tmp/$name.$fmt"
    [ -s "$tmp/$name.$fmt" ] || fail "$name -r $fmt: no output at all"
  done
  if [ -n "$PYTHON3" ]; then
    "$PYTHON3" -c 'import json, sys; d = json.load(open(sys.argv[1])); assert "results" in d' "$tmp/$name.json" 2>"$tmp/err" \
      && ok "$name: JSON results parse" || fail "$name: JSON results do not parse: $(tail -1 "$tmp/err")"
  fi
  expect_grep "$tmp/$name.xml" "<sparql" "$name: XML results"
done
# what the samples say: Jacques Audiard directed Rust and Bone, and so on
expect_grep "$tmp/films-by-director.tsv" 'Jacques Audiard.*Rust and Bone' "films-by-director: Audiard, Rust and Bone"
expect_grep "$tmp/films-by-director.csv" 'Jacques Audiard,Rust and Bone' "films-by-director: csv row"
expect_grep "$tmp/cast.tsv" 'Rust and Bone.*Marion Cotillard.*Steph' "cast: Marion Cotillard plays Steph"
expect_grep "$tmp/cast.tsv" 'Rust and Bone.*Matthias Schoenaerts.*Ali' "cast: Matthias Schoenaerts plays Ali"
expect_grep "$tmp/critic-films.tsv" 'Rust and Bone' "critic-films: a critic of Rust and Bone"
expect_grep "$tmp/critics-of-director.tsv" 'Jacques Audiard' "critics-of-director: Audiard"
expect_grep "$tmp/reviews-per-publication.tsv" 'Variety' "reviews-per-publication: Variety"

# an inline query, ASK, CONSTRUCT, and a bad query
expect_exit 0 "inline SELECT" "$RK" query --store "$store" -r csv \
  'SELECT (COUNT(*) AS ?n) WHERE { ?r a <http://schema.org/Review> }'
expect_grep "$tmp/out" '^5' "inline SELECT: 5 reviews"
expect_exit 0 "CONSTRUCT as Turtle" "$RK" query --store "$store" -r turtle \
  'CONSTRUCT { ?f <http://schema.org/name> ?n } WHERE { ?f a <http://schema.org/Movie> ; <http://schema.org/name> ?n }'
expect_grep "$tmp/out" "Rust and Bone" "CONSTRUCT: the film's name"
if [ -n "$RAPPER" ]; then
  "$RAPPER" -q -c -i turtle "$tmp/out" 2>/dev/null && ok "CONSTRUCT Turtle parses" || fail "CONSTRUCT Turtle does not parse"
fi
expect_exit 2 "a bad query" "$RK" query --store "$store" "SELEKT nothing"
expect_exit 2 "a query and -q" "$RK" query --store "$store" -q "$top_srcdir/queries/cast.rq" "SELECT * {}"

# export: N-Quads keeps the graphs
expect_exit 0 "export nquads" "$RK" export --store "$store" -f nquads -o "$tmp/all.nq"
expect_grep "$tmp/all.nq" '<https://w3id.org/reviewkg/id/graph/review/[0-9a-f]\{16\}> \.$' "export: facts graphs"
expect_grep "$tmp/all.nq" '<https://w3id.org/reviewkg/id/graph/review/[0-9a-f]\{16\}/prov> \.$' "export: provenance graphs"
n=$(sed -n 's/.*<\(https:\/\/w3id.org\/reviewkg\/id\/graph\/review\/[0-9a-f]*\)> \.$/\1/p' "$tmp/all.nq" | sort -u | wc -l)
[ "$n" -eq 5 ] && ok "export: 5 facts graphs" || fail "export: $n facts graphs, want 5"
[ "$(wc -l <"$tmp/all.nq")" -eq "$triples" ] && ok "export: $triples statements" \
  || fail "export: $(wc -l <"$tmp/all.nq") statements, stats says $triples"
if [ -n "$RAPPER" ]; then
  "$RAPPER" -q -c -i nquads "$tmp/all.nq" 2>/dev/null && ok "export nquads parses" || fail "export nquads does not parse"
  for fmt in ntriples turtle; do
    expect_exit 0 "export $fmt" "$RK" export --store "$store" -f "$fmt" -o "$tmp/all.$fmt"
    "$RAPPER" -q -c -i "$fmt" "$tmp/all.$fmt" 2>/dev/null && ok "export $fmt parses" || fail "export $fmt does not parse"
  done
fi

# forget: by document path, then by graph IRI; forgetting twice is exit 1
expect_exit 0 "forget a sample by path" "$RK" forget --store "$store" "$SAMPLES/001.txt"
[ "$(stat reviews)" = 4 ] && ok "forget: 4 reviews" || fail "forget: $(stat reviews) reviews, want 4"
expect_exit 1 "forget it again" "$RK" forget --store "$store" "$SAMPLES/001.txt"
expect_grep "$tmp/err" "001.txt" "forget again: the path is named"
graph=$(sed -n 's/.*<\(https:\/\/w3id.org\/reviewkg\/id\/graph\/review\/[0-9a-f]*\)> \.$/\1/p' "$tmp/all.nq" | sort -u | head -1)
expect_exit 0 "forget by graph IRI" "$RK" forget --store "$store" "$graph"
[ "$(stat reviews)" = 3 ] && ok "forget by IRI: 3 reviews" || fail "forget by IRI: $(stat reviews) reviews, want 3"
expect_exit 0 "export after forgetting" "$RK" export --store "$store" -f nquads -o "$tmp/after.nq"
expect_no_grep "$tmp/after.nq" "<$graph>" "forgotten graph is gone"
expect_no_grep "$tmp/after.nq" "<$graph/prov>" "forgotten provenance graph is gone"

# building again brings them back, to the same count
expect_exit 0 "build the samples a third time" "$RK" build -q --store "$store" -o - "$SAMPLES"
[ "$(stat reviews)" = 5 ] && ok "rebuilt: 5 reviews" || fail "rebuilt: $(stat reviews) reviews, want 5"
[ "$(stat triples)" = "$triples" ] && ok "rebuilt: $triples triples" || fail "rebuilt: $(stat triples) triples, want $triples"
finish
