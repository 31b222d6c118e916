/* names.c - the person-name model of extraction.
 *
 * Finds capitalised name spans in text (tokens with accents, hyphens,
 * apostrophes, initials, and particles such as de, van, von, da, bin, al)
 * and judges how much a span looks like a person's name from the word
 * lists: given names count for it, ordinary English words against it.
 * Pure functions over the document text; owns nothing.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "extract_impl.h"

/* Lower-case words that may stand inside a name: "Florian Henckel von
 * Donnersmarck", "Leandro Firmino da Hora", "Haifaa al Mansour".  Listed
 * by length, so that a word is compared only with particles as long. */
static const char *const particles_by_length[] = {
  NULL, "y e", "de di da do du le la al el zu", "del der den das dos van von bin ibn ter ten",
  NULL, "della"
};
/* The first letters of each length's particles above, kept with them:
 * most words asked about fail on these without a compare. */
#define LETTER(c) (1u << ((c) - 'a'))
static const uint32_t particle_firsts[] = {
  0, LETTER('y') | LETTER('e'), LETTER('d') | LETTER('l') | LETTER('a') | LETTER('e') | LETTER('z'),
  LETTER('d') | LETTER('v') | LETTER('b') | LETTER('i') | LETTER('t'), 0, LETTER('d')
};
#undef LETTER

static int
is_particle(const char *s, size_t n)
{
  const char *p;
  unsigned    letter;

  if (n >= sizeof particles_by_length / sizeof *particles_by_length || !particle_firsts[n])
    return 0;
  letter = (unsigned char)s[0] - (unsigned)'a';
  if (letter >= 26 || !(particle_firsts[n] >> letter & 1))
    return 0;
  p = particles_by_length[n];
  for (;; p += n + 1) {  /* each particle and the space after it */
    if (p[0] == s[0] && !memcmp(p, s, n))
      return 1;
    if (!p[n])
      return 0;
  }
}

/* Honorifics and suffixes written with a full stop. */
static int
is_dotted_abbrev(const char *s, size_t n)
{
  static const char *const abbr[] = { "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", NULL };

  for (const char *const *p = abbr; *p; p++)
    if (strlen(*p) == n && strncmp(*p, s, n) == 0)
      return 1;
  return 0;
}

static int
cp_is_upper(uint32_t cp)
{
  uint32_t base = cp < 0x80 ? cp : rk_unaccent(cp);

  if (base)
    return base < 0x80 && rk_isupper((int)base);
  return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);  /* Greek, Cyrillic */
}

static int
cp_is_letter(uint32_t cp)
{
  if (cp < 0x80)
    return rk_isalpha((int)cp);
  if (rk_unaccent(cp))
    return 1;
  return (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x300 && cp <= 0x36F);  /* Greek, Cyrillic, combining */
}

static size_t
decode_at(const char *text, size_t i, size_t lim, uint32_t *cp)
{
  if (i >= lim)
    return 0;
  return rk_utf8_decode(text + i, lim - i, cp);
}

/* Is there an apostrophe (' or ’) at i?  Returns its length. */
static size_t
apostrophe_at(const char *text, size_t i, size_t lim)
{
  if (i >= lim)
    return 0;
  if (text[i] == '\'')
    return 1;
  if (text[i] == '\xe2' && i + 3 <= lim && !memcmp(text + i, "\xe2\x80\x99", 3))
    return 3;
  return 0;
}

