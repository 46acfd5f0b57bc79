/* Energy and forces of a LAMMPS data file (orthogonal periodic box, atom_style atomic) with the
 * core's EAM engine, printed for comparison with LAMMPS (eam_lammps_check.py):
 *
 *   eam_driver DATA fs|alloy POTENTIAL ELEMENT_OF_TYPE_1 ... [options]
 *   eam_driver DATA funcfl FILE_OF_TYPE_1 ... [options]
 *
 * stdout: "# total_energy E", then "id type energy fx fy fz" per atom in id order (%.17g).
 * Options: --repeat N  time N energy+force evaluations (stderr);
 *          --moving M  also time mgg_eam_energy_forces_moving() (N times) with every atom moving
 *                      and with the first M atoms of the file moving, as ratios to the whole
 *                      evaluation, and give its largest force difference from it (stderr);
 *          --hessian   also build the Hessian and report its size and timings (stderr);
 *          --dynmat N FILE  write the dynamical matrix H_ij / sqrt(m_i m_j) (eV/A^2/amu) of the
 *                      atoms with ids 1 .. N, 3N rows of 3N values, as LAMMPS's dynamical_matrix
 *                      orders it (implies --hessian). */
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
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int die(const char *what)
{
  fprintf(stderr, "eam_driver: %s\n", what);
  return 1;
}

