/* LAMMPS's conjugate gradients in reverse communication: the caller evaluates forces and sums
 * over its processes between the calls (see mgg_cg.h). */
#include <math.h>

#include "mgglass.h"

/* LAMMPS's constants (min_linesearch.cpp, min_cg.cpp), so that the path is LAMMPS's */
#define CG_ALPHA_MAX 1.0
#define CG_ALPHA_REDUCE 0.5
#define CG_BACKTRACK_SLOPE 0.4
#define CG_QUADRATIC_TOL 0.1
#define CG_EMACH 1.0e-8
#define CG_EPS_QUAD 1.0e-28
#define CG_EPS_ENERGY 1.0e-8

enum { CG_START, CG_FIRST, CG_LINE_START, CG_LINE_TRIAL, CG_LINE_QUAD, CG_CHECK_H, CG_RESET };

const char *mgg_cg_stop_message(mgg_cg_stop stop)
{
  switch (stop) {
    case MGG_CG_RUNNING: return "running";
    case MGG_CG_FTOL: return "force tolerance";
    case MGG_CG_ETOL: return "energy tolerance";
    case MGG_CG_MAX_ITER: return "max iterations";
    case MGG_CG_MAX_EVALS: return "max force evaluations";
    case MGG_CG_DOWNHILL: return "search direction is not downhill";
    case MGG_CG_ZERO_FORCE: return "forces are zero";
    case MGG_CG_ZERO_ALPHA: return "linesearch alpha is zero";
    case MGG_CG_ZERO_QUAD: return "quadratic factors are zero";
  }
  return "unknown";
}

mgg_status mgg_cg_start(const mgg_cg_params *params, mgg_cg *cg)
{
  if (!params || !cg) return MGG_ERR_NULL_ARGUMENT;
  if (!(params->dmax > 0.0) || !(params->ftol >= 0.0) || !(params->etol >= 0.0) ||
      params->max_iter < 1 || params->max_evals < 1 || params->n_dof < 1 ||
      (params->steepest != 0 && params->steepest != 1))
    return MGG_ERR_BAD_ARGUMENT;
  *cg = (mgg_cg){0};
  cg->p = *params;
  cg->phase = CG_START;
  cg->stop = MGG_CG_RUNNING;
  return MGG_OK;
}

double mgg_cg_sums(size_t n_atoms, const double *f, const double *g, const double *h, double *sums)
{
  double ff = 0.0, fg = 0.0, fh = 0.0, hmax = 0.0;
  for (size_t k = 0; k < 3 * n_atoms; k++) {
    ff += f[k] * f[k];
    fg += f[k] * g[k];
    fh += f[k] * h[k];
    hmax = fmax(hmax, fabs(h[k]));
  }
  sums[MGG_CG_FF] = ff;
  sums[MGG_CG_FG] = fg;
  sums[MGG_CG_FH] = fh;
  return hmax;
}

static void cg_place(size_t n, double *x, const double *x0, const double *h, double alpha)
{
  for (size_t k = 0; k < 3 * n; k++) {
    x[k] = x0[k];
    if (alpha > 0.0) x[k] += alpha * h[k];
  }
}

static mgg_cg_request cg_done(mgg_cg *cg, mgg_cg_stop stop)
{
  cg->stop = stop;
  return MGG_CG_DONE;
}

/* a failed line search: back to its start, evaluated once more, then stop */
static mgg_cg_request cg_reset(mgg_cg *cg, mgg_cg_stop stop, size_t n, double *x, const double *x0)
{
  cg_place(n, x, x0, NULL, 0.0);
  cg->evaluations++;
  cg->stop = stop;
  cg->phase = CG_RESET;
  return MGG_CG_EVALUATE;
}

/* the top of one CG iteration: a line search along h from x (LAMMPS linemin_quadratic) */
static mgg_cg_request cg_line_start(mgg_cg *cg, double energy, const double *sums, double hmax,
                                    size_t n, double *x, double *x0, const double *h)
{
  if (cg->iterations >= cg->p.max_iter) return cg_done(cg, MGG_CG_MAX_ITER);
  cg->iterations++;
  cg->eprevious = energy;
  cg->fdothall = sums[MGG_CG_FH];
  if (cg->fdothall <= 0.0) return cg_done(cg, MGG_CG_DOWNHILL);
  if (hmax == 0.0) return cg_done(cg, MGG_CG_ZERO_FORCE);
  cg->alphamax = fmin(CG_ALPHA_MAX, cg->p.dmax / hmax);
  for (size_t k = 0; k < 3 * n; k++) x0[k] = x[k];
  cg->alpha = cg->alphamax;
  cg->fhprev = cg->fdothall;
  cg->engprev = cg->eoriginal = energy;
  cg->alphaprev = 0.0;
  cg_place(n, x, x0, h, cg->alpha);
  cg->evaluations++;
  cg->phase = CG_LINE_TRIAL;
  return MGG_CG_EVALUATE;
}

