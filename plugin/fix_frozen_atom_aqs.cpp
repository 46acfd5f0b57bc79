#include "fix_frozen_atom_aqs.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "irregular.h"
#include "memory.h"
#include "modify.h"
#include "neighbor.h"
#include "pair.h"
#include "universe.h"
#include "update.h"

#include "mgg_event_analysis.h"
#include "mgg_lammps_compat.h"
#include "mgg_style_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>

using namespace LAMMPS_NS;
using namespace FixConst;

namespace {

const char *const STYLE = "frozen_atom_aqs";
const char *const PLANES[] = {"xy", "xz", "yz", "+xy", "+xz", "+yz", "-xy", "-xz", "-yz", nullptr};
const char *const YES_NO[] = {"no", "yes", nullptr};
// in the order of FixFrozenAtomAqs::Minimiser
const char *const MINIMISERS[] = {"cg", "sd", "fire", nullptr};

// minima of one sweep remembered to end a trial early once it reaches one of them
constexpr int MAX_MINIMA = 8;
// force evaluations between two checks of whether a trial has reached a known minimum
constexpr long SETTLE_EVERY = 5;
// a relaxed state is remembered only if some atom is this many settle distances from its start
// (after the common drift): see remember_minimum()
constexpr double SETTLE_DISTINCT = 3.0;

// per-atom store: the outputs first (array_atom shows the first N_OUT columns), then the states
// of the latest step that a sweep restarts from; all travel with the atoms
enum {
  OUT_DF,           // D_f of the latest analysed event (A), -1 when not analysed
  OUT_CORE,         // 1 STZ core, 0 not, -1 not analysed
  OUT_D2MIN,        // D2min over the latest event (A^2)
  OUT_BROKEN,       // bonds broken in the latest event's relaxation
  OUT_FORMED,       // bonds formed
  OUT_VON_MISES,    // change of the von Mises stress over the event (pressure units)
  OUT_CLUSTER,      // rank by size of the atom's D2min cluster (0 largest), -1 below threshold
  OUT_EVALS,        // force evaluations of the atom's trial, -1 when not analysed
  N_OUT,
  COL_IMAGE = N_OUT,          // image flags of the relaxed state before the step
  COL_XPOST = COL_IMAGE + 1,  // relaxed state after the step (restored after a sweep)
  COL_IMAGE_POST = COL_XPOST + 3,
  COL_XSTART = COL_IMAGE_POST + 1,  // affinely strained pre-step state: every trial starts here
  COL_XBEFORE = COL_XSTART + 3,     // relaxed state before the step (in its own cell)
  COL_STRESS_BEFORE = COL_XBEFORE + 3,       // per-atom stress there (6, pressure units)
  COL_STRESS_AFTER = COL_STRESS_BEFORE + 6,  // and after the step's relaxation
  COL_MINIMA = COL_STRESS_AFTER + 6,  // displacements from XSTART of the minima a sweep found
  NCOLS = COL_MINIMA + 3 * MAX_MINIMA
};

// the shear stress sigma_ab = -p_ab of the pressure tensor, in pressure units
constexpr double PER_MPA_METAL = 10.0;    // bar per MPa

}    // namespace

FixFrozenAtomAqs::FixFrozenAtomAqs(LAMMPS *lmp, int narg, char **arg) :
    Fix(lmp, narg, arg), tilt_index(5), sign(1.0), step_size(0.0), minimiser(MIN_CG), ftol(1e-8),
    sweep_ftol(1e-8),
    fire_dt(0.002), max_move(0.1), max_evals(100000), drop_threshold(1.0 * PER_MPA_METAL),
    energy_threshold(1e-3), sweep(true), have_radius(false), radius(0.0), core_override(-1.0),
    min_gap_decades(0.5), event_file(nullptr), atoms_file(nullptr), strain(0.0), stress(0.0),
    energy(0.0), elastic_increment(0.0), n_events(0), last_drop(0.0), last_evals(0),
    restarted(false), box_seen{0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, box_known(false), store(nullptr), cg_x0(nullptr), cg_g(nullptr), cg_h(nullptr),
    settle_distance(0.01), n_minima(0), next_minimum(0), settled_index(-1)
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
  maxexchange = NCOLS + 9;  // store, then the CG vectors
  box_change |= tilt_index == 5 ? BOX_CHANGE_XY : tilt_index == 4 ? BOX_CHANGE_XZ : BOX_CHANGE_YZ;
  // a box flip reassigns images: no change_box while the fix is defined
  no_change_box = 1;

  grow_arrays(atom->nmax);
  atom->add_callback(Atom::GROW);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int c = 0; c < NCOLS; c++) store[i][c] = 0.0;
    store[i][OUT_DF] = store[i][OUT_CORE] = store[i][OUT_EVALS] = store[i][OUT_CLUSTER] = -1.0;
  }
}

