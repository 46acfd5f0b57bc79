"""The EAM engine that compute participation builds from the pair style's own tables, against
LAMMPS's energy and forces at the same configuration.  The compute evaluates the pair style
itself there and writes the comparison to the log ("EAM engine against pair style ..."); this
test reads that line, and checks that its pair energy is LAMMPS's potential energy of the thermo
output.  The two sample glasses, every atom displaced at random by up to 0.05 A (forces of order
1 eV/A instead of the ~1e-11 eV/A of the minimised glass), with CuZr_mm.eam.fs (shipped) or,
with --shared FILE, a published file of ../shared/potentials (Cu-Zr_2.eam.fs, Cu-Zr_4.eam.fs as
eam/fs, ZrCuAl2011.eam.alloy as eam/alloy with its Cu and Zr).  Energy and forces must agree to
1e-12 relative (forces relative to the largest force).  --shared exits with 77 (ctest's
SKIP_RETURN_CODE) when the file is absent: the published files are not shipped.  Each case
also runs the dense eigensolver (the compute's job, ~40 s on 2 busy cores)."""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

SHARED = os.path.join(mggtest.SOURCE_DIR, "..", "shared", "potentials")
SKIP = 77
TOL = 1e-12

SCRIPT = """
plugin load libmgglass.so
units metal
atom_style atomic
read_data {data}
pair_style {style}
pair_coeff * * {potential} Cu Zr
displace_atoms all random 0.05 0.05 0.05 {seed} units box
compute p all participation fraction 0.0005 solver dense
thermo_style custom step pe c_p
thermo_modify format float %.17g
run 0
"""
LINE = re.compile(r"EAM engine against pair style (\S+): energy (\S+) eV, relative difference "
                  r"(\S+); largest force difference (\S+) eV/A, relative to the largest force "
                  r"\((\S+) eV/A\) (\S+)")


def thermo_pe(output):
    """pe of step 0 (the compute's log lines come between the thermo header and its row)"""
    lines = output.splitlines()
    k = [i for i, line in enumerate(lines) if line.split()[:3] == ["Step", "PotEng", "c_p"]][-1]
    return float(next(line for line in lines[k + 1:] if line.split()[:1] == ["0"]).split()[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", metavar="FILE",
                        help="a published potential of ../shared/potentials instead of CuZr_mm "
                             "(eam/alloy for *.eam.alloy, else eam/fs)")
    args = parser.parse_args()
    if args.shared:
        path = os.path.join(SHARED, args.shared)
        if not os.path.exists(path):
            print(f"SKIP: {path} is absent (the published potentials are not shipped)")
            sys.exit(SKIP)
        potentials = [("eam/alloy" if path.endswith(".eam.alloy") else "eam/fs", path)]
    else:
        potentials = [("eam/fs", "CuZr_mm.eam.fs")]
    wd = mggtest.workdir("participation_eam_pair_" + os.path.basename(potentials[0][1]))
    checked = 0
    for g, glass in enumerate((mggtest.GLASS_50, mggtest.GLASS_64)):
        for p, (style, potential) in enumerate(potentials):
            name = f"in.{os.path.basename(glass)[:-5]}_{os.path.basename(potential)}"
            _, out = mggtest.run_lammps(SCRIPT.format(data=glass, style=style, potential=potential,
                                                      seed=1000 + 10 * g + p), wd, name=name)
            found = LINE.search(out)
            assert found, f"{name}: no EAM engine line in the log"
            used, energy, de, df, fscale, dfrel = found.groups()
            energy, de, df, fscale, dfrel = map(float, (energy, de, df, fscale, dfrel))
            pe = thermo_pe(out)
            print(f"{name}: pair style {used}, energy {energy:.12g} eV (thermo {pe:.12g}), "
                  f"relative {de:.2e}; forces: largest {fscale:.3g} eV/A, difference {df:.2e} "
                  f"eV/A, relative {dfrel:.2e}")
            assert used == style
            mggtest.assert_close("compute's pair energy vs thermo pe", energy, pe, rtol=TOL)
            assert fscale > 0.1, "the displaced glass has forces of order 1 eV/A"
            assert de <= TOL, f"{name}: energy differs by {de:.3g} relative"
            assert dfrel <= TOL, f"{name}: forces differ by {dfrel:.3g} of the largest force"
            checked += 1
    print(f"PASS: {checked} glass/potential cases")


if __name__ == "__main__":
    main()
