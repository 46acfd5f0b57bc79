/* ARTn saddle searches on analytic energies:
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

#include "dense_eigen.h"
#include "mgglass.h"

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* ------------------------------------------------------------- a model */

typedef struct {
  size_t n_atoms;
  double (*energy_forces)(const double *x, double *f, size_t n_atoms);
  void (*hessian_vector)(const double *x, const double *v, double *hv, size_t n_atoms);
  int unresolved_curvatures; /* answer MGG_ARTN_CURVATURES with NAN */
} model;

/* the answer to MGG_ARTN_CURVATURES from the dense Hessian of the mobile coordinates (columns
 * by the model's Hessian-vector products, LAPACK dsyev): lambda_1, lambda_2, e_1 */
static void dense_curvatures(const model *m, const double *x, const int *mobile, double *answer)
{
  const size_t n = 3 * m->n_atoms;
  int *index = malloc(n * sizeof(int));
  double *unit = calloc(n, sizeof(double)), *column = malloc(n * sizeof(double));
  assert_true(index && unit && column);
  int nm = 0;
  for (size_t k = 0; k < n; k++)
    if (!mobile || mobile[k]) index[nm++] = (int) k;
  double *h = malloc((size_t) nm * nm * sizeof(double)), *w = malloc((size_t) nm * sizeof(double));
  assert_true(h && w);
  for (int j = 0; j < nm; j++) {
    unit[index[j]] = 1.0;
    m->hessian_vector(x, unit, column, m->n_atoms);
    unit[index[j]] = 0.0;
    for (int i = 0; i < nm; i++) h[(size_t) j * nm + i] = column[index[i]];
  }
  dense_eigen(nm, h, w);
  memset(answer, 0, (2 + 2 * n) * sizeof(double));
  answer[0] = m->unresolved_curvatures ? NAN : w[0];
  answer[1] = nm > 1 ? w[1] : INFINITY;
  for (int i = 0; i < nm; i++) {
    answer[2 + index[i]] = h[i];
    if (nm > 1) answer[2 + n + index[i]] = h[nm + i];
  }
  free(index);
  free(unit);
  free(column);
  free(h);
  free(w);
}

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
  double *answer = malloc((2 + 6 * m->n_atoms) * sizeof(double));
  assert_non_null(answer);
  double energy = 0.0;
  long requests = 0, curvature_requests = 0;
  for (mgg_artn_request r = mgg_artn_step(s, 0.0, NULL); r != MGG_ARTN_DONE;
       r = mgg_artn_step(s, energy, answer)) {
    if (r == MGG_ARTN_EVALUATE) {
      energy = m->energy_forces(s->point, answer, m->n_atoms);
    } else if (r == MGG_ARTN_CURVATURES) {
      assert_true(p->caller_curvatures);
      dense_curvatures(m, s->point, mobile, answer);
      curvature_requests++;
      continue;
    } else {
      assert_int_equal(r, MGG_ARTN_HESSIAN_VECTOR);
      assert_true(p->lanczos_fd_step == 0.0);
      m->hessian_vector(s->point, s->direction, answer, m->n_atoms);
    }
    requests++;
  }
  assert_int_equal(requests, s->evaluations + s->hessian_vectors);
  assert_int_equal(curvature_requests, s->curvature_requests);
  free(answer);
  return s->status;
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
  /* B is next to S2 only, C between S1 and S2.  A (next to S1 only) is not asserted: A's soft
   * mode leads up the valley's wall, not along the curved path to S1, and every following of
   * the lowest mode from A ends off the path (a failure status, never a false saddle) */
  assert_true(found[0][1] == 0);
  assert_true(found[1][1] > 0 && found[1][0] == 0);
  assert_true(found[2][0] > 0 && found[2][1] > 0);
}

/* ------------------------------------------------------------- Lennard-Jones */

#define LJ_ATOMS 7
#define LJ_N (3 * LJ_ATOMS)

static double lj_energy_forces(const double *x, double *f, size_t n_atoms)
{
  double e = 0.0;
  memset(f, 0, 3 * n_atoms * sizeof(double));
  for (size_t i = 0; i < n_atoms; i++)
    for (size_t j = i + 1; j < n_atoms; j++) {
      double d[3], r2 = 0.0;
      for (int c = 0; c < 3; c++) {
        d[c] = x[3 * j + c] - x[3 * i + c];
        r2 += d[c] * d[c];
      }
      const double s6 = 1.0 / (r2 * r2 * r2);
      e += 4.0 * (s6 * s6 - s6);
      /* -dphi/dr / r */
      const double g = (48.0 * s6 * s6 - 24.0 * s6) / r2;
      for (int c = 0; c < 3; c++) {
        f[3 * j + c] += g * d[c];
        f[3 * i + c] -= g * d[c];
      }
    }
  return e;
}

/* H v from the pair blocks phi'' u u^T + phi'/r (I - u u^T) */
static void lj_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  memset(hv, 0, 3 * n_atoms * sizeof(double));
  for (size_t i = 0; i < n_atoms; i++)
    for (size_t j = i + 1; j < n_atoms; j++) {
      double u[3], r2 = 0.0;
      for (int c = 0; c < 3; c++) {
        u[c] = x[3 * j + c] - x[3 * i + c];
        r2 += u[c] * u[c];
      }
      const double r = sqrt(r2), s6 = 1.0 / (r2 * r2 * r2);
      const double d1 = (-48.0 * s6 * s6 + 24.0 * s6) / r, d2 = (624.0 * s6 * s6 - 168.0 * s6) / r2;
      for (int c = 0; c < 3; c++) u[c] /= r;
      double dv[3], ud = 0.0;
      for (int c = 0; c < 3; c++) {
        dv[c] = v[3 * i + c] - v[3 * j + c];
        ud += u[c] * dv[c];
      }
      for (int c = 0; c < 3; c++) {
        const double b = d2 * ud * u[c] + d1 / r * (dv[c] - ud * u[c]);
        hv[3 * i + c] += b;
        hv[3 * j + c] -= b;
      }
    }
}

static const model LJ = {LJ_ATOMS, lj_energy_forces, lj_hessian_vector};

/* dense Hessian by central differences of the forces, symmetrised */
static void lj_fd_hessian(const double *x, double *h)
{
  const double step = 1e-5;
  double xp[LJ_N], fp[LJ_N], fm[LJ_N];
  for (int k = 0; k < LJ_N; k++) {
    memcpy(xp, x, sizeof xp);
    xp[k] = x[k] + step;
    lj_energy_forces(xp, fp, LJ_ATOMS);
    xp[k] = x[k] - step;
    lj_energy_forces(xp, fm, LJ_ATOMS);
    for (int r = 0; r < LJ_N; r++) h[r * LJ_N + k] = -(fp[r] - fm[r]) / (2.0 * step);
  }
  for (int r = 0; r < LJ_N; r++)
    for (int c = 0; c < r; c++) h[r * LJ_N + c] = h[c * LJ_N + r] = 0.5 * (h[r * LJ_N + c] + h[c * LJ_N + r]);
}

static double max_abs(int n, const double *v)
{
  double m = 0.0;
  for (int k = 0; k < n; k++) m = fmax(m, fabs(v[k]));
  return m;
}

