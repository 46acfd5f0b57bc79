/* Per-atom two-body excess entropy S2: definitions and the quadrature in mgg_s2.h.
 *
 * Cost: each pair adds its Gaussian only on the grid points within MGG_S2_KERNEL_SIGMAS widths
 * of r_ij (about 2 * 5 sigma / dr points, by a two-multiplication recurrence for the fixed
 * width), then one pass over the grid evaluates the integrand; the work space holds the grid
 * tables and one g(r) per type, independent of the number of candidates. */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>

#define PI 3.14159265358979323846

/* work layout, (n + 1) doubles each: r_k; trapezoid weight times 4 pi r_k^2; the factor turning
 * the kernel sum into rho_nu g; 1 / (2 w_k^2); (K w_k)^2; then one kernel sum per type */
enum { TABLE_R, TABLE_WEIGHT, TABLE_NORM, TABLE_INV2W2, TABLE_REACH2, N_TABLES };

static int growing(const mgg_s2_params *p) { return p->smoothing == MGG_S2_GROWING_WIDTH; }

static double width(const mgg_s2_params *p, double r)
{
  const double y = r - p->growth_start;
  return growing(p) && y > 0.0 ? p->sigma + p->growth * y * y : p->sigma;
}

/* u(r) = Integral_0^r sigma / w: the coordinate in which the grid is uniform */
static double to_u(const mgg_s2_params *p, double r)
{
  const double y = r - p->growth_start;
  if (!growing(p) || p->growth == 0.0 || y <= 0.0) return r;
  const double s = sqrt(p->sigma / p->growth);
  return p->growth_start + s * atan(y / s);
}

static double from_u(const mgg_s2_params *p, double u)
{
  const double v = u - p->growth_start;
  if (!growing(p) || p->growth == 0.0 || v <= 0.0) return u;
  const double s = sqrt(p->sigma / p->growth);
  return p->growth_start + s * tan(v / s);
}

static int params_valid(const mgg_s2_params *p)
{
  if (!(p->cutoff > 0.0 && p->cutoff < INFINITY && p->sigma > 0.0 && p->sigma < INFINITY &&
        p->dr > 0.0 && p->n_types >= 1))
    return 0;
  if (p->smoothing != MGG_S2_FIXED_WIDTH && p->smoothing != MGG_S2_GROWING_WIDTH) return 0;
  if (growing(p) && !(p->growth >= 0.0 && p->growth < INFINITY && p->growth_start >= 0.0 &&
                      p->growth_start < INFINITY))
    return 0;
  for (int t = 0; t < p->n_types; t++)
    if (!(p->density[t] >= 0.0 && p->density[t] < INFINITY)) return 0;
  return 1;
}

/* number of grid steps; 0 when the tables would not fit in a size_t of bytes */
static size_t grid_steps(const mgg_s2_params *p)
{
  const double steps = floor(to_u(p, p->cutoff) / p->dr + 0.5);
  const double limit = (double) (SIZE_MAX / sizeof(double)) / (p->n_types + N_TABLES) - 1.0;
  if (!(steps < limit)) return 0;
  return steps < 1.0 ? 1 : (size_t) steps;
}

size_t mgg_s2_compute_work_size(const mgg_s2_params *params)
{
  if (!params || !params->density || !params_valid(params)) return 0;
  const size_t n = grid_steps(params);
  return n ? ((size_t) params->n_types + N_TABLES) * (n + 1) * sizeof(double) : 0;
}

double mgg_s2_search_radius(const mgg_s2_params *params)
{
  if (!params || !params->density || !params_valid(params)) return 0.0;
  return params->cutoff + MGG_S2_KERNEL_SIGMAS * width(params, params->cutoff);
}

/* ideal-gas value of the kernel sum at r divided by 4 pi rho (see mgg_s2.h) */
static double ideal_norm(const mgg_s2_params *p, double r, double w)
{
  if (!growing(p)) return r * r;
  const double a = r / w;
  return (r * r + w * w) * 0.5 * erfc(-a / sqrt(2.0)) + r * w * exp(-0.5 * a * a) / sqrt(2.0 * PI);
}

