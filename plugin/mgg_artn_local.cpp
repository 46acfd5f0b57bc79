#include "mgg_artn_local.h"

#include <cmath>

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// Results as doubles (integers exact) for the exchanges, and back.
void pack_outcome(const ArtnOutcome &o, std::vector<double> &buf)
{
  buf.insert(buf.end(), {static_cast<double>(o.status), o.energy, o.e_act, o.eigenvalue[0],
                         o.eigenvalue[1], o.max_force, o.force_norm, static_cast<double>(o.basin_steps),
                         static_cast<double>(o.activation_steps), static_cast<double>(o.retries),
                         o.e_final});
}

const double *unpack_outcome(const double *v, ArtnOutcome &o)
{
  o = {static_cast<mgg_artn_status>(v[0]), v[1], v[2], {v[3], v[4]}, v[5], v[6],
       static_cast<int>(v[7]), static_cast<int>(v[8]), static_cast<int>(v[9]), v[10]};
  return v + 11;
}

void pack(bigint k, const ArtnSearchResult &r, std::vector<double> &buf)
{
  buf.push_back(static_cast<double>(k));
  pack_outcome(r.outcome, buf);
  buf.insert(buf.end(), {r.cost, r.full_evals, r.refine_shift, static_cast<double>(r.local_calls),
                         static_cast<double>(r.local_status), static_cast<double>(r.error),
                         static_cast<double>(r.error_at), static_cast<double>(r.saddle.size())});
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
  r.error = static_cast<mgg_status>(v[5]);
  r.error_at = static_cast<ArtnError>(v[6]);
  const size_t m = static_cast<size_t>(v[7]);
  r.saddle.assign(v + 8, v + 8 + m);
  return v + 8 + m;
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
void unpack_all(const std::vector<double> &all, std::map<bigint, ArtnSearchResult> &results)
{
  for (const double *v = all.data(); v < all.data() + all.size();) {
    bigint j;
    ArtnSearchResult r;
    v = unpack(v, &j, r);
    results[j] = std::move(r);
  }
}

}    // namespace

ArtnOutcome artn_outcome(const mgg_artn &s)
{
  // E0 = energy - e_act at the saddle
  const double e_final = s.status == MGG_ARTN_SADDLE && s.final_relaxed ? s.e_final - (s.energy - s.e_act) : NAN;
  return {s.status, s.energy, s.e_act, {s.eigenvalue[0], s.eigenvalue[1]}, s.max_force,
          s.force_norm, s.basin_steps, s.activation_steps, s.retries, e_final};
}

void share_out_searches(MPI_Comm comm, MPI_Comm team, const std::vector<bigint> &batch,
                        const std::function<ArtnSearchResult(bigint)> &search,
                        std::map<bigint, ArtnSearchResult> &results)
{
  int rank, team_rank;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_rank(team, &team_rank);
  long *counter;
  MPI_Win win;
  MPI_Win_allocate(rank == 0 ? sizeof(long) : 0, sizeof(long), MPI_INFO_NULL, comm, &counter, &win);
  MPI_Win_lock_all(0, win);
  if (rank == 0) {
    *counter = 0;
    MPI_Win_sync(win);
  }
  MPI_Barrier(comm);
  std::vector<double> buf;
  const long one = 1;
  for (;;) {
    long next = 0;
    if (team_rank == 0) {
      MPI_Fetch_and_op(&one, &next, MPI_LONG, 0, 0, MPI_SUM, win);
      MPI_Win_flush(0, win);
    }
    MPI_Bcast(&next, 1, MPI_LONG, 0, team);
    if (next >= static_cast<long>(batch.size())) break;
    const ArtnSearchResult r = search(batch[next]);
    // every rank of a team holds its search's result: its first rank speaks for it
    if (team_rank == 0) pack(batch[next], r, buf);
  }
  MPI_Win_unlock_all(win);
  MPI_Win_free(&win);
  unpack_all(allgather(comm, buf), results);
}

}    // namespace mgg
