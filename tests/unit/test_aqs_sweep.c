/* The decisions of an AQS run (mgg_aqs.h) on small cases: the event rule of a strain step
 * against a linear elastic law (whose work the trapezoid rule integrates exactly) and the work
 * converted in SI units; the flip of a sheared box against the lattice it must keep; the
 * sweep's candidate order against a brute-force search over periodic images; the settle rule
 * on displacement fields built from known minima, split over two "processes" as the fix calls
 * it; the settled D_f and the core flags. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"

/* LAMMPS metal units: bar A^3 per eV */
#define NKTV2P_METAL 1.6021765e6

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

static const mgg_aqs_event_rule RULE = {10.0, 1e-3, NKTV2P_METAL};

/* tau = G gamma, E = E0 + V G gamma^2 / 2: every step is elastic, the shortfall against the
 * elastic prediction is zero and nothing is dissipated */
static void test_elastic_steps(void **state)
{
  (void) state;
  const double G = 3.0e5, V = 35000.0, E0 = -8000.0, dg = 1e-4; /* bar, A^3, eV */
  double increment = 0.0;
  for (int k = 0; k < 20; k++) {
    const double g0 = k * dg, g1 = (k + 1) * dg;
    const mgg_aqs_step step = {G * g0, G * g1, E0 + V * G * g0 * g0 / 2.0 / NKTV2P_METAL,
                               E0 + V * G * g1 * g1 / 2.0 / NKTV2P_METAL, V, dg, 1.0, increment};
    mgg_aqs_step_outcome out;
    assert_int_equal(mgg_aqs_event_test(&step, &RULE, &out), MGG_OK);
    assert_false(out.is_event);
    assert_true(fabs(out.drop + G * dg) < 1e-9);
    /* the first step has no prediction yet: its shortfall is the drop */
    assert_true(fabs(out.shortfall - (k == 0 ? -G * dg : 0.0)) < 1e-9);
    assert_true(fabs(out.dissipated) < 1e-9);
    /* the work in SI: Pa m^3 = J, over the elementary charge */
    const double work_si = 0.5 * (G * g0 + G * g1) * 1e5 * V * 1e-30 * dg / 1.602176634e-19;
    assert_true(fabs(out.work - work_si) <= 1e-6 * fabs(work_si));
    assert_true(fabs(out.elastic_increment - G * dg) < 1e-9);
    increment = out.elastic_increment;
  }
}

/* the stress falls by 100 bar in a step that would have added 20: a drop of 100, 120 short of
 * the prediction */
static void test_stress_drop(void **state)
{
  (void) state;
  const mgg_aqs_step step = {1000.0, 900.0, -8000.0, -8000.0, 35000.0, 1e-4, 1.0, 20.0};
  mgg_aqs_step_outcome out;
  assert_int_equal(mgg_aqs_event_test(&step, &RULE, &out), MGG_OK);
  assert_true(out.is_event);
  assert_true(fabs(out.drop - 100.0) < 1e-12 && fabs(out.shortfall - 120.0) < 1e-12);
  /* energy unchanged: all the work is dissipated */
  assert_true(fabs(out.dissipated - out.work) < 1e-9 && out.work > 0.0);
  /* an event keeps the prediction of the last event-free step */
  assert_true(out.elastic_increment == 20.0);
}

/* the same drop under negative shear: stresses of the other sign, the same outcome */
static void test_negative_shear(void **state)
{
  (void) state;
  const mgg_aqs_step plus = {1000.0, 900.0, -8000.0, -8000.01, 35000.0, 1e-4, 1.0, 20.0};
  const mgg_aqs_step minus = {-1000.0, -900.0, -8000.0, -8000.01, 35000.0, 1e-4, -1.0, 20.0};
  mgg_aqs_step_outcome a, b;
  assert_int_equal(mgg_aqs_event_test(&plus, &RULE, &a), MGG_OK);
  assert_int_equal(mgg_aqs_event_test(&minus, &RULE, &b), MGG_OK);
  assert_true(a.is_event && b.is_event);
  assert_true(a.drop == b.drop && a.work == b.work && a.dissipated == b.dissipated);
}

/* Steps measured on the shipped Cu64Zr36 glass (fix frozen_atom_aqs xy 1e-4, default
 * thresholds, V = 32361.38 A^3): the elastic branch softening before an instability (the
 * stress rose 25.3 bar where the step before added 26.5, then 1.6 bar short of the step before;
 * largest non-affine D2min 0.009 A^2), which the rule before issue 13 counted as an event by its
 * shortfall against the elastic prediction, and a plastic event (a 15.8 MPa drop, 17 atoms with
 * D2min over 0.02 A^2). */
