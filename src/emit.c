/* emit.c - stage 5: resolved reviews become triples; raptor2 writes them.
 *
 * rk_emit_review() mints IRIs from the resolver's keys and sends the
 * review's facts graph (schema.org) and provenance graph (PROV-O, NIF
 * offsets, confidences) to a sink.  RkWriter is the sink that serialises:
 * N-Triples and N-Quads itself, the other syntaxes with raptor2.  The only
 * module that includes raptor2; it owns the process's raptor world
 * (RkRdf), which the store shares.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <raptor2.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "reviewkg/emit.h"

#define SCHEMA(local) RK_NS_SCHEMA local
#define XSD(local)    RK_NS_XSD local

/* ------------------------------------------------------------ syntaxes */

RkStatus
rk_syntax_parse(const char *name, RkSyntax *out)
{
  static const struct { const char *name; RkSyntax syntax; } names[] = {
    { "turtle", RK_SYNTAX_TURTLE }, { "ttl", RK_SYNTAX_TURTLE },
    { "ntriples", RK_SYNTAX_NTRIPLES }, { "nt", RK_SYNTAX_NTRIPLES },
    { "nquads", RK_SYNTAX_NQUADS }, { "nq", RK_SYNTAX_NQUADS },
    { "rdfxml", RK_SYNTAX_RDFXML }, { "rdf", RK_SYNTAX_RDFXML }, { "xml", RK_SYNTAX_RDFXML },
    { "dot", RK_SYNTAX_DOT }, { NULL, RK_SYNTAX_TURTLE }
  };

  for (int i = 0; names[i].name; i++)
    if (!strcmp(names[i].name, name)) {
      *out = names[i].syntax;
      return RK_OK;
    }
  return RK_ERR_BAD_ARG;
}

int
rk_syntax_streams(RkSyntax s)
{
  switch (s) {
  case RK_SYNTAX_NTRIPLES: case RK_SYNTAX_NQUADS: case RK_SYNTAX_TURTLE:
    return 1;
  case RK_SYNTAX_RDFXML: case RK_SYNTAX_DOT:
    return 0;
  }
  return 0;
}

void
rk_emit_opts_default(RkEmitOpts *o)
{
  o->base           = RK_DEFAULT_BASE;
  o->provenance     = 0;
  o->min_confidence = 0.0;
}

char *
rk_review_graph_iri(const char *base, const char *review_id)
{
  RkBuf b;

  rk_buf_init(&b);
  if (rk_buf_printf(&b, "%sgraph/review/%s", base, review_id)) {
    rk_buf_clear(&b);
    return NULL;
  }
  return rk_buf_steal(&b);
}

/* ------------------------------------------------------------ emission */

/* What emission of one review needs at hand. */
typedef struct {
  const RkReview   *r;
  const RkEmitOpts *o;
  const RkSink     *sink;
  const char       *graph;  /* the graph triples currently go to */
  RkBuf             a, b;   /* scratch IRIs for subject and object */
  size_t            n_meta; /* structured-data evidence nodes so far */
} Em;

/* Does @p s hold a Unicode noncharacter (U+FDD0..FDEF, U+xFFFE/xFFFF)?
 * RDF syntaxes cannot carry them; emission drops them. */
static int
has_nonchar(const char *s)
{
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p == 0xEF && ((p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) || (p[1] == 0xBF && p[2] >= 0xBE)))
      return 1;
    else if (*p == 0xF0 || *p == 0xF1 || *p == 0xF2 || *p == 0xF3 || *p == 0xF4) {
      if (p[1] && p[2] && p[3] && (p[2] & 0x0F) == 0x0F && p[3] >= 0xBE && p[3] <= 0xBF && (p[1] & 0x0F) == 0x0F)
        return 1;
    }
  return 0;
}

static RkStatus
emit3(Em *em, const char *s, const char *p, RkTerm o)
{
  RkTriple t;
  RkEvent  ev;
  char    *clean = NULL;
  RkStatus st;

  if (o.type == RK_TERM_LITERAL && has_nonchar(o.value)) {
    RkBuf b;
    size_t n = strlen(o.value), i = 0, k;
    uint32_t cp;
    rk_buf_init(&b);
    while (i < n) {
      if (!(k = rk_utf8_decode(o.value + i, n - i, &cp))) { i++; continue; }
      if (!((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) && rk_buf_append(&b, o.value + i, k)) {
        rk_buf_clear(&b);
        return RK_ERR_NOMEM;
      }
      i += k;
    }
    if (!(clean = rk_buf_steal(&b)))
      return RK_ERR_NOMEM;
    o.value = clean;
  }

  t.s     = (RkTerm){ RK_TERM_IRI, s, NULL, NULL };
  t.p     = (RkTerm){ RK_TERM_IRI, p, NULL, NULL };
  t.o     = o;
  t.graph = em->graph;
  ev.type = RK_EV_TRIPLE;
  ev.body.triple = &t;
  st = rk_sink_send(em->sink, &ev);
  free(clean);
  return st;
}

static RkTerm iri(const char *v) { return (RkTerm){ RK_TERM_IRI, v, NULL, NULL }; }
static RkTerm lit(const char *v) { return (RkTerm){ RK_TERM_LITERAL, v, NULL, NULL }; }
static RkTerm typed(const char *v, const char *dt) { return (RkTerm){ RK_TERM_LITERAL, v, dt, NULL }; }

/* An IRI under the base: base + fmt, whose only conversion is %s. */
static const char *
mint(RkBuf *buf, const char *base, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static const char *
mint(RkBuf *buf, const char *base, const char *fmt, ...)
{
  va_list  ap;
  RkStatus st;

  /* no fixed buffer: a cut key would split a %XX escape and make two long
   * keys one */
  rk_buf_reset(buf);
  if (rk_buf_puts(buf, base))
    return NULL;
  va_start(ap, fmt);
  /* every IRI is words, slashes and %s: appended without printf */
  st = RK_OK;
  for (const char *f = fmt; *f && !st;)
    if (f[0] != '%') {
      size_t k = 1;  /* the pieces are a few bytes: no strcspn call */
      while (f[k] && f[k] != '%')
        k++;
      st = rk_buf_append(buf, f, k);
      f += k;
    } else if (f[1] == 's') {
      st = rk_buf_puts(buf, va_arg(ap, const char *));
      f += 2;
    } else {
      st = RK_ERR_INTERNAL;  /* a conversion mint does not know */
    }
  va_end(ap);
  return st ? NULL : buf->data;
}

/* An IRI taken from a document is only used when it is absolute http(s);
 * it is written as a plain URI: every byte outside printable ASCII, every
 * character RFC 3987 forbids, a '%' that starts no %XX escape and a second
 * '#' are percent-encoded. */
static char *
safe_iri(const char *url)
{
  RkBuf b;
  int   hashes = 0;

  if (!url || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
    return NULL;
  rk_buf_init(&b);
  for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
    RkStatus st;
    int bad = *p <= 0x20 || *p >= 0x7f || strchr("<>\"{}|\\^`", *p) ||
              (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2]))) ||
              (*p == '#' && hashes++);
    if (bad)
      st = rk_buf_printf(&b, "%%%02X", *p);
    else
      st = rk_buf_putc(&b, (char)*p);
    if (st) {
      rk_buf_clear(&b);
      return NULL;
    }
  }
  return rk_buf_steal(&b);
}

