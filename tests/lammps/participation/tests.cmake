# integration tests of compute participation (included by tests/CMakeLists.txt)
# against LAMMPS dynamical_matrix + numpy on the 2,000-atom glass, serial and 2 ranks
mgg_lammps_test(lammps.participation.dynmat_serial lammps/participation/test_participation_dynmat.py --np 1)
mgg_lammps_test(lammps.participation.dynmat_mpi2 lammps/participation/test_participation_dynmat.py --np 2)
# perfect fcc Cu: zero modes, maximum frequency, V-DOS (eam/fs, and a funcfl file through pair eam)
mgg_lammps_test(lammps.participation.fcc_eam_fs lammps/participation/test_participation_fcc.py)
mgg_lammps_test(lammps.participation.fcc_eam_funcfl lammps/participation/test_participation_fcc.py
                --pair eam ${LAMMPS_SOURCE_DIR}/../potentials/Cu_u3.eam)
mgg_lammps_test(lammps.participation.errors lammps/participation/test_participation_errors.py)
# finite-difference Hessian (lj/cut) against dynamical_matrix, 2 ranks, and against the EAM Hessian
mgg_lammps_test(lammps.participation.fd_serial lammps/participation/test_participation_fd.py --np 1)
mgg_lammps_test(lammps.participation.fd_mpi2 lammps/participation/test_participation_fd.py --np 2)
