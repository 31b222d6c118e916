/* fuzz_manifest.c - libFuzzer target: the metadata sidecar.  The input is
 * a manifest (TSV, or JSON Lines when it opens with '{') loaded with
 * rk_manifest_from_memory.  When it loads, it is applied to a small fixed
 * review whose path it may list; the review is zoned, extracted, resolved
 * and emitted as N-Quads with provenance, parsed back by raptor, and the
 * manifest's critic and publication must come back as literals. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "reviewkg/manifest.h"
#include "reviewkg/zone.h"
#include "reviewkg/extract.h"
#include "reviewkg/resolve.h"
#include "fuzz.h"

static const char page[] =
  "The Glass Orchard\n\nBy Odile Marchetti, Northlight Weekly\n\n"
  "Teodor Vasquez-Lind's quiet drama follows Anouk (Mireille Okafor) through a winter in the hills.\n";

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
  RkManifest *m = NULL;
  RkDoc      *doc = NULL;
  RkZones    *zones = NULL;
  RkReview   *review = NULL;
  RkResolver *res = NULL;
  RkStatus    st;
  const char *expect[2];
  size_t      n_expect = 0;
  char        id[17];

  st = rk_manifest_from_memory("fuzz.tsv", (const char *)data, size, NULL, &rk_fuzz_log, &m);
  RK_FUZZ_ASSERT(st == RK_OK || st == RK_ERR_PARSE || st == RK_ERR_INPUT, "rk_manifest_from_memory: %s",
                 rk_strerror(st));
  RK_FUZZ_ASSERT((st == RK_OK) == (m != NULL), "status and manifest disagree");
  if (st)
    return 0;
  st = rk_doc_from_memory("review.txt", page, sizeof page - 1, NULL, &rk_fuzz_log, &doc);
  RK_FUZZ_ASSERT(st == RK_OK, "the fixed review: %s", rk_strerror(st));
  st = rk_manifest_apply(m, doc);
  RK_FUZZ_ASSERT(st == RK_OK || st == RK_NO_MATCH, "rk_manifest_apply: %s", rk_strerror(st));
  RK_FUZZ_ASSERT(st == RK_OK || doc->meta.from_manifest == 0, "not listed, yet flagged");
  rk_fuzz_check_doc(doc);
  if (doc->meta.from_manifest & RK_META_AUTHOR)
    expect[n_expect++] = doc->meta.author;
  if (doc->meta.from_manifest & RK_META_SITE_NAME)
    expect[n_expect++] = doc->meta.site_name;

  st = rk_zones_build(doc, &zones);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_zones_build: %s", rk_strerror(st));
  st = rk_extract(rk_fuzz_lexicon(), doc, zones, &rk_fuzz_log, &review);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_extract: %s", rk_strerror(st));
  RK_FUZZ_ASSERT(rk_resolver_new(&res) == RK_OK, "rk_resolver_new");
  st = rk_resolve(res, review);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_resolve: %s", rk_strerror(st));
  /* the manifest's url, and nothing else, names the review */
  if (doc->meta.from_manifest & RK_META_URL) {
    rk_review_id(doc->meta.url, NULL, id);
    RK_FUZZ_ASSERT(!strcmp(review->review_id, id), "the review IRI is not the url's");
  }
  if (doc->meta.from_manifest & RK_META_AUTHOR)
    RK_FUZZ_ASSERT(review->critic != RK_NONE && !strcmp(review->critic_ev.rule, "manifest-critic"),
                   "the manifest's critic was not taken");
  rk_fuzz_emit_check(review, 1, RK_SYNTAX_NQUADS, expect, n_expect);
  rk_resolver_free(res);
  rk_review_free(review);
  rk_zones_free(zones);
  rk_doc_free(doc);
  rk_manifest_free(m);
  return 0;
}