size_t
rk_name_token(const char *text, size_t p, size_t lim)
{
  uint32_t cp;
  size_t   k, i, a;

  /* most tokens asked about start with an ASCII byte: no decoding */
  if (p >= lim)
    return 0;
  if ((unsigned char)text[p] < 0x80) {
    if (!rk_isupper((unsigned char)text[p]))
      return 0;
    k = 1;
  } else if (!(k = decode_at(text, p, lim, &cp)) || !cp_is_upper(cp))
    return 0;
  i = p + k;
  for (;;) {
    while (i < lim && rk_isalpha((unsigned char)text[i]))  /* ASCII letters: no decoding */
      i++;
    if (i >= lim || text[i] == ' ')
      return i - p;  /* most tokens end so, and no rule below goes on past a space */
    if (i < lim && (unsigned char)text[i] >= 0x80 && (k = decode_at(text, i, lim, &cp)) && cp_is_letter(cp)) {
      i += k;
      continue;
    }
    /* hyphenated: Jean-Michel, Ah-in, Keays-Byrne */
    if (i < lim && text[i] == '-' && (k = decode_at(text, i + 1, lim, &cp)) && cp_is_letter(cp)) {
      i += 1 + k;
      continue;
    }
    /* O'Connor, D'Arcy - but not the possessive "Audiard's" */
    if ((a = apostrophe_at(text, i, lim)) && (k = decode_at(text, i + a, lim, &cp)) && cp_is_letter(cp)) {
      size_t after = i + a + k;
      uint32_t next;
      if ((cp == 's' || cp == 'S') && !(decode_at(text, after, lim, &next) && cp_is_letter(next)))
        break;
      i = after;
      continue;
    }
    break;
  }
  /* initials: "J.", "R.J.", "T.K." */
  if (i - p == 1 && i < lim && text[i] == '.') {
    i++;
    while (i + 1 < lim && rk_isupper((unsigned char)text[i]) && text[i + 1] == '.')
      i += 2;
  } else if (i < lim && text[i] == '.' && is_dotted_abbrev(text + p, i - p)) {
    i++;
  } else if ((a = apostrophe_at(text, i, lim)) && i + a < lim && text[i + a] == ' ' &&
             rk_name_token(text, i + a + 1, lim) && i - p <= 4) {
    i += a;  /* "Lil' Ze": a clipped word that ends in an apostrophe */
  }
  return i - p;
}

/* A quoted nickname inside a name: Haita 'Cedra' Izzam, Christine "Lady Bird" McPherson. */
static size_t
quoted_token(const char *text, size_t p, size_t lim)
{
  static const char *const opens[]  = { "\xe2\x80\x98", "\xe2\x80\x9c", "'", "\"", NULL };
  static const char *const closes[] = { "\xe2\x80\x99", "\xe2\x80\x9d", "'", "\"", NULL };

  if (p >= lim || (text[p] != '\xe2' && text[p] != '\'' && text[p] != '"'))
    return 0;  /* the first byte of every opening quote */
  for (int q = 0; opens[q]; q++) {
    size_t ol = strlen(opens[q]), cl = strlen(closes[q]), i, k;
    if (p + ol > lim || memcmp(text + p, opens[q], ol))
      continue;
    i = p + ol;
    if (!(k = rk_name_token(text, i, lim)))
      return 0;
    i += k;
    while (i < lim && text[i] == ' ' && (k = rk_name_token(text, i + 1, lim)))
      i += 1 + k;
    if (i + cl <= lim && !memcmp(text + i, closes[q], cl) && i + cl < lim && text[i + cl] == ' ')
      return i + cl - p;
    return 0;
  }
  return 0;
}

/* Could a token start at @p i?  Not at a lower-case word, the usual
 * next word after a name: a test that spares the call. */
static inline int
may_start_token(const char *t, size_t i, size_t lim)
{
  return i < lim && !((unsigned char)t[i] < 0x80 && !rk_isupper((unsigned char)t[i]));
}

int
rk_name_at(const RkEx *x, size_t p, size_t lim, RkSpan *out)
{
  const char *t = x->text;
  size_t      i = p, k, end = p;
  int         ntok = 0;

  /* k is the length of the token at i, measured once */
  k = rk_name_token(t, i, lim);
  while (ntok < 7 && k) {
    size_t q;
    ntok++;
    end = i + k;
    i   = end;
    if (i >= lim || t[i] != ' ')
      break;
    i++;
    /* a particle, then a capitalised token */
    size_t w = i;
    while (w < lim && rk_islower((unsigned char)t[w]))
      w++;
    if (w > i && w < lim && t[w] == ' ' && is_particle(t + i, w - i) && (k = rk_name_token(t, w + 1, lim))) {
      i = w + 1;
      continue;
    }
    if ((q = quoted_token(t, i, lim)) && (k = rk_name_token(t, i + q + 1, lim))) {
      i += q + 1;
      continue;
    }
    if (!may_start_token(t, i, lim) || !(k = rk_name_token(t, i, lim)))
      break;
  }
  if (!ntok)
    return 0;
  /* "John W. Campbell, Jr." */
  if (ntok >= 2 && end + 5 <= lim && t[end] == ',' &&
      (!strncmp(t + end, ", Jr.", 5) || !strncmp(t + end, ", Sr.", 5)))
    end += 5;
  out->s    = p;
  out->e    = end;
  out->ntok = ntok;
  return 1;
}

