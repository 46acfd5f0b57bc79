# integration tests of compute voronoi_index (included by tests/CMakeLists.txt)
