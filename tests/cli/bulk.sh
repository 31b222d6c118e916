#!/bin/sh
# bulk.sh - the bulk sqlite write path (src/sqlload.c) makes the same
# Redland store as librdf's own statement-by-statement path: the same rows
# in the four tables, the same export, the same query answers through
# reviewkg and through stock rdfproc; reads through rk-sqlite
# (src/store_sqlite.c) answer as librdf's own module does; and reloading
# replaces reviews whichever path wrote them.
. "$top_srcdir/tests/cli/lib.sh"

docs="$SAMPLES $top_srcdir/tests/golden/extract"
QUERIES=$top_srcdir/queries

build() {  # build LOADER STORE: load $docs through LOADER (bulk or librdf)
  if [ "$1" = librdf ]; then
    REVIEWKG_SQLITE_LOADER=librdf "$RK" build -q --store "sqlite:$2" -o - $docs
  else
    "$RK" build -q --store "sqlite:$2" -o - $docs
  fi
}

# dump STORE: its quads, sorted (node ids may differ between stores)
dump() {
  "$RK" export --store "sqlite:$1" -f nquads | LC_ALL=C sort
}

expect_exit 0 "build through the bulk path" build bulk "$tmp/bulk.db"
expect_exit 0 "build through librdf" build librdf "$tmp/librdf.db"
dump "$tmp/bulk.db" >"$tmp/bulk.nq"
dump "$tmp/librdf.db" >"$tmp/librdf.nq"
n=$(wc -l <"$tmp/bulk.nq")
if [ "$n" -gt 1000 ] && cmp -s "$tmp/bulk.nq" "$tmp/librdf.nq"; then
  ok "both stores export the same $n quads"
else
  fail "the stores differ ($n quads in the bulk store)"
  diff "$tmp/bulk.nq" "$tmp/librdf.nq" | head -10 >&2
fi

# the same node rows: the bulk path must not add nodes librdf would not
for table in uris literals blanks triples; do
  a=$(sqlite3 "$tmp/bulk.db" "SELECT count(*) FROM $table")
  b=$(sqlite3 "$tmp/librdf.db" "SELECT count(*) FROM $table")
  if [ "$a" = "$b" ]; then ok "$table: $a rows in both"; else fail "$table: $a rows (bulk) vs $b (librdf)"; fi
done
a=$(sqlite3 "$tmp/bulk.db" "SELECT text, language, datatype IS NULL FROM literals ORDER BY 1, 2" | md5sum)
b=$(sqlite3 "$tmp/librdf.db" "SELECT text, language, datatype IS NULL FROM literals ORDER BY 1, 2" | md5sum)
if [ "$a" = "$b" ]; then ok "literal rows alike (text, language, datatype)"; else fail "literal rows differ"; fi

