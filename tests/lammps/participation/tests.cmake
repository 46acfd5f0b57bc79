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
# the EAM engine built from the pair style's tables against the pair style's energy and forces
# (the compute's own check in its log) on the displaced sample glasses; the published potentials
# of ../shared/potentials are skipped (exit 77) where that directory is absent
mgg_lammps_test(lammps.participation.eam_pair lammps/participation/test_participation_eam_pair.py)
foreach(potential Cu-Zr_2.eam.fs Cu-Zr_4.eam.fs ZrCuAl2011.eam.alloy)
  mgg_lammps_test(lammps.participation.eam_pair_${potential}
                  lammps/participation/test_participation_eam_pair.py --shared ${potential})
  set_tests_properties(lammps.participation.eam_pair_${potential} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
# solver auto: sparse above 1,000 atoms for at most 5% of the modes (the choice in the log)
mgg_lammps_test(lammps.participation.solver_auto lammps/participation/test_participation_solver_auto.py)
# the sparse solver on a perfect fcc crystal (clusters of equal eigenvalues) against the dense one
mgg_lammps_test(lammps.participation.crystal_sparse lammps/participation/test_participation_crystal_sparse.py)
# fix deform changes the box after the step's communication: against run 0, 1 and 2 ranks
mgg_lammps_test(lammps.participation.deform_np1 lammps/participation/test_participation_deform.py --np 1)
mgg_lammps_test(lammps.participation.deform_np2 lammps/participation/test_participation_deform.py --np 2)
# the kernel polynomial V-DOS (any fraction) against the histogram of all modes (2,000-atom
# glass: minutes, label long), and bit for bit on 2 ranks
mgg_lammps_test(lammps.participation.kpm_serial lammps/participation/test_participation_kpm.py --np 1)
mgg_lammps_test(lammps.participation.kpm_mpi2 lammps/participation/test_participation_kpm.py --np 2)
set_tests_properties(lammps.participation.kpm_serial PROPERTIES LABELS long)
