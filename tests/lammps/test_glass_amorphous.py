"""The shipped sample glasses (also the MD/MC ones of examples/glass_prep) are glasses: a broad
spread of Voronoi indices (voro++) and of coordination numbers, no dominant crystalline polyhedron
(tools/mgglass/glass.py, also behind `mgg amorphous`), and a liquid that diffused before the
quench.  The same checks are run on a B2 crystal and must reject it, so they can fail."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import numpy as np  # noqa: E402

import mgglass  # noqa: E402
from mgglass.glass import amorphous_problems  # noqa: E402
import mggtest  # noqa: E402


def b2_crystal(a=3.26, cells=10, seed=1):
    """A B2 CuZr crystal with 0.1 A thermal-like noise: the superheating trap's product."""
    grid = np.array([(i, j, k) for i in range(cells) for j in range(cells) for k in range(cells)], float)
    pos = np.vstack([grid, grid + 0.5]) * a
    pos += np.random.default_rng(seed).normal(0.0, 0.1, pos.shape)
    return np.full(3, cells * a), np.zeros(3), pos


def main():
    wd = mggtest.workdir("glass_amorphous")
    failures = []
    # the MD/MC glasses (examples/glass_prep) were made from the quenched ones, whose liquids
    # are checked
    mdmc = [os.path.join(mggtest.GLASS_DIR, f"CuZr_{c}_mdmc.data") for c in ("50_50", "64_36")]
    for name, path, zr_fraction in (("Cu50Zr50", mggtest.GLASS_50, 0.50),
                                    ("Cu64Zr36", mggtest.GLASS_64, 0.36),
                                    ("Cu50Zr50 MD/MC", mdmc[0], 0.50),
                                    ("Cu64Zr36 MD/MC", mdmc[1], 0.36)):
        data = mgglass.read_data(path)
        assert not data.box.triclinic, "expected an orthogonal box"
        length, lo, types, pos = np.diag(data.h), data.lo, data.types, data.x
        print(f"{name}: {len(pos)} atoms, Zr fraction {np.mean(types == 2):.3f}")
        assert len(pos) == 2000 and abs(np.mean(types == 2) - zr_fraction) < 1e-12
        problems, _ = amorphous_problems(length, lo, pos, wd)
        if path not in mdmc:
            log = path.replace(".data", ".log").replace("CuZr_", "prepare_CuZr_")
            with open(log) as f:
                msd = float(re.search(r"^LIQUID_MSD ([0-9.eE+-]+)", f.read(), re.M).group(1))
            print(f"  liquid mean-squared displacement before the quench: {msd:.0f} A^2")
            if msd < 200.0:
                problems.append(f"the liquid moved only {msd:.0f} A^2")
        failures += [f"{name}: {p}" for p in problems]

    print("B2 crystal (must be rejected):")
    crystal_problems, _ = amorphous_problems(*b2_crystal(), wd)
    assert crystal_problems, "the amorphousness checks failed to reject a B2 crystal"
    print("  rejected:", "; ".join(crystal_problems))
    assert not failures, failures
    print("PASS")


if __name__ == "__main__":
    main()
