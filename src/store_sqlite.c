/* store_sqlite.c - part of stage 6: "rk-sqlite", a Redland storage module
 * over the files of librdf's own "sqlite" module.  librdf's module builds
 * SQL text and has sqlite parse it for every triple pattern rasqal asks
 * for, and again for every node it looks up; that compiling was most of
 * a query's time.  Here each pattern shape has prepared statements that
 * are reused, and graph listing reads the graph index.  Writes,
 * transactions and features are handed to an inner librdf "sqlite"
 * storage on the same file, so the file stays librdf's.
 */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store_impl.h"

/* Pattern shapes: subject (none, IRI, blank) x predicate (none, IRI) x
 * object (none, IRI, blank, literal) x graph (none, IRI). */
#define N_SHAPES 48
#define POOL_MAX 8   /* idle statements kept per shape: rasqal nests streams */

typedef struct {
  librdf_world   *world;
  librdf_storage *inner;            /* librdf's sqlite module, same file */
  sqlite3        *db;               /* our read-only connection */
  sqlite3_stmt   *idle[N_SHAPES][POOL_MAX];
  int             n_idle[N_SHAPES];
  sqlite3_stmt   *uri_id, *blank_id, *literal_id;
} Instance;

typedef struct {
  Instance         *in;
  sqlite3_stmt     *stmt;           /* from the pool; back to it at the end */
  int               shape;
  int               finished;
  librdf_statement *statement;      /* the current row, owned */
  librdf_node      *context;        /* its graph, owned, or NULL */
} Stream;

typedef struct {
  Instance     *in;
  sqlite3_stmt *stmt;               /* owned */
  int           finished;
  librdf_node  *context;            /* owned */
} Contexts;

static Instance *instance(librdf_storage *s) { return librdf_storage_get_instance(s); }

/* ------------------------------------------------------------ node ids */

/* The id of @p node in its table, 0 when the store has no such node, -1
 * on an error.  (Row ids start at 1.) */
static sqlite3_int64
lookup(sqlite3_stmt *s)
{
  int           rc = sqlite3_step(s);
  sqlite3_int64 id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : rc == SQLITE_DONE ? 0 : -1;

  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return id;
}

static sqlite3_int64
uri_id(Instance *in, librdf_uri *uri)
{
  size_t               n;
  const unsigned char *u = librdf_uri_as_counted_string(uri, &n);

  sqlite3_bind_text(in->uri_id, 1, (const char *)u, (int)n, SQLITE_STATIC);
  return lookup(in->uri_id);
}

static sqlite3_int64
node_id(Instance *in, librdf_node *node)
{
  switch (librdf_node_get_type(node)) {
  case LIBRDF_NODE_TYPE_RESOURCE:
    return uri_id(in, librdf_node_get_uri(node));
  case LIBRDF_NODE_TYPE_BLANK:
    sqlite3_bind_text(in->blank_id, 1, (const char *)librdf_node_get_blank_identifier(node), -1,
                      SQLITE_STATIC);
    return lookup(in->blank_id);
  case LIBRDF_NODE_TYPE_LITERAL: {
    librdf_uri   *dt   = librdf_node_get_literal_value_datatype_uri(node);
    const char   *lang = librdf_node_get_literal_value_language(node);
    sqlite3_int64 dt_id = 0;
    size_t        n;
    const unsigned char *v = librdf_node_get_literal_value_as_counted_string(node, &n);

    if (dt && (dt_id = uri_id(in, dt)) <= 0)
      return dt_id;
    sqlite3_bind_text(in->literal_id, 1, (const char *)v, (int)n, SQLITE_STATIC);
    if (lang)
      sqlite3_bind_text(in->literal_id, 2, lang, -1, SQLITE_STATIC);
    if (dt)
      sqlite3_bind_int64(in->literal_id, 3, dt_id);
    return lookup(in->literal_id);
  }
  default:
    return -1;
  }
}

/* ------------------------------------------------------------ patterns */

