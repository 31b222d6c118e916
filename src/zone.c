/* zone.c - stage 2: say what each line of a document is.
 *
 * Reads the text of an RkDoc line by line and labels each line by its
 * shape (and by the reader's markup hints for HTML): headline, byline,
 * credits, body prose, captions, and the page furniture, sidebars and
 * reader comments that must not yield facts about the reviewed film.
 * Owns only the RkZones array it returns.
 */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "reviewkg/zone.h"
#include "reviewkg/util.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

const char *
rk_zone_name(RkZoneKind k)
{
  switch (k) {
  case RK_ZONE_HEADLINE:    return "headline";
  case RK_ZONE_BYLINE:      return "byline";
  case RK_ZONE_CREDITS:     return "credits";
  case RK_ZONE_BODY:        return "body";
  case RK_ZONE_FRONTMATTER: return "frontmatter";
  case RK_ZONE_CAPTION:     return "caption";
  case RK_ZONE_FURNITURE:   return "furniture";
  case RK_ZONE_SIDEBAR:     return "sidebar";
  case RK_ZONE_COMMENTS:    return "comments";
  case RK_ZONE_QUOTE:       return "quote";
  case RK_ZONE_BLANK:       return "blank";
  }
  return "?";
}

/* No rule asks whether a line has more words than this, so counting
 * stops there: a long paragraph is not walked to its end. */
#define WORDS_ENOUGH 25

/* A line as the rules see it: trimmed of spaces and list bullets. */
typedef struct {
  const char *s;      /* first significant byte */
  size_t      n;      /* bytes up to the last significant one */
  int         words;  /* whitespace-separated words, at most WORDS_ENOUGH */
} LineView;

static int
is_space_byte(unsigned char c)
{
  return c == ' ' || c == '\t';
}

/* Bullets and dashes that start list items: "•", "·", "*", "-", "–". */
static size_t
bullet_len(const char *s, size_t n)
{
  if (n >= 3 && (!memcmp(s, "\xe2\x80\xa2", 3) || !memcmp(s, "\xe2\x80\x93", 3)))
    return 3;
  if (n >= 2 && !memcmp(s, "\xc2\xb7", 2))
    return 2;
  if (n >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ')
    return 1;
  return 0;
}

#ifndef __SSE2__
/* The 8 bytes at @p s, the first in the low bits whatever the machine. */
static uint64_t
load_le64(const char *s)
{
  uint64_t w;

  memcpy(&w, s, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  return w;
}

#define ALL_BYTES(b) (0x0101010101010101ULL * (b))

/* 0x80 in each byte of @p w that is zero, 0 in the others (exact, no
 * borrow between bytes). */
static uint64_t
zero_bytes(uint64_t w)
{
  return ~(((w & ALL_BYTES(0x7F)) + ALL_BYTES(0x7F)) | w) & ALL_BYTES(0x80);
}
#endif

/* Words of @p s[0..n), counted up to @p enough: a word starts at a byte
 * that is not a space and follows a space or the start.  Sixteen bytes at
 * a time (eight without SSE2), as the word count is taken for every line. */
static int
count_words(const char *s, size_t n, int enough)
{
  size_t i = 0;
  int    words = 0;
  int    after_space = 1;  /* the byte before s[i] is a space (or the start) */

#ifdef __SSE2__
  if (n >= 16) {
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), one = _mm_set1_epi8(1);
    __m128i       carry = _mm_cvtsi32_si128(0xFF);  /* byte 0: the start counts as a space */
    for (; i + 16 <= n && words < enough; i += 16) {
      __m128i w      = _mm_loadu_si128((const __m128i *)(s + i));
      __m128i space  = _mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, tab));
      __m128i before = _mm_or_si128(_mm_slli_si128(space, 1), carry);
      /* one per word start; the sum of absolute differences adds them up */
      __m128i starts = _mm_and_si128(_mm_andnot_si128(space, before), one);
      __m128i sums   = _mm_sad_epu8(starts, _mm_setzero_si128());
      words += _mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4);
      carry = _mm_srli_si128(space, 15);
    }
    after_space = i == 0 || is_space_byte((unsigned char)s[i - 1]);
  }
#else
  uint64_t after = 0x80;  /* 0x80: the byte before the next is a space (or the start) */

  for (; i + 8 <= n && words < enough; i += 8) {
    uint64_t w      = load_le64(s + i);
    uint64_t space  = zero_bytes(w ^ ALL_BYTES(' ')) | zero_bytes(w ^ ALL_BYTES('\t'));
    uint64_t starts = ((space << 8) | after) & ~space & ALL_BYTES(0x80);
    words += (int)(((starts >> 7) * ALL_BYTES(1)) >> 56);
    after = space >> 56;
  }
  after_space = after != 0;
#endif
  for (; i < n && words < enough; i++) {
    int space = is_space_byte((unsigned char)s[i]);
    words += !space && after_space;
    after_space = space;
  }
  return words < enough ? words : enough;
}

static LineView
view_of(const char *s, size_t n)
{
  LineView v;
  size_t   b;

  while (n && is_space_byte((unsigned char)*s)) { s++; n--; }
  while ((b = bullet_len(s, n))) {
    s += b; n -= b;
    while (n && is_space_byte((unsigned char)*s)) { s++; n--; }
  }
  while (n && is_space_byte((unsigned char)s[n - 1]))
    n--;
  v.s = s;
  v.n = n;
  v.words = count_words(s, n, WORDS_ENOUGH);
  return v;
}

