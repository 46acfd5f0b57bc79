#ifndef MGG_EAM_CLUSTER_H
#define MGG_EAM_CLUSTER_H

#include "mgglass.h"

#include <vector>

namespace mgg {

// The local EAM system of one search: the atoms within reach of the centre as the core's EAM
// engine wants them (mgg_eam_system).  Cluster atoms in order of distance from the centre:
// mobile (within local_radius), then energy atoms (within local_radius + cutoff + margin: every
// atom whose density or pair terms a mobile atom can change, with full neighbour lists), then
// the atoms that only supply the energy atoms' densities (within twice the cutoff further).
// Point k < n is atom k's nearest image; further points are other images (owner, offset).
class EamCluster {
 public:
  // how far (A) a mobile atom may move from the minimum while the energy atoms still hold every
  // atom whose energy changes; and the neighbour lists' skin (A)
  static constexpr double MARGIN = 2.0;
  static constexpr double SKIN = 0.5;

  size_t n = 0, n_mobile = 0, n_energy = 0;
  std::vector<int> global;       // cluster atom k: index in ID order
  std::vector<double> x0;        // 3 per cluster atom: positions at the minimum
  std::vector<double> distance;  // from the centre
  long calls = 0;                // force and Hessian-vector evaluations
  long product_calls = 0;        // of which Hessian-vector products

  EamCluster(const mgg_eam *eam, const mgg_cell &cell, const std::vector<double> &xall,
             const std::vector<int> &types, size_t centre, double radius);

  // The whole periodic system: every atom mobile, points the atoms and their images within the
  // cutoff plus margin and skin of the cell (the exact Hessian-vector products of a refinement).
  EamCluster(const mgg_eam *eam, const mgg_cell &cell, const std::vector<double> &xall,
             const std::vector<int> &types);

  // Energy of the energy atoms and forces at cluster positions u (3 n): the whole system's, or
  // in a local cluster the mobile atoms' (zero on the others). After the first call only the
  // terms the mobile atoms change are evaluated, each pair once (mgg_eam_energy_forces_moving):
  // in a local cluster work in proportion to the mobile atoms, not to the energy atoms (~10
  // times more); in the whole system about three quarters of the time.
  double energy_forces(const double *u, double *f);

  // H v at cluster positions u (in a local cluster the mobile atoms' rows, zero on the others,
  // for v zero beyond the mobile atoms).
  void hessian_vector(const double *u, const double *v, double *hv);

  // The two lowest curvatures at u orthogonal to the translations and the lowest's eigenvector
  // and the second's (out: 2 + 6 n), exact: shift-invert Lanczos on a sparse Cholesky factor of H - sigma I
  // (mgg_modes_sparse with unit masses), sigma below the lowest curvature, which the search's
  // estimate lowest brackets from above.  NAN curvatures when no shift down to -100 eV/A^2
  // factorises or the solver does not converge.
  void lowest_curvatures(const double *u, double lowest, double *out);

  mgg_status status = MGG_OK;

 private:
  const mgg_eam *eam;
  std::vector<int> owner, point_type, centre_of, index;
  std::vector<double> offset, points, list_x, work, hwork, find_work, per_atom_energy;
  // the densities the atoms that stay put receive from each other (they never move), and the
  // energy of the terms the mobile atoms do not change (from the first evaluation; none in the
  // whole system)
  std::vector<double> rho_fixed;
  double fixed_energy = 0.0;
  bool fixed_energy_known = false;
  // the Hessian-vector plan (mgg_eam_hessian_plan) of the point plan_x with the lists of build
  // number plan_lists (-1: none)
  std::vector<double> plan, plan_x;
  long plan_lists = -1, lists_built = 0;
  std::vector<size_t> start;
  mgg_neighbours nb{};

  void finish(const std::vector<int> &types);

  void check(mgg_status st);

  mgg_eam_system system() const;

  // rho_fixed, once
  void fixed_densities(const mgg_eam_system &sys);

  // Points at positions u; the energy atoms' lists again when a mobile atom moved more than half
  // the skin since they were built (the others do not move).
  void update_points(const double *u);
};

}    // namespace mgg

#endif
