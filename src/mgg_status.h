/* mgglass core: status codes of every function and their messages. */
#ifndef MGG_STATUS_H
#define MGG_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MGG_OK = 0,
  MGG_ERR_NULL_ARGUMENT,  /* a required pointer was NULL */
  MGG_ERR_BAD_ARGUMENT,   /* a size or parameter is out of range */
  MGG_ERR_SINGULAR_CELL,  /* the cell vectors are (nearly) linearly dependent */
  MGG_ERR_BAD_INDEX,      /* a neighbour index is outside the point array */
  MGG_ERR_BUFFER_TOO_SMALL, /* a caller buffer is too small; the required size was returned */
  MGG_ERR_FILE,            /* a file is missing, unreadable, malformed or lacks what was asked */
  MGG_ERR_NO_MEMORY,       /* an allocation failed */
  MGG_ERR_NOT_CONVERGED    /* an iterative or eigen solver did not converge */
} mgg_status;

/* Static, never NULL; "unknown status" for values outside the enumeration. */
const char *mgg_status_message(mgg_status status);

#ifdef __cplusplus
}
#endif

#endif
