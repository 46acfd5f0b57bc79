#!/usr/bin/python3
"""Summarises an AQS run written by examples/aqs_dmin2 (aqs_summary.txt): the stress-strain
curve, the plastic events (shear-stress drops), and the atoms that moved in each; writes
aqs_summary.png next to the input.

    tools/aqs_summary.py aqs_summary.txt [--drop MPa]
"""
import argparse
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary")
    parser.add_argument("--drop", type=float, default=1.0,
                        help="shear-stress drop (MPa) that counts as a plastic event (default 1)")
    args = parser.parse_args()
    data = np.loadtxt(args.summary, ndmin=2)
    if data.shape[0] < 2:
        print("aqs_summary: fewer than two steps, nothing to summarise")
        return
    step, strain, stress, pe, d2max, dd2max, nmoved = data.T
    # a drop is a loss of stress along the loading direction (either shear sign)
    sign = 1.0 if strain[-1] >= strain[0] else -1.0
    drop = -sign * np.diff(stress)
    events = np.nonzero(drop > args.drop)[0] + 1
    peak = stress[np.argmax(sign * stress)]
    print(f"{len(step)} AQS steps to strain {strain[-1]:.4f}; shear stress {stress[0]:.1f} -> "
          f"{stress[-1]:.1f} MPa, largest along the loading {peak:.1f} MPa")
    print(f"{len(events)} stress drops larger than {args.drop} MPa:")
    print("   step   strain  drop_MPa  dE_eV  atoms_dD2min_above  max_dD2min_A2")
    for k in events:
        print(f"  {int(step[k]):5d}  {strain[k]:.5f}  {drop[k - 1]:8.2f}  {pe[k] - pe[k - 1]:6.3f}"
              f"  {int(nmoved[k]):18d}  {dd2max[k]:13.3f}")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, (ax1, ax2) = plt.subplots(2, 1, sharex=True, figsize=(6, 6))
    ax1.plot(strain * 100, stress, "-", lw=1)
    ax1.plot(strain[events] * 100, stress[events], "rv", ms=4, label="stress drop")
    ax1.set_ylabel("shear stress (MPa)")
    ax1.legend()
    ax2.semilogy(strain * 100, np.maximum(nmoved, 0.5), ".", ms=3)
    ax2.set_ylabel("atoms with delta D2min above threshold")
    ax2.set_xlabel("shear strain (%)")
    out = os.path.splitext(args.summary)[0] + ".png"
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"figure: {out}")


if __name__ == "__main__":
    main()
