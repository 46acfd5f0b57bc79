"""Under fix deform (which changes the box and remaps the owned atoms after the step's
communication), the finite-difference Hessian's spectrum at the deformed step equals a run 0
at the same configuration and the analytic EAM Hessian's; so do P_i.  Displaced Cu-Zr B2-like
crystal, 128 atoms.  Before ghost positions were refreshed the pair forces of hessian fd used
ghosts at images of the old box (the issue's lowest mode: 1.792 instead of 1.894 meV)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402


SCRIPT = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
lattice bcc 3.26
region box prism 0 4 0 4 0 4 0 0 0
create_box 2 box
create_atoms 1 box
set type 1 type/fraction 2 0.5 77
mass 1 63.546
mass 2 91.224
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
displace_atoms all random 0.03 0.03 0.03 99 units box
compute fd all participation fraction 1 hessian fd delta 1e-6
compute eam all participation fraction 1 hessian eam
fix df all deform 1 xy erate 20 z erate 2 remap x
fix m1 all ave/time 1 1 1 c_fd c_eam mode vector file deform.txt format " %.17g"
dump a all custom 1 deform.*.dump id c_fd[1] c_eam[1]
dump_modify a format float %.17g
run 1
unfix m1
undump a
unfix df
fix m2 all ave/time 1 1 1 c_fd c_eam mode vector file still.txt format " %.17g"
dump b all custom 1 still.*.dump id c_fd[1] c_eam[1]
dump_modify b format float %.17g
run 0
"""


def last_block(path):
    """The last block of a fix ave/time vector file, as an array (rows, columns)."""
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    starts = [k for k, r in enumerate(rows) if len(r) == 2]
    block = rows[starts[-1] + 1:]
    assert len(block) == int(rows[starts[-1]][1])
    return np.array([[float(v) for v in r[1:]] for r in block])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    wd = mggtest.workdir(f"participation_deform_np{args.np}")
    mggtest.run_lammps(SCRIPT, wd, np_ranks=args.np, name="in.deform")
    # the compute's hbar omega (meV) back to eigenvalues lambda = (E / mggtest.MEV)^2
    deformed, still = (mggtest.mode_eigenvalue(last_block(os.path.join(wd, name)))
                       for name in ("deform.txt", "still.txt"))
    scale = np.abs(still).max()
    mggtest.assert_close("eigenvalues, hessian eam under deform vs run 0", deformed[:, 1],
                         still[:, 1], rtol=0.0, atol=1e-12 * scale)
    mggtest.assert_close("eigenvalues, hessian fd under deform vs run 0", deformed[:, 0],
                         still[:, 0], rtol=0.0, atol=1e-9 * scale)
    mggtest.assert_close("eigenvalues, hessian fd vs eam under deform", deformed[:, 0],
                         deformed[:, 1], rtol=0.0, atol=1e-5 * scale)
    d, s = mggtest.Dump(os.path.join(wd, "deform.1.dump")), mggtest.Dump(os.path.join(wd, "still.1.dump"))
    mggtest.assert_close("P_i, hessian fd under deform vs run 0", d["c_fd[1]"], s["c_fd[1]"], rtol=0.0,
                         atol=1e-9)
    print("PASS")


if __name__ == "__main__":
    main()
