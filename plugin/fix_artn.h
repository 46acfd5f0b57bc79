// fix ID group artn [keyword value ...]
// Saddle searches by the activation-relaxation technique nouveau, one per timestep, from the
// relaxed starting configuration, with the validation of every saddle (doc/fix_artn.md).
#ifndef MGG_FIX_ARTN_H
#define MGG_FIX_ARTN_H

#include "fix.h"

#include "mgg_artn_files.h"
#include "mgg_artn_local.h"
#include "mgg_artn_tally.h"
#include "mgg_atoms.h"
#include "mgg_evaluator.h"
#include "mgg_relax.h"
#include "mgglass.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mgg {
class EamCluster;
}

namespace LAMMPS_NS {

class FixArtn : public Fix {
 public:
  FixArtn(class LAMMPS *, int, char **);
  ~FixArtn() override;
  int setmask() override;
  void init() override;
  void setup(int) override;
  void initial_integrate(int) override;
  double compute_vector(int) override;
  void write_restart(FILE *) override;
  void restart(char *) override;

  void grow_arrays(int) override;
  void copy_arrays(int, int, int) override;
  int pack_exchange(int, double *) override;
  int unpack_exchange(int, double *) override;
  double memory_usage() override;
  int pack_reverse_comm(int, int, double *) override;
  void unpack_reverse_comm(int, int *, double *) override;

  // the core's search and its workspace (one search at a time)
  struct Search {
    mgg_artn s;
    std::vector<double> work;
  };

 private:
  mgg_artn_params params;
  enum Mode { AUTO, FULL, LOCAL };
  int mode_request = AUTO;
  bool local = false;
  bool order_random = false;
  bool exact_curvatures = true;  // whole-system validation curvatures by a sparse factorisation (EAM)
  int per_atom = 1;
  uint64_t seed = 12345;
  double push_radius = 2.0, local_radius = 8.0, ftol = 1e-6;
  // local mode: the lowest curvature (eV/A^2) at a local saddle below which its whole-system
  // refinement follows the eigenvector (pARTn's default threshold): the basin's threshold (-0.30)
  // stopped refinements at local saddles of -0.12 to -0.27 eV/A^2 (bench/RESULTS.md, sixth pass)
  double refine_threshold = -0.01;
  // a validated saddle is a duplicate of an earlier one within these (eV, A; translation removed)
  double duplicate_energy = 0.01, duplicate_distance = 0.1;
  std::string event_path, saddle_path;
  FILE *event_file = nullptr, *saddle_file = nullptr;

  mgg::AtomArrays arrays;
  mgg::ForceEvaluator evaluator;
  mgg::Relaxer relaxer;
  mgg::RelaxParams relax_params;
  // per atom: the outputs (array_atom: LAMMPS reads its rows as size_peratom_cols contiguous
  // values, so they are an array of their own), and the position before the initial relaxation
  int out_array, start_array;
  double **out = nullptr, **start = nullptr;

  // the initial minimum on every rank, in ascending atom ID
  std::vector<tagint> tags;
  std::vector<int> types;
  std::vector<double> x0;  // unwrapped (x + image shifts), 3 per atom
  double e0 = 0.0;
  double e0_engine = 0.0;  // local mode: the EAM engine's energy of the minimum (refinements)
  std::vector<tagint> centres;  // in the order of the searches

  // step s of the fix's runs performs search s; searches in the event file when the fix started
  // (beyond the restart's steps) are skipped
  bigint steps = 0;
  std::set<bigint> done_before;
  bool set_up = false;  // the first setup is done: the files continued or created, and open
  // searches run ahead by the batches shared over the ranks (local mode) or the partitions (full
  // mode), by search number, and the cell they ran in
  std::map<bigint, mgg::ArtnSearchResult> batched;
  mgg_cell batched_cell{};
  int restart_mode = -1;  // the mode of the restart's fix (LOCAL or FULL), -1 without restart
  std::vector<std::pair<bigint, double>> saddles_to_read;  // (search, energy) from the restart

  mgg::ArtnTally tally;
  struct Saddle {
    std::vector<double> x;
    double energy;
    bigint search;
  };
  std::vector<Saddle> saddles;  // distinct validated saddles, for duplicates

  // local mode (EAM)
  mgg_eam *eam = nullptr;

  void parse(int narg, char **arg);
  mgg::ArtnEventFile continue_files();
  void resume(const mgg::ArtnEventFile &file);
  void open_files(bool append_events, bool append_saddles);
  void relax_initial();
  void set_positions(const double *u);
  double full_energy_forces(const double *u, double *f);
  void check_engine();
  size_t centre_index(bigint k) const;
  mgg::ArtnLocalResult local_phase(bigint k) const;
  std::vector<bigint> next_searches(bigint k, bigint last, int count) const;
  mgg::ArtnSearchResult local_search(bigint k) const;
  mgg::ArtnSearchResult full_search(bigint k);
  void run_batch(bigint k);
  void record_search(bigint k, const mgg::ArtnSearchResult &res);
  void fill_store();
};

}    // namespace LAMMPS_NS

#endif
