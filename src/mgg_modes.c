/* Normal modes of a periodic system from its Hessian: the mass-weighted dynamical matrix, its
 * lowest eigenpairs with the three rigid translations deflated, participation and V-DOS. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime, for the phase times of the sparse solver */
#include "mgglass.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cholmod.h>

/* LAPACK (Fortran calling convention, hidden string lengths last) */
extern void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
                    const int *lda, const double *vl, const double *vu, const int *il,
                    const int *iu, const double *abstol, int *m, double *w, double *z,
                    const int *ldz, int *isuppz, double *work, const int *lwork, int *iwork,
                    const int *liwork, int *info, size_t jobz_len, size_t range_len,
                    size_t uplo_len);

double mgg_modes_omega(double eigenvalue)
{
  return copysign(sqrt(fabs(eigenvalue)), eigenvalue);
}

static mgg_status check_matrix(const mgg_modes_block_csr *h, const double *mass)
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

size_t mgg_modes_dense_work_size(size_t n_atoms, size_t n_modes)
{
  if (n_atoms < 2 || 3 * n_atoms > MGG_MODES_DENSE_MAX_ORDER || n_modes < 1 || n_modes > 3 * n_atoms - 3) return 0;
  const size_t n = 3 * n_atoms;
  int lwork, liwork;
  dsyevr_sizes((int) n, (int) n_modes, &lwork, &liwork);
  /* matrix, eigenvalues, translations and their images, work, all eigenvectors when all modes
   * are asked for; then isuppz and iwork */
  const size_t all_vectors = n_modes == n - 3 ? n * n : 0;
  return (n * n + n + 6 * n + (size_t) lwork + all_vectors) * sizeof(double) +
         (2 * n + (size_t) liwork) * sizeof(int);
}

mgg_status mgg_modes_dense(const mgg_modes_block_csr *h, const double *mass, size_t n_modes,
                           void *work, size_t work_len, double *eigenvalues,
                           double *vectors, double translation_eigenvalues[3])
{
  mgg_status st = check_matrix(h, mass);
  if (st != MGG_OK) return st;
  if (!work || !eigenvalues || !vectors) return MGG_ERR_NULL_ARGUMENT;
  const size_t na = h->n_atoms, n = 3 * na;
  if (n_modes < 1 || n_modes > n - 3 || n > MGG_MODES_DENSE_MAX_ORDER) return MGG_ERR_BAD_ARGUMENT;
  int lwork, liwork;
  dsyevr_sizes((int) n, (int) n_modes, &lwork, &liwork);
  if (work_len < mgg_modes_dense_work_size(na, n_modes)) return MGG_ERR_BUFFER_TOO_SMALL;
  double *a = work, *w = a + n * n, *t = w + n, *tw = t + 3 * n, *dwork = tw + 3 * n;
  /* all modes: dsyevr uses the fast MRRR algorithm (dstemr) only for the whole spectrum (the
   * translations, shifted to the top, are dropped after); for part of it bisection and
   * inverse iteration (dstebz, dstein) */
  const int all = n_modes == n - 3;
  double *z = all ? dwork + lwork : vectors;
  int *isuppz = (int *) (dwork + lwork + (all ? n * n : 0)), *iwork = isuppz + 2 * n;

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
          isuppz, dwork, &lwork, iwork, &liwork, &info, 1, 1, 1);
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

mgg_status mgg_modes_count(size_t n_modes, const double *eigenvalues, size_t *n_zero,
                           size_t *n_negative)
{
  if (n_modes && !eigenvalues) return MGG_ERR_NULL_ARGUMENT;
  size_t zero = 3, negative = 0;
  for (size_t k = 0; k < n_modes; k++) {
    if (fabs(eigenvalues[k]) < MGG_MODES_ZERO_EIGENVALUE) zero++;
    else if (eigenvalues[k] < 0.0) negative++;
  }
  if (n_zero) *n_zero = zero;
  if (n_negative) *n_negative = negative;
  return MGG_OK;
}

size_t mgg_modes_largest_equal(size_t n_modes, const double *eigenvalues)
{
  if (!n_modes || !eigenvalues) return 0;
  size_t run = 1, largest = 1;
  for (size_t k = 1; k < n_modes; k++) {
    const double gap = fabs(eigenvalues[k] - eigenvalues[k - 1]);
    run = gap <= MGG_MODES_EQUAL_RELATIVE * fabs(eigenvalues[k]) ? run + 1 : 1;
    if (run > largest) largest = run;
  }
  return largest;
}

