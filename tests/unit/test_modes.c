/* Normal modes: the dense solver against the closed-form spectrum of a simple cubic lattice with
 * nearest-neighbour springs and against LAPACK dsyev (QR, all eigenvalues) on a random stable
 * system with unequal masses; the sparse shift-invert solver against the dense one on a
 * spring network and on a cell replicated three times (equal pairs of eigenvalues); eigen-residuals, orthogonality to the translations, participation
 * sums, V-DOS binning and normalisation, argument errors; the finite-difference Hessian of a
 * Morse cluster against its analytic Hessian and its symmetrisation on a linear force field;
 * counting zero, negative and equal eigenvalues. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"

extern void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                   double *w, double *work, const int *lwork, int *info, size_t, size_t);

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* a dense 3n x 3n symmetric matrix (row-major) as a block matrix with every block present */
typedef struct {
  size_t n;
  size_t *row_start;
  int *col;
  double *values;
  mgg_modes_block_csr csr;
} blocks;

static void blocks_from_dense(size_t n, const double *h, blocks *b)
{
  b->n = n;
  b->row_start = malloc((n + 1) * sizeof(size_t));
  b->col = malloc(n * n * sizeof(int));
  b->values = malloc(9 * n * n * sizeof(double));
  assert_true(b->row_start && b->col && b->values);
  for (size_t i = 0; i <= n; i++) b->row_start[i] = i * n;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      b->col[i * n + j] = (int) j;
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) b->values[9 * (i * n + j) + 3 * r + c] = h[(3 * i + r) * 3 * n + 3 * j + c];
    }
  b->csr = (mgg_modes_block_csr){n, b->row_start, b->col, b->values};
}

static void free_blocks(blocks *b)
{
  free(b->row_start);
  free(b->col);
  free(b->values);
}

/* the dense solver's k lowest modes; the caller frees *vectors */
static mgg_status solve(const blocks *b, const double *mass, size_t k, double *eigen, double **vectors,
                        double translations[3])
{
  const size_t bytes = mgg_modes_dense_work_size(b->n, k);
  assert_true(bytes > 0);
  void *ws = malloc(bytes);
  *vectors = malloc(3 * b->n * k * sizeof(double));
  assert_true(ws && *vectors);
  assert_int_equal(mgg_modes_dense(&b->csr, mass, k, ws, bytes - 1, eigen, *vectors, translations),
                   MGG_ERR_BUFFER_TOO_SMALL);
  const mgg_status st = mgg_modes_dense(&b->csr, mass, k, ws, bytes, eigen, *vectors, translations);
  free(ws);
  return st;
}

/* Simple cubic lattice, L^3 atoms of mass m, springs k between nearest neighbours acting along
 * the bond only: every line of atoms along axis a is an independent chain for displacements
 * along a, lambda = (2 k / m) (1 - cos(2 pi q / L)), q = 0 .. L-1, each L^2 times per axis. */
static void test_cubic_lattice(void **state)
{
  (void) state;
  enum { L = 4, N = L * L * L };
  const double k = 1.3, m = 2.5;
  double *h = calloc(9 * N * N, sizeof(double)), mass[N];
  assert_non_null(h);
  for (int i = 0; i < N; i++) {
    mass[i] = m;
    const int c[3] = {i % L, (i / L) % L, i / (L * L)};
    for (int a = 0; a < 3; a++)
      for (int s = -1; s <= 1; s += 2) {
        int d[3] = {c[0], c[1], c[2]};
        d[a] = (d[a] + s + L) % L;
        const int j = d[0] + L * d[1] + L * L * d[2];
        h[(3 * i + a) * 3 * N + 3 * i + a] += k;
        h[(3 * i + a) * 3 * N + 3 * j + a] -= k;
      }
  }
  blocks b;
  blocks_from_dense(N, h, &b);
  const size_t nm = 3 * N - 3;
  double eigen[3 * N], expect[3 * N], *vec, tr[3];
  assert_int_equal(solve(&b, mass, nm, eigen, &vec, tr), MGG_OK);
  size_t e = 0;
  for (int a = 0; a < 3; a++)
    for (int q = 0; q < L; q++)
      for (int rep = 0; rep < L * L; rep++)
        if (q || rep) expect[e++] = 2.0 * k / m * (1.0 - cos(2.0 * M_PI * q / L)); /* q = 0 once is the translation */
  assert_int_equal(e, nm);
  for (size_t i = 0; i < nm; i++)
    for (size_t j = i + 1; j < nm; j++)
      if (expect[j] < expect[i]) {
        const double t = expect[i];
        expect[i] = expect[j];
        expect[j] = t;
      }
  for (size_t i = 0; i < nm; i++) assert_true(fabs(eigen[i] - expect[i]) < 1e-12);
  for (int c = 0; c < 3; c++) assert_true(fabs(tr[c]) < 1e-14);
  /* all modes: sum_i P_i = 3N - 3, and P_i = 1 - (translations' share m_i / M each) = 1 - 3/N */
  double p[N];
  assert_int_equal(mgg_modes_participation(N, nm, vec, p), MGG_OK);
  for (int i = 0; i < N; i++) assert_true(fabs(p[i] - (3.0 - 3.0 / N)) < 1e-11);
  free(vec);
  free_blocks(&b);
  free(h);
}

