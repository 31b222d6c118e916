/* util.c - buffers, string lists, UTF-8, name keys and hashing.
 * Pure functions over caller memory.  Allocation goes through rk_malloc so
 * that unit tests can make a chosen allocation fail. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reviewkg/util.h"

/* ------------------------------------------------------------ allocation */

/* >0: allocations left before one fails.  Atomic because extraction
 * threads allocate too; off (0), the hook costs one relaxed load. */
static long alloc_countdown;

void rk_alloc_fail_after(long nth) { __atomic_store_n(&alloc_countdown, nth, __ATOMIC_SEQ_CST); }

static int
alloc_should_fail(void)
{
  if (__atomic_load_n(&alloc_countdown, __ATOMIC_RELAXED) <= 0)
    return 0;
  return __atomic_sub_fetch(&alloc_countdown, 1, __ATOMIC_RELAXED) == 0;
}

void *rk_malloc(size_t n) { return alloc_should_fail() ? NULL : malloc(n ? n : 1); }
void *rk_calloc(size_t n, size_t size) { return alloc_should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1); }
void *rk_realloc(void *p, size_t n) { return alloc_should_fail() ? NULL : realloc(p, n ? n : 1); }

char *
rk_strndup(const char *s, size_t n)
{
  char *d;

  if (!s || !(d = rk_malloc(n + 1)))
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *rk_strdup(const char *s) { return s ? rk_strndup(s, strlen(s)) : NULL; }

/* ------------------------------------------------------------ RkBuf */

void rk_buf_init(RkBuf *b) { b->data = NULL; b->len = b->cap = 0; }
void rk_buf_clear(RkBuf *b) { free(b->data); rk_buf_init(b); }
void rk_buf_reset(RkBuf *b) { b->len = 0; if (b->data) b->data[0] = '\0'; }

/* buf_reserve when the room is not there: out of line, so that the
 * common case (room enough) costs its callers no stack frame. */
static RkStatus __attribute__((noinline))
buf_grow(RkBuf *b, size_t need)
{
  size_t cap = b->cap ? b->cap : 64;
  char  *p;

  while (cap < need)
    cap *= 2;
  if (!(p = rk_realloc(b->data, cap)))
    return RK_ERR_NOMEM;
  b->data = p;
  b->cap  = cap;
  return RK_OK;
}

static RkStatus
buf_reserve(RkBuf *b, size_t extra)
{
  size_t need = b->len + extra + 1;

  return need <= b->cap ? RK_OK : buf_grow(b, need);
}

RkStatus
rk_buf_append(RkBuf *b, const char *s, size_t n)
{
  if (buf_reserve(b, n))
    return RK_ERR_NOMEM;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return RK_OK;
}

/* ------------------------------------------------------------ arena */

enum { ARENA_BLOCK = 64 * 1024 };

struct RkArenaBlock {
  RkArenaBlock *next;  /* the block filled before this one */
  size_t        used, cap;
  char          data[];
};

char *
rk_arena_alloc(RkArena *a, size_t n)
{
  RkArenaBlock *b = a->blocks;

  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    if (!(b = rk_malloc(sizeof *b + cap)))
      return NULL;
    b->next   = a->blocks;
    b->used   = 0;
    b->cap    = cap;
    a->blocks = b;
  }
  b->used += n;
  return b->data + b->used - n;
}

void
rk_arena_clear(RkArena *a)
{
  while (a->blocks) {
    RkArenaBlock *next = a->blocks->next;
    free(a->blocks);
    a->blocks = next;
  }
}

RkStatus rk_buf_puts(RkBuf *b, const char *s) { return rk_buf_append(b, s, strlen(s)); }

/* rk_buf_putc without the room: grow, then put.  Apart, so that the
 * common path (a call per character) needs no stack frame. */
static RkStatus __attribute__((noinline))
buf_grow_putc(RkBuf *b, char c)
{
  return buf_grow(b, b->len + 2) ? RK_ERR_NOMEM : rk_buf_putc(b, c);
}

