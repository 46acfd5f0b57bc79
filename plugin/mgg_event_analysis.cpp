#include "mgg_event_analysis.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"

#include "mgg_gather.h"
#include "mgg_style_util.h"
#include "mgg_work.h"

#include <algorithm>
#include <cmath>
#include <string>

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// what each local atom sends to rank 0 (with its ID), and what comes back
enum { TYPE, XB = TYPE + 1, XS = XB + 3, XA = XS + 3, SB = XA + 3, SA = SB + 6, NSEND = SA + 6 };
enum { D2MIN, NNEIGH, BROKEN, FORMED, VM, CLUSTER, NBACK };

mgg_cell cell_of(LAMMPS *lmp, const StyleArgs &args, const double box[6], const char *which)
{
  const Domain *d = lmp->domain;
  const int periodic[3] = {d->xperiodic, d->yperiodic, d->zperiodic};
  mgg_cell cell;
  if (mgg_cell_from_lammps(box[0], box[1], box[2], box[3], box[4], box[5], periodic, &cell) != MGG_OK)
    args.fail(std::string("the cell ") + which + " the event has a non-positive length");
  return cell;
}

void check_params(LAMMPS *lmp, const StyleArgs &args, const EventAnalysisParams &p,
                  const mgg_cell &before, const mgg_cell &after)
{
  const int nt = lmp->atom->ntypes;
  if (p.bond_cutoff.size() != static_cast<size_t>(nt) * nt)
    args.fail(fmt::format("the bond cutoffs need {} values for {} atom types ({} given; the "
                          "default is for Cu = type 1, Zr = type 2)",
                          nt * nt, nt, p.bond_cutoff.size()));
  double rc_max = 0.0;
  for (int a = 0; a < nt; a++)
    for (int b = 0; b < nt; b++) {
      const double rc = p.bond_cutoff[a * nt + b];
      if (!(rc >= 0.0) || !std::isfinite(rc) || rc != p.bond_cutoff[b * nt + a])
        args.fail(fmt::format("the bond cutoff of types {} and {} must be finite, >= 0 and "
                              "symmetric", a + 1, b + 1));
      rc_max = std::max(rc_max, rc);
    }
  if (!(rc_max > 0.0)) args.fail("at least one bond cutoff must be positive");
  if (!(p.hysteresis >= 0.0) || !std::isfinite(p.hysteresis))
    args.fail("the bond hysteresis must be finite and >= 0");
  if (!(p.dmin2_cutoff > 0.0) || !std::isfinite(p.dmin2_cutoff) || !(p.cluster_cutoff > 0.0) ||
      !std::isfinite(p.cluster_cutoff))
    args.fail("the D2min and cluster cutoffs must be finite and positive");
  if (!(p.d2min_threshold >= 0.0) || !std::isfinite(p.d2min_threshold))
    args.fail("the D2min threshold must be finite and >= 0");
  // each distance below half the cell's smallest width: the neighbour searches then need no
  // more than the nearest images (a larger one, e.g. cluster 1000, asks for billions of pairs)
  const double width = std::min(mgg_cell_min_width(&before), mgg_cell_min_width(&after));
  const struct {
    const char *what;
    double value;
  } distances[] = {{"d2min cutoff", p.dmin2_cutoff},
                   {"largest bond cutoff (keyword bond)", rc_max},
                   {"cluster distance (keyword cluster)", p.cluster_cutoff}};
  for (const auto &d : distances)
    if (!(2.0 * d.value < width))
      args.fail(fmt::format("the {} {:.6g} must be below half the cell's smallest width ({:.6g}) "
                            "for the event analysis", d.what, d.value, width));
}

}    // namespace

int parse_event_keyword(const StyleArgs &args, LAMMPS *lmp, int narg, char **arg, int iarg,
                        EventAnalysisParams &p, bool &bonds_given)
{
  const std::string key = arg[iarg];
  if (key != "d2min" && key != "norm" && key != "cluster" && key != "hysteresis" && key != "bond")
    return 0;
  const char *value = args.value_of(narg, arg, iarg);
  if (key == "norm") {
    p.d2min_norm = args.dmin2_norm(value);
    return 2;
  }
  if (key == "cluster") {
    p.cluster_cutoff = args.positive_number("cluster", value);
    return 2;
  }
  if (key == "hysteresis") {
    p.hysteresis = args.positive_number("hysteresis", value);
    return 2;
  }
  if (key == "d2min") {
    if (iarg + 2 >= narg) args.fail("keyword 'd2min' needs 2 values: cutoff threshold");
    p.dmin2_cutoff = args.positive_number("d2min cutoff", arg[iarg + 1]);
    p.d2min_threshold = args.positive_number("d2min threshold", arg[iarg + 2]);
    return 3;
  }
  if (iarg + 3 >= narg) args.fail("keyword 'bond' needs 3 values: type type cutoff");
  const int n_types = lmp->atom->ntypes;
  const int a = args.positive_integer("bond type", arg[iarg + 1]);
  const int b = args.positive_integer("bond type", arg[iarg + 2]);
  if (a > n_types || b > n_types)
    args.fail(fmt::format("bond type must be at most the number of atom types ({})", n_types));
  const double cutoff = args.positive_number("bond cutoff", arg[iarg + 3]);
  if (!bonds_given) p.bond_cutoff.assign(n_types * n_types, 0.0);
  bonds_given = true;
  p.bond_cutoff[(a - 1) * n_types + (b - 1)] = cutoff;
  p.bond_cutoff[(b - 1) * n_types + (a - 1)] = cutoff;
  return 4;
}

