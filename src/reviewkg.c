/* reviewkg.c - the command line: extract, build, query, forget, stats, export,
 * explain, serve.
 *
 * Wires the stages top to bottom for each command and turns statuses into
 * exit codes: 0 all fine, 1 some documents failed and were skipped (or the
 * manifest was refused, before any was read), 2 a usage, output or store
 * error.  Creates the one raptor world first and
 * frees it last.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "reviewkg/pipeline.h"
#include "reviewkg/manifest.h"
#include "reviewkg/store.h"
#include "reviewkg/resolve.h"
#include "reviewkg/explain.h"
#include "reviewkg/serve.h"

enum { EXIT_OK = 0, EXIT_DOCS_FAILED = 1, EXIT_ERROR = 2 };

static int verbose;

static void
log_stderr(void *handle, RkLogLevel level, const char *where, const char *text)
{
  static const char *const names[] = { "error", "warning", "info", "debug" };

  if (level > RK_LOG_WARN && !verbose)
    return;
  if (where)
    fprintf(stderr, "reviewkg: %s: %s: %s\n", where, names[level], text);
  else
    fprintf(stderr, "reviewkg: %s: %s\n", names[level], text);
}

static const RkLog stderr_log = { NULL, log_stderr };

/* ------------------------------------------------------------ help */

static const char usage_main[] =
  "Usage: reviewkg COMMAND [OPTION]... [ARG]...\n"
  "Build an RDF knowledge graph from film reviews.\n"
  "\n"
  "Commands:\n"
  "  extract   extract facts from review documents and print RDF\n"
  "  build     extract, write Turtle and load the store (one named graph per review)\n"
  "  query     run a SPARQL query over the store\n"
  "  forget    remove reviews from the store\n"
  "  stats     count reviews, films, people, outlets and triples in the store\n"
  "  export    dump the store as N-Quads, N-Triples or Turtle\n"
  "  load      load N-Quads (an export) into the store, graph by graph\n"
  "  explain   every fact about an entity and the evidence behind it\n"
  "  serve     answer SPARQL queries over HTTP (SPARQL 1.1 Protocol, read-only)\n"
  "\n"
  "  reviewkg COMMAND --help   options of one command\n"
  "  reviewkg --version        print the version\n"
  "\n"
  "Exit status: 0 all fine; 1 some documents failed and were skipped, or the\n"
  "manifest was refused (then no document is read); 2 usage error, or the\n"
  "output or the store failed.\n";

static const char usage_extract[] =
  "Usage: reviewkg extract [OPTION]... PATH...\n"
  "Extract the facts of each review document and print them as RDF.\n"
  "PATH is a file, a directory (searched recursively for .txt, .html, .htm)\n"
  "or - for standard input.  N-Triples and N-Quads stream out per document.\n"
  "\n"
  "  -f, --format FMT        turtle (default), ntriples, nquads, rdfxml or dot\n"
  "  -o, --output FILE       write to FILE instead of standard output\n"
  "      --base IRI          prefix of minted IRIs (default " RK_DEFAULT_BASE ")\n"
  "  -m, --manifest FILE     what the crawler knows: path, url, publication, critic,\n"
  "                          date per document (TSV or JSON Lines); it overrides\n"
  "                          the page's metadata, and a url fixes the review's IRI\n"
  "      --provenance        also emit the provenance graph (always in nquads)\n"
  "      --min-confidence X  drop text-derived facts with confidence below X (0-1)\n"
  "      --dict-dir DIR      word lists of the name model (default " RK_DICT_DIR ")\n"
  "      --max-bytes N       refuse documents larger than N bytes (default 64 MiB)\n"
  "      --max-line N        refuse text with a line longer than N bytes (default 1 MiB)\n"
  "      --max-depth N       refuse HTML nested deeper than N elements (default 256)\n"
  "  -j, --jobs N            extract in N threads (default 1); output is the same\n"
  "  -q, --quiet             no progress on standard error\n"
  "  -v, --verbose           also print informational messages\n"
  "  -h, --help              this help\n";

