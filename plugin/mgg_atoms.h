// What every mgglass style needs from LAMMPS's atoms: the box as a core cell, the ghost-atom
// cutoff, candidate neighbours of the owned group atoms among owned and ghost atoms, and a fix's
// per-atom arrays that travel with the atoms.
#ifndef MGG_ATOMS_H
#define MGG_ATOMS_H

#include "mgg_style_util.h"
#include "mgglass.h"
#include "pointers.h"

#include <array>
#include <vector>

namespace mgg {

// The current LAMMPS box as a core cell.
mgg_cell current_cell(LAMMPS_NS::LAMMPS *lmp);

// The current box's parameters {lx, ly, lz, xy, xz, yz} (mgg_cell_from_lammps()).
using Box = std::array<double, 6>;
Box current_box(LAMMPS_NS::LAMMPS *lmp);

// Distance up to which ghost atoms exist: pair cutoff + skin, or comm_modify cutoff if larger.
double ghost_cutoff(LAMMPS_NS::LAMMPS *lmp);

// Brings the ghost atoms' positions up to date with the owned atoms and the box.  A fix may
// change the box and remap the owned atoms after the step's communication (fix deform and
// press/berendsen do so in end_of_step, before output invokes computes), which leaves ghosts at
// images of the old box.  Every style that reads ghost positions calls this first: one forward
// communication, cheap beside any of the styles, and a no-op when the ghosts are current.
void refresh_ghost_positions(LAMMPS_NS::LAMMPS *lmp);

// Error unless value (named what, e.g. "cutoff"), rounded up to 0.001, fits within the
// ghost-atom cutoff; the message gives the comm_modify command that makes it fit.
void require_within_ghost_cutoff(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp, const char *what,
                                 double value);

// Candidate neighbours in compressed rows: for the owned atoms of a group (the centres), every
// owned or ghost atom within a radius now.
class Candidates {
 public:
  std::vector<int> centre;    // local indices of the centres
  std::vector<size_t> start;  // centre k's candidates: index[start[k]] .. index[start[k+1]-1]
  std::vector<int> index;     // local indices (owned or ghost)

  void set_centres(LAMMPS_NS::LAMMPS *lmp, int groupbit);
  void find(LAMMPS_NS::LAMMPS *lmp, double radius, const StyleArgs &args);
  mgg_neighbours view() const { return {centre.size(), centre.data(), start.data(), index.data()}; }
  double memory_usage() const;

 private:
  std::vector<char> work; // bytes, for mgg_neighbours_find_within()
};

// A fix's per-atom arrays, each of its own width, that travel with the atoms when they change
// processes: the fix's grow_arrays, copy_arrays, pack_exchange and unpack_exchange call
// grow, copy, pack and unpack, and its maxexchange is width().  Parts of a fix (the relaxation
// driver, remembered states) add their arrays when they are made, before the first grow.
class AtomArrays {
 public:
  explicit AtomArrays(LAMMPS_NS::LAMMPS *lmp) : lmp(lmp) {}
  ~AtomArrays();
  AtomArrays(const AtomArrays &) = delete;
  AtomArrays &operator=(const AtomArrays &) = delete;

  // A new array of width doubles per atom; returns its index for operator[].
  int add(int width);
  // Array k (valid until the next grow).
  double **operator[](int k) const { return arrays[k].data; }
  // doubles per atom of all arrays together
  int width() const;

  void grow(int nmax);
  void copy(int i, int j);
  int pack(int i, double *buf) const;
  int unpack(int nlocal, const double *buf);
  double memory_usage() const;

 private:
  struct Array {
    int width;
    double **data;
  };
  LAMMPS_NS::LAMMPS *lmp;
  std::vector<Array> arrays;
};

}    // namespace mgg

#endif
