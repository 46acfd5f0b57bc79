#include "compute_voronoi_index.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "memory.h"
#include "update.h"
#include "utils.h"

#include "mgg_style_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>

using namespace LAMMPS_NS;

// Defaults: faces below 1% of the cell's surface are dropped (the field's common practice, see
// the doc page); no absolute area or edge threshold (as compute voronoi/atom and voro++).
static constexpr double DEFAULT_FACE_FRACTION = 0.01;
static constexpr int DEFAULT_TOP = 10;
// Adaptive search: the first radius is this multiple of the mean atomic spacing (V/N)^(1/3);
// it closes all but a few cells of a Cu-Zr glass, which are redone with radii grown by
// ADAPTIVE_GROWTH up to the ghost cutoff (see compute_peratom).
static constexpr double ADAPTIVE_FIRST_FACTOR = 2.2;
static constexpr double ADAPTIVE_GROWTH = 1.5;
static constexpr int MOTIF_NONE = -1;    // motif column of atoms outside the group
// top: rows per type of the global table; a glass has a few hundred distinct indices per type
static constexpr int MAX_TOP = 100000;

ComputeVoronoiIndex::ComputeVoronoiIndex(LAMMPS *lmp, int narg, char **arg) :
    Compute(lmp, narg, arg), top(DEFAULT_TOP), top_given(false), global(false), search(0.0), nmax(0),
    result(nullptr),
    motif_fraction(nullptr), table(nullptr)
{
  mgg::StyleArgs args(lmp, "Compute", "voronoi_index");
  params.min_area_abs = 0.0;
  params.min_area_rel = DEFAULT_FACE_FRACTION;
  params.min_edge = 0.0;
  const int ntypes = atom->ntypes;

  int iarg = 3;
  while (iarg < narg) {
    const std::string keyword = arg[iarg];
    const char *value = args.value_of(narg, arg, iarg);
    if (keyword == "face_area") {
      params.min_area_abs = args.non_negative_number("face_area", value);
      iarg += 2;
    } else if (keyword == "face_fraction") {
      params.min_area_rel = args.non_negative_number("face_fraction", value);
      if (params.min_area_rel >= 1.0)
        args.fail(std::string("face_fraction must be below 1, got '") + value + "'");
      iarg += 2;
    } else if (keyword == "edge_length") {
      params.min_edge = args.non_negative_number("edge_length", value);
      iarg += 2;
    } else if (keyword == "favoured_cn" || keyword == "radius") {
      if (iarg + ntypes >= narg)
        args.fail(fmt::format("{} needs one value per atom type ({}), got {}", keyword, ntypes,
                              narg - iarg - 1));
      std::vector<double> radius_of(1, 0.0);
      std::vector<int> cn_of(1, 0);
      for (int t = 1; t <= ntypes; t++) {
        const std::string what = fmt::format("{} of type {}", keyword, t);
        if (keyword == "radius")
          radius_of.push_back(args.non_negative_number(what, arg[iarg + t]));
        else
          cn_of.push_back(args.positive_integer(what, arg[iarg + t]));
      }
      if (keyword == "radius")
        type_radius = radius_of;
      else
        favoured_cn = cn_of;
      iarg += 1 + ntypes;
    } else if (keyword == "top") {
      top = args.positive_integer("top", value);
      if (top > MAX_TOP)
        args.fail(fmt::format("top {} exceeds {} (rows per atom type of the table of frequent "
                              "indices)", top, MAX_TOP));
      top_given = true;
      iarg += 2;
    } else if (keyword == "global") {
      static const char *const no_yes[] = {"no", "yes", nullptr};
      global = args.choice("global", value, no_yes) == 1;
      iarg += 2;
    } else if (keyword == "search") {
      search = args.positive_number("search", value);
      iarg += 2;
    } else
      args.fail("unknown keyword '" + keyword + "'");
  }

  if (top_given && !global)
    args.fail("top sets the rows of the global array: use it with 'global yes'");

  peratom_flag = 1;
  size_peratom_cols = NCOLS;
  // Global outputs only on request: LAMMPS before August 2023 resolves c_ID[N] in an atom-style
  // variable to the global vector whenever there is one, so no per-atom column would be reachable.
  if (!global) return;
  vector_flag = 1;
  size_vector = MGG_VORONOI_N_MOTIFS * (ntypes + 1);
  extvector = 0;
  array_flag = 1;
  size_array_rows = top * ntypes;
  size_array_cols = ROW_NCOLS;
  extarray = 0;
  memory->create(motif_fraction, size_vector, "voronoi_index:motif_fraction");
  memory->create(table, size_array_rows, size_array_cols, "voronoi_index:table");
  vector = motif_fraction;
  array = table;
}

