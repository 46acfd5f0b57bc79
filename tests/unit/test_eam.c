/* EAM engine: file reading and its errors, funcfl mixing against closed forms, forces against
 * finite differences of the energy and Hessian blocks against finite differences of the
 * forces on a random Cu-Zr cluster and on a small periodic piece (with periodic self-images),
 * symmetry and translation invariance of the Hessian, argument errors; the engine built from a
 * pair style's tables against the one read from the same file; periodic images from
 * mgg_neighbours_periodic_points() against a brute-force image set.
 *
 *   test_eam POTENTIAL_DIR   (the directory holding CuZr_mm.eam.fs) */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mgglass.h"

static char cuzr_path[4096];
static const char *const CU_ZR[2] = {"Cu", "Zr"};

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* a temporary file holding text; the caller removes it */
static void temp_file(const char *text, char path[64])
{
  strcpy(path, "/tmp/test_eam_XXXXXX");
  const int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* ------------------------------------------------------------------ systems */

/* Atoms X[n] and points: point p sits at X[owner[p]] + shift[p]; candidates of each atom are
 * the points within `search` of it (brute force), fixed while finite differences move atoms. */
typedef struct {
  size_t n, np;
  double *X, *shift, *x;
  int *type, *owner, *centre, *index;
  size_t *start;
  mgg_neighbours nb;
  mgg_eam_system sys;
} test_system;

static void place_points(test_system *s)
{
  for (size_t p = 0; p < s->np; p++)
    for (int a = 0; a < 3; a++) s->x[3 * p + a] = s->X[3 * s->owner[p] + a] + s->shift[3 * p + a];
}

/* n atoms at random with no two points closer than dmin, in a cube of edge L; periodic: copies
 * shifted by up to `images` box lengths that lie within `search` of the box */
static void build_system(test_system *s, size_t n, double L, int periodic, int images,
                         double search, double dmin, unsigned seed)
{
  const int w = periodic ? 2 * images + 1 : 1, ncopy = w * w * w;
  s->n = n;
  s->X = malloc(3 * n * sizeof(double));
  s->shift = malloc(3 * n * ncopy * sizeof(double));
  s->x = malloc(3 * n * ncopy * sizeof(double));
  s->type = malloc(n * ncopy * sizeof(int));
  s->owner = malloc(n * ncopy * sizeof(int));
  s->centre = malloc(n * sizeof(int));
  s->start = malloc((n + 1) * sizeof(size_t));
  assert_true(s->X && s->shift && s->x && s->type && s->owner && s->centre && s->start);
  for (size_t i = 0; i < n; i++) {
    int tries = 0, ok;
    do {
      ok = 1;
      for (int a = 0; a < 3; a++) s->X[3 * i + a] = uniform(&seed, 0.0, L);
      for (size_t j = 0; j < i && ok; j++) {
        double r2 = 0.0;
        for (int a = 0; a < 3; a++) {
          double d = s->X[3 * i + a] - s->X[3 * j + a];
          if (periodic) d -= L * nearbyint(d / L);
          r2 += d * d;
        }
        ok = r2 > dmin * dmin;
      }
      assert_true(++tries < 100000);
    } while (!ok);
  }
  /* atoms first (point i is atom i), then the copies */
  size_t np = 0;
  for (int c = 0; c < ncopy; c++) {
    const int k = (c + ncopy / 2) % ncopy; /* k = ncopy / 2 is the zero shift */
    const int sh[3] = {k % w - w / 2, (k / w) % w - w / 2, k / (w * w) - w / 2};
    for (size_t i = 0; i < n; i++) {
      int inside = 1;
      for (int a = 0; a < 3; a++) {
        const double v = s->X[3 * i + a] + sh[a] * L;
        inside &= v > -search && v < L + search;
        s->shift[3 * np + a] = sh[a] * L;
      }
      if (!inside) continue;
      s->type[np] = (int) (i % 3 == 2); /* two Cu for one Zr */
      s->owner[np] = (int) i;
      np++;
    }
  }
  s->np = np;
  place_points(s);
  size_t m = 0, cap = 64;
  s->index = malloc(cap * sizeof(int));
  s->start[0] = 0;
  for (size_t i = 0; i < n; i++) {
    s->centre[i] = (int) i;
    for (size_t p = 0; p < np; p++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) r2 += pow(s->x[3 * p + a] - s->x[3 * i + a], 2);
      if (p == i || r2 >= search * search) continue;
      if (m == cap) {
        cap *= 2;
        s->index = realloc(s->index, cap * sizeof(int));
        assert_non_null(s->index);
      }
      s->index[m++] = (int) p;
    }
    s->start[i + 1] = m;
  }
  s->nb = (mgg_neighbours){n, s->centre, s->start, s->index};
  s->sys = (mgg_eam_system){np, s->x, s->type, s->owner, &s->nb};
}

static void free_system(test_system *s)
{
  free(s->X);
  free(s->shift);
  free(s->x);
  free(s->type);
  free(s->owner);
  free(s->centre);
  free(s->start);
  free(s->index);
}

static double total_energy(const mgg_eam *eam, test_system *s, double *f)
{
  void *work = malloc(mgg_eam_energy_forces_work_size(s->n));
  double *e = malloc(s->n * sizeof(double));
  assert_true(work && e);
  place_points(s);
  assert_int_equal(mgg_eam_energy_forces(eam, &s->sys, work, mgg_eam_energy_forces_work_size(s->n), e, f), MGG_OK);
  double sum = 0.0;
  for (size_t i = 0; i < s->n; i++) sum += e[i];
  free(work);
  free(e);
  return sum;
}

typedef struct {
  size_t n_blocks;
  size_t *row_start;
  int *col;
  double *val;
} hessian;

static mgg_status build_pattern(const mgg_eam *eam, const test_system *s, hessian *h)
{
  const size_t pbytes = mgg_eam_hessian_pattern_work_size(&s->sys);
  void *ws = malloc(pbytes);
  h->row_start = malloc((s->n + 1) * sizeof(size_t));
  assert_true(ws && h->row_start);
  mgg_status st = mgg_eam_hessian_pattern(eam, &s->sys, ws, pbytes, h->row_start, NULL, 0, &h->n_blocks);
  assert_int_equal(st, MGG_ERR_BUFFER_TOO_SMALL);
  h->col = malloc(h->n_blocks * sizeof(int));
  h->val = malloc(9 * h->n_blocks * sizeof(double));
  assert_true(h->col && h->val);
  st = mgg_eam_hessian_pattern(eam, &s->sys, ws, pbytes, h->row_start, h->col, h->n_blocks, &h->n_blocks);
  free(ws);
  return st;
}

