// Relaxed states remembered as displacement fields from a reference state (3 values per atom,
// travelling with the atoms), and how far the current state is from each once their common
// translation is taken out (the settle rule of mgg_aqs.h): fix frozen_atom_aqs ends a trial that
// reaches a minimum found before; a saddle search can tell a saddle it has seen before.
#ifndef MGG_STATES_H
#define MGG_STATES_H

#include "lmptype.h"
#include "pointers.h"

#include <vector>

namespace mgg {

class RememberedStates {
 public:
  // capacity: states kept; the owning fix's per-atom callbacks call grow/copy/pack/unpack
  RememberedStates(LAMMPS_NS::LAMMPS *lmp, int capacity) : lmp(lmp), capacity(capacity) {}
  ~RememberedStates();
  RememberedStates(const RememberedStates &) = delete;
  RememberedStates &operator=(const RememberedStates &) = delete;

  void clear() { n = next = 0; }
  int size() const { return n; }
  // Remembers d (3 per owned atom); the oldest state is replaced when all slots are taken.
  void remember(const std::vector<double> &d);
  // For each state k, the squared largest deviation over all atoms of d from m_k shifted
  // rigidly so that atom pinned (an ID) has no displacement, once the common translation is
  // taken out (mgg_aqs_settle_deviations()).
  std::vector<double> deviations2(const std::vector<double> &d, LAMMPS_NS::tagint pinned) const;
  // sqrt(sum_i |m_ik - m_pinned,k|^2) over all atoms: the norm of state k shifted that way.
  double shifted_norm(int k, LAMMPS_NS::tagint pinned) const;

  int per_atom() const { return 3 * capacity; }
  void grow(int nmax);
  void copy(int i, int j);
  int pack(int i, double *buf) const;
  int unpack(int nlocal, const double *buf);
  double memory_usage() const;

 private:
  LAMMPS_NS::LAMMPS *lmp;
  int capacity, n = 0, next = 0;
  double **m = nullptr;  // per atom: state k's displacement at m[i][3k .. 3k+2]
  const double *states() const;
  std::vector<double> pinned_displacements(LAMMPS_NS::tagint pinned) const;
};

}    // namespace mgg

#endif
