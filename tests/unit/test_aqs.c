/* The STZ core from the gap in the log histogram of D_f, on synthetic D_f sets with a known
 * core, without one, with a large gap above the reference, zero D_f, and a core of every atom.  Local configurational
 * excitations (bonds broken and formed) on pairs pulled apart or pushed together across
 * periodic and tilted boundaries, on both sides of the cutoff and of the hysteresis; von Mises
 * stress; the whole per-event analysis against its steps. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mgglass.h"
#include "work_buffer.h"

#define N 2000

static double uniform(unsigned *state, double lo, double hi)
{
  *state = *state * 1103515245u + 12345u;
  return lo + (hi - lo) * ((*state >> 8) & 0xffffff) / (double) 0x1000000;
}

/* 40 core atoms log-uniform in [1e-3, 0.4] A, the others in [3, 30] A, shuffled together */
static void test_known_core(void **state)
{
  (void) state;
  static double df[N];
  unsigned seed = 7;
  double core_max = 0.0, other_min = INFINITY;
  for (int k = 0; k < N; k++) {
    const int core = k % 50 == 0;
    df[k] = core ? pow(10.0, uniform(&seed, -3.0, log10(0.4))) : uniform(&seed, 3.0, 30.0);
    if (core) core_max = fmax(core_max, df[k]);
    else other_min = fmin(other_min, df[k]);
  }
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(N, df, 8.4, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 40);
  assert_true(gap.lower == core_max && gap.upper == other_min && gap.threshold == core_max);
  for (int k = 1; k < N; k++) assert_true(df[k - 1] <= df[k]);
}

/* D_f spread evenly over four decades: no gap, no core */
static void test_no_gap(void **state)
{
  (void) state;
  static double df[N];
  for (int k = 0; k < N; k++) df[k] = pow(10.0, -2.0 + 4.0 * k / (N - 1.0));
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(N, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
  assert_true(gap.threshold == 0.0 && gap.lower == 0.0 && gap.upper == 0.0);
}

/* a decade-wide gap between atoms near the reference and far above it is no core */
static void test_gap_above_reference_ignored(void **state)
{
  (void) state;
  double df[100];
  for (int k = 0; k < 100; k++) df[k] = k < 80 ? 6.0 + 0.05 * k : 100.0 + k;
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(100, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
}

/* atoms that did not move at all (D_f = 0) belong to the core; the floor keeps log finite */
static void test_zero_df(void **state)
{
  (void) state;
  double df[6] = {0.0, 9.0, 0.0, 10.0, 1e-4, 11.0};
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(6, df, 9.5, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 3);
  assert_true(gap.lower == 1e-4 && gap.upper == 9.0);
  assert_true(df[0] == MGG_AQS_DF_FLOOR);
}

/* a gap narrower than asked does not count */
static void test_min_gap_width(void **state)
{
  (void) state;
  double df[4] = {1.0, 1.1, 3.0, 3.1};   /* gap log10(3/1.1) = 0.44 decades */
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(4, df, 8.0, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 0);
  assert_int_equal(mgg_aqs_core_gap(4, df, 8.0, 0.4, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 2);
}

/* every analysed atom in the core (a small radius): the reference bounds the gap */
static void test_all_core(void **state)
{
  (void) state;
  double df[3] = {0.04, 0.03, 0.035};
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(3, df, 1.12, 0.5, &gap), MGG_OK);
  assert_int_equal(gap.n_core, 3);
  assert_true(gap.lower == 0.04 && gap.upper == 1.12 && gap.threshold == 0.04);
}

static void test_bad_arguments(void **state)
{
  (void) state;
  double df[3] = {1.0, -1.0, 2.0};
  mgg_aqs_core_gap_info gap;
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  df[1] = NAN;
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  df[1] = 1.0;
  assert_int_equal(mgg_aqs_core_gap(3, df, 0.0, 0.5, &gap), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.0, &gap), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, NULL, 8.0, 0.5, &gap), MGG_ERR_NULL_ARGUMENT);
  assert_int_equal(mgg_aqs_core_gap(3, df, 8.0, 0.5, NULL), MGG_ERR_NULL_ARGUMENT);
}

