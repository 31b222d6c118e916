/* cues.c - which cue phrases each line of a document holds.
 *
 * The rules of prose.c and extract.c each look for a few phrases ("played
 * by", " as ", "director of"); most lines hold none of a rule's phrases.
 * One pass of an Aho-Corasick automaton over each line, ASCII case folded
 * as rk_at compares, records which phrase groups occur, so a rule can skip
 * a line that cannot match.  The automaton is built once per process.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "extract_impl.h"

/* Each rule's phrases, as the rule tests them: a phrase here must be a
 * substring of every text the rule can fire on, so skipping a line
 * without it changes nothing. */
static const struct { const char *phrase; RkCueSet group; } phrases[] = {
  { "(", RK_CUE_PAREN },
  { " as ", RK_CUE_AS },
  { " plays ", RK_CUE_PLAYS }, { " played ", RK_CUE_PLAYS }, { " portrays ", RK_CUE_PLAYS },
  { " played by ", RK_CUE_PLAYED_BY }, { " voiced by ", RK_CUE_PLAYED_BY },
  { " portrayed by ", RK_CUE_PLAYED_BY },
  { " character played ", RK_CUE_CHARACTER_PLAYED },
  { " the role of ", RK_CUE_ROLE_OF }, { " the part of ", RK_CUE_ROLE_OF },
  { " character of ", RK_CUE_ROLE_OF },
  { " by ", RK_CUE_BY },
  { "director of ", RK_CUE_DIRECTOR_OF },
  /* performer_cues: "star" covers stars, starring, co-star, costar, "is the
   * star"; "lead" leading man and lady; "turn" turns from */
  { "star", RK_CUE_PERFORMER }, { "actor", RK_CUE_PERFORMER }, { "actress", RK_CUE_PERFORMER },
  { "lead", RK_CUE_PERFORMER }, { "performance", RK_CUE_PERFORMER }, { "turn", RK_CUE_PERFORMER },
  { "portrayal", RK_CUE_PERFORMER }, { "steals the", RK_CUE_PERFORMER },
  { "cameo", RK_CUE_PERFORMER }, { "cast", RK_CUE_PERFORMER },  /* "cameos from", "cast including" */
  { "narrat", RK_CUE_PERFORMER },  /* "narrated by", "narrator" */
  { "featuring", RK_CUE_PERFORMER },
  /* directors: cue words, "X movie", and possessives ('s, ’s, s') */
  { "director", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD }, { "filmmaker", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD },
  { "film-maker", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD }, { "helmer", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD },
  { "auteur", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD }, { "directed by", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD },
  { "helmed by", RK_CUE_DIRECTOR | RK_CUE_DIRECTOR_WORD },
  { " directing ", RK_CUE_DIRECTOR_WORD }, { " directs ", RK_CUE_DIRECTOR_WORD },
  { "directed and ", RK_CUE_DIRECTOR_WORD }, { "directed, ", RK_CUE_DIRECTOR_WORD },  /* "... and designed by" */
  { " movie ", RK_CUE_DIRECTOR }, { " film ", RK_CUE_DIRECTOR },
  { "'", RK_CUE_APOSTROPHE }, { "\xe2\x80\x99", RK_CUE_APOSTROPHE },
  /* crew: every cue before a name; the nouns after one need a possessive */
  { "writer", RK_CUE_CREW }, { "screenplay", RK_CUE_CREW }, { "written", RK_CUE_CREW },
  { "composer", RK_CUE_CREW }, { "score by", RK_CUE_CREW }, { "music by", RK_CUE_CREW },
  { "cinematographer", RK_CUE_CREW }, { "director of photography", RK_CUE_CREW },
  { "cinematography by", RK_CUE_CREW }, { "photographed by", RK_CUE_CREW },
  { "story by", RK_CUE_CREW }, { "script by", RK_CUE_CREW }, { "editor", RK_CUE_CREW },
  /* title candidates */
  { "\"", RK_CUE_QUOTE }, { "\xe2\x80\x9c", RK_CUE_QUOTE },
  { " is ", RK_CUE_IS_WAS }, { " was ", RK_CUE_IS_WAS },
  /* subtitle_languages, outlet_phrases */
  { "subtitle", RK_CUE_SUBTITLE },
  { "popular on ", RK_CUE_OUTLET }, { "more from ", RK_CUE_OUTLET }, { "donation to ", RK_CUE_OUTLET },
  { "subscribe to ", RK_CUE_OUTLET }, { "published on ", RK_CUE_OUTLET },
  { "photo provided to ", RK_CUE_OUTLET }, { "follow other ", RK_CUE_OUTLET },
  { "copyright ", RK_CUE_OUTLET }, { "\xc2\xa9 ", RK_CUE_OUTLET }, { "exclusive to ", RK_CUE_OUTLET },
  { "full review", RK_CUE_OUTLET },
  /* own_character_named; part_of_title ("the plot of Title");
   * directed_by_opener uses the DIRECTOR group's "directed by" */
  { " his character", RK_CUE_OWN_CHARACTER }, { " her character", RK_CUE_OWN_CHARACTER },
  { "the plot of ", RK_CUE_PART_OF }, { "the premise of ", RK_CUE_PART_OF },
  { "minutes of ", RK_CUE_PART_OF },
  /* described_performer_list: its nouns "performance(s)", "turns" */
  { "performance", RK_CUE_PERFORMANCES }, { "turns", RK_CUE_PERFORMANCES },
  /* verdict_in: "X is superb in the role" */
  { " in this", RK_CUE_IN_VERDICT }, { " in the role", RK_CUE_IN_VERDICT }, { " in the title role", RK_CUE_IN_VERDICT },
  { " in the lead", RK_CUE_IN_VERDICT }, { " in the part", RK_CUE_IN_VERDICT }, { " in the film", RK_CUE_IN_VERDICT },
  { " in the movie", RK_CUE_IN_VERDICT },
  /* played_by_aside: "Marge--played marvelously by X" */
  { "played ", RK_CUE_PLAYED_ANY }, { "portrayed ", RK_CUE_PLAYED_ANY }, { "voiced ", RK_CUE_PLAYED_ANY },
  /* source_work_prose: a stem of each work it names before " by " ("based
   * on", "collection", "short story", "memoir"); stems keep the automaton small */
  { "based", RK_CUE_SOURCE_WORK }, { "collect", RK_CUE_SOURCE_WORK }, { "novel", RK_CUE_SOURCE_WORK },
  { "short", RK_CUE_SOURCE_WORK }, { "book", RK_CUE_SOURCE_WORK }, { "memoir", RK_CUE_SOURCE_WORK },
  { "play ", RK_CUE_SOURCE_WORK },
  /* credit labels (credits.c): every label but the bare ones needs a colon
   * after it; each bare label holds one of these ("directed by" covers
   * "written and directed by", "co-directed by") */
  { ":", RK_CUE_CREDIT_LABEL }, { "directed by", RK_CUE_CREDIT_LABEL }, { "director", RK_CUE_CREDIT_LABEL },
  { "dir.", RK_CUE_CREDIT_LABEL }, { "cast.", RK_CUE_CREDIT_LABEL }, { "starring", RK_CUE_CREDIT_LABEL },
  { "featuring", RK_CUE_CREDIT_LABEL },
  { "written by", RK_CUE_CREDIT_LABEL }, { "screenplay by", RK_CUE_CREDIT_LABEL },
  { "music by", RK_CUE_CREDIT_LABEL }, { "score by", RK_CUE_CREDIT_LABEL },
  { "cinematography by", RK_CUE_CREDIT_LABEL }, { "edited by", RK_CUE_CREDIT_LABEL },
  { "produced by", RK_CUE_CREDIT_LABEL }, { "running time", RK_CUE_CREDIT_LABEL },
  { "run time", RK_CUE_CREDIT_LABEL }, { "language", RK_CUE_CREDIT_LABEL },
  { "based on", RK_CUE_CREDIT_LABEL }, { "opens", RK_CUE_CREDIT_LABEL },
  { NULL, 0 }
};

