#!/usr/bin/python3
"""The reliability table of the landed styles (issue 13): every argument and input error case
of the test suite run as a user runs LAMMPS (batch mode, stdout redirected to a file, no line
buffering) on 1 and 2 MPI ranks, each classified as

  clear error   an ERROR line with the expected message in stdout and in log.lammps
  lost message  the run stopped, the message missing from stdout or log.lammps
  crash         killed by a signal, C++ exception, segfault or an abort without an ERROR line
  no error      the run finished

and the per-atom outputs of every style on 1, 2, 3 and 4 ranks against 1 rank (a tilted Cu64Zr36
glass after a short MD run for the computes, the 256-atom cell with one swept event for
fix frozen_atom_aqs): the largest difference relative to each column's largest value.
Prints a Markdown table for bench/RESULTS.md.

  /usr/bin/python3 bench/run_reliability.py [--ranks 1,2,3,4] [--workdir DIR]
"""
import argparse
import importlib.util
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests", "lammps")
sys.path.insert(0, TESTS)
sys.path.insert(0, os.path.join(TESTS, "frozen_atom_aqs"))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

# style -> (test module with CASES, prefix of every expected message)
ERROR_TESTS = {
    "dmin2": ("dmin2/test_dmin2_errors.py", ""),
    "voronoi_index": ("voronoi_index/test_voronoi_index_errors.py", "STYLE"),
    "flexvol": ("flexvol/test_flexvol_errors.py", ""),
    "s2entropy": ("s2entropy/test_s2_errors.py", ""),
    "participation": ("participation/test_participation_errors.py", ""),
    "frozen_atom_aqs": ("frozen_atom_aqs/test_aqs_errors.py", ""),
}
CRASH_SIGNS = ("Segmentation", "terminate called", "bad_alloc", "Aborted", "core dumped",
               "signal")


def load_cases(relpath, prefix_name):
    spec = importlib.util.spec_from_file_location(os.path.basename(relpath)[:-3],
                                                  os.path.join(TESTS, relpath))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    prefix = getattr(module, prefix_name) if prefix_name else ""
    return [(name, script, prefix + pattern) for name, script, pattern in module.CASES]


def run_batch(script, cwd, ranks, timeout=600):
    """Runs script as `lmp -in in.case > out 2> err`; returns (exit code, stdout, stderr, log)."""
    with open(os.path.join(cwd, "in.case"), "w") as f:
        f.write(script)
    for name in ("out", "err", "log.lammps"):
        if os.path.exists(os.path.join(cwd, name)):
            os.remove(os.path.join(cwd, name))
    cmd = [mggtest.LMP, "-in", "in.case"]
    if ranks > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
    with open(os.path.join(cwd, "out"), "w") as out, open(os.path.join(cwd, "err"), "w") as err:
        try:
            code = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
    texts = []
    for name in ("out", "err", "log.lammps"):
        path = os.path.join(cwd, name)
        texts.append(open(path, errors="replace").read() if os.path.exists(path) else "")
    return (code, *texts)


def classify(code, out, err, log, pattern):
    if code == 0:
        return "no error"
    errors_out = [line for line in out.splitlines() if line.startswith("ERROR")]
    if code == "timeout" or code < 0 or (not errors_out and any(s in out + err
                                                                  for s in CRASH_SIGNS)):
        return "crash"
    in_out = any(pattern in line for line in errors_out)
    if in_out and pattern in log:
        return "clear error"
    if in_out or pattern in log:
        return "lost message"
    return "other error" if errors_out or "ERROR" in log else "lost message"


def error_table(workdir, ranks_list):
    rows = {}
    for style, (relpath, prefix) in ERROR_TESTS.items():
        counts = {}
        for name, script, pattern in load_cases(relpath, prefix):
            for ranks in ranks_list:
                wd = os.path.join(workdir, "errors", style, f"{name}_np{ranks}")
                os.makedirs(wd, exist_ok=True)
                outcome = classify(*run_batch(script, wd, ranks), pattern)
                counts[outcome] = counts.get(outcome, 0) + 1
                if outcome != "clear error":
                    print(f"  {style} {name} np{ranks}: {outcome} (in {wd})", flush=True)
        rows[style] = counts
        print(f"{style}: {counts}", flush=True)
    return rows


