#!/bin/sh
# valgrind.sh - the golden extractions and a build/query/stats/export/forget
# cycle run clean under valgrind memcheck: no invalid reads or writes, no
# use of uninitialised memory, no definite leaks (library faults are in
# tests/valgrind.supp).  Skipped without valgrind and in sanitizer builds
# (ASan and valgrind do not mix).
. "$top_srcdir/tests/cli/lib.sh"

command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed" >&2; exit 77; }
case "${SANITIZER_CFLAGS:-}" in
  *sanitize*) echo "built with sanitizers: valgrind does not apply" >&2; exit 77 ;;
esac

# 97: valgrind found something (reviewkg itself exits 0, 1 or 2)
VG="valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite
  --show-leak-kinds=definite --suppressions=$top_srcdir/tests/valgrind.supp"

# vg WANT DESCRIPTION ARGS...: reviewkg under valgrind; its report goes to
# $tmp/err with reviewkg's own messages
vg() {
  want=$1 desc=$2
  shift 2
  # shellcheck disable=SC2086
  expect_exit "$want" "valgrind: $desc" $VG "$RK" "$@"
  if grep -q '^==[0-9]*==' "$tmp/err"; then
    fail "valgrind: $desc: memcheck reported errors"
    grep '^==[0-9]*==' "$tmp/err" | head -40 >&2
  fi
}

# the golden extractions in one run (their output is the golden tests'
# business), and every output format of the samples, with provenance
vg 0 "extract the golden inputs" extract -q -f ntriples "$top_srcdir/tests/golden/extract"
[ -s "$tmp/out" ] && ok "valgrind: the golden inputs give triples" || fail "valgrind: no output"
vg 0 "extract -f nquads of the samples" extract -q -f nquads "$SAMPLES"
vg 0 "extract -f turtle --provenance of the samples" extract -q -f turtle --provenance "$SAMPLES"
vg 0 "extract -f rdfxml of one sample" extract -q -f rdfxml "$SAMPLES/000.txt"
vg 0 "extract -f dot of one sample" extract -q -f dot "$SAMPLES/000.txt"

# a refused document beside good ones: the error path is clean too
printf '\037\213\010\000\000\000\000\000\000\003' >"$tmp/bad.txt"
vg 1 "extract with a refused document" extract -q -f ntriples "$tmp/bad.txt" "$SAMPLES/000.txt"

# a manifest (TSV and JSON Lines) applied in worker threads, and a refused one
printf 'path\tcritic\tpublication\turl\tdate\n%s/000.txt\tAda Lovelace\tThe Analytical Review\thttps://example.org/r\t2012-11-02\n' \
  "$SAMPLES" >"$tmp/m.tsv"
printf '{"path": "%s/001.txt", "critic": "Grace Hopper", "x": [1]}\n' "$SAMPLES" >"$tmp/m.jsonl"
vg 0 "extract -j 2 with a TSV manifest" extract -q -j 2 -f nquads --manifest "$tmp/m.tsv" "$SAMPLES"
expect_grep "$tmp/out" '"manifest-critic"' "valgrind: the manifest was applied"
vg 0 "extract with a JSON Lines manifest" extract -q -f nquads --manifest "$tmp/m.jsonl" "$SAMPLES/001.txt"
printf 'path\tdate\n000.txt\tsoon\n000.txt\t\n' >"$tmp/bad.tsv"
vg 1 "extract with a refused manifest" extract -q --manifest "$tmp/bad.tsv" "$SAMPLES/000.txt"

# the store: build, query (SELECT, ASK, CONSTRUCT), stats, export, forget
store=sqlite:$tmp/kg.db
vg 0 "build" build -q --store "$store" -o "$tmp/kg.ttl" "$SAMPLES"
vg 0 "build again (replaces the graphs)" build -q --store "$store" -o - "$SAMPLES/001.txt"
vg 0 "query cast" query --store "$store" -q "$top_srcdir/queries/cast.rq"
vg 0 "query films-by-director as csv" query --store "$store" -r csv -q "$top_srcdir/queries/films-by-director.rq"
vg 0 "query critics-of-director as json" query --store "$store" -r json -q "$top_srcdir/queries/critics-of-director.rq"
vg 0 "query ASK" query --store "$store" 'ASK { ?r a <http://schema.org/Review> }'
vg 0 "query CONSTRUCT" query --store "$store" -r ntriples \
  'CONSTRUCT { ?f <http://schema.org/name> ?n } WHERE { ?f a <http://schema.org/Movie> ; <http://schema.org/name> ?n }'
vg 2 "a bad query" query --store "$store" 'SELECT WHERE {'
vg 0 "stats" stats --store "$store"
vg 0 "export nquads" export --store "$store" -f nquads -o "$tmp/all.nq"
vg 0 "forget" forget --store "$store" "$SAMPLES/002.txt"
finish
