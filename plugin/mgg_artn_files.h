// The files of fix artn (not a style): its event file and its saddle dump, written, and read
// back so that a fix whose event file exists continues it (doc/fix_artn.md, Restart and resume).
#ifndef MGG_ARTN_FILES_H
#define MGG_ARTN_FILES_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_style_util.h"
#include "mgglass.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace mgg {

// The two header lines of the event file: the first names the mode and the seed, which a fix
// continuing the file must share (force_norm: the max_force column is the 2-norm).
std::string artn_event_header(bool local, uint64_t seed, bool force_norm);

// The columns of one event line that the fix's counters are rebuilt from.
struct ArtnEvent {
  LAMMPS_NS::bigint search, duplicate_of;
  LAMMPS_NS::tagint atom;
  std::string status;
  double e_act, cost;
};

struct ArtnEventFile {
  bool found = false;  // the file exists and is not empty
  bool local = false;
  uint64_t seed = 0;
  std::vector<ArtnEvent> events;  // in the order of the file
};

// The event file at path, read on the first rank for all (collective). Errors name the file and
// the line: not an event file of fix artn, a line cut short, a search number twice.
ArtnEventFile read_artn_events(LAMMPS_NS::LAMMPS *lmp, const StyleArgs &args,
                               const std::string &path);

// One frame of the saddle dump: the atoms of IDs tags (ascending) and types at positions x (3
// per atom, unwrapped), in the box, unscaled; timestep = search number k.
void write_artn_saddle(LAMMPS_NS::LAMMPS *lmp, FILE *file, LAMMPS_NS::bigint k,
                       const std::vector<LAMMPS_NS::tagint> &tags, const std::vector<int> &types,
                       const std::vector<double> &x);

// The frames of the saddle dump at path whose timesteps (search numbers) are in wanted: the
// positions of the atoms of IDs tags, 3 per atom, in the images nearest to x0 (the minimum,
// unwrapped, in cell). Collective; empty when the file does not exist; frames not in the file
// are absent.
std::map<LAMMPS_NS::bigint, std::vector<double>>
read_artn_saddles(LAMMPS_NS::LAMMPS *lmp, const StyleArgs &args, const std::string &path,
                  const std::vector<LAMMPS_NS::bigint> &wanted,
                  const std::vector<LAMMPS_NS::tagint> &tags, const std::vector<double> &x0,
                  const mgg_cell &cell);

}    // namespace mgg

#endif