static void test_softening_is_no_event(void **state)
{
  (void) state;
  const double V = 32361.3816829, dg = 1e-4;
  const mgg_aqs_step softening = {3603.48597589, 3601.88220463, -8847.79068504,
                                  -8847.79068504 + 0.5 * (3603.48597589 + 3601.88220463) * V *
                                                       dg / NKTV2P_METAL - 7.99e-5,
                                  V, dg, 1.0, 25.2575};
  mgg_aqs_step_outcome out;
  assert_int_equal(mgg_aqs_event_test(&softening, &RULE, &out), MGG_OK);
  assert_true(out.shortfall > 2.0 * RULE.drop_threshold);
  assert_true(fabs(out.drop - 1.60377126) < 1e-6 && fabs(out.dissipated - 7.99e-5) < 1e-9);
  assert_false(out.is_event);

  const mgg_aqs_step plastic = {5122.25, 4963.9, -8847.0, -8847.0 + 0.5 * (5122.25 + 4963.9) *
                                                                   V * dg / NKTV2P_METAL - 0.042,
                                V, dg, 1.0, 19.5};
  assert_int_equal(mgg_aqs_event_test(&plastic, &RULE, &out), MGG_OK);
  assert_true(out.is_event && fabs(out.drop - 158.35) < 1e-9);
}

/* the stress rises as predicted but energy is released: an event by the dissipated energy
 * alone; thresholds are strict */
static void test_energy_event_and_thresholds(void **state)
{
  (void) state;
  const double V = 35000.0, dg = 1e-4, tau0 = 1000.0, tau1 = 1030.0;
  const double work = 0.5 * (tau0 + tau1) * V * dg / NKTV2P_METAL;
  mgg_aqs_step step = {tau0, tau1, -8000.0, -8000.0 + work - 0.002, V, dg, 1.0, 30.0};
  mgg_aqs_step_outcome out;
  assert_int_equal(mgg_aqs_event_test(&step, &RULE, &out), MGG_OK);
  assert_true(out.is_event);
  assert_true(fabs(out.drop + 30.0) < 1e-12 && fabs(out.dissipated - 0.002) < 1e-9);

  mgg_aqs_event_rule loose = RULE;
  loose.energy_threshold = 0.01;
  assert_int_equal(mgg_aqs_event_test(&step, &loose, &out), MGG_OK);
  assert_false(out.is_event);
  assert_true(out.elastic_increment == -out.drop);

  /* a drop equal to the threshold is no event */
  const mgg_aqs_step at = {110.0, 100.0, 0.0, 0.0 + 0.5 * 210.0 * V * dg / NKTV2P_METAL, V, dg,
                           1.0, 10.0};
  assert_int_equal(mgg_aqs_event_test(&at, &RULE, &out), MGG_OK);
  assert_true(out.drop == 10.0);
  assert_false(out.is_event);
}

static void test_event_errors(void **state)
{
  (void) state;
  const mgg_aqs_step good = {1000.0, 900.0, -8000.0, -8000.0, 35000.0, 1e-4, 1.0, 20.0};
  mgg_aqs_step_outcome out;
  assert_int_equal(mgg_aqs_event_test(NULL, &RULE, &out), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_aqs_event_test(&good, NULL, &out), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_aqs_event_test(&good, &RULE, NULL), MGG_ERR_NULL_ARGUMENT);
  mgg_aqs_step bad = good;
  bad.volume = 0.0;
  assert_int_equal(mgg_aqs_event_test(&bad, &RULE, &out), MGG_ERR_BAD_ARGUMENT);
  bad = good;
  bad.strain_step = -1e-4;
  assert_int_equal(mgg_aqs_event_test(&bad, &RULE, &out), MGG_ERR_BAD_ARGUMENT);
  bad = good;
  bad.sign = 0.5;
  assert_int_equal(mgg_aqs_event_test(&bad, &RULE, &out), MGG_ERR_BAD_ARGUMENT);
  bad = good;
  bad.stress_after = NAN;
  assert_int_equal(mgg_aqs_event_test(&bad, &RULE, &out), MGG_ERR_BAD_ARGUMENT);
  mgg_aqs_event_rule rule = RULE;
  rule.drop_threshold = -1.0;
  assert_int_equal(mgg_aqs_event_test(&good, &rule, &out), MGG_ERR_BAD_ARGUMENT);
  rule = RULE;
  rule.nktv2p = 0.0;
  assert_int_equal(mgg_aqs_event_test(&good, &rule, &out), MGG_ERR_BAD_ARGUMENT);
}

