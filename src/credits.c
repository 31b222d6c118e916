/* credits.c - reads credits: the labelled and list-shaped parts of a page.
 *
 * "Director: X", "Directed by X", "Dir. X", "D: X", "Starring A, B",
 * "With: A (Char), B as Char", "DIR: X • WRI: Y", trade-paper crew lines
 * ("editor, X; music, Y"), cast tables ("Actor … Character", "Actor:
 * Character", "Character Actor"), unlabelled name lists and the facts that
 * ride along (runtime, year, country, language, rating).  Credits are the
 * strongest evidence a review gives, so these facts enter the review
 * directly with high confidence.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_impl.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef enum {
  L_DIRECTOR, L_CAST, L_WRITER, L_COMPOSER, L_CINEMATOGRAPHER, L_EDITOR, L_PRODUCER,
  L_RUNTIME, L_COUNTRY, L_LANGUAGE, L_RATING, L_YEAR, L_TITLE, L_STORY, L_CREW, L_IGNORE,
  L_DIRECTOR_WRITER   /* "Directed and Written by", "director/writer:": both credits */
} LabelKind;

typedef struct {
  const char *text;   /* lower case */
  LabelKind   kind;
  int         bare;   /* also valid without a colon ("Directed by X") */
} Label;

/* Longest labels first where one is a prefix of another. */
static const Label labels[] = {
  { "director of photography", L_CINEMATOGRAPHER, 0 },
  { "directed and written by", L_DIRECTOR_WRITER, 1 }, { "directed and produced by", L_DIRECTOR, 1 },
  { "director/writer", L_DIRECTOR_WRITER, 0 }, { "director/screenwriter", L_DIRECTOR_WRITER, 0 },
  { "writer/director", L_DIRECTOR_WRITER, 0 }, { "writer-director", L_DIRECTOR_WRITER, 0 },
  { "directors", L_DIRECTOR, 0 }, { "directed by", L_DIRECTOR, 1 }, { "director", L_DIRECTOR, 1 },
  { "codirected by", L_DIRECTOR, 1 }, { "co-directed by", L_DIRECTOR, 1 },
  { "dir.", L_DIRECTOR, 1 }, { "dir", L_DIRECTOR, 0 }, { "d", L_DIRECTOR, 0 },
  { "cast includes", L_CAST, 0 }, { "cast.", L_CAST, 1 }, { "cast", L_CAST, 0 }, { "starring", L_CAST, 1 },
  { "stars", L_CAST, 0 }, { "also with", L_CAST, 0 }, { "with", L_CAST, 0 },
  { "voice talent", L_CAST, 0 }, { "voice cast", L_CAST, 0 }, { "voices", L_CAST, 0 },
  { "talent", L_CAST, 0 }, { "featuring", L_CAST, 1 }, { "actors", L_CAST, 0 },
  { "written and directed by", L_DIRECTOR_WRITER, 1 }, { "written by", L_WRITER, 1 },
  { "screenplay by", L_WRITER, 1 }, { "screenplay", L_WRITER, 0 }, { "writers", L_WRITER, 0 },
  { "writer", L_WRITER, 0 }, { "script", L_WRITER, 0 }, { "wri", L_WRITER, 0 }, { "w", L_WRITER, 0 },
  { "original music", L_COMPOSER, 0 }, { "music by", L_COMPOSER, 1 }, { "music", L_COMPOSER, 0 },
  { "composer", L_COMPOSER, 0 }, { "score by", L_COMPOSER, 1 }, { "mus", L_COMPOSER, 0 },
  { "cinematography by", L_CINEMATOGRAPHER, 1 }, { "cinematography", L_CINEMATOGRAPHER, 0 },
  { "cinematographer", L_CINEMATOGRAPHER, 0 }, { "camera", L_CINEMATOGRAPHER, 0 },
  { "photography", L_CINEMATOGRAPHER, 0 }, { "dop", L_CINEMATOGRAPHER, 0 }, { "dp", L_CINEMATOGRAPHER, 0 },
  { "edited by", L_EDITOR, 1 }, { "editor", L_EDITOR, 0 }, { "editing", L_EDITOR, 0 },
  { "ed", L_EDITOR, 0 },
  { "executive producer", L_PRODUCER, 0 }, { "produced by", L_PRODUCER, 1 },
  { "producers", L_PRODUCER, 0 }, { "producer", L_PRODUCER, 0 }, { "pro", L_PRODUCER, 0 },
  { "running time", L_RUNTIME, 1 }, { "runtime", L_RUNTIME, 0 }, { "run time", L_RUNTIME, 1 },
  { "length", L_RUNTIME, 0 }, { "duration", L_RUNTIME, 0 },
  { "country", L_COUNTRY, 0 }, { "countries", L_COUNTRY, 0 },
  { "language", L_LANGUAGE, 1 }, { "languages", L_LANGUAGE, 0 },
  { "film rating", L_RATING, 0 }, { "our rating", L_RATING, 0 }, { "rating", L_RATING, 0 },
  { "verdict", L_RATING, 0 }, { "grade", L_RATING, 0 },
  { "release date", L_YEAR, 0 }, { "released", L_YEAR, 0 }, { "year", L_YEAR, 0 },
  { "cinema", L_YEAR, 0 },
  { "film title", L_TITLE, 0 }, { "original title", L_TITLE, 0 }, { "title", L_TITLE, 0 },
  { "story", L_STORY, 0 }, { "based on", L_STORY, 1 },
  { "crew", L_CREW, 0 }, { "production", L_CREW, 0 },
  { "genre", L_IGNORE, 0 }, { "certificate", L_IGNORE, 0 }, { "rated", L_IGNORE, 0 },
  { "opens", L_IGNORE, 1 }, { "des", L_IGNORE, 0 }, { "makeup", L_IGNORE, 0 },
  { "produced", L_IGNORE, 0 }, { "review date", L_IGNORE, 0 }, { "reviewed", L_IGNORE, 0 },
  { "film format", L_IGNORE, 0 }, { "film reviews", L_IGNORE, 0 }, { "distributor", L_IGNORE, 0 },
  /* the same fields on pages in other languages ("Regie: X. Met: A, B."),
   * with a colon only: as words they are too common */
  { "regie", L_DIRECTOR, 0 }, { "regia", L_DIRECTOR, 0 }, { "regi", L_DIRECTOR, 0 },
  { "r\xc3\xa9" "alisation", L_DIRECTOR, 0 }, { "direcci\xc3\xb3n", L_DIRECTOR, 0 },
  { "dire\xc3\xa7\xc3\xa3o", L_DIRECTOR, 0 }, { "re\xc5\xbcyseria", L_DIRECTOR, 0 }, { "ohjaus", L_DIRECTOR, 0 },
  { "met", L_CAST, 0 }, { "mit", L_CAST, 0 }, { "darsteller", L_CAST, 0 }, { "besetzung", L_CAST, 0 },
  { "avec", L_CAST, 0 }, { "interpr\xc3\xa8tes", L_CAST, 0 }, { "reparto", L_CAST, 0 }, { "elenco", L_CAST, 0 },
  { "interpreti", L_CAST, 0 }, { "obsada", L_CAST, 0 }, { "medverkande", L_CAST, 0 },
  { "rolverdeling", L_CAST, 0 }, { "pelaajat", L_CAST, 0 },
  { "drehbuch", L_WRITER, 0 }, { "sc\xc3\xa9nario", L_WRITER, 0 }, { "scenario", L_WRITER, 0 },
  { "guion", L_WRITER, 0 }, { "sceneggiatura", L_WRITER, 0 }, { "roteiro", L_WRITER, 0 },
  { "manus", L_WRITER, 0 }, { "musik", L_COMPOSER, 0 }, { "musique", L_COMPOSER, 0 },
  { "muziek", L_COMPOSER, 0 }, { "m\xc3\xbasica", L_COMPOSER, 0 }, { "musica", L_COMPOSER, 0 },
  { "kamera", L_CINEMATOGRAPHER, 0 }, { "laufzeit", L_RUNTIME, 0 }, { "speelduur", L_RUNTIME, 0 },
  { "duur", L_RUNTIME, 0 }, { "dur\xc3\xa9" "e", L_RUNTIME, 0 }, { "duraci\xc3\xb3n", L_RUNTIME, 0 },
  { "durata", L_RUNTIME, 0 }, { "pays", L_COUNTRY, 0 }, { "pa\xc3\xads", L_COUNTRY, 0 },
  { "paese", L_COUNTRY, 0 }, { "produktionsland", L_COUNTRY, 0 },
  { NULL, L_IGNORE, 0 }
};

/* The labels by first letter, in the order of labels[] (so that longer
 * labels still come first): a word is compared only with the labels that
 * start with its letter.  A row can hold every label, so none is lost. */
#define N_LABELS (sizeof labels / sizeof *labels)
static unsigned char  labels_by_letter[26][N_LABELS];  /* index + 1; 0 ends */
static unsigned char  label_len[N_LABELS];             /* strlen of each label */
static unsigned char  label_word[N_LABELS];            /* the letters it opens with */
static uint32_t       label_word_lens[26];             /* by first letter: bit n, a label_word of n (< 31) */
static size_t         longest_label, longest_word;
/* Every label holds an RK_CUE_CREDIT_LABEL phrase or has a colon after
 * it, so a line without one of those cues has no label (checked once:
 * without it, every line is read for labels). */
static int            label_cue_ok;
static pthread_once_t labels_once = PTHREAD_ONCE_INIT;

static void
index_labels(void)
{
  size_t   used[26] = { 0 };
  int      bare_ok = 1, colon = 0;
  RkCueSet g;

  _Static_assert(N_LABELS < 256, "a label's index + 1 fits in a byte");
  for (size_t j = 0; rk_cue_phrase(j, &g); j++)
    colon |= (g & RK_CUE_CREDIT_LABEL) && !strcmp(rk_cue_phrase(j, &g), ":");
  for (size_t i = 0; labels[i].text; i++) {
    unsigned c = (unsigned)(labels[i].text[0] - 'a');  /* lower case, as labels[] says */
    int      cued = 0;
    labels_by_letter[c][used[c]++] = (unsigned char)(i + 1);
    label_len[i]  = (unsigned char)strlen(labels[i].text);
    label_word[i] = (unsigned char)strspn(labels[i].text, "abcdefghijklmnopqrstuvwxyz");
    label_word_lens[c] |= (uint32_t)1 << label_word[i];
    if (label_len[i] > longest_label)
      longest_label = label_len[i];
    if (label_word[i] > longest_word)
      longest_word = label_word[i];
    for (size_t j = 0; labels[i].bare && !cued && rk_cue_phrase(j, &g); j++)
      cued = (g & RK_CUE_CREDIT_LABEL) && strstr(labels[i].text, rk_cue_phrase(j, &g));
    if (labels[i].bare && !cued)
      bare_ok = 0;
  }
  label_cue_ok = colon && bare_ok;
}

/* Does a label start at @p p?  Accepts "Label:", "Label :", "LABEL:" and,
 * for bare labels, "Label Name".  Returns the bytes to skip to the value.
 * The labels are indexed: rk_extract_credits sees to it. */
static size_t
label_at(const char *t, size_t p, size_t lim, LabelKind *kind)
{
  unsigned letter;
  size_t   w = 1;

  if (p >= lim || (letter = ((unsigned char)t[p] | 0x20) - 'a') >= 26)
    return 0;  /* every label starts with a letter */
  /* a label's first letters are the word's: no letter follows them */
  while (p + w < lim && w <= longest_word && rk_isalpha((unsigned char)t[p + w]))
    w++;
  if (!(label_word_lens[letter] & ((uint32_t)1 << w)))
    return 0;  /* no label of this letter opens with a word this long */
  for (const unsigned char *ix = labels_by_letter[letter]; *ix; ix++) {
    const Label *l = &labels[*ix - 1];
    size_t k, i;
    if (label_word[*ix - 1] != w || !rk_at(t, p, lim, l->text))
      continue;
    k = label_len[*ix - 1];
    i = p + k;
    if (i < lim && rk_isalnum((unsigned char)t[i]))
      continue;
    while (i < lim && t[i] == ' ')
      i++;
    /* "Voice Talent (Japanese):" - a qualifier before the colon */
    if (i < lim && t[i] == '(') {
      size_t c = i;
      while (c < lim && t[c] != ')' && c - i < 40) c++;
      if (c + 1 < lim && t[c] == ')' && t[c + 1] == ':')
        i = c + 1;
    }
    if (i < lim && t[i] == ':') {
      i++;
      while (i < lim && t[i] == ' ')
        i++;
      *kind = l->kind;
      return i - p;
    }
    /* a bare label needs a capitalised value or a number after it */
    if (l->bare && i > p + k && i < lim && (rk_isupper((unsigned char)t[i]) || rk_isdigit((unsigned char)t[i]) ||
                                            (unsigned char)t[i] >= 0x80)) {
      /* "Director Jacques Audiard" only at a line start, checked by the caller */
      *kind = l->kind;
      return i - p;
    }
  }
  return 0;
}

