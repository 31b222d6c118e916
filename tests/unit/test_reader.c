/* test_reader.c - unit tests for stage 1 (reader.c): refusals, encodings,
 * mojibake repair, normalisation, HTML rendering, hints, metadata, limits
 * and allocation failure. */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "reviewkg/reader.h"
#include "rktest.h"

/* Read @p s (NUL-terminated) from memory as a file called @p name. */
static RkStatus
mem(const char *name, const char *s, RkDoc **out)
{
  return rk_doc_from_memory(name, s, strlen(s), NULL, &rktest_log, out);
}

static RkDoc *
mem_ok(const char *name, const char *s)
{
  RkDoc   *doc = NULL;
  RkStatus st  = mem(name, s, &doc);

  ck_assert_msg(st == RK_OK, "%s: %s (%s)", name, rk_strerror(st), rktest_last_msg);
  ck_assert_ptr_nonnull(doc);
  ck_assert_uint_eq(doc->len, strlen(doc->text));
  return doc;
}

/* Refused with RK_ERR_INPUT, *out untouched, and the message names the input. */
static void
assert_refused_n(const char *name, const char *s, size_t n, const RkReadLimits *lim)
{
  RkDoc   *doc = NULL;
  RkStatus st;

  rktest_last_msg[0] = '\0';
  st = rk_doc_from_memory(name, s, n, lim, &rktest_log, &doc);
  ck_assert_msg(st == RK_ERR_INPUT, "%s: got %s", name, rk_strerror(st));
  ck_assert_ptr_null(doc);
  ck_assert_msg(strstr(rktest_last_msg, name), "message does not name %s: %s", name, rktest_last_msg);
}

static void
assert_refused(const char *name, const char *s)
{
  assert_refused_n(name, s, strlen(s), NULL);
}

/* The text of hint @p h. */
static char *
hint_text(const RkDoc *doc, const RkHint *h)
{
  static char buf[256];

  snprintf(buf, sizeof buf, "%.*s", (int)(h->end - h->start), doc->text + h->start);
  return buf;
}

/* Does @p doc have a hint of @p kind covering exactly @p text? */
static int
has_hint(const RkDoc *doc, RkHintKind kind, const char *text)
{
  for (size_t i = 0; i < doc->n_hints; i++)
    if (doc->hints[i].kind == kind && !strcmp(hint_text(doc, &doc->hints[i]), text))
      return 1;
  return 0;
}

static int
has_hint_kind(const RkDoc *doc, RkHintKind kind)
{
  for (size_t i = 0; i < doc->n_hints; i++)
    if (doc->hints[i].kind == kind)
      return 1;
  return 0;
}

/* ------------------------------------------------------------ plain text */

START_TEST(text_utf8_crlf)
{
  const char *raw = "Line one\r\nLine two\rLine three\n";
  RkDoc      *doc = mem_ok("plain.txt", raw);
  char        hex[65];

  ck_assert_str_eq(doc->text, "Line one\nLine two\nLine three\n");
  ck_assert_int_eq(doc->format, RK_FORMAT_TEXT);
  ck_assert_str_eq(doc->encoding, "UTF-8");
  ck_assert_str_eq(doc->path, "plain.txt");
  rk_sha256_hex(raw, strlen(raw), hex);
  ck_assert_str_eq(doc->sha256, hex);  /* of the raw bytes, not the text */
  ck_assert_uint_eq(doc->n_hints, 0);
  ck_assert_ptr_null(doc->meta.title);
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_spaces_and_controls)
{
  /* NBSP, tab, U+2003 em space -> ' '; ZWSP, BOM, SOH, soft hyphen dropped;
   * curly quotes, accents and CJK kept */
  RkDoc *doc = mem_ok("s.txt", "a\xc2\xa0" "b\tc\xe2\x80\x83" "d\xe2\x80\x8b" "e\xef\xbb\xbf" "f\x01g "
                               "Spiel\xc2\xad" "berg \xe2\x80\x9cq\xe2\x80\x9d \xe6\x98\xa0\xe7\x94\xbb\n");

  ck_assert_str_eq(doc->text, "a b c defg Spielberg \xe2\x80\x9cq\xe2\x80\x9d \xe6\x98\xa0\xe7\x94\xbb\n");
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_noncharacters)
{
  /* U+FFFE, U+FFFF, U+FDD0 and U+1FFFF are dropped, in text and in HTML
   * (text and attribute values): raptor cannot read them back */
  RkDoc *doc = mem_ok("n.txt", "Jean\xef\xbf\xbe Du\xef\xbf\xbfpont\xef\xb7\x90 \xf0\x9f\xbf\xbfx\n");

  ck_assert_str_eq(doc->text, "Jean Dupont x\n");
  rk_doc_free(doc);
  doc = mem_ok("n.html", "<html><head><meta name=author content=\"A\xef\xbf\xbe" "B\"></head>"
                         "<body><p>C\xef\xbf\xbf" "D &#xFFFE;E</p></body></html>");
  ck_assert_str_eq(doc->text, "CD E\n");
  ck_assert_str_eq(doc->meta.author, "AB");
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_internal_subset)
{
  /* an entity-expansion trick: the subset is dropped, nothing expands */
  RkDoc *doc = mem_ok("laughs.html",
                      "<!DOCTYPE html [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
                      "<html><body><h1>Salt Orchard</h1><p>By Pat Lee &b;</p></body></html>");

  ck_assert_str_eq(doc->text, "Salt Orchard\nBy Pat Lee &b;\n");
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_utf8_bom)
{
  RkDoc *doc = mem_ok("bom.txt", "\xef\xbb\xbf" "caf\xc3\xa9\n");

  ck_assert_str_eq(doc->text, "caf\xc3\xa9\n");
  ck_assert_str_eq(doc->encoding, "UTF-8");
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_latin1_file)
{
  RkDoc   *doc = NULL;
  RkStatus st  = rk_doc_read(rktest_src("tests/data/reader/latin1.txt"), NULL, &rktest_log, &doc);

  ck_assert_int_eq(st, RK_OK);
  /* 0x93/0x94 are curly quotes in Windows-1252, not C1 controls */
  ck_assert_str_eq(doc->text,
                   "caf\xc3\xa9 cr\xc3\xa8me \xe2\x80\x9c" "br\xc3\xbbl\xc3\xa9" "e\xe2\x80\x9d\n");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  ck_assert_int_eq(doc->format, RK_FORMAT_TEXT);
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_latin1_memory)
{
  RkDoc *doc = mem_ok("l.txt", "caf\xe9");

  ck_assert_str_eq(doc->text, "caf\xc3\xa9");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  rk_doc_free(doc);
}
END_TEST