static const char usage_build[] =
  "Usage: reviewkg build [OPTION]... PATH...\n"
  "Extract every review under PATH, write Turtle and load the store, one named\n"
  "graph per review (loading a review again replaces its graph).\n"
  "\n"
  "  -s, --store SPEC        store to load (default " RK_DEFAULT_STORE ")\n"
  "                          sqlite:PATH | mysql:host=IP,port=N,database=D,user=U,password=P\n"
  "                          | hashes:DIR/NAME (fast, single process only)\n"
  "  -o, --output FILE       Turtle output (default output/reviews.ttl; - for none)\n"
  "      --base IRI          prefix of minted IRIs (default " RK_DEFAULT_BASE ")\n"
  "  -m, --manifest FILE     url, publication, critic, date per document, as for extract\n"
  "      --batch N           reviews per store transaction (default 200)\n"
  "      --max-bytes N, --max-line N, --max-depth N   input limits, as for extract\n"
  "      --dict-dir DIR      word lists of the name model (default " RK_DICT_DIR ")\n"
  "  -j, --jobs N            extract in N threads (default 1); output is the same\n"
  "  -q, --quiet             no progress on standard error\n"
  "  -v, --verbose           also print informational messages\n"
  "  -h, --help              this help\n";

static const char usage_query[] =
  "Usage: reviewkg query [OPTION]... (QUERY | -q FILE.rq)\n"
  "Run a SPARQL query over the store.  librdf ignores FROM and FROM NAMED:\n"
  "use GRAPH ?g { ... } to ask about one review's graph.\n"
  "\n"
  "  -s, --store SPEC        store to query (default " RK_DEFAULT_STORE ")\n"
  "  -r, --results FMT       table (default), csv, tsv, json or xml;\n"
  "                          CONSTRUCT and DESCRIBE: turtle or ntriples\n"
  "  -q, --query-file FILE   read the query from FILE\n"
  "  -h, --help              this help\n";

static const char usage_forget[] =
  "Usage: reviewkg forget [OPTION]... (REVIEW-IRI | GRAPH-IRI | PATH)...\n"
  "Remove reviews (their facts and provenance graphs) from the store.  A PATH\n"
  "names the review built from that document.\n"
  "\n"
  "  -s, --store SPEC        store (default " RK_DEFAULT_STORE ")\n"
  "      --base IRI          prefix the review IRIs were minted under\n"
  "  -m, --manifest FILE     the manifest the reviews were built with (a url in it\n"
  "                          gave the review its IRI)\n"
  "  -h, --help              this help\n";

static const char usage_load[] =
  "Usage: reviewkg load [OPTION]... FILE.nq...\n"
  "Load N-Quads (as `reviewkg export` writes them; - reads standard input) into\n"
  "the store.  Each graph a file names replaces that graph; each file is loaded\n"
  "whole or not at all (on mysql, in transactions of 100,000 quads).\n"
  "\n"
  "  -s, --store SPEC        store (default " RK_DEFAULT_STORE ")\n"
  "  -q, --quiet             no count of the quads loaded\n"
  "  -h, --help              this help\n";

static const char usage_stats[] =
  "Usage: reviewkg stats [OPTION]...\n"
  "Count reviews, films, people, outlets and triples in the store.\n"
  "\n"
  "  -s, --store SPEC        store (default " RK_DEFAULT_STORE ")\n"
  "  -h, --help              this help\n";

static const char usage_export[] =
  "Usage: reviewkg export [OPTION]...\n"
  "Write every statement of the store.  N-Quads keeps the named graphs.\n"
  "\n"
  "  -s, --store SPEC        store (default " RK_DEFAULT_STORE ")\n"
  "  -f, --format FMT        nquads (default), ntriples or turtle\n"
  "  -o, --output FILE       write to FILE instead of standard output\n"
  "  -h, --help              this help\n";

static const char usage_explain[] =
  "Usage: reviewkg explain [OPTION]... (NAME | IRI)\n"
  "Print every fact the store holds about an entity, with the review it comes\n"
  "from, and the evidence from the provenance graphs: source document, rule,\n"
  "character offsets, confidence, and the words (read again from the document\n"
  "when it is unchanged).  NAME matches schema:name or schema:alternateName,\n"
  "ignoring case and accents; an IRI names the entity itself.\n"
  "Exit status: 0 found; 1 nothing matches; 2 usage or store error.\n"
  "\n"
  "  -s, --store SPEC        store (default " RK_DEFAULT_STORE ")\n"
  "  -h, --help              this help\n";

