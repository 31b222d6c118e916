/* serve.c - reviewkg serve: a read-only SPARQL 1.1 Protocol endpoint.
 * libmicrohttpd runs one thread per connection; each query is forked and
 * exec'd into a child (`reviewkg __serve-query`) that opens the store
 * read-only, writes the result to an unlinked temporary file and says
 * "STATUS MIME" down a pipe.  The parent kills a
 * child that outlives --timeout and runs at most --max-clients at once.
 * Owns the HTTP side only: queries go through the rk_store_* API.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <microhttpd.h>
#include "reviewkg/serve.h"
#include "reviewkg/store.h"
#include "reviewkg/util.h"

#define ENDPOINT  "/sparql"
#define MAX_BODY  (1024 * 1024)  /* a query posted larger than this is refused */
#define TEXT_MIME "text/plain; charset=utf-8"

typedef struct {
  RkServeOpts        opts;      /* copy of the caller's; store never NULL */
  RkRdf             *rdf;       /* borrowed; children open the store on it */
  RkLog              log;       /* copy of the caller's log */
  struct MHD_Daemon *daemon;
  pthread_mutex_t    lock;      /* guards the three fields below */
  pid_t             *children;  /* max_clients slots: running query children, 0 free */
  int                running;   /* slots in use */
  int                stopping;  /* a signal came: start no more children */
  pid_t              holder;    /* the process that keeps the store open, or 0 */
} Server;

/* One HTTP request, from its first call to its completion. */
typedef struct {
  RkBuf  body;     /* what was POSTed */
  int    too_big;  /* the body went past MAX_BODY (the rest is dropped) */
  double started;  /* monotonic seconds, for the log */
} Request;

/* What a request gets back: a body in a file or in memory. */
typedef struct {
  unsigned    status;     /* HTTP status */
  char        mime[96];   /* Content-Type */
  int         fd;         /* the body's file (owned), or -1 for text */
  RkBuf       text;       /* the body when fd is -1 */
  const char *allow;      /* Allow header of a 405, or NULL */
  int         retry;      /* Retry-After seconds of a 503, or 0 */
} Answer;

/* A query and how to write its result: the request's strings, borrowed. */
typedef struct {
  const char *query;
  const char *accept;  /* Accept header, or NULL */
  const char *format;  /* format= or output= parameter, or NULL */
} Ask;

/* The result formats rk_store_query writes, in the order the server
 * prefers them when the client likes several equally.  Aliases come last:
 * they are matched but answered with the first type of their format. */
typedef struct {
  const char *mime;
  const char *format;  /* rk_store_query's name */
  int         graph;   /* for CONSTRUCT and DESCRIBE, not SELECT and ASK */
} Media;

static const Media media[] = {
  { "application/sparql-results+json", "json", 0 },
  { "application/sparql-results+xml", "xml", 0 },
  { "text/csv", "csv", 0 },
  { "text/tab-separated-values", "tsv", 0 },
  { "text/turtle", "turtle", 1 },
  { "application/n-triples", "ntriples", 1 },
  { "application/json", "json", 0 },
  { "application/xml", "xml", 0 },
  { "text/xml", "xml", 0 },
  { "application/x-turtle", "turtle", 1 },
};
#define N_MEDIA (sizeof media / sizeof media[0])

