#include "fix_artn.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "group.h"
#include "modify.h"
#include "pair.h"
#include "universe.h"
#include "update.h"

#include "mgg_displacements.h"
#include "mgg_eam_cluster.h"
#include "mgg_eam_pair.h"
#include "mgg_gather.h"
#include "mgg_style_util.h"
#include "mgg_work.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>

using namespace LAMMPS_NS;
using namespace FixConst;

namespace {

const char *const STYLE = "artn";
const char *const YES_NO[] = {"no", "yes", nullptr};
const char *const BASIN_PUSHES[] = {"displacement", "push", "pushed", nullptr};
const char *const HIGHER_ORDER[] = {"fail", "continue", nullptr};
const char *const CURVATURES[] = {"exact", "lanczos", nullptr};
const char *const ORDERS[] = {"id", "random", nullptr};
const char *const MODES[] = {"auto", "full", "local", nullptr};
const char *const CRITERIA[] = {"max", "fnorm", nullptr};

// per-atom outputs (array_atom)
enum { OUT_SEARCHES, OUT_SADDLES, OUT_MIN_EACT, OUT_MEAN_EACT, N_OUT };

// an atom whose initial relaxation moved it farther than this (A) is reported
constexpr double MOVED_WARNING = 0.01;
// atoms displaced farther than this from the minimum (A) count as moved (event file)
constexpr double MOVED_ATOM = 0.1;
// whole-system force evaluations one exact curvature request costs: 10-15 s against 38-77 ms
// per evaluation on the 2,000-atom glass, measured side by side (bench/RESULTS.md)
constexpr double CURVATURES_COST = 300.0;
// local mode: the EAM engine agrees with PairEAM to rounding (compute participation logs 1e-13
// relative); beyond these (relative energy, eV/A) something else acts on the atoms
constexpr double ENGINE_ENERGY_TOL = 1e-9, ENGINE_FORCE_TOL = 1e-6;
// searches per process in a batch shared out over the processes: the costs of searches spread
// over a factor of ten, and a process that drew short ones takes more (about 4% lost to waiting
// on 2 ranks, 12% on 8, simulated from measured costs; one search per process loses 30% and 100%)
constexpr int BATCH_PER_PROCESS = 8;

std::string status_word(mgg_artn_status st)
{
  std::string w;
  for (const char *c = mgg_artn_status_message(st); *c; c++) {
    if (std::isalnum(static_cast<unsigned char>(*c)))
      w += *c;
    else if (!w.empty() && w.back() != '_')
      w += '_';
  }
  while (!w.empty() && w.back() == '_') w.pop_back();
  return w;
}

// "search k[, where]: message" for a search that could not run
std::string search_error(bigint k, mgg::ArtnError at, mgg_status st)
{
  const char *where = at == mgg::ARTN_ERROR_CLUSTER  ? ", EAM cluster"
                      : at == mgg::ARTN_ERROR_ENGINE ? ", EAM engine of the whole system"
                                                     : "";
  return "search " + std::to_string(k) + where + ": " + mgg_status_message(st);
}

// Runs a started whole-system search s to its end: energy and forces from forces(u, f) (3 per
// atom in f), exact Hessian-vector products and curvatures from products (null: the core's finite
// differences of the forces); stops at products' first error (its status). Returns the cost in
// force evaluations (an exact curvature request at CURVATURES_COST).
template <class Forces>
double drive_search(mgg_artn &s, size_t n3, mgg::EamCluster *products, Forces forces)
{
  std::vector<double> f(n3), hv(n3), curvatures(2 + 2 * n3);
  mgg_artn_request req = mgg_artn_step(&s, 0.0, nullptr);
  while (req != MGG_ARTN_DONE) {
    double energy = 0.0;
    const double *answer = f.data();
    if (req == MGG_ARTN_CURVATURES) {
      products->lowest_curvatures(s.point, s.eigenvalue[0], curvatures.data());
      answer = curvatures.data();
    } else if (req == MGG_ARTN_HESSIAN_VECTOR) {
      products->hessian_vector(s.point, s.direction, hv.data());
      answer = hv.data();
    } else {
      energy = forces(s.point, f.data());
    }
    if (products && products->status != MGG_OK) break;
    req = mgg_artn_step(&s, energy, answer);
  }
  return static_cast<double>(s.evaluations + s.hessian_vectors) +
         CURVATURES_COST * static_cast<double>(s.curvature_requests);
}

}    // namespace


FixArtn::FixArtn(LAMMPS *lmp, int narg, char **arg) :
    Fix(lmp, narg, arg), arrays(lmp), evaluator(lmp, this), relaxer(lmp, evaluator, arrays, "Fix artn")
{
  mgg_artn_default_params(&params);
  parse(narg, arg);
  vector_flag = 1;
  size_vector = 5;
  global_freq = 1;
  extvector = 0;
  peratom_flag = 1;
  size_peratom_cols = N_OUT;
  peratom_freq = 1;
  restart_global = 1;
  time_integrate = 1;
  comm_reverse = 6;  // the evaluator's per-atom virial (not used here, but its protocol)
  out_array = arrays.add(N_OUT);
  start_array = arrays.add(3);
  maxexchange = arrays.width();
  grow_arrays(atom->nmax);
  atom->add_callback(Atom::GROW);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int c = 0; c < N_OUT; c++) out[i][c] = 0.0;
    for (int a = 0; a < 3; a++) start[i][a] = 0.0;
    out[i][OUT_MIN_EACT] = out[i][OUT_MEAN_EACT] = -1.0;
  }
}

