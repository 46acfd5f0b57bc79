/* mgglass: numerical core of the metallic-glass analysis plugin for LAMMPS.
 *
 * The public header of the C11 core (no LAMMPS, no MPI): it includes the header of every module
 * (mgg_<module>.h, declaring what src/mgg_<module>.c defines), each of which may also be
 * included alone.  Conventions:
 *  - every function returns an mgg_status; mgg_status_message() turns it into text;
 *  - all buffers are owned by the caller and passed with their sizes;
 *  - positions are flat arrays of 3 doubles per point (x0 y0 z0 x1 y1 z1 ...);
 *  - no global state: functions may run concurrently on different data.
 */
#ifndef MGGLASS_H
#define MGGLASS_H

#include "mgg_aqs.h"
#include "mgg_artn.h"
#include "mgg_cluster.h"
#include "mgg_dmin2.h"
#include "mgg_eam.h"
#include "mgg_flexvol.h"
#include "mgg_geom.h"
#include "mgg_lanczos.h"
#include "mgg_min.h"
#include "mgg_modes.h"
#include "mgg_neighbours.h"
#include "mgg_s2.h"
#include "mgg_status.h"
#include "mgg_vdos.h"
#include "mgg_voronoi.h"

#endif