FixFrozenAtomAqs::~FixFrozenAtomAqs()
{
  atom->delete_callback(id, Atom::GROW);
  memory->destroy(store);
  memory->destroy(cg_x0);
  memory->destroy(cg_g);
  memory->destroy(cg_h);
  if (event_file) fclose(event_file);
  if (atoms_file) fclose(atoms_file);
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
    const char *value = args.value_of(narg, arg, iarg);
    const std::string key = arg[iarg];
    if (key == "ftol")
      ftol = args.positive_number("ftol", value);
    else if (key == "sweep_ftol")
      sweep_ftol = args.positive_number("sweep_ftol", value);
    else if (key == "maxeval")
      max_evals = args.positive_integer("maxeval", value);
    else if (key == "analysis")
      analyse = args.choice("analysis", value, YES_NO) == 1;
    else if (key == "d2min") {
      if (iarg + 2 >= narg) args.fail("keyword 'd2min' needs 2 values: cutoff threshold");
      event_params.dmin2_cutoff = args.positive_number("d2min cutoff", arg[iarg + 1]);
      event_params.d2min_threshold = args.positive_number("d2min threshold", arg[iarg + 2]);
      iarg++;
    } else if (key == "cluster")
      event_params.cluster_cutoff = args.positive_number("cluster", value);
    else if (key == "hysteresis")
      event_params.hysteresis = args.positive_number("hysteresis", value);
    else if (key == "bond") {
      if (iarg + 3 >= narg) args.fail("keyword 'bond' needs 3 values: type type cutoff");
      const int n_types = atom->ntypes;
      const int a = args.positive_integer("bond type", arg[iarg + 1]);
      const int b = args.positive_integer("bond type", arg[iarg + 2]);
      if (a > n_types || b > n_types)
        args.fail(fmt::format("bond type must be at most the number of atom types ({})", n_types));
      const double cutoff = args.positive_number("bond cutoff", arg[iarg + 3]);
      if (!bonds_given) event_params.bond_cutoff.assign(n_types * n_types, 0.0);
      bonds_given = true;
      event_params.bond_cutoff[(a - 1) * n_types + (b - 1)] = cutoff;
      event_params.bond_cutoff[(b - 1) * n_types + (a - 1)] = cutoff;
      iarg += 2;
    } else if (key == "settle") {
      settle_distance = strcmp(value, "no") == 0 ? 0.0 : args.positive_number("settle", value);
      settle_given = true;
    } else if (key == "min")
      minimiser = args.choice("min", value, MINIMISERS);
    else if (key == "dt")
      fire_dt = args.positive_number("dt", value);
    else if (key == "dmax")
      max_move = args.positive_number("dmax", value);
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
  if (minimiser == MIN_SD && !settle_given) settle_distance = 0.0;
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
  for (int i = 0; i < modify->nfix; i++)
    if (modify->fix[i] != this && modify->fix[i]->time_integrate)
      args.fail(fmt::format("fix {} (style {}) moves atoms too: this fix relaxes the system "
                            "itself and allows no integrator alongside it",
                            modify->fix[i]->id, modify->fix[i]->style));
  if (strcmp(update->integrate_style, "verlet") != 0) args.fail("needs run_style verlet");
  for (int i = 0; i < modify->nfix; i++)
    if (modify->fix[i]->setmask() & MIN_ENERGY)
      args.fail(fmt::format("fix {} (style {}) adds degrees of freedom to minimisations (as "
                            "fix box/relax): not supported in this fix's relaxations",
                            modify->fix[i]->id, modify->fix[i]->style));
  if (analyse && event_params.bond_cutoff.size() != static_cast<size_t>(atom->ntypes * atom->ntypes))
    args.fail(fmt::format("the bond cutoffs of the event analysis are for Cu = type 1 and Zr = "
                          "type 2; give them for the {} atom types (keyword bond) or use "
                          "analysis no", atom->ntypes));
  if (analyse) {
    const double box[6] = {domain->xprd, domain->yprd, domain->zprd,
                           domain->xy,   domain->xz,   domain->yz};
    mgg::check_event_params(lmp, event_params, box);
  }
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
  open_files();
  last_evals = relax(0, ftol, &energy);
  stress = stress_now();
  remember_box();
}

void FixFrozenAtomAqs::remember_box()
{
  const double box[6] = {domain->xprd, domain->yprd, domain->zprd,
                         domain->xy,   domain->xz,   domain->yz};
  std::copy_n(box, 6, box_seen);
  box_known = true;
}

// The strain counts this fix's steps only: a cell changed by anything else since its latest
// step is an error (a box restored by read_restart is the one the fix left).
void FixFrozenAtomAqs::check_box()
{
  const double box[6] = {domain->xprd, domain->yprd, domain->zprd,
                         domain->xy,   domain->xz,   domain->yz};
  if (box_known && !std::equal(box, box + 6, box_seen))
    error->all(FLERR, "Fix frozen_atom_aqs: the box changed since this fix's last step "
                      "(change_box, displace_box, fix deform, ...): the fix's strain would no "
                      "longer describe it; unfix it and define a new fix to start a new strain "
                      "count");
}

void FixFrozenAtomAqs::open_files()
{
  // one writer: the first rank of the first partition
  if (comm->me != 0 || universe->iworld != 0) return;
  // appended after a restart, never truncated: the events before it stay
  const char *mode = restarted ? "a" : "w";
  if (!event_path.empty() && !event_file) {
    event_file = fopen(event_path.c_str(), mode);
    if (!event_file) mgg::StyleArgs(lmp, "Fix", STYLE).fail_local("cannot open event file " + event_path);
    if (!restarted)
      fprintf(event_file, "# event step strain stress_before stress_after drop raw_drop energy_drop "
                          "dissipated force_evaluations%s (stress: pressure units, energy: eV; drop: "
                          "relative to the elastic prediction, raw_drop: from the step before; "
                          "dissipated: work of the step minus energy gained%s)\n",
              analyse ? " n_d2min_above n_clusters cluster_sizes" : "",
              analyse ? "; D2min from the relaxed state before the step, cluster sizes "
                        "descending, - for none" : "");
    fflush(event_file);
  }
  if (!atoms_path.empty() && !atoms_file) {
    atoms_file = fopen(atoms_path.c_str(), mode);
    if (!atoms_file) mgg::StyleArgs(lmp, "Fix", STYLE).fail_local("cannot open atoms file " + atoms_path);
  }
}