/* Case-insensitive: does @p v start with @p prefix at a word boundary? */
static int
starts_with(const LineView *v, const char *prefix)
{
  size_t k;

  if (!rk_at(v->s, 0, v->n, prefix))
    return 0;
  k = strlen(prefix);
  return v->n == k || !rk_isalnum((unsigned char)v->s[k]) || !rk_isalnum((unsigned char)prefix[k - 1]);
}

#define PHRASES_MAX 128  /* phrases in one index: the longest list has 64 */

/* Phrase lists grouped by first byte (ASCII case folded, as rk_at
 * compares), so that a walk over a line tries at each byte only the few
 * phrases that can start there, not every phrase.  Each phrase keeps the
 * tag of its list, so one walk can serve several lists.  Built once per
 * process by index_all_lists, read-only afterwards. */
typedef struct {
  unsigned      n;                    /* phrases */
  const char   *phrase[PHRASES_MAX];  /* grouped by fold_byte of the first byte */
  unsigned char tag[PHRASES_MAX];     /* the tag of each phrase's list */
  unsigned char from[257];            /* phrase[from[b] .. from[b + 1]) start with b */
  uint64_t      heads[512];           /* bit head_key(p) of each phrase p */
  unsigned      all_tags;             /* every tag, to stop a walk that found them */
} PhraseIndex;

static unsigned
fold_byte(char c)
{
  return (unsigned char)c | 0x20;
}

/* The low five bits of a byte, which upper and lower case share. */
static unsigned
low5(char c)
{
  return (unsigned char)c & 0x1F;
}

/* A 15-bit key of the first three bytes of s[0..n), 0 past the end: a
 * phrase can stand at s only if its index has the bit of this key. */
static unsigned
head_key(const char *s, size_t n)
{
  return low5(s[0]) << 10 | (n > 1 ? low5(s[1]) << 5 : 0) | (n > 2 ? low5(s[2]) : 0);
}

static void
index_add(PhraseIndex *ix, const char *const *list, unsigned tag)
{
  for (; *list; list++) {
    ix->phrase[ix->n] = *list;
    ix->tag[ix->n++]  = (unsigned char)tag;
  }
  ix->all_tags |= tag;
}

/* Group the added phrases and fill the filters. */
static void
index_finish(PhraseIndex *ix)
{
  /* insertion sort by first byte: a few dozen phrases, once per process */
  for (unsigned i = 1; i < ix->n; i++)
    for (unsigned j = i; j > 0 && fold_byte(ix->phrase[j - 1][0]) > fold_byte(ix->phrase[j][0]); j--) {
      const char   *p = ix->phrase[j];
      unsigned char t = ix->tag[j];
      ix->phrase[j] = ix->phrase[j - 1], ix->tag[j] = ix->tag[j - 1];
      ix->phrase[j - 1] = p, ix->tag[j - 1] = t;
    }
  for (unsigned b = 0, j = 0; b <= 256; b++) {
    while (j < ix->n && fold_byte(ix->phrase[j][0]) < b)
      j++;
    ix->from[b] = (unsigned char)j;
  }
  for (unsigned j = 0; j < ix->n; j++) {
    const char *p = ix->phrase[j];
    /* a phrase shorter than three bytes may be followed by anything */
    unsigned    b_lo = p[1] ? low5(p[1]) : 0, b_hi = p[1] ? b_lo : 31;
    unsigned    c_lo = p[1] && p[2] ? low5(p[2]) : 0, c_hi = p[1] && p[2] ? c_lo : 31;
    for (unsigned b = b_lo; b <= b_hi; b++)
      for (unsigned c = c_lo; c <= c_hi; c++) {
        unsigned key = low5(p[0]) << 10 | b << 5 | c;
        ix->heads[key >> 6] |= (uint64_t)1 << (key & 63);
      }
  }
}

/* Could a phrase of @p ix stand at s[i], judging by its first bytes? */
static int
may_start(const PhraseIndex *ix, const char *s, size_t i, size_t n)
{
  unsigned key = head_key(s + i, n - i);

  return ix->heads[key >> 6] >> (key & 63) & 1;
}

/* Does the line start with any phrase of @p ix (see starts_with)? */
static int
any_prefix(const LineView *v, const PhraseIndex *ix)
{
  unsigned b;

  if (v->n == 0 || !may_start(ix, v->s, 0, v->n))
    return 0;
  b = fold_byte(v->s[0]);
  for (unsigned j = ix->from[b]; j < ix->from[b + 1]; j++)
    if (starts_with(v, ix->phrase[j]))
      return 1;
  return 0;
}

/* The tags of the phrases of @p ix that stand anywhere in the line
 * (case-insensitive).  Most bytes fail the two-byte filter, so few get a
 * phrase compared. */
static unsigned
tags_in(const LineView *v, const PhraseIndex *ix)
{
  unsigned found = 0, key = v->n ? head_key(v->s, v->n) : 0;

  /* the head key rolls along the line: one new byte a step, not three */
  for (size_t i = 0; i < v->n && found != ix->all_tags;
       i++, key = (key << 5 & 0x7FFF) | (i + 2 < v->n ? low5(v->s[i + 2]) : 0)) {
    unsigned b;
    if (!(ix->heads[key >> 6] >> (key & 63) & 1))  /* may_start */
      continue;
    b = fold_byte(v->s[i]);
    for (unsigned j = ix->from[b]; j < ix->from[b + 1]; j++)
      if (rk_at(v->s, i, v->n, ix->phrase[j]))
        found |= ix->tag[j];
  }
  return found;
}

/* Lines that open a run of reader comments: counts of responses, reply
 * forms, "X says:" headers. */
