#!/usr/bin/python3
"""Cost of the frozen-atom sweep of fix frozen_atom_aqs against the naive script (one full
LAMMPS minimize, CG to 1e-8, per frozen atom), measured in one run on the 2,000-atom sample
glass's first event (-xy 2e-4, step 9) for the atoms within --radius of the event centre;
prints the time per frozen atom of both, their ratio, and the largest D_f difference.

    MGG_PLUGIN_DIR=build bench/run_aqs_sweep.py --radius 4.5 --workdir /tmp/aqs_sweep
"""
import argparse
import os
import re
import sys
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps", "frozen_atom_aqs"))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps"))
import mggtest  # noqa: E402
from test_aqs_naive import PLANE, STEP, header, read_atoms_file  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--radius", type=float, default=4.5)
    parser.add_argument("--event-step", type=int, default=9)
    parser.add_argument("--workdir", default="aqs_sweep")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    k = args.event_step
    mggtest.run_lammps(header(mggtest.GLASS_50) + f"""
fix aqs all frozen_atom_aqs {PLANE} {STEP} sweep no
run {k - 1}
write_data pre_event.data
""", args.workdir, name="in.pre")
    t0 = time.time()
    _, out = mggtest.run_lammps(f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data pre_event.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
fix aqs all frozen_atom_aqs {PLANE} {STEP} radius {args.radius} atoms atoms.txt
run 1
""", args.workdir, name="in.sweep")
    t_fix = time.time() - t0
    head, rows = read_atoms_file(os.path.join(args.workdir, "atoms.txt"))
    chosen = rows[rows[:, 2] >= 0.0]
    evals = int(re.search(r"\((\d+) force evaluations\)", out).group(1))
    t0 = time.time()
    _, out = mggtest.run_lammps(f"""
variable a index {' '.join(str(int(a)) for a in chosen[:, 0])}
label trial
clear
units metal
atom_style atomic
read_data pre_event.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
change_box all xy delta $(-1.0*{STEP}*ly) remap units box
group frozen id ${{a}}
fix hold frozen setforce 0.0 0.0 0.0
compute dsp all displace/atom
variable d2 atom c_dsp[1]^2+c_dsp[2]^2+c_dsp[3]^2
compute dsum all reduce sum v_d2
thermo_style custom step pe c_dsum
min_style cg
min_modify line quadratic
minimize 0.0 1.0e-8 100000 1000000
print "NAIVE ${{a}} $(sqrt(c_dsum):%.8f)"
next a
jump SELF trial
""", args.workdir, name="in.naive")
    t_naive = time.time() - t0
    naive = {int(l.split()[1]): float(l.split()[2]) for l in out.splitlines() if l.startswith("NAIVE ")}
    naive_evals = sum(int(m) for m in re.findall(r"Iterations, force evaluations = \d+ (\d+)", out))
    diff = np.abs(np.array([naive[int(a)] for a in chosen[:, 0]]) - chosen[:, 2])
    n = len(chosen)
    print(f"{n} frozen atoms within {args.radius} A of the event centre (event at step {k})")
    print(f"fix sweep: {t_fix:.1f} s ({t_fix / n:.2f} s per atom, {evals / n:.0f} force "
          f"evaluations per atom, includes one AQS step)")
    print(f"naive    : {t_naive:.1f} s ({t_naive / n:.2f} s per atom, {naive_evals / n:.0f} force "
          f"evaluations per atom)")
    print(f"speed-up naive / fix: {t_naive / t_fix:.2f}; largest |D_f difference| {diff.max():.2e} A")


if __name__ == "__main__":
    main()
