#!/usr/bin/python3
"""Benchmark of compute voronoi_index: seconds per evaluation as a ratio to LAMMPS compute
voronoi/atom, on the 2,000-atom Cu64Zr36 sample glass and its 3x3x3 replica (54,000 atoms),
both measured in one LAMMPS run.

    bench/run_voronoi_index.py [--np N] [--temp T]   (prints a Markdown table for bench/RESULTS.md)
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def section_time(log, name):
    """Time of a section of LAMMPS's timing breakdown, one entry per run in the log."""
    return [float(m.group(1)) for m in re.finditer(rf"^{name}\s*\|\s*\S+\s*\|\s*(\S+)", log, re.M)]


def measure(rep, nsteps, ranks, temp, workdir):
    log_name = f"voronoi_index_rep{rep}_np{ranks}.log"
    cmd = [os.path.join(ROOT, "tools", "lmp"), "-in", os.path.join(HERE, "voronoi_index.in"),
           "-var", "glass", os.path.join(ROOT, "examples", "glass", "CuZr_64_36.data"),
           "-var", "rep", str(rep), "-var", "nsteps", str(nsteps), "-var", "temp", str(temp),
           "-log", log_name, "-screen", "none"]
    if ranks > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run(cmd, cwd=workdir, check=True, env=env)
    with open(os.path.join(workdir, log_name)) as f:
        log = f.read()
    baseline, lammps, ours = section_time(log, "Modify")
    return 2000 * rep ** 3, (lammps - baseline) / nsteps, (ours - baseline) / nsteps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--temp", type=float, default=300.0,
                        help="MD temperature in K between evaluations (0: atoms at rest)")
    args = parser.parse_args()
    workdir = os.path.join(ROOT, os.environ.get("MGG_BUILD", "build"), "bench")
    os.makedirs(workdir, exist_ok=True)
    print("| atoms | MPI ranks | MD at (K) | voronoi/atom evaluation (s) | voronoi_index evaluation (s) "
          "| ratio |")
    print("|---|---|---|---|---|---|")
    for rep, nsteps in ((1, 100), (3, 10)):
        natoms, lammps, ours = measure(rep, nsteps, args.np, args.temp, workdir)
        print(f"| {natoms} | {args.np} | {args.temp:g} | {lammps:.4g} | {ours:.4g} | "
              f"{ours / lammps:.3f} |", flush=True)


if __name__ == "__main__":
    main()