# the computes on a tilted Cu64Zr36 glass after a short MD run (atoms away from their reference
# positions, ghosts across a tilted boundary), all per-atom outputs dumped by atom id
COMPUTES = mggtest.glass_header(mggtest.GLASS_64) + """
change_box all triclinic
change_box all xy final -3.0 yz final 2.0 remap units box
compute d all dmin2 3.8
compute v all voronoi_index favoured_cn 12 16
compute s2 all s2entropy 6.4
compute dsp all displace/atom
velocity all create 800 771 dist gaussian
fix nve all nve
timestep 0.002
run 100
unfix nve
variable msd atom c_dsp[4]^2+0.3
compute fv all flexvol v_msd c_v[1]
minimize 0 1e-10 10000 100000
compute p all participation fraction 0.005
run 0
write_dump all custom outputs.dump id c_d[1] c_d[2] c_d[3] c_v[1] c_v[2] c_v[3] c_v[4] c_v[5] &
  c_v[6] c_v[7] c_v[8] c_s2 c_fv c_p[1] modify sort id format float %.17g
"""
# the 256-atom cell written once (its random displacement and capped minimisation depend on the
# rank count), then read by every run; one event forced at step 1 (as the mpi_grids test)
FROZEN = """
plugin load libmgglass.so
units metal
atom_style atomic
read_data {cell}
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
fix aqs all frozen_atom_aqs xy 1e-3 drop 1e-12 edrop 1e-12 radius 2.9
run 1
write_dump all custom outputs.dump id f_aqs[1] f_aqs[2] f_aqs[3] f_aqs[4] f_aqs[5] f_aqs[6] &
  f_aqs[7] f_aqs[8] modify sort id format float %.17g
"""
STYLE_COLUMNS = {
    "dmin2": ["c_d[1]", "c_d[2]", "c_d[3]"],
    "voronoi_index": [f"c_v[{k}]" for k in range(1, 9)],
    "s2entropy": ["c_s2"],
    "flexvol": ["c_fv"],
    "participation": ["c_p[1]"],
    "frozen_atom_aqs": [f"f_aqs[{k}]" for k in range(1, 9)],
}


def mpi_table(workdir, ranks_list):
    """Largest relative difference per style of the per-atom outputs on N ranks vs 1 rank."""
    worst = {style: {} for style in STYLE_COLUMNS}
    cell_dir = os.path.join(workdir, "mpi", "cell")
    os.makedirs(cell_dir, exist_ok=True)
    if run_batch(aqs_common.SMALL_CELL, cell_dir, 1)[0] != 0:
        raise RuntimeError(f"the 256-atom cell failed: see {cell_dir}")
    frozen = FROZEN.format(cell=os.path.join(cell_dir, "cell256.data"))
    for label, script in (("computes", COMPUTES), ("frozen", frozen)):
        dumps = {}
        for ranks in ranks_list:
            wd = os.path.join(workdir, "mpi", f"{label}_np{ranks}")
            os.makedirs(wd, exist_ok=True)
            start = time.time()
            code, out, err, log = run_batch(script, wd, ranks, timeout=3600)
            if code != 0:
                raise RuntimeError(f"{label} on {ranks} ranks failed ({code}): see {wd}")
            dumps[ranks] = mggtest.Dump(os.path.join(wd, "outputs.dump"))
            print(f"{label} np{ranks}: {time.time() - start:.0f} s", flush=True)
        for style, columns in STYLE_COLUMNS.items():
            if columns[0] not in dumps[ranks_list[0]].columns:
                continue
            ref = dumps[ranks_list[0]].cols(*columns)
            for ranks in ranks_list[1:]:
                got = dumps[ranks].cols(*columns)
                scale = np.maximum(np.max(np.abs(ref), axis=0), 1e-300)
                worst[style][ranks] = float(np.max(np.abs(got - ref) / scale))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ranks", default="1,2,3,4")
    parser.add_argument("--error-ranks", default="1,2")
    parser.add_argument("--workdir", default=os.path.join(os.getcwd(), "reliability"))
    parser.add_argument("--skip-errors", action="store_true", help="the MPI agreement only")
    args = parser.parse_args()
    ranks = [int(r) for r in args.ranks.split(",")]
    errors = {} if args.skip_errors else error_table(args.workdir, [int(r) for r in
                                                                    args.error_ranks.split(",")])
    mpi = mpi_table(args.workdir, ranks)
    outcomes = ["clear error", "lost message", "other error", "crash", "no error"]
    print("\n| style | error cases x ranks | " + " | ".join(outcomes) + " | "
          + " | ".join(f"{r} ranks vs 1" for r in ranks[1:]) + " |")
    print("|---" * (2 + len(outcomes) + len(ranks) - 1) + "|")
    for style in STYLE_COLUMNS:
        counts = errors.get(style, {})
        cells = [str(sum(counts.values()))] + [str(counts.get(o, 0)) for o in outcomes]
        cells += [f"{mpi[style][r]:.1e}" if r in mpi[style] else "-" for r in ranks[1:]]
        print(f"| {style} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