START_TEST(text_utf16)
{
  static const char le[] = "\xff\xfe" "h\0i\0 \0\xe9\0\r\0\n\0";
  static const char be[] = "\xfe\xff" "\0h\0i\0 \0\xe9";
  RkDoc *doc = NULL;

  ck_assert_int_eq(rk_doc_from_memory("le.txt", le, sizeof le - 1, NULL, &rktest_log, &doc), RK_OK);
  ck_assert_str_eq(doc->text, "hi \xc3\xa9\n");
  ck_assert_str_eq(doc->encoding, "UTF-16LE");
  rk_doc_free(doc);
  doc = NULL;
  ck_assert_int_eq(rk_doc_from_memory("be.txt", be, sizeof be - 1, NULL, &rktest_log, &doc), RK_OK);
  ck_assert_str_eq(doc->text, "hi \xc3\xa9");
  ck_assert_str_eq(doc->encoding, "UTF-16BE");
  rk_doc_free(doc);
  /* odd length, and a NUL character inside valid UTF-16 */
  assert_refused_n("odd16.txt", "\xff\xfe" "h\0i", 5, NULL);
  assert_refused_n("nul16.txt", "\xff\xfe" "h\0\0\0i\0", 8, NULL);
}
END_TEST

START_TEST(text_utf16_html_sniffed)
{
  static const char le[] = "\xff\xfe" "<\0p\0>\0h\0i\0<\0/\0p\0>\0<\0b\0o\0d\0y\0>\0";
  RkDoc *doc = NULL;

  ck_assert_int_eq(rk_doc_from_memory("page", le, sizeof le - 1, NULL, &rktest_log, &doc), RK_OK);
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  ck_assert_str_eq(doc->text, "hi\n");
  rk_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ mojibake */

START_TEST(mojibake_repaired)
{
  RkDoc *doc;

  /* "’" (E2 80 99) read as Windows-1252 is "â€™" */
  doc = mem_ok("m1.txt", "St\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s");
  ck_assert_str_eq(doc->text, "St\xe2\x80\x99s");
  rk_doc_free(doc);
  doc = mem_ok("m2.txt", "caf\xc3\x83\xc2\xa9 na\xc3\x83\xc2\xafve "
                         "\xc3\xa2\xe2\x82\xac\xc5\x93q\xc3\xa2\xe2\x82\xac\xc2\x9d");
  ck_assert_str_eq(doc->text, "caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cq\xe2\x80\x9d");
  rk_doc_free(doc);
  /* twice through the mistake: "Ã¢â‚¬â„¢" */
  doc = mem_ok("m3.txt", "it\xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3\xa2\xe2\x80\x9e\xc2\xa2s");
  ck_assert_str_eq(doc->text, "it\xe2\x80\x99s");
  rk_doc_free(doc);
  /* "Â" + NBSP is a mojibake NBSP, which then becomes a space */
  doc = mem_ok("m4.txt", "a\xc3\x82\xc2\xa0" "b");
  ck_assert_str_eq(doc->text, "a b");
  rk_doc_free(doc);
}
END_TEST

START_TEST(mojibake_conservative)
{
  static const char *keep[] = {
    "REN\xc3\x89\xe2\x80\x99S film",      /* É’ would decode to U+0252 */
    "Stra\xc3\x9f" "e\xe2\x80\xa6 Stra\xc3\x9f\xe2\x80\xa6",  /* ß… would be NKo */
    "g\xc3\xa2teau \xc3\xa2 la carte",    /* â followed by ordinary text */
    "S\xc3\x83O PAULO \xc3\x83",          /* Ã followed by a letter, or at the end */
    "\xc3\xa9\xc2\xbb",                   /* é» is two real characters */
  };

  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
    RkDoc *doc = mem_ok("keep.txt", keep[i]);
    ck_assert_str_eq(doc->text, keep[i]);
    rk_doc_free(doc);
  }
}
END_TEST

