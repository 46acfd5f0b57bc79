#!/usr/bin/env bash
# The whole test suite: installs what is needed (tools/setup.sh), builds, runs ctest (cmocka unit
# tests of the C core, LAMMPS integration tests serial and under mpirun -np 2) and prints the
# summary.  Exit status 0 only when every test passes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/tools/setup.sh"
cd "$here/build"
ctest --output-on-failure -j "${MGG_JOBS:-$(nproc)}" "$@"
