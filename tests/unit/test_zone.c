/* test_zone.c - unit tests for stage 2 (zone.c): the kind of each line of
 * small documents written for the purpose: headline, byline, credits,
 * body, front matter, captions, furniture, sidebars and comments. */
#include "reviewkg/reader.h"
#include "reviewkg/zone.h"
#include "reviewkg/util.h"
#include "rktest.h"

#define PROSE1 "The keeper of the lighthouse has not spoken to his brother in ten years, " \
               "and the film takes its time to tell us why, which is both its charm and its problem."
#define PROSE2 "In the final act the storm has done what the script could not, and the two men " \
               "are forced to share the lamp room for one long night."

/* Document and zones of @p text, read as a file called @p name. */
typedef struct {
  RkDoc   *doc;
  RkZones *z;
} Zoned;

static Zoned
zone_text(const char *name, const char *text)
{
  Zoned    zd = { NULL, NULL };
  RkStatus st = rk_doc_from_memory(name, text, strlen(text), NULL, &rktest_log, &zd.doc);

  ck_assert_msg(st == RK_OK, "%s: %s (%s)", name, rk_strerror(st), rktest_last_msg);
  st = rk_zones_build(zd.doc, &zd.z);
  ck_assert_int_eq(st, RK_OK);
  ck_assert_ptr_nonnull(zd.z);
  return zd;
}

static void
zoned_free(Zoned *zd)
{
  rk_zones_free(zd->z);
  rk_doc_free(zd->doc);
}

/* The kind of the first line that is exactly @p text (after the @p nth-1
 * earlier ones); fails the test when there is no such line. */
static RkZoneKind
kind_nth(const Zoned *zd, const char *text, int nth)
{
  size_t k = strlen(text);

  for (size_t i = 0; i < zd->z->n; i++) {
    const RkLine *l = &zd->z->lines[i];
    if (l->end - l->start == k && !memcmp(zd->doc->text + l->start, text, k) && --nth == 0)
      return l->kind;
  }
  ck_abort_msg("no line \"%s\" in the document", text);
  return RK_ZONE_BLANK;
}

static RkZoneKind kind_of(const Zoned *zd, const char *text) { return kind_nth(zd, text, 1); }

#define ASSERT_ZONE(zd, text, want)                                                       \
  do {                                                                                    \
    RkZoneKind got_ = kind_of(zd, text);                                                  \
    ck_assert_msg(got_ == (want), "\"%s\" is %s, want %s", text, rk_zone_name(got_),       \
                  rk_zone_name(want));                                                    \
  } while (0)

START_TEST(headline_byline_credits_body)
{
  Zoned zd = zone_text("review.txt",
    "Harbour Lights review: two brothers and a lamp\n"
    "\n"
    "By Philippa Lorne\n"
    "Director: Joan Arbery\n"
    "Starring Ann Belmont, Cal Dunmore, Eve Foxley\n"
    "Running time: 1 hour 40 minutes\n"
    "Country: Scotland/Norway\n"
    "\n"
    PROSE1 "\n"
    "\n"
    PROSE2 "\n");

  ASSERT_ZONE(&zd, "Harbour Lights review: two brothers and a lamp", RK_ZONE_HEADLINE);
  ASSERT_ZONE(&zd, "", RK_ZONE_BLANK);
  ASSERT_ZONE(&zd, "By Philippa Lorne", RK_ZONE_BYLINE);
  ASSERT_ZONE(&zd, "Director: Joan Arbery", RK_ZONE_CREDITS);
  ASSERT_ZONE(&zd, "Starring Ann Belmont, Cal Dunmore, Eve Foxley", RK_ZONE_CREDITS);
  ASSERT_ZONE(&zd, "Running time: 1 hour 40 minutes", RK_ZONE_CREDITS);
  ASSERT_ZONE(&zd, "Country: Scotland/Norway", RK_ZONE_CREDITS);
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, PROSE2, RK_ZONE_BODY);
  ck_assert_int_ge(zd.z->body_first, 0);
  ck_assert_int_ge(zd.z->body_last, zd.z->body_first);
  ck_assert_int_eq(zd.z->lines[zd.z->body_first].kind, RK_ZONE_BODY);
  ck_assert_int_eq(zd.z->lines[zd.z->body_last].kind, RK_ZONE_BODY);
  zoned_free(&zd);
}
END_TEST