/* ---------------------------------------------------- local configurational excitations */

static const int ALL[3] = {1, 1, 1};
/* Cu = type 0, Zr = type 1 */
static const double CUZR[4] = {MGG_AQS_LCE_CUTOFF_CUCU, MGG_AQS_LCE_CUTOFF_CUZR, MGG_AQS_LCE_CUTOFF_CUZR,
                               MGG_AQS_LCE_CUTOFF_ZRZR};

static void lce(const mgg_aqs_lce_params *p, const mgg_cell *cell, size_t n, const int *type,
                const double *xb, const double *xa, int *broken, int *formed)
{
  work_buffer w = {0};
  mgg_status st;
  do st = mgg_aqs_lce_bonds(p, cell, n, type, xb, xa, w.work, w.len, &w.need, broken, formed);
  while (work_buffer_retry(&w, st));
  assert_int_equal(st, MGG_OK);
  assert_true(w.calls <= 4 && w.need <= w.len);
  /* the size reported on success is what the call needs: one byte less is too small */
  const size_t used = w.need;
  assert_int_equal(mgg_aqs_lce_bonds(p, cell, n, type, xb, xa, w.work, used - 1, &w.need, broken, formed),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_aqs_lce_bonds(p, cell, n, type, xb, xa, w.work, used, &w.need, broken, formed),
                   MGG_OK);
  free(w.work);
}

/* Two atoms r0 apart before and r1 after along direction dir (0: x, 1: y), bonded through the
 * periodic boundary at 0 of a cell with edges 16 and tilt xy; each moves by half the change,
 * and the second atom's positions are given as images on either side of the cell.  Returns
 * 1 for broken, 2 for formed, 0 for neither (asserting that both atoms agree).  cell_xy: the
 * tilt of the cell they are evaluated in (xy, or another to show that the tilt matters). */
static int pair_bond_in(double cell_xy, int type0, int type1, double rc_override, double xy,
                        int dir, double r0, double r1)
{
  mgg_cell cell;
  mgg_cell_from_lammps(16.0, 16.0, 16.0, cell_xy, 0.0, 0.0, ALL, &cell);
  const double half = 0.5 * (r1 - r0);
  /* atom 0 near the lower face; atom 1 at atom 0 - r0 along dir, shifted by one cell vector */
  double xb[6] = {5.0, 5.0, 8.0, 0, 0, 8.0}, xa[6];
  xb[dir] = 0.5;
  xb[3] = xb[0] + (dir == 0 ? 16.0 - r0 : xy);
  xb[4] = xb[1] + (dir == 1 ? 16.0 - r0 : 0.0);
  memcpy(xa, xb, sizeof xa);
  xa[dir] += half;
  xa[3 + dir] -= half;
  xa[3] -= 16.0; /* another image of atom 1 after (a lattice vector only along x: a = (16, 0, 0)) */
  const int type[2] = {type0, type1};
  double rc[4];
  memcpy(rc, CUZR, sizeof rc);
  if (rc_override > 0.0) rc[0] = rc[1] = rc[2] = rc[3] = rc_override;
  const mgg_aqs_lce_params p = {2, rc, MGG_AQS_LCE_HYSTERESIS};
  int broken[2], formed[2];
  lce(&p, &cell, 2, type, xb, xa, broken, formed);
  assert_int_equal(broken[0], broken[1]);
  assert_int_equal(formed[0], formed[1]);
  assert_true(broken[0] + formed[0] <= 1);
  return broken[0] ? 1 : formed[0] ? 2 : 0;
}

static int pair_bond(int type0, int type1, double rc_override, double xy, int dir, double r0, double r1)
{
  return pair_bond_in(xy, type0, type1, rc_override, xy, dir, r0, r1);
}

