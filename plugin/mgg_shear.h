// Simple shear of a LAMMPS cell and its atoms for styles that strain the cell themselves (fix
// frozen_atom_aqs): the affine step as change_box ... remap takes it, and the flip of a box
// whose tilt has grown past half its length as fix deform flips it.
#ifndef MGG_SHEAR_H
#define MGG_SHEAR_H

#include "pointers.h"

namespace mgg {

// The tilt (3 yz, 4 xz, 5 xy, LAMMPS's virial order) grows by strain times the box length
// across the plane (ly for xy, lz for xz and yz); the owned atoms move with the cell.
void shear_affine(LAMMPS_NS::LAMMPS *lmp, int tilt_index, double strain);

// When a tilt exceeds half its box length (mgg_aqs_flip_box()), flips the box, remaps the
// owned atoms and their image flags into it and migrates them to their new ranks (their local
// order changes); returns whether it flipped.  Called by all ranks together.
bool flip_box(LAMMPS_NS::LAMMPS *lmp);

}    // namespace mgg

#endif
