/* test_manifest.c - unit tests for the metadata sidecar (manifest.c): TSV
 * and JSON Lines, columns in any order, relative and absolute paths,
 * every refusal with the FILE:LINE its message names, duplicates, what
 * apply() fills and flags, allocation failure, and how extraction ranks
 * the manifest's critic and publication above the page's own. */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "reviewkg/manifest.h"
#include "reviewkg/reader.h"
#include "reviewkg/zone.h"
#include "reviewkg/lexicon.h"
#include "reviewkg/extract.h"
#include "reviewkg/review.h"
#include "reviewkg/util.h"
#include "rktest.h"

static RkManifest *
load_ok(const char *name, const char *s)
{
  RkManifest *m = NULL;
  RkStatus    st;

  rktest_last_msg[0] = '\0';
  st = rk_manifest_from_memory(name, s, strlen(s), NULL, &rktest_log, &m);
  ck_assert_msg(st == RK_OK, "%s: %s (%s)", name, rk_strerror(st), rktest_last_msg);
  ck_assert_ptr_nonnull(m);
  return m;
}

/* Refused with @p want; *out untouched; some message holds @p where
 * ("FILE:LINE") and @p what.  Every message is checked, not just the last. */
static char all_msgs[16384];

static void
collect(void *handle, RkLogLevel level, const char *where, const char *text)
{
  size_t n = strlen(all_msgs);

  (void)handle; (void)level;
  snprintf(all_msgs + n, sizeof all_msgs - n, "%s: %s\n", where ? where : "-", text);
}

static const RkLog collect_log = { NULL, collect };

static void
assert_refused_n(const char *name, const char *s, size_t n, RkStatus want, const char *where,
                 const char *what)
{
  RkManifest *m = (RkManifest *)&m;  /* must stay as it is */
  RkManifest *const before = m;
  RkStatus    st;
  char        key[512];

  all_msgs[0] = '\0';
  st = rk_manifest_from_memory(name, s, n, NULL, &collect_log, &m);
  ck_assert_msg(st == want, "%s: got %s, want %s (%s)", name, rk_strerror(st), rk_strerror(want), all_msgs);
  ck_assert_ptr_eq(m, before);
  snprintf(key, sizeof key, "%s: ", where);
  ck_assert_msg(strstr(all_msgs, key), "no message at '%s': %s", where, all_msgs);
  ck_assert_msg(strstr(all_msgs, what), "no '%s' in: %s", what, all_msgs);
}

static void
assert_refused(const char *name, const char *s, const char *where, const char *what)
{
  assert_refused_n(name, s, strlen(s), RK_ERR_PARSE, where, what);
}

/* A document in memory with metadata of its own. */
static RkDoc *
doc_named(const char *name)
{
  static const char text[] = "---\ntitle: T\nauthor: Page Author\ndate: 1999-01-01\n---\nSome text.\n";
  RkDoc *doc = NULL;

  ck_assert_int_eq(rk_doc_from_memory(name, text, sizeof text - 1, NULL, NULL, &doc), RK_OK);
  ck_assert_str_eq(doc->meta.author, "Page Author");
  ck_assert_uint_eq(doc->meta.from_manifest, 0);
  return doc;
}

/* ------------------------------------------------------------ formats */