// One AQS step: affine shear increment, relaxation at fixed cell, event detection and sweep.
void FixFrozenAtomAqs::initial_integrate(int /*vflag*/)
{
  check_box();
  // the relaxed state before the step, for the event analysis
  if (analyse) per_atom_stress(COL_STRESS_BEFORE);
  const double box_before[6] = {domain->xprd, domain->yprd, domain->zprd,
                                domain->xy,   domain->xz,   domain->yz};
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) store[i][COL_XBEFORE + a] = atom->x[i][a];
    store[i][COL_IMAGE] = atom->image[i];
  }
  const double stress_before = stress, energy_before = energy;
  const bool flipped = apply_strain_step();
  remember_box();
  last_evals = relax(0, ftol, &energy);
  stress = stress_now();

  // the stress lost along the loading relative to the elastic prediction (the last event-free
  // step's increase): an event that releases less than one step adds still shows
  if (universe->nworlds > 1) {
    // the partitions must meet at the same events: their AQS runs are identical copies
    double lowest = stress, highest = stress;
    MPI_Allreduce(MPI_IN_PLACE, &lowest, 1, MPI_DOUBLE, MPI_MIN, universe->uworld);
    MPI_Allreduce(MPI_IN_PLACE, &highest, 1, MPI_DOUBLE, MPI_MAX, universe->uworld);
    if (lowest != highest)
      error->universe_all(FLERR, "Fix frozen_atom_aqs: the partitions' AQS runs differ (run the "
                                 "same input with the same number of ranks in every partition)");
  }
  const double raw_drop = sign * (stress_before - stress);
  const double drop = raw_drop + elastic_increment;
  // energy dissipated: the work of the shear step (trapezoid rule) minus the energy gained;
  // zero to second order in the step for an elastic step
  const double volume = domain->xprd * domain->yprd * domain->zprd;
  const double work = 0.5 * sign * (stress_before + stress) * volume * step_size / force->nktv2p;
  const double dissipated = energy_before + work - energy;
  const bool event = drop > drop_threshold || dissipated > energy_threshold;
  if (!event) {
    elastic_increment = -raw_drop;
    return;
  }
  n_events++;
  last_drop = drop;
  mgg::EventSummary summary;
  if (analyse) summary = analyse_event(box_before);
  if (event_file) {
    std::string sizes;
    for (long size : summary.cluster_sizes) sizes += (sizes.empty() ? "" : ",") + std::to_string(size);
    fprintf(event_file, "%ld " BIGINT_FORMAT " %.8g %.10g %.10g %.10g %.10g %.10g %.10g %ld",
            static_cast<long>(n_events), update->ntimestep, strain, stress_before, stress, drop,
            raw_drop, energy_before - energy, dissipated, last_evals);
    if (analyse)
      fprintf(event_file, " %ld %zu %s", summary.n_above, summary.cluster_sizes.size(),
              sizes.empty() ? "-" : sizes.c_str());
    fprintf(event_file, "\n");
    fflush(event_file);
  }
  sweep_summary = SweepSummary();
  for (int i = 0; i < atom->nlocal; i++)
    store[i][OUT_DF] = store[i][OUT_CORE] = store[i][OUT_EVALS] = -1.0;
  if (sweep) {
    if (flipped)
      error->warning(FLERR, "Fix frozen_atom_aqs: no sweep of the event at step {}: the box "
                            "flipped in that step", update->ntimestep);
    else
      frozen_atom_sweep();
  }
  write_atoms_file();
}

// D2min, clusters, bonds broken and formed and the von Mises stress change of the event of this
// step (mgg_event_analysis), into the per-atom outputs.
mgg::EventSummary FixFrozenAtomAqs::analyse_event(const double box_before[6])
{
  per_atom_stress(COL_STRESS_AFTER);
  const double box_after[6] = {domain->xprd, domain->yprd, domain->zprd,
                               domain->xy,   domain->xz,   domain->yz};
  const int nlocal = atom->nlocal;
  std::vector<double> before(3 * nlocal), start(3 * nlocal), after(3 * nlocal),
      stress_before(6 * nlocal), stress_after(6 * nlocal), d2min(nlocal), broken(nlocal),
      formed(nlocal), von_mises(nlocal), cluster(nlocal);
  for (int i = 0; i < nlocal; i++) {
    for (int a = 0; a < 3; a++) {
      before[3 * i + a] = store[i][COL_XBEFORE + a];
      start[3 * i + a] = store[i][COL_XSTART + a];
      after[3 * i + a] = atom->x[i][a];
    }
    for (int k = 0; k < 6; k++) {
      stress_before[6 * i + k] = store[i][COL_STRESS_BEFORE + k];
      stress_after[6 * i + k] = store[i][COL_STRESS_AFTER + k];
    }
  }
  const mgg::EventSummary summary = mgg::analyse_event(
      lmp, event_params, before.data(), box_before, start.data(), after.data(), box_after,
      stress_before.data(), stress_after.data(), d2min.data(), broken.data(), formed.data(),
      von_mises.data(), cluster.data());
  for (int i = 0; i < nlocal; i++) {
    store[i][OUT_D2MIN] = d2min[i];
    store[i][OUT_BROKEN] = broken[i];
    store[i][OUT_FORMED] = formed[i];
    store[i][OUT_VON_MISES] = von_mises[i];
    store[i][OUT_CLUSTER] = cluster[i];
  }
  return summary;
}

// Affine simple shear of the cell and the atoms (as change_box ... remap), flipping the box
// when the tilt exceeds half the box length (as fix deform).  Returns whether it flipped.
bool FixFrozenAtomAqs::apply_strain_step()
{
  const int nlocal = atom->nlocal;
  domain->x2lamda(nlocal);
  const double length = tilt_index == 5 ? domain->yprd : domain->zprd;
  double &tilt = tilt_index == 5 ? domain->xy : tilt_index == 4 ? domain->xz : domain->yz;
  tilt += sign * step_size * length;
  strain += sign * step_size;
  domain->set_global_box();
  domain->set_local_box();
  domain->lamda2x(nlocal);
  // the affinely strained state, where every frozen-atom trial starts (before any flip)
  for (int i = 0; i < nlocal; i++)
    for (int a = 0; a < 3; a++) store[i][COL_XSTART + a] = atom->x[i][a];

  int flip_xy = 0, flip_xz = 0, flip_yz = 0;
  if (domain->yz > 0.5 * domain->yprd || domain->yz < -0.5 * domain->yprd) {
    flip_yz = domain->yz > 0.0 ? -1 : 1;
    domain->yz += flip_yz * domain->yprd;
    domain->xz += flip_yz * domain->xy;
  }
  if (domain->xz > 0.5 * domain->xprd || domain->xz < -0.5 * domain->xprd) {
    flip_xz = domain->xz > 0.0 ? -1 : 1;
    domain->xz += flip_xz * domain->xprd;
  }
  if (domain->xy > 0.5 * domain->xprd || domain->xy < -0.5 * domain->xprd) {
    flip_xy = domain->xy > 0.0 ? -1 : 1;
    domain->xy += flip_xy * domain->xprd;
  }
  if (!flip_xy && !flip_xz && !flip_yz) return false;
  domain->set_global_box();
  domain->set_local_box();
  domain->image_flip(flip_xy, flip_xz, flip_yz);
  for (int i = 0; i < nlocal; i++) domain->remap(atom->x[i], atom->image[i]);
  domain->x2lamda(atom->nlocal);
  Irregular irregular(lmp);
  irregular.migrate_atoms();
  domain->lamda2x(atom->nlocal);
  return true;
}

