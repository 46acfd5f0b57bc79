"""tools: known answers of binned, clusters and the gap rule, as functions and on the command line.
  binned: y = x + noise (x uniform on [0, 1], noise sigma 1.5), 20,150 atoms in bins of 200: the
    100 bin means have r_P^2 = var(xbar) / (var(xbar) + sigma^2 / 200), var(xbar) = (1 - 1/100^2)/12
    (r_P = 0.9387); the 150 atoms of the short last bin are left out.
  clusters: a log-normal sample (mu 3, sigma 0.5, 3,000 sizes): the maximum-likelihood fit
    recovers mu and sigma within 4 standard errors; on the command line, an event file of fix
    frozen_atom_aqs holding the rounded sizes (rounding shifts ln s by < 1%).
  clusters from a dump: planted clusters (a periodic triclinic cell, one across the boundary)
    come out with their sizes.
  histogram: an atoms file with 7 atoms far below the rest in D_f: n_core 7, as the fix's gap rule.
  histogram of a fix artn event file (its header as the fix writes it): 5 distinct validated
    saddles planted (Cu 0.3, 0.8, 1.1 eV; Zr 1.6, 2.4 eV) among a duplicate, a saddle not
    connected and failed searches: 5 distinct of 6 validated, per-type means 0.7333 and 2.0 eV,
    each saddle in its 0.25 eV bin, the saddle table the five planted searches.
  st_atoms: an atoms file of 2 events and 10 atoms with N_i = 10 + id, written once with D2min the
    sum and once the mean: atoms 1 and 3 pass 0.18 A^2 on the sum only, atom 2 on both (3 and 1
    of 10 ST atoms); lambda = 0.1 id A (MSD 0.01 id^2): ST atoms on the sum 0.2 A, the rest 0.7.
  cores: atoms and event files of two shear directions with three swept events (cores of 7, 3
    and 12 atoms planted far below the rest in D_f, one unswept event) and random bond lists
    (each bond counted for both its atoms, as the fix writes them): the mean core size 22/3,
    each event's bonds broken and formed, the per-atom histogram of broken + formed for core
    atoms and the rest, and the stress drops matched by event number."""
import csv
import os

import numpy as np

from mggtools_test import mgg, outputs, workdir

from mgglass import Box, analysis  # noqa: E402


def check_binned(out):
    rng = np.random.default_rng(3)
    n, size, sigma = 20150, 200, 1.5
    x = rng.random(n)
    y = x + rng.normal(scale=sigma, size=n)
    var = (1 - 1 / 100 ** 2) / 12
    expected = np.sqrt(var / (var + sigma ** 2 / size))
    xm, ym, sem, r = analysis.binned(x, y, size)
    print(f"binned: {len(xm)} bins, r_P {r:.4f}, expected {expected:.4f} (bound 0.04)")
    assert len(xm) == 100 and abs(r - expected) < 0.04, (len(xm), r)
    # the short last bin: the 150 atoms with the largest x are not in any bin
    assert xm[-1] < np.sort(x)[-151] + 1e-12
    dump = os.path.join(out, "linear.dump")
    with open(dump, "w") as f:
        f.write(f"ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{n}\nITEM: BOX BOUNDS pp pp pp\n"
                "0 50\n0 50\n0 50\nITEM: ATOMS id type x y z v_x v_y\n")
        for i in range(n):
            f.write(f"{i + 1} {1 + i % 2} 1 1 1 {x[i]:.12g} {y[i]:.12g}\n")
    _, last = mgg("binned", dump, "v_x", "v_y", out=out)
    assert last[0] == "r_P" and abs(float(last[1]) - r) < 1e-6, last
    outputs(out, "binned")
    _, last = mgg("binned", dump, "v_x", "v_y", "--type", 2, "--bin", 100, "--name", "binned2", out=out)
    sel = np.arange(n) % 2 == 1
    assert abs(float(last[1]) - analysis.binned(x[sel], y[sel], 100)[3]) < 1e-6, last
    # --ymin: fix artn's -1 (no saddle) on every third atom is left out; y = x^3 is monotone, so
    # the atoms' Spearman rho is 1, and the 20 kept atoms make 4 bins of 5 (x 1,2,4,5,7 | ...)
    ids = np.arange(1, 31)
    yk = np.where(ids % 3 == 0, -1.0, ids.astype(float) ** 3)
    dump = os.path.join(out, "cubic.dump")
    with open(dump, "w") as f:
        f.write("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n30\nITEM: BOX BOUNDS pp pp pp\n"
                "0 50\n0 50\n0 50\nITEM: ATOMS id type v_x f_a[4]\n")
        for i in ids[::-1]:
            f.write(f"{i} 1 {i} {yk[i - 1]:.12g}\n")
    text, last = mgg("binned", dump, "v_x", "f_a[4]", "--ymin", 0, "--bin", 5, "--name", "binned3", out=out)
    kept = ids[ids % 3 != 0].reshape(4, 5).astype(float)
    means = np.stack([kept.mean(axis=1), (kept ** 3).mean(axis=1)])
    assert abs(float(last[1]) - np.corrcoef(means)[0, 1]) < 1e-6, last
    assert "20 atoms with f_a[4] >= 0 sorted by v_x in 4 bins of 5" in text, text
    assert "per atom: Spearman rho 1.000" in text, text


