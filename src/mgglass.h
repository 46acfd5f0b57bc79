/* mgglass: numerical core of the metallic-glass analysis plugin for LAMMPS.
 *
 * The public header of the C11 core (no LAMMPS, no MPI): the sections below and the module
 * headers it includes (mgg_<module>.h: mgg_status.h, mgg_modes.h, mgg_vdos.h, mgg_flexvol.h,
 * and at its end, since they use the types above, mgg_aqs.h and mgg_artn.h).  Conventions:
 *  - every function returns an mgg_status; mgg_status_message() turns it into text;
 *  - all buffers are owned by the caller and passed with their sizes;
 *  - positions are flat arrays of 3 doubles per point (x0 y0 z0 x1 y1 z1 ...);
 *  - no global state: functions may run concurrently on different data.
 */
#ifndef MGGLASS_H
#define MGGLASS_H

#include <stddef.h>

#include "mgg_flexvol.h"
#include "mgg_modes.h"
#include "mgg_status.h"
#include "mgg_vdos.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ cell */

/* A cell, periodic along some of its vectors: columns of h are the cell vectors a, b, c. */
typedef struct {
  double h[3][3];    /* h[row][col]: a = (h[0][0], h[1][0], h[2][0]), ... */
  double hinv[3][3]; /* inverse of h: fractional = hinv * Cartesian */
  int periodic[3];   /* 1 where images repeat along a, b, c */
} mgg_cell;

/* Cell from LAMMPS box parameters: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz). */
mgg_status mgg_cell_from_lammps(double lx, double ly, double lz, double xy, double xz, double yz,
                                const int periodic[3], mgg_cell *cell);

/* Distance between opposite faces, smallest over the periodic directions (INFINITY when none
 * is periodic).  A vector shorter than half of this is its own minimum image. */
double mgg_cell_min_width(const mgg_cell *cell);

/* Replaces v by the periodic image closest to the origin, exact whenever that image is shorter
 * than half of mgg_cell_min_width() (fractional components wrapped into [-1/2, 1/2]). */
void mgg_cell_minimum_image(const mgg_cell *cell, double v[3]);

/* Fractional coordinates s = hinv x of n points (x and s may be the same array). */
void mgg_cell_to_fractional(const mgg_cell *cell, size_t n, const double *x, double *s);

/* ------------------------------------------------------------ neighbours */

/* Candidate neighbours in compressed-row form: the candidates of centre k are
 * index[start[k]] .. index[start[k+1]-1], indices into the point arrays. */
typedef struct {
  size_t n_centres;
  const int *centre;   /* [n_centres] point index of each centre */
  const size_t *start; /* [n_centres + 1] */
  const int *index;    /* [start[n_centres]] */
} mgg_neighbours;

/* The largest number of candidates of any centre (0 for none): sizes per-centre scratch. */
size_t mgg_neighbours_max_count(const mgg_neighbours *neighbours);

/* Bytes of workspace mgg_find_within() needs for these points and radius (any allocation
 * aligned for double). */
size_t mgg_find_within_workspace(size_t n_points, const double *x, size_t n_centres,
                                 const int *centre, double radius);

/* For each centre, the points j != centre with |x[j] - x[centre]| < radius, found with a cell
 * list over the points as given (no periodicity: the caller supplies periodic copies).
 * start has n_centres + 1 entries; index has index_cap entries.  *n_found is set to the total
 * number of pairs; when it exceeds index_cap the result is MGG_ERR_BUFFER_TOO_SMALL and the
 * caller retries with a larger index buffer. */
mgg_status mgg_find_within(size_t n_points, const double *x, size_t n_centres, const int *centre,
                           double radius, void *workspace, size_t workspace_len, size_t *start,
                           int *index, size_t index_cap, size_t *n_found);

/* The atoms of a periodic cell and their periodic images within distance margin of it, the way
 * LAMMPS surrounds its box with ghost atoms (for the core's modules, which want explicit
 * points).  Points 0 .. n_atoms-1 are the atoms wrapped into the cell (fractional coordinates
 * in [0, 1) along periodic vectors; atom i is point i), then the images x + i a + j b + k c
 * whose fractional coordinates are within margin / (face distance) of [0, 1) along each
 * periodic vector (several images of one atom when the margin exceeds the cell).  points has
 * room for cap points (3 cap doubles), owner for cap ints (owner[p] = atom of point p).
 * *n_points is set to the number of points; MGG_ERR_BUFFER_TOO_SMALL when it exceeds cap. */
mgg_status mgg_periodic_points(const mgg_cell *cell, size_t n_atoms, const double *x, double margin,
                               size_t cap, double *points, int *owner, size_t *n_points);

/* Candidates of every atom of a periodic cell among the atoms and their images, in one call:
 * mgg_periodic_points() with margin radius, then mgg_find_within() with radius, atom k (point
 * k) being centre k.  The arrays live in the caller's workspace, which the result points into. */
typedef struct {
  size_t n_points;
  const double *points; /* [3 n_points]: the atoms wrapped into the cell, then their images */
  const int *owner;     /* [n_points] atom of each point */
  mgg_neighbours nb;    /* centres 0 .. n_atoms-1 (points 0 .. n_atoms-1) */
} mgg_periodic_neighbours;

