#include "mgg_states.h"

#include "atom.h"
#include "memory.h"

#include "mgg_displacements.h"
#include "mgglass.h"

#include <algorithm>
#include <cmath>

using namespace LAMMPS_NS;

namespace mgg {

RememberedStates::~RememberedStates()
{
  lmp->memory->destroy(m);
}

const double *RememberedStates::states() const
{
  return lmp->atom->nlocal ? &m[0][0] : nullptr;
}

void RememberedStates::remember(const std::vector<double> &d)
{
  for (int i = 0; i < lmp->atom->nlocal; i++) std::copy_n(&d[3 * i], 3, &m[i][3 * next]);
  next = (next + 1) % capacity;
  n = std::min(n + 1, capacity);
}

std::vector<double> RememberedStates::pinned_displacements(tagint pinned) const
{
  return atom_values(lmp, pinned, m, 0, 3 * n);
}

std::vector<double> RememberedStates::deviations2(const std::vector<double> &d, tagint pinned) const
{
  const std::vector<double> held = pinned_displacements(pinned);
  return largest_deviations2(lmp, n, d, states(), per_atom(), held.data());
}

double RememberedStates::shifted_norm(int k, tagint pinned) const
{
  const std::vector<double> held = pinned_displacements(pinned);
  double local = mgg_aqs_settled_df2(lmp->atom->nlocal, states(), per_atom(), k, &held[3 * k]);
  double total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  return std::sqrt(total);
}

void RememberedStates::grow(int nmax)
{
  lmp->memory->grow(m, nmax, per_atom(), "mgg_states:m");
}

void RememberedStates::copy(int i, int j)
{
  std::copy_n(m[i], per_atom(), m[j]);
}

int RememberedStates::pack(int i, double *buf) const
{
  std::copy_n(m[i], per_atom(), buf);
  return per_atom();
}

int RememberedStates::unpack(int nlocal, const double *buf)
{
  std::copy_n(buf, per_atom(), m[nlocal]);
  return per_atom();
}

double RememberedStates::memory_usage() const
{
  return static_cast<double>(lmp->atom->nmax) * per_atom() * sizeof(double);
}

}    // namespace mgg