/* ------------------------------------------------------------------------ box flip */

static void cell_matrix(const double box[6], double h[3][3])
{
  const int periodic[3] = {1, 1, 1};
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(box[0], box[1], box[2], box[3], box[4], box[5], periodic,
                                        &cell), MGG_OK);
  memcpy(h, cell.h, sizeof cell.h);
}

/* the flipped cell holds the same lattice: its vectors are integer combinations of the old ones
 * with determinant +-1; a single sheared tilt beyond half its length comes back within it */
static void test_flip_box(void **state)
{
  (void) state;
  unsigned seed = 17;
  int flipped = 0;
  for (int trial = 0; trial < 200; trial++) {
    const double lx = uniform(&seed, 8, 14), ly = uniform(&seed, 8, 14), lz = uniform(&seed, 8, 14);
    const int one = trial % 2; /* every other box sheared in one tilt only, as AQS shears */
    double box[6] = {lx, ly, lz, uniform(&seed, -0.7, 0.7) * lx,
                     one ? 0.0 : uniform(&seed, -0.7, 0.7) * lx,
                     one ? 0.0 : uniform(&seed, -0.7, 0.7) * ly};
    double old[6], h0[3][3], h1[3][3];
    memcpy(old, box, sizeof box);
    int flip[3];
    const int any = mgg_aqs_flip_box(box, flip);
    flipped += any;
    assert_int_equal(any, flip[0] || flip[1] || flip[2]);
    cell_matrix(old, h0);
    cell_matrix(box, h1);
    /* M = h0^-1 h1 by back substitution (h0 upper triangular) */
    double M[3][3];
    for (int c = 0; c < 3; c++) {
      M[2][c] = h1[2][c] / h0[2][2];
      M[1][c] = (h1[1][c] - h0[1][2] * M[2][c]) / h0[1][1];
      M[0][c] = (h1[0][c] - h0[0][1] * M[1][c] - h0[0][2] * M[2][c]) / h0[0][0];
    }
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 3; c++) assert_true(fabs(M[r][c] - round(M[r][c])) < 1e-9);
    const double det = M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
                       M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
                       M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
    assert_true(fabs(fabs(det) - 1.0) < 1e-9);
    if (one) {
      assert_true(fabs(box[3]) <= 0.5 * lx);
      assert_int_equal(flip[0], fabs(old[3]) > 0.5 * lx ? (old[3] > 0 ? -1 : 1) : 0);
    }
  }
  assert_true(flipped > 20);
}

/* ---------------------------------------------------------------------- candidates */

#define NC 40

/* distance to the nearest image, over all images within one cell vector */
static double brute_distance(const double h[3][3], const double *x, const double *c)
{
  double best = INFINITY;
  for (int i = -1; i <= 1; i++)
    for (int j = -1; j <= 1; j++)
      for (int k = -1; k <= 1; k++) {
        double d2 = 0.0;
        for (int r = 0; r < 3; r++) {
          const double d = x[r] - c[r] + i * h[r][0] + j * h[r][1] + k * h[r][2];
          d2 += d * d;
        }
        best = fmin(best, sqrt(d2));
      }
  return best;
}