/* The workspace protocol of the functions that find their own periodic neighbours (here and in
 * the dmin2 and cluster sections and mgg_aqs.h): work has work_len bytes (any allocation aligned for
 * double; NULL with work_len 0 to ask).  When it is too small the result is
 * MGG_ERR_BUFFER_TOO_SMALL and *work_needed is a larger size to retry with, exact once the
 * candidate pairs have been counted, so that
 *   while ((st = f(..., work, len, &need, ...)) == MGG_ERR_BUFFER_TOO_SMALL) grow work to need;
 * ends after a few calls (at most three here, two when the first estimate of the pairs holds).
 * On MGG_OK *work_needed is the size used.
 *
 * Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (radius not > 0 or not finite, a
 * non-finite position, more than INT_MAX points), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_find_within_periodic(const mgg_cell *cell, size_t n_atoms, const double *x,
                                    double radius, void *work, size_t work_len,
                                    size_t *work_needed, mgg_periodic_neighbours *out);

/* ----------------------------------------------------------------- dmin2 */

/* Columns of the per-atom result of mgg_dmin2_compute(). */
enum {
  MGG_DMIN2_COL_D2MIN = 0,  /* residual of the best local affine fit (mean or sum over bonds) */
  MGG_DMIN2_COL_NNEIGH,     /* number of reference neighbours */
  MGG_DMIN2_COL_VON_MISES,  /* von Mises shear invariant of E = (J^T J - I)/2 */
  MGG_DMIN2_COL_VOLUMETRIC, /* (E_xx + E_yy + E_zz) / 3 */
  MGG_DMIN2_COL_FLAG,       /* one of mgg_dmin2_flag */
  MGG_DMIN2_NCOLS
};

typedef enum {
  MGG_DMIN2_FLAG_OK = 0,
  MGG_DMIN2_FLAG_FEW_NEIGHBOURS = 1, /* fewer than 3 reference neighbours: results set to 0 */
  MGG_DMIN2_FLAG_SINGULAR = 2        /* neighbour vectors (nearly) coplanar: results set to 0 */
} mgg_dmin2_flag;

typedef enum {
  MGG_DMIN2_MEAN = 0, /* (1/N) sum_j |d_j - J d0_j|^2: Falk-Langer as in seeds 000 and 003 */
  MGG_DMIN2_SUM = 1   /* sum_j |d_j - J d0_j|^2: OVITO's convention */
} mgg_dmin2_norm;

/* det(V) below this fraction of (trace(V)/3)^3 marks the fit as singular. */
#define MGG_DMIN2_SINGULAR_TOL 1.0e-10

typedef struct {
  double cutoff;       /* a neighbour is within this distance in the reference configuration */
  mgg_dmin2_norm norm;
  mgg_cell ref_cell;   /* cell of the reference configuration */
} mgg_dmin2_params;

/* Falk-Langer D2min for each centre.
 *
 * x_cur holds the current positions of n_points points (atoms and, for periodic systems, their
 * periodic copies): a bond's current vector is x_cur[j] - x_cur[i] as given.  s_ref holds the
 * reference position of the same atom for every point, in fractional coordinates of ref_cell
 * (mgg_cell_to_fractional; a periodic copy carries its atom's reference position unchanged):
 * the reference bond is the minimum image of s_ref[j] - s_ref[i].  A candidate j is a neighbour
 * of centre i when that reference bond is shorter than the cutoff; each physical neighbour must
 * appear at most once among the candidates (the caller keeps the candidate search radius below
 * half the current cell width).
 *
 * work holds work_len doubles, at least mgg_dmin2_work_size(neighbours).
 * out has MGG_DMIN2_NCOLS values per centre (row k for centre k).
 * longest_bond, when not NULL, receives the largest current length of a reference bond (0 when
 * there is none): callers use it to size the next candidate search. */
mgg_status mgg_dmin2_compute(const mgg_dmin2_params *params, size_t n_points,
                             const double *x_cur, const double *s_ref,
                             const mgg_neighbours *neighbours, double *work, size_t work_len,
                             double *out, double *longest_bond);

/* Doubles of work mgg_dmin2_compute needs: 6 per candidate of the centre with the most. */
size_t mgg_dmin2_work_size(const mgg_neighbours *neighbours);

/* Number of reference neighbours of each centre (the same test as mgg_dmin2_compute). */
mgg_status mgg_dmin2_count_neighbours(const mgg_dmin2_params *params, size_t n_points,
                                      const double *s_ref, const mgg_neighbours *neighbours,
                                      int *count);

/* Reference positions of atoms that appear in the current configuration (created atoms): each
 * current position x mapped back through the cell deformation F = H_cur M H_ref^-1 (M as in
 * mgg_dmin2_periodic, so that a box flip deforms nothing), x_ref = o_ref + F^-1 (x - o_cur),
 * with o_ref and o_cur the cells' origins (LAMMPS's boxlo): an atom that appeared is displaced
 * affinely since the reference, as if it had followed the deformation.  x and x_ref (3 doubles
 * per atom) may be the same array.  Errors: MGG_ERR_NULL_ARGUMENT; MGG_ERR_BAD_ARGUMENT when the
 * cells differ in periodicity or M is not unimodular (no deformation of one another). */
mgg_status mgg_dmin2_map_to_reference(const mgg_cell *ref_cell, const double ref_origin[3],
                                      const mgg_cell *cur_cell, const double cur_origin[3],
                                      size_t n, const double *x, double *x_ref);

