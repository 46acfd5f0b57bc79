#!/usr/bin/python3
"""Benchmark of compute participation against the baseline a user has without it: LAMMPS
dynamical_matrix (PHONON, central differences, written to a binary file) and then a dense LAPACK
eigensolver through numpy/scipy (scipy.linalg.eigh: dsyevd for all modes, dsyevr for the lowest
ones).  Wall time and peak resident memory of each process, measured in one run, with the load
average of the machine next to each row.

    bench/run_participation.py [--sizes 1,2] [--all-modes 1] [--large 5:0.01,10:0.0025]
                               [--no-arpack] [--workdir DIR]
        --sizes: sizes (in units of the 2,000-atom Cu64Zr36 sample glass) where both are
        measured for the lowest 1% of the modes (ours with solver auto);
        --all-modes: sizes among those where all modes are compared as well (ours dense);
        --large: size:fraction where only ours is measured; the baseline there is extrapolated
        from the two largest --sizes with exponents fitted to them (time ~ N^a per part,
        memory ~ N^c), and marked so;
        --no-arpack: skip the same-run peer of our sparse solver, ARPACK's single-vector Lanczos
        (block 1), next to the default block Krylov-Schur;
        --workdir: where the inputs, logs and prepared systems go (build/bench/participation).
Systems: size 1 is the sample glass itself (minimised); size s > 1 is its replica (s x 1 x 1
up to 5, then s/2 x 2 x 1) run 4 ps at 600 K (NVT) and minimised again (CG), so that the
replicas differ: a pure replica has a degenerate spectrum (each eigenvalue of the small cell
repeated), which no real glass of that size has.  Made once and kept in the work directory.
Prints Markdown tables for bench/RESULTS.md.
"""
import argparse
import math
import os
import re
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GLASS = os.path.join(ROOT, "examples", "glass", "CuZr_64_36.data")

HEADER = """
plugin load libmgglass.so
units metal
atom_style atomic
atom_modify map yes
read_data {data}
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
"""
PREPARE = HEADER + """
replicate {rx} {ry} 1
velocity all create 600 4928459 mom yes rot no dist gaussian
fix md all nvt temp 600 600 0.1
timestep 0.002
thermo 500
run 2000
unfix md
min_style cg
thermo 1000
minimize 0 1e-10 20000 100000
min_modify line forcezero
minimize 0 1e-10 20000 100000
reset_timestep 0
write_data {out}
"""
OURS = ("compute p all participation fraction {fraction}{extra}\n"
        "thermo_style custom step c_p\nrun 0\n")
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


def load():
    return "{:.1f}".format(os.getloadavg()[0])


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


def system(rep, workdir):
    """the data file of size rep (prepared once)"""
    if rep == 1:
        return GLASS
    rx, ry = replicas(rep)
    out = os.path.join(workdir, f"glass_{rx}x{ry}.data")
    if not os.path.exists(out):
        lammps(PREPARE.format(data=GLASS, rx=rx, ry=ry, out=out + ".tmp"), f"in.prepare_{rep}",
               workdir)
        os.rename(out + ".tmp", out)
    return out


def phases(workdir):
    """the compute's own log lines: solver and per-phase times"""
    with open(os.path.join(workdir, "in.ours.log")) as f:
        text = f.read()
    solver = re.search(r"sparse solver \(([^)]*)\)", text)
    timing = re.search(r"compute participation p: time \(s\): (.*)", text).group(1)
    return (solver.group(1) if solver else "dense"), timing


def ours(setup, fraction, extra, t_setup, workdir):
    t, mem = lammps(setup + OURS.format(fraction=fraction, extra=extra), "in.ours", workdir)
    solver, timing = phases(workdir)
    return t - t_setup, mem, solver, timing