static double
now(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ answers */

static void
answer_init(Answer *a)
{
  memset(a, 0, sizeof *a);
  a->fd = -1;
  rk_buf_init(&a->text);
}

static void
answer_clear(Answer *a)
{
  if (a->fd >= 0)
    close(a->fd);
  rk_buf_clear(&a->text);
}

/* A plain-text answer; the text ends with a line break. */
static void __attribute__((format(printf, 3, 4)))
answer_text(Answer *a, unsigned status, const char *fmt, ...)
{
  va_list ap;

  a->status = status;
  snprintf(a->mime, sizeof a->mime, "%s", TEXT_MIME);
  if (a->fd >= 0)
    close(a->fd);
  a->fd = -1;
  rk_buf_reset(&a->text);
  va_start(ap, fmt);
  rk_buf_vprintf(&a->text, fmt, ap);  /* out of memory: an empty body */
  va_end(ap);
  rk_buf_putc(&a->text, '\n');
}

/* ------------------------------------------------------------ content negotiation */

/* The first (main) type of @p m's format: aliases are answered with it. */
static const Media *
main_type(const Media *m)
{
  for (size_t i = 0; i < N_MEDIA; i++)
    if (!strcmp(media[i].format, m->format))
      return &media[i];
  return m;
}

/* How much @p accept (an Accept header) likes @p mime: the q of its most
 * specific matching range, 0 when none matches.  No header likes all. */
static double
accept_quality(const char *accept, const char *mime)
{
  size_t      type_len = strcspn(mime, "/"), mime_len = strlen(mime);
  int         best_spec = 0;
  double      best_q = 0;
  const char *p = accept;

  if (!accept || !*accept)
    return 1;
  while (*p) {
    const char *end = p + strcspn(p, ","), *range_end = p + strcspn(p, ",;");
    int         spec = 0;

    while (p < range_end && (*p == ' ' || *p == '\t'))
      p++;
    while (range_end > p && (range_end[-1] == ' ' || range_end[-1] == '\t'))
      range_end--;
    size_t n = (size_t)(range_end - p);
    if (n == mime_len && !strncasecmp(p, mime, n))
      spec = 3;
    else if (n == type_len + 2 && !strncasecmp(p, mime, type_len + 1) && p[n - 1] == '*')
      spec = 2;
    else if (n == 3 && !strncmp(p, "*/*", 3))
      spec = 1;
    if (spec > best_spec) {
      /* the q parameter, if any, among this range's parameters */
      double      q = 1;
      const char *param = range_end;

      while ((param = memchr(param, ';', (size_t)(end - param)))) {
        param++;
        while (*param == ' ')
          param++;
        if ((*param == 'q' || *param == 'Q') && param[1] == '=')
          q = strtod(param + 2, NULL);
      }
      best_spec = spec;
      best_q    = q < 0 ? 0 : q > 1 ? 1 : q;
    }
    p = *end ? end + 1 : end;
  }
  return best_q;
}

/* The format to answer a query of @p form in: the format= parameter when
 * given (a short name or a media type), else the best of the Accept
 * header.  NULL when nothing fits. */
static const Media *
choose_media(const Ask *ask, RkQueryForm form)
{
  int          graph = form == RK_QUERY_GRAPH;
  const Media *best = NULL;
  double       best_q = 0;

  for (size_t i = 0; i < N_MEDIA; i++) {
    double q;

    if (media[i].graph != graph)
      continue;
    if (ask->format) {
      if (!strcasecmp(ask->format, media[i].format) || !strcasecmp(ask->format, media[i].mime))
        return main_type(&media[i]);
      continue;
    }
    if ((q = accept_quality(ask->accept, media[i].mime)) > best_q) {
      best   = &media[i];
      best_q = q;
    }
  }
  return best ? main_type(best) : NULL;
}

/* Content-Type of a result in @p m's format. */
static void
result_mime(const Media *m, char *buf, size_t size)
{
  int text = !strncmp(m->mime, "text/", 5);

  snprintf(buf, size, "%s%s", m->mime, text ? "; charset=utf-8" : "");
}

/* ------------------------------------------------------------ the query child */

/* The child's log: errors are kept for the answer's body. */
static void
keep_error(void *handle, RkLogLevel level, const char *where, const char *text)
{
  if (level == RK_LOG_ERROR) {
    rk_buf_puts(handle, text);
    rk_buf_putc(handle, '\n');
  }
}

/* Close descriptors @p lo to @p hi (inclusive). */
static void
close_fds(unsigned lo, unsigned hi)
{
  long max = sysconf(_SC_OPEN_MAX);

  if (lo > hi)
    return;
#ifdef HAVE_CLOSE_RANGE
  if (!close_range(lo, hi, 0))
    return;
#endif
  for (unsigned fd = lo; fd <= hi && fd < (unsigned)(max > 0 ? max : 1024); fd++)
    close((int)fd);
}

/* Leave the child only @p a and @p b (-1 for none) besides 0-2: the other
 * requests' pipes and sockets must not stay open in it, or their ends
 * would not see EOF. */
static void
keep_only_fds(int a, int b)
{
  int      keep[2] = { a < b ? a : b, a < b ? b : a };
  unsigned from = 3;

  for (int i = 0; i < 2; i++) {
    if (keep[i] < (int)from)
      continue;
    close_fds(from, (unsigned)keep[i] - 1);
    from = (unsigned)keep[i] + 1;
  }
  close_fds(from, ~0U);
}

/* What every child does first: drop the server's signal set-up and
 * descriptors, and die with the server. */
static void
become_child(int keep_a, int keep_b)
{
  sigset_t all;

  keep_only_fds(keep_a, keep_b);
  signal(SIGPIPE, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  sigfillset(&all);
  sigprocmask(SIG_UNBLOCK, &all, NULL);
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);  /* a server killed outright takes its children along */
#endif
}

/* The query child: run @p ask on a fresh read-only store, write the body
 * to @p body_fd and then "STATUS MIME\n" to @p tell_fd.  Never returns.
 * It runs in a process of its own image (see exec_child). */
static void __attribute__((noreturn))
child_main(RkRdf *rdf, const char *store_spec, const Ask *ask, int body_fd, int tell_fd)
{
  RkBuf        errors;
  RkLog        log = { &errors, keep_error };
  RkStore     *store = NULL;
  RkQueryForm  form;
  const Media *m;
  RkStatus     st;
  FILE        *out;
  unsigned     status = 500;
  char         mime[96] = TEXT_MIME;

  rk_buf_init(&errors);
  if (!(out = fdopen(body_fd, "w")))
    _exit(3);
  if ((st = rk_store_open(rdf, store_spec, RK_STORE_READ, &log, &store))) {
    fprintf(out, "reviewkg: cannot open the store: %s\n%s", rk_strerror(st), errors.data ? errors.data : "");
  } else if ((st = rk_store_query_form(store, ask->query, &form))) {
    status = 400;
    fprintf(out, "reviewkg: the query does not parse:\n%s", errors.data ? errors.data : "");
  } else if (form == RK_QUERY_UPDATE) {
    status = 403;
    fputs("reviewkg: this endpoint is read-only: SPARQL Update is refused\n", out);
  } else if (!(m = choose_media(ask, form))) {
    status = 406;
    fprintf(out, "reviewkg: no acceptable result format%s%s; %s results can be:\n", ask->format ? " for " : "",
            ask->format ? ask->format : "", form == RK_QUERY_GRAPH ? "CONSTRUCT and DESCRIBE" : "SELECT and ASK");
    for (size_t i = 0; i < N_MEDIA; i++)
      if (media[i].graph == (form == RK_QUERY_GRAPH) && main_type(&media[i]) == &media[i])
        fprintf(out, "  %s (format=%s)\n", media[i].mime, media[i].format);
  } else if ((st = rk_store_query(store, ask->query, m->format, out))) {
    /* drop what was written before the failure */
    fflush(out);
    if (ftruncate(body_fd, 0) == 0)
      rewind(out);
    status = st == RK_ERR_QUERY ? 400 : 500;
    fprintf(out, "reviewkg: the query failed: %s\n%s", rk_strerror(st), errors.data ? errors.data : "");
  } else {
    status = 200;
    result_mime(m, mime, sizeof mime);
  }
  /* The store is left open for _exit to drop.  Closing the last SQLite
   * connection of a process in WAL mode takes an exclusive lock on the
   * database for a moment, and another child opening the store just then
   * fails with "database is locked" (librdf sets no busy timeout). */
  (void)store;
  if (fflush(out) || ferror(out))
    _exit(4);  /* no STATUS line: the parent answers 500 */
  dprintf(tell_fd, "%u %s\n", status, mime);
  _exit(0);
}

/* The forked child of a threaded server must not go on in the server's
 * image: a lock another thread held at fork() stays locked in the child
 * for good (under ASan one query in a few hundred hung that way).  So it
 * runs the program again: `reviewkg __serve-query STORE BODY-FD TELL-FD
 * ACCEPT FORMAT`, the query waiting in the body file. */
static void __attribute__((noreturn))
exec_child(Server *srv, const Ask *ask, int body_fd, int tell_fd)
{
  char  body[16], tell[16];
  char *argv[] = { "reviewkg", "__serve-query", (char *)srv->opts.store, body, tell,
                   (char *)(ask->accept ? ask->accept : ""), (char *)(ask->format ? ask->format : ""),
                   NULL };

  become_child(body_fd, tell_fd);
  snprintf(body, sizeof body, "%d", body_fd);
  snprintf(tell, sizeof tell, "%d", tell_fd);
  fcntl(body_fd, F_SETFD, 0);  /* both cross the exec */
  fcntl(tell_fd, F_SETFD, 0);
  execv("/proc/self/exe", argv);
  _exit(5);  /* no STATUS line: the parent answers 500 */
}

/* The exec'd query child (see exec_child): read the query from the body
 * file, empty it, and answer into it. */
int
rk_serve_query_child(int argc, char **argv)
{
  RkRdf *rdf = NULL;
  RkBuf  query;
  Ask    ask = { NULL, NULL, NULL };
  char   chunk[8192];
  int    body_fd, tell_fd;
  ssize_t n;

  if (argc != 7)
    _exit(2);
  body_fd = atoi(argv[3]);
  tell_fd = atoi(argv[4]);
  rk_buf_init(&query);
  if (lseek(body_fd, 0, SEEK_SET) < 0)
    _exit(3);
  while ((n = read(body_fd, chunk, sizeof chunk)) > 0)
    if (rk_buf_append(&query, chunk, (size_t)n))
      _exit(3);
  if (n < 0 || !query.data || ftruncate(body_fd, 0) || lseek(body_fd, 0, SEEK_SET) < 0 ||
      rk_rdf_new(&rdf))
    _exit(3);
  ask.query  = query.data;
  ask.accept = *argv[5] ? argv[5] : NULL;
  ask.format = *argv[6] ? argv[6] : NULL;
  child_main(rdf, argv[2], &ask, body_fd, tell_fd);
}

/* ------------------------------------------------------------ running children */

/* An unlinked temporary file for a result, or -1 with errno set. */
static int
open_temp_file(void)
{
  const char *dir = getenv("TMPDIR");
  RkBuf       path;
  int         fd = -1;

  if (!dir || !*dir)
    dir = "/tmp";
#ifdef O_TMPFILE
  if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
    return fd;
#endif
  rk_buf_init(&path);
  if (rk_buf_printf(&path, "%s/reviewkg-serve.XXXXXX", dir)) {
    rk_buf_clear(&path);
    errno = ENOMEM;
    return -1;
  }
  if ((fd = mkstemp(path.data)) >= 0)
    unlink(path.data);
  rk_buf_clear(&path);
  return fd;
}

/* Read @p fd to its end into @p buf (NUL-terminated, the rest dropped),
 * until @p deadline (monotonic seconds).  @return 0 at the end, -1 when
 * time ran out or the read failed. */
static int
read_until_eof(int fd, double deadline, char *buf, size_t size)
{
  size_t got = 0;

  for (;;) {
    double        left = deadline - now();
    struct pollfd p = { fd, POLLIN, 0 };
    char          chunk[256];
    ssize_t       n;
    int           rc;

    if (left <= 0)
      return -1;
    rc = poll(&p, 1, (int)(left * 1000) + 1);
    if (rc < 0 && errno == EINTR)
      continue;
    if (rc < 0)
      return -1;
    if (rc == 0)
      continue;  /* the loop's top sees the deadline */
    if ((n = read(fd, chunk, sizeof chunk)) < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    for (ssize_t i = 0; i < n && got + 1 < size; i++)
      buf[got++] = chunk[i];
  }
  buf[got] = '\0';
  return 0;
}

/* Take a child slot and fork; in the parent, the slot's index, or -1 with
 * @p a answered (busy, stopping, fork failed).  The lock is held across
 * fork so that a shutdown never misses a child. */
static int
start_child(Server *srv, const Ask *ask, int body_fd, int tell[2], pid_t *pid, Answer *a)
{
  int slot = -1;

  pthread_mutex_lock(&srv->lock);
  if (srv->stopping) {
    answer_text(a, 503, "reviewkg: the server is stopping");
  } else if (srv->running >= srv->opts.max_clients) {
    answer_text(a, 503, "reviewkg: busy: %d queries are running (--max-clients %d); try again",
                srv->running, srv->opts.max_clients);
    a->retry = 1;
  } else if ((*pid = fork()) < 0) {
    answer_text(a, 500, "reviewkg: cannot start the query process: %s", strerror(errno));
  } else if (*pid == 0) {
    close(tell[0]);
    exec_child(srv, ask, body_fd, tell[1]);
  } else {
    for (slot = 0; srv->children[slot]; slot++)
      ;
    srv->children[slot] = *pid;
    srv->running++;
  }
  pthread_mutex_unlock(&srv->lock);
  return slot;
}

static void
end_child(Server *srv, int slot)
{
  pthread_mutex_lock(&srv->lock);
  srv->children[slot] = 0;
  srv->running--;
  pthread_mutex_unlock(&srv->lock);
}

/* Run @p ask in a child process and answer with what it wrote, or with
 * 503 when it ran past the timeout (it is killed then). */
static void
run_query(Server *srv, const Ask *ask, Answer *a)
{
  int   tell[2] = { -1, -1 }, body = -1, slot, wstatus = 0, stopped, timed_out;
  pid_t pid = -1;
  char  head[128];
  unsigned status;
  int   used = 0;

  if ((body = open_temp_file()) < 0 || pipe(tell) ||
      write(body, ask->query, strlen(ask->query)) != (ssize_t)strlen(ask->query)) {
    answer_text(a, 500, "reviewkg: cannot make a temporary file or a pipe: %s", strerror(errno));
    goto done;
  }
  if ((slot = start_child(srv, ask, body, tell, &pid, a)) < 0)
    goto done;
  close(tell[1]);
  tell[1]   = -1;
  timed_out = read_until_eof(tell[0], now() + srv->opts.timeout, head, sizeof head) != 0;
  if (timed_out)
    kill(pid, SIGKILL);
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
    ;
  pthread_mutex_lock(&srv->lock);
  stopped = srv->stopping;
  pthread_mutex_unlock(&srv->lock);
  end_child(srv, slot);

  if (timed_out) {
    answer_text(a, 503, "reviewkg: query stopped after %d s (the server's --timeout)", srv->opts.timeout);
  } else if (sscanf(head, "%u %95[^\n]%n", &status, a->mime, &used) == 2 && used > 0) {
    struct stat sb;
    a->status = status;
    a->fd     = body;
    body      = -1;
    if (fstat(a->fd, &sb) || lseek(a->fd, 0, SEEK_SET) < 0)
      answer_text(a, 500, "reviewkg: cannot read the result: %s", strerror(errno));
  } else if (stopped) {
    answer_text(a, 503, "reviewkg: the server is stopping");
  } else if (WIFSIGNALED(wstatus)) {
    answer_text(a, 500, "reviewkg: the query process died of signal %d", WTERMSIG(wstatus));
  } else {
    answer_text(a, 500, "reviewkg: the query process failed (exit %d)", WEXITSTATUS(wstatus));
  }
done:
  if (tell[0] >= 0)
    close(tell[0]);
  if (tell[1] >= 0)
    close(tell[1]);
  if (body >= 0)
    close(body);
}

/* ------------------------------------------------------------ HTTP */

/* Decode a form value in place: '+' is a space, %XX a byte. */
static void
url_decode(char *s)
{
  char *out = s;

  for (; *s; s++) {
    if (*s == '+') {
      *out++ = ' ';
    } else if (*s == '%' && strchr("0123456789abcdefABCDEF", s[1]) && s[1] &&
               strchr("0123456789abcdefABCDEF", s[2]) && s[2]) {
      char hex[3] = { s[1], s[2], 0 };
      *out++ = (char)strtol(hex, NULL, 16);
      s += 2;
    } else {
      *out++ = *s;
    }
  }
  *out = '\0';
}

/* Split a form body (in place) and pick the parameters we use. */
static void
parse_form(char *body, const char **query, const char **update, const char **format)
{
  char *save = NULL;

  for (char *kv = strtok_r(body, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
    char *eq = strchr(kv, '=');

    if (!eq)
      continue;
    *eq = '\0';
    url_decode(kv);
    url_decode(eq + 1);
    if (!strcmp(kv, "query"))
      *query = eq + 1;
    else if (!strcmp(kv, "update"))
      *update = eq + 1;
    else if (!strcmp(kv, "format") || !strcmp(kv, "output"))
      *format = eq + 1;
  }
}

/* Does the request's Content-Type name @p mime (parameters ignored)? */
static int
content_type_is(struct MHD_Connection *c, const char *mime)
{
  const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  size_t      n  = strlen(mime);

  return ct && !strncasecmp(ct, mime, n) && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static const char home_page[] =
  "reviewkg: a read-only SPARQL 1.1 Protocol endpoint over %s\n"
  "\n"
  "Queries go to %s with GET ?query=..., or POST as\n"
  "application/x-www-form-urlencoded (query=...) or application/sparql-query.\n"
  "SELECT and ASK: application/sparql-results+json (default), application/sparql-results+xml,\n"
  "text/csv, text/tab-separated-values.  CONSTRUCT and DESCRIBE: text/turtle (default),\n"
  "application/n-triples.  Choose with Accept or with format=json|xml|csv|tsv|turtle|ntriples.\n";

/* Answer the request @p url with @p method; the body (POST) is in @p rq. */
static void
dispatch(Server *srv, struct MHD_Connection *c, const char *url, const char *method, Request *rq, Answer *a)
{
  int         get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
  int         post = !strcmp(method, MHD_HTTP_METHOD_POST);
  const char *query = NULL, *update = NULL, *format = NULL;
  Ask         ask;

  if (!strcmp(url, "/")) {
    if (!get) {
      answer_text(a, 405, "reviewkg: %s is not allowed on /", method);
      a->allow = "GET, HEAD";
    } else {
      answer_text(a, 200, home_page, srv->opts.store, ENDPOINT);
    }
    return;
  }
  if (strcmp(url, ENDPOINT)) {
    answer_text(a, 404, "reviewkg: no %s here; the SPARQL endpoint is %s", url, ENDPOINT);
    return;
  }
  if (get) {
    query  = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "query");
    update = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "update");
  } else if (!post) {
    answer_text(a, 405, "reviewkg: %s is not allowed: query with GET or POST", method);
    a->allow = "GET, HEAD, POST";
    return;
  } else if (rq->too_big) {
    answer_text(a, 413, "reviewkg: the request body is over %d bytes", MAX_BODY);
    return;
  } else if (content_type_is(c, "application/x-www-form-urlencoded")) {
    if (rq->body.data)
      parse_form(rq->body.data, &query, &update, &format);
  } else if (content_type_is(c, "application/sparql-query")) {
    query = rq->body.data ? rq->body.data : "";
  } else if (content_type_is(c, "application/sparql-update")) {
    update = rq->body.data ? rq->body.data : "";
  } else {
    answer_text(a, 415, "reviewkg: POST the query as application/x-www-form-urlencoded (query=...) "
                "or as application/sparql-query");
    return;
  }
  if (update) {
    answer_text(a, 403, "reviewkg: this endpoint is read-only: SPARQL Update is refused");
    return;
  }
  if (!format)
    format = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
  if (!format)
    format = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "output");
  if (!query || !*query) {
    answer_text(a, 400, "reviewkg: no query: give query=... (SPARQL 1.1 Protocol)");
    return;
  }
  ask.query  = query;
  ask.format = format && *format ? format : NULL;
  ask.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
  run_query(srv, &ask, a);
}

/* One line per request: client, method, path, status, size, time. */
static void
log_request(Server *srv, struct MHD_Connection *c, const char *method, const char *url,
            const Answer *a, off_t size, double started)
{
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char client[INET6_ADDRSTRLEN] = "?";

  if (!srv->opts.access_log)
    return;
  if (ci && ci->client_addr) {
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, client, sizeof client);
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, client, sizeof client);
  }
  fprintf(srv->opts.access_log, "reviewkg: %s %s %s %u %lld bytes %.1f ms\n", client, method, url,
          a->status, (long long)size, (now() - started) * 1000);
  fflush(srv->opts.access_log);
}

