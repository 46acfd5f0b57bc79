#include "fix_frozen_atom_aqs.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "group.h"
#include "memory.h"
#include "modify.h"
#include "universe.h"
#include "update.h"

#include "mgg_aqs_files.h"
#include "mgg_atoms.h"
#include "mgg_displacements.h"
#include "mgg_event_analysis.h"
#include "mgg_gather.h"
#include "mgg_shear.h"
#include "mgg_sweep.h"
#include "mgg_style_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

using namespace LAMMPS_NS;
using namespace FixConst;

namespace {

const char *const STYLE = "frozen_atom_aqs";
const char *const PLANES[] = {"xy", "xz", "yz", "+xy", "+xz", "+yz", "-xy", "-xz", "-yz", nullptr};
const char *const YES_NO[] = {"no", "yes", nullptr};
// in the order of mgg::RelaxParams::Minimiser
const char *const MINIMISERS[] = {"cg", "sd", "fire", nullptr};

// minima of one sweep remembered to end a trial early once it reaches one of them
constexpr int MAX_MINIMA = 8;
// force evaluations between two checks of whether a trial has reached a known minimum
constexpr long SETTLE_EVERY = 5;

// per-atom outputs (array_atom; LAMMPS reads a row as size_peratom_cols contiguous values, so
// they are an array of their own) and the store of the states of the latest step that a sweep
// restarts from; both travel with the atoms
enum {
  OUT_DF,           // D_f of the latest analysed event (A), -1 when not analysed
  OUT_CORE,         // 1 STZ core, 0 not, -1 not analysed
  OUT_D2MIN,        // D2min over the latest event (A^2)
  OUT_BROKEN,       // bonds broken in the latest event's relaxation
  OUT_FORMED,       // bonds formed
  OUT_VON_MISES,    // change of the von Mises stress over the event (pressure units)
  OUT_CLUSTER,      // rank by size of the atom's D2min cluster (0 largest), -1 below threshold
  OUT_EVALS,        // force evaluations of the atom's trial, -1 when not analysed
  OUT_NEIGHBOURS,   // neighbours N_i of the atom's D2min fit over the latest event
  N_OUT
};
enum {
  COL_IMAGE,                  // image flags of the relaxed state before the step
  COL_XPOST = COL_IMAGE + 1,  // relaxed state after the step (restored after a sweep)
  COL_IMAGE_POST = COL_XPOST + 3,
  COL_XSTART = COL_IMAGE_POST + 1,  // affinely strained pre-step state: every trial starts here
  COL_XBEFORE = COL_XSTART + 3,     // relaxed state before the step (in its own cell)
  COL_STRESS_BEFORE = COL_XBEFORE + 3,       // per-atom stress there (6, pressure units)
  COL_STRESS_AFTER = COL_STRESS_BEFORE + 6,  // and after the step's relaxation
  NCOLS = COL_STRESS_AFTER + 6
};

// the shear stress sigma_ab = -p_ab of the pressure tensor, in pressure units
constexpr double PER_MPA_METAL = 10.0;    // bar per MPa

}    // namespace

