#include "mgg_artn_tally.h"

#include <algorithm>

using namespace LAMMPS_NS;

namespace mgg {

namespace {

// the restart data: a marker, then the version of their layout
constexpr double RESTART_MARKER = 14.0e6;
constexpr double RESTART_VERSION = 1.0;

}    // namespace

void ArtnTally::count(tagint centre, bool validated, bool distinct, double e_act, double cost)
{
  AtomStats &st = stats[centre];
  st.searches += 1.0;
  n_searches++;
  total_cost += cost;
  if (!validated) return;
  n_saddles++;
  st.saddles += 1.0;
  if (!distinct) return;
  n_distinct++;
  st.min_eact = st.distinct > 0.0 ? std::min(st.min_eact, e_act) : e_act;
  st.sum_eact += e_act;
  st.distinct += 1.0;
}

double ArtnTally::global(int i) const
{
  switch (i) {
    case 0: return static_cast<double>(n_searches);
    case 1: return static_cast<double>(n_saddles);
    case 2: return n_searches ? static_cast<double>(n_saddles) / static_cast<double>(n_searches) : 0.0;
    case 3: return n_saddles ? total_cost / static_cast<double>(n_saddles) : 0.0;
    default: return static_cast<double>(n_distinct);
  }
}

ArtnTally::AtomStats ArtnTally::atom(tagint tag) const
{
  const auto it = stats.find(tag);
  return it == stats.end() ? AtomStats() : it->second;
}

void ArtnTally::pack(std::vector<double> &v) const
{
  v.insert(v.end(), {static_cast<double>(n_searches), static_cast<double>(n_saddles),
                     static_cast<double>(n_distinct), total_cost, static_cast<double>(stats.size())});
  for (const auto &ts : stats)
    v.insert(v.end(), {static_cast<double>(ts.first), ts.second.searches, ts.second.saddles,
                       ts.second.min_eact, ts.second.sum_eact, ts.second.distinct});
}

const double *ArtnTally::unpack(const double *v)
{
  n_searches = static_cast<bigint>(v[0]);
  n_saddles = static_cast<bigint>(v[1]);
  n_distinct = static_cast<bigint>(v[2]);
  total_cost = v[3];
  const size_t n_stats = static_cast<size_t>(v[4]);
  v += 5;
  stats.clear();
  for (size_t i = 0; i < n_stats; i++, v += 6) stats[static_cast<tagint>(v[0])] = {v[1], v[2], v[3], v[4], v[5]};
  return v;
}

void write_artn_restart(FILE *fp, const ArtnRestart &r)
{
  std::vector<double> v = {static_cast<double>(r.seed), static_cast<double>(r.mode),
                           static_cast<double>(r.steps)};
  r.tally.pack(v);
  v.push_back(static_cast<double>(r.saddles.size()));
  for (const auto &sd : r.saddles) v.insert(v.end(), {static_cast<double>(sd.first), sd.second});
  write_restart_values(fp, RESTART_MARKER, RESTART_VERSION, v);
}

ArtnRestart read_artn_restart(const StyleArgs &args, const char *buf, const std::string &fix_id,
                              SourceLine where)
{
  const double *v = args.restart_values(buf, RESTART_MARKER, RESTART_VERSION, fix_id, where);
  ArtnRestart r;
  r.seed = static_cast<uint64_t>(v[0]);
  r.mode = static_cast<int>(v[1]);
  r.steps = static_cast<bigint>(v[2]);
  v = r.tally.unpack(v + 3);
  const size_t n_known = static_cast<size_t>(*v++);
  for (size_t i = 0; i < n_known; i++, v += 2) r.saddles.push_back({static_cast<bigint>(v[0]), v[1]});
  return r;
}

}    // namespace mgg
