# integration tests of compute voronoi_index (included by tests/CMakeLists.txt)
foreach(ranks 1 2)
  # per-atom cells and global tables against voro++ (the oracle's --dump mode)
  mgg_lammps_test(lammps.voronoi_index.voro++_np${ranks} lammps/voronoi_index/test_voronoi_index_voro.py
                  $<TARGET_FILE:test_voronoi_oracle> --np ${ranks})
  # against LAMMPS compute voronoi/atom in the same run
  mgg_lammps_test(lammps.voronoi_index.voronoi_atom_np${ranks}
                  lammps/voronoi_index/test_voronoi_index_lammps.py --np ${ranks})
  # perfect fcc and B2 crystals (analytic cells)
  mgg_lammps_test(lammps.voronoi_index.crystals_np${ranks}
                  lammps/voronoi_index/test_voronoi_index_crystals.py --np ${ranks})
endforeach()
# 2 ranks vs serial, adaptive vs fixed search
mgg_lammps_test(lammps.voronoi_index.mpi lammps/voronoi_index/test_voronoi_index_mpi.py)
mgg_lammps_test(lammps.voronoi_index.errors lammps/voronoi_index/test_voronoi_index_errors.py)
# fix deform changes the box after the step's communication: against run 0, 1 and 2 ranks
foreach(ranks 1 2)
  mgg_lammps_test(lammps.voronoi_index.deform_np${ranks}
                  lammps/voronoi_index/test_voronoi_index_deform.py --np ${ranks})
endforeach()
