/* mgglass core: clusters of flagged atoms in a periodic cell. */
#ifndef MGG_CLUSTER_H
#define MGG_CLUSTER_H

#include <stddef.h>

#include "mgg_cell.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Clusters of flagged atoms in a periodic cell (STZs: the atoms above a D2min threshold; Ding et
 * al. 2014, Zhang et al. 2022): two flagged atoms are connected when some periodic image of one
 * is closer than cutoff to the other; a cluster is a connected component (union-find).
 *
 * x: n_atoms positions (3 doubles each, any periodic image); flag: nonzero marks an atom.
 * label (n_atoms) receives -1 for an unflagged atom, otherwise the rank of its cluster by size:
 * 0 for the largest, equal sizes in the order of their lowest atom index.  size has room for
 * n_atoms values; the first *n_clusters receive the cluster sizes, descending.
 * work, work_len, work_needed: the work_needed protocol (mgg_neighbours.h; over the
 * flagged atoms only; no work is needed when none is flagged).  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (cutoff not > 0 or not finite, a non-finite
 * position of a flagged atom), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_cluster_flagged(const mgg_cell *cell, size_t n_atoms, const double *x,
                               const int *flag, double cutoff, void *work, size_t work_len,
                               size_t *work_needed, int *label, size_t *size, size_t *n_clusters);

#ifdef __cplusplus
}
#endif

#endif
