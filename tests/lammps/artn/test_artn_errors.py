"""fix artn: every argument and setup error stops LAMMPS with a message naming the style and the
keyword; a configuration that is not at a minimum is relaxed with a warning."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

GLASS = mggtest.glass_header()
LJ = f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data {mggtest.GLASS_50}
pair_style lj/cut 5.0
pair_coeff * * 0.1 2.5
"""
FIX = "fix a all artn "

# (name, keyword text, expected message after "Fix artn: ")
KEYWORDS = [
    ("unknown_keyword", "speed 2", "unknown keyword 'speed'"),
    ("missing_value", "seed", "missing value after keyword 'seed'"),
    ("bad_order", "order sorted", "order must be one of id, random, got 'sorted'"),
    ("zero_per_atom", "per_atom 0", "per_atom must be a positive integer, got '0'"),
    ("seed_not_integer", "seed 1.5", "seed must be a positive integer, got '1.5'"),
    ("bad_mode", "mode fast", "mode must be one of auto, full, local, got 'fast'"),
    ("zero_local_radius", "local_radius 0", "local_radius must be positive, got '0'"),
    ("negative_ftol", "ftol -1", "ftol must be positive, got '-1'"),
    ("negative_push_radius", "push_radius -1", "push_radius must be zero or positive, got '-1'"),
    ("zero_push_initial", "push_initial 0", "push_initial must be positive, got '0'"),
    ("push_increment_word", "push_increment big", "push_increment must be a number, got 'big'"),
    ("positive_threshold", "eigenvalue_threshold 0.3",
     "eigenvalue_threshold must be negative, got '0.3'"),
    ("threshold_word", "eigenvalue_threshold -x", "eigenvalue_threshold must be a number, got 'x'"),
    ("positive_refine_threshold", "refine_threshold 0.01",
     "refine_threshold must be negative, got '0.01'"),
    ("zero_duplicate_energy", "duplicate_energy 0", "duplicate_energy must be positive, got '0'"),
    ("duplicate_distance_word", "duplicate_distance near",
     "duplicate_distance must be a number, got 'near'"),
    ("zero_basin_steps", "max_basin_steps 0", "max_basin_steps must be a positive integer"),
    ("negative_basin_perp", "basin_perp_evals -1", "basin_perp_evals must be a positive integer"),
    ("zero_eigen_step", "eigen_step_max 0", "eigen_step_max must be positive"),
    ("perp_evals_word", "perp_evals some", "perp_evals must be a positive integer, got 'some'"),
    ("zero_perp_ratio", "perp_force_ratio 0", "perp_force_ratio must be positive"),
    ("zero_perp_dmax", "perp_dmax 0", "perp_dmax must be positive"),
    ("zero_force_tol", "force_tol 0", "force_tol must be positive"),
    ("bad_criterion", "force_criterion rms", "force_criterion must be one of max, fnorm, got 'rms'"),
    ("zero_activation", "max_activation_steps 0", "max_activation_steps must be a positive integer"),
    ("zero_retries", "max_retries 0", "max_retries must be a positive integer"),
    ("zero_evaluations", "max_evaluations 0", "max_evaluations must be a positive integer"),
    ("zero_max_energy", "max_energy 0", "max_energy must be positive"),
    ("zero_max_displacement", "max_displacement 0", "max_displacement must be positive"),
    ("zero_fd_step", "lanczos_fd_step 0", "lanczos_fd_step must be positive"),
    ("lanczos_iter_small", "lanczos_max_iter 1", "lanczos_max_iter must be between 2 and 64, got '1'"),
    ("lanczos_iter_large", "lanczos_max_iter 65", "lanczos_max_iter must be between 2 and 64, got '65'"),
    ("zero_lanczos_tol", "lanczos_tol 0", "lanczos_tol must be positive"),
    ("bad_validate", "validate maybe", "validate must be one of no, yes, got 'maybe'"),
    ("zero_validate_tol", "validate_lanczos_tol 0", "validate_lanczos_tol must be positive"),
    ("validate_iter_large", "validate_lanczos_max_iter 100",
     "validate_lanczos_max_iter must be between 2 and 64, got '100'"),
    ("zero_validate_step", "validate_step 0", "validate_step must be positive"),
    ("zero_validate_ftol", "validate_ftol 0", "validate_ftol must be positive"),
    ("zero_validate_evals", "validate_max_evals 0", "validate_max_evals must be a positive integer"),
    ("zero_same_energy", "same_energy 0", "same_energy must be positive"),
    ("zero_same_distance", "same_distance 0", "same_distance must be positive"),
    ("bad_relax_final", "relax_final often", "relax_final must be one of no, yes, got 'often'"),
    ("bad_basin_push", "basin_push random",
     "basin_push must be one of displacement, push, pushed, got 'random'"),
    ("negative_lost_curvature", "lost_curvature -0.1",
     "lost_curvature must be zero or positive, got '-0.1'"),
    ("bad_higher_order", "higher_order retry", "higher_order must be one of fail, continue, got 'retry'"),
    ("bad_curvatures", "curvatures dense", "curvatures must be one of exact, lanczos, got 'dense'"),
    ("gone_refine_tol", "refine_lanczos_tol 0.5", "unknown keyword 'refine_lanczos_tol'"),
    ("push_beyond_local", "mode local push_radius 7 local_radius 6",
     "push_radius 7 must not exceed local_radius 6"),
]

