"""tools/check_potential.py names the shipped potential and the published files of ../shared,
and rejects a copy with one changed digit."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import mggtest  # noqa: E402

TOOL = os.path.join(mggtest.SOURCE_DIR, "tools", "check_potential.py")
SHARED = os.path.join(mggtest.SOURCE_DIR, "..", "shared", "potentials")


def check(path):
    proc = subprocess.run([sys.executable, TOOL, path], stdout=subprocess.PIPE, text=True)
    print(proc.stdout.strip())
    return proc.returncode, proc.stdout


def main():
    shipped = os.path.join(mggtest.SOURCE_DIR, "potentials", "CuZr_mm.eam.fs")
    code, out = check(shipped)
    assert code == 0 and "published CuZr_mm.eam.fs" in out
    for name in ("Cu-Zr_2.eam.fs", "Cu-Zr_4.eam.fs", "ZrCuAl2011.eam.alloy"):
        path = os.path.join(SHARED, name)
        if os.path.exists(path):    # the published files are not shipped with the package
            code, out = check(path)
            assert code == 0 and f"published {name}" in out
    wd = mggtest.workdir("check_potential")
    altered = os.path.join(wd, "CuZr_altered.eam.fs")
    shutil.copy(shipped, altered)
    with open(altered, "r+") as f:
        text = f.read()
        f.seek(0)
        f.write(text.replace("E-0002", "E-0003", 1))
    code, out = check(altered)
    assert code == 1 and "matches none" in out
    print("PASS")


if __name__ == "__main__":
    main()