START_TEST(lines_cover_the_text)
{
  Zoned zd = zone_text("lines.txt", "one\ntwo\n\nthree");

  ck_assert_uint_eq(zd.z->n, 4);
  ck_assert_uint_eq(zd.z->lines[0].start, 0);
  ck_assert_uint_eq(zd.z->lines[0].end, 3);
  ck_assert_uint_eq(zd.z->lines[1].start, 4);
  ck_assert_int_eq(zd.z->lines[2].kind, RK_ZONE_BLANK);
  ck_assert_uint_eq(zd.z->lines[3].end, zd.doc->len);
  for (size_t i = 1; i < zd.z->n; i++)
    ck_assert_uint_eq(zd.z->lines[i].start, zd.z->lines[i - 1].end + 1);
  zoned_free(&zd);
}
END_TEST

START_TEST(comments_after_leave_a_reply)
{
  Zoned zd = zone_text("comments.txt",
    "Harbour Lights\n"
    PROSE1 "\n"
    "Leave a Reply\n"
    "Morwenna Tregarthen says:\n"
    "Directed by my cousin, and I loved every minute of it.\n"
    "Reply\n");

  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Leave a Reply", RK_ZONE_COMMENTS);
  ASSERT_ZONE(&zd, "Morwenna Tregarthen says:", RK_ZONE_COMMENTS);
  /* a credits-shaped line inside the comments stays a comment */
  ASSERT_ZONE(&zd, "Directed by my cousin, and I loved every minute of it.", RK_ZONE_COMMENTS);
  ASSERT_ZONE(&zd, "Reply", RK_ZONE_COMMENTS);
  zoned_free(&zd);
}
END_TEST

START_TEST(comments_from_a_says_header)
{
  Zoned zd = zone_text("says.txt",
    "Harbour Lights\n"
    PROSE1 "\n"
    "jimbo_the_critic says:\n"
    "Thought it was too long.\n");

  ASSERT_ZONE(&zd, "jimbo_the_critic says:", RK_ZONE_COMMENTS);
  ASSERT_ZONE(&zd, "Thought it was too long.", RK_ZONE_COMMENTS);
  zoned_free(&zd);
}
END_TEST

