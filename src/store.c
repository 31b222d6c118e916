/* store.c - stage 6: the Redland store that holds one named graph per review.
 * Opens a store from a spec (sqlite, mysql, BDB hashes), loads the emitter's
 * events through a sink (each review replaces its two graphs), answers
 * SPARQL, counts and exports.  The only file that includes Redland; it owns
 * the process's one librdf_world, built on the RkRdf's raptor world and
 * shared by the open stores.  Not thread-safe (nor is the CLI threaded).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <redland.h>
#include "reviewkg/sqlload.h"
#include "store_impl.h"
#include "reviewkg/store.h"
#include "reviewkg/util.h"

#define DEFAULT_BATCH    200
/* librdf's mysql module keeps a whole transaction in client memory and
 * sends it at commit as one statement: keep transactions bounded. */
#define TXN_MAX_TRIPLES  100000L
#define MYSQL_MODEL      "reviewkg"  /* the Redland model name inside the database */
#define SPEC_HELP "use sqlite:PATH, mysql:host=IP,port=N,database=DB,user=U,password=P " \
                  "or hashes:DIR/NAME"

typedef enum { BACKEND_SQLITE, BACKEND_MYSQL, BACKEND_HASHES } Backend;

/* The quads of the current document, so a repeated one is added once:
 * only sqlite drops a duplicate inside a graph, mysql and hashes keep it. */
typedef struct {
  char  **keys;  /* open addressing, NULL marks a free slot; keys owned */
  size_t  cap;   /* slots, a power of two (or 0) */
  size_t  n;     /* keys held */
} SeenSet;

/* One statement of the current document and the graph it goes to; a
 * document is written only at its DOC_END, so a producer that fails half
 * way leaves the store untouched. */
typedef struct {
  librdf_statement *stmt;   /* owned */
  librdf_node      *graph;  /* owned */
} Quad;

struct RkStore {
  RkRdf          *rdf;            /* borrowed; its raptor world is shared */
  librdf_world   *world;          /* the shared world, once acquired */
  librdf_storage *storage;
  librdf_model   *model;
  RkLog           log;            /* copy of the caller's log */
  char           *where;          /* names the store in messages (no password) */
  Backend         backend;
  RkStoreMode     mode;
  int             lock_fd;        /* flock()ed lock file, or -1 */
  int             has_txn;        /* the backend has transactions */
  int             in_txn;         /* one is open now */
  int             batch;          /* documents per transaction */
  int             docs_in_txn;    /* documents ended in the open transaction */
  long            triples_in_txn; /* triples added in the open transaction */
  RkStrList       txn_graphs;     /* mysql: graphs to replace at the next commit */
  char           *doc_graph;      /* facts graph of the current document, or NULL */
  char           *doc_prov;       /* its provenance graph, or NULL */
  char            blank_scope[20];/* prefix that keeps its blank nodes its own */
  SeenSet         seen;           /* quads of the current document */
  Quad           *quads;          /* the current document's quads, until DOC_END */
  size_t          n_quads, cap_quads;
  RkBuf           key;            /* scratch for seen-set keys */
  RkBuf           scoped[2];      /* scratch for scoped blank labels */
  RkSqlLoad      *bulk;           /* sqlite writes bypass librdf, or NULL */
  librdf_node    *graph_node;     /* node of the last graph added to ... */
  char           *graph_iri;      /* ... and its IRI, to skip re-creating it */
  int             n_errors;       /* errors librdf has logged so far */
  char            last_error[512];/* the last of them */
  int             hold_errors;    /* keep errors from the log (a probe) */
};

/* ------------------------------------------------------------ the world */

/* One librdf_world for every store of the process.  librdf 1.0.17 hands
 * its loadable storage modules (sqlite, mysql) only to the first world
 * alive at a time: a second world opened beside it has no "sqlite". */
static struct {
  librdf_world *world;   /* NULL while no store is open */
  void         *raptor;  /* the raptor world it is built on */
  int           refs;    /* open stores using it */
  RkStore      *active;  /* the store whose call runs now: gets the messages */
} shared;

/* Every public entry names its store, so librdf's messages reach its log. */
static void enter(RkStore *st) { shared.active = st; }

static int forward_librdf_log(void *user_data, librdf_log_message *m);

static RkStatus
acquire_world(RkStore *st)
{
  void *raptor = rk_rdf_raptor_world(st->rdf);

  if (shared.world && shared.raptor != raptor) {
    rk_log(&st->log, RK_LOG_ERROR, st->where,
           "another RkRdf has stores open: one RkRdf per process");
    return RK_ERR_INTERNAL;
  }
  if (!shared.world) {
    if (!(shared.world = librdf_new_world()))
      return RK_ERR_NOMEM;
    /* raptor must be shared and the logger in place before the world opens */
    librdf_world_set_raptor(shared.world, raptor);
    librdf_world_set_logger(shared.world, NULL, forward_librdf_log);
    librdf_world_open(shared.world);
    shared.raptor = raptor;
    if (rk_store_register_sqlite(shared.world))
      rk_log(&st->log, RK_LOG_WARN, st->where, "cannot register the " RK_SQLITE_STORAGE
             " storage: queries go through librdf's sqlite module");
  }
  shared.refs++;
  st->world = shared.world;
  return RK_OK;
}

static void
release_world(RkStore *st)
{
  if (!st->world)
    return;
  st->world = NULL;
  if (--shared.refs > 0)
    return;
  librdf_free_world(shared.world);
  /* librdf_world_open pointed raptor's log and blank-id handlers at the
   * world; they must not outlive it */
  raptor_world_set_log_handler(shared.raptor, NULL, NULL);
  raptor_world_set_generate_bnodeid_handler(shared.raptor, NULL, NULL);
  shared.world  = NULL;
  shared.raptor = NULL;
}

/* ------------------------------------------------------------ logging */

/* librdf, rasqal and the storage modules report through here.  Errors
 * are counted because some calls log a failure yet return success. */
static int
forward_librdf_log(void *user_data, librdf_log_message *m)
{
  RkStore        *st   = shared.active;
  const char     *text = librdf_log_message_message(m);
  raptor_locator *loc  = librdf_log_message_locator(m);
  RkLogLevel      level = RK_LOG_ERROR;

  if (!text || !st)
    return 1;
  /* rasqal warns about every aggregate; the mysql module announces each open */
  if (strstr(text, "was bound but is unused") || strstr(text, "$$agg$$") ||
      strstr(text, "Opening storage"))
    return 1;
  switch (librdf_log_message_level(m)) {
  case LIBRDF_LOG_NONE:
  case LIBRDF_LOG_DEBUG: level = RK_LOG_DEBUG; break;
  case LIBRDF_LOG_INFO:  level = RK_LOG_INFO;  break;
  case LIBRDF_LOG_WARN:  level = RK_LOG_WARN;  break;
  case LIBRDF_LOG_ERROR:
  case LIBRDF_LOG_FATAL: break;
  }
  if (level == RK_LOG_ERROR) {
    st->n_errors++;
    snprintf(st->last_error, sizeof st->last_error, "%s", text);
    if (st->hold_errors)
      return 1;
  }
  if (loc && loc->line > 0)
    rk_log(&st->log, level, st->where, "line %d: %s", loc->line, text);
  else
    rk_log(&st->log, level, st->where, "%s", text);
  return 1;
}

/* ------------------------------------------------------------ seen set */

static void
seen_clear(SeenSet *s)
{
  for (size_t i = 0; i < s->cap; i++)
    free(s->keys[i]);
  free(s->keys);
  s->keys = NULL;
  s->cap = s->n = 0;
}

static size_t
seen_slot(char **keys, size_t cap, const char *key)
{
  size_t i = rk_hash64(key, strlen(key)) & (cap - 1);

  while (keys[i] && strcmp(keys[i], key) != 0)
    i = (i + 1) & (cap - 1);
  return i;
}

/* 1 when @p key is new (and now held), 0 when seen before, -1 without memory. */
static int
seen_add(SeenSet *s, const char *key)
{
  size_t i;

  if ((s->n + 1) * 2 > s->cap) {
    size_t cap  = s->cap ? s->cap * 2 : 64;
    char **keys = rk_calloc(cap, sizeof *keys);

    if (!keys)
      return -1;
    for (size_t j = 0; j < s->cap; j++)
      if (s->keys[j])
        keys[seen_slot(keys, cap, s->keys[j])] = s->keys[j];
    free(s->keys);
    s->keys = keys;
    s->cap  = cap;
  }
  i = seen_slot(s->keys, s->cap, key);
  if (s->keys[i])
    return 0;
  if (!(s->keys[i] = rk_strdup(key)))
    return -1;
  s->n++;
  return 1;
}

/* ------------------------------------------------------------ files and locks */

/* mkdir -p of the directory part of @p path; -1 and errno on failure. */
static int
make_parent_dirs(const char *path)
{
  char *dir = rk_strdup(path);
  char *slash;
  int   rc  = 0;

  if (!dir) {
    errno = ENOMEM;
    return -1;
  }
  if ((slash = strrchr(dir, '/')) && slash != dir) {
    *slash = '\0';
    for (char *p = dir + 1; *p && !rc; p++) {
      if (*p != '/')
        continue;
      *p = '\0';
      if (mkdir(dir, 0777) && errno != EEXIST)
        rc = -1;
      *p = '/';
    }
    if (!rc && mkdir(dir, 0777) && errno != EEXIST)
      rc = -1;
  }
  free(dir);
  return rc;
}

/* Writers hold an exclusive flock on @p lockpath for the store's life;
 * it fails at once rather than wait.  flock locks belong to the open file
 * description, so a second open in the same process conflicts too. */
static RkStatus
take_lock(RkStore *st, const char *lockpath, int exclusive)
{
  int fd = open(lockpath, (exclusive ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC, 0666);

  if (fd < 0) {
    if (!exclusive && errno == ENOENT)
      return RK_OK;  /* no writer has ever run */
    rk_log(&st->log, RK_LOG_ERROR, lockpath, "cannot open lock file: %s", strerror(errno));
    return RK_ERR_IO;
  }
  if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB)) {
    int err = errno;

    close(fd);
    if (err != EWOULDBLOCK) {
      rk_log(&st->log, RK_LOG_ERROR, lockpath, "cannot lock: %s", strerror(err));
      return RK_ERR_IO;
    }
    if (exclusive)
      rk_log(&st->log, RK_LOG_ERROR, st->where,
             "store %s is locked by another writer (reviewkg build running?)", st->where);
    else
      rk_log(&st->log, RK_LOG_ERROR, st->where,
             "store %s is being written (reviewkg build running?); "
             "the hashes backend cannot be read meanwhile", st->where);
    return RK_ERR_LOCKED;
  }
  st->lock_fd = fd;
  return RK_OK;
}

