/* zone.c - stage 2: say what each line of a document is.
 *
 * Reads the text of an RkDoc line by line and labels each line by its
 * shape (and by the reader's markup hints for HTML): headline, byline,
 * credits, body prose, captions, and the page furniture, sidebars and
 * reader comments that must not yield facts about the reviewed film.
 * Owns only the RkZones array it returns.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "reviewkg/zone.h"
#include "reviewkg/util.h"

const char *
rk_zone_name(RkZoneKind k)
{
  switch (k) {
  case RK_ZONE_HEADLINE:    return "headline";
  case RK_ZONE_BYLINE:      return "byline";
  case RK_ZONE_CREDITS:     return "credits";
  case RK_ZONE_BODY:        return "body";
  case RK_ZONE_FRONTMATTER: return "frontmatter";
  case RK_ZONE_CAPTION:     return "caption";
  case RK_ZONE_FURNITURE:   return "furniture";
  case RK_ZONE_SIDEBAR:     return "sidebar";
  case RK_ZONE_COMMENTS:    return "comments";
  case RK_ZONE_QUOTE:       return "quote";
  case RK_ZONE_BLANK:       return "blank";
  }
  return "?";
}

/* A line as the rules see it: trimmed of spaces and list bullets. */
typedef struct {
  const char *s;      /* first significant byte */
  size_t      n;      /* bytes up to the last significant one */
  int         words;  /* whitespace-separated words */
} LineView;

static int
is_space_byte(unsigned char c)
{
  return c == ' ' || c == '\t';
}

