/* extract.c - stage 3: drives extraction of one zoned document.
 *
 * Chooses the reviewed film's title, reads credits (credits.c) and prose
 * (prose.c), finds the critic and the publication from bylines, mastheads
 * and the page's own furniture, then merges the mentions of each person
 * (within-review coreference) into the RkReview it returns.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_impl.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

RkStatus rk_parse_rating(RkEx *x, size_t s, size_t e);

#define PENDING_MATCH (RK_NONE - 1)  /* rk_ex_lookup: known only from pending facts */

/* ------------------------------------------------------------ helpers */

RkEvidence
rk_ex_evidence(const RkEx *x, size_t s, size_t e, float conf, const char *rule)
{
  RkEvidence ev;

  RkCharMark *m = x->char_mark;

  /* count on from the last offset asked when this one is later (the
   * rules ask in roughly document order), back from it when this one is
   * nearer to it than to the start */
  if (m && s >= m->byte) {
    m->chars += rk_utf8_count(x->text + m->byte, s - m->byte);
    m->byte = s;
    ev.begin = m->chars;
  } else if (m && m->byte - s < s) {
    ev.begin = m->chars - rk_utf8_count(x->text + s, m->byte - s);
  } else {
    ev.begin = rk_utf8_count(x->text, s);
  }
  ev.end   = ev.begin + rk_utf8_count(x->text + s, e > s ? e - s : 0);
  ev.conf  = conf;
  ev.rule  = rule;
  return ev;
}

/* rk_fold_equal on two whole strings: it stops at their NULs. */
static int
folded_equal(const char *a, const char *b)
{
  return rk_fold_equal(a, SIZE_MAX, b, SIZE_MAX);
}

int
rk_ex_is_title(const RkEx *x, const char *s, size_t n)
{
  for (size_t i = 0; i < x->r->titles.n; i++) {
    const char *title = x->r->titles.items[i];
    size_t      k = strlen(title);
    if (n == 0) {
      /* does a title start at s? */
      if (!strncasecmp(s, title, k) && !rk_isalnum((unsigned char)s[k]))
        return 1;
      continue;
    }
    if (rk_fold_equal(s, n, title, k))
      return 1;
  }
  return 0;
}

/* Does the single word @p w name one of @p name's tokens (first or last,
 * as rk_name_first and rk_name_last split them)? */
static int
token_matches(const char *name, const char *w)
{
  const char *sp = strrchr(name, ' ');

  if (rk_fold_equal(sp ? sp + 1 : name, SIZE_MAX, w, SIZE_MAX))
    return 1;
  return rk_fold_equal(name, strcspn(name, " "), w, SIZE_MAX);
}

/* Is @p part the last words of @p name ("De Niro" of "Robert De Niro")? */
static int
name_tail(const char *name, const char *part)
{
  char *fn = rk_fold(name), *fp = rk_fold(part);
  int   tail = 0;

  if (fn && fp && *fp) {
    size_t ln = strlen(fn), lp = strlen(fp);
    tail = lp < ln && !strcmp(fn + ln - lp, fp) && fn[ln - lp - 1] == ' ';
  }
  free(fn);
  free(fp);
  return tail;
}

size_t
rk_ex_lookup(const RkEx *x, const char *name, unsigned roles)
{
  const RkReview *r = x->r;
  int             ntok = rk_name_tokens(name), single = ntok == 1;
  size_t          hit = RK_NONE, hits = 0;

  for (size_t i = 0; i < r->n_people; i++) {
    const RkPerson *p = &r->people[i];
    if (roles && !(p->roles & roles))
      continue;
    if (folded_equal(p->name, name))
      return i;
    for (size_t j = 0; j < p->aliases.n; j++)
      if (folded_equal(p->aliases.items[j], name))
        return i;
    /* (the token count after the cheaper test that usually fails) */
    if (single && token_matches(p->name, name) && rk_name_tokens(p->name) > 1) {
      hit = i;
      hits++;
    } else if (!single && rk_name_tokens(p->name) > ntok && name_tail(p->name, name)) {
      hit = i;
      hits++;
    }
  }
  if (hits == 1)
    return hit;
  for (size_t i = 0; i < x->n_pend; i++) {
    const RkPending *p = &x->pend[i];
    if (roles && !(p->roles & roles))
      continue;
    if (folded_equal(p->name, name) || (single && token_matches(p->name, name) && rk_name_tokens(p->name) > 1))
      return PENDING_MATCH;
  }
  return RK_NONE;
}

/* A language as its BCP 47 tag when the name is known ("French" -> "fr"). */
RkStatus
rk_ex_language(RkEx *x, const char *name, size_t n)
{
  const char *tag = rk_lexicon_language_tag(x->lex, name, n);
  char       *v   = tag ? rk_strdup(tag) : rk_strndup(name, n);
  RkStatus    st  = v ? rk_strlist_add_unique(&x->r->languages, v) : RK_ERR_NOMEM;

  free(v);
  return st;
}

RkStatus
rk_ex_country(RkEx *x, const char *name, size_t n)
{
  const char *code = rk_lexicon_country_code(x->lex, name, n);
  char       *v    = rk_strndup(name, n);
  RkStatus    st   = RK_OK;

  if (!v)
    return RK_ERR_NOMEM;
  /* the same country written twice ("USA", "U.S.") is one */
  for (size_t i = 0; code && i < x->r->country_codes.n; i++)
    if (!strcmp(x->r->country_codes.items[i], code)) {
      free(v);
      return RK_OK;
    }
  if (rk_strlist_find(&x->r->countries, v) < 0 &&
      !(st = rk_strlist_add(&x->r->countries, v)))
    st = rk_strlist_add(&x->r->country_codes, code ? code : "");
  free(v);
  return st;
}

/* "Spanish with English subtitles", "Arabic with subtitles": the film's
 * language is the one before "with". */
static RkStatus
subtitle_languages(RkEx *x)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = 0; i < x->zones->n && !st; i++) {
    const RkLine *l = &x->zones->lines[i];
    if (l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_SIDEBAR || l->kind == RK_ZONE_FURNITURE ||
        !rk_line_cues(x, i, RK_CUE_SUBTITLE))
      continue;
    for (size_t p = l->start; p + 6 < l->end && !st; p++) {
      if (t[p] != ' ' || strncmp(t + p, " with ", 6))
        continue;
      size_t q = p + 6, w = q;
      while (w < l->end && rk_isalpha((unsigned char)t[w])) w++;
      if (rk_lexicon_language_tag(x->lex, t + q, w - q)) {  /* "with English subtitles" */
        q = w + 1;
        w = q;
        while (w < l->end && rk_isalpha((unsigned char)t[w])) w++;
      }
      if (!(w - q >= 8 && !strncmp(t + q, "subtitle", 8)))
        continue;
      size_t b = p;
      while (b > l->start && rk_isalpha((unsigned char)t[b - 1])) b--;
      if (b < p && rk_isupper((unsigned char)t[b]) && rk_lexicon_language_tag(x->lex, t + b, p - b))
        st = rk_ex_language(x, t + b, p - b);
    }
  }
  return st;
}

int
rk_ex_is_character(const RkEx *x, const char *name)
{
  for (size_t i = 0; i < x->r->n_plays; i++)
    if (folded_equal(x->r->plays[i].character, name) || token_matches(x->r->plays[i].character, name))
      return 1;
  for (size_t i = 0; i < x->n_pend; i++)
    if (x->pend[i].character &&
        (folded_equal(x->pend[i].character, name) || token_matches(x->pend[i].character, name)))
      return 1;
  return 0;
}

RkStatus
rk_ex_person(RkEx *x, const char *name, unsigned roles, size_t s, size_t e,
             float conf, const char *rule, size_t *idx)
{
  RkEvidence ev = rk_ex_evidence(x, s, e, conf, rule);

  return rk_review_add_person(x->r, name, roles, &ev, idx);
}

RkStatus
rk_ex_pending(RkEx *x, const char *name, const char *character, unsigned roles,
              size_t s, size_t e, float conf, const char *rule)
{
  RkPending *p;

  if (x->n_pend == x->cap_pend) {
    size_t     cap = x->cap_pend ? x->cap_pend * 2 : 16;
    RkPending *np  = rk_realloc(x->pend, cap * sizeof *np);
    if (!np)
      return RK_ERR_NOMEM;
    x->pend     = np;
    x->cap_pend = cap;
  }
  p = &x->pend[x->n_pend];
  memset(p, 0, sizeof *p);
  if (!(p->name = rk_strdup(name)) || (character && !(p->character = rk_strdup(character)))) {
    free(p->name);
    return RK_ERR_NOMEM;
  }
  p->roles = roles;
  p->ev    = rk_ex_evidence(x, s, e, conf, rule);
  x->n_pend++;
  return RK_OK;
}

/* ------------------------------------------------------------ lines */

typedef struct { const char *s; size_t n; } Str;
#define STR(lit) { lit, sizeof lit - 1 }  /* a Str of a string literal */
#define N_OF(a) (sizeof (a) / sizeof *(a))

static Str
trimmed(const char *t, size_t s, size_t e)
{
  while (s < e && (t[s] == ' ' || t[s] == '\t')) s++;
  while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t')) e--;
  return (Str){ t + s, e - s };
}

static int
str_starts(Str v, const char *prefix)
{
  /* most lines differ in the first byte: test it before measuring */
  if (v.n == 0 || ((unsigned char)v.s[0] | 0x20) != ((unsigned char)prefix[0] | 0x20))
    return !prefix[0];
  return rk_at(v.s, 0, v.n, prefix);  /* in place, as strncasecmp compares */
}

/* Has @p v more than @p k words (runs of non-spaces)?  Stops counting
 * once it has: the rules ask about short lines and long paragraphs. */
static int
more_words_than(Str v, int k)
{
  int n = 0;
  for (size_t i = 0; i < v.n; i++)
    if (v.s[i] != ' ' && (i == 0 || v.s[i - 1] == ' ') && ++n > k)
      return 1;
  return 0;
}

static int
is_prose_line(Str v)
{
  return more_words_than(v, 11);  /* twelve words or more */
}

/* Does [s, e) name a month ("February", "Feb", "Sept.") as a word? */
int
rk_ex_has_month(const char *t, size_t s, size_t e)
{
  static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", NULL
  };

  for (size_t i = s; i < e; i++) {
    switch (t[i] | 0x20) {  /* months are words, and start with one of these letters */
    case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n': case 'd':
      break;
    default:
      continue;
    }
    if (i > s && rk_isalpha((unsigned char)t[i - 1]))
      continue;
    for (const char *const *m = months; *m; m++) {
      if (!rk_at(t, i, e, *m))
        continue;
      size_t k = strlen(*m);
      if (i + k == e || !rk_isalpha((unsigned char)t[i + k]))
        return 1;
    }
  }
  return 0;
}

/* A line that is (mostly) a date: "Tuesday 22 February 2022", "7/3/05". */
static int
is_date_line(Str v)
{
  int digits = 0;

  if (v.n > 60 || v.n == 0)
    return 0;
  for (size_t i = 0; i < v.n; i++)
    if (rk_isdigit((unsigned char)v.s[i]))
      digits++;
  if (!digits)
    return 0;
  if (rk_ex_has_month(v.s, 0, v.n))
    return 1;
  return digits >= 4 && (memchr(v.s, '/', v.n) || memchr(v.s, '-', v.n)) && !more_words_than(v, 3);
}

/* ------------------------------------------------------------ furniture */

/* A bullet at the start of a line ("• ", "* ", "· ", "- "): its length, or 0. */
static size_t
bullet_len(Str v)
{
  if (v.n >= 4 && (!memcmp(v.s, "\xe2\x80\xa2 ", 4) || !memcmp(v.s, "\xe2\x96\xaa ", 4)))
    return 4;
  if (v.n >= 3 && !memcmp(v.s, "\xc2\xb7 ", 3))
    return 3;
  if (v.n >= 2 && (v.s[0] == '*' || v.s[0] == '-') && v.s[1] == ' ')
    return 2;
  return 0;
}

/* A part made only of a date's words: "10/01/2017", "Jul 10, 2021",
 * "Sunday, March 3, 2024" (not "October Sky (1999)"). */
static int
pure_date(Str v)
{
  static const Str days[] = { STR("monday"), STR("tuesday"), STR("wednesday"), STR("thursday"), STR("friday"),
                              STR("saturday"), STR("sunday"), STR("mon"), STR("tue"), STR("wed"), STR("thu"),
                              STR("fri"), STR("sat"), STR("sun") };
  /* what parts a date's words (strchr(" ,./-") also finds the NUL) */
  static const unsigned char sep[256] = { [' '] = 1, [','] = 1, ['.'] = 1, ['/'] = 1, ['-'] = 1, [0] = 1 };
  int digits = 0;

  for (size_t i = 0; i < v.n;) {
    if (sep[(unsigned char)v.s[i]]) { i++; continue; }
    size_t e = i;
    while (e < v.n && !sep[(unsigned char)v.s[e]]) e++;
    size_t d = i;
    while (d < e && rk_isdigit((unsigned char)v.s[d])) d++;
    if (d > i) {
      digits++;
      Str sfx = { v.s + d, e - d };
      if (sfx.n && !(sfx.n == 2 && (str_starts(sfx, "st") || str_starts(sfx, "nd") || str_starts(sfx, "rd") ||
                                    str_starts(sfx, "th"))))
        return 0;
    } else if (!rk_ex_has_month(v.s, i, e)) {
      int day = 0;
      for (size_t w = 0; w < N_OF(days) && !day; w++)
        day = days[w].n == e - i && !strncasecmp(v.s + i, days[w].s, e - i);
      if (!day)
        return 0;
    }
    i = e;
  }
  return digits > 0;
}

/* "93 minutes", "120 mins.", "119 Minutes": a runtime as a whole part. */
static int
is_runtime_part(Str v)
{
  size_t i = 0;

  while (i < v.n && rk_isdigit((unsigned char)v.s[i])) i++;
  if (i == 0 || i > 3)
    return 0;
  while (i < v.n && v.s[i] == ' ') i++;
  Str rest = { v.s + i, v.n - i };
  while (rest.n && rest.s[rest.n - 1] == '.') rest.n--;
  return (rest.n == 7 && !strncasecmp(rest.s, "minutes", 7)) || (rest.n == 4 && !strncasecmp(rest.s, "mins", 4)) ||
         (rest.n == 3 && !strncasecmp(rest.s, "min", 3));
}

/* "ArchivesFilm", "HomeReviews": navigation links glued together when a
 * page is flattened to text; a title's words are not glued to a site's
 * section names. */
static int
glued_navigation(Str v)
{
  static const Str nav[] = { STR("film"), STR("films"), STR("movie"), STR("movies"), STR("archive"),
                             STR("archives"), STR("website"), STR("home"), STR("review"), STR("reviews"),
                             STR("news"), STR("about"), STR("contact"), STR("blog"), STR("search"),
                             STR("menu"), STR("features"), STR("videos"), STR("video"), STR("login"),
                             STR("dvd"), STR("podcast"), STR("shop"), STR("events"), { NULL, 0 } };

  for (size_t i = 1; i + 1 < v.n; i++) {
    if (!rk_islower((unsigned char)v.s[i - 1]) || !rk_isupper((unsigned char)v.s[i]))
      continue;
    size_t a = i, b = i + 1;
    while (a > 0 && rk_isalpha((unsigned char)v.s[a - 1])) a--;
    while (b < v.n && rk_islower((unsigned char)v.s[b])) b++;
    for (const Str *w = nav; w->s; w++)
      if ((w->n == i - a && !strncasecmp(v.s + a, w->s, w->n)) || (w->n == b - i && !strncasecmp(v.s + i, w->s, w->n)))
        return 1;
  }
  return 0;
}

/* An archive page's heading ("Tag Archives: Psycho", "Category Archives:
 * 1954 Films", "Posts tagged X", "Browsing Category: X") or a site's search
 * and skip links: the label is the site's, not a headline.  Returns the
 * offset of the value after the label (v.n when there is none), or 0. */
static size_t
archive_heading(Str v)
{
  static const Str labels[] = { STR("tag archives"), STR("category archives"), STR("monthly archives"),
                                STR("yearly archives"), STR("daily archives"), STR("author archives"),
                                STR("archives for"), STR("posts tagged"), STR("posts in category"),
                                STR("browsing category"), STR("browsing tag"), STR("tagged with"),
                                STR("search for"), STR("enter to search"), STR("skip to content"),
                                STR("skip to main content"), STR("archive for"), STR("showing posts with label"),
                                STR("showing posts from"), STR("posts with label"), STR("browsed by"),
                                STR("entries tagged"), STR("articles tagged"), STR("all posts tagged"),
                                STR("posts filed under") };

  if (v.n == 0 || !strchr("abcdemopstyABCDEMOPSTY", v.s[0]))
    return 0;  /* every label starts with one of these: most lines are no label */
  for (size_t j = 0; j < N_OF(labels); j++) {
    size_t k = labels[j].n;
    if (!str_starts(v, labels[j].s) || (v.n > k && v.s[k] != ':' && v.s[k] != ' '))
      continue;
    while (k < v.n && strchr(" :", v.s[k])) k++;
    return k;
  }
  return 0;
}

/* Page furniture that a header shows in a title's place: a byline with a
 * date ("Jake Richardson | 10/01/2017"), a stamp ("Updated: Jul 10, 2021"),
 * a credit bullet ("• Producers: A, B"), a runtime ("93 minutes", "Céline
 * SCIAMMA — FRANCE — 120 minutes"), glued navigation ("DVD ArchivesFilm").
 * A title line has none of these parts. */
/* "7 years ago", "2 hours ago": a post's age. */
static int
relative_date(Str v)
{
  static const char *const units[] = { "second", "minute", "hour", "day", "week", "month", "year", NULL };
  size_t i = 0;

  while (i < v.n && rk_isdigit((unsigned char)v.s[i])) i++;
  if (i == 0 || i + 1 >= v.n || v.s[i] != ' ' || v.n < 4 || strncasecmp(v.s + v.n - 4, " ago", 4))
    return 0;
  Str unit = trimmed(v.s, i + 1, v.n - 4);
  if (unit.n && (unit.s[unit.n - 1] | 0x20) == 's')
    unit.n--;
  for (const char *const *u = units; *u; u++)
    if (strlen(*u) == unit.n && !strncasecmp(unit.s, *u, unit.n))
      return 1;
  return 0;
}

/* "Presenters Login", "Connect with us", "Sign up": a site's account and
 * social prompts. */
static int
account_prompt(Str v)
{
  static const char *const prompts[] = { "login", "log in", "sign in", "sign up", "connect with us",
                                         "follow us", "subscribe", NULL };

  if (more_words_than(v, 5))
    return 0;
  for (size_t i = 0; i < v.n; i++)
    if (i == 0 || v.s[i - 1] == ' ')
      for (const char *const *p = prompts; *p; p++)
        if (rk_at(v.s, i, v.n, *p) && (i + strlen(*p) == v.n || !rk_isalpha((unsigned char)v.s[i + strlen(*p)])))
          return 1;
  return 0;
}

/* "Hey Movie lovers!", "Hi everyone!": a blogger greets the readers. */
static int
greeting(Str v)
{
  return v.n > 4 && v.s[v.n - 1] == '!' && !more_words_than(v, 5) &&
         (str_starts(v, "hey ") || str_starts(v, "hi ") || str_starts(v, "hello ") || str_starts(v, "welcome "));
}

/* "Picture: Sound: Extras:": a review's grading labels, with no values. */
static int
empty_labels(Str v)
{
  int colons = 0;

  for (size_t i = 0; i < v.n; i++)
    if (v.s[i] == ':') {
      if (i + 1 < v.n && v.s[i + 1] != ' ')
        return 0;
      colons++;
    }
  return colons >= 2 && !more_words_than(v, colons + 1);
}

static int
title_furniture(Str v)
{
  static const Str seps[] = { STR(" | "), STR(" \xe2\x80\x94 "), STR(" \xe2\x80\x93 "), STR(" - "),
                              STR(" \xc2\xb7 "), STR(" \xe2\x80\xa2 "), STR(": "), STR(" ~ ") };
  static const Str stamps[] = { STR("updated"), STR("last updated"), STR("posted"), STR("published"),
                                STR("modified"), STR("filed under"), STR("tags"), STR("categories"),
                                STR("category") };
  size_t b = bullet_len(v);

  if (glued_navigation(v) || archive_heading(v) || relative_date(v))
    return 1;
  /* "Placeholder canvas", "Placeholder Image": an image's stand-in text */
  if (str_starts(v, "placeholder") && !more_words_than(v, 3))
    return 1;
  if (account_prompt(v) || greeting(v) || empty_labels(v))
    return 1;
  /* "By Renee’ Collins": a byline the zoner did not mark */
  if (v.n > 4 && (v.s[0] == 'B' || v.s[0] == 'b') && v.s[1] == 'y' && v.s[2] == ' ' && rk_isupper((unsigned char)v.s[3]))
    return 1;
  for (size_t j = 0; j < N_OF(stamps); j++)
    if (str_starts(v, stamps[j].s) && v.n > stamps[j].n && (v.s[stamps[j].n] == ':' || v.s[stamps[j].n] == ' '))
      return 1;
  /* a bullet with a label: "• Producers: Simon Chinn" */
  if (b) {
    const char *c = memchr(v.s + b, ':', v.n - b);
    if (c && !more_words_than((Str){ v.s + b, (size_t)(c - v.s) - b }, 4))
      return 1;
  }
  /* each part between separators: a date or a runtime marks the line */
  size_t from = 0;
  for (size_t i = 0; i <= v.n; i++) {
    size_t k = 0;
    if (i < v.n && v.s[i] != ' ' && v.s[i] != ':')
      continue;  /* every separator starts with one of these */
    if (i < v.n)
      for (size_t j = 0; j < N_OF(seps) && !k; j++)  /* each is two bytes or more */
        if (v.n - i >= seps[j].n && v.s[i + 1] == seps[j].s[1] && !memcmp(v.s + i, seps[j].s, seps[j].n))
          k = seps[j].n;
    if (i < v.n && !k)
      continue;
    Str part = trimmed(v.s, from, i);
    if (part.n && (pure_date(part) || is_runtime_part(part)))
      return 1;
    if (i == v.n)
      break;
    from = i + k;
    i += k - 1;
  }
  return 0;
}

/* ------------------------------------------------------------ title */

/* Quotes and punctuation a candidate may carry at either end. */
/* "Review Friend Zone (2019)": a leading "Review " labels the headline */
static const Str strip_lead[] = { STR("\xe2\x80\x9c"), STR("\xe2\x80\x98"), STR("\""), STR("'"), STR(" "),
                                  STR("Review ") };