def fit(n0, v0, n1, v1):
    """exponent a of v ~ N^a through two measured points"""
    return math.log(v1 / v0) / math.log(n1 / n0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2")
    parser.add_argument("--all-modes", default="1")
    parser.add_argument("--large", default="5:0.01,10:0.0025")
    parser.add_argument("--no-arpack", action="store_true")
    parser.add_argument("--workdir", default=os.path.join(ROOT, "build", "bench", "participation"))
    args = parser.parse_args()
    workdir = os.path.abspath(args.workdir)
    os.makedirs(workdir, exist_ok=True)
    peers = [("", "default")] + ([] if args.no_arpack else [(" block 1", "block 1")])
    all_sizes = {int(s) for s in args.all_modes.split(",") if s}
    rows, timings, measured = [], [], []  # measured: (atoms, dynmat s, eigh s, baseline GB)
    print("| atoms | modes | ours: solver | ours (s) | ours peak (GB) | dynamical_matrix (s) | "
          "eigh (s) | baseline peak (GB) | time ratio baseline / ours | load |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for rep in map(int, args.sizes.split(",")):
        n = 2000 * rep
        setup = HEADER.format(data=system(rep, workdir))
        t_setup, _ = lammps(setup + "run 0\n", "in.setup", workdir)
        t_dyn, m_dyn = lammps(setup + DYNMAT, "in.dynmat", workdir)
        t_dyn -= t_setup
        for fraction in ((1.0, 0.01) if rep in all_sizes else (0.01,)):
            k = max(1, round(fraction * (3 * n - 3)))
            with open(os.path.join(workdir, "eigen.py"), "w") as f:
                f.write(EIGEN.format(n3=3 * n, k=k))
            t_eig, m_eig = run(["/usr/bin/python3", "eigen.py"], workdir)
            base_mem = max(m_dyn, m_eig)
            if fraction != 1.0:
                measured.append((n, t_dyn, t_eig, base_mem))
            for extra, label in (peers if fraction != 1.0 else [("", "default")]):
                t, mem, solver, timing = ours(setup, fraction, extra, t_setup, workdir)
                name = solver if label == "default" else f"{solver} ({label})"
                print(f"| {n} | {k} | {name} | {t:.1f} | {mem:.2f} | {t_dyn:.1f} | {t_eig:.1f} | "
                      f"{base_mem:.2f} | {(t_dyn + t_eig) / t:.1f} | {load()} |", flush=True)
                timings.append((n, k, name, timing))
    if len(measured) >= 2:
        (n0, dyn0, eig0, mem0), (n1, dyn1, eig1, mem1) = measured[-2], measured[-1]
        a_dyn, a_eig, a_mem = fit(n0, dyn0, n1, dyn1), fit(n0, eig0, n1, eig1), fit(n0, mem0, n1, mem1)
        how = f"fitted to {n0} and {n1} atoms (lowest 1%)"
    else:  # one size: the nominal exponents (6N force calls of cost ~N; dense ~N^3; N^2 matrix)
        (n1, dyn1, eig1, mem1) = measured[-1]
        a_dyn, a_eig, a_mem = 2.0, 3.0, 2.0
        how = f"assumed (one measured size, {n1} atoms)"
    for item in args.large.split(","):
        if not item:
            continue
        rep, fraction = int(item.split(":")[0]), float(item.split(":")[1])
        n = 2000 * rep
        k = max(1, round(fraction * (3 * n - 3)))
        setup = HEADER.format(data=system(rep, workdir))
        t_setup, _ = lammps(setup + "run 0\n", "in.setup", workdir)
        # the baseline at this size from the fitted exponents; the dense matrix alone needs
        # 8 (3N)^2 bytes
        dyn, eig = dyn1 * (n / n1) ** a_dyn, eig1 * (n / n1) ** a_eig
        mem = max(mem1 * (n / n1) ** a_mem, 8 * (3 * n) ** 2 / 1e9)
        for extra, label in peers:
            t, m, solver, timing = ours(setup, fraction, extra, t_setup, workdir)
            name = solver if label == "default" else f"{solver} ({label})"
            print(f"| {n} | {k} | {name} | {t:.1f} | {m:.2f} | {dyn:.0f} (extrap.) | "
                  f"{eig:.0f} (extrap.) | {mem:.1f} (extrap.) | {(dyn + eig) / t:.0f} | {load()} |",
                  flush=True)
            timings.append((n, k, name, timing))
    print(f"\nBaseline exponents {how}: dynamical_matrix "
          f"N^{a_dyn:.2f}, eigh N^{a_eig:.2f}, peak memory N^{a_mem:.2f}\n")
    print("| atoms | modes | ours: solver | phases (compute's log) |")
    print("|---|---|---|---|")
    for n, k, name, timing in timings:
        print(f"| {n} | {k} | {name} | {timing} |")


if __name__ == "__main__":
    main()
