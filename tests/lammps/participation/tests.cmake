# integration tests of compute participation (included by tests/CMakeLists.txt)
