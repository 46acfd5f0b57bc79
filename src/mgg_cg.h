/* mgglass core: LAMMPS's conjugate-gradient minimiser in reverse communication. */
#ifndef MGG_CG_H
#define MGG_CG_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Polak-Ribiere conjugate gradients with the quadratic line search, step for step as LAMMPS
 * `min_style cg` with `min_modify line quadratic` (min_cg.cpp, min_linesearch.cpp of the
 * 29 Sep 2021 release: the same backtracking constants, secant projection, restarts and stopping
 * tests), in reverse communication like FIRE (mgg_fire.h).  A relaxation that starts from the same
 * positions and forces therefore follows LAMMPS's CG path and ends where `minimize` ends (the
 * same minimum, or the same early stop of the line search), which matters where two minimisers
 * may legitimately fall into different minima (an AQS instability, a frozen-atom trial).
 *
 * The caller owns the per-atom vectors x (positions), f (forces, zero on frozen atoms) and
 * the search state x0, g, h (3 doubles per atom each, travelling with the atoms).  Protocol:
 *   mgg_cg_start(); evaluate energy and f at x; then repeat
 *     hmax = mgg_cg_sums(local atoms, f, g, h, sums) -> sums summed and hmax maximised over
 *     processes -> request = mgg_cg_iterate(cg, energy, sums, hmax, local atoms, x, x0, g, h, f):
 *       MGG_CG_EVALUATE: x was moved; evaluate energy and f there, then repeat;
 *       MGG_CG_SUMS: g or h changed; repeat (no new evaluation);
 *       MGG_CG_DONE: cg->stop tells why; x and f are the final state.
 * When atoms cross a periodic boundary between calls and the caller wraps x, it must move x0
 * by the same lattice vector (LAMMPS: FixMinimize::reset_coords).
 * With steepest set, the search direction is the force at every iteration: `min_style sd`
 * (min_sd.cpp: the same line search, no conjugation), step for step as well. */
typedef struct {
  double dmax;      /* largest move of one coordinate in a line search (min_modify dmax; 0.1 A) */
  double ftol;      /* stop when the 2-norm of the global force vector is below this; 0: never */
  double etol;      /* stop when the relative energy change of an iteration is below this */
  long max_iter;    /* iterations (line searches) at most */
  long max_evals;   /* energy and force evaluations at most, the first one included */
  long n_dof;       /* global degrees of freedom: CG restarts every n_dof iterations */
  int steepest;     /* 1: steepest descent (min_style sd), 0: Polak-Ribiere CG */
} mgg_cg_params;

typedef enum {
  MGG_CG_EVALUATE = 0,
  MGG_CG_SUMS,
  MGG_CG_DONE
} mgg_cg_request;

/* why a relaxation stopped, with LAMMPS's wording in the comment */
typedef enum {
  MGG_CG_RUNNING = 0,
  MGG_CG_FTOL,        /* "force tolerance" */
  MGG_CG_ETOL,        /* "energy tolerance" */
  MGG_CG_MAX_ITER,    /* "max iterations" */
  MGG_CG_MAX_EVALS,   /* "max force evaluations" */
  MGG_CG_DOWNHILL,    /* "search direction is not downhill" */
  MGG_CG_ZERO_FORCE,  /* "forces are zero" */
  MGG_CG_ZERO_ALPHA,  /* "linesearch alpha is zero": no further decrease above machine precision */
  MGG_CG_ZERO_QUAD    /* "quadratic factors are zero" */
} mgg_cg_stop;

/* Static, never NULL: LAMMPS's text for each reason ("unknown" outside the enumeration). */
const char *mgg_cg_stop_message(mgg_cg_stop stop);

typedef struct {
  mgg_cg_params p;
  int phase;
  mgg_cg_stop stop;
  long iterations, evaluations;
  double gg, eprevious, eoriginal, fdothall, alpha, alphamax, alphaprev, fhprev, engprev, fh;
} mgg_cg;

/* MGG_ERR_BAD_ARGUMENT unless dmax > 0, ftol >= 0, etol >= 0, max_iter, max_evals, n_dof >= 1. */
mgg_status mgg_cg_start(const mgg_cg_params *params, mgg_cg *cg);

enum { MGG_CG_FF, MGG_CG_FG, MGG_CG_FH, MGG_CG_NSUMS };

/* Partial sums f.f, f.g, f.h over n_atoms atoms into sums[MGG_CG_NSUMS]; returns max |h_k|.
 * g and h may hold anything before the first mgg_cg_iterate() (they are set there). */
double mgg_cg_sums(size_t n_atoms, const double *f, const double *g, const double *h, double *sums);

/* One step of the state machine (see above); energy is that of the latest evaluation. */
mgg_cg_request mgg_cg_iterate(mgg_cg *cg, double energy, const double *sums, double hmax,
                              size_t n_atoms, double *x, double *x0, double *g, double *h,
                              const double *f);

#ifdef __cplusplus
}
#endif

#endif
