/* D2min on analytic cases: a known non-affine perturbation, pure affine deformations of a
 * periodic triclinic system built from explicit periodic copies, degenerate neighbourhoods. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"
#include "work_buffer.h"

static const int NONE[3] = {0, 0, 0};
static const int ALL[3] = {1, 1, 1};

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* one centre (point 0) whose candidates are all other points; xr in Cartesian coordinates */
static mgg_status run_single(const mgg_dmin2_params *p, int n, const double *xc, const double *xr,
                             double *row)
{
  int centre = 0, idx[64];
  double sr[64 * 3], work[64 * 6];
  size_t start[2] = {0, (size_t) n - 1};
  for (int k = 1; k < n; k++) idx[k - 1] = k;
  mgg_neighbours nb = {1, &centre, start, idx};
  mgg_cell_to_fractional(&p->ref_cell, (size_t) n, xr, sr);
  return mgg_dmin2_compute(p, (size_t) n, xc, sr, &nb, work, sizeof work, row, NULL);
}

static mgg_dmin2_params open_params(double cutoff, mgg_dmin2_norm norm)
{
  mgg_dmin2_params p;
  p.cutoff = cutoff;
  p.norm = norm;
  mgg_cell_from_lammps(100.0, 100.0, 100.0, 0.0, 0.0, 0.0, NONE, &p.ref_cell);
  return p;
}

/* mean norm in a periodic cube of edge L */
static mgg_dmin2_params cubic_params(double cutoff, double L)
{
  mgg_dmin2_params p = open_params(cutoff, MGG_DMIN2_MEAN);
  mgg_cell_from_lammps(L, L, L, 0.0, 0.0, 0.0, ALL, &p.ref_cell);
  return p;
}

/* Octahedron of neighbours at distance a; neighbour +x moves by delta.  The fit gives
 * J = I + delta e_x^T / (2a), residuals delta/2 on +x and -x, so sum = |delta|^2 / 2 over 6 bonds. */
static void test_octahedron_known_perturbation(void **state)
{
  (void) state;
  const double a = 2.5, delta[3] = {0.1, 0.2, -0.15};
  double xr[7 * 3] = {0, 0, 0, a, 0, 0, -a, 0, 0, 0, a, 0, 0, -a, 0, 0, 0, a, 0, 0, -a};
  double xc[7 * 3];
  memcpy(xc, xr, sizeof xr);
  for (int k = 0; k < 3; k++) xc[3 + k] += delta[k];
  const double d2 = delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2];

  double row[MGG_DMIN2_NCOLS];
  mgg_dmin2_params p = open_params(3.0, MGG_DMIN2_MEAN);
  assert_int_equal(run_single(&p, 7, xc, xr, row), MGG_OK);
  assert_true(fabs(row[MGG_DMIN2_COL_D2MIN] - d2 / 12.0) < 1e-15);
  assert_int_equal((int) row[MGG_DMIN2_COL_NNEIGH], 6);
  assert_int_equal((int) row[MGG_DMIN2_COL_FLAG], MGG_DMIN2_FLAG_OK);

  p.norm = MGG_DMIN2_SUM;
  assert_int_equal(run_single(&p, 7, xc, xr, row), MGG_OK);
  assert_true(fabs(row[MGG_DMIN2_COL_D2MIN] - d2 / 2.0) < 1e-15);

  /* J = I + u e_x^T with u = delta / (2a): E = (u e_x^T + e_x u^T + |u|^2 e_x e_x^T) / 2 */
  double u[3], e[3][3] = {{0}};
  for (int k = 0; k < 3; k++) u[k] = delta[k] / (2.0 * a);
  const double uu = u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
  for (int k = 0; k < 3; k++) {
    e[0][k] += 0.5 * u[k];
    e[k][0] += 0.5 * u[k];
  }
  e[0][0] += 0.5 * uu;
  const double vm = sqrt(e[0][1] * e[0][1] + e[0][2] * e[0][2] + e[1][2] * e[1][2] +
                         (pow(e[0][0] - e[1][1], 2) + pow(e[1][1] - e[2][2], 2) + pow(e[2][2] - e[0][0], 2)) / 6.0);
  assert_true(fabs(row[MGG_DMIN2_COL_VON_MISES] - vm) < 1e-14);
  assert_true(fabs(row[MGG_DMIN2_COL_VOLUMETRIC] - (e[0][0] + e[1][1] + e[2][2]) / 3.0) < 1e-14);
}

