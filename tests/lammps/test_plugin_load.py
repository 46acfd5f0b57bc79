"""plugin load libmgglass.so works from any directory, serially and under mpirun, with the
project's own LAMMPS library (not Debian's liblammps0 of the same soname) of the version the
plugin was compiled for."""
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

    number = os.environ["MGG_LAMMPS_VERSION"]    # 20250204 -> "4 Feb 2025"
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    version = f"{int(number[6:])} {months[int(number[4:6]) - 1]} {number[:4]}"
    wd = mggtest.workdir("plugin_load")
    for ranks in (1, 2):
        code, out = mggtest.run_lammps(SCRIPT, wd, np_ranks=ranks, name=f"in.load_np{ranks}")
        assert "compute style plugin dmin2" in out, out
        assert f"LAMMPS ({version}" in out, f"not LAMMPS {version}: {out[:300]}"
        print(f"{ranks} rank(s): LAMMPS {version}, loaded, dmin2 registered")
    print("PASS")


if __name__ == "__main__":
    main()