/* Random stable system: springs along random directions between all pairs (positive
 * semi-definite, translation invariant, no other zero mode), random masses. */
static void test_random_against_dsyev(void **state)
{
  (void) state;
  enum { N = 14, M = 3 * N };
  unsigned seed = 7u;
  double *h = calloc(M * M, sizeof(double)), mass[N];
  assert_non_null(h);
  for (int i = 0; i < N; i++) mass[i] = uniform(&seed, 10.0, 100.0);
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++) {
      double u[3], nrm = 0.0;
      for (int a = 0; a < 3; a++) nrm += (u[a] = uniform(&seed, -1.0, 1.0)) * u[a];
      const double k = uniform(&seed, 0.2, 2.0) / nrm;
      for (int a = 0; a < 3; a++)
        for (int c = 0; c < 3; c++) {
          const double v = k * u[a] * u[c];
          h[(3 * i + a) * M + 3 * i + c] += v;
          h[(3 * j + a) * M + 3 * j + c] += v;
          h[(3 * i + a) * M + 3 * j + c] -= v;
          h[(3 * j + a) * M + 3 * i + c] -= v;
        }
    }
  /* reference: all eigenvalues of D by QR */
  double d[M * M], w[M], work[64 * M];
  for (int r = 0; r < M; r++)
    for (int c = 0; c < M; c++) d[r * M + c] = h[r * M + c] / sqrt(mass[r / 3] * mass[c / 3]);
  const int n = M, lwork = 64 * M;
  int info = 0;
  dsyev_("N", "L", &n, d, &n, w, work, &lwork, &info, 1, 1);
  assert_int_equal(info, 0);
  for (int z = 0; z < 3; z++) assert_true(fabs(w[z]) < 1e-13);
  assert_true(w[3] > 1e-3);

  blocks b;
  blocks_from_dense(N, h, &b);
  const size_t k = 20;
  double eigen[20], *vec, tr[3];
  assert_int_equal(solve(&b, mass, k, eigen, &vec, tr), MGG_OK);
  double total = 0.0;
  for (int i = 0; i < N; i++) total += mass[i];
  for (size_t m = 0; m < k; m++) {
    assert_true(fabs(eigen[m] - w[3 + m]) < 1e-12 * w[M - 1]);
    const double *e = vec + M * m;
    double norm = 0.0, trans[3] = {0, 0, 0}, resid = 0.0;
    for (int r = 0; r < M; r++) {
      double de = 0.0;
      for (int c = 0; c < M; c++) de += h[r * M + c] / sqrt(mass[r / 3] * mass[c / 3]) * e[c];
      resid = fmax(resid, fabs(de - eigen[m] * e[r]));
      norm += e[r] * e[r];
      trans[r % 3] += sqrt(mass[r / 3] / total) * e[r];
    }
    assert_true(fabs(norm - 1.0) < 1e-12 && resid < 1e-12);
    for (int c = 0; c < 3; c++) assert_true(fabs(trans[c]) < 1e-12);
  }
  double p[N], sum = 0.0;
  assert_int_equal(mgg_modes_participation(N, k, vec, p), MGG_OK);
  for (int i = 0; i < N; i++) sum += p[i];
  assert_true(fabs(sum - (double) k) < 1e-12);
  free(vec);

  /* errors */
  double one;
  char ws[64];
  double *v1 = malloc(M * sizeof(double));
  assert_non_null(v1);
  assert_int_equal(mgg_modes_dense_work_size(N, 0), 0);
  assert_int_equal(mgg_modes_dense_work_size(N, M - 2), 0);
  assert_int_equal(mgg_modes_dense(&b.csr, mass, 1, ws, sizeof ws, &one, v1, NULL), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_modes_dense(&b.csr, mass, M - 2, ws, sizeof ws, &one, v1, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_dense(NULL, mass, 1, ws, sizeof ws, &one, v1, NULL), MGG_ERR_NULL_ARGUMENT);
  mass[3] = 0.0;
  assert_int_equal(mgg_modes_dense(&b.csr, mass, 1, ws, sizeof ws, &one, v1, NULL), MGG_ERR_BAD_ARGUMENT);
  mass[3] = 1.0;
  b.col[5] = N;
  assert_int_equal(mgg_modes_dense(&b.csr, mass, 1, ws, sizeof ws, &one, v1, NULL), MGG_ERR_BAD_INDEX);
  free(v1);
  free_blocks(&b);
  free(h);
}

/* Adds to the dense 3n x 3n matrix h the Hessian of central springs between the atoms closer
 * than 1.5 (minimum image in the orthogonal periodic box), of constant stiffness(r^2, ctx) each,
 * called once per spring in the order of the pairs */
