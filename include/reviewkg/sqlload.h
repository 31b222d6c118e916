/* sqlload.h - the fast write path into a Redland sqlite store.
 *
 * librdf's sqlite module builds and parses SQL text for every node and
 * statement; this writes the same four tables (uris, blanks, literals,
 * triples) with prepared statements and a node-id cache, inside large
 * transactions.  The result is an ordinary Redland store: librdf and
 * rdfproc read it exactly as if librdf had written it (tests/cli/bulk.sh).
 * Only the store stage uses it; the caller holds the store's writer lock.
 */
#ifndef REVIEWKG_SQLLOAD_H
#define REVIEWKG_SQLLOAD_H

#include "reviewkg/status.h"
#include "reviewkg/sink.h"

typedef struct RkSqlLoad RkSqlLoad;

/** Open a writer on the existing store file @p path (its tables made by
 *  librdf).  @return RK_OK, RK_ERR_NOMEM or RK_ERR_STORE. */
RkStatus rk_sqlload_open(const char *path, const RkLog *log, RkSqlLoad **out);
/** Roll back what is not committed and close; NULL is fine. */
void     rk_sqlload_free(RkSqlLoad *ld);

/** Start a transaction unless one is open. */
RkStatus rk_sqlload_begin(RkSqlLoad *ld);
RkStatus rk_sqlload_commit(RkSqlLoad *ld);
void     rk_sqlload_rollback(RkSqlLoad *ld);
int      rk_sqlload_in_txn(const RkSqlLoad *ld);

/** A savepoint around one document, so a document that fails half way is
 *  undone without losing the others of the transaction. */
RkStatus rk_sqlload_mark(RkSqlLoad *ld);
RkStatus rk_sqlload_release(RkSqlLoad *ld);
void     rk_sqlload_undo(RkSqlLoad *ld);

/** Delete every statement of the named graph @p iri. */
RkStatus rk_sqlload_drop_graph(RkSqlLoad *ld, const char *iri);
/** Add the statement (@p s @p p @p o) to the named graph @p graph; the
 *  caller drops duplicates (librdf's context add does not either). */
RkStatus rk_sqlload_add(RkSqlLoad *ld, const RkTerm *s, const RkTerm *p, const RkTerm *o,
                        const char *graph);

#endif
