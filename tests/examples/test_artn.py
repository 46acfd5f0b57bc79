"""examples/artn end to end at reduced size (run.sh --quick: 2 searches in full mode with short
caps and no validation on the shipped MD/MC glass), its outputs checked against what they must
satisfy, by other means than the example's own report:
  - the figure, the tables and the summary exist; the summary ends with distinct_saddles;
  - the event file parses (tools/mgglass): searches 1 and 2, each centre a different atom of the
    glass whose type is the data file's for that ID, and not atoms 1 and 2 (order random);
  - the thermo's last row counts the searches and saddles that the event file lists;
  - the per-atom dump holds every atom of the glass with its type, and exactly the two centres
    have searches: one each, their validated saddles as the event file's (status `saddle` or, with validation off, `converged_not_validated`) and E_act -1
    without any;
  - distinct_saddles is the event file's count of status saddle with duplicate_of -1."""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lammps"))
import mggtest  # noqa: E402

mgglass = mggtest.mgglass
SOURCE = mggtest.SOURCE_DIR


def main():
    out = mggtest.run_example("artn")
    for stem in ("artn_spectra", "artn_spectra_saddles"):
        path = os.path.join(out, f"{stem}.csv")
        assert os.path.isfile(path) and os.path.getsize(path) > 0, path
    for ext in ("png", "pdf"):
        path = os.path.join(out, f"artn_spectra.{ext}")
        assert os.path.isfile(path) and os.path.getsize(path) > 0, path
    last = open(os.path.join(out, "summary.txt")).read().split()[-2:]
    assert last[0] == "distinct_saddles", last

    ev = mgglass.read_artn_events(os.path.join(out, "events.txt"))
    print({k: ev[k].tolist() for k in ("search", "atom", "type", "status", "E_act", "duplicate_of")})
    assert ev["search"].tolist() == [1, 2], ev["search"]
    data = mgglass.read_data(os.path.join(SOURCE, "examples", "glass", "CuZr_50_50_mdmc.data"))
    type_of = dict(zip(data.ids.tolist(), data.types.tolist()))
    atoms = ev["atom"].tolist()
    assert len(set(atoms)) == 2 and sorted(atoms) != [1, 2], atoms
    assert [type_of[i] for i in atoms] == ev["type"].tolist(), (atoms, ev["type"])

    validated = np.isin(ev["status"], ["saddle", "converged_not_validated"])
    columns, rows = mgglass.read_thermo(os.path.join(out, "log.artn"))[-1]
    row = dict(zip(columns, rows[-1]))
    print(f"thermo's last row {row}")
    assert row["f_a[1]"] == 2 and row["f_a[2]"] == validated.sum(), row

    frame = mgglass.read_frame(os.path.join(out, "artn_atoms.dump"), sort=True)
    assert dict(zip(frame["id"].astype(int).tolist(), frame["type"].astype(int).tolist())) == type_of, \
        "every atom of the glass with its type in the per-atom dump"
    searched = frame["id"][frame["f_a[1]"] > 0].astype(int).tolist()
    assert sorted(searched) == sorted(atoms), searched
    for i, t, v, e in zip(atoms, ev["type"], validated, ev["E_act"]):
        k = int(np.flatnonzero(frame["id"] == i)[0])
        assert frame["type"][k] == t and frame["f_a[1]"][k] == 1 and frame["f_a[2]"][k] == int(v), (i, k)
        expected = e if v else -1.0
        assert abs(frame["f_a[3]"][k] - expected) < 1e-5 and abs(frame["f_a[4]"][k] - expected) < 1e-5, (i, e)
    distinct = int(np.sum((ev["status"] == "saddle") & (ev["duplicate_of"] == -1)))
    assert int(last[1]) == distinct, (last, distinct)
    print("PASS")


if __name__ == "__main__":
    main()