/* Newton's method to the stationary point near x, on the finite-difference Hessian without its six
 * rigid-body zero modes (the eigenvalues of smallest magnitude); *n_negative: negative
 * eigenvalues of the others at the end */
static void lj_newton(double *x, int *n_negative)
{
  double h[LJ_N * LJ_N], w[LJ_N], f[LJ_N];
  for (int it = 0; it < 50; it++) {
    lj_energy_forces(x, f, LJ_ATOMS);
    lj_fd_hessian(x, h);
    dense_eigen(LJ_N, h, w);
    int zero[LJ_N] = {0};
    for (int z = 0; z < 6; z++) {
      int best = -1;
      for (int k = 0; k < LJ_N; k++)
        if (!zero[k] && (best < 0 || fabs(w[k]) < fabs(w[best]))) best = k;
      zero[best] = 1;
    }
    *n_negative = 0;
    for (int k = 0; k < LJ_N; k++) {
      if (zero[k]) continue;
      if (w[k] < 0.0) (*n_negative)++;
      const double *u = h + (size_t) k * LJ_N;
      double uf = 0.0;
      for (int r = 0; r < LJ_N; r++) uf += u[r] * f[r];
      for (int r = 0; r < LJ_N; r++) x[r] += uf / w[k] * u[r];
    }
    if (max_abs(LJ_N, f) < 1e-11) break;
  }
  lj_energy_forces(x, f, LJ_ATOMS);
  assert_true(max_abs(LJ_N, f) < 1e-9);
}

/* the pentagonal bipyramid refined to the LJ7 global minimum, turned so that atom 0 is at the
 * origin, atom 1 on the x axis and atom 2 in the xy plane: freezing x, y, z of atom 0, y, z of
 * atom 1 and z of atom 2 then removes the rigid-body motions and nothing else */
static double lj7_minimum(double *x, int *mobile)
{
  const double pi = 3.14159265358979323846, a = 1.12, radius = a / (2.0 * sin(pi / 5.0));
  double y[LJ_N];
  for (int k = 0; k < 5; k++) {
    y[3 * k] = radius * cos(2.0 * pi * k / 5.0);
    y[3 * k + 1] = radius * sin(2.0 * pi * k / 5.0);
    y[3 * k + 2] = 0.0;
  }
  const double height = sqrt(a * a - radius * radius);
  for (int k = 5; k < 7; k++) {
    y[3 * k] = y[3 * k + 1] = 0.0;
    y[3 * k + 2] = k == 5 ? height : -height;
  }
  int n_negative;
  lj_newton(y, &n_negative);
  assert_int_equal(n_negative, 0);
  double f[LJ_N];
  const double e = lj_energy_forces(y, f, LJ_ATOMS);
  assert_true(fabs(e - (-16.505384)) < 1e-6); /* Wales and Doye 1997 */
  double ex[3], ey[3], ez[3], nx = 0.0, ny = 0.0, exy = 0.0;
  for (int c = 0; c < 3; c++) {
    ex[c] = y[3 + c] - y[c];
    nx += ex[c] * ex[c];
  }
  for (int c = 0; c < 3; c++) ex[c] /= sqrt(nx);
  for (int c = 0; c < 3; c++) exy += ex[c] * (y[15 + c] - y[c]);
  for (int c = 0; c < 3; c++) {
    ey[c] = y[15 + c] - y[c] - exy * ex[c];
    ny += ey[c] * ey[c];
  }
  for (int c = 0; c < 3; c++) ey[c] /= sqrt(ny);
  ez[0] = ex[1] * ey[2] - ex[2] * ey[1];
  ez[1] = ex[2] * ey[0] - ex[0] * ey[2];
  ez[2] = ex[0] * ey[1] - ex[1] * ey[0];
  /* atoms in the order ring 0, ring 1, apex, the rest */
  const int order[LJ_ATOMS] = {0, 1, 5, 2, 3, 4, 6};
  for (int i = 0; i < LJ_ATOMS; i++) {
    const double *p = y + 3 * order[i];
    double d[3];
    for (int c = 0; c < 3; c++) d[c] = p[c] - y[c];
    x[3 * i] = ex[0] * d[0] + ex[1] * d[1] + ex[2] * d[2];
    x[3 * i + 1] = ey[0] * d[0] + ey[1] * d[1] + ey[2] * d[2];
    x[3 * i + 2] = ez[0] * d[0] + ez[1] * d[1] + ez[2] * d[2];
  }
  for (int k = 0; k < LJ_N; k++) mobile[k] = 1;
  mobile[0] = mobile[1] = mobile[2] = mobile[4] = mobile[5] = mobile[8] = 0;
  assert_true(fabs(x[4]) < 1e-12 && fabs(x[5]) < 1e-12 && fabs(x[8]) < 1e-12);
  return lj_energy_forces(x, f, LJ_ATOMS);
}

static void test_fd_hessian_vector(void **state)
{
  (void) state;
  double x[LJ_N], v[LJ_N], f[LJ_N], fs[LJ_N], xs[LJ_N], exact[LJ_N], hv[LJ_N];
  int mobile[LJ_N];
  lj7_minimum(x, mobile);
  unsigned st = 11u;
  for (int k = 0; k < LJ_N; k++) x[k] += uniform(&st, -0.05, 0.05);
  for (int k = 0; k < LJ_N; k++) v[k] = uniform(&st, -1.0, 1.0);
  double norm = 0.0;
  for (int k = 0; k < LJ_N; k++) norm += v[k] * v[k];
  for (int k = 0; k < LJ_N; k++) v[k] /= sqrt(norm);
  lj_hessian_vector(x, v, exact, LJ_ATOMS);
  lj_energy_forces(x, f, LJ_ATOMS);
  double err[2];
  const double steps[2] = {1e-3, 5e-4};
  for (int t = 0; t < 2; t++) {
    for (int k = 0; k < LJ_N; k++) xs[k] = x[k] + steps[t] * v[k];
    lj_energy_forces(xs, fs, LJ_ATOMS);
    mgg_hessian_vector_fd(LJ_N, f, fs, steps[t], hv);
    for (int k = 0; k < LJ_N; k++) hv[k] -= exact[k];
    err[t] = max_abs(LJ_N, hv) / max_abs(LJ_N, exact);
  }
  printf("fd Hessian-vector relative error %.2e (step 1e-3), %.2e (5e-4)\n", err[0], err[1]);
  assert_true(err[0] < 1e-2);
  /* first order: half the step, half the error */
  assert_true(fabs(err[1] / err[0] - 0.5) < 0.05);
  /* the exact product against the finite-difference Hessian */
  double h[LJ_N * LJ_N];
  lj_fd_hessian(x, h);
  for (int r = 0; r < LJ_N; r++) {
    double s = 0.0;
    for (int c = 0; c < LJ_N; c++) s += h[r * LJ_N + c] * v[c];
    assert_true(fabs(s - exact[r]) < 1e-6 * max_abs(LJ_N, exact));
  }
}

