"""Per-atom outputs of compute voronoi_index and compute flexvol in atom-style variables.

`variable ico atom "c_vi[8] == 0"` must read column 8 (motif) of each atom, as `dump custom`
does; LAMMPS 29 Sep 2021 resolves c_ID[N] in an atom-style variable to the global vector when the
compute has one (and c_ID to a global scalar), so the styles give per-atom output only unless
`global yes` (voronoi_index). Checked per atom against the dumped columns, and the count of
icosahedra from compute reduce against the count in the dump. With `global yes`, LAMMPS 4 Feb
2025 (context-sensitive references since August 2023) still reads the per-atom column."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

SCRIPT = mggtest.glass_header(mggtest.GLASS_64) + """
compute vi all voronoi_index favoured_cn 12 16 {options}
variable ico atom "c_vi[8] == 0"
variable cn atom c_vi[2]
compute n all reduce sum v_ico
variable m atom 0.01*(1+0.5*(type==2))
compute f all flexvol v_m c_vi[1]
variable flex atom 2*c_f
thermo_style custom step c_n
dump d all custom 1 cells.dump id type c_vi[2] c_vi[8] c_f v_ico v_cn v_flex
dump_modify d format float %.17g
run 0
"""


def thermo_value(out, column):
    lines = out.splitlines()
    header = next(k for k, line in enumerate(lines) if line.split()[:2] == ["Step", column])
    return float(lines[header + 1].split()[1])


def check(wd, options):
    _, out = mggtest.run_lammps(SCRIPT.format(options=options), wd, name="in.variables")
    d = mggtest.Dump(os.path.join(wd, "cells.dump"))
    motif = d["c_vi[8]"]
    ico = np.count_nonzero(motif == 0)
    # not a degenerate case: some but far from all atoms are icosahedra, CN varies
    assert 0 < ico < len(motif) / 2 and len(set(d["c_vi[2]"])) > 3, (ico, set(d["c_vi[2]"]))
    mggtest.assert_close(f"[{options}] v_ico = (c_vi[8] == 0) per atom", d["v_ico"], motif == 0, 0.0)
    mggtest.assert_close(f"[{options}] v_cn = c_vi[2] per atom", d["v_cn"], d["c_vi[2]"], 0.0)
    mggtest.assert_close(f"[{options}] v_flex = 2 c_f per atom", d["v_flex"], 2 * d["c_f"], 1e-15)
    count = thermo_value(out, "c_n")
    print(f"[{options}] icosahedra: {count:.0f} from the atom-style variable, {ico} in the dump")
    assert count == ico


def main():
    wd = mggtest.workdir("atom_variables")
    check(wd, "")
    if int(os.environ.get("MGG_LAMMPS_VERSION", "0")) >= 20231121:
        check(wd, "global yes")
    print("PASS")


if __name__ == "__main__":
    main()