START_TEST(tsv_columns_in_any_order)
{
  RkManifest *m = load_ok("m.tsv",
                          "# written by the crawler\n"
                          "critic\tdate\tpath\tpublication\turl\n"
                          "\n"
                          "Ada Lovelace\t2012-11-02\ta.txt\tThe Analytical Review\thttps://example.org/a\n"
                          "  \t\tb.txt\t  Film Weekly \t\n");
  RkDoc *a = doc_named("a.txt"), *b = doc_named("b.txt"), *c = doc_named("c.txt");

  ck_assert_uint_eq(rk_manifest_count(m), 2);
  ck_assert_int_eq(rk_manifest_apply(m, a), RK_OK);
  ck_assert_str_eq(a->meta.url, "https://example.org/a");
  ck_assert_str_eq(a->meta.author, "Ada Lovelace");
  ck_assert_str_eq(a->meta.site_name, "The Analytical Review");
  ck_assert_str_eq(a->meta.date, "2012-11-02");
  ck_assert_uint_eq(a->meta.from_manifest, RK_META_URL | RK_META_AUTHOR | RK_META_SITE_NAME | RK_META_DATE);
  /* empty cells are unknown: the page's own author and date stay */
  ck_assert_int_eq(rk_manifest_apply(m, b), RK_OK);
  ck_assert_str_eq(b->meta.site_name, "Film Weekly");  /* trimmed */
  ck_assert_str_eq(b->meta.author, "Page Author");
  ck_assert_str_eq(b->meta.date, "1999-01-01");
  ck_assert_ptr_null(b->meta.url);
  ck_assert_uint_eq(b->meta.from_manifest, RK_META_SITE_NAME);
  /* not listed: unchanged */
  ck_assert_int_eq(rk_manifest_apply(m, c), RK_NO_MATCH);
  ck_assert_str_eq(c->meta.author, "Page Author");
  ck_assert_uint_eq(c->meta.from_manifest, 0);
  rk_doc_free(a);
  rk_doc_free(b);
  rk_doc_free(c);
  rk_manifest_free(m);
}
END_TEST

START_TEST(tsv_crlf_bom_and_unknown_column)
{
  RkManifest *m;
  RkDoc      *a = doc_named("a.txt");

  rktest_n_msgs = 0;
  m = load_ok("m.tsv", "\xEF\xBB\xBFpath\tsection\tCritic\r\na.txt\tfilm\tAda Lovelace\r\n");
  ck_assert_int_eq(rktest_n_msgs, 1);  /* the warning about "section" */
  ck_assert_msg(strstr(rktest_last_msg, "m.tsv:1: ") && strstr(rktest_last_msg, "section"), "%s", rktest_last_msg);
  ck_assert_int_eq(rk_manifest_apply(m, a), RK_OK);
  ck_assert_str_eq(a->meta.author, "Ada Lovelace");  /* no '\r' */
  rk_doc_free(a);
  rk_manifest_free(m);
}
END_TEST

START_TEST(jsonl_by_name_and_by_content)
{
  const char *lines = "{\"path\": \"a.txt\", \"url\": \"HTTPS://example.org/a?x=1#top\", \"critic\": \"Ada Lovelace\","
                      " \"publication\": null, \"date\": \"2012-11-02T10:00:00Z\", \"section\": \"film\"}\n"
                      "\n"
                      "{\"path\": \"b.txt\", \"publication\": \"Caf\\u00e9 Cin\\u00e9ma\", \"critic\": \"\"}\n";
  const char *names[] = { "m.jsonl", "m.ndjson", "m.txt" };

  for (size_t i = 0; i < 3; i++) {
    RkManifest *m = load_ok(names[i], lines);
    RkDoc      *a = doc_named("a.txt"), *b = doc_named("b.txt");

    ck_assert_uint_eq(rk_manifest_count(m), 2);
    ck_assert_int_eq(rk_manifest_apply(m, a), RK_OK);
    ck_assert_str_eq(a->meta.url, "https://example.org/a?x=1#top");  /* the scheme in lower case */
    ck_assert_str_eq(a->meta.date, "2012-11-02T10:00:00Z");
    ck_assert_uint_eq(a->meta.from_manifest, RK_META_URL | RK_META_AUTHOR | RK_META_DATE);
    ck_assert_int_eq(rk_manifest_apply(m, b), RK_OK);
    ck_assert_str_eq(b->meta.site_name, "Caf\xc3\xa9 Cin\xc3\xa9ma");
    ck_assert_str_eq(b->meta.author, "Page Author");  /* "" is unknown */
    rk_doc_free(a);
    rk_doc_free(b);
    rk_manifest_free(m);
  }
}
END_TEST

