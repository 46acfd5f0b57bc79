"""compute voronoi_index against voro++ (tests/unit/test_voronoi_oracle.cpp --dump) on the sample
glasses: orthogonal and tilted (triclinic) boxes, plain and radical (per-type radii) cells, with
and without the face-area, face-fraction and edge-length thresholds (applied by the oracle to
voro++'s own faces).  Per atom: volumes and surface areas to 1e-10 relative, CN and n3..n7
identical; the volumes sum to the box volume (1e-9); the motif column follows the documented
rule (re-implemented in vindex.py) with favoured_cn and species-blind; a compute on a group
(Cu only) gives the cells of the full system for its atoms and zero rows (motif -1) for the
others.  Global outputs: the motif fractions and the table of most frequent indices per type
(written by fix ave/time) equal their numpy recomputation from the per-atom columns.

    test_voronoi_index_voro.py ORACLE [--np N]"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
import vindex  # noqa: E402

TILT = """
change_box all triclinic
change_box all xy final 5.0 xz final -3.0 yz final 4.0 remap units box
"""
FAVOURED = {1: 12, 2: 16}
# (case, data file, box commands, computes: (id, group, options, oracle options, favoured CN, top))
CASES = [
    ("glass50", mggtest.GLASS_50, "", [
        ("a", "all", "", ["--face-fraction", "0.01"], None, 10),
        ("b", "all", "face_area 0.3 face_fraction 0.02 edge_length 0.25 favoured_cn 12 16 top 8",
         ["--face-area", "0.3", "--face-fraction", "0.02", "--edge-length", "0.25"], FAVOURED, 8),
        ("cu", "cu", "favoured_cn 12 16", ["--face-fraction", "0.01"], FAVOURED, 10),
    ]),
    ("glass64", mggtest.GLASS_64, "", [
        ("a", "all", "face_fraction 0 top 3", [], None, 3),
        ("r", "all", "radius 1.28 1.60 favoured_cn 12 16",
         ["--radius", "1.28", "1.60", "--face-fraction", "0.01"], FAVOURED, 10),
    ]),
    ("glass50_tilted", mggtest.GLASS_50, TILT, [
        ("a", "all", "face_fraction 0.005 edge_length 0.1",
         ["--face-fraction", "0.005", "--edge-length", "0.1"], None, 10),
        ("r", "all", "radius 1.28 1.60 face_fraction 0 favoured_cn 12 16 top 5",
         ["--radius", "1.28", "1.60"], FAVOURED, 5),
    ]),
]


def script(data, box, computes):
    lines = [mggtest.glass_header(data), box, "group cu type 1"]
    dump_cols = []
    for cid, group, options, _, _, _ in computes:
        lines += [f"compute {cid} {group} voronoi_index global yes {options}",
                  f"fix table_{cid} all ave/time 1 1 1 c_{cid}[*] mode vector file table_{cid}.txt format \" %.17g\"",
                  f"fix motifs_{cid} all ave/time 1 1 1 c_{cid} mode vector file motifs_{cid}.txt format \" %.17g\""]
        dump_cols.append(vindex.dump_columns(cid))
    lines += [f"dump d all custom 1 cells.dump id type x y z {' '.join(dump_cols)}",
              "dump_modify d format float %.17g", "run 0"]
    return "\n".join(lines) + "\n"


def oracle(path, dump, options):
    out = subprocess.run([path, "--dump", dump] + options, check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    return np.array([[float(v) for v in line.split()] for line in out.splitlines()])


def check_case(name, data, box, computes, oracle_path, np_ranks):
    wd = mggtest.workdir(f"voronoi_index_voro_{name}_np{np_ranks}")
    mggtest.run_lammps(script(data, box, computes), wd, np_ranks)
    dump = mggtest.Dump(os.path.join(wd, "cells.dump"))
    types = dump["type"].astype(int)
    box_volume = abs(np.linalg.det(dump.h))
    for cid, group, _, oracle_options, favoured, top in computes:
        label = f"{name}/{cid}"
        got = vindex.per_atom(dump, cid)
        ref = oracle(oracle_path, os.path.join(wd, "cells.dump"), oracle_options)
        assert np.array_equal(ref[:, 0], dump["id"]), "oracle and dump atoms differ"
        sel = types == 1 if group == "cu" else np.ones(len(types), bool)
        mggtest.assert_close(f"{label} volume", got["volume"][sel], ref[sel, 1], 1e-10)
        mggtest.assert_close(f"{label} area", got["area"][sel], ref[sel, 2], 1e-10)
        index = np.column_stack([got[c] for c in vindex.COLUMNS[1:7]])
        mismatches = (index[sel] != ref[sel, 3:9]).any(axis=1).sum()
        print(f"{label} CN and n3..n7: {mismatches} of {sel.sum()} atoms differ from voro++")
        assert mismatches == 0, f"{label}: CN or index differs from voro++"
        expected_motif = vindex.motifs(got, types, favoured)
        assert np.array_equal(got["motif"][sel], expected_motif[sel]), f"{label}: motif column"
        if group == "all":
            err = abs(got["volume"].sum() - box_volume) / box_volume
            print(f"{label} volume sum / box volume - 1 = {err:.2e}")
            assert err < 1e-9, f"{label}: volumes do not tile the box"
        else:
            assert not got["volume"][~sel].any() and (got["motif"][~sel] == -1).all(), \
                f"{label}: atoms outside the group must have zero rows and motif -1"
        motif_col = np.where(sel, got["motif"], -1)
        fractions = vindex.motif_fractions(motif_col[sel], types[sel], 2)
        mggtest.assert_close(f"{label} motif fractions",
                             vindex.read_ave_time_vector(os.path.join(wd, f"motifs_{cid}.txt"))[:, 0],
                             fractions, 1e-12)
        counts_sel = {k: v[sel] for k, v in got.items()}
        table = vindex.top_table(counts_sel, types[sel], 2, top)
        written = vindex.read_ave_time_vector(os.path.join(wd, f"table_{cid}.txt"))
        mggtest.assert_close(f"{label} table of frequent indices", written, table, 1e-12)
        print(f"{label} most frequent per type: " + "; ".join(
            f"type {int(r[0])} CN {int(r[1])} <{','.join(str(int(v)) for v in r[2:7])}> "
            f"{r[8]:.3f}" for r in written[::top]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("oracle")
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    for name, data, box, computes in CASES:
        check_case(name, data, box, computes, args.oracle, args.np)
    print("PASS")


if __name__ == "__main__":
    main()
