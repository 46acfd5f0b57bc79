#!/usr/bin/python3
"""Spatial autocorrelation of per-atom quantities (seed 003, Eq. 6 and Figs. 7-8) from a LAMMPS
text dump, and its correlation length xi from a fit C(r) ~ exp(-r / xi).

    tools/s2_correlation.py DUMP [--columns c_a c_b ...] [--bin 0.5] [--rmax 12]
                            [--fit-from 2.0] [--fit-until 0.02] [--per-type] [--table]

For each column P (default: every column after id type x y z), dP_i = P_i - mean(P) and
    C(r) = sum over pairs (i, j), |r_ij| in the bin of r, of dP_i dP_j / (pairs in the bin) / mean(dP^2),
with minimum-image distances in the dump's (orthogonal or triclinic) cell, so r up to half the
narrowest cell width.  xi: least squares of ln C(r) against r over the bins from --fit-from (A;
the first neighbour shell begins at ~2.3 A in Cu-Zr) up to the first bin where C falls below
--fit-until.  Prints one line per column: mean, standard deviation, xi (A) and the fitted range;
--table adds C(r) of every column.  Reads the first snapshot.
"""
import argparse

import numpy as np


def read_dump(path):
    with open(path) as f:
        lines = f.readlines()
    i = lines.index("ITEM: NUMBER OF ATOMS\n")
    n = int(lines[i + 1])
    header = lines[i + 2].split()
    bounds = np.array([[float(v) for v in lines[i + 3 + k].split()] for k in range(3)])
    if "xy" in header:
        xy, xz, yz = bounds[:, 2]
        lo = bounds[:, 0] - np.array([min(0.0, xy, xz, xy + xz), min(0.0, yz), 0.0])
        hi = bounds[:, 1] - np.array([max(0.0, xy, xz, xy + xz), max(0.0, yz), 0.0])
    else:
        xy = xz = yz = 0.0
        lo, hi = bounds[:, 0], bounds[:, 1]
    length = hi - lo
    h = np.array([[length[0], xy, xz], [0.0, length[1], yz], [0.0, 0.0, length[2]]])
    columns = lines[i + 6].split()[2:]
    data = np.array([[float(v) for v in line.split()] for line in lines[i + 7:i + 7 + n]])
    return h, columns, data


def pair_distances(x, h):
    """Minimum-image distances of all pairs i < j."""
    frac = x @ np.linalg.inv(h).T
    iu, ju = np.triu_indices(len(x), k=1)
    d = frac[iu] - frac[ju]
    d -= np.round(d)
    return iu, ju, np.linalg.norm(d @ h.T, axis=1)


def correlation(values, iu, ju, r, edges, types=None):
    """C(r) in the bins of edges; types: deviations from each type's mean instead of the mean."""
    dp = values - values.mean()
    if types is not None:
        for t in np.unique(types):
            dp[types == t] = values[types == t] - values[types == t].mean()
    which = np.digitize(r, edges) - 1
    inside = (which >= 0) & (which < len(edges) - 1)
    sums = np.bincount(which[inside], weights=(dp[iu] * dp[ju])[inside], minlength=len(edges) - 1)
    counts = np.bincount(which[inside], minlength=len(edges) - 1)
    with np.errstate(invalid="ignore"):
        return sums / counts / np.mean(dp * dp)


def correlation_length(centres, c, fit_from, fit_until):
    """xi and the fitted range: ln C linear in r from fit_from to the first C below fit_until."""
    start = np.searchsorted(centres, fit_from)
    stop = start
    while stop < len(c) and c[stop] >= fit_until:
        stop += 1
    if stop - start < 2:
        return np.nan, fit_from, fit_from
    slope = np.polyfit(centres[start:stop], np.log(c[start:stop]), 1)[0]
    return -1.0 / slope, centres[start], centres[stop - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("--columns", nargs="*")
    ap.add_argument("--bin", type=float, default=0.5)
    ap.add_argument("--rmax", type=float, default=12.0)
    ap.add_argument("--fit-from", type=float, default=2.0)
    ap.add_argument("--fit-until", type=float, default=0.02)
    ap.add_argument("--per-type", action="store_true",
                    help="deviations from the mean of each atom type (removes the Cu/Zr contrast)")
    ap.add_argument("--table", action="store_true")
    args = ap.parse_args()
    h, columns, data = read_dump(args.dump)
    names = args.columns or [c for c in columns if c not in ("id", "type", "x", "y", "z")]
    x = data[:, [columns.index(a) for a in "xyz"]]
    iu, ju, r = pair_distances(x, h)
    edges = np.arange(0.0, args.rmax + 0.5 * args.bin, args.bin)
    centres = 0.5 * (edges[1:] + edges[:-1])
    curves = {}
    print(f"{'column':>10} {'mean':>9} {'std':>8} {'xi (A)':>7}  fitted r range (A)")
    for name in names:
        values = data[:, columns.index(name)]
        c = correlation(values, iu, ju, r, edges,
                        data[:, columns.index("type")] if args.per_type else None)
        curves[name] = c
        xi, a, b = correlation_length(centres, c, args.fit_from, args.fit_until)
        print(f"{name:>10} {values.mean():9.4f} {values.std():8.4f} {xi:7.3f}  {a:.2f} - {b:.2f}")
    if args.table:
        print("\n   r " + " ".join(f"{n:>8}" for n in names))
        for k, rc in enumerate(centres):
            print(f"{rc:5.2f} " + " ".join(f"{curves[n][k]:8.4f}" for n in names))


if __name__ == "__main__":
    main()
