/* manifest.c - the metadata sidecar: loads and checks a TSV or JSON Lines
 * manifest, then fills the metadata of the documents it lists.
 *
 * Sits beside the reader: the pipeline applies it to each document read.
 * Owns the entries (each field a string of its own) and two sorted
 * indexes over them, by canonical path and by path as written.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <json-c/json.h>
#include "reviewkg/manifest.h"
#include "reviewkg/util.h"

/* Errors reported before the rest are only counted. */
#define MAX_MESSAGES 20

/* The columns (TSV) or keys (JSON Lines) a manifest may hold. */
enum { F_PATH, F_URL, F_PUBLICATION, F_CRITIC, F_DATE, N_FIELDS };
static const char *const field_names[N_FIELDS] = { "path", "url", "publication", "critic", "date" };

typedef struct {
  char  *field[N_FIELDS];  /* owned; NULL: unknown (empty cell) */
  char  *resolved;         /* owned; the path joined to the manifest's directory */
  char  *canon;            /* owned; realpath of resolved, NULL when it names no file */
  size_t line;             /* where the entry is written */
} Entry;

struct RkManifest {
  Entry  *entries;    /* in file order */
  size_t  n, cap;
  Entry **by_canon;   /* entries with a canonical path, sorted by it */
  size_t  n_canon;
  Entry **by_path;    /* every entry, sorted by resolved */
};

/* State of one load: where messages point and how many went out. */
typedef struct {
  const char  *name;     /* the manifest's name in messages */
  const RkLog *log;
  size_t       line;     /* the current line, from 1 */
  char        *dir;      /* owned; the manifest's directory with a '/', or NULL */
  RkStatus     st;       /* the first real error (RK_OK: none yet) */
  size_t       errors;   /* errors seen */
  int          col[64];  /* TSV: the field of each column, -1 for unknown */
  size_t       n_cols;   /* TSV: columns in the header; 0 before it */
  unsigned     warned;   /* JSON Lines: bit per unknown-key warning already given */
  RkManifest  *m;
} Load;

/* ------------------------------------------------------------ messages */

static void
problem(Load *ld, RkStatus st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Log an error at the current line; the first one sets the status. */
static void
problem(Load *ld, RkStatus st, const char *fmt, ...)
{
  char    where[4096 + 32], text[1024];
  va_list ap;

  if (!ld->st)
    ld->st = st;
  if (ld->errors++ >= MAX_MESSAGES)
    return;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  if (ld->line)
    snprintf(where, sizeof where, "%s:%zu", ld->name, ld->line);
  else
    snprintf(where, sizeof where, "%s", ld->name);
  rk_log(ld->log, RK_LOG_ERROR, where, "%s", text);
}

static void
warning(Load *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
warning(Load *ld, const char *fmt, ...)
{
  char    where[4096 + 32], text[1024];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  snprintf(where, sizeof where, "%s:%zu", ld->name, ld->line);
  rk_log(ld->log, RK_LOG_WARN, where, "%s", text);
}

/* ------------------------------------------------------------ values */

/* The first character of @p s (valid UTF-8) that no name may hold: C0 and
 * C1 controls, DEL, and the noncharacters no RDF syntax carries.  Returns
 * its code point, or 0 when there is none. */
static uint32_t
control_character(const char *s, size_t n)
{
  uint32_t cp;
  size_t   k;

  for (size_t i = 0; i < n; i += k) {
    if (!(k = rk_utf8_decode(s + i, n - i, &cp)))
      return 0xFFFD;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE)
      return cp ? cp : 0x2400;  /* NUL is reported as its picture */
  }
  return 0;
}

static int
is_hex(int c)
{
  return isxdigit((unsigned char)c);
}

/* Why @p url is not an absolute http(s) IRI we can mint from, or NULL.
 * Non-ASCII characters are IRI characters (emission percent-encodes them);
 * ASCII ones must be RFC 3986 characters with '%' starting an escape. */
static const char *
url_problem(const char *url)
{
  const char *p, *host;
  int         hashes = 0;

  if (!strncasecmp(url, "http://", 7))
    host = url + 7;
  else if (!strncasecmp(url, "https://", 8))
    host = url + 8;
  else
    return "is not an absolute http:// or https:// IRI";
  if (!*host || strchr("/?#", *host))
    return "has no host";
  for (p = url; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == ' ')
      return "contains a space";
    if (c < 0x20 || c == 0x7F)
      return "contains a control character";
    if (c >= 0x80)
      continue;
    if (strchr("<>\"{}|\\^`", c))
      return "contains a character IRIs forbid";
    if (c == '%' && !(is_hex(p[1]) && is_hex(p[2])))
      return "has a '%' that starts no %XX escape";
    if (c == '#' && hashes++)
      return "has a second '#'";
  }
  return NULL;
}

