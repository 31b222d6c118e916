/* test_emit.c - unit tests for stage 5 (emit.c): the triples of a
 * hand-built review seen through a collecting sink, confidence filtering,
 * the provenance graph, sink errors, the raptor writers (RK_ERR_IO on
 * /dev/full), syntax names and allocation failure. */
#include <stdio.h>
#include "reviewkg/emit.h"
#include "reviewkg/review.h"
#include "reviewkg/util.h"
#include "rktest.h"

#define B    RK_DEFAULT_BASE
#define S    RK_NS_SCHEMA
#define RDFT RK_NS_RDF "type"
#define XSD  RK_NS_XSD
#define ID   "0123456789abcdef"
#define FACTS B "graph/review/" ID
#define PROV  B "graph/review/" ID "/prov"
#define FILM  B "film/salt-orchard-2024"

/* ------------------------------------------------------------ a collecting sink */

/* Every event as a string: triples as "<s> <p> obj" (N-Triples-like, no
 * escaping) with the graph kept beside; a failure can be injected. */
typedef struct {
  RkStrList triples;     /* "<s> <p> <o>" or "<s> <p> \"lit\"^^<dt>" */
  RkStrList graphs;      /* the graph of each triple, "" when none */
  int       begins, ends;
  char      facts_graph[256], prov_graph[256], review_iri[256];
  long      fail_after;  /* >0: the n-th triple returns RK_ERR_IO */
  long      seen;        /* events seen */
} Collect;

static RkStatus
term_str(RkBuf *b, const RkTerm *t)
{
  switch (t->type) {
  case RK_TERM_IRI:     return rk_buf_printf(b, "<%s>", t->value);
  case RK_TERM_BLANK:   return rk_buf_printf(b, "_:%s", t->value);
  case RK_TERM_LITERAL:
    if (t->datatype)
      return rk_buf_printf(b, "\"%s\"^^<%s>", t->value, t->datatype);
    if (t->lang)
      return rk_buf_printf(b, "\"%s\"@%s", t->value, t->lang);
    return rk_buf_printf(b, "\"%s\"", t->value);
  }
  return RK_ERR_INTERNAL;
}

static RkStatus
collect_event(void *handle, const RkEvent *ev)
{
  Collect *c = handle;
  RkBuf    b;
  RkStatus st;

  c->seen++;
  switch (ev->type) {
  case RK_EV_DOC_BEGIN:
    c->begins++;
    snprintf(c->facts_graph, sizeof c->facts_graph, "%s", ev->body.doc->graph);
    snprintf(c->prov_graph, sizeof c->prov_graph, "%s", ev->body.doc->prov_graph);
    snprintf(c->review_iri, sizeof c->review_iri, "%s", ev->body.doc->review_iri);
    return RK_OK;
  case RK_EV_DOC_END:
    c->ends++;
    return RK_OK;
  case RK_EV_TRIPLE:
    break;
  }
  if (c->fail_after > 0 && (long)c->triples.n + 1 >= c->fail_after)
    return RK_ERR_IO;
  rk_buf_init(&b);
  if ((st = term_str(&b, &ev->body.triple->s)) || (st = rk_buf_putc(&b, ' ')) ||
      (st = term_str(&b, &ev->body.triple->p)) || (st = rk_buf_putc(&b, ' ')) ||
      (st = term_str(&b, &ev->body.triple->o)))
    goto done;
  if (!(st = rk_strlist_add(&c->triples, b.data)))
    st = rk_strlist_add(&c->graphs, ev->body.triple->graph ? ev->body.triple->graph : "");
done:
  rk_buf_clear(&b);
  return st;
}

static void
collect_init(Collect *c)
{
  memset(c, 0, sizeof *c);
  rk_strlist_init(&c->triples);
  rk_strlist_init(&c->graphs);
}

static void
collect_clear(Collect *c)
{
  rk_strlist_clear(&c->triples);
  rk_strlist_clear(&c->graphs);
}

static RkSink collect_sink(Collect *c) { return (RkSink){ c, collect_event }; }

/* Index of triple @p t, or -1. */
static int
find(const Collect *c, const char *t)
{
  return rk_strlist_find(&c->triples, t);
}

#define HAS(c, t)     ck_assert_msg(find(c, t) >= 0, "missing: %s", t)
#define HAS_NOT(c, t) ck_assert_msg(find(c, t) < 0, "unexpected: %s", t)
#define IRI(x) "<" x ">"

