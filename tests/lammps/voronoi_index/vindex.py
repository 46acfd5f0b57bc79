"""Shared by the compute voronoi_index tests: an independent reading of the documented outputs
(motif rule, motif fractions, table of frequent indices) recomputed with numpy from the
per-atom columns, and readers for the fix ave/time files."""
import numpy as np

# per-atom columns of compute voronoi_index (c_ID[1..9])
COLUMNS = ["volume", "cn", "n3", "n4", "n5", "n6", "n7", "motif", "area"]
DUMP_COLUMNS = " ".join(f"c_{{id}}[{k + 1}]" for k in range(len(COLUMNS)))
ICOSAHEDRON, Z14, Z15, Z16, GUM, OTHER = range(6)
N_MOTIFS = 6


def dump_columns(compute_id):
    return DUMP_COLUMNS.format(id=compute_id)


def per_atom(dump, compute_id):
    """The nine per-atom columns of a compute in a mggtest.Dump, as a dict of arrays."""
    return {name: dump[f"c_{compute_id}[{k + 1}]"] for k, name in enumerate(COLUMNS)}


def motif(cn, n5, n6, favoured):
    """The GUM rule of the doc page: d = |CN - favoured|, e = faces other than 5- or 6-edged."""
    d, e = abs(cn - favoured), cn - n5 - n6
    if d >= 2:
        return GUM
    if e == 0 and n5 == 12 and n6 in (0, 2, 3, 4):
        return {0: ICOSAHEDRON, 2: Z14, 3: Z15, 4: Z16}[n6]
    return GUM if e + d >= 3 else OTHER


def motifs(cols, types, favoured_cn=None):
    """favoured_cn: {type: CN}; None: the species-blind rule (12 up to CN 13, else 16)."""
    out = []
    for cn, n5, n6, t in zip(cols["cn"].astype(int), cols["n5"].astype(int),
                             cols["n6"].astype(int), types.astype(int)):
        fav = favoured_cn[t] if favoured_cn else (12 if cn <= 13 else 16)
        out.append(motif(cn, n5, n6, fav))
    return np.array(out)


def motif_fractions(motif_col, types, ntypes):
    """Fractions of each motif over all atoms, then per type (the compute's global vector)."""
    out = []
    for sel in [np.ones(len(types), bool)] + [types == t for t in range(1, ntypes + 1)]:
        n = sel.sum()
        out += [(motif_col[sel] == m).sum() / n if n else 0.0 for m in range(N_MOTIFS)]
    return np.array(out)


def top_table(cols, types, ntypes, top):
    """Rows (type, CN, n3..n7, count, fraction): per type the most frequent (CN, n3..n7), ties in
    ascending key order, padded with zero rows."""
    keys = np.column_stack([cols[c] for c in COLUMNS[1:7]]).astype(int)
    rows = []
    for t in range(1, ntypes + 1):
        sel = types == t
        uniq, counts = np.unique(keys[sel], axis=0, return_counts=True)
        order = sorted(range(len(uniq)), key=lambda k: (-counts[k], tuple(uniq[k])))[:top]
        for k in order:
            rows.append([t, *uniq[k], counts[k], counts[k] / sel.sum()])
        rows += [[t] + [0] * 8] * (top - len(order))
    return np.array(rows, float)


def read_ave_time_vector(path):
    """The last block of a fix ave/time file in mode vector: array of rows without the index."""
    with open(path) as f:
        lines = [line.split() for line in f if not line.startswith("#")]
    blocks, k = [], 0
    while k < len(lines):
        nrows = int(lines[k][1])
        blocks.append(np.array([[float(v) for v in row[1:]] for row in lines[k + 1:k + 1 + nrows]]))
        k += 1 + nrows
    return blocks[-1]