/* Digits at @p s, exactly @p n of them, as a number; -1 otherwise. */
static int
digits(const char *s, int n)
{
  int v = 0;

  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i]))
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* ISO 8601 as crawlers write it: YYYY, YYYY-MM or YYYY-MM-DD, the last
 * optionally followed by 'T' (or a space) and hh:mm[:ss[.fff]], then
 * optionally Z or +hh:mm / -hh:mm. */
static int
is_iso8601(const char *d)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  size_t n = strlen(d);
  int    y, mo, dd, h, mi, s;

  if ((y = digits(d, 4)) < 0 || (n > 4 && d[4] != '-'))
    return 0;
  if (n == 4)
    return 1;
  if (n < 7 || (mo = digits(d + 5, 2)) < 1 || mo > 12)
    return 0;
  if (n == 7)
    return 1;
  if (d[7] != '-' || n < 10 || (dd = digits(d + 8, 2)) < 1 || dd > days[mo - 1] ||
      (mo == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
    return 0;
  if (n == 10)
    return 1;
  d += 10;
  if ((*d != 'T' && *d != ' ') || (h = digits(d + 1, 2)) < 0 || h > 23 || d[3] != ':' ||
      (mi = digits(d + 4, 2)) < 0 || mi > 59)
    return 0;
  d += 6;
  if (*d == ':') {
    if ((s = digits(d + 1, 2)) < 0 || s > 60)
      return 0;
    d += 3;
    if (*d == '.') {
      if (!isdigit((unsigned char)d[1]))
        return 0;
      for (d++; isdigit((unsigned char)*d); d++)
        ;
    }
  }
  if (*d == 'Z')
    return d[1] == '\0';
  if (*d == '+' || *d == '-')
    return (h = digits(d + 1, 2)) >= 0 && h <= 23 && d[3] == ':' &&
           (mi = digits(d + 4, 2)) >= 0 && mi <= 59 && d[6] == '\0';
  return *d == '\0';
}

/* Check one value of @p field (@p n bytes, not NUL-terminated); trim it
 * and store a copy in @p e, or leave the field NULL when it is empty. */
static void
take_value(Load *ld, Entry *e, int field, const char *s, size_t n)
{
  const char *name = field_names[field];
  uint32_t    cp;
  char       *v, *k;
  const char *why;

  while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (!n)
    return;
  if (e->field[field]) {
    problem(ld, RK_ERR_PARSE, "%s is given twice", name);
    return;
  }
  if (rk_utf8_validate(s, n) != n) {
    problem(ld, RK_ERR_PARSE, "%s is not valid UTF-8", name);
    return;
  }
  if ((cp = control_character(s, n))) {
    problem(ld, RK_ERR_PARSE, "%s contains the control character U+%04X", name, (unsigned)cp);
    return;
  }
  if (!(v = rk_strndup(s, n))) {
    problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
    return;
  }
  switch (field) {
  case F_URL:
    if ((why = url_problem(v)))
      problem(ld, RK_ERR_PARSE, "url '%.200s' %s", v, why);
    else  /* schemes are case-insensitive; the IRI is minted from the lower-case one */
      for (char *c = v; *c != ':'; c++)
        *c = (char)tolower((unsigned char)*c);
    break;
  case F_DATE:
    if (!is_iso8601(v))
      problem(ld, RK_ERR_PARSE, "date '%.200s' is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, "
              "optionally with a time such as 2012-09-20T10:00:00Z)", v);
    break;
  case F_CRITIC:
  case F_PUBLICATION:
    /* a name mints an IRI from its letters and digits: it needs some */
    if (!(k = rk_key(v))) {
      problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
    } else if (!*k) {
      problem(ld, RK_ERR_PARSE, "%s '%.200s' has no letters or digits", name, v);
    }
    free(k);
    break;
  case F_PATH:
    break;
  }
  e->field[field] = v;
}

/* ------------------------------------------------------------ entries */

static void
entry_clear(Entry *e)
{
  for (int f = 0; f < N_FIELDS; f++)
    free(e->field[f]);
  free(e->resolved);
  free(e->canon);
  memset(e, 0, sizeof *e);
}

/* A new, empty entry at the end of the list, or NULL without memory. */
static Entry *
entry_add(Load *ld)
{
  RkManifest *m = ld->m;

  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    Entry *p   = rk_realloc(m->entries, cap * sizeof *p);
    if (!p) {
      problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
      return NULL;
    }
    m->entries = p;
    m->cap     = cap;
  }
  memset(&m->entries[m->n], 0, sizeof *m->entries);
  m->entries[m->n].line = ld->line;
  return &m->entries[m->n++];
}

