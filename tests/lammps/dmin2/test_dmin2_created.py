"""Atoms created or deleted after the reference (create_atoms, delete_atoms): D2min against the
independent numpy implementation, whose reference holds the surviving atoms' reference positions
and, for each created atom, its position at creation mapped back through the box deformation
since the reference (x_ref = lo_ref + H_ref H_c^-1 (x_c - lo_c), H_c and lo_c the box at
creation).  First evaluation after deleting 30 atoms (the atom count changed); second after
creating 4 atoms and deleting 4 (the same count) in a sheared box, sheared further after the
creation.  The same with the box flipped before the creation (another description of the same
lattice: created atoms map back through it) gives the same values.  Until the neighbour counts
were taken anew both evaluations stopped with "atoms have reference neighbours farther than the
search radius"."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
from dmin2_reference import dmin2_numpy  # noqa: E402

CUTOFF = 3.8
COLUMNS = "id type x y z ix iy iz c_d[1] c_d[2] c_d[3] c_d[4] c_d[5]"
CREATED = [(5.0, 5.0, 5.0), (12.3, 20.1, 7.7), (25.0, 3.0, 30.0), (30.5, 28.0, 15.0)]
SCRIPT = mggtest.glass_header(extra="box tilt large") + f"""
change_box all triclinic
compute d all dmin2 {CUTOFF}
run 0
write_dump all custom ref.dump id type x y z ix iy iz modify format float %.17g
change_box all xy final 1.5 z final -0.2 32.7 remap units box
displace_atoms all random 0.1 0.1 0.1 5 units box
group gone1 id 100:1000:31
delete_atoms group gone1 compress no
dump a all custom 1 deleted_${{flip}}.dump {COLUMNS}
dump_modify a format float %.17g
run 0
undump a
change_box all xy final $(0.42*lx) remap units box
if "${{flip}} == 1" then "change_box all xy final $(xy-lx) units box"
""" + "".join(f"create_atoms 1 single {x} {y} {z} remap yes units box\n" for x, y, z in CREATED) + f"""
write_dump all custom created_${{flip}}.dump id type x y z ix iy iz modify format float %.17g
group gone2 id 8 200 300 2002
delete_atoms group gone2 compress no
change_box all xy delta 2.0 remap units box
dump b all custom 1 out_${{flip}}.dump {COLUMNS}
dump_modify b format float %.17g
run 0
"""

class Configuration:
    """What dmin2_numpy reads of a dump: h and unwrapped positions (image flags zero)."""

    def __init__(self, h, u):
        self.h, self.u = h, u

    def cols(self, *names):
        return self.u if names[0] == "x" else np.zeros_like(self.u)


def reference(ref, created, ids, new_ids):
    """Reference positions of the atoms ids: from ref, or mapped back from created."""
    u0 = {int(i): p for i, p in zip(ref["id"], ref.cols("x", "y", "z")
                                    + ref.cols("ix", "iy", "iz") @ ref.h.T)}
    back = ref.h @ np.linalg.inv(created.h)
    uc = created.cols("x", "y", "z") + created.cols("ix", "iy", "iz") @ created.h.T
    for i, p in zip(created["id"], uc):
        if int(i) in new_ids:
            u0[int(i)] = ref.lo + back @ (p - created.lo)
    return Configuration(ref.h, np.array([u0[int(i)] for i in ids]))


def check(label, out, ref, created, new_ids):
    expected = dmin2_numpy(reference(ref, created, out["id"], new_ids), out, CUTOFF)
    print(f"{label}: {len(out['id'])} atoms, mean D2min {expected[:, 0].mean():.4f}")
    mggtest.assert_close(f"{label}: neighbour count", out["c_d[2]"], expected[:, 1], rtol=0.0)
    ok = out["c_d[5]"] == 0
    mggtest.assert_close(f"{label}: D2min", out["c_d[1]"][ok], expected[ok, 0], rtol=1e-8)
    mggtest.assert_close(f"{label}: von Mises strain", out["c_d[3]"][ok], expected[ok, 2],
                         rtol=1e-8, atol=1e-12)
    mggtest.assert_close(f"{label}: volumetric strain", out["c_d[4]"][ok], expected[ok, 3],
                         rtol=1e-8, atol=1e-12)
    return expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"dmin2_created_np{args.np}")
    for flip in (0, 1):
        mggtest.run_lammps(SCRIPT, wd, np_ranks=args.np, name=f"in.created_{flip}",
                           variables={"flip": flip})
    ref, deleted, created, out, flipped = (
        mggtest.Dump(os.path.join(wd, f"{name}.dump"))
        for name in ("ref", "deleted_0", "created_0", "out_0", "out_1"))
    assert len(deleted["id"]) == 1970 and len(out["id"]) == 1970
    check("after delete_atoms", deleted, ref, created, set())
    new_ids = set(created["id"].astype(int)) - set(deleted["id"].astype(int))
    assert len(new_ids) == len(CREATED)
    expected = check("after create_atoms and delete_atoms", out, ref, created, new_ids)
    new = np.isin(out["id"], list(new_ids))
    print(f"created atoms: D2min {out['c_d[1]'][new]} (numpy {expected[new, 0]})")
    assert np.all(out["c_d[2]"][new] > 5) and np.all(out["c_d[1]"][new] > 0.0)
    h = mggtest.Dump(os.path.join(wd, "created_1.dump")).h
    assert h[0, 1] < -0.5 * h[0, 0], "the box was flipped before the creation"
    for col in ("c_d[1]", "c_d[2]", "c_d[3]", "c_d[4]", "c_d[5]"):
        mggtest.assert_close(f"{col}, flipped before the creation vs not", flipped[col], out[col],
                             rtol=1e-9, atol=1e-14)
    print("PASS")


if __name__ == "__main__":
    main()
