/* mgglass core: normal modes of a periodic system (dense and sparse eigensolvers,
 * participation, V-DOS histogram) and the finite-difference Hessian. */
#ifndef MGG_MODES_H
#define MGG_MODES_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Normal modes of a periodic system: eigenpairs (lambda_m, e_m) of the mass-weighted dynamical
 * matrix D = M^-1/2 H M^-1/2, H the Hessian (eV/A^2 with metal units), masses in amu (g/mol),
 * so lambda in eV/(A^2 amu).  Angular frequency omega = sqrt(lambda); e_m normalised, 3 entries
 * per atom.  The three rigid translations t_c (entries sqrt(m_i / M) along c) are zero modes of
 * every periodic system; the solvers deflate them and return the modes orthogonal to them. */

/* hbar omega in meV and omega / 2 pi in THz for omega = 1 sqrt(eV / (A^2 amu)) (CODATA 2018) */
#define MGG_MODES_MEV_PER_UNIT 64.65415130134122
#define MGG_MODES_THZ_PER_UNIT 15.633304239856193

/* A symmetric matrix of 3x3 blocks in compressed rows (as mgg_eam_hessian() gives): row i holds
 * blocks col[row_start[i]] .. col[row_start[i+1]-1], block b at values[9 b .. 9 b + 8]
 * row-major. */
typedef struct {
  size_t n_atoms;
  const size_t *row_start; /* [n_atoms + 1] */
  const int *col;
  const double *values;
} mgg_modes_block_csr;

/* Signed square root: omega of an eigenvalue, negative for a negative eigenvalue (an unstable
 * direction: the structure is not at a minimum). */
double mgg_modes_omega(double eigenvalue);

/* The largest order 3 n_atoms of mgg_modes_dense(): LAPACK's 32-bit integers address the dense
 * matrix of order n without overflow of n^2 up to here. */
#define MGG_MODES_DENSE_MAX_ORDER 46340

/* Bytes of work mgg_modes_dense() needs (0 when the sizes are out of range: at least 2
 * atoms, 3 n_atoms <= MGG_MODES_DENSE_MAX_ORDER, 1 <= n_modes <= 3 n_atoms - 3).  About
 * 72 n_atoms^2 bytes. */
size_t mgg_modes_dense_work_size(size_t n_atoms, size_t n_modes);

/* The n_modes lowest eigenpairs of D orthogonal to the translations, with the dense LAPACK
 * solver dsyevr (the dense matrix is formed: for up to ~10,000 atoms).  mass [n_atoms];
 * eigenvalues [n_modes] ascending; vectors [3 n_atoms n_modes], mode k at vectors + 3 n_atoms k;
 * translation_eigenvalues (or NULL) receives t_c . D t_c, zero up to rounding for a Hessian of
 * a periodic system (a check of translational invariance).
 * Errors: MGG_ERR_BAD_ARGUMENT (sizes, a non-positive mass), MGG_ERR_NOT_CONVERGED (LAPACK
 * failure), MGG_ERR_BAD_INDEX,
 * MGG_ERR_BUFFER_TOO_SMALL, MGG_ERR_NULL_ARGUMENT. */
mgg_status mgg_modes_dense(const mgg_modes_block_csr *hessian, const double *mass, size_t n_modes,
                           void *work, size_t work_len, double *eigenvalues,
                           double *vectors, double translation_eigenvalues[3]);

/* Statistics of a sparse solution (for logs and benchmarks). */
typedef struct {
  double factor_nonzeros;    /* entries of the Cholesky factor */
  double factor_flops;       /* floating-point operations of the factorisation */
  int block_size;            /* vectors per solve (1: ARPACK) */
  int block_solves;          /* solves with the factor, each for block_size vectors */
  int operator_applications; /* vectors solved for */
  int restarts;              /* Lanczos restarts */
  int converged;             /* modes converged */
  /* wall-clock seconds of the phases */
  double seconds_analyse;    /* fill-reducing ordering and symbolic factorisation */
  double seconds_factorise;  /* numerical Cholesky factorisation */
  double seconds_solves;     /* the operator applications (solves with the factor) */
  double seconds_lanczos;    /* the Lanczos iteration besides the solves */
  double seconds_vectors;    /* Ritz vectors from the Lanczos basis */
} mgg_modes_sparse_info;

/* Approximate bytes the sparse solver needs besides the Cholesky factor (whose size depends on
 * the fill: see mgg_modes_sparse_info.factor_nonzeros, 8 bytes each); 0 for sizes out of range. */
size_t mgg_modes_sparse_memory(size_t n_atoms, size_t n_modes, int block);

/* The n_modes lowest eigenpairs of D orthogonal to the translations by shift-invert Lanczos on
 * P (D - sigma I)^-1 P, with a supernodal Cholesky factor (CHOLMOD) of D - sigma I; sigma < 0
 * must lie below the spectrum (a structure at a minimum has none below 0; choose sigma a fraction
 * of the expected lowest non-zero eigenvalue below 0).  block: vectors per solve; 1 is ARPACK's
 * single-vector Lanczos (dsaupd, mode 3), more a block Krylov-Schur iteration whose solves with
 * the factor serve that many vectors at once (BLAS3), 0 the default (32, at most n_modes).  A
 * system too small for the block basis (3 n_atoms < n_modes + 3 block + 3) uses ARPACK.
 * Converged when |Op x - theta x| <= 1e-10 theta for each Ritz pair.  Output as
 * mgg_modes_dense().  This solver allocates its own memory (CHOLMOD's factor, whose size is
 * known only after its symbolic analysis, and ARPACK's arrays beside it); report may be
 * NULL.  Errors: MGG_ERR_BAD_ARGUMENT (sizes, sigma >= 0, block < 0, D - sigma I not positive
 * definite), MGG_ERR_NOT_CONVERGED, MGG_ERR_NO_MEMORY (also a factor beyond CHOLMOD's 32-bit
 * indices), MGG_ERR_BAD_INDEX, MGG_ERR_NULL_ARGUMENT.  No limit on the order besides memory. */
