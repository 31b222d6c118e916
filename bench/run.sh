#!/bin/bash
# run.sh - reviewkg's benchmark: extraction, writers, store and queries, with peers.
#
# Generates a deterministic corpus per size (bench/gen_corpus), times each
# step BENCH_RUNS times (median, min-max, peak RSS from GNU time) and runs
# the peers on the same triples: serdi and rapper (N-Triples -> Turtle),
# rdfproc (the same quads into the same kind of indexed sqlite store) and
# wink-nlp's NER (when npm can install it).  Writes bench/out/results.md.
#
#   bench/run.sh [--large] [--sizes "1000 10000"] [--runs N]
#   environment: BENCH_SIZES, BENCH_RUNS (3), BENCH_SLOW_RUNS (runs of the
#   store steps at >= 10k documents; 1), BENCH_JOBS (2), BENCH_OUT (bench/out),
#   BENCH_RDFPROC_MAX (quads rdfproc loads; 200000), BENCH_QUERY_TIMEOUT
#   (seconds before a query is stopped; 60), RK GEN EMIT (the programs),
#   BENCH_NO_NPM=1 (skip wink-nlp)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
RK=${RK:-$top/src/reviewkg}
OUT=${BENCH_OUT:-$here/out}
SIZES=${BENCH_SIZES:-1000 10000}
RUNS=${BENCH_RUNS:-3}
SLOW_RUNS=${BENCH_SLOW_RUNS:-1}
JOBS=${BENCH_JOBS:-2}
RDFPROC_MAX=${BENCH_RDFPROC_MAX:-200000}
QUERY_TIMEOUT=${BENCH_QUERY_TIMEOUT:-60}
TIME=/usr/bin/time

while [ $# -gt 0 ]; do
  case $1 in
    --large) SIZES="$SIZES 100000" ;;
    --sizes) SIZES=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "run.sh: $*" >&2; exit 2; }
[ -x "$RK" ] || die "$RK is not built: run make first"
[ -x "$TIME" ] || die "GNU time is missing (apt-get install time)"
mkdir -p "$OUT" || die "cannot create $OUT"
GEN=${GEN:-$top/bench/gen_corpus} EMIT=${EMIT:-$top/bench/emit_bench}
[ -x "$GEN" ] && [ -x "$EMIT" ] || die "build the tools first: make bench-tools (or run make bench)"
have() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------ measuring
# measure NAME RUNS CMD...: runs CMD RUNS times; sets med, lo, hi (seconds)
# and rss (KiB, the largest of the runs).  A failing command is reported.
measure() {
  local name=$1 n=$2 i t0 t1 m times="" r
  shift 2
  rss=0
  for ((i = 0; i < n; i++)); do
    [ -n "${BENCH_BEFORE:-}" ] && eval "$BENCH_BEFORE"
    t0=$(date +%s%N)
    "$TIME" -f %M -o "$OUT/rss" "$@" >/dev/null 2>"$OUT/err" || {
      echo "run.sh: $name failed:" >&2; tail -3 "$OUT/err" >&2; }
    t1=$(date +%s%N)
    times="$times $(( (t1 - t0) / 1000 ))"
    r=$(tail -1 "$OUT/rss"); [ "$r" -gt "$rss" ] 2>/dev/null && rss=$r
  done
  read -r med lo hi <<<"$(echo $times | tr ' ' '\n' | sort -n | awk '
    { v[NR] = $1 / 1e6 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }')"
}
fmt_t() { awk -v m="$med" -v l="$lo" -v h="$hi" -v n="$1" 'BEGIN {
  if (n > 1) printf "%.2f s (%.2f–%.2f)", m, l, h; else printf "%.2f s (1 run)", m }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
rate() { awk -v x="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", x / s; else print 0 }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "–" }'; }
human() { awk -v x="$1" 'BEGIN { if (x >= 1e6) printf "%.2fM", x / 1e6; else if (x >= 1e3) printf "%.1fk", x / 1e3; else printf "%d", x }'; }

row() { echo "| $1 | $2 | $3 | $4 |" >>"$RES"; }

# ------------------------------------------------------------ peers
WINK=""
if [ -z "${BENCH_NO_NPM:-}" ] && have node && have npm; then
  if [ ! -d "$here/node_modules/wink-eng-lite-web-model" ]; then
    (cd "$here" && npm install --no-save --no-package-lock --no-audit --no-fund --silent \
       wink-nlp wink-eng-lite-web-model >/dev/null 2>&1) || true
  fi
  [ -d "$here/node_modules/wink-eng-lite-web-model" ] && WINK=yes
