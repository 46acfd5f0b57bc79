#include "compute_participation.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "memory.h"
#include "pair.h"
#include "update.h"

#include "mgg_atoms.h"
#include "mgg_eam_pair.h"
#include "mgg_gather.h"
#include "mgg_style_util.h"
#include "mgg_work.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <new>
#include <string>

using namespace LAMMPS_NS;

static const char *const HESSIAN_CHOICES[] = {"auto", "eam", "fd", nullptr};
static const char *const SOLVER_CHOICES[] = {"auto", "dense", "sparse", nullptr};
// solver auto: the sparse solver for more atoms than this when at most SPARSE_MAX_SHARE of the
// modes are wanted (bench/RESULTS.md: the crossover of the two)
static constexpr bigint AUTO_DENSE_ATOMS = 1000;
static constexpr double SPARSE_MAX_SHARE = 0.05;
// first guess of Hessian blocks per atom (~340 in Cu-Zr glasses with Mendelev potentials)
static constexpr size_t BLOCKS_PER_ATOM_GUESS = 400;
// vdos: at most this many bins (maximum / width)
static constexpr double MAX_VDOS_BINS = 1e6;
// kpm: defaults and bounds of the moments and random vectors; the seed of the random vectors is
// fixed.  Measured against the dense V-DOS of the 2,000-atom glass (bench/RESULTS.md): the
// error is the stochastic trace's (250 to 2000 moments alike), which falls as 1 / sqrt(3N R):
// by default R = KPM_VECTOR_ATOMS / N vectors (16 at 2,000 atoms, 4 at 10,000), at least 2.
static constexpr int KPM_MOMENTS = 500, KPM_MIN_VECTORS = 2;
static constexpr double KPM_VECTOR_ATOMS = 32000.0;
static constexpr int KPM_MAX_MOMENTS = 100000, KPM_MAX_VECTORS = 256;
static constexpr unsigned long long KPM_SEED = 20140909ULL;
// delta (A): above 0.01 the central differences' error (second order in delta) leaves the
// spectrum's scale; below 1e-10 the round-off of the force differences does
static constexpr double MIN_DELTA = 1e-10, MAX_DELTA = 0.01;

static const char *const STYLE = "participation";