/* Simple shear by gamma: D2min = 0, von Mises = sqrt(gamma^2/4 + gamma^4/12), volumetric gamma^2/6. */
static void test_simple_shear_invariants(void **state)
{
  (void) state;
  const double g = 0.07;
  double xr[9 * 3] = {0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 2, 0, 0, -2, 1.3, 1.1, 0.9, -1.2, 0.8, -1.0};
  double xc[9 * 3];
  for (int k = 0; k < 9; k++) {
    xc[3 * k] = xr[3 * k] + g * xr[3 * k + 1];
    xc[3 * k + 1] = xr[3 * k + 1];
    xc[3 * k + 2] = xr[3 * k + 2];
  }
  double row[MGG_DMIN2_NCOLS];
  mgg_dmin2_params p = open_params(3.0, MGG_DMIN2_MEAN);
  assert_int_equal(run_single(&p, 9, xc, xr, row), MGG_OK);
  assert_true(row[MGG_DMIN2_COL_D2MIN] < 1e-28);
  assert_true(fabs(row[MGG_DMIN2_COL_VON_MISES] - sqrt(g * g / 4 + g * g * g * g / 12)) < 1e-14);
  assert_true(fabs(row[MGG_DMIN2_COL_VOLUMETRIC] - g * g / 6) < 1e-15);
}

/* A periodic triclinic system given the way the plugin gives it: owned atoms plus periodic
 * copies, each copy carrying its atom's reference position.  An affine deformation F of cell
 * and atoms leaves D2min = 0 for every atom; moving one atom (and its copies) makes only its
 * own neighbourhood non-affine. */
#define NATOM 60
#define NCOPY (NATOM * 27)
static double xcur[NCOPY * 3], xref[NCOPY * 3];
static int owner[NCOPY];

static void build_periodic(const double F[3][3], const mgg_cell *c0, unsigned seed)
{
  double frac[NATOM][3];
  for (int i = 0; i < NATOM; i++)
    for (int k = 0; k < 3; k++) frac[i][k] = uniform(&seed, 0.0, 1.0);
  int p = 0;
  for (int n = 0; n < 27; n++) {
    const int shift[3] = {n % 3 == 2 ? -1 : n % 3, (n / 3) % 3 == 2 ? -1 : (n / 3) % 3, n / 9 == 2 ? -1 : n / 9};
    for (int i = 0; i < NATOM; i++, p++) {
      double s[3], r0[3], rc[3];
      for (int k = 0; k < 3; k++) s[k] = frac[i][k] + shift[k];
      for (int r = 0; r < 3; r++) {
        r0[r] = c0->h[r][0] * s[0] + c0->h[r][1] * s[1] + c0->h[r][2] * s[2];
        if (n == 0) xref[3 * i + r] = r0[r];
      }
      for (int r = 0; r < 3; r++) rc[r] = F[r][0] * r0[0] + F[r][1] * r0[1] + F[r][2] * r0[2];
      for (int r = 0; r < 3; r++) {
        xcur[3 * p + r] = rc[r];
        xref[3 * p + r] = xref[3 * i + r]; /* the owner's reference position, unshifted */
      }
      owner[p] = i;
    }
  }
}

/* candidates: every point within rsearch of the centre now (brute force) */
static size_t candidates(double rsearch, int *centre, size_t *start, int *idx, size_t cap)
{
  size_t m = 0;
  start[0] = 0;
  for (int i = 0; i < NATOM; i++) {
    centre[i] = i;
    for (int j = 0; j < NCOPY; j++) {
      double r2 = 0.0;
      for (int k = 0; k < 3; k++) r2 += pow(xcur[3 * j + k] - xcur[3 * i + k], 2);
      if (j != i && r2 < rsearch * rsearch) {
        assert_true(m < cap);
        idx[m++] = j;
      }
    }
    start[i + 1] = m;
  }
  return m;
}