static RkStatus
lock_store(RkStore *st, const char *base, int exclusive)
{
  RkBuf    path;
  RkStatus rs;

  rk_buf_init(&path);
  if (!(rs = rk_buf_printf(&path, "%s.lock", base)))
    rs = take_lock(st, path.data, exclusive);
  rk_buf_clear(&path);
  return rs;
}

/* ------------------------------------------------------------ opening */

static RkStatus
open_model(RkStore *st, const char *storage_name, const char *name, const char *options)
{
  int errors = st->n_errors;

  st->storage = librdf_new_storage(st->world, storage_name, name, options);
  if (st->storage)
    st->model = librdf_new_model(st->world, st->storage, NULL);
  if (st->model && st->n_errors == errors)
    return RK_OK;
  if (st->n_errors == errors)
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot open the Redland '%s' storage "
           "(is librdf-storage-%s installed?)", storage_name, storage_name);
  librdf_free_model(st->model);
  librdf_free_storage(st->storage);
  st->model   = NULL;
  st->storage = NULL;
  return RK_ERR_STORE;
}

/* librdf creates no index on literals or blank nodes, so loads go O(n^2)
 * without these; WAL lets readers run while a writer commits (in rollback
 * mode their read lock made the writer's COMMIT fail and lose rows). */
static RkStatus
tune_sqlite(RkStore *st, const char *path, int created)
{
  static const char *sql =
    "CREATE INDEX IF NOT EXISTS literals_text ON literals(text);"
    "CREATE INDEX IF NOT EXISTS blanks_blank ON blanks(blank);"
    "CREATE INDEX IF NOT EXISTS triples_bp ON triples(subjectBlank,predicateUri);"
    /* replacing a review's graph deletes by context: without this every
     * replacement scans the whole table, and a build goes quadratic */
    "CREATE INDEX IF NOT EXISTS triples_context ON triples(contextUri);"
    /* "?x a schema:Movie", "?r schema:itemReviewed <film>": bound object
     * and predicate.  Object first, so it never competes with spindex for
     * subject lookups (notes/redland-stores: a (predicate,object) index
     * made the planner slow those down tenfold) */
    "CREATE INDEX IF NOT EXISTS triples_op ON triples(objectUri,predicateUri);"
    "PRAGMA journal_mode=WAL;";
  sqlite3 *db  = NULL;
  char    *err = NULL;
  RkStatus rs  = RK_ERR_STORE;

  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    rk_log(&st->log, RK_LOG_ERROR, path, "cannot open: %s", db ? sqlite3_errmsg(db) : "no memory");
    goto done;
  }
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    /* an old store that a reader holds open cannot switch now: say so */
    rk_log(&st->log, created ? RK_LOG_ERROR : RK_LOG_WARN, path,
           "cannot add indexes or WAL mode: %s", err ? err : "?");
    if (created)
      goto done;
  }
  rs = RK_OK;
done:
  sqlite3_free(err);
  sqlite3_close(db);
  return rs;
}

/* Is @p path a Redland sqlite store (its four tables are there)? */
static RkStatus
check_sqlite(RkStore *st, const char *path)
{
  static const char *sql = "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                           "name IN ('uris','blanks','literals','triples')";
  sqlite3      *db   = NULL;
  sqlite3_stmt *stmt = NULL;
  int           n    = -1;

  /* the busy timeout: a writer's closing checkpoint holds the database
   * for a moment, and that is no reason to call it "not a store" */
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW)
    n = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (n == 4)
    return RK_OK;
  rk_log(&st->log, RK_LOG_ERROR, path, "not a reviewkg (Redland sqlite) store");
  return RK_ERR_STORE;
}

/* A new store is made under a temporary name and renamed into place once
 * its tables, indexes and WAL mode are all there, so a build killed while
 * creating it leaves no half-made store that no command could open.  The
 * caller holds the store's lock, so no one else is creating it. */
static RkStatus
create_sqlite(RkStore *st, const char *path)
{
  static const char *const litter[] = { "", "-journal", "-wal", "-shm", NULL };
  RkBuf    tmp, aside;
  RkStatus rs;

  rk_buf_init(&tmp);
  rk_buf_init(&aside);
  if ((rs = rk_buf_printf(&tmp, "%s.creating", path)))
    goto done;
  for (int i = 0; litter[i]; i++) {  /* what an earlier interrupted creation left */
    rk_buf_reset(&aside);
    if ((rs = rk_buf_printf(&aside, "%s%s", tmp.data, litter[i])))
      goto done;
    unlink(aside.data);
  }
  /* new='yes' deletes an existing file, so it is used exactly once */
  if ((rs = open_model(st, "sqlite", tmp.data, "new='yes'")))
    goto done;
  librdf_free_model(st->model);
  librdf_free_storage(st->storage);
  st->model   = NULL;
  st->storage = NULL;
  if ((rs = tune_sqlite(st, tmp.data, 1)))
    goto done;
  if (rename(tmp.data, path)) {
    rk_log(&st->log, RK_LOG_ERROR, path, "cannot put the new store in place: %s", strerror(errno));
    rs = RK_ERR_IO;
  }
done:
  if (rs && tmp.data)
    unlink(tmp.data);
  rk_buf_clear(&tmp);
  rk_buf_clear(&aside);
  return rs;
}

/* REVIEWKG_SQLITE_READER / _LOADER=librdf: librdf's own sqlite paths */
static int
env_is_librdf(const char *name)
{
  const char *v = getenv(name);

  return v && !strcmp(v, "librdf");
}

static RkStatus
open_sqlite(RkStore *st, const char *path)
{
  RkStatus rs;
  int      exists;

  if (st->mode == RK_STORE_WRITE) {
    if (make_parent_dirs(path)) {
      if (errno == ENOMEM)
        return RK_ERR_NOMEM;
      rk_log(&st->log, RK_LOG_ERROR, path, "cannot create its directory: %s", strerror(errno));
      return RK_ERR_IO;
    }
    /* lock before looking, so two builds never both create the file */
    if ((rs = lock_store(st, path, 1)))
      return rs;
  }
  exists = access(path, F_OK) == 0;
  if (!exists && st->mode == RK_STORE_READ) {
    rk_log(&st->log, RK_LOG_ERROR, path, "no store here: run `reviewkg build` first");
    return RK_ERR_STORE;
  }
  if (!exists) {
    if ((rs = create_sqlite(st, path)))
      return rs;
  } else if ((rs = check_sqlite(st, path))) {
    return rs;
  } else if (st->mode == RK_STORE_WRITE && (rs = tune_sqlite(st, path, 0))) {
    return rs;  /* a store from an older reviewkg gets its indexes */
  }
  st->has_txn = 1;
  /* reads through our prepared statements unless asked for librdf's own */
  if ((rs = open_model(st, env_is_librdf("REVIEWKG_SQLITE_READER") ? "sqlite" : RK_SQLITE_STORAGE, path, "")))
    return rs;
  /* loads take the bulk path unless asked to go through librdf, which
   * tests/cli/bulk.sh does to prove the two stores the same */
  if (st->mode == RK_STORE_WRITE && !env_is_librdf("REVIEWKG_SQLITE_LOADER"))
    rs = rk_sqlload_open(path, &st->log, &st->bulk);
  return rs;
}

static RkStatus
open_hashes(RkStore *st, const char *dir, const char *name)
{
  RkBuf    b;
  RkStatus rs;
  int      exists;

  rk_buf_init(&b);
  if ((rs = rk_buf_printf(&b, "%s/%s-sp2o.db", dir, name)))
    goto done;
  exists = access(b.data, F_OK) == 0;
  if (st->mode == RK_STORE_WRITE) {
    if (make_parent_dirs(b.data)) {
      rs = errno == ENOMEM ? RK_ERR_NOMEM : RK_ERR_IO;
      if (rs == RK_ERR_IO)
        rk_log(&st->log, RK_LOG_ERROR, dir, "cannot create: %s", strerror(errno));
      goto done;
    }
  } else if (!exists) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "no store here: run `reviewkg build` first");
    rs = RK_ERR_STORE;
    goto done;
  }
  /* BDB has no locking between processes: a reader beside a writer got
   * empty results, two writers corrupted the files.  Readers share. */
  rk_buf_reset(&b);
  if ((rs = rk_buf_printf(&b, "%s/%s", dir, name)) ||
      (rs = lock_store(st, b.data, st->mode == RK_STORE_WRITE)))
    goto done;
  rk_buf_reset(&b);
  /* contexts='yes' is not stored with the files: it must come every time */
  if ((rs = rk_buf_printf(&b, "hash-type='bdb',dir='%s',contexts='yes',index-predicates='yes',"
                          "write='%s'%s", dir, st->mode == RK_STORE_WRITE ? "yes" : "no",
                          exists ? "" : ",new='yes'")))
    goto done;
  rs = open_model(st, "hashes", name, b.data);
done:
  rk_buf_clear(&b);
  return rs;
}

/* Turn "host=..,port=..,..." into librdf options; refuse what would fail
 * later in a confusing way (a host name sends libmariadb to a socket). */
static RkStatus
mysql_options(RkStore *st, const char *kv, RkBuf *opts, RkBuf *where, char **model)
{
  static const char *keys[] = { "host", "port", "database", "user", "password", "model" };
  char    *vals[6] = { NULL };
  char    *copy    = rk_strdup(kv);
  char    *save    = NULL;
  RkStatus rs      = RK_ERR_BAD_ARG;
  unsigned char addr[16];

  if (!copy)
    return RK_ERR_NOMEM;
  for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    char  *eq = strchr(tok, '=');
    size_t k;

    for (k = 0; eq && k < 6; k++)
      if ((size_t)(eq - tok) == strlen(keys[k]) && !strncmp(tok, keys[k], eq - tok))
        break;
    if (!eq || k == 6 || strchr(eq + 1, '\'') || strchr(eq + 1, '\\')) {
      rk_log(&st->log, RK_LOG_ERROR, NULL, "bad mysql store option '%s': " SPEC_HELP, tok);
      goto done;
    }
    vals[k] = eq + 1;
  }
  if (!vals[0])
    vals[0] = "127.0.0.1";
  if (inet_pton(AF_INET, vals[0], addr) != 1 && inet_pton(AF_INET6, vals[0], addr) != 1) {
    rk_log(&st->log, RK_LOG_ERROR, NULL,
           "mysql host must be an IP address, not '%s': use host=127.0.0.1 "
           "(libmariadb takes 'localhost' to mean the default unix socket)", vals[0]);
    goto done;
  }
  if (!vals[2] || !vals[3]) {
    rk_log(&st->log, RK_LOG_ERROR, NULL, "mysql store needs database= and user=: " SPEC_HELP);
    goto done;
  }
  rs = RK_ERR_NOMEM;
  if (rk_buf_printf(opts, "host='%s',port='%s',database='%s',user='%s',password='%s',layout='v2'",
                    vals[0], vals[1] ? vals[1] : "3306", vals[2], vals[3],
                    vals[4] ? vals[4] : "") ||
      rk_buf_printf(where, "mysql:host=%s,port=%s,database=%s,user=%s", vals[0],
                    vals[1] ? vals[1] : "3306", vals[2], vals[3]) ||
      !(*model = rk_strdup(vals[5] ? vals[5] : MYSQL_MODEL)))
    goto done;
  rs = RK_OK;
