#include "mgg_peratom_input.h"

#include "arg_info.h"
#include "atom.h"
#include "compute.h"
#include "fix.h"
#include "input.h"
#include "modify.h"
#include "update.h"
#include "variable.h"

#include <climits>
#include <stdexcept>

using namespace LAMMPS_NS;

namespace mgg {

PerAtomInput::PerAtomInput(const StyleArgs &args, const char *what, const std::string &text,
                           SourceLine where) :
    text(text), what(what)
{
  const std::string forms = std::string(what) + " '" + text +
      "' must be c_ID, c_ID[N], f_ID, f_ID[N] or v_name";
  int dim = 0;
  try {
    ArgInfo info(text, ArgInfo::COMPUTE | ArgInfo::FIX | ArgInfo::VARIABLE);
    kind = info.get_type();
    dim = info.get_dim();
    name = info.get_name();
    column = info.get_index1();
  } catch (const std::out_of_range &) {    // ArgInfo's std::stoi on an index beyond int
    args.fail(forms + " with N from 1 to " + std::to_string(INT_MAX), where);
  }
  if (kind == ArgInfo::NONE || kind == ArgInfo::UNKNOWN || dim > 1 ||
      (kind == ArgInfo::VARIABLE && dim > 0))
    args.fail(forms, where);
  // ArgInfo takes "[-1]" and "[0]" (and the leading digits of "[2x]"): negative columns would
  // read before the array, 0 would silently mean the whole vector
  if (dim == 1) {
    const size_t open = text.find('[');
    const std::string index = text.substr(open + 1, text.size() - open - 2);
    if (index.find_first_not_of("0123456789") != std::string::npos || column < 1)
      args.fail(std::string(what) + " " + text + ": the column must be a positive integer, got '" +
                index + "'", where);
  }
}

void PerAtomInput::check(const StyleArgs &args, LAMMPS *lmp, SourceLine where) const
{
  const std::string head = std::string(what) + " " + text + ": ";
  int peratom = 0, cols = 0;
  if (kind == ArgInfo::VARIABLE) {
    const int ivar = lmp->input->variable->find(name.c_str());
    if (ivar < 0) args.fail(head + "no variable " + name, where);
    if (!lmp->input->variable->atomstyle(ivar))
      args.fail(head + "not an atom-style variable", where);
    return;
  }
  if (kind == ArgInfo::COMPUTE) {
    const int icompute = lmp->modify->find_compute(name);
    if (icompute < 0) args.fail(head + "no compute with ID " + name, where);
    peratom = lmp->modify->compute[icompute]->peratom_flag;
    cols = lmp->modify->compute[icompute]->size_peratom_cols;
  } else {
    const int ifix = lmp->modify->find_fix(name);
    if (ifix < 0) args.fail(head + "no fix with ID " + name, where);
    peratom = lmp->modify->fix[ifix]->peratom_flag;
    cols = lmp->modify->fix[ifix]->size_peratom_cols;
  }
  if (!peratom) args.fail(head + "does not give per-atom values", where);
  if (column == 0 && cols != 0) args.fail(head + "gives a per-atom array: name a column", where);
  if (column > 0 && cols == 0) args.fail(head + "gives a per-atom vector, not an array", where);
  if (column > cols)
    args.fail(head + "column out of range (" + name + " has " + std::to_string(cols) + " columns)",
              where);
}

const double *PerAtomInput::values(const StyleArgs &args, LAMMPS *lmp, int igroup,
                                   SourceLine where)
{
  check(args, lmp, where);
  const int nlocal = lmp->atom->nlocal;
  buffer.resize(nlocal > 0 ? nlocal : 1);
  if (kind == ArgInfo::VARIABLE) {
    const int ivar = lmp->input->variable->find(name.c_str());
    lmp->input->variable->compute_atom(ivar, igroup, buffer.data(), 1, 0);
    return buffer.data();
  }
  double *vector = nullptr, **array = nullptr;
  if (kind == ArgInfo::COMPUTE) {
    Compute *compute = lmp->modify->compute[lmp->modify->find_compute(name)];
    if (!(compute->invoked_flag & Compute::INVOKED_PERATOM)) {
      compute->compute_peratom();
      compute->invoked_flag |= Compute::INVOKED_PERATOM;
    }
    vector = compute->vector_atom;
    array = compute->array_atom;
  } else {
    Fix *fix = lmp->modify->fix[lmp->modify->find_fix(name)];
    if (lmp->update->ntimestep % fix->peratom_freq)
      args.fail(std::string(what) + " " + text + ": the fix has no values on this step (its "
                "per-atom output comes every " + std::to_string(fix->peratom_freq) + " steps)",
                where);
    vector = fix->vector_atom;
    array = fix->array_atom;
  }
  for (int i = 0; i < nlocal; i++) buffer[i] = column ? array[i][column - 1] : vector[i];
  return buffer.data();
}

}    // namespace mgg