FixArtn::~FixArtn()
{
  atom->delete_callback(id, Atom::GROW);
  if (event_file) fclose(event_file);
  if (saddle_file) fclose(saddle_file);
  mgg_eam_free(eam);
}

void FixArtn::parse(int narg, char **arg)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  mgg_artn_params &p = params;
  // an integer in [lo, hi] (lo 0: zero allowed)
  const auto count = [&](const std::string &what, const char *text, int lo, int hi) {
    const int v = strcmp(text, "0") == 0 ? 0 : args.positive_integer(what, text);
    if (v < lo || v > hi) args.fail(fmt::format("{} must be between {} and {}, got '{}'", what, lo, hi, text));
    return v;
  };
  // the core's parameters by keyword (mgg_artn.h)
  const std::map<std::string, double *> reals = {
      {"push_initial", &p.push_initial}, {"push_increment", &p.push_increment},
      {"eigen_step_max", &p.eigen_step_max}, {"perp_force_ratio", &p.perp_force_ratio},
      {"perp_dmax", &p.perp_dmax}, {"force_tol", &p.force_tol}, {"max_energy", &p.max_energy},
      {"max_displacement", &p.max_displacement}, {"lanczos_fd_step", &p.lanczos_fd_step},
      {"lanczos_tol", &p.lanczos_tol}, {"validate_lanczos_tol", &p.validate_lanczos_tol},
      {"validate_step", &p.validate_step}, {"validate_ftol", &p.validate_ftol},
      {"same_energy", &p.same_energy}, {"same_distance", &p.same_distance},
      {"local_radius", &local_radius}, {"ftol", &ftol}, {"duplicate_energy", &duplicate_energy},
      {"duplicate_distance", &duplicate_distance}};
  const std::map<std::string, int *> integers = {
      {"max_basin_steps", &p.max_basin_steps}, {"max_activation_steps", &p.max_activation_steps},
      {"max_retries", &p.max_retries}, {"per_atom", &per_atom}};
  const std::map<std::string, long *> longs = {{"max_evaluations", &p.max_evaluations},
                                               {"validate_max_evals", &p.validate_max_evals}};
  for (int iarg = 3; iarg < narg; iarg += 2) {
    const char *value = args.value_of(narg, arg, iarg);
    const std::string key = arg[iarg];
    if (key == "order")
      order_random = args.choice("order", value, ORDERS) == 1;
    else if (key == "seed")
      seed = static_cast<uint64_t>(args.positive_integer("seed", value));
    else if (key == "file")
      event_path = value;
    else if (key == "saddles")
      saddle_path = value;
    else if (key == "mode")
      mode_request = args.choice("mode", value, MODES);
    else if (key == "push_radius")
      push_radius = args.non_negative_number("push_radius", value);
    else if (key == "lost_curvature")
      p.lost_curvature = args.non_negative_number("lost_curvature", value);
    else if (reals.count(key))
      *reals.at(key) = args.positive_number(key, value);
    else if (integers.count(key))
      *integers.at(key) = args.positive_integer(key, value);
    else if (longs.count(key))
      *longs.at(key) = args.positive_integer(key, value);
    else if (key == "eigenvalue_threshold" || key == "refine_threshold") {
      if (value[0] != '-') args.fail(key + " must be negative, got '" + value + "'");
      *(key == "refine_threshold" ? &refine_threshold : &p.eigenvalue_threshold) =
          -args.positive_number(key, value + 1);
    } else if (key == "basin_perp_evals" || key == "perp_evals")
      *(key == "perp_evals" ? &p.perp_evals : &p.basin_perp_evals) = count(key, value, 0, INT_MAX);
    else if (key == "lanczos_max_iter" || key == "validate_lanczos_max_iter")
      *(key == "lanczos_max_iter" ? &p.lanczos_max_iter : &p.validate_lanczos_max_iter) =
          count(key, value, 2, MGG_LANCZOS_MAX_ITER);
    else if (key == "force_criterion")
      p.force_norm = args.choice("force_criterion", value, CRITERIA);
    else if (key == "validate")
      p.validate = args.choice("validate", value, YES_NO);
    else if (key == "curvatures")
      exact_curvatures = args.choice("curvatures", value, CURVATURES) == 0;
    else if (key == "higher_order")
      p.continue_higher_order = args.choice("higher_order", value, HIGHER_ORDER) == 1;
    else if (key == "basin_push")
      p.basin_push_fixed = args.choice("basin_push", value, BASIN_PUSHES);
    else if (key == "relax_final")
      p.relax_final = args.choice("relax_final", value, YES_NO);
    else
      args.fail("unknown keyword '" + key + "'");
  }
  if (mode_request == LOCAL && push_radius > local_radius)
    args.fail(fmt::format("push_radius {} must not exceed local_radius {} (only the atoms within "
                          "local_radius move)", push_radius, local_radius));
}

