/* explain.c - the facts about one entity and the evidence behind them.
 * Sits beside the store: finds entities by IRI or name, then asks plain
 * basic graph patterns (rasqal's OPTIONAL, COUNT(DISTINCT) and mid-query
 * BIND are unreliable) and joins, sorts and de-duplicates the rows in C.
 * Quotes the words of each piece of evidence by reading its source document
 * again (reader.c) when it is still there, unchanged.  Owns nothing past
 * one call; prints text tables.
 */
#include <stdlib.h>
#include <string.h>
#include "reviewkg/explain.h"
#include "reviewkg/reader.h"
#include "reviewkg/util.h"

#define SEP  "\x1f"  /* between the cells of a collected row */
#define XSD_STRING RK_NS_XSD "string"
#define MAX_QUOTE  60      /* characters of a quote before it is cut */
#define MAX_DOCS   64      /* source documents kept open in one call */

/* A source document read again to quote from it. */
typedef struct {
  char  *path; /* owned */
  RkDoc *doc;  /* owned; NULL when it is gone, refused or changed */
} Source;

/* What one call collects. */
typedef struct {
  const char *what;     /* the argument, for name matching */
  char       *key;      /* rk_key(what), owned */
  RkStrList   entities; /* matching entity IRIs */
  RkStrList   facts;    /* rows: predicate SEP object SEP review */
  RkStrList   targets;  /* IRIs whose evidence counts: the entity, its roles */
  RkStrList   evidence; /* rows: review SEP source SEP rule SEP chars SEP confidence SEP about */
  RkStrList   sources;  /* provenance graph IRI, then its source path, pairwise */
  RkStrList   hashes;   /* provenance graph IRI, then its source's SHA-256, pairwise */
  Source      docs[MAX_DOCS]; /* documents read so far */
  size_t      n_docs;
  RkStrList   offsets;  /* phrase IRI, then "BEGIN-END", pairwise */
  const char *entity;   /* the entity being explained (an item of entities) */
  const char *base;     /* the IRI prefix entities were minted under, or NULL */
  size_t      base_len;
  RkBuf       a, b, row;/* scratch */
} Explain;

static const struct { const char *prefix, *ns; } prefixes[] = {
  { "schema:", RK_NS_SCHEMA }, { "rdf:", RK_NS_RDF }, { "rdfs:", RK_NS_RDFS },
  { "xsd:", RK_NS_XSD }, { "prov:", RK_NS_PROV }, { "nif:", RK_NS_NIF },
  { "itsrdf:", RK_NS_ITSRDF }, { "dct:", RK_NS_DCT }, { "rkv:", RK_NS_RKV },
};

/* The base of a minted IRI: what comes before its first kind segment. */
static size_t
minted_base(const char *iri)
{
  static const char *const kinds[] = { "/person/", "/film/", "/org/", "/review/", "/graph/", "/source/" };
  const char *best = NULL;

  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    const char *p = strstr(iri, kinds[i]);
    if (p && (!best || p < best))
      best = p;
  }
  return best ? (size_t)(best - iri) + 1 : 0;
}

/* An IRI as short as it can be read: prefix:local, or relative to the
 * entities' base, else in <>. */
static RkStatus
short_iri(const Explain *ex, const char *iri, RkBuf *b)
{
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
    size_t n = strlen(prefixes[i].ns);
    if (!strncmp(iri, prefixes[i].ns, n) && iri[n] && !strpbrk(iri + n, "/#"))
      return rk_buf_printf(b, "%s%s", prefixes[i].prefix, iri + n);
  }
  if (ex->base && !strncmp(iri, ex->base, ex->base_len) && iri[ex->base_len])
    return rk_buf_puts(b, iri + ex->base_len);
  return rk_buf_printf(b, "<%s>", iri);
}

static RkStatus
term_text(const Explain *ex, const RkTerm *t, RkBuf *b)
{
  RkStatus rs;

  rk_buf_reset(b);
  if (!t->value)
    return rk_buf_puts(b, "");
  switch (t->type) {
  case RK_TERM_IRI:
    return short_iri(ex, t->value, b);
  case RK_TERM_BLANK:
    return rk_buf_printf(b, "_:%s", t->value);
  case RK_TERM_LITERAL:
    rs = rk_buf_putc(b, '"');
    for (const char *s = t->value; *s && !rs; s++)  /* one row, one line */
      rs = rk_buf_putc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
    if (!rs)
      rs = rk_buf_putc(b, '"');
    if (!rs && t->lang && *t->lang)
      rs = rk_buf_printf(b, "@%s", t->lang);
    else if (!rs && t->datatype && strcmp(t->datatype, XSD_STRING)) {
      if (!(rs = rk_buf_puts(b, "^^")))
        rs = short_iri(ex, t->datatype, b);
    }
    return rs;
  }
  return RK_ERR_INTERNAL;
}

