/* Falk-Langer non-affine displacement (D2min) and the local strain of the best affine fit.
 * Definitions: shared/docs/SCIENCE.md; M. L. Falk and J. S. Langer, PRE 57, 7192 (1998). */
#include "mgg_internal.h"

#include <math.h>
#include <string.h>

static mgg_status check_arguments(const mgg_dmin2_params *params, size_t n_points,
                                  const double *s_ref, const mgg_neighbours *nb)
{
  if (!params || !s_ref || !nb) return MGG_ERR_NULL_ARGUMENT;
  if (nb->n_centres > 0 && (!nb->centre || !nb->start || !nb->index)) return MGG_ERR_NULL_ARGUMENT;
  if (!(params->cutoff > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  if (params->norm != MGG_DMIN2_MEAN && params->norm != MGG_DMIN2_SUM) return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < nb->n_centres; k++) {
    if (nb->centre[k] < 0 || (size_t)nb->centre[k] >= n_points) return MGG_ERR_BAD_INDEX;
    if (nb->start[k + 1] < nb->start[k]) return MGG_ERR_BAD_ARGUMENT;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++)
      if (nb->index[c] < 0 || (size_t)nb->index[c] >= n_points) return MGG_ERR_BAD_INDEX;
  }
  return MGG_OK;
}

/* The reference bond from point i to point j; true when it is shorter than the cutoff.
 * mgg_dmin2_compute and mgg_dmin2_count_neighbours must use this one test so that
 * their neighbour counts agree exactly. */
static inline int reference_bond(const mgg_dmin2_params *params, const double *s_ref, int i,
                                 int j, double d0[3])
{
  const double ds[3] = {s_ref[3 * j] - s_ref[3 * i], s_ref[3 * j + 1] - s_ref[3 * i + 1],
                        s_ref[3 * j + 2] - s_ref[3 * i + 2]};
  mgg_fractional_minimum_image(&params->ref_cell, ds, d0);
  const double r2 = d0[0] * d0[0] + d0[1] * d0[1] + d0[2] * d0[2];
  return (r2 > 0.0) & (r2 < params->cutoff * params->cutoff); /* r2 == 0: i itself or its image */
}

/* inverse of a symmetric positive semi-definite 3x3 matrix; 0 when (nearly) singular */
static int invert_symmetric(double v[3][3], double vinv[3][3])
{
  const double c00 = v[1][1] * v[2][2] - v[1][2] * v[2][1];
  const double c01 = v[1][2] * v[2][0] - v[1][0] * v[2][2];
  const double c02 = v[1][0] * v[2][1] - v[1][1] * v[2][0];
  const double det = v[0][0] * c00 + v[0][1] * c01 + v[0][2] * c02;
  const double scale = (v[0][0] + v[1][1] + v[2][2]) / 3.0;
  if (!(det > MGG_DMIN2_SINGULAR_TOL * scale * scale * scale)) return 0;
  vinv[0][0] = c00 / det;
  vinv[1][0] = c01 / det;
  vinv[2][0] = c02 / det;
  vinv[0][1] = (v[0][2] * v[2][1] - v[0][1] * v[2][2]) / det;
  vinv[1][1] = (v[0][0] * v[2][2] - v[0][2] * v[2][0]) / det;
  vinv[2][1] = (v[0][1] * v[2][0] - v[0][0] * v[2][1]) / det;
  vinv[0][2] = (v[0][1] * v[1][2] - v[0][2] * v[1][1]) / det;
  vinv[1][2] = (v[0][2] * v[1][0] - v[0][0] * v[1][2]) / det;
  vinv[2][2] = (v[0][0] * v[1][1] - v[0][1] * v[1][0]) / det;
  return 1;
}

/* von Mises and volumetric invariants of the Green-Lagrange strain E = (J^T J - I) / 2 */
static void strain_invariants(double J[3][3], double *von_mises, double *volumetric)
{
  double e[3][3];
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += J[k][a] * J[k][b];
      e[a][b] = 0.5 * (s - (a == b ? 1.0 : 0.0));
    }
  const double dxy = e[0][0] - e[1][1], dyz = e[1][1] - e[2][2], dzx = e[2][2] - e[0][0];
  *von_mises = sqrt(e[0][1] * e[0][1] + e[0][2] * e[0][2] + e[1][2] * e[1][2] +
                    (dxy * dxy + dyz * dyz + dzx * dzx) / 6.0);
  *volumetric = (e[0][0] + e[1][1] + e[2][2]) / 3.0;
}

