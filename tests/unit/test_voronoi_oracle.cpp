// Oracle test of mgg_voronoi_compute against voro++ (Debian's libvoro++, container_periodic).
//
// Usage: test_voronoi_oracle DATAFILE
// DATAFILE is a LAMMPS data file with an orthogonal (or triclinic, "xy xz yz" line) box and an
// "Atoms # atomic" section (id type x y z [ix iy iz]).  Cases: the structure as
// given, the same structure sheared into a triclinic box, an fcc and a B2 crystal, and the
// crystals with their positions jittered by 1e-6 and 1e-3 A (near-degenerate).  For every
// atom the volume must agree to 1e-10 (relative), the face count and the edge-count histogram
// (Voronoi index) must be identical (no thresholds), every cell must be closed, and the
// volumes of each code must sum to the box volume to 1e-9.  The crystals jittered by 1e-12 A are
// checked against the perfect crystal instead (see check_snapped).  Prints a summary with timings;
// exits 0 only on success.
//
// Usage: test_voronoi_oracle --dump DUMPFILE [--radius r_1 ... r_Ntypes] [--face-area A]
//                            [--face-fraction F] [--edge-length L]
// Per-atom mode, the reference for the LAMMPS tests of compute voronoi_index: voro++'s cells of
// the atoms of a LAMMPS text dump (periodic box, orthogonal or triclinic; columns id type x y z),
// radical with per-type radii when given.  The face and edge thresholds are applied here, to
// voro++'s own face areas and vertices, with compute voronoi_index's rules: a face counts when
// its area is at least max(A, F * cell surface), an edge of a counted face when its length is at
// least L.  Prints "id volume area CN n3 n4 n5 n6 n7" per atom in id order.
#include <voro++/voro++.hh>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "data_file.h"
#include "mgglass.h"

