#!/bin/sh
# store-crash.sh - the store survives what a build can suffer:
#  - kill -9 at random points of `reviewkg build` (RK_CRASH_ITERATIONS
#    times, default 20): the store opens, answers queries and stats, passes
#    SQLite's integrity check, and holds each review wholly or not at all
#    (every graph present has exactly the triples of a clean build);
#  - two builds at once: the second fails at once with "locked" (exit 2),
#    while queries and stats still answer during the build;
#  - running out of space (ulimit -f): a clear error, exit 2, and the
#    store as it was before.
. "$top_srcdir/tests/cli/lib.sh"

iterations=${RK_CRASH_ITERATIONS:-20}
docs=$tmp/docs
mkdir "$docs"
# 200 small synthetic reviews, each with its own film, director, cast and critic
awk -v dir="$docs" 'BEGIN {
  split("Corinne Agnes Marcel Helena Tobias Ingrid Rafael Odile Teodor Mireille Haskell Simone Lucien Petra Anselm", F, " ")
  split("Vasquez Tolliver Brennan Okafor Marchetti Lind Duval Sorensen Achebe Kowalski Moreau Hartley Ferreira Lindqvist Abernathy", L, " ")
  split("Orchard Harbour Winter Lantern Meridian Threshold Cinder Estuary Parable Vigil", T, " ")
  for (i = 1; i <= 200; i++) {
    f = sprintf("%s/review-%03d.txt", dir, i)
    d = F[i % 15 + 1] " " L[int(i / 15) % 15 + 1]; a = F[(i * 7) % 15 + 1] " " L[(i * 11) % 15 + 1]
    c = F[(i * 5 + 3) % 15 + 1]; t = "The " T[i % 10 + 1] " of " L[(i * 3) % 15 + 1] " " i
    printf "%s review\n\nDirected by %s\n\nStarring %s as %s\n\nBy Pat Reviewer-%d\n\n%s follows %s through a season of small disasters, and %s gives the best performance of the year in a film that rewards patience more than most.\n", t, d, a, c, i, d, c, a > f
    close(f)
  }
}'

# graph_counts STORE-SPEC OUT: "triples graph" per graph, sorted, via N-Quads
graph_counts() {
  "$RK" export --store "$1" -f nquads -o "$tmp/export.nq" 2>"$tmp/export.err" || return 1
  awk '{ n[$(NF - 1)]++ } END { for (g in n) print n[g], g }' "$tmp/export.nq" | LC_ALL=C sort -k2 >"$2"
}