int FixArtn::setmask()
{
  return INITIAL_INTEGRATE;
}

void FixArtn::init()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  if (!force->pair) args.fail("needs a pair style");
  if (force->kspace || atom->molecular != Atom::ATOMIC)
    args.fail("supports pair styles only (no kspace, bonds or molecules)");
  if (strcmp(update->unit_style, "metal") != 0) args.fail("needs units metal (its defaults are in eV and A)");
  if (!domain->xperiodic || !domain->yperiodic || !domain->zperiodic)
    args.fail("needs a box periodic in x, y and z");
  mgg::require_own_relaxation(args, lmp, this, "moves the atoms itself");
  if (group->count(igroup) == 0) args.fail("group has no atoms (no search centres)");
  const bool eam_style = mgg::pair_is_eam(lmp);
  if (mode_request == LOCAL && !eam_style)
    args.fail(std::string("mode local needs pair style eam, eam/alloy or eam/fs, not ") + force->pair_style);
  local = mode_request == LOCAL || (mode_request == AUTO && eam_style);
  if (local && universe->nworlds > 1)
    args.fail("partitions (-partition) share searches in full mode only: in local mode run one "
              "partition on more MPI ranks, which share the local phases");
  if (local && push_radius > local_radius)
    args.fail(fmt::format("push_radius {} must not exceed local_radius {} (only the atoms within "
                          "local_radius move)", push_radius, local_radius));
  mgg_eam_free(eam);
  eam = eam_style ? mgg::eam_from_pair(lmp, args) : nullptr;
}

// The files on the first rank: appended to when the fix continues them (resume()).
void FixArtn::open_files(bool append_events, bool append_saddles)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  // one writer: the first rank of the first partition (the others share its searches)
  if (comm->me != 0 || universe->iworld != 0) return;
  if (!event_path.empty() && !event_file) {
    event_file = fopen(event_path.c_str(), append_events ? "a" : "w");
    if (!event_file) args.fail_local("cannot open event file " + event_path);
    if (!append_events)
      fputs(mgg::artn_event_header(local, seed, params.force_norm).c_str(), event_file);
    fflush(event_file);
  }
  if (!saddle_path.empty() && !saddle_file) {
    saddle_file = fopen(saddle_path.c_str(), append_saddles ? "a" : "w");
    if (!saddle_file) args.fail_local("cannot open saddle file " + saddle_path);
  }
}

void FixArtn::setup(int /*vflag*/)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  const mgg::ArtnEventFile file = set_up ? mgg::ArtnEventFile() : continue_files();
  relax_initial();
  std::vector<tagint> group_tags;
  for (int i = 0; i < atom->nlocal; i++)
    if (atom->mask[i] & groupbit) group_tags.push_back(atom->tag[i]);
  const mgg::AtomRows in_group =
      mgg::gather_by_tag(args, lmp, group_tags, std::vector<double>(group_tags.size(), 0.0), 1, true);
  centres = in_group.tag;
  if (order_random) {
    // Fisher-Yates with the run's seed: the same order on every rank and partition
    std::mt19937_64 gen(seed);
    for (size_t k = centres.size(); k > 1; k--) std::swap(centres[k - 1], centres[gen() % k]);
  }
  if (comm->me == 0)
    utils::logmesg(lmp, fmt::format("Fix artn: {} mode, {} centres x {} searches each; converged "
                                    "when the {} of the force is below {} eV/A; E0 = {:.6f} eV\n",
                                    local ? "local (EAM cluster of radius " +
                                                std::to_string(local_radius) + " A)" : "full",
                                    centres.size(), per_atom,
                                    params.force_norm ? "2-norm" : "largest component",
                                    params.force_tol, e0));
  if (local) check_engine();
  if (!set_up) resume(file);
  set_up = true;
  fill_store();
}

// Local mode: the EAM engine's energy and forces of the whole minimum against the pair style's
// (the refinements use the engine's); e0_engine is the refinements' reference energy.
void FixArtn::check_engine()
{
  std::vector<double> f_pair(x0.size()), f_engine(x0.size());
  const double e_pair = full_energy_forces(x0.data(), f_pair.data());
  mgg::EamCluster whole(eam, mgg::current_cell(lmp), x0, types);
  e0_engine = whole.energy_forces(x0.data(), f_engine.data());
  double df = 0.0;
  for (size_t k = 0; k < x0.size(); k++) df = std::max(df, std::fabs(f_engine[k] - f_pair[k]));
  const double de = std::fabs(e0_engine - e_pair);
  if (comm->me == 0)
    utils::logmesg(lmp, fmt::format("Fix artn: EAM engine against pair style {} at the minimum: energy "
                                    "difference {:.3g} eV, largest force component difference {:.3g} "
                                    "eV/A\n", force->pair_style, de, df));
  if (whole.status != MGG_OK || de > ENGINE_ENERGY_TOL * std::fabs(e_pair) || df > ENGINE_FORCE_TOL)
    mgg::StyleArgs(lmp, "Fix", STYLE).fail(fmt::format("the EAM engine built from pair style {}'s "
        "tables differs from it (energy by {:.3g} eV, a force component by {:.3g} eV/A): local "
        "mode needs the pair style alone (use mode full)", force->pair_style, de, df));
}