done:
  free(copy);
  return rs;
}

static RkStatus
open_mysql(RkStore *st, const char *opts, const char *model)
{
  RkBuf    b;
  RkStatus rs;
  int      errors = st->n_errors, missing;

  /* without new='yes' the module checks that the model exists; with it,
   * it creates the tables and EMPTIES the model, so it is the fallback
   * (and the probe's "Unknown model" is no news to the user) */
  st->has_txn     = 1;
  st->hold_errors = 1;
  rs              = open_model(st, "mysql", model, opts);
  st->hold_errors = 0;
  if (!rs)
    return RK_OK;
  missing = st->n_errors > errors && (strstr(st->last_error, "Unknown model") ||
                                      strstr(st->last_error, "doesn't exist"));
  if (st->mode == RK_STORE_READ || !missing) {
    if (st->n_errors > errors)
      rk_log(&st->log, RK_LOG_ERROR, st->where, "%s", st->last_error);
    if (missing)
      rk_log(&st->log, RK_LOG_ERROR, st->where, "no store here: run `reviewkg build` first");
    return rs;
  }
  rk_buf_init(&b);
  if (!(rs = rk_buf_printf(&b, "%s,new='yes'", opts)))
    rs = open_model(st, "mysql", model, b.data);
  rk_buf_clear(&b);
  return rs;
}

RkStatus
rk_store_open(RkRdf *rdf, const char *spec, RkStoreMode mode, const RkLog *log, RkStore **out)
{
  RkStore *st;
  RkStatus rs    = RK_ERR_NOMEM;
  RkBuf    opts, where;
  char    *model = NULL, *dir = NULL;
  const char *rest;

  if (!spec)
    spec = RK_DEFAULT_STORE;
  if (!(st = rk_calloc(1, sizeof *st)))
    return RK_ERR_NOMEM;
  rk_buf_init(&opts);
  rk_buf_init(&where);
  rk_strlist_init(&st->txn_graphs);
  rk_buf_init(&st->key);
  rk_buf_init(&st->scoped[0]);
  rk_buf_init(&st->scoped[1]);
  enter(st);
  st->rdf     = rdf;
  st->mode    = mode;
  st->lock_fd = -1;
  st->batch   = DEFAULT_BATCH;
  if (log)
    st->log = *log;

  if (!strncmp(spec, "sqlite:", 7) && spec[7]) {
    st->backend = BACKEND_SQLITE;
    rest        = spec + 7;
    st->where   = rk_strdup(rest);
  } else if (!strncmp(spec, "hashes:", 7) && spec[7] && spec[strlen(spec) - 1] != '/') {
    const char *slash;

    st->backend = BACKEND_HASHES;
    rest        = spec + 7;
    slash       = strrchr(rest, '/');
    dir         = slash ? rk_strndup(rest, slash == rest ? 1 : (size_t)(slash - rest)) : rk_strdup(".");
    st->where   = rk_strdup(rest);
    if (!dir)
      goto done;
    rest = slash ? slash + 1 : rest;
  } else if (!strncmp(spec, "mysql:", 6)) {
    st->backend = BACKEND_MYSQL;
    if ((rs = mysql_options(st, spec + 6, &opts, &where, &model)))
      goto done;
    st->where = rk_buf_steal(&where);
    rest      = model;
  } else {
    rk_log(log, RK_LOG_ERROR, NULL, "unknown store spec '%s': " SPEC_HELP, spec);
    rs = RK_ERR_BAD_ARG;
    goto done;
  }
  rs = RK_ERR_NOMEM;
  if (!st->where || (rs = acquire_world(st)))
    goto done;

  switch (st->backend) {
  case BACKEND_SQLITE: rs = open_sqlite(st, rest); break;
  case BACKEND_HASHES: rs = open_hashes(st, dir, rest); break;
  case BACKEND_MYSQL:  rs = open_mysql(st, opts.data, model); break;
  }
  if (rs)
    goto done;
  *out = st;
  st   = NULL;
done:
  if (st)
    rk_store_close(st);
  rk_buf_clear(&opts);
  rk_buf_clear(&where);
  free(model);
  free(dir);
  return rs;
}

/* ------------------------------------------------------------ transactions */

static RkStatus
remove_graph(RkStore *st, const char *iri)
{
  librdf_node *node = librdf_new_node_from_uri_string(st->world, (const unsigned char *)iri);
  int          rc;

  if (st->bulk) {
    librdf_free_node(node);
    return rk_sqlload_drop_graph(st->bulk, iri);
  }
  if (!node)
    return RK_ERR_NOMEM;
  rc = librdf_model_context_remove_statements(st->model, node);
  librdf_free_node(node);
  if (rc) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot remove graph <%s>", iri);
    return RK_ERR_STORE;
  }
  return RK_OK;
}

static void
txn_reset(RkStore *st)
{
  st->in_txn         = 0;
  st->docs_in_txn    = 0;
  st->triples_in_txn = 0;
  rk_strlist_clear(&st->txn_graphs);
}

static void
txn_abort(RkStore *st, const char *why)
{
  long docs = st->docs_in_txn + (st->doc_graph ? 1 : 0);

  if (st->in_txn) {
    if (st->bulk)
      rk_sqlload_rollback(st->bulk);
    else
      librdf_model_transaction_rollback(st->model);
    rk_log(&st->log, RK_LOG_ERROR, st->where,
           "%s: rolled back; the %ld document(s) of this batch are not in the store", why, docs);
  } else {
    rk_log(&st->log, RK_LOG_ERROR, st->where,
           "%s: the store has no transactions; the current document is partly loaded", why);
  }
  txn_reset(st);
}

static RkStatus
txn_begin(RkStore *st)
{
  if (!st->has_txn || st->in_txn)
    return RK_OK;
  if (st->bulk ? rk_sqlload_begin(st->bulk) != RK_OK
               : librdf_model_transaction_start(st->model) != 0) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot start a transaction");
    return RK_ERR_STORE;
  }
  st->in_txn = 1;
  return RK_OK;
}

static RkStatus
txn_commit(RkStore *st)
{
  int errors = st->n_errors;

  if (!st->in_txn)
    return RK_OK;
  /* mysql runs a removal at once, outside its (client-side) transaction,
   * while its adds wait for the commit: so removals wait for it too */
  if (st->backend == BACKEND_MYSQL)
    for (size_t i = 0; i < st->txn_graphs.n; i++)
      if (remove_graph(st, st->txn_graphs.items[i])) {
        txn_abort(st, "commit failed");
        return RK_ERR_STORE;
      }
  if (st->bulk ? rk_sqlload_commit(st->bulk) != RK_OK
               : librdf_model_transaction_commit(st->model) || st->n_errors != errors) {
    txn_abort(st, "commit failed");
    return RK_ERR_STORE;
  }
  txn_reset(st);
  return RK_OK;
}

/* Before reading: mysql's module keeps the open transaction in client
 * memory, and the bulk path writes (and rk-sqlite reads) through
 * connections of their own, so reads would miss what the sink loaded:
 * commit it (a half-sent document is not written yet). */
static RkStatus
settle_for_read(RkStore *st)
{
  if (st->bulk && st->doc_graph)
    return RK_OK;
  /* rk-sqlite reads through a connection of its own, too */
  return st->backend == BACKEND_HASHES ? RK_OK : txn_commit(st);
}

/* ------------------------------------------------------------ the sink */

static void
drop_document(RkStore *st, const char *why)
{
  if (st->doc_graph && why)
    rk_log(&st->log, RK_LOG_WARN, st->where, "review graph <%s> not loaded: %s",
           st->doc_graph, why);
  if (st->bulk && why)
    rk_sqlload_undo(st->bulk);
  for (size_t i = 0; i < st->n_quads; i++) {
    librdf_free_statement(st->quads[i].stmt);
    librdf_free_node(st->quads[i].graph);
  }
  st->n_quads = 0;
  free(st->doc_graph);
  free(st->doc_prov);
  st->doc_graph = st->doc_prov = NULL;
  seen_clear(&st->seen);
}

/* The bulk path writes as the events come, under a savepoint that
 * drop_document rolls back: the old graphs go first. */
static RkStatus
bulk_doc_begin(RkStore *st)
{
  const char *graphs[2] = { st->doc_graph, st->doc_prov };
  RkStatus    rs;

  if ((rs = txn_begin(st)) || (rs = rk_sqlload_mark(st->bulk)))
    return rs;
  for (int i = 0; i < 2 && !rs; i++)
    if (graphs[i])
      rs = remove_graph(st, graphs[i]);
  return rs;
}

static RkStatus
doc_begin(RkStore *st, const RkDocInfo *doc)
{
  uint64_t h;

  if (!doc->graph) {
    rk_log(&st->log, RK_LOG_ERROR, doc->path, "document without a graph IRI");
    return RK_ERR_BAD_ARG;
  }
  drop_document(st, "its DOC_END never came");
  if (!(st->doc_graph = rk_strdup(doc->graph)) ||
      (doc->prov_graph && !(st->doc_prov = rk_strdup(doc->prov_graph))))
    return RK_ERR_NOMEM;
  /* labelled blank nodes of different documents must not merge */
  h = rk_hash64(doc->graph, strlen(doc->graph));
  snprintf(st->blank_scope, sizeof st->blank_scope, "d%016llx", (unsigned long long)h);
  return st->bulk ? bulk_doc_begin(st) : RK_OK;
}

static RkStatus
add_statement(RkStore *st, librdf_node *graph, librdf_statement *stmt)
{
  int errors = st->n_errors;

  if (librdf_model_context_add_statement(st->model, graph, stmt) || st->n_errors != errors) {
    txn_abort(st, "cannot add a triple");
    return RK_ERR_STORE;
  }
  st->triples_in_txn++;
  return RK_OK;
}

/* Write the finished document: drop its old graphs, add the new ones, in
 * the open transaction. */
