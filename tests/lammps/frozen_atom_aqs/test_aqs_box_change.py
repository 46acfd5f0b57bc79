"""fix frozen_atom_aqs and other changes of the cell (issue 13 item 11): the fix's strain counts
its own steps, so change_box between runs (also after read_restart) and fix deform alongside
stop with an error, and so does a restart whose fix sheared another plane; runs that follow
one another, and a restart that reverses the direction (cyclic shear), continue the signed
strain."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

CELL = mggtest.glass_header("cell256.data")
RESTART = """
plugin load libmgglass.so
read_restart aqs.restart
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
"""
FIX = "fix aqs all frozen_atom_aqs {} 1e-3 sweep no analysis no\n"
THERMO = "thermo_style custom step f_aqs\nthermo_modify format float %.10g\n"
BOX_CHANGED = "Fix frozen_atom_aqs: the box changed since this fix's last step"


def final_strain(out):
    return [float(line.split()[1]) for line in out.splitlines() if line.startswith("STRAIN ")][-1]


def main():
    cwd = mggtest.workdir("frozen_atom_aqs_box_change")
    mggtest.run_lammps(aqs_common.SMALL_CELL, cwd, name="in.cell")

    # consecutive runs continue; the restart file holds the state after 2 steps
    _, out = mggtest.run_lammps(CELL + FIX.format("xy") + THERMO + "run 1\nrun 1\n"
                                "write_restart aqs.restart\nprint \"STRAIN $(f_aqs:%.10g)\"\n",
                                cwd, name="in.first")
    assert abs(final_strain(out) - 2e-3) < 1e-12, out[-500:]

    mggtest.expect_errors([
        ("change_box_between_runs", CELL + FIX.format("xy") + "run 1\n"
         "change_box all xy delta 0.1 remap units box\nrun 1\n", BOX_CHANGED),
        ("change_box_after_restart", RESTART + FIX.format("xy") +
         "change_box all xy delta 0.1 remap units box\nrun 1\n", BOX_CHANGED),
        ("fix_deform_alongside", CELL + FIX.format("xy") +
         "fix df all deform 1 xz delta 0.1 remap x\nrun 2\n", BOX_CHANGED),
        ("restart_other_plane", RESTART + FIX.format("xz") + "run 1\n",
         "Fix frozen_atom_aqs: fix aqs of the restart file sheared xy, this one shears xz"),
    ], cwd)

    # the other direction after the restart: the signed strain goes back
    _, out = mggtest.run_lammps(RESTART + FIX.format("-xy") + THERMO + "run 1\n"
                                "print \"STRAIN $(f_aqs:%.10g)\"\n", cwd, name="in.reverse")
    assert abs(final_strain(out) - 1e-3) < 1e-12, out[-500:]
    print("PASS")


if __name__ == "__main__":
    main()
