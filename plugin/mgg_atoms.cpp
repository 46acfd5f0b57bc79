#include "mgg_atoms.h"
#include "mgg_work.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "force.h"
#include "memory.h"
#include "neighbor.h"
#include "pair.h"

#include <algorithm>
#include <cmath>

using namespace LAMMPS_NS;

namespace mgg {

mgg_cell current_cell(LAMMPS *lmp)
{
  const Domain *d = lmp->domain;
  const int periodic[3] = {d->xperiodic, d->yperiodic, d->zperiodic};
  mgg_cell cell;
  mgg_cell_from_lammps(d->xprd, d->yprd, d->zprd, d->xy, d->xz, d->yz, periodic, &cell);
  return cell;
}

Box current_box(LAMMPS *lmp)
{
  const Domain *d = lmp->domain;
  return {d->xprd, d->yprd, d->zprd, d->xy, d->xz, d->yz};
}

double ghost_cutoff(LAMMPS *lmp)
{
  double cutghost = lmp->comm->cutghostuser;
  if (lmp->force->pair)
    cutghost = std::max(lmp->force->pair->cutforce + lmp->neighbor->skin, cutghost);
  return cutghost;
}

void refresh_ghost_positions(LAMMPS *lmp)
{
  lmp->comm->forward_comm();
}

void require_within_ghost_cutoff(const StyleArgs &args, LAMMPS *lmp, const char *what,
                                 double value)
{
  // rounded up to 0.001 so that the value the message shows is one the user can type and pass
  // (34.132000000000005 -> 34.132); the excess, below 1e-9, never matters to a search
  const double shown = std::ceil(value * 1000.0 - 1e-6) / 1000.0;
  const double cutghost = ghost_cutoff(lmp);
  if (shown > cutghost)
    args.fail(fmt::format("{} {} exceeds the ghost-atom cutoff {} (pair cutoff + skin, or "
                          "comm_modify cutoff); use 'comm_modify cutoff {}' or larger",
                          what, shown, cutghost, shown));
}

void Candidates::set_centres(LAMMPS *lmp, int groupbit)
{
  centre.clear();
  for (int i = 0; i < lmp->atom->nlocal; i++)
    if (lmp->atom->mask[i] & groupbit) centre.push_back(i);
}

void Candidates::find(LAMMPS *lmp, double radius, const StyleArgs &args)
{
  const size_t nall = lmp->atom->nlocal + lmp->atom->nghost;
  const double *x = nall ? &lmp->atom->x[0][0] : nullptr;
  start.resize(centre.size() + 1);
  work.resize(mgg_neighbours_find_within_work_size(nall, x, centre.size(), centre.data(), radius));
  // the core rejects a NULL index even when nothing is found, and an empty vector's data() may be NULL
  if (index.empty()) index.resize(64);
  const mgg_status st = grow_until_fits(index, [&](int *idx, size_t cap, size_t *found) {
    return mgg_neighbours_find_within(nall, x, centre.size(), centre.data(), radius, work.data(),
                                      work.size(), start.data(), idx, cap, found);
  });
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
}

double Candidates::memory_usage() const
{
  return (double) (centre.capacity() + index.capacity()) * sizeof(int) +
      (double) start.capacity() * sizeof(size_t) + (double) work.capacity();
}

AtomArrays::~AtomArrays()
{
  for (Array &a : arrays) lmp->memory->destroy(a.data);
}

int AtomArrays::add(int width)
{
  arrays.push_back({width, nullptr});
  return static_cast<int>(arrays.size()) - 1;
}

int AtomArrays::width() const
{
  int total = 0;
  for (const Array &a : arrays) total += a.width;
  return total;
}

void AtomArrays::grow(int nmax)
{
  for (Array &a : arrays) lmp->memory->grow(a.data, nmax, a.width, "mgglass:atom_arrays");
}

void AtomArrays::copy(int i, int j)
{
  for (const Array &a : arrays) std::copy_n(a.data[i], a.width, a.data[j]);
}

int AtomArrays::pack(int i, double *buf) const
{
  int m = 0;
  for (const Array &a : arrays) {
    std::copy_n(a.data[i], a.width, buf + m);
    m += a.width;
  }
  return m;
}

int AtomArrays::unpack(int nlocal, const double *buf)
{
  int m = 0;
  for (const Array &a : arrays) {
    std::copy_n(buf + m, a.width, a.data[nlocal]);
    m += a.width;
  }
  return m;
}

double AtomArrays::memory_usage() const
{
  return static_cast<double>(lmp->atom->nmax) * width() * sizeof(double);
}

}    // namespace mgg