FixFrozenAtomAqs::FixFrozenAtomAqs(LAMMPS *lmp, int narg, char **arg) :
    Fix(lmp, narg, arg), tilt_index(5), sign(1.0), step_size(0.0), ftol(1e-8), sweep_ftol(1e-8),
    arrays(lmp), evaluator(lmp, this), relaxer(lmp, evaluator, arrays, "Fix frozen_atom_aqs"),
    drop_threshold(1.0 * PER_MPA_METAL),
    energy_threshold(1e-3), sweep(true), have_radius(false), radius(0.0), core_override(-1.0),
    min_gap_decades(0.5), files(lmp, STYLE), strain(0.0), stress(0.0),
    energy(0.0), elastic_increment(0.0), n_events(0), last_drop(0.0), last_evals(0),
    restarted(false), box_seen{}, box_known(false), out(nullptr), store(nullptr), settle_distance(0.01),
    minima(lmp, arrays, MAX_MINIMA), settled_index(-1)
{
  parse(narg, arg);

  scalar_flag = 1;
  vector_flag = 1;
  size_vector = 6;
  global_freq = 1;
  extscalar = 0;
  extvector = 0;
  peratom_flag = 1;
  size_peratom_cols = N_OUT;
  peratom_freq = 1;
  restart_global = 1;
  time_integrate = 1;
  comm_reverse = 6;  // the per-atom virial
  // the store, the relaxation's vectors and the remembered minima travel with the atoms
  out_array = arrays.add(N_OUT);
  store_array = arrays.add(NCOLS);
  maxexchange = arrays.width();
  box_change |= tilt_index == 5 ? BOX_CHANGE_XY : tilt_index == 4 ? BOX_CHANGE_XZ : BOX_CHANGE_YZ;
  // a box flip reassigns images: no change_box while the fix is defined
  no_change_box = 1;

  grow_arrays(atom->nmax);
  atom->add_callback(Atom::GROW);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int c = 0; c < NCOLS; c++) store[i][c] = 0.0;
    for (int c = 0; c < N_OUT; c++) out[i][c] = 0.0;
    out[i][OUT_DF] = out[i][OUT_CORE] = out[i][OUT_EVALS] = out[i][OUT_CLUSTER] = -1.0;
  }
}

FixFrozenAtomAqs::~FixFrozenAtomAqs()
{
  atom->delete_callback(id, Atom::GROW);
}

void FixFrozenAtomAqs::parse(int narg, char **arg)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  if (narg < 5)
    args.fail("missing arguments: fix ID group frozen_atom_aqs plane step [keyword value ...]");
  const int plane = args.choice("shear plane", arg[3], PLANES);
  sign = plane >= 6 ? -1.0 : 1.0;
  const char *name = arg[3] + (arg[3][0] == '+' || arg[3][0] == '-');
  tilt_index = name[0] == 'x' ? (name[1] == 'y' ? 5 : 4) : 3;
  step_size = args.positive_number("strain step", arg[4]);
  bool bonds_given = false, settle_given = false;

  for (int iarg = 5; iarg < narg; iarg += 2) {
    const int taken = mgg::parse_event_keyword(args, lmp, narg, arg, iarg, event_params, bonds_given);
    if (taken) {
      iarg += taken - 2;
      continue;
    }
    const char *value = args.value_of(narg, arg, iarg);
    const std::string key = arg[iarg];
    if (key == "ftol")
      ftol = args.positive_number("ftol", value);
    else if (key == "sweep_ftol")
      sweep_ftol = args.positive_number("sweep_ftol", value);
    else if (key == "maxeval")
      relax_params.max_evals = args.positive_integer("maxeval", value);
    else if (key == "analysis")
      analyse = args.choice("analysis", value, YES_NO) == 1;
    else if (key == "settle") {
      settle_distance = strcmp(value, "no") == 0 ? 0.0 : args.positive_number("settle", value);
      settle_given = true;
    } else if (key == "min")
      relax_params.minimiser = args.choice("min", value, MINIMISERS);
    else if (key == "dt")
      relax_params.fire_dt = args.positive_number("dt", value);
    else if (key == "dmax")
      relax_params.max_move = args.positive_number("dmax", value);
    else if (key == "drop")
      drop_threshold = args.positive_number("drop", value);
    else if (key == "edrop")
      energy_threshold = args.positive_number("edrop", value);
    else if (key == "sweep")
      sweep = args.choice("sweep", value, YES_NO) == 1;
    else if (key == "radius") {
      radius = args.positive_number("radius", value);
      have_radius = true;
    } else if (key == "core")
      core_override = args.positive_number("core", value);
    else if (key == "gap")
      min_gap_decades = args.positive_number("gap", value);
    else if (key == "file")
      event_path = value;
    else if (key == "atoms")
      atoms_path = value;
    else
      args.fail("unknown keyword '" + key + "'");
  }
  // steepest descent to a practical tolerance stops short of the minima along soft directions,
  // so its end states are no basis for ending other trials early (doc: settle)
  if (relax_params.minimiser == mgg::RelaxParams::SD && !settle_given) settle_distance = 0.0;
}

