/* Saddle searches by the activation-relaxation technique nouveau in reverse communication, and the
 * validation of its saddles (see mgg_artn.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mgg_internal.h"

void mgg_hessian_vector_fd(size_t n, const double *f, const double *f_step, double step, double *hv)
{
  for (size_t k = 0; k < n; k++) hv[k] = -(f_step[k] - f[k]) / step;
}


/* ------------------------------------------------------------------ ARTn */

void mgg_artn_default_params(mgg_artn_params *p)
{
  *p = (mgg_artn_params){
      .push_initial = 0.1,
      .push_increment = 0.15,
      .eigenvalue_threshold = -0.30,
      .max_basin_steps = 30,
      .basin_perp_evals = 4,
      .eigen_step_max = 0.15,
      .perp_evals = 8,
      .perp_dmax = 0.1,
      .perp_force_ratio = 0.5,
      .force_tol = 0.05,
      .force_norm = 0,
      .max_activation_steps = 200,
      .max_retries = 20,
      .lost_curvature = 0.0,
      .max_evaluations = 2000,
      .max_energy = 10.0,
      .max_displacement = 5.0,
      .reach_radius = 0.0,
      .lanczos_fd_step = 1e-3,
      .lanczos_max_iter = 16,
      .lanczos_tol = 0.01,
      .remove_translation = 0,
      .validate = 1,
      .validate_lanczos_tol = 0.01,
      .validate_lanczos_max_iter = 60,
      .validate_step = 0.1,
      .validate_ftol = 0.01,
      .validate_max_evals = 500,
      .same_energy = 1e-3,
      .same_distance = 0.1,
      .relax_final = 0,
      .basin_push_fixed = 0,
      .continue_higher_order = 0,
      .caller_curvatures = 0,
  };
}

const char *mgg_artn_status_message(mgg_artn_status status)
{
  switch (status) {
    case MGG_ARTN_RUNNING: return "running";
    case MGG_ARTN_SADDLE: return "saddle";
    case MGG_ARTN_CONVERGED: return "converged (not validated)";
    case MGG_ARTN_BASIN_CAP: return "did not leave the basin (basin steps cap)";
    case MGG_ARTN_ACTIVATION_CAP: return "did not converge (activation steps cap)";
    case MGG_ARTN_EVALUATION_CAP: return "did not converge (force evaluations cap)";
    case MGG_ARTN_EIGENVALUE_LOST: return "negative curvature lost (retries exhausted)";
    case MGG_ARTN_ENERGY_RUNAWAY: return "energy runaway";
    case MGG_ARTN_ATOM_LOST: return "an atom moved too far";
    case MGG_ARTN_NON_FINITE: return "non-finite energy, force or curvature";
    case MGG_ARTN_FORCE_CHECK: return "not a saddle: force above the threshold";
    case MGG_ARTN_CURVATURE_UNRESOLVED: return "not validated: lowest curvatures not converged";
    case MGG_ARTN_NO_NEGATIVE_CURVATURE: return "not a saddle: no negative curvature";
    case MGG_ARTN_HIGHER_ORDER: return "not a saddle: more than one negative curvature";
    case MGG_ARTN_NEGATIVE_BARRIER: return "not a saddle: activation energy not positive";
    case MGG_ARTN_NOT_CONNECTED: return "saddle not connected to the initial minimum";
  }
  return "unknown";
}

enum { PENDING_NONE, PENDING_EVAL, PENDING_FD, PENDING_HV, PENDING_CURVATURES };

enum {
  PH_START,
  PH_BASIN_EVAL,     /* after the evaluation of a push */
  PH_BASIN_RELAX,    /* perpendicular relaxation in the basin */
  PH_BASIN_LANCZOS,
  PH_ACT_EVAL,       /* after the evaluation of a step along the eigenvector */
  PH_ACT_RELAX,
  PH_ACT_LANCZOS,
  PH_VAL_LANCZOS,    /* the lowest curvature at the saddle */
  PH_VAL_DEFLATED,   /* the lowest curvature orthogonal to its eigenvector */
  PH_VAL_EVAL,       /* after the evaluation of a displaced saddle */
  PH_VAL_RELAX,
  PH_DONE
};

/* vectors of 3 n_atoms doubles in the workspace besides the Lanczos basis */
#define ARTN_VECTORS 19

static int lanczos_iter_max(const mgg_artn_params *p)
{
  return p->validate && p->validate_lanczos_max_iter > p->lanczos_max_iter ? p->validate_lanczos_max_iter
                                                                           : p->lanczos_max_iter;
}

static int params_valid(const mgg_artn_params *p)
{
  const int iter_ok = p->lanczos_max_iter >= 2 && p->lanczos_max_iter <= MGG_LANCZOS_MAX_ITER &&
                      (!p->validate || (p->validate_lanczos_max_iter >= 2 &&
                                        p->validate_lanczos_max_iter <= MGG_LANCZOS_MAX_ITER));
  return iter_ok && p->push_initial > 0.0 && p->push_increment > 0.0 &&
         p->eigenvalue_threshold < 0.0 && isfinite(p->eigenvalue_threshold) && p->max_basin_steps >= 0 &&
         p->basin_perp_evals >= 0 && p->eigen_step_max > 0.0 && p->perp_evals >= 0 && p->perp_force_ratio >= 0.0 &&
         p->perp_dmax > 0.0 && p->force_tol > 0.0 && (p->force_norm == 0 || p->force_norm == 1) &&
         p->max_activation_steps >= 1 && p->max_retries >= 0 &&
         p->lost_curvature >= 0.0 && isfinite(p->lost_curvature) && p->max_evaluations >= 1 &&
         p->max_energy > 0.0 && p->max_displacement > 0.0 &&
         p->reach_radius >= 0.0 && isfinite(p->reach_radius) && mgg_all_finite(3, p->reach_centre) && p->lanczos_fd_step >= 0.0 &&
         isfinite(p->lanczos_fd_step) && p->lanczos_tol > 0.0 &&
         (p->remove_translation == 0 || p->remove_translation == 1) &&
         (p->validate == 0 || p->validate == 1) && p->validate_lanczos_tol > 0.0 &&
         p->validate_step > 0.0 && p->validate_ftol > 0.0 && p->validate_max_evals >= 1 &&
         p->same_energy >= 0.0 && p->same_distance >= 0.0 && (p->relax_final == 0 || p->relax_final == 1) &&
         (p->basin_push_fixed >= 0 && p->basin_push_fixed <= 2) &&
         (p->caller_curvatures == 0 || p->caller_curvatures == 1) &&
         (p->continue_higher_order == 0 || p->continue_higher_order == 1);
}