/* Label alone on its line ("Directed by:", "Cast includes:", or a
 * heading with no colon: "Cast", "Director", "Running time"). */
static int
label_only(const char *t, size_t p, size_t lim, LabelKind *kind)
{
  size_t k = label_at(t, p, lim, kind);

  if (k && p + k >= lim)
    return 1;
  if (!rk_isupper((unsigned char)t[p]) || lim - p < 4 || lim - p > longest_label)
    return 0;  /* the whole line would have to be a capitalised label */
  for (const unsigned char *ix = labels_by_letter[(t[p] | 0x20) - 'a']; *ix; ix++)
    if (label_len[*ix - 1] == lim - p && rk_at(t, p, lim, labels[*ix - 1].text)) {
      *kind = labels[*ix - 1].kind;
      return 1;
    }
  return 0;
}

static int
is_sep_before(const char *t, size_t p, size_t lo)
{
  /* labels inside a line follow ". ", "• ", "; ", "| " or a double space */
  size_t i = p;

  if (p == lo)
    return 1;
  /* "(director/writer: X; editor: Y)": the first field of a bracketed run */
  if (t[p - 1] == '(')
    return 1;
  while (i > lo && t[i - 1] == ' ')
    i--;
  if (i == p)
    return 0;
  if (i == lo)
    return 1;
  if (p - i >= 2)
    return 1;
  if (t[i - 1] == '.' || t[i - 1] == ';' || t[i - 1] == '|' || t[i - 1] == ')')
    return 1;
  return i >= lo + 3 && !memcmp(t + i - 3, "\xe2\x80\xa2", 3);
}

/* ------------------------------------------------------------ values */

static int
parse_int(const char *s, size_t n, int *out)
{
  int v = 0, digits = 0;

  for (size_t i = 0; i < n && rk_isdigit((unsigned char)s[i]); i++, digits++)
    v = v * 10 + (s[i] - '0');
  if (!digits)
    return 0;
  *out = v;
  return digits;
}

/* Minutes from "120min", "97 mins", "122 MIN", "2 hours 29 minutes", "2h 29m". */
static int
find_runtime(const char *t, size_t s, size_t e, int *minutes)
{
  for (size_t i = s; i < e; i++) {
    int v = 0, d;  /* set by parse_int: t[i] is a digit */
    size_t j;
    if (!rk_isdigit((unsigned char)t[i]) || (i > s && rk_isalnum((unsigned char)t[i - 1])))
      continue;
    d = parse_int(t + i, e - i, &v);
    j = i + (size_t)d;
    while (j < e && t[j] == ' ')
      j++;
    if (j + 2 < e + 1 && !strncasecmp(t + j, "min", 3) && v >= 20 && v <= 600) {
      *minutes = v;
      return 1;
    }
    if (j < e && (t[j] == 'h' || t[j] == 'H') && v >= 1 && v <= 6) {
      int m = 0;
      size_t k = j;
      while (k < e && rk_isalpha((unsigned char)t[k]))
        k++;
      while (k < e && (t[k] == ' ' || t[k] == ','))
        k++;
      if (k < e && rk_isdigit((unsigned char)t[k]))
        k += (size_t)parse_int(t + k, e - k, &m);
      *minutes = v * 60 + (m < 60 ? m : 0);
      return 1;
    }
    i = j;
  }
  return 0;
}

static int
find_year(const char *t, size_t s, size_t e, int *year)
{
  for (size_t i = s; i + 4 <= e; i++) {
    int v;
    if (parse_int(t + i, e - i, &v) == 4 && (i == s || !rk_isalnum((unsigned char)t[i - 1])) &&
        v >= 1880 && v <= 2100) {
      *year = v;
      return 1;
    }
  }
  return 0;
}

/* Ratings: ★★★★☆, "****", "4.5 stars", "4/5", "Four out of Five stars", "A-". */
RkStatus rk_parse_rating(RkEx *x, size_t s, size_t e);

static const char *const number_words[] = { "zero", "one", "two", "three", "four", "five",
                                            "six", "seven", "eight", "nine", "ten", NULL };

static int
number_word(const char *t, size_t n, double *v)
{
  for (int i = 0; number_words[i]; i++)
    if (strlen(number_words[i]) == n && !strncasecmp(t, number_words[i], n)) {
      *v = i;
      return 1;
    }
  return 0;
}

RkStatus
rk_parse_rating(RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  RkRating   *rt = &x->r->rating;
  int         black = 0, white = 0, asterisks = 0, half = 0;
  double      v = 0, best = 0;
  size_t      i;

  while (s < e && t[s] == ' ')
    s++;
  while (e > s && (t[e - 1] == ' ' || t[e - 1] == '.'))
    e--;
  if (e <= s || rt->text)
    return RK_OK;
  for (i = s; i < e; i++) {
    if (i + 3 <= e && !memcmp(t + i, "\xe2\x98\x85", 3)) { black++; i += 2; }       /* ★ */
    else if (i + 3 <= e && !memcmp(t + i, "\xe2\x98\x86", 3)) { white++; i += 2; }  /* ☆ */
    else if (i + 2 <= e && !memcmp(t + i, "\xc2\xbd", 2)) { half = 1; i += 1; }    /* ½ */
    else if (t[i] == '*') asterisks++;
  }
  if (asterisks && e - s >= 3 && !strncmp(t + e - 3, "1/2", 3))
    half = 1;                                                                       /* "***1/2" */
  if (black + white > 0) {
    /* "★★★★☆" is 4 of 5; "★★★½" is 3.5, out of 5 when the empty stars say so */
    v    = black + 0.5 * half;
    best = white ? black + white + half : 0;
  } else if (asterisks > 0 && asterisks <= 5) {
    v = asterisks + 0.5 * half;
  } else {
    char *end;
    v = strtod(t + s, &end);
    if (end > t + s && end <= t + e) {
      const char *p = end;
      if (p + 2 <= t + e && !memcmp(p, "\xc2\xbd", 2)) { v += 0.5; p += 2; }       /* "3½/5" */
      while (p < t + e && *p == ' ') p++;
      if (p < t + e && *p == '/')
        best = strtod(p + 1, NULL);
      else if (!strncasecmp(p, "out of", 6))
        best = strtod(p + 6, NULL);
      else if (!strncasecmp(p, "stars out of", 12))
        best = strtod(p + 12, NULL);
    } else {
      /* "Four out of Five stars" */
      size_t w = strcspn(t + s, " ");
      if (number_word(t + s, w, &v)) {
        const char *p = t + s + w;
        while (*p == ' ') p++;
        if (!strncasecmp(p, "out of ", 7)) {
          p += 7;
          number_word(p, strcspn(p, " "), &best);
        }
      } else if (e - s <= 2 && strchr("ABCDEF", t[s]) && (e - s == 1 || strchr("+-", t[s + 1]))) {
        v = 0;  /* a letter grade: kept as written, no number */
      } else {
        return RK_OK;
      }
    }
  }
  if (v < 0 || v > 100 || (best && v > best))
    return RK_OK;
  rt->value = v;
  rt->best  = best;
  if (!(rt->text = rk_strndup(t + s, e - s)))
    return RK_ERR_NOMEM;
  rt->worst = 0;
  rt->ev    = rk_ex_evidence(x, s, e, 0.9f, "rating");
  return RK_OK;
}

/* "France/Belgium", "USA, UK": each item is a country or a language. */
static RkStatus
add_listed(RkEx *x, int languages, const char *t, size_t s, size_t e)
{
  size_t i = s;

  while (i < e) {
    size_t j = i;
    while (j < e && !strchr("/,;", t[j]) && !(t[j] == ' ' && j + 5 <= e && !memcmp(t + j, " and ", 5)))
      j++;
    size_t a = i, b = j;
    while (a < b && (t[a] == ' ' || t[a] == '(')) a++;
    while (b > a && strchr(" .)", t[b - 1])) b--;
    /* keep capitalised words only: "France", "U.S.", "South Korea" */
    if (b > a && (rk_isupper((unsigned char)t[a]) || (unsigned char)t[a] >= 0x80)) {
      size_t w = a;
      while (w < b && t[w] != '(' && !(w + 6 <= b && !strncmp(t + w, " with ", 6)))
        w++;
      while (w > a && t[w - 1] == ' ') w--;
      RkStatus st = languages ? rk_ex_language(x, t + a, w - a) : rk_ex_country(x, t + a, w - a);
      if (st)
        return st;
    }
    i = j;
    if (i < e && t[i] == ' ') i += 5; else i++;
  }
  return RK_OK;
}

/* Country names on a short line ("France 1995", "1982-U.S. 108 min."). */
static RkStatus
countries_in(RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = s; i < e && !st; i++) {
    if (!rk_isupper((unsigned char)t[i]) || (i > s && rk_isalpha((unsigned char)t[i - 1])))
      continue;
    /* the longest run of up to three words that names a country */
    size_t best = 0, w = i;
    for (int words = 0; words < 3 && w < e; words++) {
      while (w < e && (rk_isalpha((unsigned char)t[w]) || t[w] == '.')) w++;
      if (rk_lexicon_country_code(x->lex, t + i, w - i))
        best = w;
      if (w >= e || t[w] != ' ')
        break;
      w++;
    }
    if (best) {
      st = rk_ex_country(x, t + i, best - i);
      i = best;
    }
  }
  return st;
}

/* ------------------------------------------------------------ people */

/* The extent of one list item: up to a comma, semicolon, bullet, or " and "
 * / " & " outside parentheses. */
static size_t
item_end(const char *t, size_t i, size_t e, int split_and)
{
  int depth = 0;

  for (; i < e; i++) {
    if (t[i] == '(') depth++;
    else if (t[i] == ')') depth -= depth > 0;
    else if (depth || rk_isalpha((unsigned char)t[i])) continue;
    else if (t[i] == ',' || t[i] == ';' || t[i] == '|' || t[i] == '/')
      return i;
    else if (i + 3 <= e && !memcmp(t + i, "\xe2\x80\xa2", 3))
      return i;
    else if (split_and && t[i] == ' ' && ((i + 5 <= e && !memcmp(t + i, " and ", 5)) ||
                                          (i + 3 <= e && !memcmp(t + i, " & ", 3))))
      return i;
  }
  return e;
}

static size_t
skip_item_sep(const char *t, size_t i, size_t e)
{
  if (i >= e)
    return e;
  if (i + 5 <= e && !memcmp(t + i, " and ", 5)) return i + 5;
  if (i + 3 <= e && !memcmp(t + i, " & ", 3)) return i + 3;
  if (i + 3 <= e && !memcmp(t + i, "\xe2\x80\xa2", 3)) return i + 3;
  return i + 1;
}

/* The name that fills [s, e) except for trailing parentheses and dashes. */
static int
whole_name(const RkEx *x, size_t s, size_t e, RkSpan *sp)
{
  const char *t = x->text;

  while (s < e && (t[s] == ' ' || t[s] == '"')) s++;
  while (e > s && strchr(" .-:;,\"", t[e - 1])) {
    /* keep the full stop of an initial or "Jr." */
    if (t[e - 1] == '.' && e - s >= 2 && (rk_isupper((unsigned char)t[e - 2]) || !strncmp(t + e - 3, "Jr", 2)))
      break;
    e--;
  }
  if (e <= s || !rk_name_at(x, s, e, sp))
    return 0;
  return sp->e == e;
}

static RkStatus add_role_people(RkEx *x, unsigned roles, size_t s, size_t e, float conf, const char *rule);
static int      unnamed_role(const RkEx *x, const char *c);

/* "starring Mr. Cool Shades": a courtesy title before nothing but
 * ordinary words is a joke billing or a nickname, not a performer's name
 * ("Dr. Dre" keeps his). */