/* 37 classes and 585 states are in use; a row is 88 bytes, so 740 rows
 * keep offsets in 16 bits */
enum { MAX_STATES = 740, MAX_CLASSES = 40 };

/* One state.  A transition holds the byte offset of the next state's row,
 * not its number, and the state's groups sit in its row: the scan's step
 * per byte is then two loads and an OR, with no multiply. */
typedef struct {
  uint16_t next[MAX_CLASSES];  /* input class -> offset of the next row (complete) */
  RkCueSet out;                /* groups that end at this state */
} Row;

_Static_assert((size_t)MAX_STATES * sizeof(Row) <= 65536, "a row offset must fit in 16 bits");

typedef struct {
  unsigned char class_of[256];            /* byte -> input class (letters folded) */
  int           n_classes;
  Row           rows[MAX_STATES];
  int           n_states;
  size_t        longest;                  /* bytes of the longest phrase */
} Automaton;

static Automaton      automaton;
static int            automaton_ok;
static pthread_once_t automaton_once = PTHREAD_ONCE_INIT;

static void
build_automaton(void)
{
  Automaton *a = &automaton;
  uint16_t   trie[MAX_STATES][MAX_CLASSES];  /* 0: no edge (the root has no parent edge) */
  uint16_t   fail[MAX_STATES], queue[MAX_STATES];

  memset(a, 0, sizeof *a);
  memset(trie, 0, sizeof trie);
  /* class 0 is every byte no phrase uses; letters are folded */
  a->n_classes = 1;
  for (int i = 0; phrases[i].phrase; i++)
    for (const unsigned char *p = (const unsigned char *)phrases[i].phrase; *p; p++) {
      unsigned char c = rk_isupper(*p) ? (unsigned char)(*p | 0x20) : *p;
      if (!a->class_of[c]) {
        if (a->n_classes == MAX_CLASSES)
          return;
        a->class_of[c] = (unsigned char)a->n_classes++;
      }
    }
  for (int c = 'A'; c <= 'Z'; c++)
    a->class_of[c] = a->class_of[c | 0x20];

  a->n_states = 1;
  for (int i = 0; phrases[i].phrase; i++) {
    int s = 0;
    for (const unsigned char *p = (const unsigned char *)phrases[i].phrase; *p; p++) {
      int c = a->class_of[*p];
      if (!trie[s][c]) {
        if (a->n_states == MAX_STATES)
          return;
        trie[s][c] = (uint16_t)a->n_states++;
      }
      s = trie[s][c];
    }
    a->rows[s].out |= phrases[i].group;
    if (strlen(phrases[i].phrase) > a->longest)
      a->longest = strlen(phrases[i].phrase);
  }
  /* breadth first: failure links, inherited outputs, complete transitions
   * (as state numbers here; made offsets at the end) */
  int head = 0, tail = 0;
  for (int c = 0; c < a->n_classes; c++) {
    int s = trie[0][c];
    a->rows[0].next[c] = (uint16_t)s;
    if (s) {
      fail[s] = 0;
      queue[tail++] = (uint16_t)s;
    }
  }
  while (head < tail) {
    int s = queue[head++];
    a->rows[s].out |= a->rows[fail[s]].out;
    for (int c = 0; c < a->n_classes; c++) {
      int u = trie[s][c];
      if (u) {
        fail[u] = a->rows[fail[s]].next[c];
        a->rows[s].next[c] = (uint16_t)u;
        queue[tail++] = (uint16_t)u;
      } else {
        a->rows[s].next[c] = a->rows[fail[s]].next[c];
      }
    }
  }
  for (int s = 0; s < a->n_states; s++)
    for (int c = 0; c < a->n_classes; c++)
      a->rows[s].next[c] = (uint16_t)(a->rows[s].next[c] * sizeof(Row));
  automaton_ok = 1;
}

