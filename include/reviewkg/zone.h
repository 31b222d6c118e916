/* zone.h - stage 2: split a document into lines and say what each is.
 *
 * A zone tells extraction how far to trust a line: the headline names the
 * film, the byline the critic, credits are lists of people by role, and
 * furniture, sidebars and reader comments must not yield facts about the
 * reviewed film.  Zoning goes by the shape of the text (and the reader's
 * markup hints), never by site.
 */
#ifndef REVIEWKG_ZONE_H
#define REVIEWKG_ZONE_H

#include <stddef.h>
#include "reviewkg/status.h"
#include "reviewkg/reader.h"

typedef enum {
  RK_ZONE_HEADLINE,     /* page or article title */
  RK_ZONE_BYLINE,       /* "By X", "Words: X", dates next to them */
  RK_ZONE_CREDITS,      /* labelled or list-shaped credits */
  RK_ZONE_BODY,         /* the review's prose */
  RK_ZONE_FRONTMATTER,  /* YAML front matter of a scraped file */
  RK_ZONE_CAPTION,      /* image captions and file names */
  RK_ZONE_FURNITURE,    /* navigation, prompts, share/sign-up lines */
  RK_ZONE_SIDEBAR,      /* "More from", "Popular on", related teasers */
  RK_ZONE_COMMENTS,     /* reader comments: never the critic */
  RK_ZONE_QUOTE,        /* blurbs quoted from other outlets */
  RK_ZONE_BLANK
} RkZoneKind;

typedef struct {
  RkZoneKind kind;
  size_t     start, end;  /* bytes of RkDoc.text, end excludes the '\n' */
} RkLine;

typedef struct {
  RkLine *lines;   /* in document order */
  size_t  n;
  int     body_first, body_last;  /* first and last body line, -1 if none */
} RkZones;

/** Zone @p doc.  @return RK_OK and new zones in @p out (rk_zones_free). */
RkStatus rk_zones_build(const RkDoc *doc, RkZones **out);
void rk_zones_free(RkZones *z);
/** The first line after line @p i that is not blank, or z->n. */
size_t rk_zones_next_filled(const RkZones *z, size_t i);
/** Name of a zone kind, for debugging output ("body", "credits" ...). */
const char *rk_zone_name(RkZoneKind k);

#endif
