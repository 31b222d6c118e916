/* gen_corpus.c - a deterministic corpus of synthetic film reviews for the benchmark.
 *
 * Writes N review documents (plain text, and a share of HTML pages with
 * JSON-LD) under DIR/NNN/NNNNNN.{txt,html}, streaming one document at a
 * time: nothing but the word lists is held in memory.  The same seed gives
 * byte-identical files.  Names come from Debian's word lists: given names
 * from propernames, surnames and title words from american-english.
 *
 *   gen_corpus [-n DOCS] [-s SEED] [-H PERCENT_HTML] [-d DICT_DIR] DIR
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* ------------------------------------------------------------ PRNG */

/* splitmix64: tiny, fast, and the same on every platform */
typedef struct { uint64_t s; } Rng;

static uint64_t
next64(Rng *r)
{
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static size_t below(Rng *r, size_t n) { return n ? (size_t)(next64(r) % n) : 0; }
static int chance(Rng *r, int percent) { return (int)below(r, 100) < percent; }

/* A generator for entity @p id of @p kind: the same entity always gets the
 * same attributes, without storing any of them. */
static Rng
entity_rng(uint64_t seed, uint64_t kind, uint64_t id)
{
  Rng r = { seed ^ (kind * 0x100000001b3ull) ^ (id * 0x9e3779b97f4a7c15ull) };
  next64(&r);
  return r;
}

/* ------------------------------------------------------------ word lists */

typedef struct { char **w; size_t n, cap; } List;

static void
add(List *l, const char *s)
{
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 1024;
    if (!(l->w = realloc(l->w, l->cap * sizeof *l->w))) {
      perror("gen_corpus");
      exit(2);
    }
  }
  if (!(l->w[l->n++] = strdup(s))) {
    perror("gen_corpus");
    exit(2);
  }
}

static void
chomp(char *s)
{
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
    s[--n] = '\0';
}

static int
plain(const char *s, int upper_first)
{
  if (upper_first ? !(s[0] >= 'A' && s[0] <= 'Z') : !(s[0] >= 'a' && s[0] <= 'z'))
    return 0;
  for (const char *p = s + 1; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80))
      return 0;
  return 1;
}

static void
load_lists(const char *dir, List *given, List *surnames, List *words)
{
  char  path[4096], line[512];
  gzFile gz;
  FILE  *f;

  snprintf(path, sizeof path, "%s/propernames.gz", dir);
  if (!(gz = gzopen(path, "rb"))) {
    fprintf(stderr, "gen_corpus: %s: cannot read\n", path);
    exit(2);
  }
  while (gzgets(gz, line, sizeof line)) {
    chomp(line);
    if (plain(line, 1) && strlen(line) >= 3)
      add(given, line);
  }
  gzclose(gz);
  snprintf(path, sizeof path, "%s/american-english", dir);
  if (!(f = fopen(path, "r"))) {
    fprintf(stderr, "gen_corpus: %s: cannot read\n", path);
    exit(2);
  }
  while (fgets(line, sizeof line, f)) {
    chomp(line);
    size_t n = strlen(line);
    if (n >= 4 && plain(line, 1))
      add(surnames, line);
    else if (n >= 3 && n <= 11 && plain(line, 0))
      add(words, line);
  }
  fclose(f);
  if (given->n < 100 || surnames->n < 100 || words->n < 1000) {
    fprintf(stderr, "gen_corpus: word lists in %s are too small\n", dir);
    exit(2);
  }
}

/* ------------------------------------------------------------ entities */

typedef struct {
  uint64_t    seed;
  const List *given, *surnames, *words;
  size_t      n_people, n_films, n_critics, n_outlets;
} World;

typedef struct { char name[128]; } Name;

static void
person(const World *w, size_t id, Name *out)
{
  Rng r = entity_rng(w->seed, 1, id);
  const char *g = w->given->w[below(&r, w->given->n)];
  const char *s = w->surnames->w[below(&r, w->surnames->n)];

  if (chance(&r, 8)) {  /* double-barrelled */
    const char *s2 = w->surnames->w[below(&r, w->surnames->n)];
    snprintf(out->name, sizeof out->name, "%s %s-%s", g, s, s2);
  } else {
    snprintf(out->name, sizeof out->name, "%s %s", g, s);
  }
}

static void
capital(char *dst, size_t cap, const char *word)
{
  snprintf(dst, cap, "%s", word);
  if (dst[0] >= 'a' && dst[0] <= 'z')
    dst[0] = (char)(dst[0] - 'a' + 'A');
}