#define STR(x) STR_(x)
#define STR_(x) #x
static const char usage_serve[] =
  "Usage: reviewkg serve [OPTION]...\n"
  "Answer SPARQL queries over HTTP at http://ADDR:PORT/sparql (SPARQL 1.1\n"
  "Protocol): GET ?query=..., or POST as application/x-www-form-urlencoded or\n"
  "application/sparql-query.  Results by the Accept header or format=:\n"
  "SELECT and ASK as SPARQL JSON (default), SPARQL XML, CSV or TSV; CONSTRUCT\n"
  "and DESCRIBE as Turtle (default) or N-Triples.  The store is opened\n"
  "read-only and SPARQL Update is refused.  Each query runs in a process of\n"
  "its own, killed after --timeout seconds.  Prints \"listening on URL\" on\n"
  "standard output once it listens; SIGINT or SIGTERM stop it.\n"
  "Exit status: 0 stopped by a signal; 1 cannot start (store, address);\n"
  "2 usage error.\n"
  "\n"
  "  -s, --store SPEC        store to serve (default " RK_DEFAULT_STORE ")\n"
  "  -p, --port N            TCP port (default " STR(RK_SERVE_PORT) "; 0 picks a free one)\n"
  "  -b, --bind ADDR         numeric address to listen on (default " RK_SERVE_BIND ")\n"
  "  -t, --timeout SECONDS   stop a query after SECONDS (default " STR(RK_SERVE_TIMEOUT) ")\n"
  "  -m, --max-clients N     queries running at once; more get 503 (default " STR(RK_SERVE_MAX_CLIENTS) ")\n"
  "  -q, --quiet             no line per request on standard error\n"
  "  -v, --verbose           also print informational messages\n"
  "  -h, --help              this help\n";

static int
usage_error(const char *usage, const char *fmt, const char *arg)
{
  fprintf(stderr, "reviewkg: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n%s", usage);
  return EXIT_ERROR;
}

/* ------------------------------------------------------------ shared */

enum { OPT_BASE = 256, OPT_PROV, OPT_MINCONF, OPT_DICT, OPT_MAXBYTES, OPT_MAXLINE, OPT_MAXDEPTH,
       OPT_BATCH };

typedef struct {
  const char *format, *output, *base, *dict, *store, *results, *query_file, *manifest;
  int         provenance, quiet, batch, jobs;
  double      min_conf;
  size_t      max_bytes, max_line;
  int         max_depth;
} Opts;

static int
parse_opts(int argc, char **argv, const char *usage, const char *shortopts, Opts *o)
{
  static const struct option longopts[] = {
    { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
    { "store", required_argument, NULL, 's' }, { "results", required_argument, NULL, 'r' },
    { "query-file", required_argument, NULL, 'q' }, { "quiet", no_argument, NULL, 'Q' },
    { "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' },
    { "base", required_argument, NULL, OPT_BASE }, { "provenance", no_argument, NULL, OPT_PROV },
    { "min-confidence", required_argument, NULL, OPT_MINCONF },
    { "dict-dir", required_argument, NULL, OPT_DICT },
    { "max-bytes", required_argument, NULL, OPT_MAXBYTES },
    { "max-line", required_argument, NULL, OPT_MAXLINE },
    { "max-depth", required_argument, NULL, OPT_MAXDEPTH },
    { "batch", required_argument, NULL, OPT_BATCH }, { "jobs", required_argument, NULL, 'j' },
    { "manifest", required_argument, NULL, 'm' },
    { NULL, 0, NULL, 0 }
  };
  int c;

  memset(o, 0, sizeof *o);
  o->base  = RK_DEFAULT_BASE;
  o->store = RK_DEFAULT_STORE;
  o->batch = 200;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
    char *end;
    switch (c) {
    case 'f': o->format = optarg; break;
    case 'o': o->output = optarg; break;
    case 's': o->store = optarg; break;
    case 'r': o->results = optarg; break;
    case 'm': o->manifest = optarg; break;
    case 'q':  /* query: -q FILE; extract and build: -q is --quiet */
      if (optarg) o->query_file = optarg;
      else o->quiet = 1;
      break;
    case 'Q': o->quiet = 1; break;
    case 'v': verbose = 1; break;
    case 'h': fputs(usage, stdout); return -1;
    case OPT_BASE: o->base = optarg; break;
    case OPT_PROV: o->provenance = 1; break;
    case OPT_DICT: o->dict = optarg; break;
    case OPT_MINCONF:
      o->min_conf = strtod(optarg, &end);
      if (*end || o->min_conf < 0 || o->min_conf > 1)
        return usage_error(usage, "--min-confidence wants a number from 0 to 1, not '%s'", optarg);
      break;
    case OPT_MAXBYTES:
      o->max_bytes = (size_t)strtoull(optarg, &end, 10);
      if (*end || !o->max_bytes)
        return usage_error(usage, "--max-bytes wants a positive number, not '%s'", optarg);
      break;
    case OPT_MAXLINE:
      o->max_line = (size_t)strtoull(optarg, &end, 10);
      if (*end || !o->max_line)
        return usage_error(usage, "--max-line wants a positive number, not '%s'", optarg);
      break;
    case OPT_MAXDEPTH:
      o->max_depth = (int)strtol(optarg, &end, 10);
      if (*end || o->max_depth < 1 || o->max_depth > 100000)
        return usage_error(usage, "--max-depth wants a number from 1 to 100000, not '%s'", optarg);
      break;
    case 'j':
      o->jobs = (int)strtol(optarg, &end, 10);
      if (*end || o->jobs < 1 || o->jobs > 256)
        return usage_error(usage, "--jobs wants a number from 1 to 256, not '%s'", optarg);
      break;
    case OPT_BATCH:
      o->batch = atoi(optarg);
      if (o->batch < 1)
        return usage_error(usage, "--batch wants a positive number, not '%s'", optarg);
      break;
    case '?':
    default:
      if (optopt)
        return usage_error(usage, "option -%c is unknown or needs an argument", (char[]){ (char)optopt, 0 });
      return usage_error(usage, "unknown option '%s'", argv[optind - 1]);
    }
  }
  return 0;
}

/* Open @p path for writing ("-" is standard output); creates its directory. */
static FILE *
open_output(const char *path)
{
  FILE *f;

  if (!path || !strcmp(path, "-"))
    return stdout;
  if (!(f = fopen(path, "w"))) {
    /* "output/reviews.ttl": make the directory the first time */
    char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash) {
      *slash = '\0';
      mkdir(dir, 0777);
      f = fopen(path, "w");
    }
    free(dir);
  }
  if (!f)
    fprintf(stderr, "reviewkg: %s: cannot write: %s\n", path, strerror(errno));
  return f;
}