/* a tilted cell, the centre at a corner: the group's atoms within the radius, nearest first */
static void test_candidates(void **state)
{
  (void) state;
  const int periodic[3] = {1, 1, 1};
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(12.0, 11.0, 13.0, 2.0, -1.5, 1.0, periodic, &cell), MGG_OK);
  double x[3 * NC];
  int group[NC];
  unsigned seed = 3;
  for (int i = 0; i < NC; i++) {
    const double s[3] = {uniform(&seed, 0, 1), uniform(&seed, 0, 1), uniform(&seed, 0, 1)};
    for (int r = 0; r < 3; r++)
      x[3 * i + r] = cell.h[r][0] * s[0] + cell.h[r][1] * s[1] + cell.h[r][2] * s[2];
    group[i] = i % 4 != 0;
  }
  /* atom 7 on atom 5, the centre beside it and across a boundary (atom 5 moved to the
   * corner): the same distance, index order */
  for (int r = 0; r < 3; r++) x[15 + r] = x[21 + r] = 0.3 * r;
  const double centre[3] = {0.2 + cell.h[0][2], 0.1 + cell.h[1][2], 12.9};
  const double radius = 5.0;
  double work[NC * 2];
  size_t order[NC], m = 0;
  assert_true(mgg_aqs_candidates_work_size(NC) <= sizeof work);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, group, centre, radius, work, sizeof work,
                                      order, &m), MGG_OK);
  size_t expected = 0;
  for (int i = 0; i < NC; i++) expected += group[i] && brute_distance(cell.h, x + 3 * i, centre) <= radius;
  assert_int_equal(m, expected);
  assert_true(m > 3);
  int seen5 = 0, tie_in_order = 0;
  for (size_t k = 0; k < m; k++) {
    seen5 |= order[k] == 5;
    tie_in_order |= order[k] == 7 && seen5;
  }
  assert_true(tie_in_order);
  for (size_t k = 0; k < m; k++) {
    assert_true(group[order[k]]);
    const double r = brute_distance(cell.h, x + 3 * order[k], centre);
    assert_true(r <= radius);
    if (k) {
      const double r_prev = brute_distance(cell.h, x + 3 * order[k - 1], centre);
      assert_true(r_prev <= r + 1e-12);
      if (fabs(r_prev - r) < 1e-12) assert_true(order[k - 1] < order[k]);
    }
  }
  /* no limit and no group: every atom */
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, NULL, centre, INFINITY, work, sizeof work,
                                      order, &m), MGG_OK);
  assert_int_equal(m, NC);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, NULL, centre, 0.0, work, sizeof work, order,
                                      &m), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, NULL, centre, 1.0, work, 8, order, &m),
                   MGG_ERR_BUFFER_TOO_SMALL);
  const size_t need = mgg_aqs_candidates_work_size(NC);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, NULL, centre, 1.0, work, need - 1, order, &m),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, x, NULL, centre, 1.0, work, need, order, &m),
                   MGG_OK);
  assert_int_equal(mgg_aqs_candidates(&cell, NC, NULL, NULL, centre, 1.0, work, sizeof work,
                                      order, &m), MGG_ERR_NULL_ARGUMENT);
}

/* ---------------------------------------------------------------------------- settle */

#define NS 30
#define SETS 2
#define STRIDE 7 /* 3 SETS doubles per atom and one unrelated */

/* the settle sums and deviations of n atoms split at `split` into two processes, reduced as
 * the fix reduces them */
static void settle_worst2(size_t split, const double *d, const double *minima,
                          const double *held, size_t n_sets, double *worst2)
{
  double sums[3 * SETS], more[3 * SETS], mean[3 * SETS], w2[SETS];
  mgg_aqs_settle_sums(split, n_sets, d, minima, STRIDE, held, sums);
  mgg_aqs_settle_sums(NS - split, n_sets, d + 3 * split, minima ? minima + STRIDE * split : NULL,
                      STRIDE, held, more);
  for (size_t c = 0; c < 3 * n_sets; c++) mean[c] = (sums[c] + more[c]) / NS;
  mgg_aqs_settle_deviations(split, n_sets, d, minima, STRIDE, held, mean, worst2);
  mgg_aqs_settle_deviations(NS - split, n_sets, d + 3 * split,
                            minima ? minima + STRIDE * split : NULL, STRIDE, held, mean, w2);
  for (size_t k = 0; k < n_sets; k++) worst2[k] = fmax(worst2[k], w2[k]);
}

/* two minima; a trial with atom f frozen whose displacements are minimum 1 shifted so that f
 * stays put, plus a drift and noise: settled in 1 when the noise is below the settle distance */
