/* Flexibility volume: definition in mgg_flexvol.h. */
#include "mgg_flexvol.h"

#include <math.h>

mgg_status mgg_flexvol(size_t n, const double *msd, const double *volume, double spacing,
                       double *flexvol)
{
  if (n && (!msd || !volume || !flexvol)) return MGG_ERR_NULL_ARGUMENT;
  if (!(spacing >= 0.0) || !isfinite(spacing)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n; i++)
    if (!(msd[i] >= 0.0) || !(volume[i] >= 0.0) || !isfinite(msd[i]) || !isfinite(volume[i]))
      return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n; i++)
    flexvol[i] = spacing > 0.0 ? msd[i] / (spacing * spacing) * volume[i]
                               : msd[i] * cbrt(volume[i]);
  return MGG_OK;
}