static const Str strip_tail[] = { STR("\xe2\x80\x9d"), STR("\xe2\x80\x99"), STR("\""), STR("'"), STR(" "), STR(":"),
                                  STR(","), STR("."), STR("\xe2\x80\x93"), STR("-"), STR("|") };

/* Words that name a section, not a film ("Movies & Videos"). */
static const Str generic_words[] = { STR("movie"), STR("movies"), STR("film"), STR("films"),
                                     STR("video"), STR("videos"), STR("review"), STR("reviews"),
                                     STR("cinema"), STR("news"), STR("home"), STR("dvd"),
                                     STR("blu-ray"), STR("features"), STR("archive"), STR("lists"),
                                     STR("essays"), STR("opinion"), STR("interviews") };

/* The letters generic_words start with, bit 0 for 'a'. */
static uint32_t       generic_first_letters;
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

static void
index_generic_words(void)
{
  for (size_t g = 0; g < N_OF(generic_words); g++)
    generic_first_letters |= (uint32_t)1 << (generic_words[g].s[0] - 'a');
}

static int
is_generic_word(const char *s, size_t n)
{
  unsigned letter = ((unsigned char)s[0] | 0x20) - 'a';

  if (n < 3 || n > 10 || letter >= 26)
    return 0;  /* the lengths of the words above, which start with letters */
  pthread_once(&generic_once, index_generic_words);
  if (!(generic_first_letters >> letter & 1))
    return 0;  /* most words start with a letter no generic word starts with */
  for (size_t g = 0; g < N_OF(generic_words); g++)
    if (generic_words[g].n == n && ((unsigned char)s[0] | 0x20) == (unsigned char)generic_words[g].s[0] &&
        !strncasecmp(s, generic_words[g].s, n))
      return 1;
  return 0;
}

/* Does the candidate hold a code point that is a letter ("★★★★" does not)? */
static int
has_letter(const char *s, size_t n)
{
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t   k = rk_utf8_decode(s + i, n - i, &cp);
    if (!k) { i++; continue; }
    if ((cp < 0x80 && rk_isalpha((int)cp)) || rk_unaccent(cp) || (cp >= 0x370 && !(cp >= 0x2000 && cp <= 0x2BFF)))
      return 1;
    i += k;
  }
  return 0;
}

/* Does the shape of [s, s+n) rule out a title?  Every test only rejects,
 * so they run cheapest first; the word-level ones share one pass. */
static int
not_title_shaped(const char *s, size_t n)
{
  /* a title is in title case or capitals: most of its long words start upper */
  if (!rk_isupper((unsigned char)s[0]) && !rk_isdigit((unsigned char)s[0]) && (unsigned char)s[0] < 0xC3)
    return 1;
  /* "I've", "Don't": a contraction opens a sentence, it is no title */
  if (n <= 7 && !memchr(s, ' ', n)) {
    const char *ap = memchr(s, '\'', n);
    if (ap && ap > s && (size_t)(ap - s) + 2 <= n && (size_t)(ap - s) + 3 >= n &&
        strchr("vtlmdrs", ap[1]) && ap[1] != 's')
      return 1;
  }
  /* the byte- and word-level tests share one pass over the words */
  int    big = 0, small = 0, tokens = 0, digits = 0, lead_digits = 0, singles = 0, words = 0;
  size_t word_at[10], word_len[10];  /* the words that may all be generic (ten tokens at most) */
  for (size_t i = 0; i < n;) {
    if (s[i] == ' ') {
      /* credits and cast lines: " as ", " by ", " dubbed".  s is
       * NUL-terminated past n: rk_at with no bound reads as strncasecmp */
      if (i + 4 <= n && ((s[i + 1] == 'a' && s[i + 2] == 's' && s[i + 3] == ' ') ||
                         (s[i + 1] == 'b' && s[i + 2] == 'y' && s[i + 3] == ' ') || rk_at(s, i, SIZE_MAX, " dubbed")))
        return 1;
      i++;
      continue;
    }
    /* a word starts at i; a headline of more than ten is a sentence */
    if (++tokens > 10)
      return 1;
    /* "Climate Crisis Film Festival": the event a review comes from
     * ("film fest", "film festival", "film festiwal") */
    if ((s[i] == 'F' || s[i] == 'f') && i + 9 <= n && !strncasecmp(s + i, "film fest", 9))
      return 1;
    /* sentence-case originals ("De rouille et d'os") pass; headlines that
     * are sentences ("This doc studies human nature") do not */
    size_t a = i;
    while (a < n && rk_isalpha((unsigned char)s[a])) a++;
    if (a - i > 3) {
      if (rk_isupper((unsigned char)s[i])) big++; else small++;
    }
    /* dates and label lines ("Review Date: 7/3/05"), credits ("out of",
     * "subtitle") */
    size_t w = i;
    for (; w < n && s[w] != ' '; w++) {
      unsigned char c = (unsigned char)s[w] | 0x20;  /* one test of the first letters, not two */
      if (rk_isdigit((unsigned char)s[w]))
        digits++, lead_digits += tokens == 1;
      else if ((c == 'o' || c == 's') && w + 4 <= n &&
               (rk_at(s, w, SIZE_MAX, "out of") || rk_at(s, w, SIZE_MAX, "subtitle")))
        return 1;
    }
    /* spaced letters ("S I N C E") */
    if (w - i == 1 && rk_isalpha((unsigned char)s[i]))
      singles++;
    if (rk_isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80) {
      word_at[words]  = i;
      word_len[words] = w - i;
      words++;
    }
    i = w;
  }
  /* "4:50 from Paddock Row", "12 Monkeys": a number may open a title whose other
   * words are words; a date or a score is mostly digits throughout */
  if (tokens > 1 && big > 0)
    digits -= lead_digits;
  if (small > big + 1 || digits * 5 > (int)n || singles >= 3)
    return 1;
  /* section names made of generic words ("Movies & Videos"): the generic
   * and the function words have none in common, so each word is one or
   * the other or neither; one that is neither settles it */
  if (words) {
    int all_generic = 1;
    for (int k = 0; k < words && all_generic; k++)
      if (!is_generic_word(s + word_at[k], word_len[k]) && !rk_is_function_word(s + word_at[k], word_len[k]))
        all_generic = 0;
    if (all_generic)
      return 1;
  }
  if (!rk_isupper((unsigned char)s[0]) && !has_letter(s, n))
    return 1;  /* "★★★★" (a capital is a letter) */
  static const Str role_tails[] = { STR(" writer"), STR(" critic"), STR(" editor"), STR(" contributor"),
                                    STR(" correspondent"), STR(" stars"), STR(" star"), STR(" reviewer"),
                                    STR(" staff") };
  for (size_t r = 0; r < N_OF(role_tails); r++) {
    size_t k = role_tails[r].n;
    if (n > k && ((unsigned char)s[n - 1] | 0x20) == (unsigned char)role_tails[r].s[k - 1] &&
        !strncasecmp(s + n - k, role_tails[r].s, k))
      return 1;
  }
  /* "Runtime: 120", "Review Date: 7/3/05": a label over a number (a
   * clock time, "4:50 from Paddock Row", has digits on both sides) */
  const char *colon = memchr(s, ':', n);
  return colon && colon + 2 < s + n && rk_isdigit((unsigned char)colon[colon[1] == ' ' ? 2 : 1]) &&
         !(colon > s && rk_isdigit((unsigned char)colon[-1]));
}

/* "8½ (1963)", "1917 (2019)", "8 1/2 (1963)": a short title of digits is
 * no date when a year in a parenthesis follows it. */
static int
numeric_title(const char *s, size_t n, int year)
{
  int slashes = 0;

  if (n > 8 || !rk_isdigit((unsigned char)s[0]) || (n == 4 && atoi(s) == year))
    return 0;
  for (size_t i = 0; i < n; i++)
    if (strchr(":.,-", s[i]) || (s[i] == '/' && ++slashes > 1))
      return 0;
  return 1;
}

/* Where a CJK original starts after a Latin title, "The Third Murder
 * 三度目の殺人": after a space, in kana, ideographs or hangul (U+3000 to
 * U+DFFF), with no Latin letter after it; 0 if the title is not so. */
static size_t
cjk_original_at(const char *s, size_t n)
{
  const unsigned char *t = (const unsigned char *)s;
  size_t               at = 0;
  int                  latin = 0;

  for (size_t i = 0; i < n; i++) {
    if (rk_isalpha(t[i])) {
      if (at)
        return 0;
      latin = 1;
    } else if (!at && latin && t[i] >= 0xE3 && t[i] <= 0xED && t[i - 1] == ' ') {
      at = i;
    }
  }
  return at;
}

