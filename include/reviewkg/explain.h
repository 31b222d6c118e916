/* explain.h - why the store holds what it holds about one entity.
 *
 * Given an IRI or a name, prints every fact about the entity (from the
 * reviews' facts graphs) and the evidence behind it (from their provenance
 * graphs: the source document, the rule, character offsets, confidence).
 * Reads the store only through store.h.
 */
#ifndef REVIEWKG_EXPLAIN_H
#define REVIEWKG_EXPLAIN_H

#include <stdio.h>
#include "reviewkg/status.h"
#include "reviewkg/store.h"

/** Print to @p out, as text tables, the facts and the evidence of each
 *  entity @p what names: an IRI (http:, https:, urn:) names itself; any
 *  other text matches schema:name or schema:alternateName, ignoring case,
 *  accents and punctuation (rk_key), and may name several entities.
 *  @return RK_OK; RK_NO_MATCH when nothing in the store matches (nothing is
 *  printed); RK_ERR_QUERY or RK_ERR_STORE when the store fails; RK_ERR_IO
 *  when @p out cannot be written; RK_ERR_NOMEM. */
RkStatus rk_explain(RkStore *st, const char *what, FILE *out);

#endif
