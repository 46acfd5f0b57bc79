// Argument parsing and error reporting shared by all mgglass styles: every message starts with
// the style's name ("Compute dmin2: ...") so that users see which command failed and why.
#ifndef MGG_STYLE_UTIL_H
#define MGG_STYLE_UTIL_H

#include "pointers.h"

#include "mgg_dmin2.h"

#include <cstdio>
#include <string>
#include <vector>

namespace mgg {

// Where an error is found, as LAMMPS's FLERR, taken as a default argument: evaluated at the
// call site, so that messages cite the style's source line rather than this helper's.
struct SourceLine {
  SourceLine(const char *file = __builtin_FILE(), int line = __builtin_LINE()) :
      file(file), line(line)
  {
  }
  const char *file;
  int line;
};

class StyleArgs {
 public:
  // kind: "Compute" or "Fix"; style: the style name as typed in the input script.
  StyleArgs(LAMMPS_NS::LAMMPS *lmp, const std::string &kind, const std::string &style) :
      lmp(lmp), prefix(kind + " " + style + ": ")
  {
  }

  // an error that all ranks detect together (Error::all)
  [[noreturn]] void fail(const std::string &message, SourceLine where = {}) const;
  // an error found on one rank only, e.g. a status of the numerical core (Error::one)
  [[noreturn]] void fail_local(const std::string &message, SourceLine where = {}) const;

  // The value following keyword arg[iarg] (error when absent).
  const char *value_of(int narg, char **arg, int iarg, SourceLine where = {}) const;
  double positive_number(const std::string &what, const char *text, SourceLine where = {}) const;
  double non_negative_number(const std::string &what, const char *text,
                             SourceLine where = {}) const;
  int positive_integer(const std::string &what, const char *text, SourceLine where = {}) const;
  // Index of text in the null-terminated list choices (error listing the choices otherwise).
  int choice(const char *what, const char *text, const char *const *choices,
             SourceLine where = {}) const;
  // The value of a D2min keyword 'norm' (compute dmin2, fix frozen_atom_aqs): mean or sum.
  mgg_dmin2_norm dmin2_norm(const char *text, SourceLine where = {}) const;
  // A fix's restart data that start with its marker and layout version (written first by its
  // write_restart): the values after them; an error when they are another layout's.
  const double *restart_values(const char *buf, double marker, double version,
                               const std::string &fix_id, SourceLine where = {}) const;

 private:
  LAMMPS_NS::LAMMPS *lmp;
  std::string prefix;
};

// A fix's restart data as Fix::write_restart writes them (first rank): the size in bytes, then
// marker, version and values, which StyleArgs::restart_values reads back.
void write_restart_values(FILE *fp, double marker, double version, const std::vector<double> &values);

// Error unless argv[1] names an existing group; called by the style factories before the
// LAMMPS base class, whose own message would not name the style.
void require_group(LAMMPS_NS::LAMMPS *lmp, const std::string &kind, const std::string &style,
                   int argc, char **argv, SourceLine where = {});

// A duration for people: "40 s", "12 min" or "3.5 h".
std::string duration_text(double seconds);

}    // namespace mgg

#endif
