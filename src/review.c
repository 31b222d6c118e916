/* review.c - the RkReview record: people, plays and other films of one
 * review, with the small operations extraction needs to build it up. */
#include <stdlib.h>
#include <string.h>
#include "reviewkg/review.h"

RkReview *
rk_review_new(void)
{
  RkReview *r = rk_calloc(1, sizeof *r);

  if (!r)
    return NULL;
  r->critic = r->based_on_author = RK_NONE;
  rk_strlist_init(&r->titles);
  rk_strlist_init(&r->countries);
  rk_strlist_init(&r->country_codes);
  rk_strlist_init(&r->languages);
  return r;
}

static void
person_clear(RkPerson *p)
{
  free(p->name);
  free(p->key);
  rk_strlist_clear(&p->aliases);
}

void
rk_review_free(RkReview *r)
{
  if (!r)
    return;
  free(r->doc_path); free(r->doc_sha256); free(r->url); free(r->headline);
  free(r->date); free(r->publication); free(r->rating.text);
  free(r->based_on); free(r->review_id); free(r->film_key); free(r->film_name); free(r->publication_key);
  rk_strlist_clear(&r->titles);
  rk_strlist_clear(&r->countries);
  rk_strlist_clear(&r->country_codes);
  rk_strlist_clear(&r->languages);
  for (size_t i = 0; i < r->n_people; i++)
    person_clear(&r->people[i]);
  free(r->people);
  for (size_t i = 0; i < r->n_plays; i++)
    free(r->plays[i].character);
  free(r->plays);
  for (size_t i = 0; i < r->n_others; i++) {
    free(r->others[i].title);
    free(r->others[i].key);
  }
  free(r->others);
  free(r);
}

/* Grow an array of @p size-byte items so that one more fits. */
static RkStatus
grow(void **items, size_t n, size_t *cap, size_t size)
{
  void  *p;
  size_t c;

  if (n < *cap)
    return RK_OK;
  c = *cap ? *cap * 2 : 8;
  if (!(p = rk_realloc(*items, c * size)))
    return RK_ERR_NOMEM;
  *items = p;
  *cap   = c;
  return RK_OK;
}

/* rk_fold_equal stops at a NUL: whole strings need no strlen. */
static int
same_name(const char *a, const char *b)
{
  return rk_fold_equal(a, SIZE_MAX, b, SIZE_MAX);
}

size_t
rk_review_find_person(const RkReview *r, const char *name)
{
  for (size_t i = 0; i < r->n_people; i++) {
    const RkPerson *p = &r->people[i];
    if (same_name(p->name, name))
      return i;
    for (size_t j = 0; j < p->aliases.n; j++)
      if (same_name(p->aliases.items[j], name))
        return i;
  }
  return RK_NONE;
}

RkStatus
rk_review_add_person(RkReview *r, const char *name, unsigned roles,
                     const RkEvidence *ev, size_t *out)
{
  size_t    i = rk_review_find_person(r, name);
  RkPerson *p;

  if (i != RK_NONE) {
    r->people[i].roles |= roles;
    if (ev && ev->conf > r->people[i].ev.conf)
      r->people[i].ev = *ev;
    *out = i;
    return RK_OK;
  }
  if (grow((void **)&r->people, r->n_people, &r->cap_people, sizeof *r->people))
    return RK_ERR_NOMEM;
  p = &r->people[r->n_people];
  memset(p, 0, sizeof *p);
  rk_strlist_init(&p->aliases);
  if (!(p->name = rk_strdup(name)))
    return RK_ERR_NOMEM;
  p->roles = roles;
  if (ev)
    p->ev = *ev;
  *out = r->n_people++;
  return RK_OK;
}

RkStatus
rk_review_add_play(RkReview *r, size_t person, const char *character, const RkEvidence *ev)
{
  RkPlay *pl;

  for (size_t i = 0; i < r->n_plays; i++)
    if (r->plays[i].person == person && same_name(r->plays[i].character, character))
      return RK_OK;
  if (grow((void **)&r->plays, r->n_plays, &r->cap_plays, sizeof *r->plays))
    return RK_ERR_NOMEM;
  pl = &r->plays[r->n_plays];
  memset(pl, 0, sizeof *pl);
  if (!(pl->character = rk_strdup(character)))
    return RK_ERR_NOMEM;
  pl->person = person;
  if (ev)
    pl->ev = *ev;
  r->n_plays++;
  return RK_OK;
}

RkStatus
rk_review_add_other(RkReview *r, const char *title, size_t director, const RkEvidence *ev)
{
  RkOtherFilm *o;

  for (size_t i = 0; i < r->n_others; i++)
    if (same_name(r->others[i].title, title)) {
      if (r->others[i].director == RK_NONE)
        r->others[i].director = director;
      return RK_OK;
    }
  if (grow((void **)&r->others, r->n_others, &r->cap_others, sizeof *r->others))
    return RK_ERR_NOMEM;
  o = &r->others[r->n_others];
  memset(o, 0, sizeof *o);
  if (!(o->title = rk_strdup(title)))
    return RK_ERR_NOMEM;
  o->director = director;
  if (ev)
    o->ev = *ev;
  r->n_others++;
  return RK_OK;
}

void
rk_review_compact(RkReview *r)
{
  size_t *map = rk_malloc((r->n_people + 1) * sizeof *map), n = 0;

  if (!map)
    return;  /* keeping unused people is harmless; emission skips them */
  for (size_t i = 0; i < r->n_people; i++) {
    if (r->people[i].roles) {
      map[i] = n;
      if (n != i)
        r->people[n] = r->people[i];
      n++;
    } else {
      map[i] = RK_NONE;
      person_clear(&r->people[i]);
    }
  }
  r->n_people = n;
#define REMAP(x) ((x) == RK_NONE ? RK_NONE : map[x])
  r->critic = REMAP(r->critic);
  r->based_on_author = REMAP(r->based_on_author);
  for (size_t i = 0; i < r->n_others; i++)
    r->others[i].director = REMAP(r->others[i].director);
  n = 0;
  for (size_t i = 0; i < r->n_plays; i++) {
    size_t p = REMAP(r->plays[i].person);
    if (p == RK_NONE) {
      free(r->plays[i].character);
      continue;
    }
    r->plays[n] = r->plays[i];
    r->plays[n].person = p;
    n++;
  }
  r->n_plays = n;
#undef REMAP
  free(map);
}
