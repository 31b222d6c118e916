/* prose.c - the sentence patterns of extraction.
 *
 * Reads body, headline and caption lines for the ways reviews link people
 * to the film: "Character (Actor)", "Actor (Character)" in credits,
 * "Actor as Character", "Actor plays Character", "Actor's Character",
 * "Character, played by Actor", "(voice of Actor)", "director X",
 * "directed by X", "X's film", "X and Y's documentary", and the crew,
 * source-work and other-film phrases.  Facts found here are pending until
 * extract.c has every full name of the document (coreference).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_impl.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Does @p lit stand at t[i] (case-insensitive)?  See rk_at. */
#define at rk_at

static int
ends_with_at(const char *t, size_t lo, size_t e, const char *lit)
{
  size_t k = strlen(lit);
  return e >= lo + k && at(t, e - k, e, lit);
}

/* Possessive after a name: "'s", "’s", or a bare "’" after an s. */
static size_t
possessive_at(const char *t, size_t i, size_t hi)
{
  if (at(t, i, hi, "'s") || (i + 4 <= hi && !memcmp(t + i, "\xe2\x80\x99s", 4)))
    return t[i] == '\'' ? 2 : 4;
  if (i > 0 && (t[i - 1] == 's' || t[i - 1] == 'z')) {
    if (i < hi && t[i] == '\'' ) return 1;
    if (i + 3 <= hi && !memcmp(t + i, "\xe2\x80\x99", 3)) return 3;
  }
  return 0;
}

/* Where @p lit (@p k >= 2 bytes, lower case) next stands in [p, hi), as
 * rk_at would find it, or @p hi.  Its second byte is looked for with
 * memchr in the lower-cased copy: rarer than the space most cues open with. */
static size_t
next_phrase(const RkEx *x, size_t p, size_t hi, const char *lit, size_t k)
{
  const char *l = x->lower, *m;

  while (p + k <= hi && (m = memchr(l + p + 1, lit[1], hi - k + 1 - p))) {
    size_t q = (size_t)(m - l) - 1, j = 0;
    while (j < k && l[q + j] == lit[j])  /* short: no call to memcmp */
      j++;
    if (j == k)
      return q;
    p = q + 1;
  }
  return hi;
}

/* The first j in [i, end) where a space stands before the letter @p c1
 * or @p c2 (lower case), as the lower-cased copy reads: where a cue word
 * can start.  Reads up to x->lower[end], which must lie in the text.
 * Sixteen places a step where SSE2 is there: most bytes start no word. */
size_t
rk_ex_next_word_start(const RkEx *x, size_t i, size_t end, char c1, char c2)
{
  const char *l = x->lower;

#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), first = _mm_set1_epi8(c1), second = _mm_set1_epi8(c2);

  for (; i + 16 <= end; i += 16) {
    __m128i here = _mm_loadu_si128((const __m128i *)(const void *)(l + i));
    __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(l + i + 1));
    __m128i hit  = _mm_and_si128(_mm_cmpeq_epi8(here, space),
                                 _mm_or_si128(_mm_cmpeq_epi8(next, first), _mm_cmpeq_epi8(next, second)));
    int     mask = _mm_movemask_epi8(hit);
    if (mask)
      return i + (size_t)__builtin_ctz((unsigned)mask);
  }
#endif
  for (; i < end; i++)
    if (l[i] == ' ' && (l[i + 1] == c1 || l[i + 1] == c2))
      return i;
  return end;
}

/* Does @p lit (@p k bytes, lower case) stand at i, within [0, hi), as
 * rk_at would find it?  Compared in the lower-cased copy, which folds
 * exactly the ASCII capitals: no byte-by-byte folding. */
static inline int
lower_at(const RkEx *x, size_t i, size_t hi, const char *lit, size_t k)
{
  return i + k <= hi && !memcmp(x->lower + i, lit, k);
}

static int
is_word_end(const char *t, size_t i, size_t hi)
{
  return i >= hi || !(rk_isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80);
}

/* A quoted title at i: “X”, "X" or 'X' (capitalised).  Sets [*s, *e). */
static int
quoted_title_at(const char *t, size_t i, size_t hi, size_t *s, size_t *e)
{
  static const char *const opens[]  = { "\xe2\x80\x9c", "\xe2\x80\x9d", "\"", "\xe2\x80\x98", NULL };
  static const char *const closes[] = { "\xe2\x80\x9d", "\xe2\x80\x9d", "\"", "\xe2\x80\x99", NULL };

  if (i >= hi || (t[i] != '"' && t[i] != '\xe2'))
    return 0;  /* every opening quote starts with one of these bytes */
  for (int q = 0; opens[q]; q++) {
    size_t ol = strlen(opens[q]), j;
    if (i + ol > hi || memcmp(t + i, opens[q], ol))
      continue;
    if (i + ol >= hi || !(rk_isupper((unsigned char)t[i + ol]) || rk_isdigit((unsigned char)t[i + ol]) ||
                          (unsigned char)t[i + ol] >= 0xC3))
      return 0;
    for (j = i + ol; j < hi && j - i < 120; j++) {
      size_t cl = strlen(closes[q]);
      if (j + cl <= hi && !memcmp(t + j, closes[q], cl)) {
        size_t te = j;
        /* a comma or full stop inside the quotes belongs to the sentence */
        while (te > i + ol && strchr(",.", t[te - 1])) te--;
        if (te == i + ol)
          return 0;
        *s = i + ol;
        *e = te;
        return 1;
      }
    }
    return 0;
  }
  return 0;
}

/* A person's name as a span cleaned; NULL if it does not look like one. */
static char *
person_from(RkEx *x, const RkSpan *sp, int need_full)
{
  char *name = rk_clean_person(x, x->text + sp->s, sp->e - sp->s);
  int   ok;

  if (!name)
    return NULL;
  if (rk_name_tokens(name) >= 2)
    ok = rk_person_score(x, name) >= 0 || rk_ex_lookup(x, name, 0) != RK_NONE;
  else {
    size_t n = strlen(name);
    ok = !need_full && (rk_ex_lookup(x, name, 0) != RK_NONE ||
                        (!rk_is_common_word(x, name, n) && n > 2 && !rk_ex_is_title(x, name, n) &&
                         !rk_is_demonym(x, name, n)));
  }
  if (!ok || rk_ex_is_title(x, name, strlen(name))) {
    free(name);
    return NULL;
  }
  return name;
}

/* ------------------------------------------------------------ ( ) */

/* The performer named inside a parenthesis.  The parenthesis says it is
 * a name, so no word is dropped ("Sultan Al Assaf"). */
static char *
paren_person(RkEx *x, const RkSpan *sp)
{
  char  *name = rk_clean_listed(x, x->text + sp->s, sp->e - sp->s);
  size_t n;

  if (!name)
    return NULL;
  n = strlen(name);
  if (rk_ex_lookup(x, name, 0) != RK_NONE)
    return name;
  if (rk_ex_is_title(x, name, n) || rk_person_score(x, name) < 0 ||
      (rk_name_tokens(name) == 1 && (rk_is_common_word(x, name, n) || n <= 2))) {
    free(name);
    return NULL;
  }
  return name;
}

/* Skip role cues inside a parenthesis; sets *explicit when the cue says
 * the name is the performer ("played by", "voice of"). */
static size_t
skip_cast_cues(const char *t, size_t a, size_t hi, int *explicit)
{
  static const char *const cues[] = { "played by ", "voice of ", "voiced by ", "now voiced by ", "now played by ",
                                      "voice ", "portrayed by ", "cameo by ", NULL };
  int again = 1;

  while (again) {
    again = 0;
    for (const char *const *c = cues; *c; c++)
      if (at(t, a, hi, *c)) {
        a += strlen(*c);
        *explicit = 1;
        again = 1;
      }
    /* up to two lower-case adjectives: "(beautiful Ingrid Bergman)" */
    if (!again) {
      size_t w = a;
      while (w < hi && rk_islower((unsigned char)t[w])) w++;
      if (w > a && rk_is_function_word(t + a, w - a))
        break;
      if (w > a && w < hi && t[w] == ' ' && w + 1 < hi &&
          (rk_isupper((unsigned char)t[w + 1]) || rk_islower((unsigned char)t[w + 1])) && w - a < 14) {
        size_t w2 = w + 1;
        if (rk_isupper((unsigned char)t[w2]) || (unsigned char)t[w2] >= 0xC3) {
          a = w2;
        } else {
          size_t w1 = w2;
          while (w2 < hi && rk_islower((unsigned char)t[w2])) w2++;
          if (w2 < hi && t[w2] == ' ' && w2 + 1 < hi && rk_isupper((unsigned char)t[w2 + 1]) &&
              !rk_is_function_word(t + w1, w2 - w1))
            a = w2 + 1;
        }
      }
    }
  }
  return a;
}

/* Where an aside starts after the name ending at @p p inside a
 * parenthesis that closes at @p close: a comma, a semicolon or a full
 * stop ends the name's part ("X, best known as ...", "X. The producers
 * ..."), and so does " as " ("X as the child").  @p close if none. */
static size_t
paren_aside(const RkEx *x, size_t p, size_t close)
{
  const char *t = x->text;

  if (p < close && (t[p] == ',' || t[p] == ';' || (t[p] == '.' && p + 1 < close && t[p + 1] == ' ')))
    return p;
  if (at(t, p, close, " as ") && p + 4 < close)
    return p;
  return close;
}

/* Names inside a parenthesis [a, close): "X", "X and Y", with trailing
 * asides ("– "Amores Perros"", "in delightful deadpan") ignored. */
static int
paren_names(RkEx *x, size_t a, size_t close, RkSpan out[2])
{
  const char *t = x->text;
  int         n = 0;
  size_t      words = 0;

  if (!rk_name_at(x, a, close, &out[0]))
    return 0;
  n = 1;
  size_t p = out[0].e;
  if (p + 5 <= close && !strncmp(t + p, " and ", 5) && rk_name_at(x, p + 5, close, &out[1]))
    n = 2;
  p = out[n - 1].e;
  /* an aside after the name may be as long as it likes: "(X, in real
   * life a steelworker. ...)", "(X, best known as ...)" */
  size_t aside = paren_aside(x, p, close);
  for (size_t i = a; i < aside; i++)
    if (t[i] == ' ') words++;
  if (words > 9)
    return 0;
  if (aside < close && at(t, p, close, " as "))
    return n;  /* "(including X as the child)": the name plays a role */
  /* what may follow the name inside the parenthesis */
  if (p < close && !(t[p] == ',' || t[p] == ' ' || t[p] == ';'))
    return 0;
  if (p < close && t[p] == ' ' && !(at(t, p, close, " in ") || at(t, p, close, " \xe2\x80\x93") ||
                                    at(t, p, close, " -") || at(t, p, close, " \xe2\x80\x94")))
    return 0;
  return n;
}

/* "Darkest Hour (Gary Oldman, Stephen Dillane, Kristin Scott Thomas)":
 * a parenthesis that holds nothing but a list of two or more full names
 * is a cast list, as capsule reviews write after the title, not one
 * performer and an aside; every name is an actor and none plays what
 * stands before the parenthesis.  Returns 1 when [a, close) is one. */
static int
paren_cast_list(RkEx *x, size_t a, size_t close, RkStatus *st)
{
  const char *t = x->text;
  RkSpan      items[12];
  int         n = 0;

  for (size_t p = a; p < close;) {
    RkSpan sp;
    if (n == 12 || !rk_name_at(x, p, close, &sp) || sp.s != p || sp.ntok < 2)
      return 0;
    items[n++] = sp;
    p = sp.e;
    if (p == close)
      break;
    if (at(t, p, close, ", and "))
      p += 6;
    else if (at(t, p, close, ", ") || at(t, p, close, " and "))
      p += t[p] == ',' ? 2 : 5;
    else
      return 0;
  }
  if (n < 2 || !memchr(t + a, ',', close - a))
    return 0;  /* "(X and Y)" stays a pair of performers */
  for (int k = 0; k < n && !*st; k++) {
    char *p = paren_person(x, &items[k]);
    if (p)
      *st = rk_ex_pending(x, p, NULL, RK_ROLE_ACTOR, items[k].s, items[k].e, 0.7f, "(cast-list)");
    free(p);
  }
  return 1;
}

static RkStatus
other_film(RkEx *x, const char *title, const char *director, size_t s, size_t e, const char *rule)
{
  size_t     idx = RK_NONE;
  RkStatus   st  = RK_OK;
  RkEvidence ev  = rk_ex_evidence(x, s, e, 0.7f, rule);

  if (rk_ex_is_title(x, title, strlen(title)))
    return RK_OK;
  if (director && (st = rk_ex_person(x, director, RK_ROLE_OTHER_DIRECTOR, s, e, 0.7f, rule, &idx)))
    return st;
  return rk_review_add_other(x->r, title, idx, &ev);
}

/* Where a cue word before a name starting at @p s would end: before the
 * spaces and one comma ("Director, Paul King, ..."); @p lo when no letter
 * ends there, as every cue ends with a letter. */
static size_t
cue_end_before(const char *t, size_t lo, size_t s)
{
  size_t e = s;
  while (e > lo && t[e - 1] == ' ') e--;
  if (e > lo && t[e - 1] == ',' && e - 1 > lo) {
    e--;
    while (e > lo && t[e - 1] == ' ') e--;
  }
  return e > lo && rk_isalpha((unsigned char)t[e - 1]) ? e : lo;
}

/* Does @p cue end at @p e (> lo) as a whole word? */
static int
cue_ends_at(const char *t, size_t lo, size_t e, const char *cue)
{
  size_t k = strlen(cue);

  if (((unsigned char)cue[k - 1] | 0x20) != ((unsigned char)t[e - 1] | 0x20))
    return 0;  /* the last letters differ: no need to compare the rest */
  return ends_with_at(t, lo, e, cue) && (e - k == lo || !rk_isalpha((unsigned char)t[e - k - 1]));
}

static int
role_cue_before(const char *t, size_t lo, size_t s, const char *const *cues)
{
  size_t e = cue_end_before(t, lo, s);

  for (const char *const *c = cues; e > lo && *c; c++)
    if (cue_ends_at(t, lo, e, *c))
      return 1;
  return 0;
}

/* "directed by a man, Pierre Lemaire", "directed and designed by
 * Lemaire": "directed" and "by" with up to two words between, or "by"
 * and an appositive naming what the person is, before the name at @p s. */
