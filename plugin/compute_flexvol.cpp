#include "compute_flexvol.h"

#include "mgg_style_util.h"

using namespace LAMMPS_NS;

ComputeFlexvol::ComputeFlexvol(LAMMPS *lmp, int narg, char **arg) : Compute(lmp, narg, arg)
{
  mgg::StyleArgs(lmp, "Compute", "flexvol").fail("not implemented yet");
}
