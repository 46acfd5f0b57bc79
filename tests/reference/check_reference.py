"""Runs a style's reference input on the shipped glasses and compares its summary numbers with the
stored ones (tests/reference/<style>.txt), each to its own tolerance.

    check_reference.py STYLE [--np N]"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("style", choices=sorted(reference.STYLES))
    parser.add_argument("--np", type=int, default=1)
    args = parser.parse_args()
    got, _ = reference.run_style(args.style, args.np)
    stored = reference.read_reference(args.style)
    missing = sorted(set(got) - {row[0] for row in stored})
    failures, worst = [], (0.0, "")
    for name, value, rtol, atol, source in stored:
        if name not in got:
            failures.append(f"{name}: not produced by the run")
            continue
        err = abs(got[name] - value)
        ok = err <= atol + rtol * abs(value)
        if err:
            worst = max(worst, (err / (atol + rtol * abs(value)), name))
        print(f"{'ok  ' if ok else 'FAIL'} {name} = {got[name]!r} (stored {value!r}, {source}, "
              f"error {err:.2e}, tolerance rtol {rtol:g} atol {atol:g})")
        if not ok:
            failures.append(f"{name}: {got[name]!r} vs stored {value!r}")
    failures += [f"{name}: produced by the run, not stored" for name in missing]
    if failures:
        sys.exit(f"{len(failures)} of {len(stored)} reference numbers differ:\n  " +
                 "\n  ".join(failures))
    print(f"PASS: {len(stored)} reference numbers of {args.style}; largest error / tolerance "
          f"{worst[0]:.2e} {worst[1]}")


if __name__ == "__main__":
    main()