static void add_springs(int n, const double *x, const double box[3],
                        double (*stiffness)(double r2, void *ctx), void *ctx, double *h)
{
  const size_t m = 3 * (size_t) n;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) {
      double u[3], r2 = 0.0;
      for (int a = 0; a < 3; a++) {
        u[a] = x[3 * j + a] - x[3 * i + a];
        u[a] -= box[a] * nearbyint(u[a] / box[a]);
        r2 += u[a] * u[a];
      }
      if (r2 > 1.5 * 1.5) continue;
      const double k = stiffness(r2, ctx);
      for (int a = 0; a < 3; a++)
        for (int c = 0; c < 3; c++) {
          const double v = k * u[a] * u[c];
          h[(size_t) (3 * i + a) * m + 3 * i + c] += v;
          h[(size_t) (3 * j + a) * m + 3 * j + c] += v;
          h[(size_t) (3 * i + a) * m + 3 * j + c] -= v;
          h[(size_t) (3 * j + a) * m + 3 * i + c] -= v;
        }
    }
}

/* random spring constants around 1/r^2 (ctx: the random state) */
static double random_stiffness(double r2, void *ctx)
{
  return uniform((unsigned *) ctx, 0.5, 1.5) / r2;
}

/* spring constants that depend on the distance only */
static double distance_stiffness(double r2, void *ctx)
{
  (void) ctx;
  return (1.0 + 0.4 * sin(9.0 * sqrt(r2))) / r2;
}

/* Sparse shift-invert Lanczos against the dense solver: a perturbed simple cubic lattice (6^3
 * atoms, periodic) with central springs to the 18 first and second neighbours, random masses */