static int
directed_by_phrase_before(const char *t, size_t lo, size_t s)
{
  size_t e = s, b;

  while (e > lo && t[e - 1] == ' ') e--;
  if (e > lo + 1 && t[e - 1] == ',') {
    /* ", a man," / "a first-time filmmaker," back to "by a" */
    size_t w = e - 1;
    for (int words = 0; words < 3 && w > lo; words++) {
      b = w;
      while (b > lo && (rk_islower((unsigned char)t[b - 1]) || t[b - 1] == '-')) b--;
      if (b == w || b <= lo || t[b - 1] != ' ')
        return 0;
      if ((w - b == 1 && t[b] == 'a') || (w - b == 2 && !memcmp(t + b, "an", 2)))
        return b >= lo + 12 && !strncasecmp(t + b - 12, "directed by ", 12);
      w = b - 1;
    }
    return 0;
  }
  if (e < lo + 3 || strncmp(t + e - 2, "by", 2) || t[e - 3] != ' ')
    return 0;
  /* "directed and designed by", "directed, written and edited by" */
  for (b = e - 3; b >= lo && e - b < 48; b--) {
    if ((b == lo || t[b - 1] == ' ') && !strncasecmp(t + b, "directed", 8) && (t[b + 8] == ' ' || t[b + 8] == ','))
      return b + 8 < e - 3;
    if (b == lo)
      break;
  }
  return 0;
}

static const char *const director_cues[] = {
  "director", "directors", "filmmaker", "film-maker", "helmer", "writer-director",
  "writer/director", "co-director", "auteur", "directed by", "codirected by", "co-directed by",
  "helmed by", NULL
};

static int
inside_parens(const char *t, size_t lo, size_t p)
{
  int depth = 0;

  for (size_t i = lo; i < p; i++)
    depth += t[i] == '(' ? 1 : (t[i] == ')' && depth ? -1 : 0);
  return depth > 0;
}

/* Is the parenthesis at [open, close] one of a run of "Name (Name)"
 * items joined by commas or "and"? */
static int
paren_item_after(RkEx *x, size_t p, size_t hi)
{
  const char *t = x->text;
  RkSpan      sp;

  while (p < hi && (t[p] == ',' || t[p] == ' ')) p++;
  if (p + 4 <= hi && !strncmp(t + p, "and ", 4)) p += 4;
  if (!rk_name_at(x, p, hi, &sp) || sp.e + 2 > hi || t[sp.e] != ' ' || t[sp.e + 1] != '(')
    return 0;
  return 1;
}

/* A cast cue within a few words before @p p: "cameos from", "starring",
 * "the cast includes", "alums" - the list that follows is performers. */
static int
cast_cue_before(const char *t, size_t lo, size_t p)
{
  static const char *const cues[] = { "cameo", "cameos", "alum", "alums", "starring", "stars",
                                      "cast", "featuring", "including", "actors", "co-stars", NULL };
  size_t words = 0, i = p;

  while (i > lo && words < 5) {
    size_t e = i;
    while (e > lo && t[e - 1] == ' ') e--;
    size_t b = e;
    while (b > lo && (rk_isalpha((unsigned char)t[b - 1]) || t[b - 1] == '-')) b--;
    if (b == e)
      return 0;
    for (const char *const *c = cues; *c; c++)
      if (strlen(*c) == e - b && !strncasecmp(t + b, *c, e - b))
        return 1;
    i = b;
    words++;
  }
  return 0;
}

static int
paren_run(RkEx *x, size_t lo, size_t hi, size_t open, size_t close)
{
  const char *t = x->text;
  RkSpan      before;
  size_t      b = open;

  /* the first item of a run, right after a cast cue */
  while (b > lo && t[b - 1] == ' ') b--;
  if (!rk_name_before(x, lo, b, &before))
    return 0;
  if (close + 1 < hi && strchr(",", t[close + 1]) && paren_item_after(x, close + 1, hi) &&
      cast_cue_before(t, lo, before.s))
    return 1;
  /* a later item: "..., X (Y), Name (this)" whose first item was one */
  b = before.s;
  while (b > lo && t[b - 1] == ' ') b--;
  if (b >= lo + 4 && !strncmp(t + b - 4, " and", 4)) b -= 4;
  while (b > lo && t[b - 1] == ' ') b--;
  if (b > lo && t[b - 1] == ',') b--;
  if (!(b > lo && t[b - 1] == ')'))
    return 0;
  size_t open2 = b - 1;
  while (open2 > lo && t[open2] != '(') open2--;
  return t[open2] == '(' && paren_run(x, lo, hi, open2, b - 1);
}

/* Does a capitalised run have a function word after its first word?
 * Then it is a title ("Always With Me"), not a character. */
static int
inner_function_word(const char *t, size_t s, size_t e)
{
  for (size_t i = s + 1; i < e; i++)
    if (t[i - 1] == ' ') {
      size_t w = i;
      while (w < e && t[w] != ' ') w++;
      if (rk_is_function_word(t + i, w - i) && rk_isupper((unsigned char)t[i]))
        return 1;
    }
  return 0;
}

/* Where the sentence holding @p p starts: after the last ". ", "! " or
 * "? " before it, or at @p lo. */
static size_t
sentence_start(const char *t, size_t lo, size_t p)
{
  while (p > lo && !(t[p - 1] == ' ' && p >= lo + 2 && strchr(".!?", t[p - 2]))) p--;
  return p;
}

/* "... Marjane is sent to school in Vienna at age 14 (now voiced by X)":
 * a performer taking over a role plays the character the sentence has
 * already named, the nearest known one before the parenthesis at @p open. */
static RkStatus
recast_character(RkEx *x, size_t lo, size_t open, char **out)
{
  const char *t = x->text;
  size_t      sb = sentence_start(t, lo, open), n;
  RkSpan     *spans;
  char       *c = NULL;
  RkStatus    st;

  if ((st = rk_names_in(x, sb, open, &spans, &n)))
    return st;
  for (size_t k = n; k-- > 0 && !c;) {
    c = rk_clean_character(x, t + spans[k].s, spans[k].e - spans[k].s);
    if (c && !rk_ex_is_character(x, c)) {
      free(c);
      c = NULL;
    }
  }
  free(spans);
  *out = c;
  return RK_OK;
}

/* Roles a parenthesis names: "(director/co-writer)", "(co-writer)". */
static unsigned
paren_roles(const char *t, size_t a, size_t close)
{
  static const struct { const char *word; unsigned role; } words[] = {
    { "director", RK_ROLE_DIRECTOR }, { "co-director", RK_ROLE_DIRECTOR }, { "writer", RK_ROLE_WRITER },
    { "co-writer", RK_ROLE_WRITER }, { "screenwriter", RK_ROLE_WRITER }, { "writer-director", RK_ROLE_WRITER | RK_ROLE_DIRECTOR },
    { "composer", RK_ROLE_COMPOSER }, { "cinematographer", RK_ROLE_CINEMATOGRAPHER }, { "editor", RK_ROLE_EDITOR },
    { "producer", RK_ROLE_PRODUCER }, { NULL, 0 }
  };
  unsigned roles = 0;
  size_t   i = a;

  while (i < close) {
    size_t w = i, found = 0;
    while (w < close && !strchr("/,& ", t[w])) w++;
    for (int k = 0; words[k].word; k++)
      if (strlen(words[k].word) == w - i && !strncasecmp(t + i, words[k].word, w - i)) {
        roles |= words[k].role;
        found = 1;
      }
    if (!found && !(w - i == 3 && !strncmp(t + i, "and", 3)))
      return 0;
    i = w;
    while (i < close && strchr("/,& ", t[i])) i++;
  }
  return roles;
}

/* Only white space from @p p to the end of the text: a parenthesis open
 * there was cut off with the page ("Héctor (X, star of the series Mo"),
 * and counts as closed. */
static int
at_text_end(const char *t, size_t p)
{
  while (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r') p++;
  return t[p] == '\0';
}

/* "(An intimidating and truly scary Sergi López)", "(the wonderful X)":
 * an article and a few lower-case words (adjectives, adverbs, "and")
 * describe the performer whose full name follows.  Returns where the name
 * starts, or @p a when the parenthesis does not open so. */
static size_t
described_performer(const RkEx *x, size_t a, size_t close)
{
  static const char *const articles[] = { "the ", "a ", "an ", NULL };
  const char *t = x->text;
  size_t      p = a;
  RkSpan      sp;
  int         words = 0;

  for (const char *const *ar = articles; *ar; ar++)
    if (at(t, a, close, *ar)) {
      p = a + strlen(*ar);
      break;
    }
  if (p == a)
    return a;
  while (p < close && rk_islower((unsigned char)t[p]) && words < 5) {
    size_t w = p;
    while (w < close && (rk_islower((unsigned char)t[w]) || t[w] == '-')) w++;
    if (w >= close || t[w] != ' ' || (rk_is_function_word(t + p, w - p) && !at(t, p, close, "and ")))
      return a;
    p = w + 1;
    words++;
  }
  /* a full name, and nothing but an aside after it */
  if (!words || !rk_name_at(x, p, close, &sp) || sp.ntok < 2 || paren_aside(x, sp.e, close) != sp.e)
    return a;
  return p;
}

static int past_known_from(const RkEx *x, RkSpan *who, size_t hi);

/* "(Ernesto de la Cruz, voiced by Benjamin Bratt in ...)": a name, then
 * ", voiced by" / ", played by" and a performer.  The first name is the
 * character, unless it is a performer already ("a faun (Doug Jones,
 * voiced by Pablo Adán)": the suit and the voice are both performers).
 * Returns 1 when the parenthesis had that shape. */
static int
paren_name_voiced_by(RkEx *x, size_t a, size_t close, RkStatus *st)
{
  static const char *const cues[] = { ", voiced by ", ", played by ", ", portrayed by ", NULL };
  const char *t = x->text;
  RkSpan      first, who;
  size_t      q = 0;

  if (!rk_name_at(x, a, close, &first))
    return 0;
  for (const char *const *c = cues; *c && !q; c++)
    if (at(t, first.e, close, *c))
      q = first.e + strlen(*c);
  if (!q || !rk_name_at(x, q, close, &who) || !past_known_from(x, &who, close))
    return 0;
  char *actor = person_from(x, &who, 1);
  char *other = rk_clean_listed(x, t + first.s, first.e - first.s);
  if (actor && other) {
    if (rk_ex_lookup(x, other, RK_ROLE_ACTOR) != RK_NONE) {
      *st = rk_ex_pending(x, other, NULL, RK_ROLE_ACTOR, first.s, first.e, 0.7f, "(actor,-voiced-by-actor)");
      if (!*st)
        *st = rk_ex_pending(x, actor, NULL, RK_ROLE_ACTOR, who.s, who.e, 0.75f, "(actor,-voiced-by-actor)");
    } else {
      char *c = rk_clean_character(x, t + first.s, first.e - first.s);
      if (c && !rk_ex_is_title(x, c, strlen(c)))
        *st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, first.s, who.e, 0.8f, "(character,-voiced-by-actor)");
      free(c);
    }
  }
  free(actor);
  free(other);
  return 1;
}

/* "his Grandmother (X)": a possessive determiner before a single common
 * noun says it is a relation, a role with no name, not a character. */
static int
determined_role(const RkEx *x, size_t lo, const RkSpan *ch)
{
  static const char *const determiners[] = { "his ", "her ", "their ", "its ", "my ", "your ", "our ", NULL };
  const char *t = x->text;

  if (ch->ntok != 1 || !rk_is_common_word(x, t + ch->s, ch->e - ch->s))
    return 0;
  for (const char *const *d = determiners; *d; d++) {
    size_t k = strlen(*d);
    if (ch->s >= lo + k && at(t, ch->s - k, ch->s, *d) && (ch->s == lo + k || t[ch->s - k - 1] == ' '))
      return 1;
  }
  return 0;
}