fi
[ -n "$WINK" ] || echo "run.sh: wink-nlp unavailable (no npm or no registry): NLP peer skipped" >&2

RES=$OUT/results.md
{
  echo "# reviewkg benchmark"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
  echo "$("$RK" --version), -j $JOBS; $RUNS runs per step (store steps at ≥10k documents: $SLOW_RUNS);"
  echo "median time (min–max) and the largest peak RSS of the runs.  Peers: $(serdi -v 2>&1 | head -1 | awk '{ print $1, $2 }'),"
  echo "rapper $(rapper --version 2>/dev/null), rdfproc $(rdfproc --version 2>/dev/null)${WINK:+, wink-nlp $(node -p "require('$here/node_modules/wink-nlp/package.json').version" 2>/dev/null)}."
} >"$RES"

for N in $SIZES; do
  C=$OUT/corpus-$N
  if [ ! -f "$C.done" ]; then
    rm -rf "$C" "$C.text" "$C.html"
    "$GEN" -n "$N" "$C" 2>/dev/null || die "corpus generation failed"
    # text-only and HTML-only views of the same files, as hard links
    cp -al "$C" "$C.text" && cp -al "$C" "$C.html" || die "cannot link $C"
    find "$C.text" -name '*.html' -delete; find "$C.html" -name '*.txt' -delete
    touch "$C.done"
  fi
  bytes=$(find "$C" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  tbytes=$(find "$C.text" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  hbytes=$(find "$C.html" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  tdocs=$(find "$C.text" -type f | wc -l); hdocs=$(find "$C.html" -type f | wc -l)
  slow=$RUNS; [ "$N" -ge 10000 ] && slow=$SLOW_RUNS
  echo "run.sh: $N documents ($(mbps "$bytes" 1) MB) ..." >&2

  {
    echo
    echo "## $(human "$N") documents: $(mbps "$bytes" 1) MB ($tdocs text, $(mbps "$tbytes" 1) MB; $hdocs HTML, $(mbps "$hbytes" 1) MB)"
    echo
    echo "| step | time | throughput | peak RSS |"
    echo "| --- | --- | --- | --- |"
  } >>"$RES"

  # extraction, text and HTML, one and JOBS threads
  for kind in text html; do
    d=$C.$kind; b=$tbytes; n=$tdocs
    [ $kind = html ] && b=$hbytes n=$hdocs
    [ "$n" -gt 0 ] || continue
    for j in 1 $JOBS; do
      measure "extract $kind -j$j" "$RUNS" "$RK" extract -q -f ntriples -j "$j" -o /dev/null "$d"
      row "extract $kind -j$j → N-Triples" "$(fmt_t "$RUNS")" \
          "$(mbps "$b" "$med") MB/s, $(rate "$n" "$med") docs/s" "$(mib "$rss")"
      eval "x_${kind}_$j=$(mbps "$b" "$med") rss_${kind}_$j=$rss"
    done
  done

  # the whole corpus: N-Triples (the triples every peer gets) and Turtle
  NT=$OUT/all-$N.nt NQ=$OUT/all-$N.nq
  "$RK" extract -q -f ntriples -j "$JOBS" -o "$NT" "$C" 2>/dev/null
  "$RK" extract -q -f nquads -j "$JOBS" -o "$NQ" "$C" 2>/dev/null
  triples=$(wc -l <"$NT"); quads=$(wc -l <"$NQ")
  measure "extract all nt" "$RUNS" "$RK" extract -q -f ntriples -j "$JOBS" -o /dev/null "$C"
  row "extract all -j$JOBS → N-Triples ($(human "$triples") triples)" "$(fmt_t "$RUNS")" \
      "$(human "$(rate "$triples" "$med")") triples/s, $(mbps "$bytes" "$med") MB/s" "$(mib "$rss")"
  rss_all=$rss
  measure "extract all ttl" "$RUNS" "$RK" extract -q -f turtle -j "$JOBS" -o /dev/null "$C"
  row "extract all -j$JOBS → Turtle" "$(fmt_t "$RUNS")" "$(human "$(rate "$triples" "$med")") triples/s" "$(mib "$rss")"
  measure "extract all nq" "$RUNS" "$RK" extract -q -f nquads -j "$JOBS" -o /dev/null "$C"
  t_nq=$med
  row "extract all -j$JOBS → N-Quads with provenance ($(human "$quads") quads)" "$(fmt_t "$RUNS")" \
      "$(human "$(rate "$quads" "$med")") quads/s" "$(mib "$rss")"

  # writers alone, on triples already in memory, against the peers on the same file
  for syn in ntriples turtle; do
    w_rate=0 w_kib=0
    for ((i = 0; i < RUNS; i++)); do
      read -r _ s r k <<<"$("$EMIT" $syn "$NT" /dev/null 2>"$OUT/err")" || true
      [ -n "${r:-}" ] || { echo "run.sh: emit_bench $syn failed:" >&2; tail -3 "$OUT/err" >&2; }
      [ "${r:-0}" -gt "$w_rate" ] 2>/dev/null && w_rate=$r   # best of the runs: no noise from parsing
      w_kib=${k:-0}
    done
    eval "w_$syn=$w_rate wk_$syn=$w_kib"
    row "reviewkg writer alone: $syn" "–" "$(human "$w_rate") triples/s" "+$(mib "$w_kib") while writing"
  done
  if have serdi; then
    measure serdi-ttl "$RUNS" serdi -i ntriples -o turtle "$NT"
    serdi_ttl=$(rate "$triples" "$med") serdi_rss=$rss
    row "serdi N-Triples → Turtle (parse + write)" "$(fmt_t "$RUNS")" "$(human "$serdi_ttl") triples/s" "$(mib "$rss")"
    measure serdi-nt "$RUNS" serdi -i ntriples -o ntriples "$NT"
    serdi_nt=$(rate "$triples" "$med")
    row "serdi N-Triples → N-Triples (parse + write)" "$(fmt_t "$RUNS")" "$(human "$serdi_nt") triples/s" "$(mib "$rss")"
  fi
  if have rapper; then
    measure rapper-ttl "$RUNS" rapper -q -i ntriples -o turtle "$NT"
    rapper_ttl=$(rate "$triples" "$med") rapper_rss=$rss
    row "rapper N-Triples → Turtle (parse + write)" "$(fmt_t "$RUNS")" "$(human "$rapper_ttl") triples/s" "$(mib "$rss")"
  fi

  # the store: end-to-end build (Turtle + store), the store alone, and rdfproc
  DB=$OUT/store-$N.db
  BENCH_BEFORE="rm -f '$DB' '$DB'-* '$DB'.lock '$OUT/reviews-$N.ttl'"
  measure build "$slow" "$RK" build -q -j "$JOBS" -s "sqlite:$DB" -o "$OUT/reviews-$N.ttl" "$C"
  t_build=$med
  row "build -j$JOBS: Turtle + fresh sqlite store" "$(fmt_t "$slow")" "$(rate "$N" "$med") docs/s" "$(mib "$rss")"
  rss_build=$rss
  measure build-store "$slow" "$RK" build -q -j "$JOBS" -s "sqlite:$DB" -o - "$C"
  t_store=$med
  BENCH_BEFORE=""
  loaded=$("$RK" stats -s "sqlite:$DB" 2>/dev/null | awk '$1 == "triples" { print $2 }')
  row "build -j$JOBS: store only ($(human "${loaded:-0}") triples in the store)" "$(fmt_t "$slow")" \
      "$(rate "$N" "$t_store") docs/s" "$(mib "$rss")"
  # the store alone: the same quads, already extracted, into a fresh store
  LDB=$OUT/load-$N.db
  BENCH_BEFORE="rm -f '$LDB' '$LDB'-* '$LDB'.lock"
  measure load "$slow" "$RK" load -q -s "sqlite:$LDB" "$NQ"
  BENCH_BEFORE=""
  load_s=$med
  ours_load=$(rate "$quads" "$load_s")
  row "store load alone: reviewkg load of the N-Quads ($(human "$quads") quads) into a fresh store" \
      "$(fmt_t "$slow")" "$(human "$ours_load") quads/s" "$(mib "$rss")"
  rm -f "$LDB" "$LDB"-* "$LDB".lock
  if have rdfproc && have sqlite3; then
    RDB=$OUT/rdfproc-$N.db SUB=$OUT/rdfproc-$N.nq
    head -n "$RDFPROC_MAX" "$NQ" >"$SUB"; sub=$(wc -l <"$SUB")
    # the store as shared/notes/redland-stores/setup-sqlite.sh makes it: librdf's schema,
    # the three missing indexes and WAL
    BENCH_BEFORE="rm -f '$RDB' '$RDB'-*; rdfproc -n -q -s sqlite -t '' '$RDB' parse /dev/null ntriples >/dev/null 2>&1;
      sqlite3 '$RDB' 'CREATE INDEX IF NOT EXISTS literals_text ON literals(text); CREATE INDEX IF NOT EXISTS blanks_blank ON blanks(blank);
      CREATE INDEX IF NOT EXISTS triples_bp ON triples(subjectBlank, predicateUri); PRAGMA journal_mode=WAL;' >/dev/null"
    measure rdfproc "$slow" rdfproc -q -s sqlite -t "" "$RDB" parse-stream "$SUB" nquads
    BENCH_BEFORE=""
    rdfproc_load=$(rate "$sub" "$med")
    row "rdfproc parse-stream of the first $(human "$sub") quads (indexed WAL sqlite)" "$(fmt_t "$slow")" \
        "$(human "$rdfproc_load") quads/s" "$(mib "$rss")"
  fi

  # the shipped queries on the store the last build left; a query that
  # runs past BENCH_QUERY_TIMEOUT seconds is reported as such, not retried
  for q in "$top"/queries/*.rq; do
    qn=$(basename "$q" .rq)
    measure "query $qn" 1 timeout "$QUERY_TIMEOUT" "$RK" query -s "sqlite:$DB" -r tsv -q "$q"
    if awk -v m="$med" -v t="$QUERY_TIMEOUT" 'BEGIN { exit !(m >= t - 0.5) }'; then
      row "query $qn" "> $QUERY_TIMEOUT s (stopped)" "–" "$(mib "$rss")"
      continue
    fi
    [ "$RUNS" -gt 1 ] && measure "query $qn" "$RUNS" "$RK" query -s "sqlite:$DB" -r tsv -q "$q"
    row "query $qn" "$(awk -v m="$med" -v l="$lo" -v h="$hi" 'BEGIN { printf "%.0f ms (%.0f–%.0f)", m * 1000, l * 1000, h * 1000 }')" "–" "$(mib "$rss")"
  done

  # the NLP peer on the same text
  wink_mbps=""
  if [ -n "$WINK" ]; then
    read -r wb wd ws we <<<"$(NODE_PATH="$here/node_modules" node "$here/wink_ner.js" "$C.text" 8000000 2>/dev/null)"
    if [ -n "${ws:-}" ]; then
      wink_mbps=$(mbps "$wb" "$ws")
      row "wink-nlp NER, first $(mbps "$wb" 1) MB of the text ($wd docs, $we entities)" "${ws} s" \
          "$wink_mbps MB/s, $(rate "$wd" "$ws") docs/s" "–"
    fi
  fi

  {
    echo
    echo "| ratio ($(human "$N") documents) | measured | target |"
    echo "| --- | --- | --- |"
    [ -n "$wink_mbps" ] && echo "| extraction of text, one thread / wink-nlp NER | $(ratio "$x_text_1" "$wink_mbps") | ≥ 50× (≥ 50 MB/s per core) |"
    echo "| extraction of text, -j$JOBS / -j1 | $(ratio "$(eval echo "\${x_text_$JOBS:-0}")" "$x_text_1") | ≈ $JOBS× |"
    [ -n "${x_html_1:-}" ] && echo "| extraction of HTML, -j$JOBS / -j1 | $(ratio "$(eval echo "\${x_html_$JOBS:-0}")" "$x_html_1") | ≈ $JOBS× |"
    [ -n "${serdi_ttl:-}" ] && echo "| N-Triples writer / serdi N-Triples → Turtle | $(ratio "$w_ntriples" "$serdi_ttl") | ≥ 0.7× |"
    [ -n "${serdi_nt:-}" ] && echo "| N-Triples writer / serdi N-Triples → N-Triples | $(ratio "$w_ntriples" "$serdi_nt") | |"
    [ -n "${rapper_ttl:-}" ] && echo "| Turtle writer / rapper → Turtle | $(ratio "$w_turtle" "$rapper_ttl") | ≥ 1× |"
    [ -n "${rapper_rss:-}" ] && echo "| Turtle writer memory while writing / rapper's peak RSS | $(ratio "$wk_turtle" "$rapper_rss") | a fraction |"
    [ -n "${rdfproc_load:-}" ] && echo "| store load / rdfproc (stock librdf) | $(ratio "$ours_load" "$rdfproc_load") | ≥ 5× |"
    echo "| build time (Turtle + store) / store load time | $(ratio "$t_build" "$load_s") | ≤ 1.3× |"
    echo "| build time (store only) / store load time | $(ratio "$t_store" "$load_s") | |"
    echo "| peak RSS: extract all / build | $(mib "$rss_all") / $(mib "$rss_build") | flat from 1k to 100k / sub-linear |"
  } >>"$RES"
done

cat "$RES"
