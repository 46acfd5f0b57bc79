// Entry point of libmgglass.so: registers every mgglass style with LAMMPS ("plugin load").
#include "lammpsplugin.h"
#include "version.h"

#include "compute_dmin2.h"
#include "compute_flexvol.h"
#include "compute_participation.h"
#include "compute_s2entropy.h"
#include "compute_voronoi_index.h"
#include "fix_artn.h"
#include "fix_frozen_atom_aqs.h"
#include "mgg_style_util.h"

using namespace LAMMPS_NS;

namespace {

// A factory per compute style: the group is checked first so that the error names the style.
template <class C> Compute *compute_creator(LAMMPS *lmp, int argc, char **argv, const char *style)
{
  mgg::require_group(lmp, "Compute", style, argc, argv);
  return new C(lmp, argc, argv);
}

Compute *dmin2_creator(LAMMPS *lmp, int argc, char **argv)
{
  return compute_creator<ComputeDmin2>(lmp, argc, argv, "dmin2");
}

Compute *voronoi_index_creator(LAMMPS *lmp, int argc, char **argv)
{
  return compute_creator<ComputeVoronoiIndex>(lmp, argc, argv, "voronoi_index");
}

Compute *s2entropy_creator(LAMMPS *lmp, int argc, char **argv)
{
  return compute_creator<ComputeS2Entropy>(lmp, argc, argv, "s2entropy");
}

Compute *flexvol_creator(LAMMPS *lmp, int argc, char **argv)
{
  return compute_creator<ComputeFlexvol>(lmp, argc, argv, "flexvol");
}

Compute *participation_creator(LAMMPS *lmp, int argc, char **argv)
{
  return compute_creator<ComputeParticipation>(lmp, argc, argv, "participation");
}

Fix *frozen_atom_aqs_creator(LAMMPS *lmp, int argc, char **argv)
{
  mgg::require_group(lmp, "Fix", "frozen_atom_aqs", argc, argv);
  return new FixFrozenAtomAqs(lmp, argc, argv);
}

Fix *artn_creator(LAMMPS *lmp, int argc, char **argv)
{
  mgg::require_group(lmp, "Fix", "artn", argc, argv);
  return new FixArtn(lmp, argc, argv);
}

void register_style(lammpsplugin_regfunc register_plugin, void *lmp, void *handle,
                    const char *kind, const char *name, const char *info,
                    lammpsplugin_factory2 *creator)
{
  lammpsplugin_t plugin;
  plugin.version = LAMMPS_VERSION;
  plugin.style = kind;
  plugin.name = name;
  plugin.info = info;
  plugin.author = "mgglass developers";
  plugin.creator.v2 = creator;
  plugin.handle = handle;
  (*register_plugin)(&plugin, lmp);
}

}    // namespace

extern "C" void lammpsplugin_init(void *lmp, void *handle, void *regfunc)
{
  auto register_plugin = (lammpsplugin_regfunc) regfunc;
  register_style(register_plugin, lmp, handle, "compute", "dmin2",
                 "mgglass: Falk-Langer non-affine displacement D2min",
                 (lammpsplugin_factory2 *) &dmin2_creator);
  register_style(register_plugin, lmp, handle, "compute", "voronoi_index",
                 "mgglass: Voronoi volume, coordination, index <n3..n7> and motif per atom",
                 (lammpsplugin_factory2 *) &voronoi_index_creator);
  register_style(register_plugin, lmp, handle, "compute", "s2entropy",
                 "mgglass: per-atom two-body excess entropy S2 with type-resolved partial g(r)",
                 (lammpsplugin_factory2 *) &s2entropy_creator);
  register_style(register_plugin, lmp, handle, "compute", "flexvol",
                 "mgglass: flexibility volume from vibrational MSD and Voronoi volume",
                 (lammpsplugin_factory2 *) &flexvol_creator);
  register_style(register_plugin, lmp, handle, "compute", "participation",
                 "mgglass: normal modes, participation fractions and vibrational DOS",
                 (lammpsplugin_factory2 *) &participation_creator);
  register_style(register_plugin, lmp, handle, "fix", "frozen_atom_aqs",
                 "mgglass: athermal quasi-static shear with frozen-atom analysis of each event",
                 (lammpsplugin_factory2 *) &frozen_atom_aqs_creator);
  register_style(register_plugin, lmp, handle, "fix", "artn",
                 "mgglass: validated saddle searches by ARTn (activation-relaxation technique nouveau)",
                 (lammpsplugin_factory2 *) &artn_creator);
}