def check_lognormal(out):
    rng = np.random.default_rng(5)
    mu, sigma, n = 3.0, 0.5, 3000
    sizes = rng.lognormal(mu, sigma, n)
    m, s = analysis.lognormal_fit(sizes)
    print(f"log-normal: mu {m:.4f} sigma {s:.4f} (true 3, 0.5; standard errors "
          f"{sigma / np.sqrt(n):.4f}, {sigma / np.sqrt(2 * n):.4f})")
    assert abs(m - mu) < 4 * sigma / np.sqrt(n) and abs(s - sigma) < 4 * sigma / np.sqrt(2 * n)
    counts = np.maximum(1, np.round(sizes)).astype(int)
    events = os.path.join(out, "events.txt")
    with open(events, "w") as f:
        f.write("# event step strain stress_before stress_after drop shortfall energy_drop dissipated "
                "force_evaluations n_d2min_above n_clusters cluster_sizes (stress: ...)\n")
        for e, chunk in enumerate(np.array_split(counts, 300)):
            chunk = np.sort(chunk)[::-1]
            f.write(f"{e + 1} {10 * e} {-2e-4 * e:.6g} 1 0 1 1 0 0 100 {chunk.sum()} {len(chunk)} "
                    + ",".join(map(str, chunk)) + "\n")
    _, last = mgg("clusters", events, "--natoms", 20000, out=out)
    assert last[0] == "mu" and abs(float(last[1]) - mu) < 0.05 and abs(float(last[3]) - sigma) < 0.03, last
    outputs(out, "clusters")


def check_dump_clusters(out):
    rng = np.random.default_rng(7)
    h = np.array([[30.0, 5.0, -3.0], [0.0, 28.0, 2.0], [0.0, 0.0, 29.0]])
    box = Box([0.0, 0.0, 0.0], h)
    # chains of atoms 2.5 A apart along x (link 3.0 A), far from one another; one crosses the
    # cell boundary in x
    planted = {1: (0.5, 0.5, 0.5), 4: (0.2, 0.2, 0.2), 6: (0.95, 0.7, 0.3), 9: (0.3, 0.8, 0.8)}
    x, flag = [], []
    for size, start in planted.items():
        p0 = box.cartesian(start)[0]
        for k in range(size):
            x.append(p0 + [2.5 * k, 0, 0])
            flag.append(1.0)
    x = box.wrap(np.array(x))
    # unflagged atoms in between change nothing
    x = np.vstack([x, box.cartesian(rng.random((200, 3)))])
    flag = np.concatenate([flag, np.zeros(200)])
    sizes, label = analysis.clusters(box, x, flag > 0.5, 3.0)
    print(f"planted clusters {sorted(planted, reverse=True)}: found {sizes.tolist()}")
    assert sizes.tolist() == sorted(planted, reverse=True)