static int
honorific_nickname(const RkEx *x, const char *name)
{
  static const char *const titles[] = { "Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr ", NULL };

  for (const char *const *h = titles; *h; h++) {
    size_t k;
    if (name[0] != (*h)[0] || strncmp(name, *h, k = strlen(*h)))
      continue;
    const char *w = name + k;
    if (!*w)
      return 0;
    while (*w) {
      size_t n = strcspn(w, " ");
      if (n < 2 || !rk_is_common_word(x, w, n))
        return 0;
      w += n;
      while (*w == ' ') w++;
    }
    return 1;
  }
  return 0;
}

/* "(Gen. Howard)", "(Lt. Kelly)": a character's abbreviated rank (a
 * capital, one to three more letters, a full stop) before a name that
 * fills the rest of the brackets.  Returns where the character starts
 * (the rank's capital) or @p e when the brackets hold no such name. */
static size_t
ranked_character(const RkEx *x, size_t a, size_t e)
{
  const char *t = x->text;
  size_t      p = a + 1;
  RkSpan      ch;

  if (a >= e || !rk_isupper((unsigned char)t[a]))
    return e;
  while (p < e && rk_islower((unsigned char)t[p])) p++;
  if (p - a < 2 || p - a > 4 || p + 2 >= e || t[p] != '.' || t[p + 1] != ' ')
    return e;
  return rk_name_at(x, p + 2, e, &ch) && ch.s == p + 2 && ch.e == e ? a : e;
}

/* One cast item: "Actor", "Actor (Character)", "Actor as Character[ and
 * Character]", "Actor (aka Other Name)". */
static RkStatus
cast_item(RkEx *x, size_t s, size_t e, float conf)
{
  const char *t = x->text;
  RkSpan      actor;
  size_t      p, idx;
  char       *name;
  RkStatus    st = RK_OK;

  while (s < e && t[s] == ' ') s++;
  if (!rk_name_at(x, s, e, &actor))
    return RK_OK;
  p = actor.e;
  while (p < e && t[p] == ' ') p++;
  if (p < e && t[p] != '(' && strncmp(t + p, "as ", 3) && !(actor.e == e || strchr(".-", t[p])))
    return RK_OK;  /* lower-case words after the name: not a cast item */
  if (!(name = rk_clean_listed(x, t + actor.s, actor.e - actor.s)))
    return RK_OK;
  if (honorific_nickname(x, name))
    goto done;
  if ((st = rk_ex_person(x, name, RK_ROLE_ACTOR, actor.s, actor.e, conf, "credits-cast", &idx)))
    goto done;
  if (p < e && t[p] == '(') {
    size_t close = p;
    while (close < e && t[close] != ')') close++;
    size_t a = p + 1;
    if (close - a > 4 && !strncasecmp(t + a, "aka ", 4)) {
      char *alias = rk_clean_listed(x, t + a + 4, close - a - 4);
      if (alias && rk_strlist_add_unique(&x->r->people[idx].aliases, alias))
        st = RK_ERR_NOMEM;
      free(alias);
      goto done;
    }
    RkSpan ch = { 0 };
    int    named = rk_name_at(x, a, close, &ch) && ch.e == close;
    if (!named && (named = ranked_character(x, a, close) == a)) {
      ch.s = a;
      ch.e = close;
    }
    if (named) {
      char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
      RkEvidence ev = rk_ex_evidence(x, actor.s, close + 1, conf, "credits-actor-(character)");
      if (c && !unnamed_role(x, c))
        st = rk_review_add_play(x->r, idx, c, &ev);
      free(c);
    }
  } else if (p + 3 <= e && !strncmp(t + p, "as ", 3)) {
    size_t q = p + 3;
    while (q < e) {
      RkSpan ch;
      if (!rk_name_at(x, q, e, &ch))
        break;
      char *c = rk_clean_character(x, t + ch.s, ch.e - ch.s);
      RkEvidence ev = rk_ex_evidence(x, actor.s, ch.e, conf, "credits-actor-as-character");
      if (c && (st = rk_review_add_play(x->r, idx, c, &ev))) {
        free(c);
        break;
      }
      free(c);
      q = ch.e;
      if (q + 5 <= e && !strncmp(t + q, " and ", 5)) q += 5;
      else break;
    }
  }
done:
  free(name);
  return st;
}

static RkStatus
cast_list(RkEx *x, size_t s, size_t e, float conf)
{
  RkStatus st = RK_OK;

  for (size_t i = s; i < e && !st;) {
    /* "A as B and C" keeps its "and": split on it only outside an "as" */
    size_t j = item_end(x->text, i, e, 0);
    size_t k = i;
    int    has_as = 0;
    for (; k + 4 <= j; k++)
      if (x->text[k] == ' ' && !memcmp(x->text + k, " as ", 4)) { has_as = 1; break; }
    if (!has_as)
      j = item_end(x->text, i, e, 1);
    st = cast_item(x, i, j, conf);
    i = skip_item_sep(x->text, j, e);
  }
  return st;
}

static RkStatus
add_role_people(RkEx *x, unsigned roles, size_t s, size_t e, float conf, const char *rule)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = s, item = 0; i < e && !st; item++) {
    size_t j = item_end(t, i, e, 1), a = i;
    RkSpan sp;
    int    named = 0, fields = 0;
    while (a < j && t[a] == ' ') a++;
    /* "by X", "(in U.S.)": skip a leading "by" */
    if (j - a > 3 && !strncasecmp(t + a, "by ", 3)) a += 3;
    if (rk_name_at(x, a, j, &sp)) {
      size_t after = sp.e;
      while (after < j && t[after] == ' ') after++;
      /* "NURI BILGE CEYLAN 150 minutes, Turkey-Bosnia, 2011": a number
       * after the name starts the header's other fields */
      fields = after < j && rk_isdigit((unsigned char)t[after]);
      /* the item is a name, optionally followed by a parenthesis, or
       * closing one ("(1954; Dir: Frank Deluca)") */
      if (after == j || t[after] == '(' || t[after] == '.' || (t[after] == ')' && after + 1 == j) || fields) {
        named = 1;
        char *name = rk_clean_listed(x, t + sp.s, sp.e - sp.s);
        size_t idx, n = name ? strlen(name) : 0;
        /* one word is a surname ("Screenplay, Audiard, ...") unless it is
         * an ordinary word ("Metro Cinema; Mar. 8") */
        int ok = name && !rk_ex_is_title(x, name, n) &&
                 (rk_name_tokens(name) > 1 || rk_ex_lookup(x, name, 0) != RK_NONE ||
                  (!rk_is_common_word(x, name, n) && n > 2));
        if (ok)
          st = rk_ex_person(x, name, roles, sp.s, sp.e, conf, rule, &idx);
        free(name);
      }
    }
    if (a >= j || (j - a == 1 && strchr("|/", t[a])))
      item--;  /* an empty cell ("Director: | Billy Wilder |") is no item */
    else if ((item == 0 && !named) || fields)
      break;  /* what follows is no list of names */
    i = skip_item_sep(t, j, e);
  }
  return st;
}

/* "based on "Rust and Bone" by Craig Davidson", "Story: John W. Campbell, Jr.
 * ("Who Goes There?")" */
static RkStatus
source_work(RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  size_t      q1 = s, q2, by;
  RkSpan      sp;

  /* the work's title in quotes */
  while (q1 < e && !(t[q1] == '"' || (q1 + 3 <= e && !memcmp(t + q1, "\xe2\x80\x9c", 3))))
    q1++;
  if (q1 >= e)
    return RK_OK;
  q1 += t[q1] == '"' ? 1 : 3;
  q2 = q1;
  while (q2 < e && !(t[q2] == '"' || (q2 + 3 <= e && !memcmp(t + q2, "\xe2\x80\x9d", 3))))
    q2++;
  if (q2 >= e || q2 == q1)
    return RK_OK;
  if (!x->r->based_on && !(x->r->based_on = rk_strndup(t + q1, q2 - q1)))
    return RK_ERR_NOMEM;
  /* the author: "by X" after the title, or a name before it */
  for (by = q2; by + 3 < e; by++)
    if (!strncmp(t + by, "by ", 3) && rk_name_at(x, by + 3, e, &sp)) {
      char  *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
      size_t idx = RK_NONE;  /* stays so when the name does not clean up */
      RkStatus st = name ? rk_ex_person(x, name, RK_ROLE_SOURCE_AUTHOR, sp.s, sp.e, 0.9f, "credits-based-on", &idx) : RK_OK;
      free(name);
      if (!st && x->r->based_on_author == RK_NONE)
        x->r->based_on_author = idx;
      return st;
    }
  if (rk_name_at(x, s, q1, &sp)) {
    char  *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
    size_t idx = RK_NONE;  /* stays so when the name does not clean up */
    RkStatus st = name ? rk_ex_person(x, name, RK_ROLE_SOURCE_AUTHOR, sp.s, sp.e, 0.9f, "credits-story", &idx) : RK_OK;
    free(name);
    if (!st && x->r->based_on_author == RK_NONE)
      x->r->based_on_author = idx;
    return st;
  }
  return RK_OK;
}

static unsigned
role_of(LabelKind k)
{
  switch (k) {
  case L_DIRECTOR:        return RK_ROLE_DIRECTOR;
  case L_DIRECTOR_WRITER: return RK_ROLE_DIRECTOR | RK_ROLE_WRITER;
  case L_WRITER:          return RK_ROLE_WRITER;
  case L_COMPOSER:        return RK_ROLE_COMPOSER;
  case L_CINEMATOGRAPHER: return RK_ROLE_CINEMATOGRAPHER;
  case L_EDITOR:          return RK_ROLE_EDITOR;
  case L_PRODUCER:        return RK_ROLE_PRODUCER;
  case L_CAST: case L_RUNTIME: case L_COUNTRY: case L_LANGUAGE: case L_RATING:
  case L_YEAR: case L_TITLE: case L_STORY: case L_CREW: case L_IGNORE:
    return 0;
  }
  return 0;
}

/* Where the sentence that starts at @p s ends: ". " before a capital, not
 * after an initial ("John W. Campbell") or an abbreviation ("Jr."), nor
 * inside brackets ("Carl Benton Reid (Gen. Howard), ..."): a bracket
 * closes before its sentence does. */
static size_t
sentence_end(const char *t, size_t s, size_t e)
{
  int depth = 0;

  for (size_t i = s + 1; i + 2 < e; i++) {
    if (t[i] == '(') depth++;
    else if (t[i] == ')') depth -= depth > 0;
    if (depth || t[i] != '.' || t[i + 1] != ' ' || !rk_isupper((unsigned char)t[i + 2]))
      continue;
    size_t w = i;
    while (w > s && rk_isalpha((unsigned char)t[w - 1])) w--;
    if (i - w <= 2)  /* "W.", "Jr.", "St." */
      continue;
    return i + 2;
  }
  return e;
}

static RkStatus crew_segment(RkEx *x, size_t s, size_t e);

/* Does a field's label word start at @p p ("Rated R", "Running time 98
 * mins", "USA")?  Any label word counts, with or without its colon. */
static int
label_word_at(const char *t, size_t p, size_t e)
{
  unsigned letter;

  /* only the labels of the word's first letter can match (the labels are
   * indexed: rk_extract_credits sees to it) */
  if (p < e && (letter = ((unsigned char)t[p] | 0x20) - 'a') < 26)
    for (const unsigned char *ix = labels_by_letter[letter]; *ix; ix++) {
      size_t k = label_len[*ix - 1];
      if (k >= 3 && p + k <= e && rk_at(t, p, e, labels[*ix - 1].text) &&
          (p + k == e || !rk_isalnum((unsigned char)t[p + k])))
        return 1;
    }
  return p < e && rk_isdigit((unsigned char)t[p]);
}

/* "Directed by Joel Coen - Rated R", "Director: X | 98 min": a header
 * strings its fields on one line with a spaced dash or bar, and names
 * never hold one; the label's value ends there. */
static size_t
value_before_field(const char *t, size_t s, size_t e)
{
  for (size_t i = s; i + 3 <= e; i++) {
    size_t k = 0;
    if (t[i] != ' ')
      continue;
    if (t[i + 1] == '-' || t[i + 1] == '|') k = 2;
    else if (i + 5 <= e && (!memcmp(t + i + 1, "â", 3) || !memcmp(t + i + 1, "â", 3))) k = 4;
    if (!k || i + k >= e || t[i + k] != ' ')
      continue;
    size_t v = i + k;
    while (v < e && t[v] == ' ') v++;
    if (label_word_at(t, v, e))
      return i;
  }
  return e;
}