/* mean requests per validated saddle of the LJ7 searches, for the report */
static void lj_searches(int fd)
{
  double x0[LJ_N];
  int mobile[LJ_N];
  const double e0 = lj7_minimum(x0, mobile);
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  /* in units of the pair well (epsilon, sigma): its curvature is 57 epsilon/sigma^2 */
  p.eigenvalue_threshold = -1.0;
  p.perp_dmax = 0.03;
  p.force_tol = fd ? 1e-4 : 1e-6;
  p.lanczos_fd_step = fd ? 1e-6 : 0.0;
  p.validate_ftol = 1e-3;
  enum { N_SEARCH = 16 };
  double saddles[N_SEARCH][LJ_N], refined[N_SEARCH][LJ_N], energies[N_SEARCH];
  int n_saddles = 0, duplicates = 0;
  long requests = 0;
  unsigned st = 2024u;
  for (int search = 0; search < N_SEARCH; search++) {
    /* a random direction on one fully mobile atom (3 .. 6, then 2 in its plane) */
    double push[LJ_N] = {0};
    const int atom = 2 + search % 5;
    for (int c = 0; c < 3; c++) push[3 * atom + c] = uniform(&st, -1.0, 1.0);
    mgg_artn s;
    void *work;
    const mgg_artn_status status = run_search(&LJ, &p, x0, e0, push, mobile, &s, &work);
    requests += s.evaluations + s.hessian_vectors;
    printf("LJ7 search %2d (atom %d): %s, E_act %.6f, lambda %.4f %.4f, %ld evaluations, %ld "
           "products (%ld in validation), %d basin + %d activation steps, %d Lanczos, %d "
           "retries\n", search, atom, mgg_artn_status_message(status), s.e_act, s.eigenvalue[0],
           s.eigenvalue[1], s.evaluations, s.hessian_vectors, s.validation_evaluations,
           s.basin_steps, s.activation_steps, s.lanczos_runs, s.retries);
    if (status == MGG_ARTN_SADDLE) {
      const double *xs = mgg_artn_saddle(&s);
      double f[LJ_N];
      const double es = lj_energy_forces(xs, f, LJ_ATOMS);
      assert_true(fabs(es - e0 - s.e_act) < 1e-12);
      /* the eigenvalues against a dense solve of the mobile block of the Hessian */
      double h[LJ_N * LJ_N], sub[LJ_N * LJ_N], w[LJ_N];
      lj_fd_hessian(xs, h);
      int m = 0, idx[LJ_N];
      for (int k = 0; k < LJ_N; k++)
        if (mobile[k]) idx[m++] = k;
      for (int r = 0; r < m; r++)
        for (int c = 0; c < m; c++) sub[r * m + c] = h[idx[r] * LJ_N + idx[c]];
      dense_eigen(m, sub, w);
      assert_true(w[0] < 0.0 && w[1] > 0.0);
      assert_true(fabs(s.eigenvalue[0] - w[0]) < 1e-3 * fabs(w[0]) + (fd ? 1e-3 : 1e-6));
      assert_true(fabs(s.eigenvalue[1] - w[1]) < 1e-3 * fabs(w[1]) + (fd ? 1e-3 : 1e-6));
      /* the independent refinement: a first-order saddle of the full Hessian, close by */
      double y[LJ_N];
      memcpy(y, xs, sizeof y);
      int n_negative;
      lj_newton(y, &n_negative);
      assert_int_equal(n_negative, 1);
      double shift = 0.0;
      for (int k = 0; k < LJ_N; k++) shift = fmax(shift, fabs(y[k] - xs[k]));
      assert_true(shift < (fd ? 1e-3 : 1e-5));
      /* duplicates: the module's flag against the refined saddles' identity */
      int flagged = -1, same = -1;
      for (int j = 0; j < n_saddles; j++) {
        if (flagged < 0 && mgg_artn_same_state(LJ_ATOMS, saddles[j], energies[j], xs, es, 0.01, 0.1, 1))
          flagged = j;
        double d = 0.0;
        for (int k = 0; k < LJ_N; k++) d = fmax(d, fabs(refined[j][k] - y[k]));
        if (same < 0 && d < 1e-3) same = j;
      }
      assert_int_equal(flagged, same);
      if (flagged >= 0) duplicates++;
      memcpy(saddles[n_saddles], xs, sizeof saddles[0]);
      memcpy(refined[n_saddles], y, sizeof refined[0]);
      energies[n_saddles++] = es;
    }
    free(work);
  }
  printf("LJ7 (%s products): %d validated saddles of %d searches, %d duplicates, %.1f requests "
         "per validated saddle\n", fd ? "finite-difference" : "exact", n_saddles, N_SEARCH,
         duplicates, (double) requests / n_saddles);
  assert_true(n_saddles >= N_SEARCH / 2);
  assert_true(duplicates > 0 && duplicates < n_saddles);
}

static void test_lj7_exact(void **state)
{
  (void) state;
  lj_searches(0);
}

static void test_lj7_finite_difference(void **state)
{
  (void) state;
  lj_searches(1);
}

/* ------------------------------------------------------------- status paths */

/* E = ln(1 + x^2) + 5 y^2: one basin whose curvature along x turns negative at |x| = 1 and
 * tends to 0 from below, the energy growing without bound: no saddle anywhere */
static double log_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  f[0] = -2.0 * x[0] / (1.0 + x[0] * x[0]);
  f[1] = -10.0 * x[1];
  f[2] = 0.0;
  return log(1.0 + x[0] * x[0]) + 5.0 * x[1] * x[1];
}

static void log_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) n_atoms;
  const double r = 1.0 + x[0] * x[0];
  hv[0] = 2.0 * (1.0 - x[0] * x[0]) / (r * r) * v[0];
  hv[1] = 10.0 * v[1];
  hv[2] = 0.0;
}

/* E = x^2 + y^2: never leaves the basin */
static double bowl_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  f[0] = -2.0 * x[0];
  f[1] = -2.0 * x[1];
  f[2] = 0.0;
  return x[0] * x[0] + x[1] * x[1];
}

static double nan_energy_forces(const double *x, double *f, size_t n_atoms)
{
  const double e = log_energy_forces(x, f, n_atoms);
  return fabs(x[0]) > 0.5 ? NAN : e;
}

static void bowl_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) x;
  (void) n_atoms;
  for (int c = 0; c < 3; c++) hv[c] = 2.0 * v[c];
}

static mgg_artn_status status_of(double (*ef)(const double *, double *, size_t),
                                 void (*hv)(const double *, const double *, double *, size_t),
                                 const mgg_artn_params *p, mgg_artn *s)
{
  const model m = {1, ef, hv};
  const double x0[3] = {0.0, 0.0, 0.0}, push[3] = {1.0, 0.2, 0.0};
  const int mobile[3] = {1, 1, 0};
  void *work;
  const mgg_artn_status st = run_search(&m, p, x0, 0.0, push, mobile, s, &work);
  /* once done, always done */
  assert_int_equal(mgg_artn_step(s, 0.0, NULL), MGG_ARTN_DONE);
  free(work);
  return st;
}

