/* serve.h - a read-only SPARQL 1.1 Protocol endpoint over the store.
 *
 * libmicrohttpd answers HTTP; each query runs in a child process of its
 * own that opens the store read-only, so a query that runs too long is
 * killed (rasqal cannot be cancelled and librdf is not thread-safe).
 */
#ifndef REVIEWKG_SERVE_H
#define REVIEWKG_SERVE_H

#include <stdio.h>
#include "reviewkg/status.h"
#include "reviewkg/emit.h"

#define RK_SERVE_PORT        8890
#define RK_SERVE_BIND        "127.0.0.1"
#define RK_SERVE_TIMEOUT     30
#define RK_SERVE_MAX_CLIENTS 8

typedef struct {
  const char *store;        /* store spec (RK_DEFAULT_STORE when NULL) */
  const char *bind;         /* numeric IPv4 or IPv6 address to listen on */
  int         port;         /* TCP port; 0 picks a free one */
  int         timeout;      /* seconds a query may run before it is killed */
  int         max_clients;  /* queries running at once; more get 503 */
  FILE       *access_log;   /* one line per request, or NULL for none */
  FILE       *announce;     /* gets "listening on URL" once listening, or NULL */
} RkServeOpts;

/** Fill @p o with the defaults (RK_SERVE_*; no access log, no announce). */
void     rk_serve_opts_default(RkServeOpts *o);

/** Check that the store opens, listen, and answer SPARQL queries on
 *  /sparql until SIGINT or SIGTERM arrives (both are blocked in the
 *  calling thread meanwhile, and SIGPIPE ignored).  Queries still running
 *  then are killed.  Messages go to @p log.
 *  @return RK_OK after a signal; RK_ERR_BAD_ARG for a bad address or
 *  option; RK_ERR_IO when it cannot listen; a store status when the
 *  store does not open. */
RkStatus rk_serve(RkRdf *rdf, const RkServeOpts *o, const RkLog *log);

/** The query process the server starts for each query (the hidden
 *  command `reviewkg __serve-query ...`); never returns. */
int rk_serve_query_child(int argc, char **argv) __attribute__((noreturn));

#endif
