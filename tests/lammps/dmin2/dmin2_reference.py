"""An independent D2min: neighbours by brute force over reference images, bonds followed through
unwrapped coordinates (image flags) and the same lattice translation in the current cell, fit
by least squares.  Shares no code or method with src/mgg_dmin2.c (which pairs periodic copies
by minimum images)."""
import numpy as np


def unwrapped(dump):
    return dump.cols("x", "y", "z") + dump.cols("ix", "iy", "iz") @ dump.h.T


def dmin2_numpy(ref, cur, cutoff):
    u0, u = unwrapped(ref), unwrapped(cur)
    h0inv = np.linalg.inv(ref.h)
    n = len(u0)
    out = np.zeros((n, 4))    # D2min (mean), neighbours, von Mises, volumetric
    for i in range(n):
        delta = u0 - u0[i]
        m = -np.rint(delta @ h0inv.T)            # lattice translation to the nearest image
        d0 = delta + m @ ref.h.T
        r = np.linalg.norm(d0, axis=1)
        sel = (r > 0.0) & (r < cutoff)
        d = (u - u[i])[sel] + m[sel] @ cur.h.T   # the same image in the current cell
        d0 = d0[sel]
        jt, *_ = np.linalg.lstsq(d0, d, rcond=None)
        resid = d - d0 @ jt
        J = jt.T
        E = 0.5 * (J.T @ J - np.eye(3))
        vm = np.sqrt(E[0, 1] ** 2 + E[0, 2] ** 2 + E[1, 2] ** 2 +
                     ((E[0, 0] - E[1, 1]) ** 2 + (E[1, 1] - E[2, 2]) ** 2 +
                      (E[2, 2] - E[0, 0]) ** 2) / 6.0)
        out[i] = (np.sum(resid ** 2) / sel.sum(), sel.sum(), vm, np.trace(E) / 3.0)
    return out
