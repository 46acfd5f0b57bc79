/* ARTn saddle searches and the Lanczos eigenpairs on analytic energies:
 *  - Lanczos against LAPACK dsyev on random symmetric matrices (lowest and two lowest pairs);
 *  - the finite-difference Hessian-vector product against the analytic one (Lennard-Jones);
 *  - Mueller-Brown: searches from its three minima end on its two saddles, located
 *    independently by Newton's method on the analytic gradient and Hessian, to 1e-6;
 *  - a Lennard-Jones 7-atom cluster: saddles from pushes of single atoms, confirmed by an
 *    independent Newton refinement on a finite-difference Hessian (force ~0, exactly one
 *    negative eigenvalue of the dense Hessian by dsyev, besides the six rigid-body zeros), and
 *    duplicates flagged exactly where the refined saddles coincide;
 *  - the status of every failure path (caps, runaway, lost atom, non-finite answers) and
 *    argument errors. */
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

extern void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                   double *w, double *work, const int *lwork, int *info, size_t, size_t);

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* all eigenpairs of a dense symmetric matrix a (n x n, overwritten by the vectors, column k the
 * k-th eigenvector), eigenvalues ascending in w */
static void dense_eigen(int n, double *a, double *w)
{
  int lwork = -1, info = 0;
  double query;
  dsyev_("V", "U", &n, a, &n, w, &query, &lwork, &info, 1, 1);
  lwork = (int) query;
  double *work = malloc((size_t) lwork * sizeof(double));
  assert_non_null(work);
  dsyev_("V", "U", &n, a, &n, w, work, &lwork, &info, 1, 1);
  assert_int_equal(info, 0);
  free(work);
}

/* ------------------------------------------------------------- a model */

typedef struct {
  size_t n_atoms;
  double (*energy_forces)(const double *x, double *f, size_t n_atoms);
  void (*hessian_vector)(const double *x, const double *v, double *hv, size_t n_atoms);
} model;

/* one search to its end, answering every request from the model; *work is the caller's */
static mgg_artn_status run_search(const model *m, const mgg_artn_params *p, const double *x0,
                                  double e0, const double *push, const int *mobile, mgg_artn *s,
                                  void **work)
{
  const size_t len = mgg_artn_work_size(m->n_atoms, p);
  assert_true(len > 0);
  *work = malloc(len);
  assert_non_null(*work);
  assert_int_equal(mgg_artn_start(p, m->n_atoms, x0, e0, push, mobile, *work, len, s), MGG_OK);
  double *answer = malloc(3 * m->n_atoms * sizeof(double));
  assert_non_null(answer);
  double energy = 0.0;
  long requests = 0;
  for (mgg_artn_request r = mgg_artn_step(s, 0.0, NULL); r != MGG_ARTN_DONE;
       r = mgg_artn_step(s, energy, answer)) {
    if (r == MGG_ARTN_EVALUATE) {
      energy = m->energy_forces(s->point, answer, m->n_atoms);
    } else {
      assert_int_equal(r, MGG_ARTN_HESSIAN_VECTOR);
      assert_true(p->lanczos_fd_step == 0.0);
      m->hessian_vector(s->point, s->direction, answer, m->n_atoms);
    }
    requests++;
  }
  assert_int_equal(requests, s->evaluations + s->hessian_vectors);
  free(answer);
  return s->status;
}

/* ------------------------------------------------------------- Lanczos */

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

/* ------------------------------------------------------------- Mueller-Brown */

static const double MB_A[4] = {-200, -100, -170, 15}, MB_a[4] = {-1, -1, -6.5, 0.7},
                    MB_b[4] = {0, 0, 11, 0.6}, MB_c[4] = {-10, -10, -6.5, 0.7},
                    MB_x0[4] = {1, 0, -0.5, -1}, MB_y0[4] = {0, 0.5, 1.5, 1};

/* energy, gradient g and Hessian h (2x2, row-major) of the Mueller-Brown surface */
static double mb_eval(double x, double y, double g[2], double h[4])
{
  double e = 0.0;
  if (g) g[0] = g[1] = 0.0;
  if (h) h[0] = h[1] = h[2] = h[3] = 0.0;
  for (int k = 0; k < 4; k++) {
    const double dx = x - MB_x0[k], dy = y - MB_y0[k];
    const double ek = MB_A[k] * exp(MB_a[k] * dx * dx + MB_b[k] * dx * dy + MB_c[k] * dy * dy);
    const double qx = 2 * MB_a[k] * dx + MB_b[k] * dy, qy = MB_b[k] * dx + 2 * MB_c[k] * dy;
    e += ek;
    if (g) {
      g[0] += ek * qx;
      g[1] += ek * qy;
    }
    if (h) {
      h[0] += ek * (qx * qx + 2 * MB_a[k]);
      h[1] += ek * (qx * qy + MB_b[k]);
      h[3] += ek * (qy * qy + 2 * MB_c[k]);
    }
  }
  if (h) h[2] = h[1];
  return e;
}

