/* Radius search with a cell list over explicit points (periodic copies supplied by the caller).
 * LAMMPS's occasional neighbour lists are not used for this: on repeated evaluations at one
 * timestep after a box change (run 0 after change_box) LAMMPS 2021 reuses a stencil built for
 * the old box and silently misses pairs. */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>

/* at most this many cells per point, so that sparse or elongated point sets stay cheap */
#define MAX_CELLS_PER_POINT 2
/* cells are at least radius / CELLS_PER_RADIUS wide; a search visits (2 CELLS_PER_RADIUS + 1)^3
 * cells, skipping those wholly beyond the radius (half-radius cells scan ~3x less volume than
 * radius-wide ones) */
#define CELLS_PER_RADIUS 2
#define OUTSIDE SIZE_MAX

/* Cells cover the box around the centres widened by the radius: points outside it cannot be
 * within the radius of a centre and are not binned (most periodic copies of a small system). */
typedef struct {
  double lo[3], hi[3], inv_edge[3];
  size_t n[3];
} grid;

static size_t make_grid(const double *x, size_t n_points, size_t n_centres, const int *centre,
                        double radius, grid *g)
{
  for (int a = 0; a < 3; a++) {
    g->lo[a] = INFINITY;
    g->hi[a] = -INFINITY;
  }
  for (size_t k = 0; k < n_centres; k++)
    for (int a = 0; a < 3; a++) {
      const double v = x[3 * centre[k] + a];
      g->lo[a] = v < g->lo[a] ? v : g->lo[a];
      g->hi[a] = v > g->hi[a] ? v : g->hi[a];
    }
  for (int a = 0; a < 3; a++) {
    g->lo[a] = n_centres ? g->lo[a] - radius : 0.0;
    g->hi[a] = n_centres ? g->hi[a] + radius : 0.0;
  }
  double edge = radius / CELLS_PER_RADIUS;
  for (;;) {
    size_t total = 1;
    for (int a = 0; a < 3; a++) {
      const double extent = g->hi[a] - g->lo[a];
      const double ncell = floor(extent / edge);
      g->n[a] = ncell > 1.0 ? (size_t) ncell : 1;
      /* cells of equal size at least edge wide covering [lo, hi] */
      g->inv_edge[a] = g->n[a] / (extent > edge ? extent : edge) * (1.0 - 1e-12);
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

static size_t cell_of(const grid *g, const double *p)
{
  for (int a = 0; a < 3; a++)
    if (!(p[a] >= g->lo[a] && p[a] <= g->hi[a])) return OUTSIDE;
  return cell_coord(g, p, 0) + g->n[0] * (cell_coord(g, p, 1) + g->n[1] * cell_coord(g, p, 2));
}

size_t mgg_neighbours_max_count(const mgg_neighbours *neighbours)
{
  size_t most = 0;
  for (size_t k = 0; neighbours && k < neighbours->n_centres; k++) {
    const size_t count = neighbours->start[k + 1] - neighbours->start[k];
    most = count > most ? count : most;
  }
  return most;
}

/* workspace layout: binned positions in cell order (3 n doubles), then the cell offsets
 * (ncells + 1 ints) and the point order (n ints) */
static size_t workspace_bytes(size_t n_points, size_t ncells)
{
  return 3 * n_points * sizeof(double) + (ncells + 1 + n_points) * sizeof(int);
}

size_t mgg_neighbours_find_within_work_size(size_t n_points, const double *x, size_t n_centres,
                                 const int *centre, double radius)
{
  grid g;
  if ((!x && n_points) || (!centre && n_centres)) return 0;
  for (size_t k = 0; k < n_centres; k++)
    if (centre[k] < 0 || (size_t) centre[k] >= n_points) return 0;
  if (!(radius > 0.0)) radius = 1.0;
  return workspace_bytes(n_points, make_grid(x, n_points, n_centres, centre, radius, &g));
}

mgg_status mgg_neighbours_find_within(size_t n_points, const double *x, size_t n_centres,
                                      const int *centre, double radius, void *work,
                                      size_t work_len, size_t *start, int *index,
                                      size_t index_cap, size_t *n_found)
{
  if (!n_found || !start || (n_points && !x) || (n_centres && !centre) || !work)
    return MGG_ERR_NULL_ARGUMENT;
  if (!(radius > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < n_centres; k++)
    if (centre[k] < 0 || (size_t) centre[k] >= n_points) return MGG_ERR_BAD_INDEX;
  grid g;
  const size_t ncells = make_grid(x, n_points, n_centres, centre, radius, &g);
  if (work_len < workspace_bytes(n_points, ncells)) return MGG_ERR_BUFFER_TOO_SMALL;

  /* counting sort: the points of cell c are order[first[c]] .. order[first[c+1]-1], in
   * increasing index order, at xs[3 first[c]] ... (contiguous, for the cache) */
  double *xs = work;
  int *first = (int *) (xs + 3 * n_points), *order = first + ncells + 1;
  for (size_t c = 0; c <= ncells; c++) first[c] = 0;
  for (size_t i = 0; i < n_points; i++) {
    const size_t c = cell_of(&g, x + 3 * i);
    if (c != OUTSIDE) first[c + 1]++;
  }
  for (size_t c = 0; c < ncells; c++) first[c + 1] += first[c];
  for (size_t i = 0; i < n_points; i++) {
    const size_t c = cell_of(&g, x + 3 * i);
    if (c != OUTSIDE) order[first[c]++] = (int) i;
  }
  for (size_t c = ncells; c > 0; c--) first[c] = first[c - 1]; /* undo the fill's increments */
  first[0] = 0;
  for (int q = 0; q < first[ncells]; q++)
    for (int a = 0; a < 3; a++) xs[3 * q + a] = x[3 * order[q] + a];

  const double r2max = radius * radius;
  enum { W = 2 * CELLS_PER_RADIUS + 1 };
  size_t m = 0;
  start[0] = 0;
  for (size_t k = 0; k < n_centres; k++) {
    const int i = centre[k];
    const double *p = x + 3 * i;
    /* per direction: the stencil's cell range and the squared distance from p to each slab */
    size_t lo[3], hi[3];
    double gap2[3][W];
    for (int a = 0; a < 3; a++) {
      const size_t c = cell_coord(&g, p, a);
      lo[a] = c >= CELLS_PER_RADIUS ? c - CELLS_PER_RADIUS : 0;
      hi[a] = c + CELLS_PER_RADIUS < g.n[a] ? c + CELLS_PER_RADIUS : g.n[a] - 1;
      const double edge = 1.0 / g.inv_edge[a];
      for (size_t q = lo[a]; q <= hi[a]; q++) {
        const double below = g.lo[a] + q * edge - p[a], above = p[a] - (g.lo[a] + (q + 1) * edge);
        /* less a sliver, for points that rounding put in a neighbouring cell */
        const double gap = (below > above ? below : above) - 1e-9 * edge;
        gap2[a][q - lo[a]] = gap > 0.0 ? gap * gap : 0.0;
      }
    }
    for (size_t cz = lo[2]; cz <= hi[2]; cz++)
      for (size_t cy = lo[1]; cy <= hi[1]; cy++) {
        const double gyz = gap2[2][cz - lo[2]] + gap2[1][cy - lo[1]];
        if (gyz >= r2max) continue;
        for (size_t cx = lo[0]; cx <= hi[0]; cx++) {
          if (gyz + gap2[0][cx - lo[0]] >= r2max) continue;
          const size_t cell = cx + g.n[0] * (cy + g.n[1] * cz);
          /* branch-free acceptance: whether a point is in is unpredictable */
          for (int q = first[cell]; q < first[cell + 1]; q++) {
            const double dx = xs[3 * q] - p[0], dy = xs[3 * q + 1] - p[1], dz = xs[3 * q + 2] - p[2];
            const size_t in = (dx * dx + dy * dy + dz * dz < r2max) & (order[q] != i);
            if (m < index_cap) index[m] = order[q];
            m += in;
          }
        }
      }
    start[k + 1] = m;
  }
  *n_found = m;
  return m > index_cap ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK;
}

/* ------------------------------------------------------------- periodic points */

mgg_status mgg_neighbours_periodic_points(const mgg_cell *cell, size_t n_atoms, const double *x,
                                          double margin, size_t cap, double *points, int *owner,
                                          size_t *n_points)
{
  if (!cell || !n_points || (n_atoms && !x) || (cap && (!points || !owner)))
    return MGG_ERR_NULL_ARGUMENT;
  if (!(margin >= 0.0) || n_atoms > (size_t) INT32_MAX) return MGG_ERR_BAD_ARGUMENT;
  /* margin in fractional units along each vector: the width between faces is 1 / |row of hinv| */
  double fmargin[3];
  int reach[3];
  for (int k = 0; k < 3; k++) {
    const double *g = cell->hinv[k];
    fmargin[k] = cell->periodic[k] ? margin * sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) : 0.0;
    reach[k] = (int) ceil(fmargin[k]);
  }
  size_t n = 0;
  for (int pass = 0; pass < 2; pass++) /* the atoms first, then their images */
    for (size_t i = 0; i < n_atoms; i++) {
      double s[3];
      mgg_cell_to_fractional(cell, 1, x + 3 * i, s);
      for (int k = 0; k < 3; k++)
        if (cell->periodic[k]) s[k] -= floor(s[k]);
      for (int a = -reach[0]; a <= reach[0]; a++)
        for (int b = -reach[1]; b <= reach[1]; b++)
          for (int c = -reach[2]; c <= reach[2]; c++) {
            const int shift[3] = {a, b, c};
            const int self = a == 0 && b == 0 && c == 0;
            if (self != (pass == 0)) continue;
            double t[3];
            int inside = 1;
            for (int k = 0; k < 3; k++) {
              t[k] = s[k] + shift[k];
              inside &= t[k] >= -fmargin[k] && t[k] < 1.0 + fmargin[k];
            }
            if (!inside) continue;
            if (n < cap) {
              for (int r = 0; r < 3; r++)
                points[3 * n + r] = cell->h[r][0] * t[0] + cell->h[r][1] * t[1] + cell->h[r][2] * t[2];
              owner[n] = (int) i;
            }
            n++;
          }
    }
  *n_points = n;
  return n > cap ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK;
}

/* ------------------------------------------------------------- periodic neighbours */

_Static_assert(_Alignof(size_t) <= _Alignof(double) && _Alignof(int) <= _Alignof(double),
               "the workspace segments are aligned for double");

/* the fewest pair indices the work holds (a multiple of 2: whole doubles) */
#define MIN_PAIRS 64

/* bytes rounded up to a whole number of doubles, so that every segment stays aligned */
static size_t aligned(size_t bytes)
{
  return (bytes + sizeof(double) - 1) / sizeof(double) * sizeof(double);
}

/* a generous first guess of the pairs within radius (uniform density in the cell), so that a
 * second call usually suffices */
static size_t guess_pairs(const mgg_cell *cell, size_t n_atoms, double radius)
{
  const double (*h)[3] = cell->h;
  const double volume = fabs(h[0][0] * (h[1][1] * h[2][2] - h[1][2] * h[2][1]) -
                             h[0][1] * (h[1][0] * h[2][2] - h[1][2] * h[2][0]) +
                             h[0][2] * (h[1][0] * h[2][1] - h[1][1] * h[2][0]));
  const double per_atom = 4.18879020478639 * radius * radius * radius * n_atoms / volume;
  const double pairs = 1.25 * per_atom * n_atoms + 64.0;
  return pairs < 1e12 && pairs > 0.0 ? (size_t) pairs : (size_t) 1 << 20;
}

mgg_status mgg_neighbours_find_within_periodic(const mgg_cell *cell, size_t n_atoms,
                                               const double *x, double radius, void *work,
                                               size_t work_len, size_t *work_needed,
                                               mgg_neighbours_periodic *out)
{
  if (!cell || !work_needed || !out || (n_atoms && !x) || (work_len && !work))
    return MGG_ERR_NULL_ARGUMENT;
  if (!(radius > 0.0) || !isfinite(radius)) return MGG_ERR_BAD_ARGUMENT;
  /* a non-finite position would drop the atom from the points (atom k must be point k) */
  for (size_t k = 0; k < 3 * n_atoms; k++)
    if (!isfinite(x[k])) return MGG_ERR_BAD_ARGUMENT;
  size_t np = 0;
  mgg_status st = mgg_neighbours_periodic_points(cell, n_atoms, x, radius, 0, NULL, NULL, &np);
  if (st != MGG_OK && st != MGG_ERR_BUFFER_TOO_SMALL) return st;
  if (np > (size_t) INT32_MAX) return MGG_ERR_BAD_ARGUMENT;

  /* layout: points, owner, centre, start, the search's workspace at its upper bound (at most
   * MAX_CELLS_PER_POINT n + 8 cells, make_grid), then the pair indices in the rest */
  const size_t b_points = aligned(3 * np * sizeof(double)), b_owner = aligned(np * sizeof(int));
  const size_t b_centre = aligned(n_atoms * sizeof(int));
  const size_t b_start = aligned((n_atoms + 1) * sizeof(size_t));
  const size_t b_search = aligned(workspace_bytes(np, MAX_CELLS_PER_POINT * np + 8));
  const size_t base = b_points + b_owner + b_centre + b_start + b_search;
  if (work_len < base + MIN_PAIRS * sizeof(int)) {
    *work_needed = base + aligned(guess_pairs(cell, n_atoms, radius) * sizeof(int));
    return MGG_ERR_BUFFER_TOO_SMALL;
  }
  char *w = work;
  double *points = (double *) w;
  int *owner = (int *) (w + b_points), *centre = (int *) (w + b_points + b_owner);
  size_t *start = (size_t *) (w + b_points + b_owner + b_centre);
  void *search = w + b_points + b_owner + b_centre + b_start;
  int *index = (int *) (w + base);
  const size_t cap = (work_len - base) / sizeof(int);

  st = mgg_neighbours_periodic_points(cell, n_atoms, x, radius, np, points, owner, &np);
  if (st != MGG_OK) return st;
  for (size_t k = 0; k < n_atoms; k++) centre[k] = (int) k;
  size_t n_found = 0;
  st = mgg_neighbours_find_within(np, points, n_atoms, centre, radius, search, b_search, start,
                                  index, cap, &n_found);
  /* room for at least MIN_PAIRS, so that a call with this size succeeds */
  *work_needed = base + aligned((n_found > MIN_PAIRS ? n_found : MIN_PAIRS) * sizeof(int));
  if (st != MGG_OK) return st;
  out->n_points = np;
  out->points = points;
  out->owner = owner;
  out->nb.n_centres = n_atoms;
  out->nb.centre = centre;
  out->nb.start = start;
  out->nb.index = index;
  return MGG_OK;
}
