#include "mgg_eam_cluster.h"

#include "mgg_work.h"

#include <algorithm>
#include <cmath>

namespace mgg {

namespace {
// first guess of the Hessian blocks per atom (the pattern grows when it is short)
constexpr size_t HESSIAN_BLOCKS_PER_ATOM = 400;
// eV/A^2: the shift-invert's shift below the search's estimate of the lowest curvature
constexpr double SHIFT_BELOW_LOWEST = 0.05;
}    // namespace

EamCluster::EamCluster(const mgg_eam *eam, const mgg_cell &cell, const std::vector<double> &xall,
                       const std::vector<int> &types, size_t centre, double radius) : eam(eam)
{
  const double cut = mgg_eam_cutoff(eam);
  const double r_energy = radius + MARGIN + cut, r_all = r_energy + cut + SKIN;
  const double width = mgg_cell_min_width(&cell);
  const int range = static_cast<int>(std::ceil(r_all / width)) + 1;
  const size_t nall = types.size();
  struct Image {
    double r;
    int atom;
    double v[3];
  };
  std::vector<Image> images;
  std::vector<int> nearest(nall, -1);
  for (size_t j = 0; j < nall; j++) {
    double d[3];
    for (int a = 0; a < 3; a++) d[a] = xall[3 * j + a] - xall[3 * centre + a];
    mgg_cell_minimum_image(&cell, d);
    for (int i = -range; i <= range; i++)
      for (int jj = -range; jj <= range; jj++)
        for (int k = -range; k <= range; k++) {
          Image im;
          for (int a = 0; a < 3; a++)
            im.v[a] = d[a] + cell.h[a][0] * i + cell.h[a][1] * jj + cell.h[a][2] * k;
          im.r = std::sqrt(im.v[0] * im.v[0] + im.v[1] * im.v[1] + im.v[2] * im.v[2]);
          if (im.r > r_all) continue;
          im.atom = static_cast<int>(j);
          if (nearest[j] < 0 || im.r < images[nearest[j]].r) nearest[j] = static_cast<int>(images.size());
          images.push_back(im);
        }
  }
  // cluster atoms by distance of their nearest image (ties by ID order: deterministic)
  std::vector<int> order;
  for (size_t j = 0; j < nall; j++)
    if (nearest[j] >= 0) order.push_back(static_cast<int>(j));
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return images[nearest[a]].r < images[nearest[b]].r;
  });
  n = order.size();
  std::vector<int> local_of(nall, -1);
  global = order;
  x0.resize(3 * n);
  distance.resize(n);
  for (size_t k = 0; k < n; k++) {
    const Image &im = images[nearest[order[k]]];
    local_of[order[k]] = static_cast<int>(k);
    distance[k] = im.r;
    for (int a = 0; a < 3; a++) x0[3 * k + a] = xall[3 * centre + a] + im.v[a];
    if (im.r <= radius) n_mobile = k + 1;
    if (im.r <= r_energy) n_energy = k + 1;
  }
  // points: the nearest images first, then the others with their offsets from them
  owner.resize(n);
  offset.assign(3 * n, 0.0);
  for (size_t k = 0; k < n; k++) owner[k] = static_cast<int>(k);
  for (size_t q = 0; q < images.size(); q++) {
    const Image &im = images[q];
    if (nearest[im.atom] == static_cast<int>(q)) continue;
    const int k = local_of[im.atom];
    owner.push_back(k);
    for (int a = 0; a < 3; a++) offset.push_back(im.v[a] - images[nearest[im.atom]].v[a]);
  }
  finish(types);
}

EamCluster::EamCluster(const mgg_eam *eam, const mgg_cell &cell, const std::vector<double> &xall,
                       const std::vector<int> &types) : eam(eam)
{
  n = n_mobile = n_energy = types.size();
  global.resize(n);
  for (size_t k = 0; k < n; k++) global[k] = static_cast<int>(k);
  x0 = xall;
  distance.assign(n, 0.0);
  const double margin = mgg_eam_cutoff(eam) + MARGIN + SKIN;
  size_t np = 0;
  mgg_neighbours_periodic_points(&cell, n, xall.data(), margin, 0, nullptr, nullptr, &np);
  std::vector<double> wrapped(3 * np);
  owner.resize(np);
  check(mgg_neighbours_periodic_points(&cell, n, xall.data(), margin, np, wrapped.data(), owner.data(), &np));
  offset.resize(3 * np);
  for (size_t p = 0; p < np; p++)
    for (int a = 0; a < 3; a++) offset[3 * p + a] = wrapped[3 * p + a] - xall[3 * owner[p] + a];
  finish(types);
}

