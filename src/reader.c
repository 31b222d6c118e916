/* reader.c - stage 1: bytes on disk (or stdin) to one UTF-8 RkDoc.
 * Refuses what is not text, converts the encoding to UTF-8 (iconv, plus a
 * Windows-1252 table), repairs UTF-8-read-as-Windows-1252 mojibake and
 * normalises spaces and line ends.  HTML is rendered with libxml2 (only this
 * file includes it) to one block a line; the page's own structure is kept
 * as hints and its metadata as RkDocMeta.  Owns the RkDoc it returns. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include "reviewkg/reader.h"

#define MIB                ((size_t)1 << 20)
#define JSONLD_MAX         (4 * MIB)  /* bigger ld+json blocks are dropped */
#define FRONT_MATTER_LINES 60         /* the closing "---" must come this early */
#define CHARSET_SCAN       4096       /* where a <meta charset> may be */
#define LIBXML_MAX_DEPTH   256        /* libxml2 stops deeper without XML_PARSE_HUGE */
#define NO_START           ((size_t)-1)

void
rk_read_limits_default(RkReadLimits *lim)
{
  lim->max_bytes = 64 * MIB;
  lim->max_line  = 1 * MIB;
  lim->max_depth = 256;
}

/* NULL limits, and each zero field, mean the default. */
static RkReadLimits
effective_limits(const RkReadLimits *lim)
{
  RkReadLimits def, l;

  rk_read_limits_default(&def);
  if (!lim)
    return def;
  l = *lim;
  if (!l.max_bytes) l.max_bytes = def.max_bytes;
  if (!l.max_line)  l.max_line  = def.max_line;
  if (l.max_depth <= 0) l.max_depth = def.max_depth;
  return l;
}

void
rk_doc_free(RkDoc *doc)
{
  if (!doc)
    return;
  free(doc->path);
  free(doc->text);
  free(doc->meta.url);
  free(doc->meta.title);
  free(doc->meta.author);
  free(doc->meta.site_name);
  free(doc->meta.date);
  rk_strlist_clear(&doc->meta.jsonld);
  free(doc->hints);
  free(doc);
}

/* ------------------------------------------------------------ plain runs */

/* Most input is ASCII prose that no pass changes; the passes below skip
 * it sixteen (SSE2) or eight bytes at a time and look at the other bytes
 * one by one. */

/* Plain bytes: printable ASCII and '\n', which normalisation keeps and no
 * check counts against the text. */
static int
is_plain(unsigned char c)
{
  return (c >= 0x20 && c < 0x7F) || c == '\n';
}

#ifdef __SSE2__
/* A bit for each of the 16 bytes at @p s that is not plain (signed
 * compare: bytes from 0x80 up are negative, below the space). */
static unsigned
unplain_16(const char *s)
{
  __m128i c  = _mm_loadu_si128((const __m128i *)s);
  __m128i ok = _mm_andnot_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(0x7F)), _mm_cmpgt_epi8(c, _mm_set1_epi8(0x1F)));

  ok = _mm_or_si128(ok, _mm_cmpeq_epi8(c, _mm_set1_epi8('\n')));
  return (unsigned)_mm_movemask_epi8(ok) ^ 0xFFFFu;
}
#else
#define ALL_BYTES(b) (0x0101010101010101ULL * (b))
#define LOW7         ALL_BYTES(0x7F)
#define HIGH_BITS    ALL_BYTES(0x80)

static uint64_t
load64(const char *s)
{
  uint64_t w;

  memcpy(&w, s, 8);
  return w;
}

/* The top bit of each byte of @p w that is not plain (exact: no carry
 * crosses a byte, as each sum stays below 0x100). */
static uint64_t
unplain_bytes(uint64_t w)
{
  uint64_t below_space = ~(((w & LOW7) + ALL_BYTES(0x60)) | w) & HIGH_BITS;
  uint64_t high_or_del = (((w & LOW7) + ALL_BYTES(0x01)) | w) & HIGH_BITS;
  uint64_t x = w ^ ALL_BYTES('\n');
  uint64_t newline = ~(((x & LOW7) + LOW7) | x) & HIGH_BITS;

  return (below_space & ~newline) | high_or_del;
}
#endif

/* Length of the run of plain bytes at the start of @p s[0..n). */
static size_t
plain_prefix(const char *s, size_t n)
{
  size_t i = 0;

#ifdef __SSE2__
  if (n >= 16) {
    /* the last block overlaps the one before: its bytes before i passed */
    for (;; i += 16) {
      unsigned stop;
      if (i + 16 > n)
        i = n - 16;
      if ((stop = unplain_16(s + i)))
        return i + (size_t)__builtin_ctz(stop);
      if (i + 16 == n)
        return n;
    }
  }
#else
  while (i + 8 <= n && !unplain_bytes(load64(s + i)))
    i += 8;
#endif
  while (i < n && is_plain((unsigned char)s[i]))
    i++;
  return i;
}

/* An in-place rewrite keeps @p k bytes at read offset *@p r: they move to
 * write offset *@p w (which never passes *@p r) and both advance. */
static void
keep_run(char *s, size_t *r, size_t *w, size_t k)
{
  if (*w != *r)
    memmove(s + *w, s + *r, k);
  *w += k;
  *r += k;
}

/* ------------------------------------------------------------ refusing non-text */