typedef struct {
  char   title[160];
  size_t director, writer, composer;
  size_t cast[6];
  char   character[6][96];
  int    n_cast, year, runtime;
  const char *country, *language;
} Film;

static const char *const countries[] = {
  "France", "Ireland", "Norway", "Denmark", "Italy", "Spain", "Germany", "Japan",
  "South Korea", "Mexico", "Argentina", "Canada", "Australia", "Iran", "India", "Poland"
};
static const char *const languages[] = {
  "French", "English", "Norwegian", "Danish", "Italian", "Spanish", "German", "Japanese",
  "Korean", "Spanish", "Spanish", "English", "English", "Persian", "Hindi", "Polish"
};
static const char *const ranks[] = { "Inspector", "Sergeant", "Doctor", "Father", "Captain", "Aunt", "Mrs", "Professor" };

static void
film(const World *w, size_t id, Film *f)
{
  Rng  r = entity_rng(w->seed, 2, id);
  char a[64], b[64];

  capital(a, sizeof a, w->words->w[below(&r, w->words->n)]);
  capital(b, sizeof b, w->words->w[below(&r, w->words->n)]);
  switch (below(&r, 4)) {
  case 0: snprintf(f->title, sizeof f->title, "The %s %s", a, b); break;
  case 1: snprintf(f->title, sizeof f->title, "%s of the %s", a, b); break;
  case 2: snprintf(f->title, sizeof f->title, "%s %s", a, b); break;
  default: snprintf(f->title, sizeof f->title, "%s", a); break;
  }
  f->director = below(&r, w->n_people);
  f->writer   = chance(&r, 50) ? f->director : below(&r, w->n_people);
  f->composer = below(&r, w->n_people);
  f->n_cast   = 3 + (int)below(&r, 4);
  for (int i = 0; i < f->n_cast; i++) {
    const char *g = w->given->w[below(&r, w->given->n)];
    f->cast[i] = below(&r, w->n_people);
    if (chance(&r, 25))
      snprintf(f->character[i], sizeof f->character[i], "%s %s", ranks[below(&r, 8)],
               w->surnames->w[below(&r, w->surnames->n)]);
    else
      snprintf(f->character[i], sizeof f->character[i], "%s", g);
  }
  f->year    = 1950 + (int)below(&r, 75);
  f->runtime = 80 + (int)below(&r, 80);
  size_t c = below(&r, sizeof countries / sizeof *countries);
  f->country  = countries[c];
  f->language = languages[c];
}

static void
outlet(const World *w, size_t id, char *out, size_t cap)
{
  static const char *const kinds[] = { "Film Journal", "Pictures Weekly", "Review", "Gazette",
                                       "Screen", "Times", "Cinema Quarterly", "Herald" };
  Rng r = entity_rng(w->seed, 3, id);
  snprintf(out, cap, "%s %s", w->surnames->w[below(&r, w->surnames->n)], kinds[below(&r, 8)]);
}

/* ------------------------------------------------------------ prose */

static const char *
word(const World *w, Rng *r)
{
  return w->words->w[below(r, w->words->n)];
}

/* One sentence of filler prose: fixed openings, random words in the slots. */
static void
filler(FILE *o, const World *w, Rng *r)
{
  static const char *const t[] = {
    "The %s is %s, and the %s never quite finds its %s.",
    "It is a %s film about %s, %s and the %s of a small town.",
    "There is a %s in the middle hour that feels %s rather than %s.",
    "Even the %s, which could have been %s, is handled with %s care.",
    "But the script leans on %s and %s where it needed %s.",
    "What lingers is the %s: %s, %s and strangely %s.",
    "The camera keeps its distance, watching the %s as if it were a %s.",
    "Nobody here is quite %s, and the film is wise enough not to %s them.",
    "In the end it is a story about %s and %s, told with %s.",
    "The score is %s where it should be %s, but it rarely gets in the way.",
    "Some of the dialogue is %s; most of it is merely %s.",
    "At its best the film has the %s of a %s and the patience of a %s.",
  };
  const char *f = t[below(r, sizeof t / sizeof *t)];
  const char *a = word(w, r), *b = word(w, r), *c = word(w, r), *d = word(w, r);
  fprintf(o, f, a, b, c, d);
}

static void
paragraph(FILE *o, const World *w, Rng *r, int sentences)
{
  for (int i = 0; i < sentences; i++) {
    if (i)
      fputc(' ', o);
    filler(o, w, r);
  }
}