/* The review ID of a graph IRI (.../graph/review/ID[/prov]), else the IRI. */
static RkStatus
review_of(const char *graph, RkBuf *b)
{
  const char *p = strstr(graph, "/graph/review/");
  size_t      n;

  rk_buf_reset(b);
  if (!p)
    return rk_buf_puts(b, graph);
  p += strlen("/graph/review/");
  n = strcspn(p, "/");
  return rk_buf_append(b, p, n);
}

static int
is_prov_graph(const char *graph)
{
  size_t n = strlen(graph);
  return n > 5 && !strcmp(graph + n - 5, "/prov");
}

/* Value of @p key in a pairwise list, or NULL. */
static const char *
pair_get(const RkStrList *l, const char *key)
{
  for (size_t i = 0; i + 1 < l->n; i += 2)
    if (!strcmp(l->items[i], key))
      return l->items[i + 1];
  return NULL;
}

static RkStatus
pair_add(RkStrList *l, const char *key, const char *value)
{
  RkStatus rs;

  if (pair_get(l, key))
    return RK_OK;
  if ((rs = rk_strlist_add(l, key)))
    return rs;
  return rk_strlist_add(l, value);
}

/* ------------------------------------------------------------ finding */

static RkStatus
match_name(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;
  char    *k;
  RkStatus rs = RK_OK;

  if (ncols < 2 || !row[0].value || row[0].type != RK_TERM_IRI || !row[1].value)
    return RK_OK;
  if (!(k = rk_key(row[1].value)))
    return RK_ERR_NOMEM;
  if (*k && !strcmp(k, ex->key))
    rs = rk_strlist_add_unique(&ex->entities, row[0].value);
  free(k);
  return rs;
}

/* Any statement at all with @p iri as subject or object? */
static RkStatus
seen_iri(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;
  return rk_strlist_add_unique(&ex->entities, ex->what);
}

static RkStatus
find_entities(RkStore *st, Explain *ex)
{
  RkStatus rs;

  rk_buf_reset(&ex->a);
  if (!strncmp(ex->what, "http://", 7) || !strncmp(ex->what, "https://", 8) ||
      !strncmp(ex->what, "urn:", 4)) {
    if (strpbrk(ex->what, "<>\"{}|^`\\ \n"))
      return RK_OK;  /* not an IRI we could have minted: no match */
    if ((rs = rk_buf_printf(&ex->a, "SELECT ?p WHERE { GRAPH ?g { <%s> ?p ?o } }", ex->what)) ||
        (rs = rk_store_select(st, ex->a.data, seen_iri, ex)))
      return rs;
    rk_buf_reset(&ex->a);
    if ((rs = rk_buf_printf(&ex->a, "SELECT ?p WHERE { GRAPH ?g { ?s ?p <%s> } }", ex->what)))
      return rs;
    return rk_store_select(st, ex->a.data, seen_iri, ex);
  }
  if (!(ex->key = rk_key(ex->what)))
    return RK_ERR_NOMEM;
  if (!*ex->key)
    return RK_OK;
  if ((rs = rk_store_select(st, "SELECT ?s ?n WHERE { ?s <" RK_NS_SCHEMA "name> ?n }", match_name, ex)))
    return rs;
  return rk_store_select(st, "SELECT ?s ?n WHERE { ?s <" RK_NS_SCHEMA "alternateName> ?n }",
                         match_name, ex);
}

/* ------------------------------------------------------------ facts */

/* Row: ?p ?o ?g (outgoing) or ?s ?p ?g (incoming, marked "is P of"). */
static RkStatus
add_fact(Explain *ex, const RkTerm *p, const RkTerm *other, const RkTerm *g, int incoming)
{
  RkStatus rs;

  if (!g->value || is_prov_graph(g->value))
    return RK_OK;
  rk_buf_reset(&ex->row);
  if ((rs = term_text(ex, p, &ex->a)) ||
      (rs = rk_buf_printf(&ex->row, incoming ? "is %s of" SEP : "%s" SEP, ex->a.data)) ||
      (rs = term_text(ex, other, &ex->a)) || (rs = rk_buf_printf(&ex->row, "%s" SEP, ex->a.data)) ||
      (rs = review_of(g->value, &ex->a)) || (rs = rk_buf_puts(&ex->row, ex->a.data)))
    return rs;
  return rk_strlist_add_unique(&ex->facts, ex->row.data);
}

