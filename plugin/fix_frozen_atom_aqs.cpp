#include "fix_frozen_atom_aqs.h"

#include "mgg_style_util.h"

using namespace LAMMPS_NS;

FixFrozenAtomAqs::FixFrozenAtomAqs(LAMMPS *lmp, int narg, char **arg) : Fix(lmp, narg, arg)
{
  mgg::StyleArgs(lmp, "Fix", "frozen_atom_aqs").fail("not implemented yet");
}
