#!/bin/sh
# hostile-input.sh - inputs built to break a reader, beyond bad-input.sh:
# each has its stated outcome; a refusal names the file and exits 1 while
# the run goes on with the next document; what is refused never reaches
# the store; and nothing reads a huge file into memory.
. "$top_srcdir/tests/cli/lib.sh"

in=$tmp/in
mkdir "$in"
review='Salt Orchard review

Directed by Corinne Vasquez-Hale

It is the kind of story that could drown in its own symbolism, and for a while it nearly does, but the performances keep it afloat.
'
body='<h1>Salt Orchard review</h1><p>Directed by Corinne Vasquez-Hale</p><p>It is the kind of story that could drown in its own symbolism, and for a while it nearly does, but the performances keep it afloat.</p>'

# rss_of KB-LIMIT DESCRIPTION COMMAND...: like expect_exit 1, and the peak
# resident size stays under KB-LIMIT (when /usr/bin/time is there)
refused_within() {
  limit=$1 desc=$2
  shift 2
  if [ -x /usr/bin/time ]; then
    expect_exit 1 "$desc" /usr/bin/time -f 'rk-rss-kb=%M' -o "$tmp/rss" "$@"
    kb=$(sed -n 's/^rk-rss-kb=//p' "$tmp/rss")
    if [ -n "$kb" ] && [ "$kb" -lt "$limit" ]; then
      ok "$desc: peak RSS $kb kB"
    else
      fail "$desc: peak RSS ${kb:-?} kB, limit $limit kB"
    fi
  else
    expect_exit 1 "$desc" "$@"
  fi
}

# ---- refused: exit 1, the file named ----
# UTF-16 without a byte-order mark: NUL bytes, so not taken for text
printf '%s' "$review" | iconv -f UTF-8 -t UTF-16LE >"$in/utf16-nobom.txt"
expect_exit 1 "UTF-16 without a BOM is refused" "$RK" extract -f ntriples "$in/utf16-nobom.txt"
expect_grep "$tmp/err" "utf16-nobom.txt.*UTF-16 without a byte-order mark" "UTF-16 without a BOM: named, with the reason"

# 200 MB: a sparse file is refused by its size before a byte is read
truncate -s 200M "$in/huge.txt" 2>/dev/null || dd if=/dev/zero of="$in/huge.txt" bs=1 count=0 seek=200M 2>/dev/null
refused_within 65536 "a 200 MB file is refused" "$RK" extract -f ntriples "$in/huge.txt"
expect_grep "$tmp/err" "huge.txt: error: the file is 209715200 bytes, over the 67108864-byte limit" \
  "200 MB file: named, with its size and the limit"
# ... and 200 MB on standard input stops at the limit (64 MiB read, not 200)
refused_within 262144 "200 MB on standard input is refused at the limit" \
  sh -c "head -c 209715200 /dev/zero | tr '\\000' a | \"\$0\" extract -f ntriples -" "$RK"
expect_grep "$tmp/err" "over the 67108864-byte limit" "200 MB on standard input: the limit is named"

# a 10 MB single line
head -c 10485760 /dev/zero | tr '\0' a >"$in/long-line.txt"
refused_within 131072 "a 10 MB line is refused" "$RK" extract -f ntriples "$in/long-line.txt"
expect_grep "$tmp/err" "long-line.txt.*line 1 .* over the 1048576-byte line limit" "10 MB line: named"

# HTML nested 100,000 levels deep
{ printf '<html><body>'; i=0; while [ $i -lt 1000 ]; do printf '<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>'; i=$((i + 1)); done; printf 'Directed by Corinne Vasquez-Hale</body></html>'; } >"$in/deep.html"
refused_within 262144 "HTML nested 100,000 deep is refused" "$RK" extract -f ntriples "$in/deep.html"
expect_grep "$tmp/err" "deep.html.*nest more than 256 deep" "deep nesting: named"

# an unterminated <script> swallows the page: nothing left to read
printf '<html><body><script>var x = 1; <p>Directed by Corinne Vasquez-Hale</p>' >"$in/open-script.html"
expect_exit 1 "an unterminated <script> leaves nothing" "$RK" extract -f ntriples "$in/open-script.html"
expect_grep "$tmp/err" "open-script.html.*only whitespace" "unterminated <script>: named"

# a path that does not exist
expect_exit 1 "a missing path" "$RK" extract -f ntriples "$in/no-such-review.txt"
expect_grep "$tmp/err" "no-such-review.txt.*No such file" "missing path: named"

# an unreadable file (root reads anything: then only the others run)
printf '%s' "$review" >"$in/unreadable.txt"
chmod 000 "$in/unreadable.txt"
if [ "$(id -u)" -eq 0 ]; then
  echo "skip: running as root, so an unreadable file cannot be made"