def check_gap(out):
    rng = np.random.default_rng(9)
    df = np.concatenate([rng.uniform(0.01, 0.03, 7), rng.uniform(1.2, 3.0, 40)])
    ref = 2.0
    lower, upper, n_core = analysis.core_gap(df, ref)
    assert n_core == 7 and abs(lower - df[:7].max()) < 1e-12 and abs(upper - df[7:].min()) < 1e-12
    path = os.path.join(out, "atoms.txt")
    with open(path, "w") as f:
        f.write(f"# event 1 step 9 strain -0.0018 reference_D_f {ref} gap_lower {lower:.6g} gap_upper "
                f"{upper:.6g} core_threshold {lower:.6g} n_core 7\n"
                "# id type D_f core d2min broken formed von_mises_change cluster evaluations\n")
        for i, v in enumerate(df):
            f.write(f"{i + 1} {1 + i % 2} {v:.12g} {int(i < 7)} 0 0 0 0 -1 100\n")
        for i in range(len(df), 60):
            f.write(f"{i + 1} 1 -1 -1 0 0 0 0 -1 -1\n")
    text, last = mgg("histogram", path, out=out)
    assert last == ["n_core", "7"], last
    assert "(7)" in text, text  # recomputed by the tool's copy of the rule
    outputs(out, "histogram", ["histogram_events"])


ARTN_HEADER = ("# fix artn: mode full, seed 3; E_act (eV), eigenvalues (eV/A^2), max_force (eV/A, largest "
               "component), force_evaluations (whole-system equivalents), displacement (A)\n"
               "# search atom type status E_act eigenvalue_1 eigenvalue_2 max_force force_evaluations "
               "displacement atoms_moved duplicate_of seed full_evaluations local_calls local_status "
               "refine_shift basin_steps activation_steps retries\n")


def check_artn_histogram(out):
    # (search, atom, type, status, E_act, duplicate_of): distinct saddles at searches 1, 3, 4, 6, 9
    rows = [(1, 17, 1, "saddle", 0.3, -1), (2, 5, 2, "basin_cap", float("nan"), -1),
            (3, 40, 1, "saddle", 0.8, -1), (4, 12, 2, "saddle", 1.6, -1),
            (5, 33, 1, "saddle", 0.3, 1), (6, 8, 1, "saddle", 1.1, -1),
            (7, 9, 2, "saddle_not_connected_to_the_initial_minimum", 0.5, -1),
            (8, 21, 1, "negative_curvature_lost_retries_exhausted", float("nan"), -1),
            (9, 2, 2, "saddle", 2.4, -1)]
    path = os.path.join(out, "events_artn.txt")
    with open(path, "w") as f:
        f.write(ARTN_HEADER)
        for k, atom, t, status, e, dup in rows:
            f.write(f"{k} {atom} {t} {status} {e:.6f} -0.5 0.1 0.03 650.0 1.2 14 {dup} 3 650 0 - -1.0000 "
                    "9 12 1\n")
    text, last = mgg("histogram", path, "--names", "Cu,Zr", out=out)
    assert last == ["distinct_saddles", "5"], last
    assert "9 searches, 6 validated saddles, 5 distinct" in text, text
    table = {line.split(" (")[0]: line.split() for line in text.splitlines() if "(type" in line}
    for element, searches, planted in (("Cu", 5, [0.3, 0.8, 1.1]), ("Zr", 4, [1.6, 2.4])):
        w = table[element]
        print(f"{element}: {w}")
        assert int(w[3]) == searches and int(w[4]) == len(planted), w
        assert abs(float(w[5]) - np.mean(planted)) < 5e-4 and abs(float(w[6]) - np.median(planted)) < 5e-4, w
        assert float(w[7]) == min(planted) and float(w[8]) == max(planted), w
    with open(os.path.join(out, "histogram.csv")) as f:
        bins = list(csv.DictReader(f))
    assert len(bins) == 20 and float(bins[-1]["E_act_high_eV"]) == 5.0, (len(bins), bins[-1])
    for column, planted in (("all centres", [0.3, 0.8, 1.1, 1.6, 2.4]), ("Cu (type 1)", [0.3, 0.8, 1.1]),
                            ("Zr (type 2)", [1.6, 2.4])):
        expected = [sum(1 for e in planted if 0.25 * k <= e < 0.25 * (k + 1)) for k in range(len(bins))]
        assert [int(b[column]) for b in bins] == expected, column
    with open(os.path.join(out, "histogram_saddles.csv")) as f:
        saddles = list(csv.DictReader(f))
    assert [int(r["search"]) for r in saddles] == [1, 3, 4, 6, 9], saddles
    outputs(out, "histogram", ["histogram_saddles"])


