/* mgglass: numerical core of the metallic-glass analysis plugin for LAMMPS.
 *
 * One public header for the C11 core (no LAMMPS, no MPI).  Conventions:
 *  - every function returns an mgg_status; mgg_status_message() turns it into text;
 *  - all buffers are owned by the caller and passed with their sizes;
 *  - positions are flat arrays of 3 doubles per point (x0 y0 z0 x1 y1 z1 ...);
 *  - no global state: functions may run concurrently on different data.
 */
#ifndef MGGLASS_H
#define MGGLASS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

typedef enum {
  MGG_OK = 0,
  MGG_ERR_NULL_ARGUMENT,  /* a required pointer was NULL */
  MGG_ERR_BAD_ARGUMENT,   /* a size or parameter is out of range */
  MGG_ERR_SINGULAR_CELL,  /* the cell vectors are (nearly) linearly dependent */
  MGG_ERR_BAD_INDEX,      /* a neighbour index is outside the point array */
  MGG_ERR_BUFFER_TOO_SMALL /* a caller buffer is too small; the required size was returned */
} mgg_status;

/* Static, never NULL; "unknown status" for values outside the enumeration. */
const char *mgg_status_message(mgg_status status);

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

#ifdef __cplusplus
}
#endif

#endif