ComputeParticipation::ComputeParticipation(LAMMPS *lmp, int narg, char **arg) :
    Compute(lmp, narg, arg), fraction(0.0), natoms_modes(0), n_modes(0), vdos_width(0.0),
    vdos_max(0.0), vdos_bins(0), kpm_moments(KPM_MOMENTS), kpm_vectors(0),
    hessian_request(HESSIAN_AUTO), hessian_used(HESSIAN_AUTO),
    solver(SOLVER_AUTO), shift(-1e-4), block(0), delta(1e-5), ftol(1e-3), eam(nullptr), solved_step(-1), n_zero(0), energies(nullptr),
    dos(nullptr), nmax(0), parray(nullptr)
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  if (narg < 5 || strcmp(arg[3], "fraction") != 0)
    args.fail("expected 'fraction F': compute ID group participation fraction F [keyword value ...]");
  fraction = args.positive_number("fraction", arg[4]);
  if (fraction > 1.0) args.fail(std::string("fraction ") + arg[4] + " must be in (0, 1]");

  std::vector<long> requested;
  bool kpm_given = false;
  for (int iarg = 5; iarg < narg; iarg += 2) {
    const char *value = args.value_of(narg, arg, iarg);
    if (strcmp(arg[iarg], "vdos") == 0) {
      if (iarg + 2 >= narg) args.fail("vdos needs a bin width and a maximum (meV)");
      vdos_width = args.positive_number("vdos bin width", value);
      vdos_max = args.positive_number("vdos maximum", arg[iarg + 2]);
      if (vdos_max < vdos_width) args.fail("vdos maximum is smaller than the bin width");
      if (vdos_max / vdos_width > MAX_VDOS_BINS)
        args.fail(fmt::format("vdos: maximum / bin width = {:.3g} bins exceed {:g}; use a wider bin",
                              vdos_max / vdos_width, MAX_VDOS_BINS));
      iarg++;
    } else if (strcmp(arg[iarg], "kpm") == 0) {
      if (iarg + 2 >= narg) args.fail("kpm needs the number of moments and of random vectors");
      kpm_moments = args.positive_integer("kpm moments", value);
      kpm_vectors = args.positive_integer("kpm vectors", arg[iarg + 2]);
      kpm_given = true;
      if (kpm_moments < 10 || kpm_moments > KPM_MAX_MOMENTS)
        args.fail(fmt::format("kpm moments {} must be from 10 to {}", value, KPM_MAX_MOMENTS));
      if (kpm_vectors > KPM_MAX_VECTORS)
        args.fail(fmt::format("kpm vectors {} must be from 1 to {}", arg[iarg + 2], KPM_MAX_VECTORS));
      iarg++;
    } else if (strcmp(arg[iarg], "vectors") == 0) {
      const long count = std::lround(args.positive_number("vectors count", value));
      if (count != std::atof(value)) args.fail(std::string("vectors count ") + value + " is not an integer");
      if (iarg + 2 + count > narg)
        args.fail("vectors: expected " + std::to_string(count) + " mode numbers");
      for (long k = 0; k < count; k++) {
        const char *m = arg[iarg + 2 + k];
        char *end = nullptr;
        const long mode = strtol(m, &end, 10);
        if (*end != '\0' || mode < 1)
          args.fail(std::string("vectors: mode number ") + m + " is not a positive integer");
        requested.push_back(mode);
      }
      iarg += count;
    } else if (strcmp(arg[iarg], "hessian") == 0) {
      hessian_request = static_cast<HessianSource>(args.choice("hessian", value, HESSIAN_CHOICES));
    } else if (strcmp(arg[iarg], "solver") == 0) {
      solver = static_cast<Solver>(args.choice("solver", value, SOLVER_CHOICES));
    } else if (strcmp(arg[iarg], "shift") == 0) {
      shift = -args.positive_number("shift (its magnitude)", value[0] == '-' ? value + 1 : value);
      if (value[0] != '-') args.fail(std::string("shift ") + value + " must be negative");
    } else if (strcmp(arg[iarg], "block") == 0) {
      char *end = nullptr;
      const long b = strtol(value, &end, 10);
      if (*end != '\0' || b < 1 || b > 1024)
        args.fail(std::string("block ") + value + " must be an integer from 1 to 1024");
      block = static_cast<int>(b);
    } else if (strcmp(arg[iarg], "delta") == 0) {
      delta = args.positive_number("delta", value);
      if (delta < MIN_DELTA || delta > MAX_DELTA)
        args.fail(fmt::format("delta {} must be from {:g} to {:g} (A): a finite-difference "
                              "displacement far below the interatomic spacing (default 1e-5)",
                              value, MIN_DELTA, MAX_DELTA));
    } else if (strcmp(arg[iarg], "ftol") == 0) {
      ftol = args.positive_number("ftol", value);
    } else
      args.fail(std::string("unknown keyword '") + arg[iarg] + "'");
  }

  if (domain->dimension != 3) args.fail("needs a 3d system");
  if (strcmp(update->unit_style, "metal") != 0)
    args.fail("needs units metal (frequencies are reported in meV and THz)");
  if (!atom->tag_enable) args.fail("needs atom IDs");
  natoms_modes = atom->natoms;
  if (natoms_modes < 2) args.fail("needs at least 2 atoms");
  const double nonzero = 3.0 * natoms_modes - 3.0;
  if (fraction * nonzero > INT_MAX)
    args.fail(fmt::format("fraction {} of {} atoms: more than {} modes", fraction, natoms_modes,
                          INT_MAX));
  n_modes = static_cast<int>(std::max(1.0, std::round(fraction * nonzero)));
  if (!kpm_vectors)
    kpm_vectors = static_cast<int>(std::min<double>(
        KPM_MAX_VECTORS, std::max<double>(KPM_MIN_VECTORS, std::ceil(KPM_VECTOR_ATOMS / natoms_modes))));
  const bool automatic = solver == SOLVER_AUTO;
  if (automatic)
    solver = natoms_modes > AUTO_DENSE_ATOMS && n_modes <= SPARSE_MAX_SHARE * nonzero ? SOLVER_SPARSE
                                                                                      : SOLVER_DENSE;
  utils::logmesg(lmp, "compute {} {}: solver {} ({}; {} atoms, {} of the {} non-zero modes)\n",
                 STYLE, id, solver == SOLVER_SPARSE ? "sparse" : "dense",
                 automatic ? fmt::format("solver auto: sparse above {} atoms for at most a "
                                         "fraction {} of the modes", AUTO_DENSE_ATOMS,
                                         SPARSE_MAX_SHARE)
                           : std::string("as asked"),
                 natoms_modes, n_modes, static_cast<bigint>(nonzero));
  if (solver == SOLVER_DENSE && 3 * natoms_modes > MGG_MODES_DENSE_MAX_ORDER)
    args.fail(fmt::format("{} atoms exceed the dense eigensolver's limit of {} atoms (use the "
                          "sparse solver with a fraction up to {})", natoms_modes,
                          MGG_MODES_DENSE_MAX_ORDER / 3, SPARSE_MAX_SHARE));
  if (solver == SOLVER_SPARSE && n_modes > SPARSE_MAX_SHARE * nonzero)
    args.fail(fmt::format("solver sparse is for up to a fraction {} of the modes", SPARSE_MAX_SHARE));
  for (long m : requested) {
    if (m > n_modes)
      args.fail(fmt::format("vectors: mode {} is beyond the {} modes of fraction {}", m, n_modes,
                            fraction));
    chosen.push_back(static_cast<int>(m));
  }
  if (kpm_given && vdos_width == 0.0) args.fail("kpm sets up the V-DOS: it needs the keyword vdos W E");
  // the same outputs whatever the keywords: per-atom array, global vector of the mode energies,
  // global array of the V-DOS (one row and an error on use without vdos)
  vdos_bins = vdos_width > 0.0 ? static_cast<int>(std::ceil(vdos_max / vdos_width - 1e-9)) : 0;
  if (vdos_bins)
    utils::logmesg(lmp, "compute {} {}: V-DOS {}\n", STYLE, id,
                   n_modes == static_cast<int>(nonzero)
                       ? std::string("histogram of all the modes (fraction 1)")
                       : fmt::format("by the kernel polynomial method ({} moments, {} random "
                                     "vectors; fraction 1 gives the histogram of all modes)",
                                     kpm_moments, kpm_vectors));
  peratom_flag = 1;
  size_peratom_cols = 1 + 3 * static_cast<int>(chosen.size());
  vector_flag = 1;
  size_vector = n_modes;
  extvector = 0;
  array_flag = 1;
  size_array_rows = std::max(1, vdos_bins);
  size_array_cols = 2;
  extarray = 0;
  scalar_flag = 1;
  extscalar = 0;
  memory->create(energies, n_modes, "participation:energies");
  memory->create(dos, size_array_rows, 2, "participation:dos");
  for (int b = 0; b < size_array_rows; b++) dos[b][0] = dos[b][1] = 0.0;
  vector = energies;
  array = dos;
}