static int
word_start(const char *t, size_t i, size_t lo)
{
  unsigned char c;

  if (i <= lo)
    return 1;
  c = (unsigned char)t[i - 1];
  return !(rk_isalnum(c) || c >= 0x80 || c == '\'' || c == '-' || c == '.');
}

/* Where a name can start at or after @p i: a capital, ASCII or the lead
 * byte of a multi-byte letter (>= 0xC0); @p hi if none.  Most bytes are
 * neither, so sixteen (SSE2) or eight are looked at a step. */
static size_t
next_capital(const char *t, size_t i, size_t hi)
{
#ifdef __SSE2__
  /* sixteen bytes a step: as signed bytes, a capital is in 'A'..'Z' and a
   * lead byte (0xC0..0xFF) in -64..-1 */
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1);
  const __m128i below_lead = _mm_set1_epi8((char)0xBF), zero = _mm_setzero_si128();

  for (; i + 16 <= hi; i += 16) {
    __m128i v    = _mm_loadu_si128((const __m128i *)(t + i));
    __m128i caps = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, below_lead), _mm_cmplt_epi8(v, zero));
    int     hits = _mm_movemask_epi8(_mm_or_si128(caps, lead));
    if (hits)
      return i + (size_t)__builtin_ctz((unsigned)hits);
  }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

  for (; i + 8 <= hi; i += 8) {
    uint64_t v, low7, maybe;
    memcpy(&v, t + i, 8);
    low7 = v & ~high;
    /* bit 7 of a byte: its low seven bits are >= 'A' and not > 'Z' (no
     * carries: each byte stays below 0x100), or the byte is not ASCII */
    maybe = (((low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x80 - 'Z' - 1))) | v) & high;
    for (; maybe; maybe &= maybe - 1) {
      size_t        j = i + (size_t)(__builtin_ctzll(maybe) >> 3);
      unsigned char c = (unsigned char)t[j];
      if ((c >= 'A' && c <= 'Z') || c >= 0xC0)
        return j;
    }
  }
#endif
  for (; i < hi; i++) {
    unsigned char c = (unsigned char)t[i];
    if ((c >= 'A' && c <= 'Z') || c >= 0xC0)
      return i;
  }
  return hi;
}

/* The memo slot for a range (direct-mapped: a clash just evicts). */
static RkNamesMemo *
memo_slot(const RkEx *x, size_t lo, size_t hi)
{
  return x->names_memo ? &x->names_memo[(lo * 31 + hi) % RK_NAMES_MEMO] : NULL;
}

/* Remember an answer; without memory it is simply not remembered. */
static void
memo_keep(const RkEx *x, size_t lo, size_t hi, const RkSpan *spans, size_t n)
{
  RkNamesMemo *m = memo_slot(x, lo, hi);
  RkSpan      *copy = n ? rk_malloc(n * sizeof *copy) : NULL;

  if (!m || (n && !copy)) {
    free(copy);
    return;
  }
  if (n)
    memcpy(copy, spans, n * sizeof *copy);
  free(m->spans);
  *m = (RkNamesMemo){ x->text, lo, hi, copy, n };
}

void
rk_names_memo_free(RkNamesMemo *memo)
{
  for (size_t i = 0; memo && i < RK_NAMES_MEMO; i++)
    free(memo[i].spans);
  free(memo);
}

