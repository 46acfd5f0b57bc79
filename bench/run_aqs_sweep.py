#!/usr/bin/python3
"""Cost of the frozen-atom sweep of fix frozen_atom_aqs against the naive script (one full
LAMMPS minimize, CG to 1e-8, per frozen atom), measured in one run on the 2,000-atom sample
glass's first event (-xy 2e-4, step 9).

The fix sweeps the atoms within --radius of the event centre (or --sample atoms drawn at random
from the whole glass: a sample of the full sweep), once on one process and once on
--partitions LAMMPS partitions (one process each); the naive script then relaxes, one after the
other, the atoms of the sweep with the smallest D_f (the STZ core, if any) and --random others.
Prints the wall time per frozen atom of each, the time per force evaluation, the ratios, and the
largest D_f difference.

    MGG_PLUGIN_DIR=$PWD/build bench/run_aqs_sweep.py --radius 6 --smallest 10 --random 10 --workdir /tmp/sweep6
"""
import argparse
import os
import re
import sys
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps", "frozen_atom_aqs"))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps"))
import mggtest  # noqa: E402
from test_aqs_naive import (PLANE, STEP, header, naive_script, read_atoms_file,  # noqa: E402
                            sweep_from_data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--radius", type=float, default=9.0)
    parser.add_argument("--sample", type=int, default=0,
                        help="sweep this many random atoms of the whole glass instead (a sample "
                             "of the 2,000-atom sweep)")
    parser.add_argument("--partitions", type=int, default=2)
    parser.add_argument("--smallest", type=int, default=10)
    parser.add_argument("--random", type=int, default=20)
    parser.add_argument("--event-step", type=int, default=9)
    parser.add_argument("--workdir", default="aqs_sweep")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    cwd, k = args.workdir, args.event_step
    mggtest.run_lammps(header(mggtest.GLASS_50) + f"""
fix aqs all frozen_atom_aqs {PLANE} {STEP} sweep no
run {k - 1}
write_data pre_event.data
""", cwd, name="in.pre")

    radius, swept, where = args.radius, None, f"within {args.radius} A of the event centre"
    if args.sample:
        n_atoms = int(re.search(r"(\d+) atoms", open(mggtest.GLASS_50).read()).group(1))
        swept = np.random.default_rng(7).choice(np.arange(1, n_atoms + 1), args.sample, replace=False)
        radius, where = None, f"drawn at random from all {n_atoms}"
    t0 = time.time()
    rows = sweep_from_data(cwd, radius, "serial", swept=swept)
    t_serial = time.time() - t0
    t0 = time.time()
    rows_parts = sweep_from_data(cwd, radius, "partitions", partitions=args.partitions, swept=swept)
    t_parts = time.time() - t0
    head = read_atoms_file(os.path.join(cwd, "atoms_serial.txt"))[0]
    analysed = rows[rows[:, 2] >= 0.0]
    n = len(analysed)
    evals_serial = analysed[:, -1].sum()
    parts_diff = np.abs(rows_parts[:, 2] - rows[:, 2]).max()

    order = np.argsort(analysed[:, 2])
    smallest = analysed[order[:args.smallest], 0].astype(int)
    rest = np.setdiff1d(analysed[:, 0].astype(int), smallest)
    others = np.random.default_rng(2025).choice(rest, min(args.random, len(rest)), replace=False)
    chosen = np.concatenate([smallest, others])
    t0 = time.time()
    _, out = mggtest.run_lammps(naive_script(chosen), cwd, name="in.naive")
    t_naive = time.time() - t0
    naive = {int(l.split()[1]): float(l.split()[2]) for l in out.splitlines() if l.startswith("NAIVE ")}
    naive_evals = sum(int(m) for m in re.findall(r"Iterations, force evaluations = \d+ (\d+)", out))
    df_of = dict(zip(analysed[:, 0].astype(int), analysed[:, 2]))
    diff = np.array([abs(naive[a] - df_of[a]) for a in chosen])

    per_serial, per_parts, per_naive = t_serial / n, t_parts / n, t_naive / len(chosen)
    print(f"event at step {k}: reference D_f {head['reference_D_f']:.4f} A, {int(head['n_core'])} "
          f"core atoms; {n} atoms {where} swept")
    print(f"D_f, smallest ten: {np.sort(analysed[:, 2])[:10].round(4).tolist()}")
    print(f"fix, 1 process      : {t_serial:.1f} s, {per_serial:.2f} s per atom, "
          f"{evals_serial / n:.0f} force evaluations per trial (the run includes one AQS step)")
    print(f"fix, {args.partitions} partitions : {t_parts:.1f} s, {per_parts:.2f} s per atom; "
          f"largest D_f difference to 1 process {parts_diff:.2e} A")
    print(f"naive, 1 process    : {t_naive:.1f} s for {len(chosen)} atoms, {per_naive:.2f} s per "
          f"atom, {naive_evals / len(chosen):.0f} force evaluations per atom")
    print(f"time per force evaluation: fix {1e3 * t_serial / evals_serial:.1f} ms (whole run), "
          f"naive {1e3 * t_naive / naive_evals:.1f} ms (whole run)")
    print(f"speed-up per atom, naive / fix: {per_naive / per_serial:.2f} (1 process), "
          f"{per_naive / per_parts:.2f} ({args.partitions} partitions); largest |D_f difference| "
          f"to naive {diff.max():.2e} A over {len(chosen)} atoms")


if __name__ == "__main__":
    main()