# the shipped queries answer the same from either store
for q in "$QUERIES"/*.rq; do
  name=$(basename "$q" .rq)
  "$RK" query --store "sqlite:$tmp/bulk.db" -r tsv -q "$q" | LC_ALL=C sort >"$tmp/q-bulk" 2>"$tmp/err"
  REVIEWKG_SQLITE_READER=librdf "$RK" query --store "sqlite:$tmp/librdf.db" -r tsv -q "$q" |
    LC_ALL=C sort >"$tmp/q-librdf" 2>>"$tmp/err"
  if [ -s "$tmp/q-bulk" ] && cmp -s "$tmp/q-bulk" "$tmp/q-librdf"; then
    ok "query $name: same $(wc -l <"$tmp/q-bulk") lines (bulk store via rk-sqlite, librdf store via librdf)"
  else
    fail "query $name differs between the stores"
  fi
done

# the patterns rk-sqlite must get right: every shape of bound parts, a
# literal with a language or a datatype, a graph bound or listed
P='PREFIX schema: <http://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>'
for sparql in \
  "$P SELECT ?s ?p ?o WHERE { ?s ?p ?o }" \
  "$P SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }" \
  "$P SELECT ?g WHERE { GRAPH ?g { ?s a schema:Review } }" \
  "$P SELECT ?s WHERE { ?s schema:name \"Rust and Bone\" }" \
  "$P SELECT ?s ?o WHERE { ?s schema:duration ?o }" \
  "$P SELECT ?s ?p WHERE { ?s ?p <http://schema.org/Movie> }" \
  "$P SELECT ?p ?o WHERE { <https://w3id.org/reviewkg/id/person/jacques-audiard> ?p ?o }" \
  "$P SELECT ?f ?n WHERE { ?f schema:name ?n ; schema:inLanguage ?l }" \
  "$P ASK { <https://w3id.org/reviewkg/id/person/jacques-audiard> a schema:Person }"; do
  "$RK" query --store "sqlite:$tmp/bulk.db" -r tsv "$sparql" 2>>"$tmp/err" | LC_ALL=C sort >"$tmp/p-rk"
  REVIEWKG_SQLITE_READER=librdf "$RK" query --store "sqlite:$tmp/bulk.db" -r tsv "$sparql" 2>>"$tmp/err" |
    LC_ALL=C sort >"$tmp/p-librdf"
  if [ -s "$tmp/p-rk" ] && cmp -s "$tmp/p-rk" "$tmp/p-librdf"; then
    ok "rk-sqlite = librdf: $(wc -l <"$tmp/p-rk") lines for ${sparql#"$P "}"
  else
    fail "rk-sqlite and librdf answer differently: ${sparql#"$P "}"
  fi
done

# a top-level DISTINCT is done by reviewkg (rasqal's is quadratic); with a
# LIMIT it stays rasqal's: both give the same rows in every format
for q in "$QUERIES"/*.rq; do
  name=$(basename "$q" .rq)
  sed 's/^ORDER BY \(.*\)$/ORDER BY \1\nLIMIT 1000000/' "$q" >"$tmp/limited.rq"
  for f in table csv tsv json xml; do
    "$RK" query --store "sqlite:$tmp/bulk.db" -r $f -q "$q" >"$tmp/d-ours.$f" 2>>"$tmp/err"
    "$RK" query --store "sqlite:$tmp/bulk.db" -r $f -q "$tmp/limited.rq" >"$tmp/d-rasqal.$f" 2>>"$tmp/err"
    case $f in
      json) python3 -c 'import json, sys
a, b = (json.load(open(p))["results"]["bindings"] for p in sys.argv[1:])
sys.exit(a != b or not a)' "$tmp/d-ours.json" "$tmp/d-rasqal.json" ;;
      xml) python3 -c 'import sys, xml.etree.ElementTree as E
a, b = ([E.tostring(r) for r in E.parse(p).getroot()[1]] for p in sys.argv[1:])
sys.exit(a != b or not a)' "$tmp/d-ours.xml" "$tmp/d-rasqal.xml" ;;
      *) [ -s "$tmp/d-ours.$f" ] && cmp -s "$tmp/d-ours.$f" "$tmp/d-rasqal.$f" ;;
    esac || fail "DISTINCT by hand differs from rasqal's: $name as $f"
  done
done
ok "DISTINCT by hand = rasqal's DISTINCT: every example query, every result format"

# rdfproc (stock librdf, not our code) reads the bulk store
if command -v rdfproc >/dev/null 2>&1; then
  a=$(rdfproc -s sqlite -t "" "$tmp/bulk.db" contexts 2>/dev/null | grep -c '^\[\|^<\|graph')
  b=$(rdfproc -s sqlite -t "" "$tmp/librdf.db" contexts 2>/dev/null | grep -c '^\[\|^<\|graph')
  if [ "$a" -gt 0 ] && [ "$a" = "$b" ]; then ok "rdfproc lists $a graphs in both"; else fail "rdfproc contexts: $a vs $b"; fi
  sparql='PREFIX schema: <http://schema.org/> SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n } ORDER BY ?n'
  rdfproc -s sqlite -t "" "$tmp/bulk.db" query sparql - "$sparql" 2>/dev/null >"$tmp/rp-bulk"
  rdfproc -s sqlite -t "" "$tmp/librdf.db" query sparql - "$sparql" 2>/dev/null >"$tmp/rp-librdf"
  if grep -q 'result' "$tmp/rp-bulk" && cmp -s "$tmp/rp-bulk" "$tmp/rp-librdf"; then
    ok "rdfproc answers alike ($(grep -c 'result' "$tmp/rp-bulk") rows)"
  else
    fail "rdfproc answers differ"
  fi
else
  ok "rdfproc absent: skipped its checks"
fi

# loading again is idempotent, and each path replaces what the other wrote
cp "$tmp/librdf.db" "$tmp/mixed.db"
expect_exit 0 "bulk reload over a librdf-built store" build bulk "$tmp/mixed.db"
expect_exit 0 "bulk reload over a bulk-built store" build bulk "$tmp/bulk.db"
expect_exit 0 "librdf reload over a bulk-built store" build librdf "$tmp/bulk.db"
for db in mixed bulk; do
  dump "$tmp/$db.db" >"$tmp/again.nq"
  if cmp -s "$tmp/again.nq" "$tmp/librdf.nq"; then ok "$db store unchanged by reloading"; else fail "$db store changed by reloading"; fi
done
a=$(sqlite3 "$tmp/bulk.db" "SELECT count(*) FROM triples")
if [ "$a" -eq "$n" ]; then ok "no duplicate rows after three loads ($a)"; else fail "$a rows after reloading, want $n"; fi
finish