/* Cu-Cu (3.05 A) pulled apart across the x boundary */
static void test_lce_broken_across_boundary(void **state)
{
  (void) state;
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 2.50, 3.10), 1); /* out, by 0.6 > h */
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 3.00, 3.08), 1); /* out, by 0.08 > h */
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 3.00, 3.06), 0); /* out, by 0.06 < h */
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 2.90, 3.04), 0); /* by 0.14 > h, still in */
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 3.06, 3.50), 0); /* not bonded before */
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 2.50, 2.40), 0); /* closer */
  /* exactly at the cutoff (binary fractions, rc 3): r_after = rc is out, r_before = rc is not in */
  assert_int_equal(pair_bond(0, 0, 3.0, 0.0, 0, 2.50, 3.00), 1);
  assert_int_equal(pair_bond(0, 0, 3.0, 0.0, 0, 3.00, 2.50), 2);
}

/* Zr-Zr (4.35 A) and Cu-Zr (3.75 A) pushed together; the Cu-Cu cutoff would not bond them */
static void test_lce_formed(void **state)
{
  (void) state;
  assert_int_equal(pair_bond(1, 1, 0.0, 0.0, 0, 4.60, 4.20), 2);
  assert_int_equal(pair_bond(1, 1, 0.0, 0.0, 0, 4.40, 4.34), 0); /* in, by 0.06 < h */
  assert_int_equal(pair_bond(1, 1, 0.0, 0.0, 0, 4.45, 4.36), 0); /* by 0.09 > h, still out */
  assert_int_equal(pair_bond(1, 1, 0.0, 0.0, 0, 4.40, 4.30), 2); /* in, by 0.10 > h */
  assert_int_equal(pair_bond(0, 1, 0.0, 0.0, 0, 3.90, 3.60), 2);
  assert_int_equal(pair_bond(1, 0, 0.0, 0.0, 0, 3.90, 3.60), 2);
  assert_int_equal(pair_bond(0, 0, 0.0, 0.0, 0, 3.90, 3.60), 0);
  assert_int_equal(pair_bond(1, 1, 0.0, 0.0, 0, 3.90, 3.60), 0); /* bonded before and after */
}

/* bonded only through the tilted y boundary (b = (5, 16, 0)): atom 1 - b is r0 below atom 0 */
static void test_lce_triclinic(void **state)
{
  (void) state;
  assert_int_equal(pair_bond(0, 0, 0.0, 5.0, 1, 2.50, 3.10), 1);
  assert_int_equal(pair_bond(0, 0, 0.0, 5.0, 1, 3.00, 3.06), 0);
  assert_int_equal(pair_bond(1, 1, 0.0, 5.0, 1, 4.60, 4.20), 2);
  /* the same coordinates in a cell without the tilt: 5 A apart along x, never bonded */
  assert_int_equal(pair_bond_in(0.0, 0, 0, 0.0, 5.0, 1, 2.50, 3.10), 0);
  assert_int_equal(pair_bond_in(0.0, 1, 1, 0.0, 5.0, 1, 4.60, 4.20), 0);
}

/* A compact group of atoms translated rigidly by more than a third of the cell (a search
 * radius beyond half the cell: several images of each atom are candidates), or by almost half
 * the cell with some jiggle: no bond changes; then one atom pulled out of the group breaks its
 * bonds, counted once per bond. */
