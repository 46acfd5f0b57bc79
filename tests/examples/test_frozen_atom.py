"""examples/frozen_atom end to end at reduced size (run.sh --quick: -xy and -yz from the same
undeformed glass, each to its first event, CG, the event's centre atom swept), with its outputs
checked against what they must satisfy, taken from the LAMMPS logs rather than the fix's files:
  - every figure and table exists; the summary ends with the core_mean headline;
  - each run sheared its own direction: the thermo's strain is the step count times 2e-4 with the
    plane's sign, the fix's stress is -p of the plane's component at every step (the other shear
    components change far less before the event), and the run ended at the step of its first
    event;
  - the event is the first step that the fix's rule flags when recomputed from the thermo with
    the plane's sense (a stress drop along the loading above 10 bar, or more than 1 meV of the
    step's work W = V (sigma_before + sigma_after)/2 sign dgamma not stored as energy), its
    dissipation as the event file's, and the event file's stresses the thermo's of the steps
    before and at the event;
  - both start from the same glass: the pressure tensor of step 0 is the same;
  - tools/mgg cores: per event the core size recomputed from the atoms file by the toolkit's gap
    rule equals the fix's n_core and the number of core flags, and its bonds broken and formed are
    half the sums of the atoms' columns (each bond counts for both its atoms)."""
import csv
import os
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tools"))
import mgglass  # noqa: E402

BAR_A3_EV = 1e5 * 1e-30 / 1.602176634e-19  # bar times A^3 in eV


def thermo(path):
    """Rows of the log's thermo tables, one per step (the last row of a repeated step)."""
    rows = {}
    for columns, data in mgglass.read_thermo(path):
        for row in data:
            rows[int(row[columns.index("Step")])] = dict(zip(columns, row))
    return [rows[k] for k in sorted(rows)]


def main():
    volume = mgglass.read_data(os.path.join(SOURCE, "examples", "glass", "CuZr_50_50.data")).box.volume
    out = os.path.abspath(os.path.join("out", "examples_frozen_atom"))
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([os.path.join(SOURCE, "examples", "frozen_atom", "run.sh"), "--quick", out],
                          capture_output=True, text=True)
    print(proc.stdout[-3000:], proc.stderr[-3000:])
    assert proc.returncode == 0, proc.returncode
    for stem in ("aqs", "aqs-yz", "frozen_atom_Df", "frozen_atom_Df-yz", "cores"):
        for ext in ("png", "pdf", "csv"):
            path = os.path.join(out, f"{stem}.{ext}")
            assert os.path.isfile(path) and os.path.getsize(path) > 0, path
    summary = open(os.path.join(out, "summary.txt")).read().split()
    assert summary[-2] == "core_mean", summary[-2:]

    first = {}
    for plane in ("-xy", "-yz"):
        sign = -1.0 if plane[0] == "-" else 1.0
        component = "P" + plane[1:]
        others = [c for c in ("Pxy", "Pxz", "Pyz") if c != component]
        rows = thermo(os.path.join(out, f"log.frozen_atom{plane}"))
        steps = [int(r["Step"]) for r in rows]
        assert steps == list(range(len(rows))), steps
        for r in rows:
            assert abs(r["f_aqs[1]"] - sign * 2e-4 * r["Step"]) < 1e-12, r
            assert abs(r["f_aqs[2]"] + r[component]) < 1e-6 * abs(r[component]), r
        stress = np.array([r["f_aqs[2]"] for r in rows])
        ev = mgglass.read_events(os.path.join(out, f"events{plane}.txt"))
        k = int(ev["step"][0])
        for other in others:  # before the event (which changes every component)
            assert np.ptp([r[other] for r in rows[:k]]) < 0.3 * np.ptp(stress[:k]), (plane, other)
        print(f"{plane}: first event at step {k} of {steps[-1]}, stress {stress[k - 2]:.2f} {stress[k - 1]:.2f} "
              f"{stress[k]:.2f} bar")
        assert k == steps[-1] and len(ev["step"]) == 1 and k >= 2, (k, steps[-1])
        # the event rule recomputed from the thermo with the plane's sense: the stress falls by
        # more than 10 bar along the loading, or the work of the step (the mean stress times the
        # signed strain step times the volume) exceeds the energy gained by more than 1 meV
        energy = np.array([r["f_aqs[3]"] for r in rows])
        work = volume * BAR_A3_EV * 0.5 * (stress[1:] + stress[:-1]) * sign * 2e-4
        dissipated = work - np.diff(energy)
        drop = -sign * np.diff(stress)
        flagged = np.flatnonzero((drop > 10.0) | (dissipated > 1e-3)) + 1
        print(f"{plane}: dissipated at the event {dissipated[k - 1]:.5f} eV (event file "
              f"{ev['dissipated'][0]:.5f}), largest before {np.max(np.abs(dissipated[:k - 1])):.2e} eV")
        assert flagged.tolist() == [k], (plane, flagged)
        assert abs(dissipated[k - 1] - ev["dissipated"][0]) < 3e-4, (dissipated[k - 1], ev["dissipated"][0])
        assert abs(ev["stress_before"][0] - stress[k - 1]) < 1e-3 and abs(ev["stress_after"][0] - stress[k]) < 1e-3
        first[plane] = [rows[0][c] for c in ("Pxy", "Pxz", "Pyz")]
    assert first["-xy"] == first["-yz"], first

    with open(os.path.join(out, "cores.csv")) as f:
        table = list(csv.DictReader(f))
    assert [r["plane"] for r in table] == ["-xy", "-yz"], table
    for r in table:
        block = [b for b in mgglass.read_atoms_file(os.path.join(out, f"atoms{r['plane']}.txt"))
                 if b.head["event"] == int(r["event"])][0]
        assert int(r["n_core"]) == int(r["n_core_here"]) == int(np.sum(block["core"] == 1)), r
        assert int(r["bonds_broken"]) * 2 == int(block["broken"].sum()), r
        assert int(r["bonds_formed"]) * 2 == int(block["formed"].sum()), r
        print(f"{r['plane']}: core {r['n_core']} of {r['analysed']}, bonds broken {r['bonds_broken']}, "
              f"formed {r['bonds_formed']}")
    print("PASS")


if __name__ == "__main__":
    main()
