#!/usr/bin/python3
"""The full-size versions of fix frozen_atom_aqs's long comparisons, which the test suite runs on
smaller cases (tests/lammps/frozen_atom_aqs/tests.cmake): each test script with --full (the
SD comparison at the step of 2e-4, 10 steps), one after the other in --workdir, printing each
one's wall time and whether it passed.

    MGG_PLUGIN_DIR=$PWD/build bench/run_aqs_full_tests.py --workdir /tmp/aqs_full
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests", "lammps", "frozen_atom_aqs")
RUNS = [
    ("sweep_vs_naive", ["test_aqs_naive.py", "--np", "1", "--full"]),
    ("sd_core", ["test_aqs_sd_core.py", "--full"]),
    ("mpi_grids", ["test_aqs_mpi_grids.py", "--full"]),
    ("vs_plain_script_sd", ["test_aqs_vs_plain.py", "--np", "1", "--min", "sd", "--ftol", "1e-4"]),
    ("other_minima", ["test_aqs_other_minima.py", "--full"]),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", default="aqs_full")
    parser.add_argument("--only", nargs="*", help="names of the runs (default: all)")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    failed = 0
    for name, command in RUNS:
        if args.only and name not in args.only:
            continue
        start = time.time()
        with open(os.path.join(args.workdir, f"{name}.log"), "w") as log:
            rc = subprocess.run([sys.executable, os.path.join(TESTS, command[0])] + command[1:],
                                cwd=args.workdir, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
        failed += rc != 0
        print(f"{name:20s} {'passed' if rc == 0 else 'FAILED'} {time.time() - start:7.0f} s",
              flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