/* ------------------------------------------------------------ one review */

typedef struct {
  Film   f;
  Name   director, writer, composer, critic, cast[6], other_dir, c1, c2, c3;
  char   outlet[128], other_title[160], slug[200], date[16], rating[32];
  int    stars;
  size_t id;
} Review;

static void
slugify(const char *s, char *out, size_t cap)
{
  size_t n = 0;
  for (; *s && n + 1 < cap; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out[n++] = c;
    else if (n && out[n - 1] != '-')
      out[n++] = '-';
  }
  out[n] = '\0';
}

static void
prepare(const World *w, size_t id, Rng *r, Review *v)
{
  Film other;

  memset(v, 0, sizeof *v);
  v->id = id;
  film(w, below(r, w->n_films), &v->f);
  person(w, v->f.director, &v->director);
  person(w, v->f.writer, &v->writer);
  person(w, v->f.composer, &v->composer);
  for (int i = 0; i < v->f.n_cast; i++)
    person(w, v->f.cast[i], &v->cast[i]);
  person(w, w->n_people + below(r, w->n_critics), &v->critic);
  outlet(w, below(r, w->n_outlets), v->outlet, sizeof v->outlet);
  film(w, below(r, w->n_films), &other);
  snprintf(v->other_title, sizeof v->other_title, "%s", other.title);
  person(w, other.director, &v->other_dir);
  person(w, next64(r) % (w->n_people * 4), &v->c1);  /* commenters: anyone */
  person(w, next64(r) % (w->n_people * 4), &v->c2);
  person(w, next64(r) % (w->n_people * 4), &v->c3);
  snprintf(v->date, sizeof v->date, "%04d-%02d-%02d", v->f.year + (int)below(r, 2),
           1 + (int)below(r, 12), 1 + (int)below(r, 28));
  v->stars = 1 + (int)below(r, 5);
  slugify(v->f.title, v->slug, sizeof v->slug);
}

static const char *
surname(const Name *n)
{
  const char *sp = strrchr(n->name, ' ');
  return sp ? sp + 1 : n->name;
}

static void
stars(FILE *o, int n)
{
  for (int i = 0; i < 5; i++)
    fputs(i < n ? "\xe2\x98\x85" : "\xe2\x98\x86", o);
}

/* The body: paragraphs with the patterns the extractor looks for. */
static void
body_paragraphs(FILE *o, const World *w, Rng *r, const Review *v, const char *p_open, const char *p_close)
{
  const Film *f = &v->f;
  int         order = (int)below(r, 3);

  fprintf(o, "%s%s, directed by %s, is a %s and %s film. ", p_open, f->title, v->director.name,
          word(w, r), word(w, r));
  paragraph(o, w, r, 3 + (int)below(r, 3));
  fprintf(o, "%s", p_close);
  for (int i = 0; i < f->n_cast; i++) {
    fprintf(o, "%s", p_open);
    switch ((i + order) % 4) {
    case 0: fprintf(o, "%s (%s) is a %s who %s. ", f->character[i], v->cast[i].name, word(w, r), word(w, r)); break;
    case 1: fprintf(o, "%s plays %s, a %s with a %s. ", v->cast[i].name, f->character[i], word(w, r), word(w, r)); break;
    case 2: fprintf(o, "%s's %s is %s and %s in the same breath. ", v->cast[i].name, f->character[i], word(w, r), word(w, r)); break;
    default: fprintf(o, "%s as %s is the obvious %s. ", v->cast[i].name, f->character[i], word(w, r)); break;
    }
    paragraph(o, w, r, 2 + (int)below(r, 4));
    if (chance(r, 50))
      fprintf(o, " %s is very good at %s.", surname(&v->cast[i]), word(w, r));
    fprintf(o, "%s", p_close);
  }
  for (int k = 0, n = 2 + (int)below(r, 3); k < n; k++) {
    fprintf(o, "%s", p_open);
    paragraph(o, w, r, 4 + (int)below(r, 4));
    if (k == 0)
      fprintf(o, " %s's film looks %s, but its %s is signposted from the first reel.",
              surname(&v->director), word(w, r), word(w, r));
    if (k == 1 && chance(r, 60))
      fprintf(o, " It recalls %s, directed by %s, in its %s.", v->other_title, v->other_dir.name, word(w, r));
    fprintf(o, "%s", p_close);
  }
  fprintf(o, "%s%s, directed by %s, is in cinemas now.%s", p_open, f->title, v->director.name, p_close);
}