ComputeVoronoiIndex::~ComputeVoronoiIndex()
{
  memory->destroy(result);
  memory->destroy(motif_fraction);
  memory->destroy(table);
}

void ComputeVoronoiIndex::init()
{
  mgg::StyleArgs args(lmp, "Compute", "voronoi_index");
  if (domain->dimension != 3) args.fail("needs a 3d system");
  mgg::require_within_ghost_cutoff(args, lmp, "search radius", search);
}

// Cells of candidates.centre from the atoms within radius; returns how many are not closed on
// this rank.
bigint ComputeVoronoiIndex::tessellate(double radius, const mgg::StyleArgs &args)
{
  candidates.find(lmp, radius, args);
  const mgg_neighbours nb = candidates.view();
  work.resize(mgg_voronoi_compute_work_size(&nb) / sizeof(double) + 1);
  cells.resize(nb.n_centres);
  const size_t nall = atom->nlocal + atom->nghost;
  const mgg_status st = mgg_voronoi_compute(
      &params, nall, nall ? &atom->x[0][0] : nullptr, type_radius.empty() ? nullptr : point_radius.data(),
      &nb, radius, work.data(), work.size() * sizeof(double), cells.data());
  if (st != MGG_OK) args.fail_local(mgg_status_message(st));
  bigint unclosed = 0;
  for (const mgg_voronoi_cell &cell : cells) unclosed += !cell.closed;
  return unclosed;
}

void ComputeVoronoiIndex::compute_peratom()
{
  mgg::StyleArgs args(lmp, "Compute", "voronoi_index");
  invoked_peratom = update->ntimestep;

  if (atom->nmax > nmax) {
    memory->destroy(result);
    nmax = atom->nmax;
    memory->create(result, nmax, NCOLS, "voronoi_index:result");
    array_atom = result;
  }
  const int nlocal = atom->nlocal;
  for (int i = 0; i < nlocal; i++) {
    std::fill(result[i], result[i] + NCOLS, 0.0);
    result[i][COL_MOTIF] = MOTIF_NONE;
  }
  // a free surface leaves the cells next to it open
  if (!domain->xperiodic || !domain->yperiodic || !domain->zperiodic)
    args.fail("needs a box periodic in x, y and z");

  mgg::refresh_ghost_positions(lmp);
  const int nall = nlocal + atom->nghost;
  if (!type_radius.empty()) {
    point_radius.resize(nall);
    for (int i = 0; i < nall; i++) point_radius[i] = type_radius[atom->type[i]];
  }

  // Most cells lie within ADAPTIVE_FIRST_FACTOR / 2 spacings of their atom: a first pass at that
  // radius closes them cheaply; only the cells it leaves open are redone with larger radii.
  const double cutghost = mgg::ghost_cutoff(lmp);
  const double largest = search > 0.0 ? search : cutghost;
  const double first_radius =
      atom->natoms > 0
      ? ADAPTIVE_FIRST_FACTOR * std::cbrt(domain->xprd * domain->yprd * domain->zprd / atom->natoms)
      : largest;
  if (largest <= 0.0)
    args.fail(fmt::format("there are no ghost atoms (no pair style and no comm_modify cutoff); "
                          "use 'comm_modify cutoff {:.3g}' or larger",
                          first_radius));
  double radius = search > 0.0 ? search : std::min(largest, first_radius);
  candidates.set_centres(lmp, groupbit);
  for (bool first = true;; first = false) {
    const bigint unclosed = tessellate(radius, args);
    if (first) refuse_coincident(args);
    std::vector<int> open;
    for (size_t k = 0; k < cells.size(); k++) {
      const mgg_voronoi_cell &cell = cells[k];
      if (!cell.closed) {
        open.push_back(candidates.centre[k]);
        continue;
      }
      double *row = result[candidates.centre[k]];
      const int type = atom->type[candidates.centre[k]];
      row[COL_VOLUME] = cell.volume;
      row[COL_CN] = cell.n_faces;
      for (int e = 3; e <= 7; e++) row[COL_N3 + e - 3] = cell.edges[e];
      row[COL_MOTIF] = favoured_cn.empty() ? mgg_voronoi_classify(&cell)
                                           : mgg_voronoi_classify_for(&cell, favoured_cn[type]);
      row[COL_AREA] = cell.area;
    }
    bigint unclosed_all = 0;
    MPI_Allreduce(&unclosed, &unclosed_all, 1, MPI_LMP_BIGINT, MPI_SUM, world);
    if (!unclosed_all) break;
    if (radius >= largest) {
      if (search > 0.0)
        args.fail(fmt::format("{} Voronoi cells are not closed by the atoms within the search "
                              "radius {}; raise 'search' (and 'comm_modify cutoff' if needed)",
                              unclosed_all, search));
      args.fail(fmt::format("{} Voronoi cells are not closed by the atoms within the ghost-atom "
                            "cutoff {} (a cell needs the atoms within twice its farthest "
                            "vertex); use 'comm_modify cutoff {:.3g}' or larger",
                            unclosed_all, cutghost,
                            std::max(ADAPTIVE_GROWTH * cutghost, first_radius)));
    }
    radius = std::min(largest, ADAPTIVE_GROWTH * radius);
    candidates.centre = open;
  }
}

