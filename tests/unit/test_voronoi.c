/* Voronoi cells on analytic cases: fcc, bcc/B2 and simple cubic crystals (degenerate vertices),
 * space filling by random periodic point sets (plain and radical), a cube with one small corner
 * face for the thresholds, unclosed cells, argument errors and the motif classes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"

static const mgg_voronoi_params NO_THRESHOLDS = {0.0, 0.0, 0.0};

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* A periodic system given as the plugin gives it: n atoms (points 0 .. n-1) in an orthogonal box
 * and their 26 shifted copies, with the candidates of every atom found by mgg_neighbours_find_within. */
typedef struct {
  size_t n, npts;
  double *x, *radius;
  int *centre, *index;
  size_t *start;
  mgg_neighbours nb;
} periodic_system;

static void build_system(periodic_system *s, size_t n, const double *atoms, const double *atom_radius,
                         const double box[3], double search_radius)
{
  s->n = n;
  s->npts = 27 * n;
  s->x = malloc(3 * s->npts * sizeof(double));
  s->radius = atom_radius ? malloc(s->npts * sizeof(double)) : NULL;
  s->centre = malloc(n * sizeof(int));
  s->start = malloc((n + 1) * sizeof(size_t));
  assert_non_null(s->x);
  size_t p = 0;
  for (int q = 0; q < 27; q++) {
    /* q = 0 is the unshifted image, so points 0 .. n-1 are the atoms themselves */
    const int shift[3] = {q % 3 == 2 ? -1 : q % 3, (q / 3) % 3 == 2 ? -1 : (q / 3) % 3, q / 9 == 2 ? -1 : q / 9};
    for (size_t i = 0; i < n; i++, p++) {
      for (int a = 0; a < 3; a++) s->x[3 * p + a] = atoms[3 * i + a] + shift[a] * box[a];
      if (s->radius) s->radius[p] = atom_radius[i];
    }
  }
  for (size_t i = 0; i < n; i++) s->centre[i] = (int) i;
  const size_t wlen = mgg_neighbours_find_within_work_size(s->npts, s->x, n, s->centre, search_radius);
  void *w = malloc(wlen);
  size_t cap = 64 * n, found = 0;
  s->index = malloc(cap * sizeof(int));
  mgg_status st = mgg_neighbours_find_within(s->npts, s->x, n, s->centre, search_radius, w, wlen, s->start,
                                  s->index, cap, &found);
  if (st == MGG_ERR_BUFFER_TOO_SMALL) {
    cap = found;
    s->index = realloc(s->index, cap * sizeof(int));
    st = mgg_neighbours_find_within(s->npts, s->x, n, s->centre, search_radius, w, wlen, s->start, s->index,
                         cap, &found);
  }
  assert_int_equal(st, MGG_OK);
  free(w);
  s->nb = (mgg_neighbours){n, s->centre, s->start, s->index};
}

static void free_system(periodic_system *s)
{
  free(s->x);
  free(s->radius);
  free(s->centre);
  free(s->start);
  free(s->index);
}

static mgg_status run(const periodic_system *s, const mgg_voronoi_params *p, double search_radius,
                      mgg_voronoi_cell *cells)
{
  const size_t wlen = mgg_voronoi_compute_work_size(&s->nb);
  void *w = malloc(wlen);
  assert_non_null(w);
  const mgg_status st = mgg_voronoi_compute(p, s->npts, s->x, s->radius, &s->nb, search_radius, w, wlen, cells);
  free(w);
  return st;
}

/* nc^3 conventional cells of a lattice with nb basis atoms (fractional coordinates) */
static size_t crystal(int nc, double a, int nbasis, const double basis[][3], double *atoms)
{
  size_t n = 0;
  for (int i = 0; i < nc; i++)
    for (int j = 0; j < nc; j++)
      for (int k = 0; k < nc; k++)
        for (int b = 0; b < nbasis; b++, n++) {
          atoms[3 * n] = a * (i + basis[b][0]);
          atoms[3 * n + 1] = a * (j + basis[b][1]);
          atoms[3 * n + 2] = a * (k + basis[b][2]);
        }
  return n;
}

