"""plugin load libmgglass.so works from any directory, serially and under mpirun, with the
project's own LAMMPS library (not Debian's liblammps0 of the same soname)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import mggtest  # noqa: E402

SCRIPT = """
plugin load libmgglass.so
plugin list
"""


def main():
    lmp = os.environ["MGG_LMP"]
    ldd = subprocess.run(["ldd", lmp], stdout=subprocess.PIPE, text=True, check=True).stdout
    lib = [line for line in ldd.splitlines() if "liblammps" in line]
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(lmp)))
    print("lmp links", lib)
    assert lib and prefix in lib[0], f"{lmp} must load liblammps from {prefix}, not {lib}"

    wd = mggtest.workdir("plugin_load")
    for ranks in (1, 2):
        code, out = mggtest.run_lammps(SCRIPT, wd, np_ranks=ranks, name=f"in.load_np{ranks}")
        assert "compute style plugin dmin2" in out, out
        print(f"{ranks} rank(s): loaded, dmin2 registered")
    print("PASS")


if __name__ == "__main__":
    main()
