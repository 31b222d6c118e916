#!/bin/bash
# virtuoso-load.sh - load `reviewkg export -f nquads` files into a private
# Virtuoso with Virtuoso's own bulk loader (ld_add + rdf_loader_run), the path
# for graphs too big for one Redland store.  Redland's virtuoso module is not
# it: it crashes in transactions and remove-context removes nothing (README,
# "Beyond one machine").  Owns DIR (server files) and the server it starts.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: tools/virtuoso-load.sh [--dir DIR] [--port N] [--keep] FILE.nq...

Start a private Virtuoso (virtuoso-t) on 127.0.0.1:PORT with no HTTP server,
bulk-load the N-Quads FILEs with Virtuoso's loader, keeping their graph names,
print the time taken, quads per second, and the graphs and quads Virtuoso
then holds, and stop the server.

  --dir DIR   server files (database, log, links to the inputs) go in DIR;
              an existing database there is reused.  Default: a temporary
              directory, removed at the end unless --keep.
  --port N    SQL port on 127.0.0.1 (default 51111).
  --keep      leave the server running and print how to connect and stop it.
  -h, --help  this text.

FILEs may be gzipped (.gz).  Each is loaded as N-Quads whatever its name; a
statement outside a named graph is an error.  The database user is dba with
password dba: the server listens on the loopback interface only.
RK_VT_BUFFERS sets Virtuoso's NumberOfBuffers (8 KiB pages, default 65000).

Needs virtuoso-t and isql-vt: apt-get install virtuoso-opensource-7-bin
Exit status: 0 loaded, 1 failed, 2 usage error.
EOF
}

die() { echo "virtuoso-load: $*" >&2; exit 1; }
usage_error() { echo "virtuoso-load: $*" >&2; echo "Try 'tools/virtuoso-load.sh --help'." >&2; exit 2; }
# SQL string literal: Virtuoso takes '' for a quote inside one
sql_str() { printf "'%s'" "${1//\'/\'\'}"; }
now() { date +%s.%N; }

dir='' port=51111 keep=0
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || usage_error "--dir needs a directory"; dir=$2; shift 2 ;;
    --dir=*) dir=${1#--dir=}; shift ;;
    --port) [ $# -ge 2 ] || usage_error "--port needs a number"; port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; files+=("$@"); break ;;
    -?*) usage_error "unknown option '$1'" ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || usage_error "no N-Quads file given"
case $port in
  ''|*[!0-9]*) usage_error "--port wants a number, not '$port'" ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then usage_error "--port $port is out of range"; fi
buffers=${RK_VT_BUFFERS:-65000}
case $buffers in ''|*[!0-9]*) usage_error "RK_VT_BUFFERS wants a number, not '$buffers'" ;; esac

for tool in virtuoso-t isql-vt; do
  command -v "$tool" >/dev/null ||
    die "$tool not found: install the Debian package virtuoso-opensource-7-bin (apt-get install --no-install-recommends virtuoso-opensource-7-bin)"
done
for f in "${files[@]}"; do
  if [ ! -f "$f" ] || [ ! -r "$f" ]; then die "$f: no such readable file"; fi
done
# a listener there would take our isql calls (and dba/dba) elsewhere
if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  die "port $port on 127.0.0.1 is in use; choose another with --port"
fi

made_dir=0
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/rk-virtuoso.XXXXXX") || die "cannot make a temporary directory"
  made_dir=1
else
  mkdir -p "$dir" || die "cannot make $dir"
fi
dir=$(cd "$dir" && pwd -P)
case $dir in *[,\;$'\n']*) die "$dir: a directory name with ',', ';' or a newline cannot go in virtuoso.ini" ;; esac

