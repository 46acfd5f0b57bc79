/* Normal modes of a periodic system from its Hessian: the mass-weighted dynamical matrix, its
 * lowest eigenpairs with the three rigid translations deflated, participation and V-DOS. */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

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
  if (h->n_atoms < 2 || 3 * h->n_atoms > MAX_ORDER) return MGG_ERR_BAD_ARGUMENT;
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
  if (n_modes < 1 || n_modes > n - 3) return MGG_ERR_BAD_ARGUMENT;
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
  if (info != 0 || m != iu) return MGG_ERR_BAD_ARGUMENT;
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
