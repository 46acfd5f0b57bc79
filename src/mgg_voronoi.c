/* Voronoi and radical Voronoi cells by clipping a box with the bisecting planes of candidate
 * neighbours (the approach of voro++), with the cell kept as a list of oriented polygons.
 * Voronoi index and motif classes as in Ding et al. 2014 (PNAS). */
#include "mgglass.h"

#include <math.h>
#include <stdlib.h>

/* A vertex within VERTEX_TOL * (largest vertex distance) of a plane is on it: the fcc and bcc
 * cells have vertices where four planes meet, which rounding would otherwise split into tiny
 * edges and faces.  voro++ uses a comparable absolute tolerance (1e-11). */
#define VERTEX_TOL 1e-11

/* Per-face and per-vertex capacities relative to the face capacity F = candidates + 8 (the 6 box
 * faces, one plane being cut in, one spare).  A convex polyhedron has V <= 2F - 4 vertices and
 * E <= 3F - 6 edges (Euler, vertices of degree >= 3); a cut adds at most one vertex per edge
 * before the unused ones are dropped, so 6F vertices and 10F polygon entries leave a margin
 * for vertices that the tolerance leaves with degree 2. */
#define VERTS_PER_FACE 6
#define ENTRIES_PER_FACE 10

typedef struct {
  double d2;
  int j;
} candidate;

/* The cell around its centre (coordinates relative to it): faces are polygons of vertex
 * indices, counter-clockwise seen from outside, face f being pool[start[f]] .. pool[start[f+1]-1]
 * with id[f] the candidate that made it (negative: a face of the initial box). */
typedef struct {
  double *v;    /* [3 vcap] vertex positions */
  double *dist; /* [vcap] signed distance of each vertex to the cutting plane; face areas */
  double *ang;  /* [vcap] angles of the new face's vertices */
  int *side;    /* [vcap] -1 inside, 0 on, +1 outside the cutting plane */
  int *remap;   /* [vcap] new index of each vertex, -1 when unused */
  int *ring;    /* [vcap] vertices of the new face */
  int *cut;     /* [3 vcap] (a, b, vertex) for each edge a-b split by the plane */
  int *id, *start, *pool;       /* current faces */
  int *id2, *start2, *pool2;    /* faces being built */
  int nv, nf, vcap, fcap, pcap;
} poly;

typedef enum { CUT_NONE, CUT_DONE, CUT_EMPTY, CUT_OVERFLOW } cut_result;

/* workspace layout: candidates, then doubles (v, dist, ang), then ints */
static size_t layout(size_t ncand, void *work, candidate **cand, poly *p)
{
  const size_t fcap = ncand + 8, vcap = VERTS_PER_FACE * fcap, pcap = ENTRIES_PER_FACE * fcap;
  const size_t bytes = ncand * sizeof(candidate) + 5 * vcap * sizeof(double) +
                       (6 * vcap + 2 * fcap + 2 * (fcap + 1) + 2 * pcap) * sizeof(int);
  if (!work) return bytes;
  *cand = work;
  p->v = (double *) (*cand + ncand);
  p->dist = p->v + 3 * vcap;
  p->ang = p->dist + vcap;
  p->side = (int *) (p->ang + vcap);
  p->remap = p->side + vcap;
  p->ring = p->remap + vcap;
  p->cut = p->ring + vcap;
  p->id = p->cut + 3 * vcap;
  p->id2 = p->id + fcap;
  p->start = p->id2 + fcap;
  p->start2 = p->start + fcap + 1;
  p->pool = p->start2 + fcap + 1;
  p->pool2 = p->pool + pcap;
  p->vcap = (int) vcap;
  p->fcap = (int) fcap;
  p->pcap = (int) pcap;
  return bytes;
}

size_t mgg_voronoi_compute_work_size(const mgg_neighbours *candidates)
{
  if (!candidates || (candidates->n_centres > 0 && !candidates->start)) return 0;
  return layout(mgg_neighbours_max_count(candidates), NULL, NULL, NULL);
}

/* cube of half-width h: vertex b has coordinate signs from bits 0, 1, 2 of b */
static void make_box(poly *p, double h)
{
  static const int faces[6][4] = {{1, 3, 7, 5}, {0, 4, 6, 2}, {2, 6, 7, 3},
                                  {0, 1, 5, 4}, {4, 5, 7, 6}, {0, 2, 3, 1}};
  for (int b = 0; b < 8; b++)
    for (int a = 0; a < 3; a++) p->v[3 * b + a] = (b >> a) & 1 ? h : -h;
  p->nv = 8;
  p->nf = 6;
  for (int f = 0; f < 6; f++) {
    p->id[f] = -1 - f;
    p->start[f] = 4 * f;
    for (int k = 0; k < 4; k++) p->pool[4 * f + k] = faces[f][k];
  }
  p->start[6] = 24;
}

