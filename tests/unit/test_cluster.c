/* Clusters of flagged atoms: separated groups, unflagged atoms that do not bridge, connection
 * through a periodic (tilted) boundary only, chains, ties in size, the workspace protocol. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "mgglass.h"
#include "work_buffer.h"

static const int ALL[3] = {1, 1, 1};

/* the clusters of flagged atoms, growing the workspace as the protocol asks; returns the
 * number of calls that asked for more */
static int clusters(const mgg_cell *cell, size_t n, const double *x, const int *flag, double cutoff,
                    int *label, size_t *size, size_t *n_clusters)
{
  work_buffer w = {0};
  mgg_status st;
  do st = mgg_cluster_flagged(cell, n, x, flag, cutoff, w.work, w.len, &w.need, label, size, n_clusters);
  while (work_buffer_retry(&w, st));
  assert_int_equal(st, MGG_OK);
  assert_true(w.need <= w.len);
  /* the size reported on success is what the call needs: one byte less is too small */
  const size_t used = w.need;
  if (used > 0)
    assert_int_equal(mgg_cluster_flagged(cell, n, x, flag, cutoff, w.work, used - 1, &w.need, label,
                                         size, n_clusters), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_cluster_flagged(cell, n, x, flag, cutoff, w.work, used, &w.need, label, size,
                                       n_clusters), MGG_OK);
  free(w.work);
  return w.calls;
}

/* group A: 5 flagged atoms in a chain 1 A apart; group B: 3 flagged atoms; between them a
 * chain of unflagged atoms that would join them if it were flagged */
static void test_two_groups(void **state)
{
  (void) state;
  enum { N = 16 };
  double x[3 * N];
  int flag[N], label[N];
  size_t size[N], nc = 0;
  mgg_cell cell;
  mgg_cell_from_lammps(20.0, 20.0, 20.0, 0.0, 0.0, 0.0, ALL, &cell);
  for (int i = 0; i < N; i++) {
    /* atoms 0..4 (A) at x = 2..6, atoms 5..12 (bridge) at x = 7..14, atoms 13..15 (B) at 15..17 */
    x[3 * i] = 2.0 + i;
    x[3 * i + 1] = 5.0;
    x[3 * i + 2] = 5.0;
    flag[i] = i < 5 || i >= 13;
  }
  assert_true(clusters(&cell, N, x, flag, 1.5, label, size, &nc) <= 4);
  assert_int_equal(nc, 2);
  assert_int_equal(size[0], 5);
  assert_int_equal(size[1], 3);
  for (int i = 0; i < N; i++) assert_int_equal(label[i], i < 5 ? 0 : i >= 13 ? 1 : -1);

  /* flagging the bridge joins everything (through the chain: 17 and 2 + 20 are 5 A apart) */
  for (int i = 0; i < N; i++) flag[i] = 1;
  clusters(&cell, N, x, flag, 1.5, label, size, &nc);
  assert_int_equal(nc, 1);
  assert_int_equal(size[0], N);

  /* a cutoff below the spacing: every flagged atom alone, ties in the order of the atoms */
  flag[3] = 0;
  clusters(&cell, N, x, flag, 0.9, label, size, &nc);
  assert_int_equal(nc, N - 1);
  for (int i = 0; i < N; i++) assert_int_equal(label[i], i == 3 ? -1 : i < 3 ? i : i - 1);
  for (size_t c = 0; c < nc; c++) assert_int_equal(size[c], 1);
}

/* two atoms 1 A apart only through the x boundary of a cubic cell, and two atoms 0.5 A apart
 * only through the tilted y boundary of a triclinic cell (their orthogonal minimum image is
 * 3 A apart); a third atom far away */
static void test_through_periodic_boundary(void **state)
{
  (void) state;
  int flag[3] = {1, 1, 1}, label[3];
  size_t size[3], nc = 0;
  mgg_cell cell;
  mgg_cell_from_lammps(20.0, 20.0, 20.0, 0.0, 0.0, 0.0, ALL, &cell);
  double x[9] = {0.5, 5.0, 5.0, 19.5, 5.0, 5.0, 10.0, 10.0, 10.0};
  clusters(&cell, 3, x, flag, 1.5, label, size, &nc);
  assert_int_equal(nc, 2);
  assert_true(size[0] == 2 && size[1] == 1);
  assert_true(label[0] == 0 && label[1] == 0 && label[2] == 1);
  /* positions given as other images: the same clusters */
  double y[9] = {40.5, 5.0, -15.0, -0.5, 25.0, 5.0, 10.0, 10.0, 10.0};
  clusters(&cell, 3, y, flag, 1.5, label, size, &nc);
  assert_int_equal(nc, 2);
  assert_true(label[0] == 0 && label[1] == 0 && label[2] == 1);

  mgg_cell tilted;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 3.0, 0.0, 0.0, ALL, &tilted);
  /* atom 1 - b = (5, -0.2, 5): 0.5 from atom 0 */
  double t[9] = {5.0, 0.3, 5.0, 8.0, 9.8, 5.0, 0.5, 5.0, 0.5};
  clusters(&tilted, 3, t, flag, 1.0, label, size, &nc);
  assert_int_equal(nc, 2);
  assert_true(label[0] == 0 && label[1] == 0 && label[2] == 1);
  /* without the tilt they are 3.04 A apart: not connected */
  mgg_cell straight;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, ALL, &straight);
  clusters(&straight, 3, t, flag, 1.0, label, size, &nc);
  assert_int_equal(nc, 3);
}

