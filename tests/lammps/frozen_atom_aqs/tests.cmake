# integration tests of fix frozen_atom_aqs (included by tests/CMakeLists.txt)
