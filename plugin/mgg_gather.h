// Per-atom values of all ranks in one place, by atom ID: the variable-count gather that the
// styles need whenever the core works on the whole system (the event analysis, the normal modes,
// the sweep's candidates and core) or a file lists every atom.
#ifndef MGG_GATHER_H
#define MGG_GATHER_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_style_util.h"

#include <vector>

namespace mgg {

// Rows of `width` doubles, one per atom, of the atoms the ranks contributed, in ascending atom
// ID.  On the receiving ranks only (rank 0, or every rank); empty elsewhere.
class AtomRows {
 public:
  int width = 0;
  std::vector<LAMMPS_NS::tagint> tag;  // ascending
  std::vector<double> values;          // width per atom, in the order of tag

  size_t size() const { return tag.size(); }
  const double *row(size_t k) const { return &values[static_cast<size_t>(width) * k]; }

  // Sends every contributing rank, in the order it gave its atoms, its atoms' rows of back
  // (width_back doubles per atom, in the order of tag, on rank 0); called by all ranks together
  // on rows gathered to rank 0.  out receives width_back doubles per contributed atom.
  void scatter_back(const std::vector<double> &back, int width_back, std::vector<double> &out) const;

 private:
  friend AtomRows gather_by_tag(const StyleArgs &, LAMMPS_NS::LAMMPS *,
                                const std::vector<LAMMPS_NS::tagint> &, const std::vector<double> &,
                                int, bool);
  LAMMPS_NS::LAMMPS *lmp = nullptr;
  std::vector<int> counts;    // atoms per rank (rank 0 only)
  std::vector<size_t> order;  // order[k]: position in rank order of the k-th atom by ID
};

// Gathers rows (width doubles per atom, atom k of this rank's tags at rows[width k]) of any
// subset of each rank's atoms, to rank 0 (to_all false) or to every rank.  Called by all ranks
// together; errors name the style through args.
AtomRows gather_by_tag(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp,
                       const std::vector<LAMMPS_NS::tagint> &tags, const std::vector<double> &rows,
                       int width, bool to_all);

// The tags of this rank's owned atoms, in local order (the tags of rows of every local atom).
std::vector<LAMMPS_NS::tagint> local_tags(LAMMPS_NS::LAMMPS *lmp);

}    // namespace mgg

#endif