int FixFrozenAtomAqs::setmask()
{
  return INITIAL_INTEGRATE;
}

void FixFrozenAtomAqs::init()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  if (!force->pair) args.fail("needs a pair style (the forces it relaxes)");
  if (force->kspace || atom->molecular != Atom::ATOMIC)
    args.fail("supports pair styles only (no kspace, bonds or molecules)");
  if (strcmp(update->unit_style, "metal") != 0) args.fail("needs units metal");
  if (!domain->triclinic) args.fail("needs a triclinic box (change_box all triclinic)");
  if (!domain->xperiodic || !domain->yperiodic || !domain->zperiodic)
    args.fail("needs a box periodic in x, y and z");
  mgg::require_own_relaxation(args, lmp, this, "relaxes the system itself");
  if (analyse && event_params.bond_cutoff.size() != static_cast<size_t>(atom->ntypes * atom->ntypes))
    args.fail(fmt::format("the bond cutoffs of the event analysis are for Cu = type 1 and Zr = "
                          "type 2; give them for the {} atom types (keyword bond) or use "
                          "analysis no", atom->ntypes));
  if (analyse) mgg::check_event_params(lmp, event_params, mgg::current_box(lmp).data());
  for (int w = 1; w < universe->nworlds; w++)
    if (universe->procs_per_world[w] != universe->procs_per_world[0])
      args.fail("needs partitions of equal size (they share the frozen-atom trials)");
}

// Relaxes the starting configuration (as the plain script's first minimize does), so that the
// first step's stress drop is measured from a minimum.
void FixFrozenAtomAqs::setup(int /*vflag*/)
{
  check_box();
  // (the lists of the fixes' hooks are built after init())
  if (sweep && settle_distance > 0.0 && modify->n_min_post_force && comm->me == 0)
    error->warning(FLERR, "Fix frozen_atom_aqs: settle is off while fixes act on the forces "
                          "(their minima need not be translation invariant)");
  files.open(event_path, atoms_path, restarted, analyse ? &event_params : nullptr);
  last_evals = relax(0, ftol, &energy);
  // once per fix: its timed evaluations would otherwise repeat at every run
  if (sweep && !cost_reported) report_sweep_cost();
  cost_reported = true;
  stress = evaluator.shear_stress(tilt_index);
  remember_box();
}

// The sweep relaxes the whole system once per analysed atom at every event: hours per event for
// a few thousand atoms, which a user who asked for AQS alone must not find out after the fact.
void FixFrozenAtomAqs::report_sweep_cost()
{
  // a few evaluations at the relaxed state, as the trials' evaluations are (no neighbour build)
  const double seconds_per_evaluation = evaluator.seconds_per_evaluation(4);
  mgg_aqs_sweep_cost cost;
  const mgg_status st =
      mgg_aqs_sweep_estimate(static_cast<double>(group->count(igroup)),
                             domain->xprd * domain->yprd * domain->zprd,
                             have_radius ? radius : INFINITY, universe->nworlds, &cost);
  if (st != MGG_OK) error->all(FLERR, "Fix frozen_atom_aqs: " + std::string(mgg_status_message(st)));
  if (comm->me == 0 && universe->iworld == 0)
    utils::logmesg(lmp, "Fix frozen_atom_aqs: the frozen-atom sweep relaxes the system once for "
                        "each of about {:.0f} analysed atoms at every event ({} per partition): "
                        "about {:.2g} force evaluations, {} per event at the {:.3g} ms per "
                        "evaluation measured now; `sweep no` runs the AQS alone, `radius R` "
                        "analyses the atoms near each event only\n",
                   cost.atoms, cost.trials, cost.evaluations,
                   mgg::duration_text(cost.evaluations * seconds_per_evaluation),
                   1e3 * seconds_per_evaluation);
}