RkStatus
rk_names_in(const RkEx *x, size_t lo, size_t hi, RkSpan **out, size_t *n)
{
  RkSpan *spans = NULL, sp;
  size_t  cap = 0, count = 0, i = lo;
  const RkNamesMemo *m = memo_slot(x, lo, hi);

  if (m && m->text == x->text && m->lo == lo && m->hi == hi) {
    if (m->n && !(spans = rk_malloc(m->n * sizeof *spans)))
      return RK_ERR_NOMEM;
    if (m->n)
      memcpy(spans, m->spans, m->n * sizeof *spans);
    *out = spans;
    *n   = m->n;
    return RK_OK;
  }

  while ((i = next_capital(x->text, i, hi)) < hi) {
    if (word_start(x->text, i, lo) && rk_name_at(x, i, hi, &sp)) {
      if (count == cap) {
        size_t  c = cap ? cap * 2 : 16;
        RkSpan *p = rk_realloc(spans, c * sizeof *p);
        if (!p) {
          free(spans);
          return RK_ERR_NOMEM;
        }
        spans = p;
        cap   = c;
      }
      spans[count++] = sp;
      i = sp.e;
      continue;
    }
    i++;
  }
  memo_keep(x, lo, hi, spans, count);
  *out = spans;
  *n   = count;
  return RK_OK;
}

int
rk_name_before(const RkEx *x, size_t lo, size_t e, RkSpan *out)
{
  RkSpan *spans;
  size_t  n;
  int     found = 0;

  while (e > lo && x->text[e - 1] == ' ')
    e--;
  /* A span's last token starts with a capital after a space (or at the
   * span's start): without a capital in the last word, no name ends at e. */
  size_t b = e;
  int    capital = 0;
  while (b > lo && x->text[b - 1] != ' ' && !capital) {
    unsigned char c = (unsigned char)x->text[--b];
    capital = (c >= 'A' && c <= 'Z') || c >= 0xC0;
  }
  if (!capital)
    return 0;
  if (rk_names_in(x, lo, e, &spans, &n))
    return 0;
  if (n && spans[n - 1].e == e) {
    *out  = spans[n - 1];
    found = 1;
  }
  free(spans);
  return found;
}

/* English closed-class words; a capitalised one starts a sentence, it
 * does not start a name. */
static const char *const function_words[] = {
  "a", "about", "across", "after", "against", "all", "along", "also", "although", "amid",
  "amidst", "among", "an", "and", "any", "are", "around", "as", "at", "be", "because", "been",
  "before", "behind", "between", "beyond", "both", "but", "by", "can", "could", "despite",
  "did", "do", "does", "down", "during", "each", "even", "eventually", "every", "finally",
  "for", "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how",
  "however", "i", "if", "in", "indeed", "instead", "into", "is", "it", "its", "just", "later",
  "like", "may", "maybe", "me", "meanwhile", "might", "must", "my", "near", "no", "nor",
  "not", "now", "of", "off", "oh", "on", "once", "only", "or", "our", "out", "over", "per",
  "perhaps", "plus", "she", "should", "since", "so", "some", "soon", "still", "than",
  "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
  "though", "through", "to", "toward", "towards", "under", "unlike", "until", "up", "upon",
  "us", "via", "was", "we", "well", "were", "what", "when", "whenever", "where", "wherever",
  "whether", "which", "while", "whilst", "who", "whom", "whose", "why", "will", "with",
  "within", "without", "would", "yes", "yet", "you", "your",
};

/* function_words in an open-addressing hash set, built once: the rules ask
 * about every capitalised word they meet.  The hash is cheap (length and
 * three letters) and the slot keeps the length, so most misses cost one
 * probe and no string compare. */
enum { FW_SLOTS = 512 };  /* a power of two, over three times the words */
static const char    *fw_slot[FW_SLOTS];
static unsigned char  fw_len[FW_SLOTS];
static size_t         fw_longest;
/* Bit n of fw_lengths[c - 'a']: some function word of n letters starts
 * with c.  Most capitalised words fail this and are never hashed. */
static uint32_t       fw_lengths[26];
static pthread_once_t fw_once = PTHREAD_ONCE_INIT;
/* Set once the set is built: a load, where pthread_once is a call per word. */
static int            fw_ready;

static unsigned char
fw_lower(unsigned char c)
{
  return (unsigned char)(c | (rk_isupper(c) << 5));  /* ASCII only, as the list is */
}

