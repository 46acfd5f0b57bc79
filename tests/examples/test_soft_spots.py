"""examples/soft_spots end to end at reduced size (run.sh --quick: P_i over the lowest 0.25% of the
modes, 5 AQS steps of 0.1%), with its outputs checked against what they must satisfy:
  - every figure, table and dump exists; the summary holds each subcommand's headline;
  - the V-DOS integrates to 1 (all modes lie below its 40 meV) and peaks between 10 and 25 meV;
  - the P_i of all atoms sum to the number of modes summed (each mode is normalised);
  - the motif fractions of every P_i bin sum to 1; the favoured class of each type holds exactly
    the atoms whose CN and n3..n7 (counted here from the dump) are <0,0,12,0> (Cu) and <0,0,12,4>
    (Zr); GUMs are at most 1 - 0.8 of each type (the frequency rule's cut);
  - aqs.dump holds the 6 relaxed configurations, D2min and delta D2min zero (to rounding) in
    the first;
  - mean D2min at 0.5% rises with P_i over bins of 5% of the atoms (seed 000 Fig. 6: r_P > 0.5)."""
import csv
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tools"))
sys.path.insert(0, os.path.join(HERE, "..", "lammps"))
import mgglass  # noqa: E402
import mggtest  # noqa: E402


def main():
    out = mggtest.run_example("soft_spots")
    for stem in ("vdos", "deciles", "deciles_codes", "d2min_pi_last", "aqs", "slab"):
        for ext in ("png", "pdf", "csv"):
            path = os.path.join(out, f"{stem}.{ext}")
            assert os.path.isfile(path) and os.path.getsize(path) > 0, path
    summary = open(os.path.join(out, "summary.txt")).read().split()
    for word in ("peak", "gum_top1", "r_P", "events", "marked_percentile"):
        assert word in summary, word

    rows = mgglass.read_ave_time_vector(os.path.join(out, "vdos.txt"))[-1][1]
    width = rows[1, 0] - rows[0, 0]
    integral = float(np.sum(rows[:, 1]) * width)
    peak = float(rows[np.argmax(rows[:, 1]), 0])
    print(f"V-DOS: integral {integral:.6f}, peak {peak} meV")
    assert abs(integral - 1.0) < 0.01 and 10.0 < peak < 25.0, (integral, peak)

    soft = mgglass.read_frame(os.path.join(out, "soft.dump"), 0, sort=True)
    modes = mgglass.read_ave_time_vector(os.path.join(out, "modes.txt"))[-1][1]
    print(f"sum of P_i {np.sum(soft['c_soft[1]']):.6f}, modes summed {len(modes)}")
    assert len(modes) == 15 and abs(np.sum(soft["c_soft[1]"]) - len(modes)) < 1e-6

    with open(os.path.join(out, "deciles.csv")) as f:
        table = list(csv.DictReader(f))
    classes = ("favoured", "cousin", "GUM")
    for r in table:
        assert abs(sum(float(r[c]) for c in classes) - 1.0) < 1e-6, r
    types = soft["type"].astype(int)
    index = np.column_stack([soft[f"c_vi[{k}]"] for k in range(2, 8)]).astype(int)
    for t, favoured in ((1, [12, 0, 0, 12, 0, 0]), (2, [16, 0, 0, 12, 4, 0])):
        whole = [r for r in table if r["type"] == str(t) and r["group"] == "all"][0]
        expected = np.mean(np.all(index[types == t] == favoured, axis=1))
        print(f"type {t}: favoured {whole['favoured']} (counted {expected:.6f}), cousins {whole['cousin']}, "
              f"GUMs {whole['GUM']}")
        assert abs(float(whole["favoured"]) - expected) < 1e-6
        assert 0.0 < float(whole["GUM"]) <= 0.2 + 1e-9

    frames = mgglass.read_dump(os.path.join(out, "aqs.dump"), sort=True)
    assert len(frames) == 6, len(frames)
    assert np.all(np.abs(frames[0]["c_d2[1]"]) < 1e-12) and np.all(np.abs(frames[0]["c_dd[1]"]) < 1e-12)
    assert np.all(frames[-1]["c_d2[1]"] > 0.0)

    r_p = float(summary[summary.index("r_P") + 1])
    print(f"r_P of mean D2min against P_i (bins of 5%): {r_p}")
    assert r_p > 0.5, r_p
    print("PASS")


if __name__ == "__main__":
    main()