/* "2023-05-01..." - only a real YYYY-MM-DD start becomes an xsd:date */
static int
is_iso_date(const char *d)
{
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? d[i] != '-' : !isdigit((unsigned char)d[i]))
      return 0;
  return 1;
}

static int
kept(const Em *em, const RkEvidence *ev)
{
  return ev->conf == 0 || ev->conf >= em->o->min_confidence;
}

static RkStatus
emit_person(Em *em, size_t idx)
{
  const RkPerson *p = &em->r->people[idx];
  const char     *s = mint(&em->a, em->o->base, "person/%s", p->key);
  RkStatus        st;

  if (!s)
    return RK_ERR_NOMEM;
  if ((st = emit3(em, s, RK_NS_RDF "type", iri(SCHEMA("Person")))) ||
      (st = emit3(em, s, SCHEMA("name"), lit(p->name))))
    return st;
  for (size_t i = 0; i < p->aliases.n; i++)
    if ((st = emit3(em, s, SCHEMA("alternateName"), lit(p->aliases.items[i]))))
      return st;
  return RK_OK;
}

static const char *
person_iri(Em *em, RkBuf *buf, size_t idx)
{
  return mint(buf, em->o->base, "person/%s", em->r->people[idx].key);
}

/* Film -> person links for one role bit. */
static RkStatus
emit_role_links(Em *em, const char *film, unsigned role, const char *pred)
{
  RkStatus st = RK_OK;

  for (size_t i = 0; i < em->r->n_people && !st; i++) {
    const RkPerson *p = &em->r->people[i];
    if (!(p->roles & role) || !kept(em, &p->ev))
      continue;
    const char *o = person_iri(em, &em->b, i);
    st = o ? emit3(em, film, pred, iri(o)) : RK_ERR_NOMEM;
  }
  return st;
}

static RkStatus
emit_rating(Em *em, const char *review)
{
  const RkRating *rt = &em->r->rating;
  char            num[32];
  RkStatus        st;
  RkBuf           rb;
  const char     *s;

  if (!rt->text)
    return RK_OK;
  rk_buf_init(&rb);
  if (!(s = mint(&rb, em->o->base, "review/%s/rating", em->r->review_id)))
    return RK_ERR_NOMEM;
  if ((st = emit3(em, review, SCHEMA("reviewRating"), iri(s))) ||
      (st = emit3(em, s, RK_NS_RDF "type", iri(SCHEMA("Rating")))) ||
      (st = emit3(em, s, RK_NS_RKV "ratingText", lit(rt->text))))
    goto done;
  if (rt->value > 0 || rt->best > 0) {
    snprintf(num, sizeof num, "%g", rt->value);
    if ((st = emit3(em, s, SCHEMA("ratingValue"),
                    typed(num, strchr(num, '.') ? XSD("decimal") : XSD("integer")))))
      goto done;
  } else if ((st = emit3(em, s, SCHEMA("ratingValue"), lit(rt->text)))) {
    goto done;  /* a letter grade */
  }
  if (rt->best > 0) {
    snprintf(num, sizeof num, "%g", rt->best);
    if ((st = emit3(em, s, SCHEMA("bestRating"), typed(num, XSD("integer")))) ||
        (st = emit3(em, s, SCHEMA("worstRating"), typed("1", XSD("integer")))))
      goto done;
  }
done:
  rk_buf_clear(&rb);
  return st;
}