static void fill_tables(const mgg_s2_params *p, size_t n, double *t)
{
  const double du = to_u(p, p->cutoff) / n;
  double *r = t + TABLE_R * (n + 1), *weight = t + TABLE_WEIGHT * (n + 1);
  double *norm = t + TABLE_NORM * (n + 1), *inv2w2 = t + TABLE_INV2W2 * (n + 1);
  double *reach2 = t + TABLE_REACH2 * (n + 1);
  for (size_t k = 0; k <= n; k++) {
    /* the last point exactly at rc, whatever tan(atan()) rounds to */
    r[k] = k == n ? p->cutoff : from_u(p, k * du);
    const double w = width(p, r[k]);
    /* dr/du = w / sigma turns the uniform u steps into r */
    weight[k] = (k == 0 || k == n ? 0.5 : 1.0) * du * (w / p->sigma) * 4.0 * PI * r[k] * r[k];
    /* k = 0 has weight 0 and is skipped: g is undefined there for the fixed width */
    norm[k] = k == 0 ? 0.0 : 1.0 / (sqrt(2.0 * PI) * w * 4.0 * PI * ideal_norm(p, r[k], w));
    inv2w2[k] = 0.5 / (w * w);
    reach2[k] = MGG_S2_KERNEL_SIGMAS * MGG_S2_KERNEL_SIGMAS * w * w;
  }
}

/* first grid index >= 1 at or above u, clamped to n + 1 (empty) */
static size_t index_at_or_above(double u, double du, size_t n)
{
  const double k = ceil(u / du);
  return k < 1.0 ? 1 : k > (double) n ? n + 1 : (size_t) k;
}

/* Fixed width: the kernel on the uniform grid k h by exp(-(t + h)^2 / 2s^2) =
 * exp(-t^2 / 2s^2) q, q = exp(-(2 t h + h^2) / 2s^2), and q grows by c = exp(-h^2 / s^2) per step.
 * The products of one chain depend on each other, so the loop runs CHAINS interleaved chains
 * (points k, k + CHAINS, ...: ratio q^CHAINS c^(CHAINS (CHAINS - 1) / 2), growing by
 * c^(CHAINS^2) per turn), which the processor overlaps: 25-30% less time for the whole S2
 * of the glass at rc 11.2. */
#define CHAINS 4
static void add_fixed(const mgg_s2_params *p, size_t n, double h, double rij, double *acc)
{
  const double reach = MGG_S2_KERNEL_SIGMAS * p->sigma;
  if (rij - reach > p->cutoff) return;
  const size_t k0 = index_at_or_above(rij - reach, h, n);
  const double top = floor((rij + reach) / h);
  const size_t k1 = top > (double) n ? n : (size_t) top;
  if (k0 > k1) return;
  const double s2 = p->sigma * p->sigma, t = k0 * h - rij;
  double e = exp(-0.5 * t * t / s2), q = exp(-(2.0 * t * h + h * h) / (2.0 * s2));
  const double c = exp(-h * h / s2);
  /* the first CHAINS points and their ratios by the single chain */
  double ec[CHAINS], qc[CHAINS];
  size_t k = k0;
  for (int j = 0; j < CHAINS; j++) {
    ec[j] = e;
    const double q2 = q * q;
    qc[j] = q2 * q2; /* q^CHAINS */
    e *= q;
    q *= c;
  }
  const double c2 = c * c, c4 = c2 * c2, c6 = c4 * c2, c8 = c4 * c4, c16 = c8 * c8;
  for (int j = 0; j < CHAINS; j++) qc[j] *= c6; /* c^(CHAINS (CHAINS - 1) / 2) */
  for (; k + CHAINS - 1 <= k1; k += CHAINS)
    for (int j = 0; j < CHAINS; j++) {
      acc[k + j] += ec[j];
      ec[j] *= qc[j];
      qc[j] *= c16; /* c^(CHAINS^2) */
    }
  for (int j = 0; k <= k1; k++, j++) acc[k] += ec[j];
}