// Shear stress -p_ab (pressure units) from the pair virial of the latest force evaluation.
double FixFrozenAtomAqs::stress_now()
{
  // virial order xx yy zz xy xz yz; tilt order (domain h) yz 3, xz 4, xy 5
  double local = force->pair->virial[8 - tilt_index], total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  const double volume = domain->xprd * domain->yprd * domain->zprd;
  return -total / volume * force->nktv2p;
}

// Ghost atoms and neighbour lists from scratch, as a reneighbouring timestep does.
void FixFrozenAtomAqs::rebuild()
{
  domain->x2lamda(atom->nlocal);
  domain->pbc();
  domain->reset_box();
  comm->setup();
  if (neighbor->style) neighbor->setup_bins();
  comm->exchange();
  comm->borders();
  domain->lamda2x(atom->nlocal + atom->nghost);
  if (modify->n_pre_neighbor) modify->pre_neighbor();
  neighbor->build(1);
}

// Energy and forces at the current positions (the atom with tag frozen, if any, gets zero
// force), as fix gcmc's full-energy path: ghosts and lists rebuilt only when atoms moved
// more than half the skin since the last build, or when asked.
double FixFrozenAtomAqs::energy_force(bool full_rebuild, tagint frozen, bool atom_virial)
{
  if (full_rebuild || neighbor->check_distance())
    rebuild();
  else
    comm->forward_comm();
  const int nlocal = atom->nlocal;
  const size_t n = force->newton ? nlocal + atom->nghost : nlocal;
  if (n) memset(&atom->f[0][0], 0, 3 * n * sizeof(double));
  if (modify->n_min_pre_force) modify->min_pre_force(0);
  force->pair->compute(ENERGY_GLOBAL, (force->newton_pair ? VIRIAL_FDOTR : VIRIAL_PAIR) |
                                          (atom_virial ? VIRIAL_ATOM : 0));
  if (modify->n_min_pre_reverse) modify->min_pre_reverse(ENERGY_GLOBAL, 0);
  if (force->newton) comm->reverse_comm();
  // ghost atoms' shares of the per-atom virial back to their owners (pack/unpack_reverse_comm)
  if (atom_virial && force->newton_pair) mgg::reverse_comm(comm, this, 6);
  // the fixes that act in LAMMPS's minimize (setforce, addforce, aveforce, spring, ...) act
  // here as there (Min::energy_force): their force hooks, and the energy of those with
  // fix_modify energy yes (compute pe)
  if (modify->n_min_post_force) modify->min_post_force(0);
  // by tag, not atom->map(): atomic systems need not have a map
  if (frozen)
    for (int i = 0; i < nlocal; i++)
      if (atom->tag[i] == frozen) atom->f[i][0] = atom->f[i][1] = atom->f[i][2] = 0.0;
  double local = force->pair->eng_vdwl + force->pair->eng_coul, total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  if (modify->n_energy_global) total += modify->energy_global();
  return total;
}

// Per-atom stress (pressure units) of the current positions into store columns col .. col+5
// (xx yy zz xy xz yz): the pair style's per-atom virial over the mean volume per atom, as
// compute stress/atom divided by V/N.
void FixFrozenAtomAqs::per_atom_stress(int col)
{
  // at a relaxed state whose forces were just evaluated: no rebuild, so the atoms keep their
  // order and the AQS path stays the plain script's
  energy_force(false, 0, true);
  const double volume_per_atom =
      domain->xprd * domain->yprd * domain->zprd / static_cast<double>(atom->natoms);
  double **vatom = force->pair->vatom;
  for (int i = 0; i < atom->nlocal; i++)
    for (int k = 0; k < 6; k++) store[i][col + k] = -force->nktv2p * vatom[i][k] / volume_per_atom;
}

int FixFrozenAtomAqs::pack_reverse_comm(int n, int first, double *buf)
{
  double **vatom = force->pair->vatom;
  int m = 0;
  for (int i = first; i < first + n; i++)
    for (int k = 0; k < 6; k++) buf[m++] = vatom[i][k];
  return m;
}

void FixFrozenAtomAqs::unpack_reverse_comm(int n, int *list, double *buf)
{
  double **vatom = force->pair->vatom;
  int m = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < 6; k++) vatom[list[i]][k] += buf[m++];
}

// Relaxation at fixed cell (the atom with tag frozen, if any, held), from the current positions;
// *energy_out gets the final energy.  Returns the number of force evaluations.
long FixFrozenAtomAqs::relax(tagint frozen, double tol, double *energy_out, bool watch)
{
  settled_index = -1;
  return minimiser == MIN_FIRE ? relax_fire(frozen, tol, energy_out, watch)
                               : relax_cg(frozen, tol, energy_out, watch);
}