/* Bullets and dashes that start list items: "•", "·", "*", "-", "–". */
static size_t
bullet_len(const char *s, size_t n)
{
  if (n >= 3 && (!memcmp(s, "\xe2\x80\xa2", 3) || !memcmp(s, "\xe2\x80\x93", 3)))
    return 3;
  if (n >= 2 && !memcmp(s, "\xc2\xb7", 2))
    return 2;
  if (n >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ')
    return 1;
  return 0;
}

static LineView
view_of(const char *s, size_t n)
{
  LineView v;
  size_t   b;

  while (n && is_space_byte((unsigned char)*s)) { s++; n--; }
  while ((b = bullet_len(s, n))) {
    s += b; n -= b;
    while (n && is_space_byte((unsigned char)*s)) { s++; n--; }
  }
  while (n && is_space_byte((unsigned char)s[n - 1]))
    n--;
  v.s = s;
  v.n = n;
  v.words = 0;
  for (size_t i = 0; i < n; i++)
    if (!is_space_byte((unsigned char)s[i]) && (i == 0 || is_space_byte((unsigned char)s[i - 1])))
      v.words++;
  return v;
}

/* Case-insensitive: does @p v start with @p prefix at a word boundary? */
static int
starts_with(const LineView *v, const char *prefix)
{
  size_t k;

  if (!rk_at(v->s, 0, v->n, prefix))
    return 0;
  k = strlen(prefix);
  return v->n == k || !rk_isalnum((unsigned char)v->s[k]) || !rk_isalnum((unsigned char)prefix[k - 1]);
}

/* Case-insensitive substring search within the line. */
static int
contains(const LineView *v, const char *needle)
{
  for (size_t i = 0; i < v->n; i++)
    if (rk_at(v->s, i, v->n, needle))
      return 1;
  return 0;
}

static int
any_prefix(const LineView *v, const char *const *list)
{
  for (; *list; list++)
    if (starts_with(v, *list))
      return 1;
  return 0;
}

/* Does any phrase of @p list stand in the line?  One walk over the line,
 * trying at each byte only the phrases that start with it (ASCII case
 * folded, as rk_at compares). */
static int
any_substring(const LineView *v, const char *const *list)
{
  unsigned char first[256];

  rk_first_bytes(list, first);
  for (size_t i = 0; i < v->n; i++)
    if (first[(unsigned char)v->s[i] | 0x20])
      for (const char *const *p = list; *p; p++)
        if (rk_at(v->s, i, v->n, *p))
          return 1;
  return 0;
}

/* Lines that open a run of reader comments: counts of responses, reply
 * forms, "X says:" headers. */
static const char *const comment_openers[] = {
  "leave a reply", "leave a comment", "leave your comment", "post a comment",
  "add a comment", "add your comment", "join the discussion", "join the conversation",
  "comments are closed", "show comments", "view comments", "reader comments",
  "comments", "responses", NULL
};

static int
opens_comments(const LineView *v)
{
  size_t i = 0;

  if (v->n > 80)
    return 0;
  if (any_prefix(v, comment_openers) && v->words <= 6)
    return 1;
  /* "4 Responses to ...", "12 comments" */
  while (i < v->n && rk_isdigit((unsigned char)v->s[i]))
    i++;
  if (i > 0 && i < v->n && v->s[i] == ' ') {
    LineView rest = { v->s + i + 1, v->n - i - 1, v->words - 1 };
    if (starts_with(&rest, "response") || starts_with(&rest, "responses") ||
        starts_with(&rest, "comment") || starts_with(&rest, "comments") ||
        starts_with(&rest, "replies") || starts_with(&rest, "thoughts on"))
      return 1;
  }
  return 0;
}

/* "movieblort says:", "Tony Laplume said...": a commenter's header. */
static int
is_comment_header(const LineView *v)
{
  static const char *const verbs[] = { " says:", " said:", " said...", " says...", " wrote:", NULL };

  if (v->words > 7 || v->n > 80)
    return 0;
  for (const char *const *p = verbs; *p; p++) {
    size_t k = strlen(*p);
    if (v->n >= k && strncasecmp(v->s + v->n - k, *p, k) == 0)
      return 1;
  }
  return 0;
}

/* Headers of "more of this site" lists: everything after them, once the
 * review has started, is somebody else's content. */
static const char *const sidebar_openers[] = {
  "popular on", "more from", "more film", "more reviews", "more movies", "more stories",
  "more news", "related", "latest news", "latest reviews", "you may like",
  "you may also like", "you might also like", "recommended", "trending", "read more",
  "read next", "most popular", "most read", "other films by", "suggested links",
  "see also", "further reading", "also on", "in other news", "around the web",
  "related merchandise", "what to read next", "up next", "more in", NULL
};

/* Single lines of page furniture: prompts, sharing, navigation. */
static const char *const furniture_phrases[] = {
  "sign up", "subscribe", "newsletter", "cookie", "log in", "log out", "sign in",
  "share this", "share on", "follow us", "click here", "download", "advertisement",
  "skip to", "back to", "please wait", "redirected", "reading time", "permalink",
  "posted in", "filed under", "tagged", "topics", "print this", "email this",
  "your inbox", "make a donation", "donate", "help fund", "navigation", "home >",
  "all rights reserved", "privacy policy", "terms of use", "terms of service",
  "this article is over", "view comments", "commenting forum", "access exclusive",
  "compare prices", "find local", "shopping", "search for", "rate this", "official website",
  "don't edit", "watch the trailer", "buy tickets", "stream it", "affiliate", NULL
};

static int
has_image_file(const LineView *v)
{
  static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".raf", NULL };

  for (const char *const *e = exts; *e; e++)
    if (contains(v, *e))
      return 1;
  return 0;
}

/* Labels that make a line a credit ("Director: X", "Starring X").  Kept
 * in step with the label table of credits.c, which says what each means. */
static const char *const credit_labels[] = {
  "director", "directors", "directed by", "dir", "dir.", "d:", "starring", "stars", "cast",
  "cast includes", "with:", "also with", "talent", "featuring", "voice talent", "voices",
  "written by", "writer", "writers", "screenplay", "script", "w:", "wri", "music",
  "music by", "composer", "score by", "original music", "cinematography", "cinematographer",
  "camera", "dp:", "dop", "director of photography", "editor", "edited by", "ed:",
  "editing", "producer", "produced by", "pro:", "running time", "runtime", "run time",
  "length", "duration", "country", "language", "rating", "film rating", "rated",
  "certificate", "release date", "released", "year", "genre", "production", "crew",
  "film title", "original title", "mus:", "des:", "story:", "opens", NULL
};

