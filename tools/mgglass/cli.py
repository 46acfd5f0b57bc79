"""tools/mgg: the command line of the analysis toolkit (one subcommand per analysis).

Each subcommand writes its figures (PNG and PDF) and CSV tables into --out (default: the current
directory), named after the subcommand or --name, and prints its headline number last."""
import argparse
import os
import sys
import tempfile

import numpy as np

from . import analysis, glass, io, report
from .output import figure, save_figure, write_csv

# axis labels of the quantities whose units the toolkit knows; other columns use --xlabel etc.
EVENT_STRESS_SCALE = {"bar": 0.1, "MPa": 1.0, "GPa": 1000.0, "atm": 0.101325}


def _frame(path, index, what="dump"):
    try:
        return io.read_frame(path, index, sort=True)
    except (OSError, ValueError) as e:
        raise SystemExit(f"mgg: cannot read {what} {path}: {e}")


def _column(frame, name, path):
    if name not in frame.columns:
        raise SystemExit(f"mgg: {path} has no column {name!r} (columns: {' '.join(frame.columns)})")
    return frame[name]


def _matched(frame, other, name, path):
    """Column `name` of another dump, row for row with frame's atoms (matched by id)."""
    if "id" not in frame.columns:
        raise SystemExit("mgg: matching two dumps needs the id column in both")
    return _by_id(frame["id"].astype(int), other, name, path, "the first dump")


def _by_id(ids, other, name, path, source):
    """Column `name` of dump snapshot `other` for the atoms ids (of `source`), in their order."""
    if "id" not in other.columns:
        raise SystemExit("mgg: matching two dumps needs the id column in both")
    values = dict(zip(other["id"].astype(int), _column(other, name, path)))
    try:
        return np.array([values[i] for i in ids])
    except KeyError as e:
        raise SystemExit(f"mgg: atom {e} of {source} is not in {path}")


def _type_mask(frame, types):
    if not types:
        return np.ones(frame.natoms, bool)
    if "type" not in frame.columns:
        raise SystemExit("mgg: --type needs the type column in the dump")
    return np.isin(frame["type"].astype(int), types)


def _common(p, frame=True):
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: the subcommand's name)")
    if frame:
        p.add_argument("--frame", type=int, default=0,
                       help="snapshot of the dump to read: 0 the first (default), -1 the last")


# ------------------------------------------------------------------------------- binned
def cmd_binned(a):
    frame = _frame(a.dump, a.frame)
    x = _column(frame, a.x, a.dump)
    y = (_matched(frame, _frame(a.ydump, a.yframe), a.y, a.ydump) if a.ydump
         else _column(frame, a.y, a.dump))
    mask = _type_mask(frame, a.type)
    if a.ymin is not None:
        mask &= y >= a.ymin
    x, y = x[mask], y[mask]
    if a.nbins:
        a.bin = len(x) // a.nbins
    try:
        xm, ym, sem, r = analysis.binned(x, y, a.bin)
    except ValueError as e:
        raise SystemExit(f"mgg binned: {e}")
    name = a.name or "binned"
    write_csv(a.out, name, ["bin", "atoms", f"mean {a.x}", f"mean {a.y}", f"sem {a.y}"],
              [(k + 1, a.bin, xm[k], ym[k], sem[k]) for k in range(len(xm))])
    fig, ax = figure(figsize=(5, 4))
    ax.errorbar(xm, ym, yerr=sem, fmt="o", ms=3, lw=0.8, capsize=0)
    slope, icpt = np.polyfit(xm, ym, 1)
    ax.plot(xm, slope * xm + icpt, "r-", lw=1, label=f"$r_P$ = {r:.3f}")
    ax.set_xlabel(f"{a.xlabel or a.x} (mean of {a.bin} atoms)")
    ax.set_ylabel(f"{a.ylabel or a.y} (bin mean)")
    ax.set_title(_types_title(a.type) + f"{len(xm)} bins of {a.bin} atoms sorted by {a.x}", fontsize=9)
    ax.legend()
    save_figure(fig, a.out, name)
    kept = "" if a.ymin is None else f" with {a.y} >= {a.ymin:g}"
    print(f"binned: {len(x)} atoms{_types_text(a.type)}{kept} sorted by {a.x} in {len(xm)} bins of "
          f"{a.bin} ({len(x) - len(xm) * a.bin} in the short last bin left out); bin means of {a.y}")
    # with few atoms (E_act of a teaching-scale run) the bins are few: the atoms' own rank
    # correlation and its p-value say whether the trend is there at all
    rho, p = analysis.spearman(x, y)
    print(f"per atom: Spearman rho {rho:.3f} (two-sided p {p:.2g}, {len(x)} atoms)")
    print(f"r_P {r:.6f}")


def _types_title(types):
    return f"type {','.join(map(str, types))}: " if types else ""


def _types_text(types):
    return f" of type {','.join(map(str, types))}" if types else ""


# ------------------------------------------------------------------------------ deciles
def _motifs(a, frame):
    """(class label per atom, class names, GUM label) from the motif argument: a column of
    compute voronoi_index's motif codes (column 8), or the compute's prefix (e.g. c_vi) whose
    columns 2-7 (CN, n3..n7) give the three classes of analysis.motif_class_table."""
    source = _frame(a.motif_dump, 0) if a.motif_dump else frame
    path = a.motif_dump or a.dump
    get = (lambda name: _matched(frame, source, name, path)) if a.motif_dump else \
        (lambda name: _column(frame, name, path))
    if a.motif in source.columns:
        if a.classes:
            raise SystemExit("mgg deciles: --classes needs the index columns: give the compute's prefix "
                             f"(e.g. {a.motif.split('[')[0]}) instead of the motif-code column {a.motif}")
        codes = get(a.motif).astype(int)
        return codes, {c: analysis.MOTIFS[c] for c in analysis.MOTIFS}, 4, None
    wanted = [f"{a.motif}[{k}]" for k in range(2, 8)]
    missing = [w for w in wanted if w not in source.columns]
    if missing:
        raise SystemExit(f"mgg deciles: {path} has neither a motif column {a.motif!r} nor the index columns "
                         f"{' '.join(missing)} (columns: {' '.join(source.columns)})")
    if not 0.0 < a.cumulative <= 1.0:
        raise SystemExit(f"mgg deciles: --cumulative {a.cumulative:g} is not in (0, 1]")
    cols = np.column_stack([get(w) for w in wanted])
    types = frame["type"].astype(int) if "type" in frame.columns else np.ones(frame.natoms, int)
    inside = cols[:, 0] > 0  # atoms outside the compute's group have all zeros
    keys = analysis.voronoi_keys(cols[:, 0], cols[:, 1:])
    favoured = dict(analysis.FAVOURED)
    for text in a.favoured or []:
        t, _, index = text.partition(":")
        try:
            favoured[int(t)] = analysis.parse_index(index)
        except ValueError as e:
            raise SystemExit(f"mgg deciles: --favoured {text}: {e} (expected TYPE:<n3,n4,n5,n6[,n7]>)")
    try:
        given = analysis.read_class_file(a.classes) if a.classes else None
    except (OSError, ValueError) as e:
        raise SystemExit(f"mgg deciles: --classes: {e}")
    sel = np.flatnonzero(inside)
    table = analysis.motif_class_table(types[sel], [keys[i] for i in sel], favoured, a.cumulative, given)
    labels = np.full(frame.natoms, -1)
    labels[sel] = analysis.motif_classes(types[sel], [keys[i] for i in sel], table)
    rule = (f"classes of {a.classes}" if a.classes else
            f"frequency rule: favoured {', '.join(f'type {t} ' + analysis.format_index(k) for t, k in sorted(favoured.items()))}; "
            f"cousins the most frequent other indices until favoured + cousins >= {a.cumulative:g} of the type")
    return labels, dict(enumerate(analysis.CLASSES)), 2, (types[sel], [keys[i] for i in sel], table, rule)