/* Keep the entry just filled if it has a path and no field was refused;
 * resolve its path against the manifest's directory. */
static void
entry_finish(Load *ld, Entry *e, size_t errors_before)
{
  const char *path = e->field[F_PATH];

  if (!path && ld->errors == errors_before)
    problem(ld, RK_ERR_PARSE, "no path");
  if (ld->errors != errors_before) {
    entry_clear(e);
    ld->m->n--;
    return;
  }
  if (path[0] == '/' || !ld->dir) {
    e->resolved = rk_strdup(path);
  } else if ((e->resolved = rk_malloc(strlen(ld->dir) + strlen(path) + 1))) {
    strcpy(e->resolved, ld->dir);
    strcat(e->resolved, path);
  }
  if (!e->resolved) {
    problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
    entry_clear(e);
    ld->m->n--;
    return;
  }
  /* a file that is not there (yet) is matched by the path as written */
  e->canon = realpath(e->resolved, NULL);
}

/* ------------------------------------------------------------ TSV */

/* The header row: which field each column holds. */
static void
tsv_header(Load *ld, const char *s, size_t n)
{
  size_t seen = 0;

  for (size_t i = 0, start = 0; i <= n; i++) {
    if (i < n && s[i] != '\t')
      continue;
    const char *c = s + start;
    size_t      k = i - start;
    int         f = -1;
    start = i + 1;
    while (k && *c == ' ') { c++; k--; }
    while (k && c[k - 1] == ' ') k--;
    if (ld->n_cols == sizeof ld->col / sizeof ld->col[0]) {
      problem(ld, RK_ERR_PARSE, "more than %zu columns", ld->n_cols);
      return;
    }
    for (int j = 0; j < N_FIELDS; j++)
      if (strlen(field_names[j]) == k && !strncasecmp(c, field_names[j], k))
        f = j;
    if (f >= 0 && (seen & (1u << f)))
      problem(ld, RK_ERR_PARSE, "column '%s' is named twice", field_names[f]);
    else if (f >= 0)
      seen |= 1u << f;
    else if (rk_utf8_validate(c, k) != k || control_character(c, k))
      problem(ld, RK_ERR_PARSE, "column %zu's name is not printable UTF-8", ld->n_cols + 1);
    else
      warning(ld, "unknown column '%.*s' ignored (known: path, url, publication, critic, date)",
              (int)(k > 100 ? 100 : k), c);
    ld->col[ld->n_cols++] = f;
  }
  if (!(seen & (1u << F_PATH)))
    problem(ld, RK_ERR_PARSE, "the header row names no 'path' column (columns: path, url, "
            "publication, critic, date, separated by tabs)");
}

static void
tsv_row(Load *ld, const char *s, size_t n)
{
  size_t fields = 1, before = ld->errors;
  Entry *e;

  for (size_t i = 0; i < n; i++)
    fields += s[i] == '\t';
  if (fields != ld->n_cols) {
    problem(ld, RK_ERR_PARSE, "%zu field%s, the header has %zu", fields, fields == 1 ? "" : "s",
            ld->n_cols);
    return;
  }
  if (!(e = entry_add(ld)))
    return;
  for (size_t i = 0, start = 0, col = 0; i <= n; i++) {
    if (i < n && s[i] != '\t')
      continue;
    if (ld->col[col] >= 0)
      take_value(ld, e, ld->col[col], s + start, i - start);
    col++;
    start = i + 1;
  }
  entry_finish(ld, e, before);
}

static void
tsv_line(Load *ld, const char *s, size_t n)
{
  size_t k = 0;

  while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
  if (k == n || s[k] == '#')
    return;  /* blank lines and comments */
  if (ld->n_cols)
    tsv_row(ld, s, n);
  else
    tsv_header(ld, s, n);
}

