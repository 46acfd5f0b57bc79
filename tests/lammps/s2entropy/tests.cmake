# integration tests of compute s2entropy (included by tests/CMakeLists.txt)
