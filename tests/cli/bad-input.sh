#!/bin/sh
# bad-input.sh - documents reviewkg must refuse or repair: each gives its
# stated outcome, the refusal names the file, and the run goes on with the
# next document.
. "$top_srcdir/tests/cli/lib.sh"

in=$tmp/in
mkdir "$in"
review='Salt Orchard review

Directed by Corinne Vasquez-Hale

It is the kind of story that could drown in its own symbolism, and for a while it nearly does, but the performances keep it afloat.
'
# refused: PNG bytes, gzip bytes, a NUL in text, whitespace only
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000\000\020\000\000\000\020\010\006' >"$in/png.txt"
printf '\037\213\010\000\000\000\000\000\000\003\313\110\315\311\311\007\000' >"$in/gzip.txt"
printf 'Salt Orchard\000review\n' >"$in/nul.txt"
printf '  \n\t\n   \n' >"$in/blank.txt"
# repaired: Latin-1 bytes (invalid as UTF-8) are converted; UTF-16 with a BOM is decoded
printf 'Salt Orchard review\n\nDirected by Agn\350s Tolliver\n\nIt is the kind of story that could drown in its own symbolism, and for a while it nearly does.\n' >"$in/latin1.txt"
{ printf '\377\376'; printf '%s' "$review" | iconv -f UTF-8 -t UTF-16LE; } >"$in/utf16.txt"

for f in png gzip nul blank; do
  expect_exit 1 "$f.txt is refused" "$RK" extract -f ntriples "$in/$f.txt"
  expect_grep "$tmp/err" "$f.txt" "$f.txt: named on standard error"
  [ -s "$tmp/out" ] && fail "$f.txt: output for a refused document"
done

expect_exit 0 "latin1.txt is converted" "$RK" extract -f ntriples "$in/latin1.txt"
expect_grep "$tmp/out" "person/agnes-tolliver>" "latin1.txt: the accented name is read"
expect_grep "$tmp/out" '"Agn\\u00E8s Tolliver"' "latin1.txt: decoded as Latin-1"

expect_exit 0 "utf16.txt is decoded" "$RK" extract -f ntriples "$in/utf16.txt"
expect_grep "$tmp/out" "person/corinne-vasquez-hale>" "utf16.txt: the director is read"

# a directory with symbolic-link loops: not followed, the run finishes
dir=$tmp/tree
mkdir -p "$dir/sub"
cp "$SAMPLES/000.txt" "$dir/sub/review.txt"
ln -s . "$dir/loop"
ln -s .. "$dir/sub/up"
ln -s self.txt "$dir/self.txt"
expect_exit 1 "a directory with symlink loops" "$RK" extract -f ntriples "$dir"
n=$(grep -c '<http://schema.org/Review> \.$' "$tmp/out")
[ "$n" -eq 1 ] && ok "symlink loops: the review is read once" || fail "symlink loops: $n reviews, want 1"
expect_grep "$tmp/err" "self.txt" "symlink loop: the looping file is named"

# everything in one run, a good document last: it is still written
expect_exit 1 "bad documents then a good one" "$RK" extract -f ntriples \
  "$in/png.txt" "$in/gzip.txt" "$in/nul.txt" "$in/blank.txt" "$in/latin1.txt" "$in/utf16.txt" \
  "$SAMPLES/001.txt"
n=$(grep -c '<http://schema.org/Review> \.$' "$tmp/out")
[ "$n" -eq 3 ] && ok "the run goes on: 3 reviews" || fail "the run goes on: $n reviews, want 3"
for f in png gzip nul blank; do
  expect_grep "$tmp/err" "$f.txt" "one run: $f.txt named"
done
finish