static void test_status_paths(void **state)
{
  (void) state;
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  p.eigenvalue_threshold = -0.1;
  p.lanczos_fd_step = 0.0;
  p.max_displacement = 100.0;
  mgg_artn s;
  mgg_artn_params q = p;
  q.max_energy = 2.0;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_ENERGY_RUNAWAY);
  /* stopped at the first point beyond the bound: ln(1 + x^2) > 2, x > 2.53 */
  assert_true(s.energy > 2.0 && s.energy < 2.5);
  assert_true(s.activation_steps > 0);
  q = p;
  q.max_displacement = 1.5;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_ATOM_LOST);
  assert_true(s.displacement > 1.5 && s.displacement < 1.5 + q.eigen_step_max + 1e-9);
  /* reach_radius: a mobile atom beyond the sphere about reach_centre, here 1 from x0 along the
   * path (+x); a sphere about the path's end leaves the search to its energy bound */
  q = p;
  q.reach_radius = 1.5;
  q.reach_centre[0] = -0.5;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_ATOM_LOST);
  assert_true(s.displacement > 1.0 && s.displacement < 1.0 + q.eigen_step_max + 1e-9);
  q.reach_centre[0] = 1.0;
  q.reach_radius = 3.0;
  q.max_energy = 2.0;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_ENERGY_RUNAWAY);
  q.reach_radius = -1.0;
  assert_int_equal(mgg_artn_work_size(1, &q), 0);
  q = p;
  q.max_activation_steps = 3;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_ACTIVATION_CAP);
  assert_int_equal(s.activation_steps, 3);
  q = p;
  q.max_evaluations = 7;
  assert_int_equal(status_of(log_energy_forces, log_hessian_vector, &q, &s), MGG_ARTN_EVALUATION_CAP);
  assert_int_equal(s.evaluations + s.hessian_vectors, 7);
  q = p;
  q.max_basin_steps = 5;
  assert_int_equal(status_of(bowl_energy_forces, bowl_hessian_vector, &q, &s), MGG_ARTN_BASIN_CAP);
  assert_int_equal(s.basin_steps, 5);
  assert_true(s.eigenvalue[0] > 1.99 && s.eigenvalue[0] < 2.01);
  assert_int_equal(status_of(nan_energy_forces, log_hessian_vector, &p, &s), MGG_ARTN_NON_FINITE);
  for (int st = MGG_ARTN_RUNNING; st <= MGG_ARTN_NOT_CONNECTED; st++)
    assert_string_not_equal(mgg_artn_status_message((mgg_artn_status) st), "unknown");
  assert_string_equal(mgg_artn_status_message(MGG_ARTN_SADDLE), "saddle");
  assert_string_equal(mgg_artn_status_message((mgg_artn_status) 99), "unknown");
}

/* a ridge whose lowest curvature turns positive on the way up: E = g(x) + y^2 with
 * g = -cos x - 0.2/3 cos 3x (shifted to E = 0 at the minimum), g' = sin x + 0.2 sin 3x > 0 on (0, pi), g'' = cos x + 0.6 cos 3x
 * negative (to -0.18) near x = 0.4 pi, positive (to +0.18) near 0.6 pi and negative again up to
 * the saddle (pi, 0) (g'' = -1.6), which is connected to the minimum (0, 0) */
static double wavy_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  f[0] = -(sin(x[0]) + 0.2 * sin(3.0 * x[0]));
  f[1] = -2.0 * x[1];
  f[2] = 0.0;
  return 1.0 + 0.2 / 3.0 - cos(x[0]) - 0.2 / 3.0 * cos(3.0 * x[0]) + x[1] * x[1];
}
static void wavy_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) n_atoms;
  hv[0] = (cos(x[0]) + 0.6 * cos(3.0 * x[0])) * v[0];
  hv[1] = 2.0 * v[1];
  hv[2] = 0.0;
}

/* lost_curvature: the climb goes on through the positive stretch (no retry) to the saddle;
 * without it the same search loses the curvature there (retries) */
static void test_lost_curvature(void **state)
{
  (void) state;
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  p.eigenvalue_threshold = -0.1;
  p.lanczos_fd_step = 0.0;
  mgg_artn s;
  mgg_artn_params q = p;
  q.lost_curvature = 0.3;
  const model m = {1, wavy_energy_forces, wavy_hessian_vector};
  const double x0[3] = {0.0, 0.0, 0.0}, push[3] = {1.0, 0.2, 0.0};
  const int mobile[3] = {1, 1, 0};
  void *work;
  assert_int_equal(run_search(&m, &q, x0, 0.0, push, mobile, &s, &work), MGG_ARTN_SADDLE);
  const double *xs = mgg_artn_saddle(&s);
  printf("wavy: saddle at (%.6f, %.6f), E_act %.6f, %d retries, lambda %.4f %.4f\n", xs[0], xs[1],
         s.e_act, s.retries, s.eigenvalue[0], s.eigenvalue[1]);
  assert_int_equal(s.retries, 0);
  /* within the force criterion: |f| = 1.6 |x - pi| and 2 |y| near the saddle */
  assert_true(fabs(xs[0] - acos(-1.0)) < q.force_tol / 1.6 && fabs(xs[1]) < q.force_tol / 2.0);
  assert_true(fabs(s.e_act - 2.0 * (1.0 + 0.2 / 3.0)) < q.force_tol * q.force_tol);
  assert_true(fabs(s.eigenvalue[0] + 1.6) < 1e-3);
  free(work);
  status_of(wavy_energy_forces, wavy_hessian_vector, &p, &s);
  assert_true(s.retries > 0);
}

/* validation failures on Mueller-Brown from minimum C, whose pushes along +x find S2 */
static void test_validation_failures(void **state)
{
  (void) state;
  double c[2] = {-0.050, 0.467};
  mb_newton(c);
  const model m = {1, mb_energy_forces, mb_hessian_vector};
  const int mobile[3] = {1, 1, 0};
  const double x0[3] = {c[0], c[1], 0.0}, push[3] = {1.0, 0.0, 0.0};
  const double e0 = mb_eval(c[0], c[1], NULL, NULL);
  mgg_artn s;
  void *work;
  mgg_artn_params p = mb_params();
  assert_int_equal(run_search(&m, &p, x0, e0, push, mobile, &s, &work), MGG_ARTN_SADDLE);
  const double e_saddle = s.energy;
  free(work);
  /* (4) an initial energy above the saddle's */
  assert_int_equal(run_search(&m, &p, x0, e_saddle + 1.0, push, mobile, &s, &work),
                   MGG_ARTN_NEGATIVE_BARRIER);
  assert_true(s.e_act < 0.0);
  free(work);
  /* (3) a tolerance no relaxed minimum meets: neither side counts as back at C */
  p.same_distance = 1e-12;
  assert_int_equal(run_search(&m, &p, x0, e0, push, mobile, &s, &work), MGG_ARTN_NOT_CONNECTED);
  assert_int_equal(s.connected_side, 0);
  assert_true(s.final_relaxed);
  /* the side towards B, lower than C: its relaxation stops once a line search starts below
   * e0 (it can no longer end at C), so the minimum kept is the first side's, C */
  const double *xc = mgg_artn_final_minimum(&s);
  assert_true(hypot(xc[0] - c[0], xc[1] - c[1]) < 1e-3);
  const long stopped_evaluations = s.validation_evaluations;
  free(work);
  /* with relax_final that side goes on to B */
  p.relax_final = 1;
  assert_int_equal(run_search(&m, &p, x0, e0, push, mobile, &s, &work), MGG_ARTN_NOT_CONNECTED);
  double b[2] = {0.623, 0.028};
  mb_newton(b);
  const double *xb = mgg_artn_final_minimum(&s);
  assert_true(hypot(xb[0] - b[0], xb[1] - b[1]) < 1e-3);
  printf("Mueller-Brown, unconnected: %ld validation evaluations, %ld with the side towards B relaxed to its end\n",
         stopped_evaluations, s.validation_evaluations);
  assert_true(s.validation_evaluations > stopped_evaluations);
  free(work);
  /* relax_final: the other minimum, B, and its energy */
  p = mb_params();
  p.relax_final = 1;
  assert_int_equal(run_search(&m, &p, x0, e0, push, mobile, &s, &work), MGG_ARTN_SADDLE);
  const double *xf = mgg_artn_final_minimum(&s);
  assert_true(s.final_relaxed && s.connected_side == 1);
  assert_true(hypot(xf[0] - b[0], xf[1] - b[1]) < 1e-3);
  assert_true(fabs(s.e_final - mb_eval(b[0], b[1], NULL, NULL)) < 1e-4);
  free(work);
  /* validation off */
  p = mb_params();
  p.validate = 0;
  assert_int_equal(run_search(&m, &p, x0, e0, push, mobile, &s, &work), MGG_ARTN_CONVERGED);
  assert_int_equal(s.validation_evaluations, 0);
  free(work);
}

