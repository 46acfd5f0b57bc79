"""fix frozen_atom_aqs across write_restart / read_restart: a run restarted from a restart file
written in the middle of a run reaches the same strain, stress, energy and event count as the
continuous run, and the event file is appended to, not truncated."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

FIX = "fix aqs all frozen_atom_aqs -xy 2e-4 sweep no file {}"
THERMO = """thermo_style custom step f_aqs[1] f_aqs[2] f_aqs[3] f_aqs[4] f_aqs[5] pxy pe
thermo_modify format float %.12g norm no
thermo 1
"""


def main():
    cwd = mggtest.workdir("frozen_atom_aqs_restart")
    for name in ("events_continuous.txt", "events_restarted.txt"):
        if os.path.exists(os.path.join(cwd, name)):
            os.remove(os.path.join(cwd, name))
    header = mggtest.glass_header() + "change_box all triclinic\n"
    _, out = mggtest.run_lammps(header + FIX.format("events_continuous.txt") + "\n" + THERMO +
                                "run 12\n", cwd, name="in.continuous")
    continuous = aqs_common.parse_thermo(out)
    # restart files written at step 4 in a run of 10 steps (an event at step 9 goes to the file)
    mggtest.run_lammps(header + FIX.format("events_restarted.txt") + "\n" + THERMO +
                       "restart 4 aqs.*.restart\nrun 10\n", cwd, name="in.first")
    _, out = mggtest.run_lammps(f"""
plugin load libmgglass.so
read_restart aqs.4.restart
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
{FIX.format("events_restarted.txt")}
{THERMO}
run 8
""", cwd, name="in.restarted")
    restarted = aqs_common.parse_thermo(out)
    assert restarted[0, 0] == 4 and restarted[-1, 0] == 12, restarted[:, 0]
    # step, strain, stress, energy, events, last drop at steps 4 .. 12
    mggtest.assert_close("restarted vs continuous", restarted[:, :6], continuous[4:, :6],
                         rtol=1e-8, atol=1e-8)
    assert continuous[-1, 4] >= 1, "the comparison needs an event after the restart"

    def lines(name):
        with open(os.path.join(cwd, name)) as f:
            return [line.split() for line in f]
    first = lines("events_continuous.txt")
    both = lines("events_restarted.txt")
    events = first[1:]
    # header once, the first run's events (steps 1-10), then the restarted run's (steps 5-12)
    expected = [e for e in events if int(e[1]) <= 10] + [e for e in events if int(e[1]) > 4]
    assert both[0] == first[0] and len(both) == 1 + len(expected), (len(both), len(expected))
    mggtest.assert_close("event lines", np.array(both[1:], float), np.array(expected, float),
                         rtol=1e-8, atol=1e-8)

if __name__ == "__main__":
    main()