static RkStatus
fact_out(void *handle, int ncols, const RkTerm *row)
{
  return ncols == 3 ? add_fact(handle, &row[0], &row[1], &row[2], 0) : RK_ERR_INTERNAL;
}

static RkStatus
fact_in(void *handle, int ncols, const RkTerm *row)
{
  return ncols == 3 ? add_fact(handle, &row[1], &row[0], &row[2], 1) : RK_ERR_INTERNAL;
}

static RkStatus
add_target(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;

  if (!row[0].value || row[0].type != RK_TERM_IRI)
    return RK_OK;
  return rk_strlist_add_unique(&ex->targets, row[0].value);
}

/* ------------------------------------------------------------ evidence */

static RkStatus
add_source(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;

  if (ncols != 2 || !row[0].value || !row[1].value)
    return RK_OK;
  return pair_add(&ex->sources, row[0].value, row[1].value);
}

static RkStatus
add_hash(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;

  if (ncols != 2 || !row[0].value || !row[1].value)
    return RK_OK;
  return pair_add(&ex->hashes, row[0].value, row[1].value);
}

/* The source document of provenance graph @p graph, read again; NULL when
 * it cannot be read or its bytes are no longer those that were loaded. */
static const RkDoc *
source_doc(Explain *ex, const char *graph)
{
  const char *path = pair_get(&ex->sources, graph);
  const char *sha  = pair_get(&ex->hashes, graph);
  RkDoc      *doc  = NULL;
  Source     *s;

  if (!path || !*path || !strcmp(path, "-") || !sha)
    return NULL;
  for (size_t i = 0; i < ex->n_docs; i++)
    if (!strcmp(ex->docs[i].path, path))
      return ex->docs[i].doc && !strcmp(ex->docs[i].doc->sha256, sha) ? ex->docs[i].doc : NULL;
  if (ex->n_docs == MAX_DOCS)
    return NULL;
  s = &ex->docs[ex->n_docs];
  if (!(s->path = rk_strdup(path)))
    return NULL;
  ex->n_docs++;
  if (!rk_doc_read(path, NULL, NULL, &doc))  /* quietly: a quote is a bonus */
    s->doc = doc;
  return s->doc && !strcmp(s->doc->sha256, sha) ? s->doc : NULL;
}

/* The words at code points [@p begin, @p end) of @p doc, quoted on one
 * line and cut at MAX_QUOTE characters, into @p b ("" when out of range). */
static RkStatus
quote(const RkDoc *doc, size_t begin, size_t end, RkBuf *b)
{
  size_t   off = 0, cp = 0, n;
  uint32_t c;
  RkStatus rs = RK_OK;

  rk_buf_reset(b);
  while (cp < begin && off < doc->len && (n = rk_utf8_decode(doc->text + off, doc->len - off, &c))) {
    off += n;
    cp++;
  }
  if (cp != begin || end <= begin)
    return rk_buf_puts(b, "");
  rs = rk_buf_putc(b, '"');
  for (; !rs && cp < end && off < doc->len; cp++) {
    if (!(n = rk_utf8_decode(doc->text + off, doc->len - off, &c)))
      break;
    if (cp - begin == MAX_QUOTE) {
      rs = rk_buf_puts(b, "...");
      break;
    }
    if (c == '\n' || c == '\r' || c == '\t')
      rs = rk_buf_putc(b, ' ');
    else
      rs = rk_buf_append(b, doc->text + off, n);
    off += n;
  }
  if (!rs)
    rs = rk_buf_putc(b, '"');
  return rs;
}

static RkStatus
add_offsets(void *handle, int ncols, const RkTerm *row)
{
  Explain *ex = handle;
  RkStatus rs;

  if (ncols != 3 || !row[0].value || !row[1].value || !row[2].value)
    return RK_OK;
  rk_buf_reset(&ex->a);
  if ((rs = rk_buf_printf(&ex->a, "%s-%s", row[1].value, row[2].value)))
    return rs;
  return pair_add(&ex->offsets, row[0].value, ex->a.data);
}

