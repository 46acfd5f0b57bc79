/* Frozen-atom analysis of AQS events (seed 002): the STZ core from the gap in the log
 * histogram of D_f. */
#include <math.h>
#include <stdlib.h>

#include "mgglass.h"

static int compare_doubles(const void *a, const void *b)
{
  const double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

mgg_status mgg_aqs_core_gap(size_t n, double *df, double df_reference, double min_gap_decades,
                            mgg_core_gap *gap)
{
  if (!gap || (n && !df)) return MGG_ERR_NULL_ARGUMENT;
  if (!(df_reference > 0.0) || !(min_gap_decades > 0.0)) return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < n; k++)
    if (!(df[k] >= 0.0)) return MGG_ERR_BAD_ARGUMENT;
  gap->threshold = gap->lower = gap->upper = 0.0;
  gap->n_core = 0;
  for (size_t k = 0; k < n; k++) df[k] = fmax(df[k], MGG_DF_FLOOR);
  qsort(df, n, sizeof(double), compare_doubles);
  /* widest gap between consecutive values (the widest empty stretch of a fine histogram of
   * log D_f) whose lower side suppresses at least half of the reference displacement */
  double widest = 0.0;
  for (size_t k = 0; k + 1 < n && df[k] < 0.5 * df_reference; k++) {
    const double width = log10(df[k + 1] / df[k]);
    if (width > widest) {
      widest = width;
      gap->lower = df[k];
      gap->upper = df[k + 1];
      gap->n_core = k + 1;
    }
  }
  if (widest < min_gap_decades) {
    gap->lower = gap->upper = 0.0;
    gap->n_core = 0;
  }
  gap->threshold = gap->lower;
  return MGG_OK;
}