/* The state after @p r on byte @p c. */
static inline const Row *
step(const Row *r, unsigned char c)
{
  return (const Row *)((const char *)automaton.rows + r->next[automaton.class_of[c]]);
}

/* A line at least this long is scanned as four quarters at once (if the
 * overlap fits in a quarter).  Short: the overlap's extra steps cost less
 * than a single walk's waits from a hundred bytes up (cues 3.0 -> 2.6 ms
 * on corpus-1000; eight parts were slower than four). */
#define SPLIT_MIN 96

/* The groups of the phrases that end in t[p..end), walking on from state
 * @p r, one byte a step. */
static RkCueSet
scan_from(const Row *r, const unsigned char *t, size_t p, size_t end)
{
  RkCueSet have = 0;

  /* four bytes a round: the loop's own test costs as much as a step */
  for (; p + 4 <= end; p += 4) {
    r = step(r, t[p]);     have |= r->out;
    r = step(r, t[p + 1]); have |= r->out;
    r = step(r, t[p + 2]); have |= r->out;
    r = step(r, t[p + 3]); have |= r->out;
  }
  for (; p < end; p++) {
    r = step(r, t[p]);
    have |= r->out;
  }
  return have;
}

/* scan_from for a long line: each step waits for the one before (a load
 * of the next row), so four quarters walked side by side take about half
 * the time.  Each quarter but the first starts from the root a phrase
 * length early: the automaton's state is the longest phrase prefix that
 * ends at the byte, so after that many bytes it is the state a walk of
 * the whole line has, and what it finds before is in the line too. */
