/* Helpers shared by the core's modules and inlined in their inner loops; not public API. */
#ifndef MGG_INTERNAL_H
#define MGG_INTERNAL_H

#include <math.h>

#include "mgglass.h"

/* nearest integer of |s| < 2^51 in two additions and no branch (nearbyint() is a library call
 * on baseline x86-64): adding 1.5 * 2^52 leaves no fraction bits, so the sum is rounded to an
 * integer in the current (round-to-nearest) mode; volatile-free because C11 evaluates
 * double expressions in double on x86-64 (FLT_EVAL_METHOD 0) */
static inline double mgg_round_small(double s)
{
  const double magic = 6755399441055744.0;
  return (s + magic) - magic;
}

/* dot product, y += a x, and whether every component is finite, of vectors of n doubles */
static inline double mgg_dot(size_t n, const double *a, const double *b)
{
  double s = 0.0;
  for (size_t k = 0; k < n; k++) s += a[k] * b[k];
  return s;
}

static inline void mgg_axpy(size_t n, double a, const double *x, double *y)
{
  for (size_t k = 0; k < n; k++) y[k] += a * x[k];
}

static inline int mgg_all_finite(size_t n, const double *v)
{
  for (size_t k = 0; k < n; k++)
    if (!isfinite(v[k])) return 0;
  return 1;
}

/* Cartesian minimum image v of the fractional difference ds (wrapped along periodic vectors). */
static inline void mgg_fractional_minimum_image(const mgg_cell *cell, const double ds[3], double v[3])
{
  double s[3];
  for (int k = 0; k < 3; k++) s[k] = cell->periodic[k] ? ds[k] - mgg_round_small(ds[k]) : ds[k];
  for (int r = 0; r < 3; r++) v[r] = cell->h[r][0] * s[0] + cell->h[r][1] * s[1] + cell->h[r][2] * s[2];
}

/* Displacements of n atoms from x_ref to x_cur: u_i = x_cur_i - F x_ref_i (F NULL: the
 * identity) as minimum images in cell, relative to their mean, so that a uniform translation
 * (the drift of a relaxation, a shifted origin) does not make the images of two atoms differ by
 * a lattice vector: first relative to atom 0, then re-wrapped about the mean of those.  The
 * difference u_j - u_i is x_cur_j - x_cur_i - F (x_ref_j - x_ref_i) up to a lattice vector.
 * u (3 n doubles) may be NULL when only the largest |u_i| is wanted, which is returned (NaN
 * for a non-finite position; 0 for n = 0). */
double mgg_displacements(const mgg_cell *cell, const double F[3][3], size_t n, const double *x_ref,
                         const double *x_cur, double *u);

#endif