size_t mgg_artn_work_size(size_t n_atoms, const mgg_artn_params *params)
{
  if (!params || n_atoms == 0 || !params_valid(params)) return 0;
  const size_t n = 3 * n_atoms;
  return sizeof(double) * ARTN_VECTORS * n + mgg_lanczos_work_size(n, lanczos_iter_max(params));
}

/* the projection P: frozen coordinates to zero, then (remove_translation) the mean of each
 * Cartesian component over the mobile coordinates */
static void project(const mgg_artn *s, double *v)
{
  const size_t n = 3 * s->n_atoms;
  for (size_t k = 0; k < n; k++) v[k] *= s->mask[k];
  if (!s->p.remove_translation) return;
  for (int c = 0; c < 3; c++) {
    double sum = 0.0, count = 0.0;
    for (size_t i = 0; i < s->n_atoms; i++) {
      sum += v[3 * i + c];
      count += s->mask[3 * i + c];
    }
    if (count > 0.0)
      for (size_t i = 0; i < s->n_atoms; i++) v[3 * i + c] -= s->mask[3 * i + c] * sum / count;
  }
}

static double normalise(size_t n, double *v)
{
  const double norm = sqrt(mgg_dot(n, v, v));
  if (norm > 0.0)
    for (size_t k = 0; k < n; k++) v[k] /= norm;
  return norm;
}

