// A per-atom quantity named the LAMMPS way in a style's arguments: c_ID, c_ID[N], f_ID, f_ID[N]
// or v_name (atom-style variable), checked like fix ave/atom checks its inputs.
#ifndef MGG_PERATOM_INPUT_H
#define MGG_PERATOM_INPUT_H

#include "mgg_style_util.h"
#include "pointers.h"

#include <string>
#include <vector>

namespace mgg {

class PerAtomInput {
 public:
  // what: the argument's role in messages (e.g. "MSD input"); text: the argument as typed.
  PerAtomInput(const StyleArgs &args, const char *what, const std::string &text,
               SourceLine where = {});

  // Error unless the compute, fix or variable exists and provides a per-atom vector or the column.
  void check(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp, SourceLine where = {}) const;

  // The values of the owned atoms (0 outside igroup for variables); a compute is invoked if it has
  // not been on this step, a fix must have produced values on this step.
  const double *values(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp, int igroup,
                       SourceLine where = {});

  const std::string text;
  const std::string what;

 private:
  int kind;      // ArgInfo::COMPUTE, FIX or VARIABLE
  std::string name;
  int column;    // 0: vector; N: column N of an array
  std::vector<double> buffer;
};

}    // namespace mgg

#endif