static RkStatus
emit_film(Em *em, const char *film)
{
  const RkReview *r = em->r;
  char            num[32];
  RkStatus        st;

  if ((st = emit3(em, film, RK_NS_RDF "type", iri(SCHEMA("Movie")))))
    return st;
  /* one schema:name per film graph-wide (the title it was first keyed
   * under); every other title this review uses is an alternateName */
  if (r->film_name && (st = emit3(em, film, SCHEMA("name"), lit(r->film_name))))
    return st;
  for (size_t i = 0; i < r->titles.n; i++)
    if ((!r->film_name || strcmp(r->titles.items[i], r->film_name)) &&
        (st = emit3(em, film, SCHEMA("alternateName"), lit(r->titles.items[i]))))
      return st;
  if (r->year) {
    snprintf(num, sizeof num, "%04d", r->year);
    if ((st = emit3(em, film, SCHEMA("dateCreated"), typed(num, XSD("gYear")))))
      return st;
  }
  if (r->runtime) {
    snprintf(num, sizeof num, "PT%dM", r->runtime);
    if ((st = emit3(em, film, SCHEMA("duration"), typed(num, XSD("duration")))))
      return st;
  }
  for (size_t i = 0; i < r->countries.n; i++) {
    /* a country is keyed by its ISO 3166-1 code when known ("USA" and
     * "U.S." are one node), else by its name */
    const char *code = i < r->country_codes.n && *r->country_codes.items[i] ? r->country_codes.items[i] : NULL;
    char *k = rk_key(code ? code : r->countries.items[i]);
    const char *c = k ? mint(&em->b, em->o->base, "country/%s", k) : NULL;
    free(k);
    if (!c)
      return RK_ERR_NOMEM;
    if ((st = emit3(em, film, SCHEMA("countryOfOrigin"), iri(c))) ||
        (st = emit3(em, c, RK_NS_RDF "type", iri(SCHEMA("Country")))) ||
        (st = emit3(em, c, SCHEMA("name"), lit(r->countries.items[i]))) ||
        (code && (st = emit3(em, c, SCHEMA("identifier"), lit(code)))))
      return st;
  }
  for (size_t i = 0; i < r->languages.n; i++)
    if ((st = emit3(em, film, SCHEMA("inLanguage"), lit(r->languages.items[i]))))
      return st;
  if ((st = emit_role_links(em, film, RK_ROLE_DIRECTOR, SCHEMA("director"))) ||
      (st = emit_role_links(em, film, RK_ROLE_ACTOR, SCHEMA("actor"))) ||
      (st = emit_role_links(em, film, RK_ROLE_WRITER, RK_NS_RKV "screenwriter")) ||
      (st = emit_role_links(em, film, RK_ROLE_COMPOSER, SCHEMA("musicBy"))) ||
      (st = emit_role_links(em, film, RK_ROLE_CINEMATOGRAPHER, RK_NS_RKV "cinematographer")) ||
      (st = emit_role_links(em, film, RK_ROLE_EDITOR, SCHEMA("editor"))) ||
      (st = emit_role_links(em, film, RK_ROLE_PRODUCER, SCHEMA("producer"))))
    return st;

  /* who plays whom: Movie -actor-> PerformanceRole -actor-> Person
   * (one buffer for every role's IRI: mint empties it) */
  RkBuf rb;
  rk_buf_init(&rb);
  for (size_t i = 0; i < r->n_plays && !st; i++) {
    const RkPlay *pl = &r->plays[i];
    char         *ck;
    const char   *role;
    if (!kept(em, &pl->ev))
      continue;
    if (!(ck = rk_key(pl->character))) {
      st = RK_ERR_NOMEM;
      break;
    }
    role = mint(&rb, em->o->base, "film/%s/role/%s--%s", r->film_key, r->people[pl->person].key, ck);
    free(ck);
    const char *p = role ? person_iri(em, &em->b, pl->person) : NULL;
    st = !p ? RK_ERR_NOMEM : RK_OK;
    if (!st && !(st = emit3(em, film, SCHEMA("actor"), iri(role))) &&
        !(st = emit3(em, role, RK_NS_RDF "type", iri(SCHEMA("PerformanceRole")))) &&
        !(st = emit3(em, role, SCHEMA("actor"), iri(p))))
      st = emit3(em, role, SCHEMA("characterName"), lit(pl->character));
  }
  rk_buf_clear(&rb);
  if (st)
    return st;

  if (r->based_on) {
    char *k = rk_key(r->based_on);
    RkBuf wb;
    const char *w;
    rk_buf_init(&wb);
    w = k ? mint(&wb, em->o->base, "work/%s", k) : NULL;
    free(k);
    st = !w ? RK_ERR_NOMEM : RK_OK;
    if (!st && !(st = emit3(em, film, SCHEMA("isBasedOn"), iri(w))) &&
        !(st = emit3(em, w, RK_NS_RDF "type", iri(SCHEMA("CreativeWork")))))
      st = emit3(em, w, SCHEMA("name"), lit(r->based_on));
    if (!st && r->based_on_author != RK_NONE) {
      const char *a = person_iri(em, &em->b, r->based_on_author);
      st = a ? emit3(em, w, SCHEMA("author"), iri(a)) : RK_ERR_NOMEM;
    }
    rk_buf_clear(&wb);
  }
  return st;
}

static RkStatus
emit_others(Em *em, const char *review)
{
  RkStatus st = RK_OK;

  RkBuf    fb;  /* one buffer for every film's IRI: mint empties it */

  rk_buf_init(&fb);
  for (size_t i = 0; i < em->r->n_others && !st; i++) {
    const RkOtherFilm *o = &em->r->others[i];
    const char *f;
    if (!(f = mint(&fb, em->o->base, "film/%s", o->key))) {
      st = RK_ERR_NOMEM;
      break;
    }
    if (!(st = emit3(em, review, SCHEMA("mentions"), iri(f))) &&
        !(st = emit3(em, f, RK_NS_RDF "type", iri(SCHEMA("Movie")))))
      st = emit3(em, f, SCHEMA("name"), lit(o->title));
    if (!st && o->director != RK_NONE) {
      const char *d = person_iri(em, &em->b, o->director);
      st = d ? emit3(em, f, SCHEMA("director"), iri(d)) : RK_ERR_NOMEM;
    }
  }
  rk_buf_clear(&fb);
  return st;
}

/* Evidence for one fact: a NIF phrase with character offsets, the entity
 * it identifies, the confidence and the rule that found it. */
static RkStatus
emit_evidence(Em *em, const char *source, const char *entity, const RkEvidence *ev)
{
  char        num[32];
  RkBuf       pb;
  const char *ph;
  RkStatus    st;

  if (!ev->rule)
    return RK_OK;
  rk_buf_init(&pb);
  if (ev->end <= ev->begin) {
    /* a fact from the page's structured data: no words to point at, but
     * the source and the confidence are recorded all the same */
    if (rk_buf_printf(&pb, "%s#%s-%zu", source, ev->rule, ++em->n_meta))
      return RK_ERR_NOMEM;
    ph = pb.data;
    snprintf(num, sizeof num, "%.2f", ev->conf);
    if (!(st = emit3(em, ph, RK_NS_RDF "type", iri(RK_NS_PROV "Entity"))) &&
        !(st = emit3(em, ph, RK_NS_PROV "wasDerivedFrom", iri(source))) &&
        !(st = emit3(em, ph, RK_NS_ITSRDF "taIdentRef", iri(entity))) &&
        !(st = emit3(em, ph, RK_NS_ITSRDF "taConfidence", typed(num, XSD("double")))))
      st = emit3(em, ph, RK_NS_RKV "rule", lit(ev->rule));
    goto done;
  }
  if (rk_buf_printf(&pb, "%s#char=%zu,%zu", source, ev->begin, ev->end))
    return RK_ERR_NOMEM;
  ph = pb.data;
  if ((st = emit3(em, ph, RK_NS_RDF "type", iri(RK_NS_NIF "Phrase"))) ||
      (st = emit3(em, ph, RK_NS_NIF "referenceContext", iri(source))))
    goto done;
  snprintf(num, sizeof num, "%zu", ev->begin);
  if ((st = emit3(em, ph, RK_NS_NIF "beginIndex", typed(num, XSD("nonNegativeInteger")))))
    goto done;
  snprintf(num, sizeof num, "%zu", ev->end);
  if ((st = emit3(em, ph, RK_NS_NIF "endIndex", typed(num, XSD("nonNegativeInteger")))) ||
      (st = emit3(em, ph, RK_NS_ITSRDF "taIdentRef", iri(entity))))
    goto done;
  snprintf(num, sizeof num, "%.2f", ev->conf);
  if ((st = emit3(em, ph, RK_NS_ITSRDF "taConfidence", typed(num, XSD("double")))) ||
      (st = emit3(em, ph, RK_NS_RKV "rule", lit(ev->rule))))
    goto done;
done:
  rk_buf_clear(&pb);
  return st;
}

