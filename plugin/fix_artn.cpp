#include "fix_artn.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "group.h"
#include "modify.h"
#include "pair.h"
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
#include <random>

using namespace LAMMPS_NS;
using namespace FixConst;

namespace {

const char *const STYLE = "artn";
const char *const YES_NO[] = {"no", "yes", nullptr};
const char *const BASIN_PUSHES[] = {"displacement", "push", nullptr};
const char *const HIGHER_ORDER[] = {"fail", "continue", nullptr};
const char *const CURVATURES[] = {"exact", "lanczos", nullptr};
const char *const ORDERS[] = {"id", "random", nullptr};
const char *const MODES[] = {"auto", "full", "local", nullptr};
const char *const CRITERIA[] = {"max", "fnorm", nullptr};

// per-atom outputs (array_atom), then the position before the initial relaxation
enum { OUT_SEARCHES, OUT_SADDLES, OUT_MIN_EACT, OUT_MEAN_EACT, N_OUT, COL_START = N_OUT, NCOLS = COL_START + 3 };

// an atom whose initial relaxation moved it farther than this (A) is reported
constexpr double MOVED_WARNING = 0.01;
// atoms displaced farther than this from the minimum (A) count as moved (event file)
constexpr double MOVED_ATOM = 0.1;
// whole-system force evaluations one exact curvature request costs: 10-15 s against 38-77 ms
// per evaluation on the 2,000-atom glass, measured side by side (bench/RESULTS.md)
constexpr double CURVATURES_COST = 300.0;

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
  time_integrate = 1;
  comm_reverse = 6;  // the evaluator's per-atom virial (not used here, but its protocol)
  store_array = arrays.add(NCOLS);
  maxexchange = arrays.width();
  grow_arrays(atom->nmax);
  atom->add_callback(Atom::GROW);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int c = 0; c < NCOLS; c++) store[i][c] = 0.0;
    store[i][OUT_MIN_EACT] = store[i][OUT_MEAN_EACT] = -1.0;
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
      {"local_radius", &local_radius}, {"ftol", &ftol}};
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
    else if (reals.count(key))
      *reals.at(key) = args.positive_number(key, value);
    else if (integers.count(key))
      *integers.at(key) = args.positive_integer(key, value);
    else if (longs.count(key))
      *longs.at(key) = args.positive_integer(key, value);
    else if (key == "eigenvalue_threshold") {
      if (value[0] != '-') args.fail(std::string("eigenvalue_threshold must be negative, got '") + value + "'");
      p.eigenvalue_threshold = -args.positive_number("eigenvalue_threshold", value + 1);
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
  if (local && push_radius > local_radius)
    args.fail(fmt::format("push_radius {} must not exceed local_radius {} (only the atoms within "
                          "local_radius move)", push_radius, local_radius));
  mgg_eam_free(eam);
  eam = eam_style ? mgg::eam_from_pair(lmp, args) : nullptr;
}

void FixArtn::open_files()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  if (comm->me != 0) return;
  if (!event_path.empty() && !event_file) {
    event_file = fopen(event_path.c_str(), "w");
    if (!event_file) args.fail_local("cannot open event file " + event_path);
    fprintf(event_file,
            "# fix artn: mode %s, seed %llu; E_act (eV), eigenvalues (eV/A^2), max_force (eV/A, "
            "%s), force_evaluations (whole-system equivalents), displacement (A)\n"
            "# search atom type status E_act eigenvalue_1 eigenvalue_2 max_force "
            "force_evaluations displacement atoms_moved duplicate_of seed full_evaluations "
            "local_calls local_status refine_shift basin_steps activation_steps retries\n",
            local ? "local" : "full", static_cast<unsigned long long>(seed),
            params.force_norm ? "2-norm" : "largest component");
    fflush(event_file);
  }
  if (!saddle_path.empty() && !saddle_file) {
    saddle_file = fopen(saddle_path.c_str(), "w");
    if (!saddle_file) args.fail_local("cannot open saddle file " + saddle_path);
  }
}

void FixArtn::setup(int /*vflag*/)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  open_files();
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
  fill_store();
}

// Relaxes the configuration the run starts from (CG as minimize, to ftol on the force 2-norm):
// every search starts at this minimum, held on every rank in ID order.
void FixArtn::relax_initial()
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) store[i][COL_START + a] = atom->x[i][a];
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
  const std::vector<double> d = mgg::displacements(lmp, store, COL_START);
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
double FixArtn::full_energy_forces(const double *u, std::vector<double> &f)
{
  set_positions(u);
  const double energy = evaluator.energy_force(false);
  std::vector<double> rows(3 * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) rows[3 * i + a] = atom->f[i][a];
  const mgg::AtomRows all =
      mgg::gather_by_tag(mgg::StyleArgs(lmp, "Fix", STYLE), lmp, mgg::local_tags(lmp), rows, 3, true);
  f = all.values;
  return energy;
}