ComputeParticipation::~ComputeParticipation()
{
  mgg_eam_free(eam);
  memory->destroy(energies);
  memory->destroy(dos);
  memory->destroy(parray);
}

void ComputeParticipation::init()
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  if (atom->natoms != natoms_modes)
    args.fail(fmt::format("the number of atoms changed from {} to {}; define the compute again",
                          natoms_modes, atom->natoms));
  if (!domain->xperiodic || !domain->yperiodic || !domain->zperiodic)
    args.fail("needs a box periodic in x, y and z");
  if (!force->pair) args.fail("needs a pair style");

  // the analytic Hessian is for the EAM styles whose energy is exactly PairEAM's tables
  const std::string pair_style = force->pair_style;
  const bool eam_style = mgg::pair_is_eam(lmp);
  if (hessian_request == HESSIAN_EAM && !eam_style)
    args.fail("hessian eam needs pair style eam, eam/alloy or eam/fs (or an accelerated variant), "
              "not " + pair_style);
  hessian_used = hessian_request == HESSIAN_AUTO ? (eam_style ? HESSIAN_EAM : HESSIAN_FD)
                                                 : hessian_request;
  if (hessian_used == HESSIAN_EAM) build_eam();
  if (hessian_used == HESSIAN_FD) {
    if (atom->map_style == Atom::MAP_NONE) args.fail("hessian fd needs an atom map (atom_modify map yes)");
    if (atom->molecular != Atom::ATOMIC) args.fail("hessian fd supports atomic systems only (pair forces)");
    if (force->kspace) args.fail("hessian fd supports pair forces only, not kspace");
  }
  solved_step = -1;
}

void ComputeParticipation::build_eam()
{
  mgg_eam_free(eam);
  eam = nullptr;
  eam = mgg::eam_from_pair(lmp, mgg::StyleArgs(lmp, "Compute", STYLE));
}

// Positions, types and masses of all atoms on rank 0, in tag order.
void ComputeParticipation::gather()
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  const int nlocal = atom->nlocal;
  tagint maxtag = 0, mytag = 0;
  for (int i = 0; i < nlocal; i++) mytag = std::max(mytag, atom->tag[i]);
  MPI_Allreduce(&mytag, &maxtag, 1, MPI_LMP_TAGINT, MPI_MAX, world);
  if (maxtag != natoms_modes) args.fail("needs atom IDs 1 to N (use reset_atom_ids)");

  enum { TYPE, MASS, X, Y, Z, NPACK };
  std::vector<double> mine(NPACK * nlocal);
  for (int i = 0; i < nlocal; i++) {
    double *p = &mine[NPACK * i];
    p[TYPE] = atom->type[i] - 1;
    p[MASS] = atom->rmass ? atom->rmass[i] : atom->mass[atom->type[i]];
    for (int a = 0; a < 3; a++) p[X + a] = atom->x[i][a];
  }
  // IDs 1 to N: atom k in ID order is atom k of the modes
  const mgg::AtomRows all = mgg::gather_by_tag(args, lmp, mgg::local_tags(lmp), mine, NPACK, false);
  if (comm->me != 0) return;
  const size_t n = natoms_modes;
  x.assign(3 * n, 0.0);
  mass.assign(n, 0.0);
  type.assign(n, 0);
  for (size_t k = 0; k < n; k++) {
    const double *p = all.row(k);
    type[k] = static_cast<int>(p[TYPE]);
    mass[k] = p[MASS];
    for (int a = 0; a < 3; a++) x[3 * k + a] = p[X + a];
  }
}

