/* S2 against a direct quadrature written here (untruncated Gaussians, Simpson's rule in r),
 * trapezoid convergence in dr, ideal gas against crystal, type-label symmetry, arguments; the
 * neighbour average on points of a line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"

#define PI 3.14159265358979323846

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

static mgg_s2_params make_params(double rc, double sigma, double dr, int ntypes, const double *rho)
{
  mgg_s2_params p;
  p.cutoff = rc;
  p.sigma = sigma;
  p.dr = dr;
  p.n_types = ntypes;
  p.density = rho;
  p.smoothing = MGG_S2_FIXED_WIDTH;
  p.growth = 0.0;
  p.growth_start = 0.0;
  return p;
}

/* S2 of point 0 with all other points as candidates */
static double s2_single(const mgg_s2_params *p, int n, const double *x, const int *type)
{
  int centre = 0, *idx = malloc(n * sizeof(int));
  size_t start[2] = {0, (size_t) n - 1};
  for (int k = 1; k < n; k++) idx[k - 1] = k;
  const mgg_neighbours nb = {1, &centre, start, idx};
  const size_t len = mgg_s2_compute_work_size(p);
  assert_true(len > 0);
  void *work = malloc(len);
  double s2 = NAN;
  assert_int_equal(mgg_s2_compute(p, (size_t) n, x, type, &nb, work, len, &s2), MGG_OK);
  free(work);
  free(idx);
  return s2;
}

/* the definition in mgg_s2.h, evaluated directly: every pair's full Gaussian, Simpson in r */
static double direct_s2(const mgg_s2_params *p, int n, const double *x, const int *type, int steps)
{
  const double h = p->cutoff / steps;
  double total = 0.0;
  for (int s = 1; s <= steps; s++) {
    const double r = s * h;
    double w = p->sigma;
    if (p->smoothing == MGG_S2_GROWING_WIDTH && r > p->growth_start)
      w += p->growth * (r - p->growth_start) * (r - p->growth_start);
    double ideal = r * r;
    if (p->smoothing == MGG_S2_GROWING_WIDTH) {
      const double a = r / w;
      ideal = (r * r + w * w) * 0.5 * erfc(-a / sqrt(2.0)) + r * w * exp(-0.5 * a * a) / sqrt(2.0 * PI);
    }
    double f = 0.0;
    for (int nu = 0; nu < p->n_types; nu++) {
      double sum = 0.0;
      for (int j = 1; j < n; j++) {
        if (type[j] != nu) continue;
        const double rij = sqrt(pow(x[3 * j] - x[0], 2) + pow(x[3 * j + 1] - x[1], 2) + pow(x[3 * j + 2] - x[2], 2));
        sum += exp(-(r - rij) * (r - rij) / (2.0 * w * w)) / (sqrt(2.0 * PI) * w);
      }
      const double g = sum / (4.0 * PI * p->density[nu] * ideal);
      f += p->density[nu] * (g > 0.0 ? g * log(g) - g + 1.0 : 1.0) * 4.0 * PI * r * r;
    }
    total += (s == steps ? 1.0 : s % 2 ? 4.0 : 2.0) * f; /* the r = 0 term is 0 */
  }
  return -0.5 * total * h / 3.0;
}

/* Three neighbours of one type: S2 equals the direct quadrature.  Hand check of the size:
 * S2 = -1/2 rho Integral g ln g + (N - rho V) / 2; a well separated neighbour at r gives
 * -1/2 Integral K ln g ~ -1/2 ln(1 / (4 pi r^2 rho sigma sqrt(2 pi e))), about +0.55 at
 * r = 2.7 with rho = 0.05, sigma = 0.3, and (3 - 13.4) / 2 = -5.2 (rc 4): S2 near -3.6. */