static void test_lce_rigid_translation(void **state)
{
  (void) state;
  enum { NA = 7 };
  mgg_cell cell;
  mgg_cell_from_lammps(16.0, 16.0, 16.0, 3.0, -2.0, 1.0, ALL, &cell);
  /* atom 0 at the centre of an octahedron of six at 2.6 A (Cu-Cu bonded; opposite ones 5.2) */
  const double a = 2.6;
  double xb[3 * NA] = {0.2, 0.2, 0.2, a, 0, 0, -a, 0, 0, 0, a, 0, 0, -a, 0, 0, 0, a, 0, 0, -a};
  double xa[3 * NA];
  int type[NA] = {0, 0, 0, 0, 0, 0, 0}, broken[NA], formed[NA];
  const double shift[3] = {6.5, -5.5, 5.0};
  for (int i = 0; i < NA; i++)
    for (int k = 0; k < 3; k++) xa[3 * i + k] = xb[3 * i + k] + shift[k] + (i % 2 ? 16.0 * (k == 0) : 0.0);
  const mgg_aqs_lce_params p = {2, CUZR, MGG_AQS_LCE_HYSTERESIS};
  lce(&p, &cell, NA, type, xb, xa, broken, formed);
  for (int i = 0; i < NA; i++) assert_true(broken[i] == 0 && formed[i] == 0);
  /* translated by almost half the cell along x, the atoms jiggling by up to 0.1 A about it (the
   * bonds stay within 2.4 - 2.8 A): the displacements' images must not differ by the cell */
  unsigned seed = 21u;
  for (int i = 0; i < 3 * NA; i++) xa[i] = xb[i] + (i % 3 == 0 ? 7.95 : 0.0) + uniform(&seed, -0.05, 0.05);
  lce(&p, &cell, NA, type, xb, xa, broken, formed);
  for (int i = 0; i < NA; i++) assert_true(broken[i] == 0 && formed[i] == 0);
  for (int i = 0; i < NA; i++)
    for (int k = 0; k < 3; k++) xa[3 * i + k] = xb[3 * i + k] + shift[k] + (i % 2 ? 16.0 * (k == 0) : 0.0);
  /* atom 1 (+x) pulled out to 3.6 A from the centre: its bond to 0 breaks; to 3 and 5
   * (3.68 -> 4.44 A) it was never bonded */
  xa[3] += 1.0;
  lce(&p, &cell, NA, type, xb, xa, broken, formed);
  assert_int_equal(broken[0], 1);
  assert_int_equal(broken[1], 1);
  for (int i = 2; i < NA; i++) assert_int_equal(broken[i], 0);
  for (int i = 0; i < NA; i++) assert_int_equal(formed[i], 0);
}

static void test_lce_errors(void **state)
{
  (void) state;
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, ALL, &cell);
  double x[6] = {1, 1, 1, 3, 1, 1}, work[2048];
  int type[2] = {0, 1}, broken[2], formed[2];
  size_t need;
  double rc[4] = {3.0, 3.5, 3.5, 4.0};
  mgg_aqs_lce_params p = {2, rc, 0.075};
#define LCE(len) mgg_aqs_lce_bonds(&p, &cell, 2, type, x, x, work, len, &need, broken, formed)
  assert_int_equal(LCE(sizeof work), MGG_OK);
  assert_int_equal(LCE(16), MGG_ERR_BUFFER_TOO_SMALL);
  assert_true(need > 16);
  rc[1] = 3.4; /* not symmetric */
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  rc[1] = rc[2] = -1.0;
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  rc[0] = rc[1] = rc[2] = rc[3] = 0.0; /* nothing can bond */
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  rc[0] = 5.0; /* twice the cutoff is the cell */
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  rc[0] = 3.0;
  p.hysteresis = -0.1;
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  p.hysteresis = 0.075;
  type[1] = 2;
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
  type[1] = 1;
  p.cutoff = NULL;
  assert_int_equal(LCE(sizeof work), MGG_ERR_NULL_ARGUMENT);
  p.cutoff = rc;
  assert_int_equal(mgg_aqs_lce_bonds(&p, &cell, 2, type, x, NULL, work, sizeof work, &need, broken, formed), MGG_ERR_NULL_ARGUMENT);
  x[0] = NAN;
  assert_int_equal(LCE(sizeof work), MGG_ERR_BAD_ARGUMENT);
#undef LCE
}

/* ------------------------------------------------------------------------- von Mises */

