/* lexicon.c - the word lists behind the person-name model.
 *
 * Reads Debian's wamerican list (american-english: lower-case entries are
 * English words, capitalised ones proper nouns) and miscfiles' propernames
 * (given names) into one open-addressing hash table of lower-case keys.  Loaded
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
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <json-c/json.h>
#include "reviewkg/lexicon.h"
#include "reviewkg/util.h"

#ifndef RK_ISO_CODES_DIR
#define RK_ISO_CODES_DIR "/usr/share/iso-codes/json"
#endif
#ifndef RK_DICT_DIR
#define RK_DICT_DIR "/usr/share/dict"
#endif

/* Every list in one open-addressing table, each key marked with the lists
 * it is in: a word's kinds cost one lookup, where a table per list cost
 * one each.  A slot holds the key's first eight bytes, as most words are
 * no longer: most lookups read one cache line and no key string. */
typedef struct {
  uint64_t head;   /* bytes 0..7 of the lower-case key, zero-padded */
  uint32_t tail;   /* bytes 8.. of a longer key: offset in WordSet.tails */
  uint8_t  len;    /* key length; 0 marks an empty slot */
  uint8_t  kinds;  /* RK_LEX_* */
  uint16_t check;  /* more bits of the hash: other keys mostly differ here */
} WordSlot;

typedef struct {
  WordSlot *slots;
  size_t    cap;     /* power of two */
  size_t    n;
  RkBuf     tails;   /* bytes 8.. of the keys longer than eight */
  uint32_t  serial;  /* which table this is, for the recent words below */
} WordSet;

/* A word as the table keys it: lower case, zero-padded to eight-byte
 * words, and its hash. */
enum { KEY_MAX = 64 };  /* keys are 1..63 bytes: longer entries are skipped */
typedef struct {
  uint64_t w[KEY_MAX / 8];
  size_t   n;
  uint64_t hash;
} WordKey;

/* A name -> code table (languages, countries), sorted, with a hash index
 * over the sorted entries: prose asks about many words that are neither. */
typedef struct {
  char  *name;  /* lower case */
  char  *code;
} CodeEntry;

typedef struct {
  uint32_t entry;  /* 1 + the entry a name finds; 0: an empty slot */
  uint32_t check;  /* more bits of the hash: a miss rarely reads a name */
} CodeSlot;

typedef struct {
  CodeEntry *items;
  size_t     n, cap;
  CodeSlot  *index;
  size_t     icap;   /* power of two, 0 before indexing */
  /* bit n of lengths[c]: a name of n bytes starts with the letter c (26:
   * with no ASCII letter).  Most words asked about fail here, unhashed. */
  uint64_t   lengths[27][2];
} CodeTable;

struct RkLexicon {
  WordSet   words;      /* English words, proper nouns, given names: RK_LEX_* */
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
  free(t->index);
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

/* The row of CodeTable.lengths for a name's first byte. */
static size_t
first_letter(const char *name)
{
  unsigned c = (unsigned char)name[0] | 0x20u;  /* lower case, for letters */

  return c - 'a' < 26 ? c - 'a' : 26;
}

/* FNV-1a of a name as it would be lower-cased: the index's hash. */
static uint64_t
name_hash(const char *s, size_t n)
{
  uint64_t h = 14695981039346656037ULL;

  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    h = (h ^ (unsigned char)(rk_isupper(c) ? c | 0x20 : c)) * 1099511628211ULL;
  }
  return h;
}

static int word_key(const char *word, size_t n, WordKey *k);

/* The index's hash of a name as it would be lower-cased: word_key's, eight
 * bytes a step, where prose asks about a word at a time; name_hash's for
 * a name too long to be a word key. */
static uint64_t
code_hash(const char *s, size_t n)
{
  WordKey k;

  return word_key(s, n, &k) ? k.hash : name_hash(s, n);
}

/* Index the sorted table.  Each distinct name points at the entry bsearch
 * finds for it, so that a lookup answers as a search of the table would,
 * duplicates included. */