static RkCueSet
scan_quarters(const unsigned char *t, size_t p, size_t end)
{
  const Row *a = automaton.rows, *b = automaton.rows, *c = automaton.rows, *d = automaton.rows;
  RkCueSet   have = 0;
  size_t     k = (end - p) / 4, early = automaton.longest - 1, i;
  size_t     pb = p + k - early, pc = p + 2 * k - early, pd = p + 3 * k - early;

  for (i = 0; i < k; i++) {
    a = step(a, t[p + i]);  have |= a->out;
    b = step(b, t[pb + i]); have |= b->out;
    c = step(c, t[pc + i]); have |= c->out;
    d = step(d, t[pd + i]); have |= d->out;
  }
  /* the other quarters run on over the overlap, the last to the end */
  for (; i < k + early; i++) {
    b = step(b, t[pb + i]); have |= b->out;
    c = step(c, t[pc + i]); have |= c->out;
    d = step(d, t[pd + i]); have |= d->out;
  }
  return have | scan_from(d, t, pd + i, end);
}

RkStatus
rk_cues_scan(RkEx *x)
{
  const RkZones       *z = x->zones;
  const unsigned char *t = (const unsigned char *)x->text;

  pthread_once(&automaton_once, build_automaton);
  if (!(x->line_cues = rk_calloc(z->n + 1, sizeof *x->line_cues)))
    return RK_ERR_NOMEM;
  for (size_t i = 0; i < z->n; i++) {
    size_t p = z->lines[i].start, end = z->lines[i].end;

    if (!automaton_ok)
      x->line_cues[i] = ~(RkCueSet)0;  /* no automaton: every rule looks */
    else if (end - p >= SPLIT_MIN && (end - p) / 4 >= automaton.longest)  /* the overlap fits */
      x->line_cues[i] = scan_quarters(t, p, end);
    else
      x->line_cues[i] = scan_from(automaton.rows, t, p, end);
  }
  return RK_OK;
}

const char *
rk_cue_phrase(size_t i, RkCueSet *group)
{
  if (i >= sizeof phrases / sizeof *phrases - 1)
    return NULL;
  *group = phrases[i].group;
  return phrases[i].phrase;
}
