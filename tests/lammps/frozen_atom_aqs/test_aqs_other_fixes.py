"""fix frozen_atom_aqs with fix setforce and fix addforce beside it (issue 13 item 10): its
relaxations apply them as LAMMPS's minimize does, so every step's energy (pair plus the
addforce energy, fix_modify energy yes) and shear stress equal the plain script's
(change_box ... remap, minimize with the same fixes), on a 256-atom cell.  Before, only the
pair forces were used: the held atoms moved and the energies differed.  Also: fix box/relax
(extra degrees of freedom of a minimisation) is refused."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

STEP, NSTEPS = 2e-3, 3
CELL = mggtest.glass_header("cell256.data") + """
region low block INF INF INF INF INF 3.0 units box
region high block INF INF INF INF 7.0 10.0 units box
group low region low
group high region high
fix hold low setforce 0.0 0.0 0.0
fix push high addforce 0.05 0.0 -0.02
fix_modify push energy yes
thermo_modify norm no
"""

# (thermo keeps pe and pxy current for the print, as LAMMPS 2021 requires)
PLAIN = CELL + f"""
thermo_style custom step pe pxy
min_style cg
min_modify line quadratic
minimize 0.0 1e-8 100000 100000
variable i loop {NSTEPS}
label aqs_step
  change_box all xy delta $({STEP}*ly) remap units box
  minimize 0.0 1e-8 100000 100000
  run 0 post no
  print "AQS $i $(-pxy:%.12g) $(pe:%.12g)"
  next i
jump SELF aqs_step
"""

FIX = CELL + f"""
fix aqs all frozen_atom_aqs xy {STEP} sweep no analysis no
thermo_style custom step f_aqs[2] f_aqs[3]
thermo_modify format float %.12g
thermo 1
run {NSTEPS}
"""


def main():
    cwd = mggtest.workdir("frozen_atom_aqs_other_fixes")
    mggtest.run_lammps(aqs_common.SMALL_CELL, cwd, name="in.cell")
    _, out = mggtest.run_lammps(PLAIN, cwd, name="in.plain")
    plain = np.array([line.split()[2:] for line in out.splitlines() if line.startswith("AQS ")],
                     float)
    _, out = mggtest.run_lammps(FIX, cwd, name="in.fix")
    lines = out.splitlines()
    start = max(k for k, line in enumerate(lines) if line.split()[:2] == ["Step", "f_aqs[2]"])
    fix = np.array([line.split()[1:] for line in lines[start + 2:start + 2 + NSTEPS]], float)
    assert plain.shape == fix.shape == (NSTEPS, 2), (plain, fix)
    mggtest.assert_close("stress per step vs plain script", fix[:, 0], plain[:, 0], rtol=1e-6,
                         atol=1e-3)
    mggtest.assert_close("energy per step vs plain script", fix[:, 1], plain[:, 1], rtol=1e-10)

    mggtest.expect_error(CELL.replace("fix hold low setforce 0.0 0.0 0.0", "") +
                         "fix aqs all frozen_atom_aqs xy 1e-3\nfix br all box/relax iso 0.0\n"
                         "run 1\n", cwd, "Fix frozen_atom_aqs: fix br (style box/relax) adds "
                         "degrees of freedom to minimisations", "box_relax")
    print("PASS")


if __name__ == "__main__":
    main()
