"""Stored reference numbers of the styles on the shipped glasses (examples/glass), as libxc keeps
its reference values: per style a LAMMPS input, the summary numbers drawn from its outputs
(per-type means and sums, a few atoms at full precision, counts) and the file of expected
values with a tolerance per quantity (tests/reference/<style>.txt).  make_reference.py writes the
files from the independent references of the style's tests; check_reference.py runs the input
and compares (ctest lammps.<style>.reference, serial and 2 ranks)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
for sub in ("lammps", os.path.join("lammps", "voronoi_index"), os.path.join("lammps", "dmin2"),
            os.path.join("lammps", "frozen_atom_aqs"), "unit"):
    sys.path.insert(0, os.path.join(TESTS, sub))
import numpy as np  # noqa: E402

import aqs_common  # noqa: E402
import mggtest  # noqa: E402
import vindex  # noqa: E402

sys.path.insert(0, os.path.join(mggtest.SOURCE_DIR, "tools"))
import mgglass  # noqa: E402

GLASSES = {"CuZr_50_50": mggtest.GLASS_50, "CuZr_64_36": mggtest.GLASS_64}
# atoms whose values are stored at full precision (ids of both glasses, each type present)
SELECTED = (1, 2, 3, 1000, 2000)
TYPES = (1, 2)


def path(style):
    return os.path.join(HERE, f"{style}.txt")


def write_reference(style, header, rows):
    """rows: (name, value, rtol, atol, source); header: lines without the leading '# '."""
    with open(path(style), "w") as f:
        f.writelines(f"# {line}".rstrip() + "\n" for line in header)
        f.write("# quantity value rtol atol source\n")
        for name, value, rtol, atol, source in rows:
            f.write(f"{name} {float(value)!r} {rtol:g} {atol:g} {source}\n")


def read_reference(style):
    """The rows of tests/reference/<style>.txt: (name, value, rtol, atol, source)."""
    rows = []
    with open(path(style)) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, value, rtol, atol, source = line.split()
            rows.append((name, float(value), float(rtol), float(atol), source))
    return rows


def per_type(prefix, values, types, reduce):
    return {f"{prefix}.type{t}.{reduce}": getattr(np, reduce)(values[types == t]) for t in TYPES}


def per_atom(prefix, values, ids):
    return {f"{prefix}.id{i}": values[ids == i][0] for i in SELECTED}


def script_text(script):
    """A LAMMPS input for the file headers, its paths relative to the source directory."""
    return script.replace(mggtest.SOURCE_DIR + os.sep, "").strip().splitlines()


# ---------------------------------------------------------------------------------------------
# compute dmin2: the glass as reference, then displaced at random by LAMMPS and sheared (tilts of
# a triclinic cell).  displace_atoms seeds each atom from the bits of its position, so it acts
# on the positions of the data file in its orthogonal box (bit for bit the same in every LAMMPS
# version), not on positions that went through a triclinic cell's conversions (which differ in
# the last bit between LAMMPS 2021 and 2025)

DMIN2_CUTOFF = 3.8


def dmin2_script(data):
    return mggtest.glass_header(data) + f"""
