# lib.sh - shared by the command-line tests (sourced, POSIX sh).
#
# Sets RK (the program), SAMPLES, a private temporary directory $tmp that
# is removed on exit, and small assertion helpers that count failures;
# a test ends with "finish".  Tests never write into $top_srcdir or output/.

set -u
: "${top_srcdir:?top_srcdir must be set (make check sets it)}"
: "${top_builddir:?top_builddir must be set (make check sets it)}"
RK=$top_builddir/src/reviewkg
SAMPLES=$top_srcdir/data/samples
failures=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rk-cli.XXXXXX") || { echo "cannot make a temporary directory" >&2; exit 99; }
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 99' HUP INT TERM
# work inside it, so that a default output path could only land there
cd "$tmp" || exit 99

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

ok() {
  echo "ok: $*"
}

# expect_exit WANT DESCRIPTION COMMAND...: run COMMAND with stdout in
# $tmp/out and stderr in $tmp/err; compare its exit status with WANT.
expect_exit() {
  want=$1 desc=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -eq "$want" ]; then
    ok "$desc (exit $got)"
  else
    fail "$desc: exit $got, want $want"
    sed 's/^/  stderr: /' "$tmp/err" | head -20 >&2
  fi
}

# expect_grep FILE PATTERN DESCRIPTION: FILE has a line matching PATTERN.
expect_grep() {
  if grep -q -e "$2" "$1"; then ok "$3"; else fail "$3: no '$2' in $(basename "$1")"; fi
}

# expect_no_grep FILE PATTERN DESCRIPTION
expect_no_grep() {
  if grep -q -e "$2" "$1"; then fail "$3: '$2' in $(basename "$1")"; else ok "$3"; fi
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  exit 0
}
