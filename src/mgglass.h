/* mgglass: numerical core of the metallic-glass analysis plugin for LAMMPS.
 *
 * The public header of the C11 core (no LAMMPS, no MPI): it includes the header of every module
 * (mgg_<module>.h, declaring what src/mgg_<module>.c defines), each of which may also be
 * included alone.  Conventions:
 *  - public names carry their module's prefix, mgg_<module>_* and MGG_<MODULE>_* (the status
 *    codes MGG_OK and MGG_ERR_* of mgg_status.h are shared by all);
 *  - every function returns an mgg_status; mgg_status_message() turns it into text;
 *  - all buffers are owned by the caller and passed with their sizes;
 *  - scratch memory is one argument pair void *work, size_t work_len in bytes (any allocation
 *    aligned for double, e.g. malloc), sized by mgg_<module>_<function>_work_size() (0 for sizes
 *    out of range); a shorter work gives MGG_ERR_BUFFER_TOO_SMALL.  Functions that search for
 *    their own periodic neighbours learn the size only while searching and report it in
 *    *work_needed (the protocol of mgg_neighbours_find_within_periodic(), mgg_neighbours.h).
 *    Two allocate: the EAM tables (mgg_eam.h) and the sparse eigensolver (mgg_modes.h), each
 *    saying why;
 *  - positions are flat arrays of 3 doubles per point (x0 y0 z0 x1 y1 z1 ...);
 *  - no global state: functions may run concurrently on different data.
 */
#ifndef MGGLASS_H
#define MGGLASS_H

#include "mgg_aqs.h"
#include "mgg_artn.h"
#include "mgg_cell.h"
#include "mgg_cg.h"
#include "mgg_cluster.h"
#include "mgg_dmin2.h"
#include "mgg_eam.h"
#include "mgg_fire.h"
#include "mgg_flexvol.h"
#include "mgg_lanczos.h"
#include "mgg_modes.h"
#include "mgg_neighbours.h"
#include "mgg_s2.h"
#include "mgg_status.h"
#include "mgg_vdos.h"
#include "mgg_voronoi.h"

#endif
