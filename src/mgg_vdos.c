/* Vibrational density of states of a large system without its modes: the kernel polynomial
 * method (Weisse, Wellein, Alvermann and Fehske, Rev. Mod. Phys. 78, 275 (2006)) on the sparse
 * mass-weighted dynamical matrix, Chebyshev moments by a stochastic trace, Jackson kernel. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* LAPACK: eigenvalues of a symmetric tridiagonal matrix (the Lanczos bounds) */
extern void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz,
                   double *work, int *info, size_t jobz_len);

/* Lanczos steps of the spectral bounds: the extreme Ritz values of 40 steps lie within a few
 * per cent of the spectrum's ends for dynamical matrices of glasses and crystals */
#define PI 3.14159265358979323846
#define LANCZOS_STEPS 40
/* the interval is widened by this fraction of its width on each side */
#define MARGIN 0.01
/* a Chebyshev vector whose squared norm exceeds the start's by this factor has left [-1, 1]:
 * the Lanczos bounds missed part of the spectrum, the rigorous Gershgorin bounds are used */
#define GROWTH 1.0001

static double seconds_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Rademacher value (+1 or -1) of entry r of vector v: a hash of (seed, r, v), so that the vectors
 * are the same on every run and whatever the caller's decomposition */
static double rademacher(uint64_t seed, size_t r, int v)
{
  uint64_t z = seed * 0xD1B54A32D192ED03u + (uint64_t) r * 0x9E3779B97F4A7C15u +
               (uint64_t) (v + 1) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  z ^= z >> 31;
  return (z >> 63) ? 1.0 : -1.0;
}

typedef struct {
  const mgg_modes_block_csr *h;
  const double *inv_sqrt_mass; /* [n_atoms] */
  const double *t;             /* mass-weighted translations, 3 x (3 n_atoms) */
  size_t n;                    /* 3 n_atoms */
  int nv;                      /* vectors, interleaved: entry r of vector v at [r nv + v] */
  double *u;                   /* n nv scratch */
  int products;
} operator_t;

/* x <- P x for nv interleaved vectors, P the projector orthogonal to the translations */
static void project(const operator_t *op, double *x)
{
  const int nv = op->nv;
  for (int c = 0; c < 3; c++)
    for (int v = 0; v < nv; v++) {
      double dot = 0.0;
      for (size_t r = (size_t) c; r < op->n; r += 3) dot += op->t[c * op->n + r] * x[r * nv + v];
      for (size_t r = (size_t) c; r < op->n; r += 3) x[r * nv + v] -= dot * op->t[c * op->n + r];
    }
}

/* y = P D x for nv interleaved vectors in the range of P; D = M^-1/2 H M^-1/2 */
static void apply(operator_t *op, const double *x, double *y)
{
  const mgg_modes_block_csr *h = op->h;
  const int nv = op->nv;
  const size_t na = h->n_atoms;
  for (size_t i = 0; i < na; i++)
    for (int a = 0; a < 3; a++)
      for (int v = 0; v < nv; v++)
        op->u[(3 * i + a) * nv + v] = op->inv_sqrt_mass[i] * x[(3 * i + a) * nv + v];
  for (size_t i = 0; i < na; i++) {
    double *yi = y + 3 * i * nv;
    memset(yi, 0, 3 * (size_t) nv * sizeof(double));
    for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
      const double *hb = h->values + 9 * b, *uj = op->u + 3 * (size_t) h->col[b] * nv;
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
          const double hv = hb[3 * r + c];
          for (int v = 0; v < nv; v++) yi[r * nv + v] += hv * uj[c * nv + v];
        }
    }
    for (int k = 0; k < 3 * nv; k++) yi[k] *= op->inv_sqrt_mass[i];
  }
  project(op, y);
  op->products++;
}