static RkStatus
doc_end(RkStore *st)
{
  const char *graphs[2] = { st->doc_graph, st->doc_prov };
  RkStatus    rs        = RK_OK;

  if (!st->doc_graph)
    return RK_OK;
  if (st->bulk) {
    if ((rs = rk_sqlload_release(st->bulk)))
      return rs;
    drop_document(st, NULL);
    return ++st->docs_in_txn >= st->batch || st->triples_in_txn > TXN_MAX_TRIPLES
               ? txn_commit(st) : RK_OK;
  }
  /* mysql would keep both copies of a graph loaded twice in one batch */
  if (st->backend == BACKEND_MYSQL && rk_strlist_find(&st->txn_graphs, st->doc_graph) >= 0)
    rs = txn_commit(st);
  if (!rs)
    rs = txn_begin(st);
  for (int i = 0; i < 2 && !rs; i++) {
    if (!graphs[i])
      continue;
    if (st->backend == BACKEND_MYSQL)
      rs = rk_strlist_add_unique(&st->txn_graphs, graphs[i]);
    else if ((rs = remove_graph(st, graphs[i])))
      txn_abort(st, "cannot replace the review's graphs");
  }
  for (size_t i = 0; i < st->n_quads && !rs; i++)
    rs = add_statement(st, st->quads[i].graph, st->quads[i].stmt);
  drop_document(st, NULL);
  if (rs || !st->in_txn)
    return rs;
  st->docs_in_txn++;
  if (st->docs_in_txn >= st->batch || st->triples_in_txn > TXN_MAX_TRIPLES)
    return txn_commit(st);
  return RK_OK;
}

static librdf_node *
new_node(RkStore *st, const RkTerm *t)
{
  librdf_uri  *dt = NULL;
  librdf_node *n  = NULL;

  if (!t->value)
    return NULL;
  switch (t->type) {
  case RK_TERM_IRI:
    return librdf_new_node_from_uri_string(st->world, (const unsigned char *)t->value);
  case RK_TERM_LITERAL:
    /* a language tag wins: such a literal is an rdf:langString */
    if (t->lang && *t->lang)
      return librdf_new_node_from_typed_literal(st->world, (const unsigned char *)t->value,
                                                t->lang, NULL);
    if (t->datatype && !(dt = librdf_new_uri(st->world, (const unsigned char *)t->datatype)))
      return NULL;
    n = librdf_new_node_from_typed_literal(st->world, (const unsigned char *)t->value, NULL, dt);
    if (dt)
      librdf_free_uri(dt);
    return n;
  case RK_TERM_BLANK:
    if (st->doc_graph) {
      RkBuf b;

      rk_buf_init(&b);
      if (!rk_buf_printf(&b, "%s%s", st->blank_scope, t->value))
        n = librdf_new_node_from_blank_identifier(st->world, (const unsigned char *)b.data);
      rk_buf_clear(&b);
      return n;
    }
    return librdf_new_node_from_blank_identifier(st->world, (const unsigned char *)t->value);
  }
  return NULL;
}

static RkStatus
term_key(RkBuf *b, const RkTerm *t)
{
  return rk_buf_printf(b, "%d%s\x1f%s\x1f%s\x1f", (int)t->type, t->value ? t->value : "",
                       t->datatype ? t->datatype : "", t->lang ? t->lang : "");
}

/* Is this quad new in the current document?  RK_OK yes, RK_NO_MATCH no. */
static RkStatus
first_time(RkStore *st, const RkTriple *t)
{
  RkStatus rs;
  int      r;

  rk_buf_reset(&st->key);
  if ((rs = rk_buf_printf(&st->key, "%s\x1e", t->graph)) || (rs = term_key(&st->key, &t->s)) ||
      (rs = term_key(&st->key, &t->p)) || (rs = term_key(&st->key, &t->o)))
    return rs;
  if ((r = seen_add(&st->seen, st->key.data)) < 0)
    return RK_ERR_NOMEM;
  return r ? RK_OK : RK_NO_MATCH;
}

/* A blank node's label inside the current document's scope. */
static RkStatus
scope_blank(RkStore *st, const RkTerm *in, RkTerm *out, RkBuf *buf)
{
  *out = *in;
  if (in->type != RK_TERM_BLANK || !st->doc_graph)
    return RK_OK;
  rk_buf_reset(buf);
  if (rk_buf_printf(buf, "%s%s", st->blank_scope, in->value))
    return RK_ERR_NOMEM;
  out->value = buf->data;
  return RK_OK;
}

static RkStatus
bulk_add(RkStore *st, const RkTriple *t)
{
  RkTerm   s, o;
  RkStatus rs;

  if ((rs = scope_blank(st, &t->s, &s, &st->scoped[0])) ||
      (rs = scope_blank(st, &t->o, &o, &st->scoped[1])) || (rs = txn_begin(st)))
    return rs;
  if ((rs = rk_sqlload_add(st->bulk, &s, &t->p, &o, t->graph))) {
    txn_abort(st, "cannot add a triple");
    return rs;
  }
  st->triples_in_txn++;
  return RK_OK;
}

static RkStatus add_unseen(RkStore *st, const RkTriple *t);

static RkStatus
add_triple(RkStore *st, const RkTriple *t)
{
  RkStatus rs;

  if (!t->graph) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "triple outside a named graph (<%s> <%s>)",
           t->s.value ? t->s.value : "?", t->p.value ? t->p.value : "?");
    return RK_ERR_BAD_ARG;
  }
  if (!t->s.value || !t->p.value || !t->o.value) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "triple with a missing term in <%s>", t->graph);
    return RK_ERR_BAD_ARG;
  }
  if ((rs = first_time(st, t)))
    return rs == RK_NO_MATCH ? RK_OK : rs;
  return add_unseen(st, t);
}

/* Add a checked triple: in a document, kept for its DOC_END (the bulk path
 * writes at once, under the document's savepoint); outside one, straight
 * into the open transaction. */
static RkStatus
add_unseen(RkStore *st, const RkTriple *t)
{
  librdf_node      *s = NULL, *p = NULL, *o = NULL, *g;
  librdf_statement *stmt = NULL;
  RkStatus          rs;

  if (st->bulk)
    return bulk_add(st, t);
  if (!st->graph_iri || strcmp(st->graph_iri, t->graph)) {
    free(st->graph_iri);
    librdf_free_node(st->graph_node);
    st->graph_node = librdf_new_node_from_uri_string(st->world, (const unsigned char *)t->graph);
    st->graph_iri  = st->graph_node ? rk_strdup(t->graph) : NULL;
    if (!st->graph_iri)
      return RK_ERR_NOMEM;
  }
  if (!(s = new_node(st, &t->s)) || !(p = new_node(st, &t->p)) || !(o = new_node(st, &t->o))) {
    librdf_free_node(s);
    librdf_free_node(p);
    return RK_ERR_NOMEM;
  }
  /* the statement takes the nodes, even when it fails */
  if (!(stmt = librdf_new_statement_from_nodes(st->world, s, p, o)))
    return RK_ERR_NOMEM;
  if (!st->doc_graph) {
    /* outside a document (a plain quad stream): straight in */
    if (!(rs = txn_begin(st)))
      rs = add_statement(st, st->graph_node, stmt);
    librdf_free_statement(stmt);
    return rs;
  }
  if (st->n_quads == st->cap_quads) {
    size_t cap   = st->cap_quads ? st->cap_quads * 2 : 64;
    Quad  *quads = rk_realloc(st->quads, cap * sizeof *quads);

    if (!quads) {
      librdf_free_statement(stmt);
      return RK_ERR_NOMEM;
    }
    st->quads     = quads;
    st->cap_quads = cap;
  }
  if (!(g = librdf_new_node_from_node(st->graph_node))) {
    librdf_free_statement(stmt);
    return RK_ERR_NOMEM;
  }
  st->quads[st->n_quads++] = (Quad){ stmt, g };
  return RK_OK;
}

/* A bad event drops its document; a store failure has already rolled
 * the batch back (see txn_abort). */
static RkStatus
store_event(void *handle, const RkEvent *ev)
{
  RkStore *st = handle;
  RkStatus rs = RK_OK;

  enter(st);
  if (st->mode != RK_STORE_WRITE) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "store is open for reading only");
    return RK_ERR_BAD_ARG;
  }
  switch (ev->type) {
  case RK_EV_DOC_BEGIN: rs = doc_begin(st, ev->body.doc); break;
  case RK_EV_TRIPLE:    rs = add_triple(st, ev->body.triple); break;
  case RK_EV_DOC_END:   rs = doc_end(st); break;
  }
  if (rs > RK_NO_MATCH)
    drop_document(st, rk_strerror(rs));
  return rs;
}

RkSink rk_store_sink(RkStore *st) { return (RkSink){ st, store_event }; }

void
rk_store_set_batch(RkStore *st, int batch)
{
  st->batch = batch > 0 ? batch : 1;
}

RkStatus
rk_store_close(RkStore *st)
{
  RkStatus rs = RK_OK;

  if (!st)
    return RK_OK;
  enter(st);
  /* a document still open means its producer failed: it is dropped,
   * the documents before it are committed */
  drop_document(st, "the store was closed before its DOC_END");
  if (st->model)
    rs = txn_commit(st);
  rk_sqlload_free(st->bulk);
  rk_buf_clear(&st->scoped[0]);
  rk_buf_clear(&st->scoped[1]);
  librdf_free_node(st->graph_node);
  librdf_free_model(st->model);
  librdf_free_storage(st->storage);
  release_world(st);
  shared.active = NULL;
  if (st->lock_fd >= 0)
    close(st->lock_fd);  /* releases the flock */
  free(st->quads);
  rk_buf_clear(&st->key);
  rk_strlist_clear(&st->txn_graphs);
  free(st->graph_iri);
  free(st->where);
  free(st);
  return rs;
}

/* ------------------------------------------------------------ queries */

static RkStatus
output_status(RkStore *st, FILE *out)
{
  if (fflush(out) || ferror(out)) {
    rk_log(&st->log, RK_LOG_ERROR, NULL, "cannot write the output: %s", strerror(errno));
    return RK_ERR_IO;
  }
  return RK_OK;
}

static RkStatus
run_query(RkStore *st, const char *sparql, librdf_query **qp, librdf_query_results **rp)
{
  int errors = st->n_errors;

  *rp = NULL;
  *qp = librdf_new_query(st->world, "sparql", NULL, (const unsigned char *)sparql, NULL);
  if (*qp)
    *rp = librdf_model_query_execute(st->model, *qp);
  if (*rp && st->n_errors == errors)
    return RK_OK;
  if (st->n_errors == errors)
    rk_log(&st->log, RK_LOG_ERROR, st->where, "query failed");
  if (*rp)
    librdf_free_query_results(*rp);
  if (*qp)
    librdf_free_query(*qp);
  *rp = NULL;
  *qp = NULL;
  return RK_ERR_QUERY;
}

static const struct { const char *prefix, *ns; } namespaces[] = {
  { "schema", RK_NS_SCHEMA }, { "rdf", RK_NS_RDF },   { "rdfs", RK_NS_RDFS },
  { "xsd", RK_NS_XSD },       { "prov", RK_NS_PROV }, { "nif", RK_NS_NIF },
  { "itsrdf", RK_NS_ITSRDF }, { "dct", RK_NS_DCT },   { "rkv", RK_NS_RKV },
};

