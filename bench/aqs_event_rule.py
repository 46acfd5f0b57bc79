#!/usr/bin/python3
"""The AQS event rule before and after issue 13 (item 9) applied to the thermo table of
bench/aqs_events.in: per rule the events, those in which no atom's D2min over the step exceeds
0.02 A^2 (nothing moved beyond the elastic scale: not a plastic event), those with no atom above
the 0.18 A^2 threshold, and the steps in which an atom moved that the rule left out.

  /usr/bin/python3 bench/aqs_event_rule.py log.lammps STEP [log.lammps STEP ...]
"""
import sys

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tools")
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from mgglass.io import read_thermo  # noqa: E402
from run_aqs_vs_plain import BAR_A3_PER_EV, events  # noqa: E402

DROP_BAR, DISSIPATED_EV, MOVED_A2 = 10.0, 1e-3, 0.02


def rules(t, step):
    """Event flags of the old rule (shortfall against the elastic prediction, with the energy
    dissipated) and of the fix's rule now (run_aqs_vs_plain.events)."""
    stress, energy, volume = t["f_aqs[2]"], t["f_aqs[3]"], t["v_vol"]
    n = len(stress)
    old, new = np.zeros(n, bool), np.zeros(n, bool)
    new[events(stress, energy, volume[0], step, DROP_BAR, DISSIPATED_EV)[0].astype(int)] = True
    increment = 0.0
    for k in range(1, n):
        drop = stress[k - 1] - stress[k]
        work = 0.5 * (stress[k - 1] + stress[k]) * volume[k] * step / BAR_A3_PER_EV
        old[k] = drop + increment > DROP_BAR or energy[k - 1] + work - energy[k] > DISSIPATED_EV
        if not old[k]:
            increment = -drop
    return old, new


def main():
    args = sys.argv[1:]
    print("| log | step | rule | events | nothing moved | no atom > 0.18 A^2 | moved, not flagged |")
    print("|---|---|---|---|---|---|---|")
    for path, step in zip(args[::2], map(float, args[1::2])):
        columns, data = read_thermo(path)[-1]
        t = {c: data[:, k] for k, c in enumerate(columns)}
        moved = t["c_mx"] > MOVED_A2
        for name, flags in zip(("old", "new"), rules(t, step)):
            print(f"| {path} | {step:g} | {name} | {flags.sum()} | {np.sum(flags & ~moved)} | "
                  f"{np.sum(flags & (t['c_na[1]'] == 0))} | {np.sum(moved & ~flags)} |")


if __name__ == "__main__":
    main()