/* A-B and B-C within the cutoff, A-C not: one cluster (transitivity), listed after a larger
 * one found later in the atom order */
static void test_chain_and_order(void **state)
{
  (void) state;
  enum { N = 7 };
  mgg_cell cell;
  mgg_cell_from_lammps(30.0, 30.0, 30.0, 0.0, 0.0, 0.0, ALL, &cell);
  /* atoms 0, 1, 2: chain 1.4 A apart (0-2: 2.8); atoms 3..6: a tight group of four */
  double x[3 * N] = {1, 1, 1, 2.4, 1, 1, 3.8, 1, 1, 15, 15, 15, 15.5, 15, 15, 15, 15.5, 15, 15, 15, 15.5};
  int flag[N] = {1, 1, 1, 1, 1, 1, 1}, label[N];
  size_t size[N], nc = 0;
  clusters(&cell, N, x, flag, 1.5, label, size, &nc);
  assert_int_equal(nc, 2);
  assert_true(size[0] == 4 && size[1] == 3);
  for (int i = 0; i < N; i++) assert_int_equal(label[i], i < 3 ? 1 : 0);
}

/* nothing flagged: no clusters, no workspace; a large random system in few calls */
static void test_none_flagged_and_protocol(void **state)
{
  (void) state;
  enum { N = 3000 };
  static double x[3 * N];
  static int flag[N], label[N];
  static size_t size[N];
  size_t nc = 7, need = 99;
  mgg_cell cell;
  mgg_cell_from_lammps(33.0, 33.0, 33.0, 2.0, 0.0, 0.0, ALL, &cell);
  unsigned s = 5u;
  for (int i = 0; i < 3 * N; i++) {
    s = s * 1103515245u + 12345u;
    x[i] = 33.0 * ((s >> 8) & 0xffffff) / (double) 0x1000000;
  }
  assert_int_equal(mgg_cluster_flagged(&cell, N, x, flag, 3.8, NULL, 0, &need, label, size, &nc), MGG_OK);
  assert_true(nc == 0 && need == 0);
  for (int i = 0; i < N; i++) assert_int_equal(label[i], -1);
  size_t flagged = 0;
  for (int i = 0; i < N; i++) flagged += flag[i] = i % 3 == 0;
  assert_true(clusters(&cell, N, x, flag, 3.0, label, size, &nc) <= 4);
  size_t total = 0;
  for (size_t c = 0; c < nc; c++) {
    total += size[c];
    if (c) assert_true(size[c] <= size[c - 1]);
  }
  assert_int_equal(total, flagged);
  for (int i = 0; i < N; i++) assert_true(flag[i] ? label[i] >= 0 && (size_t) label[i] < nc : label[i] == -1);
}

static void test_errors(void **state)
{
  (void) state;
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, ALL, &cell);
  double x[3] = {1, 1, 1}, work[512];
  int flag[1] = {1}, label[1];
  size_t size[1], nc, need;
  assert_int_equal(mgg_cluster_flagged(NULL, 1, x, flag, 1.0, work, sizeof work, &need, label, size, &nc), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_cluster_flagged(&cell, 1, x, NULL, 1.0, work, sizeof work, &need, label, size, &nc), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_cluster_flagged(&cell, 1, x, flag, 1.0, work, sizeof work, &need, label, NULL, &nc), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_cluster_flagged(&cell, 1, x, flag, 0.0, work, sizeof work, &need, label, size, &nc), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_cluster_flagged(&cell, 1, x, flag, NAN, work, sizeof work, &need, label, size, &nc), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_cluster_flagged(&cell, 1, x, flag, 1.0, work, sizeof work, &need, label, size, &nc), MGG_OK);
  assert_true(nc == 1 && size[0] == 1 && label[0] == 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_groups),
      cmocka_unit_test(test_through_periodic_boundary),
      cmocka_unit_test(test_chain_and_order),
      cmocka_unit_test(test_none_flagged_and_protocol),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
