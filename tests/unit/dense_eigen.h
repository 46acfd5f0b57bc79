/* All eigenpairs of a dense symmetric matrix by LAPACK dsyev, the independent reference of the
 * unit tests of iterative eigensolvers and saddle searches. */
#ifndef MGG_TEST_DENSE_EIGEN_H
#define MGG_TEST_DENSE_EIGEN_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

extern void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                   double *w, double *work, const int *lwork, int *info, size_t, size_t);

/* a (n x n, overwritten by the vectors, column k the k-th eigenvector), eigenvalues ascending
 * in w */
static inline void dense_eigen(int n, double *a, double *w)
{
  int lwork = -1, info = 0;
  double query;
  dsyev_("V", "U", &n, a, &n, w, &query, &lwork, &info, 1, 1);
  lwork = (int) query;
  double *work = malloc((size_t) lwork * sizeof(double));
  assert_non_null(work);
  dsyev_("V", "U", &n, a, &n, w, work, &lwork, &info, 1, 1);
  assert_int_equal(info, 0);
  free(work);
}

#endif
