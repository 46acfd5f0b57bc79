"""The shipped sample glasses are glasses: a broad spread of Voronoi indices (voro++) and of
coordination numbers, no dominant crystalline polyhedron, and a liquid that diffused before
the quench.  The same checks are run on a B2 crystal and must reject it, so they can fail."""
import os
import re
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import numpy as np  # noqa: E402

import mgglass  # noqa: E402
import mggtest  # noqa: E402


def voronoi_indices(length, lo, pos, wd):
    """<n3,n4,n5,n6> of each periodic Voronoi cell, from the voro++ command-line tool."""
    inp = os.path.join(wd, "points")
    with open(inp, "w") as f:
        for i, p in enumerate(pos - lo):
            f.write(f"{i + 1} {p[0]:.12f} {p[1]:.12f} {p[2]:.12f}\n")
    subprocess.run(["voro++", "-p", "-o", "-c", "%i %A", "0", str(length[0]), "0", str(length[1]),
                    "0", str(length[2]), inp], check=True)
    indices = []
    with open(inp + ".vol") as f:
        for line in f:
            freq = [int(v) for v in line.split()[1:]] + [0] * 8
            indices.append(tuple(freq[3:7]))
    return indices


def coordination(length, pos, cutoff=3.7):
    n = np.zeros(len(pos), int)
    for i in range(len(pos)):
        d = pos - pos[i]
        d -= length * np.rint(d / length)
        r = np.linalg.norm(d, axis=1)
        n[i] = np.count_nonzero((r > 0) & (r < cutoff))
    return n


def amorphous_problems(length, lo, pos, wd):
    """Reasons why a configuration is not a glass (empty when it is one)."""
    problems = []
    counts = Counter(voronoi_indices(length, lo, pos, wd))
    top, top_n = counts.most_common(1)[0]
    print(f"  {len(counts)} distinct Voronoi indices; most frequent {top} on "
          f"{100 * top_n / len(pos):.1f}% of atoms; top five {counts.most_common(5)}")
    if len(counts) < 50:
        problems.append(f"only {len(counts)} distinct Voronoi indices")
    if top_n > 0.2 * len(pos):
        problems.append(f"Voronoi index {top} on {top_n} of {len(pos)} atoms")
    cn = coordination(length, pos)
    mode_fraction = np.bincount(cn).max() / len(cn)
    print(f"  coordination within 3.7 A: mean {cn.mean():.2f}, std {cn.std():.2f}, "
          f"most common value on {100 * mode_fraction:.1f}% of atoms")
    if cn.std() < 1.0 or mode_fraction > 0.5:
        problems.append(f"narrow coordination: std {cn.std():.2f}, mode on {mode_fraction:.0%}")
    return problems


def b2_crystal(a=3.26, cells=10, seed=1):
    """A B2 CuZr crystal with 0.1 A thermal-like noise: the superheating trap's product."""
    grid = np.array([(i, j, k) for i in range(cells) for j in range(cells) for k in range(cells)], float)
    pos = np.vstack([grid, grid + 0.5]) * a
    pos += np.random.default_rng(seed).normal(0.0, 0.1, pos.shape)
    return np.full(3, cells * a), np.zeros(3), pos


def main():
    wd = mggtest.workdir("glass_amorphous")
    failures = []
    for name, path, zr_fraction in (("Cu50Zr50", mggtest.GLASS_50, 0.50),
                                    ("Cu64Zr36", mggtest.GLASS_64, 0.36)):
        data = mgglass.read_data(path)
        assert not data.box.triclinic, "expected an orthogonal box"
        length, lo, types, pos = np.diag(data.h), data.lo, data.types, data.x
        print(f"{name}: {len(pos)} atoms, Zr fraction {np.mean(types == 2):.3f}")
        assert len(pos) == 2000 and abs(np.mean(types == 2) - zr_fraction) < 1e-12
        problems = amorphous_problems(length, lo, pos, wd)
        log = path.replace(".data", ".log").replace("CuZr_", "prepare_CuZr_")
        with open(log) as f:
            msd = float(re.search(r"^LIQUID_MSD ([0-9.eE+-]+)", f.read(), re.M).group(1))
        print(f"  liquid mean-squared displacement before the quench: {msd:.0f} A^2")
        if msd < 200.0:
            problems.append(f"the liquid moved only {msd:.0f} A^2")
        failures += [f"{name}: {p}" for p in problems]

    print("B2 crystal (must be rejected):")
    crystal_problems = amorphous_problems(*b2_crystal(), wd)
    assert crystal_problems, "the amorphousness checks failed to reject a B2 crystal"
    print("  rejected:", "; ".join(crystal_problems))
    assert not failures, failures
    print("PASS")


if __name__ == "__main__":
    main()