static const char *const comment_openers[] = {
  "leave a reply", "leave a comment", "leave your comment", "post a comment",
  "add a comment", "add your comment", "join the discussion", "join the conversation",
  "comments are closed", "show comments", "view comments", "reader comments",
  "comments", "responses", NULL
};
static PhraseIndex comment_openers_ix;

static int
opens_comments(const LineView *v)
{
  size_t i = 0;

  if (v->n > 80)
    return 0;
  if (any_prefix(v, &comment_openers_ix) && v->words <= 6)
    return 1;
  /* "4 Responses to ...", "12 comments" */
  while (i < v->n && rk_isdigit((unsigned char)v->s[i]))
    i++;
  if (i > 0 && i < v->n && v->s[i] == ' ') {
    LineView rest = { v->s + i + 1, v->n - i - 1, v->words - 1 };
    if (starts_with(&rest, "response") || starts_with(&rest, "responses") ||
        starts_with(&rest, "comment") || starts_with(&rest, "comments") ||
        starts_with(&rest, "replies") || starts_with(&rest, "thoughts on"))
      return 1;
  }
  return 0;
}

/* "movieblort says:", "Tony Laplume said...": a commenter's header. */
static int
is_comment_header(const LineView *v)
{
  static const char *const verbs[] = { " says:", " said:", " said...", " says...", " wrote:", NULL };

  /* every verb ends in ':' or '.' */
  if (v->words > 7 || v->n > 80 || v->n == 0 || (v->s[v->n - 1] != ':' && v->s[v->n - 1] != '.'))
    return 0;
  for (const char *const *p = verbs; *p; p++) {
    size_t k = strlen(*p);
    if (v->n >= k && strncasecmp(v->s + v->n - k, *p, k) == 0)
      return 1;
  }
  return 0;
}

/* Headers of "more of this site" lists: everything after them, once the
 * review has started, is somebody else's content. */
static const char *const sidebar_openers[] = {
  "popular on", "more from", "more film", "more reviews", "more movies", "more stories",
  "more news", "related", "latest news", "latest reviews", "you may like",
  "you may also like", "you might also like", "recommended", "trending", "read more",
  "read next", "most popular", "most read", "other films by", "suggested links",
  "see also", "further reading", "also on", "in other news", "around the web",
  "related merchandise", "what to read next", "up next", "more in", NULL
};
static PhraseIndex sidebar_openers_ix;

/* Single lines of page furniture: prompts, sharing, navigation. */
static const char *const furniture_phrases[] = {
  "sign up", "subscribe", "newsletter", "cookie", "log in", "log out", "sign in",
  "share this", "share on", "follow us", "click here", "download", "advertisement",
  "skip to", "back to", "please wait", "redirected", "reading time", "permalink",
  "posted in", "filed under", "tagged", "topics", "print this", "email this",
  "your inbox", "make a donation", "donate", "help fund", "navigation", "home >",
  "all rights reserved", "privacy policy", "terms of use", "terms of service",
  "this article is over", "view comments", "commenting forum", "access exclusive",
  "compare prices", "find local", "shopping", "search for", "rate this", "official website",
  "don't edit", "watch the trailer", "buy tickets", "stream it", "affiliate", NULL
};

/* A line naming an image file is a caption. */
static const char *const image_exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".raf", NULL };

/* Captions: how they start, and what they say anywhere. */
static const char *const caption_openers[] = {
  "poster for", "photo:", "still from", "image:", "photograph:", NULL
};
static PhraseIndex caption_openers_ix;
static const char *const caption_phrases[] = {
  "courtesy of", "(photo", "photo provided", "photo by", "getty images", NULL
};

/* What short lines say anywhere, found in one walk (tags_in). */
enum { SAYS_IMAGE_FILE = 1, SAYS_CAPTION = 2, SAYS_FURNITURE = 4 };
static PhraseIndex anywhere_ix;

/* How a byline starts, besides "By X" (see classify). */
static const char *const byline_openers[] = {
  "words:", "words by", "review by", "reviews by", "reviewed by", "film review by", "reviewed,",
  "posted on", "posted by", "--", "\xe2\x80\x94", "reviewer:", "critic:",
  "publi\xc3\xa9 le par", "publi\xc3\xa9 par", NULL  /* French: "Publié le [date] par X" */
};
static PhraseIndex byline_openers_ix;

/* Labels that make a line a credit ("Director: X", "Starring X").  Kept
 * in step with the label table of credits.c, which says what each means. */
static const char *const credit_labels[] = {
  "director", "directors", "directed by", "dir", "dir.", "d:", "starring", "stars", "cast",
  "cast includes", "with:", "also with", "talent", "featuring", "voice talent", "voices",
  "written by", "writer", "writers", "screenplay", "script", "w:", "wri", "music",
  "music by", "composer", "score by", "original music", "cinematography", "cinematographer",
  "camera", "dp:", "dop", "director of photography", "editor", "edited by", "ed:",
  "editing", "producer", "produced by", "pro:", "running time", "runtime", "run time",
  "length", "duration", "country", "language", "rating", "film rating", "rated",
  "certificate", "release date", "released", "year", "genre", "production", "crew",
  "film title", "original title", "mus:", "des:", "story:", "opens",
  /* other languages' fields, with their colon (credits.c lists them) */
  "regie:", "regia:", "regi:", "r\xc3\xa9" "alisation:", "direcci\xc3\xb3n:", "met:", "mit:", "darsteller:",
  "besetzung:", "avec:", "reparto:", "elenco:", "interpreti:", "drehbuch:", "guion:", "sceneggiatura:",
  NULL
};
static PhraseIndex credit_labels_ix;

/* How the footer of a blog entry starts (see opens_later_review). */
static const char *const entry_footers[] = {
  "posted in", "filed under", "tagged", "labels:", "categories:", NULL
};
static PhraseIndex entry_footers_ix;

