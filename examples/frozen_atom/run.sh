#!/usr/bin/env bash
# Seed 002 (Shiihara et al. 2025) at teaching scale: the six shear directions of the seed (+xy,
# -xy, +yz, -yz, +xz, -xz), each applied by AQS to the same undeformed 2,000-atom Cu50Zr50 glass
# (its own LAMMPS run of in.frozen_atom: `clear` would unload the plugin) until its first event,
# which is swept by the frozen-atom analysis; then the analysis with tools/mgg. README.md says
# what each output shows.
#   examples/frozen_atom/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/frozen_atom/output. Full: steepest descent as the seed (ftol 1e-4),
# the atoms within 5 A of each event swept (hours: README.md). --quick: -xy and -yz only (the
# directions of the earliest first events), CG and the event's centre atom alone (the chain
# without a core; the reduced run of ctest examples.demo and examples.frozen_atom).
# MGG_FROZEN_PLANES (e.g. "-xy +yz") and MGG_FROZEN_RADIUS (A) replace the directions and the
# radius of either mode.
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
planes=(-xy +xy +yz -yz +xz -xz)
radius=5.0 relax="min sd ftol 1e-4 sweep_ftol 1e-4" nsteps=200
if [ "$quick" = 1 ]; then
  planes=(-xy -yz)
  radius=1.0 relax="min cg"
fi
[ -n "${MGG_FROZEN_PLANES:-}" ] && read -r -a planes <<<"$MGG_FROZEN_PLANES"
radius=${MGG_FROZEN_RADIUS:-$radius}
for plane in "${planes[@]}"; do
  echo "frozen_atom: LAMMPS $plane (AQS steps of 0.02% to the first event, at most $nsteps; atoms within $radius A swept; $relax)"
  "$root/tools/lmp" -in "$here/in.frozen_atom" -var glass "$root/examples/glass/CuZr_50_50.data" \
    -var plane "$plane" -var events 1 -var nsteps "$nsteps" -var radius "$radius" -var relax "$relax" \
    -screen none -log "log.frozen_atom$plane"
  echo "frozen_atom: $plane done after $((SECONDS - start)) s"
done
echo "frozen_atom: analysis"
{
  echo "# seed 002 at teaching scale: ${planes[*]}, each to its first event in AQS steps of 0.02%, atoms within $radius A of it swept ($relax)"
  for plane in "${planes[@]}"; do
    suffix=$plane
    [ "$plane" = "${planes[0]}" ] && suffix=""  # the first direction's figures keep the plain names
    echo "## $plane: AQS stress-strain and events"
    mgg aqs "log.frozen_atom$plane" --events "events$plane.txt" --name "aqs$suffix" | tail -1
    echo "## $plane: D_f histogram and STZ core of each swept event (Fig. 1c)"
    mgg histogram "atoms$plane.txt" --name "frozen_atom_Df$suffix" | tail -1
  done
  echo "## all directions: STZ core sizes (Fig. 3b, c), bonds broken and formed (Fig. 4a)"
  atoms=() events=()
  for plane in "${planes[@]}"; do atoms+=("atoms$plane.txt") events+=("events$plane.txt"); done
  mgg cores "${atoms[@]}" --events "${events[@]}"
} | tee summary.txt
echo "frozen_atom: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
