"""Every argument error of compute s2entropy stops LAMMPS with a message naming the style."""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header()
EVALUATE = """
compute m all reduce ave c_s
thermo_style custom step c_m
run 0
"""
LJ_GAS = """
plugin load libmgglass.so
units lj
atom_style atomic
region box block 0 10 0 10 0 10
create_box 1 box
create_atoms 1 random 500 99 box
mass 1 1.0
pair_style zero 2.5
pair_coeff * *
"""
TWO_D = mggtest.TWO_D_HEADER
S = "compute s all s2entropy "
# rc 11.2 growing: 11.2 + 6 w(11.2), w = 0.2 + 0.03 (11.2 - 3.9)^2, rounded up to 0.001 A
GROWING_RADIUS = math.ceil((11.2 + 6 * (0.2 + 0.03 * (11.2 - 3.9) ** 2)) * 1000) / 1000

CASES = [
    ("missing_cutoff", GLASS + "compute s all s2entropy\n", "Compute s2entropy: missing cutoff"),
    ("cutoff_not_number", GLASS + S + "far\n", "Compute s2entropy: cutoff must be a number, got 'far'"),
    ("cutoff_negative", GLASS + S + "-3.9\n", "Compute s2entropy: cutoff must be positive, got '-3.9'"),
    ("sigma_zero", GLASS + S + "3.9 sigma 0\n", "Compute s2entropy: sigma must be positive, got '0'"),
    ("sigma_not_number", GLASS + S + "3.9 sigma wide\n",
     "Compute s2entropy: sigma must be a number, got 'wide'"),
    ("cutoff_infinite", GLASS + S + "1e999\n", "Compute s2entropy: cutoff must be finite, got '1e999'"),
    ("sigma_infinite", GLASS + S + "3.9 sigma -1e400\n", "Compute s2entropy: sigma must be finite, got '-1e400'"),
    ("dr_negative", GLASS + S + "3.9 dr -0.01\n", "Compute s2entropy: dr must be positive, got '-0.01'"),
    ("dr_not_number", GLASS + S + "3.9 dr fine\n", "Compute s2entropy: dr must be a number, got 'fine'"),
    ("dr_too_small", GLASS + S + "3.9 dr 1e-300\n", "Compute s2entropy: dr 1e-300 is too small"),
    # the reproducers: std::bad_alloc (1e-9) and a run past 300 s (1e-7)
    ("dr_1e-9", GLASS + S + "6.4 dr 1e-9\n",
     "Compute s2entropy: dr 1e-09 is too small: it must be at least sigma / 1000 = 0.0002"),
    ("dr_1e-7", GLASS + S + "6.4 dr 1e-7\n",
     "Compute s2entropy: dr 1e-07 is too small: it must be at least sigma / 1000 = 0.0002"),
    ("dr_below_sigma_1000", GLASS + S + "6.4 sigma 0.5 dr 0.0004\n",
     "Compute s2entropy: dr 0.0004 is too small: it must be at least sigma / 1000 = 0.0005"),
    ("grid_too_large", GLASS + S + "6.4 sigma 1e-6 dr 1e-6\n",
     "Compute s2entropy: dr 1e-06 is too small for cutoff 6.4: cutoff / dr = 6.4e+06 grid points "
     "exceed 1e+06"),
    ("two_d", TWO_D + S + "3.9\n",
     "Compute s2entropy: needs a 3d system"),
    ("missing_value", GLASS + S + "3.9 sigma\n", "Compute s2entropy: missing value after keyword 'sigma'"),
    ("unknown_keyword", GLASS + S + "3.9 width 0.3\n", "Compute s2entropy: unknown keyword 'width'"),
    ("bad_smoothing", GLASS + S + "3.9 smoothing adaptive\n",
     "Compute s2entropy: smoothing must be one of fixed, growing, got 'adaptive'"),
    ("growth_negative", GLASS + S + "3.9 smoothing growing growth -0.1\n",
     "Compute s2entropy: growth must be zero or positive, got '-0.1'"),
    ("growth_not_number", GLASS + S + "3.9 smoothing growing growth fast\n",
     "Compute s2entropy: growth must be a number, got 'fast'"),
    ("growth_infinite", GLASS + S + "3.9 smoothing growing growth 1e999\n",
     "Compute s2entropy: growth must be finite, got '1e999'"),
    ("growth_start_negative", GLASS + S + "3.9 smoothing growing growth_start -1\n",
     "Compute s2entropy: growth_start must be zero or positive, got '-1'"),
    ("growth_start_not_number", GLASS + S + "3.9 smoothing growing growth_start x\n",
     "Compute s2entropy: growth_start must be a number, got 'x'"),
    ("growth_with_fixed", GLASS + S + "3.9 growth 0.05\n",
     "Compute s2entropy: growth applies only to 'smoothing growing'"),
    ("growth_start_with_fixed", GLASS + S + "3.9 smoothing fixed growth_start 2.0\n",
     "Compute s2entropy: growth_start applies only to 'smoothing growing'"),
    ("bad_avg", GLASS + S + "3.9 avg maybe 3.0\n",
     "Compute s2entropy: avg must be one of yes, no, got 'maybe'"),
    ("avg_missing_rc2", GLASS + S + "3.9 avg yes\n",
     "Compute s2entropy: missing cutoff rc2 after 'avg yes'"),
    ("avg_rc2_not_number", GLASS + S + "3.9 avg yes near\n",
     "Compute s2entropy: avg cutoff rc2 must be a number, got 'near'"),
    ("avg_rc2_zero", GLASS + S + "3.9 avg yes 0\n",
     "Compute s2entropy: avg cutoff rc2 must be positive, got '0'"),
    ("no_group", GLASS + "compute s nosuchgroup s2entropy 3.9\n",
     "Compute s2entropy: group 'nosuchgroup' does not exist"),
    ("lj_units_defaults", LJ_GAS + "compute s all s2entropy 2.0\n",
     "Compute s2entropy: the defaults are in Angstrom: with units lj give sigma and dr"),
    ("lj_units_growing", LJ_GAS + "compute s all s2entropy 2.0 sigma 0.1 dr 0.01 smoothing growing\n",
     "with units lj give sigma and dr, growth and growth_start"),
    # rc 11.2, fixed: 11.2 + 6 x 0.2; growing: 11.2 + 6 (0.2 + 0.03 (11.2 - 3.9)^2)
    ("search_beyond_ghost", GLASS + S + "11.2\n" + EVALUATE,
     "Compute s2entropy: search radius (cutoff + 6 kernel widths) 12.4 exceeds the ghost-atom "
     "cutoff 9.6 (pair cutoff + skin, or comm_modify cutoff); use 'comm_modify cutoff 12.4' or larger"),
    ("search_beyond_ghost_growing", GLASS + "comm_modify cutoff 20\n" + S +
     "11.2 smoothing growing\n" + EVALUATE, f"use 'comm_modify cutoff {GROWING_RADIUS:g}' or larger"),
    ("avg_beyond_ghost", GLASS + S + "3.9 avg yes 10.0\n" + EVALUATE.replace("c_s", "c_s[2]"),
     "Compute s2entropy: avg cutoff rc2 10 exceeds the ghost-atom cutoff 9.6"),
    ("non_periodic", GLASS.replace("read_data", "boundary p p f\nread_data") + S + "3.9\n" + EVALUATE,
     "Compute s2entropy: the box must be periodic in all three dimensions"),
]


def main():
    wd = mggtest.workdir("s2entropy_errors")
    mggtest.expect_errors(CASES, wd)
    # the suggested command is enough
    mggtest.run_lammps(GLASS + f"comm_modify cutoff {GROWING_RADIUS:g}\n" + S + "11.2 smoothing growing\n"
                       "group one id 1\nuncompute s\ncompute s one s2entropy 11.2 smoothing growing\n"
                       + EVALUATE, wd, name="in.suggested_cutoff")
    print("suggested_cutoff: the comm_modify value of the message is enough")
    # dr above sigma: a warning (and the values)
    _, out = mggtest.run_lammps(GLASS + S + "6.4 dr 0.3\n" + EVALUATE, wd, name="in.dr_above_sigma")
    assert "WARNING: Compute s2entropy: dr 0.3 exceeds sigma 0.2" in out, out[-2000:]
    _, out = mggtest.run_lammps(GLASS + S + "6.4 dr 0.2\n" + EVALUATE, wd, name="in.dr_sigma")
    assert "WARNING: Compute s2entropy" not in out, "no warning at dr = sigma"
    print("dr_above_sigma: warning")


if __name__ == "__main__":
    main()
