"""fix frozen_atom_aqs against the plain LAMMPS AQS script (change_box ... remap, then
minimize 0 1e-8 with CG each step) on the 2,000-atom Cu50Zr50 glass: the same strain and
shear stress (1e-6 relative) and energy on the elastic branch, and the first event by the fix's
default rule (a stress drop along the loading of more than 1 MPa from the step before, or more
than 1 meV dissipated) found in the plain script's numbers in the same step as the fix's first event,
with the same drop.  With --np 2 the
fix runs on two MPI ranks (the plain script stays serial); with --min sd both relax by steepest
descent (min_style sd; --ftol looser, since steepest descent converges slowly)."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import aqs_common  # noqa: E402
import mggtest  # noqa: E402

DROP_BAR = 10.0  # the fix's default event thresholds: 1 MPa
DISSIPATED_EV = 1e-3  # and 1 meV dissipated
BAR_A3_PER_EV = 1.6021765e6  # LAMMPS metal nktv2p


def first_event(along, energy, volume, step):
    """The fix's event rule applied to the plain script's rows (stress along the loading, bar;
    energy, eV): the first row whose stress falls by more than DROP_BAR from the row before, or
    that dissipates more than DISSIPATED_EV (work of the step by the trapezoid rule minus the
    energy gained).  Returns (row, drop) or (None, None)."""
    for k in range(1, len(along)):
        drop = along[k - 1] - along[k]
        work = 0.5 * (along[k - 1] + along[k]) * volume * step / BAR_A3_PER_EV
        if drop > DROP_BAR or energy[k - 1] + work - energy[k] > DISSIPATED_EV:
            return k, drop
    return None, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    parser.add_argument("--plane", default="-xy")
    parser.add_argument("--step", type=float, default=2e-4)
    parser.add_argument("--nsteps", type=int, default=10)
    parser.add_argument("--min", default="cg", choices=["cg", "sd"])
    parser.add_argument("--ftol", type=float, default=1e-8)
    args = parser.parse_args()
    sign = -1.0 if args.plane.startswith("-") else 1.0
    cwd = mggtest.workdir(f"frozen_atom_aqs_vs_plain_{args.min}_np{args.np}")

    _, out = mggtest.run_lammps(aqs_common.plain_script(args.plane, args.step, args.nsteps,
                                                        min_style=args.min, ftol=args.ftol), cwd,
                                name="in.plain")
    plain = aqs_common.parse_plain(out)  # step strain stress pe, steps 1..n
    keywords = f"sweep no min {args.min} ftol {args.ftol}"
    _, out = mggtest.run_lammps(aqs_common.fix_script(args.plane, args.step, args.nsteps,
                                                      keywords=keywords), cwd,
                                np_ranks=args.np, name="in.fix")
    table = aqs_common.parse_thermo(out)  # step strain stress energy events last_drop pxy pe
    fix0, fix = table[0], table[1:]
    assert fix.shape[0] == plain.shape[0] == args.nsteps, (fix.shape, plain.shape)

    mggtest.assert_close("strain", fix[:, 1], plain[:, 1], rtol=1e-12)
    # the fix's own stress output is the -p_ab that thermo reports
    mggtest.assert_close("fix stress vs thermo -pxy", fix[:, 2], -fix[:, 6], rtol=1e-9)
    # the relaxed initial state (step 0 of the fix) heads the plain script's rows
    along = sign * np.concatenate([[fix0[2]], plain[:, 2]])
    energy = np.concatenate([[fix0[3]], plain[:, 3]])
    k_plain, drop_plain = first_event(along, energy, plain[0, 4], args.step)
    assert k_plain is not None, "no event in the plain run: use more steps"
    print(f"first event of the plain script at AQS step {k_plain}: drop {drop_plain:.3f} bar")
    elastic = slice(0, k_plain - 1)
    mggtest.assert_close("stress (elastic branch)", fix[elastic, 2], plain[elastic, 2], rtol=1e-6)
    mggtest.assert_close("energy (elastic branch)", fix[elastic, 3], plain[elastic, 3], rtol=1e-9)
    first = np.nonzero(fix[:, 4] > 0)[0]
    assert first.size and first[0] + 1 == k_plain, \
        f"fix's first event at step {first[:1] + 1}, plain script's first at {k_plain}"
    mggtest.assert_close("first drop", fix[k_plain - 1, 5], drop_plain, rtol=1e-3)


if __name__ == "__main__":
    main()
