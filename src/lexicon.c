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
#include "reviewkg/lexicon.h"
#include "reviewkg/util.h"

#ifndef RK_DICT_DIR
#define RK_DICT_DIR "/usr/share/dict"
#endif

typedef struct {
  char  **slots;  /* NULL or an owned lower-case key */
  size_t  cap;    /* power of two */
  size_t  n;
} WordSet;

struct RkLexicon {
  WordSet words;   /* lower-case English words */
  WordSet proper;  /* capitalised entries of the English list, lower-cased */
  WordSet given;   /* given names */
};

static void
set_clear(WordSet *s)
{
  for (size_t i = 0; i < s->cap; i++)
    free(s->slots[i]);
  free(s->slots);
  memset(s, 0, sizeof *s);
}

static RkStatus
set_grow(WordSet *s)
{
  WordSet bigger = { NULL, s->cap ? s->cap * 2 : 1024, 0 };

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
    out[i] = (char)tolower((unsigned char)w[i]);
  out[n] = '\0';
  return n;
}

static int
set_has(const WordSet *s, const char *word, size_t n)
{
  char   key[64];
  size_t h;

  if (!s->cap || !lower_key(word, n, key, sizeof key))
    return 0;
  h = rk_hash64(key, n) & (s->cap - 1);
  while (s->slots[h]) {
    if (strcmp(s->slots[h], key) == 0)
      return 1;
    h = (h + 1) & (s->cap - 1);
  }
  return 0;
}

static RkStatus
set_add(WordSet *s, const char *word, size_t n)
{
  char   key[64];
  size_t h;

  if (!lower_key(word, n, key, sizeof key) || set_has(s, key, n))
    return RK_OK;
  if ((s->n + 1) * 2 > s->cap && set_grow(s))
    return RK_ERR_NOMEM;
  h = rk_hash64(key, n) & (s->cap - 1);
  while (s->slots[h])
    h = (h + 1) & (s->cap - 1);
  if (!(s->slots[h] = rk_strndup(key, n)))
    return RK_ERR_NOMEM;
  s->n++;
  return RK_OK;
}

/* Read a list (plain or gzip: gzopen reads both) and file each entry: a
 * capitalised entry into @p upper, a lower-case one into @p lower (either
 * may be NULL).  Possessive entries ("Aaron's") are skipped. */
static RkStatus
load_list(const char *path, WordSet *lower, WordSet *upper, const RkLog *log)
{
  char   line[256];
  gzFile f = gzopen(path, "rb");

  if (!f) {
    rk_log(log, RK_LOG_ERROR, path, "cannot open word list (%s); install Debian's "
           "wamerican and miscfiles packages or pass --dict-dir", strerror(errno));
    return RK_ERR_IO;
  }
  while (gzgets(f, line, sizeof line)) {
    size_t   n = strcspn(line, "\r\n");
    WordSet *into;

    if (n == 0 || memchr(line, '\'', n))
      continue;
    into = isupper((unsigned char)line[0]) ? upper : lower;
    if (into && set_add(into, line, n)) {
      gzclose(f);
      return RK_ERR_NOMEM;
    }
  }
  gzclose(f);
  return RK_OK;
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
  free(lex);
}

int rk_lexicon_is_word(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->words, w, n); }
int rk_lexicon_is_proper(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->proper, w, n); }
int rk_lexicon_is_given_name(const RkLexicon *lex, const char *w, size_t n) { return set_has(&lex->given, w, n); }
