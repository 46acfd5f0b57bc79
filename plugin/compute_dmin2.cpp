#include "compute_dmin2.h"

#include "atom.h"
#include "domain.h"
#include "error.h"
#include "memory.h"
#include "update.h"

#include "mgg_atoms.h"
#include "mgg_style_util.h"

#include <cmath>
#include <cstring>
#include <string>

using namespace LAMMPS_NS;

static const char *const REFERENCE_CHOICES[] = {"fixed", "previous", nullptr};
// search radius default: room for bonds to stretch by half a cutoff before a neighbour is lost
static constexpr double DEFAULT_SEARCH_FACTOR = 1.5;
// first search of an evaluation: this fraction of the cutoff beyond the previous longest bond
static constexpr double ADAPTIVE_MARGIN = 0.15;

ComputeDmin2::ComputeDmin2(LAMMPS *lmp, int narg, char **arg) :
    Compute(lmp, narg, arg), search(0.0), search_used(0.0), longest_bond(0.0), norm(MGG_DMIN2_MEAN),
    reference_previous(false), stored_results(false), natoms_counted(-1), ncreated(0), ncreated_unmapped(0), id_store(nullptr), store(nullptr), nmax(0),
    result(nullptr), sref_local(nullptr)
{
  mgg::StyleArgs args(lmp, "Compute", "dmin2");
  if (narg < 4) args.fail("missing cutoff: compute ID group dmin2 cutoff [keyword value ...]");
  cutoff = args.positive_number("cutoff", arg[3]);
  if (domain->dimension != 3)
    args.fail("needs a 3d system (the fit of a 3x3 deformation gradient is singular for atoms in "
              "a plane)");

  for (int iarg = 4; iarg < narg; iarg += 2) {
    const char *value = args.value_of(narg, arg, iarg);
    if (strcmp(arg[iarg], "norm") == 0)
      norm = args.dmin2_norm(value);
    else if (strcmp(arg[iarg], "reference") == 0)
      reference_previous = args.choice("reference", value, REFERENCE_CHOICES) == 1;
    else if (strcmp(arg[iarg], "search") == 0) {
      search = args.positive_number("search", value);
      if (search < cutoff)
        args.fail("search radius " + std::string(value) + " is smaller than the cutoff " + arg[3]);
    } else
      args.fail(std::string("unknown keyword '") + arg[iarg] + "'");
  }

  peratom_flag = 1;
  size_peratom_cols = MGG_DMIN2_NCOLS;
  create_attribute = 1;
  comm_forward = 3;

  // reference data for every atom (neighbours need not be in the group)
  id_store = utils::strdup(std::string(id) + "_MGG_DMIN2_STORE");
  store = mgg::add_peratom_store(modify, id_store, "all", STORE_NCOLS);
  take_reference();
  for (int i = 0; i < atom->nlocal; i++) store->astore[i][STORE_NNEIGH] = -1.0;
}

ComputeDmin2::~ComputeDmin2()
{
  if (modify->nfix) modify->delete_fix(id_store);
  delete[] id_store;
  memory->destroy(result);
  memory->destroy(sref_local);
}

// The current positions and box become the reference; neighbour counts are set by the caller.
void ComputeDmin2::take_reference()
{
  ref_cell = mgg::current_cell(lmp);
  for (int a = 0; a < 3; a++) ref_origin[a] = domain->boxlo[a];
  double **x = atom->x;
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) store->astore[i][STORE_X + a] = x[i][a];
}

// A created atom's reference is its position at creation, mapped back through the deformation
// of the box since the reference (as if it had followed the deformation affinely).
void ComputeDmin2::set_arrays(int i)
{
  const mgg_cell cell = mgg::current_cell(lmp);
  double *ref = &store->astore[i][STORE_X];
  if (mgg_dmin2_map_to_reference(&ref_cell, ref_origin, &cell, domain->boxlo, 1, atom->x[i], ref) !=
      MGG_OK) {
    for (int a = 0; a < 3; a++) ref[a] = atom->x[i][a];
    ncreated_unmapped++;
  }
  store->astore[i][STORE_NNEIGH] = -1.0;
  for (int c = 0; c < MGG_DMIN2_NCOLS; c++) store->astore[i][STORE_RESULT + c] = 0.0;
  ncreated++;
}