/* D2min of every atom of a periodic system between two whole configurations: the reference
 * x_ref in params->ref_cell and the current x_cur in cur_cell (3 doubles per atom, any periodic
 * image of each position).  Reference bonds are the minimum images in the reference cell (as in
 * mgg_dmin2_compute).  A bond follows the cell deformation F = H_cur M H_ref^-1, M the integer
 * matrix nearest to H_cur^-1 H_ref (so that a box flip, which changes the cell vectors by lattice
 * vectors, deforms nothing): with u_i the minimum image in cur_cell of x_cur_i - F x_ref_i
 * (taken about the mean of the u_i, so that a uniform translation or another origin changes
 * nothing), the current bond of the reference bond d0 from i to j is F d0 + u_j - u_i.  The
 * candidates are the current periodic images within R = (1 + |F - I|_Frobenius) cutoff +
 * 2 max_i |u_i| (which holds every such bond) from mgg_find_within_periodic(); the fit is
 * mgg_dmin2_compute() with params->norm.  out: MGG_DMIN2_NCOLS values per atom (row i for atom i).
 * work, work_len, work_needed: the workspace protocol of mgg_find_within_periodic() (at most
 * four calls).  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (parameters; M not
 * unimodular: the cells are no deformation of one another; twice the cutoff not below the
 * reference cell's width or twice R not below the current one's, so that a neighbour's image
 * would not be unique: the cell is too small for the motion), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_dmin2_periodic(const mgg_dmin2_params *params, size_t n_atoms, const double *x_ref,
                              const mgg_cell *cur_cell, const double *x_cur, void *work,
                              size_t work_len, size_t *work_needed, double *out);

/* ----------------------------------------------------------- voronoi */

/* mgglass: Voronoi (and radical Voronoi) cells of explicit points, Voronoi indices and the
 * motif classes of Cu-Zr glasses. */

/* Thresholds applied when counting faces and edges; they never change volume or area. */
typedef struct {
  double min_area_abs; /* faces with area below this (distance^2) are dropped; 0 keeps all */
  double min_area_rel; /* faces below this fraction of the cell's total surface area are dropped */
  double min_edge;     /* edges shorter than this are not counted in a face's edge count */
} mgg_voronoi_params;

/* faces with more counted edges than this are counted in edges[MGG_VORONOI_MAX_EDGES] */
#define MGG_VORONOI_MAX_EDGES 12

typedef struct {
  double volume; /* cell volume (all faces; the thresholds do not change it) */
  double area;   /* total surface area (all faces) */
  int n_faces;   /* faces kept after the thresholds = coordination number */
  /* edges[k] = kept faces with k counted edges; the Voronoi index <n3,n4,n5,n6,n7> is
   * edges[3..7].  k < 3 occurs only when min_edge discounts edges of a kept face. */
  int edges[MGG_VORONOI_MAX_EDGES + 1];
  /* 1 when the candidates provably determine the whole cell: no face of the initial box
   * survives and the cell lies within search_radius / 2 of its centre (with radii: within the
   * distance beyond which no point's radical plane can reach), so no point beyond the search
   * radius could cut it.  0 otherwise: the cell is then only an upper bound of the true one. */
  int closed;
} mgg_voronoi_cell;

/* Bytes of workspace mgg_voronoi_compute() needs for these candidates (any allocation aligned
 * for double, e.g. malloc); 0 when candidates is NULL. */
size_t mgg_voronoi_work_size(const mgg_neighbours *candidates);

/* The Voronoi cell of each centre.
 *
 * x holds n_points positions; the candidates of centre k (mgg_neighbours) must include every
 * point within search_radius of the centre (the caller supplies periodic copies as separate
 * points: this module knows nothing of periodicity); farther candidates are harmless.  A
 * candidate at the centre's own position (the centre itself, a duplicate) is ignored.
 *
 * radius: NULL for the plain Voronoi tessellation; otherwise one radius >= 0 per point for the
 * radical (power, Laguerre) tessellation, where the plane between i and j is
 * |p - x_i|^2 - r_i^2 = |p - x_j|^2 - r_j^2 (as voro++'s container_poly).  A radical cell can
 * be empty (volume 0, no faces) and need not contain its centre.
 *
 * Algorithm: a cube of half-width search_radius around the centre is clipped by the planes of
 * the candidates in order of increasing distance, stopping when no farther plane can reach the
 * cell.  Vertices within a tolerance relative to the cell size of a plane count as on it, so
 * that degenerate vertices (four planes at each vertex of the fcc rhombic dodecahedron) give no
 * spurious faces or edges.
 *
 * cells: one per centre.  candidates->index may be NULL when no centre has a candidate.
 * Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_INDEX (a centre or
 * candidate outside [0, n_points)), MGG_ERR_BAD_ARGUMENT (search_radius not > 0, negative
 * thresholds, a non-finite position or radius, a negative radius),
 * MGG_ERR_BUFFER_TOO_SMALL (work_len < mgg_voronoi_work_size(); also, not seen in practice, when
 * near-degenerate geometry would need more vertices than the workspace's Euler-bound capacity). */
mgg_status mgg_voronoi_compute(const mgg_voronoi_params *params, size_t n_points, const double *x,
                               const double *radius, const mgg_neighbours *candidates,
                               double search_radius, void *work, size_t work_len,
                               mgg_voronoi_cell *cells);

/* Motif classes of Cu-Zr glasses (seed 000, Ding et al. PNAS 2014). */
typedef enum {
  MGG_VORONOI_ICOSAHEDRON = 0, /* <0,0,12,0> full icosahedron (Z12) */
  MGG_VORONOI_Z14,             /* <0,0,12,2> Kasper polyhedron */
  MGG_VORONOI_Z15,             /* <0,0,12,3> */
  MGG_VORONOI_Z16,             /* <0,0,12,4> */
  MGG_VORONOI_GUM,             /* geometrically unfavoured motif, see mgg_voronoi_classify_for */
  MGG_VORONOI_OTHER,           /* none of the above */
  MGG_VORONOI_N_MOTIFS
} mgg_voronoi_motif;

/* Coordination numbers of the favoured Kasper polyhedra in Cu-Zr glasses (seed 000): full
 * icosahedra around Cu, Z16 around Zr. */
#define MGG_VORONOI_FAVOURED_CN_CU 12
#define MGG_VORONOI_FAVOURED_CN_ZR 16