def check_st_atoms(out):
    n_i = np.arange(11, 21)
    sums = [np.full(10, 0.01), np.full(10, 0.01)]
    sums[0][0], sums[0][1], sums[1][2] = 0.5, 3.0, 0.2   # means 0.045, 0.25, 0.015
    dump = os.path.join(out, "vibration.dump")
    with open(dump, "w") as f:
        f.write("ITEM: TIMESTEP\n1000\nITEM: NUMBER OF ATOMS\n10\nITEM: BOX BOUNDS pp pp pp\n"
                "0 10\n0 10\n0 10\nITEM: ATOMS id type f_msd\n")
        for i in range(10, 0, -1):  # not in id order
            f.write(f"{i} {1 + i % 2} {0.01 * i * i:.12g}\n")
    eact = os.path.join(out, "artn_atoms.dump")
    with open(eact, "w") as f:
        f.write("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n10\nITEM: BOX BOUNDS pp pp pp\n"
                "0 10\n0 10\n0 10\nITEM: ATOMS id type f_a[4]\n")
        for i, e in enumerate([0.5, 1.0, -1, 2.0, 3.0, -1, 4.0, 5.0, 6.0, -1]):
            f.write(f"{i + 1} {1 + (i + 1) % 2} {e}\n")
    for norm in ("sum", "mean"):
        path = os.path.join(out, f"atoms_{norm}.txt")
        with open(path, "w") as f:
            for e, d2 in enumerate(sums):
                f.write(f"# event {e + 1} step {9 + e} strain -0.001 reference_D_f -1 gap_lower 0 "
                        "gap_upper 0 core_threshold 0 n_core 0\n# id type D_f core d2min broken "
                        "formed von_mises_change cluster evaluations neighbours\n")
                for i in range(10):
                    v = d2[i] if norm == "sum" else d2[i] / n_i[i]
                    f.write(f"{i + 1} {1 + (i + 1) % 2} -1 -1 {v:.12g} 0 0 0 -1 -1 {n_i[i]}\n")
        text, last = mgg("st_atoms", path, "--norm", norm, "--vibration", dump,
                         "--activation", eact, out=out)
        assert "ST fraction on the mean 0.1000" in text and "ST fraction on the sum 0.3000" in text, text
        # E_act of the atoms with a saddle: ST on the sum 1, 2 (3 has none) against 4, 5, 7, 8, 9;
        # exact two-sided Mann-Whitney p with no overlap 2 / C(7, 2), and for atom 2 alone (rank 2
        # of 7) 2 * 2 / 7
        assert ("reading sum: mean E_act of the 2 ST atoms 0.7500 eV, of the 5 others 4.0000 eV "
                "(Mann-Whitney two-sided p 0.095)") in text, text
        assert ("reading mean: mean E_act of the 1 ST atoms 1.0000 eV, of the 6 others 3.4167 eV "
                "(Mann-Whitney two-sided p 0.57)") in text, text
        assert "reading mean: mean lambda of the ST atoms 0.2000 A, of the rest 0.5889 A" in text, text
        assert last == ["reading", "sum:", "mean", "lambda", "of", "the", "ST", "atoms", "0.2000", "A,",
                        "of", "the", "rest", "0.7000", "A"], last
        outputs(out, "st_atoms")
        assert os.path.getsize(os.path.join(out, "st_atoms_E_act.png")) > 0


