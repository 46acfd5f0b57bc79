"""The analyses behind the subcommands of tools/mgg, as functions on numpy arrays."""
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy import stats
from scipy.spatial import cKDTree

# motif codes of compute voronoi_index (per-atom column 8), doc/compute_voronoi_index.md
MOTIFS = {0: "full icosahedron", 1: "Z14", 2: "Z15", 3: "Z16", 4: "GUM", 5: "other"}


# ------------------------------------------------------------------------------ binned
def binned(x, y, size=200):
    """Sorts by x and averages x and y over bins of `size` consecutive atoms; a last bin of
    fewer atoms is left out.  Returns (x means, y means, y standard errors, r_P of the means)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    nbins = len(x) // size if size > 0 else 0
    if nbins < 3:
        # the r_P of two bin means is +-1 whatever the data
        raise ValueError(f"{len(x)} atoms make fewer than three bins of {size}")
    order = np.argsort(x, kind="stable")[:nbins * size]
    xb = x[order].reshape(nbins, size)
    yb = y[order].reshape(nbins, size)
    xm, ym = xb.mean(axis=1), yb.mean(axis=1)
    sem = yb.std(axis=1, ddof=1) / np.sqrt(size) if size > 1 else np.zeros(nbins)
    return xm, ym, sem, pearson(xm, ym)


def pearson(a, b):
    a = np.asarray(a, float) - np.mean(a)
    b = np.asarray(b, float) - np.mean(b)
    denom = np.sqrt(np.sum(a * a) * np.sum(b * b))
    return float(np.sum(a * b) / denom) if denom > 0 else float("nan")


def spearman(a, b):
    """(Spearman rank correlation, two-sided p-value) of paired samples (scipy.stats)."""
    if len(a) < 3:
        return float("nan"), float("nan")
    result = stats.spearmanr(a, b)
    return float(result[0]), float(result[1])


def mann_whitney_p(a, b):
    """Two-sided p-value of the Mann-Whitney U test that a and b come from one distribution."""
    if len(a) == 0 or len(b) == 0:
        return float("nan")
    return float(stats.mannwhitneyu(a, b, alternative="two-sided")[1])


# ----------------------------------------------------------------------------- deciles
def quantile_groups(values, edges=(0.0, 0.01, *np.arange(0.1, 1.0, 0.1), 0.99, 1.0)):
    """Index arrays of the atoms ranked by value: the 10% bins and the lowest and highest 1%.
    Returns [(label, indices)]: 'bottom 1%', '0-10%', ..., '90-100%', 'top 1%'."""
    n = len(values)
    order = np.argsort(values, kind="stable")
    groups = [("bottom 1%", order[:max(1, n // 100)])]
    for k in range(10):
        groups.append((f"{10 * k}-{10 * (k + 1)}%", order[(k * n) // 10:((k + 1) * n) // 10]))
    groups.append(("top 1%", order[n - max(1, n // 100):]))
    return groups


# Three motif classes per centre species as Ding et al. (PNAS 2014, Fig. 2) read them: the
# favoured polyhedron, its close cousins, and the geometrically unfavoured motifs (GUMs) "on the
# other end of the coordination polyhedra spectrum" (the population-ordered histogram of indices
# of Cheng and Ma 2011).  Favoured: Cu-centred <0,0,12,0>, Zr-centred <0,0,12,4> (type 1 Cu,
# type 2 Zr).
CLASSES = ("favoured", "cousin", "GUM")
FAVOURED = {1: (0, 0, 12, 0, 0, 0), 2: (0, 0, 12, 4, 0, 0)}
CUMULATIVE = 0.8


def voronoi_keys(cn, n):
    """Index keys (n3, n4, n5, n6, n7, k) of each atom from compute voronoi_index's CN (column 2)
    and n3..n7 (columns 3-7); k = CN - (n3 + ... + n7), the faces with more than 7 (or, with
    edge_length, fewer than 3) counted edges, so that two cells with the same <n3,...,n7> but a
    different CN differ."""
    n = np.asarray(n).astype(int)
    extra = np.asarray(cn).astype(int) - n.sum(axis=1)
    return [tuple(row) + (int(e),) for row, e in zip(n.tolist(), extra)]


def format_index(key):
    """'<0,0,12,0>' (n7 shown only when non-zero; '+k' for k faces outside n3..n7)."""
    shown = key[:5] if key[4] else key[:4]
    return "<" + ",".join(map(str, shown)) + ">" + (f"+{key[5]}" if key[5] else "")


def parse_index(text):
    """Inverse of format_index: '<0,0,12,4>', '<1,3,4,4,1>', '<0,2,8,2>+1', brackets optional."""
    body, _, extra = text.strip().partition("+")
    values = [int(v) for v in body.strip().strip("<>").split(",")]
    if len(values) not in (4, 5) or min(values) < 0 or (extra and int(extra) < 0):
        raise ValueError(f"not a Voronoi index <n3,n4,n5,n6[,n7]>[+k]: {text!r}")
    return tuple(values + [0] * (5 - len(values))) + (int(extra) if extra else 0,)


def index_counts(types, keys, t):
    """{index key: number of atoms of type t with it}."""
    counts = {}
    for k, tt in zip(keys, types):
        if tt == t:
            counts[k] = counts.get(k, 0) + 1
    return counts


def motif_class_table(types, keys, favoured=None, cumulative=CUMULATIVE, given=None):
    """The class (0 favoured, 1 cousin, 2 GUM, as CLASSES) of every index of every type.
    Frequency rule, per type: the favoured index (FAVOURED, or the most frequent index of a type
    without one) is class 0; the other indices, most frequent first (equal counts in index
    order), are cousins until the favoured and cousin atoms make up at least `cumulative` of
    the type's atoms; the rarer rest are GUMs.  `given` ({type: ({key: class}, rest class)},
    from read_class_file) replaces the rule for its types.  Returns {type: {key: class}}."""
    favoured = FAVOURED if favoured is None else favoured
    types = np.asarray(types).astype(int)
    table = {}
    for t in sorted(set(types.tolist())):
        counts = index_counts(types, keys, t)
        if given and t in given:
            listed, rest = given[t]
            table[t] = {k: listed.get(k, rest) for k in counts}
            continue
        order = sorted(counts, key=lambda k: (-counts[k], k))
        fav = favoured.get(t, order[0])
        total = sum(counts.values())
        held = counts.get(fav, 0)
        table[t] = {}
        for k in order:
            if k == fav:
                table[t][k] = 0
            elif held < cumulative * total:
                table[t][k] = 1
                held += counts[k]
            else:
                table[t][k] = 2
    return table


def motif_classes(types, keys, table):
    """Class of each atom from its type and index key (table from motif_class_table)."""
    return np.array([table[int(t)][k] for t, k in zip(types, keys)], int)


def read_class_file(path):
    """A classes file: lines 'TYPE CLASS INDEX ...' (CLASS favoured, cousin or GUM, any case;
    indices as '<0,0,12,0>'), and optionally 'TYPE rest CLASS' for the indices of that type not
    listed (default GUM); '#' starts a comment.  Returns {type: ({key: class}, rest class)}."""
    names = {c.lower(): i for i, c in enumerate(CLASSES)}
    given = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            words = line.split("#")[0].split()
            if not words:
                continue
            try:
                t, what = int(words[0]), words[1].lower()
                listed, rest = given.setdefault(t, ({}, 2))
                if what == "rest":
                    (cls,) = words[2:]
                    given[t] = (listed, names[cls.lower()])
                    continue
                for text in words[2:]:
                    key = parse_index(text)
                    if key in listed and listed[key] != names[what]:
                        raise ValueError(f"{text} is in two classes")
                    listed[key] = names[what]
            except (ValueError, KeyError, IndexError) as e:
                raise ValueError(f"{path}:{number}: {e} (expected 'TYPE favoured|cousin|GUM INDEX ...' "
                                 "or 'TYPE rest CLASS')") from None
    return given


def write_class_file(path, types, keys, table):
    """The table in the format read_class_file reads, indices by count, with their counts."""
    types = np.asarray(types).astype(int)
    with open(path, "w") as f:
        f.write("# Voronoi motif classes per centre type (tools/mgg deciles --classes reads this file)\n"
                "# TYPE CLASS INDEX ...; indices of a type not listed are GUMs ('TYPE rest CLASS' to change)\n")
        for t, classes in table.items():
            counts = index_counts(types, keys, t)
            total = sum(counts.values())
            for c, name in enumerate(CLASSES):
                members = sorted((k for k in classes if classes[k] == c), key=lambda k: (-counts[k], k))
                held = sum(counts[k] for k in members)
                f.write(f"# type {t} {name}: {len(members)} indices, {held} of {total} atoms "
                        f"({held / total:.3f})\n")
                for start in range(0, len(members), 8):
                    f.write(f"{t} {name} " + " ".join(format_index(k) for k in members[start:start + 8]) + "\n")


def motif_fractions(codes, groups, classes=tuple(MOTIFS)):
    """Fraction of each motif code among the atoms of each group: array groups x classes."""
    codes = np.asarray(codes).astype(int)
    return np.array([[np.mean(codes[idx] == c) if len(idx) else np.nan for c in classes]
                     for _, idx in groups])


# ------------------------------------------------------------------------- correlation
def _images(box, x, margin):
    """Positions of x wrapped into the cell and of the periodic images within `margin` of it
    (in the fractional sense of each cell width), with the index of the atom each image is of."""
    s = box.fractional(x)
    m = margin / box.widths
    if np.any(m >= 1.0):
        raise ValueError("the distance range exceeds the width of the cell")
    pos, owner = [s], [np.arange(len(s))]
    for shift in np.array(np.meshgrid([-1, 0, 1], [-1, 0, 1], [-1, 0, 1])).reshape(3, -1).T:
        if not shift.any():
            continue
        t = s + shift
        keep = np.all((t >= -m) & (t < 1.0 + m), axis=1)
        pos.append(t[keep])
        owner.append(np.flatnonzero(keep))
    return np.vstack(pos) @ box.h.T, np.concatenate(owner)


def correlation(box, x, values, rmax, dr=0.5, groups=None):
    """Spatial autocorrelation of a per-atom quantity under periodic boundaries (orthogonal or
    triclinic cell): with dP_i = P_i - mean(P) (the mean of each group's atoms when groups, e.g.
    the types, are given),
        C(r) = [sum over pairs i != j at distance in the bin of r of dP_i dP_j / pairs] / mean(dP^2),
    pairs counted over all periodic images closer than rmax (rmax at most half the narrowest cell
    width: then each pair once, at its minimum-image distance).  Uses k-d trees over the atoms
    and their images near the cell (scipy cKDTree.count_neighbors, weighted), not all pairs.
    Returns (bin centres, C, pairs per bin)."""
    x = np.asarray(x, float)
    values = np.asarray(values, float)
    if rmax > 0.5 * box.widths.min() * (1 + 1e-12):
        raise ValueError(f"rmax {rmax:g} exceeds half the narrowest cell width "
                         f"({0.5 * box.widths.min():.3f})")
    dp = values - values.mean()
    if groups is not None:
        for g in np.unique(groups):
            sel = groups == g
            dp[sel] = values[sel] - values[sel].mean()
    edges = np.arange(0.0, rmax + 0.5 * dr, dr)
    edges = edges[edges <= rmax + 1e-12]
    pos, owner = _images(box, x, edges[-1])
    inner = cKDTree(pos[:len(x)])
    outer = cKDTree(pos)
    # count_neighbors (cumulative=False): entry 0 holds r <= edges[0] = 0 (each atom with itself)
    sums = inner.count_neighbors(outer, edges, weights=(dp, dp[owner]), cumulative=False)[1:]
    counts = inner.count_neighbors(outer, edges, cumulative=False)[1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        c = sums / counts / np.mean(dp * dp)
    return 0.5 * (edges[1:] + edges[:-1]), c, counts // 2


def fit_exponential(r, c, fit_from=2.0, fit_until=0.02, fit_to=None):
    """C(r) ~ A exp(-r / xi): least squares of ln C against r over the bins from fit_from up to
    the last bin before C first falls below fit_until (or up to fit_to when given).  Returns
    (xi, A, first r, last r); xi nan when fewer than two bins qualify."""
    start = int(np.searchsorted(r, fit_from - 1e-9))
    stop = start
    while stop < len(c) and c[stop] >= fit_until and (fit_to is None or r[stop] <= fit_to + 1e-9):
        stop += 1
    if stop - start < 2:
        return float("nan"), float("nan"), float(fit_from), float(fit_from)
    slope, intercept = np.polyfit(r[start:stop], np.log(c[start:stop]), 1)
    return float(-1.0 / slope), float(np.exp(intercept)), float(r[start]), float(r[stop - 1])


# ---------------------------------------------------------------------------- clusters
def periodic_pairs(box, x, cutoff):
    """Pairs (i, j), i < j, of atoms closer than cutoff under periodic boundaries."""
    pos, owner = _images(box, x, cutoff)
    tree = cKDTree(pos[:len(x)])
    pairs = tree.query_ball_tree(cKDTree(pos), cutoff)
    i = np.repeat(np.arange(len(x)), [len(p) for p in pairs])
    j = owner[np.concatenate([np.asarray(p, int) for p in pairs])] if len(i) else np.zeros(0, int)
    keep = i < j
    return i[keep], j[keep]


def clusters(box, x, flagged, cutoff):
    """Connected groups of the flagged atoms closer than cutoff (periodic).  Returns (sizes
    descending, label per atom: -1 unflagged, else the rank of its cluster by size)."""
    idx = np.flatnonzero(flagged)
    label = np.full(len(flagged), -1)
    if len(idx) == 0:
        return np.zeros(0, int), label
    i, j = periodic_pairs(box, np.asarray(x)[idx], cutoff)
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(len(idx), len(idx)))
    _, comp = connected_components(graph, directed=False)
    sizes = np.bincount(comp)
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty(len(sizes), int)
    rank[order] = np.arange(len(sizes))
    label[idx] = rank[comp]
    return sizes[order], label


def st_readings(blocks, norm):
    """Every atom's largest D2min over the events of a fix frozen_atom_aqs atoms file, in both
    readings: the mean over its N_i neighbours and their sum (Falk and Langer 1998).  blocks:
    io.read_atoms_file(); norm ("mean" or "sum"): the fix's norm, which its d2min column holds.
    An atom without neighbours (no fit) counts 0.  Returns (ids, types, largest mean, largest
    sum), in id order."""
    if norm not in ("mean", "sum"):
        raise ValueError(f"norm must be mean or sum, got {norm!r}")
    if not blocks:
        raise ValueError("no event")
    ids, types = blocks[0]["id"].astype(int), blocks[0]["type"].astype(int)
    largest = {"mean": np.zeros(len(ids)), "sum": np.zeros(len(ids))}
    for block in blocks:
        if "neighbours" not in block.columns:
            raise ValueError("the atoms file has no neighbours column (N_i)")
        if not np.array_equal(block["id"].astype(int), ids):
            raise ValueError(f"event {block.head['event']} holds other atoms than the first")
        d2, n = block["d2min"], block["neighbours"]
        with np.errstate(divide="ignore", invalid="ignore"):
            other = np.where(n > 0, d2 * n if norm == "mean" else d2 / n, 0.0)
        readings = {norm: d2, "sum" if norm == "mean" else "mean": other}
        for k in largest:
            largest[k] = np.maximum(largest[k], readings[k])
    return ids, types, largest["mean"], largest["sum"]


def lognormal_fit(sizes):
    """Maximum-likelihood log-normal of positive sizes: (mu, sigma) of ln(size), with sigma the
    maximum-likelihood (population) standard deviation."""
    logs = np.log(np.asarray(sizes, float))
    if len(logs) < 2:
        raise ValueError("a log-normal fit needs at least two sizes")
    return float(logs.mean()), float(logs.std())


def lognormal_pdf(s, mu, sigma):
    s = np.asarray(s, float)
    return np.exp(-(np.log(s) - mu) ** 2 / (2 * sigma ** 2)) / (s * sigma * np.sqrt(2 * np.pi))


# --------------------------------------------------------------------------- histogram
DF_FLOOR = 1e-6  # MGG_AQS_DF_FLOOR of src/mgg_aqs.h


def core_gap(df, reference, min_decades=0.5):
    """The gap rule of fix frozen_atom_aqs (mgg_aqs_core_gap() in src/mgg_aqs.c): D_f values
    floored at 1e-6 and sorted; the widest ratio between consecutive values, the reference
    bounding them, whose lower value is below half the reference, counts when at least
    min_decades wide.  Returns (lower, upper, n_core); (0, 0, 0) without a gap."""
    v = np.sort(np.maximum(np.asarray(df, float), DF_FLOOR))
    widest, best = 0.0, (0.0, 0.0, 0)
    for k in range(len(v)):
        if not v[k] < 0.5 * reference:
            break
        nxt = min(v[k + 1], reference) if k + 1 < len(v) else reference
        width = np.log10(nxt / v[k])
        if width > widest:
            widest, best = width, (float(v[k]), float(nxt), k + 1)
    return best if widest >= min_decades else (0.0, 0.0, 0)


def widest_log_gap(values, min_decades=0.5):
    """The widest empty stretch between consecutive sorted positive values on a log axis:
    (lower, upper, values at or below lower), or None when narrower than min_decades."""
    v = np.sort(np.asarray(values, float))
    v = v[v > 0]
    if len(v) < 2:
        return None
    widths = np.diff(np.log10(v))
    k = int(np.argmax(widths))
    return (float(v[k]), float(v[k + 1]), k + 1) if widths[k] >= min_decades else None


def log_bins(values, per_decade=10):
    """Bin edges evenly spaced in log10 covering the positive values."""
    v = np.asarray(values, float)
    v = v[v > 0]
    lo, hi = np.log10(v.min()), np.log10(v.max())
    n = max(1, int(np.ceil((hi - lo + 0.2) * per_decade)))
    return np.logspace(lo - 0.1, hi + 0.1, n + 1)


def distinct_saddles(events):
    """Mask of the searches of a fix artn event file (io.read_artn_events()) that found a
    distinct validated saddle: status 'saddle' (all four checks held) and duplicate_of -1 (not
    within 0.01 eV and 0.1 A of an earlier saddle of the run)."""
    return (events["status"] == "saddle") & (events["duplicate_of"] == -1)


# -------------------------------------------------------------------------------- aqs
def stress_drops(strain, stress, threshold):
    """Indices k of the steps whose stress fell by more than threshold from step k-1 along the
    loading direction (the sign of the accumulated strain); returns (k, drops)."""
    strain, stress = np.asarray(strain, float), np.asarray(stress, float)
    sign = 1.0 if strain[-1] >= strain[0] else -1.0
    drop = -sign * np.diff(stress)
    k = np.flatnonzero(drop > threshold) + 1
    return k, drop[k - 1]