int main(int argc, char **argv)
{
  if (argc < 4) return die("usage: eam_driver DATA fs|alloy|funcfl FILE ARG... [--repeat N] [--hessian]");
  int repeat = 1, hessian = 0, nargs = 0, ndyn = 0, moving = -1;
  const char *args[64], *dynfile = NULL;
  for (int a = 3; a < argc; a++) {
    if (strcmp(argv[a], "--repeat") == 0 && a + 1 < argc) repeat = atoi(argv[++a]);
    else if (strcmp(argv[a], "--hessian") == 0) hessian = 1;
    else if (strcmp(argv[a], "--moving") == 0 && a + 1 < argc) moving = atoi(argv[++a]);
    else if (strcmp(argv[a], "--dynmat") == 0 && a + 2 < argc) {
      hessian = 1;
      ndyn = atoi(argv[++a]);
      dynfile = argv[++a];
    }
    else if (nargs < 64) args[nargs++] = argv[a];
  }
  data_file d;
  const char *error = data_file_read(argv[1], &d);
  if (error) return die(error);
  if (d.xy != 0.0 || d.xz != 0.0 || d.yz != 0.0) return die("the box must be orthogonal");

  char msg[512] = "";
  mgg_eam *eam = NULL;
  mgg_status st;
  if (strcmp(argv[2], "funcfl") == 0) {
    if (nargs != d.n_types) return die("funcfl: give one file per atom type");
    st = mgg_eam_read_funcfl(nargs, args, &eam, msg, sizeof msg);
  } else {
    if (nargs != d.n_types + 1) return die("give the potential file and one element per atom type");
    const mgg_eam_format format = strcmp(argv[2], "fs") == 0 ? MGG_EAM_FS : MGG_EAM_SETFL;
    st = mgg_eam_read_setfl(args[0], format, d.n_types, args + 1, &eam, msg, sizeof msg);
  }
  if (st != MGG_OK) return die(msg);
  const double cut = mgg_eam_cutoff(eam);

  /* atoms, then their periodic copies within the cutoff of the box: x + shift L, the way
   * LAMMPS makes its ghost atoms */
  double L[3];
  for (int a = 0; a < 3; a++) {
    L[a] = d.hi[a] - d.lo[a];
    if (L[a] <= cut) return die("the box must be wider than the cutoff");
  }
  const size_t n = d.n;
  double *x = malloc(27 * 3 * n * sizeof(double));
  int *type = malloc(27 * n * sizeof(int)), *owner = malloc(27 * n * sizeof(int));
  int *centre = malloc(n * sizeof(int));
  if (!x || !type || !owner || !centre) return die("out of memory");
  memcpy(x, d.x, 3 * n * sizeof(double));
  size_t np = n;
  for (size_t i = 0; i < n; i++) {
    type[i] = d.type[i];
    owner[i] = (int) i;
    centre[i] = (int) i;
  }
  for (int s = 1; s < 27; s++) {
    const int shift[3] = {s % 3 == 2 ? -1 : s % 3, (s / 3) % 3 == 2 ? -1 : (s / 3) % 3, s / 9 == 2 ? -1 : s / 9};
    for (size_t i = 0; i < n; i++) {
      double c[3];
      int inside = 1;
      for (int a = 0; a < 3; a++) {
        c[a] = shift[a] ? d.x[3 * i + a] + shift[a] * L[a] : d.x[3 * i + a];
        inside &= c[a] >= d.lo[a] - cut && c[a] < d.hi[a] + cut;
      }
      if (!inside) continue;
      memcpy(x + 3 * np, c, sizeof c);
      type[np] = d.type[i];
      owner[np] = (int) i;
      np++;
    }
  }

  double t0 = now();
  const size_t wbytes = mgg_neighbours_find_within_work_size(np, x, n, centre, cut);
  void *ws = malloc(wbytes);
  size_t *start = malloc((n + 1) * sizeof(size_t)), found = 0, cap = 200 * n;
  int *index = malloc(cap * sizeof(int));
  if (!ws || !start || !index) return die("out of memory");
  st = mgg_neighbours_find_within(np, x, n, centre, cut, ws, wbytes, start, index, cap, &found);
  if (st == MGG_ERR_BUFFER_TOO_SMALL) {
    free(index);
    cap = found;
    index = malloc(cap * sizeof(int));
    if (!index) return die("out of memory");
    st = mgg_neighbours_find_within(np, x, n, centre, cut, ws, wbytes, start, index, cap, &found);
  }
  if (st != MGG_OK) return die(mgg_status_message(st));
  const double t_neigh = now() - t0;
  mgg_neighbours nb = {n, centre, start, index};
  mgg_eam_system sys = {np, x, type, owner, &nb};

  const size_t nwork = mgg_eam_energy_forces_work_size(n);
  void *work = malloc(nwork);
  double *e = malloc(n * sizeof(double));
  double *f = malloc(3 * n * sizeof(double));
  if (!work || !e || !f) return die("out of memory");
  t0 = now();
  for (int r = 0; r < repeat; r++) {
    st = mgg_eam_energy_forces(eam, &sys, work, nwork, e, f);
    if (st != MGG_OK) return die(mgg_status_message(st));
  }
  const double t_ef = (now() - t0) / repeat;
  fprintf(stderr, "atoms %zu points %zu pairs %zu: neighbour search %.4f s, energy+forces %.5f s\n",
          n, np, found, t_neigh, t_ef);

  if (moving >= 0) {
    /* the evaluation of the moving atoms' terms, every pair once: all atoms, then the first M */
    if ((size_t) moving > n) return die("--moving: M out of range");
    double *rho_fixed = malloc(n * sizeof(double)), *fm = malloc(3 * n * sizeof(double));
    if (!rho_fixed || !fm) return die("out of memory");
    const size_t counts[2] = {n, (size_t) moving};
    for (int c = 0; c < 2; c++) {
      st = mgg_eam_fixed_densities(eam, &sys, counts[c], rho_fixed);
      if (st != MGG_OK) return die(mgg_status_message(st));
      double em = 0.0, df = 0.0;
      t0 = now();
      for (int r = 0; r < repeat; r++) {
        st = mgg_eam_energy_forces_moving(eam, &sys, counts[c], n, rho_fixed, work, nwork, &em, fm);
        if (st != MGG_OK) return die(mgg_status_message(st));
      }
      const double t_m = (now() - t0) / repeat;
      for (size_t q = 0; q < 3 * counts[c]; q++) df = fmax(df, fabs(fm[q] - f[q]));
      fprintf(stderr, "%zu atoms moving: %.5f s per evaluation, %.3f of the whole one's time; "
              "largest force difference %.2e eV/A\n", counts[c], t_m, t_m / t_ef, df);
    }
    free(rho_fixed);
    free(fm);
  }

  double total = 0.0;
  for (size_t i = 0; i < n; i++) total += e[i];
  printf("# total_energy %.17g\n", total);
  size_t *order = malloc(n * sizeof(size_t));
  if (!order) return die("out of memory");
  /* id order by a counting pass: ids of a data file are 1 .. n in any order */
  for (size_t i = 0; i < n; i++) order[d.id[i] - 1] = i;
  for (size_t k = 0; k < n; k++) {
    const size_t i = order[k];
    printf("%d %d %.17g %.17g %.17g %.17g\n", d.id[i], d.type[i] + 1, e[i], f[3 * i], f[3 * i + 1],
           f[3 * i + 2]);
  }

  if (hessian) {
    t0 = now();
    const size_t pbytes = mgg_eam_hessian_pattern_work_size(&sys);
    void *pws = malloc(pbytes);
    size_t *row_start = malloc((n + 1) * sizeof(size_t)), nblocks = 0;
    if (!pws || !row_start) return die("out of memory");
    st = mgg_eam_hessian_pattern(eam, &sys, pws, pbytes, row_start, NULL, 0, &nblocks);
    if (st != MGG_ERR_BUFFER_TOO_SMALL) return die("pattern size query failed");
    int *col = malloc(nblocks * sizeof(int));
    double *val = malloc(9 * nblocks * sizeof(double));
    if (!col || !val) return die("out of memory");
    st = mgg_eam_hessian_pattern(eam, &sys, pws, pbytes, row_start, col, nblocks, &nblocks);
    if (st != MGG_OK) return die(mgg_status_message(st));
    const double t_pattern = now() - t0;
    t0 = now();
    const size_t hbytes = mgg_eam_hessian_work_size(&sys);
    void *hws = malloc(hbytes);
    if (!hws) return die("out of memory");
    st = mgg_eam_hessian(eam, &sys, hws, hbytes, row_start, col, nblocks, val);
    if (st != MGG_OK) return die(mgg_status_message(st));
    const double t_values = now() - t0;
    double reach = 0.0, asym = 0.0, rowsum = 0.0, scale = 0.0;
    for (size_t i = 0; i < n; i++) {
      double sum[9] = {0};
      for (size_t b = row_start[i]; b < row_start[i + 1]; b++) {
        const int j = col[b];
        double r2 = 0.0;
        for (int a = 0; a < 3; a++) {
          double dx = d.x[3 * j + a] - d.x[3 * i + a];
          dx -= L[a] * nearbyint(dx / L[a]);
          r2 += dx * dx;
        }
        reach = fmax(reach, sqrt(r2));
        for (int q = 0; q < 9; q++) {
          sum[q] += val[9 * b + q];
          scale = fmax(scale, fabs(val[9 * b + q]));
        }
      }
      for (int q = 0; q < 9; q++) rowsum = fmax(rowsum, fabs(sum[q]));
    }
    for (size_t i = 0; i < n; i++)
      for (size_t b = row_start[i]; b < row_start[i + 1]; b++) {
        const size_t j = (size_t) col[b];
        for (size_t t = row_start[j]; t < row_start[j + 1]; t++)
          if ((size_t) col[t] == i)
            for (int a = 0; a < 3; a++)
              for (int c = 0; c < 3; c++)
                asym = fmax(asym, fabs(val[9 * b + 3 * a + c] - val[9 * t + 3 * c + a]));
      }
    if (dynfile) {
      /* the blocks of atoms 1 .. ndyn (by id) as a dense matrix, rows i alpha, columns j beta */
      if (ndyn < 1 || (size_t) ndyn > n) return die("--dynmat: N out of range");
      const size_t N = 3 * (size_t) ndyn;
      double *dyn = calloc(N * N, sizeof(double));
      FILE *out = fopen(dynfile, "w");
      if (!dyn || !out) return die("--dynmat: cannot write the file");
      for (size_t i = 0; i < n; i++) {
        if (d.id[i] > ndyn) continue;
        for (size_t b = row_start[i]; b < row_start[i + 1]; b++) {
          const int j = col[b];
          if (d.id[j] > ndyn) continue;
          double mi, mj;
          mgg_eam_mass(eam, d.type[i], &mi);
          mgg_eam_mass(eam, d.type[j], &mj);
          for (int a = 0; a < 3; a++)
            for (int c = 0; c < 3; c++)
              dyn[(3 * (size_t) (d.id[i] - 1) + a) * N + 3 * (size_t) (d.id[j] - 1) + c] =
                  val[9 * b + 3 * a + c] / sqrt(mi * mj);
        }
      }
      for (size_t r = 0; r < N; r++)
        for (size_t c = 0; c < N; c++) fprintf(out, "%.17g%c", dyn[r * N + c], c + 1 < N ? ' ' : '\n');
      fclose(out);
      free(dyn);
    }
    fprintf(stderr,
            "hessian: %zu blocks, %.1f per atom, farthest coupled pair %.2f A; pattern %.3f s, "
            "values %.3f s; max |block entry| %.3g, max |row sum| %.3g, max asymmetry %.3g\n",
            nblocks, (double) nblocks / n, reach, t_pattern, t_values, scale, rowsum, asym);
    free(pws);
    free(row_start);
    free(col);
    free(val);
    free(hws);
  }
  mgg_eam_free(eam);
  free(x);
  free(type);
  free(owner);
  free(centre);
  free(ws);
  free(start);
  free(index);
  free(work);
  free(e);
  free(f);
  free(order);
  data_file_free(&d);
  return 0;
}