static double dot(const double *a, const double *b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

/* The vertex where the plane crosses edge a-b (a and b on opposite sides), shared by the two
 * faces of the edge; a vertex within tol of an existing on-plane vertex is merged with it. */
static int split_edge(poly *p, int a, int b, int *ncut, int *non, double tol)
{
  const int lo = a < b ? a : b, hi = a < b ? b : a;
  for (int c = 0; c < *ncut; c++)
    if (p->cut[3 * c] == lo && p->cut[3 * c + 1] == hi) return p->cut[3 * c + 2];
  if (p->nv >= p->vcap) return -1;
  const double s = p->dist[a] / (p->dist[a] - p->dist[b]);
  double x[3];
  for (int k = 0; k < 3; k++) x[k] = p->v[3 * a + k] + s * (p->v[3 * b + k] - p->v[3 * a + k]);
  int v = -1;
  for (int r = 0; r < *non && v < 0; r++) {
    const double *q = p->v + 3 * p->ring[r];
    const double d[3] = {x[0] - q[0], x[1] - q[1], x[2] - q[2]};
    if (dot(d, d) < tol * tol) v = p->ring[r];
  }
  if (v < 0) {
    v = p->nv++;
    for (int k = 0; k < 3; k++) p->v[3 * v + k] = x[k];
    p->side[v] = 0;
    p->ring[(*non)++] = v; /* on the plane: later split points may merge with it */
  }
  p->cut[3 * *ncut] = lo;
  p->cut[3 * *ncut + 1] = hi;
  p->cut[3 * *ncut + 2] = v;
  (*ncut)++;
  return v;
}

/* Orders the new face's vertices counter-clockwise around the outward normal n. */
static void order_ring(poly *p, int nring, const double n[3])
{
  double c[3] = {0.0, 0.0, 0.0}, u[3], w[3];
  for (int r = 0; r < nring; r++)
    for (int k = 0; k < 3; k++) c[k] += p->v[3 * p->ring[r] + k] / nring;
  /* u: a unit vector normal to n, from the axis least aligned with n; w = n x u */
  const int a = fabs(n[0]) < fabs(n[1]) ? (fabs(n[0]) < fabs(n[2]) ? 0 : 2) : (fabs(n[1]) < fabs(n[2]) ? 1 : 2);
  const double e[3] = {a == 0, a == 1, a == 2};
  u[0] = e[1] * n[2] - e[2] * n[1];
  u[1] = e[2] * n[0] - e[0] * n[2];
  u[2] = e[0] * n[1] - e[1] * n[0];
  const double un = sqrt(dot(u, u));
  for (int k = 0; k < 3; k++) u[k] /= un;
  w[0] = n[1] * u[2] - n[2] * u[1];
  w[1] = n[2] * u[0] - n[0] * u[2];
  w[2] = n[0] * u[1] - n[1] * u[0];
  for (int r = 0; r < nring; r++) {
    const double *q = p->v + 3 * p->ring[r];
    const double d[3] = {q[0] - c[0], q[1] - c[1], q[2] - c[2]};
    /* a pseudo-angle in [0, 4), increasing with the true angle (atan2 would give the same
     * order at a multiple of the cost) */
    const double x = dot(d, u), y = dot(d, w), l1 = fabs(x) + fabs(y);
    const double cosine = l1 > 0.0 ? x / l1 : 1.0;
    p->ang[r] = y >= 0.0 ? 1.0 - cosine : 3.0 + cosine;
  }
  for (int r = 1; r < nring; r++) { /* insertion sort: a face has few vertices */
    const double ar = p->ang[r];
    const int vr = p->ring[r];
    int s = r;
    for (; s > 0 && p->ang[s - 1] > ar; s--) {
      p->ang[s] = p->ang[s - 1];
      p->ring[s] = p->ring[s - 1];
    }
    p->ang[s] = ar;
    p->ring[s] = vr;
  }
}

/* Keeps the part of the cell with n.x <= t (n a unit vector); the new face gets id. */
static cut_result clip(poly *p, const double n[3], double t, double tol, int id)
{
  int nout = 0, nin = 0, non = 0;
  for (int v = 0; v < p->nv; v++) {
    const double d = dot(n, p->v + 3 * v) - t;
    p->dist[v] = d;
    p->side[v] = d > tol ? 1 : (d < -tol ? -1 : 0);
    nout += p->side[v] > 0;
    nin += p->side[v] < 0;
    if (p->side[v] == 0) p->ring[non++] = v;
  }
  if (nout == 0) return CUT_NONE; /* the plane at most touches the cell */
  if (nin == 0) return CUT_EMPTY;

  /* clip every face; a face left with fewer than 3 vertices is gone */
  int nf2 = 0, m2 = 0, ncut = 0;
  for (int f = 0; f < p->nf; f++) {
    const int s = p->start[f], m = p->start[f + 1] - s, first = m2;
    if (m2 + 2 * m > p->pcap) return CUT_OVERFLOW;
    for (int k = 0; k < m; k++) {
      const int a = p->pool[s + k], b = p->pool[s + (k + 1 < m ? k + 1 : 0)];
      if (p->side[a] <= 0 && (m2 == first || p->pool2[m2 - 1] != a)) p->pool2[m2++] = a;
      if (p->side[a] * p->side[b] < 0) {
        const int v = split_edge(p, a, b, &ncut, &non, tol);
        if (v < 0) return CUT_OVERFLOW;
        if (m2 == first || p->pool2[m2 - 1] != v) p->pool2[m2++] = v;
      }
    }
    if (m2 - first > 1 && p->pool2[m2 - 1] == p->pool2[first]) m2--;
    if (m2 - first >= 3) {
      p->id2[nf2] = p->id[f];
      p->start2[nf2++] = first;
    } else {
      m2 = first;
    }
  }

  /* the new face: the on-plane vertices still in use (old ones and the split points) */
  for (int v = 0; v < p->nv; v++) p->remap[v] = -1;
  for (int q = 0; q < m2; q++) p->remap[p->pool2[q]] = 0;
  int nring = 0;
  for (int r = 0; r < non; r++)
    if (p->remap[p->ring[r]] == 0) p->ring[nring++] = p->ring[r];
  if (nring >= 3) {
    if (m2 + nring > p->pcap || nf2 >= p->fcap) return CUT_OVERFLOW;
    order_ring(p, nring, n);
    p->id2[nf2] = id;
    p->start2[nf2++] = m2;
    for (int r = 0; r < nring; r++) p->pool2[m2++] = p->ring[r];
  }
  p->start2[nf2] = m2;

  /* drop unused vertices */
  int nv = 0;
  for (int v = 0; v < p->nv; v++)
    if (p->remap[v] == 0) {
      for (int k = 0; k < 3; k++) p->v[3 * nv + k] = p->v[3 * v + k];
      p->remap[v] = nv++;
    }
  p->nv = nv;
  for (int q = 0; q < m2; q++) p->pool2[q] = p->remap[p->pool2[q]];

  int *swap = p->id; p->id = p->id2; p->id2 = swap;
  swap = p->start; p->start = p->start2; p->start2 = swap;
  swap = p->pool; p->pool = p->pool2; p->pool2 = swap;
  p->nf = nf2;
  return CUT_DONE;
}

static double largest_distance(const poly *p)
{
  double r2 = 0.0;
  for (int v = 0; v < p->nv; v++) {
    const double d2 = dot(p->v + 3 * v, p->v + 3 * v);
    r2 = d2 > r2 ? d2 : r2;
  }
  return sqrt(r2);
}

static int closer(const candidate *a, const candidate *b)
{
  return a->d2 < b->d2 || (a->d2 == b->d2 && a->j < b->j);
}

/* Shell sort by (distance, index), a total order, so the result is that of any sort; with the
 * comparison inlined it is cheaper than qsort, whose callbacks took ~10% of a glass cell. */
static void sort_by_distance(candidate *c, size_t n)
{
  static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
  for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
    const size_t gap = gaps[g];
    for (size_t i = gap; i < n; i++) {
      const candidate t = c[i];
      size_t k = i;
      for (; k >= gap && closer(&t, &c[k - gap]); k -= gap) c[k] = c[k - gap];
      c[k] = t;
    }
  }
}