static mgg_status fill_hessian(const mgg_eam *eam, const test_system *s, hessian *h)
{
  const size_t bytes = mgg_eam_hessian_work_size(&s->sys);
  void *ws = malloc(bytes);
  assert_non_null(ws);
  const mgg_status st = mgg_eam_hessian(eam, &s->sys, ws, bytes, h->row_start, h->col, h->n_blocks, h->val);
  free(ws);
  return st;
}

static void free_hessian(hessian *h)
{
  free(h->row_start);
  free(h->col);
  free(h->val);
}

/* dense 3n x 3n copy of the blocks */
static double *dense(const hessian *h, size_t n)
{
  double *H = calloc(9 * n * n, sizeof(double));
  assert_non_null(H);
  for (size_t i = 0; i < n; i++)
    for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++)
      for (int a = 0; a < 3; a++)
        for (int c = 0; c < 3; c++) H[(3 * i + a) * 3 * n + 3 * h->col[b] + c] = h->val[9 * b + 3 * a + c];
  return H;
}

/* Forces against -dE/dx and Hessian columns against -dF/dx (central differences, atoms moved
 * with all their copies); symmetry, zero row sums; returns the largest coupling distance. */
static double check_derivatives(const mgg_eam *eam, test_system *s, double L, int periodic)
{
  const size_t n = s->n, N = 3 * n;
  /* The tables are C1 splines whose second derivative jumps at knots 7.6e-4 A apart; a force
   * difference across a knot is off by a fraction of the jump however small the step, so the
   * Hessian step is small enough (1e-7: rounding ~1e-8 relative) that, with ~100 bonds per
   * moved atom, a knot is rarely straddled.  The energy step keeps the rounding of the total
   * energy (~100 eV) below 1e-6 relative. */
  const double h_energy = 1e-5, h_force = 1e-7;
  double *f0 = malloc(N * sizeof(double)), *fp = malloc(N * sizeof(double)), *fm = malloc(N * sizeof(double));
  assert_true(f0 && fp && fm);
  total_energy(eam, s, f0);
  hessian hs;
  assert_int_equal(build_pattern(eam, s, &hs), MGG_OK);
  assert_int_equal(fill_hessian(eam, s, &hs), MGG_OK);
  double *H = dense(&hs, n), hmax = 0.0, force_max = 0.0;
  for (size_t q = 0; q < N * N; q++) hmax = fmax(hmax, fabs(H[q]));
  for (size_t q = 0; q < N; q++) force_max = fmax(force_max, fabs(f0[q]));

  double worst_force = 0.0, worst_col = 0.0, net[3] = {0, 0, 0};
  for (size_t q = 0; q < N; q++) {
    const double keep = s->X[q];
    s->X[q] = keep + h_energy;
    const double ep = total_energy(eam, s, NULL);
    s->X[q] = keep - h_energy;
    const double em = total_energy(eam, s, NULL);
    s->X[q] = keep + h_force;
    total_energy(eam, s, fp);
    s->X[q] = keep - h_force;
    total_energy(eam, s, fm);
    s->X[q] = keep;
    /* the force component against the energy difference */
    const double fd = -(ep - em) / (2 * h_energy);
    worst_force = fmax(worst_force, fabs(fd - f0[q]) / fmax(fabs(f0[q]), 1e-3 * force_max));
    net[q % 3] += f0[q];
    /* column q of the Hessian against the force difference, relative to the column's size */
    double cmax = 0.0, err = 0.0;
    for (size_t r = 0; r < N; r++) cmax = fmax(cmax, fabs(H[r * N + q]));
    for (size_t r = 0; r < N; r++) err = fmax(err, fabs(-(fp[r] - fm[r]) / (2 * h_force) - H[r * N + q]));
    worst_col = fmax(worst_col, err / cmax);
  }
  print_message("  forces vs -dE/dx: max relative error %.2e; Hessian columns vs -dF/dx: %.2e\n",
                worst_force, worst_col);
  assert_true(worst_force < 1e-6);
  assert_true(worst_col < 1e-6);
  if (periodic)
    for (int a = 0; a < 3; a++) assert_true(fabs(net[a]) < 1e-10 * force_max);

  double asym = 0.0, rowsum = 0.0, reach = 0.0;
  for (size_t r = 0; r < N; r++) {
    double sum[3] = {0, 0, 0};
    for (size_t c = 0; c < N; c++) {
      asym = fmax(asym, fabs(H[r * N + c] - H[c * N + r]));
      sum[c % 3] += H[r * N + c];
    }
    for (int a = 0; a < 3; a++) rowsum = fmax(rowsum, fabs(sum[a]));
  }
  print_message("  max |H| %.3g, asymmetry %.2e, row sums %.2e, %zu blocks for %zu atoms\n", hmax,
                asym, rowsum, hs.n_blocks, n);
  assert_true(asym <= 1e-13 * hmax);
  assert_true(rowsum <= 1e-12 * hmax);
  for (size_t i = 0; i < n; i++)
    for (size_t b = hs.row_start[i]; b < hs.row_start[i + 1]; b++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) {
        double d = s->X[3 * hs.col[b] + a] - s->X[3 * i + a];
        if (periodic) d -= L * nearbyint(d / L);
        r2 += d * d;
      }
      reach = fmax(reach, sqrt(r2));
    }
  free(H);
  free_hessian(&hs);
  free(f0);
  free(fp);
  free(fm);
  return reach;
}

static mgg_eam *read_cuzr(void)
{
  mgg_eam *eam = NULL;
  char msg[256] = "";
  const mgg_status st = mgg_eam_read_setfl(cuzr_path, MGG_EAM_FS, 2, CU_ZR, &eam, msg, sizeof msg);
  if (st != MGG_OK) fail_msg("%s", msg);
  return eam;
}

/* ------------------------------------------------------------------- tests */

