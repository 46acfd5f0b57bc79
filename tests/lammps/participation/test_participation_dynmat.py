"""compute participation on the minimised 2,000-atom Cu64Zr36 glass against LAMMPS's own
dynamical matrix (PHONON dynamical_matrix, central differences of LAMMPS forces) diagonalised by
numpy: frequencies of the lowest 1% of the non-zero modes (60), P_i, chosen polarisation vectors
(each normalised: sum over atoms of p_i = 1), the three translational zero modes, with the
sparse solver (the default at this size) and the dense one.  Under --np 2 both solvers on
2 ranks must reproduce their serial results."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

CHOSEN = (1, 2, 30, 60)

MINIMISE = mggtest.glass_header(mggtest.GLASS_64, extra="atom_modify map yes") + """
min_style cg
minimize 0 1e-10 10000 100000
write_data minimised.data
"""

COMPUTE = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
read_data minimised.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
compute p all participation fraction 0.01 solver ${{solver}} vectors 4 {chosen}
fix modes all ave/time 1 1 1 c_p mode vector file modes_${{run}}.txt format " %.17g"
dump out all custom 1 p_${{run}}.dump id type {columns}
dump_modify out format float %.17g
thermo_style custom step c_p
run 0
""".format(chosen=" ".join(map(str, CHOSEN)),
           columns=" ".join(f"c_p[{k}]" for k in range(1, 2 + 3 * len(CHOSEN))))

DYNMAT = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
read_data minimised.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
dynamical_matrix all regular ${delta} file dynmat.bin binary yes
"""


def read_modes(path):
    """the one block of a fix ave/time mode vector file (after its "step rows" line)"""
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    assert int(rows[0][1]) == len(rows) - 1
    return np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def zero_modes(output):
    """the compute's global scalar from the thermo output of 'thermo_style custom step c_p'"""
    lines = output.splitlines()
    row = lines[[k for k, line in enumerate(lines) if line.split() == ["Step", "c_p"]][-1] + 1]
    return int(float(row.split()[1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--delta", type=float, default=1e-8,
                        help="dynamical_matrix displacement (small: fewer pairs straddle a "
                             "knot of the C1 splines)")
    args = parser.parse_args()
    wd = mggtest.workdir(f"participation_dynmat_np{args.np}")
    mggtest.run_lammps(MINIMISE, wd, name="in.minimise")

    # serial: both solvers; --np N: both on 1 and on N ranks
    runs = [(1, "sparse"), (1, "dense")]
    if args.np > 1:
        runs += [(args.np, "sparse"), (args.np, "dense")]
    results = {}
    for ranks, solver in runs:
        run = f"np{ranks}_{solver}"
        _, out = mggtest.run_lammps(COMPUTE, wd, np_ranks=ranks, name=f"in.compute_{run}",
                                    variables={"run": run, "solver": solver})
        assert zero_modes(out) == 3, "the glass has exactly the 3 translational zero modes"
        results[ranks, solver] = (read_modes(os.path.join(wd, f"modes_{run}.txt")),
                                  mggtest.Dump(os.path.join(wd, f"p_{run}.dump")))
    n = len(results[runs[0]][1]["id"])
    mggtest.run_lammps(DYNMAT, wd, name="in.dynmat", variables={"delta": args.delta})
    w, v = np.linalg.eigh(mggtest.dynamical_matrix(os.path.join(wd, "dynmat.bin"), n))
    print(f"numpy: three lowest |eigenvalues| {np.abs(w[:3]).max():.2e}, next {w[3]:.6e}")
    assert np.abs(w[:3]).max() < 1e-8 and w[3] > 1e-5, "3 translational zero modes in numpy"
    for ranks, solver in runs[:2]:
        print(f"-- solver {solver}")
        check_against_numpy(*results[ranks, solver], w, v)

    for solver in ("sparse", "dense") if args.np > 1 else ():
        print(f"-- solver {solver}: {args.np} ranks against 1")
        modes, dump = results[1, solver]
        modes2, dump2 = results[args.np, solver]
        mggtest.assert_close("eigenvalues np 2 vs 1", modes2, modes, rtol=1e-9)
        mggtest.assert_close("P_i np 2 vs 1", dump2["c_p[1]"], dump["c_p[1]"], rtol=0.0, atol=1e-9)
        for c in range(len(CHOSEN)):
            cols = [f"c_p[{2 + 3 * c + a}]" for a in range(3)]
            e1, e2 = dump.cols(*cols).ravel(), dump2.cols(*cols).ravel()
            mggtest.assert_close(f"|overlap| np 2 vs 1, mode {CHOSEN[c]}", abs(e1 @ e2), 1.0,
                                 rtol=1e-9)
    print("OK")


def check_against_numpy(modes, dump, w, v):
    n = len(dump["id"])
    k = len(modes)
    assert k == round(0.01 * (3 * n - 3)) == 60, k
    lam, vec = w[3:3 + k], v[:, 3:3 + k]

    mggtest.assert_close("eigenvalue", mggtest.mode_eigenvalue(modes[:, 0]), lam, rtol=2e-5)
    mggtest.assert_close("frequency (meV)", modes[:, 0], mggtest.MEV * np.sqrt(lam), rtol=1e-5)
    p_numpy = (vec.reshape(n, 3, k) ** 2).sum(axis=(1, 2))
    mggtest.assert_close("P_i", dump["c_p[1]"], p_numpy, rtol=0.0, atol=1e-6)
    mggtest.assert_close("sum of P_i", dump["c_p[1]"].sum(), k, rtol=1e-12)
    for c, m in enumerate(CHOSEN):
        e = dump.cols(*[f"c_p[{2 + 3 * c + a}]" for a in range(3)])
        mggtest.assert_close(f"sum of p_i of mode {m}", (e ** 2).sum(), 1.0, rtol=1e-12)
        gap = min(abs(lam[m - 1] - lam[j]) for j in range(k) if j != m - 1) / lam[m - 1]
        overlap = abs(e.ravel() @ vec[:, m - 1])
        print(f"mode {m}: overlap with numpy {overlap:.9f} (relative gap to the next {gap:.1e})")
        assert gap < 1e-3 or overlap > 1.0 - 1e-6, f"mode {m} differs from numpy's"


if __name__ == "__main__":
    main()
