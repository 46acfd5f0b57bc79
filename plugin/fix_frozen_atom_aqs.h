// fix ID group frozen_atom_aqs plane step [keyword value ...]
// Athermal quasi-static shear, one strain step and relaxation per timestep, with stress-drop
// events and the frozen-atom analysis of each event (doc/fix_frozen_atom_aqs.md).
#ifndef MGG_FIX_FROZEN_ATOM_AQS_H
#define MGG_FIX_FROZEN_ATOM_AQS_H

#include "fix.h"

#include "mgg_aqs_files.h"
#include "mgg_atoms.h"
#include "mgg_evaluator.h"
#include "mgg_event_analysis.h"
#include "mgg_relax.h"
#include "mgg_states.h"
#include "mgglass.h"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace LAMMPS_NS {

class FixFrozenAtomAqs : public Fix {
 public:
  FixFrozenAtomAqs(class LAMMPS *, int, char **);
  ~FixFrozenAtomAqs() override;
  int setmask() override;
  void init() override;
  void setup(int) override;
  void initial_integrate(int) override;
  double compute_scalar() override;
  double compute_vector(int) override;

  void grow_arrays(int) override;
  void copy_arrays(int, int, int) override;
  int pack_exchange(int, double *) override;
  int unpack_exchange(int, double *) override;
  void write_restart(FILE *) override;
  void restart(char *) override;
  double memory_usage() override;
  int pack_reverse_comm(int, int, double *) override;
  void unpack_reverse_comm(int, int *, double *) override;

 private:
  // the shear: tilt component (3 yz, 4 xz, 5 xy as in LAMMPS's virial order) and its sign
  int tilt_index;
  double sign, step_size;

  // relaxation: CG or steepest descent as LAMMPS's min_style cg (default) and sd, or FIRE
  double ftol, sweep_ftol;
  mgg::AtomArrays arrays;  // the per-atom arrays of the fix and its parts
  mgg::RelaxParams relax_params;
  mgg::ForceEvaluator evaluator;
  mgg::Relaxer relaxer;

  // the analysis of each event (D2min, clusters, bonds, von Mises stress)
  bool analyse = true;
  mgg::EventAnalysisParams event_params;
  mgg::EventSummary analyse_event(const mgg::Box &box_before);

  // events and the sweep
  double drop_threshold, energy_threshold;  // stress units; energy dissipated (eV)
  bool sweep, have_radius;
  double radius, core_override, min_gap_decades;
  std::string event_path, atoms_path;
  mgg::AqsFiles files;

  // state carried over steps and restarts
  double strain, stress, energy;
  double elastic_increment;  // stress rise along the loading in the last event-free step
  bigint n_events;
  double last_drop;
  long last_evals;
  bool restarted;
  // the cell the fix left after its latest step (setup or AQS step): anything else changing it
  // (change_box between runs, fix deform) would leave the strain no longer describing the box
  mgg::Box box_seen;
  bool box_known;
  void check_box();
  void remember_box();
  bool cost_reported = false;
  void report_sweep_cost();

  // per-atom: the outputs (array_atom) and the states the sweep needs (columns in the .cpp)
  int out_array, store_array;
  double **out, **store;

  void parse(int narg, char **arg);
  void per_atom_stress(int col);
  long relax(tagint frozen, double tol, double *energy_out, bool watch = false);

  // the minima found in the current sweep, as displacements from the trials' start
  double settle_distance;
  mgg::RememberedStates minima;
  int settled_index;
  void remember_minimum();
  bool settled(tagint frozen);
  bool apply_strain_step();
  std::array<double, 3> event_centre();
  void frozen_atom_sweep();
  std::vector<double> displacements_from_start();
  // what the atoms file's header reports of the latest sweep
  mgg::AqsSweepSummary sweep_summary;
};

}    // namespace LAMMPS_NS

#endif
