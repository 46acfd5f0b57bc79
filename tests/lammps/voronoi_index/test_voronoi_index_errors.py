"""Every argument error of compute voronoi_index, and the ghost-cutoff, search-radius and
boundary errors found when it runs, stop LAMMPS with a message naming the style."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header()
RUN = """
compute vsum all reduce sum c_v[1]
thermo_style custom step c_vsum
run 0
"""
# a pair cutoff of 2 A and a 0.1 A skin: ghost atoms within 2.1 A, too few to close a cell
SHORT_GHOSTS = mggtest.glass_header().replace("pair_style eam/fs", "pair_style zero 2.0\n#").replace(
    "pair_coeff * * CuZr_mm.eam.fs Cu Zr", "pair_coeff * *\nneighbor 0.1 bin")
# no pair style and no comm_modify cutoff: no ghost atoms at all
NO_GHOSTS = mggtest.glass_header().replace("pair_style eam/fs", "#").replace(
    "pair_coeff * * CuZr_mm.eam.fs Cu Zr", "#")
FLAT = """
plugin load libmgglass.so
units metal
dimension 2
lattice hex 0.8
region box block 0 5 0 5 -0.5 0.5
create_box 1 box
create_atoms 1 box
mass 1 1.0
pair_style lj/cut 2.5
pair_coeff * * 1.0 1.0
"""
STYLE = "Compute voronoi_index: "

CASES = [
    ("no_group", GLASS + "compute v nosuchgroup voronoi_index\n", "group 'nosuchgroup' does not exist"),
    ("unknown_keyword", GLASS + "compute v all voronoi_index foo 1\n", "unknown keyword 'foo'"),
    ("missing_value", GLASS + "compute v all voronoi_index top\n", "missing value after keyword 'top'"),
    ("face_area_text", GLASS + "compute v all voronoi_index face_area big\n",
     "face_area must be a number, got 'big'"),
    ("face_area_negative", GLASS + "compute v all voronoi_index face_area -0.1\n",
     "face_area must be zero or positive, got '-0.1'"),
    ("face_fraction_negative", GLASS + "compute v all voronoi_index face_fraction -0.01\n",
     "face_fraction must be zero or positive, got '-0.01'"),
    ("face_fraction_one", GLASS + "compute v all voronoi_index face_fraction 1\n",
     "face_fraction must be below 1, got '1'"),
    ("edge_length_text", GLASS + "compute v all voronoi_index edge_length short\n",
     "edge_length must be a number, got 'short'"),
    ("edge_length_negative", GLASS + "compute v all voronoi_index edge_length -1\n",
     "edge_length must be zero or positive, got '-1'"),
    ("favoured_cn_too_few", GLASS + "compute v all voronoi_index favoured_cn 12\n",
     "favoured_cn needs one value per atom type (2), got 1"),
    ("favoured_cn_not_integer", GLASS + "compute v all voronoi_index favoured_cn 12 16.5\n",
     "favoured_cn of type 2 must be a positive integer, got '16.5'"),
    ("favoured_cn_zero", GLASS + "compute v all voronoi_index favoured_cn 0 16\n",
     "favoured_cn of type 1 must be a positive integer, got '0'"),
    ("radius_too_few", GLASS + "compute v all voronoi_index top 3 radius 1.2\n",
     "radius needs one value per atom type (2), got 1"),
    ("radius_negative", GLASS + "compute v all voronoi_index radius -1.28 1.6\n",
     "radius of type 1 must be zero or positive, got '-1.28'"),
    ("radius_text", GLASS + "compute v all voronoi_index radius 1.28 top\n",
     "radius of type 2 must be a number, got 'top'"),
    ("top_zero", GLASS + "compute v all voronoi_index top 0\n", "top must be a positive integer, got '0'"),
    ("top_beyond_int", GLASS + "compute v all voronoi_index global yes top 99999999999\n",
     "top must be a positive integer, got '99999999999'"),
    ("top_without_global", GLASS + "compute v all voronoi_index top 5\n",
     "top sets the rows of the global array: use it with 'global yes'"),
    ("global_not_yes_no", GLASS + "compute v all voronoi_index global 1\n",
     "global must be one of no, yes, got '1'"),

    ("top_text", GLASS + "compute v all voronoi_index top many\n",
     "top must be a positive integer, got 'many'"),
    # the reproducer: "Failed to allocate -21237645312 bytes" (rows = top x types in int)
    ("top_huge", GLASS + "compute v all voronoi_index top 2000000000\n",
     "top 2000000000 exceeds 100000 (rows per atom type"),
    ("top_above_bound", GLASS + "compute v all voronoi_index top 100001\n", "top 100001 exceeds 100000"),
    # atom 17 moved onto atom 1 exactly: no bisecting plane, two full cells before
    ("coincident_atoms", mggtest.glass_header(extra="atom_modify map yes") + "variable ax atom x[1]\nvariable ay atom y[1]\nvariable az atom z[1]\n"
     "set atom 17 x v_ax y v_ay z v_az\ncompute v all voronoi_index\n" + RUN,
     "atoms 1 and 17 are at the same position (2 atoms of the group coincide with another atom)"),
    ("search_negative", GLASS + "compute v all voronoi_index search -5\n",
     "search must be positive, got '-5'"),
    ("search_text", GLASS + "compute v all voronoi_index search far\n", "search must be a number, got 'far'"),
    # numbers that overflow to infinity (utils::is_double accepts them)
    ("search_infinite", GLASS + "compute v all voronoi_index search 1e999\n",
     "search must be finite, got '1e999'"),
    ("face_area_infinite", GLASS + "compute v all voronoi_index face_area 1e400\n",
     "face_area must be finite, got '1e400'"),
    ("search_beyond_ghost", GLASS + "compute v all voronoi_index search 12\n" + RUN,
     "search radius 12 exceeds the ghost-atom cutoff 9.6 (pair cutoff + skin, or comm_modify "
     "cutoff); use 'comm_modify cutoff 12' or larger"),
    ("search_too_small", GLASS + "compute v all voronoi_index search 3\n" + RUN,
     "2000 Voronoi cells are not closed by the atoms within the search radius 3; raise 'search'"),
    ("ghost_cutoff_too_short", SHORT_GHOSTS + "compute v all voronoi_index\n" + RUN,
     "2000 Voronoi cells are not closed by the atoms within the ghost-atom cutoff 2.1"),
    ("no_ghost_atoms", NO_GHOSTS + "compute v all voronoi_index\n" + RUN,
     "there are no ghost atoms (no pair style and no comm_modify cutoff); use 'comm_modify cutoff "),
    ("not_periodic", GLASS + "change_box all boundary p p f\ncompute v all voronoi_index\n" + RUN,
     "needs a box periodic in x, y and z"),
    ("two_dimensional", FLAT + "compute v all voronoi_index\n" + RUN, "needs a 3d system"),
]


def main():
    mggtest.expect_errors(CASES, mggtest.workdir("voronoi_index_errors"), prefix=STYLE)
    # the global outputs exist only with 'global yes' (LAMMPS's own message)
    mggtest.expect_error(GLASS + "compute v all voronoi_index\nthermo_style custom step c_v[1]\n",
                         mggtest.workdir("voronoi_index_errors"), "Thermo compute does not compute vector",
                         "no_global_vector")


if __name__ == "__main__":
    main()