/* Hand @p a to libmicrohttpd (the file descriptor goes with it). */
static enum MHD_Result
send_answer(Server *srv, struct MHD_Connection *c, const char *method, const char *url,
            Answer *a, double started)
{
  struct MHD_Response *resp;
  enum MHD_Result      rc;
  off_t                size;

  if (a->fd >= 0) {
    struct stat sb;
    size = fstat(a->fd, &sb) ? 0 : sb.st_size;
    resp = MHD_create_response_from_fd((size_t)size, a->fd);
    if (resp)
      a->fd = -1;  /* the response closes it */
  } else {
    size = (off_t)a->text.len;
    resp = MHD_create_response_from_buffer(a->text.len, a->text.data ? a->text.data : "",
                                           MHD_RESPMEM_MUST_COPY);
  }
  if (!resp)
    return MHD_NO;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, a->mime);
  if (a->allow)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, a->allow);
  if (a->retry) {
    char s[16];
    snprintf(s, sizeof s, "%d", a->retry);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, s);
  }
  if (!strcmp(url, ENDPOINT))  /* the answer depends on Accept */
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT);
  rc = MHD_queue_response(c, a->status, resp);
  MHD_destroy_response(resp);
  log_request(srv, c, method, url, a, size, started);
  return rc;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **req_cls)
{
  Server         *srv = cls;
  Request        *rq  = *req_cls;
  Answer          a;
  enum MHD_Result rc;

  if (!rq) {  /* the headers are in: start the request */
    if (!(rq = rk_calloc(1, sizeof *rq)))
      return MHD_NO;
    rk_buf_init(&rq->body);
    rq->started = now();
    *req_cls    = rq;
    return MHD_YES;
  }
  if (*upload_data_size) {  /* a piece of the body */
    if (rq->too_big || rq->body.len + *upload_data_size > MAX_BODY ||
        rk_buf_append(&rq->body, upload_data, *upload_data_size))
      rq->too_big = 1;
    *upload_data_size = 0;
    return MHD_YES;
  }
  answer_init(&a);
  dispatch(srv, c, url, method, rq, &a);
  rc = send_answer(srv, c, method, url, &a, rq->started);
  answer_clear(&a);
  return rc;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls, enum MHD_RequestTerminationCode toe)
{
  Request *rq = *req_cls;

  if (!rq)
    return;
  rk_buf_clear(&rq->body);
  free(rq);
  *req_cls = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
  Server *srv = cls;
  RkBuf   b;

  rk_buf_init(&b);
  if (!rk_buf_vprintf(&b, fmt, ap)) {
    while (b.len && b.data[b.len - 1] == '\n')
      b.data[--b.len] = '\0';
    rk_log(&srv->log, RK_LOG_WARN, "libmicrohttpd", "%s", b.data);
  }
  rk_buf_clear(&b);
}