static RkStatus
add_title_cand(RkEx *x, const char *s, size_t n, double base, int year, const char *alt,
               const char *person)
{
  RkTitleCand *c;
  int          changed = 1;

  /* the bytes the strippable ends start and finish with: most candidates
   * carry none, so the tables are only read when one is there */
  static const unsigned char lead_first[256] = { [0xe2] = 1, ['"'] = 1, ['\''] = 1, [' '] = 1, ['R'] = 1 };
  static const unsigned char tail_last[256] = { [0x9d] = 1, [0x99] = 1, [0x93] = 1, ['"'] = 1, ['\''] = 1,
                                                [' '] = 1, [':'] = 1, [','] = 1, ['.'] = 1, ['-'] = 1, ['|'] = 1 };
  while (changed) {
    changed = 0;
    if (n && !lead_first[(unsigned char)s[0]] && !tail_last[(unsigned char)s[n - 1]])
      break;
    for (size_t j = 0; j < N_OF(strip_lead); j++) {
      const Str *p = &strip_lead[j];
      if (n > p->n && s[0] == p->s[0] && !memcmp(s, p->s, p->n)) { s += p->n; n -= p->n; changed = 1; }
    }
    for (size_t j = 0; j < N_OF(strip_tail); j++) {
      const Str *p = &strip_tail[j];
      if (n > p->n && s[n - 1] == p->s[p->n - 1] && !memcmp(s + n - p->n, p->s, p->n)) { n -= p->n; changed = 1; }
    }
  }
  /* "1. Zodiac": an entry of a numbered list */
  if (n > 3 && rk_isdigit((unsigned char)s[0])) {
    size_t d = 0;
    while (d < n && d < 3 && rk_isdigit((unsigned char)s[d])) d++;
    if (d + 2 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
      s += d + 2, n -= d + 2;
  }
  if (n == 0 || n > 120 || (not_title_shaped(s, n) && !(year && numeric_title(s, n, year))))
    return RK_OK;
  size_t cjk = alt ? 0 : cjk_original_at(s, n);
  if (cjk) {
    /* "The Third Murder 三度目の殺人": the title, and the original as its variant */
    char    *orig = rk_strndup(s + cjk, n - cjk);
    size_t   e    = cjk;
    while (e > 0 && s[e - 1] == ' ') e--;
    RkStatus st = orig ? add_title_cand(x, s, e, base, year, orig, person) : RK_ERR_NOMEM;
    free(orig);
    return st;
  }
  /* the same title from another source adds to its weight */
  for (size_t i = 0; i < x->n_tc; i++)
    if (((unsigned char)x->tc[i].title[0] | 0x20) == ((unsigned char)s[0] | 0x20) &&
        strlen(x->tc[i].title) == n && !strncasecmp(x->tc[i].title, s, n)) {
      x->tc[i].score = (x->tc[i].score > base ? x->tc[i].score : base) + 0.25;
      if (year && !x->tc[i].year)
        x->tc[i].year = year;
      if (alt && !x->tc[i].alt && !(x->tc[i].alt = rk_strdup(alt)))
        return RK_ERR_NOMEM;
      if (person && !x->tc[i].person && !(x->tc[i].person = rk_strdup(person)))
        return RK_ERR_NOMEM;  /* the credit may come with the title's second sighting */
      return RK_OK;
    }
  if (x->n_tc == x->cap_tc) {
    size_t       cap = x->cap_tc ? x->cap_tc * 2 : 8;
    RkTitleCand *p   = rk_realloc(x->tc, cap * sizeof *p);
    if (!p)
      return RK_ERR_NOMEM;
    x->tc     = p;
    x->cap_tc = cap;
  }
  c = &x->tc[x->n_tc];
  memset(c, 0, sizeof *c);
  if (!(c->title = rk_strndup(s, n)) || (alt && !(c->alt = rk_strdup(alt))) ||
      (person && !(c->person = rk_strdup(person)))) {
    free(c->title);
    free(c->alt);
    return RK_ERR_NOMEM;
  }
  c->score = base;
  c->year  = year;
  c->occ   = -1;
  x->n_tc++;
  return RK_OK;
}

RkStatus
rk_ex_title_candidate(RkEx *x, const char *s, size_t n, double base)
{
  return add_title_cand(x, s, n, base, 0, NULL, NULL);
}

RkStatus
rk_ex_title_alternate(RkEx *x, const char *s, size_t n)
{
  size_t   k  = x->n_tc;
  RkStatus st = add_title_cand(x, s, n, 0, 0, NULL, NULL);

  if (!st && x->n_tc > k)
    x->tc[k].alt_only = 1;
  return st;
}

static RkStatus title_with_paren(RkEx *x, Str v, double base);

/* "Da hong deng long gao gao gua aka Raise the Red Lantern (1991)",
 * "Ladri di biciclette / Bicycle Thieves": two titles of one film.  Each
 * is a candidate with the other as its variant; a parenthesis at the end
 * belongs to both.  Returns 1 when @p v had that shape (*st is set). */
static int
aka_split(RkEx *x, Str v, double base, RkStatus *st)
{
  static const char *const seps[] = { " aka ", " a.k.a. ", " AKA ", " / ", "/", NULL };
  const char *open = memchr(v.s, '(', v.n);
  size_t      end = open ? (size_t)(open - v.s) : v.n;

  *st = RK_OK;
  /* " / " and "/" need a slash, the others " a" or " A" */
  int slash = memchr(v.s, '/', end) != NULL;
  for (const char *const *sp = seps; *sp; sp++) {
    size_t k = strlen(*sp);
    if (!slash && strchr(*sp, '/'))
      continue;
    for (size_t i = 1; i + k < end; i++) {
      if (v.s[i] != (*sp)[0] || memcmp(v.s + i, *sp, k))
        continue;
      Str a = trimmed(v.s, 0, i), b = trimmed(v.s, i + k, end);
      if (!a.n || !b.n || memchr(b.s, '/', b.n) || memchr(a.s, '/', a.n) || bullet_len(a))
        return 0;
      /* "The Red Queen Kills Seven Times/La dama rossa uccide sette volte":
       * a bare slash joins two titles only between words ("AC/DC" is one) */
      if (k == 1 && (!memchr(a.s, ' ', a.n) || !memchr(b.s, ' ', b.n)))
        return 0;
      /* "Name – A aka B": the separator's parts are read one by one */
      for (size_t j = 0; j + 2 <= a.n; j++)
        if ((j + 4 <= a.n && (!memcmp(a.s + j, " \xe2\x80\x93", 4) || !memcmp(a.s + j, " \xe2\x80\x94", 4))) ||
            (j + 3 <= a.n && (!memcmp(a.s + j, " - ", 3) || !memcmp(a.s + j, " | ", 3))) || !memcmp(a.s + j, ": ", 2))
          return 0;
      char *as = rk_strndup(a.s, a.n), *bs = rk_strndup(b.s, b.n);
      size_t before = x->n_tc;
      if (!as || !bs)
        *st = RK_ERR_NOMEM;
      /* the parenthesis (a year) goes with each: title_with_paren reads it */
      else if (!(*st = title_with_paren(x, (Str){ b.s, v.n - (size_t)(b.s - v.s) }, base)) && x->n_tc > before &&
               !x->tc[before].alt && !(x->tc[before].alt = rk_strdup(as)))
        *st = RK_ERR_NOMEM;
      int year = x->n_tc > before ? x->tc[before].year : 0;
      double bonus = x->n_tc > before ? x->tc[before].score - base : 0;
      before = x->n_tc;
      if (!*st && as && bs && !(*st = add_title_cand(x, a.s, a.n, base + bonus, year, bs, NULL)) &&
          x->n_tc > before && !x->tc[before].alt && !(x->tc[before].alt = rk_strdup(bs)))
        *st = RK_ERR_NOMEM;
      free(as);
      free(bs);
      return 1;
    }
  }
  return 0;
}

/* "Dial M for Murder-1954": a blog's heading glues the year to the title
 * with a hyphen.  Returns the year, or 0. */
static int
glued_year(Str v)
{
  if (v.n < 7 || v.s[v.n - 5] != '-' || !rk_isalpha((unsigned char)v.s[v.n - 6]))
    return 0;
  for (size_t i = v.n - 4; i < v.n; i++)
    if (!rk_isdigit((unsigned char)v.s[i]))
      return 0;
  int year = atoi(v.s + v.n - 4);
  return year >= 1880 && year <= 2039 ? year : 0;
}

static int countries_only(const RkEx *x, const char *s);

/* "A+", "B-", "C": a school grade. */
static int
letter_grade(Str v)
{
  return v.n >= 1 && v.n <= 2 && v.s[0] >= 'A' && v.s[0] <= 'F' && (v.n == 1 || v.s[1] == '+' || v.s[1] == '-');
}

/* "La casa sul lago, il vento e la neve": a capital, then only lower-case
 * words and no digits. */
static int
sentence_cased(Str v)
{
  if (!v.n || !rk_isupper((unsigned char)v.s[0]))
    return 0;
  for (size_t i = 1; i < v.n; i++)
    if (rk_isdigit((unsigned char)v.s[i]) || (rk_isupper((unsigned char)v.s[i]) && !rk_isalpha((unsigned char)v.s[i - 1])))
      return 0;
  return 1;
}

/* What a parenthesis after a title holds: a year, a rating, a certificate,
 * or another title. */
static RkStatus
title_with_paren(RkEx *x, Str v, double base)
{
  const char *open = memchr(v.s, '(', v.n);
  const char *close;
  int year = 0;

  {
    RkStatus ast;
    if (aka_split(x, v, base, &ast))
      return ast;
  }
  if (!open && (year = glued_year(v)))
    return add_title_cand(x, v.s, v.n - 5, base + 1.0, year, NULL, NULL);
  if (!open || !(close = memchr(open, ')', v.n - (size_t)(open - v.s))))
    return add_title_cand(x, v.s, v.n, base, 0, NULL, NULL);
  size_t before = (size_t)(open - v.s), in_s = (size_t)(open - v.s) + 1, in_n = (size_t)(close - open) - 1;
  const char *in = v.s + in_s;
  char *alt = NULL;
  RkStatus st;

  if (in_n == 4 && rk_isdigit((unsigned char)in[0]) && rk_isdigit((unsigned char)in[3]))
    year = atoi(in);
  else if (in_n && memchr(in, '*', in_n))
    st = rk_parse_rating(x, (size_t)(in - x->text), (size_t)(in - x->text) + in_n);
  else if (in_n > 4 && !strncasecmp(in, "aka ", 4))
    alt = rk_strndup(in + 4, in_n - 4);
  else if (in_n > 3 && (rk_isupper((unsigned char)in[0]) || (unsigned char)in[0] >= 0xC3))
    alt = rk_strndup(in, in_n);
  /* "La casa sul lago, il vento e la neve (The House on the Lake)": an
   * original in sentence case, which alone reads as a sentence, is a title
   * when a title-cased translation follows it; the translation leads */
  Str orig = trimmed(v.s, 0, before);
  if (alt && sentence_cased(orig) && !more_words_than(orig, 10) && !countries_only(x, alt) &&
      not_title_shaped(orig.s, orig.n) && !not_title_shaped(alt, strlen(alt))) {
    char *o = rk_strndup(orig.s, orig.n);
    st = o ? add_title_cand(x, alt, strlen(alt), base, year, o, NULL) : RK_ERR_NOMEM;
    free(o);
    free(alt);
    return st;
  }
  /* "Burning (2018)", "Y Tu Mamá También (****)": the parenthesis marks a title */
  st = add_title_cand(x, v.s, before, base + ((year || (in_n && memchr(in, '*', in_n))) ? 1.0 : 0.0),
                      year, alt, NULL);
  free(alt);
  return st;  /* the year is the candidate's: pick_title gives it to the film that wins */
}

static RkStatus headline_candidates(RkEx *x, Str v, double base);

/* "Susan Granger's review of “AMELIE” (Miramax Zoe)": a critic's name, then
 * the film.  Sets *done when @p v has that shape (the critic is read with
 * the bylines). */
static RkStatus
review_of_headline(RkEx *x, Str v, double base, int *done)
{
  static const char *const cue[] = { "'s review of ", "\xe2\x80\x99s review of ", "'s rating of the film ",
                                     "\xe2\x80\x99s rating of the film ", ": a review of ", ": review of ",
                                     " - a review of ", " \xe2\x80\x93 a review of ", " \xe2\x80\x94 a review of ", NULL };

  *done = 0;
  for (size_t i = 1; i < v.n && i < 60; i++) {
    if (v.s[i] != '\'' && v.s[i] != ':' && v.s[i] != ' ' && (unsigned char)v.s[i] != 0xe2)
      continue;  /* the cues' first bytes: most bytes start no cue */
    for (const char *const *c = cue; *c; c++) {
      if (v.s[i] != (*c)[0])
        continue;  /* most bytes start no cue */
      if (rk_at(v.s, i, v.n - 1, *c)) {  /* with a byte of title after it */
        size_t k = strlen(*c);
        *done = 1;
        return headline_candidates(x, trimmed(v.s, i + k, v.n), base + 1);
      }
    }
  }
  return RK_OK;
}

/* Does @p word stand in the text after a given name ("Imogen
 * Farraday") or, unless @p given_only, after another capitalised word that
 * is no common word ("Chidi Okonkwo")?  Then it is a surname. */
static int
surname_after_name(const RkEx *x, const char *word, int given_only)
{
  size_t      n = strlen(word);
  const char *t = x->text, *end = t + x->doc->len;

  for (const char *p = t; (p = memchr(p, word[0], (size_t)(end - p))) && p + n <= end; p++) {
    if (p < t + 3 || p[-1] != ' ' || memcmp(p, word, n) || (p + n < end && rk_isalpha((unsigned char)p[n])))
      continue;
    const char *g = p - 1;
    while (g > t && (rk_isalpha((unsigned char)g[-1]) || (unsigned char)g[-1] >= 0x80)) g--;
    size_t gn = (size_t)(p - 1 - g);
    if (gn < 2 || !rk_isupper((unsigned char)*g))
      continue;
    if (rk_lexicon_is_given_name(x->lex, g, gn) ||
        (!given_only && !rk_is_common_word(x, g, gn) && !rk_is_function_word(g, gn)))
      return 1;
  }
  return 0;
}

/* "Subir Banerjee in Pather Panchali (1955)", "Starring Debuts #26: Max
 * von Sydow in The Seventh Seal (1957)": a still's caption or a series
 * headline names a performer and the film.  The person's name must end
 * right at " in ", so "Singin' in the Rain" is not split. */
static RkStatus
person_in_title(RkEx *x, Str v, double base, int *done)
{
  *done = 0;
  if (!(v.s >= x->text && v.s <= x->text + x->doc->len))
    return RK_OK;  /* the name model needs the document's offsets */
  size_t lo = (size_t)(v.s - x->text);

  for (size_t i = 1; i + 5 < v.n; i++) {
    if (memcmp(v.s + i, " in ", 4) || !rk_isupper((unsigned char)v.s[i + 4]))
      continue;
    /* the rest is a title, with its year in a parenthesis or alone */
    Str rest = trimmed(v.s, i + 4, v.n);
    const char *open = memchr(rest.s, '(', rest.n);
    int year = open && open + 6 <= rest.s + rest.n && rk_isdigit((unsigned char)open[1]) && open[5] == ')';
    if (year && open + 6 < rest.s + rest.n && !strchr(",:!", open[6]))
      year = 0;
    if (year)
      rest.n = (size_t)(open + 6 - rest.s);  /* "X in Title(1979), The Birth of ...": a tagline after it */
    if (!year && (open || more_words_than(rest, 6)))
      continue;
    if (more_words_than((Str){ rest.s, open ? (size_t)(open - rest.s) : rest.n }, 8))
      continue;
    /* the name starts the line or follows a series label's colon */
    for (size_t s = 0; s < i; s++) {
      if (s && !(s >= 2 && v.s[s - 1] == ' ' && v.s[s - 2] == ':'))
        continue;
      RkSpan sp;
      if (!rk_name_at(x, lo + s, lo + i, &sp) || sp.s != lo + s || sp.e != lo + i || sp.ntok > 4)
        continue;
      char *who = rk_clean_person(x, x->text + sp.s, sp.e - sp.s);
      RkStatus st = RK_OK;
      /* "Okonkwo in Harmattan(1979)": a surname the page gives in full */
      int named = who && (rk_name_tokens(who) >= 2 ? rk_person_score(x, who) >= 0
                                                   : year && surname_after_name(x, who, 0));
      if (named) {
        size_t before = x->n_tc;
        *done = 1;
        st = title_with_paren(x, rest, base + 1);
        for (size_t k = before; !st && k < x->n_tc; k++)
          if (!x->tc[k].actor && !(x->tc[k].actor = rk_strdup(who)))
            st = RK_ERR_NOMEM;
      }
      free(who);
      if (*done || st)
        return st;
    }
  }
  return RK_OK;
}

/* "Retro Movie Review: X", "Review #558: X", "Old Review – X", "Scott's
 * Review #12: X", "Capsule review – X": up to three words that end in
 * "review", a serial number maybe, then a colon or a dash.  Returns the
 * offset of the title after it, or 0. */
/* "Cine Latino Film Festival Review: ...", "Fantasia Fest Review – ...":
 * a festival's name, up to six capitalised words, then "Festival Review"
 * or "Fest Review"; where that label's "review" ends, or 0. */
static size_t
festival_label_end(Str v)
{
  static const char *const ends[] = { " festival review", " fest review", NULL };

  for (size_t i = 1, words = 1; i < v.n && words <= 7; i++) {
    if (v.s[i] != ' ')
      continue;
    for (const char *const *e = ends; *e; e++)
      if (rk_at(v.s, i, v.n, *e))
        return i + strlen(*e);
    if (i + 1 < v.n && !rk_isupper((unsigned char)v.s[i + 1]) && !rk_isdigit((unsigned char)v.s[i + 1]))
      return 0;  /* a festival's name is capitalised */
    words++;
  }
  return 0;
}

static size_t
review_label(Str v)
{
  /* words that qualify a review, never a film's name on their own: with
   * them "Another Round review: A heady ..." stays the film's headline */
  static const Str qual[] = { STR("retro"), STR("old"), STR("classic"), STR("capsule"), STR("quick"), STR("mini"),
                              STR("short"), STR("guest"), STR("movie"), STR("film"), STR("dvd"), STR("blu-ray"),
                              STR("cinema"), STR("video"), STR("festival"), STR("spoiler-free"), STR("brief"),
                              STR("vintage"), STR("retrospective"), STR("rewind"), STR("throwback"), STR("full"),
                              STR("new"), STR("theatrical") };
  size_t i = festival_label_end(v);
  int    words = 0, festival = i > 0;

  while (!festival && i < v.n && words < 4) {
    size_t w = i;
    while (i < v.n && v.s[i] != ' ' && v.s[i] != ':' && v.s[i] != '#') i++;
    if (i == w)
      return 0;
    words++;
    if (i - w == 6 && !strncasecmp(v.s + w, "review", 6))
      break;
    int ok = (i - w > 2 && !strncmp(v.s + i - 2, "'s", 2)) || (i - w > 4 && !memcmp(v.s + i - 4, "\xe2\x80\x99s", 4));
    for (size_t q = 0; q < N_OF(qual) && !ok; q++)
      ok = qual[q].n == i - w && !strncasecmp(v.s + w, qual[q].s, i - w);
    if (!ok || i >= v.n || v.s[i] != ' ')
      return 0;
    i++;
  }
  if (words > 3 || i >= v.n || strncasecmp(v.s + i - 6, "review", 6))
    return 0;
  size_t p = i;
  while (p < v.n && v.s[p] == ' ') p++;
  if (p < v.n && v.s[p] == '#') {  /* a serial number: "#558", "# 12" */
    p++;
    while (p < v.n && v.s[p] == ' ') p++;
    size_t d = p;
    while (p < v.n && rk_isdigit((unsigned char)v.s[p])) p++;
    if (p == d)
      return 0;
    while (p < v.n && v.s[p] == ' ') p++;
  }
  if (p < v.n && v.s[p] == ':') p++;
  else if (p + 3 <= v.n && (!memcmp(v.s + p, "\xe2\x80\x93", 3) || !memcmp(v.s + p, "\xe2\x80\x94", 3))) p += 3;
  else if (p < v.n && (v.s[p] == '-' || v.s[p] == '|') && p > i) p++;
  else return 0;
  while (p < v.n && v.s[p] == ' ') p++;
  return p < v.n ? p : 0;
}

/* "Johnny Guitar (1954; Dir: Nicholas Ray)", "Title (Dir. X, 1954)",
 * "Title – dir. X": a heading with the credit attached.  The title is the
 * part before the credit; the name, when the name model reads all of it,
 * is the director.  Sets *done when @p v had that shape. */
/* "The Third Murder Dir: Hirokazu Koreeda (2017)", "ONCE UPON A TIME IN
 * ANATOLIA Director: NURI BILGE CEYLAN 150 minutes, ...": a heading whose
 * title runs straight into a capitalised credit label, no dash between.
 * The title part may hold no sentence punctuation; the name ends at a
 * bracket, a comma or a number.  Sets the title's end, the name's span
 * and the year of a "(YYYY)" after the name. */
static int
bare_credit_label(Str v, size_t *cut, size_t *ns, size_t *ne, int *year)
{
  static const char *const labels[] = { " Dir: ", " Dir. ", " Director: ", " DIRECTOR: ", " Directed by ",
                                        " DIRECTED BY ", NULL };

  /* strchr(",.;:!?|(") as a table (strchr also finds the NUL) */
  static const unsigned char sentence[256] = { [','] = 1, ['.'] = 1, [';'] = 1, [':'] = 1, ['!'] = 1,
                                               ['?'] = 1, ['|'] = 1, ['('] = 1, [0] = 1, [0xe2] = 1 };

  for (size_t i = 1; i + 8 < v.n; i++) {
    if (sentence[(unsigned char)v.s[i]])
      return 0;  /* a sentence or a dashed heading, not "Title Dir: X" */
    if (v.s[i] != ' ' || v.s[i + 1] != 'D')
      continue;
    for (const char *const *l = labels; *l; l++) {
      size_t k = strlen(*l);
      if (i + k >= v.n || memcmp(v.s + i, *l, k))
        continue;
      size_t e = i + k;
      while (e < v.n && !strchr("(,;|", v.s[e]) && !rk_isdigit((unsigned char)v.s[e])) e++;
      *year = 0;
      if (e + 6 <= v.n && v.s[e] == '(' && rk_isdigit((unsigned char)v.s[e + 1]) &&
          rk_isdigit((unsigned char)v.s[e + 4]) && v.s[e + 5] == ')')
        *year = atoi(v.s + e + 1);
      *cut = i;
      *ns = i + k;
      *ne = e;
      return 1;
    }
  }
  return 0;
}

static RkStatus
title_with_credit(RkEx *x, Str v, double base, int *done)
{
  static const char *const dir[] = { "dir. ", "dir: ", "dir ", "directed by ", "d. ", NULL };
  size_t cut = 0, ns = 0, ne = 0;
  int    year = 0;

  *done = 0;
  if (!(v.s >= x->text && v.s + v.n <= x->text + x->doc->len) || v.n < 8)
    return RK_OK;  /* the name model needs the document's offsets */
  const char *open = memchr(v.s, '(', v.n);
  if (bare_credit_label(v, &cut, &ns, &ne, &year)) {
    /* "The Third Murder Dir: Hirokazu Koreeda (2017)" */
  } else if (open && v.s[v.n - 1] == ')') {
    /* "(1954; Dir: X)" or "(Dir. X, 1954)" */
    size_t a = (size_t)(open - v.s) + 1, b = v.n - 1;
    if (b - a >= 6 && rk_isdigit((unsigned char)v.s[a]) && rk_isdigit((unsigned char)v.s[a + 3]) &&
        strchr(";,", v.s[a + 4])) {
      year = atoi(v.s + a);
      a += 5;
    } else if (b - a >= 6 && rk_isdigit((unsigned char)v.s[b - 1]) && rk_isdigit((unsigned char)v.s[b - 4]) &&
               v.s[b - 5] == ' ' && strchr(";,", v.s[b - 6])) {
      year = atoi(v.s + b - 4);
      b -= 6;
    } else {
      return RK_OK;
    }
    while (a < b && v.s[a] == ' ') a++;
    for (const char *const *d = dir; *d && !ns; d++)
      if (b - a > strlen(*d) && !strncasecmp(v.s + a, *d, strlen(*d)))
        ns = a + strlen(*d), ne = b;
    cut = (size_t)(open - v.s);
  } else {
    /* "Title – dir. X" */
    for (size_t i = 1; i + 8 < v.n && !ns; i++) {
      size_t k = !memcmp(v.s + i, " \xe2\x80\x93 ", 5) || !memcmp(v.s + i, " \xe2\x80\x94 ", 5) ? 5
               : !memcmp(v.s + i, " - ", 3) ? 3 : 0;
      if (!k)
        continue;
      for (const char *const *d = dir; *d && !ns; d++)  /* "d. " after a dash is too loose */
        if (v.n - i - k > strlen(*d) && !strncasecmp(v.s + i + k, *d, strlen(*d)) && (*d)[1] != '.')
          ns = i + k + strlen(*d), ne = v.n, cut = i;
    }
  }
  if (!ns)
    return RK_OK;
  while (ns < ne && v.s[ns] == ' ') ns++;
  while (ne > ns && strchr(" .,;", v.s[ne - 1])) ne--;
  size_t lo = (size_t)(v.s - x->text);
  RkSpan sp;
  char  *who = NULL;
  if (rk_name_at(x, lo + ns, lo + ne, &sp) && sp.s == lo + ns && sp.e == lo + ne && sp.ntok >= 2 && sp.ntok <= 4)
    who = rk_clean_person(x, x->text + sp.s, sp.e - sp.s);
  if (who && (rk_name_tokens(who) < 2 || rk_person_score(x, who) < 0)) {
    free(who);
    who = NULL;
  }
  *done = 1;
  Str t = trimmed(v.s, 0, cut);
  while (t.n && strchr(",;", t.s[t.n - 1])) t.n--;
  RkStatus st = add_title_cand(x, t.s, t.n, base + 1.0, year, NULL, who);
  free(who);
  if (!st && year && !x->r->year)
    x->r->year = year;
  return st;
}

/* "5 Centimeters Per Second Dub Review", "Heat 4K Blu-ray review": words
 * that name the release reviewed, not the film, come off the title, and
 * so does a language before them ("The Thriller Malayalam film review"). */
static Str
without_release_words(const RkEx *x, Str v)
{
  static const char *const words[] = { "dub", "dubbed", "sub", "subbed", "subtitled", "dvd", "blu-ray", "4k",
                                       "uhd", "spoiler-free", "non-spoiler", "remastered", NULL };

  for (int again = 1; again;) {
    again = 0;
    size_t e = v.n;
    while (e > 0 && v.s[e - 1] == ' ') e--;
    size_t w = e;
    while (w > 0 && v.s[w - 1] != ' ') w--;
    for (const char *const *p = words; *p && w > 0 && !again; p++)
      if (strlen(*p) == e - w && !strncasecmp(v.s + w, *p, e - w)) {
        v.n = w;
        again = 1;
      }
    /* "The Thriller Malayalam film review": the language of the release,
     * after a title of two words or more */
    if (!again && w > 0 && memchr(v.s, ' ', w - 1) && rk_isupper((unsigned char)v.s[w]) &&
        rk_lexicon_language_tag(x->lex, v.s + w, e - w)) {
      v.n = w;
      again = 1;
    }
  }
  return trimmed(v.s, 0, v.n);
}

/* After "Alfonso Cuarón's" in a headline: the title, without a verb
 * phrase that makes the headline a sentence ("Roma is an utter
 * masterpiece") or a "(Country, 2018)" after it, whose year is kept. */
static Str
possessed_title(Str v, int *year)
{
  static const char *const verbs[] = { " is ", " was ", " are ", " makes ", " gets ", NULL };

  for (size_t i = 1; i < v.n; i++)
    for (const char *const *vb = verbs; *vb && v.s[i] == ' '; vb++)
      if (i + strlen(*vb) <= v.n && !memcmp(v.s + i, *vb, strlen(*vb))) {
        v.n = i;
        break;
      }
  const char *open = memchr(v.s, '(', v.n);
  size_t      e = v.n;
  while (e > 0 && v.s[e - 1] == ' ') e--;
  if (open && e > 6 && v.s[e - 1] == ')' && rk_isdigit((unsigned char)v.s[e - 2]) &&
      rk_isdigit((unsigned char)v.s[e - 5]) && !rk_isdigit((unsigned char)v.s[e - 6])) {
    *year = atoi(v.s + e - 5);
    v.n = (size_t)(open - v.s);
  }
  return trimmed(v.s, 0, v.n);
}

/* Candidates from a headline: "Film Review: X", "X review: ...", "'X' (PG)
 * reviewed", "Name's X", "X: subtitle", "X (2012)", "X (Other Title)". */
static RkStatus
headline_candidates(RkEx *x, Str v, double base)
{
  static const char *const lead[] = { "film review", "movie review", "cinema review", "dvd review",
                                      "blu-ray review", "review", "film", "reviews", "dvd", "blu-ray", NULL };
  static const char *const tail[] = { " review", " reviewed", " film review", " movie review", NULL };
  RkStatus st;

  if (bullet_len(v) && v.s >= x->text && v.s <= x->text + x->doc->len)
    v = trimmed(v.s, bullet_len(v), v.n);  /* "• Title (1991)" */
  {
    int done = 0;
    if ((st = review_of_headline(x, v, base, &done)) || done)
      return st;
    if ((st = person_in_title(x, v, base, &done)) || done)
      return st;
  }

  /* "Film Review: X", "Movie Review – X", "Review of X" */
  for (const char *const *p = lead; *p; p++) {
    size_t q;
    if (!str_starts(v, *p))
      continue;
    q = strlen(*p);
    while (q < v.n && v.s[q] == ' ') q++;
    if (q < v.n && v.s[q] == ':') q++;
    else if (q + 3 <= v.n && (!memcmp(v.s + q, "\xe2\x80\x93", 3) || !memcmp(v.s + q, "\xe2\x80\x94", 3))) q += 3;
    else if (q < v.n && (v.s[q] == '-' || v.s[q] == '|')) q++;
    else if (q + 3 <= v.n && !strncasecmp(v.s + q, "of ", 3)) q += 3;
    else continue;
    v = trimmed(v.s, q, v.n);
    break;
  }
  {
    size_t k = review_label(v);
    int    done = 0;
    if (k) {
      v = trimmed(v.s, k, v.n);
      base += 1.0;  /* a label that says "review" vouches for what follows */
    }
    if ((st = title_with_credit(x, v, base, &done)) || done)
      return st;
  }
  /* "X review: subtitle" and "X review" */
  for (size_t i = 1; i < v.n; i++)
    for (const char *const *p = tail; *p && v.s[i] == ' '; p++) {  /* each tail starts with a space */
      size_t k, before = x->n_tc;
      if (!rk_at(v.s, i, v.n, *p))
        continue;
      k = strlen(*p);
      if (i + k == v.n || strchr(":-|, ", v.s[i + k])) {
        if ((st = title_with_paren(x, without_release_words(x, (Str){ v.s, i }), base + 1)) || x->n_tc > before)
          return st;
      }
    }
  /* a quoted title first: "'Lady Bird' review", "‘Paddington 2’ (PG) reviewed" */
  {
    static const char *const q[][2] = { { "\xe2\x80\x98", "\xe2\x80\x99" }, { "\xe2\x80\x9c", "\xe2\x80\x9d" },
                                        { "'", "'" }, { "\"", "\"" } };
    for (int k = 0; k < 4; k++) {
      size_t ol = strlen(q[k][0]), cl = strlen(q[k][1]);
      if (v.n > ol && !memcmp(v.s, q[k][0], ol))
        for (size_t i = ol + 1; i + cl <= v.n; i++)
          if (!memcmp(v.s + i, q[k][1], cl) && (i + cl == v.n || !rk_isalpha((unsigned char)v.s[i + cl])))
            return title_with_paren(x, (Str){ v.s + ol, i - ol }, base + 1);
    }
  }
  /* The name model works on offsets into a text: a headline from the
   * page's metadata is its own text, not part of the document's. */
  RkEx in_meta = *x;
  if (!(v.s >= x->text && v.s <= x->text + x->doc->len)) {
    in_meta.text = v.s;
    in_meta.char_mark = NULL;  /* it counts in the document's text */
  }
  const RkEx *nx = &in_meta;
  size_t      off = (size_t)(v.s - nx->text);

  /* "Nadine Lebaki's Capernaum" */
  for (size_t i = 1; i + 3 < v.n; i++) {
    size_t k = !strncmp(v.s + i, "'s ", 3) ? 3 : (i + 5 <= v.n && !memcmp(v.s + i, "\xe2\x80\x99s ", 5) ? 5 : 0);
    if (!k)
      continue;
    RkSpan sp;
    if (rk_name_at(nx, off, off + i, &sp) && sp.e == off + i && sp.ntok >= 2) {
      char *who = rk_clean_person(nx, nx->text + sp.s, sp.e - sp.s);
      int   year = 0;
      Str   rest = possessed_title(trimmed(v.s, i + k, v.n), &year);
      st = who ? add_title_cand(x, rest.s, rest.n, base + 1, year, NULL, who) : RK_OK;
      free(who);
      return st;
    }
    break;
  }
  /* a cast line ("Lauren Holly as Yuko Ogino") or a label with a date is no headline */
  for (size_t i = 0; i + 4 <= v.n; i++)
    if (v.s[i] == ' ' && !strncmp(v.s + i, " as ", 4))
      return RK_OK;
  const char *colon = memchr(v.s, ':', v.n);
  if (colon) {
    const char *after = colon + 1;
    size_t lo = off, c = (size_t)(colon - nx->text);
    RkSpan a, b;
    while (after < v.s + v.n && *after == ' ') after++;
    if (after < v.s + v.n && rk_isdigit((unsigned char)*after))
      return RK_OK;
    /* "Ricardo Darín: Benjamín Esposito" is a cast line */
    if (rk_name_at(nx, lo, c, &a) && a.e == c && a.ntok >= 2 &&
        rk_name_at(nx, (size_t)(after - nx->text), lo + v.n, &b) && b.e == lo + v.n)
      return RK_OK;
  }
  /* a title quoted inside a headline: "Hitchcock's ... 'North By Northwest' Returns" */
  {
    static const char *const q[][2] = { { "\xe2\x80\x98", "\xe2\x80\x99" }, { "\xe2\x80\x9c", "\xe2\x80\x9d" },
                                        { "'", "'" }, { "\"", "\"" } };
    for (int k = 0; k < 4; k++) {
      size_t ol = strlen(q[k][0]), cl = strlen(q[k][1]);
      for (size_t i = 1; i + ol < v.n; i++) {
        if (v.s[i - 1] != ' ' || memcmp(v.s + i, q[k][0], ol) || !rk_isupper((unsigned char)v.s[i + ol]))
          continue;
        for (size_t j = i + ol + 1; j + cl <= v.n; j++)
          if (!memcmp(v.s + j, q[k][1], cl) && (j + cl == v.n || !rk_isalpha((unsigned char)v.s[j + cl]))) {
            if ((st = add_title_cand(x, v.s + i + ol, j - i - ol, base + 1, 0, NULL, NULL)))
              return st;
            break;
          }
      }
    }
  }
  /* "U = Unforgiven", "Title | Site", "Title – Site": each part may be it */
  static const Str seps[] = { STR(" = "), STR(" | "), STR(" \xe2\x80\x93 "), STR(" \xe2\x80\x94 "), STR(" - ") };
  for (const Str *sp = seps; sp < seps + N_OF(seps); sp++)
    for (size_t i = 0; i + sp->n <= v.n; i++)
      if (v.s[i] == ' ' && v.s[i + 1] == sp->s[1] && !memcmp(v.s + i, sp->s, sp->n)) {  /* each starts " X" */
        size_t k = sp->n;
        if ((st = title_with_paren(x, (Str){ v.s, i }, base - 0.5)) ||
            (st = title_with_paren(x, (Str){ v.s + i + k, v.n - i - k }, base - 0.5)))
          return st;
        break;
      }
  /* the whole line, and the part before a colon */
  if ((st = title_with_paren(x, v, base)))
    return st;
  if (colon && colon > v.s)
    st = title_with_paren(x, (Str){ v.s, (size_t)(colon - v.s) }, base);
  return st;
}

/* How common a lower-cased byte is in English text (higher: more common;
 * 0: rare, as punctuation, digits and UTF-8 bytes mostly are). */
static int
byte_commonness(unsigned char c)
{
  static const unsigned char rank[256] = {  /* from zqxjkvbpygfwmucldrhsnioate, space */
    ['z'] = 1, ['q'] = 2, ['x'] = 3, ['j'] = 4, ['k'] = 5, ['v'] = 6, ['b'] = 7, ['p'] = 8, ['y'] = 9,
    ['g'] = 10, ['f'] = 11, ['w'] = 12, ['m'] = 13, ['u'] = 14, ['c'] = 15, ['l'] = 16, ['d'] = 17,
    ['r'] = 18, ['h'] = 19, ['s'] = 20, ['n'] = 21, ['i'] = 22, ['o'] = 23, ['a'] = 24, ['t'] = 25,
    ['e'] = 26, [' '] = 27,
  };
  return rank[c];
}

/* The first q in [p, end) where t[q + a] is @p ca and t[q + b] is @p cb,
 * or end: where a title with those letters there can start.  Sixteen
 * places a step with SSE2; reads t up to end - 1 + the larger offset. */
static size_t
letter_pair_at(const char *t, size_t p, size_t end, size_t a, char ca, size_t b, char cb)
{
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(ca), vb = _mm_set1_epi8(cb);

  for (; p + 16 <= end; p += 16) {
    __m128i ta = _mm_loadu_si128((const __m128i *)(t + p + a)), tb = _mm_loadu_si128((const __m128i *)(t + p + b));
    int     both = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(ta, va), _mm_cmpeq_epi8(tb, vb)));
    if (both)
      return p + (size_t)__builtin_ctz((unsigned)both);
  }
