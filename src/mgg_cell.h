/* mgglass core: a periodic cell from LAMMPS box parameters, its widths, minimum images and
 * fractional coordinates. */
#ifndef MGG_CELL_H
#define MGG_CELL_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A cell, periodic along some of its vectors: columns of h are the cell vectors a, b, c. */
typedef struct {
  double h[3][3];    /* h[row][col]: a = (h[0][0], h[1][0], h[2][0]), ... */
  double hinv[3][3]; /* inverse of h: fractional = hinv * Cartesian */
  int periodic[3];   /* 1 where images repeat along a, b, c */
} mgg_cell;

/* Cell from LAMMPS box parameters: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz). */
mgg_status mgg_cell_from_lammps(double lx, double ly, double lz, double xy, double xz, double yz,
                                const int periodic[3], mgg_cell *cell);

/* Distance between opposite faces, smallest over the periodic directions (INFINITY when none
 * is periodic).  A vector shorter than half of this is its own minimum image. */
double mgg_cell_min_width(const mgg_cell *cell);

/* Replaces v by the periodic image closest to the origin, exact whenever that image is shorter
 * than half of mgg_cell_min_width() (fractional components wrapped into [-1/2, 1/2]). */
void mgg_cell_minimum_image(const mgg_cell *cell, double v[3]);

/* Fractional coordinates s = hinv x of n points (x and s may be the same array). */
void mgg_cell_to_fractional(const mgg_cell *cell, size_t n, const double *x, double *s);

#ifdef __cplusplus
}
#endif

#endif
