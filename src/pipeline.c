/* pipeline.c - runs documents through the stages, in input order.
 *
 * Directories are walked recursively in sorted order (so runs are
 * reproducible), taking .txt, .text, .html, .htm and .xhtml files and not
 * following symbolic links to directories (no loops).  Owns nothing past
 * one call.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "reviewkg/pipeline.h"
#include "reviewkg/zone.h"
#include "reviewkg/extract.h"

typedef struct {
  const RkPipeline *pl;
  const RkSink     *sink;
  RkRunStats       *stats;
  RkStatus          fatal;     /* a sink error: the run stops */
  struct timespec   started;
  size_t            last_report;
} Run;

RkStatus
rk_pipeline_doc(const RkPipeline *pl, const RkDoc *doc, const RkSink *sink)
{
  RkZones  *zones = NULL;
  RkReview *review = NULL;
  RkStatus  st;

  if ((st = rk_zones_build(doc, &zones)) ||
      (st = rk_extract(pl->lex, doc, zones, pl->log, &review)) ||
      (st = rk_resolve(pl->resolver, review)))
    goto done;
  st = rk_emit_review(review, &pl->emit, sink);
done:
  rk_review_free(review);
  rk_zones_free(zones);
  return st;
}

static void
progress(Run *run, int final)
{
  struct timespec now;
  double          secs;
  size_t          done = run->stats->docs_ok + run->stats->docs_failed;

  if (!run->pl->progress || (!final && done - run->last_report < 50))
    return;
  run->last_report = done;
  clock_gettime(CLOCK_MONOTONIC, &now);
  secs = (double)(now.tv_sec - run->started.tv_sec) + (now.tv_nsec - run->started.tv_nsec) / 1e9;
  fprintf(stderr, "\rreviewkg: %zu documents (%zu failed), %.1f docs/s, %.1f MB%s",
          done, run->stats->docs_failed, secs > 0 ? done / secs : 0.0,
          run->stats->bytes / 1e6, final ? "\n" : "");
  fflush(stderr);
}

static void
one_file(Run *run, const char *path)
{
  RkDoc   *doc = NULL;
  RkStatus st  = rk_doc_read(path, &run->pl->limits, run->pl->log, &doc);

  if (st == RK_OK) {
    run->stats->bytes += doc->len;
    st = rk_pipeline_doc(run->pl, doc, run->sink);
    if (st == RK_ERR_IO || st == RK_ERR_STORE || st == RK_ERR_RDF || st == RK_ERR_LOCKED) {
      /* the output failed, not the document */
      run->fatal = st;
    } else if (st) {
      rk_log(run->pl->log, RK_LOG_ERROR, path, "skipped: %s", rk_strerror(st));
    }
  }
  if (st)
    run->stats->docs_failed += run->fatal ? 0 : 1;
  else
    run->stats->docs_ok++;
  rk_doc_free(doc);
  progress(run, 0);
}

static int
wanted(const char *name)
{
  static const char *const exts[] = { ".txt", ".text", ".html", ".htm", ".xhtml", NULL };
  size_t n = strlen(name);

  for (const char *const *e = exts; *e; e++) {
    size_t k = strlen(*e);
    if (n > k && !strcasecmp(name + n - k, *e))
      return 1;
  }
  return 0;
}

static int
by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(Run *run, const char *path, int depth);

static void
walk_dir(Run *run, const char *path, int depth)
{
  DIR           *d = opendir(path);
  struct dirent *e;
  char         **names = NULL;
  size_t         n = 0, cap = 0;

  if (!d) {
    rk_log(run->pl->log, RK_LOG_ERROR, path, "cannot open directory: %s", strerror(errno));
    run->stats->docs_failed++;
    return;
  }
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      size_t c = cap ? cap * 2 : 64;
      char **p = rk_realloc(names, c * sizeof *p);
      if (!p)
        break;
      names = p;
      cap   = c;
    }
    if (!(names[n] = rk_malloc(strlen(path) + strlen(e->d_name) + 2)))
      break;
    sprintf(names[n], "%s/%s", path, e->d_name);
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    struct stat lst;
    if (!run->fatal && lstat(names[i], &lst) == 0) {
      if (S_ISDIR(lst.st_mode))
        walk(run, names[i], depth + 1);
      else if ((S_ISREG(lst.st_mode) || S_ISLNK(lst.st_mode)) && wanted(names[i]))
        walk(run, names[i], depth + 1);
    }
    free(names[i]);
  }
  free(names);
}

static void
walk(Run *run, const char *path, int depth)
{
  struct stat st;

  if (run->fatal)
    return;
  if (!strcmp(path, "-")) {
    one_file(run, path);
    return;
  }
  if (stat(path, &st) != 0) {
    rk_log(run->pl->log, RK_LOG_ERROR, path, "cannot read: %s", strerror(errno));
    run->stats->docs_failed++;
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    if (depth > 64) {
      rk_log(run->pl->log, RK_LOG_ERROR, path, "directories nested too deep; skipped");
      run->stats->docs_failed++;
      return;
    }
    walk_dir(run, path, depth);
    return;
  }
  one_file(run, path);
}

RkStatus
rk_pipeline_run(const RkPipeline *pl, char *const *paths, size_t n_paths,
                const RkSink *sink, RkRunStats *stats)
{
  Run run = { pl, sink, stats, RK_OK, { 0, 0 }, 0 };

  memset(stats, 0, sizeof *stats);
  clock_gettime(CLOCK_MONOTONIC, &run.started);
  for (size_t i = 0; i < n_paths && !run.fatal; i++)
    walk(&run, paths[i], 0);
  progress(&run, 1);
  return run.fatal;
}
