"""Under fix deform (which changes the box and remaps the owned atoms after the step's
communication), S2 at the deformed step equals a run 0 at the same configuration (with avg:
both columns).  Before ghost positions were refreshed it was 0.3% off (ghosts left at images
of the old box)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

COLUMNS = "c_s2 c_a[1] c_a[2]"
SCRIPT = mggtest.glass_header() + mggtest.deform_script("""
comm_modify cutoff 8.0
change_box all triclinic
compute s2 all s2entropy 6.4
compute a all s2entropy 6.4 avg yes 3.9""", COLUMNS, "xy erate 5 x erate -0.5")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"s2entropy_deform_np{args.np}")
    mggtest.run_lammps(SCRIPT, wd, np_ranks=args.np, name="in.deform")
    deformed, still = mggtest.deform_dumps(wd)
    before = mggtest.Dump(os.path.join(wd, "deform.0.dump"))
    assert np.abs(deformed.h - before.h).max() > 0.3, "the box was deformed"
    for column in COLUMNS.split():
        mggtest.assert_close(f"{column} under deform vs run 0", deformed[column], still[column],
                             rtol=1e-10)
    print("PASS")


if __name__ == "__main__":
    main()
