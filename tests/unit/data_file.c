#include "data_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void data_file_free(data_file *d)
{
  free(d->id);
  free(d->type);
  free(d->x);
  memset(d, 0, sizeof *d);
}

/* the Atoms section: n lines, blank lines skipped */
static const char *read_atoms(FILE *f, data_file *d)
{
  char line[4096];
  unsigned char *seen = calloc(d->n, 1);
  d->id = malloc(d->n * sizeof(int));
  d->type = malloc(d->n * sizeof(int));
  d->x = malloc(3 * d->n * sizeof(double));
  if (!seen || !d->id || !d->type || !d->x) {
    free(seen);
    return "out of memory";
  }
  size_t got = 0;
  const char *error = NULL;
  while (!error && got < d->n && fgets(line, sizeof line, f)) {
    if (strspn(line, " \t\r\n") == strlen(line)) continue;
    long id;
    int t;
    double p[3];
    if (sscanf(line, "%ld %d %lf %lf %lf", &id, &t, &p[0], &p[1], &p[2]) != 5)
      error = "an Atoms line is not 'id type x y z'";
    else if (t < 1 || t > d->n_types)
      error = "an atom type is outside 1 .. atom types";
    else if (id < 1 || (size_t) id > d->n || seen[id - 1])
      error = "atom ids must be 1 .. N, each once";
    else {
      seen[id - 1] = 1;
      d->id[got] = (int) id;
      d->type[got] = t - 1;
      memcpy(d->x + 3 * got, p, sizeof p);
      got++;
    }
  }
  free(seen);
  return error ? error : got == d->n ? NULL : "fewer atom lines than atoms";
}

const char *data_file_read(const char *path, data_file *d)
{
  memset(d, 0, sizeof *d);
  FILE *f = fopen(path, "r");
  if (!f) return "cannot open the data file";
  char line[4096];
  const char *error = "no Atoms section";
  /* the first line is the title */
  if (!fgets(line, sizeof line, f)) error = "empty data file";
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "Atoms", 5) == 0) {
      const char *style = strchr(line, '#');
      if (style && !strstr(style, "atomic")) error = "the Atoms section is not atom_style atomic";
      else if (d->n == 0 || d->n_types < 1) error = "no atoms or atom types in the header";
      else error = read_atoms(f, d);
      break;
    }
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    unsigned long count;
    int types;
    double a, b, c;
    if (strstr(line, "atom types")) {
      if (sscanf(line, "%d", &types) == 1) d->n_types = types;
    } else if (strstr(line, " atoms")) {
      if (sscanf(line, "%lu", &count) == 1) d->n = count;
    } else if (strstr(line, "xy xz yz") && sscanf(line, "%lf %lf %lf", &a, &b, &c) == 3) {
      d->xy = a;
      d->xz = b;
      d->yz = c;
    } else {
      const char *bounds[3] = {"xlo xhi", "ylo yhi", "zlo zhi"};
      for (int k = 0; k < 3; k++)
        if (strstr(line, bounds[k]) && sscanf(line, "%lf %lf", &a, &b) == 2) {
          d->lo[k] = a;
          d->hi[k] = b;
        }
    }
  }
  fclose(f);
  if (error) data_file_free(d);
  return error;
}
