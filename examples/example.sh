# Sourced by each examples/<study>/run.sh with its arguments [--quick] [OUTDIR]: sets `root` (the
# clone), `here` (the example's directory), `quick` (1 with --quick, else 0), `out` (OUTDIR, by
# default <example>/output; created and entered) and `start` (for the elapsed time), and defines
# mgg (tools/mgg).
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
