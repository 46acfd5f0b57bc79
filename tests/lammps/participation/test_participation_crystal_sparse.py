"""The sparse solver on a degenerate spectrum: a perfect fcc Cu crystal of 7x7x7 conventional
cells (1,372 atoms, lattice relaxed, Cu of CuZr_mm.eam.fs), lowest 1% of the modes (41).  Its
lowest phonons come in clusters of equal frequencies (the 6 smallest wave vectors times the
branches: 12 transverse, then 6 longitudinal, ...).  With the default block of 32 vectors the
sparse solver must give every copy, as the dense solver does (eigenvalues 1e-9 relative); with a
block of 4, smaller than the clusters, the compute must warn that copies may be missing."""
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
lattice fcc 3.615
region box block 0 7 0 7 0 7
create_box 1 box
create_atoms 1 box
mass 1 63.546
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu
fix relax all box/relax iso 0.0
min_style cg
minimize 0 1e-12 1000 10000
unfix relax
write_data crystal.data
"""
COMPUTE = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
read_data crystal.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu
compute p all participation fraction 0.01 solver {solver}{block}
fix modes all ave/time 1 1 1 c_p mode vector file modes_{tag}.txt format " %.17g"
thermo_style custom step c_p
run 0
"""
WARNING = "equal eigenvalues (a degenerate spectrum"


def table(path):
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    return np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def main():
    wd = mggtest.workdir("participation_crystal_sparse")
    mggtest.run_lammps(SCRIPT, wd, name="in.crystal")
    out = {}
    for tag, solver, block in (("dense", "dense", ""), ("sparse", "sparse", ""),
                               ("block4", "sparse", " block 4")):
        _, out[tag] = mggtest.run_lammps(COMPUTE.format(solver=solver, block=block, tag=tag), wd,
                                         name=f"in.{tag}")
    dense, sparse = table(os.path.join(wd, "modes_dense.txt")), table(os.path.join(wd, "modes_sparse.txt"))
    lam = dense[:, 0]  # hbar omega (meV): equal eigenvalues, equal energies
    clusters = np.split(lam, np.where(np.diff(lam) > 1e-8 * lam[1:])[0] + 1)
    sizes = [len(c) for c in clusters]
    print(f"{len(lam)} modes; clusters of equal eigenvalues (dense): {sizes}")
    assert max(sizes) >= 6 and max(sizes) < 32, "the crystal's clusters lie between 4 and 32"
    mggtest.assert_close("sparse (block 32) vs dense energies", sparse[:, 0], lam, rtol=1e-9)
    assert WARNING not in out["sparse"], "no warning with a block larger than the clusters"
    assert WARNING in out["block4"], "block 4: the warning about missing copies"
    print("PASS")


if __name__ == "__main__":
    main()
