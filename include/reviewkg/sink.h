/* sink.h - the event stream that carries triples from emission to writers.
 *
 * A producer calls a sink once per event; a non-OK return stops it and
 * comes back out of the producer.  Event data is valid only during the
 * call: copy what you keep.
 */
#ifndef REVIEWKG_SINK_H
#define REVIEWKG_SINK_H

#include <stddef.h>
#include "reviewkg/status.h"

typedef enum { RK_TERM_IRI, RK_TERM_LITERAL, RK_TERM_BLANK } RkTermType;

typedef struct {
  RkTermType  type;
  const char *value;     /* IRI, lexical form or blank label */
  const char *datatype;  /* literal datatype IRI or NULL */
  const char *lang;      /* literal language tag or NULL */
} RkTerm;

typedef struct {
  RkTerm      s, p, o;
  const char *graph;     /* IRI of the named graph it belongs to */
} RkTriple;

/** What a document's events are about. */
typedef struct {
  const char *path;        /* the input document */
  const char *review_iri;
  const char *graph;       /* facts graph IRI */
  const char *prov_graph;  /* provenance graph IRI */
} RkDocInfo;

typedef enum { RK_EV_DOC_BEGIN, RK_EV_TRIPLE, RK_EV_DOC_END } RkEventType;

typedef struct {
  RkEventType type;
  union {
    const RkDocInfo *doc;     /* DOC_BEGIN, DOC_END */
    const RkTriple  *triple;  /* TRIPLE */
  } body;
} RkEvent;

typedef RkStatus (*RkSinkFunc)(void *handle, const RkEvent *event);
typedef struct { void *handle; RkSinkFunc on_event; } RkSink;

/** Send @p ev to @p sink. */
static inline RkStatus rk_sink_send(const RkSink *sink, const RkEvent *ev)
{
  return sink->on_event(sink->handle, ev);
}

/** A sink that accepts and drops everything. */
RkSink rk_sink_null(void);

/** Sends every event to both sinks, the first first. */
typedef struct { RkSink a, b; } RkTee;
RkSink rk_sink_tee(RkTee *tee);

/** Counts what passes through and forwards it (next may be a null sink). */
typedef struct { RkSink next; size_t docs, triples; } RkCounter;
RkSink rk_sink_counter(RkCounter *c);

#endif
