/* test_util.c - unit tests for util.c: name keys and folding, UTF-8
 * decoding and validation, SHA-256, RkBuf, RkStrList, allocation failure;
 * plus rk_strerror for every status and the rule that every _free of the
 * library accepts NULL. */
#include <stdint.h>
#include "reviewkg/util.h"
#include "reviewkg/reader.h"
#include "reviewkg/zone.h"
#include "reviewkg/lexicon.h"
#include "reviewkg/review.h"
#include "reviewkg/resolve.h"
#include "reviewkg/emit.h"
#include "reviewkg/store.h"
#include "rktest.h"

/* rk_key(@p in) must be @p want. */
static void
assert_key(const char *in, const char *want)
{
  char *k = rk_key(in);

  ck_assert_msg(k != NULL, "rk_key(%s) returned NULL", in);
  ck_assert_msg(!strcmp(k, want), "rk_key(%s) = \"%s\", want \"%s\"", in, k, want);
  free(k);
}

static void
assert_fold(const char *in, const char *want)
{
  char *f = rk_fold(in);

  ck_assert_msg(f != NULL, "rk_fold(%s) returned NULL", in);
  ck_assert_msg(!strcmp(f, want), "rk_fold(%s) = \"%s\", want \"%s\"", in, f, want);
  free(f);
}

/* ------------------------------------------------------------ keys */

START_TEST(key_folds_accents)
{
  assert_key("St\xc3\xa9phanie", "stephanie");
  assert_key("C\xc3\xa9line Sallette", "celine-sallette");
  assert_key("T\xc5\x8dko", "toko");
  assert_key("Stra\xc3\x9f" "e", "strasse");          /* sharp s: ss */
  assert_key("\xc5\x81ukasz \xc5\xbb" "ak", "lukasz-zak");  /* L with stroke, z with dot */
  assert_key("\xc3\x86sa", "aesa");
  assert_key("Nguy\xe1\xbb\x85n", "nguyen");            /* Vietnamese stacked accents */
}
END_TEST

START_TEST(key_punctuation_and_case)
{
  assert_key("  Marion   COTILLARD ", "marion-cotillard");
  assert_key("De rouille et d\xe2\x80\x99os", "de-rouille-et-d-os");
  assert_key("Ferryman's Daughter", "ferryman-s-daughter");
  assert_key("--Jean-Pierre--", "jean-pierre");
  assert_key("\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85", "");  /* stars only: nothing left */
  assert_key("", "");
  ck_assert_ptr_null(rk_key(NULL));
  ck_assert_ptr_null(rk_fold(NULL));
}
END_TEST

START_TEST(key_keeps_cjk_percent_encoded)
{
  /* 是枝 裕和: kept, percent-encoded in keys (they go into IRIs) */
  assert_key("\xe6\x98\xaf\xe6\x9e\x9d \xe8\xa3\x95\xe5\x92\x8c",
             "%E6%98%AF%E6%9E%9D-%E8%A3%95%E5%92%8C");
  /* and kept as UTF-8 in the comparison form */
  assert_fold("\xe6\x98\xaf\xe6\x9e\x9d \xe8\xa3\x95\xe5\x92\x8c",
              "\xe6\x98\xaf\xe6\x9e\x9d \xe8\xa3\x95\xe5\x92\x8c");
  /* CJK punctuation separates words */
  assert_key("\xe6\x98\xaf\xe3\x80\x81\xe6\x9e\x9d", "%E6%98%AF-%E6%9E%9D");
}
END_TEST

START_TEST(fold_is_the_scorers_form)
{
  assert_fold("St\xc3\xa9phanie", "stephanie");
  assert_fold("d\xe2\x80\x99os", "d os");
  assert_fold("d'os", "d os");
  assert_fold("  The   Beat-That ", "the beat that");
  assert_fold("Stra\xc3\x9f" "e", "strasse");
}
END_TEST

/* ------------------------------------------------------------ UTF-8 */

/* rk_fold_equal agrees with comparing rk_fold's strings, on every pair of
 * a list that covers its branches (sharp s, ligatures, CJK, bad bytes,
 * separators at either end, empty forms) and on prefixes of them. */