/* Volume, area and the thresholded face and edge counts of the finished cell. */
static void measure(const mgg_voronoi_params *params, poly *p, int closed, mgg_voronoi_cell *cell)
{
  double volume = 0.0, area = 0.0;
  for (int f = 0; f < p->nf; f++) {
    const int s = p->start[f], m = p->start[f + 1] - s;
    const double *v0 = p->v + 3 * p->pool[s];
    double av[3] = {0.0, 0.0, 0.0};
    for (int k = 1; k + 1 < m; k++) {
      const double *v1 = p->v + 3 * p->pool[s + k], *v2 = p->v + 3 * p->pool[s + k + 1];
      const double a[3] = {v1[0] - v0[0], v1[1] - v0[1], v1[2] - v0[2]};
      const double b[3] = {v2[0] - v0[0], v2[1] - v0[1], v2[2] - v0[2]};
      const double c[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
      for (int q = 0; q < 3; q++) av[q] += c[q];
      /* tetrahedron (centre, v0, v1, v2) = v0 . (a x b) / 6 */
      volume += dot(v0, c) / 6.0;
    }
    p->dist[f] = 0.5 * sqrt(dot(av, av));
    area += p->dist[f];
  }
  cell->volume = volume;
  cell->area = area;
  cell->closed = closed;
  cell->n_faces = 0;
  for (int k = 0; k <= MGG_VORONOI_MAX_EDGES; k++) cell->edges[k] = 0;
  const double min_area = fmax(params->min_area_abs, params->min_area_rel * area);
  for (int f = 0; f < p->nf; f++) {
    if (p->dist[f] < min_area) continue;
    const int s = p->start[f], m = p->start[f + 1] - s;
    int counted = 0;
    for (int k = 0; k < m; k++) {
      const double *a = p->v + 3 * p->pool[s + k], *b = p->v + 3 * p->pool[s + (k + 1 < m ? k + 1 : 0)];
      const double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
      counted += sqrt(dot(d, d)) >= params->min_edge;
    }
    cell->n_faces++;
    cell->edges[counted < MGG_VORONOI_MAX_EDGES ? counted : MGG_VORONOI_MAX_EDGES]++;
  }
}

/* Distance from the centre beyond which the plane of a point at distance d cannot pass:
 * (d^2 + r_i^2 - r_j^2) / (2 d) >= d / 2 - excess / (2 d) with excess >= r_j^2 - r_i^2 for every
 * point; increasing in d, so it bounds every farther candidate too. */
static double reach(double d, double excess) { return 0.5 * d - 0.5 * excess / d; }

static mgg_status one_cell(const mgg_voronoi_params *params, const double *x, const double *radius,
                           double rmax2, const int *idx, size_t ncand, int i, double search_radius,
                           candidate *cand, poly *p, mgg_voronoi_cell *cell)
{
  const double *xi = x + 3 * i;
  const double ri2 = radius ? radius[i] * radius[i] : 0.0;
  const double excess = rmax2 > ri2 ? rmax2 - ri2 : 0.0;
  size_t nc = 0;
  for (size_t c = 0; c < ncand; c++) {
    const double *xj = x + 3 * idx[c];
    const double d[3] = {xj[0] - xi[0], xj[1] - xi[1], xj[2] - xi[2]};
    cand[nc].d2 = dot(d, d);
    cand[nc].j = idx[c];
    nc += cand[nc].d2 > 0.0;
  }
  sort_by_distance(cand, nc);

  make_box(p, search_radius);
  double rcell = largest_distance(p);
  for (size_t c = 0; c < nc; c++) {
    const double d = sqrt(cand[c].d2);
    if (reach(d, excess) > rcell) break;
    const int j = cand[c].j;
    const double rj2 = radius ? radius[j] * radius[j] : 0.0;
    const double n[3] = {(x[3 * j] - xi[0]) / d, (x[3 * j + 1] - xi[1]) / d, (x[3 * j + 2] - xi[2]) / d};
    const cut_result r = clip(p, n, 0.5 * (d + (ri2 - rj2) / d), VERTEX_TOL * rcell, j);
    if (r == CUT_OVERFLOW) return MGG_ERR_BUFFER_TOO_SMALL;
    if (r == CUT_EMPTY) {
      p->nf = 0; /* no cell: nothing more can change that */
      measure(params, p, 1, cell);
      return MGG_OK;
    }
    if (r == CUT_DONE) rcell = largest_distance(p);
  }
  int box_left = 0;
  for (int f = 0; f < p->nf; f++) box_left |= p->id[f] < 0;
  measure(params, p, !box_left && reach(search_radius, excess) > rcell, cell);
  return MGG_OK;
}

static mgg_status check_arguments(const mgg_voronoi_params *params, size_t n_points, const double *x,
                                  const double *radius, const mgg_neighbours *nb, double search_radius,
                                  mgg_voronoi_cell *cells)
{
  if (!params || !nb) return MGG_ERR_NULL_ARGUMENT;
  if (nb->n_centres > 0 && (!nb->centre || !nb->start || !x || !cells)) return MGG_ERR_NULL_ARGUMENT;
  /* no candidates at all (an empty vector's data() is NULL): no index array needed */
  if (nb->n_centres > 0 && !nb->index && nb->start[nb->n_centres] > nb->start[0])
    return MGG_ERR_NULL_ARGUMENT;
  if (!(search_radius > 0.0) || !isfinite(search_radius)) return MGG_ERR_BAD_ARGUMENT;
  if (!(params->min_area_abs >= 0.0) || !(params->min_area_rel >= 0.0) || !(params->min_edge >= 0.0))
    return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < nb->n_centres; k++) {
    if (nb->centre[k] < 0 || (size_t) nb->centre[k] >= n_points) return MGG_ERR_BAD_INDEX;
    if (nb->start[k + 1] < nb->start[k]) return MGG_ERR_BAD_ARGUMENT;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++)
      if (nb->index[c] < 0 || (size_t) nb->index[c] >= n_points) return MGG_ERR_BAD_INDEX;
  }
  /* positions (and radii) of all points: non-finite values would make the cut order and the
   * plane tests meaningless */
  for (size_t q = 0; nb->n_centres > 0 && q < n_points; q++) {
    if (!isfinite(x[3 * q]) || !isfinite(x[3 * q + 1]) || !isfinite(x[3 * q + 2]))
      return MGG_ERR_BAD_ARGUMENT;
    if (radius && !(radius[q] >= 0.0 && isfinite(radius[q]))) return MGG_ERR_BAD_ARGUMENT;
  }
  return MGG_OK;
}

