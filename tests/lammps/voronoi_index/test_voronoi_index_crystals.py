"""compute voronoi_index on perfect crystals, where the answer is known analytically:
fcc (a = 3.615 A): every cell a rhombic dodecahedron, volume a^3/4, CN 12, index <0,12,0,0>;
B2 CuZr (a = 3.26 A): every cell a truncated octahedron, volume a^3/2, CN 14, <0,6,0,8>
(each of its square faces is 3.7% of the surface: kept by the default 1% threshold).  Also a 2x2x2 fcc
box (7.2 A) whose cells are cut by periodic images of their own atom.  The motif column
follows the documented rule (species-blind: both cells are GUMs, four-edged faces), and the
global table has one row per type with every atom.

    test_voronoi_index_crystals.py [--np N]"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
import vindex  # noqa: E402

A_FCC, A_B2 = 3.615, 3.26
CRYSTALS = {
    # name: (lattice commands, cells, volume, (CN, n3..n7), types)
    "fcc": (f"lattice fcc {A_FCC}\nregion box block 0 4 0 4 0 4\ncreate_box 1 box\n"
            "create_atoms 1 box\nmass 1 63.546", A_FCC ** 3 / 4, (12, 0, 12, 0, 0, 0), 1),
    "fcc_small": (f"lattice fcc {A_FCC}\nregion box block 0 2 0 2 0 2\ncreate_box 1 box\n"
                  "create_atoms 1 box\nmass 1 63.546", A_FCC ** 3 / 4, (12, 0, 12, 0, 0, 0), 1),
    "B2": (f"lattice custom {A_B2} a1 1 0 0 a2 0 1 0 a3 0 0 1 basis 0 0 0 basis 0.5 0.5 0.5\n"
           "region box block 0 5 0 5 0 5\ncreate_box 2 box\n"
           "create_atoms 1 box basis 1 1 basis 2 2\nmass 1 63.546\nmass 2 91.224",
           A_B2 ** 3 / 2, (14, 0, 6, 0, 8, 0), 2),
}


def script(lattice, ntypes):
    return f"""
plugin load libmgglass.so
units metal
{lattice}
pair_style lj/cut 5.0
pair_coeff * * 0.4 2.3
compute v all voronoi_index global yes top 2
fix table all ave/time 1 1 1 c_v[*] mode vector file table.txt format " %.17g"
dump d all custom 1 cells.dump id type {vindex.dump_columns("v")}
dump_modify d format float %.17g
run 0
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    for name, (lattice, volume, index, ntypes) in CRYSTALS.items():
        wd = mggtest.workdir(f"voronoi_index_crystals_{name}_np{args.np}")
        mggtest.run_lammps(script(lattice, ntypes), wd, args.np)
        dump = mggtest.Dump(os.path.join(wd, "cells.dump"))
        cols = vindex.per_atom(dump, "v")
        types = dump["type"].astype(int)
        mggtest.assert_close(f"{name} volume", cols["volume"], np.full(len(types), volume), 1e-10)
        got_index = np.column_stack([cols[c] for c in vindex.COLUMNS[1:7]])
        wrong = (got_index != index).any(axis=1).sum()
        print(f"{name}: {wrong} of {len(types)} cells differ from CN {index[0]} <{index[1:]}>")
        assert wrong == 0, f"{name}: index"
        assert np.array_equal(cols["motif"], vindex.motifs(cols, types)), f"{name}: motif"
        table = vindex.read_ave_time_vector(os.path.join(wd, "table.txt"))
        expected = np.zeros((2 * ntypes, 9))
        for t in range(1, ntypes + 1):
            expected[2 * (t - 1):2 * t, 0] = t
            expected[2 * (t - 1), 1:7] = index
            expected[2 * (t - 1), 7:9] = [(types == t).sum(), 1.0]
        mggtest.assert_close(f"{name} table", table, expected, 1e-14)
    print("PASS")


if __name__ == "__main__":
    main()
