#!/usr/bin/python3
"""CMake refuses a LAMMPS the compatibility layer does not know, naming the version and the
supported range: a source tree older than 29 Sep 2021 and one newer than 4 Feb 2025 (without
MGG_ALLOW_UNTESTED_LAMMPS) stop at configure time; with the option the newer one gets past the
version check with a warning.

  test_lammps_version.py SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile


def configure(source, version, *options):
    """Configures mgglass against a fake LAMMPS src/ that reports `version`."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        with open(os.path.join(src, "version.h"), "w") as f:
            f.write(f'#define LAMMPS_VERSION "{version}"\n')
        open(os.path.join(src, "lammps.h"), "w").close()
        p = subprocess.run(["cmake", "-S", source, "-B", os.path.join(tmp, "build"),
                            f"-DLAMMPS_SOURCE_DIR={src}", *options],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return p.returncode, " ".join(p.stdout.split())


def main():
    source = sys.argv[1]
    for version in ("7 Aug 2019", "2 Apr 2025"):
        code, out = configure(source, version)
        assert code != 0, f"{version}: configured\n{out}"
        assert "is not supported: mgglass supports LAMMPS 20210929 to 20250204" in out, out
        assert version in out, f"the message does not name {version}: {out}"
        print(f"{version}: refused: ...{out[out.index('is not supported'):][:120]}...")
    code, out = configure(source, "2 Apr 2025", "-DMGG_ALLOW_UNTESTED_LAMMPS=ON")
    assert "newer than the newest tested version" in out and "is not supported" not in out, out
    print("2 Apr 2025 with MGG_ALLOW_UNTESTED_LAMMPS=ON: past the version check, with a warning")
    print("PASS")


if __name__ == "__main__":
    main()
