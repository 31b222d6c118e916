/* fuzz.h - what the libFuzzer targets in tests/fuzz share.
 *
 * One raptor world (RkRdf) and, for the targets that extract, one
 * lexicon, made once; a log that drops messages; and the property every
 * target checks beyond not crashing: the RDF it emits parses back with
 * raptor's own parser and every IRI in it is a valid absolute IRI.  A
 * failed check prints why and aborts, which libFuzzer reports as a crash.
 */
#ifndef RK_FUZZ_H
#define RK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include "reviewkg/status.h"
#include "reviewkg/reader.h"
#include "reviewkg/review.h"
#include "reviewkg/emit.h"
#include "reviewkg/lexicon.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** Messages of the stages under test: checked for sanity, then dropped. */
extern const RkLog rk_fuzz_log;

/** The process's raptor world, made at the first call. */
RkRdf *rk_fuzz_rdf(void);
/** The lexicon (the configured word lists), loaded at the first call. */
const RkLexicon *rk_fuzz_lexicon(void);

/** Abort with a message when @p cond is false. */
#define RK_FUZZ_ASSERT(cond, ...) \
  do { if (!(cond)) rk_fuzz_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)
void rk_fuzz_fail(const char *file, int line, const char *fmt, ...)
  __attribute__((noreturn, format(printf, 3, 4)));

/** Is @p s (@p n bytes) an absolute IRI by RFC 3987's character rules:
 *  scheme ":", then only iunreserved, reserved, %HH, ucschar or iprivate
 *  characters, valid UTF-8, at most one '#'?  Returns NULL when valid,
 *  else what is wrong (static). */
const char *rk_fuzz_iri_problem(const char *s, size_t n);

/** Check the invariants of a document the reader returned. */
void rk_fuzz_check_doc(const RkDoc *doc);

/** Emit @p r (resolved) as @p syntax (N-Triples or N-Quads) through an
 *  RkWriter into memory, parse it back with raptor and check every term.
 *  Each of the @p n_expect strings of @p expect must come back as the
 *  exact value of some literal (round trip).  Returns the number of
 *  statements parsed. */
size_t rk_fuzz_emit_check(const RkReview *r, int provenance, RkSyntax syntax,
                          const char *const *expect, size_t n_expect);

#endif
