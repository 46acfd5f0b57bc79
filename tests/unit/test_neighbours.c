/* Cell-list radius search against brute force, including clustered and elongated point sets
 * and the buffer-too-small protocol. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "mgglass.h"

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* centres: the points with x < xmax (a spatial subset, so that the search must still find
 * points outside the centres' box) */
static void check_against_brute_force(size_t n, const double *x, double radius, double xmax)
{
  int *centre = malloc(n * sizeof(int));
  size_t nc = 0;
  for (size_t i = 0; i < n; i++)
    if (x[3 * i] < xmax) centre[nc++] = (int) i;
  size_t *start = malloc((nc + 1) * sizeof(size_t));
  size_t wlen = mgg_find_within_workspace(n, x, nc, centre, radius), nfound = 0;
  double *work = malloc(wlen);
  /* first call with no room: reports the size */
  const mgg_status probe = mgg_find_within(n, x, nc, centre, radius, work, wlen, start, NULL, 0, &nfound);
  assert_int_equal(probe, nfound ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK);
  int *index = malloc((nfound + 1) * sizeof(int));
  assert_int_equal(mgg_find_within(n, x, nc, centre, radius, work, wlen, start, index, nfound, &nfound), MGG_OK);
  size_t total = 0;
  for (size_t k = 0; k < nc; k++) {
    const size_t i = (size_t) centre[k];
    char *hit = calloc(n, 1);
    for (size_t c = start[k]; c < start[k + 1]; c++) {
      assert_false(hit[index[c]]); /* each point once */
      hit[index[c]] = 1;
    }
    for (size_t j = 0; j < n; j++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) r2 += pow(x[3 * j + a] - x[3 * i + a], 2);
      assert_int_equal(hit[j], j != i && r2 < radius * radius);
      total += hit[j];
    }
    free(hit);
  }
  assert_int_equal(total, nfound);
  free(centre), free(start), free(work), free(index);
}

static void test_uniform_cloud(void **state)
{
  (void) state;
  enum { N = 1500 };
  static double x[3 * N];
  unsigned s = 7u;
  for (int i = 0; i < 3 * N; i++) x[i] = uniform(&s, -5.0, 20.0);
  check_against_brute_force(N, x, 3.0, INFINITY);
  check_against_brute_force(N, x, 0.7, INFINITY);
  check_against_brute_force(N, x, 40.0, INFINITY); /* radius larger than the cloud: one cell */
  check_against_brute_force(N, x, 3.0, 2.0);       /* centres in one slab */
  check_against_brute_force(N, x, 2.5, -4.0);      /* a few centres at the edge */
}

static void test_elongated_and_clustered(void **state)
{
  (void) state;
  enum { N = 800 };
  static double x[3 * N];
  unsigned s = 3u;
  for (int i = 0; i < N; i++) {
    x[3 * i] = uniform(&s, 0.0, 500.0); /* a needle: many empty cells */
    x[3 * i + 1] = uniform(&s, 0.0, 0.5);
    x[3 * i + 2] = i % 2 ? 1.0 : uniform(&s, 0.0, 0.5);
  }
  check_against_brute_force(N, x, 1.2, INFINITY);
  check_against_brute_force(N, x, 1.2, 100.0);
  for (int i = 0; i < N; i++) x[3 * i] = i < N / 2 ? 0.0 : 300.0; /* two tight clusters */
  check_against_brute_force(N, x, 0.9, INFINITY);
  check_against_brute_force(N, x, 0.9, 1.0);
}

static void test_errors(void **state)
{
  (void) state;
  double x[6] = {0, 0, 0, 1, 0, 0};
  int centre[1] = {5}, index[4];
  double work[64];
  size_t start[2], nfound;
  assert_int_equal(mgg_find_within(2, x, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_BAD_INDEX);
  centre[0] = 0;
  assert_int_equal(mgg_find_within(2, x, 1, centre, 0.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_find_within(2, x, 1, centre, 2.0, work, 8, start, index, 4, &nfound), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_find_within(2, NULL, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_find_within(2, x, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_OK);
  assert_int_equal(nfound, 1);
  assert_int_equal(index[0], 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_uniform_cloud),
      cmocka_unit_test(test_elongated_and_clustered),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
