"""compute dmin2 against an independent numpy implementation on a sheared, thermally and randomly
perturbed 2,000-atom glass in a triclinic cell whose tilts changed since the reference; under
--np 2 also against the serial result.  --cutoff up to the ghost cutoff (--comm sets
comm_modify cutoff); norm sum checked against mean x neighbours."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
from dmin2_reference import dmin2_numpy  # noqa: E402

HEADER = mggtest.glass_header() + """
change_box all triclinic
change_box all xy final 2.0 xz final -1.0 yz final 0.7 remap units box
"""

# the deformed configuration: MD at 300 K with shear and stretch (atoms cross boundaries,
# tilts change), then a random displacement of every atom
PREPARE = HEADER + """
write_dump all custom ref.dump id type x y z ix iy iz modify format float %.17g
velocity all create 300 4321 dist gaussian
fix md all nvt temp 300 300 0.1
fix shear all deform 1 xy erate 0.01 yz erate -0.005 z erate 0.002 remap x
timestep 0.002
run 2000
unfix md
unfix shear
displace_atoms all random 0.15 0.15 0.15 777 units box
reset_timestep 0
write_dump all custom deformed.dump id type x y z ix iy iz modify format float %.17g
"""

# the compute sees the reference, then the deformed configuration read back from the dump
EVALUATE = HEADER + """
comm_modify cutoff ${comm}
compute d all dmin2 ${cutoff} search ${search}
compute ds all dmin2 ${cutoff} search ${search} norm sum
compute dsum all reduce sum c_d[1] c_ds[1]
thermo_style custom step pe c_dsum[1] c_dsum[2]
run 0
read_dump deformed.dump 0 x y z ix iy iz box yes replace yes
dump out all custom 1 out_np${np}.dump id type x y z ix iy iz c_d[1] c_d[2] c_d[3] c_d[4] c_d[5] c_ds[1]
dump_modify out format float %.17g
run 0
"""


def check_against_numpy(out, ref_values):
    mggtest.assert_close("neighbour count", out["c_d[2]"], ref_values[:, 1], rtol=0.0)
    mggtest.assert_close("norm sum vs mean x N", out["c_ds[1]"], out["c_d[1]"] * out["c_d[2]"],
                         rtol=1e-12)
    assert np.all(out["c_d[5]"] == 0), "no atom of the glass may be flagged"
    mggtest.assert_close("D2min", out["c_d[1]"], ref_values[:, 0], rtol=1e-8)
    mggtest.assert_close("von Mises strain", out["c_d[3]"], ref_values[:, 2], rtol=1e-8, atol=1e-12)
    mggtest.assert_close("volumetric strain", out["c_d[4]"], ref_values[:, 3], rtol=1e-8, atol=1e-12)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--cutoff", type=float, default=3.8)
    parser.add_argument("--search", type=float, default=7.5)
    parser.add_argument("--comm", type=float, default=0.0, help="comm_modify cutoff (0: default)")
    args = parser.parse_args()
    ranks = args.np
    wd = mggtest.workdir(f"dmin2_numpy_np{ranks}_rc{args.cutoff:g}")
    mggtest.run_lammps(PREPARE, wd, name="in.prepare")
    ref = mggtest.Dump(os.path.join(wd, "ref.dump"))
    cur = mggtest.Dump(os.path.join(wd, "deformed.dump"))
    assert np.abs(cur.h[0, 1] - ref.h[0, 1]) > 1.0, "the tilt must have changed"
    expected = dmin2_numpy(ref, cur, args.cutoff)
    print(f"numpy: mean D2min {expected[:, 0].mean():.4f} A^2, mean neighbours "
          f"{expected[:, 1].mean():.2f}, mean von Mises {expected[:, 2].mean():.4f}")

    runs = [1] if ranks == 1 else [1, ranks]
    results = {}
    for n in runs:
        mggtest.run_lammps(EVALUATE, wd, np_ranks=n, name=f"in.evaluate_np{n}",
                           variables={"np": n, "cutoff": args.cutoff, "search": args.search,
                                      "comm": args.comm})
        results[n] = mggtest.Dump(os.path.join(wd, f"out_np{n}.dump"))
        print(f"-- {n} rank(s) against numpy")
        check_against_numpy(results[n], expected)
    if ranks > 1:
        for col in ("c_d[1]", "c_d[2]", "c_d[3]", "c_d[4]", "c_d[5]", "c_ds[1]"):
            mggtest.assert_close(f"{col} np {ranks} vs serial", results[ranks][col], results[1][col],
                                 rtol=1e-10, atol=1e-14)
    print("PASS")


if __name__ == "__main__":
    main()
