/* test_store.c - the Redland store: loading, replacing, forgetting, queries,
 * result formats, export round trip, locking and every error status.
 * The data tests run on each backend: sqlite and hashes always, mysql when
 * RK_TEST_MYSQL_SPEC names a server (mysql:host=IP,port=N,...). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* nftw, open_memstream */
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <raptor2.h>  /* an independent N-Quads parser for the round trip */
#include "rktest.h"
#include "reviewkg/store.h"
#include "reviewkg/emit.h"
#include "reviewkg/util.h"

#define B   RK_DEFAULT_BASE
#define S   RK_NS_SCHEMA
#define XSD RK_NS_XSD
#define PREFIX "PREFIX schema: <" S ">\n"
#define BODY "He said \"wow\"\nthen left \\ \xF0\x9F\x98\x80"

static char   tmpdir[256];
static RkRdf *rdf;
static int    serial;  /* with the pid, names a mysql model of its own */

/* sqlite twice: through our bulk load and rk-sqlite reads (the default),
 * and through librdf's own sqlite module */
typedef enum { BK_SQLITE, BK_SQLITE_LIBRDF, BK_HASHES, BK_MYSQL } Backend;
static Backend backends[4];
static int     n_backends;
static const char *backend_names[] = { "sqlite", "sqlite-librdf", "hashes", "mysql" };

/* ------------------------------------------------------------ fixtures */

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  return remove(path);
}

static void
make_tmpdir(void)
{
  snprintf(tmpdir, sizeof tmpdir, "/tmp/test_store.XXXXXX");
  if (!mkdtemp(tmpdir))
    abort();
}

static pid_t parent_pid;  /* Check's forked children must not clean up */

