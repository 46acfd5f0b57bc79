#include "mgg_relax.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "fix.h"
#include "force.h"
#include "modify.h"
#include "update.h"

#include "mgglass.h"

#include <cmath>
#include <cstring>

using namespace LAMMPS_NS;

namespace mgg {

void Relaxer::fail(int status) const
{
  lmp->error->all(FLERR, who + ": " + mgg_status_message(static_cast<mgg_status>(status)));
}

RelaxResult Relaxer::relax(const RelaxParams &params, tagint frozen, double tol,
                           const std::function<bool(long)> &stop)
{
  return params.minimiser == RelaxParams::FIRE ? relax_fire(params, frozen, tol, stop)
                                               : relax_cg(params, frozen, tol, stop);
}

// As `minimize 0 tol maxeval maxeval` with min_style cg (sd) and the quadratic line search: the
// same path as LAMMPS's, so the same minimum where several are within reach.  Stops where LAMMPS
// would, also at "linesearch alpha is zero" above tol.
RelaxResult Relaxer::relax_cg(const RelaxParams &p, tagint frozen, double tol,
                              const std::function<bool(long)> &stop)
{
  Atom *atom = lmp->atom;
  const mgg_cg_params params = {p.max_move, tol, 0.0, p.max_evals, p.max_evals, 3 * atom->natoms,
                                p.minimiser == RelaxParams::SD};
  mgg_cg cg;
  mgg_status st = mgg_cg_start(&params, &cg);
  if (st != MGG_OK) fail(st);
  for (int i = 0; i < atom->nlocal; i++)
    for (int a = 0; a < 3; a++) arrays[g][i][a] = arrays[h][i][a] = 0.0;
  RelaxResult result;
  result.energy = evaluator.energy_force(true, frozen);
  result.evals = 1;
  while (true) {
    const int nlocal = atom->nlocal;
    double *x = nlocal ? &atom->x[0][0] : nullptr, *f = nlocal ? &atom->f[0][0] : nullptr;
    double *px0 = nlocal ? &arrays[x0][0][0] : nullptr, *pg = nlocal ? &arrays[g][0][0] : nullptr,
           *ph = nlocal ? &arrays[h][0][0] : nullptr;
    double local[MGG_CG_NSUMS], sums[MGG_CG_NSUMS], hmax = 0.0;
    const double hmax_local = mgg_cg_sums(nlocal, f, pg, ph, local);
    MPI_Allreduce(local, sums, MGG_CG_NSUMS, MPI_DOUBLE, MPI_SUM, lmp->world);
    MPI_Allreduce(&hmax_local, &hmax, 1, MPI_DOUBLE, MPI_MAX, lmp->world);
    const mgg_cg_request request =
        mgg_cg_iterate(&cg, result.energy, sums, hmax, nlocal, x, px0, pg, ph, f);
    if (request == MGG_CG_DONE) break;
    if (request == MGG_CG_EVALUATE) {
      result.energy = evaluator.energy_force(false, frozen);
      result.evals++;
      // an atom wrapped across the box by the rebuild takes its line-search start along, with
      // LAMMPS's own minimum image as FixMinimize::reset_coords does (the path stays LAMMPS's)
      double **start = arrays[x0];
      for (int i = 0; i < atom->nlocal; i++) {
        double d[3], d_image[3];
        for (int a = 0; a < 3; a++) d[a] = d_image[a] = atom->x[i][a] - start[i][a];
        lmp->domain->minimum_image(d_image);
        for (int a = 0; a < 3; a++)
          if (d_image[a] != d[a]) start[i][a] = atom->x[i][a] - d_image[a];
      }
      if (stop && stop(result.evals)) {
        result.stopped = true;
        break;
      }
    }
  }
  if ((cg.stop == MGG_CG_MAX_EVALS || cg.stop == MGG_CG_MAX_ITER) && lmp->comm->me == 0)
    lmp->error->warning(FLERR, "{}: relaxation stopped after {} force evaluations above the "
                               "force tolerance {}", who, result.evals, tol);
  return result;
}

// FIRE 2.0 until the 2-norm of the global force vector is at most tol; the velocities live in
// atom->v so that they travel with atoms that change processes, and are zero again afterwards.
RelaxResult Relaxer::relax_fire(const RelaxParams &p, tagint frozen, double tol,
                                const std::function<bool(long)> &stop)
{
  Atom *atom = lmp->atom;
  mgg_fire_params params;
  mgg_fire_default_params(p.fire_dt, &params);
  params.max_move = p.max_move;
  mgg_fire fire;
  mgg_status st = mgg_fire_start(&params, &fire);
  if (st != MGG_OK) fail(st);
  for (int i = 0; i < atom->nlocal; i++) atom->v[i][0] = atom->v[i][1] = atom->v[i][2] = 0.0;

  RelaxResult result;
  result.energy = evaluator.energy_force(true, frozen);
  result.evals = 1;
  bool converged = false;
  while (true) {
    const int nlocal = atom->nlocal;
    double local[MGG_FIRE_NSUMS], sums[MGG_FIRE_NSUMS];
    mgg_fire_sums(nlocal, nlocal ? &atom->v[0][0] : nullptr, nlocal ? &atom->f[0][0] : nullptr, local);
    MPI_Allreduce(local, sums, MGG_FIRE_NSUMS, MPI_DOUBLE, MPI_SUM, lmp->world);
    if (std::sqrt(sums[MGG_FIRE_FF]) <= tol) {
      converged = true;
      break;
    }
    if (result.evals >= p.max_evals) break;
    // one mass for all atoms: every FIRE term is then a multiple of f or v, so with nothing
    // frozen the centroid stays put as in LAMMPS's CG (per-type masses make the whole system
    // drift, since sum f_i / m_i != 0, and a frozen-atom D_f includes any rigid shift)
    inv_mass.assign(nlocal, lmp->force->ftm2v / mean_mass());
    double *x = nlocal ? &atom->x[0][0] : nullptr, *v = nlocal ? &atom->v[0][0] : nullptr;
    const double v_local = mgg_fire_velocities(&fire, sums, nlocal, x, v,
                                               nlocal ? &atom->f[0][0] : nullptr, inv_mass.data());
    double v_max = 0.0;
    MPI_Allreduce(&v_local, &v_max, 1, MPI_DOUBLE, MPI_MAX, lmp->world);
    mgg_fire_move(&fire, v_max, nlocal, x, v);
    result.energy = evaluator.energy_force(false, frozen);
    result.evals++;
    if (stop && stop(result.evals)) {
      result.stopped = true;
      break;
    }
  }
  for (int i = 0; i < atom->nlocal; i++) atom->v[i][0] = atom->v[i][1] = atom->v[i][2] = 0.0;
  if (!converged && !result.stopped && lmp->comm->me == 0)
    lmp->error->warning(FLERR, "{}: relaxation stopped after {} force evaluations above the "
                               "force tolerance {}", who, result.evals, tol);
  return result;
}

// Mean atomic mass of the system (the FIRE time step keeps its usual meaning).
double Relaxer::mean_mass() const
{
  const Atom *atom = lmp->atom;
  double local = 0.0, total = 0.0;
  for (int i = 0; i < atom->nlocal; i++)
    local += atom->rmass ? atom->rmass[i] : atom->mass[atom->type[i]];
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, lmp->world);
  return total / static_cast<double>(atom->natoms);
}

void require_own_relaxation(const StyleArgs &args, LAMMPS *lmp, const Fix *owner,
                            const std::string &what)
{
  const Modify *modify = lmp->modify;
  for (int i = 0; i < modify->nfix; i++)
    if (modify->fix[i] != owner && modify->fix[i]->time_integrate)
      args.fail(fmt::format("fix {} (style {}) moves atoms too: this fix {} and allows no "
                            "integrator alongside it",
                            modify->fix[i]->id, modify->fix[i]->style, what));
  if (strcmp(lmp->update->integrate_style, "verlet") != 0) args.fail("needs run_style verlet");
  for (int i = 0; i < modify->nfix; i++)
    if (modify->fix[i]->setmask() & FixConst::MIN_ENERGY)
      args.fail(fmt::format("fix {} (style {}) adds degrees of freedom to minimisations (as "
                            "fix box/relax): not supported in this fix's relaxations",
                            modify->fix[i]->id, modify->fix[i]->style));
}

}    // namespace mgg