static RkStatus
table_index(CodeTable *t)
{
  size_t cap = 16;

  while (t->n * 2 > cap)
    cap *= 2;
  if (!(t->index = rk_calloc(cap, sizeof *t->index)))
    return RK_ERR_NOMEM;
  t->icap = cap;
  for (size_t i = 0; i < t->n; i++) {
    const CodeEntry *hit;
    uint64_t         hash;
    size_t           h, n;
    if (i && !strcmp(t->items[i - 1].name, t->items[i].name))
      continue;
    hit  = bsearch(&t->items[i], t->items, t->n, sizeof *t->items, entry_cmp);
    hash = code_hash(hit->name, strlen(hit->name));
    for (h = hash & (cap - 1); t->index[h].entry; h = (h + 1) & (cap - 1))
      ;
    t->index[h] = (CodeSlot){ (uint32_t)(hit - t->items) + 1, (uint32_t)(hash >> 32) };
    if ((n = strlen(hit->name)) < 128)  /* a longer name is never looked up */
      t->lengths[first_letter(hit->name)][n / 64] |= 1ULL << (n % 64);
  }
  return RK_OK;
}

static const char *
table_find(const CodeTable *t, const char *name, size_t n)
{
  uint64_t hash;

  if (!t->icap || n == 0 || n >= 128)
    return NULL;  /* an empty table, or a name longer than any key */
  if (!(t->lengths[first_letter(name)][n / 64] >> (n % 64) & 1))
    return NULL;
  hash = code_hash(name, n);
  for (size_t h = hash & (t->icap - 1); t->index[h].entry; h = (h + 1) & (t->icap - 1)) {
    const CodeEntry *e = &t->items[t->index[h].entry - 1];
    size_t           i = 0;
    if (t->index[h].check != (uint32_t)(hash >> 32))
      continue;
    while (i < n && e->name[i] && e->name[i] == (char)(rk_isupper((unsigned char)name[i]) ? name[i] | 0x20 : name[i]))
      i++;  /* lower-case as tolower does in the C locale */
    if (i == n && !e->name[n])
      return e->code;
  }
  return NULL;
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
  if (!st && lex->languages.n)
    st = table_index(&lex->languages);
  if (!st && lex->countries.n)
    st = table_index(&lex->countries);
  return st;
}

static void
set_clear(WordSet *s)
{
  free(s->slots);
  rk_buf_clear(&s->tails);
  memset(s, 0, sizeof *s);
}

/* Lower-case @p word into @p k and hash it; 0 for a word no key can be. */
static int
word_key(const char *word, size_t n, WordKey *k)
{
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL, mul = 0x9E3779B97F4A7C15ULL;
  size_t         words = (n + 7) / 8;
  uint64_t       h = n * mul;

  if (n == 0 || n >= KEY_MAX)
    return 0;
  k->w[words - 1] = 0;
  memcpy(k->w, word, n);
  for (size_t i = 0; i < words; i++) {
    uint64_t v = k->w[i], low7 = v & ~high;
    /* bit 7 of each byte in 'A'..'Z' (ASCII only, as tolower in the C
     * locale), moved to bit 5: eight bytes lower-cased at a time */
    uint64_t upper = (low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x80 - 'Z' - 1)) & ~v & high;
    k->w[i] = v | upper >> 2;
    h = (h ^ k->w[i]) * mul;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  k->hash = h ^ h >> 32;
  k->n    = n;
  return 1;
}

static uint16_t
key_check(const WordKey *k)
{
  return (uint16_t)(k->hash >> 48);
}

/* The slot holding @p k, or the empty slot where it would go. */
static WordSlot *
set_slot(const WordSet *s, const WordKey *k)
{
  size_t   h;
  uint16_t check = key_check(k);

  for (h = k->hash & (s->cap - 1); s->slots[h].len; h = (h + 1) & (s->cap - 1)) {
    const WordSlot *e = &s->slots[h];
    if (e->len == k->n && e->check == check && e->head == k->w[0] &&
        (k->n <= 8 || !memcmp(s->tails.data + e->tail, (const char *)k->w + 8, k->n - 8)))
      break;
  }
  return &s->slots[h];
}

/* Room for @p more keys on top of those held, rehashing into a bigger table. */
static RkStatus
set_reserve(WordSet *s, size_t more)
{
  WordSet bigger;
  size_t  cap = s->cap ? s->cap : 1024;

  while ((s->n + more + 1) * 2 > cap)
    cap *= 2;
  if (cap == s->cap)
    return RK_OK;
  bigger = *s;
  if (!(bigger.slots = rk_calloc(cap, sizeof *bigger.slots)))
    return RK_ERR_NOMEM;
  bigger.cap = cap;
  for (size_t i = 0; i < s->cap; i++) {
    const WordSlot *e = &s->slots[i];
    char            key[KEY_MAX];
    WordKey         k;
    if (!e->len)
      continue;
    memcpy(key, &e->head, 8);
    if (e->len > 8)
      memcpy(key + 8, s->tails.data + e->tail, e->len - 8u);
    word_key(key, e->len, &k);
    *set_slot(&bigger, &k) = *e;
  }
  free(s->slots);
  *s = bigger;
  return RK_OK;
}