CASES = [(name, GLASS + FIX + text + "\n", "Fix artn: " + message)
         for name, text, message in KEYWORDS] + [
    ("empty_group", GLASS + "group none id 0\nfix a none artn\nrun 1\n",
     "Fix artn: group has no atoms (no search centres)"),
    ("local_not_eam", LJ + FIX + "mode local\nrun 1\n",
     "Fix artn: mode local needs pair style eam, eam/alloy or eam/fs, not lj/cut"),
    ("not_metal", GLASS.replace("units metal", "units real") + FIX + "\nrun 1\n",
     "Fix artn: needs units metal"),
    ("not_periodic", GLASS + "change_box all boundary p p f\n" + FIX + "\nrun 1\n",
     "Fix artn: needs a box periodic in x, y and z"),
    ("second_integrator", GLASS + FIX + "\nfix b all nve\nrun 1\n",
     "Fix artn: fix b (style nve) moves atoms too"),
    ("respa", GLASS + FIX + "\nrun_style respa 2 2\nrun 1\n", "Fix artn: needs run_style verlet"),
    ("box_relax", GLASS + FIX + "\nfix br all box/relax iso 0.0\nrun 1\n",
     "Fix artn: fix br (style box/relax) adds degrees of freedom to minimisations"),
    ("event_file_unwritable", GLASS + FIX + "file no/such/dir/ev.txt\nrun 0\n",
     "Fix artn: cannot open event file no/such/dir/ev.txt"),
    ("saddle_file_unwritable", GLASS + FIX + "saddles no/such/dir/s.dump\nrun 0\n",
     "Fix artn: cannot open saddle file no/such/dir/s.dump"),
]

# an existing event file is continued only by a fix of its mode, seed and centres (the files are
# written by main() below): (name, keyword text, expected message after "Fix artn: event file ")
EVENT_FILE_CASES = [
    ("seed", "seed 7 file ev_seed5.txt",
     "ev_seed5.txt holds searches in local mode with seed 5, this fix runs local mode with seed 7: "
     "give another file name, or the same seed and mode to continue it"),
    ("mode", "seed 5 mode full file ev_seed5.txt",
     "ev_seed5.txt holds searches in local mode with seed 5, this fix runs full mode with seed 5"),
    ("cut", "seed 5 file ev_cut.txt",
     "ev_cut.txt line 4: 5 columns, expected 21 (a line cut short by a stopped run: delete it to "
     "redo that search)"),
    ("repeated", "seed 5 file ev_twice.txt",
     "ev_twice.txt line 4: search number 1 repeated or not positive"),
    ("old_columns", "seed 5 file ev_old.txt",
     "ev_old.txt has other columns than this version of fix artn writes (an earlier version's?): "
     "give another file name"),
]
CASES += [("event_file_" + name, GLASS + FIX + text + "\nrun 0\n", "Fix artn: event file " + message)
          for name, text, message in EVENT_FILE_CASES] + [
    ("event_file_foreign", GLASS + FIX + "file ev_foreign.txt\nrun 0\n",
     "Fix artn: ev_foreign.txt exists but is not an event file of fix artn (its first line is "
     "'step temp')"),
    ("event_file_centre", GLASS + "group two id 3 4\nfix a two artn ftol 100 seed 5 file ev_seed5.txt\nrun 0\n",
     "Fix artn: event file ev_seed5.txt: search 1 has centre atom 1, this fix's search 1 has atom 3 "
     "(another group, order or per_atom)"),
]