/* ------------------------------------------------------------ the review */

static RkEvidence
evidence(size_t begin, size_t end, float conf, const char *rule)
{
  RkEvidence ev = { begin, end, conf, rule };
  return ev;
}

/* A resolved review of "Salt Orchard" (2024), keys set by hand. */
static RkReview *
salt_orchard(void)
{
  RkReview  *r = rk_review_new();
  RkEvidence ev;
  size_t     dir, felix, agnes, critic;

  ck_assert_ptr_nonnull(r);
  r->doc_path   = rk_strdup("reviews/salt-orchard.txt");
  r->doc_sha256 = rk_strdup(ID ID ID ID);
  r->review_id  = rk_strdup(ID);
  r->film_key   = rk_strdup("salt-orchard-2024");
  r->film_name  = rk_strdup("Salt Orchard");  /* the name it was first keyed under */
  r->date       = rk_strdup("2024-03-09T10:00:00Z");
  ck_assert_int_eq(rk_strlist_add(&r->titles, "Salt Orchard"), RK_OK);
  ck_assert_int_eq(rk_strlist_add(&r->titles, "Le Verger de sel"), RK_OK);
  ck_assert_int_eq(rk_strlist_add(&r->countries, "Ireland"), RK_OK);
  ck_assert_int_eq(rk_strlist_add(&r->languages, "en"), RK_OK);
  r->year    = 2024;
  r->runtime = 101;

  ev = evidence(40, 60, 1.0f, "credits-director");
  ck_assert_int_eq(rk_review_add_person(r, "Corinne Vasquez-Hale", RK_ROLE_DIRECTOR, &ev, &dir), RK_OK);
  ev = evidence(100, 114, 0.9f, "prose-plays");
  ck_assert_int_eq(rk_review_add_person(r, "Felix Marrowby", RK_ROLE_ACTOR, &ev, &felix), RK_OK);
  ev = evidence(200, 214, 0.9f, "credits-cast");
  ck_assert_int_eq(rk_review_add_person(r, "Agnes Tolliver", RK_ROLE_ACTOR, &ev, &agnes), RK_OK);
  ev = evidence(10, 25, 1.0f, "byline");
  ck_assert_int_eq(rk_review_add_person(r, "Wendell Amberly", RK_ROLE_CRITIC, &ev, &critic), RK_OK);
  ck_assert_int_eq(rk_strlist_add(&r->people[dir].aliases, "Vasquez-Hale"), RK_OK);
  r->people[dir].key    = rk_strdup("corinne-vasquez-hale");
  r->people[felix].key  = rk_strdup("felix-marrowby");
  r->people[agnes].key  = rk_strdup("agnes-tolliver");
  r->people[critic].key = rk_strdup("wendell-amberly");
  r->critic    = critic;
  r->critic_ev = evidence(10, 25, 1.0f, "byline");

  ev = evidence(100, 140, 0.9f, "prose-actor-plays");
  ck_assert_int_eq(rk_review_add_play(r, felix, "Anselm", &ev), RK_OK);
  ev = evidence(300, 330, 0.3f, "prose-weak");  /* a doubtful one */
  ck_assert_int_eq(rk_review_add_play(r, agnes, "Rosalind", &ev), RK_OK);

  r->publication     = rk_strdup("Coldwater Film Journal");
  r->publication_key = rk_strdup("coldwater-film-journal");
  r->publication_ev  = evidence(0, 0, 1.0f, "meta-site-name");
  r->rating.text  = rk_strdup("4/5");
  r->rating.value = 4;
  r->rating.best  = 5;
  return r;
}

static void
emit_into(const RkReview *r, int provenance, double min_conf, Collect *c)
{
  RkEmitOpts o;
  RkSink     sink = collect_sink(c);

  rk_emit_opts_default(&o);
  o.provenance     = provenance;
  o.min_confidence = min_conf;
  ck_assert_int_eq(rk_emit_review(r, &o, &sink), RK_OK);
}

/* ------------------------------------------------------------ tests */