void FixFrozenAtomAqs::remember_box()
{
  box_seen = mgg::current_box(lmp);
  box_known = true;
}

// The strain counts this fix's steps only: a cell changed by anything else since its latest
// step is an error (a box restored by read_restart is the one the fix left).
void FixFrozenAtomAqs::check_box()
{
  if (box_known && mgg::current_box(lmp) != box_seen)
    error->all(FLERR, "Fix frozen_atom_aqs: the box changed since this fix's last step "
                      "(change_box, displace_box, fix deform, ...): the fix's strain would no "
                      "longer describe it; unfix it and define a new fix to start a new strain "
                      "count");
}

// One AQS step: affine shear increment, relaxation at fixed cell, event detection and sweep.
void FixFrozenAtomAqs::initial_integrate(int /*vflag*/)
{
  check_box();
  // the relaxed state before the step, for the event analysis
  if (analyse) per_atom_stress(COL_STRESS_BEFORE);
  const mgg::Box box_before = mgg::current_box(lmp);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) store[i][COL_XBEFORE + a] = atom->x[i][a];
    store[i][COL_IMAGE] = atom->image[i];
  }
  const double stress_before = stress, energy_before = energy;
  const bool flipped = apply_strain_step();
  remember_box();
  last_evals = relax(0, ftol, &energy);
  stress = evaluator.shear_stress(tilt_index);

  // the partitions must meet at the same events
  mgg::require_same_in_partitions(lmp, stress);
  // an event: the stress drop along the loading or the energy dissipated (mgg_aqs.h)
  const mgg_aqs_step step = {stress_before, stress, energy_before, energy,
                             domain->xprd * domain->yprd * domain->zprd, step_size, sign,
                             elastic_increment};
  const mgg_aqs_event_rule rule = {drop_threshold, energy_threshold, force->nktv2p};
  mgg_aqs_step_outcome step_outcome;
  const mgg_status st = mgg_aqs_event_test(&step, &rule, &step_outcome);
  if (st != MGG_OK)
    error->all(FLERR, "Fix frozen_atom_aqs: the event test failed (" +
                          std::string(mgg_status_message(st)) + ") at step " +
                          std::to_string(update->ntimestep));
  elastic_increment = step_outcome.elastic_increment;
  if (!step_outcome.is_event) return;
  n_events++;
  last_drop = step_outcome.drop;
  mgg::EventSummary summary;
  if (analyse) summary = analyse_event(box_before);
  files.write_event({static_cast<long>(n_events), update->ntimestep, strain, stress_before, stress,
                     step_outcome.drop, step_outcome.shortfall, energy_before - energy,
                     step_outcome.dissipated, last_evals},
                    analyse ? &summary : nullptr);
  sweep_summary = mgg::AqsSweepSummary();
  for (int i = 0; i < atom->nlocal; i++)
    out[i][OUT_DF] = out[i][OUT_CORE] = out[i][OUT_EVALS] = -1.0;
  if (sweep) {
    if (flipped)
      error->warning(FLERR, "Fix frozen_atom_aqs: no sweep of the event at step {}: the box "
                            "flipped in that step", update->ntimestep);
    else
      frozen_atom_sweep();
  }
  files.write_atoms(static_cast<long>(n_events), strain, sweep_summary, out, N_OUT);
}

