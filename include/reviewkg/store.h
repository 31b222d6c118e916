/* store.h - stage 6: the Redland store that holds one named graph per review.
 *
 * A store spec names the backend:
 *   sqlite:PATH           embedded default (indexed, WAL, transactions)
 *   mysql:k=v,k=v...      MariaDB through Redland's mysql module (layout v2)
 *   hashes:DIR/NAME       Berkeley DB hashes: fast, single-process only,
 *                         guarded by an exclusive lock file
 * Loading a review replaces its graphs inside a transaction, so a store
 * always holds a review wholly old or wholly new.
 */
#ifndef REVIEWKG_STORE_H
#define REVIEWKG_STORE_H

#include <stdio.h>
#include "reviewkg/status.h"
#include "reviewkg/sink.h"
#include "reviewkg/emit.h"

#define RK_DEFAULT_STORE "sqlite:output/reviewkg.db"

typedef struct RkStore RkStore;

typedef enum { RK_STORE_READ, RK_STORE_WRITE } RkStoreMode;

/** Open (creating it when writing and it does not exist) the store of
 *  @p spec.  @return RK_OK; RK_ERR_BAD_ARG for a bad spec; RK_ERR_LOCKED
 *  when another writer holds it; RK_ERR_STORE otherwise. */
RkStatus rk_store_open(RkRdf *rdf, const char *spec, RkStoreMode mode,
                       const RkLog *log, RkStore **out);
/** Commit what is pending and close; NULL is fine. */
RkStatus rk_store_close(RkStore *st);

/** A sink that loads documents: DOC_BEGIN drops the review's graphs,
 *  TRIPLEs are added to their graph, and reviews are committed in batches
 *  (every @p batch documents and at rk_store_close). */
RkSink   rk_store_sink(RkStore *st);
void     rk_store_set_batch(RkStore *st, int batch);

/** Run a SPARQL query; results go to @p out in @p format ("table", "csv",
 *  "tsv", "json", "xml"; graphs from CONSTRUCT/DESCRIBE as "turtle" or
 *  "ntriples").  @return RK_OK, RK_ERR_QUERY for a bad query. */
RkStatus rk_store_query(RkStore *st, const char *sparql, const char *format, FILE *out);

/** What a query returns: rows, a boolean, or a graph (CONSTRUCT and
 *  DESCRIBE).  RK_QUERY_UPDATE is SPARQL Update, which no call runs. */
typedef enum { RK_QUERY_SELECT, RK_QUERY_ASK, RK_QUERY_GRAPH, RK_QUERY_UPDATE } RkQueryForm;

/** Parse @p sparql without running it and tell its form (to choose a
 *  result format first).  @return RK_OK; RK_ERR_QUERY when it does not
 *  parse, with rasqal's message sent to the log. */
RkStatus rk_store_query_form(RkStore *st, const char *sparql, RkQueryForm *out);

/** Called with each row of a SELECT: @p row[i] is the value of the
 *  query's i-th variable, with a NULL value when it is unbound.  The
 *  strings are valid only during the call; a non-OK return stops the
 *  walk and comes back out of rk_store_select. */
typedef RkStatus (*RkRowFunc)(void *handle, int ncols, const RkTerm *row);

/** Run a SPARQL SELECT and call @p fn for each row, in the store's order
 *  (rows are not de-duplicated).  @return RK_OK, RK_ERR_QUERY for a bad
 *  query or one that is not a SELECT, or what @p fn returned. */
RkStatus rk_store_select(RkStore *st, const char *sparql, RkRowFunc fn, void *handle);

/** Load an N-Quads file ("-": standard input) as `reviewkg export` writes
 *  it: each graph named in it replaces that graph in the store, the whole
 *  file in one transaction (on mysql, transactions of 100k quads).
 *  @p quads gets the statements read.  @return RK_OK; RK_ERR_PARSE when
 *  the file is not N-Quads or a statement has no graph (nothing of it is
 *  kept); RK_ERR_IO, RK_ERR_STORE. */
RkStatus rk_store_load(RkStore *st, const char *path, long *quads);

/** Remove a review's graphs, given its graph or review IRI. */
RkStatus rk_store_forget(RkStore *st, const char *iri);

typedef struct { long reviews, films, people, outlets, triples; } RkStoreStats;
RkStatus rk_store_stats(RkStore *st, RkStoreStats *out);

/** Write every statement with its graph (N-Quads) or without (others). */
RkStatus rk_store_export(RkStore *st, RkSyntax syntax, FILE *out);

/** Call @p fn for every film title in the store (to seed the resolver). */
typedef RkStatus (*RkFilmFunc)(void *handle, const char *film_iri, const char *title);
RkStatus rk_store_each_film_title(RkStore *st, RkFilmFunc fn, void *handle);

#endif