static void
remove_tmpdir(void)
{
  if (getpid() == parent_pid)
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
open_rdf(void)
{
  ck_assert_int_eq(rk_rdf_new(&rdf), RK_OK);
}

static void
close_rdf(void)
{
  rk_rdf_free(rdf);
  rdf = NULL;
}

/* A fresh store spec for @p bk: a directory of its own (Check forks each
 * test from the same state, so counters alone would repeat), or a new
 * model name on the shared mysql. */
static const char *
new_spec(Backend bk)
{
  static char spec[1024];
  char        dir[300];

  serial++;
  snprintf(dir, sizeof dir, "%s/storeXXXXXX", tmpdir);
  if (bk != BK_MYSQL && !mkdtemp(dir))
    abort();
  /* sqlite-librdf: stock librdf writes and reads, the reference */
  if (bk == BK_SQLITE_LIBRDF) {
    setenv("REVIEWKG_SQLITE_LOADER", "librdf", 1);
    setenv("REVIEWKG_SQLITE_READER", "librdf", 1);
  } else {
    unsetenv("REVIEWKG_SQLITE_LOADER");
    unsetenv("REVIEWKG_SQLITE_READER");
  }
  switch (bk) {
  case BK_SQLITE:
  case BK_SQLITE_LIBRDF:
    snprintf(spec, sizeof spec, "sqlite:%s/sub/kg.db", dir);
    break;
  case BK_HASHES:
    snprintf(spec, sizeof spec, "hashes:%s/kg", dir);
    break;
  case BK_MYSQL:
    snprintf(spec, sizeof spec, "%s,model=t%ld_%d", getenv("RK_TEST_MYSQL_SPEC"),
             (long)getpid(), serial);
    break;
  }
  return spec;
}

static RkStore *
open_store(const char *spec, RkStoreMode mode)
{
  RkStore *st = NULL;
  RkStatus rs = rk_store_open(rdf, spec, mode, &rktest_log, &st);

  ck_assert_msg(rs == RK_OK, "open %s: %s (%s)", spec, rk_strerror(rs), rktest_last_msg);
  return st;
}

/* ------------------------------------------------------------ test data */

static RkTerm I(const char *v) { return (RkTerm){ RK_TERM_IRI, v, NULL, NULL }; }
static RkTerm L(const char *v) { return (RkTerm){ RK_TERM_LITERAL, v, NULL, NULL }; }
static RkTerm LT(const char *v, const char *dt) { return (RkTerm){ RK_TERM_LITERAL, v, dt, NULL }; }
static RkTerm LL(const char *v, const char *lang) { return (RkTerm){ RK_TERM_LITERAL, v, NULL, lang }; }
static RkTerm BN(const char *v) { return (RkTerm){ RK_TERM_BLANK, v, NULL, NULL }; }

typedef struct {
  RkSink   sink;
  RkStatus rs;  /* first failure */
  long     n;   /* distinct triples sent */
} Feed;

static void
put(Feed *f, const char *graph, RkTerm s, RkTerm p, RkTerm o)
{
  RkTriple t  = { s, p, o, graph };
  RkEvent  ev = { RK_EV_TRIPLE, { .triple = &t } };

  if (!f->rs)
    f->rs = rk_sink_send(&f->sink, &ev);
  f->n++;
}

typedef struct {
  const char *id, *film, *title, *title_fr, *critic, *critic_name, *org, *org_name;
  const char *value, *best, *actor, *actor_name, *character, *body;
} Review;

static const Review r1 = { "r1", "heat", "Heat", "Chaleur", "jane-doe", "Jane Doe",
                           "daily-planet", "Daily Planet", "4", "5", "al-pacino",
                           "Al Pacino", "Vincent Hanna", BODY };
static const Review r2 = { "r2", "heat", "Heat", "Chaleur", "john-roe", "John Roe",
                           "film-weekly", "Film Weekly", "2", "5", "robert-de-niro",
                           "Robert De Niro", "Neil McCauley", "Overlong." };
static const Review r3 = { "r3", "collateral", "Collateral", "Collat\xC3\xA9ral", "jane-doe",
                           "Jane Doe", "daily-planet", "Daily Planet", "8", "10",
                           "jamie-foxx", "Jamie Foxx", NULL, "Taut." };

#define IRI(buf, ...) (snprintf(buf, sizeof buf, __VA_ARGS__), buf)

/* Sends one review's events (facts and provenance graph) and returns how
 * many distinct triples they hold; one triple is deliberately sent twice. */
static long
send_review(RkSink sink, const Review *r, int end, RkStatus *rs)
{
  char     g[256], pg[256], rev[256], film[256], critic[256], org[256], rating[256];
  char     role[256], actor[256], src[256];
  Feed     f   = { sink, RK_OK, 0 };
  RkDocInfo doc = { "test.txt", rev, g, pg };
  RkEvent  ev  = { RK_EV_DOC_BEGIN, { .doc = &doc } };
  const char *dir = B "person/michael-mann";

  IRI(g, B "graph/review/%s", r->id);
  IRI(pg, B "graph/review/%s/prov", r->id);
  IRI(rev, B "review/%s", r->id);
  IRI(film, B "film/%s", r->film);
  IRI(critic, B "person/%s", r->critic);
  IRI(org, B "org/%s", r->org);
  IRI(rating, B "rating/%s", r->id);
  IRI(role, B "role/%s-%s", r->film, r->actor);
  IRI(actor, B "person/%s", r->actor);
  IRI(src, "file:///corpus/%s.txt", r->id);

  f.rs = rk_sink_send(&sink, &ev);
  put(&f, g, I(rev), I(RK_NS_RDF "type"), I(S "Review"));
  put(&f, g, I(rev), I(S "itemReviewed"), I(film));
  put(&f, g, I(rev), I(S "author"), I(critic));
  put(&f, g, I(rev), I(S "publisher"), I(org));
  put(&f, g, I(rev), I(S "reviewRating"), I(rating));
  put(&f, g, I(rev), I(S "reviewBody"), L(r->body));
  put(&f, g, I(rating), I(RK_NS_RDF "type"), I(S "Rating"));
  put(&f, g, I(rating), I(S "ratingValue"), LT(r->value, XSD "integer"));
  put(&f, g, I(rating), I(S "bestRating"), LT(r->best, XSD "integer"));
  put(&f, g, I(rating), I(S "worstRating"), LT("1", XSD "integer"));
  put(&f, g, I(film), I(RK_NS_RDF "type"), I(S "Movie"));
  put(&f, g, I(film), I(S "name"), L(r->title));
  put(&f, g, I(film), I(S "alternateName"), LL(r->title_fr, "fr"));
  put(&f, g, I(film), I(S "director"), I(dir));
  put(&f, g, I(dir), I(RK_NS_RDF "type"), I(S "Person"));
  put(&f, g, I(dir), I(S "name"), L("Michael Mann"));
  put(&f, g, I(film), I(S "actor"), I(role));
  put(&f, g, I(role), I(RK_NS_RDF "type"), I(S "PerformanceRole"));
  put(&f, g, I(role), I(S "actor"), I(actor));
  if (r->character)
    put(&f, g, I(role), I(S "characterName"), L(r->character));
  put(&f, g, I(actor), I(RK_NS_RDF "type"), I(S "Person"));
  put(&f, g, I(actor), I(S "name"), L(r->actor_name));
  put(&f, g, I(critic), I(RK_NS_RDF "type"), I(S "Person"));
  put(&f, g, I(critic), I(S "name"), L(r->critic_name));
  put(&f, g, I(org), I(RK_NS_RDF "type"), I(S "Organization"));
  put(&f, g, I(org), I(S "name"), L(r->org_name));
  put(&f, g, I(film), I(RK_NS_RDF "type"), I(S "Movie"));  /* again: stored once */
  f.n--;
  put(&f, pg, I(rev), I(RK_NS_PROV "wasGeneratedBy"), BN("run"));
  put(&f, pg, BN("run"), I(RK_NS_RDF "type"), I(RK_NS_PROV "Activity"));
  put(&f, pg, I(rev), I(RK_NS_PROV "wasDerivedFrom"), I(src));
  if (end && !f.rs) {
    ev.type = RK_EV_DOC_END;
    f.rs    = rk_sink_send(&sink, &ev);
  }
  *rs = f.rs;
  return f.n;
}

static long
load(RkStore *st, const Review *r)
{
  RkStatus rs;
  long     n = send_review(rk_store_sink(st), r, 1, &rs);

  ck_assert_msg(rs == RK_OK, "load %s: %s (%s)", r->id, rk_strerror(rs), rktest_last_msg);
  return n;
}

/* ------------------------------------------------------------ helpers */

static char *
query_str(RkStore *st, const char *sparql, const char *format, RkStatus *rs)
{
  char  *buf = NULL;
  size_t len = 0;
  FILE  *out = open_memstream(&buf, &len);

  ck_assert_ptr_nonnull(out);
  *rs = rk_store_query(st, sparql, format, out);
  fclose(out);
  return buf;
}

static char *
query_ok(RkStore *st, const char *sparql, const char *format)
{
  RkStatus rs;
  char    *s = query_str(st, sparql, format, &rs);

  ck_assert_msg(rs == RK_OK, "query: %s (%s)", rk_strerror(rs), rktest_last_msg);
  return s;
}

static char *
read_text(const char *path)
{
  FILE  *f = fopen(path, "r");
  char  *buf;
  long   n;

  ck_assert_msg(f != NULL, "cannot read %s", path);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  buf = malloc(n + 1);
  ck_assert_int_eq(fread(buf, 1, n, f), n);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* Lines after the CSV header, with CRLF line ends turned into "|" so a
 * whole result compares as one string. */
static char *
csv_rows(RkStore *st, const char *sparql)
{
  char *csv = query_ok(st, sparql, "csv");
  char *body = strchr(csv, '\n');
  char *rows = strdup(body ? body + 1 : "");

  for (char *p = rows, *q = rows; ; p++) {
    if (*p == '\r')
      continue;
    *q++ = *p == '\n' ? '|' : *p;
    if (!*p)
      break;
  }
  free(csv);
  return rows;
}

static char *
example_rows(RkStore *st, const char *name)
{
  char  path[256];
  char *q, *rows;

  snprintf(path, sizeof path, "queries/%s.rq", name);
  q    = read_text(rktest_src(path));
  rows = csv_rows(st, q);
  free(q);
  return rows;
}

static long
triples(RkStore *st)
{
  RkStoreStats s;

  ck_assert_int_eq(rk_store_stats(st, &s), RK_OK);
  return s.triples;
}

static RkStore *
loaded_store(Backend bk, long *n)
{
  RkStore *st = open_store(new_spec(bk), RK_STORE_WRITE);

  *n = load(st, &r1) + load(st, &r2) + load(st, &r3);
  return st;
}

/* ------------------------------------------------------------ data tests */

START_TEST(test_load_counts)
{
  long         n;
  RkStore     *st = loaded_store(backends[_i], &n);
  RkStoreStats s;

  ck_assert_int_eq(n, 29 + 29 + 28);
  ck_assert_int_eq(rk_store_stats(st, &s), RK_OK);
  ck_assert_int_eq(s.triples, n);
  ck_assert_int_eq(s.reviews, 3);
  ck_assert_int_eq(s.films, 2);
  ck_assert_int_eq(s.people, 6);  /* Mann, Pacino, De Niro, Foxx and two critics */
  ck_assert_int_eq(s.outlets, 2);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_idempotent_reload)
{
  static const char *names[] = { "films-by-director", "cast", "reviews-per-publication",
                                  "critics-of-director", "critic-films", "rating-disagreements" };
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  char    *before[6], *spec;

  for (int i = 0; i < 6; i++)
    before[i] = example_rows(st, names[i]);
  load(st, &r1);
  load(st, &r2);
  ck_assert_int_eq(triples(st), n);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
  /* a fresh store loaded in one batch that holds reviews twice */
  spec = strdup(new_spec(backends[_i]));
  st   = open_store(spec, RK_STORE_WRITE);
  rk_store_set_batch(st, 100);
  load(st, &r1), load(st, &r1), load(st, &r2), load(st, &r3), load(st, &r2);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
  st = open_store(spec, RK_STORE_READ);
  free(spec);
  ck_assert_int_eq(triples(st), n);
  for (int i = 0; i < 6; i++) {
    char *after = example_rows(st, names[i]);

    ck_assert_str_eq(after, before[i]);
    free(after);
    free(before[i]);
  }
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_changed_review_replaces)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  Review   changed = r1;
  char    *rows;

  changed.value = "3";
  changed.character = NULL;  /* one triple fewer */
  load(st, &changed);
  ck_assert_int_eq(triples(st), n - 1);
  rows = csv_rows(st, PREFIX "SELECT ?v WHERE { <" B "rating/r1> schema:ratingValue ?v }");
  ck_assert_str_eq(rows, "3|");
  free(rows);
  rows = csv_rows(st, PREFIX "SELECT ?c WHERE { ?r schema:characterName ?c } ORDER BY ?c");
  ck_assert_str_eq(rows, "Neil McCauley|");
  free(rows);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_forget)
{
  long     n, n1;
  RkStore *st = open_store(new_spec(backends[_i]), RK_STORE_WRITE);
  char    *rows;

  n1 = load(st, &r1);
  n  = n1 + load(st, &r2) + load(st, &r3);
  ck_assert_int_eq(rk_store_forget(st, B "review/r1"), RK_OK);
  ck_assert_int_eq(triples(st), n - n1);
  rows = csv_rows(st, PREFIX "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g");
  ck_assert_str_eq(rows, B "graph/review/r2|" B "graph/review/r2/prov|"
                   B "graph/review/r3|" B "graph/review/r3/prov|");
  free(rows);
  ck_assert_int_eq(rk_store_forget(st, B "review/r1"), RK_NO_MATCH);
  ck_assert_int_eq(rk_store_forget(st, B "graph/review/r1"), RK_NO_MATCH);
  /* by the provenance graph: both go */
  ck_assert_int_eq(rk_store_forget(st, B "graph/review/r2/prov"), RK_OK);
  ck_assert_int_eq(rk_store_forget(st, B "graph/review/r2"), RK_NO_MATCH);
  ck_assert_int_eq(rk_store_forget(st, B "graph/review/r3"), RK_OK);
  ck_assert_int_eq(rk_store_forget(st, B "graph/review/prov"), RK_NO_MATCH);  /* a review "prov" */
  ck_assert_int_eq(triples(st), 0);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_graph_query)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  char    *rows = csv_rows(st, PREFIX "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?r a schema:Review } } "
                                      "ORDER BY ?g");

  ck_assert_str_eq(rows, B "graph/review/r1|" B "graph/review/r2|" B "graph/review/r3|");
  free(rows);
  /* nothing is in the default graph */
  rows = csv_rows(st, PREFIX "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" B "graph/review/r1/prov> "
                             "{ ?s ?p ?o } }");
  ck_assert_str_eq(rows, "3|");
  free(rows);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_literals_survive)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  char    *rows;

  rows = csv_rows(st, PREFIX "SELECT ?r WHERE { ?r schema:reviewBody \"He said \\\"wow\\\"\\nthen "
                             "left \\\\ \xF0\x9F\x98\x80\" }");
  ck_assert_str_eq(rows, B "review/r1|");
  free(rows);
  rows = csv_rows(st, PREFIX "SELECT ?f WHERE { ?f schema:alternateName \"Collat\xC3\xA9ral\"@fr }");
  ck_assert_str_eq(rows, B "film/collateral|");
  free(rows);
  /* the datatype is kept: xsd:integer sorts and compares as a number */
  rows = csv_rows(st, PREFIX "SELECT ?v WHERE { ?g schema:ratingValue ?v . FILTER(?v > 3) } "
                             "ORDER BY ?v");
  ck_assert_str_eq(rows, "4|8|");
  free(rows);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_result_formats)
{
  long        n;
  RkStore    *st = loaded_store(backends[_i], &n);
  const char *q  = PREFIX "SELECT DISTINCT ?name WHERE { <" B "person/jane-doe> schema:name ?name }";
  char       *s;

  s = query_ok(st, q, "csv");
  ck_assert_str_eq(s, "name\r\nJane Doe\r\n");
  free(s);
  s = query_ok(st, q, "tsv");
  ck_assert_str_eq(s, "?name\n\"Jane Doe\"\n");
  free(s);
  s = query_ok(st, q, "json");
  ck_assert_ptr_nonnull(strstr(s, "\"results\""));
  ck_assert_ptr_nonnull(strstr(s, "\"bindings\""));
  ck_assert_ptr_nonnull(strstr(s, "\"Jane Doe\""));
  free(s);
  s = query_ok(st, q, "xml");
  ck_assert_ptr_nonnull(strstr(s, "<sparql"));
  ck_assert_ptr_nonnull(strstr(s, "<literal>Jane Doe</literal>"));
  free(s);
  s = query_ok(st, q, "table");
  ck_assert_str_eq(s, "| name     |\n|----------|\n| Jane Doe |\n");
  free(s);
  s = query_ok(st, PREFIX "SELECT ?f ?t ?x WHERE { ?f schema:alternateName ?t } ORDER BY ?t", "table");
  ck_assert_str_eq(s, "| f                                              | t             | x |\n"
                      "|------------------------------------------------|---------------|---|\n"
                      "| <" B "film/heat>       | Chaleur@fr    |   |\n"
                      "| <" B "film/heat>       | Chaleur@fr    |   |\n"
                      "| <" B "film/collateral> | Collat\xC3\xA9ral@fr |   |\n");
  free(s);
  s = query_ok(st, PREFIX "SELECT ?x WHERE { ?x a schema:Podcast }", "table");
  ck_assert_str_eq(s, "(no rows)\n");
  free(s);
  s = query_ok(st, PREFIX "ASK { ?r a schema:Review }", "table");
  ck_assert_str_eq(s, "true\n");
  free(s);
  s = query_ok(st, PREFIX "ASK { ?r a schema:Podcast }", "csv");
  ck_assert_str_eq(s, "false\n");
  free(s);
  s = query_ok(st, PREFIX "ASK { ?r a schema:Review }", "json");
  ck_assert_ptr_nonnull(strstr(s, "\"boolean\" : true"));
  free(s);
  s = query_ok(st, PREFIX "CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; "
                          "schema:name ?n }", "ntriples");
  ck_assert_ptr_nonnull(strstr(s, "<" B "film/heat> <" S "name> \"Heat\" .\n"));
  free(s);
  s = query_ok(st, PREFIX "CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; "
                          "schema:name ?n }", "turtle");
  ck_assert_ptr_nonnull(strstr(s, "@prefix schema: <" S ">"));
  ck_assert_ptr_nonnull(strstr(s, "schema:name \"Heat\""));
  free(s);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_example_queries)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  char    *rows;

  rows = example_rows(st, "films-by-director");
  ck_assert_str_eq(rows, "Michael Mann,Collateral|Michael Mann,Heat|");
  free(rows);
  rows = example_rows(st, "cast");
  /* cast.rq lists named characters only (no OPTIONAL: see the query) */
  ck_assert_str_eq(rows, "Heat,Al Pacino,Vincent Hanna|Heat,Robert De Niro,Neil McCauley|");
  free(rows);
  rows = example_rows(st, "reviews-per-publication");
  ck_assert_str_eq(rows, "Daily Planet,2|Film Weekly,1|");
  free(rows);
  rows = example_rows(st, "critics-of-director");
  ck_assert_str_eq(rows, "Michael Mann,Jane Doe,2|Michael Mann,John Roe,1|");
  free(rows);
  rows = example_rows(st, "critic-films");
  ck_assert_str_eq(rows, "Jane Doe,Collateral|Jane Doe,Heat|John Roe,Heat|");
  free(rows);
  rows = example_rows(st, "rating-disagreements");
  ck_assert_str_eq(rows, "Heat,0.4,0.8,2|");
  free(rows);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

