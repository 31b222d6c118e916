/* pipeline.c - runs documents through the stages, in input order.
 *
 * Directories are walked recursively in sorted order (so runs are
 * reproducible), taking .txt, .text, .html, .htm and .xhtml files and not
 * following symbolic links to directories (no loops).  With jobs > 1 a
 * window of documents is read and extracted by worker threads while this
 * thread resolves and emits them in order.  Owns nothing past one call.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
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

/* Documents in flight per worker: enough to keep workers busy while the
 * emitting thread catches up, few enough that memory stays flat. */
#define WINDOW_PER_JOB 8
#define MAX_JOBS       256

/* A message a worker logged, kept until the document's turn comes. */
typedef struct Msg {
  struct Msg *next;
  RkLogLevel  level;
  char       *where;  /* owned, or NULL */
  char        text[]; /* the message */
} Msg;

/* One document on its way: filled by whoever extracts it, then emitted. */
typedef struct {
  char     *path;     /* owned; NULL when the walk already failed it */
  int       done;     /* extraction finished (guarded by Ring.lock) */
  int       read_ok;  /* the document could be read */
  RkStatus  st;       /* of reading or extraction */
  size_t    bytes;    /* text bytes read */
  RkReview *review;   /* owned; the extracted review, or NULL */
  Msg      *msgs;     /* messages of reading and extraction, in order */
  Msg     **msgs_end; /* where the next one goes */
  RkLog     log;      /* collects into msgs */
} Job;

/* The window of documents between the walk and the emitter: jobs
 * [head, tail) are in flight, [next, tail) not yet taken by a worker. */
typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t  work;      /* a job was queued, or the run is closing */
  pthread_cond_t  finished;  /* a job was done */
  Job            *jobs;      /* cap slots, indexed modulo cap */
  size_t          cap;
  size_t          head, next, tail;
  size_t          wake;      /* the job whose end the emitter waits for */
  int             closing;   /* no more jobs: workers leave */
  pthread_t      *threads;
  int             n_threads;
} Ring;

