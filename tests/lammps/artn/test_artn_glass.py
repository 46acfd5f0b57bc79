"""fix artn on the shipped Cu50Zr50 glass (relaxed first by LAMMPS's minimize): a few searches
whose validated saddles are re-checked with LAMMPS alone (the saddle dump read back: pe
difference from the minimum = E_act to 1e-6 eV, largest force component below the threshold;
the Hessian block of the atoms within BLOCK_RADIUS of the centre by PHONON's dynamical_matrix:
exactly one negative eigenvalue at the saddle, none at the minimum), the atoms back at the
minimum after the run, the per-atom and global outputs consistent with the event file; E_final
(with relax_final yes) against LAMMPS's minimize from the saddle; with --mpi, the event file of 2
ranks identical to that of 1 rank."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

COLUMNS = ("search atom type status E_act eigenvalue_1 eigenvalue_2 max_force force_evaluations "
           "displacement atoms_moved duplicate_of seed").split()
FORCE_TOL = 0.05
# the curvature re-check: the block of the atoms within this distance (A) of the centre at the
# saddle (all other atoms fixed), central differences of LAMMPS forces with this step (A)
BLOCK_RADIUS = 7.0
DYNMAT_STEP = 1e-6
# eV/A^2: the fix's exact curvatures against central differences of forces across the
# potential's C1 spline knots (the blocks are symmetric to 1e-4, their lowest eigenvalues move
# by 2e-6 from a step of 1e-6 to 1e-5)
CURVATURE_TOL = 1e-3
# relative: the block's lowest eigenvalue against the energy's second difference along its
# eigenvector (the units check: masses of 1 amu make the matrix eV/A^2). The second difference
# spans knots of the C1 splines (every 7.6e-4 A) where the second derivative jumps: 1% apart at
# one refined saddle (-0.6855 against -0.6790), where a unit error would be a factor of ~100
UNIT_CHECK_TOL = 0.02
# A: the step of the energy's second difference along the block's lowest eigenvector (its
# error: the quartic term, ~h^2, and the energy's rounding over h^2, ~1e-10 eV / h^2)
CURVATURE_STEP = 1e-3
# E_final's re-check: LAMMPS's CG from the saddle moved this far (A) away from the minimum
# (along saddle - minimum, not the fix's eigenvector), to the fix's same_energy (eV)
FINAL_STEP = 0.1
FINAL_TOL = 1e-3


def relaxed_glass(cwd):
    """The shipped glass relaxed by LAMMPS (the searches' minimum and the re-check's reference)."""
    path = os.path.join(cwd, "relaxed.data")
    if not os.path.exists(path):
        mggtest.run_lammps(mggtest.glass_header().replace("plugin load libmgglass.so", "") +
                           "minimize 0 1e-10 100000 100000\nwrite_data relaxed.data\n", cwd,
                           name="in.relax")
    return path


# LAMMPS 29 Sep 2021 resolves f_ID[k] in an atom-style variable to the fix's global vector
# (context-sensitive references came in August 2023): the outputs are read again through
# atom-style variables, which read array_atom with a stride of its 4 columns, on later versions
PER_ATOM_VARIABLES = int(os.environ.get("MGG_LAMMPS_VERSION", "0")) >= 20231121
AFTER_DUMP = ("".join(f"variable v{k} atom f_a[{k}]\n" for k in range(1, 5)) +
              "write_dump all custom after.{tag}.dump id x y z f_a[1] f_a[2] f_a[3] f_a[4] "
              "v_v1 v_v2 v_v3 v_v4 modify format float %.17g"
              if PER_ATOM_VARIABLES else
              "write_dump all custom after.{tag}.dump id x y z f_a[1] f_a[2] f_a[3] f_a[4] "
              "modify format float %.17g")


def header(data, extra=""):
    return mggtest.glass_header(data, extra)


def run_searches(cwd, data, np_ranks, tag, options, centres, searches, partitions=1):
    # an existing event file would be continued (its searches skipped)
    for name in (f"events.{tag}.txt", f"saddles.{tag}.dump"):
        if os.path.exists(os.path.join(cwd, name)):
            os.remove(os.path.join(cwd, name))
    # partitions: the event and saddle files are written by the first alone, the per-atom outputs
    # dumped by each to its own file
    after = (AFTER_DUMP.format(tag=tag) if partitions == 1 else
             "variable w world " + " ".join(map(str, range(partitions))) + "\n" +
             AFTER_DUMP.format(tag=tag + ".${w}"))
    script = header(data) + f"""