// Analytic EAM Hessian on rank 0 from the core's engine; returns the largest force on an atom.
double ComputeParticipation::eam_hessian(std::vector<size_t> &row_start, std::vector<int> &col,
                                         std::vector<double> &values)
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  const auto check = [&](mgg_status st, const char *what) {
    if (st != MGG_OK) args.fail_local(std::string(what) + ": " + mgg_status_message(st));
  };
  const size_t n = natoms_modes;
  const mgg_cell cell = mgg::current_cell(lmp);
  std::vector<char> search;
  mgg_neighbours_periodic pn;
  check(mgg::grow_until_fits(search,
                             [&](char *work, size_t len, size_t *need) {
                               return mgg_neighbours_find_within_periodic(
                                   &cell, n, x.data(), mgg_eam_cutoff(eam), work, len, need, &pn);
                             }),
        "neighbour search");
  std::vector<int> point_type(pn.n_points);
  for (size_t p = 0; p < pn.n_points; p++) point_type[p] = type[pn.owner[p]];
  const mgg_eam_system sys = {pn.n_points, pn.points, point_type.data(), pn.owner, &pn.nb};

  std::vector<char> ework(mgg_eam_energy_forces_work_size(n));
  std::vector<double> energy(n);
  engine_force.assign(3 * n, 0.0);
  std::vector<double> &force = engine_force;
  check(mgg_eam_energy_forces(eam, &sys, ework.data(), ework.size(), energy.data(), force.data()),
        "EAM forces");
  engine_energy = 0.0;
  for (size_t i = 0; i < n; i++) engine_energy += energy[i];
  double fmax = 0.0;
  for (size_t i = 0; i < n; i++)
    fmax = std::max(fmax, std::sqrt(force[3 * i] * force[3 * i] + force[3 * i + 1] * force[3 * i + 1] +
                                    force[3 * i + 2] * force[3 * i + 2]));

  std::vector<char> pattern_ws(mgg_eam_hessian_pattern_work_size(&sys));
  row_start.assign(n + 1, 0);
  col.resize(BLOCKS_PER_ATOM_GUESS * n);
  size_t nblocks = 0;
  check(mgg::grow_until_fits(col,
                             [&](int *c, size_t cap, size_t *need) {
                               const mgg_status st = mgg_eam_hessian_pattern(
                                   eam, &sys, pattern_ws.data(), pattern_ws.size(),
                                   row_start.data(), c, cap, need);
                               nblocks = *need;
                               return st;
                             }),
        "Hessian pattern");
  col.resize(nblocks);
  pattern_ws = std::vector<char>();
  std::vector<double> hessian_ws(mgg_eam_hessian_work_size(&sys) / sizeof(double) + 1);
  values.resize(9 * nblocks);
  check(mgg_eam_hessian(eam, &sys, hessian_ws.data(), hessian_ws.size() * sizeof(double),
                        row_start.data(), col.data(), nblocks, values.data()),
        "EAM Hessian");
  return fmax;
}

// Energy and forces of the pair style itself at the current positions, forces on rank 0 in tag
// order, for the check of the EAM engine (atom->f and the pair's energy are restored).
void ComputeParticipation::pair_reference(double &energy, std::vector<double> &forces)
{
  const int nlocal = atom->nlocal, nall = nlocal + atom->nghost;
  double **f = atom->f;
  std::vector<double> saved_f(3 * nall);
  for (int i = 0; i < nall; i++)
    for (int a = 0; a < 3; a++) saved_f[3 * i + a] = f[i][a];
  const double saved_energy = force->pair->eng_vdwl;
  for (int i = 0; i < nall; i++) f[i][0] = f[i][1] = f[i][2] = 0.0;
  force->pair->compute(1, 0);
  if (force->newton) comm->reverse_comm();
  double mine = force->pair->eng_vdwl;
  MPI_Allreduce(&mine, &energy, 1, MPI_DOUBLE, MPI_SUM, world);
  std::vector<double> packed(3 * nlocal);
  for (int i = 0; i < nlocal; i++)
    for (int a = 0; a < 3; a++) packed[3 * i + a] = f[i][a];
  // IDs 1 to N (gather()): in ID order, the forces are those of the modes' atoms
  const mgg::AtomRows all = mgg::gather_by_tag(mgg::StyleArgs(lmp, "Compute", STYLE), lmp,
                                               mgg::local_tags(lmp), packed, 3, false);
  if (comm->me == 0) forces = all.values;
  for (int i = 0; i < nall; i++)
    for (int a = 0; a < 3; a++) f[i][a] = saved_f[3 * i + a];
  force->pair->eng_vdwl = saved_energy;
}