static void assert_index(const mgg_voronoi_cell *c, const int want[MGG_VORONOI_MAX_EDGES + 1])
{
  for (int k = 0; k <= MGG_VORONOI_MAX_EDGES; k++) assert_int_equal(c->edges[k], want[k]);
}

static void check_crystal(int nc, double a, int nbasis, const double basis[][3], double search_radius,
                          double volume, double area, int nfaces, const int edges[], int closed)
{
  double atoms[3 * 4 * 4 * 4 * 4];
  const size_t n = crystal(nc, a, nbasis, basis, atoms);
  const double box[3] = {nc * a, nc * a, nc * a};
  periodic_system s;
  build_system(&s, n, atoms, NULL, box, search_radius);
  mgg_voronoi_cell *cells = malloc(n * sizeof *cells);
  assert_int_equal(run(&s, &NO_THRESHOLDS, search_radius, cells), MGG_OK);
  for (size_t i = 0; i < n; i++) {
    assert_true(fabs(cells[i].volume - volume) < 1e-12 * volume);
    assert_true(fabs(cells[i].area - area) < 1e-12 * area);
    assert_int_equal(cells[i].n_faces, nfaces);
    assert_index(&cells[i], edges);
    assert_int_equal(cells[i].closed, closed);
  }
  free(cells);
  free_system(&s);
}