typedef struct { int n; int heat; } Films;

static RkStatus
count_film(void *handle, const char *iri, const char *title)
{
  Films *f = handle;

  f->n++;
  if (!strcmp(iri, B "film/heat") && !strcmp(title, "Heat"))
    f->heat++;
  return RK_OK;
}

static RkStatus
stop_at_first(void *handle, const char *iri, const char *title)
{
  return RK_ERR_INTERNAL;
}

START_TEST(test_each_film_title)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  Films    f  = { 0, 0 };

  ck_assert_int_eq(rk_store_each_film_title(st, count_film, &f), RK_OK);
  ck_assert_int_eq(f.n, 2);  /* Heat is in two graphs but comes once */
  ck_assert_int_eq(f.heat, 1);
  ck_assert_int_eq(rk_store_each_film_title(st, stop_at_first, NULL), RK_ERR_INTERNAL);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

/* What rk_store_select's rows held: the French titles, with their terms. */
typedef struct { int rows, iri, lang_fr, graph; } Selected;

static RkStatus
take_row(void *handle, int ncols, const RkTerm *row)
{
  Selected *sel = handle;

  ck_assert_int_eq(ncols, 3);
  sel->rows++;
  sel->iri += row[0].type == RK_TERM_IRI && !strcmp(row[0].value, B "film/heat");
  sel->lang_fr += row[1].type == RK_TERM_LITERAL && !strcmp(row[1].value, "Chaleur") &&
                  row[1].lang && !strcmp(row[1].lang, "fr");
  sel->graph += row[2].type == RK_TERM_IRI && !strncmp(row[2].value, B "graph/review/r", strlen(B) + 14);
  return RK_OK;
}

