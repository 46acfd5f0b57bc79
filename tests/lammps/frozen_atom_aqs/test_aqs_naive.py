"""The frozen-atom sweep of fix frozen_atom_aqs against the naive script (seed 002's protocol in
plain LAMMPS: restore the relaxed pre-event state, apply the event's strain step, fix setforce
0 0 0 on one atom, minimize CG to 1e-8, D_f = sqrt(sum of squared displacements from compute
displace/atom)) on the 2,000-atom sample glass's first event (-xy 2e-4, step 9, 0.03 eV
dissipated), the fix sweeping the atoms within --radius of the event (on --np ranks) from the
relaxed state before that step: D_f of the 10 smallest-D_f atoms, 12 random others and nothing
frozen agree to 1e-3 A.  With --mpi the sweep of the same event is repeated on 2 MPI ranks and
on 2 LAMMPS partitions (-partition 2x1, trials shared out): the same D_f as on one process to
1e-4 A.  The test runs a radius of 2.6 A; --full is the size of bench/RESULTS.md (4.6 A, 20
atoms or more).
(A 250-atom glass's first event there is a 0.65 eV avalanche in which FIRE and CG already
end in different minima with nothing frozen, so it cannot serve as the comparison.)"""
import argparse
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

PLANE, STEP = "-xy", 2e-4
EVENTS = ""


def header(data):
    return f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data {data}
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
change_box all triclinic
"""


def read_atoms_file(path):
    """The last event block of a per-event atoms file: {id: (D_f, core)} and its header fields."""
    blocks = open(path).read().split("# event ")[1:]
    lines = blocks[-1].splitlines()
    fields = lines[0].split()
    head = {"event": int(fields[0])}
    head.update({fields[k]: float(fields[k + 1]) for k in range(1, len(fields) - 1, 2)})
    rows = np.array([[float(v) for v in line.split()] for line in lines[2:] if line.strip()])
    return head, rows


def naive_script(frozen_ids, min_style="cg", ftol=1e-8):
    """Seed 002's protocol in plain LAMMPS, one trial per atom ID (0: nothing frozen), from
    pre_event.data, relaxed by min_style to ftol; prints 'NAIVE id D_f' lines."""
    return f"""
variable a index {' '.join(str(a) for a in frozen_ids)}
label trial
clear
units metal
atom_style atomic
read_data pre_event.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
change_box all {PLANE.lstrip('+-')} delta $({-1.0 if PLANE.startswith('-') else 1.0}*{STEP}*ly) remap units box
group frozen id ${{a}}
fix hold frozen setforce 0.0 0.0 0.0
compute dsp all displace/atom
variable d2 atom c_dsp[1]^2+c_dsp[2]^2+c_dsp[3]^2
compute dsum all reduce sum v_d2
thermo_style custom step pe c_dsum
min_style {min_style}
min_modify line quadratic
minimize 0.0 {ftol} 100000 1000000
print "NAIVE ${{a}} $(sqrt(c_dsum):%.8f)"
next a
jump SELF trial
"""


def sweep_script(keywords, swept=None):
    """The fix's sweep of the event of the step after pre_event.data (the group: the atom IDs
    swept, or all), with the fix keywords given."""
    group = f"group swept id {' '.join(str(a) for a in swept)}\n" if swept is not None else ""
    return f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data pre_event.data
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
{group}fix aqs {'swept' if swept is not None else 'all'} frozen_atom_aqs {PLANE} {STEP} {keywords}
run 1
"""


