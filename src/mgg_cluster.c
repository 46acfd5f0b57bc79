/* Clusters of flagged atoms under periodic boundaries: connected components of the flagged
 * atoms closer than a cutoff, by union-find over their periodic candidates. */
#include "mgglass.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* the root of k, halving the path on the way */
static int find_root(int *parent, int k)
{
  while (parent[k] != k) {
    parent[k] = parent[parent[k]];
    k = parent[k];
  }
  return k;
}

typedef struct {
  size_t size;
  size_t first; /* lowest atom index */
  size_t id;    /* cluster number in order of first atom */
} cluster_record;

static int by_size_then_first(const void *a, const void *b)
{
  const cluster_record *p = a, *q = b;
  if (p->size != q->size) return p->size < q->size ? 1 : -1;
  return (p->first > q->first) - (p->first < q->first);
}

static size_t round_to_doubles(size_t bytes)
{
  return (bytes + sizeof(double) - 1) / sizeof(double) * sizeof(double);
}

mgg_status mgg_cluster_flagged(const mgg_cell *cell, size_t n_atoms, const double *x,
                               const int *flag, double cutoff, void *work, size_t work_len,
                               size_t *work_needed, int *label, size_t *size, size_t *n_clusters)
{
  if (!cell || !work_needed || !n_clusters || (n_atoms && (!x || !flag || !label || !size)) ||
      (work_len && !work))
    return MGG_ERR_NULL_ARGUMENT;
  if (!(cutoff > 0.0) || !isfinite(cutoff) || n_atoms > (size_t) INT32_MAX)
    return MGG_ERR_BAD_ARGUMENT;
  size_t m = 0;
  for (size_t i = 0; i < n_atoms; i++) {
    label[i] = -1;
    m += flag[i] != 0;
  }
  *n_clusters = 0;
  *work_needed = 0;
  if (m == 0) return MGG_OK;

  /* layout: flagged positions, their atoms, union-find parents, cluster numbers, the cluster
   * records, then the periodic candidates of the flagged atoms */
  const size_t b_x = 3 * m * sizeof(double), b_int = round_to_doubles(m * sizeof(int));
  const size_t b_rec = m * sizeof(cluster_record);
  const size_t fixed = b_x + 3 * b_int + b_rec;
  char *w = work;
  size_t nb_needed = 0;
  mgg_neighbours_periodic pn;
  mgg_status st;
  if (work_len < fixed) {
    /* the candidates' share is asked for by the next call, once the positions are in place */
    *work_needed = 2 * fixed;
    return MGG_ERR_BUFFER_TOO_SMALL;
  }
  double *xf = (double *) w;
  int *atom = (int *) (w + b_x), *parent = (int *) (w + b_x + b_int);
  int *id = (int *) (w + b_x + 2 * b_int);
  cluster_record *rec = (cluster_record *) (w + b_x + 3 * b_int);
  for (size_t i = 0, k = 0; i < n_atoms; i++)
    if (flag[i]) {
      atom[k] = (int) i;
      for (int a = 0; a < 3; a++) xf[3 * k + a] = x[3 * i + a];
      k++;
    }
  st = mgg_neighbours_find_within_periodic(cell, m, xf, cutoff, w + fixed, work_len - fixed,
                                           &nb_needed, &pn);
  *work_needed = fixed + nb_needed;
  if (st != MGG_OK) return st;

  for (size_t k = 0; k < m; k++) parent[k] = (int) k;
  for (size_t k = 0; k < m; k++)
    for (size_t c = pn.nb.start[k]; c < pn.nb.start[k + 1]; c++) {
      /* the smaller root becomes the parent: roots stay the lowest flagged index */
      const int a = find_root(parent, (int) k), b = find_root(parent, pn.owner[pn.nb.index[c]]);
      if (a < b) parent[b] = a;
      else if (b < a) parent[a] = b;
    }
  /* clusters numbered in order of their first (lowest) atom: a root is its cluster's lowest
   * flagged index, so it comes before the other members */
  size_t n = 0;
  for (size_t k = 0; k < m; k++) {
    const int r = find_root(parent, (int) k);
    if (r == (int) k) {
      rec[n].size = 0;
      rec[n].first = (size_t) atom[k];
      rec[n].id = n;
      id[k] = (int) n++;
    }
    id[k] = id[r];
    rec[id[k]].size++;
  }
  qsort(rec, n, sizeof *rec, by_size_then_first);
  int *rank = parent; /* the parents are no longer needed */
  for (size_t c = 0; c < n; c++) {
    size[c] = rec[c].size;
    rank[rec[c].id] = (int) c;
  }
  for (size_t k = 0; k < m; k++) label[atom[k]] = rank[id[k]];
  *n_clusters = n;
  return MGG_OK;
}
