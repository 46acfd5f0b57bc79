# integration tests of compute s2entropy (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.s2entropy.numpy_serial lammps/s2entropy/test_s2_numpy.py --np 1)
mgg_lammps_test(lammps.s2entropy.numpy_mpi2 lammps/s2entropy/test_s2_numpy.py --np 2)
mgg_lammps_test(lammps.s2entropy.mpi2_vs_serial lammps/s2entropy/test_s2_mpi.py)