// A fix whose event file exists continues it (after read_restart or not): the file read back
// (its mode and seed this fix's) and both files opened to be appended to; the rest is resume().
// Collective; at the first setup, before the initial relaxation (errors come first).
mgg::ArtnEventFile FixArtn::continue_files()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  const auto mode_name = [](bool is_local) { return is_local ? "local" : "full"; };
  if (restart_mode >= 0 && (restart_mode == LOCAL) != local)
    args.fail(fmt::format("fix {} of the restart file ran in {} mode, this one in {}: give this "
                          "fix another ID to start a new count", id, mode_name(restart_mode == LOCAL),
                          mode_name(local)));
  mgg::ArtnEventFile file;
  if (!event_path.empty()) file = mgg::read_artn_events(lmp, args, event_path);
  if (file.found && (file.seed != seed || file.local != local))
    args.fail(fmt::format("event file {} holds searches in {} mode with seed {}, this fix runs {} "
                          "mode with seed {}: give another file name, or the same seed and mode "
                          "to continue it", event_path, mode_name(file.local), file.seed,
                          mode_name(local), seed));
  // every partition has read the file before the first creates it
  MPI_Barrier(universe->uworld);
  open_files(file.found, file.found || restart_mode >= 0);
  return file;
}

// The searches of a continued event file skipped, the counters rebuilt from its lines beyond the
// restart's steps (those before are in the restart), the distinct saddles read back from the
// saddle dump for duplicates. Collective; at the first setup (the minimum and the centres known).
void FixArtn::resume(const mgg::ArtnEventFile &file)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  const bigint total = static_cast<bigint>(centres.size()) * per_atom;
  for (const mgg::ArtnEvent &e : file.events) {
    if (e.search > total || centres[(e.search - 1) / per_atom] != e.atom)
      args.fail(fmt::format("event file {}: search {} has centre atom {}, this fix's search {} {} "
                            "(another group, order or per_atom)", event_path, e.search, e.atom,
                            e.search, e.search > total ? "does not exist" :
                            "has atom " + std::to_string(centres[(e.search - 1) / per_atom])));
    if (e.search <= steps) continue;
    done_before.insert(e.search);
    const bool validated = e.status == status_word(MGG_ARTN_SADDLE) ||
                           (!params.validate && e.status == status_word(MGG_ARTN_CONVERGED));
    tally.count(e.atom, validated, e.duplicate_of < 0, e.e_act, e.cost);
    if (validated && e.duplicate_of < 0) saddles_to_read.push_back({e.search, e0 + e.e_act});
  }
  if (!saddles_to_read.empty()) {
    std::vector<bigint> wanted;
    for (const auto &sd : saddles_to_read) wanted.push_back(sd.first);
    const auto frames = saddle_path.empty() ? std::map<bigint, std::vector<double>>()
                                            : mgg::read_artn_saddles(lmp, args, saddle_path, wanted,
                                                                     tags, x0, mgg::current_cell(lmp));
    for (const auto &sd : saddles_to_read) {
      const auto it = frames.find(sd.first);
      if (it != frames.end()) saddles.push_back({it->second, sd.second, sd.first});
    }
    if (frames.size() < saddles_to_read.size() && comm->me == 0)
      error->warning(FLERR, fmt::format("Fix artn: {} of the {} distinct saddles found before are "
                                        "not in the saddle dump{}: duplicates of them are not detected",
                                        saddles_to_read.size() - frames.size(), saddles_to_read.size(),
                                        saddle_path.empty() ? " (no keyword saddles)" : " " + saddle_path));
    std::sort(saddles.begin(), saddles.end(), [](const Saddle &a, const Saddle &b) { return a.search < b.search; });
    saddles_to_read.clear();
  }
  if (comm->me == 0 && (file.found || restart_mode >= 0))
    utils::logmesg(lmp, fmt::format("Fix artn: continuing {} searches done before ({} from the "
                                    "restart file, {} from event file {}), {} validated saddles\n",
                                    tally.searches(), tally.searches() - static_cast<bigint>(done_before.size()),
                                    done_before.size(), event_path.empty() ? "-" : event_path, tally.saddles()));
}

// The seed, the mode, the steps done, the tally and the distinct saddles (mgg_artn_tally.h).
void FixArtn::write_restart(FILE *fp)
{
  if (comm->me != 0) return;
  mgg::ArtnRestart r{seed, set_up ? (local ? LOCAL : FULL) : restart_mode, steps, tally, {}};
  for (const Saddle &sd : saddles) r.saddles.push_back({sd.search, sd.energy});
  mgg::write_artn_restart(fp, r);
}

void FixArtn::restart(char *buf)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  const mgg::ArtnRestart r = mgg::read_artn_restart(args, buf, id);
  if (r.seed != seed)
    args.fail(fmt::format("fix {} of the restart file used seed {}, this one seed {}: give this fix "
                          "another ID to start a new count", id, r.seed, seed));
  restart_mode = r.mode;
  steps = r.steps;
  tally = r.tally;
  saddles_to_read = r.saddles;
}