// Forces of the pair style alone at the current positions (owned atoms complete).
void ComputeParticipation::pair_forces()
{
  const int nall = atom->nlocal + atom->nghost;
  for (int i = 0; i < nall; i++) atom->f[i][0] = atom->f[i][1] = atom->f[i][2] = 0.0;
  force->pair->compute(0, 0);
  if (force->newton) comm->reverse_comm();
}

// Hessian by central differences of the pair forces (the core's mgg_modes_fd_*), the way
// LAMMPS's dynamical_matrix builds it: each atom (and every ghost copy of it) is moved by +-delta
// along x, y, z and the forces of all atoms recomputed; the neighbour lists stay as they are
// (delta is far below the skin).  Dense rows on rank 0.  Returns the largest force before
// displacement.
double ComputeParticipation::fd_hessian(std::vector<size_t> &row_start, std::vector<int> &col,
                                        std::vector<double> &values)
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  const int nlocal = atom->nlocal, nall = nlocal + atom->nghost;
  const size_t n = natoms_modes;
  const bool root = comm->me == 0;
  double **f = atom->f, **xa = atom->x;
  std::vector<double> saved_f(3 * nall);
  for (int i = 0; i < nall; i++)
    for (int a = 0; a < 3; a++) saved_f[3 * i + a] = f[i][a];

  pair_forces();
  double fmax_local = 0.0, fmax = 0.0;
  for (int i = 0; i < nlocal; i++)
    fmax_local = std::max(fmax_local, std::sqrt(f[i][0] * f[i][0] + f[i][1] * f[i][1] + f[i][2] * f[i][2]));
  MPI_Allreduce(&fmax_local, &fmax, 1, MPI_DOUBLE, MPI_MAX, world);

  if (root) {
    row_start.resize(n + 1);
    col.resize(n * n);
    values.resize(9 * n * n);
  }
  mgg_modes_fd fd;
  mgg_status st = mgg_modes_fd_start(n, delta, &fd, root ? row_start.data() : nullptr,
                                     root ? col.data() : nullptr);
  if (st != MGG_OK) args.fail(std::string("finite-difference Hessian: ") + mgg_status_message(st));
  std::vector<double> mine(3 * n), total(root ? 3 * n : 0);
  std::vector<int> copies;
  std::vector<double> original;
  size_t atom_index = 0;
  int alpha = 0;
  double displacement = 0.0;
  while (mgg_modes_fd_request(&fd, &atom_index, &alpha, &displacement)) {
    copies.clear();
    for (int j = atom->map(static_cast<tagint>(atom_index + 1)); j >= 0; j = atom->sametag[j])
      copies.push_back(j);
    original.resize(copies.size());
    for (size_t c = 0; c < copies.size(); c++) {
      original[c] = xa[copies[c]][alpha];
      xa[copies[c]][alpha] = original[c] + displacement;
    }
    pair_forces();
    for (size_t c = 0; c < copies.size(); c++) xa[copies[c]][alpha] = original[c];
    std::fill(mine.begin(), mine.end(), 0.0);
    for (int i = 0; i < nlocal; i++)
      for (int b = 0; b < 3; b++) mine[3 * (atom->tag[i] - 1) + b] = f[i][b];
    MPI_Reduce(mine.data(), total.data(), 3 * n, MPI_DOUBLE, MPI_SUM, 0, world);
    st = mgg_modes_fd_answer(&fd, root ? total.data() : nullptr, root ? values.data() : nullptr);
    if (st != MGG_OK)
      args.fail_local(std::string("finite-difference Hessian: ") + mgg_status_message(st));
  }
  for (int i = 0; i < nall; i++)
    for (int a = 0; a < 3; a++) f[i][a] = saved_f[3 * i + a];
  return fmax;
}