static librdf_serializer *
new_serializer(RkStore *st, const char *name)
{
  librdf_serializer *ser = librdf_new_serializer(st->world, name, NULL, NULL);

  for (size_t i = 0; ser && i < sizeof namespaces / sizeof namespaces[0]; i++) {
    librdf_uri *u = librdf_new_uri(st->world, (const unsigned char *)namespaces[i].ns);

    if (u) {
      librdf_serializer_set_namespace(ser, u, namespaces[i].prefix);
      librdf_free_uri(u);
    }
  }
  if (!ser)
    rk_log(&st->log, RK_LOG_ERROR, st->where, "no '%s' serializer", name);
  return ser;
}

static RkStatus
write_stream(RkStore *st, librdf_stream *stream, const char *syntax, FILE *out)
{
  librdf_serializer *ser = new_serializer(st, syntax);
  int                rc;

  if (!ser)
    return RK_ERR_RDF;
  rc = librdf_serializer_serialize_stream_to_file_handle(ser, out, NULL, stream);
  librdf_free_serializer(ser);
  if (ferror(out))
    return output_status(st, out);
  return rc ? RK_ERR_RDF : RK_OK;
}

/* One table cell: IRIs in <>, literals bare (with @lang), line breaks
 * shown as \n so a row stays on one line. */
static RkStatus
cell_text(librdf_node *n, RkBuf *b)
{
  const char *s, *lang;
  RkStatus    rs;

  rk_buf_reset(b);
  if (!n)
    return rk_buf_puts(b, "");
  if (librdf_node_is_resource(n))
    return rk_buf_printf(b, "<%s>", librdf_uri_as_string(librdf_node_get_uri(n)));
  if (librdf_node_is_blank(n))
    return rk_buf_printf(b, "_:%s", librdf_node_get_blank_identifier(n));
  s    = (const char *)librdf_node_get_literal_value(n);
  lang = librdf_node_get_literal_value_language(n);
  for (rs = RK_OK; s && *s && !rs; s++) {
    if (*s == '\n')
      rs = rk_buf_puts(b, "\\n");
    else if (*s == '\r')
      rs = rk_buf_puts(b, "\\r");
    else
      rs = rk_buf_putc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
  }
  if (!rs && lang)
    rs = rk_buf_printf(b, "@%s", lang);
  return rs;
}

static void
write_row(FILE *out, char **cells, const size_t *width, int ncols)
{
  for (int i = 0; i < ncols; i++) {
    size_t w = rk_utf8_count(cells[i], strlen(cells[i]));

    fprintf(out, "| %s%*s ", cells[i], (int)(width[i] - w), "");
  }
  fputs("|\n", out);
}

/* rasqal's "table" writer leaves out the column names and wraps every
 * value as string("..."): this one writes an aligned Markdown-style table
 * (so it holds every row in memory first, to size the columns). */
static RkStatus row_key(librdf_query_results *r, int n, RkBuf *key);

/* Rows seen so far, by the text of their first columns (see row_key). */
typedef struct { SeenSet seen; RkBuf key; long n; } Distinct;

/* Is the current row of @p r, by its first @p ncols columns, new to @p d?
 * 1 yes (now remembered), 0 no, -1 out of memory. */
static int
distinct_row(Distinct *d, librdf_query_results *r, int ncols)
{
  if (row_key(r, ncols, &d->key))
    return -1;
  return seen_add(&d->seen, d->key.data);
}

static void
distinct_clear(Distinct *d)
{
  seen_clear(&d->seen);
  rk_buf_clear(&d->key);
}

static RkStatus
write_table(librdf_query_results *r, int distinct, FILE *out)
{
  int       ncols = librdf_query_results_get_bindings_count(r);
  size_t   *width = NULL, nrows = 0;
  RkStrList cells;
  RkBuf     b;
  Distinct  seen = { { NULL, 0, 0 }, { NULL, 0, 0 }, 0 };
  RkStatus  rs = RK_ERR_NOMEM;

  rk_strlist_init(&cells);
  rk_buf_init(&b);
  /* librdf knows the column names only once a row exists (its csv and
   * json writers print no header for an empty result either) */
  if (ncols <= 0) {
    fputs("(no rows)\n", out);
    return RK_OK;
  }
  if (!(width = rk_calloc(ncols, sizeof *width)))
    goto done;
  for (int i = 0; i < ncols; i++)
    if (rk_strlist_add(&cells, librdf_query_results_get_binding_name(r, i)))
      goto done;
  for (; !librdf_query_results_finished(r); librdf_query_results_next(r)) {
    int fresh;

    if (distinct && (fresh = distinct_row(&seen, r, ncols)) < 0)
      goto done;
    if (distinct && !fresh)
      continue;
    nrows++;
    for (int i = 0; i < ncols; i++) {
      librdf_node *n = librdf_query_results_get_binding_value(r, i);
      RkStatus     cs = cell_text(n, &b);

      librdf_free_node(n);
      if (cs || rk_strlist_add(&cells, b.data ? b.data : ""))
        goto done;
    }
  }
  for (size_t k = 0; k < cells.n; k++) {
    size_t w = rk_utf8_count(cells.items[k], strlen(cells.items[k]));

    if (w > width[k % ncols])
      width[k % ncols] = w;
  }
  write_row(out, cells.items, width, ncols);
  for (int i = 0; i < ncols; i++) {
    fputs("|-", out);
    for (size_t w = 0; w < width[i]; w++)
      fputc('-', out);
    fputc('-', out);
  }
  fputs("|\n", out);
  for (size_t row = 1; row <= nrows; row++)
    write_row(out, cells.items + row * ncols, width, ncols);
  rs = RK_OK;
done:
  free(width);
  rk_buf_clear(&b);
  distinct_clear(&seen);
  rk_strlist_clear(&cells);
  return rs;
}

/* ---- DISTINCT by hand ----
 * rasqal 0.9.33 does DISTINCT (and GROUP BY) with an unbalanced tree: 45k
 * rows of cast.rq at 10k reviews took over a minute, 7 s without it.  So
 * a top-level SELECT DISTINCT without LIMIT or OFFSET (which would apply
 * after it) runs without the keyword, and the rows are made distinct here
 * with a hash set, first occurrence kept: the same rows in the same order
 * as SPARQL's DISTINCT after ORDER BY. */

/* Where the top-level DISTINCT (or REDUCED) keyword starts, or NULL: the
 * first keyword after the first SELECT, skipping IRIs and comments. */
static const char *
distinct_keyword(const char *q)
{
  int after_select = 0;

  while (*q) {
    if (*q == '<') {
      while (*q && *q != '>')
        q++;
      q += *q == '>';
    } else if (*q == '#') {
      while (*q && *q != '\n')
        q++;
    } else if (rk_isalpha((unsigned char)*q)) {
      const char *w = q;

      while (rk_isalnum((unsigned char)*q) || *q == '_')
        q++;
      if (after_select)
        return (q - w == 8 && !strncasecmp(w, "DISTINCT", 8)) ||
               (q - w == 7 && !strncasecmp(w, "REDUCED", 7)) ? w : NULL;
      after_select = q - w == 6 && !strncasecmp(w, "SELECT", 6);
    } else {
      q++;
    }
  }
  return NULL;
}

static RkStatus
parse_only(RkStore *st, const char *sparql, rasqal_query **out)
{
  rasqal_world *rw = librdf_world_get_rasqal(st->world);
  rasqal_query *rq = rasqal_new_query(rw, "sparql", NULL);

  if (rq && !rasqal_query_prepare(rq, (const unsigned char *)sparql, NULL)) {
    *out = rq;
    return RK_OK;
  }
  if (rq)
    rasqal_free_query(rq);
  return RK_ERR_QUERY;
}

/* The query without its top-level DISTINCT when that can be done by hand
 * (a new string), or NULL to run it as it is. */
static char *
without_distinct(RkStore *st, const char *sparql)
{
  const char   *kw = distinct_keyword(sparql);
  rasqal_query *rq = NULL;
  char         *plain = NULL;
  int           ok;

  if (!kw || parse_only(st, sparql, &rq))
    return NULL;  /* a bad query fails later, with librdf's message */
  ok = rasqal_query_get_verb(rq) == RASQAL_QUERY_VERB_SELECT && rasqal_query_get_distinct(rq) &&
       rasqal_query_get_limit(rq) < 0 && rasqal_query_get_offset(rq) < 0;
  rasqal_free_query(rq);
  if (!ok || !(plain = rk_strdup(sparql)))
    return NULL;
  memset(plain + (kw - sparql), ' ', (size_t)(*kw == 'D' || *kw == 'd' ? 8 : 7));
  /* the keyword found must be the one rasqal saw */
  rq = NULL;
  ok = !parse_only(st, plain, &rq) && !rasqal_query_get_distinct(rq);
  if (rq)
    rasqal_free_query(rq);
  if (!ok) {
    free(plain);
    return NULL;
  }
  return plain;
}

/* ---- the four result formats, for rows made distinct here ----
 * The layouts follow the SPARQL 1.1 result formats (and rasqal's writers,
 * which the other queries go through). */

