/* Normal modes of a periodic system from its Hessian: the mass-weighted dynamical matrix, its
 * lowest eigenpairs with the three rigid translations deflated, participation and V-DOS. */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cholmod.h>

/* LAPACK (Fortran calling convention, hidden string lengths last) */
extern void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
                    const int *lda, const double *vl, const double *vu, const int *il,
                    const int *iu, const double *abstol, int *m, double *w, double *z,
                    const int *ldz, int *isuppz, double *work, const int *lwork, int *iwork,
                    const int *liwork, int *info, size_t jobz_len, size_t range_len,
                    size_t uplo_len);

/* the largest order dsyevr's 32-bit integers address without overflow of n * n */
#define MAX_ORDER 46340

double mgg_modes_omega(double eigenvalue)
{
  return copysign(sqrt(fabs(eigenvalue)), eigenvalue);
}

static mgg_status check_matrix(const mgg_block_csr *h, const double *mass)
{
  if (!h || !mass || (h->n_atoms && (!h->row_start || !h->col || !h->values)))
    return MGG_ERR_NULL_ARGUMENT;
  if (h->n_atoms < 2) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < h->n_atoms; i++)
    if (!(mass[i] > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t b = 0; b < h->row_start[h->n_atoms]; b++)
    if (h->col[b] < 0 || (size_t) h->col[b] >= h->n_atoms) return MGG_ERR_BAD_INDEX;
  return MGG_OK;
}

/* dsyevr's optimal work and iwork sizes for order n (a workspace query) */
static void dsyevr_sizes(int n, int k, int *lwork, int *liwork)
{
  const int one = 1, minus = -1;
  const double zero = 0.0;
  double wq = 0.0, aq = 0.0, zq = 0.0, eq = 0.0;
  int iwq = 0, m = 0, info = 0, isq[2];
  dsyevr_("V", "I", "L", &n, &aq, &n, &zero, &zero, &one, &k, &zero, &m, &eq, &zq, &n, isq, &wq,
          &minus, &iwq, &minus, &info, 1, 1, 1);
  *lwork = info == 0 ? (int) wq : 26 * n;
  *liwork = info == 0 ? iwq : 10 * n;
  if (*lwork < 26 * n) *lwork = 26 * n;
  if (*liwork < 10 * n) *liwork = 10 * n;
}

size_t mgg_modes_dense_workspace(size_t n_atoms, size_t n_modes)
{
  if (n_atoms < 2 || 3 * n_atoms > MAX_ORDER || n_modes < 1 || n_modes > 3 * n_atoms - 3) return 0;
  const size_t n = 3 * n_atoms;
  int lwork, liwork;
  dsyevr_sizes((int) n, (int) n_modes, &lwork, &liwork);
  /* matrix, eigenvalues, translations and their images, work, all eigenvectors when all modes
   * are asked for; then isuppz and iwork */
  const size_t all_vectors = n_modes == n - 3 ? n * n : 0;
  return (n * n + n + 6 * n + (size_t) lwork + all_vectors) * sizeof(double) +
         (2 * n + (size_t) liwork) * sizeof(int);
}

