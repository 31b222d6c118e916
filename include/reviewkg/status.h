/* status.h - error codes and the log callback shared by every stage.
 *
 * Fallible calls return RkStatus; results come back through a last
 * out-parameter that is set only on success.  What went wrong and where
 * (file, message) goes to an RkLog, never to stderr directly.
 */
#ifndef REVIEWKG_STATUS_H
#define REVIEWKG_STATUS_H

#include <stdarg.h>

typedef enum {
  RK_OK = 0,
  RK_NO_MATCH,      /* not an error: nothing here, carry on */
  RK_ERR_NOMEM,
  RK_ERR_IO,
  RK_ERR_PARSE,     /* the input is not what it claims to be */
  RK_ERR_INPUT,     /* the input is refused: binary, empty, over a limit */
  RK_ERR_RDF,
  RK_ERR_STORE,
  RK_ERR_LOCKED,    /* another writer holds the store */
  RK_ERR_QUERY,
  RK_ERR_BAD_ARG,
  RK_ERR_INTERNAL
} RkStatus;

/** A short English description of @p st; never NULL. */
const char *rk_strerror(RkStatus st);

typedef enum { RK_LOG_ERROR, RK_LOG_WARN, RK_LOG_INFO, RK_LOG_DEBUG } RkLogLevel;

/** Where messages go.  @c where names the file or store the message is
 *  about (may be NULL).  Logging cannot fail, so the callback is void. */
typedef struct {
  void *handle;
  void (*message)(void *handle, RkLogLevel level, const char *where, const char *text);
} RkLog;

/** Format and send one message; a NULL @p log drops it. */
void rk_log(const RkLog *log, RkLogLevel level, const char *where, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

#endif