#endif
  while (p < end && !(t[p + a] == ca && t[p + b] == cb)) p++;
  return p;
}

/* Case-insensitive, word-bounded occurrences of @p title in the body.
 * Runs once per candidate over the whole body, so it looks in the
 * lower-cased copy for the title's two rarest letters at once, where few
 * places stop it, and compares the rest there (candidates are at most 120
 * bytes; a longer title is compared in place, line by line).  One scan
 * runs on through the lines below the header; a hit is then checked
 * against the line it falls in (the lines tile the text in order, '\n'
 * between them). */
static int
occurrences(const RkEx *x, const char *title)
{
  size_t k = strlen(title), j = 0;
  int    count = 0;
  char   low[128];
  size_t first = (size_t)(x->header_end > 0 ? x->header_end : 0);

  if (k < 2 || first >= x->zones->n)
    return 0;
  for (size_t i = 0; i < k && k < sizeof low; i++) {
    low[i] = (char)(rk_isupper((unsigned char)title[i]) ? title[i] | 0x20 : title[i]);
    if (byte_commonness((unsigned char)low[i]) < byte_commonness((unsigned char)low[j]))
      j = i;
  }
  if (k < sizeof low) {
    const RkLine *l = &x->zones->lines[first];
    size_t        hi = x->zones->lines[x->zones->n - 1].end;  /* the text's end */
    size_t        j2 = j ? 0 : 1;                             /* the next rarest letter */
    for (size_t i = 0; i < k; i++)
      if (i != j && byte_commonness((unsigned char)low[i]) < byte_commonness((unsigned char)low[j2]))
        j2 = i;
    for (size_t p = l->start; p + k <= hi; p++) {
      /* the title at p has its letters j and j2 at p + j and p + j2 */
      if ((p = letter_pair_at(x->lower, p, hi - k + 1, j, low[j], j2, low[j2])) + k > hi)
        break;
      while (l->end < p) l++;  /* the line p is in */
      if (p + k > l->end || (l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_CAPTION))
        continue;
      if (x->lower[p] != low[0] || memcmp(x->lower + p, low, k))
        continue;
      /* "the convoy stops": a capitalised title's word in lower case
       * is the ordinary word, not the film */
      if (rk_isupper((unsigned char)title[0]) && rk_islower((unsigned char)x->text[p]))
        continue;
      if ((p == l->start || !rk_isalnum((unsigned char)x->text[p - 1])) &&
          (p + k == l->end || !rk_isalnum((unsigned char)x->text[p + k])))
        count++;
    }
    return count;
  }
  for (size_t i = first; i < x->zones->n; i++) {
    const RkLine *l = &x->zones->lines[i];
    if (l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_CAPTION)
      continue;
    for (size_t p = l->start; p + k <= l->end; p++) {
      if (!rk_at(x->text, p, l->end, title) ||
          (rk_isupper((unsigned char)title[0]) && rk_islower((unsigned char)x->text[p])))
        continue;  /* as above: a capitalised title is no lower-case word */
      if ((p == l->start || !rk_isalnum((unsigned char)x->text[p - 1])) &&
          (p + k == l->end || !rk_isalnum((unsigned char)x->text[p + k])))
        count++;
    }
  }
  return count;
}

static int masthead(RkEx *x, Str v, size_t *len);

/* Does the text at [s, s+n) look like a person's name (so it is probably
 * a credit line, not a title)? */
static int
person_shaped(const RkEx *x, const char *title)
{
  size_t n;
  int    tok = rk_name_tokens(title);

  if (tok < 2 || tok > 3)
    return 0;
  rk_name_first(title, &n);
  return rk_lexicon_is_given_name(x->lex, title, n) && rk_person_score(x, title) > 0;
}

/* The first capital letter (A-Z) in t[i, hi), or hi.  The body-wide
 * title rules start only at capitals, a few percent of the bytes: test
 * sixteen bytes a step (eight without SSE2, as rk_ascii_lower does). */
static size_t
next_capital(const char *t, size_t i, size_t hi)
{
#if defined(__SSE2__)
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1);

  for (; i + 16 <= hi; i += 16) {
    /* signed compares: bytes >= 0x80 are negative, below 'A' */
    __m128i v = _mm_loadu_si128((const __m128i *)(t + i));
    int     caps = _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z)));
    if (caps)
      return i + (size_t)__builtin_ctz((unsigned)caps);
  }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

  for (; i + 8 <= hi; i += 8) {
    uint64_t w, low7, ge_a, gt_z, caps;
    memcpy(&w, t + i, 8);
    /* per byte, in its high bit: >= 'A' and not > 'Z' (bytes >= 0x80 masked out) */
    low7 = w & ~highs;
    ge_a = low7 + ones * (0x80 - 'A');
    gt_z = low7 + ones * (0x80 - 'Z' - 1);
    if ((caps = ge_a & ~gt_z & ~w & highs))
      return i + (size_t)(__builtin_ctzll(caps) >> 3);  /* the lowest address first */
  }
#endif
  while (i < hi && !rk_isupper((unsigned char)t[i])) i++;
  return i;
}

/* ALL-CAPS runs in the body ("SEVEN SAMURAI", "LAGAAN"): reviews that
 * write the title in capitals. */
static RkStatus
caps_candidates(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; (i = next_capital(t, i, hi)) < hi && !st; i++) {
    if (i > lo && rk_isalnum((unsigned char)t[i - 1]))
      continue;
    size_t e = i, last = i;
    int    letters = 0, words = 0;
    while (e < hi && (rk_isupper((unsigned char)t[e]) || t[e] == ' ' || t[e] == '\'' || rk_isdigit((unsigned char)t[e]))) {
      if (rk_isupper((unsigned char)t[e])) letters++;
      if (t[e] != ' ') last = e + 1;
      if (t[e] == ' ' && (e + 1 >= hi || !rk_isupper((unsigned char)t[e + 1]))) break;
      if (t[e] == ' ') words++;
      e++;
    }
    if (last < hi && rk_isalpha((unsigned char)t[last])) {  /* "ON PAPER at" */
      i = last;
      continue;
    }
    if (letters >= 5 || (letters >= 4 && words >= 1)) {
      /* title case it: "SEVEN SAMURAI" -> "Seven Samurai" */
      char *c = rk_strndup(t + i, last - i);
      if (!c)
        return RK_ERR_NOMEM;
      for (size_t k = 1; c[k]; k++)
        if (c[k - 1] != ' ')
          c[k] = (char)tolower((unsigned char)c[k]);
      st = add_title_cand(x, c, strlen(c), 0.5, 0, NULL, NULL);
      free(c);
    }
    i = last;
  }
  return st;
}

/* The first e in [from, hi) where " is " or " was " stands, or hi.  Both
 * words end in "s ": look for the rare 's' and check around it.  t[hi]
 * ends the line ('\n' or NUL), so no match runs past it. */
static size_t
next_is_or_was(const char *t, size_t from, size_t hi)
{
  for (size_t j = from + 2; j < hi; j++) {
    const char *s = memchr(t + j, 's', hi - j);
    if (!s)
      break;
    j = (size_t)(s - t);
    if (t[j + 1] != ' ')
      continue;
    if (t[j - 1] == 'i' && t[j - 2] == ' ')
      return j - 2;
    if (j >= from + 3 && t[j - 1] == 'a' && t[j - 2] == 'w' && t[j - 3] == ' ')
      return j - 3;
  }
  return hi;
}

/* "Hoop Dreams is not a simple documentary": a capitalised run at a
 * sentence start followed by "is"/"was". */
static RkStatus
subject_candidates(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;
  size_t      iw = SIZE_MAX;  /* the next " is "/" was " at or after i, once looked for */

  for (size_t i = lo; (i = next_capital(t, i, hi)) < hi && !st; i++) {
    if (!(i == lo || (i >= lo + 2 && t[i - 1] == ' ' && (t[i - 2] == '.' || t[i - 2] == '!' || t[i - 2] == '?'))))
      continue;
    /* the subject ends at " is "/" was " or punctuation, within 60 bytes */
    static const unsigned char stop[256] = { ['.'] = 1, [','] = 1, [';'] = 1,
                                             ['!'] = 1, ['?'] = 1, ['('] = 1 };
    size_t e = i, lim = hi - i > 60 ? i + 60 : hi;
    if (iw == SIZE_MAX || iw < i)
      iw = next_is_or_was(t, i, hi);
    /* with no is/was in reach the walk below stops at punctuation (no
     * candidate) or at lim: only a space there makes one */
    if (iw >= lim && !(lim < hi && t[lim] == ' '))
      continue;
    /* iw is the first space before "is"/"was" at or after i: the walk
     * stops there, so it need not test the spaces before it */
    size_t to = iw < lim ? iw : lim;
#if defined(__SSE2__)
    /* the walk runs tens of bytes for every sentence start: sixteen a step */
    for (; e + 16 <= to; e += 16) {
      __m128i c    = _mm_loadu_si128((const __m128i *)(const void *)(t + e));
      __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('.')), _mm_cmpeq_epi8(c, _mm_set1_epi8(','))),
                                  _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(';')), _mm_cmpeq_epi8(c, _mm_set1_epi8('!'))));
      int     mask = _mm_movemask_epi8(_mm_or_si128(hits, _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('?')),
                                                                       _mm_cmpeq_epi8(c, _mm_set1_epi8('(')))));
      if (mask) {
        e += (size_t)__builtin_ctz((unsigned)mask);  /* a stop byte: the walk below ends at once */
        break;
      }
    }
#endif
    while (e < to && !stop[(unsigned char)t[e]])
      e++;
    /* "The story is ...", "The film was ...": an article and one ordinary
     * word is the sentence's subject, not a title */
    if (e < hi && t[e] == ' ' && e > i) {
      size_t sp = i;
      while (sp < e && t[sp] != ' ') sp++;
      int article = rk_is_function_word(t + i, sp - i);
      int one_common = sp < e && !memchr(t + sp + 1, ' ', e - sp - 1) && rk_is_common_word(x, t + sp + 1, e - sp - 1);
      if (!(article && one_common))
        st = add_title_cand(x, t + i, e - i, 0.5, 0, NULL, NULL);
    }
  }
  return st;
}

/* "Hayao Miyazaki's Spirited Away": a person's possessive before a
 * capitalised run. */
static RkStatus
possessive_candidates(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkSpan     *spans;
  size_t      n;
  RkStatus    st;

  if ((st = rk_names_in(x, lo, hi, &spans, &n)))
    return st;
  for (size_t k = 0; k + 1 < n && !st; k++) {
    size_t p = spans[k].e, q;
    if (p + 3 <= hi && !strncmp(t + p, "'s ", 3)) q = p + 3;
    else if (p + 5 <= hi && !memcmp(t + p, "\xe2\x80\x99s ", 5)) q = p + 5;
    else continue;
    if (spans[k + 1].s != q || spans[k].ntok < 2)
      continue;
    char *who = rk_clean_person(x, t + spans[k].s, spans[k].e - spans[k].s);
    if (who && rk_person_score(x, who) > 0)
      st = add_title_cand(x, t + spans[k + 1].s, spans[k + 1].e - spans[k + 1].s, 0.5, 0, NULL, NULL);
    free(who);
  }
  free(spans);
  return st;
}

/* Where a quote opened before @p q closes (" or ”), looking at most 80
 * bytes on; @p hi or the limit when it does not. */
static size_t
quote_close(const char *t, size_t q, size_t hi)
{
  size_t e = q;

  while (e < hi && e - q < 80 && t[e] != '"' && memcmp(t + e, "\xe2\x80\x9d", 3)) e++;
  return e;
}

/* Quoted runs in the body: “City of God”, "Heat". */
static RkStatus
quoted_candidates(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t p = lo; p + 3 < hi && !st; p++) {
    if (t[p] != '"' && (t[p] != '\xe2' || memcmp(t + p, "\xe2\x80\x9c", 3)))
      continue;
    size_t q = p + (t[p] == '"' ? 1 : 3), e = quote_close(t, q, hi);
    size_t after = e + (e < hi && t[e] == '"' ? 1 : 3);
    /* "Pete “Maverick” Mitchell": a nickname between a first name and a surname */
    int nickname = p >= lo + 2 && t[p - 1] == ' ' && rk_isalpha((unsigned char)t[p - 2]) && p >= lo + 2 &&
                   after + 1 < hi && t[after] == ' ' && rk_isupper((unsigned char)t[after + 1]);
    if (nickname) {
      size_t w = p - 1;
      while (w > lo && rk_isalpha((unsigned char)t[w - 1])) w--;
      nickname = rk_isupper((unsigned char)t[w]);
    }
    /* "“Something Golden” (1987)": a year after the quote marks a film */
    int year = 0;
    if (after + 7 <= hi && t[after] == ' ' && t[after + 1] == '(' && t[after + 6] == ')' &&
        rk_isdigit((unsigned char)t[after + 2]) && rk_isdigit((unsigned char)t[after + 5]))
      year = atoi(t + after + 2);
    if (year < 1880 || year > 2039)
      year = 0;
    if (e < hi && e > q && !nickname && !more_words_than((Str){ t + q, e - q }, 8))
      st = add_title_cand(x, t + q, e - q, year ? 1.0 : 0.25, year, NULL, NULL);
    p = e;
  }
  return st;
}

/* The end of a run of capitalised words at @p p ("Man On Wire", "The Day
 * of the Jackal"): small words may sit inside, not at the end.  Returns
 * @p p when there is none. */
static size_t
capitalised_run(const char *t, size_t p, size_t hi)
{
  size_t e = p, w = p;

  while (w < hi && (rk_isupper((unsigned char)t[w]) || rk_isdigit((unsigned char)t[w]) ||
                    (rk_islower((unsigned char)t[w]) && e > p))) {
    size_t k = w;
    while (k < hi && (rk_isalnum((unsigned char)t[k]) || t[k] == '-' || t[k] == '\'')) k++;
    if (rk_islower((unsigned char)t[w]) && !rk_is_function_word(t + w, k - w))
      break;
    if (!rk_islower((unsigned char)t[w]))
      e = k;
    if (k + 1 >= hi || t[k] != ' ')
      break;
    w = k + 1;
  }
  return e;
}

/* "Directed by James Marsh, Man On Wire reconstructs ...": a sentence that
 * opens on its director's credit has the film as its subject. */
static RkStatus
directed_by_opener(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text, *m;
  RkStatus    st = RK_OK;

  /* a capital D is rare: memchr finds the candidates */
  for (size_t i = lo; i + 16 < hi && !st && (m = memchr(t + i, 'D', hi - 16 - i)); i++) {
    RkSpan sp;
    i = (size_t)(m - t);
    if ((i > lo && rk_isalnum((unsigned char)t[i - 1])) || strncmp(t + i, "Directed by ", 12) ||
        !rk_name_at(x, i + 12, hi, &sp) || sp.ntok < 2 || sp.e + 2 >= hi || t[sp.e] != ',' || t[sp.e + 1] != ' ')
      continue;
    size_t s = sp.e + 2, e = capitalised_run(t, s, hi);
    /* the subject ends where its verb starts */
    if (e > s && e + 1 < hi && t[e] == ' ' && rk_islower((unsigned char)t[e + 1]))
      st = add_title_cand(x, t + s, e - s, 1.0, 0, NULL, NULL);
  }
  return st;
}

/* Where the film's name starts after "the plot of " or "the first 20
 * minutes of " standing at @p w (the cue's 'p' or 'm'), or 0. */
static size_t
part_of_cue(const char *t, size_t lo, size_t w, size_t hi)
{
  if ((t[w] | 0x20) == 'p')
    return w >= lo + 4 && rk_at(t, w - 4, hi, "the ") ? (rk_at(t, w, hi, "plot of ") ? w + 8 :
                                                         rk_at(t, w, hi, "premise of ") ? w + 11 : 0) : 0;
  if (!rk_at(t, w, hi, "minutes of ") || w < lo + 2 || t[w - 1] != ' ' || !rk_isdigit((unsigned char)t[w - 2]))
    return 0;
  size_t d = w - 2;
  while (d > lo && rk_isdigit((unsigned char)t[d - 1])) d--;
  if ((d >= lo + 6 && (rk_at(t, d - 6, hi, "first ") || rk_at(t, d - 6, hi, "final "))) ||
      (d >= lo + 8 && rk_at(t, d - 8, hi, "opening ")) || (d >= lo + 5 && rk_at(t, d - 5, hi, "last ")))
    return w + 11;
  return 0;
}

/* "The plot of Alien is simple", "the first 20 minutes of Honeyland": the
 * film named as the whole its plot or its minutes belong to. */
static RkStatus
part_of_title(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text, *m;
  RkStatus    st = RK_OK;

  /* the cues turn on "plot"/"premise" and "minutes": find their first
   * letters in the lower-cased copy */
  for (int k = 0; k < 2; k++)
    for (size_t i = lo; i + 8 < hi && !st && (m = memchr(x->lower + i, k ? 'm' : 'p', hi - 8 - i)); i++) {
      i = (size_t)(m - x->lower);
      size_t p = part_of_cue(t, lo, i, hi), e;
      if (!p)
        continue;
      e = capitalised_run(t, p, hi);
      /* "The plot of Alien is", "minutes of Honeyland may mislead": a verb follows */
      if (e > p && e + 1 < hi && t[e] == ' ' && rk_islower((unsigned char)t[e + 1]))
        st = add_title_cand(x, t + p, e - p, 1.0, 0, NULL, NULL);
    }
  return st;
}

/* Is [s, s+n) the kind word @p k (of length @p kn), or its plural? */
static inline int
kind_is(const char *s, size_t n, const char *k, size_t kn)
{
  return (n == kn || (n == kn + 1 && s[n - 1] == 's')) && !strncasecmp(s, k, kn);
}

/* Is [s, s+n) a word for a kind of film ("film", "documentary", "thriller")? */
static int
film_kind_word(const char *s, size_t n)
{
  /* most words are no kind: reject by length (4 to 11, plus a plural 's'),
   * then compare only the kinds that start with the word's first letter */
  if (n < 4 || n > 12)
    return 0;
#define KIND(lit) kind_is(s, n, lit, sizeof lit - 1)
  switch ((unsigned char)s[0] | 0x20) {
  case 'a': return KIND("adventure") || KIND("animation");
  case 'b': return KIND("biopic");
  case 'c': return KIND("comedy");
  case 'd': return KIND("documentary") || KIND("drama");
  case 'e': return KIND("epic");
  case 'f': return KIND("film") || KIND("feature") || KIND("fable");
  case 'h': return KIND("horror");
  case 'm': return KIND("movie") || KIND("musical") || KIND("melodrama") || KIND("masterpiece") || KIND("mystery");
  case 'n': return KIND("noir");
  case 'p': return KIND("picture");
  case 'r': return KIND("romance") || KIND("remake");
  case 's': return KIND("satire") || KIND("story") || KIND("sequel");
  case 't': return KIND("thriller") || KIND("tale");
  case 'w': return KIND("western");
  default:  return 0;
  }
#undef KIND
}

/* Sentences that define the film when no headline names it: "Fargo is yet
 * another offbeat, highly entertaining film from the Coen brothers",
 * "Disney/Pixar's Coco is a fun ... family adventure", and "his 2006
 * masterpiece, “Pan's Labyrinth.”" (a quoted title in apposition to a
 * film word after his/her/their). */
static RkStatus
defining_sentence(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i + 6 < hi && !st; i++) {
    if ((i = rk_ex_next_word_start(x, i, hi - 4, 'i', 'i')) >= hi - 4)
      break;
    if (memcmp(t + i, " is ", 4))
      continue;
    size_t p = i + 4;
    if (rk_at(t, p, hi, "yet another ")) p += 12;
    else if (rk_at(t, p, hi, "another ")) p += 8;
    else if (rk_at(t, p, hi, "a ")) p += 2;
    else if (rk_at(t, p, hi, "an ")) p += 3;
    else if (rk_at(t, p, hi, "the ")) p += 4;  /* "is the film with the most admissions" */
    else continue;
    /* a film word within the next eight words of the same sentence */
    int kind = 0;
    for (int w = 0; w < 8 && p < hi && !kind; w++) {
      size_t e = p;
      while (e < hi && (rk_isalpha((unsigned char)t[e]) || t[e] == '-')) e++;
      if (e == p || t[p] == '.')
        break;
      kind = film_kind_word(t + p, e - p);
      while (e < hi && (t[e] == ',' || t[e] == ' ')) e++;
      if (e < hi && (t[e] == '.' || t[e] == ';' || t[e] == '!' || t[e] == '?' || t[e] == '(' || !t[e]))
        break;
      p = e;
    }
    if (!kind)
      continue;
    /* the subject: a capitalised run from the sentence start (after a
     * studio's or a person's possessive) to " is " */
    size_t s = i;
    while (s > lo && !(t[s - 1] == ' ' && s >= lo + 2 && (t[s - 2] == '.' || t[s - 2] == '!' || t[s - 2] == '?' || !t[s - 2])))
      s--;
    /* "Northlight Studio's Harbor Lights is": the run after the last
     * possessive of the sentence's first three words */
    int the = rk_at(t, s, hi, "The ");  /* "The Devil's Backbone is": the possessive is the title's */
    for (size_t q = s, words = 0; q < i && words < 3 && !the; q++) {
      if (t[q] != ' ')
        continue;
      words++;
      if ((q >= s + 2 && !strncmp(t + q - 2, "'s", 2)) || (q >= s + 4 && !memcmp(t + q - 4, "\xe2\x80\x99s", 4)))
        s = q + 1;
    }
    /* "..., “Train to Busan” is the film": a quoted subject, wherever
     * in the sentence it opens */
    size_t end = i;
    if (i >= s + 6 && !memcmp(t + i - 3, "\xe2\x80\x9d", 3)) {
      for (size_t o = i - 3; o >= s + 3 && o + 80 > i; o--)
        if (!memcmp(t + o - 3, "\xe2\x80\x9c", 3)) {
          s = o, end = i - 3;
          break;
        }
    } else if (i > s + 2 && t[i - 1] == '"') {
      for (size_t o = i - 1; o > s && o + 80 > i; o--)
        if (t[o - 1] == '"') {
          s = o, end = i - 1;
          break;
        }
    }
    size_t e = capitalised_run(t, s, hi);
    /* "Dune: Part Two is": a subtitle after a colon belongs to the title */
    if (e < end && e + 2 < end && t[e] == ':' && t[e + 1] == ' ')
      e = capitalised_run(t, e + 2, hi);
    if (e != end) {
      /* "After a long winter, Quiet Hollow is another film": the subject
       * after an opening phrase's comma */
      size_t c = end;
      while (c > s + 1 && !(t[c - 1] == ' ' && t[c - 2] == ',')) c--;
      if (c > s + 1) {
        size_t e2 = capitalised_run(t, c, hi);
        if (e2 < end && e2 + 2 < end && t[e2] == ':' && t[e2 + 1] == ' ')
          e2 = capitalised_run(t, e2 + 2, hi);
        if (e2 == end)
          s = c, e = e2;
      }
    }
    if (e != end || e == s)
      continue;
    size_t sp = s;
    while (sp < e && t[sp] != ' ') sp++;
    if (sp == e && (rk_is_function_word(t + s, e - s) || rk_is_common_word(x, t + s, e - s)))
      continue;  /* "It is a film", "This is a movie" */
    st = add_title_cand(x, t + s, e - s, 1.0, 0, NULL, NULL);
  }
  return st;
}

