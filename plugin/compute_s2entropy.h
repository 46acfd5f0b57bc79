// compute ID group s2entropy rc [sigma S] [dr D] [smoothing fixed|growing] [growth G]
//                               [growth_start R0] [avg yes|no rc2]
// Per-atom two-body excess entropy with type-resolved local g(r); see doc/compute_s2entropy.md.
#ifndef MGG_COMPUTE_S2ENTROPY_H
#define MGG_COMPUTE_S2ENTROPY_H

#include "compute.h"
#include "mgg_atoms.h"
#include "mgglass.h"

#include <vector>

namespace LAMMPS_NS {

class ComputeS2Entropy : public Compute {
 public:
  ComputeS2Entropy(class LAMMPS *, int, char **);
  ~ComputeS2Entropy() override;
  void init() override;
  void compute_peratom() override;
  int pack_forward_comm(int, int *, double *, int, int *) override;
  void unpack_forward_comm(int, int, double *) override;
  double memory_usage() override;

 private:
  mgg_s2_params params;
  std::vector<double> density;    // rho_nu of each type (atoms / volume), all atoms
  bool average;                   // avg yes: second column, the mean over neighbours within rc2
  double average_cutoff;          // rc2

  int nmax;
  double *s2;         // S2 of owned (and, for avg, ghost) atoms: the output when not averaging
  double **both;      // avg yes: [S2, neighbour average] per atom, the output
  mgg::Candidates candidates;
  std::vector<int> type0;          // 0-based types of owned and ghost atoms
  std::vector<int> member;         // avg: 1 for owned and ghost atoms of the group
  std::vector<double> work, out;

  void update_density();
  void average_over_neighbours();
};

}    // namespace LAMMPS_NS

#endif
