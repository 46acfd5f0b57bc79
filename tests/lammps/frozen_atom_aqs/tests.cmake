# integration tests of fix frozen_atom_aqs (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.frozen_atom_aqs.errors lammps/frozen_atom_aqs/test_aqs_errors.py)
# -xy 2e-4 on the sample glass: first event at step 9 (0.03 eV dissipated)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 1)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script_mpi2 lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 2)
# test_aqs_naive.py (the sweep against the naive LAMMPS script) is not registered yet: the sweep
# does not agree to 1e-3 A on every atom (issue 5 stays open; see bench/RESULTS.md)
mgg_lammps_test(lammps.frozen_atom_aqs.restart lammps/frozen_atom_aqs/test_aqs_restart.py)
