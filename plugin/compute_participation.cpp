#include "compute_participation.h"

#include "mgg_style_util.h"

using namespace LAMMPS_NS;

ComputeParticipation::ComputeParticipation(LAMMPS *lmp, int narg, char **arg) : Compute(lmp, narg, arg)
{
  mgg::StyleArgs(lmp, "Compute", "participation").fail("not implemented yet");
}