pid=
cleanup() {
  local st=$?
  if [ -n "$pid" ] && [ "$keep" -eq 0 ]; then
    stop_server
  fi
  if [ "$made_dir" -eq 1 ] && [ "$keep" -eq 0 ]; then
    rm -rf "$dir"
  fi
  exit "$st"
}
# Virtuoso checkpoints on SIGTERM; wait for it rather than leave a lock file
stop_server() {
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "virtuoso-load: virtuoso-t $pid did not stop in 60 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  pid=
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# isql SQL: run SQL as dba, one statement a line (isql ends a statement
# only at a ';' that ends a line).  isql exits 0 after a failed statement and
# reports it on stderr as "*** Error", so that is what decides.
isql() {
  local out
  out=$(printf '%s\n' "$1" | isql-vt "127.0.0.1:$port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF \
        2>"$dir/isql.err") || { cat "$dir/isql.err" >&2; return 1; }
  if grep -q '\*\*\* Error' "$dir/isql.err"; then
    cat "$dir/isql.err" >&2
    return 1
  fi
  printf '%s\n' "$out" | sed '/^[[:space:]]*$/d'
}

mkdir -p "$dir/db" "$dir/in"
cat >"$dir/virtuoso.ini" <<INI
; written by tools/virtuoso-load.sh: a private server for one bulk load
[Database]
DatabaseFile       = $dir/db/virtuoso.db
ErrorLogFile       = $dir/db/virtuoso.log
LockFile           = $dir/db/virtuoso.lck
TransactionFile    = $dir/db/virtuoso.trx
xa_persistent_file = $dir/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/db/virtuoso-temp.db
TransactionFile    = $dir/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:$port
DisableUnixSocket  = 1
ServerThreads      = 10
CheckpointInterval = 60
NumberOfBuffers    = $buffers
MaxDirtyBuffers    = $((buffers * 3 / 4))
; the loader reads only files under in/
DirsAllowed        = $dir/in
TransactionAfterImageLimit = 500000000

[SPARQL]
ResultSetMaxRows   = 1000000
MaxQueryExecutionTime = 300
; no [HTTPServer] section: no HTTP or SPARQL endpoint, only the SQL port
INI

# Links under in/ put the inputs inside DirsAllowed, and their names end in
# .nq because the loader picks the parser from the extension.
rm -f "$dir"/in/*
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  abs=$(cd "$(dirname "$f")" && pwd -P)/$(basename "$f")
  case $f in *.gz) ext=nq.gz ;; *) ext=nq ;; esac
  ln -s "$abs" "$(printf '%s/in/%04d.%s' "$dir" "$i" "$ext")"
done

start=$(now)
(cd "$dir" && exec virtuoso-t +configfile "$dir/virtuoso.ini" +foreground) \
  </dev/null >"$dir/virtuoso.out" 2>&1 &
pid=$!
ready=0
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    pid=
    echo "virtuoso-load: virtuoso-t exited while starting; the end of its log:" >&2
    tail -n 15 "$dir/db/virtuoso.log" "$dir/virtuoso.out" >&2 2>/dev/null || true
    exit 1
  fi
  if isql-vt "127.0.0.1:$port" dba dba exec='select 1;' >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.2
done
[ "$ready" -eq 1 ] || die "virtuoso-t did not answer on 127.0.0.1:$port in 120 s (log: $dir/db/virtuoso.log)"
echo "virtuoso-t $pid up on 127.0.0.1:$port in $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s, files in $dir"

# Graph '' leaves each quad in the graph its file names; a triple outside
# any graph becomes a load error rather than landing in a made-up graph.
inlike=$(sql_str "$dir/in/%")
sql="delete from DB.DBA.load_list where ll_file like $inlike;"
for l in "$dir"/in/*; do
  sql="$sql
ld_add($(sql_str "$l"), '');"
done
isql "$sql" >/dev/null || die "could not queue the files for loading"

quads=0
for f in "${files[@]}"; do
  case $f in
    *.gz) n=$(gzip -dc -- "$f" | LC_ALL=C grep -c -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' || true) ;;
    *) n=$(LC_ALL=C grep -c -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' -- "$f" || true) ;;
  esac
  quads=$((quads + n))
done

t0=$(now)
isql 'rdf_loader_run();
checkpoint;' >/dev/null || die "the bulk loader failed"
t1=$(now)
errors=$(isql "select sprintf('%s: %s', ll_file, ll_error) from DB.DBA.load_list where ll_file like $inlike and ll_error is not null;") || die "cannot read DB.DBA.load_list"
if [ -n "$errors" ]; then
  # the loader commits as it goes: quads before the error stay in the server
  echo "virtuoso-load: the loader rejected a file (what came before the error is loaded):" >&2
  printf '%s\n' "$errors" | while IFS= read -r line; do
    link=${line%%: *}
    echo "  $(readlink "$link" || echo "$link"): ${line#*: }" >&2
  done
  exit 1
fi

awk -v a="$t0" -v b="$t1" -v q="$quads" -v n="${#files[@]}" \
  'BEGIN { s = b - a; printf "loaded %d statements from %d file(s) in %.2f s: %d quads/s\n", q, n, s, (s > 0 ? q / s : 0) }'

# Virtuoso keeps its own graphs (virtrdf#, ldp#, localuriqaserver) in the
# same quad table; leave them out of the count.
system="<http://www.openlinksw.com/schemas/virtrdf#>, <http://www.w3.org/ns/ldp#>, <http://localuriqaserver/sparql>"
counts=$(isql "SPARQL SELECT COUNT(*) COUNT(DISTINCT ?g) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN ($system)) };") ||
  die "the SPARQL count failed"
read -r held graphs <<<"$counts"
printf 'virtuoso holds %d quads in %d graphs (distinct; besides its own system graphs)\n' "$held" "$graphs"

if [ "$keep" -eq 1 ]; then
  cat <<EOF
virtuoso-t keeps running (pid $pid, files in $dir).
  connect: isql-vt 127.0.0.1:$port dba dba
           SPARQL SELECT COUNT(*) FROM <graph-iri> WHERE { ?s ?p ?o };
  stop:    kill $pid   (it checkpoints, then exits)
EOF
  [ "$made_dir" -eq 0 ] || echo "  then:    rm -rf $dir"
fi
