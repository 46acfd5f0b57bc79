/* Falk-Langer non-affine displacement (D2min) and the local strain of the best affine fit.
 * Definition: M. L. Falk and J. S. Langer, PRE 57, 7192 (1998), the sum over the neighbours
 * (MGG_DMIN2_SUM); MGG_DMIN2_MEAN divides it by their number, as Ding et al. 2014 write it. */
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

size_t mgg_dmin2_compute_work_size(const mgg_neighbours *neighbours)
{
  return 6 * mgg_neighbours_max_count(neighbours) * sizeof(double);
}

mgg_status mgg_dmin2_compute(const mgg_dmin2_params *params, size_t n_points,
                             const double *x_cur, const double *s_ref,
                             const mgg_neighbours *neighbours, void *work, size_t work_len,
                             double *out, double *longest_bond)
{
  mgg_status st = check_arguments(params, n_points, s_ref, neighbours);
  if (st != MGG_OK) return st;
  const size_t need = mgg_dmin2_compute_work_size(neighbours);
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

/* ------------------------------------------------- D2min between two periodic configurations */

static double det3(double m[3][3])
{
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
         m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
         m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/* M, the integer matrix nearest to H_cur^-1 H_ref (identity along non-periodic vectors): the
 * current cell vectors H_cur M are the deformed reference vectors; 0 unless M is unimodular */
static int lattice_map(const mgg_cell *ref, const mgg_cell *cur, double m[3][3])
{
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += cur->hinv[r][k] * ref->h[k][c];
      m[r][c] = cur->periodic[r] && cur->periodic[c] ? round(s) : (double) (r == c);
    }
  return fabs(fabs(det3(m)) - 1.0) <= 0.5;
}

/* F = H_cur M H_ref^-1 (lattice_map); 0 unless M is unimodular */
static int cell_deformation(const mgg_cell *ref, const mgg_cell *cur, double F[3][3])
{
  double m[3][3], hm[3][3];
  if (!lattice_map(ref, cur, m)) return 0;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      hm[r][c] = cur->h[r][0] * m[0][c] + cur->h[r][1] * m[1][c] + cur->h[r][2] * m[2][c];
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      F[r][c] = hm[r][0] * ref->hinv[0][c] + hm[r][1] * ref->hinv[1][c] + hm[r][2] * ref->hinv[2][c];
  return 1;
}

mgg_status mgg_dmin2_map_to_reference(const mgg_cell *ref_cell, const double ref_origin[3],
                                      const mgg_cell *cur_cell, const double cur_origin[3],
                                      size_t n, const double *x, double *x_ref)
{
  if (!ref_cell || !ref_origin || !cur_cell || !cur_origin || (n && (!x || !x_ref)))
    return MGG_ERR_NULL_ARGUMENT;
  for (int k = 0; k < 3; k++)
    if (!ref_cell->periodic[k] != !cur_cell->periodic[k]) return MGG_ERR_BAD_ARGUMENT;
  double m[3][3], minv[3][3];
  if (!lattice_map(ref_cell, cur_cell, m)) return MGG_ERR_BAD_ARGUMENT;
  /* M^-1 = adj(M) / det(M), integer since det(M) = +-1 */
  const double det = det3(m);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) {
      const int c1 = (r + 1) % 3, c2 = (r + 2) % 3, r1 = (c + 1) % 3, r2 = (c + 2) % 3;
      minv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
    }
  for (size_t i = 0; i < n; i++) {
    double d[3], s[3], t[3];
    for (int k = 0; k < 3; k++) d[k] = x[3 * i + k] - cur_origin[k];
    mgg_cell_to_fractional(cur_cell, 1, d, s);
    for (int k = 0; k < 3; k++) t[k] = minv[k][0] * s[0] + minv[k][1] * s[1] + minv[k][2] * s[2];
    for (int k = 0; k < 3; k++)
      x_ref[3 * i + k] = ref_origin[k] + ref_cell->h[k][0] * t[0] + ref_cell->h[k][1] * t[1] +
                         ref_cell->h[k][2] * t[2];
  }
  return MGG_OK;
}

mgg_status mgg_dmin2_periodic(const mgg_dmin2_params *params, size_t n_atoms, const double *x_ref,
                              const mgg_cell *cur_cell, const double *x_cur, void *work,
                              size_t work_len, size_t *work_needed, double *out)
{
  if (!params || !cur_cell || !work_needed || (n_atoms && (!x_ref || !x_cur || !out)) ||
      (work_len && !work))
    return MGG_ERR_NULL_ARGUMENT;
  const mgg_cell *ref_cell = &params->ref_cell;
  if (!(params->cutoff > 0.0) || !isfinite(params->cutoff) ||
      (params->norm != MGG_DMIN2_MEAN && params->norm != MGG_DMIN2_SUM))
    return MGG_ERR_BAD_ARGUMENT;
  for (int k = 0; k < 3; k++)
    if (!ref_cell->periodic[k] != !cur_cell->periodic[k]) return MGG_ERR_BAD_ARGUMENT;
  double F[3][3];
  if (!cell_deformation(ref_cell, cur_cell, F)) return MGG_ERR_BAD_ARGUMENT;
  double excess = 0.0;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) excess += (F[r][c] - (r == c)) * (F[r][c] - (r == c));
  const double umax = mgg_displacements(cur_cell, (const double (*)[3]) F, n_atoms, x_ref, x_cur, NULL);
  if (!isfinite(umax)) return MGG_ERR_BAD_ARGUMENT;
  /* a little slack for the rounding of the bonds' lengths in the search */
  const double radius = ((1.0 + sqrt(excess)) * params->cutoff + 2.0 * umax) * (1.0 + 1e-9) + 1e-9;
  if (!(2.0 * params->cutoff < mgg_cell_min_width(ref_cell)) ||
      !(2.0 * radius < mgg_cell_min_width(cur_cell)))
    return MGG_ERR_BAD_ARGUMENT;

  /* layout: s_ref of every point, the periodic neighbours, then the fit's work */
  size_t np = 0;
  mgg_status st = mgg_neighbours_periodic_points(cur_cell, n_atoms, x_cur, radius, 0, NULL, NULL, &np);
  if (st != MGG_OK && st != MGG_ERR_BUFFER_TOO_SMALL) return st;
  const size_t b_sref = 3 * np * sizeof(double);
  size_t nb_needed = 0;
  mgg_neighbours_periodic pn;
  st = mgg_neighbours_find_within_periodic(cur_cell, n_atoms, x_cur, radius,
                                           work_len > b_sref ? (char *) work + b_sref : NULL,
                                           work_len > b_sref ? work_len - b_sref : 0, &nb_needed,
                                           &pn);
  if (st == MGG_ERR_BUFFER_TOO_SMALL) *work_needed = b_sref + nb_needed;
  if (st != MGG_OK) return st;
  const size_t b_fit = mgg_dmin2_compute_work_size(&pn.nb);
  *work_needed = b_sref + nb_needed + b_fit;
  if (work_len < *work_needed) return MGG_ERR_BUFFER_TOO_SMALL;

  double *s_ref = work;
  void *fit = (char *) work + b_sref + nb_needed;
  for (size_t p = 0; p < pn.n_points; p++)
    mgg_cell_to_fractional(ref_cell, 1, x_ref + 3 * pn.owner[p], s_ref + 3 * p);
  return mgg_dmin2_compute(params, pn.n_points, pn.points, s_ref, &pn.nb, fit, b_fit, out, NULL);
}
