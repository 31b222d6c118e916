/* sqlload.c - part of stage 6: the bulk write path into a Redland sqlite
 * store.  Writes librdf's own schema (uris, blanks, literals: id + value;
 * triples: seven id columns, NULL where unused) with prepared statements,
 * and remembers the id of every node it has looked up or created, so a
 * node costs one hash probe after its first use.  Owns its sqlite
 * connection and the id cache; knows nothing of Redland itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "reviewkg/sqlload.h"
#include "reviewkg/util.h"

/* Cached node ids; cleared when full (a bound on memory, not on speed:
 * a cleared entry costs one indexed SELECT) and after every rollback,
 * which may have taken back ids the cache handed out. */
#define CACHE_MAX_ENTRIES (1u << 20)

typedef enum {
  SQL_FIND_URI, SQL_ADD_URI, SQL_FIND_BLANK, SQL_ADD_BLANK,
  SQL_FIND_LITERAL, SQL_ADD_LITERAL, SQL_ADD_TRIPLE, SQL_DROP_GRAPH,
  SQL_COUNT
} SqlId;

/* The statements librdf's module would build as text, with the same
 * semantics: a literal without language or datatype has NULL there. */
static const char *const sql_text[SQL_COUNT] = {
  [SQL_FIND_URI]     = "SELECT id FROM uris WHERE uri = ?1",
  [SQL_ADD_URI]      = "INSERT INTO uris (id, uri) VALUES (NULL, ?1)",
  [SQL_FIND_BLANK]   = "SELECT id FROM blanks WHERE blank = ?1",
  [SQL_ADD_BLANK]    = "INSERT INTO blanks (id, blank) VALUES (NULL, ?1)",
  [SQL_FIND_LITERAL] = "SELECT id FROM literals WHERE text = ?1 AND language IS ?2 "
                       "AND datatype IS ?3",
  [SQL_ADD_LITERAL]  = "INSERT INTO literals (id, text, language, datatype) "
                       "VALUES (NULL, ?1, ?2, ?3)",
  [SQL_ADD_TRIPLE]   = "INSERT INTO triples (subjectUri, subjectBlank, predicateUri, "
                       "objectUri, objectBlank, objectLiteral, contextUri) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [SQL_DROP_GRAPH]   = "DELETE FROM triples WHERE contextUri = ?1",
};

typedef struct {
  char    **keys;  /* open addressing; NULL marks a free slot; keys owned */
  int64_t  *ids;
  size_t    cap;   /* a power of two, or 0 */
  size_t    n;
} IdCache;

struct RkSqlLoad {
  sqlite3      *db;
  sqlite3_stmt *stmt[SQL_COUNT];
  RkLog         log;
  char         *path;      /* names the store in messages */
  int           in_txn;
  int           in_mark;
  IdCache       cache;
  RkBuf         key;       /* scratch for cache keys */
};

/* ------------------------------------------------------------ id cache */

static void
cache_clear(IdCache *c)
{
  for (size_t i = 0; i < c->cap; i++)
    free(c->keys[i]);
  free(c->keys);
  free(c->ids);
  memset(c, 0, sizeof *c);
}

static size_t
cache_slot(char *const *keys, size_t cap, const char *key, size_t len)
{
  size_t i = (size_t)rk_hash64(key, len) & (cap - 1);

  while (keys[i] && strcmp(keys[i], key))
    i = (i + 1) & (cap - 1);
  return i;
}

/* The id stored for @p key, or -1. */
static int64_t
cache_get(const IdCache *c, const char *key, size_t len)
{
  size_t i;

  if (!c->cap)
    return -1;
  i = cache_slot(c->keys, c->cap, key, len);
  return c->keys[i] ? c->ids[i] : -1;
}