START_TEST(sidebar_after_prose)
{
  Zoned zd = zone_text("sidebar.txt",
    "More from Tidewater Review\n"
    "Harbour Lights\n"
    PROSE1 "\n"
    "More from Tidewater Review\n"
    "Another film review: a teaser that names Fenella Marsh\n"
    "Popular on Tidewater Review\n"
    "Interview with a director about her western\n");

  /* before any prose, a "More from" line is a sidebar line but does not
   * open a sidebar: the headline after it still counts */
  ck_assert_int_eq(kind_nth(&zd, "More from Tidewater Review", 1), RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Harbour Lights", RK_ZONE_HEADLINE);
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ck_assert_int_eq(kind_nth(&zd, "More from Tidewater Review", 2), RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Another film review: a teaser that names Fenella Marsh", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Popular on Tidewater Review", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Interview with a director about her western", RK_ZONE_SIDEBAR);
  zoned_free(&zd);
}
END_TEST

START_TEST(later_review_by_title_form)
{
  Zoned zd = zone_text("archive.txt",
    "Category Archives: Reviews\n"
    "\n"
    "Movie Review: \xe2\x80\x98Harbour Lights\xe2\x80\x99\n"
    "\n"
    PROSE1 "\n"
    "\n"
    "Movie Review: \xe2\x80\x98The Salt Road\xe2\x80\x99\n"
    "Director: Moira Quell\n"
    "By Tobias Venn\n"
    "\n"
    PROSE2 "\n");

  /* the second "Movie Review:" names another film: a later review, and
   * its credits and byline are none of the first one's */
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Movie Review: \xe2\x80\x98The Salt Road\xe2\x80\x99", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Director: Moira Quell", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "By Tobias Venn", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, PROSE2, RK_ZONE_SIDEBAR);
  zoned_free(&zd);
}
END_TEST

START_TEST(later_review_after_excerpt_or_footer)
{
  Zoned cut = zone_text("excerpts.txt",
    "Harbour Lights\n"
    PROSE1 " [\xe2\x80\xa6]\n"
    "The Salt Road\n"
    PROSE2 "\n");
  Zoned footer = zone_text("blog.txt",
    "Harbour Lights\n"
    "Posted on 3 May by Philippa Lorne\n"
    PROSE1 "\n"
    PROSE2 "\n"
    "Posted in Reviews | Tagged drama, sea\n"
    "The Salt Road\n"
    "Posted on 1 May by Philippa Lorne\n");

  ASSERT_ZONE(&cut, "The Salt Road", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&cut, PROSE2, RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&footer, PROSE2, RK_ZONE_BODY);
  ASSERT_ZONE(&footer, "The Salt Road", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&footer, "Posted on 1 May by Philippa Lorne", RK_ZONE_SIDEBAR);
  zoned_free(&cut);
  zoned_free(&footer);
}
END_TEST

START_TEST(single_review_is_not_cut)
{
  Zoned zd = zone_text("single.txt",
    "Harbour Lights (2019) review\n"
    "By Philippa Lorne\n"
    PROSE1 "\n"
    "The brothers\n"
    PROSE2 "\n"
    "Harbour Lights (2019)\n"
    "Director: Joan Arbery\n"
    "Also this week\n"
    "The Salt Road (2018)\n"
    "Grey Water (2017)\n"
    "Both are worth the trip to the harbour cinema, where the season runs until the end of the month.\n");

  /* a subheading, the film's own title again, and a list of films with
   * years open no later review */
  ASSERT_ZONE(&zd, "The brothers", RK_ZONE_BODY);
  ASSERT_ZONE(&zd, PROSE2, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Director: Joan Arbery", RK_ZONE_CREDITS);
  ASSERT_ZONE(&zd, "The Salt Road (2018)", RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Grey Water (2017)", RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Both are worth the trip to the harbour cinema, where the season runs until the end of the month.", RK_ZONE_BODY);
  zoned_free(&zd);
}
END_TEST

START_TEST(furniture_lines)
{
  Zoned zd = zone_text("furniture.txt",
    "Harbour Lights\n"
    PROSE1 "\n"
    "Sign up for our newsletter\n"
    "Share this article\n"
    "Advertisement\n"
    PROSE2 "\n");

  ASSERT_ZONE(&zd, "Sign up for our newsletter", RK_ZONE_FURNITURE);
  ASSERT_ZONE(&zd, "Share this article", RK_ZONE_FURNITURE);
  ASSERT_ZONE(&zd, "Advertisement", RK_ZONE_FURNITURE);
  ASSERT_ZONE(&zd, PROSE2, RK_ZONE_BODY);
  zoned_free(&zd);
}
END_TEST

START_TEST(repeated_caption_lines)
{
  /* repeated lines count as captions once the prose has begun (in the
   * header a repeated line is the title: breadcrumb and heading) */
  Zoned zd = zone_text("captions.txt",
    "Harbour Lights\n"
    PROSE1 "\n"
    "Ann Belmont at the lamp in Harbour Lights\n"
    "Ann Belmont at the lamp in Harbour Lights\n"
    PROSE2 "\n"
    "still_harbour_lights_04.jpg\n");

  ck_assert_int_eq(kind_nth(&zd, "Ann Belmont at the lamp in Harbour Lights", 1), RK_ZONE_CAPTION);
  ck_assert_int_eq(kind_nth(&zd, "Ann Belmont at the lamp in Harbour Lights", 2), RK_ZONE_CAPTION);
  ASSERT_ZONE(&zd, "still_harbour_lights_04.jpg", RK_ZONE_CAPTION);
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, PROSE2, RK_ZONE_BODY);
  zoned_free(&zd);

  /* before the prose, a repeated line is not a caption */
  zd = zone_text("title-twice.txt",
    "Harbour Lights review: two brothers and a lamp\n"
    "Harbour Lights review: two brothers and a lamp\n"
    PROSE1 "\n");
  ck_assert_int_ne(kind_nth(&zd, "Harbour Lights review: two brothers and a lamp", 2), RK_ZONE_CAPTION);
  zoned_free(&zd);
}
END_TEST

START_TEST(front_matter_lines)
{
  Zoned zd = zone_text("scraped.txt",
    "---\n"
    "title: Harbour Lights\n"
    "author: Philippa Lorne\n"
    "---\n"
    "Harbour Lights\n"
    PROSE1 "\n");

  ck_assert_int_eq(zd.z->lines[0].kind, RK_ZONE_FRONTMATTER);
  ASSERT_ZONE(&zd, "title: Harbour Lights", RK_ZONE_FRONTMATTER);
  ASSERT_ZONE(&zd, "author: Philippa Lorne", RK_ZONE_FRONTMATTER);
  ck_assert_int_eq(zd.z->lines[3].kind, RK_ZONE_FRONTMATTER);
  ASSERT_ZONE(&zd, "Harbour Lights", RK_ZONE_HEADLINE);
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  zoned_free(&zd);
}
END_TEST

START_TEST(html_hints_make_zones)
{
  static const char page[] =
    "<html><head><title>Harbour Lights</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/films'>Films</a></nav>"
    "<h1>Harbour Lights review</h1>"
    "<div class='byline'>Philippa Lorne</div>"
    "<p>" PROSE1 "</p>"
    "<aside class='related'><p>Another review: the keeper's lament</p></aside>"
    "<div id='comments'><p>Morwenna Tregarthen</p><p>Loved it.</p></div>"
    "<footer><p>Tidewater Review, all rights reserved</p></footer>"
    "</body></html>";
  Zoned zd = zone_text("page.html", page);

  ASSERT_ZONE(&zd, "Harbour Lights review", RK_ZONE_HEADLINE);
  ASSERT_ZONE(&zd, "Philippa Lorne", RK_ZONE_BYLINE);
  ASSERT_ZONE(&zd, PROSE1, RK_ZONE_BODY);
  ASSERT_ZONE(&zd, "Another review: the keeper's lament", RK_ZONE_SIDEBAR);
  ASSERT_ZONE(&zd, "Morwenna Tregarthen", RK_ZONE_COMMENTS);
  ASSERT_ZONE(&zd, "Loved it.", RK_ZONE_COMMENTS);
  ASSERT_ZONE(&zd, "Tidewater Review, all rights reserved", RK_ZONE_FURNITURE);
  zoned_free(&zd);
}
END_TEST

START_TEST(zone_names)
{
  for (int k = RK_ZONE_HEADLINE; k <= RK_ZONE_BLANK; k++) {
    const char *n = rk_zone_name((RkZoneKind)k);
    ck_assert_ptr_nonnull(n);
    ck_assert_str_ne(n, "?");
  }
  ck_assert_str_eq(rk_zone_name(RK_ZONE_COMMENTS), "comments");
  ck_assert_str_eq(rk_zone_name(RK_ZONE_CREDITS), "credits");
}
END_TEST

START_TEST(alloc_failure)
{
  Zoned    zd = zone_text("nomem.txt", "Harbour Lights\n" PROSE1 "\n");
  RkZones *z  = NULL;
  int      failed = 0;

  /* every allocation of zoning may fail; each failure is RK_ERR_NOMEM
   * and leaves the out-parameter alone */
  for (long n = 1; n < 10; n++) {
    rk_alloc_fail_after(n);
    RkStatus st = rk_zones_build(zd.doc, &z);
    rk_alloc_fail_after(0);
    if (st == RK_OK) {
      rk_zones_free(z);
      z = NULL;
      break;
    }
    ck_assert_int_eq(st, RK_ERR_NOMEM);
    ck_assert_ptr_null(z);
    failed++;
  }
  ck_assert_int_ge(failed, 1);
  zoned_free(&zd);
}
END_TEST

static Suite *
zone_suite(void)
{
  Suite *s  = suite_create("zone");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, headline_byline_credits_body);
  tcase_add_test(tc, lines_cover_the_text);
  tcase_add_test(tc, comments_after_leave_a_reply);
  tcase_add_test(tc, comments_from_a_says_header);
  tcase_add_test(tc, sidebar_after_prose);
  tcase_add_test(tc, furniture_lines);
  tcase_add_test(tc, later_review_by_title_form);
  tcase_add_test(tc, later_review_after_excerpt_or_footer);
  tcase_add_test(tc, single_review_is_not_cut);
  tcase_add_test(tc, repeated_caption_lines);
  tcase_add_test(tc, front_matter_lines);
  tcase_add_test(tc, html_hints_make_zones);
  tcase_add_test(tc, zone_names);
  tcase_add_test(tc, alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(zone_suite)
