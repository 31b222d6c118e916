#!/bin/sh
# run-fuzz.sh TARGET... - `make fuzz`: run each libFuzzer target for
# FUZZ_TIME seconds, FUZZ_JOBS targets at a time.  The seed corpus and
# regressions are read from the source tree; what libFuzzer adds goes to
# fuzz-corpus/<name>/ and crashes to fuzz-artifacts/<name>/ in the build
# tree; each target's log (with the final cov:/ft:/exec counts) is
# fuzz-<name>.log.  Exits 1 when a target found a crash.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
time=${FUZZ_TIME:-600}
jobs=${FUZZ_JOBS:-2}
fuzzdir=$top_srcdir/tests/fuzz
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_memcmp=0}
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

run_one() {
  bin=$1
  name=${bin##*/fuzz_}
  if ! "$bin" -help=1 2>&1 | grep -q libFuzzer; then
    echo "$bin is not linked with libFuzzer: configure with CC=clang --enable-fuzzing" >&2
    return 2
  fi
  mkdir -p "fuzz-corpus/$name" "fuzz-artifacts/$name"
  dict=
  [ -f "$fuzzdir/$name.dict" ] && dict=-dict=$fuzzdir/$name.dict
  set -- "fuzz-corpus/$name" "$fuzzdir/corpus/$name"
  [ -d "$fuzzdir/regressions/$name" ] && set -- "$@" "$fuzzdir/regressions/$name"
  "$bin" -max_total_time="$time" -timeout=30 -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="fuzz-artifacts/$name/" $dict "$@" \
    >"fuzz-$name.log" 2>&1
  rc=$?
  printf '%-8s exit %d  %s  %s\n' "$name" "$rc" \
    "$(grep -E '^#[0-9]+.*(DONE|cov:)' "fuzz-$name.log" | tail -1)" \
    "$(grep -E 'stat::number_of_executed_units' "fuzz-$name.log")"
  return $rc
}

cd "$top_builddir" || exit 2
status=0
pids=
n=0
for bin in "$@"; do
  case $bin in /*) ;; *) bin=$top_builddir/$bin ;; esac
  run_one "$bin" &
  pids="$pids $!"
  n=$((n + 1))
  # $jobs at a time: wait for the batch before starting the next
  if [ "$n" -ge "$jobs" ]; then
    for p in $pids; do wait "$p" || status=1; done
    pids=
    n=0
  fi
done
for p in $pids; do wait "$p" || status=1; done
find fuzz-artifacts -type f 2>/dev/null | grep -q . && { echo "crashes in fuzz-artifacts/:"; find fuzz-artifacts -type f; }
exit $status
