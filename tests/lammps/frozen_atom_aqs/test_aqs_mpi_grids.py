"""fix frozen_atom_aqs on 1, 2 and 4 ranks with several processor grids: identical per-atom
outputs (f_aqs columns, dumped by atom id) and the atoms file agreeing with f_aqs.

A 256-atom triclinic Cu-Zr cell, one event (step 1 of +xy 1e-3) whose sweep is done for 7
atoms.  The last trial ends in a state from which restoring the post-event positions moves
some atoms between ranks in the rebuild: with 2 ranks along x, 3 of the 7 analysed atoms
(ids 27, 72, 215) change rank there, and a count of local atoms taken before that rebuild left
their core flag at -1 (the atoms file too), issue 13 item 1.  The test runs the three 2-rank
grids; --full adds two 4-rank grids (minutes each when 4 ranks share 2 cores)."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

AQS = """
plugin load libmgglass.so
units metal
atom_style atomic
processors {grid}
read_data cell256.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
group g id 6 22 27 72 145 188 215
fix aqs g frozen_atom_aqs xy 1e-3 drop 1e-12 edrop 1e-12 atoms atoms_{tag}.txt
compute n all reduce sum f_aqs[2]
thermo_style custom step f_aqs[4] c_n
run 1
write_dump all custom dump_{tag}.txt id f_aqs[1] f_aqs[2] f_aqs[3] f_aqs[4] f_aqs[5] f_aqs[6] &
     f_aqs[7] f_aqs[8] f_aqs[9] modify sort id format float %.15g
"""

COLUMNS = ["D_f", "core", "d2min", "broken", "formed", "von_mises", "cluster", "evaluations",
           "neighbours"]
# per column: relative and absolute tolerance (rank counts change the order of sums only)
TOL = {"D_f": (1e-7, 1e-9), "d2min": (1e-7, 1e-12), "von_mises": (1e-7, 1e-4)}
RUNS = [(1, "1 1 1"), (2, "2 1 1"), (2, "1 2 1"), (2, "1 1 2")]
RUNS_FULL = RUNS + [(4, "2 2 1"), (4, "1 2 2")]


def last_atoms_block(path):
    rows = [line.split() for line in open(path) if not line.startswith("#")]
    return np.array(rows, float)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="also the 4-rank grids")
    args = parser.parse_args()
    cwd = mggtest.workdir("frozen_atom_aqs_mpi_grids")
    mggtest.run_lammps(aqs_common.SMALL_CELL, cwd, name="in.cell")
    results = {}
    for np_ranks, grid in RUNS_FULL if args.full else RUNS:
        tag = f"np{np_ranks}_" + grid.replace(" ", "")
        _, out = mggtest.run_lammps(AQS.format(grid=grid, tag=tag), cwd, np_ranks=np_ranks,
                                    name=f"in.{tag}")
        dump = mggtest.Dump(os.path.join(cwd, f"dump_{tag}.txt"))
        values = dump.cols(*[f"f_aqs[{k + 1}]" for k in range(len(COLUMNS))])
        assert len(values) == 256 and (dump["id"] == np.arange(1, 257)).all()
        df, core = values[:, 0], values[:, 1]
        assert ((df >= 0) == (core >= 0)).all(), \
            f"{tag}: analysed atoms without a core flag: ids {dump['id'][(df >= 0) != (core >= 0)]}"
        assert (df >= 0).sum() == 7, f"{tag}: {(df >= 0).sum()} atoms analysed, 7 expected"
        atoms = last_atoms_block(os.path.join(cwd, f"atoms_{tag}.txt"))
        assert (atoms[:, 0] == dump["id"]).all()
        mggtest.assert_close(f"{tag}: atoms file vs f_aqs", atoms[:, 2:], values, rtol=1e-10)  # %.12g
        results[tag] = values
        print(f"{tag}: {out.count('atoms analysed')} event sweep(s)")

    serial = results.pop("np1_111")
    for tag, values in results.items():
        for k, name in enumerate(COLUMNS):
            rtol, atol = TOL.get(name, (0.0, 0.0))
            mggtest.assert_close(f"{tag} vs serial: {name}", values[:, k], serial[:, k], rtol, atol)
    print("PASS")


if __name__ == "__main__":
    main()
