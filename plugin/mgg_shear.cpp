#include "mgg_shear.h"

#include "atom.h"
#include "domain.h"
#include "irregular.h"

#include "mgg_atoms.h"
#include "mgglass.h"

using namespace LAMMPS_NS;

namespace mgg {

void shear_affine(LAMMPS *lmp, int tilt_index, double strain)
{
  Domain *domain = lmp->domain;
  const int nlocal = lmp->atom->nlocal;
  domain->x2lamda(nlocal);
  const double length = tilt_index == 5 ? domain->yprd : domain->zprd;
  double &tilt = tilt_index == 5 ? domain->xy : tilt_index == 4 ? domain->xz : domain->yz;
  tilt += strain * length;
  domain->set_global_box();
  domain->set_local_box();
  domain->lamda2x(nlocal);
}

bool flip_box(LAMMPS *lmp)
{
  Atom *atom = lmp->atom;
  Domain *domain = lmp->domain;
  Box box = current_box(lmp);
  int flip[3];
  if (!mgg_aqs_flip_box(box.data(), flip)) return false;
  domain->xy = box[3];
  domain->xz = box[4];
  domain->yz = box[5];
  domain->set_global_box();
  domain->set_local_box();
  domain->image_flip(flip[0], flip[1], flip[2]);
  for (int i = 0; i < atom->nlocal; i++) domain->remap(atom->x[i], atom->image[i]);
  domain->x2lamda(atom->nlocal);
  Irregular irregular(lmp);
  irregular.migrate_atoms();
  domain->lamda2x(atom->nlocal);
  return true;
}

}    // namespace mgg
