/* FIRE 2.0 on analytic energies: quadratics with a known minimum (isotropic, anisotropic with
 * masses), a double well (the basin of the start is kept), frozen coordinates, and the same
 * trajectory when the atoms are split over two "processes" whose partial sums are added. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"

#define MAX_ATOMS 8

typedef enum { QUADRATIC, DOUBLE_WELL } energy_kind;

typedef struct {
  energy_kind kind;
  size_t n_atoms;
  double centre[3 * MAX_ATOMS]; /* minimum of the quadratic */
  double k[3 * MAX_ATOMS];      /* stiffness of each coordinate */
  int frozen[MAX_ATOMS];
  long n_forces;
} system_t;

/* quadratic: E = sum k/2 (x - c)^2; double well: E = sum over atoms (x^2 - 1)^2 + k/2 (y^2 + z^2) */
static void forces(system_t *s, const double *x, double *f)
{
  s->n_forces++;
  for (size_t i = 0; i < s->n_atoms; i++)
    for (int a = 0; a < 3; a++) {
      const size_t j = 3 * i + (size_t) a;
      if (s->kind == DOUBLE_WELL && a == 0)
        f[j] = -4.0 * x[j] * (x[j] * x[j] - 1.0);
      else
        f[j] = -s->k[j] * (x[j] - (s->kind == QUADRATIC ? s->centre[j] : 0.0));
      if (s->frozen[i]) f[j] = 0.0;
    }
}

/* FIRE until |f| <= tol; the atoms are held by n_parts "processes" (contiguous blocks) whose
 * partial sums and maxima are combined as the caller's reductions would.  Returns iterations,
 * or -1 without convergence. */
static long relax(system_t *s, double *x, const double *inv_mass, double tol, long max_iter,
                  size_t n_parts, const mgg_fire_params *params)
{
  double v[3 * MAX_ATOMS] = {0}, f[3 * MAX_ATOMS];
  /* each process keeps its own copy of the scalar state, adapted from the same global sums */
  mgg_fire fire[MAX_ATOMS];
  for (size_t q = 0; q < n_parts; q++) assert_int_equal(mgg_fire_start(params, &fire[q]), MGG_OK);
  const size_t per_part = (s->n_atoms + n_parts - 1) / n_parts;
  forces(s, x, f);
  for (long iter = 0; iter < max_iter; iter++) {
    double sums[MGG_FIRE_NSUMS] = {0};
    for (size_t lo = 0; lo < s->n_atoms; lo += per_part) {
      const size_t n = lo + per_part > s->n_atoms ? s->n_atoms - lo : per_part;
      double part[MGG_FIRE_NSUMS];
      mgg_fire_sums(n, v + 3 * lo, f + 3 * lo, part);
      for (int q = 0; q < MGG_FIRE_NSUMS; q++) sums[q] += part[q];
    }
    if (sqrt(sums[MGG_FIRE_FF]) <= tol) return iter;
    double v_max = 0.0;
    for (size_t lo = 0; lo < s->n_atoms; lo += per_part) {
      const size_t n = lo + per_part > s->n_atoms ? s->n_atoms - lo : per_part;
      v_max = fmax(v_max, mgg_fire_velocities(&fire[lo / per_part], sums, n, x + 3 * lo, v + 3 * lo,
                                              f + 3 * lo, inv_mass ? inv_mass + lo : NULL));
    }
    for (size_t lo = 0; lo < s->n_atoms; lo += per_part) {
      const size_t n = lo + per_part > s->n_atoms ? s->n_atoms - lo : per_part;
      mgg_fire_move(&fire[lo / per_part], v_max, n, x + 3 * lo, v + 3 * lo);
    }
    forces(s, x, f);
  }
  return -1;
}

static mgg_fire_params defaults(double dt)
{
  mgg_fire_params p;
  mgg_fire_default_params(dt, &p);
  return p;
}

static void test_isotropic_quadratic(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 4, {0}, {0}, {0}, 0};
  double x[3 * MAX_ATOMS];
  for (size_t j = 0; j < 12; j++) {
    s.centre[j] = 0.1 * (double) j - 0.3;
    s.k[j] = 2.0;
    x[j] = s.centre[j] + 0.05 * sin(3.0 * (double) j);
  }
  const mgg_fire_params p = defaults(0.1);
  assert_true(relax(&s, x, NULL, 1e-10, 5000, 1, &p) >= 0);
  /* |f| <= 1e-10 with k = 2 bounds the distance to the minimum by 5e-11 */
  for (size_t j = 0; j < 12; j++) assert_true(fabs(x[j] - s.centre[j]) <= 5e-11);
}

/* stiffness ratio 1000 and unequal masses: the minimum is still reached */
static void test_anisotropic_quadratic_with_masses(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 3, {0}, {0}, {0}, 0};
  double x[3 * MAX_ATOMS];
  const double inv_mass[3] = {1.0, 0.25, 2.0};
  for (size_t j = 0; j < 9; j++) {
    s.centre[j] = 1.0 - 0.2 * (double) j;
    s.k[j] = pow(10.0, 3.0 * (double) (j % 4) / 3.0); /* 1, 10, 100, 1000 */
    x[j] = s.centre[j] + (j % 2 ? 0.4 : -0.3);
  }
  const mgg_fire_params p = defaults(0.02);
  const long iterations = relax(&s, x, inv_mass, 1e-9, 20000, 1, &p);
  assert_true(iterations > 0);
  for (size_t j = 0; j < 9; j++) assert_true(fabs(x[j] - s.centre[j]) <= 1e-9 / s.k[j]);
}