static int
is_credit_label_line(const LineView *v)
{
  /* "Director: X" at any length; a bare label ("Director Jacques Audiard
   * brings ...") only on a short line */
  const char *colon = memchr(v->s, ':', v->n < 40 ? v->n : 40);

  if (!any_prefix(v, credit_labels) || (v->n >= 400 && !colon))
    return 0;
  return colon != NULL || v->words < 10;
}

/* A comma/semicolon list of short capitalised items: an unlabelled cast. */
static int
is_name_list(const LineView *v)
{
  int    items = 0, good = 0, words = 0, caps = 1;
  size_t i;

  if (v->n == 0 || v->n > 600 || v->s[v->n - 1] == '.' || v->s[v->n - 1] == '?')
    return 0;
  for (i = 0; i <= v->n; i++) {
    if (i == v->n || v->s[i] == ',' || v->s[i] == ';') {
      items++;
      if (words >= 1 && words <= 5 && caps)
        good++;
      words = 0;
      caps  = 1;
      continue;
    }
    if (rk_isdigit((unsigned char)v->s[i]))
      caps = 0;
    if (!is_space_byte((unsigned char)v->s[i]) && (i == 0 || is_space_byte((unsigned char)v->s[i - 1])
                                                    || v->s[i - 1] == ',' || v->s[i - 1] == ';')) {
      unsigned char c = (unsigned char)v->s[i];
      words++;
      /* particles may be lower case inside a name; other lower-case words may not */
      if (!(rk_isupper(c) || c >= 0x80 || c == '(' || c == '"')) {
        size_t k = i;
        while (k < v->n && rk_isalpha((unsigned char)v->s[k]))
          k++;
        if (k - i > 4)
          caps = 0;
      }
    }
  }
  return (items >= 3 && good * 10 >= items * 8) || (items == 2 && good == 2 && v->words <= 4);
}

/* A line that is prose: long, or a sentence. */
static int
is_prose(const LineView *v)
{
  if (v->words >= 25)
    return 1;
  return v->words >= 8 && v->n && strchr(".!?\"\xe2\x80\x9d)", v->s[v->n - 1]) != NULL;
}

static int
hint_covers(const RkDoc *doc, size_t start, size_t end, RkHintKind kind)
{
  for (size_t i = 0; i < doc->n_hints; i++) {
    const RkHint *h = &doc->hints[i];
    if (h->kind == kind && h->start <= start && end <= h->end && start < end)
      return 1;
  }
  return 0;
}

/* "Saoirse Ronan and Laurie Metcalf in "Lady Bird." (Jane Doe | Photo
 * provided by A24)": a short line that ends on a parenthesised photo
 * credit is a caption, however long the credit. */
static int
ends_in_photo_credit(const LineView *v)
{
  const char *open;
  LineView    in;

  if (v->n < 8 || v->s[v->n - 1] != ')')
    return 0;
  for (open = v->s + v->n - 1; open > v->s && *open != '('; open--)
    ;
  if (*open != '(')
    return 0;
  in = view_of(open, v->n - (size_t)(open - v->s));
  return v->words - in.words <= 14 && (contains(&in, "photo") || contains(&in, "courtesy"));
}