/* the mean-norm parameters of a cell box = {lx ly lz xy xz yz} and build_periodic() in it */
static mgg_dmin2_params periodic_system(double cutoff, const double box[6], const double F[3][3],
                                        unsigned seed)
{
  mgg_dmin2_params p;
  p.cutoff = cutoff;
  p.norm = MGG_DMIN2_MEAN;
  mgg_cell_from_lammps(box[0], box[1], box[2], box[3], box[4], box[5], ALL, &p.ref_cell);
  build_periodic(F, &p.ref_cell, seed);
  return p;
}

static void test_periodic_affine_and_local_perturbation(void **state)
{
  (void) state;
  const double box[6] = {8.0, 8.5, 9.0, 2.0, -1.5, 1.0};
  const double F[3][3] = {{1.02, 0.12, -0.03}, {0.01, 0.97, 0.05}, {-0.02, 0.04, 1.01}};
  mgg_dmin2_params p = periodic_system(3.2, box, F, 99u);

  static int centre[NATOM], idx[NATOM * 400];
  static size_t start[NATOM + 1];
  candidates(3.9, centre, start, idx, sizeof idx / sizeof idx[0]);
  mgg_neighbours nb = {NATOM, centre, start, idx};
  static double out[NATOM * MGG_DMIN2_NCOLS], sref[NCOPY * 3], work[6 * 400];
  static int count[NATOM];
  mgg_cell_to_fractional(&p.ref_cell, NCOPY, xref, sref);
  const size_t nwork = mgg_dmin2_compute_work_size(&nb);
  assert_true(nwork > 0 && nwork <= sizeof work);
  assert_int_equal(mgg_dmin2_compute(&p, NCOPY, xcur, sref, &nb, work, nwork - 1, out, NULL), MGG_ERR_BUFFER_TOO_SMALL);
  double longest = -1.0;
  assert_int_equal(mgg_dmin2_compute(&p, NCOPY, xcur, sref, &nb, work, nwork, out, &longest), MGG_OK);
  assert_int_equal(mgg_dmin2_count_neighbours(&p, NCOPY, sref, &nb, count), MGG_OK);
  /* the longest current reference bond, by brute force over the candidates */
  double expected_longest = 0.0;
  for (int i = 0; i < NATOM; i++)
    for (size_t c = start[i]; c < start[i + 1]; c++) {
      double d0[3], d[3];
      for (int k = 0; k < 3; k++) {
        d0[k] = xref[3 * idx[c] + k] - xref[3 * i + k];
        d[k] = xcur[3 * idx[c] + k] - xcur[3 * i + k];
      }
      mgg_cell_minimum_image(&p.ref_cell, d0);
      if (d0[0] * d0[0] + d0[1] * d0[1] + d0[2] * d0[2] < p.cutoff * p.cutoff)
        expected_longest = fmax(expected_longest, sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
    }
  assert_true(expected_longest > p.cutoff * 0.9 && fabs(longest - expected_longest) < 1e-12);

  /* E of F, computed here independently */
  double e[3][3];
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += F[k][a] * F[k][b];
      e[a][b] = 0.5 * (s - (a == b));
    }
  const double vm = sqrt(e[0][1] * e[0][1] + e[0][2] * e[0][2] + e[1][2] * e[1][2] +
                         (pow(e[0][0] - e[1][1], 2) + pow(e[1][1] - e[2][2], 2) + pow(e[2][2] - e[0][0], 2)) / 6.0);
  int fitted = 0;
  for (int i = 0; i < NATOM; i++) {
    const double *row = out + i * MGG_DMIN2_NCOLS;
    /* the neighbour count equals a brute-force count over reference images */
    int n = 0;
    for (int j = 0; j < NATOM; j++)
      for (int q = 0; q < 27; q++) {
        double d[3];
        for (int k = 0; k < 3; k++) d[k] = xref[3 * (j + q * NATOM) + k] - xref[3 * i + k];
        /* images of j relative to i in the reference cell */
        const int shift[3] = {q % 3 == 2 ? -1 : q % 3, (q / 3) % 3 == 2 ? -1 : (q / 3) % 3, q / 9 == 2 ? -1 : q / 9};
        for (int r = 0; r < 3; r++)
          d[r] += p.ref_cell.h[r][0] * shift[0] + p.ref_cell.h[r][1] * shift[1] + p.ref_cell.h[r][2] * shift[2];
        const double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        n += r2 > 0.0 && r2 < p.cutoff * p.cutoff;
      }
    assert_int_equal((int) row[MGG_DMIN2_COL_NNEIGH], n);
    assert_int_equal(count[i], n);
    if (row[MGG_DMIN2_COL_FLAG] != MGG_DMIN2_FLAG_OK) continue;
    fitted++;
    assert_true(row[MGG_DMIN2_COL_D2MIN] < 1e-24);
    assert_true(fabs(row[MGG_DMIN2_COL_VON_MISES] - vm) < 1e-12);
    assert_true(fabs(row[MGG_DMIN2_COL_VOLUMETRIC] - (e[0][0] + e[1][1] + e[2][2]) / 3.0) < 1e-12);
  }
  assert_true(fitted > NATOM / 2);

  /* move atom 7 and all of its copies: non-zero D2min exactly for 7 and its neighbours */
  for (int q = 0; q < NCOPY; q++)
    if (owner[q] == 7) {
      xcur[3 * q] += 0.3;
      xcur[3 * q + 2] -= 0.2;
    }
  assert_int_equal(mgg_dmin2_compute(&p, NCOPY, xcur, sref, &nb, work, nwork, out, NULL), MGG_OK);
  for (int i = 0; i < NATOM; i++) {
    const double *row = out + i * MGG_DMIN2_NCOLS;
    if (row[MGG_DMIN2_COL_FLAG] != MGG_DMIN2_FLAG_OK) continue;
    int has7 = i == 7;
    for (size_t c = start[i]; c < start[i + 1]; c++) {
      double d[3];
      for (int k = 0; k < 3; k++) d[k] = xref[3 * idx[c] + k] - xref[3 * i + k];
      mgg_cell_minimum_image(&p.ref_cell, d);
      if (owner[idx[c]] == 7 && d[0] * d[0] + d[1] * d[1] + d[2] * d[2] < p.cutoff * p.cutoff) has7 = 1;
    }
    if (has7) assert_true(row[MGG_DMIN2_COL_D2MIN] > 1e-6);
    else assert_true(row[MGG_DMIN2_COL_D2MIN] < 1e-24);
  }
}

