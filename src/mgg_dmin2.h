/* mgglass core: the Falk-Langer D2min and local affine strain of atoms between two
 * configurations. */
#ifndef MGG_DMIN2_H
#define MGG_DMIN2_H

#include <stddef.h>

#include "mgg_cell.h"
#include "mgg_neighbours.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

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
  MGG_DMIN2_MEAN = 0, /* (1/N) sum_j |d_j - J d0_j|^2: as Ding et al. 2014 and Wei et al. 2019
                       * write it */
  MGG_DMIN2_SUM = 1   /* sum_j |d_j - J d0_j|^2: Falk and Langer 1998's definition, OVITO's */
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
 * work: work_len bytes, at least mgg_dmin2_compute_work_size(neighbours).
 * out has MGG_DMIN2_NCOLS values per centre (row k for centre k).
 * longest_bond, when not NULL, receives the largest current length of a reference bond (0 when
 * there is none): callers use it to size the next candidate search. */
mgg_status mgg_dmin2_compute(const mgg_dmin2_params *params, size_t n_points,
                             const double *x_cur, const double *s_ref,
                             const mgg_neighbours *neighbours, void *work, size_t work_len,
                             double *out, double *longest_bond);

/* Bytes of work mgg_dmin2_compute() needs: 6 doubles per candidate of the centre with the most. */
size_t mgg_dmin2_compute_work_size(const mgg_neighbours *neighbours);

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
 * 2 max_i |u_i| (which holds every such bond) from mgg_neighbours_find_within_periodic(); the
 * fit is mgg_dmin2_compute() with params->norm.  out: MGG_DMIN2_NCOLS values per atom (row i
 * for atom i).  work, work_len, work_needed: the work_needed protocol (mgg_neighbours.h; at most
 * four calls).  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (parameters; M not
 * unimodular: the cells are no deformation of one another; twice the cutoff not below the
 * reference cell's width or twice R not below the current one's, so that a neighbour's image
 * would not be unique: the cell is too small for the motion), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_dmin2_periodic(const mgg_dmin2_params *params, size_t n_atoms, const double *x_ref,
                              const mgg_cell *cur_cell, const double *x_cur, void *work,
                              size_t work_len, size_t *work_needed, double *out);

#ifdef __cplusplus
}
#endif

#endif
