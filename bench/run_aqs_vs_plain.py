#!/usr/bin/python3
"""Long AQS comparison: fix frozen_atom_aqs against the plain LAMMPS script (change_box remap +
minimize CG each step) on the 2,000-atom Cu50Zr50 glass.  Reports how long the stress-strain
curves agree, and the event statistics of both by the fix's rule (a stress drop of more than
1 MPa from the step before, or more than 1 meV dissipated), and the cost of both.

    MGG_PLUGIN_DIR=build bench/run_aqs_vs_plain.py --nsteps 500 --step 2e-4 --workdir /tmp/aqs_long
"""
import argparse
import os
import sys
import threading
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps", "frozen_atom_aqs"))
sys.path.insert(0, os.path.join(here, "..", "tests", "lammps"))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

BAR_A3_PER_EV = 1.6021765e6


def events(along, energy, volume, step, drop_bar=10.0, dissipated_ev=1e-3):
    """Rows that are events by the fix's rule, and their drops along the loading (bar)."""
    rows, drops = [], []
    for k in range(1, len(along)):
        drop = along[k - 1] - along[k]
        work = 0.5 * (along[k - 1] + along[k]) * volume * step / BAR_A3_PER_EV
        if drop > drop_bar or energy[k - 1] + work - energy[k] > dissipated_ev:
            rows.append(k)
            drops.append(drop)
    return np.array(rows), np.array(drops)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plane", default="-xy")
    parser.add_argument("--step", type=float, default=2e-4)
    parser.add_argument("--nsteps", type=int, default=500)
    parser.add_argument("--workdir", default="aqs_vs_plain")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    sign = -1.0 if args.plane.startswith("-") else 1.0
    # both at once, one core each (the wall times are then those of two concurrent processes)
    scripts = {"plain": aqs_common.plain_script(args.plane, args.step, args.nsteps),
               "fix": aqs_common.fix_script(args.plane, args.step, args.nsteps,
                                            keywords="sweep no file events.txt")}
    outputs, seconds = {}, {}

    def run(name):
        t0 = time.time()
        outputs[name] = mggtest.run_lammps(scripts[name], args.workdir, name=f"in.{name}",
                                           timeout=6 * 3600)[1]
        seconds[name] = time.time() - t0

    threads = [threading.Thread(target=run, args=(name,)) for name in scripts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_plain, t_fix = seconds["plain"], seconds["fix"]
    plain = aqs_common.parse_plain(outputs["plain"])
    out = outputs["fix"]
    table = aqs_common.parse_thermo(out)
    np.savetxt(os.path.join(args.workdir, "plain.txt"), plain)
    np.savetxt(os.path.join(args.workdir, "fix.txt"), table)
    fix = table[1:]
    rel = np.abs(fix[:, 2] - plain[:, 2]) / np.abs(plain[:, 2])
    bad = np.nonzero(rel > 1e-6)[0]
    agree = bad[0] if bad.size else len(rel)
    print(f"{args.nsteps} steps of {args.step} ({args.plane}) to strain {fix[-1, 1]:.4f}")
    print(f"stresses agree to 1e-6 relative for the first {agree} steps (strain "
          f"{agree * args.step:.4f}); to 1%: {np.argmax(rel > 1e-2) if (rel > 1e-2).any() else len(rel)} steps")
    for name, stress, energy in (("plain", plain[:, 2], plain[:, 3]), ("fix", fix[:, 2], fix[:, 3])):
        along = sign * np.concatenate([[table[0, 2]], stress])
        e = np.concatenate([[table[0, 3]], energy])
        rows, drops = events(along, e, plain[0, 4], args.step)
        positive = drops[drops > 0]
        print(f"{name:5s}: {len(rows)} events, {len(positive)} with a raw stress drop, mean raw "
              f"drop {positive.mean() if positive.size else 0:.2f} bar, largest "
              f"{positive.max() if positive.size else 0:.2f} bar, first at step {rows[:1]}")
    print(f"wall time (run side by side): plain script {t_plain:.0f} s, fix {t_fix:.0f} s, "
          f"ratio {t_plain / t_fix:.2f}")


if __name__ == "__main__":
    main()
