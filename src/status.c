/* status.c - status names and the logging helper.
 * Every module reports through rk_log(); main decides where it goes. */
#include <stdio.h>
#include "reviewkg/status.h"

const char *
rk_strerror(RkStatus st)
{
  switch (st) {
  case RK_OK:           return "success";
  case RK_NO_MATCH:     return "nothing found";
  case RK_ERR_NOMEM:    return "out of memory";
  case RK_ERR_IO:       return "input/output error";
  case RK_ERR_PARSE:    return "cannot parse";
  case RK_ERR_INPUT:    return "input refused";
  case RK_ERR_RDF:      return "RDF error";
  case RK_ERR_STORE:    return "store error";
  case RK_ERR_LOCKED:   return "store is locked by another writer";
  case RK_ERR_QUERY:    return "query error";
  case RK_ERR_BAD_ARG:  return "bad argument";
  case RK_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

void
rk_log(const RkLog *log, RkLogLevel level, const char *where, const char *fmt, ...)
{
  char    text[1024];
  va_list ap;

  if (!log || !log->message)
    return;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  log->message(log->handle, level, where, text);
}