static RkStatus
emit_provenance(Em *em, const char *facts_graph, const char *review)
{
  const RkReview *r = em->r;
  RkBuf           sb, eb;
  const char     *source;
  char           *url = safe_iri(r->url);
  RkStatus        st;

  rk_buf_init(&sb);
  rk_buf_init(&eb);
  if (!(source = mint(&sb, em->o->base, "source/%s", r->review_id))) {
    free(url);
    return RK_ERR_NOMEM;
  }
  if ((st = emit3(em, facts_graph, RK_NS_RDF "type", iri(RK_NS_PROV "Entity"))) ||
      (st = emit3(em, facts_graph, RK_NS_PROV "wasDerivedFrom", iri(source))) ||
      (st = emit3(em, facts_graph, RK_NS_PROV "wasGeneratedBy", iri(RK_NS_RKV "reviewkg-" PACKAGE_VERSION))) ||
      (st = emit3(em, source, RK_NS_RDF "type", iri(RK_NS_PROV "Entity"))) ||
      (st = emit3(em, source, RK_NS_RDF "type", iri(RK_NS_NIF "Context"))) ||
      (st = emit3(em, source, RK_NS_RKV "sha256", lit(r->doc_sha256 ? r->doc_sha256 : ""))) ||
      (st = emit3(em, source, RK_NS_RKV "sourcePath", lit(r->doc_path ? r->doc_path : ""))))
    goto done;
  if (url && (st = emit3(em, source, RK_NS_PROV "atLocation", iri(url))))
    goto done;
  for (size_t i = 0; i < r->n_people && !st; i++) {
    const char *p = mint(&eb, em->o->base, "person/%s", r->people[i].key);
    st = p ? emit_evidence(em, source, p, &r->people[i].ev) : RK_ERR_NOMEM;
  }
  for (size_t i = 0; i < r->n_plays && !st; i++) {
    char *ck = rk_key(r->plays[i].character);
    const char *role = ck ? mint(&eb, em->o->base, "film/%s/role/%s--%s", r->film_key,
                                 r->people[r->plays[i].person].key, ck) : NULL;
    free(ck);
    st = role ? emit_evidence(em, source, role, &r->plays[i].ev) : RK_ERR_NOMEM;
  }
  if (!st && r->critic != RK_NONE)
    st = emit_evidence(em, source, review, &r->critic_ev);
  /* the publication's evidence, too: a manifest's is told from the page's by its rule */
  if (!st && r->publication_key) {
    const char *o = mint(&eb, em->o->base, "org/%s", r->publication_key);
    st = o ? emit_evidence(em, source, o, &r->publication_ev) : RK_ERR_NOMEM;
  }
done:
  free(url);
  rk_buf_clear(&sb);
  rk_buf_clear(&eb);
  return st;
}

RkStatus
rk_emit_review(const RkReview *r, const RkEmitOpts *opts, const RkSink *sink)
{
  Em          em = { r, opts, sink, NULL, { NULL, 0, 0 }, { NULL, 0, 0 }, 0 };
  RkBuf       rb, fb, gb, pb;
  RkDocInfo   info;
  RkEvent     ev;
  const char *review, *film;
  char       *url = safe_iri(r->url);
  RkStatus    st = RK_ERR_NOMEM;

  rk_buf_init(&rb); rk_buf_init(&fb); rk_buf_init(&gb); rk_buf_init(&pb);
  if (!(review = mint(&rb, opts->base, "review/%s", r->review_id)) ||
      !(film = mint(&fb, opts->base, "film/%s", r->film_key)) ||
      !mint(&gb, opts->base, "graph/review/%s", r->review_id) ||
      !mint(&pb, opts->base, "graph/review/%s/prov", r->review_id))
    goto done;
  info = (RkDocInfo){ r->doc_path, review, gb.data, pb.data };
  ev.type = RK_EV_DOC_BEGIN;
  ev.body.doc = &info;
  if ((st = rk_sink_send(sink, &ev)))
    goto done;

  em.graph = gb.data;
  if ((st = emit3(&em, review, RK_NS_RDF "type", iri(SCHEMA("Review")))) ||
      (st = emit3(&em, review, SCHEMA("itemReviewed"), iri(film))))
    goto done;
  if (url && (st = emit3(&em, review, SCHEMA("url"), iri(url))))
    goto done;
  if (r->date && is_iso_date(r->date)) {
    char day[11];
    memcpy(day, r->date, 10);
    day[10] = '\0';
    if ((st = emit3(&em, review, SCHEMA("datePublished"), typed(day, XSD("date")))))
      goto done;
  }
  if (r->critic != RK_NONE && kept(&em, &r->critic_ev)) {
    const char *c = person_iri(&em, &em.b, r->critic);
    if (!c || (st = emit3(&em, review, SCHEMA("author"), iri(c))))
      goto done;
  }
  if (r->publication_key && kept(&em, &r->publication_ev)) {
    RkBuf ob;
    const char *o;
    rk_buf_init(&ob);
    o = mint(&ob, opts->base, "org/%s", r->publication_key);
    st = !o ? RK_ERR_NOMEM : RK_OK;
    if (!st && !(st = emit3(&em, review, SCHEMA("publisher"), iri(o))) &&
        !(st = emit3(&em, o, RK_NS_RDF "type", iri(SCHEMA("Organization")))))
      st = emit3(&em, o, SCHEMA("name"), lit(r->publication));
    rk_buf_clear(&ob);
    if (st)
      goto done;
  }
  if ((st = emit_rating(&em, review)) || (st = emit_film(&em, film)) || (st = emit_others(&em, review)))
    goto done;
  for (size_t i = 0; i < r->n_people; i++)
    if (r->people[i].roles && kept(&em, &r->people[i].ev) && (st = emit_person(&em, i)))
      goto done;
  if (opts->provenance) {
    em.graph = pb.data;
    if ((st = emit_provenance(&em, gb.data, review)))
      goto done;
  }
  ev.type = RK_EV_DOC_END;
  st = rk_sink_send(sink, &ev);
done:
  free(url);
  rk_buf_clear(&em.a); rk_buf_clear(&em.b);
  rk_buf_clear(&rb); rk_buf_clear(&fb); rk_buf_clear(&gb); rk_buf_clear(&pb);
  return st;
}

