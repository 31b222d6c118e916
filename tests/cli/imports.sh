#!/bin/sh
# imports.sh - other RDF implementations take our output as it is: every
# format of the samples (and the ontology) is loaded into rapper (raptor),
# serdi, python3-rdflib, N3.js and Oxigraph, and they must agree on the
# number of statements and on who directed the films.  Parsers that stream
# (rapper, serdi, the N3.js parser) count every statement as written;
# stores (rdflib, the N3.js store, Oxigraph, reviewkg's own) count distinct
# ones.  Any difference is a bug in our output.  N3.js and Oxigraph come
# from npm into tests/.tools (.ci/run installs them; the folder is ignored
# by git) and are skipped when absent, as is rdflib when not installed.
. "$top_srcdir/tests/cli/lib.sh"

RAPPER=${RAPPER:-}
SERDI=${SERDI:-}
if [ -z "$RAPPER" ]; then
  echo "no rapper (the reference count): skipped"
  exit 77
fi

# python with rdflib: configure's python3 first, then Debian's
PY=
for p in ${PYTHON3:-} python3 /usr/bin/python3; do
  if "$p" -c 'import rdflib' >/dev/null 2>&1; then PY=$p; break; fi
done
[ -n "$PY" ] || echo "SKIP peer: python3-rdflib is not installed"
NODE_MODULES=$top_srcdir/tests/.tools/node_modules
NODE=
if command -v node >/dev/null 2>&1 && [ -d "$NODE_MODULES/n3" ] && [ -d "$NODE_MODULES/oxigraph" ]; then
  NODE=node
else
  echo "SKIP peers: N3.js and Oxigraph (no node, or nothing in tests/.tools: npm install --prefix tests/.tools n3 oxigraph)"
fi

FORMATS="turtle ntriples nquads rdfxml"
DIRECTORS="SELECT DISTINCT ?name WHERE { ?film <http://schema.org/director> ?d . ?d <http://schema.org/name> ?name }"
DIRECTORS_G="SELECT DISTINCT ?name WHERE { GRAPH ?g { ?film <http://schema.org/director> ?d . ?d <http://schema.org/name> ?name } }"

for fmt in $FORMATS; do
  expect_exit 0 "extract -f $fmt" "$RK" extract -q -f "$fmt" -o "$tmp/samples.$fmt" "$SAMPLES"
done
cp "$top_srcdir/ontology/reviewkg.ttl" "$tmp/ontology.turtle"

# compare WHAT GOT WANT: one line of the report
same() {
  if [ -n "$2" ] && [ "$2" = "$3" ]; then ok "$1: $2"; else fail "$1: $2, want $3"; fi
}

# ---- the reference: rapper's count as written, and as a set
raw_count() {  # FORMAT FILE
  "$RAPPER" -c -i "$1" "$2" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p'
}
set_count() {  # FORMAT FILE: distinct statements (quads for nquads)
  out=ntriples
  [ "$1" = nquads ] && out=nquads
  "$RAPPER" -q -i "$1" -o "$out" "$2" | LC_ALL=C sort -u | wc -l | tr -d ' '
}
for f in $FORMATS ontology; do
  fmt=$f file=$tmp/samples.$f
  [ "$f" = ontology ] && fmt=turtle file=$tmp/ontology.turtle
  eval "raw_$f=\$(raw_count $fmt \"\$file\")"
  eval "set_$f=\$(set_count $fmt \"\$file\")"
  eval "echo \"rapper: $f: \$raw_$f statements, \$set_$f distinct\""
done
[ "${set_ntriples:-0}" -gt 0 ] || fail "rapper reads no triples"

# ---- serdi (no RDF/XML reader)
if [ -n "$SERDI" ]; then
  for f in turtle ntriples nquads ontology; do
    fmt=$f file=$tmp/samples.$f
    [ "$f" = ontology ] && fmt=turtle file=$tmp/ontology.turtle
    n=$("$SERDI" -i "$fmt" -o nquads "$file" 2>"$tmp/err" | wc -l | tr -d ' ')
    [ -s "$tmp/err" ] && fail "serdi $f: $(head -2 "$tmp/err")"
    eval "same \"serdi $f statements\" \"\$n\" \"\$raw_$f\""
  done
else
  echo "SKIP peer: serdi is not installed"
fi

# ---- reviewkg's own store: the answer the others must give
expect_exit 0 "build a private store" "$RK" build -q --store "sqlite:$tmp/kg.db" -o - "$SAMPLES"
"$RK" query --store "sqlite:$tmp/kg.db" -r csv "$DIRECTORS_G" 2>"$tmp/err" | sed 1d | tr -d '\r"' \
  | LC_ALL=C sort | paste -sd'|' - >"$tmp/directors"