// Conjugate gradients (or steepest descent) as `minimize 0 tol maxeval maxeval` with min_style cg
// (sd) and the quadratic line search: the same path as LAMMPS's (src/mgg_min.c), so the same
// minimum where several are within reach.  Stops where LAMMPS would, also at "linesearch alpha
// is zero" above tol.
long FixFrozenAtomAqs::relax_cg(tagint frozen, double tol, double *energy_out, bool watch)
{
  const mgg_cg_params params = {max_move, tol, 0.0, max_evals, max_evals, 3 * atom->natoms,
                                minimiser == MIN_SD};
  mgg_cg cg;
  mgg_status st = mgg_cg_start(&params, &cg);
  if (st != MGG_OK) error->all(FLERR, "Fix frozen_atom_aqs: " + std::string(mgg_status_message(st)));
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) cg_g[i][a] = cg_h[i][a] = 0.0;
  double energy = energy_force(true, frozen);
  long evals = 1;
  while (true) {
    const int nlocal = atom->nlocal;
    double *x = nlocal ? &atom->x[0][0] : nullptr, *f = nlocal ? &atom->f[0][0] : nullptr;
    double *x0 = nlocal ? &cg_x0[0][0] : nullptr, *g = nlocal ? &cg_g[0][0] : nullptr,
           *h = nlocal ? &cg_h[0][0] : nullptr;
    double local[MGG_CG_NSUMS], sums[MGG_CG_NSUMS], hmax = 0.0;
    const double hmax_local = mgg_cg_sums(nlocal, f, g, h, local);
    MPI_Allreduce(local, sums, MGG_CG_NSUMS, MPI_DOUBLE, MPI_SUM, world);
    MPI_Allreduce(&hmax_local, &hmax, 1, MPI_DOUBLE, MPI_MAX, world);
    const mgg_cg_request request = mgg_cg_iterate(&cg, energy, sums, hmax, nlocal, x, x0, g, h, f);
    if (request == MGG_CG_DONE) break;
    if (request == MGG_CG_EVALUATE) {
      energy = energy_force(false, frozen);
      evals++;
      // an atom wrapped across the box by the rebuild takes its line-search start along
      // (LAMMPS: FixMinimize::reset_coords)
      for (int i = 0; i < atom->nlocal; i++) {
        double d[3], d_image[3];
        for (int a = 0; a < 3; a++) d[a] = d_image[a] = atom->x[i][a] - cg_x0[i][a];
        domain->minimum_image(d_image);
        for (int a = 0; a < 3; a++)
          if (d_image[a] != d[a]) cg_x0[i][a] = atom->x[i][a] - d_image[a];
      }
      if (watch && evals % SETTLE_EVERY == 0 && settled(frozen)) break;
    }
  }
  *energy_out = energy;
  if ((cg.stop == MGG_CG_MAX_EVALS || cg.stop == MGG_CG_MAX_ITER) && comm->me == 0)
    error->warning(FLERR, "Fix frozen_atom_aqs: relaxation stopped after {} force evaluations "
                          "above the force tolerance {}", evals, tol);
  return evals;
}

// FIRE 2.0 relaxation until the 2-norm of the global force vector is at most tol; the velocities
// live in atom->v so that they travel with atoms that change processes, and are zero again
// afterwards.
long FixFrozenAtomAqs::relax_fire(tagint frozen, double tol, double *energy_out, bool watch)
{
  mgg_fire_params params;
  mgg_fire_default_params(fire_dt, &params);
  params.max_move = max_move;
  mgg_fire fire;
  mgg_status st = mgg_fire_start(&params, &fire);
  if (st != MGG_OK) error->all(FLERR, "Fix frozen_atom_aqs: " + std::string(mgg_status_message(st)));
  for (int i = 0; i < atom->nlocal; i++) atom->v[i][0] = atom->v[i][1] = atom->v[i][2] = 0.0;

  *energy_out = energy_force(true, frozen);
  long evals = 1;
  bool converged = false;
  while (true) {
    const int nlocal = atom->nlocal;
    double local[MGG_FIRE_NSUMS], sums[MGG_FIRE_NSUMS];
    mgg_fire_sums(nlocal, nlocal ? &atom->v[0][0] : nullptr, nlocal ? &atom->f[0][0] : nullptr, local);
    MPI_Allreduce(local, sums, MGG_FIRE_NSUMS, MPI_DOUBLE, MPI_SUM, world);
    if (std::sqrt(sums[MGG_FIRE_FF]) <= tol) {
      converged = true;
      break;
    }
    if (evals >= max_evals) break;
    // one mass for all atoms: every FIRE term is then a multiple of f or v, so with nothing
    // frozen the centroid stays put as in LAMMPS's CG (per-type masses make the whole system
    // drift, since sum f_i / m_i != 0, and D_f includes any rigid shift)
    inv_mass.assign(nlocal, force->ftm2v / mean_mass());
    double *x = nlocal ? &atom->x[0][0] : nullptr, *v = nlocal ? &atom->v[0][0] : nullptr;
    const double v_local = mgg_fire_velocities(&fire, sums, nlocal, x, v,
                                               nlocal ? &atom->f[0][0] : nullptr, inv_mass.data());
    double v_max = 0.0;
    MPI_Allreduce(&v_local, &v_max, 1, MPI_DOUBLE, MPI_MAX, world);
    mgg_fire_move(&fire, v_max, nlocal, x, v);
    *energy_out = energy_force(false, frozen);
    evals++;
    if (watch && evals % SETTLE_EVERY == 0 && settled(frozen)) break;
  }
  for (int i = 0; i < atom->nlocal; i++) atom->v[i][0] = atom->v[i][1] = atom->v[i][2] = 0.0;
  if (!converged && settled_index < 0 && comm->me == 0)
    error->warning(FLERR, "Fix frozen_atom_aqs: relaxation stopped after {} force evaluations "
                          "above the force tolerance {}", evals, tol);
  return evals;
}

// Mean atomic mass of the system (the FIRE time step keeps its usual meaning).
double FixFrozenAtomAqs::mean_mass()
{
  double local = 0.0, total = 0.0;
  for (int i = 0; i < atom->nlocal; i++)
    local += atom->rmass ? atom->rmass[i] : atom->mass[atom->type[i]];
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  return total / static_cast<double>(atom->natoms);
}

// Displacement of local atom i from the trials' start (the affinely strained state), as the
// minimum image.
void FixFrozenAtomAqs::displacement_from_start(int i, double *d)
{
  for (int a = 0; a < 3; a++) d[a] = atom->x[i][a] - store[i][COL_XSTART + a];
  domain->minimum_image(d);
}

// sqrt(sum_i |x_i - start_i|^2) over all atoms (D_f of the current state).
double FixFrozenAtomAqs::displacement_norm()
{
  double local = 0.0, total = 0.0;
  for (int i = 0; i < atom->nlocal; i++) {
    double d[3];
    displacement_from_start(i, d);
    local += d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  }
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  return std::sqrt(total);
}