/* kernel at the points k0 .. k1 that it reaches (|r_k - rij| <= K w_k, the exact cut) */
static size_t add_range(const double *t, size_t n, size_t k0, size_t k1, double rij, double *acc)
{
  const double *r = t + TABLE_R * (n + 1), *inv2w2 = t + TABLE_INV2W2 * (n + 1);
  const double *reach2 = t + TABLE_REACH2 * (n + 1);
  for (size_t k = k0; k <= k1 && k <= n; k++) {
    const double d = r[k] - rij, d2 = d * d;
    if (d2 <= reach2[k]) acc[k] += exp(-d2 * inv2w2[k]);
  }
  return k1;
}

/* Growing width w = sigma + a y^2, y = r - r0 > 0, cut at K widths.  From below (r < rij), r is
 * reached when rij - r <= K w(r): r >= rij - K sigma up to r0, beyond r0 when
 * K a y^2 + y + K sigma - (rij - r0) >= 0.  From above (r > rij), when r - rij <= K w(r):
 * r <= rij + K sigma up to r0, beyond r0 when K a y^2 - y + c >= 0, c = K sigma + rij - r0,
 * i.e. y <= y1 or y >= y2 (all y when the discriminant is negative: the width there grows
 * faster than the distance; for c < 0 only y >= y2).  Grid ranges are widened by one point
 * each way for rounding; add_range() applies the exact test. */
static void add_growing(const mgg_s2_params *p, const double *t, size_t n, double du, double rij,
                        double *acc)
{
  const double ks = MGG_S2_KERNEL_SIGMAS * p->sigma, ka = MGG_S2_KERNEL_SIGMAS * p->growth;
  const double r0 = p->growth_start, b = rij - r0 - ks, c = ks + rij - r0;
  /* the roots in the forms free of cancellation, valid for a = 0 as well */
  const double r_lo = b <= 0.0 ? (rij > ks ? rij - ks : 0.0)
                               : r0 + 2.0 * b / (1.0 + sqrt(1.0 + 4.0 * ka * b));
  if (r_lo > p->cutoff) return;
  const double disc = 1.0 - 4.0 * ka * c;
  const size_t k0 = index_at_or_above(to_u(p, r_lo), du, n);
  const size_t first = k0 > 1 ? k0 - 1 : 1;
  if (disc <= 0.0) {
    add_range(t, n, first, n, rij, acc);
    return;
  }
  const double sq = sqrt(disc), r1 = c < 0.0 ? rij + ks : r0 + 2.0 * c / (1.0 + sq);
  const size_t last = r1 >= p->cutoff ? n : index_at_or_above(to_u(p, r1), du, n) + 1;
  const size_t done = add_range(t, n, first, last, rij, acc);
  if (ka > 0.0 && done < n) {
    const double r2 = r0 + (1.0 + sq) / (2.0 * ka);
    if (r2 <= p->cutoff) {
      const size_t k2 = index_at_or_above(to_u(p, r2), du, n);
      add_range(t, n, k2 > done + 1 ? k2 - 1 : done + 1, n, rij, acc);
    }
  }
}

static mgg_status check_arguments(const mgg_s2_params *p, size_t n_points, const double *x,
                                  const int *type, const mgg_neighbours *nb, const double *s2)
{
  if (!p || !p->density || !nb) return MGG_ERR_NULL_ARGUMENT;
  if (!params_valid(p)) return MGG_ERR_BAD_ARGUMENT;
  if (nb->n_centres == 0) return MGG_OK;
  if (!nb->centre || !nb->start || !nb->index || !x || !type || !s2) return MGG_ERR_NULL_ARGUMENT;
  for (size_t k = 0; k < nb->n_centres; k++) {
    if (nb->centre[k] < 0 || (size_t) nb->centre[k] >= n_points) return MGG_ERR_BAD_INDEX;
    if (nb->start[k + 1] < nb->start[k]) return MGG_ERR_BAD_ARGUMENT;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      if (j < 0 || (size_t) j >= n_points) return MGG_ERR_BAD_INDEX;
      /* a type of density 0 has no g: its points cannot be neighbours */
      if (type[j] < 0 || type[j] >= p->n_types || !(p->density[type[j]] > 0.0))
        return MGG_ERR_BAD_ARGUMENT;
    }
  }
  return MGG_OK;
}

