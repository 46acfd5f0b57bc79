// compute ID group participation fraction F [vdos W E] [kpm M R] [vectors N m1 .. mN]
//         [hessian auto|eam|fd] [solver auto|dense|sparse] [shift S] [block B] [delta D] [ftol T]
// Normal modes of the whole system (mass-weighted dynamical matrix), the participation P_i of
// each atom in the lowest fraction F of the non-zero modes, their frequencies, the V-DOS and
// chosen polarisation vectors; see doc/compute_participation.md.
#ifndef MGG_COMPUTE_PARTICIPATION_H
#define MGG_COMPUTE_PARTICIPATION_H

#include "compute.h"
#include "mgglass.h"

#include <vector>

namespace LAMMPS_NS {

class ComputeParticipation : public Compute {
 public:
  ComputeParticipation(class LAMMPS *, int, char **);
  ~ComputeParticipation() override;
  void init() override;
  void compute_peratom() override;
  void compute_array() override;
  void compute_vector() override;
  double compute_scalar() override;
  double memory_usage() override;

 private:
  enum HessianSource { HESSIAN_AUTO, HESSIAN_EAM, HESSIAN_FD };
  enum Solver { SOLVER_AUTO, SOLVER_DENSE, SOLVER_SPARSE };

  double fraction;                 // of the 3N - 3 non-zero modes
  bigint natoms_modes;             // N the sizes below were made for
  int n_modes;                     // modes summed: round(F (3N - 3)), at least 1
  double vdos_width, vdos_max;     // meV; width 0: no V-DOS
  int vdos_bins;
  int kpm_moments, kpm_vectors;    // kernel polynomial V-DOS when not all modes are computed
  std::vector<int> chosen;         // 1-based indices of the modes whose vectors are output
  HessianSource hessian_request, hessian_used;
  Solver solver;                   // resolved in the constructor (never auto afterwards)
  double shift;                    // sparse solver: sigma < 0 below the spectrum (eV/A^2/amu)
  int block;                       // sparse solver: vectors per solve (0: default, 1: ARPACK)
  double delta;                    // finite-difference displacement (distance units)
  double ftol;                     // force above which the structure is not at a minimum
  mgg_eam *eam;                    // tables of the EAM pair style (analytic Hessian)

  bigint solved_step;              // timestep of the last solution (-1: none since init)
  int n_zero;                      // translations plus computed modes with |omega| below tol

  double *energies;                // global vector: hbar omega of the n_modes modes (meV)
  double **dos;                    // global array: vdos_bins x 2 (bin centre in meV, 1/meV)
  int nmax;
  double **parray;                 // per-atom P_i then 3 columns per chosen mode

  // system gathered on rank 0, in tag order
  std::vector<double> x, mass;
  std::vector<int> type;
  // results on every rank, in tag order
  std::vector<double> eigenvalues, participation, chosen_vectors, vdos;
  // check of the EAM engine against the pair style (rank 0): the engine's energy and forces
  double engine_energy = 0.0;
  std::vector<double> engine_force;

  void solve();
  void kpm_vdos(const mgg_modes_block_csr &h);
  void gather();
  double eam_hessian(std::vector<size_t> &row_start, std::vector<int> &col,
                     std::vector<double> &values);
  double fd_hessian(std::vector<size_t> &row_start, std::vector<int> &col,
                    std::vector<double> &values);
  void pair_forces();
  void pair_reference(double &energy, std::vector<double> &forces);
  void build_eam();
  void publish();
};

}    // namespace LAMMPS_NS

#endif
