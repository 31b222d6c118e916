/* extract.h - stage 3: find the facts a zoned document states.
 *
 * Credits blocks, prose patterns and bylines become an RkReview: the
 * reviewed film, people with their roles, who plays whom, critic,
 * publication and the further facts (runtime, country, rating ...).
 * Mentions of one person inside the review are merged here (within-review
 * coreference); keys for the whole graph are the resolver's job.
 */
#ifndef REVIEWKG_EXTRACT_H
#define REVIEWKG_EXTRACT_H

#include "reviewkg/status.h"
#include "reviewkg/reader.h"
#include "reviewkg/zone.h"
#include "reviewkg/review.h"
#include "reviewkg/lexicon.h"

/** Extract the facts of @p doc.  @p lex is borrowed and only read, so
 *  several threads may extract with one lexicon.
 *  @return RK_OK and a new review in @p out (rk_review_free it). */
RkStatus rk_extract(const RkLexicon *lex, const RkDoc *doc, const RkZones *zones,
                    const RkLog *log, RkReview **out);

#endif