/* ------------------------------------------------------------ JSON Lines */

static void
jsonl_line(Load *ld, const char *s, size_t n)
{
  json_tokener *tok;
  json_object  *obj = NULL;
  size_t        k = 0, before = ld->errors, end;
  Entry        *e;

  while (k < n && isspace((unsigned char)s[k])) k++;
  if (k == n)
    return;  /* blank lines */
  if (!(tok = json_tokener_new())) {
    problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
    return;
  }
  obj = json_tokener_parse_ex(tok, s, (int)n);
  end = json_tokener_get_parse_end(tok);
  if (!obj) {
    enum json_tokener_error err = json_tokener_get_error(tok);
    problem(ld, RK_ERR_PARSE, "bad JSON: %s",
            err == json_tokener_continue ? "the object does not end on this line"
                                         : json_tokener_error_desc(err));
    goto done;
  }
  for (k = end; k < n && isspace((unsigned char)s[k]); k++)
    ;
  if (k < n) {
    problem(ld, RK_ERR_PARSE, "bad JSON: more after the object (one object a line)");
    goto done;
  }
  if (!json_object_is_type(obj, json_type_object)) {
    problem(ld, RK_ERR_PARSE, "bad JSON: not an object (one object a line, with the keys path, "
            "url, publication, critic, date)");
    goto done;
  }
  if (!(e = entry_add(ld)))
    goto done;
  json_object_object_foreach(obj, key, val) {
    int f = -1;
    for (int j = 0; j < N_FIELDS; j++)
      if (!strcmp(key, field_names[j]))
        f = j;
    if (f < 0) {
      /* one warning per distinct key would need a set; the first few do */
      if (ld->warned < 5) {
        ld->warned++;
        warning(ld, "unknown key '%.100s' ignored (known: path, url, publication, critic, date)",
                rk_utf8_validate(key, strlen(key)) == strlen(key) && !control_character(key, strlen(key))
                  ? key : "?");
      }
      continue;
    }
    if (json_object_is_type(val, json_type_null))
      continue;  /* unknown, as an empty cell */
    if (!json_object_is_type(val, json_type_string)) {
      problem(ld, RK_ERR_PARSE, "\"%s\" is not a string", field_names[f]);
      continue;
    }
    take_value(ld, e, f, json_object_get_string(val), (size_t)json_object_get_string_len(val));
  }
  entry_finish(ld, e, before);
done:
  json_object_put(obj);
  json_tokener_free(tok);
}

/* ------------------------------------------------------------ indexes */

