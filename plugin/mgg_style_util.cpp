#include "mgg_style_util.h"

#include "error.h"
#include "group.h"
#include "utils.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
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
  lmp->error->one(FLERR, prefix + message);
  throw;    // not reached: Error::one() does not return
}

const char *StyleArgs::value_of(int narg, char **arg, int iarg) const
{
  if (iarg + 1 >= narg) fail(std::string("missing value after keyword '") + arg[iarg] + "'");
  return arg[iarg + 1];
}

// The number in text (error naming what unless it is a finite number).  strtod, not
// utils::numeric: LAMMPS 4 Feb 2025 stops on out-of-range numbers with its own message.
static double finite_number(const StyleArgs &args, const std::string &what, const char *text)
{
  if (!utils::is_double(text) && !utils::is_integer(text))
    args.fail(what + " must be a number, got '" + text + "'");
  const double value = std::strtod(text, nullptr);
  if (!std::isfinite(value)) args.fail(what + " must be finite, got '" + text + "'");
  return value;
}

double StyleArgs::positive_number(const std::string &what, const char *text) const
{
  const double value = finite_number(*this, what, text);
  if (!(value > 0.0)) fail(what + " must be positive, got '" + text + "'");
  return value;
}

double StyleArgs::non_negative_number(const std::string &what, const char *text) const
{
  const double value = finite_number(*this, what, text);
  if (!(value >= 0.0)) fail(what + " must be zero or positive, got '" + text + "'");
  return value;
}

int StyleArgs::positive_integer(const std::string &what, const char *text) const
{
  errno = 0;
  const long long value = utils::is_integer(text) ? std::strtoll(text, nullptr, 10) : 0;
  if (value < 1 || value > INT_MAX || errno == ERANGE)
    fail(what + " must be a positive integer, got '" + text + "'");
  return static_cast<int>(value);
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