/* An unbound variable comes as a NULL value; a non-OK return stops the walk. */
static RkStatus
stop_row(void *handle, int ncols, const RkTerm *row)
{
  ck_assert_int_eq(ncols, 3);
  ck_assert_ptr_nonnull(row[1].value);
  ck_assert_ptr_null(row[2].value);
  (*(int *)handle)++;
  return RK_ERR_INTERNAL;
}

START_TEST(test_select)
{
  long     n;
  RkStore *st  = loaded_store(backends[_i], &n);
  Selected sel = { 0, 0, 0, 0 };
  int      calls;

  ck_assert_int_eq(rk_store_select(st, PREFIX "SELECT ?f ?t ?g WHERE { GRAPH ?g { ?f schema:alternateName ?t . "
                                   "?f schema:name \"Heat\" } }", take_row, &sel), RK_OK);
  ck_assert_int_eq(sel.rows, 2);  /* Heat in r1 and r2: one row per graph */
  ck_assert_int_eq(sel.iri, 2);
  ck_assert_int_eq(sel.lang_fr, 2);
  ck_assert_int_eq(sel.graph, 2);
  calls = 0;
  ck_assert_int_eq(rk_store_select(st, PREFIX "SELECT ?f ?t ?g WHERE { ?f schema:name ?t }", stop_row, &calls),
                   RK_ERR_INTERNAL);
  ck_assert_int_eq(calls, 1);
  ck_assert_int_eq(rk_store_select(st, "SELECT ?x WHERE { ?x", take_row, &sel), RK_ERR_QUERY);
  ck_assert_int_eq(rk_store_select(st, "ASK { ?s ?p ?o }", take_row, &sel), RK_ERR_QUERY);
  ck_assert_int_eq(sel.rows, 2);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

/* Feeds parsed quads into a store sink. */
typedef struct { RkSink sink; RkStatus rs; long n; } Reload;

static RkTerm
from_raptor(raptor_term *t, char *buf, size_t size)
{
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    return I((const char *)raptor_uri_as_string(t->value.uri));
  case RAPTOR_TERM_TYPE_LITERAL:
    if (t->value.literal.language)
      return LL((const char *)t->value.literal.string, (const char *)t->value.literal.language);
    return LT((const char *)t->value.literal.string, t->value.literal.datatype ?
              (const char *)raptor_uri_as_string(t->value.literal.datatype) : NULL);
  case RAPTOR_TERM_TYPE_BLANK:
    snprintf(buf, size, "%s", t->value.blank.string);
    return BN(buf);
  case RAPTOR_TERM_TYPE_UNKNOWN:
    break;
  }
  return I(NULL);
}