static int
by_canon(const void *a, const void *b)
{
  const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
  int          c = strcmp(x->canon, y->canon);

  return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
by_path(const void *a, const void *b)
{
  const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
  int          c = strcmp(x->resolved, y->resolved);

  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sort the indexes; two entries for one document are an error naming
 * both lines (the second takes the message's place). */
static void
index_entries(Load *ld)
{
  RkManifest *m = ld->m;

  if (!m->n)
    return;
  if (!(m->by_canon = rk_calloc(m->n, sizeof *m->by_canon)) ||
      !(m->by_path = rk_calloc(m->n, sizeof *m->by_path))) {
    ld->line = 0;
    problem(ld, RK_ERR_NOMEM, "%s", rk_strerror(RK_ERR_NOMEM));
    return;
  }
  for (size_t i = 0; i < m->n; i++) {
    m->by_path[i] = &m->entries[i];
    if (m->entries[i].canon)
      m->by_canon[m->n_canon++] = &m->entries[i];
  }
  qsort(m->by_path, m->n, sizeof *m->by_path, by_path);
  if (m->n_canon)
    qsort(m->by_canon, m->n_canon, sizeof *m->by_canon, by_canon);
  for (size_t i = 1; i < m->n; i++) {
    const Entry *a = m->by_path[i - 1], *b = m->by_path[i];
    if (!strcmp(a->resolved, b->resolved)) {
      ld->line = b->line;
      problem(ld, RK_ERR_PARSE, "'%.200s' is listed twice, at lines %zu and %zu", b->field[F_PATH],
              a->line, b->line);
    }
  }
  for (size_t i = 1; i < m->n_canon; i++) {
    const Entry *a = m->by_canon[i - 1], *b = m->by_canon[i];
    if (!strcmp(a->canon, b->canon) && strcmp(a->resolved, b->resolved)) {
      ld->line = b->line;
      problem(ld, RK_ERR_PARSE, "'%.200s' (line %zu) and '%.200s' (line %zu) are the same file",
              a->field[F_PATH], a->line, b->field[F_PATH], b->line);
    }
  }
}

/* ------------------------------------------------------------ loading */

static int
ends_with(const char *s, const char *tail)
{
  size_t n = strlen(s), k = strlen(tail);

  return n >= k && !strcasecmp(s + n - k, tail);
}

/* JSON Lines by name, else by the first non-blank byte. */
static int
is_jsonl(const char *name, const char *s, size_t n)
{
  size_t i = 0;

  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson"))
    return 1;
  while (i < n && isspace((unsigned char)s[i])) i++;
  return i < n && s[i] == '{';
}

RkStatus
rk_manifest_from_memory(const char *name, const char *bytes, size_t n,
                        const RkReadLimits *lim, const RkLog *log, RkManifest **out)
{
  RkReadLimits def;
  Load         ld;
  const char  *slash;
  int          jsonl;

  if (!out || !name || (!bytes && n))
    return RK_ERR_BAD_ARG;
  bytes = bytes ? bytes : "";
  rk_read_limits_default(&def);
  memset(&ld, 0, sizeof ld);
  ld.name = name;
  ld.log  = log;
  if (n > (lim && lim->max_bytes ? lim->max_bytes : def.max_bytes)) {
    problem(&ld, RK_ERR_INPUT, "the manifest is %zu bytes, over the %zu-byte limit for inputs",
            n, lim && lim->max_bytes ? lim->max_bytes : def.max_bytes);
    return ld.st;
  }
  if (!(ld.m = rk_calloc(1, sizeof *ld.m)))
    return RK_ERR_NOMEM;
  if ((slash = strrchr(name, '/')) && !(ld.dir = rk_strndup(name, (size_t)(slash - name) + 1))) {
    rk_manifest_free(ld.m);
    return RK_ERR_NOMEM;
  }
  if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {  /* a byte order mark */
    bytes += 3;
    n -= 3;
  }
  jsonl = is_jsonl(name, bytes, n);
  for (size_t start = 0; start < n && ld.st != RK_ERR_NOMEM;) {
    const char *s = bytes + start, *nl = memchr(s, '\n', n - start);
    size_t      k = nl ? (size_t)(nl - s) : n - start;

    start += k + 1;
    ld.line++;
    if (k && s[k - 1] == '\r')
      k--;
    if (k > RK_MANIFEST_MAX_LINE) {
      problem(&ld, RK_ERR_INPUT, "the line is %zu bytes, over the %d-byte limit for manifest lines",
              k, RK_MANIFEST_MAX_LINE);
      continue;
    }
    if (memchr(s, '\0', k)) {
      problem(&ld, RK_ERR_PARSE, "a NUL byte: the manifest is not text");
      continue;
    }
    if (rk_utf8_validate(s, k) != k) {
      problem(&ld, RK_ERR_PARSE, "invalid UTF-8 at byte %zu of the line", rk_utf8_validate(s, k) + 1);
      continue;
    }
    if (jsonl)
      jsonl_line(&ld, s, k);
    else
      tsv_line(&ld, s, k);
  }
  if (!jsonl && !ld.n_cols && !ld.errors) {
    ld.line = 0;
    problem(&ld, RK_ERR_PARSE, "no header row (a TSV manifest starts with the column names, "
            "path first; JSON Lines has one object a line)");
  }
  if (!ld.st)
    index_entries(&ld);
  if (ld.errors > MAX_MESSAGES) {
    ld.line = 0;
    rk_log(log, RK_LOG_ERROR, name, "%zu more errors not shown", ld.errors - MAX_MESSAGES);
  }
  if (!ld.st && !ld.m->n)
    rk_log(log, RK_LOG_WARN, name, "the manifest lists no documents");
  free(ld.dir);
  if (ld.st) {
    rk_manifest_free(ld.m);
    return ld.st;
  }
  *out = ld.m;
  return RK_OK;
}

RkStatus
rk_manifest_load(const char *path, const RkReadLimits *lim, const RkLog *log, RkManifest **out)
{
  RkReadLimits def;
  size_t       max, got;
  struct stat  sb;
  FILE        *f = NULL;
  RkBuf        b;
  char         chunk[65536];
  RkStatus     st = RK_ERR_IO;

  if (!path || !out)
    return RK_ERR_BAD_ARG;
  rk_buf_init(&b);
  rk_read_limits_default(&def);
  max = lim && lim->max_bytes ? lim->max_bytes : def.max_bytes;
  if (!(f = fopen(path, "rb")) || fstat(fileno(f), &sb)) {
    rk_log(log, RK_LOG_ERROR, path, "cannot read the manifest: %s", strerror(errno));
    goto done;
  }
  if (S_ISDIR(sb.st_mode)) {
    rk_log(log, RK_LOG_ERROR, path, "cannot read the manifest: it is a directory");
    goto done;
  }
  if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > max) {
    rk_log(log, RK_LOG_ERROR, path, "the manifest is %jd bytes, over the %zu-byte limit for inputs",
           (intmax_t)sb.st_size, max);
    st = RK_ERR_INPUT;
    goto done;
  }
  /* a pipe has no size: its bytes are counted as they come */
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (got > max - b.len) {
      rk_log(log, RK_LOG_ERROR, path, "the manifest is over the %zu-byte limit for inputs", max);
      st = RK_ERR_INPUT;
      goto done;
    }
    if ((st = rk_buf_append(&b, chunk, got)))
      goto done;
    st = RK_ERR_IO;
  }
  if (ferror(f)) {
    rk_log(log, RK_LOG_ERROR, path, "cannot read the manifest: %s", strerror(errno));
    goto done;
  }
  st = rk_manifest_from_memory(path, b.data, b.len, lim, log, out);
done:
  rk_buf_clear(&b);
  if (f)
    fclose(f);
  return st;
}

/* ------------------------------------------------------------ applying */

size_t
rk_manifest_count(const RkManifest *m)
{
  return m ? m->n : 0;
}

static int
canon_is(const void *key, const void *elem)
{
  return strcmp(key, (*(Entry *const *)elem)->canon);
}

static int
path_is(const void *key, const void *elem)
{
  return strcmp(key, (*(Entry *const *)elem)->resolved);
}

static const Entry *
find_entry(const RkManifest *m, const char *path)
{
  Entry **hit = NULL;
  char   *canon;

  if (!m->n || !path)
    return NULL;
  if (m->n_canon && (canon = realpath(path, NULL))) {
    hit = bsearch(canon, m->by_canon, m->n_canon, sizeof *m->by_canon, canon_is);
    free(canon);
  }
  if (!hit)
    hit = bsearch(path, m->by_path, m->n, sizeof *m->by_path, path_is);
  return hit ? *hit : NULL;
}

RkStatus
rk_manifest_apply(const RkManifest *m, RkDoc *doc)
{
  /* the entry's fields and the RkDocMeta slot and bit each one fills */
  static const struct { int field; size_t offset; unsigned bit; } slots[] = {
    { F_URL, offsetof(RkDocMeta, url), RK_META_URL },
    { F_CRITIC, offsetof(RkDocMeta, author), RK_META_AUTHOR },
    { F_PUBLICATION, offsetof(RkDocMeta, site_name), RK_META_SITE_NAME },
    { F_DATE, offsetof(RkDocMeta, date), RK_META_DATE },
  };
  enum { N_SLOTS = sizeof slots / sizeof slots[0] };
  const Entry *e;
  char        *copy[N_SLOTS] = { NULL };

  if (!m || !doc || !(e = find_entry(m, doc->path)))
    return RK_NO_MATCH;
  /* copy everything first: on failure the document stays as it was */
  for (size_t i = 0; i < N_SLOTS; i++)
    if (e->field[slots[i].field] && !(copy[i] = rk_strdup(e->field[slots[i].field]))) {
      for (size_t j = 0; j < i; j++)
        free(copy[j]);
      return RK_ERR_NOMEM;
    }
  for (size_t i = 0; i < N_SLOTS; i++) {
    char **slot = (char **)((char *)&doc->meta + slots[i].offset);
    if (!copy[i])
      continue;
    free(*slot);
    *slot = copy[i];
    doc->meta.from_manifest |= slots[i].bit;
  }
  return RK_OK;
}

void
rk_manifest_free(RkManifest *m)
{
  if (!m)
    return;
  for (size_t i = 0; i < m->n; i++)
    entry_clear(&m->entries[i]);
  free(m->entries);
  free(m->by_canon);
  free(m->by_path);
  free(m);
}