static const struct {
  const char *magic;
  size_t      len;
  const char *what;
} magics[] = {
  { "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
  { "GIF87a", 6, "a GIF image" },
  { "GIF89a", 6, "a GIF image" },
  { "\xff\xd8\xff", 3, "a JPEG image" },
  { "%PDF-", 5, "a PDF document" },
  { "\x1f\x8b", 2, "gzip-compressed data" },
  { "PK\x03\x04", 4, "a zip archive (or an office document)" },
  { "PK\x05\x06", 4, "an empty zip archive" },
  { "\x7f" "ELF", 4, "an ELF executable" },
};

static int
is_utf16_bom(const unsigned char *s, size_t n)
{
  return n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

/* Refuse what cannot be a review: nothing at all, known binary formats, NUL
 * bytes (which only UTF-16 may contain, and only with a BOM), or a high share
 * of control bytes.  Whitespace-only input is refused after decoding.  The
 * first @p plain bytes are known to be plain (plain_prefix). */
static RkStatus
refuse_non_text(const char *path, const unsigned char *s, size_t n, size_t plain, const RkLog *log)
{
  const unsigned char *nul;
  size_t               controls = 0;

  if (n == 0) {
    rk_log(log, RK_LOG_ERROR, path, "the file is empty; there is nothing to read");
    return RK_ERR_INPUT;
  }
  for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
    if (n >= magics[i].len && memcmp(s, magics[i].magic, magics[i].len) == 0) {
      rk_log(log, RK_LOG_ERROR, path, "the file is %s, not text; "
             "pass the review as HTML or plain text", magics[i].what);
      return RK_ERR_INPUT;
    }
  if (is_utf16_bom(s, n))
    return RK_OK;
  if ((nul = memchr(s + plain, 0, n - plain))) {
    rk_log(log, RK_LOG_ERROR, path,
           "NUL byte at offset %zu: binary data, or UTF-16 without a byte-order mark; "
           "convert the file to UTF-8 text", (size_t)(nul - s));
    return RK_ERR_INPUT;
  }
  for (size_t i = plain; (i += plain_prefix((const char *)s + i, n - i)) < n; i++)
    if ((s[i] < 0x20 && !strchr("\t\n\r\f\v\x1b", s[i])) || s[i] == 0x7F)
      controls++;
  if (controls * 10 > n) {
    rk_log(log, RK_LOG_ERROR, path,
           "%zu of %zu bytes are control characters, so this looks like binary data; "
           "pass the review as HTML or plain text", controls, n);
    return RK_ERR_INPUT;
  }
  return RK_OK;
}

/* ------------------------------------------------------------ format */

static int
has_html_extension(const char *path)
{
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

  if (!dot || (slash && dot < slash))
    return 0;
  return !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml");
}

/* Case-insensitive search for an ASCII @p needle in the first @p n bytes. */
static const char *
find_ascii_ci(const char *s, size_t n, const char *needle)
{
  size_t k = strlen(needle);
  int    first = (unsigned char)needle[0] | 0x20;  /* a filter: strncasecmp decides */

  if (k > n)
    return NULL;
  if (!rk_isalpha((unsigned char)needle[0])) {  /* "<html": only that very byte can start it */
    for (const char *p = s, *last = s + n - k; p <= last && (p = memchr(p, needle[0], (size_t)(last - p) + 1)); p++)
      if (strncasecmp(p, needle, k) == 0)
        return p;
    return NULL;
  }
  for (size_t i = 0; i + k <= n; i++)
    if (((unsigned char)s[i] | 0x20) == first && strncasecmp(s + i, needle, k) == 0)
      return s + i;
  return NULL;
}

/* HTML if it starts (after BOM and whitespace) like a page, or names <html>
 * or <body> in its first kilobyte. */
static int
looks_like_html(const char *s, size_t n)
{
  static const char *starts[] = { "<!doctype html", "<html", "<head", "<body" };
  size_t i = 0;

  if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && strchr(" \t\r\n\f", s[i]))
    i++;
  for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
    if (n - i >= strlen(starts[k]) && strncasecmp(s + i, starts[k], strlen(starts[k])) == 0)
      return 1;
  n = n < 1024 ? n : 1024;
  return find_ascii_ci(s, n, "<html") || find_ascii_ci(s, n, "<body");
}

/* ------------------------------------------------------------ encodings */

/* Windows-1252 0x80-0x9F.  The five unassigned bytes map to the C1 controls,
 * as browsers do; normalisation then drops them. */
static const uint16_t cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };

/* By table rather than iconv: glibc's CP1252 rejects the unassigned bytes,
 * and this is the fallback, which must never fail. */
static RkStatus
decode_cp1252(const unsigned char *s, size_t n, char **out, size_t *out_n)
{
  char *d = rk_malloc(n * 3 + 1);
  size_t w = 0;

  if (!d)
    return RK_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = s[i];
    if (cp >= 0x80 && cp <= 0x9F)
      cp = cp1252_high[cp - 0x80];
    w += rk_utf8_encode(cp, d + w);
  }
  d[w] = '\0';
  *out = d;
  *out_n = w;
  return RK_OK;
}

/* Convert from @p from to UTF-8 with iconv.  Leaves *out NULL (and returns
 * RK_OK) when the bytes do not convert cleanly or iconv lacks @p from. */
static RkStatus
decode_iconv(const char *from, const char *in, size_t n, char **out, size_t *out_n)
{
  iconv_t  cd = iconv_open("UTF-8", from);
  size_t   cap = n * 2 + 16, left_in = n, left_out, used;
  char    *buf = NULL, *inp = (char *)in, *outp, *grown;
  RkStatus st = RK_OK;

  *out = NULL;
  if (cd == (iconv_t)-1)
    return errno == ENOMEM ? RK_ERR_NOMEM : RK_OK;
  if (!(buf = rk_malloc(cap))) {
    st = RK_ERR_NOMEM;
    goto done;
  }
  outp = buf;
  left_out = cap - 1;
  while (left_in && iconv(cd, &inp, &left_in, &outp, &left_out) == (size_t)-1) {
    if (errno != E2BIG)
      goto done;  /* invalid or truncated sequence: not clean */
    used = (size_t)(outp - buf);
    cap *= 2;
    if (!(grown = rk_realloc(buf, cap))) {
      st = RK_ERR_NOMEM;
      goto done;
    }
    buf = grown;
    outp = buf + used;
    left_out = cap - used - 1;
  }
  *outp = '\0';
  *out_n = (size_t)(outp - buf);
  *out = buf;
  buf = NULL;
done:
  free(buf);
  iconv_close(cd);
  return st;
}

/* Charset labels we honour in <meta>, with the iconv name we report.  As in
 * browsers (WHATWG Encoding), Latin-1 and ASCII labels mean Windows-1252.
 * A fixed list, so a page cannot hand iconv arbitrary names. */
