#!/bin/sh
# serve.sh - reviewkg serve, the SPARQL 1.1 Protocol endpoint, on loopback:
# GET and both POST forms answer what `reviewkg query` answers; every
# result type parses; bad queries, updates, unknown paths and methods are
# refused with the right status; a runaway query is stopped at --timeout
# and the server goes on; --max-clients gives 503; rdflib's SPARQLStore
# reads it; a small load run; startup errors; SIGTERM stops it (exit 0).
. "$top_srcdir/tests/cli/lib.sh"

RAPPER=${RAPPER:-}
PYTHON3=${PYTHON3:-python3}
if ! command -v curl >/dev/null 2>&1; then
  echo "no curl: skipped"
  exit 77
fi
# every request goes to this machine, never through a proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
NO_PROXY='*'
no_proxy='*'
export NO_PROXY no_proxy

store=sqlite:$tmp/kg.db
expect_exit 0 "build the samples" "$RK" build -q --store "$store" -o - "$SAMPLES"

servers=
# start NAME ARGS...: run `reviewkg serve --port 0 ARGS` in the background,
# wait for its "listening on URL" line; sets $pid and $url.
start() {
  name=$1
  shift
  "$RK" serve --port 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
  pid=$!
  servers="$servers $pid"
  url=
  for _ in $(seq 100); do
    url=$(sed -n 's/^listening on //p' "$tmp/$name.out")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    fail "$name: the server did not start: $(head -3 "$tmp/$name.err")"
    finish
  fi
}
stop_all() {
  for p in $servers; do kill -KILL "$p" 2>/dev/null; done
}
trap 'stop_all; rm -rf "$tmp"' EXIT

# http NAME CURL-ARGS...: the body goes to $tmp/NAME, "STATUS TYPE" to $tmp/NAME.head
http() {
  name=$1
  shift
  curl -s --noproxy '*' --max-time 30 -o "$tmp/$name" -w '%{http_code} %{content_type}\n' "$@" \
    >"$tmp/$name.head" 2>"$tmp/$name.curl"
}
# expect_http NAME STATUS TYPE: the answer had this status and content type
expect_http() {
  got=$(cat "$tmp/$1.head")
  case "$got" in
    "$2 $3"*) ok "$1: $2 $3" ;;
    *) fail "$1: got '$got', want '$2 $3'"; head -3 "$tmp/$1" | sed 's/^/  body: /' >&2 ;;
  esac
}

# the main server has time to spare (a sanitizer build on a busy machine is
# slow); the runaway check has a server of its own with --timeout 1
start main --store "$store" --timeout 30
main_url=$url
base=${url%/sparql}
echo "server at $url"

# ---- bound to loopback by default
case "$url" in
  http://127.0.0.1:*) ok "listens on 127.0.0.1 by default" ;;
  *) fail "listening on $url, want 127.0.0.1" ;;
