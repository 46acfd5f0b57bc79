// compute ID group participation ... (skeleton; being written)
#ifndef MGG_COMPUTE_PARTICIPATION_H
#define MGG_COMPUTE_PARTICIPATION_H

#include "compute.h"

namespace LAMMPS_NS {

class ComputeParticipation : public Compute {
 public:
  ComputeParticipation(class LAMMPS *, int, char **);
  void init() override {}
  void compute_peratom() override {}
};

}    // namespace LAMMPS_NS

#endif