/* ------------------------------------------------------------ refusals */

START_TEST(refuse_empty_and_blank)
{
  RkDoc   *doc = NULL;
  RkStatus st;

  assert_refused("empty.txt", "");
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "empty"));
  assert_refused("blank.txt", "  \n\t \xc2\xa0\r\n\xe2\x80\x8b");
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "whitespace"));
  assert_refused("bom-only.txt", "\xef\xbb\xbf");
  assert_refused("blank.html", "<html><body><script>x()</script> &nbsp; </body></html>");
  st = rk_doc_read(rktest_src("tests/data/reader/empty.txt"), NULL, &rktest_log, &doc);
  ck_assert_int_eq(st, RK_ERR_INPUT);
  ck_assert_ptr_null(doc);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "tests/data/reader/empty.txt"));
}
END_TEST

START_TEST(refuse_binary)
{
  assert_refused_n("image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "PNG"));
  assert_refused_n("a.gif", "GIF89a\x01\x00", 8, NULL);
  assert_refused_n("a.jpg", "\xff\xd8\xff\xe0\0\x10JFIF", 10, NULL);
  assert_refused("a.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  assert_refused_n("review.txt.gz", "\x1f\x8b\x08\0\0\0\0\0", 8, NULL);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "gzip"));
  assert_refused("a.zip", "PK\x03\x04\x14");
  assert_refused_n("a.out", "\x7f" "ELF\x02\x01\x01\0", 8, NULL);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "ELF"));
  assert_refused_n("nul.txt", "some text\0more text", 19, NULL);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "NUL"));
  assert_refused("ctl.txt", "\x01\x02\x03\x04\x05 text \x06\x07\x08\x0e\x0f");
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "binary"));
}
END_TEST

START_TEST(refuse_missing_and_directory)
{
  RkDoc   *doc = NULL;
  RkStatus st;

  rktest_last_msg[0] = '\0';
  st = rk_doc_read(rktest_src("tests/data/reader/no-such-file.txt"), NULL, &rktest_log, &doc);
  ck_assert_int_eq(st, RK_ERR_IO);
  ck_assert_ptr_null(doc);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "no-such-file.txt"));
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "No such file"));
  st = rk_doc_read(rktest_src("tests/data/reader"), NULL, &rktest_log, &doc);
  ck_assert_int_eq(st, RK_ERR_IO);
  ck_assert_ptr_null(doc);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "directory"));
}
END_TEST

START_TEST(refuse_unreadable)
{
  char     path[] = "/tmp/rk_reader_XXXXXX";
  int      fd     = mkstemp(path);
  RkDoc   *doc    = NULL;
  RkStatus st;

  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, "text\n", 5), 5);
  close(fd);
  chmod(path, 0);
  st = rk_doc_read(path, NULL, &rktest_log, &doc);
  if (geteuid() != 0) {  /* root reads anything */
    ck_assert_int_eq(st, RK_ERR_IO);
    ck_assert_ptr_nonnull(strstr(rktest_last_msg, "Permission denied"));
  }
  rk_doc_free(doc);
  unlink(path);
}
END_TEST