// Remembers the current relaxed state as a minimum of this sweep (its displacement from the
// trials' start; the oldest is replaced when all slots are taken), unless its shape is within
// SETTLE_DISTINCT * settle of the start's.  Every trial starts that close to such a state, so
// reaching it would say nothing; and a relaxation that ends so near the start has usually
// stalled on the flat remains of the vanished pre-event minimum (slow steepest descent meeting
// a loose force tolerance) rather than found a minimum: other trials escape from there.
void FixFrozenAtomAqs::remember_minimum()
{
  const int nlocal = atom->nlocal;
  std::vector<double> d(3 * nlocal);
  for (int i = 0; i < nlocal; i++) displacement_from_start(i, &d[3 * i]);
  // the settle test of a trial still at its start against this state
  if (largest_deviations(1, d)[0] < SETTLE_DISTINCT * settle_distance) return;

  const int k = next_minimum;
  for (int i = 0; i < nlocal; i++)
    for (int a = 0; a < 3; a++) store[i][COL_MINIMA + 3 * k + a] = d[3 * i + a];
  next_minimum = (k + 1) % MAX_MINIMA;
  n_minima = std::min(n_minima + 1, MAX_MINIMA);
}

// The frozen atom's displacement in each remembered minimum, on every rank (out: 3 n_minima).
void FixFrozenAtomAqs::frozen_displacements(tagint frozen, double *out)
{
  std::vector<double> local(3 * n_minima, 0.0);
  for (int i = 0; i < atom->nlocal; i++)
    if (atom->tag[i] == frozen)
      for (int c = 0; c < 3 * n_minima; c++) local[c] = store[i][COL_MINIMA + c];
  MPI_Allreduce(local.data(), out, 3 * n_minima, MPI_DOUBLE, MPI_SUM, world);
}

// Whether the trial with atom frozen held has reached a remembered minimum: its displacements
// equal that minimum's, rigidly shifted so that the frozen atom stays put, to settle_distance
// for every atom once the common translation (the slowly relaxing drift of the other atoms
// relative to the frozen one) is taken out.  The energy is translation invariant, so the trial
// then ends in that minimum: its final state is known (settled_df) without relaxing further.
bool FixFrozenAtomAqs::settled(tagint frozen)
{
  if (!n_minima) return false;
  std::vector<double> held(3 * n_minima);
  frozen_displacements(frozen, held.data());
  // per remembered minimum k: the trial's displacements less k's, shifted so that the frozen
  // atom stays put
  const int nlocal = atom->nlocal;
  std::vector<double> residual(3 * n_minima * nlocal);
  for (int i = 0; i < nlocal; i++) {
    double d[3];
    displacement_from_start(i, d);
    for (int k = 0; k < n_minima; k++)
      for (int a = 0; a < 3; a++) {
        const int c = 3 * k + a;
        residual[3 * (k * nlocal + i) + a] = d[a] - (store[i][COL_MINIMA + c] - held[c]);
      }
  }
  const std::vector<double> worst = largest_deviations(n_minima, residual);
  for (int k = 0; k < n_minima; k++)
    if (worst[k] < settle_distance) {
      settled_index = k;
      return true;
    }
  return false;
}

// For each of n_sets per-atom vector fields (v: set after set, 3 values per local atom), the
// largest |v_i - mean of v| over all atoms: how far two configurations' shapes differ once
// their common translation is taken out.
std::vector<double> FixFrozenAtomAqs::largest_deviations(int n_sets, const std::vector<double> &v)
{
  const int nlocal = atom->nlocal;
  std::vector<double> local(3 * n_sets, 0.0), mean(3 * n_sets);
  for (int k = 0; k < n_sets; k++)
    for (int i = 0; i < nlocal; i++)
      for (int a = 0; a < 3; a++) local[3 * k + a] += v[3 * (k * nlocal + i) + a];
  MPI_Allreduce(local.data(), mean.data(), 3 * n_sets, MPI_DOUBLE, MPI_SUM, world);
  for (double &m : mean) m /= static_cast<double>(atom->natoms);
  std::vector<double> worst_local(n_sets, 0.0), worst(n_sets);
  for (int k = 0; k < n_sets; k++)
    for (int i = 0; i < nlocal; i++) {
      double r2 = 0.0;
      for (int a = 0; a < 3; a++) {
        const double r = v[3 * (k * nlocal + i) + a] - mean[3 * k + a];
        r2 += r * r;
      }
      worst_local[k] = std::max(worst_local[k], r2);
    }
  MPI_Allreduce(worst_local.data(), worst.data(), n_sets, MPI_DOUBLE, MPI_MAX, world);
  for (double &w : worst) w = std::sqrt(w);
  return worst;
}

// D_f of a trial that settled into remembered minimum k: that minimum's displacements shifted so
// that the frozen atom has none.
double FixFrozenAtomAqs::settled_df(int k, tagint frozen)
{
  std::vector<double> held(3 * n_minima);
  frozen_displacements(frozen, held.data());
  double local = 0.0, total = 0.0;
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) {
      const double p = store[i][COL_MINIMA + 3 * k + a] - held[3 * k + a];
      local += p * p;
    }
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  return std::sqrt(total);
}

