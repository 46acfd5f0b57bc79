// The two text files of fix frozen_atom_aqs (not a style): one line per event (keyword file)
// and every atom's per-atom outputs at each event (keyword atoms), written by the first rank of
// the first partition, created with their header at the first setup and appended to after
// read_restart (the events before it stay).
#ifndef MGG_AQS_FILES_H
#define MGG_AQS_FILES_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_event_analysis.h"

#include <cstdio>
#include <string>

namespace mgg {

// One event's line of the event file (stresses in pressure units, energies in eV).
struct AqsEventLine {
  long event;
  LAMMPS_NS::bigint step;
  double strain, stress_before, stress_after, drop, shortfall, energy_drop, dissipated;
  long evaluations;
};

// The header of one event's block of the atoms file: the latest sweep (-1 / 0 without one).
struct AqsSweepSummary {
  double df_reference = -1.0, gap_lower = 0.0, gap_upper = 0.0, threshold = 0.0;
  size_t n_core = 0;
};

class AqsFiles {
 public:
  AqsFiles(LAMMPS_NS::LAMMPS *lmp, const char *style) : lmp(lmp), style(style) {}
  ~AqsFiles();
  AqsFiles(const AqsFiles &) = delete;
  AqsFiles &operator=(const AqsFiles &) = delete;

  // Opens the files not yet open whose paths are not empty (error when one cannot be opened);
  // append: after read_restart; analysis: the event analysis the event lines carry (its D2min
  // threshold and norm go into the header), or null without it.
  void open(const std::string &event_path, const std::string &atoms_path, bool append,
            const EventAnalysisParams *analysis);
  // The event's line; analysis: its summary, or null without the analysis.
  void write_event(const AqsEventLine &line, const EventSummary *analysis);
  // A block of every atom's type and n_out outputs rows[i][0 .. n_out-1] (D_f, core, d2min,
  // broken, formed, von_mises_change, cluster, evaluations, neighbours), by atom ID, when the
  // atoms file was asked for.  Called by all ranks together.
  void write_atoms(long event, double strain, const AqsSweepSummary &sweep, double *const *rows,
                   int n_out);

 private:
  LAMMPS_NS::LAMMPS *lmp;
  const char *style;
  FILE *event_file = nullptr, *atoms_file = nullptr;
  bool atoms_asked = false;  // on every rank
};

}    // namespace mgg

#endif
