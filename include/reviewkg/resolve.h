/* resolve.h - stage 4: give every entity of a review its key in the graph.
 *
 * Keys are normalised names (never raw text), so one person, film or
 * outlet gets one IRI across reviews.  A resolver remembers, for one run
 * (or one store), every film title it has keyed, so that a review calling
 * the film by another of its titles ("De rouille et d'os" / "Rust and
 * Bone") joins the same node.  Reviews must be resolved in input order for
 * byte-identical output.
 */
#ifndef REVIEWKG_RESOLVE_H
#define REVIEWKG_RESOLVE_H

#include "reviewkg/status.h"
#include "reviewkg/review.h"

typedef struct RkResolver RkResolver;

RkStatus rk_resolver_new(RkResolver **out);
void     rk_resolver_free(RkResolver *res);

/** Make @p title (of a film from @p year, 0 if unknown) resolve to @p key
 *  from now on; used to seed the resolver from an existing store. */
RkStatus rk_resolver_add_film(RkResolver *res, const char *title, int year, const char *key);

/** The review id: 16 hex digits of the SHA-256 of @p url when known, else
 *  the first 16 of @p sha256_hex (the document's bytes). */
void     rk_review_id(const char *url, const char *sha256_hex, char out[17]);

/** Set every key of @p r: review_id, film_key, publication_key, each
 *  person's and other film's key. */
RkStatus rk_resolve(RkResolver *res, RkReview *r);

#endif
