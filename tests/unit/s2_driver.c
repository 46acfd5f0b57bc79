/* Per-atom S2 of a LAMMPS data file (orthogonal box, atom_style atomic),
 * for s2_reference.py and for timing the core.
 *
 * usage: s2_driver DATA RC SIGMA DR fixed|growing GROWTH GROWTH_START [N_CENTRES]
 * prints "id type s2" for the first N_CENTRES atoms of the file (all by default), and on stderr
 * the mean S2 and the time spent in mgg_neighbours_find_within() and mgg_s2_compute(). */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data_file.h"
#include "mgglass.h"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int fail(const char *what)
{
  fprintf(stderr, "s2_driver: %s\n", what);
  return 1;
}

int main(int argc, char **argv)
{
  if (argc < 8) return fail("usage: s2_driver DATA RC SIGMA DR fixed|growing GROWTH GROWTH_START [N_CENTRES]");
  data_file d;
  const char *error = data_file_read(argv[1], &d);
  if (error) return fail(error);
  if (d.xy != 0.0 || d.xz != 0.0 || d.yz != 0.0) return fail("the box must be orthogonal");
  const long natoms = (long) d.n;
  const int ntypes = d.n_types;
  /* positions as in the file, any image: the copies cover them */
  const double *xa = d.x;
  const int *ta = d.type, *ida = d.id;
  double *rho = calloc(ntypes, sizeof(double));

  double len[3], volume = 1.0;
  for (int k = 0; k < 3; k++) volume *= len[k] = d.hi[k] - d.lo[k];
  for (long i = 0; i < natoms; i++) rho[ta[i]] += 1.0 / volume;

  mgg_s2_params p;
  p.cutoff = atof(argv[2]);
  p.sigma = atof(argv[3]);
  p.dr = atof(argv[4]);
  p.n_types = ntypes;
  p.density = rho;
  p.smoothing = strcmp(argv[5], "growing") == 0 ? MGG_S2_GROWING_WIDTH : MGG_S2_FIXED_WIDTH;
  p.growth = atof(argv[6]);
  p.growth_start = atof(argv[7]);
  const long ncentres = argc > 8 && atol(argv[8]) > 0 && atol(argv[8]) < natoms ? atol(argv[8]) : natoms;
  const double radius = mgg_s2_search_radius(&p);
  if (!(radius > 0.0)) return fail("invalid S2 parameters");

  /* periodic copies: enough images along each axis to cover the search radius */
  int nim[3];
  size_t npts = natoms;
  for (int k = 0; k < 3; k++) {
    nim[k] = (int) ceil(radius / len[k]);
    npts *= 2 * nim[k] + 1;
  }
  double *x = malloc(3 * npts * sizeof(double));
  int *type = malloc(npts * sizeof(int)), *centre = malloc(ncentres * sizeof(int));
  size_t q = 0;
  /* image (0,0,0) first, so that the atoms are points 0 .. natoms-1 */
  for (int pass = 0; pass < 2; pass++)
    for (int a = -nim[0]; a <= nim[0]; a++)
      for (int b = -nim[1]; b <= nim[1]; b++)
        for (int c = -nim[2]; c <= nim[2]; c++) {
          if ((pass == 0) != (a == 0 && b == 0 && c == 0)) continue;
          for (long i = 0; i < natoms; i++, q++) {
            x[3 * q] = xa[3 * i] + a * len[0];
            x[3 * q + 1] = xa[3 * i + 1] + b * len[1];
            x[3 * q + 2] = xa[3 * i + 2] + c * len[2];
            type[q] = ta[i];
          }
        }
  for (long k = 0; k < ncentres; k++) centre[k] = (int) k;

  const double t0 = now();
  const size_t wlen = mgg_neighbours_find_within_work_size(npts, x, ncentres, centre, radius);
  void *ws = malloc(wlen);
  size_t *start = malloc((ncentres + 1) * sizeof(size_t)), found = 0, cap = 0;
  int *index = NULL;
  mgg_status st = mgg_neighbours_find_within(npts, x, ncentres, centre, radius, ws, wlen, start, index, cap, &found);
  if (st == MGG_ERR_BUFFER_TOO_SMALL) {
    cap = found;
    index = malloc(cap * sizeof(int));
    st = mgg_neighbours_find_within(npts, x, ncentres, centre, radius, ws, wlen, start, index, cap, &found);
  }
  if (st != MGG_OK) return fail(mgg_status_message(st));
  const double t1 = now();

  const mgg_neighbours nb = {(size_t) ncentres, centre, start, index};
  const size_t work_len = mgg_s2_compute_work_size(&p);
  void *work = malloc(work_len);
  double *s2 = malloc(ncentres * sizeof(double));
  st = mgg_s2_compute(&p, npts, x, type, &nb, work, work_len, s2);
  if (st != MGG_OK) return fail(mgg_status_message(st));
  const double t2 = now();

  double mean = 0.0;
  for (long k = 0; k < ncentres; k++) {
    printf("%d %d %.15e\n", ida[k], ta[k] + 1, s2[k]);
    mean += s2[k] / ncentres;
  }
  fprintf(stderr,
          "centres %ld  search radius %.3f A  candidates/centre %.1f  mean S2 %.6f  "
          "search %.3f s  s2 %.3f s\n",
          ncentres, radius, (double) found / ncentres, mean, t1 - t0, t2 - t1);
  data_file_free(&d);
  free(rho); free(x); free(type); free(centre);
  free(ws); free(start); free(index); free(work); free(s2);
  return 0;
}