START_TEST(refuse_over_limits)
{
  RkReadLimits lim;
  RkDoc       *doc = NULL;
  RkStatus     st;

  rk_read_limits_default(&lim);
  ck_assert_uint_eq(lim.max_bytes, 64u << 20);
  ck_assert_uint_eq(lim.max_line, 1u << 20);
  ck_assert_int_eq(lim.max_depth, 256);

  lim.max_bytes = 8;
  assert_refused_n("big.txt", "twenty bytes of text", 20, &lim);
  st = rk_doc_read(rktest_src("tests/data/reader/review.html"), &lim, &rktest_log, &doc);
  ck_assert_int_eq(st, RK_ERR_INPUT);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "review.html"));
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "limit"));
  /* exactly at the limit is fine */
  lim.max_bytes = 20;
  ck_assert_int_eq(rk_doc_from_memory("at.txt", "twenty bytes of text", 20, &lim, &rktest_log, &doc),
                   RK_OK);
  rk_doc_free(doc);
  doc = NULL;

  rk_read_limits_default(&lim);
  lim.max_line = 10;
  assert_refused_n("line.txt", "short\nthis line is too long\n", 28, &lim);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "line 2"));
  ck_assert_int_eq(rk_doc_from_memory("ok.txt", "0123456789\nabc", 14, &lim, &rktest_log, &doc), RK_OK);
  rk_doc_free(doc);
  doc = NULL;
  /* for HTML the limit applies to the rendered text, not the markup */
  {
    const char *page = "<html><body><p>short</p><p>this one is long</p></body></html>";
    const char *ok   = "<html><body><p class=\"a-very-long-class-name\">short</p></body></html>";
    assert_refused_n("line.html", page, strlen(page), &lim);
    ck_assert_int_eq(rk_doc_from_memory("ok.html", ok, strlen(ok), &lim, &rktest_log, &doc), RK_OK);
    rk_doc_free(doc);
  }
}
END_TEST

/* Nested <div>s: the HTML must be refused (or handled) quickly and without
 * running out of stack. */
static char *
nested_divs(int depth)
{
  char *s = malloc((size_t)depth * 5 + 64), *p = s;

  p += sprintf(p, "<html><body>");
  for (int i = 0; i < depth; i++)
    p += sprintf(p, "<div>");
  sprintf(p, "deep</body></html>");
  return s;
}

static double
now(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

START_TEST(html_deep_nesting)
{
  RkReadLimits lim;
  RkDoc       *doc = NULL;
  char        *page = nested_divs(100000);
  double       t0 = now();

  assert_refused_n("deep.html", page, strlen(page), NULL);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "deep"));
  /* a caller who allows more than libxml2's own 256 gets our check */
  rk_read_limits_default(&lim);
  lim.max_depth = 1000;
  assert_refused_n("deeper.html", page, strlen(page), &lim);
  free(page);
  /* both take about 0.05 s; the bound leaves room for valgrind (~2.5 s) */
  ck_assert_msg(now() - t0 < 10.0, "deep nesting took %.2f s", now() - t0);

  page = nested_divs(200);
  ck_assert_int_eq(rk_doc_from_memory("ok.html", page, strlen(page), NULL, &rktest_log, &doc), RK_OK);
  ck_assert_str_eq(doc->text, "deep\n");
  rk_doc_free(doc);
  lim.max_depth = 50;
  assert_refused_n("fifty.html", page, strlen(page), &lim);
  free(page);
}
END_TEST

/* ------------------------------------------------------------ HTML */