static RkStatus
parentheses(RkEx *x, size_t lo, size_t hi, RkZoneKind zone)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i < hi && !st; i++) {
    const char *open = memchr(t + i, '(', hi - i);
    if (!open)
      break;
    i = (size_t)(open - t);
    size_t close = i + 1;
    while (close < hi && t[close] != ')' && t[close] != '(') close++;
    int cut = close >= hi && at_text_end(t, hi);  /* the page ends inside it */
    if ((close >= hi || t[close] != ')') && !cut)
      continue;
    size_t a = i + 1;
    int    explicit = 0;
    size_t qs, qe;

    /* Name ("Other Film"): a filmmaker's or performer's other work */
    if (!cut && quoted_title_at(t, a, close, &qs, &qe)) {
      RkSpan who;
      size_t b = i;
      while (b > lo && t[b - 1] == ' ') b--;
      if (rk_name_before(x, lo, b, &who)) {
        char *name = person_from(x, &who, 1), *title = rk_strndup(t + qs, qe - qs);
        if (name && title) {
          if (role_cue_before(t, lo, who.s, director_cues))
            st = other_film(x, title, name, who.s, close, "director-(other-film)");
          else
            st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, who.s, who.e, 0.6f, "actor-(other-film)");
        }
        free(name);
        free(title);
      }
      continue;
    }
    /* "Alfonso (director/co-writer)": the parenthesis gives the name's roles */
    {
      unsigned roles = paren_roles(t, a, close);
      RkSpan who;
      size_t b0 = i;
      while (b0 > lo && t[b0 - 1] == ' ') b0--;
      if (roles && !cut && rk_name_before(x, lo, b0, &who)) {
        char *name = rk_clean_listed(x, t + who.s, who.e - who.s);
        if (name)
          st = rk_ex_pending(x, name, NULL, roles, who.s, close + 1, 0.8f, "name-(role)");
        free(name);
        continue;
      }
    }
    if (!cut && paren_name_voiced_by(x, a, close, &st))
      continue;
    if (!cut && paren_cast_list(x, a, close, &st))
      continue;
    int now = at(t, a, close, "now ");  /* "(now voiced by X)": the same role, recast */
    a = described_performer(x, a, close);
    a = skip_cast_cues(t, a, close, &explicit);
    RkSpan b[2];
    int    nb = paren_names(x, a, close, b);
    if (!nb || (cut && paren_aside(x, b[nb - 1].e, close) == close))
      continue;  /* cut off by the page's end: the name may be cut too */
    /* what stands before the parenthesis */
    size_t before = i;
    while (before > lo && t[before - 1] == ' ') before--;
    if (before > lo && t[before - 1] == ',') {  /* "Annabelle, (Marion Mack)" */
      before--;
      while (before > lo && t[before - 1] == ' ') before--;
    }
    RkSpan ch[2];
    int    nch = 0;
    int    named = rk_name_before(x, lo, before, &ch[0]);
    /* "(including X as the child)": the character, if any, is after "as" */
    int    as_role = at(t, b[nb - 1].e, close, " as ");
    if (named && (as_role || determined_role(x, lo, &ch[0])))
      named = 0;
    /* "Metro Tartan/Lazennec/Canal (Christopher Rossignon)": companies
     * joined by slashes and their producer, no performer */
    if (named && ch[0].s > lo && t[ch[0].s - 1] == '/' && !explicit)
      continue;
    /* "Always With Me (Itsumo Nando Demo)": a title-cased run holding a
     * function word is a title, and the parenthesis its original */
    if (named && !explicit && inner_function_word(t, ch[0].s, ch[0].e))
      continue;
    if (named && !(ch[0].s > lo && t[ch[0].s - 1] == '/') &&
        !inner_function_word(t, ch[0].s, ch[0].e)) {
      nch = 1;
      /* "Dean and Missy (Bradley Whitford and Catherine Keener)" */
      if (nb == 2 && ch[0].s >= lo + 5 && !strncmp(t + ch[0].s - 5, " and ", 5) &&
          rk_name_before(x, lo, ch[0].s - 5, &ch[1])) {
        RkSpan tmp = ch[0];
        ch[0] = ch[1];
        ch[1] = tmp;
        nch = 2;
      }
    }
    for (int k = 0; k < nb && !st; k++) {
      char *p = paren_person(x, &b[k]);
      char *c = NULL;
      if (nch == nb)
        c = rk_clean_character(x, t + ch[k].s, ch[k].e - ch[k].s);
      else if (nch && nb == 1)
        c = rk_clean_character(x, t + ch[0].s, ch[0].e - ch[0].s);
      /* the performer comes first where the name before the parenthesis
       * is already known as a performer and the one inside is not: in
       * credits lists, and in prose when that name is a full one ("Adela
       * Ruiz (Mara)" after a cast list; a lone "Abdullah" may be a
       * character sharing a performer's surname), and in runs of "A (B), C (D), and
       * E (F)" in prose: "Vincent Cassel (Vinz)" */
      if (c && p && !explicit &&
          ((rk_ex_lookup(x, c, RK_ROLE_ACTOR) != RK_NONE && rk_ex_lookup(x, p, RK_ROLE_ACTOR) == RK_NONE &&
            (zone == RK_ZONE_CREDITS || rk_name_tokens(c) >= 2)) ||
           (paren_run(x, lo, hi, i, close) && rk_ex_lookup(x, p, RK_ROLE_ACTOR) == RK_NONE))) {
        char *tmp = c;
        c = p;
        p = tmp;
      }
      /* the title character ("Wadjda (Waad Mohammed)") is a character */
      if (c && ((rk_ex_is_title(x, c, strlen(c)) && !(p && rk_name_tokens(p) >= 2)) || rk_name_tokens(c) > 5 ||
                (rk_review_find_person(x->r, c) != RK_NONE &&
                 !(x->r->people[rk_review_find_person(x->r, c)].roles & RK_ROLE_ACTOR)))) {
        free(c);
        c = NULL;
      }
      if (p && !c && now && explicit && nb == 1 && (st = recast_character(x, lo, i, &c))) {
        free(p);
        break;
      }
      if (p && as_role && !c) {
        RkSpan nm;
        if (rk_name_at(x, b[k].e + 4, close, &nm))
          c = rk_clean_character(x, t + nm.s, nm.e - nm.s);
      }
      if (p) {
        /* ") named Oku": the character's name comes after */
        if (!c && close + 8 < hi && (at(t, close + 1, hi, " named ") || at(t, close + 1, hi, " called "))) {
          RkSpan nm;
          size_t q = close + 1 + (at(t, close + 1, hi, " named ") ? 7 : 8);
          if (rk_name_at(x, q, hi, &nm))
            c = rk_clean_character(x, t + nm.s, nm.e - nm.s);
        }
        st = rk_ex_pending(x, p, c, RK_ROLE_ACTOR, b[k].s, b[k].e, c ? 0.85f : 0.7f,
                  c ? "character-(actor)" : "role-(actor)");
      }
      free(p);
      free(c);
    }
  }
  return st;
}

/* ------------------------------------------------------------ as / plays */

/* After "plays": a description of the role before its name - articles,
 * possessives and adjectives, never a preposition ("plays a lead role
 * for Kurosawa" names no character).  Returns where the name starts, or
 * @p hi when there is none. */
static size_t
described_name(const char *t, size_t p, size_t hi)
{
  for (int words = 0; words < 5 && p < hi; words++) {
    size_t w = p;
    if (rk_isupper((unsigned char)t[p]))
      return words ? p : hi;
    while (w < hi && (rk_isalpha((unsigned char)t[w]) || t[w] == '-' || t[w] == '\'' ||
                      (w + 3 <= hi && !memcmp(t + w, "\xe2\x80\x99", 3) && (w += 2))))
      w++;
    /* "as a border guard and Sabine Orlov as ...": a conjunction ends the description */
    if (w == p || (w - p == 3 && !memcmp(t + p, "and", 3)) || (w - p == 2 && !memcmp(t + p, "or", 2)) ||
        (rk_is_function_word(t + p, w - p) &&
                   !(w - p <= 5 && (!strncmp(t + p, "the", 3) || !strncmp(t + p, "a ", 2) || !strncmp(t + p, "an", 2) ||
                                    !strncmp(t + p, "his", 3) || !strncmp(t + p, "her", 3) || !strncmp(t + p, "their", 5)))))
      return hi;
    if (w >= hi || t[w] != ' ')
      return hi;
    p = w + 1;
  }
  return hi;
}

/* Is [s, e) a lower-case word of @p words? */
static int
word_in(const char *t, size_t s, size_t e, const char *const *words)
{
  for (const char *const *w = words; *w; w++)
    if ((*w)[0] == t[s] && strlen(*w) == e - s && !memcmp(t + s, *w, e - s))
      return 1;
  return 0;
}

/* Prepositions that put a name after them outside a role's name. */
static const char *const role_prepositions[] = { "from", "in", "at", "of", "with", "on", "for", "to", "by",
                                                  "near", "about", "against", NULL };

/* "the role of her estranged brother, Konrad" after a performer. */
static RkStatus
role_of(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i + 12 < hi && !st; i++) {
    size_t q;
    if (t[i] != ' ')
      continue;  /* every cue starts with a space */
    if (at(t, i, hi, " the role of ") || at(t, i, hi, " the part of "))
      q = i + 13;
    else if (at(t, i, hi, " character of ") && i > lo && !rk_isupper((unsigned char)t[i - 1]))
      q = i + 14;  /* "the classic heroic character of Kambei" */
    else
      continue;
    size_t w = q;
    /* the performer: the nearest known performer before it in the sentence */
    size_t sb = i;
    while (sb > lo && !(t[sb - 1] == ' ' && sb >= lo + 2 && t[sb - 2] == '.')) sb--;
    RkSpan *spans, who = { 0, 0, 0 };
    size_t  n;
    char   *actor = NULL;
    if ((st = rk_names_in(x, sb, i, &spans, &n)))
      break;
    for (size_t k = n; k-- > 0 && !actor;) {
      actor = person_from(x, &spans[k], 0);
      if (actor && rk_ex_lookup(x, actor, RK_ROLE_ACTOR) == RK_NONE) {
        free(actor);
        actor = NULL;
      } else {
        who = spans[k];
      }
    }
    free(spans);
    if (!actor)
      continue;
    /* the character: a name, possibly after a description and a comma */
    RkSpan ch;
    int    ended = 0;  /* "in the role of his life. Beat the drums": no name */
    size_t last = q;   /* where the description's last word starts */
    for (int words = 0; words < 6 && w < hi && !rk_isupper((unsigned char)t[w]); words++) {
      last = w;
      while (w < hi && t[w] != ' ' && t[w] != ',') w++;
      if (w > q && strchr(".!?;:", t[w - 1])) { ended = 1; break; }
      if (w + 2 < hi && t[w] == ',' && t[w + 1] == ' ') { w += 2; break; }
      while (w < hi && t[w] == ' ') w++;
    }
    /* "the role of a young detective from Seoul": a name after a
     * preposition is a place or another person, not the role */
    if (w > q && !ended && t[w - 1] == ' ' && word_in(t, last, w - 1, role_prepositions))
      ended = 1;
    if (!ended && rk_name_at(x, w, hi, &ch) && !possessive_at(t, ch.e, hi)) {  /* "Park Doo-man's partner" */
      char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
      if (c && rk_ex_lookup(x, c, 0) == RK_NONE && !rk_ex_is_title(x, c, strlen(c)))
        st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, who.s, ch.e, 0.75f, "actor-role-of-character");
      free(c);
    }
    free(actor);
  }
  return st;
}

/* "as Miami's answer to Rico Suave, Osgood Fielding III": a possessive
 * after "as" opens a description of the role, and the character is its
 * appositive after the comma.  @p p is the end of the possessed name;
 * returns where the character starts, or @p hi. */
static size_t
possessive_description(const char *t, size_t p, size_t hi)
{
  for (int words = 0; words < 8 && p < hi; p++) {
    if (t[p] == ',')
      return p + 1 < hi && t[p + 1] == ' ' ? p + 2 : hi;
    if (t[p] == '.' || t[p] == ';' || t[p] == '(' || t[p] == ')')
      return hi;
    if (t[p] == ' ')
      words++;
  }
  return hi;
}

/* "Brendan Gleeson ... exaggerates his character, a grizzly convict by
 * the name of Knuckles McGinty": the sentence's subject performs the
 * character its "his/her character" is named as. */
static RkStatus
own_character_named(RkEx *x, size_t lo, size_t hi)
{
  static const char *const namers[] = { "named ", "called ", "by the name of ", NULL };
  const char *t = x->text, *m;
  RkStatus    st = RK_OK;

  /* find "character" by its 'c' in the lower-cased copy, then look back */
  for (size_t c = lo + 5; c + 11 < hi && !st && (m = memchr(x->lower + c, 'c', hi - 11 - c)); c++) {
    c = (size_t)(m - x->lower);
    size_t i = c - 5;  /* c >= lo + 5: the space before "his" */
    if (!at(t, c, hi, "character") || !(at(t, i, hi, " his ") || at(t, i, hi, " her ")))
      continue;
    /* the subject: a full name opening the sentence */
    size_t sb = sentence_start(t, lo, i);
    RkSpan who, ch;
    if (!rk_name_at(x, sb, i, &who) || who.s != sb || who.ntok < 2)
      continue;
    /* the name: after "named", "called" within a few words of the comma */
    size_t q = i + 14, found = hi;
    if (q >= hi || (t[q] != ',' && t[q] != ' '))
      continue;  /* "his characters", "her character's" */
    for (int words = 0; words < 8 && q < hi && found == hi; words++) {
      while (q < hi && t[q] != ' ') q++;
      while (q < hi && t[q] == ' ') q++;
      for (const char *const *nm = namers; *nm; nm++)
        if (at(t, q, hi, *nm))
          found = q + strlen(*nm);
      if (q < hi && strchr(".;(", t[q]))
        break;
    }
    if (found == hi || !rk_name_at(x, found, hi, &ch))
      continue;
    char *actor = person_from(x, &who, 1), *chr = rk_clean_character(x, t + ch.s, ch.e - ch.s);
    if (actor && chr && rk_person_score(x, actor) > 0 && !rk_ex_is_title(x, chr, strlen(chr)) &&
        rk_ex_lookup(x, chr, 0) == RK_NONE)
      st = rk_ex_pending(x, actor, chr, RK_ROLE_ACTOR, who.s, ch.e, 0.75f, "actor-his-character-named");
    free(actor);
    free(chr);
    c = ch.e;
  }
  return st;
}

static const char *const as_verbs[] = { " is ", " was ", " stars ", " appears ", " shines ",
                                        " plays ", " returns ", " co-stars ", " turns up ",
                                        " continues ", " excels ", " impresses ", " dazzles ", NULL };
#define N_AS_VERBS (sizeof as_verbs / sizeof *as_verbs - 1)

/* "Debbie Reynolds is delightful as", "Yun-Fat Chow is in his first action
 * role as": the performer of an " as " at @p i with no name just before
 * it stands before a verb within 60 bytes back in the same clause (no ',',
 * ';' or '.' between).  Each verb, in as_verbs order, is tried at its
 * nearest place before @p i. */
static int
performer_before_verb(const RkEx *x, size_t lo, size_t i, size_t hi, RkSpan *who)
{
  const char *t = x->text;
  size_t      nearest[N_AS_VERBS];

  for (size_t v = 0; v < N_AS_VERBS; v++)
    nearest[v] = SIZE_MAX;
  /* one pass back over the spaces: every verb starts with one, and no
   * verb is a prefix of another, so one verb at most stands at each.  The
   * pass ends where the clause does: a verb's nearest place further back
   * is out of the clause, and the verb is not tried */
  for (size_t j = i; j > lo && i - j < 60; j--) {
    if (t[j] == ',' || t[j] == ';' || t[j] == '.')
      break;
    if (t[j] != ' ')
      continue;
    unsigned char c = (unsigned char)t[j + 1] | 0x20;
    for (size_t v = 0; v < N_AS_VERBS; v++)
      if ((unsigned char)as_verbs[v][1] == c && nearest[v] == SIZE_MAX && at(t, j, hi, as_verbs[v])) {
        nearest[v] = j;
        break;
      }
  }
  for (size_t v = 0; v < N_AS_VERBS; v++)
    if (nearest[v] != SIZE_MAX && rk_name_before(x, lo, nearest[v], who))
      return 1;
  return 0;
}

/* "plays one of the titular characters, a hard-bitten Confederate named
 * Ethan Edwards": the role is described at length, then named.  Returns
 * where the name after "named"/"called" starts when that comes within
 * sixteen words of the same clause, or @p hi. */
static size_t
named_in_clause(const char *t, size_t p, size_t hi)
{
  for (int words = 0; words < 16 && p < hi; words++) {
    if (at(t, p, hi, "named ") || at(t, p, hi, "called "))
      return p + (t[p] == 'n' ? 6 : 7);
    while (p < hi && t[p] != ' ') {
      if (strchr(".;:!?()", t[p]))
        return hi;
      p++;
    }
    while (p < hi && t[p] == ' ') p++;
  }
  return hi;
}

static int unnamed_role_after(const char *t, size_t p, size_t hi);

/* Is [s, e) one short word in capitals ("NCO", "FBI")? */
static int
all_caps_acronym(const char *t, size_t s, size_t e)
{
  if (e - s < 2 || e - s > 4)
    return 0;
  for (size_t i = s; i < e; i++)
    if (!rk_isupper((unsigned char)t[i]))
      return 0;
  return 1;
}

/* "Stratton exudes a weary charm as gang boss Ferris", "Quayle gives a
 * watchful performance as the night clerk Odile": a clause that opens on a
 * performer the review already named, and runs on in lower-case words to
 * the " as " at @p i, says whom that performer plays. */