static void test_cluster_derivatives(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  const double cut = mgg_eam_cutoff(eam);
  assert_true(cut == 7.6);
  test_system s;
  build_system(&s, 28, 8.5, 0, 0, cut + 0.5, 2.3, 17u);
  const double reach = check_derivatives(eam, &s, 0.0, 0);
  /* the embedding term couples atoms beyond the pair cutoff */
  print_message("  farthest coupled pair %.2f A (pair cutoff %.2f)\n", reach, cut);
  assert_true(reach > cut);
  free_system(&s);
  mgg_eam_free(eam);
}

/* box edge 7.2 A < cutoff: atoms interact with several images of one atom and with their own */
static void test_periodic_derivatives(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  const double L = 7.2;
  test_system s;
  build_system(&s, 20, L, 1, 2, mgg_eam_cutoff(eam) + 0.5, 2.3, 5u);
  check_derivatives(eam, &s, L, 1);
  free_system(&s);
  mgg_eam_free(eam);
}

/* The matrix-free Hessian-vector product against the assembled Hessian (verified column by
 * column above) and against a central difference of the forces along v. */
static void check_hessian_vector(const mgg_eam *eam, test_system *s)
{
  const size_t n = s->n, N = 3 * n;
  double *v = malloc(N * sizeof(double)), *hv = malloc(N * sizeof(double));
  double *fp = malloc(N * sizeof(double)), *fm = malloc(N * sizeof(double));
  assert_true(v && hv && fp && fm);
  unsigned seed = 99u;
  double norm = 0.0;
  for (size_t q = 0; q < N; q++) {
    v[q] = uniform(&seed, -1.0, 1.0);
    norm += v[q] * v[q];
  }
  for (size_t q = 0; q < N; q++) v[q] /= sqrt(norm);
  place_points(s);
  const size_t bytes = mgg_eam_hessian_vector_work_size(&s->sys);
  void *ws = malloc(bytes);
  assert_non_null(ws);
  assert_int_equal(mgg_eam_hessian_vector(eam, &s->sys, ws, bytes, v, hv), MGG_OK);
  assert_int_equal(mgg_eam_hessian_vector(eam, &s->sys, ws, bytes - 1, v, hv), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_eam_hessian_vector(eam, &s->sys, ws, bytes, NULL, hv), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_hessian_vector(eam, &s->sys, ws, bytes, v, hv), MGG_OK);
  hessian hs;
  assert_int_equal(build_pattern(eam, s, &hs), MGG_OK);
  assert_int_equal(fill_hessian(eam, s, &hs), MGG_OK);
  double *H = dense(&hs, n), scale = 0.0, err_dense = 0.0, err_fd = 0.0;
  for (size_t r = 0; r < N; r++) scale = fmax(scale, fabs(hv[r]));
  for (size_t r = 0; r < N; r++) {
    double sum = 0.0;
    for (size_t c = 0; c < N; c++) sum += H[r * N + c] * v[c];
    err_dense = fmax(err_dense, fabs(sum - hv[r]));
  }
  /* a small step, as for the Hessian columns (the spline's second derivative jumps at knots) */
  const double h = 1e-7;
  double *keep = malloc(N * sizeof(double));
  assert_non_null(keep);
  memcpy(keep, s->X, N * sizeof(double));
  for (size_t q = 0; q < N; q++) s->X[q] = keep[q] + h * v[q];
  total_energy(eam, s, fp);
  for (size_t q = 0; q < N; q++) s->X[q] = keep[q] - h * v[q];
  total_energy(eam, s, fm);
  memcpy(s->X, keep, N * sizeof(double));
  place_points(s);
  for (size_t r = 0; r < N; r++) err_fd = fmax(err_fd, fabs(-(fp[r] - fm[r]) / (2 * h) - hv[r]));
  print_message("  H v: max |H v| %.3g, against the assembled H %.2e, against -dF/dv %.2e\n", scale,
                err_dense / scale, err_fd / scale);
  assert_true(err_dense <= 1e-12 * scale);
  assert_true(err_fd <= 1e-5 * scale);
  /* one plan, products with v and with another vector w: equal to the single products bitwise,
   * H w against the assembled H */
  const size_t plan_bytes = mgg_eam_hessian_plan_size(&s->sys), work_bytes = mgg_eam_hessian_work_size(&s->sys);
  void *plan = malloc(plan_bytes);
  double *w = malloc(N * sizeof(double)), *hw = malloc(N * sizeof(double)), *hp = malloc(N * sizeof(double));
  assert_true(plan && w && hw && hp);
  assert_int_equal(mgg_eam_hessian_plan(eam, &s->sys, ws, work_bytes, plan, plan_bytes - 1), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_eam_hessian_plan(eam, &s->sys, ws, work_bytes, plan, plan_bytes), MGG_OK);
  for (size_t q = 0; q < N; q++) w[q] = uniform(&seed, -1.0, 1.0);
  assert_int_equal(mgg_eam_hessian_plan_apply(plan, w, hp), MGG_OK);
  assert_int_equal(mgg_eam_hessian_vector(eam, &s->sys, ws, bytes, w, hw), MGG_OK);
  assert_memory_equal(hp, hw, N * sizeof(double));
  assert_int_equal(mgg_eam_hessian_plan_apply(plan, v, hp), MGG_OK);
  assert_memory_equal(hp, hv, N * sizeof(double));
  double err_w = 0.0, scale_w = 0.0;
  for (size_t r = 0; r < N; r++) {
    double sum = 0.0;
    for (size_t c = 0; c < N; c++) sum += H[r * N + c] * w[c];
    err_w = fmax(err_w, fabs(sum - hw[r]));
    scale_w = fmax(scale_w, fabs(hw[r]));
  }
  assert_true(err_w <= 1e-12 * scale_w);
  assert_int_equal(mgg_eam_hessian_plan_apply(NULL, w, hp), MGG_ERR_NULL_ARGUMENT);
  free(plan);
  free(w);
  free(hw);
  free(hp);
  free(keep);
  free(H);
  free_hessian(&hs);
  free(ws);
  free(v);
  free(hv);
  free(fp);
  free(fm);
}

static void test_hessian_vector(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  test_system s;
  build_system(&s, 28, 8.5, 0, 0, mgg_eam_cutoff(eam) + 0.5, 2.3, 17u);
  check_hessian_vector(eam, &s);
  free_system(&s);
  /* periodic, box below the cutoff: several images of one atom, and of itself */
  build_system(&s, 20, 7.2, 1, 2, mgg_eam_cutoff(eam) + 0.5, 2.3, 5u);
  check_hessian_vector(eam, &s);
  free_system(&s);
  mgg_eam_free(eam);
}

