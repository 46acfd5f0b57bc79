"""The frozen-atom sweep with steepest descent (min sd, force tolerance 1e-4: seed 002's
relaxation) against the naive script with min_style sd, on the sample glass's first event
(-xy 2e-4, step 9).

Steepest descent from the strained pre-event state with one of these atoms frozen slows down
on the flat remains of the vanished pre-event minimum and meets the tolerance there: D_f
~0.035 A against 1.12 A unfrozen, so the sweep finds an STZ core below a gap in log D_f.  These
end states are not minima (another frozen atom's trial leaves them), and every trial starts
within the settle distance of them, so the fix must not end trials there: each relaxes to the
end and equals the naive script's D_f to 1e-3 A, by default (no settle with min sd) and with
settle 0.01 asked for (such states are not remembered; ending trials there gave errors of
0.02-0.05 A).  The test also asserts the core the gap finder reports: the atoms below D_f_ref/10.

The test sweeps two of the stalling atoms (two: the second trial must not end in the first's
stalled state) from the shipped relaxed state before that step (pre_event_sd_step9.data,
written by the fix after 8 steps with `min sd ftol 1e-4 sweep no`); --full sweeps four and
relaxes the 8 steps before the event itself."""
import argparse
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402
from test_aqs_naive import (PLANE, STEP, header, naive_script, read_atoms_file,  # noqa: E402
                            sweep_script)

HERE = os.path.dirname(os.path.abspath(__file__))
FTOL = 1e-4
STALLING_ALL = [513, 550, 160, 554]
SD = f"min sd ftol {FTOL} sweep_ftol {FTOL}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="four atoms, the 8 steps relaxed here")
    args = parser.parse_args()
    cwd = mggtest.workdir("frozen_atom_aqs_sd_core")
    if args.full:
        STALLING = STALLING_ALL
        mggtest.run_lammps(header(mggtest.GLASS_50) + f"""
fix aqs all frozen_atom_aqs {PLANE} {STEP} {SD} sweep no
run 8
write_data pre_event.data
""", cwd, name="in.pre")
    else:
        STALLING = [513, 554]
        shutil.copy(os.path.join(HERE, "pre_event_sd_step9.data"), os.path.join(cwd, "pre_event.data"))
    mggtest.run_lammps(sweep_script(f"{SD} atoms atoms.txt", STALLING), cwd, name="in.sweep")
    head, rows = read_atoms_file(os.path.join(cwd, "atoms.txt"))
    by_id = {int(r[0]): r for r in rows}
    fix_df = np.array([by_id[a][2] for a in STALLING])
    reference = head["reference_D_f"]
    # settle asked for: the stalled end states must still not end the other trials
    mggtest.run_lammps(sweep_script(f"{SD} settle 0.01 atoms atoms_settle.txt", STALLING), cwd,
                       name="in.sweep_settle")
    settle_rows = {int(r[0]): r for r in read_atoms_file(os.path.join(cwd, "atoms_settle.txt"))[1]}
    settle_df = np.array([settle_rows[a][2] for a in STALLING])

    _, out = mggtest.run_lammps(naive_script([0] + STALLING, "sd", FTOL), cwd, name="in.naive")
    got = {int(l.split()[1]): float(l.split()[2]) for l in out.splitlines() if l.startswith("NAIVE ")}
    for a, f, g in zip(STALLING, fix_df, settle_df):
        print(f"atom {a:4d}: fix {f:.6f} ({int(by_id[a][9])} evaluations), with settle 0.01 "
              f"{g:.6f} ({int(settle_rows[a][9])}), naive {got[a]:.6f}")
    print(f"reference D_f: fix {reference:.6f} naive {got[0]:.6f}; gap [{head['gap_lower']:.4g}, "
          f"{head['gap_upper']:.4g}] A, {int(head['n_core'])} core atoms")
    mggtest.assert_close("reference D_f vs naive", np.array([reference]), np.array([got[0]]),
                         rtol=0.0, atol=1e-3)
    mggtest.assert_close("D_f vs naive script", fix_df, np.array([got[a] for a in STALLING]),
                         rtol=0.0, atol=1e-3)
    mggtest.assert_close("D_f with settle 0.01 vs naive script", settle_df,
                         np.array([got[a] for a in STALLING]), rtol=0.0, atol=1e-3)
    assert np.all(fix_df < reference / 10), "these trials no longer stall near the start"
    core = np.array([by_id[a][3] for a in STALLING])
    assert np.all(core == 1) and head["n_core"] == len(STALLING), (core, head["n_core"])
    # the header prints 6 significant digits
    assert np.isclose(head["gap_lower"], fix_df.max(), rtol=1e-5, atol=0.0), head
    assert np.isclose(head["gap_upper"], reference, rtol=1e-5, atol=0.0), head


if __name__ == "__main__":
    main()
