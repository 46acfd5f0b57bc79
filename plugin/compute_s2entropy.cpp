#include "compute_s2entropy.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "memory.h"
#include "update.h"
#include "utils.h"

#include "mgg_lammps_compat.h"
#include "mgg_style_util.h"

#include <cmath>
#include <cstring>
#include <string>

using namespace LAMMPS_NS;

static const char *const SMOOTHING_CHOICES[] = {"fixed", "growing", nullptr};
static const char *const YES_NO[] = {"yes", "no", nullptr};
// Defaults in Angstrom (doc/compute_s2entropy.md): sigma of the measurements; dr within
// 1e-4 (per atom, 5e-6 in the mean) of the converged S2 on the Cu-Zr glass (second order in dr)
static constexpr double DEFAULT_SIGMA = 0.2;
static constexpr double DEFAULT_DR = 0.02;
// Bounds of dr: below sigma / 1000 S2 changes by less than 1e-8 relative (second order, doc page)
// while the cost (grid points per pair ~ 12 sigma / dr) grows without bound; at most 10^6 grid
// points rc / dr (the tables take ~8 (ntypes + 5) MB then).
static constexpr double MIN_DR_PER_SIGMA = 1e-3;
static constexpr double MAX_GRID_POINTS = 1e6;

static mgg::StyleArgs style_args(LAMMPS *lmp)
{
  return mgg::StyleArgs(lmp, "Compute", "s2entropy");
}

ComputeS2Entropy::ComputeS2Entropy(LAMMPS *lmp, int narg, char **arg) :
    Compute(lmp, narg, arg), average(false), average_cutoff(0.0), nmax(0), s2(nullptr),
    both(nullptr)
{
  const mgg::StyleArgs args = style_args(lmp);
  if (narg < 4) args.fail("missing cutoff: compute ID group s2entropy rc [keyword value ...]");
  params.cutoff = args.positive_number("cutoff", arg[3]);
  params.sigma = DEFAULT_SIGMA;
  params.dr = DEFAULT_DR;
  params.smoothing = MGG_S2_FIXED_WIDTH;
  params.growth = MGG_S2_DEFAULT_GROWTH;
  params.growth_start = MGG_S2_DEFAULT_GROWTH_START;
  bool sigma_set = false, dr_set = false, growth_set = false, growth_start_set = false;

  for (int iarg = 4; iarg < narg; iarg += 2) {
    const char *value = args.value_of(narg, arg, iarg);
    if (strcmp(arg[iarg], "sigma") == 0) {
      params.sigma = args.positive_number("sigma", value);
      sigma_set = true;
    } else if (strcmp(arg[iarg], "dr") == 0) {
      params.dr = args.positive_number("dr", value);
      dr_set = true;
    } else if (strcmp(arg[iarg], "smoothing") == 0) {
      params.smoothing = args.choice("smoothing", value, SMOOTHING_CHOICES) == 0
          ? MGG_S2_FIXED_WIDTH : MGG_S2_GROWING_WIDTH;
    } else if (strcmp(arg[iarg], "growth") == 0) {
      params.growth = args.non_negative_number("growth", value);
      growth_set = true;
    } else if (strcmp(arg[iarg], "growth_start") == 0) {
      params.growth_start = args.non_negative_number("growth_start", value);
      growth_start_set = true;
    } else if (strcmp(arg[iarg], "avg") == 0) {
      average = args.choice("avg", value, YES_NO) == 0;
      if (average) {
        if (iarg + 2 >= narg) args.fail("missing cutoff rc2 after 'avg yes'");
        average_cutoff = args.positive_number("avg cutoff rc2", arg[iarg + 2]);
        iarg++;
      }
    } else
      args.fail(std::string("unknown keyword '") + arg[iarg] + "'");
  }

  const bool growing = params.smoothing == MGG_S2_GROWING_WIDTH;
  if (!growing && (growth_set || growth_start_set))
    args.fail(std::string(growth_set ? "growth" : "growth_start") +
              " applies only to 'smoothing growing'");
  // the defaults are lengths in Angstrom
  const bool angstrom =
      strcmp(update->unit_style, "metal") == 0 || strcmp(update->unit_style, "real") == 0;
  if (!angstrom && (!sigma_set || !dr_set || (growing && (!growth_set || !growth_start_set))))
    args.fail(std::string("the defaults are in Angstrom: with units ") + update->unit_style +
              " give sigma and dr" + (growing ? ", growth and growth_start" : ""));

  if (domain->dimension != 3) args.fail("needs a 3d system (S2 integrates over spherical shells)");
  if (params.dr < MIN_DR_PER_SIGMA * params.sigma)
    args.fail(fmt::format("dr {} is too small: it must be at least sigma / 1000 = {} (finer steps "
                          "no longer change S2, whose error is second order in dr, and cost as "
                          "sigma / dr)",
                          params.dr, MIN_DR_PER_SIGMA * params.sigma));
  if (params.cutoff / params.dr > MAX_GRID_POINTS)
    args.fail(fmt::format("dr {} is too small for cutoff {}: cutoff / dr = {:.3g} grid points exceed "
                          "{:g}", params.dr, params.cutoff, params.cutoff / params.dr,
                          MAX_GRID_POINTS));
  if (params.dr > params.sigma)
    error->warning(FLERR, "Compute s2entropy: dr {} exceeds sigma {}: the integration step is "
                          "coarser than the smoothing width: per-atom S2 off by 1% or more "
                          "(sample glass: 0.85% at dr = sigma, 2.5% at 1.5 sigma)", params.dr,
                   params.sigma);

  // every type takes part until the first evaluation counts the atoms
  density.assign(atom->ntypes, 1.0);
  params.n_types = atom->ntypes;
  params.density = density.data();

  peratom_flag = 1;
  size_peratom_cols = average ? 2 : 0;
  comm_forward = average ? 1 : 0;
}