static int
part_kind(librdf_node *n)
{
  if (!n)
    return 0;
  switch (librdf_node_get_type(n)) {
  case LIBRDF_NODE_TYPE_RESOURCE: return 1;
  case LIBRDF_NODE_TYPE_BLANK:    return 2;
  default:                        return 3;
  }
}

static int
shape_of(int s, int p, int o, int c)
{
  return ((s * 2 + p) * 4 + o) * 2 + c;
}

static sqlite3_stmt *
take_statement(Instance *in, int shape, int s, int p, int o, int c)
{
  static const char *select =
    "SELECT S.uri, SB.blank, P.uri, O.uri, OB.blank, L.text, L.language, D.uri, C.uri "
    "FROM triples AS T "
    "LEFT JOIN uris AS S ON S.id = T.subjectUri "
    "LEFT JOIN blanks AS SB ON SB.id = T.subjectBlank "
    "LEFT JOIN uris AS P ON P.id = T.predicateUri "
    "LEFT JOIN uris AS O ON O.id = T.objectUri "
    "LEFT JOIN blanks AS OB ON OB.id = T.objectBlank "
    "LEFT JOIN literals AS L ON L.id = T.objectLiteral "
    "LEFT JOIN uris AS D ON D.id = L.datatype "
    "LEFT JOIN uris AS C ON C.id = T.contextUri WHERE 1";
  static const char *const subject[] = { "", " AND T.subjectUri = ?1", " AND T.subjectBlank = ?1" };
  static const char *const object[]  = { "", " AND T.objectUri = ?3", " AND T.objectBlank = ?3",
                                         " AND T.objectLiteral = ?3" };
  /* Within one graph, its index is the way in: a unary + keeps sqlite
   * (which has no statistics here) from taking the object index across
   * every graph instead.  The subject index stays usable: a subject has
   * few statements. */
  static const char *const object_in_graph[] = { "", " AND +T.objectUri = ?3",
                                                 " AND +T.objectBlank = ?3",
                                                 " AND +T.objectLiteral = ?3" };
  char          sql[1024];
  sqlite3_stmt *stmt = NULL;

  if (in->n_idle[shape])
    return in->idle[shape][--in->n_idle[shape]];
  snprintf(sql, sizeof sql, "%s%s%s%s%s", select, subject[s],
           !p ? "" : c ? " AND +T.predicateUri = ?2" : " AND T.predicateUri = ?2",
           c ? object_in_graph[o] : object[o], c ? " AND T.contextUri = ?4" : "");
  if (sqlite3_prepare_v3(in->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
    librdf_log(in->world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
               "rk-sqlite: cannot prepare a pattern: %s", sqlite3_errmsg(in->db));
    return NULL;
  }
  return stmt;
}

static void
give_back(Instance *in, int shape, sqlite3_stmt *stmt)
{
  if (!stmt)
    return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (in->n_idle[shape] < POOL_MAX)
    in->idle[shape][in->n_idle[shape]++] = stmt;
  else
    sqlite3_finalize(stmt);
}

static librdf_node *
column_node(Instance *in, sqlite3_stmt *s, int uri_col, int blank_col)
{
  const unsigned char *v = sqlite3_column_text(s, uri_col);

  if (v)
    return librdf_new_node_from_uri_string(in->world, v);
  if (blank_col >= 0 && (v = sqlite3_column_text(s, blank_col)))
    return librdf_new_node_from_blank_identifier(in->world, v);
  return NULL;
}

/* Make the current row the stream's statement; 1 at the end or on an
 * error (which librdf's module, too, reports as the end). */
static int
stream_step(Stream *st)
{
  Instance    *in = st->in;
  librdf_node *s, *p, *o;
  int          rc = sqlite3_step(st->stmt);

  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE)
      librdf_log(in->world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
                 "rk-sqlite: %s", sqlite3_errmsg(in->db));
    st->finished = 1;
    return 1;
  }
  s = column_node(in, st->stmt, 0, 1);
  p = column_node(in, st->stmt, 2, -1);
  o = column_node(in, st->stmt, 3, 4);
  if (!o && sqlite3_column_text(st->stmt, 5)) {
    const unsigned char *dt   = sqlite3_column_text(st->stmt, 7);
    librdf_uri          *type = dt ? librdf_new_uri(in->world, dt) : NULL;

    o = librdf_new_node_from_typed_literal(in->world, sqlite3_column_text(st->stmt, 5),
                                           (const char *)sqlite3_column_text(st->stmt, 6), type);
    if (type)
      librdf_free_uri(type);
  }
  if (st->context)
    librdf_free_node(st->context);
  st->context = column_node(in, st->stmt, 8, -1);
  if (!s || !p || !o) {
    librdf_free_node(s);
    librdf_free_node(p);
    librdf_free_node(o);
    st->finished = 1;
    return 1;
  }
  librdf_statement_clear(st->statement);
  librdf_statement_set_subject(st->statement, s);
  librdf_statement_set_predicate(st->statement, p);
  librdf_statement_set_object(st->statement, o);
  return 0;
}

