"""The demo's report page (tools/mgg report DIR): one static index.html in DIR with the figures of
the four studies, their headline numbers next to the papers' values, the stage times and links to
the LAMMPS logs. DIR holds one subdirectory per study, as tools/demo.sh writes them; a study that
did not run is marked so, and a figure it should have made is still referenced (a broken image on
the page, which the browser test of the demo catches)."""
import csv
import html
import math
import os
import re

import numpy as np

from .analysis import pearson

# seed 003 Fig. 4 without E_act: (Y, what, X) of the binned plots of examples/descriptors
BINNED = (("MSD", "vibrational MSD", "P_i"), ("MSD", "vibrational MSD", "S2"),
          ("v_flex", "flexibility volume", "S2"), ("v_flex", "flexibility volume", "P_i"))
# the figures each study's run writes (PNG, by tools/mgg), in page order, with a caption
FIGURES = {
    "soft_spots": [
        ("vdos", "V-DOS of the inherent structure (seed 000 Fig. 1)"),
        ("deciles", "motif make-up of P_i bins, per species (seed 000 Fig. 2)"),
        ("slab", "P_i over a 4 A slab, the atoms of largest D2min circled (seed 000 Fig. 4)"),
        ("aqs", "AQS stress-strain curve with the stress drops"),
    ],
    "stz_statistics": [
        ("aqs", "AQS stress-strain curve with the events"),
        ("stz_sizes", "STZ sizes with a log-normal fit (seed 001 Fig. 3C)"),
        ("d2min_correlation", "C(r) of D2min and its length xi (seed 001 Fig. 4C)"),
        ("st_atoms", "vibrational displacement lambda of the ST atoms and the rest (seed 001 Fig. 5A)"),
    ],
    "frozen_atom": [
        ("aqs", "AQS stress-strain curve to the first events"),
        ("frozen_atom_Df", "D_f of the swept atoms, the STZ core below the gap (seed 002 Fig. 1c)"),
        ("cores", "STZ core sizes, stress drops, bonds broken and formed over all shear directions "
                  "(seed 002 Fig. 3, 4a)"),
    ],
    "descriptors": [
        *[(f"{y}_{x}_type{t}", f"{el}: {what} against {x}, bins of 100 atoms (seed 003 Fig. 4)")
          for t, el in ((1, "Cu"), (2, "Zr")) for y, what, x in BINNED],
        ("correlation_is", "C(r) of P_i and S2 (seed 003 Fig. 7)"),
        ("correlation_md", "C(r) of the vibrational MSD and the flexibility volume (seed 003 Fig. 7)"),
    ],
}
# figures a study writes only when its E_act stage found enough saddles (not in the quick runs)
E_ACT_X = (("P_i", "P_i"), ("S2", "S2"), ("MSD", "vibrational MSD"), ("v_flex", "flexibility volume"))
IF_MADE = {
    "stz_statistics": [("st_atoms_E_act", "E_act of the ST atoms and the rest (seed 001 Fig. 5B)")],
    "descriptors": [(f"E_act_{x}_type{t}", f"{el}: E_act against {what}, 4 bins (seed 003 Fig. 4)")
                    for t, el in ((1, "Cu"), (2, "Zr")) for x, what in E_ACT_X],
}
TITLES = {
    "soft_spots": "Soft spots: seed 000 (Ding et al., PNAS 2014), Cu64Zr36",
    "stz_statistics": "STZ statistics: seed 001 (Zhang, Ding and Ma, PNAS 2022), Cu50Zr50",
    "frozen_atom": "Frozen atom analysis: seed 002 (Shiihara et al. 2025), Cu50Zr50",
    "descriptors": "Structural descriptors: seed 003 (Wei et al., PRB 2019), Cu50Zr50",
}
WHY = ("Teaching-scale numbers may differ from the papers': these glasses hold 2,000 atoms (the "
       "papers 2,000 to 1,000,000) and were quenched at 1e13 K/s, then (all but the frozen-atom "
       "study's) relaxed by 48 ps of MD/MC (the papers 1e9 to 1e10 K/s, or ns of MD/MC swaps), so "
       "they have far fewer favoured polyhedra and more, larger shear transformations; the compact "
       "runs also shear less far, in coarser strain steps, average the vibrations over less time, "
       "and find saddles from a hundred centres, not from every atom. The trends are the check; the "
       "values are what a better-relaxed and larger glass would move towards the papers'.")