/* ------------------------------------------------------------ starting and stopping */

/* A listening socket on @p bind:@p port; the URL of the endpoint goes to
 * @p url.  Our own socket rather than libmicrohttpd's, so that "address in
 * use" reads plainly and port 0 can be reported. */
static RkStatus
open_listener(const RkServeOpts *o, const RkLog *log, int *out, char *url, size_t url_size)
{
  struct sockaddr_storage ss;
  socklen_t               len;
  int                     v6 = strchr(o->bind, ':') != NULL, one = 1, fd;
  char                    host[INET6_ADDRSTRLEN];
  unsigned                port;

  memset(&ss, 0, sizeof ss);
  if (v6) {
    struct sockaddr_in6 *sa = (struct sockaddr_in6 *)&ss;
    sa->sin6_family = AF_INET6;
    sa->sin6_port   = htons((uint16_t)o->port);
    len             = sizeof *sa;
    if (inet_pton(AF_INET6, o->bind, &sa->sin6_addr) != 1)
      goto bad_address;
  } else {
    struct sockaddr_in *sa = (struct sockaddr_in *)&ss;
    sa->sin_family = AF_INET;
    sa->sin_port   = htons((uint16_t)o->port);
    len            = sizeof *sa;
    if (inet_pton(AF_INET, o->bind, &sa->sin_addr) != 1)
      goto bad_address;
  }
  if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
    rk_log(log, RK_LOG_ERROR, NULL, "cannot make a socket: %s", strerror(errno));
    return RK_ERR_IO;
  }
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 64) ||
      getsockname(fd, (struct sockaddr *)&ss, &len)) {
    rk_log(log, RK_LOG_ERROR, NULL, "cannot listen on %s port %d: %s", o->bind, o->port, strerror(errno));
    close(fd);
    return RK_ERR_IO;
  }
  if (v6) {
    inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
    port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    snprintf(url, url_size, "http://[%s]:%u%s", host, port, ENDPOINT);
  } else {
    inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
    port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
    snprintf(url, url_size, "http://%s:%u%s", host, port, ENDPOINT);
  }
  *out = fd;
  return RK_OK;
