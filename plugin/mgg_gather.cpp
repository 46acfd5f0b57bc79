#include "mgg_gather.h"

#include "atom.h"
#include "comm.h"

#include <algorithm>
#include <climits>
#include <numeric>

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// per rank: count, and its displacement in units of `unit` doubles
void displacements(const std::vector<int> &count, int unit, std::vector<int> &scaled,
                   std::vector<int> &offset)
{
  scaled.resize(count.size());
  offset.assign(count.size(), 0);
  for (size_t r = 0; r < count.size(); r++) {
    scaled[r] = unit * count[r];
    if (r) offset[r] = offset[r - 1] + scaled[r - 1];
  }
}

}    // namespace

AtomRows gather_by_tag(const StyleArgs &args, LAMMPS *lmp, const std::vector<tagint> &tags,
                       const std::vector<double> &rows, int width, bool to_all)
{
  MPI_Comm world = lmp->world;
  const int nprocs = lmp->comm->nprocs, me = lmp->comm->me;
  const int mine = static_cast<int>(tags.size());
  // the tag travels as a double: exact below 2^53
  const int stride = width + 1;
  bigint total_local = mine, total = 0;
  MPI_Allreduce(&total_local, &total, 1, MPI_LMP_BIGINT, MPI_SUM, world);
  if (total > INT_MAX / stride)
    args.fail(fmt::format("gathering {} values for each of {} atoms exceeds the {} values one "
                          "MPI call can carry", stride, total, INT_MAX));

  AtomRows out;
  out.width = width;
  out.lmp = lmp;
  const bool receive = to_all || me == 0;
  std::vector<int> counts(nprocs);
  if (to_all)
    MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, world);
  else
    MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, world);
  std::vector<double> send(static_cast<size_t>(stride) * mine);
  for (int k = 0; k < mine; k++) {
    send[static_cast<size_t>(stride) * k] = static_cast<double>(tags[k]);
    std::copy_n(&rows[static_cast<size_t>(width) * k], width, &send[static_cast<size_t>(stride) * k + 1]);
  }
  std::vector<int> scaled, offset;
  if (receive) displacements(counts, stride, scaled, offset);
  std::vector<double> all(receive ? static_cast<size_t>(stride) * total : 0);
  if (to_all)
    MPI_Allgatherv(send.data(), stride * mine, MPI_DOUBLE, all.data(), scaled.data(),
                   offset.data(), MPI_DOUBLE, world);
  else
    MPI_Gatherv(send.data(), stride * mine, MPI_DOUBLE, all.data(), scaled.data(), offset.data(),
                MPI_DOUBLE, 0, world);
  if (!receive) return out;

  const size_t n = static_cast<size_t>(total);
  out.counts = counts;
  out.order.resize(n);
  std::iota(out.order.begin(), out.order.end(), 0);
  std::sort(out.order.begin(), out.order.end(),
            [&](size_t a, size_t b) { return all[stride * a] < all[stride * b]; });
  out.tag.resize(n);
  out.values.resize(static_cast<size_t>(width) * n);
  for (size_t k = 0; k < n; k++) {
    const double *q = &all[stride * out.order[k]];
    out.tag[k] = static_cast<tagint>(q[0]);
    std::copy_n(q + 1, width, &out.values[static_cast<size_t>(width) * k]);
  }
  return out;
}

void AtomRows::scatter_back(const std::vector<double> &back, int width_back,
                            std::vector<double> &out) const
{
  MPI_Comm world = lmp->world;
  const int me = lmp->comm->me;
  // the rank order of the gather, rebuilt from the sort
  std::vector<double> ranked(me == 0 ? static_cast<size_t>(width_back) * order.size() : 0);
  for (size_t k = 0; me == 0 && k < order.size(); k++)
    std::copy_n(&back[static_cast<size_t>(width_back) * k], width_back,
                &ranked[static_cast<size_t>(width_back) * order[k]]);
  int mine = 0;
  MPI_Scatter(me == 0 ? counts.data() : nullptr, 1, MPI_INT, &mine, 1, MPI_INT, 0, world);
  std::vector<int> scaled, offset;
  if (me == 0) displacements(counts, width_back, scaled, offset);
  out.resize(static_cast<size_t>(width_back) * mine);
  MPI_Scatterv(ranked.data(), scaled.data(), offset.data(), MPI_DOUBLE, out.data(),
               width_back * mine, MPI_DOUBLE, 0, world);
}

std::vector<tagint> local_tags(LAMMPS *lmp)
{
  return std::vector<tagint>(lmp->atom->tag, lmp->atom->tag + lmp->atom->nlocal);
}

}    // namespace mgg