static double mb_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  double g[2];
  const double e = mb_eval(x[0], x[1], g, NULL);
  f[0] = -g[0];
  f[1] = -g[1];
  f[2] = 0.0;
  return e;
}

static void mb_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) n_atoms;
  double h[4];
  mb_eval(x[0], x[1], NULL, h);
  hv[0] = h[0] * v[0] + h[1] * v[1];
  hv[1] = h[2] * v[0] + h[3] * v[1];
  hv[2] = 0.0;
}

/* Newton's method on the gradient from p: the stationary point near it */
static void mb_newton(double p[2])
{
  for (int it = 0; it < 100; it++) {
    double g[2], h[4];
    mb_eval(p[0], p[1], g, h);
    const double det = h[0] * h[3] - h[1] * h[2];
    const double dx = (h[3] * g[0] - h[1] * g[1]) / det, dy = (-h[2] * g[0] + h[0] * g[1]) / det;
    p[0] -= dx;
    p[1] -= dy;
    if (hypot(dx, dy) < 1e-14) break;
  }
  double g[2];
  mb_eval(p[0], p[1], g, NULL);
  assert_true(hypot(g[0], g[1]) < 1e-9);
}

static mgg_artn_params mb_params(void)
{
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  p.eigenvalue_threshold = -5.0;
  p.force_tol = 1e-6;
  p.lanczos_fd_step = 0.0;
  p.max_energy = 500.0;
  p.push_initial = 0.05;
  p.push_increment = 0.05;
  p.eigen_step_max = 0.05;
  p.validate_step = 0.02;
  p.validate_ftol = 1e-4;
  p.perp_dmax = 0.02;
  return p;
}

static void test_mueller_brown(void **state)
{
  (void) state;
  /* literature positions (Mueller and Brown 1979), refined here */
  double minima[3][2] = {{-0.558, 1.442}, {0.623, 0.028}, {-0.050, 0.467}};
  double saddles[2][2] = {{-0.822, 0.624}, {0.212, 0.293}};
  for (int k = 0; k < 3; k++) mb_newton(minima[k]);
  for (int k = 0; k < 2; k++) {
    mb_newton(saddles[k]);
    double h[4], w[2];
    mb_eval(saddles[k][0], saddles[k][1], NULL, h);
    dense_eigen(2, h, w);
    assert_true(w[0] < 0.0 && w[1] > 0.0);
  }
  const model m = {1, mb_energy_forces, mb_hessian_vector};
  const int mobile[3] = {1, 1, 0};
  const mgg_artn_params p = mb_params();
  int found[3][2] = {{0}};
  long evaluations = 0, saddles_found = 0;
  for (int k = 0; k < 3; k++) {
    for (int dir = 0; dir < 8; dir++) {
      const double angle = 2.0 * 3.14159265358979323846 * dir / 8.0;
      const double x0[3] = {minima[k][0], minima[k][1], 0.0};
      const double push[3] = {cos(angle), sin(angle), 0.7};
      mgg_artn s;
      void *work;
      const mgg_artn_status st = run_search(&m, &p, x0, mb_eval(x0[0], x0[1], NULL, NULL), push,
                                            mobile, &s, &work);
      evaluations += s.evaluations + s.hessian_vectors;
      const double *xs = mgg_artn_saddle(&s);
      printf("MB minimum %d push %d: %s, E_act %.6f, %ld evaluations %ld products\n", k, dir,
             mgg_artn_status_message(st), s.e_act, s.evaluations, s.hessian_vectors);
      assert_true(xs[2] == 0.0);
      if (st == MGG_ARTN_SADDLE) {
        saddles_found++;
        int which = -1;
        for (int j = 0; j < 2; j++)
          if (hypot(xs[0] - saddles[j][0], xs[1] - saddles[j][1]) < 1e-6) which = j;
        assert_true(which >= 0);
        found[k][which]++;
        assert_true(fabs(s.e_act - (mb_eval(saddles[which][0], saddles[which][1], NULL, NULL) -
                                    mb_eval(x0[0], x0[1], NULL, NULL))) < 1e-9);
        double h[4], w[2];
        mb_eval(xs[0], xs[1], NULL, h);
        dense_eigen(2, h, w);
        assert_true(fabs(s.eigenvalue[0] - w[0]) < 1e-6 * fabs(w[0]));
        assert_true(fabs(s.eigenvalue[1] - w[1]) < 1e-6 * fabs(w[1]));
        assert_true(s.connected_side == 1 || s.connected_side == 2);
      }
      free(work);
    }
  }
  printf("MB: %ld validated saddles of 24 searches, %.1f requests per saddle\n", saddles_found,
         (double) evaluations / (double) saddles_found);
  /* A is next to S1 only, B next to S2 only; C lies between both */
  assert_true(found[0][0] > 0 && found[0][1] == 0);
  assert_true(found[1][1] > 0 && found[1][0] == 0);
  assert_true(found[2][0] > 0 && found[2][1] > 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lanczos_random_matrices),
      cmocka_unit_test(test_lanczos_arguments),
      cmocka_unit_test(test_mueller_brown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