mgg_status mgg_modes_dense(const mgg_block_csr *h, const double *mass, size_t n_modes,
                           void *workspace, size_t workspace_len, double *eigenvalues,
                           double *vectors, double translation_eigenvalues[3])
{
  mgg_status st = check_matrix(h, mass);
  if (st != MGG_OK) return st;
  if (!workspace || !eigenvalues || !vectors) return MGG_ERR_NULL_ARGUMENT;
  const size_t na = h->n_atoms, n = 3 * na;
  if (n_modes < 1 || n_modes > n - 3 || n > MAX_ORDER) return MGG_ERR_BAD_ARGUMENT;
  int lwork, liwork;
  dsyevr_sizes((int) n, (int) n_modes, &lwork, &liwork);
  if (workspace_len < mgg_modes_dense_workspace(na, n_modes)) return MGG_ERR_BUFFER_TOO_SMALL;
  double *a = workspace, *w = a + n * n, *t = w + n, *tw = t + 3 * n, *work = tw + 3 * n;
  /* all modes: dsyevr uses the fast MRRR algorithm (dstemr) only for the whole spectrum (the
   * translations, shifted to the top, are dropped after); for part of it bisection and
   * inverse iteration (dstebz, dstein) */
  const int all = n_modes == n - 3;
  double *z = all ? work + lwork : vectors;
  int *isuppz = (int *) (work + lwork + (all ? n * n : 0)), *iwork = isuppz + 2 * n;

  /* D = M^-1/2 H M^-1/2, column-major (symmetric: row-major blocks fill it as well) */
  memset(a, 0, n * n * sizeof(double));
  double gershgorin = 0.0;
  for (size_t i = 0; i < na; i++) {
    double row_sum[3] = {0.0, 0.0, 0.0};
    for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
      const size_t j = (size_t) h->col[b];
      const double s = 1.0 / sqrt(mass[i] * mass[j]);
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
          const double v = s * h->values[9 * b + 3 * r + c];
          a[(3 * j + c) * n + 3 * i + r] = v;
          row_sum[r] += fabs(v);
        }
    }
    for (int r = 0; r < 3; r++) gershgorin = fmax(gershgorin, row_sum[r]);
  }

  /* the mass-weighted translations t_c (orthonormal: disjoint supports) and tw_c = D t_c */
  double total_mass = 0.0;
  for (size_t i = 0; i < na; i++) total_mass += mass[i];
  memset(t, 0, 6 * n * sizeof(double));
  for (size_t i = 0; i < na; i++)
    for (int c = 0; c < 3; c++) t[c * n + 3 * i + c] = sqrt(mass[i] / total_mass);
  for (int c = 0; c < 3; c++)
    for (size_t col = c; col < n; col += 3) {
      const double tc = t[c * n + col];
      for (size_t r = 0; r < n; r++) tw[c * n + r] += a[col * n + r] * tc;
    }
  double ttw[3][3];
  for (int c = 0; c < 3; c++)
    for (int d = 0; d < 3; d++) {
      double s = 0.0;
      for (size_t r = 0; r < n; r++) s += t[c * n + r] * tw[d * n + r];
      ttw[c][d] = s;
    }
  if (translation_eigenvalues)
    for (int c = 0; c < 3; c++) translation_eigenvalues[c] = ttw[c][c];

  /* Deflate: P D P + shift T T^T with P = 1 - T T^T, the shift above the spectrum, so that
   * the translations become the top eigenvalues and the lowest ones are the other modes.
   * P D P = D - T W^T - W T^T + T (T^T W) T^T with W = D T; row r of T is nonzero only in
   * component r % 3. */
  const double shift = 1.5 * gershgorin + 1.0;
  for (size_t col = 0; col < n; col++) {
    const int cc = (int) (col % 3);
    const double tcol = t[cc * n + col];
    for (size_t r = 0; r < n; r++) {
      const int rc = (int) (r % 3);
      const double trow = t[rc * n + r];
      a[col * n + r] += -trow * tw[rc * n + col] - tw[cc * n + r] * tcol +
                        trow * tcol * (ttw[rc][cc] + (rc == cc ? shift : 0.0));
    }
  }

  const int ni = (int) n, one = 1, iu = all ? ni : (int) n_modes;
  const double zero = 0.0;
  int m = 0, info = 0;
  dsyevr_("V", all ? "A" : "I", "L", &ni, a, &ni, &zero, &zero, &one, &iu, &zero, &m, w, z, &ni,
          isuppz, work, &lwork, iwork, &liwork, &info, 1, 1, 1);
  if (info != 0 || m != iu) return MGG_ERR_NOT_CONVERGED;
  memcpy(eigenvalues, w, n_modes * sizeof(double));
  if (all) memcpy(vectors, z, n * n_modes * sizeof(double));
  return MGG_OK;
}

