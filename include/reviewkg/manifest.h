/* manifest.h - the metadata sidecar: what the crawler already knows.
 *
 * A manifest lists documents by path with their url, publication, critic
 * and date, as TSV (a header row names the columns) or JSON Lines.  It is
 * checked whole when it is loaded; once loaded it is immutable, so worker
 * threads may share one.  Applying it fills a document's RkDocMeta.
 */
#ifndef REVIEWKG_MANIFEST_H
#define REVIEWKG_MANIFEST_H

#include <stddef.h>
#include "reviewkg/status.h"
#include "reviewkg/reader.h"

/** Longest manifest line accepted, in bytes (without the line end). */
#define RK_MANIFEST_MAX_LINE 65536

typedef struct RkManifest RkManifest;

/** Read and check the manifest at @p path.  JSON Lines when the name ends
 *  in .jsonl or .ndjson or the first non-blank byte is '{', else TSV.
 *  Every problem is logged as "FILE:LINE" with what is wrong; any problem
 *  fails the whole manifest (nothing is half-applied).
 *  @param lim  lim->max_bytes caps the file's size; NULL: the defaults.
 *  @return RK_OK and a new manifest in @p out (rk_manifest_free it);
 *          RK_ERR_IO when it cannot be read; RK_ERR_INPUT when it is over
 *          a limit (file size, RK_MANIFEST_MAX_LINE); RK_ERR_PARSE for bad
 *          syntax or values; RK_ERR_NOMEM. */
RkStatus rk_manifest_load(const char *path, const RkReadLimits *lim, const RkLog *log,
                          RkManifest **out);

/** The same from @p n bytes in memory; @p name stands for the file in
 *  messages, and relative entry paths are taken from its directory. */
RkStatus rk_manifest_from_memory(const char *name, const char *bytes, size_t n,
                                 const RkReadLimits *lim, const RkLog *log, RkManifest **out);

/** Number of documents the manifest lists. */
size_t rk_manifest_count(const RkManifest *m);

/** Look @p doc up by its path (canonical path first, then the path as
 *  given) and overwrite the fields of doc->meta the entry knows: url,
 *  site_name (publication), author (critic), date; their RK_META_* bits
 *  are set in doc->meta.from_manifest.  Fields the entry leaves empty are
 *  the document's own.  Thread-safe: @p m is only read.
 *  @return RK_OK when applied; RK_NO_MATCH when @p doc is not listed (it
 *          is unchanged); RK_ERR_NOMEM (it is unchanged). */
RkStatus rk_manifest_apply(const RkManifest *m, RkDoc *doc);

/** Free a manifest; NULL is fine. */
void rk_manifest_free(RkManifest *m);

#endif