static void test_settle(void **state)
{
  (void) state;
  const size_t f = 4;
  const double settle = 0.01, drift[3] = {0.3, -0.2, 0.05};
  double minima[STRIDE * NS], d[3 * NS], held[3 * SETS], noise[3 * NS];
  unsigned seed = 11;
  for (size_t i = 0; i < NS; i++) {
    for (int c = 0; c < 3 * SETS; c++) minima[STRIDE * i + c] = uniform(&seed, -1.0, 1.0);
    minima[STRIDE * i + 6] = 1e9;
    for (int a = 0; a < 3; a++) noise[3 * i + a] = uniform(&seed, -1.0, 1.0);
  }
  for (int c = 0; c < 3 * SETS; c++) held[c] = minima[STRIDE * f + c];
  for (int trial = 0; trial < 2; trial++) {
    /* noise components up to 0.4 or 2 settle distances: the largest deviation below or above it */
    const double amplitude = trial == 0 ? 0.4 * settle : 2.0 * settle;
    double noise_mean[3] = {0.0, 0.0, 0.0};
    for (size_t i = 0; i < NS; i++)
      for (int a = 0; a < 3; a++) noise_mean[a] += amplitude * noise[3 * i + a] / NS;
    double largest = 0.0;
    for (size_t i = 0; i < NS; i++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) {
        d[3 * i + a] = minima[STRIDE * i + 3 + a] - held[3 + a] + drift[a] + amplitude * noise[3 * i + a];
        r2 += pow(amplitude * noise[3 * i + a] - noise_mean[a], 2);
      }
      largest = fmax(largest, sqrt(r2));
    }
    for (size_t split = 0; split <= NS; split += 10) {
      double worst2[SETS];
      settle_worst2(split, d, minima, held, SETS, worst2);
      assert_true(fabs(sqrt(worst2[1]) - largest) < 1e-12);
      assert_true(sqrt(worst2[0]) > 10.0 * settle);
      assert_int_equal(mgg_aqs_settled_minimum(SETS, worst2, settle), largest < settle ? 1 : -1);
    }
    assert_true(trial == 0 ? largest < settle : largest > settle);
  }
  /* without minima, the deviation of d itself: a pure drift has none */
  for (size_t i = 0; i < NS; i++)
    for (int a = 0; a < 3; a++) d[3 * i + a] = drift[a];
  double worst2[1];
  settle_worst2(13, d, NULL, NULL, 1, worst2);
  assert_true(worst2[0] < 1e-28);
  assert_false(mgg_aqs_distinct_minimum(worst2[0], settle));
  /* the boundary of a distinct minimum: 3 settle distances */
  assert_false(mgg_aqs_distinct_minimum(pow(2.99 * settle, 2), settle));
  assert_true(mgg_aqs_distinct_minimum(pow(3.01 * settle, 2), settle));
  assert_true(mgg_aqs_distinct_minimum(0.0, 0.0));
}

/* D_f of a trial settled in minimum k: the shifted minimum's norm, split over processes */
static void test_settled_df(void **state)
{
  (void) state;
  double minima[STRIDE * NS];
  unsigned seed = 5;
  for (size_t i = 0; i < NS * STRIDE; i++) minima[i] = uniform(&seed, -1.0, 1.0);
  const size_t f = 9, k = 1;
  const double *held = minima + STRIDE * f + 3 * k;
  double expected = 0.0;
  for (size_t i = 0; i < NS; i++)
    for (int a = 0; a < 3; a++) expected += pow(minima[STRIDE * i + 3 * k + a] - held[a], 2);
  const double split = mgg_aqs_settled_df2(12, minima, STRIDE, k, held) +
                       mgg_aqs_settled_df2(NS - 12, minima + STRIDE * 12, STRIDE, k, held);
  assert_true(fabs(split - expected) < 1e-12 * expected);
}

static void test_core_flags(void **state)
{
  (void) state;
  const double df[6] = {-1.0, 0.01, 0.2, 0.5, 3.0, 0.0};
  double core[6];
  size_t n_core = 99;
  assert_int_equal(mgg_aqs_core_flags(6, df, 0.2, core, &n_core), MGG_OK);
  const double expected[6] = {-1.0, 1.0, 1.0, 0.0, 0.0, 1.0};
  for (int i = 0; i < 6; i++) assert_true(core[i] == expected[i]);
  assert_int_equal(n_core, 3);
  /* no gap: no core */
  assert_int_equal(mgg_aqs_core_flags(6, df, 0.0, core, &n_core), MGG_OK);
  assert_int_equal(n_core, 0);
  assert_true(core[0] == -1.0 && core[5] == 0.0);
  const double nan_df[2] = {0.1, NAN};
  assert_int_equal(mgg_aqs_core_flags(2, nan_df, 0.2, core, &n_core), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_flags(6, df, NAN, core, &n_core), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_flags(6, NULL, 0.2, core, &n_core), MGG_ERR_NULL_ARGUMENT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_elastic_steps),
      cmocka_unit_test(test_stress_drop),
      cmocka_unit_test(test_negative_shear),
      cmocka_unit_test(test_softening_is_no_event),
      cmocka_unit_test(test_energy_event_and_thresholds),
      cmocka_unit_test(test_event_errors),
      cmocka_unit_test(test_flip_box),
      cmocka_unit_test(test_candidates),
      cmocka_unit_test(test_settle),
      cmocka_unit_test(test_settled_df),
      cmocka_unit_test(test_core_flags),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
