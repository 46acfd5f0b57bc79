"""reference previous: each evaluation measures D2min from the configuration of the previous
one, which is what a reference-fixed compute created at that configuration gives."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

SCRIPT = mggtest.glass_header() + """
change_box all triclinic
compute prev all dmin2 3.8 reference previous
compute fromA all dmin2 3.8
compute sums all reduce sum c_prev[1] c_fromA[1]
thermo_style custom step pe c_sums[1] c_sums[2]
run 0
# A -> B: shear and perturb
change_box all xy delta 0.6 remap units box
displace_atoms all random 0.1 0.1 0.1 11 units box
dump b all custom 1 atB.dump id c_prev[1] c_prev[2] c_fromA[1] c_fromA[2]
dump_modify b format float %.17g
run 0
undump b
compute fromB all dmin2 3.8
compute sumB all reduce sum c_fromB[1]
thermo_style custom step pe c_sums[1] c_sums[2] c_sumB
run 0
# B -> C
change_box all xy delta 0.6 remap units box
displace_atoms all random 0.1 0.1 0.1 12 units box
dump c all custom 1 atC.dump id c_prev[1] c_prev[2] c_fromB[1] c_fromB[2]
dump_modify c format float %.17g
run 0
"""


def main():
    wd = mggtest.workdir("dmin2_previous")
    mggtest.run_lammps(SCRIPT, wd, name="in.previous")
    at_b = mggtest.Dump(os.path.join(wd, "atB.dump"))
    at_c = mggtest.Dump(os.path.join(wd, "atC.dump"))
    assert at_c["c_prev[1]"].mean() > 0.001
    mggtest.assert_close("B: previous vs fixed at A", at_b["c_prev[1]"], at_b["c_fromA[1]"], rtol=1e-12)
    mggtest.assert_close("B: neighbours", at_b["c_prev[2]"], at_b["c_fromA[2]"], rtol=0.0)
    mggtest.assert_close("C: previous vs fixed at B", at_c["c_prev[1]"], at_c["c_fromB[1]"], rtol=1e-12)
    mggtest.assert_close("C: neighbours", at_c["c_prev[2]"], at_c["c_fromB[2]"], rtol=0.0)
    print("PASS")


if __name__ == "__main__":
    main()
