/* Flexibility volume: closed-form values of v = <dr^2> Omega^(1/3) and <dr^2> Omega / a^2, the
 * two definitions agreeing when a = Omega^(1/3), in place, and argument errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mgglass.h"

static void test_values(void **state)
{
  (void) state;
  const double msd[] = {0.04, 0.1, 0.0, 0.25}, volume[] = {8.0, 27.0, 15.0, 0.0};
  double v[4];
  /* a_i = Omega_i^(1/3): <dr^2> Omega^(1/3) = 0.04 * 2, 0.1 * 3, 0, 0 (finite at Omega = 0) */
  assert_int_equal(mgg_flexvol(4, msd, volume, 0.0, v), MGG_OK);
  const double own[] = {0.08, 0.3, 0.0, 0.0};
  for (int i = 0; i < 4; i++) assert_true(fabs(v[i] - own[i]) <= 1e-15 * own[i]);
  /* one spacing a = 2: <dr^2> / 4 * Omega */
  assert_int_equal(mgg_flexvol(4, msd, volume, 2.0, v), MGG_OK);
  const double common[] = {0.08, 0.675, 0.0, 0.0};
  for (int i = 0; i < 4; i++) assert_true(fabs(v[i] - common[i]) <= 1e-15 * common[i]);
  /* the two agree for an atom whose Omega^(1/3) is the spacing */
  double one;
  assert_int_equal(mgg_flexvol(1, &msd[1], &volume[1], 3.0, &one), MGG_OK);
  assert_true(fabs(one - 0.3) <= 1e-15);
  /* in place over the MSD */
  double inplace[] = {0.04, 0.1, 0.0, 0.25};
  assert_int_equal(mgg_flexvol(4, inplace, volume, 0.0, inplace), MGG_OK);
  for (int i = 0; i < 4; i++) assert_true(fabs(inplace[i] - own[i]) <= 1e-15 * own[i]);
}

static void test_arguments(void **state)
{
  (void) state;
  double msd = 0.1, volume = 8.0, v = 0.0, bad = -1e-3, nan = NAN, inf = INFINITY;
  assert_int_equal(mgg_flexvol(0, NULL, NULL, 0.0, NULL), MGG_OK);
  assert_int_equal(mgg_flexvol(1, NULL, &volume, 0.0, &v), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, NULL, 0.0, &v), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &volume, 0.0, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &volume, -1.0, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &volume, NAN, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &volume, INFINITY, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &bad, &volume, 0.0, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &bad, 0.0, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &nan, &volume, 0.0, &v), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_flexvol(1, &msd, &inf, 0.0, &v), MGG_ERR_BAD_ARGUMENT);
  assert_true(v == 0.0); /* nothing written on error */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values),
      cmocka_unit_test(test_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