/* "With: (voices) A, B": a bracketed qualifier opens the list. */
static size_t
skip_list_qualifier(const char *t, size_t s, size_t e)
{
  size_t c = s + 1;

  if (s >= e || t[s] != '(')
    return s;
  while (c < e && t[c] != ')' && (rk_islower((unsigned char)t[c]) || t[c] == ' ' || t[c] == '-'))
    c++;
  if (c >= e || t[c] != ')' || c - s > 24 || c == s + 1)
    return s;
  for (c++; c < e && (t[c] == ' ' || t[c] == ':'); c++)
    ;
  return c;
}

/* The value [s, e) of a label of kind @p k. */
static RkStatus
label_value(RkEx *x, LabelKind k, size_t s, size_t e)
{
  const char *t = x->text;
  RkReview   *r = x->r;
  size_t      cut;

  while (s < e && t[s] == ' ') s++;
  while (e > s && t[e - 1] == ' ') e--;
  if (e <= s)
    return RK_OK;
  switch (k) {
  case L_CAST:
    return cast_list(x, skip_list_qualifier(t, s, e), e, 0.95f);
  case L_DIRECTOR: case L_WRITER: case L_COMPOSER: case L_CINEMATOGRAPHER:
  case L_EDITOR: case L_PRODUCER: case L_DIRECTOR_WRITER:
    e = value_before_field(t, s, e);
    /* "Screenplay, Audiard, Thomas Bidegain, based on "X" by Y" */
    for (cut = s; cut + 8 <= e; cut++)
      if (rk_at(t, cut, e, "based on")) {
        RkStatus st = source_work(x, cut, e);
        if (st)
          return st;
        e = cut;
        break;
      }
    {
      /* a runtime may ride along: "Dir. Alfred Hitchcock (128 mins)" */
      int m;
      if (!r->runtime && find_runtime(t, s, e, &m))
        r->runtime = m;
    }
    /* "Ozu, Yasujiro": two single words are one inverted name */
    {
      size_t comma = s;
      while (comma < e && t[comma] != ',') comma++;
      RkSpan a, b;
      if (k == L_DIRECTOR && comma < e && whole_name(x, s, comma, &a) && a.ntok == 1 &&
          whole_name(x, comma + 1, e, &b) && b.ntok == 1) {
        RkBuf buf;
        size_t idx;
        RkStatus st;
        rk_buf_init(&buf);
        if (rk_buf_append(&buf, t + b.s, b.e - b.s) || rk_buf_putc(&buf, ' ') ||
            rk_buf_append(&buf, t + a.s, a.e - a.s)) {
          rk_buf_clear(&buf);
          return RK_ERR_NOMEM;
        }
        st = rk_ex_person(x, buf.data, RK_ROLE_DIRECTOR, s, e, 0.9f, "credits-inverted-name", &idx);
        rk_buf_clear(&buf);
        return st;
      }
    }
    return add_role_people(x, role_of(k), s, e, 0.95f, "credits-label");
  case L_RUNTIME: {
    int m;
    if (!r->runtime && find_runtime(t, s, e, &m))
      r->runtime = m;
    return RK_OK;
  }
  case L_YEAR: {
    int y;
    if (!r->year && find_year(t, s, e, &y))
      r->year = y;
    return RK_OK;
  }
  case L_COUNTRY:
    return add_listed(x, 0, t, s, e);
  case L_LANGUAGE:
    return add_listed(x, 1, t, s, e);
  case L_RATING:
    return rk_parse_rating(x, s, e);
  case L_TITLE: {
    char *title = rk_strndup(t + s, e - s);
    RkStatus st = title ? rk_strlist_add_unique(&r->titles, title) : RK_ERR_NOMEM;
    free(title);
    return st;
  }
  case L_STORY:
    return source_work(x, s, e);
  case L_CREW:
    return crew_segment(x, s, e);
  case L_IGNORE:
    return RK_OK;
  }
  return RK_OK;
}

/* Trade-paper crew runs: "Camera (widescreen, color), Stephane Fontaine;
 * editor, Juliette Welfling; music, Alexandre Desplat" - label, comma,
 * value, semicolon. */
static RkStatus
crew_segment(RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  RkStatus    st = RK_OK;

  for (size_t i = s; i < e && !st;) {
    size_t j = i, depth = 0, se = sentence_end(t, i, e);
    while (j < se && !(t[j] == ';' && !depth)) {
      if (t[j] == '(') depth++;
      else if (t[j] == ')' && depth) depth--;
      j++;
    }
    /* within [i, j): "Label[ (...)], Value" or "Label Value." sentences */
    size_t a = i;
    while (a < j && t[a] == ' ') a++;
    for (const Label *l = labels; l->text; l++) {
      size_t k = label_len[l - labels], v;
      if (!rk_at(t, a, j, l->text) || (a + k < j && rk_isalpha((unsigned char)t[a + k])))
        continue;
      v = a + k;
      if (v < j && t[v] == ' ' && v + 1 < j && t[v + 1] == '(') {
        while (v < j && t[v] != ')') v++;
        v++;
      }
      if (v < j && t[v] == ',')
        st = label_value(x, l->kind, v + 1, j);
      break;
    }
    i = j + 1;
  }
  return st;
}

/* "1922 63m/B GE Max Schreck, Alexander Granach; D: F.W. Murnau; W: ...":
 * a film catalogue's entry gives year, minutes/colour and country codes,
 * then the cast unlabelled as the first ';'-field before "D:". */
static RkStatus
catalogue_cast(RkEx *x, size_t lo, size_t hi, LabelKind first)
{
  const char *t = x->text;
  size_t      p = lo, semi = hi;
  int         v;

  while (semi > lo && t[semi - 1] == ' ') semi--;
  if (first != L_DIRECTOR || semi == lo || t[semi - 1] != ';' || parse_int(t + lo, hi - lo, &v) != 4 ||
      v < 1880 || v > 2100)
    return RK_OK;
  p = lo + 4;
  while (p < semi && t[p] == ' ') p++;
  if (parse_int(t + p, semi - p, &v) < 1 || t[p + (size_t)parse_int(t + p, semi - p, &v)] != 'm')
    return RK_OK;  /* the running time, "63m/B" */
  /* the codes: tokens with a digit, a slash, or two or three capitals */
  while (p < semi) {
    size_t w = p, caps = 0;
    int    code = 0;
    while (w < semi && t[w] != ' ') {
      if (rk_isdigit((unsigned char)t[w]) || t[w] == '/') code = 1;
      if (rk_isupper((unsigned char)t[w])) caps++;
      w++;
    }
    if (!code && !(caps == w - p && caps >= 2 && caps <= 3))
      break;
    for (p = w; p < semi && t[p] == ' '; p++)
      ;
  }
  return p < semi - 1 && memchr(t + p, ',', semi - p) ? cast_list(x, p, semi - 1, 0.9f) : RK_OK;
}

/* A header line that is no list of names: a field without its colon
 * ("Rated PG", "Certificate 15") or the film's own title with a variant
 * ("Nosferatu, A Symphony of Terror" under the headline). */
static int
header_field_line(const RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;

  for (const Label *l = labels; l->text; l++) {
    size_t k = strlen(l->text);
    if ((l->kind == L_IGNORE || l->kind == L_RATING) && k >= 4 && s + k < e && t[s + k] == ' ' &&
        !strncasecmp(t + s, l->text, k))
      return 1;
  }
  /* the title then a comma or nothing: "Amy Adams, ..." under "Amy" is a cast */
  for (size_t i = 0; i < x->r->titles.n; i++) {
    size_t k = strlen(x->r->titles.items[i]);
    if (s + k <= e && !strncasecmp(t + s, x->r->titles.items[i], k) && (s + k == e || t[s + k] == ',' || t[s + k] == ':'))
      return 1;
  }
  return 0;
}

/* A label the line scan takes at @p p of [lo, hi): a word at the line's
 * start or after a separator.  Bare labels ("Directed by X", "Starring
 * X") may stand inside a line; a bare "Director X" only at the start. */
/* Does a word that makes another job of the label stand right before @p p
 * ("Art Director:", "Casting Director:", "Film Editor:")? */
static int
job_modifier_before(const char *t, size_t p, size_t lo)
{
  static const char *const modifiers[] = { "art", "set", "music", "casting", "assistant", "second", "unit",
                                           "film", "associate", "executive", "production", "sound", "costume",
                                           "script", "dialogue", "stunt", "animation", "photography", "location",
                                           "supervising", "co", NULL };
  size_t e = p - 1, b = e;

  while (b > lo && rk_isalpha((unsigned char)t[b - 1])) b--;
  for (const char *const *m = modifiers; *m; m++)
    if (strlen(*m) == e - b && !strncasecmp(t + b, *m, e - b))
      return 1;
  return 0;
}

static int colon_label(const char *t, size_t p, size_t skip);

/* "Dir. Sigrid Aasen": a label cut short with a full stop marks a field
 * as a colon does. */
static int
abbreviated_label(const char *t, size_t p, size_t skip)
{
  while (skip > 1 && t[p + skip - 1] == ' ') skip--;
  return skip >= 3 && t[p + skip - 1] == '.';
}

/* "Regie: Maarten Vos. Met: ..." and, lines later, "Regie: Aino Talvik.
 * Met: ...": on a page of capsules, a later line whose label names a director
 * the film does not have opens another film's credits. */
static int
another_films_director(RkEx *x, size_t vs, size_t hi)
{
  RkSpan sp;

  if (!x->director_label_end || vs < x->director_label_end)
    return 0;
  while (vs < hi && x->text[vs] == ' ') vs++;
  if (!rk_name_at(x, vs, hi, &sp))
    return 0;
  char *name = rk_clean_listed(x, x->text + sp.s, sp.e - sp.s);
  int   other = name && rk_ex_lookup(x, name, RK_ROLE_DIRECTOR) == RK_NONE;
  free(name);
  return other;
}

static size_t
line_label_at(const char *t, size_t p, size_t lo, size_t hi, LabelKind *kind)
{
  size_t skip;

  if (!rk_isalpha((unsigned char)t[p]))
    return 0;
  if (!is_sep_before(t, p, lo)) {
    /* "Directed by: Wong Kar Wai Starring: Andy Lau, ...": a capitalised
     * "Label:" after one space starts the next field of a one-line block */
    if (p == lo || t[p - 1] != ' ' || !rk_isupper((unsigned char)t[p]) || !(skip = label_at(t, p, hi, kind)) ||
        !(colon_label(t, p, skip) || abbreviated_label(t, p, skip)) || job_modifier_before(t, p, lo))
      return 0;
    return skip;
  }
  if (!(skip = label_at(t, p, hi, kind)))
    return 0;
  if (p != lo && !colon_label(t, p, skip) && !abbreviated_label(t, p, skip) && *kind == L_DIRECTOR &&
      strncasecmp(t + p, "directed", 8) != 0)
    return 0;
  return skip;
}

/* Is the label of @p skip bytes at @p p a "Label:" (the colon maybe
 * followed by spaces)? */
static int
colon_label(const char *t, size_t p, size_t skip)
{
  while (skip > 1 && t[p + skip - 1] == ' ') skip--;
  return t[p + skip - 1] == ':';
}

static int
opens_sentence(const char *t, size_t p, size_t lo)
{
  return p == lo || (p >= lo + 2 && t[p - 2] == '.' && t[p - 1] == ' ');
}

/* Where the sentence after the next ". " at or after @p p starts, or @p hi. */
static size_t
next_sentence(const char *t, size_t p, size_t hi)
{
  const char *d;

  while (p < hi && (d = memchr(t + p, '.', hi - p))) {
    p = (size_t)(d - t) + 1;
    if (p < hi && t[p] == ' ')
      return p + 1;
  }
  return hi;
}

/* A "Label:" whose text (and spaces) ends at @p b? */
static int
colon_label_before(const char *t, size_t b, size_t lo, size_t hi)
{
  LabelKind k;
  size_t    skip;

  while (b > lo && t[b - 1] == ' ')
    b--;
  for (size_t p = b > lo + longest_label ? b - longest_label : lo; p < b; p++)
    if ((p == lo || t[p - 1] == ' ' || t[p - 1] == '(') && (skip = line_label_at(t, p, lo, hi, &k)) &&
        colon_label(t, p, skip))
      return 1;
  return 0;
}

/* A long line is credits only with a "Label:" in it or with two labels
 * that open sentences (scan_labelled_line says why).  Both are looked for
 * only where they can stand, before each colon and at each sentence's
 * start, so that a paragraph is not read word by word. */
