/* mgglass core: the flexibility volume of atoms from their vibrational mean squared displacement
 * and Voronoi volume. */
#ifndef MGG_FLEXVOL_H
#define MGG_FLEXVOL_H

#include <stddef.h>

#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* v_flex,i = <dr_i^2> / a_i^2 * Omega_i (Ding et al. 2016; Wei et al. 2019, Eq. 2) of n atoms
 * from their mean squared displacements msd (distance^2) and Voronoi volumes (distance^3):
 * a_i = Omega_i^(1/3) when spacing is 0 (Wei et al.), so v_flex,i = <dr_i^2> Omega_i^(1/3), finite
 * at Omega_i = 0; otherwise a_i = spacing for every atom (Ding et al.'s mean atomic spacing).
 * Finite inputs may still overflow to infinity (the caller checks what it reports).  flexvol may
 * be msd or volume.  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (spacing negative or
 * not finite, a negative or non-finite msd or volume). */
mgg_status mgg_flexvol(size_t n, const double *msd, const double *volume, double spacing,
                       double *flexvol);

#ifdef __cplusplus
}
#endif

#endif