static void
reload_statement(void *handle, raptor_statement *s)
{
  Reload  *rl = handle;
  char     b1[128], b2[128];
  RkTriple t  = { from_raptor(s->subject, b1, sizeof b1), from_raptor(s->predicate, NULL, 0),
                  from_raptor(s->object, b2, sizeof b2),
                  s->graph ? (const char *)raptor_uri_as_string(s->graph->value.uri) : NULL };
  RkEvent  ev = { RK_EV_TRIPLE, { .triple = &t } };

  if (!rl->rs)
    rl->rs = rk_sink_send(&rl->sink, &ev);
  rl->n++;
}

START_TEST(test_export_round_trip)
{
  long           n;
  RkStore       *st = loaded_store(backends[_i], &n), *st2;
  char           path[300], *text, *rows;
  FILE          *out;
  raptor_world  *rw = rk_rdf_raptor_world(rdf);
  raptor_parser *parser;
  raptor_uri    *base;
  Reload         rl = { { NULL, NULL }, RK_OK, 0 };

  snprintf(path, sizeof path, "%s/export%ld_%d.nq", tmpdir, (long)getpid(), serial);
  ck_assert_ptr_nonnull(out = fopen(path, "w"));
  ck_assert_int_eq(rk_store_export(st, RK_SYNTAX_NQUADS, out), RK_OK);
  fclose(out);
  text = read_text(path);
  ck_assert_ptr_nonnull(strstr(text, "<" B "graph/review/r1> .\n"));
  ck_assert_ptr_nonnull(strstr(text, "<" B "graph/review/r3/prov> .\n"));
  ck_assert_ptr_nonnull(strstr(text, "\"He said \\\"wow\\\"\\nthen left \\\\ \xF0\x9F\x98\x80\""));
  ck_assert_ptr_nonnull(strstr(text, "\"4\"^^<" XSD "integer>"));
  ck_assert_ptr_nonnull(strstr(text, "\"Chaleur\"@fr"));
  free(text);

  /* parse it back with raptor and load it through the same sink */
  st2     = open_store(new_spec(BK_SQLITE), RK_STORE_WRITE);
  rl.sink = rk_store_sink(st2);
  parser  = raptor_new_parser(rw, "nquads");
  base    = raptor_new_uri(rw, (const unsigned char *)"file:///export.nq");
  raptor_parser_set_statement_handler(parser, &rl, reload_statement);
  out = fopen(path, "r");
  ck_assert_int_eq(raptor_parser_parse_file_stream(parser, out, path, base), 0);
  fclose(out);
  raptor_free_uri(base);
  raptor_free_parser(parser);
  ck_assert_int_eq(rl.rs, RK_OK);
  ck_assert_int_eq(rl.n, n);
  ck_assert_int_eq(triples(st2), n);
  rows = example_rows(st2, "cast");
  /* cast.rq lists named characters only (no OPTIONAL: see the query) */
  ck_assert_str_eq(rows, "Heat,Al Pacino,Vincent Hanna|Heat,Robert De Niro,Neil McCauley|");
  free(rows);
  ck_assert_int_eq(rk_store_close(st2), RK_OK);

  /* without graphs: N-Triples and Turtle */
  out = open_memstream(&text, &(size_t){ 0 });
  ck_assert_int_eq(rk_store_export(st, RK_SYNTAX_NTRIPLES, out), RK_OK);
  fclose(out);
  ck_assert_ptr_nonnull(strstr(text, "<" B "film/heat> <" S "name> \"Heat\" .\n"));
  ck_assert_ptr_null(strstr(text, "graph/review"));
  free(text);
  out = open_memstream(&text, &(size_t){ 0 });
  ck_assert_int_eq(rk_store_export(st, RK_SYNTAX_TURTLE, out), RK_OK);
  fclose(out);
  ck_assert_ptr_nonnull(strstr(text, "schema:Movie"));
  free(text);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_output_errors)
{
  long     n;
  RkStore *st = loaded_store(backends[_i], &n);
  FILE    *full = fopen("/dev/full", "w");
  RkStatus rs;
  char    *s;

  ck_assert_ptr_nonnull(full);
  ck_assert_int_eq(rk_store_query(st, PREFIX "SELECT ?n WHERE { ?x schema:name ?n }", "csv", full),
                   RK_ERR_IO);
  clearerr(full);
  ck_assert_int_eq(rk_store_export(st, RK_SYNTAX_NQUADS, full), RK_ERR_IO);
  clearerr(full);
  ck_assert_int_eq(rk_store_export(st, RK_SYNTAX_TURTLE, full), RK_ERR_IO);
  fclose(full);

  rktest_last_msg[0] = '\0';
  s = query_str(st, "SELECT ?x WHERE { ?x ", "csv", &rs);
  free(s);
  ck_assert_int_eq(rs, RK_ERR_QUERY);
  ck_assert_msg(strstr(rktest_last_msg, "syntax") != NULL, "message: %s", rktest_last_msg);
  s = query_str(st, "SELECT ?x WHERE { ?x ?p ?o }", "yaml", &rs);
  free(s);
  ck_assert_int_eq(rs, RK_ERR_BAD_ARG);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "table, csv"));
  s = query_str(st, "SELECT ?x WHERE { ?x ?p ?o }", "turtle", &rs);
  free(s);
  ck_assert_int_eq(rs, RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_bad_events)
{
  const char *spec = new_spec(backends[_i]);
  RkStore *st = open_store(spec, RK_STORE_WRITE);
  RkStatus rs;
  long     n;
  RkTriple t  = { I(B "a"), I(S "name"), L("x"), NULL };
  RkEvent  ev = { RK_EV_TRIPLE, { .triple = &t } };
  RkSink   sink = rk_store_sink(st);

  ck_assert_int_eq(rk_sink_send(&sink, &ev), RK_ERR_BAD_ARG);  /* default graph */
  t.graph   = B "graph/x";
  t.o.value = NULL;
  ck_assert_int_eq(rk_sink_send(&sink, &ev), RK_ERR_BAD_ARG);
  ck_assert_int_eq(triples(st), 0);
  /* inside a document: that document is dropped, the batch goes on */
  n = load(st, &r2);
  rs = RK_OK;
  send_review(sink, &r1, 0, &rs);
  t.graph = B "graph/review/r1";
  ck_assert_int_eq(rk_sink_send(&sink, &ev), RK_ERR_BAD_ARG);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "not loaded"));
  load(st, &r3);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
  ck_assert_int_eq(rs, RK_OK);
  st = open_store(spec, RK_STORE_READ);
  ck_assert_int_eq(triples(st), n + 28);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

