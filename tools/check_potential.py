#!/usr/bin/python3
"""Checks potential files against the published Cu-Zr tables listed in potentials/SHA256SUMS.

    tools/check_potential.py FILE [FILE ...]

Prints, per file, which published table it is (or that it matches none) and exits non-zero
when any file matches none."""
import hashlib
import os
import sys

SUMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "potentials", "SHA256SUMS")


def known_tables():
    with open(SUMS) as f:
        return dict(line.split() for line in f if line.strip())


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(paths):
    if not paths:
        sys.exit(__doc__)
    tables = known_tables()
    unknown = 0
    for path in paths:
        name = tables.get(sha256(path))
        if name:
            print(f"{path}: the published {name}")
        else:
            unknown += 1
            print(f"{path}: matches none of the published tables in {os.path.normpath(SUMS)}")
    sys.exit(1 if unknown else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