/* Row: ?ph ?rule ?conf ?g, for the target in ex->b. */
static RkStatus
add_evidence(void *handle, int ncols, const RkTerm *row)
{
  Explain    *ex = handle;
  const char *source, *chars;
  RkStatus    rs;

  if (ncols != 4 || !row[0].value || !row[1].value || !row[2].value || !row[3].value)
    return RK_OK;
  source = pair_get(&ex->sources, row[3].value);
  chars  = pair_get(&ex->offsets, row[0].value);
  rk_buf_reset(&ex->row);
  if ((rs = review_of(row[3].value, &ex->a)) ||
      (rs = rk_buf_printf(&ex->row, "%s" SEP "%s" SEP "%s" SEP "%s" SEP "%s" SEP, ex->a.data,
                          source && *source ? source : "-", row[1].value,
                          chars ? chars : "(page data)", row[2].value)))
    return rs;
  rk_buf_reset(&ex->a);
  if ((rs = short_iri(ex, ex->b.data, &ex->a)) || (rs = rk_buf_puts(&ex->row, ex->a.data)))
    return rs;
  if (chars) {
    const RkDoc *doc = source_doc(ex, row[3].value);
    size_t       begin = 0, end = 0;

    if (doc && sscanf(chars, "%zu-%zu", &begin, &end) == 2 &&
        !(rs = quote(doc, begin, end, &ex->a)) && ex->a.len)
      rs = rk_buf_printf(&ex->row, SEP "%s", ex->a.data);
    if (rs)
      return rs;
  }
  return rk_strlist_add_unique(&ex->evidence, ex->row.data);
}

static RkStatus
collect_evidence(RkStore *st, Explain *ex, const char *target)
{
  RkBuf    q;
  RkStatus rs;

  rk_buf_init(&q);
  rk_buf_reset(&ex->b);
  if ((rs = rk_buf_puts(&ex->b, target)) ||
      (rs = rk_buf_printf(&q, "SELECT ?ph ?b ?e WHERE { GRAPH ?g { ?ph <" RK_NS_ITSRDF "taIdentRef> <%s> . "
                          "?ph <" RK_NS_NIF "beginIndex> ?b . ?ph <" RK_NS_NIF "endIndex> ?e } }", target)) ||
      (rs = rk_store_select(st, q.data, add_offsets, ex)))
    goto done;
  rk_buf_reset(&q);
  if ((rs = rk_buf_printf(&q, "SELECT ?ph ?rule ?conf ?g WHERE { GRAPH ?g { ?ph <" RK_NS_ITSRDF "taIdentRef> <%s> . "
                          "?ph <" RK_NS_RKV "rule> ?rule . ?ph <" RK_NS_ITSRDF "taConfidence> ?conf } }",
                          target)))
    goto done;
  rs = rk_store_select(st, q.data, add_evidence, ex);
done:
  rk_buf_clear(&q);
  return rs;
}

/* ------------------------------------------------------------ printing */