static void
put_escaped(FILE *out, const char *s, int format)
{
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;

    if (format == 'j' && (c == '"' || c == '\\'))
      fprintf(out, "\\%c", c);
    else if (format == 'j' && c < 0x20)
      fprintf(out, c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : "\\u%04x", c);
    else if (format == 't' && (c == '"' || c == '\\'))
      fprintf(out, "\\%c", c);
    else if (format == 't' && (c == '\n' || c == '\r' || c == '\t'))
      fputs(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t", out);
    else if (format == 't' && c >= 0x80) {
      /* as rasqal writes TSV: N-Triples escapes, upper-case hex */
      uint32_t cp;
      size_t   k = rk_utf8_decode(s, strlen(s), &cp);

      if (!k) {
        fputc(c, out);
        continue;
      }
      fprintf(out, cp < 0x10000 ? "\\u%04X" : "\\U%08X", (unsigned)cp);
      s += k - 1;
    }
    else if (format == 'x' && (c == '&' || c == '<' || c == '>' || c == '"'))
      fputs(c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;", out);
    else if (format == 'c' && c == '"')
      fputs("\"\"", out);
    else
      fputc(c, out);
  }
}

static void
put_csv_cell(FILE *out, const char *s)
{
  if (strpbrk(s, ",\"\r\n")) {
    fputc('"', out);
    put_escaped(out, s, 'c');
    fputc('"', out);
  } else {
    fputs(s, out);
  }
}

/* One value; @p n may be NULL (unbound). */
static void
put_value(FILE *out, int format, const char *name, librdf_node *n, int first)
{
  const char *v = NULL, *lang = NULL, *dt = NULL;
  int         kind = 0;  /* 0 unbound, 'u' IRI, 'b' blank, 'l' literal */
  librdf_uri *dturi;

  if (n && librdf_node_is_resource(n)) {
    kind = 'u';
    v    = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
  } else if (n && librdf_node_is_blank(n)) {
    kind = 'b';
    v    = (const char *)librdf_node_get_blank_identifier(n);
  } else if (n) {
    kind  = 'l';
    v     = (const char *)librdf_node_get_literal_value(n);
    lang  = librdf_node_get_literal_value_language(n);
    dturi = librdf_node_get_literal_value_datatype_uri(n);
    dt    = dturi ? (const char *)librdf_uri_as_string(dturi) : NULL;
  }
  switch (format) {
  case 'c':
    if (!first)
      fputc(',', out);
    if (kind == 'b')
      fputs("_:", out);
    if (kind)
      put_csv_cell(out, v);
    break;
  case 't':
    if (!first)
      fputc('\t', out);
    if (kind == 'u')
      fprintf(out, "<%s>", v);
    else if (kind == 'b')
      fprintf(out, "_:%s", v);
    else if (kind == 'l') {
      fputc('"', out);
      put_escaped(out, v, 't');
      fputc('"', out);
      if (lang)
        fprintf(out, "@%s", lang);
      else if (dt)
        fprintf(out, "^^<%s>", dt);
    }
    break;
  case 'j':
    if (!kind)
      return;  /* an unbound variable is left out of its row */
    fprintf(out, "%s\n        \"", first ? "" : ",");
    put_escaped(out, name, 'j');
    fprintf(out, "\" : { \"type\": \"%s\", \"value\": \"",
            kind == 'u' ? "uri" : kind == 'b' ? "bnode" : "literal");
    put_escaped(out, v, 'j');
    fputc('"', out);
    if (lang)
      fprintf(out, ", \"xml:lang\" : \"%s\"", lang);
    else if (dt)
      fprintf(out, ", \"datatype\" : \"%s\"", dt);
    fputs(" }", out);
    break;
  case 'x':
    if (!kind)
      return;
    fputs("      <binding name=\"", out);
    put_escaped(out, name, 'x');
    fputs("\">", out);
    if (kind == 'u' || kind == 'b') {
      fputs(kind == 'u' ? "<uri>" : "<bnode>", out);
      put_escaped(out, v, 'x');
      fputs(kind == 'u' ? "</uri>" : "</bnode>", out);
    } else {
      fputs("<literal", out);
      if (lang)
        fprintf(out, " xml:lang=\"%s\"", lang);
      else if (dt) {
        fputs(" datatype=\"", out);
        put_escaped(out, dt, 'x');
        fputc('"', out);
      }
      fputc('>', out);
      put_escaped(out, v, 'x');
      fputs("</literal>", out);
    }
    fputs("</binding>\n", out);
    break;
  }
}

/* The distinct rows of @p r, in @p format (csv, tsv, json or xml). */
static RkStatus
write_distinct(librdf_query_results *r, const char *format, FILE *out)
{
  int      f     = format[0] == 'c' ? 'c' : format[0] == 't' ? 't' : format[0] == 'j' ? 'j' : 'x';
  int      ncols = librdf_query_results_get_bindings_count(r);
  Distinct seen  = { { NULL, 0, 0 }, { NULL, 0, 0 }, 0 };
  RkStatus rs    = RK_OK;
  long     rows  = 0;

  if (f == 'j')
    fputs("{\n  \"head\": {\n    \"vars\": [ ", out);
  else if (f == 'x')
    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n", out);
  for (int i = 0; i < ncols; i++) {
    const char *name = librdf_query_results_get_binding_name(r, i);

    if (f == 'c')
      fprintf(out, "%s%s", i ? "," : "", name);
    else if (f == 't')
      fprintf(out, "%s?%s", i ? "\t" : "", name);
    else if (f == 'j')
      fprintf(out, "%s\"%s\"", i ? ", " : "", name);
    else
      fprintf(out, "    <variable name=\"%s\"/>\n", name);
  }
  if (f == 'c')
    fputs("\r\n", out);
  else if (f == 't')
    fputc('\n', out);
  else if (f == 'j')
    fputs(" ]\n  },\n  \"results\": {\n    \"bindings\" : [", out);
  else
    fputs("  </head>\n  <results>\n", out);
  for (; !librdf_query_results_finished(r); librdf_query_results_next(r)) {
    int fresh, first = 1;

    if ((fresh = distinct_row(&seen, r, ncols)) < 0) {
      rs = RK_ERR_NOMEM;
      break;
    }
    if (!fresh)
      continue;
    if (f == 'j')
      fprintf(out, "%s\n      {", rows ? "," : "");
    else if (f == 'x')
      fputs("    <result>\n", out);
    for (int i = 0; i < ncols; i++) {
      librdf_node *n = librdf_query_results_get_binding_value(r, i);

      put_value(out, f, librdf_query_results_get_binding_name(r, i), n, first);
      if (n || f == 'c' || f == 't')
        first = 0;
      librdf_free_node(n);
    }
    if (f == 'c')
      fputs("\r\n", out);
    else if (f == 't')
      fputc('\n', out);
    else if (f == 'j')
      fputs("\n      }", out);
    else
      fputs("    </result>\n", out);
    rows++;
  }
  if (f == 'j')
    fputs("\n    ]\n  }\n}\n", out);
  else if (f == 'x')
    fputs("  </results>\n</sparql>\n", out);
  distinct_clear(&seen);
  return rs;
}

static const char *bindings_formats[] = { "table", "csv", "tsv", "json", "xml" };

RkStatus
rk_store_query(RkStore *st, const char *sparql, const char *format, FILE *out)
{
  librdf_query         *q = NULL;
  librdf_query_results *r = NULL;
  librdf_stream        *stream;
  char                 *plain = NULL;  /* the query without DISTINCT, done by hand */
  RkStatus              rs;
  size_t                i;
  int                   graph_fmt;

  enter(st);
  if (!format)
    format = "table";
  for (i = 0; i < sizeof bindings_formats / sizeof bindings_formats[0]; i++)
    if (!strcmp(format, bindings_formats[i]))
      break;
  graph_fmt = !strcmp(format, "turtle") || !strcmp(format, "ntriples");
  if (i == sizeof bindings_formats / sizeof bindings_formats[0] && !graph_fmt) {
    rk_log(&st->log, RK_LOG_ERROR, NULL, "unknown result format '%s': use table, csv, tsv, "
           "json or xml (turtle or ntriples for CONSTRUCT and DESCRIBE)", format);
    return RK_ERR_BAD_ARG;
  }
  if ((rs = settle_for_read(st)))
    return rs;
  plain = without_distinct(st, sparql);
  rs    = run_query(st, plain ? plain : sparql, &q, &r);
  if (rs) {
    free(plain);
    return rs;
  }
  if (librdf_query_results_is_graph(r)) {
    /* CONSTRUCT/DESCRIBE: a table format makes no sense, Turtle does */
    if (!(stream = librdf_query_results_as_stream(r))) {
      rs = RK_ERR_QUERY;
      goto done;
    }
    rs = write_stream(st, stream, strcmp(format, "ntriples") ? "turtle" : "ntriples", out);
    librdf_free_stream(stream);
  } else if (graph_fmt) {
    rk_log(&st->log, RK_LOG_ERROR, NULL, "'%s' is for CONSTRUCT and DESCRIBE results", format);
    rs = RK_ERR_BAD_ARG;
  } else if (librdf_query_results_is_boolean(r) && strcmp(format, "json") && strcmp(format, "xml")) {
    /* rasqal's table and csv writers print nothing for ASK */
    fprintf(out, "%s\n", librdf_query_results_get_boolean(r) > 0 ? "true" : "false");
  } else if (!strcmp(format, "table")) {
    rs = write_table(r, plain != NULL, out);
  } else if (plain) {
    rs = write_distinct(r, format, out);
  } else if (librdf_query_results_to_file_handle2(r, out, format, NULL, NULL, NULL) &&
             !ferror(out)) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot write results as %s", format);
    rs = RK_ERR_QUERY;
  }
  if (!rs)
    rs = output_status(st, out);
done:
  librdf_free_query_results(r);
  librdf_free_query(q);
  free(plain);
  return rs;
}

/* rasqal's messages, as librdf forwards them once it has made a query:
 * a query parsed here may come first. */
static void
forward_rasqal_log(void *world, raptor_log_message *m)
{
  librdf_log_level level = LIBRDF_LOG_ERROR;

  switch (m->level) {
  case RAPTOR_LOG_LEVEL_NONE:
  case RAPTOR_LOG_LEVEL_TRACE:
  case RAPTOR_LOG_LEVEL_DEBUG:
  case RAPTOR_LOG_LEVEL_INFO:  return;
  case RAPTOR_LOG_LEVEL_WARN:  level = LIBRDF_LOG_WARN; break;
  case RAPTOR_LOG_LEVEL_ERROR: level = LIBRDF_LOG_ERROR; break;
  case RAPTOR_LOG_LEVEL_FATAL: level = LIBRDF_LOG_FATAL; break;
  }
  librdf_log_simple(world, 0, level, LIBRDF_FROM_QUERY, m->locator, m->text);
}

/* Parse with rasqal alone (librdf does not tell a query's form before it
 * runs it).  An update does not parse as "sparql", and rasqal says only
 * "query failed" for it, so a failed parse is tried again, quietly, as
 * SPARQL 1.1 Update to name it. */
static int
parses_as(RkStore *st, const char *language, const char *sparql, rasqal_query_verb *verb)
{
  rasqal_world *rw     = librdf_world_get_rasqal(st->world);
  rasqal_query *rq     = rasqal_new_query(rw, language, NULL);
  int           errors = st->n_errors;
  int           ok;

  rasqal_world_set_log_handler(rw, st->world, forward_rasqal_log);
  ok = rq && !rasqal_query_prepare(rq, (const unsigned char *)sparql, NULL) &&
       st->n_errors == errors;
  if (ok)
    *verb = rasqal_query_get_verb(rq);
  if (rq)
    rasqal_free_query(rq);
  return ok;
}

RkStatus
rk_store_query_form(RkStore *st, const char *sparql, RkQueryForm *out)
{
  rasqal_query_verb verb = RASQAL_QUERY_VERB_UNKNOWN;
  int               errors, is_update;

  enter(st);
  errors = st->n_errors;
  if (!parses_as(st, "sparql", sparql, &verb)) {
    st->hold_errors++;
    is_update = parses_as(st, "sparql11-update", sparql, &verb);
    st->hold_errors--;
    if (is_update) {
      *out = RK_QUERY_UPDATE;
      return RK_OK;
    }
    if (st->n_errors == errors)
      rk_log(&st->log, RK_LOG_ERROR, st->where, "the query does not parse");
    return RK_ERR_QUERY;
  }
  switch (verb) {
  case RASQAL_QUERY_VERB_SELECT:    *out = RK_QUERY_SELECT; break;
  case RASQAL_QUERY_VERB_ASK:       *out = RK_QUERY_ASK; break;
  case RASQAL_QUERY_VERB_CONSTRUCT:
  case RASQAL_QUERY_VERB_DESCRIBE:  *out = RK_QUERY_GRAPH; break;
  case RASQAL_QUERY_VERB_DELETE:
  case RASQAL_QUERY_VERB_INSERT:
  case RASQAL_QUERY_VERB_UPDATE:    *out = RK_QUERY_UPDATE; break;
  case RASQAL_QUERY_VERB_UNKNOWN:
    rk_log(&st->log, RK_LOG_ERROR, st->where, "not a SELECT, ASK, CONSTRUCT or DESCRIBE query");
    return RK_ERR_QUERY;
  }
  return RK_OK;
}