/* ------------------------------------------------- finite-difference Hessian */

mgg_status mgg_modes_fd_start(size_t n_atoms, double delta, mgg_modes_fd *fd, size_t *row_start,
                              int *col)
{
  if (!fd || (!row_start != !col)) return MGG_ERR_NULL_ARGUMENT;
  /* column indices are ints, and 9 n^2 values must be addressable */
  if (n_atoms < 1 || n_atoms > INT_MAX || n_atoms > SIZE_MAX / 9 / n_atoms ||
      !(delta > 0.0) || !isfinite(delta))
    return MGG_ERR_BAD_ARGUMENT;
  *fd = (mgg_modes_fd){n_atoms, delta, 0};
  if (row_start)
    for (size_t i = 0; i <= n_atoms; i++) row_start[i] = i * n_atoms;
  if (col)
    for (size_t i = 0; i < n_atoms; i++)
      for (size_t j = 0; j < n_atoms; j++) col[i * n_atoms + j] = (int) j;
  return MGG_OK;
}

int mgg_modes_fd_request(const mgg_modes_fd *fd, size_t *atom, int *axis, double *displacement)
{
  if (!fd || fd->answered >= 6 * fd->n_atoms) return 0;
  if (atom) *atom = fd->answered / 6;
  if (axis) *axis = (int) (fd->answered / 2 % 3);
  if (displacement) *displacement = fd->answered % 2 ? -fd->delta : fd->delta;
  return 1;
}

/* H = (H + H^T) / 2 on the dense block pattern */
static void symmetrise_dense(size_t n, double *values)
{
  for (size_t i = 0; i < n; i++)
    for (size_t j = i; j < n; j++)
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          double *hij = &values[9 * (i * n + j) + 3 * a + b];
          double *hji = &values[9 * (j * n + i) + 3 * b + a];
          *hij = *hji = 0.5 * (*hij + *hji);
        }
}

mgg_status mgg_modes_fd_answer(mgg_modes_fd *fd, const double *force, double *values)
{
  if (!fd || (!force != !values)) return MGG_ERR_NULL_ARGUMENT;
  const size_t n = fd->n_atoms;
  if (fd->answered >= 6 * n) return MGG_ERR_BAD_ARGUMENT;
  const size_t i = fd->answered / 6;
  const int a = (int) (fd->answered / 2 % 3), plus = fd->answered % 2 == 0;
  fd->answered++;
  if (!values) return MGG_OK;
  /* row (i, a): -F(+delta) / (2 delta), then + F(-delta) / (2 delta) */
  const double twice = 2.0 * fd->delta;
  for (size_t j = 0; j < n; j++)
    for (int b = 0; b < 3; b++) {
      double *h = &values[9 * (i * n + j) + 3 * a + b];
      if (plus) *h = -(force[3 * j + b] / twice);
      else *h += force[3 * j + b] / twice;
    }
  if (fd->answered == 6 * n) symmetrise_dense(n, values);
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
/* BLAS and LAPACK of the block solver */
extern void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
                   const double *alpha, const double *a, const int *lda, const double *b,
                   const int *ldb, const double *beta, double *c, const int *ldc, size_t ta_len,
                   size_t tb_len);
extern void dgeqp3_(const int *m, const int *n, double *a, const int *lda, int *jpvt, double *tau,
                    double *work, const int *lwork, int *info);
extern void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
                    double *work, const int *lwork, int *info);
extern void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
                    const double *tau, double *work, const int *lwork, int *info);

/* Convergence of a Ritz pair (theta, x) of the shift-inverted operator Op: |Op x - theta x| <=
 * TOL theta.  Then the eigenvalue's relative error is about TOL^2 / (relative gap) and the
 * vector's angle to the eigenvector about TOL / (relative gap) (Davis-Kahan; the relative gaps
 * of the lowest glass modes are 1e-4 .. 1e-1): far below the accuracy the users of P_i and the
 * frequencies need (1e-6 and 1e-5 relative) and the 1e-10 / 1e-8 of the
 * unit tests, while 1e-13 (ARPACK's tolerance here before) cost 10-20% more solves. */
#define TOL 1e-10

/* wall-clock seconds (monotonic) */
static double seconds_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* ARPACK's Lanczos basis: twice the modes plus a margin (fewer restarts), at most the order */
static int basis_size(int n, int nev)
{
  const int ncv = 2 * nev + 40;
  return ncv < n ? ncv : n;
}

