#include "mgg_style_util.h"

#include "error.h"
#include "group.h"
#include "utils.h"

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace LAMMPS_NS;

namespace mgg {

void StyleArgs::fail(const std::string &message, SourceLine where) const
{
  lmp->error->all(where.file, where.line, prefix + message);
  throw;    // not reached: Error::all() does not return
}

const double *StyleArgs::restart_values(const char *buf, double marker, double version,
                                        const std::string &fix_id, SourceLine where) const
{
  const double *v = reinterpret_cast<const double *>(buf);
  if (v[0] != marker || v[1] != version)
    fail(fmt::format("the restart data of fix {} are not of this layout (theirs {}, this one reads "
                     "{}): give this fix another ID to start a new count",
                     fix_id, v[0] == marker ? v[1] : 0.0, version),
         where);
  return v + 2;
}

void write_restart_values(FILE *fp, double marker, double version, const std::vector<double> &values)
{
  std::vector<double> v = {marker, version};
  v.insert(v.end(), values.begin(), values.end());
  const int size = static_cast<int>(v.size() * sizeof(double));
  fwrite(&size, sizeof(int), 1, fp);
  fwrite(v.data(), sizeof(double), v.size(), fp);
}

void StyleArgs::fail_local(const std::string &message, SourceLine where) const
{
  // Error::one writes the message to the screen and log file, then main() calls MPI_Abort, which
  // discards unflushed stdio buffers: LAMMPS 29 Sep 2021 (built with exceptions) does not flush
  // them, so a redirected stdout and log.lammps lost the message (4 Feb 2025 flushes them too).
  try {
    lmp->error->one(where.file, where.line, prefix + message);
  } catch (...) {
    if (lmp->screen) fflush(lmp->screen);
    if (lmp->logfile) fflush(lmp->logfile);
    throw;
  }
  throw;    // not reached: Error::one() does not return
}

const char *StyleArgs::value_of(int narg, char **arg, int iarg, SourceLine where) const
{
  if (iarg + 1 >= narg) fail(std::string("missing value after keyword '") + arg[iarg] + "'", where);
  return arg[iarg + 1];
}

// The number in text (error naming what unless it is a finite number). Parsed here, not by
// utils::numeric: LAMMPS 4 Feb 2025's stops at a number beyond the double range with a message
// that does not name the style, and 29 Sep 2021's is_double() takes text like "1e5e5".
static double finite_number(const StyleArgs &args, const std::string &what, const char *text,
                            SourceLine where)
{
  char *end = nullptr;
  const double value = std::strtod(text, &end);
  if (!utils::is_double(text) || end == text || *end != '\0')
    args.fail(what + " must be a number, got '" + text + "'", where);
  if (!std::isfinite(value)) args.fail(what + " must be finite, got '" + text + "'", where);
  return value;
}

double StyleArgs::positive_number(const std::string &what, const char *text, SourceLine where) const
{
  const double value = finite_number(*this, what, text, where);
  if (!(value > 0.0)) fail(what + " must be positive, got '" + text + "'", where);
  return value;
}

double StyleArgs::non_negative_number(const std::string &what, const char *text,
                                      SourceLine where) const
{
  const double value = finite_number(*this, what, text, where);
  if (!(value >= 0.0)) fail(what + " must be zero or positive, got '" + text + "'", where);
  return value;
}

// Parsed here for the same reason: utils::inumeric wraps around beyond int in 29 Sep 2021.
int StyleArgs::positive_integer(const std::string &what, const char *text, SourceLine where) const
{
  const long long value = utils::strmatch(text, "^[+-]?\\d+$") ? std::strtoll(text, nullptr, 10) : 0;
  if (value < 1 || value > INT_MAX)
    fail(what + " must be a positive integer, got '" + text + "'", where);
  return static_cast<int>(value);
}

int StyleArgs::choice(const char *what, const char *text, const char *const *choices,
                      SourceLine where) const
{
  std::string allowed;
  for (int k = 0; choices[k]; k++) {
    if (strcmp(text, choices[k]) == 0) return k;
    allowed += std::string(k ? ", " : "") + choices[k];
  }
  fail(std::string(what) + " must be one of " + allowed + ", got '" + text + "'", where);
}

mgg_dmin2_norm StyleArgs::dmin2_norm(const char *text, SourceLine where) const
{
  static const char *const NORMS[] = {"mean", "sum", nullptr};
  return choice("norm", text, NORMS, where) == 0 ? MGG_DMIN2_MEAN : MGG_DMIN2_SUM;
}

void require_group(LAMMPS *lmp, const std::string &kind, const std::string &style, int argc,
                   char **argv, SourceLine where)
{
  StyleArgs args(lmp, kind, style);
  if (argc < 3) args.fail("missing arguments: " + kind + " ID group " + style + " ...", where);
  if (lmp->group->find(argv[1]) < 0)
    args.fail(std::string("group '") + argv[1] + "' does not exist", where);
}

std::string duration_text(double seconds)
{
  if (seconds < 120.0) return fmt::format("{:.0f} s", seconds);
  if (seconds < 7200.0) return fmt::format("{:.0f} min", seconds / 60.0);
  return fmt::format("{:.1f} h", seconds / 3600.0);
}

}    // namespace mgg
