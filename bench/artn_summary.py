"""Summary of fix artn event files (bench/RESULTS.md): searches, validated saddles, whole-system
force evaluations (equivalents) per validated saddle, statuses, local saddles and their fate.
Usage: python3 bench/artn_summary.py events.txt [...]"""
import collections
import sys


def summary(path):
    with open(path) as f:
        lines = f.readlines()
    names = lines[1].lstrip("# ").split()
    rows = [dict(zip(names, line.split())) for line in lines[2:]]
    n = len(rows)
    saddles = [r for r in rows if r["status"] == "saddle"]
    cost = sum(float(r["force_evaluations"]) for r in rows)
    local = [r for r in rows if r["local_status"] == "saddle"]
    print(f"{path}: {n} searches, {len(saddles)} validated ({100.0 * len(saddles) / n:.0f}%), "
          f"{cost:.0f} whole-system force evaluations (equivalents), "
          f"{cost / len(saddles) if saddles else float('inf'):.0f} per validated saddle")
    print(f"  local saddles {len(local)}; after refinement: " +
          ", ".join(f"{k} {v}" for k, v in collections.Counter(r["status"] for r in local).items()))
    print("  E_act of validated saddles (eV): " + " ".join(r["E_act"] for r in saddles))
    for status, count in collections.Counter(r["status"] for r in rows).most_common():
        print(f"  {count:3d} {status}")


for p in sys.argv[1:]:
    summary(p)