/* E = x^2/2 - x^4/4 + y^2/2 - y^4/4 + z^2: saddles of order one at (+-1, 0) and (0, +-1), of
 * order two at (+-1, +-1) with equal curvatures -2, -2 */
static double quartic_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  double e = x[2] * x[2];
  f[2] = -2.0 * x[2];
  for (int c = 0; c < 2; c++) {
    e += 0.5 * x[c] * x[c] - 0.25 * pow(x[c], 4);
    f[c] = -(x[c] - pow(x[c], 3));
  }
  return e;
}

static void quartic_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) n_atoms;
  for (int c = 0; c < 2; c++) hv[c] = (1.0 - 3.0 * x[c] * x[c]) * v[c];
  hv[2] = 2.0 * v[2];
}

/* a push along the diagonal stays on it (symmetry) and converges to the saddle of order two,
 * whose two equal negative curvatures a single Krylov space started on the diagonal never
 * separates: validation must find the second one */
static void test_second_order_saddle(void **state)
{
  (void) state;
  const model m = {1, quartic_energy_forces, quartic_hessian_vector};
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  p.force_tol = 1e-6;
  const double x0[3] = {0.0, 0.0, 0.0}, diagonal[3] = {1.0, 1.0, 0.0}, off[3] = {1.0, 0.3, 0.0};
  mgg_artn s;
  void *work;
  for (int exact = 0; exact < 2; exact++) {
    p.lanczos_fd_step = exact ? 0.0 : 1e-5;
    assert_int_equal(run_search(&m, &p, x0, 0.0, diagonal, NULL, &s, &work), MGG_ARTN_HIGHER_ORDER);
    const double *xs = mgg_artn_saddle(&s);
    assert_true(fabs(xs[0] - 1.0) < 1e-5 && fabs(xs[1] - 1.0) < 1e-5);
    assert_true(fabs(s.eigenvalue[0] + 2.0) < 1e-3 && fabs(s.eigenvalue[1] + 2.0) < 1e-3);
    free(work);
    /* off the diagonal: the saddle of order one at (1, 0), curvatures -2 and 1 */
    assert_int_equal(run_search(&m, &p, x0, 0.0, off, NULL, &s, &work), MGG_ARTN_SADDLE);
    xs = mgg_artn_saddle(&s);
    assert_true(fabs(xs[0] - 1.0) < 1e-5 && fabs(xs[1]) < 1e-5 && fabs(xs[2]) < 1e-5);
    assert_true(fabs(s.eigenvalue[0] + 2.0) < 1e-3 && fabs(s.eigenvalue[1] - 1.0) < 1e-3);
    assert_true(fabs(s.e_act - 0.25) < 1e-9);
    free(work);
  }
}

/* the curvatures of check (2) answered by the caller (an exact dense eigen-decomposition here)
 * instead of the two validation Lanczos runs: the same saddles and statuses on Mueller-Brown,
 * exact curvatures, the saddle of order two found, and an unanswerable request reported */
static void test_caller_curvatures(void **state)
{
  (void) state;
  const int mobile[3] = {1, 1, 0};
  mgg_artn_params p = mb_params(), q = mb_params();
  q.caller_curvatures = 1;
  model m = {1, mb_energy_forces, mb_hessian_vector, 0};
  const double minimum[3] = {0.623, 0.028, 0.0};
  double x0[3] = {minimum[0], minimum[1], 0.0};
  mb_newton(x0);
  int validated = 0, validated_dir = -1;
  for (int dir = 0; dir < 8; dir++) {
    const double angle = 2.0 * 3.14159265358979323846 * dir / 8.0;
    const double push[3] = {cos(angle), sin(angle), 0.7};
    const double e0 = mb_eval(x0[0], x0[1], NULL, NULL);
    mgg_artn a, b;
    void *wa, *wb;
    const mgg_artn_status sa = run_search(&m, &p, x0, e0, push, mobile, &a, &wa);
    const mgg_artn_status sb = run_search(&m, &q, x0, e0, push, mobile, &b, &wb);
    assert_int_equal(sa, sb);
    assert_int_equal(a.curvature_requests, 0);
    if (sb == MGG_ARTN_SADDLE) {
      validated++;
      validated_dir = dir;
      const double *xs = mgg_artn_saddle(&b);
      assert_true(hypot(xs[0] - mgg_artn_saddle(&a)[0], xs[1] - mgg_artn_saddle(&a)[1]) < 1e-9);
      assert_int_equal(b.curvature_requests, 1);
      double h[4], w[2];
      mb_eval(xs[0], xs[1], NULL, h);
      dense_eigen(2, h, w);
      assert_true(fabs(b.eigenvalue[0] - w[0]) < 1e-9 * fabs(w[0]));
      assert_true(fabs(b.eigenvalue[1] - w[1]) < 1e-9 * fabs(w[1]));
      /* exact products: the validation Lanczos runs first all the same (they prove no second
       * negative curvature at a saddle) */
      assert_int_equal(b.hessian_vectors, a.hessian_vectors);
    }
    free(wa);
    free(wb);
  }
  assert_true(validated > 0);
  /* the saddle of order two of the quartic, and its saddle of order one */
  const model quartic = {1, quartic_energy_forces, quartic_hessian_vector, 0};
  mgg_artn_default_params(&q);
  q.force_tol = 1e-6;
  q.lanczos_fd_step = 0.0;
  q.caller_curvatures = 1;
  const double origin[3] = {0.0, 0.0, 0.0}, diagonal[3] = {1.0, 1.0, 0.0}, off[3] = {1.0, 0.3, 0.0};
  mgg_artn s;
  void *work;
  assert_int_equal(run_search(&quartic, &q, origin, 0.0, diagonal, NULL, &s, &work), MGG_ARTN_HIGHER_ORDER);
  assert_true(fabs(s.eigenvalue[0] + 2.0) < 1e-6 && fabs(s.eigenvalue[1] + 2.0) < 1e-6);
  /* proven of order two by the Lanczos runs: the caller not asked */
  assert_int_equal(s.curvature_requests, 0);
  free(work);
  /* with finite-difference products the caller decides */
  q.lanczos_fd_step = 1e-5;
  assert_int_equal(run_search(&quartic, &q, origin, 0.0, diagonal, NULL, &s, &work), MGG_ARTN_HIGHER_ORDER);
  assert_int_equal(s.curvature_requests, 1);
  assert_true(fabs(s.eigenvalue[0] + 2.0) < 1e-6 && fabs(s.eigenvalue[1] + 2.0) < 1e-6);
  free(work);
  q.lanczos_fd_step = 0.0;
  assert_int_equal(run_search(&quartic, &q, origin, 0.0, off, NULL, &s, &work), MGG_ARTN_SADDLE);
  assert_true(fabs(s.eigenvalue[0] + 2.0) < 1e-6 && fabs(s.eigenvalue[1] - 1.0) < 1e-6);
  free(work);
  /* a search that validates above, its curvatures unanswered */
  m.unresolved_curvatures = 1;
  q = mb_params();
  q.caller_curvatures = 1;
  const double angle = 2.0 * 3.14159265358979323846 * validated_dir / 8.0;
  const double push[3] = {cos(angle), sin(angle), 0.7};
  assert_int_equal(run_search(&m, &q, x0, mb_eval(x0[0], x0[1], NULL, NULL), push, mobile, &s, &work),
                   MGG_ARTN_CURVATURE_UNRESOLVED);
  free(work);
}