mgg_status mgg_artn_start(const mgg_artn_params *params, size_t n_atoms, const double *x0,
                          double e0, const double *push, const int *mobile, void *work,
                          size_t work_len, mgg_artn *s)
{
  if (!params || !x0 || !push || !s) return MGG_ERR_NULL_ARGUMENT;
  if (n_atoms == 0 || !params_valid(params)) return MGG_ERR_BAD_ARGUMENT;
  const size_t n = 3 * n_atoms;
  if (!isfinite(e0) || !mgg_all_finite(n, x0) || !mgg_all_finite(n, push)) return MGG_ERR_BAD_ARGUMENT;
  if (work_len < mgg_artn_work_size(n_atoms, params)) return MGG_ERR_BUFFER_TOO_SMALL;
  if (!work) return MGG_ERR_NULL_ARGUMENT;
  *s = (mgg_artn){0};
  s->p = *params;
  s->n_atoms = n_atoms;
  double **vec[ARTN_VECTORS] = {&s->x0,   &s->mask, &s->x,   &s->f,  &s->fp,  &s->e,
                                &s->d,    &s->pd, &s->xacc, &s->facc, &s->eacc, &s->cgx0, &s->cgg,
                                &s->cgh,  &s->xs,   &s->fs,  &s->xfd, &s->hv,  &s->xfin};
  for (int v = 0; v < ARTN_VECTORS; v++) *vec[v] = (double *) work + (size_t) v * n;
  s->lzwork = (double *) work + (size_t) ARTN_VECTORS * n;
  s->lzwork_len = mgg_lanczos_work_size(n, lanczos_iter_max(params));
  memcpy(s->x0, x0, n * sizeof(double));
  for (size_t k = 0; k < n; k++) s->mask[k] = !mobile || mobile[k] ? 1.0 : 0.0;
  memcpy(s->d, push, n * sizeof(double));
  project(s, s->d);
  if (!(normalise(n, s->d) > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  memcpy(s->pd, s->d, n * sizeof(double));
  s->e0 = e0;
  s->status = MGG_ARTN_RUNNING;
  s->energy = e0;
  s->eigenvalue[0] = s->eigenvalue[1] = NAN;
  s->e_act = s->e_final = NAN;
  s->step_cap = params->eigen_step_max;
  s->phase = PH_START;
  s->pending = PENDING_NONE;
  s->point = s->x;
  return MGG_OK;
}

mgg_status mgg_artn_start_mode(mgg_artn *s, const double *e)
{
  if (!s || !e) return MGG_ERR_NULL_ARGUMENT;
  const size_t n = 3 * s->n_atoms;
  if (s->phase != PH_START || s->pending != PENDING_NONE || !mgg_all_finite(n, e)) return MGG_ERR_BAD_ARGUMENT;
  memcpy(s->e, e, n * sizeof(double));
  project(s, s->e);
  if (!(normalise(n, s->e) > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  s->start_mode = 1;
  return MGG_OK;
}

static double largest_displacement(const mgg_artn *s, const double *x)
{
  double most = 0.0;
  for (size_t i = 0; i < s->n_atoms; i++) {
    double r2 = 0.0;
    for (int c = 0; c < 3; c++) {
      const double u = x[3 * i + c] - s->x0[3 * i + c];
      r2 += u * u;
    }
    most = fmax(most, r2);
  }
  return sqrt(most);
}

/* the force criterion on the projected forces f (max_force, force_norm updated) */
static int force_converged(mgg_artn *s, const double *f)
{
  const size_t n = 3 * s->n_atoms;
  double most = 0.0;
  for (size_t k = 0; k < n; k++) most = fmax(most, fabs(f[k]));
  s->max_force = most;
  s->force_norm = sqrt(mgg_dot(n, f, f));
  return (s->p.force_norm ? s->force_norm : s->max_force) <= s->p.force_tol;
}

static mgg_artn_request finish(mgg_artn *s, mgg_artn_status status)
{
  s->status = status;
  s->phase = PH_DONE;
  s->pending = PENDING_NONE;
  s->displacement = largest_displacement(s, s->x);
  return MGG_ARTN_DONE;
}

static mgg_artn_request request_eval(mgg_artn *s, const double *point)
{
  s->pending = PENDING_EVAL;
  s->point = point;
  s->direction = NULL;
  return MGG_ARTN_EVALUATE;
}

static int in_validation(const mgg_artn *s) { return s->phase >= PH_VAL_LANCZOS; }

/* next product of the running Lanczos, or DONE when it has finished */
static mgg_artn_request lanczos_request(mgg_artn *s, const double *product)
{
  const double *q;
  if (mgg_lanczos_step(&s->lz, product, &q) == MGG_LANCZOS_DONE) return MGG_ARTN_DONE;
  const size_t n = 3 * s->n_atoms;
  if (s->p.lanczos_fd_step > 0.0) {
    for (size_t k = 0; k < n; k++) s->xfd[k] = s->x[k] + s->p.lanczos_fd_step * q[k];
    s->direction = q;
    s->pending = PENDING_FD;
    s->point = s->xfd;
    return MGG_ARTN_EVALUATE;
  }
  s->pending = PENDING_HV;
  s->point = s->x;
  s->direction = q;
  return MGG_ARTN_HESSIAN_VECTOR;
}

/* 1 when a mobile atom is farther than reach_radius (if set) from reach_centre */
static int beyond_reach(const mgg_artn *s, const double *x)
{
  if (!(s->p.reach_radius > 0.0)) return 0;
  const double r2max = s->p.reach_radius * s->p.reach_radius;
  for (size_t i = 0; i < s->n_atoms; i++) {
    if (s->mask[3 * i] == 0.0 && s->mask[3 * i + 1] == 0.0 && s->mask[3 * i + 2] == 0.0) continue;
    double r2 = 0.0;
    for (int c = 0; c < 3; c++) {
      const double u = x[3 * i + c] - s->p.reach_centre[c];
      r2 += u * u;
    }
    if (r2 > r2max) return 1;
  }
  return 0;
}

/* the search's checks on the points it moves to (pushes, steps along the eigenvector, the ends
 * of perpendicular relaxations; not the trial points of a line search, which may climb a wall) */
static int search_checks(mgg_artn *s, mgg_artn_status *status)
{
  if (s->energy - s->e0 > s->p.max_energy) *status = MGG_ARTN_ENERGY_RUNAWAY;
  else if (largest_displacement(s, s->x) > s->p.max_displacement || beyond_reach(s, s->x))
    *status = MGG_ARTN_ATOM_LOST;
  else return 1;
  return 0;
}

static mgg_artn_request lanczos_begin(mgg_artn *s, const double *v0, int validation)
{
  mgg_artn_status failure;
  if (!validation && !search_checks(s, &failure)) return finish(s, failure);
  const mgg_lanczos_params lp = {
      .max_iter = validation ? s->p.validate_lanczos_max_iter : s->p.lanczos_max_iter,
      .n_eig = 1,
      .tol = validation ? s->p.validate_lanczos_tol : s->p.lanczos_tol,
      .floor = fabs(s->p.eigenvalue_threshold),
      .criterion = validation ? MGG_LANCZOS_RESIDUAL : MGG_LANCZOS_CHANGE};
  s->lanczos_runs++;
  if (mgg_lanczos_start(&lp, 3 * s->n_atoms, v0, s->lzwork, s->lzwork_len, &s->lz) != MGG_OK)
    return finish(s, MGG_ARTN_NON_FINITE);
  return lanczos_request(s, NULL);
}

/* the lowest Ritz pair of the finished Lanczos into eigenvalue[0] and e; 0 when unusable */
static int lanczos_lowest(mgg_artn *s)
{
  if (s->lz.n_found < 1 || !isfinite(s->lz.theta[0])) return 0;
  if (mgg_lanczos_ritz_vector(&s->lz, 0, s->e) != MGG_OK) return 0;
  project(s, s->e);
  normalise(3 * s->n_atoms, s->e);
  s->eigenvalue[0] = s->lz.theta[0];
  return 1;
}

/* Relaxations from s->x, whose forces are known; each returns MGG_ARTN_DONE when it has ended.
 * Perpendicular to a direction d (dir not NULL): steepest descent with the Barzilai-Borwein step
 * (Barzilai and Borwein 1988), one evaluation per step and no line search, the step length
 * carried from one relaxation to the next (the curvature it measures changes little between
 * them), every move capped at perp_dmax per coordinate; it ends when the 2-norm of the
 * perpendicular force is below ftol or after max_evals evaluations.  Free (validation): CG as
 * LAMMPS's minimize (mgg_cg), whose end is the minimum a LAMMPS user would find. */
static mgg_artn_request relax_iterate(mgg_artn *s);

static void relax_forces(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  memcpy(s->fp, s->f, n * sizeof(double));
  /* twice: the rounding left along d by one projection would be a direction of its own once
   * the perpendicular force is small */
  if (s->perp)
    for (int pass = 0; pass < 2; pass++) mgg_axpy(n, -mgg_dot(n, s->fp, s->d), s->d, s->fp);
}

static mgg_artn_request relax_begin(mgg_artn *s, const double *dir, double ftol, long max_evals)
{
  const size_t n = 3 * s->n_atoms;
  s->perp = dir != NULL;
  s->relax_ftol = ftol;
  s->relax_evals = 0;
  s->relax_max = max_evals;
  if (dir && dir != s->d) memcpy(s->d, dir, n * sizeof(double));
  if (!s->perp) {
    double dof = 0.0;
    for (size_t k = 0; k < n; k++) dof += s->mask[k];
    const mgg_cg_params cp = {.dmax = s->p.perp_dmax, .ftol = ftol, .etol = 0.0,
                              .max_iter = 1000000, .max_evals = max_evals + 1,
                              .n_dof = dof > 1.0 ? (long) dof : 1, .steepest = 0};
    mgg_cg_start(&cp, &s->cg);
    /* mgg_cg sets g and h at its first step, but the sums before it read them */
    memset(s->cgg, 0, n * sizeof(double));
    memset(s->cgh, 0, n * sizeof(double));
  }
  relax_forces(s);
  return relax_iterate(s);
}

static mgg_artn_request relax_iterate(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  if (s->perp) {
    if (sqrt(mgg_dot(n, s->fp, s->fp)) <= s->relax_ftol || s->relax_evals >= s->relax_max)
      return MGG_ARTN_DONE;
    if (s->relax_evals > 0) {
      /* BB1: |dx|^2 / (dx . dg), g = -fp; a non-positive curvature keeps the last step */
      double xx = 0.0, xg = 0.0;
      for (size_t k = 0; k < n; k++) {
        const double dx = s->x[k] - s->cgx0[k], dg = s->cgg[k] - s->fp[k];
        xx += dx * dx;
        xg += dx * dg;
      }
      if (xg > 0.0) s->bb_alpha = xx / xg;
    }
    double most = 0.0;
    for (size_t k = 0; k < n; k++) most = fmax(most, fabs(s->fp[k]));
    /* the first step of a search: a tenth of the cap, the curvature being unknown */
    if (!(s->bb_alpha > 0.0)) s->bb_alpha = 0.1 * s->p.perp_dmax / most;
    const double alpha = fmin(s->bb_alpha, s->p.perp_dmax / most);
    memcpy(s->cgx0, s->x, n * sizeof(double));
    memcpy(s->cgg, s->fp, n * sizeof(double));
    mgg_axpy(n, alpha, s->fp, s->x);
    s->relax_evals++;
    return request_eval(s, s->x);
  }
  for (;;) {
    double sums[MGG_CG_NSUMS];
    const double hmax = mgg_cg_sums(s->n_atoms, s->fp, s->cgg, s->cgh, sums);
    const mgg_cg_request r =
        mgg_cg_iterate(&s->cg, s->energy, sums, hmax, s->n_atoms, s->x, s->cgx0, s->cgg, s->cgh, s->fp);
    if (r == MGG_CG_SUMS) continue;
    if (r == MGG_CG_EVALUATE) return request_eval(s, s->x);
    return MGG_ARTN_DONE;
  }
}

/* the basin's push direction into d: P (x - x0) normalised (0 when x = x0 in the projected
 * space), or with basin_push_fixed the first push */
static int displacement_direction(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  if (s->p.basin_push_fixed == 1) {
    memcpy(s->d, s->pd, n * sizeof(double));
    return 1;
  }
  for (size_t k = 0; k < n; k++) s->d[k] = s->p.basin_push_fixed == 2 && s->pd[k] == 0.0 ? 0.0 : s->x[k] - s->x0[k];
  project(s, s->d);
  return normalise(n, s->d) > 0.0;
}

/* a pseudo-random component in [-1, 1) from a hash of k (fixed: no state) */
static double hashed_uniform(size_t k)
{
  uint64_t z = (uint64_t) k * 0x9E3779B97F4A7C15u + 0x632BE59BD9B4E019u;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  z ^= z >> 31;
  return (double) (z >> 11) * 0x1.0p-52 - 1.0;
}

/* the steps of the search; each returns the next request */
static mgg_artn_request activation_decide(mgg_artn *s);
static mgg_artn_request validation_begin(mgg_artn *s);
static mgg_artn_request validation_side(mgg_artn *s);
static mgg_artn_request validation_curvatures(mgg_artn *s);

static mgg_artn_request basin_push(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  if (s->basin_steps >= s->p.max_basin_steps) return finish(s, MGG_ARTN_BASIN_CAP);
  s->basin_steps++;
  if (!displacement_direction(s)) return finish(s, MGG_ARTN_NON_FINITE);
  mgg_axpy(n, s->p.push_increment, s->d, s->x);
  s->phase = PH_BASIN_EVAL;
  return request_eval(s, s->x);
}

static mgg_artn_request activation_step(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  if (s->activation_steps >= s->p.max_activation_steps) return finish(s, MGG_ARTN_ACTIVATION_CAP);
  s->activation_steps++;
  /* Newton step to the maximum of E along e: s = (f.e) / lambda, lambda < 0; with
   * lost_curvature the curvature is taken as at most -lost_curvature, which keeps the step
   * uphill and bounded where lambda is near zero or slightly positive */
  const double lambda = s->p.lost_curvature > 0.0 ? -fmax(fabs(s->eigenvalue[0]), s->p.lost_curvature)
                                                  : s->eigenvalue[0];
  double step = mgg_dot(n, s->f, s->e) / lambda;
  step = fmax(-s->step_cap, fmin(s->step_cap, step));
  mgg_axpy(n, step, s->e, s->x);
  s->phase = PH_ACT_EVAL;
  return request_eval(s, s->x);
}

static void save_accepted(mgg_artn *s)
{
  const size_t bytes = 3 * s->n_atoms * sizeof(double);
  memcpy(s->xacc, s->x, bytes);
  memcpy(s->facc, s->f, bytes);
  memcpy(s->eacc, s->e, bytes);
  s->acc_energy = s->energy;
  s->acc_lambda = s->eigenvalue[0];
}

static void restore_accepted(mgg_artn *s)
{
  const size_t bytes = 3 * s->n_atoms * sizeof(double);
  memcpy(s->x, s->xacc, bytes);
  memcpy(s->f, s->facc, bytes);
  memcpy(s->e, s->eacc, bytes);
  s->energy = s->acc_energy;
  s->eigenvalue[0] = s->acc_lambda;
}

/* lost eigenvalues in a row answered by a shorter step before pushing out again */
#define ARTN_HALVINGS 2

static mgg_artn_request activation_decide(mgg_artn *s)
{
  if (force_converged(s, s->f)) return validation_begin(s);
  /* a small positive curvature on the way up need not mean the ridge is lost: climb on */
  if (s->eigenvalue[0] >= 0.0 && s->eigenvalue[0] < s->p.lost_curvature) return activation_step(s);
  if (s->eigenvalue[0] >= 0.0) {
    /* lost: back to the last point of negative curvature; a shorter step from there, and when
     * that fails too (the negative region ends along this ridge) a push along the displacement
     * from x0 with its perpendicular relaxation, as in the basin */
    if (s->retries >= s->p.max_retries) return finish(s, MGG_ARTN_EIGENVALUE_LOST);
    s->retries++;
    s->lost_in_row++;
    restore_accepted(s);
    if (s->lost_in_row > ARTN_HALVINGS) {
      s->lost_in_row = 0;
      s->step_cap = s->p.eigen_step_max;
      return basin_push(s);
    }
    s->step_cap *= 0.5;
    return activation_step(s);
  }
  if (s->lost_in_row == 0) s->step_cap = fmin(2.0 * s->step_cap, s->p.eigen_step_max);
  s->lost_in_row = 0;
  save_accepted(s);
  return activation_step(s);
}

/* With caller_curvatures, check (2) first runs its two Lanczos runs anyway when the products are
 * exact: they prove most points of order two at the price of a few dozen products, where the
 * caller's curvatures (a sparse factorisation of the whole system's Hessian) cost 1.5 s (idle) to
 * 15 s (loaded) on a 2,000-atom cell; the caller is asked only when they prove nothing.  With
 * continue_higher_order a proven point is left down the deflated run's Ritz vector: a direction
 * of negative curvature orthogonal to the first, all the descent needs. */
static int lanczos_first(const mgg_artn *s)
{
  return s->p.lanczos_fd_step == 0.0;
}

static mgg_artn_request request_curvatures(mgg_artn *s)
{
  s->pending = PENDING_CURVATURES;
  s->point = s->x;
  return MGG_ARTN_CURVATURES;
}

/* 1 when the two validation Lanczos runs prove a second negative curvature: the first Ritz pair
 * (a, e) with residual r, He = a e + r', |r'| = r, and the deflated run's Ritz pair (b, v), v
 * orthogonal to e, so v'Hv = b and e'Hv = r'.v, |e'Hv| <= r.  On span{e, v} the Rayleigh quotient
 * is at most the largest eigenvalue of [[a, c], [c, b]] with |c| <= r, negative when a < 0,
 * b < 0 and a b > r^2: then lambda_2 < 0 (Courant-Fischer).  Rayleigh quotients, so no
 * convergence is needed. */
int mgg_artn_order_two_proven(double a, double residual, double b)
{
  return a < 0.0 && b < 0.0 && isfinite(residual) && a * b > residual * residual;
}

static mgg_artn_request validation_begin(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  memcpy(s->xs, s->x, n * sizeof(double));
  memcpy(s->fs, s->f, n * sizeof(double));
  s->saddle_energy = s->energy;
  s->e_act = s->energy - s->e0;
  if (!s->p.validate) {
    s->displacement = largest_displacement(s, s->x);
    return finish(s, MGG_ARTN_CONVERGED);
  }
  if (!force_converged(s, s->fs)) return finish(s, MGG_ARTN_FORCE_CHECK);
  s->phase = PH_VAL_LANCZOS;
  if (s->p.caller_curvatures && !lanczos_first(s)) return request_curvatures(s);
  return lanczos_begin(s, s->e, 1);
}


/* the end of the validation: the saddle and its forces back in x, f */
static mgg_artn_request validation_end(mgg_artn *s, mgg_artn_status status)
{
  const size_t bytes = 3 * s->n_atoms * sizeof(double);
  memcpy(s->x, s->xs, bytes);
  memcpy(s->f, s->fs, bytes);
  s->energy = s->saddle_energy;
  force_converged(s, s->f);
  return finish(s, status);
}

/* after the first validation Lanczos: lambda_1 and its eigenvector; then the lowest curvature
 * orthogonal to that eigenvector, which is at most lambda_2 (Courant-Fischer), from a fixed
 * pseudo-random start.  Two Lanczos runs rather than one for two Ritz pairs: when lambda_1 and
 * lambda_2 are nearly equal, one Krylov space started near their eigenvectors holds a mixture of
 * both with a small residual long before it separates them, and the second Ritz value converges
 * to lambda_3: a saddle of order two passed for one.  Deflated, the mixture's orthogonal partner
 * is the lowest direction left. */
static mgg_artn_request validation_deflated(mgg_artn *s)
{
  const int usable = lanczos_lowest(s);
  if (s->p.caller_curvatures) {
    /* lanczos_first(): only a proof of order two is taken from here */
    if (!usable || !(s->eigenvalue[0] < 0.0)) return request_curvatures(s);
    s->residual_1 = s->lz.residual[0];
  } else {
    if (!s->lz.converged || !usable) return validation_end(s, MGG_ARTN_CURVATURE_UNRESOLVED);
    if (!(s->eigenvalue[0] < 0.0)) return validation_end(s, MGG_ARTN_NO_NEGATIVE_CURVATURE);
  }
  const size_t n = 3 * s->n_atoms;
  for (size_t k = 0; k < n; k++) s->hv[k] = hashed_uniform(k);
  project(s, s->hv);
  mgg_axpy(n, -mgg_dot(n, s->hv, s->e), s->e, s->hv);
  const double norm = normalise(n, s->hv);
  s->phase = PH_VAL_DEFLATED;
  if (!(norm > 1e-8)) {
    /* one direction only: no second curvature */
    s->eigenvalue[1] = INFINITY;
    return validation_curvatures(s);
  }
  return lanczos_begin(s, s->hv, 1);
}

/* A saddle of order two (second eigenvector in d): a step of validate_step down along d, on the
 * side of x0, and the activation goes on from there (a retry): the perpendicular relaxation then
 * descends the second negative direction while the steps along e climb.  The side of x0, not
 * that of the force, whose sign at a converged point is noise: the saddle sought is one
 * connected to x0 (on the shipped Cu-Zr glass either side validated as many searches). */
static mgg_artn_request leave_higher_order(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  s->retries++;
  save_accepted(s);
  s->lost_in_row = 0;
  s->step_cap = s->p.eigen_step_max;
  double towards = 0.0;
  for (size_t k = 0; k < n; k++) towards += s->d[k] * (s->x0[k] - s->x[k]);
  const double sign = towards >= 0.0 ? 1.0 : -1.0;
  mgg_axpy(n, sign * s->p.validate_step, s->d, s->x);
  s->eigenvalue[1] = NAN;
  s->e_act = NAN;
  s->phase = PH_ACT_EVAL;
  s->leaving = 1;
  return request_eval(s, s->x);
}

static mgg_artn_request validation_curvatures(mgg_artn *s)
{
  if (isnan(s->eigenvalue[1])) {
    const int found = s->lz.n_found >= 1 && mgg_lanczos_ritz_vector(&s->lz, 0, s->d) == MGG_OK;
    if (s->p.caller_curvatures) {
      if (!found || !mgg_artn_order_two_proven(s->eigenvalue[0], s->residual_1, s->lz.theta[0]))
        return request_curvatures(s);
    } else if (!s->lz.converged || !found)
      return validation_end(s, MGG_ARTN_CURVATURE_UNRESOLVED);
    s->eigenvalue[1] = s->lz.theta[0];
  }
  if (!(s->eigenvalue[1] > 0.0)) {
    if (!s->p.continue_higher_order || s->retries >= s->p.max_retries)
      return validation_end(s, MGG_ARTN_HIGHER_ORDER);
    return leave_higher_order(s);
  }
  if (!(s->e_act > 0.0)) return validation_end(s, MGG_ARTN_NEGATIVE_BARRIER);
  /* first the side towards x0 */
  const size_t n = 3 * s->n_atoms;
  double towards = 0.0;
  for (size_t k = 0; k < n; k++) towards += s->e[k] * (s->x0[k] - s->xs[k]);
  if (towards < 0.0)
    for (size_t k = 0; k < n; k++) s->e[k] = -s->e[k];
  s->side = 1;
  return validation_side(s);
}

/* relaxation of side s->side (1: towards x0, 2: away) from the displaced saddle */
static mgg_artn_request validation_side(mgg_artn *s)
{
  const size_t n = 3 * s->n_atoms;
  const double sign = s->side == 1 ? 1.0 : -1.0;
  for (size_t k = 0; k < n; k++) s->x[k] = s->xs[k] + sign * s->p.validate_step * s->e[k];
  s->phase = PH_VAL_EVAL;
  return request_eval(s, s->x);
}

/* a validation relaxation has ended at x (relaxed 0: stopped early, it cannot end at x0) */
static mgg_artn_request validation_relaxed(mgg_artn *s, int relaxed)
{
  const size_t n = 3 * s->n_atoms;
  const int home = relaxed && mgg_artn_same_state(s->n_atoms, s->x0, s->e0, s->x, s->energy, s->p.same_energy,
                                                  s->p.same_distance, s->p.remove_translation);
  if (home) {
    s->connected_side = s->side;
    if (s->side == 1 && s->p.relax_final) {
      s->side = 2;
      return validation_side(s);
    }
    return validation_end(s, MGG_ARTN_SADDLE);
  }
  /* the other minimum (or a side that missed x0) */
  if (relaxed) {
    memcpy(s->xfin, s->x, n * sizeof(double));
    s->e_final = s->energy;
    s->final_relaxed = 1;
  }
  if (s->side == 1) {
    s->side = 2;
    return validation_side(s);
  }
  return validation_end(s, s->connected_side ? MGG_ARTN_SADDLE : MGG_ARTN_NOT_CONNECTED);
}

/* the phases after an evaluation at x (energy and forces stored) */
static mgg_artn_request after_eval(mgg_artn *s)
{
  mgg_artn_status failure;
  if ((s->phase == PH_BASIN_EVAL || s->phase == PH_ACT_EVAL) && !search_checks(s, &failure))
    return finish(s, failure);
  switch (s->phase) {
    case PH_BASIN_EVAL:
      if (!displacement_direction(s)) return finish(s, MGG_ARTN_NON_FINITE);
      s->phase = PH_BASIN_RELAX;
      if (s->p.basin_perp_evals > 0) {
        const mgg_artn_request r = relax_begin(s, s->d, s->p.force_tol, s->p.basin_perp_evals);
        if (r != MGG_ARTN_DONE) return r;
      }
      s->phase = PH_BASIN_LANCZOS;
      return lanczos_begin(s, s->e, 0);
    case PH_BASIN_RELAX: {
      relax_forces(s);
      const mgg_artn_request r = relax_iterate(s);
      if (r != MGG_ARTN_DONE) return r;
      s->phase = PH_BASIN_LANCZOS;
      return lanczos_begin(s, s->e, 0);
    }
    case PH_ACT_EVAL: {
      /* just off a saddle of order two, whose forces are below force_tol for some way: a ten
       * times finer and longer relaxation carries the point down the second direction */
      const int leaving = s->leaving;
      s->leaving = 0;
      if (!leaving && force_converged(s, s->f)) return validation_begin(s);
      s->phase = PH_ACT_RELAX;
      if (s->p.perp_evals > 0) {
        /* no tighter than the parallel force: far from the saddle the perpendicular
         * relaxation need not be finer than the next step along e will undo */
        const double ftol = leaving ? 0.1 * s->p.force_tol
                                    : fmax(s->p.force_tol, s->p.perp_force_ratio * fabs(mgg_dot(3 * s->n_atoms, s->f, s->e)));
        const mgg_artn_request r = relax_begin(s, s->e, ftol, (leaving ? 10 : 1) * (long) s->p.perp_evals);
        if (r != MGG_ARTN_DONE) return r;
      }
      s->phase = PH_ACT_LANCZOS;
      return lanczos_begin(s, s->e, 0);
    }
    case PH_ACT_RELAX: {
      relax_forces(s);
      const mgg_artn_request r = relax_iterate(s);
      if (r != MGG_ARTN_DONE) return r;
      if (force_converged(s, s->f)) return validation_begin(s);
      s->phase = PH_ACT_LANCZOS;
      return lanczos_begin(s, s->e, 0);
    }
    case PH_VAL_EVAL: {
      s->phase = PH_VAL_RELAX;
      const mgg_artn_request r = relax_begin(s, NULL, s->p.validate_ftol, s->p.validate_max_evals);
      if (r != MGG_ARTN_DONE) return r;
      return validation_relaxed(s, 1);
    }
    case PH_VAL_RELAX: {
      /* a point that already meets the test of being back at x0 ends the relaxation: the test
       * at its end would accept it too, and the side towards x0 usually gets there early */
      if (mgg_artn_same_state(s->n_atoms, s->x0, s->e0, s->x, s->energy, s->p.same_energy,
                              s->p.same_distance, s->p.remove_translation))
        return validation_relaxed(s, 1);
      /* CG accepts no rise in energy (but rounding, 1e-8 eV per line search): once a line
       * search starts below e0 - 2 same_energy the relaxation cannot end back at x0.  Unless
       * the other minimum is wanted (relax_final), the side ends there (on the Cu-Zr glass
       * the sides that miss x0 mostly end above e0, so this saves ~2% of a search's cost). */
      if (!s->p.relax_final && s->cg.iterations > 0 && s->cg.eoriginal < s->e0 - 2.0 * s->p.same_energy)
        return validation_relaxed(s, 0);
      relax_forces(s);
      const mgg_artn_request r = relax_iterate(s);
      if (r != MGG_ARTN_DONE) return r;
      return validation_relaxed(s, 1);
    }
    default:
      return finish(s, MGG_ARTN_NON_FINITE);
  }
}

/* the phases after a finished Lanczos */
static mgg_artn_request after_lanczos(mgg_artn *s)
{
  switch (s->phase) {
    case PH_BASIN_LANCZOS:
      if (!lanczos_lowest(s)) return finish(s, MGG_ARTN_NON_FINITE);
      if (s->eigenvalue[0] < s->p.eigenvalue_threshold) {
        save_accepted(s);
        s->lost_in_row = 0;
        return activation_decide(s);
      }
      return basin_push(s);
    case PH_ACT_LANCZOS:
      if (!lanczos_lowest(s)) return finish(s, MGG_ARTN_NON_FINITE);
      /* the eigenvector's sign is arbitrary; keep the previous one's for a smooth path */
      if (mgg_dot(3 * s->n_atoms, s->e, s->eacc) < 0.0)
        for (size_t k = 0; k < 3 * s->n_atoms; k++) s->e[k] = -s->e[k];
      return activation_decide(s);
    case PH_VAL_LANCZOS:
      return validation_deflated(s);
    case PH_VAL_DEFLATED:
      return validation_curvatures(s);
    default:
      return finish(s, MGG_ARTN_NON_FINITE);
  }
}

mgg_artn_request mgg_artn_step(mgg_artn *s, double energy, const double *answer)
{
  if (!s || s->phase == PH_DONE) return MGG_ARTN_DONE;
  const size_t n = 3 * s->n_atoms;
  const int pending = s->pending;
  s->pending = PENDING_NONE;
  if (pending != PENDING_NONE && !answer) return finish(s, MGG_ARTN_NON_FINITE);
  if (pending == PENDING_HV) s->hessian_vectors++;
  else if (pending == PENDING_CURVATURES) s->curvature_requests++;
  else if (pending != PENDING_NONE) s->evaluations++;
  if (pending != PENDING_NONE && pending != PENDING_CURVATURES && in_validation(s))
    s->validation_evaluations++;
  switch (pending) {
    case PENDING_NONE:
      if (s->phase != PH_START) return MGG_ARTN_DONE;
      memcpy(s->x, s->x0, n * sizeof(double));
      if (!s->start_mode) memcpy(s->e, s->d, n * sizeof(double));
      mgg_axpy(n, s->p.push_initial, s->d, s->x);
      s->phase = PH_BASIN_EVAL;
      return request_eval(s, s->x);
    case PENDING_EVAL: {
      if (!isfinite(energy) || !mgg_all_finite(n, answer)) return finish(s, MGG_ARTN_NON_FINITE);
      s->energy = energy;
      memcpy(s->f, answer, n * sizeof(double));
      project(s, s->f);
      if (!in_validation(s) && s->evaluations + s->hessian_vectors >= s->p.max_evaluations)
        return finish(s, MGG_ARTN_EVALUATION_CAP);
      return after_eval(s);
    }
    case PENDING_CURVATURES: {
      if (!(answer[0] <= answer[1]) || !mgg_all_finite(2 * n, answer + 2))
        return validation_end(s, MGG_ARTN_CURVATURE_UNRESOLVED);
      memcpy(s->e, answer + 2, n * sizeof(double));
      memcpy(s->d, answer + 2 + n, n * sizeof(double));
      project(s, s->e);
      project(s, s->d);
      if (!(normalise(n, s->e) > 0.0) || !(normalise(n, s->d) > 0.0))
        return validation_end(s, MGG_ARTN_CURVATURE_UNRESOLVED);
      s->eigenvalue[0] = answer[0];
      s->eigenvalue[1] = answer[1];
      if (!(s->eigenvalue[0] < 0.0)) return validation_end(s, MGG_ARTN_NO_NEGATIVE_CURVATURE);
      return validation_curvatures(s);
    }
    case PENDING_FD:
    case PENDING_HV: {
      if (pending == PENDING_FD) {
        if (!mgg_all_finite(n, answer)) return finish(s, MGG_ARTN_NON_FINITE);
        /* the masked forces at x + h q against the masked ones at x */
        memcpy(s->hv, answer, n * sizeof(double));
        project(s, s->hv);
        mgg_hessian_vector_fd(n, s->f, s->hv, s->p.lanczos_fd_step, s->hv);
      } else {
        memcpy(s->hv, answer, n * sizeof(double));
        project(s, s->hv);
      }
      if (!mgg_all_finite(n, s->hv)) return finish(s, MGG_ARTN_NON_FINITE);
      if (s->phase == PH_VAL_DEFLATED) mgg_axpy(n, -mgg_dot(n, s->hv, s->e), s->e, s->hv);
      if (!in_validation(s) && s->evaluations + s->hessian_vectors >= s->p.max_evaluations)
        return finish(s, MGG_ARTN_EVALUATION_CAP);
      const mgg_artn_request r = lanczos_request(s, s->hv);
      if (r != MGG_ARTN_DONE) return r;
      return after_lanczos(s);
    }
    default:
      return finish(s, MGG_ARTN_NON_FINITE);
  }
}

const double *mgg_artn_saddle(const mgg_artn *s) { return s ? s->x : NULL; }

const double *mgg_artn_eigenvector(const mgg_artn *s) { return s ? s->e : NULL; }

const double *mgg_artn_final_minimum(const mgg_artn *s) { return s ? s->xfin : NULL; }

double mgg_artn_displacement(size_t n_atoms, const double *xa, const double *xb,
                             int remove_translation, double moved_distance, double *d,
                             size_t *moved)
{
  if (moved) *moved = 0;
  if (!xa || !xb) return NAN;
  double mean[3] = {0.0, 0.0, 0.0};
  if (remove_translation && n_atoms > 0)
    for (size_t i = 0; i < n_atoms; i++)
      for (int c = 0; c < 3; c++) mean[c] += (xb[3 * i + c] - xa[3 * i + c]) / (double) n_atoms;
  double largest2 = 0.0;
  int finite = 1;
  for (size_t i = 0; i < n_atoms; i++) {
    double r2 = 0.0;
    for (int c = 0; c < 3; c++) {
      const double u = xb[3 * i + c] - xa[3 * i + c] - mean[c];
      if (d) d[3 * i + c] = u;
      r2 += u * u;
    }
    /* a non-finite coordinate makes the result NAN, so that no tolerance accepts the state */
    if (!isfinite(r2)) finite = 0;
    else if (r2 > largest2) largest2 = r2;
    if (moved && r2 > moved_distance * moved_distance) (*moved)++;
  }
  return finite ? sqrt(largest2) : NAN;
}

int mgg_artn_same_state(size_t n_atoms, const double *xa, double ea, const double *xb, double eb,
                        double energy_tol, double distance_tol, int remove_translation)
{
  if (!xa || !xb || !(fabs(ea - eb) <= energy_tol)) return 0;
  return mgg_artn_displacement(n_atoms, xa, xb, remove_translation, 0.0, NULL, NULL) <= distance_tol;
}

void mgg_artn_refine_params(const mgg_artn_params *search, double push_norm,
                            double refine_threshold, mgg_artn_params *refine)
{
  *refine = *search;
  refine->push_initial = push_norm;
  refine->max_basin_steps = 0;
  /* the refinement starts on a saddle of the cluster: a basin relaxation there, perpendicular to
   * the displacement rather than to the eigenvector, would slide it down the ridge */
  refine->basin_perp_evals = 0;
  refine->eigenvalue_threshold = fmax(search->eigenvalue_threshold, refine_threshold);
  refine->remove_translation = 1;
}

/* ------------------------------------------------------------------ push */

/* splitmix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit words that mixes
 * every input bit into every output bit, so hashing a counter gives independent uniform words */
static uint64_t mix64(uint64_t z)
{
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* a uniform number in (0, 1) from the word: 53 bits, never 0 (the logarithm below) */
static double unit_open(uint64_t w)
{
  return ((double) (w >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

size_t mgg_artn_random_push(size_t n_atoms, const double *distance, const long *id,
                            double radius, uint64_t seed, uint64_t search, double *push)
{
  if (!distance || !id || !push || !(radius >= 0.0) || !isfinite(radius)) return 0;
  const uint64_t golden = UINT64_C(0x9e3779b97f4a7c15);
  const uint64_t base = mix64(mix64(seed + golden) ^ (search * golden + UINT64_C(1)));
  size_t pushed = 0;
  for (size_t i = 0; i < n_atoms; i++) {
    if (!(distance[i] <= radius)) {
      push[3 * i] = push[3 * i + 1] = push[3 * i + 2] = 0.0;
      continue;
    }
    const uint64_t atom = mix64(base ^ mix64((uint64_t) id[i] * golden + UINT64_C(2)));
    /* Box-Muller: two normal numbers from each pair of uniforms */
    double normal[4];
    for (int k = 0; k < 2; k++) {
      const double u1 = unit_open(mix64(atom + (uint64_t) (2 * k + 1) * golden));
      const double u2 = unit_open(mix64(atom + (uint64_t) (2 * k + 2) * golden));
      const double r = sqrt(-2.0 * log(u1)), phi = 6.283185307179586 * u2;
      normal[2 * k] = r * cos(phi);
      normal[2 * k + 1] = r * sin(phi);
    }
    for (int a = 0; a < 3; a++) push[3 * i + a] = normal[a];
    pushed++;
  }
  return pushed;
}