static int
prose_may_hold_labels(const char *t, size_t lo, size_t hi)
{
  LabelKind   k;
  size_t      skip;
  int         sentences = 0;
  const char *c;

  for (size_t p = lo; p < hi; p = next_sentence(t, p, hi))
    if ((skip = line_label_at(t, p, lo, hi, &k)) && (colon_label(t, p, skip) || ++sentences == 2))
      return 1;
  for (size_t q = lo; q < hi && (c = memchr(t + q, ':', hi - q)); q = (size_t)(c - t) + 1) {
    size_t r = (size_t)(c - t);
    if (colon_label_before(t, r, lo, hi))
      return 1;
    /* "Label (qualifier):": the '(' is at most 40 bytes before the ')',
     * with no ')' between */
    if (r > lo && t[r - 1] == ')')
      for (size_t o = r - 1; o > lo && r - o <= 40 && t[o - 1] != ')'; o--)
        if (t[o - 1] == '(' && colon_label_before(t, o - 1, lo, hi))
          return 1;
  }
  return 0;
}

/* Every label of one line, each with the text up to the next label. */
/* Where a field this module has no label for starts inside a value
 * [vs, ve): "Director: Hanna Lindqvist Quick Summary: A doll ...".  The
 * field's name is the capitalised dictionary words before its colon
 * ("Quick Summary"); a name's words are not ("Lindqvist").  @p ve if none. */
static size_t
other_label_start(const RkEx *x, size_t vs, size_t ve)
{
  const char *t = x->text;
  const char *c = memchr(t + vs, ':', ve - vs);

  if (!c || (size_t)(c - t) + 1 >= ve || c[1] != ' ')
    return ve;
  size_t start = (size_t)(c - t), words = 0;
  while (words < 3 && start > vs) {
    size_t e = start, b = e;
    while (b > vs && t[b - 1] == ' ') b--;
    e = b;
    while (b > vs && rk_isalpha((unsigned char)t[b - 1])) b--;
    if (b == e || !rk_isupper((unsigned char)t[b]) || (b > vs && t[b - 1] != ' ') || !rk_is_common_word(x, t + b, e - b))
      break;
    LabelKind k;
    if (!words && label_at(t, b, ve, &k))
      return ve;  /* a label of ours ("Art Director:"): the label scan decides */
    start = b;
    words++;
  }
  return words && start > vs ? start : ve;
}

static int
scan_labelled_line(RkEx *x, size_t lo, size_t hi, int prose, LabelKind *last, RkStatus *st)
{
  const char *t = x->text;
  size_t      starts[32], skips[32];
  LabelKind   kinds[32];
  int         n = 0;

  if (prose && !prose_may_hold_labels(t, lo, hi))
    return 0;
  int paren = memchr(t + lo, '(', hi - lo) != NULL;
  for (size_t p = lo; p < hi && n < 32;) {
    LabelKind   k;
    size_t      skip;
    const char *sp;
    if ((skip = line_label_at(t, p, lo, hi, &k))) {
      starts[n] = p;
      skips[n]  = skip;
      kinds[n]  = k;
      n++;
      p += skip;
      if (p < hi && t[p - 1] == ' ')
        continue;  /* the value itself may open with a label */
    }
    /* labels are words that start the line or follow a separator, and a
     * separator ends in a space, or is the '(' of a bracketed run
     * ("(director/writer: X; editor: Y)"): only the byte after one of
     * those is tried */
    const char *op = paren ? memchr(t + p, '(', hi - p) : NULL;
    sp = memchr(t + p, ' ', hi - p);
    if (op && (!sp || op < sp))
      sp = op;
    if (!sp)
      break;
    p = (size_t)(sp - t) + 1;
  }
  if (n == 0)
    return 0;
  if (prose) {
    /* in a long line only a run with a "Label:" is credits ("... Directed
     * by John Carpenter. Story: ... Cast:Kurt Russell (R.J. MacReady)"),
     * or two or more labels that each open a sentence ("Directed by X.
     * Starring A, B and C.") */
    int colon = 0, sentences = 0;
    for (int i = 0; i < n; i++) {
      colon |= colon_label(t, starts[i], skips[i]);
      sentences += opens_sentence(t, starts[i], lo);
    }
    if (!colon && !(n >= 2 && sentences == n))
      return 0;
  }
  *last = kinds[n - 1];
  /* text before the first label: "1982-U.S. 108 min. Color." */
  if (starts[0] > lo) {
    int v;
    if ((*st = catalogue_cast(x, lo, starts[0], kinds[0])))
      return 1;
    /* "Walter Brandt, Edith Lamar, Harold Kessler (1954; Dir: Frank
     * Deluca)": a cast list, then the year and director in parentheses */
    const char *open = memchr(t + lo, '(', starts[0] - lo);
    size_t      commas = 0;
    for (size_t c = lo; open && c < (size_t)(open - t); c++)
      commas += t[c] == ',';
    if (open && commas >= 2 && !memchr(open, ')', (size_t)(t + starts[0] - open))) {
      /* "The Harbour Men—Walter Brandt, ...": the title before a dash */
      size_t from = lo, comma = (size_t)((const char *)memchr(t + lo, ',', (size_t)(open - t) - lo) - t);
      for (size_t d = lo; d + 3 <= comma; d++)
        if (!memcmp(t + d, "\xe2\x80\x94", 3) || !memcmp(t + d, "\xe2\x80\x93", 3))
          from = d + 3;
      if ((*st = cast_list(x, from, (size_t)(open - t), 0.85f)))
        return 1;
    }
    if (!x->r->runtime && find_runtime(t, lo, starts[0], &v)) x->r->runtime = v;
    if (!x->r->year && find_year(t, lo, starts[0], &v)) x->r->year = v;
    if (!rk_ex_has_month(t, lo, starts[0]) && (*st = countries_in(x, lo, starts[0])))
      return 1;
  }
  for (int i = 0; i < n; i++)
    if (kinds[i] == L_DIRECTOR || kinds[i] == L_DIRECTOR_WRITER) {
      if (another_films_director(x, starts[i] + skips[i], hi))
        return 1;  /* its cast and crew are that film's too */
      if (!x->director_label_end)
        x->director_label_end = hi;
      break;
    }
  for (int i = 0; i < n && !*st; i++) {
    size_t vs = starts[i] + skips[i], ve = i + 1 < n ? starts[i + 1] : hi;
    ve = other_label_start(x, vs, ve);
    size_t se = sentence_end(t, vs, ve);
    if (se < ve && kinds[i] != L_CREW) {
      /* "Directed by X. Screenplay, Y, Z, based on ..." */
      *st = crew_segment(x, se, ve);
      ve = se;
      if (*st)
        break;
    }
    /* trailing ". 12A, 117 mins" after a cast list */
    if (kinds[i] == L_CAST || kinds[i] == L_DIRECTOR) {
      int m;
      if (!x->r->runtime && find_runtime(t, vs, ve, &m)) x->r->runtime = m;
    }
    *st = label_value(x, kinds[i], vs, ve);
  }
  return 1;
}

/* One word that names a function, not a person: "Judge Rudy Bond",
 * "Councilman Noble Willingham", "Tramp (Joachim Krol)". */
static int
role_noun(const char *w, size_t n)
{
  static const char *const nouns[] = {
    "judge", "guard", "defendant", "clerk", "councilman", "councilwoman", "tramp", "narrator", "doctor",
    "nurse", "waiter", "waitress", "bartender", "barman", "policeman", "policewoman", "cop", "officer",
    "detective", "soldier", "sailor", "priest", "nun", "reporter", "journalist", "secretary", "teacher",
    "student", "driver", "farmer", "stranger", "bailiff", "prosecutor", "lawyer", "attorney", "juror",
    "foreman", "landlady", "landlord", "housekeeper", "maid", "butler", "receptionist", "salesman",
    "shopkeeper", "bystander", "passenger", "patient", "prisoner", "inmate", "warden", "coroner",
    "mother", "father", "wife", "husband", "daughter", "son", "sister", "brother", "grandmother",
    "grandfather", "girlfriend", "boyfriend", "neighbour", "neighbor", "boy", "girl", "man", "woman",
    "thug", "gangster", "henchman", "bodyguard", "hitman", "assassin", "killer", "customer", "vendor",
    "photographer", "singer", "dancer", "pianist", "announcer", "interviewer", "host",
    /* a bare rank is no name either: "Ken Clark (Sergeant)" */
    "sergeant", "lieutenant", "corporal", "private", NULL };

  for (const char *const *r = nouns; *r; r++)  /* the first letter before the length */
    if (n && ((unsigned char)w[0] | 0x20) == (unsigned char)(*r)[0] && strlen(*r) == n && !strncasecmp(w, *r, n))
      return 1;
  return 0;
}

/* "Sheriff Chambers", "Captain Smith": a rank before one capitalised word
 * names someone, even when both words are also ordinary English. */
static int
rank_and_name(const char *c)
{
  static const char *const ranks[] = {
    "sheriff", "captain", "inspector", "detective", "doctor", "dr.", "dr", "professor", "sergeant",
    "lieutenant", "officer", "agent", "colonel", "general", "major", "judge", "count", "countess",
    "lord", "lady", "king", "queen", "prince", "princess", "sister", "father", "brother", "aunt",
    "uncle", "mr.", "mrs.", "mr", "mrs", "miss", "ms.", "mister", "nurse", "coach", "deputy",
    "senator", "governor", "mayor", "president", "chief", "reverend", "admiral", "marshal", NULL };
  const char *sp = strchr(c, ' ');

  if (!sp || strchr(sp + 1, ' ') || !rk_isupper((unsigned char)sp[1]))
    return 0;
  for (const char *const *r = ranks; *r; r++)  /* the first letter before the length */
    if (((unsigned char)c[0] | 0x20) == (unsigned char)(*r)[0] && strlen(*r) == (size_t)(sp - c) &&
        !strncasecmp(c, *r, (size_t)(sp - c)))
      return 1;
  return 0;
}

/* A character's name that is really a description ("Man with Knife",
 * "Irate Farmer") is an unnamed role: the performer counts, the role not. */
static int
unnamed_role(const RkEx *x, const char *c)
{
  int words = 0, common = 0;

  if (!strchr(c, ' ') && role_noun(c, strlen(c)))
    return 1;
  if (rank_and_name(c))
    return 0;

  for (const char *w = c; *w;) {
    size_t n = strcspn(w, " ");
    if (n && rk_islower((unsigned char)w[0]))
      return 1;
    words++;
    if (rk_is_common_word(x, w, n))
      common++;
    w += n;
    while (*w == ' ') w++;
  }
  return words > 1 && common == words;
}

static RkStatus
actor_with_role(RkEx *x, size_t as, size_t ae, const char *chr, size_t cs, size_t ce,
                float conf, const char *rule)
{
  char    *actor = rk_clean_listed(x, x->text + as, ae - as);
  size_t   idx;
  RkStatus st = RK_OK;

  if (!actor)
    return RK_OK;
  st = rk_ex_person(x, actor, RK_ROLE_ACTOR, as, ae, conf, rule, &idx);
  if (!st && chr && *chr && !unnamed_role(x, chr)) {
    RkEvidence ev = rk_ex_evidence(x, cs < as ? cs : as, ce > ae ? ce : ae, conf, rule);
    st = rk_review_add_play(x->r, idx, chr, &ev);
  }
  free(actor);
  return st;
}

/* A lone initial: "E", "G.", at @p p. */
static int
initial_token(const char *t, size_t p, size_t e)
{
  return p < e && rk_isupper((unsigned char)t[p]) &&
         (p + 1 == e || t[p + 1] == ' ' || (t[p + 1] == '.' && (p + 2 == e || t[p + 2] == ' ')));
}

/* Where the performer's name starts in a "Character Actor" span of @p ntok
 * tokens: the last two or three words, whichever starts with a given name. */
static size_t
actor_split(RkEx *x, const RkSpan *sp)
{
  const char *t = x->text;
  size_t      starts[16];
  int         k = 0;

  for (size_t i = sp->s; i < sp->e && k < 16; i++)
    if (i == sp->s || (t[i - 1] == ' ' && rk_isupper((unsigned char)t[i])))
      starts[k++] = i;
  if (k < 3)
    return sp->s;
  for (int len = 2; len <= 3 && len <= k; len++) {
    size_t a = starts[k - len], n = strcspn(t + a, " ");
    if (rk_lexicon_is_given_name(x->lex, t + a, n))
      return a;
  }
  /* "E G Marshall": initials before the surname are the performer's */
  int j = k - 2;
  while (j > 0 && initial_token(t, starts[j - 1], sp->e))
    j--;
  return starts[j];
}

