"""fix artn continues earlier work: 4 searches in one run against (a) 3 searches, then a new
LAMMPS whose fix finds the same event file and runs 4 steps (searches 1-3 skipped), and (b) 3
searches, write_restart, a new LAMMPS from read_restart with the fix again and 1 more step.
Both give the event lines of the single run, and its final global vector (searches, saddles,
fraction and distinct exactly; the mean cost from the event file's rounded column). Four
searches on atom 4 with seed 11: search 4 converges to search 3's saddle (asserted), so
the duplicate is found only when the saddle dump is read back (without it: a warning, and
search 4 is not flagged). With --ranks 2 the second halves run on 2 ranks. A fix whose event
file or restart data are of another seed or mode, or whose restart data are of another layout
(their marker or version changed in the file), stops with its message."""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402
from test_artn_glass import relaxed_glass  # noqa: E402

CENTRES = "4"
# the fix's restart data begin with this marker and the version of their layout
RESTART_MARKER, RESTART_VERSION = 14.0e6, 1.0


def fix_line(tag, options, seed=11):
    return (f"group centres id {CENTRES}\n"
            f"fix a centres artn seed {seed} file events.{tag}.txt saddles saddles.{tag}.dump {options}\n"
            "thermo_style custom step f_a[1] f_a[2] f_a[3] f_a[4] f_a[5]\nthermo 1\n")


FINAL = """variable v1 equal f_a[1]
variable v2 equal f_a[2]
variable v3 equal f_a[3]
variable v4 equal f_a[4]
variable v5 equal f_a[5]
print "FINAL ${v1} ${v2} ${v3} ${v4} ${v5}"
"""


def final_vector(out):
    line = [l for l in out.splitlines() if l.startswith("FINAL")][-1]
    return [float(v) for v in line.split()[1:]]


def events(cwd, tag):
    with open(os.path.join(cwd, f"events.{tag}.txt")) as f:
        return f.readlines()