namespace {

// a periodic system in a LAMMPS box: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz), origin 0
struct System {
  std::string name;
  double lx = 0, ly = 0, lz = 0, xy = 0, xz = 0, yz = 0;
  std::vector<double> x; // wrapped into the box
  size_t size() const { return x.size() / 3; }
  double volume() const { return lx * ly * lz; }
};

// fractional coordinates in the box (upper-triangular inverse of h)
void to_fractional(const System &s, const double *p, double f[3])
{
  f[2] = p[2] / s.lz;
  f[1] = (p[1] - s.yz * f[2]) / s.ly;
  f[0] = (p[0] - s.xy * f[1] - s.xz * f[2]) / s.lx;
}

void to_cartesian(const System &s, const double f[3], double *p)
{
  p[0] = s.lx * f[0] + s.xy * f[1] + s.xz * f[2];
  p[1] = s.ly * f[1] + s.yz * f[2];
  p[2] = s.lz * f[2];
}

void wrap(System &s)
{
  for (size_t i = 0; i < s.size(); i++) {
    double f[3];
    to_fractional(s, &s.x[3 * i], f);
    for (double &v : f) {
      v -= std::floor(v);
      if (v >= 1.0) v = 0.0;
    }
    to_cartesian(s, f, &s.x[3 * i]);
  }
}

// the atoms of a data file by id, relative to the box's lower corner and wrapped into it
bool read_data(const char *path, System &s)
{
  data_file d;
  if (data_file_read(path, &d)) return false;
  s.lx = d.hi[0] - d.lo[0];
  s.ly = d.hi[1] - d.lo[1];
  s.lz = d.hi[2] - d.lo[2];
  s.xy = d.xy;
  s.xz = d.xz;
  s.yz = d.yz;
  s.x.assign(3 * d.n, 0.0);
  for (size_t i = 0; i < d.n; i++)
    for (int k = 0; k < 3; k++) s.x[3 * (d.id[i] - 1) + k] = d.x[3 * i + k] - d.lo[k];
  data_file_free(&d);
  wrap(s);
  return s.size() > 0;
}

// the same atoms in a sheared box: fractional coordinates kept, tilts added
System sheared(const System &s, double fxy, double fxz, double fyz)
{
  System t = s;
  t.name = s.name + " sheared";
  t.xy = fxy * s.lx;
  t.xz = fxz * s.lx;
  t.yz = fyz * s.ly;
  for (size_t i = 0; i < s.size(); i++) {
    double f[3];
    to_fractional(s, &s.x[3 * i], f);
    to_cartesian(t, f, &t.x[3 * i]);
  }
  return t;
}

System crystal(const char *name, int nc, double a, const std::vector<std::array<double, 3>> &basis)
{
  System s;
  s.name = name;
  s.lx = s.ly = s.lz = nc * a;
  for (int i = 0; i < nc; i++)
    for (int j = 0; j < nc; j++)
      for (int k = 0; k < nc; k++)
        for (const auto &b : basis) {
          s.x.push_back(a * (i + b[0]));
          s.x.push_back(a * (j + b[1]));
          s.x.push_back(a * (k + b[2]));
        }
  wrap(s);
  return s;
}

// a copy with every coordinate displaced uniformly in [-amplitude, amplitude]: near-degenerate
// vertices that split into tiny edges and faces, well above both codes' tolerances
System jittered(const System &s, double amplitude, unsigned seed)
{
  System t = s;
  char label[32];
  std::snprintf(label, sizeof label, " jitter %.0e", amplitude);
  t.name = s.name + label;
  for (double &v : t.x) {
    seed = seed * 1103515245u + 12345u;
    v += amplitude * (2.0 * ((seed >> 8) & 0xffffff) / 16777216.0 - 1.0);
  }
  wrap(t);
  return t;
}

struct Result {
  std::vector<double> volume;
  std::vector<std::array<int, MGG_VORONOI_MAX_EDGES + 1>> edges;
  std::vector<int> faces, closed;
  double seconds = 0.0;      // best of the repetitions
  double cell_seconds = 0.0; // mgg: best time of mgg_voronoi_compute alone (no copies, no search)
};

double now()
{
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Result run_voro(const System &s, int repeats)
{
  Result r;
  const size_t n = s.size();
  r.volume.assign(n, 0.0);
  r.faces.assign(n, 0);
  r.closed.assign(n, 1);
  r.edges.assign(n, {});
  r.seconds = 1e30;
  // about 5 particles per block, as voro++'s guide suggests
  const double per = std::cbrt(s.volume() / (n / 5.0));
  const int nx = std::max(1, (int) (s.lx / per)), ny = std::max(1, (int) (s.ly / per)),
            nz = std::max(1, (int) (s.lz / per));
  for (int rep = 0; rep < repeats; rep++) {
    const double t0 = now();
    voro::container_periodic con(s.lx, s.xy, s.ly, s.xz, s.yz, s.lz, nx, ny, nz, 8);
    for (size_t i = 0; i < n; i++) con.put((int) i, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
    voro::c_loop_all_periodic vl(con);
    voro::voronoicell c;
    std::vector<int> orders;
    if (vl.start()) do
        if (con.compute_cell(c, vl)) {
          const int id = vl.pid();
          r.volume[id] = c.volume();
          c.face_orders(orders);
          r.faces[id] = (int) orders.size();
          r.edges[id].fill(0);
          for (int o : orders) r.edges[id][std::min(o, MGG_VORONOI_MAX_EDGES)]++;
        }
      while (vl.inc());
    r.seconds = std::min(r.seconds, now() - t0);
  }
  return r;
}

// periodic copies within R of the box (by face-to-face widths), the atoms first; then the
// candidate search and the cells, timed together
bool run_mgg(const System &s, double R, int repeats, Result &r)
{
  const size_t n = s.size();
  // widths between opposite faces of the parallelepiped: V / |b x c| etc.
  const double a[3] = {s.lx, 0, 0}, b[3] = {s.xy, s.ly, 0}, c[3] = {s.xz, s.yz, s.lz};
  auto cross_norm = [](const double *u, const double *v) {
    const double w[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    return std::sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
  };
  const double margin[3] = {R * cross_norm(b, c) / s.volume(), R * cross_norm(c, a) / s.volume(),
                            R * cross_norm(a, b) / s.volume()};
  int reach[3];
  for (int k = 0; k < 3; k++) reach[k] = (int) std::ceil(margin[k]);
  std::vector<double> frac(3 * n);
  for (size_t i = 0; i < n; i++) to_fractional(s, &s.x[3 * i], &frac[3 * i]);

  r.seconds = r.cell_seconds = 1e30;
  for (int rep = 0; rep < repeats; rep++) {
    const double t0 = now();
    std::vector<double> pts(s.x);
    for (int i = -reach[0]; i <= reach[0]; i++)
      for (int j = -reach[1]; j <= reach[1]; j++)
        for (int k = -reach[2]; k <= reach[2]; k++) {
          if (!i && !j && !k) continue;
          for (size_t q = 0; q < n; q++) {
            const double f[3] = {frac[3 * q] + i, frac[3 * q + 1] + j, frac[3 * q + 2] + k};
            if (f[0] < -margin[0] || f[0] > 1 + margin[0] || f[1] < -margin[1] || f[1] > 1 + margin[1] ||
                f[2] < -margin[2] || f[2] > 1 + margin[2])
              continue;
            double p[3];
            to_cartesian(s, f, p);
            pts.insert(pts.end(), p, p + 3);
          }
        }
    const size_t npts = pts.size() / 3;
    std::vector<int> centre(n);
    for (size_t i = 0; i < n; i++) centre[i] = (int) i;
    std::vector<double> ws(mgg_neighbours_find_within_work_size(npts, pts.data(), n, centre.data(), R) / sizeof(double) + 1);
    std::vector<size_t> start(n + 1);
    std::vector<int> index(128 * n);
    size_t found = 0;
    mgg_status st = mgg_neighbours_find_within(npts, pts.data(), n, centre.data(), R, ws.data(), ws.size() * sizeof(double),
                                    start.data(), index.data(), index.size(), &found);
    if (st == MGG_ERR_BUFFER_TOO_SMALL) {
      index.resize(found);
      st = mgg_neighbours_find_within(npts, pts.data(), n, centre.data(), R, ws.data(), ws.size() * sizeof(double),
                           start.data(), index.data(), index.size(), &found);
    }
    if (st != MGG_OK) {
      std::printf("mgg_neighbours_find_within: %s\n", mgg_status_message(st));
      return false;
    }
    const mgg_neighbours nb = {n, centre.data(), start.data(), index.data()};
    std::vector<double> work(mgg_voronoi_compute_work_size(&nb) / sizeof(double) + 1);
    std::vector<mgg_voronoi_cell> cells(n);
    const mgg_voronoi_params params = {0.0, 0.0, 0.0};
    const double t1 = now();
    st = mgg_voronoi_compute(&params, npts, pts.data(), nullptr, &nb, R, work.data(),
                             work.size() * sizeof(double), cells.data());
    r.seconds = std::min(r.seconds, now() - t0);
    r.cell_seconds = std::min(r.cell_seconds, now() - t1);
    if (st != MGG_OK) {
      std::printf("mgg_voronoi_compute: %s\n", mgg_status_message(st));
      return false;
    }
    r.volume.resize(n);
    r.faces.resize(n);
    r.closed.resize(n);
    r.edges.resize(n);
    for (size_t i = 0; i < n; i++) {
      r.volume[i] = cells[i].volume;
      r.faces[i] = cells[i].n_faces;
      r.closed[i] = cells[i].closed;
      std::copy(cells[i].edges, cells[i].edges + MGG_VORONOI_MAX_EDGES + 1, r.edges[i].begin());
    }
  }
  return true;
}

bool compare(const System &s, int repeats)
{
  const size_t n = s.size();
  // the smallest search radius that closes every cell, from a typical guess upwards
  double R = 2.2 * std::cbrt(s.volume() / n);
  Result m;
  for (;;) {
    if (!run_mgg(s, R, 1, m)) return false;
    if (std::count(m.closed.begin(), m.closed.end(), 0) == 0) break;
    R *= 1.25;
  }
  if (!run_mgg(s, R, repeats, m)) return false;
  const Result v = run_voro(s, repeats);

  double max_rel = 0.0, sum_m = 0.0, sum_v = 0.0;
  int face_mismatch = 0, index_mismatch = 0;
  for (size_t i = 0; i < n; i++) {
    max_rel = std::max(max_rel, std::fabs(m.volume[i] - v.volume[i]) / v.volume[i]);
    sum_m += m.volume[i];
    sum_v += v.volume[i];
    face_mismatch += m.faces[i] != v.faces[i];
    index_mismatch += m.edges[i] != v.edges[i];
  }
  const double err_m = std::fabs(sum_m - s.volume()) / s.volume(), err_v = std::fabs(sum_v - s.volume()) / s.volume();
  const bool ok = max_rel < 1e-10 && face_mismatch == 0 && index_mismatch == 0 && err_m < 1e-9 && err_v < 1e-9;
  std::printf("%-28s atoms %6zu  R %.3f  max rel volume diff %.2e  face-count mismatches %d  "
              "index mismatches %d  volume sum error mgg %.1e voro++ %.1e  time mgg %.4f s (cells alone %.4f s) "
              "voro++ %.4f s  %s\n",
              s.name.c_str(), n, R, max_rel, face_mismatch, index_mismatch, err_m, err_v, m.seconds, m.cell_seconds, v.seconds,
              ok ? "PASS" : "FAIL");
  return ok;
}

// Positions within rounding of a crystal (jitter below the vertex tolerance): voro++'s own
// tolerance band gives it inconsistent cells here (its volumes do not sum to the box, 1e-4 for a
// 1e-12 A jitter), so the check is against the perfect crystal: every cell has its index and
// volume, and the volumes sum to the box.
bool check_snapped(const System &s, const std::array<int, MGG_VORONOI_MAX_EDGES + 1> &index)
{
  const size_t n = s.size();
  double R = 2.2 * std::cbrt(s.volume() / n);
  Result m;
  for (;;) {
    if (!run_mgg(s, R, 1, m)) return false;
    if (std::count(m.closed.begin(), m.closed.end(), 0) == 0) break;
    R *= 1.25;
  }
  const Result v = run_voro(s, 1);
  double max_rel = 0.0, sum_m = 0.0, sum_v = 0.0;
  int index_mismatch = 0;
  for (size_t i = 0; i < n; i++) {
    max_rel = std::max(max_rel, std::fabs(m.volume[i] - s.volume() / n) / (s.volume() / n));
    sum_m += m.volume[i];
    sum_v += v.volume[i];
    index_mismatch += m.edges[i] != index;
  }
  const double err_m = std::fabs(sum_m - s.volume()) / s.volume(), err_v = std::fabs(sum_v - s.volume()) / s.volume();
  const bool ok = max_rel < 1e-10 && index_mismatch == 0 && err_m < 1e-9;
  std::printf("%-28s atoms %6zu  R %.3f  max rel volume diff to the crystal %.2e  index mismatches to the "
              "crystal %d  volume sum error mgg %.1e (voro++ %.1e, not checked)  %s\n",
              s.name.c_str(), n, R, max_rel, index_mismatch, err_m, err_v, ok ? "PASS" : "FAIL");
  return ok;
}

// A LAMMPS text dump (first snapshot) of a periodic box: the system wrapped into the box, and
// each atom's id and type, in id order.
bool read_dump(const char *path, System &s, std::vector<long> &ids, std::vector<int> &types)
{
  std::ifstream in(path);
  std::string line;
  size_t natoms = 0;
  double lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
  while (std::getline(in, line)) {
    if (line.rfind("ITEM: NUMBER OF ATOMS", 0) == 0) {
      std::getline(in, line);
      natoms = std::stoul(line);
    } else if (line.rfind("ITEM: BOX BOUNDS", 0) == 0) {
      const bool tilted = line.find("xy") != std::string::npos;
      double tilt[3] = {0, 0, 0};
      for (int k = 0; k < 3; k++) {
        std::getline(in, line);
        std::istringstream ls(line);
        ls >> lo[k] >> hi[k];
        if (tilted) ls >> tilt[k];
      }
      s.xy = tilt[0];
      s.xz = tilt[1];
      s.yz = tilt[2];
      // LAMMPS writes the bounding box of a triclinic cell
      lo[0] -= std::min({0.0, s.xy, s.xz, s.xy + s.xz});
      hi[0] -= std::max({0.0, s.xy, s.xz, s.xy + s.xz});
      lo[1] -= std::min(0.0, s.yz);
      hi[1] -= std::max(0.0, s.yz);
    } else if (line.rfind("ITEM: ATOMS", 0) == 0) {
      std::istringstream hs(line.substr(11));
      std::vector<std::string> names;
      for (std::string w; hs >> w;) names.push_back(w);
      auto column = [&names](const char *name) {
        return (int) (std::find(names.begin(), names.end(), name) - names.begin());
      };
      const int cid = column("id"), ctype = column("type"), cx = column("x");
      if (cid == (int) names.size() || ctype == (int) names.size() || cx + 2 >= (int) names.size() ||
          names[cx + 1] != "y" || names[cx + 2] != "z")
        return false;
      std::vector<std::pair<long, size_t>> order;
      std::vector<double> x;
      std::vector<int> type;
      std::vector<double> values(names.size());
      for (size_t q = 0; q < natoms && std::getline(in, line); q++) {
        std::istringstream as(line);
        for (double &v : values) as >> v;
        if (!as) return false;
        order.push_back({(long) values[cid], q});
        type.push_back((int) values[ctype]);
        for (int k = 0; k < 3; k++) x.push_back(values[cx + k] - lo[k]);
      }
      if (order.size() != natoms || natoms == 0) return false;
      std::sort(order.begin(), order.end());
      s.lx = hi[0] - lo[0];
      s.ly = hi[1] - lo[1];
      s.lz = hi[2] - lo[2];
      s.x.clear();
      ids.clear();
      types.clear();
      for (const auto &o : order) {
        ids.push_back(o.first);
        types.push_back(type[o.second]);
        s.x.insert(s.x.end(), &x[3 * o.second], &x[3 * o.second] + 3);
      }
      wrap(s);
      return true;
    }
  }
  return false;
}

// face count and edge-count histogram of a voro++ cell after the thresholds
template <class Cell>
void thresholded_index(Cell &c, double min_area_abs, double min_area_rel, double min_edge, int &n_faces,
                       std::array<int, MGG_VORONOI_MAX_EDGES + 1> &edges)
{
  std::vector<double> areas, v;
  std::vector<int> faces;
  c.face_areas(areas);
  c.face_vertices(faces);
  c.vertices(v);
  double total = 0.0;
  for (double a : areas) total += a;
  const double min_area = std::max(min_area_abs, min_area_rel * total);
  n_faces = 0;
  edges.fill(0);
  size_t f = 0;
  for (size_t p = 0; p < faces.size(); p += faces[p] + 1, f++) {
    if (areas[f] < min_area) continue;
    const int m = faces[p];
    int counted = 0;
    for (int k = 0; k < m; k++) {
      const int a = faces[p + 1 + k], b = faces[p + 1 + (k + 1) % m];
      const double d[3] = {v[3 * b] - v[3 * a], v[3 * b + 1] - v[3 * a + 1], v[3 * b + 2] - v[3 * a + 2]};
      counted += std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) >= min_edge;
    }
    n_faces++;
    edges[std::min(counted, MGG_VORONOI_MAX_EDGES)]++;
  }
}

template <class Container>
void print_cells(Container &con, const std::vector<long> &ids, double min_area_abs, double min_area_rel,
                 double min_edge)
{
  const size_t n = ids.size();
  std::vector<double> volume(n, 0.0), area(n, 0.0);
  std::vector<int> faces(n, -1);
  std::vector<std::array<int, MGG_VORONOI_MAX_EDGES + 1>> edges(n);
  voro::c_loop_all_periodic vl(con);
  voro::voronoicell c;
  if (vl.start()) do
      if (con.compute_cell(c, vl)) {
        const int q = vl.pid();
        volume[q] = c.volume();
        area[q] = c.surface_area();
        thresholded_index(c, min_area_abs, min_area_rel, min_edge, faces[q], edges[q]);
      }
    while (vl.inc());
  for (size_t q = 0; q < n; q++)
    std::printf("%ld %.17g %.17g %d %d %d %d %d %d\n", ids[q], volume[q], area[q], faces[q], edges[q][3],
                edges[q][4], edges[q][5], edges[q][6], edges[q][7]);
}

int per_atom_mode(int argc, char **argv)
{
  System s;
  std::vector<long> ids;
  std::vector<int> types;
  if (!read_dump(argv[2], s, ids, types)) {
    std::fprintf(stderr, "cannot read the dump %s (columns id type x y z expected)\n", argv[2]);
    return 2;
  }
  const int ntypes = *std::max_element(types.begin(), types.end());
  std::vector<double> radius;
  double min_area_abs = 0.0, min_area_rel = 0.0, min_edge = 0.0;
  for (int k = 3; k < argc; k++) {
    const std::string option = argv[k];
    if (option == "--radius" && k + ntypes < argc) {
      for (int t = 1; t <= ntypes; t++) radius.push_back(std::atof(argv[k + t]));
      k += ntypes;
    } else if (option == "--face-area" && k + 1 < argc) {
      min_area_abs = std::atof(argv[++k]);
    } else if (option == "--face-fraction" && k + 1 < argc) {
      min_area_rel = std::atof(argv[++k]);
    } else if (option == "--edge-length" && k + 1 < argc) {
      min_edge = std::atof(argv[++k]);
    } else {
      std::fprintf(stderr, "unknown or incomplete option %s\n", argv[k]);
      return 2;
    }
  }
  const size_t n = s.size();
  const double per = std::cbrt(s.volume() / (n / 5.0));
  const int nx = std::max(1, (int) (s.lx / per)), ny = std::max(1, (int) (s.ly / per)),
            nz = std::max(1, (int) (s.lz / per));
  if (radius.empty()) {
    voro::container_periodic con(s.lx, s.xy, s.ly, s.xz, s.yz, s.lz, nx, ny, nz, 8);
    for (size_t q = 0; q < n; q++) con.put((int) q, s.x[3 * q], s.x[3 * q + 1], s.x[3 * q + 2]);
    print_cells(con, ids, min_area_abs, min_area_rel, min_edge);
  } else {
    voro::container_periodic_poly con(s.lx, s.xy, s.ly, s.xz, s.yz, s.lz, nx, ny, nz, 8);
    for (size_t q = 0; q < n; q++)
      con.put((int) q, s.x[3 * q], s.x[3 * q + 1], s.x[3 * q + 2], radius[types[q] - 1]);
    print_cells(con, ids, min_area_abs, min_area_rel, min_edge);
  }
  return 0;
}

} // namespace

int main(int argc, char **argv)
{
  if (argc >= 3 && std::strcmp(argv[1], "--dump") == 0) return per_atom_mode(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATAFILE\n", argv[0]);
    return 2;
  }
  System glass;
  if (!read_data(argv[1], glass)) {
    std::fprintf(stderr, "cannot read %s (orthogonal box, Atoms # atomic expected)\n", argv[1]);
    return 2;
  }
  const char *slash = std::strrchr(argv[1], '/');
  glass.name = slash ? slash + 1 : argv[1];
  const int repeats = 5;
  bool ok = compare(glass, repeats);
  ok &= compare(sheared(glass, 0.23, -0.17, 0.31), repeats);
  ok &= compare(crystal("fcc 6x6x6", 6, 3.61, {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}), repeats);
  ok &= compare(crystal("B2 8x8x8", 8, 3.26, {{0, 0, 0}, {0.5, 0.5, 0.5}}), repeats);
  const System fcc = crystal("fcc", 6, 3.61, {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}});
  const System b2 = crystal("B2", 8, 3.26, {{0, 0, 0}, {0.5, 0.5, 0.5}});
  ok &= check_snapped(jittered(fcc, 1e-12, 7u), {0, 0, 0, 0, 12});
  ok &= check_snapped(jittered(b2, 1e-12, 11u), {0, 0, 0, 0, 6, 0, 8});
  for (double amplitude : {1e-6, 1e-3}) {
    ok &= compare(jittered(fcc, amplitude, 7u), 1);
    ok &= compare(jittered(b2, amplitude, 11u), 1);
  }
  std::printf("%s\n", ok ? "oracle: PASS" : "oracle: FAIL");
  return ok ? 0 : 1;
}