/* Hash of a word as lower case, from three of its letters; 0 < n */
static inline size_t
fw_hash(const char *s, size_t n)
{
  size_t h = n * 131u + fw_lower((unsigned char)s[0]) * 31u + fw_lower((unsigned char)s[n - 1]) * 7u +
             fw_lower((unsigned char)s[n / 2]);

  return (h ^ (h >> 5)) & (FW_SLOTS - 1);
}

static void
index_function_words(void)
{
  for (size_t i = 0; i < sizeof function_words / sizeof *function_words; i++) {
    size_t n = strlen(function_words[i]), h = fw_hash(function_words[i], n);
    while (fw_slot[h])
      h = (h + 1) & (FW_SLOTS - 1);
    fw_slot[h] = function_words[i];
    fw_len[h]  = (unsigned char)n;
    fw_lengths[function_words[i][0] - 'a'] |= 1u << n;
    if (n > fw_longest)
      fw_longest = n;
  }
  __atomic_store_n(&fw_ready, 1, __ATOMIC_RELEASE);
}

int
rk_is_function_word(const char *s, size_t n)
{
  unsigned letter;

  if (!__atomic_load_n(&fw_ready, __ATOMIC_ACQUIRE))
    pthread_once(&fw_once, index_function_words);
  if (n == 0 || n > fw_longest)
    return 0;
  letter = fw_lower((unsigned char)s[0]) - 'a';
  if (letter >= 26 || !(fw_lengths[letter] >> n & 1))
    return 0;
  for (size_t h = fw_hash(s, n); fw_slot[h]; h = (h + 1) & (FW_SLOTS - 1)) {
    size_t i = 0;
    if (fw_len[h] != n)
      continue;
    while (i < n && fw_lower((unsigned char)s[i]) == (unsigned char)fw_slot[h][i])
      i++;
    if (i == n)
      return 1;
  }
  return 0;
}

/* An ordinary English word that is no given name, from its kinds. */
static int
common_kinds(unsigned kinds)
{
  return (kinds & RK_LEX_WORD) && !(kinds & RK_LEX_GIVEN);
}

int
rk_is_common_word(const RkEx *x, const char *s, size_t n)
{
  if (rk_is_function_word(s, n))
    return 1;
  return common_kinds(rk_lexicon_kinds(x->lex, s, n));
}

static int
is_all_caps_word(const char *s, size_t n)
{
  int letters = 0;

  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (rk_islower(c))
      return 0;
    if (rk_isupper(c))
      letters++;
  }
  return letters >= 2;
}

/* Copy [s, s+n) into a new string with possessive endings, surrounding
 * quotes and stray punctuation removed. */
static char *
trim_name(const char *s, size_t n)
{
  static const struct { const char *q; size_t n; } quotes[] = {
    { "\xe2\x80\x9c", 3 }, { "\xe2\x80\x9d", 3 }, { "\xe2\x80\x98", 3 }, { "\xe2\x80\x99", 3 },
    { "\"", 1 }, { "'", 1 }, { NULL, 0 }
  };
  int changed = 1;

  while (changed) {
    changed = 0;
    while (n && (s[0] == ' ' || s[0] == '(' || s[0] == ',')) { s++; n--; changed = 1; }
    while (n && strchr(" ,;:.)!?", s[n - 1]) && !(n >= 2 && s[n - 1] == '.' && rk_isupper((unsigned char)s[n - 2])
                                                  && (n == 2 || s[n - 3] == ' ' || s[n - 3] == '.')))
      { n--; changed = 1; }
    if (n >= 3 && (!strncmp(s + n - 2, "'s", 2)))
      { n -= 2; changed = 1; }
    else if (n >= 5 && !memcmp(s + n - 4, "\xe2\x80\x99s", 4))
      { n -= 4; changed = 1; }
    /* a quote starts with '"', '\'' or 0xE2 and ends with one of those
     * or 0x98, 0x99, 0x9C, 0x9D: most names have none at either end */
    if (n && !(s[0] == '"' || s[0] == '\'' || s[0] == '\xe2' || s[n - 1] == '"' || s[n - 1] == '\'' ||
               ((unsigned char)s[n - 1] >= 0x98 && (unsigned char)s[n - 1] <= 0x9D)))
      continue;
    for (int q = 0; quotes[q].q; q++) {
      size_t k = quotes[q].n;
      if (n >= k && !memcmp(s, quotes[q].q, k)) { s += k; n -= k; changed = 1; }
      if (n >= k && !memcmp(s + n - k, quotes[q].q, k)) { n -= k; changed = 1; }
    }
  }
  return n ? rk_strndup(s, n) : NULL;
}