static int
close_output(FILE *f, const char *path)
{
  int bad = fflush(f) != 0 || ferror(f);

  if (f != stdout && fclose(f) != 0)
    bad = 1;
  if (bad)
    fprintf(stderr, "reviewkg: %s: write failed: %s\n", path ? path : "standard output", strerror(errno));
  return bad;
}

static int
pipeline_init(RkPipeline *pl, const Opts *o, RkLexicon **lex, RkResolver **res)
{
  RkStatus st;

  memset(pl, 0, sizeof *pl);
  if ((st = rk_lexicon_load(o->dict, &stderr_log, lex)) || (st = rk_resolver_new(res))) {
    fprintf(stderr, "reviewkg: cannot start: %s\n", rk_strerror(st));
    return -1;
  }
  pl->lex      = *lex;
  pl->resolver = *res;
  pl->log      = &stderr_log;
  pl->progress = !o->quiet && isatty(STDERR_FILENO);
  pl->jobs     = o->jobs ? o->jobs : 1;
  rk_read_limits_default(&pl->limits);
  if (o->max_bytes)
    pl->limits.max_bytes = o->max_bytes;
  if (o->max_line)
    pl->limits.max_line = o->max_line;
  if (o->max_depth)
    pl->limits.max_depth = o->max_depth;
  rk_emit_opts_default(&pl->emit);
  pl->emit.base           = o->base;
  pl->emit.provenance     = o->provenance;
  pl->emit.min_confidence = o->min_conf;
  return 0;
}

/* --manifest FILE, checked whole before any document is read: a manifest
 * applied in part would mint other IRIs without a word.  Returns 0 (and
 * NULL in @p out without the option) or -1 once the loader said why. */
static int
load_manifest(const Opts *o, RkManifest **out)
{
  RkReadLimits lim;
  RkStatus     st;

  *out = NULL;
  if (!o->manifest)
    return 0;
  rk_read_limits_default(&lim);
  if (o->max_bytes)
    lim.max_bytes = o->max_bytes;
  if ((st = rk_manifest_load(o->manifest, &lim, &stderr_log, out))) {
    fprintf(stderr, "reviewkg: %s: manifest refused (%s); no document was read\n", o->manifest,
            rk_strerror(st));
    return -1;
  }
  rk_log(&stderr_log, RK_LOG_INFO, o->manifest, "the manifest lists %zu documents",
         rk_manifest_count(*out));
  return 0;
}

