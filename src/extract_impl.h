/* extract_impl.h - what the four extraction files share: the working
 * state of one document's extraction and the name model's span type.
 * extract.c drives; names.c recognises names; credits.c reads credits
 * blocks; prose.c applies the sentence patterns. */
#ifndef REVIEWKG_EXTRACT_IMPL_H
#define REVIEWKG_EXTRACT_IMPL_H

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "reviewkg/extract.h"

/* A capitalised name found in the text: bytes [s, e) of the document. */
typedef struct {
  size_t s, e;
  int    ntok;   /* name tokens (particles not counted) */
} RkSpan;

/* A fact about a person found in prose, kept until every full name of the
 * document is known so that "Cotillard" can join "Marion Cotillard". */
typedef struct {
  char      *name;       /* as written, cleaned */
  char      *character;  /* for plays; NULL otherwise */
  unsigned   roles;      /* RkRole bits */
  RkEvidence ev;
} RkPending;

typedef struct {
  char  *title;
  double score;    /* weight of the source */
  double total;    /* score plus how often the body uses it */
  int    alt_only; /* only ever another title of the film ("Japanese Title: X") */
  int    year;
  int    occ;      /* occurrences in the body, -1 until counted */
  char  *alt;      /* another title the same source gives, or NULL */
  char  *person;   /* a director the headline names ("X's Title"), or NULL */
  char  *actor;    /* a performer the caption names ("X in Title (1957)"), or NULL */
} RkTitleCand;

/* One remembered answer of rk_names_in: the spans depend only on the text
 * and the range, and several rules ask for the same line in turn. */
typedef struct {
  const char *text;   /* the text asked about; NULL: the slot is empty */
  size_t      lo, hi; /* the range asked */
  RkSpan     *spans;  /* owned copy of the answer */
  size_t      n;
} RkNamesMemo;

#define RK_NAMES_MEMO 64  /* slots: more than a document's lines asked twice at once */

/* A byte offset of the text and the characters before it: evidence
 * offsets are counted on from the last one asked. */
typedef struct {
  size_t byte, chars;
} RkCharMark;

/* Groups of cue phrases a line holds (cues.c); a rule skips a line that
 * holds none of its group's phrases. */
typedef uint64_t RkCueSet;
#define RK_CUE_PAREN            ((RkCueSet)1 << 0)   /* ( */
#define RK_CUE_AS               ((RkCueSet)1 << 1)   /* " as " */
#define RK_CUE_PLAYS            ((RkCueSet)1 << 2)   /* " plays ", " played ", " portrays " */
#define RK_CUE_PLAYED_BY        ((RkCueSet)1 << 3)   /* " played by ", " voiced by " ... */
#define RK_CUE_CHARACTER_PLAYED ((RkCueSet)1 << 4)   /* " character played " */
#define RK_CUE_ROLE_OF          ((RkCueSet)1 << 5)   /* " the role of " ... */
#define RK_CUE_BY               ((RkCueSet)1 << 6)   /* " by " */
#define RK_CUE_DIRECTOR_OF      ((RkCueSet)1 << 7)   /* "director of " */
#define RK_CUE_PERFORMER        ((RkCueSet)1 << 8)   /* "star", "actress", "performance" ... */
#define RK_CUE_DIRECTOR         ((RkCueSet)1 << 9)   /* "director", "helmer", " film " ... */
#define RK_CUE_APOSTROPHE       ((RkCueSet)1 << 10)  /* ' or ’: possessives */
#define RK_CUE_CREW             ((RkCueSet)1 << 11)  /* "composer", "written" ... */
#define RK_CUE_QUOTE            ((RkCueSet)1 << 12)  /* " or “ */
#define RK_CUE_IS_WAS           ((RkCueSet)1 << 13)  /* " is ", " was " */
#define RK_CUE_SUBTITLE         ((RkCueSet)1 << 14)  /* "subtitle" */
#define RK_CUE_OUTLET           ((RkCueSet)1 << 15)  /* "popular on ", "copyright " ... */
#define RK_CUE_OWN_CHARACTER    ((RkCueSet)1 << 16)  /* " his character", " her character" */
#define RK_CUE_PART_OF          ((RkCueSet)1 << 17)  /* "the plot of ", "minutes of " ... */
#define RK_CUE_SOURCE_WORK      ((RkCueSet)1 << 18)  /* "based", "novel", "memoir" ... */
#define RK_CUE_DIRECTOR_WORD    ((RkCueSet)1 << 19)  /* RK_CUE_DIRECTOR but " movie ", " film " */
#define RK_CUE_PLAYED_ANY       ((RkCueSet)1 << 20)  /* "played ", "voiced " after any byte */
#define RK_CUE_CREDIT_LABEL     ((RkCueSet)1 << 21)  /* ":", "directed by", "starring" ... */
#define RK_CUE_PERFORMANCES     ((RkCueSet)1 << 22)  /* "performance", "turns" */
#define RK_CUE_IN_VERDICT       ((RkCueSet)1 << 23)  /* " in this", " in the role" ... */

typedef struct {
  const RkLexicon *lex;
  const RkDoc     *doc;
  const RkZones   *zones;
  const RkLog     *log;
  RkReview        *r;
  const char      *text;
  char            *lower;  /* text with ASCII letters in lower case, for memchr searches */

  RkPending   *pend;   size_t n_pend, cap_pend;
  RkTitleCand *tc;     size_t n_tc,   cap_tc;
  char        *title;         /* the chosen title (borrowed from r->titles) */
  int          header_end;    /* index of the first prose line: the header is above */
  unsigned char *credit_line; /* per line: credits.c read it as credits */
  size_t         director_label_end; /* end of the line whose label named the director, or 0 */
  RkNamesMemo   *names_memo;  /* RK_NAMES_MEMO slots for rk_names_in, or NULL */
  RkCueSet      *line_cues;   /* per line: the cue groups it holds (cues.c) */
  RkCharMark    *char_mark;   /* for rk_ex_evidence, or NULL */
} RkEx;