RkStatus
rk_buf_putc(RkBuf *b, char c)
{
  size_t len  = b->len;  /* locals: the stores through data could alias b */
  char  *data = b->data;

  if (len + 2 > b->cap)
    return buf_grow_putc(b, c);
  data[len]     = c;  /* not through memcpy: a call for one byte costs more than it */
  data[len + 1] = '\0';
  b->len        = len + 1;
  return RK_OK;
}

RkStatus
rk_buf_vprintf(RkBuf *b, const char *fmt, va_list ap)
{
  va_list again;
  int     n;

  va_copy(again, ap);
  /* format in place; only a result that does not fit is formatted twice */
  n = vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
  if (n >= 0 && b->data && (size_t)n < b->cap - b->len) {
    va_end(again);
    b->len += (size_t)n;
    return RK_OK;
  }
  if (b->data)
    b->data[b->len] = '\0';  /* a cut attempt leaves the contents as they were */
  if (n < 0 || buf_reserve(b, (size_t)(n < 0 ? 0 : n))) {
    va_end(again);
    return n < 0 ? RK_ERR_INTERNAL : RK_ERR_NOMEM;
  }
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
  va_end(again);
  b->len += (size_t)n;
  return RK_OK;
}

RkStatus
rk_buf_printf(RkBuf *b, const char *fmt, ...)
{
  va_list  ap;
  RkStatus st;

  va_start(ap, fmt);
  st = rk_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return st;
}

char *
rk_buf_steal(RkBuf *b)
{
  char *d = b->data;

  if (!d)
    d = rk_strdup("");
  rk_buf_init(b);
  return d;
}

/* ------------------------------------------------------------ RkStrList */

void rk_strlist_init(RkStrList *l) { l->items = NULL; l->n = l->cap = 0; }

void
rk_strlist_clear(RkStrList *l)
{
  for (size_t i = 0; i < l->n; i++)
    free(l->items[i]);
  free(l->items);
  rk_strlist_init(l);
}

RkStatus
rk_strlist_add(RkStrList *l, const char *s)
{
  char *copy;

  if (l->n == l->cap) {
    size_t cap   = l->cap ? l->cap * 2 : 4;
    char **items = rk_realloc(l->items, cap * sizeof *items);
    if (!items)
      return RK_ERR_NOMEM;
    l->items = items;
    l->cap   = cap;
  }
  if (!(copy = rk_strdup(s)))
    return RK_ERR_NOMEM;
  l->items[l->n++] = copy;
  return RK_OK;
}

int
rk_strlist_find(const RkStrList *l, const char *s)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i], s) == 0)
      return (int)i;
  return -1;
}

RkStatus
rk_strlist_add_unique(RkStrList *l, const char *s)
{
  return rk_strlist_find(l, s) >= 0 ? RK_OK : rk_strlist_add(l, s);
}

/* ------------------------------------------------------------ UTF-8 */

size_t
rk_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
  const unsigned char *s = (const unsigned char *)str;
  uint32_t c;
  size_t   len;

  if (n == 0)
    return 0;
  if (s[0] < 0x80) { *cp = s[0]; return 1; }
  if (s[0] < 0xC2) return 0;
  if (s[0] < 0xE0) { len = 2; c = s[0] & 0x1F; }
  else if (s[0] < 0xF0) { len = 3; c = s[0] & 0x0F; }
  else if (s[0] < 0xF5) { len = 4; c = s[0] & 0x07; }
  else return 0;
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  /* overlong forms, surrogates and values past U+10FFFF are invalid */
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
      (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return len;
}

size_t
rk_utf8_encode(uint32_t cp, char *out)
{
  unsigned char *o = (unsigned char *)out;

  if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) { o[0] = 0xC0 | (cp >> 6); o[1] = 0x80 | (cp & 0x3F); return 2; }
  if (cp < 0x10000) {
    o[0] = 0xE0 | (cp >> 12); o[1] = 0x80 | ((cp >> 6) & 0x3F); o[2] = 0x80 | (cp & 0x3F);
    return 3;
  }
  o[0] = 0xF0 | (cp >> 18); o[1] = 0x80 | ((cp >> 12) & 0x3F);
  o[2] = 0x80 | ((cp >> 6) & 0x3F); o[3] = 0x80 | (cp & 0x3F);
  return 4;
}

