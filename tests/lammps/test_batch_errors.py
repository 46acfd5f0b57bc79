"""An error found on one rank (mgg::StyleArgs::fail_local, LAMMPS's Error::one) reaches a batch
run's redirected stdout and log.lammps, on 1 and 2 MPI ranks, and cites the style's source line.

Error::one writes the message to the screen and the log file, then main() calls MPI_Abort, which
discards unflushed stdio buffers: with stdout redirected to a file (fully buffered) LAMMPS 29 Sep
2021 lost it from both (only "MPI_ABORT was invoked" on stderr). The errors used: compute
participation's sparse eigensolver, which runs on rank 0 only, on a glass that is not at a
minimum (displaced atoms: modes below the shift), and fix frozen_atom_aqs's unwritable atoms
file (opened by rank 0 only). Runs LAMMPS as a user would, without the line buffering (stdbuf)
that mggtest.run_lammps adds."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import mggtest  # noqa: E402

# (name, script, the message's start, the source file that raises it: the style's or its helper's)
CASES = [
    ("participation", mggtest.glass_header() + """
displace_atoms all random 0.3 0.3 0.3 5 units box
compute p all participation fraction 0.01 solver sparse
thermo_style custom step c_p
run 0
""", "ERROR on proc 0: Compute participation: sparse eigensolver: D - shift I is not positive "
     "definite or Lanczos did not converge", "compute_participation.cpp:"),
    ("frozen_atom_aqs", mggtest.glass_header() + """
change_box all triclinic
fix a all frozen_atom_aqs xy 1e-4 atoms no/such/dir/a.txt
run 1
""", "ERROR on proc 0: Fix frozen_atom_aqs: cannot open atoms file no/such/dir/a.txt",
     "mgg_aqs_files.cpp:"),
]


def main():
    for (style, script, message, source), ranks in ((case, ranks) for case in CASES
                                                      for ranks in (1, 2)):
        wd = mggtest.workdir(f"batch_errors_{style}_np{ranks}")
        for name in ("out", "log.lammps"):
            if os.path.exists(os.path.join(wd, name)):
                os.remove(os.path.join(wd, name))
        with open(os.path.join(wd, "in.batch"), "w") as f:
            f.write(script)
        cmd = [mggtest.LMP, "-in", "in.batch"]
        if ranks > 1:
            cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
        with open(os.path.join(wd, "out"), "w") as out:
            code = subprocess.run(cmd, cwd=wd, stdout=out, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, timeout=600).returncode
        assert code != 0, f"{ranks} ranks: LAMMPS did not stop"
        for name in ("out", "log.lammps"):
            with open(os.path.join(wd, name)) as f:
                lines = [line for line in f if line.startswith(message)]
            assert len(lines) == 1, f"{ranks} ranks: {name} has {len(lines)} lines with the message"
            # the raising file and line, not the error helper's (mgg_style_util)
            assert source in lines[0], lines[0]
            print(f"{style}, {ranks} rank(s), {name}: {lines[0].strip()}")
    print("PASS")


if __name__ == "__main__":
    main()
