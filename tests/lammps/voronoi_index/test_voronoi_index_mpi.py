"""compute voronoi_index gives the same results on 1 and 2 MPI ranks, and the adaptive search
(first radius 2.2 atomic spacings, open cells redone with larger radii up to the ghost cutoff)
gives the cells of a fixed search at the ghost cutoff.  Cu64Zr36 glass in a tilted box after a
short MD run; plain cells and radical cells with very unequal radii (0.5 / 2.5 A: the Zr cells
reach far, so the first pass leaves many open).  Per atom CN, n3..n7 and motif identical,
volumes and areas to 1e-12; the global table and motif fractions identical."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
import vindex  # noqa: E402

COMPUTES = {
    "plain": "favoured_cn 12 16",
    "plain_fixed": "favoured_cn 12 16 search 9.6",
    "radical": "radius 0.5 2.5 top 4",
    "radical_fixed": "radius 0.5 2.5 top 4 search 9.6",
}
SCRIPT = mggtest.glass_header(mggtest.GLASS_64) + """
change_box all triclinic
change_box all xy final -3.0 yz final 2.0 remap units box
velocity all create 800 771 dist gaussian
fix nve all nve
timestep 0.002
run 100
""" + "".join(
    f"compute {cid} all voronoi_index global yes {options}\n"
    f"fix table_{cid} all ave/time 1 1 1 c_{cid}[*] mode vector file table_{cid}.txt format \" %.17g\"\n"
    f"fix motifs_{cid} all ave/time 1 1 1 c_{cid} mode vector file motifs_{cid}.txt format \" %.17g\"\n"
    for cid, options in COMPUTES.items()) + f"""
dump d all custom 1 cells.dump id type {' '.join(vindex.dump_columns(c) for c in COMPUTES)}
dump_modify d format float %.17g
run 0
"""


def outputs(wd, cid):
    dump = mggtest.Dump(os.path.join(wd, "cells.dump"))
    return (vindex.per_atom(dump, cid),
            vindex.read_ave_time_vector(os.path.join(wd, f"table_{cid}.txt")),
            vindex.read_ave_time_vector(os.path.join(wd, f"motifs_{cid}.txt")))


def same(label, a, b):
    cols_a, table_a, motifs_a = a
    cols_b, table_b, motifs_b = b
    for c in ("volume", "area"):
        mggtest.assert_close(f"{label} {c}", cols_a[c], cols_b[c], 1e-12)
    for c in ("cn", "n3", "n4", "n5", "n6", "n7", "motif"):
        assert np.array_equal(cols_a[c], cols_b[c]), f"{label}: column {c} differs"
    assert np.array_equal(table_a, table_b), f"{label}: table differs"
    assert np.array_equal(motifs_a, motifs_b), f"{label}: motif fractions differ"
    print(f"{label}: identical indices, motifs, table and motif fractions")


def main():
    runs = {}
    for ranks in (1, 2):
        runs[ranks] = mggtest.workdir(f"voronoi_index_mpi_np{ranks}")
        mggtest.run_lammps(SCRIPT, runs[ranks], ranks)
    for cid in COMPUTES:
        same(f"{cid}: 2 ranks vs 1", outputs(runs[2], cid), outputs(runs[1], cid))
    for cid in ("plain", "radical"):
        same(f"{cid}: adaptive vs fixed search", outputs(runs[1], cid),
             outputs(runs[1], cid + "_fixed"))
    print("PASS")


if __name__ == "__main__":
    main()
