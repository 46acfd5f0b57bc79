"""fix artn on the shipped Cu50Zr50 glass (relaxed first by LAMMPS's minimize): a few searches
whose validated saddles are re-checked with LAMMPS alone (the saddle dump read back: pe
difference from the minimum = E_act to 1e-6 eV, largest force component below the threshold),
the atoms back at the minimum after the run, the per-atom and global outputs consistent with the
event file; with --mpi, the event file of 2 ranks identical to that of 1 rank."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

COLUMNS = ("search atom type status E_act eigenvalue_1 eigenvalue_2 max_force force_evaluations "
           "displacement atoms_moved duplicate_of seed").split()
FORCE_TOL = 0.05


def relaxed_glass(cwd):
    """The shipped glass relaxed by LAMMPS (the searches' minimum and the re-check's reference)."""
    path = os.path.join(cwd, "relaxed.data")
    if not os.path.exists(path):
        mggtest.run_lammps(mggtest.glass_header().replace("plugin load libmgglass.so", "") +
                           "minimize 0 1e-10 100000 100000\nwrite_data relaxed.data\n", cwd,
                           name="in.relax")
    return path


def header(data):
    return mggtest.glass_header(data)


def run_searches(cwd, data, np_ranks, tag, options, centres, searches):
    # an existing event file would be continued (its searches skipped)
    for name in (f"events.{tag}.txt", f"saddles.{tag}.dump"):
        if os.path.exists(os.path.join(cwd, name)):
            os.remove(os.path.join(cwd, name))
    script = header(data) + f"""
group centres id {centres}
fix a centres artn seed 11 file events.{tag}.txt saddles saddles.{tag}.dump {options}
thermo_style custom step pe f_a[1] f_a[2] f_a[3] f_a[4] f_a[5]
thermo 1
run {searches}
write_dump all custom after.{tag}.dump id x y z f_a[1] f_a[2] f_a[3] f_a[4] modify format float %.17g
"""
    mggtest.run_lammps(script, cwd, np_ranks=np_ranks, name=f"in.search.{tag}")
    with open(os.path.join(cwd, f"events.{tag}.txt")) as f:
        lines = f.readlines()
    names = lines[1].lstrip("# ").split()
    assert names[:len(COLUMNS)] == COLUMNS, names
    rows = [dict(zip(names, line.split())) for line in lines[2:]]
    assert len(rows) == searches, (len(rows), searches)
    return lines, rows


def recheck(cwd, data, tag, rows):
    """Every saddle of the dump (validated, or converged with validate no) through LAMMPS alone."""
    saddles = [r for r in rows if r["status"] in ("saddle", "converged_not_validated")]
    for r in saddles:
        k = int(r["search"])
        script = header(data).replace("plugin load libmgglass.so", "") + f"""
variable e equal pe
variable fm equal fmax
thermo_style custom step pe fmax
run 0
variable e0 equal $e
read_dump saddles.{tag}.dump {k} x y z box yes
run 0
print "RECHECK ${{e0}} $e ${{fm}}"
"""
        _, out = mggtest.run_lammps(script, cwd, name=f"in.recheck.{tag}.{k}")
        line = [l for l in out.splitlines() if l.startswith("RECHECK")][-1]
        e0, e, fmax = (float(v) for v in line.split()[1:])
        e_act = float(r["E_act"])
        print(f"search {k}: E_act {e_act:.6f} eV, LAMMPS {e - e0:.6f} eV, largest force "
              f"component {fmax:.4f} eV/A")
        assert abs((e - e0) - e_act) <= 1e-6, (k, e - e0, e_act)
        assert fmax < FORCE_TOL, (k, fmax)
        if r["status"] == "saddle":
            assert float(r["eigenvalue_1"]) < 0.0 < float(r["eigenvalue_2"]), r
    return len(saddles)


def check_outputs(cwd, data, tag, rows):
    """Atoms back at the minimum; per-atom searches and saddles as in the event file."""
    after = mggtest.Dump(os.path.join(cwd, f"after.{tag}.dump"))
    with open(data) as f:
        lines = f.readlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("Atoms"))
    atoms = np.array([[float(v) for v in l.split()[:5]] for l in lines[start + 2:start + 2002]])
    atoms = atoms[np.argsort(atoms[:, 0])]
    d = after.cols("x", "y", "z") - atoms[:, 2:5]
    frac = np.linalg.solve(after.h, d.T).T
    d = (frac - np.round(frac)) @ after.h.T
    print(f"largest distance from the minimum after the run: {np.abs(d).max():.2e} A")
    assert np.abs(d).max() < 1e-6
    ids = after["id"]
    for r in rows:
        atom = int(r["atom"])
        row = after.data[np.searchsorted(ids, atom)]
        n_search = sum(1 for q in rows if q["atom"] == r["atom"])
        n_saddle = sum(1 for q in rows if q["atom"] == r["atom"] and
                       q["status"] in ("saddle", "converged_not_validated"))
        assert row[after.columns.index("f_a[1]")] == n_search
        assert row[after.columns.index("f_a[2]")] == n_saddle
    assert after["f_a[1]"].sum() == len(rows)
    # per_atom searches of a centre are consecutive
    atoms = [r["atom"] for r in rows]
    runs = [a for i, a in enumerate(atoms) if i == 0 or a != atoms[i - 1]]
    assert len(runs) == len(set(atoms)), atoms


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--options", default="")
    parser.add_argument("--centres", default="1:4")
    parser.add_argument("--searches", type=int, default=4)
    parser.add_argument("--min-saddles", type=int, default=1)
    parser.add_argument("--mpi", action="store_true")
    parser.add_argument("--name", default="glass")
    args = parser.parse_args()
    cwd = mggtest.workdir("artn_" + args.name)
    data = relaxed_glass(cwd)
    lines1, rows = run_searches(cwd, data, 1, "np1", args.options, args.centres, args.searches)
    for line in lines1:
        print(line, end="")
    n = recheck(cwd, data, "np1", rows)
    assert n >= args.min_saddles, f"{n} validated saddles, expected at least {args.min_saddles}"
    check_outputs(cwd, data, "np1", rows)
    if args.mpi:
        lines2, _ = run_searches(cwd, data, 2, "np2", args.options, args.centres, args.searches)
        assert lines2 == lines1, "event files of 1 and 2 ranks differ:\n" + "".join(lines2)
        print("event files of 1 and 2 ranks identical")
    print(f"PASS: {len(rows)} searches, {n} validated saddles re-checked with LAMMPS")


if __name__ == "__main__":
    main()