/* ------------------------------------------------------------ raptor */

struct RkRdf {
  raptor_world *world;  /* the process's one raptor world */
};

RkStatus
rk_rdf_new(RkRdf **out)
{
  RkRdf *rdf = rk_calloc(1, sizeof *rdf);

  if (!rdf)
    return RK_ERR_NOMEM;
  if (!(rdf->world = raptor_new_world()) || raptor_world_open(rdf->world)) {
    raptor_free_world(rdf->world);
    free(rdf);
    return RK_ERR_RDF;
  }
  *out = rdf;
  return RK_OK;
}

void
rk_rdf_free(RkRdf *rdf)
{
  if (!rdf)
    return;
  raptor_free_world(rdf->world);
  free(rdf);
}

void *rk_rdf_raptor_world(RkRdf *rdf) { return rdf->world; }

/* N-Triples and N-Quads are written by hand: raptor builds a raptor_term
 * (copying and interning every IRI) for each term of each statement,
 * which made its writer three times slower than serdi's.  The bytes are
 * those raptor 2.0.15 writes: ASCII only, \uXXXX / \UXXXXXXXX (upper-case
 * hex) for the rest, \t \n \r \" \\ in literals, and in IRIs \u escapes
 * for what N-Triples forbids there.  The other syntaxes stay raptor's. */
#define NT_BUF 65536
#define NT_MEMO 64  /* IRIs kept as written: a power of two */

/* An IRI as nt_iri last wrote it.  A triple's subject is mostly the one
 * before it and its predicate one of a few dozen constants, so their
 * escaped forms are kept, found by address and trusted only if the text
 * is the same (an address is reused for other IRIs). */
typedef struct {
  const char *from;   /* the address it was written from; NULL: empty */
  RkBuf       iri;    /* the IRI as given */
  RkBuf       out;    /* as written, "<" and ">" included */
} NtMemo;

struct RkWriter {
  raptor_world      *world;
  raptor_serializer *ser;       /* raptor's writer; NULL for our own N-Triples/N-Quads */
  FILE              *out;
  const char        *where;     /* the output's name, for messages */
  const RkLog       *log;
  int                graphs;    /* N-Quads: keep graph names */
  int                turtle;    /* our own Turtle: N-Triples terms, grouped by subject */
  const char        *base;      /* Turtle: the "kg:" prefix, or NULL */
  RkBuf              subject;   /* Turtle: the open subject's key, empty when none */
  RkBuf              predicate; /* Turtle: the open predicate's IRI */
  int                provenance;/* keep provenance graphs (always with graphs) */
  int                ended;     /* serialize_end was called */
  RkStatus           failed;    /* first error seen, sticky */
  size_t             n;         /* bytes waiting in buf */
  size_t             flushes;   /* times buf was emptied, to know what it still holds */
  NtMemo             memo[NT_MEMO]; /* recently written IRIs, by address */
  const char        *graph_from; /* is_prov_graph's last graph: its address, */
  RkBuf              graph;      /* its text */
  int                graph_is_prov; /* and the answer */
  char               buf[NT_BUF]; /* our own writer's output, flushed per document */
};

static const struct { const char *prefix, *ns; } prefixes[] = {
  { "schema", RK_NS_SCHEMA }, { "rdf", RK_NS_RDF }, { "xsd", RK_NS_XSD }, { "prov", RK_NS_PROV },
  { "nif", RK_NS_NIF }, { "itsrdf", RK_NS_ITSRDF }, { "rkv", RK_NS_RKV }, { NULL, NULL }
};

static raptor_term *
to_term(raptor_world *w, const RkTerm *t)
{
  raptor_uri  *dt = NULL;
  raptor_term *term;

  switch (t->type) {
  case RK_TERM_IRI:
    return raptor_new_term_from_uri_string(w, (const unsigned char *)t->value);
  case RK_TERM_BLANK:
    return raptor_new_term_from_blank(w, (const unsigned char *)t->value);
  case RK_TERM_LITERAL:
    if (t->datatype && !(dt = raptor_new_uri(w, (const unsigned char *)t->datatype)))
      return NULL;
    term = raptor_new_term_from_literal(w, (const unsigned char *)t->value, dt,
                                        (const unsigned char *)t->lang);
    if (dt)
      raptor_free_uri(dt);
    return term;
  }
  return NULL;
}

/* ---- our N-Triples/N-Quads writer ---- */

static RkStatus
nt_flush(RkWriter *w)
{
  if (w->n && fwrite(w->buf, 1, w->n, w->out) != w->n) {
    w->n = 0;
    rk_log(w->log, RK_LOG_ERROR, w->where, "write failed: %s", strerror(errno));
    return w->failed = RK_ERR_IO;
  }
  w->n = 0;
  return RK_OK;
}

/* nt_put when the bytes do not fit behind what the buffer holds. */
static RkStatus
nt_put_slow(RkWriter *w, const char *p, size_t n)
{
  w->flushes++;
  if (nt_flush(w))
    return w->failed;
  if (n > NT_BUF) {
    if (fwrite(p, 1, n, w->out) != n) {
      rk_log(w->log, RK_LOG_ERROR, w->where, "write failed: %s", strerror(errno));
      return w->failed = RK_ERR_IO;
    }
    return RK_OK;
  }
  memcpy(w->buf, p, n);
  w->n = n;
  return RK_OK;
}

/* Inline: a triple takes a dozen puts, most of one or two bytes. */
static inline RkStatus
nt_put(RkWriter *w, const char *p, size_t n)
{
  if (n > NT_BUF - w->n)
    return nt_put_slow(w, p, n);
  memcpy(w->buf + w->n, p, n);
  w->n += n;
  return RK_OK;
}