static void test_sparse_against_dense(void **state)
{
  (void) state;
  enum { L = 6, N = L * L * L, M = 3 * N, K = 12 };
  unsigned seed = 11u;
  double *x = malloc(3 * N * sizeof(double)), mass[N];
  double *h = calloc((size_t) M * M, sizeof(double));
  assert_true(x && h);
  for (int i = 0; i < N; i++) {
    const int c[3] = {i % L, (i / L) % L, i / (L * L)};
    for (int a = 0; a < 3; a++) x[3 * i + a] = c[a] + uniform(&seed, -0.1, 0.1);
    mass[i] = uniform(&seed, 20.0, 90.0);
  }
  const double box[3] = {L, L, L};
  add_springs(N, x, box, random_stiffness, &seed, h);
  /* blocks of coupled pairs only, columns in increasing order */
  blocks b;
  b.n = N;
  b.row_start = malloc((N + 1) * sizeof(size_t));
  b.col = malloc((size_t) N * N * sizeof(int));
  b.values = malloc(9 * (size_t) N * N * sizeof(double));
  assert_true(b.row_start && b.col && b.values);
  size_t nb = 0;
  for (int i = 0; i < N; i++) {
    b.row_start[i] = nb;
    for (int j = 0; j < N; j++) {
      double any = 0.0;
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) any += fabs(h[(size_t) (3 * i + r) * M + 3 * j + c]);
      if (any == 0.0) continue;
      b.col[nb] = j;
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) b.values[9 * nb + 3 * r + c] = h[(size_t) (3 * i + r) * M + 3 * j + c];
      nb++;
    }
  }
  b.row_start[N] = nb;
  b.csr = (mgg_modes_block_csr){N, b.row_start, b.col, b.values};
  assert_true(nb < 25 * (size_t) N); /* sparse: 18 neighbours and the atom itself */

  double dense[K], sparse[K], *vd, tr_d[3], tr_s[3];
  assert_int_equal(solve(&b, mass, K, dense, &vd, tr_d), MGG_OK);
  double *vs = malloc((size_t) M * K * sizeof(double));
  assert_non_null(vs);
  /* ARPACK (block 1), a block of 5 vectors (restarts, K not a multiple) and the default (K) */
  const int blocks_tried[3] = {1, 5, 0}, block_expected[3] = {1, 5, K};
  for (int run = 0; run < 3; run++) {
    mgg_modes_sparse_info info;
    assert_int_equal(mgg_modes_sparse(&b.csr, mass, K, -0.3 * dense[0], blocks_tried[run], sparse,
                                      vs, tr_s, &info), MGG_OK);
    assert_true(info.converged >= K && info.factor_nonzeros > 0.0);
    assert_int_equal(info.block_size, block_expected[run]);
    assert_int_equal(info.operator_applications, info.block_solves * info.block_size);
    for (int k = 0; k < K; k++) {
      assert_true(fabs(sparse[k] - dense[k]) < 1e-10 * dense[k]);
      const double gap_lo = k > 0 ? dense[k] - dense[k - 1] : INFINITY;
      const double gap_hi = k + 1 < K ? dense[k + 1] - dense[k] : INFINITY;
      if (fmin(gap_lo, gap_hi) < 1e-6 * dense[k]) continue; /* a degenerate pair: any basis */
      double dot = 0.0;
      for (int r = 0; r < M; r++) dot += vd[(size_t) k * M + r] * vs[(size_t) k * M + r];
      assert_true(fabs(fabs(dot) - 1.0) < 1e-8);
    }
    for (int c = 0; c < 3; c++) assert_true(fabs(tr_s[c] - tr_d[c]) < 1e-12);
  }
  /* sigma must be below the spectrum and negative */
  assert_int_equal(mgg_modes_sparse(&b.csr, mass, K, 0.0, 0, sparse, vs, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_sparse(&b.csr, mass, 0, -1.0, 0, sparse, vs, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_sparse(&b.csr, mass, K, -1.0, -1, sparse, vs, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_sparse(&b.csr, mass, K, -1.0, 0, NULL, vs, NULL, NULL), MGG_ERR_NULL_ARGUMENT);
  free(vs);
  free(vd);
  free_blocks(&b);
  free(h);
  free(x);
}

/* A cell replicated three times along x (Bloch vectors 0 and +-2 pi / 3: most eigenvalues come in
 * equal pairs): the block solver finds both members of every pair, as the dense solver does.
 * 4^3 perturbed lattice sites, springs to neighbours within 1.5 whose constant depends on the
 * distance only (so that the replicas are exact copies), random masses repeated per replica. */
static void test_block_replicated_cell(void **state)
{
  (void) state;
  enum { L = 4, NC = L * L * L, R = 3, N = R * NC, M = 3 * N, K = 24 };
  unsigned seed = 5u;
  double xc[3 * NC], mc[NC], x[3 * N], mass[N];
  for (int i = 0; i < NC; i++) {
    const int c[3] = {i % L, (i / L) % L, i / (L * L)};
    for (int a = 0; a < 3; a++) xc[3 * i + a] = c[a] + uniform(&seed, -0.12, 0.12);
    mc[i] = uniform(&seed, 20.0, 90.0);
  }
  for (int r = 0; r < R; r++)
    for (int i = 0; i < NC; i++) {
      for (int a = 0; a < 3; a++) x[3 * (r * NC + i) + a] = xc[3 * i + a] + (a == 0 ? L * r : 0.0);
      mass[r * NC + i] = mc[i];
    }
  const double box[3] = {R * L, L, L};
  double *h = calloc((size_t) M * M, sizeof(double));
  assert_non_null(h);
  add_springs(N, x, box, distance_stiffness, NULL, h);
  blocks b;
  blocks_from_dense(N, h, &b);
  double dense[K], sparse[K], *vd, tr[3];
  assert_int_equal(solve(&b, mass, K, dense, &vd, tr), MGG_OK);
  int pairs = 0;
  for (int k = 1; k < K; k++) pairs += dense[k] - dense[k - 1] < 1e-9 * dense[k];
  assert_true(pairs >= K / 4); /* the replica's degeneracy is there */
  double *vs = malloc((size_t) M * K * sizeof(double));
  assert_non_null(vs);
  mgg_modes_sparse_info info;
  assert_int_equal(mgg_modes_sparse(&b.csr, mass, K, -0.3 * dense[0], 6, sparse, vs, NULL, &info), MGG_OK);
  assert_int_equal(info.block_size, 6);
  for (int k = 0; k < K; k++) assert_true(fabs(sparse[k] - dense[k]) < 1e-10 * dense[k]);
  free(vs);
  free(vd);
  free_blocks(&b);
  free(h);
}

static void test_vdos(void **state)
{
  (void) state;
  /* hbar omega = 0.7, 1.7, 1.7, 10 meV and an unstable mode */
  double lambda[5];
  const double mev[5] = {0.7, 1.7, 1.7, 10.0, -2.0};
  for (int k = 0; k < 5; k++) lambda[k] = copysign(pow(mev[k] / MGG_MODES_MEV_PER_UNIT, 2), mev[k]);
  for (int k = 0; k < 5; k++)
    assert_true(fabs(MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(lambda[k]) - mev[k]) < 1e-12);
  double dos[5];
  size_t outside = 0;
  assert_int_equal(mgg_modes_vdos(5, lambda, 0.5, 5, dos, &outside), MGG_OK);
  const double expect[5] = {0.0, 0.4, 0.0, 0.8, 0.0}; /* 1 / (5 modes x 0.5 meV) per mode */
  for (int b = 0; b < 5; b++) assert_true(fabs(dos[b] - expect[b]) < 1e-12);
  assert_int_equal(outside, 2);
  assert_int_equal(mgg_modes_vdos(5, lambda, 0.0, 5, dos, &outside), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_vdos(5, NULL, 0.5, 5, dos, &outside), MGG_ERR_NULL_ARGUMENT);
  /* the THz and meV constants are h-bar apart: E = h f, h = 4.135667696e-3 eV / THz */
  assert_true(fabs(MGG_MODES_MEV_PER_UNIT / MGG_MODES_THZ_PER_UNIT - 4.135667696) < 1e-8);
}


/* A ring of n atoms with alternating masses m1, m2 and springs k between neighbours, each
 * Cartesian component independent (H = K x I3): the diatomic chain, lambda = k (s +- sqrt(s^2 -
 * 4 sin^2(q / 2) / (m1 m2))), s = 1 / m1 + 1 / m2, q = 2 pi j / (n / 2), each three times. */
typedef struct {
  size_t n;
  size_t *row_start;
  int *col;
  double *values, *mass, *lambda; /* lambda: the 3 n - 3 non-zero eigenvalues */
  mgg_modes_block_csr csr;
} ring;

static void make_ring(size_t n, double k, double m1, double m2, ring *g)
{
  g->n = n;
  g->row_start = malloc((n + 1) * sizeof(size_t));
  g->col = malloc(3 * n * sizeof(int));
  g->values = calloc(27 * n, sizeof(double));
  g->mass = malloc(n * sizeof(double));
  g->lambda = malloc((3 * n - 3) * sizeof(double));
  assert_true(g->row_start && g->col && g->values && g->mass && g->lambda);
  for (size_t i = 0; i < n; i++) {
    g->row_start[i] = 3 * i;
    g->mass[i] = i % 2 ? m2 : m1;
    const size_t nb[3] = {(i + n - 1) % n, i, (i + 1) % n};
    for (int b = 0; b < 3; b++) {
      g->col[3 * i + b] = (int) nb[b];
      for (int a = 0; a < 3; a++) g->values[9 * (3 * i + b) + 4 * a] = nb[b] == i ? 2.0 * k : -k;
    }
  }
  g->row_start[n] = 3 * n;
  g->csr = (mgg_modes_block_csr){n, g->row_start, g->col, g->values};
  const double s = 1.0 / m1 + 1.0 / m2;
  const size_t cells = n / 2;
  size_t m = 0;
  for (size_t j = 0; j < cells; j++) {
    const double sq = sin(M_PI * (double) j / (double) cells);
    const double root = sqrt(s * s - 4.0 * sq * sq / (m1 * m2));
    for (int a = 0; a < 3; a++) {
      if (j > 0) g->lambda[m++] = k * (s - root);
      g->lambda[m++] = k * (s + root);
    }
  }
  assert_int_equal(m, 3 * n - 3);
}

static void free_ring(ring *g)
{
  free(g->row_start);
  free(g->col);
  free(g->values);
  free(g->mass);
  free(g->lambda);
}

/* largest difference of the cumulative V-DOS at the bin edges (a share of the modes) */
static double cumulative_distance(size_t bins, double width, const double *a, const double *b)
{
  double ca = 0.0, cb = 0.0, worst = 0.0;
  for (size_t i = 0; i < bins; i++) {
    ca += a[i] * width;
    cb += b[i] * width;
    worst = fmax(worst, fabs(ca - cb));
  }
  return worst;
}

/* The kernel polynomial V-DOS on the diatomic ring (Cu and Zr masses, spectrum up to ~33 meV)
 * against its analytic spectrum: the interval holds the spectrum; the stochastic moments agree
 * with the exact ones within the trace's statistical error; the V-DOS of the exact moments and
 * of the stochastic ones against the exact histogram, as cumulative shares at the bin edges
 * (the Jackson kernel moves weight by about its width, 0.03-0.3 meV here, across bin edges
 * 1 meV apart); reproducible with the seed; argument errors. */
static void test_kpm_ring(void **state)
{
  (void) state;
  enum { N = 2000, MOMENTS = 400, VECTORS = 8, BINS = 40 };
  const size_t nz = 3 * N - 3;
  ring g;
  make_ring(N, 5.0, 63.546, 91.224, &g);
  double lmax = 0.0;
  for (size_t m = 0; m < nz; m++) lmax = fmax(lmax, g.lambda[m]);

  const size_t bytes = mgg_vdos_kpm_moments_work_size(N, MOMENTS, VECTORS);
  assert_true(bytes > 0);
  void *ws = malloc(bytes);
  double *mu = malloc(MOMENTS * sizeof(double)), *again = malloc(MOMENTS * sizeof(double)),
         *exact = calloc(MOMENTS, sizeof(double));
  assert_true(ws && mu && again && exact);
  mgg_vdos_kpm_info info;
  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, g.mass, MOMENTS, VECTORS, 12345, ws, bytes, mu, &info),
                   MGG_OK);
  print_message("kpm ring: interval %.5g %.5g, lambda max %.5g, gershgorin %d\n", info.lower, info.upper, lmax, info.gershgorin);
  assert_true(info.lower <= 0.0 && info.upper >= lmax && info.upper < 1.1 * lmax);
  assert_int_equal(info.gershgorin, 0);
  assert_int_equal(info.products, info.lanczos_steps + MOMENTS / 2);
  assert_true(mu[0] == 1.0);

  /* exact moments of the analytic spectrum on the same interval */
  const double centre = 0.5 * (info.upper + info.lower), half = 0.5 * (info.upper - info.lower);
  for (size_t m = 0; m < nz; m++) {
    const double theta = acos((g.lambda[m] - centre) / half);
    for (int k = 0; k < MOMENTS; k++) exact[k] += cos(k * theta) / (double) nz;
  }
  /* Rademacher trace: standard deviation below sqrt(2 / (VECTORS nz)) = 0.0065 per moment */
  double worst = 0.0;
  for (int k = 0; k < MOMENTS; k++) worst = fmax(worst, fabs(mu[k] - exact[k]));
  print_message("kpm ring: largest moment error %.3g (interval %.4g %.4g, lambda max %.4g)\n",
                worst, info.lower, info.upper, lmax);
  assert_true(worst < 5.0 * sqrt(2.0 / (VECTORS * (double) nz)));

  /* the same seed gives the same moments, another seed others */
  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, g.mass, MOMENTS, VECTORS, 12345, ws, bytes, again, NULL),
                   MGG_OK);
  assert_memory_equal(mu, again, MOMENTS * sizeof(double));
  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, g.mass, MOMENTS, VECTORS, 7, ws, bytes, again, NULL),
                   MGG_OK);
  assert_true(memcmp(mu, again, MOMENTS * sizeof(double)) != 0);

  double histogram[BINS], dos_exact[BINS], dos_kpm[BINS], below, above;
  size_t outside = 0;
  assert_int_equal(mgg_modes_vdos(nz, g.lambda, 1.0, BINS, histogram, &outside), MGG_OK);
  assert_int_equal(outside, 0);
  assert_int_equal(mgg_vdos_kpm_histogram(MOMENTS, exact, info.lower, info.upper, 1.0, BINS,
                                          dos_exact, &below, &above), MGG_OK);
  double total = below + above;
  for (int b = 0; b < BINS; b++) total += dos_exact[b];
  assert_true(fabs(total - 1.0) < 1e-12);
  assert_true(fabs(below) < 0.01 && fabs(above) < 1e-6);
  const double d_exact = cumulative_distance(BINS, 1.0, dos_exact, histogram);
  assert_int_equal(mgg_vdos_kpm_histogram(MOMENTS, mu, info.lower, info.upper, 1.0, BINS, dos_kpm,
                                          &below, &above), MGG_OK);
  const double d_kpm = cumulative_distance(BINS, 1.0, dos_kpm, histogram);
  print_message("kpm ring: cumulative distance to the histogram: exact moments %.3g, stochastic "
                "%.3g; resolution at 5, 20 meV: %.3g %.3g meV\n", d_exact, d_kpm,
                mgg_vdos_kpm_resolution(MOMENTS, info.lower, info.upper, 5.0),
                mgg_vdos_kpm_resolution(MOMENTS, info.lower, info.upper, 20.0));
  assert_true(d_exact < 0.01);
  assert_true(d_kpm < 0.02);

  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, g.mass, MOMENTS, VECTORS, 1, ws, bytes - 1, mu, NULL),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, g.mass, 1, VECTORS, 1, ws, bytes, mu, NULL),
                   MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_vdos_kpm_moments(&g.csr, NULL, MOMENTS, VECTORS, 1, ws, bytes, mu, NULL),
                   MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_vdos_kpm_histogram(MOMENTS, mu, 1.0, 1.0, 1.0, BINS, dos_kpm, &below, &above),
                   MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_vdos_kpm_moments_work_size(N, MOMENTS, 0), 0);
  free(ws);
  free(mu);
  free(again);
  free(exact);
  free_ring(&g);
}