size_t mgg_vdos_kpm_moments_work_size(size_t n_atoms, int n_moments, int n_vectors)
{
  if (n_atoms < 2 || n_moments < 2 || n_vectors < 1) return 0;
  const size_t n = 3 * n_atoms, nv = (size_t) n_vectors;
  const size_t lanczos =
      n * (LANCZOS_STEPS + 2) + 6 * (LANCZOS_STEPS + 1) + LANCZOS_STEPS * LANCZOS_STEPS;
  const size_t chebyshev = 4 * n * nv;
  /* masses, translations, then the larger of the two phases */
  return (n_atoms + 3 * n + (lanczos > chebyshev ? lanczos : chebyshev)) * sizeof(double);
}

/* Extreme Ritz values of LANCZOS_STEPS steps (full reorthogonalisation) from a projected start
 * vector, and the residual norm of the top Ritz pair (an eigenvalue lies within it). */
static void lanczos_bounds(operator_t *op, uint64_t seed, double *basis, double *scratch,
                           double *theta_min, double *theta_max, double *residual, int *steps)
{
  const size_t n = op->n;
  double *alpha = scratch, *beta = alpha + LANCZOS_STEPS + 1, *d = beta + LANCZOS_STEPS + 1,
         *e = d + LANCZOS_STEPS + 1, *work = e + LANCZOS_STEPS + 1,
         *z = work + 2 * LANCZOS_STEPS + 2;
  double *q = basis;
  for (size_t r = 0; r < n; r++) q[r] = rademacher(seed ^ 0x5A5A5A5Au, r, 0);
  project(op, q);
  double norm = 0.0;
  for (size_t r = 0; r < n; r++) norm += q[r] * q[r];
  norm = sqrt(norm);
  for (size_t r = 0; r < n; r++) q[r] /= norm;
  int k = 0;
  double b = 0.0;
  for (; k < LANCZOS_STEPS && k < (int) n - 3; k++) {
    double *qk = basis + (size_t) k * n, *w = basis + (size_t) (k + 1) * n;
    apply(op, qk, w);
    double a = 0.0;
    for (size_t r = 0; r < n; r++) a += qk[r] * w[r];
    alpha[k] = a;
    /* full reorthogonalisation (twice) against the basis */
    for (int pass = 0; pass < 2; pass++)
      for (int j = 0; j <= k; j++) {
        const double *qj = basis + (size_t) j * n;
        double dot = 0.0;
        for (size_t r = 0; r < n; r++) dot += qj[r] * w[r];
        for (size_t r = 0; r < n; r++) w[r] -= dot * qj[r];
      }
    b = 0.0;
    for (size_t r = 0; r < n; r++) b += w[r] * w[r];
    b = sqrt(b);
    beta[k] = b;
    if (!(b > 1e-300)) {
      k++;
      break;
    }
    for (size_t r = 0; r < n; r++) w[r] /= b;
  }
  for (int j = 0; j < k; j++) d[j] = alpha[j];
  for (int j = 0; j + 1 < k; j++) e[j] = beta[j];
  int info = 0;
  dstev_("V", &k, d, e, z, &k, work, &info, 1);
  if (info != 0) { /* no Ritz values: the Gershgorin fallback decides */
    *theta_min = *theta_max = *residual = 0.0;
    *steps = k;
    return;
  }
  *theta_min = d[0];
  *theta_max = d[k - 1];
  /* |D x - theta x| of the top Ritz pair: beta times the last entry of its eigenvector */
  *residual = fabs(b * z[(size_t) k * (size_t) k - 1]);
  *steps = k;
}

/* Gershgorin interval of D */
static void gershgorin_bounds(const mgg_modes_block_csr *h, const double *inv_sqrt_mass,
                              double *lower, double *upper)
{
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < h->n_atoms; i++)
    for (int r = 0; r < 3; r++) {
      double centre = 0.0, radius = 0.0;
      for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
        const size_t j = (size_t) h->col[b];
        const double s = inv_sqrt_mass[i] * inv_sqrt_mass[j];
        for (int c = 0; c < 3; c++) {
          const double v = s * h->values[9 * b + 3 * r + c];
          if (j == i && c == r) centre += v;
          else radius += fabs(v);
        }
      }
      lo = fmin(lo, centre - radius);
      hi = fmax(hi, centre + radius);
    }
  *lower = lo;
  *upper = hi;
}

