/* resolve.c - stage 4: the keys that make one entity one IRI graph-wide.
 *
 * People are keyed by their normalised full name; a person known only by
 * one word is keyed within the reviewed film, since a bare surname names
 * different people in different reviews.  Films are keyed by title (and
 * year when stated); the resolver remembers every title it has keyed so a
 * review using another of the film's titles joins the same node.  Owns a
 * hash map from folded titles to film keys, and an arena of its strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reviewkg/resolve.h"

/* A film's entry: its folded title (the map key), its film key and the
 * name it was keyed under, packed "title\0key\0name\0" in the resolver's
 * arena.  The map holds one entry per title of every film seen, for the
 * whole run, so an entry is two words and its strings share big blocks
 * instead of three allocations each. */
typedef struct {
  const char *rec;   /* NULL: the slot is empty */
  int         year;  /* 0 when unknown */
} FilmEntry;

struct RkResolver {
  FilmEntry *slots;  /* open addressing */
  size_t     cap, n;
  RkArena    strings;  /* every entry's packed strings */
};

static const char *entry_title(const FilmEntry *e) { return e->rec; }
static const char *entry_key(const FilmEntry *e) { return e->rec + strlen(e->rec) + 1; }
static const char *
entry_name(const FilmEntry *e)
{
  const char *key = entry_key(e);
  return key + strlen(key) + 1;
}

RkStatus
rk_resolver_new(RkResolver **out)
{
  RkResolver *res = rk_calloc(1, sizeof *res);

  if (!res)
    return RK_ERR_NOMEM;
  *out = res;
  return RK_OK;
}

void
rk_resolver_free(RkResolver *res)
{
  if (!res)
    return;
  rk_arena_clear(&res->strings);
  free(res->slots);
  free(res);
}

/* Copy "title\0key\0name\0" into the arena; NULL without memory. */
static const char *
pack_entry(RkResolver *res, const char *title, const char *key, const char *name)
{
  size_t lt = strlen(title) + 1, lk = strlen(key) + 1, ln = strlen(name) + 1;
  char  *p = rk_arena_alloc(&res->strings, lt + lk + ln);

  if (!p)
    return NULL;
  memcpy(p, title, lt);
  memcpy(p + lt, key, lk);
  memcpy(p + lt + lk, name, ln);
  return p;
}

static FilmEntry *
find_slot(const RkResolver *res, const char *folded)
{
  size_t h;

  if (!res->cap)
    return NULL;
  h = rk_hash64(folded, strlen(folded)) & (res->cap - 1);
  while (res->slots[h].rec) {
    if (!strcmp(entry_title(&res->slots[h]), folded))
      return &res->slots[h];
    h = (h + 1) & (res->cap - 1);
  }
  return &res->slots[h];
}

static RkStatus
grow(RkResolver *res)
{
  size_t     cap = res->cap ? res->cap * 2 : 256;
  FilmEntry *slots = rk_calloc(cap, sizeof *slots);

  if (!slots)
    return RK_ERR_NOMEM;
  for (size_t i = 0; i < res->cap; i++)
    if (res->slots[i].rec) {
      size_t h = rk_hash64(res->slots[i].rec, strlen(res->slots[i].rec)) & (cap - 1);
      while (slots[h].rec)
        h = (h + 1) & (cap - 1);
      slots[h] = res->slots[i];
    }
  free(res->slots);
  res->slots = slots;
  res->cap   = cap;
  return RK_OK;
}

/* Map @p title to @p key (a film first named @p name) unless the title is
 * keyed already. */
static RkStatus
remember(RkResolver *res, const char *title, int year, const char *key, const char *name)
{
  char      *folded = rk_fold(title);
  FilmEntry *slot;

  if (!folded)
    return RK_ERR_NOMEM;
  if (!*folded || ((slot = find_slot(res, folded)) && slot->rec)) {
    if (*folded && slot->rec && !slot->year && year && !strcmp(entry_key(slot), key))
      slot->year = year;
    free(folded);
    return RK_OK;
  }
  if ((res->n + 1) * 2 > res->cap && grow(res)) {
    free(folded);
    return RK_ERR_NOMEM;
  }
  slot = find_slot(res, folded);
  slot->rec = pack_entry(res, folded, key, name);
  free(folded);
  if (!slot->rec)
    return RK_ERR_NOMEM;
  slot->year = year;
  res->n++;
  return RK_OK;
}

RkStatus
rk_resolver_add_film(RkResolver *res, const char *title, int year, const char *key)
{
  return remember(res, title, year, key, title);
}

/* The entry of a film of these titles, if one is compatible, in @p out
 * (NULL when none); RK_ERR_NOMEM rather than a silent new key. */