static void test_few_neighbours_and_singular(void **state)
{
  (void) state;
  double row[MGG_DMIN2_NCOLS];
  mgg_dmin2_params p = open_params(3.0, MGG_DMIN2_MEAN);
  /* two neighbours, and a third beyond the cutoff */
  double xr[4 * 3] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3.5};
  double xc[4 * 3] = {0, 0, 0, 1.3, 0, 0, 0, 0.6, 0, 0, 0, 3.5};
  assert_int_equal(run_single(&p, 4, xc, xr, row), MGG_OK);
  assert_int_equal((int) row[MGG_DMIN2_COL_FLAG], MGG_DMIN2_FLAG_FEW_NEIGHBOURS);
  assert_int_equal((int) row[MGG_DMIN2_COL_NNEIGH], 2);
  assert_true(row[MGG_DMIN2_COL_D2MIN] == 0.0 && row[MGG_DMIN2_COL_VON_MISES] == 0.0 &&
              row[MGG_DMIN2_COL_VOLUMETRIC] == 0.0);

  /* four neighbours in one plane: V is singular */
  double pr[5 * 3] = {0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0.5, 0.5, 0};
  double pc[5 * 3] = {0, 0, 0, 1.2, 0, 0.3, -1, 0, 0, 0, 1, -0.2, 0.5, 0.6, 0};
  assert_int_equal(run_single(&p, 5, pc, pr, row), MGG_OK);
  assert_int_equal((int) row[MGG_DMIN2_COL_FLAG], MGG_DMIN2_FLAG_SINGULAR);
  assert_int_equal((int) row[MGG_DMIN2_COL_NNEIGH], 4);
  for (int c = 0; c < MGG_DMIN2_NCOLS; c++) assert_false(isnan(row[c]));
  assert_true(row[MGG_DMIN2_COL_D2MIN] == 0.0);
}

