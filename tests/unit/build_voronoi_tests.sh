#!/bin/sh
# Builds and runs the Voronoi unit test (cmocka, also under valgrind) and the voro++ oracle test
# outside CMake, until they are wired into tests/CMakeLists.txt.  Usage:
#   tests/unit/build_voronoi_tests.sh [build directory]   (default: /tmp/mgg_voronoi_build)
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-/tmp/mgg_voronoi_build}
mkdir -p "$OUT"
CFLAGS="-std=c11 -O2 -Wall -Wextra -Wpedantic -g"
CORE="$SRC/src/mgg_voronoi.c $SRC/src/mgg_neighbours.c $SRC/src/mgg_geom.c $SRC/src/mgg_status.c"

for f in $CORE; do
  gcc $CFLAGS -I"$SRC/src" -c "$f" -o "$OUT/$(basename "$f" .c).o"
done
OBJS="$OUT/mgg_voronoi.o $OUT/mgg_neighbours.o $OUT/mgg_geom.o $OUT/mgg_status.o"

gcc $CFLAGS -I"$SRC/src" "$SRC/tests/unit/test_voronoi.c" $OBJS -lcmocka -lm -o "$OUT/test_voronoi"
g++ -std=c++17 -O2 -Wall -Wextra -Wpedantic -g -I"$SRC/src" "$SRC/tests/unit/test_voronoi_oracle.cpp" \
    $OBJS -lvoro++ -lm -o "$OUT/test_voronoi_oracle"

"$OUT/test_voronoi"
valgrind --error-exitcode=1 --leak-check=full -q "$OUT/test_voronoi"
for data in "$SRC/examples/glass/CuZr_50_50.data" "$SRC/examples/glass/CuZr_64_36.data"; do
  "$OUT/test_voronoi_oracle" "$data"
done
