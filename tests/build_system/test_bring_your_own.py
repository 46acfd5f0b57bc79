#!/usr/bin/python3
"""The README's "LAMMPS of your own" route, for real: the plugin configured from a clean build
directory with only -DLAMMPS_DIR=<install prefix> and -DLAMMPS_SOURCE_DIR=<source tree>/src
(tools/test.sh points MGG_BYO_LAMMPS_DIR at the version the suite does not run in full), built,
and loaded by that LAMMPS's own lmp, where compute dmin2 of an affinely sheared glass is zero
while LAMMPS's displace/atom sees the shear.  Skipped (exit 77) without MGG_BYO_LAMMPS_DIR.

  test_bring_your_own.py SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

SCRIPT = """
plugin load {plugin}
units metal
atom_style atomic
read_data {glass}
pair_style eam/fs
pair_coeff * * {potential} Cu Zr
change_box all triclinic
compute d all dmin2 3.8
compute u all displace/atom
compute dmax all reduce max c_d[1]
compute umax all reduce max c_u[4]
displace_atoms all move 0 0 0
change_box all xy delta 0.5 remap units box
thermo_style custom step c_dmax c_umax
thermo_modify format float %.6e
run 0
"""


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-4000:]}")
    return p.stdout


def main():
    source = sys.argv[1]
    prefix = os.environ.get("MGG_BYO_LAMMPS_DIR")
    if not prefix:
        print("skipped: MGG_BYO_LAMMPS_DIR (a LAMMPS install prefix) is not set")
        sys.exit(77)
    lammps_src = os.path.join(prefix, "source", "src")
    with tempfile.TemporaryDirectory() as build:
        out = run(["cmake", "-S", source, "-B", build, f"-DLAMMPS_DIR={prefix}",
                   f"-DLAMMPS_SOURCE_DIR={lammps_src}", "-DMGG_BUILD_TESTS=OFF"])
        found = re.search(r"mgglass: LAMMPS (\d+ \w+ \d+) \((\d+)\).*definitions (\S+), lmp (\S+)", out)
        assert found, out
        version, number, defines, lmp = found.groups()
        print(f"configured against LAMMPS {version} ({number}), {defines}, {lmp}")
        assert os.path.realpath(lmp) == os.path.realpath(os.path.join(prefix, "bin", "lmp")), lmp
        assert "LAMMPS_SMALLBIG" in defines, defines
        run(["cmake", "--build", build, "--target", "mgglass", "-j", str(os.cpu_count() or 2)])
        root = os.path.abspath(source)
        script = SCRIPT.format(plugin=os.path.join(build, "libmgglass.so"),
                               glass=os.path.join(root, "examples", "glass", "CuZr_50_50.data"),
                               potential=os.path.join(root, "potentials", "CuZr_mm.eam.fs"))
        with open(os.path.join(build, "in.byo"), "w") as f:
            f.write(script)
        log = run([lmp, "-in", "in.byo", "-log", "none"], cwd=build)
    assert f"LAMMPS ({version}" in log, log[:400]
    row = re.search(r"^\s*0\s+(\S+)\s+(\S+)\s*$", log, re.M)
    assert row, log[-2000:]
    dmax, umax = float(row.group(1)), float(row.group(2))
    print(f"LAMMPS {version}: plugin loaded; affine shear: max |u| {umax:.3f} A, max D2min {dmax:.2e} A^2")
    assert umax > 0.1, "the shear did not move the atoms"
    assert dmax < 1e-20, "D2min of an affine shear must vanish"
    print("PASS")


if __name__ == "__main__":
    main()