// D2min, clusters, bonds broken and formed and the von Mises stress change of the event of this
// step (mgg_event_analysis), into the per-atom outputs.
mgg::EventSummary FixFrozenAtomAqs::analyse_event(const mgg::Box &box_before)
{
  per_atom_stress(COL_STRESS_AFTER);
  const mgg::EventColumns columns = {COL_XBEFORE, COL_XSTART, COL_STRESS_BEFORE, COL_STRESS_AFTER,
                                     OUT_D2MIN, OUT_NEIGHBOURS, OUT_BROKEN, OUT_FORMED,
                                     OUT_VON_MISES, OUT_CLUSTER};
  return mgg::analyse_event(lmp, event_params, store, out, columns, box_before.data(),
                            mgg::current_box(lmp).data());
}

// Affine simple shear of the cell and the atoms (as change_box ... remap), flipping the box
// when the tilt exceeds half the box length (as fix deform).  Returns whether it flipped.
bool FixFrozenAtomAqs::apply_strain_step()
{
  mgg::shear_affine(lmp, tilt_index, sign * step_size);
  strain += sign * step_size;
  // the affinely strained state, where every frozen-atom trial starts (before any flip)
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) store[i][COL_XSTART + a] = atom->x[i][a];
  return mgg::flip_box(lmp);
}

// Per-atom stress (pressure units) of the current positions into store columns col .. col+5, at
// a relaxed state whose forces were just evaluated: no rebuild, so the atoms keep their order
// and the AQS path stays the plain script's.
void FixFrozenAtomAqs::per_atom_stress(int col)
{
  evaluator.energy_force(false, 0, true);
  evaluator.per_atom_stress(store, col);
}

int FixFrozenAtomAqs::pack_reverse_comm(int n, int first, double *buf)
{
  return evaluator.pack_reverse_comm(n, first, buf);
}

void FixFrozenAtomAqs::unpack_reverse_comm(int n, int *list, double *buf)
{
  evaluator.unpack_reverse_comm(n, list, buf);
}

// Relaxation at fixed cell (the atom with tag frozen, if any, held) from the current positions,
// watched for reaching a remembered minimum when asked; *energy_out gets the final energy.
// Returns the number of force evaluations.
long FixFrozenAtomAqs::relax(tagint frozen, double tol, double *energy_out, bool watch)
{
  settled_index = -1;
  const auto settles = [&](long evals) { return evals % SETTLE_EVERY == 0 && settled(frozen); };
  const mgg::RelaxResult result =
      relaxer.relax(relax_params, frozen, tol, watch ? settles : std::function<bool(long)>());
  *energy_out = result.energy;
  return result.evals;
}

// Displacements of the local atoms from the trials' start (the affinely strained state).
std::vector<double> FixFrozenAtomAqs::displacements_from_start()
{
  return mgg::displacements(lmp, store, COL_XSTART);
}

// Remembers the current relaxed state as a minimum of this sweep (its displacement from the
// trials' start), unless it is too close to the start to tell trials apart.
void FixFrozenAtomAqs::remember_minimum()
{
  minima.remember_distinct(displacements_from_start(), settle_distance);
}

// Whether the trial with atom frozen has reached a remembered minimum (the settle rule of
// mgg_aqs.h); its index goes to settled_index.
bool FixFrozenAtomAqs::settled(tagint frozen)
{
  settled_index = minima.reached(displacements_from_start(), frozen, settle_distance);
  return settled_index >= 0;
}

// Where the event of this step happened: the start position of the atom that moved most in the
// unfrozen relaxation.
std::array<double, 3> FixFrozenAtomAqs::event_centre()
{
  const tagint most = mgg::farthest_atom(lmp, displacements_from_start());
  const std::vector<double> x = mgg::atom_values(lmp, most, store, COL_XSTART, 3);
  return {x[0], x[1], x[2]};
}