void ComputeParticipation::solve()
{
  if (solved_step == update->ntimestep) return;
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  double clock = MPI_Wtime();
  const double start = clock;
  // wall-clock seconds of the phases on rank 0, for the log
  double t_gather = 0.0, t_hessian = 0.0, t_solver = 0.0, t_participation = 0.0;
  gather();
  // the pair style's forces (Hessian fd, and the check of the EAM engine) use ghost atoms
  mgg::refresh_ghost_positions(lmp);
  t_gather = MPI_Wtime() - clock;
  clock = MPI_Wtime();
  std::vector<size_t> row_start;
  std::vector<int> col;
  std::vector<double> values;
  double fmax = 0.0;
  if (hessian_used == HESSIAN_EAM) {
    double pair_energy = 0.0;
    std::vector<double> pair_force;
    pair_reference(pair_energy, pair_force);
    if (comm->me == 0) {
      fmax = eam_hessian(row_start, col, values);
      // the engine (built from the pair's tables) against the pair style at this configuration
      double df = 0.0, fscale = 0.0;
      for (bigint i = 0; i < natoms_modes; i++) {
        double d2 = 0.0, f2 = 0.0;
        for (int a = 0; a < 3; a++) {
          const double d = engine_force[3 * i + a] - pair_force[3 * i + a];
          d2 += d * d;
          f2 += pair_force[3 * i + a] * pair_force[3 * i + a];
        }
        df = std::max(df, std::sqrt(d2));
        fscale = std::max(fscale, std::sqrt(f2));
      }
      const double check_energy = std::fabs(engine_energy - pair_energy) / std::fabs(pair_energy);
      const double check_force = fscale > 0.0 ? df / fscale : df;
      utils::logmesg(lmp, "compute {} {}: EAM engine against pair style {}: energy {:.16g} eV, "
                          "relative difference {:.3g}; largest force difference {:.3g} eV/A, "
                          "relative to the largest force ({:.3g} eV/A) {:.3g}\n", STYLE, id,
                     force->pair_style, pair_energy, check_energy, df, fscale, check_force);
    }
    engine_force = std::vector<double>();
  } else
    fmax = fd_hessian(row_start, col, values);
  t_hessian = MPI_Wtime() - clock;

  const size_t n = natoms_modes, nc = chosen.size();
  eigenvalues.assign(n_modes, 0.0);
  participation.assign(n, 0.0);
  chosen_vectors.assign(3 * n * nc, 0.0);
  vdos.assign(vdos_bins, 0.0);
  double translations[3] = {0.0, 0.0, 0.0};
  if (comm->me == 0) {
    const mgg_modes_block_csr h = {n, row_start.data(), col.data(), values.data()};
    std::vector<double> vectors;
    mgg_modes_sparse_info info = {};
    clock = MPI_Wtime();
    if (solver == SOLVER_DENSE) {
      const size_t bytes = mgg_modes_dense_work_size(n, n_modes);
      std::vector<double> workspace;
      try {
        workspace.resize(bytes / sizeof(double) + 1);
        vectors.resize(3 * n * n_modes);
      } catch (const std::bad_alloc &) {
        args.fail_local(fmt::format("not enough memory for the dense eigensolver ({:.1f} GB)",
                                    (bytes + 24.0 * n * n_modes) / 1e9));
      }
      const mgg_status st =
          mgg_modes_dense(&h, mass.data(), n_modes, workspace.data(),
                          workspace.size() * sizeof(double), eigenvalues.data(), vectors.data(),
                          translations);
      if (st != MGG_OK) args.fail_local(std::string("dense eigensolver: ") + mgg_status_message(st));
    } else {
      try {
        vectors.resize(3 * n * n_modes);
      } catch (const std::bad_alloc &) {
        args.fail_local(fmt::format("not enough memory for the {} mode vectors of fraction {} "
                                    "({:.1f} GB)", n_modes, fraction, 24.0 * n * n_modes / 1e9));
      }
      const mgg_status st = mgg_modes_sparse(&h, mass.data(), n_modes, shift, block, eigenvalues.data(),
                                             vectors.data(), translations, &info);
      if (st == MGG_ERR_BAD_ARGUMENT || st == MGG_ERR_NOT_CONVERGED)
        args.fail_local(fmt::format("sparse eigensolver: D - shift I is not positive definite or "
                                    "Lanczos did not converge ({} of {} modes): the structure has "
                                    "modes below the shift {} (minimise it, or use solver dense)",
                                    info.converged, n_modes, shift));
      if (st != MGG_OK) args.fail_local(std::string("sparse eigensolver: ") + mgg_status_message(st));
      utils::logmesg(lmp, "compute {} {}: sparse solver ({}), Cholesky factor {:.3g} nonzeros "
                          "({:.2f} GB, {:.3g} flops), {} solves of {} vectors, {} restarts\n",
                     STYLE, id, info.block_size == 1 ? "ARPACK Lanczos" : "block Krylov-Schur",
                     info.factor_nonzeros, 8e-9 * info.factor_nonzeros, info.factor_flops,
                     info.block_solves, info.block_size, info.restarts);
      // the solver may have missed copies of an eigenvalue repeated as often as its block
      const size_t largest = mgg_modes_largest_equal(n_modes, eigenvalues.data());
      if (largest >= static_cast<size_t>(std::max(2, info.block_size)))
        error->warning(FLERR, "Compute {}: {} equal eigenvalues (a degenerate spectrum: a perfect "
                              "crystal or replicated cell?); the sparse solver may miss copies of "
                              "an eigenvalue repeated more often than its block of {} vectors: use "
                              "solver dense or a larger block", STYLE, largest, info.block_size);
    }
    t_solver = MPI_Wtime() - clock;
    clock = MPI_Wtime();
    mgg_modes_participation(n, n_modes, vectors.data(), participation.data());
    for (size_t c = 0; c < nc; c++)
      std::copy_n(&vectors[3 * n * (chosen[c] - 1)], 3 * n, &chosen_vectors[3 * n * c]);
    t_participation = MPI_Wtime() - clock;
    const char *hessian_name = hessian_used == HESSIAN_EAM ? "EAM analytic" : "finite differences";
    if (solver == SOLVER_DENSE)
      utils::logmesg(lmp, "compute {} {}: time (s): gather {:.2f}, Hessian ({}) {:.2f}, dense "
                          "eigensolver (dsyevr) {:.2f}, participation {:.2f}, total {:.2f}\n",
                     STYLE, id, t_gather, hessian_name, t_hessian, t_solver, t_participation,
                     MPI_Wtime() - start);
    else
      utils::logmesg(lmp, "compute {} {}: time (s): gather {:.2f}, Hessian ({}) {:.2f}, CHOLMOD "
                          "analyse {:.2f}, factorise {:.2f}, {} solves {:.2f}, Lanczos besides "
                          "the solves {:.2f}, Ritz vectors {:.2f}, sparse solver total {:.2f}, "
                          "participation {:.2f}, total {:.2f}\n",
                     STYLE, id, t_gather, hessian_name, t_hessian, info.seconds_analyse,
                     info.seconds_factorise, info.block_solves, info.seconds_solves,
                     info.seconds_lanczos, info.seconds_vectors, t_solver, t_participation,
                     MPI_Wtime() - start);

    size_t zero = 0, negative = 0;
    mgg_modes_count(n_modes, eigenvalues.data(), &zero, &negative);
    n_zero = static_cast<int>(zero);
    utils::logmesg(lmp, "compute {} {}: {} atoms, {} modes summed; translations deflated at "
                        "{:.3g} {:.3g} {:.3g} meV; {} zero modes; largest force {:.3g} eV/A\n",
                   STYLE, id, n, n_modes, MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(translations[0]),
                   MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(translations[1]),
                   MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(translations[2]), n_zero, fmax);
    if (fmax > ftol)
      error->warning(FLERR, "Compute {}: the structure is not at a minimum: largest force {:.3g} "
                            "eV/A exceeds ftol {:.3g} (minimize first)", STYLE, fmax, ftol);
    if (negative)
      error->warning(FLERR, "Compute {}: {} modes have negative eigenvalues (unstable directions; "
                            "frequencies reported negative)", STYLE, negative);
    if (vdos_bins && n_modes == static_cast<int>(3 * n - 3)) {
      size_t outside = 0;
      mgg_modes_vdos(n_modes, eigenvalues.data(), vdos_width, vdos_bins, vdos.data(), &outside);
      if (outside)
        error->warning(FLERR, "Compute {}: {} modes lie outside the vdos range 0 to {} meV", STYLE,
                       outside, vdos_bins * vdos_width);
    } else if (vdos_bins)
      kpm_vdos(h);
  }
  if (vdos_bins) MPI_Bcast(vdos.data(), vdos_bins, MPI_DOUBLE, 0, world);
  MPI_Bcast(eigenvalues.data(), n_modes, MPI_DOUBLE, 0, world);
  MPI_Bcast(participation.data(), n, MPI_DOUBLE, 0, world);
  if (nc) MPI_Bcast(chosen_vectors.data(), 3 * n * nc, MPI_DOUBLE, 0, world);
  MPI_Bcast(&n_zero, 1, MPI_INT, 0, world);
  x = std::vector<double>();
  publish();
  solved_step = update->ntimestep;
}

