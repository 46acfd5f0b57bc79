"""tools: every subcommand of tools/mgg end to end on small real outputs of the plugin
(tests/tools/data, made by its in.real: P_i, motifs and cell volumes of the 2,000-atom Cu64Zr36
glass, 24 AQS steps of fix frozen_atom_aqs with D2min dumps, its event and atoms files and log;
examples/participation/vdos.txt), each writing its PNG, PDF and CSV, with the headline checked
against the same numbers taken independently from the files: the V-DOS peak of the example
(17.75 meV, its in.participation), the event of the event file (step 6, 4.29 MPa drop), the
thermo's stress drop, the atoms file's n_core, the share of GUMs in the top 1% of P_i."""
import os

import numpy as np

from mggtools_test import DATA, SOURCE, mgg, outputs, workdir

import mgglass  # noqa: E402


def main():
    out = workdir("tools_subcommands")
    soft = os.path.join(DATA, "soft.dump.gz")
    frame = mgglass.read_frame(soft, sort=True)
    assert frame.natoms == 2000

    _, last = mgg("binned", soft, "c_soft[1]", "c_vi[1]", "--type", 1, out=out)
    cu = frame["type"] == 1
    order = np.argsort(frame["c_soft[1]"][cu], kind="stable")[:1200]
    means = frame.cols("c_soft[1]", "c_vi[1]")[cu][order].reshape(6, 200, 2).mean(axis=1)
    assert abs(float(last[1]) - np.corrcoef(means.T)[0, 1]) < 1e-6, last
    outputs(out, "binned")

    _, last = mgg("deciles", soft, "c_soft[1]", "c_vi[8]", out=out)
    # the highest 1% of P_i of each type
    codes = np.concatenate([frame["c_vi[8]"][frame["type"] == t][np.argsort(frame["c_soft[1]"][frame["type"] == t],
                           kind="stable")[-((frame["type"] == t).sum() // 100):]] for t in (1, 2)])
    assert last[0] == "gum_top1" and abs(float(last[1]) - np.mean(codes == 4)) < 1e-4, last
    outputs(out, "deciles")

    _, last = mgg("correlation", soft, "c_soft[1]", "c_vi[1]", "--per-type", out=out)
    assert last[0] == "xi" and 0.5 < float(last[1]) < 5.0, last
    outputs(out, "correlation", ["correlation_fit"])

    aqs = os.path.join(DATA, "aqs.dump.gz")
    frames = mgglass.read_dump(aqs, sort=True)
    assert [f.timestep for f in frames] == [0, 24] and frames[-1].box.triclinic
    text, last = mgg("clusters", aqs, "--column", "c_d2[1]", "--threshold", 0.01, out=out)
    sizes = np.loadtxt(os.path.join(out, "clusters.csv"), delimiter=",", skiprows=1, ndmin=2)[:, 1]
    flagged = sum(int(np.sum(f["c_d2[1]"] > 0.01)) for f in frames)
    assert last[0] == "mu" and sizes.sum() == flagged, (last, sizes, flagged)
    outputs(out, "clusters")

    _, last = mgg("slab", soft, "c_soft[1]", "--mark", "c_soft[1]", "--top", 0.02, out=out)
    assert last[0] == "marked_percentile" and float(last[1]) > 50.0, last
    outputs(out, "slab")

    text, last = mgg("histogram", os.path.join(DATA, "atoms.txt.gz"), out=out)
    block = mgglass.read_atoms_file(os.path.join(DATA, "atoms.txt.gz"))[-1]
    assert last == ["n_core", str(int(block.head["n_core"]))], last
    assert np.sum(block["D_f"] >= 0) == 16 and len(block.data) == 2000
    outputs(out, "histogram", ["histogram_events"])
    _, last = mgg("histogram", soft, "c_soft[1]", "--name", "spectrum", out=out)
    assert last[0] == "median" and abs(float(last[1]) - np.median(frame["c_soft[1]"])) < 1e-5, last
    outputs(out, "spectrum")

    _, last = mgg("vdos", os.path.join(SOURCE, "examples", "participation", "vdos.txt"), out=out)
    assert last == ["peak", "17.7500", "meV"], last
    outputs(out, "vdos")
    _, last = mgg("vdos", os.path.join(DATA, "modes.txt"), "--modes", "--width", 0.5, "--name", "modes", out=out)
    assert last[0] == "peak", last

    log, events = os.path.join(DATA, "log.aqs"), os.path.join(DATA, "events.txt")
    ev = mgglass.read_events(events)
    assert list(ev["step"]) == [6] and abs(ev["drop"][0] - 42.92749873) < 1e-8
    # an event file of the plugin before issue 13 (columns drop = shortfall, raw_drop = drop)
    old = os.path.join(out, "events_old.txt")
    with open(events) as f, open(old, "w") as g:
        header, row = f.readline(), f.readline().split()
        g.write(header.replace("drop shortfall", "drop raw_drop"))
        g.write(" ".join(row[:5] + [row[6], row[5]] + row[7:]) + "\n")
    ev_old = mgglass.read_events(old)
    assert ev_old["drop"][0] == ev["drop"][0] and ev_old["shortfall"][0] == ev["shortfall"][0]
    text, last = mgg("aqs", log, "--events", events, out=out)
    assert last == ["events", "1"], last
    outputs(out, "aqs", ["aqs_events"])
    text, last = mgg("aqs", log, "--drop", 1.0, "--name", "aqs_drops", out=out)
    rows = np.loadtxt(os.path.join(out, "aqs_drops_events.csv"), delimiter=",", skiprows=1, ndmin=2)
    assert last == ["events", "1"] and int(rows[0, 0]) == 6 and abs(rows[0, 3] - 4.292749873) < 1e-6, rows
    print("PASS")


if __name__ == "__main__":
    main()
