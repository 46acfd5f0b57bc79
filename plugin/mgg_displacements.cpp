#include "mgg_displacements.h"

#include "atom.h"
#include "comm.h"

#include "mgg_atoms.h"
#include "mgglass.h"

#include <cmath>

using namespace LAMMPS_NS;

namespace mgg {

std::vector<double> displacements(LAMMPS *lmp, double *const *rows, int col)
{
  const Atom *atom = lmp->atom;
  const mgg_cell cell = current_cell(lmp);
  std::vector<double> d(3 * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++) {
    for (int a = 0; a < 3; a++) d[3 * i + a] = atom->x[i][a] - rows[i][col + a];
    mgg_cell_minimum_image(&cell, &d[3 * i]);
  }
  return d;
}

double global_norm(LAMMPS *lmp, const std::vector<double> &v)
{
  double local = 0.0, total = 0.0;
  for (double vi : v) local += vi * vi;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  return std::sqrt(total);
}

tagint farthest_atom(LAMMPS *lmp, const std::vector<double> &d)
{
  struct {
    double value;
    int rank;
  } mine = {-1.0, lmp->comm->me}, most;
  tagint tag = 0;
  for (int i = 0; i < lmp->atom->nlocal; i++) {
    const double d2 = d[3 * i] * d[3 * i] + d[3 * i + 1] * d[3 * i + 1] + d[3 * i + 2] * d[3 * i + 2];
    if (d2 > mine.value) mine.value = d2, tag = lmp->atom->tag[i];
  }
  MPI_Allreduce(&mine, &most, 1, MPI_DOUBLE_INT, MPI_MAXLOC, lmp->world);
  MPI_Bcast(&tag, 1, MPI_LMP_TAGINT, most.rank, lmp->world);
  return tag;
}

std::vector<double> atom_values(LAMMPS *lmp, tagint tag, double *const *rows, int col, int n)
{
  std::vector<double> local(n, 0.0), values(n);
  for (int i = 0; i < lmp->atom->nlocal; i++)
    if (lmp->atom->tag[i] == tag)
      for (int c = 0; c < n; c++) local[c] = rows[i][col + c];
  MPI_Allreduce(local.data(), values.data(), n, MPI_DOUBLE, MPI_SUM, lmp->world);
  return values;
}

std::vector<double> largest_deviations2(LAMMPS *lmp, int n_sets, const std::vector<double> &d,
                                        const double *minima, int stride, const double *held)
{
  const int nlocal = lmp->atom->nlocal;
  std::vector<double> mean(3 * n_sets), worst2(n_sets);
  mgg_aqs_settle_sums(nlocal, n_sets, d.data(), minima, stride, held, mean.data());
  MPI_Allreduce(MPI_IN_PLACE, mean.data(), 3 * n_sets, MPI_DOUBLE, MPI_SUM, lmp->world);
  for (double &v : mean) v /= static_cast<double>(lmp->atom->natoms);
  mgg_aqs_settle_deviations(nlocal, n_sets, d.data(), minima, stride, held, mean.data(),
                            worst2.data());
  MPI_Allreduce(MPI_IN_PLACE, worst2.data(), n_sets, MPI_DOUBLE, MPI_MAX, lmp->world);
  return worst2;
}

}    // namespace mgg