#define COUNT(list) (sizeof list / sizeof *list - 1)
_Static_assert(COUNT(credit_labels) <= PHRASES_MAX &&
               COUNT(image_exts) + COUNT(caption_phrases) + COUNT(furniture_phrases) <= PHRASES_MAX,
               "a phrase index outgrew PHRASES_MAX");

static void
index_list(PhraseIndex *ix, const char *const *list)
{
  index_add(ix, list, 1);
  index_finish(ix);
}

/* Run once per process, before the first document (rk_zones_build). */
static void
index_all_lists(void)
{
  index_list(&comment_openers_ix, comment_openers);
  index_list(&sidebar_openers_ix, sidebar_openers);
  index_list(&caption_openers_ix, caption_openers);
  index_list(&byline_openers_ix, byline_openers);
  index_list(&credit_labels_ix, credit_labels);
  index_list(&entry_footers_ix, entry_footers);
  index_add(&anywhere_ix, image_exts, SAYS_IMAGE_FILE);
  index_add(&anywhere_ix, caption_phrases, SAYS_CAPTION);
  index_add(&anywhere_ix, furniture_phrases, SAYS_FURNITURE);
  index_finish(&anywhere_ix);
}

static int is_name_list(const LineView *v);

/* "Starring Ragna Jónsdóttir, Ari Blöndal, Sif Ragnars. In Icelandic. 89
 * mins.": after a bare label, the first sentence is a list of three names
 * or more (the label stands in the first item). */
static int
listed_names_follow(const LineView *v)
{
  size_t i = 0, end = v->n;

  while (i < v->n && v->s[i] != ' ') i++;  /* the label's first word */
  for (size_t k = i; k + 1 < v->n; k++)
    if (v->s[k] == '.' && v->s[k + 1] == ' ' && k > i + 3 && v->s[k - 2] != ' ') {
      end = k;  /* "J. T. Morrow": an initial's dot ends no sentence */
      break;
    }
  LineView first = view_of(v->s, end);
  int      commas = 0;
  for (size_t k = 0; k < first.n; k++)
    commas += first.s[k] == ',';
  return commas >= 2 && is_name_list(&first);
}

static int
is_credit_label_line(const LineView *v)
{
  /* "Director: X" at any length; a bare label ("Director Jacques Audiard
   * brings ...") only on a short line */
  const char *colon;

  if (!any_prefix(v, &credit_labels_ix))
    return 0;
  colon = memchr(v->s, ':', v->n < 40 ? v->n : 40);
  if (v->n >= 400 && !colon)
    return 0;
  return colon != NULL || v->words < 10 || listed_names_follow(v);
}

static const char *memchr2(const char *s, char a, char b, size_t n);

/* A comma/semicolon list of short capitalised items: an unlabelled cast. */
static int
is_name_list(const LineView *v)
{
  int    items = 0, good = 0, words = 0, caps = 1, all = 1;
  size_t i;

  if (v->n == 0 || v->n > 600 || v->s[v->n - 1] == '.' || v->s[v->n - 1] == '?')
    return 0;
  /* the items there will be: the list fails as soon as more are bad than
   * the ratio below allows, mostly at the first item of a prose line */
  for (const char *sep = v->s; (sep = memchr2(sep, ',', ';', (size_t)(v->s + v->n - sep))); sep++)
    all++;
  if (all < 2)
    return 0;
  for (i = 0; i <= v->n; i++) {
    if (i == v->n || v->s[i] == ',' || v->s[i] == ';') {
      items++;
      if (words >= 1 && words <= 5 && caps)
        good++;
      else if ((all - (items - good)) * 10 < all * 8)
        return 0;
      words = 0;
      caps  = 1;
      continue;
    }
    if (rk_isdigit((unsigned char)v->s[i]))
      caps = 0;
    if (!is_space_byte((unsigned char)v->s[i]) && (i == 0 || is_space_byte((unsigned char)v->s[i - 1])
                                                    || v->s[i - 1] == ',' || v->s[i - 1] == ';')) {
      unsigned char c = (unsigned char)v->s[i];
      words++;
      /* particles may be lower case inside a name; other lower-case words may not */
      if (!(rk_isupper(c) || c >= 0x80 || c == '(' || c == '"')) {
        size_t k = i;
        while (k < v->n && rk_isalpha((unsigned char)v->s[k]))
          k++;
        if (k - i > 4)
          caps = 0;
      }
    }
  }
  return (items >= 3 && good * 10 >= items * 8) || (items == 2 && good == 2 && v->words <= 4);
}

/* A line that is prose: long, or a sentence. */
static int
is_prose(const LineView *v)
{
  if (v->words >= 25)
    return 1;
  return v->words >= 8 && v->n && strchr(".!?\"\xe2\x80\x9d)", v->s[v->n - 1]) != NULL;
}

#define KIND_BIT(k) (1u << (k))

/* The kinds of the hints that cover bytes [start, end), as KIND_BIT bits:
 * one walk over the hints for all the kinds classify asks about.  Hints
 * are sorted by start, so the walk stops at the first that starts later. */
static unsigned
hints_covering(const RkDoc *doc, size_t start, size_t end)
{
  unsigned kinds = 0;

  if (start >= end)
    return 0;
  for (size_t i = 0; i < doc->n_hints && doc->hints[i].start <= start; i++)
    if (end <= doc->hints[i].end)
      kinds |= KIND_BIT(doc->hints[i].kind);
  return kinds;
}

