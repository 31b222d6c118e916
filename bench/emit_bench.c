/* emit_bench.c - how fast reviewkg's writers serialise triples already in memory.
 *
 * Reads an N-Triples file (raptor's parser; not timed) into memory as
 * RkTriples, then sends them through rk_writer in the given syntax to an
 * output file and reports triples per second and the writer's own peak
 * memory (peak RSS while writing minus peak RSS before).  The peers
 * (serdi, rapper) are timed on the same file by bench/run.sh.
 *
 *   emit_bench SYNTAX IN.nt OUT     ->  "triples seconds triples_per_s extra_kib"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <raptor2.h>
#include "reviewkg/emit.h"

typedef struct {
  RkTriple *t;
  size_t    n, cap;
} Triples;

static char *
copy(const unsigned char *s, size_t n)
{
  char *d = malloc(n + 1);
  if (!d) {
    perror("emit_bench");
    exit(2);
  }
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

static void
term(RkTerm *out, raptor_term *t)
{
  memset(out, 0, sizeof *out);
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI: {
    size_t n;
    const unsigned char *s = raptor_uri_as_counted_string(t->value.uri, &n);
    out->type  = RK_TERM_IRI;
    out->value = copy(s, n);
    break;
  }
  case RAPTOR_TERM_TYPE_BLANK:
    out->type  = RK_TERM_BLANK;
    out->value = copy(t->value.blank.string, t->value.blank.string_len);
    break;
  case RAPTOR_TERM_TYPE_LITERAL:
    out->type  = RK_TERM_LITERAL;
    out->value = copy(t->value.literal.string, t->value.literal.string_len);
    if (t->value.literal.datatype) {
      size_t n;
      const unsigned char *s = raptor_uri_as_counted_string(t->value.literal.datatype, &n);
      out->datatype = copy(s, n);
    }
    if (t->value.literal.language)
      out->lang = copy(t->value.literal.language, t->value.literal.language_len);
    break;
  case RAPTOR_TERM_TYPE_UNKNOWN:
    break;
  }
}

static void
on_statement(void *user_data, raptor_statement *st)
{
  Triples *ts = user_data;

  if (ts->n == ts->cap) {
    ts->cap = ts->cap ? ts->cap * 2 : 65536;
    if (!(ts->t = realloc(ts->t, ts->cap * sizeof *ts->t))) {
      perror("emit_bench");
      exit(2);
    }
  }
  RkTriple *t = &ts->t[ts->n++];
  term(&t->s, st->subject);
  term(&t->p, st->predicate);
  term(&t->o, st->object);
  t->graph = NULL;
}

static long
peak_kib(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int
main(int argc, char **argv)
{
  Triples          ts = { NULL, 0, 0 };
  RkRdf           *rdf = NULL;
  RkWriter        *w = NULL;
  RkSyntax         syntax;
  struct timespec  a, b;
  FILE            *out;

  if (argc != 4 || rk_syntax_parse(argv[1], &syntax)) {
    fputs("Usage: emit_bench ntriples|turtle|nquads IN.nt OUT\n", stderr);
    return 2;
  }
  if (rk_rdf_new(&rdf))
    return 2;
  {
    raptor_world  *world = rk_rdf_raptor_world(rdf);
    raptor_parser *p = raptor_new_parser(world, "ntriples");
    raptor_uri    *base = raptor_new_uri(world, (const unsigned char *)"file:///in");
    FILE          *in = fopen(argv[2], "r");
    if (!p || !base || !in) {
      fprintf(stderr, "emit_bench: cannot read %s\n", argv[2]);
      return 2;
    }
    raptor_parser_set_statement_handler(p, &ts, on_statement);
    if (raptor_parser_parse_file_stream(p, in, argv[2], base)) {
      fprintf(stderr, "emit_bench: %s: parse failed\n", argv[2]);
      return 2;
    }
    fclose(in);
    raptor_free_uri(base);
    raptor_free_parser(p);
  }
  if (!(out = fopen(argv[3], "w"))) {
    perror(argv[3]);
    return 2;
  }
  long before = peak_kib();
  clock_gettime(CLOCK_MONOTONIC, &a);
  if (rk_writer_new(rdf, syntax, out, argv[3], RK_DEFAULT_BASE, NULL, &w))
    return 2;
  RkSink  sink = rk_writer_sink(w);
  RkEvent ev;
  ev.type = RK_EV_TRIPLE;
  for (size_t i = 0; i < ts.n; i++) {
    ev.body.triple = &ts.t[i];
    if (rk_sink_send(&sink, &ev)) {
      fprintf(stderr, "emit_bench: the writer failed at triple %zu\n", i);
      return 2;
    }
  }
  if (rk_writer_finish(w) || fclose(out)) {
    fprintf(stderr, "emit_bench: the writer failed at the end\n");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  rk_writer_free(w);
  double secs = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  printf("%zu %.3f %.0f %ld\n", ts.n, secs, secs > 0 ? ts.n / secs : 0.0, peak_kib() - before);
  rk_rdf_free(rdf);
  return 0;
}