/* \uXXXX or \UXXXXXXXX, upper-case hex as raptor writes them */
static RkStatus
nt_uchar(RkWriter *w, uint32_t cp)
{
  static const char hex[] = "0123456789ABCDEF";
  char e[10];
  int  k = cp < 0x10000 ? 4 : 8;

  e[0] = '\\';
  e[1] = k == 4 ? 'u' : 'U';
  for (int i = 0; i < k; i++)
    e[2 + i] = hex[(cp >> (4 * (k - 1 - i))) & 0xf];
  return nt_put(w, e, (size_t)k + 2);
}

/* Bytes written as they are: printable ASCII but '"' and '\\' in a
 * literal; in an IRI not the space and <>{}|^` either.  Tables, because
 * this is asked once per byte written. */
static const unsigned char nt_plain_literal[256] = {
  [0x20 ... 0x21] = 1, [0x23 ... 0x5B] = 1, [0x5D ... 0x7E] = 1
};
static const unsigned char nt_plain_iri[256] = {
  [0x21] = 1, [0x23 ... 0x3B] = 1, [0x3D] = 1, [0x3F ... 0x5B] = 1, [0x5D] = 1, [0x5F] = 1,
  [0x61 ... 0x7A] = 1, [0x7E] = 1
};

#ifdef __SSE2__
/* A bit for each of the 16 bytes of @p c that its table does not pass: the
 * tables' sets spelled as comparisons (signed: bytes from 0x80 up are
 * negative and fail the lower bound). */
static inline unsigned
plain_stops(__m128i c, int iri)
{
  __m128i ok, bad;

  if (iri) {
    /* 0x21..0x7A and '~', less " < > \ ^ `; c | 2 maps '<' to '>' and '\' to '^' */
    __m128i c2 = _mm_or_si128(c, _mm_set1_epi8(2));
    ok  = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8(0x20)), _mm_cmplt_epi8(c, _mm_set1_epi8(0x7B)));
    ok  = _mm_or_si128(ok, _mm_cmpeq_epi8(c, _mm_set1_epi8('~')));
    bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('"')), _mm_cmpeq_epi8(c, _mm_set1_epi8('`'))),
                       _mm_or_si128(_mm_cmpeq_epi8(c2, _mm_set1_epi8('>')), _mm_cmpeq_epi8(c2, _mm_set1_epi8('^'))));
  } else {
    /* 0x20..0x7E, less " and \ */
    ok  = _mm_cmpgt_epi8(c, _mm_set1_epi8(0x1F));
    bad = _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(0x7F)),
                       _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('"')), _mm_cmpeq_epi8(c, _mm_set1_epi8('\\'))));
  }
  return (unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) ^ 0xFFFFu;
}
#endif

/* How many bytes at the start of s[0..n) are written as they are.
 * Sixteen at a time where SSE2 is there: most of what is written needs no
 * escape, and a byte at a time was most of the writer's work. */
static inline size_t
plain_span(const unsigned char *s, size_t n, int iri)
{
  const unsigned char *plain = iri ? nt_plain_iri : nt_plain_literal;
  size_t i = 0;

#ifdef __SSE2__
  if (n >= 16) {
    /* the last block overlaps the one before: its bytes before i passed */
    for (;; i += 16) {
      unsigned stop;
      if (i + 16 > n)
        i = n - 16;
      if ((stop = plain_stops(_mm_loadu_si128((const __m128i *)(s + i)), iri)))
        return i + (size_t)__builtin_ctz(stop);
      if (i + 16 == n)
        return n;
    }
  }
#endif
  while (i < n && plain[s[i]])
    i++;
  return i;
}

/* The body of an IRI or of a literal, escaped. */
static RkStatus
nt_escaped(RkWriter *w, const char *str, int iri)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t   n = strlen(str), i = 0;
  RkStatus st = RK_OK;

  while (i < n && !st) {
    size_t        k = plain_span(s + i, n - i, iri);  /* the run written as it is */
    unsigned char c;
    if (k && (st = nt_put(w, str + i, k)))
      return st;
    if ((i += k) == n)
      break;
    c = s[i];
    if (c == '\\' || (c == '"' && !iri)) {
      char e[2] = { '\\', (char)c };
      st = nt_put(w, e, 2);
      i++;
    } else if (!iri && (c == '\t' || c == '\n' || c == '\r')) {
      st = nt_put(w, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", 2);
      i++;
    } else if (c < 0x80) {
      st = nt_uchar(w, c);
      i++;
    } else {
      uint32_t cp;
      if (!(k = rk_utf8_decode(str + i, n - i, &cp))) {
        rk_log(w->log, RK_LOG_ERROR, w->where, "not UTF-8: \"%s\"", str);
        return w->failed = RK_ERR_RDF;
      }
      st = nt_uchar(w, cp);
      i += k;
    }
  }
  return st;
}

static RkStatus
nt_iri(RkWriter *w, const char *iri)
{
  NtMemo  *m = &w->memo[((uintptr_t)iri >> 4 ^ (uintptr_t)iri >> 10) & (NT_MEMO - 1)];
  size_t   at = w->n, flushes = w->flushes;
  RkStatus st;

  if (m->from == iri && !strcmp(m->iri.data, iri))
    return nt_put(w, m->out.data, m->out.len);
  if ((st = nt_put(w, "<", 1)) || (st = nt_escaped(w, iri, 1)) || (st = nt_put(w, ">", 1)))
    return st;
  /* keep what was written, unless a flush took it; without the memory to
   * keep it the next one is escaped again, that is all */
  m->from = NULL;
  rk_buf_reset(&m->iri);
  rk_buf_reset(&m->out);
  if (w->flushes == flushes && !rk_buf_puts(&m->iri, iri) && !rk_buf_append(&m->out, w->buf + at, w->n - at))
    m->from = iri;
  return RK_OK;
}

static RkStatus
nt_term(RkWriter *w, const RkTerm *t)
{
  RkStatus st = RK_OK;

  switch (t->type) {
  case RK_TERM_IRI:
    return nt_iri(w, t->value);
  case RK_TERM_BLANK:
    if (!(st = nt_put(w, "_:", 2)))
      st = nt_put(w, t->value, strlen(t->value));
    return st;
  case RK_TERM_LITERAL:
    if ((st = nt_put(w, "\"", 1)) || (st = nt_escaped(w, t->value, 0)) || (st = nt_put(w, "\"", 1)))
      return st;
    /* a language tag wins over a datatype; raptor writes it lower-case */
    if (t->lang && *t->lang) {
      st = nt_put(w, "@", 1);
      for (const char *l = t->lang; *l && !st; l++) {
        char c = (char)tolower((unsigned char)*l);
        st = nt_put(w, &c, 1);
      }
    } else if (t->datatype) {
      if (!(st = nt_put(w, "^^", 2)))
        st = nt_iri(w, t->datatype);
    }
    return st;
  }
  return RK_ERR_INTERNAL;
}

