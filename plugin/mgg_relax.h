// Relaxation at fixed cell with the core's minimisers (mgg_cg: LAMMPS's cg and sd with the
// quadratic line search; mgg_fire: FIRE 2.0), the forces from a ForceEvaluator, for fixes that
// relax the system themselves within a run.  The per-atom vectors of the line search travel with
// the atoms in the owning fix's AtomArrays.
#ifndef MGG_RELAX_H
#define MGG_RELAX_H

#include "lmptype.h"
#include "pointers.h"

#include "mgg_atoms.h"
#include "mgg_evaluator.h"
#include "mgg_style_util.h"

#include <functional>
#include <string>
#include <vector>

namespace mgg {

struct RelaxParams {
  enum Minimiser { CG, SD, FIRE };  // in the order of the styles' keyword choices
  int minimiser = CG;
  double fire_dt = 0.002;  // FIRE's initial time step (time units)
  double max_move = 0.1;   // largest move of an atom in one step (dmax, length units)
  long max_evals = 100000;
};

struct RelaxResult {
  long evals = 0;          // force evaluations
  double energy = 0.0;     // at the final positions
  bool stopped = false;    // ended by the caller's stop test
};

class Relaxer {
 public:
  // who: the style's name in warnings ("Fix frozen_atom_aqs"); arrays: the owning fix's
  Relaxer(LAMMPS_NS::LAMMPS *lmp, ForceEvaluator &evaluator, AtomArrays &arrays,
          const std::string &who) :
      lmp(lmp), evaluator(evaluator), arrays(arrays), who(who), x0(arrays.add(3)),
      g(arrays.add(3)), h(arrays.add(3))
  {
  }

  // Relaxes from the current positions, the atom with tag frozen (0: none) held, until the
  // force criterion tol holds (cg, sd: as `minimize 0 tol maxeval maxeval`; fire: the 2-norm
  // of the global force vector at most tol), after max_evals force evaluations, or when the
  // caller's stop(evals) returns true (asked after every evaluation past the first, on all
  // ranks together).  Warns when stopped by the evaluation limit.  Ends with the final state's
  // forces in atom->f (and zero velocities for fire).
  RelaxResult relax(const RelaxParams &params, LAMMPS_NS::tagint frozen, double tol,
                    const std::function<bool(long)> &stop = {});

  double memory_usage() const { return static_cast<double>(inv_mass.capacity()) * sizeof(double); }

 private:
  LAMMPS_NS::LAMMPS *lmp;
  ForceEvaluator &evaluator;
  AtomArrays &arrays;
  std::string who;
  const int x0, g, h;  // CG line-search start, gradient, direction: 3 per atom in arrays
  std::vector<double> inv_mass;
  RelaxResult relax_cg(const RelaxParams &params, LAMMPS_NS::tagint frozen, double tol,
                       const std::function<bool(long)> &stop);
  RelaxResult relax_fire(const RelaxParams &params, LAMMPS_NS::tagint frozen, double tol,
                         const std::function<bool(long)> &stop);
  double mean_mass() const;
  void fail(int status) const;
};

// Errors a fix that relaxes the system itself within a run (owner) makes at init: another fix
// that integrates (what: what owner does instead, "relaxes the system itself"), a run style
// other than verlet, a fix adding degrees of freedom to minimisations (as fix box/relax).
void require_own_relaxation(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp,
                            const LAMMPS_NS::Fix *owner, const std::string &what);

}    // namespace mgg

#endif