// Frozen-atom analysis of the event of this step (seed 002): from the pre-step relaxed state
// strained affinely, freeze one atom, relax all others, D_f = norm of all displacements.
void FixFrozenAtomAqs::frozen_atom_sweep()
{
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) store[i][COL_XPOST + a] = atom->x[i][a];
    store[i][COL_IMAGE_POST] = atom->image[i];
  }
  // the unfrozen relaxation of this step started from the same state: its displacements
  // give the reference D_f and the event's centre
  const double df_reference = mgg::global_norm(lmp, displacements_from_start());
  const std::array<double, 3> centre = event_centre();
  const std::vector<tagint> order =
      mgg::sweep_candidates(mgg::StyleArgs(lmp, "Fix", STYLE), lmp, store, COL_XSTART, groupbit,
                            centre.data(), have_radius ? radius : INFINITY);

  // the unfrozen relaxation is the first remembered minimum
  minima.clear();
  remember_minimum();
  // the trials are shared out over the LAMMPS partitions (-partition), which all run the same
  // AQS and meet at each event; partition p takes candidates p, p + P, ...
  const int n_worlds = universe->nworlds, my_world = universe->iworld;
  // per candidate: D_f, force evaluations, 1 when it ended early in a remembered minimum
  const size_t n_trials = order.size();
  std::vector<double> trial(3 * n_trials, 0.0);
  for (size_t c = my_world; c < n_trials; c += n_worlds) {
    const tagint frozen = order[c];
    for (int i = 0; i < atom->nlocal; i++) {
      for (int a = 0; a < 3; a++) atom->x[i][a] = store[i][COL_XSTART + a];
      atom->image[i] = static_cast<imageint>(store[i][COL_IMAGE]);
    }
    double trial_energy;
    // fixes on the forces (setforce, spring, ...) break the translation invariance that ending
    // a trial in a known minimum relies on
    const bool watch = settle_distance > 0.0 && !modify->n_min_post_force;
    trial[3 * c + 1] = relax(frozen, sweep_ftol, &trial_energy, watch);
    if (settled_index >= 0) {
      // D_f: the minimum's displacements shifted so that the frozen atom has none
      trial[3 * c] = minima.shifted_norm(settled_index, frozen);
      trial[3 * c + 2] = 1.0;
    } else {
      trial[3 * c] = mgg::global_norm(lmp, displacements_from_start());
      remember_minimum();
    }
  }
  // every partition's values, counted once (by the first rank of each partition)
  mgg::sum_over_partitions(lmp, trial);

  // the STZ core: below the gap of the log histogram of D_f, or the threshold given
  long total_evals = 0, n_settled = 0;
  std::vector<double> df(n_trials), core(n_trials);
  for (size_t c = 0; c < n_trials; c++) {
    df[c] = trial[3 * c];
    total_evals += static_cast<long>(trial[3 * c + 1]);
    n_settled += static_cast<long>(trial[3 * c + 2]);
  }
  std::vector<double> work(n_trials);
  mgg_aqs_core_gap_info gap;
  double threshold;
  size_t n_core;
  const mgg_status st = mgg_aqs_sweep_core(n_trials, df.data(), df_reference, min_gap_decades,
                                           core_override, work.data(), work.size() * sizeof(double),
                                           core.data(), &gap, &threshold, &n_core);
  if (st != MGG_OK) error->all(FLERR, "Fix frozen_atom_aqs: " + std::string(mgg_status_message(st)));

  // back to the relaxed state after the step, with its forces and virial; the rebuild moves
  // atoms between ranks, so the results go to the atoms after it
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) atom->x[i][a] = store[i][COL_XPOST + a];
    atom->image[i] = static_cast<imageint>(store[i][COL_IMAGE_POST]);
  }
  evaluator.energy_force(true, 0);
  std::map<tagint, size_t> trial_of;
  for (size_t c = 0; c < n_trials; c++) trial_of[order[c]] = c;
  for (int i = 0; i < atom->nlocal; i++) {
    const auto it = trial_of.find(atom->tag[i]);
    if (it == trial_of.end()) continue;
    out[i][OUT_DF] = df[it->second];
    out[i][OUT_CORE] = core[it->second];
    out[i][OUT_EVALS] = trial[3 * it->second + 1];
  }
  if (comm->me == 0)
    utils::logmesg(lmp, fmt::format("Fix frozen_atom_aqs: event {} at step {}: {} atoms analysed "
                                    "({} force evaluations; {} trials ended early in a minimum "
                                    "found before), reference D_f {:.4f} A, gap in log D_f "
                                    "[{:.4g}, {:.4g}] A, core threshold {:.4g} A: {} core atoms\n",
                                    n_events, update->ntimestep, n_trials, total_evals, n_settled,
                                    df_reference, gap.lower, gap.upper, threshold, n_core));
  sweep_summary = {df_reference, gap.lower, gap.upper, threshold, gap.n_core};
}

