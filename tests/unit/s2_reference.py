#!/usr/bin/python3
"""Independent numpy check of the per-atom two-body excess entropy S2 (src/mgg_s2.h).

Reads the LAMMPS data file with tools/mgglass's reader, finds neighbours by explicit periodic image shifts (no cell
list), evaluates g(r) on a uniform r grid with every Gaussian untruncated, integrates with
Simpson's rule, and compares with s2_driver (the C core, trapezoid on its own grid, Gaussians cut
at 6 widths) at a fine step.  Exit status 1 when some atom differs by more than --tol relative.

usage: /usr/bin/python3 s2_reference.py S2_DRIVER DATA [--atoms 300] [--tol 1e-6]
"""
import argparse
import os
import subprocess
import sys

import numpy as np
from scipy.integrate import simpson
from scipy.special import erfc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import mgglass  # noqa: E402


def width(r, sigma, growth, r0):
    return sigma + growth * np.clip(r - r0, 0.0, None) ** 2


def s2_reference(centre, types, x, box, rc, sigma, growth, r0, growing, h, ntypes=None):
    """S2 of atom centre.  box: the 3 edge lengths of an orthogonal cell, or the 3x3 matrix whose
    columns are the cell vectors (triclinic); ntypes: number of types (default: largest + 1)."""
    ntypes = types.max() + 1 if ntypes is None else ntypes
    cell = np.diag(box) if np.ndim(box) == 1 else np.asarray(box, float)
    volume = abs(np.linalg.det(cell))
    rho = np.bincount(types, minlength=ntypes) / volume
    wmax = width(rc, sigma, growth, r0) if growing else sigma
    reach = rc + 9.0 * wmax  # beyond the C cut of 6 widths: the reference keeps every tail
    # images along each cell vector: a fractional offset f in [-1/2, 1/2] after n shifts is
    # |f + n| face widths from the centre's plane, within reach for |n| < reach / face + 1/2
    face = volume / np.linalg.norm(np.cross(cell[:, [1, 2, 0]].T, cell[:, [2, 0, 1]].T), axis=1)
    nim = np.ceil(reach / face + 0.5).astype(int)
    frac = np.linalg.solve(cell, (x - x[centre]).T).T
    d = (frac - np.round(frac)) @ cell.T
    shifts = np.array(np.meshgrid(*[np.arange(-n, n + 1) for n in nim], indexing="ij")).reshape(3, -1).T
    rij, tij = [], []
    for s in shifts:
        r = np.linalg.norm(d + s @ cell.T, axis=1)
        keep = (r < reach) & (r > 0.0)
        rij.append(r[keep])
        tij.append(types[keep])
    rij, tij = np.concatenate(rij), np.concatenate(tij)
    r = np.linspace(0.0, rc, int(round(rc / h)) + 1)[1:]  # integrand 0 at r = 0
    w = width(r, sigma, growth, r0) if growing else np.full_like(r, sigma)
    if growing:
        a = r / w
        ideal = (r * r + w * w) * 0.5 * erfc(-a / np.sqrt(2.0)) + r * w * np.exp(-0.5 * a * a) / np.sqrt(2.0 * np.pi)
    else:
        ideal = r * r
    total = np.zeros_like(r)
    for nu in range(ntypes):
        if rho[nu] == 0.0:  # a type without atoms takes no part
            continue
        rn = rij[tij == nu]
        sums = np.zeros_like(r)
        for chunk in np.array_split(rn, max(1, len(rn) // 256)):
            sums += np.exp(-((r[:, None] - chunk[None, :]) ** 2) / (2.0 * w[:, None] ** 2)).sum(axis=1)
        g = sums / (np.sqrt(2.0 * np.pi) * w) / (4.0 * np.pi * rho[nu] * ideal)
        glng = np.where(g > 0.0, g * np.log(np.where(g > 0.0, g, 1.0)), 0.0)
        total += rho[nu] * (glng - g + 1.0) * 4.0 * np.pi * r * r
    return -0.5 * simpson(np.concatenate(([0.0], total)), x=np.concatenate(([0.0], r)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("driver")
    ap.add_argument("data")
    ap.add_argument("--atoms", type=int, default=300)
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--sigma", type=float, default=0.2)
    args = ap.parse_args()
    data = mgglass.read_data(args.data)
    types, x, box = data.types - 1, data.x, data.h
    row_of = {int(i): k for k, i in enumerate(data.ids)}
    worst_all = 0.0
    # (smoothing, growth, r0, rc): fixed and growing width, a mid and the paper's cutoff
    cases = [("fixed", 0.0, 0.0, 6.4), ("fixed", 0.0, 0.0, 11.2),
             ("growing", 0.03, 3.9, 6.4), ("growing", 0.03, 3.9, 11.2), ("growing", 0.05, 0.0, 8.8)]
    for mode, growth, r0, rc in cases:
        out = subprocess.run([args.driver, args.data, str(rc), str(args.sigma), "0.001", mode,
                              str(growth), str(r0), str(args.atoms)],
                             check=True, capture_output=True, text=True).stdout.split("\n")
        rows = [line.split() for line in out if line.strip()]
        assert len(rows) == args.atoms, f"{len(rows)} rows from the driver"
        c = np.array([float(r[2]) for r in rows])
        ref = np.array([s2_reference(row_of[int(r[0])], types, x, box, rc, args.sigma, growth, r0,
                                     mode == "growing", 0.002) for r in rows])
        rel = np.abs(c - ref) / np.abs(ref)
        worst_all = max(worst_all, rel.max())
        print(f"{mode:8s} growth {growth:5.3f} r0 {r0:3.1f} rc {rc:5.1f}: {args.atoms} atoms, "
              f"mean S2 C {c.mean():.6f} numpy {ref.mean():.6f}, max rel diff {rel.max():.2e}",
              flush=True)
    print("PASS" if worst_all <= args.tol else "FAIL", f"(worst {worst_all:.2e}, tol {args.tol:.0e})")
    return 0 if worst_all <= args.tol else 1


if __name__ == "__main__":
    sys.exit(main())