// Runs a started whole-system search to its end with LAMMPS forces; returns its cost in force
// evaluations (exact curvature requests at CURVATURES_COST each).
double FixArtn::drive_full(Search &search, mgg::EamCluster *products)
{
  std::vector<double> f, hv(x0.size()), curvatures;
  mgg_artn &s = search.s;
  mgg_artn_request req = mgg_artn_step(&s, 0.0, nullptr);
  while (req != MGG_ARTN_DONE) {
    if (req == MGG_ARTN_CURVATURES) {
      curvatures.resize(2 + 2 * x0.size());
      products->lowest_curvatures(s.point, s.eigenvalue[0], curvatures.data());
      req = mgg_artn_step(&s, 0.0, curvatures.data());
    } else if (req == MGG_ARTN_HESSIAN_VECTOR) {
      products->hessian_vector(s.point, s.direction, hv.data());
      if (products->status != MGG_OK)
        mgg::StyleArgs(lmp, "Fix", STYLE).fail(std::string("EAM Hessian-vector product: ") + mgg_status_message(products->status));
      req = mgg_artn_step(&s, 0.0, hv.data());
    } else {
      const double energy = full_energy_forces(s.point, f);
      req = mgg_artn_step(&s, energy, f.data());
    }
  }
  return static_cast<double>(s.evaluations + s.hessian_vectors) + CURVATURES_COST * static_cast<double>(s.curvature_requests);
}

namespace {

// the largest atom distance between two states after their mean translation is removed, and
// the number of atoms farther than moved apart
void compare_states(size_t n, const double *a, const double *b, double *largest, long *moved)
{
  double mean[3] = {0.0, 0.0, 0.0};
  for (size_t k = 0; k < n; k++)
    for (int c = 0; c < 3; c++) mean[c] += (b[3 * k + c] - a[3 * k + c]) / static_cast<double>(n);
  *largest = 0.0;
  *moved = 0;
  for (size_t k = 0; k < n; k++) {
    double d2 = 0.0;
    for (int c = 0; c < 3; c++) {
      const double d = b[3 * k + c] - a[3 * k + c] - mean[c];
      d2 += d * d;
    }
    *largest = std::max(*largest, std::sqrt(d2));
    if (d2 > MOVED_ATOM * MOVED_ATOM) (*moved)++;
  }
}

}    // namespace

