/* mgglass core: the per-atom two-body excess entropy S2 and its neighbour average. */
#ifndef MGG_S2_H
#define MGG_S2_H

#include <stddef.h>

#include "mgg_neighbours.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Per-atom two-body excess entropy S2 (Wei et al., PRB 99, 014115 (2019), Eq. 3).
 *  Metal units: lengths in A, densities in atoms / A^3.
 *
 * For centre i and each type nu, the smoothed local partial pair distribution
 *   g_i^nu(r) = sum_{j of type nu} exp(-(r - r_ij)^2 / (2 w(r)^2)) / (sqrt(2 pi) w(r))
 *               / (4 pi rho_nu n(r))
 * and
 *   S2_i = -1/2 sum_nu rho_nu Integral_0^rc [g ln g - g + 1] 4 pi r^2 dr   (g ln g = 0 at g = 0).
 *
 * MGG_S2_FIXED_WIDTH: w(r) = sigma and n(r) = r^2 (the definition of the paper and of LAMMPS
 *   `compute entropy/atom`).  With a fixed width the per-atom g(r) stays spiky at long range: its
 *   Poisson-like noise adds about -n_types / (8 sqrt(pi) sigma) to S2 per A of cutoff, so S2
 *   does not converge in rc.
 * MGG_S2_GROWING_WIDTH: w(r) = sigma up to r0 = growth_start, sigma + growth (r - r0)^2 beyond:
 *   a kernel width that depends on the distance r where g is evaluated, so that the noise
 *   term, at most ~ -n_types / (8 sqrt(pi) w(r)) per A (less in a glass, whose long-range
 *   density fluctuations are below Poisson), is integrable; a linear growth would leave a
 *   logarithmic divergence.  n(r) = (r^2 + w^2) Phi(r/w) + r w phi(r/w) (Phi, phi: standard
 *   normal CDF and density) is the exact ideal-gas value of the kernel sum / (4 pi rho), so
 *   an uncorrelated environment has mean g = 1 at every r however wide w is (with n = r^2
 *   the bias, w^2 / r^2, would grow with r).  growth = 0 differs from the fixed width only in n(r).
 *
 * The Gaussian of a pair is cut where |r - r_ij| > MGG_S2_KERNEL_SIGMAS w(r) (weight
 * beyond: 2e-9 of the pair's; a cut at 5 widths shifted S2 by 3e-6 relative on the glass), so
 * only the points within mgg_s2_search_radius() of a centre contribute.
 *
 * Quadrature: the trapezoid rule in u(r) = Integral_0^r sigma / w(r') dr' (u = r for the fixed
 * width; u = r0 + s atan((r - r0) / s), s = sqrt(sigma / growth), beyond r0 for the growing
 * one) on n equal steps, n = u(rc) / dr rounded to the nearest integer (at least 1), so
 * that the last point is exactly rc.  The step in r is then dr w(r) / sigma: dr at r = 0,
 * and as many grid points per kernel width at every r, which keeps the cost per pair of the
 * growing width that of the fixed one.  The integrand is 0 at r = 0. */

/* kernel cut-off in widths (see above) */
#define MGG_S2_KERNEL_SIGMAS 6.0

/* Defaults of MGG_S2_GROWING_WIDTH for sigma = 0.2 A on CuZr.  Measured on the 2,000-atom
 * Cu50Zr50 glass shipped with the package (Mendelev et al. 2007 potential, dr 0.02 A), mean S2
 * at rc = 3.9, 6.4, 8.8, 11.2, 14 A:
 *   fixed width           -4.43 -6.80 -8.35 -9.70 -11.19  (no convergence)
 *   growth 0.01, r0 3.9   -4.41 -6.54 -7.33 -7.58  -7.67
 *   growth 0.03, r0 3.9   -4.41 -6.24 -6.52 -6.57  -6.58  (the default; -6.586 at 16 A)
 *   growth 0.05, r0 3.9   -4.41 -6.05 -6.18 -6.20  -6.20
 *   growth 0.01, r0 0     -3.00 -3.76 -3.90 -3.96  -3.98
 * growth 0.03 moves S2 by 0.2% from 11.2 to 14 A (the paper's 11.2 A cutoff is converged),
 * keeps some second-shell resolution (w(6.4) = 0.39 A) and needs a search radius of 22 A at
 * rc 11.2 (28 A for 0.05).  Up to r0 = 3.9 A (the first minimum of g) the first shell keeps
 * sigma: S2(3.9) differs from the fixed width only by n(r), -4.41 against -4.43; a growth from
 * r = 0 changes it a lot (-3.0 for 0.01): S2 of the first shell is very sensitive to the width. */
#define MGG_S2_DEFAULT_GROWTH 0.03
#define MGG_S2_DEFAULT_GROWTH_START 3.9

typedef enum {
  MGG_S2_FIXED_WIDTH = 0,  /* w(r) = sigma */
  MGG_S2_GROWING_WIDTH = 1 /* w = sigma + growth (r - r0)^2 beyond r0: converges in rc */
} mgg_s2_smoothing;

typedef struct {
  double cutoff;          /* rc (A), upper limit of the integral; > 0 */
  double sigma;           /* Gaussian width (A), at r = 0 for the growing width; > 0 */
  double dr;              /* integration step (A) at r = 0 (see the quadrature above); > 0 */
  int n_types;            /* >= 1 */
  const double *density;  /* rho_nu (atoms / A^3) over the whole system, nu = 0 .. n_types-1;
                           * >= 0, a type of density 0 takes no part (none of its points may be
                           * candidates) */
  mgg_s2_smoothing smoothing;
  double growth;          /* 1/A, >= 0, MGG_S2_GROWING_WIDTH only: w = sigma + growth (r - r0)^2
                           * beyond r0, so the width has doubled sqrt(sigma / growth) past r0 */
  double growth_start;    /* r0 (A), >= 0, MGG_S2_GROWING_WIDTH only: the width is sigma up to
                           * here, so the first shell keeps its resolution (the first minimum of
                           * g(r): MGG_S2_DEFAULT_GROWTH_START for CuZr) */
} mgg_s2_params;

/* Bytes of work mgg_s2_compute() needs (an allocation aligned for double, e.g. malloc):
 * (n_types + 5) (n + 1) doubles for n grid steps.  0 when the parameters are invalid
 * (mgg_s2_compute() then says which) or the grid would not fit in memory. */
size_t mgg_s2_compute_work_size(const mgg_s2_params *params);

/* rc + MGG_S2_KERNEL_SIGMAS w(rc) (A): the candidates of a centre must include every point
 * closer than this.  0 when the parameters are invalid. */
double mgg_s2_search_radius(const mgg_s2_params *params);

/* S2 of each centre of candidates (s2[k] for centre k).
 *
 * x: n_points positions (3 doubles each), periodic copies supplied by the caller as separate
 * points; type: 0-based type of every point.  candidates: for centre k, every point j != centre
 * closer than mgg_s2_search_radius() (more distant ones are allowed and ignored).
 * work: work_len bytes, at least mgg_s2_compute_work_size(params).
 * Errors: MGG_ERR_NULL_ARGUMENT; MGG_ERR_BAD_ARGUMENT (parameters, a candidate type outside
 * 0 .. n_types-1 or of density 0); MGG_ERR_BAD_INDEX (centre or candidate outside the points);
 * MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_s2_compute(const mgg_s2_params *params, size_t n_points, const double *x,
                          const int *type, const mgg_neighbours *candidates, void *work,
                          size_t work_len, double *s2);

/* The mean of a per-point value (S2) over each centre and its neighbours (Piaggi and Parrinello
 * 2017's average): average[k] = (value[c] + sum of value[j]) / (1 + their number), c the point of
 * centre k and j the candidates of centre k with member[j] nonzero (member NULL: every candidate)
 * closer than radius to it, |x_j - x_c| < radius.  Farther candidates and the centre itself among
 * its candidates are ignored.  x: n_points positions; value: n_points values.  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (radius not > 0), MGG_ERR_BAD_INDEX (a centre or
 * candidate outside the points). */
mgg_status mgg_s2_average(const mgg_neighbours *candidates, size_t n_points, const double *x,
                          const double *value, const int *member, double radius,
                          double *average);

#ifdef __cplusplus
}
#endif

#endif
