#!/usr/bin/python3
"""Energies and forces of the core's EAM engine (eam_driver) against LAMMPS.

For each case LAMMPS computes per-atom energies (compute pe/atom), forces and the total energy
with %.17g, and so does eam_driver on the same data file; the total energy must agree to
1e-12 relative, per-atom energies to 1e-10 eV and forces to 1e-10 eV/A.  Also reports the
time of one energy+force evaluation of both programs (LAMMPS: the Pair row of a 200-step run
divided by 200).

  eam_lammps_check.py DRIVER [--lmp tools/lmp] [--workdir DIR] [--no-timing]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.join(ROOT, "..", "shared", "potentials")  # published files, not shipped
# LAMMPS's own potentials, in the source tree beside src/ (the build passes its path)
LAMMPS_POTENTIALS = os.environ.get("MGG_LAMMPS_POTENTIALS", "")
GLASSES = [os.path.join(ROOT, "examples", "glass", name) for name in ("CuZr_50_50.data", "CuZr_64_36.data")]

TOL_TOTAL = 1e-12   # relative
TOL_ATOM = 1e-10    # eV
TOL_FORCE = 1e-10   # eV/A


def cases(workdir):
    """(name, data file, LAMMPS pair_style, pair_coeff arguments, driver arguments)"""
    out = []
    shared = os.path.isdir(SHARED)
    if not shared:  # the published files are not shipped with the package
        print(f"skipped: Cu-Zr_2.eam.fs, Cu-Zr_4.eam.fs, ZrCuAl2011.eam.alloy ({SHARED} is absent)")
    for data in GLASSES:
        tag = os.path.basename(data)[:-5]
        pots = [os.path.join(ROOT, "potentials", "CuZr_mm.eam.fs")]
        if shared:
            pots += [os.path.join(SHARED, "Cu-Zr_2.eam.fs"), os.path.join(SHARED, "Cu-Zr_4.eam.fs")]
        for pot in pots:
            out.append((f"{tag} eam/fs {os.path.basename(pot)}", data, "eam/fs",
                        f"* * {pot} Cu Zr", ["fs", pot, "Cu", "Zr"]))
        if shared:
            pot = os.path.join(SHARED, "ZrCuAl2011.eam.alloy")
            out.append((f"{tag} eam/alloy ZrCuAl2011 (Cu Zr)", data, "eam/alloy",
                        f"* * {pot} Cu Zr", ["alloy", pot, "Cu", "Zr"]))
    cu = os.path.join(LAMMPS_POTENTIALS, "Cu_u3.eam")
    for name, lattice in (("fcc Cu", 3.615), ("fcc Cu compressed (rho beyond the table)", 2.3)):
        data = os.path.join(workdir, f"fcc_{lattice}.data")
        out.append((f"{name}, a = {lattice}: eam Cu_u3", data, "eam", f"* * {cu}", ["funcfl", cu],
                    lattice))
    return out


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p


def make_fcc(lmp, path, lattice, workdir):
    """an fcc Cu crystal of 6x6x6 cells, every atom displaced at random by up to 0.05 A"""
    script = f"""units metal
atom_style atomic
boundary p p p
lattice fcc {lattice}
region box block 0 6 0 6 0 6
create_box 1 box
create_atoms 1 box
mass 1 63.55
displace_atoms all random 0.05 0.05 0.05 4321 units box
write_data {path}
"""
    inp = os.path.join(workdir, "make_fcc.in")
    with open(inp, "w") as f:
        f.write(script)
    run([lmp, "-in", inp, "-log", "none", "-screen", "none"], cwd=workdir)


def lammps(lmp, data, style, coeff, workdir, steps):
    dump = os.path.join(workdir, "lammps.dump")
    script = f"""units metal
