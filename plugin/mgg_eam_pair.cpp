#include "mgg_eam_pair.h"

#include "MANYBODY/pair_eam.h"
#include "atom.h"
#include "force.h"

#include <string>
#include <vector>

using namespace LAMMPS_NS;

namespace mgg {

bool pair_is_eam(LAMMPS *lmp)
{
  const std::string style = lmp->force->pair_style;
  return dynamic_cast<PairEAM *>(lmp->force->pair) != nullptr && style.rfind("eam", 0) == 0 &&
         style.find("eam/cd") == std::string::npos && style.find("eam/he") == std::string::npos;
}

mgg_eam *eam_from_pair(LAMMPS *lmp, const StyleArgs &args)
{
  auto *pair = dynamic_cast<PairEAM *>(lmp->force->pair);
  Atom *atom = lmp->atom;
  const int nt = atom->ntypes;
  std::vector<const double *> frho(pair->nfrho), rhor(pair->nrhor), z2r(pair->nz2r);
  // LAMMPS tables are 1-based in the knot index
  for (int q = 0; q < pair->nfrho; q++) frho[q] = pair->frho[q] + 1;
  for (int q = 0; q < pair->nrhor; q++) rhor[q] = pair->rhor[q] + 1;
  for (int q = 0; q < pair->nz2r; q++) z2r[q] = pair->z2r[q] + 1;
  std::vector<int> frho_of(nt), rhor_of(nt * nt), z2r_of(nt * nt);
  std::vector<double> type_mass(nt, 1.0);
  for (int a = 0; a < nt; a++) {
    frho_of[a] = pair->type2frho[a + 1];
    if (atom->mass && atom->mass_setflag[a + 1]) type_mass[a] = atom->mass[a + 1];
    for (int b = 0; b < nt; b++) {
      rhor_of[a * nt + b] = pair->type2rhor[b + 1][a + 1];
      z2r_of[a * nt + b] = pair->type2z2r[a + 1][b + 1];
    }
  }
  const mgg_eam_tables tables = {nt, pair->nrho, pair->nr, pair->drho, pair->dr, pair->rhomax,
                                 pair->cutmax, pair->nfrho, pair->nrhor, pair->nz2r,
                                 frho.data(), rhor.data(), z2r.data(), frho_of.data(),
                                 rhor_of.data(), z2r_of.data(), type_mass.data()};
  mgg_eam *eam = nullptr;
  const mgg_status st = mgg_eam_from_tables(&tables, &eam);
  if (st != MGG_OK)
    args.fail(std::string("cannot use the tables of pair style ") + lmp->force->pair_style + ": " +
              mgg_status_message(st));
  return eam;
}

}    // namespace mgg
