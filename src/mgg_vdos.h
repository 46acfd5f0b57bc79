/* mgglass core: the V-DOS of a large system by the kernel polynomial method. */
#ifndef MGG_VDOS_H
#define MGG_VDOS_H

#include <stddef.h>

#include "mgg_modes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The V-DOS of a large system without its modes: the kernel polynomial method (Weisse et al.,
 * Rev. Mod. Phys. 78, 275 (2006)).  The spectrum of P D P on the 3 n_atoms - 3 dimensional
 * space orthogonal to the translations (D and P as in mgg_modes.h; the same block matrix
 * and masses as mgg_modes_sparse()) is mapped into [-1, 1] by the interval [lower, upper]: the
 * extreme Ritz values of 40 Lanczos steps, the upper one plus the residual norm of its Ritz pair, the
 * lower one at most 0, both widened by 1% of the width; if a Chebyshev vector then grows (the
 * interval misses part of the spectrum), the rigorous Gershgorin interval is used instead.
 * Moments mu_k = Tr P T_k(A) / Tr P, A = (P D P - centre) / half-width, k = 0 .. n_moments - 1,
 * by a stochastic trace over n_vectors Rademacher vectors (projected by P; entries a hash of the
 * seed, so a run is reproducible whatever the caller's decomposition), two moments per product
 * with the matrix; mu_0 = 1.  Cost about n_moments / 2 products of D with n_vectors vectors. */
typedef struct {
  double lower, upper; /* interval mapped to [-1, 1] (eV/(A^2 amu)) */
  int lanczos_steps;   /* steps of the bound estimate */
  int gershgorin;      /* 1 when the Lanczos interval failed and Gershgorin's was used */
  int products;        /* products of D with a block of vectors */
  double seconds;      /* wall clock */
} mgg_vdos_kpm_info;

/* Bytes of work mgg_vdos_kpm_moments() needs (0 for sizes out of range: n_atoms >= 2,
 * n_moments >= 2, n_vectors >= 1); about 8 (3 n_atoms) max(42, 4 n_vectors) bytes. */
size_t mgg_vdos_kpm_moments_work_size(size_t n_atoms, int n_moments, int n_vectors);

/* Chebyshev moments [n_moments] of the spectrum of D (above); info (or NULL) receives the
 * interval the moments belong to, which mgg_vdos_kpm_histogram() needs.  Errors:
 * MGG_ERR_BAD_ARGUMENT (sizes, a non-positive mass), MGG_ERR_BAD_INDEX, MGG_ERR_BUFFER_TOO_SMALL,
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_NOT_CONVERGED (non-finite matrix: no interval holds it). */
mgg_status mgg_vdos_kpm_moments(const mgg_modes_block_csr *hessian, const double *mass,
                                int n_moments, int n_vectors, unsigned long long seed, void *work,
                                size_t work_len, double *moments, mgg_vdos_kpm_info *info);

/* The V-DOS in energy of Chebyshev moments on [lower, upper] (eigenvalues), smoothed by the
 * Jackson kernel: dos[b] = (share of the modes with hbar omega in [b W, (b + 1) W) meV) / W, the
 * exact integral of the kernel-smoothed density over the eigenvalues (b W / u)^2 to
 * ((b + 1) W / u)^2, u = MGG_MODES_MEV_PER_UNIT, the same definition as mgg_modes_vdos(); so
 * sum dos W + *below + *above = 1, *below the share at negative eigenvalues (the smoothing of
 * the lowest modes, or unstable ones), *above beyond the last bin. */
mgg_status mgg_vdos_kpm_histogram(int n_moments, const double *moments, double lower, double upper,
                                  double bin_width, size_t n_bins, double *dos, double *below,
                                  double *above);

/* Resolution (meV) of the Jackson kernel at energy E (meV): the kernel's width pi / (n_moments +
 * 1) on [-1, 1] is sigma = (upper - lower) pi / (2 (n_moments + 1)) in eigenvalue, u^2 sigma /
 * (2 E) in energy (u sqrt(sigma) where that is larger: near E = 0). */
double mgg_vdos_kpm_resolution(int n_moments, double lower, double upper, double energy);


#ifdef __cplusplus
}
#endif

#endif
