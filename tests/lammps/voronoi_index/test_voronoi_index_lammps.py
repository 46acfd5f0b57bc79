"""compute voronoi_index against LAMMPS compute voronoi/atom (voro++ inside LAMMPS) in the same
run, on the Cu50Zr50 glass in a tilted (triclinic) box after a short MD run (atoms moved,
re-neighboured, some outside their home subdomain):
  - face_area A (and no relative threshold) vs face_threshold A: volume (1e-10) and face count;
  - edge_length L vs edge_threshold L with edge_histo: the n3..n7 columns summed over the atoms
    equal voronoi/atom's global histogram of faces by counted edges (all faces: face_fraction 0);
  - radius r_Cu r_Zr vs radius v_r (atom-style variable by type): volume and face count.

    test_voronoi_index_lammps.py [--np N]"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
import vindex  # noqa: E402

FACE_AREA, EDGE_LENGTH, R_CU, R_ZR = 0.5, 0.2, 1.28, 1.60
SCRIPT = mggtest.glass_header() + f"""
change_box all triclinic
change_box all xy final 4.0 xz final 2.5 yz final -3.0 remap units box
velocity all create 600 4928 dist gaussian
fix nve all nve
timestep 0.002
run 50
variable r atom (type==1)*{R_CU}+(type==2)*{R_ZR}
compute area all voronoi_index face_area {FACE_AREA} face_fraction 0
compute lmp_area all voronoi/atom face_threshold {FACE_AREA}
compute edge all voronoi_index face_fraction 0 edge_length {EDGE_LENGTH}
compute lmp_edge all voronoi/atom edge_histo 12 edge_threshold {EDGE_LENGTH}
compute radical all voronoi_index face_fraction 0 radius {R_CU} {R_ZR}
compute lmp_radical all voronoi/atom radius v_r
fix histo all ave/time 1 1 1 c_lmp_edge mode vector file histo.txt format " %.17g"
dump d all custom 1 cells.dump id type {vindex.dump_columns("area")} {vindex.dump_columns("edge")} &
    {vindex.dump_columns("radical")} c_lmp_area[*] c_lmp_radical[*]
dump_modify d format float %.17g
run 0
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"voronoi_index_lammps_np{args.np}")
    mggtest.run_lammps(SCRIPT, wd, args.np)
    dump = mggtest.Dump(os.path.join(wd, "cells.dump"))

    area = vindex.per_atom(dump, "area")
    mggtest.assert_close("volume vs voronoi/atom", area["volume"], dump["c_lmp_area[1]"], 1e-10)
    assert np.array_equal(area["cn"], dump["c_lmp_area[2]"]), "face count with face_area"
    print(f"face counts with face_area {FACE_AREA}: identical (mean CN {area['cn'].mean():.3f})")

    edge = vindex.per_atom(dump, "edge")
    # voronoi/atom's bin k - 1 counts the faces with k edges longer than the threshold
    histo = vindex.read_ave_time_vector(os.path.join(wd, "histo.txt"))[:, 0]
    ours = [edge[f"n{k}"].sum() for k in range(3, 8)]
    print(f"faces with 3..7 edges longer than {EDGE_LENGTH}: voronoi_index {ours}, "
          f"voronoi/atom {histo[2:7].tolist()}")
    assert np.array_equal(ours, histo[2:7]), "edge histogram with edge_length"

    radical = vindex.per_atom(dump, "radical")
    mggtest.assert_close("radical volume vs voronoi/atom radius", radical["volume"],
                         dump["c_lmp_radical[1]"], 1e-10)
    assert np.array_equal(radical["cn"], dump["c_lmp_radical[2]"]), "radical face count"
    assert not np.allclose(radical["volume"], area["volume"], rtol=1e-3), "radii had no effect"
    print("PASS")


if __name__ == "__main__":
    main()