def cmd_deciles(a):
    frame = _frame(a.dump, a.frame)
    values = _column(frame, a.column, a.dump)
    codes, names, gum, index_rule = _motifs(a, frame)
    types = frame["type"].astype(int) if "type" in frame.columns else np.ones(frame.natoms, int)
    chosen = a.type or sorted(set(types.tolist()))
    classes = list(names)
    rows, panels = [], []
    for t in chosen:
        sel = np.flatnonzero((types == t) & (codes >= 0))
        groups = analysis.quantile_groups(values[sel])
        groups = [(label, sel[idx]) for label, idx in groups] + [("all", sel)]
        frac = analysis.motif_fractions(codes, groups, classes)
        for (label, idx), f in zip(groups, frac):
            rows.append([t, label, len(idx), values[idx].min(), values[idx].max(), *f])
        panels.append((t, groups, frac))
    name = a.name or "deciles"
    write_csv(a.out, name, ["type", "group", "atoms", f"min {a.column}", f"max {a.column}"] +
              [names[c] for c in classes], rows)
    if index_rule:
        analysis.write_class_file(os.path.join(a.out, name + "_classes.txt"), *index_rule[:3])
    fig, axes = figure(1, len(panels), figsize=(4.5 * len(panels), 4), squeeze=False)
    for ax, (t, groups, frac) in zip(axes[0], panels):
        pos = np.arange(len(groups) - 1)
        for k, c in enumerate(classes):
            ax.plot(pos, frac[:-1, k], "o-", ms=3, label=f"{names[c]} (whole glass {frac[-1, k]:.2f})")
        ax.set_xticks(pos, [g[0] for g in groups[:-1]], rotation=60, fontsize=7)
        ax.set_xlabel(f"{a.label or a.column}: percentile bin (lowest to highest)")
        ax.set_ylabel("fraction of the bin's atoms")
        ax.set_title(f"type {t}: {len(groups[-1][1])} atoms", fontsize=9)
        ax.legend(fontsize=7)
    save_figure(fig, a.out, name)
    print(f"deciles of {a.column}; motif fractions ({', '.join(names[c] for c in classes)})")
    if index_rule:
        print(f"motif classes from the Voronoi indices ({index_rule[3]}); table in {name}_classes.txt")
    for t, groups, frac in panels:
        print(f"type {t}:")
        for (label, idx), f in zip(groups, frac):
            print(f"  {label:>10} {len(idx):6d} " + " ".join(f"{v:6.3f}" for v in f))
    k = classes.index(gum)
    print("whole glass: " + "; ".join(f"type {t} " + ", ".join(f"{names[c]} {frac[-1, j]:.3f}" for j, c in enumerate(classes))
                                      for t, _, frac in panels))
    print("GUM fraction of the whole glass: " + ", ".join(f"type {t} {frac[-1, k]:.3f}" for t, _, frac in panels) +
          " (a tail when small; compare the top 1%)")
    top = np.concatenate([g[-2][1] for _, g, _ in panels])
    print(f"gum_top1 {np.mean(codes[top] == gum):.4f}")


# -------------------------------------------------------------------------- correlation
def cmd_correlation(a):
    frame = _frame(a.dump, a.frame)
    mask = _type_mask(frame, a.type)
    sub = frame.select(mask)
    x = sub.positions()
    half = 0.5 * sub.box.widths.min()
    rmax = a.rmax if a.rmax is not None else min(15.0, half)
    if rmax > half * (1 + 1e-12):
        raise SystemExit(f"mgg correlation: --rmax {rmax:g} exceeds half the narrowest cell width "
                         f"({half:.3f} A)")
    names = a.columns or [c for c in sub.columns
                          if c not in ("id", "type", "x", "y", "z", "xs", "ys", "zs", "xu", "yu", "zu", "ix", "iy", "iz")]
    groups = sub["type"].astype(int) if a.per_type else None
    curves, fits = {}, {}
    r = counts = None
    for col in names:
        values = _column(sub, col, a.dump)
        r, c, counts = analysis.correlation(sub.box, x, values, rmax, a.bin, groups)
        curves[col] = c
        fits[col] = analysis.fit_exponential(r, c, a.fit_from, a.fit_until, a.fit_to)
    name = a.name or "correlation"
    write_csv(a.out, name, ["r_A", "pairs"] + [f"C {n}" for n in names],
              [[r[k], counts[k]] + [curves[n][k] for n in names] for k in range(len(r))])
    write_csv(a.out, name + "_fit", ["column", "mean", "std", "xi_A", "A", "fit_from_A", "fit_to_A"],
              [[n, float(np.mean(sub[n])), float(np.std(sub[n])), *fits[n]] for n in names])
    fig, ax = figure(figsize=(5.5, 4))
    for n in names:
        line, = ax.plot(r, curves[n], "o", ms=3, label=n)
        xi, amp, r0, r1 = fits[n]
        if np.isfinite(xi):
            rr = np.linspace(r0, r1, 50)
            ax.plot(rr, amp * np.exp(-rr / xi), "-", color=line.get_color(), lw=1,
                    label=f"A exp(-r/xi): xi = {xi:.2f} A, fit {r0:.2f}-{r1:.2f} A")
    ax.axhline(0.0, color="0.6", lw=0.6)
    ax.set_xlabel("r (A)")
    ax.set_ylabel("C(r)")
    ax.set_title(_types_title(a.type) + f"{sub.natoms} atoms, {a.bin} A bins" +
                 (", deviations from each type's mean" if a.per_type else ""), fontsize=9)
    ax.legend(fontsize=7)
    save_figure(fig, a.out, name)
    print(f"correlation: {sub.natoms} atoms{_types_text(a.type)}, r to {rmax:g} A in {a.bin} A bins; "
          f"fit ln C from {a.fit_from} A to the last bin before C < {a.fit_until}")
    print(f"{'column':>12} {'mean':>10} {'std':>9} {'xi (A)':>7} {'A':>7}  fitted r range (A)")
    for n in names:
        xi, amp, r0, r1 = fits[n]
        print(f"{n:>12} {np.mean(sub[n]):10.4g} {np.std(sub[n]):9.4g} {xi:7.3f} {amp:7.3f}  {r0:.2f} - {r1:.2f}")
    if a.table:
        print("     r " + " ".join(f"{n:>10}" for n in names))
        for k, rc in enumerate(r):
            print(f"{rc:6.2f} " + " ".join(f"{curves[n][k]:10.4f}" for n in names))
    print(f"xi {fits[names[0]][0]:.4f} A")


# ----------------------------------------------------------------------------- clusters
def _kind(path):
    with io.open_text(path) as f:
        first = f.readline()
    if first.startswith("ITEM: TIMESTEP"):
        return "dump"
    if first.startswith("# event step"):
        return "events"
    if first.startswith("# event "):
        return "atoms"
    if first.startswith("# fix artn"):
        return "artn"
    return "other"


def cmd_clusters(a):
    kind = _kind(a.file)
    sizes, where, involved, natoms = [], [], set(), a.natoms
    if kind == "events":
        ev = io.read_events(a.file)
        if "cluster_sizes" not in ev:
            raise SystemExit(f"mgg clusters: {a.file} has no cluster sizes (run the fix with analysis yes)")
        for e, s in zip(ev["event"], ev["cluster_sizes"]):
            sizes += s.tolist()
            where += [int(e)] * len(s)
        n_flagged = int(np.sum(ev["n_d2min_above"]))
        source = "event"
    elif kind == "atoms":
        for block in io.read_atoms_file(a.file):
            lab = block["cluster"].astype(int)
            s = np.bincount(lab[lab >= 0]) if np.any(lab >= 0) else np.zeros(0, int)
            sizes += sorted(s.tolist(), reverse=True)
            where += [block.head["event"]] * len(s)
            involved |= set(block["id"][lab >= 0].astype(int).tolist())
            natoms = natoms or len(block.data)
        source = "event"
    elif kind == "dump":
        if not a.column or a.threshold is None:
            raise SystemExit("mgg clusters: a dump needs --column and --threshold")
        frames = io.read_dump(a.file, sort=True)
        frames = frames if a.frame is None else [frames[a.frame]]
        for fr in frames:
            flagged = _column(fr, a.column, a.file) > a.threshold
            s, _ = analysis.clusters(fr.box, fr.positions(), flagged, a.cutoff)
            sizes += s.tolist()
            where += [fr.timestep] * len(s)
            involved |= set(fr["id"][flagged].astype(int).tolist()) if "id" in fr.columns else set()
            natoms = natoms or fr.natoms
        source = "timestep"
    else:
        raise SystemExit(f"mgg clusters: {a.file} is neither a dump nor an event or atoms file of "
                         "fix frozen_atom_aqs")
    sizes = np.array(sizes, int)
    keep = sizes >= a.min_size
    sizes, where = sizes[keep], np.array(where)[keep]
    # fewer than two clusters (a short or elastic run): the table and figure all the same, no fit
    fitted = len(sizes) >= 2
    mu, sigma = analysis.lognormal_fit(sizes) if fitted else (float("nan"), float("nan"))
    name = a.name or "clusters"
    write_csv(a.out, name, [source, "size"], zip(where, sizes))
    fig, ax = figure(figsize=(5, 4))
    edges = np.unique(np.round(np.logspace(0, np.log10(sizes.max(initial=1) + 1), 25)).astype(int))
    if len(edges) < 2:
        edges = np.array([1, 2])
    edges = edges - 0.5
    ax.hist(sizes, bins=edges, density=fitted, color="0.6",
            label=f"{len(sizes)} clusters" + ("" if fitted else ": too few for a log-normal fit"))
    if fitted:
        s = np.logspace(np.log10(max(sizes.min() * 0.5, 0.5)), np.log10(sizes.max() * 2), 200)
        ax.plot(s, analysis.lognormal_pdf(s, mu, sigma), "r-",
                label=f"log-normal: mu = {mu:.2f}, sigma = {sigma:.2f}\n(median {np.exp(mu):.1f} atoms)")
    ax.set_xscale("log")
    ax.set_xlabel("cluster size (atoms)")
    ax.set_ylabel("probability density (1/atom)" if fitted else "clusters")
    ax.legend(fontsize=8)
    fraction = None
    if kind == "events":
        summary = f"{n_flagged} atom-events above the threshold"
        if natoms:
            fraction = n_flagged / natoms
    else:
        summary = f"{len(involved)} distinct atoms in clusters"
        if natoms:
            fraction = len(involved) / natoms
    ax.set_title(f"{summary}" + (f", {100 * fraction:.1f}% of {natoms} atoms" if fraction is not None else ""),
                 fontsize=9)
    save_figure(fig, a.out, name)
    print(f"clusters: {len(sizes)} clusters of at least {a.min_size} atoms from {a.file} ({kind})" +
          (f"; sizes {sizes.min()} to {sizes.max()}, mean {sizes.mean():.2f}" if len(sizes) else ""))
    print(summary + (f"; fraction of atoms involved {fraction:.4f}" if fraction is not None
                     else " (give --natoms for the fraction)"))
    print(f"log-normal fit (maximum likelihood): median exp(mu) {np.exp(mu):.3f} atoms" if fitted else
          "log-normal fit: too few clusters (fewer than two)")
    print(f"mu {mu:.4f} sigma {sigma:.4f}")


