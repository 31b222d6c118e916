/* fuzz_common.c - shared by the fuzz targets: the one raptor world and
 * lexicon, the quiet log, and the checks every target makes on what the
 * stages return: documents keep their invariants, emitted RDF parses back
 * with raptor and holds only valid IRIs and the literals that went in.
 * Test code: it includes raptor2 itself to parse what emit.c wrote. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <raptor2.h>
#include "reviewkg/util.h"
#include "fuzz.h"

void
rk_fuzz_fail(const char *file, int line, const char *fmt, ...)
{
  va_list ap;

  fprintf(stderr, "%s:%d: fuzz check failed: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

/* Messages must be well-formed even for hostile input: a NUL-terminated
 * text; where may be NULL.  Then they are dropped. */
static void
check_message(void *handle, RkLogLevel level, const char *where, const char *text)
{
  (void)handle;
  RK_FUZZ_ASSERT(text != NULL, "log message without text");
  RK_FUZZ_ASSERT(level >= RK_LOG_ERROR && level <= RK_LOG_DEBUG, "bad log level %d", (int)level);
  (void)strlen(text);
  if (where)
    (void)strlen(where);
  if (getenv("RK_FUZZ_VERBOSE"))
    fprintf(stderr, "log: %s: %s\n", where ? where : "-", text);
}

const RkLog rk_fuzz_log = { NULL, check_message };

RkRdf *
rk_fuzz_rdf(void)
{
  static RkRdf *rdf;

  if (!rdf && rk_rdf_new(&rdf)) {
    fprintf(stderr, "fuzz: cannot make the raptor world\n");
    abort();
  }
  return rdf;
}

const RkLexicon *
rk_fuzz_lexicon(void)
{
  static RkLexicon *lex;

  if (!lex && rk_lexicon_load(NULL, &rk_fuzz_log, &lex)) {
    fprintf(stderr, "fuzz: cannot load the lexicon from %s\n", RK_DICT_DIR);
    abort();
  }
  return lex;
}

/* Is @p id among the comma-separated known, already reported failures in
 * $RK_FUZZ_KNOWN?  Long fuzz runs set it so that one open bug does not
 * stop them finding others; make check never does. */
static int
known(const char *id)
{
  const char *k = getenv("RK_FUZZ_KNOWN");
  size_t      n = strlen(id);

  for (; k && *k; k += strcspn(k, ","), k += *k == ',')
    if (!strncmp(k, id, n) && (k[n] == ',' || !k[n]))
      return 1;
  return 0;
}

/* ------------------------------------------------------------ IRIs */

static int
is_alpha(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_hex(int c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

const char *
rk_fuzz_iri_problem(const char *s, size_t n)
{
  size_t   i = 0, k;
  uint32_t cp;
  int      hashes = 0;

  if (!n || !is_alpha((unsigned char)s[0]))
    return "no scheme";
  while (i < n && (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                   s[i] == '+' || s[i] == '-' || s[i] == '.'))
    i++;
  if (i >= n || s[i] != ':')
    return "no scheme";
  for (i++; i < n; i += k) {
    unsigned char c = (unsigned char)s[i];

    k = 1;
    if (c < 0x80) {
      if (is_alpha(c) || (c >= '0' && c <= '9') || strchr("-._~:/?[]@!$&'()*+,;=", c))
        continue;
      if (c == '#') {
        if (++hashes > 1)
          return "a second '#'";
        continue;
      }
      if (c == '%') {
        if (i + 2 >= n || !is_hex((unsigned char)s[i + 1]) || !is_hex((unsigned char)s[i + 2]))
          return "'%' not followed by two hex digits";
        k = 3;
        continue;
      }
      return c < 0x20 || c == 0x7f ? "a control character" : "a character IRIs forbid";
    }
    if (!(k = rk_utf8_decode(s + i, n - i, &cp)))
      return "invalid UTF-8";
    /* RFC 3987 4.1: no bidi formatting characters */
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E))
      return "a bidi formatting character";
    if ((cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xF900 && cp <= 0xFDCF) ||
        (cp >= 0xFDF0 && cp <= 0xFFEF) || (cp >= 0xE000 && cp <= 0xF8FF))
      continue;  /* ucschar, iprivate */
    if (cp >= 0x10000 && (cp & 0xFFFE) != 0xFFFE)
      continue;  /* ucschar / iprivate planes, without the noncharacters */
    return "a code point IRIs forbid";
  }
  return NULL;
}

/* ------------------------------------------------------------ documents */

static void
check_utf8(const char *what, const char *s)
{
  size_t n;

  if (!s)
    return;
  n = strlen(s);
  RK_FUZZ_ASSERT(rk_utf8_validate(s, n) == n, "%s is not valid UTF-8 at byte %zu", what,
                 rk_utf8_validate(s, n));
}

