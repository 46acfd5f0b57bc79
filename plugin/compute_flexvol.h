// compute ID group flexvol ... (skeleton; being written)
#ifndef MGG_COMPUTE_FLEXVOL_H
#define MGG_COMPUTE_FLEXVOL_H

#include "compute.h"

namespace LAMMPS_NS {

class ComputeFlexvol : public Compute {
 public:
  ComputeFlexvol(class LAMMPS *, int, char **);
  void init() override {}
  void compute_peratom() override {}
};

}    // namespace LAMMPS_NS

#endif
