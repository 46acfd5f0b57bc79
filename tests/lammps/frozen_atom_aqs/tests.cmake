# integration tests of fix frozen_atom_aqs (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.frozen_atom_aqs.errors lammps/frozen_atom_aqs/test_aqs_errors.py)
# -xy 2e-4 on the sample glass: first event at step 9 (0.03 eV dissipated)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 1)
mgg_lammps_test(lammps.frozen_atom_aqs.vs_plain_script_mpi2 lammps/frozen_atom_aqs/test_aqs_vs_plain.py --np 2)
# the frozen-atom sweep (2 ranks) of the sample glass's first event against the naive LAMMPS script
mgg_lammps_test(lammps.frozen_atom_aqs.sweep_vs_naive_mpi2 lammps/frozen_atom_aqs/test_aqs_naive.py --np 2
                --radius 4.6 --min-atoms 20)
mgg_lammps_test(lammps.frozen_atom_aqs.restart lammps/frozen_atom_aqs/test_aqs_restart.py)