/* ------------------------------------------------------------ transactions */

START_TEST(test_batches_commit)
{
  const char *spec;
  RkStore    *w, *r;
  RkStoreStats s;

  if (backends[_i] == BK_HASHES)
    return;  /* no transactions, and no reader beside a writer */
  spec = new_spec(backends[_i]);
  w    = open_store(spec, RK_STORE_WRITE);
  rk_store_set_batch(w, 2);
  load(w, &r1);
  load(w, &r2);  /* the batch of two is committed here */
  load(w, &r3);  /* and this one waits */
  r = open_store(spec, RK_STORE_READ);
  ck_assert_int_eq(rk_store_stats(r, &s), RK_OK);
  ck_assert_int_eq(s.reviews, 2);
  ck_assert_int_eq(rk_store_close(w), RK_OK);
  ck_assert_int_eq(rk_store_stats(r, &s), RK_OK);
  ck_assert_int_eq(s.reviews, 3);
  ck_assert_int_eq(rk_store_close(r), RK_OK);
}
END_TEST

START_TEST(test_unfinished_document_is_dropped)
{
  const char *spec = new_spec(backends[_i]);
  RkStore    *st   = open_store(spec, RK_STORE_WRITE);
  Review      changed = r1;
  RkStatus    rs;
  long        n;
  char       *rows;

  n = load(st, &r1);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
  st = open_store(spec, RK_STORE_WRITE);
  load(st, &r2);
  changed.value = "1";
  send_review(rk_store_sink(st), &changed, 0, &rs);  /* no DOC_END: the producer failed */
  ck_assert_int_eq(rs, RK_OK);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
  ck_assert_msg(strstr(rktest_last_msg, "graph/review/r1> not loaded"), "message: %s",
                rktest_last_msg);
  /* r1 as it was, and r2 (finished before the failure) committed */
  st = open_store(spec, RK_STORE_READ);
  rows = csv_rows(st, PREFIX "SELECT ?v WHERE { <" B "rating/r1> schema:ratingValue ?v }");
  ck_assert_str_eq(rows, "4|");
  free(rows);
  ck_assert_int_eq(triples(st), n + 29);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

/* ------------------------------------------------------------ locking and opening */

START_TEST(test_second_writer_locked)
{
  const char *spec;
  RkStore    *w, *w2 = NULL, *r = NULL;
  RkStatus    rs;

  if (backends[_i] == BK_MYSQL)
    return;  /* the server arbitrates; there is no lock file */
  spec = new_spec(backends[_i]);
  w    = open_store(spec, RK_STORE_WRITE);
  load(w, &r1);
  ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_WRITE, &rktest_log, &w2), RK_ERR_LOCKED);
  ck_assert_ptr_null(w2);
  ck_assert_msg(strstr(rktest_last_msg, "locked by another writer (reviewkg build running?)"),
                "message: %s", rktest_last_msg);
  rs = rk_store_open(rdf, spec, RK_STORE_READ, &rktest_log, &r);
  if (backends[_i] == BK_HASHES) {
    ck_assert_int_eq(rs, RK_ERR_LOCKED);  /* BDB readers beside a writer see garbage */
  } else {
    ck_assert_int_eq(rs, RK_OK);
    ck_assert_int_eq(rk_store_close(r), RK_OK);
  }
  ck_assert_int_eq(rk_store_close(w), RK_OK);
  /* released at close */
  w = open_store(spec, RK_STORE_WRITE);
  ck_assert_int_eq(rk_store_close(w), RK_OK);
}
END_TEST

