#!/bin/sh
# manifest.sh - --manifest over copies of three samples: the manifest's
# critic, publication, url and date win over the page's; the review IRI
# comes from the url (stable across runs and edits of the file); provenance
# names the manifest's rules; TSV and JSON Lines agree; a bad manifest
# stops the run (exit 1, FILE:LINE) before anything is written; a rebuild
# of an edited document replaces its graph in the store.
. "$top_srcdir/tests/cli/lib.sh"

docs=$tmp/docs
mkdir "$docs" "$docs/more"
cp "$SAMPLES/000.txt" "$SAMPLES/001.txt" "$docs/"
cp "$SAMPLES/003.txt" "$docs/more/"
url=https://example.org/reviews/rust-and-bone
base=https://w3id.org/reviewkg/id
# the review IRI rk_review_id mints from a url: the first 16 hex digits of its SHA-256
id=$(printf '%s' "$url" | sha256sum | cut -c1-16)
review="<$base/review/$id>"

# paths are relative to the manifest's directory; 003 is not listed
printf 'critic\tpath\tpublication\turl\tdate\n# crawled 2024-05-01\n\nAda Lovelace\t000.txt\tThe Analytical Review\t%s\t2012-11-02\n\t001.txt\tFilm Weekly\t\t2013\n' \
  "$url" >"$docs/m.tsv"
printf '{"path": "000.txt", "url": "%s", "publication": "The Analytical Review", "critic": "Ada Lovelace", "date": "2012-11-02"}\n{"path": "001.txt", "publication": "Film Weekly", "critic": null}\n' \
  "$url" >"$docs/m.jsonl"

# without the manifest, the page's own critic and an IRI from its bytes
expect_exit 0 "extract without a manifest" "$RK" extract -q -f ntriples "$docs/000.txt"
cp "$tmp/out" "$tmp/plain.nt"
expect_grep "$tmp/plain.nt" "schema.org/author> <$base/person/dave-sewell>" "no manifest: the byline's critic"
expect_no_grep "$tmp/plain.nt" "$review" "no manifest: the IRI is not the url's"

# with it (run from elsewhere: the manifest's directory anchors the paths)
cd "$tmp" || exit 99
expect_exit 0 "extract with the TSV manifest" "$RK" extract -q -f ntriples --manifest "$docs/m.tsv" "$docs"
cp "$tmp/out" "$tmp/tsv.nt"
expect_grep "$tmp/tsv.nt" "^$review <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Review>" \
  "the review IRI comes from the url"
