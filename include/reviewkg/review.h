/* review.h - what one review says: the record extraction fills, resolution
 * keys and emission turns into triples.
 *
 * People are one entry per distinct person of the document (after
 * within-review coreference), with the set of roles the text gives them.
 * Every fact keeps the character offsets of the words it came from and a
 * confidence, for the provenance graph.
 */
#ifndef REVIEWKG_REVIEW_H
#define REVIEWKG_REVIEW_H

#include <stddef.h>
#include "reviewkg/status.h"
#include "reviewkg/util.h"

typedef enum {
  RK_ROLE_DIRECTOR        = 1u << 0,
  RK_ROLE_ACTOR           = 1u << 1,
  RK_ROLE_WRITER          = 1u << 2,
  RK_ROLE_COMPOSER        = 1u << 3,
  RK_ROLE_CINEMATOGRAPHER = 1u << 4,
  RK_ROLE_EDITOR          = 1u << 5,
  RK_ROLE_PRODUCER        = 1u << 6,
  RK_ROLE_CRITIC          = 1u << 7,
  RK_ROLE_SOURCE_AUTHOR   = 1u << 8,  /* wrote the work the film is based on */
  RK_ROLE_OTHER_DIRECTOR  = 1u << 9   /* directed another film the review names */
} RkRole;

/** Where a fact came from: character offsets into the document text. */
typedef struct {
  size_t begin, end;   /* code points, end exclusive; 0,0 when unknown */
  float  conf;         /* confidence in [0,1] */
  const char *rule;    /* static name of the rule that found it */
} RkEvidence;

typedef struct {
  char      *name;      /* the fullest form the review gives */
  RkStrList  aliases;   /* other forms used (surname, first name ...) */
  unsigned   roles;     /* RkRole bits */
  RkEvidence ev;        /* first, strongest mention */
  char      *key;       /* set by resolution: IRI key */
} RkPerson;

typedef struct {
  size_t     person;    /* index into people */
  char      *character; /* the character's name as written */
  RkEvidence ev;
} RkPlay;

typedef struct {
  char      *title;
  size_t     director;  /* index into people, or RK_NONE */
  RkEvidence ev;
  char      *key;       /* set by resolution */
} RkOtherFilm;

#define RK_NONE ((size_t)-1)

typedef struct {
  double     value, best, worst;  /* normalised; best == 0 when absent */
  char      *text;                /* as written ("4/5", "A", "****") */
  RkEvidence ev;
} RkRating;

typedef struct {
  /* the review */
  char       *doc_path;
  char       *doc_sha256;       /* hex of the raw bytes */
  char       *url;              /* from the page or the manifest, or NULL */
  char       *headline;
  char       *date;             /* ISO 8601 date when stated */
  size_t      critic;           /* person index or RK_NONE */
  char       *publication;      /* outlet name or NULL */
  RkEvidence  critic_ev, publication_ev;
  RkRating    rating;

  /* the reviewed film */
  RkStrList   titles;           /* titles.items[0] is the primary title */
  RkEvidence  title_ev;
  int         year;             /* 0 when not stated */
  int         runtime;          /* minutes, 0 when not stated */
  RkStrList   countries;        /* as written */
  RkStrList   country_codes;    /* ISO 3166-1 alpha-2 of each, "" when unknown */
  RkStrList   languages;        /* BCP 47 tags (the name as written when unknown) */
  char       *based_on;         /* title of the source work, or NULL */
  size_t      based_on_author;  /* person index or RK_NONE */

  RkPerson   *people;   size_t n_people,  cap_people;
  RkPlay     *plays;    size_t n_plays,   cap_plays;
  RkOtherFilm *others;  size_t n_others,  cap_others;

  /* set by resolution */
  char       *review_id;        /* short stable id: from url, else content hash */
  char       *film_key;
  char       *film_name;        /* the film's name graph-wide (first title keyed) */
  char       *publication_key;
} RkReview;

RkReview *rk_review_new(void);
void      rk_review_free(RkReview *r);

/** Index of the person whose name or alias folds equal to @p name, or RK_NONE. */
size_t    rk_review_find_person(const RkReview *r, const char *name);
/** Add @p name with @p roles, or add the roles to the person already there.
 *  Returns the index in @p out. */
RkStatus  rk_review_add_person(RkReview *r, const char *name, unsigned roles,
                               const RkEvidence *ev, size_t *out);
/** Record that people[@p person] plays @p character (no duplicates). */
RkStatus  rk_review_add_play(RkReview *r, size_t person, const char *character,
                             const RkEvidence *ev);
RkStatus  rk_review_add_other(RkReview *r, const char *title, size_t director,
                              const RkEvidence *ev);
/** Drop people that have no roles left and renumber every index. */
void      rk_review_compact(RkReview *r);

#endif