/* A hyphenated word is common when every part is ("Writer-director"). */
static int
common_token(const RkEx *x, const char *p, size_t n)
{
  const char *dash = memchr(p, '-', n);

  if (!dash) {
    unsigned kinds = rk_lexicon_kinds(x->lex, p, n);  /* one lookup for both questions */
    return (rk_is_function_word(p, n) || common_kinds(kinds)) && !(kinds & RK_LEX_PROPER);
  }
  return common_token(x, p, (size_t)(dash - p)) &&
         common_token(x, dash + 1, n - (size_t)(dash - p) - 1);
}

/* Drop the words a name cannot start with: function words ("When
 * Wiesler"), and with @p common_too ordinary words and role words
 * ("Director Jacques Audiard") - but never so many that less than two
 * words are left ("Buster Keaton" stays). */
static char *
drop_leading(const RkEx *x, char *name, int common_too)
{
  char *p = name;

  for (;;) {
    char  *sp = strchr(p, ' ');
    size_t n  = sp ? (size_t)(sp - p) : strlen(p);
    if (!sp)
      break;
    if (rk_is_function_word(p, n) && !rk_lexicon_is_given_name(x->lex, p, n)) {
      p = sp + 1;
      continue;
    }
    if (common_too && common_token(x, p, n) && strchr(sp + 1, ' ')) {
      p = sp + 1;
      continue;
    }
    break;
  }
  if (p != name)
    memmove(name, p, strlen(p) + 1);
  return name;
}

/* ALL-CAPS names from credits ("GEORGE MILLER") in title case; short
 * words stay as they are, they may be initials ("JB", "T.K."). */
static void
title_case_if_caps(char *name)
{
  int   all = 1, long_word = 0;
  char *w   = name;

  while (*w) {
    size_t n = strcspn(w, " ");
    if (n > 1 && !is_all_caps_word(w, n) && !(n <= 3 && w[n - 1] == '.'))
      all = 0;
    if (n >= 4 && !memchr(w, '.', n))
      long_word = 1;
    w += n;
    while (*w == ' ')
      w++;
  }
  if (!all || !long_word)
    return;
  for (w = name; *w;) {
    size_t n = strcspn(w, " ");
    for (size_t i = 1; n >= 4 && i < n; i++)
      if (rk_isupper((unsigned char)w[i]) && rk_isalpha((unsigned char)w[i - 1]))
        w[i] = (char)tolower((unsigned char)w[i]);
    w += n;
    while (*w == ' ')
      w++;
  }
}

char *
rk_clean_person(const RkEx *x, const char *s, size_t n)
{
  char *name = trim_name(s, n);

  if (!name)
    return NULL;
  title_case_if_caps(name);
  drop_leading(x, name, 1);
  if (!*name || rk_is_function_word(name, strlen(name))) {
    free(name);
    return NULL;
  }
  return name;
}

char *
rk_clean_listed(const RkEx *x, const char *s, size_t n)
{
  char *name = trim_name(s, n);

  if (name)
    title_case_if_caps(name);
  return name;
}

/* Ranks and forms of address that open a character's name ("Captain
 * Vidal", "Sister Rosa"): a closed class of words, like the particles. */