static int
known_performer_opens_clause(RkEx *x, size_t lo, size_t i, RkSpan *who)
{
  const char *t = x->text;
  size_t      b = i;

  while (b > lo && i - b < 100 && !strchr(",;.!?:()\"", t[b - 1])) b--;
  if (i - b >= 100)
    return 0;
  while (b < i && t[b] == ' ') b++;
  if (at(t, b, i, "and ") || at(t, b, i, "but ") || at(t, b, i, "while "))
    b += t[b] == 'w' ? 6 : 4;  /* "..., and Quayle gives ..." */
  if (!rk_name_at(x, b, i, who) || who->e >= i || t[who->e] != ' ')
    return 0;
  /* the rest of the clause is lower-case words: a verb phrase, no name */
  for (size_t k = who->e; k < i; k++)
    if (rk_isupper((unsigned char)t[k]) || rk_isdigit((unsigned char)t[k]))
      return 0;
  char *name = rk_strndup(t + who->s, who->e - who->s);
  int   known = name && rk_ex_lookup(x, name, RK_ROLE_ACTOR) != RK_NONE;
  free(name);
  return known;
}

/* The first j in [i, end) where " as", " pl" or " po" starts in the
 * lower-cased copy: every cue of as_and_plays starts so (" as ", " plays ",
 * " played ", " portrays ").  Sixteen places a step with SSE2; reads up
 * to x->lower[end + 1], which must lie in the text. */
static size_t
next_as_or_play(const RkEx *x, size_t i, size_t end)
{
  const char *l = x->lower;

#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), a = _mm_set1_epi8('a'), s = _mm_set1_epi8('s'),
                p = _mm_set1_epi8('p'), lc = _mm_set1_epi8('l'), o = _mm_set1_epi8('o');

  for (; i + 16 <= end; i += 16) {
    __m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)(l + i));
    __m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(l + i + 1));
    __m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(l + i + 2));
    __m128i as = _mm_and_si128(_mm_cmpeq_epi8(b1, a), _mm_cmpeq_epi8(b2, s));
    __m128i pl = _mm_and_si128(_mm_cmpeq_epi8(b1, p), _mm_or_si128(_mm_cmpeq_epi8(b2, lc), _mm_cmpeq_epi8(b2, o)));
    int     mask = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(b0, space), _mm_or_si128(as, pl)));
    if (mask)
      return i + (size_t)__builtin_ctz((unsigned)mask);
  }
#endif
  for (; i < end; i++)
    if (l[i] == ' ' && ((l[i + 1] == 'a' && l[i + 2] == 's') || (l[i + 1] == 'p' && (l[i + 2] == 'l' || l[i + 2] == 'o'))))
      return i;
  return end;
}

static RkStatus
as_and_plays(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  /* i + 4 < hi */
  for (size_t i = lo; hi >= lo + 5 && (i = next_as_or_play(x, i, hi - 4)) < hi - 4 && !st; i++) {
    int plays = 1;
    size_t after;
    /* the cues in the lower-cased copy, as rk_at would match them */
    if (lower_at(x, i, hi, " as ", 4)) { after = i + 4; plays = 0; }
    else if (lower_at(x, i, hi, " plays ", 7)) after = i + 7;
    else if (lower_at(x, i, hi, " played ", 8)) after = i + 8;
    else if (lower_at(x, i, hi, " portrays ", 10)) after = i + 10;
    else continue;

    /* the performer: the name just before, or before "is delightful as" */
    RkSpan who;
    size_t e = i;
    /* "Sandberg, who plays ...": the performer stands before ", who" */
    if (plays && e >= lo + 5 && !strncmp(t + e - 5, ", who", 5))
      e -= 5;
    int    found = rk_name_before(x, lo, e, &who);
    if (!found && !plays)
      found = performer_before_verb(x, lo, i, hi, &who) || known_performer_opens_clause(x, lo, i, &who);
    /* "Tomas Harlan, as Father Anselm, plays ...": the role as an aside */
    if (!found && !plays && e > lo + 1 && t[e - 1] == ',') {
      RkSpan aside;
      found = rk_name_at(x, after, hi, &aside) && aside.e < hi && t[aside.e] == ',' &&
              rk_name_before(x, lo, e - 1, &who);
    }
    if (!found)
      continue;
    char *actor = person_from(x, &who, 0);
    if (!actor)
      continue;
    if (!plays && rk_name_tokens(actor) < 2 && rk_ex_lookup(x, actor, 0) == RK_NONE) {
      free(actor);
      continue;
    }
    /* the character: a capitalised name after, possibly behind an
     * appositive ("as washed-up thespian, Phoenix Buchanan") */
    size_t q = after;
    RkSpan ch;
    int    chars = 0;
    if (!rk_name_at(x, q, hi, &ch)) {
      size_t w = q, words = 0;
      while (w < hi && words < 4 && (rk_islower((unsigned char)t[w]) || t[w] == '-' || t[w] == ' ')) {
        if (t[w] == ' ') words++;
        w++;
      }
      if (w + 2 < hi && t[w] == ',' && t[w + 1] == ' ' && !plays && words >= 1 && words <= 3)
        q = w + 2;
      else if (plays) {
        q = described_name(t, after, hi);  /* "plays the family's ageing housekeeper Marta" */
        if (q == hi)
          q = named_in_clause(t, after, hi);
      }
      else  /* "as posh Madeleine", "as the night clerk Odile" */
        q = described_name(t, after, hi);
    } else if (!plays && possessive_at(t, ch.e, hi))
      q = possessive_description(t, ch.e, hi);
    while (q < hi && rk_name_at(x, q, hi, &ch) && chars < 3 && !st) {
      if (q != after && all_caps_acronym(t, ch.s, ch.e)) {
        /* "Marcus Whitfield as the more experienced NCO": a rank, described */
        if (rk_name_tokens(actor) >= 2)
          st = rk_ex_pending(x, actor, NULL, RK_ROLE_ACTOR, who.s, ch.e, 0.6f, "actor-as-the-role");
        chars++;
        break;
      }
      char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
      if (c && !rk_ex_is_title(x, c, strlen(c)) && rk_ex_lookup(x, c, 0) == RK_NONE) {
        st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, who.s, ch.e, plays ? 0.85f : 0.8f,
                  plays ? "actor-plays-character" : "actor-as-character");
        chars++;
      }
      free(c);
      q = ch.e;
      /* "as posh Madeleine and trashy Judy", "as Yubaba and Zeniba" */
      if (at(t, q, hi, " and ")) {
        q += 5;
        size_t w1 = q;
        while (w1 < hi && rk_islower((unsigned char)t[w1])) w1++;
        if (w1 > q && w1 < hi && t[w1] == ' ') q = w1 + 1;
      } else break;
    }
    /* "Scott Eastwood as the token handsome white guy": a performer whose
     * role has no name */
    if (!st && !plays && !chars && who.e == i && rk_name_tokens(actor) >= 2 && at(t, i, hi, " as the ") &&
        unnamed_role_after(t, i + 8, hi))
      st = rk_ex_pending(x, actor, NULL, RK_ROLE_ACTOR, who.s, i + 8, 0.6f, "actor-as-the-role");
    free(actor);
  }
  return st;
}

/* Verdicts on a performance: "X is ___ as" with one of these says how X
 * acts a role, not what X is ("is known as", "is credited as"). */
static const char *const verdict_words[] = {
  "excellent", "superb", "brilliant", "wonderful", "terrific", "phenomenal", "perfect",
  "outstanding", "hilarious", "intense", "convincing", "memorable", "marvelous", "marvellous",
  "splendid", "magnificent", "delightful", "impressive", "compelling", "mesmerizing",
  "mesmerising", "menacing", "chilling", "believable", "remarkable", "exceptional", "stellar",
  "amazing", "fantastic", "riveting", "sublime", "heartbreaking", "affecting", "effective",
  "charming", "touching", "magnetic", "luminous", "sympathetic", "creepy", "funny", "solid",
  "strong", "fine", "good", "great", "decent", "terrible", "awful", "miscast", "wooden", NULL };

/* Where the copula of "X is|are|was|were <1-4 words, one a verdict> as"
 * starts (the space before it), walking back from the " as " at @p i; 0
 * when the words before " as " are not so shaped.  "as good as" compares
 * rather than judges a role, so a word "as" between refuses. */
static size_t
verdict_copula_before(const char *t, size_t lo, size_t i)
{
  static const char *const copulas[] = { "is", "are", "was", "were", NULL };
  size_t pos = i;
  int    verdict = 0;

  /* the copula first: most " as " have none within four words, and then
   * the verdict words need no look-up */
  size_t copula = 0;
  for (int words = 0; words <= 4 && !copula; words++) {
    size_t e = pos, s = e;
    while (s > lo && (rk_islower((unsigned char)t[s - 1]) || t[s - 1] == '-')) s--;
    if (s == e || s <= lo || t[s - 1] != ' ')
      return 0;
    if (word_in(t, s, e, copulas)) {
      if (words < 1)
        return 0;
      copula = s;
    } else if (e - s == 2 && !memcmp(t + s, "as", 2)) {
      return 0;
    }
    pos = s - 1;
  }
  if (!copula)
    return 0;
  for (pos = i; pos > copula && !verdict;) {
    size_t e = pos, s = e;
    while (s > lo && (rk_islower((unsigned char)t[s - 1]) || t[s - 1] == '-')) s--;
    if (s <= copula)
      break;
    verdict = word_in(t, s, e, verdict_words);
    pos = s - 1;
  }
  return verdict ? copula - 1 : 0;
}

/* After "as": a crew noun within three words ("brilliant as a director")
 * or a comparison ("as ever", "as always") judges no role. */
static int
not_a_role_after(const char *t, size_t p, size_t hi)
{
  static const char *const nouns[] = { "director", "filmmaker", "film-maker", "writer",
                                       "screenwriter", "producer", "composer", "storyteller",
                                       "critic", "ever", "always", "usual", "expected", NULL };

  for (int words = 0; words < 3 && p < hi; words++) {
    size_t e = p;
    while (e < hi && (rk_islower((unsigned char)t[e]) || t[e] == '-')) e++;
    if (e == p)
      return 0;
    if (word_in(t, p, e, nouns))
      return 1;
    if (e >= hi || t[e] != ' ')
      return 0;
    p = e + 1;
  }
  return 0;
}

/* A full name ending at @p e that can be a performer: two tokens or
 * more, a person's name by the lexicon, not known as crew or critic. */
static char *
judged_performer(RkEx *x, size_t lo, size_t e, RkSpan *who)
{
  if (!rk_name_before(x, lo, e, who))
    return NULL;
  char *name = person_from(x, who, 1);
  if (name && (rk_name_tokens(name) < 2 || rk_name_tokens(name) > 4 || rk_person_score(x, name) <= 0 ||
               rk_ex_lookup(x, name, RK_ROLE_DIRECTOR | RK_ROLE_WRITER | RK_ROLE_CRITIC) != RK_NONE)) {
    free(name);
    name = NULL;
  }
  return name;
}

/* "Ricardo Darin is excellent as his oily mentor", "A and B are hilarious
 * as his sidekicks": a verdict on how a full name plays a role makes a
 * performer even when the role has no name (as_and_plays names roles). */
static RkStatus
verdict_as(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; (i = next_phrase(x, i, hi, " as ", 4)) < hi && !st; i++) {
    size_t c = verdict_copula_before(t, lo, i);
    if (!c || not_a_role_after(t, i + 4, hi))
      continue;
    RkSpan who;
    char  *name = judged_performer(x, lo, c, &who);
    if (!name)
      continue;
    st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, who.s, i + 4, 0.7f, "performer-verdict-as");
    free(name);
    /* "A and B are hilarious as": the plural takes in the name before */
    if (!st && (at(t, c, hi, " are ") || at(t, c, hi, " were ")) && who.s >= lo + 5 &&
        !strncmp(t + who.s - 5, " and ", 5)) {
      RkSpan other;
      char  *first = judged_performer(x, lo, who.s - 5, &other);
      if (first)
        st = rk_ex_pending(x, first, NULL, RK_ROLE_ACTOR, other.s, other.e, 0.7f, "performer-verdict-as");
      free(first);
    }
  }
  return st;
}

/* "Oskar Brandt is quietly superb in this", "X was superb in the title
 * role": a verdict on a full name's acting in the film makes a performer. */
static RkStatus
verdict_in(RkEx *x, size_t lo, size_t hi)
{
  static const char *const tails[] = { " in this", " in the role", " in the title role", " in the lead",
                                       " in the part", " in the film", " in the movie", NULL };
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; (i = next_phrase(x, i, hi, " in th", 6)) < hi && !st; i++) {
    const char *const *tail = tails;
    while (*tail && !(at(t, i, hi, *tail) && is_word_end(t, i + strlen(*tail), hi))) tail++;
    size_t c = *tail ? verdict_copula_before(t, lo, i) : 0;
    if (!c)
      continue;
    RkSpan who;
    char  *name = judged_performer(x, lo, c, &who);
    if (name)
      st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, who.s, i, 0.65f, "performer-verdict-in");
    free(name);
  }
  return st;
}

/* After "Name as the": one to five lower-case words that end the clause
 * or run into a function word ("as the token handsome white guy was"),
 * and no crew job among them ("as the director" says what the person did,
 * not whom they played). */
static int
unnamed_role_after(const char *t, size_t p, size_t hi)
{
  static const char *const jobs[] = { "director", "writer", "producer", "screenwriter", "composer", "editor",
                                      "cinematographer", "author", "critic", "host", "creator", "star", NULL };
  int words = 0;

  while (p < hi && words < 6) {
    size_t w = p;
    while (w < hi && (rk_islower((unsigned char)t[w]) || t[w] == '-' || t[w] == '\'')) w++;
    if (w == p)
      return 0;
    if (words && rk_is_function_word(t + p, w - p))
      return words <= 5;  /* "as the token handsome white guy was ...": the verb ends it */
    if (word_in(t, p, w, jobs))
      return 0;
    words++;
    if (w >= hi || strchr(",.;:!?()", t[w]))
      return words <= 5;
    if (t[w] != ' ')
      return 0;
    p = w + 1;
  }
  return 0;
}

/* The index in @p nouns of the first noun that follows @p p after at most
 * @p max_words modifiers (lower-case words; commas too when @p commas), or
 * -1: "Audiard's previous films", "Joachim Trier's, masterfully wry, new
 * film", "Cary Grant's wry performance".  *@p end (if given) is set past
 * the noun. */
static int
noun_after(const char *t, size_t p, size_t hi, int max_words, int commas, const char *const *nouns,
           size_t *end)
{
  for (int words = 0; words < max_words && p < hi; words++) {
    while (p < hi && (t[p] == ' ' || (commas && t[p] == ','))) p++;
    for (int k = 0; nouns[k]; k++)
      if (at(t, p, hi, nouns[k]) && is_word_end(t, p + strlen(nouns[k]), hi)) {
        if (end)
          *end = p + strlen(nouns[k]);
        return k;
      }
    if (p >= hi || !rk_islower((unsigned char)t[p]))
      return -1;
    while (p < hi && (rk_isalpha((unsigned char)t[p]) || t[p] == '-')) p++;
  }
  return -1;
}