static void
write_text(FILE *o, const World *w, Rng *r, const Review *v)
{
  const Film *f = &v->f;
  int credits_first = chance(r, 50), has_credits = chance(r, 85);

  if (chance(r, 30))
    fprintf(o, "Home | Reviews | News | Festivals\n\n");
  fprintf(o, "%s review: a %s %s that %s\n\n", f->title, word(w, r), word(w, r), word(w, r));
  if (!credits_first || !has_credits)
    fprintf(o, "%s %s\n%s\n\n", chance(r, 70) ? "By" : "Reviewed by", v->critic.name, v->date);
  if (has_credits) {
    fprintf(o, "%s (%d)\n", f->title, f->year);
    fprintf(o, "%s: %s\n", chance(r, 70) ? "Director" : "Dir.", v->director.name);
    if (v->f.writer != v->f.director)
      fprintf(o, "Screenplay: %s\n", v->writer.name);
    fprintf(o, "%s: ", chance(r, 50) ? "Starring" : "Cast");
    for (int i = 0; i < f->n_cast; i++) {
      if (i)
        fputs(", ", o);
      if (i % 3 == 0)
        fprintf(o, "%s (%s)", v->cast[i].name, f->character[i]);
      else if (i % 3 == 1)
        fprintf(o, "%s as %s", v->cast[i].name, f->character[i]);
      else
        fputs(v->cast[i].name, o);
    }
    fprintf(o, "\nMusic: %s\n", v->composer.name);
    if (chance(r, 50))
      fprintf(o, "Running time: %d hour%s %d minutes\n", f->runtime / 60, f->runtime >= 120 ? "s" : "", f->runtime % 60);
    else
      fprintf(o, "Running time: %d minutes\n", f->runtime);
    fprintf(o, "Country: %s\nLanguage: %s\nRating: ", f->country, f->language);
    if (chance(r, 50))
      stars(o, v->stars);
    else
      fprintf(o, "%d/5", v->stars);
    fputs("\n\n", o);
  }
  if (credits_first && has_credits)
    fprintf(o, "By %s\n\n", v->critic.name);
  body_paragraphs(o, w, r, v, "", "\n\n");
  fputs(chance(r, 50) ? "Sign up for our newsletter\n\nShare this article\n\n" : "Advertisement\n\n", o);
  fprintf(o, "More from %s\n%s review: %s is %s as a %s\n", v->outlet, v->other_title, v->other_dir.name,
          word(w, r), word(w, r));
  fprintf(o, "Popular on %s\nInterview: %s on directing %s\n\n", v->outlet, v->c3.name, word(w, r));
  if (chance(r, 60)) {
    fprintf(o, "Leave a Reply\n%s says:\nI saw this at a festival and loved it. %s deserves every award going.\nReply\n",
            v->c1.name, v->cast[0].name);
    fprintf(o, "%s says:\nNot for me. Directed by %s, sure, but far too %s. %s plays a %s and is wasted.\n",
            v->c2.name, v->other_dir.name, word(w, r), v->c3.name, word(w, r));
  }
}