# ----------------------------------------------------------------------------- st_atoms
def cmd_st_atoms(a):
    if os.path.getsize(a.atoms) == 0:
        raise SystemExit(f"mgg st_atoms: {a.atoms} is empty: the shear made no event (shear further)")
    if _kind(a.atoms) != "atoms":
        raise SystemExit(f"mgg st_atoms: {a.atoms} is not an atoms file of fix frozen_atom_aqs")
    blocks = io.read_atoms_file(a.atoms)
    try:
        ids, types, largest_mean, largest_sum = analysis.st_readings(blocks, a.norm)
    except ValueError as e:
        raise SystemExit(f"mgg st_atoms: {a.atoms}: {e}")
    st = {"mean": largest_mean > a.threshold, "sum": largest_sum > a.threshold}
    n = len(ids)
    name = a.name or "st_atoms"
    header = ["id", "type", "largest_D2min_mean_A2", "largest_D2min_sum_A2", "ST_mean", "ST_sum"]
    columns = [ids, types, largest_mean, largest_sum, st["mean"].astype(int), st["sum"].astype(int)]
    lam = (_by_id(ids, _frame(a.vibration, -1, "vibration dump"), a.column, a.vibration, a.atoms)
           if a.vibration else None)
    if lam is not None:
        lam = np.sqrt(np.maximum(lam, 0.0))
        header.append("lambda_A")
        columns.append(lam)
    e_act = (_by_id(ids, _frame(a.activation, -1, "activation dump"), a.activation_column, a.activation, a.atoms)
             if a.activation else None)
    if e_act is not None:
        header.append("E_act_eV")
        columns.append(e_act)
    write_csv(a.out, name, header, zip(*columns))
    print(f"st_atoms: {n} atoms, {len(blocks)} events in {a.atoms} (its D2min the {a.norm} over the "
          f"neighbours); ST atoms: D2min over at least one event above {a.threshold:g} A^2")
    for k in ("mean", "sum"):
        print(f"ST atoms on the {k}: {int(st[k].sum())}; ST fraction on the {k} {st[k].sum() / n:.4f}")
    if e_act is not None:
        # fix artn's -1: the atom was no centre or none of its searches validated a saddle
        found = e_act >= 0.0
        if not found.any():
            raise SystemExit(f"mgg st_atoms: no atom has an E_act >= 0 in {a.activation}")
        _st_histogram(a, {k: v[found] for k, v in st.items()}, e_act[found],
                      "local activation energy E_act", "eV", f"{name}_E_act")
        for k in ("mean", "sum"):
            on, off = e_act[found & st[k]], e_act[found & ~st[k]]
            if len(on) and len(off):
                print(f"reading {k}: mean E_act of the {len(on)} ST atoms {on.mean():.4f} eV, of the "
                      f"{len(off)} others {off.mean():.4f} eV (Mann-Whitney two-sided p "
                      f"{analysis.mann_whitney_p(on, off):.2g})")
            else:
                print(f"reading {k}: E_act of {len(on)} ST atoms and {len(off)} others: no comparison")
    if lam is not None:
        _st_histogram(a, st, lam, "vibrational displacement lambda", "A", name)
        for k in ("mean", "sum"):
            if st[k].any():
                print(f"reading {k}: mean lambda of the ST atoms {lam[st[k]].mean():.4f} A, of the rest "
                      f"{lam[~st[k]].mean():.4f} A")
            else:
                print(f"reading {k}: no ST atoms; mean lambda of all atoms {lam.mean():.4f} A")


def _st_histogram(a, st, values, what, unit, name):
    """Probability densities of values over the ST atoms of --reading and over the rest."""
    fig, ax = figure(figsize=(5, 4))
    edges = np.linspace(np.percentile(values, 0.1) * 0.95, np.percentile(values, 99.9) * 1.05, 41)
    chosen = st[a.reading]
    for mask, label, style in ((~chosen, "the rest", dict(color="0.6")),
                               (chosen, "ST atoms", dict(histtype="step", color="r", lw=1.5))):
        if mask.any():
            ax.hist(np.clip(values[mask], edges[0], edges[-1]), bins=edges, density=True,
                    label=f"{label} ({int(mask.sum())}): mean {values[mask].mean():.3f} {unit}", **style)
    ax.set_xlabel(f"{what} ({unit})")
    ax.set_ylabel(f"probability density (1/{unit})")
    ax.set_title(f"ST: D2min ({a.reading} over the neighbours) > {a.threshold:g} A^2 in an event",
                 fontsize=9)
    ax.legend(fontsize=8)
    save_figure(fig, a.out, name)


# --------------------------------------------------------------------------------- slab
def cmd_slab(a):
    frame = _frame(a.dump, a.frame)
    values = _column(frame, a.column, a.dump)
    box = frame.box
    k = "xyz".index(a.axis)
    plane = [d for d in range(3) if d != k]
    s = box.fractional(frame.positions())
    width = box.widths[k]
    depth = (s[:, k] - a.center + 0.5) % 1.0 - 0.5
    inside = np.abs(depth) * width <= 0.5 * a.thickness
    if inside.sum() < 3:
        raise SystemExit(f"mgg slab: {inside.sum()} atoms in the slab; widen --thickness")
    marked = np.zeros(frame.natoms, bool)
    if a.mark:
        mv = (_matched(frame, _frame(a.mark_dump, a.mark_frame), a.mark, a.mark_dump) if a.mark_dump
              else _column(frame, a.mark, a.dump))
        if a.above is not None:
            marked = mv > a.above
        else:
            marked = mv >= np.quantile(mv, 1.0 - a.top)
    # the in-plane cell: fractional coordinates of the two other cell vectors, drawn with their
    # Cartesian components along the two other axes
    m2 = box.h[np.ix_(plane, plane)]
    nu = [max(8, int(np.ceil(np.linalg.norm(box.h[:, d]) / a.grid))) for d in plane]
    gu, gv = np.meshgrid((np.arange(nu[0]) + 0.5) / nu[0], (np.arange(nu[1]) + 0.5) / nu[1], indexing="ij")
    grid = np.column_stack([gu.ravel(), gv.ravel()])
    sa = s[inside][:, plane]
    pa = values[inside]
    field = _smooth(grid, sa, pa, m2, a.sigma)
    at_atoms = _smooth(sa, sa, pa, m2, a.sigma)
    xy = grid @ m2.T
    name = a.name or "slab"
    write_csv(a.out, name, ["id", "type", a.axis + "_depth_A", f"{'xyz'[plane[0]]}_A", f"{'xyz'[plane[1]]}_A",
                            a.column, "smoothed", "marked"],
              [[int(frame["id"][i]) if "id" in frame.columns else i,
                int(frame["type"][i]) if "type" in frame.columns else 1,
                depth[i] * width, *(s[i, plane] @ m2.T), values[i], at_atoms[j], int(marked[i])]
               for j, i in enumerate(np.flatnonzero(inside))])
    fig, ax = figure(figsize=(6, 5))
    cs = ax.tricontourf(xy[:, 0], xy[:, 1], field, levels=20, cmap="viridis")
    fig.colorbar(cs, ax=ax, label=f"{a.label or a.column} (Gaussian average, {a.sigma} A)")
    pos = sa @ m2.T
    mk = marked[inside]
    ax.plot(pos[mk, 0], pos[mk, 1], "o", mfc="none", mec="r", ms=6, mew=1.2,
            label=f"marked ({mk.sum()} in the slab)")
    ax.set_aspect("equal")
    ax.set_xlabel(f"{'xyz'[plane[0]]} (A, cell coordinates)")
    ax.set_ylabel(f"{'xyz'[plane[1]]} (A, cell coordinates)")
    ax.set_title(f"slab of {a.thickness} A at {a.center:.2f} of the cell along {a.axis}: "
                 f"{inside.sum()} atoms", fontsize=9)
    if mk.any():
        ax.legend(fontsize=8, loc="upper right")
    save_figure(fig, a.out, name)
    rank = np.argsort(np.argsort(at_atoms)) / max(1, len(at_atoms) - 1) * 100.0
    pct = float(np.mean(rank[mk])) if mk.any() else float("nan")
    print(f"slab: {inside.sum()} atoms within {a.thickness / 2:g} A of {a.center:g} along {a.axis}; "
          f"{mk.sum()} marked; field of {a.column} smoothed over {a.sigma} A")
    print(f"mean percentile of the smoothed {a.column} at the marked atoms (50: no preference)")
    print(f"marked_percentile {pct:.2f}")


