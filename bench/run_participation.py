#!/usr/bin/python3
"""Benchmark of compute participation against the baseline a user has without it: LAMMPS
dynamical_matrix (PHONON, central differences, written to a binary file) and then a dense LAPACK
eigensolver through numpy/scipy (scipy.linalg.eigh: dsyevd for all modes, dsyevr for the lowest
ones).  Wall time and peak resident memory of each process, measured in one run.

    bench/run_participation.py [--sizes 1,2] [--large 5:0.01,10:0.0025]
        --sizes: replicas of the 2,000-atom Cu64Zr36 sample glass (1: 2,000 atoms, 2: 4,000) where
        both are measured: all modes (ours dense) and the lowest 1% (ours with solver auto);
        --large: replicas:fraction where only ours is measured; the baseline there is
        extrapolated from the two largest --sizes (dynamical_matrix ~ N^2: 6N force calls of
        cost ~N; dense eigensolver ~ N^3), and marked so.
Prints Markdown tables for bench/RESULTS.md.
"""
import argparse
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GLASS = os.path.join(ROOT, "examples", "glass", "CuZr_64_36.data")

SETUP = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
read_data {glass}
replicate {rx} {ry} 1
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
"""
OURS = "compute p all participation fraction {fraction}\nthermo_style custom step c_p\nrun 0\n"
DYNMAT = "dynamical_matrix all regular 1e-6 file dynmat.bin binary yes\n"
EIGEN = """
import numpy as np, scipy.linalg as sl
n = {n3}
d = np.fromfile("dynmat.bin").reshape(n, n)
d = 0.5 * (d + d.T)
k = {k}
w = sl.eigh(d, subset_by_index=None if k + 3 == n else [0, k + 2], overwrite_a=True,
            check_finite=False)[0]
print(w[3], w[-1])
"""


def replicas(rep):
    """replicate factors: along x first, then y (keeps the box from getting too thin)"""
    return (rep, 1) if rep <= 5 else (rep // 2, 2)


def run(cmd, workdir):
    """wall seconds and peak resident memory (GB) of one process"""
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{cmd} failed in {workdir}")
    return wall, usage.ru_maxrss / 1e6


def lammps(script, name, workdir):
    with open(os.path.join(workdir, name), "w") as f:
        f.write(script)
    return run([os.path.join(ROOT, "tools", "lmp"), "-in", name, "-log", name + ".log",
                "-screen", "none"], workdir)


def solver_of(workdir):
    with open(os.path.join(workdir, "in.ours.log")) as f:
        return "sparse" if "sparse solver" in f.read() else "dense"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2")
    parser.add_argument("--large", default="5:0.01,10:0.0025")
    args = parser.parse_args()
    workdir = os.path.join(ROOT, "build", "bench", "participation")
    os.makedirs(workdir, exist_ok=True)
    print("| atoms | modes | ours: solver | ours (s) | ours peak (GB) | dynamical_matrix (s) | "
          "eigh (s) | baseline peak (GB) | time ratio baseline / ours |")
    print("|---|---|---|---|---|---|---|---|---|")
    measured = []  # (atoms, dynamical_matrix seconds, eigh seconds per k, baseline GB)
    for rep in map(int, args.sizes.split(",")):
        n = 2000 * rep
        setup = SETUP.format(glass=GLASS, rx=replicas(rep)[0], ry=replicas(rep)[1])
        t_setup, _ = lammps(setup + "run 0\n", "in.setup", workdir)
        t_dyn, m_dyn = lammps(setup + DYNMAT, "in.dynmat", workdir)
        t_dyn -= t_setup
        for fraction in (1.0, 0.01):
            k = max(1, round(fraction * (3 * n - 3)))
            t_ours, m_ours = lammps(setup + OURS.format(fraction=fraction), "in.ours", workdir)
            ours = t_ours - t_setup
            with open(os.path.join(workdir, "eigen.py"), "w") as f:
                f.write(EIGEN.format(n3=3 * n, k=k))
            t_eig, m_eig = run(["/usr/bin/python3", "eigen.py"], workdir)
            measured.append((n, fraction, t_dyn, t_eig, max(m_dyn, m_eig)))
            print(f"| {n} | {k} | {solver_of(workdir)} | {ours:.1f} | {m_ours:.2f} | {t_dyn:.1f} | "
                  f"{t_eig:.1f} | {max(m_dyn, m_eig):.2f} | {(t_dyn + t_eig) / ours:.1f} |",
                  flush=True)
    partial = [m for m in measured if m[1] != 1.0]
    n0, _, dyn0, eig0, mem0 = partial[-1]
    for item in args.large.split(","):
        rep, fraction = int(item.split(":")[0]), float(item.split(":")[1])
        n = 2000 * rep
        k = max(1, round(fraction * (3 * n - 3)))
        setup = SETUP.format(glass=GLASS, rx=replicas(rep)[0], ry=replicas(rep)[1])
        t_setup, _ = lammps(setup + "run 0\n", "in.setup", workdir)
        t_ours, m_ours = lammps(setup + OURS.format(fraction=fraction), "in.ours", workdir)
        ours = t_ours - t_setup
        dyn, eig = dyn0 * (n / n0) ** 2, eig0 * (n / n0) ** 3
        mem = max(mem0 * (n / n0) ** 2, 8 * (3 * n) ** 2 / 1e9)
        print(f"| {n} | {k} | {solver_of(workdir)} | {ours:.1f} | {m_ours:.2f} | {dyn:.0f} (extrap.) | "
              f"{eig:.0f} (extrap.) | {mem:.1f} (extrap.) | {(dyn + eig) / ours:.0f} |", flush=True)


if __name__ == "__main__":
    main()