static int
run_exit(RkStatus st, const RkRunStats *stats)
{
  if (st)
    return EXIT_ERROR;
  return stats->docs_failed ? EXIT_DOCS_FAILED : EXIT_OK;
}

/* ------------------------------------------------------------ commands */

static int
cmd_extract(RkRdf *rdf, int argc, char **argv)
{
  Opts        o;
  RkSyntax    syntax = RK_SYNTAX_TURTLE;
  RkPipeline  pl;
  RkLexicon  *lex = NULL;
  RkResolver *res = NULL;
  RkManifest *man = NULL;
  RkWriter   *w = NULL;
  RkRunStats  stats = { 0, 0, 0 };
  FILE       *out = NULL;
  RkStatus    st = RK_OK;
  int         rc = parse_opts(argc, argv, usage_extract, "f:o:m:j:qvh", &o), code = EXIT_ERROR;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (o.format && rk_syntax_parse(o.format, &syntax))
    return usage_error(usage_extract, "unknown format '%s'", o.format);
  if (optind >= argc)
    return usage_error(usage_extract, "%s", "no PATH given (use - for standard input)");
  if (syntax == RK_SYNTAX_NQUADS)
    o.provenance = 1;
  if (load_manifest(&o, &man))
    return EXIT_DOCS_FAILED;
  if (pipeline_init(&pl, &o, &lex, &res) || !(out = open_output(o.output)))
    goto done;
  pl.manifest = man;
  if ((st = rk_writer_new(rdf, syntax, out, o.output ? o.output : "standard output", o.base,
                          &stderr_log, &w)))
    goto done;
  rk_writer_keep_provenance(w, o.provenance);
  RkSink sink = rk_writer_sink(w);
  st = rk_pipeline_run(&pl, argv + optind, (size_t)(argc - optind), &sink, &stats);
  if (!st)
    st = rk_writer_finish(w);
  code = run_exit(st, &stats);
done:
  rk_writer_free(w);
  if (out && close_output(out, o.output))
    code = EXIT_ERROR;
  rk_resolver_free(res);
  rk_lexicon_free(lex);
  rk_manifest_free(man);
  return code;
}

/* Films already in the store keep their IRIs: seed the resolver. */
typedef struct { RkResolver *res; const char *prefix; size_t plen; } Seed;

static RkStatus
seed_film(void *handle, const char *film_iri, const char *title)
{
  Seed *s = handle;

  if (strncmp(film_iri, s->prefix, s->plen) || strchr(film_iri + s->plen, '/'))
    return RK_OK;
  return rk_resolver_add_film(s->res, title, 0, film_iri + s->plen);
}

static int
cmd_build(RkRdf *rdf, int argc, char **argv)
{
  Opts        o;
  RkPipeline  pl;
  RkLexicon  *lex = NULL;
  RkResolver *res = NULL;
  RkWriter   *w = NULL;
  RkStore    *store = NULL;
  RkManifest *man = NULL;
  RkRunStats  stats = { 0, 0, 0 };
  FILE       *out = NULL;
  RkStatus    st = RK_OK;
  int         rc = parse_opts(argc, argv, usage_build, "s:o:m:j:qvh", &o), code = EXIT_ERROR;
  const char *ttl;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (optind >= argc)
    return usage_error(usage_build, "%s", "no PATH given");
  ttl = o.output ? o.output : "output/reviews.ttl";
  o.provenance = 1;
  if (load_manifest(&o, &man))
    return EXIT_DOCS_FAILED;
  if (pipeline_init(&pl, &o, &lex, &res))
    goto done;
  pl.manifest = man;
  if ((st = rk_store_open(rdf, o.store, RK_STORE_WRITE, &stderr_log, &store)))
    goto done;
  rk_store_set_batch(store, o.batch);
  {
    char prefix[2048];
    Seed seed = { res, prefix, 0 };
    snprintf(prefix, sizeof prefix, "%sfilm/", o.base);
    seed.plen = strlen(prefix);
    if ((st = rk_store_each_film_title(store, seed_film, &seed)))
      goto done;
  }
  RkSink store_sink = rk_store_sink(store), sink = store_sink;
  RkTee  tee;
  if (strcmp(ttl, "-") != 0 || o.output == NULL) {
    if (!(out = open_output(ttl)))
      goto done;
    if ((st = rk_writer_new(rdf, RK_SYNTAX_TURTLE, out, ttl, o.base, &stderr_log, &w)))
      goto done;
    tee.a = rk_writer_sink(w);
    tee.b = store_sink;
    sink  = rk_sink_tee(&tee);
  }
  st = rk_pipeline_run(&pl, argv + optind, (size_t)(argc - optind), &sink, &stats);
  if (!st && w)
    st = rk_writer_finish(w);
  if (!st)
    st = rk_store_close(store);
  else
    rk_store_close(store);  /* commits what loaded before the failure */
  store = NULL;
  code = run_exit(st, &stats);
  if (!o.quiet)
    fprintf(stderr, "reviewkg: %zu reviews loaded into %s, %zu failed%s%s\n", stats.docs_ok, o.store,
            stats.docs_failed, w ? "; Turtle in " : "", w ? ttl : "");
done:
  rk_store_close(store);
  rk_writer_free(w);
  if (out && close_output(out, ttl))
    code = EXIT_ERROR;
  rk_resolver_free(res);
  rk_lexicon_free(lex);
  rk_manifest_free(man);
  return code;
}