START_TEST(fold_equal_matches_fold)
{
  static const char *const names[] = {
    "", " ", "--", "Céline", "celine", "CELINE", "Céline Sciamma", "celine  sciamma",
    "  Celine-Sciamma. ", "Stra\xc3\x9f" "e", "strasse", "Strasse", "Stra\xe1\xba\x9e" "e",
    "\xc3\x86on", "aeon", "\xc5\x93uvre", "oeuvre", "\xe5\xb1\xb1\xe7\x94\xb0", "\xe5\xb1\xb1 \xe7\x94\xb0",
    "d'os", "d os", "O\xe2\x80\x99" "Brien", "o brien", "bad\xff" "byte", "badbyte", "\xe2\x98\x85\xe2\x98\x85",
    "Jr.", "jr", "a", "A.", "x\xcc\x81y", "x y", "\xc3", "W\xc5\x82odek", "wlodek", NULL
  };

  for (int i = 0; names[i]; i++)
    for (int j = 0; names[j]; j++)
      for (size_t cut = 0; cut <= strlen(names[i]); cut++) {
        char *a = strndup(names[i], cut), *fa = rk_fold(a), *fb = rk_fold(names[j]);
        int   want = *fa && !strcmp(fa, fb);
        ck_assert_msg(rk_fold_equal(names[i], cut, names[j], strlen(names[j])) == want,
                      "rk_fold_equal(\"%s\", \"%s\") != %d", a, names[j], want);
        ck_assert_int_eq(rk_fold_equal(names[j], strlen(names[j]), names[i], cut), want);
        free(a);
        free(fa);
        free(fb);
      }
}
END_TEST

/* rk_ascii_lower lowers exactly the bytes 'A'..'Z', whatever the
 * alignment and length: every byte value at every offset of a word. */
START_TEST(ascii_lower_is_bytewise)
{
  char buf[300], want[300];

  for (size_t off = 0; off < 8; off++)
    for (size_t n = 0; n + off <= 256 + 8 && n + off < sizeof buf; n += 37) {
      for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i * 7 + off);
      memcpy(want, buf, sizeof buf);
      for (size_t i = off; i < off + n; i++)
        if (want[i] >= 'A' && want[i] <= 'Z')
          want[i] = (char)(want[i] + 32);
      rk_ascii_lower(buf + off, n);
      ck_assert_mem_eq(buf, want, sizeof buf);
    }
}
END_TEST

/* rk_buf_printf formats in place when the result fits and grows the
 * buffer when it does not, keeping what was there. */
START_TEST(buf_printf_fits_and_grows)
{
  RkBuf b;
  char  big[1000];

  rk_buf_init(&b);
  ck_assert_int_eq(rk_buf_printf(&b, "%s-%d", "ab", 7), RK_OK);
  ck_assert_str_eq(b.data, "ab-7");
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  ck_assert_int_eq(rk_buf_printf(&b, "[%s]", big), RK_OK);
  ck_assert_uint_eq(b.len, 4 + 2 + sizeof big - 1);
  ck_assert(!strncmp(b.data, "ab-7[xxx", 8) && b.data[b.len - 1] == ']' && b.data[b.len] == '\0');
  ck_assert_int_eq(rk_buf_printf(&b, "%c", 'z'), RK_OK);
  ck_assert_int_eq(b.data[b.len - 1], 'z');
  rk_buf_clear(&b);
}
END_TEST

/* Arena allocations stay put and apart while more are made, a request
 * larger than a block gets one of its own, and clear empties the arena. */
START_TEST(arena_keeps_allocations)
{
  RkArena a = { NULL };
  char   *p[3000], *big;

  for (int i = 0; i < 3000; i++) {
    ck_assert_ptr_nonnull(p[i] = rk_arena_alloc(&a, 40));
    memset(p[i], 'a' + i % 26, 40);
  }
  ck_assert_ptr_nonnull(big = rk_arena_alloc(&a, 200000));
  memset(big, 'z', 200000);
  for (int i = 0; i < 3000; i++)
    for (int k = 0; k < 40; k++)
      ck_assert_int_eq(p[i][k], 'a' + i % 26);
  rk_arena_clear(&a);
  ck_assert_ptr_null(a.blocks);
}
END_TEST

