"""tools/mgg report on small synthetic study directories with known answers:
  - the V-DOS peak is the centre of the largest bin of a constructed table;
  - the motif make-up of the lowest and highest 1% is read from the right rows and species;
  - the STZ count, mean and median size of a known list, the ST fraction from the summary, and
    "no comparison" of E_act when no ST atom has a saddle;
  - frozen_atom: the number of events and directions, mean and largest core, bonds broken and
    formed per event and the atoms with bond changes in the core, from a known cores table;
  - r_P of binned tables built from y = a x + b (+1), y = -x^2 on x > 0 (close to -1, the value
    computed here by the textbook sum formula), xi read from the fit tables;
  - a study that did not run is marked, a figure a study should have made but did not is still
    referenced (so that the page shows it broken) and flagged as missing;
  - the page is static: no script, no resource outside its directory; every link resolves;
  - in headless Chromium the page loads, every image renders, and removing one image is seen."""
import csv
import os
import re
import shutil
import subprocess
import sys

import numpy as np

from mggtools_test import MGG, workdir
import page_check
from mgglass import report
from mgglass.output import figure, save_figure


def table(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def png(d, name):
    fig, ax = figure(figsize=(2, 1.5))
    ax.plot([0, 1], [0, 1])
    save_figure(fig, d, name)


def pearson_textbook(x, y):
    n = len(x)
    sx, sy = sum(x), sum(y)
    sxy = sum(a * b for a, b in zip(x, y))
    sxx, syy = sum(a * a for a in x), sum(b * b for b in y)
    return (n * sxy - sx * sy) / ((n * sxx - sx ** 2) * (n * syy - sy ** 2)) ** 0.5


def main():
    out = workdir("tools_report")
    shutil.rmtree(out)
    # soft_spots: V-DOS with its maximum in bin 29 (14.5-15 meV); deciles of two types
    s = os.path.join(out, "soft_spots")
    d = [0.01 * k for k in range(29)] + [0.5] + [0.01 * k for k in range(10)]
    table(os.path.join(s, "vdos.csv"), ["E_low_meV", "E_high_meV", "D_per_meV"],
          [[0.5 * k, 0.5 * k + 0.5, v] for k, v in enumerate(d)])
    rows = []
    for t in (1, 2):
        for g, fav, gum in (("bottom 1%", 0.7 + 0.1 * t, 0.05 * t), ("0-10%", 0.5, 0.1),
                            ("top 1%", 0.02 * t, 0.6 + 0.1 * t), ("all", 0.3, 0.2)):
            rows.append([t, g, 10, 0, 1, fav, 1 - fav - gum, gum])
    table(os.path.join(s, "deciles.csv"), ["type", "group", "atoms", "min P", "max P", "favoured",
                                           "cousin", "GUM"], rows)
    for name, _ in report.FIGURES["soft_spots"]:
        png(s, name)
    # stz_statistics: six clusters, the fraction in the summary; its C(r) figure missing
    s = os.path.join(out, "stz_statistics")
    sizes = [3, 5, 8, 12, 40, 2]
    table(os.path.join(s, "stz_sizes.csv"), ["event", "size"], [[1 + k // 2, v] for k, v in enumerate(sizes)])
    with open(os.path.join(s, "summary.txt"), "w") as f:
        f.write("## clusters\n70 distinct atoms in clusters; fraction of atoms involved 0.0375\nmu 1 sigma 1\n"
                "ST atoms on the mean: 4; ST fraction on the mean 0.0020\n"
                "ST atoms on the sum: 700; ST fraction on the sum 0.3500\n"
                "reading mean: mean lambda of the ST atoms 0.2000 A, of the rest 0.1700 A\n"
                "reading sum: mean lambda of the ST atoms 0.1800 A, of the rest 0.1650 A\n"
                "reading sum: E_act of 0 ST atoms and 12 others: no comparison\n")
    table(os.path.join(s, "d2min_correlation_fit.csv"),
          ["column", "mean", "std", "xi_A", "A", "fit_from_A", "fit_to_A"], [["c_d2[1]", 0.1, 0.2, 2.75, 1, 2, 8]])
    with open(os.path.join(s, "log.stz_statistics"), "w") as f:
        f.write("LAMMPS (4 Feb 2025)\n")
    png(s, "aqs")
    png(s, "stz_sizes")
    png(s, "st_atoms")
    # descriptors: binned tables with exact linear and near-linear relations
    s = os.path.join(out, "descriptors")
    x = [0.1 * k + 0.05 for k in range(10)]
    expect = {}
    for y, _, xname in report.BINNED:
        for t in (1, 2):
            ys = [3.0 * v + 1.0 for v in x] if t == 1 else [-v * v for v in x]
            expect[(y, xname, t)] = 1.0 if t == 1 else pearson_textbook(x, ys)
            table(os.path.join(s, f"{y}_{xname}_type{t}.csv"), ["bin", "atoms", f"mean {xname}", f"mean {y}", "sem"],
                  [[k + 1, 100, x[k], ys[k], 0.0] for k in range(10)])
    table(os.path.join(s, "correlation_is_fit.csv"), ["column", "mean", "std", "xi_A", "A", "fit_from_A", "fit_to_A"],
          [["c_soft[1]", 0, 1, 2.25, 1, 2, 8], ["c_s2", 0, 1, 1.5, 1, 2, 8]])
    for name, _ in report.FIGURES["descriptors"]:
        png(s, name)
    with open(os.path.join(out, "timings.txt"), "w") as f:
        f.write("# study total wall_seconds status cpu cpu_seconds\nsoft_spots total 61 0 cpu 57\n"
                "demo total 125 load 1.00 2.00 3.00\n")

    proc = subprocess.run([sys.executable, MGG, "report", out], capture_output=True, text=True)
    print(proc.stdout, proc.stderr)
    assert proc.returncode == 0 and proc.stdout.strip().splitlines()[-1] == f"page {os.path.join(out, 'index.html')}"

    rows = {(r[0], r[1]): r[2] for r in report.headline_rows(out)}
    get = lambda study, start: next(v for (st, q), v in rows.items() if st == study and q.startswith(start))
    assert get("soft_spots", "V-DOS") == "14.75", rows
    assert get("soft_spots", "Cu, lowest 1%") == "80% / 5%"
    assert get("soft_spots", "whole glass") == "30% / 30%"
    assert get("soft_spots", "Zr, highest 1%") == "4% / 80%"
    mean, median = np.mean(sizes), np.median(sizes)
    assert get("stz_statistics", "STZs") == f"6, {mean:.1f} / {median:.0f}", get("stz_statistics", "STZs")
    assert get("stz_statistics", "fraction of ST atoms") == "0.2% / 35%", get("stz_statistics", "fraction of ST atoms")
    assert get("stz_statistics", "mean lambda") == "0.18 / 0.165", get("stz_statistics", "mean lambda")
    assert get("stz_statistics", "C(r) length") == "2.75"
    assert get("stz_statistics", "mean E_act") == "no comparison (0 / 12 atoms)", get("stz_statistics", "mean E_act")
    for y, what, xname in report.BINNED:
        v = get("descriptors", f"r_P, {what} against {xname}").split(" / ")
        assert abs(float(v[0]) - 1.0) < 1e-3 and abs(float(v[1]) - expect[(y, xname, 2)]) < 1e-3, (v, expect)
        assert expect[(y, xname, 2)] < -0.9
    assert get("descriptors", "C(r) length") == "2.25, 1.5, -, -"
    assert not any(st == "frozen_atom" for st, _ in rows)

    page = os.path.join(out, "index.html")
    html = open(page).read()
    assert re.search(r"frozen_atom.*\n<p class='missing'>not run</p>", html)
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    srcs = page_check.image_sources(page)
    expected = [f"{st}/{n}.png" for st in ("soft_spots", "stz_statistics", "descriptors")
                for n, _ in report.FIGURES[st]]
    assert srcs == expected, (srcs, expected)
    missing = [p for p in srcs if not os.path.isfile(os.path.join(out, p))]
    assert missing == ["stz_statistics/d2min_correlation.png"], missing
    assert "(missing: the study stopped before this figure)" in html
    for href in re.findall(r"href='([^']*)'", html):
        assert os.path.isfile(os.path.join(out, href)), href
    assert "stz_statistics/log.stz_statistics" in html and "61 s (57 s of CPU)" in html and "2 min 5 s" in html \
        and "1.00 2.00 3.00" in html

    # the browser: the one missing figure is seen; once drawn, every image renders
    n, broken = page_check.check_page(page)
    print(f"chromium: {n} images, broken {broken}")
    assert n == len(expected) and broken == missing, (n, broken)
    png(os.path.join(out, "stz_statistics"), "d2min_correlation")
    n, broken = page_check.check_page(page)
    assert n == len(expected) and broken == [], broken
    # a file that is not a PNG does not render either
    with open(os.path.join(out, "soft_spots", "vdos.png"), "w") as f:
        f.write("not an image")
    n, broken = page_check.check_page(page)
    assert broken == ["soft_spots/vdos.png"], broken
    check_frozen_atom(os.path.join(out, "frozen_only"))
    print("report: ok")


def check_frozen_atom(out):
    """frozen_atom's headline: core sizes and bond counts of a cores table of tools/mgg cores."""
    header = ["plane", "event", "step", "strain", "drop_MPa", "analysed", "reference_D_f_A", "n_core",
              "n_core_here", "core_flags", "bonds_broken", "bonds_formed", "core_atoms_with_lce",
              "atoms_with_lce"]
    table(os.path.join(out, "frozen_atom", "cores.csv"), header,
          [["-xy", 1, 9, -0.0018, -7.0, 30, 1.12, 21, 21, 21, 4, 2, 3, 9],
           ["+yz", 1, 30, 0.006, 3.0, 28, 2.5, 12, 12, 12, 7, 3, 2, 11],
           ["-yz", 1, 20, -0.004, 5.0, 29, 0.9, 0, 0, 0, 1, 1, 0, 4]])
    rows = {(st, q): v for st, q, v, _ in report.headline_rows(out)}
    get = lambda start: next(v for (st, q), v in rows.items() if st == "frozen_atom" and q.startswith(start))
    assert get("STZ core size") == "3 (+yz, -xy, -yz), 11.0 / 21", get("STZ core size")
    assert get("bonds broken") == "4.0 / 2.0; 5 of 24", get("bonds broken")


if __name__ == "__main__":
    main()
