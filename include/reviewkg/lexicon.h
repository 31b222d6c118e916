/* lexicon.h - word lists behind the person-name model.
 *
 * English words (lower-case entries of Debian's wamerican list) tell prose
 * from names; given names (miscfiles' propernames, plus the capitalised
 * entries of wamerican) make a capitalised pair a likely person.  Loaded
 * once and shared read-only between worker threads.  Language and country
 * names come from Debian's iso-codes (optional: without them languages
 * and countries are kept as written).
 */
#ifndef REVIEWKG_LEXICON_H
#define REVIEWKG_LEXICON_H

#include <stddef.h>
#include "reviewkg/status.h"

typedef struct RkLexicon RkLexicon;

/** Load the lists from @p dict_dir (NULL: the configured default).  A
 *  missing list is an error: names would be guessed without it. */
RkStatus rk_lexicon_load(const char *dict_dir, const RkLog *log, RkLexicon **out);
void     rk_lexicon_free(RkLexicon *lex);

/** Is @p word (any case, @p n bytes) an ordinary lower-case English word? */
int rk_lexicon_is_word(const RkLexicon *lex, const char *word, size_t n);
/** Is @p word a capitalised entry (a proper noun) of the English list? */
int rk_lexicon_is_proper(const RkLexicon *lex, const char *word, size_t n);
/** Is @p word a known given name? */
int rk_lexicon_is_given_name(const RkLexicon *lex, const char *word, size_t n);

/** The lists @p word (any case, @p n bytes) is in, as RK_LEX_* bits (0:
 *  none): one lookup where asking the three questions above costs three. */
enum { RK_LEX_WORD = 1, RK_LEX_PROPER = 2, RK_LEX_GIVEN = 4 };
unsigned rk_lexicon_kinds(const RkLexicon *lex, const char *word, size_t n);

/** BCP 47 tag of a language name ("French" -> "fr", "Tagalog" -> "tl"),
 *  from Debian's iso-codes; NULL when unknown or the lists are absent. */
const char *rk_lexicon_language_tag(const RkLexicon *lex, const char *name, size_t n);
/** ISO 3166-1 alpha-2 code of a country name ("France", "South Korea",
 *  "USA", "U.S."); NULL when unknown. */
const char *rk_lexicon_country_code(const RkLexicon *lex, const char *name, size_t n);

#endif
