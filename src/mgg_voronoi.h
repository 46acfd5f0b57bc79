/* mgglass core: Voronoi (and radical Voronoi) cells of explicit points, Voronoi indices and the
 * motif classes of Cu-Zr glasses. */
#ifndef MGG_VORONOI_H
#define MGG_VORONOI_H

#include <stddef.h>

#include "mgg_neighbours.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thresholds applied when counting faces and edges; they never change volume or area. */
typedef struct {
  double min_area_abs; /* faces with area below this (distance^2) are dropped; 0 keeps all */
  double min_area_rel; /* faces below this fraction of the cell's total surface area are dropped */
  double min_edge;     /* edges shorter than this are not counted in a face's edge count */
} mgg_voronoi_params;

/* faces with more counted edges than this are counted in edges[MGG_VORONOI_MAX_EDGES] */
#define MGG_VORONOI_MAX_EDGES 12

typedef struct {
  double volume; /* cell volume (all faces; the thresholds do not change it) */
  double area;   /* total surface area (all faces) */
  int n_faces;   /* faces kept after the thresholds = coordination number */
  /* edges[k] = kept faces with k counted edges; the Voronoi index <n3,n4,n5,n6,n7> is
   * edges[3..7].  k < 3 occurs only when min_edge discounts edges of a kept face. */
  int edges[MGG_VORONOI_MAX_EDGES + 1];
  /* 1 when the candidates provably determine the whole cell: no face of the initial box
   * survives and the cell lies within search_radius / 2 of its centre (with radii: within the
   * distance beyond which no point's radical plane can reach), so no point beyond the search
   * radius could cut it.  0 otherwise: the cell is then only an upper bound of the true one. */
  int closed;
} mgg_voronoi_cell;

/* Bytes of work mgg_voronoi_compute() needs for these candidates (any allocation aligned
 * for double, e.g. malloc); 0 when candidates is NULL. */
size_t mgg_voronoi_compute_work_size(const mgg_neighbours *candidates);

/* The Voronoi cell of each centre.
 *
 * x holds n_points positions; the candidates of centre k (mgg_neighbours) must include every
 * point within search_radius of the centre (the caller supplies periodic copies as separate
 * points: this module knows nothing of periodicity); farther candidates are harmless.  A
 * candidate at the centre's own position (the centre itself, a duplicate) is ignored.
 *
 * radius: NULL for the plain Voronoi tessellation; otherwise one radius >= 0 per point for the
 * radical (power, Laguerre) tessellation, where the plane between i and j is
 * |p - x_i|^2 - r_i^2 = |p - x_j|^2 - r_j^2 (as voro++'s container_poly).  A radical cell can
 * be empty (volume 0, no faces) and need not contain its centre.
 *
 * Algorithm: a cube of half-width search_radius around the centre is clipped by the planes of
 * the candidates in order of increasing distance, stopping when no farther plane can reach the
 * cell.  Vertices within a tolerance relative to the cell size of a plane count as on it, so
 * that degenerate vertices (four planes at each vertex of the fcc rhombic dodecahedron) give no
 * spurious faces or edges.
 *
 * cells: one per centre.  candidates->index may be NULL when no centre has a candidate.
 * Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_INDEX (a centre or
 * candidate outside [0, n_points)), MGG_ERR_BAD_ARGUMENT (search_radius not > 0, negative
 * thresholds, a non-finite position or radius, a negative radius),
 * MGG_ERR_BUFFER_TOO_SMALL (work_len < mgg_voronoi_compute_work_size(); also, not seen in
 * practice, when near-degenerate geometry would need more vertices than the workspace's Euler-bound capacity). */
mgg_status mgg_voronoi_compute(const mgg_voronoi_params *params, size_t n_points, const double *x,
                               const double *radius, const mgg_neighbours *candidates,
                               double search_radius, void *work, size_t work_len,
                               mgg_voronoi_cell *cells);

/* Motif classes of Cu-Zr glasses (Ding et al., PNAS 2014). */
typedef enum {
  MGG_VORONOI_ICOSAHEDRON = 0, /* <0,0,12,0> full icosahedron (Z12) */
  MGG_VORONOI_Z14,             /* <0,0,12,2> Kasper polyhedron */
  MGG_VORONOI_Z15,             /* <0,0,12,3> */
  MGG_VORONOI_Z16,             /* <0,0,12,4> */
  MGG_VORONOI_GUM,             /* geometrically unfavoured motif, see mgg_voronoi_classify_for */
  MGG_VORONOI_OTHER,           /* none of the above */
  MGG_VORONOI_N_MOTIFS
} mgg_voronoi_motif;

/* Coordination numbers of the favoured Kasper polyhedra in Cu-Zr glasses (Ding et al. 2014):
 * full icosahedra around Cu, Z16 around Zr. */
#define MGG_VORONOI_FAVOURED_CN_CU 12
#define MGG_VORONOI_FAVOURED_CN_ZR 16

/* Motif of a cell whose centre favours coordination number favoured_cn.
 *
 * GUM rule, from Ding et al. 2014 (Fig. 3 and its text): GUMs are "non-Kasper polyhedra [with]
 * an increased density of extrinsic (e.g., fourfold) disclinations at the favored CN, or
 * clusters (including Kasper polyhedra) with unfavorable (too large or too small) CNs".  With
 * Z = n_faces, d = |Z - favoured_cn| and e = the kept faces with other than 5 or 6 counted
 * edges (the extrinsic disclinations: 3-, 4-, 7-, ... fold), a cell is a GUM when
 *   d >= 2  (unfavourable CN, Kasper or not), or  e + d >= 3  (disorder at or near the CN).
 * The paper's GUMs satisfy it: Cu (favoured 12) <0,0,12,2> (d = 2), <0,4,4,4>, <0,6,0,6>,
 * <0,4,4,3>, <0,3,6,2> (e >= 3); Zr (favoured 16) <1,3,4,4,1> (d = 3), <1,2,6,5> (d = 2),
 * <0,2,9,4> (e = 2, d = 1), <0,3,7,4> (d = 2), <0,4,5,6> (e = 4).  The icosahedron's common
 * cousins <0,2,8,2> and <0,1,10,2> around Cu, and <0,1,10,4>, <0,0,12,3> around Zr, are not.
 * Otherwise <0,0,12,0|2|3|4> are ICOSAHEDRON, Z14, Z15, Z16 and the rest OTHER. */
mgg_voronoi_motif mgg_voronoi_classify_for(const mgg_voronoi_cell *cell, int favoured_cn);

/* Species-blind motif: mgg_voronoi_classify_for() with the favoured CN of the nearer Cu-Zr
 * favourite, 12 for Z <= 13 and 16 for Z >= 14 (so every Z = 14 cell, Z14 included, is a GUM:
 * it is two away from both; use mgg_voronoi_classify_for() when the centre's species is
 * known).  OTHER for NULL. */
mgg_voronoi_motif mgg_voronoi_classify(const mgg_voronoi_cell *cell);

/* Static, never NULL: "icosahedron", "Z14", "Z15", "Z16", "GUM", "other"; "unknown" outside
 * the enumeration. */
const char *mgg_voronoi_motif_name(mgg_voronoi_motif m);

#ifdef __cplusplus
}
#endif

#endif
