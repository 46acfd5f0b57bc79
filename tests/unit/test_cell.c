/* Cell helpers: minimum image against a brute-force search over images, face widths against
 * the volume / face-area formula. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "mgglass.h"

static const int PERIODIC[3] = {1, 1, 1};

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

static void cross(const double a[3], const double b[3], double c[3])
{
  c[0] = a[1] * b[2] - a[2] * b[1];
  c[1] = a[2] * b[0] - a[0] * b[2];
  c[2] = a[0] * b[1] - a[1] * b[0];
}

static double norm3(const double v[3]) { return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

static void test_inverse(void **state)
{
  (void) state;
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(10.0, 12.0, 9.0, 3.0, -2.5, 1.5, PERIODIC, &cell), MGG_OK);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += cell.h[r][k] * cell.hinv[k][c];
      assert_true(fabs(s - (r == c)) < 1e-14);
    }
}

static void test_min_width(void **state)
{
  (void) state;
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 12.0, 9.0, 3.0, -2.5, 1.5, PERIODIC, &cell);
  double a[3], b[3], c[3], bc[3], ca[3], ab[3];
  for (int r = 0; r < 3; r++) {
    a[r] = cell.h[r][0];
    b[r] = cell.h[r][1];
    c[r] = cell.h[r][2];
  }
  cross(b, c, bc);
  cross(c, a, ca);
  cross(a, b, ab);
  const double volume = fabs(a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2]);
  double expected = fmin(volume / norm3(bc), fmin(volume / norm3(ca), volume / norm3(ab)));
  assert_true(fabs(mgg_cell_min_width(&cell) - expected) < 1e-12 * expected);

  const int only_z[3] = {0, 0, 1};
  mgg_cell_from_lammps(10.0, 12.0, 9.0, 0.0, 0.0, 0.0, only_z, &cell);
  assert_true(fabs(mgg_cell_min_width(&cell) - 9.0) < 1e-12);
  const int none[3] = {0, 0, 0};
  mgg_cell_from_lammps(10.0, 12.0, 9.0, 0.0, 0.0, 0.0, none, &cell);
  assert_true(isinf(mgg_cell_min_width(&cell)));
}

/* For random vectors whose shortest image is shorter than half the width, the helper finds the
 * same image as a search over 7^3 lattice translations. */
static void test_minimum_image_brute_force(void **state)
{
  (void) state;
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 11.0, 9.5, 4.9, -4.0, 5.2, PERIODIC, &cell);
  const double half = 0.5 * mgg_cell_min_width(&cell);
  unsigned seed = 12345u;
  int checked = 0;
  for (int trial = 0; trial < 20000; trial++) {
    double v[3] = {uniform(&seed, -40, 40), uniform(&seed, -40, 40), uniform(&seed, -40, 40)};
    double best[3] = {0}, best_len = INFINITY;
    for (int i = -3; i <= 3; i++)
      for (int j = -3; j <= 3; j++)
        for (int k = -3; k <= 3; k++) {
          double w[3];
          for (int r = 0; r < 3; r++) w[r] = v[r] + cell.h[r][0] * i + cell.h[r][1] * j + cell.h[r][2] * k;
          if (norm3(w) < best_len) {
            best_len = norm3(w);
            for (int r = 0; r < 3; r++) best[r] = w[r];
          }
        }
    if (best_len >= half) continue;
    mgg_cell_minimum_image(&cell, v);
    for (int r = 0; r < 3; r++) assert_true(fabs(v[r] - best[r]) < 1e-10);
    checked++;
  }
  assert_true(checked > 100);
}

static void test_non_periodic_direction_untouched(void **state)
{
  (void) state;
  const int xy_only[3] = {1, 1, 0};
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, xy_only, &cell);
  double v[3] = {7.0, -6.0, 8.0};
  mgg_cell_minimum_image(&cell, v);
  assert_true(fabs(v[0] + 3.0) < 1e-12 && fabs(v[1] - 4.0) < 1e-12 && fabs(v[2] - 8.0) < 1e-12);
}

static void test_bad_cells(void **state)
{
  (void) state;
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(0.0, 1.0, 1.0, 0, 0, 0, PERIODIC, &cell), MGG_ERR_SINGULAR_CELL);
  assert_int_equal(mgg_cell_from_lammps(1.0, 1.0, 1.0, 0, 0, 0, PERIODIC, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_cell_from_lammps(1.0, 1.0, 1.0, 0, 0, 0, NULL, &cell), MGG_ERR_NULL_ARGUMENT);
}

static void test_status_messages(void **state)
{
  (void) state;
  for (int s = MGG_OK; s <= MGG_ERR_BUFFER_TOO_SMALL; s++) {
    assert_non_null(mgg_status_message((mgg_status) s));
    for (int t = MGG_OK; t < s; t++)
      assert_string_not_equal(mgg_status_message((mgg_status) s), mgg_status_message((mgg_status) t));
  }
  assert_string_equal(mgg_status_message((mgg_status) 999), "unknown status");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_inverse),
      cmocka_unit_test(test_min_width),
      cmocka_unit_test(test_minimum_image_brute_force),
      cmocka_unit_test(test_non_periodic_direction_untouched),
      cmocka_unit_test(test_bad_cells),
      cmocka_unit_test(test_status_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