// Search number k (1-based): its centre, its push, the search (local, then refined with LAMMPS
// forces; or whole-system), its validation, and its line in the outputs.
void FixArtn::one_search(bigint k)
{
  mgg::StyleArgs args(lmp, "Fix", STYLE);
  const tagint centre_tag = centres[(k - 1) / per_atom];
  const size_t n = tags.size();
  const size_t centre = std::lower_bound(tags.begin(), tags.end(), centre_tag) - tags.begin();
  const mgg_cell cell = mgg::current_cell(lmp);
  const auto started = [&](mgg_status st) {
    if (st != MGG_OK) args.fail(std::string("search ") + std::to_string(k) + ": " + mgg_status_message(st));
  };

  Search full, loc;
  const mgg_artn *result = nullptr;
  double cost = 0.0, full_evals = 0.0, refine_shift = -1.0;
  long local_calls = 0;
  std::string local_status = "-";
  std::vector<double> saddle(x0);  // whole-system coordinates of the search's final point

  if (!local) {
    std::vector<double> dist(n), push(3 * n);
    std::vector<long> ids(tags.begin(), tags.end());
    for (size_t j = 0; j < n; j++) {
      double d[3];
      for (int a = 0; a < 3; a++) d[a] = x0[3 * j + a] - x0[3 * centre + a];
      mgg_cell_minimum_image(&cell, d);
      dist[j] = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    }
    mgg_artn_random_push(n, dist.data(), ids.data(), push_radius, seed, static_cast<uint64_t>(k),
                         push.data());
    mgg_artn_params p = params;
    p.remove_translation = 1;
    // with an EAM pair style, exact curvatures in the validation (as the local mode's refinement)
    std::unique_ptr<mgg::EamCluster> whole;
    if (eam && exact_curvatures) whole = std::make_unique<mgg::EamCluster>(eam, cell, x0, types);
    p.caller_curvatures = whole ? 1 : 0;
    full.work.resize(mgg_artn_work_size(n, &p) / sizeof(double) + 1);
    started(mgg_artn_start(&p, n, x0.data(), e0, push.data(), nullptr, full.work.data(),
                           full.work.size() * sizeof(double), &full.s));
    full_evals = cost = drive_full(full, whole.get());
    result = &full.s;
    std::copy_n(mgg_artn_saddle(&full.s), 3 * n, saddle.begin());
  } else {
    mgg::EamCluster cl(eam, cell, x0, types, centre, local_radius);
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
    p.max_displacement = std::min(p.max_displacement, mgg::EamCluster::MARGIN);
    const double e_local = cl.energy_forces(cl.x0.data(), f.data());
    loc.work.resize(mgg_artn_work_size(m, &p) / sizeof(double) + 1);
    started(mgg_artn_start(&p, m, cl.x0.data(), e_local, push.data(), mobile.data(),
                           loc.work.data(), loc.work.size() * sizeof(double), &loc.s));
    mgg_artn &s = loc.s;
    mgg_artn_request req = mgg_artn_step(&s, 0.0, nullptr);
    while (req != MGG_ARTN_DONE) {
      double energy = 0.0;
      if (req == MGG_ARTN_EVALUATE)
        energy = cl.energy_forces(s.point, f.data());
      else
        cl.hessian_vector(s.point, s.direction, hv.data());
      if (cl.status != MGG_OK)
        args.fail(std::string("search ") + std::to_string(k) + ", EAM cluster: " + mgg_status_message(cl.status));
      req = mgg_artn_step(&s, energy, req == MGG_ARTN_EVALUATE ? f.data() : hv.data());
    }
    local_calls = cl.calls;
    cost = static_cast<double>(cl.calls) * static_cast<double>(cl.n_energy) / static_cast<double>(n);
    local_status = status_word(s.status);
    const double *xs = mgg_artn_saddle(&s);
    for (size_t j = 0; j < cl.n_mobile; j++)
      for (int a = 0; a < 3; a++) saddle[3 * cl.global[j] + a] = x0[3 * cl.global[j] + a] + xs[3 * j + a] - cl.x0[3 * j + a];
    result = &s;
    if (s.status == MGG_ARTN_SADDLE || s.status == MGG_ARTN_CONVERGED) {
      // the local saddle refined with LAMMPS forces: a whole-system search whose first push
      // lands on it (translation removed, as the whole-system search projects it out)
      std::vector<double> push_full(3 * n);
      double mean[3] = {0.0, 0.0, 0.0};
      for (size_t j = 0; j < 3 * n; j++) {
        push_full[j] = saddle[j] - x0[j];
        mean[j % 3] += push_full[j] / static_cast<double>(n);
      }
      double norm2 = 0.0;
      for (size_t j = 0; j < 3 * n; j++) {
        push_full[j] -= mean[j % 3];
        norm2 += push_full[j] * push_full[j];
      }
      mgg_artn_params q = params;
      q.remove_translation = 1;
      q.push_initial = std::sqrt(norm2);
      q.lanczos_fd_step = 0.0;  // exact products of the whole system from the EAM engine
      // the whole system's second curvature sits in a dense low-frequency spectrum that 64
      // Lanczos products rarely resolve: exact curvatures from a sparse factorisation
      q.caller_curvatures = exact_curvatures ? 1 : 0;
      q.validate_lanczos_max_iter = MGG_LANCZOS_MAX_ITER;
      mgg::EamCluster whole(eam, cell, x0, types);
      full.work.resize(mgg_artn_work_size(n, &q) / sizeof(double) + 1);
      started(mgg_artn_start(&q, n, x0.data(), e0, push_full.data(), nullptr, full.work.data(),
                             full.work.size() * sizeof(double), &full.s));
      full_evals = drive_full(full, &whole);
      cost += full_evals;
      const std::vector<double> local_saddle(saddle);
      std::copy_n(mgg_artn_saddle(&full.s), 3 * n, saddle.begin());
      long unused;
      compare_states(n, local_saddle.data(), saddle.data(), &refine_shift, &unused);
      result = &full.s;
    }
  }
  // the atoms back at the minimum
  set_positions(x0.data());
  evaluator.rebuild();

  const mgg_artn &r = *result;
  const bool validated = r.status == MGG_ARTN_SADDLE || (r.status == MGG_ARTN_CONVERGED && !params.validate);
  double largest;
  long moved;
  compare_states(n, x0.data(), saddle.data(), &largest, &moved);
  bigint duplicate_of = -1;
  AtomStats &st = stats[centre_tag];
  st.searches += 1.0;
  n_searches++;
  total_cost += cost;
  if (validated) {
    n_saddles++;
    st.saddles += 1.0;
    for (const Saddle &known : saddles)
      if (mgg_artn_same_state(n, known.x.data(), known.energy, saddle.data(), r.energy, 0.01, 0.1, 1)) {
        duplicate_of = known.search;
        break;
      }
    if (duplicate_of < 0) {
      saddles.push_back({saddle, r.energy, k});
      n_distinct++;
      st.min_eact = st.distinct > 0.0 ? std::min(st.min_eact, r.e_act) : r.e_act;
      st.sum_eact += r.e_act;
      st.distinct += 1.0;
    }
    write_saddle(k, saddle);
  }
  if (event_file) {
    fprintf(event_file,
            BIGINT_FORMAT " " TAGINT_FORMAT " %d %s %.6f %.6g %.6g %.6g %.1f %.4f %ld " BIGINT_FORMAT
            " %llu %.0f %ld %s %.4f %d %d %d\n",
            k, centre_tag, types[centre], status_word(r.status).c_str(), r.e_act, r.eigenvalue[0],
            r.eigenvalue[1], params.force_norm ? r.force_norm : r.max_force, cost, largest, moved,
            duplicate_of, static_cast<unsigned long long>(seed), full_evals, local_calls,
            local_status.c_str(), refine_shift, r.basin_steps, r.activation_steps, r.retries);
    fflush(event_file);
  }
}