/* Call @p fn with each row of a SELECT; a non-OK return stops and is returned. */
typedef RkStatus (*RowFunc)(RkStore *st, librdf_query_results *r, void *handle);

static RkStatus
each_row(RkStore *st, const char *sparql, RowFunc fn, void *handle)
{
  librdf_query         *q;
  librdf_query_results *r;
  RkStatus              rs;

  if ((rs = run_query(st, sparql, &q, &r)))
    return rs;
  for (; !rs && !librdf_query_results_finished(r); librdf_query_results_next(r))
    rs = fn(st, r, handle);
  librdf_free_query_results(r);
  librdf_free_query(q);
  return rs;
}

typedef struct { RkRowFunc fn; void *handle; RkTerm *row; int ncols; } SelectCall;

/* One row as RkTerms: the nodes are held until the callback returns. */
static RkStatus
call_row(RkStore *st, librdf_query_results *r, void *handle)
{
  SelectCall   *call = handle;
  librdf_node **nodes = rk_calloc((size_t)call->ncols + 1, sizeof *nodes);
  RkStatus      rs;

  if (!nodes)
    return RK_ERR_NOMEM;
  for (int i = 0; i < call->ncols; i++) {
    librdf_node *n = nodes[i] = librdf_query_results_get_binding_value(r, i);
    RkTerm      *t = &call->row[i];
    librdf_uri  *dt;

    *t = (RkTerm){ RK_TERM_IRI, NULL, NULL, NULL };
    if (!n)
      continue;
    if (librdf_node_is_resource(n)) {
      t->value = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
    } else if (librdf_node_is_blank(n)) {
      t->type  = RK_TERM_BLANK;
      t->value = (const char *)librdf_node_get_blank_identifier(n);
    } else {
      t->type  = RK_TERM_LITERAL;
      t->value = (const char *)librdf_node_get_literal_value(n);
      t->lang  = librdf_node_get_literal_value_language(n);
      dt       = librdf_node_get_literal_value_datatype_uri(n);
      t->datatype = dt ? (const char *)librdf_uri_as_string(dt) : NULL;
      if (!t->value)
        t->value = "";
    }
  }
  rs = call->fn(call->handle, call->ncols, call->row);
  enter(st);  /* the callback may have used another store */
  for (int i = 0; i < call->ncols; i++)
    librdf_free_node(nodes[i]);
  free(nodes);
  return rs;
}

RkStatus
rk_store_select(RkStore *st, const char *sparql, RkRowFunc fn, void *handle)
{
  SelectCall            call = { fn, handle, NULL, 0 };
  librdf_query         *q;
  librdf_query_results *r;
  RkStatus              rs;

  enter(st);
  if ((rs = settle_for_read(st)) || (rs = run_query(st, sparql, &q, &r)))
    return rs;
  if (!librdf_query_results_is_bindings(r)) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "not a SELECT query");
    rs = RK_ERR_QUERY;
    goto done;
  }
  call.ncols = librdf_query_results_get_bindings_count(r);
  if (!(call.row = rk_calloc((size_t)call.ncols + 1, sizeof *call.row))) {
    rs = RK_ERR_NOMEM;
    goto done;
  }
  for (; !rs && !librdf_query_results_finished(r); librdf_query_results_next(r))
    rs = call_row(st, r, &call);
done:
  free(call.row);
  librdf_free_query_results(r);
  librdf_free_query(q);
  return rs;
}

/* The text of a row's first @p n bindings as one key, for de-duplicating
 * in C: rasqal 0.9.33 miscounts COUNT(DISTINCT ?x) (7 for 6 people) and
 * every SELECT DISTINCT leaks its rows, so our own queries avoid both. */
static RkStatus
row_key(librdf_query_results *r, int n, RkBuf *key)
{
  RkStatus rs = RK_OK;

  rk_buf_reset(key);
  for (int i = 0; i < n && !rs; i++) {
    librdf_node *node = librdf_query_results_get_binding_value(r, i);
    librdf_uri  *dt;

    if (!node)
      rs = rk_buf_puts(key, "-\x1f");
    else if (librdf_node_is_resource(node))
      rs = rk_buf_printf(key, "<%s\x1f", librdf_uri_as_string(librdf_node_get_uri(node)));
    else if (librdf_node_is_blank(node))
      rs = rk_buf_printf(key, "_%s\x1f", librdf_node_get_blank_identifier(node));
    else {
      dt = librdf_node_get_literal_value_datatype_uri(node);
      rs = rk_buf_printf(key, "\"%s\x1e%s\x1e%s\x1f", librdf_node_get_literal_value(node),
                         librdf_node_get_literal_value_language(node) ?
                         librdf_node_get_literal_value_language(node) : "",
                         dt ? (const char *)librdf_uri_as_string(dt) : "");
    }
    librdf_free_node(node);
  }
  return rs;
}

static RkStatus
count_distinct(RkStore *st, librdf_query_results *r, void *handle)
{
  Distinct *d     = handle;
  int       added = distinct_row(d, r, 1);

  if (added < 0)
    return RK_ERR_NOMEM;
  d->n += added;
  return RK_OK;
}

static RkStatus
count_class(RkStore *st, const char *local_name, long *out)
{
  Distinct d = { { NULL, 0, 0 }, { NULL, 0, 0 }, 0 };
  RkBuf    q;
  RkStatus rs;

  rk_buf_init(&q);
  if (!(rs = rk_buf_printf(&q, "SELECT ?x WHERE { ?x a <%s%s> }", RK_NS_SCHEMA, local_name)) &&
      !(rs = each_row(st, q.data, count_distinct, &d)))
    *out = d.n;
  distinct_clear(&d);
  rk_buf_clear(&q);
  return rs;
}

RkStatus
rk_store_stats(RkStore *st, RkStoreStats *out)
{
  RkStoreStats s = { 0 };
  RkStatus     rs;
  int          size;

  enter(st);
  if ((rs = settle_for_read(st)) || (rs = count_class(st, "Review", &s.reviews)) ||
      (rs = count_class(st, "Movie", &s.films)) || (rs = count_class(st, "Person", &s.people)) ||
      (rs = count_class(st, "Organization", &s.outlets)))
    return rs;
  /* BDB hashes do not know their size: count by walking them */
  if ((size = librdf_model_size(st->model)) >= 0) {
    s.triples = size;
  } else {
    librdf_stream *stream = librdf_model_as_stream(st->model);

    if (!stream)
      return RK_ERR_STORE;
    for (; !librdf_stream_end(stream); librdf_stream_next(stream))
      s.triples++;
    librdf_free_stream(stream);
  }
  *out = s;
  return RK_OK;
}

typedef struct { RkFilmFunc fn; void *handle; Distinct d; } FilmCall;

static RkStatus
call_film(RkStore *st, librdf_query_results *r, void *handle)
{
  FilmCall    *call = handle;
  librdf_node *f, *n;
  RkStatus     rs = RK_OK;
  int          added;

  /* a film named in several reviews comes once per graph */
  if ((added = distinct_row(&call->d, r, 2)) <= 0)
    return added < 0 ? RK_ERR_NOMEM : RK_OK;
  f = librdf_query_results_get_binding_value_by_name(r, "f");
  n = librdf_query_results_get_binding_value_by_name(r, "n");
  if (f && n && librdf_node_is_resource(f) && librdf_node_is_literal(n)) {
    rs = call->fn(call->handle, (const char *)librdf_uri_as_string(librdf_node_get_uri(f)),
                  (const char *)librdf_node_get_literal_value(n));
    enter(st);  /* the callback may have used another store */
  }
  librdf_free_node(f);
  librdf_free_node(n);
  return rs;
}

RkStatus
rk_store_each_film_title(RkStore *st, RkFilmFunc fn, void *handle)
{
  FilmCall call = { fn, handle, { { NULL, 0, 0 }, { NULL, 0, 0 }, 0 } };
  RkStatus rs;

  enter(st);
  if (!(rs = settle_for_read(st)))
    rs = each_row(st, "PREFIX schema: <" RK_NS_SCHEMA ">\n"
                  "SELECT ?f ?n WHERE { ?f a schema:Movie ; schema:name ?n }", call_film, &call);
  distinct_clear(&call.d);
  return rs;
}

/* ------------------------------------------------------------ load */

/* librdf's own parser drops the graph names of N-Quads (so does rdfproc):
 * the load reads with raptor's parser, which keeps them. */
typedef struct {
  RkStore        *st;
  raptor_parser  *parser;
  SeenSet         graphs;  /* graphs of this file: replaced at first sight */
  RkStatus        rs;      /* the first failure; the parse is aborted */
  long            n;
} Load;

/* A raptor term as an RkTerm; the strings are the term's. */
static void
term_of(const raptor_term *r, RkTerm *t)
{
  memset(t, 0, sizeof *t);
  switch (r->type) {
  case RAPTOR_TERM_TYPE_URI:
    t->type  = RK_TERM_IRI;
    t->value = (const char *)raptor_uri_as_string(r->value.uri);
    break;
  case RAPTOR_TERM_TYPE_BLANK:
    t->type  = RK_TERM_BLANK;
    t->value = (const char *)r->value.blank.string;
    break;
  default:
    t->type     = RK_TERM_LITERAL;
    t->value    = (const char *)r->value.literal.string;
    t->lang     = (const char *)r->value.literal.language;
    t->datatype = r->value.literal.datatype
                      ? (const char *)raptor_uri_as_string(r->value.literal.datatype) : NULL;
    break;
  }
}