group centres id {centres}
fix a centres artn seed 11 file events.{tag}.txt saddles saddles.{tag}.dump {options}
thermo_style custom step pe f_a[1] f_a[2] f_a[3] f_a[4] f_a[5]
thermo 1
run {searches}
{after}
"""
    mggtest.run_lammps(script, cwd, np_ranks=np_ranks, name=f"in.search.{tag}", partitions=partitions)
    with open(os.path.join(cwd, f"events.{tag}.txt")) as f:
        lines = f.readlines()
    names = lines[1].lstrip("# ").split()
    assert names[:len(COLUMNS)] == COLUMNS, names
    rows = [dict(zip(names, line.split())) for line in lines[2:]]
    assert len(rows) == searches, (len(rows), searches)
    return lines, rows


def block_ids(frame, centre, radius):
    """IDs of the atoms within radius of the centre atom (minimum image), the centre included."""
    x = frame.cols("x", "y", "z")
    ids = frame["id"].astype(int)
    d = frame.box.minimum_image(x - x[ids == centre][0])
    return ids[np.linalg.norm(d, axis=1) < radius]


def check_curvatures(cwd, data, tag, k, frame, ids, eigenvalue_1):
    """The Hessian blocks from dynamical_matrix (masses set to 1 amu, so the matrix is the
    Hessian in eV/A^2, the fix's unit) at the minimum and at saddle k. The block is a principal
    submatrix of the whole Hessian, whose eigenvalues at a validated saddle are eigenvalue_1 < 0,
    three zeros (translations), then positive ones; by Cauchy interlacing the block's lowest is
    >= eigenvalue_1 and its second >= 0, so the block has at most one negative eigenvalue. That it
    has one (the unstable mode lies around the centre) and none at the minimum is the check. The
    unit: the block's lowest eigenvalue against the second difference of LAMMPS's energy along
    its eigenvector."""
    n = len(ids)
    w_min = np.linalg.eigvalsh(mggtest.dynamical_matrix(os.path.join(cwd, f"min.{tag}.{k}.bin"), n))
    w, v = np.linalg.eigh(mggtest.dynamical_matrix(os.path.join(cwd, f"saddle.{tag}.{k}.bin"), n))
    x = frame.cols("x", "y", "z")[np.isin(frame["id"], ids)]
    h = CURVATURE_STEP
    sets = ["\n".join(f"set atom {i} x {p[0]:.17g} y {p[1]:.17g} z {p[2]:.17g}"
                       for i, p in zip(ids, x + sign * h * v[:, 0].reshape(n, 3)))
            for sign in (1, -1)]
    script = header(data).replace("plugin load libmgglass.so", "") + f"""
read_dump saddles.{tag}.dump {k} x y z box yes
variable e equal pe
thermo_style custom step pe
run 0
variable e0 equal $e
{sets[0]}
run 0
variable ep equal $e
{sets[1]}
run 0
print "CURVATURE ${{e0}} ${{ep}} $e"
"""
    _, out = mggtest.run_lammps(script, cwd, name=f"in.curvature.{tag}.{k}")
    line = [l for l in out.splitlines() if l.startswith("CURVATURE")][-1]
    e0, ep, em = (float(v) for v in line.split()[1:])
    curvature = (ep + em - 2.0 * e0) / h ** 2
    print(f"search {k}: Hessian block of {n} atoms within {BLOCK_RADIUS} A of the centre: lowest "
          f"eigenvalues at the saddle {w[0]:.6f} {w[1]:.6f} eV/A^2 (whole system: eigenvalue_1 "
          f"{eigenvalue_1:.6f}; LAMMPS energy along the block's eigenvector {curvature:.6f}), "
          f"lowest at the minimum {w_min[0]:.6f}")
    assert w_min[0] > 0.0, (k, w_min[:3])
    assert w[0] < 0.0 < w[1], (k, w[:3])
    assert w[0] >= eigenvalue_1 - CURVATURE_TOL, (k, w[0], eigenvalue_1)
    assert abs(curvature - w[0]) <= UNIT_CHECK_TOL * abs(w[0]), (k, curvature, w[0])


def recheck(cwd, data, tag, rows):
    """Every saddle of the dump (validated, or converged with validate no) through LAMMPS alone;
    the curvatures of the validated ones."""
    saddles = [r for r in rows if r["status"] in ("saddle", "converged_not_validated")]
    frames = {f.timestep: f for f in mggtest.mgglass.iter_dump(
        os.path.join(cwd, f"saddles.{tag}.dump"), sort=True)} if saddles else {}
    for r in saddles:
        k = int(r["search"])
        validated = r["status"] == "saddle"
        ids = block_ids(frames[k], int(r["atom"]), BLOCK_RADIUS)

        def dynmat(state):
            return (f"dynamical_matrix block regular {DYNMAT_STEP} file {state}.{tag}.{k}.bin "
                    "binary yes" if validated else "")
        script = header(data, "atom_modify map yes").replace("plugin load libmgglass.so", "") + f"""
mass * 1.0
group block id {' '.join(str(i) for i in ids)}
variable e equal pe
variable fm equal fmax
thermo_style custom step pe fmax
run 0
variable e0 equal $e
{dynmat("min")}
read_dump saddles.{tag}.dump {k} x y z box yes
run 0
print "RECHECK ${{e0}} $e ${{fm}}"
{dynmat("saddle")}
"""
        _, out = mggtest.run_lammps(script, cwd, name=f"in.recheck.{tag}.{k}")
        line = [l for l in out.splitlines() if l.startswith("RECHECK")][-1]
        e0, e, fmax = (float(v) for v in line.split()[1:])
        e_act = float(r["E_act"])
        print(f"search {k}: E_act {e_act:.6f} eV, LAMMPS {e - e0:.6f} eV, largest force "
              f"component {fmax:.4f} eV/A")
        assert abs((e - e0) - e_act) <= 1e-6, (k, e - e0, e_act)
        assert fmax < FORCE_TOL, (k, fmax)
        if validated:
            assert float(r["eigenvalue_1"]) < 0.0 < float(r["eigenvalue_2"]), r
            check_curvatures(cwd, data, tag, k, frames[k], ids, float(r["eigenvalue_1"]))
        if np.isfinite(float(r["E_final"])):
            assert validated, r
            check_final(cwd, data, tag, k, frames[k], e_act, float(r["E_final"]))
    return len(saddles)


def check_final(cwd, data, tag, k, frame, e_act, e_final):
    """The other minimum's energy by LAMMPS alone: CG from the saddle moved FINAL_STEP away from
    the minimum."""
    x0 = mggtest.mgglass.read_data(data).x  # rows by ID, as the frame's
    xs = frame.cols("x", "y", "z")
    away = frame.box.minimum_image(xs - x0)
    moved = xs + FINAL_STEP * away / np.linalg.norm(away)
    with open(os.path.join(cwd, f"saddles.{tag}.dump")) as f:
        box = "ITEM: BOX BOUNDS" + f.read().split("ITEM: BOX BOUNDS")[1].split("ITEM: ATOMS")[0]
    with open(os.path.join(cwd, f"final.{tag}.{k}.dump"), "w") as f:
        f.write(f"ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{len(moved)}\n{box}ITEM: ATOMS id x y z\n")
        for i, (a, b, c) in zip(frame["id"].astype(int), moved):
            f.write(f"{i} {a:.16g} {b:.16g} {c:.16g}\n")
    script = header(data).replace("plugin load libmgglass.so", "") + f"""
thermo_style custom step pe
run 0
variable e0 equal $(pe:%.10f)
read_dump final.{tag}.{k}.dump 0 x y z
minimize 0 1e-8 100000 100000
print "FINAL ${{e0}} $(pe:%.10f)"
"""
    _, out = mggtest.run_lammps(script, cwd, name=f"in.final.{tag}.{k}")
    e0, e = (float(v) for v in [l for l in out.splitlines() if l.startswith("FINAL")][-1].split()[1:])
    print(f"search {k}: E_final {e_final:.6f} eV, LAMMPS from the saddle {e - e0:.6f} eV "
          f"(reverse barrier {e_act - e_final:.6f} eV)")
    assert abs((e - e0) - e_final) <= FINAL_TOL, (k, e - e0, e_final)


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
    if PER_ATOM_VARIABLES:
        for k in range(1, 5):
            assert np.array_equal(after[f"f_a[{k}]"], after[f"v_v{k}"]), f"f_a[{k}] through a variable"
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
    parser.add_argument("--partitions", action="store_true",
                        help="also on 2 partitions of 1 rank (full mode)")
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
    if args.partitions:
        lines_p, rows_p = run_searches(cwd, data, 1, "p2", args.options, args.centres, args.searches, partitions=2)
        assert lines_p == lines1, "event files of 1 and 2 partitions differ:\n" + "".join(lines_p)
        with open(os.path.join(cwd, "saddles.np1.dump")) as a, open(os.path.join(cwd, "saddles.p2.dump")) as b:
            assert a.read() == b.read(), "saddle dumps of 1 and 2 partitions differ"
        # both partitions hold every search's outputs
        for w in (0, 1):
            check_outputs(cwd, data, f"p2.{w}", rows_p)
        print("event files and saddle dumps of 1 rank and 2 partitions identical")
    print(f"PASS: {len(rows)} searches, {n} validated saddles re-checked with LAMMPS")


if __name__ == "__main__":
    main()
