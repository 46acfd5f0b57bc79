/* FIRE 2.0 and CG on analytic energies: quadratics with a known minimum (isotropic, anisotropic with
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

/* two copies of a 7-atom double well and its start, for the split-over-processes tests */
static void split_test_system(system_t *s1, system_t *s3, double *x1, double *x3)
{
  *s1 = (system_t){DOUBLE_WELL, 7, {0}, {0}, {0}, 0};
  for (size_t j = 0; j < 21; j++) {
    s1->k[j] = 1.0 + 0.5 * (double) (j % 5);
    x1[j] = x3[j] = 0.6 * sin(1.7 * (double) j + 0.3);
  }
  *s3 = *s1;
}

/* the partial-sum protocol: atoms split over 3 parts follow the single-part trajectory */
static void test_split_over_processes(void **state)
{
  (void) state;
  system_t s1, s3;
  double x1[3 * MAX_ATOMS], x3[3 * MAX_ATOMS];
  split_test_system(&s1, &s3, x1, x3);
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

/* ------------------------------------------------------------------ CG */

static double energy_and_forces(system_t *s, const double *x, double *f)
{
  forces(s, x, f);
  double e = 0.0;
  for (size_t i = 0; i < s->n_atoms; i++)
    for (int a = 0; a < 3; a++) {
      const size_t j = 3 * i + (size_t) a;
      if (s->kind == DOUBLE_WELL && a == 0)
        e += (x[j] * x[j] - 1.0) * (x[j] * x[j] - 1.0);
      else {
        const double d = x[j] - (s->kind == QUADRATIC ? s->centre[j] : 0.0);
        e += 0.5 * s->k[j] * d * d;
      }
    }
  return e;
}

static mgg_cg_params cg_defaults(double ftol, size_t n_atoms)
{
  mgg_cg_params p = {0.1, ftol, 0.0, 10000, 100000, (long) (3 * n_atoms), 0};
  return p;
}

/* CG through the request protocol, the atoms split over n_parts "processes" as in relax();
 * returns the reason it stopped and the iterations done */
static mgg_cg_stop relax_cg(system_t *s, double *x, const mgg_cg_params *params, size_t n_parts,
                            long *iterations)
{
  double f[3 * MAX_ATOMS], x0[3 * MAX_ATOMS], g[3 * MAX_ATOMS] = {0}, h[3 * MAX_ATOMS] = {0};
  mgg_cg cg[MAX_ATOMS];
  for (size_t q = 0; q < n_parts; q++) assert_int_equal(mgg_cg_start(params, &cg[q]), MGG_OK);
  const size_t per_part = (s->n_atoms + n_parts - 1) / n_parts;
  double energy = energy_and_forces(s, x, f);
  for (long calls = 0; calls < 1000000; calls++) {
    double sums[MGG_CG_NSUMS] = {0}, hmax = 0.0;
    for (size_t lo = 0; lo < s->n_atoms; lo += per_part) {
      const size_t n = lo + per_part > s->n_atoms ? s->n_atoms - lo : per_part;
      double part[MGG_CG_NSUMS];
      hmax = fmax(hmax, mgg_cg_sums(n, f + 3 * lo, g + 3 * lo, h + 3 * lo, part));
      for (int q = 0; q < MGG_CG_NSUMS; q++) sums[q] += part[q];
    }
    mgg_cg_request request = MGG_CG_DONE;
    for (size_t lo = 0; lo < s->n_atoms; lo += per_part) {
      const size_t n = lo + per_part > s->n_atoms ? s->n_atoms - lo : per_part;
      const mgg_cg_request r = mgg_cg_iterate(&cg[lo / per_part], energy, sums, hmax, n, x + 3 * lo,
                                              x0 + 3 * lo, g + 3 * lo, h + 3 * lo, f + 3 * lo);
      /* every process takes the same decision from the same global sums */
      if (lo) assert_int_equal(r, request);
      request = r;
    }
    if (request == MGG_CG_DONE) {
      *iterations = cg[0].iterations;
      return cg[0].stop;
    }
    if (request == MGG_CG_EVALUATE) energy = energy_and_forces(s, x, f);
  }
  fail_msg("CG did not stop");
  return MGG_CG_RUNNING;
}

/* a 6-dimensional quadratic: the secant projection is the exact line minimum, so conjugate
 * directions reach the minimum in about 6 iterations (twice that allows for rounding) */
static void test_cg_quadratic(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 2, {0}, {0}, {0}, 0};
  double x[3 * MAX_ATOMS];
  const double k[6] = {1.0, 2.0, 3.0, 5.0, 8.0, 13.0};
  for (size_t j = 0; j < 6; j++) {
    s.centre[j] = 0.1 * (double) j;
    s.k[j] = k[j];
    x[j] = s.centre[j] + 0.002 * cos(2.0 * (double) j);
  }
  const mgg_cg_params p = cg_defaults(1e-10, 2);
  long iterations = 0;
  assert_int_equal(relax_cg(&s, x, &p, 1, &iterations), MGG_CG_FTOL);
  /* 11 measured; steepest descent needs ~120 here (condition number 13, |f| down by 1e-8) */
  assert_true(iterations <= 12);
  for (size_t j = 0; j < 6; j++) assert_true(fabs(x[j] - s.centre[j]) <= 1e-10 / s.k[j]);
}

