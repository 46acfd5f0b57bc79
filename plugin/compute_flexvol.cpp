#include "compute_flexvol.h"

#include "atom.h"
#include "memory.h"
#include "update.h"
#include "utils.h"

#include "mgglass.h"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace LAMMPS_NS;

namespace {

mgg::StyleArgs style_args(LAMMPS *lmp)
{
  return mgg::StyleArgs(lmp, "Compute", "flexvol");
}

// the two inputs are positional: check their count before anything reads them
const char *positional(LAMMPS *lmp, int narg, char **arg, int iarg)
{
  if (narg <= iarg)
    style_args(lmp).fail("missing inputs: compute ID group flexvol msd volume [spacing a]");
  return arg[iarg];
}

// Group atoms whose value in test is negative or not finite: how many, and the atom ID of the
// first of them (lowest ID) with its value in each array of report; the same on every rank.
struct BadAtoms {
  bigint count = 0;
  tagint first = MAXTAGINT;
  std::vector<double> values;
};

BadAtoms find_bad(LAMMPS *lmp, int groupbit, const double *test,
                  const std::vector<const double *> &report)
{
  const Atom *atom = lmp->atom;
  bigint count = 0;
  tagint first = MAXTAGINT;
  int first_index = -1;
  for (int i = 0; i < atom->nlocal; i++) {
    if (!(atom->mask[i] & groupbit) || (std::isfinite(test[i]) && test[i] >= 0.0)) continue;
    count++;
    if (atom->tag[i] < first) {
      first = atom->tag[i];
      first_index = i;
    }
  }
  BadAtoms bad;
  MPI_Allreduce(&count, &bad.count, 1, MPI_LMP_BIGINT, MPI_SUM, lmp->world);
  if (bad.count == 0) return bad;
  MPI_Allreduce(&first, &bad.first, 1, MPI_LMP_TAGINT, MPI_MIN, lmp->world);
  // only the owner of that atom contributes its values (0 + inf or nan keeps them)
  std::vector<double> mine(report.size(), 0.0);
  if (first == bad.first)
    for (size_t k = 0; k < report.size(); k++) mine[k] = report[k][first_index];
  bad.values.resize(report.size());
  MPI_Allreduce(mine.data(), bad.values.data(), (int) report.size(), MPI_DOUBLE, MPI_SUM, lmp->world);
  return bad;
}

std::string atoms(bigint count)
{
  return fmt::format("{} atom{} of the group", count, count == 1 ? "" : "s");
}

// Error naming the first input (MSD, then volume) with a negative or non-finite value on an atom
// of the group: how many atoms, and the atom ID and value of the first of them.
void check_inputs(const mgg::StyleArgs &args, LAMMPS *lmp, int groupbit,
                  const mgg::PerAtomInput *const inputs[2], const double *const values[2])
{
  std::string message;
  for (int k = 0; k < 2; k++) {
    const BadAtoms bad = find_bad(lmp, groupbit, values[k], {values[k]});
    if (bad.count == 0) continue;
    message += fmt::format("{}{} {} is negative or not finite on {} (first: atom {}, value {})",
                           message.empty() ? "" : "; ", inputs[k]->what, inputs[k]->text,
                           atoms(bad.count), bad.first, bad.values[0]);
  }
  if (!message.empty()) args.fail(message);
}

}    // namespace

ComputeFlexvol::ComputeFlexvol(LAMMPS *lmp, int narg, char **arg) :
    Compute(lmp, narg, arg),
    msd(style_args(lmp), "MSD input", positional(lmp, narg, arg, 3)),
    volume(style_args(lmp), "volume input", positional(lmp, narg, arg, 4)), spacing(0.0), nmax(0),
    flexvol(nullptr), reading(nullptr)
{
  const mgg::StyleArgs args = style_args(lmp);
  for (int iarg = 5; iarg < narg; iarg += 2) {
    const char *value = args.value_of(narg, arg, iarg);
    if (strcmp(arg[iarg], "spacing") == 0)
      spacing = args.positive_number("spacing", value);
    else
      args.fail(std::string("unknown keyword '") + arg[iarg] + "'");
  }
  msd.check(args, lmp);
  volume.check(args, lmp);

  // per-atom output only: LAMMPS before August 2023 resolves c_ID in an atom-style variable to
  // a global scalar whenever there is one (the group mean is 'compute reduce ave c_ID')
  peratom_flag = 1;
  size_peratom_cols = 0;
}

ComputeFlexvol::~ComputeFlexvol()
{
  memory->destroy(flexvol);
}

void ComputeFlexvol::init()
{
  const mgg::StyleArgs args = style_args(lmp);
  msd.check(args, lmp);
  volume.check(args, lmp);
}

void ComputeFlexvol::compute_peratom()
{
  const mgg::StyleArgs args = style_args(lmp);
  invoked_peratom = update->ntimestep;
  if (atom->nmax > nmax) {
    memory->destroy(flexvol);
    nmax = atom->nmax;
    memory->create(flexvol, nmax, "flexvol:flexvol");
    vector_atom = flexvol;
  }
  // an input that needs this compute's own values would recurse until the stack overflows
  if (reading)
    args.fail(fmt::format("{} {} of compute {} needs the values of compute {} itself (circular "
                          "reference)", reading->what, reading->text, id, id));
  struct Reading {
    const mgg::PerAtomInput *&now;
    ~Reading() { now = nullptr; }    // also when an input stops with an error
  } guard{reading};
  reading = &msd;
  const double *dr2 = msd.values(args, lmp, igroup);
  reading = &volume;
  const double *omega = volume.values(args, lmp, igroup);
  reading = nullptr;
  const mgg::PerAtomInput *const inputs[2] = {&msd, &volume};
  const double *const values[2] = {dr2, omega};
  check_inputs(args, lmp, groupbit, inputs, values);
  // the group's inputs packed for the core, which writes v_flex over the MSD
  std::vector<int> members;
  std::vector<double> group_msd, group_volume;
  for (int i = 0; i < atom->nlocal; i++) {
    flexvol[i] = 0.0;
    if (!(atom->mask[i] & groupbit)) continue;
    members.push_back(i);
    group_msd.push_back(dr2[i]);
    group_volume.push_back(omega[i]);
  }
  const mgg_status st = mgg_flexvol(members.size(), group_msd.data(), group_volume.data(), spacing,
                                    group_msd.data());
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
  for (size_t k = 0; k < members.size(); k++) flexvol[members[k]] = group_msd[k];
  // finite inputs can still overflow (an MSD and a volume of 1e300, or a tiny spacing)
  const BadAtoms bad = find_bad(lmp, groupbit, flexvol, {dr2, omega});
  if (bad.count)
    args.fail(fmt::format("v_flex is not finite (overflow) on {} (first: atom {}, {} {} = {}, {} "
                          "{} = {}{})", atoms(bad.count), bad.first, msd.what, msd.text,
                          bad.values[0], volume.what, volume.text, bad.values[1],
                          spacing > 0.0 ? fmt::format(", spacing {}", spacing) : ""));
}

double ComputeFlexvol::memory_usage()
{
  return (double) nmax * sizeof(double);
}