START_TEST(review_film_people_roles)
{
  RkReview *r = salt_orchard();
  Collect   c;

  collect_init(&c);
  emit_into(r, 0, 0.0, &c);
  ck_assert_int_eq(c.begins, 1);
  ck_assert_int_eq(c.ends, 1);
  ck_assert_str_eq(c.review_iri, B "review/" ID);
  ck_assert_str_eq(c.facts_graph, FACTS);
  ck_assert_str_eq(c.prov_graph, PROV);

  HAS(&c, IRI(B "review/" ID) " " IRI(RDFT) " " IRI(S "Review"));
  HAS(&c, IRI(B "review/" ID) " " IRI(S "itemReviewed") " " IRI(FILM));
  HAS(&c, IRI(B "review/" ID) " " IRI(S "author") " " IRI(B "person/wendell-amberly"));
  HAS(&c, IRI(B "review/" ID) " " IRI(S "publisher") " " IRI(B "org/coldwater-film-journal"));
  HAS(&c, IRI(B "review/" ID) " " IRI(S "datePublished") " \"2024-03-09\"^^" IRI(XSD "date"));
  HAS(&c, IRI(B "org/coldwater-film-journal") " " IRI(RDFT) " " IRI(S "Organization"));
  HAS(&c, IRI(B "org/coldwater-film-journal") " " IRI(S "name") " \"Coldwater Film Journal\"");

  HAS(&c, IRI(FILM) " " IRI(RDFT) " " IRI(S "Movie"));
  HAS(&c, IRI(FILM) " " IRI(S "name") " \"Salt Orchard\"");
  HAS(&c, IRI(FILM) " " IRI(S "alternateName") " \"Le Verger de sel\"");
  HAS_NOT(&c, IRI(FILM) " " IRI(S "alternateName") " \"Salt Orchard\"");
  HAS_NOT(&c, IRI(FILM) " " IRI(S "name") " \"Le Verger de sel\"");
  HAS(&c, IRI(FILM) " " IRI(S "dateCreated") " \"2024\"^^" IRI(XSD "gYear"));
  HAS(&c, IRI(FILM) " " IRI(S "duration") " \"PT101M\"^^" IRI(XSD "duration"));
  HAS(&c, IRI(FILM) " " IRI(S "inLanguage") " \"en\"");
  HAS(&c, IRI(FILM) " " IRI(S "countryOfOrigin") " " IRI(B "country/ireland"));
  HAS(&c, IRI(FILM) " " IRI(S "director") " " IRI(B "person/corinne-vasquez-hale"));
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(B "person/felix-marrowby"));
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(B "person/agnes-tolliver"));
  HAS_NOT(&c, IRI(FILM) " " IRI(S "actor") " " IRI(B "person/wendell-amberly"));
  HAS_NOT(&c, IRI(FILM) " " IRI(S "director") " " IRI(B "person/felix-marrowby"));

  /* who plays whom: Movie -actor-> PerformanceRole -actor-> Person */
#define ROLE FILM "/role/felix-marrowby--anselm"
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(ROLE));
  HAS(&c, IRI(ROLE) " " IRI(RDFT) " " IRI(S "PerformanceRole"));
  HAS(&c, IRI(ROLE) " " IRI(S "actor") " " IRI(B "person/felix-marrowby"));
  HAS(&c, IRI(ROLE) " " IRI(S "characterName") " \"Anselm\"");
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(FILM "/role/agnes-tolliver--rosalind"));

  HAS(&c, IRI(B "person/felix-marrowby") " " IRI(RDFT) " " IRI(S "Person"));
  HAS(&c, IRI(B "person/felix-marrowby") " " IRI(S "name") " \"Felix Marrowby\"");
  HAS(&c, IRI(B "person/corinne-vasquez-hale") " " IRI(S "alternateName") " \"Vasquez-Hale\"");
  HAS(&c, IRI(B "person/wendell-amberly") " " IRI(RDFT) " " IRI(S "Person"));

  /* the rating, normalised */
  HAS(&c, IRI(B "review/" ID) " " IRI(S "reviewRating") " " IRI(B "review/" ID "/rating"));
  HAS(&c, IRI(B "review/" ID "/rating") " " IRI(S "ratingValue") " \"4\"^^" IRI(XSD "integer"));
  HAS(&c, IRI(B "review/" ID "/rating") " " IRI(S "bestRating") " \"5\"^^" IRI(XSD "integer"));

  /* without --provenance every triple is in the facts graph */
  for (size_t i = 0; i < c.graphs.n; i++)
    ck_assert_str_eq(c.graphs.items[i], FACTS);
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