else
  expect_exit 1 "an unreadable file" "$RK" extract -f ntriples "$in/unreadable.txt"
  expect_grep "$tmp/err" "unreadable.txt.*Permission denied" "unreadable file: named"
fi

# ---- read, with a stated repair or warning: exit 0 ----
# declares UTF-8, is Latin-1: a warning names the file, the name is decoded
printf '<html><head><meta charset="utf-8"></head><body><h1>Salt Orchard review</h1><p>Directed by Agn\350s Tolliver</p><p>It is the kind of story that could drown in its own symbolism, and for a while it nearly does.</p></body></html>' >"$in/says-utf8.html"
expect_exit 0 "declared UTF-8, really Latin-1" "$RK" extract -f ntriples "$in/says-utf8.html"
expect_grep "$tmp/err" 'says-utf8.html: warning: the page declares charset "utf-8"' "declared UTF-8: the warning names the file"
expect_grep "$tmp/out" '"Agn\\u00E8s Tolliver"' "declared UTF-8: the name is decoded as Latin-1"
# declares KOI8-R, is UTF-8: valid UTF-8 wins over the declaration
printf '<html><head><meta charset="koi8-r"></head><body><h1>Salt Orchard review</h1><p>Directed by Agn\303\250s Tolliver</p><p>It is the kind of story that could drown in its own symbolism, and for a while it nearly does.</p></body></html>' >"$in/says-koi8.html"
expect_exit 0 "declared KOI8-R, really UTF-8" "$RK" extract -f ntriples "$in/says-koi8.html"
expect_grep "$tmp/out" '"Agn\\u00E8s Tolliver"' "declared KOI8-R: the UTF-8 name is kept"

# billion laughs: libxml2's HTML parser expands no entity; the subset is dropped
{
  printf '<!DOCTYPE html [\n<!ENTITY lol "lol">\n'
  prev=lol
  for i in 1 2 3 4 5 6 7 8 9; do
    printf '<!ENTITY lol%s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n' $i $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev
    prev=lol$i
  done
  printf ']>\n<html><body>%s<p>&lol9;</p></body></html>\n' "$body"
} >"$in/laughs.html"
{ printf '<?xml version="1.0"?>\n'; cat "$in/laughs.html"; } >"$in/laughs.xhtml"
for f in laughs.html laughs.xhtml; do
  expect_exit 0 "$f: entity expansion" "$RK" extract -f ntriples "$in/$f"
  expect_no_grep "$tmp/out" "lollol" "$f: nothing expanded"
  expect_grep "$tmp/out" "film/salt-orchard>" "$f: the title is the page's, not the DTD's"
done

# unterminated comment and tag at the end: the text before them is read
printf '<html><body>%s<!-- never closed <p>Starring Nobody Else' "$body" >"$in/open-comment.html"
printf '<html><body>%s<div class="x' "$body" >"$in/open-tag.html"
for f in open-comment.html open-tag.html; do
  expect_exit 0 "$f is recovered" "$RK" extract -f ntriples "$in/$f"
  expect_grep "$tmp/out" "person/corinne-vasquez-hale>" "$f: the director before it is read"
done
expect_no_grep "$tmp/out" "nobody" "unterminated comment: its content stays a comment"

# 5 MB of JSON-LD in one <script>: dropped with a warning, the page is read
{
  printf '<html><head><script type="application/ld+json">{"@type":"Review","itemReviewed":{"@type":"Movie","name":"Salt Orchard","actor":['
  i=0; while [ $i -lt 3300 ]; do printf '{"@type":"Person","name":"Actor Number %s Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding Padding"},' $i; i=$((i + 1)); done
  printf '{"name":"Last"}]}}</script></head><body>%s</body></html>' "$body"
} >"$in/big-jsonld.html"
size=$(wc -c <"$in/big-jsonld.html")
[ "$size" -gt 5000000 ] && ok "big-jsonld.html is $size bytes" || fail "big-jsonld.html is only $size bytes"
expect_exit 0 "5 MB of JSON-LD" "$RK" extract -f ntriples "$in/big-jsonld.html"
expect_grep "$tmp/err" "big-jsonld.html: warning: dropped a JSON-LD block of" "5 MB JSON-LD: the warning names the file"
expect_grep "$tmp/out" "person/corinne-vasquez-hale>" "5 MB JSON-LD: the text is still read"

# malformed JSON-LD: ignored with a warning, the text is read
printf '<html><head><script type="application/ld+json">{"@type":"Review","itemReviewed":{"@type":"Movie","name":"Salt Orch</script><script type="application/ld+json">[1,2,,}</script></head><body>%s</body></html>' "$body" >"$in/bad-jsonld.html"
expect_exit 0 "malformed JSON-LD" "$RK" extract -f ntriples "$in/bad-jsonld.html"
expect_grep "$tmp/err" "bad-jsonld.html: warning: a JSON-LD block is not valid JSON" "malformed JSON-LD: the warning names the file"
expect_grep "$tmp/out" "person/corinne-vasquez-hale>" "malformed JSON-LD: the text is still read"

