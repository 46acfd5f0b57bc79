#!/usr/bin/python3
"""The core's per-event analysis (mgg_aqs_event_analysis() through event_driver) against the
numpy reference tests/lammps/frozen_atom_aqs/event_reference.py, which the fix's integration
tests use: the 2,000-atom sample glass, tilted, sheared by one AQS step, then given two local
rearrangements (random displacements under Gaussian envelopes), noise and a rigid drift, in a
box offset from the origin.  Two events: a plain one, and one whose step takes the tilt past
half the box so that the cell after is flipped (xy - lx), as LAMMPS does.  The configurations
are written as LAMMPS dumps and read back with mggtest.Dump, with image flags (the reference
then unwraps) and without (minimum images).  Exit status 1 on any difference.

usage: /usr/bin/python3 event_reference_check.py EVENT_DRIVER [--workdir DIR]
"""
import argparse
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lammps"))
sys.path.insert(0, os.path.join(HERE, "..", "lammps", "frozen_atom_aqs"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import event_reference as ref  # noqa: E402
import mgglass  # noqa: E402
import mggtest  # noqa: E402

LO = np.array([-0.3, 0.2, 1.1])


def write_dump(path, h, rel, types, with_images):
    """A LAMMPS text dump of positions rel (relative to the origin LO) in the cell h, wrapped
    into it, with the image flags of rel when asked."""
    s = np.linalg.solve(h, rel.T).T
    img = np.floor(s)
    x = (s - img) @ h.T + LO
    lx, ly, lz, xy, xz, yz = h[0, 0], h[1, 1], h[2, 2], h[0, 1], h[0, 2], h[1, 2]
    hi = LO + np.array([lx, ly, lz])
    xlo_b = LO[0] + min(0.0, xy, xz, xy + xz)
    xhi_b = hi[0] + max(0.0, xy, xz, xy + xz)
    ylo_b, yhi_b = LO[1] + min(0.0, yz), hi[1] + max(0.0, yz)
    cols = "id type x y z" + (" ix iy iz" if with_images else "")
    with open(path, "w") as f:
        f.write(f"ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{len(x)}\n"
                f"ITEM: BOX BOUNDS xy xz yz pp pp pp\n{xlo_b:.17g} {xhi_b:.17g} {xy:.17g}\n"
                f"{ylo_b:.17g} {yhi_b:.17g} {xz:.17g}\n{LO[2]:.17g} {hi[2]:.17g} {yz:.17g}\n"
                f"ITEM: ATOMS {cols}\n")
        for i in range(len(x)):
            row = f"{i + 1} {types[i]} {x[i, 0]:.17g} {x[i, 1]:.17g} {x[i, 2]:.17g}"
            if with_images:
                row += " %d %d %d" % tuple(img[i])
            f.write(row + "\n")


def make_event(flip, seed):
    """Relative positions and cells of before, start, after; types (1-based); stresses."""
    rng = np.random.default_rng(seed)
    glass = mgglass.read_data(mggtest.GLASS_50)
    types, x0, length = glass.types, glass.x, np.diag(glass.h)
    x0 = np.mod(x0, length)  # the same configuration, origin at 0
    L = length[0]
    tilt = np.array([0.495 if flip else 0.12, -0.08, 0.05]) * L
    h_b = np.array([[length[0], tilt[0], tilt[1]], [0.0, length[1], tilt[2]], [0.0, 0.0, length[2]]])
    xb = x0 @ (h_b @ np.diag(1.0 / length)).T   # the glass sheared into the tilted cell
    gamma = 0.02 if flip else 0.01              # xy step: x += gamma y
    step = np.array([[1.0, gamma, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    h_a, xs = step @ h_b, xb @ step.T
    if flip:
        assert h_a[0, 1] > 0.5 * h_a[0, 0]
        h_a[:, 1] -= h_a[:, 0]                  # LAMMPS flips xy to xy - lx
    u = rng.normal(0.0, 0.01, xs.shape) + np.array([0.37, -0.21, 0.15])
    for centre, amplitude in ((rng.integers(len(xs)), 0.8), (rng.integers(len(xs)), 0.6)):
        d = ref.minimum_image(h_a, xs - xs[centre])
        envelope = amplitude * np.exp(-np.sum(d ** 2, axis=1) / (2.0 * 3.0 ** 2))
        direction = rng.normal(size=xs.shape)
        u += envelope[:, None] * direction / np.linalg.norm(direction, axis=1)[:, None]
    xa = xs + u
    stress = rng.normal(0.0, 1e4, (2, len(xs), 6))
    return types, (h_b, xb), (h_a, xs), (h_a, xa), stress


def run_driver(driver, dumps, types, stress, params):
    """The core on the positions and boxes as read back from the dumps."""
    before, start, after = dumps
    lines = [f"{len(types)} 2", " ".join("%.17g" % v for v in params),
             " ".join("%.17g" % v for v in ref.CUZR_BOND_CUTOFF.ravel())]
    for d in (before, after):
        h = d.h
        lines.append(" ".join("%.17g" % v for v in (h[0, 0], h[1, 1], h[2, 2], h[0, 1], h[0, 2], h[1, 2])))
    xb, xs, xa = (d.cols("x", "y", "z") for d in dumps)
    for i in range(len(types)):
        values = [types[i], *xb[i], *xs[i], *xa[i], *stress[0, i], *stress[1, i]]
        lines.append(" ".join("%.17g" % v for v in values))
    proc = subprocess.run([driver], input="\n".join(lines) + "\n", capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("event_driver failed: " + proc.stderr)
    rows, info = [], {}
    for line in proc.stdout.splitlines():
        if line.startswith("# "):
            key, *values = line[2:].split()
            info[key] = [int(v) for v in values]
        else:
            rows.append([float(v) for v in line.split()])
    return np.array(rows), info


def check(name, core, info, expected):
    mggtest.assert_close(f"{name}: D2min", core[:, 0], expected["d2min"], rtol=1e-7, atol=1e-12)
    for col, key in ((1, "broken"), (2, "formed"), (4, "cluster")):
        mggtest.assert_close(f"{name}: {key}", core[:, col], expected[key], rtol=0.0)
    mggtest.assert_close(f"{name}: von Mises change", core[:, 3], expected["von_mises_change"],
                         rtol=1e-12, atol=1e-9)
    for key in ("n_above", "n_unfitted"):
        assert info[key] == [expected[key]], f"{name}: {key} {info[key]} vs {expected[key]}"
    assert info["cluster_sizes"] == list(expected["cluster_sizes"]), \
        f"{name}: cluster sizes {info['cluster_sizes']} vs {list(expected['cluster_sizes'])}"
    print(f"{name}: {expected['n_above']} atoms above the threshold in clusters "
          f"{list(expected['cluster_sizes'])}, {int(expected['broken'].sum()) // 2} bonds broken, "
          f"{int(expected['formed'].sum()) // 2} formed, {info['calls'][0]} workspace calls")
    assert expected["n_above"] > 10 and len(expected["cluster_sizes"]) >= 2
    assert expected["broken"].sum() > 0 and expected["formed"].sum() > 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("driver")
    ap.add_argument("--workdir", default=os.path.abspath(os.path.join("out", "event_reference")))
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    params = (3.8, ref.D2MIN_THRESHOLD, 3.8, ref.HYSTERESIS)
    for flip in (False, True):
        types, *configs, stress = make_event(flip, seed=5 if flip else 4)
        for images in (True, False):
            name = ("flipped" if flip else "plain") + (" with image flags" if images else " wrapped")
            dumps = []
            for label, (h, rel) in zip(("before", "start", "after"), configs):
                path = os.path.join(args.workdir, f"{label}_{int(flip)}{int(images)}.dump")
                write_dump(path, h, rel, types, images)
                dumps.append(mggtest.Dump(path))
            expected = ref.analyse_event(*dumps, stress_before=stress[0], stress_after=stress[1])
            core, info = run_driver(args.driver, dumps, types, stress, params)
            check(name, core, info, expected)
    print("PASS")


if __name__ == "__main__":
    main()