/* "Saoirse Ronan and Laurie Metcalf in "Lady Bird." (Jane Doe | Photo
 * provided by A24)": a short line that ends on a parenthesised photo
 * credit is a caption, however long the credit. */
static int
ends_in_photo_credit(const LineView *v)
{
  const char *open;
  LineView    in;

  if (v->n < 8 || v->s[v->n - 1] != ')')
    return 0;
  for (open = v->s + v->n - 1; open > v->s && *open != '('; open--)
    ;
  if (*open != '(')
    return 0;
  in = view_of(open, v->n - (size_t)(open - v->s));
  /* view_of stops counting at WORDS_ENOUGH: count both in full */
  if (count_words(v->s, v->n, INT_MAX) - count_words(in.s, in.n, INT_MAX) > 14)
    return 0;
  for (size_t i = 0; i < in.n; i++)
    if (rk_at(in.s, i, in.n, "photo") || rk_at(in.s, i, in.n, "courtesy"))
      return 1;
  return 0;
}

/* Kind of one line from its own shape and the hints, before context. */
static RkZoneKind
classify(const RkDoc *doc, const RkLine *line, const LineView *v)
{
  unsigned hints, says;

  if (v->n == 0)
    return RK_ZONE_BLANK;
  hints = hints_covering(doc, line->start, line->end);
  if (hints & KIND_BIT(RK_HINT_COMMENTS))
    return RK_ZONE_COMMENTS;
  if (hints & (KIND_BIT(RK_HINT_NAV) | KIND_BIT(RK_HINT_FOOTER)))
    return RK_ZONE_FURNITURE;
  if (hints & KIND_BIT(RK_HINT_CAPTION))
    return RK_ZONE_CAPTION;
  if (hints & KIND_BIT(RK_HINT_BYLINE))
    return RK_ZONE_BYLINE;
  says = v->words <= 16 ? tags_in(v, &anywhere_ix) : 0;  /* no rule below asks of longer lines */
  if (v->words <= 14 && (says & SAYS_IMAGE_FILE))
    return RK_ZONE_CAPTION;
  if (v->words <= 16 && (any_prefix(v, &caption_openers_ix) || (says & SAYS_CAPTION)))
    return RK_ZONE_CAPTION;
  if (ends_in_photo_credit(v))
    return RK_ZONE_CAPTION;
  if (is_credit_label_line(v))
    return RK_ZONE_CREDITS;
  if (v->n < 160 && ((starts_with(v, "by") && v->n > 3 && !rk_islower((unsigned char)v->s[3])) ||
                     any_prefix(v, &byline_openers_ix)))
    return RK_ZONE_BYLINE;
  if (hints & KIND_BIT(RK_HINT_ASIDE))
    return RK_ZONE_SIDEBAR;
  if (v->words <= 14 && !is_prose(v) && (says & SAYS_FURNITURE))
    return RK_ZONE_FURNITURE;
  if (is_name_list(v))
    return RK_ZONE_CREDITS;
  if (hints & KIND_BIT(RK_HINT_HEADING))
    return RK_ZONE_HEADLINE;
  return RK_ZONE_BODY;
}

/* Is line @p i the page's first non-blank line? */
static int
opens_page(const RkZones *z, size_t i)
{
  while (i > 0 && z->lines[i - 1].kind == RK_ZONE_BLANK) i--;
  return i == 0;
}

/* Do lines @p a and @p b hold the same bytes? */
static int
same_line(const char *text, const RkLine *a, const RkLine *b)
{
  return a->end - a->start == b->end - b->start && !memcmp(text + a->start, text + b->start, a->end - a->start);
}

/* A line repeated word for word close by is an image caption (pages often
 * render a caption twice: alt text and figcaption).  In the header a
 * repeated line is the title (breadcrumb and heading), so the search
 * starts at line @p first, the first body line of prose.  A repeated
 * paragraph longer than any caption (30 words and more) is a page printed
 * twice (a mobile and a desktop copy): it stays what it was. */
static void
mark_repeated_captions(const char *text, RkZones *z, size_t first)
{
  for (size_t i = first; i < z->n; i++) {
    RkLine *a = &z->lines[i];
    size_t  na = a->end - a->start;
    if (na < 12 || a->kind != RK_ZONE_BODY)
      continue;
    for (size_t j = i + 1; j < z->n && j <= i + 12; j++) {
      if (!same_line(text, a, &z->lines[j]))
        continue;
      if (count_words(text + a->start, na, 30) >= 30)
        break;  /* a paragraph, longer than any caption */
      /* the lines after both copies match too: a block printed twice; or
       * the page opens with it: its title over its heading */
      size_t ni = rk_zones_next_filled(z, i), nj = rk_zones_next_filled(z, j);
      if (!(ni < j && nj < z->n && same_line(text, &z->lines[ni], &z->lines[nj])) && !opens_page(z, i))
        a->kind = z->lines[j].kind = RK_ZONE_CAPTION;
      break;
    }
  }
}

/* Archive, tag, category and blog index pages print several reviews one
 * after another.  The page's review is the first; the later ones must not
 * lend it their title, director or cast.  A later review shows by shape:
 * its title line has the form of the first one's ("Movie Review: X",
 * "X Review", "X (1978)", a bullet) but names another film, or it follows
 * an excerpt cut short ("[…]", "Continue reading").  Cutting a single
 * review in half costs more than a leak, so both cues wait for prose
 * after a title, and the first form must be set near the top. */
enum {
  HEAD_BULLET = 1,  /* "• Black Bag" */
  HEAD_YEAR   = 2,  /* "The Driver (1978, Walter Hill)", "The Party – 1968 Edwards" */
  HEAD_REVIEW = 4,  /* "The Feast Review", "Patti Cake$ (2017): Brief Review" */
  HEAD_PREFIX = 8,  /* "Movie Review: ‘The Children Act’", "Archive Review: X" */
  HEAD_ECHO   = 16  /* "the silent harbour" over "The Silent Harbour": slug and heading */
};