def write_cores_files(out, plane, events, rng):
    """Atoms and event files of fix frozen_atom_aqs for events [(number, n_core, swept)], 60
    atoms, the 20 of lowest id analysed; returns {number: (broken bonds, formed bonds, broken +
    formed per atom, core flags, drop in bar)}."""
    truth = {}
    with open(os.path.join(out, f"atoms{plane}.txt"), "w") as fa, \
            open(os.path.join(out, f"events{plane}.txt"), "w") as fe:
        fe.write("# event step strain stress_before stress_after drop shortfall energy_drop dissipated "
                 "force_evaluations n_d2min_above n_clusters cluster_sizes\n")
        for number, n_core, swept in events:
            pairs = {tuple(sorted(p)) for p in rng.integers(1, 61, (40, 2)) if p[0] != p[1]}
            pairs = sorted(pairs)
            broken, formed = pairs[:len(pairs) // 3], pairs[len(pairs) // 3:len(pairs) // 2]
            nb, nf = np.zeros(61, int), np.zeros(61, int)
            for i, j in broken:
                nb[i] += 1
                nb[j] += 1
            for i, j in formed:
                nf[i] += 1
                nf[j] += 1
            df = np.concatenate([rng.uniform(0.02, 0.04, n_core), rng.uniform(1.3, 4.0, 20 - n_core)])
            lower, upper, _ = analysis.core_gap(df, 1.2)
            core = np.zeros(61, int)
            core[1:n_core + 1] = 1
            drop = 30.0 + 10 * number
            fe.write(f"{number} {10 * number} {0.002 * number} 100 {100 - drop} {drop} 0 0 0.01 100 0 0 -\n")
            fa.write(f"# event {number} step {10 * number} strain {0.002 * number} reference_D_f "
                     f"{1.2 if swept else -1} gap_lower {lower:.6g} gap_upper {upper:.6g} "
                     f"core_threshold {lower:.6g} n_core {n_core if swept else 0}\n"
                     "# id type D_f core d2min broken formed von_mises_change cluster evaluations\n")
            for i in range(1, 61):
                d = df[i - 1] if swept and i <= 20 else -1
                c = core[i] if swept and i <= 20 else -1
                fa.write(f"{i} {1 + i % 2} {d:.10g} {c} 0.1 {nb[i]} {nf[i]} 0 -1 {100 if d > 0 else -1}\n")
            if swept:
                truth[number] = (len(broken), len(formed), nb[1:] + nf[1:], core[1:], drop)
    return truth


def check_cores(out):
    rng = np.random.default_rng(15)
    truth = {"+xy": write_cores_files(out, "+xy", [(1, 7, True), (2, 3, True)], rng),
             "-yz": write_cores_files(out, "-yz", [(1, 12, True), (2, 0, False)], rng)}
    files = [os.path.join(out, f"atoms{p}.txt") for p in truth]
    text, last = mgg("cores", *files, "--events", *[f.replace("atoms", "events") for f in files], out=out)
    assert last == ["core_mean", f"{22 / 3:.4g}"], last
    with open(os.path.join(out, "cores.csv")) as f:
        rows = list(csv.DictReader(f))
    assert [(r["plane"], int(r["event"])) for r in rows] == [("+xy", 1), ("+xy", 2), ("-yz", 1)], rows
    for r in rows:
        nb, nf, _, core, drop = truth[r["plane"]][int(r["event"])]
        assert (int(r["bonds_broken"]), int(r["bonds_formed"])) == (nb, nf), (r, nb, nf)
        assert int(r["n_core"]) == int(r["n_core_here"]) == int(r["core_flags"]) == core.sum(), r
        assert abs(float(r["drop_MPa"]) - 0.1 * drop) < 1e-9, r
    changes = np.concatenate([t[2] for p in truth.values() for t in p.values()])
    core = np.concatenate([t[3] for p in truth.values() for t in p.values()]) == 1
    with open(os.path.join(out, "cores_bonds.csv")) as f:
        hist = list(csv.DictReader(f))
    for h in hist:
        n = int(h["bond_changes"])
        assert int(h["core_atoms"]) == sum(1 for c, k in zip(core, changes) if c and k == n), h
        assert int(h["other_atoms"]) == sum(1 for c, k in zip(core, changes) if not c and k == n), h
    assert sum(int(h["core_atoms"]) + int(h["other_atoms"]) for h in hist) == 3 * 60
    print(f"cores: mean {last[1]}, bonds per event {[(r['bonds_broken'], r['bonds_formed']) for r in rows]}")
    outputs(out, "cores", ["cores_bonds"])


def main():
    out = workdir("tools_known_answers")
    check_binned(out)
    check_lognormal(out)
    check_dump_clusters(out)
    check_gap(out)
    check_artn_histogram(out)
    check_st_atoms(out)


    check_cores(out)
    print("PASS")


if __name__ == "__main__":
    main()