static void test_von_mises(void **state)
{
  (void) state;
  const double sigma = 1.7;
  /* pure shear in each plane, hydrostatic, uniaxial, the negative of a general tensor */
  const double s[6 * 7] = {0, 0, 0, sigma, 0, 0,  0, 0, 0, 0, -sigma, 0,  0, 0, 0, 0, 0, sigma,
                           -3.2, -3.2, -3.2, 0, 0, 0,  sigma, 0, 0, 0, 0, 0,
                           1.0, -2.0, 0.5, 0.3, -0.7, 1.1,  -1.0, 2.0, -0.5, -0.3, 0.7, -1.1};
  double vm[7];
  assert_int_equal(mgg_aqs_von_mises_stress(7, s, vm), MGG_OK);
  for (int k = 0; k < 3; k++) assert_true(fabs(vm[k] - sqrt(3.0) * sigma) < 1e-14);
  assert_true(vm[3] == 0.0);
  assert_true(fabs(vm[4] - sigma) < 1e-14);
  const double general = sqrt((9.0 + 6.25 + 0.25) / 2.0 + 3.0 * (0.09 + 0.49 + 1.21));
  assert_true(fabs(vm[5] - general) < 1e-14 && vm[6] == vm[5]);
  assert_int_equal(mgg_aqs_von_mises_stress(0, NULL, NULL), MGG_OK);
  assert_int_equal(mgg_aqs_von_mises_stress(1, NULL, vm), MGG_ERR_NULL_ARGUMENT);
}

/* ------------------------------------------------------------------------- one event */

/* A simple cubic lattice (a = 2.5 A, 8^3 atoms, Cu and Zr alternating) sheared affinely by
 * 2% in xy; in the configuration after, two distant atoms moved by 0.8 and 0.7 A.  The event
 * analysis agrees with its steps called one by one; atoms away from the moved ones have
 * D2min 0; the flagged atoms form two clusters; norm sum gives N_i times the mean. */