// Relaxes the configuration the run starts from (CG as minimize, to ftol on the force 2-norm):
// every search starts at this minimum, held on every rank in ID order.
void FixArtn::relax_initial()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) start[i][a] = atom->x[i][a];
  // a configuration already at a minimum is taken as it is: a relaxation would still take a
  // line-search step whose rounding depends on the number of ranks (and the searches with it)
  e0 = evaluator.energy_force(true);
  double f2 = 0.0, all_f2 = 0.0;
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) f2 += atom->f[i][a] * atom->f[i][a];
  MPI_Allreduce(&f2, &all_f2, 1, MPI_DOUBLE, MPI_SUM, world);
  mgg::RelaxResult r;
  r.evals = 1;
  if (std::sqrt(all_f2) > ftol) {
    r = relaxer.relax(relax_params, 0, ftol);
    e0 = r.energy;
  }
  const std::vector<double> d = mgg::displacements(lmp, start, 0);
  double moved2 = 0.0, all2 = 0.0;
  for (size_t k = 0; k + 2 < d.size(); k += 3)
    moved2 = std::max(moved2, d[k] * d[k] + d[k + 1] * d[k + 1] + d[k + 2] * d[k + 2]);
  MPI_Allreduce(&moved2, &all2, 1, MPI_DOUBLE, MPI_MAX, world);
  if (comm->me == 0 && std::sqrt(all2) > MOVED_WARNING)
    error->warning(FLERR, fmt::format("Fix artn: the starting configuration was not at a minimum: "
                                      "its relaxation ({} force evaluations) moved an atom by "
                                      "{:.4f} A; the searches start from the relaxed state",
                                      r.evals, std::sqrt(all2)));
  std::vector<double> rows(4 * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++) {
    domain->unmap(atom->x[i], atom->image[i], &rows[4 * i]);
    rows[4 * i + 3] = atom->type[i];
  }
  const mgg::AtomRows all = mgg::gather_by_tag(args, lmp, mgg::local_tags(lmp), rows, 4, true);
  const std::vector<double> previous = x0;
  tags = all.tag;
  const size_t n = tags.size();
  x0.resize(3 * n);
  types.resize(n);
  for (size_t k = 0; k < n; k++) {
    std::copy_n(all.row(k), 3, &x0[3 * k]);
    types[k] = static_cast<int>(all.row(k)[3]);
  }
  // saddles remembered from an earlier run are duplicates only of searches from its minimum
  if (previous.size() != x0.size() ||
      !mgg_artn_same_state(n, previous.data(), 0.0, x0.data(), 0.0, 1.0, params.same_distance, 1))
    saddles.clear();
  // searches run ahead are of this minimum and cell only
  const mgg_cell cell = mgg::current_cell(lmp);
  if (previous != x0 || memcmp(cell.h, batched_cell.h, sizeof cell.h) != 0) batched.clear();
  batched_cell = cell;
}

// Positions u (3 per atom, ID order, unwrapped) to the owned atoms, in their current images.
void FixArtn::set_positions(const double *u)
{
  const double zero[3] = {0.0, 0.0, 0.0};
  for (int i = 0; i < atom->nlocal; i++) {
    const size_t k = std::lower_bound(tags.begin(), tags.end(), atom->tag[i]) - tags.begin();
    double shift[3];
    domain->unmap(zero, atom->image[i], shift);
    for (int a = 0; a < 3; a++) atom->x[i][a] = u[3 * k + a] - shift[a];
  }
}

// Whole-system energy and forces (ID order, on every rank) at positions u.
double FixArtn::full_energy_forces(const double *u, double *f)
{
  set_positions(u);
  const double energy = evaluator.energy_force(false);
  std::vector<double> rows(3 * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) rows[3 * i + a] = atom->f[i][a];
  const mgg::AtomRows all =
      mgg::gather_by_tag(mgg::StyleArgs(lmp, "Fix", STYLE), lmp, mgg::local_tags(lmp), rows, 3, true);
  std::copy(all.values.begin(), all.values.end(), f);
  return energy;
}

// Index in ID order of search k's centre (k 1-based).
size_t FixArtn::centre_index(bigint k) const
{
  const tagint centre_tag = centres[(k - 1) / per_atom];
  return std::lower_bound(tags.begin(), tags.end(), centre_tag) - tags.begin();
}

