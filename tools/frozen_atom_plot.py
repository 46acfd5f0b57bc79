#!/usr/bin/python3
"""Histograms of log D_f per event from the atoms file of fix frozen_atom_aqs, with the STZ core
(below the gap) and the reference D_f marked; prints each event's core size.  Writes
<atoms file>.png.

    tools/frozen_atom_plot.py atoms.txt
"""
import argparse

import numpy as np


def read_blocks(path):
    """[(header dict, rows)] per event: rows of id type D_f core ... (the atoms file's columns)."""
    blocks = []
    for block in open(path).read().split("# event ")[1:]:
        lines = block.splitlines()
        fields = lines[0].split()
        head = {"event": int(fields[0])}
        head.update({fields[k]: float(fields[k + 1]) for k in range(1, len(fields) - 1, 2)})
        rows = np.array([[float(v) for v in line.split()] for line in lines[2:] if line.strip()])
        blocks.append((head, rows))
    return blocks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("atoms")
    args = parser.parse_args()
    blocks = read_blocks(args.atoms)
    if not blocks:
        print("frozen_atom_plot: no event in", args.atoms)
        return
    print(" event   step  analysed  reference_D_f_A  gap_A            core_atoms  core_Cu  core_Zr")
    for head, rows in blocks:
        analysed = rows[rows[:, 2] >= 0]
        core = analysed[analysed[:, 3] == 1]
        print(f"{head['event']:6d} {int(head['step']):6d} {len(analysed):9d} "
              f"{head['reference_D_f']:16.3f}  [{head['gap_lower']:.3g}, {head['gap_upper']:.3g}]"
              f"{'':8s}{len(core):6d} {np.sum(core[:, 1] == 1):8d} {np.sum(core[:, 1] == 2):8d}")
    # events without a sweep (analysis only, or a box flip) have nothing to draw
    blocks = [(head, rows) for head, rows in blocks if np.any(rows[:, 2] >= 0)]
    if not blocks:
        print("frozen_atom_plot: no swept event in", args.atoms)
        return
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(len(blocks), 1, figsize=(6, 2.4 * len(blocks)), squeeze=False)
    for ax, (head, rows) in zip(axes[:, 0], blocks):
        df = np.maximum(rows[rows[:, 2] >= 0, 2], 1e-6)
        bins = np.logspace(np.log10(df.min()) - 0.1, np.log10(df.max()) + 0.1, 60)
        ax.hist(df, bins=bins, color="0.5")
        if head["n_core"] > 0:
            ax.axvspan(df.min() / 1.3, head["gap_lower"] * 1.05, color="r", alpha=0.2,
                       label=f"STZ core: {int(head['n_core'])} atoms")
        ax.axvline(head["reference_D_f"], color="b", ls="--", label="nothing frozen")
        ax.set_xscale("log")
        ax.set_ylabel("atoms")
        ax.set_title(f"event {head['event']} at step {int(head['step'])}", fontsize=9)
        ax.legend(fontsize=8)
    axes[-1, 0].set_xlabel("D_f (A)")
    fig.tight_layout()
    fig.savefig(args.atoms + ".png", dpi=120)
    print("wrote", args.atoms + ".png")


if __name__ == "__main__":
    main()