/* Motif of a cell whose centre favours coordination number favoured_cn.
 *
 * GUM rule, from seed 000 (Fig. 3 and its text): GUMs are "non-Kasper polyhedra [with] an
 * increased density of extrinsic (e.g., fourfold) disclinations at the favored CN, or clusters
 * (including Kasper polyhedra) with unfavorable (too large or too small) CNs".  With
 * Z = n_faces, d = |Z - favoured_cn| and e = the kept faces with other than 5 or 6 counted
 * edges (the extrinsic disclinations: 3-, 4-, 7-, ... fold), a cell is a GUM when
 *   d >= 2  (unfavourable CN, Kasper or not), or  e + d >= 3  (disorder at or near the CN).
 * The paper's GUMs satisfy it: Cu (favoured 12) <0,0,12,2> (d = 2), <0,4,4,4>, <0,6,0,6>,
 * <0,4,4,3>, <0,3,6,2> (e >= 3); Zr (favoured 16) <1,3,4,4,1> (d = 3), <1,2,6,5> (d = 2),
 * <0,2,9,4> (e = 2, d = 1), <0,3,7,4> (d = 2), <0,4,5,6> (e = 4).  The icosahedron's common
 * cousins <0,2,8,2> and <0,1,10,2> around Cu, and <0,1,10,4>, <0,0,12,3> around Zr, are not.
 * Otherwise <0,0,12,0|2|3|4> are ICOSAHEDRON, Z14, Z15, Z16 and the rest OTHER. */
mgg_voronoi_motif mgg_voronoi_classify_for(const mgg_voronoi_cell *cell, int favoured_cn);

/* Species-blind motif: mgg_voronoi_classify_for() with the favoured CN of the nearer Cu-Zr
 * favourite, 12 for Z <= 13 and 16 for Z >= 14 (so every Z = 14 cell, Z14 included, is a GUM:
 * it is two away from both; use mgg_voronoi_classify_for() when the centre's species is
 * known).  OTHER for NULL. */
mgg_voronoi_motif mgg_voronoi_classify(const mgg_voronoi_cell *cell);

/* Static, never NULL: "icosahedron", "Z14", "Z15", "Z16", "GUM", "other"; "unknown" outside
 * the enumeration. */
const char *mgg_voronoi_motif_name(mgg_voronoi_motif m);

/* ---------------------------------------------------------------- s2 */

/* Per-atom two-body excess entropy S2 (Wei et al., PRB 99, 014115 (2019), Eq. 3; SCIENCE.md).
 *  Metal units: lengths in A, densities in atoms / A^3.
 *
 * For centre i and each type nu, the smoothed local partial pair distribution
 *   g_i^nu(r) = sum_{j of type nu} exp(-(r - r_ij)^2 / (2 w(r)^2)) / (sqrt(2 pi) w(r))
 *               / (4 pi rho_nu n(r))
 * and
 *   S2_i = -1/2 sum_nu rho_nu Integral_0^rc [g ln g - g + 1] 4 pi r^2 dr   (g ln g = 0 at g = 0).
 *
 * MGG_S2_FIXED_WIDTH: w(r) = sigma and n(r) = r^2 (the definition of the paper and of LAMMPS
 *   `compute entropy/atom`).  With a fixed width the per-atom g(r) stays spiky at long range: its
 *   Poisson-like noise adds about -n_types / (8 sqrt(pi) sigma) to S2 per A of cutoff, so S2
 *   does not converge in rc.
 * MGG_S2_GROWING_WIDTH: w(r) = sigma up to r0 = growth_start, sigma + growth (r - r0)^2 beyond:
 *   a kernel width that depends on the distance r where g is evaluated, so that the noise
 *   term, at most ~ -n_types / (8 sqrt(pi) w(r)) per A (less in a glass, whose long-range
 *   density fluctuations are below Poisson), is integrable; a linear growth would leave a
 *   logarithmic divergence.  n(r) = (r^2 + w^2) Phi(r/w) + r w phi(r/w) (Phi, phi: standard
 *   normal CDF and density) is the exact ideal-gas value of the kernel sum / (4 pi rho), so
 *   an uncorrelated environment has mean g = 1 at every r however wide w is (with n = r^2
 *   the bias, w^2 / r^2, would grow with r).  growth = 0 differs from the fixed width only in n(r).
 *
 * The Gaussian of a pair is cut where |r - r_ij| > MGG_S2_KERNEL_SIGMAS w(r) (weight
 * beyond: 2e-9 of the pair's; a cut at 5 widths shifted S2 by 3e-6 relative on the glass), so
 * only the points within mgg_s2_search_radius() of a centre contribute.
 *
 * Quadrature: the trapezoid rule in u(r) = Integral_0^r sigma / w(r') dr' (u = r for the fixed
 * width; u = r0 + s atan((r - r0) / s), s = sqrt(sigma / growth), beyond r0 for the growing
 * one) on n equal steps, n = u(rc) / dr rounded to the nearest integer (at least 1), so
 * that the last point is exactly rc.  The step in r is then dr w(r) / sigma: dr at r = 0,
 * and as many grid points per kernel width at every r, which keeps the cost per pair of the
 * growing width that of the fixed one.  The integrand is 0 at r = 0. */

/* kernel cut-off in widths (see above) */
#define MGG_S2_KERNEL_SIGMAS 6.0

