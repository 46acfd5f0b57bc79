"""Is a configuration a glass?  Voronoi indices from the voro++ command-line tool and
coordination numbers: a glass has a broad spread of both and no dominant polyhedron; a crystal,
even a distorted one (the superheating trap: a B2 CuZr crystal at 2,000 K with CuZr_mm.eam.fs),
has a few indices and one coordination number.  Also the fractions of the favoured motifs of
CuZr, Cu-centred full icosahedra <0,0,12,0> and Zr-centred Z16 <0,0,12,4>, of the raw Voronoi
cells (no small faces dropped, so lower than compute voronoi_index's with its thresholds)."""
import os
import subprocess
from collections import Counter

import numpy as np

# amorphousness thresholds (a 2,000-atom Cu-Zr glass has over 150 distinct indices, the most
# frequent below 10% of the atoms, and a coordination spread above 1.3)
MIN_DISTINCT = 50
MAX_TOP_FRACTION = 0.2
CN_CUTOFF = 3.7
MIN_CN_STD = 1.0
MAX_CN_MODE = 0.5


def voronoi_cells(length, lo, pos, wd):
    """Face counts by number of edges of each periodic Voronoi cell (voro++): an (N, 11) array,
    column k the faces with k edges (k >= 3; faces with more than 10 edges in the last column)."""
    inp = os.path.join(wd, "points")
    with open(inp, "w") as f:
        for i, p in enumerate(pos - lo):
            f.write(f"{i + 1} {p[0]:.12f} {p[1]:.12f} {p[2]:.12f}\n")
    subprocess.run(["voro++", "-p", "-o", "-c", "%i %A", "0", str(length[0]), "0", str(length[1]),
                    "0", str(length[2]), inp], check=True)
    faces = np.zeros((len(pos), 11), int)
    with open(inp + ".vol") as f:
        for line in f:
            words = [int(v) for v in line.split()]
            freq = words[1:]
            faces[words[0] - 1, :min(len(freq), 10)] = freq[:10]
            faces[words[0] - 1, 10] = sum(freq[10:])
    return faces


def voronoi_indices(faces):
    """<n3,n4,n5,n6> of each cell (faces of other edge counts left out, as in the field's index)."""
    return [tuple(row) for row in faces[:, 3:7]]


def coordination(length, pos, cutoff=CN_CUTOFF):
    n = np.zeros(len(pos), int)
    for i in range(len(pos)):
        d = pos - pos[i]
        d -= length * np.rint(d / length)
        r = np.linalg.norm(d, axis=1)
        n[i] = np.count_nonzero((r > 0) & (r < cutoff))
    return n


def motif_fraction(faces, types, t, index):
    """Fraction of the type-t atoms whose cell is exactly <n3,n4,n5,n6> = index (no other faces)."""
    mine = faces[types == t]
    if len(mine) == 0:
        return float("nan")
    want = np.zeros(11, int)
    want[3:7] = index
    return float(np.mean(np.all(mine == want, axis=1)))


def amorphous_problems(length, lo, pos, wd, types=None):
    """(reasons why a configuration is not a glass, empty when it is one; summary numbers)."""
    problems = []
    faces = voronoi_cells(length, lo, pos, wd)
    counts = Counter(voronoi_indices(faces))
    top, top_n = counts.most_common(1)[0]
    print(f"  {len(counts)} distinct Voronoi indices; most frequent {top} on "
          f"{100 * top_n / len(pos):.1f}% of atoms; top five {counts.most_common(5)}")
    if len(counts) < MIN_DISTINCT:
        problems.append(f"only {len(counts)} distinct Voronoi indices")
    if top_n > MAX_TOP_FRACTION * len(pos):
        problems.append(f"Voronoi index {top} on {top_n} of {len(pos)} atoms")
    cn = coordination(length, pos)
    mode_fraction = np.bincount(cn).max() / len(cn)
    print(f"  coordination within {CN_CUTOFF} A: mean {cn.mean():.2f}, std {cn.std():.2f}, "
          f"most common value on {100 * mode_fraction:.1f}% of atoms")
    if cn.std() < MIN_CN_STD or mode_fraction > MAX_CN_MODE:
        problems.append(f"narrow coordination: std {cn.std():.2f}, mode on {mode_fraction:.0%}")
    numbers = {"distinct_indices": len(counts), "top_index_fraction": top_n / len(pos),
               "cn_std": float(cn.std()), "cn_mode_fraction": float(mode_fraction)}
    if types is not None:
        numbers["cu_full_icosahedra"] = motif_fraction(faces, types, 1, (0, 0, 12, 0))
        numbers["zr_z16"] = motif_fraction(faces, types, 2, (0, 0, 12, 4))
    return problems, numbers