size_t
rk_utf8_validate(const char *s, size_t n)
{
  size_t   i = 0, k;
  uint32_t cp;

  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i += rk_ascii_span(s + i, n - i);
      continue;
    }
    if (!(k = rk_utf8_decode(s + i, n - i, &cp)))
      return i;
    i += k;
  }
  return n;
}

size_t
rk_utf8_count(const char *s, size_t n)
{
  size_t count = n, i = 0;

  /* evidence offsets count from the start of the text: eight bytes at a
   * time, less each continuation byte (10xxxxxx) */
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (!(w & 0x8080808080808080ULL))
      continue;  /* ASCII, most of the text: no continuation byte */
    w = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;  /* 1 in each continuation byte */
    count -= (size_t)((w * 0x0101010101010101ULL) >> 56);
  }
  for (; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) == 0x80)
      count--;
  return count;
}

/* Base letters of the Latin blocks, one character per code point. */
static const char latin1_base[64 + 1] =
  "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";
static const char latin_ext_a[128 + 1] =
  "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlL"
  "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static const char latin_viet[90 + 1] =  /* U+1EA0 .. U+1EF9 */
  "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOo"
  "UuUuUuUuUuUuUuYyYyYyYy";

uint32_t
rk_unaccent(uint32_t cp)
{
  if (cp >= 0xC0 && cp <= 0xFF)
    return (uint32_t)(unsigned char)latin1_base[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F)
    return (uint32_t)(unsigned char)latin_ext_a[cp - 0x100];
  if (cp >= 0x1CD && cp <= 0x1DC)
    return (uint32_t)(unsigned char)"AaIiOoUuUuUuUuUu"[cp - 0x1CD];
  if (cp >= 0x218 && cp <= 0x21B)
    return (uint32_t)(unsigned char)"SsTt"[cp - 0x218];
  if (cp >= 0x1EA0 && cp <= 0x1EF9)
    return (uint32_t)(unsigned char)latin_viet[cp - 0x1EA0];
  return 0;
}

/* rk_fold's output for ASCII bytes: the lower-cased letter or digit, 0 for
 * a separator (any other ASCII byte).  Bytes >= 0x80 are fold_next's. */
static const unsigned char ascii_fold[128] = {
  ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
  ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
  ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
  ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
  ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
  ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
  ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
  ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
  ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
  ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* Is cp a letter or digit that belongs in a key or folded name?  ASCII
 * alphanumerics, accented Latin, and every letter outside the Latin and
 * punctuation blocks (CJK, Cyrillic, Greek ...) count. */
static int
is_name_char(uint32_t cp)
{
  if (cp < 0x80)
    return ascii_fold[cp] != 0;
  if (rk_unaccent(cp))
    return 1;
  if (cp < 0x370)            /* Latin-1 symbols, spacing modifiers, combining marks */
    return 0;
  if (cp >= 0x2000 && cp <= 0x2BFF)  /* punctuation, arrows, symbols, stars */
    return 0;
  if (cp >= 0x3000 && cp <= 0x303F)  /* CJK punctuation */
    return 0;
  if (cp >= 0xFE00 && cp <= 0xFE6F)
    return 0;
  if (cp >= 0xFF00 && cp <= 0xFF0F)
    return 0;
  if (cp >= 0x1F000)         /* emoji and pictographs */
    return 0;
  return 1;
}

/* Shared body of rk_key and rk_fold: fold each letter, put @p sep between
 * runs of letters.  @p pct: percent-encode what is not ASCII (for IRIs).
 * Written in place: no code point's form is longer than its UTF-8 (three
 * times that when percent-encoded), and a separator stands for at least
 * one byte that produced nothing. */
static char *
fold_with(const char *s, char sep, int pct)
{
  size_t   n = strlen(s), i = 0, o = 0, k;
  char    *out = rk_malloc((pct ? 3 * n : n) + 1);
  uint32_t cp;
  int      pending = 0;

  if (!out)
    return NULL;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {  /* the common case: a table look-up, no decoding */
      i++;
      if (!ascii_fold[c]) {
        pending = 1;
        continue;
      }
      if (pending && o)
        out[o++] = sep;
      pending  = 0;
      out[o++] = (char)ascii_fold[c];
      continue;
    }
    if (!(k = rk_utf8_decode(s + i, n - i, &cp))) {
      i++;
      continue;
    }
    i += k;
    if (cp == 0xDF || cp == 0x1E9E) {  /* sharp s folds to "ss" */
      if (pending && o)
        out[o++] = sep;
      pending  = 0;
      out[o++] = 's';
      out[o++] = 's';
      continue;
    }
    if (!is_name_char(cp)) {
      /* an apostrophe inside a word joins it ("d'os" stays one word) only
       * in fold form, where the scorer turns it into a space anyway */
      pending = 1;
      continue;
    }
    if (pending && o)
      out[o++] = sep;
    pending = 0;
    if (rk_unaccent(cp)) {
      out[o++] = (char)tolower((int)rk_unaccent(cp));
      if (cp == 0xC6 || cp == 0xE6 || cp == 0x152 || cp == 0x153)
        out[o++] = 'e';
    } else {
      char   u[4];
      size_t len = rk_utf8_encode(cp, u);
      for (size_t j = 0; j < len; j++) {
        if (pct) {
          static const char hex[] = "0123456789ABCDEF";
          out[o++] = '%';
          out[o++] = hex[(unsigned char)u[j] >> 4];
          out[o++] = hex[(unsigned char)u[j] & 15];
        } else {
          out[o++] = u[j];
        }
      }
    }
  }
  out[o] = '\0';
  return out;
}