/* bonds: room for 6 doubles (d0, d) per candidate */
/* returns the largest squared current length of a reference bond */
static double dmin2_one(const mgg_dmin2_params *params, const double *x_cur, const double *s_ref,
                        int i, const int *cand, size_t ncand, double *bonds, double *row)
{
  double v[3][3] = {{0.0}}, w[3][3] = {{0.0}}, longest2 = 0.0;
  int n = 0;
  /* collect the reference bonds without a branch on acceptance (unpredictable): each candidate
   * is written at slot n, which only an accepted one keeps */
  for (size_t c = 0; c < ncand; c++) {
    const int j = cand[c];
    double *d0 = bonds + 6 * n, *d = d0 + 3;
    const int in = reference_bond(params, s_ref, i, j, d0);
    for (int a = 0; a < 3; a++) d[a] = x_cur[3 * j + a] - x_cur[3 * i + a];
    n += in;
  }
  for (int k = 0; k < n; k++) {
    const double *d0 = bonds + 6 * k, *d = d0 + 3;
    const double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    longest2 = r2 > longest2 ? r2 : longest2;
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) {
        v[a][b] += d0[a] * d0[b];
        w[a][b] += d[a] * d0[b];
      }
  }
  memset(row, 0, MGG_DMIN2_NCOLS * sizeof(double));
  row[MGG_DMIN2_COL_NNEIGH] = n;
  double vinv[3][3];
  if (n < 3) {
    row[MGG_DMIN2_COL_FLAG] = MGG_DMIN2_FLAG_FEW_NEIGHBOURS;
    return longest2;
  }
  if (!invert_symmetric(v, vinv)) {
    row[MGG_DMIN2_COL_FLAG] = MGG_DMIN2_FLAG_SINGULAR;
    return longest2;
  }
  double J[3][3];
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) J[a][b] = w[a][0] * vinv[0][b] + w[a][1] * vinv[1][b] + w[a][2] * vinv[2][b];

  /* the residual summed bond by bond, not as sum|d|^2 - tr(W V^-1 W^T), which loses digits by
   * cancellation when the motion is nearly affine */
  double d2 = 0.0;
  for (int k = 0; k < n; k++) {
    const double *d0 = bonds + 6 * k, *d = d0 + 3;
    for (int a = 0; a < 3; a++) {
      const double r = d[a] - (J[a][0] * d0[0] + J[a][1] * d0[1] + J[a][2] * d0[2]);
      d2 += r * r;
    }
  }
  row[MGG_DMIN2_COL_D2MIN] = params->norm == MGG_DMIN2_MEAN ? d2 / n : d2;
  strain_invariants(J, &row[MGG_DMIN2_COL_VON_MISES], &row[MGG_DMIN2_COL_VOLUMETRIC]);
  return longest2;
}

size_t mgg_dmin2_work_size(const mgg_neighbours *neighbours)
{
  return 6 * mgg_neighbours_max_count(neighbours);
}

mgg_status mgg_dmin2_compute(const mgg_dmin2_params *params, size_t n_points,
                             const double *x_cur, const double *s_ref,
                             const mgg_neighbours *neighbours, double *work, size_t work_len,
                             double *out, double *longest_bond)
{
  mgg_status st = check_arguments(params, n_points, s_ref, neighbours);
  if (st != MGG_OK) return st;
  const size_t need = mgg_dmin2_work_size(neighbours);
  if (!x_cur || (neighbours->n_centres > 0 && !out) || (need > 0 && !work))
    return MGG_ERR_NULL_ARGUMENT;
  if (work_len < need) return MGG_ERR_BUFFER_TOO_SMALL;
  double longest2 = 0.0;
  for (size_t k = 0; k < neighbours->n_centres; k++) {
    const size_t s = neighbours->start[k];
    const double r2 = dmin2_one(params, x_cur, s_ref, neighbours->centre[k], neighbours->index + s,
                                neighbours->start[k + 1] - s, work, out + k * MGG_DMIN2_NCOLS);
    longest2 = r2 > longest2 ? r2 : longest2;
  }
  if (longest_bond) *longest_bond = sqrt(longest2);
  return MGG_OK;
}

mgg_status mgg_dmin2_count_neighbours(const mgg_dmin2_params *params, size_t n_points,
                                      const double *s_ref, const mgg_neighbours *neighbours,
                                      int *count)
{
  mgg_status st = check_arguments(params, n_points, s_ref, neighbours);
  if (st != MGG_OK) return st;
  if (neighbours->n_centres > 0 && !count) return MGG_ERR_NULL_ARGUMENT;
  double d0[3];
  for (size_t k = 0; k < neighbours->n_centres; k++) {
    int n = 0;
    for (size_t c = neighbours->start[k]; c < neighbours->start[k + 1]; c++)
      n += reference_bond(params, s_ref, neighbours->centre[k], neighbours->index[c], d0);
    count[k] = n;
  }
  return MGG_OK;
}