/* ---- finite-difference Hessian ---------------------------------------------------------- */

/* a Morse cluster in free space: E = sum_{i<j} D (1 - exp(-a (r - r0)))^2 */
#define MORSE_D 0.5
#define MORSE_A 1.3
#define MORSE_R0 2.5
#define CLUSTER 4

static const double cluster_x[3 * CLUSTER] = {0.0, 0.0, 0.0,  2.4, 0.3, -0.2,
                                              0.9, 2.2, 0.4,  1.1, 0.8, 2.6};

/* phi'(r) and phi''(r) */
static void morse(double r, double *d1, double *d2)
{
  const double e = exp(-MORSE_A * (r - MORSE_R0));
  *d1 = 2.0 * MORSE_D * MORSE_A * e * (1.0 - e);
  *d2 = 2.0 * MORSE_D * MORSE_A * MORSE_A * e * (2.0 * e - 1.0);
}

/* d = x_j - x_i; returns |d| */
static double separation(const double *x, int i, int j, double d[3])
{
  double r2 = 0.0;
  for (int a = 0; a < 3; a++) {
    d[a] = x[3 * j + a] - x[3 * i + a];
    r2 += d[a] * d[a];
  }
  return sqrt(r2);
}

static void morse_forces(const double *x, double *f)
{
  memset(f, 0, 3 * CLUSTER * sizeof(double));
  for (int i = 0; i < CLUSTER; i++)
    for (int j = i + 1; j < CLUSTER; j++) {
      double d[3], d1, d2;
      const double r = separation(x, i, j, d);
      morse(r, &d1, &d2);
      for (int a = 0; a < 3; a++) {
        f[3 * i + a] += d1 * d[a] / r;
        f[3 * j + a] -= d1 * d[a] / r;
      }
    }
}