compute d all dmin2 {DMIN2_CUTOFF}
write_dump all custom ref.dump id type x y z ix iy iz modify format float %.17g
run 0
displace_atoms all random 0.15 0.15 0.15 777 units box
change_box all triclinic
change_box all xy final 2.0 xz final -1.0 yz final 0.7 remap units box
dump out all custom 1 out.dump id type x y z ix iy iz c_d[*]
dump_modify out format float %.17g
run 0
"""


def dmin2_summary(glass, ids, types, d2min, neighbours, von_mises, volumetric):
    out = {}
    for name, v in (("D2min", d2min), ("von_Mises", von_mises), ("volumetric", volumetric)):
        out.update(per_type(f"{glass}.{name}", v, types, "mean"))
        out.update(per_atom(f"{glass}.{name}", v, ids))
    out.update(per_type(f"{glass}.neighbours", neighbours, types, "sum"))
    return out


def dmin2_plugin(glass, wd, output):
    d = mggtest.Dump(os.path.join(wd, "out.dump"))
    assert np.all(d["c_d[5]"] == 0), "no atom of the glass may be flagged"
    return dmin2_summary(glass, d["id"], d["type"], *(d[f"c_d[{k}]"] for k in range(1, 5)))


# ---------------------------------------------------------------------------------------------
# compute voronoi_index: plain cells (the default relative face threshold 0.01) and radical ones

VORONOI_COMPUTES = {"v": ("", ["--face-fraction", "0.01"]),
                    "r": ("radius 1.28 1.60", ["--radius", "1.28", "1.60", "--face-fraction", "0.01"])}
VORONOI_TOP = 5


def voronoi_script(data):
    computes = "\n".join(f"compute {cid} all voronoi_index {options}"
                         for cid, (options, _) in VORONOI_COMPUTES.items())
    columns = " ".join(vindex.dump_columns(cid) for cid in VORONOI_COMPUTES)
    return mggtest.glass_header(data) + f"""
{computes}
dump out all custom 1 out.dump id type x y z {columns}
dump_modify out format float %.17g
run 0
"""


def voronoi_summary(glass, ids, types, cells):
    """cells: the per-atom columns (vindex.COLUMNS names; motif not needed) of one compute."""
    out = {}
    for name in ("volume", "area"):
        out.update(per_type(f"{glass}.{name}", cells[name], types, "sum"))
        out.update(per_atom(f"{glass}.{name}", cells[name], ids))
    for name in vindex.COLUMNS[1:7]:
        out.update(per_type(f"{glass}.{name}", cells[name], types, "sum"))
    motif = vindex.motifs(cells, types)
    for t in TYPES:
        for m in range(vindex.N_MOTIFS):
            out[f"{glass}.motif{m}.type{t}.count"] = np.sum((types == t) & (motif == m))
    table = vindex.top_table(cells, types, len(TYPES), VORONOI_TOP)
    for row in table:
        key = "_".join(str(int(v)) for v in row[1:7])
        out[f"{glass}.index_{key}.type{int(row[0])}.count"] = row[7]
    return out


def voronoi_plugin(glass, wd, output):
    d = mggtest.Dump(os.path.join(wd, "out.dump"))
    out = {}
    for cid in VORONOI_COMPUTES:
        out.update(voronoi_summary(f"{glass}.{cid}", d["id"], d["type"], vindex.per_atom(d, cid)))
    return out


# ---------------------------------------------------------------------------------------------
# compute flexvol: squared displacements after a random displacement (compute displace/atom)
# and LAMMPS's compute voronoi/atom volumes, for all atoms and (spacing 2.8) for the Cu atoms

FLEXVOL_SPACING = 2.8


def flexvol_script(data):
    return mggtest.glass_header(data) + f"""
compute disp all displace/atom
displace_atoms all random 0.2 0.2 0.2 4242 units box
variable dr2 atom c_disp[1]^2+c_disp[2]^2+c_disp[3]^2
compute vor all voronoi/atom
group cu type 1
compute flex all flexvol v_dr2 c_vor[1]
compute flexcu cu flexvol v_dr2 c_vor[1] spacing {FLEXVOL_SPACING}
dump out all custom 1 out.dump id type c_disp[4] c_vor[1] c_flex c_flexcu
dump_modify out format float %.17g
run 0
"""


def flexvol_summary(glass, ids, types, flex, flex_cu):
    out = per_type(f"{glass}.flexvol", flex, types, "mean")
    out.update(per_atom(f"{glass}.flexvol", flex, ids))
    out.update(per_type(f"{glass}.flexvol_cu_spacing", flex_cu, types, "sum"))
    out.update(per_atom(f"{glass}.flexvol_cu_spacing", flex_cu, ids))
    return out


def flexvol_plugin(glass, wd, output):
    d = mggtest.Dump(os.path.join(wd, "out.dump"))
    return flexvol_summary(glass, d["id"], d["type"], d["c_flex"], d["c_flexcu"])


# ---------------------------------------------------------------------------------------------
# compute s2entropy: fixed and growing widths at the cutoff 6.4 A, on 104 atoms spread through
# the glass (the selected atoms among them; their neighbours are all atoms)

S2_CASES = {"fixed": (6.4, 0.2, "fixed", 0.0, 0.0), "growing": (6.4, 0.2, "growing", 0.03, 3.9)}
S2_DR = 0.001
S2_CENTRES = sorted(set(range(1, 2001, 20)) | set(SELECTED))


def s2_script(data):
    computes = ""
    for col, (rc, sigma, smoothing, growth, r0) in S2_CASES.items():
        extra = f" growth {growth} growth_start {r0}" if smoothing == "growing" else ""
        computes += (f"compute {col} centres s2entropy {rc} sigma {sigma} dr {S2_DR} "
                     f"smoothing {smoothing}{extra}\n")
    return mggtest.glass_header(data) + f"""
