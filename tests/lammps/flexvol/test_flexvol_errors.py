"""Every argument error of compute flexvol stops LAMMPS with a message naming the style."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header() + """
compute vor all voronoi/atom
compute disp all displace/atom
compute ke all ke/atom
variable m atom 0.01
variable neg atom -1.0
variable half atom 0.01-1.0*(id%2==0)
variable inf atom 1e300*1e300
variable nan atom v_inf-v_inf
variable zrneg atom 0.01-1.0*(type==2)
variable scalar equal 1.0
variable big atom 1e300
"""
# evaluates compute f (its group mean through compute reduce)
RUN = "compute mean all reduce ave c_f\nthermo_style custom step c_mean\nrun 0\n"
P = "Compute flexvol: "

CASES = [
    ("no_inputs", GLASS + "compute f all flexvol\n", P + "missing inputs"),
    ("one_input", GLASS + "compute f all flexvol v_m\n", P + "missing inputs"),
    ("not_a_reference", GLASS + "compute f all flexvol 0.01 c_vor[1]\n",
     P + "MSD input '0.01' must be c_ID, c_ID[N], f_ID, f_ID[N] or v_name"),
    ("volume_not_a_reference", GLASS + "compute f all flexvol v_m vol\n",
     P + "volume input 'vol' must be c_ID"),
    ("two_indices", GLASS + "compute f all flexvol v_m c_vor[1][1]\n", P + "volume input 'c_vor[1][1]' must be"),
    ("no_compute", GLASS + "compute f all flexvol c_nothing v_m\n", P + "MSD input c_nothing: no compute with ID nothing"),
    ("no_fix", GLASS + "compute f all flexvol f_nothing c_vor[1]\n", P + "MSD input f_nothing: no fix with ID nothing"),
    ("no_variable", GLASS + "compute f all flexvol v_nothing c_vor[1]\n", P + "MSD input v_nothing: no variable nothing"),
    ("not_atom_style", GLASS + "compute f all flexvol v_scalar c_vor[1]\n",
     P + "MSD input v_scalar: not an atom-style variable"),
    ("not_per_atom", GLASS + "compute f all flexvol c_thermo_temp c_vor[1]\n",
     P + "MSD input c_thermo_temp: does not give per-atom values"),
    ("array_without_column", GLASS + "compute f all flexvol v_m c_vor\n",
     P + "volume input c_vor: gives a per-atom array: name a column"),
    ("vector_with_column", GLASS + "compute f all flexvol c_ke[1] c_vor[1]\n",
     P + "MSD input c_ke[1]: gives a per-atom vector, not an array"),
    ("column_out_of_range", GLASS + "compute f all flexvol v_m c_vor[3]\n",
     P + "volume input c_vor[3]: column out of range (vor has 2 columns)"),
    # column indices below 1 read before the array (garbage or a segfault) unless refused
    ("column_negative", GLASS + "compute f all flexvol v_m c_vor[-1]\n" + RUN,
     P + "volume input c_vor[-1]: the column must be a positive integer, got '-1'"),
    ("column_far_negative", GLASS + "compute f all flexvol v_m c_vor[-5000000]\n" + RUN,
     P + "volume input c_vor[-5000000]: the column must be a positive integer, got '-5000000'"),
    ("column_zero", GLASS + "compute f all flexvol c_ke[0] c_vor[1]\n" + RUN,
     P + "MSD input c_ke[0]: the column must be a positive integer, got '0'"),
    ("column_not_integer", GLASS + "compute f all flexvol v_m c_vor[1x]\n" + RUN,
     P + "volume input c_vor[1x]: the column must be a positive integer, got '1x'"),
    ("column_beyond_int", GLASS + "compute f all flexvol v_m c_vor[99999999999]\n" + RUN,
     P + "volume input 'c_vor[99999999999]' must be c_ID, c_ID[N], f_ID, f_ID[N] or v_name with N "
     "from 1 to 2147483647"),
    ("fix_column_negative", GLASS + "fix two all ave/atom 1 1 1 v_m v_m\ncompute f all flexvol f_two[-2] c_vor[1]\n" +
     RUN, P + "MSD input f_two[-2]: the column must be a positive integer, got '-2'"),
    ("fix_column_out_of_range", GLASS + "fix two all ave/atom 1 1 1 v_m v_m\n"
     "compute f all flexvol f_two[3] c_vor[1]\n" + RUN,
     P + "MSD input f_two[3]: column out of range (two has 2 columns)"),
    # two flexvol computes reading each other (directly, or through a variable) recursed until
    # the stack overflowed (SIGSEGV)
    ("circular_computes", GLASS + "compute b all flexvol v_m c_vor[1]\ncompute f all flexvol c_b c_vor[1]\n"
     "uncompute b\ncompute b all flexvol c_f c_vor[1]\n" + RUN,
     P + "MSD input c_b of compute f needs the values of compute f itself (circular reference)"),
    ("circular_variable", GLASS + "variable x atom c_b\ncompute f all flexvol v_m v_x\n"
     "compute b all flexvol c_f c_vor[1]\n" + RUN,
     P + "volume input v_x of compute f needs the values of compute f itself (circular reference)"),
    ("unknown_keyword", GLASS + "compute f all flexvol v_m c_vor[1] scale 2\n", P + "unknown keyword 'scale'"),
    ("spacing_missing", GLASS + "compute f all flexvol v_m c_vor[1] spacing\n",
     P + "missing value after keyword 'spacing'"),
    ("spacing_zero", GLASS + "compute f all flexvol v_m c_vor[1] spacing 0\n",
     P + "spacing must be positive, got '0'"),
    ("spacing_not_number", GLASS + "compute f all flexvol v_m c_vor[1] spacing wide\n",
     P + "spacing must be a number, got 'wide'"),
    ("no_group", GLASS + "compute f nogroup flexvol v_m c_vor[1]\n", P + "group 'nogroup' does not exist"),
    ("compute_deleted", GLASS + "compute f all flexvol c_disp[4] c_vor[1]\nuncompute disp\n" + RUN,
     P + "MSD input c_disp[4]: no compute with ID disp"),
    ("fix_off_step", GLASS + "fix msd all ave/atom 1 5 5 c_disp[4]\ncompute f all flexvol f_msd c_vor[1]\n" + RUN +
     "run 2\n", P + "MSD input f_msd: the fix has no values on this step (its per-atom output comes every 5 steps)"),
    ("spacing_infinite", GLASS + "compute f all flexvol v_m c_vor[1] spacing 1e999\n",
     P + "spacing must be finite, got '1e999'"),
    # per-atom values: the first bad input is named with the count, the first atom and its value
    ("negative_input", GLASS + "compute f all flexvol v_neg c_vor[1]\n" + RUN,
     P + "MSD input v_neg is negative or not finite on 2000 atoms of the group (first: atom 1, value -1)"),
    ("negative_volume", GLASS + "compute f all flexvol v_m v_half\n" + RUN,
     P + "volume input v_half is negative or not finite on 1000 atoms of the group (first: atom 2, "
     "value -0.99)"),
    ("infinite_msd", GLASS + "compute f all flexvol v_inf c_vor[1]\n" + RUN,
     P + "MSD input v_inf is negative or not finite on 2000 atoms of the group (first: atom 1, value inf)"),
    ("nan_volume", GLASS + "fix msd all ave/atom 1 1 1 v_m\ncompute f all flexvol f_msd v_nan\n" + RUN,
     P + "volume input v_nan is negative or not finite on 2000 atoms of the group (first: atom 1, value "),
    # finite inputs whose v_flex overflows printed inf
    ("overflow", GLASS + "compute f all flexvol v_big v_big\n" + RUN,
     P + "v_flex is not finite (overflow) on 2000 atoms of the group (first: atom 1, MSD input v_big = "
     "1e+300, volume input v_big = 1e+300)"),
    ("overflow_spacing", GLASS + "compute f all flexvol v_m c_vor[1] spacing 1e-200\n" + RUN,
     P + "v_flex is not finite (overflow) on 2000 atoms of the group (first: atom 1, MSD input v_m = 0.01, "
     "volume input c_vor[1] = "),
    ("both_inputs", GLASS + "compute f all flexvol v_neg v_half\n" + RUN,
     P + "MSD input v_neg is negative or not finite on 2000 atoms of the group (first: atom 1, value -1); "
     "volume input v_half is negative or not finite on 1000 atoms"),
]


def main():
    wd = mggtest.workdir("flexvol_errors")
    mggtest.expect_errors(CASES, wd)
    # values outside the group are not inputs: negative volumes of Zr atoms do not stop the Cu group
    _, out = mggtest.run_lammps(GLASS + "group cu type 1\ncompute f cu flexvol v_m v_zrneg\n" +
                                RUN.replace("mean all", "mean cu"), wd, name="in.outside_group")
    lines = out.splitlines()
    header = next(k for k, line in enumerate(lines) if line.split()[:2] == ["Step", "c_mean"])
    rows = lines[header + 1].split()
    # Cu atoms: MSD 0.01, volume 0.01, so v_flex = 0.01 * 0.01^(1/3) (thermo prints 8 digits)
    assert rows[0] == "0" and abs(float(rows[1]) / (0.01 * 0.01 ** (1 / 3)) - 1) < 1e-7, rows[:2]
    print("outside_group: negative volumes outside the group are ignored")
    # errors cite the style's source line (argument, input reference, per-atom check), not the
    # error helper's (mgg_style_util.cpp)
    for name, script in [("cites_style_argument", GLASS + "compute f all flexvol v_m c_vor[1] spacing 0\n"),
                         ("cites_style_input", GLASS + "compute f all flexvol v_m c_vor[-1]\n"),
                         ("cites_style_values", GLASS + "compute f all flexvol v_neg c_vor[1]\n" + RUN)]:
        mggtest.expect_error(script, wd, "compute_flexvol.cpp:", name)


if __name__ == "__main__":
    main()