START_TEST(dates_accepted)
{
  static const char *const good[] = { "2012", "2012-11", "2012-11-02", "2012-02-29", "2000-02-29",
                                      "2012-11-02T10:00", "2012-11-02T10:00:59Z", "2012-11-02 10:00:00+01:00",
                                      "2012-11-02T23:59:60.123-05:30", NULL };

  for (const char *const *d = good; *d; d++) {
    char        buf[256];
    RkManifest *m;
    snprintf(buf, sizeof buf, "path\tdate\na.txt\t%s\n", *d);
    m = load_ok("m.tsv", buf);
    rk_manifest_free(m);
  }
}
END_TEST

START_TEST(empty_manifest_loads)
{
  RkManifest *m = load_ok("m.tsv", "path\turl\n# nothing yet\n");
  RkDoc      *a = doc_named("a.txt");

  ck_assert_uint_eq(rk_manifest_count(m), 0);
  ck_assert_int_eq(rk_manifest_apply(m, a), RK_NO_MATCH);
  rk_doc_free(a);
  rk_manifest_free(m);
  m = load_ok("m.jsonl", "");
  ck_assert_uint_eq(rk_manifest_count(m), 0);
  rk_manifest_free(m);
}
END_TEST

/* ------------------------------------------------------------ refusals */

START_TEST(refuse_bad_json)
{
  assert_refused("m.jsonl", "{\"path\": \"a.txt\"}\n{\"path\": }\n", "m.jsonl:2", "bad JSON");
  assert_refused("m.jsonl", "{\"path\": \"a.txt\"\n", "m.jsonl:1", "does not end on this line");
  assert_refused("m.jsonl", "[\"a.txt\"]\n", "m.jsonl:1", "not an object");
  assert_refused("m.jsonl", "{\"path\": \"a.txt\"} {\"path\": \"b.txt\"}\n", "m.jsonl:1", "more after the object");
  assert_refused("m.jsonl", "\n\n{\"path\": \"a.txt\", \"critic\": 5}\n", "m.jsonl:3", "\"critic\" is not a string");
  assert_refused("m.jsonl", "{\"url\": \"https://example.org/\"}\n", "m.jsonl:1", "no path");
}
END_TEST

START_TEST(refuse_bad_tsv)
{
  assert_refused("m.tsv", "path\turl\na.txt\n", "m.tsv:2", "1 field, the header has 2");
  assert_refused("m.tsv", "path\turl\na.txt\thttps://x.org/\textra\n", "m.tsv:2", "3 fields, the header has 2");
  assert_refused("m.tsv", "# c\nurl\tcritic\nhttps://x.org/\tAda\n", "m.tsv:2", "no 'path' column");
  assert_refused("m.tsv", "path\tcritic\n\tAda Lovelace\n", "m.tsv:2", "no path");
  assert_refused("m.tsv", "path\tcritic\tCRITIC\n", "m.tsv:1", "named twice");
  assert_refused("dir/m.tsv", "", "dir/m.tsv", "no header row");
  assert_refused("m.tsv", "# only a comment\n\n", "m.tsv", "no header row");
}
END_TEST

START_TEST(refuse_bad_urls)
{
  static const struct { const char *url, *why; } bad[] = {
    { "ftp://example.org/a", "absolute http" }, { "example.org/a", "absolute http" },
    { "/reviews/a", "absolute http" }, { "http://", "no host" }, { "https:///a", "no host" },
    { "http://example.org/a b", "a space" }, { "http://example.org/<a>", "IRIs forbid" },
    { "http://example.org/%zz", "%XX" }, { "http://example.org/a#b#c", "second '#'" },
  };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char buf[256];
    snprintf(buf, sizeof buf, "path\turl\na.txt\thttps://example.org/ok\nb.txt\t%s\n", bad[i].url);
    assert_refused("m.tsv", buf, "m.tsv:3", bad[i].why);
  }
  /* a control character in JSON's escapes */
  assert_refused("m.jsonl", "{\"path\": \"a.txt\", \"url\": \"https://example.org/\\u0001\"}\n", "m.jsonl:1",
                 "control character U+0001");
}
END_TEST

