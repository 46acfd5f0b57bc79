#!/usr/bin/python3
"""Benchmark of compute dmin2: seconds per evaluation as a ratio to one EAM force evaluation,
on the 2,000-atom sample glass and on its 3x3x3 replica (54,000 atoms), measured in one run.

    bench/run_dmin2.py [--np N]    (prints a Markdown table for bench/RESULTS.md)
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def section_time(log, name):
    """Average time of a section of LAMMPS's MPI task timing breakdown, per run in the log."""
    return [float(m.group(1)) for m in re.finditer(rf"^{name}\s*\|\s*\S+\s*\|\s*(\S+)", log, re.M)]


def measure(rep, nsteps, ranks, temp, workdir):
    cmd = [os.path.join(ROOT, "tools", "lmp"), "-in", os.path.join(HERE, "dmin2.in"),
           "-var", "glass", os.path.join(ROOT, "examples", "glass", "CuZr_50_50.data"),
           "-var", "rep", str(rep), "-var", "nsteps", str(nsteps), "-var", "temp", str(temp),
           "-log", f"dmin2_rep{rep}.log", "-screen", "none"]
    if ranks > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run(cmd, cwd=workdir, check=True, env=env)
    with open(os.path.join(workdir, f"dmin2_rep{rep}.log")) as f:
        log = f.read()
    pair, modify = section_time(log, "Pair"), section_time(log, "Modify")
    pair_per_step = pair[1] / nsteps
    dmin2_per_eval = (modify[1] - modify[0]) / nsteps
    return 2000 * rep ** 3, pair_per_step, dmin2_per_eval


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--temp", type=float, default=300.0,
                        help="MD temperature in K between evaluations (0: atoms at rest)")
    args = parser.parse_args()
    workdir = os.path.join(ROOT, "build", "bench")
    os.makedirs(workdir, exist_ok=True)
    print("| atoms | MPI ranks | MD at (K) | EAM force evaluation (s) | dmin2 evaluation (s) | ratio |")
    print("|---|---|---|---|---|---|")
    for rep, nsteps in ((1, 200), (3, 20)):
        natoms, pair, dmin2 = measure(rep, nsteps, args.np, args.temp, workdir)
        print(f"| {natoms} | {args.np} | {args.temp:g} | {pair:.4g} | {dmin2:.4g} | {dmin2 / pair:.3f} |")


if __name__ == "__main__":
    main()