/* A review that calls the film by a later title: the graph-wide name
 * stays the one the film was first keyed under. */
START_TEST(one_name_per_film)
{
  RkReview *r = salt_orchard();
  Collect   c;
  int       names = 0;

  free(r->film_name);
  r->film_name = rk_strdup("Le Verger de sel");
  collect_init(&c);
  emit_into(r, 0, 0.0, &c);
  HAS(&c, IRI(FILM) " " IRI(S "name") " \"Le Verger de sel\"");
  HAS(&c, IRI(FILM) " " IRI(S "alternateName") " \"Salt Orchard\"");
  for (size_t i = 0; i < c.triples.n; i++)
    names += !strncmp(c.triples.items[i], IRI(FILM) " " IRI(S "name") " ", strlen(IRI(FILM) " " IRI(S "name") " "));
  ck_assert_int_eq(names, 1);
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

START_TEST(min_confidence_drops_weak_facts)
{
  RkReview *r = salt_orchard();
  Collect   c;

  collect_init(&c);
  emit_into(r, 0, 0.5, &c);
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(ROLE));
  HAS_NOT(&c, IRI(FILM) " " IRI(S "actor") " " IRI(FILM "/role/agnes-tolliver--rosalind"));
  HAS_NOT(&c, IRI(FILM "/role/agnes-tolliver--rosalind") " " IRI(S "characterName") " \"Rosalind\"");
  /* the actor herself is stated with confidence 0.9: kept */
  HAS(&c, IRI(FILM) " " IRI(S "actor") " " IRI(B "person/agnes-tolliver"));
  collect_clear(&c);

  collect_init(&c);
  emit_into(r, 0, 0.95, &c);
  HAS_NOT(&c, IRI(FILM) " " IRI(S "actor") " " IRI(ROLE));
  HAS_NOT(&c, IRI(FILM) " " IRI(S "actor") " " IRI(B "person/felix-marrowby"));
  HAS(&c, IRI(FILM) " " IRI(S "director") " " IRI(B "person/corinne-vasquez-hale"));
  HAS(&c, IRI(B "review/" ID) " " IRI(S "author") " " IRI(B "person/wendell-amberly"));
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

START_TEST(provenance_goes_to_its_graph)
{
  RkReview *r = salt_orchard();
  Collect   c;
  size_t    n_prov = 0;
  int       i;

  collect_init(&c);
  emit_into(r, 1, 0.0, &c);
  for (size_t k = 0; k < c.triples.n; k++) {
    const char *t = c.triples.items[k];
    int is_prov = strstr(t, RK_NS_PROV) || strstr(t, RK_NS_NIF) || strstr(t, RK_NS_ITSRDF);
    if (!strcmp(c.graphs.items[k], PROV))
      n_prov++;
    else
      ck_assert_str_eq(c.graphs.items[k], FACTS);
    /* provenance vocabulary never lands in the facts graph */
    if (is_prov)
      ck_assert_msg(!strcmp(c.graphs.items[k], PROV), "in the facts graph: %s", t);
  }
  ck_assert_uint_gt(n_prov, 0);
  i = find(&c, IRI(FACTS) " " IRI(RK_NS_PROV "wasDerivedFrom") " " IRI(B "source/" ID));
  ck_assert_int_ge(i, 0);
  ck_assert_str_eq(c.graphs.items[i], PROV);
  i = find(&c, IRI(B "source/" ID) " " IRI(RK_NS_RKV "sourcePath") " \"reviews/salt-orchard.txt\"");
  ck_assert_int_ge(i, 0);
  ck_assert_str_eq(c.graphs.items[i], PROV);
  /* the director's evidence: a NIF phrase with offsets and the rule */
#define PHRASE B "source/" ID "#char=40,60"
  HAS(&c, IRI(PHRASE) " " IRI(RDFT) " " IRI(RK_NS_NIF "Phrase"));
  HAS(&c, IRI(PHRASE) " " IRI(RK_NS_NIF "beginIndex") " \"40\"^^" IRI(XSD "nonNegativeInteger"));
  HAS(&c, IRI(PHRASE) " " IRI(RK_NS_ITSRDF "taIdentRef") " " IRI(B "person/corinne-vasquez-hale"));
  HAS(&c, IRI(PHRASE) " " IRI(RK_NS_RKV "rule") " \"credits-director\"");
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

START_TEST(custom_base)
{
  RkReview  *r = salt_orchard();
  Collect    c;
  RkEmitOpts o;
  RkSink     sink;

  collect_init(&c);
  sink = collect_sink(&c);
  rk_emit_opts_default(&o);
  o.base = "http://example.org/kg/";
  ck_assert_int_eq(rk_emit_review(r, &o, &sink), RK_OK);
  HAS(&c, "<http://example.org/kg/review/" ID "> " IRI(RDFT) " " IRI(S "Review"));
  for (size_t i = 0; i < c.triples.n; i++)
    ck_assert_msg(!strstr(c.triples.items[i], B), "default base in %s", c.triples.items[i]);
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

START_TEST(sink_error_stops_emission)
{
  RkReview  *r = salt_orchard();
  Collect    c;
  RkEmitOpts o;
  RkSink     sink;

  collect_init(&c);
  c.fail_after = 3;
  sink = collect_sink(&c);
  rk_emit_opts_default(&o);
  ck_assert_int_eq(rk_emit_review(r, &o, &sink), RK_ERR_IO);
  ck_assert_uint_eq(c.triples.n, 2);
  ck_assert_int_eq(c.ends, 0);
  ck_assert_int_eq(c.seen, 4);  /* DOC_BEGIN, two triples, the failing one */
  collect_clear(&c);
  rk_review_free(r);
}
END_TEST

START_TEST(graph_iri)
{
  char *g = rk_review_graph_iri(B, ID);

  ck_assert_str_eq(g, FACTS);
  free(g);
  rk_alloc_fail_after(1);
  ck_assert_ptr_null(rk_review_graph_iri(B, ID));
  rk_alloc_fail_after(0);
}
END_TEST

START_TEST(syntax_names)
{
  static const struct { const char *name; RkSyntax syntax; int streams; } ok[] = {
    { "turtle", RK_SYNTAX_TURTLE, 1 }, { "ttl", RK_SYNTAX_TURTLE, 1 },
    { "ntriples", RK_SYNTAX_NTRIPLES, 1 }, { "nt", RK_SYNTAX_NTRIPLES, 1 },
    { "nquads", RK_SYNTAX_NQUADS, 1 }, { "nq", RK_SYNTAX_NQUADS, 1 },
    { "rdfxml", RK_SYNTAX_RDFXML, 0 }, { "rdf", RK_SYNTAX_RDFXML, 0 }, { "xml", RK_SYNTAX_RDFXML, 0 },
    { "dot", RK_SYNTAX_DOT, 0 }
  };
  RkSyntax s = RK_SYNTAX_DOT;

  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    ck_assert_msg(rk_syntax_parse(ok[i].name, &s) == RK_OK, "%s does not parse", ok[i].name);
    ck_assert_int_eq(s, ok[i].syntax);
    ck_assert_int_eq(rk_syntax_streams(s), ok[i].streams);
  }
  s = RK_SYNTAX_DOT;
  ck_assert_int_eq(rk_syntax_parse("json", &s), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_syntax_parse("", &s), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_syntax_parse("Turtle", &s), RK_ERR_BAD_ARG);
  ck_assert_int_eq(s, RK_SYNTAX_DOT);  /* untouched on failure */
}
END_TEST

/* Write the review with a writer of @p syntax onto @p f. */
static RkStatus
write_review(RkRdf *rdf, RkSyntax syntax, FILE *f, RkStatus *emit_st)
{
  RkWriter  *w = NULL;
  RkReview  *r = salt_orchard();
  RkEmitOpts o;
  RkSink     sink;
  RkStatus   st;

  ck_assert_int_eq(rk_writer_new(rdf, syntax, f, "test output", B, &rktest_log, &w), RK_OK);
  sink = rk_writer_sink(w);
  rk_emit_opts_default(&o);
  o.provenance = 1;
  *emit_st = rk_emit_review(r, &o, &sink);
  st = rk_writer_finish(w);
  rk_writer_free(w);
  rk_review_free(r);
  return st;
}

START_TEST(writer_ntriples_output)
{
  RkRdf   *rdf = NULL;
  FILE    *f = tmpfile();
  RkStatus est;
  char     line[2048];
  int      n = 0, role = 0, prov = 0;

  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(rk_rdf_new(&rdf), RK_OK);
  ck_assert_int_eq(write_review(rdf, RK_SYNTAX_NTRIPLES, f, &est), RK_OK);
  ck_assert_int_eq(est, RK_OK);
  rewind(f);
  while (fgets(line, sizeof line, f)) {
    n++;
    ck_assert_msg(strlen(line) > 4 && !strcmp(line + strlen(line) - 3, " .\n"), "bad line: %s", line);
    if (strstr(line, "<" ROLE "> <" S "characterName> \"Anselm\" ."))
      role++;
    if (strstr(line, RK_NS_NIF))
      prov++;
  }
  ck_assert_int_gt(n, 20);
  ck_assert_int_eq(role, 1);
  ck_assert_int_eq(prov, 0);  /* N-Triples carries the facts graph only */
  fclose(f);

  /* N-Quads keeps both graphs */
  f = tmpfile();
  ck_assert_int_eq(write_review(rdf, RK_SYNTAX_NQUADS, f, &est), RK_OK);
  rewind(f);
  prov = 0;
  while (fgets(line, sizeof line, f))
    if (strstr(line, "<" PROV "> ."))
      prov++;
  ck_assert_int_gt(prov, 0);
  fclose(f);
  rk_rdf_free(rdf);
}
END_TEST

/* The N-Triples escapes, byte at a time as raptor writes them: the
 * writer's faster scan must give the same bytes wherever in a term the
 * byte to escape stands, and an IRI written again from the same address
 * with other text must not come out as the old one. */
static void
ref_escaped(RkBuf *b, const char *s, int iri)
{
  size_t n = strlen(s), i = 0, k;
  uint32_t cp;

  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    int plain = iri ? c > 0x20 && c < 0x7f && !strchr("<>\"{}|^`\\", c)
                    : c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    RkStatus st;
    if (plain)
      st = rk_buf_putc(b, (char)c);
    else if (c == '\\' || (c == '"' && !iri))
      st = rk_buf_printf(b, "\\%c", c);
    else if (!iri && (c == '\t' || c == '\n' || c == '\r'))
      st = rk_buf_printf(b, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
    else if (c < 0x80)
      st = rk_buf_printf(b, "\\u%04X", c);
    else {
      ck_assert_uint_gt((k = rk_utf8_decode(s + i, n - i, &cp)), 0);
      st = rk_buf_printf(b, cp < 0x10000 ? "\\u%04X" : "\\U%08X", cp);
      i += k - 1;
    }
    ck_assert_int_eq(st, RK_OK);
    i++;
  }
}

START_TEST(writer_escapes_every_byte)
{
  static const char *const odd[] = { "\"", "\\", "\t", "\n", "\r", "\x01", "\x7f", " ", "<", ">", "{", "|",
                                     "}", "^", "`", "~", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x8e\xac", NULL };
  RkRdf    *rdf = NULL;
  RkWriter *w = NULL;
  FILE     *f = tmpfile();
  RkBuf     want, got;
  char      subj[96], obj[96], chunk[4096];
  size_t    k;

  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(rk_rdf_new(&rdf), RK_OK);
  ck_assert_int_eq(rk_writer_new(rdf, RK_SYNTAX_NTRIPLES, f, "test output", B, &rktest_log, &w), RK_OK);
  rk_buf_init(&want);
  rk_buf_init(&got);
  for (int i = 0; odd[i]; i++)
    for (int at = 0; at < 40; at += 3) {
      RkSink   sink = rk_writer_sink(w);
      RkTriple t;
      RkEvent  ev;
      /* the same buffers each time: the IRIs come from reused addresses */
      snprintf(subj, sizeof subj, "http://example.org/%.*s%s%s", at, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", odd[i], "/tail");
      snprintf(obj, sizeof obj, "%.*s%s%s", at, "The quick brown fox jumps over the lazy dog!", odd[i], " end");
      t.s = (RkTerm){ RK_TERM_IRI, subj, NULL, NULL };
      t.p = (RkTerm){ RK_TERM_IRI, S "name", NULL, NULL };
      t.o = (RkTerm){ RK_TERM_LITERAL, obj, NULL, NULL };
      t.graph = NULL;
      ev.type = RK_EV_TRIPLE;
      ev.body.triple = &t;
      ck_assert_int_eq(rk_sink_send(&sink, &ev), RK_OK);
      ck_assert_int_eq(rk_buf_puts(&want, "<"), RK_OK);
      ref_escaped(&want, subj, 1);
      ck_assert_int_eq(rk_buf_puts(&want, "> <" S "name> \""), RK_OK);
      ref_escaped(&want, obj, 0);
      ck_assert_int_eq(rk_buf_puts(&want, "\" .\n"), RK_OK);
    }
  ck_assert_int_eq(rk_writer_finish(w), RK_OK);
  rk_writer_free(w);
  rewind(f);
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
    ck_assert_int_eq(rk_buf_append(&got, chunk, k), RK_OK);
  ck_assert_uint_eq(got.len, want.len);
  ck_assert_msg(!memcmp(got.data, want.data, want.len), "escapes differ");
  rk_buf_clear(&want);
  rk_buf_clear(&got);
  fclose(f);
  rk_rdf_free(rdf);
}
END_TEST

START_TEST(writer_dev_full_is_io_error)
{
  static const RkSyntax all[] = { RK_SYNTAX_NTRIPLES, RK_SYNTAX_NQUADS, RK_SYNTAX_TURTLE,
                                  RK_SYNTAX_RDFXML, RK_SYNTAX_DOT };
  RkRdf *rdf = NULL;

  ck_assert_int_eq(rk_rdf_new(&rdf), RK_OK);
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
    FILE    *f = fopen("/dev/full", "w");
    RkStatus est, st;
    if (!f)
      return;  /* no /dev/full on this system */
    rktest_last_msg[0] = '\0';
    st = write_review(rdf, all[i], f, &est);
    /* streaming syntaxes may fail while emitting (when stdio's buffer
     * fills, and so may dot); Turtle and RDF/XML at finish; either way
     * it is RK_ERR_IO */
    ck_assert_msg(est == RK_OK || est == RK_ERR_IO, "syntax %d: emit gave %s", (int)all[i], rk_strerror(est));
    if (all[i] == RK_SYNTAX_TURTLE || all[i] == RK_SYNTAX_RDFXML)
      ck_assert_msg(est == RK_OK, "syntax %d: emit gave %s", (int)all[i], rk_strerror(est));
    ck_assert_msg(st == RK_ERR_IO, "syntax %d: finish gave %s", (int)all[i], rk_strerror(st));
    ck_assert_msg(strstr(rktest_last_msg, "test output"), "message: %s", rktest_last_msg);
    fclose(f);
  }
  rk_rdf_free(rdf);
}
END_TEST

START_TEST(alloc_failure)
{
  RkReview *r = salt_orchard();
  int       failed = 0;

  for (long n = 1; n < 200; n++) {
    Collect    c;
    RkEmitOpts o;
    RkSink     sink;
    RkStatus   st;
    collect_init(&c);
    sink = collect_sink(&c);
    rk_emit_opts_default(&o);
    o.provenance = 1;
    rk_alloc_fail_after(n);
    st = rk_emit_review(r, &o, &sink);
    rk_alloc_fail_after(0);
    collect_clear(&c);
    if (st == RK_OK)
      break;
    ck_assert_msg(st == RK_ERR_NOMEM, "allocation %ld: %s", n, rk_strerror(st));
    failed++;
  }
  ck_assert_int_ge(failed, 3);
  rk_review_free(r);

  rk_alloc_fail_after(1);
  {
    RkRdf *rdf = NULL;
    ck_assert_int_eq(rk_rdf_new(&rdf), RK_ERR_NOMEM);
    ck_assert_ptr_null(rdf);
  }
  rk_alloc_fail_after(0);
}
END_TEST

static Suite *
emit_suite(void)
{
  Suite *s  = suite_create("emit");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, review_film_people_roles);
  tcase_add_test(tc, one_name_per_film);
  tcase_add_test(tc, min_confidence_drops_weak_facts);
  tcase_add_test(tc, provenance_goes_to_its_graph);
  tcase_add_test(tc, custom_base);
  tcase_add_test(tc, sink_error_stops_emission);
  tcase_add_test(tc, graph_iri);
  tcase_add_test(tc, syntax_names);
  tcase_add_test(tc, writer_ntriples_output);
  tcase_add_test(tc, writer_escapes_every_byte);
  tcase_add_test(tc, writer_dev_full_is_io_error);
  tcase_add_test(tc, alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(emit_suite)