bad_address:
  rk_log(log, RK_LOG_ERROR, NULL, "--bind wants a numeric IPv4 or IPv6 address, not '%s'", o->bind);
  return RK_ERR_BAD_ARG;
}

/* The store must open before we listen: a missing store is a startup
 * error, not a 500 on every request.  It is closed again at once, since a
 * sqlite connection must not be carried into the forked children. */
static RkStatus
check_store(Server *srv)
{
  RkStore *store = NULL;
  RkStatus st = rk_store_open(srv->rdf, srv->opts.store, RK_STORE_READ, &srv->log, &store);

  rk_store_close(store);
  return st;
}

/* A process that holds the store open while we serve.  In SQLite's WAL
 * mode the last connection to close checkpoints and deletes the WAL under
 * an exclusive lock, and a query child opening the store meanwhile fails
 * with "database is locked"; with this connection open, no child's is ever
 * the last.  Forked before any thread starts.  @return its pid, or 0. */
static pid_t
start_holder(Server *srv)
{
  RkStore *store = NULL;
  pid_t    pid = fork();

  if (pid < 0) {
    rk_log(&srv->log, RK_LOG_WARN, NULL, "cannot start the process that holds the store open: %s",
           strerror(errno));
    return 0;
  }
  if (pid > 0)
    return pid;
  become_child(-1, -1);
  if (rk_store_open(srv->rdf, srv->opts.store, RK_STORE_READ, NULL, &store))
    _exit(1);
  for (;;)
    pause();
}

