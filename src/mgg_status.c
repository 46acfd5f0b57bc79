#include "mgglass.h"

const char *mgg_status_message(mgg_status status)
{
  switch (status) {
  case MGG_OK: return "success";
  case MGG_ERR_NULL_ARGUMENT: return "a required pointer argument is NULL";
  case MGG_ERR_BAD_ARGUMENT: return "a size or parameter is out of range";
  case MGG_ERR_SINGULAR_CELL: return "the cell vectors are linearly dependent";
  case MGG_ERR_BAD_INDEX: return "a neighbour index is outside the point array";
  case MGG_ERR_BUFFER_TOO_SMALL: return "a caller-supplied buffer is too small";
  case MGG_ERR_FILE: return "a file is missing, unreadable or malformed";
  case MGG_ERR_NO_MEMORY: return "out of memory";
  case MGG_ERR_NOT_CONVERGED: return "a solver did not converge";
  }
  return "unknown status";
}
