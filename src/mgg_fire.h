/* mgglass core: the FIRE 2.0 minimiser in reverse communication. */
#ifndef MGG_FIRE_H
#define MGG_FIRE_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* FIRE 2.0 (Guenole et al., Comput. Mater. Sci. 175, 109584 (2020); semi-implicit Euler, half
 * step back after uphill motion, initial delay) in reverse communication, so that the caller owns
 * every per-atom array, evaluates the forces and sums over its processes; per-atom state (the
 * velocities v) can then travel with atoms that change owner between steps.  One iteration, at x
 * with forces f (zero on frozen atoms, whose v then stays zero):
 *   mgg_fire_sums(local atoms) -> sum over processes -> converged when sqrt(sums[FF]) <= tol,
 *   else mgg_fire_velocities(...) -> maximum of its result over processes -> mgg_fire_move(...),
 *   then new forces.  v must be zero at the start.  As LAMMPS min_style fire does, the mixing
 * v = (1 - alpha) v + alpha |v| f/|f| takes |v| before the velocity update. */
typedef struct {
  double dt;          /* initial time step (time units of inv_mass, below) */
  double dt_max;      /* largest time step */
  double dt_min;      /* smallest time step */
  double max_move;    /* largest displacement of one coordinate in one step (length) */
  long n_delay;       /* steps going downhill before dt grows; also the initial delay */
  double f_inc, f_dec, alpha_start, f_alpha; /* growth, shrink, mixing start and decay */
} mgg_fire_params;

/* The published defaults around time step dt: dt_max 10 dt, dt_min 0.02 dt, max_move 0.1,
 * n_delay 20, f_inc 1.1, f_dec 0.5, alpha_start 0.25, f_alpha 0.99. */
void mgg_fire_default_params(double dt, mgg_fire_params *params);

typedef struct {
  mgg_fire_params p;
  double dt, alpha;
  long step, last_negative; /* iterations done; the last one that went uphill */
} mgg_fire;

/* MGG_ERR_BAD_ARGUMENT unless 0 < dt_min <= dt <= dt_max, max_move > 0, 0 < f_dec < 1 <= f_inc,
 * 0 <= alpha_start < 1, 0 < f_alpha <= 1, n_delay >= 0. */
mgg_status mgg_fire_start(const mgg_fire_params *params, mgg_fire *fire);

enum { MGG_FIRE_VF, MGG_FIRE_VV, MGG_FIRE_FF, MGG_FIRE_NSUMS };

/* Partial sums v.f, v.v, f.f over n_atoms atoms (3 doubles each) into sums[MGG_FIRE_NSUMS]. */
void mgg_fire_sums(size_t n_atoms, const double *v, const double *f, double *sums);

/* From the global sums: adapts dt and alpha; after uphill motion (v.f <= 0) moves x half a step
 * back and zeroes v; then v += dt inv_mass f (inv_mass per atom, NULL for 1) and mixes.  Returns
 * the largest |v| component of these atoms (for the caller's global maximum). */
double mgg_fire_velocities(mgg_fire *fire, const double *sums, size_t n_atoms, double *x, double *v,
                           const double *f, const double *inv_mass);

/* x += dt v, dt reduced so that no coordinate moves more than max_move (v_max: the global
 * maximum of mgg_fire_velocities()).  Returns the time step used. */
double mgg_fire_move(const mgg_fire *fire, double v_max, size_t n_atoms, double *x, const double *v);

#ifdef __cplusplus
}
#endif

#endif