char *rk_key(const char *s) { return s ? fold_with(s, '-', 1) : NULL; }
char *rk_fold(const char *s) { return s ? fold_with(s, ' ', 0) : NULL; }

/* rk_fold's output one byte at a time, so that two names can be compared
 * without building either (extraction compares names by the thousand, and
 * most differ in their first letter).  Mirrors fold_with(s, ' ', 0). */
typedef struct {
  const char *s;       /* the name */
  size_t      n, i;    /* its length, the next byte to read */
  int         pending; /* a separator is owed before the next letter */
  int         any;     /* something was produced: separators may follow */
  char        out[6];  /* bytes produced by the last code point */
  int         nout, k; /* how many, and how many were taken */
} FoldCursor;

static int
fold_next(FoldCursor *c)
{
  while (c->k == c->nout) {
    uint32_t cp;
    size_t   len;

    c->k = c->nout = 0;
    if (c->i >= c->n)
      return -1;
    if ((unsigned char)c->s[c->i] < 0x80) {  /* the common case, as rk_utf8_decode does it */
      cp  = (unsigned char)c->s[c->i];
      len = 1;
    } else if (!(len = rk_utf8_decode(c->s + c->i, c->n - c->i, &cp))) {
      c->i++;
      continue;
    }
    c->i += len;
    if (cp != 0xDF && cp != 0x1E9E && !is_name_char(cp)) {
      c->pending = 1;
      continue;
    }
    if (c->pending && c->any)
      c->out[c->nout++] = ' ';
    c->pending = 0;
    c->any     = 1;
    if (cp == 0xDF || cp == 0x1E9E) {
      c->out[c->nout++] = 's';
      c->out[c->nout++] = 's';
    } else if (cp < 0x80 || rk_unaccent(cp)) {
      c->out[c->nout++] = (char)tolower((int)(cp < 0x80 ? cp : rk_unaccent(cp)));
      if (cp == 0xC6 || cp == 0xE6 || cp == 0x152 || cp == 0x153)
        c->out[c->nout++] = 'e';
    } else {
      c->nout += (int)rk_utf8_encode(cp, c->out + c->nout);
    }
  }
  return (unsigned char)c->out[c->k++];
}

size_t
rk_ascii_span(const char *s, size_t n)
{
  size_t   i = 0;
  uint64_t w;

  while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL)))
    i += 8;
  while (i < n && (unsigned char)s[i] < 0x80)
    i++;
  return i;
}

void
rk_ascii_lower(char *s, size_t n)
{
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  size_t         i = 0;

  for (; i + 8 <= n; i += 8) {
    uint64_t w, low7, ge_a, gt_z;
    memcpy(&w, s + i, 8);
    /* per byte, in its high bit: >= 'A', > 'Z' (bytes >= 0x80 are masked out) */
    low7 = w & ~highs;
    ge_a = low7 + ones * (0x80 - 'A');
    gt_z = low7 + ones * (0x80 - 'Z' - 1);
    w |= ((ge_a & ~gt_z & ~w & highs) >> 2);  /* 0x80 >> 2 is the case bit 0x20 */
    memcpy(s + i, &w, 8);
  }
  for (; i < n; i++)
    s[i] = (char)(s[i] | (rk_isupper((unsigned char)s[i]) << 5));
}

