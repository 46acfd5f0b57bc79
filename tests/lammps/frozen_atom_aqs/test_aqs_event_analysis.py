"""The per-event analysis of fix frozen_atom_aqs against independent computations, on the first
event of the 2,000-atom Cu50Zr50 sample glass (-xy 2e-4, step 9): the fix's per-atom D2min,
bonds broken and formed, D2min clusters (atoms file) and the event file's summary equal the numpy
reference (event_reference.py, brute force with unwrapped coordinates) on LAMMPS dumps of the
three configurations (the affinely strained start mapped from the state before as `change_box
... remap` does), with D2min the mean over the neighbours or (--norm sum) their sum, whose count
N_i the atoms file reports;
the von Mises stress change equals that of LAMMPS `compute stress/atom` divided by the mean
volume per atom.  Run on --np ranks."""
import argparse
import copy
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import event_reference  # noqa: E402
import mggtest  # noqa: E402
from test_aqs_naive import PLANE, STEP, header, read_atoms_file  # noqa: E402

EVENT_STEP = 9  # the first event of this glass and loading (the event file must agree)
COLUMNS = "id type x y z ix iy iz c_s[1] c_s[2] c_s[3] c_s[4] c_s[5] c_s[6]"
# LAMMPS 29 Sep 2021 resolves f_ID[k] in an atom-style variable to the fix's global vector
# (context-sensitive references came in August 2023): the per-atom check needs a later LAMMPS
PER_ATOM_VARIABLES = int(os.environ.get("MGG_LAMMPS_VERSION", "0")) >= 20231121
VARIABLES = "\n".join(f"variable out{k} atom f_aqs[{k}]" for k in range(1, 10))
DUMP_OUTPUTS = ("write_dump all custom outputs.dump id " +
                " ".join(f"f_aqs[{k}] v_out{k}" for k in range(1, 10)) + " modify format float %.17g")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--norm", choices=("mean", "sum"), default="mean")
    args = parser.parse_args()
    cwd = mggtest.workdir(f"frozen_atom_aqs_event_analysis_np{args.np}_{args.norm}")
    # the default norm (mean) without the keyword
    norm = "" if args.norm == "mean" else f"norm {args.norm}"
    mggtest.run_lammps(header(mggtest.GLASS_50) + f"""
fix aqs all frozen_atom_aqs {PLANE} {STEP} sweep no file events.txt atoms atoms.txt {norm}
compute s all stress/atom NULL
dump d all custom 1 conf.*.dump {COLUMNS}
dump_modify d format float %.17g
run {EVENT_STEP}
# the per-atom outputs again through atom-style variables, which read array_atom with a stride
# of its 9 columns
{VARIABLES if PER_ATOM_VARIABLES else ""}
{DUMP_OUTPUTS if PER_ATOM_VARIABLES else ""}
""", cwd, np_ranks=args.np, name="in.fix")
    if PER_ATOM_VARIABLES:
        outputs = mggtest.Dump(os.path.join(cwd, "outputs.dump"))
        for k in range(1, 10):
            assert np.array_equal(outputs[f"f_aqs[{k}]"], outputs[f"v_out{k}"]), f"f_aqs[{k}] through a variable"
        assert outputs["f_aqs[3]"].max() > 0.0  # D2min of the event: the comparison compares something
    lines = open(os.path.join(cwd, "events.txt")).read().splitlines()
    # the header says which reading of the threshold n_d2min_above counts
    assert f"the {args.norm} over the neighbours" in lines[0], lines[0]
    events = [line.split() for line in lines if line[0] != "#"]
    assert len(events) == 1 and int(events[0][1]) == EVENT_STEP, events
    head, rows = read_atoms_file(os.path.join(cwd, "atoms.txt"))
    # id type D_f core d2min broken formed von_mises_change cluster evaluations neighbours
    assert rows.shape == (2000, 11), rows.shape

    before = mggtest.Dump(os.path.join(cwd, f"conf.{EVENT_STEP - 1}.dump"))
    after = mggtest.Dump(os.path.join(cwd, f"conf.{EVENT_STEP}.dump"))
    # the start: the state before mapped affinely into the cell after, about the box origin
    start = copy.deepcopy(before)
    fractional = np.linalg.solve(before.h, (before.cols("x", "y", "z") - before.lo).T)
    for k, name in enumerate("xyz"):
        start.data[:, start.columns.index(name)] = after.lo[k] + (after.h @ fractional)[k]
    start.box = after.box
    volume_per_atom = abs(np.linalg.det(after.h)) / 2000.0
    stress = [d.cols(*[f"c_s[{k}]" for k in range(1, 7)]) / volume_per_atom for d in (before, after)]
    ref = event_reference.analyse_event(before, start, after, stress_before=stress[0],
                                        stress_after=stress[1], norm=args.norm)
    assert np.array_equal(rows[:, 0], before["id"])
    mggtest.assert_close("D2min", rows[:, 4], ref["d2min"], rtol=1e-8, atol=1e-12)
    assert np.array_equal(rows[:, 10], ref["n_neighbours"]), "neighbours N_i"
    assert np.array_equal(rows[:, 5], ref["broken"]), "bonds broken"
    assert np.array_equal(rows[:, 6], ref["formed"]), "bonds formed"
    mggtest.assert_close("von Mises change", rows[:, 7], ref["von_mises_change"], rtol=1e-8,
                         atol=1e-6 * np.abs(ref["von_mises_change"]).max())
    assert np.array_equal(rows[:, 8] >= 0, ref["cluster"] >= 0), "flagged atoms"
    sizes = sorted(np.bincount(rows[rows[:, 8] >= 0, 8].astype(int)).tolist(), reverse=True)
    assert sizes == sorted(ref["cluster_sizes"], reverse=True), (sizes, ref["cluster_sizes"])
    # event file: ... force_evaluations n_above n_clusters sizes
    n_above, n_clusters, listed = int(events[0][10]), int(events[0][11]), events[0][12]
    assert n_above == ref["n_above"] and n_clusters == len(sizes), (n_above, n_clusters)
    assert listed == (",".join(str(s) for s in sizes) if sizes else "-"), listed
    print(f"event at step {EVENT_STEP}: {n_above} atoms above 0.18 A^2 (D2min the {args.norm} "
          f"over the neighbours) in clusters {listed}; "
          f"{int(rows[:, 5].sum())} bond ends broken, {int(rows[:, 6].sum())} formed; largest "
          f"|von Mises change| {np.abs(rows[:, 7]).max():.1f} bar")


if __name__ == "__main__":
    main()