void
rk_fuzz_check_doc(const RkDoc *doc)
{
  RK_FUZZ_ASSERT(doc->text != NULL, "document without text");
  RK_FUZZ_ASSERT(strlen(doc->text) == doc->len, "text length %zu, len says %zu",
                 strlen(doc->text), doc->len);
  check_utf8("the text", doc->text);
  RK_FUZZ_ASSERT(!strstr(doc->text, "\xEF\xBF\xBE") && !strstr(doc->text, "\xEF\xBF\xBF"),
                 "U+FFFE or U+FFFF in the text");
  for (size_t i = 0; i < doc->len; i++) {
    unsigned char c = (unsigned char)doc->text[i];
    RK_FUZZ_ASSERT(c >= 0x20 || c == '\n', "control byte 0x%02x at %zu of the text", c, i);
    RK_FUZZ_ASSERT(c != 0x7f, "DEL at %zu of the text", i);
  }
  for (size_t i = 0; i < doc->n_hints; i++) {
    RK_FUZZ_ASSERT(doc->hints[i].start <= doc->hints[i].end && doc->hints[i].end <= doc->len,
                   "hint %zu [%zu,%zu) outside the text (%zu)", i, doc->hints[i].start,
                   doc->hints[i].end, doc->len);
    RK_FUZZ_ASSERT(i == 0 || doc->hints[i - 1].start <= doc->hints[i].start, "hints not sorted");
  }
  RK_FUZZ_ASSERT(doc->encoding != NULL, "no encoding");
  check_utf8("meta url", doc->meta.url);
  check_utf8("meta title", doc->meta.title);
  check_utf8("meta author", doc->meta.author);
  check_utf8("meta site_name", doc->meta.site_name);
  check_utf8("meta date", doc->meta.date);
  for (size_t i = 0; i < doc->meta.jsonld.n; i++)
    check_utf8("a JSON-LD block", doc->meta.jsonld.items[i]);
}

/* ------------------------------------------------------------ emitted RDF */

typedef struct {
  const char *const *expect;    /* literals that must come back */
  size_t             n_expect;
  unsigned char     *found;     /* found[i]: expect[i] came back */
  size_t             statements;
  int                errors;    /* raptor errors and warnings */
  char               first_error[256];
} Parse;

static void
parse_log(void *user_data, raptor_log_message *m)
{
  Parse *p = user_data;

  if (m->level < RAPTOR_LOG_LEVEL_WARN)
    return;
  if (!p->errors++)
    snprintf(p->first_error, sizeof p->first_error, "line %d: %s",
             m->locator ? m->locator->line : -1, m->text ? m->text : "?");
}

/* Does the object of @p pred hold an IRI taken from the document? */
static int
document_iri(const raptor_term *pred)
{
  const char *v = (const char *)raptor_uri_as_string(pred->value.uri);

  return !strcmp(v, RK_NS_SCHEMA "url") || !strcmp(v, RK_NS_PROV "atLocation");
}

/* The text came back: equal once the Unicode noncharacters (U+FDD0..FDEF,
 * U+xFFFE/xFFFF), which no RDF syntax can carry and emission drops, are
 * left out of the expected text. */
static int
same_text(const char *got, const char *want)
{
  size_t n = strlen(want), i = 0, k;
  uint32_t cp;

  while (i < n) {
    if (!(k = rk_utf8_decode(want + i, n - i, &cp))) {
      if (*got++ != want[i++])
        return 0;
      continue;
    }
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
      i += k;
      continue;
    }
    if (strncmp(got, want + i, k))
      return 0;
    got += k;
    i += k;
  }
  return *got == '\0';
}

static void
check_term(Parse *p, raptor_term *t, const char *pos, int from_doc)
{
  size_t               n;
  const unsigned char *v;
  const char          *why;

  RK_FUZZ_ASSERT(t != NULL, "statement %zu without a %s", p->statements, pos);
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    v = raptor_uri_as_counted_string(t->value.uri, &n);
    why = rk_fuzz_iri_problem((const char *)v, n);
    /* the page's own URL (emit.c safe_iri) */
    if (why && from_doc && known("doc-iri"))
      why = NULL;
    if (why && *why == '\'' && known("mint-truncate"))
      why = NULL;
    RK_FUZZ_ASSERT(!why, "statement %zu: %s <%.*s> is not a valid IRI: %s", p->statements, pos,
                   (int)n, (const char *)v, why);
    break;
  case RAPTOR_TERM_TYPE_LITERAL:
    v = t->value.literal.string;
    n = t->value.literal.string_len;
    RK_FUZZ_ASSERT(rk_utf8_validate((const char *)v, n) == n && strlen((const char *)v) == n,
                   "statement %zu: literal not valid UTF-8 or holds NUL", p->statements);
    if (t->value.literal.datatype) {
      size_t dn;
      const unsigned char *dt = raptor_uri_as_counted_string(t->value.literal.datatype, &dn);
      why = rk_fuzz_iri_problem((const char *)dt, dn);
      RK_FUZZ_ASSERT(!why, "statement %zu: datatype <%s>: %s", p->statements, dt, why);
    }
    for (size_t i = 0; i < p->n_expect; i++)
      if (!p->found[i] && same_text((const char *)v, p->expect[i]))
        p->found[i] = 1;
    break;
  case RAPTOR_TERM_TYPE_BLANK:
    break;
  case RAPTOR_TERM_TYPE_UNKNOWN:
    rk_fuzz_fail(__FILE__, __LINE__, "statement %zu: unknown %s term", p->statements, pos);
  }
}