mgg_status mgg_voronoi_compute(const mgg_voronoi_params *params, size_t n_points, const double *x,
                               const double *radius, const mgg_neighbours *candidates,
                               double search_radius, void *work, size_t work_len,
                               mgg_voronoi_cell *cells)
{
  const mgg_status st = check_arguments(params, n_points, x, radius, candidates, search_radius, cells);
  if (st != MGG_OK) return st;
  if (candidates->n_centres == 0) return MGG_OK;
  if (!work) return MGG_ERR_NULL_ARGUMENT;
  if (work_len < mgg_voronoi_compute_work_size(candidates)) return MGG_ERR_BUFFER_TOO_SMALL;
  candidate *cand;
  poly p;
  layout(mgg_neighbours_max_count(candidates), work, &cand, &p);
  /* the largest radius bounds how far any point's radical plane can be from its own */
  double rmax2 = 0.0;
  for (size_t q = 0; radius && q < n_points; q++) rmax2 = fmax(rmax2, radius[q] * radius[q]);
  for (size_t k = 0; k < candidates->n_centres; k++) {
    const size_t s = candidates->start[k];
    const mgg_status r = one_cell(params, x, radius, rmax2, candidates->index + s, candidates->start[k + 1] - s,
                                  candidates->centre[k], search_radius, cand, &p, cells + k);
    if (r != MGG_OK) return r;
  }
  return MGG_OK;
}

