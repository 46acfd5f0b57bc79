/* The work_needed protocol of the core's functions that find their own periodic neighbours
 * (mgg_neighbours.h): call, grow the buffer to what was asked, call again.
 * For the unit tests and drivers:
 *   work_buffer w = {0};
 *   mgg_status st;
 *   do st = f(..., w.work, w.len, &w.need, ...); while (work_buffer_retry(&w, st));
 *   ... free(w.work); */
#ifndef MGG_TEST_WORK_BUFFER_H
#define MGG_TEST_WORK_BUFFER_H

#include <stdlib.h>

#include "mgglass.h"

typedef struct {
  void *work;
  size_t len, need;
  int calls; /* calls that asked for more */
} work_buffer;

/* 1 when st asks for more workspace and the buffer grew to it; 0 otherwise (also when the
 * function asked for no more than it had, which would loop forever, or realloc failed) */
static inline int work_buffer_retry(work_buffer *w, mgg_status st)
{
  if (st != MGG_ERR_BUFFER_TOO_SMALL || w->need <= w->len) return 0;
  void *grown = realloc(w->work, w->need);
  if (!grown) return 0;
  w->work = grown;
  w->len = w->need;
  w->calls++;
  return 1;
}

#endif