// True on every rank when the box and every atom are exactly as at the reference, i.e. (with
// reference previous) as at the last evaluation, and no atom was created or deleted since.
bool ComputeDmin2::unchanged_since_reference() const
{
  const mgg_cell cell = mgg::current_cell(lmp);
  int same = ncreated == 0 && atom->natoms == natoms_counted &&
             memcmp(cell.h, ref_cell.h, sizeof(cell.h)) == 0;
  for (int i = 0; same && i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) same &= atom->x[i][a] == store->astore[i][STORE_X + a];
  int same_all = 0;
  MPI_Allreduce(&same, &same_all, 1, MPI_INT, MPI_MIN, world);
  return same_all;
}

void ComputeDmin2::init()
{
  mgg::StyleArgs args(lmp, "Compute", "dmin2");
  const int ifix = modify->find_fix(id_store);
  if (ifix < 0) args.fail("its internal reference store was deleted");
  store = dynamic_cast<mgg::FixStorePerAtom *>(modify->fix[ifix]);

  mgg::require_within_ghost_cutoff(args, lmp, "cutoff", cutoff);
  mgg::require_within_ghost_cutoff(args, lmp, "search radius", search);
  search_used = search > 0.0 ? search : MIN(DEFAULT_SEARCH_FACTOR * cutoff, mgg::ghost_cutoff(lmp));
}

// D2min of the centres from candidates within radius, into out; returns the number of centres
// (all ranks) whose reference-neighbour count differs from the stored one.
bigint ComputeDmin2::fit(double radius, const mgg::StyleArgs &args, double *longest)
{
  candidates.find(lmp, radius, args);
  const mgg_neighbours nb = candidates.view();
  out.resize(nb.n_centres * MGG_DMIN2_NCOLS);
  work.resize(mgg_dmin2_compute_work_size(&nb));
  const size_t nall = atom->nlocal + atom->nghost;
  mgg_status st = mgg_dmin2_compute(&params, nall, nall ? &atom->x[0][0] : nullptr,
                                    nall ? &sref_local[0][0] : nullptr, &nb, work.data(),
                                    work.size(), out.data(), longest);
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
  bigint nlost = 0;
  for (size_t k = 0; k < candidates.centre.size(); k++) {
    const double stored = store->astore[candidates.centre[k]][STORE_NNEIGH];
    nlost += stored >= 0.0 && stored != out[k * MGG_DMIN2_NCOLS + MGG_DMIN2_COL_NNEIGH];
  }
  bigint nlost_all = 0;
  MPI_Allreduce(&nlost, &nlost_all, 1, MPI_LMP_BIGINT, MPI_SUM, world);
  return nlost_all;
}