# names and titles with quotes, angle brackets, backslashes, newlines,
# control characters, RTL marks and emoji (through JSON-LD, which keeps
# them): every syntax parses in rapper and serdi; N-Triples round-trips
cat >"$in/names.json" <<'JSON'
{"film":"Title \"with\" <angle> \\ back\u200f\ud83d\ude00",
 "director":"Jean \"Q\" <b>\\ \u200fR\u202eL\u200e \ud83c\udfac Dupont",
 "actor":"Line\nBreak\tTab\u0001Ctl O'Brien",
 "character":"<script>alert(\"x\")<\/script> & \\u0041 \u00e9"}
JSON
{
  printf '<html><head><script type="application/ld+json">'
  printf '{"@context":"https://schema.org","@type":"Review","itemReviewed":{"@type":"Movie","name":%s,"director":{"@type":"Person","name":%s},"actor":[{"@type":"PerformanceRole","actor":{"@type":"Person","name":%s},"characterName":%s}]}}' \
    "$(sed -n 's/^{"film"://p' "$in/names.json" | sed 's/,$//')" \
    "$(sed -n 's/^ "director"://p' "$in/names.json" | sed 's/,$//')" \
    "$(sed -n 's/^ "actor"://p' "$in/names.json" | sed 's/,$//')" \
    "$(sed -n 's/^ "character"://p' "$in/names.json" | sed 's/}$//')"
  printf '</script></head><body>%s</body></html>' "$body"
} >"$in/names.html"
for fmt in ntriples turtle nquads; do
  expect_exit 0 "odd names as $fmt" "$RK" extract -f "$fmt" -o "$tmp/names.$fmt" "$in/names.html"
  if [ -n "${RAPPER:-}" ]; then
    "$RAPPER" -q -c -i "$fmt" "$tmp/names.$fmt" 2>"$tmp/perr" && ok "odd names: $fmt parses in rapper" ||
      fail "odd names: $fmt does not parse in rapper: $(head -2 "$tmp/perr")"
  fi
  if [ -n "${SERDI:-}" ]; then
    "$SERDI" -i "$fmt" "$tmp/names.$fmt" >/dev/null 2>"$tmp/perr" && ok "odd names: $fmt parses in serdi" ||
      fail "odd names: $fmt does not parse in serdi: $(head -2 "$tmp/perr")"
  fi
done
if [ -n "${PYTHON3:-}" ]; then
  if "$PYTHON3" - "$in/names.json" "$tmp/names.ntriples" <<'PY'
import json, re, sys
want = json.load(open(sys.argv[1], encoding="utf-8"))
got = set()
for line in open(sys.argv[2], encoding="ascii"):
    m = re.match(r'^\S+ \S+ "((?:[^"\\]|\\.)*)"', line)
    if m:
        got.add(m.group(1).encode("ascii").decode("unicode_escape"))
missing = [k for k, v in want.items() if v not in got]
if missing:
    print("not round-tripped:", missing)
    sys.exit(1)
PY
  then ok "odd names: every name comes back exactly"; else fail "odd names: a name does not round-trip"; fi
fi

# ---- one run over all of them, and build: refusals never reach the store ----
expect_exit 1 "all hostile inputs and a good document in one run" "$RK" extract -f ntriples \
  "$in" "$SAMPLES/000.txt"
for f in utf16-nobom.txt huge.txt long-line.txt deep.html open-script.html; do
  expect_grep "$tmp/err" "$f" "one run: $f named"
done
expect_grep "$tmp/out" "person/corinne-vasquez-hale>" "one run: the accepted documents are written"
store=sqlite:$tmp/kg.db
expect_exit 1 "build with hostile inputs" "$RK" build -q --store "$store" -o - "$in" "$SAMPLES"
expect_exit 0 "query the sources loaded" "$RK" query --store "$store" -r csv \
  'SELECT ?p WHERE { GRAPH ?g { ?s <https://w3id.org/reviewkg/vocab#sourcePath> ?p } }'
for f in utf16-nobom.txt huge.txt long-line.txt deep.html open-script.html; do
  expect_no_grep "$tmp/out" "$f" "build: nothing of refused $f in the store"
done
for f in says-utf8.html laughs.html big-jsonld.html names.html; do
  expect_grep "$tmp/out" "$f" "build: accepted $f is in the store"
done
expect_grep "$tmp/out" "data/samples/004.txt" "build: the samples after the hostile inputs are in the store"
chmod 600 "$in/unreadable.txt"
finish