// An atom at exactly the position of another has no bisecting plane with it (the core ignores
// such a candidate like the centre itself): both would get a full cell.  Stops with the IDs of
// one such pair, from the candidates of the first pass (every atom within its radius > 0).
void ComputeVoronoiIndex::refuse_coincident(const mgg::StyleArgs &args)
{
  double **x = atom->x;
  bigint count = 0;
  tagint pair[2] = {MAXTAGINT, MAXTAGINT};
  for (size_t k = 0; k < candidates.centre.size(); k++) {
    const int i = candidates.centre[k];
    for (size_t c = candidates.start[k]; c < candidates.start[k + 1]; c++) {
      const int j = candidates.index[c];
      if (j == i || x[j][0] != x[i][0] || x[j][1] != x[i][1] || x[j][2] != x[i][2]) continue;
      count++;
      if (atom->tag[i] < pair[0]) {
        pair[0] = atom->tag[i];
        pair[1] = atom->tag[j];
      }
    }
  }
  bigint count_all = 0;
  MPI_Allreduce(&count, &count_all, 1, MPI_LMP_BIGINT, MPI_SUM, world);
  if (!count_all) return;
  tagint first = 0, partner = MAXTAGINT;
  MPI_Allreduce(&pair[0], &first, 1, MPI_LMP_TAGINT, MPI_MIN, world);
  if (pair[0] != first) pair[1] = MAXTAGINT;
  MPI_Allreduce(&pair[1], &partner, 1, MPI_LMP_TAGINT, MPI_MIN, world);
  args.fail(fmt::format("atoms {} and {} are at the same position ({} atoms of the group coincide "
                        "with another atom): their Voronoi cells are undefined",
                        first, partner, count_all));
}

void ComputeVoronoiIndex::ensure_peratom()
{
  if (invoked_peratom != update->ntimestep) compute_peratom();
}

void ComputeVoronoiIndex::compute_vector()
{
  invoked_vector = update->ntimestep;
  ensure_peratom();
  const int ntypes = atom->ntypes;
  // counts[t][m]: group atoms of type t (0: all types) in motif m; counts[t][N_MOTIFS]: all
  std::vector<bigint> counts((ntypes + 1) * (MGG_VORONOI_N_MOTIFS + 1), 0), counts_all(counts.size());
  for (int i = 0; i < atom->nlocal; i++) {
    if (!(atom->mask[i] & groupbit)) continue;
    const int m = (int) result[i][COL_MOTIF];
    for (int t : {0, atom->type[i]}) {
      counts[t * (MGG_VORONOI_N_MOTIFS + 1) + m]++;
      counts[t * (MGG_VORONOI_N_MOTIFS + 1) + MGG_VORONOI_N_MOTIFS]++;
    }
  }
  MPI_Allreduce(counts.data(), counts_all.data(), (int) counts.size(), MPI_LMP_BIGINT, MPI_SUM, world);
  for (int t = 0; t <= ntypes; t++) {
    const bigint *c = &counts_all[t * (MGG_VORONOI_N_MOTIFS + 1)];
    for (int m = 0; m < MGG_VORONOI_N_MOTIFS; m++)
      motif_fraction[t * MGG_VORONOI_N_MOTIFS + m] =
          c[MGG_VORONOI_N_MOTIFS] ? (double) c[m] / (double) c[MGG_VORONOI_N_MOTIFS] : 0.0;
  }
}