void ComputeDmin2::compute_peratom()
{
  mgg::StyleArgs args(lmp, "Compute", "dmin2");
  invoked_peratom = update->ntimestep;

  if (atom->nmax > nmax) {
    memory->destroy(result);
    memory->destroy(sref_local);
    nmax = atom->nmax;
    memory->create(result, nmax, MGG_DMIN2_NCOLS, "dmin2:result");
    memory->create(sref_local, nmax, 3, "dmin2:sref_local");
    array_atom = result;
  }
  const int nlocal = atom->nlocal;
  if (nlocal) memset(&result[0][0], 0, sizeof(double) * nlocal * MGG_DMIN2_NCOLS);
  double **astore = store->astore;

  // LAMMPS may evaluate a compute more than once at one configuration (LAMMPS 4 Feb 2025
  // evaluates thermo, then dumps, at the setup of a run): with reference previous, a repeat
  // must give the previous evaluation's values, not zero against itself.
  if (reference_previous && stored_results && unchanged_since_reference()) {
    for (int i = 0; i < nlocal; i++)
      for (int c = 0; c < MGG_DMIN2_NCOLS; c++) result[i][c] = astore[i][STORE_RESULT + c];
    return;
  }

  // a periodic copy within the search radius would make a neighbour appear twice
  const mgg_cell cell = mgg::current_cell(lmp);
  if (2.0 * search_used >= mgg_cell_min_width(&cell) ||
      2.0 * cutoff >= mgg_cell_min_width(&ref_cell))
    args.fail(fmt::format("the periodic cell is too small: twice the search radius {} must be "
                          "smaller than its width {}",
                          search_used, MIN(mgg_cell_min_width(&cell), mgg_cell_min_width(&ref_cell))));

  mgg::refresh_ghost_positions(lmp);
  for (int i = 0; i < nlocal; i++)
    mgg_cell_to_fractional(&ref_cell, 1, &astore[i][STORE_X], sref_local[i]);
  mgg::forward_comm(comm, this);
  params.cutoff = cutoff;
  params.norm = norm;
  params.ref_cell = ref_cell;

  // Search first just beyond the longest reference bond of the previous evaluation: bonds rarely
  // stretch much between evaluations, and a smaller search is much cheaper.  Every atom's count
  // of reference neighbours is known then, so a bond that did stretch further shows as a
  // changed count, and the evaluation is repeated with the full search radius.
  // Atoms created or deleted since the counts were taken change the reference neighbours of the
  // atoms around them: every count is taken anew (the check of stretched bonds resumes from here).
  int created[2] = {ncreated, ncreated_unmapped}, created_all[2] = {0, 0};
  MPI_Allreduce(created, created_all, 2, MPI_INT, MPI_SUM, world);
  if (created_all[1])
    args.fail(fmt::format("{} atoms were created in a box too far deformed from the reference box "
                          "to map their positions back to it (e.g. a box length more than doubled "
                          "or shrunk to 2/3): their reference is undefined; define the compute again",
                          created_all[1]));
  if (created_all[0] || atom->natoms != natoms_counted)
    for (int i = 0; i < nlocal; i++) astore[i][STORE_NNEIGH] = -1.0;
  ncreated = 0;
  natoms_counted = atom->natoms;

  candidates.set_centres(lmp, groupbit);
  const std::vector<int> &centre = candidates.centre;
  int uncounted = 0;
  for (int i : centre) uncounted |= astore[i][STORE_NNEIGH] < 0.0;
  int uncounted_any = 0;
  MPI_Allreduce(&uncounted, &uncounted_any, 1, MPI_INT, MPI_MAX, world);
  double radius = search_used;
  if (!uncounted_any && longest_bond > 0.0)
    radius = MIN(search_used, MAX(longest_bond, cutoff) + ADAPTIVE_MARGIN * cutoff);
  double longest = 0.0;
  bigint nlost = fit(radius, args, &longest);
  if (nlost && radius < search_used) nlost = fit(search_used, args, &longest);
  if (nlost)
    args.fail(fmt::format("{} atoms have reference neighbours farther than the search radius {} "
                          "now; raise 'search' (and 'comm_modify cutoff' if needed)",
                          nlost, search_used));
  MPI_Allreduce(&longest, &longest_bond, 1, MPI_DOUBLE, MPI_MAX, world);

  for (size_t k = 0; k < centre.size(); k++) {
    const int i = centre[k];
    for (int c = 0; c < MGG_DMIN2_NCOLS; c++) result[i][c] = out[k * MGG_DMIN2_NCOLS + c];
    if (astore[i][STORE_NNEIGH] < 0.0)
      astore[i][STORE_NNEIGH] = out[k * MGG_DMIN2_NCOLS + MGG_DMIN2_COL_NNEIGH];
  }

  if (reference_previous) {
    take_reference();
    const size_t nall = nlocal + atom->nghost;
    mgg_cell_to_fractional(&ref_cell, nlocal, &atom->x[0][0], sref_local[0]);
    mgg::forward_comm(comm, this);
    params.ref_cell = ref_cell;
    const mgg_neighbours nb = candidates.view();
    count.resize(centre.size());
    mgg_status st = mgg_dmin2_count_neighbours(&params, nall, &sref_local[0][0], &nb, count.data());
    if (st != MGG_OK) args.fail_local(mgg_status_message(st));
    for (int i = 0; i < nlocal; i++) astore[i][STORE_NNEIGH] = -1.0;
    for (size_t k = 0; k < centre.size(); k++) astore[centre[k]][STORE_NNEIGH] = count[k];
    longest_bond = cutoff;    // the new reference bonds are all shorter than the cutoff now
    for (int i = 0; i < nlocal; i++)
      for (int c = 0; c < MGG_DMIN2_NCOLS; c++) astore[i][STORE_RESULT + c] = result[i][c];
    stored_results = true;
  }
}

int ComputeDmin2::pack_forward_comm(int n, int *list_, double *buf, int, int *)
{
  int m = 0;
  for (int k = 0; k < n; k++)
    for (int a = 0; a < 3; a++) buf[m++] = sref_local[list_[k]][a];
  return m;
}

void ComputeDmin2::unpack_forward_comm(int n, int first, double *buf)
{
  int m = 0;
  for (int i = first; i < first + n; i++)
    for (int a = 0; a < 3; a++) sref_local[i][a] = buf[m++];
}

double ComputeDmin2::memory_usage()
{
  return (double) nmax * (MGG_DMIN2_NCOLS + 3) * sizeof(double) + candidates.memory_usage() +
      (double) out.capacity() * sizeof(double) + (double) work.capacity();
}
