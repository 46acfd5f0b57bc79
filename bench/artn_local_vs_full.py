#!/usr/bin/python3
"""fix artn's local and full modes on the same searches (issue 14: "local and full mode give the
same saddle for the same start where both converge"): bench/artn.in run twice with the same
glass, seed, centres and options, once with `mode local` and once with `mode full` (search k has
the same centre and the same push in both), then every search side by side; where both validate,
the two saddles compared (E_act within 1e-3 eV, largest atom distance within 0.1 A after the
mean displacement is removed).

    bench/artn_local_vs_full.py --glass examples/glass/CuZr_50_50_mdmc.data --last 7 \\
        --opts "basin_push push higher_order continue" [--workdir DIR] [--reuse]

--last N: centres 1 to N, N searches; --local-opts: options of the local run only (local_radius);
--name: suffix of the file names; --reuse: keep event files and dumps already in the work
directory (default build/bench/artn_local_vs_full). Exits 1 if a pair of saddles differs."""
import argparse
import math
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import mgglass  # noqa: E402

SAME_ENERGY = 1e-3  # eV
SAME_DISTANCE = 0.1  # A


def run(args, mode, opts):
    tag = f"{os.path.basename(args.glass).split('.')[0]}_{mode}_{args.last}{args.name}"
    events = os.path.join(args.workdir, f"events_{tag}.txt")
    if not (args.reuse and os.path.exists(events)):
        cmd = [os.path.join(ROOT, "tools", "lmp"), "-in", os.path.join(ROOT, "bench", "artn.in"),
               "-var", "glass", os.path.abspath(args.glass), "-var", "tag", tag,
               "-var", "last", str(args.last), "-var", "opts", f"mode {mode} {opts}",
               "-log", f"log_{tag}.lammps", "-screen", "none"]
        subprocess.run(cmd, cwd=args.workdir, check=True,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    with open(events) as f:
        lines = f.readlines()
    names = lines[1].lstrip("# ").split()
    rows = {int(r["search"]): r for r in (dict(zip(names, l.split())) for l in lines[2:])}
    dump = os.path.join(args.workdir, f"saddles_{tag}.dump")
    frames = {f.timestep: f for f in mgglass.iter_dump(dump, sort=True)} \
        if os.path.exists(dump) else {}
    return rows, frames


def largest_distance(a, b):
    """Largest atom distance between two frames (minimum image) after the mean displacement."""
    d = a.box.minimum_image(a.cols("x", "y", "z") - b.cols("x", "y", "z"))
    return np.linalg.norm(d - d.mean(axis=0), axis=1).max()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--glass",
                        default=os.path.join(ROOT, "examples", "glass", "CuZr_50_50.data"))
    parser.add_argument("--last", type=int, default=20)
    parser.add_argument("--opts", default="")
    parser.add_argument("--workdir",
                        default=os.path.join(ROOT, "build", "bench", "artn_local_vs_full"))
    parser.add_argument("--local-opts", default="")
    parser.add_argument("--name", default="")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    local, local_frames = run(args, "local", args.opts + " " + args.local_opts)
    full, full_frames = run(args, "full", args.opts)
    print(f"{args.glass}, centres 1-{args.last}, seed 3, options '{args.opts}' "
          f"(local mode also '{args.local_opts}')")
    print("| search | atom | local: status | E_act (eV) | full: status | E_act (eV) | "
          "|dE| (eV) | largest distance (A) |")
    print("|---|---|---|---|---|---|---|---|")
    both = differ = 0
    for k in sorted(local):
        a, b = local[k], full[k]
        de = abs(float(a["E_act"]) - float(b["E_act"]))
        dist = "-"
        if k in local_frames and k in full_frames:
            both += 1
            dist = largest_distance(local_frames[k], full_frames[k])
            same = de <= SAME_ENERGY and dist <= SAME_DISTANCE
            differ += not same
            dist = f"{dist:.4f}" + ("" if same else " (differ)")
        print(f"| {k} | {a['atom']} | {a['status']} | {a['E_act']} | {b['status']} | "
              f"{b['E_act']} | {'-' if math.isnan(de) else f'{de:.2e}'} | {dist} |")
    print(f"validated in both modes: {both}; the same saddle: {both - differ}; different: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