// Frozen-atom analysis of the event of this step (seed 002): from the pre-step relaxed state
// strained affinely, freeze one atom, relax all others, D_f = norm of all displacements.
void FixFrozenAtomAqs::frozen_atom_sweep()
{
  double **x = atom->x;
  imageint *image = atom->image;
  int nlocal = atom->nlocal;
  for (int i = 0; i < nlocal; i++) {
    for (int a = 0; a < 3; a++) store[i][COL_XPOST + a] = x[i][a];
    store[i][COL_IMAGE_POST] = image[i];
  }
  // the unfrozen relaxation of this step started from the same state: its displacements
  // give the reference D_f and the event's centre (the atom that moved most)
  const double df_reference = displacement_norm();
  struct {
    double value;
    int rank;
  } most_local = {-1.0, comm->me}, most;
  int i_most = -1;
  for (int i = 0; i < nlocal; i++) {
    double d[3];
    displacement_from_start(i, d);
    const double d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    if (d2 > most_local.value) most_local.value = d2, i_most = i;
  }
  MPI_Allreduce(&most_local, &most, 1, MPI_DOUBLE_INT, MPI_MAXLOC, world);
  double centre[3] = {0.0, 0.0, 0.0};
  if (most.rank == comm->me)
    for (int a = 0; a < 3; a++) centre[a] = store[i_most][COL_XSTART + a];
  MPI_Bcast(centre, 3, MPI_DOUBLE, most.rank, world);

  // candidates: the group's atoms by distance from the centre (nearest first), within radius
  std::vector<double> local_pairs;
  for (int i = 0; i < nlocal; i++) {
    if (!(atom->mask[i] & groupbit)) continue;
    double d[3];
    for (int a = 0; a < 3; a++) d[a] = store[i][COL_XSTART + a] - centre[a];
    domain->minimum_image(d);
    const double r = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (have_radius && r > radius) continue;
    local_pairs.push_back(r);
    local_pairs.push_back(static_cast<double>(atom->tag[i]));
  }
  int count = static_cast<int>(local_pairs.size());
  std::vector<int> counts(comm->nprocs), offsets(comm->nprocs, 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, world);
  for (int p = 1; p < comm->nprocs; p++) offsets[p] = offsets[p - 1] + counts[p - 1];
  std::vector<double> pairs(offsets.back() + counts.back());
  MPI_Allgatherv(local_pairs.data(), count, MPI_DOUBLE, pairs.data(), counts.data(),
                 offsets.data(), MPI_DOUBLE, world);
  std::vector<std::pair<double, tagint>> order;
  for (size_t k = 0; k < pairs.size(); k += 2)
    order.emplace_back(pairs[k], static_cast<tagint>(pairs[k + 1]));
  std::sort(order.begin(), order.end());

  // the unfrozen relaxation is the first remembered minimum
  n_minima = next_minimum = 0;
  remember_minimum();
  // the trials are shared out over the LAMMPS partitions (-partition), which all run the same
  // AQS and meet at each event; partition p takes candidates p, p + P, ...
  const int n_worlds = universe->nworlds, my_world = universe->iworld;
  // per candidate: D_f, force evaluations, 1 when it ended early in a remembered minimum
  const size_t n_trials = order.size();
  std::vector<double> trial(3 * n_trials, 0.0);
  for (size_t c = my_world; c < order.size(); c += n_worlds) {
    const tagint frozen = order[c].second;
    nlocal = atom->nlocal;
    for (int i = 0; i < nlocal; i++) {
      for (int a = 0; a < 3; a++) atom->x[i][a] = store[i][COL_XSTART + a];
      atom->image[i] = static_cast<imageint>(store[i][COL_IMAGE]);
    }
    double trial_energy;
    // fixes on the forces (setforce, spring, ...) break the translation invariance that ending
    // a trial in a known minimum relies on
    const bool watch = settle_distance > 0.0 && !modify->n_min_post_force;
    trial[3 * c + 1] = relax(frozen, sweep_ftol, &trial_energy, watch);
    if (settled_index >= 0) {
      trial[3 * c] = settled_df(settled_index, frozen);
      trial[3 * c + 2] = 1.0;
    } else {
      trial[3 * c] = displacement_norm();
      remember_minimum();
    }
  }
  // every partition's values, counted once (by the first rank of each partition)
  if (comm->me != 0) std::fill(trial.begin(), trial.end(), 0.0);
  MPI_Allreduce(MPI_IN_PLACE, trial.data(), static_cast<int>(trial.size()), MPI_DOUBLE, MPI_SUM,
                universe->uworld);
  long total_evals = 0, n_settled = 0;
  std::map<tagint, size_t> trial_of;
  for (size_t c = 0; c < n_trials; c++) {
    trial_of[order[c].second] = c;
    total_evals += static_cast<long>(trial[3 * c + 1]);
    n_settled += static_cast<long>(trial[3 * c + 2]);
  }
  for (int i = 0; i < atom->nlocal; i++) {
    const auto it = trial_of.find(atom->tag[i]);
    if (it == trial_of.end()) continue;
    store[i][OUT_DF] = trial[3 * it->second];
    store[i][OUT_EVALS] = trial[3 * it->second + 1];
  }

  // back to the relaxed state after the step, with its forces and virial
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) atom->x[i][a] = store[i][COL_XPOST + a];
    atom->image[i] = static_cast<imageint>(store[i][COL_IMAGE_POST]);
  }
  energy_force(true, 0);
  // the rebuild moved atoms between ranks: the local count is a new one
  nlocal = atom->nlocal;

  // the STZ core: below the gap of the log histogram of D_f, or the threshold given
  std::vector<double> local_df;
  for (int i = 0; i < nlocal; i++)
    if (store[i][OUT_DF] >= 0.0) local_df.push_back(store[i][OUT_DF]);
  count = static_cast<int>(local_df.size());
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, world);
  for (int p = 1; p < comm->nprocs; p++) offsets[p] = offsets[p - 1] + counts[p - 1];
  std::vector<double> all_df(offsets.back() + counts.back());
  MPI_Allgatherv(local_df.data(), count, MPI_DOUBLE, all_df.data(), counts.data(), offsets.data(),
                 MPI_DOUBLE, world);
  mgg_core_gap gap;
  mgg_status st = mgg_aqs_core_gap(all_df.size(), all_df.data(), df_reference, min_gap_decades, &gap);
  if (st != MGG_OK) error->all(FLERR, "Fix frozen_atom_aqs: " + std::string(mgg_status_message(st)));
  const double threshold = core_override > 0.0 ? core_override : gap.threshold;
  bigint n_core_local = 0, n_core = 0;
  for (int i = 0; i < nlocal; i++)
    if (store[i][OUT_DF] >= 0.0) {
      const bool core = threshold > 0.0 && store[i][OUT_DF] <= threshold;
      store[i][OUT_CORE] = core ? 1.0 : 0.0;
      n_core_local += core;
    }
  MPI_Allreduce(&n_core_local, &n_core, 1, MPI_LMP_BIGINT, MPI_SUM, world);
  if (comm->me == 0)
    utils::logmesg(lmp, fmt::format("Fix frozen_atom_aqs: event {} at step {}: {} atoms analysed "
                                    "({} force evaluations; {} trials ended early in a minimum "
                                    "found before), reference D_f {:.4f} A, gap in log D_f "
                                    "[{:.4g}, {:.4g}] A, core threshold {:.4g} A: {} core atoms\n",
                                    n_events, update->ntimestep, order.size(), total_evals, n_settled,
                                    df_reference, gap.lower, gap.upper, threshold, n_core));
  sweep_summary = {df_reference, gap.lower, gap.upper, threshold, gap.n_core};
}

