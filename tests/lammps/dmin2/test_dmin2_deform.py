"""Under fix deform (which changes the box and remaps the owned atoms after the step's
communication), D2min at the deformed step equals a run 0 at the same configuration; the D2min
of a pure affine shear is zero.  Before ghost positions were refreshed it was 0.016 at the
first step (ghosts left at images of the old box)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

# no integrator: fix deform's remap is the only motion, so 'affine' sees a pure shear
SCRIPT = mggtest.glass_header() + mggtest.deform_script("""
change_box all triclinic
compute d all dmin2 3.8
displace_atoms all random 0.1 0.1 0.1 5 units box
compute affine all dmin2 3.8""", "c_d[1] c_d[2] c_affine[1] c_affine[2]", "xy erate 5 y erate 0.5")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"dmin2_deform_np{args.np}")
    mggtest.run_lammps(SCRIPT, wd, np_ranks=args.np, name="in.deform")
    deformed, still = mggtest.deform_dumps(wd)
    assert deformed.h[0, 1] > 0.3, "the box was sheared"
    assert np.mean(still["c_d[1]"]) > 1e-3, "the displaced atoms give D2min"
    mggtest.assert_close("D2min under deform vs run 0", deformed["c_d[1]"], still["c_d[1]"],
                         rtol=1e-9, atol=1e-15)
    mggtest.assert_close("neighbours under deform vs run 0", deformed["c_d[2]"], still["c_d[2]"],
                         rtol=0.0)
    mggtest.assert_close("D2min of the affine shear", deformed["c_affine[1]"], 0.0, rtol=0.0,
                         atol=1e-20)
    for step in (1, 2):
        affine = mggtest.Dump(os.path.join(wd, f"deform.{step}.dump"))["c_affine[1]"]
        mggtest.assert_close(f"D2min of the affine shear at step {step}", affine, 0.0, rtol=0.0,
                             atol=1e-20)
    print("PASS")


if __name__ == "__main__":
    main()
