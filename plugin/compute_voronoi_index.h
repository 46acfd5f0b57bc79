// compute ID group voronoi_index [face_area A] [face_fraction F] [edge_length L]
//         [favoured_cn n_1 ... n_Ntypes] [radius r_1 ... r_Ntypes] [global yes [top N]] [search R]
// Voronoi cell per atom (volume, coordination, index <n3..n7>, motif class); with global yes also
// motif fractions and the most frequent indices per type; see doc/compute_voronoi_index.md.
#ifndef MGG_COMPUTE_VORONOI_INDEX_H
#define MGG_COMPUTE_VORONOI_INDEX_H

#include "compute.h"
#include "mgg_atoms.h"
#include "mgglass.h"

#include <array>
#include <vector>

namespace LAMMPS_NS {

class ComputeVoronoiIndex : public Compute {
 public:
  // per-atom columns (c_ID[k] is column k - 1)
  enum { COL_VOLUME, COL_CN, COL_N3, COL_N7 = COL_N3 + 4, COL_MOTIF, COL_AREA, NCOLS };
  // columns of the global array: type, CN, n3..n7, count, fraction
  enum { ROW_TYPE, ROW_CN, ROW_N3, ROW_COUNT = ROW_N3 + 5, ROW_FRACTION, ROW_NCOLS };

  ComputeVoronoiIndex(class LAMMPS *, int, char **);
  ~ComputeVoronoiIndex() override;
  void init() override;
  void compute_peratom() override;
  void compute_vector() override;
  void compute_array() override;
  double memory_usage() override;

 private:
  // (type, CN, n3, n4, n5, n6, n7): the key of the table of frequent indices
  using IndexKey = std::array<int, 7>;

  mgg_voronoi_params params;
  std::vector<int> favoured_cn;     // per type (index 1..ntypes); empty: species-blind rule
  std::vector<double> type_radius;  // per type (index 1..ntypes); empty: plain Voronoi
  int top;                          // rows per type in the global array
  bool top_given;
  bool global;                      // global vector and array as well as the per-atom array
  double search;                    // fixed candidate search radius (0: adaptive)

  int nmax;
  double **result;                   // per-atom output (nmax x NCOLS)
  std::vector<double> point_radius;  // radius of every owned and ghost atom
  mgg::Candidates candidates;
  std::vector<double> work;
  std::vector<mgg_voronoi_cell> cells;
  double *motif_fraction;            // global vector
  double **table;                    // global array

  bigint tessellate(double radius, const mgg::StyleArgs &args);
  void refuse_coincident(const mgg::StyleArgs &args);
  void ensure_peratom();
  std::vector<std::pair<IndexKey, bigint>> global_index_counts();
};

}    // namespace LAMMPS_NS

#endif