mgg_status mgg_s2_compute(const mgg_s2_params *params, size_t n_points, const double *x,
                          const int *type, const mgg_neighbours *candidates, void *work,
                          size_t work_len, double *s2)
{
  const mgg_status st = check_arguments(params, n_points, x, type, candidates, s2);
  if (st != MGG_OK) return st;
  const size_t need = mgg_s2_compute_work_size(params);
  if (need == 0) return MGG_ERR_BAD_ARGUMENT; /* grid too large for memory */
  if (!work) return MGG_ERR_NULL_ARGUMENT;
  if (work_len < need) return MGG_ERR_BUFFER_TOO_SMALL;

  const size_t n = grid_steps(params), m = n + 1;
  const double du = to_u(params, params->cutoff) / n;
  double *t = work, *acc = t + N_TABLES * m;
  fill_tables(params, n, t);
  const double *weight = t + TABLE_WEIGHT * m, *norm = t + TABLE_NORM * m;
  const double *rho = params->density;
  const int fixed = !growing(params);

  for (size_t k = 0; k < candidates->n_centres; k++) {
    const int i = candidates->centre[k];
    const double *xi = x + 3 * (size_t) i;
    for (size_t q = 0; q < (size_t) params->n_types * m; q++) acc[q] = 0.0;
    for (size_t c = candidates->start[k]; c < candidates->start[k + 1]; c++) {
      const int j = candidates->index[c];
      const double *xj = x + 3 * (size_t) j;
      const double dx = xj[0] - xi[0], dy = xj[1] - xi[1], dz = xj[2] - xi[2];
      const double rij = sqrt(dx * dx + dy * dy + dz * dz);
      double *g = acc + (size_t) type[j] * m;
      if (fixed) add_fixed(params, n, du, rij, g);
      else add_growing(params, t, n, du, rij, g);
    }
    double sum = 0.0;
    for (int nu = 0; nu < params->n_types; nu++) {
      if (!(rho[nu] > 0.0)) continue;
      const double *g = acc + (size_t) nu * m;
      double part = 0.0;
      for (size_t q = 1; q <= n; q++) {
        const double gq = g[q] * norm[q] / rho[nu];
        part += weight[q] * (gq > 0.0 ? gq * log(gq) - gq + 1.0 : 1.0);
      }
      sum += rho[nu] * part;
    }
    s2[k] = -0.5 * sum;
  }
  return MGG_OK;
}

mgg_status mgg_s2_average(const mgg_neighbours *candidates, size_t n_points, const double *x,
                          const double *value, const int *member, double radius,
                          double *average)
{
  if (!candidates) return MGG_ERR_NULL_ARGUMENT;
  if (!(radius > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  const mgg_neighbours *nb = candidates;
  if (nb->n_centres == 0) return MGG_OK;
  if (!nb->centre || !nb->start || !x || !value || !average) return MGG_ERR_NULL_ARGUMENT;
  if (nb->start[nb->n_centres] > nb->start[0] && !nb->index) return MGG_ERR_NULL_ARGUMENT;
  const double r2max = radius * radius;
  for (size_t k = 0; k < nb->n_centres; k++) {
    const int i = nb->centre[k];
    if (i < 0 || (size_t) i >= n_points) return MGG_ERR_BAD_INDEX;
    if (nb->start[k + 1] < nb->start[k]) return MGG_ERR_BAD_ARGUMENT;
    const double *xi = x + 3 * (size_t) i;
    double sum = value[i], count = 1.0;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      if (j < 0 || (size_t) j >= n_points) return MGG_ERR_BAD_INDEX;
      if (j == i || (member && !member[j])) continue;
      const double *xj = x + 3 * (size_t) j;
      const double dx = xj[0] - xi[0], dy = xj[1] - xi[1], dz = xj[2] - xi[2];
      if (!(dx * dx + dy * dy + dz * dz < r2max)) continue;
      sum += value[j];
      count += 1.0;
    }
    average[k] = sum / count;
  }
  return MGG_OK;
}
