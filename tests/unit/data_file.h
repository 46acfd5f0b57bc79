/* The one reader of LAMMPS data files for the C and C++ test drivers and oracles: the header's
 * counts and box, and the Atoms section of atom_style atomic ("id type x y z [ix iy iz]", image
 * flags ignored); other sections are skipped. */
#ifndef MGG_TEST_DATA_FILE_H
#define MGG_TEST_DATA_FILE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  size_t n;          /* atoms */
  int n_types;
  double lo[3], hi[3];
  double xy, xz, yz; /* tilts, 0 for an orthogonal box */
  int *id;           /* [n] in file order: the ids 1 .. n, each once */
  int *type;         /* [n] 0-based */
  double *x;         /* [3 n] positions as in the file */
} data_file;

/* NULL on success, else what is wrong (static text); d is then empty.  Release with
 * data_file_free(). */
const char *data_file_read(const char *path, data_file *d);

void data_file_free(data_file *d);

#ifdef __cplusplus
}
#endif

#endif