/* "his 2006 masterpiece, “Pan's Labyrinth.”": a quoted title after an
 * owner's film word names the film when no headline does. */
static RkStatus
owned_quoted_title(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = lo; i + 8 < hi && !st; i++) {
    if (memcmp(t + i, "\xe2\x80\x9c", 3) && t[i] != '"')
      continue;
    size_t b = i;
    while (b > lo && (t[b - 1] == ' ' || t[b - 1] == ',' || t[b - 1] == ':')) b--;
    size_t w = b;
    while (w > lo && rk_isalpha((unsigned char)t[w - 1])) w--;
    if (w == b || !film_kind_word(t + w, b - w))
      continue;
    /* back over an adjective or a year to the possessive determiner */
    int owner = 0;
    size_t k = w;
    for (int n = 0; n < 3 && k > lo + 1 && !owner; n++) {
      size_t we = k - 1, ws = we;
      while (ws > lo && t[ws - 1] != ' ') ws--;
      owner = (we - ws == 3 && (!strncmp(t + ws, "his", 3) || !strncmp(t + ws, "her", 3) || !strncmp(t + ws, "its", 3))) ||
              (we - ws == 5 && !strncmp(t + ws, "their", 5));
      k = ws;
    }
    if (!owner)
      continue;
    size_t q = i + (t[i] == '"' ? 1 : 3), e = quote_close(t, q, hi);
    if (e < hi && e > q && !more_words_than((Str){ t + q, e - q }, 8))
      st = add_title_cand(x, t + q, e - q, 1.0, 0, NULL, NULL);
  }
  return st;
}

/* The number of words of @p v if every word of four letters or more
 * starts with a capital (or a non-ASCII letter), else 0. */
static int
title_cased_words(Str v)
{
  int words = 0;

  for (size_t i = 0; i < v.n;) {
    size_t n = 0;
    while (i + n < v.n && v.s[i + n] != ' ') n++;
    if (n >= 4 && !rk_isupper((unsigned char)v.s[i]) && (unsigned char)v.s[i] < 0xC3)
      return 0;
    words += n > 0;
    i += n;
    while (i < v.n && v.s[i] == ' ') i++;
  }
  return words;
}

/* Is every word of four letters or more capitalised ("The Making of
 * African Cinema"), and are there at least three words (an image credit's
 * "Title: Kobal Collection" has two)? */
static int
title_cased(const char *s)
{
  return title_cased_words((Str){ s, strlen(s) }) >= 3;
}

/* Score every candidate and keep the best as the film's title; @p late
 * runs after credits and prose, when people and characters are known. */
/* A one-word candidate little evidence speaks for that names no film:
 * "Hungarian", "Kannada" (a film's language or people, mentioned often)
 * or "Farraday" after "Imogen Farraday" (a person's surname). */
static int
body_word_no_title(const RkEx *x, const RkTitleCand *c)
{
  return c->score < 2 && !strchr(c->title, ' ') &&
         (rk_is_demonym(x, c->title, strlen(c->title)) || surname_after_name(x, c->title, 1));
}

static RkStatus
pick_title(RkEx *x, int late)
{
  RkStatus st;
  int      best = -1;

  for (size_t i = 0; i < x->n_tc; i++) {
    RkTitleCand *c = &x->tc[i];
    c->total = -1;
    if (c->alt_only || (!late && c->score < 1))
      continue;  /* never the pick (below); no need to count it */
    if (c->occ < 0)
      c->occ = occurrences(x, c->title);  /* the text does not change between the passes */
    int occ = c->occ;
    double sc = c->score + (occ > 5 ? 5 : occ);
    if (c->score < 1 && occ < 2)
      continue;
    if (c->score < 2 && occ < 1)
      continue;
    if (!c->alt_only && person_shaped(x, c->title) && c->score < 3)
      sc -= 3;
    if (!late && c->score < 1)
      continue;  /* body-only evidence waits until people and characters are known */
    if (late && (rk_ex_lookup(x, c->title, 0) != RK_NONE || rk_ex_is_character(x, c->title)))
      continue;
    if (c->alt_only || (late && body_word_no_title(x, c)))
      continue;
    if (best < 0 || sc > x->tc[best].total + 1e-9 ||
        (sc > x->tc[best].total - 1e-9 && strlen(c->title) > strlen(x->tc[best].title)))
      best = (int)i;
    c->total = sc;
  }
  /* a longer candidate that contains the best one and scores close to it
   * is the fuller title ("The General" over "General") */
  for (size_t i = 0; best >= 0 && i < x->n_tc; i++) {
    RkTitleCand *c = &x->tc[i], *b = &x->tc[best];
    size_t lc = strlen(c->title), lb = strlen(b->title);
    if ((int)i == best || c->alt_only || lc <= lb || c->total < b->total - 3 || (!late && c->score < 1))
      continue;
    static const char *const articles[] = { "The ", "A ", "An ", "La ", "Le ", "Les ", "El ",
                                            "Die ", "Der ", "Das ", "Il ", "L'", NULL };
    for (const char *const *a = articles; *a; a++)
      if (lc == lb + strlen(*a) && !strncasecmp(c->title, *a, strlen(*a)) && !strcasecmp(c->title + strlen(*a), b->title))
        best = (int)i;
    /* "Sembène: The Making of African Cinema" over "Sembène": a subtitle in
     * title case belongs to the title (a headline's tail after a colon is
     * a sentence) */
    if (lc > lb + 2 && c->score >= b->score && !strncasecmp(c->title, b->title, lb) && c->title[lb] == ':' &&
        c->title[lb + 1] == ' ' && title_cased(c->title + lb + 2))
      best = (int)i;
    /* "Something Golden" (1987) over a headline's quoted "Golden": a
     * dated title that holds the best one as its first or last words */
    else if (c->year && !b->year &&
             ((!strncasecmp(c->title, b->title, lb) && c->title[lb] == ' ') ||
              (c->title[lc - lb - 1] == ' ' && !strcasecmp(c->title + lc - lb, b->title))))
      best = (int)i;
  }
  if (getenv("RK_DEBUG_TITLES"))
    for (size_t i = 0; i < x->n_tc; i++)
      fprintf(stderr, "title%s %-50s base %.2f total %.2f%s\n", late ? "(late)" : "", x->tc[i].title,
              x->tc[i].score, x->tc[i].total, (int)i == best ? "  <=" : "");
  if (best < 0 || x->tc[best].total < (late ? 2.0 : 1.0))
    return RK_OK;
  if (late && !x->tc[best].score && x->tc[best].total < 4)
    return RK_OK;  /* a name the body merely repeats needs to repeat a lot */
  RkTitleCand *c = &x->tc[best];
  if ((st = rk_strlist_add_unique(&x->r->titles, c->title)))
    return st;
  x->r->title_ev = rk_ex_evidence(x, 0, 0, 0.8f, "title");
  if (c->alt && (st = rk_strlist_add_unique(&x->r->titles, c->alt)))
    return st;
  /* variants: other candidates of the same title, and titles a page
   * states as another language's ("Japanese Title: ...") */
  for (size_t i = 0; i < x->n_tc; i++) {
    RkTitleCand *o = &x->tc[i];
    if ((int)i == best)
      continue;
    if (o->alt_only && (st = rk_strlist_add_unique(&x->r->titles, o->title)))
      return st;
    if (o->alt && folded_equal(o->title, c->title) && (st = rk_strlist_add_unique(&x->r->titles, o->alt)))
      return st;
  }
  if (c->year && !x->r->year)
    x->r->year = c->year;
  /* "12 Angry Men" won from the headline, "12 Angry Men (1957)" stood in the body */
  for (size_t i = 0; i < x->n_tc && !x->r->year; i++)
    if (x->tc[i].year && folded_equal(x->tc[i].title, c->title))
      x->r->year = x->tc[i].year;
  if (c->person) {
    size_t idx;
    st = rk_ex_person(x, c->person, RK_ROLE_DIRECTOR, 0, 0, 0.7f, "headline-director's-title", &idx);
  }
  x->title = x->r->titles.items[0];
  return st;
}

/* "Directed by" / "Reviewed by" / "Cast:" with the value on the next line:
 * the line under such a label is its value, no title. */
static int
after_open_label(const RkEx *x, size_t i)
{
  const RkZones *z = x->zones;

  while (i > 0 && z->lines[i - 1].kind == RK_ZONE_BLANK) i--;
  if (i == 0)
    return 0;
  Str w = trimmed(x->text, z->lines[i - 1].start, z->lines[i - 1].end);
  if (w.n < 3 || more_words_than(w, 4))
    return 0;
  return w.s[w.n - 1] == ':' || (w.n > 3 && !strncasecmp(w.s + w.n - 3, " by", 3));
}

/* "aka - Bicycle Thief, The / Ladri di Biciclette": a line of the film's
 * other titles, each a variant of whatever title is chosen. */
static int
aka_line(RkEx *x, Str v, RkStatus *st)
{
  size_t p;

  *st = RK_OK;
  if (str_starts(v, "aka") && v.n > 4 && strchr(" -:", v.s[3])) p = 3;
  else if (str_starts(v, "a.k.a.") && v.n > 7) p = 6;
  else return 0;
  while (p < v.n && strchr(" -:", v.s[p])) p++;
  for (size_t from = p, i = p; i <= v.n && !*st; i++)
    if (i == v.n || (i + 3 <= v.n && !memcmp(v.s + i, " / ", 3))) {
      Str part = trimmed(v.s, from, i);
      if (part.n)
        *st = rk_ex_title_alternate(x, part.s, part.n);
      from = i + 3;
      i += 2;
    }
  return 1;
}

/* "• Yimou Zhang – Da hong deng long gao gao gua aka Raise the Red Lantern
 * (1991)": a tag or archive page lists the review under a bullet that
 * names the director and the film with its year. */
static RkStatus
bullet_heading(RkEx *x, Str v)
{
  const char *open = memchr(v.s, '(', v.n < 160 ? v.n : 160);

  if (!open || open + 6 != v.s + v.n || !rk_isdigit((unsigned char)open[1]) || open[5] != ')')
    return RK_OK;
  return headline_candidates(x, v, 2.0);
}

/* Is the previous non-blank line the words of line @p i in another case
 * (a slug over its heading: "the silent harbour", "The Silent Harbour")? */
static int
echoes_line_above(const RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  Str            v = trimmed(x->text, z->lines[i].start, z->lines[i].end);

  while (i > 0 && z->lines[i - 1].kind == RK_ZONE_BLANK) i--;
  if (i == 0)
    return 0;
  Str w = trimmed(x->text, z->lines[i - 1].start, z->lines[i - 1].end);
  return w.n == v.n && memcmp(w.s, v.s, v.n) && !strncasecmp(w.s, v.s, v.n);
}

/* "Seven Forgotten Westerns Worth Your Time", "My Favourite Films of
 * the Year", "Lost and Found: The Films of a Decade": a heading over a
 * list of films names none of them (a title in the plural is rare). */
static int
collection_heading(Str v)
{
  /* (and "ranked": "Every Pixar Film, Ranked" lists them) */
  static const char *const plurals[] = { "films", "movies", "westerns", "releases", "ranked", NULL };
  int depth = 0;  /* "(Sony Pictures Classics)": a distributor's name is no heading's */

  for (size_t i = 0; i < v.n; i++) {
    depth += (v.s[i] == '(') - (v.s[i] == ')' && depth > 0);
    if (depth > 0 || (i > 0 && rk_isalpha((unsigned char)v.s[i - 1])))
      continue;
    size_t e = i;
    while (e < v.n && rk_isalpha((unsigned char)v.s[e])) e++;
    if (e >= i + 5 && ((v.s[e - 1] | 0x20) == 's' || (v.s[e - 1] | 0x20) == 'd'))
      for (const char *const *p = plurals; *p; p++)
        if (strlen(*p) == e - i && !strncasecmp(v.s + i, *p, e - i))
          return 1;
    i = e > i ? e - 1 : i;
  }
  return 0;
}

/* "Ilse Varnholt Germany, 1994", "Jean Dupont France 2003": a
 * catalogue's credit line (a name, a country, a year) over its review
 * names the director, not the film. */
static int
country_year_credit(const RkEx *x, Str v)
{
  if (v.n < 12 || !rk_isdigit((unsigned char)v.s[v.n - 1]) || (v.s[v.n - 5] != ' ' && v.s[v.n - 5] != ','))
    return 0;
  for (size_t i = v.n - 4; i < v.n; i++)
    if (!rk_isdigit((unsigned char)v.s[i]))
      return 0;
  size_t e = v.n - 4;
  while (e > 0 && (v.s[e - 1] == ' ' || v.s[e - 1] == ',')) e--;
  /* the country: the last one to three words before the year */
  size_t b = e;
  for (int words = 0; words < 3 && b > 0; words++) {
    while (b > 0 && v.s[b - 1] != ' ') b--;
    if (b < e && rk_lexicon_country_code(x->lex, v.s + b, e - b))
      return b > 0;  /* a name stands before it */
    while (b > 0 && v.s[b - 1] == ' ') b--;
  }
  return 0;
}

/* Is the next non-blank line after line @p i prose (no list or credits)? */
static int
prose_follows(const RkEx *x, size_t i)
{
  const RkZones *z = x->zones;

  size_t j = rk_zones_next_filled(z, i);
  if (j >= z->n || z->lines[j].kind != RK_ZONE_BODY)
    return 0;
  Str v = trimmed(x->text, z->lines[j].start, z->lines[j].end);
  return !bullet_len(v) && is_prose_line(v);
}

/* Does the next non-blank line after line @p i hold the words of @p v? */
static int
named_in_next_line(const RkEx *x, size_t i, Str v)
{
  const RkZones *z = x->zones;
  size_t         j = rk_zones_next_filled(z, i);

  if (j >= z->n)
    return 0;
  Str w = trimmed(x->text, z->lines[j].start, z->lines[j].end);
  for (const char *p = w.s; (p = memchr(p, v.s[0], w.n - (size_t)(p - w.s))) && p + v.n <= w.s + w.n; p++)
    if (!memcmp(p, v.s, v.n) && (p == w.s || p[-1] == ' ') && (p + v.n == w.s + w.n || !rk_isalnum((unsigned char)p[v.n])))
      return 1;
  return 0;
}

/* "Dust on the Saddle (1958). A lean, mean ...", "7. Dust on the Saddle (1958)":
 * under a page's introduction, the first entry of a list of films opens a
 * line with its title and year.  Read when no headline names the film. */
static RkStatus
first_list_entry(RkEx *x, size_t from)
{
  const RkZones *z = x->zones;

  for (size_t i = from; i < z->n; i++) {
    const RkLine *l = &z->lines[i];
    if (l->kind != RK_ZONE_BODY)
      continue;
    Str         v    = trimmed(x->text, l->start, l->end);
    size_t      d    = 0;
    while (d < v.n && d < 3 && rk_isdigit((unsigned char)v.s[d])) d++;
    if (d && d + 2 < v.n && v.s[d] == '.' && v.s[d + 1] == ' ')
      v = trimmed(v.s, d + 2, v.n);  /* "7. Dust on the Saddle (1958)" */
    /* "Harbour Lights: A Fisherman's Tale:": the entry's title on a line of its own */
    if (v.n > 2 && v.s[v.n - 1] == ':' && !more_words_than(v, 8) && title_cased_words(trimmed(v.s, 0, v.n - 1)) &&
        prose_follows(x, i)) {
      char *who = rk_strndup(v.s, v.n - 1);
      int   person = who && rk_name_tokens(who) >= 2 && rk_name_tokens(who) <= 3 && rk_person_score(x, who) > 0;
      free(who);
      if (person)
        continue;  /* "Walter Hanley:", a section per filmmaker */
      return add_title_cand(x, v.s, v.n - 1, 1.5, 0, NULL, NULL);
    }
    /* "A Lantern in the Frost" over a paragraph that names it */
    if (v.n > 2 && !strchr(".!?:,;", v.s[v.n - 1]) && !more_words_than(v, 6) && title_cased_words(v) &&
        prose_follows(x, i) && named_in_next_line(x, i, v))
      return add_title_cand(x, v.s, v.n, 1.5, 0, NULL, NULL);
    const char *open = memchr(v.s, '(', v.n < 80 ? v.n : 80);
    if (!open || open + 6 > v.s + v.n || !rk_isdigit((unsigned char)open[1]) || open[5] != ')')
      continue;
    Str title = { v.s, (size_t)(open - v.s) };
    if (more_words_than(title, 8) || memchr(title.s, '.', title.n))
      continue;
    return title_with_paren(x, (Str){ v.s, (size_t)(open + 6 - v.s) }, 2.0);
  }
  return RK_OK;
}

/* "Title: Seven Samurai", "Movie: RRR": a labelled title.  Sets *st. */
static int
title_label_line(RkEx *x, Str v, RkStatus *st)
{
  static const char *const labels[] = { "film title:", "title:", "original title:", "movie:", "film:",
                                        "movie name:", "film name:", NULL };
  const char *const       *l = labels;

  *st = RK_OK;
  while (*l && !str_starts(v, *l)) l++;
  if (!*l)
    return 0;
  const char *c     = memchr(v.s, ':', v.n);
  Str         value = trimmed(c + 1, 0, v.n - (size_t)(c + 1 - v.s));
  /* "Film: A+", "Movie: 4/5": a grade under the label, no title; "Movie:
   * Picture: Sound: Extras:", the labels of a grading table */
  if (value.n && !letter_grade(value) && !(rk_isdigit((unsigned char)value.s[0]) && memchr(value.s, '/', value.n)) &&
      value.s[value.n - 1] != ':' && !empty_labels(value))
    *st = add_title_cand(x, value.s, value.n, 5, 0, NULL, NULL);
  return 1;
}

/* The page's first title-shaped line is its headline unless it is a site's
 * name or tagline: none of its candidates (from @p from on) recurs in the
 * body, while a later header line's text does.  Then the next line may be
 * the headline too. */
static int
unechoed_top_line(RkEx *x, size_t from, size_t line)
{
  const RkZones *z = x->zones;

  for (size_t k = from; k < x->n_tc; k++) {
    if (x->tc[k].occ < 0)
      x->tc[k].occ = occurrences(x, x->tc[k].title);
    if (x->tc[k].occ > 0)
      return 0;
  }
  for (size_t j = line + 1; j < z->n && (int)j < x->header_end; j++) {
    const RkLine *l = &z->lines[j];
    Str           w = trimmed(x->text, l->start, l->end);
    if (l->kind == RK_ZONE_BLANK || w.n < 2 || w.n > 120 || title_furniture(w))
      continue;
    for (size_t p = 0; p + 2 < w.n; p++) {
      if (!rk_isupper((unsigned char)w.s[p]) || (p && w.s[p - 1] != ' '))
        continue;
      size_t e = p;
      while (e < w.n && w.s[e] != '(' && w.s[e] != ':' && w.s[e] != '|') e++;
      while (e > p && (w.s[e - 1] == ' ' || w.s[e - 1] == ',')) e--;
      char *run = e - p >= 4 && e - p < 120 ? rk_strndup(w.s + p, e - p) : NULL;
      int   occ = run ? occurrences(x, run) : 0;
      free(run);
      if (occ > 0)
        return 1;
    }
  }
  return 0;
}

