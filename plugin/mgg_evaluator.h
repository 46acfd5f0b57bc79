// Energy and forces of the whole system at the current positions, for fixes that relax or
// probe the system themselves within a run (fix frozen_atom_aqs; the saddle searches of fix
// artn): the rebuild of ghosts and neighbour lists as a reneighbouring step does and the pair
// style's energy and forces, with the other fixes' force hooks applied as in LAMMPS's minimize,
// following fix gcmc's full-energy path.
#ifndef MGG_EVALUATOR_H
#define MGG_EVALUATOR_H

#include "lmptype.h"
#include "pointers.h"

namespace LAMMPS_NS {
class Fix;
}

namespace mgg {

class ForceEvaluator {
 public:
  // owner: the fix whose reverse communication carries the per-atom virial of ghost atoms
  // (comm_reverse >= 6, its pack/unpack_reverse_comm calling this class's)
  ForceEvaluator(LAMMPS_NS::LAMMPS *lmp, LAMMPS_NS::Fix *owner) : lmp(lmp), owner(owner) {}

  // Ghost atoms and neighbour lists from scratch, as a reneighbouring timestep does (atoms may
  // change ranks: the local count and order change).
  void rebuild();

  // Energy (the pair style's, plus that of fixes with fix_modify energy yes) and forces atom->f
  // at the current positions, summed over ranks; the atom with tag frozen (0: none) gets zero
  // force.  Ghosts and lists are rebuilt when full_rebuild or when atoms moved more than half
  // the skin since the last build, else only the ghost positions are sent.  atom_virial: also
  // the pair style's per-atom virial vatom of the owned atoms, complete.  Fixes with
  // min_post_force (setforce, addforce, aveforce, spring, ...) act as in LAMMPS's minimize.
  double energy_force(bool full_rebuild, LAMMPS_NS::tagint frozen = 0, bool atom_virial = false);

  // Wall-clock seconds of one evaluation at the current positions without a rebuild (the mean
  // of n, rank 0's on every rank), as the steps of a relaxation take.
  double seconds_per_evaluation(int n);

  // Shear stress -p_ab (pressure units) of the latest evaluation from the pair virial, for the
  // tilt index (3 yz, 4 xz, 5 xy as in domain->h).
  double shear_stress(int tilt_index) const;

  // Per-atom stress (pressure units, xx yy zz xy xz yz) of the latest evaluation with
  // atom_virial: the pair style's per-atom virial over the mean volume per atom, as compute
  // stress/atom divided by V/N; into out[i][col .. col+5] for every owned atom i.
  void per_atom_stress(double **out, int col) const;

  // The owner's reverse communication of the per-atom virial.
  int pack_reverse_comm(int n, int first, double *buf) const;
  void unpack_reverse_comm(int n, int *list, double *buf) const;

 private:
  LAMMPS_NS::LAMMPS *lmp;
  LAMMPS_NS::Fix *owner;
};

}    // namespace mgg

#endif
