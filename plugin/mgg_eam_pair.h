// The core's EAM engine (mgg_eam) from the tables of the pair style in use, for the styles that
// evaluate EAM energies, forces or Hessians themselves (compute participation's analytic
// Hessian, fix artn's local searches).
#ifndef MGG_EAM_PAIR_H
#define MGG_EAM_PAIR_H

#include "pointers.h"

#include "mgg_style_util.h"
#include "mgglass.h"

namespace mgg {

// Whether the pair style is eam, eam/alloy or eam/fs (or an accelerated variant): the styles
// whose energy is exactly PairEAM's tables.
bool pair_is_eam(LAMMPS_NS::LAMMPS *lmp);

// A new engine (released with mgg_eam_free()) from the tables the pair style read, before LAMMPS
// splines them (the core builds the same splines); errors name the style through args.
mgg_eam *eam_from_pair(LAMMPS_NS::LAMMPS *lmp, const StyleArgs &args);

}    // namespace mgg

#endif
