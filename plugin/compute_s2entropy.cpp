#include "compute_s2entropy.h"

#include "mgg_style_util.h"

using namespace LAMMPS_NS;

ComputeS2Entropy::ComputeS2Entropy(LAMMPS *lmp, int narg, char **arg) : Compute(lmp, narg, arg)
{
  mgg::StyleArgs(lmp, "Compute", "s2entropy").fail("not implemented yet");
}