START_TEST(refuse_bad_dates)
{
  static const char *const bad[] = { "20/11/2012", "2012-13-01", "2012-00", "2013-02-29", "1900-02-29",
                                     "2012-11-31", "2012-11-02T25:00", "2012-11-02T10", "2012-11-02T10:00Z1",
                                     "12-11-02", "2012-1-2", "yesterday", "2012-11-02T10:00:00+1", NULL };

  for (const char *const *d = bad; *d; d++) {
    char buf[256];
    snprintf(buf, sizeof buf, "path\tdate\na.txt\t%s\n", *d);
    assert_refused("m.tsv", buf, "m.tsv:2", "not ISO 8601");
  }
}
END_TEST

START_TEST(refuse_bad_names)
{
  assert_refused("m.tsv", "path\tcritic\na.txt\tJ\xffo\n", "m.tsv:2", "invalid UTF-8");
  assert_refused("m.tsv", "path\tcritic\na.txt\tAda\x01Lovelace\n", "m.tsv:2", "control character U+0001");
  assert_refused("m.tsv", "path\tpublication\na.txt\tFilm\xc2\x85Weekly\n", "m.tsv:2", "control character U+0085");
  assert_refused("m.tsv", "path\tcritic\na.txt\t!!!\n", "m.tsv:2", "no letters or digits");
  assert_refused("m.jsonl", "{\"path\": \"a.txt\", \"critic\": \"Ada\\u0000\"}\n", "m.jsonl:1", "control character");
  assert_refused("m.jsonl", "{\"path\": \"a\\nb.txt\"}\n", "m.jsonl:1", "path contains the control character U+000A");
  assert_refused_n("m.tsv", "path\na\0.txt\n", 13, RK_ERR_PARSE, "m.tsv:2", "NUL byte");
}
END_TEST

START_TEST(refuse_over_limits)
{
  RkReadLimits lim;
  RkManifest  *m = NULL;
  size_t       n = RK_MANIFEST_MAX_LINE + 100;
  char        *big = malloc(n + 32);

  ck_assert_ptr_nonnull(big);
  strcpy(big, "path\n");
  memset(big + 5, 'a', n);
  strcpy(big + 5 + n, "\n");
  assert_refused_n("m.tsv", big, strlen(big), RK_ERR_INPUT, "m.tsv:2", "65536-byte limit for manifest lines");
  free(big);

  rk_read_limits_default(&lim);
  lim.max_bytes = 10;
  all_msgs[0] = '\0';
  ck_assert_int_eq(rk_manifest_from_memory("m.tsv", "path\na.txt\n", 11, &lim, &collect_log, &m), RK_ERR_INPUT);
  ck_assert_ptr_null(m);
  ck_assert_msg(strstr(all_msgs, "m.tsv: ") && strstr(all_msgs, "10-byte limit"), "%s", all_msgs);
}
END_TEST

START_TEST(refuse_duplicates)
{
  assert_refused("m.tsv", "path\na.txt\nb.txt\na.txt\n", "m.tsv:4", "'a.txt' is listed twice, at lines 2 and 4");
  assert_refused("m.jsonl", "{\"path\":\"b.txt\"}\n{\"path\":\"b.txt\",\"critic\":\"X Y\"}\n", "m.jsonl:2",
                 "at lines 1 and 2");
}
END_TEST

