#include "mgg_aqs_files.h"

#include "atom.h"
#include "comm.h"
#include "universe.h"
#include "update.h"

#include "mgg_gather.h"
#include "mgg_style_util.h"

#include <algorithm>
#include <vector>

using namespace LAMMPS_NS;

namespace mgg {

AqsFiles::~AqsFiles()
{
  if (event_file) fclose(event_file);
  if (atoms_file) fclose(atoms_file);
}

void AqsFiles::open(const std::string &event_path, const std::string &atoms_path, bool append,
                    const EventAnalysisParams *analysis)
{
  const bool analyse = analysis != nullptr;
  atoms_asked = !atoms_path.empty();
  if (lmp->comm->me != 0 || lmp->universe->iworld != 0) return;
  const char *mode = append ? "a" : "w";
  if (!event_path.empty() && !event_file) {
    event_file = fopen(event_path.c_str(), mode);
    if (!event_file) StyleArgs(lmp, "Fix", style).fail_local("cannot open event file " + event_path);
    if (!append)
      fprintf(event_file, "# event step strain stress_before stress_after drop shortfall energy_drop "
                          "dissipated force_evaluations%s (stress: pressure units, energy: eV; drop: "
                          "from the step before along the loading; shortfall: against the elastic "
                          "prediction; dissipated: work of the step minus energy gained%s)\n",
              analyse ? " n_d2min_above n_clusters cluster_sizes" : "",
              analyse ? fmt::format("; n_d2min_above: atoms whose D2min from the relaxed state "
                                    "before the step, the {} over the neighbours within {:g} A, "
                                    "exceeds {:g} A^2; cluster sizes descending, - for none",
                                    analysis->d2min_norm == MGG_DMIN2_SUM ? "sum" : "mean",
                                    analysis->dmin2_cutoff, analysis->d2min_threshold).c_str()
                      : "");
    fflush(event_file);
  }
  if (!atoms_path.empty() && !atoms_file) {
    atoms_file = fopen(atoms_path.c_str(), mode);
    if (!atoms_file) StyleArgs(lmp, "Fix", style).fail_local("cannot open atoms file " + atoms_path);
  }
}

void AqsFiles::write_event(const AqsEventLine &e, const EventSummary *analysis)
{
  if (!event_file) return;
  fprintf(event_file, "%ld " BIGINT_FORMAT " %.8g %.10g %.10g %.10g %.10g %.10g %.10g %ld",
          e.event, e.step, e.strain, e.stress_before, e.stress_after, e.drop, e.shortfall,
          e.energy_drop, e.dissipated, e.evaluations);
  if (analysis) {
    std::string sizes;
    for (long size : analysis->cluster_sizes)
      sizes += (sizes.empty() ? "" : ",") + std::to_string(size);
    fprintf(event_file, " %ld %zu %s", analysis->n_above, analysis->cluster_sizes.size(),
            sizes.empty() ? "-" : sizes.c_str());
  }
  fprintf(event_file, "\n");
  fflush(event_file);
}

void AqsFiles::write_atoms(long event, double strain, const AqsSweepSummary &sw,
                           double *const *rows, int n_out)
{
  if (!atoms_asked) return;
  const Atom *atom = lmp->atom;
  // per atom: type, then the per-atom outputs
  const int width = 1 + n_out;
  std::vector<double> local(static_cast<size_t>(width) * atom->nlocal);
  for (int i = 0; i < atom->nlocal; i++) {
    local[width * i] = atom->type[i];
    std::copy_n(rows[i], n_out, &local[width * i + 1]);
  }
  const AtomRows all =
      gather_by_tag(StyleArgs(lmp, "Fix", style), lmp, local_tags(lmp), local, width, false);
  if (!atoms_file) return;
  fprintf(atoms_file,
          "# event %ld step " BIGINT_FORMAT " strain %.8g reference_D_f %.6f gap_lower %.6g "
          "gap_upper %.6g core_threshold %.6g n_core %zu\n"
          "# id type D_f core d2min broken formed von_mises_change cluster evaluations "
          "neighbours\n",
          event, lmp->update->ntimestep, strain, sw.df_reference, sw.gap_lower, sw.gap_upper,
          sw.threshold, sw.n_core);
  for (size_t k = 0; k < all.size(); k++) {
    const double *out = all.row(k) + 1;
    fprintf(atoms_file, TAGINT_FORMAT " %.0f %.12g %.0f %.12g %.0f %.0f %.12g %.0f %.0f %.0f\n",
            all.tag[k], all.row(k)[0], out[0], out[1], out[2], out[3], out[4], out[5], out[6],
            out[7], out[8]);
  }
  fflush(atoms_file);
}

}    // namespace mgg
