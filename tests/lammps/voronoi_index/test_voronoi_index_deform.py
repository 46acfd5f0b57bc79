"""Under fix deform (which changes the box and remaps the owned atoms after the step's
communication), the cells at the deformed step equal those of a run 0 at the same
configuration, and the volumes sum to the box volume.  Before ghost positions were refreshed
they summed to 35729.09 instead of 35729.64 (ghosts left at images of the old box)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
import vindex  # noqa: E402

COLUMNS = vindex.dump_columns("v")
SCRIPT = mggtest.glass_header() + mggtest.deform_script("""
change_box all triclinic
compute v all voronoi_index face_fraction 0""", COLUMNS, "xy erate 5 z erate 0.5")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"voronoi_index_deform_np{args.np}")
    mggtest.run_lammps(SCRIPT, wd, np_ranks=args.np, name="in.deform")
    for step in (1, 2):
        dump = mggtest.Dump(os.path.join(wd, f"deform.{step}.dump"))
        cells = vindex.per_atom(dump, "v")
        mggtest.assert_close(f"sum of the volumes at step {step} vs the box volume",
                             cells["volume"].sum(), np.linalg.det(dump.h), rtol=1e-11)
    deformed, still = (vindex.per_atom(dump, "v") for dump in mggtest.deform_dumps(wd))
    for name in vindex.COLUMNS:
        mggtest.assert_close(f"{name} under deform vs run 0", deformed[name], still[name],
                             rtol=1e-9)
    print("PASS")


if __name__ == "__main__":
    main()