static RkStatus
nt_statement(RkWriter *w, const RkTriple *t)
{
  RkStatus st;

  if ((st = nt_term(w, &t->s)) || (st = nt_put(w, " ", 1)) ||
      (st = nt_term(w, &t->p)) || (st = nt_put(w, " ", 1)) ||
      (st = nt_term(w, &t->o)))
    return st;
  if (w->graphs && t->graph && ((st = nt_put(w, " ", 1)) || (st = nt_iri(w, t->graph))))
    return st;
  return nt_put(w, " .\n", 3);
}

/* ---- our Turtle writer ----
 * raptor's pretty Turtle writer holds the whole graph until the end (about
 * 100 bytes a triple).  This one streams: each triple in N-Triples term
 * syntax (valid Turtle), with the subject and predicate of consecutive
 * triples shared (";" and ","), prefixed names where the local part is
 * plainly safe, and "a" for rdf:type.  A document's subjects are closed
 * at its end, so memory stays flat. */

/* A local name every Turtle parser takes: a letter or '_', then letters,
 * digits, '_' or '-' (PN_LOCAL allows more; this is the safe core). */
static int
ttl_plain_local(const char *l)
{
  if (!*l || !(isalpha((unsigned char)*l) || *l == '_'))
    return 0;
  for (; *l; l++)
    if (!(isalnum((unsigned char)*l) || *l == '_' || *l == '-'))
      return 0;
  return l[-1] != '-';
}

static RkStatus
ttl_iri(RkWriter *w, const char *iri)
{
  RkStatus st;

  for (int i = 0; prefixes[i].prefix; i++) {
    size_t n = strlen(prefixes[i].ns);
    if (!strncmp(iri, prefixes[i].ns, n) && ttl_plain_local(iri + n)) {
      if ((st = nt_put(w, prefixes[i].prefix, strlen(prefixes[i].prefix))) || (st = nt_put(w, ":", 1)))
        return st;
      return nt_put(w, iri + n, strlen(iri + n));
    }
  }
  if (w->base) {
    size_t n = strlen(w->base);
    if (!strncmp(iri, w->base, n) && ttl_plain_local(iri + n)) {
      if ((st = nt_put(w, "kg:", 3)))
        return st;
      return nt_put(w, iri + n, strlen(iri + n));
    }
  }
  return nt_iri(w, iri);
}

static RkStatus
ttl_term(RkWriter *w, const RkTerm *t)
{
  RkStatus st;

  if (t->type == RK_TERM_IRI)
    return ttl_iri(w, t->value);
  if (t->type == RK_TERM_LITERAL && !(t->lang && *t->lang) && t->datatype) {
    RkTerm plain = *t;

    plain.datatype = NULL;
    if ((st = nt_term(w, &plain)) || (st = nt_put(w, "^^", 2)))
      return st;
    return ttl_iri(w, t->datatype);
  }
  return nt_term(w, t);
}

/* End the open subject's statements. */
static RkStatus
ttl_close(RkWriter *w)
{
  if (!w->subject.len)
    return RK_OK;
  rk_buf_reset(&w->subject);
  rk_buf_reset(&w->predicate);
  return nt_put(w, " .\n", 3);
}

static RkStatus
ttl_header(RkWriter *w)
{
  RkStatus st = RK_OK;
  RkBuf    b;

  rk_buf_init(&b);
  for (int i = 0; prefixes[i].prefix && !st; i++)
    st = rk_buf_printf(&b, "@prefix %s: <%s> .\n", prefixes[i].prefix, prefixes[i].ns);
  /* the base as a prefix, not @base: tools differ on @base */
  if (!st && w->base)
    st = rk_buf_printf(&b, "@prefix kg: <%s> .\n", w->base);
  if (!st)
    st = nt_put(w, b.data, b.len);
  rk_buf_clear(&b);
  return st ? (w->failed = st) : RK_OK;
}

static RkStatus
ttl_statement(RkWriter *w, const RkTriple *t)
{
  int      same_subject;
  RkStatus st;

  /* type, then value: an IRI and a blank node of one label differ */
  same_subject = w->subject.len && w->subject.data[0] == (char)('0' + t->s.type) &&
                 !strcmp(w->subject.data + 1, t->s.value);
  if (same_subject && !strcmp(w->predicate.data, t->p.value)) {
    if ((st = nt_put(w, " ,\n        ", 11)))
      return st;
    return ttl_term(w, &t->o);
  }
  if (same_subject) {
    if ((st = nt_put(w, " ;\n    ", 7)))
      return st;
  } else {
    char type = (char)('0' + t->s.type);

    if ((st = ttl_close(w)) || (st = nt_put(w, "\n", 1)) || (st = ttl_term(w, &t->s)) ||
        (st = nt_put(w, " ", 1)))
      return st;
    if (rk_buf_append(&w->subject, &type, 1) || rk_buf_puts(&w->subject, t->s.value))
      return w->failed = RK_ERR_NOMEM;
  }
  rk_buf_reset(&w->predicate);
  if (rk_buf_puts(&w->predicate, t->p.value))
    return w->failed = RK_ERR_NOMEM;
  if (!strcmp(t->p.value, RK_NS_RDF "type"))
    st = nt_put(w, "a", 1);
  else
    st = ttl_iri(w, t->p.value);
  if (st || (st = nt_put(w, " ", 1)))
    return st;
  return ttl_term(w, &t->o);
}

/* ---- raptor's writers ---- */

static RkStatus
raptor_statement_out(RkWriter *w, const RkTriple *t)
{
  raptor_statement *st;
  int               rc;

  if (!(st = raptor_new_statement(w->world)))
    return w->failed = RK_ERR_NOMEM;
  st->subject   = to_term(w->world, &t->s);
  st->predicate = to_term(w->world, &t->p);
  st->object    = to_term(w->world, &t->o);
  if (w->graphs && t->graph)
    st->graph = raptor_new_term_from_uri_string(w->world, (const unsigned char *)t->graph);
  if (!st->subject || !st->predicate || !st->object) {
    raptor_free_statement(st);
    rk_log(w->log, RK_LOG_ERROR, w->where, "cannot build an RDF term for <%s>", t->s.value);
    return w->failed = RK_ERR_RDF;
  }
  rc = raptor_serializer_serialize_statement(w->ser, st);
  raptor_free_statement(st);
  if (rc)
    return w->failed = RK_ERR_RDF;
  if (ferror(w->out)) {
    rk_log(w->log, RK_LOG_ERROR, w->where, "write failed: %s", strerror(errno));
    return w->failed = RK_ERR_IO;
  }
  return RK_OK;
}