atom_style atomic
boundary p p p
read_data {data}
pair_style {style}
pair_coeff {coeff}
neighbor 1.0 bin
compute pe all pe/atom
dump d all custom 1 {dump} id type c_pe fx fy fz
dump_modify d format float %.17g sort id
thermo_style custom step pe
thermo_modify format float %.17g
run 0
undump d
"""
    if steps:
        script += f"fix nve all nve\ntimestep 0.0\nthermo {steps}\nrun {steps}\n"
    inp = os.path.join(workdir, "check.in")
    with open(inp, "w") as f:
        f.write(script)
    out = run([lmp, "-in", inp, "-log", "none"], cwd=workdir).stdout
    total = float(re.search(r"^\s*Step\s+PotEng\s*\n\s*0\s+(\S+)", out, re.M).group(1))
    rows = np.loadtxt(dump, skiprows=9)
    pair_time = None
    if steps:
        # the last breakdown is the timed run's (the first is run 0's)
        pair_time = float(re.findall(r"^Pair\s*\|\s*(\S+)", out, re.M)[-1]) / steps
    return total, rows, pair_time


def driver(exe, data, args):
    p = run([exe, data] + args + ["--repeat", "20"])
    total = float(p.stdout.split("\n", 1)[0].split()[-1])
    rows = np.loadtxt(p.stdout.splitlines()[1:])
    t = float(re.search(r"energy\+forces (\S+) s", p.stderr).group(1))
    return total, rows, t


def dynamical_matrix_check(lmp, exe, workdir, natoms=30):
    """Hessian blocks of atoms 1..natoms of a glass (as a dynamical matrix, eV/A^2/amu) against
    LAMMPS's dynamical_matrix: central differences of forces with step 1e-7 A, printed with 8
    decimals, so agreement is to ~1e-7 eV/A^2/amu (knots of the C1 splines may add a little)."""
    data, pot = GLASSES[1], os.path.join(ROOT, "potentials", "CuZr_mm.eam.fs")
    out = os.path.join(workdir, "dynmat.lammps")
    script = f"""units metal
atom_style atomic
boundary p p p
atom_modify map array
read_data {data}
pair_style eam/fs
pair_coeff * * {pot} Cu Zr
group sub id 1:{natoms}
dynamical_matrix sub regular 1e-7 file {out}
"""
    inp = os.path.join(workdir, "dynmat.in")
    with open(inp, "w") as f:
        f.write(script)
    run([lmp, "-in", inp, "-log", "none", "-screen", "none"], cwd=workdir)
    ref = np.loadtxt(out).reshape(3 * natoms, 3 * natoms)
    mine_path = os.path.join(workdir, "dynmat.core")
    run([exe, data, "fs", pot, "Cu", "Zr", "--dynmat", str(natoms), mine_path])
    mine = np.loadtxt(mine_path)
    err = np.max(np.abs(mine - ref))
    scale = np.max(np.abs(ref))
    good = err <= 1e-6 * scale + 1e-8
    print(f"{'ok  ' if good else 'FAIL'} Hessian of atoms 1-{natoms} of {os.path.basename(data)} (CuZr_mm) "
          f"vs LAMMPS dynamical_matrix: max |diff| {err:.2e} eV/A^2/amu (max |entry| {scale:.3g}, "
          f"entries above 1e-8: {np.count_nonzero(np.abs(ref) > 1e-8)} in LAMMPS, "
          f"{np.count_nonzero(np.abs(mine) > 1e-8)} in the core)")
    return good


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("driver")
    ap.add_argument("--lmp", default=os.path.join(ROOT, "tools", "lmp"))
    ap.add_argument("--workdir")
    ap.add_argument("--no-timing", action="store_true")
    a = ap.parse_args()
    workdir = a.workdir or tempfile.mkdtemp(prefix="mgg_eam_check_")
    os.makedirs(workdir, exist_ok=True)
    ok = True
    for case in cases(workdir):
        name, data, style, coeff, dargs = case[:5]
        if len(case) > 5:
            make_fcc(a.lmp, data, case[5], workdir)
        steps = 0 if a.no_timing else 200
        e_l, r_l, t_l = lammps(a.lmp, data, style, coeff, workdir, steps)
        e_d, r_d, t_d = driver(a.driver, data, dargs)
        assert np.array_equal(r_l[:, :2], r_d[:, :2]), "atom ids or types differ"
        rel = abs(e_d - e_l) / abs(e_l)
        de = np.max(np.abs(r_d[:, 2] - r_l[:, 2]))
        df = np.max(np.abs(r_d[:, 3:6] - r_l[:, 3:6]))
        fmax = np.max(np.abs(r_l[:, 3:6]))
        good = rel <= TOL_TOTAL and de <= TOL_ATOM and df <= TOL_FORCE
        ok &= good
        timing = f"; time per evaluation: core {t_d * 1e3:.2f} ms, LAMMPS pair {t_l * 1e3:.2f} ms" if t_l else ""
        print(f"{'ok  ' if good else 'FAIL'} {name}: {len(r_l)} atoms, E = {e_l:.12g} eV, "
              f"|dE|/|E| = {rel:.2e}, max |de_i| = {de:.2e} eV, max |dF| = {df:.2e} eV/A "
              f"(max |F| {fmax:.3g}){timing}")
    ok &= dynamical_matrix_check(a.lmp, a.driver, workdir)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
