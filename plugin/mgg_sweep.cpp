#include "mgg_sweep.h"

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "universe.h"

#include "mgg_atoms.h"
#include "mgg_gather.h"
#include "mgglass.h"

#include <algorithm>
#include <string>

using namespace LAMMPS_NS;

namespace mgg {

std::vector<tagint> sweep_candidates(const StyleArgs &args, LAMMPS *lmp, double *const *rows,
                                     int col, int groupbit, const double centre[3], double radius)
{
  const Atom *atom = lmp->atom;
  std::vector<double> local(4 * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) local[4 * i + a] = rows[i][col + a];
    local[4 * i + 3] = (atom->mask[i] & groupbit) ? 1.0 : 0.0;
  }
  const AtomRows all = gather_by_tag(args, lmp, local_tags(lmp), local, 4, true);
  const size_t n = all.size();
  std::vector<double> x(3 * n), work(mgg_aqs_candidates_work_size(n) / sizeof(double) + 1);
  std::vector<int> in_group(n);
  std::vector<size_t> order(n);
  for (size_t k = 0; k < n; k++) {
    std::copy_n(all.row(k), 3, &x[3 * k]);
    in_group[k] = all.row(k)[3] != 0.0;
  }
  const mgg_cell cell = current_cell(lmp);
  size_t n_candidates = 0;
  const mgg_status st = mgg_aqs_candidates(&cell, n, x.data(), in_group.data(), centre, radius,
                                           work.data(), work.size() * sizeof(double), order.data(),
                                           &n_candidates);
  if (st != MGG_OK) args.fail(std::string("the sweep's candidates: ") + mgg_status_message(st));
  std::vector<tagint> tags(n_candidates);
  for (size_t c = 0; c < n_candidates; c++) tags[c] = all.tag[order[c]];
  return tags;
}

void require_same_in_partitions(LAMMPS *lmp, double value)
{
  if (lmp->universe->nworlds == 1) return;
  double lowest = value, highest = value;
  MPI_Allreduce(MPI_IN_PLACE, &lowest, 1, MPI_DOUBLE, MPI_MIN, lmp->universe->uworld);
  MPI_Allreduce(MPI_IN_PLACE, &highest, 1, MPI_DOUBLE, MPI_MAX, lmp->universe->uworld);
  if (lowest != highest)
    lmp->error->universe_all(FLERR, "Fix frozen_atom_aqs: the partitions' AQS runs differ (run the "
                                    "same input with the same number of ranks in every partition)");
}

void sum_over_partitions(LAMMPS *lmp, std::vector<double> &values)
{
  if (lmp->comm->me != 0) std::fill(values.begin(), values.end(), 0.0);
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM,
                lmp->universe->uworld);
}

}    // namespace mgg
