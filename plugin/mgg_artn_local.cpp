#include "mgg_artn_local.h"

#include "comm.h"
#include "lammps.h"
#include "universe.h"

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// Results as doubles (integers exact) for the exchanges, and back.
void pack_outcome(const ArtnOutcome &o, std::vector<double> &buf)
{
  buf.insert(buf.end(), {static_cast<double>(o.status), o.energy, o.e_act, o.eigenvalue[0],
                         o.eigenvalue[1], o.max_force, o.force_norm, static_cast<double>(o.basin_steps),
                         static_cast<double>(o.activation_steps), static_cast<double>(o.retries)});
}

const double *unpack_outcome(const double *v, ArtnOutcome &o)
{
  o = {static_cast<mgg_artn_status>(v[0]), v[1], v[2], {v[3], v[4]}, v[5], v[6],
       static_cast<int>(v[7]), static_cast<int>(v[8]), static_cast<int>(v[9])};
  return v + 10;
}

void pack(bigint k, const ArtnLocalResult &r, std::vector<double> &buf)
{
  buf.push_back(static_cast<double>(k));
  pack_outcome(r.outcome, buf);
  buf.insert(buf.end(), {static_cast<double>(r.error), r.error_in_cluster ? 1.0 : 0.0,
                         static_cast<double>(r.calls), r.cost, static_cast<double>(r.mobile.size())});
  buf.insert(buf.end(), r.mobile.begin(), r.mobile.end());
  buf.insert(buf.end(), r.x.begin(), r.x.end());
  buf.insert(buf.end(), r.e.begin(), r.e.end());
}

const double *unpack(const double *v, bigint *k, ArtnLocalResult &r)
{
  *k = static_cast<bigint>(v[0]);
  v = unpack_outcome(v + 1, r.outcome);
  r.error = static_cast<mgg_status>(v[0]);
  r.error_in_cluster = v[1] != 0.0;
  r.calls = static_cast<long>(v[2]);
  r.cost = v[3];
  const size_t m = static_cast<size_t>(v[4]);
  v += 5;
  r.mobile.assign(v, v + m);
  r.x.assign(v + m, v + 4 * m);
  r.e.assign(v + 4 * m, v + 7 * m);
  return v + 7 * m;
}

void pack(bigint k, const ArtnSearchResult &r, std::vector<double> &buf)
{
  buf.push_back(static_cast<double>(k));
  pack_outcome(r.outcome, buf);
  buf.insert(buf.end(), {r.cost, r.full_evals, r.refine_shift, static_cast<double>(r.local_calls),
                         static_cast<double>(r.local_status), static_cast<double>(r.saddle.size())});
  buf.insert(buf.end(), r.saddle.begin(), r.saddle.end());
}

const double *unpack(const double *v, bigint *k, ArtnSearchResult &r)
{
  *k = static_cast<bigint>(v[0]);
  v = unpack_outcome(v + 1, r.outcome);
  r.cost = v[0];
  r.full_evals = v[1];
  r.refine_shift = v[2];
  r.local_calls = static_cast<long>(v[3]);
  r.local_status = static_cast<int>(v[4]);
  const size_t m = static_cast<size_t>(v[5]);
  r.saddle.assign(v + 6, v + 6 + m);
  return v + 6 + m;
}

// Every rank's buf (empty: nothing) concatenated in rank order, on every rank of comm.
std::vector<double> allgather(MPI_Comm comm, const std::vector<double> &buf)
{
  int nprocs;
  MPI_Comm_size(comm, &nprocs);
  const int len = static_cast<int>(buf.size());
  std::vector<int> lens(nprocs), offsets(nprocs, 0);
  MPI_Allgather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, comm);
  for (int r = 1; r < nprocs; r++) offsets[r] = offsets[r - 1] + lens[r - 1];
  std::vector<double> all(offsets.back() + lens.back());
  MPI_Allgatherv(buf.data(), len, MPI_DOUBLE, all.data(), lens.data(), offsets.data(), MPI_DOUBLE, comm);
  return all;
}

// Results packed by every rank of comm, by search number.
template <class Result>
void unpack_all(const std::vector<double> &all, std::map<bigint, Result> &results)
{
  for (const double *v = all.data(); v < all.data() + all.size();) {
    bigint j;
    Result r;
    v = unpack(v, &j, r);
    results[j] = std::move(r);
  }
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
  std::vector<double> buf;
  if (mine) pack(k, *mine, buf);
  unpack_all(allgather(lmp->world, buf), results);
}

void share_artn_searches(LAMMPS *lmp, bigint k, const ArtnSearchResult *mine,
                         std::map<bigint, ArtnSearchResult> &results)
{
  std::vector<double> buf;
  // every rank of a partition holds its search's result: its first rank speaks for it
  if (mine && lmp->comm->me == 0) pack(k, *mine, buf);
  unpack_all(allgather(lmp->universe->uworld, buf), results);
}

}    // namespace mgg