static RkStatus
cache_grow(IdCache *c)
{
  size_t   cap  = c->cap ? c->cap * 2 : 4096;
  char   **keys = calloc(cap, sizeof *keys);
  int64_t *ids  = calloc(cap, sizeof *ids);

  if (!keys || !ids) {
    free(keys);
    free(ids);
    return RK_ERR_NOMEM;
  }
  for (size_t i = 0; i < c->cap; i++)
    if (c->keys[i]) {
      size_t j = cache_slot(keys, cap, c->keys[i], strlen(c->keys[i]));

      keys[j] = c->keys[i];
      ids[j]  = c->ids[i];
    }
  free(c->keys);
  free(c->ids);
  c->keys = keys;
  c->ids  = ids;
  c->cap  = cap;
  return RK_OK;
}

static RkStatus
cache_put(IdCache *c, const char *key, size_t len, int64_t id)
{
  size_t i;

  if (c->n >= CACHE_MAX_ENTRIES)
    cache_clear(c);
  if (2 * (c->n + 1) > c->cap && cache_grow(c))
    return RK_ERR_NOMEM;
  i = cache_slot(c->keys, c->cap, key, len);
  if (!c->keys[i]) {
    if (!(c->keys[i] = malloc(len + 1)))
      return RK_ERR_NOMEM;
    memcpy(c->keys[i], key, len + 1);
    c->n++;
  }
  c->ids[i] = id;
  return RK_OK;
}

/* ------------------------------------------------------------ sqlite */

static RkStatus
fail(RkSqlLoad *ld, const char *what)
{
  rk_log(&ld->log, RK_LOG_ERROR, ld->path, "%s: %s", what, sqlite3_errmsg(ld->db));
  return sqlite3_errcode(ld->db) == SQLITE_NOMEM ? RK_ERR_NOMEM : RK_ERR_STORE;
}

static RkStatus
exec(RkSqlLoad *ld, const char *sql)
{
  return sqlite3_exec(ld->db, sql, NULL, NULL, NULL) == SQLITE_OK ? RK_OK : fail(ld, sql);
}

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
  if (text && *text)
    sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(s, i);
}

static void
bind_id_or_null(sqlite3_stmt *s, int i, int64_t id)
{
  if (id >= 0)
    sqlite3_bind_int64(s, i, id);
  else
    sqlite3_bind_null(s, i);
}

/* Run a bound SELECT id statement: the id, -1 when there is no row, or
 * -2 on an error. */
static int64_t
step_id(RkSqlLoad *ld, sqlite3_stmt *s)
{
  int     rc = sqlite3_step(s);
  int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : rc == SQLITE_DONE ? -1 : -2;

  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (id == -2)
    fail(ld, "cannot look up a node");
  return id;
}

static RkStatus
step_insert(RkSqlLoad *ld, sqlite3_stmt *s, int64_t *rowid)
{
  int rc = sqlite3_step(s);

  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE)
    return fail(ld, "cannot write to the store");
  if (rowid)
    *rowid = sqlite3_last_insert_rowid(ld->db);
  return RK_OK;
}

/* ------------------------------------------------------------ nodes */

/* The id of a URI, blank label or literal, created when @p create and
 * not there yet; *id is -1 when it is absent and not created. */
static RkStatus node_id(RkSqlLoad *ld, const RkTerm *t, int create, int64_t *id);

static RkStatus
uri_id(RkSqlLoad *ld, const char *iri, int create, int64_t *id)
{
  RkTerm t = { RK_TERM_IRI, iri, NULL, NULL };

  return node_id(ld, &t, create, id);
}

static RkStatus
node_key(RkSqlLoad *ld, const RkTerm *t, const char *lang, const char *datatype)
{
  rk_buf_reset(&ld->key);
  /* the value's length first, so no value can pass for value + language */
  return rk_buf_printf(&ld->key, "%d%zu:%s\x1f%s\x1f%s", (int)t->type, strlen(t->value),
                       t->value, lang ? lang : "", datatype ? datatype : "");
}