/* Defaults of MGG_S2_GROWING_WIDTH for sigma = 0.2 A on CuZr.  Measured on the 2,000-atom
 * Cu50Zr50 glass (examples/glass, dr 0.02 A), mean S2 at rc = 3.9, 6.4, 8.8, 11.2, 14 A:
 *   fixed width           -4.43 -6.80 -8.35 -9.70 -11.19  (no convergence)
 *   growth 0.01, r0 3.9   -4.41 -6.54 -7.33 -7.58  -7.67
 *   growth 0.03, r0 3.9   -4.41 -6.24 -6.52 -6.57  -6.58  (the default; -6.586 at 16 A)
 *   growth 0.05, r0 3.9   -4.41 -6.05 -6.18 -6.20  -6.20
 *   growth 0.01, r0 0     -3.00 -3.76 -3.90 -3.96  -3.98
 * growth 0.03 moves S2 by 0.2% from 11.2 to 14 A (the paper's 11.2 A cutoff is converged),
 * keeps some second-shell resolution (w(6.4) = 0.39 A) and needs a search radius of 22 A at
 * rc 11.2 (28 A for 0.05).  Up to r0 = 3.9 A (the first minimum of g) the first shell keeps
 * sigma: S2(3.9) differs from the fixed width only by n(r), -4.41 against -4.43; a growth from
 * r = 0 changes it a lot (-3.0 for 0.01): S2 of the first shell is very sensitive to the width. */
#define MGG_S2_DEFAULT_GROWTH 0.03
#define MGG_S2_DEFAULT_GROWTH_START 3.9

typedef enum {
  MGG_S2_FIXED_WIDTH = 0,  /* w(r) = sigma */
  MGG_S2_GROWING_WIDTH = 1 /* w = sigma + growth (r - r0)^2 beyond r0: converges in rc */
} mgg_s2_smoothing;

typedef struct {
  double cutoff;          /* rc (A), upper limit of the integral; > 0 */
  double sigma;           /* Gaussian width (A), at r = 0 for the growing width; > 0 */
  double dr;              /* integration step (A) at r = 0 (see the quadrature above); > 0 */
  int n_types;            /* >= 1 */
  const double *density;  /* rho_nu (atoms / A^3) over the whole system, nu = 0 .. n_types-1;
                           * >= 0, a type of density 0 takes no part (none of its points may be
                           * candidates) */
  mgg_s2_smoothing smoothing;
  double growth;          /* 1/A, >= 0, MGG_S2_GROWING_WIDTH only: w = sigma + growth (r - r0)^2
                           * beyond r0, so the width has doubled sqrt(sigma / growth) past r0 */
  double growth_start;    /* r0 (A), >= 0, MGG_S2_GROWING_WIDTH only: the width is sigma up to
                           * here, so the first shell keeps its resolution (the first minimum of
                           * g(r): MGG_S2_DEFAULT_GROWTH_START for CuZr) */
} mgg_s2_params;

/* Bytes of work mgg_s2_compute() needs (an allocation aligned for double, e.g. malloc):
 * (n_types + 5) (n + 1) doubles for n grid steps.  0 when the parameters are invalid
 * (mgg_s2_compute() then says which) or the grid would not fit in memory. */
size_t mgg_s2_work_size(const mgg_s2_params *params);

/* rc + MGG_S2_KERNEL_SIGMAS w(rc) (A): the candidates of a centre must include every point
 * closer than this.  0 when the parameters are invalid. */
double mgg_s2_search_radius(const mgg_s2_params *params);

/* S2 of each centre of candidates (s2[k] for centre k).
 *
 * x: n_points positions (3 doubles each), periodic copies supplied by the caller as separate
 * points; type: 0-based type of every point.  candidates: for centre k, every point j != centre
 * closer than mgg_s2_search_radius() (more distant ones are allowed and ignored).
 * work: work_len bytes, at least mgg_s2_work_size(params).
 * Errors: MGG_ERR_NULL_ARGUMENT; MGG_ERR_BAD_ARGUMENT (parameters, a candidate type outside
 * 0 .. n_types-1 or of density 0); MGG_ERR_BAD_INDEX (centre or candidate outside the points);
 * MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_s2_compute(const mgg_s2_params *params, size_t n_points, const double *x,
                          const int *type, const mgg_neighbours *candidates, void *work,
                          size_t work_len, double *s2);

/* The mean of a per-point value (S2) over each centre and its neighbours (Piaggi and Parrinello
 * 2017's average): average[k] = (value[c] + sum of value[j]) / (1 + their number), c the point of
 * centre k and j the candidates of centre k with member[j] nonzero (member NULL: every candidate)
 * closer than radius to it, |x_j - x_c| < radius.  Farther candidates and the centre itself among
 * its candidates are ignored.  x: n_points positions; value: n_points values.  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (radius not > 0), MGG_ERR_BAD_INDEX (a centre or
 * candidate outside the points). */
mgg_status mgg_s2_average(const mgg_neighbours *candidates, size_t n_points, const double *x,
                          const double *value, const int *member, double radius,
                          double *average);

/* --------------------------------------------------------------- eam */

/* Embedded-atom potentials as LAMMPS evaluates them (pair styles eam, eam/alloy, eam/fs):
 * the three DYNAMO file formats, the same cubic-spline tables, and energy, forces and the
 * analytic Hessian of explicit points.
 *
 * Energy: E = sum_i F_i(rho_i) + 1/2 sum_{i != j} phi_ij(r_ij), rho_i = sum_{j != i} f_ji(r_ij),
 * with f_ji the density an atom of j's type puts at an atom of i's type (eam/fs: a table per
 * ordered element pair; eam, eam/alloy: one per element).  Units are those of the file
 * (metal: eV, Angstrom); no unit conversion.
 *
 * Points: a system is n_atoms atoms given as n_points >= n_atoms explicit points; the atoms are
 * the centres of the neighbour structure (centre k is atom k) and every other point is a
 * periodic copy of one of them.  owner[p] is the atom of point p (owner[centre[k]] == k).  The
 * candidates of centre k must include every point within mgg_eam_cutoff() of it (more are
 * ignored: LAMMPS's test r^2 < cutoff^2 selects the pairs) and never the centre itself
 * (MGG_ERR_BAD_INDEX); mgg_find_within() with that radius over atoms plus copies does this. */

