// The results of fix artn's searches (not a style): what the fix takes from a finished search, a
// local phase's result, and a whole search's, exchanged between the ranks (local mode) or the
// partitions (full mode).
#ifndef MGG_ARTN_LOCAL_H
#define MGG_ARTN_LOCAL_H

#include "lmptype.h"
#include <mpi.h>

#include "mgglass.h"

#include <functional>
#include <map>
#include <vector>

namespace mgg {

// what the outputs take from a finished search (the core's, or a local phase's)
struct ArtnOutcome {
  mgg_artn_status status;
  double energy, e_act, eigenvalue[2], max_force, force_norm;
  int basin_steps, activation_steps, retries;
  double e_final;  // a validated saddle's other minimum less E0 (eV; NAN: not relaxed)
};
ArtnOutcome artn_outcome(const mgg_artn &s);

// where a search that could not run failed
enum ArtnError { ARTN_ERROR_NONE, ARTN_ERROR_START, ARTN_ERROR_CLUSTER, ARTN_ERROR_ENGINE };

// The local phase of a search (local mode): its EAM cluster's search. It uses only the initial
// minimum, the cell and the EAM tables, which every rank holds, so any rank can run it (and the
// refinement, which uses the EAM engine on the whole system).
struct ArtnLocalResult {
  ArtnOutcome outcome;
  mgg_status error = MGG_OK;  // the search could not run
  ArtnError error_at = ARTN_ERROR_NONE;
  long calls = 0;             // the cluster's evaluations and products
  double cost = 0.0;          // whole-system equivalents
  std::vector<int> mobile;    // the mobile atoms' indices in ID order
  std::vector<double> x;      // their final positions (unwrapped, 3 each)
  std::vector<double> e;      // the lowest eigenvector there on them (3 each)
};

// A whole search's result as the outputs take it: full mode's search, or local mode's local phase
// and refinement.
struct ArtnSearchResult {
  ArtnOutcome outcome;
  double cost = 0.0;          // whole-system equivalents
  double full_evals = 0.0;    // of which the whole system's (full mode, or the refinement)
  double refine_shift = -1.0; // how far the refinement moved the local saddle (A), -1: none
  long local_calls = 0;       // the local phase's evaluations and products
  int local_status = -1;      // the local phase's mgg_artn_status, -1: none (full mode)
  std::vector<double> saddle; // the final point, 3 per atom in ID order (unwrapped)
  mgg_status error = MGG_OK;  // the search could not run (local mode: reported on every rank)
  ArtnError error_at = ARTN_ERROR_NONE;
};

// Runs search(j) for every search j of batch, shared out over the teams of ranks of comm as
// they become free, then all the results into results on every rank of comm by search number.
// team: the ranks of comm that run one search together (MPI_COMM_SELF in local mode, a
// partition's world in full mode). A team's first rank takes the next search not yet taken from
// a counter on rank 0 of comm (one-sided fetch-and-add: no rank waits for another to hand out
// work), so a team whose searches were short takes more. Collective over comm.
void share_out_searches(MPI_Comm comm, MPI_Comm team, const std::vector<LAMMPS_NS::bigint> &batch,
                        const std::function<ArtnSearchResult(LAMMPS_NS::bigint)> &search,
                        std::map<LAMMPS_NS::bigint, ArtnSearchResult> &results);

}    // namespace mgg

#endif