def same_vector(got, want, what):
    assert got[0] == want[0] and got[1] == want[1] and got[2] == want[2] and got[4] == want[4], \
        (what, got, want)
    # the cost column is written to 0.1: the mean per saddle within that of the single run
    assert abs(got[3] - want[3]) <= 0.05 * got[0], (what, got, want)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--options", default="per_atom 4 local_radius 6 validate no eigenvalue_threshold -0.1")
    parser.add_argument("--ranks", type=int, default=1)
    args = parser.parse_args()
    cwd = mggtest.workdir("artn_resume")
    data = relaxed_glass(cwd)
    for name in os.listdir(cwd):
        if name.startswith(("events.", "saddles.", "restart.")):
            os.remove(os.path.join(cwd, name))
    head = mggtest.glass_header(data)

    _, out = mggtest.run_lammps(head + fix_line("one", args.options) + "run 4\n" + FINAL, cwd,
                                name="in.one")
    want_lines, want_vector = events(cwd, "one"), final_vector(out)
    print("".join(want_lines), "single run:", want_vector)
    assert len(want_lines) == 6 and want_vector[0] == 4
    duplicates = [l.split()[11] for l in want_lines[2:]]
    assert duplicates == ["-1", "-1", "-1", "3"], \
        f"duplicate_of {duplicates}: the duplicate across the resume is not exercised"

    # (a) the same event file found by a new fix: its searches skipped, its counters rebuilt
    mggtest.run_lammps(head + fix_line("two", args.options) + "run 3\n", cwd, name="in.two_first")
    with open(os.path.join(cwd, "events.two.txt")) as f, \
            open(os.path.join(cwd, "events.nodump.txt"), "w") as g:
        g.write(f.read())
    _, out = mggtest.run_lammps(head + fix_line("two", args.options) + "run 4\n" + FINAL, cwd,
                                np_ranks=args.ranks, name="in.two_second")
    assert "Fix artn: continuing 3 searches done before (0 from the restart file, 3 from event " \
           "file events.two.txt)" in out, out[-3000:]
    assert events(cwd, "two") == want_lines, "resumed event file differs:\n" + "".join(events(cwd, "two"))
    same_vector(final_vector(out), want_vector, "resumed")
    print("resumed from the event file: identical event lines, global vector", final_vector(out))

    # without the saddle dump the earlier saddles are unknown: a warning, no duplicate
    _, out = mggtest.run_lammps(head + fix_line("nodump", args.options).replace(
        "saddles saddles.nodump.dump", "") + "run 4\n", cwd, name="in.nodump")
    before = sum(1 for l in want_lines[2:5] if l.split()[3] in ("saddle", "converged_not_validated")
                 and l.split()[11] == "-1")
    assert (f"WARNING: Fix artn: {before} of the {before} distinct saddles found before are not in "
            "the saddle dump (no keyword saddles): duplicates of them are not detected") in out, out[-3000:]
    assert events(cwd, "nodump")[-1].split()[11] == "-1"

    # a fix with another seed refuses the file
    rc, out = mggtest.run_lammps(head + fix_line("two", args.options, seed=12) + "run 1\n", cwd,
                                 name="in.two_seed", check=False)
    message = ("Fix artn: event file events.two.txt holds searches in local mode with seed 11, "
               "this fix runs local mode with seed 12")
    assert rc != 0 and message in out, out[-3000:]
    assert events(cwd, "two") == want_lines, "the refused file changed"

    # (b) a restart file: the counters and the steps done travel in it
    mggtest.run_lammps(head + fix_line("three", args.options) + "run 3\nwrite_restart restart.three\n",
                       cwd, name="in.three_first")
    script = ("plugin load libmgglass.so\nread_restart restart.three\npair_style eam/fs\n"
              "pair_coeff * * CuZr_mm.eam.fs Cu Zr\n" + fix_line("three", args.options) +
              "run 1\n" + FINAL)
    _, out = mggtest.run_lammps(script, cwd, np_ranks=args.ranks, name="in.three_second")
    assert "Fix artn: continuing 3 searches done before (3 from the restart file, 0 from event " \
           "file events.three.txt)" in out, out[-3000:]
    assert events(cwd, "three") == want_lines, "restarted event file differs:\n" + "".join(events(cwd, "three"))
    same_vector(final_vector(out), want_vector, "restarted")
    print("restarted: identical event lines, global vector", final_vector(out))

    # the restart's fix with another seed
    rc, out = mggtest.run_lammps(script.replace("seed 11", "seed 12").replace("events.three", "events.four"),
                                 cwd, name="in.three_seed", check=False)
    message = "Fix artn: fix a of the restart file used seed 11, this one seed 12"
    assert rc != 0 and message in out, out[-3000:]
    # ... and in another mode
    rc, out = mggtest.run_lammps(script.replace("per_atom 4", "per_atom 4 mode full").replace(
        "events.three", "events.four"), cwd, name="in.three_mode", check=False)
    message = "Fix artn: fix a of the restart file ran in local mode, this one in full"
    assert rc != 0 and message in out, out[-3000:]

    # restart data of another layout: the version after the fix's marker changed, then the marker
    for name, offset, value, theirs in (("version", 8, 2.0, 2), ("marker", 0, 13.0e6, 0)):
        with open(os.path.join(cwd, "restart.three"), "rb") as f:
            data = bytearray(f.read())
        at = data.find(struct.pack("=dd", RESTART_MARKER, RESTART_VERSION))
        assert at >= 0 and data.find(struct.pack("=d", RESTART_MARKER), at + 1) < 0, \
            "the fix's restart marker not found once in restart.three"
        data[at + offset:at + offset + 8] = struct.pack("=d", value)
        with open(os.path.join(cwd, f"restart.{name}"), "wb") as f:
            f.write(data)
        rc, out = mggtest.run_lammps(script.replace("restart.three", f"restart.{name}").replace(
            "events.three", "events.four"), cwd, name=f"in.three_{name}", check=False)
        message = (f"Fix artn: the restart data of fix a are not of this layout (theirs {theirs}, "
                   "this one reads 1): give this fix another ID to start a new count")
        assert rc != 0 and message in out, out[-3000:]
    print("PASS")


if __name__ == "__main__":
    main()