/* A pattern built for one configuration serves a slightly moved one; a strongly compressed one
 * couples atoms the pattern lacks and is refused. */
static void test_pattern_reuse(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  test_system s;
  build_system(&s, 28, 8.5, 0, 0, 20.0, 2.3, 17u);
  hessian hs;
  assert_int_equal(build_pattern(eam, &s, &hs), MGG_OK);
  for (size_t q = 0; q < 3 * s.n; q++) s.X[q] += 0.01 * sin((double) q);
  place_points(&s);
  assert_int_equal(fill_hessian(eam, &s, &hs), MGG_OK);
  for (size_t q = 0; q < 3 * s.n; q++) s.X[q] *= 0.5;
  place_points(&s);
  assert_int_equal(fill_hessian(eam, &s, &hs), MGG_ERR_BAD_ARGUMENT);
  free_hessian(&hs);
  free_system(&s);
  mgg_eam_free(eam);
}

/* Two funcfl elements on different grids, all functions linear so that the regridding and the
 * splines are exact: the energy of each dimer has a closed form with the mixed pair term
 * 27.2 * 0.529 Z_a(r) Z_b(r) / r. */
typedef struct {
  double f0, f1, z0, z1, r0, r1; /* F = f0 + f1 rho, Z = z0 + z1 r, rho = r0 + r1 r */
} linear_element;

static void write_funcfl(const linear_element *el, double mass, int nrho, double drho, int nr,
                         double dr, double cut, char path[64])
{
  size_t cap = 64 * (size_t) (nrho + 2 * nr) + 256, len = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  len += (size_t) snprintf(text + len, cap - len, "synthetic element\n 99 %.6f 1.0 fcc\n", mass);
  len += (size_t) snprintf(text + len, cap - len, "%d %.17g %d %.17g %.17g\n", nrho, drho, nr, dr, cut);
  for (int k = 0; k < nrho; k++)
    len += (size_t) snprintf(text + len, cap - len, "%.17g%s", el->f0 + el->f1 * k * drho, k % 5 == 4 ? "\n" : " ");
  len += (size_t) snprintf(text + len, cap - len, "\n");
  for (int pass = 0; pass < 2; pass++) {
    for (int k = 0; k < nr; k++) {
      const double r = k * dr;
      const double v = pass == 0 ? el->z0 + el->z1 * r : el->r0 + el->r1 * r;
      len += (size_t) snprintf(text + len, cap - len, "%.17g%s", v, k % 5 == 4 ? "\n" : " ");
    }
    len += (size_t) snprintf(text + len, cap - len, "\n");
  }
  temp_file(text, path);
  free(text);
}

static double dimer_energy(const mgg_eam *eam, int ta, int tb, double r)
{
  double x[6] = {0, 0, 0, r, 0, 0}, work[4], e[2], f[6];
  int type[2] = {ta, tb}, owner[2] = {0, 1}, centre[2] = {0, 1}, index[2] = {1, 0};
  size_t start[3] = {0, 1, 2};
  mgg_neighbours nb = {2, centre, start, index};
  mgg_eam_system sys = {2, x, type, owner, &nb};
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_OK);
  assert_true(f[0] == -f[3] && f[1] == 0.0 && f[2] == 0.0);
  return e[0] + e[1];
}

static void test_funcfl_mixing(void **state)
{
  (void) state;
  const linear_element A = {-2.0, 1.5, 3.0, -0.4, 0.6, -0.1}, B = {-1.0, 0.7, 2.0, -0.3, 0.5, -0.08};
  char pa[64], pb[64];
  write_funcfl(&A, 12.5, 101, 0.01, 201, 0.03, 5.5, pa);
  write_funcfl(&B, 33.0, 81, 0.015, 301, 0.02, 5.0, pb);
  const char *paths[3] = {pa, pb, pa};
  mgg_eam *eam = NULL;
  char msg[256] = "";
  assert_int_equal(mgg_eam_read_funcfl(3, paths, &eam, msg, sizeof msg), MGG_OK);
  assert_int_equal(mgg_eam_n_types(eam), 3);
  assert_true(mgg_eam_cutoff(eam) == 5.5);
  double m;
  assert_int_equal(mgg_eam_mass(eam, 1, &m), MGG_OK);
  assert_true(m == 33.0);
  assert_int_equal(mgg_eam_mass(eam, 2, &m), MGG_OK);
  assert_true(m == 12.5);
  assert_int_equal(mgg_eam_mass(eam, 3, &m), MGG_ERR_BAD_ARGUMENT);
  const linear_element *el[3] = {&A, &B, &A};
  for (int ta = 0; ta < 3; ta++)
    for (int tb = 0; tb < 3; tb++) {
      const double r = 2.7 + 0.1 * ta + 0.05 * tb;
      const linear_element *a = el[ta], *b = el[tb];
      const double za = a->z0 + a->z1 * r, zb = b->z0 + b->z1 * r;
      const double expect = a->f0 + a->f1 * (b->r0 + b->r1 * r) + b->f0 + b->f1 * (a->r0 + a->r1 * r) +
                            27.2 * 0.529 * za * zb / r;
      assert_true(fabs(dimer_energy(eam, ta, tb, r) - expect) < 1e-12 * fabs(expect));
    }
  mgg_eam_free(eam);
  remove(pa);
  remove(pb);
}

/* a small well-formed eam/alloy file with two elements */
static char *small_setfl(void)
{
  size_t cap = 1 << 15, len = 0;
  char *t = malloc(cap);
  assert_non_null(t);
  len += (size_t) snprintf(t + len, cap - len, "c1\nc2\nc3\n2 Aa Bb\n10 0.1 10 0.5 4.0\n");
  for (int e = 0; e < 2; e++) {
    len += (size_t) snprintf(t + len, cap - len, "1 10.0 1.0 fcc\n");
    for (int k = 0; k < 20; k++) /* F, then the density */
      len += (size_t) snprintf(t + len, cap - len, "%g%s", k < 10 ? -1.0 + 0.1 * k : 1.0 - 0.1 * (k - 10), k % 5 == 4 ? "\n" : " ");
  }
  for (int k = 0; k < 30; k++) len += (size_t) snprintf(t + len, cap - len, "%g%s", 1.0 - 0.03 * (k % 10), k % 5 == 4 ? "\n" : " ");
  return t;
}

