// compute ID group voronoi_index ... (skeleton; being written)
#ifndef MGG_COMPUTE_VORONOI_INDEX_H
#define MGG_COMPUTE_VORONOI_INDEX_H

#include "compute.h"

namespace LAMMPS_NS {

class ComputeVoronoiIndex : public Compute {
 public:
  ComputeVoronoiIndex(class LAMMPS *, int, char **);
  void init() override {}
  void compute_peratom() override {}
};

}    // namespace LAMMPS_NS

#endif