static int
compare_rows(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Facts about the entity first, then those that point at it ("is P of"). */
static int
compare_facts(const void *a, const void *b)
{
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  int         xi = !strncmp(x, "is ", 3), yi = !strncmp(y, "is ", 3);

  return xi != yi ? xi - yi : strcmp(x, y);
}

/* Cells of a SEP-joined row, cut in place; returns how many. */
static int
split_row(char *row, char **cells, int max)
{
  int n = 0;

  while (n < max) {
    cells[n++] = row;
    if (!(row = strstr(row, SEP)))
      break;
    *row++ = '\0';
  }
  return n;
}

/* A table: a title line, a header and the rows sorted, columns padded to
 * their widest cell (counted in characters). */
static void
print_table(FILE *out, const char *title, const char *const *head, int ncols, RkStrList *rows,
            int (*order)(const void *, const void *))
{
  size_t width[8] = { 0 };
  char  *cells[8];

  qsort(rows->items, rows->n, sizeof *rows->items, order);
  fprintf(out, "\n%s (%zu)\n", title, rows->n);
  if (!rows->n)
    return;
  for (int i = 0; i < ncols; i++)
    width[i] = strlen(head[i]);
  for (size_t r = 0; r < rows->n; r++) {
    char *copy = rk_strdup(rows->items[r]);
    int   n    = copy ? split_row(copy, cells, ncols) : 0;
    for (int i = 0; i < n; i++) {
      size_t w = rk_utf8_count(cells[i], strlen(cells[i]));
      if (w > width[i])
        width[i] = w;
    }
    free(copy);
  }
  for (size_t r = 0; r <= rows->n; r++) {
    char *copy = r ? rk_strdup(rows->items[r - 1]) : NULL;
    int   n    = r ? (copy ? split_row(copy, cells, ncols) : 0) : ncols;
    fputs("  ", out);
    for (int i = 0; i < n; i++) {
      const char *c = r ? cells[i] : head[i];
      size_t      w = rk_utf8_count(c, strlen(c));
      fputs(c, out);
      if (i + 1 < n)
        fprintf(out, "%*s", (int)(width[i] - w + 2), "");
    }
    fputc('\n', out);
    free(copy);
  }
}

static RkStatus
explain_one(RkStore *st, Explain *ex, FILE *out)
{
  static const char *const fact_head[] = { "predicate", "object", "review" };
  static const char *const ev_head[] = { "review", "source", "rule", "chars", "confidence", "about",
                                         "words" };
  RkBuf    q;
  RkStatus rs;

  rk_buf_init(&q);
  rk_strlist_clear(&ex->facts);
  rk_strlist_clear(&ex->targets);
  rk_strlist_clear(&ex->evidence);
  rk_strlist_clear(&ex->offsets);
  ex->base_len = minted_base(ex->entity);
  ex->base     = ex->base_len ? ex->entity : NULL;
  if ((rs = rk_buf_printf(&q, "SELECT ?p ?o ?g WHERE { GRAPH ?g { <%s> ?p ?o } }", ex->entity)) ||
      (rs = rk_store_select(st, q.data, fact_out, ex)))
    goto done;
  rk_buf_reset(&q);
  if ((rs = rk_buf_printf(&q, "SELECT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p <%s> } }", ex->entity)) ||
      (rs = rk_store_select(st, q.data, fact_in, ex)))
    goto done;
  /* the evidence for an actor is also the evidence for the roles they play */
  rk_buf_reset(&q);
  if ((rs = rk_strlist_add(&ex->targets, ex->entity)) ||
      (rs = rk_buf_printf(&q, "SELECT ?r WHERE { GRAPH ?g { ?r a <" RK_NS_SCHEMA "PerformanceRole> . "
                          "?r <" RK_NS_SCHEMA "actor> <%s> } }", ex->entity)) ||
      (rs = rk_store_select(st, q.data, add_target, ex)))
    goto done;
  for (size_t i = 0; i < ex->targets.n && !rs; i++)
    rs = collect_evidence(st, ex, ex->targets.items[i]);
  if (rs)
    goto done;
  rk_buf_reset(&ex->a);
  if ((rs = short_iri(ex, ex->entity, &ex->a)))
    goto done;
  fprintf(out, "%s  <%s>\n", ex->a.data, ex->entity);
  print_table(out, "facts", fact_head, 3, &ex->facts, compare_facts);
  print_table(out, "evidence", ev_head, 7, &ex->evidence, compare_rows);
done:
  rk_buf_clear(&q);
  return rs;
}

RkStatus
rk_explain(RkStore *st, const char *what, FILE *out)
{
  Explain  ex;
  RkStatus rs;

  memset(&ex, 0, sizeof ex);
  ex.what = what;
  rk_strlist_init(&ex.entities); rk_strlist_init(&ex.facts); rk_strlist_init(&ex.targets);
  rk_strlist_init(&ex.evidence); rk_strlist_init(&ex.sources); rk_strlist_init(&ex.offsets);
  rk_strlist_init(&ex.hashes);
  rk_buf_init(&ex.a); rk_buf_init(&ex.b); rk_buf_init(&ex.row);
  if ((rs = find_entities(st, &ex)))
    goto done;
  if (!ex.entities.n) {
    rs = RK_NO_MATCH;
    goto done;
  }
  qsort(ex.entities.items, ex.entities.n, sizeof *ex.entities.items, compare_rows);
  /* every review's source document, by provenance graph */
  if ((rs = rk_store_select(st, "SELECT ?g ?path WHERE { GRAPH ?g { ?src <" RK_NS_RKV "sourcePath> ?path } }",
                            add_source, &ex)) ||
      (rs = rk_store_select(st, "SELECT ?g ?sha WHERE { GRAPH ?g { ?src <" RK_NS_RKV "sha256> ?sha } }",
                            add_hash, &ex)))
    goto done;
  for (size_t i = 0; i < ex.entities.n && !rs; i++) {
    if (i)
      fputc('\n', out);
    ex.entity = ex.entities.items[i];
    rs = explain_one(st, &ex, out);
  }
  if (!rs && (fflush(out) || ferror(out)))
    rs = RK_ERR_IO;
done:
  free(ex.key);
  rk_strlist_clear(&ex.entities); rk_strlist_clear(&ex.facts); rk_strlist_clear(&ex.targets);
  rk_strlist_clear(&ex.evidence); rk_strlist_clear(&ex.sources); rk_strlist_clear(&ex.offsets);
  rk_strlist_clear(&ex.hashes);
  for (size_t i = 0; i < ex.n_docs; i++) {
    free(ex.docs[i].path);
    rk_doc_free(ex.docs[i].doc);
  }
  rk_buf_clear(&ex.a); rk_buf_clear(&ex.b); rk_buf_clear(&ex.row);
  return rs;
}