static double inner(int n, const double *a, const double *b)
{
  double sum = 0.0;
  for (int i = 0; i < n; i++) sum += a[i] * b[i];
  return sum;
}

static void unit_vector(int n, double *a)
{
  const double norm = sqrt(inner(n, a, a));
  for (int i = 0; i < n; i++) a[i] /= norm;
}

static void symmetric_product(int n, const double *h, const double *v, double *hv)
{
  for (int i = 0; i < n; i++) hv[i] = inner(n, h + i * n, v);
}

/* mgg_artn_order_two_proven() against dense eigenvalues: random symmetric 5 x 5 matrices with
 * one, two or three negative eigenvalues, e an eigenvector of the lowest perturbed (its Rayleigh
 * quotient a and residual r computed here), v orthogonal to e the lowest eigenvector of the
 * deflated matrix perturbed (b its Rayleigh quotient): never proven with lambda_2 > 0 (also where
 * a < 0 and b < 0, which a poor e allows), and proven for every matrix whose lambda_2 is well
 * below zero with small perturbations */
static void test_order_two_proof(void **state)
{
  (void) state;
  enum { N = 5 };
  unsigned seed = 12345;
  const double eigen_sets[3][N] = {{-3.0, 0.02, 0.5, 1.0, 3.0}, {-1.0, -0.3, 0.5, 1.0, 3.0}, {-2.0, -0.5, -0.1, 1.0, 2.0}};
  int proven_count[3] = {0, 0, 0}, naive_wrong = 0;
  for (int trial = 0; trial < 600; trial++) {
    const int set = trial % 3;
    const double noise = trial < 150 ? 0.01 : trial < 300 ? 0.2 : 1.0;
    /* H = Q diag Q' with Q from the eigenvectors of a random symmetric matrix */
    double g[N * N], w[N], h[N * N];
    for (int i = 0; i < N; i++)
      for (int j = 0; j <= i; j++) g[i * N + j] = g[j * N + i] = uniform(&seed, -0.5, 0.5);
    dense_eigen(N, g, w);
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        h[i * N + j] = 0.0;
        for (int k = 0; k < N; k++) h[i * N + j] += g[k * N + i] * eigen_sets[set][k] * g[k * N + j];
      }
    /* e: the lowest eigenvector perturbed */
    double e[N], he[N], v[N], hv[N];
    for (int i = 0; i < N; i++) e[i] = g[i] + noise * (uniform(&seed, -0.5, 0.5));
    unit_vector(N, e);
    symmetric_product(N, h, e, he);
    const double a = inner(N, e, he);
    double r2 = 0.0;
    for (int i = 0; i < N; i++) r2 += (he[i] - a * e[i]) * (he[i] - a * e[i]);
    /* v: the second eigenvector perturbed, made orthogonal to e */
    for (int i = 0; i < N; i++) v[i] = g[N + i] + noise * (uniform(&seed, -0.5, 0.5));
    const double ve = inner(N, v, e);
    for (int i = 0; i < N; i++) v[i] -= ve * e[i];
    unit_vector(N, v);
    symmetric_product(N, h, v, hv);
    const double b = inner(N, v, hv);
    const int proven = mgg_artn_order_two_proven(a, sqrt(r2), b);
    if (set == 0) assert_false(proven);
    if (set > 0 && noise < 0.1) assert_true(proven);
    proven_count[set] += proven;
    /* what a < 0 and b < 0 alone would have claimed: e off the eigenvector leaves v a share of it */
    naive_wrong += set == 0 && a < 0.0 && b < 0.0;
  }
  printf("order-two proofs: %d, %d, %d of 200; lambda_2 > 0 with a, b < 0: %d\n", proven_count[0],
         proven_count[1], proven_count[2], naive_wrong);
  assert_true(naive_wrong > 0);
  assert_false(mgg_artn_order_two_proven(-1.0, 0.2, -0.03)); /* a b = 0.03 < 0.04 */
  assert_true(mgg_artn_order_two_proven(-1.0, 0.1, -0.03));
  assert_false(mgg_artn_order_two_proven(-1.0, NAN, -0.5));
  assert_false(mgg_artn_order_two_proven(-1.0, 0.0, 0.0));
}

/* E = -cos(pi x) - cos(pi y) + z^2: minimum at the origin, saddles of order one at (+-1, 0)
 * and (0, +-1) (E_act 2), of order two at (+-1, +-1) */
static double egg_energy_forces(const double *x, double *f, size_t n_atoms)
{
  (void) n_atoms;
  const double pi = 3.14159265358979323846;
  f[0] = -pi * sin(pi * x[0]);
  f[1] = -pi * sin(pi * x[1]);
  f[2] = -2.0 * x[2];
  return -cos(pi * x[0]) - cos(pi * x[1]) + x[2] * x[2];
}

static void egg_hessian_vector(const double *x, const double *v, double *hv, size_t n_atoms)
{
  (void) n_atoms;
  const double pi = 3.14159265358979323846;
  hv[0] = pi * pi * cos(pi * x[0]) * v[0];
  hv[1] = pi * pi * cos(pi * x[1]) * v[1];
  hv[2] = 2.0 * v[2];
}

/* a push along the diagonal converges to the saddle of order two at (1, 1); with
 * continue_higher_order the search leaves it down a second direction of negative curvature.  The
 * two negative curvatures are equal there.  With exact products the validation's Lanczos runs
 * prove the order without asking the caller, and the direction left along is the deflated run's
 * Ritz vector: the other diagonal (the search came along the first), down which lie minima only,
 * so no saddle follows.  With finite-difference products the caller's dense
 * eigenvectors are asked for: the axes, and down one axis lies a saddle of order one, (1, 0) or
 * (0, 1). */
