"""compute s2entropy on 2 MPI ranks against 1 rank, after 50 MD steps in a triclinic cell (atoms
have moved between ranks): every value identical to 1e-12 relative (only the order of the
neighbour sums differs).  Also checks avg yes rc2 with a group (the Cu atoms): the second column
is the mean of the first over the atom and the group atoms within rc2, recomputed with numpy."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

RC2 = 3.9
SCRIPT = mggtest.glass_header() + f"""
comm_modify cutoff 10.2
change_box all triclinic
change_box all xy final 2.0 xz final -1.0 yz final 0.7 remap units box
group cu type 1
velocity all create 300 4321 dist gaussian
fix md all nve
timestep 0.002
compute f all s2entropy 6.4
compute g all s2entropy 6.4 smoothing growing
compute a cu s2entropy 6.4 avg yes {RC2}
dump d all custom 50 s2.dump id type x y z c_f c_g c_a[1] c_a[2]
dump_modify d format float %.17g
run 50
"""


def last_snapshot(path):
    """Dump reads the first snapshot: keep the last one in a file of its own."""
    with open(path) as f:
        text = f.read()
    last = path + ".last"
    with open(last, "w") as f:
        f.write(text[text.rindex("ITEM: TIMESTEP"):])
    return mggtest.Dump(last)


def main():
    results = {}
    for ranks in (1, 2):
        wd = mggtest.workdir(f"s2entropy_mpi_np{ranks}")
        mggtest.run_lammps(SCRIPT, wd, np_ranks=ranks)
        results[ranks] = last_snapshot(os.path.join(wd, "s2.dump"))
    one, two = results[1], results[2]
    for col in ("x", "c_f", "c_g", "c_a[1]", "c_a[2]"):
        mggtest.assert_close(f"{col}, 2 ranks vs 1", two[col], one[col], rtol=1e-12, atol=1e-13)

    # the average column from the first: minimum-image distances in the triclinic cell
    cu = one["type"] == 1
    x = one.cols("x", "y", "z")
    s2 = one["c_a[1]"]
    assert np.all(s2[~cu] == 0.0) and np.all(s2[cu] < 0.0)
    mggtest.assert_close("first column = S2 of the Cu atoms", s2[cu], one["c_f"][cu], rtol=1e-14)
    hinv = np.linalg.inv(one.h)
    expected = np.zeros(len(s2))
    counts = []
    for i in np.nonzero(cu)[0]:
        frac = (x - x[i]) @ hinv.T
        d = (frac - np.round(frac)) @ one.h.T
        near = cu & (np.linalg.norm(d, axis=1) < RC2)   # includes i itself
        expected[i] = s2[near].mean()
        counts.append(near.sum())
    mggtest.assert_close(f"avg over Cu neighbours within {RC2} (mean count {np.mean(counts):.1f})",
                         one["c_a[2]"], expected, rtol=1e-12)
    print("PASS")


if __name__ == "__main__":
    main()