// The local phase of search k: the search on the EAM cluster around its centre.
mgg::ArtnLocalResult FixArtn::local_phase(bigint k) const
{
  mgg::ArtnLocalResult out;
  mgg::EamCluster cl(eam, mgg::current_cell(lmp), x0, types, centre_index(k), local_radius);
  const size_t m = cl.n;
  std::vector<double> push(3 * m), f(3 * m), hv(3 * m);
  std::vector<long> ids(m);
  for (size_t j = 0; j < m; j++) ids[j] = static_cast<long>(tags[cl.global[j]]);
  mgg_artn_random_push(m, cl.distance.data(), ids.data(), push_radius, seed,
                       static_cast<uint64_t>(k), push.data());
  std::vector<int> mobile(3 * m, 0);
  std::fill(mobile.begin(), mobile.begin() + 3 * cl.n_mobile, 1);
  mgg_artn_params p = params;
  p.lanczos_fd_step = 0.0;  // exact products from the EAM engine
  p.remove_translation = 0;
  p.relax_final = 0;  // the refinement relaxes the whole system's other minimum
  // the energy atoms hold every atom a mobile atom within local_radius + MARGIN of the centre
  // interacts with: how far the centre may go, not only 2 A per atom
  p.reach_radius = local_radius + mgg::EamCluster::MARGIN;
  for (int a = 0; a < 3; a++) p.reach_centre[a] = cl.x0[a];
  const double e_local = cl.energy_forces(cl.x0.data(), f.data());
  Search loc;
  loc.work.resize(mgg_artn_work_size(m, &p) / sizeof(double) + 1);
  out.error = mgg_artn_start(&p, m, cl.x0.data(), e_local, push.data(), mobile.data(),
                             loc.work.data(), loc.work.size() * sizeof(double), &loc.s);
  if (out.error != MGG_OK) {
    out.error_at = mgg::ARTN_ERROR_START;
    return out;
  }
  mgg_artn &s = loc.s;
  mgg_artn_request req = mgg_artn_step(&s, 0.0, nullptr);
  while (req != MGG_ARTN_DONE) {
    double energy = 0.0;
    if (req == MGG_ARTN_EVALUATE)
      energy = cl.energy_forces(s.point, f.data());
    else
      cl.hessian_vector(s.point, s.direction, hv.data());
    if (cl.status != MGG_OK) {
      out.error = cl.status;
      out.error_at = mgg::ARTN_ERROR_CLUSTER;
      return out;
    }
    req = mgg_artn_step(&s, energy, req == MGG_ARTN_EVALUATE ? f.data() : hv.data());
  }
  out.outcome = mgg::artn_outcome(s);
  out.calls = cl.calls;
  // whole-system equivalents by the atoms whose terms a call evaluates: a force call the mobile
  // atoms', a product's plan the energy atoms'
  out.cost = (static_cast<double>(cl.calls - cl.product_calls) * static_cast<double>(cl.n_mobile) +
              static_cast<double>(cl.product_calls) * static_cast<double>(cl.n_energy)) /
             static_cast<double>(tags.size());
  const double *xs = mgg_artn_saddle(&s), *es = mgg_artn_eigenvector(&s);
  for (size_t j = 0; j < cl.n_mobile; j++) {
    out.mobile.push_back(cl.global[j]);
    for (int a = 0; a < 3; a++) out.x.push_back(x0[3 * cl.global[j] + a] + xs[3 * j + a] - cl.x0[3 * j + a]);
    out.e.insert(out.e.end(), es + 3 * j, es + 3 * j + 3);
  }
  return out;
}

// The searches from k to last not done before, at most count of them.
std::vector<bigint> FixArtn::next_searches(bigint k, bigint last, int count) const
{
  last = std::min(last, static_cast<bigint>(centres.size()) * per_atom);
  std::vector<bigint> batch;
  for (bigint j = k; j <= last && static_cast<int>(batch.size()) < count; j++)
    if (!done_before.count(j)) batch.push_back(j);
  return batch;
}