/* the analytic Hessian, dense 3n x 3n: K = phi'' u u^T + phi' / r (I - u u^T) per pair */
static void morse_hessian(const double *x, double *h)
{
  const int n = 3 * CLUSTER;
  memset(h, 0, (size_t) n * n * sizeof(double));
  for (int i = 0; i < CLUSTER; i++)
    for (int j = i + 1; j < CLUSTER; j++) {
      double u[3], d1, d2;
      const double r = separation(x, i, j, u);
      for (int a = 0; a < 3; a++) u[a] /= r;
      morse(r, &d1, &d2);
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          const double k = d2 * u[a] * u[b] + d1 / r * ((a == b) - u[a] * u[b]);
          h[(3 * i + a) * n + 3 * i + b] += k;
          h[(3 * j + a) * n + 3 * j + b] += k;
          h[(3 * i + a) * n + 3 * j + b] -= k;
          h[(3 * j + a) * n + 3 * i + b] -= k;
        }
    }
}

/* the block values of the finite-difference Hessian of the cluster, driven as a caller would */
static void morse_fd(double delta, double *values)
{
  size_t row_start[CLUSTER + 1];
  int col[CLUSTER * CLUSTER];
  mgg_modes_fd fd;
  assert_int_equal(mgg_modes_fd_start(CLUSTER, delta, &fd, row_start, col), MGG_OK);
  for (int i = 0; i < CLUSTER; i++) {
    assert_int_equal(row_start[i], (size_t) (CLUSTER * i));
    for (int j = 0; j < CLUSTER; j++) assert_int_equal(col[CLUSTER * i + j], j);
  }
  size_t atom = 0;
  int axis = 0, answers = 0;
  double displacement = 0.0, x[3 * CLUSTER], f[3 * CLUSTER];
  while (mgg_modes_fd_request(&fd, &atom, &axis, &displacement)) {
    /* x, y, z of each atom in turn, + then - */
    assert_int_equal(atom, (size_t) (answers / 6));
    assert_int_equal(axis, answers / 2 % 3);
    assert_true(displacement == (answers % 2 ? -delta : delta));
    memcpy(x, cluster_x, sizeof x);
    x[3 * atom + axis] += displacement;
    morse_forces(x, f);
    assert_int_equal(mgg_modes_fd_answer(&fd, f, values), MGG_OK);
    answers++;
  }
  assert_int_equal(answers, 6 * CLUSTER);
  assert_int_equal(mgg_modes_fd_answer(&fd, f, values), MGG_ERR_BAD_ARGUMENT);
}

