#include "mgg_internal.h"

#include <math.h>

mgg_status mgg_cell_from_lammps(double lx, double ly, double lz, double xy, double xz, double yz,
                                const int periodic[3], mgg_cell *cell)
{
  if (!cell || !periodic) return MGG_ERR_NULL_ARGUMENT;
  if (!(lx > 0.0) || !(ly > 0.0) || !(lz > 0.0)) return MGG_ERR_SINGULAR_CELL;
  const double h[3][3] = {{lx, xy, xz}, {0.0, ly, yz}, {0.0, 0.0, lz}};
  /* inverse of the upper-triangular h */
  const double hinv[3][3] = {{1.0 / lx, -xy / (lx * ly), (xy * yz - ly * xz) / (lx * ly * lz)},
                             {0.0, 1.0 / ly, -yz / (ly * lz)},
                             {0.0, 0.0, 1.0 / lz}};
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) {
      cell->h[r][c] = h[r][c];
      cell->hinv[r][c] = hinv[r][c];
    }
  for (int k = 0; k < 3; k++) cell->periodic[k] = periodic[k] != 0;
  return MGG_OK;
}

double mgg_cell_min_width(const mgg_cell *cell)
{
  /* the width along cell vector k is 1 / |row k of hinv| (distance between the faces) */
  double width = INFINITY;
  for (int k = 0; k < 3; k++) {
    if (!cell->periodic[k]) continue;
    const double *g = cell->hinv[k];
    const double w = 1.0 / sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    if (w < width) width = w;
  }
  return width;
}

void mgg_cell_to_fractional(const mgg_cell *cell, size_t n, const double *x, double *s)
{
  for (size_t i = 0; i < n; i++) {
    const double v[3] = {x[3 * i], x[3 * i + 1], x[3 * i + 2]};
    for (int k = 0; k < 3; k++)
      s[3 * i + k] = cell->hinv[k][0] * v[0] + cell->hinv[k][1] * v[1] + cell->hinv[k][2] * v[2];
  }
}

void mgg_cell_minimum_image(const mgg_cell *cell, double v[3])
{
  double s[3];
  mgg_cell_to_fractional(cell, 1, v, s);
  mgg_fractional_minimum_image(cell, s, v);
}

/* x_cur_i - F x_ref_i - shift, as a minimum image */
static void displacement(const mgg_cell *cell, const double F[3][3], const double *x_ref,
                         const double *x_cur, const double shift[3], double u[3])
{
  for (int r = 0; r < 3; r++)
    u[r] = x_cur[r] - shift[r] -
           (F ? F[r][0] * x_ref[0] + F[r][1] * x_ref[1] + F[r][2] * x_ref[2] : x_ref[r]);
  mgg_cell_minimum_image(cell, u);
}

double mgg_displacements(const mgg_cell *cell, const double F[3][3], size_t n, const double *x_ref,
                         const double *x_cur, double *u)
{
  if (n == 0) return 0.0;
  double first[3], mean[3] = {0.0, 0.0, 0.0}, v[3];
  const double zero[3] = {0.0, 0.0, 0.0};
  displacement(cell, F, x_ref, x_cur, zero, first);
  for (size_t i = 0; i < n; i++) {
    displacement(cell, F, x_ref + 3 * i, x_cur + 3 * i, first, v);
    for (int r = 0; r < 3; r++) mean[r] += v[r] / (double) n;
  }
  for (int r = 0; r < 3; r++) mean[r] += first[r];
  double most = 0.0;
  for (size_t i = 0; i < n; i++) {
    double *w = u ? u + 3 * i : v;
    displacement(cell, F, x_ref + 3 * i, x_cur + 3 * i, mean, w);
    const double len = sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    if (!isfinite(len)) return NAN;
    most = len > most ? len : most;
  }
  return most;
}