/* Cast-table rows: "Actor: Character", "Actor … Character", "Actor as
 * Character[ and Character]"; inside a cast block also "Character Actor"
 * ("Noah Cross John Huston", "Man with Knife Roman Polanski -") and a
 * character on one line with the performer on the next. */
static RkStatus
cast_table_line(RkEx *x, size_t lo, size_t hi, int in_cast_block, int *matched, char **held)
{
  const char *t = x->text;
  RkSpan      a, b;
  size_t      p;
  RkStatus    st = RK_OK;

  *matched = 0;
  while (hi > lo && strchr(" -", t[hi - 1])) hi--;
  if (!rk_name_at(x, lo, hi, &a))
    return RK_OK;
  p = a.e;
  if (p < hi && t[p] == ':') p++;
  else if (p + 4 <= hi && !memcmp(t + p, " \xe2\x80\xa6", 4)) p += 4;         /* " …" */
  else if (p + 4 <= hi && !strncmp(t + p, " ...", 4)) p += 4;
  else if (p + 4 <= hi && !strncmp(t + p, " as ", 4)) p += 3;
  else if (in_cast_block) {
    RkSpan *spans;
    size_t  n;
    if ((st = rk_names_in(x, lo, hi, &spans, &n)) || n == 0)
      return st;
    RkSpan last = spans[n - 1];
    free(spans);
    if (last.e != hi)
      return RK_OK;
    if (a.s == last.s && last.ntok <= 2) {
      /* a lone two-word name: character now, performer on the next line */
      if (*held) {
        st = actor_with_role(x, last.s, last.e, *held, last.s, last.e, 0.8f, "cast-table-two-lines");
        free(*held);
        *held = NULL;
      } else {
        *held = rk_clean_character(x, t + last.s, last.e - last.s);
      }
      *matched = 1;
      return st;
    }
    size_t cut = a.s == last.s ? actor_split(x, &last) : last.s;
    if (last.ntok < 2 || cut == lo)
      return RK_OK;
    if (a.s != last.s && last.ntok >= 3)
      cut = actor_split(x, &last);  /* "Man with Knife Roman Polanski" */
    size_t ce = cut;
    while (ce > lo && t[ce - 1] == ' ') ce--;
    char *chr = rk_clean_character(x, t + lo, ce - lo);
    *matched = 1;
    free(*held);
    *held = NULL;
    st = actor_with_role(x, cut, last.e, chr, lo, ce, 0.85f, "cast-table-character-actor");
    free(chr);
    return st;
  } else {
    return RK_OK;
  }
  while (p < hi && t[p] == ' ') p++;
  if (!rk_name_at(x, p, hi, &b))
    return RK_OK;
  size_t rest = b.e;
  while (rest < hi && strchr(" .-", t[rest])) rest++;
  if (rest != hi && !(b.e + 5 <= hi && !strncmp(t + b.e, " and ", 5)))
    return RK_OK;
  char *actor = rk_clean_listed(x, t + a.s, a.e - a.s);
  size_t idx;
  if (!actor || (rk_name_tokens(actor) < 2 && !in_cast_block) ||
      rk_person_score(x, actor) < (in_cast_block ? 0 : 1) || rk_ex_is_title(x, t + a.s, 0)) {
    free(actor);
    return RK_OK;
  }
  *matched = 1;
  st = rk_ex_person(x, actor, RK_ROLE_ACTOR, a.s, a.e, 0.9f, "cast-line", &idx);
  free(actor);
  for (size_t q = b.s; !st && q < hi;) {
    RkSpan c;
    if (!rk_name_at(x, q, hi, &c))
      break;
    char *chr = rk_clean_character(x, t + c.s, c.e - c.s);
    RkEvidence ev = rk_ex_evidence(x, a.s, c.e, 0.9f, "cast-line");
    if (chr && !unnamed_role(x, chr))
      st = rk_review_add_play(x->r, idx, chr, &ev);
    free(chr);
    q = c.e;
    if (q + 5 <= hi && !strncmp(t + q, " and ", 5)) q += 5;
    else break;
  }
  return st;
}

/* Twelve words or more: a word starts the line or follows a space.
 * Every line of a page is asked, so word starts are counted sixteen
 * bytes a step where SSE2 is there. */
/* Twelve words or more outside parentheses? */
static int
prose_outside_parens(const char *t, size_t s, size_t e)
{
  int words = 0, depth = 0;

  for (size_t i = s; i < e; i++) {
    depth += (t[i] == '(') - (t[i] == ')');
    if (depth <= 0 && t[i] != ' ' && t[i] != ')' && (i == s || t[i - 1] == ' ') && ++words >= 12)
      return 1;
  }
  return 0;
}

static int
line_is_prose(const char *t, size_t s, size_t e)
{
  int      words = 0;
  size_t   i = s;
  unsigned space_before = 1;  /* a word may start at s */

#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');

  for (; i + 16 <= e; i += 16) {
    unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + i)),
                                                             space));
    /* a word starts at a byte that is no space after one that is */
    for (unsigned starts = ~sp & ((sp << 1) | space_before) & 0xFFFF; starts; starts &= starts - 1)
      if (++words >= 12)
        return 1;
    space_before = sp >> 15;
  }
#endif
  for (; i < e; i++) {
    if (t[i] != ' ' && space_before && ++words >= 12)
      return 1;
    space_before = t[i] == ' ';
  }
  return 0;
}

/* A line that is a single person's name (or an inverted "Surname, Given"). */
static char *
lone_name(RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  RkSpan      sp;

  while (e > s && strchr(" ;.", t[e - 1])) e--;
  while (s < e && t[s] == ' ') s++;
  if (whole_name(x, s, e, &sp) && sp.ntok >= 2) {
    char *name = rk_clean_listed(x, t + sp.s, sp.e - sp.s);
    if (name && rk_person_score(x, name) > 0 && rk_name_tokens(name) >= 2)
      return name;
    free(name);
  }
  return NULL;
}

/* A line that is one name of two or more words (no judgement on how
 * person-like it is: under a heading, it is a credit). */
static int
is_lone_name(RkEx *x, size_t s, size_t e)
{
  RkSpan sp;

  while (s < e && x->text[s] == ' ') s++;
  while (e > s && strchr(" ,;", x->text[e - 1])) e--;
  return whole_name(x, s, e, &sp) && sp.ntok >= 2;
}

/* Is the next line a lone name too ("Writer\nWen Hollis\nTobias Rask")? */
static int
next_is_name_line(RkEx *x, size_t i)
{
  const RkZones *z = x->zones;

  if (i + 1 >= z->n || z->lines[i + 1].kind == RK_ZONE_BLANK)
    return 0;
  return is_lone_name(x, z->lines[i + 1].start, z->lines[i + 1].end);
}

/* ------------------------------------------------- cast-block layouts
 * Shapes of cast tables that real pages print and the rules above do not
 * read: a "Cast & Crew" heading over "Role Actor" rows, a "Cast:" bullet
 * with the names nested under it, one name per line, glued cells, "Actor /
 * Character" rows and catalogue lines.  Each helper says when it applies. */

/* A bullet marker at @p s: "•", "·", "-", "*" and a space. */
static size_t
bullet_len(const char *t, size_t s, size_t e)
{
  if (s + 3 < e && !memcmp(t + s, "\xe2\x80\xa2", 3) && t[s + 3] == ' ') return 4;
  if (s + 2 < e && !memcmp(t + s, "\xc2\xb7", 2) && t[s + 2] == ' ') return 3;
  if (s + 1 < e && (t[s] == '-' || t[s] == '*') && t[s + 1] == ' ') return 2;
  return 0;
}

/* "Cast & Crew", "Cast and crew", "Cast & Credits": a section heading
 * over the credits, not two people. */
static int
cast_crew_heading(const char *t, size_t s, size_t e)
{
  static const char *const heads[] = { "cast & crew", "cast and crew", "cast & credits", "cast and credits",
                                       "cast/crew", "cast & characters", NULL };

  if ((t[s] | 0x20) != 'c')
    return 0;  /* every heading starts with "cast" */
  while (e > s && t[e - 1] == ':') e--;
  for (const char *const *h = heads; *h; h++)
    if (strlen(*h) == e - s && !strncasecmp(t + s, *h, e - s))
      return 1;
  return 0;
}

/* Does a cast block's row carry a label of its own ("• Director:Fritz
 * Lang", "Director Sidney Lumet")?  Then it is that credit, and the
 * cast rows are over. */
static int
labelled_row(const char *t, size_t s, size_t e)
{
  LabelKind k;
  size_t    skip;

  s += bullet_len(t, s, e);
  if (!(skip = label_at(t, s, e, &k)) || k == L_IGNORE)
    return 0;
  return t[s + skip - 1] == ':' || (skip >= 2 && t[s + skip - 2] == ':') || k == L_DIRECTOR ||
         k == L_DIRECTOR_WRITER || k == L_WRITER || k == L_PRODUCER || k == L_COMPOSER;
}

/* Line @p j without its indent and trailing spaces. */
static void
line_bounds(const RkEx *x, size_t j, size_t *s, size_t *e)
{
  const char *t = x->text;

  *s = x->zones->lines[j].start;
  *e = x->zones->lines[j].end;
  while (*s < *e && (t[*s] == ' ' || t[*s] == '\t')) (*s)++;
  while (*e > *s && t[*e - 1] == ' ') (*e)--;
}

/* "CAST / Choi Min-sik / Yoo Ji-tae / ... / PRODUCED BY": under a heading,
 * a run of lines that are each one name of the same shape is a list, not
 * "Character / Actor" pairs, when it cannot be pairs (an odd count) or the
 * page stacks every credit that way (the run ends at the next heading).
 * Returns the run's length, or 0. */
static size_t
name_per_line_run(RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  size_t         j, s, e;
  int            ntok = 0;
  LabelKind      k;

  for (j = i; j < z->n && z->lines[j].kind != RK_ZONE_BLANK; j++) {
    RkSpan sp;
    line_bounds(x, j, &s, &e);
    if (label_only(x->text, s, e, &k))
      break;
    if (!whole_name(x, s, e, &sp) || sp.s != s || sp.ntok < 2 || sp.ntok > 3 || (ntok && sp.ntok != ntok))
      break;
    ntok = sp.ntok;
  }
  if (j - i < 3)
    return 0;
  if ((j - i) % 2)
    return j - i;
  if (j < z->n && z->lines[j].kind != RK_ZONE_BLANK) {
    line_bounds(x, j, &s, &e);
    if (label_only(x->text, s, e, &k))
      return j - i;
  }
  return 0;
}

/* "Anthony PerkinsNorman Bates": a table copied without its cell
 * separator glues the performer's surname to the character's name.  The
 * boundary is a capital after three or more lower-case letters inside a
 * word, which "McIntire", "MacReady", "DeVito" and "LaBeouf" never have;
 * a row with one such boundary and a name on each side is two cells. */
static size_t
glued_cell_cut(const RkEx *x, size_t s, size_t e, RkSpan *chr)
{
  const char *t = x->text;
  size_t      cut = 0, ce;
  int         n = 0;
  RkSpan      a;

  for (size_t i = s + 3; i < e; i++) {
    if (!rk_isupper((unsigned char)t[i]) || !rk_islower((unsigned char)t[i - 1]))
      continue;
    size_t lc = i;
    while (lc > s && rk_islower((unsigned char)t[lc - 1])) lc--;
    if (i - lc < 3 || (lc > s && rk_isalpha((unsigned char)t[lc - 1]) && i - lc < 4 &&
                       !strncmp(t + lc - 1, "Fitz", 4)))
      continue;
    n++;
    cut = i;
  }
  if (n != 1 || !whole_name(x, s, cut, &a) || a.s != s || a.ntok < 2)
    return 0;
  for (ce = cut; ce < e && t[ce] != ',' && t[ce] != '('; ce++)
    ;
  while (ce > cut && t[ce - 1] == ' ') ce--;
  if (!rk_name_at(x, cut, ce, chr) || chr->s != cut)
    return 0;
  return cut;
}

/* "Ben Burtt / WALL•E, M-O (voice)": a performer, a slash and the
 * character(s).  Returns where the characters start, or 0. */