static void test_one_type_direct_quadrature(void **state)
{
  (void) state;
  const double rho = 0.05;
  const double x[4 * 3] = {0, 0, 0, 2.5, 0, 0, 0, -2.9, 0, 1.2, 1.9, 2.4};
  const int type[4] = {0, 0, 0, 0};
  mgg_s2_params p = make_params(4.0, 0.3, 0.001, 1, &rho);
  const double c = s2_single(&p, 4, x, type), d = direct_s2(&p, 4, x, type, 8000);
  printf("  one type, fixed width: S2 = %.9f, direct %.9f\n", c, d);
  assert_true(fabs(c - d) < 1e-6 * fabs(d));
  assert_true(c > -4.0 && c < -3.0);

  /* growing width, growth starting inside the shell; neighbours beyond rc reach back into it
   * (the two-interval and the all-interval windows of the growing kernel) */
  p.smoothing = MGG_S2_GROWING_WIDTH;
  p.sigma = 0.1;
  p.growth = 0.05;
  p.growth_start = 1.0;
  p.cutoff = 5.5;
  p.dr = 0.00025; /* the sharp pair at 1.2 A needs it for 1e-6 (O(dr^2): 5e-6 at dr 0.001) */
  const double y[6 * 3] = {0, 0, 0, 1.2, 0, 0, 0, 2.6, 0, -3.1, -2.0, 0.5, 0, 0, 6.0, 5.0, 5.0, 0};
  const int ty[6] = {0};
  assert_true(mgg_s2_search_radius(&p) > 8.1);
  const double cg = s2_single(&p, 6, y, ty), dg = direct_s2(&p, 6, y, ty, 20000);
  printf("  one type, growing width: S2 = %.9f, direct %.9f\n", cg, dg);
  assert_true(fabs(cg - dg) < 1e-6 * fabs(dg));
}

/* halving dr cuts the error by 4 (trapezoid rule) */
static void test_dr_convergence(void **state)
{
  (void) state;
  const double rho = 0.06;
  double x[40 * 3];
  int type[40] = {0};
  unsigned seed = 7u;
  for (int k = 3; k < 3 * 40; k++) x[k] = uniform(&seed, -4.0, 4.0);
  x[0] = x[1] = x[2] = 0.0;
  for (int smoothing = 0; smoothing < 2; smoothing++) {
    mgg_s2_params p = make_params(4.0, 0.2, 0.08, 1, &rho);
    p.smoothing = (mgg_s2_smoothing) smoothing;
    p.growth = 0.1;
    p.growth_start = 2.0;
    double s[4];
    for (int q = 0; q < 4; q++, p.dr /= 2.0) s[q] = s2_single(&p, 40, x, type);
    const double r1 = (s[0] - s[1]) / (s[1] - s[2]), r2 = (s[1] - s[2]) / (s[2] - s[3]);
    printf("  %s: S2 at dr 0.08 .. 0.01: %.8f %.8f %.8f %.8f; difference ratios %.3f %.3f\n",
           smoothing ? "growing" : "fixed", s[0], s[1], s[2], s[3], r1, r2);
    assert_true(r2 > 3.5 && r2 < 4.5);
  }
}

/* An ideal gas has almost no two-body entropy; a crystal a lot. */
static void test_gas_against_crystal(void **state)
{
  (void) state;
  /* fcc Cu, a = 3.61 A, block of 9^3 cells around the centre at the origin */
  const double a = 3.61, rho_fcc = 4.0 / (a * a * a);
  const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  static double x[9 * 9 * 9 * 4 * 3];
  static int type[9 * 9 * 9 * 4];
  int n = 0;
  for (int i = -4; i <= 4; i++)
    for (int j = -4; j <= 4; j++)
      for (int k = -4; k <= 4; k++)
        for (int b = 0; b < 4; b++, n++) {
          x[3 * n] = a * (i + basis[b][0]);
          x[3 * n + 1] = a * (j + basis[b][1]);
          x[3 * n + 2] = a * (k + basis[b][2]);
        }
  mgg_s2_params p = make_params(6.4, 0.2, 0.01, 1, &rho_fcc);
  assert_true(mgg_s2_search_radius(&p) < 4 * a);
  const double crystal = s2_single(&p, n, x, type);

  /* ideal gas at 1e-3 / A^3, the centre at the middle of a 20 A cube, mean over 50 samples */
  const double rho_gas = 1e-3;
  p.density = &rho_gas;
  unsigned seed = 11u;
  double gas = 0.0;
  for (int sample = 0; sample < 50; sample++) {
    const int m = 1 + 8; /* 8 points: 1e-3 / A^3 in 20^3 A^3 */
    x[0] = x[1] = x[2] = 0.0;
    for (int q = 3; q < 3 * m; q++) x[q] = uniform(&seed, -10.0, 10.0);
    gas += s2_single(&p, m, x, type) / 50;
  }
  printf("  fcc Cu S2 = %.3f, ideal gas (1e-3 / A^3) mean S2 = %.3f (sigma 0.2, rc 6.4)\n", crystal, gas);
  assert_true(crystal < -10.0);
  assert_true(fabs(gas) < 0.1 * fabs(crystal));
}