mgg_status mgg_modes_sparse(const mgg_modes_block_csr *hessian, const double *mass, size_t n_modes,
                            double sigma, int block, double *eigenvalues, double *vectors,
                            double translation_eigenvalues[3], mgg_modes_sparse_info *report);

/* Participation P_i = sum over the n_modes modes of |e_m^i|^2 (participation [n_atoms]); the
 * sum over atoms equals n_modes. */
mgg_status mgg_modes_participation(size_t n_atoms, size_t n_modes, const double *vectors,
                                   double *participation);

/* Vibrational density of states: histogram of hbar omega (meV) of n_modes eigenvalues in n_bins
 * bins of bin_width meV from 0, normalised so that sum dos * bin_width = 1 over all n_modes;
 * *n_outside counts the modes outside the bins (negative or beyond n_bins bin_width). */
mgg_status mgg_modes_vdos(size_t n_modes, const double *eigenvalues, double bin_width,
                          size_t n_bins, double *dos, size_t *n_outside);

/* |eigenvalue| below this (eV/(A^2 amu), hbar omega 0.065 meV) counts as a zero mode */
#define MGG_MODES_ZERO_EIGENVALUE 1e-6

/* Zero and unstable modes of a solution: *n_zero (or NULL) receives the three translations, which
 * the solvers deflate, plus the n_modes eigenvalues with |lambda| < MGG_MODES_ZERO_EIGENVALUE;
 * *n_negative (or NULL) the others below 0 (unstable directions: not at a minimum). */
mgg_status mgg_modes_count(size_t n_modes, const double *eigenvalues, size_t *n_zero,
                           size_t *n_negative);

/* Consecutive eigenvalues closer than this relative to the larger magnitude are equal */
#define MGG_MODES_EQUAL_RELATIVE 1e-8

/* The largest number of equal eigenvalues among n_modes ascending ones: the longest run in which
 * each differs from the one before by at most MGG_MODES_EQUAL_RELATIVE times its own magnitude
 * (0 for n_modes 0).  A Krylov method finds at most as many copies of a repeated eigenvalue as
 * it has start vectors (in exact arithmetic): mgg_modes_sparse() with block size b (1: ARPACK)
 * may have missed copies of a run as long as max(2, b), which a degenerate spectrum (a perfect
 * crystal, a replicated cell) has. */
size_t mgg_modes_largest_equal(size_t n_modes, const double *eigenvalues);

/* ---- Hessian by central differences of the forces ------------------------------------------
 * H_(i a),(j b) = -(F_j,b(x + delta e_i,a) - F_j,b(x - delta e_i,a)) / (2 delta), error second
 * order in delta, as LAMMPS's dynamical_matrix builds it; then H is replaced by (H + H^T) / 2,
 * which removes the asymmetry of the differences (second order in delta, and round-off) that the
 * solvers, which read one triangle, would otherwise see.  Every block is present (a dense
 * pattern, for the solvers above): an atom's displacement moves the forces of all atoms.
 * Reverse communication, so that the caller evaluates the forces however it can (a pair style
 * over processes):
 *   mgg_modes_fd_start(n_atoms, delta, &fd, row_start, col);
 *   while (mgg_modes_fd_request(&fd, &atom, &axis, &displacement)) {
 *     forces of all atoms with coordinate axis of atom (and of each periodic copy of it) moved by
 *     displacement from the undisplaced positions;
 *     mgg_modes_fd_answer(&fd, force, values);
 *   }
 * The answer that completes the matrix also symmetrises it.  A process that does not assemble
 * the matrix passes NULL force and values to stay in step. */
typedef struct {
  size_t n_atoms;
  double delta;
  size_t answered; /* 6 per atom: axes x, y, z, each displaced by +delta then -delta */
} mgg_modes_fd;

/* row_start [n_atoms + 1] and col [n_atoms^2] receive the dense block pattern (row i: columns 0
 * .. n_atoms - 1), or may both be NULL (a process that does not assemble).  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (n_atoms < 1 or beyond int indices of the
 * pattern, delta not > 0 or not finite). */
mgg_status mgg_modes_fd_start(size_t n_atoms, double delta, mgg_modes_fd *fd, size_t *row_start,
                              int *col);

/* 1 and the next displacement (atom 0-based, axis 0-2, displacement +-delta) while one is
 * needed; 0 once all 6 n_atoms have been answered. */
int mgg_modes_fd_request(const mgg_modes_fd *fd, size_t *atom, int *axis, double *displacement);

/* force: the forces of all n_atoms atoms (3 each) at the requested displacement; values: the
 * 9 n_atoms^2 block values on the pattern of mgg_modes_fd_start(), assembled over the answers
 * (not read before the first).  Errors: MGG_ERR_NULL_ARGUMENT (one of force and values NULL),
 * MGG_ERR_BAD_ARGUMENT (no displacement requested). */
mgg_status mgg_modes_fd_answer(mgg_modes_fd *fd, const double *force, double *values);

#ifdef __cplusplus
}
#endif

#endif
