"""compute s2entropy against the independent numpy implementation tests/unit/s2_reference.py
(explicit periodic images, untruncated Gaussians, Simpson's rule) at a fine grid, to 1e-6
relative: fixed and growing widths at the seed's cutoffs 6.4 and 11.2 A, other growth
parameters, an orthogonal and a triclinic cell.  The centres are a group of atoms spread through
the 2,000-atom Cu50Zr50 glass; their neighbours are all atoms.  Runs on --np ranks."""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "unit"))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
from s2_reference import s2_reference  # noqa: E402

# (column, group, rc, sigma, smoothing, growth, growth_start); the search radius of the widest
# (growing, rc 11.2: 11.2 + 6 w(11.2) = 22.0 A) sets comm_modify cutoff
CASES = [
    ("f64", "centres", 6.4, 0.2, "fixed", 0.0, 0.0),
    ("g64", "centres", 6.4, 0.2, "growing", 0.03, 3.9),
    ("f112", "few", 11.2, 0.2, "fixed", 0.0, 0.0),
    ("g112", "few", 11.2, 0.2, "growing", 0.03, 3.9),
    ("w88", "centres", 8.8, 0.35, "growing", 0.01, 0.0),
]
GROUPS = {"centres": range(1, 2001, 71), "few": range(5, 2001, 397)}
DR = 0.001  # the compute's trapezoid step; the numpy reference uses Simpson at 0.002


def compute_line(col, group, rc, sigma, smoothing, growth, r0):
    extra = f" growth {growth} growth_start {r0}" if smoothing == "growing" else ""
    return (f"compute {col} {group} s2entropy {rc} sigma {sigma} dr {DR} "
            f"smoothing {smoothing}{extra}\n")


def script():
    lines = mggtest.glass_header() + "comm_modify cutoff 22.5\n"
    lines += "".join(f"group {name} id {ids.start}:{ids.stop - 1}:{ids.step}\n"
                     for name, ids in GROUPS.items())
    lines += "".join(compute_line(*case) for case in CASES)
    cols = " ".join(f"c_{case[0]}" for case in CASES)
    for name, cell in (("ortho", ""), ("tri", "change_box all triclinic\n"
                       "change_box all xy final 3.0 xz final -2.0 yz final 1.5 remap units box\n")):
        lines += cell
        lines += (f"dump d all custom 1 {name}.dump id type x y z {cols}\n"
                  "dump_modify d format float %.17g\nrun 0\nundump d\n")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"s2entropy_numpy_np{args.np}")
    mggtest.run_lammps(script(), wd, np_ranks=args.np)
    for name in ("ortho", "tri"):
        dump = mggtest.Dump(os.path.join(wd, name + ".dump"))
        types = dump["type"].astype(int) - 1
        x = dump.cols("x", "y", "z")
        ids = dump["id"].astype(int)
        for col, group, rc, sigma, smoothing, growth, r0 in CASES:
            rows = np.nonzero(np.isin(ids, list(GROUPS[group])))[0]
            ref = [s2_reference(k, types, x, dump.h, rc, sigma, growth, r0,
                                smoothing == "growing", 0.002) for k in rows]
            mggtest.assert_close(f"{name} {col} ({len(rows)} atoms, S2 {np.mean(ref):.4f})",
                                 dump[f"c_{col}"][rows], ref, rtol=1e-6)
            others = np.setdiff1d(np.arange(len(ids)), rows)
            assert np.all(dump[f"c_{col}"][others] == 0.0), "atoms outside the group must be 0"
    print("PASS")


if __name__ == "__main__":
    main()