/* "Vin Diesel is the visionary producer, monosyllabic star, and ...": a
 * name said to be the film's star, among other things. */
static int
star_predicate(const char *t, size_t p, size_t hi)
{
  static const char *const nouns[] = { "star", "leading man", "leading lady", NULL };

  if (at(t, p, hi, " is the ") || at(t, p, hi, " was the "))
    return noun_after(t, p + (t[p + 1] == 'i' ? 8 : 9), hi, 5, 1, nouns, NULL) >= 0;
  return 0;
}

/* After a name: "performance", "turn", "portrayal" within a few words,
 * or "steals the movie". */
static int
performance_after(const char *t, size_t p, size_t hi)
{
  static const char *const nouns[] = { "performance", "performances", "turn", "portrayal",
                                       "steals the", "almost steals the", NULL };

  return noun_after(t, p, hi, 4, 0, nouns, NULL) >= 0 || star_predicate(t, p, hi);
}

/* After a pair of names: "lead", "star", "co-star" or "headline" as the
 * verb of both. */
static int
pair_leads(const char *t, size_t p, size_t hi)
{
  static const char *const verbs[] = { " lead ", " star ", " co-star ", " headline ", NULL };

  for (const char *const *v = verbs; *v; v++)
    if (at(t, p, hi, *v))
      return 1;
  return 0;
}

/* Is the text of @p sp, as written, a character some performer plays? */
static int
span_is_character(const RkEx *x, const RkSpan *sp)
{
  char *written = rk_strndup(x->text + sp->s, sp->e - sp->s);
  int   is      = written && rk_ex_is_character(x, written);
  free(written);
  return is;
}

/* "star Saoirse Ronan", "co-star X", "actress X": a cue word before a
 * name makes a performer; "X and Y in "Lady Bird"" in a caption too. */
static RkStatus
performer_cues(RkEx *x, size_t lo, size_t hi, RkZoneKind zone)
{
  static const char *const cues[] = { "star", "co-star", "costar", "actor", "actress", "stars",
                                      "starring", "co-starring", "lead", "starred",
                                      "starred both", "starring both",
                                      /* "turns from A and B", "actors, including A and B" */
                                      "turns from", "performances from", "cameos from",
                                      "actors, including", "actors including", "cast, including",
                                      "cast including",
                                      /* "a wicked performance by X", "character
                                       * actors such as A, B and C" */
                                      "performance by", "performances by", "performance from",
                                      "actors as", "actors such as", "actors like",
                                      /* "narrated by X", "the actress is X" */
                                      "narrated by", "narration by", "narrator", "actress is", "actor is",
                                      "star is",
                                      /* "the remake helmed by X featuring A and B" */
                                      "featuring", NULL };
  const char *t = x->text;
  RkSpan     *spans;
  size_t      n;
  RkStatus    st;

  if ((st = rk_names_in(x, lo, hi, &spans, &n)))
    return st;
  for (size_t k = 0; k < n && !st; k++) {
    RkSpan sp = spans[k];
    int    cue = role_cue_before(t, lo, sp.s, cues) && !(sp.s > lo + 1 && t[sp.s - 2] == ',') &&
                 !inside_parens(t, lo, sp.s);  /* "(daughter of famed actor X)" is an aside */
    /* caption: "Saoirse Ronan and Laurie Metcalf in "Lady Bird."" */
    if (!cue && zone == RK_ZONE_CAPTION) {
      size_t e = spans[k].e, j = k;
      while (j + 1 < n && e + 5 <= hi && !strncmp(t + e, " and ", 5) && spans[j + 1].s == e + 5)
        e = spans[++j].e;
      size_t q = e + 4, qs, qe;
      if (e + 4 <= hi && !strncmp(t + e, " in ", 4) &&
          ((quoted_title_at(t, q, hi, &qs, &qe) && rk_ex_is_title(x, t + qs, qe - qs)) || rk_ex_is_title(x, t + q, 0))) {
        for (size_t m = k; m <= j && !st; m++) {
          char *name = person_from(x, &spans[m], 1);
          if (name)
            st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, spans[m].s, spans[m].e, 0.75f, "caption-performer-in-title");
          free(name);
        }
        k = j;
        continue;
      }
    }
    if (!cue) {
      /* "Cary Grant's performance", "James Mason almost steals the movie" */
      size_t p = sp.e + possessive_at(t, sp.e, hi);
      cue = performance_after(t, p, hi);
    }
    /* "Vera Lindqvist and Tomas Harlan lead ...": a pair who lead
     * or star; the list below takes in the second */
    if (!cue && k + 1 < n && at(t, sp.e, hi, " and ") && spans[k + 1].s == sp.e + 5)
      cue = pair_leads(t, spans[k + 1].e, hi);
    if (!cue || !strncmp(t + sp.s, "Mr", 2) || !strncmp(t + sp.s, "Mrs", 3) || !strncmp(t + sp.s, "Ms", 2) ||
        !strncmp(t + sp.s, "Dr", 2))
      continue;
    char *name = person_from(x, &sp, 1);
    /* "a band featuring Dolly Marsh (Quayle)": a character the parenthesis cast */
    if (name && rk_ex_lookup(x, name, RK_ROLE_DIRECTOR | RK_ROLE_WRITER | RK_ROLE_CRITIC) == RK_NONE &&
        !span_is_character(x, &sp))
      st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, sp.s, sp.e, 0.7f, "performer-cue");
    free(name);
    /* the cue covers a list: "stars A as a border guard and B as the
     * smuggler", "starring A, B and C" */
    while (!st && k + 1 < n) {
      size_t p = spans[k].e;
      if (at(t, p, hi, " as ")) {
        size_t q = p + 4;
        for (int w = 0; w < 6 && q < hi && rk_islower((unsigned char)t[q]); w++) {
          while (q < hi && (rk_isalpha((unsigned char)t[q]) || t[q] == '-' || t[q] == '\'')) q++;
          if (at(t, q, hi, " and ") || at(t, q, hi, ", "))
            break;
          while (q < hi && t[q] == ' ') q++;
        }
        p = q;
      }
      if (at(t, p, hi, ", and ")) p += 6;
      else if (at(t, p, hi, " and ")) p += 5;
      else if (at(t, p, hi, ", ")) p += 2;
      else break;
      if (spans[k + 1].s != p)
        break;
      k++;
      char *more = person_from(x, &spans[k], 1);
      if (more && rk_ex_lookup(x, more, RK_ROLE_DIRECTOR | RK_ROLE_WRITER | RK_ROLE_CRITIC) == RK_NONE)
        st = rk_ex_pending(x, more, NULL, RK_ROLE_ACTOR, spans[k].s, spans[k].e, 0.7f, "performer-cue-list");
      free(more);
    }
  }
  free(spans);
  return st;
}

/* Skip spaces and line breaks: a wrapped paragraph goes on in the next
 * line. */
static size_t
skip_space(const char *t, size_t p, size_t hi)
{
  while (p < hi && (t[p] == ' ' || t[p] == '\n' || t[p] == '\r' || t[p] == '\t')) p++;
  return p;
}

/* "outstanding performances delivered by all, particularly the edgy A,
 * the quietly luminous B, and the oh-so-cold C": after a performance
 * noun and "by"/"from", a list whose items are "the" and a few modifiers
 * before each performer.  The list may run on over the next lines of a
 * wrapped paragraph, up to @p hi; it ends at the first item that is not
 * so shaped. */
static RkStatus
described_performer_list(RkEx *x, size_t lo, size_t line_hi, size_t hi)
{
  static const char *const nouns[] = { "performances", "performance", "turns", NULL };
  static const char *const focus[] = { "particularly", "especially", "notably", "most notably",
                                       "including", "above all", NULL };
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i < line_hi && !st; i++) {
    int k = -1;
    if (i > lo && rk_isalpha((unsigned char)t[i - 1]))
      continue;
    for (int c = 0; nouns[c] && k < 0; c++)
      if (at(t, i, line_hi, nouns[c]) && is_word_end(t, i + strlen(nouns[c]), line_hi))
        k = c;
    if (k < 0)
      continue;
    /* "by" or "from" within three words: "delivered by", "from" */
    size_t p = i + strlen(nouns[k]);
    int    by = 0;
    for (int w = 0; w < 3 && p < hi && !by; w++) {
      p = skip_space(t, p, hi);
      if (at(t, p, hi, "by ") || at(t, p, hi, "from ")) {
        p += t[p] == 'b' ? 3 : 5;
        by = 1;
        break;
      }
      while (p < hi && rk_islower((unsigned char)t[p])) p++;
    }
    if (!by)
      continue;
    /* "all, particularly": the list is singled out of everyone */
    size_t m = skip_space(t, p, hi), w = m;
    while (w < hi && rk_islower((unsigned char)t[w])) w++;
    if (w > m && at(t, w, hi, ", ")) {
      size_t f = skip_space(t, w + 2, hi);
      for (const char *const *fo = focus; *fo; fo++)
        if (at(t, f, hi, *fo) && skip_space(t, f + strlen(*fo), hi) > f + strlen(*fo)) {
          p = f + strlen(*fo);
          break;
        }
    }
    /* the items */
    for (int items = 0; items < 12 && !st; items++) {
      p = skip_space(t, p, hi);
      size_t q = p;
      int    described = 0;
      if (at(t, q, hi, "the ") || at(t, q, hi, "a ") || at(t, q, hi, "an ")) {
        q = skip_space(t, q + (t[q + 1] == ' ' ? 2 : (t[q + 1] == 'n' ? 3 : 4)), hi);
        for (int words = 0; words < 4 && q < hi && rk_islower((unsigned char)t[q]); words++) {
          size_t e = q;
          while (e < hi && (rk_islower((unsigned char)t[e]) || t[e] == '-')) e++;
          if (rk_is_function_word(t + q, e - q))
            break;
          q = skip_space(t, e, hi);
          described = 1;
        }
      }
      RkSpan sp;
      if (!described || !rk_name_at(x, q, hi, &sp))
        break;
      char *name = person_from(x, &sp, 0);
      if (name && rk_ex_lookup(x, name, RK_ROLE_DIRECTOR | RK_ROLE_WRITER | RK_ROLE_CRITIC) == RK_NONE)
        st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, sp.s, sp.e, 0.7f, "performances-by-the-described");
      free(name);
      p = sp.e;
      if (at(t, p, hi, ",")) p = skip_space(t, p + 1, hi);
      if (at(t, p, hi, "and ")) p += 4;
      else if (p > sp.e) ;
      else break;
    }
  }
  return st;
}

/* "the Noriko character played with immense control by Setsuko Hara" */
static RkStatus
character_played_by(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i + 20 < hi && !st; i++) {
    if (!at(t, i, hi, " character played "))
      continue;
    RkSpan ch, who;
    if (!rk_name_before(x, lo, i, &ch))
      continue;
    /* "by" within a few words */
    size_t q = i + 18;
    for (int w = 0; w < 8 && q < hi && !at(t, q, hi, "by "); w++) {
      while (q < hi && t[q] != ' ') q++;
      while (q < hi && t[q] == ' ') q++;
    }
    if (!at(t, q, hi, "by ") || !rk_name_at(x, q + 3, hi, &who))
      continue;
    char *actor = person_from(x, &who, 0), *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
    if (actor && c && !rk_ex_is_title(x, c, strlen(c)))
      st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, ch.s, who.e, 0.8f, "character-played-by-actor");
    free(actor);
    free(c);
  }
  return st;
}

/* "played by Game Of Thrones' Kristofer Hivju": a possessive after the
 * name says where the performer is known from, and the performer follows.
 * Moves *@p who to that name; 0 when a possessive has no name after it. */
static int
past_known_from(const RkEx *x, RkSpan *who, size_t hi)
{
  const char *t = x->text;
  size_t      poss = possessive_at(t, who->e, hi), p = who->e + poss;

  if (!poss)
    return 1;
  return p + 1 < hi && t[p] == ' ' && rk_name_at(x, p + 1, hi, who);
}

static int zone_has_facts(RkZoneKind k);

/* "she's played by Theron": a surname alone names the one person of the
 * document whose full name ends with it ("Charlize Theron" elsewhere), if
 * there is exactly one.  Sets *@p out to that name or NULL. */
static RkStatus
full_name_by_surname(RkEx *x, const RkSpan *who, char **out)
{
  const RkZones *z = x->zones;
  size_t         k = who->e - who->s;
  char          *found = NULL;
  int            ambiguous = 0;
  RkStatus       st = RK_OK;

  *out = NULL;
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    RkSpan       *spans;
    size_t        n;
    if (!zone_has_facts(l->kind) || (st = rk_names_in(x, l->start, l->end, &spans, &n)))
      continue;
    for (size_t j = 0; j < n; j++) {
      const RkSpan *sp = &spans[j];
      if (sp->ntok < 2 || sp->ntok > 3 || sp->e - sp->s <= k + 1 || x->text[sp->e - k - 1] != ' ' ||
          memcmp(x->text + sp->e - k, x->text + who->s, k))
        continue;
      char *name = person_from(x, sp, 1);
      if (name && found && strcmp(name, found))
        ambiguous = 1;  /* two people of that name: no telling which */
      if (name && !found)
        found = name;
      else
        free(name);
    }
    free(spans);
  }
  if (st || ambiguous) {
    free(found);
    return st;
  }
  *out = found;
  return RK_OK;
}

/* "characters played by Kurt Russell and Helen Mirren": performers. */
static RkStatus
played_by_plain(RkEx *x, size_t lo, size_t hi)
{
  static const char *const cues[] = { " played by ", " voiced by ", " portrayed by ", NULL };
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo + 1; i < hi && !st; i++)
    for (const char *const *c = cues; *c && t[i] == ' ' && t[i - 1] != ',' && !rk_isupper((unsigned char)t[i - 1]); c++) {
      if (!at(t, i, hi, *c))
        continue;
      size_t k = strlen(*c), q = i + k;
      RkSpan who;
      while (q < hi && rk_name_at(x, q, hi, &who) && past_known_from(x, &who, hi) && !st) {
        char *name = person_from(x, &who, 1);
        if (!name && who.ntok == 1 && (st = full_name_by_surname(x, &who, &name)))
          break;
        if (name)
          st = rk_ex_pending(x, name, NULL, RK_ROLE_ACTOR, who.s, who.e, 0.7f, "played-by-performer");
        free(name);
        q = who.e;
        if (at(t, q, hi, " and ")) q += 5;
        else if (at(t, q, hi, ", ")) q += 2;
        else break;
      }
    }
  return st;
}

/* "Hollis Grange, the villain of the piece, is played by X": from the
 * comma that closes an appositive, the comma that opens it (at most eight
 * words back), or @p c itself when there is none. */
static size_t
before_appositive(const char *t, size_t lo, size_t c)
{
  int words = 0;

  for (size_t p = c; p > lo && words < 8; p--) {
    if (t[p - 1] == ',')
      return p - 1;
    if (strchr(".;!?()", t[p - 1]))
      break;
    if (t[p - 1] == ' ')
      words++;
  }
  return c;
}