def _smooth(points, sa, pa, m2, sigma):
    """Gaussian-weighted mean of pa (atoms at in-plane fractional sa) at points, periodic."""
    out = np.empty(len(points))
    for start in range(0, len(points), 2048):
        d = points[start:start + 2048, None, :] - sa[None, :, :]
        d -= np.round(d)
        r2 = np.sum((d @ m2.T) ** 2, axis=2)
        w = np.exp(-0.5 * r2 / sigma ** 2)
        out[start:start + 2048] = (w @ pa) / np.maximum(w.sum(axis=1), 1e-300)
    return out


# ---------------------------------------------------------------------------- histogram
def cmd_histogram(a):
    kind = _kind(a.file)
    if kind == "atoms":
        return _histogram_atoms(a)
    if kind == "artn":
        return _histogram_artn(a)
    if not a.column:
        raise SystemExit("mgg histogram: a dump needs a COLUMN")
    frame = _frame(a.file, a.frame)
    values = _column(frame, a.column, a.file)
    types = frame["type"].astype(int) if "type" in frame.columns else np.ones(frame.natoms, int)
    mask = _type_mask(frame, a.type)
    values, types = values[mask], types[mask]
    positive = values > 0
    if a.linear:
        edges = np.linspace(values.min(), values.max(), a.bins + 1)
        used = np.ones(len(values), bool)
    else:
        if not positive.any():
            raise SystemExit(f"mgg histogram: no positive {a.column} for a log axis (use --linear)")
        edges = analysis.log_bins(values[positive], a.per_decade)
        used = positive
    name = a.name or "histogram"
    chosen = sorted(set(types.tolist()))
    counts = {t: np.histogram(values[used & (types == t)], edges)[0] for t in chosen}
    write_csv(a.out, name, ["bin_low", "bin_high"] + [f"type {t}" for t in chosen],
              [[edges[k], edges[k + 1]] + [counts[t][k] for t in chosen] for k in range(len(edges) - 1)])
    fig, ax = figure(figsize=(5.5, 4))
    for t in chosen:
        v = values[used & (types == t)]
        ax.hist(v, bins=edges, histtype="step", lw=1.2,
                label=f"type {t}: {len(v)} atoms, median {np.median(v):.3g}")
    gap = None if a.linear else analysis.widest_log_gap(values[used], a.gap)
    if gap:
        ax.axvspan(gap[0], gap[1], color="r", alpha=0.15,
                   label=f"gap {gap[0]:.3g}-{gap[1]:.3g}: {gap[2]} atoms below")
    if not a.linear:
        ax.set_xscale("log")
    ax.set_xlabel(a.label or a.column)
    ax.set_ylabel("atoms per bin")
    ax.legend(fontsize=8)
    save_figure(fig, a.out, name)
    left = int((~used).sum())
    print(f"histogram of {a.column}: {int(used.sum())} atoms" +
          (f" ({left} values <= 0 left out of the log axis)" if left else ""))
    for t in chosen:
        v = values[used & (types == t)]
        print(f"  type {t}: {len(v)} atoms, mean {v.mean():.4g}, median {np.median(v):.4g}")
    if gap:
        print(f"gap on the log axis from {gap[0]:.4g} to {gap[1]:.4g} "
              f"({np.log10(gap[1] / gap[0]):.2f} decades): {gap[2]} atoms below")
    else:
        print(f"no gap of {a.gap} decades or more" if not a.linear else "")
    print(f"median {np.median(values[used]):.6g}")


def _histogram_atoms(a):
    events = io.read_atoms_file(a.file)
    if a.event is not None:
        events = [e for e in events if e.head["event"] == a.event]
        if not events:
            raise SystemExit(f"mgg histogram: no event {a.event} in {a.file}")
    swept = [e for e in events if e.swept]
    name = a.name or "histogram"
    rows, summary = [], []
    for e in events:
        h = e.head
        df = e["D_f"]
        analysed = df >= 0
        lower, upper, n_core = (analysis.core_gap(df[analysed], h["reference_D_f"], a.gap)
                                if e.swept and h["reference_D_f"] > 0 else (0.0, 0.0, 0))
        summary.append([h["event"], int(h["step"]), h["strain"], int(analysed.sum()), h["reference_D_f"],
                        h["gap_lower"], h["gap_upper"], int(h["n_core"]), lower, upper, n_core])
        for i in np.flatnonzero(analysed):
            rows.append([h["event"], int(e["id"][i]), int(e["type"][i]), df[i], int(e["core"][i])])
    write_csv(a.out, name, ["event", "id", "type", "D_f_A", "core"], rows)
    write_csv(a.out, name + "_events", ["event", "step", "strain", "analysed", "reference_D_f_A",
                                        "gap_lower_A", "gap_upper_A", "n_core", "gap_lower_here_A",
                                        "gap_upper_here_A", "n_core_here"], summary)
    print(" event   step    strain  analysed  reference_D_f_A  gap_A                n_core  (here)")
    for s in summary:
        print(f"{s[0]:6d} {s[1]:6d} {s[2]:9.5f} {s[3]:9d} {s[4]:16.4f}  [{s[5]:.3g}, {s[6]:.3g}]"
              f"{'':8s}{s[7]:6d}  ({s[10]})")
    if not swept:
        raise SystemExit(f"mgg histogram: no swept event in {a.file}")
    fig, axes = figure(len(swept), 1, figsize=(6, 2.6 * len(swept)), squeeze=False)
    for ax, e in zip(axes[:, 0], swept):
        h = e.head
        df = np.maximum(e["D_f"][e["D_f"] >= 0], analysis.DF_FLOOR)
        types = e["type"][e["D_f"] >= 0].astype(int)
        edges = analysis.log_bins(np.append(df, h["reference_D_f"]), a.per_decade)
        for t in sorted(set(types.tolist())):
            ax.hist(df[types == t], bins=edges, histtype="stepfilled", alpha=0.5, label=f"type {t}")
        if h["n_core"] > 0:
            ax.axvspan(h["gap_lower"], h["gap_upper"], color="r", alpha=0.15,
                       label=f"gap; STZ core: {int(h['n_core'])} atoms")
        ax.axvline(h["reference_D_f"], color="b", ls="--", label="nothing frozen")
        ax.set_xscale("log")
        ax.set_ylabel("atoms per bin")
        ax.set_title(f"event {h['event']} at step {int(h['step'])}, strain {h['strain']:.4g}", fontsize=9)
        ax.legend(fontsize=7)
    axes[-1, 0].set_xlabel("D_f (A), frozen-atom relaxation displacement")
    save_figure(fig, a.out, name)
    print(f"n_core {int(swept[-1].head['n_core'])}")


