#!/bin/sh
# replay.sh - make check: run every fuzz target once over its seed corpus
# and over each crash kept in regressions/<target>/ (in libFuzzer builds
# as well as the ordinary ones, where the targets have a replay main).
# A regression input that fails again fails this test.
. "$top_srcdir/tests/cli/lib.sh"

fuzzdir=$top_srcdir/tests/fuzz
ran=0
for t in reader extract emit jsonld manifest; do
  bin=$top_builddir/tests/fuzz/fuzz_$t
  [ -x "$bin" ] || { fail "fuzz_$t is not built"; continue; }
  set --
  for d in "$fuzzdir/corpus/$t" "$fuzzdir/regressions/$t"; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  [ $# -gt 0 ] || continue
  # libFuzzer: -runs=0 runs the corpus directories once and stops;
  # the replay main skips the flags
  if "$bin" -runs=0 "$@" >"$tmp/out" 2>"$tmp/err"; then
    ok "fuzz_$t: $(find "$@" -type f | wc -l) input(s) replayed"
    ran=$((ran + 1))
  else
    fail "fuzz_$t fails on its corpus or regressions"
    tail -40 "$tmp/err" >&2
  fi
done
# regressions/open/<target>: crashes reported against code this test does
# not own; they are run and their state shown, but do not fail the test
# (move one to regressions/<target>/ once it is fixed)
for t in reader extract emit jsonld manifest; do
  bin=$top_builddir/tests/fuzz/fuzz_$t
  [ -d "$fuzzdir/regressions/open/$t" ] && [ -x "$bin" ] || continue
  for f in "$fuzzdir/regressions/open/$t"/*; do
    [ -f "$f" ] || continue
    if "$bin" "$f" >"$tmp/out" 2>"$tmp/err"; then
      echo "open regression passes in this build (once fixed, move it to regressions/$t/): $t/${f##*/}"
    else
      echo "open regression still fails: $t/${f##*/}: $(grep -a -m1 -E 'check failed|runtime error|ERROR' "$tmp/err" | cut -c1-160)"
    fi
  done
done
[ "$ran" -gt 0 ] || { echo "no fuzz target ran" >&2; exit 77; }
finish