expect_grep "$tmp/tsv.nt" "^$review <http://schema.org/author> <$base/person/ada-lovelace> \\.\$" "the manifest's critic"
expect_no_grep "$tmp/tsv.nt" "schema.org/author> <$base/person/dave-sewell>" "the byline's critic is not a second author"
[ "$(grep -c "^$review <http://schema.org/author>" "$tmp/tsv.nt")" -eq 1 ] && ok "one critic" \
  || fail "$(grep -c "^$review <http://schema.org/author>" "$tmp/tsv.nt") critics, want 1"
expect_grep "$tmp/tsv.nt" "^$review <http://schema.org/publisher> <$base/org/analytical-review>" "the manifest's publication"
expect_no_grep "$tmp/tsv.nt" "org/socialist-worker" "the page's publication is not taken"
expect_grep "$tmp/tsv.nt" "^$review <http://schema.org/url> <$url>" "schema:url is the manifest's"
expect_grep "$tmp/tsv.nt" "^$review <http://schema.org/datePublished> \"2012-11-02\"" "the manifest's date"
expect_grep "$tmp/tsv.nt" "<http://schema.org/publisher> <$base/org/film-weekly>" "001: publication only"
expect_grep "$tmp/tsv.nt" "<http://schema.org/publisher> <$base/org/variety>" "003, not listed: its own publication"

# the same IRI on a second run, and after the file changes
expect_exit 0 "extract again" "$RK" extract -q -f ntriples --manifest "$docs/m.tsv" "$docs"
cmp -s "$tmp/out" "$tmp/tsv.nt" && ok "a second run: the same output" || fail "a second run differs"
cp "$docs/000.txt" "$tmp/000.orig"
echo "A paragraph the site added later." >>"$docs/000.txt"
expect_exit 0 "extract an edited document" "$RK" extract -q -f ntriples --manifest "$docs/m.tsv" "$docs/000.txt"
expect_grep "$tmp/out" "^$review <http://schema.org/author> <$base/person/ada-lovelace>" "edited: the same IRI"
expect_exit 0 "extract it without the manifest" "$RK" extract -q -f ntriples "$docs/000.txt"
if cmp -s "$tmp/out" "$tmp/plain.nt"; then fail "edited: the file did not change"; else ok "edited: without a manifest the IRI changes"; fi
cp "$tmp/000.orig" "$docs/000.txt"

# JSON Lines says the same; threads change nothing
expect_exit 0 "extract with the JSON Lines manifest" "$RK" extract -q -f ntriples --manifest "$docs/m.jsonl" "$docs"
cmp -s "$tmp/out" "$tmp/tsv.nt" && ok "JSON Lines and TSV agree" || fail "JSON Lines and TSV differ"
expect_exit 0 "extract -j 3" "$RK" extract -q -j 3 -f ntriples -m "$docs/m.tsv" "$docs"
cmp -s "$tmp/out" "$tmp/tsv.nt" && ok "-j 3: the same output" || fail "-j 3 differs"

# provenance names the manifest's rules, at confidence 1
expect_exit 0 "extract -f nquads" "$RK" extract -q -f nquads -m "$docs/m.tsv" "$docs/000.txt"
expect_grep "$tmp/out" "#manifest-critic-[0-9]*> <https://w3id.org/reviewkg/vocab#rule> \"manifest-critic\" <$base/graph/review/$id/prov>" \
  "provenance: manifest-critic"
expect_grep "$tmp/out" "#manifest-publication-[0-9]*> <https://w3id.org/reviewkg/vocab#rule> \"manifest-publication\"" \
  "provenance: manifest-publication"
expect_grep "$tmp/out" "#manifest-critic-[0-9]*> <http://www.w3.org/2005/11/its/rdf#taConfidence> \"1.00\"" \
  "provenance: confidence 1"
expect_no_grep "$tmp/out" '"metadata-author"\|"byline"' "provenance: no page rule for the critic"

# -v tells which documents the manifest does not list
expect_exit 0 "extract -v" "$RK" extract -q -v -f ntriples -m "$docs/m.tsv" "$docs"
expect_grep "$tmp/err" "more/003.txt: info: not in the manifest" "-v: 003 is not listed"
expect_no_grep "$tmp/err" "000.txt: info: not in the manifest" "-v: 000 is listed"

# a bad manifest: exit 1, FILE:LINE, nothing read or written
printf 'path\tdate\n000.txt\t2012-11-02\n001.txt\t02/11/2012\n' >"$docs/bad.tsv"
expect_exit 1 "a manifest with a bad date" "$RK" extract -q -f ntriples -m "$docs/bad.tsv" -o "$tmp/bad.nt" "$docs"
expect_grep "$tmp/err" "$docs/bad.tsv:3: error: date '02/11/2012' is not ISO 8601" "bad date: FILE:LINE"
expect_grep "$tmp/err" "manifest refused" "bad date: the run is refused"
[ -e "$tmp/bad.nt" ] && fail "bad manifest: output written" || ok "bad manifest: no output file"
expect_exit 1 "bad manifest to standard output" "$RK" extract -q -f ntriples -m "$docs/bad.tsv" "$docs"
[ -s "$tmp/out" ] && fail "bad manifest: something on standard output" || ok "bad manifest: nothing on standard output"
printf '{"path": "000.txt"}\n{"path": "001.txt", "url": "https://example.org/a b"}\n' >"$docs/bad.jsonl"
expect_exit 1 "a JSON Lines manifest with a bad url" "$RK" build -q -s "sqlite:$tmp/bad.db" -o "$tmp/bad.ttl" -m "$docs/bad.jsonl" "$docs"
expect_grep "$tmp/err" "bad.jsonl:2: error: url 'https://example.org/a b' contains a space" "bad url: FILE:LINE"
[ -e "$tmp/bad.db" ] || [ -e "$tmp/bad.ttl" ] && fail "bad manifest: build wrote a store or Turtle" \
  || ok "bad manifest: no store, no Turtle"
printf 'path\n000.txt\n./000.txt\n' >"$docs/dup.tsv"
expect_exit 1 "a manifest listing one file twice" "$RK" extract -q -m "$docs/dup.tsv" "$docs"
expect_grep "$tmp/err" "dup.tsv:3: error: .*same file" "duplicate: both lines named"
expect_exit 1 "a missing manifest" "$RK" extract -q -m "$docs/none.tsv" "$docs"
expect_grep "$tmp/err" "none.tsv: error: cannot read the manifest" "missing manifest: named"
expect_exit 2 "--manifest without a file" "$RK" extract -q "$docs" --manifest

# the store: an edited document replaces its review graph (its IRI is the url's)
store=sqlite:$tmp/kg.db
stat() {
  "$RK" stats --store "$1" 2>/dev/null | awk -v k="$2" '$1 == k { print $2 }'
}
expect_exit 0 "build with the manifest" "$RK" build -q -s "$store" -o "$tmp/kg.ttl" -m "$docs/m.tsv" "$docs"
[ "$(stat "$store" reviews)" = 3 ] && ok "build: 3 reviews" || fail "build: $(stat "$store" reviews) reviews, want 3"
expect_grep "$tmp/kg.ttl" "review/$id" "build: the Turtle has the url's IRI"
echo "A paragraph the site added later." >>"$docs/000.txt"
expect_exit 0 "rebuild the edited document" "$RK" build -q -s "$store" -o - -m "$docs/m.tsv" "$docs/000.txt"
[ "$(stat "$store" reviews)" = 3 ] && ok "rebuild: still 3 reviews (replaced)" \
  || fail "rebuild: $(stat "$store" reviews) reviews, want 3"
expect_exit 0 "export" "$RK" export -s "$store" -f nquads -o "$tmp/all.nq"
n=$(grep -c "^$review <http://schema.org/author>" "$tmp/all.nq")
[ "$n" -eq 1 ] && ok "rebuild: one author statement" || fail "rebuild: $n author statements, want 1"
# without the manifest the same edit would have added a review
store2=sqlite:$tmp/kg2.db
expect_exit 0 "build without a manifest" "$RK" build -q -s "$store2" -o - "$docs"
cp "$tmp/000.orig" "$docs/000.txt"
expect_exit 0 "rebuild without a manifest" "$RK" build -q -s "$store2" -o - "$docs/000.txt"
[ "$(stat "$store2" reviews)" = 4 ] && ok "no manifest: an edit makes a new review" \
  || fail "no manifest: $(stat "$store2" reviews) reviews, want 4"

# forget finds the review by the manifest's url
expect_exit 0 "forget with the manifest" "$RK" forget -s "$store" -m "$docs/m.tsv" "$docs/000.txt"
[ "$(stat "$store" reviews)" = 2 ] && ok "forget: 2 reviews" || fail "forget: $(stat "$store" reviews) reviews, want 2"

# the help tells of it
expect_exit 0 "extract --help" "$RK" extract --help
expect_grep "$tmp/out" "--manifest FILE" "extract --help: --manifest"
expect_exit 0 "build --help" "$RK" build --help
expect_grep "$tmp/out" "--manifest FILE" "build --help: --manifest"
finish
