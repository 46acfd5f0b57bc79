# integration tests of fix artn (included by tests/CMakeLists.txt)
mgg_lammps_test(lammps.artn.errors lammps/artn/test_artn_errors.py)