// Number of group atoms with each (type, CN, n3..n7), over all ranks, in key order.
std::vector<std::pair<ComputeVoronoiIndex::IndexKey, bigint>> ComputeVoronoiIndex::global_index_counts()
{
  std::map<IndexKey, bigint> local;
  for (int i = 0; i < atom->nlocal; i++) {
    if (!(atom->mask[i] & groupbit)) continue;
    IndexKey key;
    key[0] = atom->type[i];
    for (int c = 0; c < 6; c++) key[1 + c] = (int) result[i][COL_CN + c];
    local[key]++;
  }
  // every rank gathers the (few hundred) distinct keys of all ranks with their counts
  const int width = (int) std::tuple_size<IndexKey>::value + 1;
  std::vector<bigint> flat;
  for (const auto &entry : local) {
    flat.insert(flat.end(), entry.first.begin(), entry.first.end());
    flat.push_back(entry.second);
  }
  int nsend = (int) flat.size(), nprocs = comm->nprocs;
  std::vector<int> sizes(nprocs), offsets(nprocs, 0);
  MPI_Allgather(&nsend, 1, MPI_INT, sizes.data(), 1, MPI_INT, world);
  for (int p = 1; p < nprocs; p++) offsets[p] = offsets[p - 1] + sizes[p - 1];
  std::vector<bigint> all(offsets[nprocs - 1] + sizes[nprocs - 1]);
  MPI_Allgatherv(flat.data(), nsend, MPI_LMP_BIGINT, all.data(), sizes.data(), offsets.data(),
                 MPI_LMP_BIGINT, world);
  std::map<IndexKey, bigint> merged;
  for (size_t e = 0; e + width <= all.size(); e += width) {
    IndexKey key;
    for (int c = 0; c < width - 1; c++) key[c] = (int) all[e + c];
    merged[key] += all[e + width - 1];
  }
  return {merged.begin(), merged.end()};
}

void ComputeVoronoiIndex::compute_array()
{
  invoked_array = update->ntimestep;
  ensure_peratom();
  const int ntypes = atom->ntypes;
  std::vector<std::pair<IndexKey, bigint>> counts = global_index_counts();
  // most frequent first; equal counts in key order, so that every rank and run agrees
  std::stable_sort(counts.begin(), counts.end(),
                   [](const std::pair<IndexKey, bigint> &a, const std::pair<IndexKey, bigint> &b) {
                     if (a.first[0] != b.first[0]) return a.first[0] < b.first[0];
                     return a.second > b.second;
                   });
  std::vector<bigint> type_total(ntypes + 1, 0);
  for (const auto &entry : counts) type_total[entry.first[0]] += entry.second;
  for (int r = 0; r < size_array_rows; r++) {
    std::fill(table[r], table[r] + ROW_NCOLS, 0.0);
    table[r][ROW_TYPE] = r / top + 1;
  }
  std::vector<int> rows_used(ntypes + 1, 0);
  for (const auto &entry : counts) {
    const int type = entry.first[0];
    if (rows_used[type] == top) continue;
    double *row = table[(type - 1) * top + rows_used[type]++];
    for (int c = 0; c < 6; c++) row[ROW_CN + c] = entry.first[1 + c];
    row[ROW_COUNT] = (double) entry.second;
    row[ROW_FRACTION] = (double) entry.second / (double) type_total[type];
  }
}

double ComputeVoronoiIndex::memory_usage()
{
  return (double) nmax * NCOLS * sizeof(double) + candidates.memory_usage() +
      (double) work.capacity() * sizeof(double) + (double) cells.capacity() * sizeof(mgg_voronoi_cell) +
      (double) point_radius.capacity() * sizeof(double);
}