/* "Character, played by Actor" and "Character is played by Actor". */
static RkStatus
played_by(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i + 11 < hi && !st; i++) {
    size_t b;
    if (t[i] != ',' && t[i] != ' ')
      continue;
    if (at(t, i, hi, ", played by ")) b = i;
    else if (at(t, i, hi, " is played by ")) b = i;
    else continue;
    size_t after = i + (t[i] == ',' ? 12 : 14);
    RkSpan who, ch;
    if (t[i] == ' ' && b > lo && t[b - 1] == ',')
      b = before_appositive(t, lo, b - 1);
    if (!rk_name_at(x, after, hi, &who) || !rk_name_before(x, lo, b, &ch))
      continue;
    if (!past_known_from(x, &who, hi))
      continue;
    char *actor = person_from(x, &who, 0);
    char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
    if (actor && c && !rk_ex_is_title(x, c, strlen(c)))
      st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, ch.s, who.e, 0.85f, "character-played-by-actor");
    free(actor);
    free(c);
  }
  return st;
}

/* "The very-pregnant Marge--played marvelously by Frances McDormand in an
 * Oscar-winning performance--just goes about": a dash (or a comma) opens
 * an aside on the character before it, and the verb may take an adverb
 * before "by" ("played marvelously by", "voiced winningly by"). */
static RkStatus
played_by_aside(RkEx *x, size_t lo, size_t hi)
{
  static const char *const opens[] = { " -- ", "--", " \xe2\x80\x94 ", "\xe2\x80\x94", " \xe2\x80\x93 ", ", ", NULL };
  static const char *const verbs[] = { "played ", "portrayed ", "voiced ", NULL };
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo + 1; i < hi && !st; i++) {
    size_t q = 0, open = i, dash = 0;
    if (t[i] != '-' && t[i] != ' ' && t[i] != ',' && t[i] != '\xe2')
      continue;  /* every opener starts with one of these bytes */
    for (const char *const *o = opens; *o && !q; o++)
      if (at(t, i, hi, *o)) {
        q = i + strlen(*o);
        dash = **o != ',';
      }
    if (!q)
      continue;
    size_t v = 0;
    for (const char *const *vb = verbs; *vb && !v; vb++)
      if (at(t, q, hi, *vb))
        v = q + strlen(*vb);
    if (!v)
      continue;
    /* one adverb: a word ending in "ly"; without a dash it must be there
     * (", played by" is played_by's) */
    size_t w = v;
    while (w < hi && rk_islower((unsigned char)t[w])) w++;
    int adverb = w > v + 2 && t[w - 1] == 'y' && t[w - 2] == 'l' && at(t, w, hi, " by ");
    if (adverb)
      v = w + 1;
    if (!at(t, v, hi, "by ") || (!adverb && !dash))
      continue;
    RkSpan who, ch;
    if (!rk_name_at(x, v + 3, hi, &who) || !past_known_from(x, &who, hi) || !rk_name_before(x, lo, open, &ch))
      continue;
    char *actor = person_from(x, &who, 0);
    char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
    if (actor && c && !rk_ex_is_title(x, c, strlen(c)) && rk_ex_lookup(x, c, RK_ROLE_ACTOR) == RK_NONE)
      st = rk_ex_pending(x, actor, c, RK_ROLE_ACTOR, ch.s, who.e, 0.8f, "character--played-by-actor");
    free(actor);
    free(c);
  }
  return st;
}

/* ------------------------------------------------------------ directors */

/* The plurals come first: the first FILM_PLURALS entries name a body of
 * work ("Audiard's previous films, A and B"), the rest one film. */
#define FILM_PLURALS 5
static const char *const film_nouns[] = {
  "films", "movies", "pictures", "features", "works",
  "film", "movie", "picture", "documentary", "doc", "feature", "debut", "drama", "thriller",
  "comedy", "epic", "noir", "masterpiece", "classic", "western", "adaptation", "follow-up",
  "sequel", "remake", "opus", "direction", "love story", "musical", "romance", "fable",
  "satire", "biopic", "latest", "animation", NULL
};

/* After a possessive: up to four modifiers (adjectives, adverbs, commas)
 * then a film noun.  Returns 1 for a singular noun, 2 for a plural one,
 * 0 otherwise; *list_at is set past the noun. */
static int
film_noun_after(const char *t, size_t p, size_t hi, size_t *list_at)
{
  int k = noun_after(t, p, hi, 5, 1, film_nouns, list_at);

  return k < 0 ? 0 : (k < FILM_PLURALS ? 2 : 1);
}

/* Is the film noun that ends at @p e an adjective of the next word ("classic
 * song", "epic poem", "debut novel")?  The next word is then a lower-case
 * word that is neither a film noun nor a function word ("latest film",
 * "debut is"). */
static int
noun_is_modifier(const char *t, size_t e, size_t hi)
{
  /* only these film nouns are also adjectives; after "documentary" or
   * "comedy" the next word is the sentence's verb ("documentary joins") */
  static const char *const adjectives[] = { "classic", "epic", "noir", "musical", "western", "latest", "debut", NULL };
  /* "Rowan Ashby's film version": a performer's take on a role */
  if (at(t, e, hi, " version") || at(t, e, hi, " incarnation"))
    return 1;
  int adjective = 0;
  for (const char *const *a = adjectives; *a && !adjective; a++) {
    size_t k = strlen(*a);
    adjective = e >= k && !memcmp(t + e - k, *a, k);
  }
  if (!adjective || e + 1 >= hi || t[e] != ' ' || !rk_islower((unsigned char)t[e + 1]))
    return 0;
  size_t w = e + 1;
  while (w < hi && (rk_isalpha((unsigned char)t[w]) || t[w] == '-')) w++;
  return !rk_is_function_word(t + e + 1, w - e - 1) && !word_in(t, e + 1, w, film_nouns);
}

/* Titles listed after "X's previous films, A and B" or "Other films: A, B". */
static RkStatus
title_list(RkEx *x, size_t p, size_t hi, const char *director, size_t s0)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;
  int         n = 0;

  while (p < hi && (t[p] == ' ' || t[p] == ',' || t[p] == ':')) p++;
  while (p < hi && n < 8 && !st) {
    size_t qs, qe, te;
    if (quoted_title_at(t, p, hi, &qs, &qe)) {
      te = qe;
    } else {
      /* a capitalised title runs to ",", " and ", "." or the end */
      if (!rk_isupper((unsigned char)t[p]))
        break;
      qs = p;
      te = p;
      while (te < hi && t[te] != ',' && t[te] != '.' && t[te] != ';' && !at(t, te, hi, " and ") &&
             !at(t, te, hi, " or "))
        te++;
      qe = te;
    }
    char *title = rk_strndup(t + qs, qe - qs);
    if (!title)
      return RK_ERR_NOMEM;
    st = other_film(x, title, director, s0, qe, "director-films-list");
    free(title);
    n++;
    p = te;
    while (p < hi && (t[p] == ' ' || t[p] == ',' || strchr("\"'", t[p]) || (unsigned char)t[p] >= 0xE2)) {
      if ((unsigned char)t[p] >= 0xE2) p += 3; else p++;
    }
    if (at(t, p, hi, "and ")) p += 4;
    else if (at(t, p, hi, "or ")) p += 3;
    else if (p < hi && t[p - 1] != ',' && t[p - 1] != ' ') break;
  }
  return st;
}

/* The title standing before ", directed by" at @p s, when it is not the
 * reviewed film's: "recalls Unanimous Granulate, directed by X". */
static char *
appositive_title(RkEx *x, size_t lo, size_t s)
{
  const char *t = x->text;
  size_t      e = s, b;
  RkSpan      sp;

  while (e > lo && t[e - 1] == ' ') e--;
  if (e < lo + 12 || strncasecmp(t + e - 11, "directed by", 11))
    return NULL;
  e -= 11;
  while (e > lo && t[e - 1] == ' ') e--;
  if (e == lo || t[e - 1] != ',')
    return NULL;
  e--;
  /* the reviewed film itself ("Mortices of the Securities, directed by") */
  for (size_t i = 0; i < x->r->titles.n; i++) {
    size_t k = strlen(x->r->titles.items[i]);
    size_t q = e;
    while (q > lo && ((unsigned char)t[q - 1] >= 0x80 || t[q - 1] == '"')) q--;  /* a closing quote */
    if (q >= lo + k && !strncasecmp(t + q - k, x->r->titles.items[i], k))
      return NULL;
  }
  /* a quoted title, or a capitalised run */
  b = e;
  if (b > lo && ((unsigned char)t[b - 1] >= 0x80 || t[b - 1] == '"')) {
    size_t q = b - 1;
    while (q > lo && (unsigned char)t[q] >= 0x80 && (unsigned char)t[q] < 0xC0) q--;
    size_t qs, qe, o = q;
    while (o > lo && !((unsigned char)t[o] == 0xE2 || t[o] == '"')) o--;
    if (quoted_title_at(t, o, e, &qs, &qe) && !rk_ex_is_title(x, t + qs, qe - qs))
      return rk_strndup(t + qs, qe - qs);
    return NULL;
  }
  if (!rk_name_before(x, lo, e, &sp) || rk_ex_is_title(x, t + sp.s, sp.e - sp.s))
    return NULL;
  /* a person before the comma ("Mann, directed by ...") is no title */
  char *cand = rk_strndup(t + sp.s, sp.e - sp.s);
  if (cand && (rk_ex_lookup(x, cand, 0) != RK_NONE || rk_person_score(x, cand) > 1)) {
    free(cand);
    return NULL;
  }
  return cand;
}

/* "5. 2 Fast 2 Furious: Paul Walker goes on the lam ...": a line that
 * opens with a title and a colon is about that film.  Returns the title. */
static char *
line_topic(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  size_t      p = lo, c;

  /* a ranked list item: "5. " */
  while (p < hi && rk_isdigit((unsigned char)t[p])) p++;
  if (p > lo && p + 1 < hi && t[p] == '.' && t[p + 1] == ' ')
    p += 2;
  else
    p = lo;
  for (c = p; c < hi && c - p < 60 && t[c] != ':' && t[c] != '.'; c++) ;
  if (c >= hi || t[c] != ':' || c == p || !(rk_isupper((unsigned char)t[p]) || rk_isdigit((unsigned char)t[p])) ||
      rk_ex_is_title(x, t + p, c - p) || c + 1 >= hi || t[c + 1] != ' ')
    return NULL;
  /* a title of several capitalised words, not a label ("Director:") */
  int words = 0;
  for (size_t i = p; i < c; i++)
    if (i == p || t[i - 1] == ' ') words++;
  return words >= 2 ? rk_strndup(t + p, c - p) : NULL;
}

/* The first i in [i, end) where titles_by can read something: an opening
 * quote's first byte ('"' or the 0xE2 of a curly one), two capitals (a
 * title in capitals), or with @p director_of a 'd'.  A capital is a byte
 * the lower-cased copy differs in.  Sixteen places a step with SSE2;
 * reads up to t[end], which must lie in the text. */
static size_t
next_title_start(const RkEx *x, size_t i, size_t end, int director_of)
{
  const char *t = x->text, *l = x->lower;

#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), curly = _mm_set1_epi8((char)0xE2);
  const __m128i d = _mm_set1_epi8(director_of ? 'd' : '"');

  for (; i + 16 <= end; i += 16) {
    __m128i th = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
    __m128i lh = _mm_loadu_si128((const __m128i *)(const void *)(l + i));
    __m128i tn = _mm_loadu_si128((const __m128i *)(const void *)(t + i + 1));
    __m128i ln = _mm_loadu_si128((const __m128i *)(const void *)(l + i + 1));
    /* equal in both copies, here or next: not two capitals */
    __m128i same = _mm_or_si128(_mm_cmpeq_epi8(th, lh), _mm_cmpeq_epi8(tn, ln));
    __m128i hit  = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(th, quote), _mm_cmpeq_epi8(th, curly)),
                                _mm_cmpeq_epi8(lh, d));
    int     mask = _mm_movemask_epi8(hit) | (~_mm_movemask_epi8(same) & 0xFFFF);
    if (mask)
      return i + (size_t)__builtin_ctz((unsigned)mask);
  }
#endif
  for (; i < end; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == 0xE2 || (director_of && l[i] == 'd') || (t[i] != l[i] && t[i + 1] != l[i + 1]))
      return i;
  }
  return end;
}

/* "THE MAGNIFICENT SEVEN by John Sturges", ""Manhunter" by Michael Mann":
 * a quoted or capitalised title credited to a person; and "director of
 * "A" and "B"", whose director is the sentence's first person. */
static RkStatus
titles_by(RkEx *x, size_t lo, size_t hi, int director_of)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;
  size_t      end = lo;

  /* A title credited "by" someone starts before the line's last " by ";
   * only "director of" (when the line has it) can stand later. */
  for (size_t by = lo; (by = next_phrase(x, by, hi, " by ", 4)) < hi; by++)
    end = by + 1;
  if (director_of)
    end = hi;
  for (size_t i = lo; !st && (i = next_title_start(x, i, end, director_of)) < end; i++) {
    size_t qs, qe, te;
    if (director_of && at(t, i, hi, "director of ") && (i == lo || t[i - 1] == ' ')) {
      size_t p = i + 12;
      if (!quoted_title_at(t, p, hi, &qs, &qe))
        continue;
      /* the sentence's first person */
      size_t sb = i;
      while (sb > lo && !(t[sb - 1] == '.' && sb >= lo + 2 && t[sb] == ' ')) sb--;
      RkSpan *spans;
      size_t  n;
      if ((st = rk_names_in(x, sb, i, &spans, &n)))
        break;
      for (size_t k = 0; k < n; k++) {
        char *who = person_from(x, &spans[k], 1);
        if (who) {
          st = title_list(x, p, hi, who, spans[k].s);
          free(who);
          break;
        }
      }
      free(spans);
      continue;
    }
    if ((t[i] == '"' || t[i] == '\xe2') && quoted_title_at(t, i, hi, &qs, &qe)) {
      te = qe;
      while (te < hi && !(t[te] == ' ')) te++;  /* past the closing quote */
    } else if (rk_isupper((unsigned char)t[i]) && rk_isupper((unsigned char)t[i + 1]) && (i == lo || t[i - 1] == ' ')) {
      qs = i;
      qe = i;
      while (qe < hi && (rk_isupper((unsigned char)t[qe]) || t[qe] == ' ' || rk_isdigit((unsigned char)t[qe]))) qe++;
      while (qe > qs && t[qe - 1] == ' ') qe--;
      te = qe;
      if (qe - qs < 4)
        continue;
    } else {
      continue;
    }
    if (!at(t, te, hi, " by ")) {
      i = te;
      continue;
    }
    /* "based on "X" by Y" is the source work, not a film */
    size_t b = qs;
    while (b > lo && (t[b - 1] == ' ' || (unsigned char)t[b - 1] >= 0x80 || t[b - 1] == '"')) b--;
    if (b >= lo + 8 && (!strncasecmp(t + b - 8, "based on", 8) || !strncasecmp(t + b - 5, "novel", 5) ||
                        !strncasecmp(t + b - 4, "book", 4) || !strncasecmp(t + b - 5, "story", 5)))
      continue;
    RkSpan who;
    if (!rk_name_at(x, te + 4, hi, &who))
      continue;
    char *name = person_from(x, &who, 1), *title = rk_strndup(t + qs, qe - qs);
    if (name && title) {
      /* "SEVEN SAMURAI" -> "Seven Samurai" */
      int caps = 1;
      for (char *c = title; *c; c++) if (rk_islower((unsigned char)*c)) caps = 0;
      for (char *c = title + 1; caps && *c; c++)
        if (c[-1] != ' ') *c = (char)tolower((unsigned char)*c);
      st = other_film(x, title, name, qs, who.e, "title-by-director");
    }
    free(name);
    free(title);
    i = who.e;
  }
  return st;
}

