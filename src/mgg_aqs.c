/* Athermal quasi-static shear (mgg_aqs.h): the event rule of a step, the frozen-atom sweep's
 * decisions (Shiihara et al. 2025) and the per-event analysis. */
#include <math.h>
#include <stdlib.h>

#include "mgg_internal.h"

static int compare_doubles(const void *a, const void *b)
{
  const double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* ------------------------------------------------------------------- the event rule */

mgg_status mgg_aqs_event_test(const mgg_aqs_step *step, const mgg_aqs_event_rule *rule,
                              mgg_aqs_step_outcome *out)
{
  if (!step || !rule || !out) return MGG_ERR_NULL_ARGUMENT;
  const double values[] = {step->stress_before, step->stress_after, step->energy_before,
                           step->energy_after,  step->volume,       step->strain_step,
                           step->elastic_increment, rule->drop_threshold,
                           rule->energy_threshold, rule->nktv2p};
  for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
    if (!isfinite(values[k])) return MGG_ERR_BAD_ARGUMENT;
  if (!(step->volume > 0.0) || !(step->strain_step > 0.0) || !(rule->nktv2p > 0.0) ||
      rule->drop_threshold < 0.0 || rule->energy_threshold < 0.0 ||
      (step->sign != 1.0 && step->sign != -1.0))
    return MGG_ERR_BAD_ARGUMENT;
  const double s = step->sign;
  out->drop = s * (step->stress_before - step->stress_after);
  out->shortfall = out->drop + step->elastic_increment;
  out->work = 0.5 * s * (step->stress_before + step->stress_after) * step->volume *
              step->strain_step / rule->nktv2p;
  out->dissipated = step->energy_before + out->work - step->energy_after;
  out->is_event = out->drop > rule->drop_threshold || out->dissipated > rule->energy_threshold;
  out->elastic_increment = out->is_event ? step->elastic_increment : -out->drop;
  return MGG_OK;
}

int mgg_aqs_flip_box(double box[6], int flip[3])
{
  double *const lx = box, *const ly = box + 1, *const xy = box + 3, *const xz = box + 4,
                *const yz = box + 5;
  flip[0] = flip[1] = flip[2] = 0;
  if (*yz > 0.5 * *ly || *yz < -0.5 * *ly) {
    flip[2] = *yz > 0.0 ? -1 : 1;
    *yz += flip[2] * *ly;
    *xz += flip[2] * *xy;
  }
  if (*xz > 0.5 * *lx || *xz < -0.5 * *lx) {
    flip[1] = *xz > 0.0 ? -1 : 1;
    *xz += flip[1] * *lx;
  }
  if (*xy > 0.5 * *lx || *xy < -0.5 * *lx) {
    flip[0] = *xy > 0.0 ? -1 : 1;
    *xy += flip[0] * *lx;
  }
  return flip[0] || flip[1] || flip[2];
}

/* ------------------------------------------------------------- the frozen-atom sweep */

typedef struct {
  double r;
  size_t index;
} ranked_atom;

static int compare_ranked(const void *a, const void *b)
{
  const ranked_atom *x = a, *y = b;
  if (x->r != y->r) return (x->r > y->r) - (x->r < y->r);
  return (x->index > y->index) - (x->index < y->index);
}

size_t mgg_aqs_candidates_work_size(size_t n)
{
  return n * sizeof(ranked_atom);
}

mgg_status mgg_aqs_candidates(const mgg_cell *cell, size_t n, const double *x, const int *in_group,
                              const double centre[3], double radius, void *work, size_t work_len,
                              size_t *order, size_t *n_candidates)
{
  if (!cell || !centre || !n_candidates || (n && (!x || !order || !work))) return MGG_ERR_NULL_ARGUMENT;
  if (!(radius > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  if (work_len < mgg_aqs_candidates_work_size(n)) return MGG_ERR_BUFFER_TOO_SMALL;
  ranked_atom *ranked = work;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (in_group && !in_group[i]) continue;
    double d[3];
    for (int a = 0; a < 3; a++) d[a] = x[3 * i + a] - centre[a];
    mgg_cell_minimum_image(cell, d);
    const double r = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (!isfinite(r)) return MGG_ERR_BAD_ARGUMENT;
    if (r > radius) continue;
    ranked[m].r = r;
    ranked[m].index = i;
    m++;
  }
  qsort(ranked, m, sizeof(ranked_atom), compare_ranked);
  for (size_t k = 0; k < m; k++) order[k] = ranked[k].index;
  *n_candidates = m;
  return MGG_OK;
}

/* r_i of set k: d_i - (m_ik - m_fk), or d_i without minima */
static void settle_residual(const double *d, const double *minima, size_t stride,
                            const double *held, size_t i, size_t k, double r[3])
{
  for (int a = 0; a < 3; a++)
    r[a] = d[3 * i + a] - (minima ? minima[i * stride + 3 * k + a] - held[3 * k + a] : 0.0);
}

void mgg_aqs_settle_sums(size_t n, size_t n_sets, const double *d, const double *minima,
                         size_t stride, const double *held, double *sums)
{
  for (size_t c = 0; c < 3 * n_sets; c++) sums[c] = 0.0;
  for (size_t k = 0; k < n_sets; k++)
    for (size_t i = 0; i < n; i++) {
      double r[3];
      settle_residual(d, minima, stride, held, i, k, r);
      for (int a = 0; a < 3; a++) sums[3 * k + a] += r[a];
    }
}

void mgg_aqs_settle_deviations(size_t n, size_t n_sets, const double *d, const double *minima,
                               size_t stride, const double *held, const double *mean,
                               double *worst2)
{
  for (size_t k = 0; k < n_sets; k++) {
    worst2[k] = 0.0;
    for (size_t i = 0; i < n; i++) {
      double r[3], r2 = 0.0;
      settle_residual(d, minima, stride, held, i, k, r);
      for (int a = 0; a < 3; a++) r2 += (r[a] - mean[3 * k + a]) * (r[a] - mean[3 * k + a]);
      worst2[k] = r2 > worst2[k] ? r2 : worst2[k];
    }
  }
}

int mgg_aqs_settled_minimum(size_t n_sets, const double *worst2, double settle_distance)
{
  for (size_t k = 0; k < n_sets; k++)
    if (sqrt(worst2[k]) < settle_distance) return (int) k;
  return -1;
}

int mgg_aqs_distinct_minimum(double worst2_start, double settle_distance)
{
  return !(sqrt(worst2_start) < MGG_AQS_SETTLE_DISTINCT * settle_distance);
}

double mgg_aqs_settled_df2(size_t n, const double *minima, size_t stride, size_t k,
                           const double held[3])
{
  double sum = 0.0;
  for (size_t i = 0; i < n; i++)
    for (int a = 0; a < 3; a++) {
      const double p = minima[i * stride + 3 * k + a] - held[a];
      sum += p * p;
    }
  return sum;
}

mgg_status mgg_aqs_core_flags(size_t n, const double *df, double threshold, double *core,
                              size_t *n_core)
{
  if (!n_core || (n && (!df || !core))) return MGG_ERR_NULL_ARGUMENT;
  if (isnan(threshold)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n; i++)
    if (isnan(df[i])) return MGG_ERR_BAD_ARGUMENT;
  *n_core = 0;
  for (size_t i = 0; i < n; i++) {
    const int is_core = df[i] >= 0.0 && threshold > 0.0 && df[i] <= threshold;
    core[i] = df[i] < 0.0 ? -1.0 : is_core;
    *n_core += is_core;
  }
  return MGG_OK;
}

mgg_status mgg_aqs_core_gap(size_t n, double *df, double df_reference, double min_gap_decades,
                            mgg_aqs_core_gap_info *gap)
{
  if (!gap || (n && !df)) return MGG_ERR_NULL_ARGUMENT;
  if (!(df_reference > 0.0) || !(min_gap_decades > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < n; k++)
    if (!(df[k] >= 0.0)) return MGG_ERR_BAD_ARGUMENT;
  gap->threshold = gap->lower = gap->upper = 0.0;
  gap->n_core = 0;
  for (size_t k = 0; k < n; k++) df[k] = fmax(df[k], MGG_AQS_DF_FLOOR);
  qsort(df, n, sizeof(double), compare_doubles);
  /* widest gap between consecutive values, the reference among them (the widest empty stretch
   * of a fine histogram of log D_f), whose lower side suppresses at least half of the reference
   * displacement; the reference bounds it from above when every analysed atom is in the core */
  double widest = 0.0;
  for (size_t k = 0; k < n && df[k] < 0.5 * df_reference; k++) {
    const double next = k + 1 < n ? fmin(df[k + 1], df_reference) : df_reference;
    const double width = log10(next / df[k]);
    if (width > widest) {
      widest = width;
      gap->lower = df[k];
      gap->upper = next;
      gap->n_core = k + 1;
    }
  }
  if (widest < min_gap_decades) {
    gap->lower = gap->upper = 0.0;
    gap->n_core = 0;
  }
  gap->threshold = gap->lower;
  return MGG_OK;
}

size_t mgg_aqs_sweep_core_work_size(size_t n)
{
  return n * sizeof(double);
}

mgg_status mgg_aqs_sweep_core(size_t n, const double *df, double df_reference,
                              double min_gap_decades, double user_threshold, void *work,
                              size_t work_len, double *core, mgg_aqs_core_gap_info *gap, double *threshold,
                              size_t *n_core)
{
  if (!gap || !threshold || !n_core || (n && (!df || !core || !work))) return MGG_ERR_NULL_ARGUMENT;
  if (isnan(user_threshold)) return MGG_ERR_BAD_ARGUMENT;
  if (work_len < mgg_aqs_sweep_core_work_size(n)) return MGG_ERR_BUFFER_TOO_SMALL;
  double *sorted = work;
  for (size_t k = 0; k < n; k++) sorted[k] = df[k];
  const mgg_status st = mgg_aqs_core_gap(n, sorted, df_reference, min_gap_decades, gap);
  if (st != MGG_OK) return st;
  *threshold = user_threshold > 0.0 ? user_threshold : gap->threshold;
  return mgg_aqs_core_flags(n, df, *threshold, core, n_core);
}

mgg_status mgg_aqs_sweep_estimate(double n_group, double volume, double radius, int n_partitions,
                                  mgg_aqs_sweep_cost *cost)
{
  if (!cost) return MGG_ERR_NULL_ARGUMENT;
  if (!(n_group >= 0.0) || !(volume > 0.0) || !(radius > 0.0) || n_partitions < 1)
    return MGG_ERR_BAD_ARGUMENT;
  const double pi = 3.14159265358979323846;
  const double sphere = 4.0 / 3.0 * pi * radius * radius * radius;
  cost->atoms = isinf(radius) ? n_group : fmin(n_group, n_group / volume * sphere);
  cost->trials = ceil(cost->atoms / n_partitions);
  cost->evaluations = cost->trials * MGG_AQS_TRIAL_EVALUATIONS;
  return MGG_OK;
}

/* ------------------------------------------------------ local configurational excitations */

static mgg_status check_lce_params(const mgg_aqs_lce_params *p, double *rc_max)
{
  if (!p->cutoff) return MGG_ERR_NULL_ARGUMENT;
  if (p->n_types < 1 || !(p->hysteresis >= 0.0) || !isfinite(p->hysteresis))
    return MGG_ERR_BAD_ARGUMENT;
  const int nt = p->n_types;
  *rc_max = 0.0;
  for (int a = 0; a < nt; a++)
    for (int b = 0; b < nt; b++) {
      const double rc = p->cutoff[a * nt + b];
      if (!(rc >= 0.0) || !isfinite(rc) || rc != p->cutoff[b * nt + a]) return MGG_ERR_BAD_ARGUMENT;
      *rc_max = rc > *rc_max ? rc : *rc_max;
    }
  return *rc_max > 0.0 ? MGG_OK : MGG_ERR_BAD_ARGUMENT;
}

static double norm3(const double v[3])
{
  return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

mgg_status mgg_aqs_lce_bonds(const mgg_aqs_lce_params *params, const mgg_cell *cell, size_t n_atoms,
                             const int *type, const double *x_before, const double *x_after,
                             void *work, size_t work_len, size_t *work_needed, int *broken,
                             int *formed)
{
  if (!params || !cell || !work_needed ||
      (n_atoms && (!type || !x_before || !x_after || !broken || !formed)) || (work_len && !work))
    return MGG_ERR_NULL_ARGUMENT;
  double rc_max = 0.0;
  mgg_status st = check_lce_params(params, &rc_max);
  if (st != MGG_OK) return st;
  if (!(2.0 * rc_max < mgg_cell_min_width(cell))) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n_atoms; i++) {
    if (type[i] < 0 || type[i] >= params->n_types) return MGG_ERR_BAD_ARGUMENT;
    broken[i] = formed[i] = 0;
  }
  *work_needed = 0;
  if (n_atoms == 0) return MGG_OK;

  /* layout: the displacements (3 doubles per atom), the last centre that met each atom (one
   * int per atom), then the periodic candidates in the configuration before */
  const size_t b_u = 3 * n_atoms * sizeof(double);
  const size_t b_seen = (n_atoms * sizeof(int) + sizeof(double) - 1) / sizeof(double) * sizeof(double);
  if (work_len < b_u + b_seen) {
    *work_needed = 2 * (b_u + b_seen);
    return MGG_ERR_BUFFER_TOO_SMALL;
  }
  double *u = work;
  int *seen = (int *) ((char *) work + b_u);
  const double umax = mgg_displacements(cell, NULL, n_atoms, x_before, x_after, u);
  if (!isfinite(umax)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n_atoms; i++) seen[i] = -1;
  /* every pair bonded after was closer than rc + |u_j - u_i| before; slack for rounding */
  const double radius = (rc_max + 2.0 * umax) * (1.0 + 1e-9) + 1e-9;
  size_t nb_needed = 0;
  mgg_neighbours_periodic pn;
  st = mgg_neighbours_find_within_periodic(cell, n_atoms, x_before, radius,
                                           (char *) work + b_u + b_seen, work_len - b_u - b_seen,
                                           &nb_needed, &pn);
  *work_needed = b_u + b_seen + nb_needed;
  if (st != MGG_OK) return st;

  const int nt = params->n_types;
  const double h = params->hysteresis;
  for (size_t i = 0; i < n_atoms; i++)
    for (size_t c = pn.nb.start[i]; c < pn.nb.start[i + 1]; c++) {
      const int j = pn.owner[pn.nb.index[c]];
      /* each pair once: j > i, and once among j's images */
      if (j <= (int) i || seen[j] == (int) i) continue;
      seen[j] = (int) i;
      const double rc = params->cutoff[type[i] * nt + type[j]];
      double d0[3], d1[3];
      for (int a = 0; a < 3; a++) d0[a] = x_before[3 * j + a] - x_before[3 * i + a];
      mgg_cell_minimum_image(cell, d0);
      for (int a = 0; a < 3; a++) d1[a] = d0[a] + u[3 * j + a] - u[3 * i + a];
      const double r0 = norm3(d0), r1 = norm3(d1);
      const int is_broken = r0 < rc && r1 >= rc && r1 - r0 > h;
      const int is_formed = r0 >= rc && r1 < rc && r0 - r1 > h;
      broken[i] += is_broken;
      broken[j] += is_broken;
      formed[i] += is_formed;
      formed[j] += is_formed;
    }
  return MGG_OK;
}

/* ------------------------------------------------------------------- von Mises stress */

mgg_status mgg_aqs_von_mises_stress(size_t n, const double *stress, double *von_mises)
{
  if (n && (!stress || !von_mises)) return MGG_ERR_NULL_ARGUMENT;
  for (size_t i = 0; i < n; i++) {
    const double *s = stress + 6 * i;
    const double dxy = s[0] - s[1], dyz = s[1] - s[2], dzx = s[2] - s[0];
    von_mises[i] = sqrt(0.5 * (dxy * dxy + dyz * dyz + dzx * dzx) +
                        3.0 * (s[3] * s[3] + s[4] * s[4] + s[5] * s[5]));
  }
  return MGG_OK;
}

/* ------------------------------------------------------------------------ one event */

mgg_status mgg_aqs_event_analysis(const mgg_aqs_event_params *params, size_t n_atoms,
                                  const int *type, const mgg_cell *cell_before, const double *x_before,
                                  const mgg_cell *cell_after, const double *x_start,
                                  const double *x_after, const double *stress_before,
                                  const double *stress_after, void *work, size_t work_len,
                                  size_t *work_needed, mgg_aqs_event_result *result)
{
  if (!params || !cell_before || !cell_after || !work_needed || !result ||
      (n_atoms && (!type || !x_before || !x_start || !x_after || !stress_before ||
                   !stress_after || !result->d2min || !result->n_neighbours || !result->broken || !result->formed ||
                   !result->von_mises_change || !result->cluster || !result->cluster_size)) ||
      (work_len && !work))
    return MGG_ERR_NULL_ARGUMENT;
  result->n_above = result->n_clusters = result->n_unfitted = 0;
  if (!(params->d2min_threshold >= 0.0) || !isfinite(params->d2min_threshold) ||
      (params->d2min_norm != MGG_DMIN2_MEAN && params->d2min_norm != MGG_DMIN2_SUM))
    return MGG_ERR_BAD_ARGUMENT;

  /* layout: the D2min rows (MGG_DMIN2_NCOLS doubles per atom), the flags (one int per atom),
   * then the steps' workspace, reused by each */
  const size_t b_rows = MGG_DMIN2_NCOLS * n_atoms * sizeof(double);
  const size_t b_flag = (n_atoms * sizeof(int) + sizeof(double) - 1) / sizeof(double) * sizeof(double);
  const size_t fixed = b_rows + b_flag;
  *work_needed = 0;
  if (n_atoms == 0) return MGG_OK;
  if (work_len < fixed) {
    *work_needed = 2 * fixed;
    return MGG_ERR_BUFFER_TOO_SMALL;
  }
  double *rows = work;
  int *flag = (int *) ((char *) work + b_rows);
  void *step = (char *) work + fixed;
  const size_t step_len = work_len - fixed;
  size_t need = 0, most = 0;
  /* a step that asks for more: the earlier steps fitted in less, so the whole needs that */
#define STEP(call)                             \
  do {                                         \
    const mgg_status st_ = (call);             \
    most = need > most ? need : most;          \
    *work_needed = fixed + most;               \
    if (st_ != MGG_OK) return st_;             \
  } while (0)

  mgg_dmin2_params dp;
  dp.cutoff = params->dmin2_cutoff;
  dp.norm = params->d2min_norm;
  dp.ref_cell = *cell_before;
  STEP(mgg_dmin2_periodic(&dp, n_atoms, x_before, cell_after, x_after, step, step_len, &need, rows));
  for (size_t i = 0; i < n_atoms; i++) {
    const double *row = rows + MGG_DMIN2_NCOLS * i;
    result->d2min[i] = row[MGG_DMIN2_COL_D2MIN];
    result->n_neighbours[i] = (int) row[MGG_DMIN2_COL_NNEIGH];
    result->n_unfitted += row[MGG_DMIN2_COL_FLAG] != MGG_DMIN2_FLAG_OK;
    flag[i] = row[MGG_DMIN2_COL_D2MIN] > params->d2min_threshold;
    result->n_above += flag[i];
  }
  STEP(mgg_cluster_flagged(cell_after, n_atoms, x_after, flag, params->cluster_cutoff, step,
                           step_len, &need, result->cluster, result->cluster_size,
                           &result->n_clusters));
  STEP(mgg_aqs_lce_bonds(&params->bonds, cell_after, n_atoms, type, x_start, x_after, step,
                         step_len, &need, result->broken, result->formed));
#undef STEP
  for (size_t k = 0; k < 6 * n_atoms; k++)
    if (!isfinite(stress_before[k]) || !isfinite(stress_after[k])) return MGG_ERR_BAD_ARGUMENT;
  /* von Mises after into the output, before into the (now free) rows */
  mgg_aqs_von_mises_stress(n_atoms, stress_after, result->von_mises_change);
  mgg_aqs_von_mises_stress(n_atoms, stress_before, rows);
  for (size_t i = 0; i < n_atoms; i++) result->von_mises_change[i] -= rows[i];
  return MGG_OK;
}