void
rk_serve_opts_default(RkServeOpts *o)
{
  memset(o, 0, sizeof *o);
  o->store       = RK_DEFAULT_STORE;
  o->bind        = RK_SERVE_BIND;
  o->port        = RK_SERVE_PORT;
  o->timeout     = RK_SERVE_TIMEOUT;
  o->max_clients = RK_SERVE_MAX_CLIENTS;
}

RkStatus
rk_serve(RkRdf *rdf, const RkServeOpts *o, const RkLog *log)
{
  Server           srv;
  RkStatus         st;
  int              listen_fd = -1, sig = 0;
  sigset_t         stop, old_mask;
  struct sigaction ignore, old_pipe;
  char             url[128];

  memset(&srv, 0, sizeof srv);
  srv.opts = *o;
  srv.rdf  = rdf;
  if (log)
    srv.log = *log;
  if (!srv.opts.store)
    srv.opts.store = RK_DEFAULT_STORE;
  if (!srv.opts.bind)
    srv.opts.bind = RK_SERVE_BIND;
  if (o->port < 0 || o->port > 65535 || o->timeout < 1 || o->max_clients < 1) {
    rk_log(log, RK_LOG_ERROR, NULL, "bad port, timeout or max-clients");
    return RK_ERR_BAD_ARG;
  }
  if ((st = check_store(&srv)) || (st = open_listener(&srv.opts, log, &listen_fd, url, sizeof url)))
    return st;
  if (!(srv.children = rk_calloc((size_t)o->max_clients, sizeof *srv.children))) {
    close(listen_fd);
    return RK_ERR_NOMEM;
  }
  pthread_mutex_init(&srv.lock, NULL);
  srv.holder = start_holder(&srv);

  /* every thread libmicrohttpd starts inherits this mask, so the signals
   * come to sigwait below; the children unblock them */
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, &old_mask);
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old_pipe);

  srv.daemon = MHD_start_daemon(
    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | MHD_USE_ERROR_LOG,
    0, NULL, NULL, on_request, &srv,
    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, &srv,
    MHD_OPTION_LISTEN_SOCKET, listen_fd,
    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
    MHD_OPTION_CONNECTION_LIMIT, (unsigned)(64 + 4 * o->max_clients),
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout + 30),
    MHD_OPTION_END);
  if (!srv.daemon) {
    rk_log(log, RK_LOG_ERROR, NULL, "cannot start the HTTP server on %s", url);
    close(listen_fd);
    st = RK_ERR_IO;
    goto done;
  }
  if (o->announce) {
    fprintf(o->announce, "listening on %s\n", url);
    fflush(o->announce);
  }
  while (sigwait(&stop, &sig) != 0)
    ;
  rk_log(log, RK_LOG_INFO, NULL, "signal %d: stopping", sig);

  /* no new children; the running ones are killed, so their requests end */
  pthread_mutex_lock(&srv.lock);
  srv.stopping = 1;
  for (int i = 0; i < o->max_clients; i++)
    if (srv.children[i])
      kill(srv.children[i], SIGKILL);
  pthread_mutex_unlock(&srv.lock);
  MHD_stop_daemon(srv.daemon);  /* closes the listening socket, joins the threads */
  st = RK_OK;
  {
    /* a second Ctrl-C while stopping must not kill us once unblocked */
    struct timespec zero = { 0, 0 };
    while (sigtimedwait(&stop, NULL, &zero) > 0)
      ;
  }
done:
  sigaction(SIGPIPE, &old_pipe, NULL);
  pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
  if (srv.holder > 0) {
    kill(srv.holder, SIGKILL);
    while (waitpid(srv.holder, NULL, 0) < 0 && errno == EINTR)
      ;
  }
  pthread_mutex_destroy(&srv.lock);
  free(srv.children);
  return st;
}
