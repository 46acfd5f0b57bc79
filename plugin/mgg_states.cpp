#include "mgg_states.h"

#include "atom.h"

#include "mgg_displacements.h"
#include "mgglass.h"

#include <algorithm>
#include <cmath>

using namespace LAMMPS_NS;

namespace mgg {

const double *RememberedStates::states() const
{
  return lmp->atom->nlocal ? &arrays[m][0][0] : nullptr;
}

void RememberedStates::remember(const std::vector<double> &d)
{
  for (int i = 0; i < lmp->atom->nlocal; i++) std::copy_n(&d[3 * i], 3, &arrays[m][i][3 * next]);
  next = (next + 1) % capacity;
  n = std::min(n + 1, capacity);
}

void RememberedStates::remember_distinct(const std::vector<double> &d, double settle_distance)
{
  if (mgg_aqs_distinct_minimum(largest_deviations2(lmp, 1, d, nullptr, 0, nullptr)[0],
                               settle_distance))
    remember(d);
}

int RememberedStates::reached(const std::vector<double> &d, tagint pinned,
                              double settle_distance) const
{
  if (!n) return -1;
  const std::vector<double> worst2 = deviations2(d, pinned);
  return mgg_aqs_settled_minimum(n, worst2.data(), settle_distance);
}

std::vector<double> RememberedStates::pinned_displacements(tagint pinned) const
{
  return atom_values(lmp, pinned, arrays[m], 0, 3 * n);
}

std::vector<double> RememberedStates::deviations2(const std::vector<double> &d, tagint pinned) const
{
  const std::vector<double> held = pinned_displacements(pinned);
  return largest_deviations2(lmp, n, d, states(), 3 * capacity, held.data());
}

double RememberedStates::shifted_norm(int k, tagint pinned) const
{
  const std::vector<double> held = pinned_displacements(pinned);
  double local = mgg_aqs_settled_df2(lmp->atom->nlocal, states(), 3 * capacity, k, &held[3 * k]);
  double total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  return std::sqrt(total);
}

}    // namespace mgg