/* The first review's title line stands this many lines down at most: a
 * subheading deep in a single review sets no form. */
#define FIRST_HEAD_LINES 12

/* The form of a short title line and the film's part of it. */
typedef struct {
  unsigned    forms;  /* HEAD_* bits, 0 for none */
  const char *title;
  size_t      title_n;
} EntryHead;

/* What the scan for a later review has seen so far. */
typedef struct {
  EntryHead first;        /* the first review's title line */
  int       lines;        /* non-blank lines seen */
  int       titled;       /* a title-like line came before the current prose */
  int       prose;        /* lines of prose or credits since the title */
  int       excerpt_cut;  /* the current entry ended as an excerpt */
  unsigned  prev_forms;   /* title forms of the last non-blank line */
} EntryScan;

/* A year of films at s[i]: "1978", "2020", with no fifth digit. */
static int
year_at(const char *s, size_t i, size_t n)
{
  if (i + 4 > n || !(rk_at(s, i, n, "18") || rk_at(s, i, n, "19") || rk_at(s, i, n, "20")))
    return 0;
  return rk_isdigit((unsigned char)s[i + 2]) && rk_isdigit((unsigned char)s[i + 3]) &&
         (i + 4 == n || !rk_isdigit((unsigned char)s[i + 4]));
}

/* A line that may be a review's title: short, and no sentence (is_prose
 * would take "Movie Review – The Tale of the Princess Kaguya (2014)" for
 * one, as it ends on a parenthesis). */
static int
is_title_shaped(const LineView *v)
{
  return v->n >= 2 && v->n <= 120 && v->words <= 14 && !strchr(".!?", v->s[v->n - 1]);
}

/* Bytes of a quote mark or separator at the end (@p back) or start of
 * s[0..n): ASCII quotes and " :-|", or a curly quote or dash in UTF-8. */
static size_t
edge_mark_len(const char *s, size_t n, int back)
{
  static const char *const marks[] = {
    "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x93", "\xe2\x80\x94", NULL
  };
  char c;

  if (n == 0)
    return 0;
  c = back ? s[n - 1] : s[0];
  if (strchr(" \t\"':-|,", c))
    return 1;
  if (n >= 3)
    for (const char *const *m = marks; *m; m++)
      if (!memcmp(back ? s + n - 3 : s, *m, 3))
        return 3;
  return 0;
}

/* The form of line @p v (@p raw before bullets were cut) as a review's
 * title line, and the film it names. */
static EntryHead
entry_head_of(const char *raw, size_t raw_n, const LineView *v)
{
  EntryHead   h = { 0, NULL, 0 };
  const char *t = v->s;
  size_t      n = v->n, k;

  if (!is_title_shaped(v))
    return h;
  while (raw_n && is_space_byte((unsigned char)*raw)) raw++, raw_n--;
  if (bullet_len(raw, raw_n))
    h.forms |= HEAD_BULLET;
  /* "Movie Review: X", "Film Review – X": a short label that says review */
  for (size_t i = 0; i < n && i < 32; i++) {
    size_t sep = t[i] == ':' ? 1 : (t[i] == ' ' && i + 2 < n && (t[i + 1] == '-' || t[i + 1] == '|') && t[i + 2] == ' ') ? 3
               : (t[i] == ' ' && i + 4 < n && !memcmp(t + i + 1, "\xe2\x80\x93", 3) && t[i + 4] == ' ') ? 5 : 0;
    if (!sep)
      continue;
    LineView label = { t, i, count_words(t, i, 4) };
    for (size_t j = 0; label.words <= 3 && j + 6 <= i; j++)
      if (rk_at(t, j, i, "review")) {
        h.forms |= HEAD_PREFIX;
        t += i + sep;
        n -= i + sep;
        break;
      }
    break;
  }
  /* "The Feast Review", "X (2017): Brief Review" */
  if (n > 7 && rk_at(t, n - 7, n, " review")) {
    h.forms |= HEAD_REVIEW;
    n -= 7;
  }
  /* "X (1978)", "X (1978, Walter Hill)", "X – 2020 Soderbergh" */
  for (size_t i = 0; i + 5 <= n; i++) {
    if (t[i] == '(' && year_at(t, i + 1, n)) {
      h.forms |= HEAD_YEAR;
      n = i;
      break;
    }
    if (t[i] == ' ' && (k = edge_mark_len(t + i + 1, n - i - 1, 0)) > 0 && t[i + 1] != ' ' &&
        i + 1 + k < n && t[i + 1 + k] == ' ' && year_at(t, i + 2 + k, n)) {
      h.forms |= HEAD_YEAR;
      n = i;
      break;
    }
  }
  while ((k = edge_mark_len(t, n, 0)) > 0) t += k, n -= k;
  while ((k = edge_mark_len(t, n, 1)) > 0) n -= k;
  /* "Review" alone or "(1978)" alone names no film */
  if (n < 2)
    h.forms = 0;
  h.title   = t;
  h.title_n = n;
  return h;
}

/* Do two title lines name one film?  One title may extend the other
 * ("Let Them All Talk" and a copy with a date glued on). */
static int
same_film(const EntryHead *a, const EntryHead *b)
{
  size_t n = a->title_n < b->title_n ? a->title_n : b->title_n;

  return strncasecmp(a->title, b->title, n) == 0;
}