/* a periodic copy of the centre itself is never its own neighbour */
static void test_self_image_excluded(void **state)
{
  (void) state;
  mgg_dmin2_params p = cubic_params(3.0, 10.0);
  double xr[5 * 3] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
  double xc[5 * 3] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 10, 0, 0};
  double row[MGG_DMIN2_NCOLS];
  assert_int_equal(run_single(&p, 5, xc, xr, row), MGG_OK);
  assert_int_equal((int) row[MGG_DMIN2_COL_NNEIGH], 3);
}

static void test_argument_errors(void **state)
{
  (void) state;
  double row[MGG_DMIN2_NCOLS], x[6] = {0, 0, 0, 1, 0, 0}, w[6];
  int centre = 0, idx = 1, bad = 5, count;
  size_t start[2] = {0, 1};
  mgg_neighbours nb = {1, &centre, start, &idx};
  mgg_dmin2_params p = open_params(3.0, MGG_DMIN2_MEAN);
  assert_int_equal(mgg_dmin2_compute(NULL, 2, x, x, &nb, w, sizeof w, row, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_compute(&p, 2, NULL, x, &nb, w, sizeof w, row, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &nb, w, sizeof w, NULL, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &nb, NULL, sizeof w, row, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &nb, w, sizeof w - 1, row, NULL), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_dmin2_count_neighbours(&p, 2, x, &nb, NULL), MGG_ERR_NULL_ARGUMENT);
  mgg_neighbours bad_nb = {1, &centre, start, &bad};
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &bad_nb, w, sizeof w, row, NULL), MGG_ERR_BAD_INDEX);
  assert_int_equal(mgg_dmin2_count_neighbours(&p, 2, x, &bad_nb, &count), MGG_ERR_BAD_INDEX);
  p.cutoff = 0.0;
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &nb, w, sizeof w, row, NULL), MGG_ERR_BAD_ARGUMENT);
  p.cutoff = 3.0;
  p.norm = (mgg_dmin2_norm) 7;
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &nb, w, sizeof w, row, NULL), MGG_ERR_BAD_ARGUMENT);
  p.norm = MGG_DMIN2_SUM;
  mgg_neighbours empty = {0, NULL, NULL, NULL};
  assert_int_equal(mgg_dmin2_compute(&p, 0, NULL, NULL, &empty, NULL, 0, NULL, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &empty, NULL, 0, NULL, NULL), MGG_OK);
  /* a centre without candidates needs no work space and has too few neighbours */
  size_t lonely[2] = {0, 0};
  mgg_neighbours alone = {1, &centre, lonely, &idx};
  assert_int_equal(mgg_dmin2_compute(&p, 2, x, x, &alone, NULL, 0, row, NULL), MGG_OK);
  assert_int_equal((int) row[MGG_DMIN2_COL_FLAG], MGG_DMIN2_FLAG_FEW_NEIGHBOURS);
}

/* ---- mgg_dmin2_periodic(): whole configurations, each in its own cell ---- */

