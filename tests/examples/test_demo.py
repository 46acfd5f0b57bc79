"""tools/demo.sh --quick end to end into a fresh directory (the reduced runs of the four studies
and tools/mgg report), then the page in headless Chromium:
  - the demo exits 0 and records every study's time;
  - index.html references every figure the report expects of the four studies (page order of
    tools/mgglass/report.py), each exists, and in Chromium the page loads and every image renders
    (complete, naturalWidth > 0); with one figure removed the check sees it broken;
  - every study links at least one LAMMPS log, and every link (logs, summaries) resolves to a file
    in the directory;
  - the headline table has a value for the V-DOS peak (between 10 and 25 meV: seed 000's peak is
    near 14, this potential's near 17.5) and for the motif make-up of the P_i extremes."""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tools"))
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import page_check  # noqa: E402
from mgglass import report  # noqa: E402


def main():
    out = os.path.abspath(os.path.join("out", "examples_demo"))
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, MGG_OUT=out, MGG_DEMO_SETUP="0")
    proc = subprocess.run([os.path.join(SOURCE, "tools", "demo.sh"), "--quick"], env=env,
                          capture_output=True, text=True)
    print(proc.stdout[-6000:], proc.stderr[-3000:])
    assert proc.returncode == 0, proc.returncode
    check(out)


def check(out):
    timings = open(os.path.join(out, "timings.txt")).read()
    for study in report.FIGURES:
        assert re.search(rf"^{study} total \d+ 0 cpu \d+$", timings, re.M), (study, timings)

    page = os.path.join(out, "index.html")
    srcs = page_check.image_sources(page)
    expected = [f"{st}/{n}.png" for st, figs in report.FIGURES.items() for n, _ in figs]
    assert srcs == expected, (srcs, expected)
    for s in srcs:
        assert os.path.isfile(os.path.join(out, s)), s
    html = open(page).read()
    hrefs = re.findall(r"href='([^']*)'", html)
    # every study links its LAMMPS logs (stz_statistics two: the AQS and the vibrations;
    # frozen_atom one per shear direction)
    assert {h.split("/")[0] for h in hrefs if h.split("/")[-1].startswith("log.")} == set(report.FIGURES), hrefs
    for h in hrefs:
        assert os.path.isfile(os.path.join(out, h)), h

    n, broken = page_check.check_page(page)
    print(f"chromium: {n} images, broken: {broken}")
    assert n == len(expected) and not broken, broken
    victim = os.path.join(out, expected[0])
    os.rename(victim, victim + ".away")
    try:
        n, broken = page_check.check_page(page)
    finally:
        os.rename(victim + ".away", victim)
    assert broken == [expected[0]], broken

    rows = {q: v for st, q, v, _ in report.headline_rows(out)}
    peak = float(rows["V-DOS main peak (meV)"])
    assert 10.0 < peak < 25.0, peak
    extremes = [v for q, v in rows.items() if "1% of P_i" in q]
    assert len(extremes) == 4 and all(re.fullmatch(r"\d+% / \d+%", v) for v in extremes), extremes
    print("demo: ok")


if __name__ == "__main__":
    main()
