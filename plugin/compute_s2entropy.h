// compute ID group s2entropy ... (skeleton; being written)
#ifndef MGG_COMPUTE_S2ENTROPY_H
#define MGG_COMPUTE_S2ENTROPY_H

#include "compute.h"

namespace LAMMPS_NS {

class ComputeS2Entropy : public Compute {
 public:
  ComputeS2Entropy(class LAMMPS *, int, char **);
  void init() override {}
  void compute_peratom() override {}
};

}    // namespace LAMMPS_NS

#endif