/* Kind of one line from its own shape and the hints, before context. */
static RkZoneKind
classify(const RkDoc *doc, const RkLine *line, const LineView *v)
{
  if (v->n == 0)
    return RK_ZONE_BLANK;
  if (hint_covers(doc, line->start, line->end, RK_HINT_COMMENTS))
    return RK_ZONE_COMMENTS;
  if (hint_covers(doc, line->start, line->end, RK_HINT_NAV) ||
      hint_covers(doc, line->start, line->end, RK_HINT_FOOTER))
    return RK_ZONE_FURNITURE;
  if (hint_covers(doc, line->start, line->end, RK_HINT_CAPTION))
    return RK_ZONE_CAPTION;
  if (hint_covers(doc, line->start, line->end, RK_HINT_BYLINE))
    return RK_ZONE_BYLINE;
  if (v->words <= 14 && has_image_file(v))
    return RK_ZONE_CAPTION;
  if (v->words <= 16 && (starts_with(v, "poster for") || starts_with(v, "photo:") || starts_with(v, "still from") ||
                         starts_with(v, "image:") || starts_with(v, "photograph:") || contains(v, "courtesy of") ||
                         contains(v, "(photo") || contains(v, "photo provided") || contains(v, "photo by") || contains(v, "getty images")))
    return RK_ZONE_CAPTION;
  if (ends_in_photo_credit(v))
    return RK_ZONE_CAPTION;
  if (is_credit_label_line(v))
    return RK_ZONE_CREDITS;
  if (v->n < 160 && ((starts_with(v, "by") && v->n > 3 && !rk_islower((unsigned char)v->s[3])) ||
                     starts_with(v, "words:") || starts_with(v, "words by") ||
                     starts_with(v, "review by") || starts_with(v, "reviewed by") ||
                     starts_with(v, "film review by") || starts_with(v, "reviewed,") ||
                     starts_with(v, "posted on") || starts_with(v, "posted by") || starts_with(v, "--") ||
                     starts_with(v, "\xe2\x80\x94")))
    return RK_ZONE_BYLINE;
  if (hint_covers(doc, line->start, line->end, RK_HINT_ASIDE))
    return RK_ZONE_SIDEBAR;
  if (v->words <= 14 && !is_prose(v) && any_substring(v, furniture_phrases))
    return RK_ZONE_FURNITURE;
  if (is_name_list(v))
    return RK_ZONE_CREDITS;
  if (hint_covers(doc, line->start, line->end, RK_HINT_HEADING))
    return RK_ZONE_HEADLINE;
  return RK_ZONE_BODY;
}

/* A line repeated word for word close by is an image caption (pages often
 * render a caption twice: alt text and figcaption). */
static void
mark_repeated_captions(const char *text, RkZones *z)
{
  size_t first = 0;

  /* in the header a repeated line is the title (breadcrumb and heading) */
  while (first < z->n && z->lines[first].kind != RK_ZONE_BODY) first++;
  while (first < z->n) {
    LineView v = view_of(text + z->lines[first].start, z->lines[first].end - z->lines[first].start);
    if (z->lines[first].kind == RK_ZONE_BODY && is_prose(&v))
      break;
    first++;
  }
  for (size_t i = first; i < z->n; i++) {
    RkLine *a = &z->lines[i];
    size_t  na = a->end - a->start;
    if (na < 12 || a->kind != RK_ZONE_BODY)
      continue;
    for (size_t j = i + 1; j < z->n && j <= i + 12; j++) {
      RkLine *b = &z->lines[j];
      if (b->end - b->start == na && memcmp(text + a->start, text + b->start, na) == 0) {
        a->kind = b->kind = RK_ZONE_CAPTION;
        break;
      }
    }
  }
}

static RkStatus
split_lines(const RkDoc *doc, RkZones *z)
{
  size_t cap = 64, pos = 0;

  if (!(z->lines = rk_malloc(cap * sizeof *z->lines)))
    return RK_ERR_NOMEM;
  while (pos <= doc->len) {
    const char *nl  = memchr(doc->text + pos, '\n', doc->len - pos);
    size_t      end = nl ? (size_t)(nl - doc->text) : doc->len;
    if (z->n == cap) {
      RkLine *p = rk_realloc(z->lines, cap * 2 * sizeof *p);
      if (!p)
        return RK_ERR_NOMEM;
      z->lines = p;
      cap *= 2;
    }
    z->lines[z->n].start = pos;
    z->lines[z->n].end   = end;
    z->lines[z->n].kind  = RK_ZONE_BODY;
    z->n++;
    if (!nl)
      break;
    pos = end + 1;
  }
  return RK_OK;
}