/* The first byte of s[0..n) that is @p a or @p b, or NULL. */
static const char *
memchr2(const char *s, char a, char b, size_t n)
{
  size_t i = 0;

#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  for (; i + 16 <= n; i += 16) {
    __m128i w    = _mm_loadu_si128((const __m128i *)(s + i));
    int     mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)));
    if (mask)
      return s + i + __builtin_ctz((unsigned)mask);
  }
#endif
  for (; i < n; i++)
    if (s[i] == a || s[i] == b)
      return s + i;
  return NULL;
}

/* Does the line end an excerpt: "[…]", "...Read More", "Continue reading",
 * "Continue reading “Title”"? */
static int
ends_excerpt(const LineView *v)
{
  const char *s = v->s;
  size_t      n = v->n, from = n > 120 ? n - 120 : 0;

  if (n >= 5 && (!memcmp(s + n - 5, "[\xe2\x80\xa6]", 5) || !memcmp(s + n - 5, "[...]", 5)))
    return 1;
  /* trailing arrows and dots: "Read more »", "Continue reading →" */
  for (;;) {
    if (n && strchr(" .>", s[n - 1]))
      n--;
    else if (n >= 2 && !memcmp(s + n - 2, "\xc2\xbb", 2))
      n -= 2;
    else if (n >= 3 && (!memcmp(s + n - 3, "\xe2\x86\x92", 3) || !memcmp(s + n - 3, "\xe2\x80\xa6", 3)))
      n -= 3;
    else
      break;
  }
  if ((n >= 9 && rk_at(s, n - 9, n, "read more")) || (n >= 16 && rk_at(s, n - 16, n, "continue reading")))
    return 1;
  /* "continue reading " then a quote: look for the quotes, rarer than
   * the phrase's first letter, and test the phrase before each */
  for (size_t i = from + 17; i < v->n; i++) {
    const char *q = memchr2(s + i, '"', '\xe2', v->n - i);
    if (!q)
      break;
    i = (size_t)(q - s);
    if ((*q == '"' || rk_at(s, i, v->n, "\xe2\x80\x9c")) && rk_at(s, i - 17, v->n, "continue reading "))
      return 1;
  }
  return 0;
}

/* The form of the next non-blank line after line @p i, if it is near. */
static unsigned
next_head_forms(const RkDoc *doc, const RkZones *z, size_t i)
{
  for (size_t j = i + 1; j < z->n && j <= i + 3; j++) {
    const RkLine *l = &z->lines[j];
    LineView      w = view_of(doc->text + l->start, l->end - l->start);
    if (w.n)
      return entry_head_of(doc->text + l->start, l->end - l->start, &w).forms;
  }
  return 0;
}

/* Is the next non-blank line after line @p i, if near, the same words
 * as @p v in another case: an index page's slug and heading of an entry? */
static int
echoed_below(const RkDoc *doc, const RkZones *z, size_t i, const LineView *v)
{
  for (size_t j = i + 1; j < z->n && j <= i + 3; j++) {
    const RkLine *l = &z->lines[j];
    LineView      w = view_of(doc->text + l->start, l->end - l->start);
    if (w.n)
      return w.n == v->n && memcmp(w.s, v->s, v->n) && !strncasecmp(w.s, v->s, v->n);
  }
  return 0;
}

/* Does line @p i, of kind @p kind, open a later review (see EntryScan)? */
static int
opens_later_review(EntryScan *es, const RkDoc *doc, const RkZones *z, size_t i, const LineView *v,
                   RkZoneKind kind)
{
  const RkLine *l = &z->lines[i];
  int           titleish = (kind == RK_ZONE_BODY || kind == RK_ZONE_HEADLINE) && is_title_shaped(v);
  unsigned      prev_forms = es->prev_forms;
  EntryHead     h;

  es->lines++;
  es->prev_forms = 0;
  if (es->excerpt_cut && kind == RK_ZONE_CREDITS)
    return 1;  /* the next entry's credits, its title in a label ("Genre Blast: ...") */
  /* an entry's text: prose, or a credits line that runs on into the
   * synopsis ("Director: X Starring: Y The Overview ... Continue Reading") */
  if ((kind == RK_ZONE_BODY && is_prose(v) && !titleish) || kind == RK_ZONE_CREDITS) {
    es->prose      += es->titled;
    es->excerpt_cut = es->prose && ends_excerpt(v);
    return 0;
  }
  /* "Posted in Reviews | Tagged ...": an entry's footer, once the entry
   * has more text than a standfirst (which a top "Filed under" follows) */
  if (es->prose >= 2 && v->n < 300 && any_prefix(v, &entry_footers_ix))
    es->excerpt_cut = 1;
  if (!titleish)
    return 0;
  if (es->excerpt_cut && !ends_excerpt(v))
    return 1;
  if (es->prose && ends_excerpt(v)) {  /* "Continue reading" on a line of its own */
    es->excerpt_cut = 1;
    return 0;
  }
  h = entry_head_of(doc->text + l->start, l->end - l->start, v);
  if (h.title && echoed_below(doc, z, i, v))
    h.forms |= HEAD_ECHO;
  es->prev_forms = es->first.forms && same_film(&h, &es->first) ? 0 : h.forms;
  es->titled     = 1;
  /* the first review's title is the last form before its text ("Tag
   * Archives: film review", then "Bhonsle (2018)"); a site's blurb may
   * come first, a review's own body may not */
  if (h.forms && es->lines <= FIRST_HEAD_LINES && es->prose <= 2 && (!es->first.forms || !es->prose)) {
    es->first = h;
    es->prose = 0;
    return 0;
  }
  if (!es->first.forms)
    return 0;
  /* a run of such lines is a list of films, no entry's title */
  return (h.forms & es->first.forms) && es->prose && !same_film(&h, &es->first) &&
         !(prev_forms & es->first.forms) && !(next_head_forms(doc, z, i) & es->first.forms);
}

