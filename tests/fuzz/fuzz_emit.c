/* fuzz_emit.c - libFuzzer target: IRI minting and literal escaping.
 * A review is built straight from the input: NUL-separated fields become
 * the headline, titles, URL, publication, rating, date, source work and
 * people with the characters they play and other films they directed
 * (any bytes but NUL, made valid UTF-8, as the reader guarantees).  It is
 * resolved (keys), emitted as N-Triples with provenance and as N-Quads
 * through RkWriter, and parsed back with raptor: every IRI must be valid
 * and every name, title and character must come back unchanged. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "reviewkg/util.h"
#include "reviewkg/resolve.h"
#include "fuzz.h"

#define MAX_FIELDS 48

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  rk_fuzz_rdf();
  return 0;
}

/* Bytes to valid UTF-8: each invalid byte becomes U+FFFD. */
static char *
utf8_field(const uint8_t *s, size_t n)
{
  RkBuf    b;
  size_t   k;
  uint32_t cp;

  rk_buf_init(&b);
  if (rk_buf_append(&b, "", 0))
    abort();
  for (size_t i = 0; i < n; i += k) {
    if ((k = rk_utf8_decode((const char *)s + i, n - i, &cp))) {
      if (rk_buf_append(&b, (const char *)s + i, k))
        abort();
    } else {
      k = 1;
      if (rk_buf_puts(&b, "\xEF\xBF\xBD"))
        abort();
    }
  }
  return rk_buf_steal(&b);
}

static RkEvidence
evidence(size_t i, size_t len, const char *rule)
{
  RkEvidence ev = { i, i + len, 0.9f, rule };
  return ev;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char       *f[MAX_FIELDS];
  size_t      nf = 0, start = 0;
  RkReview   *r = rk_review_new();
  RkResolver *res = NULL;
  const char *expect[4 * MAX_FIELDS];
  size_t      ne = 0;
  RkEvidence  ev;

  RK_FUZZ_ASSERT(r != NULL, "no memory");
  for (size_t i = 0; i <= size && nf < MAX_FIELDS; i++)
    if (i == size || data[i] == 0) {
      f[nf++] = utf8_field(data + start, i - start);
      start = i + 1;
    }
  while (nf < 9)
    f[nf++] = strdup("");
  r->doc_path = strdup("fuzz.txt");
  r->doc_sha256 = malloc(65);
  rk_sha256_hex(data, size, r->doc_sha256);
  if (*f[0])
    r->headline = strdup(f[0]);
  if (*f[1] && rk_strlist_add(&r->titles, f[1]))
    abort();
  if (*f[2] && rk_strlist_add_unique(&r->titles, f[2]))
    abort();
  if (*f[3])
    r->url = strdup(f[3]);
  if (*f[4]) {
    r->publication = strdup(f[4]);
    r->publication_ev = evidence(0, strlen(f[4]), "fuzz");
  }
  if (*f[5]) {
    r->rating.text = strdup(f[5]);
    r->rating.ev = evidence(1, 3, "fuzz");
    if (size && data[0] & 1)
      r->rating.value = 4, r->rating.best = 5, r->rating.worst = 1;
  }
  if (*f[6]) {
    if (rk_strlist_add(&r->countries, f[6]) || rk_strlist_add(&r->country_codes, size > 1 && data[1] & 1 ? "FR" : ""))
      abort();
    if (rk_strlist_add(&r->languages, f[6]))
      abort();
  }
  r->year = size > 2 ? 1900 + data[2] : 0;
  r->runtime = size > 3 ? data[3] : 0;
  /* people: name, the character they play, another film they directed */
  for (size_t i = 9; i + 2 < nf || i < nf; i += 3) {
    size_t   p;
    unsigned roles = (1u << ((i / 3) % 10)) | RK_ROLE_ACTOR;

    ev = evidence(i, strlen(f[i]), "fuzz");
    if (rk_review_add_person(r, f[i], roles, &ev, &p))
      abort();
    if (r->critic == RK_NONE)
      r->critic = p, r->critic_ev = ev;
    if (i + 1 < nf && rk_review_add_play(r, p, f[i + 1], &ev))
      abort();
    if (i + 2 < nf && *f[i + 2] && rk_review_add_other(r, f[i + 2], p, &ev))
      abort();
  }
  if (*f[7]) {
    r->based_on = strdup(f[7]);
    r->based_on_author = r->n_people ? 0 : RK_NONE;
  }
  if (*f[8])
    r->date = strdup(f[8]);
  RK_FUZZ_ASSERT(rk_resolver_new(&res) == RK_OK, "rk_resolver_new");
  RK_FUZZ_ASSERT(rk_resolve(res, r) == RK_OK, "rk_resolve");

  /* what must come back, exactly */
  for (size_t i = 0; i < r->n_people; i++) {
    expect[ne++] = r->people[i].name;
    for (size_t j = 0; j < r->people[i].aliases.n && ne < sizeof expect / sizeof *expect; j++)
      expect[ne++] = r->people[i].aliases.items[j];
  }
  for (size_t i = 0; i < r->n_plays && ne < sizeof expect / sizeof *expect; i++)
    expect[ne++] = r->plays[i].character;
  for (size_t i = 0; i < r->titles.n && ne < sizeof expect / sizeof *expect; i++)
    expect[ne++] = r->titles.items[i];
  for (size_t i = 0; i < r->n_others && ne < sizeof expect / sizeof *expect; i++)
    expect[ne++] = r->others[i].title;
  if (r->based_on && ne < sizeof expect / sizeof *expect)
    expect[ne++] = r->based_on;
  if (r->rating.text && ne < sizeof expect / sizeof *expect)
    expect[ne++] = r->rating.text;

  rk_fuzz_emit_check(r, 1, RK_SYNTAX_NTRIPLES, expect, ne);
  rk_fuzz_emit_check(r, 0, RK_SYNTAX_NQUADS, expect, ne);
  rk_resolver_free(res);
  rk_review_free(r);
  for (size_t i = 0; i < nf; i++)
    free(f[i]);
  return 0;
}