def _csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _fmt(v, digits=3):
    return "-" if v is None or (isinstance(v, float) and not np.isfinite(v)) else f"{v:.{digits}g}"


def _pct(v):
    return "-" if v is None else f"{100 * v:.0f}%"


def _guard(fn, path):
    """fn(path) or None when the file is missing or unreadable (a study cut short)."""
    try:
        return fn(path)
    except (OSError, ValueError, KeyError, IndexError):
        return None


def vdos_peak(path):
    rows = _csv(path)
    d = np.array([float(r["D_per_meV"]) for r in rows])
    k = int(np.argmax(d))
    return 0.5 * (float(rows[k]["E_low_meV"]) + float(rows[k]["E_high_meV"]))


def decile_makeup(path, t, group):
    """(favoured, GUM) fractions of type t's atoms in one P_i group of the deciles table."""
    for r in _csv(path):
        if int(r["type"]) == t and r["group"] == group:
            return float(r["favoured"]), float(r["GUM"])
    raise KeyError(group)


def cluster_sizes(path):
    return np.array([int(r["size"]) for r in _csv(path)])


def fit_xi(path):
    """{column: xi} of a correlation fit table (tools/mgg correlation)."""
    return {r["column"]: float(r["xi_A"]) for r in _csv(path)}


def binned_r(path):
    """Pearson r of the bin means of a tools/mgg binned table."""
    rows = _csv(path)
    kx, ky = [k for k in rows[0] if k.startswith("mean ")]
    x = np.array([float(r[kx]) for r in rows])
    y = np.array([float(r[ky]) for r in rows])
    return pearson(x, y)


def summary_value(path, pattern):
    """The number after `pattern` in a study's summary.txt."""
    with open(path) as f:
        m = re.search(pattern + r"\s+(-?[0-9.]+(?:e[-+]?[0-9]+)?)", f.read())
    if not m:
        raise ValueError(pattern)
    return float(m.group(1))


def st_e_act(path):
    """(ST atoms, their mean E_act, other atoms, their mean E_act, Mann-Whitney p) of the sum
    reading in stz_statistics' summary.txt (tools/mgg st_atoms --activation); the means and p
    are NAN when a side has no atom with a saddle (the line "no comparison")."""
    with open(path) as f:
        text = f.read()
    m = re.search(r"reading sum: mean E_act of the (\d+) ST atoms (\S+) eV, of the (\d+) others "
                  r"(\S+) eV \(Mann-Whitney two-sided p (\S+)\)", text)
    if m:
        return int(m.group(1)), float(m.group(2)), int(m.group(3)), float(m.group(4)), float(m.group(5))
    m = re.search(r"reading sum: E_act of (\d+) ST atoms and (\d+) others: no comparison", text)
    if not m:
        raise ValueError("no E_act line")
    return int(m.group(1)), math.nan, int(m.group(2)), math.nan, math.nan


def core_events(path):
    return [r for r in _csv(path) if int(r["analysed"]) > 0]


