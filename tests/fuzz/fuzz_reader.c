/* fuzz_reader.c - libFuzzer target: stage 1, bytes to an RkDoc.
 * The same bytes are read as a .txt file, as an .html page and sniffed
 * (name "-") with small limits, so refusals are exercised too; every
 * document that comes back must keep the reader's invariants (UTF-8, no
 * control characters, hints inside the text). */
#include "config.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  return 0;
}

static void
read_as(const char *name, const uint8_t *data, size_t size, const RkReadLimits *lim)
{
  RkDoc   *doc = NULL;
  RkStatus st = rk_doc_from_memory(name, (const char *)data, size, lim, &rk_fuzz_log, &doc);

  RK_FUZZ_ASSERT(st == RK_OK || st == RK_ERR_INPUT || st == RK_ERR_PARSE,
                 "%s: unexpected status %s", name, rk_strerror(st));
  RK_FUZZ_ASSERT((st == RK_OK) == (doc != NULL), "%s: status and document disagree", name);
  if (doc)
    rk_fuzz_check_doc(doc);
  rk_doc_free(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  RkReadLimits tight = { 1 << 16, 512, 12 };

  read_as("fuzz.txt", data, size, NULL);
  read_as("fuzz.html", data, size, NULL);
  read_as("-", data, size, &tight);
  return 0;
}