/* block Krylov-Schur: the block size for the default (block 0): 32 columns per solve makes the
 * triangular solves with the factor BLAS3-bound (one pass over the factor serves 32 vectors)
 * while the Krylov space grows in steps small enough not to waste solves; at most the modes */
#define DEFAULT_BLOCK 32

/* the block solver's basis: the modes twice plus two blocks plus a margin of twice the modes
 * (at most 1,000: memory), which halves the restarts and saves ~15% of the solves on the
 * 4,000-atom glass against 2 nev + 2 block; at most n - 3 - block (the Krylov space lies in the
 * (n - 3)-dimensional complement of the translations); 0 when too small */
static int block_basis(int n, int nev, int block)
{
  int m = 2 * nev + 2 * block + (2 * nev < 1000 ? 2 * nev : 1000);
  if (m > n - 3 - block) m = n - 3 - block;
  return m >= nev + 2 * block ? m : 0;
}

static int resolve_block(int n, int nev, int block)
{
  if (block == 0) block = nev < DEFAULT_BLOCK ? nev : DEFAULT_BLOCK;
  if (block > 1 && !block_basis(n, nev, block)) block = 1; /* too small a system: ARPACK */
  return block;
}

size_t mgg_modes_sparse_memory(size_t n_atoms, size_t n_modes, int block)
{
  const size_t n = 3 * n_atoms;
  if (n_atoms < 2 || n_modes < 1 || n_modes > n - 3 || block < 0) return 0;
  const int b = resolve_block((int) n, (int) n_modes, block);
  if (b == 1) {
    const size_t ncv = (size_t) basis_size((int) n, (int) n_modes + 1);
    return (n * ncv + ncv * (ncv + 8) + 3 * n + 6 * n) * sizeof(double);
  }
  const size_t m = (size_t) block_basis((int) n, (int) n_modes, b), cap = m + (size_t) b;
  /* basis, translations, CHOLMOD's right-hand sides, solution and workspace, the new block;
   * projected matrix, Ritz vectors and their products */
  return (n * cap + 3 * n + 4 * n * (size_t) b + 2 * cap * cap + 4 * cap * (size_t) b) *
         sizeof(double);
}

/* D - sigma I, lower triangle in compressed columns (CHOLMOD, stype -1): column 3i+a holds the
 * entries of rows 3j+b >= 3i+a, from the blocks (i, j) of row i (H symmetric) */