/* ---- cues.c ---- */
/** Fill x->line_cues: which cue groups each zone line holds. */
RkStatus rk_cues_scan(RkEx *x);
/** The @p i-th cue phrase and its group (for tests); NULL past the last. */
const char *rk_cue_phrase(size_t i, RkCueSet *group);
static inline int
rk_line_cues(const RkEx *x, size_t line, RkCueSet want)
{
  return (x->line_cues[line] & want) != 0;
}

/* ---- names.c ---- */
/** Length of a name token at @p p (capitalised word, initial, "Jr."), 0 if none. */
size_t rk_name_token(const char *text, size_t p, size_t lim);
/** Maximal capitalised name starting at @p p; 0 if none. */
int    rk_name_at(const RkEx *x, size_t p, size_t lim, RkSpan *out);
/** The name that ends exactly at @p e (after trailing spaces are skipped). */
int    rk_name_before(const RkEx *x, size_t lo, size_t e, RkSpan *out);
/** Every maximal name span in [lo, hi), in order; caller frees *out.
 *  Remembered in x->names_memo when there is one. */
RkStatus rk_names_in(const RkEx *x, size_t lo, size_t hi, RkSpan **out, size_t *n);
/** Free a names memo (NULL is fine). */
void     rk_names_memo_free(RkNamesMemo *memo);
/** How much a cleaned name looks like a person's: < 0 no, 0 unsure, > 0 yes. */
int    rk_person_score(const RkEx *x, const char *name);
/** Is [s, s+n) a nationality adjective: an ISO 639 language name, or an
 *  ISO 3166 country name with a demonym suffix ("Iranian", "Mexican")? */
int    rk_is_demonym(const RkEx *x, const char *s, size_t n);
/** Clean a span into a person name: drop leading function and common words,
 *  possessive endings, quotes; title-case ALL-CAPS.  NULL if nothing is left. */
char  *rk_clean_person(const RkEx *x, const char *s, size_t n);
/** Clean a name from a credits list: the list says it is a name, so no
 *  word is dropped ("Buster Keaton", "So Yamamura"). */
char  *rk_clean_listed(const RkEx *x, const char *s, size_t n);
/** Clean a span into a character name (keeps honorifics like "Captain"). */
char  *rk_clean_character(const RkEx *x, const char *s, size_t n);
/** Is the word at [s, s+n) a function word or lower-case English word? */
int    rk_is_common_word(const RkEx *x, const char *s, size_t n);
int    rk_is_function_word(const char *s, size_t n);
/** Number of tokens in a cleaned name. */
int    rk_name_tokens(const char *name);
/** Last / first token of a name (pointers into @p name, length in *n). */
const char *rk_name_last(const char *name, size_t *n);
const char *rk_name_first(const char *name, size_t *n);

/* ---- credits.c ---- */
RkStatus rk_extract_credits(RkEx *x);

/* ---- structured.c ---- */
/** Fuse the page's JSON-LD (schema.org Review / Movie) into the review. */
RkStatus rk_extract_structured(RkEx *x);

/* ---- prose.c ---- */
RkStatus rk_extract_prose(RkEx *x);

/* ---- extract.c helpers the others use ---- */
RkStatus rk_ex_pending(RkEx *x, const char *name, const char *character, unsigned roles,
                       size_t s, size_t e, float conf, const char *rule);
RkStatus rk_ex_person(RkEx *x, const char *name, unsigned roles, size_t s, size_t e,
                      float conf, const char *rule, size_t *idx);
RkEvidence rk_ex_evidence(const RkEx *x, size_t s, size_t e, float conf, const char *rule);
/** Index of a known person the name refers to (full name, or a surname /
 *  first name that is unique among the people found so far), or RK_NONE. */
size_t   rk_ex_lookup(const RkEx *x, const char *name, unsigned roles);
/** Is [s, s+n) (case-insensitive) one of the reviewed film's titles? */
int      rk_ex_is_title(const RkEx *x, const char *s, size_t n);
/** Does [s, e) of @p t name a month as a word? */
int      rk_ex_has_month(const char *t, size_t s, size_t e);
/** Record a language (as its BCP 47 tag when known) / a country (with its
 *  ISO code when known) the review states for the film. */
RkStatus rk_ex_language(RkEx *x, const char *name, size_t n);
RkStatus rk_ex_country(RkEx *x, const char *name, size_t n);
/** Propose a title for the film with the weight of its source; an
 *  alternate title is added to whatever title is chosen. */
RkStatus rk_ex_title_candidate(RkEx *x, const char *s, size_t n, double base);
RkStatus rk_ex_title_alternate(RkEx *x, const char *s, size_t n);
/** Is @p name (or a form of it) a character some performer plays here? */
int      rk_ex_is_character(const RkEx *x, const char *name);
/** The first j in [i, end) where a space stands before the letter @p c1
 *  or @p c2 (lower case) in x->lower: where a cue word can start (prose.c;
 *  sixteen places a step with SSE2). */
size_t   rk_ex_next_word_start(const RkEx *x, size_t i, size_t end, char c1, char c2);

#endif