static const double FCC[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
static const double BCC[2][3] = {{0, 0, 0}, {0.5, 0.5, 0.5}};
static const double SC[1][3] = {{0, 0, 0}};

/* rhombic dodecahedron <0,12,0,0>: volume a^3/4, 12 rhombi with diagonals a/sqrt2 and a/2;
 * its farthest vertices are at a/2, so search radii above a close it */
static void test_fcc(void **state)
{
  (void) state;
  const double a = 3.61, area = 12.0 * a * a / (4.0 * sqrt(2.0));
  const int rd[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 12};
  check_crystal(3, a, 4, FCC, 1.3 * a, a * a * a / 4.0, area, 12, rd, 1);
  /* the second shell (distance a) touches the vertices at a/2 without cutting */
  check_crystal(3, a, 4, FCC, 1.01 * a, a * a * a / 4.0, area, 12, rd, 1);
}

/* truncated octahedron <0,6,0,8>: edge e = a sqrt2 / 4, volume a^3/2, area (6 + 12 sqrt3) e^2;
 * farthest vertices at a sqrt5 / 4 */
static void test_bcc_b2(void **state)
{
  (void) state;
  const double a = 3.26, e = a * sqrt(2.0) / 4.0;
  const int to[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 6, 0, 8};
  check_crystal(3, a, 2, BCC, 1.5 * a, a * a * a / 2.0, (6.0 + 12.0 * sqrt(3.0)) * e * e, 14, to, 1);
}

/* cubes <0,6,0,0>; the planes of the 12 second neighbours touch the edges and those of the 8
 * third neighbours the vertices */
static void test_simple_cubic(void **state)
{
  (void) state;
  const double a = 2.5;
  const int cube[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 6};
  check_crystal(4, a, 1, SC, 1.9 * a, a * a * a, 6 * a * a, 6, cube, 1);
}

/* The radical tessellation of B2 with unequal radii still fills space and, by symmetry, keeps
 * the <0,6,0,8> topology: the 8 hexagons move towards the smaller atom. */
static void test_b2_radical(void **state)
{
  (void) state;
  const double a = 3.2, rcu = 1.28, rzr = 1.58;
  double atoms[3 * 2 * 27];
  const size_t n = crystal(3, a, 2, BCC, atoms);
  double rad[2 * 27];
  for (size_t i = 0; i < n; i++) rad[i] = i % 2 ? rzr : rcu;
  const double box[3] = {3 * a, 3 * a, 3 * a}, R = 1.9 * a;
  periodic_system s;
  build_system(&s, n, atoms, rad, box, R);
  mgg_voronoi_cell cells[2 * 27];
  assert_int_equal(run(&s, &NO_THRESHOLDS, R, cells), MGG_OK);
  double sum = 0.0;
  const int to[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 6, 0, 8};
  for (size_t i = 0; i < n; i++) {
    sum += cells[i].volume;
    assert_int_equal(cells[i].closed, 1);
    assert_index(&cells[i], to);
    if (i % 2) assert_true(cells[i].volume > a * a * a / 2.0);
    else assert_true(cells[i].volume < a * a * a / 2.0);
  }
  assert_true(fabs(sum - box[0] * box[1] * box[2]) < 1e-10 * box[0] * box[1] * box[2]);
  free_system(&s);
}

/* random points in a periodic box: the cells tile it, with and without radii */
static void test_random_space_filling(void **state)
{
  (void) state;
  enum { N = 80 };
  const double box[3] = {5.0, 6.0, 7.0}, R = 4.9;
  unsigned seed = 12345u;
  double atoms[3 * N], rad[N];
  for (int i = 0; i < N; i++) {
    for (int k = 0; k < 3; k++) atoms[3 * i + k] = uniform(&seed, 0.0, box[k]);
    rad[i] = uniform(&seed, 0.2, 0.6);
  }
  for (int with_radii = 0; with_radii < 2; with_radii++) {
    periodic_system s;
    build_system(&s, N, atoms, with_radii ? rad : NULL, box, R);
    mgg_voronoi_cell cells[N];
    assert_int_equal(run(&s, &NO_THRESHOLDS, R, cells), MGG_OK);
    double sum = 0.0;
    int empty = 0;
    for (int i = 0; i < N; i++) {
      sum += cells[i].volume;
      assert_int_equal(cells[i].closed, 1);
      assert_true(cells[i].volume >= 0.0);
      empty += cells[i].n_faces == 0;
      /* Euler for a polyhedron of triangles-or-more: sum_k (6 - k) n_k = 12 */
      int euler = 0;
      for (int k = 0; k <= MGG_VORONOI_MAX_EDGES; k++) euler += (6 - k) * cells[i].edges[k];
      if (cells[i].n_faces > 0) assert_true(euler <= 12);
    }
    assert_true(empty < N / 4);
    const double v = box[0] * box[1] * box[2];
    assert_true(fabs(sum - v) < 1e-10 * v);
    free_system(&s);
  }
}

/* A unit cube (six neighbours at distance 1) with its (1,1,1) corner cut off by a seventh point:
 * the cut leaves legs e = sqrt3 delta on the three cube edges, a triangle of area (sqrt3/2) e^2
 * with sides e sqrt2, and turns the three adjacent squares into pentagons. */
static void test_thresholds_small_face(void **state)
{
  (void) state;
  const double delta = 0.05, e = sqrt(3.0) * delta, d = 2.0 * (sqrt(3.0) / 2.0 - delta);
  const double x[8 * 3] = {0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1,
                           d / sqrt(3.0), d / sqrt(3.0), d / sqrt(3.0)};
  int centre = 0, idx[7] = {1, 2, 3, 4, 5, 6, 7};
  size_t start[2] = {0, 7};
  mgg_neighbours nb = {1, &centre, start, idx};
  double work[2048];
  assert_true(mgg_voronoi_compute_work_size(&nb) <= sizeof work);
  const double tri = sqrt(3.0) / 2.0 * e * e, area = 6.0 - 1.5 * e * e + tri;
  mgg_voronoi_params p = NO_THRESHOLDS;
  mgg_voronoi_cell c;

  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_true(fabs(c.volume - (1.0 - e * e * e / 6.0)) < 1e-14);
  assert_true(fabs(c.area - area) < 1e-14);
  assert_int_equal(c.closed, 1);
  const int all[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 1, 3, 3};
  assert_int_equal(c.n_faces, 7);
  assert_index(&c, all);

  const int no_triangle[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 3, 3};
  p.min_area_abs = 1.01 * tri;
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.n_faces, 6);
  assert_index(&c, no_triangle);
  assert_true(fabs(c.volume - (1.0 - e * e * e / 6.0)) < 1e-14); /* thresholds keep the volume */
  p.min_area_abs = 0.99 * tri;
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.n_faces, 7);

  p.min_area_abs = 0.0;
  p.min_area_rel = 1.01 * tri / area;
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.n_faces, 6);
  p.min_area_rel = 0.99 * tri / area;
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.n_faces, 7);

  /* edges shorter than the triangle's sides (e sqrt2) are not counted: the pentagons count 4,
   * the triangle none; edges exactly at the threshold count */
  p.min_area_rel = 0.0;
  p.min_edge = 1.01 * e * sqrt(2.0);
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  const int short_edges[MGG_VORONOI_MAX_EDGES + 1] = {1, 0, 0, 0, 6};
  assert_int_equal(c.n_faces, 7);
  assert_index(&c, short_edges);
  p.min_edge = 0.99 * e * sqrt(2.0);
  assert_int_equal(mgg_voronoi_compute(&p, 8, x, NULL, &nb, 2.0, work, sizeof work, &c), MGG_OK);
  assert_index(&c, all);
}

