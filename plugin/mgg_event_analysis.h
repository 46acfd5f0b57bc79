// The analysis of one AQS event for fix frozen_atom_aqs (not a style): D2min over the event,
// the clusters of the atoms above a D2min threshold, bonds broken and formed during the
// relaxation (local configurational excitations, seed 002) and the change of the per-atom von
// Mises stress.  The algorithms are the core's mgg_aqs_event_analysis(); this gathers the atoms
// to rank 0, calls it there and sends each rank its atoms' results.
#ifndef MGG_EVENT_ANALYSIS_H
#define MGG_EVENT_ANALYSIS_H

#include "mgglass.h"
#include "pointers.h"

#include "mgg_style_util.h"

#include <vector>

namespace mgg {

struct EventAnalysisParams {
  double dmin2_cutoff = 3.8;      // neighbours of the D2min fit, in the configuration before
  double d2min_threshold = 0.18;  // atoms with D2min above this (length^2) are flagged
  mgg_dmin2_norm d2min_norm = MGG_DMIN2_MEAN;  // D2min the mean or the sum over the neighbours
  double cluster_cutoff = 3.8;    // flagged atoms closer than this (after) are one cluster
  // bond cutoffs, ntypes x ntypes values: the pair of LAMMPS types a, b at (a-1) ntypes + (b-1),
  // symmetric; the default is for 2 types, Cu = 1 and Zr = 2 (seed 002: Cu-Cu 3.05,
  // Cu-Zr 3.75, Zr-Zr 4.35 A); any other number of types needs its own
  std::vector<double> bond_cutoff = {MGG_AQS_LCE_CUTOFF_CUCU, MGG_AQS_LCE_CUTOFF_CUZR,
                                     MGG_AQS_LCE_CUTOFF_CUZR, MGG_AQS_LCE_CUTOFF_ZRZR};
  double hysteresis = MGG_AQS_LCE_HYSTERESIS;  // a bond changes when its length changes by more
};

struct EventSummary {
  long n_above = 0;                 // atoms with D2min > d2min_threshold
  std::vector<long> cluster_sizes;  // the sizes of their clusters, descending
};

// The keywords of the analysis in a style's arguments: d2min cutoff threshold, norm mean|sum,
// cluster cutoff, hysteresis h, bond type type cutoff (repeated; the first replaces the default cutoffs by
// zeros for the atom types of the run, bonds_given records it).  When arg[iarg] is one of
// them, reads its values into p and returns how many arguments it took; 0 otherwise.
int parse_event_keyword(const StyleArgs &args, LAMMPS_NS::LAMMPS *lmp, int narg, char **arg,
                        int iarg, EventAnalysisParams &p, bool &bonds_given);

// The checks analyse_event() makes of p against the cell box = {lx, ly, lz, xy, xz, yz} (error
// naming the keyword otherwise), for a check at run start rather than at the first event.
void check_event_params(LAMMPS_NS::LAMMPS *lmp, const EventAnalysisParams &p,
                        const double box[6]);

// Where the inputs and outputs live in the caller's per-atom rows (row[i] of local atom i):
// the first of 3 (positions) or 6 (stresses) columns, or the column of an output.
struct EventColumns {
  int x_before, x_start, stress_before, stress_after;           // inputs
  int d2min, n_neighbours, broken, formed, von_mises_change, cluster;  // outputs
};

// Called by all ranks together on the local atoms in LAMMPS's order (rows[i] and out_rows[i]
// of atom->x[i]: the inputs' columns in rows, the outputs' in out_rows),
// lengths in LAMMPS length units (metal: A).  Inputs:
//  x_before: the relaxed state before the event's strain step, in the cell
//            box_before = {lx, ly, lz, xy, xz, yz};
//  x_start:  that state strained affinely by the step (in the cell after);
//  atom->x:  relaxed after the step, in box_after;
//  stress_before, stress_after: xx yy zz xy xz yz, in any one unit.
// Outputs: d2min (D2min from before to after, the mean or (Falk and Langer's) sum over the
// neighbours within dmin2_cutoff before, as p.d2min_norm; 0 for an atom with fewer than 3
// neighbours or a singular fit), n_neighbours (their number N_i), broken
// and formed (bonds of the atom broken and formed from start to after), von_mises_change (von
// Mises of stress_after minus that of stress_before) and cluster (-1 below the threshold, else
// the rank of the atom's cluster by size, 0 the largest).  Positions may be any periodic
// images.  The summary is the same on every rank.  Errors (bad parameters, a cell too small
// for the cutoffs and the atoms' motion) go through error->all with messages starting
// "Fix frozen_atom_aqs: ".
EventSummary analyse_event(LAMMPS_NS::LAMMPS *lmp, const EventAnalysisParams &p, double **rows,
                           double **out_rows, const EventColumns &col, const double box_before[6],
                           const double box_after[6]);

}    // namespace mgg

#endif