comm_modify cutoff 12.0
group centres id {' '.join(map(str, S2_CENTRES))}
{computes}
dump out all custom 1 out.dump id type x y z {' '.join(f'c_{c}' for c in S2_CASES)}
dump_modify out format float %.17g
run 0
"""


def s2_plugin(glass, wd, output):
    d = mggtest.Dump(os.path.join(wd, "out.dump"))
    centres = np.isin(d["id"], S2_CENTRES)
    out = {}
    for col in S2_CASES:
        assert np.all(d[f"c_{col}"][~centres] == 0.0), "atoms outside the group must be 0"
        out.update(per_type(f"{glass}.{col}.S2", d[f"c_{col}"][centres], d["type"][centres], "mean"))
        out.update(per_atom(f"{glass}.{col}.S2", d[f"c_{col}"], d["id"]))
    return out


# ---------------------------------------------------------------------------------------------
# compute participation: the lowest 18 non-zero modes of the Cu64Zr36 glass as shipped (the sparse
# solver; one glass: seconds per run)

PARTICIPATION_FRACTION = 0.003


def participation_script(data):
    return mggtest.glass_header(data, extra="atom_modify map yes") + f"""
compute p all participation fraction {PARTICIPATION_FRACTION}
fix modes all ave/time 1 1 1 c_p mode vector file modes.txt format " %.17g"
dump out all custom 1 out.dump id type c_p[1]
dump_modify out format float %.17g
thermo_style custom step c_p
run 0
"""


def participation_summary(glass, ids, types, energies, p):
    out = {f"{glass}.mode{m + 1}.energy_meV": e for m, e in enumerate(energies)}
    out.update(per_type(f"{glass}.P", p, types, "sum"))
    return out


def participation_plugin(glass, wd, output):
    d = mggtest.Dump(os.path.join(wd, "out.dump"))
    (_, modes), = mgglass.read_ave_time_vector(os.path.join(wd, "modes.txt"))
    (columns, thermo), = mgglass.read_thermo(os.path.join(wd, "in.test.log"))
    out = participation_summary(glass, d["id"], d["type"], modes[:, 0], d["c_p[1]"])
    out[f"{glass}.zero_modes"] = thermo[0, columns.index("c_p")]
    return out


# ---------------------------------------------------------------------------------------------
# fix frozen_atom_aqs (sweep no): one step of 2e-3 in -xy on Cu50Zr50, across the first event
# (at strain 1.8e-3 in test_aqs_vs_plain.py's steps of 2e-4; aqs_common's inputs).  Each
# relaxation takes ~180 CG iterations whatever the step: one step keeps the test in seconds

AQS_PLANE, AQS_STEP, AQS_STEPS = "-xy", 2e-3, 1


def aqs_script(data):
    return aqs_common.fix_script(AQS_PLANE, AQS_STEP, AQS_STEPS, data=data)


def aqs_plugin(glass, wd, output):
    table = aqs_common.parse_thermo(output)  # step strain stress energy events last_drop pxy pe
    out = {}
    for row in table:
        k = int(row[0])
        out.update({f"{glass}.step{k}.strain": row[1], f"{glass}.step{k}.stress_bar": row[2],
                    f"{glass}.step{k}.energy_eV": row[3], f"{glass}.step{k}.events": row[4]})
    out[f"{glass}.last_drop_bar"] = table[-1, 5]
    return out


# style: (LAMMPS input of a glass, the plugin's summary numbers, glasses)
STYLES = {
    "dmin2": (dmin2_script, dmin2_plugin, GLASSES),
    "voronoi_index": (voronoi_script, voronoi_plugin, GLASSES),
    "flexvol": (flexvol_script, flexvol_plugin, GLASSES),
    "s2entropy": (s2_script, s2_plugin, GLASSES),
    "participation": (participation_script, participation_plugin, {"CuZr_64_36": mggtest.GLASS_64}),
    "frozen_atom_aqs": (aqs_script, aqs_plugin, {"CuZr_50_50": mggtest.GLASS_50}),
}


def run_style(style, np_ranks=1):
    """Runs the style's input on each glass: {glass: the plugin's summary numbers}, and the work
    directories."""
    script, plugin, glasses = STYLES[style]
    numbers, dirs = {}, {}
    for glass, data in glasses.items():
        wd = mggtest.workdir(f"reference_{style}_{glass}_np{np_ranks}")
        _, output = mggtest.run_lammps(script(data), wd, np_ranks=np_ranks)
        numbers.update(plugin(glass, wd, output))
        dirs[glass] = wd
    return numbers, dirs
