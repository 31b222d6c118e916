/* pipeline.h - stages wired for one run: inputs in, events out.
 *
 * Walks the input paths (files, directories recursively, "-"), and runs
 * each document through reader -> zone -> extract -> resolve -> emit into
 * one sink.  A document that fails to read or extract is reported (with
 * its file name) and skipped; an error of the sink (output, store) stops
 * the run.
 *
 * A manifest, when given, is applied to each document as it is read.
 *
 * With jobs > 1, reading, zoning and extraction run in that many worker
 * threads over a bounded window of documents; resolution, emission and
 * every message stay in the calling thread, in input order, so the output
 * and the messages are byte-identical to jobs = 1 and memory stays flat.
 */
#ifndef REVIEWKG_PIPELINE_H
#define REVIEWKG_PIPELINE_H

#include "reviewkg/status.h"
#include "reviewkg/reader.h"
#include "reviewkg/manifest.h"
#include "reviewkg/lexicon.h"
#include "reviewkg/resolve.h"
#include "reviewkg/emit.h"
#include "reviewkg/sink.h"

typedef struct {
  const RkLexicon *lex;       /* borrowed */
  const RkManifest *manifest; /* borrowed; NULL: none.  Fills each listed document's metadata */
  RkResolver      *resolver;  /* borrowed; keys films across the run */
  RkReadLimits     limits;
  RkEmitOpts       emit;
  const RkLog     *log;
  int              progress;  /* report progress on stderr */
  int              jobs;      /* extraction threads; 0 or 1: none, all in the caller */
} RkPipeline;

typedef struct {
  size_t docs_ok;       /* documents emitted */
  size_t docs_failed;   /* documents reported and skipped */
  size_t bytes;         /* bytes of text read */
} RkRunStats;

/** Run every document under @p paths into @p sink.  With @p pl->jobs > 1
 *  the sink is still called from the calling thread only.
 *  @return RK_OK when the run finished (some documents may have failed:
 *  see @p stats), or the sink's error that stopped it. */
RkStatus rk_pipeline_run(const RkPipeline *pl, char *const *paths, size_t n_paths,
                         const RkSink *sink, RkRunStats *stats);

/** One document, already read, through zone/extract/resolve/emit. */
RkStatus rk_pipeline_doc(const RkPipeline *pl, const RkDoc *doc, const RkSink *sink);

/** The number of processors online (at least 1), for a default of jobs. */
int rk_pipeline_cpus(void);

#endif
