/* mgglass: the lowest eigenpairs of a symmetric operator known only through its products
 * (Lanczos 1950), in reverse communication. */
#ifndef MGG_LANCZOS_H
#define MGG_LANCZOS_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The lowest one or two eigenpairs of a symmetric operator A of order n known only through
 * products A q (reverse communication): Lanczos with full reorthogonalisation (twice, against
 * every basis vector), Ritz values from the tridiagonal matrix (LAPACK dstev).  Protocol:
 *   mgg_lanczos_start(); product = NULL; while (mgg_lanczos_step(lz, product, &q) ==
 *   MGG_LANCZOS_MULTIPLY) { product = A q (n doubles, the caller's buffer) }
 * then lz->theta, lz->residual, lz->converged, and mgg_lanczos_ritz_vector().
 * Converged when, for each wanted pair i, the measure m_i <= tol max(|theta_i|, floor): m_i is
 * the change of theta_i since the previous product (criterion MGG_LANCZOS_CHANGE, at least two
 * products; cheap and enough to steer a search) or the residual norm |A y_i - theta_i y_i| =
 * beta_k |s_ki| (MGG_LANCZOS_RESIDUAL; for validation).  Also done, converged, when the Krylov
 * space is exhausted (an invariant subspace: the Ritz pairs are exact), and done, not converged,
 * after max_iter products.  The Ritz values are upper bounds of the lowest eigenvalues
 * (interlacing), and A only ever acts on the span of the start vector's Krylov space: the caller
 * who restricts A to a subspace (frozen coordinates) gives a start vector in it and projects
 * each product onto it. */

#define MGG_LANCZOS_MAX_ITER 64

typedef enum { MGG_LANCZOS_CHANGE = 0, MGG_LANCZOS_RESIDUAL = 1 } mgg_lanczos_criterion;

typedef struct {
  int max_iter;   /* products at most, 2 .. MGG_LANCZOS_MAX_ITER */
  int n_eig;      /* wanted lowest pairs, 1 or 2 */
  double tol;     /* > 0, relative (see above) */
  double floor;   /* >= 0, the scale below which tol is absolute: tol floor */
  mgg_lanczos_criterion criterion;
} mgg_lanczos_params;

typedef enum { MGG_LANCZOS_MULTIPLY = 0, MGG_LANCZOS_DONE } mgg_lanczos_request;

typedef struct {
  mgg_lanczos_params p;
  size_t n;
  double *basis, *w, *z, *d, *e, *scratch; /* in the caller's workspace */
  int k;                                   /* products done */
  int started, finished;
  double alpha[MGG_LANCZOS_MAX_ITER], beta[MGG_LANCZOS_MAX_ITER];
  double theta[2];    /* lowest Ritz values, ascending (theta[1] = INFINITY when not found) */
  double residual[2]; /* their residual norms */
  int n_found;        /* Ritz pairs available, min(k, n_eig) */
  int converged;      /* 1 when the criterion held or the space was exhausted */
} mgg_lanczos;

/* Bytes of workspace for vectors of order n and max_iter products (0 when out of range). */
size_t mgg_lanczos_work_size(size_t n, int max_iter);

/* v0: start vector (n doubles, not zero).  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT
 * (parameters, n = 0, v0 zero or not finite), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_lanczos_start(const mgg_lanczos_params *params, size_t n, const double *v0,
                             void *work, size_t work_len, mgg_lanczos *lz);

/* product: A q for the q of the previous call (NULL on the first call).  *q receives the next
 * vector to multiply (unit norm, in the workspace) when the result is MGG_LANCZOS_MULTIPLY.  A
 * non-finite product ends the iteration, not converged. */
mgg_lanczos_request mgg_lanczos_step(mgg_lanczos *lz, const double *product, const double **q);

/* Ritz vector i (0: lowest; i < n_found) into y (n doubles, unit norm) after MGG_LANCZOS_DONE. */
mgg_status mgg_lanczos_ritz_vector(const mgg_lanczos *lz, int i, double *y);

#ifdef __cplusplus
}
#endif

#endif