/* "Charlize Theron's villainous Cipher": one lower-case adjective between
 * a performer's possessive and the character.  Returns where the name
 * after it starts, or @p p unchanged. */
static size_t
one_adjective(const RkEx *x, size_t p, size_t hi)
{
  const char *t = x->text;
  size_t      w = p;

  while (w < hi && (rk_islower((unsigned char)t[w]) || t[w] == '-')) w++;
  if (w == p || w + 1 >= hi || t[w] != ' ' || !rk_isupper((unsigned char)t[w + 1]) ||
      rk_is_function_word(t + p, w - p) || rk_is_common_word(x, t + p, w - p) == 0)
    return p;
  return w + 1;
}

/* "Steven Soderbergh's Oceans 11 films": a name followed (after a number)
 * by a film noun is a title, not a character the person plays. */
static int
names_films(const char *t, size_t e, size_t hi)
{
  while (e < hi && (t[e] == ' ' || rk_isdigit((unsigned char)t[e]))) e++;
  return noun_after(t, e, hi, 1, 0, film_nouns, NULL) >= 0;
}

/* "the best Alfred Hitchcock movie": can a name end right before " film "
 * or " movie " on the line?  The last word of a name holds a capital. */
static int
name_before_film_noun(const RkEx *x, size_t lo, size_t hi)
{
  static const char *const nouns[] = { " film ", " movie ", NULL };

  for (const char *const *n = nouns; *n; n++)
    for (size_t e = lo, k = strlen(*n); (e = next_phrase(x, e, hi, *n, k)) < hi; e++)
      for (size_t b = e; b > lo && x->text[b - 1] != ' '; b--) {
        unsigned char c = (unsigned char)x->text[b - 1];
        if ((c >= 'A' && c <= 'Z') || c >= 0xC0)
          return 1;
      }
  return 0;
}

/* "X's "Title"" or "X's film, "Title"": X directed the quoted film, the
 * reviewed one or another.  The title is [qs, qe) of the text. */
static RkStatus
possessed_film(RkEx *x, const char *name, size_t s, size_t qs, size_t qe)
{
  char    *title = rk_strndup(x->text + qs, qe - qs);
  RkStatus st;

  if (!title)
    return RK_ERR_NOMEM;
  if (rk_ex_is_title(x, title, strlen(title)))
    st = rk_ex_pending(x, name, NULL, RK_ROLE_DIRECTOR, s, qe, 0.8f, "director's-title");
  else
    st = other_film(x, title, name, s, qe, "director's-other-film");
  free(title);
  return st;
}

/* Directors: "director X", "X's film", "X's "Other Film"", "the X movie".
 * @p cue_words: the line holds a director word (RK_CUE_DIRECTOR_WORD); without
 * one no cue word stands before or in a name. */
static RkStatus
directors(RkEx *x, size_t lo, size_t hi, RkZoneKind zone, int cue_words)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;
  RkSpan     *spans;
  size_t      n;
  char       *topic = NULL;  /* line_topic, asked when a cue needs it */
  int         topic_asked = 0;

  if ((st = rk_names_in(x, lo, hi, &spans, &n)))
    return st;
  for (size_t k = 0; k < n && !st; k++) {
    RkSpan sp = spans[k];
    size_t e  = sp.e, poss;
    int    cue = 0;
    /* "Director Jacques Audiard": the cue word is inside the span */
    static const char *const inner[] = { "Director ", "Filmmaker ", "Writer-director ", "Writer-Director ",
                                         "Writer/director ", "Helmer ", "Co-director ", NULL };
    for (const char *const *c = inner; cue_words && *c && strchr("DFWHC", t[sp.s]); c++)
      if (!strncmp(t + sp.s, *c, strlen(*c)) && sp.ntok >= 2) {
        sp.s += strlen(*c);
        sp.ntok--;
        cue = !strncasecmp(*c, "writer", 6) ? 2 : 1;
      }
    if (!cue && cue_words) {
      static const char *const writer_director[] = { "writer-director", "writer/director",
                                                     "writer and director", NULL };
      if (role_cue_before(t, lo, sp.s, writer_director)) cue = 2;
      else if (role_cue_before(t, lo, sp.s, director_cues) || directed_by_phrase_before(t, lo, sp.s)) cue = 1;
    }
    if (!cue && sp.ntok >= 2 && (at(t, e, hi, " movie ") || at(t, e, hi, " film ")) && !possessive_at(t, e, hi))
      cue = 1;  /* "the best Alfred Hitchcock movie" */
    if (!cue && cue_words && sp.ntok >= 2 && (at(t, e, hi, " directing ") || at(t, e, hi, " directs ")))
      cue = 1;  /* "the result of Imogen Farraday directing a script" */
    poss = possessive_at(t, e, hi);
    if (!poss && !cue)
      continue;  /* nothing below applies: skip judging the name */
    char *name = person_from(x, &sp, 0);
    if (!name)
      continue;
    /* X's "Other Film" / X's Title */
    if (poss) {
      size_t p = e + poss, qs, qe, list_at;
      while (p < hi && t[p] == ' ') p++;
      /* up to three modifiers first: "1945 classic", "early short" */
      size_t m = p;
      for (int words = 0; words < 3 && m < hi && (rk_islower((unsigned char)t[m]) || rk_isdigit((unsigned char)t[m])); words++) {
        while (m < hi && (rk_isalnum((unsigned char)t[m]) || t[m] == '-')) m++;
        while (m < hi && t[m] == ' ') m++;
        if (quoted_title_at(t, m, hi, &qs, &qe)) {
          p = m;
          break;
        }
      }
      if (quoted_title_at(t, p, hi, &qs, &qe)) {
        st = possessed_film(x, name, sp.s, qs, qe);
        free(name);
        continue;
      }
      if (rk_ex_is_title(x, t + p, 0)) {
        st = rk_ex_pending(x, name, NULL, RK_ROLE_DIRECTOR, sp.s, p, 0.8f, "director's-title");
        free(name);
        continue;
      }
      int noun = film_noun_after(t, p, hi, &list_at);
      if (noun && (rk_ex_is_character(x, name) ||
                   (sp.ntok < 2 && rk_ex_lookup(x, name, 0) == RK_NONE)))
        noun = 0;
      if (noun && noun_is_modifier(t, list_at, hi))
        noun = 0;  /* "Kenny Loggins' classic song": the word qualified a song */
      /* "John Ford's perfect western film, "The Man Who Shot Liberty
       * Valance"": a quoted title in apposition names the film, which may
       * be another one than the reviewed film */
      if (noun == 1) {
        size_t q = list_at, after_second;
        if (noun_after(t, q, hi, 1, 0, film_nouns, &after_second) >= 0)
          q = after_second;  /* "western film" */
        size_t noun_end = q;
        while (q < hi && (t[q] == ' ' || t[q] == ',')) q++;
        if (q > noun_end && quoted_title_at(t, q, hi, &qs, &qe)) {
          st = possessed_film(x, name, sp.s, qs, qe);
          free(name);
          continue;
        }
      }
      if (noun == 1 && zone != RK_ZONE_CAPTION) {
        st = rk_ex_pending(x, name, NULL, RK_ROLE_DIRECTOR, sp.s, p, cue ? 0.85f : 0.7f, "director's-film");
        /* "X and Y's documentary": both */
        RkSpan other;
        if (!st && sp.s >= lo + 5 && !strncmp(t + sp.s - 5, " and ", 5) &&
            rk_name_before(x, lo, sp.s - 5, &other)) {
          char *n2 = person_from(x, &other, 0);
          if (n2)
            st = rk_ex_pending(x, n2, NULL, RK_ROLE_DIRECTOR, other.s, p, 0.7f, "directors'-film");
          free(n2);
        }
        free(name);
        continue;
      }
      if (noun == 2) {
        st = title_list(x, list_at, hi, name, sp.s);
        free(name);
        continue;
      }
      /* "Marion Cotillard's Stephanie": a known performer's character */
      RkSpan chs;
      size_t fl;
      int known = rk_ex_lookup(x, name, RK_ROLE_ACTOR) != RK_NONE;
      int shaped = sp.ntok >= 2 && rk_lexicon_is_given_name(x->lex, name, (fl = strcspn(name, " "))) &&
                   rk_ex_lookup(x, name, 0) == RK_NONE;
      p = one_adjective(x, p, hi);  /* "Charlize Theron's villainous Cipher" */
      if (rk_name_at(x, p, hi, &chs) && (known || (shaped && chs.ntok == 1 && cue == 0)) &&
          !names_films(t, chs.e, hi)) {
        char *c = rk_clean_character(x, t + chs.s, chs.e - chs.s);
        if (c && rk_name_tokens(c) <= 3 && !rk_ex_is_title(x, c, strlen(c)) &&
            rk_ex_lookup(x, c, 0) == RK_NONE)
          st = rk_ex_pending(x, name, c, RK_ROLE_ACTOR, sp.s, chs.e, 0.75f, "actor's-character");
        free(c);
        free(name);
        continue;
      }
    }
    if (cue) {
      unsigned roles = RK_ROLE_DIRECTOR | (cue == 2 ? RK_ROLE_WRITER : 0);
      size_t p = e, qs, qe;
      /* "It recalls Unanimous Granulate, directed by X": the title before
       * ", directed by" is the film X directed */
      char *before_title = appositive_title(x, lo, sp.s);
      if (before_title) {
        st = other_film(x, before_title, name, sp.s, sp.e, "title,-directed-by");
        free(before_title);
        free(name);
        continue;
      }
      if (!topic_asked) {
        topic       = line_topic(x, lo, hi);
        topic_asked = 1;
      }
      if (topic) {
        st = other_film(x, topic, name, sp.s, sp.e, "director-of-line-topic");
        free(name);
        continue;
      }
      while (p < hi && (t[p] == ',' || t[p] == ' ')) p++;
      if (p > e && t[e] == ',' && quoted_title_at(t, p, hi, &qs, &qe) && !rk_ex_is_title(x, t + qs, qe - qs)) {
        /* "director Noah Baumbach, "Mistress America" and "Frances Ha"":
         * the titles say whose films these are; this one is not his */
        st = title_list(x, p, hi, name, sp.s);
        free(name);
        continue;
      }
      st = rk_ex_pending(x, name, NULL, roles, sp.s, sp.e, 0.8f, "director-cue");
      /* "Codirected by Stanley Donen with Gene Kelly" */
      if (!st && e + 6 < hi && !strncmp(t + e, " with ", 6)) {
        RkSpan co;
        if (rk_name_at(x, e + 6, hi, &co)) {
          char *n2 = person_from(x, &co, 1);
          if (n2)
            st = rk_ex_pending(x, n2, NULL, RK_ROLE_DIRECTOR, co.s, co.e, 0.75f, "co-director-with");
          free(n2);
        }
      }
    }
    free(name);
  }
  free(spans);
  free(topic);
  return st;
}

/* Does ", the " stand in [lo, hi): can an appositive open there? */
static int
appositive_opens(const char *t, size_t lo, size_t hi)
{
  const char *c;

  for (size_t p = lo; p < hi && (c = memchr(t + p, ',', hi - p)); p = (size_t)(c - t) + 1)
    if (at(t, (size_t)(c - t), hi, ", the "))
      return 1;
  return 0;
}

/* "Bong Joon-ho, the South Korean writer-director who brought us Okja":
 * an appositive after a full name, "the" and a few modifiers (adjectives,
 * nationalities) before a director noun, says the name is the director.
 * "X, the director of Other Film" names another film's director: only
 * this film's title may follow "of". */
static RkStatus
director_appositive(RkEx *x, size_t lo, size_t hi)
{
  static const struct { const char *noun; unsigned roles; } nouns[] = {
    { "writer-director", RK_ROLE_DIRECTOR | RK_ROLE_WRITER }, { "writer/director", RK_ROLE_DIRECTOR | RK_ROLE_WRITER },
    { "director", RK_ROLE_DIRECTOR }, { "filmmaker", RK_ROLE_DIRECTOR }, { "film-maker", RK_ROLE_DIRECTOR },
    { "auteur", RK_ROLE_DIRECTOR }, { "helmer", RK_ROLE_DIRECTOR }, { NULL, 0 }
  };
  const char *t = x->text;
  RkSpan     *spans;
  size_t      n;
  RkStatus    st;

  if (!appositive_opens(t, lo, hi))
    return RK_OK;  /* no names to find */
  if ((st = rk_names_in(x, lo, hi, &spans, &n)))
    return st;
  for (size_t k = 0; k < n && !st; k++) {
    RkSpan   sp = spans[k];
    size_t   p = sp.e + 6;
    unsigned roles = 0;
    if (!at(t, sp.e, hi, ", the ") || inside_parens(t, lo, sp.s))
      continue;
    for (int words = 0; words < 5 && p < hi && !roles; words++) {
      for (int c = 0; nouns[c].noun && !roles; c++)
        if (at(t, p, hi, nouns[c].noun) && is_word_end(t, p + strlen(nouns[c].noun), hi)) {
          p += strlen(nouns[c].noun);
          roles = nouns[c].roles;
        }
      if (roles)
        break;
      size_t w = p;
      while (w < hi && (rk_isalpha((unsigned char)t[w]) || t[w] == '-')) w++;
      if (w == p || w >= hi || t[w] != ' ' || rk_is_function_word(t + p, w - p) ||
          (rk_isupper((unsigned char)t[p]) && !rk_is_demonym(x, t + p, w - p) &&
           !at(t, p, hi, "North ") && !at(t, p, hi, "South ") && !at(t, p, hi, "East ") && !at(t, p, hi, "West ")))
        break;  /* a modifier is lower-case or a nationality */
      p = w + 1;
    }
    if (!roles || (at(t, p, hi, " of ") && !rk_ex_is_title(x, t + p + 4, 0)))
      continue;
    char *name = person_from(x, &sp, 1);
    if (name)
      st = rk_ex_pending(x, name, NULL, roles, sp.s, p, 0.75f, "name,-the-director");
    free(name);
  }
  free(spans);
  return st;
}