static mgg_status read_text(const char *text, mgg_eam_format format, char *msg, size_t len)
{
  char path[64];
  temp_file(text, path);
  mgg_eam *eam = NULL;
  const mgg_status st = mgg_eam_read_setfl(path, format, 2, CU_ZR + 0, &eam, msg, len);
  remove(path);
  if (st != MGG_OK) assert_null(eam);
  mgg_eam_free(eam);
  return st;
}

static void test_file_errors(void **state)
{
  (void) state;
  char msg[256] = "", *good = small_setfl();
  const char *ab[2] = {"Aa", "Bb"};
  char path[64];
  temp_file(good, path);
  mgg_eam *eam = NULL;
  assert_int_equal(mgg_eam_read_setfl(path, MGG_EAM_SETFL, 2, ab, &eam, msg, sizeof msg), MGG_OK);
  double m;
  assert_int_equal(mgg_eam_mass(eam, 0, &m), MGG_OK);
  assert_true(m == 10.0 && mgg_eam_cutoff(eam) == 4.0);
  mgg_eam_free(eam);
  /* the same file is too short for eam/fs, which has a density function per element pair */
  assert_int_equal(mgg_eam_read_setfl(path, MGG_EAM_FS, 2, ab, &eam, msg, sizeof msg), MGG_ERR_FILE);
  assert_null(eam);
  assert_true(msg[0] != '\0');
  remove(path);

  /* unknown element (the test file has Aa and Bb, not Cu and Zr) */
  assert_int_equal(read_text(good, MGG_EAM_SETFL, msg, sizeof msg), MGG_ERR_FILE);
  assert_non_null(strstr(msg, "Cu"));
  /* a word that is not a number */
  char *bad = malloc(strlen(good) + 8);
  assert_non_null(bad);
  strcpy(bad, good);
  memcpy(strstr(bad, "10 0.1"), "10 x.1", 6);
  assert_int_equal(read_text(bad, MGG_EAM_SETFL, msg, sizeof msg), MGG_ERR_FILE);
  assert_non_null(strstr(msg, ":5:"));
  assert_non_null(strstr(msg, "x.1"));
  /* the element count does not match the names */
  strcpy(bad, good);
  memcpy(strstr(bad, "2 Aa Bb"), "3 Aa Bb", 7);
  assert_int_equal(read_text(bad, MGG_EAM_SETFL, msg, sizeof msg), MGG_ERR_FILE);
  /* too few knots for a spline */
  strcpy(bad, good);
  memcpy(strstr(bad, "10 0.1 10"), "10 0.1 04", 9);
  assert_int_equal(read_text(bad, MGG_EAM_SETFL, msg, sizeof msg), MGG_ERR_FILE);
  /* truncated */
  strcpy(bad, good);
  bad[strlen(bad) / 2] = '\0';
  assert_int_equal(read_text(bad, MGG_EAM_SETFL, msg, sizeof msg), MGG_ERR_FILE);
  free(bad);
  free(good);

  assert_int_equal(mgg_eam_read_setfl("/nonexistent/x.eam.fs", MGG_EAM_FS, 2, CU_ZR, &eam, msg, sizeof msg),
                   MGG_ERR_FILE);
  assert_non_null(strstr(msg, "/nonexistent/x.eam.fs"));
  const char *missing[1] = {"/nonexistent/x.eam"};
  assert_int_equal(mgg_eam_read_funcfl(1, missing, &eam, NULL, 0), MGG_ERR_FILE);
  assert_null(eam);
  /* a message buffer of one byte only gets the terminator */
  char one[1] = {'x'};
  assert_int_equal(mgg_eam_read_setfl("/nonexistent", MGG_EAM_FS, 2, CU_ZR, &eam, one, 1), MGG_ERR_FILE);
  assert_true(one[0] == '\0');

  assert_int_equal(mgg_eam_read_setfl(NULL, MGG_EAM_FS, 2, CU_ZR, &eam, msg, sizeof msg), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_read_setfl(cuzr_path, MGG_EAM_FS, 2, NULL, &eam, msg, sizeof msg), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_read_setfl(cuzr_path, MGG_EAM_FS, 2, CU_ZR, NULL, msg, sizeof msg), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_read_setfl(cuzr_path, (mgg_eam_format) 5, 2, CU_ZR, &eam, msg, sizeof msg), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_eam_read_setfl(cuzr_path, MGG_EAM_FS, 0, CU_ZR, &eam, msg, sizeof msg), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_eam_read_funcfl(1, NULL, &eam, msg, sizeof msg), MGG_ERR_NULL_ARGUMENT);
  assert_true(mgg_eam_cutoff(NULL) == 0.0 && mgg_eam_n_types(NULL) == 0);
  mgg_eam_free(NULL);
}

static void test_argument_errors(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  double x[9] = {0, 0, 0, 2.5, 0, 0, 0, 2.5, 0}, work[6], e[3], f[9];
  int type[3] = {0, 1, 0}, owner[3] = {0, 1, 2}, centre[3] = {0, 1, 2}, index[6] = {1, 2, 0, 2, 0, 1};
  size_t start[4] = {0, 2, 4, 6};
  mgg_neighbours nb = {3, centre, start, index};
  mgg_eam_system sys = {3, x, type, owner, &nb};
  assert_int_equal(mgg_eam_energy_forces_work_size(3), sizeof work);
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_OK);
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, NULL, NULL), MGG_OK);
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work - 1, e, f), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_eam_energy_forces(NULL, &sys, work, sizeof work, e, f), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_energy_forces(eam, NULL, work, sizeof work, e, f), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, NULL, sizeof work, e, f), MGG_ERR_NULL_ARGUMENT);
  sys.owner = NULL;
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_NULL_ARGUMENT);
  sys.owner = owner;
  type[1] = 2;
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_ARGUMENT);
  type[1] = 1;
  owner[2] = 3;
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_INDEX);
  owner[2] = 1; /* point 2 is centre 2 but claims to be a copy of atom 1 */
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_ARGUMENT);
  owner[2] = 2;
  index[1] = 0; /* a centre among its own candidates */
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_INDEX);
  index[1] = 7;
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_INDEX);
  index[1] = 2;
  start[2] = 0;
  assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, e, f), MGG_ERR_BAD_ARGUMENT);
  start[2] = 4;

  /* Hessian pattern and values */
  size_t row_start[4], nblocks;
  int col[9];
  double val[81];
  unsigned char pws[512];
  double hws[64];
  const size_t pbytes = mgg_eam_hessian_pattern_work_size(&sys), hbytes = mgg_eam_hessian_work_size(&sys);
  assert_true(pbytes <= sizeof pws && hbytes <= sizeof hws);
  assert_int_equal(mgg_eam_hessian_pattern(eam, &sys, pws, pbytes, row_start, col, 8, &nblocks), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal((int) nblocks, 9);
  assert_int_equal(mgg_eam_hessian_pattern(eam, &sys, pws, pbytes - 1, row_start, col, 9, &nblocks), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_eam_hessian_pattern(eam, &sys, pws, pbytes, NULL, col, 9, &nblocks), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_hessian_pattern(eam, &sys, pws, pbytes, row_start, col, 9, &nblocks), MGG_OK);
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes, row_start, col, 9, val), MGG_OK);
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes - 1, row_start, col, 9, val), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes, row_start, col, 9, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes, row_start, col, 8, val), MGG_ERR_BAD_ARGUMENT);
  col[1] = 0; /* columns must increase */
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes, row_start, col, 9, val), MGG_ERR_BAD_ARGUMENT);
  col[1] = 1;
  /* a pattern without the coupling of atoms 0 and 2 */
  size_t rs2[4] = {0, 2, 5, 7};
  int col2[7] = {0, 1, 0, 1, 2, 1, 2};
  assert_int_equal(mgg_eam_hessian(eam, &sys, hws, hbytes, rs2, col2, 7, val), MGG_ERR_BAD_ARGUMENT);
  mgg_eam_free(eam);
}