static size_t
slash_row_split(const RkEx *x, size_t s, size_t e)
{
  const char *t = x->text;
  size_t      mid = 0, r;
  RkSpan      a;
  const char *sl;

  /* each " / ": a slash with a space either side */
  for (size_t i = s + 1; i + 1 < e && (sl = memchr(t + i, '/', e - 1 - i)); i = (size_t)(sl - t) + 1)
    if (sl[-1] == ' ' && sl[1] == ' ') {
      if (mid)
        return 0;  /* "Date / Show / Info": more than two cells */
      mid = (size_t)(sl - t) - 1;
    }
  if (!mid || !whole_name(x, s, mid, &a) || a.s != s || a.ntok < 2)
    return 0;
  r = mid + 3;
  while (r < e && t[r] == ' ') r++;
  if (r >= e || !(rk_isupper((unsigned char)t[r]) || (unsigned char)t[r] >= 0x80) || label_word_at(t, r, e))
    return 0;  /* "Jane Doe / Director": a crew credit */
  char *actor = rk_clean_listed(x, t + a.s, a.e - a.s);
  int   ok = actor && rk_person_score(x, actor) >= 0;
  free(actor);
  return ok ? r : 0;
}

/* The length of a cast label ("Cast:", "Starring") opening [s, e) of
 * line @p j, or 0.  A line without a label cue holds no label. */
static size_t
cast_label_at(const RkEx *x, size_t j, size_t s, size_t e)
{
  LabelKind k;
  size_t    skip;

  if (label_cue_ok && !rk_line_cues(x, j, RK_CUE_CREDIT_LABEL))
    return 0;
  return (skip = label_at(x->text, s, e, &k)) && k == L_CAST ? skip : 0;
}

/* Is line @p j a glued or a slashed cast row (after a "Cast:" label)? */
static int
cast_row_shape(RkEx *x, size_t j, int slashed)
{
  size_t s, e;
  RkSpan ch;

  if (j >= x->zones->n || x->zones->lines[j].kind == RK_ZONE_BLANK)
    return 0;
  line_bounds(x, j, &s, &e);
  s += cast_label_at(x, j, s, e);
  if (line_is_prose(x->text, s, e))
    return 0;
  return slashed ? slash_row_split(x, s, e) != 0 : glued_cell_cut(x, s, e, &ch) != 0;
}

/* A row of one of those shapes counts when a cast label opens it or a
 * neighbouring line has the same shape: one such line alone is too little
 * evidence of a table. */
static int
in_row_run(RkEx *x, size_t i, int slashed)
{
  return (i > 0 && cast_row_shape(x, i - 1, slashed)) || cast_row_shape(x, i + 1, slashed);
}

/* "WALL•E, M-O": after a one-word character a comma lists another; after
 * a full name it opens a description ("Shelby Forthright, BnL CEO"). */