/* a cell with arbitrary vectors (columns of h), periodic along all three */
static void general_cell(const double h[3][3], mgg_cell *c)
{
  const double det = h[0][0] * (h[1][1] * h[2][2] - h[1][2] * h[2][1]) -
                     h[0][1] * (h[1][0] * h[2][2] - h[1][2] * h[2][0]) +
                     h[0][2] * (h[1][0] * h[2][1] - h[1][1] * h[2][0]);
  for (int r = 0; r < 3; r++)
    for (int k = 0; k < 3; k++) {
      c->h[r][k] = h[r][k];
      /* inverse by cofactors: hinv[r][k] = C[k][r] / det */
      const int k1 = (k + 1) % 3, k2 = (k + 2) % 3, r1 = (r + 1) % 3, r2 = (r + 2) % 3;
      c->hinv[r][k] = (h[k1][r1] * h[k2][r2] - h[k1][r2] * h[k2][r1]) / det;
    }
  for (int k = 0; k < 3; k++) c->periodic[k] = 1;
}

static void periodic_rows(const mgg_dmin2_params *p, const double *x_ref, const mgg_cell *cur,
                          const double *x_cur, double *rows)
{
  work_buffer w = {0};
  mgg_status st;
  do st = mgg_dmin2_periodic(p, NATOM, x_ref, cur, x_cur, w.work, w.len, &w.need, rows);
  while (work_buffer_retry(&w, st));
  assert_int_equal(st, MGG_OK);
  assert_true(w.calls <= 4);
  free(w.work);
}

static void assert_rows_equal(const double *a, const double *b)
{
  for (int k = 0; k < NATOM * MGG_DMIN2_NCOLS; k++)
    assert_true(fabs(a[k] - b[k]) <= 1e-10 * (1.0 + fabs(b[k])));
}

/* The same D2min as mgg_dmin2_compute() on explicit periodic copies (the route of compute
 * dmin2), for an affine deformation and with one atom moved; unchanged when the positions are
 * given as other periodic images or translated uniformly, and when the current cell's vectors
 * are recombined as in a
 * box flip (the tilt xy beyond lx / 2 after the deformation; b' = b - a). */
static void test_dmin2_periodic_configurations(void **state)
{
  (void) state;
  const double box[6] = {16.0, 16.5, 17.0, 7.5, -1.5, 1.0};
  const double F[3][3] = {{1.01, 0.05, 0.0}, {0.0, 0.99, 0.02}, {0.01, 0.0, 1.0}};
  mgg_dmin2_params p = periodic_system(5.0, box, F, 17u);
  double hc[3][3];
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      hc[r][c] = F[r][0] * p.ref_cell.h[0][c] + F[r][1] * p.ref_cell.h[1][c] + F[r][2] * p.ref_cell.h[2][c];
  mgg_cell cur;
  general_cell(hc, &cur);

  static int centre[NATOM], idx[NATOM * 400];
  static size_t start[NATOM + 1];
  static double expected[NATOM * MGG_DMIN2_NCOLS], got[NATOM * MGG_DMIN2_NCOLS], sref[NCOPY * 3];
  static double work[6 * 400], xr[NATOM * 3], xc[NATOM * 3];
  for (int move = 0; move < 2; move++) {
    if (move) /* atom 7 and its copies */
      for (int q = 0; q < NCOPY; q++)
        if (owner[q] == 7) {
          xcur[3 * q] += 0.3;
          xcur[3 * q + 2] -= 0.2;
        }
    candidates(7.0, centre, start, idx, sizeof idx / sizeof idx[0]);
    mgg_neighbours nb = {NATOM, centre, start, idx};
    mgg_cell_to_fractional(&p.ref_cell, NCOPY, xref, sref);
    assert_int_equal(mgg_dmin2_compute(&p, NCOPY, xcur, sref, &nb, work, sizeof work, expected, NULL), MGG_OK);
    int fitted = 0;
    for (int i = 0; i < NATOM; i++) fitted += expected[i * MGG_DMIN2_NCOLS + MGG_DMIN2_COL_FLAG] == MGG_DMIN2_FLAG_OK;
    assert_true(fitted > NATOM / 2);
    if (move) assert_true(expected[7 * MGG_DMIN2_NCOLS + MGG_DMIN2_COL_D2MIN] > 1e-3);

    periodic_rows(&p, xref, &cur, xcur, got);
    assert_rows_equal(got, expected);

    /* other images: reference positions shifted by reference lattice vectors, current ones by
     * current lattice vectors */
    unsigned seed = 3u + move;
    for (int i = 0; i < NATOM; i++) {
      const int n0[3] = {(int) uniform(&seed, -2.0, 3.0), (int) uniform(&seed, -2.0, 3.0), (int) uniform(&seed, -2.0, 3.0)};
      const int n1[3] = {(int) uniform(&seed, -2.0, 3.0), (int) uniform(&seed, -2.0, 3.0), (int) uniform(&seed, -2.0, 3.0)};
      for (int r = 0; r < 3; r++) {
        xr[3 * i + r] = xref[3 * i + r];
        xc[3 * i + r] = xcur[3 * i + r];
        for (int k = 0; k < 3; k++) {
          xr[3 * i + r] += p.ref_cell.h[r][k] * n0[k];
          xc[3 * i + r] += cur.h[r][k] * n1[k];
        }
      }
    }
    periodic_rows(&p, xr, &cur, xc, got);
    assert_rows_equal(got, expected);
    /* and translated uniformly by almost half the cell (another origin, a drift) */
    for (int i = 0; i < NATOM; i++) {
      xc[3 * i] += 7.7;
      xc[3 * i + 1] -= 6.1;
      xc[3 * i + 2] += 3.3;
    }
    periodic_rows(&p, xr, &cur, xc, got);
    assert_rows_equal(got, expected);

    double hf[3][3];
    for (int r = 0; r < 3; r++) {
      hf[r][0] = hc[r][0];
      hf[r][1] = hc[r][1] - hc[r][0];
      hf[r][2] = hc[r][2];
    }
    mgg_cell flipped;
    general_cell(hf, &flipped);
    assert_true(hc[0][1] > 0.5 * hc[0][0] && fabs(hf[0][1]) < 0.5 * hf[0][0]);
    periodic_rows(&p, xr, &flipped, xc, got);
    assert_rows_equal(got, expected);
  }
}

