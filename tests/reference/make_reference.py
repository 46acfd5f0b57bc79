#!/usr/bin/python3
"""Writes the stored reference numbers tests/reference/<style>.txt: runs each style's input
(reference.py) once, serially, and computes the summary numbers with the independent
reference that the style's tests use on the same inputs.  Where a quantity is known
independently only to a looser tolerance than a regression needs, the plugin's own value is
stored beside it (source "plugin"), with the test that establishes the agreement named in the
header.  Prints, per quantity, the plugin's difference from the independent value.

    cd build && MGG_PLUGIN_DIR=$PWD /usr/bin/python3 ../tests/reference/make_reference.py \
        [--oracle tests/test_voronoi_oracle] [STYLE ...]
(work files under ./out/; LAMMPS through tools/lmp, as ctest runs it)"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import scipy.linalg  # noqa: E402

import reference as ref  # noqa: E402
import mggtest  # noqa: E402
from dmin2_reference import dmin2_numpy  # noqa: E402
from s2_reference import s2_reference  # noqa: E402
from test_aqs_vs_plain import first_event  # noqa: E402

DETERMINISTIC = 1e-9  # relative tolerance of a deterministic computation (any rank count)


def dmin2(runs, opts):
    out = {}
    for glass, wd in runs.items():
        r = mggtest.Dump(os.path.join(wd, "ref.dump"))
        c = mggtest.Dump(os.path.join(wd, "out.dump"))
        v = dmin2_numpy(r, c, ref.DMIN2_CUTOFF)
        for name, value in ref.dmin2_summary(glass, c["id"], c["type"], *v.T).items():
            # the strains of the least-squares fit: atol for the near-zero volumetric ones
            out[name] = (value, 0 if "neighbours" in name else DETERMINISTIC,
                         1e-12 if "volumetric" in name else 0, "numpy")
    return out, [
        "Independent reference: tests/lammps/dmin2/dmin2_reference.py (numpy: brute-force",
        "neighbours over images, bonds through unwrapped coordinates, numpy least squares) on the",
        "reference (ref.dump) and deformed (out.dump) configurations of the input below.",
        "Agreement per atom: lammps.dmin2.numpy_serial / numpy_mpi2 (1e-8)."]


def voronoi_index(runs, opts):
    out = {}
    for glass, wd in runs.items():
        dump_path = os.path.join(wd, "out.dump")
        d = mggtest.Dump(dump_path)
        for cid, (_, oracle_options) in ref.VORONOI_COMPUTES.items():
            text = subprocess.run([opts.oracle, "--dump", dump_path] + oracle_options, check=True,
                                  stdout=subprocess.PIPE, text=True).stdout
            rows = np.array([[float(v) for v in line.split()] for line in text.splitlines()])
            assert np.array_equal(rows[:, 0], d["id"]), "oracle and dump atoms differ"
            cells = dict(zip(["volume", "area"] + ref.vindex.COLUMNS[1:7], rows[:, 1:].T))
            for name, value in ref.voronoi_summary(f"{glass}.{cid}", d["id"], d["type"], cells).items():
                exact = not (".volume." in name or ".area." in name)
                out[name] = (value, 0 if exact else 1e-10, 0, "voro++")
    return out, [
        "Independent reference: voro++ (Debian's libvoro++, container_periodic) through",
        "tests/unit/test_voronoi_oracle --dump on the dumped positions, with the compute's face",
        "threshold applied to voro++'s faces; motifs and most frequent indices per type from its",
        "cells by the documented rules (tests/lammps/voronoi_index/vindex.py).",
        "Per-atom agreement: lammps.voronoi_index.voro++_np1 / _np2 (volumes 1e-10, indices exact).",
        "Names: <glass>.<compute v|r>.<quantity>; index_CN_n3_n4_n5_n6_n7; motif0..5 = icosahedron,",
        "Z14, Z15, Z16, GUM, other (species-blind favoured CN)."]


def flexvol(runs, opts):
    out = {}
    for glass, wd in runs.items():
        d = mggtest.Dump(os.path.join(wd, "out.dump"))
        msd, omega = d["c_disp[4]"] ** 2, d["c_vor[1]"]
        cu = d["type"] == 1
        flex = msd * np.cbrt(omega)
        flex_cu = np.where(cu, msd / ref.FLEXVOL_SPACING ** 2 * omega, 0.0)
        for name, value in ref.flexvol_summary(glass, d["id"], d["type"], flex, flex_cu).items():
            out[name] = (value, DETERMINISTIC, 0, "numpy")
    return out, [
        "Independent reference: the definition (Ding et al. 2016) evaluated with numpy on the",
        "compute's dumped inputs: MSD from LAMMPS compute displace/atom, Voronoi volume from",
        "LAMMPS compute voronoi/atom; flexvol = MSD Omega^(1/3), with spacing s MSD Omega / s^2.",
        "Per-atom agreement: lammps.flexvol.values_serial / values_mpi2 (1e-12)."]


S2_ATOMS = (1, 1000, 2000)


def s2entropy(runs, opts):
    out = {}
    for glass, wd in runs.items():
        d = mggtest.Dump(os.path.join(wd, "out.dump"))
        x, types, ids = d.cols("x", "y", "z"), d["type"].astype(int) - 1, d["id"]
        for col, (rc, sigma, smoothing, growth, r0) in ref.S2_CASES.items():
            for i in S2_ATOMS:
                k = int(np.nonzero(ids == i)[0][0])
                value = s2_reference(k, types, x, d.h, rc, sigma, growth, r0,
                                     smoothing == "growing", 0.002)
                out[f"{glass}.{col}.S2.id{i}"] = (value, 2e-7, 0, "numpy")
    return out, [
        "Independent reference: tests/unit/s2_reference.py (numpy: explicit periodic images,",
        "untruncated Gaussians, Simpson's rule at 0.002 A) for atoms 1, 1000, 2000: it agrees with",
        "the compute's trapezoid (dr 0.001 A, Gaussians cut at 6 widths) to 1e-6 in the tests",
        "(6e-8 for these atoms; stored with 2e-7), so the per-type means over the group of",
        "centres and the selected atoms are also stored as the PLUGIN's own values",
        "(source plugin, 1e-9): a regression check; their agreement with the numpy reference is",
        "established by lammps.s2entropy.numpy_serial / numpy_mpi2 and unit.s2.numpy (1e-6)."]


def participation(runs, opts):
    out = {}
    for glass, wd in runs.items():
        d = mggtest.Dump(os.path.join(wd, "out.dump"))
        n = len(d["id"])
        mggtest.run_lammps(mggtest.glass_header(ref.GLASSES[glass], extra="atom_modify map yes") +
                           "dynamical_matrix all regular 1e-8 file dynmat.bin binary yes\n",
                           wd, name="in.dynmat")
        m = mggtest.dynamical_matrix(os.path.join(wd, "dynmat.bin"), n)
        k = round(ref.PARTICIPATION_FRACTION * (3 * n - 3))
        # the lowest eigenpairs only (LAPACK dsyevr), with margin for the zero modes
        w, v = scipy.linalg.eigh(m, subset_by_index=[0, k + 9])
        zero = int(np.sum(np.abs(w) < 1e-6))
        print(f"{glass}: {zero} zero modes; relative gap after mode {k}: "
              f"{(w[zero + k] - w[zero + k - 1]) / w[zero + k - 1]:.1e}")
        lam, vec = w[zero:zero + k], v[:, zero:zero + k]
        p = (vec.reshape(n, 3, k) ** 2).sum(axis=(1, 2))
        for name, value in ref.participation_summary(glass, d["id"], d["type"],
                                                     np.sign(lam) * mggtest.MEV * np.sqrt(np.abs(lam)),
                                                     p).items():
            out[name] = (value, 1e-6 if "energy" in name else 0, 0 if "energy" in name else 1e-6,
                         "dynmat")
        out[f"{glass}.zero_modes"] = (zero, 0, 0, "dynmat")
    return out, [
        "Independent reference: LAMMPS dynamical_matrix (PHONON; central differences of the pair",
        "forces, 1e-8 A) of the glass as shipped, symmetrised, lowest eigenpairs by scipy (eigh):",
        "the zero modes (|lambda| < 1e-6), the energies hbar omega of the lowest k = 18 non-zero",
        "modes (meV) and the per-type sums of P_i over them (mode 19 is 4.6% above mode 18).",
        "The finite differences agree with the compute's analytic EAM Hessian to 2e-7 here",
        "(energies stored with 1e-6, P sums with 1e-6 absolute), so the mode energies are also",
        "stored as the PLUGIN's own values (source plugin, 1e-9): a regression check; their",
        "agreement with dynamical_matrix is established by lammps.participation.dynmat_serial /",
        "dynmat_mpi2 (2e-5, on the minimised Cu64Zr36 glass)."]


def frozen_atom_aqs(runs, opts):
    out = {}
    for glass, wd in runs.items():
        # plus the relaxed glass before the first step, the fix's step 0, in the same format
        plane = ref.AQS_PLANE.lstrip("+-")
        script = ref.aqs_common.plain_script(ref.AQS_PLANE, ref.AQS_STEP, ref.AQS_STEPS,
                                             data=ref.GLASSES[glass]).replace(
            "variable i loop", f'run 0 post no\nprint "AQS 0 0 $(-p{plane}:%.12g) $(pe:%.12g) '
                               f'$(vol:%.12g)"\nvariable i loop')
        _, text = mggtest.run_lammps(script, wd, name="in.plain")
        plain = ref.aqs_common.parse_plain(text)  # step strain stress pe volume, steps 0..n
        strain, stress, energy = plain[:, 1], plain[:, 2], plain[:, 3]
        sign = -1.0 if ref.AQS_PLANE.startswith("-") else 1.0
        k_event, drop = first_event(sign * stress, energy, plain[0, 4], ref.AQS_STEP)
        assert k_event is not None, "no event in the plain script's steps"
        for k in range(ref.AQS_STEPS + 1):
            out[f"{glass}.step{k}.strain"] = (strain[k], 1e-12, 0, "plain")
            out[f"{glass}.step{k}.stress_bar"] = (stress[k], 1e-9, 0, "plain")
            out[f"{glass}.step{k}.energy_eV"] = (energy[k], 1e-11, 0, "plain")
            out[f"{glass}.step{k}.events"] = (1.0 if k >= k_event else 0.0, 0, 0, "plain")
        out[f"{glass}.last_drop_bar"] = (drop, 1e-7, 0, "plain")
    return out, [
        "Independent reference: the plain LAMMPS AQS script (tests/lammps/frozen_atom_aqs/",
        "aqs_common.plain_script: change_box ... remap, minimize 0 1e-8 with LAMMPS's CG each",
        "step) and the fix's event rule applied to its numbers (test_aqs_vs_plain.first_event).",
        "Both print 12 significant digits (thermo format %.12g, print %.12g); on these steps",
        "the fix agrees with all of them on 1 and 2 ranks, LAMMPS 2025 and 2021 (the drop, a",
        "difference of stresses, to 7e-12), hence 1e-9 for stress, 1e-11 for energy, 1e-7 for",
        "the drop.  One step: the event comes without an elastic prediction (the drop is minus the",
        "stress increase; the dissipation flags it).  On other inputs the",
        "minimisers may stop at different points within ftol (lammps.frozen_atom_aqs.",
        "vs_plain_script asserts 1e-6 for stress and 1e-3 for the drop).  Cu50Zr50 only (each",
        "step is seconds)."]


# quantities also stored as the plugin's own value, with its tolerance: (style, name part, rtol)
PLUGIN_OWN = {
    "s2entropy": ((".S2.", DETERMINISTIC),),
    "participation": (("energy_meV", DETERMINISTIC),),
}
INDEPENDENT = {"dmin2": dmin2, "voronoi_index": voronoi_index, "flexvol": flexvol,
               "s2entropy": s2entropy, "participation": participation,
               "frozen_atom_aqs": frozen_atom_aqs}


def make(style, opts):
    got, dirs = ref.run_style(style)
    independent, about = INDEPENDENT[style](dirs, opts)
    rows, worst = [], {}
    for name, (value, rtol, atol, source) in independent.items():
        rows.append((name, value, rtol, atol, source))
        err = abs(got[name] - value) / max(abs(value), 1e-300)
        group = ".".join(p for p in name.split(".")[1:] if not p.startswith(("id", "type")))
        worst[group] = max(worst.get(group, 0.0), err)
    for part, rtol in PLUGIN_OWN.get(style, ()):
        rows += [(name, got[name], rtol, 0, "plugin") for name in sorted(got) if part in name]
    for group, err in worst.items():
        print(f"{style} {group}: plugin vs independent, largest relative difference {err:.2e}")
    script = ref.STYLES[style][0]
    glass = next(iter(ref.STYLES[style][2].values()))
    header = [f"Reference numbers of {style} on the shipped glasses ({', '.join(ref.STYLES[style][2])}),",
              "written by tests/reference/make_reference.py, checked by",
              f"tests/reference/check_reference.py {style} (ctest lammps.{style}.reference, _mpi2).",
              *about,
              "A value passes when |got - value| <= atol + rtol |value|; source names where it",
              "comes from."]
    if any(".id" in row[0] for row in rows):
        header += ["Selected atoms (.idN): ids " + ", ".join(map(str, ref.SELECTED)) + "."]
    others = "; the other glass with its data file" if len(ref.STYLES[style][2]) > 1 else ""
    header += [f"LAMMPS input (tests/reference/reference.py, {os.path.basename(glass)}{others}):"]
    header += ["    " + line for line in ref.script_text(script(glass))]
    ref.write_reference(style, header, rows)
    print(f"wrote {ref.path(style)}: {len(rows)} numbers")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("styles", nargs="*", default=sorted(INDEPENDENT))
    parser.add_argument("--oracle", default=os.path.join("tests", "test_voronoi_oracle"),
                        help="the voro++ oracle (built with the tests)")
    opts = parser.parse_args()
    opts.oracle = os.path.abspath(opts.oracle)
    for style in opts.styles:
        make(style, opts)


if __name__ == "__main__":
    main()