/* Several problems: each is reported, then the whole manifest is refused. */
START_TEST(every_problem_reported)
{
  assert_refused("m.tsv", "path\turl\tdate\na.txt\tftp://x\t2012\nb.txt\thttps://x.org/\tsoon\n", "m.tsv:2", "ftp://x");
  ck_assert_msg(strstr(all_msgs, "m.tsv:3: ") && strstr(all_msgs, "soon"), "%s", all_msgs);
}
END_TEST

/* ------------------------------------------------------------ files and paths */

static char dir[PATH_MAX];

static void
write_file(const char *rel, const char *text)
{
  char path[PATH_MAX + 64];
  FILE *f;

  snprintf(path, sizeof path, "%s/%s", dir, rel);
  ck_assert_ptr_nonnull(f = fopen(path, "w"));
  fputs(text, f);
  ck_assert_int_eq(fclose(f), 0);
}

static void
make_dir(void)
{
  const char *t = getenv("TMPDIR");
  char        sub[PATH_MAX + 8];

  snprintf(dir, sizeof dir, "%s/rk-manifest.XXXXXX", t && *t ? t : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(sub, sizeof sub, "%s/in", dir);
  ck_assert_int_eq(mkdir(sub, 0700), 0);
  write_file("in/a.txt", "By Dave Sewell\n\nA review.\n");
  write_file("in/b.txt", "Another review.\n");
}

static void
remove_dir(void)
{
  char cmd[PATH_MAX + 16];

  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
}

static RkDoc *
read_doc(const char *path)
{
  RkDoc *doc = NULL;

  ck_assert_msg(rk_doc_read(path, NULL, &rktest_log, &doc) == RK_OK, "%s: %s", path, rktest_last_msg);
  return doc;
}

START_TEST(paths_relative_to_the_manifest)
{
  char        m_path[PATH_MAX + 32], d_path[PATH_MAX + 32], abs_b[PATH_MAX + 32], text[PATH_MAX * 2];
  RkManifest *m = NULL;
  RkDoc      *doc;

  make_dir();
  /* a.txt relative to the manifest's directory, b.txt absolute */
  snprintf(abs_b, sizeof abs_b, "%s/in/b.txt", dir);
  snprintf(text, sizeof text, "path\tcritic\nin/a.txt\tAda Lovelace\n%s\tGrace Hopper\nin/gone.txt\tNobody Here\n",
           abs_b);
  write_file("m.tsv", text);
  snprintf(m_path, sizeof m_path, "%s/m.tsv", dir);
  ck_assert_int_eq(rk_manifest_load(m_path, NULL, &rktest_log, &m), RK_OK);
  ck_assert_uint_eq(rk_manifest_count(m), 3);

  /* found by canonical path whatever way it is named */
  snprintf(d_path, sizeof d_path, "%s/in/../in/./a.txt", dir);
  doc = read_doc(d_path);
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_OK);
  ck_assert_str_eq(doc->meta.author, "Ada Lovelace");
  rk_doc_free(doc);
  doc = read_doc(abs_b);
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_OK);
  ck_assert_str_eq(doc->meta.author, "Grace Hopper");
  rk_doc_free(doc);
  /* relative to the manifest, not to the working directory */
  doc = doc_named("in/a.txt");
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_NO_MATCH);
  rk_doc_free(doc);
  /* a file not there: matched by the path as written, joined to the directory */
  snprintf(d_path, sizeof d_path, "%s/in/gone.txt", dir);
  doc = doc_named(d_path);
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_OK);
  ck_assert_str_eq(doc->meta.author, "Nobody Here");
  rk_doc_free(doc);
  rk_manifest_free(m);

  /* one file under two names is a duplicate */
  write_file("dup.tsv", "path\nin/a.txt\nin/../in/a.txt\n");
  snprintf(m_path, sizeof m_path, "%s/dup.tsv", dir);
  all_msgs[0] = '\0';
  m = NULL;
  ck_assert_int_eq(rk_manifest_load(m_path, NULL, &collect_log, &m), RK_ERR_PARSE);
  ck_assert_ptr_null(m);
  ck_assert_msg(strstr(all_msgs, "dup.tsv:3: ") && strstr(all_msgs, "are the same file"), "%s", all_msgs);

  /* the file's size limit applies before reading */
  {
    RkReadLimits lim;
    rk_read_limits_default(&lim);
    lim.max_bytes = 8;
    snprintf(m_path, sizeof m_path, "%s/m.tsv", dir);
    ck_assert_int_eq(rk_manifest_load(m_path, &lim, &rktest_log, &m), RK_ERR_INPUT);
    ck_assert_ptr_null(m);
    ck_assert_msg(strstr(rktest_last_msg, "m.tsv") && strstr(rktest_last_msg, "8-byte limit"), "%s", rktest_last_msg);
  }
  /* missing, a directory */
  snprintf(m_path, sizeof m_path, "%s/none.tsv", dir);
  ck_assert_int_eq(rk_manifest_load(m_path, NULL, &rktest_log, &m), RK_ERR_IO);
  ck_assert_msg(strstr(rktest_last_msg, "none.tsv"), "%s", rktest_last_msg);
  ck_assert_int_eq(rk_manifest_load(dir, NULL, &rktest_log, &m), RK_ERR_IO);
  ck_assert_ptr_null(m);
  remove_dir();
}
END_TEST