// Every atom's D_f and core flag of this event, one block per event, by atom ID (rank 0 writes).
void FixFrozenAtomAqs::write_atoms_file()
{
  if (atoms_path.empty()) return;
  // per atom: id, type, then the per-atom outputs
  constexpr int WIDTH = 2 + N_OUT;
  const int nlocal = atom->nlocal;
  std::vector<double> local(WIDTH * nlocal);
  for (int i = 0; i < nlocal; i++) {
    local[WIDTH * i] = atom->tag[i];
    local[WIDTH * i + 1] = atom->type[i];
    for (int c = 0; c < N_OUT; c++) local[WIDTH * i + 2 + c] = store[i][c];
  }
  int count = WIDTH * nlocal;
  std::vector<int> counts(comm->nprocs), offsets(comm->nprocs, 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, world);
  for (int p = 1; p < comm->nprocs; p++) offsets[p] = offsets[p - 1] + counts[p - 1];
  std::vector<double> all(comm->me == 0 ? offsets.back() + counts.back() : 0);
  MPI_Gatherv(local.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
              MPI_DOUBLE, 0, world);
  if (!atoms_file) return;
  std::vector<size_t> rows(all.size() / WIDTH);
  std::iota(rows.begin(), rows.end(), 0);
  std::sort(rows.begin(), rows.end(),
            [&](size_t a, size_t b) { return all[WIDTH * a] < all[WIDTH * b]; });
  const SweepSummary &sw = sweep_summary;
  fprintf(atoms_file,
          "# event %ld step " BIGINT_FORMAT " strain %.8g reference_D_f %.6f gap_lower %.6g "
          "gap_upper %.6g core_threshold %.6g n_core %zu\n"
          "# id type D_f core d2min broken formed von_mises_change cluster evaluations\n",
          static_cast<long>(n_events), update->ntimestep, strain, sw.df_reference, sw.gap_lower,
          sw.gap_upper, sw.threshold, sw.n_core);
  for (size_t r : rows) {
    const double *row = &all[WIDTH * r], *out = row + 2;
    fprintf(atoms_file, "%.0f %.0f %.12g %.0f %.12g %.0f %.0f %.12g %.0f %.0f\n", row[0], row[1],
            out[OUT_DF], out[OUT_CORE], out[OUT_D2MIN], out[OUT_BROKEN], out[OUT_FORMED],
            out[OUT_VON_MISES], out[OUT_CLUSTER], out[OUT_EVALS]);
  }
  fflush(atoms_file);
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
  memory->grow(store, nmax, NCOLS, "frozen_atom_aqs:store");
  memory->grow(cg_x0, nmax, 3, "frozen_atom_aqs:cg_x0");
  memory->grow(cg_g, nmax, 3, "frozen_atom_aqs:cg_g");
  memory->grow(cg_h, nmax, 3, "frozen_atom_aqs:cg_h");
  array_atom = store;
}

void FixFrozenAtomAqs::copy_arrays(int i, int j, int /*delflag*/)
{
  for (int c = 0; c < NCOLS; c++) store[j][c] = store[i][c];
  for (int a = 0; a < 3; a++) {
    cg_x0[j][a] = cg_x0[i][a];
    cg_g[j][a] = cg_g[i][a];
    cg_h[j][a] = cg_h[i][a];
  }
}

int FixFrozenAtomAqs::pack_exchange(int i, double *buf)
{
  for (int c = 0; c < NCOLS; c++) buf[c] = store[i][c];
  for (int a = 0; a < 3; a++) {
    buf[NCOLS + a] = cg_x0[i][a];
    buf[NCOLS + 3 + a] = cg_g[i][a];
    buf[NCOLS + 6 + a] = cg_h[i][a];
  }
  return NCOLS + 9;
}

int FixFrozenAtomAqs::unpack_exchange(int nlocal, double *buf)
{
  for (int c = 0; c < NCOLS; c++) store[nlocal][c] = buf[c];
  for (int a = 0; a < 3; a++) {
    cg_x0[nlocal][a] = buf[NCOLS + a];
    cg_g[nlocal][a] = buf[NCOLS + 3 + a];
    cg_h[nlocal][a] = buf[NCOLS + 6 + a];
  }
  return NCOLS + 9;
}

// The strain and event counting continue after read_restart; the box is in the restart file.
void FixFrozenAtomAqs::write_restart(FILE *fp)
{
  if (comm->me != 0) return;
  const double values[] = {strain, stress, energy, static_cast<double>(n_events), last_drop,
                           elastic_increment, static_cast<double>(tilt_index),
                           box_seen[0], box_seen[1], box_seen[2], box_seen[3], box_seen[4],
                           box_seen[5], static_cast<double>(box_known)};
  const int size = sizeof(values);
  fwrite(&size, sizeof(int), 1, fp);
  fwrite(values, sizeof(values), 1, fp);
}

void FixFrozenAtomAqs::restart(char *buf)
{
  const double *values = reinterpret_cast<const double *>(buf);
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
  std::copy_n(values + 7, 6, box_seen);
  box_known = values[13] != 0.0;
  restarted = true;
}

double FixFrozenAtomAqs::memory_usage()
{
  return static_cast<double>(atom->nmax) * (NCOLS + 9) * sizeof(double) +
         inv_mass.capacity() * sizeof(double);
}
