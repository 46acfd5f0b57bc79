/* FIRE 2.0 in reverse communication: the caller evaluates forces and sums over its processes
 * between the calls (see mgg_fire.h). */
#include <math.h>

#include "mgglass.h"

void mgg_fire_default_params(double dt, mgg_fire_params *params)
{
  params->dt = dt;
  params->dt_max = 10.0 * dt;
  params->dt_min = 0.02 * dt;
  params->max_move = 0.1;
  params->n_delay = 20;
  params->f_inc = 1.1;
  params->f_dec = 0.5;
  params->alpha_start = 0.25;
  params->f_alpha = 0.99;
}

mgg_status mgg_fire_start(const mgg_fire_params *params, mgg_fire *fire)
{
  if (!params || !fire) return MGG_ERR_NULL_ARGUMENT;
  const mgg_fire_params *p = params;
  if (!(p->dt_min > 0.0 && p->dt_min <= p->dt && p->dt <= p->dt_max) || !(p->max_move > 0.0) ||
      !(p->f_dec > 0.0 && p->f_dec < 1.0 && p->f_inc >= 1.0) ||
      !(p->alpha_start >= 0.0 && p->alpha_start < 1.0) || !(p->f_alpha > 0.0 && p->f_alpha <= 1.0) ||
      p->n_delay < 0)
    return MGG_ERR_BAD_ARGUMENT;
  fire->p = *p;
  fire->dt = p->dt;
  fire->alpha = p->alpha_start;
  fire->step = 0;
  fire->last_negative = 0;
  return MGG_OK;
}

void mgg_fire_sums(size_t n_atoms, const double *v, const double *f, double *sums)
{
  double vf = 0.0, vv = 0.0, ff = 0.0;
  for (size_t k = 0; k < 3 * n_atoms; k++) {
    vf += v[k] * f[k];
    vv += v[k] * v[k];
    ff += f[k] * f[k];
  }
  sums[MGG_FIRE_VF] = vf;
  sums[MGG_FIRE_VV] = vv;
  sums[MGG_FIRE_FF] = ff;
}

double mgg_fire_velocities(mgg_fire *fire, const double *sums, size_t n_atoms, double *x, double *v,
                           const double *f, const double *inv_mass)
{
  const mgg_fire_params *p = &fire->p;
  fire->step++;
  const int downhill = sums[MGG_FIRE_VF] > 0.0;
  double keep = 1.0, mix = 0.0;
  if (downhill) {
    keep = 1.0 - fire->alpha;
    mix = sums[MGG_FIRE_FF] > 1e-20 ? fire->alpha * sqrt(sums[MGG_FIRE_VV] / sums[MGG_FIRE_FF]) : 0.0;
    if (fire->step - fire->last_negative > p->n_delay) {
      fire->dt = fmin(fire->dt * p->f_inc, p->dt_max);
      fire->alpha *= p->f_alpha;
    }
  } else {
    fire->last_negative = fire->step;
    /* the initial delay: no shrinking while the first steps build up speed */
    if (fire->step > p->n_delay) {
      fire->alpha = p->alpha_start;
      fire->dt = fmax(fire->dt * p->f_dec, p->dt_min);
    }
    /* half step back: the last move overshot the valley */
    for (size_t k = 0; k < 3 * n_atoms; k++) {
      x[k] -= 0.5 * fire->dt * v[k];
      v[k] = 0.0;
    }
  }
  double v_max = 0.0;
  for (size_t i = 0; i < n_atoms; i++) {
    const double dtm = fire->dt * (inv_mass ? inv_mass[i] : 1.0);
    for (int a = 0; a < 3; a++) {
      const size_t k = 3 * i + (size_t) a;
      v[k] = keep * (v[k] + dtm * f[k]) + mix * f[k];
      v_max = fmax(v_max, fabs(v[k]));
    }
  }
  return v_max;
}

double mgg_fire_move(const mgg_fire *fire, double v_max, size_t n_atoms, double *x, const double *v)
{
  double dt = fire->dt;
  if (dt * v_max > fire->p.max_move) dt = fire->p.max_move / v_max;
  for (size_t k = 0; k < 3 * n_atoms; k++) x[k] += dt * v[k];
  return dt;
}
