"""Shared by the frozen_atom_aqs tests: the plain LAMMPS AQS loop (the peer) and the fix's run,
both on the 2,000-atom Cu50Zr50 sample glass, returning per-step strain, shear stress, energy."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402


# a 256-atom triclinic Cu-Zr cell (fcc positions displaced at random and minimised): small and
# fast, for tests that need no glass; write_data cell256.data
SMALL_CELL = """
plugin load libmgglass.so
units metal
atom_style atomic
lattice fcc 3.8
region b prism 0 4 0 4 0 4 0.3 0.1 0.2
create_box 2 b
create_atoms 1 box
set type 1 type/fraction 2 0.5 12345
mass 1 63.546
mass 2 91.224
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
displace_atoms all random 0.3 0.3 0.3 777
minimize 0 1e-6 200 2000
write_data cell256.data
"""


def plain_script(plane, step, nsteps, data=mggtest.GLASS_50, min_style="cg", ftol=1e-8):
    """change_box ... remap then minimize each step, as examples/aqs_dmin2 does (iterations
    limited as the fix limits them, by the evaluations); prints 'AQS step strain -p_ab pe
    volume' lines."""
    sign = -1.0 if plane.startswith("-") else 1.0
    name = plane.lstrip("+-")
    length = "ly" if name == "xy" else "lz"
    return mggtest.glass_header(data) + f"""
change_box all triclinic
min_style {min_style}
min_modify line quadratic
thermo_style custom step pe pxy pxz pyz
thermo_modify norm no
minimize 0.0 {ftol} 100000 100000
variable i loop {nsteps}
label aqs_step
  change_box all {name} delta $({sign}*{step}*{length}) remap units box
  minimize 0.0 {ftol} 100000 100000
  run 0 post no
  print "AQS $i $({sign}*{step}*v_i:%.10g) $(-p{name}:%.12g) $(pe:%.12g) $(vol:%.12g)"
  next i
jump SELF aqs_step
"""


def fix_script(plane, step, nsteps, data=mggtest.GLASS_50, keywords="sweep no", extra=""):
    """The fix doing the same; prints the same 'AQS' lines from thermo."""
    return mggtest.glass_header(data) + f"""
change_box all triclinic
fix aqs all frozen_atom_aqs {plane} {step} {keywords}
{extra}
thermo_style custom step f_aqs[1] f_aqs[2] f_aqs[3] f_aqs[4] f_aqs[5] pxy pe
thermo_modify format float %.12g norm no
thermo 1
run {nsteps}
"""


def parse_plain(out):
    rows = [line.split()[1:] for line in out.splitlines() if line.startswith("AQS ")]
    return np.array(rows, float)  # step strain stress pe volume


def parse_thermo(out):
    """Rows of the thermo table of the last run: step strain stress energy events last_drop pxy pe."""
    lines = out.splitlines()
    start = max(k for k, line in enumerate(lines) if line.split()[:2] == ["Step", "f_aqs[1]"])
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("Loop time"):
            break
        fields = line.split()
        if fields and fields[0].isdigit():
            rows.append([float(v) for v in fields])
    return np.array(rows)