/* "the new film by X", "a delightful debut feature by a Saudi woman named
 * X": a film of this review's by a person is directed by them. */
static RkStatus
film_by(RkEx *x, size_t lo, size_t hi)
{
  /* none ends another, so at most one stands before a " by " */
  static const char *const nouns[] = { "film", "movie", "feature", "documentary", "debut", "picture", NULL };
  const char *t = x->text;
  RkStatus    st = RK_OK;

  /* every cue is a noun and " by ": look from each " by " back */
  for (size_t by = lo; !st && (by = next_phrase(x, by, hi, " by ", 4)) < hi; by++) {
    size_t i = by;  /* where the noun starts */
    for (const char *const *nn = nouns; *nn && i == by; nn++) {
      size_t k = strlen(*nn);
      if (by >= lo + k && !memcmp(x->lower + by - k, *nn, k))
        i = by - k;
    }
    if (i == by || (i > lo && rk_isalpha((unsigned char)t[i - 1])))
      continue;  /* the nouns start words */
    size_t q = by + 4;
    /* "by a Saudi woman named X", "by first-time director X": the
     * description may hold capitalised words ("Saudi") */
    size_t m = q;
    for (int w = 0; w < 5 && m < hi; w++) {
      while (m < hi && t[m] != ' ') m++;
      while (m < hi && t[m] == ' ') m++;
      if (m >= q + 6 && (!strncmp(t + m - 6, "named ", 6) || !strncmp(t + m - 9, "director ", 9)))
        { q = m; break; }
    }
    RkSpan who;
    if (!rk_name_at(x, q, hi, &who) || who.ntok < 2)
      continue;
    /* a title just before makes it another film: "“Crossroads,” a film by X" */
    size_t b = i;
    while (b > lo && t[b - 1] == ' ') b--;
    if (b > lo && (t[b - 1] == ',' || (unsigned char)t[b - 1] >= 0x80 || t[b - 1] == '"'))
      continue;
    char *name = person_from(x, &who, 1);
    if (name)
      st = rk_ex_pending(x, name, NULL, RK_ROLE_DIRECTOR, who.s, who.e, 0.7f, "film-by");
    free(name);
  }
  return st;
}

/* "co-writer X", "writers X and Y", "screenplay by X", "composer X",
 * "X's score", "cinematographer X", "X's cinematography". */
/* @p words: the line holds a crew cue word (RK_CUE_CREW); without one only
 * the nouns after a possessive can apply. */
static RkStatus
crew(RkEx *x, size_t lo, size_t hi, int words)
{
  static const struct { const char *cue; unsigned role; } before[] = {
    { "co-writer", RK_ROLE_WRITER }, { "co-writers", RK_ROLE_WRITER }, { "writers", RK_ROLE_WRITER },
    { "screenwriter", RK_ROLE_WRITER }, { "screenplay by", RK_ROLE_WRITER }, { "written by", RK_ROLE_WRITER },
    { "composer", RK_ROLE_COMPOSER }, { "score by", RK_ROLE_COMPOSER }, { "music by", RK_ROLE_COMPOSER },
    { "cinematographer", RK_ROLE_CINEMATOGRAPHER }, { "director of photography", RK_ROLE_CINEMATOGRAPHER },
    { "cinematography by", RK_ROLE_CINEMATOGRAPHER }, { "photographed by", RK_ROLE_CINEMATOGRAPHER },
    { "story by", RK_ROLE_WRITER }, { "script by", RK_ROLE_WRITER }, { "screenplay from", RK_ROLE_WRITER },
    { "co-written with", RK_ROLE_WRITER }, { "written with", RK_ROLE_WRITER }, { "co-writer", RK_ROLE_WRITER },
    { "editor", RK_ROLE_EDITOR }, { NULL, 0 }
  };
  static const struct { const char *noun; unsigned role; } after[] = {
    { "score", RK_ROLE_COMPOSER }, { "music", RK_ROLE_COMPOSER }, { "soundtrack", RK_ROLE_COMPOSER },
    { "cinematography", RK_ROLE_CINEMATOGRAPHER }, { "camerawork", RK_ROLE_CINEMATOGRAPHER },
    { "camera work", RK_ROLE_CINEMATOGRAPHER }, { "screenplay", RK_ROLE_WRITER }, { "script", RK_ROLE_WRITER },
    { NULL, 0 }
  };
  const char *t = x->text;
  RkSpan     *spans;
  size_t      n;
  RkStatus    st;

  if ((st = rk_names_in(x, lo, hi, &spans, &n)))
    return st;
  for (size_t k = 0; k < n && !st; k++) {
    RkSpan   sp = spans[k];
    unsigned role = 0;
    size_t   ce = cue_end_before(t, lo, sp.s);
    for (int c = 0; words && before[c].cue && !role; c++) {
      if (ce > lo && cue_ends_at(t, lo, ce, before[c].cue))
        role = before[c].role;
      /* "Cinematographer Hidetoshi Shinomiya" at a sentence start */
      /* the text is NUL-terminated: rk_at unbounded reads as strncasecmp */
      size_t cl;
      if (!role && rk_at(t, sp.s, SIZE_MAX, before[c].cue) && t[sp.s + (cl = strlen(before[c].cue))] == ' ' &&
          sp.ntok >= 3 && sp.s + cl + 1 < sp.e) {  /* a name must remain: "DIRECTOR OF PHOTOGRAPHY" is all cue */
        sp.s += cl + 1;
        role = before[c].role;
      }
    }
    size_t poss = possessive_at(t, sp.e, hi);
    if (!role && poss) {
      size_t p = sp.e + poss;
      for (int w = 0; w < 4 && p < hi && !role; w++) {
        while (p < hi && t[p] == ' ') p++;
        for (int c = 0; after[c].noun; c++)
          if (at(t, p, hi, after[c].noun) && is_word_end(t, p + strlen(after[c].noun), hi))
            role = after[c].role;
        while (p < hi && rk_islower((unsigned char)t[p])) p++;
      }
    }
    if (!role || role == RK_ROLE_EDITOR)
      continue;  /* "editor" in prose is as often a newspaper's: credits only */
    /* "based on a short story by X": the author of the source, no writer of the film */
    if (ce >= lo + 14 && !strncasecmp(t + ce - 14, "short story by", 14))
      continue;
    char *name = person_from(x, &sp, 0);
    if (name)
      st = rk_ex_pending(x, name, NULL, role, sp.s, sp.e, 0.75f, "crew-cue");
    free(name);
    /* "writers Simon Farnaby and Jon Croker" */
    if (!st && k + 1 < n && spans[k + 1].s == sp.e + 5 && !strncmp(t + sp.e, " and ", 5)) {
      char *n2 = person_from(x, &spans[k + 1], 0);
      if (n2)
        st = rk_ex_pending(x, n2, NULL, role, spans[k + 1].s, spans[k + 1].e, 0.7f, "crew-cue");
      free(n2);
      k++;
    }
  }
  free(spans);
  return st;
}

/* "based on "T" by X", "the collection Men Without Women by Haruki Murakami" */
static RkStatus
source_work_prose(RkEx *x, size_t lo, size_t hi)
{
  static const char *const works[] = { "based on ", "collection ", "novel ", "short story ", "book ",
                                       "memoir ", "play ", "graphic novel ", NULL };
  const char *t = x->text;
  unsigned char first[256];

  if (x->r->based_on)
    return RK_OK;
  rk_first_bytes(works, first);
  for (size_t i = lo; i < hi; i++) {
    if ((i > lo && rk_isalpha((unsigned char)t[i - 1])) || !first[(unsigned char)t[i] | 0x20])
      continue;  /* cues start words */
    for (const char *const *w = works; *w; w++) {
      if (!at(t, i, hi, *w))
        continue;
      size_t p = i + strlen(*w), qs, qe, te;
      if (!strcmp(*w, "based on ")) {
        while (at(t, p, hi, "the ") || at(t, p, hi, "a ")) p += at(t, p, hi, "the ") ? 4 : 2;
        for (const char *const *w2 = works + 1; *w2; w2++)
          if (at(t, p, hi, *w2)) p += strlen(*w2);
      }
      if (quoted_title_at(t, p, hi, &qs, &qe)) {
        te = qe + 1;
        while (te < hi && !(t[te] == ' ')) te++;
      } else {
        if (p >= hi || !rk_isupper((unsigned char)t[p]))
          continue;
        qs = p;
        te = p;
        while (te < hi && !at(t, te, hi, " by ") && !strchr(",.;(", t[te])) te++;
        qe = te;
      }
      if (!at(t, te, hi, " by "))
        continue;
      RkSpan who;
      if (!rk_name_at(x, te + 4, hi, &who))
        continue;
      char *author = person_from(x, &who, 1), *title = rk_strndup(t + qs, qe - qs);
      RkStatus st = RK_OK;
      if (author && title) {
        size_t idx;
        if (!(x->r->based_on = rk_strdup(title)))
          st = RK_ERR_NOMEM;
        else if (!(st = rk_ex_person(x, author, RK_ROLE_SOURCE_AUTHOR, who.s, who.e, 0.75f,
                                     "based-on-by", &idx)))
          x->r->based_on_author = idx;
      }
      free(author);
      free(title);
      return st;
    }
  }
  return RK_OK;
}

/* "Genre: Comedy Director: Greta Gerwig Quick Summary: Barbie suffers a
 * crisis ... Ryan Gosling is phenomenal as Ken. ...": a page that runs its
 * credit labels and its review together on one line.  Long, with three
 * sentences or more of six words and no label, such a line is prose as
 * well as credits ("1982-U.S. 108 min. Color. Story: X." is not). */
static int
prose_after_labels(const char *t, size_t lo, size_t hi)
{
  int prose = 0;  /* sentences of six words or more without a label's colon */

  if (hi - lo < 300)
    return 0;
  for (size_t s = lo; s < hi && prose < 3;) {
    const char *dot = memchr(t + s, '.', hi - s);
    size_t      e = dot ? (size_t)(dot - t) : hi;
    int         words = 1, colon = 0;
    for (size_t k = s; k < e; k++) {
      words += t[k] == ' ';
      colon |= t[k] == ':';
    }
    prose += words >= 7 && !colon;
    s = e + 1;
  }
  return prose >= 3;
}

static int
zone_has_facts(RkZoneKind k)
{
  switch (k) {
  case RK_ZONE_BODY: case RK_ZONE_CAPTION: case RK_ZONE_HEADLINE: case RK_ZONE_CREDITS:
    return 1;
  case RK_ZONE_BYLINE: case RK_ZONE_FRONTMATTER: case RK_ZONE_FURNITURE: case RK_ZONE_SIDEBAR:
  case RK_ZONE_COMMENTS: case RK_ZONE_QUOTE: case RK_ZONE_BLANK:
    return 0;
  }
  return 0;
}

/* The end of the wrapped paragraph line @p i starts: the following lines
 * of the same zone with no blank line between, three at most. */
static size_t
paragraph_end(const RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  size_t         j = i;

  while (j + 1 < z->n && j < i + 3 && z->lines[j + 1].kind == z->lines[i].kind &&
         z->lines[j + 1].start == z->lines[j].end + 1 && z->lines[j + 1].end > z->lines[j + 1].start &&
         !x->credit_line[j + 1])
    j++;
  return z->lines[j].end;
}

RkStatus
rk_extract_prose(RkEx *x)
{
  const RkZones *z  = x->zones;
  RkStatus       st = RK_OK;

  /* pass 1: who performs whom; pass 2 asks "is X a known performer?".
   * Each rule runs only on lines that hold one of its cue phrases. */
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    if (!zone_has_facts(l->kind))
      continue;
    if ((l->kind == RK_ZONE_CREDITS || x->credit_line[i]) && !prose_after_labels(x->text, l->start, l->end))
      continue;  /* credits.c read these lines whole */
    if (rk_line_cues(x, i, RK_CUE_PAREN) && (st = parentheses(x, l->start, l->end, l->kind)))
      break;
    if (rk_line_cues(x, i, RK_CUE_AS | RK_CUE_PLAYS) && (st = as_and_plays(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_IN_VERDICT) && l->kind == RK_ZONE_BODY && (st = verdict_in(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_AS) && (st = verdict_as(x, l->start, l->end)))
      break;
    if ((l->kind == RK_ZONE_CAPTION || rk_line_cues(x, i, RK_CUE_PERFORMER)) &&
        (st = performer_cues(x, l->start, l->end, l->kind)))
      break;
    if (rk_line_cues(x, i, RK_CUE_PERFORMANCES) &&
        (st = described_performer_list(x, l->start, l->end, paragraph_end(x, i))))
      break;
    if (rk_line_cues(x, i, RK_CUE_PLAYED_BY) && (st = played_by(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_CHARACTER_PLAYED) && (st = character_played_by(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_OWN_CHARACTER) && (st = own_character_named(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_PLAYED_ANY) && (st = played_by_aside(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_PLAYED_BY))
      st = played_by_plain(x, l->start, l->end);
  }
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    if (!zone_has_facts(l->kind) || l->kind == RK_ZONE_CREDITS || x->credit_line[i])
      continue;
    int words = rk_line_cues(x, i, RK_CUE_DIRECTOR_WORD);
    if ((words || rk_line_cues(x, i, RK_CUE_APOSTROPHE) ||
         (rk_line_cues(x, i, RK_CUE_DIRECTOR) && name_before_film_noun(x, l->start, l->end))) &&
        (st = directors(x, l->start, l->end, l->kind, words)))
      break;
    if (rk_line_cues(x, i, RK_CUE_CREW | RK_CUE_APOSTROPHE) &&
        (st = crew(x, l->start, l->end, rk_line_cues(x, i, RK_CUE_CREW))))
      break;
    if (rk_line_cues(x, i, RK_CUE_ROLE_OF) && (st = role_of(x, l->start, l->end)))
      break;
    /* each of director_appositive's nouns holds a director word */
    if (words && (st = director_appositive(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_BY) && (st = film_by(x, l->start, l->end)))
      break;
    if (rk_line_cues(x, i, RK_CUE_BY | RK_CUE_DIRECTOR_OF) &&
        (st = titles_by(x, l->start, l->end, rk_line_cues(x, i, RK_CUE_DIRECTOR_OF))))
      break;
    if (rk_line_cues(x, i, RK_CUE_BY) && rk_line_cues(x, i, RK_CUE_SOURCE_WORK))
      st = source_work_prose(x, l->start, l->end);
  }
  return st;
}