/* no coordinate moves more than dmax in the first trial of a line search */
static void test_cg_dmax(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 1, {0}, {1.0, 1.0, 1.0}, {0}, 0};
  double x[3] = {5.0, -3.0, 1.0}, x0[3], g[3] = {0}, h[3] = {0}, f[3], sums[MGG_CG_NSUMS];
  const mgg_cg_params p = cg_defaults(1e-8, 1);
  mgg_cg cg;
  assert_int_equal(mgg_cg_start(&p, &cg), MGG_OK);
  const double energy = energy_and_forces(&s, x, f);
  double hmax = mgg_cg_sums(1, f, g, h, sums);
  assert_int_equal(mgg_cg_iterate(&cg, energy, sums, hmax, 1, x, x0, g, h, f), MGG_CG_SUMS);
  hmax = mgg_cg_sums(1, f, g, h, sums);
  assert_int_equal(mgg_cg_iterate(&cg, energy, sums, hmax, 1, x, x0, g, h, f), MGG_CG_EVALUATE);
  assert_true(fabs(x[0] - 4.9) < 1e-15 && fabs(x[1] + 3.0 - 0.06) < 1e-15);
}

/* a start near the barrier top keeps its basin; a frozen atom (zero force) never moves */
static void test_cg_double_well_and_frozen(void **state)
{
  (void) state;
  system_t s = {DOUBLE_WELL, 3, {0}, {0}, {0, 0, 1}, 0};
  for (size_t j = 0; j < 9; j++) s.k[j] = 3.0;
  double x[3 * MAX_ATOMS] = {0.05, 0.2, -0.1, -0.3, 0.1, 0.4, 0.7, 0.7, 0.7};
  const mgg_cg_params p = cg_defaults(1e-10, 3);
  long iterations = 0;
  assert_int_equal(relax_cg(&s, x, &p, 1, &iterations), MGG_CG_FTOL);
  assert_true(fabs(x[0] - 1.0) < 1e-10 && fabs(x[3] + 1.0) < 1e-10);
  assert_true(fabs(x[1]) < 1e-10 && fabs(x[5]) < 1e-10);
  for (int a = 0; a < 3; a++) assert_true(x[6 + a] == 0.7);
}

/* atoms split over 3 parts follow the single-part path exactly */
static void test_cg_split_over_processes(void **state)
{
  (void) state;
  system_t s1, s3;
  double x1[3 * MAX_ATOMS], x3[3 * MAX_ATOMS];
  split_test_system(&s1, &s3, x1, x3);
  const mgg_cg_params p = cg_defaults(1e-8, 7);
  long n1 = 0, n3 = 0;
  assert_int_equal(relax_cg(&s1, x1, &p, 1, &n1), MGG_CG_FTOL);
  assert_int_equal(relax_cg(&s3, x3, &p, 3, &n3), MGG_CG_FTOL);
  assert_int_equal(n1, n3);
  assert_int_equal(s1.n_forces, s3.n_forces);
  for (size_t j = 0; j < 21; j++) assert_true(fabs(x1[j] - x3[j]) < 1e-12);
}

/* an unreachable force tolerance ends as LAMMPS's does: the energy cannot decrease by more
 * than EMACH any more, back at the best point; the evaluation limit is honoured */