/* ------------------------------------------------------------ extraction */

/* The manifest's critic and publication win over the byline and the page's
 * metadata, with their own rules; a row without a critic leaves it to the page. */
START_TEST(manifest_outranks_the_page)
{
  static const char page[] =
    "<html><head><meta name=author content=\"Meta Author\"><meta property=og:site_name content=\"Page Site\">"
    "<script type=\"application/ld+json\">{\"@type\":\"Review\",\"author\":{\"@type\":\"Person\",\"name\":\"Json Author\"},"
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Json Outlet\"}}</script></head>"
    "<body><h1>The Glass Orchard</h1><p class=byline>By Dave Sewell</p>"
    "<p>Teodor Vasquez-Lind's quiet drama follows Anouk (Mireille Okafor) through a winter.</p></body></html>";
  RkLexicon  *lex = NULL;
  RkManifest *m = load_ok("m.tsv", "path\tcritic\tpublication\nr.html\tAda Lovelace\tThe Analytical Review\n"
                                   "s.html\t\t\n");
  RkReview   *r = NULL;
  RkZones    *z = NULL;
  RkDoc      *doc = NULL;
  size_t      critics = 0;

  ck_assert_int_eq(rk_lexicon_load(NULL, &rktest_log, &lex), RK_OK);
  ck_assert_int_eq(rk_doc_from_memory("r.html", page, sizeof page - 1, NULL, NULL, &doc), RK_OK);
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_OK);
  ck_assert_int_eq(rk_zones_build(doc, &z), RK_OK);
  ck_assert_int_eq(rk_extract(lex, doc, z, &rktest_log, &r), RK_OK);
  ck_assert_uint_ne(r->critic, RK_NONE);
  ck_assert_str_eq(r->people[r->critic].name, "Ada Lovelace");
  ck_assert_str_eq(r->critic_ev.rule, "manifest-critic");
  ck_assert(r->critic_ev.conf == 1.0f);
  ck_assert_str_eq(r->publication, "The Analytical Review");
  ck_assert_str_eq(r->publication_ev.rule, "manifest-publication");
  for (size_t i = 0; i < r->n_people; i++)
    critics += (r->people[i].roles & RK_ROLE_CRITIC) != 0;
  ck_assert_uint_eq(critics, 1);  /* no second critic from the byline or JSON-LD */
  rk_review_free(r);
  rk_zones_free(z);
  rk_doc_free(doc);

  /* listed without a critic: the page decides, as without a manifest */
  r = NULL; z = NULL; doc = NULL;
  ck_assert_int_eq(rk_doc_from_memory("s.html", page, sizeof page - 1, NULL, NULL, &doc), RK_OK);
  ck_assert_int_eq(rk_manifest_apply(m, doc), RK_OK);
  ck_assert_uint_eq(doc->meta.from_manifest, 0);
  ck_assert_int_eq(rk_zones_build(doc, &z), RK_OK);
  ck_assert_int_eq(rk_extract(lex, doc, z, &rktest_log, &r), RK_OK);
  ck_assert_uint_ne(r->critic, RK_NONE);
  ck_assert_str_ne(r->critic_ev.rule, "manifest-critic");
  ck_assert_str_ne(r->publication_ev.rule, "manifest-publication");
  rk_review_free(r);
  rk_zones_free(z);
  rk_doc_free(doc);
  rk_manifest_free(m);
  rk_lexicon_free(lex);
}
END_TEST