// The whole search k on this rank alone (local mode): its local phase and, when that converged,
// the local saddle refined for the whole system with the EAM engine's forces and products. It
// uses only what every rank holds (the minimum, the cell, the EAM tables), so its result depends
// only on k. An error is returned, not raised: the other ranks are running other searches.
mgg::ArtnSearchResult FixArtn::local_search(bigint k) const
{
  const size_t n = tags.size();
  const mgg::ArtnLocalResult loc = local_phase(k);
  mgg::ArtnSearchResult res;
  res.saddle = x0;  // whole-system coordinates of the search's final point
  res.error = loc.error;
  res.error_at = loc.error_at;
  if (loc.error != MGG_OK) return res;
  res.local_calls = loc.calls;
  res.cost = loc.cost;
  res.local_status = loc.outcome.status;
  std::vector<double> &saddle = res.saddle;
  std::vector<double> mode(3 * n, 0.0);  // the local saddle's eigenvector in the whole system
  for (size_t j = 0; j < loc.mobile.size(); j++) {
    std::copy_n(&loc.x[3 * j], 3, &saddle[3 * static_cast<size_t>(loc.mobile[j])]);
    std::copy_n(&loc.e[3 * j], 3, &mode[3 * static_cast<size_t>(loc.mobile[j])]);
  }
  mgg::ArtnOutcome &r = res.outcome;
  r = loc.outcome;
  if (r.status != MGG_ARTN_SADDLE && r.status != MGG_ARTN_CONVERGED) return res;

  // the local saddle refined for the whole system: a search whose first push lands on it
  // (mgg_artn_refine_params), started on its eigenvector
  std::vector<double> push_full(3 * n);
  mgg_artn_displacement(n, x0.data(), saddle.data(), 1, 0.0, push_full.data(), nullptr);
  mgg_artn_params q;
  const double push_norm = std::sqrt(std::inner_product(push_full.begin(), push_full.end(), push_full.begin(), 0.0));
  mgg_artn_refine_params(&params, push_norm, refine_threshold, &q);
  q.lanczos_fd_step = 0.0;  // exact products of the whole system from the EAM engine
  // the whole system's second curvature sits in a dense low-frequency spectrum that 64
  // Lanczos products rarely resolve: exact curvatures from a sparse factorisation
  q.caller_curvatures = exact_curvatures ? 1 : 0;
  q.validate_lanczos_max_iter = MGG_LANCZOS_MAX_ITER;
  mgg::EamCluster whole(eam, mgg::current_cell(lmp), x0, types);
  Search full;
  full.work.resize(mgg_artn_work_size(n, &q) / sizeof(double) + 1);
  // the engine's whole-system forces, not LAMMPS's: the same on any rank and any number of ranks
  // (LAMMPS sums them in an order that depends on the domain decomposition, and a long
  // refinement along a small curvature amplified that rounding), and checked against the pair
  // style at the minimum (check_engine())
  res.error = mgg_artn_start(&q, n, x0.data(), e0_engine, push_full.data(), nullptr, full.work.data(),
                             full.work.size() * sizeof(double), &full.s);
  if (res.error == MGG_OK) res.error = mgg_artn_start_mode(&full.s, mode.data());
  if (res.error != MGG_OK) {
    res.error_at = mgg::ARTN_ERROR_START;
    return res;
  }
  res.full_evals = drive_search(full.s, 3 * n, &whole,
                                [&whole](const double *u, double *f) { return whole.energy_forces(u, f); });
  if (whole.status != MGG_OK) {
    res.error = whole.status;
    res.error_at = mgg::ARTN_ERROR_ENGINE;
    return res;
  }
  res.cost += res.full_evals;
  const std::vector<double> local_saddle(saddle);
  std::copy_n(mgg_artn_saddle(&full.s), 3 * n, saddle.begin());
  res.refine_shift = mgg_artn_displacement(n, local_saddle.data(), saddle.data(), 1, 0.0, nullptr, nullptr);
  r = mgg::artn_outcome(full.s);
  // the steps of the whole search: the local one's and the refinement's
  r.basin_steps += loc.outcome.basin_steps;
  r.activation_steps += loc.outcome.activation_steps;
  r.retries += loc.outcome.retries;
  return res;
}

// Search k (1-based) in full mode on all ranks of this partition: the whole-system search with
// LAMMPS forces (with an EAM pair style, exact curvatures in its validation).
mgg::ArtnSearchResult FixArtn::full_search(bigint k)
{
  const size_t n = tags.size();
  const size_t centre = centre_index(k);
  const mgg_cell cell = mgg::current_cell(lmp);
  std::vector<double> dist(n), push(3 * n);
  std::vector<long> ids(tags.begin(), tags.end());
  for (size_t j = 0; j < n; j++) {
    double d[3];
    for (int a = 0; a < 3; a++) d[a] = x0[3 * j + a] - x0[3 * centre + a];
    mgg_cell_minimum_image(&cell, d);
    dist[j] = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  }
  mgg_artn_random_push(n, dist.data(), ids.data(), push_radius, seed, static_cast<uint64_t>(k), push.data());
  mgg_artn_params p = params;
  p.remove_translation = 1;
  std::unique_ptr<mgg::EamCluster> whole;
  if (eam && exact_curvatures) whole = std::make_unique<mgg::EamCluster>(eam, cell, x0, types);
  p.caller_curvatures = whole ? 1 : 0;
  Search full;
  full.work.resize(mgg_artn_work_size(n, &p) / sizeof(double) + 1);
  mgg::ArtnSearchResult res;
  res.error = mgg_artn_start(&p, n, x0.data(), e0, push.data(), nullptr, full.work.data(),
                             full.work.size() * sizeof(double), &full.s);
  if (res.error != MGG_OK) mgg::StyleArgs(lmp, "Fix", STYLE).fail(search_error(k, mgg::ARTN_ERROR_START, res.error));
  res.full_evals = res.cost = drive_search(full.s, 3 * n, whole.get(), [this](const double *u, double *f) {
    return full_energy_forces(u, f);
  });
  if (whole && whole->status != MGG_OK)
    mgg::StyleArgs(lmp, "Fix", STYLE).fail(search_error(k, mgg::ARTN_ERROR_ENGINE, whole->status));
  res.outcome = mgg::artn_outcome(full.s);
  res.saddle.assign(mgg_artn_saddle(&full.s), mgg_artn_saddle(&full.s) + 3 * n);
  // the atoms back at the minimum
  set_positions(x0.data());
  evaluator.rebuild();
  return res;
}

