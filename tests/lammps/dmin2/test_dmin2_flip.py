"""A box flip changes the cell's description, not the configuration: D2min must not change when
the tilt xy is replaced by the equivalent xy - lx (same lattice, atoms remapped, image flags
changed), nor under 2 MPI ranks."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

SCRIPT = mggtest.glass_header(extra="box tilt large") + """
change_box all triclinic
change_box all xy final $(0.42*lx) remap units box
compute d all dmin2 3.8
compute dsum all reduce sum c_d[1]
thermo_style custom step pe c_dsum
run 0
displace_atoms all random 0.2 0.2 0.2 31 units box
dump a all custom 1 before.dump id c_d[1] c_d[2] c_d[3] c_d[4]
dump_modify a format float %.17g
run 0
undump a
change_box all xy final $(xy-lx) units box
dump b all custom 1 after.dump id c_d[1] c_d[2] c_d[3] c_d[4]
dump_modify b format float %.17g
run 0
"""


def main():
    wd = mggtest.workdir("dmin2_flip")
    for ranks in (1, 2):
        mggtest.run_lammps(SCRIPT, wd, np_ranks=ranks, name=f"in.flip_np{ranks}")
        before = mggtest.Dump(os.path.join(wd, "before.dump"))
        after = mggtest.Dump(os.path.join(wd, "after.dump"))
        assert before["c_d[1]"].mean() > 0.01, "the perturbation must give a clear D2min"
        for col in ("c_d[1]", "c_d[2]", "c_d[3]", "c_d[4]"):
            mggtest.assert_close(f"{col} after flip, {ranks} rank(s)", after[col], before[col],
                                 rtol=1e-10, atol=1e-14)
    print("PASS")


if __name__ == "__main__":
    main()
