/* reader.h - stage 1: bytes on disk to one UTF-8 review document.
 *
 * Plain text and HTML (libxml2, no network).  Encodings are detected and
 * converted to UTF-8; binary content, NUL bytes and inputs over the limits
 * are refused with RK_ERR_INPUT and a message naming the file.  HTML is
 * rendered to text, one block element a line, and the structure the page
 * itself declares (nav, aside, footer, comment sections, headings, byline
 * classes) is kept as hints for the zoner.
 */
#ifndef REVIEWKG_READER_H
#define REVIEWKG_READER_H

#include <stddef.h>
#include "reviewkg/status.h"
#include "reviewkg/util.h"

typedef enum { RK_FORMAT_TEXT, RK_FORMAT_HTML } RkFormat;

/** What the page's markup says a stretch of text is. */
typedef enum {
  RK_HINT_NAV,       /* <nav>, role=navigation, menu classes */
  RK_HINT_ASIDE,     /* <aside>, sidebars, related/popular/recommended lists */
  RK_HINT_FOOTER,    /* <footer> */
  RK_HINT_COMMENTS,  /* comment sections (id/class "comment") */
  RK_HINT_HEADING,   /* <h1>..<h3>, the page's headline candidates */
  RK_HINT_BYLINE,    /* elements classed author/byline, rel=author */
  RK_HINT_CAPTION    /* <figcaption>, caption classes */
} RkHintKind;

typedef struct {
  RkHintKind kind;
  size_t     start, end;  /* byte offsets into RkDoc.text */
} RkHint;

typedef struct {
  size_t max_bytes;   /* refuse larger files (default 64 MiB) */
  size_t max_line;    /* refuse text with a longer line (default 1 MiB) */
  int    max_depth;   /* refuse HTML nested deeper (default 256) */
} RkReadLimits;

/** Bits of RkDocMeta.from_manifest: the fields a manifest set. */
enum {
  RK_META_URL       = 1u << 0,
  RK_META_AUTHOR    = 1u << 1,
  RK_META_SITE_NAME = 1u << 2,
  RK_META_DATE      = 1u << 3
};

/** Metadata a page or its sidecar states outside the prose. */
typedef struct {
  char     *url;          /* canonical / og:url / manifest url, or NULL */
  char     *title;        /* <title> or front matter title */
  char     *author;       /* <meta name=author>, article:author, manifest critic */
  char     *site_name;    /* og:site_name, application-name, manifest publication */
  char     *date;         /* article:published_time, front matter, manifest date */
  RkStrList jsonld;       /* raw text of each application/ld+json script */
  unsigned  from_manifest; /* RK_META_* bits: fields the manifest set (it wins) */
} RkDocMeta;

typedef struct {
  char       *path;        /* as given; "-" for standard input */
  RkFormat    format;
  char       *text;        /* UTF-8, LF line ends, NUL-terminated */
  size_t      len;         /* bytes in text */
  char        sha256[65];  /* of the raw input bytes */
  const char *encoding;    /* what the input was decoded from (static) */
  RkDocMeta   meta;
  RkHint     *hints;       /* sorted by start */
  size_t      n_hints;
} RkDoc;

/** Defaults for the limits. */
void rk_read_limits_default(RkReadLimits *lim);

/** Read and decode the file at @p path ("-" reads standard input).  The
 *  format comes from the extension (.html/.htm) or from sniffing.
 *  @return RK_OK and a new document in @p out (rk_doc_free it);
 *          RK_ERR_IO when the file cannot be read; RK_ERR_INPUT when it is
 *          refused (empty, binary, NUL bytes, over a limit); RK_ERR_NOMEM. */
RkStatus rk_doc_read(const char *path, const RkReadLimits *lim, const RkLog *log, RkDoc **out);

/** The same from memory; @p name is used in messages and as the path. */
RkStatus rk_doc_from_memory(const char *name, const char *bytes, size_t n,
                            const RkReadLimits *lim, const RkLog *log, RkDoc **out);

/** Free a document; NULL is fine. */
void rk_doc_free(RkDoc *doc);

#endif
