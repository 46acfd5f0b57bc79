/* The STZ core from the gap in the log histogram of D_f, on synthetic D_f sets with a known
 * core, without one, with a large gap above the reference, and zero D_f. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mgglass.h"

#define N 2000

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* 40 core atoms log-uniform in [1e-3, 0.4] A, the others in [3, 30] A, shuffled together */
static void test_known_core(void **state)
{
  (void) state;
  static double df[N];
  unsigned seed = 7;
  double core_max = 0.0, other_min = INFINITY;
  for (int k = 0; k < N; k++) {
    const int core = k % 50 == 0;
    df[k] = core ? pow(10.0, uniform(&seed, -3.0, log10(0.4))) : uniform(&seed, 3.0, 30.0);
    if (core) core_max = fmax(core_max, df[k]);
    else other_min = fmin(other_min, df[k]);
  }
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(N, df, 8.4, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 40);
  assert_true(gap.lower == core_max && gap.upper == other_min && gap.threshold == core_max);
  for (int k = 1; k < N; k++) assert_true(df[k - 1] <= df[k]);
}

/* D_f spread evenly over four decades: no gap, no core */
static void test_no_gap(void **state)
{
  (void) state;
  static double df[N];
  for (int k = 0; k < N; k++) df[k] = pow(10.0, -2.0 + 4.0 * k / (N - 1.0));
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(N, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
  assert_true(gap.threshold == 0.0 && gap.lower == 0.0 && gap.upper == 0.0);
}

/* a decade-wide gap between atoms near the reference and far above it is no core */
static void test_gap_above_reference_ignored(void **state)
{
  (void) state;
  double df[100];
  for (int k = 0; k < 100; k++) df[k] = k < 80 ? 6.0 + 0.05 * k : 100.0 + k;
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(100, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
}

/* atoms that did not move at all (D_f = 0) belong to the core; the floor keeps log finite */
static void test_zero_df(void **state)
{
  (void) state;
  double df[6] = {0.0, 9.0, 0.0, 10.0, 1e-4, 11.0};
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(6, df, 9.5, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 3);
  assert_true(gap.lower == 1e-4 && gap.upper == 9.0);
  assert_true(df[0] == MGG_DF_FLOOR);
}

/* a gap narrower than asked does not count */
static void test_min_gap_width(void **state)
{
  (void) state;
  double df[4] = {1.0, 1.1, 3.0, 3.1};   /* gap log10(3/1.1) = 0.44 decades */
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(4, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
  assert_int_equal(mgg_aqs_core_gap(4, df, 8.0, 0.4, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 2);
}

static void test_bad_arguments(void **state)
{
  (void) state;
  double df[3] = {1.0, -1.0, 2.0};
  mgg_core_gap gap;
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  df[1] = NAN;
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  df[1] = 1.0;
  assert_int_equal(mgg_aqs_core_gap(3, df, 0.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.0, &gap), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, NULL, 8.0, 0.5, &gap), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, NULL), MGG_ERR_NULL_ARGUMENT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known_core),
      cmocka_unit_test(test_no_gap),
      cmocka_unit_test(test_gap_above_reference_ignored),
      cmocka_unit_test(test_zero_df),
      cmocka_unit_test(test_min_gap_width),
      cmocka_unit_test(test_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
