/* Cell-list radius search against brute force, including clustered and elongated point sets
 * and the buffer-too-small protocol. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "mgglass.h"
#include "work_buffer.h"

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* centres: the points with x < xmax (a spatial subset, so that the search must still find
 * points outside the centres' box) */
static void check_against_brute_force(size_t n, const double *x, double radius, double xmax)
{
  int *centre = malloc(n * sizeof(int));
  size_t nc = 0;
  for (size_t i = 0; i < n; i++)
    if (x[3 * i] < xmax) centre[nc++] = (int) i;
  size_t *start = malloc((nc + 1) * sizeof(size_t));
  size_t wlen = mgg_neighbours_find_within_work_size(n, x, nc, centre, radius), nfound = 0;
  double *work = malloc(wlen);
  /* first call with no room: reports the size */
  const mgg_status probe = mgg_neighbours_find_within(n, x, nc, centre, radius, work, wlen, start, NULL, 0, &nfound);
  assert_int_equal(probe, nfound ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK);
  int *index = malloc((nfound + 1) * sizeof(int));
  assert_int_equal(mgg_neighbours_find_within(n, x, nc, centre, radius, work, wlen - 1, start, index, nfound, &nfound),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_neighbours_find_within(n, x, nc, centre, radius, work, wlen, start, index, nfound, &nfound), MGG_OK);
  size_t total = 0;
  for (size_t k = 0; k < nc; k++) {
    const size_t i = (size_t) centre[k];
    char *hit = calloc(n, 1);
    for (size_t c = start[k]; c < start[k + 1]; c++) {
      assert_false(hit[index[c]]); /* each point once */
      hit[index[c]] = 1;
    }
    for (size_t j = 0; j < n; j++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) r2 += pow(x[3 * j + a] - x[3 * i + a], 2);
      assert_int_equal(hit[j], j != i && r2 < radius * radius);
      total += hit[j];
    }
    free(hit);
  }
  assert_int_equal(total, nfound);
  free(centre), free(start), free(work), free(index);
}

static void test_uniform_cloud(void **state)
{
  (void) state;
  enum { N = 1500 };
  static double x[3 * N];
  unsigned s = 7u;
  for (int i = 0; i < 3 * N; i++) x[i] = uniform(&s, -5.0, 20.0);
  check_against_brute_force(N, x, 3.0, INFINITY);
  check_against_brute_force(N, x, 0.7, INFINITY);
  check_against_brute_force(N, x, 40.0, INFINITY); /* radius larger than the cloud: one cell */
  check_against_brute_force(N, x, 3.0, 2.0);       /* centres in one slab */
  check_against_brute_force(N, x, 2.5, -4.0);      /* a few centres at the edge */
}

static void test_elongated_and_clustered(void **state)
{
  (void) state;
  enum { N = 800 };
  static double x[3 * N];
  unsigned s = 3u;
  for (int i = 0; i < N; i++) {
    x[3 * i] = uniform(&s, 0.0, 500.0); /* a needle: many empty cells */
    x[3 * i + 1] = uniform(&s, 0.0, 0.5);
    x[3 * i + 2] = i % 2 ? 1.0 : uniform(&s, 0.0, 0.5);
  }
  check_against_brute_force(N, x, 1.2, INFINITY);
  check_against_brute_force(N, x, 1.2, 100.0);
  for (int i = 0; i < N; i++) x[3 * i] = i < N / 2 ? 0.0 : 300.0; /* two tight clusters */
  check_against_brute_force(N, x, 0.9, INFINITY);
  check_against_brute_force(N, x, 0.9, 1.0);
}

