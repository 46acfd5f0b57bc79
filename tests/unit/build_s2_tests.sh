#!/bin/sh
# Build and run the S2 tests of the C core (to be wired into tests/CMakeLists.txt later).
# usage: tests/unit/build_s2_tests.sh [BUILD_DIR]   (from anywhere; default /tmp/mgg_s2_tests)
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-/tmp/mgg_s2_tests}
mkdir -p "$OUT"
CFLAGS="-std=c11 -O2 -g -Wall -Wextra -Wpedantic -Werror"

# cmocka unit tests, also under valgrind
gcc $CFLAGS -I"$SRC/src" "$SRC/tests/unit/test_s2.c" "$SRC/src/mgg_s2.c" "$SRC/src/mgg_status.c" \
    -lcmocka -lm -o "$OUT/test_s2"
"$OUT/test_s2"
valgrind --error-exitcode=1 --leak-check=full -q "$OUT/test_s2" > /dev/null

# driver: per-atom S2 of a data file (numpy comparison and timing)
gcc $CFLAGS -I"$SRC/src" "$SRC/tests/unit/s2_driver.c" "$SRC/tests/unit/data_file.c" "$SRC/src/mgg_s2.c" \
    "$SRC/src/mgg_neighbours.c" "$SRC/src/mgg_status.c" -lm -o "$OUT/s2_driver"

# independent numpy implementation on the 2,000-atom glass (Debian's python3 has numpy, scipy)
/usr/bin/python3 "$SRC/tests/unit/s2_reference.py" "$OUT/s2_driver" \
    "$SRC/examples/glass/CuZr_50_50.data" --atoms "${MGG_S2_REF_ATOMS:-300}"

# timing of the whole glass, sigma 0.2 A, dr 0.02 A (stderr: search and S2 times)
for rc in 6.4 11.2; do
  "$OUT/s2_driver" "$SRC/examples/glass/CuZr_50_50.data" $rc 0.2 0.02 fixed 0 0 > /dev/null
  "$OUT/s2_driver" "$SRC/examples/glass/CuZr_50_50.data" $rc 0.2 0.02 growing 0.03 3.9 > /dev/null
done
