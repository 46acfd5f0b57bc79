/* mgglass core: embedded-atom potentials as LAMMPS evaluates them: files, tables, energy, forces
 * and the analytic Hessian. */
#ifndef MGG_EAM_H
#define MGG_EAM_H

#include <stddef.h>

#include "mgg_neighbours.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

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
 * (MGG_ERR_BAD_INDEX); mgg_neighbours_find_within() with that radius over atoms plus copies does
 * this. */

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

/* Bytes of work mgg_eam_energy_forces() needs: 2 doubles per atom. */
size_t mgg_eam_energy_forces_work_size(size_t n_atoms);

/* Energy and forces of the atoms, as LAMMPS computes them (same tables, same interpolation,
 * the embedding energy continued linearly beyond the largest tabulated density).
 * energy (n_atoms, or NULL) receives the per-atom energy of compute pe/atom: F_i(rho_i) plus
 * half of each pair term of atom i; force (3 per atom, or NULL) receives -dE/dx_i. */
mgg_status mgg_eam_energy_forces(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                 size_t work_len, double *energy, double *force);

/* ---- Evaluations when few atoms move ----------------------------------------------------
 * A local search moves atoms 0 .. n_moving-1 (and their other points) and no other point.  The
 * densities the points that stay put give the atoms that stay put are summed once
 * (mgg_eam_fixed_densities()); each evaluation then adds the moving atoms' and takes only the
 * pair terms with a moving atom, each pair once (from the moving atom of lower index): work in
 * proportion to the moving atoms' neighbours, not to all atoms' (with every atom moving about
 * three quarters of mgg_eam_energy_forces()'s time on the glass, which meets each pair from both
 * sides).  It needs every point within the cutoff of a moving atom to belong to an atom below
 * n_counted, the moving atoms' lists to hold every point within the cutoff of them (so that a
 * moving atom's list also gives, from its side, each density it lends an atom that stays put),
 * and the lists of the atoms that stay put to hold every point of such atoms within the cutoff
 * (mgg_eam_fixed_densities()): a periodic system with all images in range, or a cluster deep
 * enough.  Results agree with mgg_eam_energy_forces() to rounding. */

/* rho_fixed (n_atoms): each atom's density from the points of atoms n_moving and above; zero for
 * the moving atoms.  Errors as mgg_eam_energy_forces(); MGG_ERR_BAD_ARGUMENT: n_moving > n_atoms. */
mgg_status mgg_eam_fixed_densities(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                   double *rho_fixed);

/* energy (scalar, or NULL): the embedding energies of atoms 0 .. n_counted-1 plus every pair term
 * with a moving atom, i.e. the energy of those atoms (mgg_eam_energy_forces() summed over them)
 * less a constant of the points that stay put; force (3 per moving atom, or NULL): -dE/dx of the
 * moving atoms.  rho_fixed: from mgg_eam_fixed_densities() with the same n_moving (any
 * positions of the moving atoms); work: mgg_eam_energy_forces_work_size() bytes.  Only the
 * moving atoms' lists are checked. */
mgg_status mgg_eam_energy_forces_moving(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                        size_t n_counted, const double *rho_fixed, void *work,
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

/* Bytes of work mgg_eam_hessian_pattern() needs. */
size_t mgg_eam_hessian_pattern_work_size(const mgg_eam_system *sys);

/* The block pattern of the Hessian of this configuration: row_start has n_atoms + 1 entries,
 * col has col_cap.  *n_blocks is set to the number of blocks; when it exceeds col_cap the
 * result is MGG_ERR_BUFFER_TOO_SMALL and the caller retries with a larger col.  A pattern may
 * be reused for nearby configurations whose couplings it still contains. */
mgg_status mgg_eam_hessian_pattern(const mgg_eam *eam, const mgg_eam_system *sys,
                                   void *work, size_t work_len, size_t *row_start,
                                   int *col, size_t col_cap, size_t *n_blocks);

/* Bytes of work mgg_eam_hessian() and mgg_eam_hessian_plan() need. */
size_t mgg_eam_hessian_work_size(const mgg_eam_system *sys);

/* The Hessian blocks of the configuration on a pattern from mgg_eam_hessian_pattern() (row_start,
 * col with n_blocks blocks); values has 9 n_blocks doubles.  MGG_ERR_BAD_ARGUMENT when the
 * configuration couples two atoms the pattern lacks (the caller rebuilds the pattern). */
mgg_status mgg_eam_hessian(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                           size_t work_len, const size_t *row_start, const int *col,
                           size_t n_blocks, double *values);

/* The product H v of the Hessian of the configuration with v (3 n_atoms doubles) into hv
 * (3 n_atoms), without forming H: the terms of mgg_eam_hessian() applied to v, in the passes
 * of a force evaluation (densities, then pairs) and without a pattern (exact products for
 * ARTn's Lanczos): mgg_eam_hessian_plan() then mgg_eam_hessian_plan_apply().
 * work: mgg_eam_hessian_vector_work_size() bytes.  Errors as mgg_eam_energy_forces(). */
size_t mgg_eam_hessian_vector_work_size(const mgg_eam_system *sys);
mgg_status mgg_eam_hessian_vector(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                  size_t work_len, const double *v, double *hv);

/* Products at one configuration: the plan keeps what mgg_eam_hessian_vector() computes from the
 * configuration alone (densities, embedding curvatures, each pair's unit vector and radial
 * coefficients, each centre's density gradient), so that each further product is one pass of
 * multiply-adds (a saddle search's Lanczos takes 2-60 products at one point; the spline lookups
 * and square roots were most of a product's time).  Products equal mgg_eam_hessian_vector()'s
 * bitwise.  The plan holds about 72 bytes per neighbour-list candidate
 * (mgg_eam_hessian_plan_size()); work: mgg_eam_hessian_work_size() bytes.  The plan refers to
 * nothing else: it stays valid while the caller keeps it, for this configuration only. */
size_t mgg_eam_hessian_plan_size(const mgg_eam_system *sys);
mgg_status mgg_eam_hessian_plan(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                size_t work_len, void *plan, size_t plan_len);
mgg_status mgg_eam_hessian_plan_apply(const void *plan, const double *v, double *hv);

/* The plan of the moving atoms' rows of H v for v zero beyond them (atoms 0 .. n_moving-1 and
 * rho_fixed as in mgg_eam_energy_forces_moving(), whose list conditions it needs): only the
 * pairs with a moving atom and the density gradients that a moving atom enters, so that a local
 * cluster's plan is in proportion to its ~130 moving atoms, not to its ~1,250 energy atoms.  The
 * products (mgg_eam_hessian_plan_apply()) give the other atoms' rows as zero and the moving
 * atoms' equal to mgg_eam_hessian_plan()'s to rounding (the densities are summed in another
 * order).  Same sizes and errors as mgg_eam_hessian_plan(). */
mgg_status mgg_eam_hessian_plan_moving(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                       const double *rho_fixed, void *work, size_t work_len, void *plan,
                                       size_t plan_len);

#ifdef __cplusplus
}
#endif

#endif