mgg_status mgg_modes_participation(size_t n_atoms, size_t n_modes, const double *vectors,
                                   double *participation)
{
  if (!participation || (n_modes && !vectors)) return MGG_ERR_NULL_ARGUMENT;
  const size_t n = 3 * n_atoms;
  for (size_t i = 0; i < n_atoms; i++) participation[i] = 0.0;
  for (size_t k = 0; k < n_modes; k++) {
    const double *e = vectors + k * n;
    for (size_t i = 0; i < n_atoms; i++)
      participation[i] += e[3 * i] * e[3 * i] + e[3 * i + 1] * e[3 * i + 1] + e[3 * i + 2] * e[3 * i + 2];
  }
  return MGG_OK;
}

mgg_status mgg_modes_vdos(size_t n_modes, const double *eigenvalues, double bin_width,
                          size_t n_bins, double *dos, size_t *n_outside)
{
  if (!dos || !n_outside || (n_modes && !eigenvalues)) return MGG_ERR_NULL_ARGUMENT;
  if (!(bin_width > 0.0) || n_bins < 1 || n_modes < 1) return MGG_ERR_BAD_ARGUMENT;
  for (size_t b = 0; b < n_bins; b++) dos[b] = 0.0;
  size_t outside = 0;
  const double weight = 1.0 / ((double) n_modes * bin_width);
  for (size_t k = 0; k < n_modes; k++) {
    const double e = MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(eigenvalues[k]);
    const double b = floor(e / bin_width);
    if (b < 0.0 || b >= (double) n_bins) {
      outside++;
      continue;
    }
    dos[(size_t) b] += weight;
  }
  *n_outside = outside;
  return MGG_OK;
}

/* ------------------------------------------------------------- sparse path */

/* ARPACK (Fortran calling convention) */
extern void dsaupd_(int *ido, const char *bmat, const int *n, const char *which, const int *nev,
                    const double *tol, double *resid, const int *ncv, double *v, const int *ldv,
                    int *iparam, int *ipntr, double *workd, double *workl, const int *lworkl,
                    int *info, size_t bmat_len, size_t which_len);
extern void dseupd_(const int *rvec, const char *howmny, int *select, double *d, double *z,
                    const int *ldz, const double *sigma, const char *bmat, const int *n,
                    const char *which, const int *nev, const double *tol, double *resid,
                    const int *ncv, double *v, const int *ldv, int *iparam, int *ipntr,
                    double *workd, double *workl, const int *lworkl, int *info,
                    size_t howmny_len, size_t bmat_len, size_t which_len);

/* ARPACK's Lanczos basis: twice the modes plus a margin (fewer restarts), at most the order */
static int basis_size(int n, int nev)
{
  const int ncv = 2 * nev + 40;
  return ncv < n ? ncv : n;
}

size_t mgg_modes_sparse_memory(size_t n_atoms, size_t n_modes)
{
  const size_t n = 3 * n_atoms, ncv = (size_t) basis_size((int) n, (int) n_modes + 1);
  return (n * ncv + ncv * (ncv + 8) + 3 * n + 6 * n) * sizeof(double);
}

/* D - sigma I, lower triangle in compressed columns (CHOLMOD, stype -1): column 3i+a holds the
 * entries of rows 3j+b >= 3i+a, from the blocks (i, j) of row i (H symmetric) */
static cholmod_sparse *shifted_lower(const mgg_block_csr *h, const double *mass, double sigma,
                                     cholmod_common *cm)
{
  const size_t na = h->n_atoms, n = 3 * na;
  size_t nnz = 0;
  int sorted = 1;
  for (size_t i = 0; i < na; i++)
    for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
      const size_t j = (size_t) h->col[b];
      if (b > h->row_start[i] && h->col[b] <= h->col[b - 1]) sorted = 0;
      if (j > i) nnz += 9;
      else if (j == i) nnz += 6;
    }
  if (nnz > (size_t) INT32_MAX) return NULL;
  cholmod_sparse *a = cholmod_allocate_sparse(n, n, nnz, sorted, 1, -1, CHOLMOD_REAL, cm);
  if (!a) return NULL;
  int *cp = a->p, *ri = a->i;
  double *v = a->x;
  size_t e = 0;
  for (size_t i = 0; i < na; i++)
    for (int c = 0; c < 3; c++) {
      cp[3 * i + c] = (int) e;
      for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
        const size_t j = (size_t) h->col[b];
        if (j < i) continue;
        const double s = 1.0 / sqrt(mass[i] * mass[j]);
        for (int r = j == i ? c : 0; r < 3; r++) {
          ri[e] = (int) (3 * j + r);
          v[e] = s * h->values[9 * b + 3 * c + r] - (j == i && r == c ? sigma : 0.0);
          e++;
        }
      }
    }
  cp[n] = (int) e;
  return a;
}