START_TEST(html_review_page)
{
  RkDoc      *doc = NULL;
  RkStatus    st  = rk_doc_read(rktest_src("tests/data/reader/review.html"), NULL, &rktest_log, &doc);
  const char *t;

  ck_assert_int_eq(st, RK_OK);
  t = doc->text;
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  ck_assert_str_eq(doc->encoding, "UTF-8");
  ck_assert_uint_eq(doc->len, strlen(t));
  /* one block a line, whitespace and &nbsp; collapsed */
  ck_assert_ptr_nonnull(strstr(t, "\nThe film opens on a quiet road.\n"));
  ck_assert_ptr_nonnull(strstr(t, "\nIts director, Ann Lee, keeps the camera still.\nVery still.\n"));
  ck_assert_ptr_nonnull(strstr(t, "\nDirector: Ann Lee\n"));
  ck_assert_ptr_nonnull(strstr(t, "\nCast, Bo Ray, Cy Fox\n"));
  /* nothing from head, scripts, styles, hidden elements, alt text or forms */
  {
    static const char *absent[] = { "Review:", "color", "tracking", "@type", "hidden text",
                                    "also hidden", "icon", "Enable JavaScript", "A road at dusk",
                                    "search", "typing", "Go\n" };
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
      ck_assert_msg(!strstr(t, absent[i]), "\"%s\" rendered", absent[i]);
  }
  ck_assert_ptr_null(strstr(t, "  "));
  ck_assert_ptr_null(strstr(t, " \n"));
  ck_assert_ptr_null(strstr(t, "\n "));

  /* hints, sorted by start, inside the text */
  for (size_t i = 0; i < doc->n_hints; i++) {
    ck_assert_uint_lt(doc->hints[i].start, doc->hints[i].end);
    ck_assert_uint_le(doc->hints[i].end, doc->len);
    if (i)
      ck_assert_uint_le(doc->hints[i - 1].start, doc->hints[i].start);
  }
  ck_assert(has_hint(doc, RK_HINT_NAV, "Home\nReviews"));
  ck_assert(has_hint(doc, RK_HINT_HEADING, "The Long Road"));
  ck_assert(has_hint(doc, RK_HINT_BYLINE, "By Jane Critic"));
  ck_assert(has_hint(doc, RK_HINT_BYLINE, "Jane Critic"));  /* rel=author */
  ck_assert(has_hint(doc, RK_HINT_CAPTION, "A still from the film."));
  ck_assert(has_hint(doc, RK_HINT_ASIDE, "Popular\nOther film"));
  ck_assert(has_hint(doc, RK_HINT_HEADING, "Popular"));
  ck_assert(has_hint(doc, RK_HINT_COMMENTS, "Great review!"));
  ck_assert(has_hint(doc, RK_HINT_FOOTER, "Copyright 2023"));
  ck_assert_uint_eq(doc->n_hints, 9);  /* body's "comments-open has-nav" adds none */

  /* metadata */
  ck_assert_str_eq(doc->meta.url, "https://example.org/reviews/the-long-road");
  ck_assert_str_eq(doc->meta.title, "Review: The Long Road");
  ck_assert_str_eq(doc->meta.author, "Jane Critic");
  ck_assert_str_eq(doc->meta.site_name, "Example Film Review");
  ck_assert_str_eq(doc->meta.date, "2023-05-01T10:00:00Z");
  ck_assert_uint_eq(doc->meta.jsonld.n, 1);
  ck_assert_str_eq(doc->meta.jsonld.items[0], "{\"@type\": \"Review\", \"name\": \"The Long Road\"}");
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_meta_fallbacks)
{
  RkDoc *doc = mem_ok("meta.html",
    "<html><head><meta property=\"og:title\" content=\" OG  Title \">"
    "<meta property=\"og:url\" content=\"https://example.org/og\">"
    "<meta property=\"article:author\" content=\"https://example.org/people/jane\">"
    "<meta name=\"application-name\" content=\"App Site\">"
    "<script type=\"application/ld+json\">{\"a\":1}</script>"
    "<script type=\"application/ld+json\">  </script>"
    "<script type=\"application/ld+json\">{\"b\":2}</script>"
    "</head><body><time datetime=\"2020-01-01\">outside</time>"
    "<article><p>Text</p><time datetime=\"2021-02-03\">Feb 3</time></article></body></html>");

  ck_assert_str_eq(doc->meta.title, "OG Title");
  ck_assert_str_eq(doc->meta.url, "https://example.org/og");
  ck_assert_ptr_null(doc->meta.author);  /* a URL is not a name */
  ck_assert_str_eq(doc->meta.site_name, "App Site");
  ck_assert_str_eq(doc->meta.date, "2021-02-03");  /* only <time> inside the article */
  ck_assert_uint_eq(doc->meta.jsonld.n, 2);
  ck_assert_str_eq(doc->meta.jsonld.items[1], "{\"b\":2}");
  rk_doc_free(doc);

  doc = mem_ok("meta2.html", "<html><head><meta property=\"article:author\" content=\"Jo Bloggs\">"
                             "<meta name=\"date\" content=\"2019-09-09\"></head><body>x</body></html>");
  ck_assert_str_eq(doc->meta.author, "Jo Bloggs");
  ck_assert_str_eq(doc->meta.date, "2019-09-09");
  ck_assert_ptr_null(doc->meta.title);
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_jsonld_cap)
{
  size_t n    = (4u << 20) + 100;
  char  *page = malloc(n + 200), *p = page;
  RkDoc *doc;

  p += sprintf(p, "<html><head><script type=\"application/ld+json\">\"");
  memset(p, 'x', n);
  p += n;
  sprintf(p, "\"</script></head><body><p>text</p></body></html>");
  doc = mem_ok("huge-ld.html", page);
  ck_assert_uint_eq(doc->meta.jsonld.n, 0);
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "JSON-LD"));
  ck_assert_str_eq(doc->text, "text\n");
  rk_doc_free(doc);
  free(page);
}
END_TEST

