#!/bin/sh
# help.sh - --help of the program and of every command, --version, and
# usage errors (unknown command or option: exit 2).
. "$top_srcdir/tests/cli/lib.sh"

expect_exit 0 "reviewkg --help" "$RK" --help
for cmd in extract build query forget stats export serve; do
  expect_grep "$tmp/out" "^  $cmd " "main help lists $cmd"
done
expect_grep "$tmp/out" "Exit status" "main help gives the exit status"

for cmd in extract build query forget stats export serve; do
  expect_exit 0 "reviewkg $cmd --help" "$RK" "$cmd" --help
  expect_grep "$tmp/out" "^Usage: reviewkg $cmd" "$cmd --help shows its usage"
  expect_exit 0 "reviewkg $cmd -h" "$RK" "$cmd" -h
  expect_grep "$tmp/out" "^Usage: reviewkg $cmd" "$cmd -h shows its usage"
  expect_exit 0 "reviewkg --help $cmd" "$RK" --help "$cmd"
  expect_grep "$tmp/out" "^Usage: reviewkg $cmd" "--help $cmd shows its usage"
done

expect_exit 0 "reviewkg --version" "$RK" --version
expect_grep "$tmp/out" "^reviewkg [0-9][0-9.]*" "--version prints the version"

expect_exit 2 "no command" "$RK"
expect_grep "$tmp/err" "no command" "no command: says so"
expect_exit 2 "unknown command" "$RK" frobnicate
expect_grep "$tmp/err" "frobnicate" "unknown command: named"
expect_exit 2 "unknown option of extract" "$RK" extract --frobnicate "$SAMPLES/000.txt"
expect_grep "$tmp/err" "frobnicate" "unknown option: named"
expect_exit 2 "unknown short option of stats" "$RK" stats -Z
expect_exit 2 "option missing its argument" "$RK" extract -f
expect_exit 2 "extract without a PATH" "$RK" extract
expect_exit 2 "build without a PATH" "$RK" build --store "sqlite:$tmp/kg.db" -o "$tmp/kg.ttl"
expect_exit 2 "query without a query" "$RK" query --store "sqlite:$tmp/kg.db"
expect_exit 2 "forget without an argument" "$RK" forget --store "sqlite:$tmp/kg.db"
expect_exit 2 "stats with an argument" "$RK" stats extra
expect_exit 2 "export to dot" "$RK" export -f dot --store "sqlite:$tmp/kg.db"
expect_exit 2 "--min-confidence out of range" "$RK" extract --min-confidence 1.5 "$SAMPLES/000.txt"
expect_exit 2 "--min-confidence not a number" "$RK" extract --min-confidence lots "$SAMPLES/000.txt"
expect_exit 2 "--max-bytes zero" "$RK" extract --max-bytes 0 "$SAMPLES/000.txt"
expect_exit 2 "--batch zero" "$RK" build --batch 0 --store "sqlite:$tmp/kg.db" -o "$tmp/kg.ttl" "$SAMPLES"
[ -e "$tmp/kg.db" ] && fail "a usage error created the store"
finish