def _histogram_artn(a):
    """E_act spectra of the distinct validated saddles of a fix artn event file: all centres and
    per centre type, on a linear axis from 0 (seed 003 Fig. 1c-e)."""
    try:
        ev = io.read_artn_events(a.file)
    except ValueError as e:
        raise SystemExit(f"mgg histogram: {e}")
    distinct = analysis.distinct_saddles(ev)
    validated = ev["status"] == "saddle"
    types = sorted(set(ev["type"].tolist()))
    label = {t: f"type {t}" for t in types}
    if a.names:
        for t, n in zip(types, a.names.split(",")):
            label[t] = f"{n} (type {t})"
    e_act, t_act = ev["E_act"][distinct], ev["type"][distinct]
    top = max(a.emax, float(e_act.max()) if len(e_act) else 0.0)
    edges = a.width * np.arange(int(np.ceil(top / a.width - 1e-9)) + 1)
    groups = [("all centres", np.ones(len(ev["type"]), bool))] + [(label[t], ev["type"] == t) for t in types]
    name = a.name or "histogram"
    counts = [np.histogram(ev["E_act"][distinct & sel], edges)[0] for _, sel in groups]
    write_csv(a.out, name, ["E_act_low_eV", "E_act_high_eV"] + [g for g, _ in groups],
              [[edges[k], edges[k + 1]] + [c[k] for c in counts] for k in range(len(edges) - 1)])
    columns = ["search", "atom", "type", "E_act", "eigenvalue_1", "eigenvalue_2", "max_force",
               "force_evaluations", "displacement", "atoms_moved"]
    write_csv(a.out, name + "_saddles", columns,
              [[ev[c][k].item() for c in columns] for k in np.flatnonzero(distinct)])
    fig, axes = figure(len(groups), 1, figsize=(5.5, 2.2 * len(groups)), sharex=True, squeeze=False)
    for ax, (what, sel), c in zip(axes[:, 0], groups, counts):
        v = ev["E_act"][distinct & sel]
        ax.stairs(c, edges, fill=True, alpha=0.6)
        text = f"{what}: {len(v)} distinct saddles of {int(sel.sum())} searches"
        ax.set_title(text + (f", mean {v.mean():.2f} eV" if len(v) else ""), fontsize=9)
        ax.set_ylabel("saddles per bin")
        ax.yaxis.get_major_locator().set_params(integer=True)
    axes[-1, 0].set_xlabel("E_act (eV)")
    axes[-1, 0].set_xlim(0.0, edges[-1])
    save_figure(fig, a.out, name)
    statuses = {s: int(np.sum(ev["status"] == s)) for s in sorted(set(ev["status"].tolist()))}
    print(f"fix artn event file {a.file}: {len(ev['search'])} searches, {int(validated.sum())} validated "
          f"saddles, {int(distinct.sum())} distinct")
    print("statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items(), key=lambda x: -x[1])))
    print(f"E_act (eV) of the distinct saddles, bins of {a.width:g} eV")
    print(f"{'centres':20s} {'searches':>8s} {'distinct':>8s} {'mean':>7s} {'median':>7s} {'min':>7s} {'max':>7s}")
    for what, sel in groups:
        v = ev["E_act"][distinct & sel]
        stats = (f"{v.mean():7.3f} {np.median(v):7.3f} {v.min():7.3f} {v.max():7.3f}" if len(v)
                 else f"{'-':>7s} {'-':>7s} {'-':>7s} {'-':>7s}")
        print(f"{what:20s} {int(sel.sum()):8d} {len(v):8d} {stats}")
    print(f"distinct_saddles {int(distinct.sum())}")


# --------------------------------------------------------------------------------- vdos
def cmd_vdos(a):
    blocks = io.read_ave_time_vector(a.file)
    if not blocks:
        raise SystemExit(f"mgg vdos: no data in {a.file}")
    rows = blocks[-1][1]
    if a.modes:
        if not a.width:
            raise SystemExit("mgg vdos: --modes needs --width")
        energy = rows[:, 0]
        energy = energy[energy > 0]
        emax = a.emax or energy.max() + a.width
        edges = np.arange(0.0, emax + 0.5 * a.width, a.width)
        counts = np.histogram(energy, edges)[0]
        dos = counts / (len(energy) * a.width)
        what = f"{len(energy)} non-zero modes of {a.file}"
    else:
        if rows.shape[1] >= 2:  # the compute's array: bin centre (meV), D (1/meV)
            centre, dos = rows[:, 0], rows[:, 1]
            width = centre[1] - centre[0] if len(centre) > 1 else 2.0 * centre[0]
            if a.width and abs(a.width - width) > 1e-9 * width:
                raise SystemExit(f"mgg vdos: --width {a.width} but the file's bins are {width:g} meV")
            a.width = width
        elif a.width:  # a single column: D of a file without energies
            dos = rows[:, 0]
        else:
            raise SystemExit(f"mgg vdos: {a.file} has no energy column: give --width")
        edges = np.arange(len(dos) + 1) * a.width
        what = f"{a.file} (timestep {blocks[-1][0]}), {a.width:g} meV bins"
    centres = 0.5 * (edges[1:] + edges[:-1])
    peak = centres[np.argmax(dos)]
    name = a.name or "vdos"
    write_csv(a.out, name, ["E_low_meV", "E_high_meV", "D_per_meV"],
              [[edges[k], edges[k + 1], dos[k]] for k in range(len(dos))])
    fig, ax = figure(figsize=(5.5, 4))
    ax.plot(centres, dos, drawstyle="steps-mid")
    ax.axvline(peak, color="r", ls=":", lw=1, label=f"peak {peak:.2f} meV")
    ax.set_xlabel("hbar omega (meV)")
    ax.set_ylabel("D(E) (1/meV)")
    ax.set_xlim(0, edges[-1])
    ax.legend()
    save_figure(fig, a.out, name)
    print(f"vdos: {what}; integral {np.sum(dos) * a.width:.4f}")
    print(f"peak {peak:.4f} meV")


# ---------------------------------------------------------------------------------- aqs
def cmd_aqs(a):
    kind = _kind(a.file)
    with io.open_text(a.file) as f:
        head = f.read(4096)
    if "LAMMPS (" in head or "\nStep " in head or head.startswith("Step"):
        tables = [(c, d) for c, d in io.read_thermo(a.file) if a.strain in c and a.stress in c]
        if not tables:
            raise SystemExit(f"mgg aqs: no thermo table of {a.file} has columns {a.strain} and {a.stress}")
        columns = tables[0][0]
        data = np.vstack([d[:, [c.index(n) for n in columns]] for c, d in tables])
        if "Step" in columns:  # a run of one step at a time repeats each step: keep its last row
            steps = data[::-1, columns.index("Step")]
            data = data[::-1][np.sort(np.unique(steps, return_index=True)[1])][::-1]
        scale = EVENT_STRESS_SCALE[a.stress_unit or "bar"]
        strain_col, stress_col = a.strain, a.stress
    else:
        columns, data = io.read_table(a.file)
        strain_col = a.strain if a.strain in columns else "strain"
        stress_col = a.stress if a.stress in columns else "shear_stress_MPa"
        if strain_col not in columns or stress_col not in columns:
            raise SystemExit(f"mgg aqs: {a.file} ({kind}) has no columns {a.strain}/{a.stress} "
                             f"(columns: {' '.join(columns)})")
        scale = EVENT_STRESS_SCALE[a.stress_unit or "MPa"]
    strain = data[:, columns.index(strain_col)]
    stress = data[:, columns.index(stress_col)] * scale
    step = data[:, columns.index("step" if "step" in columns else "Step")] if \
        ("step" in columns or "Step" in columns) else np.arange(len(strain))
    if len(strain) < 2:
        raise SystemExit("mgg aqs: fewer than two steps, nothing to summarise")
    moved = None
    for n in columns:
        if n.startswith("n_dD2min_above") or n.startswith("n_d2min_above"):
            moved = data[:, columns.index(n)]
    if a.events:
        ev = io.read_events(a.events)
        ev_strain = ev["strain"]
        ev_stress = ev["stress_after"] * EVENT_STRESS_SCALE[a.event_stress_unit]
        ev_drop = ev["drop"] * EVENT_STRESS_SCALE[a.event_stress_unit]
        ev_step = ev["step"]
        ev_moved = ev.get("n_d2min_above")
        source = f"events of {a.events}"
    else:
        k, drops = analysis.stress_drops(strain, stress, a.drop)
        ev_strain, ev_stress, ev_drop, ev_step = strain[k], stress[k], drops, step[k]
        ev_moved = moved[k] if moved is not None else None
        source = f"stress drops > {a.drop} MPa"
    name = a.name or "aqs"
    write_csv(a.out, name, ["step", "strain", "shear_stress_MPa"], zip(step.astype(int), strain, stress))
    write_csv(a.out, name + "_events", ["step", "strain", "shear_stress_after_MPa", "drop_MPa"] +
              (["n_d2min_above"] if ev_moved is not None else []),
              [[int(ev_step[i]), ev_strain[i], ev_stress[i], ev_drop[i]] +
               ([int(ev_moved[i])] if ev_moved is not None else []) for i in range(len(ev_step))])
    panels = 2 if (ev_moved is not None and np.any(np.asarray(ev_moved) > 0)) or \
        (moved is not None and np.any(moved > 0)) else 1
    fig, axes = figure(panels, 1, sharex=True, figsize=(6, 3 + 2.5 * (panels - 1)), squeeze=False)
    ax = axes[0, 0]
    ax.plot(strain * 100, stress, "-", lw=1, label="AQS")
    ax.plot(np.asarray(ev_strain) * 100, ev_stress, "rv", ms=4, label=f"{len(ev_step)} events ({source})")
    ax.set_ylabel("shear stress (MPa)")
    ax.legend(fontsize=8)
    if panels == 2:
        ax2 = axes[1, 0]
        if moved is not None:
            pos = moved > 0
            ax2.semilogy(strain[pos] * 100, moved[pos], ".", ms=3, color="0.4",
                         label=f"every step ({int((~pos).sum())} steps with none not shown)")
        if ev_moved is not None:
            em = np.asarray(ev_moved)
            pos = em > 0
            ax2.semilogy(np.asarray(ev_strain)[pos] * 100, em[pos], "rv", ms=4, label="events")
        ax2.set_ylabel("atoms above the D2min threshold")
        ax2.legend(fontsize=7)
    axes[-1, 0].set_xlabel(f"shear strain (%, as signed in {os.path.basename(a.file)})")
    save_figure(fig, a.out, name)
    sign = 1.0 if strain[-1] >= strain[0] else -1.0
    peak = stress[np.argmax(sign * stress)]
    print(f"{len(strain)} AQS steps to strain {strain[-1]:.5g}; shear stress {stress[0]:.1f} -> "
          f"{stress[-1]:.1f} MPa, largest along the loading {peak:.1f} MPa")
    print(f"{len(ev_step)} events ({source}):")
    print("    step     strain  stress_after_MPa  drop_MPa" + ("  atoms_above" if ev_moved is not None else ""))
    for i in range(len(ev_step)):
        print(f"  {int(ev_step[i]):6d} {ev_strain[i]:10.5f} {ev_stress[i]:17.2f} {ev_drop[i]:9.2f}" +
              (f" {int(ev_moved[i]):12d}" if ev_moved is not None else ""))
    print(f"events {len(ev_step)}")


# -------------------------------------------------------------------------------- cores
def _plane_of(path):
    """The shear direction in an atoms or event file name of examples/frozen_atom
    (atoms-xy.txt -> -xy), else the file name."""
    stem = os.path.basename(path).split(".txt")[0]
    for prefix in ("atoms", "events"):
        if stem.startswith(prefix) and stem[len(prefix):]:
            return stem[len(prefix):].lstrip("_")
    return stem


def cmd_cores(a):
    if a.events and len(a.events) != len(a.atoms):
        raise SystemExit("mgg cores: give one --events file per atoms file, in the same order")
    rows, changes, in_core = [], [], []
    for k, path in enumerate(a.atoms):
        try:
            blocks = io.read_atoms_file(path)
            ev = io.read_events(a.events[k]) if a.events else None
        except (OSError, ValueError) as e:
            raise SystemExit(f"mgg cores: cannot read {e}")
        plane = _plane_of(path)
        for b in blocks:
            h = b.head
            if not b.swept:
                continue
            df, core = b["D_f"], b["core"]
            analysed = df >= 0
            lower, upper, n_here = analysis.core_gap(df[analysed], h["reference_D_f"], a.gap)
            lce = (b["broken"] + b["formed"]).astype(int)
            is_core = core == 1
            changes.append(lce)
            in_core.append(is_core)
            drop = np.nan
            if ev is not None:
                match = np.flatnonzero(ev["event"] == h["event"])
                if len(match):
                    drop = ev["drop"][match[0]] * EVENT_STRESS_SCALE[a.event_stress_unit]
            rows.append([plane, h["event"], int(h["step"]), h["strain"], drop, int(analysed.sum()),
                         h["reference_D_f"], int(h["n_core"]), n_here, int(is_core.sum()),
                         int(b["broken"].sum()) // 2, int(b["formed"].sum()) // 2,
                         int(np.sum(lce[is_core] > 0)), int(np.sum(lce > 0))])
    if not rows:
        raise SystemExit("mgg cores: no swept event in " + " ".join(a.atoms))
    name = a.name or "cores"
    header = ["plane", "event", "step", "strain", "drop_MPa", "analysed", "reference_D_f_A",
              "n_core", "n_core_here", "core_flags", "bonds_broken", "bonds_formed",
              "core_atoms_with_lce", "atoms_with_lce"]
    write_csv(a.out, name, header, rows)
    sizes = np.array([r[7] for r in rows])
    changes, in_core = np.concatenate(changes), np.concatenate(in_core)
    n_max = max(int(changes.max()), 1)
    hist_core = np.bincount(changes[in_core], minlength=n_max + 1)
    hist_other = np.bincount(changes[~in_core], minlength=n_max + 1)
    write_csv(a.out, name + "_bonds", ["bond_changes", "core_atoms", "other_atoms"],
              [[n, hist_core[n], hist_other[n]] for n in range(n_max + 1)])

    fig, axes = figure(2, 2, figsize=(10, 7.5))
    ax = axes[0, 0]
    edges = np.arange(-0.5, sizes.max() + 1.5, max(1, int(np.ceil((sizes.max() + 1) / 25))))
    ax.hist(sizes, bins=edges, color="C0", edgecolor="k", lw=0.5)
    ax.axvline(sizes.mean(), color="r", ls="--", label=f"mean {sizes.mean():.1f} atoms")
    ax.set_xlim(-0.5, max(10, sizes.max()) + 0.5)
    ax.set_xlabel("STZ core size (atoms with D_f below the gap)")
    ax.set_ylabel("events")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"a: {len(sizes)} swept events, {len(set(r[0] for r in rows))} shear directions "
                 "(seed 002 Fig. 3b)", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    planes = sorted(set(r[0] for r in rows))
    x = np.array([abs(r[3]) * 100 for r in rows])
    y = np.array([r[4] for r in rows]) if a.events else np.array([r[6] for r in rows])
    for j, p in enumerate(planes):
        m = np.array([r[0] == p for r in rows])
        ax.scatter(x[m], y[m], s=20 + 8 * sizes[m], color=f"C{j}", alpha=0.6, edgecolor="k", lw=0.5,
                   label=p)
    ax.set_xlabel("|shear strain| at the event (%)")
    ax.set_ylabel("stress drop from the step before (MPa)" if a.events else "D_f with nothing frozen (A)")
    ax.set_title("b: circle area grows with the core size (seed 002 Fig. 3c)", fontsize=9)
    ax.legend(fontsize=8, title="direction", title_fontsize=8)
    ax = axes[1, 0]
    n = np.arange(n_max + 1)
    for counts, label, off, c in ((hist_core, f"STZ core ({int(in_core.sum())} atom-events)", -0.2, "r"),
                                  (hist_other, f"the rest ({int((~in_core).sum())} atom-events)", 0.2, "0.5")):
        ax.bar(n + off, np.where(counts > 0, counts, np.nan), width=0.4, color=c, label=label)
    ax.set_xticks(n)
    ax.set_yscale("log")
    ax.set_ylim(0.5, None)
    ax.set_xlabel("bonds broken + formed per atom in the event")
    ax.set_ylabel("atoms (zero counts not drawn)")
    ax.set_title("c: local configurational excitations (seed 002 Fig. 4a)", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    idx = np.arange(len(rows))
    ax.bar(idx - 0.2, [r[10] for r in rows], width=0.4, color="C3", label="bonds broken")
    ax.bar(idx + 0.2, [r[11] for r in rows], width=0.4, color="C2", label="bonds formed")
    ax.set_xticks(idx)
    ax.set_xticklabels([f"{r[0]} {r[1]}" for r in rows], rotation=90, fontsize=7)
    ax.set_xlabel("event (shear direction, number)")
    ax.set_ylabel("bonds per event")
    ax.set_title("d: bonds broken and formed by each event", fontsize=9)
    ax.legend(fontsize=8)
    save_figure(fig, a.out, name)

    print(" plane  event  step    strain  drop_MPa  analysed  ref_D_f_A  n_core (here)  broken  formed")
    for r in rows:
        print(f"{r[0]:>6s} {r[1]:6d} {r[2]:5d} {r[3]:9.5f} {r[4]:9.2f} {r[5]:9d} {r[6]:10.4f} "
              f"{r[7]:7d} ({r[8]})  {r[10]:6d} {r[11]:7d}")
    for p in planes:
        print(f"{p}: {sum(r[0] == p for r in rows)} swept events")
    lce = changes > 0
    print(f"bonds per event: broken {np.mean([r[10] for r in rows]):.1f}, formed "
          f"{np.mean([r[11] for r in rows]):.1f} (mean of {len(rows)} events)")
    if in_core.any():
        print(f"core atoms with bond changes: {int(np.sum(lce & in_core))} of {int(in_core.sum())} "
              f"({100 * np.mean(lce[in_core]):.0f}%)")
    if lce.any():
        print(f"atoms with bond changes in the core: {int(np.sum(lce & in_core))} of {int(lce.sum())} "
              f"({100 * np.mean(in_core[lce]):.0f}%)")
    three = changes >= 3
    if three.any():
        print(f"atoms with 3 or more bond changes in the core: {int(np.sum(three & in_core))} of "
              f"{int(three.sum())}")
    print(f"events without a core: {int(np.sum(sizes == 0))} of {len(sizes)}")
    print(f"core_mean {sizes.mean():.4g}")


# ------------------------------------------------------------------------------- report
def cmd_report(a):
    if not os.path.isdir(a.dir):
        raise SystemExit(f"mgg report: no directory {a.dir}")
    path, n_img = report.write_report(a.dir)
    rows = report.headline_rows(a.dir)
    print(f"report: {len(rows)} headline numbers, {n_img} figures")
    for study, quantity, mine, paper in rows:
        print(f"  {study}: {quantity}: {mine} (paper: {paper})")
    print(f"page {path}")


# ---------------------------------------------------------------------------- amorphous
def cmd_amorphous(a):
    try:
        data = io.read_data(a.data)
    except (OSError, ValueError, KeyError) as e:
        raise SystemExit(f"mgg amorphous: {a.data}: {e}")
    if data.box.triclinic:
        raise SystemExit(f"mgg amorphous: {a.data}: a triclinic box (voro++ needs an orthogonal one)")
    length = np.diag(data.h)
    volume = float(np.prod(length))
    mass = sum(data.masses.get(int(t), 0.0) for t in data.types)
    counts = {int(t): int(np.sum(data.types == t)) for t in np.unique(data.types)}
    print(f"{a.data}: {data.natoms} atoms, " +
          ", ".join(f"type {t} {n} ({n / data.natoms:.4f})" for t, n in sorted(counts.items())))
    with tempfile.TemporaryDirectory() as wd:
        problems, numbers = glass.amorphous_problems(length, data.lo, data.x, wd, data.types)
    print(f"natoms {data.natoms}")
    print(f"nzr {counts.get(2, 0)}")
    print(f"density {mass / volume * 1.66053906660:.4f} g/cm^3")
    print(f"cu_full_icosahedra {numbers['cu_full_icosahedra']:.4f}")
    print(f"zr_z16 {numbers['zr_z16']:.4f}")
    for p in problems:
        print(f"not a glass: {p}")
    print(f"amorphous {'no' if problems else 'yes'}")
    if problems:
        raise SystemExit(1)


# ------------------------------------------------------------------------------ parser
def build_parser():
    top = argparse.ArgumentParser(prog="mgg", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", metavar="SUBCOMMAND")
    sub.required = True
    D = argparse.ArgumentDefaultsHelpFormatter

    p = sub.add_parser("binned", formatter_class=D, help="bin means of Y over atoms sorted by X, Pearson r (seed 003 Fig. 4)",
                       description="Sorts the atoms (optionally of some types) by dump column X, cuts them "
                       "into bins of --bin consecutive atoms (a short last bin is left out), averages X "
                       "and Y in each bin and prints the Pearson r of the bin means: 'r_P <value>'.")
    p.add_argument("dump")
    p.add_argument("x", help="dump column to sort by")
    p.add_argument("y", help="dump column averaged per bin")
    p.add_argument("--bin", type=int, default=200, help="atoms per bin")
    p.add_argument("--nbins", type=int, help="this many bins instead, of as many atoms as fit (for "
                   "a few atoms, e.g. the centres with an E_act)")
    p.add_argument("--type", type=int, action="append", help="only atoms of this type (repeatable)")
    p.add_argument("--ydump", help="take Y from this dump instead (atoms matched by id)")
    p.add_argument("--yframe", type=int, default=0, help="snapshot of --ydump")
    p.add_argument("--ymin", type=float, help="only atoms whose Y is at least this (0: leave out "
                   "fix artn's -1, the atoms without a validated saddle)")
    p.add_argument("--xlabel", help="axis label of X, with units")
    p.add_argument("--ylabel", help="axis label of Y, with units")
    _common(p)
    p.set_defaults(func=cmd_binned)

    p = sub.add_parser("deciles", formatter_class=D, help="motif make-up of 10%% bins of a column (seed 000 Fig. 2)",
                       description="Per atom type: the atoms ranked by COLUMN in 10% bins plus the lowest and "
                       "highest 1%, and the fraction of each motif class in each and in the whole glass. "
                       "MOTIF is either the prefix of compute voronoi_index (e.g. c_vi: its columns 2-7, CN "
                       "and n3..n7, give three classes per type: the favoured index, its cousins (the most "
                       "frequent other indices until --cumulative of the type's atoms) and GUMs (the rarer "
                       "rest), or those of --classes FILE) or its motif-code column (e.g. c_vi[8]: 0 full "
                       "icosahedron, 1-3 Z14-Z16, 4 GUM, 5 other). Last line: 'gum_top1 <fraction of GUMs "
                       "among the highest 1% of all chosen types>'.")
    p.add_argument("dump")
    p.add_argument("column", help="dump column to rank by (e.g. c_soft[1], P_i)")
    p.add_argument("motif", help="compute voronoi_index prefix (e.g. c_vi, reads c_vi[2]..c_vi[7]) or its "
                   "motif-code column (e.g. c_vi[8])")
    p.add_argument("--motif-dump", help="take the motif columns from this dump (matched by id)")
    p.add_argument("--classes", help="file of indices per class and type ('TYPE favoured|cousin|GUM INDEX ...', "
                   "'TYPE rest CLASS'; doc/tools.md), replacing the frequency rule for its types")
    p.add_argument("--cumulative", type=float, default=analysis.CUMULATIVE,
                   help="fraction of a type's atoms that the favoured index and its cousins hold at least")
    p.add_argument("--favoured", action="append", metavar="TYPE:INDEX",
                   help="favoured index of a type, e.g. 2:<0,0,12,4> (repeatable; defaults 1:<0,0,12,0> "
                   "2:<0,0,12,4>; a type without one: its most frequent index)")
    p.add_argument("--type", type=int, action="append", help="only this type (repeatable; default every type)")
    p.add_argument("--label", help="axis label of COLUMN")
    _common(p)
    p.set_defaults(func=cmd_deciles)

    p = sub.add_parser("correlation", formatter_class=D, help="spatial autocorrelation C(r) and its length xi (seed 001 Fig. 4C, seed 003 Eq. 6)",
                       description="C(r) = <dP_i dP_j>_pairs at distance r / <dP^2>, dP = P - mean, over all "
                       "pairs under periodic boundaries (orthogonal or triclinic cell), in bins of --bin; "
                       "xi from a least-squares fit of ln C = ln A - r/xi from --fit-from to the last bin "
                       "before C falls below --fit-until. Last line: 'xi <value> A' (first column).")
    p.add_argument("dump")
    p.add_argument("columns", nargs="*", metavar="COLUMN",
                   help="per-atom dump column(s); default every column but id, type, positions, images")
    p.add_argument("--rmax", type=float, help="largest r (A); default min(15, half the narrowest cell width)")
    p.add_argument("--bin", type=float, default=0.5, help="bin width (A)")
    p.add_argument("--type", type=int, action="append", help="only atoms of this type (repeatable)")
    p.add_argument("--per-type", action="store_true", help="deviations from each type's own mean")
    p.add_argument("--fit-from", type=float, default=2.0, help="first r of the fit (A)")
    p.add_argument("--fit-until", type=float, default=0.02, help="the fit stops before the first bin with C below this")
    p.add_argument("--fit-to", type=float, help="last r of the fit (A), if earlier")
    p.add_argument("--table", action="store_true", help="also print C(r)")
    _common(p)
    p.set_defaults(func=cmd_correlation)

    p = sub.add_parser("clusters", formatter_class=D, help="cluster-size distribution with a log-normal fit (seed 001 Fig. 3)",
                       description="Sizes of the clusters of atoms above a threshold: from the event file "
                       "(cluster_sizes) or atoms file (cluster column) of fix frozen_atom_aqs, or from a dump "
                       "(atoms with --column above --threshold, linked closer than --cutoff, periodic; every "
                       "snapshot unless --frame). Maximum-likelihood log-normal fit; the fraction of atoms "
                       "involved (no fit below two clusters: mu and sigma nan). Last line: 'mu <mu> sigma <sigma>' of ln(size).")
    p.add_argument("file")
    p.add_argument("--column", help="dump column (e.g. c_d2[1])")
    p.add_argument("--threshold", type=float, help="atoms with the column above this are flagged")
    p.add_argument("--cutoff", type=float, default=3.8, help="link distance (A)")
    p.add_argument("--frame", type=int, help="only this snapshot of the dump (default: all)")
    p.add_argument("--min-size", type=int, default=1, help="smallest cluster counted")
    p.add_argument("--natoms", type=int, help="atoms in the glass (for the fraction from an event file)")
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: clusters)")
    p.set_defaults(func=cmd_clusters)

    p = sub.add_parser("st_atoms", formatter_class=D, help="fraction of shear-transformed atoms in both D2min readings, their lambda and E_act (seed 001 Figs. 4B, 5A, 5B)",
                       description="From the atoms file of fix frozen_atom_aqs (with its neighbours column N_i): "
                       "the atoms whose D2min over at least one event exceeds --threshold (seed 001's ST atoms), "
                       "with D2min the mean over the neighbours and with it their sum (Falk and Langer's; --norm "
                       "says which one the file holds, the fix's norm keyword). With --vibration, a dump of each "
                       "atom's vibrational MSD: the histogram of lambda = sqrt(MSD) of the ST atoms (--reading) "
                       "and the rest. With --activation, a dump of each atom's E_act (fix artn's per-atom mean, -1 "
                       "without a saddle): the same for the atoms with E_act >= 0 (seed 001 Fig. 5B) and the "
                       "Mann-Whitney p of the difference. Lines 'ST fraction on the mean|sum <f>', 'reading "
                       "mean|sum: mean E_act of the <n> ST atoms <eV> eV, ...' and last 'reading mean|sum: mean "
                       "lambda of the ST atoms <A> A, of the rest <A> A'.")
    p.add_argument("atoms")
    p.add_argument("--norm", choices=("mean", "sum"), default="mean",
                   help="what the file's d2min column holds (the fix's norm)")
    p.add_argument("--threshold", type=float, default=0.18, help="D2min of an ST atom (A^2)")
    p.add_argument("--vibration", help="dump with each atom's vibrational MSD (its last snapshot)")
    p.add_argument("--column", default="f_msd", help="MSD column of --vibration (A^2)")
    p.add_argument("--activation", help="dump with each atom's E_act (its last snapshot; fix artn's "
                   "per-atom array, examples/artn/in.artn's artn_atoms.dump)")
    p.add_argument("--activation-column", default="f_a[4]", help="E_act column of --activation (eV)")
    p.add_argument("--reading", choices=("mean", "sum"), default="sum",
                   help="the reading whose ST atoms the histograms show")
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: st_atoms)")
    p.set_defaults(func=cmd_st_atoms)

    p = sub.add_parser("slab", formatter_class=D, help="contour map of a column over a slab, selected atoms marked (seed 000 Fig. 4)",
                       description="Atoms within --thickness/2 of the plane at fractional --center along "
                       "--axis; the column averaged with a Gaussian of width --sigma (periodic) on a grid "
                       "and drawn as a contour map, atoms with --mark above --above (or in its --top "
                       "fraction) circled. Last line: 'marked_percentile <mean percentile of the smoothed "
                       "column at the marked atoms among the slab's atoms>'.")
    p.add_argument("dump")
    p.add_argument("column")
    p.add_argument("--axis", choices="xyz", default="z", help="slab normal (cell vector a, b or c)")
    p.add_argument("--center", type=float, default=0.5, help="fractional position of the slab")
    p.add_argument("--thickness", type=float, default=4.0, help="slab thickness (A)")
    p.add_argument("--sigma", type=float, default=1.5, help="Gaussian smoothing width (A)")
    p.add_argument("--grid", type=float, default=0.4, help="grid spacing (A)")
    p.add_argument("--mark", help="dump column selecting atoms to mark")
    p.add_argument("--above", type=float, help="mark atoms with --mark above this")
    p.add_argument("--top", type=float, default=0.05, help="else mark this fraction with the largest --mark")
    p.add_argument("--mark-dump", help="take --mark from this dump (matched by id)")
    p.add_argument("--mark-frame", type=int, default=0, help="snapshot of --mark-dump")
    p.add_argument("--label", help="colour bar label of COLUMN")
    _common(p)
    p.set_defaults(func=cmd_slab)

    p = sub.add_parser("histogram", formatter_class=D, help="log-axis histograms with gaps: D_f of fix frozen_atom_aqs (seed 002 Fig. 3), spectra per type (seed 003 Fig. 1)",
                       description="With the atoms file of fix frozen_atom_aqs: per swept event the "
                       "histogram of log D_f with the STZ core (the gap rule of the fix, recomputed and "
                       "compared) and the reference D_f; last line 'n_core <n>' of the last swept event. "
                       "With the event file of fix artn: the E_act spectra of the distinct validated "
                       "saddles (status saddle, duplicate_of -1) of all centres and per centre type on a "
                       "linear axis (seed 003 Fig. 1c-e), the statuses and per type the mean, median, "
                       "smallest and largest E_act; NAME_saddles.csv lists the saddles; last line "
                       "'distinct_saddles <n>'. "
                       "With a dump and COLUMN: histograms per type on a log axis (values <= 0 left out "
                       "and counted) with the widest gap; last line 'median <value>'.")
    p.add_argument("file", help="atoms file of fix frozen_atom_aqs, event file of fix artn, or a dump")
    p.add_argument("column", nargs="?", help="dump column (with a dump)")
    p.add_argument("--event", type=int, help="only this event of the atoms file")
    p.add_argument("--gap", type=float, default=0.5, help="narrowest gap (decades)")
    p.add_argument("--per-decade", type=int, default=10, help="log bins per decade")
    p.add_argument("--linear", action="store_true", help="linear axis (dump mode)")
    p.add_argument("--bins", type=int, default=40, help="bins of the linear axis")
    p.add_argument("--type", type=int, action="append", help="only this type (dump mode)")
    p.add_argument("--label", help="axis label of COLUMN, with units")
    p.add_argument("--width", type=float, default=0.25, help="bin width (eV, fix artn event file)")
    p.add_argument("--emax", type=float, default=5.0,
                   help="the E_act axis reaches at least this (eV; seed 003's spectra: 0 to 5)")
    p.add_argument("--names", help="element names of types 1, 2, ... for the labels, e.g. Cu,Zr "
                   "(fix artn event file)")
    _common(p)
    p.set_defaults(func=cmd_histogram)

    p = sub.add_parser("cores", formatter_class=D, help="STZ core sizes and bonds broken/formed over the events of several runs (seed 002 Fig. 3, 4)",
                       description="Reads atoms files of fix frozen_atom_aqs (e.g. one per shear direction, "
                       "examples/frozen_atom/run.sh) and, optionally, their event files (--events, in the "
                       "same order) and takes every swept event: STZ core size (the fix's n_core; the "
                       "gap rule recomputed here alongside), stress drop, bonds broken and formed (each "
                       "bond counts once; per atom broken + formed, for core atoms and the rest, where "
                       "the rest includes the atoms outside the sweep's radius). Figures: core sizes, "
                       "stress drop against strain with the core size, per-atom bond changes on a log "
                       "axis, bonds per event. Shear direction from the file name (atoms-xy.txt: -xy). "
                       "Last line: 'core_mean <atoms>' over the swept events.")
    p.add_argument("atoms", nargs="+", help="atoms files of fix frozen_atom_aqs")
    p.add_argument("--events", nargs="+", help="their event files, in the same order")
    p.add_argument("--event-stress-unit", choices=sorted(EVENT_STRESS_SCALE), default="bar",
                   help="units of the event files' stresses (pressure units of the run)")
    p.add_argument("--gap", type=float, default=0.5, help="narrowest gap (decades) of the recomputed core")
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: cores)")
    p.set_defaults(func=cmd_cores)

    p = sub.add_parser("vdos", formatter_class=D, help="vibrational density of states against hbar omega (seed 000)",
                       description="The V-DOS of compute participation (vdos W E: its global array, bin "
                       "centre in meV and D in 1/meV, written by fix ave/time c_ID[*] ... mode vector) or, "
                       "with --modes, a histogram of the mode energies (column 1, meV: c_ID) of such a "
                       "file. Last line: 'peak <E> meV'.")
    p.add_argument("file")
    p.add_argument("--width", type=float, help="bin width (meV): of the --modes histogram, or of a file "
                   "with the density alone (no energy column)")
    p.add_argument("--modes", action="store_true", help="FILE holds hbar omega per mode (c_ID[1])")
    p.add_argument("--emax", type=float, help="largest energy of the --modes histogram (meV)")
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: vdos)")
    p.set_defaults(func=cmd_vdos)

    p = sub.add_parser("aqs", formatter_class=D, help="stress-strain curve of an AQS run with its events marked",
                       description="Reads examples/aqs_dmin2's aqs_summary.txt (named columns) or the "
                       "thermo of a LAMMPS log (--strain, --stress columns, e.g. of fix frozen_atom_aqs); "
                       "events from the fix's event file (--events) or stress drops above --drop MPa. Strain "
                       "as signed in the input, in %; atoms above the D2min threshold on a log axis "
                       "(zeros left out). Last line: 'events <n>'.")
    p.add_argument("file")
    p.add_argument("--events", help="event file of fix frozen_atom_aqs")
    p.add_argument("--drop", type=float, default=1.0, help="stress drop that counts as an event (MPa)")
    p.add_argument("--strain", default="f_aqs[1]", help="strain column of a log's thermo")
    p.add_argument("--stress", default="f_aqs[2]", help="shear-stress column of a log's thermo")
    p.add_argument("--stress-unit", choices=sorted(EVENT_STRESS_SCALE),
                   help="units of the stress column (default: bar in a log, MPa in a summary)")
    p.add_argument("--event-stress-unit", choices=sorted(EVENT_STRESS_SCALE), default="bar",
                   help="units of the event file's stresses (pressure units of the run)")
    p.add_argument("--out", default=".", help="output directory")
    p.add_argument("--name", help="file name stem of the outputs (default: aqs)")
    p.set_defaults(func=cmd_aqs)

    p = sub.add_parser("amorphous", formatter_class=D, help="is a data file a glass? Voronoi and coordination spread, motif fractions",
                       description="Reads a LAMMPS data file (atom_style atomic, orthogonal box; type 1 Cu, "
                       "type 2 Zr) and checks that it is a glass, not a (distorted) crystal: at least "
                       f"{glass.MIN_DISTINCT} distinct Voronoi indices <n3,n4,n5,n6> (voro++), none on more "
                       f"than {100 * glass.MAX_TOP_FRACTION:.0f}% of the atoms, and coordination numbers within "
                       f"{glass.CN_CUTOFF} A with a standard deviation of at least {glass.MIN_CN_STD} and no "
                       f"value on more than {100 * glass.MAX_CN_MODE:.0f}% of the atoms. Prints the composition, "
                       "the density and the fractions of Cu-centred full icosahedra <0,0,12,0> and Zr-centred "
                       "Z16 <0,0,12,4> of the raw Voronoi cells. Last line: 'amorphous yes|no' (exit status 1 "
                       "with no).")
    p.add_argument("data")
    p.set_defaults(func=cmd_amorphous)

    p = sub.add_parser("report", formatter_class=D, help="the demo's report page: figures, headline numbers next to the papers', logs",
                       description="Writes DIR/index.html (static, no external resources) from the study "
                       "subdirectories tools/demo.sh writes (soft_spots, stz_statistics, frozen_atom, "
                       "descriptors): the headline numbers of each next to the papers' values, the figures "
                       "(PNG) and links to the LAMMPS logs. Last line: 'page <path>'.")
    p.add_argument("dir", help="the demo's output directory")
    p.set_defaults(func=cmd_report)
    return top


def main(argv=None):
    args = build_parser().parse_args(argv)
    args.func(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