#define FOLD_NOT_ASCII (-2)  /* ascii_fold_next met a byte >= 0x80 */

/* fold_next for names made of ASCII, which is nearly all of them: the
 * next output byte of s[0..n), -1 at the end (n bytes or a NUL), or
 * FOLD_NOT_ASCII.  Its state lives in the caller's locals. */
static inline int
ascii_fold_next(const char *s, size_t n, size_t *i, int *pending, int *any)
{
  for (;;) {
    unsigned char b = *i < n ? (unsigned char)s[*i] : 0;
    if (!b)
      return -1;
    if (b >= 0x80)
      return FOLD_NOT_ASCII;
    if (!ascii_fold[b]) {
      *pending = 1;
      (*i)++;
      continue;
    }
    if (*pending && *any) {
      *pending = 0;
      return ' ';
    }
    *pending = 0;
    *any     = 1;
    (*i)++;
    return ascii_fold[b];
  }
}

/* rk_fold_equal for names with a byte >= 0x80: compare from the start,
 * decoding UTF-8.  Kept apart so the ASCII loop stays small. */
static __attribute__((noinline)) int
fold_equal_decoding(const char *a, size_t na, const char *b, size_t nb)
{
  FoldCursor ca = { a, strnlen(a, na), 0, 0, 0, { 0 }, 0, 0 };
  FoldCursor cb = { b, strnlen(b, nb), 0, 0, 0, { 0 }, 0, 0 };

  for (;;) {
    int x = fold_next(&ca), y = fold_next(&cb);
    if (x != y)
      return 0;
    if (x < 0)
      return ca.any;
  }
}

/* rk_fold_equal past its first-letter test. */
static __attribute__((noinline)) int
fold_equal_ascii(const char *a, size_t na, const char *b, size_t nb)
{
  size_t ia = 0, ib = 0;
  int    pa = 0, pb = 0, anya = 0, anyb = 0;

  /* the ASCII bytes both names share from the start fold alike: step over
   * them at once, with the state the fold would have after them */
  while (ia < na && ia < nb && a[ia] == b[ia] && (unsigned char)a[ia] - 1u < 0x7Fu) {
    unsigned char f = ascii_fold[(unsigned char)a[ia++]];
    anya |= f != 0;
    pa = !f;
  }
  ib = ia, pb = pa, anyb = anya;
  /* ASCII in place: most names compared differ in their first letter */
  for (;;) {
    int x = ascii_fold_next(a, na, &ia, &pa, &anya), y = ascii_fold_next(b, nb, &ib, &pb, &anyb);
    if (x == FOLD_NOT_ASCII || y == FOLD_NOT_ASCII)
      return fold_equal_decoding(a, na, b, nb);
    if (x != y)
      return 0;
    if (x < 0)
      return anya;
  }
}

int
rk_fold_equal(const char *a, size_t na, const char *b, size_t nb)
{
  unsigned char fa = na ? (unsigned char)a[0] : 0, fb = nb ? (unsigned char)b[0] : 0;

  /* most names compared differ in their first letter, which each folds
   * to itself when it is an ASCII letter or digit: tell them apart here,
   * before any state is set up */
  if (fa < 0x80 && fb < 0x80 && ascii_fold[fa] && ascii_fold[fb] && ascii_fold[fa] != ascii_fold[fb])
    return 0;
  return fold_equal_ascii(a, na, b, nb);
}

/* ------------------------------------------------------------ hashing */

