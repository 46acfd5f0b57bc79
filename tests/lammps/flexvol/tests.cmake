# integration tests of compute flexvol (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.flexvol.values_serial lammps/flexvol/test_flexvol_values.py --np 1)
mgg_lammps_test(lammps.flexvol.values_mpi2 lammps/flexvol/test_flexvol_values.py --np 2)
mgg_lammps_test(lammps.flexvol.errors lammps/flexvol/test_flexvol_errors.py)
