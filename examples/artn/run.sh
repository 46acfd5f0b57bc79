#!/usr/bin/env bash
# Seed 003 (Wei et al., PRB 2019) Fig. 1c-e at teaching scale: runs in.artn (serial) on the
# shipped 2,000-atom MD/MC Cu50Zr50 glass, saddle searches from randomly chosen centres, then the
# Cu- and Zr-centred E_act spectra of the distinct validated saddles with tools/mgg; README.md
# says what came out.
#   examples/artn/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/artn/output. Full: 120 centres, one search each, seed 003's push of
# the centre alone, in local mode with the basin on the pushed atom (3.5 minutes on 2 ranks; README.md). --quick: 2
# searches with short caps and no validation (the chain in seconds, no saddles expected; ctest
# examples.artn).
# MGG_ARTN_CENTRES, MGG_ARTN_PER_ATOM and MGG_ARTN_GLASS replace the centres, the searches per
# centre and the glass; MGG_ARTN_OPTS the search options (in.artn's header); MGG_NP=P runs
# LAMMPS on P MPI ranks, which share the searches (the same results).
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
centres=120 per_atom=1
opts=$artn_opts
if [ "$quick" = 1 ]; then
  centres=2
  opts="$opts $artn_quick_opts"
fi
centres=${MGG_ARTN_CENTRES:-$centres}
per_atom=${MGG_ARTN_PER_ATOM:-$per_atom}
opts=${MGG_ARTN_OPTS:-$opts}
glass=${MGG_ARTN_GLASS:-$root/examples/glass/CuZr_50_50_mdmc.data}
echo "artn: LAMMPS ($centres random centres x $per_atom searches of $(basename "$glass"); $opts) in $out"
artn_lmp -in "$here/in.artn" -var glass "$glass" \
  -var centres "$centres" -var per_atom "$per_atom" -var opts "$opts" -screen none -log log.artn
echo "artn: LAMMPS done after $((SECONDS - start)) s; analysis"
{
  echo "# seed 003 Fig. 1c-e at teaching scale: $centres random centres x $per_atom searches of $(basename "$glass") ($opts)"
  echo "## E_act spectra of the distinct validated saddles, all centres, Cu and Zr (the paper: 0 to 5 eV, exponential at low E_act, Zr peak right of Cu)"
  mgg histogram events.txt --names Cu,Zr --name artn_spectra
} | tee summary.txt
echo "artn: done after $((SECONDS - start)) s; figure (PNG, PDF), tables (CSV) and summary.txt in $out"
