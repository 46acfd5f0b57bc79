/* The Lanczos lowest eigenpairs (mgg_lanczos) against LAPACK dsyev on random symmetric
 * matrices (the lowest and the two lowest pairs, and an order below the iteration cap), and
 * their argument errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dense_eigen.h"
#include "mgglass.h"

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

static void random_symmetric(int n, unsigned seed, double *a)
{
  unsigned st = seed;
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = uniform(&st, -1.0, 1.0);
}

static void check_lanczos(int n, int n_eig, unsigned seed)
{
  double *a = malloc((size_t) n * n * sizeof(double)), *v = malloc((size_t) n * n * sizeof(double));
  double *w = malloc((size_t) n * sizeof(double)), *prod = malloc((size_t) n * sizeof(double));
  double *v0 = malloc((size_t) n * sizeof(double)), *y = malloc((size_t) n * sizeof(double));
  assert_true(a && v && w && prod && v0 && y);
  random_symmetric(n, seed, a);
  memcpy(v, a, (size_t) n * n * sizeof(double));
  dense_eigen(n, v, w);
  unsigned st = seed + 7;
  for (int i = 0; i < n; i++) v0[i] = uniform(&st, -1.0, 1.0);
  const mgg_lanczos_params lp = {.max_iter = MGG_LANCZOS_MAX_ITER, .n_eig = n_eig, .tol = 1e-9,
                                 .floor = 1.0, .criterion = MGG_LANCZOS_RESIDUAL};
  const size_t len = mgg_lanczos_work_size((size_t) n, lp.max_iter);
  void *work = malloc(len);
  mgg_lanczos lz;
  assert_int_equal(mgg_lanczos_start(&lp, (size_t) n, v0, work, len, &lz), MGG_OK);
  const double *q;
  const double *product = NULL;
  int products = 0;
  while (mgg_lanczos_step(&lz, product, &q) == MGG_LANCZOS_MULTIPLY) {
    for (int i = 0; i < n; i++) {
      double s = 0.0;
      for (int j = 0; j < n; j++) s += a[i * n + j] * q[j];
      prod[i] = s;
    }
    product = prod;
    products++;
  }
  assert_int_equal(products, lz.k);
  assert_true(lz.converged);
  assert_int_equal(lz.n_found, n_eig);
  for (int i = 0; i < n_eig; i++) {
    /* a Ritz value is within its residual of an eigenvalue, here the i-th lowest */
    assert_true(fabs(lz.theta[i] - w[i]) <= fmax(lz.residual[i], 1e-12));
    assert_true(fabs(lz.theta[i] - w[i]) < 1e-8);
    assert_int_equal(mgg_lanczos_ritz_vector(&lz, i, y), MGG_OK);
    double overlap = 0.0, res2 = 0.0;
    for (int r = 0; r < n; r++) overlap += y[r] * v[(size_t) i * n + r];
    assert_true(fabs(fabs(overlap) - 1.0) < 1e-8);
    for (int r = 0; r < n; r++) {
      double s = -lz.theta[i] * y[r];
      for (int c = 0; c < n; c++) s += a[r * n + c] * y[c];
      res2 += s * s;
    }
    assert_true(sqrt(res2) < 1e-8);
  }
  printf("lanczos n %d, %d lowest: %d products\n", n, n_eig, products);
  free(work);
  free(a);
  free(v);
  free(w);
  free(prod);
  free(v0);
  free(y);
}

static void test_lanczos_random_matrices(void **state)
{
  (void) state;
  check_lanczos(60, 1, 1u);
  check_lanczos(60, 2, 2u);
  check_lanczos(150, 2, 3u);
  /* order below max_iter: the Krylov space is exhausted, the Ritz pairs exact */
  check_lanczos(7, 2, 4u);
}

static void test_lanczos_arguments(void **state)
{
  (void) state;
  double v0[4] = {1, 0, 0, 0}, zero[4] = {0}, work[4096];
  mgg_lanczos lz;
  mgg_lanczos_params lp = {.max_iter = 10, .n_eig = 1, .tol = 1e-3, .floor = 0.0,
                           .criterion = MGG_LANCZOS_CHANGE};
  assert_int_equal(mgg_lanczos_start(&lp, 4, v0, work, sizeof work, &lz), MGG_OK);
  assert_int_equal(mgg_lanczos_start(&lp, 4, zero, work, sizeof work, &lz), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_lanczos_start(&lp, 4, v0, work, 8, &lz), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_lanczos_start(NULL, 4, v0, work, sizeof work, &lz), MGG_ERR_NULL_ARGUMENT);
  lp.n_eig = 3;
  assert_int_equal(mgg_lanczos_start(&lp, 4, v0, work, sizeof work, &lz), MGG_ERR_BAD_ARGUMENT);
  lp.n_eig = 1;
  lp.max_iter = MGG_LANCZOS_MAX_ITER + 1;
  assert_int_equal(mgg_lanczos_start(&lp, 4, v0, work, sizeof work, &lz), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_lanczos_work_size(4, 1), 0);
  /* a non-finite product ends the iteration, not converged */
  lp.max_iter = 10;
  assert_int_equal(mgg_lanczos_start(&lp, 4, v0, work, sizeof work, &lz), MGG_OK);
  const double *q;
  const double bad[4] = {NAN, 0, 0, 0};
  assert_int_equal(mgg_lanczos_step(&lz, NULL, &q), MGG_LANCZOS_MULTIPLY);
  assert_int_equal(mgg_lanczos_step(&lz, bad, &q), MGG_LANCZOS_DONE);
  assert_false(lz.converged);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lanczos_random_matrices),
      cmocka_unit_test(test_lanczos_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