/* The tables of one potential for n_types atom types.  An opaque object allocated by the read
 * functions and released by mgg_eam_free(): the one exception to caller-owned buffers, because
 * the table sizes are only known once the file has been read and a caller-sized struct would
 * force every caller to parse the file twice. */
typedef struct mgg_eam mgg_eam;

typedef enum {
  MGG_EAM_SETFL = 0, /* pair_style eam/alloy: one density function per element */
  MGG_EAM_FS = 1     /* pair_style eam/fs: a density function per ordered element pair */
} mgg_eam_format;

/* Reads a multi-element setfl (eam/alloy) or Finnis-Sinclair (eam/fs) file, like
 * "pair_coeff * * path elements[0] ... elements[n_types-1]": atom type t (0-based) is the element
 * named elements[t] (no NULL entries: every type must be an EAM element).
 * On failure *eam is NULL and, when message is not NULL, a description (file, line, problem) is
 * written to message (message_len bytes, NUL-terminated, truncated to fit).  Errors:
 * MGG_ERR_FILE (missing or unreadable file, bad format, an element not in the file),
 * MGG_ERR_NO_MEMORY, MGG_ERR_BAD_ARGUMENT (format or element list), MGG_ERR_NULL_ARGUMENT. */
mgg_status mgg_eam_read_setfl(const char *path, mgg_eam_format format, int n_types,
                              const char *const *elements, mgg_eam **eam, char *message,
                              size_t message_len);

/* Reads single-element DYNAMO funcfl files like "pair_style eam" with "pair_coeff t t paths[t]"
 * for each type t: all tables are interpolated onto one grid and the pair term of unlike
 * elements mixes the effective charges, phi_ab = 27.2 * 0.529 * Z_a Z_b / r.  Equal path
 * strings are one file.  Errors as mgg_eam_read_setfl(). */
mgg_status mgg_eam_read_funcfl(int n_types, const char *const *paths, mgg_eam **eam,
                               char *message, size_t message_len);

/* The tables of a pair style already set up (LAMMPS PairEAM after reading its files, before
 * its splines: members nrho, drho, nr, dr, rhomax, cutmax, frho, rhor, z2r, type2frho,
 * type2rhor, type2z2r), splined the way LAMMPS splines them.  Types are 0-based here. */
typedef struct {
  int n_types;
  int nrho, nr;             /* knots of the density and distance grids */
  double drho, dr;          /* knot spacings */
  double rhomax;            /* F continues linearly beyond this density */
  double cut;               /* pair cutoff */
  int n_frho, n_rhor, n_z2r;
  const double *const *frho; /* [n_frho] tables of nrho values F(rho) */
  const double *const *rhor; /* [n_rhor] tables of nr values of a density function */
  const double *const *z2r;  /* [n_z2r] tables of nr values of r phi(r) */
  const int *frho_of_type;   /* [n_types] */
  const int *rhor_of_types;  /* [a n_types + b]: the density at a type-a atom due to a type-b atom
                              * (LAMMPS type2rhor[b+1][a+1]) */
  const int *z2r_of_types;   /* [a n_types + b] */
  const double *mass;        /* [n_types], reported by mgg_eam_mass() */
} mgg_eam_tables;

/* Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (sizes, a table index out of range),
 * MGG_ERR_NO_MEMORY. */
mgg_status mgg_eam_from_tables(const mgg_eam_tables *tables, mgg_eam **eam);

void mgg_eam_free(mgg_eam *eam);

/* Pair cutoff (of the file, the largest of the funcfl files); 0 for NULL. */
double mgg_eam_cutoff(const mgg_eam *eam);

/* Number of atom types the tables were read for; 0 for NULL. */
int mgg_eam_n_types(const mgg_eam *eam);

/* Mass of atom type t (0-based) from the file, in its units (g/mol). */
mgg_status mgg_eam_mass(const mgg_eam *eam, int type, double *mass);

/* The points of a system (see the top of this header). */
typedef struct {
  size_t n_points;
  const double *x;          /* [3 n_points] positions */
  const int *type;          /* [n_points] atom type, 0-based */
  const int *owner;         /* [n_points] atom 0 .. n_atoms-1 of each point */
  const mgg_neighbours *nb; /* n_atoms = nb->n_centres centres and their candidates */
} mgg_eam_system;

/* Doubles of work mgg_eam_energy_forces() needs: 2 per atom. */
size_t mgg_eam_work_size(size_t n_atoms);

/* Energy and forces of the atoms, as LAMMPS computes them (same tables, same interpolation,
 * the embedding energy continued linearly beyond the largest tabulated density).
 * energy (n_atoms, or NULL) receives the per-atom energy of compute pe/atom: F_i(rho_i) plus
 * half of each pair term of atom i; force (3 per atom, or NULL) receives -dE/dx_i. */
mgg_status mgg_eam_energy_forces(const mgg_eam *eam, const mgg_eam_system *sys, double *work,
                                 size_t work_len, double *energy, double *force);

/* ---- Hessian: 3x3 blocks d2E / dx_i dx_j in block compressed rows ------------------------
 * Exactly minus the Jacobian of the forces above: where a table lookup is clamped at its end
 * (a density beyond the table, a distance past the last knot) the force is constant there and
 * so are the blocks' contributions.  The tables are C1 splines, so second derivatives jump at
 * the knots (every 7.6e-4 A for the Mendelev files): finite differences across a knot differ.
 * Row i holds blocks col[row_start[i]] .. col[row_start[i+1]-1], columns in increasing order,
 * block b at values[9 b .. 9 b + 8] row-major (values[9 b + 3 a + c] = d2E / dx_i,a dx_col,c).
 * Atoms i and j couple when they are pair neighbours or when both contribute density to a third
 * atom k (the term F''(rho_k) grad rho_k grad rho_k^T): blocks reach twice the density range. */