static int stream_is_end(void *ctx) { return ((Stream *)ctx)->finished; }

static int
stream_next(void *ctx)
{
  Stream *st = ctx;

  return st->finished ? 1 : stream_step(st);
}

static void *
stream_get(void *ctx, int flags)
{
  Stream *st = ctx;

  if (flags == LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT)
    return st->statement;
  if (flags == LIBRDF_ITERATOR_GET_METHOD_GET_CONTEXT)
    return st->context;
  return NULL;
}

static void
stream_finished(void *ctx)
{
  Stream *st = ctx;

  give_back(st->in, st->shape, st->stmt);
  if (st->statement)
    librdf_free_statement(st->statement);
  if (st->context)
    librdf_free_node(st->context);
  free(st);
}

/* Every statement matching @p pattern (NULL parts match anything) in the
 * graph @p context, or in every graph when it is NULL. */
static librdf_stream *
find(librdf_storage *storage, librdf_statement *pattern, librdf_node *context)
{
  Instance     *in = instance(storage);
  librdf_node  *part[3] = { NULL, NULL, NULL };
  int           kind[4];
  sqlite3_int64 id[4] = { 0, 0, 0, 0 };
  Stream       *st;
  int           empty = 0;

  if (pattern) {
    part[0] = librdf_statement_get_subject(pattern);
    part[1] = librdf_statement_get_predicate(pattern);
    part[2] = librdf_statement_get_object(pattern);
  }
  for (int i = 0; i < 3; i++)
    kind[i] = part_kind(part[i]);
  kind[3] = context ? 1 : 0;
  if (kind[0] == 3 || kind[1] > 1 || (kind[3] && part_kind(context) != 1))
    empty = 1;  /* a literal subject, a blank predicate ...: nothing matches */
  for (int i = 0; i < 4 && !empty; i++) {
    librdf_node *n = i < 3 ? part[i] : context;

    if (n && (id[i] = node_id(in, n)) <= 0)
      empty = 1;  /* a node the store has never seen (or an error) */
  }
  if (!(st = calloc(1, sizeof *st)))
    return NULL;
  st->in    = in;
  st->shape = shape_of(kind[0], kind[1], kind[2], kind[3]);
  if (!(st->statement = librdf_new_statement(in->world))) {
    free(st);
    return NULL;
  }
  if (empty) {
    st->finished = 1;
  } else {
    if (!(st->stmt = take_statement(in, st->shape, kind[0], kind[1], kind[2], kind[3]))) {
      stream_finished(st);
      return NULL;
    }
    for (int i = 0; i < 4; i++)
      if (kind[i])
        sqlite3_bind_int64(st->stmt, i + 1, id[i]);
    stream_step(st);
  }
  return librdf_new_stream(in->world, st, stream_is_end, stream_next, stream_get, stream_finished);
}

static librdf_stream *
find_statements(librdf_storage *s, librdf_statement *pattern)
{
  return find(s, pattern, NULL);
}

static librdf_stream *
find_in_context(librdf_storage *s, librdf_statement *pattern, librdf_node *context)
{
  return find(s, pattern, context);
}