esac
port=${base##*:}
if [ -r /proc/net/tcp ]; then
  hexport=$(printf '%04X' "$port")
  awk -v p=":$hexport" '$2 ~ p"$" && $4 == "0A" { print $2 }' /proc/net/tcp >"$tmp/listen"
  if [ "$(cat "$tmp/listen")" = "0100007F:$hexport" ]; then
    ok "the listening socket is 127.0.0.1:$port only"
  else
    fail "listening sockets on port $port: $(cat "$tmp/listen")"
  fi
fi

# ---- the same answers as reviewkg query, by GET and both POSTs
rq=$top_srcdir/queries/films-by-director.rq
"$RK" query --store "$store" -r csv -q "$rq" >"$tmp/want.csv" || fail "reviewkg query failed"
expect_grep "$tmp/want.csv" 'Jacques Audiard,Rust and Bone' "reviewkg query: Audiard, Rust and Bone"
http get.csv -G "$url" --data-urlencode "query@$rq" -H 'Accept: text/csv'
expect_http get.csv 200 text/csv
cmp -s "$tmp/want.csv" "$tmp/get.csv" && ok "GET: the same CSV as reviewkg query" \
  || fail "GET: CSV differs from reviewkg query"
http form.csv "$url" --data-urlencode "query@$rq" -H 'Accept: text/csv'
expect_http form.csv 200 text/csv
cmp -s "$tmp/want.csv" "$tmp/form.csv" && ok "POST form: the same CSV" || fail "POST form: CSV differs"
http direct.csv "$url" -H 'Content-Type: application/sparql-query' --data-binary "@$rq" -H 'Accept: text/csv'
expect_http direct.csv 200 text/csv
cmp -s "$tmp/want.csv" "$tmp/direct.csv" && ok "POST sparql-query: the same CSV" \
  || fail "POST sparql-query: CSV differs"
rows=$(($(wc -l <"$tmp/want.csv") - 1))

# ---- every result type: its content type, and it parses
http get.json -G "$url" --data-urlencode "query@$rq"
expect_http get.json 200 application/sparql-results+json
n=$("$PYTHON3" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$tmp/get.json" 2>"$tmp/err")
[ "$n" = "$rows" ] && ok "JSON (the default): $n rows" || fail "JSON: '$n' rows, want $rows: $(tail -1 "$tmp/err")"
http get.xml -G "$url" --data-urlencode "query@$rq" -H 'Accept: application/sparql-results+xml'
expect_http get.xml 200 application/sparql-results+xml
n=$("$PYTHON3" -c '
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2005/sparql-results#}"
print(len(ET.parse(sys.argv[1]).getroot().findall(ns + "results/" + ns + "result")))' "$tmp/get.xml" 2>"$tmp/err")
[ "$n" = "$rows" ] && ok "XML: $n rows" || fail "XML: '$n' rows, want $rows: $(tail -1 "$tmp/err")"
http get.tsv -G "$url" --data-urlencode "query@$rq" -H 'Accept: text/tab-separated-values'
expect_http get.tsv 200 text/tab-separated-values
[ "$(($(wc -l <"$tmp/get.tsv") - 1))" = "$rows" ] && ok "TSV: $rows rows" || fail "TSV: not $rows rows"
expect_grep "$tmp/get.tsv" 'Jacques Audiard.*Rust and Bone' "TSV: Audiard, Rust and Bone"
http weighted -G "$url" --data-urlencode "query@$rq" -H 'Accept: text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1'
expect_http weighted 200 application/sparql-results+xml
http format.tsv -G "$url" --data-urlencode "query@$rq" --data-urlencode format=tsv
expect_http format.tsv 200 text/tab-separated-values
http ask -G "$url" --data-urlencode 'query=ASK { ?f a <http://schema.org/Movie> }'
expect_http ask 200 application/sparql-results+json
"$PYTHON3" -c 'import json, sys; assert json.load(open(sys.argv[1]))["boolean"] is True' "$tmp/ask" 2>/dev/null \
  && ok "ASK: true" || fail "ASK: not true"
http none -G "$url" --data-urlencode "query@$rq" -H 'Accept: image/png'
expect_http none 406 text/plain
expect_grep "$tmp/none" 'text/csv' "406: lists what it can give"

# ---- CONSTRUCT: Turtle by default, N-Triples on request
construct='CONSTRUCT { ?f <http://schema.org/name> ?n } WHERE { ?f a <http://schema.org/Movie> ; <http://schema.org/name> ?n }'
"$RK" query --store "$store" -r ntriples "$construct" | sort -u >"$tmp/want.nt"
want=$(wc -l <"$tmp/want.nt")
[ "$want" -gt 0 ] || fail "reviewkg query: CONSTRUCT gave nothing"
http construct.ttl -G "$url" --data-urlencode "query=$construct"
expect_http construct.ttl 200 text/turtle
if [ -n "$RAPPER" ]; then
  n=$("$RAPPER" -q -i turtle -o ntriples "$tmp/construct.ttl" 2>"$tmp/err" | sort -u | wc -l)
  [ "$n" = "$want" ] && ok "CONSTRUCT Turtle parses: $n triples" || fail "CONSTRUCT Turtle: $n triples, want $want: $(head -2 "$tmp/err")"
fi
http construct.nt -G "$url" --data-urlencode "query=$construct" -H 'Accept: application/n-triples'
expect_http construct.nt 200 application/n-triples
sort -u "$tmp/construct.nt" | cmp -s - "$tmp/want.nt" && ok "CONSTRUCT N-Triples: the same triples as reviewkg query" \
  || fail "CONSTRUCT N-Triples differ from reviewkg query"

# ---- refusals
http malformed -G "$url" --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o FILTER(?x = ) }'
expect_http malformed 400 text/plain
expect_grep "$tmp/malformed" "syntax error" "400: rasqal's message in the body"
triples=$("$RK" stats --store "$store" | awk '$1 == "triples" { print $2 }')
http update-query -G "$url" --data-urlencode 'query=INSERT DATA { <urn:a> <urn:b> <urn:c> }'
expect_http update-query 403 text/plain
expect_grep "$tmp/update-query" "read-only" "an INSERT DATA as a query: refused, read-only"
http update-form "$url" --data-urlencode 'update=INSERT DATA { <urn:a> <urn:b> <urn:c> }'
expect_http update-form 403 text/plain
http update-direct "$url" -H 'Content-Type: application/sparql-update' --data-binary 'DELETE WHERE { ?s ?p ?o }'
expect_http update-direct 403 text/plain
[ "$("$RK" stats --store "$store" | awk '$1 == "triples" { print $2 }')" = "$triples" ] \
  && ok "the store is unchanged ($triples triples)" || fail "the store changed"
http noquery -G "$url"
expect_http noquery 400 text/plain
http badpath "$base/nothing-here"
expect_http badpath 404 text/plain
http put -X PUT "$url" --data-binary 'x'
expect_http put 405 text/plain
curl -s --noproxy '*' -i -X PUT "$url" -d x | grep -qi '^Allow: GET, HEAD, POST' \
  && ok "405 names the allowed methods" || fail "405 without Allow"
http home "$base/"
expect_http home 200 text/plain
expect_grep "$tmp/home" "/sparql" "GET / says where the endpoint is"

# ---- a runaway query is stopped at --timeout 1, and the server goes on
cross='SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'
start short --store "$store" --timeout 1 --quiet
t0=$(date +%s)
http runaway -G "$url" --data-urlencode "query=$cross"
t1=$(date +%s)
expect_http runaway 503 text/plain
expect_grep "$tmp/runaway" "stopped after 1 s" "the runaway query: 'stopped after 1 s'"
[ $((t1 - t0)) -le 5 ] && ok "the runaway query came back in $((t1 - t0)) s" || fail "the runaway query took $((t1 - t0)) s"
http after -G "$url" --data-urlencode "query@$rq" -H 'Accept: text/csv'
expect_http after 200 text/csv
cmp -s "$tmp/want.csv" "$tmp/after" && ok "the next query is answered" || fail "the next query: different answer"
url=$main_url

# ---- a real SPARQL client: rdflib's SPARQLStore
PY=
for p in ${PYTHON3:-} python3 /usr/bin/python3; do
  if "$p" -c 'import rdflib.plugins.stores.sparqlstore' >/dev/null 2>&1; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
  echo "SKIP rdflib: python3-rdflib is not installed"
else
  "$PY" - "$url" >"$tmp/rdflib.out" 2>"$tmp/rdflib.err" <<'EOF'
import sys
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(sys.argv[1])
q = """PREFIX schema: <http://schema.org/>
SELECT ?director WHERE { ?f a schema:Movie ; schema:name "Rust and Bone" ; schema:director ?d .
                         ?d schema:name ?director }"""
for row in sorted(set(str(r[0]) for r in store.query(q))):
    print(row)
print("ask", bool(store.query("ASK { ?s ?p ?o }").askAnswer))
EOF
  if [ $? -eq 0 ]; then
    expect_grep "$tmp/rdflib.out" '^Jacques Audiard$' "rdflib SPARQLStore: Audiard directed Rust and Bone"
    expect_grep "$tmp/rdflib.out" '^ask True$' "rdflib SPARQLStore: ASK"
  else
    fail "rdflib SPARQLStore: $(tail -3 "$tmp/rdflib.err")"
  fi
fi

# ---- a small load run: 4 clients x 25 point queries, all 200
if "$PYTHON3" "$top_srcdir/bench/serve-load.py" "$url" --clients 4 --requests 25 >"$tmp/load" 2>"$tmp/load.err"; then
  ok "load: $(cat "$tmp/load")"
else
  fail "load: $(cat "$tmp/load" "$tmp/load.err" | head -3)"
fi
expect_grep "$tmp/main.err" ' GET /sparql 200 ' "one log line per request on standard error"

# ---- --max-clients 1: a second query while one runs gets 503 busy; and
# SIGTERM with a query running stops at once, exit 0
start busy --store "$store" --timeout 3 --max-clients 1 --quiet
busy_pid=$pid
curl -s --noproxy '*' -o /dev/null -G "$url" --data-urlencode "query=$cross" &
slow=$!
sleep 0.5
http busy -G "$url" --data-urlencode 'query=ASK { ?s ?p ?o }'
expect_http busy 503 text/plain
expect_grep "$tmp/busy" "busy" "--max-clients 1: 'busy'"
t0=$(date +%s)
kill -TERM "$busy_pid"
wait "$busy_pid"
rc=$?
t1=$(date +%s)
[ "$rc" -eq 0 ] && ok "SIGTERM with a query running: exit 0" || fail "SIGTERM with a query running: exit $rc"
[ $((t1 - t0)) -le 2 ] && ok "it stopped in $((t1 - t0)) s" || fail "it took $((t1 - t0)) s to stop"
wait "$slow" 2>/dev/null
[ ! -s "$tmp/busy.err" ] && ok "--quiet: no request lines" || fail "--quiet: $(head -1 "$tmp/busy.err")"

# ---- startup errors: exit 1 with a message; usage errors: exit 2
expect_exit 1 "the port is taken" "$RK" serve --store "$store" --port "$port"
expect_grep "$tmp/err" "in use" "the port is taken: says so"
expect_exit 1 "no store" "$RK" serve --store "sqlite:$tmp/none.db" --port 0
expect_grep "$tmp/err" "no store" "no store: says so"
expect_exit 2 "--port abc" "$RK" serve --port abc
expect_exit 2 "--bind a name" "$RK" serve --store "$store" --port 0 --bind localhost
expect_exit 2 "an argument" "$RK" serve extra
expect_exit 0 "serve --help" "$RK" serve --help
expect_grep "$tmp/out" "^Usage: reviewkg serve" "serve --help shows its usage"

# ---- SIGTERM: exit 0
main_pid=$(echo $servers | cut -d' ' -f1)
kill -TERM "$main_pid"
wait "$main_pid"
rc=$?
[ "$rc" -eq 0 ] && ok "SIGTERM: exit 0" || fail "SIGTERM: exit $rc"
finish
