// Every LAMMPS API difference the plugin meets, behind one shim each, selected by the version of
// the LAMMPS headers the plugin is compiled against.  CMake reads that version from the source
// tree's version.h ("4 Feb 2025" -> 20250204), refuses versions outside the tested range and
// passes it as LAMMPS_VERSION_NUMBER.  Tested: 29 Sep 2021 (update 2) and 4 Feb 2025; the
// thresholds between them are the releases that made each change.  (Neighbour searches are done
// in src/, so the neighbour-request API that changed in 2022 is not used.)
#ifndef MGG_LAMMPS_COMPAT_H
#define MGG_LAMMPS_COMPAT_H

#include "comm.h"
#include "compute.h"
#include "fix.h"
#include "modify.h"

#include <string>

#ifndef LAMMPS_VERSION_NUMBER
#error "LAMMPS_VERSION_NUMBER is not set: build the plugin with its CMakeLists.txt"
#endif

// 24 Mar 2022: Comm::forward_comm_compute(Compute *) etc. became forward_comm(Compute *)
#define MGG_LAMMPS_COMM_OVERLOADS (LAMMPS_VERSION_NUMBER >= 20220324)
// 8 Feb 2023: FixStore was split into FixStoreAtom and FixStoreGlobal
#define MGG_LAMMPS_FIX_STORE_ATOM (LAMMPS_VERSION_NUMBER >= 20230208)

#if MGG_LAMMPS_FIX_STORE_ATOM
#include "fix_store_atom.h"
#else
#include "fix_store.h"
#endif

namespace mgg {

#if MGG_LAMMPS_FIX_STORE_ATOM
using FixStorePerAtom = LAMMPS_NS::FixStoreAtom;
#else
using FixStorePerAtom = LAMMPS_NS::FixStore;
#endif

// Sends the compute's per-atom data of owned atoms to their ghost copies.
inline void forward_comm(LAMMPS_NS::Comm *comm, LAMMPS_NS::Compute *compute)
{
#if MGG_LAMMPS_COMM_OVERLOADS
  comm->forward_comm(compute);
#else
  comm->forward_comm_compute(compute);
#endif
}

// Sums the fix's per-atom data of ghost atoms (size doubles each) into their owners.
inline void reverse_comm(LAMMPS_NS::Comm *comm, LAMMPS_NS::Fix *fix, int size)
{
#if MGG_LAMMPS_COMM_OVERLOADS
  comm->reverse_comm(fix, size);
#else
  comm->reverse_comm_fix(fix, size);
#endif
}

// Adds an internal per-atom store of ncols doubles that travels with the atoms (not in restarts).
inline FixStorePerAtom *add_peratom_store(LAMMPS_NS::Modify *modify, const std::string &id,
                                          const std::string &group, int ncols)
{
#if MGG_LAMMPS_FIX_STORE_ATOM
  return dynamic_cast<FixStorePerAtom *>(
      modify->add_fix(id + " " + group + " STORE/ATOM " + std::to_string(ncols) + " 0 0 0"));
#else
  return dynamic_cast<FixStorePerAtom *>(
      modify->add_fix(id + " " + group + " STORE peratom 0 " + std::to_string(ncols)));
#endif
}

}    // namespace mgg

#endif
