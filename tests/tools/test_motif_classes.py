"""tools: the three Voronoi motif classes (favoured, cousin, GUM) of mgg deciles, known answers.
  A synthetic glass of known index make-up (type 1: 40 <0,0,12,0>, 30 <0,2,8,2>, 10 <0,1,10,2>,
  5 <0,2,8,1>, 5 <0,3,6,3>, 10 single indices; type 2: no <0,0,12,4>, 20 <0,1,10,4>, 15
  <0,0,12,3>, 10 <0,2,8,5>, 5 single indices; type 3 without a favoured index):
  - frequency rule at 0.8: type 1 favoured 0.4, cousins <0,2,8,2> and <0,1,10,2> (0.4), GUMs 0.2;
    at 0.85 the tie of <0,2,8,1> and <0,3,6,3> (5 each) goes to the first in index order; type 2
    favoured 0, cousins 0.9, GUMs 0.1; type 3's most frequent index is its favoured one;
  - a <0,0,12,0> cell with one more face (CN 13, a face of 8 edges) is not the favoured index;
  - a classes file (with 'rest' and explicit GUMs) gives its own make-up; errors name the line;
  - mgg deciles: the whole-glass fractions (the 'all' rows), gum_top1 from P_i planted on known
    atoms, atoms outside the compute's group (CN 0) left out, and the class table it writes read
    back with --classes gives the same make-up."""
import csv
import os

import numpy as np

from mggtools_test import mgg, outputs, workdir

from mgglass import analysis  # noqa: E402

TYPE1 = [("<0,0,12,0>", 40), ("<0,2,8,2>", 30), ("<0,1,10,2>", 10), ("<0,2,8,1>", 5), ("<0,3,6,3>", 5)] + \
    [(i, 1) for i in ("<0,0,12,2>", "<0,4,4,4>", "<0,6,0,6>", "<0,4,4,3>", "<0,3,6,2>", "<0,2,8,0>",
                      "<0,0,12,1>", "<0,5,2,5>", "<1,2,6,3>", "<0,0,12,0>+1")]
TYPE2 = [("<0,1,10,4>", 20), ("<0,0,12,3>", 15), ("<0,2,8,5>", 10)] + \
    [(i, 1) for i in ("<1,3,4,4,1>", "<1,2,6,5>", "<0,2,9,4>", "<0,3,7,4>", "<0,4,5,6>")]
TYPE3 = [("<0,2,8,2>", 6), ("<0,0,12,0>", 4)]


def glass():
    types, keys = [], []
    for t, population in ((1, TYPE1), (2, TYPE2), (3, TYPE3)):
        for index, count in population:
            types += [t] * count
            keys += [analysis.parse_index(index)] * count
    return np.array(types), keys


def make_up(types, classes, t):
    return [float(np.mean(classes[types == t] == c)) for c in range(3)]


def check_rule():
    types, keys = glass()
    assert analysis.parse_index("<0,0,12,0>+1") == (0, 0, 12, 0, 0, 1)
    assert analysis.voronoi_keys([12, 13, 15], [[0, 0, 12, 0, 0], [0, 0, 12, 0, 0], [1, 3, 4, 4, 1]]) == \
        [(0, 0, 12, 0, 0, 0), (0, 0, 12, 0, 0, 1), (1, 3, 4, 4, 1, 2)]
    for index, _ in TYPE1 + TYPE2:
        assert analysis.format_index(analysis.parse_index(index)) == index
    table = analysis.motif_class_table(types, keys, cumulative=0.8)
    classes = analysis.motif_classes(types, keys, table)
    assert make_up(types, classes, 1) == [0.4, 0.4, 0.2], make_up(types, classes, 1)
    cousins = sorted(analysis.format_index(k) for k, c in table[1].items() if c == 1)
    assert cousins == ["<0,1,10,2>", "<0,2,8,2>"], cousins
    assert table[1][analysis.parse_index("<0,0,12,0>+1")] == 2
    assert make_up(types, classes, 2) == [0.0, 0.9, 0.1], make_up(types, classes, 2)
    assert table[3] == {analysis.parse_index("<0,2,8,2>"): 0, analysis.parse_index("<0,0,12,0>"): 1}
    table = analysis.motif_class_table(types, keys, cumulative=0.85)
    assert table[1][analysis.parse_index("<0,2,8,1>")] == 1 and table[1][analysis.parse_index("<0,3,6,3>")] == 2
    print("frequency rule: type 1 0.4/0.4/0.2, type 2 0/0.9/0.1, tie in index order")


