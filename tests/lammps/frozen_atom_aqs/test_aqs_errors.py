"""fix frozen_atom_aqs: every argument and setup error stops LAMMPS with a message naming the
style; a short run without an event finishes normally with an event file holding only its
header."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header() + "change_box all triclinic\n"
NO_PAIR = f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data {mggtest.GLASS_50}
change_box all triclinic
mass * 1.0
"""

THREE_TYPES = f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data {mggtest.GLASS_50} extra/atom/types 1
mass 3 91.224
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr Zr
change_box all triclinic
"""

CASES = [
    ("unknown_plane", GLASS + "fix a all frozen_atom_aqs xx 1e-4\n",
     "Fix frozen_atom_aqs: shear plane must be one of"),
    ("zero_step", GLASS + "fix a all frozen_atom_aqs xy 0\n",
     "Fix frozen_atom_aqs: strain step must be positive"),
    ("negative_step", GLASS + "fix a all frozen_atom_aqs xy -1e-4\n",
     "Fix frozen_atom_aqs: strain step must be positive"),
    ("step_not_number", GLASS + "fix a all frozen_atom_aqs xy big\n",
     "Fix frozen_atom_aqs: strain step must be a number"),
    ("missing_arguments", GLASS + "fix a all frozen_atom_aqs xy\n",
     "Fix frozen_atom_aqs: missing arguments"),
    ("unknown_keyword", GLASS + "fix a all frozen_atom_aqs xy 1e-4 speed 2\n",
     "Fix frozen_atom_aqs: unknown keyword 'speed'"),
    ("missing_value", GLASS + "fix a all frozen_atom_aqs xy 1e-4 ftol\n",
     "Fix frozen_atom_aqs: missing value after keyword 'ftol'"),
    ("bad_sweep", GLASS + "fix a all frozen_atom_aqs xy 1e-4 sweep maybe\n",
     "Fix frozen_atom_aqs: sweep must be one of no, yes"),
    ("bad_norm", GLASS + "fix a all frozen_atom_aqs xy 1e-4 d2min 3.8 0.18 norm median\n",
     "Fix frozen_atom_aqs: norm must be one of mean, sum, got 'median'"),
    ("missing_norm", GLASS + "fix a all frozen_atom_aqs xy 1e-4 norm\n",
     "Fix frozen_atom_aqs: missing value after keyword 'norm'"),
    ("negative_drop", GLASS + "fix a all frozen_atom_aqs xy 1e-4 drop -1\n",
     "Fix frozen_atom_aqs: drop must be positive"),
    ("negative_ftol", GLASS + "fix a all frozen_atom_aqs xy 1e-4 ftol -1e-8\n",
     "Fix frozen_atom_aqs: ftol must be positive"),
    ("zero_sweep_ftol", GLASS + "fix a all frozen_atom_aqs xy 1e-4 sweep_ftol 0\n",
     "Fix frozen_atom_aqs: sweep_ftol must be positive"),
    ("maxeval_not_number", GLASS + "fix a all frozen_atom_aqs xy 1e-4 maxeval many\n",
     "Fix frozen_atom_aqs: maxeval must be a positive integer, got 'many'"),
    ("maxeval_not_integer", GLASS + "fix a all frozen_atom_aqs xy 1e-4 maxeval 0.5\n",
     "Fix frozen_atom_aqs: maxeval must be a positive integer, got '0.5'"),
    # distances of the event analysis bounded by the cell at run start (cluster 1000 with every
    # atom flagged asked for billions of neighbour pairs: std::bad_alloc)
    ("cluster_too_large", GLASS + "fix a all frozen_atom_aqs xy 1e-4 cluster 1000 "
     "d2min 3.8 1e-12\nrun 1\n",
     "Fix frozen_atom_aqs: the cluster distance (keyword cluster) 1000 must be below half the "
     "cell's smallest width"),
    ("d2min_cutoff_too_large", GLASS + "fix a all frozen_atom_aqs xy 1e-4 d2min 40 0.18\nrun 1\n",
     "Fix frozen_atom_aqs: the d2min cutoff 40 must be below half the cell's smallest width"),
    ("bond_too_large", GLASS + "fix a all frozen_atom_aqs xy 1e-4 bond 1 1 40\nrun 1\n",
     "Fix frozen_atom_aqs: the largest bond cutoff (keyword bond) 40 must be below half"),
    ("zero_dt", GLASS + "fix a all frozen_atom_aqs xy 1e-4 min fire dt 0\n",
     "Fix frozen_atom_aqs: dt must be positive"),
    ("negative_dmax", GLASS + "fix a all frozen_atom_aqs xy 1e-4 dmax -0.1\n",
     "Fix frozen_atom_aqs: dmax must be positive"),
    ("zero_edrop", GLASS + "fix a all frozen_atom_aqs xy 1e-4 edrop 0\n",
     "Fix frozen_atom_aqs: edrop must be positive"),
    ("negative_radius", GLASS + "fix a all frozen_atom_aqs xy 1e-4 radius -3\n",
     "Fix frozen_atom_aqs: radius must be positive"),
    ("zero_core", GLASS + "fix a all frozen_atom_aqs xy 1e-4 core 0\n",
     "Fix frozen_atom_aqs: core must be positive"),
    ("negative_gap", GLASS + "fix a all frozen_atom_aqs xy 1e-4 gap -0.5\n",
     "Fix frozen_atom_aqs: gap must be positive"),
    ("unknown_minimiser", GLASS + "fix a all frozen_atom_aqs xy 1e-4 min quickmin\n",
     "Fix frozen_atom_aqs: min must be one of cg, sd, fire"),
    ("negative_settle", GLASS + "fix a all frozen_atom_aqs xy 1e-4 settle -0.01\n",
     "Fix frozen_atom_aqs: settle must be positive"),
    ("settle_not_number", GLASS + "fix a all frozen_atom_aqs xy 1e-4 settle soon\n",
     "Fix frozen_atom_aqs: settle must be a number"),
    ("event_file_unwritable", GLASS + "fix a all frozen_atom_aqs xy 1e-4 file no/such/dir/ev.txt\n"
     "run 1\n", "Fix frozen_atom_aqs: cannot open event file no/such/dir/ev.txt"),
    ("atoms_file_unwritable", GLASS + "fix a all frozen_atom_aqs xy 1e-4 atoms no/such/dir/a.txt\n"
     "run 1\n", "Fix frozen_atom_aqs: cannot open atoms file no/such/dir/a.txt"),
    ("not_metal", GLASS.replace("units metal", "units real") + "fix a all frozen_atom_aqs xy 1e-4\n"
     "run 1\n", "Fix frozen_atom_aqs: needs units metal"),
    ("not_periodic", GLASS + "change_box all boundary p p f\nfix a all frozen_atom_aqs xy 1e-4\n"
     "run 1\n", "Fix frozen_atom_aqs: needs a box periodic in x, y and z"),
    ("respa", GLASS + "fix a all frozen_atom_aqs xy 1e-4\nrun_style respa 2 2\nrun 1\n",
     "Fix frozen_atom_aqs: needs run_style verlet"),
    ("bad_analysis", GLASS + "fix a all frozen_atom_aqs xy 1e-4 analysis often\n",
     "Fix frozen_atom_aqs: analysis must be one of no, yes"),
    ("d2min_one_value", GLASS + "fix a all frozen_atom_aqs xy 1e-4 d2min 3.8\n",
     "Fix frozen_atom_aqs: keyword 'd2min' needs 2 values: cutoff threshold"),
    ("negative_d2min_threshold", GLASS + "fix a all frozen_atom_aqs xy 1e-4 d2min 3.8 -0.18\n",
     "Fix frozen_atom_aqs: d2min threshold must be positive"),
    ("zero_cluster", GLASS + "fix a all frozen_atom_aqs xy 1e-4 cluster 0\n",
     "Fix frozen_atom_aqs: cluster must be positive"),
    ("zero_hysteresis", GLASS + "fix a all frozen_atom_aqs xy 1e-4 hysteresis 0\n",
     "Fix frozen_atom_aqs: hysteresis must be positive"),
    ("bond_two_values", GLASS + "fix a all frozen_atom_aqs xy 1e-4 bond 1 2\n",
     "Fix frozen_atom_aqs: keyword 'bond' needs 3 values: type type cutoff"),
    ("bond_type_too_large", GLASS + "fix a all frozen_atom_aqs xy 1e-4 bond 1 3 3.5\n",
     "Fix frozen_atom_aqs: bond type must be at most the number of atom types (2)"),
    ("bond_type_zero", GLASS + "fix a all frozen_atom_aqs xy 1e-4 bond 0 1 3.5\n",
     "Fix frozen_atom_aqs: bond type must be a positive integer"),
    ("negative_bond_cutoff", GLASS + "fix a all frozen_atom_aqs xy 1e-4 bond 1 1 -3\n",
     "Fix frozen_atom_aqs: bond cutoff must be positive"),
    ("three_types_no_bonds", THREE_TYPES + "fix a all frozen_atom_aqs xy 1e-4\nrun 1\n",
     "Fix frozen_atom_aqs: the bond cutoffs of the event analysis are for Cu = type 1 and Zr = "
     "type 2; give them for the 3 atom types"),
    ("missing_pair_style", NO_PAIR + "fix a all frozen_atom_aqs xy 1e-4\nrun 1\n",
     "Fix frozen_atom_aqs: needs a pair style"),
    ("second_integrator", GLASS + "fix a all frozen_atom_aqs xy 1e-4\nfix b all nve\nrun 1\n",
     "Fix frozen_atom_aqs: fix b (style nve) moves atoms too"),
    ("orthogonal_box", mggtest.glass_header() + "fix a all frozen_atom_aqs xy 1e-4\nrun 1\n",
     "Fix frozen_atom_aqs: needs a triclinic box"),
]


def main():
    cwd = mggtest.workdir("frozen_atom_aqs_errors")
    mggtest.expect_errors(CASES, cwd)

    # two steps, no event: normal end, the event file has its header only
    code, out = mggtest.run_lammps(GLASS + "fix a all frozen_atom_aqs -xy 1e-5 file events.txt\n"
                                   "thermo_style custom step f_a[1] f_a[4]\nrun 2\n", cwd,
                                   name="in.no_event")
    with open(os.path.join(cwd, "events.txt")) as f:
        lines = f.readlines()
    assert len(lines) == 1 and lines[0].startswith("#"), lines
    assert "Total wall time" in out
    print("no_event: run finished, event file has only its header")


if __name__ == "__main__":
    main()
