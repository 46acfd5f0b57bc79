# integration tests of fix artn (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.artn.errors lammps/artn/test_artn_errors.py)
# local mode on the glass, 5 searches without validation (converged saddle points re-checked with
# LAMMPS: E_act to 1e-6 eV, force below 0.05 eV/A), then the same on 2 ranks: identical event files
# (on 2 ranks the third batch of local phases, searches 5 and 6, reaches past the run)
mgg_lammps_test(lammps.artn.glass_local_mpi lammps/artn/test_artn_glass.py --options "local_radius 6 validate no eigenvalue_threshold -0.1" --name glass_local --searches 5 --centres 1:6 --mpi)
# full mode (LAMMPS forces, finite-difference Lanczos), short searches on 1 and 2 ranks, two
# centres in random order, two searches each; also on 2 partitions (searches shared): identical
# event files and saddle dumps, the per-atom outputs on both
mgg_lammps_test(lammps.artn.glass_full_mpi lammps/artn/test_artn_glass.py --options "mode full max_basin_steps 3 order random per_atom 2" --name glass_full --searches 4 --centres 5:6 --min-saddles 0 --mpi --partitions)
# local mode with validation and the examples' search options: the validated saddles (searches 2
# and 16 of seed 3) re-checked with LAMMPS (E_act, force; dynamical_matrix of the atoms within
# 7 A of the centre: one negative eigenvalue, above the whole system's lowest, none at the
# minimum; E_final against LAMMPS's minimize from the saddle), and the event file of 2 ranks
# identical
mgg_lammps_test(lammps.artn.glass_validated lammps/artn/test_artn_glass.py --name glass_validated --options "seed 3 basin_push pushed basin_perp_evals 20 lost_curvature 0.1 perp_dmax 0.03 relax_final yes" --searches 16 --centres 1:16 --min-saddles 2 --mpi)
set_tests_properties(lammps.artn.glass_local_mpi lammps.artn.glass_validated PROPERTIES LABELS long)
# resume from an existing event file (with and without the saddle dump), and a restart file round
# trip: the event lines and global vector of one run of 4 searches (search 4 a duplicate of
# search 3), the second halves on 2 ranks; a changed seed or mode, and restart data of another
# layout (marker or version), refused
mgg_lammps_test(lammps.artn.resume lammps/artn/test_artn_resume.py --ranks 2)
