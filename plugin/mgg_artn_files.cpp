#include "mgg_artn_files.h"

#include "comm.h"
#include "domain.h"
#include "fmt/format.h"
#include "lammps.h"
#include "utils.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// the event file's columns, in the order of its lines
const char *const COLUMNS =
    "search atom type status E_act eigenvalue_1 eigenvalue_2 max_force force_evaluations "
    "displacement atoms_moved duplicate_of seed full_evaluations local_calls local_status "
    "refine_shift basin_steps activation_steps retries E_final";

// the first rank's text to every rank
void broadcast(LAMMPS *lmp, std::string &text)
{
  long long size = static_cast<long long>(text.size());
  MPI_Bcast(&size, 1, MPI_LONG_LONG, 0, lmp->world);
  text.resize(static_cast<size_t>(size));
  if (size) MPI_Bcast(&text[0], static_cast<int>(size), MPI_CHAR, 0, lmp->world);
}

}    // namespace

std::string artn_event_header(bool local, uint64_t seed, bool force_norm)
{
  return fmt::format("# fix artn: mode {}, seed {}; E_act (eV), eigenvalues (eV/A^2), max_force "
                     "(eV/A, {}), force_evaluations (whole-system equivalents), displacement (A)\n"
                     "# {}\n",
                     local ? "local" : "full", seed, force_norm ? "2-norm" : "largest component",
                     COLUMNS);
}

