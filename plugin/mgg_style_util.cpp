#include "mgg_style_util.h"

#include "error.h"
#include "group.h"
#include "utils.h"

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace LAMMPS_NS;

namespace mgg {

void StyleArgs::fail(const std::string &message) const
{
  lmp->error->all(FLERR, prefix + message);
  throw;    // not reached: Error::all() does not return
}

void StyleArgs::fail_local(const std::string &message) const
{
  // Error::one writes the message to the screen and log file, then main() calls MPI_Abort, which
  // discards unflushed stdio buffers: LAMMPS 29 Sep 2021 (built with exceptions) does not flush
  // them, so a redirected stdout and log.lammps lost the message (4 Feb 2025 flushes them too).
  try {
    lmp->error->one(FLERR, prefix + message);
  } catch (...) {
    if (lmp->screen) fflush(lmp->screen);
    if (lmp->logfile) fflush(lmp->logfile);
    throw;
  }
  throw;    // not reached: Error::one() does not return
}

const char *StyleArgs::value_of(int narg, char **arg, int iarg) const
{
  if (iarg + 1 >= narg) fail(std::string("missing value after keyword '") + arg[iarg] + "'");
  return arg[iarg + 1];
}

// The number in text (error naming what unless it is a finite number).
static double finite_number(const StyleArgs &args, LAMMPS *lmp, const std::string &what, const char *text)
{
  if (!utils::is_double(text) && !utils::is_integer(text))
    args.fail(what + " must be a number, got '" + text + "'");
  const double value = utils::numeric(FLERR, text, false, lmp);
  if (!std::isfinite(value)) args.fail(what + " must be finite, got '" + text + "'");
  return value;
}

double StyleArgs::positive_number(const std::string &what, const char *text) const
{
  const double value = finite_number(*this, lmp, what, text);
  if (!(value > 0.0)) fail(what + " must be positive, got '" + text + "'");
  return value;
}

double StyleArgs::non_negative_number(const std::string &what, const char *text) const
{
  const double value = finite_number(*this, lmp, what, text);
  if (!(value >= 0.0)) fail(what + " must be zero or positive, got '" + text + "'");
  return value;
}

int StyleArgs::positive_integer(const std::string &what, const char *text) const
{
  if (!utils::is_integer(text) || utils::inumeric(FLERR, text, false, lmp) < 1)
    fail(what + " must be a positive integer, got '" + text + "'");
  return utils::inumeric(FLERR, text, false, lmp);
}

int StyleArgs::choice(const char *what, const char *text, const char *const *choices) const
{
  std::string allowed;
  for (int k = 0; choices[k]; k++) {
    if (strcmp(text, choices[k]) == 0) return k;
    allowed += std::string(k ? ", " : "") + choices[k];
  }
  fail(std::string(what) + " must be one of " + allowed + ", got '" + text + "'");
}

void require_group(LAMMPS *lmp, const std::string &kind, const std::string &style, int argc,
                   char **argv)
{
  StyleArgs args(lmp, kind, style);
  if (argc < 3) args.fail("missing arguments: " + kind + " ID group " + style + " ...");
  if (lmp->group->find(argv[1]) < 0)
    args.fail(std::string("group '") + argv[1] + "' does not exist");
}

}    // namespace mgg