static librdf_stream *
find_with_options(librdf_storage *s, librdf_statement *pattern, librdf_node *context,
                  librdf_hash *options)
{
  (void)options;
  return find(s, pattern, context);
}

static librdf_stream *serialise(librdf_storage *s) { return find(s, NULL, NULL); }

static librdf_stream *
context_serialise(librdf_storage *s, librdf_node *context)
{
  return find(s, NULL, context);
}

/* ------------------------------------------------------------ graphs */

static int
contexts_step(Contexts *c)
{
  int rc = sqlite3_step(c->stmt);

  if (c->context)
    librdf_free_node(c->context);
  c->context = NULL;
  if (rc == SQLITE_ROW)
    c->context = librdf_new_node_from_uri_string(c->in->world, sqlite3_column_text(c->stmt, 0));
  c->finished = !c->context;
  return c->finished;
}

static int contexts_is_end(void *ctx) { return ((Contexts *)ctx)->finished; }
static int contexts_next(void *ctx) { return contexts_step(ctx); }

static void *
contexts_get(void *ctx, int flags)
{
  return flags == LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT ? ((Contexts *)ctx)->context : NULL;
}

static void
contexts_finished(void *ctx)
{
  Contexts *c = ctx;

  sqlite3_finalize(c->stmt);
  if (c->context)
    librdf_free_node(c->context);
  free(c);
}

/* The graphs, from the graph index alone (librdf's module joins the
 * whole triples table to the URIs first). */
static librdf_iterator *
get_contexts(librdf_storage *storage)
{
  Instance *in = instance(storage);
  Contexts *c  = calloc(1, sizeof *c);

  if (!c)
    return NULL;
  c->in = in;
  if (sqlite3_prepare_v2(in->db, "SELECT uri FROM uris WHERE id IN "
                         "(SELECT DISTINCT contextUri FROM triples WHERE contextUri IS NOT NULL)",
                         -1, &c->stmt, NULL) != SQLITE_OK) {
    librdf_log(in->world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
               "rk-sqlite: cannot list graphs: %s", sqlite3_errmsg(in->db));
    contexts_finished(c);
    return NULL;
  }
  contexts_step(c);
  return librdf_new_iterator(in->world, c, contexts_is_end, contexts_next, contexts_get,
                             contexts_finished);
}

/* ------------------------------------------------------------ the rest: librdf's */

static int open_storage(librdf_storage *s, librdf_model *m) { return librdf_storage_open(instance(s)->inner, m); }
static int close_storage(librdf_storage *s) { return librdf_storage_close(instance(s)->inner); }
static int size(librdf_storage *s) { return librdf_storage_size(instance(s)->inner); }
static int add_statement(librdf_storage *s, librdf_statement *t) { return librdf_storage_add_statement(instance(s)->inner, t); }
static int add_statements(librdf_storage *s, librdf_stream *t) { return librdf_storage_add_statements(instance(s)->inner, t); }
static int remove_statement(librdf_storage *s, librdf_statement *t) { return librdf_storage_remove_statement(instance(s)->inner, t); }
static int contains_statement(librdf_storage *s, librdf_statement *t) { return librdf_storage_contains_statement(instance(s)->inner, t); }
static int context_add(librdf_storage *s, librdf_node *c, librdf_statement *t) { return librdf_storage_context_add_statement(instance(s)->inner, c, t); }
static int context_remove(librdf_storage *s, librdf_node *c, librdf_statement *t) { return librdf_storage_context_remove_statement(instance(s)->inner, c, t); }
static int context_remove_all(librdf_storage *s, librdf_node *c) { return librdf_storage_context_remove_statements(instance(s)->inner, c); }
static int sync_storage(librdf_storage *s) { return librdf_storage_sync(instance(s)->inner); }
static librdf_node *get_feature(librdf_storage *s, librdf_uri *f) { return librdf_storage_get_feature(instance(s)->inner, f); }
static int set_feature(librdf_storage *s, librdf_uri *f, librdf_node *v) { return librdf_storage_set_feature(instance(s)->inner, f, v); }
static int txn_start(librdf_storage *s) { return librdf_storage_transaction_start(instance(s)->inner); }
static int txn_commit(librdf_storage *s) { return librdf_storage_transaction_commit(instance(s)->inner); }
static int txn_rollback(librdf_storage *s) { return librdf_storage_transaction_rollback(instance(s)->inner); }