ArtnEventFile read_artn_events(LAMMPS *lmp, const StyleArgs &args, const std::string &path)
{
  std::string text;
  if (lmp->comm->me == 0) {
    std::ifstream in(path, std::ios::binary);
    if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  broadcast(lmp, text);
  ArtnEventFile file;
  if (text.empty()) return file;
  file.found = true;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  char mode[16] = "";
  unsigned long long seed = 0;
  if (sscanf(line.c_str(), "# fix artn: mode %15[a-z], seed %llu", mode, &seed) != 2 ||
      (strcmp(mode, "local") != 0 && strcmp(mode, "full") != 0))
    args.fail(fmt::format("{} exists but is not an event file of fix artn (its first line is "
                          "'{}'): give another file name",
                          path, line.substr(0, 60)));
  file.local = strcmp(mode, "local") == 0;
  file.seed = seed;
  std::getline(in, line);
  const std::vector<std::string> names = utils::split_words(line.substr(std::min<size_t>(2, line.size())));
  if (names != utils::split_words(COLUMNS))
    args.fail(fmt::format("event file {} has other columns than this version of fix artn writes "
                          "(an earlier version's?): give another file name",
                          path));
  const auto column = [&](const std::string &name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      args.fail(fmt::format("event file {} has no column '{}' in its second line", path, name));
    return static_cast<size_t>(it - names.begin());
  };
  const size_t c_search = column("search"), c_atom = column("atom"), c_status = column("status"),
               c_eact = column("E_act"), c_cost = column("force_evaluations"),
               c_duplicate = column("duplicate_of");
  std::set<bigint> seen;
  for (int number = 3; std::getline(in, line); number++) {
    const std::vector<std::string> w = utils::split_words(line);
    if (w.empty()) continue;
    const auto bad = [&](const std::string &why) {
      args.fail(fmt::format("event file {} line {}: {} (a line cut short by a stopped run: "
                            "delete it to redo that search)",
                            path, number, why));
    };
    if (w.size() != names.size()) bad(fmt::format("{} columns, expected {}", w.size(), names.size()));
    ArtnEvent e;
    try {
      e.search = std::stoll(w[c_search]);
      e.atom = static_cast<tagint>(std::stoll(w[c_atom]));
      e.duplicate_of = std::stoll(w[c_duplicate]);
      e.e_act = std::stod(w[c_eact]);
      e.cost = std::stod(w[c_cost]);
    } catch (const std::exception &) {
      bad("not a number where one is expected");
    }
    e.status = w[c_status];
    if (e.search < 1 || !seen.insert(e.search).second)
      bad(fmt::format("search number {} repeated or not positive", e.search));
    file.events.push_back(e);
  }
  return file;
}

void write_artn_saddle(LAMMPS *lmp, FILE *file, bigint k, const std::vector<tagint> &tags,
                       const std::vector<int> &types, const std::vector<double> &x)
{
  Domain *d = lmp->domain;
  fprintf(file, "ITEM: TIMESTEP\n" BIGINT_FORMAT "\nITEM: NUMBER OF ATOMS\n%zu\n", k, tags.size());
  if (d->triclinic) {
    const double xlo = d->boxlo[0] + std::min({0.0, d->xy, d->xz, d->xy + d->xz});
    const double xhi = d->boxhi[0] + std::max({0.0, d->xy, d->xz, d->xy + d->xz});
    const double ylo = d->boxlo[1] + std::min(0.0, d->yz), yhi = d->boxhi[1] + std::max(0.0, d->yz);
    fprintf(file, "ITEM: BOX BOUNDS xy xz yz pp pp pp\n%.16g %.16g %.16g\n%.16g %.16g %.16g\n%.16g %.16g %.16g\n",
            xlo, xhi, d->xy, ylo, yhi, d->xz, d->boxlo[2], d->boxhi[2], d->yz);
  } else
    fprintf(file, "ITEM: BOX BOUNDS pp pp pp\n%.16g %.16g\n%.16g %.16g\n%.16g %.16g\n",
            d->boxlo[0], d->boxhi[0], d->boxlo[1], d->boxhi[1], d->boxlo[2], d->boxhi[2]);
  fprintf(file, "ITEM: ATOMS id type x y z\n");
  for (size_t j = 0; j < tags.size(); j++) {
    double y[3] = {x[3 * j], x[3 * j + 1], x[3 * j + 2]};
    d->remap(y);
    fprintf(file, TAGINT_FORMAT " %d %.16g %.16g %.16g\n", tags[j], types[j], y[0], y[1], y[2]);
  }
  fflush(file);
}

std::map<bigint, std::vector<double>> read_artn_saddles(LAMMPS *lmp, const StyleArgs &args,
                                                        const std::string &path,
                                                        const std::vector<bigint> &wanted,
                                                        const std::vector<tagint> &tags,
                                                        const std::vector<double> &x0,
                                                        const mgg_cell &cell)
{
  const size_t n = tags.size();
  std::map<bigint, std::vector<double>> frames;
  std::string error;
  if (lmp->comm->me == 0) {
    const std::set<bigint> want(wanted.begin(), wanted.end());
    std::ifstream in(path);
    std::string line;
    bigint step = -1;
    while (in && error.empty() && std::getline(in, line)) {
      if (line.rfind("ITEM: TIMESTEP", 0) == 0) {
        in >> step;
      } else if (line.rfind("ITEM: ATOMS", 0) == 0) {
        const bool keep = want.count(step) > 0;
        std::vector<double> x(keep ? 3 * n : 0);
        for (size_t j = 0; j < n && error.empty(); j++) {
          tagint id;
          int type;
          double y[3];
          if (!(in >> id >> type >> y[0] >> y[1] >> y[2]))
            error = fmt::format("saddle dump {}: frame {} cut short", path, step);
          else if (keep) {
            const auto it = std::lower_bound(tags.begin(), tags.end(), id);
            if (it == tags.end() || *it != id)
              error = fmt::format("saddle dump {}: frame {} has atom ID {} that this system "
                                  "does not", path, step, id);
            else
              std::copy_n(y, 3, &x[3 * static_cast<size_t>(it - tags.begin())]);
          }
        }
        if (keep && error.empty()) frames[step] = x;
      }
    }
  }
  broadcast(lmp, error);
  if (!error.empty()) args.fail(error);
  long long count = static_cast<long long>(frames.size());
  MPI_Bcast(&count, 1, MPI_LONG_LONG, 0, lmp->world);
  auto it = frames.begin();
  for (long long f = 0; f < count; f++) {
    bigint step = lmp->comm->me == 0 ? it->first : 0;
    MPI_Bcast(&step, 1, MPI_LMP_BIGINT, 0, lmp->world);
    std::vector<double> &x = frames[step];
    x.resize(3 * n);
    MPI_Bcast(x.data(), static_cast<int>(3 * n), MPI_DOUBLE, 0, lmp->world);
    if (lmp->comm->me == 0) ++it;
    // written in the box: back to the images continuous from the minimum
    for (size_t j = 0; j < n; j++) {
      double dx[3];
      for (int a = 0; a < 3; a++) dx[a] = x[3 * j + a] - x0[3 * j + a];
      mgg_cell_minimum_image(&cell, dx);
      for (int a = 0; a < 3; a++) x[3 * j + a] = x0[3 * j + a] + dx[a];
    }
  }
  return frames;
}

}    // namespace mgg