RkStatus
rk_zones_build(const RkDoc *doc, RkZones **out)
{
  RkStatus st = RK_ERR_NOMEM;
  RkZones *z  = rk_calloc(1, sizeof *z);
  size_t   i = 0;
  int      seen_prose = 0, in_comments = 0, in_sidebar = 0, headline_done = 0;

  if (!z || (st = split_lines(doc, z)))
    goto done;

  /* YAML front matter of a scraped file: "---" ... "---" at the top */
  if (z->n > 2 && z->lines[0].end - z->lines[0].start == 3 && !memcmp(doc->text, "---", 3)) {
    for (size_t j = 1; j < z->n && j < 80; j++) {
      const RkLine *l = &z->lines[j];
      if (l->end - l->start == 3 && !memcmp(doc->text + l->start, "---", 3)) {
        for (size_t k = 0; k <= j; k++)
          z->lines[k].kind = RK_ZONE_FRONTMATTER;
        i = j + 1;
        break;
      }
    }
  }

  for (; i < z->n; i++) {
    RkLine    *line = &z->lines[i];
    LineView   v    = view_of(doc->text + line->start, line->end - line->start);
    RkZoneKind kind = classify(doc, line, &v);

    if (kind == RK_ZONE_BLANK) {
      line->kind = kind;
      continue;
    }
    if (in_comments) {
      line->kind = RK_ZONE_COMMENTS;
      continue;
    }
    if (opens_comments(&v) || is_comment_header(&v)) {
      in_comments = 1;
      line->kind  = RK_ZONE_COMMENTS;
      continue;
    }
    /* a sidebar header after the review has started runs to the end, but
     * labelled credits inside it (trade papers print them last) still count */
    if (v.n < 60 && any_prefix(&v, sidebar_openers) && !is_prose(&v)) {
      if (seen_prose)
        in_sidebar = 1;
      line->kind = RK_ZONE_SIDEBAR;
      continue;
    }
    if (in_sidebar && kind != RK_ZONE_CREDITS && kind != RK_ZONE_BYLINE) {
      line->kind = RK_ZONE_SIDEBAR;
      continue;
    }
    if (kind == RK_ZONE_BODY && !seen_prose && !headline_done && !is_prose(&v) && v.n < 200) {
      kind = RK_ZONE_HEADLINE;
      headline_done = 1;
    } else if (kind == RK_ZONE_HEADLINE) {
      headline_done = 1;
    }
    if (kind == RK_ZONE_BODY && is_prose(&v))
      seen_prose = 1;
    line->kind = kind;
  }
  mark_repeated_captions(doc->text, z);

  if (getenv("RK_DEBUG_ZONES"))
    for (size_t j = 0; j < z->n; j++)
      fprintf(stderr, "%4zu %-11s %.*s\n", j, rk_zone_name(z->lines[j].kind),
              (int)(z->lines[j].end - z->lines[j].start > 90 ? 90 : z->lines[j].end - z->lines[j].start),
              doc->text + z->lines[j].start);
  z->body_first = z->body_last = -1;
  for (size_t j = 0; j < z->n; j++)
    if (z->lines[j].kind == RK_ZONE_BODY) {
      if (z->body_first < 0)
        z->body_first = (int)j;
      z->body_last = (int)j;
    }
  *out = z;
  z    = NULL;
  st   = RK_OK;
done:
  rk_zones_free(z);
  return st;
}

void
rk_zones_free(RkZones *z)
{
  if (!z)
    return;
  free(z->lines);
  free(z);
}
