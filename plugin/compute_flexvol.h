// compute ID group flexvol msd volume [spacing a]
// Flexibility volume per atom (Ding et al. 2016; Wei et al. 2019, Eq. 2); see doc/compute_flexvol.md.
#ifndef MGG_COMPUTE_FLEXVOL_H
#define MGG_COMPUTE_FLEXVOL_H

#include "compute.h"
#include "mgg_peratom_input.h"

namespace LAMMPS_NS {

class ComputeFlexvol : public Compute {
 public:
  ComputeFlexvol(class LAMMPS *, int, char **);
  ~ComputeFlexvol() override;
  void init() override;
  void compute_peratom() override;
  double memory_usage() override;

 private:
  mgg::PerAtomInput msd;       // vibrational mean squared displacement <dr^2> (distance^2)
  mgg::PerAtomInput volume;    // Voronoi volume Omega (distance^3)
  double spacing;              // global a; 0: a_i = Omega_i^(1/3)
  int nmax;
  double *flexvol;
  const mgg::PerAtomInput *reading;    // the input being evaluated (nullptr: none)
};

}    // namespace LAMMPS_NS

#endif
