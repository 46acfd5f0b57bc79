#!/usr/bin/env bash
# Builds and runs the EAM engine's tests until they are wired into CMake:
#   test_eam (cmocka, plain and under valgrind), eam_driver, and the comparison with LAMMPS.
#   tests/unit/build_eam_tests.sh [BUILD_DIR]      (default /tmp/mgg_eam_tests)
# MGG_EAM_SKIP_LAMMPS=1 skips the LAMMPS comparison (it needs tools/lmp, ~20 s).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-/tmp/mgg_eam_tests}
mkdir -p "$build"
cflags=(-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -fno-associative-math -I"$root/src")
core=("$root/src/mgg_eam.c" "$root/src/mgg_neighbours.c" "$root/src/mgg_status.c")

gcc "${cflags[@]}" -o "$build/test_eam" "$root/tests/unit/test_eam.c" "${core[@]}" -lcmocka -lm
gcc "${cflags[@]}" -o "$build/eam_driver" "$root/tests/unit/eam_driver.c" "$root/tests/unit/data_file.c" "${core[@]}" -lm

"$build/test_eam" "$root/potentials"
if command -v valgrind >/dev/null; then
  valgrind --error-exitcode=1 --leak-check=full -q "$build/test_eam" "$root/potentials" >/dev/null
  echo "test_eam under valgrind: ok"
fi
if [ "${MGG_EAM_SKIP_LAMMPS:-0}" != 1 ]; then
  /usr/bin/python3 "$root/tests/unit/eam_lammps_check.py" "$build/eam_driver" --workdir "$build/lammps"
  "$build/eam_driver" "$root/examples/glass/CuZr_64_36.data" fs "$root/potentials/CuZr_mm.eam.fs" Cu Zr \
    --repeat 20 --hessian >/dev/null
fi
