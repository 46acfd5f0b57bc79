// The plumbing of fix frozen_atom_aqs's frozen-atom sweep over ranks and LAMMPS partitions (not
// a style): the candidates gathered to every rank and ordered by the core, the trials shared out
// over the partitions, which run identical copies of the AQS and meet at each event.
#ifndef MGG_SWEEP_H
#define MGG_SWEEP_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_style_util.h"

#include <vector>

namespace mgg {

// The atom IDs of the sweep's candidates in order (mgg_aqs_candidates()): the atoms of the
// group (groupbit) at rows[i][col .. col+2] within radius (INFINITY: all) of centre, in the
// current cell; on every rank.  Called by all ranks together.
std::vector<LAMMPS_NS::tagint> sweep_candidates(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp,
                                                double *const *rows, int col, int groupbit,
                                                const double centre[3], double radius);

// Error unless value is the same in every partition (their AQS runs must be identical copies).
void require_same_in_partitions(LAMMPS_NS::LAMMPS *lmp, double value);

// Each partition's values of its share of the trials (zeros elsewhere) summed over the
// partitions, each counted once; on every rank of every partition.
void sum_over_partitions(LAMMPS_NS::LAMMPS *lmp, std::vector<double> &values);

}    // namespace mgg

#endif
