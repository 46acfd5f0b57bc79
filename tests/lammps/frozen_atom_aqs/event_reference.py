"""A numpy reference of the per-event analysis of fix frozen_atom_aqs (the core's
mgg_aqs_event_analysis(), called by plugin/mgg_event_analysis.cpp), for integration tests to
compare the fix's per-atom outputs and event summary with.  Functions only, not a test.

The three configurations of an event come as mggtest.Dump objects (LAMMPS `dump custom` /
`write_dump` text with id, type, x, y, z and optionally ix, iy, iz; rows sorted by id; the box
of each snapshot, triclinic or not):
  before  the relaxed state before the event's strain step (in its own cell),
  start   that state strained affinely by the step (in the cell after),
  after   the relaxed state after the step.
Everything is brute force over all pairs (O(N^2) memory per atom row; a few thousand atoms).

Displacements: when both dumps have image flags, from the unwrapped coordinates (no minimum
image at all, so independent of the core's route); otherwise as the core takes them, minimum
images about their mean.  A bond vector before is the minimum image of the difference of two
positions, exact below half the cell's width (all bonds here are far shorter).
"""
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# seed 002, Cu = type 1, Zr = type 2 (A); the 0.075 A hysteresis
CUZR_BOND_CUTOFF = np.array([[3.05, 3.75], [3.75, 4.35]])
HYSTERESIS = 0.075
D2MIN_THRESHOLD = 0.18
# det(V) below this fraction of (trace(V)/3)^3 marks a fit as singular (MGG_DMIN2_SINGULAR_TOL)
SINGULAR_TOL = 1e-10


def _has_images(dump):
    return all(c in dump.columns for c in ("ix", "iy", "iz"))


def _positions(dump):
    """Positions relative to the box origin: a deformation maps the cell about its origin."""
    return dump.cols("x", "y", "z") - dump.lo


def minimum_image(h, v):
    """The images of the rows of v closest to the origin in the cell of column vectors h."""
    s = np.linalg.solve(h, np.atleast_2d(v).T).T
    return (s - np.round(s)) @ h.T


def deformation(h_ref, h_cur):
    """F = h_cur M h_ref^-1, M the integer matrix nearest h_cur^-1 h_ref (a box flip changes the
    cell vectors by lattice vectors and deforms nothing)."""
    m = np.round(np.linalg.solve(h_cur, h_ref))
    if abs(abs(np.linalg.det(m)) - 1.0) > 0.5:
        raise ValueError("the cells are no deformation of one another")
    return h_cur @ m @ np.linalg.inv(h_ref)


def displacements(ref, cur, F=None):
    """u_i with u_j - u_i = x_cur_j - x_cur_i - F (x_ref_j - x_ref_i) up to a lattice vector."""
    F = np.eye(3) if F is None else F
    if _has_images(ref) and _has_images(cur):
        unwrapped_ref = _positions(ref) + ref.cols("ix", "iy", "iz") @ ref.h.T
        unwrapped_cur = _positions(cur) + cur.cols("ix", "iy", "iz") @ cur.h.T
        return unwrapped_cur - unwrapped_ref @ F.T
    v = _positions(cur) - _positions(ref) @ F.T
    first = minimum_image(cur.h, v[0])[0]
    mean = first + minimum_image(cur.h, v - first).mean(axis=0)
    return minimum_image(cur.h, v - mean)


def d2min(before, after, cutoff, norm="mean"):
    """D2min per atom from before (reference) to after over the neighbours closer than cutoff
    before, their mean or (norm "sum") Falk and Langer's sum; 0 with fewer than 3 neighbours or
    a singular fit.  Returns (d2min, number of neighbours, fitted)."""
    F = deformation(before.h, after.h)
    xb = _positions(before)
    u = displacements(before, after, F)
    n = len(xb)
    out, count, fitted = np.zeros(n), np.zeros(n, dtype=int), np.zeros(n, dtype=bool)
    for i in range(n):
        d0 = minimum_image(before.h, xb - xb[i])
        r = np.linalg.norm(d0, axis=1)
        sel = (r > 0.0) & (r < cutoff)
        d0 = d0[sel]
        d = d0 @ F.T + u[sel] - u[i]
        count[i] = len(d0)
        v = d0.T @ d0
        if count[i] < 3 or not np.linalg.det(v) > SINGULAR_TOL * (np.trace(v) / 3.0) ** 3:
            continue
        jt, *_ = np.linalg.lstsq(d0, d, rcond=None)   # d ~ d0 J^T
        out[i] = np.sum((d - d0 @ jt) ** 2) / (count[i] if norm == "mean" else 1.0)
        fitted[i] = True
    return out, count, fitted