double EamCluster::energy_forces(const double *u, double *f)
{
  update_points(u);
  calls++;
  const mgg_eam_system sys = system();
  const size_t work_len = work.size() * sizeof(double);
  double e = 0.0;
  if (!fixed_energy_known) {
    // the first call: all the energy atoms' terms, and those the mobile atoms never change (none
    // in the whole system) kept
    check(mgg_eam_energy_forces(eam, &sys, work.data(), work_len, per_atom_energy.data(), f));
    for (size_t k = 0; k < n_energy; k++) e += per_atom_energy[k];
    fixed_densities(sys);
    fixed_energy_known = true;
    double e_mobile = 0.0;
    check(mgg_eam_energy_forces_moving(eam, &sys, n_mobile, n_energy, rho_fixed.data(), work.data(),
                                       work_len, &e_mobile, nullptr));
    fixed_energy = e - e_mobile;
  } else {
    // then the terms the mobile atoms change, each pair once
    double e_mobile = 0.0;
    check(mgg_eam_energy_forces_moving(eam, &sys, n_mobile, n_energy, rho_fixed.data(), work.data(),
                                       work_len, &e_mobile, f));
    e = fixed_energy + e_mobile;
  }
  std::fill(f + 3 * n_mobile, f + 3 * n, 0.0);
  return e;
}

void EamCluster::fixed_densities(const mgg_eam_system &sys)
{
  if (!rho_fixed.empty()) return;
  rho_fixed.resize(n);
  check(mgg_eam_fixed_densities(eam, &sys, n_mobile, rho_fixed.data()));
}

void EamCluster::hessian_vector(const double *u, const double *v, double *hv)
{
  update_points(u);
  calls++;
  product_calls++;
  // the plan of the last point is kept: a search's Lanczos run asks 2-60 products at one point
  if (plan_lists != lists_built || !std::equal(u, u + 3 * n, plan_x.begin())) {
    const mgg_eam_system sys = system();
    const size_t len = mgg_eam_hessian_work_size(&sys), plan_len = mgg_eam_hessian_plan_size(&sys);
    if (hwork.size() * sizeof(double) < len) hwork.resize(len / sizeof(double) + 1);
    if (plan.size() * sizeof(double) < plan_len) plan.resize(plan_len / sizeof(double) + 1);
    const size_t hwork_len = hwork.size() * sizeof(double), plan_bytes = plan.size() * sizeof(double);
    mgg_status st;
    if (n_mobile < n) {
      // a local cluster's plan: the mobile atoms' terms only (their rows are the ones used)
      fixed_densities(sys);
      st = mgg_eam_hessian_plan_moving(eam, &sys, n_mobile, rho_fixed.data(), hwork.data(), hwork_len,
                                       plan.data(), plan_bytes);
    } else
      st = mgg_eam_hessian_plan(eam, &sys, hwork.data(), hwork_len, plan.data(), plan_bytes);
    check(st);
    if (st != MGG_OK) {
      plan_lists = -1;
      return;
    }
    plan_x.assign(u, u + 3 * n);
    plan_lists = lists_built;
  }
  check(mgg_eam_hessian_plan_apply(plan.data(), v, hv));
}