static RkStatus
choose_title(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;
  int            seen = 0;

  if (x->doc->meta.title) {
    Str v = { x->doc->meta.title, strlen(x->doc->meta.title) };
    /* a page title ends in " | Site" or " - Site" */
    for (size_t i = 0; i + 3 <= v.n; i++)
      if (!strncmp(v.s + i, " | ", 3) || !strncmp(v.s + i, " - ", 3)) {
        v.n = i;
        break;
      }
    if ((st = headline_candidates(x, v, 3.0)))
      return st;
  }
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    if (l->kind == RK_ZONE_BLANK || l->kind == RK_ZONE_FURNITURE || l->kind == RK_ZONE_FRONTMATTER ||
        l->kind == RK_ZONE_BYLINE || l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_SIDEBAR ||
        l->kind == RK_ZONE_CAPTION || v.n == 0)
      continue;
    if (aka_line(x, v, &st)) {
      if (st)
        break;
      continue;
    }
    /* "(Japanese Title: Shichini no samurai)": another title of the film */
    if (v.n > 2 && v.s[0] == '(' && v.s[v.n - 1] == ')') {
      Str in = { v.s + 1, v.n - 2 };
      const char *c = memchr(in.s, ':', in.n);
      if (c && c - in.s > 5 && !strncasecmp(c - 5, "title", 5)) {
        size_t k = x->n_tc;
        if ((st = add_title_cand(x, c + 1, in.n - (size_t)(c + 1 - in.s), 0, 0, NULL, NULL)))
          break;
        if (x->n_tc > k)
          x->tc[k].alt_only = 1;
        continue;
      }
    }
    if (title_label_line(x, v, &st))
      continue;
    if (l->kind == RK_ZONE_CREDITS) {
      int done;
      if ((int)i < x->header_end && (st = person_in_title(x, v, seen ? 1.0 : 2.5, &done)))
        break;
      continue;
    }
    if ((int)i >= x->header_end) {
      /* "Get Out (2017) Directed by ...": a title with its year opens a line */
      const char *open = memchr(v.s, '(', v.n < 80 ? v.n : 80);
      if (bullet_len(v))
        st = bullet_heading(x, v);
      else if (open && open + 6 <= v.s + v.n && rk_isdigit((unsigned char)open[1]) && open[5] == ')')
        st = title_with_paren(x, (Str){ v.s, (size_t)(open + 6 - v.s) }, 2.0);
      else if (!seen)
        st = first_list_entry(x, i + 1);
      break;
    }
    if (l->kind == RK_ZONE_HEADLINE || !is_prose_line(v)) {
      size_t mlen, av = archive_heading(v);
      /* "Tag Archives: Psycho": the tag may be the film, if the body says so */
      if (av && av < v.n && (st = title_with_paren(x, trimmed(v.s, av, v.n), 1.0)))
        break;
      if (masthead(x, v, &mlen) || title_furniture(v) || after_open_label(x, i) || collection_heading(v) ||
          country_year_credit(x, v))
        continue;
      /* a line the header prints twice (breadcrumb and heading) is the
       * title, as is one under its own slug ("the silent harbour") */
      int twice = echoes_line_above(x, i);
      for (size_t j = i + 1; j < z->n && (int)j < x->header_end; j++) {
        Str w = trimmed(t, z->lines[j].start, z->lines[j].end);
        if (w.n == v.n && !memcmp(w.s, v.s, v.n))
          twice = 1;
      }
      size_t before = x->n_tc;
      st = headline_candidates(x, v, (seen && !twice ? 1.0 : 2.5) + (twice ? 1.5 : 0));
      if (x->n_tc > before && !(seen == 0 && !twice && unechoed_top_line(x, before, i)))
        seen++;  /* the first line that proposes a title is the headline */
    }
  }
  /* a labelled title in a credits block below the header ("Movie: RRR") */
  for (size_t i = (size_t)(x->header_end > 0 ? x->header_end : 0) + 1; i < z->n && (int)i <= x->header_end + 12 && !st; i++) {
    const RkLine *l = &z->lines[i];
    if (l->kind == RK_ZONE_CREDITS || l->kind == RK_ZONE_BODY)
      title_label_line(x, trimmed(t, l->start, l->end), &st);
  }
  /* the line above a credits block names the film ("Rust and Bone (Kimi to ...)") */
  for (size_t i = 1; i < z->n && !st; i++) {
    if (z->lines[i].kind != RK_ZONE_CREDITS)
      continue;
    size_t j = i;
    while (j > 0 && z->lines[j - 1].kind == RK_ZONE_BLANK) j--;
    if (j == 0 || z->lines[j - 1].kind == RK_ZONE_CREDITS)
      continue;
    Str v = trimmed(t, z->lines[j - 1].start, z->lines[j - 1].end);
    /* the value under a heading ("Director\nWen Hollis") is no title */
    size_t h = j - 1;
    while (h > 0 && z->lines[h - 1].kind == RK_ZONE_BLANK) h--;
    if (h > 0 && z->lines[h - 1].kind == RK_ZONE_CREDITS && !more_words_than(trimmed(t, z->lines[h - 1].start, z->lines[h - 1].end), 3))
      continue;
    if (title_furniture(v))
      continue;
    char *who = rk_strndup(v.s, v.n);
    /* a performer's or director's name under a heading is no title */
    int named = who && rk_name_tokens(who) >= 2 && rk_name_tokens(who) <= 3 && rk_person_score(x, who) > 0;
    free(who);
    /* "La casa sul lago, il vento e la neve (The House on the Lake)":
     * a parenthesised other title does not make the line prose */
    Str         head = v;
    const char *open = v.n && v.s[v.n - 1] == ')' ? memchr(v.s, '(', v.n) : NULL;
    if (open)
      head.n = (size_t)(open - v.s);
    if (!is_prose_line(head) && v.n < 140 && !named)
      st = title_with_paren(x, v, 1.5);
  }
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    if (l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_CAPTION)
      continue;
    if (!(st = rk_line_cues(x, i, RK_CUE_QUOTE) ? quoted_candidates(x, l->start, l->end) : RK_OK) &&
        !(st = caps_candidates(x, l->start, l->end)) &&
        !(st = rk_line_cues(x, i, RK_CUE_APOSTROPHE) ? possessive_candidates(x, l->start, l->end) : RK_OK) &&
        !(st = rk_line_cues(x, i, RK_CUE_DIRECTOR) ? directed_by_opener(x, l->start, l->end) : RK_OK) &&
        !(st = rk_line_cues(x, i, RK_CUE_PART_OF) ? part_of_title(x, l->start, l->end) : RK_OK) &&
        !(st = subject_candidates(x, l->start, l->end)) &&
        !(st = rk_line_cues(x, i, RK_CUE_IS_WAS) ? defining_sentence(x, l->start, l->end) : RK_OK))
      st = rk_line_cues(x, i, RK_CUE_QUOTE) ? owned_quoted_title(x, l->start, l->end) : RK_OK;
  }
  return st ? st : pick_title(x, 0);
}

/* The last resort before a film without a name: the first quoted,
 * capitalised run of a header or body line ('8½', "Love & Friendship",
 * ‘Title’).  A film node needs a name, and a page that names its film only
 * in quotes names it there first. */
static RkStatus
quoted_title_fallback(RkEx *x)
{
  static const char *const q[][2] = { { "\xe2\x80\x98", "\xe2\x80\x99" }, { "\xe2\x80\x9c", "\xe2\x80\x9d" },
                                      { "\"", "\"" }, { "'", "'" } };
  const char *t = x->text;

  for (size_t i = 0; i < x->zones->n; i++) {
    const RkLine *l = &x->zones->lines[i];
    if (l->kind != RK_ZONE_HEADLINE && l->kind != RK_ZONE_BODY)
      continue;
    for (size_t p = l->start; p < l->end; p++)
      for (int k = 0; k < 4; k++) {
        size_t ol = strlen(q[k][0]), cl = strlen(q[k][1]), a = p + ol;
        if (p + ol >= l->end || memcmp(t + p, q[k][0], ol) || (p > l->start && rk_isalnum((unsigned char)t[p - 1])) ||
            !(rk_isupper((unsigned char)t[a]) || rk_isdigit((unsigned char)t[a])))
          continue;
        for (size_t e = a + 1; e + cl <= l->end && e - a < 60; e++)
          if (!memcmp(t + e, q[k][1], cl) && (e + cl == l->end || !rk_isalpha((unsigned char)t[e + cl]))) {
            if (more_words_than((Str){ t + a, e - a }, 6))
              break;
            size_t before = x->n_tc;
            /* the year the quote may carry: "8½ (1963)" */
            RkStatus st = title_with_paren(x, (Str){ t + a, e - a }, 2.0);
            if (st || x->n_tc > before)
              return st ? st : pick_title(x, 1);
            break;
          }
      }
  }
  return RK_OK;
}

/* "Mexico", "Turkey-Bosnia": a header's production countries, not a title. */
static int
countries_only(const RkEx *x, const char *s)
{
  for (;;) {
    size_t n = strcspn(s, "-/,");
    if (!n || !rk_lexicon_country_code(x->lex, s, n))
      return 0;
    if (!s[n])
      return 1;
    s += n + 1;
    while (*s == ' ')
      s++;
  }
}

/* The last resort, so that the review's film is not left nameless: of the
 * candidates some title evidence spoke for (a quote, a heading, a sentence
 * that defines the film), the one that evidence and the body's mentions
 * favour most, if it is no person, character or person-shaped name.  Its
 * evidence says how little it is worth (confidence 0.3), so that
 * --min-confidence can drop it. */
static RkStatus
title_guess(RkEx *x)
{
  int    best = -1;
  double best_total = 0;

  for (size_t i = 0; i < x->n_tc; i++) {
    RkTitleCand *c = &x->tc[i];
    if (c->alt_only || c->score <= 0 || person_shaped(x, c->title) || rk_ex_lookup(x, c->title, 0) != RK_NONE ||
        rk_ex_is_character(x, c->title) || countries_only(x, c->title) || body_word_no_title(x, c))
      continue;
    if (c->occ < 0)
      c->occ = occurrences(x, c->title);
    double total = c->score + (c->occ > 5 ? 5 : c->occ);
    if (best < 0 || total > best_total + 1e-9)
      best = (int)i, best_total = total;
  }
  if (best < 0)
    return RK_OK;
  RkStatus st = rk_strlist_add_unique(&x->r->titles, x->tc[best].title);
  if (!st) {
    x->r->title_ev = rk_ex_evidence(x, 0, 0, 0.3f, "title-guess");
    if (x->tc[best].year && !x->r->year)
      x->r->year = x->tc[best].year;
  }
  return st;
}

/* When nothing names the film outright, the capitalised name the body
 * repeats most that is no person and no character may be its title. */
static RkStatus
late_title(RkEx *x)
{
  RkStatus st = RK_OK;

  /* "Irwin Allen: Master of Disaster Collection", "NURI BILGE CEYLAN":
   * a headline's pick that credits and prose then found to be a performer
   * or director is no title; the late pick, which knows people, decides */
  if (x->r->titles.n && x->r->titles.n == 1 && rk_ex_lookup(x, x->r->titles.items[0], 0) != RK_NONE &&
      !rk_ex_is_character(x, x->r->titles.items[0])) {
    free(x->r->titles.items[0]);
    x->r->titles.n = 0;
  }
  if (x->r->titles.n)
    return RK_OK;
  if ((st = pick_title(x, 1)) || x->r->titles.n)
    return st;
  for (size_t i = 0; i < x->zones->n && !st; i++) {
    const RkLine *l = &x->zones->lines[i];
    RkSpan       *spans;
    size_t        n;
    if (l->kind != RK_ZONE_BODY || (st = rk_names_in(x, l->start, l->end, &spans, &n)))
      continue;
    for (size_t k = 0; k < n && !st; k++)
      if (spans[k].s > l->start + 1 && x->text[spans[k].s - 2] != '.')  /* not a sentence start */
        st = add_title_cand(x, x->text + spans[k].s, spans[k].e - spans[k].s, 0, 0, NULL, NULL);
    free(spans);
  }
  if (!st && !(st = pick_title(x, 1)) && !x->r->titles.n)
    st = quoted_title_fallback(x);
  if (!st && !x->r->titles.n)
    st = title_guess(x);
  return st;
}

/* ------------------------------------------------------------ critic */

/* A byline's name: a person's name, or a handle such as "Kaiser31083" or
 * initials "JB".  Returns the end of what it took in *end. */
static char *
byline_name(RkEx *x, size_t p, size_t hi, size_t *end)
{
  const char *t = x->text;
  RkSpan      sp;

  while (p < hi && (t[p] == ' ' || t[p] == ':' || t[p] == ',' || t[p] == '@')) p++;
  if (rk_name_at(x, p, hi, &sp)) {
    /* "By Matt Stevens Apr 23, 2009": the date's month is not the surname */
    size_t last = sp.e;
    while (last > sp.s && t[last - 1] != ' ') last--;
    size_t after = sp.e;
    while (after < hi && t[after] == ' ') after++;
    if (sp.ntok >= 3 && last > sp.s && rk_ex_has_month(t, last, sp.e) && after < hi &&
        rk_isdigit((unsigned char)t[after])) {
      sp.e = last;
      while (sp.e > sp.s && t[sp.e - 1] == ' ') sp.e--;
    }
    char *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
    if (name && (rk_name_tokens(name) >= 2 || (strlen(name) <= 3 && rk_isupper((unsigned char)name[1])))) {
      *end = sp.e;
      return name;
    }
    free(name);
  }
  /* a handle: letters and digits, at least one digit */
  size_t q = p;
  int digits = 0;
  while (q < hi && (rk_isalnum((unsigned char)t[q]) || t[q] == '_')) {
    if (rk_isdigit((unsigned char)t[q])) digits++;
    q++;
  }
  if (q - p >= 3 && digits && rk_isalpha((unsigned char)t[p]) && (q == hi || !rk_isalpha((unsigned char)t[q]))) {
    *end = q;
    return rk_strndup(t + p, q - p);
  }
  return NULL;
}

/* A single word a user or blogger goes by: a given name, or a word that
 * is no ordinary English ("Tomek", "Marnie"). */
static int
lone_name(const RkEx *x, const char *s, size_t n)
{
  return rk_lexicon_is_given_name(x->lex, s, n) || !rk_is_common_word(x, s, n);
}

/* "Posted by Marnie @ 5/07/2003", "Posted by Marisol at 9:03 PM": a blog
 * platform's footer names its author by one given name, with a time or
 * nothing after it. */
static char *
blogger_given_name(RkEx *x, size_t p, size_t hi, size_t *end)
{
  const char *t = x->text;
  size_t      e;

  while (p < hi && t[p] == ' ') p++;
  for (e = p; e < hi && rk_isalpha((unsigned char)t[e]); e++) {}
  if (e - p < 2 || !rk_isupper((unsigned char)t[p]) || !(e == hi || rk_at(t, e, hi, " @") || rk_at(t, e, hi, " at ")))
    return NULL;
  if (!lone_name(x, t + p, e - p))
    return NULL;
  *end = e;
  return rk_strndup(t + p, e - p);
}

/* "Four Stars", "3 Stars", "Two and a Half Stars": a star rating that a
 * byline's place holds is no person.  A number word or digit opens it and
 * "star" or "stars" ends it. */
static int
rating_words(const char *name)
{
  static const char *const nums[] = { "one", "two", "three", "four", "five", "six", "seven", "eight",
                                      "nine", "ten", "half", "zero", "no", NULL };
  size_t n = strlen(name), w = 0;
  int    num = rk_isdigit((unsigned char)name[0]);

  while (w < n && name[w] != ' ') w++;
  for (const char *const *k = nums; *k && !num; k++)
    num = strlen(*k) == w && !strncasecmp(name, *k, w);
  return num && ((n > 5 && !strcasecmp(name + n - 5, " star")) || (n > 6 && !strcasecmp(name + n - 6, " stars")));
}

static RkStatus
set_critic(RkEx *x, const char *name, size_t s, size_t e, float conf, const char *rule)
{
  size_t idx;
  RkStatus st;

  if (x->r->critic != RK_NONE || rating_words(name))
    return RK_OK;
  if ((st = rk_ex_person(x, name, RK_ROLE_CRITIC, s, e, conf, rule, &idx)))
    return st;
  x->r->critic    = idx;
  x->r->critic_ev = rk_ex_evidence(x, s, e, conf, rule);
  return RK_OK;
}

/* A critic named where no byline label stands (a standfirst, a columnist's
 * headline, a signature): @p name (owned here) must look like a person
 * and be nobody the review credits and not the film's title. */
static RkStatus
unlabelled_critic(RkEx *x, char *name, const RkSpan *sp, const char *rule)
{
  RkStatus st = RK_OK;

  size_t   last_n;
  /* "Harry Vance: Every ... Movie Ranked": a character the review names */
  if (name && rk_person_score(x, name) > 0 && rk_ex_lookup(x, name, 0) == RK_NONE &&
      !rk_ex_is_title(x, name, strlen(name)) && !rk_ex_is_character(x, name) &&
      !rk_ex_is_character(x, rk_name_last(name, &last_n)))
    st = set_critic(x, name, sp->s, sp->e, 0.7f, rule);
  free(name);
  return st;
}

static RkStatus
set_publication(RkEx *x, const char *s, size_t n, float conf, const char *rule)
{
  while (n && strchr(" .,:;(|", s[n - 1])) n--;
  while (n && (*s == ' ' || *s == '@')) { s++; n--; }
  if (x->r->publication || n < 2 || n > 60)
    return RK_OK;
  if (!(x->r->publication = rk_strndup(s, n)))
    return RK_ERR_NOMEM;
  x->r->publication_ev = rk_ex_evidence(x, (size_t)(s - x->text) < x->doc->len ? (size_t)(s - x->text) : 0,
                                        (size_t)(s - x->text) < x->doc->len ? (size_t)(s - x->text) + n : 0,
                                        conf, rule);
  return RK_OK;
}

/* The extent of an outlet's name at p: capitalised words (and "the"),
 * possibly ending in ".com". */
static size_t
outlet_extent(const char *t, size_t p, size_t hi)
{
  size_t e = p, last = p;
  int    words = 0;

  while (e < hi && words < 6) {
    size_t w = e;
    if (!(rk_isupper((unsigned char)t[w]) || (words == 0 && !strncmp(t + w, "the ", 4))))
      break;
    while (w < hi && (rk_isalnum((unsigned char)t[w]) || t[w] == '.' || t[w] == '&' || t[w] == '\'' || t[w] == '-'))
      w++;
    last = w;
    words++;
    if (w >= hi || t[w] != ' ')
      break;
    e = w + 1;
  }
  while (last > p && t[last - 1] == '.') last--;
  if (last == p + 3 && !strncmp(t + p, "the", 3))
    return p;  /* "provided to the press": an article alone names no outlet */
  return last;
}

/* Phrases in which a page names its own outlet. */
static RkStatus
outlet_phrases(RkEx *x, size_t lo, size_t hi)
{
  static const char *const before[] = { "popular on ", "more from ", "donation to ", "subscribe to ",
                                        "review published on ", "originally published on ", "first published on ",
                                        "photo provided to ", "follow other ", "copyright ", "\xc2\xa9 ",
                                        "exclusive to ", "full review, head over to ", "full review at ",
                                        "full review on ", "full review over at ", NULL };
  const char *t = x->text;
  unsigned char first[256];

  rk_first_bytes(before, first);
  for (size_t i = lo; i < hi; i++) {
    if ((i > lo && rk_isalpha((unsigned char)t[i - 1])) || !first[(unsigned char)t[i] | 0x20])
      continue;  /* the phrases start words */
    for (const char *const *b = before; *b; b++) {
      if (!rk_at(t, i, hi, *b))
        continue;
      size_t k = strlen(*b), p = i + k, e;
      /* "Popular on X", "More from X" are list headers: only at a line start */
      if (i != lo && (!strcmp(*b, "popular on ") || !strcmp(*b, "more from ")))
        continue;
      while (p < hi && (rk_isdigit((unsigned char)t[p]) || t[p] == ' ' || t[p] == '-')) p++;  /* "© 2012 X" */
      e = outlet_extent(t, p, hi);
      if (e <= p)
        continue;
      Str name = { t + p, e - p };
      if (str_starts(name, "our ") || str_starts(name, "the author"))
        continue;
      /* "follow other Independent readers" */
      if (!strcmp(*b, "follow other ")) {
        size_t w = e;
        if (!(w + 8 <= hi && !strncmp(t + w, " readers", 8)))
          continue;
      }
      return set_publication(x, name.s, name.n, 0.7f, "outlet-phrase");
    }
  }
  return RK_OK;
}

/* A short title-cased line under byline @p i with a date line under it is
 * the outlet's name. */
static RkStatus
outlet_under_byline(RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  size_t         j = rk_zones_next_filled(z, i), k = j < z->n ? rk_zones_next_filled(z, j) : z->n;

  if (k >= z->n || z->lines[j].kind == RK_ZONE_BYLINE || z->lines[j].kind == RK_ZONE_CREDITS)
    return RK_OK;
  Str o = trimmed(x->text, z->lines[j].start, z->lines[j].end);
  Str d = trimmed(x->text, z->lines[k].start, z->lines[k].end);
  if (!o.n || more_words_than(o, 5) || title_cased_words(o) < 2 || is_date_line(o) || !is_date_line(d) ||
      strchr(".!?:", o.s[o.n - 1]))
    return RK_OK;
  char *name = rk_strndup(o.s, o.n);
  int   person = name && rk_name_tokens(name) <= 3 && rk_person_score(x, name) > 0;
  free(name);
  return person ? RK_OK : set_publication(x, o.s, o.n, 0.7f, "outlet-under-byline");
}

/* Words outlets are named with; a short top line made of them and a
 * proper name is a masthead. */
static const Str outlet_nouns[] = {
  STR("chronicle"), STR("times"), STR("post"), STR("news"), STR("reviews"), STR("magazine"),
  STR("weekly"), STR("daily"), STR("journal"), STR("gazette"), STR("herald"), STR("tribune"),
  STR("observer"), STR("films"), STR("cinema"), STR("paper"), STR("press"), STR("online"),
  STR("blog"), STR("digest"), STR("monthly"), STR("scene"), STR("reporter"), STR("express"),
  STR("standard"), STR("mail"), STR("examiner"), STR("courier"), STR("sun"), STR("star"),
  STR("globe"),
};

/* Is the word [s, s+n) one of outlet_nouns? */
static int
is_outlet_noun(const char *s, size_t n)
{
  for (size_t k = 0; k < N_OF(outlet_nouns); k++)
    if (outlet_nouns[k].n == n && !strncasecmp(s, outlet_nouns[k].s, n))
      return 1;
  return 0;
}