static RkStatus
node_id(RkSqlLoad *ld, const RkTerm *t, int create, int64_t *id)
{
  /* a language tag wins: such a literal is an rdf:langString (as store.c) */
  const char   *lang     = t->type == RK_TERM_LITERAL && t->lang && *t->lang ? t->lang : NULL;
  const char   *datatype = t->type == RK_TERM_LITERAL && !lang ? t->datatype : NULL;
  int64_t       dt_id    = -1, found;
  sqlite3_stmt *find, *add;
  RkStatus      rs;

  if ((rs = node_key(ld, t, lang, datatype)))
    return rs;
  if ((found = cache_get(&ld->cache, ld->key.data, ld->key.len)) >= 0) {
    *id = found;
    return RK_OK;
  }
  /* the datatype's own id first: it reuses the key buffer */
  if (datatype) {
    if ((rs = uri_id(ld, datatype, create, &dt_id)))
      return rs;
    if (dt_id < 0) {
      *id = -1;
      return RK_OK;
    }
    if ((rs = node_key(ld, t, lang, datatype)))
      return rs;
  }
  switch (t->type) {
  case RK_TERM_IRI:
    find = ld->stmt[SQL_FIND_URI];
    add  = ld->stmt[SQL_ADD_URI];
    break;
  case RK_TERM_BLANK:
    find = ld->stmt[SQL_FIND_BLANK];
    add  = ld->stmt[SQL_ADD_BLANK];
    break;
  default:
    find = ld->stmt[SQL_FIND_LITERAL];
    add  = ld->stmt[SQL_ADD_LITERAL];
    break;
  }
  sqlite3_bind_text(find, 1, t->value, -1, SQLITE_STATIC);
  if (t->type == RK_TERM_LITERAL) {
    bind_text_or_null(find, 2, lang);
    bind_id_or_null(find, 3, dt_id);
  }
  if ((found = step_id(ld, find)) == -2)
    return RK_ERR_STORE;
  if (found < 0 && create) {
    sqlite3_bind_text(add, 1, t->value, -1, SQLITE_STATIC);
    if (t->type == RK_TERM_LITERAL) {
      bind_text_or_null(add, 2, lang);
      bind_id_or_null(add, 3, dt_id);
    }
    if ((rs = step_insert(ld, add, &found)))
      return rs;
  }
  *id = found;
  return found >= 0 ? cache_put(&ld->cache, ld->key.data, ld->key.len, found) : RK_OK;
}

/* ------------------------------------------------------------ public */

