#!/bin/sh
# run-golden.sh - one golden test: extract CASE, sort the N-Triples and
# compare them with CASE's .expected.nt next to it.
#
# Usage: run-golden.sh CASE   (top_builddir names the build tree)
# With RK_GOLDEN_UPDATE=1 the expected file is rewritten instead; review
# that diff like code.  Exit 0 when equal, 1 on a difference or failure.
set -u

case_file=$1
top_builddir=${top_builddir:-.}
reviewkg=$top_builddir/src/reviewkg
expected=${case_file%.*}.expected.nt

if [ ! -f "$case_file" ]; then
  echo "run-golden.sh: no such case: $case_file" >&2
  exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rk-golden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

"$reviewkg" extract -q -f ntriples "$case_file" >"$tmp/raw.nt"
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "run-golden.sh: $case_file: reviewkg extract exited $rc" >&2
  exit 1
fi
LC_ALL=C sort "$tmp/raw.nt" >"$tmp/got.nt" || exit 1

if [ "${RK_GOLDEN_UPDATE:-0}" = 1 ]; then
  if [ -f "$expected" ] && cmp -s "$tmp/got.nt" "$expected"; then
    echo "unchanged: $expected"
  else
    cp "$tmp/got.nt" "$expected" || exit 1
    echo "updated: $expected"
  fi
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "run-golden.sh: $expected is missing (make golden-update writes it)" >&2
  exit 1
fi
diff -u "$expected" "$tmp/got.nt" || exit 1
exit 0