/* Does @p v stand on the document's first non-blank line? */
static int
first_line_of_text(const RkEx *x, Str v)
{
  const char *p = x->text;

  if (!(v.s >= x->text && v.s <= x->text + x->doc->len))
    return 0;
  while (p < v.s && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  return !memchr(p, '\n', (size_t)(v.s - p));
}

static int
masthead(RkEx *x, Str v, size_t *len)
{
  int outletish = 0, other = 0, words = 0;

  /* "Baltimore City Paper home." */
  if (v.n > 6 && !strncasecmp(v.s + v.n - 6, " home.", 6)) v.n -= 6;
  else if (v.n > 5 && !strncasecmp(v.s + v.n - 5, " home", 5)) v.n -= 5;
  if (memchr(v.s, ':', v.n) || v.n > 60 || glued_year(v))
    return 0;  /* "Film Review: Drive My Car", "The Paper Lantern-1949" are headlines */
  if (v.n && rk_islower((unsigned char)v.s[0]) && !first_line_of_text(x, v))
    return 0;  /* "custom news" in a menu; a lower-case logo text tops the page */
  for (size_t i = 0; i < v.n; i++) {
    if (i && v.s[i - 1] != ' ')
      continue;
    size_t w = i;
    while (w < v.n && rk_isalpha((unsigned char)v.s[w])) w++;
    if (w == i) {
      if (!rk_isdigit((unsigned char)v.s[i]))
        return 0;
      continue;
    }
    /* "Blog Archives", "CNN Websites": a site's index, not its name */
    static const Str index_words[] = { STR("archives"), STR("archive"), STR("websites"), STR("programs"),
                                       STR("networks"), STR("categories"), STR("tags"), STR("posts") };
    for (size_t k = 0; k < N_OF(index_words); k++)
      if (index_words[k].n == w - i && !strncasecmp(v.s + i, index_words[k].s, w - i))
        return 0;
    words++;
    if (is_outlet_noun(v.s + i, w - i))
      outletish++;
    else if (!rk_is_function_word(v.s + i, w - i))
      other++;
  }
  if (words < 1 || words > 4 || !outletish || !other)
    return 0;
  if (rk_ex_is_title(x, v.s, v.n))
    return 0;
  *len = v.n;
  return 1;
}

/* What the crawler's manifest says comes first: before the page's JSON-LD,
 * its meta tags and its byline, which then cannot add a second critic or
 * publication (set_critic and set_publication keep the first). */
static RkStatus
manifest_facts(RkEx *x)
{
  const RkDocMeta *m = &x->doc->meta;
  RkStatus         st;
  size_t           idx;

  if ((m->from_manifest & RK_META_AUTHOR) && m->author && *m->author) {
    if ((st = rk_ex_person(x, m->author, RK_ROLE_CRITIC, 0, 0, 1.0f, "manifest-critic", &idx)))
      return st;
    x->r->critic    = idx;
    x->r->critic_ev = rk_ex_evidence(x, 0, 0, 1.0f, "manifest-critic");
  }
  /* not set_publication: the manifest's name is taken as written, at any length */
  if ((m->from_manifest & RK_META_SITE_NAME) && m->site_name && *m->site_name) {
    if (!(x->r->publication = rk_strdup(m->site_name)))
      return RK_ERR_NOMEM;
    x->r->publication_ev = rk_ex_evidence(x, 0, 0, 1.0f, "manifest-publication");
  }
  return RK_OK;
}

/* "Ben Peyton on the big screen return of everyone's favourite bear": a
 * short standfirst at the top that opens on a full name and " on " names
 * the critic writing about the film (when no byline did). */
static RkStatus
standfirst_critic(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;

  for (size_t i = 0; i < z->n && (int)i <= x->header_end && !st; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    size_t        p = (size_t)(v.s - t), hi = p + v.n;
    RkSpan        sp;

    if ((l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_HEADLINE) || more_words_than(v, 20))
      continue;
    while (p < hi && !rk_isalpha((unsigned char)t[p]) && !((unsigned char)t[p] >= 0xC3 && (unsigned char)t[p] < 0xE0))
      p++;  /* a bullet or an ornament: "❉ " */
    if (!rk_name_at(x, p, hi, &sp) || sp.s != p || sp.ntok < 2 || sp.ntok > 3 || !rk_at(t, sp.e, hi, " on ") ||
        sp.e + 4 >= hi || !rk_islower((unsigned char)t[sp.e + 4]) || rk_at(t, sp.e, hi, " on the other"))
      continue;
    st = unlabelled_critic(x, rk_clean_person(x, t + sp.s, sp.e - sp.s), &sp, "standfirst-name-on");
  }
  return st;
}

/* "Susan Granger's review of “AMELIE”": a person's name that opens a
 * header line and owns "review". */
static RkStatus
possessive_review_critic(RkEx *x, size_t lo, size_t hi)
{
  const char *t = x->text;
  RkSpan      sp;

  if (!rk_name_at(x, lo, hi, &sp) || sp.s != lo || sp.ntok > 3)
    return RK_OK;
  size_t p = sp.e;
  /* "Tomek's rating of the film X": a user's page names them by one name */
  int rating = rk_at(t, p, hi, "'s rating of the film ") || rk_at(t, p, hi, "\xe2\x80\x99s rating of the film ");
  if (rk_at(t, p, hi, "'s review") || rk_at(t, p, hi, "\xe2\x80\x99s review") || rating) {
    char *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
    int   named = name && (rk_name_tokens(name) >= 2 || (rating && lone_name(x, name, strlen(name))));
    RkStatus st = named ? set_critic(x, name, sp.s, sp.e, 0.85f, "possessive-review") : RK_OK;
    free(name);
    /* the possessive is the review's: "Name's “Title”" read as the
     * director's film was a misreading of this same line */
    if (!st && x->r->critic != RK_NONE)
      x->r->people[x->r->critic].roles &= ~(unsigned)RK_ROLE_DIRECTOR;
    return st;
  }
  return RK_OK;
}

/* A critic's name at @p p that fills [p, hi) up to trailing punctuation. */
static RkStatus
whole_name_critic(RkEx *x, size_t p, size_t hi, const char *rule)
{
  const char *t = x->text;
  RkSpan      sp;

  while (p < hi && (t[p] == ' ' || t[p] == ':')) p++;
  while (hi > p && strchr(" .,)", t[hi - 1])) hi--;
  if (!rk_name_at(x, p, hi, &sp) || sp.s != p || sp.e != hi || sp.ntok < 2 || sp.ntok > 4)
    return RK_OK;
  char *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
  RkStatus st = RK_OK;
  if (name && rk_name_tokens(name) >= 2 && rk_person_score(x, name) >= 0 && !rk_ex_is_title(x, name, strlen(name)))
    st = set_critic(x, name, sp.s, sp.e, 0.8f, rule);
  free(name);
  return st;
}

/* "Matthew Turner13/05/2009": where a date glued to the end of a name
 * starts (a digit right after a letter), or @p hi when none is. */
static size_t
glued_date_start(const char *t, size_t p, size_t hi)
{
  size_t e = hi;

  while (e > p && (rk_isdigit((unsigned char)t[e - 1]) || strchr("/.-", t[e - 1]))) e--;
  if (e > p && e < hi && rk_isalpha((unsigned char)t[e - 1]) && pure_date(trimmed(t, e, hi)))
    return e;
  return hi;
}

/* "Scott's Review #995": a line of its own near the top where a first
 * name or a full name owns a numbered review.  The serial number marks a
 * blog's own series, so the one name is its writer. */
static RkStatus
serial_review_critic(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;

  for (size_t i = 0; i < z->n && (int)i <= x->header_end + 8; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    if ((l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_HEADLINE && l->kind != RK_ZONE_BYLINE) ||
        more_words_than(v, 6) || !rk_isupper((unsigned char)v.s[0]))
      continue;
    size_t lo = (size_t)(v.s - t), hi = lo + v.n, e = lo;
    /* one to three capitalised words, then the possessive */
    for (int w = 0; w < 3 && e < hi && rk_isupper((unsigned char)t[e]); w++) {
      while (e < hi && (rk_isalpha((unsigned char)t[e]) || t[e] == '-' || t[e] == '.')) e++;
      if (e < hi && t[e] == ' ' && e + 1 < hi && rk_isupper((unsigned char)t[e + 1]) &&
          !rk_at(t, e + 1, hi, "Review"))
        e++;
      else
        break;
    }
    size_t k = rk_at(t, e, hi, "'s Review") ? 9 : rk_at(t, e, hi, "\xe2\x80\x99s Review") ? 11 : 0;
    if (!k || e == lo)
      continue;
    size_t q = e + k;
    while (q < hi && t[q] == ' ') q++;
    if (q >= hi || t[q] != '#')
      continue;
    q++;
    while (q < hi && rk_isdigit((unsigned char)t[q])) q++;
    if (q != hi || !rk_isdigit((unsigned char)t[q - 1]))
      continue;
    char *name = rk_strndup(t + lo, e - lo);
    RkStatus st = RK_OK;
    if (!name)
      return RK_ERR_NOMEM;
    if (rk_ex_lookup(x, name, 0) == RK_NONE && !rk_ex_is_title(x, name, strlen(name)) &&
        !rk_ex_is_character(x, name))
      st = set_critic(x, name, lo, e, 0.7f, "serial-review-owner");
    free(name);
    return st;
  }
  return RK_OK;
}

/* Bylines the zoner does not mark, near the top: "Review Written by: X",
 * "Reviewed by" with the name on the next line, "Jake Richardson |
 * 10/01/2017", a blog widget's "Writer's pictureBen Pivoz", and a column
 * headline "Peter Travers: Beat the Drums for ...".  Anywhere in the body:
 * "(words by Bianca Garner)". */
static RkStatus
byline_variants(RkEx *x)
{
  static const char *const labels[] = { "review written by", "review by", "reviewed by", "words by",
                                        "reviewer:", NULL };
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;

  for (size_t i = 0; i < z->n && !st && x->r->critic == RK_NONE; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    size_t        lo = (size_t)(v.s - t), hi = lo + v.n;
    int           top = (int)i <= x->header_end + 2;

    if (v.n < 4 || l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_QUOTE || l->kind == RK_ZONE_SIDEBAR)
      continue;
    /* "(words by X)" in any case, anywhere: the phrase names no one else */
    for (size_t q = lo; q + 10 < hi && !st; q++)
      if (t[q] == '(' && rk_at(t, q + 1, hi, "words by ")) {
        const char *close = memchr(t + q, ')', hi - q);
        if (close)
          st = whole_name_critic(x, q + 10, (size_t)(close - t), "words-by");
      }
    if (!top || st || x->r->critic != RK_NONE)
      continue;
    /* a label and its name ("Written by" alone is a screenwriter's credit) */
    for (const char *const *b = labels; *b && !st; b++) {
      size_t k = strlen(*b);
      if (!str_starts(v, *b))
        continue;
      size_t p = lo + k;
      while (p < hi && (t[p] == ' ' || t[p] == ':')) p++;
      if (p < hi) {
        /* "Review byMatthew Turner13/05/2009": a date glued to the name */
        st = whole_name_critic(x, p, glued_date_start(t, p, hi), "byline-label");
      } else {
        size_t j = rk_zones_next_filled(z, i);
        if (j < z->n) {
          Str w = trimmed(t, z->lines[j].start, z->lines[j].end);
          st = whole_name_critic(x, (size_t)(w.s - t), (size_t)(w.s - t) + w.n, "byline-label-next-line");
        }
      }
    }
    if (st || x->r->critic != RK_NONE)
      continue;
    /* "Name | 10/01/2017": a name beside a date */
    for (size_t q = lo + 1; q + 3 < hi; q++)
      if ((!memcmp(t + q, " | ", 3) || !memcmp(t + q, " ~ ", 3)) && pure_date(trimmed(t, q + 3, hi))) {
        st = whole_name_critic(x, lo, q, "byline-name-date");
        break;
      }
    /* "Writer's pictureBen Pivoz": the widget's image text glued to the name */
    for (size_t q = lo; q + 10 < hi && !st; q++)
      if ((rk_at(t, q, hi, "'s picture") || rk_at(t, q, hi, "\xe2\x80\x99s picture"))) {
        size_t p = q + (t[q] == '\'' ? 10 : 12);
        if (p < hi && rk_isupper((unsigned char)t[p]))
          st = whole_name_critic(x, p, hi, "byline-picture-widget");
        break;
      }
    /* "Peter Travers: Beat the Drums ...": a columnist's name heads the
     * headline, and is nobody the review credits */
    if (!st && l->kind == RK_ZONE_HEADLINE) {
      const char *c = memchr(v.s, ':', v.n < 40 ? v.n : 40);
      RkSpan sp;
      if (c && more_words_than(trimmed(t, (size_t)(c - t) + 1, hi), 2) && rk_name_at(x, lo, (size_t)(c - t), &sp) &&
          sp.s == lo && sp.e == (size_t)(c - t) && sp.ntok >= 2 && sp.ntok <= 3) {
        st = unlabelled_critic(x, rk_clean_person(x, t + sp.s, sp.e - sp.s), &sp, "headline-columnist");
      }
    }
  }
  return st;
}

/* "Time Out says": a magazine's heading over its own verdict, on a line
 * of its own near the top.  A person's name there is a quote's source. */
static RkStatus
outlet_says(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;

  /* "sfrevu Logo with link to Main Page": the first line is the alt text
   * of the site's logo */
  for (size_t i = 0; i < z->n; i++) {
    Str v = trimmed(t, z->lines[i].start, z->lines[i].end);
    if (!v.n)
      continue;
    for (size_t q = 2; q + 5 <= v.n && q < 40; q++)
      if (!memcmp(v.s + q, " Logo", 5) && (q + 5 == v.n || v.s[q + 5] == ' ') && !more_words_than((Str){ v.s, q }, 3) &&
          !memchr(v.s, ':', q))
        return set_publication(x, v.s, q, 0.5f, "logo-alt-text");
    break;
  }
  for (size_t i = 0; i < z->n && (int)i <= x->header_end + 4; i++) {
    Str v = trimmed(t, z->lines[i].start, z->lines[i].end);
    if (v.n < 7 || v.n > 40 || strncmp(v.s + v.n - 5, " says", 5))
      continue;
    size_t lo = (size_t)(v.s - t), e = outlet_extent(t, lo, lo + v.n - 5);
    if (e != lo + v.n - 5 || more_words_than(v, 4))
      continue;
    char *name = rk_strndup(v.s, v.n - 5);
    int person = name && rk_name_tokens(name) >= 2 && rk_person_score(x, name) > 0;
    int known = name && rk_ex_lookup(x, name, 0) != RK_NONE;
    free(name);
    if (!person && !known)
      return set_publication(x, v.s, v.n - 5, 0.6f, "outlet-says");
  }
  return RK_OK;
}

/* Could a dateline stamp (" Modified:", " Updated:", " Published:") open
 * within the first 60 bytes of @p v?  Each ends in "d:" before byte 70. */
static int
stamp_colon(Str v)
{
  size_t n = v.n < 70 ? v.n : 70;

  if (n < 2)
    return 0;
  for (const char *c = v.s + 1; (c = memchr(c, ':', n - (size_t)(c - v.s))); c++)
    if (c[-1] == 'd')
      return 1;
  return 0;
}

/* Is one of the words of @p v an outlet noun ("Harbour Arts Journal Wales")? */
static int
has_outlet_noun(Str v)
{
  for (size_t i = 0; i < v.n; i++) {
    if (i && v.s[i - 1] != ' ')
      continue;
    size_t w = i;
    while (w < v.n && rk_isalpha((unsigned char)v.s[w])) w++;
    if (is_outlet_noun(v.s + i, w - i))
      return 1;
  }
  return 0;
}

/* A byline's "name" that is an outlet's: an outlet noun among its words,
 * and no given name that would make it a person's ("Emily Post"). */
static int
outlet_named(RkEx *x, Str written, const char *name)
{
  return has_outlet_noun(written) && rk_person_score(x, name) <= 0;
}

/* "There's No Tide Like It Posted on Mar 3, 2021 by Harbour Arts
 * Journal Wales": a blog's post stamp glued to the end of its heading.  The name
 * after "by" is the critic, or the outlet when it is named like one. */
static RkStatus
glued_post_stamp(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;

  for (size_t i = 0; i < z->n; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    if (l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_QUOTE || v.n > 200)
      continue;
    for (size_t q = 1; q + 11 < v.n; q++) {
      if (v.s[q] != ' ' || v.s[q + 1] != 'P' || strncmp(v.s + q, " Posted on ", 11))
        continue;
      size_t lo = (size_t)(v.s - t), hi = lo + v.n, p = lo + q + 11, end;
      while (p + 4 <= hi && p < lo + q + 50 && !rk_at(t, p, hi, " by ")) p++;
      if (p + 4 > hi || !rk_at(t, p, hi, " by ") || !rk_ex_has_month(t, lo + q, p))
        return RK_OK;
      char *name = byline_name(x, p + 4, hi, &end);
      if (!name)
        return RK_OK;
      Str      who = { t + p + 4, end - p - 4 };
      RkStatus st  = outlet_named(x, who, name) ? set_publication(x, who.s, who.n, 0.7f, "post-stamp-outlet")
                                                : set_critic(x, name, p + 4, end, 0.8f, "post-stamp");
      free(name);
      return st;
    }
  }
  return RK_OK;
}

static RkStatus
critic_and_outlet(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;
  const RkDocMeta *m = &x->doc->meta;

  /* the manifest's critic and publication were taken by manifest_facts */
  if (m->author && *m->author && !(m->from_manifest & RK_META_AUTHOR)) {
    size_t n = strlen(m->author);
    char  *name = rk_strndup(m->author, n);
    if (name && rk_name_tokens(name) <= 5)
      st = set_critic(x, name, 0, 0, 0.9f, "metadata-author");
    free(name);
  }
  if (!st && m->site_name && *m->site_name && !(m->from_manifest & RK_META_SITE_NAME))
    st = set_publication(x, m->site_name, strlen(m->site_name), 0.9f, "metadata-site-name");

  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    Str           v = trimmed(t, l->start, l->end);
    size_t        lo = (size_t)(v.s - t), hi = lo + v.n, end;

    if (l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_QUOTE)
      continue;
    if (rk_line_cues(x, i, RK_CUE_OUTLET) && (st = outlet_phrases(x, lo, hi)))
      break;
    if (l->kind == RK_ZONE_BYLINE && !x->credit_line[i]) {
      static const char *const cues[] = { "film review by ", "review by ", "reviews by ", "reviewed by ",
                                          "words by ", "words:", "by: ", "by ", "reviewed,", "--",
                                          "\xe2\x80\x94", "reviewer: ", "critic: ", "par ", NULL };
      size_t p = lo;
      const char *cue = NULL;
      /* "Posted on the 06 March 2012 by Kaiser31083" */
      for (size_t q = lo; q < hi && !cue; q++)
        for (const char *const *c = cues; *c; c++)
          if (hi - q >= strlen(*c) && !strncasecmp(t + q, *c, strlen(*c)) &&
              (q == lo || t[q - 1] == ' ')) {
            cue = *c;
            p = q + strlen(*c);
            break;
          }
      if (!cue)
        continue;
      char *name = byline_name(x, p, hi, &end);
      if (!name && rk_at(t, lo, hi, "posted by "))
        name = blogger_given_name(x, p, hi, &end);
      if (!name)
        continue;
      if (outlet_named(x, (Str){ t + p, end - p }, name)) {
        st = set_publication(x, t + p, end - p, 0.7f, "byline-outlet");  /* "by Harbour Arts Journal Wales" */
        free(name);
        continue;
      }
      st = set_critic(x, name, p, end, 0.9f, "byline");
      free(name);
      /* "Reviewed by Jon Waterman of FilmBrats", "Review by X, Toronto Film Scene (" */
      while (!st && end < hi && t[end] == ' ') end++;
      if (!st && end + 3 < hi && !strncmp(t + end, "of ", 3))
        st = set_publication(x, t + end + 3, outlet_extent(t, end + 3, hi) - end - 3, 0.8f, "byline-of");
      else if (!st && end + 2 < hi && t[end] == ',' && !rk_isdigit((unsigned char)t[end + 2])) {
        size_t e = outlet_extent(t, end + 2, hi);
        Str    o = { t + end + 2, e - end - 2 };
        if (!is_date_line(o) && more_words_than(o, 0) && !rk_ex_is_title(x, o.s, o.n))
          st = set_publication(x, o.s, o.n, 0.7f, "byline-comma");
      }
      /* "Washington Post Staff Writer" on the next line */
      for (size_t j = i + 1; !st && j < z->n && j <= i + 2; j++) {
        Str nv = trimmed(t, z->lines[j].start, z->lines[j].end);
        static const char *const staff[] = { " staff writer", " film critic", " contributor", " correspondent", NULL };
        for (const char *const *s = staff; *s; s++) {
          size_t k = strlen(*s);
          if (nv.n > k && !strncasecmp(nv.s + nv.n - k, *s, k))
            st = set_publication(x, nv.s, nv.n - k, 0.8f, "staff-writer");
        }
      }
      /* "By Marta Quist / Valley Daily Courier / Thursday, September 2,
       * 2004": a newspaper's name between the byline and the date */
      if (!st && !x->r->publication)
        st = outlet_under_byline(x, i);
      continue;
    }
    /* "Oklahoman Modified: October 24, 2013 • Published: ...": a CMS
     * dateline opens with the outlet's (or the author's) name */
    if ((int)i <= x->header_end + 2 && !x->r->publication && v.n < 160 && stamp_colon(v)) {
      static const char *const stamps[] = { " Modified:", " Updated:", " Published:", NULL };
      for (const char *const *sp = stamps; *sp; sp++) {
        size_t k = strlen(*sp);
        for (size_t q = 1; q + k < v.n && q < 60; q++)
          if (v.s[q] == ' ' && v.s[q + 1] == (*sp)[1] && !strncmp(v.s + q, *sp, k)) {  /* each starts " X" */
            RkSpan who;
            if (rk_name_at(x, lo, lo + q, &who) && who.s == lo && who.e == lo + q) {
              char *name = rk_strndup(v.s, q);
              if (name && !(rk_name_tokens(name) >= 2 && rk_person_score(x, name) > 0) &&
                  !rk_ex_is_title(x, name, q))
                st = set_publication(x, v.s, q, 0.6f, "dateline-outlet");
              free(name);
            }
            q = v.n;
          }
      }
      if (st)
        break;
    }
    if ((int)i <= x->header_end && x->r->critic == RK_NONE && (st = possessive_review_critic(x, lo, hi)))
      break;
    /* "maddie_films's review published on ...": a member review's author */
    if ((int)i <= x->header_end && x->r->critic == RK_NONE && v.n > 10) {
      size_t h = 0;
      while (h < v.n && (rk_isalnum((unsigned char)v.s[h]) || v.s[h] == '_' || v.s[h] == '.')) h++;
      if (h >= 2 && h + 10 <= v.n && (!strncmp(v.s + h, "'s review", 9) || !strncmp(v.s + h, "\xe2\x80\x99s review", 11))) {
        char *name = rk_strndup(v.s, h);
        st = name ? set_critic(x, name, lo, lo + h, 0.8f, "member-review") : RK_ERR_NOMEM;
        free(name);
        if (st)
          break;
        continue;
      }
    }
    /* a lone name next to a date near the top is a byline */
    if ((int)i < x->header_end + 1 && (l->kind == RK_ZONE_HEADLINE || l->kind == RK_ZONE_BODY) &&
        !is_prose_line(v) && x->r->critic == RK_NONE) {
      RkSpan sp;
      if (rk_name_at(x, lo, hi, &sp) && sp.e == hi && sp.ntok >= 2) {
        size_t nx = rk_zones_next_filled(z, i);
        if (nx < z->n && is_date_line(trimmed(t, z->lines[nx].start, z->lines[nx].end))) {
          char *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
          if (name && rk_person_score(x, name) > 0 && !rk_ex_is_title(x, name, strlen(name)) &&
              rk_ex_lookup(x, name, 0) == RK_NONE)
            st = set_critic(x, name, sp.s, sp.e, 0.75f, "name-over-date");
          free(name);
          continue;
        }
      }
    }
    /* masthead: a short line at the top */
    if ((int)i < x->header_end && !x->r->publication && l->kind != RK_ZONE_CREDITS) {
      size_t n;
      if (masthead(x, v, &n))
        st = set_publication(x, v.s, n, 0.6f, "masthead");
    }
  }
  if (!st && x->r->critic == RK_NONE)
    st = byline_variants(x);
  if (!st && x->r->critic == RK_NONE && !x->r->publication)
    st = glued_post_stamp(x);
  if (!st && x->r->critic == RK_NONE)
    st = serial_review_critic(x);
  if (!st && !x->r->publication)
    st = outlet_says(x);
  if (!st && x->r->critic == RK_NONE)
    st = standfirst_critic(x);
  /* a signature: a lone name line right after a paragraph of the review */
  if (!st && x->r->critic == RK_NONE) {
    int after_prose = 0;
    for (size_t i = (size_t)(x->header_end > 0 ? x->header_end : 0); i < z->n && !st; i++) {
      const RkLine *l = &z->lines[i];
      Str v = trimmed(t, l->start, l->end);
      if (l->kind == RK_ZONE_BLANK)
        continue;
      if (l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_SIDEBAR)
        break;
      if (l->kind == RK_ZONE_BODY && is_prose_line(v)) {
        after_prose = 1;
        continue;
      }
      if (after_prose && (l->kind == RK_ZONE_BODY || l->kind == RK_ZONE_BYLINE) && !x->credit_line[i]) {
        RkSpan sp;
        size_t lo = (size_t)(v.s - t);
        if (rk_name_at(x, lo, lo + v.n, &sp) && sp.e == lo + v.n && sp.ntok >= 2 && sp.ntok <= 3) {
          st = unlabelled_critic(x, rk_clean_listed(x, t + sp.s, sp.e - sp.s), &sp, "signature");
          if (x->r->critic != RK_NONE)
            break;
        }
      }
      after_prose = 0;
    }
  }
  /* a signature just before the last body line ends ("... [Name]") is not
   * taken: it is as often a quoted source as the critic */
  return st;
}

