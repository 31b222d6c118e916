/* test_extract.c - unit tests for stage 3 (extract.c and its rule files):
 * small documents written for the purpose go through zoning and
 * extraction, and the facts of the resulting RkReview are checked: title,
 * director, cast, who plays whom, critic, credits values, and the names
 * that must not become facts (reader comments, sidebars). */
#include "reviewkg/reader.h"
#include "reviewkg/zone.h"
#include "reviewkg/lexicon.h"
#include "reviewkg/extract.h"
#include "reviewkg/review.h"
#include "reviewkg/util.h"
#include "rktest.h"
#include "../../src/extract_impl.h"

static RkLexicon *lex;  /* loaded once, before Check forks the tests */

static void
load_lexicon(void)
{
  RkStatus st = rk_lexicon_load(NULL, &rktest_log, &lex);

  if (st) {
    fprintf(stderr, "test_extract: cannot load the word lists: %s (%s)\n", rk_strerror(st), rktest_last_msg);
    exit(EXIT_FAILURE);
  }
}

static void
free_lexicon(void)
{
  rk_lexicon_free(lex);
  lex = NULL;
}

/* Read, zone and extract @p text as a file called @p name. */
static RkReview *
extract(const char *name, const char *text)
{
  RkDoc    *doc = NULL;
  RkZones  *z   = NULL;
  RkReview *r   = NULL;
  RkStatus  st  = rk_doc_from_memory(name, text, strlen(text), NULL, &rktest_log, &doc);

  ck_assert_msg(st == RK_OK, "%s: %s (%s)", name, rk_strerror(st), rktest_last_msg);
  ck_assert_int_eq(rk_zones_build(doc, &z), RK_OK);
  st = rk_extract(lex, doc, z, &rktest_log, &r);
  ck_assert_msg(st == RK_OK, "%s: %s (%s)", name, rk_strerror(st), rktest_last_msg);
  ck_assert_ptr_nonnull(r);
  rk_zones_free(z);
  rk_doc_free(doc);
  return r;
}

/* The person named @p name (or with that alias), or RK_NONE. */
static size_t
person(const RkReview *r, const char *name)
{
  return rk_review_find_person(r, name);
}

static int
has_role(const RkReview *r, const char *name, unsigned role)
{
  size_t i = person(r, name);

  return i != RK_NONE && (r->people[i].roles & role) == role;
}

static int
plays(const RkReview *r, const char *actor, const char *character)
{
  size_t i = person(r, actor);
  char  *want = rk_fold(character);
  int    found = 0;

  for (size_t k = 0; want && i != RK_NONE && k < r->n_plays && !found; k++) {
    char *got = rk_fold(r->plays[k].character);
    found = r->plays[k].person == i && got && !strcmp(got, want);
    free(got);
  }
  free(want);
  return found;
}

/* Is @p name anywhere among the people, with any role? */
static int
mentioned(const RkReview *r, const char *name)
{
  size_t i = person(r, name);
  return i != RK_NONE && r->people[i].roles != 0;
}

