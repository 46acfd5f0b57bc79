# integration tests of compute flexvol (included by tests/CMakeLists.txt)
