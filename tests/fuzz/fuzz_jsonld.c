/* fuzz_jsonld.c - libFuzzer target: the page metadata path.  The input
 * becomes the body of a <script type="application/ld+json"> in an HTML
 * page with a short review, which is read, zoned, extracted (structured.c
 * reads the JSON-LD with json-c), resolved and emitted as N-Quads with
 * provenance, parsed back by raptor. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "reviewkg/zone.h"
#include "reviewkg/extract.h"
#include "reviewkg/resolve.h"
#include "fuzz.h"

static const char head[] =
  "<!DOCTYPE html><html><head><title>Review: The Glass Orchard | Northlight Weekly</title>\n"
  "<meta property=\"og:site_name\" content=\"Northlight Weekly\">\n"
  "<script type=\"application/ld+json\">\n";
static const char tail[] =
  "\n</script></head><body><h1>The Glass Orchard</h1><p>By Odile Marchetti</p>\n"
  "<p>Teodor Vasquez-Lind's quiet drama follows Anouk (Mireille Okafor) through a winter "
  "in the hills.</p></body></html>\n";

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
  size_t      n = sizeof head - 1 + size + sizeof tail - 1;
  char       *page = malloc(n);
  RkDoc      *doc = NULL;
  RkZones    *zones = NULL;
  RkReview   *review = NULL;
  RkResolver *res = NULL;
  RkStatus    st;

  RK_FUZZ_ASSERT(page != NULL, "no memory");
  memcpy(page, head, sizeof head - 1);
  memcpy(page + sizeof head - 1, data, size);
  memcpy(page + sizeof head - 1 + size, tail, sizeof tail - 1);
  st = rk_doc_from_memory("fuzz.html", page, n, NULL, &rk_fuzz_log, &doc);
  free(page);
  if (st)
    return 0;
  rk_fuzz_check_doc(doc);
  st = rk_zones_build(doc, &zones);
  RK_FUZZ_ASSERT(st == RK_OK, "rk_zones_build: %s", rk_strerror(st));
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