static void test_event_analysis(void **state)
{
  (void) state;
  enum { M = 8, NA = M * M * M };
  const double a = 2.5, L = M * a, gamma = 0.02;
  static double xb[3 * NA], xs[3 * NA], xa[3 * NA], sb[6 * NA], sa[6 * NA];
  static int type[NA];
  mgg_cell cb, ca;
  mgg_cell_from_lammps(L, L, L, 0.0, 0.0, 0.0, ALL, &cb);
  mgg_cell_from_lammps(L, L, L, gamma * L, 0.0, 0.0, ALL, &ca);
  unsigned seed = 9u;
  for (int i = 0; i < NA; i++) {
    const int ix = i % M, iy = (i / M) % M, iz = i / (M * M);
    xb[3 * i] = a * ix + 0.1;
    xb[3 * i + 1] = a * iy + 0.1;
    xb[3 * i + 2] = a * iz + 0.1;
    xs[3 * i] = xb[3 * i] + gamma * xb[3 * i + 1];
    xs[3 * i + 1] = xb[3 * i + 1];
    xs[3 * i + 2] = xb[3 * i + 2];
    type[i] = (ix + iy + iz) % 2;
    for (int k = 0; k < 6; k++) {
      sb[6 * i + k] = uniform(&seed, -2.0, 2.0);
      sa[6 * i + k] = uniform(&seed, -2.0, 2.0);
    }
  }
  memcpy(xa, xs, sizeof xa);
  const int moved[2] = {2 + M * (2 + M * 2), 6 + M * (6 + M * 5)};
  xa[3 * moved[0]] += 0.8;
  xa[3 * moved[1] + 2] -= 0.7;
  xa[3 * 17] += gamma * L; /* an image: b = (gamma L, L, 0) in the cell after */
  xa[3 * 17 + 1] += L;

  const mgg_aqs_event_params p = {3.8, 0.18, 3.8, {2, CUZR, MGG_AQS_LCE_HYSTERESIS}};
  static double d2min[NA], vm[NA], rows[NA * MGG_DMIN2_NCOLS], vb[NA], va[NA];
  static int nneigh[NA], broken[NA], formed[NA], cluster[NA], b2[NA], f2[NA], label[NA];
  static size_t sizes[NA], sizes2[NA];
  mgg_aqs_event_result r = {d2min, nneigh, broken, formed, vm, cluster, sizes, 0, 0, 0};
  work_buffer w = {0};
  mgg_status st;
  do st = mgg_aqs_event_analysis(&p, NA, type, &cb, xb, &ca, xs, xa, sb, sa, w.work, w.len, &w.need, &r);
  while (work_buffer_retry(&w, st));
  assert_int_equal(st, MGG_OK);
  assert_true(w.calls <= 8);
  const size_t used = w.need;
  assert_int_equal(mgg_aqs_event_analysis(&p, NA, type, &cb, xb, &ca, xs, xa, sb, sa, w.work, used - 1, &w.need, &r),
                   MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_aqs_event_analysis(&p, NA, type, &cb, xb, &ca, xs, xa, sb, sa, w.work, used, &w.need, &r),
                   MGG_OK);

  /* the steps one by one */
  mgg_dmin2_params dp = {3.8, MGG_DMIN2_MEAN, cb};
  assert_int_equal(mgg_dmin2_periodic(&dp, NA, xb, &ca, xa, w.work, w.len, &w.need, rows), MGG_OK);
  static int flag[NA];
  size_t above = 0, nc = 0;
  for (int i = 0; i < NA; i++) {
    assert_true(d2min[i] == rows[i * MGG_DMIN2_NCOLS + MGG_DMIN2_COL_D2MIN]);
    above += flag[i] = d2min[i] > 0.18;
  }
  assert_int_equal(r.n_above, above);
  assert_int_equal(r.n_unfitted, 0);
  assert_int_equal(mgg_cluster_flagged(&ca, NA, xa, flag, 3.8, w.work, w.len, &w.need, label, sizes2, &nc), MGG_OK);
  assert_int_equal(r.n_clusters, nc);
  assert_int_equal(nc, 2);
  assert_true(memcmp(sizes, sizes2, nc * sizeof *sizes) == 0 && memcmp(cluster, label, sizeof label) == 0);
  assert_int_equal(mgg_aqs_lce_bonds(&p.bonds, &ca, NA, type, xs, xa, w.work, w.len, &w.need, b2, f2), MGG_OK);
  assert_true(memcmp(broken, b2, sizeof b2) == 0 && memcmp(formed, f2, sizeof f2) == 0);
  mgg_aqs_von_mises_stress(NA, sb, vb);
  mgg_aqs_von_mises_stress(NA, sa, va);
  for (int i = 0; i < NA; i++) assert_true(vm[i] == va[i] - vb[i]);

  /* norm sum (Falk and Langer's): N_i = 18 (6 at a, 12 at a sqrt 2 < 3.8 A < a sqrt 3) times
   * the mean, and the threshold applies to the sum */
  static double mean[NA];
  memcpy(mean, d2min, sizeof mean);
  mgg_aqs_event_params ps = p;
  ps.d2min_norm = MGG_DMIN2_SUM;
  assert_int_equal(mgg_aqs_event_analysis(&ps, NA, type, &cb, xb, &ca, xs, xa, sb, sa, w.work, w.len, &w.need, &r),
                   MGG_OK);
  size_t above_sum = 0;
  for (int i = 0; i < NA; i++) {
    assert_int_equal(nneigh[i], 18);
    assert_true(fabs(d2min[i] - 18.0 * mean[i]) <= 1e-12 * (1.0 + d2min[i]));
    above_sum += d2min[i] > 0.18;
    assert_true((cluster[i] >= 0) == (d2min[i] > 0.18));
  }
  assert_int_equal(r.n_above, above_sum);
  assert_true(above_sum > above);
  ps.d2min_norm = (mgg_dmin2_norm) 2;
  assert_int_equal(mgg_aqs_event_analysis(&ps, NA, type, &cb, xb, &ca, xs, xa, sb, sa, w.work, w.len, &w.need, &r),
                   MGG_ERR_BAD_ARGUMENT);
  free(w.work);

  /* D2min: 0 (affine) beyond the moved atoms' neighbourhoods, large at the moved atoms; the
   * moved atoms' bonds to their nearest neighbour along the move break or form */
  int bonds_changed = 0;
  for (int i = 0; i < NA; i++) {
    double dmin = INFINITY;
    for (int m = 0; m < 2; m++) {
      double d[3];
      for (int k = 0; k < 3; k++) d[k] = xb[3 * i + k] - xb[3 * moved[m] + k];
      mgg_cell_minimum_image(&cb, d);
      dmin = fmin(dmin, sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
    }
    if (dmin > 3.8) assert_true(d2min[i] < 1e-20);
    if (dmin == 0.0) assert_true(d2min[i] > 0.18 && cluster[i] >= 0);
    bonds_changed += broken[i] + formed[i];
  }
  assert_true(bonds_changed > 0);
}

static void test_event_errors(void **state)
{
  (void) state;
  mgg_cell cell;
  mgg_cell_from_lammps(10.0, 10.0, 10.0, 0.0, 0.0, 0.0, ALL, &cell);
  double x[6] = {1, 1, 1, 3, 1, 1}, s[12] = {0}, d2[2], vm[2], work[8192];
  int type[2] = {0, 1}, nn[2], br[2], fo[2], cl[2];
  size_t sz[2], need;
  mgg_aqs_event_params p = {3.8, 0.18, 3.8, {2, CUZR, MGG_AQS_LCE_HYSTERESIS}};
  mgg_aqs_event_result r = {d2, nn, br, fo, vm, cl, sz, 0, 0, 0};
#define EVENT() mgg_aqs_event_analysis(&p, 2, type, &cell, x, &cell, x, x, s, s, work, sizeof work, &need, &r)
  assert_int_equal(EVENT(), MGG_OK);
  assert_true(r.n_above == 0 && r.n_clusters == 0 && r.n_unfitted == 2);
  p.d2min_threshold = NAN;
  assert_int_equal(EVENT(), MGG_ERR_BAD_ARGUMENT);
  p.d2min_threshold = 0.18;
  p.cluster_cutoff = 0.0;
  assert_int_equal(EVENT(), MGG_ERR_BAD_ARGUMENT);
  p.cluster_cutoff = 3.8;
  s[0] = NAN;
  assert_int_equal(EVENT(), MGG_ERR_BAD_ARGUMENT);
  s[0] = 0.0;
  r.cluster_size = NULL;
  assert_int_equal(EVENT(), MGG_ERR_NULL_ARGUMENT);
#undef EVENT
}

/* The core of one sweep: 4 atoms far below the others, the gap's threshold between them, a
 * user's threshold instead, df left as it was, a workspace one byte short */
static void test_sweep_core(void **state)
{
  (void) state;
  const double df[] = {2.0, 0.01, 1.5, 0.02, 0.005, 3.0, 0.015};
  const double before[] = {2.0, 0.01, 1.5, 0.02, 0.005, 3.0, 0.015};
  const size_t n = 7;
  double work[7], core[7], threshold;
  mgg_aqs_core_gap_info gap;
  size_t n_core;
  assert_int_equal(mgg_aqs_sweep_core_work_size(n), n * sizeof(double));
  assert_int_equal(mgg_aqs_sweep_core(n, df, 2.5, 0.5, 0.0, work, sizeof(work), core, &gap,
                                      &threshold, &n_core), MGG_OK);
  /* sorted: 0.005, 0.01, 0.015, 0.02 | 1.5 (ref 2.5): the gap log10(75) > 0.5 decades */
  assert_true(gap.lower == 0.02);
  assert_true(gap.upper == 1.5);
  assert_true(threshold == 0.02);
  assert_int_equal(gap.n_core, 4);
  const double expected[] = {0, 1, 0, 1, 1, 0, 1};
  for (size_t k = 0; k < n; k++) assert_true(core[k] == expected[k]);
  assert_int_equal(n_core, 4);
  assert_memory_equal(df, before, sizeof(before));

  assert_int_equal(mgg_aqs_sweep_core(n, df, 2.5, 0.5, 1.6, work, sizeof(work), core, &gap,
                                      &threshold, &n_core), MGG_OK);
  const double user[] = {0, 1, 1, 1, 1, 0, 1};
  for (size_t k = 0; k < n; k++) assert_true(core[k] == user[k]);
  assert_int_equal(n_core, 5);
  assert_true(threshold == 1.6);
  assert_int_equal(gap.n_core, 4); /* the gap is still reported */

  assert_int_equal(mgg_aqs_sweep_core(n, df, 2.5, 0.5, 0.0, work, sizeof(work) - 1, core, &gap,
                                      &threshold, &n_core), MGG_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(mgg_aqs_sweep_core(n, df, 2.5, 0.5, NAN, work, sizeof(work), core, &gap,
                                      &threshold, &n_core), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_sweep_core(n, df, 0.0, 0.5, 0.0, work, sizeof(work), core, &gap,
                                      &threshold, &n_core), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_sweep_core(n, df, 2.5, 0.5, 0.0, NULL, sizeof(work), core, &gap,
                                      &threshold, &n_core), MGG_ERR_NULL_ARGUMENT);
}

/* The expected cost: atoms in a sphere of a uniform density, capped at the group */
static void test_sweep_estimate(void **state)
{
  (void) state;
  mgg_aqs_sweep_cost c;
  /* 1,000 atoms in 1,000 A^3, radius 1: 4 pi / 3 atoms, 3 trials on the busier of 2 partitions */
  assert_int_equal(mgg_aqs_sweep_estimate(1000.0, 1000.0, 1.0, 2, &c), MGG_OK);
  assert_true(fabs(c.atoms - 4.0 / 3.0 * 3.14159265358979323846) < 1e-14);
  assert_true(c.trials == 3.0);
  assert_true(c.evaluations == 3.0 * MGG_AQS_TRIAL_EVALUATIONS);
  assert_int_equal(mgg_aqs_sweep_estimate(1000.0, 1000.0, 100.0, 3, &c), MGG_OK);
  assert_true(c.atoms == 1000.0);
  assert_true(c.trials == 334.0);
  assert_int_equal(mgg_aqs_sweep_estimate(1000.0, 1000.0, INFINITY, 1, &c), MGG_OK);
  assert_true(c.atoms == 1000.0);
  assert_int_equal(mgg_aqs_sweep_estimate(0.0, 1000.0, INFINITY, 1, &c), MGG_OK);
  assert_true(c.trials == 0.0);
  assert_int_equal(mgg_aqs_sweep_estimate(10.0, 0.0, 1.0, 1, &c), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_sweep_estimate(10.0, 1.0, NAN, 1, &c), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_sweep_estimate(10.0, 1.0, 1.0, 0, &c), MGG_ERR_BAD_ARGUMENT);
  assert_int_equal(mgg_aqs_sweep_estimate(10.0, 1.0, 1.0, 1, NULL), MGG_ERR_NULL_ARGUMENT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known_core),
      cmocka_unit_test(test_no_gap),
      cmocka_unit_test(test_gap_above_reference_ignored),
      cmocka_unit_test(test_zero_df),
      cmocka_unit_test(test_min_gap_width),
      cmocka_unit_test(test_all_core),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_lce_broken_across_boundary),
      cmocka_unit_test(test_lce_formed),
      cmocka_unit_test(test_lce_triclinic),
      cmocka_unit_test(test_lce_rigid_translation),
      cmocka_unit_test(test_lce_errors),
      cmocka_unit_test(test_von_mises),
      cmocka_unit_test(test_event_analysis),
      cmocka_unit_test(test_event_errors),
      cmocka_unit_test(test_sweep_core),
      cmocka_unit_test(test_sweep_estimate),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