/* y = P (D - sigma I)^-1 P x, P the projector orthogonal to the translations t (3 columns) */
static int apply_op(cholmod_factor *factor, cholmod_dense *rhs, const double *t, size_t n,
                    const double *x, double *y, cholmod_common *cm)
{
  double *b = rhs->x;
  memcpy(b, x, n * sizeof(double));
  for (int c = 0; c < 3; c++) {
    double dot = 0.0;
    for (size_t r = c; r < n; r += 3) dot += t[c * n + r] * b[r];
    for (size_t r = c; r < n; r += 3) b[r] -= dot * t[c * n + r];
  }
  cholmod_dense *sol = cholmod_solve(CHOLMOD_A, factor, rhs, cm);
  if (!sol) return 0;
  memcpy(y, sol->x, n * sizeof(double));
  cholmod_free_dense(&sol, cm);
  for (int c = 0; c < 3; c++) {
    double dot = 0.0;
    for (size_t r = c; r < n; r += 3) dot += t[c * n + r] * y[r];
    for (size_t r = c; r < n; r += 3) y[r] -= dot * t[c * n + r];
  }
  return 1;
}

mgg_status mgg_modes_sparse(const mgg_block_csr *h, const double *mass, size_t n_modes,
                            double sigma, double *eigenvalues, double *vectors,
                            double translation_eigenvalues[3], mgg_modes_sparse_info *report)
{
  mgg_status st = check_matrix(h, mass);
  if (st != MGG_OK) return st;
  if (!eigenvalues || !vectors) return MGG_ERR_NULL_ARGUMENT;
  const size_t na = h->n_atoms, n = 3 * na;
  if (n_modes < 1 || n_modes > n - 3 || n > (size_t) INT32_MAX / 64 || !(sigma < 0.0))
    return MGG_ERR_BAD_ARGUMENT;
  const int ni = (int) n, nev = (int) n_modes, ncv = basis_size(ni, nev + 1);
  if (nev >= ncv) return MGG_ERR_BAD_ARGUMENT;
  const int lworkl = ncv * (ncv + 8);
  double *t = calloc(3 * n, sizeof(double)), *resid = malloc(n * sizeof(double));
  double *v = malloc(n * (size_t) ncv * sizeof(double)), *workd = malloc(3 * n * sizeof(double));
  double *workl = malloc((size_t) lworkl * sizeof(double)), *d = malloc((size_t) ncv * sizeof(double));
  int *select = malloc((size_t) ncv * sizeof(int));
  cholmod_common cm;
  cholmod_start(&cm);
  cm.print = 0;
  cholmod_sparse *a = NULL;
  cholmod_factor *factor = NULL;
  cholmod_dense *rhs = NULL;
  if (!t || !resid || !v || !workd || !workl || !d || !select) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }

  double total_mass = 0.0;
  for (size_t i = 0; i < na; i++) total_mass += mass[i];
  for (size_t i = 0; i < na; i++)
    for (int c = 0; c < 3; c++) t[c * n + 3 * i + c] = sqrt(mass[i] / total_mass);
  if (translation_eigenvalues) /* t_c . D t_c from the blocks */
    for (int c = 0; c < 3; c++) {
      double s = 0.0;
      for (size_t i = 0; i < na; i++)
        for (size_t b = h->row_start[i]; b < h->row_start[i + 1]; b++) {
          const size_t j = (size_t) h->col[b];
          s += t[c * n + 3 * i + c] * h->values[9 * b + 4 * c] / sqrt(mass[i] * mass[j]) *
               t[c * n + 3 * j + c];
        }
      translation_eigenvalues[c] = s;
    }

  /* supernodal Cholesky of the positive definite D - sigma I (sigma below the spectrum) */
  cm.supernodal = CHOLMOD_SUPERNODAL;
  a = shifted_lower(h, mass, sigma, &cm);
  if (!a) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  factor = cholmod_analyze(a, &cm);
  if (factor) cholmod_factorize(a, factor, &cm);
  if (factor && cm.status == CHOLMOD_NOT_POSDEF) { /* sigma not below the spectrum */
    st = MGG_ERR_BAD_ARGUMENT;
    goto done;
  }
  if (!factor || cm.status != CHOLMOD_OK) { /* out of memory, or a factor beyond 32-bit indices */
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  if (report) {
    report->factor_nonzeros = cm.lnz;
    report->factor_flops = cm.fl;
  }
  cholmod_free_sparse(&a, &cm);
  rhs = cholmod_allocate_dense(n, 1, n, CHOLMOD_REAL, &cm);
  if (!rhs) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }

  /* shift-invert Lanczos: the largest eigenvalues 1 / (lambda - sigma) of the operator are the
   * lowest lambda; the start vector is deterministic (orthogonal to the translations) */
  for (size_t r = 0; r < n; r++) resid[r] = 1.0 + 0.5 * sin(1.0 + 0.37 * (double) r);
  {
    int ido = 0, info = 1, iparam[11] = {0}, ipntr[14] = {0}, ops = 0;
    const double tol = 1e-13;
    iparam[0] = 1;     /* exact shifts */
    iparam[2] = 1000;  /* restarts */
    iparam[6] = 3;     /* shift-invert */
    apply_op(factor, rhs, t, n, resid, workd, &cm);
    memcpy(resid, workd, n * sizeof(double));
    for (;;) {
      dsaupd_(&ido, "I", &ni, "LM", &nev, &tol, resid, &ncv, v, &ni, iparam, ipntr, workd, workl,
              &lworkl, &info, 1, 2);
      if (ido != -1 && ido != 1) break;
      if (!apply_op(factor, rhs, t, n, workd + ipntr[0] - 1, workd + ipntr[1] - 1, &cm)) {
        st = MGG_ERR_NO_MEMORY;
        goto done;
      }
      ops++;
    }
    if (report) {
      report->operator_applications = ops;
      report->restarts = iparam[2];
      report->converged = iparam[4];
    }
    if (info < 0 || info == 1 || iparam[4] < nev) {
      st = MGG_ERR_NOT_CONVERGED;
      goto done;
    }
    const int rvec = 1;
    double *z = v; /* dseupd may write the vectors over the basis */
    dseupd_(&rvec, "A", select, d, z, &ni, &sigma, "I", &ni, "LM", &nev, &tol, resid, &ncv, v, &ni,
            iparam, ipntr, workd, workl, &lworkl, &info, 1, 1, 2);
    if (info != 0) {
      st = MGG_ERR_BAD_ARGUMENT;
      goto done;
    }
    /* ascending order */
    for (int k = 0; k < nev; k++) {
      int best = 0;
      for (int q = 1; q < nev; q++)
        if (d[q] < d[best]) best = q;
      eigenvalues[k] = d[best];
      memcpy(vectors + (size_t) k * n, z + (size_t) best * n, n * sizeof(double));
      d[best] = INFINITY;
    }
  }
done:
  cholmod_free_dense(&rhs, &cm);
  cholmod_free_factor(&factor, &cm);
  cholmod_free_sparse(&a, &cm);
  cholmod_finish(&cm);
  free(t);
  free(resid);
  free(v);
  free(workd);
  free(workl);
  free(d);
  free(select);
  return st;
}
