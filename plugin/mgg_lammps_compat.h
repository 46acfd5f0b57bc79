// The few LAMMPS calls whose API changed after the stable release of 29 Sep 2021, behind one
// shim each.  CMake sets MGG_LAMMPS_NEW_FORWARD_COMM / MGG_LAMMPS_FIX_STORE_ATOM by inspecting
// the LAMMPS headers the plugin is built against.  (Neighbour searches are done in src/, so the
// neighbour-request API that changed in 2022 is not used.)
#ifndef MGG_LAMMPS_COMPAT_H
#define MGG_LAMMPS_COMPAT_H

#include "comm.h"
#include "compute.h"
#include "modify.h"

#include <string>

#ifdef MGG_LAMMPS_FIX_STORE_ATOM
#include "fix_store_atom.h"
#else
#include "fix_store.h"
#endif

namespace mgg {

#ifdef MGG_LAMMPS_FIX_STORE_ATOM
using FixStorePerAtom = LAMMPS_NS::FixStoreAtom;
#else
using FixStorePerAtom = LAMMPS_NS::FixStore;
#endif

inline void forward_comm(LAMMPS_NS::Comm *comm, LAMMPS_NS::Compute *compute)
{
#ifdef MGG_LAMMPS_NEW_FORWARD_COMM
  comm->forward_comm(compute);
#else
  comm->forward_comm_compute(compute);
#endif
}

// Adds an internal per-atom store of ncols doubles that travels with the atoms (not in restarts).
inline FixStorePerAtom *add_peratom_store(LAMMPS_NS::Modify *modify, const std::string &id,
                                          const std::string &group, int ncols)
{
#ifdef MGG_LAMMPS_FIX_STORE_ATOM
  return dynamic_cast<FixStorePerAtom *>(
      modify->add_fix(id + " " + group + " STORE/ATOM " + std::to_string(ncols) + " 0 0 0"));
#else
  return dynamic_cast<FixStorePerAtom *>(
      modify->add_fix(id + " " + group + " STORE peratom 0 " + std::to_string(ncols)));
#endif
}

}    // namespace mgg

#endif
