/* lexicon.c - the word lists behind the person-name model.
 *
 * Reads Debian's wamerican list (american-english: lower-case entries are
 * English words, capitalised ones proper nouns) and miscfiles' propernames
 * (given names) into open-addressing hash sets of lower-case keys.  Loaded
 * once per process; read-only afterwards, so threads may share it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <json-c/json.h>
#include "reviewkg/lexicon.h"
#include "reviewkg/util.h"

#ifndef RK_ISO_CODES_DIR
#define RK_ISO_CODES_DIR "/usr/share/iso-codes/json"
#endif
#ifndef RK_DICT_DIR
#define RK_DICT_DIR "/usr/share/dict"
#endif

typedef struct {
  char       **slots;  /* NULL or a lower-case key in one of the blocks */
  size_t       cap;    /* power of two */
  size_t       n;
  RkArena      keys;   /* the keys: one allocation per word cost most of start-up */
} WordSet;

/* A name -> code table (languages, countries), sorted for bsearch. */
typedef struct {
  char  *name;  /* lower case */
  char  *code;
} CodeEntry;

typedef struct {
  CodeEntry *items;
  size_t     n, cap;
} CodeTable;

struct RkLexicon {
  WordSet   words;      /* lower-case English words */
  WordSet   proper;     /* capitalised entries of the English list, lower-cased */
  WordSet   given;      /* given names */
  CodeTable languages;  /* language name -> BCP 47 tag */
  CodeTable countries;  /* country name -> ISO 3166-1 alpha-2 */
};

static void
table_clear(CodeTable *t)
{
  for (size_t i = 0; i < t->n; i++) {
    free(t->items[i].name);
    free(t->items[i].code);
  }
  free(t->items);
  memset(t, 0, sizeof *t);
}

static RkStatus
table_add(CodeTable *t, const char *name, size_t n, const char *code)
{
  if (t->n == t->cap) {
    size_t     cap = t->cap ? t->cap * 2 : 256;
    CodeEntry *p   = rk_realloc(t->items, cap * sizeof *p);
    if (!p)
      return RK_ERR_NOMEM;
    t->items = p;
    t->cap   = cap;
  }
  while (n && name[0] == ' ') { name++; n--; }
  while (n && name[n - 1] == ' ') n--;
  if (!n)
    return RK_OK;
  CodeEntry *e = &t->items[t->n];
  if (!(e->name = rk_strndup(name, n)) || !(e->code = rk_strdup(code))) {
    free(e->name);
    return RK_ERR_NOMEM;
  }
  for (char *c = e->name; *c; c++)
    *c = (char)tolower((unsigned char)*c);
  t->n++;
  return RK_OK;
}

static int
entry_cmp(const void *a, const void *b)
{
  return strcmp(((const CodeEntry *)a)->name, ((const CodeEntry *)b)->name);
}

static const char *
table_find(const CodeTable *t, const char *name, size_t n)
{
  char      key[128];
  CodeEntry probe = { key, NULL }, *hit;

  if (!t->n || n == 0 || n >= sizeof key)
    return NULL;
  for (size_t i = 0; i < n; i++)
    key[i] = (char)tolower((unsigned char)name[i]);
  key[n] = '\0';
  hit = bsearch(&probe, t->items, t->n, sizeof *t->items, entry_cmp);
  return hit ? hit->code : NULL;
}

/* Each entry's names ("Spanish; Castilian") under one code. */
static RkStatus
add_names(CodeTable *t, const char *names, const char *code)
{
  RkStatus st = RK_OK;

  while (names && *names && !st) {
    size_t n = strcspn(names, ";");
    st = table_add(t, names, n, code);
    names += n;
    if (*names == ';')
      names++;
  }
  return st;
}

