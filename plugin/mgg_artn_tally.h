// The bookkeeping of fix artn (not a style): its counters and per-atom statistics, which its
// global vector and per-atom array publish, and its restart data, which carry them over.
#ifndef MGG_ARTN_TALLY_H
#define MGG_ARTN_TALLY_H

#include "lmptype.h"

#include "mgg_style_util.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mgg {

class ArtnTally {
 public:
  // per search centre (counts as doubles: they are per-atom outputs)
  struct AtomStats {
    double searches = 0.0, saddles = 0.0, min_eact = -1.0, sum_eact = 0.0, distinct = 0.0;
    // the mean activation energy of the distinct saddles, -1 without any
    double mean_eact() const { return distinct > 0.0 ? sum_eact / distinct : -1.0; }
  };

  // One search of centre atom centre at cost whole-system force evaluations (equivalents);
  // validated: it found a saddle, distinct: not a duplicate of an earlier one.
  void count(LAMMPS_NS::tagint centre, bool validated, bool distinct, double e_act, double cost);
  LAMMPS_NS::bigint searches() const { return n_searches; }
  LAMMPS_NS::bigint saddles() const { return n_saddles; }
  // the fix's global vector, 0-based: [0] searches, [1] validated saddles, [2] their fraction of
  // the searches, [3] force evaluations per validated saddle, [4] distinct saddles
  double global(int i) const;
  // the statistics of atom tag (zero searches when it was no search's centre)
  AtomStats atom(LAMMPS_NS::tagint tag) const;

  // The tally as doubles (integers exact) appended to v, and back from v: past the values read.
  void pack(std::vector<double> &v) const;
  const double *unpack(const double *v);

 private:
  LAMMPS_NS::bigint n_searches = 0, n_saddles = 0, n_distinct = 0;
  double total_cost = 0.0;
  std::map<LAMMPS_NS::tagint, AtomStats> stats;
};

// The restart data of fix artn: after a marker and the version of their layout, the seed, the
// mode, the steps done, the tally and the distinct saddles' searches and energies (their
// positions are in the saddle dump).
struct ArtnRestart {
  uint64_t seed = 0;
  int mode = -1;  // the fix's own code of its mode
  LAMMPS_NS::bigint steps = 0;
  ArtnTally tally;
  std::vector<std::pair<LAMMPS_NS::bigint, double>> saddles;  // (search, energy)
};

// Written by the first rank as Fix::write_restart expects: the size in bytes, then the values.
void write_artn_restart(FILE *fp, const ArtnRestart &r);
// The data buf of fix fix_id; an error when they are another layout's.
ArtnRestart read_artn_restart(const StyleArgs &args, const char *buf, const std::string &fix_id,
                              SourceLine where = {});

}    // namespace mgg

#endif
