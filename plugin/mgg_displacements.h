// Displacements of the atoms from a reference state and comparisons of relaxed states, over all
// ranks, for fixes that relax the system themselves (frozen_atom_aqs: D_f, the event's centre and
// the settle rule; the saddle searches of fix artn compare states the same way).  Minimum images
// follow the core's rule (mgg_cell_minimum_image(), that of the event analysis).
#ifndef MGG_DISPLACEMENTS_H
#define MGG_DISPLACEMENTS_H

#include "lmptype.h"
#include "pointers.h"

#include <vector>

namespace mgg {

// x_i - ref_i of the owned atoms, 3 per atom, as minimum images in the current cell; ref_i is
// rows[i][col .. col+2].
std::vector<double> displacements(LAMMPS_NS::LAMMPS *lmp, double *const *rows, int col);

// sqrt of the sum of v^2 over all ranks.
double global_norm(LAMMPS_NS::LAMMPS *lmp, const std::vector<double> &v);

// The ID of the atom with the largest |d_i| (3 per owned atom); the lowest rank's on a tie.
LAMMPS_NS::tagint farthest_atom(LAMMPS_NS::LAMMPS *lmp, const std::vector<double> &d);

// rows[i][col .. col+n-1] of the owned atom with ID tag, on every rank (zeros if none has it).
std::vector<double> atom_values(LAMMPS_NS::LAMMPS *lmp, LAMMPS_NS::tagint tag, double *const *rows,
                                int col, int n);

// For each of n_sets fields r = d - (m_k - held_k), the squared largest deviation
// max_i |r_i - mean(r)|^2 over all atoms (the settle rule of mgg_aqs.h: two states' shapes
// compared once their common translation is taken out); minima: m_ik at minima[i stride + 3k]
// of the owned atoms, or null for d itself (n_sets 1).
std::vector<double> largest_deviations2(LAMMPS_NS::LAMMPS *lmp, int n_sets,
                                        const std::vector<double> &d, const double *minima,
                                        int stride, const double *held);

}    // namespace mgg

#endif