/* Is @p graph a provenance graph (has "/prov")?  A document's triples
 * share their graph, so the last answer is kept with the text it was for. */
static int
is_prov_graph(RkWriter *w, const char *graph)
{
  if (w->graph_from == graph && !strcmp(w->graph.data, graph))
    return w->graph_is_prov;
  w->graph_from = NULL;
  w->graph_is_prov = strstr(graph, "/prov") != NULL;
  rk_buf_reset(&w->graph);
  if (!rk_buf_puts(&w->graph, graph))
    w->graph_from = graph;
  return w->graph_is_prov;
}

static RkStatus
writer_event(void *handle, const RkEvent *ev)
{
  RkWriter *w = handle;

  if (w->failed)
    return w->failed;
  if (ev->type != RK_EV_TRIPLE) {
    /* a streaming writer hands each document on as it ends */
    if (ev->type == RK_EV_DOC_END && w->turtle && ttl_close(w))
      return w->failed;
    if (ev->type == RK_EV_DOC_END && !w->ser && nt_flush(w))
      return w->failed;
    if (ev->type == RK_EV_DOC_END && ferror(w->out))
      return w->failed = RK_ERR_IO;
    return RK_OK;
  }
  /* without graph names only a review's facts graph is written, unless
   * provenance was asked for */
  if (!w->graphs && !w->provenance && ev->body.triple->graph && is_prov_graph(w, ev->body.triple->graph))
    return RK_OK;
  if (w->turtle)
    return ttl_statement(w, ev->body.triple);
  if (!w->ser)
    return nt_statement(w, ev->body.triple);
  return raptor_statement_out(w, ev->body.triple);
}

RkStatus
rk_writer_new(RkRdf *rdf, RkSyntax syntax, FILE *out, const char *where, const char *base,
              const RkLog *log, RkWriter **res)
{
  static const char *const names[] = { "turtle", "ntriples", "nquads", "rdfxml-abbrev", "dot" };
  RkWriter   *w = rk_calloc(1, sizeof *w);
  raptor_uri *base_uri = NULL;

  if (!w)
    return RK_ERR_NOMEM;
  w->world  = rdf->world;
  w->out    = out;
  w->where  = where;
  w->log    = log;
  w->graphs = syntax == RK_SYNTAX_NQUADS;
  w->turtle = syntax == RK_SYNTAX_TURTLE;
  rk_buf_init(&w->subject);
  rk_buf_init(&w->predicate);
  rk_buf_init(&w->graph);
  for (int i = 0; i < NT_MEMO; i++) {
    rk_buf_init(&w->memo[i].iri);
    rk_buf_init(&w->memo[i].out);
  }
  if (rk_syntax_streams(syntax)) {
    /* our own writer: only Turtle has something to say first */
    if (w->turtle && base && !(w->base = rk_strdup(base))) {
      rk_writer_free(w);
      return RK_ERR_NOMEM;
    }
    if (w->turtle && ttl_header(w)) {
      rk_writer_free(w);
      return RK_ERR_NOMEM;
    }
    *res = w;
    return RK_OK;
  }
  if (!(w->ser = raptor_new_serializer(w->world, names[syntax])))
    goto fail;
  for (int i = 0; prefixes[i].prefix && (syntax == RK_SYNTAX_TURTLE || syntax == RK_SYNTAX_RDFXML); i++) {
    raptor_uri *ns = raptor_new_uri(w->world, (const unsigned char *)prefixes[i].ns);
    if (!ns)
      goto fail;
    raptor_serializer_set_namespace(w->ser, ns, (const unsigned char *)prefixes[i].prefix);
    raptor_free_uri(ns);
  }
  /* Turtle gets the base as a prefix (not @base: tools differ on it) */
  if (base && (syntax == RK_SYNTAX_TURTLE || syntax == RK_SYNTAX_RDFXML)) {
    raptor_uri *ns = raptor_new_uri(w->world, (const unsigned char *)base);
    if (!ns)
      goto fail;
    raptor_serializer_set_namespace(w->ser, ns, (const unsigned char *)"kg");
    raptor_free_uri(ns);
  }
  if (raptor_serializer_start_to_file_handle(w->ser, base_uri, out))
    goto fail;
  *res = w;
  return RK_OK;
fail:
  rk_log(log, RK_LOG_ERROR, where, "cannot start the %s writer", names[syntax]);
  rk_writer_free(w);
  return RK_ERR_RDF;
}

RkSink rk_writer_sink(RkWriter *w) { return (RkSink){ w, writer_event }; }

void rk_writer_keep_provenance(RkWriter *w, int keep) { w->provenance = keep; }

RkStatus
rk_writer_finish(RkWriter *w)
{
  /* end the serializer even after a failure: raptor frees its state there */
  if (w->ser && raptor_serializer_serialize_end(w->ser) && !w->failed)
    w->failed = RK_ERR_RDF;
  w->ended = 1;
  if (!w->failed && w->turtle)
    ttl_close(w);
  if (!w->failed && !w->ser)
    nt_flush(w);
  if (!w->failed && (fflush(w->out) || ferror(w->out))) {
    rk_log(w->log, RK_LOG_ERROR, w->where, "write failed: %s", strerror(errno));
    w->failed = RK_ERR_IO;
  }
  return w->failed;
}

void
rk_writer_free(RkWriter *w)
{
  if (!w)
    return;
  if (w->ser && !w->ended)
    raptor_serializer_serialize_end(w->ser);
  if (w->ser)
    raptor_free_serializer(w->ser);
  rk_buf_clear(&w->subject);
  rk_buf_clear(&w->predicate);
  rk_buf_clear(&w->graph);
  for (int i = 0; i < NT_MEMO; i++) {
    rk_buf_clear(&w->memo[i].iri);
    rk_buf_clear(&w->memo[i].out);
  }
  free((char *)w->base);
  free(w);
}
