/* fuzz_extract.c - libFuzzer target: one document through every stage
 * but the store: read, zone, extract, resolve, emit (with provenance) as
 * N-Quads, parsed back by raptor.  The first byte picks the name (.txt or
 * .html); the lexicon is the installed word lists, loaded once. */
#include "config.h"
#include "reviewkg/zone.h"
#include "reviewkg/extract.h"
#include "reviewkg/resolve.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  rk_fuzz_lexicon();
  rk_fuzz_rdf();
  return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  RkDoc      *doc = NULL;
  RkZones    *zones = NULL;
  RkReview   *review = NULL;
  RkResolver *res = NULL;
  RkStatus    st;
  const char *name;

  if (size < 1)
    return 0;
  name = data[0] & 1 ? "fuzz.html" : "fuzz.txt";
  st = rk_doc_from_memory(name, (const char *)data + 1, size - 1, NULL, &rk_fuzz_log, &doc);
  if (st)
    return 0;
  rk_fuzz_check_doc(doc);
  st = rk_zones_build(doc, &zones);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_zones_build: %s", rk_strerror(st));
  for (size_t i = 0; i < zones->n; i++)
    RK_FUZZ_ASSERT(zones->lines[i].start <= zones->lines[i].end && zones->lines[i].end <= doc->len,
                   "zone line %zu outside the text", i);
  st = rk_extract(rk_fuzz_lexicon(), doc, zones, &rk_fuzz_log, &review);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_extract: %s", rk_strerror(st));
  RK_FUZZ_ASSERT(rk_resolver_new(&res) == RK_OK, "rk_resolver_new");
  st = rk_resolve(res, review);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_resolve: %s", rk_strerror(st));
  rk_fuzz_emit_check(review, 1, RK_SYNTAX_NQUADS, NULL, 0);
  rk_resolver_free(res);
  rk_review_free(review);
  rk_zones_free(zones);
  rk_doc_free(doc);
  return 0;
}