/* two types: swapping the labels and the densities together leaves S2 unchanged */
static void test_two_type_label_swap(void **state)
{
  (void) state;
  enum { N = 200 };
  double x[N * 3];
  int type[N], swapped[N];
  unsigned seed = 3u;
  for (int k = 0; k < N; k++) {
    for (int d = 0; d < 3; d++) x[3 * k + d] = uniform(&seed, -7.0, 7.0);
    type[k] = uniform(&seed, 0.0, 1.0) < 0.3;
    swapped[k] = 1 - type[k];
  }
  x[0] = x[1] = x[2] = 0.0;
  const double rho[2] = {0.045, 0.028}, rho_swapped[2] = {0.028, 0.045};
  for (int smoothing = 0; smoothing < 2; smoothing++) {
    mgg_s2_params p = make_params(5.0, 0.25, 0.01, 2, rho);
    p.smoothing = (mgg_s2_smoothing) smoothing;
    p.growth = 0.03;
    p.growth_start = 3.0;
    const double s = s2_single(&p, N, x, type), d = direct_s2(&p, N, x, type, 10000);
    p.density = rho_swapped;
    const double t = s2_single(&p, N, x, swapped);
    printf("  two types (%s): S2 = %.9f, swapped %.9f, direct %.9f\n",
           smoothing ? "growing" : "fixed", s, t, d);
    assert_true(fabs(s - t) < 1e-12 * fabs(s));
    assert_true(fabs(s - d) < 1e-5 * fabs(d));
  }
}

static void test_arguments_and_work_size(void **state)
{
  (void) state;
  const double rho[2] = {0.05, 0.0};
  double x[6] = {0, 0, 0, 2.5, 0, 0}, s2 = 0.0;
  int type[2] = {0, 0}, centre = 0, idx = 1, bad = 2;
  size_t start[2] = {0, 1};
  mgg_neighbours nb = {1, &centre, start, &idx};
  mgg_s2_params p = make_params(4.0, 0.2, 0.01, 2, rho);
  /* 400 steps, (2 types + 5 tables) x 401 doubles */
  const size_t len = mgg_s2_compute_work_size(&p);
  assert_int_equal(len, 7 * 401 * sizeof(double));
  assert_true(fabs(mgg_s2_search_radius(&p) - 5.2) < 1e-14);
  void *work = malloc(len);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len - 1, &s2), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, NULL, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_OK);
  /* rc / dr = 400.4 rounds to 400 steps; 0.0099 gives 404 */
  p.dr = 4.0 / 400.4;
  assert_int_equal(mgg_s2_compute_work_size(&p), len);
  p.dr = 0.0099;
  assert_int_equal(mgg_s2_compute_work_size(&p), 7 * 405 * sizeof(double));
  p.dr = 10.0; /* at least one step */
  assert_int_equal(mgg_s2_compute_work_size(&p), 7 * 2 * sizeof(double));
  p.dr = 0.01;

  /* growing: rc + 6 (sigma + growth (rc - r0)^2) */
  p.smoothing = MGG_S2_GROWING_WIDTH;
  p.growth = 0.03;
  p.growth_start = 3.0;
  assert_true(fabs(mgg_s2_search_radius(&p) - (4.0 + 6.0 * (0.2 + 0.03))) < 1e-14);
  assert_true(mgg_s2_compute_work_size(&p) > 0 && mgg_s2_compute_work_size(&p) <= len);
  p.growth = -1.0;
  assert_int_equal(mgg_s2_compute_work_size(&p), 0);
  assert_true(mgg_s2_search_radius(&p) == 0.0);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p.growth = 0.03;
  p.growth_start = -1.0;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p.smoothing = (mgg_s2_smoothing) 5;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p = make_params(4.0, 0.2, 0.01, 2, rho);

  const double saved[3] = {p.cutoff, p.sigma, p.dr};
  double *field[3] = {&p.cutoff, &p.sigma, &p.dr};
  for (int f = 0; f < 3; f++) {
    *field[f] = 0.0;
    assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
    assert_int_equal(mgg_s2_compute_work_size(&p), 0);
    *field[f] = NAN;
    assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
    *field[f] = saved[f];
  }
  p.dr = 1e-300; /* a grid that cannot be allocated */
  assert_int_equal(mgg_s2_compute_work_size(&p), 0);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p.dr = 0.01;
  p.n_types = 0;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p.n_types = 2;
  const double negative[2] = {0.05, -0.01};
  p.density = negative;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  p.density = NULL;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute_work_size(&p), 0);
  p.density = rho;

  /* a neighbour of a type outside 0 .. n_types-1, or of a type of density 0 */
  type[1] = 2;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  type[1] = 1;
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, &s2), MGG_ERR_BAD_ARGUMENT);
  type[1] = 0;

  assert_int_equal(mgg_s2_compute(NULL, 2, x, type, &nb, work, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute(&p, 2, NULL, type, &nb, work, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute(&p, 2, x, NULL, &nb, work, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, NULL, work, len, &s2), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &nb, work, len, NULL), MGG_ERR_NULL_ARGUMENT);
  mgg_neighbours bad_nb = {1, &centre, start, &bad};
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &bad_nb, work, len, &s2), MGG_ERR_BAD_INDEX);
  mgg_neighbours bad_centre = {1, &bad, start, &idx};
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &bad_centre, work, len, &s2), MGG_ERR_BAD_INDEX);
  size_t backwards[2] = {1, 0};
  mgg_neighbours bad_start = {1, &centre, backwards, &idx};
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &bad_start, work, len, &s2), MGG_ERR_BAD_ARGUMENT);

  /* no centres: nothing to check beyond the parameters; a centre with no candidates has an
   * empty environment, S2 = -rho V / 2 over the types */
  mgg_neighbours empty = {0, NULL, NULL, NULL};
  assert_int_equal(mgg_s2_compute(&p, 0, NULL, NULL, &empty, work, len, NULL), MGG_OK);
  size_t none[2] = {0, 0};
  mgg_neighbours alone = {1, &centre, none, &idx};
  assert_int_equal(mgg_s2_compute(&p, 2, x, type, &alone, work, len, &s2), MGG_OK);
  assert_true(fabs(s2 + 0.5 * 0.05 * 4.0 / 3.0 * PI * 64.0) < 1e-4); /* trapezoid of r^2 */
  free(work);
}