// The V-DOS without all modes (rank 0): kernel polynomial estimate on the Hessian's blocks.
void ComputeParticipation::kpm_vdos(const mgg_modes_block_csr &h)
{
  mgg::StyleArgs args(lmp, "Compute", STYLE);
  const size_t bytes = mgg_vdos_kpm_moments_work_size(natoms_modes, kpm_moments, kpm_vectors);
  std::vector<double> workspace, moments(kpm_moments);
  try {
    workspace.resize(bytes / sizeof(double) + 1);
  } catch (const std::bad_alloc &) {
    args.fail_local(fmt::format("not enough memory for the kpm V-DOS ({:.1f} GB; fewer kpm vectors)",
                                bytes / 1e9));
  }
  mgg_vdos_kpm_info info = {};
  mgg_status st = mgg_vdos_kpm_moments(&h, mass.data(), kpm_moments, kpm_vectors, KPM_SEED,
                                       workspace.data(), workspace.size() * sizeof(double),
                                       moments.data(), &info);
  if (st != MGG_OK) args.fail_local(std::string("kpm V-DOS: ") + mgg_status_message(st));
  double below = 0.0, above = 0.0;
  st = mgg_vdos_kpm_histogram(kpm_moments, moments.data(), info.lower, info.upper, vdos_width,
                              vdos_bins, vdos.data(), &below, &above);
  if (st != MGG_OK) args.fail_local(std::string("kpm V-DOS: ") + mgg_status_message(st));
  utils::logmesg(lmp, "compute {} {}: kpm V-DOS: {} moments, {} random vectors, eigenvalues in "
                      "[{:.4g}, {:.4g}] eV/(A^2 amu) ({} bounds), {} products with D, {:.2f} s; "
                      "resolution (Jackson kernel) {:.3g} meV at 5 meV, {:.3g} at 15, {:.3g} at "
                      "30; share below 0 meV {:.2g}, beyond {} meV {:.2g}\n",
                 STYLE, id, kpm_moments, kpm_vectors, info.lower, info.upper,
                 info.gershgorin ? "Gershgorin" : "Lanczos", info.products, info.seconds,
                 mgg_vdos_kpm_resolution(kpm_moments, info.lower, info.upper, 5.0),
                 mgg_vdos_kpm_resolution(kpm_moments, info.lower, info.upper, 15.0),
                 mgg_vdos_kpm_resolution(kpm_moments, info.lower, info.upper, 30.0), below,
                 vdos_bins * vdos_width, above);
  if (above > 1e-3)
    error->warning(FLERR, "Compute {}: a share {:.3g} of the modes lies beyond the vdos range 0 to "
                          "{} meV", STYLE, above, vdos_bins * vdos_width);
}