void EamCluster::lowest_curvatures(const double *u, double lowest, double *out)
{
  update_points(u);
  const mgg_eam_system sys = system();
  std::vector<char> pattern_work(mgg_eam_hessian_pattern_work_size(&sys));
  std::vector<size_t> row_start(n + 1);
  std::vector<int> col(HESSIAN_BLOCKS_PER_ATOM * n);
  size_t n_blocks = 0;
  check(mgg::grow_until_fits(col, [&](int *c, size_t cap, size_t *need) {
    const mgg_status st = mgg_eam_hessian_pattern(eam, &sys, pattern_work.data(), pattern_work.size(),
                                                  row_start.data(), c, cap, need);
    n_blocks = *need;
    return st;
  }));
  std::vector<double> values(9 * n_blocks);
  const size_t len = mgg_eam_hessian_work_size(&sys);
  if (hwork.size() * sizeof(double) < len) hwork.resize(len / sizeof(double) + 1);
  check(mgg_eam_hessian(eam, &sys, hwork.data(), hwork.size() * sizeof(double), row_start.data(),
                        col.data(), n_blocks, values.data()));
  out[0] = out[1] = NAN;
  if (status != MGG_OK) return;
  const mgg_modes_block_csr h = {n, row_start.data(), col.data(), values.data()};
  const std::vector<double> unit_mass(n, 1.0);
  std::vector<double> eigenvalues(2), vectors(2 * 3 * n);
  // close below the estimate: the shifted spectrum's lowest two stand further apart from the
  // rest, and ARPACK needs fewer solves (48-91 against 91-134 at 0.5 below, the same
  // eigenvalues; bench/RESULTS.md, ninth pass); a true lowest curvature below sigma fails the
  // factorisation and the loop goes lower
  double sigma = std::min(lowest, 0.0) - SHIFT_BELOW_LOWEST;
  for (; sigma > -100.0; sigma = 2.0 * sigma - 1.0) {
    const mgg_status st = mgg_modes_sparse(&h, unit_mass.data(), 2, sigma, 1, eigenvalues.data(),
                                           vectors.data(), nullptr, nullptr);
    if (st == MGG_ERR_BAD_ARGUMENT) continue;  // sigma not below the spectrum
    if (st != MGG_OK) return;
    out[0] = eigenvalues[0];
    out[1] = eigenvalues[1];
    std::copy_n(vectors.begin(), 6 * n, out + 2);
    return;
  }
}

void EamCluster::finish(const std::vector<int> &types)
{
  const size_t np = owner.size();
  point_type.resize(np);
  for (size_t p = 0; p < np; p++) point_type[p] = types[global[owner[p]]] - 1;
  points.resize(3 * np);
  centre_of.resize(n);
  for (size_t k = 0; k < n; k++) centre_of[k] = static_cast<int>(k);
  start.assign(n + 1, 0);
  work.resize(mgg_eam_energy_forces_work_size(n) / sizeof(double) + 1);
  per_atom_energy.resize(n);
}

void EamCluster::check(mgg_status st)
{
  if (st != MGG_OK && status == MGG_OK) status = st;
}

mgg_eam_system EamCluster::system() const
{
  return {owner.size(), points.data(), point_type.data(), owner.data(), &nb};
}

void EamCluster::update_points(const double *u)
{
  const size_t np = owner.size();
  for (size_t p = 0; p < np; p++)
    for (int a = 0; a < 3; a++) points[3 * p + a] = u[3 * owner[p] + a] + offset[3 * p + a];
  bool stale = list_x.empty();
  for (size_t k = 0; k < n_mobile && !stale; k++) {
    double d2 = 0.0;
    for (int a = 0; a < 3; a++) d2 += (u[3 * k + a] - list_x[3 * k + a]) * (u[3 * k + a] - list_x[3 * k + a]);
    stale = d2 > 0.25 * SKIN * SKIN;
  }
  if (!stale) return;
  lists_built++;
  list_x.assign(u, u + 3 * n);
  const double radius = mgg_eam_cutoff(eam) + SKIN;
  const size_t len = mgg_neighbours_find_within_work_size(np, points.data(), n_energy, centre_of.data(), radius);
  if (find_work.size() * sizeof(double) < len) find_work.resize(len / sizeof(double) + 1);
  if (index.empty()) index.resize(200 * n_energy);
  check(mgg::grow_until_fits(index, [&](int *idx, size_t cap, size_t *found) {
    return mgg_neighbours_find_within(np, points.data(), n_energy, centre_of.data(), radius,
                                      find_work.data(), find_work.size() * sizeof(double),
                                      start.data(), idx, cap, found);
  }));
  // the atoms beyond the energy atoms have no lists: their densities are never used
  for (size_t k = n_energy + 1; k <= n; k++) start[k] = start[n_energy];
  nb = {n, centre_of.data(), start.data(), index.data()};
}

}    // namespace mgg