def bonds(start, after, bond_cutoff=CUZR_BOND_CUTOFF, hysteresis=HYSTERESIS):
    """Bonds broken and formed per atom from start to after (same cell), seed 002's rule:
    broken when r0 < rc <= r1 and r1 - r0 > h, formed when r1 < rc <= r0 and r0 - r1 > h, with
    the bond before the minimum image and after that vector plus u_j - u_i.  bond_cutoff[a][b]
    for LAMMPS types a + 1, b + 1.  Returns (broken, formed)."""
    if not np.allclose(start.h, after.h, rtol=0.0, atol=1e-9):
        raise ValueError("start and after must be in the same cell")
    rc_of = np.asarray(bond_cutoff, float)
    t = start["type"].astype(int) - 1
    xs = _positions(start)
    u = displacements(start, after)
    n = len(xs)
    broken, formed = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    for i in range(n - 1):
        j = np.arange(i + 1, n)
        d0 = minimum_image(start.h, xs[j] - xs[i])
        r0 = np.linalg.norm(d0, axis=1)
        r1 = np.linalg.norm(d0 + u[j] - u[i], axis=1)
        rc = rc_of[t[i], t[j]]
        b = (r0 < rc) & (r1 >= rc) & (r1 - r0 > hysteresis)
        f = (r0 >= rc) & (r1 < rc) & (r0 - r1 > hysteresis)
        broken[i] += b.sum()
        formed[i] += f.sum()
        np.add.at(broken, j[b], 1)
        np.add.at(formed, j[f], 1)
    return broken, formed


def clusters(config, flagged, cutoff):
    """Connected components of the flagged atoms closer than cutoff (periodic) in config.
    Returns (sizes descending, label per atom: -1 unflagged, else the rank of its cluster by
    size, equal sizes in the order of their lowest atom, as the core ranks them)."""
    idx = np.flatnonzero(flagged)
    label = np.full(len(flagged), -1)
    if len(idx) == 0:
        return np.zeros(0, dtype=int), label
    x = _positions(config)[idx]
    rows, cols = [], []
    for k in range(len(idx)):
        r = np.linalg.norm(minimum_image(config.h, x - x[k]), axis=1)
        near = np.flatnonzero(r < cutoff)
        rows += [k] * len(near)
        cols += list(near)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(idx), len(idx)))
    _, comp = connected_components(graph, directed=False)
    sizes = np.bincount(comp)
    first = np.array([idx[comp == c].min() for c in range(len(sizes))])
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    rank = np.empty(len(sizes), dtype=int)
    rank[order] = np.arange(len(sizes))
    label[idx] = rank[comp]
    return sizes[order], label


def von_mises(stress):
    """Von Mises stress of rows xx yy zz xy xz yz."""
    s = np.atleast_2d(stress)
    return np.sqrt(((s[:, 0] - s[:, 1]) ** 2 + (s[:, 1] - s[:, 2]) ** 2 + (s[:, 2] - s[:, 0]) ** 2) / 2.0 +
                   3.0 * (s[:, 3] ** 2 + s[:, 4] ** 2 + s[:, 5] ** 2))


def analyse_event(before, start, after, dmin2_cutoff=3.8, d2min_threshold=D2MIN_THRESHOLD,
                  cluster_cutoff=3.8, bond_cutoff=CUZR_BOND_CUTOFF, hysteresis=HYSTERESIS,
                  stress_before=None, stress_after=None, norm="mean"):
    """Everything the fix reports for one event, per atom in id order and summed up:
    d2min, n_neighbours, n_unfitted, n_above, cluster_sizes, cluster (label), broken, formed and,
    when both stress arrays (N x 6, id order) are given, von_mises_change."""
    for other in (start, after):
        if not np.array_equal(other["id"], before["id"]):
            raise ValueError("the three dumps must hold the same atoms")
    d2, count, fitted = d2min(before, after, dmin2_cutoff, norm)
    above = d2 > d2min_threshold
    sizes, label = clusters(after, above, cluster_cutoff)
    broken, formed = bonds(start, after, bond_cutoff, hysteresis)
    result = {"d2min": d2, "n_neighbours": count, "n_unfitted": int((~fitted).sum()),
              "n_above": int(above.sum()), "cluster_sizes": sizes, "cluster": label,
              "broken": broken, "formed": formed}
    if stress_before is not None and stress_after is not None:
        result["von_mises_change"] = von_mises(stress_after) - von_mises(stress_before)
    return result