/* largest |fd - analytic| over the entries; asserts exact symmetry of the fd matrix */
static double morse_fd_error(double delta, double *scale)
{
  const int n = 3 * CLUSTER;
  double values[9 * CLUSTER * CLUSTER], h[9 * CLUSTER * CLUSTER];
  morse_fd(delta, values);
  morse_hessian(cluster_x, h);
  double err = 0.0;
  *scale = 0.0;
  for (int i = 0; i < CLUSTER; i++)
    for (int j = 0; j < CLUSTER; j++)
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          const double v = values[9 * (i * CLUSTER + j) + 3 * a + b];
          assert_true(v == values[9 * (j * CLUSTER + i) + 3 * b + a]);
          err = fmax(err, fabs(v - h[(3 * i + a) * n + 3 * j + b]));
          *scale = fmax(*scale, fabs(h[(3 * i + a) * n + 3 * j + b]));
        }
  return err;
}

static void test_fd_hessian_morse(void **state)
{
  (void) state;
  double scale = 0.0;
  /* central differences: second order in delta (a one-sided difference would halve the error) */
  const double coarse = morse_fd_error(0.02, &scale), fine = morse_fd_error(0.01, &scale);
  assert_true(scale > 0.1);
  assert_true(coarse > 1e-7 * scale);
  assert_in_range((long) (100.0 * coarse / fine), 370, 430);
  /* at the plugin's default displacement the analytic Hessian to round-off */
  assert_true(morse_fd_error(1e-5, &scale) < 1e-8 * scale);
}

/* a linear, non-conservative force F = -A x: central differences give A^T exactly (dyadic A,
 * delta and x = 0 keep every operation exact), and the symmetrised matrix is (A + A^T) / 2 */
static void test_fd_hessian_symmetrised(void **state)
{
  (void) state;
  enum { N = 3, M = 3 * N };
  double A[M][M], values[9 * N * N], f[M];
  unsigned seed = 7;
  for (int r = 0; r < M; r++)
    for (int c = 0; c < M; c++) A[r][c] = floor(uniform(&seed, -16.0, 16.0)) / 8.0;
  const double delta = 0.5;
  mgg_modes_fd fd;
  size_t row_start[N + 1];
  int col[N * N];
  assert_int_equal(mgg_modes_fd_start(N, delta, &fd, row_start, col), MGG_OK);
  size_t atom;
  int axis;
  double displacement;
  while (mgg_modes_fd_request(&fd, &atom, &axis, &displacement)) {
    const int k = 3 * (int) atom + axis;
    for (int r = 0; r < M; r++) f[r] = -A[r][k] * displacement;
    assert_int_equal(mgg_modes_fd_answer(&fd, f, values), MGG_OK);
  }
  double asymmetry = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          const int r = 3 * i + a, c = 3 * j + b;
          assert_true(values[9 * (i * N + j) + 3 * a + b] == 0.5 * (A[r][c] + A[c][r]));
          asymmetry = fmax(asymmetry, fabs(A[r][c] - A[c][r]));
        }
  assert_true(asymmetry > 0.5);
}

