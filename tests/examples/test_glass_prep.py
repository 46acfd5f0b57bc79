"""examples/glass_prep end to end at reduced size (run.sh --quick: a 250-atom Cu50Zr50 melt-quench
at 1e14 K/s, and 2 x 1 ps of MD/MC on the shipped 2,000-atom glass), its products checked against
what they must satisfy, each by other means than the scripts' own report:
  - the data files hold the atoms and composition asked for (read here): 250 atoms with 125 Zr,
    and the MD/MC glass the input's 2,000 atoms with 1,000 Zr (the VC-SGC ensemble lets the
    composition fluctuate; in.mdmc must restore it);
  - a separate LAMMPS `run 0` on each written file gives the energy per atom that the summary
    reports, zero pressure within 200 bar (the box relaxed) and vanishing forces (an inherent
    structure);
  - the Monte Carlo flipped atoms, and the liquid diffused (mean-squared displacement) before the
    quench;
  - `mgg amorphous` passes both products and rejects a B2 crystal written here, so it can fail.
Skipped (77) with a LAMMPS older than fix sgcmc (22 Dec 2022), such as the 29 Sep 2021 one."""
import os
import re
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lammps"))
import mggtest  # noqa: E402

SOURCE = mggtest.SOURCE_DIR
MGG = os.path.join(SOURCE, "tools", "mgg")


def run0(data, wd, name):
    """Energy per atom, pressure (bar) and largest force component (eV/A) of a data file."""
    script = f"""
units metal
atom_style atomic
read_data {data}
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
variable fmax equal fmax
thermo_style custom step pe press v_fmax
run 0
print "RUN0 $(pe/atoms:%.10f) $(press:%.6f) $(v_fmax:%.3e)"
"""
    _, text = mggtest.run_lammps(script, wd, name=f"in.run0_{name}")
    pe, press, fmax = (float(v) for v in re.search(r"^RUN0 (\S+) (\S+) (\S+)", text, re.M).groups())
    print(f"{name}: run 0 gives pe/atom {pe:.6f} eV, pressure {press:.2f} bar, fmax {fmax:.2e} eV/A")
    return pe, press, fmax


def write_b2(path, a=3.26, cells=10, seed=1):
    """A B2 CuZr crystal with 0.1 A noise as a data file: must not pass as a glass."""
    grid = np.array([(i, j, k) for i in range(cells) for j in range(cells) for k in range(cells)], float)
    pos = np.vstack([grid, grid + 0.5]) * a + np.random.default_rng(seed).normal(0.0, 0.1, (2 * len(grid), 3))
    with open(path, "w") as f:
        f.write(f"B2 CuZr\n\n{len(pos)} atoms\n2 atom types\n\n")
        for ax in "xyz":
            f.write(f"0 {cells * a} {ax}lo {ax}hi\n")
        f.write("\nMasses\n\n1 63.546\n2 91.224\n\nAtoms # atomic\n\n")
        for i, p in enumerate(pos):
            f.write(f"{i + 1} {1 if i < len(grid) else 2} {p[0]} {p[1]} {p[2]}\n")


def amorphous(path):
    proc = subprocess.run([MGG, "amorphous", path], capture_output=True, text=True)
    print(proc.stdout[-1500:], proc.stderr[-1500:])
    return proc.returncode, proc.stdout


def main():
    if int(os.environ.get("MGG_LAMMPS_VERSION", "0")) < 20221222:
        print("SKIP: in.mdmc needs fix sgcmc (LAMMPS 22 Dec 2022 or later)")
        sys.exit(77)
    out = mggtest.run_example("glass_prep")
    summary = open(os.path.join(out, "summary.txt")).read()
    rows = {w[0]: w for w in (line.split() for line in summary.splitlines())
            if w and w[0] in ("quenched", "mdmc")}

    for name, natoms, nzr in (("quenched", 250, 125), ("mdmc", 2000, 1000)):
        path = os.path.join(out, f"{name}.data")
        data = mggtest.mgglass.read_data(path)
        print(f"{name}: {data.natoms} atoms, {np.sum(data.types == 2)} Zr, types {sorted(set(data.types))}")
        assert data.natoms == natoms and len(set(data.ids)) == natoms
        assert np.sum(data.types == 2) == nzr and np.sum(data.types == 1) == natoms - nzr
        pe, press, fmax = run0(path, out, name)
        reported = float(rows[name][3])
        assert abs(pe - reported) < 2e-6, (pe, reported)
        assert abs(press) < 200.0, press
        assert fmax < 1e-6, fmax
        # a Cu-Zr inherent structure of CuZr_mm lies between -4.95 and -4.80 eV/atom at Cu50Zr50
        assert -4.95 < pe < -4.80, pe
        code, text = amorphous(path)
        assert code == 0 and text.splitlines()[-1] == "amorphous yes", code

    msd = float(re.search(r"^LIQUID_MSD ([0-9.eE+-]+)", summary, re.M).group(1))
    flips = [int(v) for v in re.findall(r"^MDMC_STAGE \d+ T \S+ K: (\d+) flips accepted", summary, re.M)]
    print(f"liquid MSD {msd} A^2; MC flips accepted per stage {flips}")
    assert msd > 10.0, msd
    assert len(flips) == 2 and min(flips) > 0, flips
    assert "MDMC_COMPOSITION_NOT_RESTORED" not in summary

    b2 = os.path.join(out, "b2.data")
    write_b2(b2)
    code, text = amorphous(b2)
    assert code == 1 and text.splitlines()[-1] == "amorphous no", code
    print("PASS")


if __name__ == "__main__":
    main()
