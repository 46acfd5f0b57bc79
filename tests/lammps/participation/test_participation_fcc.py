"""compute participation on a perfect fcc Cu crystal (4x4x4 conventional cells, 256 atoms, lattice
relaxed): all 765 non-zero modes against LAMMPS dynamical_matrix + numpy, exactly the 3
translational zero modes, the maximum phonon frequency against the measured one of Cu
(longitudinal at X, 7.25 THz, Svensson, Brockhouse and Rowe, Phys. Rev. 155, 619 (1967)), the
V-DOS against numpy's histogram, P_i = 3 - 3/N for every atom when all
modes are summed.  --pair eam/fs (Cu of CuZr_mm.eam.fs) or eam FILE (a funcfl file, Cu_u3.eam)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

THZ = 15.633304239856193
MEASURED_MAX_THZ = 7.25
WIDTH, TOP = 0.5, 40.0  # V-DOS bins (meV)

CRYSTAL = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
lattice fcc 3.615
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 63.546
{pair}
fix relax all box/relax iso 0.0
min_style cg
minimize 0 1e-12 1000 10000
unfix relax
"""

COMPUTE = """
compute p all participation fraction 1 vdos {width} {top}
fix modes all ave/time 1 1 1 c_p mode vector file modes.txt format " %.17g"
fix dos all ave/time 1 1 1 c_p[1] c_p[2] mode vector file vdos.txt format " %.17g"
dump out all custom 1 p.dump id c_p[1]
dump_modify out format float %.17g
thermo_style custom step c_p lx
thermo_modify format float %.17g
run 0
dynamical_matrix all regular 1e-8 file dynmat.bin binary yes
"""


def eigenvalue(energy):
    """lambda (eV/(A^2 amu)) of the compute's hbar omega (meV), negative for a negative lambda"""
    return np.sign(energy) * (energy / mggtest.MEV) ** 2


def table(path):
    """the one block of a fix ave/time mode vector file (after its "step rows" line)"""
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    assert int(rows[0][1]) == len(rows) - 1
    return np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pair", nargs="+", default=["eam/fs"])
    args = parser.parse_args()
    if args.pair[0] == "eam/fs":
        pair = "pair_style eam/fs\npair_coeff * * CuZr_mm.eam.fs Cu"
    else:
        pair = f"pair_style eam\npair_coeff 1 1 {args.pair[1]}"
    wd = mggtest.workdir("participation_fcc_" + args.pair[0].replace("/", "_"))
    script = CRYSTAL.format(pair=pair) + COMPUTE.format(width=WIDTH, top=TOP)
    _, out = mggtest.run_lammps(script, wd)
    lines = out.splitlines()
    row = lines[[k for k, line in enumerate(lines) if line.split() == ["Step", "c_p", "Lx"]][-1] + 1]
    n_zero, lx = int(float(row.split()[1])), float(row.split()[2])
    print(f"relaxed lattice constant {lx / 4:.5f} A, zero modes {n_zero}")
    assert n_zero == 3, "a perfect crystal has exactly the 3 translational zero modes"

    modes = table(os.path.join(wd, "modes.txt"))
    energy, dos = table(os.path.join(wd, "vdos.txt")).T
    dump = mggtest.Dump(os.path.join(wd, "p.dump"))
    n = len(dump["id"])
    assert len(modes) == 3 * n - 3 and len(dos) == round(TOP / WIDTH)

    w = np.linalg.eigvalsh(mggtest.dynamical_matrix(os.path.join(wd, "dynmat.bin"), n))
    assert np.abs(w[:3]).max() < 1e-8 and w[3] > 1e-4
    lam = w[3:]
    # the lowest non-zero modes are degenerate 6-fold or more; compare the sorted spectra
    mggtest.assert_close("eigenvalues vs dynamical_matrix", eigenvalue(modes[:, 0]), lam, rtol=0.0,
                         atol=1e-6 * lam.max())
    mggtest.assert_close("frequency (meV)", modes[:, 0], mggtest.MEV * np.sqrt(lam), rtol=1e-5)
    top_thz = modes[:, 0].max() * THZ / mggtest.MEV
    print(f"maximum frequency {top_thz:.4f} THz ({modes[:, 0].max():.3f} meV), "
          f"measured {MEASURED_MAX_THZ} THz")
    assert abs(top_thz / MEASURED_MAX_THZ - 1.0) < 0.08, "maximum phonon frequency of Cu"

    # binning checked on the compute's own frequencies (numpy's may sit across a bin edge)
    counts, _ = np.histogram(modes[:, 0], bins=np.arange(0.0, TOP + WIDTH / 2, WIDTH))
    mggtest.assert_close("V-DOS energies (bin centres)", energy, np.arange(len(dos)) * WIDTH + WIDTH / 2,
                         rtol=1e-12)
    mggtest.assert_close("V-DOS", dos, counts / (len(lam) * WIDTH), rtol=0.0, atol=1e-12)
    mggtest.assert_close("V-DOS normalisation", dos.sum() * WIDTH, 1.0, rtol=1e-12)
    mggtest.assert_close("P_i with all modes", dump["c_p[1]"], np.full(n, 3.0 - 3.0 / n), rtol=1e-10)
    print("OK")


if __name__ == "__main__":
    main()
