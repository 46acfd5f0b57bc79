"""One atom type: compute s2entropy reduces to LAMMPS compute entropy/atom (Piaggi and Parrinello,
same sigma and cutoff, local no), up to that compute's coarse discretisation.

entropy/atom (src/EXTRA-COMPUTE/compute_entropy_atom.cpp) evaluates g(r) on the grid r_k = k sigma
(step dr = sigma, up to int(rc / sigma) sigma), adds each neighbour's Gaussian only on the 7 grid
points floor(r_ij / sigma) - 3 .. + 3 (a cut at 2-4 sigma), takes only neighbours closer than rc,
and treats g < 1e-10 as 0.  So the test checks three things:
  1. entropy/atom equals a numpy emulation of exactly that discretisation (1e-9 relative);
  2. s2entropy equals the fine-grid numpy reference (tests/unit/s2_reference.py, 1e-6 relative);
  3. hence their difference is the discretisation: per atom, |s2entropy - entropy/atom| equals
     |fine - emulation| to 1e-6 of S2; the size of that difference, and how much of it each part
     of the discretisation causes, is printed (doc/compute_s2entropy.md quotes it).
The system: the 2,000-atom glass with every atom made type 1 (type 2 left empty takes no part)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "unit"))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402
from s2_reference import s2_reference  # noqa: E402

SIGMA, RC = 0.2, 6.4
CHECKED = range(0, 2000, 20)  # rows (atoms by id) compared with the numpy versions

SCRIPT = mggtest.glass_header() + f"""
set group all type 1
compute pe all entropy/atom {SIGMA} {RC}
compute s2 all s2entropy {RC} sigma {SIGMA} dr 0.001
dump d all custom 1 one_type.dump id type x y z c_pe c_s2
dump_modify d format float %.17g
run 0
"""


def entropy_atom_emulation(centre, x, h, rc, sigma, full_kernel=False, fine_step=None):
    """entropy/atom's discretisation in numpy.  full_kernel: the Gaussian on every grid point and
    neighbours beyond rc too (the kernel cut only); fine_step: its trapezoid on a finer grid."""
    volume = abs(np.linalg.det(h))
    rho = len(x) / volume
    frac = np.linalg.solve(h, (x - x[centre]).T).T
    d = (frac - np.round(frac)) @ h.T   # the box is wider than 2 (rc + 6 sigma): one image
    r = np.linalg.norm(d, axis=1)
    step = fine_step or sigma
    nbin = int(rc / step) + 1
    rbin = np.arange(nbin) * step
    gofr = np.zeros(nbin)
    norm = 1.0 / (4 * np.pi * rho * np.sqrt(2 * np.pi) * sigma)
    with np.errstate(divide="ignore"):
        inv_r2 = np.where(rbin > 0, 1.0 / rbin ** 2, 0.0)
    if full_kernel:
        for rij in r[(r > 0) & (r < rc + 9 * sigma)]:
            gofr += norm * inv_r2 * np.exp(-(rij - rbin) ** 2 / (2 * sigma ** 2))
    else:
        for rij in r[(r > 0) & (r < rc)]:
            b = int(np.floor(rij / step))
            k = np.arange(max(b - 3, 0), min(b + 3, nbin - 1) + 1)
            gofr[k] += norm * inv_r2[k] * np.exp(-(rij - rbin[k]) ** 2 / (2 * sigma ** 2))
    safe = np.where(gofr < 1e-10, 1.0, gofr)
    integrand = np.where(gofr < 1e-10, 1.0, safe * np.log(safe) - safe + 1.0) * rbin ** 2
    value = step * (integrand[1:-1].sum() + 0.5 * (integrand[0] + integrand[-1]))
    return -2 * np.pi * rho * value


def main():
    wd = mggtest.workdir("s2entropy_entropy_atom")
    mggtest.run_lammps(SCRIPT, wd)
    dump = mggtest.Dump(os.path.join(wd, "one_type.dump"))
    assert np.all(dump["type"] == 1)
    x, h = dump.cols("x", "y", "z"), dump.h
    types = np.zeros(len(x), int)
    rows = np.array(CHECKED)

    emulated = np.array([entropy_atom_emulation(k, x, h, RC, SIGMA) for k in rows])
    fine = np.array([s2_reference(k, types, x, h, RC, SIGMA, 0.0, 0.0, False, 0.002) for k in rows])
    mggtest.assert_close("entropy/atom vs its numpy emulation", dump["c_pe"][rows], emulated,
                         rtol=1e-9)
    mggtest.assert_close("s2entropy vs fine numpy reference", dump["c_s2"][rows], fine, rtol=1e-6)
    mggtest.assert_close("|s2entropy - entropy/atom| vs |fine - emulation|",
                         np.abs(dump["c_s2"][rows] - dump["c_pe"][rows]),
                         np.abs(fine - emulated), rtol=0.0, atol=1e-6 * np.abs(fine).max())

    # the size of the difference over all atoms, and its parts
    ours, theirs = dump["c_s2"], dump["c_pe"]
    rel = (theirs - ours) / np.abs(ours)
    print(f"all 2000 atoms: mean S2 s2entropy {ours.mean():.4f}, entropy/atom {theirs.mean():.4f}; "
          f"relative difference mean {rel.mean():+.4f}, max |.| {np.abs(rel).max():.4f}; "
          f"correlation {np.corrcoef(ours, theirs)[0, 1]:.5f}")
    full = np.array([entropy_atom_emulation(k, x, h, RC, SIGMA, full_kernel=True) for k in rows])
    finer = np.array([entropy_atom_emulation(k, x, h, RC, SIGMA, full_kernel=True, fine_step=0.002)
                      for k in rows])
    print(f"{len(rows)} atoms, mean S2: entropy/atom {emulated.mean():.4f}; its grid with the full "
          f"kernel {full.mean():.4f}; full kernel on a 0.002 grid {finer.mean():.4f}; "
          f"fine reference {fine.mean():.4f}")
    assert np.corrcoef(ours, theirs)[0, 1] > 0.95
    print("PASS")


if __name__ == "__main__":
    main()
