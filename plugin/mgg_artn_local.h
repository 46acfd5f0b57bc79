// The results of fix artn's searches (not a style): what the fix takes from a finished search, a
// local phase's result, which every rank needs, exchanged between the ranks, and a whole search's,
// exchanged between the partitions.
#ifndef MGG_ARTN_LOCAL_H
#define MGG_ARTN_LOCAL_H

#include "lmptype.h"
#include "pointers.h"

#include "mgglass.h"

#include <map>
#include <vector>

namespace mgg {

// what the outputs take from a finished search (the core's, or a local phase's)
struct ArtnOutcome {
  mgg_artn_status status;
  double energy, e_act, eigenvalue[2], max_force, force_norm;
  int basin_steps, activation_steps, retries;
};
ArtnOutcome artn_outcome(const mgg_artn &s);

// The local phase of a search (local mode): its EAM cluster's search. It uses only the initial
// minimum, the cell and the EAM tables, which every rank holds, so any rank can run it.
struct ArtnLocalResult {
  ArtnOutcome outcome;
  mgg_status error = MGG_OK;  // the search could not run
  bool error_in_cluster = false;
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
};

// The local result of search k that this rank ran (null: none) and those of the other ranks,
// into results on every rank by search number. Collective.
void share_artn_local(LAMMPS_NS::LAMMPS *lmp, LAMMPS_NS::bigint k, const ArtnLocalResult *mine,
                      std::map<LAMMPS_NS::bigint, ArtnLocalResult> &results);

// The search k that this partition ran (null: none) and those of the other partitions (-partition),
// into results on every rank of every partition by search number. Collective over the universe.
void share_artn_searches(LAMMPS_NS::LAMMPS *lmp, LAMMPS_NS::bigint k, const ArtnSearchResult *mine,
                         std::map<LAMMPS_NS::bigint, ArtnSearchResult> &results);

}    // namespace mgg

#endif