want_directors=$(cat "$tmp/directors")
case $want_directors in
  *"Jacques Audiard"*) ok "reviewkg: directors $want_directors" ;;
  *) fail "reviewkg: directors '$want_directors' lack Jacques Audiard" ;;
esac

# ---- rdflib: Graph for triples, Dataset for N-Quads; a SPARQL answer each
if [ -n "$PY" ]; then
  "$PY" - "$tmp" "$DIRECTORS" "$DIRECTORS_G" >"$tmp/rdflib.out" 2>"$tmp/rdflib.err" <<'EOF'
import sys
import rdflib
tmp, q, qg = sys.argv[1:4]
for name, fmt in (("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml"),
                  ("nquads", "nquads"), ("ontology", "turtle")):
    if fmt == "nquads":
        g = rdflib.Dataset()
        g.parse(f"{tmp}/samples.{name}", format=fmt)
        n = sum(1 for _ in g.quads((None, None, None, None)))
        rows = g.query(qg)
    else:
        g = rdflib.Graph()
        g.parse(f"{tmp}/{name}.turtle" if name == "ontology" else f"{tmp}/samples.{name}", format=fmt)
        n = len(g)
        rows = g.query(q)
    names = "|".join(sorted(str(r[0]) for r in rows))
    print(name, n, names, sep="\t")
EOF
  if [ $? -ne 0 ]; then
    fail "rdflib: $(tail -3 "$tmp/rdflib.err")"
  fi
  [ "$(wc -l <"$tmp/rdflib.out")" -eq 5 ] || fail "rdflib: not all five files were read"
  while IFS='	' read -r f n names; do
    eval "same \"rdflib $f statements\" \"\$n\" \"\$set_$f\""
    [ "$f" = ontology ] || same "rdflib $f directors" "$names" "$want_directors"
  done <"$tmp/rdflib.out"
fi

# ---- N3.js (parser and store) and Oxigraph (store and SPARQL)
if [ -n "$NODE" ]; then
  cat >"$tmp/peers.js" <<'EOF'
const fs = require("fs");
const [tmp, q, qg] = process.argv.slice(2);
const N3 = require("n3");
const ox = require("oxigraph");
const mime = { turtle: "text/turtle", ntriples: "application/n-triples",
               nquads: "application/n-quads", rdfxml: "application/rdf+xml" };
for (const name of ["turtle", "ntriples", "nquads", "rdfxml", "ontology"]) {
  const fmt = name === "ontology" ? "turtle" : name;
  const file = name === "ontology" ? `${tmp}/ontology.turtle` : `${tmp}/samples.${name}`;
  const text = fs.readFileSync(file, "utf8");
  if (fmt !== "rdfxml") {
    const n3fmt = { turtle: "Turtle", ntriples: "N-Triples", nquads: "N-Quads" }[fmt];
    const quads = new N3.Parser({ format: n3fmt }).parse(text);
    console.log(`n3-parser\t${name}\t${quads.length}`);
    console.log(`N3.js-store\t${name}\t${new N3.Store(quads).size}`);
  }
  const store = new ox.Store();
  store.load(text, { format: mime[fmt] });
  const rows = store.query(fmt === "nquads" ? qg : q);
  const names = rows.map((r) => r.get("name").value).sort().join("|");
  console.log(`oxigraph\t${name}\t${store.size}\t${names}`);
}
EOF
  if ! NODE_PATH=$NODE_MODULES "$NODE" "$tmp/peers.js" "$tmp" "$DIRECTORS" "$DIRECTORS_G" \
       >"$tmp/node.out" 2>"$tmp/node.err"; then
    fail "N3.js/Oxigraph: $(tail -3 "$tmp/node.err")"
  fi
  [ "$(wc -l <"$tmp/node.out")" -eq 13 ] || fail "N3.js/Oxigraph: not all files were read"
  while IFS='	' read -r peer f n names; do
    case $peer in
      n3-parser) eval "same \"N3.js parser $f statements\" \"\$n\" \"\$raw_$f\"" ;;
      *)         eval "same \"$peer $f statements\" \"\$n\" \"\$set_$f\"" ;;
    esac
    if [ "$peer" = oxigraph ] && [ "$f" != ontology ]; then
      # LC_ALL=C order, as the other answers
      names=$(printf '%s\n' "$names" | tr '|' '\n' | LC_ALL=C sort | paste -sd'|' -)
      same "oxigraph $f directors" "$names" "$want_directors"
    fi
  done <"$tmp/node.out"
fi
finish