/* the neighbour average on points of a line (x = 0, 1, 2, 3, 10; values 1, 2, 3, 4, 100) */
static void test_average(void **state)
{
  (void) state;
  const double x[] = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 10, 0, 0};
  const double value[] = {1, 2, 3, 4, 100};
  /* centre 0 lists itself (ignored); centre 2 lists everything else */
  const int centre[] = {0, 2}, index[] = {1, 2, 3, 4, 0, 0, 1, 3, 4};
  const size_t start[] = {0, 5, 9};
  const mgg_neighbours nb = {2, centre, start, index};
  double avg[2];
  /* within 2.5: points 0, 1, 2 around 0 (mean 2); points 2, 0, 1, 3 around 2 (mean 2.5) */
  assert_int_equal(mgg_s2_average(&nb, 5, x, value, NULL, 2.5, avg), MGG_OK);
  assert_true(avg[0] == 2.0 && avg[1] == 2.5);
  /* strictly within: at radius 2 the points at distance 2 drop out */
  assert_int_equal(mgg_s2_average(&nb, 5, x, value, NULL, 2.0, avg), MGG_OK);
  assert_true(avg[0] == 1.5 && avg[1] == 3.0);
  /* members only (not point 1); the centre counts whatever its membership */
  const int member[] = {0, 0, 1, 1, 1};
  assert_int_equal(mgg_s2_average(&nb, 5, x, value, member, 2.5, avg), MGG_OK);
  assert_true(avg[0] == 2.0 && avg[1] == 3.5);
  /* a centre without neighbours keeps its own value */
  assert_int_equal(mgg_s2_average(&nb, 5, x, value, NULL, 0.5, avg), MGG_OK);
  assert_true(avg[0] == 1.0 && avg[1] == 3.0);

  assert_int_equal(mgg_s2_average(&nb, 5, x, value, NULL, 0.0, avg), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_s2_average(&nb, 5, x, value, NULL, NAN, avg), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_s2_average(NULL, 5, x, value, NULL, 1.0, avg), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_average(&nb, 5, x, NULL, NULL, 1.0, avg), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_s2_average(&nb, 4, x, value, NULL, 1.0, avg), MGG_ERR_BAD_INDEX);
  const int far[] = {0, 7};
  const mgg_neighbours bad_centre = {2, far, start, index};
  assert_int_equal(mgg_s2_average(&bad_centre, 5, x, value, NULL, 1.0, avg), MGG_ERR_BAD_INDEX);
  const mgg_neighbours none = {0, NULL, NULL, NULL};
  assert_int_equal(mgg_s2_average(&none, 0, NULL, NULL, NULL, 1.0, NULL), MGG_OK);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_type_direct_quadrature),
      cmocka_unit_test(test_dr_convergence),
      cmocka_unit_test(test_gas_against_crystal),
      cmocka_unit_test(test_two_type_label_swap),
      cmocka_unit_test(test_arguments_and_work_size),
      cmocka_unit_test(test_average),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