/* Bytes of workspace mgg_eam_hessian_pattern() needs (any allocation aligned for size_t). */
size_t mgg_eam_hessian_pattern_workspace(const mgg_eam_system *sys);

/* The block pattern of the Hessian of this configuration: row_start has n_atoms + 1 entries,
 * col has col_cap.  *n_blocks is set to the number of blocks; when it exceeds col_cap the
 * result is MGG_ERR_BUFFER_TOO_SMALL and the caller retries with a larger col.  A pattern may
 * be reused for nearby configurations whose couplings it still contains. */
mgg_status mgg_eam_hessian_pattern(const mgg_eam *eam, const mgg_eam_system *sys,
                                   void *workspace, size_t workspace_len, size_t *row_start,
                                   int *col, size_t col_cap, size_t *n_blocks);

/* Bytes of workspace mgg_eam_hessian() needs (any allocation aligned for double). */
size_t mgg_eam_hessian_workspace(const mgg_eam_system *sys);

/* The Hessian blocks of the configuration on a pattern from mgg_eam_hessian_pattern() (row_start,
 * col with n_blocks blocks); values has 9 n_blocks doubles.  MGG_ERR_BAD_ARGUMENT when the
 * configuration couples two atoms the pattern lacks (the caller rebuilds the pattern). */
mgg_status mgg_eam_hessian(const mgg_eam *eam, const mgg_eam_system *sys, void *workspace,
                           size_t workspace_len, const size_t *row_start, const int *col,
                           size_t n_blocks, double *values);

/* The product H v of the Hessian of the configuration with v (3 n_atoms doubles) into hv
 * (3 n_atoms), without forming H: the terms of mgg_eam_hessian() applied to v, in the passes
 * of a force evaluation (densities, then pairs) and without a pattern (exact products for
 * ARTn's Lanczos).
 * workspace: mgg_eam_hessian_workspace() bytes.  Errors as mgg_eam_energy_forces(). */
mgg_status mgg_eam_hessian_vector(const mgg_eam *eam, const mgg_eam_system *sys, void *workspace,
                                  size_t workspace_len, const double *v, double *hv);

/* ------------------------------------------------------------- minimiser */

/* FIRE 2.0 (Guenole et al., Comput. Mater. Sci. 175, 109584 (2020); semi-implicit Euler, half
 * step back after uphill motion, initial delay) in reverse communication, so that the caller owns
 * every per-atom array, evaluates the forces and sums over its processes; per-atom state (the
 * velocities v) can then travel with atoms that change owner between steps.  One iteration, at x
 * with forces f (zero on frozen atoms, whose v then stays zero):
 *   mgg_fire_sums(local atoms) -> sum over processes -> converged when sqrt(sums[FF]) <= tol,
 *   else mgg_fire_velocities(...) -> maximum of its result over processes -> mgg_fire_move(...),
 *   then new forces.  v must be zero at the start.  As LAMMPS min_style fire does, the mixing
 * v = (1 - alpha) v + alpha |v| f/|f| takes |v| before the velocity update. */
typedef struct {
  double dt;          /* initial time step (time units of inv_mass, below) */
  double dt_max;      /* largest time step */
  double dt_min;      /* smallest time step */
  double max_move;    /* largest displacement of one coordinate in one step (length) */
  long n_delay;       /* steps going downhill before dt grows; also the initial delay */
  double f_inc, f_dec, alpha_start, f_alpha; /* growth, shrink, mixing start and decay */
} mgg_fire_params;

/* The published defaults around time step dt: dt_max 10 dt, dt_min 0.02 dt, max_move 0.1,
 * n_delay 20, f_inc 1.1, f_dec 0.5, alpha_start 0.25, f_alpha 0.99. */
void mgg_fire_default_params(double dt, mgg_fire_params *params);

typedef struct {
  mgg_fire_params p;
  double dt, alpha;
  long step, last_negative; /* iterations done; the last one that went uphill */
} mgg_fire;

/* MGG_ERR_BAD_ARGUMENT unless 0 < dt_min <= dt <= dt_max, max_move > 0, 0 < f_dec < 1 <= f_inc,
 * 0 <= alpha_start < 1, 0 < f_alpha <= 1, n_delay >= 0. */
mgg_status mgg_fire_start(const mgg_fire_params *params, mgg_fire *fire);

enum { MGG_FIRE_VF, MGG_FIRE_VV, MGG_FIRE_FF, MGG_FIRE_NSUMS };

/* Partial sums v.f, v.v, f.f over n_atoms atoms (3 doubles each) into sums[MGG_FIRE_NSUMS]. */
void mgg_fire_sums(size_t n_atoms, const double *v, const double *f, double *sums);

/* From the global sums: adapts dt and alpha; after uphill motion (v.f <= 0) moves x half a step
 * back and zeroes v; then v += dt inv_mass f (inv_mass per atom, NULL for 1) and mixes.  Returns
 * the largest |v| component of these atoms (for the caller's global maximum). */
double mgg_fire_velocities(mgg_fire *fire, const double *sums, size_t n_atoms, double *x, double *v,
                           const double *f, const double *inv_mass);

/* x += dt v, dt reduced so that no coordinate moves more than max_move (v_max: the global
 * maximum of mgg_fire_velocities()).  Returns the time step used. */
double mgg_fire_move(const mgg_fire *fire, double v_max, size_t n_atoms, double *x, const double *v);

