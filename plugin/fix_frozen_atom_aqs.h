// fix ID group frozen_atom_aqs ... (skeleton; being written)
#ifndef MGG_FIX_FROZEN_ATOM_AQS_H
#define MGG_FIX_FROZEN_ATOM_AQS_H

#include "fix.h"

namespace LAMMPS_NS {

class FixFrozenAtomAqs : public Fix {
 public:
  FixFrozenAtomAqs(class LAMMPS *, int, char **);
  int setmask() override { return 0; }
};

}    // namespace LAMMPS_NS

#endif