START_TEST(html_declared_charset)
{
  RkDoc *doc;

  /* Latin-1 bytes with a Latin-1 label (read as its superset, Windows-1252) */
  doc = mem_ok("l1.html", "<html><head><meta charset=\"iso-8859-1\"></head>"
                          "<body><p>caf\xe9 \x93q\x94</p></body></html>");
  ck_assert_str_eq(doc->text, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d\n");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  rk_doc_free(doc);
  /* a label that differs from the fallback: 0xE8 is č in Latin-2, è in 1252 */
  doc = mem_ok("l2.html", "<html><head><meta charset='ISO-8859-2'></head><body>Ma\xe8" "ek</body></html>");
  ck_assert_str_eq(doc->text, "Ma\xc4\x8d" "ek\n");
  ck_assert_str_eq(doc->encoding, "ISO-8859-2");
  rk_doc_free(doc);
  /* http-equiv form */
  doc = mem_ok("ru.html", "<html><head><meta http-equiv=\"Content-Type\" "
                          "content=\"text/html; charset=windows-1251\"></head>"
                          "<body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>");
  ck_assert_str_eq(doc->text, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n");
  ck_assert_str_eq(doc->encoding, "windows-1251");
  rk_doc_free(doc);
  /* valid UTF-8 wins over a wrong label */
  doc = mem_ok("lie.html", "<html><head><meta charset=\"iso-8859-1\"></head>"
                           "<body>caf\xc3\xa9</body></html>");
  ck_assert_str_eq(doc->text, "caf\xc3\xa9\n");
  ck_assert_str_eq(doc->encoding, "UTF-8");
  rk_doc_free(doc);
  /* a label the bytes are not valid in falls back to Windows-1252, with a warning */
  doc = mem_ok("bad.html", "<html><head><meta charset=\"utf-8\"></head><body>caf\xe9\x80</body></html>");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  ck_assert_str_eq(doc->text, "caf\xc3\xa9\xe2\x82\xac\n");
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "utf-8"));
  rk_doc_free(doc);
  doc = mem_ok("sjis.html", "<html><head><meta charset=\"shift_jis\"></head>"
                            "<body>\x93\xfa\x96\x7b</body></html>");
  ck_assert_str_eq(doc->encoding, "SHIFT_JIS");
  ck_assert_str_eq(doc->text, "\xe6\x97\xa5\xe6\x9c\xac\n");
  rk_doc_free(doc);
  doc = mem_ok("unknown.html", "<html><head><meta charset=\"x-klingon\"></head><body>caf\xe9</body></html>");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  ck_assert_ptr_nonnull(strstr(rktest_last_msg, "x-klingon"));
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_rendering_rules)
{
  RkDoc *doc;

  /* inline elements join without extra spaces; blocks break lines */
  doc = mem_ok("a.html", "<body><p><b>Star</b>s and <i>moon</i></p><div>two</div>three"
                         "<ul><li>one</li><li>two</li></ul></body>");
  ck_assert_str_eq(doc->text, "Stars and moon\ntwo\nthree\none\ntwo\n");
  rk_doc_free(doc);
  /* <br>: at most one blank line in a row */
  doc = mem_ok("b.html", "<body><p>a<br>b<br><br>c<br><br><br><br>d</p></body>");
  ck_assert_str_eq(doc->text, "a\nb\n\nc\n\nd\n");
  rk_doc_free(doc);
  /* <pre> keeps its line breaks */
  doc = mem_ok("c.html", "<body><pre>x = 1\r\ny = 2</pre><p>after</p></body>");
  ck_assert_str_eq(doc->text, "x = 1\ny = 2\nafter\n");
  rk_doc_free(doc);
  /* tables: two cells "k: v", a label ending in ':' is not doubled, more cells with commas */
  doc = mem_ok("d.html", "<body><table><tr><th>Director</th><td>X</td></tr>"
                         "<tr><td>Runtime:</td><td>98 min</td></tr>"
                         "<tr><td>a</td><td>b</td><td>c</td></tr>"
                         "<tr><td></td><td>lone</td></tr></table></body>");
  ck_assert_str_eq(doc->text, "Director: X\nRuntime: 98 min\na, b, c\nlone\n");
  rk_doc_free(doc);
  /* cells without a row are at least kept apart */
  doc = mem_ok("f.html", "<body><table><td>a</td><td>b</td></table></body>");
  ck_assert_str_eq(doc->text, "a b\n");
  rk_doc_free(doc);
  /* entities decoded; template, svg, iframe, canvas, select dropped */
  doc = mem_ok("e.html", "<body><p>Tom &amp; Jerry &eacute;&#8217;</p><template>t</template>"
                         "<svg><title>s</title><text>svg</text></svg><iframe>f</iframe>"
                         "<canvas>c</canvas><select><option>o</option></select></body>");
  ck_assert_str_eq(doc->text, "Tom & Jerry \xc3\xa9\xe2\x80\x99\n");
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_hint_rules)
{
  RkDoc *doc = mem_ok("h.html",
    "<html><body class=\"single comments-open\">"
    "<div role=\"navigation\">Menu A</div>"
    "<div class=\"MainMenu\">not a word start</div>"
    "<div class=\"main-menu\">Menu B</div>"
    "<div class=\"unavailable\">Plain one</div>"
    "<div class=\"authorization\">Plain two</div>"
    "<div class=\"film-credits\">Director: X</div>"
    "<div class=\"photo-credit\">Photo: Y</div>"
    "<div id=\"disqus_thread\">Disqus</div>"
    "<ul class=\"related-posts\"><li>Other</li></ul>"
    "<div class=\"ad-slot\">Buy</div>"
    "<div class=\"masthead-ad\">Masthead</div>"
    "<p><span itemprop=\"author\">Ann</span> wrote this.</p>"
    "<div class=\"Site-Footer\">Foot</div>"
    "<h4>Small heading</h4>"
    "</body></html>");

  ck_assert(has_hint(doc, RK_HINT_NAV, "Menu A"));
  ck_assert(has_hint(doc, RK_HINT_NAV, "Menu B"));
  ck_assert(has_hint(doc, RK_HINT_CAPTION, "Photo: Y"));
  ck_assert(has_hint(doc, RK_HINT_COMMENTS, "Disqus"));
  ck_assert(has_hint(doc, RK_HINT_ASIDE, "Other"));
  ck_assert(has_hint(doc, RK_HINT_ASIDE, "Buy"));
  ck_assert(has_hint(doc, RK_HINT_BYLINE, "Ann"));
  ck_assert(has_hint(doc, RK_HINT_FOOTER, "Foot"));
  ck_assert(!has_hint_kind(doc, RK_HINT_HEADING));
  ck_assert_uint_eq(doc->n_hints, 8);  /* the others carry none */
  rk_doc_free(doc);
}
END_TEST