static RkStatus
load_quad(Load *ld, const raptor_statement *q)
{
  RkStore    *st = ld->st;
  RkTriple    t;
  const char *iri;
  RkStatus    rs;
  int         r;

  if (!q->graph || q->graph->type != RAPTOR_TERM_TYPE_URI) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "a triple outside a named graph: load takes "
           "N-Quads whose every statement names its graph (as `reviewkg export` writes)");
    return RK_ERR_PARSE;
  }
  iri = (const char *)raptor_uri_as_string(q->graph->value.uri);
  if ((r = seen_add(&ld->graphs, iri)) < 0)
    return RK_ERR_NOMEM;
  if ((rs = txn_begin(st)))
    return rs;
  /* (mysql removes at its commit: see txn_commit) */
  if (r && (rs = st->backend == BACKEND_MYSQL ? rk_strlist_add_unique(&st->txn_graphs, iri)
                                              : remove_graph(st, iri)))
    return rs;
  term_of(q->subject, &t.s);
  term_of(q->predicate, &t.p);
  term_of(q->object, &t.o);
  t.graph = iri;
  /* a dump has no duplicates to drop (and remembering every quad of a
   * large file would cost its size): past add_triple's check */
  if ((rs = add_unseen(st, &t)))
    return rs;
  /* mysql keeps a transaction in client memory: bound it (the file is
   * then not one unit, as the README says) */
  if (++ld->n % TXN_MAX_TRIPLES == 0 && st->backend == BACKEND_MYSQL)
    rs = txn_commit(st);
  return rs;
}

static void
on_quad(void *handle, raptor_statement *q)
{
  Load *ld = handle;

  if (!ld->rs && (ld->rs = load_quad(ld, q)))
    raptor_parser_parse_abort(ld->parser);
}

RkStatus
rk_store_load(RkStore *st, const char *path, long *quads)
{
  FILE       *in   = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  raptor_uri *base = NULL;
  Load        ld   = { st, NULL, { NULL, 0, 0 }, RK_OK, 0 };
  int         errors = st->n_errors;
  RkStatus    rs;

  enter(st);
  *quads = 0;
  if (!in) {
    rk_log(&st->log, RK_LOG_ERROR, path, "cannot read: %s", strerror(errno));
    return RK_ERR_IO;
  }
  if (st->mode != RK_STORE_WRITE) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "store is open for reading only");
    rs = RK_ERR_BAD_ARG;
    goto done;
  }
  /* what the sink loaded so far goes in first: this file is its own unit */
  if ((rs = txn_commit(st)))
    goto done;
  rs = RK_ERR_NOMEM;
  if (!(ld.parser = raptor_new_parser(rk_rdf_raptor_world(st->rdf), "nquads")) ||
      !(base = raptor_new_uri(rk_rdf_raptor_world(st->rdf), (const unsigned char *)"urn:reviewkg:load")))
    goto done;
  raptor_parser_set_statement_handler(ld.parser, &ld, on_quad);
  /* raptor reads the file in chunks: it is never held whole */
  if (raptor_parser_parse_file_stream(ld.parser, in, path, base) && !ld.rs)
    ld.rs = RK_ERR_PARSE;
  rs = ld.rs;
  if (!rs && st->n_errors != errors)
    rs = RK_ERR_PARSE;
done:
  if (rs) {
    if (st->in_txn)
      txn_abort(st, rs == RK_ERR_PARSE ? "not N-Quads" : "load failed");
    if (rs == RK_ERR_PARSE)
      rk_log(&st->log, RK_LOG_ERROR, path, "not loaded: the store is as it was before this file");
  } else if (!(rs = txn_commit(st))) {
    *quads = ld.n;
  }
  if (base)
    raptor_free_uri(base);
  if (ld.parser)
    raptor_free_parser(ld.parser);
  seen_clear(&ld.graphs);
  if (in != stdin)
    fclose(in);
  return rs;
}

/* ------------------------------------------------------------ forget */

static int
graph_exists(RkStore *st, const char *iri)
{
  librdf_node   *node = librdf_new_node_from_uri_string(st->world, (const unsigned char *)iri);
  librdf_stream *stream;
  int            found = 0;

  if (!node)
    return -1;
  if ((stream = librdf_model_context_as_stream(st->model, node))) {
    found = !librdf_stream_end(stream);
    librdf_free_stream(stream);
  }
  librdf_free_node(node);
  return found;
}

/* The facts graph named by a graph, provenance graph or review IRI. */
static char *
facts_graph_of(const char *iri)
{
  size_t      len   = strlen(iri);
  const char *graph = strstr(iri, "/graph/review/");
  const char *at    = NULL;
  RkBuf       b;

  if (graph) {
    /* ".../graph/review/ID/prov", but not a review whose ID is "prov" */
    if (len > 5 && !strcmp(iri + len - 5, "/prov") && iri + len - 5 > graph + 14)
      return rk_strndup(iri, len - 5);
    return rk_strdup(iri);
  }
  for (const char *p = strstr(iri, "/review/"); p; p = strstr(p + 1, "/review/"))
    at = p;
  if (!at)
    return rk_strdup(iri);  /* some other graph: take it as it is */
  rk_buf_init(&b);
  if (rk_buf_printf(&b, "%.*s/graph%s", (int)(at - iri), iri, at)) {
    rk_buf_clear(&b);
    return NULL;
  }
  return rk_buf_steal(&b);
}

RkStatus
rk_store_forget(RkStore *st, const char *iri)
{
  char    *graphs[2] = { facts_graph_of(iri), NULL };
  RkStatus rs        = RK_ERR_NOMEM;
  int      found     = 0;
  RkBuf    b;

  enter(st);
  rk_buf_init(&b);
  if (!graphs[0] || rk_buf_printf(&b, "%s/prov", graphs[0]))
    goto done;
  graphs[1] = rk_buf_steal(&b);
  if (st->mode != RK_STORE_WRITE) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "store is open for reading only");
    rs = RK_ERR_BAD_ARG;
    goto done;
  }
  /* what the sink loaded so far goes in first */
  if ((rs = txn_commit(st)))
    goto done;
  for (int i = 0; i < 2; i++) {
    int r = graph_exists(st, graphs[i]);

    if (r < 0) {
      rs = RK_ERR_NOMEM;
      goto done;
    }
    found |= r;
  }
  if (!found) {
    rk_log(&st->log, RK_LOG_INFO, st->where, "no graph <%s> to forget", graphs[0]);
    rs = RK_NO_MATCH;
    goto done;
  }
  if ((rs = txn_begin(st)))
    goto done;
  for (int i = 0; i < 2 && !rs; i++)
    rs = remove_graph(st, graphs[i]);
  if (rs)
    txn_abort(st, "cannot forget the review");
  else
    rs = txn_commit(st);
done:
  rk_buf_clear(&b);
  free(graphs[0]);
  free(graphs[1]);
  return rs;
}

/* ------------------------------------------------------------ export */

/* N-Triples escaping: ECHAR for literals, UCHAR for what an IRIREF forbids. */
static void
write_escaped(FILE *out, const char *s, int iri)
{
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;

    if (!iri && c == '"')
      fputs("\\\"", out);
    else if (!iri && c == '\\')
      fputs("\\\\", out);
    else if (!iri && c == '\n')
      fputs("\\n", out);
    else if (!iri && c == '\r')
      fputs("\\r", out);
    else if (!iri && c == '\t')
      fputs("\\t", out);
    else if (c < 0x20 || c == 0x7f || (iri && strchr("<>\"{}|^`\\ ", c)))
      fprintf(out, "\\u%04X", c);
    else
      fputc(c, out);
  }
}

static void
write_term(FILE *out, librdf_node *n)
{
  if (librdf_node_is_resource(n)) {
    fputc('<', out);
    write_escaped(out, (const char *)librdf_uri_as_string(librdf_node_get_uri(n)), 1);
    fputc('>', out);
  } else if (librdf_node_is_blank(n)) {
    fprintf(out, "_:%s", librdf_node_get_blank_identifier(n));
  } else {
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt   = librdf_node_get_literal_value_datatype_uri(n);

    fputc('"', out);
    write_escaped(out, (const char *)librdf_node_get_literal_value(n), 0);
    fputc('"', out);
    if (lang)
      fprintf(out, "@%s", lang);
    else if (dt) {
      fputs("^^<", out);
      write_escaped(out, (const char *)librdf_uri_as_string(dt), 1);
      fputc('>', out);
    }
  }
}

static int
compare_strings(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Graphs go out sorted by IRI; within a graph the order is the storage's
 * (insertion order for sqlite), so equal stores export equal files. */
static RkStatus
export_nquads(RkStore *st, FILE *out)
{
  RkStrList        graphs;
  librdf_iterator *it = librdf_model_get_contexts(st->model);
  RkStatus         rs = RK_OK;

  rk_strlist_init(&graphs);
  if (!it) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot list the graphs");
    return RK_ERR_STORE;
  }
  for (; !rs && !librdf_iterator_end(it); librdf_iterator_next(it)) {
    librdf_node *g = librdf_iterator_get_object(it);

    if (g && librdf_node_is_resource(g))
      rs = rk_strlist_add(&graphs, (const char *)librdf_uri_as_string(librdf_node_get_uri(g)));
  }
  librdf_free_iterator(it);
  if (graphs.n)
    qsort(graphs.items, graphs.n, sizeof *graphs.items, compare_strings);
  for (size_t i = 0; !rs && i < graphs.n && !ferror(out); i++) {
    librdf_node   *g = librdf_new_node_from_uri_string(st->world,
                                                       (const unsigned char *)graphs.items[i]);
    librdf_stream *stream = g ? librdf_model_context_as_stream(st->model, g) : NULL;

    if (!stream)
      rs = g ? RK_ERR_STORE : RK_ERR_NOMEM;
    for (; stream && !librdf_stream_end(stream) && !ferror(out); librdf_stream_next(stream)) {
      librdf_statement *s = librdf_stream_get_object(stream);

      write_term(out, librdf_statement_get_subject(s));
      fputc(' ', out);
      write_term(out, librdf_statement_get_predicate(s));
      fputc(' ', out);
      write_term(out, librdf_statement_get_object(s));
      fputc(' ', out);
      write_term(out, g);
      fputs(" .\n", out);
    }
    if (stream)
      librdf_free_stream(stream);
    librdf_free_node(g);
  }
  rk_strlist_clear(&graphs);
  if (rs)
    return rs;
  return output_status(st, out);
}

RkStatus
rk_store_export(RkStore *st, RkSyntax syntax, FILE *out)
{
  const char    *name = NULL;
  librdf_stream *stream;
  RkStatus       rs;

  enter(st);
  if ((rs = settle_for_read(st)))
    return rs;
  switch (syntax) {
  case RK_SYNTAX_NQUADS:   return export_nquads(st, out);
  case RK_SYNTAX_TURTLE:   name = "turtle"; break;
  case RK_SYNTAX_NTRIPLES: name = "ntriples"; break;
  case RK_SYNTAX_RDFXML:   name = "rdfxml-abbrev"; break;
  case RK_SYNTAX_DOT:      name = "dot"; break;
  }
  /* without graph names a triple asserted by several reviews is written
   * once per graph: duplicates are legal RDF and harmless to a reader */
  if (!(stream = librdf_model_as_stream(st->model))) {
    rk_log(&st->log, RK_LOG_ERROR, st->where, "cannot read the store");
    return RK_ERR_STORE;
  }
  rs = write_stream(st, stream, name, out);
  librdf_free_stream(stream);
  return rs ? rs : output_status(st, out);
}
