/* mgglass core: candidate neighbours of explicit points by a cell list, and of the atoms of a
 * periodic cell with their images. */
#ifndef MGG_NEIGHBOURS_H
#define MGG_NEIGHBOURS_H

#include <stddef.h>

#include "mgg_cell.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Candidate neighbours in compressed-row form: the candidates of centre k are
 * index[start[k]] .. index[start[k+1]-1], indices into the point arrays. */
typedef struct {
  size_t n_centres;
  const int *centre;   /* [n_centres] point index of each centre */
  const size_t *start; /* [n_centres + 1] */
  const int *index;    /* [start[n_centres]] */
} mgg_neighbours;

/* The largest number of candidates of any centre (0 for none): sizes per-centre scratch. */
size_t mgg_neighbours_max_count(const mgg_neighbours *neighbours);

/* Bytes of work mgg_neighbours_find_within() needs for these points and radius. */
size_t mgg_neighbours_find_within_work_size(size_t n_points, const double *x, size_t n_centres,
                                            const int *centre, double radius);

/* For each centre, the points j != centre with |x[j] - x[centre]| < radius, found with a cell
 * list over the points as given (no periodicity: the caller supplies periodic copies).
 * work: work_len bytes, at least mgg_neighbours_find_within_work_size().
 * start has n_centres + 1 entries; index has index_cap entries.  *n_found is set to the total
 * number of pairs; when it exceeds index_cap the result is MGG_ERR_BUFFER_TOO_SMALL and the
 * caller retries with a larger index buffer. */
mgg_status mgg_neighbours_find_within(size_t n_points, const double *x, size_t n_centres,
                                      const int *centre, double radius, void *work,
                                      size_t work_len, size_t *start, int *index,
                                      size_t index_cap, size_t *n_found);

/* The atoms of a periodic cell and their periodic images within distance margin of it, the way
 * LAMMPS surrounds its box with ghost atoms (for the core's modules, which want explicit
 * points).  Points 0 .. n_atoms-1 are the atoms wrapped into the cell (fractional coordinates
 * in [0, 1) along periodic vectors; atom i is point i), then the images x + i a + j b + k c
 * whose fractional coordinates are within margin / (face distance) of [0, 1) along each
 * periodic vector (several images of one atom when the margin exceeds the cell).  points has
 * room for cap points (3 cap doubles), owner for cap ints (owner[p] = atom of point p).
 * *n_points is set to the number of points; MGG_ERR_BUFFER_TOO_SMALL when it exceeds cap. */
mgg_status mgg_neighbours_periodic_points(const mgg_cell *cell, size_t n_atoms, const double *x,
                                          double margin, size_t cap, double *points, int *owner,
                                          size_t *n_points);

/* Candidates of every atom of a periodic cell among the atoms and their images, in one call:
 * mgg_neighbours_periodic_points() with margin radius, then mgg_neighbours_find_within() with
 * radius, atom k (point k) being centre k.  The arrays live in the caller's work, which the
 * result points into. */
typedef struct {
  size_t n_points;
  const double *points; /* [3 n_points]: the atoms wrapped into the cell, then their images */
  const int *owner;     /* [n_points] atom of each point */
  mgg_neighbours nb;    /* centres 0 .. n_atoms-1 (points 0 .. n_atoms-1) */
} mgg_neighbours_periodic;

/* The work_needed protocol of the functions that find their own periodic neighbours (here and
 * in mgg_dmin2.h, mgg_cluster.h and mgg_aqs.h), whose work size is known only after the search:
 * work has work_len bytes (any allocation aligned for double; NULL with work_len 0 to ask).
 * When it is too small the result is MGG_ERR_BUFFER_TOO_SMALL and *work_needed is a larger size
 * to retry with, exact once the candidate pairs have been counted, so that
 *   while ((st = f(..., work, len, &need, ...)) == MGG_ERR_BUFFER_TOO_SMALL) grow work to need;
 * ends after a few calls (at most three here, two when the first estimate of the pairs holds).
 * On MGG_OK *work_needed is the size used.
 *
 * Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (radius not > 0 or not finite, a
 * non-finite position, more than INT_MAX points), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_neighbours_find_within_periodic(const mgg_cell *cell, size_t n_atoms,
                                               const double *x, double radius, void *work,
                                               size_t work_len, size_t *work_needed,
                                               mgg_neighbours_periodic *out);

#ifdef __cplusplus
}
#endif

#endif
