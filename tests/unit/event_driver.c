/* mgg_aqs_event_analysis() on one event read from stdin, for event_reference_check.py:
 *
 *   n ntypes
 *   dmin2_cutoff d2min_threshold cluster_cutoff hysteresis
 *   bond cutoffs (ntypes x ntypes, row-major, LAMMPS types 1 .. ntypes)
 *   lx ly lz xy xz yz   (cell before)
 *   lx ly lz xy xz yz   (cell after)
 *   n lines: type x_before(3) x_start(3) x_after(3) stress_before(6) stress_after(6)
 *
 * stdout: "d2min broken formed von_mises_change cluster" per atom (%.17g), then the lines
 * "# n_above N", "# n_unfitted N", "# cluster_sizes S1 S2 ...", "# calls C" (calls that asked
 * for more workspace). */
#include <stdio.h>
#include <stdlib.h>

#include "mgglass.h"
#include "work_buffer.h"

static int fail(const char *what)
{
  fprintf(stderr, "event_driver: %s\n", what);
  return 1;
}

static int read_doubles(double *v, size_t n)
{
  for (size_t k = 0; k < n; k++)
    if (scanf("%lf", &v[k]) != 1) return 0;
  return 1;
}

int main(void)
{
  long n = 0;
  int ntypes = 0;
  double par[4], box[2][6];
  if (scanf("%ld %d", &n, &ntypes) != 2 || n <= 0 || ntypes <= 0) return fail("bad sizes");
  double *rc = malloc(sizeof(double) * ntypes * ntypes);
  if (!rc || !read_doubles(par, 4) || !read_doubles(rc, (size_t) ntypes * ntypes) ||
      !read_doubles(box[0], 6) || !read_doubles(box[1], 6))
    return fail("bad parameters or cells");
  const int periodic[3] = {1, 1, 1};
  mgg_cell cell[2];
  for (int c = 0; c < 2; c++)
    if (mgg_cell_from_lammps(box[c][0], box[c][1], box[c][2], box[c][3], box[c][4], box[c][5],
                             periodic, &cell[c]) != MGG_OK)
      return fail("bad cell");

  int *type = malloc(sizeof(int) * n), *broken = malloc(sizeof(int) * n);
  int *formed = malloc(sizeof(int) * n), *cluster = malloc(sizeof(int) * n);
  int *nneigh = malloc(sizeof(int) * n);
  double *x = malloc(sizeof(double) * 9 * n), *s = malloc(sizeof(double) * 12 * n);
  double *d2min = malloc(sizeof(double) * n), *vm = malloc(sizeof(double) * n);
  size_t *sizes = malloc(sizeof(size_t) * n);
  if (!type || !nneigh || !broken || !formed || !cluster || !x || !s || !d2min || !vm || !sizes)
    return fail("out of memory");
  double *xb = x, *xs = x + 3 * n, *xa = x + 6 * n, *sb = s, *sa = s + 6 * n;
  for (long i = 0; i < n; i++) {
    double row[22];
    if (!read_doubles(row, 22)) return fail("too few atom lines");
    type[i] = (int) row[0] - 1;
    for (int k = 0; k < 3; k++) {
      xb[3 * i + k] = row[1 + k];
      xs[3 * i + k] = row[4 + k];
      xa[3 * i + k] = row[7 + k];
    }
    for (int k = 0; k < 6; k++) {
      sb[6 * i + k] = row[10 + k];
      sa[6 * i + k] = row[16 + k];
    }
  }

  const mgg_aqs_event_params p = {par[0], par[1], par[2], {ntypes, rc, par[3]}};
  mgg_aqs_event_result r = {d2min, nneigh, broken, formed, vm, cluster, sizes, 0, 0, 0};
  work_buffer w = {0};
  mgg_status st;
  do st = mgg_aqs_event_analysis(&p, (size_t) n, type, &cell[0], xb, &cell[1], xs, xa, sb, sa,
                                 w.work, w.len, &w.need, &r);
  while (work_buffer_retry(&w, st));
  if (st != MGG_OK) return fail(mgg_status_message(st));
  for (long i = 0; i < n; i++)
    printf("%.17g %d %d %.17g %d\n", d2min[i], broken[i], formed[i], vm[i], cluster[i]);
  printf("# n_above %zu\n# n_unfitted %zu\n# cluster_sizes", r.n_above, r.n_unfitted);
  for (size_t c = 0; c < r.n_clusters; c++) printf(" %zu", sizes[c]);
  printf("\n# calls %d\n", w.calls);
  free(w.work), free(rc), free(type), free(nneigh), free(broken), free(formed), free(cluster), free(x), free(s);
  free(d2min), free(vm), free(sizes);
  return 0;
}