/* ------------------------------------------------------------ life */

static void
terminate(librdf_storage *storage)
{
  Instance *in = instance(storage);

  if (!in)
    return;
  for (int i = 0; i < N_SHAPES; i++)
    while (in->n_idle[i])
      sqlite3_finalize(in->idle[i][--in->n_idle[i]]);
  sqlite3_finalize(in->uri_id);
  sqlite3_finalize(in->blank_id);
  sqlite3_finalize(in->literal_id);
  sqlite3_close(in->db);
  if (in->inner)
    librdf_free_storage(in->inner);
  free(in);
  librdf_storage_set_instance(storage, NULL);
}

static int
init(librdf_storage *storage, const char *name, librdf_hash *options)
{
  Instance *in;

  if (options)
    librdf_free_hash(options);  /* ours to free; none are used */
  if (!name || !(in = calloc(1, sizeof *in)))
    return 1;
  librdf_storage_set_instance(storage, in);
  in->world = librdf_storage_get_world(storage);
  if (!(in->inner = librdf_new_storage(in->world, "sqlite", name, "")))
    return 1;
  /* Opened read-write but query-only: this connection closes after the
   * inner one, and only a writable last connection checkpoints the WAL into
   * the database file and deletes it.  A read-only one would leave committed
   * data in FILE-wal, lost to anyone who copies FILE alone.  sqlite falls
   * back to read-only by itself where the file is write-protected. */
  if (sqlite3_open_v2(name, &in->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec(in->db, "PRAGMA query_only=ON", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout(in->db, 5000) != SQLITE_OK ||
      sqlite3_prepare_v3(in->db, "SELECT id FROM uris WHERE uri = ?1", -1,
                         SQLITE_PREPARE_PERSISTENT, &in->uri_id, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3(in->db, "SELECT id FROM blanks WHERE blank = ?1", -1,
                         SQLITE_PREPARE_PERSISTENT, &in->blank_id, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3(in->db, "SELECT id FROM literals WHERE text = ?1 AND language IS ?2 "
                         "AND datatype IS ?3", -1, SQLITE_PREPARE_PERSISTENT, &in->literal_id,
                         NULL) != SQLITE_OK) {
    librdf_log(in->world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
               "rk-sqlite: cannot read %s: %s", name, in->db ? sqlite3_errmsg(in->db) : "no memory");
    return 1;
  }
  return 0;
}

static void
register_factory(librdf_storage_factory *f)
{
  f->version                    = LIBRDF_STORAGE_INTERFACE_VERSION;
  f->init                       = init;
  f->terminate                  = terminate;
  f->open                       = open_storage;
  f->close                      = close_storage;
  f->size                       = size;
  f->add_statement              = add_statement;
  f->add_statements             = add_statements;
  f->remove_statement           = remove_statement;
  f->contains_statement         = contains_statement;
  f->serialise                  = serialise;
  f->find_statements            = find_statements;
  f->find_statements_with_options = find_with_options;
  f->context_add_statement      = context_add;
  f->context_remove_statement   = context_remove;
  f->context_serialise          = context_serialise;
  f->sync                       = sync_storage;
  f->context_remove_statements  = context_remove_all;
  f->find_statements_in_context = find_in_context;
  f->get_contexts               = get_contexts;
  f->get_feature                = get_feature;
  f->set_feature                = set_feature;
  f->transaction_start          = txn_start;
  f->transaction_commit         = txn_commit;
  f->transaction_rollback       = txn_rollback;
}

int
rk_store_register_sqlite(librdf_world *world)
{
  return librdf_storage_register_factory(world, RK_SQLITE_STORAGE,
                                         "Redland sqlite files, read with prepared statements",
                                         register_factory);
}