/* Stochastic Chebyshev moments on [lower, upper]; 0 when a vector grew (the interval misses part
 * of the spectrum). */
static int chebyshev_moments(operator_t *op, uint64_t seed, int n_moments, double lower,
                             double upper, double *work, double *moments)
{
  const size_t n = op->n, nv = (size_t) op->nv, len = n * nv;
  const double centre = 0.5 * (upper + lower), half = 0.5 * (upper - lower);
  double *prev = work, *cur = prev + len, *next = cur + len;
  for (size_t r = 0; r < n; r++)
    for (size_t v = 0; v < nv; v++) prev[r * nv + v] = rademacher(seed, r, (int) v);
  project(op, prev);
  double mu0 = 0.0;
  for (size_t k = 0; k < len; k++) mu0 += prev[k] * prev[k];
  /* r_1 = A r_0, A = (P D P - centre) / half */
  apply(op, prev, cur);
  for (size_t k = 0; k < len; k++) cur[k] = (cur[k] - centre * prev[k]) / half;
  double mu1 = 0.0;
  for (size_t k = 0; k < len; k++) mu1 += cur[k] * prev[k];
  moments[0] = 1.0;
  moments[1] = mu1 / mu0;
  /* mu_2m = 2 <r_m, r_m> - mu_0, mu_2m+1 = 2 <r_m+1, r_m> - mu_1 */
  for (int m = 1; 2 * m < n_moments; m++) {
    double nn = 0.0;
    for (size_t k = 0; k < len; k++) nn += cur[k] * cur[k];
    if (nn > GROWTH * mu0) return 0;
    moments[2 * m] = (2.0 * nn - mu0) / mu0;
    if (2 * m + 1 >= n_moments) break;
    apply(op, cur, next);
    double nc = 0.0;
    for (size_t k = 0; k < len; k++) {
      next[k] = 2.0 * (next[k] - centre * cur[k]) / half - prev[k];
      nc += next[k] * cur[k];
    }
    moments[2 * m + 1] = (2.0 * nc - mu1) / mu0;
    double *t = prev;
    prev = cur;
    cur = next;
    next = t;
  }
  return 1;
}