/* ------------------------------------------------------------ allocation */

START_TEST(alloc_failure)
{
  const char *tsv = "path\turl\tcritic\tpublication\tdate\tx\na.txt\thttps://e.org/a\tAda Lovelace\tP Q\t2012\ty\n"
                    "b.txt\t\tGrace Hopper\t\t\t\n";
  const char *jsonl = "{\"path\":\"a.txt\",\"url\":\"https://e.org/a\",\"critic\":\"Ada\",\"date\":\"2012-01\"}\n";
  int nomem = 0, ok = 0;

  for (long i = 1; i <= 120; i++) {
    const char *s = i % 2 ? tsv : jsonl;
    RkManifest *m = NULL;
    RkStatus    st;

    rk_alloc_fail_after((i + 1) / 2);
    st = rk_manifest_from_memory(i % 2 ? "m.tsv" : "m.jsonl", s, strlen(s), NULL, NULL, &m);
    rk_alloc_fail_after(0);
    ck_assert_msg(st == RK_OK || st == RK_ERR_NOMEM, "allocation %ld: %s", i, rk_strerror(st));
    if (st) {
      ck_assert_ptr_null(m);
      nomem++;
      continue;
    }
    ok++;
    /* apply: all of it or nothing */
    for (long j = 1; j <= 5; j++) {
      RkDoc *doc = doc_named("a.txt");
      rk_alloc_fail_after(j);
      st = rk_manifest_apply(m, doc);
      rk_alloc_fail_after(0);
      ck_assert(st == RK_OK || st == RK_ERR_NOMEM);
      if (st)
        ck_assert_uint_eq(doc->meta.from_manifest, 0);
      else
        ck_assert_str_eq(doc->meta.author, i % 2 ? "Ada Lovelace" : "Ada");
      rk_doc_free(doc);
    }
    rk_manifest_free(m);
  }
  ck_assert_int_gt(nomem, 0);
  ck_assert_int_gt(ok, 0);
  rk_manifest_free(NULL);
}
END_TEST

static Suite *
manifest_suite(void)
{
  Suite *s  = suite_create("manifest");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, tsv_columns_in_any_order);
  tcase_add_test(tc, tsv_crlf_bom_and_unknown_column);
  tcase_add_test(tc, jsonl_by_name_and_by_content);
  tcase_add_test(tc, dates_accepted);
  tcase_add_test(tc, empty_manifest_loads);
  tcase_add_test(tc, refuse_bad_json);
  tcase_add_test(tc, refuse_bad_tsv);
  tcase_add_test(tc, refuse_bad_urls);
  tcase_add_test(tc, refuse_bad_dates);
  tcase_add_test(tc, refuse_bad_names);
  tcase_add_test(tc, refuse_over_limits);
  tcase_add_test(tc, refuse_duplicates);
  tcase_add_test(tc, every_problem_reported);
  tcase_add_test(tc, paths_relative_to_the_manifest);
  tcase_add_test(tc, manifest_outranks_the_page);
  tcase_add_test(tc, alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(manifest_suite)