static const char *
json_str(json_object *o, const char *key)
{
  json_object *v;
  return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

/* iso-codes' JSON lists; absent files leave the tables empty. */
static RkStatus
load_iso_codes(RkLexicon *lex, const char *dir)
{
  char         path[4096];
  json_object *root, *list;
  RkStatus     st = RK_OK;

  snprintf(path, sizeof path, "%s/iso_639-2.json", dir);
  if ((root = json_object_from_file(path))) {
    if (json_object_object_get_ex(root, "639-2", &list) && json_object_is_type(list, json_type_array))
      for (size_t i = 0; i < json_object_array_length(list) && !st; i++) {
        json_object *e = json_object_array_get_idx(list, i);
        const char *tag = json_str(e, "alpha_2") ? json_str(e, "alpha_2") : json_str(e, "alpha_3");
        if (tag)
          st = add_names(&lex->languages, json_str(e, "name"), tag);
      }
    json_object_put(root);
  }
  snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
  if (!st && (root = json_object_from_file(path))) {
    if (json_object_object_get_ex(root, "3166-1", &list) && json_object_is_type(list, json_type_array))
      for (size_t i = 0; i < json_object_array_length(list) && !st; i++) {
        json_object *e = json_object_array_get_idx(list, i);
        const char *code = json_str(e, "alpha_2");
        if (!code)
          continue;
        st = add_names(&lex->countries, json_str(e, "name"), code);
        if (!st && json_str(e, "common_name"))
          st = add_names(&lex->countries, json_str(e, "common_name"), code);
        if (!st && json_str(e, "official_name"))
          st = add_names(&lex->countries, json_str(e, "official_name"), code);
      }
    json_object_put(root);
  }
  /* the short forms reviews write that the standard does not list */
  static const char *const extra[][2] = { { "U.S.", "US" }, { "US", "US" }, { "U.S.A.", "US" }, { "USA", "US" }, { "UK", "GB" },
                                          { "U.K.", "GB" }, { "Britain", "GB" }, { "Great Britain", "GB" },
                                          { "England", "GB" }, { "Russia", "RU" }, { "Iran", "IR" },
                                          { "South Korea", "KR" }, { "Taiwan", "TW" }, { NULL, NULL } };
  for (int i = 0; !st && extra[i][0]; i++)
    st = table_add(&lex->countries, extra[i][0], strlen(extra[i][0]), extra[i][1]);
  if (lex->languages.n)
    qsort(lex->languages.items, lex->languages.n, sizeof *lex->languages.items, entry_cmp);
  if (lex->countries.n)
    qsort(lex->countries.items, lex->countries.n, sizeof *lex->countries.items, entry_cmp);
  return st;
}

static void
set_clear(WordSet *s)
{
  rk_arena_clear(&s->keys);
  free(s->slots);
  memset(s, 0, sizeof *s);
}

/* Room for at least @p n entries without growing (a list's line count). */
static RkStatus
set_reserve(WordSet *s, size_t n)
{
  size_t cap = 1024;

  while ((n + 1) * 2 > cap)
    cap *= 2;
  if (s->cap || !(s->slots = rk_calloc(cap, sizeof *s->slots)))
    return s->cap ? RK_OK : RK_ERR_NOMEM;
  s->cap = cap;
  return RK_OK;
}

static RkStatus
set_grow(WordSet *s)
{
  WordSet bigger = { NULL, s->cap ? s->cap * 2 : 1024, 0, s->keys };

  if (!(bigger.slots = rk_calloc(bigger.cap, sizeof *bigger.slots)))
    return RK_ERR_NOMEM;
  for (size_t i = 0; i < s->cap; i++) {
    char *k = s->slots[i];
    if (!k)
      continue;
    size_t h = rk_hash64(k, strlen(k)) & (bigger.cap - 1);
    while (bigger.slots[h])
      h = (h + 1) & (bigger.cap - 1);
    bigger.slots[h] = k;
    bigger.n++;
  }
  free(s->slots);
  *s = bigger;
  return RK_OK;
}

/* Lower-case the first @p n bytes of @p w (ASCII letters only) into @p out. */
static size_t
lower_key(const char *w, size_t n, char *out, size_t room)
{
  size_t i;

  if (n >= room)
    return 0;
  for (i = 0; i < n; i++)
    out[i] = (char)(rk_isupper((unsigned char)w[i]) ? w[i] | 0x20 : w[i]);  /* tolower in the C locale */
  out[n] = '\0';
  return n;
}

static int
set_has(const WordSet *s, const char *word, size_t n)
{
  char     key[64];
  uint64_t hash = 14695981039346656037ULL;  /* rk_hash64 of the key, as it is built */
  size_t   h;

  if (!s->cap || n == 0 || n >= sizeof key)
    return 0;  /* as lower_key refuses */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)word[i];
    key[i] = (char)(rk_isupper(c) ? c | 0x20 : c);
    hash   = (hash ^ (unsigned char)key[i]) * 1099511628211ULL;  /* FNV-1a */
  }
  key[n] = '\0';
  for (h = hash & (s->cap - 1); s->slots[h]; h = (h + 1) & (s->cap - 1)) {
    const char *k = s->slots[h];
    size_t      i = 0;
    while (k[i] && k[i] == key[i])  /* strcmp, inline: most keys differ early */
      i++;
    if (k[i] == key[i])
      return 1;
  }
  return 0;
}

static RkStatus
set_add(WordSet *s, const char *word, size_t n)
{
  char     key[64];
  uint64_t hash;
  size_t   h;

  if (!lower_key(word, n, key, sizeof key))
    return RK_OK;
  hash = rk_hash64(key, n);
  for (h = hash & (s->cap - 1); s->cap && s->slots[h]; h = (h + 1) & (s->cap - 1))
    if (strcmp(s->slots[h], key) == 0)
      return RK_OK;
  if ((s->n + 1) * 2 > s->cap) {
    if (set_grow(s))
      return RK_ERR_NOMEM;
    for (h = hash & (s->cap - 1); s->slots[h]; h = (h + 1) & (s->cap - 1))
      ;
  }
  char *copy = rk_arena_alloc(&s->keys, n + 1);
  if (!copy)
    return RK_ERR_NOMEM;
  s->slots[h] = memcpy(copy, key, n + 1);
  s->n++;
  return RK_OK;
}