static char *
slurp(const char *path)
{
  FILE  *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  RkBuf  b;
  char   chunk[8192];
  size_t n;

  if (!f) {
    fprintf(stderr, "reviewkg: %s: cannot read: %s\n", path, strerror(errno));
    return NULL;
  }
  rk_buf_init(&b);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (rk_buf_append(&b, chunk, n)) {
      rk_buf_clear(&b);
      break;
    }
  if (f != stdin)
    fclose(f);
  return rk_buf_steal(&b);
}

static int
cmd_query(RkRdf *rdf, int argc, char **argv)
{
  Opts     o;
  RkStore *store = NULL;
  char    *text = NULL;
  RkStatus st;
  int      rc = parse_opts(argc, argv, usage_query, "s:r:q:h", &o), code = EXIT_ERROR;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (o.query_file) {
    if (optind < argc)
      return usage_error(usage_query, "%s", "give either a QUERY or -q FILE, not both");
    if (!(text = slurp(o.query_file)))
      return EXIT_ERROR;
  } else if (optind + 1 == argc) {
    text = strdup(argv[optind]);
  } else {
    return usage_error(usage_query, "%s", "give one QUERY or -q FILE.rq");
  }
  if (!(st = rk_store_open(rdf, o.store, RK_STORE_READ, &stderr_log, &store)))
    st = rk_store_query(store, text, o.results ? o.results : "table", stdout);
  if (!st && (fflush(stdout) || ferror(stdout))) {
    fprintf(stderr, "reviewkg: standard output: write failed: %s\n", strerror(errno));
    st = RK_ERR_IO;
  }
  code = st == RK_OK ? EXIT_OK : (st == RK_ERR_BAD_ARG ? EXIT_ERROR : EXIT_ERROR);
  rk_store_close(store);
  free(text);
  return code;
}

static int
cmd_forget(RkRdf *rdf, int argc, char **argv)
{
  Opts        o;
  RkStore    *store = NULL;
  RkManifest *man = NULL;
  RkStatus    st;
  int         rc = parse_opts(argc, argv, usage_forget, "s:m:h", &o), code = EXIT_OK;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (optind >= argc)
    return usage_error(usage_forget, "%s", "nothing to forget: give review IRIs or document paths");
  if (load_manifest(&o, &man))
    return EXIT_DOCS_FAILED;
  if ((st = rk_store_open(rdf, o.store, RK_STORE_WRITE, &stderr_log, &store))) {
    rk_manifest_free(man);
    return EXIT_ERROR;
  }
  for (int i = optind; i < argc && code != EXIT_ERROR; i++) {
    char   *iri = NULL;
    RkDoc  *doc = NULL;
    if (!strncmp(argv[i], "http://", 7) || !strncmp(argv[i], "https://", 8) || !strncmp(argv[i], "urn:", 4)) {
      iri = strdup(argv[i]);
    } else if (!rk_doc_read(argv[i], NULL, &stderr_log, &doc)) {
      char id[17];
      /* the IRI the build minted: from the manifest's url when it has one */
      if (man && rk_manifest_apply(man, doc) == RK_ERR_NOMEM) {
        code = EXIT_ERROR;
        rk_doc_free(doc);
        break;
      }
      rk_review_id(doc->meta.url, doc->sha256, id);
      iri = rk_review_graph_iri(o.base, id);
    } else {
      code = EXIT_DOCS_FAILED;
      continue;
    }
    st = iri ? rk_store_forget(store, iri) : RK_ERR_NOMEM;
    if (st == RK_NO_MATCH) {
      fprintf(stderr, "reviewkg: %s: no such review in %s\n", argv[i], o.store);
      code = EXIT_DOCS_FAILED;
    } else if (st) {
      code = EXIT_ERROR;
    }
    free(iri);
    rk_doc_free(doc);
  }
  if (rk_store_close(store))
    code = EXIT_ERROR;
  rk_manifest_free(man);
  return code;
}