/* a successful line search: stopping tests, then the Polak-Ribiere direction */
static mgg_cg_request cg_line_done(mgg_cg *cg, double energy, const double *sums, size_t n,
                                   double *g, double *h, const double *f)
{
  if (cg->evaluations >= cg->p.max_evals) return cg_done(cg, MGG_CG_MAX_EVALS);
  if (fabs(energy - cg->eprevious) <
      cg->p.etol * 0.5 * (fabs(energy) + fabs(cg->eprevious) + CG_EPS_ENERGY))
    return cg_done(cg, MGG_CG_ETOL);
  const double ff = sums[MGG_CG_FF], fg = sums[MGG_CG_FG];
  if (cg->p.ftol > 0.0 && ff < cg->p.ftol * cg->p.ftol) return cg_done(cg, MGG_CG_FTOL);
  double beta = fmax(0.0, (ff - fg) / cg->gg);
  if (cg->p.steepest || (cg->iterations + 1) % cg->p.n_dof == 0) beta = 0.0;
  cg->gg = ff;
  for (size_t k = 0; k < 3 * n; k++) {
    g[k] = f[k];
    h[k] = g[k] + beta * h[k];
  }
  cg->phase = CG_CHECK_H;
  return MGG_CG_SUMS;
}

/* the backtracking test of a trial at alpha (energy there; fh: f.h of the trial at alpha) */
static mgg_cg_request cg_backtrack(mgg_cg *cg, double energy, const double *sums, double fh,
                                   size_t n, double *x, const double *x0, double *g, double *h,
                                   const double *f)
{
  const double de_ideal = -CG_BACKTRACK_SLOPE * cg->alpha * cg->fdothall;
  if (energy - cg->eoriginal <= de_ideal) return cg_line_done(cg, energy, sums, n, g, h, f);
  cg->fhprev = fh;
  cg->engprev = energy;
  cg->alphaprev = cg->alpha;
  cg->alpha *= CG_ALPHA_REDUCE;
  if (cg->alpha <= 0.0 || de_ideal >= -CG_EMACH) return cg_reset(cg, MGG_CG_ZERO_ALPHA, n, x, x0);
  cg_place(n, x, x0, h, cg->alpha);
  cg->evaluations++;
  cg->phase = CG_LINE_TRIAL;
  return MGG_CG_EVALUATE;
}

mgg_cg_request mgg_cg_iterate(mgg_cg *cg, double energy, const double *sums, double hmax,
                              size_t n, double *x, double *x0, double *g, double *h,
                              const double *f)
{
  switch (cg->phase) {
    case CG_START:
      for (size_t k = 0; k < 3 * n; k++) h[k] = g[k] = f[k];
      cg->phase = CG_FIRST;
      return MGG_CG_SUMS;
    case CG_FIRST:
      cg->gg = sums[MGG_CG_FF];
      return cg_line_start(cg, energy, sums, hmax, n, x, x0, h);
    case CG_LINE_START:
      return cg_line_start(cg, energy, sums, hmax, n, x, x0, h);
    case CG_LINE_TRIAL: {
      const double fh = sums[MGG_CG_FH], delfh = fh - cg->fhprev;
      if (fabs(fh) < CG_EPS_QUAD || fabs(delfh) < CG_EPS_QUAD)
        return cg_reset(cg, MGG_CG_ZERO_QUAD, n, x, x0);
      /* secant projection to f.h = 0 when the energies fit a quadratic */
      const double relerr =
          fabs(1.0 - (0.5 * (cg->alpha - cg->alphaprev) * (fh + cg->fhprev) + energy) / cg->engprev);
      const double alpha0 = cg->alpha - (cg->alpha - cg->alphaprev) * fh / delfh;
      if (relerr <= CG_QUADRATIC_TOL && alpha0 > 0.0 && alpha0 < cg->alphamax) {
        cg->fh = fh;
        cg_place(n, x, x0, h, alpha0);
        cg->evaluations++;
        cg->phase = CG_LINE_QUAD;
        return MGG_CG_EVALUATE;
      }
      return cg_backtrack(cg, energy, sums, fh, n, x, x0, g, h, f);
    }
    case CG_LINE_QUAD:
      if (energy - cg->eoriginal < CG_EMACH) return cg_line_done(cg, energy, sums, n, g, h, f);
      /* as LAMMPS: the projected point failed, backtrack from alpha with its f.h */
      return cg_backtrack(cg, energy, sums, cg->fh, n, x, x0, g, h, f);
    case CG_CHECK_H:
      if (sums[MGG_CG_FH] <= 0.0) {
        for (size_t k = 0; k < 3 * n; k++) h[k] = g[k];
        cg->phase = CG_LINE_START;
        return MGG_CG_SUMS;
      }
      return cg_line_start(cg, energy, sums, hmax, n, x, x0, h);
    case CG_RESET:
    default:
      return MGG_CG_DONE;
  }
}