def headline_rows(out):
    """[(study, quantity, this run, papers')] of the studies found in out."""
    rows = []
    s = os.path.join(out, "soft_spots")
    if os.path.isdir(s):
        peak = _guard(vdos_peak, os.path.join(s, "vdos.csv"))
        rows.append(("soft_spots", "V-DOS main peak (meV)", _fmt(peak, 4), "~14 (every quench rate, 000 Fig. S1)"))
        whole = [_guard(lambda p: decile_makeup(p, t, "all"), os.path.join(s, "deciles.csv")) for t in (1, 2)]
        rows.append(("soft_spots", "whole glass: Cu in full icosahedra / Zr in Z16",
                     " / ".join("-" if w is None else _pct(w[0]) for w in whole), "~40% / ~17% (1e9 K/s)"))
        paper = {(1, "bottom 1%"): "~98% / 0%", (1, "top 1%"): "1.1% / 63%",
                 (2, "bottom 1%"): "~75% / ~5%", (2, "top 1%"): "1.6% / 76%"}
        for (t, group), ref in paper.items():
            fg = _guard(lambda p: decile_makeup(p, t, group), os.path.join(s, "deciles.csv"))
            favoured = "full icosahedra" if t == 1 else "Z16"
            name = "Cu" if t == 1 else "Zr"
            rows.append(("soft_spots", f"{name}, {group.replace('bottom', 'lowest').replace('top', 'highest')} "
                         f"of P_i: {favoured} / GUMs",
                         "-" if fg is None else f"{_pct(fg[0])} / {_pct(fg[1])}", ref))
    s = os.path.join(out, "stz_statistics")
    if os.path.isdir(s):
        sizes = _guard(cluster_sizes, os.path.join(s, "stz_sizes.csv"))
        rows.append(("stz_statistics", "STZs (D2min over an event > 0.18 A^2): number, mean / median size (atoms)",
                     "-" if sizes is None else f"{len(sizes)}, {sizes.mean():.1f} / {np.median(sizes):.0f}",
                     "mean ~40 (MD, hyper-quenched) to ~10 (MD/MC, slow); log-normal"))
        frac = [_guard(lambda p: summary_value(p, f"ST fraction on the {k}"), os.path.join(s, "summary.txt"))
                for k in ("mean", "sum")]
        rows.append(("stz_statistics", "fraction of ST atoms (D2min > 0.18 A^2 in at least one event), "
                     "D2min the mean / the sum over the neighbours",
                     " / ".join("-" if f is None else f"{100 * f:.2g}%" for f in frac),
                     "~35% (hyper-quenched) to ~2% (slow), at 8% strain; D2min as Falk and Langer's (the sum)"))
        lam = [_guard(lambda p: summary_value(p, "reading sum: mean lambda of the ST atoms" + k), os.path.join(s, "summary.txt"))
               for k in ("", r" \S+ A, of the rest")]
        rows.append(("stz_statistics", "mean lambda (A): ST atoms (on the sum) / the rest",
                     " / ".join(_fmt(v, 3) for v in lam),
                     "ST atoms' distribution peaks at larger lambda, strong overlap (Fig. 5A, slow glass)"))
        e_act = _guard(st_e_act, os.path.join(s, "summary.txt"))
        rows.append(("stz_statistics", "mean E_act (eV) of the centres with a saddle: ST atoms (on the sum) / "
                     "the rest (atoms; Mann-Whitney p)",
                     "not run" if e_act is None else
                     f"no comparison ({e_act[0]} / {e_act[2]} atoms)" if math.isnan(e_act[4]) else
                     f"{_fmt(e_act[1])} / {_fmt(e_act[3])} ({e_act[0]} / {e_act[2]}; p {_fmt(e_act[4], 2)})",
                     "lower on average for the ST atoms, strong overlap (Fig. 5B, slow glass)"))
        xi = _guard(fit_xi, os.path.join(s, "d2min_correlation_fit.csv"))
        rows.append(("stz_statistics", "C(r) length xi of D2min (A)",
                     "-" if xi is None else _fmt(xi.get("c_d2[1]"), 3), "3.0 (fast quench) to 1.8 (slow)"))
    s = os.path.join(out, "frozen_atom")
    if os.path.isdir(s):
        ev = _guard(core_events, os.path.join(s, "frozen_atom_Df_events.csv"))
        rows.append(("frozen_atom", "STZ core (D_f below the gap): atoms of the atoms swept, per event",
                     "-" if not ev else "; ".join(f"event {r['event']}: {r['n_core']} of {r['analysed']}"
                                                  for r in ev),
                     "~40 atoms on average (< 100), D_f <= 0.5 A"))
        cores = _guard(_csv, os.path.join(s, "cores.csv"))
        if cores:
            sizes = np.array([int(r["n_core"]) for r in cores])
            planes = sorted(set(r["plane"] for r in cores))
            rows.append(("frozen_atom", "STZ core size over the swept events: events (directions), "
                         "mean / largest (atoms)",
                         f"{len(sizes)} ({', '.join(planes)}), {sizes.mean():.1f} / {sizes.max()}",
                         "36 events (6 in each of +-xy, +-yz, +-zx), mean ~40, all < 100"))
            lce = [int(r["atoms_with_lce"]) for r in cores]
            in_core = [int(r["core_atoms_with_lce"]) for r in cores]
            rows.append(("frozen_atom", "bonds broken / formed per event; atoms with bond changes in the core",
                         f"{np.mean([int(r['bonds_broken']) for r in cores]):.1f} / "
                         f"{np.mean([int(r['bonds_formed']) for r in cores]):.1f}; "
                         + (f"{sum(in_core)} of {sum(lce)}" if sum(lce) else "none"),
                         "55% of the atoms with bond changes in the core; 34% of core atoms change bonds"))
        rows.append(("frozen_atom", "D_f with nothing frozen / upper end of the gap (A)",
                     "-" if not ev else "; ".join(f"{float(r['reference_D_f_A']):.3g} / "
                                                  + (f"{float(r['gap_upper_A']):.3g}" if float(r["gap_upper_A"]) > 0 else "no gap")
                                                  for r in ev), "core D_f <= 0.5 A, the rest near the unfrozen value"))
    s = os.path.join(out, "descriptors")
    if os.path.isdir(s):
        for y, what, x in BINNED:
            r = [_guard(binned_r, os.path.join(s, f"{y}_{x}_type{t}.csv")) for t in (1, 2)]
            rows.append(("descriptors", f"r_P, {what} against {x} (bins of 100 atoms): Cu / Zr",
                         f"{_fmt(r[0])} / {_fmt(r[1])}",
                         "E_act against each descriptor: |r_P| > 0.95 for most (003 Fig. 5); E_act below"))
        summary = os.path.join(s, "summary.txt")
        e_act_rows = []
        for x, what in E_ACT_X:
            r = [_guard(binned_r, os.path.join(s, f"E_act_{x}_type{t}.csv")) for t in (1, 2)]
            rho = [_guard(lambda p: summary_value(p, f"type {t}: mean E_act in 4 bins sorted by {x}\n"
                                                     r"per atom: Spearman rho"), summary) for t in (1, 2)]
            if any(v is not None for v in r + rho):
                e_act_rows.append(("descriptors", f"E_act against {what}: r_P of 4 bins "
                                   "(Spearman rho of the atoms): Cu / Zr",
                                   " / ".join(f"{_fmt(a)} ({_fmt(b, 2)})" for a, b in zip(r, rho)),
                                   "|r_P| > 0.95 for most descriptors (003 Fig. 5; ~50 bins of ~200 atoms "
                                   "per species)"))
        rows.extend(e_act_rows or [("descriptors", "E_act against the descriptors", "not run (too few saddles)",
                                    "|r_P| > 0.95 for most descriptors (003 Fig. 5)")])
        xi = {}
        for name in ("correlation_is", "correlation_md"):
            xi.update(_guard(fit_xi, os.path.join(s, f"{name}_fit.csv")) or {})
        names = (("c_soft[1]", "P_i"), ("c_s2", "S2"), ("f_msd", "MSD"), ("c_flex", "v_flex"))
        rows.append(("descriptors", "C(r) length xi (A): " + ", ".join(n for _, n in names),
                     ", ".join(_fmt(xi.get(c)) for c, _ in names),
                     "~2.2 for the descriptors, 2.6 for E_act (003 Fig. 7)"))
    return rows


