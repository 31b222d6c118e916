#!/bin/sh
# progress.sh - `build` and `extract` show progress (documents done of the
# total, rate, ETA) on a terminal's stderr, and nothing when stderr is not
# a terminal or with --quiet.  script(1) provides the terminal.
. "$top_srcdir/tests/cli/lib.sh"

if ! command -v script >/dev/null 2>&1; then
  echo "script(1) absent: skipped"
  exit 77
fi
n=$(ls "$SAMPLES" | grep -c '\.\(txt\|html\)$')

# on a terminal: "N/TOTAL documents ... ETA h:mm:ss" while it runs, a summary at the end
script -qec "\"$RK\" build --store sqlite:$tmp/tty.db -o $tmp/tty.ttl \"$SAMPLES\"" /dev/null \
  >"$tmp/tty.out" 2>&1
tr '\r' '\n' <"$tmp/tty.out" >"$tmp/tty"
expect_grep "$tmp/tty" "^reviewkg: [0-9]*/$n documents (0 failed), [0-9.]* docs/s, .*ETA [0-9]*:[0-9][0-9]:[0-9][0-9]" \
  "a terminal sees documents done of $n, rate and ETA"
expect_grep "$tmp/tty" "^reviewkg: $n documents (0 failed)" "and a summary line at the end"

script -qec "\"$RK\" build -q --store sqlite:$tmp/q.db -o $tmp/q.ttl \"$SAMPLES\"" /dev/null >"$tmp/q.out" 2>&1
expect_no_grep "$tmp/q.out" "documents" "--quiet: no progress on a terminal"

expect_exit 0 "build with stderr to a file" "$RK" build --store "sqlite:$tmp/f.db" -o "$tmp/f.ttl" "$SAMPLES"
expect_no_grep "$tmp/err" "documents" "no progress when stderr is not a terminal"
finish
