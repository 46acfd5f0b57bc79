"""Every argument error of compute dmin2 (and every error of an evaluation) stops LAMMPS with a
message naming the style."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header()
SMALL_CRYSTAL = """
plugin load libmgglass.so
units metal
lattice fcc 3.615
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 63.546
pair_style lj/cut 5.0
pair_coeff 1 1 0.4 2.3
"""
TWO_D = mggtest.TWO_D_HEADER
EVALUATE = """
compute dsum all reduce sum c_d[1]
thermo_style custom step pe c_dsum
run 0
"""

CASES = [
    ("missing_cutoff", GLASS + "compute d all dmin2\n", "Compute dmin2: missing cutoff"),
    ("cutoff_not_number", GLASS + "compute d all dmin2 abc\n",
     "Compute dmin2: cutoff must be a number, got 'abc'"),
    ("cutoff_negative", GLASS + "compute d all dmin2 -1.0\n",
     "Compute dmin2: cutoff must be positive, got '-1.0'"),
    ("unknown_keyword", GLASS + "compute d all dmin2 3.8 foo 1\n",
     "Compute dmin2: unknown keyword 'foo'"),
    ("missing_value", GLASS + "compute d all dmin2 3.8 norm\n",
     "Compute dmin2: missing value after keyword 'norm'"),
    ("bad_norm", GLASS + "compute d all dmin2 3.8 norm median\n",
     "Compute dmin2: norm must be one of mean, sum, got 'median'"),
    ("bad_reference", GLASS + "compute d all dmin2 3.8 reference later\n",
     "Compute dmin2: reference must be one of fixed, previous, got 'later'"),
    ("search_not_number", GLASS + "compute d all dmin2 3.8 search far\n",
     "Compute dmin2: search must be a number, got 'far'"),
    ("search_below_cutoff", GLASS + "compute d all dmin2 3.8 search 2.0\n",
     "Compute dmin2: search radius 2.0 is smaller than the cutoff 3.8"),
    ("no_group", GLASS + "compute d nosuchgroup dmin2 3.8\n",
     "Compute dmin2: group 'nosuchgroup' does not exist"),
    ("cutoff_beyond_ghost", GLASS + "compute d all dmin2 12.0\n" + EVALUATE,
     "Compute dmin2: cutoff 12 exceeds the ghost-atom cutoff 9.6"),
    ("search_beyond_ghost", GLASS + "compute d all dmin2 3.8 search 12.0\n" + EVALUATE,
     "Compute dmin2: search radius 12 exceeds the ghost-atom cutoff 9.6"),
    ("cell_too_small", SMALL_CRYSTAL + "compute d all dmin2 3.8\n" + EVALUATE,
     "Compute dmin2: the periodic cell is too small"),
    ("neighbours_lost", GLASS + "compute d all dmin2 3.8 search 3.9\n" + EVALUATE +
     "displace_atoms all random 0.8 0.8 0.8 5 units box\nrun 0\n",
     "atoms have reference neighbours farther than the search radius 3.9"),
    ("two_d", TWO_D + "compute d all dmin2 3.8\n", "Compute dmin2: needs a 3d system"),
    ("created_far_deformed", GLASS + "compute d all dmin2 3.8\n" + EVALUATE +
     "change_box all x scale 2.5 remap\ncreate_atoms 1 single 1 1 1\nrun 0\n",
     "Compute dmin2: 1 atoms were created in a box too far deformed from the reference box"),
]


def main():
    mggtest.expect_errors(CASES, mggtest.workdir("dmin2_errors"))


if __name__ == "__main__":
    main()