static void test_dmin2_periodic_errors(void **state)
{
  (void) state;
  mgg_dmin2_params p = cubic_params(3.0, 10.0);
  double x[6] = {1, 1, 1, 2, 1, 1}, y[6] = {1, 1, 1, 2, 1, 1}, out[2 * MGG_DMIN2_NCOLS], work[4096];
  size_t need;
  mgg_cell cur = p.ref_cell;
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, out), MGG_OK);
  assert_true(need <= sizeof work);
  /* the size reported on success is what the call needs: one byte less is too small */
  const size_t used = need;
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, used - 1, &need, out), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, used, &need, out), MGG_OK);
  assert_int_equal((int) out[MGG_DMIN2_COL_FLAG], MGG_DMIN2_FLAG_FEW_NEIGHBOURS);
  assert_int_equal(mgg_dmin2_periodic(NULL, 2, x, &cur, y, work, sizeof work, &need, out), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, NULL, y, work, sizeof work, &need, out), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, 64, &need, out), MGG_ERR_BUFFER_TOO_SMALL);
  assert_true(need > 64);
  /* an atom moved by 2.5: the search radius 3 + 5 exceeds half the cell */
  y[3] += 2.5;
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, out), MGG_ERR_BAD_ARGUMENT);
  y[3] -= 2.5;
  /* a cutoff of half the cell */
  p.cutoff = 5.0;
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, out), MGG_ERR_BAD_ARGUMENT);
  p.cutoff = 3.0;
  /* a current cell three times as long: no deformation of the reference cell's lattice */
  mgg_cell_from_lammps(30.0, 10.0, 10.0, 0.0, 0.0, 0.0, ALL, &cur);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, out), MGG_ERR_BAD_ARGUMENT);
  const int open[3] = {1, 1, 0};
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, open, &cur);
  assert_int_equal(mgg_dmin2_periodic(&p, 2, x, &cur, y, work, sizeof work, &need, out), MGG_ERR_BAD_ARGUMENT);
}