static RkStatus
slash_row_characters(RkEx *x, size_t as, size_t ae, size_t r, size_t e)
{
  const char *t = x->text;
  size_t      re = r, idx;
  RkStatus    st;
  char       *actor = rk_clean_listed(x, t + as, ae - as);

  if (!actor)
    return RK_OK;
  st = rk_ex_person(x, actor, RK_ROLE_ACTOR, as, ae, 0.85f, "cast-table-slash", &idx);
  free(actor);
  while (re < e && t[re] != '(') re++;
  for (size_t i = r; i < re && !st;) {
    size_t j = i, words = 1;
    while (j < re && t[j] != ',') {
      if (t[j] == ' ' && j + 1 < re && t[j + 1] != ' ') words++;
      j++;
    }
    size_t ce = j;
    while (ce > i && t[ce - 1] == ' ') ce--;
    if (ce > i && words <= 4 && (rk_isupper((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80)) {
      char *chr = rk_clean_character(x, t + i, ce - i);
      /* "Ship's Computer": a possessive describes a role, it names none */
      if (chr && !strstr(chr, "'s ") && !strstr(chr, "\xe2\x80\x99s ") && !unnamed_role(x, chr)) {
        RkEvidence ev = rk_ex_evidence(x, as, ce, 0.85f, "cast-table-slash");
        st = rk_review_add_play(x->r, idx, chr, &ev);
      }
      free(chr);
    }
    if (words > 1 || j >= re)
      break;
    i = j + 1;
    while (i < re && t[i] == ' ') i++;
  }
  return st;
}

/* Split [s, e) at " | ", " - " or a spaced dash into at most @p max
 * fields; the number of fields. */
static size_t
programme_fields(const char *t, size_t s, size_t e, size_t *fs, size_t *fe, size_t max)
{
  size_t nf = 0, a = s;

  /* every separator holds a '|', a '-' or the 0xE2 of a dash */
  if (!memchr(t + s, '|', e - s) && !memchr(t + s, '-', e - s) && !memchr(t + s, '\xe2', e - s))
    return 0;
  for (size_t i = s; i <= e && nf < max; i++) {
    size_t k = 0;
    if (i == e) k = 0;
    else if (i + 3 <= e && t[i] == ' ' && (t[i + 1] == '|' || t[i + 1] == '-') && t[i + 2] == ' ') k = 3;
    else if (i + 5 <= e && t[i] == ' ' && (!memcmp(t + i + 1, "\xe2\x80\x94", 3) || !memcmp(t + i + 1, "\xe2\x80\x93", 3)) &&
             t[i + 4] == ' ') k = 5;
    else continue;
    fs[nf] = a;
    fe[nf++] = i;
    a = i + k;
    if (i == e) break;
    i += k - 1;
  }
  return nf;
}

/* Are fields @p from on of a programme line all a country, a year or a
 * running time, with a country and a number among them? */
static int
country_and_numbers(RkEx *x, const size_t *fs, const size_t *fe, size_t from, size_t nf)
{
  int country = 0, number = 0, v;

  for (size_t f = from; f < nf; f++) {
    if (rk_lexicon_country_code(x->lex, x->text + fs[f], fe[f] - fs[f]))
      country = 1;
    else if (find_runtime(x->text, fs[f], fe[f], &v) || find_year(x->text, fs[f], fe[f], &v))
      number = 1;
    else
      return 0;
  }
  return country && number;
}

/* The running time and year of a programme line's fields, if not known. */
static void
programme_numbers(RkEx *x, const size_t *fs, const size_t *fe, size_t from, size_t nf)
{
  int v;

  for (size_t f = from; f < nf; f++) {
    if (!x->r->runtime && find_runtime(x->text, fs[f], fe[f], &v))
      x->r->runtime = v;
    else if (!x->r->year && find_year(x->text, fs[f], fe[f], &v))
      x->r->year = v;
  }
}

/* "by Amadou Kourouma" over "Mali – 94min": a programme entry's director
 * on a line of its own, the country and running time on the next. */
static RkStatus
programme_by_line(RkEx *x, size_t i, size_t s, size_t e, int *entries, int *matched)
{
  const RkZones *z = x->zones;
  size_t         fs[8], fe[8], nf = 0, j = rk_zones_next_filled(z, i);
  RkSpan         sp;
  RkStatus       st = RK_OK;

  *matched = 0;
  if (e - s < 6 || strncasecmp(x->text + s, "by ", 3))
    return RK_OK;
  if (j < z->n)
    nf = programme_fields(x->text, z->lines[j].start, z->lines[j].end, fs, fe, 8);
  if (nf < 2 || !country_and_numbers(x, fs, fe, 0, nf) || !whole_name(x, s + 3, e, &sp) || sp.s != s + 3 ||
      sp.e != e || sp.ntok < 2)
    return RK_OK;
  char  *name = rk_clean_person(x, x->text + sp.s, sp.e - sp.s);
  size_t idx;
  /* a later entry is another film's: read as neither credit nor byline */
  if (name && rk_name_tokens(name) >= 2 && (*matched = 1) && !(*entries)++) {
    st = rk_ex_person(x, name, RK_ROLE_DIRECTOR, sp.s, sp.e, 0.8f, "credits-programme-by", &idx);
    programme_numbers(x, fs, fe, 0, nf);
  }
  free(name);
  return st;
}

/* "Céline SCIAMMA — FRANCE — 120 minutes", "Jane Doe | USA | 2019 | 95
 * min": a festival programme's header line gives the director, then the
 * country and the running time or year, as dashed or barred fields. */
static RkStatus
festival_credit_line(RkEx *x, size_t s, size_t e, int *matched)
{
  const char *t = x->text;
  size_t      fs[8], fe[8], nf = programme_fields(t, s, e, fs, fe, 8);
  RkSpan      sp;

  *matched = 0;
  if (nf < 3 || !country_and_numbers(x, fs, fe, 1, nf))
    return RK_OK;
  if (!whole_name(x, fs[0], fe[0], &sp) || sp.s != fs[0] || sp.ntok < 2)
    return RK_OK;
  char  *name = rk_clean_person(x, t + sp.s, sp.e - sp.s);
  size_t idx;
  RkStatus st = RK_OK;
  if (name && rk_name_tokens(name) >= 2) {
    /* "Céline SCIAMMA": programmes set the surname in capitals */
    for (char *w = name; *w;) {
      size_t n = strcspn(w, " "), caps = 0;
      for (size_t c = 0; c < n; c++)
        caps += rk_isupper((unsigned char)w[c]) != 0;
      if (n >= 2 && caps == n)
        for (size_t c = 1; c < n; c++)
          w[c] = (char)tolower((unsigned char)w[c]);
      w += n;
      while (*w == ' ') w++;
    }
    *matched = 1;
    st = rk_ex_person(x, name, RK_ROLE_DIRECTOR, sp.s, sp.e, 0.8f, "credits-festival-line", &idx);
    /* the line is consumed here, so its running time and year too */
    programme_numbers(x, fs, fe, 1, nf);
  }
  free(name);
  return st;
}

/* Rows of a glued or slashed cast table; *matched says one was read. */
static RkStatus
cast_table_row_shapes(RkEx *x, size_t i, size_t s, size_t e, int *matched)
{
  const char *t = x->text;
  size_t      skip, cut;
  RkSpan      ch;
  int         labelled = 0;

  *matched = 0;
  if ((skip = cast_label_at(x, i, s, e))) {
    s += skip;
    labelled = 1;
  }
  if ((cut = glued_cell_cut(x, s, e, &ch)) && (labelled || in_row_run(x, i, 0))) {
    char    *chr = rk_clean_character(x, t + ch.s, ch.e - ch.s);
    RkStatus st  = actor_with_role(x, s, cut, chr, ch.s, ch.e, 0.85f, "cast-table-glued");
    free(chr);
    *matched = 1;
    return st;
  }
  if ((cut = slash_row_split(x, s, e)) && (labelled || in_row_run(x, i, 1))) {
    size_t ae = cut;
    while (ae > s && (t[ae - 1] == ' ' || t[ae - 1] == '/')) ae--;
    *matched = 1;
    return slash_row_characters(x, s, ae, cut, e);
  }
  return RK_OK;
}

/* "Country USA", "Language English": a place or tongue field printed
 * without its colon, in a credits block.  Only a value the country
 * lexicon knows (or one capitalised word for a language) is taken, so
 * no name passes for a field. */
static int
bare_place_field(RkEx *x, size_t s, size_t e, RkStatus *st)
{
  const char *t = x->text;
  size_t      w = s, v;
  int         languages;

  while (w < e && rk_isalpha((unsigned char)t[w])) w++;
  if (w - s == 7 && !strncasecmp(t + s, "country", 7)) languages = 0;
  else if (w - s == 8 && !strncasecmp(t + s, "language", 8)) languages = 1;
  else return 0;
  if (w >= e || t[w] != ' ')
    return 0;
  v = w + 1;
  if (languages ? !(rk_isupper((unsigned char)t[v]) && !memchr(t + v, ' ', e - v))
                : !rk_lexicon_country_code(x->lex, t + v, e - v))
    return 0;
  *st = add_listed(x, languages, t, v, e);
  return 1;
}

/* Short, capitalised, no digits and no field label: a line that may be a
 * character's name in an unlabelled cast block. */
static int
character_shaped(RkEx *x, size_t j)
{
  const char *t = x->text;
  size_t      s, e, words = 1;
  LabelKind   k;

  line_bounds(x, j, &s, &e);
  if (e <= s || !rk_isupper((unsigned char)t[s]) || label_at(t, s, e, &k) || label_only(t, s, e, &k) ||
      label_word_at(t, s, e))
    return 0;  /* "Country France" is a field, bare as it is */
  for (size_t i = s; i < e; i++) {
    if (rk_isdigit((unsigned char)t[i]) || strchr(":|/;,", t[i]))
      return 0;
    words += t[i] == ' ';
  }
  return words <= 6;
}

/* "John Doe / Ned Kane / Jane Roe / Lily Kane aka May Oates": after prose
 * or a blank line, an unlabelled block that alternates performer and
 * character, each on a line of its own.  Two pairs at least, every first
 * line a person's name, and at least one second line shaped like no
 * person's name (so the order is known: a list of names stacked one per
 * line, or "Character / Actor" rows, never passes).  Returns the number
 * of pair lines, or 0. */
static size_t
actor_character_pairs(RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  size_t         j, s, e;
  int            odd_one = 0;

  if (i > 0 && z->lines[i - 1].kind != RK_ZONE_BLANK) {
    line_bounds(x, i - 1, &s, &e);
    if (!line_is_prose(x->text, s, e))
      return 0;
  }
  for (j = i; j + 1 < z->n && z->lines[j].kind != RK_ZONE_BLANK && z->lines[j + 1].kind != RK_ZONE_BLANK;
       j += 2) {
    char *name;
    line_bounds(x, j, &s, &e);
    if (!character_shaped(x, j) || !character_shaped(x, j + 1) || !(name = lone_name(x, s, e)))
      break;
    free(name);
    line_bounds(x, j + 1, &s, &e);
    if (!is_lone_name(x, s, e))
      odd_one = 1;
  }
  return j - i >= 4 && odd_one ? j - i : 0;
}

/* One performer line and the character line under it. */
static RkStatus
actor_character_pair(RkEx *x, size_t j)
{
  size_t   as, ae, cs, ce;
  char    *chr;
  RkStatus st;

  line_bounds(x, j, &as, &ae);
  line_bounds(x, j + 1, &cs, &ce);
  /* "Lily Kane aka May Oates": the billed name comes first */
  for (size_t p = cs; p + 5 <= ce; p++)
    if (!memcmp(x->text + p, " aka ", 5)) {
      ce = p;
      break;
    }
  chr = rk_clean_character(x, x->text + cs, ce - cs);
  st  = actor_with_role(x, as, ae, chr, cs, ce, 0.8f, "cast-actor-character-lines");
  free(chr);
  x->credit_line[j] = x->credit_line[j + 1] = 1;
  return st;
}

/* Does the credits block around line @p i name its director with a label
 * ("Directed by X", "Director: X")?  Then an unlabelled name in it is
 * someone else: a cast row, a producer. */
static int
director_label_near(RkEx *x, size_t i)
{
  const RkZones *z = x->zones;
  size_t         lo = i > 8 ? i - 8 : 0, hi = i + 8 < z->n ? i + 8 : z->n;
  int            found = 0;

  for (size_t j = lo; j < hi; j++) {
    size_t    s, e;
    LabelKind k;
    if (j == i || z->lines[j].kind == RK_ZONE_BLANK)
      continue;
    line_bounds(x, j, &s, &e);
    if (line_is_prose(x->text, s, e)) {
      if (j > i)
        break;
      found = 0;  /* the block starts after the prose */
      continue;
    }
    s += bullet_len(x->text, s, e);
    if ((label_at(x->text, s, e, &k) || label_only(x->text, s, e, &k)) && (k == L_DIRECTOR || k == L_DIRECTOR_WRITER))
      found = 1;
  }
  return found;
}

RkStatus
rk_extract_credits(RkEx *x)
{
  const RkZones *z = x->zones;
  const char    *t = x->text;
  RkStatus       st = RK_OK;
  LabelKind      pending = L_IGNORE;  /* a label whose value continues on the next line */
  int            have_pending = 0, in_cast_block = 0, programme_entries = 0;
  char          *held = NULL;         /* a cast table's character waiting for its performer */
  size_t         nest = SIZE_MAX;     /* a "• Cast:" bullet's indent: its names are nested deeper */
  size_t         list_left = 0;       /* lines left in a one-name-per-line cast list */
  size_t         pairs_left = 0;      /* lines left in an actor / character block */

  pthread_once(&labels_once, index_labels);  /* label_cue_ok, longest_label */
  for (size_t i = 0; i < z->n && !st; i++) {
    const RkLine *l = &z->lines[i];
    size_t        s = l->start, e = l->end;
    int           matched = 0, prose, labelled;
    LabelKind     k;

    while (s < e && (t[s] == ' ' || t[s] == '\t')) s++;
    while (e > s && t[e - 1] == ' ') e--;
    if (l->kind == RK_ZONE_BLANK)
      continue;
    if (l->kind == RK_ZONE_BYLINE && ((st = programme_by_line(x, i, s, e, &programme_entries, &matched)) || matched)) {
      x->credit_line[i] = 1;  /* a director's, so no critic's byline */
      continue;
    }
    if (l->kind == RK_ZONE_COMMENTS || l->kind == RK_ZONE_FURNITURE || l->kind == RK_ZONE_QUOTE ||
        l->kind == RK_ZONE_FRONTMATTER || l->kind == RK_ZONE_SIDEBAR || l->kind == RK_ZONE_BYLINE) {
      have_pending = in_cast_block = 0;
      continue;
    }
    prose    = line_is_prose(t, s, e);
    labelled = !label_cue_ok || rk_line_cues(x, i, RK_CUE_CREDIT_LABEL);
    if (!prose && ((st = cast_table_row_shapes(x, i, s, e, &matched)) || matched)) {
      x->credit_line[i] = 1;
      continue;
    }
    if (!prose && (int)i < x->header_end && ((st = festival_credit_line(x, s, e, &matched)) || matched)) {
      x->credit_line[i] = 1;
      continue;
    }
    if (!have_pending && !prose && (pairs_left || (pairs_left = actor_character_pairs(x, i)))) {
      st = actor_character_pair(x, i++);
      pairs_left -= 2;
      continue;
    }
    if (cast_crew_heading(t, s, e)) {
      have_pending = in_cast_block = 1;
      pending = L_CAST;
      nest = SIZE_MAX;
      continue;
    }
    /* a nested list ends at the first line that is not nested under it */
    if (have_pending && nest != SIZE_MAX && s - l->start <= nest &&
        !(bullet_len(t, s, e) && !bullet_len(t, l->start + nest, e)))
      have_pending = in_cast_block = 0;
    nest = have_pending ? nest : SIZE_MAX;
    if (have_pending && pending == L_CAST && labelled_row(t, s, e))
      have_pending = in_cast_block = 0;
    /* "Directed by:" alone: the value is on the next line */
    if ((labelled || e - s <= longest_label) && label_only(t, s, e, &k)) {
      have_pending  = k != L_IGNORE;
      pending       = k;
      in_cast_block = k == L_CAST;
      continue;
    }
    if (!have_pending || pending != L_CAST)
      list_left = 0;
    /* "Anna Berglund, Piet Vermeer (singing voice dubbed by Jon
     * Halvorsen), Karl Rademacher": asides do not make a cast line prose */
    if (have_pending && (!prose || (pending == L_CAST && !prose_outside_parens(t, s, e)))) {
      if (pending == L_CAST) {
        if (list_left || (!held && (list_left = name_per_line_run(x, i)))) {
          list_left--;
          st = cast_list(x, s, e, 0.9f);
          x->credit_line[i] = 1;
          continue;
        }
        if (memchr(t + s, ',', e - s) || memchr(t + s, ';', e - s))
          st = cast_list(x, s, e, 0.9f);  /* "Cast: A, B,\nC, D" */
        else if (!(st = cast_table_line(x, s, e, 1, &matched, &held)) && !matched)
          st = cast_list(x, s, e, 0.9f);
        x->credit_line[i] = 1;
        continue;  /* the cast block runs until prose or another label */
      }
      st = label_value(x, pending, s, e);
      x->credit_line[i] = 1;
      /* a list that goes on on the next line: after a comma, or one name
       * per line under a heading */
      have_pending = t[e - 1] == ',' || (pending != L_CAST && is_lone_name(x, s, e) && next_is_name_line(x, i));
      continue;
    }
    have_pending = in_cast_block = 0;
    /* a line the zoner took for credits by its opening label and list of
     * names ("Starring A, B, C. In Icelandic. 89 mins.") reads as credits */
    LabelKind opening;
    int       credits_opening = labelled && prose && l->kind == RK_ZONE_CREDITS && line_label_at(t, s, s, e, &opening);
    if (labelled && scan_labelled_line(x, s, e, prose && !credits_opening, &k, &st)) {
      x->credit_line[i] = 1;
      if (t[e - 1] == ',') {
        have_pending = 1;
        pending = k;
      } else if (t[e - 1] == ':' && !prose && k != L_IGNORE) {
        /* "• Cast:" with its names nested on the lines below */
        have_pending  = 1;
        pending       = k;
        in_cast_block = k == L_CAST;
        nest          = s - l->start;
      }
      continue;
    }
    if (prose && (l->kind == RK_ZONE_BODY || l->kind == RK_ZONE_HEADLINE))
      continue;  /* prose patterns read it */
    if ((st = cast_table_line(x, s, e, 0, &matched, &held)) || matched) {
      x->credit_line[i] = 1;
      continue;
    }
    if (l->kind == RK_ZONE_CREDITS) {
      /* an unlabelled list of names is a cast - or, as two single words,
       * one inverted name ("Ozu, Yasujiro") under the title */
      size_t comma = s;
      RkSpan a, b;
      while (comma < e && t[comma] != ',') comma++;
      x->credit_line[i] = 1;
      if (header_field_line(x, s, e) || bare_place_field(x, s, e, &st))
        continue;
      if (comma < e && whole_name(x, s, comma, &a) && a.ntok == 1 &&
          whole_name(x, comma + 1, e, &b) && b.ntok == 1)
        st = label_value(x, L_DIRECTOR, s, e);
      else
        st = cast_list(x, s, e, 0.85f);
      continue;
    }
    /* a line of rating glyphs alone: "★★☆☆☆", "****" */
    if (!x->r->rating.text && e > s && e - s <= 40) {
      size_t g = s;
      while (g < e && (t[g] == '*' || t[g] == ' ' || (g + 3 <= e && (!memcmp(t + g, "\xe2\x98\x85", 3) ||
                                                                    !memcmp(t + g, "\xe2\x98\x86", 3))) ||
                       (g + 2 <= e && !memcmp(t + g, "\xc2\xbd", 2))))
        g += ((unsigned char)t[g] == 0xe2) ? 3 : ((unsigned char)t[g] == 0xc2 ? 2 : 1);
      if (g == e && (st = rk_parse_rating(x, s, e)))
        break;
    }
    /* "124 minutes", "97 mins", "France 1995" on a header line of their own */
    if ((int)i < x->header_end && e - s < 40) {
      int v;
      if (!x->r->runtime && find_runtime(t, s, e, &v))
        x->r->runtime = v;
      /* not a release-date line ("July 20, 2001 (Japan)") */
      if (!rk_ex_has_month(t, s, e) && !memchr(t + s, ':', e - s) && find_year(t, s, e, &v) &&
          !(st = countries_in(x, s, e)) && !x->r->year && x->r->countries.n)
        x->r->year = v;
      if (st)
        break;
    }
    /* a single name on its own line in the header: a performer when the
     * lines around it end in ';', a director when credits follow it */
    if (l->kind != RK_ZONE_CAPTION && (int)i < x->header_end) {
      char *name = lone_name(x, s, e);
      if (name) {
        size_t nx = rk_zones_next_filled(z, i), idx;
        size_t ns = nx < z->n ? z->lines[nx].start : 0, ne = nx < z->n ? z->lines[nx].end : 0;
        while (ne > ns && t[ne - 1] == ' ') ne--;
        if (t[e - 1] == ';' || (i > 0 && z->lines[i - 1].end > 0 && t[z->lines[i - 1].end - 1] == ';'))
          st = rk_ex_person(x, name, RK_ROLE_ACTOR, s, e, 0.85f, "credits-name-lines", &idx);
        else if (nx < z->n && (z->lines[nx].kind == RK_ZONE_CREDITS || (ne > ns && t[ne - 1] == ';')) &&
                 !director_label_near(x, i))
          st = rk_ex_person(x, name, RK_ROLE_DIRECTOR, s, e, 0.8f, "credits-unlabelled-director", &idx);
        if (!st)
          x->credit_line[i] = 1;
        free(name);
      }
    }
  }
  free(held);
  return st;
}