static int
is_article(const char *w, size_t n)
{
  static const char *const words[] = { "The", "A", "An", "And", "Of", "In", "On", "At", "To",
                                       "For", "By", "With", "From", NULL };
  for (const char *const *p = words; *p; p++)
    if (strlen(*p) == n && !strncmp(*p, w, n))
      return 1;
  return 0;
}

/* Read a list (plain or gzip: gzopen reads both) and file each entry: a
 * capitalised entry into @p upper, a lower-case one into @p lower (either
 * may be NULL).  Possessive entries ("Aaron's") are skipped.  The file is
 * read whole and cut as gzgets with a 256-byte buffer would cut it: at
 * each newline, and every 255 bytes of a longer line. */
static RkStatus
load_list(const char *path, WordSet *lower, WordSet *upper, const RkLog *log)
{
  RkBuf    all;
  RkStatus st = RK_OK;
  gzFile   f = gzopen(path, "rb");
  int      got;
  size_t   caps = 0, others = 0;

  if (!f) {
    rk_log(log, RK_LOG_ERROR, path, "cannot open word list (%s); install Debian's "
           "wamerican and miscfiles packages or pass --dict-dir", strerror(errno));
    return RK_ERR_IO;
  }
  rk_buf_init(&all);
  do {
    char chunk[65536];
    if ((got = gzread(f, chunk, sizeof chunk)) > 0 && rk_buf_append(&all, chunk, (size_t)got))
      st = RK_ERR_NOMEM;
  } while (got > 0 && !st);
  gzclose(f);
  /* size each set for the lines that may go into it */
  for (const char *line = all.data, *end = all.data + all.len; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));  /* a line at a time, not a byte */
    if (rk_isupper((unsigned char)*line)) caps++; else others++;
    if (!nl)
      break;
    line = nl + 1;
  }
  if (!st && ((lower && set_reserve(lower, others)) || (upper && set_reserve(upper, caps))))
    st = RK_ERR_NOMEM;
  for (size_t p = 0; p < all.len && !st;) {
    const char *line = all.data + p, *nl = memchr(line, '\n', all.len - p);
    size_t      len  = nl ? (size_t)(nl - line) + 1 : all.len - p, n;
    const char *cr;
    WordSet    *into;

    if (len > 255)
      len = 255;
    p += len;
    /* the entry ends at the first '\r', '\n' or NUL: found by library
     * scans, as lines are short and a call costs less than a byte loop */
    n = nl && (size_t)(nl - line) < len ? (size_t)(nl - line) : len;
    n = strnlen(line, n);
    if ((cr = memchr(line, '\r', n)))
      n = (size_t)(cr - line);
    if (n == 0 || memchr(line, '\'', n))
      continue;
    into = rk_isupper((unsigned char)line[0]) ? upper : lower;
    /* a name list may carry "The": an article is never a given name */
    if (into && into == upper && !lower && is_article(line, n))
      continue;
    if (into && set_add(into, line, n))
      st = RK_ERR_NOMEM;
  }
  rk_buf_clear(&all);
  return st;
}

RkStatus
rk_lexicon_load(const char *dict_dir, const RkLog *log, RkLexicon **out)
{
  RkStatus   st  = RK_ERR_NOMEM;
  RkLexicon *lex = rk_calloc(1, sizeof *lex);
  char       path[4096];
  const char *dir = dict_dir ? dict_dir : RK_DICT_DIR;

  if (!lex)
    goto done;
  snprintf(path, sizeof path, "%s/american-english", dir);
  if ((st = load_list(path, &lex->words, &lex->proper, log)))
    goto done;
  /* Debian ships propernames compressed; a plain copy works as well */
  snprintf(path, sizeof path, "%s/propernames.gz", dir);
  if (access(path, R_OK) != 0)
    snprintf(path, sizeof path, "%s/propernames", dir);
  if ((st = load_list(path, NULL, &lex->given, log)))
    goto done;
  if ((st = load_iso_codes(lex, RK_ISO_CODES_DIR)))
    goto done;
  *out = lex;
  lex  = NULL;
done:
  rk_lexicon_free(lex);
  return st;
}

void
rk_lexicon_free(RkLexicon *lex)
{
  if (!lex)
    return;
  set_clear(&lex->words);
  set_clear(&lex->proper);
  set_clear(&lex->given);
  table_clear(&lex->languages);
  table_clear(&lex->countries);
  free(lex);
}

int rk_lexicon_is_word(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->words, w, n); }
int rk_lexicon_is_proper(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->proper, w, n); }
int rk_lexicon_is_given_name(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->given, w, n); }

const char *rk_lexicon_language_tag(const RkLexicon *lex, const char *name, size_t n) { return table_find(&lex->languages, name, n); }
const char *rk_lexicon_country_code(const RkLexicon *lex, const char *name, size_t n) { return table_find(&lex->countries, name, n); }
