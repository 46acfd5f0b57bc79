// Entry point of libmgglass.so: registers every mgglass style with LAMMPS ("plugin load").
#include "lammpsplugin.h"
#include "version.h"

#include "compute_dmin2.h"
#include "mgg_style_util.h"

using namespace LAMMPS_NS;

namespace {

Compute *dmin2_creator(LAMMPS *lmp, int argc, char **argv)
{
  mgg::require_group(lmp, "Compute", "dmin2", argc, argv);
  return new ComputeDmin2(lmp, argc, argv);
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
}
