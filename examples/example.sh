# Sourced by each examples/<study>/run.sh with its arguments [--quick] [OUTDIR]: sets `root` (the
# clone), `here` (the example's directory), `quick` (1 with --quick, else 0), `out` (OUTDIR, by
# default <example>/output; created and entered) and `start` (for the elapsed time), the search
# options of fix artn the examples run (`artn_opts`, and `artn_quick_opts` added by the quick
# runs), and defines mgg (tools/mgg), artn_lmp (LAMMPS for fix artn's runs, MGG_NP ranks) and
# distinct_saddles (the validated distinct saddles of an event file of fix artn).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi
out=${1:-$here/output}
mkdir -p "$out"
cd "$out"
mgg() { "$root/tools/mgg" "$@"; }
start=$SECONDS
# examples/artn's search options (its README: the most validated saddles per hour measured), and
# the quick runs' short caps without validation
artn_opts="mode local basin_push pushed basin_perp_evals 20 lost_curvature 0.1 perp_dmax 0.03"
artn_quick_opts="max_basin_steps 3 max_activation_steps 3 validate no"
distinct_saddles() { awk '!/^#/ && $4 == "saddle" && $12 == -1' "$1" | wc -l; }
# LAMMPS for fix artn's runs: one process, or MGG_NP ranks under mpirun, over which the fix
# shares its searches (the same results); one OpenBLAS thread per process (the exact curvatures'
# factorisation: more threads only compete for the cores, and make results depend on them)
artn_lmp() {
  if [ "${MGG_NP:-1}" -gt 1 ]; then
    OPENBLAS_NUM_THREADS=1 mpirun -np "$MGG_NP" "$root/tools/lmp" "$@"
  else
    OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} "$root/tools/lmp" "$@"
  fi
}