/* JSON string content: our names and words need no escaping but quotes. */
static void
write_html(FILE *o, const World *w, Rng *r, const Review *v)
{
  const Film *f = &v->f;
  char        host[160];

  slugify(v->outlet, host, sizeof host);
  fprintf(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  fprintf(o, "<title>%s review \xe2\x80\x93 %s</title>\n", f->title, v->outlet);
  fprintf(o, "<meta property=\"og:site_name\" content=\"%s\">\n", v->outlet);
  fprintf(o, "<link rel=\"canonical\" href=\"https://%s.example/reviews/%s-%zu\">\n", host, v->slug, v->id);
  fprintf(o, "<meta name=\"author\" content=\"%s\">\n", v->critic.name);
  fprintf(o, "<meta property=\"article:published_time\" content=\"%sT09:00:00Z\">\n", v->date);
  fprintf(o, "<script type=\"application/ld+json\">\n"
             "{\"@context\":\"https://schema.org\",\"@type\":\"Review\","
             "\"itemReviewed\":{\"@type\":\"Movie\",\"name\":\"%s\",\"dateCreated\":\"%d\","
             "\"director\":{\"@type\":\"Person\",\"name\":\"%s\"},\"actor\":[",
          f->title, f->year, v->director.name);
  for (int i = 0; i < f->n_cast; i++)
    fprintf(o, "%s{\"@type\":\"Person\",\"name\":\"%s\"}", i ? "," : "", v->cast[i].name);
  fprintf(o, "]},\"author\":{\"@type\":\"Person\",\"name\":\"%s\"},"
             "\"publisher\":{\"@type\":\"Organization\",\"name\":\"%s\"},"
             "\"datePublished\":\"%s\",\"reviewRating\":{\"@type\":\"Rating\",\"ratingValue\":%d,\"bestRating\":5}}\n"
             "</script>\n</head>\n<body>\n",
          v->critic.name, v->outlet, v->date, v->stars);
  fprintf(o, "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/reviews\">Reviews</a></li>"
             "<li><a href=\"/news\">News</a></li></ul></nav>\n<article>\n");
  fprintf(o, "<h1>%s review: a %s %s</h1>\n", f->title, word(w, r), word(w, r));
  fprintf(o, "<div class=\"byline\">By <a rel=\"author\" href=\"/authors/x\">%s</a></div>\n", v->critic.name);
  body_paragraphs(o, w, r, v, "<p>", "</p>\n");
  fprintf(o, "<p>Running time: %d minutes</p>\n</article>\n", f->runtime);
  fprintf(o, "<aside class=\"related\">\n<h3>More from %s</h3>\n<ul><li>%s review: %s is %s</li></ul>\n</aside>\n",
          v->outlet, v->other_title, v->other_dir.name, word(w, r));
  fprintf(o, "<section id=\"comments\" class=\"comments\">\n<h3>2 Responses</h3>\n"
             "<div class=\"comment\"><p class=\"comment-author\">%s says:</p><p>%s never misses.</p></div>\n"
             "<div class=\"comment\"><p class=\"comment-author\">%s says:</p><p>Directed by %s and starring %s, what is not to like?</p></div>\n"
             "</section>\n",
          v->c1.name, v->director.name, v->c2.name, v->other_dir.name, v->c3.name);
  fprintf(o, "<footer><p>\xc2\xa9 %s. All rights reserved.</p></footer>\n</body>\n</html>\n", v->outlet);
}

/* ------------------------------------------------------------ main */

static void
usage(void)
{
  fputs("Usage: gen_corpus [-n DOCS] [-s SEED] [-H PERCENT_HTML] [-d DICT_DIR] DIR\n", stderr);
  exit(2);
}

int
main(int argc, char **argv)
{
  List        given = { 0 }, surnames = { 0 }, words = { 0 };
  const char *dict = "/usr/share/dict", *dir = NULL;
  size_t      n = 1000;
  uint64_t    seed = 20240501;
  int         html_pct = 20;
  char        path[4096];
  unsigned long long bytes = 0;

  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      n = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "-s") && i + 1 < argc)
      seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "-H") && i + 1 < argc)
      html_pct = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-d") && i + 1 < argc)
      dict = argv[++i];
    else if (argv[i][0] == '-' || dir)
      usage();
    else
      dir = argv[i];
  }
  if (!dir || !n)
    usage();
  load_lists(dict, &given, &surnames, &words);

  /* a film gets about four reviews; people recur across films */
  World w = { seed, &given, &surnames, &words, 0, 0, 0, 0 };
  w.n_films   = n / 4 + 25;
  w.n_people  = n * 2 + 200;
  w.n_critics = n / 50 + 20;
  w.n_outlets = n / 1000 + 30;

  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "gen_corpus: %s: %s\n", dir, strerror(errno));
    return 2;
  }
  for (size_t i = 0; i < n; i++) {
    Rng    r = entity_rng(seed, 4, i);
    Review v;
    FILE  *o;
    int    html = chance(&r, html_pct);

    if (i % 1000 == 0) {
      snprintf(path, sizeof path, "%s/%03zu", dir, i / 1000);
      if (mkdir(path, 0777) && errno != EEXIST) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
        return 2;
      }
    }
    snprintf(path, sizeof path, "%s/%03zu/%06zu.%s", dir, i / 1000, i, html ? "html" : "txt");
    if (!(o = fopen(path, "w"))) {
      fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
      return 2;
    }
    prepare(&w, i, &r, &v);
    if (html)
      write_html(o, &w, &r, &v);
    else
      write_text(o, &w, &r, &v);
    bytes += (unsigned long long)ftell(o);
    if (fclose(o)) {
      fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
      return 2;
    }
  }
  fprintf(stderr, "gen_corpus: %zu documents, %llu bytes in %s\n", n, bytes, dir);
  return 0;
}
