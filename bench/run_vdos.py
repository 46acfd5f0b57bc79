#!/usr/bin/python3
"""Benchmark of the V-DOS of compute participation: the kernel polynomial estimate (kpm, any
fraction) on seed 000's 10,000-atom system against the histogram of all modes from the dense
solver (fraction 1) at 2,000 atoms, and the two V-DOS of the 2,000-atom glass against each
other.  Wall times of each LAMMPS process minus its setup (read, minimise), the compute's own
phase times from its log, the CPU time (user + system) of each process next to its wall time
(the machine is shared: on a loaded machine the wall time is several times the CPU time), and
the load average of the machine next to each row.

    bench/run_vdos.py [--large 5] [--workdir DIR]
        --large: size of the large system in units of the 2,000-atom sample glass (5: 10,000
        atoms, the replica run_participation.py prepares: 5 x 1 x 1, 4 ps at 600 K, minimised);
        --workdir: where inputs, logs and systems go (build/bench/participation, shared with
        run_participation.py so that the prepared system is made once).
Prints Markdown for bench/RESULTS.md.
"""
import argparse
import os
import re
import subprocess
import time

import numpy as np

import run_participation as rp

VDOS = ("compute p all participation fraction {fraction} vdos 0.5 40{extra}\n"
        "fix v all ave/time 1 1 1 c_p[*] mode vector file {out}\n"
        "run 0\n")


def read_vdos(path):
    rows = [line.split() for line in open(path) if not line.startswith("#")][1:]
    return np.array([[float(x) for x in r[1:]] for r in rows])


def lammps(script, name, workdir):
    """wall and CPU seconds, peak resident memory (GB) of one LAMMPS process"""
    with open(os.path.join(workdir, name), "w") as f:
        f.write(script)
    start = time.perf_counter()
    proc = subprocess.Popen([os.path.join(rp.ROOT, "tools", "lmp"), "-in", name, "-log", name + ".log",
                             "-screen", "none"], cwd=workdir, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise RuntimeError(f"{name} failed in {workdir}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1e6


def measure(rep, fraction, extra, name, workdir):
    setup = rp.HEADER.format(data=rp.system(rep, workdir))
    if rep == 1:  # the sample glass is not minimised
        setup += "minimize 0 1e-10 10000 100000\nreset_timestep 0\n"
    t_setup, c_setup, _ = lammps(setup + "run 0\n", f"in.setup_{name}", workdir)
    out = os.path.join(workdir, f"vdos_{name}.txt")
    t, cpu, mem = lammps(setup + VDOS.format(fraction=fraction, extra=extra, out=out), f"in.{name}",
                         workdir)
    log = open(os.path.join(workdir, f"in.{name}.log")).read()
    timing = re.search(r"compute participation p: time \(s\): (.*)", log).group(1)
    kpm = re.search(r"compute participation p: kpm V-DOS: (.*)", log)
    return (t - t_setup, cpu - c_setup, mem, timing, kpm.group(1) if kpm else "", read_vdos(out),
            rp.load())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=5)
    parser.add_argument("--workdir", default=os.path.join(rp.ROOT, "build", "bench", "participation"))
    args = parser.parse_args()
    workdir = os.path.abspath(args.workdir)
    os.makedirs(workdir, exist_ok=True)
    runs = [(1, 1.0, "", "dense_2000", "V-DOS of all modes (fraction 1, dense)"),
            (1, 0.01, "", "kpm_2000", "kpm V-DOS beside the lowest 1% (sparse)"),
            (args.large, 0.0001, "", f"kpm_{2000 * args.large}", "kpm V-DOS, 3 modes (sparse)")]
    print("| atoms | what | compute: wall (s) | compute: CPU (s) | peak (GB) | load |")
    print("|---|---|---|---|---|---|")
    result, phases = {}, []
    for rep, fraction, extra, name, what in runs:
        t, cpu, mem, timing, kpm, vdos, load = measure(rep, fraction, extra, name, workdir)
        result[name] = vdos
        print(f"| {2000 * rep} | {what} | {t:.1f} | {cpu:.1f} | {mem:.2f} | {load} |", flush=True)
        phases.append(f"{2000 * rep} atoms, {what}: {timing}{'; kpm V-DOS: ' + kpm if kpm else ''}")
    print("\nPhases (wall seconds, the compute's log):\n" + "\n".join(f"- {p}" for p in phases))
    dense, kpm = result["dense_2000"][:, 1], result["kpm_2000"][:, 1]
    w = 0.5
    ks = np.max(np.abs(np.cumsum(kpm - dense) * w))
    l1 = np.sum(np.abs(kpm - dense)) * w
    l1_1 = np.sum(np.abs(kpm.reshape(-1, 2).sum(1) - dense.reshape(-1, 2).sum(1))) * w
    e = result["dense_2000"][:, 0]
    print(f"\n2,000 atoms, kpm against the dense histogram (0.5 meV bins): largest difference of the "
          f"cumulative V-DOS {ks:.4f}, integrated |difference| {l1:.4f} (1 meV bins: {l1_1:.4f}); "
          f"peak {e[np.argmax(dense)]:.2f} (dense) and {e[np.argmax(kpm)]:.2f} meV (kpm)")
    large = result[f"kpm_{2000 * args.large}"][:, 1]
    print(f"{2000 * args.large} atoms against 2,000 (both kpm): integrated |difference| "
          f"{np.sum(np.abs(large - kpm)) * w:.4f}; peak {e[np.argmax(large)]:.2f} meV")


if __name__ == "__main__":
    main()