/* a soft start near the barrier top: each atom ends in the well on its own side */
static void test_double_well_keeps_basin(void **state)
{
  (void) state;
  system_t s = {DOUBLE_WELL, 2, {0}, {0}, {0}, 0};
  for (size_t j = 0; j < 6; j++) s.k[j] = 3.0;
  double x[3 * MAX_ATOMS] = {0.05, 0.2, -0.1, -0.3, 0.1, 0.4};
  const mgg_fire_params p = defaults(0.05);
  assert_true(relax(&s, x, NULL, 1e-10, 5000, 1, &p) >= 0);
  assert_true(fabs(x[0] - 1.0) < 1e-10 && fabs(x[3] + 1.0) < 1e-10);
  assert_true(fabs(x[1]) < 1e-10 && fabs(x[5]) < 1e-10);
}

/* a frozen atom (zero force) never moves; the others relax around it */
static void test_frozen_atom_stays(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 3, {0}, {0}, {0, 1, 0}, 0};
  double x[3 * MAX_ATOMS], x_start[3 * MAX_ATOMS];
  for (size_t j = 0; j < 9; j++) {
    s.centre[j] = 0.0;
    s.k[j] = 1.0 + (double) j;
    x[j] = x_start[j] = 0.3 + 0.01 * (double) j;
  }
  const mgg_fire_params p = defaults(0.05);
  assert_true(relax(&s, x, NULL, 1e-10, 5000, 1, &p) >= 0);
  for (int a = 0; a < 3; a++) {
    assert_true(x[3 + a] == x_start[3 + a]);
    assert_true(fabs(x[a]) < 1e-10 && fabs(x[6 + a]) < 1e-10);
  }
}

/* the partial-sum protocol: atoms split over 3 parts follow the single-part trajectory */
static void test_split_over_processes(void **state)
{
  (void) state;
  system_t s1 = {DOUBLE_WELL, 7, {0}, {0}, {0}, 0};
  double x1[3 * MAX_ATOMS], x3[3 * MAX_ATOMS];
  for (size_t j = 0; j < 21; j++) {
    s1.k[j] = 1.0 + 0.5 * (double) (j % 5);
    x1[j] = x3[j] = 0.6 * sin(1.7 * (double) j + 0.3);
  }
  system_t s3 = s1;
  const mgg_fire_params p = defaults(0.05);
  const long n1 = relax(&s1, x1, NULL, 1e-8, 5000, 1, &p);
  const long n3 = relax(&s3, x3, NULL, 1e-8, 5000, 3, &p);
  assert_true(n1 > 0);
  assert_int_equal(n1, n3);
  for (size_t j = 0; j < 21; j++) assert_true(fabs(x1[j] - x3[j]) < 1e-12);
}

/* no coordinate moves more than max_move in one step, even under a huge force */
static void test_max_move(void **state)
{
  (void) state;
  mgg_fire_params p = defaults(1.0);
  p.max_move = 0.05;
  mgg_fire fire;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_OK);
  double x[3] = {0, 0, 0}, v[3] = {0, 0, 0}, f[3] = {1e6, -3e5, 0}, sums[MGG_FIRE_NSUMS];
  mgg_fire_sums(1, v, f, sums);
  const double v_max = mgg_fire_velocities(&fire, sums, 1, x, v, f, NULL);
  const double dt = mgg_fire_move(&fire, v_max, 1, x, v);
  assert_true(fabs(fabs(x[0]) - 0.05) < 1e-15 && fabs(x[1]) < 0.05 && x[2] == 0.0);
  assert_true(dt < 1.0);
}

static void test_bad_parameters(void **state)
{
  (void) state;
  mgg_fire fire;
  mgg_fire_params p = defaults(0.1);
  assert_int_equal(mgg_fire_start(NULL, &fire), MGG_ERR_NULL_ARGUMENT);
  p.dt = 0.0;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_ERR_BAD_ARGUMENT);
  p = defaults(0.1);
  p.dt_max = 0.05;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_ERR_BAD_ARGUMENT);
  p = defaults(0.1);
  p.f_dec = 1.0;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_ERR_BAD_ARGUMENT);
  p = defaults(0.1);
  p.max_move = -1.0;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_ERR_BAD_ARGUMENT);
  p = defaults(0.1);
  p.n_delay = -1;
  assert_int_equal(mgg_fire_start(&p, &fire), MGG_ERR_BAD_ARGUMENT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_isotropic_quadratic),
      cmocka_unit_test(test_anisotropic_quadratic_with_masses),
      cmocka_unit_test(test_double_well_keeps_basin),
      cmocka_unit_test(test_frozen_atom_stays),
      cmocka_unit_test(test_split_over_processes),
      cmocka_unit_test(test_max_move),
      cmocka_unit_test(test_bad_parameters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