/* ---------------------------------------------------- tables of a pair style */

/* smooth synthetic tables of a 2-element eam/fs potential, knot k of each function */
enum { SYN_NRHO = 60, SYN_NR = 80 };
static const double SYN_DRHO = 0.05, SYN_DR = 0.07, SYN_CUT = 5.3;

static double syn_frho(int e, int k)
{
  return -(1.0 + 0.3 * e) * sqrt(k * SYN_DRHO + 0.1);
}

static double syn_rhor(int b, int a, int k) /* density of element b at an element-a atom */
{
  return (1.0 + 0.2 * a + 0.5 * b) * exp(-0.8 * k * SYN_DR);
}

static double syn_z2r(int q, int k)
{
  const double r = k * SYN_DR;
  return (2.0 + q) * exp(-1.1 * r) * r - 0.01 * r;
}

/* mgg_eam_from_tables() with the tables a file holds builds exactly the engine that reads the
 * file: same energies and forces, bit for bit, with types mapped to elements out of order */
static void test_from_tables(void **state)
{
  (void) state;
  static double frho[2][SYN_NRHO], rhor[4][SYN_NR], z2r[3][SYN_NR];
  size_t cap = 1 << 16, len = 0;
  char *t = malloc(cap), path[64];
  assert_non_null(t);
  len += (size_t) snprintf(t + len, cap - len, "c1\nc2\nc3\n2 Aa Bb\n%d %.17g %d %.17g %.17g\n",
                           SYN_NRHO, SYN_DRHO, SYN_NR, SYN_DR, SYN_CUT);
  for (int e = 0; e < 2; e++) {
    len += (size_t) snprintf(t + len, cap - len, "%d %.17g 1.0 fcc\n", 10 + e, 20.0 + 30.0 * e);
    for (int k = 0; k < SYN_NRHO; k++) {
      frho[e][k] = syn_frho(e, k);
      len += (size_t) snprintf(t + len, cap - len, "%.17g\n", frho[e][k]);
    }
    for (int a = 0; a < 2; a++) /* element e's density at each element a */
      for (int k = 0; k < SYN_NR; k++) {
        rhor[2 * e + a][k] = syn_rhor(e, a, k);
        len += (size_t) snprintf(t + len, cap - len, "%.17g\n", rhor[2 * e + a][k]);
      }
  }
  for (int q = 0; q < 3; q++)
    for (int k = 0; k < SYN_NR; k++) {
      z2r[q][k] = syn_z2r(q, k);
      len += (size_t) snprintf(t + len, cap - len, "%.17g\n", z2r[q][k]);
    }
  assert_true(len < cap);
  temp_file(t, path);
  free(t);
  const char *names[3] = {"Bb", "Aa", "Bb"};
  const int map[3] = {1, 0, 1};
  mgg_eam *from_file = NULL, *from_tables = NULL;
  char msg[256] = "";
  assert_int_equal(mgg_eam_read_setfl(path, MGG_EAM_FS, 3, names, &from_file, msg, sizeof msg), MGG_OK);
  remove(path);

  const double *frho_p[2] = {frho[0], frho[1]};
  const double *rhor_p[4] = {rhor[0], rhor[1], rhor[2], rhor[3]};
  const double *z2r_p[3] = {z2r[0], z2r[1], z2r[2]};
  int frho_of[3], rhor_of[9], z2r_of[9];
  const double mass[3] = {50.0, 20.0, 50.0};
  for (int a = 0; a < 3; a++) {
    frho_of[a] = map[a];
    for (int b = 0; b < 3; b++) {
      rhor_of[3 * a + b] = 2 * map[b] + map[a];
      const int hi = map[a] > map[b] ? map[a] : map[b], lo = map[a] + map[b] - hi;
      z2r_of[3 * a + b] = hi * (hi + 1) / 2 + lo;
    }
  }
  mgg_eam_tables tables = {3, SYN_NRHO, SYN_NR, SYN_DRHO, SYN_DR, (SYN_NRHO - 1) * SYN_DRHO, SYN_CUT,
                           2, 4, 3, frho_p, rhor_p, z2r_p, frho_of, rhor_of, z2r_of, mass};
  assert_int_equal(mgg_eam_from_tables(&tables, &from_tables), MGG_OK);
  assert_true(mgg_eam_cutoff(from_tables) == SYN_CUT);
  double m;
  assert_int_equal(mgg_eam_mass(from_tables, 1, &m), MGG_OK);
  assert_true(m == 20.0);

  test_system s;
  build_system(&s, 30, 9.0, 1, 1, SYN_CUT + 0.5, 1.9, 23u);
  for (size_t p = 0; p < s.np; p++) s.type[p] = (int) (s.owner[p] % 3); /* all three types */
  double *f1 = malloc(3 * s.n * sizeof(double)), *f2 = malloc(3 * s.n * sizeof(double));
  assert_true(f1 && f2);
  const double e1 = total_energy(from_file, &s, f1), e2 = total_energy(from_tables, &s, f2);
  assert_true(e1 == e2 && e1 != 0.0);
  assert_memory_equal(f1, f2, 3 * s.n * sizeof(double));
  free(f1);
  free(f2);
  free_system(&s);

  /* a table index out of range, missing tables */
  rhor_of[4] = 4;
  mgg_eam *bad = NULL;
  assert_int_equal(mgg_eam_from_tables(&tables, &bad), MGG_ERR_BAD_ARGUMENT);
  assert_null(bad);
  rhor_of[4] = 0;
  tables.z2r = NULL;
  assert_int_equal(mgg_eam_from_tables(&tables, &bad), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_eam_from_tables(NULL, &bad), MGG_ERR_NULL_ARGUMENT);
  mgg_eam_free(from_file);
  mgg_eam_free(from_tables);
}