ComputeS2Entropy::~ComputeS2Entropy()
{
  memory->destroy(s2);
  memory->destroy(both);
}

void ComputeS2Entropy::init()
{
  const mgg::StyleArgs args = style_args(lmp);
  if (domain->nonperiodic)
    args.fail("the box must be periodic in all three dimensions (rho_nu = N_nu / box volume)");
  mgg::require_within_ghost_cutoff(args, lmp, "search radius (cutoff + 6 kernel widths)",
                                   mgg_s2_search_radius(&params));
  if (average) mgg::require_within_ghost_cutoff(args, lmp, "avg cutoff rc2", average_cutoff);
}

// rho_nu = N_nu / V over all atoms (not only the group) and the current box volume
void ComputeS2Entropy::update_density()
{
  std::vector<double> count(atom->ntypes, 0.0), count_all(atom->ntypes, 0.0);
  for (int i = 0; i < atom->nlocal; i++) count[atom->type[i] - 1] += 1.0;
  MPI_Allreduce(count.data(), count_all.data(), atom->ntypes, MPI_DOUBLE, MPI_SUM, world);
  const double volume = domain->xprd * domain->yprd * domain->zprd;
  for (int t = 0; t < atom->ntypes; t++) density[t] = count_all[t] / volume;
}

void ComputeS2Entropy::compute_peratom()
{
  const mgg::StyleArgs args = style_args(lmp);
  invoked_peratom = update->ntimestep;

  if (atom->nmax > nmax) {
    memory->destroy(s2);
    memory->destroy(both);
    nmax = atom->nmax;
    memory->create(s2, nmax, "s2entropy:s2");
    vector_atom = s2;
    if (average) {
      memory->create(both, nmax, 2, "s2entropy:both");
      array_atom = both;
    }
  }
  const int nlocal = atom->nlocal, nall = nlocal + atom->nghost;
  for (int i = 0; i < nall; i++) s2[i] = 0.0;

  update_density();
  mgg::refresh_ghost_positions(lmp);
  type0.resize(nall);
  for (int i = 0; i < nall; i++) type0[i] = atom->type[i] - 1;

  candidates.set_centres(lmp, groupbit);
  candidates.find(lmp, mgg_s2_search_radius(&params), args);
  const mgg_neighbours nb = candidates.view();
  work.resize(mgg_s2_compute_work_size(&params) / sizeof(double) + 1);
  out.resize(nb.n_centres);
  const mgg_status st =
      mgg_s2_compute(&params, nall, nall ? &atom->x[0][0] : nullptr, type0.data(), &nb,
                     work.data(), work.size() * sizeof(double), out.data());
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
  for (size_t k = 0; k < nb.n_centres; k++) s2[candidates.centre[k]] = out[k];

  if (average) average_over_neighbours();
}

// Second column: the mean of S2 over the atom and the atoms of the group within rc2 of it
// (Piaggi and Parrinello's avg), owned or ghost; ghosts get their S2 by forward communication.
void ComputeS2Entropy::average_over_neighbours()
{
  const mgg::StyleArgs args = style_args(lmp);
  mgg::forward_comm(comm, this);
  candidates.find(lmp, average_cutoff, args);
  const int nall = atom->nlocal + atom->nghost;
  member.resize(nall);
  for (int i = 0; i < nall; i++) member[i] = (atom->mask[i] & groupbit) != 0;
  const mgg_neighbours nb = candidates.view();
  out.resize(nb.n_centres);
  const mgg_status st = mgg_s2_average(&nb, nall, nall ? &atom->x[0][0] : nullptr, s2,
                                       member.data(), average_cutoff, out.data());
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
  for (int i = 0; i < atom->nlocal; i++) both[i][0] = both[i][1] = 0.0;
  for (size_t k = 0; k < nb.n_centres; k++) {
    const int i = candidates.centre[k];
    both[i][0] = s2[i];
    both[i][1] = out[k];
  }
}

int ComputeS2Entropy::pack_forward_comm(int n, int *list_, double *buf, int, int *)
{
  for (int k = 0; k < n; k++) buf[k] = s2[list_[k]];
  return n;
}

void ComputeS2Entropy::unpack_forward_comm(int n, int first, double *buf)
{
  for (int k = 0; k < n; k++) s2[first + k] = buf[k];
}

double ComputeS2Entropy::memory_usage()
{
  return (double) nmax * (average ? 3 : 1) * sizeof(double) + candidates.memory_usage() +
      (double) (type0.capacity() + member.capacity()) * sizeof(int) +
      (double) (work.capacity() + out.capacity()) * sizeof(double);
}