static void test_continue_higher_order(void **state)
{
  (void) state;
  const model m = {1, egg_energy_forces, egg_hessian_vector, 0};
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  p.force_tol = 1e-6;
  p.lanczos_fd_step = 0.0;
  p.max_displacement = 10.0;
  const double x0[3] = {0.0, 0.0, 0.0}, diagonal[3] = {1.0, 1.0, 0.0};
  mgg_artn s;
  void *work;
  for (int caller = 0; caller < 2; caller++) {
    p.caller_curvatures = caller;
    p.continue_higher_order = 0;
    assert_int_equal(run_search(&m, &p, x0, -2.0, diagonal, NULL, &s, &work), MGG_ARTN_HIGHER_ORDER);
    assert_true(fabs(mgg_artn_saddle(&s)[0] - 1.0) < 1e-5 && fabs(mgg_artn_saddle(&s)[1] - 1.0) < 1e-5);
    assert_int_equal(s.curvature_requests, 0);
    free(work);
  }
  /* exact products: the Lanczos proof's direction, never the caller's */
  p.continue_higher_order = 1;
  const mgg_artn_status left = run_search(&m, &p, x0, -2.0, diagonal, NULL, &s, &work);
  printf("egg, exact products: %s after %d retries\n", mgg_artn_status_message(left), s.retries);
  /* down the caller's axes it would have ended on a saddle (below) */
  assert_true(left != MGG_ARTN_SADDLE && s.retries >= 1);
  free(work);
  /* finite-difference products: the caller's eigenvectors */
  p.lanczos_fd_step = 1e-5;
  assert_int_equal(run_search(&m, &p, x0, -2.0, diagonal, NULL, &s, &work), MGG_ARTN_SADDLE);
  const double *xs = mgg_artn_saddle(&s);
  printf("egg, caller's eigenvectors: saddle (%.6f, %.6f), %d retries\n", xs[0], xs[1], s.retries);
  assert_true(fabs(fabs(xs[0]) + fabs(xs[1]) - 1.0) < 1e-5 && fabs(xs[0] * xs[1]) < 1e-5);
  assert_true(fabs(s.e_act - 2.0) < 1e-9);
  assert_true(s.eigenvalue[0] < 0.0 && s.eigenvalue[1] > 0.0);
  assert_true(s.retries >= 1 && s.curvature_requests >= 1);
  free(work);
}

static void test_same_state(void **state)
{
  (void) state;
  double a[6] = {0, 0, 0, 1, 0, 0}, b[6];
  for (int k = 0; k < 6; k++) b[k] = a[k] + 5.0; /* a rigid translation */
  assert_true(mgg_artn_same_state(2, a, 1.0, b, 1.005, 0.01, 0.1, 1));
  assert_false(mgg_artn_same_state(2, a, 1.0, b, 1.005, 0.01, 0.1, 0));
  assert_false(mgg_artn_same_state(2, a, 1.0, b, 1.02, 0.01, 0.1, 1));
  b[3] += 0.25; /* atoms 0.125 from their mean places */
  assert_false(mgg_artn_same_state(2, a, 1.0, b, 1.0, 0.01, 0.1, 1));
  b[3] -= 0.15; /* 0.05 */
  assert_true(mgg_artn_same_state(2, a, 1.0, b, 1.0, 0.01, 0.1, 1));
}

/* cmocka's assert_float_equal compares in single precision */
#define assert_close(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* four atoms translated by t, atom 2 further by (0.3, 0.4, 0): the mean translation is t +
 * (0.075, 0.1, 0), so atom 2 is 0.375 A from its place and the others 0.125 A */
static void test_displacement(void **state)
{
  (void) state;
  const double t[3] = {1.0, -2.0, 0.5};
  double a[12], b[12], d[12];
  for (int k = 0; k < 12; k++) {
    a[k] = 0.7 * k;
    b[k] = a[k] + t[k % 3];
  }
  b[6] += 0.3;
  b[7] += 0.4;
  size_t moved = 99;
  assert_close(mgg_artn_displacement(4, a, b, 1, 0.2, d, &moved), 0.375, 1e-12);
  assert_int_equal(moved, 1);
  assert_close(d[6], 0.225, 1e-12);
  assert_close(d[7], 0.3, 1e-12);
  assert_close(d[0], -0.075, 1e-12);
  assert_close(d[1], -0.1, 1e-12);
  assert_close(d[2], 0.0, 1e-12);
  double sum[3] = {0.0, 0.0, 0.0};
  for (int k = 0; k < 12; k++) sum[k % 3] += d[k];
  for (int c = 0; c < 3; c++) assert_close(sum[c], 0.0, 1e-12);
  /* without removing the translation: the others at |t| (atom 2 nearer, |t + (0.3, 0.4, 0)|
   * = 2.12 A), every atom moved */
  const double far = sqrt(1.0 + 4.0 + 0.25);
  assert_close(mgg_artn_displacement(4, a, b, 0, 0.2, NULL, &moved), far, 1e-12);
  assert_int_equal(moved, 4);
  b[5] = NAN;
  assert_true(isnan(mgg_artn_displacement(4, a, b, 1, 0.2, NULL, NULL)));
  assert_false(mgg_artn_same_state(4, a, 0.0, b, 0.0, 1.0, 100.0, 1));
  assert_true(isnan(mgg_artn_displacement(4, a, NULL, 1, 0.2, NULL, &moved)));
  assert_int_equal(moved, 0);
}

/* the refinement of a local saddle: the search's parameters but its first push, no basin
 * pushes nor basin relaxation, the weaker of the two curvature thresholds, the translation projected out */
static void test_refine_params(void **state)
{
  (void) state;
  mgg_artn_params p, q;
  mgg_artn_default_params(&p);
  p.max_retries = 5;
  mgg_artn_refine_params(&p, 2.5, -0.01, &q);
  assert_close(q.push_initial, 2.5, 0.0);
  assert_int_equal(q.max_basin_steps, 0);
  assert_int_equal(q.basin_perp_evals, 0);
  assert_close(q.eigenvalue_threshold, -0.01, 0.0);
  assert_int_equal(q.remove_translation, 1);
  assert_int_equal(q.max_retries, 5);
  assert_close(q.push_increment, p.push_increment, 0.0);
  p.eigenvalue_threshold = -0.005;
  mgg_artn_refine_params(&p, 2.5, -0.01, &q);
  assert_close(q.eigenvalue_threshold, -0.005, 0.0);
}

/* a refinement started on a saddle with its eigenvector (mgg_artn_start_mode): Mueller-Brown's
 * S2 reached from B by the first push; the first Lanczos product is along the given vector (not
 * the push), no basin relaxation moves the point before it, and the search ends on S2 */