// Thermo outputs: the accumulated shear strain; vector [1] strain, [2] shear stress -p_ab
// (pressure units), [3] energy (energy units), [4] events so far, [5] last drop, [6] force
// evaluations of the last relaxation.
double FixFrozenAtomAqs::compute_scalar()
{
  return strain;
}

double FixFrozenAtomAqs::compute_vector(int n)
{
  switch (n) {
    case 0: return strain;
    case 1: return stress;
    case 2: return energy;
    case 3: return static_cast<double>(n_events);
    case 4: return last_drop;
    default: return static_cast<double>(last_evals);
  }
}

void FixFrozenAtomAqs::grow_arrays(int nmax)
{
  arrays.grow(nmax);
  out = arrays[out_array];
  store = arrays[store_array];
  array_atom = out;
}

void FixFrozenAtomAqs::copy_arrays(int i, int j, int /*delflag*/)
{
  arrays.copy(i, j);
}

int FixFrozenAtomAqs::pack_exchange(int i, double *buf)
{
  return arrays.pack(i, buf);
}

int FixFrozenAtomAqs::unpack_exchange(int nlocal, double *buf)
{
  return arrays.unpack(nlocal, buf);
}

// the restart data: a marker, then the version of their layout (write_restart below)
constexpr double RESTART_MARKER = 5.0e6;
constexpr double RESTART_VERSION = 1.0;

// The strain and event counting continue after read_restart; the box is in the restart file.
void FixFrozenAtomAqs::write_restart(FILE *fp)
{
  if (comm->me != 0) return;
  mgg::write_restart_values(fp, RESTART_MARKER, RESTART_VERSION,
                            {strain, stress, energy, static_cast<double>(n_events), last_drop,
                             elastic_increment, static_cast<double>(tilt_index), box_seen[0],
                             box_seen[1], box_seen[2], box_seen[3], box_seen[4], box_seen[5],
                             static_cast<double>(box_known)});
}

void FixFrozenAtomAqs::restart(char *buf)
{
  const double *values =
      mgg::StyleArgs(lmp, "Fix", STYLE).restart_values(buf, RESTART_MARKER, RESTART_VERSION, id);
  strain = values[0];
  stress = values[1];
  energy = values[2];
  n_events = static_cast<bigint>(values[3]);
  last_drop = values[4];
  elastic_increment = values[5];
  // the sign may change (cyclic shear: the strain is signed), the plane may not
  const int restart_tilt = static_cast<int>(values[6]);
  if (restart_tilt != tilt_index) {
    const char *const names[] = {"yz", "xz", "xy"};
    error->all(FLERR, fmt::format("Fix frozen_atom_aqs: fix {} of the restart file sheared {}, "
                                  "this one shears {}: its strain and elastic prediction are of "
                                  "the other plane; give this fix another ID to start a new "
                                  "count", id, names[restart_tilt - 3], names[tilt_index - 3]));
  }
  std::copy_n(values + 7, 6, box_seen.begin());
  box_known = values[13] != 0.0;
  restarted = true;
}

double FixFrozenAtomAqs::memory_usage()
{
  return arrays.memory_usage() + relaxer.memory_usage();
}
