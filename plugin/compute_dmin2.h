// compute ID group dmin2 cutoff [norm mean|sum] [reference fixed|previous] [search R]
// Falk-Langer non-affine displacement per atom; see doc/compute_dmin2.md.
#ifndef MGG_COMPUTE_DMIN2_H
#define MGG_COMPUTE_DMIN2_H

#include "compute.h"
#include "mgg_atoms.h"
#include "mgg_lammps_compat.h"
#include "mgglass.h"
#include "mgg_style_util.h"

#include <vector>

namespace LAMMPS_NS {

class ComputeDmin2 : public Compute {
 public:
  ComputeDmin2(class LAMMPS *, int, char **);
  ~ComputeDmin2() override;
  void init() override;
  void compute_peratom() override;
  void set_arrays(int) override;
  int pack_forward_comm(int, int *, double *, int, int *) override;
  void unpack_forward_comm(int, int, double *) override;
  double memory_usage() override;

 private:
  // reference x, y, z, neighbour count; with reference previous also the result of the last
  // evaluation (returned again while the configuration is unchanged)
  enum { STORE_X, STORE_Y, STORE_Z, STORE_NNEIGH, STORE_RESULT,
         STORE_NCOLS = STORE_RESULT + MGG_DMIN2_NCOLS };

  double cutoff;         // reference-neighbour cutoff
  double search;         // candidate search radius in the current configuration (0: default)
  double search_used;    // the radius in use after init()
  double longest_bond;   // longest current reference bond at the last evaluation (0: unknown)
  mgg_dmin2_norm norm;
  bool reference_previous;    // re-reference after every evaluation
  bool stored_results;        // reference previous: the store holds the last evaluation's result
  mgg_cell ref_cell;
  double ref_origin[3];       // boxlo of the reference
  bigint natoms_counted;      // atoms when the neighbour counts were last taken
  int ncreated;               // atoms created on this rank since the last evaluation
  int ncreated_unmapped;      // of which in a box that is no deformation of the reference box
  mgg_dmin2_params params;

  char *id_store;
  mgg::FixStorePerAtom *store;    // reference x, y, z and neighbour count; travels with atoms

  int nmax;
  double **result;        // per-atom output (nmax x MGG_DMIN2_NCOLS)
  double **sref_local;    // reference positions of owned and ghost atoms, fractional
  mgg::Candidates candidates;
  std::vector<int> count;
  std::vector<double> out;
  std::vector<char> work;    // of mgg_dmin2_compute()

  void take_reference();
  bool unchanged_since_reference() const;
  bigint fit(double radius, const mgg::StyleArgs &args, double *longest);
};

}    // namespace LAMMPS_NS

#endif
