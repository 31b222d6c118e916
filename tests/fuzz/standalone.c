/* standalone.c - a main for the fuzz targets when libFuzzer is not linked
 * (gcc builds, the sanitizer build): runs the target once over each file
 * named, or each file in each directory named, and stops at the first
 * failed check (which aborts).  This is how make check replays the seed
 * corpus and the regressions in every build. */
#include "config.h"
#ifndef RK_LIBFUZZER
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static size_t runs;

static int
run_file(const char *path)
{
  FILE   *f = fopen(path, "rb");
  char   *buf = NULL;
  size_t  n = 0, cap = 0, got;

  if (!f) {
    perror(path);
    return 1;
  }
  do {
    if (n == cap) {
      char *grown = realloc(buf, cap = cap ? cap * 2 : 65536);
      if (!grown) {
        fprintf(stderr, "%s: no memory\n", path);
        free(buf);
        fclose(f);
        return 1;
      }
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got);
  fclose(f);
  if (getenv("RK_FUZZ_VERBOSE"))
    fprintf(stderr, "running %s (%zu bytes)\n", path, n);
  /* an exact-size copy, so ASan sees reads past the input */
  {
    uint8_t *data = malloc(n ? n : 1);
    if (!data) {
      free(buf);
      return 1;
    }
    memcpy(data, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(data, n);
    free(data);
  }
  runs++;
  return 0;
}

static int
compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir)
{
  DIR           *d = opendir(dir);
  struct dirent *e;
  char         **names = NULL;
  size_t         n = 0, cap = 0;
  int            rc = 0;

  if (!d) {
    perror(dir);
    return 1;
  }
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
      if (!grown)
        abort();
      names = grown;
    }
    if (!(names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2)))
      abort();
    sprintf(names[n++], "%s/%s", dir, e->d_name);
  }
  closedir(d);
  if (n)  /* an empty directory leaves names NULL */
    qsort(names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n; i++) {
    struct stat sb;
    if (!rc && stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode))
      rc = run_file(names[i]);
    free(names[i]);
  }
  free(names);
  return rc;
}

int
main(int argc, char **argv)
{
  int rc = 0;

  LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc && !rc; i++) {
    struct stat sb;
    if (argv[i][0] == '-')
      continue;  /* libFuzzer flags (-runs=0 ...) mean nothing here */
    if (stat(argv[i], &sb)) {
      perror(argv[i]);
      rc = 1;
    } else {
      rc = S_ISDIR(sb.st_mode) ? run_dir(argv[i]) : run_file(argv[i]);
    }
  }
  fprintf(stderr, "%s: %zu input(s) run\n", argv[0], runs);
  return rc;
}
#endif