static int
cmd_stats(RkRdf *rdf, int argc, char **argv)
{
  Opts         o;
  RkStore     *store = NULL;
  RkStoreStats s;
  int          rc = parse_opts(argc, argv, usage_stats, "s:h", &o), code = EXIT_ERROR;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (optind < argc)
    return usage_error(usage_stats, "unexpected argument '%s'", argv[optind]);
  if (!rk_store_open(rdf, o.store, RK_STORE_READ, &stderr_log, &store) && !rk_store_stats(store, &s)) {
    printf("reviews\t%ld\nfilms\t%ld\npeople\t%ld\noutlets\t%ld\ntriples\t%ld\n",
           s.reviews, s.films, s.people, s.outlets, s.triples);
    code = fflush(stdout) || ferror(stdout) ? EXIT_ERROR : EXIT_OK;
  }
  rk_store_close(store);
  return code;
}

static int
cmd_export(RkRdf *rdf, int argc, char **argv)
{
  Opts     o;
  RkStore *store = NULL;
  RkSyntax syntax = RK_SYNTAX_NQUADS;
  FILE    *out = NULL;
  int      rc = parse_opts(argc, argv, usage_export, "s:f:o:h", &o), code = EXIT_ERROR;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (o.format && (rk_syntax_parse(o.format, &syntax) || syntax == RK_SYNTAX_DOT || syntax == RK_SYNTAX_RDFXML))
    return usage_error(usage_export, "format '%s' is not one of nquads, ntriples, turtle", o.format);
  if (rk_store_open(rdf, o.store, RK_STORE_READ, &stderr_log, &store) || !(out = open_output(o.output)))
    goto done;
  code = rk_store_export(store, syntax, out) ? EXIT_ERROR : EXIT_OK;
  if (close_output(out, o.output))
    code = EXIT_ERROR;
done:
  rk_store_close(store);
  return code;
}

static int
cmd_load(RkRdf *rdf, int argc, char **argv)
{
  Opts     o;
  RkStore *store = NULL;
  int      rc = parse_opts(argc, argv, usage_load, "s:qh", &o), code = EXIT_OK;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (optind >= argc)
    return usage_error(usage_load, "%s", "nothing to load: give N-Quads files");
  if (rk_store_open(rdf, o.store, RK_STORE_WRITE, &stderr_log, &store))
    return EXIT_ERROR;
  for (int i = optind; i < argc && code != EXIT_ERROR; i++) {
    long     n  = 0;
    RkStatus st = rk_store_load(store, argv[i], &n);

    if (st == RK_ERR_PARSE || st == RK_ERR_IO)
      code = EXIT_DOCS_FAILED;  /* that file is not in; the next may be */
    else if (st)
      code = EXIT_ERROR;
    else if (!o.quiet)
      fprintf(stderr, "reviewkg: %s: %ld quads loaded\n", argv[i], n);
  }
  if (rk_store_close(store))
    code = EXIT_ERROR;
  return code;
}

static int
cmd_explain(RkRdf *rdf, int argc, char **argv)
{
  Opts     o;
  RkStore *store = NULL;
  RkStatus st;
  int      rc = parse_opts(argc, argv, usage_explain, "s:h", &o), code = EXIT_ERROR;

  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (optind + 1 != argc)
    return usage_error(usage_explain, "%s", "give one NAME or IRI");
  if (!(st = rk_store_open(rdf, o.store, RK_STORE_READ, &stderr_log, &store)))
    st = rk_explain(store, argv[optind], stdout);
  if (st == RK_OK) {
    code = EXIT_OK;
  } else if (st == RK_NO_MATCH) {
    fprintf(stderr, "reviewkg: nothing in %s matches '%s'\n", o.store, argv[optind]);
    code = EXIT_DOCS_FAILED;
  } else if (st == RK_ERR_IO) {
    fprintf(stderr, "reviewkg: standard output: write failed: %s\n", strerror(errno));
  }
  rk_store_close(store);
  return code;
}

