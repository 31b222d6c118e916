/* util.h - growable buffers, string lists, UTF-8 and hashing helpers.
 *
 * Everything here is pure computation on memory the caller owns; no I/O.
 * Allocation goes through rk_malloc & co so tests can inject failures.
 */
#ifndef REVIEWKG_UTIL_H
#define REVIEWKG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "reviewkg/status.h"

/* ---- allocation (a hook lets unit tests make the n-th call fail) ---- */
void *rk_malloc(size_t n);
void *rk_calloc(size_t n, size_t size);
void *rk_realloc(void *p, size_t n);
/** Returned string is the caller's to free(); NULL on NULL input or no memory. */
char *rk_strdup(const char *s);
char *rk_strndup(const char *s, size_t n);
/** Make the @p nth allocation from now fail (0 turns the hook off). Tests only. */
void rk_alloc_fail_after(long nth);

/* ---- growable byte buffer, always NUL-terminated ---- */
typedef struct {
  char  *data;   /* NUL-terminated contents, NULL until the first append */
  size_t len;    /* bytes used, excluding the NUL */
  size_t cap;    /* bytes allocated */
} RkBuf;
void     rk_buf_init(RkBuf *b);
void     rk_buf_clear(RkBuf *b);             /* frees the storage */
void     rk_buf_reset(RkBuf *b);             /* empties, keeps the storage */
RkStatus rk_buf_append(RkBuf *b, const char *s, size_t n);
RkStatus rk_buf_puts(RkBuf *b, const char *s);
RkStatus rk_buf_putc(RkBuf *b, char c);
RkStatus rk_buf_printf(RkBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
RkStatus rk_buf_vprintf(RkBuf *b, const char *fmt, va_list ap);
/** Hand the contents to the caller (free() it) and leave @p b empty. */
char    *rk_buf_steal(RkBuf *b);

/* ---- arena: many small allocations that live and die together ---- */
typedef struct RkArenaBlock RkArenaBlock;
typedef struct {
  RkArenaBlock *blocks;  /* newest first; NULL when empty */
} RkArena;
/** @p n bytes from the arena (64 KiB blocks; a larger request gets its
 *  own), or NULL without memory.  Not aligned: for strings. */
char    *rk_arena_alloc(RkArena *a, size_t n);
/** Free every block; the arena is empty again. */
void     rk_arena_clear(RkArena *a);

/* ---- list of owned strings ---- */
typedef struct {
  char  **items;  /* each owned by the list */
  size_t  n;
  size_t  cap;
} RkStrList;
void     rk_strlist_init(RkStrList *l);
void     rk_strlist_clear(RkStrList *l);
RkStatus rk_strlist_add(RkStrList *l, const char *s);         /* copies */
RkStatus rk_strlist_add_unique(RkStrList *l, const char *s);  /* copies unless an equal string is there */
int      rk_strlist_find(const RkStrList *l, const char *s);  /* index or -1 */

/* ---- UTF-8 ---- */
/** Decode one code point at @p s (at most @p n bytes).  Returns its length
 *  and stores the code point, or returns 0 for an invalid sequence. */
size_t   rk_utf8_decode(const char *s, size_t n, uint32_t *cp);
/** Encode @p cp into @p out (4 bytes room); returns the length. */
size_t   rk_utf8_encode(uint32_t cp, char *out);
/** Offset of the first invalid byte, or @p n when the whole buffer is valid. */
size_t   rk_utf8_validate(const char *s, size_t n);
/** Number of code points in the first @p n bytes (for character offsets). */
size_t   rk_utf8_count(const char *s, size_t n);
/** Base letter of a Latin code point without its accent, or 0 if none
 *  (é -> e, ß -> s (first of "ss"), Ł -> L, ō -> o). */
uint32_t rk_unaccent(uint32_t cp);

/** Normalised key for names: accents folded, lower case, every run of
 *  other characters one '-', no leading or trailing '-'.  Letters outside
 *  Latin are kept as UTF-8.  Returns a new string (free it) or NULL. */
char    *rk_key(const char *s);
/** Comparison form: accents folded, lower case, punctuation to spaces,
 *  spaces collapsed (the scorer's idea of "the same name"). */
char    *rk_fold(const char *s);
/** Do the first @p na bytes of @p a and the first @p nb of @p b have the
 *  same rk_fold form, and is it not empty?  Allocates nothing. */
int      rk_fold_equal(const char *a, size_t na, const char *b, size_t nb);

/* ---- ASCII character classes ----
 * The program never sets a locale, so <ctype.h> answers for the C locale,
 * where these give the same answers; glibc's macros make a call per byte,
 * and extraction asks several times per byte. */
static inline int rk_isupper(int c) { return (unsigned)c - 'A' < 26; }
static inline int rk_islower(int c) { return (unsigned)c - 'a' < 26; }
static inline int rk_isdigit(int c) { return (unsigned)c - '0' < 10; }
static inline int rk_isalpha(int c) { return rk_isupper(c) || rk_islower(c); }
static inline int rk_isalnum(int c) { return rk_isalpha(c) || rk_isdigit(c); }

/** Does @p lit stand at t[i], within t[0..hi) (case-insensitive, ASCII as
 *  strncasecmp in the C locale)?  Patterns probe every byte of a line, so
 *  this compares in place without measuring @p lit first. */
static inline int
rk_at(const char *t, size_t i, size_t hi, const char *lit)
{
  size_t k;

  if (i >= hi || ((unsigned char)t[i] | 0x20) != ((unsigned char)lit[0] | 0x20))
    return 0;
  for (k = 0; lit[k]; k++) {
    unsigned char a, b = (unsigned char)lit[k];
    if (i + k >= hi)
      return 0;
    a = (unsigned char)t[i + k];
    if (a != b && ((a | 0x20) != (b | 0x20) || (unsigned char)((a | 0x20) - 'a') > 'z' - 'a'))
      return 0;
  }
  return 1;
}

/** Length of the run of ASCII bytes that starts @p s[0..n), 8 bytes a step. */
size_t rk_ascii_span(const char *s, size_t n);

/** Lower-case the ASCII capitals of @p s[0..n) in place, 8 bytes a step. */
void rk_ascii_lower(char *s, size_t n);

/** Mark in @p first the first byte of each phrase of the NULL-terminated
 *  @p list, ASCII case folded as rk_at compares it: a scan can then skip a
 *  byte no phrase starts with (test first[byte | 0x20]). */
static inline void
rk_first_bytes(const char *const *list, unsigned char first[256])
{
  memset(first, 0, 256);
  for (; *list; list++)
    first[(unsigned char)(*list)[0] | 0x20] = 1;
}

/* ---- hashing ---- */
/** SHA-256 of @p n bytes as 64 lower-case hex digits plus NUL in @p hex. */
void     rk_sha256_hex(const void *data, size_t n, char hex[65]);
/** 64-bit FNV-1a; for hash tables, not for identifiers. */
uint64_t rk_hash64(const char *s, size_t n);

#endif