/* Words asked about lately, per thread.  A document asks about the same
 * names and words again and again, and the table, megabytes of it,
 * answers most questions from main memory: a word asked again costs no
 * cache miss.  An entry names the table that answered, so that a table
 * loaded later at the same address does not take its answers.  Sized by
 * time, not by misses: on the generated 10k corpus 512 entries missed 41%
 * of lookups and 4096 (96 KB a thread) 27%, but an entry of 4096 was
 * itself mostly a cache miss; these 1024 (24 KB) stay near the core, and
 * lookups took 2.9% of the run's samples where 4096 took 3.8%. */
enum { RECENT_WORDS = 1024, RECENT_LONGEST = 16 };
typedef struct {
  uint64_t w[2];   /* the key, zero-padded */
  uint32_t table;  /* WordSet.serial; 0: an empty entry */
  uint8_t  n, kinds;
} RecentWord;
static __thread RecentWord recent_words[RECENT_WORDS];
static uint32_t            tables_loaded;

static unsigned
set_kinds(const WordSet *s, const char *word, size_t n)
{
  WordKey     k;
  RecentWord *r;
  uint64_t    w1;
  unsigned    kinds;

  if (!s->cap || !word_key(word, n, &k))
    return 0;
  if (n > RECENT_LONGEST)
    return set_slot(s, &k)->kinds;
  r  = &recent_words[(k.hash >> 24) & (RECENT_WORDS - 1)];
  w1 = n > 8 ? k.w[1] : 0;
  if (r->table == s->serial && r->n == n && r->w[0] == k.w[0] && r->w[1] == w1)
    return r->kinds;
  kinds = set_slot(s, &k)->kinds;
  *r    = (RecentWord){ { k.w[0], w1 }, s->serial, (uint8_t)n, (uint8_t)kinds };
  return kinds;
}