mgg_voronoi_motif mgg_voronoi_classify_for(const mgg_voronoi_cell *cell, int favoured_cn)
{
  if (!cell) return MGG_VORONOI_OTHER;
  const int z = cell->n_faces, d = abs(z - favoured_cn);
  const int extrinsic = z - cell->edges[5] - cell->edges[6];
  if (d >= 2) return MGG_VORONOI_GUM;
  if (extrinsic == 0 && cell->edges[5] == 12) {
    switch (cell->edges[6]) {
    case 0: return MGG_VORONOI_ICOSAHEDRON;
    case 2: return MGG_VORONOI_Z14;
    case 3: return MGG_VORONOI_Z15;
    case 4: return MGG_VORONOI_Z16;
    default: break;
    }
  }
  return extrinsic + d >= 3 ? MGG_VORONOI_GUM : MGG_VORONOI_OTHER;
}

mgg_voronoi_motif mgg_voronoi_classify(const mgg_voronoi_cell *cell)
{
  if (!cell) return MGG_VORONOI_OTHER;
  return mgg_voronoi_classify_for(cell, cell->n_faces <= 13 ? MGG_VORONOI_FAVOURED_CN_CU
                                                             : MGG_VORONOI_FAVOURED_CN_ZR);
}

const char *mgg_voronoi_motif_name(mgg_voronoi_motif m)
{
  switch (m) {
  case MGG_VORONOI_ICOSAHEDRON: return "icosahedron";
  case MGG_VORONOI_Z14: return "Z14";
  case MGG_VORONOI_Z15: return "Z15";
  case MGG_VORONOI_Z16: return "Z16";
  case MGG_VORONOI_GUM: return "GUM";
  case MGG_VORONOI_OTHER: return "other";
  case MGG_VORONOI_N_MOTIFS: break;
  }
  return "unknown";
}