/* Polak-Ribiere conjugate gradients with the quadratic line search, step for step as LAMMPS
 * `min_style cg` with `min_modify line quadratic` (min_cg.cpp, min_linesearch.cpp of the
 * 29 Sep 2021 release: the same backtracking constants, secant projection, restarts and stopping
 * tests), in reverse communication like FIRE above.  A relaxation that starts from the same
 * positions and forces therefore follows LAMMPS's CG path and ends where `minimize` ends (the
 * same minimum, or the same early stop of the line search), which matters where two minimisers
 * may legitimately fall into different minima (an AQS instability, a frozen-atom trial).
 *
 * The caller owns the per-atom vectors x (positions), f (forces, zero on frozen atoms) and
 * the search state x0, g, h (3 doubles per atom each, travelling with the atoms).  Protocol:
 *   mgg_cg_start(); evaluate energy and f at x; then repeat
 *     hmax = mgg_cg_sums(local atoms, f, g, h, sums) -> sums summed and hmax maximised over
 *     processes -> request = mgg_cg_iterate(cg, energy, sums, hmax, local atoms, x, x0, g, h, f):
 *       MGG_CG_EVALUATE: x was moved; evaluate energy and f there, then repeat;
 *       MGG_CG_SUMS: g or h changed; repeat (no new evaluation);
 *       MGG_CG_DONE: cg->stop tells why; x and f are the final state.
 * When atoms cross a periodic boundary between calls and the caller wraps x, it must move x0
 * by the same lattice vector (LAMMPS: FixMinimize::reset_coords).
 * With steepest set, the search direction is the force at every iteration: `min_style sd`
 * (min_sd.cpp: the same line search, no conjugation), step for step as well. */
typedef struct {
  double dmax;      /* largest move of one coordinate in a line search (min_modify dmax; 0.1 A) */
  double ftol;      /* stop when the 2-norm of the global force vector is below this; 0: never */
  double etol;      /* stop when the relative energy change of an iteration is below this */
  long max_iter;    /* iterations (line searches) at most */
  long max_evals;   /* energy and force evaluations at most, the first one included */
  long n_dof;       /* global degrees of freedom: CG restarts every n_dof iterations */
  int steepest;     /* 1: steepest descent (min_style sd), 0: Polak-Ribiere CG */
} mgg_cg_params;

typedef enum {
  MGG_CG_EVALUATE = 0,
  MGG_CG_SUMS,
  MGG_CG_DONE
} mgg_cg_request;

/* why a relaxation stopped, with LAMMPS's wording in the comment */
typedef enum {
  MGG_CG_RUNNING = 0,
  MGG_CG_FTOL,        /* "force tolerance" */
  MGG_CG_ETOL,        /* "energy tolerance" */
  MGG_CG_MAX_ITER,    /* "max iterations" */
  MGG_CG_MAX_EVALS,   /* "max force evaluations" */
  MGG_CG_DOWNHILL,    /* "search direction is not downhill" */
  MGG_CG_ZERO_FORCE,  /* "forces are zero" */
  MGG_CG_ZERO_ALPHA,  /* "linesearch alpha is zero": no further decrease above machine precision */
  MGG_CG_ZERO_QUAD    /* "quadratic factors are zero" */
} mgg_cg_stop;

/* Static, never NULL: LAMMPS's text for each reason ("unknown" outside the enumeration). */
const char *mgg_cg_stop_message(mgg_cg_stop stop);

typedef struct {
  mgg_cg_params p;
  int phase;
  mgg_cg_stop stop;
  long iterations, evaluations;
  double gg, eprevious, eoriginal, fdothall, alpha, alphamax, alphaprev, fhprev, engprev, fh;
} mgg_cg;

/* MGG_ERR_BAD_ARGUMENT unless dmax > 0, ftol >= 0, etol >= 0, max_iter, max_evals, n_dof >= 1. */
mgg_status mgg_cg_start(const mgg_cg_params *params, mgg_cg *cg);

enum { MGG_CG_FF, MGG_CG_FG, MGG_CG_FH, MGG_CG_NSUMS };

/* Partial sums f.f, f.g, f.h over n_atoms atoms into sums[MGG_CG_NSUMS]; returns max |h_k|.
 * g and h may hold anything before the first mgg_cg_iterate() (they are set there). */
double mgg_cg_sums(size_t n_atoms, const double *f, const double *g, const double *h, double *sums);

/* One step of the state machine (see above); energy is that of the latest evaluation. */
mgg_cg_request mgg_cg_iterate(mgg_cg *cg, double energy, const double *sums, double hmax,
                              size_t n_atoms, double *x, double *x0, double *g, double *h,
                              const double *f);

/* --------------------------------------------------------------- cluster */

/* Clusters of flagged atoms in a periodic cell (STZs: the atoms above a D2min threshold, seeds
 * 000 and 001): two flagged atoms are connected when some periodic image of one is closer than
 * cutoff to the other; a cluster is a connected component (union-find).
 *
 * x: n_atoms positions (3 doubles each, any periodic image); flag: nonzero marks an atom.
 * label (n_atoms) receives -1 for an unflagged atom, otherwise the rank of its cluster by size:
 * 0 for the largest, equal sizes in the order of their lowest atom index.  size has room for
 * n_atoms values; the first *n_clusters receive the cluster sizes, descending.
 * work, work_len, work_needed: the workspace protocol of mgg_find_within_periodic() (over the
 * flagged atoms only; no workspace is needed when none is flagged).  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (cutoff not > 0 or not finite, a non-finite
 * position of a flagged atom), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_cluster_flagged(const mgg_cell *cell, size_t n_atoms, const double *x,
                               const int *flag, double cutoff, void *work, size_t work_len,
                               size_t *work_needed, int *label, size_t *size, size_t *n_clusters);

#ifdef __cplusplus
}
#endif

/* the modules with their own headers (they use the types above) */
#include "mgg_aqs.h"
#include "mgg_artn.h"

#endif