static RkStatus
known_film(const RkResolver *res, const RkStrList *titles, int year, const FilmEntry **out)
{
  *out = NULL;
  for (size_t i = 0; i < titles->n; i++) {
    char      *folded = rk_fold(titles->items[i]);
    FilmEntry *slot;
    if (!folded)
      return RK_ERR_NOMEM;
    slot = find_slot(res, folded);
    free(folded);
    if (slot && slot->rec && (!year || !slot->year || slot->year == year)) {
      *out = slot;
      return RK_OK;
    }
  }
  return RK_OK;
}

static char *
mint_film_key(const char *title, int year)
{
  char *k = rk_key(title), *out;
  size_t n;

  if (!k)
    return NULL;
  if (!*k) {  /* a title of symbols only */
    free(k);
    k = rk_strdup("untitled");
    if (!k)
      return NULL;
  }
  if (!year)
    return k;
  n   = strlen(k) + 8;
  out = rk_malloc(n);
  if (out)
    snprintf(out, n, "%s-%d", k, year);
  free(k);
  return out;
}

static RkStatus
key_film(RkResolver *res, const RkStrList *titles, int year, char **out, char **name_out)
{
  const FilmEntry *known;
  if (known_film(res, titles, year, &known))
    return RK_ERR_NOMEM;
  char *key  = known ? rk_strdup(entry_key(known)) : mint_film_key(titles->items[0], year);
  char *name = rk_strdup(known ? entry_name(known) : titles->items[0]);
  RkStatus st = RK_OK;

  if (!key || !name) {
    free(key);
    free(name);
    return RK_ERR_NOMEM;
  }
  for (size_t i = 0; i < titles->n && !st; i++)
    st = remember(res, titles->items[i], year, key, name);
  if (st) {
    free(key);
    free(name);
    return st;
  }
  *out = key;
  if (name_out)
    *name_out = name;
  else
    free(name);
  return RK_OK;
}

/* "The X" and "X" are one outlet. */
static char *
outlet_key(const char *name)
{
  char *k = rk_key(name);

  if (k && !strncmp(k, "the-", 4) && k[4])
    memmove(k, k + 4, strlen(k + 4) + 1);
  return k;
}

static char *
person_key(const RkPerson *p, const char *film_key)
{
  char  *k = rk_key(p->name), *out;
  size_t n;

  /* a full name, or a critic's handle (one person wherever it signs) */
  if (!k || !*k || strchr(p->name, ' ') || p->roles == RK_ROLE_CRITIC)
    return k;
  /* one word: scoped to the film, so "Scott" here is not "Scott" elsewhere */
  n   = strlen(k) + strlen(film_key) + 3;
  out = rk_malloc(n);
  if (out)
    snprintf(out, n, "%s--%s", k, film_key);
  free(k);
  return out;
}

void
rk_review_id(const char *url, const char *sha256_hex, char out[17])
{
  char hex[65];

  /* the review: its URL when known, else the bytes it was read from */
  if (url)
    rk_sha256_hex(url, strlen(url), hex);
  else
    snprintf(hex, sizeof hex, "%s", sha256_hex ? sha256_hex : "0000000000000000");
  memcpy(out, hex, 16);
  out[16] = '\0';
}

RkStatus
rk_resolve(RkResolver *res, RkReview *r)
{
  char id[17];

  rk_review_id(r->url, r->doc_sha256, id);
  free(r->review_id);
  if (!(r->review_id = rk_strdup(id)))
    return RK_ERR_NOMEM;

  free(r->film_key);
  free(r->film_name);
  r->film_key = r->film_name = NULL;
  if (r->titles.n) {
    if (key_film(res, &r->titles, r->year, &r->film_key, &r->film_name))
      return RK_ERR_NOMEM;
  } else {
    /* a film the review never names: one node per review */
    char buf[80];
    snprintf(buf, sizeof buf, "unnamed-%s", id);
    if (!(r->film_key = rk_strdup(buf)))
      return RK_ERR_NOMEM;
  }
  free(r->publication_key);
  r->publication_key = NULL;
  if (r->publication && !(r->publication_key = outlet_key(r->publication)))
    return RK_ERR_NOMEM;
  for (size_t i = 0; i < r->n_people; i++) {
    free(r->people[i].key);
    if (!(r->people[i].key = person_key(&r->people[i], r->film_key)))
      return RK_ERR_NOMEM;
  }
  for (size_t i = 0; i < r->n_others; i++) {
    RkStrList one = { &r->others[i].title, 1, 1 };
    free(r->others[i].key);
    r->others[i].key = NULL;
    if (key_film(res, &one, 0, &r->others[i].key, NULL))
      return RK_ERR_NOMEM;
  }
  return RK_OK;
}