/* mgg_neighbours_periodic_points() gives the images the engine needs: per-atom energies in a triclinic
 * cell equal those from a brute-force set of all images with shifts -2 .. 2 (a superset) */
/* The evaluation of a few moving atoms (mgg_eam_energy_forces_moving) against the whole one:
 * energy differences and the moving atoms' forces after random moves, in a box wider than the
 * cutoff and in one narrower (an atom meets its own images, which move with it); with every
 * atom moving, the energy itself. */
static void test_moving_atoms(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  const struct {
    size_t n, n_moving;
    double L;
    int images;
    unsigned seed;
  } cases[2] = {{20, 3, 7.2, 2, 5u}, {90, 6, 12.0, 1, 8u}};
  for (int c = 0; c < 2; c++) {
    test_system s;
    const size_t n = cases[c].n, nm = cases[c].n_moving;
    build_system(&s, n, cases[c].L, 1, cases[c].images, mgg_eam_cutoff(eam) + 0.5, 2.3, cases[c].seed);
    const size_t wlen = mgg_eam_energy_forces_work_size(n);
    double *rho_fixed = malloc(n * sizeof(double)), *work = malloc(wlen);
    double *f_all = malloc(3 * n * sizeof(double)), *f_moving = malloc(3 * n * sizeof(double));
    assert_true(rho_fixed && work && f_all && f_moving);
    /* every atom moving: nothing fixed, the whole energy and all forces */
    assert_int_equal(mgg_eam_fixed_densities(eam, &s.sys, n, rho_fixed), MGG_OK);
    for (size_t k = 0; k < n; k++) assert_true(rho_fixed[k] == 0.0);
    double e_all = total_energy(eam, &s, f_all), e_moving = 0.0;
    assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, n, n, rho_fixed, work, wlen, &e_moving, f_moving), MGG_OK);
    assert_true(fabs(e_moving - e_all) < 1e-12 * fabs(e_all));
    for (size_t q = 0; q < 3 * n; q++) assert_true(fabs(f_moving[q] - f_all[q]) < 1e-12);

    assert_int_equal(mgg_eam_fixed_densities(eam, &s.sys, nm, rho_fixed), MGG_OK);
    const double e_all0 = total_energy(eam, &s, f_all);
    double e_moving0 = 0.0;
    assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, nm, n, rho_fixed, work, wlen, &e_moving0, NULL), MGG_OK);
    unsigned seed = cases[c].seed;
    double worst_e = 0.0, worst_f = 0.0;
    for (int trial = 0; trial < 4; trial++) {
      for (size_t q = 0; q < 3 * nm; q++) s.X[q] += uniform(&seed, -0.2, 0.2);
      e_all = total_energy(eam, &s, f_all); /* places the points */
      assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, nm, n, rho_fixed, work, wlen, &e_moving, f_moving), MGG_OK);
      const double de = fabs((e_moving - e_moving0) - (e_all - e_all0));
      worst_e = fmax(worst_e, de);
      assert_true(fabs(e_all - e_all0) > 0.01); /* the moves change the energy */
      assert_true(de < 1e-11 * fabs(e_all));
      for (size_t q = 0; q < 3 * nm; q++) {
        worst_f = fmax(worst_f, fabs(f_moving[q] - f_all[q]));
        assert_true(fabs(f_moving[q] - f_all[q]) < 1e-11);
      }
    }
    print_message("  %zu of %zu atoms moving: energy differences within %.1e eV, forces %.1e eV/A\n", nm, n,
                  worst_e, worst_f);

    /* the moving plan's products against the whole plan's for v on the moving atoms alone */
    const size_t plan_len = mgg_eam_hessian_plan_size(&s.sys), hwork_len = mgg_eam_hessian_work_size(&s.sys);
    void *plan_all = malloc(plan_len), *plan_moving = malloc(plan_len), *hwork = malloc(hwork_len);
    double *v = calloc(3 * n, sizeof(double)), *hv_all = malloc(3 * n * sizeof(double));
    double *hv_moving = malloc(3 * n * sizeof(double));
    assert_true(plan_all && plan_moving && hwork && v && hv_all && hv_moving);
    for (size_t q = 0; q < 3 * nm; q++) v[q] = uniform(&seed, -1.0, 1.0);
    assert_int_equal(mgg_eam_hessian_plan(eam, &s.sys, hwork, hwork_len, plan_all, plan_len), MGG_OK);
    assert_int_equal(mgg_eam_hessian_plan_moving(eam, &s.sys, nm, rho_fixed, hwork, hwork_len, plan_moving, plan_len),
                     MGG_OK);
    assert_int_equal(mgg_eam_hessian_plan_apply(plan_all, v, hv_all), MGG_OK);
    assert_int_equal(mgg_eam_hessian_plan_apply(plan_moving, v, hv_moving), MGG_OK);
    double scale = 0.0, worst_hv = 0.0;
    for (size_t q = 0; q < 3 * nm; q++) scale = fmax(scale, fabs(hv_all[q]));
    for (size_t q = 0; q < 3 * nm; q++) worst_hv = fmax(worst_hv, fabs(hv_moving[q] - hv_all[q]));
    assert_true(scale > 0.1 && worst_hv < 1e-12 * scale);
    for (size_t q = 3 * nm; q < 3 * n; q++) assert_true(hv_moving[q] == 0.0);
    print_message("  moving plan: H v of the moving atoms within %.1e of the whole plan's (largest %.2f eV/A^2)\n",
                  worst_hv, scale);
    assert_int_equal(mgg_eam_hessian_plan_moving(eam, &s.sys, nm, NULL, hwork, hwork_len, plan_moving, plan_len),
                     MGG_ERR_NULL_ARGUMENT);
    assert_int_equal(mgg_eam_hessian_plan_moving(eam, &s.sys, nm, rho_fixed, hwork, hwork_len, plan_moving, plan_len - 1),
                     MGG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(mgg_eam_hessian_plan_moving(eam, &s.sys, n + 1, rho_fixed, hwork, hwork_len, plan_moving, plan_len),
                     MGG_ERR_BAD_ARGUMENT);
    free(plan_all);
    free(plan_moving);
    free(hwork);
    free(v);
    free(hv_all);
    free(hv_moving);
    assert_int_equal(mgg_eam_fixed_densities(eam, &s.sys, n + 1, rho_fixed), MGG_ERR_BAD_ARGUMENT);
    assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, nm, n + 1, rho_fixed, work, wlen, &e_moving, NULL),
                     MGG_ERR_BAD_ARGUMENT);
    assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, nm, n, rho_fixed, work, wlen - 1, &e_moving, NULL),
                     MGG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(mgg_eam_energy_forces_moving(eam, &s.sys, nm, n, NULL, work, wlen, &e_moving, NULL),
                     MGG_ERR_NULL_ARGUMENT);
    free(rho_fixed);
    free(work);
    free(f_all);
    free(f_moving);
    free_system(&s);
  }
  mgg_eam_free(eam);
}

