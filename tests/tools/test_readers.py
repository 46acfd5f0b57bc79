"""tools: the dump and data readers of tools/mgglass on files written by LAMMPS itself.
A 108-atom fcc crystal (Lennard-Jones) in a triclinic cell sheared by fix deform while it moves:
a dump custom every 5 steps (3 frames, rows in LAMMPS's order, tilts changing), write_data at the
end.  The cell of each frame (lo, h) and the
positions of atoms 5 and 77 equal what LAMMPS prints (thermo xlo ... yz, x[5] ... on the same
steps); the data file's box, masses, positions, image flags and velocities equal the last
frame's (a dump of the same step with the same columns)."""
import os
import sys

import numpy as np

from mggtools_test import SOURCE, workdir

sys.path.insert(0, os.path.join(SOURCE, "tests", "lammps"))
import mggtest  # noqa: E402

import mgglass  # noqa: E402

SCRIPT = """
units lj
atom_modify map array
atom_style atomic
lattice fcc 0.8442
region box prism 0 3 0 3 0 3 0.4 -0.3 0.2
create_box 2 box
create_atoms 1 box
set group all type/fraction 2 0.3 4711
mass 1 1.0
mass 2 2.5
pair_style lj/cut 2.5
pair_coeff * * 1.0 1.0
velocity all create 1.5 4928459 loop geom
fix 1 all nve
fix 2 all deform 1 xy erate 0.05 yz erate -0.03 remap x
variable p equal "step % 5 == 0"
thermo_style custom step xlo ylo zlo lx ly lz xy xz yz
thermo_modify format float %.15g
thermo 5
dump d all custom 5 frames.dump id type x y z ix iy iz vx vy vz
dump_modify d format float %.15g
fix p all print 5 "ATOM5 $(step) $(x[5]:%.15g) $(y[5]:%.15g) $(z[5]:%.15g) $(x[77]:%.15g) $(y[77]:%.15g) $(z[77]:%.15g)"
run 10
write_data final.data
write_dump all custom last.dump id type x y z ix iy iz vx vy vz modify format float %.15g
"""


def main():
    cwd = workdir("tools_readers")
    _, out = mggtest.run_lammps(SCRIPT, cwd)
    thermo = [t for t in mgglass.read_thermo(os.path.join(cwd, "in.test.log")) if "Xy" in t[0] or "xy" in t[0]][-1]
    cols, table = thermo
    printed = np.array([line.split()[1:] for line in out.splitlines() if line.startswith("ATOM5 ")], float)
    frames = mgglass.read_dump(os.path.join(cwd, "frames.dump"))
    assert [f.timestep for f in frames] == [0, 5, 10], [f.timestep for f in frames]
    for f, row, atoms in zip(frames, table, printed):
        v = dict(zip([c.lower() for c in cols], row))  # Lx or lx, by LAMMPS version
        h = np.array([[v["lx"], v["xy"], v["xz"]], [0, v["ly"], v["yz"]], [0, 0, v["lz"]]])
        mggtest.assert_close(f"step {f.timestep} cell", f.h, h, rtol=1e-12, atol=1e-12)
        mggtest.assert_close(f"step {f.timestep} origin", f.lo, [v["xlo"], v["ylo"], v["zlo"]], rtol=1e-12, atol=1e-12)
        assert f.natoms == 108 and f.columns[:5] == ["id", "type", "x", "y", "z"]
        s = f.sorted()
        assert np.array_equal(s["id"], np.arange(1, 109))
        mggtest.assert_close(f"step {f.timestep} atoms 5 and 77", s.cols("x", "y", "z")[[4, 76]].ravel(),
                             atoms[1:], rtol=1e-12, atol=1e-12)
    assert frames[-1].box.triclinic and abs(frames[-1].h[0, 1] - frames[0].h[0, 1]) > 1e-3
    # sorted on request while reading
    assert np.array_equal(mgglass.read_frame(os.path.join(cwd, "frames.dump"), -1, sort=True)["id"],
                          np.arange(1, 109))

    data = mgglass.read_data(os.path.join(cwd, "final.data"))
    last = mgglass.read_frame(os.path.join(cwd, "last.dump"), sort=True)
    mggtest.assert_close("data cell", data.h, last.h, rtol=1e-12, atol=1e-12)
    mggtest.assert_close("data origin", data.lo, last.lo, rtol=1e-12, atol=1e-12)
    assert data.masses == {1: 1.0, 2: 2.5}, data.masses
    assert np.array_equal(data.ids, last["id"]) and np.array_equal(data.types, last["type"])
    assert np.array_equal(data.image, last.cols("ix", "iy", "iz").astype(int))
    mggtest.assert_close("data positions", data.x, last.cols("x", "y", "z"), rtol=1e-12, atol=1e-12)
    mggtest.assert_close("data velocities", data.velocities, last.cols("vx", "vy", "vz"), rtol=1e-12, atol=1e-12)
    # unwrapped positions of the dump against the data file's
    mggtest.assert_close("unwrapped", last.positions(unwrap=True), data.x + data.image @ data.h.T,
                         rtol=1e-12, atol=1e-12)
    print("PASS")


if __name__ == "__main__":
    main()