static const struct {
  const char *label;
  const char *name;
} charsets[] = {
  { "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
  { "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
  { "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
  { "latin1", "windows-1252" }, { "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
  { "iso-8859-2", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
  { "iso-8859-5", "ISO-8859-5" }, { "iso-8859-7", "ISO-8859-7" },
  { "iso-8859-9", "ISO-8859-9" }, { "iso-8859-15", "ISO-8859-15" },
  { "windows-1250", "windows-1250" }, { "windows-1251", "windows-1251" },
  { "windows-1253", "windows-1253" }, { "windows-1254", "windows-1254" },
  { "windows-1257", "windows-1257" },
  { "koi8-r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
  { "shift_jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" }, { "euc-jp", "EUC-JP" },
  { "iso-2022-jp", "ISO-2022-JP" }, { "gb2312", "GB18030" }, { "gbk", "GB18030" },
  { "gb18030", "GB18030" }, { "big5", "BIG5" }, { "euc-kr", "EUC-KR" },
  { "macintosh", "MACINTOSH" },
};

/* The charset label of the first <meta ... charset=...> in the page's
 * head, which covers both <meta charset> and http-equiv content-type. */
static int
declared_charset(const char *s, size_t n, char *label, size_t size)
{
  const char *p = s, *end = s + (n < CHARSET_SCAN ? n : CHARSET_SCAN), *tag_end, *cs;
  size_t      k = 0;

  while ((p = find_ascii_ci(p, (size_t)(end - p), "<meta"))) {
    tag_end = memchr(p, '>', (size_t)(end - p));
    if (!tag_end)
      return 0;
    if ((cs = find_ascii_ci(p, (size_t)(tag_end - p), "charset"))) {
      cs += 7;
      while (cs < tag_end && strchr(" \t\r\n=\"'", *cs))
        cs++;
      while (cs < tag_end && k + 1 < size && (isalnum((unsigned char)*cs) || strchr("-_:.", *cs)))
        label[k++] = *cs++;
      label[k] = '\0';
      return k > 0;
    }
    p = tag_end;
  }
  return 0;
}

static const char *
charset_name(const char *label)
{
  for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
    if (!strcasecmp(label, charsets[i].label))
      return charsets[i].name;
  return NULL;
}

/* Raw bytes to NUL-terminated UTF-8: a BOM decides; else valid UTF-8 is
 * kept; else an HTML page's declared charset if it converts cleanly; else
 * Windows-1252.  @p enc gets the static name of what was used. */
static RkStatus
decode_input(const char *path, const char *raw, size_t n, int html, const RkLog *log,
             char **out, size_t *out_n, const char **enc)
{
  const unsigned char *u = (const unsigned char *)raw;
  char                 label[40];
  const char          *name;
  RkStatus             st;

  if (is_utf16_bom(u, n)) {
    *enc = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    if ((st = decode_iconv(*enc, raw + 2, n - 2, out, out_n)))
      return st;
    if (!*out) {
      rk_log(log, RK_LOG_ERROR, path, "invalid %s (odd length or unpaired surrogate); "
             "re-save the file as UTF-8", *enc);
      return RK_ERR_INPUT;
    }
    if (strlen(*out) != *out_n) {
      rk_log(log, RK_LOG_ERROR, path, "the %s text contains NUL characters; "
             "convert the file to UTF-8 text without them", *enc);
      free(*out);
      *out = NULL;
      return RK_ERR_INPUT;
    }
    return RK_OK;
  }
  if (n >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0) {
    raw += 3;
    n -= 3;
  }
  if (rk_utf8_validate(raw, n) == n) {
    *enc = "UTF-8";
    *out_n = n;
    return (*out = rk_strndup(raw, n)) ? RK_OK : RK_ERR_NOMEM;
  }
  if (html && declared_charset(raw, n, label, sizeof label)) {
    name = charset_name(label);
    if (name && strcmp(name, "UTF-8") && strcmp(name, "windows-1252")) {
      if ((st = decode_iconv(name, raw, n, out, out_n)))
        return st;
      if (*out) {
        *enc = name;
        return RK_OK;
      }
    }
    if (!name || strcmp(name, "windows-1252"))
      rk_log(log, RK_LOG_WARN, path, "the page declares charset \"%s\" but is not valid in it; "
             "reading it as windows-1252", label);
  }
  *enc = "windows-1252";
  return decode_cp1252(u, n, out, out_n);
}

/* ------------------------------------------------------------ mojibake */

/* The Windows-1252 (or Latin-1) byte that decodes to @p cp, or -1. */
static int
cp1252_byte(uint32_t cp)
{
  if (cp >= 0x80 && cp <= 0xFF)
    return (int)cp;
  for (int i = 0; i < 32; i++)
    if (cp1252_high[i] == cp)
      return 0x80 + i;
  return -1;
}

/* Which repaired characters we accept, by the mojibake lead character.
 * Narrow on purpose: Latin letters and symbols, typographic punctuation,
 * currency, letterlike symbols, emoji and the BOM; anything else is more
 * likely real text (e.g. "RENÉ’S" must stay). */
static int
plausible_repair(unsigned char lead, uint32_t cp)
{
  switch (lead) {
  case 0xC2: case 0xC3: case 0xC4: case 0xC5:  /* Â Ã Ä Å */
    return cp >= 0xA0 && cp <= 0x17F;
  case 0xE2:                                   /* â */
    return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
           (cp >= 0x2100 && cp <= 0x214F);
  case 0xEF:                                   /* ï */
    return cp == 0xFEFF;
  case 0xF0:                                   /* ð */
    return cp >= 0x1F000 && cp <= 0x1FAFF;
  }
  return 0;
}

/* One pass of repairing UTF-8 that was decoded as Windows-1252 and encoded
 * again ("Ã©" for "é", "â€™" for "’"), in place: a repair is always shorter.
 * Returns how many sequences were repaired. */
static size_t
repair_mojibake_pass(char *s, size_t *len)
{
  size_t   n = *len, r = 0, w = 0, repairs = 0, k, pos, need;
  uint32_t cp, fixed;
  unsigned char bytes[4];
  int      b;

  while (r < n) {
    if ((unsigned char)s[r] < 0x80) {  /* ASCII is never part of a repair */
      keep_run(s, &r, &w, rk_ascii_span(s + r, n - r));
      continue;
    }
    if (!(k = rk_utf8_decode(s + r, n - r, &cp)))
      k = 1, cp = 0xFFFD;
    need = cp == 0xC2 || cp == 0xC3 || cp == 0xC4 || cp == 0xC5 ? 2 :
           cp == 0xE2 || cp == 0xEF ? 3 : cp == 0xF0 ? 4 : 0;
    if (need) {
      size_t i = 1, kk;
      bytes[0] = (unsigned char)cp;
      for (pos = r + k; i < need; i++, pos += kk) {
        uint32_t c;
        if (!(kk = rk_utf8_decode(s + pos, n - pos, &c)) || (b = cp1252_byte(c)) < 0x80 || b > 0xBF)
          break;
        bytes[i] = (unsigned char)b;
      }
      if (i == need && rk_utf8_decode((char *)bytes, need, &fixed) == need &&
          plausible_repair(bytes[0], fixed)) {
        memcpy(s + w, bytes, need);
        w += need;
        r = pos;
        repairs++;
        continue;
      }
    }
    memmove(s + w, s + r, k);
    w += k;
    r += k;
  }
  s[w] = '\0';
  *len = w;
  return repairs;
}

/* Repair mojibake, up to three layers deep (text that went through the
 * mistake twice reads "Ã¢â‚¬â„¢" for "’"). */
static void
repair_mojibake(char *s, size_t *len, const char *path, const RkLog *log)
{
  size_t total = 0, k;

  for (int pass = 0; pass < 3 && (k = repair_mojibake_pass(s, len)); pass++)
    total += k;
  if (total)
    rk_log(log, RK_LOG_INFO, path, "repaired %zu mojibake sequence(s) (UTF-8 read as windows-1252)",
           total);
}

/* ------------------------------------------------------------ normalisation */

typedef enum { CH_KEEP, CH_SPACE, CH_BREAK, CH_DROP } CharClass;

/* What normalisation does with one code point.  Form feed and vertical tab
 * separate words, so they become spaces rather than vanishing; the soft
 * hyphen is invisible and would split names ("Spiel\u00ADberg"). */
static CharClass
classify(uint32_t cp)
{
  if (cp >= 0x20 && cp < 0x7F)  /* printable ASCII, nearly every call */
    return cp == ' ' ? CH_SPACE : CH_KEEP;
  if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
    return CH_BREAK;
  if (cp == '\t' || cp == '\f' || cp == '\v' || cp == ' ')
    return CH_SPACE;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
    return CH_DROP;
  if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
      cp == 0x205F || cp == 0x3000)
    return CH_SPACE;
  if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
    return CH_DROP;
  /* noncharacters are never text, and raptor's N-Triples parser refuses
   * U+FFFE and U+FFFF in a literal, so output holding one would not load */
  if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
    return CH_DROP;
  return CH_KEEP;
}

/* Plain text in place: CRLF and CR to LF, Unicode spaces and tabs to ' ',
 * zero-width and control characters dropped.  Never lengthens the text. */
static void
normalise_text(char *s, size_t *len)
{
  size_t   n = *len, r = 0, w = 0, k;
  uint32_t cp;

  while (r < n) {
    if (is_plain((unsigned char)s[r])) {  /* kept as it is */
      keep_run(s, &r, &w, plain_prefix(s + r, n - r));
      continue;
    }
    if (s[r] == '\r') {
      s[w++] = '\n';
      r += (r + 1 < n && s[r + 1] == '\n') ? 2 : 1;
      continue;
    }
    if ((unsigned char)s[r] >= 0x20 && (unsigned char)s[r] < 0x7F) {  /* printable ASCII: CH_KEEP */
      s[w++] = s[r++];
      continue;
    }
    if (!(k = rk_utf8_decode(s + r, n - r, &cp))) {
      r++;  /* cannot happen after decoding; skip rather than trust it */
      continue;
    }
    switch (classify(cp)) {
    case CH_KEEP:  memmove(s + w, s + r, k); w += k; break;
    case CH_SPACE: s[w++] = ' '; break;
    case CH_BREAK: s[w++] = '\n'; break;
    case CH_DROP:  break;
    }
    r += k;
  }
  s[w] = '\0';
  *len = w;
}

static int
is_blank(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\n')
      return 0;
  return 1;
}

/* Refuse blank text and lines over the limit (a sign of a blob, and a cost
 * for every later stage that scans a line). */
static RkStatus
refuse_bad_text(const char *path, const char *s, size_t n, const RkReadLimits *lim,
                const char *what, const RkLog *log)
{
  size_t line = 1, start = 0;

  if (is_blank(s, n)) {
    rk_log(log, RK_LOG_ERROR, path, "%s contains only whitespace; there is nothing to read", what);
    return RK_ERR_INPUT;
  }
  for (;;) {
    const char *nl  = memchr(s + start, '\n', n - start);
    size_t      end = nl ? (size_t)(nl - s) : n;
    if (end - start > lim->max_line) {
      rk_log(log, RK_LOG_ERROR, path, "line %zu of %s is %zu bytes, over the %zu-byte line limit; "
             "this is not prose (or raise the limit)", line, what, end - start, lim->max_line);
      return RK_ERR_INPUT;
    }
    if (!nl)
      return RK_OK;
    line++;
    start = end + 1;
  }
}

/* ------------------------------------------------------------ front matter */

/* Copy @p s[0..n) without surrounding spaces and matching quotes into *slot,
 * unless the slot is already filled or the value is empty. */
static RkStatus
set_trimmed(char **slot, const char *s, size_t n)
{
  while (n && *s == ' ')
    s++, n--;
  while (n && s[n - 1] == ' ')
    n--;
  if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
    s++, n -= 2;
  if (*slot || n == 0)
    return RK_OK;
  return (*slot = rk_strndup(s, n)) ? RK_OK : RK_ERR_NOMEM;
}

/* YAML front matter: "---" on the first line, "key: value" lines, and a
 * closing "---" within FRONT_MATTER_LINES lines.  Only flat keys we know are
 * read; the block stays in the text for the zoner to mark. */
static RkStatus
read_front_matter(RkDoc *doc)
{
  const char *p = doc->text, *nl, *colon, *close = NULL;
  RkDocMeta  *m = &doc->meta;
  RkStatus    st;

  if (strncmp(p, "---\n", 4))
    return RK_OK;
  p += 4;
  for (int i = 0; i < FRONT_MATTER_LINES && *p && !close; i++) {
    nl = strchr(p, '\n');
    if ((nl ? (size_t)(nl - p) : strlen(p)) == 3 && !strncmp(p, "---", 3))
      close = p;
    p = nl ? nl + 1 : p + strlen(p);
  }
  for (p = doc->text + 4; close && p < close; p = nl + 1) {
    char  key[16];
    size_t k;
    char **slot = NULL;

    nl = strchr(p, '\n');
    if (!(colon = memchr(p, ':', (size_t)(nl - p))) || (k = (size_t)(colon - p)) >= sizeof key)
      continue;
    memcpy(key, p, k);
    key[k] = '\0';
    if (!strcasecmp(key, "title"))       slot = &m->title;
    else if (!strcasecmp(key, "author")) slot = &m->author;
    else if (!strcasecmp(key, "date"))   slot = &m->date;
    else if (!strcasecmp(key, "url") || !strcasecmp(key, "link") || !strcasecmp(key, "canonical"))
      slot = &m->url;
    if (slot && (st = set_trimmed(slot, colon + 1, (size_t)(nl - colon - 1))))
      return st;
  }
  return RK_OK;
}

/* ------------------------------------------------------------ HTML rendering */

enum { E_BLOCK = 1, E_QUIET = 2, E_BR = 4, E_PRE = 8, E_ROW = 16, E_CELL = 32 };

/* How elements render.  Quiet elements are still walked (for <title>,
 * <meta> and JSON-LD) but add no text. */
static const struct {
  const char *name;
  int         flags;
} elements[] = {
  { "address", E_BLOCK }, { "article", E_BLOCK }, { "aside", E_BLOCK },
  { "blockquote", E_BLOCK }, { "body", E_BLOCK }, { "br", E_BR }, { "caption", E_BLOCK },
  { "center", E_BLOCK }, { "dd", E_BLOCK }, { "details", E_BLOCK }, { "dialog", E_BLOCK },
  { "div", E_BLOCK }, { "dl", E_BLOCK }, { "dt", E_BLOCK }, { "fieldset", E_BLOCK },
  { "figcaption", E_BLOCK }, { "figure", E_BLOCK }, { "footer", E_BLOCK }, { "form", E_BLOCK },
  { "h1", E_BLOCK }, { "h2", E_BLOCK }, { "h3", E_BLOCK }, { "h4", E_BLOCK },
  { "h5", E_BLOCK }, { "h6", E_BLOCK }, { "header", E_BLOCK }, { "hgroup", E_BLOCK },
  { "hr", E_BLOCK }, { "html", E_BLOCK }, { "legend", E_BLOCK }, { "li", E_BLOCK },
  { "main", E_BLOCK }, { "menu", E_BLOCK }, { "nav", E_BLOCK }, { "ol", E_BLOCK },
  { "p", E_BLOCK }, { "pre", E_BLOCK | E_PRE }, { "section", E_BLOCK }, { "summary", E_BLOCK },
  { "table", E_BLOCK }, { "tbody", E_BLOCK }, { "tfoot", E_BLOCK }, { "thead", E_BLOCK },
  { "tr", E_BLOCK | E_ROW }, { "ul", E_BLOCK }, { "td", E_CELL }, { "th", E_CELL },
  { "audio", E_QUIET }, { "button", E_QUIET }, { "canvas", E_QUIET }, { "datalist", E_QUIET },
  { "embed", E_QUIET }, { "head", E_QUIET }, { "iframe", E_QUIET }, { "img", E_QUIET },
  { "input", E_QUIET }, { "noscript", E_QUIET }, { "object", E_QUIET }, { "script", E_QUIET },
  { "select", E_QUIET }, { "style", E_QUIET }, { "svg", E_QUIET }, { "template", E_QUIET },
  { "textarea", E_QUIET }, { "title", E_QUIET }, { "video", E_QUIET },
};

static int
element_flags(const char *name)
{
  for (size_t i = 0; i < sizeof elements / sizeof elements[0]; i++)
    if (elements[i].name[0] == name[0] && !strcmp(name, elements[i].name))
      return elements[i].flags;
  return 0;
}

/* The value of attribute @p name; "" for a bare attribute like `hidden`;
 * NULL when absent.  Points into the tree.  libxml2's HTML parser stores
 * each value as one text node with entities already decoded. */
static const char *
attr(const xmlNode *n, const char *name)
{
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (!strcasecmp((const char *)a->name, name))
      return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

/* hidden, aria-hidden="true", or an inline style with display:none. */
static int
is_hidden(const xmlNode *n)
{
  const char *aria = attr(n, "aria-hidden"), *style = attr(n, "style");

  if (attr(n, "hidden") || (aria && !strcasecmp(aria, "true")))
    return 1;
  for (const char *p = style; p && (p = find_ascii_ci(p, strlen(p), "display")); ) {
    p += 7;
    p += strspn(p, " \t\r\n");
    if (*p != ':')
      continue;
    p++;
    p += strspn(p, " \t\r\n");
    if (!strncasecmp(p, "none", 4))
      return 1;
  }
  return 0;
}

/* Class/id words per hint kind, tried in this order.  A word matches a class
 * token (or the id) case-insensitively where it starts the token or follows
 * a non-letter: "site-nav", "navbar", "fb-comments" match; "unavailable",
 * "masthead-ad" do not.  Two exceptions keep words with other meanings out:
 * "author" followed by "i" (authorization, authority) and "credits" (a
 * film's credits are content, a photo credit is not). */
static const struct {
  RkHintKind  kind;
  const char *words[11];
} class_words[] = {
  { RK_HINT_COMMENTS, { "comment", "respond", "disqus" } },
  { RK_HINT_NAV, { "nav", "menu", "breadcrumb" } },
  { RK_HINT_ASIDE, { "sidebar", "related", "popular", "recommend", "promo", "newsletter",
                     "share", "social", "ad-", "advert" } },
  { RK_HINT_FOOTER, { "footer" } },
  { RK_HINT_BYLINE, { "byline", "author" } },
  { RK_HINT_CAPTION, { "caption", "credit" } },
};

static int
token_has_word(const char *tok, size_t len, const char *word)
{
  size_t k = strlen(word);

  for (size_t i = 0; i + k <= len; i++) {
    char next = i + k < len ? (char)tolower((unsigned char)tok[i + k]) : '\0';
    if ((i > 0 && isalpha((unsigned char)tok[i - 1])) || strncasecmp(tok + i, word, k))
      continue;
    if ((!strcmp(word, "author") && next == 'i') || (!strcmp(word, "credit") && next == 's'))
      continue;
    return 1;
  }
  return 0;
}

/* Does one token of the space-separated value @p v equal @p word (@p whole)
 * or contain it by the rule above? */
static int
has_token(const char *v, const char *word, int whole)
{
  size_t k;

  if (!v || !*v)  /* most elements lack the attribute */
    return 0;
  k = strlen(word);
  while (*v) {
    size_t len;
    v += strspn(v, " \t\r\n\f");
    len = strcspn(v, " \t\r\n\f");
    if (whole ? len == k && !strncasecmp(v, word, k) : token_has_word(v, len, word))
      return 1;
    v += len;
  }
  return 0;
}

/* The hint an element carries, or -1: its tag first, then ARIA role and
 * rel/itemprop, then class and id.  The page-wide elements (html, body, main,
 * article) carry state classes like "comments-open" and get no class hint. */
static int
element_hint(const xmlNode *n, const char *name)
{
  const char *role = attr(n, "role"), *cls = attr(n, "class"), *id = attr(n, "id");

  if (!strcmp(name, "nav")) return RK_HINT_NAV;
  if (!strcmp(name, "aside")) return RK_HINT_ASIDE;
  if (!strcmp(name, "footer")) return RK_HINT_FOOTER;
  if (!strcmp(name, "h1") || !strcmp(name, "h2") || !strcmp(name, "h3")) return RK_HINT_HEADING;
  if (!strcmp(name, "figcaption")) return RK_HINT_CAPTION;
  if (role && !strcasecmp(role, "navigation")) return RK_HINT_NAV;
  if (role && !strcasecmp(role, "complementary")) return RK_HINT_ASIDE;
  if (role && !strcasecmp(role, "contentinfo")) return RK_HINT_FOOTER;
  if (has_token(attr(n, "rel"), "author", 1) || has_token(attr(n, "itemprop"), "author", 1))
    return RK_HINT_BYLINE;
  if (!strcmp(name, "html") || !strcmp(name, "body") || !strcmp(name, "main") ||
      !strcmp(name, "article") || (!cls && !id))
    return -1;
  for (size_t i = 0; i < sizeof class_words / sizeof class_words[0]; i++)
    for (const char *const *w = class_words[i].words; *w; w++)
      if (has_token(cls, *w, 0) || has_token(id, *w, 0))
        return (int)class_words[i].kind;
  return -1;
}

/* One open element during the walk. */
typedef struct {
  int      hint;     /* RkHintKind, or -1 */
  size_t   start;    /* where its first text went, NO_START until then */
  unsigned quiet : 1, block : 1, pre : 1, article : 1;  /* what it changed on entry */
  int      cells;    /* <tr>: number of <td>/<th> children */
  int      cell_i;   /* <tr>: cells entered so far */
} Frame;

enum { M_URL, M_TITLE, M_AUTHOR, M_SITE, M_DATE, M_COUNT };

/* State of one HTML rendering. */
typedef struct {
  const char   *path;           /* for messages */
  RkReadLimits  lim;
  const RkLog  *log;
  RkBuf         out;            /* the rendered text */
  RkHint       *hints;          /* finished hints, in end order */
  size_t        n_hints, cap_hints;
  Frame        *frames;         /* frames[d]: the open element at depth d */
  size_t        cap_frames;
  int           wait_from;      /* lowest depth with a hint still without text, or -1 */
  int           quiet;          /* > 0: inside an element that renders nothing */
  int           pre;            /* > 0: inside <pre>, line breaks are kept */
  int           in_article;     /* > 0: inside <article>, for <time datetime> */
  int           want_break;     /* a block boundary since the last text */
  int           want_space;     /* whitespace since the last text */
  const char   *sep;            /* table cell separator due before the next text */
  char        **slot[M_COUNT];  /* the RkDocMeta fields */
  int           rank[M_COUNT];  /* source rank of each field's value; lower wins */
} Render;

static int
line_has_text(const Render *r)
{
  return r->out.len && r->out.data[r->out.len - 1] != '\n';
}

/* Emit what is pending before the next text: a line break for a block
 * boundary, then a cell separator or a single space, never at a line start. */
static RkStatus
flush_pending(Render *r)
{
  RkStatus st = RK_OK;
  int      text = line_has_text(r);

  if (r->want_break && text) {
    st = rk_buf_putc(&r->out, '\n');
    text = 0;
  }
  if (!st && text && r->sep)  /* "Director:" + ": " would double the colon */
    st = rk_buf_puts(&r->out, r->out.data[r->out.len - 1] == ':' ? " " : r->sep);
  else if (!st && text && r->want_space)
    st = rk_buf_putc(&r->out, ' ');
  r->want_break = r->want_space = 0;
  r->sep = NULL;
  return st;
}

/* <br> and line ends in <pre>: end the line, allowing at most one blank line. */
static RkStatus
hard_break(Render *r)
{
  RkStatus st = RK_OK;

  if (line_has_text(r) || (r->out.len && !(r->out.len >= 2 && r->out.data[r->out.len - 2] == '\n')))
    st = rk_buf_putc(&r->out, '\n');
  r->want_break = r->want_space = 0;
  r->sep = NULL;
  return st;
}

/* Text of a text node; @p top is the depth of its parent element. */
static RkStatus
render_text(Render *r, const char *s, int top)
{
  size_t   n = strlen(s), i = 0, k;
  uint32_t cp;
  RkStatus st;

  if (r->quiet)
    return RK_OK;
  for (; i < n; i += k) {
    if ((unsigned char)s[i] < 0x80)  /* ASCII decodes to itself */
      cp = (unsigned char)s[i], k = 1;
    else if (!(k = rk_utf8_decode(s + i, n - i, &cp))) {
      k = 1;
      continue;
    }
    if (cp == '\r' && s[i + 1] == '\n')  /* libxml2 keeps CRLF in HTML text */
      continue;
    switch (classify(cp)) {
    case CH_KEEP:
      if ((st = flush_pending(r)))
        return st;
      for (int d = r->wait_from; d >= 0 && d <= top; d++)  /* hints waiting for text start here */
        if (r->frames[d].hint >= 0 && r->frames[d].start == NO_START)
          r->frames[d].start = r->out.len;
      r->wait_from = -1;
      /* the rest of a word: nothing is pending now, so each following
       * printable ASCII byte would only be appended */
      while (i + k < n && (unsigned char)(s[i + k] - 0x21) < 0x7F - 0x21)
        k++;
      if ((st = rk_buf_append(&r->out, s + i, k)))
        return st;
      break;
    case CH_BREAK:  /* kept in <pre>, elsewhere a line end is a space */
      if (r->pre) {
        if ((st = hard_break(r)))
          return st;
        break;
      }
      /* fall through */
    case CH_SPACE:
      r->want_space = 1;
      break;
    case CH_DROP:
      break;
    }
  }
  return RK_OK;
}

/* Concatenated text children of @p n (for <title> and <script>). */
static RkStatus
child_text(const xmlNode *n, RkBuf *b)
{
  RkStatus st;

  for (const xmlNode *c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
        (st = rk_buf_puts(b, (const char *)c->content)))
      return st;
  return RK_OK;
}

/* Offer @p value for metadata field @p field from a source of rank @p rank;
 * it replaces a value from a worse (higher) rank.  Whitespace is collapsed
 * and an empty value is no value. */
static RkStatus
offer_meta(Render *r, int field, int rank, const char *value)
{
  RkBuf    b;
  size_t   n, i, k;
  uint32_t cp;
  int      space = 0;

  if (!value || rank >= r->rank[field])
    return RK_OK;
  rk_buf_init(&b);
  for (n = strlen(value), i = 0; i < n; i += k) {
    if (!(k = rk_utf8_decode(value + i, n - i, &cp))) {
      k = 1;
      continue;
    }
    switch (classify(cp)) {
    case CH_KEEP:
      if ((space && b.len && rk_buf_putc(&b, ' ')) || rk_buf_append(&b, value + i, k)) {
        rk_buf_clear(&b);
        return RK_ERR_NOMEM;
      }
      space = 0;
      break;
    case CH_SPACE: case CH_BREAK: space = 1; break;
    case CH_DROP: break;
    }
  }
  if (b.len) {
    free(*r->slot[field]);
    *r->slot[field] = rk_buf_steal(&b);
    r->rank[field] = rank;
  }
  return RK_OK;
}

/* <meta name|property=... content=...> keys we read, with their rank. */
static const struct {
  const char *key;
  int         field, rank;
} meta_keys[] = {
  { "og:url", M_URL, 1 },  /* <link rel=canonical> is rank 0 */
  { "og:title", M_TITLE, 1 },  /* <title> is rank 0 */
  { "author", M_AUTHOR, 0 }, { "article:author", M_AUTHOR, 1 },
  { "og:site_name", M_SITE, 0 }, { "application-name", M_SITE, 1 },
  { "article:published_time", M_DATE, 0 }, { "date", M_DATE, 1 },
  /* <time datetime> inside <article> is M_DATE rank 2 */
};

static int
is_url(const char *s)
{
  return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) || !strncmp(s, "//", 2);
}

/* Metadata from the element itself: title, meta, link, time, JSON-LD. */
static RkStatus
collect_meta(Render *r, const xmlNode *n, const char *name, RkDocMeta *meta)
{
  RkBuf       b;
  RkStatus    st = RK_OK;
  const char *key, *content, *type;

  if (!strcmp(name, "meta")) {
    key = attr(n, "property");
    key = key ? key : attr(n, "name");
    content = attr(n, "content");
    for (size_t i = 0; key && content && i < sizeof meta_keys / sizeof meta_keys[0]; i++)
      if (!strcasecmp(key, meta_keys[i].key) &&
          !(meta_keys[i].field == M_AUTHOR && is_url(content)))
        return offer_meta(r, meta_keys[i].field, meta_keys[i].rank, content);
    return RK_OK;
  }
  if (!strcmp(name, "link") && has_token(attr(n, "rel"), "canonical", 1))
    return offer_meta(r, M_URL, 0, attr(n, "href"));
  if (!strcmp(name, "time"))
    return r->in_article ? offer_meta(r, M_DATE, 2, attr(n, "datetime")) : RK_OK;
  if (!strcmp(name, "title") && n->parent && n->parent->name &&
      !strcmp((const char *)n->parent->name, "head")) {
    rk_buf_init(&b);
    if (!(st = child_text(n, &b)))
      st = offer_meta(r, M_TITLE, 0, b.data);
    rk_buf_clear(&b);
    return st;
  }
  if (!strcmp(name, "script") && (type = attr(n, "type")) &&
      !strncasecmp(type + strspn(type, " "), "application/ld+json", 19)) {
    rk_buf_init(&b);
    if (!(st = child_text(n, &b)) && b.len > JSONLD_MAX)
      rk_log(r->log, RK_LOG_WARN, r->path, "dropped a JSON-LD block of %zu bytes (over %zu)",
             b.len, JSONLD_MAX);
    else if (!st && b.len && !is_blank(b.data, b.len))
      st = rk_strlist_add(&meta->jsonld, b.data);
    rk_buf_clear(&b);
  }
  return st;
}

static int
count_cells(const xmlNode *tr)
{
  int cells = 0;

  for (const xmlNode *c = tr->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE &&
        (!strcmp((const char *)c->name, "td") || !strcmp((const char *)c->name, "th")))
      cells++;
  return cells;
}

static RkStatus
enter_element(Render *r, const xmlNode *n, int depth, RkDocMeta *meta)
{
  const char *name = (const char *)n->name;
  int         flags = element_flags(name);
  Frame      *f;
  RkStatus    st;

  /* depth counts from 0 at <html>; the limit counts elements from 1 */
  if (depth + 1 > r->lim.max_depth) {
    rk_log(r->log, RK_LOG_ERROR, r->path, "HTML elements nest more than %d deep: a broken or "
           "hostile page; refused (fix the markup or raise the depth limit)", r->lim.max_depth);
    return RK_ERR_INPUT;
  }
  if ((size_t)depth >= r->cap_frames) {
    size_t cap = r->cap_frames ? r->cap_frames * 2 : 64;
    Frame *frames = rk_realloc(r->frames, cap * sizeof *frames);
    if (!frames)
      return RK_ERR_NOMEM;
    r->frames = frames;
    r->cap_frames = cap;
  }
  f = &r->frames[depth];
  memset(f, 0, sizeof *f);
  f->hint = -1;
  f->start = NO_START;
  if ((st = collect_meta(r, n, name, meta)))
    return st;
  if (!strcmp(name, "article")) {
    f->article = 1;
    r->in_article++;
  }
  if ((flags & E_QUIET) || is_hidden(n)) {
    f->quiet = 1;
    r->quiet++;
  }
  if (r->quiet)
    return RK_OK;
  if (flags & E_PRE) {
    f->pre = 1;
    r->pre++;
  }
  if (flags & E_BLOCK) {
    f->block = 1;
    r->want_break = 1;
  }
  if ((flags & E_BR) && (st = hard_break(r)))
    return st;
  if (flags & E_ROW)
    f->cells = count_cells(n);
  /* cells of one row share a line: "Director: X" for two, commas for more;
   * stray cells outside a <tr> at least do not run together */
  if (flags & E_CELL)
    r->want_space = 1;
  if ((flags & E_CELL) && depth > 0 && r->frames[depth - 1].cells &&
      ++r->frames[depth - 1].cell_i > 1)
    r->sep = r->frames[depth - 1].cells == 2 ? ": " : ", ";
  if ((f->hint = element_hint(n, name)) >= 0 && r->wait_from < 0)
    r->wait_from = depth;
  return RK_OK;
}

static RkStatus
leave_element(Render *r, int depth)
{
  Frame *f = &r->frames[depth];
  size_t end = r->out.len;

  if (f->hint >= 0 && f->start != NO_START) {
    while (end > f->start && r->out.data[end - 1] == '\n')
      end--;
    if (r->n_hints == r->cap_hints) {
      size_t  cap = r->cap_hints ? r->cap_hints * 2 : 16;
      RkHint *hints = rk_realloc(r->hints, cap * sizeof *hints);
      if (!hints)
        return RK_ERR_NOMEM;
      r->hints = hints;
      r->cap_hints = cap;
    }
    r->hints[r->n_hints++] = (RkHint){ (RkHintKind)f->hint, f->start, end };
  } else if (r->wait_from == depth) {
    r->wait_from = -1;  /* it rendered nothing; deeper waiters are gone already */
  }
  if (f->block)
    r->want_break = 1;
  r->quiet -= f->quiet;
  r->pre -= f->pre;
  r->in_article -= f->article;
  return RK_OK;
}

/* Walk the tree without recursion, so nesting cannot exhaust the stack;
 * enter_element refuses depth over the limit. */
static RkStatus
render_tree(Render *r, xmlNode *n, RkDocMeta *meta)
{
  int      depth = 0;
  RkStatus st;

  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      if ((st = enter_element(r, n, depth, meta)))
        return st;
      if (n->children) {
        n = n->children;
        depth++;
        continue;
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
               (st = render_text(r, (const char *)n->content, depth - 1))) {
      return st;
    }
    for (;;) {  /* leave n, and every parent whose last child it was */
      if (n->type == XML_ELEMENT_NODE && (st = leave_element(r, depth)))
        return st;
      if (n->next) {
        n = n->next;
        break;
      }
      if (depth == 0)
        return RK_OK;
      n = n->parent;
      depth--;
    }
  }
  return RK_OK;
}

static int
compare_hints(const void *a, const void *b)
{
  const RkHint *x = a, *y = b;

  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;  /* outer first */
  return (int)x->kind - (int)y->kind;
}

/* libxml2's HTML parser knows no internal DTD subset: it renders
 * `<!DOCTYPE html [<!ENTITY ...>]>` as text (which then looks like the
 * headline) and never expands the entities, so an entity-expansion trick
 * only pollutes the text.  Blank the subset out, in place, before parsing. */
static void
drop_internal_subset(char *html, size_t n)
{
  const char *doctype = find_ascii_ci(html, n < CHARSET_SCAN ? n : CHARSET_SCAN, "<!doctype");
  char       *open, *close, *gt;

  if (!doctype)
    return;
  open = memchr(doctype, '[', n - (size_t)(doctype - html));
  gt = memchr(doctype, '>', n - (size_t)(doctype - html));
  if (!open || (gt && gt < open))
    return;
  for (close = open + 1; (size_t)(close - html) < n; close++) {
    char *p = close + 1;
    if (*close != ']')
      continue;
    while ((size_t)(p - html) < n && *p && strchr(" \t\r\n", *p))
      p++;
    if ((size_t)(p - html) < n && *p == '>') {
      memset(open, ' ', (size_t)(close - open) + 1);
      return;
    }
  }
}

/* Parse UTF-8 @p html with libxml2 and render it into @p doc. */
/* Recovered parse errors of real pages are not worth a message each. */
static void
quiet_parser_error(void *ctx, xmlErrorPtr error)
{
  (void)ctx;
  (void)error;
}

static RkStatus
read_html(RkDoc *doc, const char *html, size_t n, const RkReadLimits *lim, const RkLog *log)
{
  htmlParserCtxtPtr ctxt = NULL;
  htmlDocPtr        tree = NULL;
  RkStatus          st = RK_ERR_NOMEM;
  Render            r;
  int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;

  memset(&r, 0, sizeof r);
  r.path = doc->path;
  r.lim = *lim;
  r.log = log;
  r.wait_from = -1;
  rk_buf_init(&r.out);
  r.slot[M_URL] = &doc->meta.url;
  r.slot[M_TITLE] = &doc->meta.title;
  r.slot[M_AUTHOR] = &doc->meta.author;
  r.slot[M_SITE] = &doc->meta.site_name;
  r.slot[M_DATE] = &doc->meta.date;
  for (int i = 0; i < M_COUNT; i++)
    r.rank[i] = INT_MAX;
  /* libxml2 silently stops building the tree below 256 levels; then the
   * truncated tree is 257 deep and our own check refuses it.  Only a caller
   * who allows more needs XML_PARSE_HUGE. */
  if (lim->max_depth > LIBXML_MAX_DEPTH)
    opts |= XML_PARSE_HUGE;
  if (n > INT_MAX) {
    rk_log(log, RK_LOG_ERROR, doc->path, "the page is %zu bytes, too large for the HTML parser", n);
    st = RK_ERR_INPUT;
    goto done;
  }
  xmlInitParser();
  if (!(ctxt = htmlNewParserCtxt()))
    goto done;
  /* An HTML context reports through libxml2's (thread-local) structured
   * handler, which raptor points at its own logger; take the parser's
   * complaints about ordinary pages ("Tag nav invalid") ourselves, and
   * put the handler back afterwards. */
  {
    xmlStructuredErrorFunc saved_fn  = xmlStructuredError;
    void                  *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(NULL, quiet_parser_error);
    tree = htmlCtxtReadMemory(ctxt, html, (int)n, doc->path, "UTF-8", opts);
    xmlSetStructuredErrorFunc(saved_ctx, saved_fn);
  }
  /* already UTF-8: telling libxml2 so makes it ignore the page's <meta charset> */
  if (!tree) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    if (e && e->code == XML_ERR_NO_MEMORY)
      goto done;
    rk_log(log, RK_LOG_ERROR, doc->path, "cannot parse the HTML: %s",
           e && e->message ? e->message : "unknown error");
    st = RK_ERR_PARSE;
    goto done;
  }
  if ((st = render_tree(&r, tree->children, &doc->meta)))
    goto done;
  while (r.out.len && r.out.data[r.out.len - 1] == '\n')
    r.out.data[--r.out.len] = '\0';
  if (r.out.len && (st = rk_buf_putc(&r.out, '\n')))
    goto done;
  if ((st = refuse_bad_text(doc->path, r.out.data ? r.out.data : "", r.out.len, lim,
                            "the rendered page", log)))
    goto done;
  if (r.n_hints)
    qsort(r.hints, r.n_hints, sizeof *r.hints, compare_hints);
  doc->len = r.out.len;
  doc->text = rk_buf_steal(&r.out);
  doc->hints = r.hints;
  doc->n_hints = r.n_hints;
  r.hints = NULL;
done:
  xmlFreeDoc(tree);
  htmlFreeParserCtxt(ctxt);
  rk_buf_clear(&r.out);
  free(r.hints);
  free(r.frames);
  return st;
}

/* ------------------------------------------------------------ entry points */

RkStatus
rk_doc_from_memory(const char *name, const char *bytes, size_t n, const RkReadLimits *limits,
                   const RkLog *log, RkDoc **out)
{
  RkReadLimits lim = effective_limits(limits);
  RkStatus     st = RK_ERR_NOMEM;
  RkDoc       *doc = NULL;
  char        *text = NULL;
  size_t       len = 0, plain;
  int          html;

  if (!out || (!bytes && n))
    return RK_ERR_BAD_ARG;
  name = name ? name : "-";
  bytes = bytes ? bytes : "";
  if (!(doc = rk_calloc(1, sizeof *doc)) || !(doc->path = rk_strdup(name)))
    goto done;
  rk_strlist_init(&doc->meta.jsonld);
  rk_sha256_hex(bytes, n, doc->sha256);
  if (n > lim.max_bytes) {
    rk_log(log, RK_LOG_ERROR, name, "the input is %zu bytes, over the %zu-byte limit; "
           "split it or raise the limit", n, lim.max_bytes);
    st = RK_ERR_INPUT;
    goto done;
  }
  plain = plain_prefix(bytes, n);
  if ((st = refuse_non_text(name, (const unsigned char *)bytes, n, plain, log)))
    goto done;
  html = has_html_extension(name) || looks_like_html(bytes, n);
  if (plain == n) {
    /* printable ASCII and newlines (most reviews): valid UTF-8 without a
     * BOM, no mojibake, already normal; decoding would only copy it */
    doc->encoding = "UTF-8";
    len = n;
    if (!(text = rk_strndup(bytes, n))) {
      st = RK_ERR_NOMEM;
      goto done;
    }
  } else {
    if ((st = decode_input(name, bytes, n, html, log, &text, &len, &doc->encoding)))
      goto done;
    html = html || looks_like_html(text, len);  /* UTF-16 pages sniff only now */
    repair_mojibake(text, &len, name, log);
  }
  if (html) {
    doc->format = RK_FORMAT_HTML;
    drop_internal_subset(text, len);
    st = read_html(doc, text, len, &lim, log);
  } else {
    doc->format = RK_FORMAT_TEXT;
    if (plain != n)
      normalise_text(text, &len);
    if (!(st = refuse_bad_text(name, text, len, &lim, "the file", log))) {
      doc->text = text;
      doc->len = len;
      text = NULL;
      st = read_front_matter(doc);
    }
  }
  if (st)
    goto done;
  *out = doc;
  doc = NULL;
done:
  free(text);
  rk_doc_free(doc);
  return st;
}

/* Read all of @p fd, refusing more than @p max bytes.  @p size_hint is the
 * size fstat reported (0 for pipes); a regular file is read to that size. */
static RkStatus
slurp(int fd, const char *path, size_t max, size_t size_hint, const RkLog *log,
      char **out, size_t *out_n)
{
  size_t   cap = (size_hint ? size_hint : 65536) + 1, n = 0, want;
  char    *buf = rk_malloc(cap), *grown;
  ssize_t  got;
  RkStatus st = RK_ERR_NOMEM;

  if (!buf)
    goto done;
  for (;;) {
    if (n == cap) {
      cap *= 2;
      if (!(grown = rk_realloc(buf, cap)))
        goto done;
      buf = grown;
    }
    want = cap - n;
    if (n + want > max + 1)  /* one byte past the limit tells "at" from "over" */
      want = max + 1 - n;
    if ((got = read(fd, buf + n, want)) < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      rk_log(log, RK_LOG_ERROR, path, "cannot read: %s", strerror(errno));
      st = RK_ERR_IO;
      goto done;
    }
    if (got == 0)
      break;
    n += (size_t)got;
    if (size_hint && n == size_hint)
      break;  /* all fstat saw: no read just to be told the end */
    if (n > max) {
      rk_log(log, RK_LOG_ERROR, path, "the input is over the %zu-byte limit; "
             "split it or raise the limit", max);
      st = RK_ERR_INPUT;
      goto done;
    }
  }
  *out = buf;
  *out_n = n;
  buf = NULL;
  st = RK_OK;
done:
  free(buf);
  return st;
}

RkStatus
rk_doc_read(const char *path, const RkReadLimits *limits, const RkLog *log, RkDoc **out)
{
  RkReadLimits lim = effective_limits(limits);
  struct stat  sb;
  RkStatus     st = RK_ERR_IO;
  char        *bytes = NULL;
  size_t       n = 0;
  int          fd = -1, is_stdin;

  if (!path || !out)
    return RK_ERR_BAD_ARG;
  is_stdin = !strcmp(path, "-");
  if ((fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)) < 0) {
    rk_log(log, RK_LOG_ERROR, path, "cannot open: %s", strerror(errno));
    goto done;
  }
  if (fstat(fd, &sb) < 0) {
    rk_log(log, RK_LOG_ERROR, path, "cannot stat: %s", strerror(errno));
    goto done;
  }
  if (S_ISDIR(sb.st_mode)) {
    rk_log(log, RK_LOG_ERROR, path, "cannot read: %s; pass a file", strerror(EISDIR));
    goto done;
  }
  if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > lim.max_bytes) {
    rk_log(log, RK_LOG_ERROR, path, "the file is %lld bytes, over the %zu-byte limit; "
           "split it or raise the limit", (long long)sb.st_size, lim.max_bytes);
    st = RK_ERR_INPUT;
    goto done;
  }
  if ((st = slurp(fd, path, lim.max_bytes, S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0, log,
                  &bytes, &n)))
    goto done;
  st = rk_doc_from_memory(path, bytes, n, &lim, log, out);
done:
  if (fd >= 0 && !is_stdin)
    close(fd);
  free(bytes);
  return st;
}
