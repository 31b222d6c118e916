/* sink.c - the trivial sinks: null, tee, counter.
 * Stages are wired by main through these; each is a small adapter so no
 * function pointer is ever cast. */
#include "reviewkg/sink.h"

static RkStatus
null_event(void *handle, const RkEvent *ev)
{
  return RK_OK;
}

RkSink rk_sink_null(void) { return (RkSink){ NULL, null_event }; }

static RkStatus
tee_event(void *handle, const RkEvent *ev)
{
  RkTee   *tee = handle;
  RkStatus st  = rk_sink_send(&tee->a, ev);

  return st ? st : rk_sink_send(&tee->b, ev);
}

RkSink rk_sink_tee(RkTee *tee) { return (RkSink){ tee, tee_event }; }

static RkStatus
counter_event(void *handle, const RkEvent *ev)
{
  RkCounter *c = handle;

  switch (ev->type) {
  case RK_EV_DOC_BEGIN: c->docs++; break;
  case RK_EV_TRIPLE:    c->triples++; break;
  case RK_EV_DOC_END:   break;
  }
  return rk_sink_send(&c->next, ev);
}

RkSink rk_sink_counter(RkCounter *c) { return (RkSink){ c, counter_event }; }
