/* Radius search with a cell list over explicit points (periodic copies supplied by the caller).
 * LAMMPS's occasional neighbour lists are not used for this: on repeated evaluations at one
 * timestep after a box change (run 0 after change_box) LAMMPS 2021 reuses a stencil built for
 * the old box and silently misses pairs. */
#include "mgglass.h"

#include <math.h>

/* at most this many cells per point, so that sparse or elongated point sets stay cheap */
#define MAX_CELLS_PER_POINT 2

typedef struct {
  double lo[3], inv_edge[3];
  size_t n[3];
} grid;

static size_t make_grid(size_t n_points, const double *x, double radius, grid *g)
{
  double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
  for (size_t i = 0; i < n_points; i++)
    for (int a = 0; a < 3; a++) {
      lo[a] = fmin(lo[a], x[3 * i + a]);
      hi[a] = fmax(hi[a], x[3 * i + a]);
    }
  double edge = radius;
  for (;;) {
    size_t total = 1;
    for (int a = 0; a < 3; a++) {
      const double extent = n_points ? hi[a] - lo[a] : 0.0;
      g->n[a] = (size_t) fmax(1.0, floor(extent / edge));
      g->lo[a] = n_points ? lo[a] : 0.0;
      /* cells of equal size at least edge wide covering [lo, hi] */
      g->inv_edge[a] = g->n[a] / fmax(extent, edge) * (1.0 - 1e-12);
      total *= g->n[a];
    }
    if (total <= MAX_CELLS_PER_POINT * n_points + 8) return total;
    edge *= 1.5;
  }
}

static size_t cell_coord(const grid *g, const double *p, int a)
{
  const double s = (p[a] - g->lo[a]) * g->inv_edge[a];
  const size_t c = s > 0.0 ? (size_t) s : 0;
  return c < g->n[a] ? c : g->n[a] - 1;
}

size_t mgg_find_within_workspace(size_t n_points, const double *x, double radius)
{
  grid g;
  if (!x && n_points) return 0;
  if (!(radius > 0.0)) radius = 1.0;
  return make_grid(n_points, x, radius, &g) + n_points;
}

mgg_status mgg_find_within(size_t n_points, const double *x, size_t n_centres, const int *centre,
                           double radius, int *workspace, size_t workspace_len, size_t *start,
                           int *index, size_t index_cap, size_t *n_found)
{
  if (!n_found || !start || (n_points && !x) || (n_centres && !centre) || !workspace)
    return MGG_ERR_NULL_ARGUMENT;
  if (!(radius > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  grid g;
  const size_t ncells = make_grid(n_points, x, radius, &g);
  if (workspace_len < ncells + n_points) return MGG_ERR_BUFFER_TOO_SMALL;
  int *head = workspace, *next = workspace + ncells;
  for (size_t c = 0; c < ncells; c++) head[c] = -1;
  /* insert in reverse so that each cell lists its points in increasing index order */
  for (size_t i = n_points; i-- > 0;) {
    const double *p = x + 3 * i;
    const size_t c = cell_coord(&g, p, 0) + g.n[0] * (cell_coord(&g, p, 1) + g.n[1] * cell_coord(&g, p, 2));
    next[i] = head[c];
    head[c] = (int) i;
  }

  const double r2max = radius * radius;
  size_t m = 0;
  start[0] = 0;
  for (size_t k = 0; k < n_centres; k++) {
    const int i = centre[k];
    if (i < 0 || (size_t) i >= n_points) return MGG_ERR_BAD_INDEX;
    const double *p = x + 3 * i;
    size_t c0[3];
    for (int a = 0; a < 3; a++) c0[a] = cell_coord(&g, p, a);
    for (size_t cz = c0[2] ? c0[2] - 1 : 0; cz <= c0[2] + 1 && cz < g.n[2]; cz++)
      for (size_t cy = c0[1] ? c0[1] - 1 : 0; cy <= c0[1] + 1 && cy < g.n[1]; cy++)
        for (size_t cx = c0[0] ? c0[0] - 1 : 0; cx <= c0[0] + 1 && cx < g.n[0]; cx++)
          for (int j = head[cx + g.n[0] * (cy + g.n[1] * cz)]; j >= 0; j = next[j]) {
            if (j == i) continue;
            const double dx = x[3 * j] - p[0], dy = x[3 * j + 1] - p[1], dz = x[3 * j + 2] - p[2];
            if (dx * dx + dy * dy + dz * dz >= r2max) continue;
            if (m < index_cap) index[m] = j;
            m++;
          }
    start[k + 1] = m;
  }
  *n_found = m;
  return m > index_cap ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK;
}