START_TEST(utf8_decode_valid)
{
  uint32_t cp = 0;

  ck_assert_uint_eq(rk_utf8_decode("A", 1, &cp), 1);
  ck_assert_uint_eq(cp, 'A');
  ck_assert_uint_eq(rk_utf8_decode("\xc3\xa9", 2, &cp), 2);
  ck_assert_uint_eq(cp, 0xE9);
  ck_assert_uint_eq(rk_utf8_decode("\xe2\x82\xac", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0x20AC);
  ck_assert_uint_eq(rk_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x1F600);
  ck_assert_uint_eq(rk_utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x10FFFF);
}
END_TEST

START_TEST(utf8_decode_invalid)
{
  uint32_t cp = 12345;

  ck_assert_uint_eq(rk_utf8_decode("", 0, &cp), 0);
  ck_assert_uint_eq(rk_utf8_decode("\x80", 1, &cp), 0);              /* lone continuation */
  ck_assert_uint_eq(rk_utf8_decode("\xc0\xaf", 2, &cp), 0);          /* overlong '/' */
  ck_assert_uint_eq(rk_utf8_decode("\xc1\xbf", 2, &cp), 0);          /* overlong */
  ck_assert_uint_eq(rk_utf8_decode("\xe0\x80\xaf", 3, &cp), 0);      /* overlong, 3 bytes */
  ck_assert_uint_eq(rk_utf8_decode("\xf0\x80\x80\xaf", 4, &cp), 0);  /* overlong, 4 bytes */
  ck_assert_uint_eq(rk_utf8_decode("\xed\xa0\x80", 3, &cp), 0);      /* surrogate D800 */
  ck_assert_uint_eq(rk_utf8_decode("\xed\xbf\xbf", 3, &cp), 0);      /* surrogate DFFF */
  ck_assert_uint_eq(rk_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);  /* past U+10FFFF */
  ck_assert_uint_eq(rk_utf8_decode("\xf5\x80\x80\x80", 4, &cp), 0);
  ck_assert_uint_eq(rk_utf8_decode("\xff", 1, &cp), 0);
  ck_assert_uint_eq(rk_utf8_decode("\xe2\x82\xac", 2, &cp), 0);      /* truncated */
  ck_assert_uint_eq(rk_utf8_decode("\xe2\x28\xa1", 3, &cp), 0);      /* bad continuation */
  ck_assert_uint_eq(cp, 12345);                                       /* untouched */
}
END_TEST

START_TEST(utf8_validate_and_count)
{
  const char ok[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";

  ck_assert_uint_eq(rk_utf8_validate(ok, strlen(ok)), strlen(ok));
  ck_assert_uint_eq(rk_utf8_count(ok, strlen(ok)), 4);
  ck_assert_uint_eq(rk_utf8_validate("ab\xff" "cd", 5), 2);
  ck_assert_uint_eq(rk_utf8_validate("ab\xc0\xaf", 4), 2);
  ck_assert_uint_eq(rk_utf8_validate("x\xed\xa0\x80", 4), 1);
  ck_assert_uint_eq(rk_utf8_validate("abc\xe2\x82", 5), 3);
  ck_assert_uint_eq(rk_utf8_validate("", 0), 0);
}
END_TEST

START_TEST(utf8_encode_round_trip)
{
  static const uint32_t cps[] = { 0x24, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC, 0xFFFD,
                                  0x10000, 0x1F600, 0x10FFFF };
  char     buf[4];
  uint32_t back;

  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    size_t n = rk_utf8_encode(cps[i], buf);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_le(n, 4);
    ck_assert_uint_eq(rk_utf8_decode(buf, n, &back), n);
    ck_assert_uint_eq(back, cps[i]);
  }
}
END_TEST

START_TEST(unaccent_table)
{
  ck_assert_uint_eq(rk_unaccent(0xE9), 'e');    /* é */
  ck_assert_uint_eq(rk_unaccent(0xC7), 'C');    /* Ç */
  ck_assert_uint_eq(rk_unaccent(0x14D), 'o');   /* ō */
  ck_assert_uint_eq(rk_unaccent(0x141), 'L');   /* Ł */
  ck_assert_uint_eq(rk_unaccent(0xDF), 's');    /* ß: first of "ss" */
  ck_assert_uint_eq(rk_unaccent(0xD7), 0);      /* × is no letter */
  ck_assert_uint_eq(rk_unaccent('a'), 0);
  ck_assert_uint_eq(rk_unaccent(0x4E00), 0);
}
END_TEST

/* ------------------------------------------------------------ hashing */

START_TEST(sha256_known_digests)
{
  char hex[65];

  rk_sha256_hex("", 0, hex);
  ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  rk_sha256_hex("abc", 3, hex);
  ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  /* 56 bytes: the padding needs a second block */
  rk_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
  ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(sha256_long_input)
{
  char *a = malloc(1000000);
  char  hex[65];

  ck_assert_ptr_nonnull(a);
  memset(a, 'a', 1000000);
  rk_sha256_hex(a, 1000000, hex);
  ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(a);
}
END_TEST

/* Only what the hash tables rely on: stable, length-bounded, order-sensitive.
 * (The offset basis in util.c is 1469598103934665603, not FNV-1a's
 * 14695981039346656037; harmless for tables, but not the FNV-1a that
 * util.h names, so the exact FNV values are not asserted here.) */
START_TEST(hash64_properties)
{
  ck_assert_uint_eq(rk_hash64("abc", 3), rk_hash64("abcdef", 3));
  ck_assert_uint_eq(rk_hash64("abc", 3), rk_hash64("abc", 3));
  ck_assert_uint_ne(rk_hash64("ab", 2), rk_hash64("ba", 2));
  ck_assert_uint_ne(rk_hash64("", 0), rk_hash64("a", 1));
}
END_TEST

/* ------------------------------------------------------------ RkBuf, RkStrList */

START_TEST(buf_basics)
{
  RkBuf b;
  char *s;

  rk_buf_init(&b);
  ck_assert_ptr_null(b.data);
  ck_assert_int_eq(rk_buf_puts(&b, "Rust"), RK_OK);
  ck_assert_int_eq(rk_buf_putc(&b, ' '), RK_OK);
  ck_assert_int_eq(rk_buf_append(&b, "and Bonexyz", 8), RK_OK);
  ck_assert_str_eq(b.data, "Rust and Bone");
  ck_assert_uint_eq(b.len, 13);
  ck_assert_int_eq(rk_buf_printf(&b, " (%d) %s", 2012, "x"), RK_OK);
  ck_assert_str_eq(b.data, "Rust and Bone (2012) x");
  rk_buf_reset(&b);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_str_eq(b.data, "");
  /* growth well past the first allocation */
  for (int i = 0; i < 1000; i++)
    ck_assert_int_eq(rk_buf_printf(&b, "%04d", i), RK_OK);
  ck_assert_uint_eq(b.len, 4000);
  ck_assert_uint_eq(strlen(b.data), 4000);
  ck_assert(!strncmp(b.data + 3996, "0999", 4));
  s = rk_buf_steal(&b);
  ck_assert_ptr_null(b.data);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_uint_eq(strlen(s), 4000);
  free(s);
  /* stealing an empty buffer gives "" to free, not NULL */
  s = rk_buf_steal(&b);
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(s, "");
  free(s);
  rk_buf_clear(&b);
  rk_buf_clear(&b);  /* twice is fine */
}
END_TEST

START_TEST(strlist_basics)
{
  RkStrList l;
  char      word[] = "Ali";

  rk_strlist_init(&l);
  ck_assert_int_eq(rk_strlist_find(&l, "Ali"), -1);
  ck_assert_int_eq(rk_strlist_add(&l, word), RK_OK);
  word[0] = 'X';  /* the list keeps its own copy */
  ck_assert_int_eq(rk_strlist_add(&l, "Steph"), RK_OK);
  ck_assert_int_eq(rk_strlist_add_unique(&l, "Ali"), RK_OK);
  ck_assert_uint_eq(l.n, 2);
  ck_assert_int_eq(rk_strlist_add(&l, "Ali"), RK_OK);  /* add does not dedupe */
  ck_assert_uint_eq(l.n, 3);
  ck_assert_int_eq(rk_strlist_find(&l, "Ali"), 0);
  ck_assert_int_eq(rk_strlist_find(&l, "Steph"), 1);
  ck_assert_int_eq(rk_strlist_find(&l, "ali"), -1);  /* exact, not folded */
  for (int i = 0; i < 100; i++) {
    char s[16];
    snprintf(s, sizeof s, "n%d", i);
    ck_assert_int_eq(rk_strlist_add_unique(&l, s), RK_OK);
    ck_assert_int_eq(rk_strlist_add_unique(&l, s), RK_OK);
  }
  ck_assert_uint_eq(l.n, 103);
  ck_assert_str_eq(l.items[102], "n99");
  rk_strlist_clear(&l);
  ck_assert_uint_eq(l.n, 0);
  ck_assert_ptr_null(l.items);
  rk_strlist_clear(&l);
}
END_TEST

START_TEST(strdup_family)
{
  char *s = rk_strndup("Marion Cotillard", 6);

  ck_assert_str_eq(s, "Marion");
  free(s);
  s = rk_strdup("");
  ck_assert_str_eq(s, "");
  free(s);
  ck_assert_ptr_null(rk_strdup(NULL));
  ck_assert_ptr_null(rk_strndup(NULL, 3));
}
END_TEST

/* ------------------------------------------------------------ allocation failure */

START_TEST(alloc_failure_is_nomem)
{
  RkBuf     b;
  RkStrList l;

  rk_buf_init(&b);
  rk_alloc_fail_after(1);
  ck_assert_int_eq(rk_buf_puts(&b, "x"), RK_ERR_NOMEM);
  ck_assert_ptr_null(b.data);
  ck_assert_int_eq(rk_buf_puts(&b, "x"), RK_OK);  /* the hook fires once */

  rk_alloc_fail_after(1);
  ck_assert_int_eq(rk_buf_printf(&b, "%0200d", 7), RK_ERR_NOMEM);
  ck_assert_str_eq(b.data, "x");  /* contents survive a failed growth */
  rk_buf_clear(&b);

  rk_strlist_init(&l);
  rk_alloc_fail_after(1);  /* the item array */
  ck_assert_int_eq(rk_strlist_add(&l, "a"), RK_ERR_NOMEM);
  rk_alloc_fail_after(2);  /* the copy of the string */
  ck_assert_int_eq(rk_strlist_add(&l, "a"), RK_ERR_NOMEM);
  ck_assert_uint_eq(l.n, 0);
  rk_strlist_clear(&l);

  rk_alloc_fail_after(1);
  ck_assert_ptr_null(rk_strdup("abc"));
  for (long n = 1; n <= 3; n++) {  /* every allocation of rk_key may fail */
    rk_alloc_fail_after(n);
    char *k = rk_key("C\xc3\xa9line Sallette has a long enough name to grow the buffer twice over");
    if (k)
      free(k);
  }
  rk_alloc_fail_after(1);
  ck_assert_ptr_null(rk_key("C\xc3\xa9line"));
  rk_alloc_fail_after(1);
  ck_assert_ptr_null(rk_fold("C\xc3\xa9line"));
  rk_alloc_fail_after(0);
  {
    char *k = rk_key("C\xc3\xa9line");
    ck_assert_str_eq(k, "celine");
    free(k);
  }
}
END_TEST

/* ------------------------------------------------------------ library-wide */

START_TEST(strerror_every_status)
{
  for (int st = RK_OK; st <= RK_ERR_INTERNAL; st++) {
    const char *s = rk_strerror((RkStatus)st);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_gt(strlen(s), 0);
  }
  ck_assert_ptr_nonnull(rk_strerror((RkStatus)9999));
  ck_assert_str_ne(rk_strerror(RK_ERR_NOMEM), rk_strerror(RK_ERR_IO));
}
END_TEST

START_TEST(every_free_accepts_null)
{
  RkBuf     b;
  RkStrList l;

  rk_doc_free(NULL);
  rk_zones_free(NULL);
  rk_lexicon_free(NULL);
  rk_review_free(NULL);
  rk_resolver_free(NULL);
  rk_rdf_free(NULL);
  rk_writer_free(NULL);
  ck_assert_int_eq(rk_store_close(NULL), RK_OK);
  rk_buf_init(&b);
  rk_buf_clear(&b);
  rk_strlist_init(&l);
  rk_strlist_clear(&l);
  rk_log(NULL, RK_LOG_ERROR, "nowhere", "a NULL log drops %s", "this");
}
END_TEST

static Suite *
util_suite(void)
{
  Suite *s  = suite_create("util");
  TCase *tc = tcase_create("core");

  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, key_folds_accents);
  tcase_add_test(tc, key_punctuation_and_case);
  tcase_add_test(tc, key_keeps_cjk_percent_encoded);
  tcase_add_test(tc, fold_is_the_scorers_form);
  tcase_add_test(tc, fold_equal_matches_fold);
  tcase_add_test(tc, ascii_lower_is_bytewise);
  tcase_add_test(tc, arena_keeps_allocations);
  tcase_add_test(tc, buf_printf_fits_and_grows);
  tcase_add_test(tc, utf8_decode_valid);
  tcase_add_test(tc, utf8_decode_invalid);
  tcase_add_test(tc, utf8_validate_and_count);
  tcase_add_test(tc, utf8_encode_round_trip);
  tcase_add_test(tc, unaccent_table);
  tcase_add_test(tc, sha256_known_digests);
  tcase_add_test(tc, sha256_long_input);
  tcase_add_test(tc, hash64_properties);
  tcase_add_test(tc, buf_basics);
  tcase_add_test(tc, strlist_basics);
  tcase_add_test(tc, strdup_family);
  tcase_add_test(tc, alloc_failure_is_nomem);
  tcase_add_test(tc, strerror_every_status);
  tcase_add_test(tc, every_free_accepts_null);
  suite_add_tcase(s, tc);
  return s;
}

RKTEST_MAIN(util_suite)
