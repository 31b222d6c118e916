#!/bin/sh
# explain.sh - `reviewkg explain` on a private store built from the
# samples: a name shows the entity's facts and the evidence behind them
# (source, rule, character offsets, confidence, the words quoted from the
# source document unless it changed); an IRI works as well; an unknown
# name or IRI exits 1; usage and store errors exit 2.
. "$top_srcdir/tests/cli/lib.sh"

store=sqlite:$tmp/kg.db
expect_exit 0 "explain --help" "$RK" explain --help
expect_grep "$tmp/out" "^Usage: reviewkg explain" "explain --help shows its usage"
expect_exit 0 "main help" "$RK" --help
expect_grep "$tmp/out" "^  explain " "main help lists explain"

expect_exit 0 "build the samples" "$RK" build -q --store "$store" -o - "$SAMPLES"

expect_exit 0 "explain a name" "$RK" explain --store "$store" "Marion Cotillard"
cp "$tmp/out" "$tmp/marion"
expect_grep "$tmp/marion" "^person/marion-cotillard  <https://w3id.org/reviewkg/id/person/marion-cotillard>" \
  "the entity's IRI"
expect_grep "$tmp/marion" "^  schema:name  *\"Marion Cotillard\"  *[0-9a-f]\{16\}$" "its name, with the review"
expect_grep "$tmp/marion" "^  rdf:type  *schema:Person " "its type"
expect_grep "$tmp/marion" "^  is schema:actor of  *film/rust-and-bone  " "the film it acts in"
expect_grep "$tmp/marion" "role/marion-cotillard--steph" "the role it plays"
# 000.txt: "Marion Cotillard plays Steph" at characters 301-329
expect_grep "$tmp/marion" \
  "^  [0-9a-f]\{16\}  .*data/samples/000.txt  *actor-plays-character  *301-329  *0\.85  *person/marion-cotillard  *\"Marion Cotillard plays Steph\"$" \
  "evidence: source, rule, offsets, confidence, the words"

expect_exit 0 "explain ignores case" "$RK" explain --store "$store" "marion COTILLARD"
cmp -s "$tmp/out" "$tmp/marion" && ok "the same answer" || fail "case changes the answer"
expect_exit 0 "explain an IRI" "$RK" explain --store "$store" "https://w3id.org/reviewkg/id/person/marion-cotillard"
cmp -s "$tmp/out" "$tmp/marion" && ok "the same answer by IRI" || fail "the IRI gives another answer"
expect_exit 0 "explain an alternate name" "$RK" explain --store "$store" "Audiard"
expect_grep "$tmp/out" "^person/jacques-audiard " "alternateName finds the director"
expect_grep "$tmp/out" "^  is schema:director of  *film/rust-and-bone " "the film he directed"

# a source document that changed since it was loaded is not quoted
cp "$SAMPLES/000.txt" "$tmp/000.txt"
expect_exit 0 "build a copy" "$RK" build -q --store "sqlite:$tmp/copy.db" -o - "$tmp/000.txt"
echo "appended later" >>"$tmp/000.txt"
expect_exit 0 "explain from the changed copy" "$RK" explain --store "sqlite:$tmp/copy.db" "Marion Cotillard"
expect_grep "$tmp/out" "  301-329  *0\.85  *person/marion-cotillard$" "changed source: offsets, no quote"

expect_exit 1 "explain an unknown name" "$RK" explain --store "$store" "Nobody At All"
[ -s "$tmp/out" ] && fail "unknown name: something printed" || ok "unknown name: nothing printed"
expect_grep "$tmp/err" "Nobody At All" "unknown name: named on stderr"
expect_exit 1 "explain an unknown IRI" "$RK" explain --store "$store" "https://w3id.org/reviewkg/id/person/nobody"
expect_exit 2 "explain without a NAME" "$RK" explain --store "$store"
expect_exit 2 "explain two NAMEs" "$RK" explain --store "$store" a b
expect_exit 2 "explain without a store" "$RK" explain --store "sqlite:$tmp/none.db" "Marion Cotillard"
finish