START_TEST(test_open_errors)
{
  RkStore *st = NULL;
  char     spec[512], path[300];
  FILE    *f;

  snprintf(spec, sizeof spec, "sqlite:%s/missing/kg.db", tmpdir);
  ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_READ, &rktest_log, &st), RK_ERR_STORE);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "run `reviewkg build` first"));
  snprintf(spec, sizeof spec, "hashes:%s/missing/kg", tmpdir);
  ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_READ, &rktest_log, &st), RK_ERR_STORE);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "reviewkg build"));
  /* a file that is not a store is refused, and left alone */
  snprintf(path, sizeof path, "%s/notes.txt", tmpdir);
  f = fopen(path, "w");
  fputs("not a database\n", f);
  fclose(f);
  snprintf(spec, sizeof spec, "sqlite:%s", path);
  ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_WRITE, &rktest_log, &st), RK_ERR_STORE);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "not a reviewkg"));
  free(read_text(path));

  if (getenv("RK_TEST_MYSQL_SPEC") && *getenv("RK_TEST_MYSQL_SPEC")) {
    snprintf(spec, sizeof spec, "%s,model=absent%ld", getenv("RK_TEST_MYSQL_SPEC"), (long)getpid());
    ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_READ, &rktest_log, &st), RK_ERR_STORE);
    ck_assert_ptr_nonnull(strstr(rktest_last_msg, "reviewkg build"));
    snprintf(spec, sizeof spec, "%s,password=wrong", getenv("RK_TEST_MYSQL_SPEC"));
    ck_assert_int_eq(rk_store_open(rdf, spec, RK_STORE_WRITE, &rktest_log, &st), RK_ERR_STORE);
  }
  ck_assert_int_eq(rk_store_open(rdf, "postgres:x", RK_STORE_READ, &rktest_log, &st), RK_ERR_BAD_ARG);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "sqlite:PATH"));
  ck_assert_int_eq(rk_store_open(rdf, "sqlite:", RK_STORE_READ, &rktest_log, &st), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_store_open(rdf, "mysql:host=localhost,port=53306,database=kg,user=kg",
                                 RK_STORE_READ, &rktest_log, &st), RK_ERR_BAD_ARG);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "127.0.0.1"));
  ck_assert_int_eq(rk_store_open(rdf, "mysql:host=127.0.0.1,colour=red", RK_STORE_READ,
                                 &rktest_log, &st), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_store_open(rdf, "mysql:host=127.0.0.1,port=1", RK_STORE_READ,
                                 &rktest_log, &st), RK_ERR_BAD_ARG);  /* no database, user */
  ck_assert_ptr_null(st);
  ck_assert_int_eq(rk_store_close(NULL), RK_OK);
}
END_TEST