static void
parse_statement(void *user_data, raptor_statement *s)
{
  Parse *p = user_data;

  check_term(p, s->subject, "subject", 0);
  check_term(p, s->predicate, "predicate", 0);
  RK_FUZZ_ASSERT(s->predicate->type == RAPTOR_TERM_TYPE_URI, "predicate is not an IRI");
  check_term(p, s->object, "object", document_iri(s->predicate));
  if (s->graph)
    check_term(p, s->graph, "graph", 0);
  p->statements++;
}

size_t
rk_fuzz_emit_check(const RkReview *r, int provenance, RkSyntax syntax,
                   const char *const *expect, size_t n_expect)
{
  RkRdf         *rdf = rk_fuzz_rdf();
  raptor_world  *world = rk_rdf_raptor_world(rdf);
  char          *buf = NULL;
  size_t         len = 0, lines = 0;
  FILE          *f = open_memstream(&buf, &len);
  RkWriter      *w = NULL;
  RkEmitOpts     opts;
  RkSink         sink;
  RkStatus       st;
  raptor_parser *parser;
  raptor_uri    *base;
  Parse          p;

  RK_FUZZ_ASSERT(f != NULL, "open_memstream failed");
  RK_FUZZ_ASSERT(syntax == RK_SYNTAX_NTRIPLES || syntax == RK_SYNTAX_NQUADS, "syntax %d", syntax);
  st = rk_writer_new(rdf, syntax, f, "fuzz output", RK_DEFAULT_BASE, &rk_fuzz_log, &w);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_writer_new: %s", rk_strerror(st));
  rk_writer_keep_provenance(w, provenance);
  rk_emit_opts_default(&opts);
  opts.provenance = provenance;
  sink = rk_writer_sink(w);
  st = rk_emit_review(r, &opts, &sink);
  if (st == RK_ERR_RDF && known("date-utf8")) {  /* emit.c cuts the date at 10 bytes */
    rk_writer_free(w);
    fclose(f);
    free(buf);
    return 0;
  }
  RK_FUZZ_ASSERT(st == RK_OK, "rk_emit_review: %s", rk_strerror(st));
  st = rk_writer_finish(w);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_writer_finish: %s", rk_strerror(st));
  rk_writer_free(w);
  RK_FUZZ_ASSERT(fclose(f) == 0, "fclose of the memory stream");

  /* raptor refuses U+FFFE and U+FFFF in a literal (serdi takes them) */
  if (known("uFFFE") && (memmem(buf, len, "\\uFFFE", 6) || memmem(buf, len, "\\uFFFF", 6))) {
    free(buf);
    return 0;
  }
  /* N-Triples is one statement a line, ASCII only as raptor writes it */
  for (size_t i = 0; i < len; i++) {
    RK_FUZZ_ASSERT((unsigned char)buf[i] < 0x80, "non-ASCII byte in the output at %zu", i);
    lines += buf[i] == '\n';
  }
  memset(&p, 0, sizeof p);
  p.expect = expect;
  p.n_expect = n_expect;
  p.found = calloc(n_expect ? n_expect : 1, 1);
  RK_FUZZ_ASSERT(p.found != NULL, "no memory");
  raptor_world_set_log_handler(world, &p, parse_log);
  parser = raptor_new_parser(world, syntax == RK_SYNTAX_NQUADS ? "nquads" : "ntriples");
  base = raptor_new_uri(world, (const unsigned char *)"http://fuzz.invalid/");
  RK_FUZZ_ASSERT(parser && base, "cannot make a raptor parser");
  raptor_parser_set_statement_handler(parser, &p, parse_statement);
  RK_FUZZ_ASSERT(!raptor_parser_parse_start(parser, base), "parse_start failed");
  if (raptor_parser_parse_chunk(parser, (const unsigned char *)buf, len, 1) && !p.errors)
    p.errors = 1;
  raptor_free_parser(parser);
  raptor_free_uri(base);
  raptor_world_set_log_handler(world, NULL, NULL);
  if (p.errors) {
    fprintf(stderr, "---- output ----\n%.*s---- end ----\n", (int)(len < 65536 ? len : 65536), buf);
    rk_fuzz_fail(__FILE__, __LINE__, "the output does not parse: %s", p.first_error);
  }
  RK_FUZZ_ASSERT(p.statements == lines, "%zu statements parsed from %zu lines", p.statements, lines);
  for (size_t i = 0; i < n_expect; i++)
    RK_FUZZ_ASSERT(p.found[i], "literal \"%s\" did not come back", expect[i]);
  free(p.found);
  free(buf);
  return p.statements;
}