static void test_fd_hessian_protocol(void **state)
{
  (void) state;
  mgg_modes_fd fd;
  size_t row_start[3];
  int col[4];
  double values[36] = {0}, f[6] = {1, 2, 3, 4, 5, 6};
  assert_int_equal(mgg_modes_fd_start(0, 1e-3, &fd, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_fd_start(2, 0.0, &fd, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_fd_start(2, NAN, &fd, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_fd_start(2, INFINITY, &fd, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_modes_fd_start(2, 1e-3, NULL, NULL, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_modes_fd_start(2, 1e-3, &fd, row_start, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_modes_fd_request(NULL, NULL, NULL, NULL), 0);
  /* a process that does not assemble stays in step with one that does */
  mgg_modes_fd other;
  assert_int_equal(mgg_modes_fd_start(2, 1e-3, &fd, row_start, col), MGG_OK);
  assert_int_equal(mgg_modes_fd_start(2, 1e-3, &other, NULL, NULL), MGG_OK);
  assert_int_equal(mgg_modes_fd_answer(&fd, f, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_modes_fd_answer(&fd, NULL, values), MGG_ERR_NULL_ARGUMENT);
  int steps = 0;
  size_t atom, other_atom;
  int axis, other_axis;
  double d, other_d;
  while (mgg_modes_fd_request(&fd, &atom, &axis, &d)) {
    assert_int_equal(mgg_modes_fd_request(&other, &other_atom, &other_axis, &other_d), 1);
    assert_int_equal(atom, other_atom);
    assert_int_equal(axis, other_axis);
    assert_true(d == other_d);
    assert_int_equal(mgg_modes_fd_answer(&fd, f, values), MGG_OK);
    assert_int_equal(mgg_modes_fd_answer(&other, NULL, NULL), MGG_OK);
    steps++;
  }
  assert_int_equal(steps, 12);
  assert_int_equal(mgg_modes_fd_request(&other, NULL, NULL, NULL), 0);
  assert_int_equal(mgg_modes_fd_answer(&other, NULL, NULL), MGG_ERR_BAD_ARGUMENT);
  /* the same forces at +delta and -delta: a zero matrix */
  for (int k = 0; k < 36; k++) assert_true(values[k] == 0.0);
}

/* ---- counting zero, negative and equal eigenvalues ---------------------------------------- */

static void test_count_zero_and_negative(void **state)
{
  (void) state;
  /* |lambda| < 1e-6 is zero (strictly): -5e-7, 0, 9.9e-7; 1e-6 is not, nor negative */
  const double lambda[] = {-2e-3, -5e-7, 0.0, 9.9e-7, 1e-6, 0.3};
  size_t zero = 0, negative = 0;
  assert_int_equal(mgg_modes_count(6, lambda, &zero, &negative), MGG_OK);
  assert_int_equal(zero, 3 + 3);
  assert_int_equal(negative, 1);
  assert_int_equal(mgg_modes_count(0, NULL, &zero, NULL), MGG_OK);
  assert_int_equal(zero, 3); /* the translations */
  assert_int_equal(mgg_modes_count(1, NULL, &zero, &negative), MGG_ERR_NULL_ARGUMENT);
}

static void test_largest_equal(void **state)
{
  (void) state;
  /* runs: 1, 1 + 5e-9, 1 + 9e-9 (3); 3 and 3 (1 + 2e-8) differ by 6e-8 > 1e-8 * 3; four 4s */
  const double lambda[] = {1.0, 1.0 + 5e-9, 1.0 + 9e-9, 2.0, 3.0, 3.0 * (1.0 + 2e-8),
                           4.0, 4.0, 4.0, 4.0, 5.0};
  assert_int_equal(mgg_modes_largest_equal(11, lambda), 4);
  assert_int_equal(mgg_modes_largest_equal(6, lambda), 3);
  assert_int_equal(mgg_modes_largest_equal(1, lambda), 1);
  assert_int_equal(mgg_modes_largest_equal(0, lambda), 0);
  assert_int_equal(mgg_modes_largest_equal(2, NULL), 0);
  /* negative eigenvalues by their magnitude; all distinct */
  const double negative[] = {-2.0, -2.0, -1.0};
  assert_int_equal(mgg_modes_largest_equal(3, negative), 2);
  const double distinct[] = {0.1, 0.2, 0.3};
  assert_int_equal(mgg_modes_largest_equal(3, distinct), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cubic_lattice),
      cmocka_unit_test(test_random_against_dsyev),
      cmocka_unit_test(test_sparse_against_dense),
      cmocka_unit_test(test_block_replicated_cell),
      cmocka_unit_test(test_vdos),
      cmocka_unit_test(test_kpm_ring),
      cmocka_unit_test(test_fd_hessian_morse),
      cmocka_unit_test(test_fd_hessian_symmetrised),
      cmocka_unit_test(test_fd_hessian_protocol),
      cmocka_unit_test(test_count_zero_and_negative),
      cmocka_unit_test(test_largest_equal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