/* "Other Films by Billy Wilder" and the title lines under it. */
static RkStatus
filmography_lists(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;

  for (size_t i = 0; i < z->n && !st; i++) {
    Str v = trimmed(t, z->lines[i].start, z->lines[i].end);
    static const char *const heads[] = { "other films by ", "more films by ", "other movies by ",
                                         "also directed by ", "films by ", NULL };
    size_t k = 0;
    for (const char *const *h = heads; *h && !k; h++)
      if (str_starts(v, *h))
        k = strlen(*h);
    if (!k || z->lines[i].kind == RK_ZONE_COMMENTS)
      continue;
    size_t lo = (size_t)(v.s - t) + k;
    RkSpan who;
    if (!rk_name_at(x, lo, lo + v.n - k, &who) || who.e != lo + v.n - k)
      continue;
    char *name = rk_clean_listed(x, t + who.s, who.e - who.s);
    size_t idx;
    if (!name || (st = rk_ex_person(x, name, RK_ROLE_OTHER_DIRECTOR, who.s, who.e, 0.7f,
                                    "filmography-list", &idx))) {
      free(name);
      break;
    }
    free(name);
    /* the titles: short lines until a blank line or another header */
    for (size_t j = i + 1; j < z->n && j <= i + 20 && !st; j++) {
      Str w = trimmed(t, z->lines[j].start, z->lines[j].end);
      if (w.n == 0 || w.n > 60 || more_words_than(w, 8) || !rk_isupper((unsigned char)w.s[0]) ||
          memchr(w.s, ':', w.n))
        break;
      char *title = rk_strndup(w.s, w.n);
      RkEvidence ev = rk_ex_evidence(x, (size_t)(w.s - t), (size_t)(w.s - t) + w.n, 0.7f, "filmography-list");
      if (!title || rk_ex_is_title(x, title, strlen(title))) {
        free(title);
        if (!title) st = RK_ERR_NOMEM;
        continue;
      }
      st = rk_review_add_other(x->r, title, idx, &ev);
      free(title);
    }
  }
  return st;
}

/* ------------------------------------------------------------ coreference */

/* Is the optimal string alignment distance of two words at most 1: the
 * same, or one substitution, insertion, deletion or swap of neighbours
 * apart?  Words of 40 bytes or more are never near (the bound of the
 * table this once filled).  The one edit, if any, sits at the first
 * difference, so one comparison of the rest settles it. */
static int
within_one_edit(const char *a, size_t la, const char *b, size_t lb)
{
  size_t i = 0;

  if (la >= 40 || lb >= 40)
    return 0;
  if (la < lb) {
    const char *t = a; a = b; b = t;
    size_t      n = la; la = lb; lb = n;
  }
  if (la - lb > 1)
    return 0;
  while (i < lb && a[i] == b[i]) i++;
  if (la > lb)                                   /* a deletion from a */
    return !memcmp(a + i + 1, b + i, lb - i);
  if (i == la || !memcmp(a + i + 1, b + i + 1, la - i - 1))
    return 1;                                    /* the same, or a substitution */
  return i + 2 <= la && a[i] == b[i + 1] && a[i + 1] == b[i] && !memcmp(a + i + 2, b + i + 2, la - i - 2);
}

/* near_names on two fold forms, word by word (NULL, from a failed fold,
 * is near nothing). */
static int
near_folded(const char *fa, int ta, const char *fb, int tb)
{
  if (!fa || !fb || ta != tb || ta < 2 || !strcmp(fa, fb))
    return 0;
  for (;;) {
    while (*fa == ' ') fa++;
    while (*fb == ' ') fb++;
    if (!*fa || !*fb)
      return 1;
    size_t la = strcspn(fa, " "), lb = strcspn(fb, " ");
    if ((la != lb || memcmp(fa, fb, la)) && (la < 4 || !within_one_edit(fa, la, fb, lb)))
      return 0;
    fa += la;
    fb += lb;
  }
}

/* Two spellings of one name in one review ("Nadine Labaki" / "Nadine
 * Lebaki", "Paul Henried" / "Paul Henreid"): as many words, each the same
 * or one typo apart, and long enough that a typo is not a different name. */
static int
near_names(const char *a, const char *b)
{
  char *fa = rk_fold(a), *fb = rk_fold(b);
  int   near = fa && fb && near_folded(fa, rk_name_tokens(fa), fb, rk_name_tokens(fb));

  free(fa);
  free(fb);
  return near;
}

static RkStatus merge_person_into(RkReview *r, size_t from, size_t to);

static RkStatus
merge_near_names(RkEx *x)
{
  RkReview *r = x->r;
  RkStatus  st = RK_OK;
  char    **folded;  /* each person's name folded once: merging keeps names */
  int      *tokens;  /* and its tokens counted once */

  if (!r->n_people)
    return RK_OK;
  folded = rk_calloc(r->n_people, sizeof *folded);
  tokens = rk_calloc(r->n_people, sizeof *tokens);
  if (!folded || !tokens) {
    free(folded);
    free(tokens);
    return RK_ERR_NOMEM;
  }
  for (size_t i = 0; i < r->n_people; i++)
    if ((folded[i] = rk_fold(r->people[i].name)))
      tokens[i] = rk_name_tokens(folded[i]);
  for (size_t i = 0; i < r->n_people && !st; i++)
    for (size_t j = i + 1; j < r->n_people && !st && r->people[i].roles; j++)
      if (r->people[j].roles && near_folded(folded[i], tokens[i], folded[j], tokens[j]))
        st = merge_person_into(r, j, i);
  for (size_t i = 0; i < r->n_people; i++)
    free(folded[i]);
  free(folded);
  free(tokens);
  return st;
}

/* Does @p a name a shorter form of @p b ("Steph" of "Stephanie", "Julio"
 * of "Julio Zapata", "Esposito" of "Benjamín Esposito")? */
static int
character_variant(const char *a, const char *b)
{
  char *fa = rk_fold(a), *fb = rk_fold(b);
  int   v = 0;

  if (fa && fb && *fa && *fb) {
    size_t la = strlen(fa), lb = strlen(fb);
    if (!strcmp(fa, fb))
      v = 1;
    else if (la < lb && !strncmp(fa, fb, la))                       /* prefix */
      v = 1;
    else if (la >= 5 && lb >= 5 && rk_name_tokens(fa) == rk_name_tokens(fb) && near_names(fa, fb))
      v = 1;                                                        /* a typo */
    else if (rk_name_tokens(fa) == 2 && rk_name_tokens(fb) == 2) {
      /* "Johnny Gray" / "Johnnie Gray": one surname, first names alike */
      size_t na, nb;
      const char *sa = rk_name_last(fa, &na), *sb = rk_name_last(fb, &nb);
      v = na == nb && !strcmp(sa, sb) && !strncmp(fa, fb, 5) && fa[4] != ' ' && fb[4] != ' ';
    }
    else if (la < lb && !strcmp(fb + lb - la, fa) && fb[lb - la - 1] == ' ')  /* last name */
      v = 1;
    else if (la < lb && strstr(fb, fa) && fb[strstr(fb, fa) - fb - 1] == ' ' &&
             (fb[strstr(fb, fa) - fb + (long)la] == ' ' || fb[strstr(fb, fa) - fb + (long)la] == 0))
      v = 1;                                                        /* a middle word */
  }
  free(fa);
  free(fb);
  return v;
}

static RkStatus
merge_person_into(RkReview *r, size_t from, size_t to)
{
  RkPerson *f = &r->people[from], *t = &r->people[to];
  RkStatus  st;

  t->roles |= f->roles;
  if ((st = rk_strlist_add_unique(&t->aliases, f->name)))
    return st;
  for (size_t j = 0; j < f->aliases.n; j++)
    if ((st = rk_strlist_add_unique(&t->aliases, f->aliases.items[j])))
      return st;
  for (size_t j = 0; j < r->n_plays; j++)
    if (r->plays[j].person == from)
      r->plays[j].person = to;
  if (r->critic == from) r->critic = to;
  if (r->based_on_author == from) r->based_on_author = to;
  for (size_t j = 0; j < r->n_others; j++)
    if (r->others[j].director == from)
      r->others[j].director = to;
  f->roles = 0;
  return RK_OK;
}

/* Single-word people ("Audiard", "Cotillard") join the one full name they
 * are the surname or first name of. */
static RkStatus
merge_short_names(RkEx *x)
{
  RkReview *r = x->r;
  RkStatus  st = RK_OK;

  for (size_t i = 0; i < r->n_people && !st; i++) {
    if (!r->people[i].roles || rk_name_tokens(r->people[i].name) != 1)
      continue;
    size_t hit = RK_NONE, hits = 0;
    for (size_t j = 0; j < r->n_people; j++)
      if (j != i && r->people[j].roles && rk_name_tokens(r->people[j].name) > 1 &&
          token_matches(r->people[j].name, r->people[i].name)) {
        hit = j;
        hits++;
      }
    if (hits == 1)
      st = merge_person_into(r, i, hit);
  }
  return st;
}

/* The one full name in the review's own text (headline, credits, body,
 * captions) whose last word is @p surname: "(CNN) -- Julia Roberts is the
 * queen ..." for a later "Roberts plays Anna Scott".  NULL when the text
 * has none or several ("Joel Coen", "Ethan Coen"); the caller frees it. */
static char *
full_name_in_text(RkEx *x, const char *surname)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  size_t         k = strlen(surname);
  char          *found = NULL;

  for (size_t i = 0; i < z->n; i++) {
    const RkLine *l = &z->lines[i];
    if (l->kind != RK_ZONE_HEADLINE && l->kind != RK_ZONE_BODY && l->kind != RK_ZONE_CREDITS &&
        l->kind != RK_ZONE_CAPTION)
      continue;
    for (size_t p = l->start; p + k <= l->end; p++) {
      const char *hit = memchr(t + p, surname[0], l->end - p - k + 1);
      if (!hit)
        break;
      p = (size_t)(hit - t);
      size_t e = p + k;
      if (p == l->start || t[p - 1] != ' ' || memcmp(t + p, surname, k) ||
          (e < l->end && (rk_isalnum((unsigned char)t[e]) || (unsigned char)t[e] >= 0x80)))
        continue;
      RkSpan sp;
      if (!rk_name_before(x, l->start, e, &sp) || sp.ntok < 2 || sp.ntok > 4)
        continue;
      char *full = rk_clean_person(x, t + sp.s, sp.e - sp.s);
      if (!full || rk_name_tokens(full) < 2 || rk_person_score(x, full) < 0 || rk_ex_is_character(x, full) ||
          rk_ex_is_title(x, full, strlen(full))) {
        free(full);
        continue;
      }
      if (found && !folded_equal(found, full)) {
        free(found);
        free(full);
        return NULL;  /* two people share the surname: say neither */
      }
      free(found);
      found = full;
    }
  }
  return found;
}

/* A performer or director known only by a surname takes the full name the
 * text gives elsewhere, where no role cue stood next to it. */
static RkStatus
expand_surnames(RkEx *x)
{
  RkReview *r = x->r;

  for (size_t i = 0; i < r->n_people; i++) {
    RkPerson *p = &r->people[i];
    if (!(p->roles & (RK_ROLE_ACTOR | RK_ROLE_DIRECTOR)) || rk_name_tokens(p->name) != 1 ||
        !rk_isupper((unsigned char)p->name[0]))
      continue;
    char *full = full_name_in_text(x, p->name);
    if (!full)
      continue;
    int taken = 0;
    for (size_t j = 0; j < r->n_people && !taken; j++)
      taken = j != i && folded_equal(r->people[j].name, full);
    RkStatus st = taken ? RK_OK : rk_strlist_add_unique(&p->aliases, p->name);
    if (st || taken) {
      free(full);
      if (st)
        return st;
      continue;
    }
    free(p->name);
    p->name = full;
  }
  return RK_OK;
}

/* "Max von Sydow in The Seventh Seal (1957)": the performer the chosen
 * title's caption names.  Added after the credits and the prose, so that a
 * cast list's spelling ("Bannerjee") stays the one short mentions resolve
 * to; a near spelling of someone already found adds nobody. */
static RkStatus
caption_actor(RkEx *x)
{
  size_t idx;

  if (!x->title)
    return RK_OK;
  for (size_t i = 0; i < x->n_tc; i++) {
    RkTitleCand *c = &x->tc[i];
    if (!c->actor || !folded_equal(c->title, x->title) || rk_ex_lookup(x, c->actor, 0) != RK_NONE)
      continue;
    for (size_t p = 0; p < x->r->n_people; p++)
      if (rk_name_tokens(x->r->people[p].name) >= 2 && near_names(c->actor, x->r->people[p].name))
        return RK_OK;
    return rk_ex_person(x, c->actor, RK_ROLE_ACTOR, 0, 0, 0.7f, "caption-actor-in-title", &idx);
  }
  return RK_OK;
}

/* Pending prose facts join the people credits found, full names first. */
static RkStatus
settle_pending(RkEx *x)
{
  RkReview *r = x->r;
  RkStatus  st = RK_OK;
  size_t    n_credit_plays = r->n_plays;  /* plays credits stated, before prose */

  for (int pass = 0; pass < 2 && !st; pass++)
    for (size_t i = 0; i < x->n_pend && !st; i++) {
      RkPending *p = &x->pend[i];
      int single = rk_name_tokens(p->name) == 1;
      size_t idx;
      if ((pass == 0) == single)
        continue;
      idx = rk_review_find_person(r, p->name);
      if (idx == RK_NONE && single) {
        idx = rk_ex_lookup(x, p->name, 0);
        if (idx == PENDING_MATCH)
          idx = RK_NONE;
      }
      if (idx == RK_NONE) {
        /* a surname alone is a new person only when the fact is specific */
        if (single && !p->character && !(p->roles & RK_ROLE_DIRECTOR) && p->ev.conf < 0.8f)
          continue;
        if ((st = rk_review_add_person(r, p->name, p->roles, &p->ev, &idx)))
          break;
      } else {
        r->people[idx].roles |= p->roles;
        if (!folded_equal(r->people[idx].name, p->name) &&
            (st = rk_strlist_add_unique(&r->people[idx].aliases, p->name)))
          break;
      }
      if (p->character) {
        int taken = 0;
        for (size_t k = 0; k < n_credit_plays; k++)
          if (r->plays[k].person != idx && folded_equal(r->plays[k].character, p->character))
            taken = 1;
        if (!taken)
          st = rk_review_add_play(r, idx, p->character, &p->ev);
      }
    }
  return st;
}

/* One role per character name and performer: "Steph" joins "Stephanie"
 * when the same performer plays both; a character that is a performer's
 * own name is dropped ("Curtis (Curtis)"). */
static void
tidy_plays(RkReview *r)
{
  for (size_t i = 0; i < r->n_plays; i++) {
    RkPlay *a = &r->plays[i];
    if (!a->character)
      continue;
    for (size_t j = 0; j < r->n_plays; j++) {
      RkPlay *b = &r->plays[j];
      if (i == j || !b->character || a->person != b->person)
        continue;
      if (character_variant(a->character, b->character)) {
        free(a->character);
        a->character = NULL;
        break;
      }
    }
  }
  size_t n = 0;
  for (size_t i = 0; i < r->n_plays; i++)
    if (r->plays[i].character)
      r->plays[n++] = r->plays[i];
  r->n_plays = n;
}

/* A person the review names only as a character is not a performer:
 * drop actor facts whose name is some role's character name. */
static void
drop_characters_as_people(RkReview *r)
{
  for (size_t i = 0; i < r->n_people; i++) {
    RkPerson *p = &r->people[i];
    int plays_someone = 0;
    if (!(p->roles & RK_ROLE_ACTOR))
      continue;
    for (size_t j = 0; j < r->n_plays; j++)
      if (r->plays[j].person == i)
        plays_someone = 1;
    if (plays_someone || p->ev.conf >= 0.85f)
      continue;
    for (size_t j = 0; j < r->n_plays; j++)
      if (folded_equal(r->plays[j].character, p->name))
        p->roles &= ~(unsigned)RK_ROLE_ACTOR;
  }
}

/* ------------------------------------------------------------ driver */

/* "Browse all reviews by letter A B C ... Z 0 - 9": an index of letters
 * is navigation, however many words it has. */
static int
letter_index(Str v)
{
  int    singles = 0, words = 0;
  size_t i = 0;

  /* asked of the first prose line, a paragraph: words and single letters
   * counted in one pass, sixteen bytes a step where SSE2 is there */
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' '), one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
  __m128i       carry = _mm_cvtsi32_si128(0xFF);  /* byte 0: the start counts as a space */

  for (; i + 17 <= v.n; i += 16) {  /* the byte after the sixteen is read too */
    __m128i space  = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(v.s + i)), sp);
    __m128i next   = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(v.s + i + 1)), sp);
    __m128i starts = _mm_andnot_si128(space, _mm_or_si128(_mm_slli_si128(space, 1), carry));
    __m128i w      = _mm_sad_epu8(_mm_and_si128(starts, one), zero);
    __m128i s1     = _mm_sad_epu8(_mm_and_si128(_mm_and_si128(starts, next), one), zero);
    words   += _mm_cvtsi128_si32(w) + _mm_extract_epi16(w, 4);
    singles += _mm_cvtsi128_si32(s1) + _mm_extract_epi16(s1, 4);
    carry = _mm_srli_si128(space, 15);
  }
#endif
  for (; i < v.n; i++)
    if ((i == 0 || v.s[i - 1] == ' ') && v.s[i] != ' ') {
      words++;
      singles += i + 1 == v.n || v.s[i + 1] == ' ';
    }
  return singles >= 8 && singles * 2 >= words;
}

static int
first_prose_line(const RkEx *x)
{
  for (size_t i = 0; i < x->zones->n; i++) {
    const RkLine *l = &x->zones->lines[i];
    if (l->kind == RK_ZONE_BODY && is_prose_line(trimmed(x->text, l->start, l->end)) &&
        !letter_index(trimmed(x->text, l->start, l->end)))
      return (int)i;
  }
  return (int)x->zones->n;
}

static void
ex_clear(RkEx *x)
{
  for (size_t i = 0; i < x->n_pend; i++) {
    free(x->pend[i].name);
    free(x->pend[i].character);
  }
  free(x->pend);
  for (size_t i = 0; i < x->n_tc; i++) {
    free(x->tc[i].title);
    free(x->tc[i].alt);
    free(x->tc[i].person);
    free(x->tc[i].actor);
  }
  free(x->tc);
  free(x->credit_line);
  free(x->lower);
  free(x->line_cues);
  free(x->char_mark);
  rk_names_memo_free(x->names_memo);
}

RkStatus
rk_extract(const RkLexicon *lex, const RkDoc *doc, const RkZones *zones,
           const RkLog *log, RkReview **out)
{
  RkStatus st = RK_ERR_NOMEM;
  RkEx     x;

  memset(&x, 0, sizeof x);
  x.lex = lex;
  x.doc = doc;
  x.zones = zones;
  x.log = log;
  x.text = doc->text;
  if (!(x.r = rk_review_new()))
    goto done;
  if (!(x.r->doc_path = rk_strdup(doc->path)) || !(x.r->doc_sha256 = rk_strdup(doc->sha256)) ||
      (doc->meta.url && !(x.r->url = rk_strdup(doc->meta.url))) ||
      (doc->meta.date && !(x.r->date = rk_strdup(doc->meta.date))))
    goto done;
  x.header_end = first_prose_line(&x);
  if (!(x.credit_line = rk_calloc(zones->n + 1, 1)) || !(x.lower = rk_strndup(doc->text, doc->len)) ||
      !(x.names_memo = rk_calloc(RK_NAMES_MEMO, sizeof *x.names_memo)) ||
      !(x.char_mark = rk_calloc(1, sizeof *x.char_mark)))
    goto done;
  rk_ascii_lower(x.lower, doc->len);

  if ((st = rk_cues_scan(&x)))
    goto done;
  if ((st = manifest_facts(&x)) || (st = rk_extract_structured(&x)) || (st = choose_title(&x)) || (st = rk_extract_credits(&x)) ||
      (st = rk_extract_prose(&x)) || (st = settle_pending(&x)) || (st = late_title(&x)) || (st = caption_actor(&x)) ||
      (st = critic_and_outlet(&x)) || (st = merge_short_names(&x)) || (st = expand_surnames(&x)) ||
      (st = merge_near_names(&x)) ||
      (st = subtitle_languages(&x)) || (st = filmography_lists(&x)))
    goto done;
  tidy_plays(x.r);
  drop_characters_as_people(x.r);
  /* a critic is not also a performer of the film from the same mention */
  rk_review_compact(x.r);
  *out = x.r;
  x.r  = NULL;
  st   = RK_OK;
done:
  ex_clear(&x);
  rk_review_free(x.r);
  return st;
}