static const uint32_t sha_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(uint32_t h[8], const unsigned char *p)
{
  uint32_t w[64], a, b, c, d, e, f, g, hh;

  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
           (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
    uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

/* The same compression with the x86 SHA extensions (every document is
 * hashed whole, and the portable rounds were 5% of an extraction).  The
 * state is kept as the instructions want it: ABEF and CDGH. */
__attribute__((target("sha,sse4.1")))
static void
sha256_block_ni(uint32_t h[8], const unsigned char *p)
{
  const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i       w[4], msg, tmp, abef, cdgh, abef0, cdgh0;

  tmp  = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);  /* CDAB */
  cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);  /* EFGH */
  abef = _mm_alignr_epi8(tmp, cdgh, 8);
  cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);
  abef0 = abef;
  cdgh0 = cdgh;
  for (int g = 0; g < 16; g++) {  /* four rounds each */
    if (g < 4)
      w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), swap);
    msg  = _mm_add_epi32(w[g % 4], _mm_loadu_si128((const __m128i *)&sha_k[4 * g]));
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
    if (g >= 3 && g <= 14)  /* the schedule's words for the next four rounds */
      w[(g + 1) % 4] = _mm_sha256msg2_epu32(
        _mm_add_epi32(w[(g + 1) % 4], _mm_alignr_epi8(w[g % 4], w[(g + 3) % 4], 4)), w[g % 4]);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(msg, 0x0E));
    if (g >= 1 && g <= 12)
      w[(g + 3) % 4] = _mm_sha256msg1_epu32(w[(g + 3) % 4], w[g % 4]);
  }
  abef = _mm_add_epi32(abef, abef0);
  cdgh = _mm_add_epi32(cdgh, cdgh0);
  tmp  = _mm_shuffle_epi32(abef, 0x1B);            /* FEBA */
  cdgh = _mm_shuffle_epi32(cdgh, 0xB1);            /* DCHG */
  _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, cdgh, 0xF0));  /* DCBA */
  _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(cdgh, tmp, 8));     /* HGFE */
}

/* Does the processor have the SHA extensions (and SSE4.1)?  Asked once;
 * an atomic so that reader threads may ask together. */
static int
have_sha_ni(void)
{
  static int known = -1;  /* read and written through __atomic builtins only */
  int                k = __atomic_load_n(&known, __ATOMIC_RELAXED);
  unsigned           a, b, c, d;

  if (k < 0) {
    k = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) && (c & bit_SSSE3) &&
        __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
    __atomic_store_n(&known, k, __ATOMIC_RELAXED);
  }
  return k;
}
#else
static void sha256_block_ni(uint32_t h[8], const unsigned char *p) { sha256_block(h, p); }
static int  have_sha_ni(void) { return 0; }
#endif

void
rk_sha256_hex(const void *data, size_t n, char hex[65])
{
  void (*block)(uint32_t *, const unsigned char *) = have_sha_ni() ? sha256_block_ni : sha256_block;
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const unsigned char *p = data;
  unsigned char tail[128];
  size_t   full = n / 64 * 64, rest = n - full, tlen;
  uint64_t bits = (uint64_t)n * 8;

  for (size_t i = 0; i < full; i += 64)
    block(h, p + i);
  memset(tail, 0, sizeof tail);
  if (rest)
    memcpy(tail, p + full, rest);
  tail[rest] = 0x80;
  tlen = rest + 9 <= 64 ? 64 : 128;
  for (int i = 0; i < 8; i++)
    tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
  for (size_t i = 0; i < tlen; i += 64)
    block(h, tail + i);
  for (int i = 0; i < 8; i++)
    snprintf(hex + 8 * i, 9, "%08x", h[i]);
}

uint64_t
rk_hash64(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  const uint64_t       prime = 1099511628211ULL;
  uint64_t             h = 14695981039346656037ULL;  /* FNV-1a offset basis */
  size_t               i = 0;

  /* four bytes a round: the same chain of steps, a quarter of the loop tests */
  for (; i + 4 <= n; i += 4) {
    h = (h ^ p[i]) * prime;
    h = (h ^ p[i + 1]) * prime;
    h = (h ^ p[i + 2]) * prime;
    h = (h ^ p[i + 3]) * prime;
  }
  switch (n - i) {  /* the last zero to three, without a loop: most keys are short words */
  case 3: h = (h ^ p[i++]) * prime; /* fallthrough */
  case 2: h = (h ^ p[i++]) * prime; /* fallthrough */
  case 1: h = (h ^ p[i]) * prime;   /* fallthrough */
  default: break;
  }
  return h;
}