/* File the word @p k under @p kind (an RK_LEX_* bit). */
static RkStatus
set_add(WordSet *s, const WordKey *k, unsigned kind)
{
  WordSlot *e;
  size_t    n = k->n;

  if ((s->n + 2) * 2 > s->cap && set_reserve(s, 1))  /* as set_reserve tests: mostly no call */
    return RK_ERR_NOMEM;
  e = set_slot(s, k);
  if (!e->len) {
    if (n > 8) {
      if (s->tails.len > UINT32_MAX - KEY_MAX)
        return RK_ERR_NOMEM;
      e->tail = (uint32_t)s->tails.len;
      if (rk_buf_append(&s->tails, (const char *)k->w + 8, n - 8))
        return RK_ERR_NOMEM;
    }
    e->head  = k->w[0];
    e->len   = (uint8_t)n;
    e->check = key_check(k);
    s->n++;
  }
  e->kinds |= (uint8_t)kind;
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

/* The lines of s[0..n) that start with a capital, and the others.  Sixteen
 * bytes a step where SSE2 is there: a list is a hundred thousand short
 * lines, and a call a line cost more than the counting. */
static void
count_lines(const char *s, size_t n, size_t *caps, size_t *others)
{
  size_t   i = 0, lines = 0, up = 0;
  unsigned at_start = 1;  /* s[i] starts a line */

#ifdef __SSE2__
  if (n >= 16) {
    const __m128i one = _mm_set1_epi8(1);
    __m128i       carry = _mm_cvtsi32_si128(0xFF);  /* byte 0: the start starts a line */
    for (; i + 16 <= n; i += 16) {
      __m128i v      = _mm_loadu_si128((const __m128i *)(s + i));
      __m128i nl     = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
      __m128i cap    = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
      __m128i starts = _mm_and_si128(_mm_or_si128(_mm_slli_si128(nl, 1), carry), one);
      /* one per line start; the sums of absolute differences add them up */
      __m128i sl = _mm_sad_epu8(starts, _mm_setzero_si128());
      __m128i su = _mm_sad_epu8(_mm_and_si128(starts, cap), _mm_setzero_si128());
      lines += (size_t)(_mm_cvtsi128_si32(sl) + _mm_extract_epi16(sl, 4));
      up    += (size_t)(_mm_cvtsi128_si32(su) + _mm_extract_epi16(su, 4));
      carry  = _mm_srli_si128(nl, 15);
    }
    at_start = s[i - 1] == '\n';
  }
#endif
  for (; i < n; i++) {
    if (at_start) {
      lines++;
      up += rk_isupper((unsigned char)s[i]);
    }
    at_start = s[i] == '\n';
  }
  *caps   = up;
  *others = lines - up;
}

/* Read a list (plain or gzip: gzopen reads both) and file each entry in
 * @p set: a capitalised entry under the kind @p upper, a lower-case one
 * under @p lower (0: not filed).  Possessive entries ("Aaron's") are skipped.  The file is
 * read whole and cut as gzgets with a 256-byte buffer would cut it: at
 * each newline, and every 255 bytes of a longer line. */
static RkStatus
load_list(const char *path, WordSet *set, unsigned lower, unsigned upper, const RkLog *log)
{
  RkBuf    all;
  RkStatus st = RK_OK;
  gzFile   f = gzopen(path, "rb");
  int      got;
  size_t   caps = 0, others = 0, queued = 0, filed = 0;
  /* Entries are filed AHEAD behind their reading, their slots fetched
   * meanwhile: the table is megabytes, and each filing would otherwise
   * wait for main memory. */
  enum { AHEAD = 16 };
  WordKey  ahead[AHEAD];
  unsigned ahead_kind[AHEAD];

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
  /* size the set for the lines that may go into it */
  count_lines(all.data, all.len, &caps, &others);
  if (!st && set_reserve(set, (lower ? others : 0) + (upper ? caps : 0)))
    st = RK_ERR_NOMEM;
  for (size_t p = 0; p < all.len && !st;) {
    const char *line = all.data + p, *nl = memchr(line, '\n', all.len - p);
    size_t      len  = nl ? (size_t)(nl - line) + 1 : all.len - p, n;
    const char *cr;
    unsigned    kind;

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
    kind = rk_isupper((unsigned char)line[0]) ? upper : lower;
    /* a name list may carry "The": an article is never a given name */
    if (kind && kind == upper && !lower && is_article(line, n))
      continue;
    if (queued - filed == AHEAD) {  /* the oldest makes room */
      st = set_add(set, &ahead[filed % AHEAD], ahead_kind[filed % AHEAD]);
      filed++;
    }
    if (st || !kind || !word_key(line, n, &ahead[queued % AHEAD]))
      continue;
    __builtin_prefetch(&set->slots[ahead[queued % AHEAD].hash & (set->cap - 1)], 1);
    ahead_kind[queued++ % AHEAD] = kind;
  }
  for (; filed < queued && !st; filed++)
    st = set_add(set, &ahead[filed % AHEAD], ahead_kind[filed % AHEAD]);
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
  lex->words.serial = __atomic_add_fetch(&tables_loaded, 1, __ATOMIC_RELAXED);
  snprintf(path, sizeof path, "%s/american-english", dir);
  if ((st = load_list(path, &lex->words, RK_LEX_WORD, RK_LEX_PROPER, log)))
    goto done;
  /* Debian ships propernames compressed; a plain copy works as well */
  snprintf(path, sizeof path, "%s/propernames.gz", dir);
  if (access(path, R_OK) != 0)
    snprintf(path, sizeof path, "%s/propernames", dir);
  if ((st = load_list(path, &lex->words, 0, RK_LEX_GIVEN, log)))
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
  table_clear(&lex->languages);
  table_clear(&lex->countries);
  free(lex);
}

unsigned rk_lexicon_kinds(const RkLexicon *lex, const char *w, size_t n) { return set_kinds(&lex->words, w, n); }
int rk_lexicon_is_word(const RkLexicon *lex, const char *w, size_t n) { return !!(set_kinds(&lex->words, w, n) & RK_LEX_WORD); }
int rk_lexicon_is_proper(const RkLexicon *lex, const char *w, size_t n) { return !!(set_kinds(&lex->words, w, n) & RK_LEX_PROPER); }
int rk_lexicon_is_given_name(const RkLexicon *lex, const char *w, size_t n) { return !!(set_kinds(&lex->words, w, n) & RK_LEX_GIVEN); }

const char *rk_lexicon_language_tag(const RkLexicon *lex, const char *name, size_t n) { return table_find(&lex->languages, name, n); }
const char *rk_lexicon_country_code(const RkLexicon *lex, const char *name, size_t n) { return table_find(&lex->countries, name, n); }
