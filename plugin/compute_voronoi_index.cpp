#include "compute_voronoi_index.h"

#include "mgg_style_util.h"

using namespace LAMMPS_NS;

ComputeVoronoiIndex::ComputeVoronoiIndex(LAMMPS *lmp, int narg, char **arg) : Compute(lmp, narg, arg)
{
  mgg::StyleArgs(lmp, "Compute", "voronoi_index").fail("not implemented yet");
}
