/* structured.c - what a page states in JSON-LD, fused before the text.
 *
 * Reads each application/ld+json block the reader collected (json-c),
 * finds schema.org Review and Movie objects (also inside @graph arrays
 * and nested values) and records their film, titles, director, cast with
 * characters, critic, publisher, rating, year, runtime, countries and
 * languages.  Structured facts enter first, tagged with the rule
 * "jsonld" in provenance; what the text says is added beside them, so
 * where the two disagree both are kept and the evidence says who said
 * what.  Owns nothing past one call.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>
#include "extract_impl.h"

#define JSONLD_CONF 0.95f

/* JSON strings are kept as the page wrote them (quotes, controls, RTL
 * marks and emoji round-trip through every syntax), except the Unicode
 * noncharacters no RDF syntax can carry (raptor refuses U+FFFE).  Returns
 * a pointer into one of four per-thread buffers, each valid for the next
 * three calls. */
static const char *
clean(const char *s)
{
  static __thread char bufs[4][4096];
  static __thread int  next;
  char  *buf = bufs[next++ & 3];
  size_t n = 0, i = 0, len, k;
  uint32_t cp;

  if (!s)
    return NULL;
  len = strlen(s);
  while (i < len && n + 5 < sizeof bufs[0]) {
    if (!(k = rk_utf8_decode(s + i, len - i, &cp))) { i++; continue; }
    if (!((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)) {
      memcpy(buf + n, s + i, k);
      n += k;
    }
    i += k;
  }
  buf[n] = '\0';
  return buf;
}

static const char *
str_of_raw(json_object *o);

static const char *
str_of(json_object *o)
{
  return clean(str_of_raw(o));
}

static const char *
str_of_raw(json_object *o)
{
  if (!o)
    return NULL;
  if (json_object_is_type(o, json_type_string))
    return json_object_get_string(o);
  if (json_object_is_type(o, json_type_object)) {
    json_object *n;
    if (json_object_object_get_ex(o, "name", &n) && json_object_is_type(n, json_type_string))
      return json_object_get_string(n);
  }
  return NULL;
}

static json_object *
get(json_object *o, const char *key)
{
  json_object *v;
  return o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* Does @p o have @p type among its @type values ("Movie", "schema:Movie")? */
static int
has_type(json_object *o, const char *type)
{
  json_object *t = get(o, "@type");
  size_t       k = strlen(type);

  if (!t)
    return 0;
  if (json_object_is_type(t, json_type_array)) {
    for (size_t i = 0; i < json_object_array_length(t); i++) {
      const char *s = json_object_get_string(json_object_array_get_idx(t, i));
      size_t n = s ? strlen(s) : 0;
      if (s && n >= k && !strcmp(s + n - k, type) && (n == k || strchr(":/", s[n - k - 1])))
        return 1;
    }
    return 0;
  }
  const char *s = json_object_get_string(t);
  size_t n = s ? strlen(s) : 0;
  return s && n >= k && !strcmp(s + n - k, type) && (n == k || strchr(":/", s[n - k - 1]));
}

typedef RkStatus (*EachFn)(RkEx *x, json_object *item, unsigned roles);

/* Call @p fn for a value or each element of an array value. */
static RkStatus
each(RkEx *x, json_object *v, unsigned roles, EachFn fn)
{
  RkStatus st = RK_OK;

  if (!v)
    return RK_OK;
  if (json_object_is_type(v, json_type_array)) {
    for (size_t i = 0; i < json_object_array_length(v) && !st; i++)
      st = fn(x, json_object_array_get_idx(v, i), roles);
    return st;
  }
  return fn(x, v, roles);
}

static RkStatus
person(RkEx *x, json_object *item, unsigned roles)
{
  const char *name = str_of(item);
  size_t      idx;
  RkStatus    st;

  /* schema.org's Role pattern: {"@type":"PerformanceRole","actor":{...},"characterName":"X"} */
  if (has_type(item, "PerformanceRole") || get(item, "characterName")) {
    json_object *who = get(item, "actor");
    const char  *chr = str_of(get(item, "characterName"));
    if (!who || !(name = str_of(json_object_is_type(who, json_type_array) ? json_object_array_get_idx(who, 0) : who)))
      return RK_OK;
    if ((st = rk_ex_person(x, name, roles, 0, 0, JSONLD_CONF, "jsonld", &idx)))
      return st;
    if (chr && *chr) {
      RkEvidence ev = rk_ex_evidence(x, 0, 0, JSONLD_CONF, "jsonld");
      return rk_review_add_play(x->r, idx, chr, &ev);
    }
    return RK_OK;
  }
  if (!name || !*name || strlen(name) > 120)
    return RK_OK;
  return rk_ex_person(x, name, roles, 0, 0, JSONLD_CONF, "jsonld", &idx);
}

/* ISO 8601 duration "PT2H9M" (or a number of minutes) -> minutes. */
static int
minutes_of(const char *d)
{
  int h = 0, m = 0;

  if (!d)
    return 0;
  if (isdigit((unsigned char)*d))
    return atoi(d);
  if (strncmp(d, "PT", 2))
    return 0;
  for (const char *p = d + 2; *p;) {
    long lv = strtol(p, NULL, 10);
    int  v  = lv > 100000 || lv < 0 ? -1 : (int)lv;
    while (isdigit((unsigned char)*p)) p++;
    if (*p == 'H') h = v;
    else if (*p == 'M') m = v;
    if (*p) p++;
  }
  /* a runtime past a day is no film's ("PT9999999999H") */
  if (h < 0 || m < 0 || h > 24 || m > 24 * 60)
    return 0;
  return h * 60 + m;
}

static RkStatus
listed(RkEx *x, json_object *item, unsigned languages)
{
  const char *s = str_of(item);

  if (!s || !*s)
    return RK_OK;
  return languages ? rk_ex_language(x, s, strlen(s)) : rk_ex_country(x, s, strlen(s));
}

static RkStatus
movie(RkEx *x, json_object *m)
{
  RkReview   *r = x->r;
  const char *name = str_of(get(m, "name"));
  RkStatus    st = RK_OK;

  if (name && *name && (st = rk_ex_title_candidate(x, name, strlen(name), 6.0)))
    return st;
  for (json_object *alt = get(m, "alternateName"); alt && !st; alt = NULL) {
    if (json_object_is_type(alt, json_type_array))
      for (size_t i = 0; i < json_object_array_length(alt) && !st; i++) {
        const char *a = str_of(json_object_array_get_idx(alt, i));
        if (a && name)
          st = rk_ex_title_alternate(x, a, strlen(a));
      }
    else if (str_of(alt) && name)
      st = rk_ex_title_alternate(x, str_of(alt), strlen(str_of(alt)));
  }
  const char *date = str_of(get(m, "dateCreated")) ? str_of(get(m, "dateCreated")) : str_of(get(m, "datePublished"));
  if (date && strlen(date) >= 4 && isdigit((unsigned char)date[0]) && !r->year)
    r->year = atoi(date);
  if (!r->runtime)
    r->runtime = minutes_of(str_of(get(m, "duration")));
  if (!st) st = each(x, get(m, "director"), RK_ROLE_DIRECTOR, person);
  if (!st) st = each(x, get(m, "actor"), RK_ROLE_ACTOR, person);
  if (!st) st = each(x, get(m, "actors"), RK_ROLE_ACTOR, person);
  if (!st) st = each(x, get(m, "musicBy"), RK_ROLE_COMPOSER, person);
  if (!st) st = each(x, get(m, "editor"), RK_ROLE_EDITOR, person);
  if (!st) st = each(x, get(m, "producer"), RK_ROLE_PRODUCER, person);
  if (!st) st = each(x, get(m, "author"), RK_ROLE_WRITER, person);
  if (!st) st = each(x, get(m, "countryOfOrigin"), 0, listed);
  if (!st) st = each(x, get(m, "inLanguage"), 1, listed);
  return st;
}

static RkStatus
critic(RkEx *x, json_object *item, unsigned roles)
{
  const char *name = str_of(item);
  size_t      idx;
  RkStatus    st;

  if (!name || !*name || x->r->critic != RK_NONE || has_type(item, "Organization"))
    return RK_OK;
  if ((st = rk_ex_person(x, name, RK_ROLE_CRITIC, 0, 0, JSONLD_CONF, "jsonld", &idx)))
    return st;
  x->r->critic    = idx;
  x->r->critic_ev = rk_ex_evidence(x, 0, 0, JSONLD_CONF, "jsonld");
  return RK_OK;
}

static RkStatus
review(RkEx *x, json_object *rv)
{
  RkReview   *r = x->r;
  json_object *item = get(rv, "itemReviewed");
  RkStatus    st = RK_OK;

  if (item && (has_type(item, "Movie") || has_type(item, "Film") || !get(item, "@type")))
    st = movie(x, item);
  if (!st)
    st = each(x, get(rv, "author"), RK_ROLE_CRITIC, critic);
  const char *pub = str_of(get(rv, "publisher"));
  if (!st && pub && *pub && !r->publication) {
    if (!(r->publication = rk_strdup(pub)))
      return RK_ERR_NOMEM;
    r->publication_ev = rk_ex_evidence(x, 0, 0, JSONLD_CONF, "jsonld");
  }
  json_object *rating = get(rv, "reviewRating");
  if (!st && rating && !r->rating.text) {
    const char *v = json_object_get_string(get(rating, "ratingValue"));
    const char *b = json_object_get_string(get(rating, "bestRating"));
    const char *w = json_object_get_string(get(rating, "worstRating"));
    if (v && *v) {
      RkBuf text;
      rk_buf_init(&text);
      if (rk_buf_puts(&text, v) || (b && (rk_buf_putc(&text, '/') || rk_buf_puts(&text, b)))) {
        rk_buf_clear(&text);
        return RK_ERR_NOMEM;
      }
      r->rating.text  = rk_buf_steal(&text);
      r->rating.value = atof(v);
      r->rating.best  = b ? atof(b) : 0;
      r->rating.worst = w ? atof(w) : 0;
      r->rating.ev    = rk_ex_evidence(x, 0, 0, JSONLD_CONF, "jsonld");
    }
  }
  const char *date = str_of(get(rv, "datePublished"));
  if (!st && date && !r->date && !(r->date = rk_strdup(date)))
    return RK_ERR_NOMEM;
  const char *url = str_of(get(rv, "url"));
  if (!st && url && !r->url && !(r->url = rk_strdup(url)))
    return RK_ERR_NOMEM;
  return st;
}

/* Depth-first over a JSON-LD value: Reviews first, then Movies. */
static RkStatus
walk(RkEx *x, json_object *o, int depth, int want_review)
{
  RkStatus st = RK_OK;

  if (!o || depth > 16)
    return RK_OK;
  if (json_object_is_type(o, json_type_array)) {
    for (size_t i = 0; i < json_object_array_length(o) && !st; i++)
      st = walk(x, json_object_array_get_idx(o, i), depth + 1, want_review);
    return st;
  }
  if (!json_object_is_type(o, json_type_object))
    return RK_OK;
  if (want_review && (has_type(o, "Review") || has_type(o, "CriticReview")))
    return review(x, o);
  if (!want_review && (has_type(o, "Movie") || has_type(o, "Film")) && !x->r->titles.n)
    return movie(x, o);
  json_object_object_foreach(o, key, val) {
    (void)key;
    if (json_object_is_type(val, json_type_object) || json_object_is_type(val, json_type_array))
      if ((st = walk(x, val, depth + 1, want_review)))
        break;
  }
  return st;
}

RkStatus
rk_extract_structured(RkEx *x)
{
  const RkStrList *blocks = &x->doc->meta.jsonld;
  RkStatus         st = RK_OK;

  for (int pass = 1; pass >= 0 && !st; pass--)
    for (size_t i = 0; i < blocks->n && !st; i++) {
      json_tokener *tok = json_tokener_new_ex(32);
      json_object  *root;
      if (!tok)
        return RK_ERR_NOMEM;
      root = json_tokener_parse_ex(tok, blocks->items[i], (int)strlen(blocks->items[i]));
      if (!root || json_tokener_get_error(tok) != json_tokener_success) {
        if (pass)
          rk_log(x->log, RK_LOG_WARN, x->doc->path, "a JSON-LD block is not valid JSON (%s); ignored",
                 json_tokener_error_desc(json_tokener_get_error(tok)));
      } else {
        st = walk(x, root, 0, pass);
      }
      json_object_put(root);
      json_tokener_free(tok);
    }
  return st;
}