START_TEST(test_read_only_refuses_writes)
{
  const char *spec = new_spec(BK_SQLITE);
  RkStore    *st   = open_store(spec, RK_STORE_WRITE);
  RkStatus    rs;

  ck_assert_int_eq(rk_store_close(st), RK_OK);
  st = open_store(spec, RK_STORE_READ);
  send_review(rk_store_sink(st), &r1, 1, &rs);
  ck_assert_int_eq(rs, RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_store_forget(st, B "review/r1"), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_store_close(st), RK_OK);
}
END_TEST

START_TEST(test_nomem)
{
  RkStore *st = NULL;

  for (long nth = 1; nth <= 4; nth++) {
    rk_alloc_fail_after(nth);
    ck_assert_int_eq(rk_store_open(rdf, new_spec(BK_SQLITE), RK_STORE_WRITE, &rktest_log, &st),
                     RK_ERR_NOMEM);
    ck_assert_ptr_null(st);
  }
  rk_alloc_fail_after(0);
}
END_TEST

/* ------------------------------------------------------------ suite */

static Suite *
store_suite(void)
{
  Suite *s   = suite_create("store");
  TCase *tc  = tcase_create("backends");
  TCase *one = tcase_create("api");

  backends[n_backends++] = BK_SQLITE;
  backends[n_backends++] = BK_SQLITE_LIBRDF;
  backends[n_backends++] = BK_HASHES;
  if (getenv("RK_TEST_MYSQL_SPEC") && *getenv("RK_TEST_MYSQL_SPEC"))
    backends[n_backends++] = BK_MYSQL;
  else
    fprintf(stderr, "test_store: mysql tests skipped (set RK_TEST_MYSQL_SPEC to run them)\n");
  for (int i = 0; i < n_backends; i++)
    fprintf(stderr, "test_store: backend %d = %s\n", i, backend_names[backends[i]]);

  make_tmpdir();
  parent_pid = getpid();
  atexit(remove_tmpdir);
  tcase_set_timeout(tc, 120);
  tcase_add_checked_fixture(tc, open_rdf, close_rdf);
  tcase_add_loop_test(tc, test_load_counts, 0, n_backends);
  tcase_add_loop_test(tc, test_idempotent_reload, 0, n_backends);
  tcase_add_loop_test(tc, test_changed_review_replaces, 0, n_backends);
  tcase_add_loop_test(tc, test_forget, 0, n_backends);
  tcase_add_loop_test(tc, test_graph_query, 0, n_backends);
  tcase_add_loop_test(tc, test_literals_survive, 0, n_backends);
  tcase_add_loop_test(tc, test_result_formats, 0, n_backends);
  tcase_add_loop_test(tc, test_example_queries, 0, n_backends);
  tcase_add_loop_test(tc, test_each_film_title, 0, n_backends);
  tcase_add_loop_test(tc, test_select, 0, n_backends);
  tcase_add_loop_test(tc, test_export_round_trip, 0, n_backends);
  tcase_add_loop_test(tc, test_output_errors, 0, n_backends);
  tcase_add_loop_test(tc, test_bad_events, 0, n_backends);
  tcase_add_loop_test(tc, test_batches_commit, 0, n_backends);
  tcase_add_loop_test(tc, test_unfinished_document_is_dropped, 0, n_backends);
  tcase_add_loop_test(tc, test_second_writer_locked, 0, n_backends);
  suite_add_tcase(s, tc);

  tcase_add_checked_fixture(one, open_rdf, close_rdf);
  tcase_add_test(one, test_open_errors);
  tcase_add_test(one, test_read_only_refuses_writes);
  tcase_add_test(one, test_nomem);
  suite_add_tcase(s, one);
  return s;
}

RKTEST_MAIN(store_suite)