static cholmod_sparse *shifted_lower(const mgg_modes_block_csr *h, const double *mass, double sigma,
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

/* The operator Op = P (D - sigma I)^-1 P on blocks of ncols vectors, P the projector orthogonal
 * to the translations t (3 columns of n).  cholmod_solve2 keeps its solution and workspace
 * between calls (cholmod_solve allocates them at every call) and solves all columns at once,
 * with BLAS3 in the supernodal factor. */
typedef struct {
  cholmod_factor *factor;
  cholmod_common *cm;
  cholmod_dense *rhs, *sol, *work_y, *work_e;
  const double *t;
  size_t n;
  int ncols;
  int calls, columns; /* solves and the vectors they solved for */
  double seconds;
} shift_invert;

static void project(const double *t, size_t n, double *x)
{
  for (int c = 0; c < 3; c++) {
    double dot = 0.0;
    for (size_t r = c; r < n; r += 3) dot += t[c * n + r] * x[r];
    for (size_t r = c; r < n; r += 3) x[r] -= dot * t[c * n + r];
  }
}

/* y (n x ncols, leading dimension n) = Op x */
static int apply_op(shift_invert *op, const double *x, double *y)
{
  const double start = seconds_now();
  const size_t n = op->n, all = n * (size_t) op->ncols;
  double *b = op->rhs->x;
  memcpy(b, x, all * sizeof(double));
  for (int k = 0; k < op->ncols; k++) project(op->t, n, b + n * k);
  if (!cholmod_solve2(CHOLMOD_A, op->factor, op->rhs, NULL, &op->sol, NULL, &op->work_y,
                      &op->work_e, op->cm))
    return 0;
  memcpy(y, op->sol->x, all * sizeof(double));
  for (int k = 0; k < op->ncols; k++) project(op->t, n, y + n * k);
  op->calls++;
  op->columns += op->ncols;
  op->seconds += seconds_now() - start;
  return 1;
}

/* deterministic start vectors: a fixed pseudo-random sequence (the same results on every run and
 * every number of MPI ranks) */
static double start_value(size_t r, int column)
{
  uint64_t z = (uint64_t) r * 0x9E3779B97F4A7C15u + (uint64_t) (column + 1) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  z ^= z >> 31;
  return (double) (z >> 11) / 9007199254740992.0 - 0.5;
}

/* ARPACK's single-vector shift-invert Lanczos (block 1): theta (the nev largest eigenvalues of Op,
 * descending) and their vectors into vectors (n x nev) */
static mgg_status arpack_solve(shift_invert *op, int nev, double sigma, double *eigenvalues,
                               double *vectors, mgg_modes_sparse_info *report)
{
  const size_t n = op->n;
  const int ni = (int) n, ncv = basis_size(ni, nev + 1);
  if (nev >= ncv) return MGG_ERR_BAD_ARGUMENT;
  const int lworkl = ncv * (ncv + 8);
  mgg_status st = MGG_OK;
  double *resid = malloc(n * sizeof(double)), *v = malloc(n * (size_t) ncv * sizeof(double));
  double *workd = malloc(3 * n * sizeof(double));
  double *workl = malloc((size_t) lworkl * sizeof(double)), *d = malloc((size_t) ncv * sizeof(double));
  int *select = malloc((size_t) ncv * sizeof(int));
  if (!resid || !v || !workd || !workl || !d || !select) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  /* the largest eigenvalues 1 / (lambda - sigma) of the operator are the lowest lambda; the start
   * vector is deterministic (orthogonal to the translations) */
  for (size_t r = 0; r < n; r++) resid[r] = 1.0 + 0.5 * sin(1.0 + 0.37 * (double) r);
  int ido = 0, info = 1, iparam[11] = {0}, ipntr[14] = {0};
  const double tol = TOL, lanczos_start = seconds_now(), solves_before = op->seconds;
  iparam[0] = 1;     /* exact shifts */
  iparam[2] = 1000;  /* restarts */
  iparam[6] = 3;     /* shift-invert */
  if (!apply_op(op, resid, workd)) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  memcpy(resid, workd, n * sizeof(double));
  for (;;) {
    dsaupd_(&ido, "I", &ni, "LM", &nev, &tol, resid, &ncv, v, &ni, iparam, ipntr, workd, workl,
            &lworkl, &info, 1, 2);
    if (ido != -1 && ido != 1) break;
    if (!apply_op(op, workd + ipntr[0] - 1, workd + ipntr[1] - 1)) {
      st = MGG_ERR_NO_MEMORY;
      goto done;
    }
  }
  report->seconds_lanczos = seconds_now() - lanczos_start - (op->seconds - solves_before);
  report->restarts = iparam[2];
  report->converged = iparam[4];
  if (info < 0 || info == 1 || iparam[4] < nev) {
    st = MGG_ERR_NOT_CONVERGED;
    goto done;
  }
  const int rvec = 1;
  double *z = v; /* dseupd may write the vectors over the basis */
  const double clock = seconds_now();
  dseupd_(&rvec, "A", select, d, z, &ni, &sigma, "I", &ni, "LM", &nev, &tol, resid, &ncv, v, &ni,
          iparam, ipntr, workd, workl, &lworkl, &info, 1, 1, 2);
  report->seconds_vectors = seconds_now() - clock;
  if (info != 0) {
    st = MGG_ERR_NOT_CONVERGED;
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
done:
  free(resid);
  free(v);
  free(workd);
  free(workl);
  free(d);
  free(select);
  return st;
}

/* w (n x b) -= v (n x k) c with c = v^T w (k x b, returned); once */
static void gram_schmidt(int n, int k, int b, const double *v, double *w, double *c)
{
  const double one = 1.0, zero = 0.0, minus = -1.0;
  if (k == 0) return;
  dgemm_("T", "N", &k, &b, &n, &one, v, &n, w, &n, &zero, c, &k, 1, 1);
  dgemm_("N", "N", &n, &b, &k, &minus, v, &n, c, &k, &one, w, &n, 1, 1);
}

/* Block classical Gram-Schmidt with reorthogonalisation (BCGS2, Barlow and Smoktunowicz 2013):
 * w = v c + q r with q (overwriting w, n x b) orthonormal and orthogonal to v (n x k); c (k x b),
 * r (b x b), column-major.  The first QR is column-pivoted so that a block that has become
 * (nearly) dependent on v shows as small trailing diagonal entries; those columns are replaced by
 * start vectors made orthogonal to everything (their rows of r zero).  ws: 2 k b + 4 b^2 + lwork
 * doubles, iws: b ints.  Returns 0 when no orthogonal direction is left. */
static int orthonormalise(int n, int k, int b, const double *v, double *w, double *c, double *r,
                          const double *t, int seed, double *ws, int lwork, int *iws)
{
  double *c2 = ws, *r1 = c2 + (size_t) k * b, *r2 = r1 + (size_t) b * b, *tau = r2 + (size_t) b * b;
  double *work = tau + b;
  const double one = 1.0, zero = 0.0;
  int info = 0;
  double scale = 0.0;
  for (int q = 0; q < b; q++) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += w[(size_t) q * n + i] * w[(size_t) q * n + i];
    scale = fmax(scale, sqrt(s));
  }
  memset(c, 0, (size_t) k * b * sizeof(double));
  /* w1 = (1 - v v^T) w, twice for rounding; c accumulates */
  for (int pass = 0; pass < 2 && k > 0; pass++) {
    gram_schmidt(n, k, b, v, w, c2);
    for (size_t e = 0; e < (size_t) k * b; e++) c[e] += c2[e];
  }
  /* w1 = q1 r1 pi^T */
  for (int q = 0; q < b; q++) iws[q] = 0;
  dgeqp3_(&n, &b, w, &n, iws, tau, work, &lwork, &info);
  if (info != 0) return 0;
  int rank = 0;
  while (rank < b && fabs(w[(size_t) rank * n + rank]) > 1e-13 * scale) rank++;
  memset(r1, 0, (size_t) b * b * sizeof(double));
  for (int q = 0; q < b; q++) /* r1 pi^T: column q of r1 goes to column iws[q] - 1 */
    for (int i = 0; i <= q && i < rank; i++) r1[(size_t) (iws[q] - 1) * b + i] = w[(size_t) q * n + i];
  dorgqr_(&n, &b, &b, w, &n, tau, work, &lwork, &info);
  if (info != 0) return 0;
  /* dependent columns: fresh directions, orthogonal to the translations, v and the other columns */
  for (int q = rank; q < b; q++) {
    double *z = w + (size_t) q * n;
    for (int i = 0; i < n; i++) z[i] = start_value((size_t) i, seed + q);
    project(t, (size_t) n, z);
    for (int pass = 0; pass < 2; pass++) {
      const int one_col = 1;
      gram_schmidt(n, k, one_col, v, z, c2);
      gram_schmidt(n, q, one_col, w, z, c2);
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) s += z[i] * z[i];
    if (!(sqrt(s) > 1e-8)) return 0;
    for (int i = 0; i < n; i++) z[i] /= sqrt(s);
  }
  /* q1 = v c2 + q r2: the second pass restores orthogonality to v lost when w1 was small */
  gram_schmidt(n, k, b, v, w, c2);
  dgeqrf_(&n, &b, w, &n, tau, work, &lwork, &info);
  if (info != 0) return 0;
  memset(r2, 0, (size_t) b * b * sizeof(double));
  for (int q = 0; q < b; q++)
    for (int i = 0; i <= q; i++) r2[(size_t) q * b + i] = w[(size_t) q * n + i];
  dorgqr_(&n, &b, &b, w, &n, tau, work, &lwork, &info);
  if (info != 0) return 0;
  /* w = v (c + c2 r1) + q (r2 r1) */
  if (k > 0) dgemm_("N", "N", &k, &b, &b, &one, c2, &k, r1, &b, &one, c, &k, 1, 1);
  dgemm_("N", "N", &b, &b, &b, &one, r2, &b, r1, &b, &zero, r, &b, 1, 1);
  return 1;
}

/* Block Krylov-Schur (thick-restart block Lanczos with full orthogonalisation; Zhou and Saad
 * 2008, Stewart 2001) for the nev largest eigenvalues theta of Op, descending, and their
 * vectors.  Written here because ARPACK has no block variant (its one vector per solve leaves
 * the solves bound by memory bandwidth: each one reads the whole factor for one vector), and
 * the block Krylov-Schur of Trilinos Anasazi (Debian libtrilinos-anasazi-dev) would bring a C++
 * stack (Teuchos, Epetra) into the C core; PRIMME is not packaged by Debian.
 * Basis v (n x (m + b)); T = V^T Op V is kept dense (cap x cap).  With c complete vectors and
 * the block after them, Op V_c = V_c T_cc + V_blk B with B = T[c:c+b, 0:c]; a Ritz pair
 * (theta, V_c y) of T_cc has the residual |B y|. */
static mgg_status block_solve(shift_invert *op, int nev, int b, double *theta_out,
                              double *vectors, mgg_modes_sparse_info *report)
{
  const int n = (int) op->n, m = block_basis(n, nev, b), cap = m + b;
  const size_t nn = op->n;
  int lwork = -1, info = 0, liwork = -1;
  mgg_status st = MGG_OK;
  /* workspace sizes: QR of n x b, dsyevr of order m */
  double wq = 0.0, dummy = 0.0;
  int iq = 0, jp[1] = {0};
  dgeqp3_(&n, &b, &dummy, &n, jp, &dummy, &wq, &lwork, &info);
  int lw_qr = (int) wq;
  dgeqrf_(&n, &b, &dummy, &n, &dummy, &wq, &lwork, &info);
  if ((int) wq > lw_qr) lw_qr = (int) wq;
  dorgqr_(&n, &b, &b, &dummy, &n, &dummy, &wq, &lwork, &info);
  if ((int) wq > lw_qr) lw_qr = (int) wq;
  if (lw_qr < 3 * b + 1) lw_qr = 3 * b + 1;
  {
    const double zero = 0.0;
    int one = 1, mm = 0;
    dsyevr_("V", "I", "L", &m, &dummy, &m, &zero, &zero, &one, &m, &zero, &mm, &dummy, &dummy, &m,
            jp, &wq, &lwork, &iq, &liwork, &info, 1, 1, 1);
  }
  const int lw_ev = (int) wq > 26 * m ? (int) wq : 26 * m, liw_ev = iq > 10 * m ? iq : 10 * m;

  double *v = malloc(nn * (size_t) cap * sizeof(double)), *w = malloc(nn * (size_t) b * sizeof(double));
  double *tm = calloc((size_t) cap * cap, sizeof(double)), *a = malloc((size_t) cap * cap * sizeof(double));
  double *y = malloc((size_t) cap * cap * sizeof(double)), *theta = malloc((size_t) cap * sizeof(double));
  double *by = malloc((size_t) b * cap * sizeof(double)), *c = malloc((size_t) cap * b * sizeof(double));
  double *rr = malloc((size_t) b * b * sizeof(double));
  double *ows = malloc(((size_t) 2 * cap * b + 4 * (size_t) b * b + (size_t) lw_qr) * sizeof(double));
  double *evw = malloc((size_t) lw_ev * sizeof(double));
  int *iws = malloc((size_t) (liw_ev + 2 * cap + b) * sizeof(int));
  const size_t chunk = 2048;
  double *tmp = malloc(chunk * (size_t) cap * sizeof(double));
  if (!v || !w || !tm || !a || !y || !theta || !by || !c || !rr || !ows || !evw || !iws || !tmp) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  const double one = 1.0, zero = 0.0, start = seconds_now();
  double solve_seconds = op->seconds;

  /* start block: orthonormal, orthogonal to the translations */
  for (int q = 0; q < b; q++) {
    for (size_t i = 0; i < nn; i++) v[(size_t) q * nn + i] = start_value(i, q);
    project(op->t, nn, v + (size_t) q * nn);
  }
  if (!orthonormalise(n, 0, b, v, v, c, rr, op->t, b, ows, lw_qr, iws)) {
    st = MGG_ERR_NOT_CONVERGED;
    goto done;
  }
  int cdone = 0, k = b, restarts = 0, seed = 2 * b, last_check = 0, converged = 0, p = 0;
  /* thick restart keeps the wanted Ritz vectors and a third of the rest */
  const int keep = nev + (m - nev) / 3 < m - b ? nev + (m - nev) / 3 : m - b;
  /* Rayleigh-Ritz (dsyevr, ~2 c^3 flops for c vectors) after every block unless that costs more
   * than a quarter of the block's solve and orthogonalisation (~4 nnz(L) b + 8 n c b) */
  const double lnz = op->cm->lnz;
  for (;;) {
    /* expand: the block at cdone .. k */
    if (!apply_op(op, v + (size_t) cdone * nn, w)) {
      st = MGG_ERR_NO_MEMORY;
      goto done;
    }
    if (!orthonormalise(n, k, b, v, w, c, rr, op->t, seed, ows, lw_qr, iws)) {
      st = MGG_ERR_NOT_CONVERGED;
      goto done;
    }
    seed += b;
    /* column block cdone .. k of T: T[0:k, blk] = c (symmetric), T[k:k+b, blk] = r */
    for (int q = 0; q < b; q++) {
      const int col = cdone + q;
      for (int i = 0; i < k; i++) {
        const double value = i < cdone ? 0.5 * (tm[(size_t) i * cap + col] + c[(size_t) q * k + i])
                                       : c[(size_t) q * k + i];
        tm[(size_t) col * cap + i] = value;
        if (i < cdone) tm[(size_t) i * cap + col] = value;
      }
      for (int i = 0; i < b; i++) {
        tm[(size_t) col * cap + k + i] = rr[(size_t) q * b + i];
        tm[(size_t) (k + i) * cap + col] = rr[(size_t) q * b + i];
      }
    }
    for (int q = 0; q < b; q++) /* the diagonal block exactly symmetric */
      for (int i = 0; i < q; i++) {
        const double s = 0.5 * (tm[(size_t) (cdone + q) * cap + cdone + i] +
                                tm[(size_t) (cdone + i) * cap + cdone + q]);
        tm[(size_t) (cdone + q) * cap + cdone + i] = tm[(size_t) (cdone + i) * cap + cdone + q] = s;
      }
    memcpy(v + (size_t) k * nn, w, nn * (size_t) b * sizeof(double));
    cdone = k;
    k += b;
    const int full = cdone + b > m;
    const double rr_cost = 2.0 * cdone * (double) cdone * cdone;
    const double block_cost = 4.0 * lnz * b + 8.0 * (double) n * cdone * b;
    const int check_every = b * (int) ceil(rr_cost / (0.25 * block_cost));
    if (cdone < nev || (!full && cdone - last_check < check_every)) continue;
    last_check = cdone;

    /* Rayleigh-Ritz: the p largest eigenpairs of T[0:cdone, 0:cdone] */
    p = full ? keep : nev;
    for (int q = 0; q < cdone; q++) memcpy(a + (size_t) q * cdone, tm + (size_t) q * cap, (size_t) cdone * sizeof(double));
    {
      const int il = cdone - p + 1;
      int found = 0;
      dsyevr_("V", "I", "L", &cdone, a, &cdone, &zero, &zero, &il, &cdone, &zero, &found, theta, y,
              &cdone, iws + liw_ev, evw, &lw_ev, iws, &liw_ev, &info, 1, 1, 1);
      if (info != 0 || found != p) {
        st = MGG_ERR_NOT_CONVERGED;
        goto done;
      }
    }
    /* residuals |B y| of the Ritz pairs, B = T[cdone:k, 0:cdone] */
    for (int q = 0; q < cdone; q++)
      for (int i = 0; i < b; i++) a[(size_t) q * b + i] = tm[(size_t) q * cap + cdone + i];
    dgemm_("N", "N", &b, &p, &cdone, &one, a, &b, y, &cdone, &zero, by, &b, 1, 1);
    converged = 0;
    for (int q = p - 1; q >= p - nev; q--) { /* from the largest theta */
      double s = 0.0;
      for (int i = 0; i < b; i++) s += by[(size_t) q * b + i] * by[(size_t) q * b + i];
      if (!(sqrt(s) <= TOL * fabs(theta[q]))) break;
      converged++;
    }
    if (converged == nev) break;
    if (!full) continue;
    if (restarts == 1000) {
      st = MGG_ERR_NOT_CONVERGED;
      goto done;
    }
    /* thick restart: V[:, 0:p] = V[:, 0:cdone] Y (by row chunks, in place), the residual block
     * after them, T = [diag(theta) (B Y)^T; B Y 0] */
    restarts++;
    for (size_t r0 = 0; r0 < nn; r0 += chunk) {
      const int rows = (int) (nn - r0 < chunk ? nn - r0 : chunk), ldt = (int) chunk;
      dgemm_("N", "N", &rows, &p, &cdone, &one, v + r0, &n, y, &cdone, &zero, tmp, &ldt, 1, 1);
      for (int q = 0; q < p; q++) memcpy(v + (size_t) q * nn + r0, tmp + (size_t) q * chunk, (size_t) rows * sizeof(double));
    }
    memmove(v + (size_t) p * nn, v + (size_t) cdone * nn, nn * (size_t) b * sizeof(double));
    memset(tm, 0, (size_t) cap * cap * sizeof(double));
    for (int q = 0; q < p; q++) {
      tm[(size_t) q * cap + q] = theta[q];
      for (int i = 0; i < b; i++)
        tm[(size_t) q * cap + p + i] = tm[(size_t) (p + i) * cap + q] = by[(size_t) q * b + i];
    }
    cdone = p;
    k = p + b;
    last_check = cdone;
  }

  report->restarts = restarts;
  report->converged = converged;
  solve_seconds = op->seconds - solve_seconds;
  report->seconds_lanczos = seconds_now() - start - solve_seconds;
  /* Ritz vectors of the nev largest theta, descending: vectors = V[:, 0:cdone] Y[:, p-1 .. p-nev] */
  const double clock = seconds_now();
  for (int q = 0; q < nev; q++) {
    theta_out[q] = theta[p - 1 - q];
    memcpy(a + (size_t) q * cdone, y + (size_t) (p - 1 - q) * cdone, (size_t) cdone * sizeof(double));
  }
  dgemm_("N", "N", &n, &nev, &cdone, &one, v, &n, a, &cdone, &zero, vectors, &n, 1, 1);
  report->seconds_vectors = seconds_now() - clock;
  report->seconds_lanczos -= report->seconds_vectors;
done:
  free(v);
  free(w);
  free(tm);
  free(a);
  free(y);
  free(theta);
  free(by);
  free(c);
  free(rr);
  free(ows);
  free(evw);
  free(iws);
  free(tmp);
  return st;
}

mgg_status mgg_modes_sparse(const mgg_modes_block_csr *h, const double *mass, size_t n_modes,
                            double sigma, int block, double *eigenvalues, double *vectors,
                            double translation_eigenvalues[3], mgg_modes_sparse_info *report)
{
  mgg_status st = check_matrix(h, mass);
  if (st != MGG_OK) return st;
  if (!eigenvalues || !vectors) return MGG_ERR_NULL_ARGUMENT;
  const size_t na = h->n_atoms, n = 3 * na;
  if (n_modes < 1 || n_modes > n - 3 || n > (size_t) INT32_MAX / 64 || !(sigma < 0.0) || block < 0)
    return MGG_ERR_BAD_ARGUMENT;
  const int nev = (int) n_modes, b = resolve_block((int) n, nev, block);
  if (b == 1 && nev >= basis_size((int) n, nev + 1)) return MGG_ERR_BAD_ARGUMENT;
  mgg_modes_sparse_info local;
  if (!report) report = &local;
  memset(report, 0, sizeof *report);
  report->block_size = b;
  double *t = calloc(3 * n, sizeof(double));
  cholmod_common cm;
  cholmod_start(&cm);
  cm.print = 0;
  cholmod_sparse *a = NULL;
  shift_invert op = {NULL, &cm, NULL, NULL, NULL, NULL, t, n, b, 0, 0, 0.0};
  if (!t) {
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
        for (size_t bl = h->row_start[i]; bl < h->row_start[i + 1]; bl++) {
          const size_t j = (size_t) h->col[bl];
          s += t[c * n + 3 * i + c] * h->values[9 * bl + 4 * c] / sqrt(mass[i] * mass[j]) *
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
  double clock = seconds_now();
  op.factor = cholmod_analyze(a, &cm);
  report->seconds_analyse = seconds_now() - clock;
  clock = seconds_now();
  if (op.factor) cholmod_factorize(a, op.factor, &cm);
  report->seconds_factorise = seconds_now() - clock;
  if (op.factor && cm.status == CHOLMOD_NOT_POSDEF) { /* sigma not below the spectrum */
    st = MGG_ERR_BAD_ARGUMENT;
    goto done;
  }
  if (!op.factor || cm.status != CHOLMOD_OK) { /* out of memory, or a factor beyond 32-bit indices */
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }
  report->factor_nonzeros = cm.lnz;
  report->factor_flops = cm.fl;
  cholmod_free_sparse(&a, &cm);
  op.rhs = cholmod_allocate_dense(n, (size_t) b, n, CHOLMOD_REAL, &cm);
  if (!op.rhs) {
    st = MGG_ERR_NO_MEMORY;
    goto done;
  }

  if (b == 1) {
    st = arpack_solve(&op, nev, sigma, eigenvalues, vectors, report);
  } else {
    st = block_solve(&op, nev, b, eigenvalues, vectors, report);
    /* lambda = sigma + 1 / theta, ascending since theta descends */
    if (st == MGG_OK)
      for (int q = 0; q < nev; q++) eigenvalues[q] = sigma + 1.0 / eigenvalues[q];
  }
  report->operator_applications = op.columns;
  report->block_solves = op.calls;
  report->seconds_solves = op.seconds;
done:
  cholmod_free_dense(&op.rhs, &cm);
  cholmod_free_dense(&op.sol, &cm);
  cholmod_free_dense(&op.work_y, &cm);
  cholmod_free_dense(&op.work_e, &cm);
  cholmod_free_factor(&op.factor, &cm);
  cholmod_free_sparse(&a, &cm);
  cholmod_finish(&cm);
  free(t);
  return st;
}