RkStatus
rk_sqlload_open(const char *path, const RkLog *log, RkSqlLoad **out)
{
  RkSqlLoad *ld = calloc(1, sizeof *ld);
  RkStatus   rs = RK_ERR_STORE;

  if (!ld || !(ld->path = rk_strdup(path))) {
    free(ld);
    return RK_ERR_NOMEM;
  }
  if (log)
    ld->log = *log;
  rk_buf_init(&ld->key);
  if (sqlite3_open_v2(path, &ld->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    rk_log(&ld->log, RK_LOG_ERROR, path, "cannot open: %s",
           ld->db ? sqlite3_errmsg(ld->db) : "no memory");
    goto fail;
  }
  /* a reader's snapshot may hold the write lock back a moment */
  sqlite3_busy_timeout(ld->db, 10000);
  /* sqlite's default 2 MiB page cache re-reads the index pages of a large
   * store for every review; 32 MiB keeps them, and checkpoints every 64 MiB
   * of WAL rather than 4 MiB copy each hot page less often.  Each review's
   * savepoint keeps its undo pages in memory, not in a temporary file */
  if ((rs = exec(ld, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;"
                     " PRAGMA wal_autocheckpoint=16384; PRAGMA temp_store=MEMORY;")))
    goto fail;
  for (int i = 0; i < SQL_COUNT; i++)
    if (sqlite3_prepare_v3(ld->db, sql_text[i], -1, SQLITE_PREPARE_PERSISTENT, &ld->stmt[i],
                           NULL) != SQLITE_OK) {
      rs = fail(ld, "not a Redland sqlite store");
      goto fail;
    }
  *out = ld;
  return RK_OK;
fail:
  rk_sqlload_free(ld);
  return rs;
}

void
rk_sqlload_free(RkSqlLoad *ld)
{
  if (!ld)
    return;
  if (ld->in_txn)
    rk_sqlload_rollback(ld);
  for (int i = 0; i < SQL_COUNT; i++)
    sqlite3_finalize(ld->stmt[i]);
  sqlite3_close(ld->db);
  cache_clear(&ld->cache);
  rk_buf_clear(&ld->key);
  free(ld->path);
  free(ld);
}

int rk_sqlload_in_txn(const RkSqlLoad *ld) { return ld->in_txn; }

RkStatus
rk_sqlload_begin(RkSqlLoad *ld)
{
  RkStatus rs;

  if (ld->in_txn)
    return RK_OK;
  /* IMMEDIATE: take the write lock now, not at the first write */
  if ((rs = exec(ld, "BEGIN IMMEDIATE")))
    return rs;
  ld->in_txn = 1;
  return RK_OK;
}

RkStatus
rk_sqlload_commit(RkSqlLoad *ld)
{
  RkStatus rs;

  if (!ld->in_txn)
    return RK_OK;
  if ((rs = exec(ld, "COMMIT"))) {
    rk_sqlload_rollback(ld);
    return rs;
  }
  ld->in_txn = ld->in_mark = 0;
  return RK_OK;
}

void
rk_sqlload_rollback(RkSqlLoad *ld)
{
  if (sqlite3_get_autocommit(ld->db) == 0)
    sqlite3_exec(ld->db, "ROLLBACK", NULL, NULL, NULL);
  ld->in_txn = ld->in_mark = 0;
  cache_clear(&ld->cache);
}

RkStatus
rk_sqlload_mark(RkSqlLoad *ld)
{
  RkStatus rs;

  if (ld->in_mark)
    rk_sqlload_release(ld);
  if ((rs = exec(ld, "SAVEPOINT rk_document")))
    return rs;
  ld->in_mark = 1;
  return RK_OK;
}

RkStatus
rk_sqlload_release(RkSqlLoad *ld)
{
  if (!ld->in_mark)
    return RK_OK;
  ld->in_mark = 0;
  return exec(ld, "RELEASE rk_document");
}

void
rk_sqlload_undo(RkSqlLoad *ld)
{
  if (!ld->in_mark)
    return;
  sqlite3_exec(ld->db, "ROLLBACK TO rk_document; RELEASE rk_document", NULL, NULL, NULL);
  ld->in_mark = 0;
  cache_clear(&ld->cache);
}

RkStatus
rk_sqlload_drop_graph(RkSqlLoad *ld, const char *iri)
{
  sqlite3_stmt *s = ld->stmt[SQL_DROP_GRAPH];
  int64_t       id;
  RkStatus      rs;

  if ((rs = uri_id(ld, iri, 0, &id)) || id < 0)
    return rs;  /* a URI never seen names no graph */
  sqlite3_bind_int64(s, 1, id);
  return step_insert(ld, s, NULL);
}

RkStatus
rk_sqlload_add(RkSqlLoad *ld, const RkTerm *s, const RkTerm *p, const RkTerm *o,
               const char *graph)
{
  sqlite3_stmt *ins = ld->stmt[SQL_ADD_TRIPLE];
  int64_t       sid, pid, oid, gid;
  RkStatus      rs;

  if ((rs = node_id(ld, s, 1, &sid)) || (rs = uri_id(ld, p->value, 1, &pid)) ||
      (rs = node_id(ld, o, 1, &oid)) || (rs = uri_id(ld, graph, 1, &gid)))
    return rs;
  /* columns: subjectUri subjectBlank predicateUri objectUri objectBlank
   * objectLiteral contextUri */
  bind_id_or_null(ins, s->type == RK_TERM_BLANK ? 2 : 1, sid);
  sqlite3_bind_int64(ins, 3, pid);
  bind_id_or_null(ins, o->type == RK_TERM_IRI ? 4 : o->type == RK_TERM_BLANK ? 5 : 6, oid);
  sqlite3_bind_int64(ins, 7, gid);
  return step_insert(ld, ins, NULL);
}