static void test_errors(void **state)
{
  (void) state;
  double x[6] = {0, 0, 0, 1, 0, 0};
  int centre[1] = {5}, index[4];
  double work[64];
  size_t start[2], nfound;
  assert_int_equal(mgg_neighbours_find_within(2, x, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_BAD_INDEX);
  centre[0] = 0;
  assert_int_equal(mgg_neighbours_find_within(2, x, 1, centre, 0.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within(2, x, 1, centre, 2.0, work, 8, start, index, 4, &nfound), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_neighbours_find_within(2, NULL, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within(2, x, 1, centre, 2.0, work, sizeof work, start, index, 4, &nfound), MGG_OK);
  assert_int_equal(nfound, 1);
  assert_int_equal(index[0], 1);
}

/* mgg_neighbours_find_within_periodic() in a triclinic cell against brute force over image shifts: for
 * each atom, the number of (atom, image) pairs within the radius and the sum of their
 * distances; a radius beyond half the cell (several images of one atom); the workspace
 * protocol (a first call without workspace, at most three calls). */
static void check_periodic(const mgg_cell *cell, size_t n, const double *x, double radius)
{
  work_buffer w = {0};
  mgg_neighbours_periodic pn;
  mgg_status st;
  do st = mgg_neighbours_find_within_periodic(cell, n, x, radius, w.work, w.len, &w.need, &pn);
  while (work_buffer_retry(&w, st));
  assert_int_equal(st, MGG_OK);
  assert_true(w.calls >= 1 && w.calls <= 2 && w.need <= w.len);
  assert_int_equal(pn.nb.n_centres, n);
  int reach[3];
  for (int k = 0; k < 3; k++) {
    const double *g = cell->hinv[k];
    reach[k] = (int) ceil(radius * sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2])) + 1;
  }
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(pn.nb.centre[i], (int) i);
    assert_int_equal(pn.owner[i], (int) i);
    size_t count = 0;
    double sum = 0.0;
    for (size_t c = pn.nb.start[i]; c < pn.nb.start[i + 1]; c++) {
      const double *p = pn.points + 3 * pn.nb.index[c], *q = pn.points + 3 * i;
      double d[3] = {p[0] - q[0], p[1] - q[1], p[2] - q[2]}, e[3];
      /* the point is an image of its owner */
      for (int a = 0; a < 3; a++) e[a] = d[a] - (x[3 * pn.owner[pn.nb.index[c]] + a] - x[3 * i + a]);
      double s[3];
      mgg_cell_to_fractional(cell, 1, e, s);
      for (int a = 0; a < 3; a++) assert_true(fabs(s[a] - round(s[a])) < 1e-9);
      count++;
      sum += sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    }
    size_t expected = 0;
    double expected_sum = 0.0;
    for (size_t j = 0; j < n; j++) {
      /* the image shifts around the nearest fractional offset */
      double d0[3] = {x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2]}, s0[3];
      mgg_cell_to_fractional(cell, 1, d0, s0);
      for (int a = -reach[0]; a <= reach[0]; a++)
        for (int b = -reach[1]; b <= reach[1]; b++)
          for (int c = -reach[2]; c <= reach[2]; c++) {
            if (j == i && a == 0 && b == 0 && c == 0) continue;
            const double t[3] = {s0[0] - round(s0[0]) + a, s0[1] - round(s0[1]) + b, s0[2] - round(s0[2]) + c};
            double d[3];
            for (int r = 0; r < 3; r++) d[r] = cell->h[r][0] * t[0] + cell->h[r][1] * t[1] + cell->h[r][2] * t[2];
            const double len2 = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (len2 < radius) {
              expected++;
              expected_sum += len2;
            }
          }
    }
    assert_int_equal(count, expected);
    assert_true(fabs(sum - expected_sum) < 1e-9 * (1.0 + expected_sum));
  }
  free(w.work);
}

static void test_periodic_neighbours(void **state)
{
  (void) state;
  enum { N = 120 };
  static double x[3 * N];
  const int all[3] = {1, 1, 1};
  mgg_cell cell;
  assert_int_equal(mgg_cell_from_lammps(9.0, 10.0, 8.0, 3.5, -2.0, 1.5, all, &cell), MGG_OK);
  unsigned s = 11u;
  /* positions anywhere, also outside the cell (the function wraps them) */
  for (int i = 0; i < 3 * N; i++) x[i] = uniform(&s, -12.0, 20.0);
  check_periodic(&cell, N, x, 2.5);
  check_periodic(&cell, N, x, 6.0);  /* more than half the cell: several images of an atom */
  check_periodic(&cell, 1, x, 11.0); /* one atom and its own images */
}

static void test_periodic_neighbours_errors(void **state)
{
  (void) state;
  const int all[3] = {1, 1, 1};
  mgg_cell cell;
  mgg_cell_from_lammps(5.0, 5.0, 5.0, 0.0, 0.0, 0.0, all, &cell);
  double x[6] = {0, 0, 0, 1, 0, 0}, work[1024];
  size_t need;
  mgg_neighbours_periodic pn;
  assert_int_equal(mgg_neighbours_find_within_periodic(NULL, 2, x, 1.0, work, sizeof work, &need, &pn), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, NULL, 1.0, work, sizeof work, &need, &pn), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.0, NULL, sizeof work, &need, &pn), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 0.0, work, sizeof work, &need, &pn), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, INFINITY, work, sizeof work, &need, &pn), MGG_ERR_BAD_ARGUMENT);
  x[4] = NAN;
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.0, work, sizeof work, &need, &pn), MGG_ERR_BAD_ARGUMENT);
  x[4] = 0.0;
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.5, work, 16, &need, &pn), MGG_ERR_BUFFER_TOO_SMALL);
  assert_true(need > 16);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.5, work, sizeof work, &need, &pn), MGG_OK);
  assert_true(need <= sizeof work);
  /* the size reported on success is what the call needs: one byte less is too small */
  const size_t used = need;
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.5, work, used - 1, &need, &pn),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_neighbours_find_within_periodic(&cell, 2, x, 1.5, work, used, &need, &pn), MGG_OK);
  assert_int_equal(pn.nb.start[1] - pn.nb.start[0], 1); /* atom 1 only: its images are farther */
  assert_int_equal(pn.owner[pn.nb.index[0]], 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_uniform_cloud),
      cmocka_unit_test(test_elongated_and_clustered),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_periodic_neighbours),
      cmocka_unit_test(test_periodic_neighbours_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