static void test_start_mode(void **state)
{
  (void) state;
  double b[2] = {0.623, 0.028}, s2[2] = {0.212, 0.293};
  mb_newton(b);
  mb_newton(s2);
  double h[4];
  mb_eval(s2[0], s2[1], NULL, h);
  /* the eigenvector of the 2x2 Hessian's negative eigenvalue w: (h01, w - h00) */
  const double tr = h[0] + h[3], det = h[0] * h[3] - h[1] * h[2];
  const double w = 0.5 * tr - sqrt(0.25 * tr * tr - det);
  const double norm = hypot(h[1], w - h[0]);
  const double mode[3] = {h[1] / norm, (w - h[0]) / norm, 0.0};
  const double x0[3] = {b[0], b[1], 0.0}, push[3] = {s2[0] - b[0], s2[1] - b[1], 0.0};
  const int mobile[3] = {1, 1, 0};
  mgg_artn_params p = mb_params(), q;
  p.basin_perp_evals = 20;
  mgg_artn_refine_params(&p, hypot(push[0], push[1]), -0.01, &q);
  assert_int_equal(q.basin_perp_evals, 0);
  q.remove_translation = 0; /* one particle */
  const size_t len = mgg_artn_work_size(1, &q);
  void *work = malloc(len);
  assert_non_null(work);
  mgg_artn s;
  const double e0 = mb_eval(b[0], b[1], NULL, NULL);
  assert_int_equal(mgg_artn_start(&q, 1, x0, e0, push, mobile, work, len, &s), MGG_OK);
  assert_int_equal(mgg_artn_start_mode(NULL, mode), MGG_ERR_NULL_ARGUMENT);
  const double frozen_only[3] = {0.0, 0.0, 1.0};
  assert_int_equal(mgg_artn_start_mode(&s, frozen_only), MGG_ERR_BAD_ARGUMENT);
  const double scaled[3] = {3.0 * mode[0], 3.0 * mode[1], 0.0};
  assert_int_equal(mgg_artn_start_mode(&s, scaled), MGG_OK);
  double answer[3], energy = 0.0;
  int products = 0;
  for (mgg_artn_request r = mgg_artn_step(&s, 0.0, NULL); r != MGG_ARTN_DONE;
       r = mgg_artn_step(&s, energy, answer)) {
    if (r == MGG_ARTN_EVALUATE) {
      if (products == 0) {
        /* before the first product: only the point the push lands on */
        assert_true(hypot(s.point[0] - s2[0], s.point[1] - s2[1]) < 1e-12);
      }
      energy = mb_energy_forces(s.point, answer, 1);
    } else {
      assert_int_equal(r, MGG_ARTN_HESSIAN_VECTOR);
      if (products++ == 0)
        for (int k = 0; k < 3; k++) assert_true(fabs(s.direction[k] - mode[k]) < 1e-12);
      mb_hessian_vector(s.point, s.direction, answer, 1);
    }
  }
  assert_int_equal(s.status, MGG_ARTN_SADDLE);
  const double *xs = mgg_artn_saddle(&s);
  assert_true(hypot(xs[0] - s2[0], xs[1] - s2[1]) < 1e-6);
  /* a search that has stepped takes no start vector */
  assert_int_equal(mgg_artn_start_mode(&s, mode), MGG_ERR_BAD_ARGUMENT);
  free(work);
}

static void test_arguments(void **state)
{
  (void) state;
  mgg_artn_params p;
  mgg_artn_default_params(&p);
  const double x0[6] = {0}, push[6] = {0, 0, 1, 0, 0, 0};
  const int frozen_z[6] = {1, 1, 0, 1, 1, 1};
  const size_t len = mgg_artn_work_size(2, &p);
  assert_true(len > 0);
  void *work = malloc(len);
  mgg_artn s;
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, push, NULL, work, len, &s), MGG_OK);
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, push, NULL, work, len - 8, &s), MGG_ERR_BUFFER_TOO_SMALL);
  /* the push has nothing left once atom 0's z is frozen */
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, push, frozen_z, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  /* nor once the translation is removed from a push of every atom alike */
  const double uniform_push[6] = {1, 0, 0, 1, 0, 0};
  p.remove_translation = 1;
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, uniform_push, NULL, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  p.remove_translation = 0;
  assert_int_equal(mgg_artn_start(&p, 2, x0, NAN, push, NULL, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_artn_start(NULL, 2, x0, 0.0, push, NULL, work, len, &s), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_artn_start(&p, 0, x0, 0.0, push, NULL, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  p.eigenvalue_threshold = 0.1;
  assert_int_equal(mgg_artn_work_size(2, &p), 0);
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, push, NULL, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  mgg_artn_default_params(&p);
  p.lanczos_max_iter = MGG_LANCZOS_MAX_ITER + 1;
  assert_int_equal(mgg_artn_start(&p, 2, x0, 0.0, push, NULL, work, len, &s), MGG_ERR_BAD_ARGUMENT);
  free(work);
}

/* the push: zero beyond the radius, a function of (seed, search, id) alone (the same for atoms
 * given in another order), different for another search or seed, standard normal components */
static void test_random_push(void **state)
{
  (void) state;
  enum { N = 4000 };
  static double dist[N], push[3 * N], again[3 * N], other[3 * N], perm[3 * N];
  static double dperm[N];
  static long id[N], idperm[N];
  for (size_t i = 0; i < N; i++) {
    dist[i] = (i % 4 == 3) ? 3.0 : 1.0; /* every fourth atom beyond the radius */
    id[i] = (long) (7 * i + 11);
    idperm[N - 1 - i] = id[i];
    dperm[N - 1 - i] = dist[i];
  }
  assert_int_equal(mgg_artn_random_push(N, dist, id, 2.0, 42, 5, push), 3 * N / 4);
  assert_int_equal(mgg_artn_random_push(N, dist, id, 2.0, 42, 5, again), 3 * N / 4);
  assert_memory_equal(push, again, sizeof(push));
  assert_int_equal(mgg_artn_random_push(N, dperm, idperm, 2.0, 42, 5, perm), 3 * N / 4);
  double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
  size_t n = 0, same_search = 0, same_seed = 0;
  for (size_t i = 0; i < N; i++)
    for (int a = 0; a < 3; a++) {
      assert_true(push[3 * i + a] == perm[3 * (N - 1 - i) + a]);
      if (dist[i] > 2.0) {
        assert_true(push[3 * i + a] == 0.0);
        continue;
      }
      const double v = push[3 * i + a];
      sum += v;
      sum2 += v * v;
      sum4 += v * v * v * v;
      n++;
    }
  mgg_artn_random_push(N, dist, id, 2.0, 42, 6, other);
  for (size_t k = 0; k < 3 * N; k++) same_search += other[k] == push[k] && push[k] != 0.0;
  mgg_artn_random_push(N, dist, id, 2.0, 43, 5, other);
  for (size_t k = 0; k < 3 * N; k++) same_seed += other[k] == push[k] && push[k] != 0.0;
  assert_int_equal(same_search, 0);
  assert_int_equal(same_seed, 0);
  /* 9000 samples: mean 0 (sd 0.011), variance 1 (sd 0.015), fourth moment 3 (sd ~0.1) */
  const double mean = sum / n, var = sum2 / n - mean * mean;
  assert_true(fabs(mean) < 0.05);
  assert_true(fabs(var - 1.0) < 0.07);
  assert_true(fabs(sum4 / n - 3.0) < 0.4);
  assert_int_equal(mgg_artn_random_push(N, dist, id, -1.0, 42, 5, push), 0);
  assert_int_equal(mgg_artn_random_push(N, NULL, id, 2.0, 42, 5, push), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mueller_brown),
      cmocka_unit_test(test_fd_hessian_vector),
      cmocka_unit_test(test_lj7_exact),
      cmocka_unit_test(test_lj7_finite_difference),
      cmocka_unit_test(test_status_paths),
      cmocka_unit_test(test_lost_curvature),
      cmocka_unit_test(test_validation_failures),
      cmocka_unit_test(test_second_order_saddle),
      cmocka_unit_test(test_caller_curvatures),
      cmocka_unit_test(test_order_two_proof),
      cmocka_unit_test(test_continue_higher_order),
      cmocka_unit_test(test_same_state),
      cmocka_unit_test(test_displacement),
      cmocka_unit_test(test_refine_params),
      cmocka_unit_test(test_start_mode),
      cmocka_unit_test(test_arguments),
      cmocka_unit_test(test_random_push),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
