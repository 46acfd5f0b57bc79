#include "mgg_evaluator.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "fix.h"
#include "force.h"
#include "modify.h"
#include "neighbor.h"
#include "pair.h"

#include "mgg_lammps_compat.h"

#include <cstring>

using namespace LAMMPS_NS;

namespace mgg {

void ForceEvaluator::rebuild()
{
  Atom *atom = lmp->atom;
  Domain *domain = lmp->domain;
  // lamda coordinates for triclinic boxes only, as Verlet's reneighbouring: an orthogonal box
  // takes box coordinates (binning lamda coordinates wrote outside the bins)
  if (domain->triclinic) domain->x2lamda(atom->nlocal);
  domain->pbc();
  domain->reset_box();
  lmp->comm->setup();
  if (lmp->neighbor->style) lmp->neighbor->setup_bins();
  lmp->comm->exchange();
  lmp->comm->borders();
  if (domain->triclinic) domain->lamda2x(atom->nlocal + atom->nghost);
  if (lmp->modify->n_pre_neighbor) lmp->modify->pre_neighbor();
  lmp->neighbor->build(1);
}

double ForceEvaluator::energy_force(bool full_rebuild, tagint frozen, bool atom_virial)
{
  Atom *atom = lmp->atom;
  Force *force = lmp->force;
  Modify *modify = lmp->modify;
  if (full_rebuild || lmp->neighbor->check_distance())
    rebuild();
  else
    lmp->comm->forward_comm();
  const int nlocal = atom->nlocal;
  const size_t n = force->newton ? nlocal + atom->nghost : nlocal;
  if (n) memset(&atom->f[0][0], 0, 3 * n * sizeof(double));
  if (modify->n_min_pre_force) modify->min_pre_force(0);
  force->pair->compute(ENERGY_GLOBAL, (force->newton_pair ? VIRIAL_FDOTR : VIRIAL_PAIR) |
                                          (atom_virial ? VIRIAL_ATOM : 0));
  if (modify->n_min_pre_reverse) modify->min_pre_reverse(ENERGY_GLOBAL, 0);
  if (force->newton) lmp->comm->reverse_comm();
  // ghost atoms' shares of the per-atom virial back to their owners
  if (atom_virial && force->newton_pair) reverse_comm(lmp->comm, owner, 6);
  // the fixes that act in LAMMPS's minimize act here as there (Min::energy_force): their force
  // hooks, and the energy of those with fix_modify energy yes (compute pe)
  if (modify->n_min_post_force) modify->min_post_force(0);
  // by tag, not atom->map(): atomic systems need not have a map
  if (frozen)
    for (int i = 0; i < nlocal; i++)
      if (atom->tag[i] == frozen) atom->f[i][0] = atom->f[i][1] = atom->f[i][2] = 0.0;
  double local = force->pair->eng_vdwl + force->pair->eng_coul, total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  if (modify->n_energy_global) total += modify->energy_global();
  return total;
}

double ForceEvaluator::seconds_per_evaluation(int n)
{
  const double clock = MPI_Wtime();
  for (int k = 0; k < n; k++) energy_force(false);
  double seconds = (MPI_Wtime() - clock) / n;
  MPI_Bcast(&seconds, 1, MPI_DOUBLE, 0, lmp->world);
  return seconds;
}

double ForceEvaluator::shear_stress(int tilt_index) const
{
  // virial order xx yy zz xy xz yz; tilt order (domain h) yz 3, xz 4, xy 5
  double local = lmp->force->pair->virial[8 - tilt_index], total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  const Domain *d = lmp->domain;
  return -total / (d->xprd * d->yprd * d->zprd) * lmp->force->nktv2p;
}

void ForceEvaluator::per_atom_stress(double **out, int col) const
{
  const Domain *d = lmp->domain;
  const double volume_per_atom = d->xprd * d->yprd * d->zprd / static_cast<double>(lmp->atom->natoms);
  double **vatom = lmp->force->pair->vatom;
  for (int i = 0; i < lmp->atom->nlocal; i++)
    for (int k = 0; k < 6; k++) out[i][col + k] = -lmp->force->nktv2p * vatom[i][k] / volume_per_atom;
}

int ForceEvaluator::pack_reverse_comm(int n, int first, double *buf) const
{
  double **vatom = lmp->force->pair->vatom;
  int m = 0;
  for (int i = first; i < first + n; i++)
    for (int k = 0; k < 6; k++) buf[m++] = vatom[i][k];
  return m;
}

void ForceEvaluator::unpack_reverse_comm(int n, int *list, double *buf) const
{
  double **vatom = lmp->force->pair->vatom;
  int m = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < 6; k++) vatom[list[i]][k] += buf[m++];
}

}    // namespace mgg
