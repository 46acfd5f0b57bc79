# integration tests of compute participation (included by tests/CMakeLists.txt)
# against LAMMPS dynamical_matrix + numpy on the 2,000-atom glass, serial and 2 ranks
mgg_lammps_test(lammps.participation.dynmat_serial lammps/participation/test_participation_dynmat.py --np 1)
mgg_lammps_test(lammps.participation.dynmat_mpi2 lammps/participation/test_participation_dynmat.py --np 2)