static int
is_rank(const char *s, size_t n)
{
  static const char *const ranks[] = {
    "Captain", "Capt.", "Colonel", "Col.", "Major", "General", "Gen.", "Lieutenant", "Lt.", "Sergeant",
    "Sgt.", "Corporal", "Private", "Admiral", "Commander", "Marshal", "Sheriff", "Deputy", "Detective",
    "Inspector", "Officer", "Agent", "Judge", "Doctor", "Dr.", "Professor", "Prof.", "Father", "Sister",
    "Brother", "Mother", "Uncle", "Aunt", "Auntie", "King", "Queen", "Prince", "Princess", "Lord",
    "Lady", "Sir", "Dame", "Count", "Countess", "Baron", "Duke", "Duchess", "Emperor", "Empress",
    "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr", NULL
  };

  for (const char *const *r = ranks; *r; r++)
    if (strlen(*r) == n && !strncmp(*r, s, n))
      return 1;
  return 0;
}

/* "noted Falange Captain Vidal": words before a rank inside a character
 * span describe the character ("Confederate Colonel X"); the name starts
 * at the rank.  A rank as the last word is a surname, not a rank. */
static void
drop_before_rank(char *name)
{
  char *w = strchr(name, ' ');

  while (w) {
    char  *p = w + 1;
    size_t n = strcspn(p, " ");
    if (p[n] == ' ' && is_rank(p, n)) {
      memmove(name, p, strlen(p) + 1);
      return;
    }
    w = strchr(p, ' ');
  }
}

char *
rk_clean_character(const RkEx *x, const char *s, size_t n)
{
  char *name = trim_name(s, n);

  if (!name)
    return NULL;
  title_case_if_caps(name);
  drop_leading(x, name, 0);
  /* "China Master Li Mu Bai": a place glued before the name by a sentence
   * that starts "In 19th century China ..." */
  {
    char *sp = strchr(name, ' ');
    if (sp && strchr(sp + 1, ' ') && rk_lexicon_country_code(x->lex, name, (size_t)(sp - name)))
      memmove(name, sp + 1, strlen(sp + 1) + 1);
  }
  drop_before_rank(name);
  /* "May" is a modal verb and a name: a character may be called May */
  if (!*name || (rk_is_function_word(name, strlen(name)) &&
                 !rk_lexicon_is_given_name(x->lex, name, strlen(name)))) {
    free(name);
    return NULL;
  }
  return name;
}

int
rk_name_tokens(const char *name)
{
  size_t len = strlen(name), i = 0;
  int    n = 0, after_space = 1;  /* the start counts as after a space */

  /* resolving names asks this of every person known, again and again:
   * eight bytes a step, a token starting at each non-space after a space */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, spaces = 0x2020202020202020ULL;

  for (; i + 8 <= len; i += 8) {
    uint64_t v, x, space, starts;
    memcpy(&v, name + i, 8);
    x      = v ^ spaces;
    space  = ~(((x & low7) + low7) | x | low7);  /* bit 7 of each space byte */
    starts = ~space & ((space << 8) | (uint64_t)after_space << 7) & ~low7;
    n += (int)(((starts >> 7) * 0x0101010101010101ULL) >> 56);
    after_space = (int)(space >> 63);
  }
#endif
  for (; i < len; i++) {
    if (name[i] != ' ' && after_space)
      n++;
    after_space = name[i] == ' ';
  }
  return n;
}

const char *
rk_name_last(const char *name, size_t *n)
{
  const char *sp = strrchr(name, ' ');
  const char *last = sp ? sp + 1 : name;

  *n = strlen(last);
  return last;
}

const char *
rk_name_first(const char *name, size_t *n)
{
  *n = strcspn(name, " ");
  return name;
}

/* ------------------------------------------------------------ demonyms */

/* Is [s, s+n) a nationality adjective ("Korean", "Iranian", "Mexican")?
 * A language name of ISO 639 is one; otherwise the word must derive from
 * an ISO 3166 country name by a demonym suffix: "Iran" + "ian", "Mexic(o)"
 * + "an", "Canad(a)" + "ian", "Israel" + "i".  Names are never built this
 * way, so a span made only of such words is not a person. */