integrity() {
  command -v sqlite3 >/dev/null 2>&1 || return 0
  [ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" = ok ]
}

# ---- the reference: a clean build of the same documents, in small batches
ref=sqlite:$tmp/ref.db
start=$(date +%s)
expect_exit 0 "reference build" "$RK" build -q --batch 7 --store "$ref" -o - "$docs"
took=$(( $(date +%s) - start + 1 ))
graph_counts "$ref" "$tmp/ref.counts" || fail "reference export"
nref=$(grep -c '/prov>$' "$tmp/ref.counts")
[ "$nref" -eq 200 ] && ok "reference: 200 reviews, each with its provenance graph" ||
  fail "reference: $nref provenance graphs, want 200"

# ---- kill -9 at random points
corrupt=0 partial=0
i=1
while [ "$i" -le "$iterations" ]; do
  db=$tmp/crash.db
  rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
  # a delay in [0.05, took) seconds, different each time; the first six
  # step through the first 0.1 s, while the store is being created (a kill
  # there once left a half-made store no command could open)
  delay=$(awk -v s="$i$$" -v t="$took" -v i="$i" 'BEGIN { srand(s)
    if (i <= 6) printf "%.3f", 0.005 + 0.016 * i; else printf "%.2f", 0.05 + rand() * t }')
  "$RK" build -q --batch 7 --store "sqlite:$db" -o - "$docs" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  bad=
  rm -f "$tmp/got.counts"
  if [ -e "$db" ]; then
    integrity "$db" || bad="$bad integrity"
    "$RK" stats --store "sqlite:$db" >"$tmp/stats" 2>&1 || bad="$bad stats"
    "$RK" query --store "sqlite:$db" -r csv 'SELECT (COUNT(*) AS ?n) WHERE { ?r a <http://schema.org/Review> }' \
      >"$tmp/q" 2>&1 || bad="$bad query"
    if graph_counts "sqlite:$db" "$tmp/got.counts"; then
      # every graph present has the reference's count: no half review
      if ! awk 'NR == FNR { want[$2] = $1; next } !($2 in want) || want[$2] != $1 { exit 1 }' \
           "$tmp/ref.counts" "$tmp/got.counts"; then
        bad="$bad half-written-graph"
      fi
      # a review's two graphs come together
      facts=$(grep -vc '/prov>$' "$tmp/got.counts")
      provs=$(grep -c '/prov>$' "$tmp/got.counts")
      [ "$facts" -eq "$provs" ] || bad="$bad graphs-apart($facts/$provs)"
    else
      bad="$bad export"
    fi
    loaded=$(grep -c '/prov>$' "$tmp/got.counts" 2>/dev/null)
  else
    loaded=0
  fi
  loaded=${loaded:-0}
  [ "$loaded" -gt 0 ] && [ "$loaded" -lt 200 ] && partial=$((partial + 1))
  if [ -n "$bad" ]; then
    corrupt=$((corrupt + 1))
    fail "kill -9 #$i after ${delay}s: $bad"
  else
    ok "kill -9 #$i after ${delay}s: $loaded of 200 reviews, each whole"
  fi
  # the next build on the killed store finishes it (the lock died with the process)
  if [ "$i" -eq 1 ] && [ -e "$db" ]; then
    expect_exit 0 "build again after the kill" "$RK" build -q --store "sqlite:$db" -o - "$docs"
    graph_counts "sqlite:$db" "$tmp/got.counts" && cmp -s "$tmp/ref.counts" "$tmp/got.counts" &&
      ok "after the kill, a new build completes the store" || fail "the store after a rebuild differs"
  fi
  i=$((i + 1))
done
echo "kill -9: $iterations iterations, $partial partly loaded, $corrupt corrupted"
[ "$partial" -gt 0 ] || echo "note: no kill landed in the middle of a build this time"

# ---- two builds at once; queries during a build
# The first build is held open deterministically: after the 200 reviews it
# waits on a FIFO (open(2) blocks until a writer comes), holding the lock.
db=$tmp/conc.db
expect_exit 0 "first build" "$RK" build -q --store "sqlite:$db" -o - "$docs/review-001.txt"
mkfifo "$tmp/hold.txt" || { fail "cannot make a FIFO"; finish; }
"$RK" build -q --batch 3 --store "sqlite:$db" -o - "$docs" "$tmp/hold.txt" >"$tmp/a.out" 2>"$tmp/a.err" &
pid=$!
sleep 1
start=$(date +%s)
expect_exit 2 "a second build while one runs" "$RK" build -q --store "sqlite:$db" -o - "$docs/review-002.txt"
[ $(( $(date +%s) - start )) -le 5 ] && ok "the second build fails at once" || fail "the second build waited"
expect_grep "$tmp/err" "locked" "the second build says the store is locked"
expect_exit 0 "a query during the build" "$RK" query --store "sqlite:$db" -r csv \
  'SELECT (COUNT(*) AS ?n) WHERE { ?r a <http://schema.org/Review> }'
expect_exit 0 "stats during the build" "$RK" stats --store "sqlite:$db"
kill -0 "$pid" 2>/dev/null && ok "the first build was still running throughout" ||
  fail "the first build ended before the checks"
# let it finish (bounded: a build that died would leave no reader)
timeout 10 sh -c 'cat "$1" >"$2"' sh "$docs/review-001.txt" "$tmp/hold.txt" || fail "the first build did not read the FIFO"
wait "$pid" && ok "the first build finishes" || fail "the first build failed: $(head -3 "$tmp/a.err")"

# ---- out of space: the file-size limit stops the writes (EFBIG, not SIGXFSZ)
db=$tmp/full.db
expect_exit 0 "a store of 20 reviews" "$RK" build -q --store "sqlite:$db" -o - "$docs"/review-00*.txt "$docs"/review-01[0-9].txt
"$RK" stats --store "sqlite:$db" >"$tmp/stats.before" 2>&1
graph_counts "sqlite:$db" "$tmp/before.counts"
# 64 KiB: far less than the new reviews need; the limit is per file
(trap '' XFSZ; ulimit -f 128 2>/dev/null || exit 99; exec "$RK" build -q --store "sqlite:$db" -o - "$docs") \
  >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" -eq 99 ]; then
  echo "skip: cannot set a file-size limit"
else
  [ "$got" -eq 2 ] && ok "out of space: exit 2" || fail "out of space: exit $got, want 2"
  grep -Eqi 'full|too large|disk|space|I/O|cannot|rolled back' "$tmp/err" && ok "out of space: a clear error" ||
    fail "out of space: no clear error: $(head -3 "$tmp/err")"
  sed 's/^/  stderr: /' "$tmp/err" | head -5
  "$RK" stats --store "sqlite:$db" >"$tmp/stats.after" 2>&1
  cmp -s "$tmp/stats.before" "$tmp/stats.after" && ok "out of space: stats unchanged" ||
    fail "out of space: stats changed: $(cat "$tmp/stats.after")"
  graph_counts "sqlite:$db" "$tmp/after.counts"
  cmp -s "$tmp/before.counts" "$tmp/after.counts" && ok "out of space: every graph as before" ||
    fail "out of space: the graphs changed"
  integrity "$db" && ok "out of space: integrity check passes" || fail "out of space: integrity check fails"
fi
finish
