# integration tests of fix frozen_atom_aqs (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.frozen_atom_aqs.errors lammps/frozen_atom_aqs/test_aqs_errors.py)
# -xy 2e-4 on the sample glass: first event at step 9 (0.03 eV dissipated)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 1)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script_mpi2 lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 2)
# the sweep of the first event (atoms within 2.6 A of its centre) against the naive LAMMPS
# script, then on 2 ranks and on 2 partitions against one process (4.6 A: --full, bench/RESULTS.md)
mgg_lammps_test(lammps.frozen_atom_aqs.sweep_vs_naive lammps/frozen_atom_aqs/test_aqs_naive.py --np 1 --radius 2.6 --min-atoms 3 --mpi)
set_tests_properties(lammps.frozen_atom_aqs.sweep_vs_naive PROPERTIES TIMEOUT 1800)
mgg_lammps_test(lammps.frozen_atom_aqs.restart lammps/frozen_atom_aqs/test_aqs_restart.py)
# the per-event analysis (D2min, clusters, bonds, von Mises stress) against numpy and compute stress/atom
mgg_lammps_test(lammps.frozen_atom_aqs.event_analysis lammps/frozen_atom_aqs/test_aqs_event_analysis.py --np 1)
mgg_lammps_test(lammps.frozen_atom_aqs.event_analysis_mpi2 lammps/frozen_atom_aqs/test_aqs_event_analysis.py --np 2)
# norm sum (Falk and Langer's D2min, the threshold on the sum): D2min and clusters against numpy
mgg_lammps_test(lammps.frozen_atom_aqs.event_analysis_sum lammps/frozen_atom_aqs/test_aqs_event_analysis.py --np 1 --norm sum)
# min sd against the plain script with min_style sd (looser force tolerance: SD is slow; a larger
# step, first event at step 4: fewer slow steps)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script_sd lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 1 --min sd --ftol 1e-4 --step 5e-4 --nsteps 5)
# trials that end in minima other than the unfrozen event's (step 119 of the AQS run) vs naive
mgg_lammps_test(lammps.frozen_atom_aqs.other_minima lammps/frozen_atom_aqs/test_aqs_other_minima.py)
# min sd (seed 002's relaxation, ftol 1e-4): trials that stall near the start, the STZ core they
# make, against the naive script with min_style sd
mgg_lammps_test(lammps.frozen_atom_aqs.sd_core lammps/frozen_atom_aqs/test_aqs_sd_core.py)
# a 256-atom cell on 1 and 2 ranks with the three 2-rank processor grids (--full: 4 ranks too):
# identical per-atom outputs (analysed atoms that change rank in the sweep's last rebuild kept
# their core flag -1 before)
mgg_lammps_test(lammps.frozen_atom_aqs.mpi_grids lammps/frozen_atom_aqs/test_aqs_mpi_grids.py)
# change_box between runs or after read_restart, fix deform alongside and a restart of another
# plane are errors; a restart reversing the direction continues the signed strain
mgg_lammps_test(lammps.frozen_atom_aqs.box_change lammps/frozen_atom_aqs/test_aqs_box_change.py)
# fix setforce and fix addforce (fix_modify energy yes) beside the fix act in its relaxations as
# in LAMMPS's minimize: energy and stress per step against the plain script; box/relax refused
mgg_lammps_test(lammps.frozen_atom_aqs.other_fixes lammps/frozen_atom_aqs/test_aqs_other_fixes.py)