// One frame of the saddle dump: the atoms in the box, unscaled, timestep = search number.
void FixArtn::write_saddle(bigint k, const std::vector<double> &x)
{
  if (!saddle_file) return;
  const Domain *d = domain;
  fprintf(saddle_file, "ITEM: TIMESTEP\n" BIGINT_FORMAT "\nITEM: NUMBER OF ATOMS\n%zu\n", k, tags.size());
  if (d->triclinic) {
    const double xlo = d->boxlo[0] + std::min({0.0, d->xy, d->xz, d->xy + d->xz});
    const double xhi = d->boxhi[0] + std::max({0.0, d->xy, d->xz, d->xy + d->xz});
    const double ylo = d->boxlo[1] + std::min(0.0, d->yz), yhi = d->boxhi[1] + std::max(0.0, d->yz);
    fprintf(saddle_file, "ITEM: BOX BOUNDS xy xz yz pp pp pp\n%.16g %.16g %.16g\n%.16g %.16g %.16g\n%.16g %.16g %.16g\n",
            xlo, xhi, d->xy, ylo, yhi, d->xz, d->boxlo[2], d->boxhi[2], d->yz);
  } else
    fprintf(saddle_file, "ITEM: BOX BOUNDS pp pp pp\n%.16g %.16g\n%.16g %.16g\n%.16g %.16g\n",
            d->boxlo[0], d->boxhi[0], d->boxlo[1], d->boxhi[1], d->boxlo[2], d->boxhi[2]);
  fprintf(saddle_file, "ITEM: ATOMS id type x y z\n");
  for (size_t j = 0; j < tags.size(); j++) {
    double y[3] = {x[3 * j], x[3 * j + 1], x[3 * j + 2]};
    domain->remap(y);
    fprintf(saddle_file, TAGINT_FORMAT " %d %.16g %.16g %.16g\n", tags[j], types[j], y[0], y[1], y[2]);
  }
  fflush(saddle_file);
}

void FixArtn::initial_integrate(int /*vflag*/)
{
  if (n_searches < static_cast<bigint>(centres.size()) * per_atom) one_search(n_searches + 1);
  fill_store();
}

// The per-atom outputs of the owned atoms from the statistics every rank holds.
void FixArtn::fill_store()
{
  for (int i = 0; i < atom->nlocal; i++) {
    const auto it = stats.find(atom->tag[i]);
    const AtomStats st = it == stats.end() ? AtomStats() : it->second;
    store[i][OUT_SEARCHES] = st.searches;
    store[i][OUT_SADDLES] = st.saddles;
    store[i][OUT_MIN_EACT] = st.min_eact;
    store[i][OUT_MEAN_EACT] = st.distinct > 0.0 ? st.sum_eact / st.distinct : -1.0;
  }
}

// [1] searches, [2] validated saddles, [3] their fraction of the searches, [4] whole-system
// force evaluations (equivalents) per validated saddle, [5] distinct saddles.
double FixArtn::compute_vector(int i)
{
  switch (i) {
    case 0: return static_cast<double>(n_searches);
    case 1: return static_cast<double>(n_saddles);
    case 2: return n_searches ? static_cast<double>(n_saddles) / static_cast<double>(n_searches) : 0.0;
    case 3: return n_saddles ? total_cost / static_cast<double>(n_saddles) : 0.0;
    default: return static_cast<double>(n_distinct);
  }
}

void FixArtn::grow_arrays(int nmax)
{
  arrays.grow(nmax);
  store = arrays[store_array];
  array_atom = store;
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