START_TEST(html_sniffing)
{
  RkDoc *doc;

  doc = mem_ok("page.txt", "\n  <!DOCTYPE html><title>t</title><p>x</p>");
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  ck_assert_str_eq(doc->text, "x\n");
  rk_doc_free(doc);
  doc = mem_ok("noext", "Some preamble\n<BODY><p>y</p></BODY>");
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  rk_doc_free(doc);
  doc = mem_ok("notes.md", "Use <p> for paragraphs.\n");
  ck_assert_int_eq(doc->format, RK_FORMAT_TEXT);
  ck_assert_str_eq(doc->text, "Use <p> for paragraphs.\n");
  rk_doc_free(doc);
  doc = mem_ok("frag.HTM", "<p>fragment</p>");
  ck_assert_int_eq(doc->format, RK_FORMAT_HTML);
  ck_assert_str_eq(doc->text, "fragment\n");
  rk_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ front matter */

START_TEST(text_front_matter)
{
  RkDoc   *doc = NULL;
  RkStatus st  = rk_doc_read(rktest_src("tests/data/reader/frontmatter.txt"), NULL, &rktest_log, &doc);

  ck_assert_int_eq(st, RK_OK);
  ck_assert_str_eq(doc->meta.title, "The Long Road");
  ck_assert_str_eq(doc->meta.author, "Jane Critic");
  ck_assert_str_eq(doc->meta.date, "2023-05-01");
  ck_assert_str_eq(doc->meta.url, "https://example.org/r/1");
  ck_assert_ptr_eq(strstr(doc->text, "---\ntitle: \"The Long Road\"\n"), doc->text);  /* kept */
  rk_doc_free(doc);

  doc = mem_ok("fm.txt", "---\r\nAuthor: 'Jo'\r\nlink: https://x.org\r\n---\r\nBody\r\n");
  ck_assert_str_eq(doc->meta.author, "Jo");
  ck_assert_str_eq(doc->meta.url, "https://x.org");
  rk_doc_free(doc);
  /* no closing line: no front matter */
  doc = mem_ok("open.txt", "---\nauthor: Jo\nBody text\n");
  ck_assert_ptr_null(doc->meta.author);
  rk_doc_free(doc);
  /* a rule later in the text is not front matter */
  doc = mem_ok("rule.txt", "Intro\n---\nauthor: Jo\n---\n");
  ck_assert_ptr_null(doc->meta.author);
  rk_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ misc */

START_TEST(read_stdin)
{
  int      saved = dup(STDIN_FILENO);
  int      fd    = open(rktest_src("tests/data/reader/latin1.txt"), O_RDONLY);
  RkDoc   *doc   = NULL;
  RkStatus st;

  ck_assert_int_ge(fd, 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  st = rk_doc_read("-", NULL, &rktest_log, &doc);
  dup2(saved, STDIN_FILENO);
  close(saved);
  ck_assert_int_eq(st, RK_OK);
  ck_assert_str_eq(doc->path, "-");
  ck_assert_str_eq(doc->encoding, "windows-1252");
  ck_assert(!strncmp(doc->text, "caf\xc3\xa9 ", 6));
  rk_doc_free(doc);
}
END_TEST

START_TEST(free_null_and_bad_args)
{
  RkDoc *doc = NULL;

  rk_doc_free(NULL);
  ck_assert_int_eq(rk_doc_from_memory("x", "abc", 3, NULL, NULL, NULL), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_doc_from_memory("x", NULL, 3, NULL, NULL, &doc), RK_ERR_BAD_ARG);
  ck_assert_int_eq(rk_doc_read(NULL, NULL, NULL, &doc), RK_ERR_BAD_ARG);
  ck_assert_ptr_null(doc);
  /* a NULL log is fine */
  ck_assert_int_eq(rk_doc_from_memory("x", "", 0, NULL, NULL, &doc), RK_ERR_INPUT);
}
END_TEST

/* Every allocation in turn fails: the result is RK_OK or RK_ERR_NOMEM, *out
 * is set only on success, and (under valgrind) nothing leaks. */
static void
fail_each_allocation(const char *name, const char *s, size_t n, int from_file)
{
  int nomem = 0, ok = 0;

  for (long i = 1; i <= 200; i++) {
    RkDoc   *doc = NULL;
    RkStatus st;

    rk_alloc_fail_after(i);
    st = from_file ? rk_doc_read(name, NULL, NULL, &doc)
                   : rk_doc_from_memory(name, s, n, NULL, NULL, &doc);
    rk_alloc_fail_after(0);
    ck_assert_msg(st == RK_OK || st == RK_ERR_NOMEM, "%s, allocation %ld: %s", name, i, rk_strerror(st));
    if (st == RK_OK) {
      ck_assert_ptr_nonnull(doc);
      ok++;
    } else {
      ck_assert_ptr_null(doc);
      nomem++;
    }
    rk_doc_free(doc);
  }
  ck_assert_int_gt(nomem, 0);
  ck_assert_int_gt(ok, 0);
}

START_TEST(alloc_failure)
{
  const char *html = "<html><head><title>T</title><link rel=canonical href=\"https://x/\">"
                     "<meta name=author content=\"Jo\">"
                     "<script type=\"application/ld+json\">{}</script></head>"
                     "<body><nav>Home</nav><h1>Head</h1><p>caf\xe9 one</p>"
                     "<table><tr><td>a</td><td>b</td></tr></table>"
                     "<div class=\"comments\"><p>c1</p><p>c2</p></div></body></html>";
  const char *fm   = "---\ntitle: T\nauthor: A\ndate: D\nurl: U\n---\nSt\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s\n";
  static const char u16[] = "\xff\xfe" "h\0i\0";

  fail_each_allocation("alloc.html", html, strlen(html), 0);
  fail_each_allocation("alloc.txt", fm, strlen(fm), 0);
  fail_each_allocation("alloc16.txt", u16, sizeof u16 - 1, 0);
  fail_each_allocation(rktest_src("tests/data/reader/review.html"), NULL, 0, 1);
}
END_TEST

static Suite *
reader_suite(void)
{
  Suite *s  = suite_create("reader");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, text_utf8_crlf);
  tcase_add_test(tc, text_spaces_and_controls);
  tcase_add_test(tc, text_noncharacters);
  tcase_add_test(tc, html_internal_subset);
  tcase_add_test(tc, text_utf8_bom);
  tcase_add_test(tc, text_latin1_file);
  tcase_add_test(tc, text_latin1_memory);
  tcase_add_test(tc, text_utf16);
  tcase_add_test(tc, text_utf16_html_sniffed);
  tcase_add_test(tc, mojibake_repaired);
  tcase_add_test(tc, mojibake_conservative);
  tcase_add_test(tc, refuse_empty_and_blank);
  tcase_add_test(tc, refuse_binary);
  tcase_add_test(tc, refuse_missing_and_directory);
  tcase_add_test(tc, refuse_unreadable);
  tcase_add_test(tc, refuse_over_limits);
  tcase_add_test(tc, html_deep_nesting);
  tcase_add_test(tc, html_review_page);
  tcase_add_test(tc, html_meta_fallbacks);
  tcase_add_test(tc, html_jsonld_cap);
  tcase_add_test(tc, html_declared_charset);
  tcase_add_test(tc, html_rendering_rules);
  tcase_add_test(tc, html_hint_rules);
  tcase_add_test(tc, html_sniffing);
  tcase_add_test(tc, text_front_matter);
  tcase_add_test(tc, read_stdin);
  tcase_add_test(tc, free_null_and_bad_args);
  tcase_add_test(tc, alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(reader_suite)