/* serve has options of its own, so they are not taken by the other commands. */
static int
cmd_serve(RkRdf *rdf, int argc, char **argv)
{
  static const struct option longopts[] = {
    { "store", required_argument, NULL, 's' }, { "port", required_argument, NULL, 'p' },
    { "bind", required_argument, NULL, 'b' }, { "timeout", required_argument, NULL, 't' },
    { "max-clients", required_argument, NULL, 'm' }, { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  RkServeOpts o;
  RkStatus    st;
  int         c, quiet = 0;
  long        n;
  char       *end;

  rk_serve_opts_default(&o);
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "s:p:b:t:m:qvh", longopts, NULL)) != -1) {
    switch (c) {
    case 's': o.store = optarg; break;
    case 'b': o.bind = optarg; break;
    case 'q': quiet = 1; break;
    case 'v': verbose = 1; break;
    case 'h': fputs(usage_serve, stdout); return EXIT_OK;
    case 'p':
      n = strtol(optarg, &end, 10);
      if (*end || !*optarg || n < 0 || n > 65535)
        return usage_error(usage_serve, "--port wants a number from 0 to 65535, not '%s'", optarg);
      o.port = (int)n;
      break;
    case 't':
      n = strtol(optarg, &end, 10);
      if (*end || !*optarg || n < 1 || n > 86400)
        return usage_error(usage_serve, "--timeout wants seconds from 1 to 86400, not '%s'", optarg);
      o.timeout = (int)n;
      break;
    case 'm':
      n = strtol(optarg, &end, 10);
      if (*end || !*optarg || n < 1 || n > 1024)
        return usage_error(usage_serve, "--max-clients wants a number from 1 to 1024, not '%s'", optarg);
      o.max_clients = (int)n;
      break;
    default:
      if (optopt)
        return usage_error(usage_serve, "option -%c is unknown or needs an argument", (char[]){ (char)optopt, 0 });
      return usage_error(usage_serve, "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc)
    return usage_error(usage_serve, "unexpected argument '%s'", argv[optind]);
  o.access_log = quiet ? NULL : stderr;
  o.announce   = stdout;
  st = rk_serve(rdf, &o, &stderr_log);
  if (st == RK_ERR_BAD_ARG)
    return EXIT_ERROR;
  return st ? EXIT_DOCS_FAILED : EXIT_OK;  /* 1: could not start */
}

int
main(int argc, char **argv)
{
  static const struct { const char *name; int (*run)(RkRdf *, int, char **); const char *usage; } cmds[] = {
    { "extract", cmd_extract, usage_extract }, { "build", cmd_build, usage_build },
    { "query", cmd_query, usage_query }, { "forget", cmd_forget, usage_forget },
    { "stats", cmd_stats, usage_stats }, { "export", cmd_export, usage_export },
    { "load", cmd_load, usage_load },
    { "explain", cmd_explain, usage_explain }, { "serve", cmd_serve, usage_serve },
    { NULL, NULL, NULL }
  };
  RkRdf *rdf = NULL;
  int    code;

  /* the server's query processes (src/serve.c): not a command for people */
  if (argc == 7 && !strcmp(argv[1], "__serve-query"))
    rk_serve_query_child(argc, argv);

  if (argc < 2)
    return usage_error(usage_main, "%s", "no command given");
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    for (int i = 0; argc > 2 && cmds[i].name; i++)
      if (!strcmp(cmds[i].name, argv[2])) {
        fputs(cmds[i].usage, stdout);
        return EXIT_OK;
      }
    fputs(usage_main, stdout);
    return EXIT_OK;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("reviewkg %s\n", PACKAGE_VERSION);
    return EXIT_OK;
  }
  for (int i = 0; cmds[i].name; i++) {
    if (strcmp(cmds[i].name, argv[1]))
      continue;
    if (rk_rdf_new(&rdf)) {
      fprintf(stderr, "reviewkg: cannot start the RDF library\n");
      return EXIT_ERROR;
    }
    code = cmds[i].run(rdf, argc - 1, argv + 1);
    rk_rdf_free(rdf);
    return code;
  }
  return usage_error(usage_main, "unknown command '%s'", argv[1]);
}