typedef struct {
  const RkPipeline *pl;
  const RkSink     *sink;
  RkRunStats       *stats;
  RkStatus          fatal;     /* a sink error: the run stops */
  struct timespec   started;
  size_t            last_report;
  size_t            total;     /* documents the walk will find (progress), or 0 */
  Ring             *ring;      /* NULL: everything in this thread */
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

int
rk_pipeline_cpus(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);

  return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

static void
progress(Run *run, int final)
{
  struct timespec now;
  double          secs;
  size_t          done = run->stats->docs_ok + run->stats->docs_failed;

  /* the first document at once, so a slow start shows; then every 50 */
  if (!run->pl->progress || (!final && done != 1 && done - run->last_report < 50))
    return;
  run->last_report = done;
  clock_gettime(CLOCK_MONOTONIC, &now);
  secs = (double)(now.tv_sec - run->started.tv_sec) + (now.tv_nsec - run->started.tv_nsec) / 1e9;
  if (run->total && !final) {
    /* the rate so far, applied to what is left */
    double rate = secs > 0 ? done / secs : 0.0;
    long   eta  = rate > 0 && run->total > done ? (long)((run->total - done) / rate + 0.5) : 0;

    fprintf(stderr, "\rreviewkg: %zu/%zu documents (%zu failed), %.1f docs/s, %.1f MB, "
            "ETA %ld:%02ld:%02ld ", done, run->total, run->stats->docs_failed, rate,
            run->stats->bytes / 1e6, eta / 3600, eta / 60 % 60, eta % 60);
  } else {
    fprintf(stderr, "\rreviewkg: %zu documents (%zu failed), %.1f docs/s, %.1f MB%s",
            done, run->stats->docs_failed, secs > 0 ? done / secs : 0.0,
            run->stats->bytes / 1e6, final ? "                    \n" : "");
  }
  fflush(stderr);
}

/* ------------------------------------------------------------ one document */

/* Logging cannot fail: a message that finds no memory is dropped. */
static void
keep_message(void *handle, RkLogLevel level, const char *where, const char *text)
{
  Job   *job = handle;
  size_t n   = strlen(text) + 1;
  Msg   *m   = malloc(sizeof *m + n);

  if (!m)
    return;
  m->next  = NULL;
  m->level = level;
  m->where = where ? strdup(where) : NULL;
  memcpy(m->text, text, n);
  *job->msgs_end = m;
  job->msgs_end  = &m->next;
}

static void
job_init(Job *job, char *path, int buffered, const RkLog *direct)
{
  memset(job, 0, sizeof *job);
  job->path     = path;
  job->msgs_end = &job->msgs;
  job->log      = buffered ? (RkLog){ job, keep_message } : (direct ? *direct : (RkLog){ NULL, NULL });
}

/* Send what the job logged to the run's log, in the order it was logged. */
static void
replay(const RkPipeline *pl, Job *job)
{
  Msg *m = job->msgs, *next;

  for (; m; m = next) {
    next = m->next;
    if (pl->log && pl->log->message)
      pl->log->message(pl->log->handle, m->level, m->where, m->text);
    free(m->where);
    free(m);
  }
  job->msgs     = NULL;
  job->msgs_end = &job->msgs;
}

static void
job_clear(Job *job)
{
  Msg *m = job->msgs, *next;

  for (; m; m = next) {
    next = m->next;
    free(m->where);
    free(m);
  }
  free(job->path);
  rk_review_free(job->review);
  memset(job, 0, sizeof *job);
}

/* Read, zone and extract: the part that needs nothing but the lexicon
 * and the manifest (both only read), so any thread may run it. */
static void
extract_job(const RkPipeline *pl, Job *job)
{
  RkDoc   *doc = NULL;
  RkZones *zones = NULL;

  job->st = rk_doc_read(job->path, &pl->limits, &job->log, &doc);
  if (job->st == RK_OK) {
    job->read_ok = 1;
    job->bytes   = doc->len;
    if (pl->manifest && (job->st = rk_manifest_apply(pl->manifest, doc)) == RK_NO_MATCH) {
      rk_log(&job->log, RK_LOG_INFO, job->path, "not in the manifest: the document's own metadata is used");
      job->st = RK_OK;
    }
    if (!job->st && !(job->st = rk_zones_build(doc, &zones)))
      job->st = rk_extract(pl->lex, doc, zones, &job->log, &job->review);
  }
  rk_zones_free(zones);
  rk_doc_free(doc);
}

/* Resolve and emit an extracted document, in input order. */
static void
finish_job(Run *run, Job *job)
{
  RkStatus st = job->st;

  replay(run->pl, job);
  if (!job->path) {          /* the walk could not read it */
    run->stats->docs_failed++;
    return;
  }
  if (job->read_ok) {
    run->stats->bytes += job->bytes;
    if (st == RK_OK && !(st = rk_resolve(run->pl->resolver, job->review)))
      st = rk_emit_review(job->review, &run->pl->emit, run->sink);
    if (st == RK_ERR_IO || st == RK_ERR_STORE || st == RK_ERR_RDF || st == RK_ERR_LOCKED) {
      /* the output failed, not the document */
      run->fatal = st;
    } else if (st) {
      rk_log(run->pl->log, RK_LOG_ERROR, job->path, "skipped: %s", rk_strerror(st));
    }
  }
  if (st)
    run->stats->docs_failed += run->fatal ? 0 : 1;
  else
    run->stats->docs_ok++;
  progress(run, 0);
}

/* ------------------------------------------------------------ workers */

static void *
worker(void *arg)
{
  Run  *run  = arg;
  Ring *ring = run->ring;

  pthread_mutex_lock(&ring->lock);
  for (;;) {
    while (ring->next == ring->tail && !ring->closing)
      pthread_cond_wait(&ring->work, &ring->lock);
    if (ring->next == ring->tail)
      break;  /* closing and nothing left */
    size_t at   = ring->next++;
    Job   *job  = &ring->jobs[at % ring->cap];
    int    skip = ring->closing || !job->path;
    pthread_mutex_unlock(&ring->lock);
    if (!skip)
      extract_job(run->pl, job);
    pthread_mutex_lock(&ring->lock);
    job->done = 1;
    if (at == ring->wake)  /* wake the emitter only for the job it waits on */
      pthread_cond_signal(&ring->finished);
  }
  pthread_mutex_unlock(&ring->lock);
  return NULL;
}

/* Emit the @p n oldest jobs in flight once workers are done with them.
 * Waking for each document cost a context switch per document (and, on
 * as many cores as workers, the preemption of a worker); a batch of them
 * costs one. */
static void
emit_oldest(Run *run, size_t n)
{
  Ring  *ring = run->ring;
  size_t end  = ring->head + n;

  pthread_mutex_lock(&ring->lock);
  /* wait for the last job not done: workers take jobs in order, so the
   * ones before it are mostly done by then */
  for (size_t i = end; i > ring->head;)
    if (ring->jobs[(i - 1) % ring->cap].done) {
      i--;
    } else {
      ring->wake = i - 1;
      pthread_cond_wait(&ring->finished, &ring->lock);
      i = end;
    }
  ring->wake = SIZE_MAX;
  pthread_mutex_unlock(&ring->lock);
  for (; ring->head < end; ring->head++) {  /* only this thread moves head */
    Job *job = &ring->jobs[ring->head % ring->cap];
    if (!run->fatal)
      finish_job(run, job);
    job_clear(job);
  }
}

/* Hand one document (or a failure of the walk) to the pipeline; takes
 * @p path, or the contents of @p failed (a failure with its message and
 * no path).  A worker marks even a failure done, so a slot is never
 * reused while a worker still holds it. */
static void
submit(Run *run, char *path, Job *failed)
{
  Ring *ring = run->ring;
  Job  *job;

  if (!ring) {
    Job one;
    if (failed) {
      finish_job(run, failed);
      job_clear(failed);
      return;
    }
    job_init(&one, path, 0, run->pl->log);
    extract_job(run->pl, &one);
    finish_job(run, &one);
    job_clear(&one);
    return;
  }
  if (ring->tail - ring->head == ring->cap)
    emit_oldest(run, ring->cap / 2);  /* the other half keeps the workers busy */
  job = &ring->jobs[ring->tail % ring->cap];
  if (failed) {
    *job = *failed;
    if (!job->msgs)
      job->msgs_end = &job->msgs;
    job->log.handle = job;
  } else {
    job_init(job, path, 1, NULL);
  }
  pthread_mutex_lock(&ring->lock);
  ring->tail++;
  pthread_cond_signal(&ring->work);
  pthread_mutex_unlock(&ring->lock);
}

/* A failure of the walk (a directory that cannot be read ...): its message
 * takes its place in input order among the documents' messages. */
static void
walk_failed(Run *run, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
walk_failed(Run *run, const char *path, const char *fmt, ...)
{
  Job     job;
  char    text[1024];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  job_init(&job, NULL, 1, NULL);
  keep_message(&job, RK_LOG_ERROR, path, text);
  job.st = RK_ERR_IO;
  submit(run, NULL, &job);
}

static void
one_file(Run *run, const char *path)
{
  char *copy = strdup(path);

  if (!copy) {
    walk_failed(run, path, "skipped: %s", rk_strerror(RK_ERR_NOMEM));
    return;
  }
  submit(run, copy, NULL);
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

/* A directory entry to walk: its path, and its type as readdir saw it. */
typedef struct {
  char         *path;  /* owned */
  unsigned char type;  /* DT_*; DT_UNKNOWN where the file system does not say */
} Entry;

static int
by_name(const void *a, const void *b)
{
  return strcmp(((const Entry *)a)->path, ((const Entry *)b)->path);
}

static void walk(Run *run, const char *path, int depth);

/* One entry of a directory: a wanted file, or a directory to walk; a
 * symbolic link only to a file.  May take @p e's path (then NULL). */
static void
walk_entry(Run *run, Entry *e, int depth)
{
  struct stat lst;

  if (e->type == DT_REG) {
    /* what lstat and walk's stat would say, without the two calls: on a
     * directory of small files they cost more than the reading */
    if (wanted(e->path)) {
      submit(run, e->path, NULL);
      e->path = NULL;
    }
    return;
  }
  if (lstat(e->path, &lst) != 0)
    return;
  if (S_ISDIR(lst.st_mode))
    walk(run, e->path, depth + 1);
  else if ((S_ISREG(lst.st_mode) || S_ISLNK(lst.st_mode)) && wanted(e->path))
    walk(run, e->path, depth + 1);
}

static void
walk_dir(Run *run, const char *path, int depth)
{
  DIR           *d = opendir(path);
  struct dirent *e;
  Entry         *names = NULL;
  size_t         n = 0, cap = 0;

  if (!d) {
    walk_failed(run, path, "cannot open directory: %s", strerror(errno));
    return;
  }
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      size_t c = cap ? cap * 2 : 64;
      Entry *p = rk_realloc(names, c * sizeof *p);
      if (!p)
        break;
      names = p;
      cap   = c;
    }
    if (!(names[n].path = rk_malloc(strlen(path) + strlen(e->d_name) + 2)))
      break;
    sprintf(names[n].path, "%s/%s", path, e->d_name);
    names[n].type = e->d_type;
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    if (!run->fatal)
      walk_entry(run, &names[i], depth);
    free(names[i].path);
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
    walk_failed(run, path, "cannot read: %s", strerror(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    if (depth > 64) {
      walk_failed(run, path, "directories nested too deep; skipped");
      return;
    }
    walk_dir(run, path, depth);
    return;
  }
  one_file(run, path);
}

/* How many documents walk() will find under @p path: an ETA for the
 * progress line, so only when one is shown (a directory scan, no reads). */
static size_t
count_documents(const char *path, int depth)
{
  struct stat    st;
  DIR           *d;
  struct dirent *e;
  size_t         n = 0;

  if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
    return 1;
  if (depth > 64 || !(d = opendir(path)))
    return 0;
  while ((e = readdir(d))) {
    struct stat lst;
    char       *child;

    if (e->d_name[0] == '.' || !(child = rk_malloc(strlen(path) + strlen(e->d_name) + 2)))
      continue;
    sprintf(child, "%s/%s", path, e->d_name);
    if (lstat(child, &lst) == 0) {
      if (S_ISDIR(lst.st_mode))
        n += count_documents(child, depth + 1);
      else if ((S_ISREG(lst.st_mode) || S_ISLNK(lst.st_mode)) && wanted(child))
        n++;
    }
    free(child);
  }
  closedir(d);
  return n;
}

/* Start the workers; without any, the run goes on in this thread. */
static void
ring_start(Run *run, Ring *ring, int jobs)
{
  RkDoc *warm = NULL;

  memset(ring, 0, sizeof *ring);
  if (jobs > MAX_JOBS)
    jobs = MAX_JOBS;
  ring->cap = (size_t)jobs * WINDOW_PER_JOB;
  if (!(ring->jobs = calloc(ring->cap, sizeof *ring->jobs)) ||
      !(ring->threads = calloc((size_t)jobs, sizeof *ring->threads)))
    goto alone;
  /* libxml2 must be initialised by one thread before several parse:
   * reading a tiny page here does it whoever else did or did not */
  rk_doc_from_memory("warm-up.html", "<html><body><p>x</p></body></html>", 34, NULL, NULL, &warm);
  rk_doc_free(warm);
  ring->wake = SIZE_MAX;
  pthread_mutex_init(&ring->lock, NULL);
  pthread_cond_init(&ring->work, NULL);
  pthread_cond_init(&ring->finished, NULL);
  run->ring = ring;
  for (int i = 0; i < jobs; i++) {
    if (pthread_create(&ring->threads[i], NULL, worker, run))
      break;
    ring->n_threads++;
  }
  if (ring->n_threads)
    return;
  pthread_cond_destroy(&ring->finished);
  pthread_cond_destroy(&ring->work);
  pthread_mutex_destroy(&ring->lock);
alone:
  rk_log(run->pl->log, RK_LOG_WARN, NULL, "no worker threads; extracting in one thread");
  free(ring->threads);
  free(ring->jobs);
  run->ring = NULL;
}

/* Emit what is in flight (or, after a fatal error, drop it), then stop
 * the workers. */
static void
ring_stop(Run *run)
{
  Ring *ring = run->ring;

  if (run->fatal) {
    pthread_mutex_lock(&ring->lock);
    ring->closing = 1;  /* workers skip what they have not begun */
    pthread_cond_broadcast(&ring->work);
    pthread_mutex_unlock(&ring->lock);
  }
  emit_oldest(run, ring->tail - ring->head);
  pthread_mutex_lock(&ring->lock);
  ring->closing = 1;
  pthread_cond_broadcast(&ring->work);
  pthread_mutex_unlock(&ring->lock);
  for (int i = 0; i < ring->n_threads; i++)
    pthread_join(ring->threads[i], NULL);
  pthread_cond_destroy(&ring->finished);
  pthread_cond_destroy(&ring->work);
  pthread_mutex_destroy(&ring->lock);
  free(ring->threads);
  free(ring->jobs);
  run->ring = NULL;
}

RkStatus
rk_pipeline_run(const RkPipeline *pl, char *const *paths, size_t n_paths,
                const RkSink *sink, RkRunStats *stats)
{
  Run  run = { pl, sink, stats, RK_OK, { 0, 0 }, 0, 0, NULL };
  Ring ring;

  memset(stats, 0, sizeof *stats);
  for (size_t i = 0; pl->progress && i < n_paths; i++)
    run.total += count_documents(paths[i], 0);
  clock_gettime(CLOCK_MONOTONIC, &run.started);
  if (pl->jobs > 1)
    ring_start(&run, &ring, pl->jobs);
  for (size_t i = 0; i < n_paths && !run.fatal; i++)
    walk(&run, paths[i], 0);
  if (run.ring)
    ring_stop(&run);
  progress(&run, 1);
  return run.fatal;
}