/* An atom that appears after a deformation gets as reference the point that the deformation
 * maps onto it: x = o_cur + F (x_ref - o_ref) with F = H_cur H_ref^-1, also when the current cell
 * is flipped (b' = b - a: the same lattice, other vectors), with the atom at another periodic
 * image; errors for cells that are no deformation of one another. */
static void test_dmin2_map_to_reference(void **state)
{
  (void) state;
  mgg_cell ref, cur, flipped, other;
  mgg_cell_from_lammps(16.0, 16.5, 17.0, 1.5, -1.5, 1.0, ALL, &ref);
  const double F[3][3] = {{1.02, 0.45, 0.0}, {0.0, 0.99, 0.02}, {0.01, 0.0, 1.01}};
  double hc[3][3], hf[3][3];
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      hc[r][c] = F[r][0] * ref.h[0][c] + F[r][1] * ref.h[1][c] + F[r][2] * ref.h[2][c];
  general_cell(hc, &cur);
  for (int r = 0; r < 3; r++) {
    hf[r][0] = hc[r][0];
    hf[r][1] = hc[r][1] - hc[r][0];
    hf[r][2] = hc[r][2];
  }
  general_cell(hf, &flipped);
  const double o_ref[3] = {-0.5, 0.25, 1.0}, o_cur[3] = {-0.7, 0.2, 0.9};
  const double xr[6] = {3.0, -2.0, 5.5, 12.0, 9.0, 0.5};
  double x[6], got[6];
  for (int i = 0; i < 2; i++)
    for (int r = 0; r < 3; r++) {
      x[3 * i + r] = o_cur[r];
      for (int k = 0; k < 3; k++) x[3 * i + r] += F[r][k] * (xr[3 * i + k] - o_ref[k]);
    }
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &cur, o_cur, 2, x, got), MGG_OK);
  for (int k = 0; k < 6; k++) assert_float_equal(got[k], xr[k], 1e-12);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &flipped, o_cur, 2, x, got), MGG_OK);
  for (int k = 0; k < 6; k++) assert_float_equal(got[k], xr[k], 1e-12);
  /* another image of atom 1 in the current cell: the image of its reference in the reference cell */
  for (int r = 0; r < 3; r++) x[3 + r] += 2.0 * hc[r][1] - hc[r][2];
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &flipped, o_cur, 2, x, x), MGG_OK);
  for (int r = 0; r < 3; r++) {
    assert_float_equal(x[r], xr[r], 1e-12);
    assert_float_equal(x[3 + r], xr[3 + r] + 2.0 * ref.h[r][1] - ref.h[r][2], 1e-11);
  }
  assert_int_equal(mgg_dmin2_map_to_reference(NULL, o_ref, &cur, o_cur, 2, x, got), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &cur, NULL, 2, x, got), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &cur, o_cur, 2, x, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &cur, o_cur, 0, NULL, NULL), MGG_OK);
  mgg_cell_from_lammps(48.0, 16.5, 17.0, 1.5, -1.5, 1.0, ALL, &other);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &other, o_cur, 2, x, got), MGG_ERR_BAD_ARGUMENT);
  const int open[3] = {1, 1, 0};
  mgg_cell_from_lammps(16.0, 16.5, 17.0, 1.5, -1.5, 1.0, open, &other);
  assert_int_equal(mgg_dmin2_map_to_reference(&ref, o_ref, &other, o_cur, 2, x, got), MGG_ERR_BAD_ARGUMENT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_octahedron_known_perturbation),
      cmocka_unit_test(test_simple_shear_invariants),
      cmocka_unit_test(test_periodic_affine_and_local_perturbation),
      cmocka_unit_test(test_few_neighbours_and_singular),
      cmocka_unit_test(test_self_image_excluded),
      cmocka_unit_test(test_argument_errors),
      cmocka_unit_test(test_dmin2_periodic_configurations),
      cmocka_unit_test(test_dmin2_periodic_errors),
      cmocka_unit_test(test_dmin2_map_to_reference),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
