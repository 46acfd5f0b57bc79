"""Every argument error and unsupported case of compute participation stops LAMMPS with a message
naming the style."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header()
START = """
plugin load libmgglass.so
{units}
atom_style atomic
lattice fcc {a}
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 63.546
pair_style lj/cut 5.0
pair_coeff 1 1 0.4 2.3
"""
CRYSTAL = START.format(units="units metal", a=3.615)
RUN = "thermo_style custom step c_p\nrun 0\n"
P = "compute p all participation "
TWO_D = mggtest.TWO_D_HEADER
NOT_PERIODIC = GLASS.replace("read_data", "boundary p p f\nread_data")

CASES = [
    ("missing_fraction", GLASS + "compute p all participation\n",
     "Compute participation: expected 'fraction F'"),
    ("fraction_word", GLASS + P + "0.01\n", "Compute participation: expected 'fraction F'"),
    ("fraction_not_number", GLASS + P + "fraction abc\n",
     "Compute participation: fraction must be a number, got 'abc'"),
    ("fraction_zero", GLASS + P + "fraction 0\n",
     "Compute participation: fraction must be positive, got '0'"),
    ("fraction_above_one", GLASS + P + "fraction 1.5\n",
     "Compute participation: fraction 1.5 must be in (0, 1]"),
    ("unknown_keyword", GLASS + P + "fraction 0.01 foo 1\n",
     "Compute participation: unknown keyword 'foo'"),
    ("missing_value", GLASS + P + "fraction 0.01 hessian\n",
     "Compute participation: missing value after keyword 'hessian'"),
    ("bad_hessian", GLASS + P + "fraction 0.01 hessian exact\n",
     "Compute participation: hessian must be one of auto, eam, fd, got 'exact'"),
    ("bad_delta", GLASS + P + "fraction 0.01 delta -1\n",
     "Compute participation: delta must be positive, got '-1'"),
    ("delta_too_large", GLASS + P + "fraction 0.01 hessian fd delta 50\n",
     "Compute participation: delta 50 must be from 1e-10 to 0.01 (A)"),
    ("delta_too_small", GLASS + P + "fraction 0.01 delta 1e-12\n",
     "Compute participation: delta 1e-12 must be from 1e-10 to 0.01 (A)"),
    # the reproducer: "Failed to allocate -21237645312 bytes" (bins in int)
    ("vdos_too_many_bins", GLASS + P + "fraction 1 vdos 1e-9 40\n",
     "Compute participation: vdos: maximum / bin width = 4e+10 bins exceed 1e+06; use a wider bin"),
    ("two_d", TWO_D + P + "fraction 0.1\n", "Compute participation: needs a 3d system"),
    ("bad_ftol", GLASS + P + "fraction 0.01 ftol x\n",
     "Compute participation: ftol must be a number, got 'x'"),
    ("kpm_missing_vectors", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 500\n",
     "Compute participation: kpm needs the number of moments and of random vectors"),
    ("kpm_moments_not_integer", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 50.5 4\n",
     "Compute participation: kpm moments must be a positive integer"),
    ("kpm_few_moments", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 5 4\n",
     "Compute participation: kpm moments 5 must be from 10 to 100000"),
    ("kpm_many_moments", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 1000000 4\n",
     "Compute participation: kpm moments 1000000 must be from 10 to 100000"),
    ("kpm_no_vectors", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 500 0\n",
     "Compute participation: kpm vectors must be a positive integer"),
    ("kpm_many_vectors", GLASS + P + "fraction 0.01 vdos 0.5 40 kpm 500 1000\n",
     "Compute participation: kpm vectors 1000 must be from 1 to 256"),
    ("kpm_without_vdos", GLASS + P + "fraction 0.01 kpm 500 4\n",
     "Compute participation: kpm sets up the V-DOS: it needs the keyword vdos W E"),
    ("array_without_vdos", GLASS + P + "fraction 0.01\n"
     "thermo_style custom step c_p[1][2]\nrun 0\n",
     "Compute participation: the global array is the V-DOS: it needs the keyword vdos W E"),
    ("vdos_missing_maximum", GLASS + P + "fraction 1 vdos 0.5\n",
     "Compute participation: vdos needs a bin width and a maximum (meV)"),
    ("vdos_bad_width", GLASS + P + "fraction 1 vdos 0 40\n",
     "Compute participation: vdos bin width must be positive, got '0'"),
    ("vdos_maximum_below_width", GLASS + P + "fraction 1 vdos 2 1\n",
     "Compute participation: vdos maximum is smaller than the bin width"),
    ("vectors_count_not_integer", GLASS + P + "fraction 0.01 vectors 1.5 1\n",
     "Compute participation: vectors count 1.5 is not an integer"),
    ("vectors_too_few", GLASS + P + "fraction 0.01 vectors 2 1\n",
     "Compute participation: vectors: expected 2 mode numbers"),
    ("vectors_not_integer", GLASS + P + "fraction 0.01 vectors 1 x\n",
     "Compute participation: vectors: mode number x is not a positive integer"),
    ("vectors_beyond_modes", GLASS + P + "fraction 0.01 vectors 2 1 61\n",
     "Compute participation: vectors: mode 61 is beyond the 60 modes of fraction 0.01"),
    ("bad_solver", GLASS + P + "fraction 0.01 solver lanczos\n",
     "Compute participation: solver must be one of auto, dense, sparse, got 'lanczos'"),
    ("sparse_too_many_modes", GLASS + P + "fraction 0.2 solver sparse\n",
     "Compute participation: solver sparse is for up to a fraction 0.05 of the modes"),
    ("shift_positive", GLASS + P + "fraction 0.01 shift 1e-4\n",
     "Compute participation: shift 1e-4 must be negative"),
    ("block_zero", GLASS + P + "fraction 0.01 block 0\n",
     "Compute participation: block 0 must be an integer from 1 to 1024"),
    ("block_fraction", GLASS + P + "fraction 0.01 block 2.5\n",
     "Compute participation: block 2.5 must be an integer from 1 to 1024"),
    ("units_real", START.format(units="units real", a=3.615) + P + "fraction 0.01\n",
     "Compute participation: needs units metal"),
    ("too_many_atoms", START.format(units="units metal", a=3.615).replace(
        "0 3 0 3 0 3", "0 16 0 16 0 16") + P + "fraction 0.01 solver dense\n",
     "Compute participation: 16384 atoms exceed the dense eigensolver's limit"),
    ("not_periodic", NOT_PERIODIC + P + "fraction 0.01\n" + RUN,
     "Compute participation: needs a box periodic in x, y and z"),
    ("hessian_eam_not_eam", CRYSTAL + P + "fraction 0.01 hessian eam\n" + RUN,
     "Compute participation: hessian eam needs pair style eam, eam/alloy or eam/fs"),
    ("fd_needs_map", CRYSTAL + P + "fraction 0.01\n" + RUN,
     "Compute participation: hessian fd needs an atom map (atom_modify map yes)"),
    ("atoms_changed", CRYSTAL + P + "fraction 0.01\ncreate_atoms 1 single 0.1 0.1 0.1\n" + RUN,
     "Compute participation: the number of atoms changed from 108 to 109"),
    ("ids_not_contiguous", GLASS + "group one id 7\ndelete_atoms group one compress no\n" + P +
     "fraction 0.01\n" + RUN, "Compute participation: needs atom IDs 1 to N"),
]


def main():
    mggtest.expect_errors(CASES, mggtest.workdir("participation_errors"))


if __name__ == "__main__":
    main()
