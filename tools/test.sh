#!/usr/bin/env bash
# The whole test suite: installs what is needed (tools/setup.sh) for both supported LAMMPS
# versions, builds the plugin against each, runs ctest's whole suite (cmocka unit tests of the C
# core, LAMMPS integration tests serial and under mpirun -np 2) against the default version
# (MGG_LAMMPS, 2025 unless set) and every style's integration tests (ctest -R '^lammps\.'),
# less the long numerical comparisons (label long), against the other one, and prints both
# summaries.  Exit status 0 only when every test passes.
# Arguments are passed to both ctest runs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/tools/lammps_versions.sh"    # exits on an unsupported MGG_LAMMPS
main=${MGG_LAMMPS:-$mgg_lammps_default}
other=$(for v in $mgg_lammps_supported; do [ "$v" = "$main" ] || echo "$v"; done)
MGG_LAMMPS=$main "$here/tools/setup.sh"
MGG_LAMMPS=$other "$here/tools/setup.sh"
main_build=$(MGG_LAMMPS=$main "$here/tools/setup.sh" --print-build-dir)
other_build=$(MGG_LAMMPS=$other "$here/tools/setup.sh" --print-build-dir)
other_prefix=$(MGG_LAMMPS=$other "$here/tools/setup.sh" --print-prefix)
jobs=${MGG_JOBS:-$(nproc)}

status=0
echo "== the whole suite against LAMMPS $main =="
# the plugin built from a clean directory against the other version, as the README says
(cd "$main_build" && MGG_BYO_LAMMPS_DIR="$other_prefix" \
   ctest --output-on-failure -j "$jobs" "$@") || status=1
echo "== the integration tests against LAMMPS $other =="
(cd "$other_build" && ctest --output-on-failure -j "$jobs" -R '^lammps\.' -LE long "$@") || status=1
exit $status
