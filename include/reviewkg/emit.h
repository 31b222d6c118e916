/* emit.h - stage 5: a resolved review becomes triples; writers serialise them.
 *
 * rk_emit_review() turns an RkReview into schema.org triples (the facts
 * graph) and PROV-O/NIF triples (the provenance graph) sent to a sink.
 * An RkWriter is a sink that serialises: N-Triples and N-Quads stream out
 * per document (written here, in the bytes raptor2 would write), Turtle
 * and RDF/XML are pretty-printed by raptor2 at the end.  RkRdf is the one
 * raptor world of the process.
 */
#ifndef REVIEWKG_EMIT_H
#define REVIEWKG_EMIT_H

#include <stdio.h>
#include "reviewkg/status.h"
#include "reviewkg/review.h"
#include "reviewkg/sink.h"

#define RK_NS_SCHEMA "http://schema.org/"
#define RK_NS_RDF    "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RK_NS_RDFS   "http://www.w3.org/2000/01/rdf-schema#"
#define RK_NS_XSD    "http://www.w3.org/2001/XMLSchema#"
#define RK_NS_PROV   "http://www.w3.org/ns/prov#"
#define RK_NS_NIF    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define RK_NS_ITSRDF "http://www.w3.org/2005/11/its/rdf#"
#define RK_NS_DCT    "http://purl.org/dc/terms/"
#define RK_NS_RKV    "https://w3id.org/reviewkg/vocab#"
#define RK_DEFAULT_BASE "https://w3id.org/reviewkg/id/"

typedef enum {
  RK_SYNTAX_TURTLE, RK_SYNTAX_NTRIPLES, RK_SYNTAX_NQUADS, RK_SYNTAX_RDFXML, RK_SYNTAX_DOT
} RkSyntax;

/** Parse a syntax name ("turtle", "ttl", "ntriples", "nt", "nquads", "nq",
 *  "rdfxml", "dot").  @return RK_OK or RK_ERR_BAD_ARG. */
RkStatus rk_syntax_parse(const char *name, RkSyntax *out);
/** Does the syntax stream statement by statement (no buffering)? */
int rk_syntax_streams(RkSyntax s);

typedef struct {
  const char *base;            /* IRI prefix of minted IRIs (RK_DEFAULT_BASE) */
  int         provenance;      /* also emit the provenance graph */
  double      min_confidence;  /* drop text-derived facts below this */
} RkEmitOpts;

void rk_emit_opts_default(RkEmitOpts *o);

/** Send DOC_BEGIN, the review's triples, DOC_END to @p sink.  Keys must be
 *  set (rk_resolve).  @return RK_OK or the first error of the sink. */
RkStatus rk_emit_review(const RkReview *r, const RkEmitOpts *opts, const RkSink *sink);

/** Build the graph IRI of a review id under @p base (caller frees). */
char *rk_review_graph_iri(const char *base, const char *review_id);

/* ---- the process's raptor world ---- */
typedef struct RkRdf RkRdf;
RkStatus rk_rdf_new(RkRdf **out);
void     rk_rdf_free(RkRdf *rdf);
/** The raptor_world* behind @p rdf, for the store to share. */
void    *rk_rdf_raptor_world(RkRdf *rdf);

/* ---- serialisers ---- */
typedef struct RkWriter RkWriter;

/** A writer of @p syntax onto @p out (borrowed; not closed).  @p base is
 *  used for prefixes; with @p with_graphs false, N-Quads graph names and
 *  provenance graphs are dropped (N-Triples and Turtle carry one graph).
 *  @p where names the output in messages. */
RkStatus rk_writer_new(RkRdf *rdf, RkSyntax syntax, FILE *out, const char *where,
                       const char *base, const RkLog *log, RkWriter **res);
RkSink   rk_writer_sink(RkWriter *w);
/** Also write provenance graphs in a syntax without graph names
 *  (N-Triples, Turtle); N-Quads always keeps them, with their names. */
void     rk_writer_keep_provenance(RkWriter *w, int keep);
/** Flush what a pretty writer buffered; RK_ERR_IO when the output failed. */
RkStatus rk_writer_finish(RkWriter *w);
void     rk_writer_free(RkWriter *w);

#endif