# the two header lines of fix artn's event file (doc/fix_artn.md), then lines of 21 columns
EVENT_HEADER = ("# fix artn: mode {mode}, seed {seed}; E_act (eV), eigenvalues (eV/A^2), max_force "
                "(eV/A, largest component), force_evaluations (whole-system equivalents), "
                "displacement (A)\n# search atom type status E_act eigenvalue_1 eigenvalue_2 "
                "max_force force_evaluations displacement atoms_moved duplicate_of seed "
                "full_evaluations local_calls local_status refine_shift basin_steps "
                "activation_steps retries{extra}\n")
LINE = "{k} 1 1 basin_cap nan nan nan 0.3 120.0 0.2 3 -1 5 0 190 basin_cap -1.0000 30 0 0 nan\n"
EVENT_FILES = {
    "ev_seed5.txt": EVENT_HEADER.format(mode="local", seed=5, extra=" E_final") + LINE.format(k=1),
    "ev_foreign.txt": "step temp\n0 300\n",
    "ev_cut.txt": EVENT_HEADER.format(mode="local", seed=5, extra=" E_final") + LINE.format(k=1) + "2 2 1 saddle 0.5\n",
    "ev_twice.txt": EVENT_HEADER.format(mode="local", seed=5, extra=" E_final") + LINE.format(k=1) * 2,
    # before E_final (2026-12-08)
    "ev_old.txt": EVENT_HEADER.format(mode="local", seed=5, extra="") + LINE.format(k=1).replace(" nan\n", "\n"),
}


def main():
    cwd = mggtest.workdir("artn_errors")
    for name, text in EVENT_FILES.items():
        with open(os.path.join(cwd, name), "w") as f:
            f.write(text)
    mggtest.expect_errors(CASES, cwd)

    # the glass moved off its minimum: the fix relaxes it and says so (run 0: no search)
    _, out = mggtest.run_lammps(GLASS + "displace_atoms all random 0.05 0.05 0.05 7\n" + FIX +
                                "ftol 1e-3\nrun 0\n", cwd, name="in.not_minimum")
    warnings = [l for l in out.splitlines() if l.startswith("WARNING: Fix artn: the starting "
                                                            "configuration was not at a minimum")]
    assert warnings, out[-2000:]
    print(warnings[0])

    # local mode on two partitions: the message is in the log of the partition that stopped
    # first (its MPI_Abort may end the other before that one writes; LAMMPS 29 Sep 2021, built
    # without exceptions, aborts before either log is written: the exit only)
    name = "local_partitions"
    code, _ = mggtest.run_lammps(GLASS + FIX + "mode local\nrun 1\n", cwd, name=name, check=False, partitions=2)
    message = ("Fix artn: partitions (-partition) share searches in full mode only: in local mode run "
               "one partition on more MPI ranks, which share the local phases")
    assert code != 0
    if int(os.environ.get("MGG_LAMMPS_VERSION", "0")) > 20210929:
        errors = []
        for w in (0, 1):
            path = os.path.join(cwd, f"{name}.log.{w}")
            if os.path.exists(path):
                with open(path) as f:
                    errors += [l for l in f if l.startswith("ERROR")]
        assert errors and all(message in e for e in errors), errors
        print(f"{name}: {errors[0].strip()}")


if __name__ == "__main__":
    main()
