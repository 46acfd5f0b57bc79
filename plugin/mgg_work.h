// The one retry loop of the plugin for the core's functions that learn a buffer's size only while
// they run: the work_needed protocol of the periodic neighbour searches (mgg_neighbours.h) and
// the output capacities of mgg_neighbours_find_within() and mgg_eam_hessian_pattern().
#ifndef MGG_WORK_H
#define MGG_WORK_H

#include "mgg_status.h"

#include <cstddef>
#include <vector>

namespace mgg {

// Calls call(buf.data(), buf.size(), &need) (sizes in elements of T; for a work argument T is
// char: bytes, and std::vector<char>'s memory from operator new is aligned for double) until it
// no longer answers MGG_ERR_BUFFER_TOO_SMALL, growing buf to need plus an eighth between the
// calls (the slack spares a buffer reused over timesteps a second call when its needs creep up).
// Returns the last status: MGG_ERR_BUFFER_TOO_SMALL also when the function asks for no more than
// it had or still asks after max_calls calls, so that a broken protocol cannot loop forever.
template <class T, class Call>
mgg_status grow_until_fits(std::vector<T> &buf, Call &&call, int max_calls = 5)
{
  mgg_status st = MGG_ERR_BUFFER_TOO_SMALL;
  for (int k = 0; k < max_calls; k++) {
    size_t need = 0;
    st = call(buf.data(), buf.size(), &need);
    if (st != MGG_ERR_BUFFER_TOO_SMALL || need <= buf.size()) return st;
    buf.resize(need + need / 8);
  }
  return st;
}

}    // namespace mgg

#endif