static void test_periodic_points_energy(void **state)
{
  (void) state;
  mgg_eam *eam = read_cuzr();
  const double cut = mgg_eam_cutoff(eam);
  const int periodic[3] = {1, 1, 1};
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(9.0, 8.0, 8.5, 2.5, -1.5, 1.0, periodic, &cell), MGG_OK);
  const size_t n = 40;
  unsigned seed = 99u;
  double x[3 * 40];
  int type[40];
  for (size_t i = 0; i < n; i++) {
    /* fractional coordinates slightly outside [0, 1) too: atoms need not be wrapped */
    const double sx = uniform(&seed, -0.1, 1.1), sy = uniform(&seed, 0, 1), sz = uniform(&seed, 0, 1);
    for (int r = 0; r < 3; r++) x[3 * i + r] = cell.h[r][0] * sx + cell.h[r][1] * sy + cell.h[r][2] * sz;
    type[i] = (int) (i % 3 == 0);
  }
  double energy[2][40];
  for (int method = 0; method < 2; method++) {
    size_t np = 0;
    double *pts;
    int *owner;
    if (method == 0) {
      assert_int_equal(mgg_neighbours_periodic_points(&cell, n, x, cut, 0, NULL, NULL, &np), MGG_ERR_BUFFER_TOO_SMALL);
      pts = malloc(3 * np * sizeof(double));
      owner = malloc(np * sizeof(int));
      assert_true(pts && owner);
      size_t np2 = 0;
      assert_int_equal(mgg_neighbours_periodic_points(&cell, n, x, cut, np, pts, owner, &np2), MGG_OK);
      assert_true(np2 == np);
      for (size_t i = 0; i < n; i++) assert_int_equal(owner[i], (int) i);
    } else {
      np = 125 * n;
      pts = malloc(3 * np * sizeof(double));
      owner = malloc(np * sizeof(int));
      assert_true(pts && owner);
      size_t p = 0;
      for (int s = 0; s < 125; s++) {
        const int k = (s + 62) % 125; /* k = 62 is the zero shift: atoms first */
        const int sh[3] = {k % 5 - 2, (k / 5) % 5 - 2, k / 25 - 2};
        for (size_t i = 0; i < n; i++, p++) {
          for (int r = 0; r < 3; r++)
            pts[3 * p + r] = x[3 * i + r] + cell.h[r][0] * sh[0] + cell.h[r][1] * sh[1] + cell.h[r][2] * sh[2];
          owner[p] = (int) i;
        }
      }
    }
    int *ptype = malloc(np * sizeof(int)), centre[40];
    assert_non_null(ptype);
    for (size_t p = 0; p < np; p++) ptype[p] = type[owner[p]];
    for (size_t i = 0; i < n; i++) centre[i] = (int) i;
    const size_t wb = mgg_neighbours_find_within_work_size(np, pts, n, centre, cut);
    void *ws = malloc(wb);
    size_t start[41], found = 0;
    int *index = malloc(400 * n * sizeof(int));
    assert_true(ws && index);
    assert_int_equal(mgg_neighbours_find_within(np, pts, n, centre, cut, ws, wb, start, index, 400 * n, &found), MGG_OK);
    mgg_neighbours nb = {n, centre, start, index};
    mgg_eam_system sys = {np, pts, ptype, owner, &nb};
    double work[80];
    assert_int_equal(mgg_eam_energy_forces(eam, &sys, work, sizeof work, energy[method], NULL), MGG_OK);
    free(pts);
    free(owner);
    free(ptype);
    free(ws);
    free(index);
  }
  for (size_t i = 0; i < n; i++) assert_true(fabs(energy[0][i] - energy[1][i]) < 1e-11 * fabs(energy[1][i]));
  double dummy;
  int downer;
  size_t dn;
  assert_int_equal(mgg_neighbours_periodic_points(&cell, n, x, -1.0, 1, &dummy, &downer, &dn), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_neighbours_periodic_points(NULL, n, x, 1.0, 1, &dummy, &downer, &dn), MGG_ERR_NULL_ARGUMENT);
  mgg_eam_free(eam);
}

int main(int argc, char **argv)
{
  snprintf(cuzr_path, sizeof cuzr_path, "%s/CuZr_mm.eam.fs", argc > 1 ? argv[1] : "potentials");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cluster_derivatives),
      cmocka_unit_test(test_periodic_derivatives),
      cmocka_unit_test(test_pattern_reuse),
      cmocka_unit_test(test_hessian_vector),
      cmocka_unit_test(test_funcfl_mixing),
      cmocka_unit_test(test_file_errors),
      cmocka_unit_test(test_argument_errors),
      cmocka_unit_test(test_from_tables),
      cmocka_unit_test(test_periodic_points_energy),
      cmocka_unit_test(test_moving_atoms),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