void check_event_params(LAMMPS *lmp, const EventAnalysisParams &p, const double box[6])
{
  const StyleArgs args(lmp, "Fix", "frozen_atom_aqs");
  const mgg_cell cell = cell_of(lmp, args, box, "of");
  check_params(lmp, args, p, cell, cell);
}

EventSummary analyse_event(LAMMPS *lmp, const EventAnalysisParams &p, double **rows,
                           double **out_rows,
                           const EventColumns &col, const double box_before[6],
                           const double box_after[6])
{
  const StyleArgs args(lmp, "Fix", "frozen_atom_aqs");
  const mgg_cell cell_before = cell_of(lmp, args, box_before, "before");
  const mgg_cell cell_after = cell_of(lmp, args, box_after, "after");
  check_params(lmp, args, p, cell_before, cell_after);
  Atom *atom = lmp->atom;
  if (!atom->tag_enable) args.fail("the event analysis needs atom IDs");
  MPI_Comm world = lmp->world;
  const int me = lmp->comm->me, nlocal = atom->nlocal;

  // everything on rank 0, in atom ID order (results independent of the ranks)
  std::vector<double> mine(static_cast<size_t>(NSEND) * nlocal);
  for (int i = 0; i < nlocal; i++) {
    double *q = &mine[static_cast<size_t>(NSEND) * i];
    q[TYPE] = atom->type[i] - 1;
    std::copy_n(rows[i] + col.x_before, 3, q + XB);
    std::copy_n(rows[i] + col.x_start, 3, q + XS);
    std::copy_n(atom->x[i], 3, q + XA);
    std::copy_n(rows[i] + col.stress_before, 6, q + SB);
    std::copy_n(rows[i] + col.stress_after, 6, q + SA);
  }
  const AtomRows all = gather_by_tag(args, lmp, local_tags(lmp), mine, NSEND, false);
  const int n = static_cast<int>(all.size());
  std::vector<double> back(static_cast<size_t>(NBACK) * n);
  EventSummary summary;
  int status = MGG_OK;
  if (me == 0) {
    std::vector<int> type(n);
    std::vector<double> xb(3 * n), xs(3 * n), xa(3 * n), sb(6 * n), sa(6 * n);
    for (int k = 0; k < n; k++) {
      const double *q = all.row(k);
      type[k] = static_cast<int>(q[TYPE]);
      std::copy_n(q + XB, 3, &xb[3 * k]);
      std::copy_n(q + XS, 3, &xs[3 * k]);
      std::copy_n(q + XA, 3, &xa[3 * k]);
      std::copy_n(q + SB, 6, &sb[6 * k]);
      std::copy_n(q + SA, 6, &sa[6 * k]);
    }
    std::vector<double> r_d2min(n), r_vm(n);
    std::vector<int> r_nneigh(n), r_broken(n), r_formed(n), r_cluster(n);
    std::vector<size_t> r_sizes(n);
    mgg_aqs_event_result result = {r_d2min.data(), r_nneigh.data(), r_broken.data(),
                                   r_formed.data(), r_vm.data(), r_cluster.data(),
                                   r_sizes.data(), 0, 0, 0};
    const mgg_aqs_event_params ep = {p.dmin2_cutoff, p.d2min_threshold, p.cluster_cutoff,
                                     {atom->ntypes, p.bond_cutoff.data(), p.hysteresis},
                                     p.d2min_norm};
    std::vector<char> work;
    const mgg_status st = grow_until_fits(work, [&](char *w, size_t len, size_t *need) {
      return mgg_aqs_event_analysis(&ep, n, type.data(), &cell_before, xb.data(), &cell_after,
                                    xs.data(), xa.data(), sb.data(), sa.data(), w, len, need,
                                    &result);
    });
    status = st;
    if (st == MGG_OK) {
      for (int k = 0; k < n; k++) {
        double *q = &back[NBACK * static_cast<size_t>(k)];
        q[D2MIN] = r_d2min[k];
        q[NNEIGH] = r_nneigh[k];
        q[BROKEN] = r_broken[k];
        q[FORMED] = r_formed[k];
        q[VM] = r_vm[k];
        q[CLUSTER] = r_cluster[k];
      }
      summary.n_above = static_cast<long>(result.n_above);
      summary.cluster_sizes.assign(r_sizes.begin(), r_sizes.begin() + result.n_clusters);
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, world);
  if (status != MGG_OK)
    args.fail(std::string("the event analysis failed: ") +
              mgg_status_message(static_cast<mgg_status>(status)) +
              (status == MGG_ERR_BAD_ARGUMENT
                   ? " (an atom moved too far for the cell: the D2min search radius, about the "
                     "D2min cutoff plus twice the largest non-affine displacement, must stay "
                     "below half the cell's width; or the cells before and after are no "
                     "deformation of one another; or a position or stress is not finite)"
                   : ""));

  // each rank its atoms' results, in its own order
  std::vector<double> own;
  all.scatter_back(back, NBACK, own);
  for (int i = 0; i < nlocal; i++) {
    const double *q = &own[static_cast<size_t>(NBACK) * i];
    out_rows[i][col.d2min] = q[D2MIN];
    out_rows[i][col.n_neighbours] = q[NNEIGH];
    out_rows[i][col.broken] = q[BROKEN];
    out_rows[i][col.formed] = q[FORMED];
    out_rows[i][col.von_mises_change] = q[VM];
    out_rows[i][col.cluster] = q[CLUSTER];
  }

  long header[2] = {summary.n_above, static_cast<long>(summary.cluster_sizes.size())};
  MPI_Bcast(header, 2, MPI_LONG, 0, world);
  summary.n_above = header[0];
  summary.cluster_sizes.resize(header[1]);
  if (header[1]) MPI_Bcast(summary.cluster_sizes.data(), header[1], MPI_LONG, 0, world);
  return summary;
}

}    // namespace mgg