def read_timings(out):
    """({study: (wall s, CPU s or None)}, (demo wall s, load text) or None) from timings.txt
    (tools/demo.sh), if there."""
    times, total = {}, None
    try:
        with open(os.path.join(out, "timings.txt")) as f:
            for line in f:
                w = line.split()
                if w[:2] == ["demo", "total"]:
                    total = (int(w[2]), " ".join(w[4:]) if len(w) > 4 else None)
                elif len(w) >= 3 and w[1] == "total":
                    times[w[0]] = (int(w[2]), int(w[5]) if len(w) >= 6 and w[4] == "cpu" else None)
    except OSError:
        pass
    return times, total


def write_report(out):
    """Writes out/index.html; returns its path and the number of figures it references."""
    e = html.escape
    times, total = read_timings(out)
    parts = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
             "<title>mgglass demo: the four studies at teaching scale</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
             "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 6px;text-align:left;"
             "vertical-align:top}figure{display:inline-block;width:48%;margin:0.5%}"
             "figure img{width:100%}figcaption{font-size:90%}.missing{color:#b00}</style></head><body>",
             "<h1>mgglass demo: the four studies at teaching scale</h1>",
             f"<p>{e(WHY)}</p>"]
    if total is not None:
        load = f" (load average at the end: {e(total[1])})" if total[1] else ""
        parts.append(f"<p>Run time: {total[0] // 60} min {total[0] % 60} s in all, two studies at a "
                     f"time{load}.</p>")
    parts.append("<h2>Headline numbers</h2><table><tr><th>study</th><th>quantity</th>"
                 "<th>this run</th><th>paper</th></tr>")
    for study, q, mine, paper in headline_rows(out):
        parts.append(f"<tr><td>{e(study)}</td><td>{e(q)}</td><td>{e(mine)}</td><td>{e(paper)}</td></tr>")
    parts.append("</table>")
    n_img = 0
    for study, figures in FIGURES.items():
        d = os.path.join(out, study)
        parts.append(f"<h2 id='{study}'>{e(TITLES[study])}</h2>")
        if not os.path.isdir(d):
            parts.append("<p class='missing'>not run</p>")
            continue
        if study in times:
            wall, cpu = times[study]
            note = f"{wall} s" + (f" ({cpu} s of CPU)" if cpu is not None else "")
        else:
            note = "not recorded"
        logs = sorted(f for f in os.listdir(d) if f.startswith("log."))
        links = ", ".join(f"<a href='{e(study)}/{e(f)}'>{e(f)}</a>" for f in logs) or "none"
        extra = [f for f in ("summary.txt",) if os.path.isfile(os.path.join(d, f))]
        links += "".join(f", <a href='{e(study)}/{e(f)}'>{e(f)}</a>" for f in extra)
        parts.append(f"<p>Run time {note}. LAMMPS logs and summary: {links}.</p>")
        made = [f for f in IF_MADE.get(study, []) if os.path.isfile(os.path.join(d, f"{f[0]}.png"))]
        for stem, caption in figures + made:
            src = f"{study}/{stem}.png"
            missing = "" if os.path.isfile(os.path.join(out, src)) else \
                " <span class='missing'>(missing: the study stopped before this figure)</span>"
            parts.append(f"<figure><img src='{e(src)}' alt='{e(caption)}'>"
                         f"<figcaption>{e(caption)}{missing}</figcaption></figure>")
            n_img += 1
    parts.append("</body></html>")
    path = os.path.join(out, "index.html")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")
    return path, n_img
