"""Shared by the tools tests: run tools/mgg, check its outputs."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
MGG = os.path.join(SOURCE, "tools", "mgg")
DATA = os.path.join(HERE, "data")
sys.path.insert(0, os.path.join(SOURCE, "tools"))


def workdir(name):
    path = os.path.abspath(os.path.join("out", name))
    os.makedirs(path, exist_ok=True)
    return path


def mgg(*args, out):
    """Runs tools/mgg SUBCOMMAND args --out out; returns (its output, the last line's fields)."""
    proc = subprocess.run([sys.executable, MGG, *map(str, args), "--out", out],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"mgg {' '.join(map(str, args))} failed:\n{proc.stdout}{proc.stderr}")
    lines = proc.stdout.strip().splitlines()
    print(f"mgg {args[0]}: {lines[-1]}")
    return proc.stdout, lines[-1].split()


def outputs(out, name, tables=()):
    """The PNG, PDF and CSV files of one subcommand run exist and are not empty."""
    for path in [f"{name}.png", f"{name}.pdf", f"{name}.csv"] + [f"{t}.csv" for t in tables]:
        full = os.path.join(out, path)
        assert os.path.isfile(full) and os.path.getsize(full) > 0, full