static RkStatus
split_lines(const RkDoc *doc, RkZones *z)
{
  size_t cap = 64, pos = 0;

  if (!(z->lines = rk_malloc(cap * sizeof *z->lines)))
    return RK_ERR_NOMEM;
  while (pos <= doc->len) {
    const char *nl  = memchr(doc->text + pos, '\n', doc->len - pos);
    size_t      end = nl ? (size_t)(nl - doc->text) : doc->len;
    if (z->n == cap) {
      RkLine *p = rk_realloc(z->lines, cap * 2 * sizeof *p);
      if (!p)
        return RK_ERR_NOMEM;
      z->lines = p;
      cap *= 2;
    }
    z->lines[z->n].start = pos;
    z->lines[z->n].end   = end;
    z->lines[z->n].kind  = RK_ZONE_BODY;
    z->n++;
    if (!nl)
      break;
    pos = end + 1;
  }
  return RK_OK;
}

RkStatus
rk_zones_build(const RkDoc *doc, RkZones **out)
{
  static pthread_once_t indexed = PTHREAD_ONCE_INIT;
  RkStatus st = RK_ERR_NOMEM;
  RkZones *z  = rk_calloc(1, sizeof *z);
  size_t   i = 0, first_prose = SIZE_MAX;  /* the first line kept as body prose */
  int      seen_prose = 0, in_comments = 0, in_sidebar = 0, headline_done = 0, in_later = 0;
  EntryScan entries = { { 0, NULL, 0 }, 0, 0, 0, 0, 0 };

  pthread_once(&indexed, index_all_lists);

  if (!z || (st = split_lines(doc, z)))
    goto done;

  /* YAML front matter of a scraped file: "---" ... "---" at the top */
  if (z->n > 2 && z->lines[0].end - z->lines[0].start == 3 && !memcmp(doc->text, "---", 3)) {
    for (size_t j = 1; j < z->n && j < 80; j++) {
      const RkLine *l = &z->lines[j];
      if (l->end - l->start == 3 && !memcmp(doc->text + l->start, "---", 3)) {
        for (size_t k = 0; k <= j; k++)
          z->lines[k].kind = RK_ZONE_FRONTMATTER;
        i = j + 1;
        break;
      }
    }
  }

  for (; i < z->n; i++) {
    RkLine    *line = &z->lines[i];
    LineView   v    = view_of(doc->text + line->start, line->end - line->start);
    RkZoneKind kind = classify(doc, line, &v);

    if (kind == RK_ZONE_BLANK) {
      line->kind = kind;
      continue;
    }
    if (in_later) {  /* a later review's lines, credits and byline too */
      line->kind = RK_ZONE_SIDEBAR;
      continue;
    }
    if (in_comments) {
      line->kind = RK_ZONE_COMMENTS;
      continue;
    }
    if (opens_comments(&v) || is_comment_header(&v)) {
      in_comments = 1;
      line->kind  = RK_ZONE_COMMENTS;
      continue;
    }
    /* a sidebar header after the review has started runs to the end, but
     * labelled credits inside it (trade papers print them last) still count */
    if (v.n < 60 && any_prefix(&v, &sidebar_openers_ix) && !is_prose(&v)) {
      if (seen_prose)
        in_sidebar = 1;
      line->kind = RK_ZONE_SIDEBAR;
      continue;
    }
    if (in_sidebar && kind != RK_ZONE_CREDITS && kind != RK_ZONE_BYLINE) {
      line->kind = RK_ZONE_SIDEBAR;
      continue;
    }
    if (kind == RK_ZONE_BODY && !seen_prose && !headline_done && !is_prose(&v) && v.n < 200) {
      kind = RK_ZONE_HEADLINE;
      headline_done = 1;
    } else if (kind == RK_ZONE_HEADLINE) {
      headline_done = 1;
    }
    if (kind == RK_ZONE_BODY && is_prose(&v))
      seen_prose = 1;
    if (opens_later_review(&entries, doc, z, i, &v, kind)) {
      in_later = 1;
      kind     = RK_ZONE_SIDEBAR;
    }
    line->kind = kind;
    if (kind == RK_ZONE_BODY && first_prose == SIZE_MAX && is_prose(&v))
      first_prose = i;
  }
  mark_repeated_captions(doc->text, z, first_prose < z->n ? first_prose : z->n);

  if (getenv("RK_DEBUG_ZONES"))
    for (size_t j = 0; j < z->n; j++)
      fprintf(stderr, "%4zu %-11s %.*s\n", j, rk_zone_name(z->lines[j].kind),
              (int)(z->lines[j].end - z->lines[j].start > 90 ? 90 : z->lines[j].end - z->lines[j].start),
              doc->text + z->lines[j].start);
  z->body_first = z->body_last = -1;
  for (size_t j = 0; j < z->n; j++)
    if (z->lines[j].kind == RK_ZONE_BODY) {
      if (z->body_first < 0)
        z->body_first = (int)j;
      z->body_last = (int)j;
    }
  *out = z;
  z    = NULL;
  st   = RK_OK;
done:
  rk_zones_free(z);
  return st;
}

size_t
rk_zones_next_filled(const RkZones *z, size_t i)
{
  for (i++; i < z->n && z->lines[i].kind == RK_ZONE_BLANK; i++)
    ;
  return i;
}

void
rk_zones_free(RkZones *z)
{
  if (!z)
    return;
  free(z->lines);
  free(z);
}