int
rk_is_demonym(const RkEx *x, const char *s, size_t n)
{
  /* each with its length, as every word of every name is asked about */
  static const struct { char s[4]; size_t n; } suffixes[] = {
    { "ian", 3 }, { "an", 2 }, { "ese", 3 }, { "ish", 3 }, { "i", 1 }, { "n", 1 }
  };
  static const struct { char s[3]; size_t n; } endings[] = {
    { "", 0 }, { "a", 1 }, { "o", 1 }, { "e", 1 }, { "y", 1 }, { "ia", 2 }, { "um", 2 }
  };
  char stem[64];

  if (n < 4 || n >= sizeof stem - 4 || !rk_isupper((unsigned char)s[0]))
    return 0;
  if (rk_lexicon_language_tag(x->lex, s, n))
    return 1;
  for (size_t f = 0; f < sizeof suffixes / sizeof *suffixes; f++) {
    size_t k = suffixes[f].n, m = n - k;
    if (n < k + 3 || memcmp(s + m, suffixes[f].s, k))
      continue;
    memcpy(stem, s, m);
    for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
      memcpy(stem + m, endings[e].s, 2);  /* the ending, and bytes past it the lookup ignores */
      if (rk_lexicon_country_code(x->lex, stem, m + endings[e].n))
        return 1;
    }
  }
  return 0;
}

/* "South Korean", "West German": a compass word or a demonym, each word. */
static int
demonym_phrase(const RkEx *x, const char *name)
{
  static const struct { char s[9]; size_t n; } compass[] = {
    { "North", 5 }, { "South", 5 }, { "East", 4 }, { "West", 4 }, { "Northern", 8 }, { "Southern", 8 },
    { "Eastern", 7 }, { "Western", 7 }, { "Central", 7 }
  };
  int demonyms = 0;

  for (const char *w = name; *w;) {
    size_t n = strcspn(w, " "), c = 0;
    for (size_t p = 0; p < sizeof compass / sizeof *compass && !c; p++)
      c = compass[p].n == n && !memcmp(compass[p].s, w, n);
    if (!c) {
      if (!rk_is_demonym(x, w, n))
        return 0;
      demonyms++;
    }
    w += n;
    while (*w == ' ')
      w++;
  }
  return demonyms > 0;
}

/* Does @p name end in a word companies are named with ("Copperline
 * Pictures", "Vantage Entertainment", "Ardent Films Ltd")? */
static int
company_tail(const char *name)
{
  static const char *const tails[] = { "entertainment", "pictures", "productions", "studios", "films",
                                       "releasing", "distribution", "media", "classics", "inc.", "inc",
                                       "ltd", "ltd.", "llc", "company", "corporation", "records", NULL };
  const char *last = strrchr(name, ' ');

  last = last ? last + 1 : name;
  for (const char *const *t = tails; *t; t++)
    if (!strcasecmp(last, *t))
      return 1;
  return 0;
}

int
rk_person_score(const RkEx *x, const char *name)
{
  if (demonym_phrase(x, name))
    return -5;  /* "South Korean film": an adjective, not a person */
  if (rk_lexicon_country_code(x->lex, name, strlen(name)))
    return -5;  /* "(Mexico, 2018)", "USA": a country, not a person */
  const char *w = name;
  int         score = 0, tok = 0, words = 0;

  while (*w) {
    size_t   n = strcspn(w, " ");
    int      initial = n <= 4 && w[n - 1] == '.';
    int      function = rk_is_function_word(w, n);
    int      weighed = !initial && !is_particle(w, n);
    /* the word's lists, in one lookup, when an answer depends on them */
    unsigned kinds = weighed || (function && tok == 0) ? rk_lexicon_kinds(x->lex, w, n) : 0;
    if (function && !(tok == 0 && (kinds & RK_LEX_GIVEN)))
      return -5;
    if (weighed) {
      if (tok == 0 && (kinds & RK_LEX_GIVEN))
        score += 2;
      else if ((kinds & RK_LEX_WORD) && !(kinds & (RK_LEX_PROPER | RK_LEX_GIVEN)))
        score -= 1, words++;
      else
        score += 1;
    }
    tok++;
    w += n;
    while (*w == ' ')
      w++;
  }
  if (tok < 2)
    return score > 0 && !words ? 0 : -1;
  if (company_tail(name))
    return -5;  /* "(Vantage Entertainment)": a distributor, not a person */
  return score;
}
