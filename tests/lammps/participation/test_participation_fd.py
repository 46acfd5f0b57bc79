"""compute participation with the finite-difference Hessian (pair styles other than EAM):
1. an argon-like lj/cut fcc crystal (metal units, 108 atoms) with random displacements, against
   LAMMPS dynamical_matrix + numpy (all frequencies, P_i over the lowest 10%), with the warning
   that the structure is not at a minimum; under --np 2 also against the serial result;
2. hessian fd against the analytic EAM Hessian (hessian eam) on a displaced Cu-Zr crystal."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402


ARGON = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
lattice fcc 5.26
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 39.948
pair_style lj/cut 8.5
pair_coeff 1 1 0.0104 3.4
displace_atoms all random 0.05 0.05 0.05 4242 units box
compute p all participation fraction {fraction} vectors 1 1
fix modes all ave/time 1 1 1 c_p mode vector file modes_{tag}.txt format " %.17g"
dump out all custom 1 p_{tag}.dump id x y z c_p[1] c_p[2] c_p[3] c_p[4]
dump_modify out format float %.17g
thermo_style custom step pe c_p
run 0
"""
DYNMAT = "dynamical_matrix all regular 1e-5 file dynmat.bin binary yes\n"

CUZR = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
lattice bcc 3.26
region box block 0 3 0 3 0 3
create_box 2 box
create_atoms 1 box
set type 1 type/fraction 2 0.5 77
mass 1 63.546
mass 2 91.224
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
displace_atoms all random 0.03 0.03 0.03 99 units box
compute p all participation fraction 1 hessian {hessian} delta 1e-8
fix modes all ave/time 1 1 1 c_p mode vector file modes_{hessian}.txt format " %.17g"
run 0
"""


def table(path):
    """The mode energies (meV, negative for negative eigenvalues) of a fix ave/time vector file."""
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    assert int(rows[0][1]) == len(rows) - 1
    return np.array([float(r[1]) for r in rows[1:]])



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"participation_fd_np{args.np}")

    fraction = 0.1
    _, out = mggtest.run_lammps(ARGON.format(fraction=fraction, tag="np1") + DYNMAT, wd,
                                name="in.argon")
    assert "Compute participation: the structure is not at a minimum" in out, "force warning"
    modes = table(os.path.join(wd, "modes_np1.txt"))
    dump = mggtest.Dump(os.path.join(wd, "p_np1.dump"))
    n = len(dump["id"])
    k = len(modes)
    assert k == round(fraction * (3 * n - 3))
    w, v = np.linalg.eigh(mggtest.dynamical_matrix(os.path.join(wd, "dynmat.bin"), n))
    assert np.abs(w[:3]).max() < 1e-7 and w[3] > 1e-5
    lam, vec = w[3:3 + k], v[:, 3:3 + k]
    print(f"gap after mode {k}: {(w[3 + k] - w[2 + k]) / w[2 + k]:.2e} (relative)")
    mggtest.assert_close("eigenvalue vs dynamical_matrix", mggtest.mode_eigenvalue(modes), lam,
                         rtol=1e-6)
    mggtest.assert_close("energy (meV)", modes, mggtest.MEV * np.sqrt(lam), rtol=1e-6)
    p_numpy = (vec.reshape(n, 3, k) ** 2).sum(axis=(1, 2))
    mggtest.assert_close("P_i vs numpy", dump["c_p[1]"], p_numpy, rtol=0.0, atol=1e-6)
    e1 = dump.cols("c_p[2]", "c_p[3]", "c_p[4]").ravel()
    mggtest.assert_close("sum of p_i of mode 1", (e1 ** 2).sum(), 1.0, rtol=1e-12)
    mggtest.assert_close("|overlap| of mode 1 with numpy", abs(e1 @ vec[:, 0]), 1.0, rtol=1e-6)

    if args.np > 1:
        mggtest.run_lammps(ARGON.format(fraction=fraction, tag=f"np{args.np}"), wd,
                           np_ranks=args.np, name="in.argon_mpi")
        modes2 = table(os.path.join(wd, f"modes_np{args.np}.txt"))
        dump2 = mggtest.Dump(os.path.join(wd, f"p_np{args.np}.dump"))
        mggtest.assert_close("eigenvalues np 2 vs 1", modes2, modes, rtol=1e-9)
        # create_atoms numbers atoms differently on 2 ranks: match atoms by position
        order1, order2 = (np.lexsort(np.round(dmp.cols("x", "y", "z"), 6).T) for dmp in (dump, dump2))
        mggtest.assert_close("positions np 2 vs 1", dump2.cols("x", "y", "z")[order2],
                             dump.cols("x", "y", "z")[order1], rtol=0.0, atol=1e-9)
        mggtest.assert_close("P_i np 2 vs 1", dump2["c_p[1]"][order2], dump["c_p[1]"][order1],
                             rtol=0.0, atol=1e-9)
        return print("OK")

    for hessian in ("eam", "fd"):
        mggtest.run_lammps(CUZR.format(hessian=hessian), wd, name=f"in.cuzr_{hessian}")
    analytic = table(os.path.join(wd, "modes_eam.txt"))
    fd = table(os.path.join(wd, "modes_fd.txt"))
    scale = np.abs(mggtest.mode_eigenvalue(analytic)).max()
    print(f"Cu-Zr crystal, displaced: {np.sum(analytic < 0)} negative eigenvalues")
    mggtest.assert_close("eigenvalues, fd vs eam", mggtest.mode_eigenvalue(fd),
                         mggtest.mode_eigenvalue(analytic), rtol=0.0,
                         atol=1e-6 * scale)
    print("OK")


if __name__ == "__main__":
    main()