CLASS_FILE = """# seed 000's examples
1 favoured <0,0,12,0>
1 cousin <0,2,8,2> <0,1,10,2>   # two cousins
1 GUM <0,0,12,2>
2 favoured <0,0,12,4>
2 Cousin <0,1,10,4> <0,0,12,3>
2 rest cousin
2 gum <0,2,8,5>
"""


def check_file(out):
    types, keys = glass()
    path = os.path.join(out, "classes.txt")
    with open(path, "w") as f:
        f.write(CLASS_FILE)
    given = analysis.read_class_file(path)
    table = analysis.motif_class_table(types, keys, cumulative=0.8, given=given)
    classes = analysis.motif_classes(types, keys, table)
    assert make_up(types, classes, 1) == [0.4, 0.4, 0.2]
    assert make_up(types, classes, 2) == [0.0, 0.8, 0.2], make_up(types, classes, 2)
    assert table[3][analysis.parse_index("<0,2,8,2>")] == 0  # not in the file: the rule
    for bad, where in (("1 cousin <0,2,8,2>\n1 GUM <0,2,8,2>\n", ":2:"), ("1 cousin <0,2,8>\n", ":1:"),
                       ("1 soft <0,2,8,2>\n", ":1:"), ("2 rest\n", ":1:")):
        with open(path, "w") as f:
            f.write(bad)
        try:
            analysis.read_class_file(path)
            raise AssertionError(f"accepted {bad!r}")
        except ValueError as e:
            assert where in str(e), e
    print("classes file: type 2 0/0.8/0.2 with 'rest cousin'; errors name the line")


def all_rows(out, name):
    with open(os.path.join(out, name + ".csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["group"] == "all"]
    return {int(r["type"]): [float(r[c]) for c in analysis.CLASSES] for r in rows}


def check_cli(out):
    types, keys = glass()
    n = len(types)
    rng = np.random.default_rng(11)
    p = rng.random(n)
    # the highest P_i of type 1 on a GUM (a single index), of type 2 on a cousin, type 3 has no GUMs:
    # gum_top1 1/3
    p[np.flatnonzero(types == 1)[-1]] = 2.0
    p[np.flatnonzero(types == 2)[0]] = 2.0
    dump = os.path.join(out, "cells.dump")
    with open(dump, "w") as f:
        f.write(f"ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{n + 3}\nITEM: BOX BOUNDS pp pp pp\n0 50\n0 50\n"
                "0 50\nITEM: ATOMS id type c_vi[2] c_vi[3] c_vi[4] c_vi[5] c_vi[6] c_vi[7] v_p\n")
        for i, (t, k) in enumerate(zip(types, keys)):
            f.write(f"{i + 1} {t} {sum(k)} {' '.join(map(str, k[:5]))} {p[i]:.12g}\n")
        for i in range(3):  # outside the compute's group: zeros
            f.write(f"{n + i + 1} 1 0 0 0 0 0 0 {3.0 + i}\n")
    text, last = mgg("deciles", dump, "v_p", "c_vi", "--cumulative", 0.8, out=out)
    assert last == ["gum_top1", "0.3333"], last
    got = all_rows(out, "deciles")
    assert got == {1: [0.4, 0.4, 0.2], 2: [0.0, 0.9, 0.1], 3: [0.6, 0.4, 0.0]}, got
    assert "GUM fraction of the whole glass: type 1 0.200, type 2 0.100, type 3 0.000" in text, text
    outputs(out, "deciles")
    # the table it wrote, read back, gives the same classes
    _, last = mgg("deciles", dump, "v_p", "c_vi", "--classes", os.path.join(out, "deciles_classes.txt"),
                  "--name", "again", out=out)
    assert all_rows(out, "again") == got and last == ["gum_top1", "0.3333"], last
    classes = os.path.join(out, "classes.txt")
    with open(classes, "w") as f:
        f.write(CLASS_FILE)
    _, last = mgg("deciles", dump, "v_p", "c_vi", "--classes", classes, "--name", "file", out=out)
    got = all_rows(out, "file")
    assert got[1] == [0.4, 0.4, 0.2] and got[2] == [0.0, 0.8, 0.2], got
    assert last == ["gum_top1", "0.3333"], last  # type 2's top atom, <0,1,10,4>, is a cousin in the file
    _, last = mgg("deciles", dump, "v_p", "c_vi", "--favoured", "2:<0,1,10,4>", "--name", "fav", out=out)
    assert all_rows(out, "fav")[2] == [0.4, 0.5, 0.1]
    print("mgg deciles: whole-glass make-up, gum_top1, the class table read back, --classes, --favoured")


def main():
    out = workdir("tools_motif_classes")
    check_rule()
    check_file(out)
    check_cli(out)
    print("PASS")


if __name__ == "__main__":
    main()
