// The few LAMMPS calls whose API changed after the stable release of 29 Sep 2021, behind one
// shim each.  CMake sets MGG_LAMMPS_NEW_NEIGH_API / MGG_LAMMPS_NEW_FORWARD_COMM /
// MGG_LAMMPS_FIX_STORE_ATOM by inspecting the LAMMPS headers the plugin is built against.
#ifndef MGG_LAMMPS_COMPAT_H
#define MGG_LAMMPS_COMPAT_H

#include "comm.h"
#include "compute.h"
#include "modify.h"
#include "neigh_request.h"
#include "neighbor.h"

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

// Requests a full, occasional neighbour list with its own cutoff for a compute.
inline void request_full_occasional(LAMMPS_NS::Neighbor *neighbor, LAMMPS_NS::Compute *compute,
                                    int instance, double cutoff)
{
#ifdef MGG_LAMMPS_NEW_NEIGH_API
  (void) instance;
  auto *req = neighbor->add_request(compute, LAMMPS_NS::NeighConst::REQ_FULL |
                                                 LAMMPS_NS::NeighConst::REQ_OCCASIONAL);
  req->set_cutoff(cutoff);
#else
  int irequest = neighbor->request(compute, instance);
  neighbor->requests[irequest]->pair = 0;
  neighbor->requests[irequest]->compute = 1;
  neighbor->requests[irequest]->half = 0;
  neighbor->requests[irequest]->full = 1;
  neighbor->requests[irequest]->occasional = 1;
  neighbor->requests[irequest]->cut = 1;
  neighbor->requests[irequest]->cutoff = cutoff;
#endif
}

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