// Search k and the searches not yet done after it in this run, up to BATCH_PER_PROCESS per
// process, shared out over the processes as they become free (mgg::share_out_searches), their
// results then on every rank: in local mode the processes are the ranks (local_search()), in
// full mode the partitions (-partition). Each search depends only on its number, so the results
// do not depend on the number of ranks or partitions, nor on which process ran which search.
void FixArtn::run_batch(bigint k)
{
  const int processes = local ? comm->nprocs : universe->nworlds;
  const bigint last = k + (update->laststep - update->ntimestep);
  const std::vector<bigint> batch = next_searches(k, last, processes * BATCH_PER_PROCESS);
  mgg::share_out_searches(local ? world : universe->uworld, local ? MPI_COMM_SELF : world, batch,
                          [this](bigint j) { return local ? local_search(j) : full_search(j); },
                          batched);
}

// Search k's validation outcome, the counters and its line in the outputs (the same on every
// partition; the files written by the first).
void FixArtn::record_search(bigint k, const mgg::ArtnSearchResult &res)
{
  const tagint centre_tag = centres[(k - 1) / per_atom];
  const size_t n = tags.size();
  const size_t centre = centre_index(k);
  const mgg::ArtnOutcome &r = res.outcome;
  const std::vector<double> &saddle = res.saddle;
  const bool validated = r.status == MGG_ARTN_SADDLE || (r.status == MGG_ARTN_CONVERGED && !params.validate);
  size_t moved;
  const double largest = mgg_artn_displacement(n, x0.data(), saddle.data(), 1, MOVED_ATOM, nullptr, &moved);
  bigint duplicate_of = -1;
  if (validated) {
    for (const Saddle &known : saddles)
      if (mgg_artn_same_state(n, known.x.data(), known.energy, saddle.data(), r.energy, duplicate_energy,
                              duplicate_distance, 1)) {
        duplicate_of = known.search;
        break;
      }
    if (duplicate_of < 0) saddles.push_back({saddle, r.energy, k});
    if (saddle_file) mgg::write_artn_saddle(lmp, saddle_file, k, tags, types, saddle);
  }
  tally.count(centre_tag, validated, duplicate_of < 0, r.e_act, res.cost);
  if (event_file) {
    const std::string local_status =
        res.local_status < 0 ? "-" : status_word(static_cast<mgg_artn_status>(res.local_status));
    fprintf(event_file,
            BIGINT_FORMAT " " TAGINT_FORMAT " %d %s %.6f %.6g %.6g %.6g %.1f %.4f %ld " BIGINT_FORMAT
            " %llu %.0f %ld %s %.4f %d %d %d %.6f\n",
            k, centre_tag, types[centre], status_word(r.status).c_str(), r.e_act, r.eigenvalue[0],
            r.eigenvalue[1], params.force_norm ? r.force_norm : r.max_force, res.cost, largest, moved,
            duplicate_of, static_cast<unsigned long long>(seed), res.full_evals, res.local_calls,
            local_status.c_str(), res.refine_shift, r.basin_steps, r.activation_steps, r.retries,
            r.e_final);
    fflush(event_file);
  }
}

void FixArtn::initial_integrate(int /*vflag*/)
{
  const bigint k = ++steps;
  if (k <= static_cast<bigint>(centres.size()) * per_atom && !done_before.count(k)) {
    if (!batched.count(k)) run_batch(k);
    const mgg::ArtnSearchResult res = std::move(batched[k]);
    batched.erase(k);
    if (res.error != MGG_OK) mgg::StyleArgs(lmp, "Fix", STYLE).fail(search_error(k, res.error_at, res.error));
    record_search(k, res);
  }
  fill_store();
}

// The per-atom outputs of the owned atoms from the statistics every rank holds.
void FixArtn::fill_store()
{
  for (int i = 0; i < atom->nlocal; i++) {
    const mgg::ArtnTally::AtomStats st = tally.atom(atom->tag[i]);
    out[i][OUT_SEARCHES] = st.searches;
    out[i][OUT_SADDLES] = st.saddles;
    out[i][OUT_MIN_EACT] = st.min_eact;
    out[i][OUT_MEAN_EACT] = st.mean_eact();
  }
}

// f_ID[i + 1]: the tally's (mgg_artn_tally.h)
double FixArtn::compute_vector(int i)
{
  return tally.global(i);
}

void FixArtn::grow_arrays(int nmax)
{
  arrays.grow(nmax);
  out = arrays[out_array];
  start = arrays[start_array];
  array_atom = out;
}

void FixArtn::copy_arrays(int i, int j, int /*delflag*/)
{
  arrays.copy(i, j);
}

int FixArtn::pack_exchange(int i, double *buf)
{
  return arrays.pack(i, buf);
}

int FixArtn::unpack_exchange(int nlocal, double *buf)
{
  return arrays.unpack(nlocal, buf);
}

int FixArtn::pack_reverse_comm(int n, int first, double *buf)
{
  return evaluator.pack_reverse_comm(n, first, buf);
}

void FixArtn::unpack_reverse_comm(int n, int *list, double *buf)
{
  evaluator.unpack_reverse_comm(n, list, buf);
}

double FixArtn::memory_usage()
{
  double bytes = arrays.memory_usage() + relaxer.memory_usage();
  for (const Saddle &sd : saddles) bytes += static_cast<double>(sd.x.size() * sizeof(double));
  return bytes;
}