mgg_status mgg_vdos_kpm_moments(const mgg_modes_block_csr *h, const double *mass, int n_moments,
                                int n_vectors, unsigned long long seed, void *work,
                                size_t work_len, double *moments, mgg_vdos_kpm_info *info)
{
  if (!h || !mass || !work || !moments ||
      (h->n_atoms && (!h->row_start || !h->col || !h->values)))
    return MGG_ERR_NULL_ARGUMENT;
  const size_t na = h->n_atoms, n = 3 * na;
  const size_t need = mgg_vdos_kpm_moments_work_size(na, n_moments, n_vectors);
  if (!need) return MGG_ERR_BAD_ARGUMENT;
  if (work_len < need) return MGG_ERR_BUFFER_TOO_SMALL;
  for (size_t i = 0; i < na; i++)
    if (!(mass[i] > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t b = 0; b < h->row_start[na]; b++)
    if (h->col[b] < 0 || (size_t) h->col[b] >= na) return MGG_ERR_BAD_INDEX;
  const double start = seconds_now();

  double *inv_sqrt_mass = work, *t = inv_sqrt_mass + na, *rest = t + 3 * n;
  double total_mass = 0.0;
  for (size_t i = 0; i < na; i++) {
    inv_sqrt_mass[i] = 1.0 / sqrt(mass[i]);
    total_mass += mass[i];
  }
  memset(t, 0, 3 * n * sizeof(double));
  for (size_t i = 0; i < na; i++)
    for (int c = 0; c < 3; c++) t[c * n + 3 * i + c] = sqrt(mass[i] / total_mass);

  operator_t op = {h, inv_sqrt_mass, t, n, 1, rest + n * (LANCZOS_STEPS + 1), 0};
  double theta_min = 0.0, theta_max = 0.0, residual = 0.0;
  int steps = 0;
  lanczos_bounds(&op, seed, rest, rest + n * (LANCZOS_STEPS + 2), &theta_min, &theta_max,
                 &residual, &steps);
  /* the lowest Ritz value lies above the lowest eigenvalue: 0 (a stable structure) or below */
  double lower = fmin(0.0, theta_min), upper = theta_max + residual;
  const double width = upper - lower;
  lower -= MARGIN * width;
  upper += MARGIN * width;

  op.nv = n_vectors;
  op.u = rest + 3 * n * (size_t) n_vectors;
  int gershgorin = 0;
  if (!chebyshev_moments(&op, seed, n_moments, lower, upper, rest, moments)) {
    gershgorin = 1;
    gershgorin_bounds(h, inv_sqrt_mass, &lower, &upper);
    if (!chebyshev_moments(&op, seed, n_moments, lower, upper, rest, moments))
      return MGG_ERR_NOT_CONVERGED;
  }
  if (info) {
    info->lower = lower;
    info->upper = upper;
    info->lanczos_steps = steps;
    info->gershgorin = gershgorin;
    info->products = op.products;
    info->seconds = seconds_now() - start;
  }
  return MGG_OK;
}

/* Jackson kernel factor g_k of M moments */
static double jackson(int k, int m)
{
  const double q = PI / (m + 1);
  return ((m - k + 1) * cos(q * k) + sin(q * k) / tan(q)) / (m + 1);
}

/* Integral from -1 to x of the kernel-smoothed density of the moments */
static double cumulative(int m, const double *moments, double x)
{
  if (x <= -1.0) return 0.0;
  if (x >= 1.0) return moments[0];
  const double theta = acos(x), c = cos(theta);
  double s_prev = 0.0, s = sin(theta); /* sin(k theta) by the Chebyshev recurrence */
  double sum = jackson(0, m) * moments[0] * (PI - theta);
  for (int k = 1; k < m; k++) {
    sum -= 2.0 * jackson(k, m) * moments[k] * s / k;
    const double s_next = 2.0 * c * s - s_prev;
    s_prev = s;
    s = s_next;
  }
  return sum / PI;
}

mgg_status mgg_vdos_kpm_histogram(int n_moments, const double *moments, double lower, double upper,
                                  double bin_width, size_t n_bins, double *dos, double *below,
                                  double *above)
{
  if (!moments || !dos || !below || !above) return MGG_ERR_NULL_ARGUMENT;
  if (n_moments < 2 || !(upper > lower) || !(bin_width > 0.0) || n_bins < 1)
    return MGG_ERR_BAD_ARGUMENT;
  const double centre = 0.5 * (upper + lower), half = 0.5 * (upper - lower);
  const double unit = MGG_MODES_MEV_PER_UNIT;
  /* eigenvalue lambda = (E / unit)^2 of energy E >= 0 */
  double f_lo = cumulative(n_moments, moments, (0.0 - centre) / half);
  *below = f_lo;
  for (size_t b = 0; b < n_bins; b++) {
    const double e = (double) (b + 1) * bin_width / unit;
    const double f_hi = cumulative(n_moments, moments, (e * e - centre) / half);
    dos[b] = (f_hi - f_lo) / bin_width;
    f_lo = f_hi;
  }
  *above = moments[0] - f_lo;
  return MGG_OK;
}

double mgg_vdos_kpm_resolution(int n_moments, double lower, double upper, double energy)
{
  const double unit = MGG_MODES_MEV_PER_UNIT;
  const double sigma_lambda = 0.5 * (upper - lower) * PI / (n_moments + 1);
  /* E = unit sqrt(lambda): dE = unit^2 dlambda / (2 E), and sqrt of the width near E = 0 */
  const double at_zero = unit * sqrt(sigma_lambda);
  return energy > at_zero ? unit * unit * sigma_lambda / (2.0 * energy) : at_zero;
}