/* search radii too small to prove the cell: flagged, the cell an upper bound */
static void test_unclosed(void **state)
{
  (void) state;
  const double a = 3.61, area = 12.0 * a * a / (4.0 * sqrt(2.0));
  const int rd[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 12};
  /* the first shell makes the right cell, but a point at 0.9 a .. a could still cut it */
  check_crystal(3, a, 4, FCC, 0.9 * a, a * a * a / 4.0, area, 12, rd, 0);
  /* no candidate at all: the initial box of half-width R survives */
  const double R = 0.5 * a;
  const int box[MGG_VORONOI_MAX_EDGES + 1] = {0, 0, 0, 0, 6};
  check_crystal(3, a, 4, FCC, R, 8 * R * R * R, 24 * R * R, 6, box, 0);
  /* a lone point with one neighbour: a box face survives even with a large radius */
  const double x[6] = {0, 0, 0, 1, 0, 0};
  int centre = 0, idx = 1;
  size_t start[2] = {0, 1};
  mgg_neighbours nb = {1, &centre, start, &idx};
  double work[1024];
  mgg_voronoi_cell c;
  assert_int_equal(mgg_voronoi_compute(&NO_THRESHOLDS, 2, x, NULL, &nb, 10.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.closed, 0);
  assert_int_equal(c.n_faces, 6);
  assert_true(fabs(c.volume - 20.0 * 20.0 * 10.5) < 1e-9);
  /* no candidate and no index array (an empty C++ vector's data() may be NULL): the box, open */
  size_t none[2] = {0, 0};
  mgg_neighbours lonely = {1, &centre, none, NULL};
  assert_int_equal(mgg_voronoi_compute(&NO_THRESHOLDS, 2, x, NULL, &lonely, 1.0, work, sizeof work, &c), MGG_OK);
  assert_int_equal(c.closed, 0);
  assert_int_equal(c.n_faces, 6);
  assert_true(fabs(c.volume - 8.0) < 1e-12); /* the cube of half-width 1 */
}

static void test_argument_errors(void **state)
{
  (void) state;
  const double x[6] = {0, 0, 0, 1, 0, 0};
  const double r[2] = {1.0, -0.5};
  int centre = 0, idx = 1, bad = 2;
  size_t start[2] = {0, 1};
  mgg_neighbours nb = {1, &centre, start, &idx};
  double work[1024];
  mgg_voronoi_cell c;
  const mgg_voronoi_params *p = &NO_THRESHOLDS;
  const size_t need = mgg_voronoi_compute_work_size(&nb);
  assert_true(need > 0 && need <= sizeof work);
  assert_int_equal(mgg_voronoi_compute_work_size(NULL), 0);
  assert_int_equal(mgg_voronoi_compute(NULL, 2, x, NULL, &nb, 3.0, work, need, &c), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, NULL, NULL, &nb, 3.0, work, need, &c), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, NULL, 3.0, work, need, &c), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &nb, 3.0, NULL, need, &c), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &nb, 3.0, work, need, NULL), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &nb, 3.0, work, need - 1, &c), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &nb, 0.0, work, need, &c), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &nb, NAN, work, need, &c), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_voronoi_compute(p, 2, x, r, &nb, 3.0, work, need, &c), MGG_ERR_BAD_ARGUMENT);
  mgg_voronoi_params neg = {0.0, -0.1, 0.0};
  assert_int_equal(mgg_voronoi_compute(&neg, 2, x, NULL, &nb, 3.0, work, need, &c), MGG_ERR_BAD_ARGUMENT);
  const double xnan[6] = {0, 0, 0, NAN, 0, 0};
  assert_int_equal(mgg_voronoi_compute(p, 2, xnan, NULL, &nb, 3.0, work, need, &c), MGG_ERR_BAD_ARGUMENT);
  mgg_neighbours bad_nb = {1, &centre, start, &bad};
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &bad_nb, 3.0, work, need, &c), MGG_ERR_BAD_INDEX);
  int bad_centre = -1;
  mgg_neighbours bad_c = {1, &bad_centre, start, &idx};
  assert_int_equal(mgg_voronoi_compute(p, 2, x, NULL, &bad_c, 3.0, work, need, &c), MGG_ERR_BAD_INDEX);
  /* no centres: nothing to do, no work space needed */
  mgg_neighbours empty = {0, NULL, NULL, NULL};
  assert_int_equal(mgg_voronoi_compute(p, 0, NULL, NULL, &empty, 3.0, NULL, 0, NULL), MGG_OK);
  /* a candidate at the centre's position is ignored */
  const double dup[9] = {0, 0, 0, 0, 0, 0, 1, 0, 0};
  int two[2] = {1, 2};
  size_t s2[2] = {0, 2};
  mgg_neighbours nb2 = {1, &centre, s2, two};
  assert_int_equal(mgg_voronoi_compute(p, 3, dup, NULL, &nb2, 3.0, work, sizeof work, &c), MGG_OK);
  assert_true(fabs(c.volume - 6.0 * 6.0 * 3.5) < 1e-12);
}

