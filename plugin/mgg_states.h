// Relaxed states remembered as displacement fields from a reference state (3 values per atom,
// travelling with the atoms in the owning fix's AtomArrays), and how far the current state is from each once their common
// translation is taken out (the settle rule of mgg_aqs.h): fix frozen_atom_aqs ends a trial that
// reaches a minimum found before; a saddle search can tell a saddle it has seen before.
#ifndef MGG_STATES_H
#define MGG_STATES_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_atoms.h"

#include <vector>

namespace mgg {

class RememberedStates {
 public:
  // capacity: states kept; arrays: the owning fix's
  RememberedStates(LAMMPS_NS::LAMMPS *lmp, AtomArrays &arrays, int capacity) :
      lmp(lmp), arrays(arrays), capacity(capacity), m(arrays.add(3 * capacity))
  {
  }

  void clear() { n = next = 0; }
  int size() const { return n; }
  // Remembers d (3 per owned atom); the oldest state is replaced when all slots are taken.
  void remember(const std::vector<double> &d);
  // Remembers d unless it is too close to the reference to tell states apart
  // (mgg_aqs_distinct_minimum() at settle_distance).
  void remember_distinct(const std::vector<double> &d, double settle_distance);
  // The first state that d has reached (mgg_aqs_settled_minimum() at settle_distance, with the
  // atom pinned holding the state's rigid shift); -1 if none.
  int reached(const std::vector<double> &d, LAMMPS_NS::tagint pinned, double settle_distance) const;
  // For each state k, the squared largest deviation over all atoms of d from m_k shifted
  // rigidly so that atom pinned (an ID) has no displacement, once the common translation is
  // taken out (mgg_aqs_settle_deviations()).
  std::vector<double> deviations2(const std::vector<double> &d, LAMMPS_NS::tagint pinned) const;
  // sqrt(sum_i |m_ik - m_pinned,k|^2) over all atoms: the norm of state k shifted that way.
  double shifted_norm(int k, LAMMPS_NS::tagint pinned) const;

 private:
  LAMMPS_NS::LAMMPS *lmp;
  AtomArrays &arrays;
  int capacity, n = 0, next = 0;
  const int m;  // per atom: state k's displacement at arrays[m][i][3k .. 3k+2]
  const double *states() const;
  std::vector<double> pinned_displacements(LAMMPS_NS::tagint pinned) const;
};

}    // namespace mgg

#endif