def sweep_from_data(cwd, radius, name, np_ranks=1, partitions=1, swept=None):
    """The fix's sweep of the event of the step after pre_event.data (the atoms within radius
    of its centre, None: all, of the atom IDs swept, None: all); returns its atoms file rows
    (id type D_f core evaluations)."""
    radius_keyword = f"radius {radius} " if radius is not None else ""
    script = sweep_script(f"{radius_keyword}atoms atoms_{name}.txt", swept)
    if partitions == 1:
        mggtest.run_lammps(script, cwd, np_ranks=np_ranks, name=f"in.{name}")
    else:
        with open(os.path.join(cwd, f"in.{name}"), "w") as f:
            f.write(script)
        subprocess.run(["mpirun", "--oversubscribe", "-np", str(partitions), mggtest.LMP,
                        "-partition", f"{partitions}x1", "-in", f"in.{name}", "-log",
                        f"in.{name}.log"], cwd=cwd, check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, timeout=1800)
    return read_atoms_file(os.path.join(cwd, f"atoms_{name}.txt"))[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--radius", type=float, default=6.0)
    parser.add_argument("--min-atoms", type=int, default=22)
    parser.add_argument("--mpi", action="store_true")
    parser.add_argument("--full", action="store_true", help="radius 4.6, 20 atoms or more, --mpi")
    args = parser.parse_args()
    if args.full:
        args.radius, args.min_atoms, args.mpi = 4.6, 20, True
    data = mggtest.GLASS_50
    cwd = mggtest.workdir(f"frozen_atom_aqs_naive_np{args.np}")

    # the first event of the AQS run, the relaxed state before each step saved
    mggtest.run_lammps(header(data) + f"""
fix aqs all frozen_atom_aqs {PLANE} {STEP} {EVENTS} sweep no file events.txt
thermo_style custom step f_aqs[1] f_aqs[2] f_aqs[4]
variable s loop 12
label aqs_step
  write_data pre_event.data
  run 1
  if "$(f_aqs[4]) > 0" then "jump SELF found"
  next s
jump SELF aqs_step
label found
""", cwd, name="in.find_event")
    events = np.loadtxt(os.path.join(cwd, "events.txt"), ndmin=2)
    assert events.shape[0] > 0, "no event in 12 steps"
    print(f"first event at step {int(events[0, 1])}")

    # the fix's sweep of that event from the relaxed state before it
    rows = sweep_from_data(cwd, args.radius, "sweep", np_ranks=args.np)
    head, _ = read_atoms_file(os.path.join(cwd, "atoms_sweep.txt"))
    analysed = rows[:, 2] >= 0.0
    ids, df = rows[analysed, 0].astype(int), rows[analysed, 2]
    assert head["event"] == 1 and len(ids) >= args.min_atoms, f"{len(ids)} atoms analysed"
    assert np.all(rows[~analysed, 3] == -1), "atoms outside the radius are flagged not analysed"
    print(f"fix: {len(ids)} atoms analysed, reference D_f {head['reference_D_f']:.4f} A, "
          f"{int(head['n_core'])} core atoms")

    rng = np.random.default_rng(2025)
    smallest = ids[np.argsort(df)[:10]]
    rest = np.setdiff1d(ids, smallest)
    others = rng.choice(rest, min(12, len(rest)), replace=False)
    chosen = np.concatenate([[0], smallest, others])  # 0: nothing frozen
    _, out = mggtest.run_lammps(naive_script(chosen), cwd, name="in.naive")
    got = {int(l.split()[1]): float(l.split()[2]) for l in out.splitlines() if l.startswith("NAIVE ")}
    assert len(got) == len(chosen), sorted(got)
    by_id = dict(zip(ids, df))
    fix_df = np.array([head["reference_D_f"]] + [by_id[a] for a in chosen[1:]])
    naive_df = np.array([got[a] for a in chosen])
    for a, f, n in zip(chosen, fix_df, naive_df):
        print(f"atom {a:4d}: fix {f:.5f} naive {n:.5f}")
    mggtest.assert_close("D_f vs naive script", fix_df, naive_df, rtol=0.0, atol=1e-3)

    if args.mpi:
        serial = rows if args.np == 1 else sweep_from_data(cwd, args.radius, "data_serial")
        assert np.count_nonzero(serial[:, 2] >= 0.0) == len(ids)
        for name, np_ranks, partitions in [("data_mpi2", 2, 1), ("data_partitions2", 1, 2)]:
            rows_other = sweep_from_data(cwd, args.radius, name, np_ranks, partitions)
            mggtest.assert_close(f"D_f, {name} vs one process", rows_other[:, 2], serial[:, 2],
                                 rtol=0.0, atol=1e-4)


if __name__ == "__main__":
    main()