static mgg_voronoi_cell cell_of(int n3, int n4, int n5, int n6, int n7)
{
  mgg_voronoi_cell c;
  memset(&c, 0, sizeof c);
  c.edges[3] = n3;
  c.edges[4] = n4;
  c.edges[5] = n5;
  c.edges[6] = n6;
  c.edges[7] = n7;
  c.n_faces = n3 + n4 + n5 + n6 + n7;
  return c;
}

/* seed 000, Fig. 3: the five Cu-centred and five Zr-centred GUMs (the Zr ones carry sevenfold
 * faces; <1,3,4,4> is <1,3,4,4,1> there, the others' fifth digit is not given: 0 and 1 tried) */
static void test_classify(void **state)
{
  (void) state;
  const int cu_gums[5][4] = {{0, 0, 12, 2}, {0, 4, 4, 4}, {0, 6, 0, 6}, {0, 4, 4, 3}, {0, 3, 6, 2}};
  const int zr_gums[5][4] = {{1, 3, 4, 4}, {1, 2, 6, 5}, {0, 2, 9, 4}, {0, 3, 7, 4}, {0, 4, 5, 6}};
  for (int g = 0; g < 5; g++)
    for (int n7 = 0; n7 < 2; n7++) {
      mgg_voronoi_cell cu = cell_of(cu_gums[g][0], cu_gums[g][1], cu_gums[g][2], cu_gums[g][3], 0);
      mgg_voronoi_cell zr = cell_of(zr_gums[g][0], zr_gums[g][1], zr_gums[g][2], zr_gums[g][3], n7);
      assert_int_equal(mgg_voronoi_classify_for(&cu, MGG_VORONOI_FAVOURED_CN_CU), MGG_VORONOI_GUM);
      assert_int_equal(mgg_voronoi_classify_for(&zr, MGG_VORONOI_FAVOURED_CN_ZR), MGG_VORONOI_GUM);
      assert_int_equal(mgg_voronoi_classify(&zr), MGG_VORONOI_GUM);
      if (g > 0) assert_int_equal(mgg_voronoi_classify(&cu), MGG_VORONOI_GUM);
    }
  /* species-blind: Z = 14 is two from both favourites */
  mgg_voronoi_cell z14 = cell_of(0, 0, 12, 2, 0);
  assert_int_equal(mgg_voronoi_classify(&z14), MGG_VORONOI_GUM);
  assert_int_equal(mgg_voronoi_classify_for(&z14, 14), MGG_VORONOI_Z14);

  mgg_voronoi_cell ico = cell_of(0, 0, 12, 0, 0), z15 = cell_of(0, 0, 12, 3, 0), z16 = cell_of(0, 0, 12, 4, 0);
  assert_int_equal(mgg_voronoi_classify(&ico), MGG_VORONOI_ICOSAHEDRON);
  assert_int_equal(mgg_voronoi_classify_for(&ico, MGG_VORONOI_FAVOURED_CN_CU), MGG_VORONOI_ICOSAHEDRON);
  assert_int_equal(mgg_voronoi_classify(&z15), MGG_VORONOI_Z15);
  assert_int_equal(mgg_voronoi_classify_for(&z15, MGG_VORONOI_FAVOURED_CN_ZR), MGG_VORONOI_Z15);
  assert_int_equal(mgg_voronoi_classify(&z16), MGG_VORONOI_Z16);
  assert_int_equal(mgg_voronoi_classify_for(&z16, MGG_VORONOI_FAVOURED_CN_ZR), MGG_VORONOI_Z16);
  /* an icosahedron around Zr, Z16 around Cu: unfavourable CN */
  assert_int_equal(mgg_voronoi_classify_for(&ico, MGG_VORONOI_FAVOURED_CN_ZR), MGG_VORONOI_GUM);
  assert_int_equal(mgg_voronoi_classify_for(&z16, MGG_VORONOI_FAVOURED_CN_CU), MGG_VORONOI_GUM);

  /* the icosahedron's common cousins are not GUMs */
  const int cu_other[2][4] = {{0, 2, 8, 2}, {0, 1, 10, 2}};
  const int zr_other[2][4] = {{0, 1, 10, 4}, {0, 2, 8, 6}};
  for (int g = 0; g < 2; g++) {
    mgg_voronoi_cell c = cell_of(cu_other[g][0], cu_other[g][1], cu_other[g][2], cu_other[g][3], 0);
    assert_int_equal(mgg_voronoi_classify_for(&c, MGG_VORONOI_FAVOURED_CN_CU), MGG_VORONOI_OTHER);
    assert_int_equal(mgg_voronoi_classify(&c), MGG_VORONOI_OTHER);
  }
  for (int g = 0; g < 2; g++) {
    mgg_voronoi_cell c = cell_of(zr_other[g][0], zr_other[g][1], zr_other[g][2], zr_other[g][3], 0);
    assert_int_equal(mgg_voronoi_classify_for(&c, MGG_VORONOI_FAVOURED_CN_ZR), MGG_VORONOI_OTHER);
    assert_int_equal(mgg_voronoi_classify(&c), MGG_VORONOI_OTHER);
  }
  assert_int_equal(mgg_voronoi_classify(NULL), MGG_VORONOI_OTHER);

  assert_string_equal(mgg_voronoi_motif_name(MGG_VORONOI_ICOSAHEDRON), "icosahedron");
  assert_string_equal(mgg_voronoi_motif_name(MGG_VORONOI_Z16), "Z16");
  assert_string_equal(mgg_voronoi_motif_name(MGG_VORONOI_GUM), "GUM");
  assert_string_equal(mgg_voronoi_motif_name(MGG_VORONOI_OTHER), "other");
  assert_string_equal(mgg_voronoi_motif_name((mgg_voronoi_motif) 99), "unknown");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fcc),
      cmocka_unit_test(test_bcc_b2),
      cmocka_unit_test(test_simple_cubic),
      cmocka_unit_test(test_b2_radical),
      cmocka_unit_test(test_random_space_filling),
      cmocka_unit_test(test_thresholds_small_face),
      cmocka_unit_test(test_unclosed),
      cmocka_unit_test(test_argument_errors),
      cmocka_unit_test(test_classify),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
