#!/bin/bash
# stores.sh - load rate and query latency of each store at fixed sizes.
#
# Loads the first documents of a generated corpus until the store holds
# about N quads (facts + provenance), for each size and each store, then
# runs every shipped query (queries/*.rq) several times and reports the
# median.  Writes a markdown table to standard output.
#
#   bench/stores.sh [--sizes "100000 1000000"] [--runs N] [--mysql SPEC]
#   environment: BENCH_OUT (bench/out), BENCH_CORPUS (a corpus directory,
#   default BENCH_OUT/corpus-10000, made by bench/run.sh or gen_corpus),
#   BENCH_QUERY_TIMEOUT (120), RK (the program).
#   --mysql SPEC adds the MariaDB store (tests/mariadb.sh start; spec).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
RK=${RK:-$top/src/reviewkg}
OUT=${BENCH_OUT:-$here/out}
CORPUS=${BENCH_CORPUS:-$OUT/corpus-10000}
SIZES="100000 1000000"
RUNS=3
MYSQL=""
TIMEOUT=${BENCH_QUERY_TIMEOUT:-120}
QUADS_PER_DOC_GUESS=155   # generated reviews: ~155 quads each, measured below

while [ $# -gt 0 ]; do
  case $1 in
    --sizes) SIZES=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --mysql) MYSQL=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "stores.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "stores.sh: $*" >&2; exit 2; }
[ -x "$RK" ] || die "$RK is not built: run make first"
[ -d "$CORPUS" ] || die "no corpus at $CORPUS: run bench/gen_corpus -n 10000 $CORPUS"
mkdir -p "$OUT/stores" || die "cannot create $OUT/stores"
now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) / 1e6 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }

# a directory of links to the first N documents, in the walk's order
subset() {
  local n=$1 dir=$OUT/stores/docs-$1
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    find "$CORPUS" -type f \( -name '*.txt' -o -name '*.html' \) | LC_ALL=C sort | head -n "$n" |
      awk -v d="$dir" '{ printf "%s\t%s/%06d-%s\n", $0, d, NR, gensub(/.*\//, "", 1) }' |
      while IFS=$'\t' read -r src dst; do ln -s "$src" "$dst"; done
    touch "$dir.done"
  fi
  echo "$dir"
}

stores=("sqlite")
[ -n "$MYSQL" ] && stores+=("mysql")
echo "| store | quads | load | load rate | $(for q in "$top"/queries/*.rq; do printf '%s | ' "$(basename "$q" .rq)"; done)"
echo "| --- | --- | --- | --- | $(for q in "$top"/queries/*.rq; do printf -- '--- | '; done)"
for size in $SIZES; do
  docs=$(( (size + QUADS_PER_DOC_GUESS - 1) / QUADS_PER_DOC_GUESS ))
  dir=$(subset "$docs")
  for kind in "${stores[@]}"; do
    if [ "$kind" = sqlite ]; then
      spec="sqlite:$OUT/stores/store-$size.db"
      rm -f "$OUT/stores/store-$size.db"*
    else
      spec="$MYSQL,model=bench$size"
    fi
    t0=$(now)
    "$RK" build -q -j 2 --store "$spec" -o - "$dir" 2>"$OUT/stores/err" || {
      echo "stores.sh: build into $kind failed:" >&2; tail -3 "$OUT/stores/err" >&2; continue; }
    t1=$(now)
    quads=$("$RK" stats --store "$spec" | awk '$1 == "triples" { print $2 }')
    load_ms=$(ms "$t0" "$t1")
    line="| $kind | $quads | $(awk -v m="$load_ms" 'BEGIN { printf "%.1f s", m / 1000 }') | $(awk -v q="$quads" -v m="$load_ms" 'BEGIN { printf "%.1fk quads/s", q / m }') (build, extraction included) |"
    for q in "$top"/queries/*.rq; do
      times=""
      for ((i = 0; i < RUNS; i++)); do
        t0=$(now)
        if ! timeout "$TIMEOUT" "$RK" query --store "$spec" -r tsv -q "$q" >/dev/null 2>&1; then
          times="timeout"
          break
        fi
        t1=$(now)
        times="$times $(ms "$t0" "$t1")"
      done
      if [ "$times" = timeout ]; then
        line="$line > ${TIMEOUT} s |"
      else
        line="$line $(echo $times | tr ' ' '\n' | median) ms |"
      fi
    done
    echo "$line"
  done
done
