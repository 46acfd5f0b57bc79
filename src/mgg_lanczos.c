/* Lanczos lowest eigenpairs in reverse communication (see mgg_lanczos.h). */
#include <math.h>
#include <string.h>

#include "mgg_internal.h"

/* LAPACK: eigenpairs of a symmetric tridiagonal matrix */
extern void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz,
                   double *work, int *info, size_t jobz_len);

size_t mgg_lanczos_work_size(size_t n, int max_iter)
{
  if (n == 0 || max_iter < 2 || max_iter > MGG_LANCZOS_MAX_ITER) return 0;
  const size_t m = (size_t) max_iter;
  /* basis (m + 1) n, w n, z m^2, d m, e m, dstev work 2 m */
  return sizeof(double) * ((m + 2) * n + m * m + 4 * m);
}

mgg_status mgg_lanczos_start(const mgg_lanczos_params *params, size_t n, const double *v0,
                             void *work, size_t work_len, mgg_lanczos *lz)
{
  if (!params || !v0 || !lz || (!work && work_len)) return MGG_ERR_NULL_ARGUMENT;
  const mgg_lanczos_params *p = params;
  if (n == 0 || p->max_iter < 2 || p->max_iter > MGG_LANCZOS_MAX_ITER ||
      (p->n_eig != 1 && p->n_eig != 2) || !(p->tol > 0.0) || !(p->floor >= 0.0) ||
      (p->criterion != MGG_LANCZOS_CHANGE && p->criterion != MGG_LANCZOS_RESIDUAL))
    return MGG_ERR_BAD_ARGUMENT;
  if (work_len < mgg_lanczos_work_size(n, p->max_iter)) return MGG_ERR_BUFFER_TOO_SMALL;
  if (!work) return MGG_ERR_NULL_ARGUMENT;
  const double norm = sqrt(mgg_dot(n, v0, v0));
  if (!(norm > 0.0) || !isfinite(norm)) return MGG_ERR_BAD_ARGUMENT;
  *lz = (mgg_lanczos){0};
  lz->p = *p;
  lz->n = n;
  const size_t m = (size_t) p->max_iter;
  lz->basis = work;
  lz->w = lz->basis + (m + 1) * n;
  lz->z = lz->w + n;
  lz->d = lz->z + m * m;
  lz->e = lz->d + m;
  lz->scratch = lz->e + m;
  for (size_t k = 0; k < n; k++) lz->basis[k] = v0[k] / norm;
  lz->theta[0] = lz->theta[1] = INFINITY;
  lz->residual[0] = lz->residual[1] = INFINITY;
  return MGG_OK;
}

/* Ritz pairs of the k x k tridiagonal matrix into theta, residual and z; 0 on LAPACK failure */
static int lanczos_ritz(mgg_lanczos *lz)
{
  const int k = lz->k;
  for (int j = 0; j < k; j++) {
    lz->d[j] = lz->alpha[j];
    lz->e[j] = lz->beta[j];
  }
  int info = 0;
  dstev_("V", &k, lz->d, lz->e, lz->z, &k, lz->scratch, &info, 1);
  if (info != 0) return 0;
  lz->n_found = k < lz->p.n_eig ? k : lz->p.n_eig;
  for (int i = 0; i < 2; i++) {
    lz->theta[i] = i < lz->n_found ? lz->d[i] : INFINITY;
    /* |A y - theta y| = beta_k |last component of the tridiagonal eigenvector| */
    lz->residual[i] = i < lz->n_found ? lz->beta[k - 1] * fabs(lz->z[(size_t) i * k + k - 1]) : INFINITY;
  }
  return 1;
}

mgg_lanczos_request mgg_lanczos_step(mgg_lanczos *lz, const double *product, const double **q)
{
  const size_t n = lz->n;
  if (lz->finished) return MGG_LANCZOS_DONE;
  if (!lz->started) {
    lz->started = 1;
    *q = lz->basis;
    return MGG_LANCZOS_MULTIPLY;
  }
  if (!product || !mgg_all_finite(n, product)) {
    lz->finished = 1;
    return MGG_LANCZOS_DONE;
  }
  const int j = lz->k;
  const double *qj = lz->basis + (size_t) j * n;
  double *w = lz->w;
  memcpy(w, product, n * sizeof(double));
  const double alpha = mgg_dot(n, qj, w);
  /* full reorthogonalisation, twice ("twice is enough": Parlett) */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i <= j; i++) mgg_axpy(n, -mgg_dot(n, lz->basis + (size_t) i * n, w), lz->basis + (size_t) i * n, w);
  const double beta = sqrt(mgg_dot(n, w, w));
  const double previous[2] = {lz->theta[0], lz->theta[1]};
  lz->alpha[j] = alpha;
  lz->beta[j] = beta;
  lz->k = j + 1;
  if (!lanczos_ritz(lz)) {
    lz->finished = 1;
    return MGG_LANCZOS_DONE;
  }
  /* an invariant subspace: beta negligible against the operator's scale seen so far */
  double scale = 0.0;
  for (int i = 0; i <= j; i++) scale = fmax(scale, fabs(lz->alpha[i]) + lz->beta[i]);
  const int exhausted = beta <= 1e-10 * scale || (size_t) lz->k >= n;
  int converged = lz->k >= 2 && lz->n_found == lz->p.n_eig;
  for (int i = 0; converged && i < lz->n_found; i++) {
    const double measure = lz->p.criterion == MGG_LANCZOS_CHANGE ? fabs(lz->theta[i] - previous[i])
                                                                 : lz->residual[i];
    if (!(measure <= lz->p.tol * fmax(fabs(lz->theta[i]), lz->p.floor))) converged = 0;
  }
  if (exhausted) converged = 1;
  if (converged || lz->k >= lz->p.max_iter) {
    lz->converged = converged;
    lz->finished = 1;
    return MGG_LANCZOS_DONE;
  }
  double *next = lz->basis + (size_t) lz->k * n;
  for (size_t c = 0; c < n; c++) next[c] = w[c] / beta;
  *q = next;
  return MGG_LANCZOS_MULTIPLY;
}

mgg_status mgg_lanczos_ritz_vector(const mgg_lanczos *lz, int i, double *y)
{
  if (!lz || !y) return MGG_ERR_NULL_ARGUMENT;
  if (!lz->finished || i < 0 || i >= lz->n_found) return MGG_ERR_BAD_ARGUMENT;
  const size_t n = lz->n, k = (size_t) lz->k;
  memset(y, 0, n * sizeof(double));
  for (size_t j = 0; j < k; j++) mgg_axpy(n, lz->z[(size_t) i * k + j], lz->basis + j * n, y);
  const double norm = sqrt(mgg_dot(n, y, y));
  if (!(norm > 0.0)) return MGG_ERR_NOT_CONVERGED;
  for (size_t c = 0; c < n; c++) y[c] /= norm;
  return MGG_OK;
}
