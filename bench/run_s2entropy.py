#!/usr/bin/python3
"""Benchmark of compute s2entropy: seconds per evaluation as a ratio to LAMMPS compute
entropy/atom at the same cutoff (sigma 0.2 A), fixed and growing widths, rc 6.4 and 11.2 A, on the
2,000-atom sample glass and its 3x3x3 replica (54,000 atoms), each measured in one run.

    bench/run_s2entropy.py [--np N]    (prints a Markdown table for bench/RESULTS.md)
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def modify_times(log):
    """Modify time of each run in the log (LAMMPS's MPI task timing breakdown)."""
    return [float(m.group(1)) for m in re.finditer(r"^Modify\s*\|\s*\S+\s*\|\s*(\S+)", log, re.M)]


def search_radius(rc, workdir):
    """The ghost cutoff compute s2entropy asks for with the growing width at rc: the figure its
    error message gives under a shorter one (pair style zero keeps LAMMPS's own cutoff at 1 A)."""
    name = f"s2entropy_radius_rc{rc}.in"
    with open(os.path.join(workdir, name), "w") as f:
        f.write("plugin load libmgglass.so\nunits metal\natom_style atomic\n"
                f"read_data {os.path.join(ROOT, 'examples', 'glass', 'CuZr_50_50.data')}\n"
                "pair_style zero 1.0\npair_coeff * *\nneighbor 0.1 bin\n"
                f"compute growing all s2entropy {rc} smoothing growing\nrun 0\n")
    out = subprocess.run([os.path.join(ROOT, "tools", "lmp"), "-in", name, "-log", "none"],
                         cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True).stdout
    found = re.search(r"use 'comm_modify cutoff ([0-9.]+)'", out)
    if not found:
        raise RuntimeError(f"no search radius in the output of {name}: {out[-1500:]}")
    return float(found.group(1))


def measure(rep, rc, nsteps, ranks, workdir):
    log_name = f"s2entropy_rep{rep}_rc{rc}.log"
    cmd = [os.path.join(ROOT, "tools", "lmp"), "-in", os.path.join(HERE, "s2entropy.in"),
           "-var", "glass", os.path.join(ROOT, "examples", "glass", "CuZr_50_50.data"),
           "-var", "rep", str(rep), "-var", "rc", str(rc), "-var", "nsteps", str(nsteps),
           # entropy/atom: rc within pair cutoff 7.6 + skin; s2entropy: the growing search radius
           "-var", "skin", str(max(2.0, rc - 7.5)),
           "-var", "comm", str(search_radius(rc, workdir)),
           "-log", log_name, "-screen", "none"]
    if ranks > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run(cmd, cwd=workdir, check=True, env=env)
    with open(os.path.join(workdir, log_name)) as f:
        entropy_atom, fixed, growing = modify_times(f.read())
    return [t / nsteps for t in (entropy_atom, fixed, growing)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    workdir = os.path.join(ROOT, "build", "bench")
    os.makedirs(workdir, exist_ok=True)
    print("| atoms | MPI ranks | rc (A) | entropy/atom (s) | s2entropy fixed (s) | ratio | "
          "s2entropy growing (s) | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for rep, rc, nsteps in ((1, 6.4, 10), (1, 11.2, 3), (3, 6.4, 2), (3, 11.2, 1)):
        ea, fixed, growing = measure(rep, rc, nsteps, args.np, workdir)
        print(f"| {2000 * rep ** 3} | {args.np} | {rc} | {ea:.4g} | {fixed:.4g} | {fixed / ea:.2f} | "
              f"{growing:.4g} | {growing / ea:.2f} |", flush=True)


if __name__ == "__main__":
    main()
