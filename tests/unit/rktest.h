/* rktest.h - what every unit test shares: Check, a log that records the
 * last message, and a runner main. */
#ifndef RKTEST_H
#define RKTEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reviewkg/status.h"

/* The last message logged, so tests can assert that an error names its file. */
static char rktest_last_msg[2048];
static int  rktest_n_msgs;

static void
rktest_log_message(void *handle, RkLogLevel level, const char *where, const char *text)
{
  (void)handle; (void)level;
  snprintf(rktest_last_msg, sizeof rktest_last_msg, "%s: %s", where ? where : "-", text);
  rktest_n_msgs++;
}

static const RkLog rktest_log = { NULL, rktest_log_message };

/* Absolute path of a file under the source tree (tests run from the build dir). */
static inline const char *
rktest_src(const char *rel)
{
  static char path[4096];
  const char *top = getenv("top_srcdir");
  snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
  return path;
}

#define RKTEST_MAIN(suite_fn)                                  \
  int main(void)                                               \
  {                                                            \
    SRunner *sr = srunner_create(suite_fn());                  \
    int failed;                                                \
    srunner_run_all(sr, CK_NORMAL);                            \
    failed = srunner_ntests_failed(sr);                        \
    srunner_free(sr);                                          \
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;               \
  }

#endif
