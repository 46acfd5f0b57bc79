#include "mgg_artn_local.h"

#include "comm.h"
#include "lammps.h"

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// A local result as doubles (integers exact) for the exchange, and back.
void pack(bigint k, const ArtnLocalResult &r, std::vector<double> &buf)
{
  const ArtnOutcome &o = r.outcome;
  buf.insert(buf.end(), {static_cast<double>(k), static_cast<double>(o.status), o.energy, o.e_act,
                         o.eigenvalue[0], o.eigenvalue[1], o.max_force, o.force_norm,
                         static_cast<double>(o.basin_steps), static_cast<double>(o.activation_steps),
                         static_cast<double>(o.retries), static_cast<double>(r.error),
                         r.error_in_cluster ? 1.0 : 0.0, static_cast<double>(r.calls), r.cost,
                         static_cast<double>(r.mobile.size())});
  buf.insert(buf.end(), r.mobile.begin(), r.mobile.end());
  buf.insert(buf.end(), r.x.begin(), r.x.end());
}

const double *unpack(const double *v, bigint *k, ArtnLocalResult &r)
{
  ArtnOutcome &o = r.outcome;
  *k = static_cast<bigint>(v[0]);
  o = {static_cast<mgg_artn_status>(v[1]), v[2], v[3], {v[4], v[5]}, v[6], v[7],
       static_cast<int>(v[8]), static_cast<int>(v[9]), static_cast<int>(v[10])};
  r.error = static_cast<mgg_status>(v[11]);
  r.error_in_cluster = v[12] != 0.0;
  r.calls = static_cast<long>(v[13]);
  r.cost = v[14];
  const size_t m = static_cast<size_t>(v[15]);
  v += 16;
  r.mobile.assign(v, v + m);
  r.x.assign(v + m, v + 4 * m);
  return v + 4 * m;
}

}    // namespace

ArtnOutcome artn_outcome(const mgg_artn &s)
{
  return {s.status, s.energy, s.e_act, {s.eigenvalue[0], s.eigenvalue[1]}, s.max_force,
          s.force_norm, s.basin_steps, s.activation_steps, s.retries};
}

void share_artn_local(LAMMPS *lmp, bigint k, const ArtnLocalResult *mine,
                      std::map<bigint, ArtnLocalResult> &results)
{
  const int nprocs = lmp->comm->nprocs;
  std::vector<double> buf;
  if (mine) pack(k, *mine, buf);
  const int len = static_cast<int>(buf.size());
  std::vector<int> lens(nprocs), offsets(nprocs, 0);
  MPI_Allgather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, lmp->world);
  for (int r = 1; r < nprocs; r++) offsets[r] = offsets[r - 1] + lens[r - 1];
  std::vector<double> all(offsets.back() + lens.back());
  MPI_Allgatherv(buf.data(), len, MPI_DOUBLE, all.data(), lens.data(), offsets.data(), MPI_DOUBLE,
                 lmp->world);
  for (const double *v = all.data(); v < all.data() + all.size();) {
    bigint j;
    ArtnLocalResult r;
    v = unpack(v, &j, r);
    results[j] = std::move(r);
  }
}

}    // namespace mgg