// Results into the global and per-atom outputs.
void ComputeParticipation::publish()
{
  for (int k = 0; k < n_modes; k++)
    energies[k] = MGG_MODES_MEV_PER_UNIT * mgg_modes_omega(eigenvalues[k]);
  for (int b = 0; b < vdos_bins; b++) {
    dos[b][0] = (b + 0.5) * vdos_width;
    dos[b][1] = vdos[b];
  }
  if (atom->nmax > nmax) {
    nmax = atom->nmax;
    memory->destroy(parray);
    memory->create(parray, nmax, size_peratom_cols, "participation:parray");
    array_atom = parray;
  }
  const size_t n = natoms_modes;
  for (int i = 0; i < atom->nlocal; i++) {
    const bool in_group = atom->mask[i] & groupbit;
    const size_t t = atom->tag[i] - 1;
    parray[i][0] = in_group ? participation[t] : 0.0;
    for (size_t c = 0; c < chosen.size(); c++)
      for (int a = 0; a < 3; a++)
        parray[i][1 + 3 * c + a] = in_group ? chosen_vectors[3 * n * c + 3 * t + a] : 0.0;
  }
}

void ComputeParticipation::compute_peratom()
{
  invoked_peratom = update->ntimestep;
  solve();
}

void ComputeParticipation::compute_array()
{
  invoked_array = update->ntimestep;
  if (!vdos_bins)
    mgg::StyleArgs(lmp, "Compute", STYLE)
        .fail("the global array is the V-DOS: it needs the keyword vdos W E");
  solve();
  array = dos;
}

void ComputeParticipation::compute_vector()
{
  invoked_vector = update->ntimestep;
  solve();
  vector = energies;
}

double ComputeParticipation::compute_scalar()
{
  invoked_scalar = update->ntimestep;
  solve();
  scalar = n_zero;
  return scalar;
}

double ComputeParticipation::memory_usage()
{
  const double n = static_cast<double>(natoms_modes);
  return sizeof(double) * (nmax * size_peratom_cols + 2.0 * n_modes + 3.0 * vdos_bins + n +
                           3.0 * n * chosen.size());
}