#define ASSERT_ROLE(r, name, role) \
  ck_assert_msg(has_role(r, name, role), "%s lacks role %s", name, #role)
#define ASSERT_PLAYS(r, actor, character) \
  ck_assert_msg(plays(r, actor, character), "%s does not play %s", actor, character)
#define ASSERT_ABSENT(r, name) \
  ck_assert_msg(!mentioned(r, name), "%s should not be a fact of this review", name)

static void
assert_critic(const RkReview *r, const char *name)
{
  char *want, *got;

  ck_assert_msg(r->critic != RK_NONE, "no critic, want %s", name);
  want = rk_fold(name);
  got  = rk_fold(r->people[r->critic].name);
  ck_assert_msg(!strcmp(want, got), "critic is %s, want %s", r->people[r->critic].name, name);
  free(want);
  free(got);
}

static void
assert_title(const RkReview *r, const char *title)
{
  ck_assert_msg(r->titles.n > 0, "no title, want %s", title);
  ck_assert_str_eq(r->titles.items[0], title);
}

#define PARA_A "It is the kind of story that could drown in its own symbolism, and for a while " \
               "it nearly does, but the performances keep the whole thing afloat until the end."
#define PARA_B "The middle hour circles the same arguments more than once, and a subplot about " \
               "a missing ledger goes nowhere at all, which is a shame."

/* ------------------------------------------------------------ tests */

START_TEST(director_from_directed_by)
{
  RkReview *r = extract("directed.txt",
    "Salt Orchard\n"
    "\n"
    "Directed by Corinne Vasquez-Hale\n"
    "Starring Felix Marrowby, Agnes Tolliver, Rupert Quennell\n"
    "\n"
    PARA_A "\n\n" PARA_B "\n");

  assert_title(r, "Salt Orchard");
  ASSERT_ROLE(r, "Corinne Vasquez-Hale", RK_ROLE_DIRECTOR);
  ASSERT_ROLE(r, "Felix Marrowby", RK_ROLE_ACTOR);
  ASSERT_ROLE(r, "Agnes Tolliver", RK_ROLE_ACTOR);
  ASSERT_ROLE(r, "Rupert Quennell", RK_ROLE_ACTOR);
  ck_assert(!has_role(r, "Corinne Vasquez-Hale", RK_ROLE_ACTOR));
  ck_assert_uint_eq(r->critic, RK_NONE);  /* nobody signs this one */
  rk_review_free(r);
}
END_TEST

START_TEST(director_from_prose)
{
  RkReview *r = extract("prose-director.txt",
    "Glass Harbour\n"
    "\n"
    "Glass Harbour, directed by Elsa Drummond-Kaye, is a handsome and frustrating noir set in a "
    "port town where nobody tells the truth twice.\n"
    "\n" PARA_B "\n");

  ASSERT_ROLE(r, "Elsa Drummond-Kaye", RK_ROLE_DIRECTOR);
  rk_review_free(r);
}
END_TEST

START_TEST(plays_from_parentheses)
{
  RkReview *r = extract("parens.txt",
    "The Quiet Engine\n"
    "\n"
    "Kafka Jones (Mira Lundqvist) is a night-shift engineer who has not slept properly in years, "
    "and the film follows her through one very long week.\n"
    "\n"
    "Her brother, Teodor Jones (Hector Pellworth), turns up on the third night with a suitcase "
    "and a story that does not add up.\n"
    "\n" PARA_A "\n");

  ASSERT_PLAYS(r, "Mira Lundqvist", "Kafka Jones");
  ASSERT_PLAYS(r, "Hector Pellworth", "Teodor Jones");
  ASSERT_ROLE(r, "Mira Lundqvist", RK_ROLE_ACTOR);
  /* the characters are not people of the cast */
  ck_assert(!has_role(r, "Kafka Jones", RK_ROLE_ACTOR));
  rk_review_free(r);
}
END_TEST

START_TEST(plays_from_prose_verbs)
{
  RkReview *r = extract("verbs.txt",
    "Salt Orchard\n"
    "\n"
    "Directed by Corinne Vasquez-Hale\n"
    "\n"
    "Felix Marrowby plays Anselm, the eldest son, who has spent his life pretending that the "
    "trees will outlast him.\n"
    "\n"
    "Rupert Quennell as Tobiah, the neighbour who wants to buy the land, could easily have been "
    "a villain in a lesser film.\n"
    "\n" PARA_A "\n");

  ASSERT_PLAYS(r, "Felix Marrowby", "Anselm");
  ASSERT_PLAYS(r, "Rupert Quennell", "Tobiah");
  rk_review_free(r);
}
END_TEST

START_TEST(cast_list_forms)
{
  RkReview *r = extract("cast.txt",
    "The Lantern Keepers (2019)\n"
    "Director: Tamsin Orlov\n"
    "Cast: Bruno Kettleby (Silas Wren), Ingrid Solvay as Maud Wren, Hector Pellworth\n"
    "Running time: 2 hours 9 minutes\n"
    "Country: Norway/Denmark\n"
    "Rating: \xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\n"
    "\n" PARA_A "\n");

  assert_title(r, "The Lantern Keepers");
  ck_assert_int_eq(r->year, 2019);
  ASSERT_ROLE(r, "Tamsin Orlov", RK_ROLE_DIRECTOR);
  ASSERT_PLAYS(r, "Bruno Kettleby", "Silas Wren");
  ASSERT_PLAYS(r, "Ingrid Solvay", "Maud Wren");
  ASSERT_ROLE(r, "Hector Pellworth", RK_ROLE_ACTOR);
  ck_assert_int_eq(r->runtime, 129);
  ck_assert_int_ge(rk_strlist_find(&r->countries, "Norway"), 0);
  ck_assert_int_ge(rk_strlist_find(&r->countries, "Denmark"), 0);
  ck_assert_ptr_nonnull(r->rating.text);
  ck_assert(r->rating.value == 3.0);
  ck_assert(r->rating.best == 5.0);
  rk_review_free(r);
}
END_TEST

START_TEST(critic_from_byline)
{
  RkReview *r = extract("byline.txt",
    "Salt Orchard review: apples and the sea\n"
    "\n"
    "By Wendell Amberly\n"
    "\n" PARA_A "\n\n" PARA_B "\n");

  assert_critic(r, "Wendell Amberly");
  ASSERT_ROLE(r, "Wendell Amberly", RK_ROLE_CRITIC);
  ck_assert(!has_role(r, "Wendell Amberly", RK_ROLE_ACTOR));
  rk_review_free(r);
}
END_TEST

START_TEST(no_critic_when_none_is_stated)
{
  RkReview *r = extract("anonymous.txt",
    "Salt Orchard\n"
    "\n" PARA_A "\n\n" PARA_B "\n");

  ck_assert_uint_eq(r->critic, RK_NONE);
  ck_assert_ptr_null(r->publication);
  for (size_t i = 0; i < r->n_people; i++)
    ck_assert(!(r->people[i].roles & RK_ROLE_CRITIC));
  rk_review_free(r);
}
END_TEST

START_TEST(commenter_is_not_the_critic)
{
  RkReview *r = extract("comments.txt",
    "Ferryman's Daughter\n"
    "\n"
    "Dir. Lydia Brannock\n"
    "\n" PARA_A "\n\n" PARA_B "\n"
    "\n"
    "Leave a Reply\n"
    "Eliza Thornbury says:\n"
    "I saw this at a festival and loved it. Simon Hargreave plays the inspector and he is wasted.\n"
    "Reply\n"
    "Bartholomew Quist says:\n"
    "By far the slowest film of the year.\n");

  ASSERT_ROLE(r, "Lydia Brannock", RK_ROLE_DIRECTOR);
  ck_assert_uint_eq(r->critic, RK_NONE);
  ASSERT_ABSENT(r, "Eliza Thornbury");
  ASSERT_ABSENT(r, "Bartholomew Quist");
  ASSERT_ABSENT(r, "Simon Hargreave");
  rk_review_free(r);
}
END_TEST

START_TEST(commenter_with_a_signed_review)
{
  RkReview *r = extract("signed-comments.txt",
    "Ferryman's Daughter\n"
    "\n"
    "By Dorian Fellgate\n"
    "\n" PARA_A "\n\n" PARA_B "\n"
    "\n"
    "2 Responses\n"
    "Eliza Thornbury says:\n"
    "Loved it.\n");

  assert_critic(r, "Dorian Fellgate");
  ASSERT_ABSENT(r, "Eliza Thornbury");
  rk_review_free(r);
}
END_TEST

START_TEST(sidebar_names_are_not_facts)
{
  RkReview *r = extract("sidebar.txt",
    "Ferryman's Daughter\n"
    "\n"
    "Dir. Lydia Brannock\n"
    "\n" PARA_A "\n\n" PARA_B "\n"
    "\n"
    "More from the Riverbank\n"
    "Ashgrove Hill review: Jonas Whitcombe is magnificent as a failing farmer\n"
    "Interview: Philippa Moorcroft on directing her first western\n");

  ASSERT_ROLE(r, "Lydia Brannock", RK_ROLE_DIRECTOR);
  ASSERT_ABSENT(r, "Jonas Whitcombe");
  ASSERT_ABSENT(r, "Philippa Moorcroft");
  rk_review_free(r);
}
END_TEST

START_TEST(evidence_is_recorded)
{
  RkReview *r = extract("evidence.txt",
    "Salt Orchard\n"
    "Directed by Corinne Vasquez-Hale\n"
    "\n" PARA_A "\n");
  size_t d = person(r, "Corinne Vasquez-Hale");

  ck_assert_uint_ne(d, RK_NONE);
  ck_assert_float_gt(r->people[d].ev.conf, 0.0f);
  ck_assert_float_le(r->people[d].ev.conf, 1.0f);
  ck_assert_ptr_nonnull(r->people[d].ev.rule);
  ck_assert_uint_gt(r->people[d].ev.end, r->people[d].ev.begin);
  /* offsets are code points into the text: the span is the name */
  ck_assert_uint_eq(r->people[d].ev.end - r->people[d].ev.begin, strlen("Corinne Vasquez-Hale"));
  rk_review_free(r);
}
END_TEST

START_TEST(alloc_failure)
{
  static const char text[] =
    "Salt Orchard\n\nBy Wendell Amberly\nDirected by Corinne Vasquez-Hale\n"
    "Cast: Felix Marrowby (Anselm), Agnes Tolliver as Rosalind\n\n" PARA_A "\n";
  RkDoc   *doc = NULL;
  RkZones *z   = NULL;
  int      failed = 0;

  ck_assert_int_eq(rk_doc_from_memory("nomem.txt", text, strlen(text), NULL, &rktest_log, &doc), RK_OK);
  ck_assert_int_eq(rk_zones_build(doc, &z), RK_OK);
  for (long n = 1; n < 5000; n += (n < 50 ? 1 : 37)) {
    RkReview *r = NULL;
    RkStatus  st;
    rk_alloc_fail_after(n);
    st = rk_extract(lex, doc, z, &rktest_log, &r);
    rk_alloc_fail_after(0);
    if (st == RK_OK) {
      rk_review_free(r);
      break;
    }
    ck_assert_msg(st == RK_ERR_NOMEM, "allocation %ld: %s", n, rk_strerror(st));
    ck_assert_ptr_null(r);
    failed++;
  }
  ck_assert_int_ge(failed, 1);
  rk_zones_free(z);
  rk_doc_free(doc);
}
END_TEST

/* The automaton of cues.c finds a group on a line exactly when one of
 * the group's phrases occurs there, ASCII letters folded: checked against
 * a plain search on lines built from pieces of the phrases, in random
 * case, with the pieces cut and joined at every point. */
START_TEST(cues_match_plain_search)
{
  static const char *const fillers[] = { "", " ", "x", "the ", "A", "\xe2\x80", ",", "By", NULL };
  char         text[8192], *lines_text[64];
  RkLine       lines[64];
  RkZones      z = { lines, 0, 0, 0 };
  RkEx         x;
  RkCueSet     g;
  unsigned     seed = 7;
  size_t       len = 0;

  for (int n = 0; n < 64; n++) {
    size_t start = len;
    for (int piece = 0; piece < 6; piece++) {
      const char *ph = rk_cue_phrase((seed = seed * 1103515245 + 12345) % 96, &g);
      if (!ph) ph = fillers[seed % 8];
      size_t k = strlen(ph), cut = (seed >> 8) % (k + 1);
      const char *f = fillers[(seed >> 12) % 8];
      for (size_t i = (seed >> 16) % 2 ? cut : 0; i < k && len < sizeof text - 64; i++)
        text[len++] = (char)(((seed >> (i % 16)) & 1) && ph[i] >= 'a' && ph[i] <= 'z' ? ph[i] - 32 : ph[i]);
      for (; *f && len < sizeof text - 64; f++) text[len++] = *f;
    }
    lines[n] = (RkLine){ RK_ZONE_BODY, start, len };
    lines_text[n] = text + start;
    text[len++] = '\n';
  }
  text[len] = '\0';
  z.n = 64;
  memset(&x, 0, sizeof x);
  x.text = text;
  x.zones = &z;
  ck_assert_int_eq(rk_cues_scan(&x), RK_OK);
  for (int n = 0; n < 64; n++) {
    RkCueSet want = 0;
    size_t   ll = lines[n].end - lines[n].start;
    for (size_t i = 0; rk_cue_phrase(i, &g); i++) {
      const char *ph = rk_cue_phrase(i, &g);
      size_t k = strlen(ph);
      for (size_t p = 0; p + k <= ll; p++)
        if (!strncasecmp(lines_text[n] + p, ph, k)) { want |= g; break; }
    }
    ck_assert_msg(x.line_cues[n] == want, "line %d \"%.*s\": %llx != %llx", n, (int)ll, lines_text[n],
                  (unsigned long long)x.line_cues[n], (unsigned long long)want);
  }
  free(x.line_cues);
}
END_TEST

/* Function words are found whatever their case; other words, prefixes
 * and extensions of them are not. */
START_TEST(function_words_by_hash)
{
  static const char *const yes[] = { "the", "The", "THE", "a", "eventually", "Whilst", "your", "I", NULL };
  static const char *const no[] = { "", "th", "thee", "Jean", "eventuallyy", "yours", "Cotillard",
                                    "abcdefghijklmnopqrstuvwxyz", NULL };

  for (int i = 0; yes[i]; i++)
    ck_assert_msg(rk_is_function_word(yes[i], strlen(yes[i])), "%s", yes[i]);
  for (int i = 0; no[i]; i++)
    ck_assert_msg(!rk_is_function_word(no[i], strlen(no[i])), "%s", no[i]);
  ck_assert(rk_is_function_word("within reach", 6) && !rk_is_function_word("within reach", 5));
}
END_TEST

static Suite *
extract_suite(void)
{
  Suite *s  = suite_create("extract");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 60);
  tcase_add_unchecked_fixture(tc, load_lexicon, free_lexicon);
  tcase_add_test(tc, director_from_directed_by);
  tcase_add_test(tc, director_from_prose);
  tcase_add_test(tc, plays_from_parentheses);
  tcase_add_test(tc, plays_from_prose_verbs);
  tcase_add_test(tc, cast_list_forms);
  tcase_add_test(tc, critic_from_byline);
  tcase_add_test(tc, no_critic_when_none_is_stated);
  tcase_add_test(tc, commenter_is_not_the_critic);
  tcase_add_test(tc, commenter_with_a_signed_review);
  tcase_add_test(tc, sidebar_names_are_not_facts);
  tcase_add_test(tc, evidence_is_recorded);
  tcase_add_test(tc, alloc_failure);
  tcase_add_test(tc, cues_match_plain_search);
  tcase_add_test(tc, function_words_by_hash);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(extract_suite)