static void test_cg_stops(void **state)
{
  (void) state;
  system_t s = {DOUBLE_WELL, 2, {0}, {0}, {0}, 0};
  for (size_t j = 0; j < 6; j++) s.k[j] = 2.0;
  double x[3 * MAX_ATOMS] = {0.3, 0.2, -0.1, -0.6, 0.1, 0.4};
  mgg_cg_params p = cg_defaults(0.0, 2);
  long iterations = 0;
  const mgg_cg_stop stop = relax_cg(&s, x, &p, 1, &iterations);
  assert_true(stop == MGG_CG_ZERO_ALPHA || stop == MGG_CG_ZERO_QUAD || stop == MGG_CG_DOWNHILL);
  assert_true(fabs(x[0] - 1.0) < 1e-4 && fabs(x[3] + 1.0) < 1e-4);
  double y[3 * MAX_ATOMS] = {0.3, 0.2, -0.1, -0.6, 0.1, 0.4};
  system_t t = s;
  t.n_forces = 0;
  p.max_evals = 5;
  assert_int_equal(relax_cg(&t, y, &p, 1, &iterations), MGG_CG_MAX_EVALS);
  assert_true(t.n_forces <= 1 + 5 + 1);
  p = cg_defaults(1e-8, 2);
  p.max_iter = 2;
  assert_int_equal(relax_cg(&t, y, &p, 1, &iterations), MGG_CG_MAX_ITER);
  assert_int_equal(iterations, 2);
  assert_string_equal(mgg_cg_stop_message(MGG_CG_ZERO_ALPHA), "linesearch alpha is zero");
  p.dmax = 0.0;
  mgg_cg cg;
  assert_int_equal(mgg_cg_start(&p, &cg), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_cg_start(NULL, &cg), MGG_ERR_NULL_ARGUMENT);
}

/* steepest descent (min_style sd) on a quadratic: each line search is exact (the secant
 * projection of a linear f.h), so after k iterations x is the k-th iterate of exact-line-search
 * steepest descent, x <- x + a f with a = f.f / f.K f, computed here in closed form; CG on the
 * same start needs a few iterations, steepest descent many */
static void test_sd_quadratic(void **state)
{
  (void) state;
  system_t s = {QUADRATIC, 1, {0}, {2.0, 5.0, 11.0}, {0}, 0};
  const double start[3] = {0.04, -0.03, 0.02};
  for (long k = 1; k <= 12; k++) {
    double x[3], y[3];
    memcpy(x, start, sizeof start);
    memcpy(y, start, sizeof start);
    for (long it = 0; it < k; it++) {
      double ff = 0.0, fkf = 0.0;
      for (int j = 0; j < 3; j++) {
        ff += s.k[j] * y[j] * s.k[j] * y[j];
        fkf += s.k[j] * y[j] * s.k[j] * s.k[j] * y[j];
      }
      for (int j = 0; j < 3; j++) y[j] -= ff / fkf * s.k[j] * y[j];
    }
    mgg_cg_params p = cg_defaults(1e-14, 1);
    p.dmax = 10.0;
    p.max_iter = k;
    p.steepest = 1;
    long iterations = 0;
    assert_int_equal(relax_cg(&s, x, &p, 1, &iterations), MGG_CG_MAX_ITER);
    for (int j = 0; j < 3; j++) assert_true(fabs(x[j] - y[j]) < 1e-14);
  }
  long iterations[2] = {0, 0};
  mgg_cg_params p = cg_defaults(1e-10, 1);
  p.dmax = 10.0;
  for (int steepest = 0; steepest < 2; steepest++) {
    double x[3];
    memcpy(x, start, sizeof start);
    p.steepest = steepest;
    assert_int_equal(relax_cg(&s, x, &p, 1, &iterations[steepest]), MGG_CG_FTOL);
  }
  /* measured: CG 5, steepest descent 57 */
  assert_true(iterations[0] <= 6 && iterations[1] >= 30);
  p.steepest = 2;
  mgg_cg cg;
  assert_int_equal(mgg_cg_start(&p, &cg), MGG_ERR_BAD_ARGUMENT);
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
      cmocka_unit_test(test_cg_quadratic),
      cmocka_unit_test(test_cg_dmax),
      cmocka_unit_test(test_cg_double_well_and_frozen),
      cmocka_unit_test(test_cg_split_over_processes),
      cmocka_unit_test(test_cg_stops),
      cmocka_unit_test(test_sd_quadratic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
