#!/usr/bin/env bash
# Better-relaxed Cu-Zr glasses: in.melt_quench (random positions -> melt -> quench at RATE K/s ->
# inherent structure), then in.mdmc (hybrid MD/MC of Zhang, Ding and Ma 2022 from a quenched
# glass), each product checked with `mgg amorphous`; summary.txt tabulates energy per atom,
# density and motif fractions.  README.md gives the cost per rate and the recommended settings.
#   examples/glass_prep/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/glass_prep/output.  Environment: NATOMS (2000), NZR (NATOMS/2),
# RATE (1e13 K/s), SEED (4928); MDMC_STAGE_PS (50) and MDMC_NSTAGES (4).  The MD/MC starts from
# the melt-quench's glass, which needs at least ~1,700 atoms (fix sgcmc: a box of 4 cutoffs).
# --quick (ctest examples.glass_prep): a 250-atom Cu50Zr50 melt-quench at 1e14 K/s, and 2 x 1 ps
# of MD/MC on the shipped 2,000-atom glass examples/glass/CuZr_50_50.data.
# Needs tools/setup.sh's LAMMPS (with the MC package); not the plugin.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
natoms=${NATOMS:-2000}
nzr=${NZR:-$((natoms / 2))}
rate=${RATE:-1e13}
seed=${SEED:-4928}
mq=(-var melt_ps 50 -var hold_ps 10)
mdmc_in=quenched.data
mdmc=(-var stage_ps "${MDMC_STAGE_PS:-50}" -var nstages "${MDMC_NSTAGES:-4}")
if [ "$quick" = 1 ]; then
  natoms=250 nzr=125 rate=1e14
  mq=(-var melt_ps 10 -var hold_ps 2 -var thermo_every 1000 -var min_iter 500)
  mdmc_in=$root/examples/glass/CuZr_50_50.data
  mdmc=(-var heat_ps 1 -var stage_ps 1 -var nstages 2 -var rate 1e14 -var hold_ps 1 -var thermo_every 100
        -var min_iter 500)
fi
lmp() { "$root/tools/lmp" -screen none -var prep_dir "$here" "$@"; }

echo "glass_prep: melt-quench of $natoms atoms ($nzr Zr) at $rate K/s in $out"
lmp -in "$here/in.melt_quench" -var natoms "$natoms" -var nzr "$nzr" -var rate "$rate" \
  -var seed "$seed" "${mq[@]}" -var out quenched.data -log log.melt_quench
echo "glass_prep: melt-quench done after $((SECONDS - start)) s; MD/MC"
lmp -in "$here/in.mdmc" -var in "$mdmc_in" -var seed "$seed" "${mdmc[@]}" -var out mdmc.data -log log.mdmc
echo "glass_prep: MD/MC done after $((SECONDS - start)) s; checks"

# one row per product: the numbers of the log's INHERENT_STRUCTURE line and of mgg amorphous
row() {
  local name=$1 data=$2 log=$3 is
  is=$(grep '^INHERENT_STRUCTURE' "$log")
  mgg amorphous "$data" > "amorphous_$name.txt" || { cat "amorphous_$name.txt"; exit 1; }
  printf '%-10s %6s %5s %12s %8s %8s %7s %s\n' "$name" \
    "$(awk '{print $3}' <<< "$is")" "$(awk '{print $5}' <<< "$is")" "$(awk '{print $7}' <<< "$is")" \
    "$(awk '{print $10}' <<< "$is")" "$(awk '$1 == "cu_full_icosahedra" {print $2}' "amorphous_$name.txt")" \
    "$(awk '$1 == "zr_z16" {print $2}' "amorphous_$name.txt")" \
    "$(tail -1 "amorphous_$name.txt")"
}
{
  echo "# glass_prep: melt-quench ($natoms atoms at $rate K/s) and MD/MC (from $mdmc_in)"
  grep '^LIQUID_MSD' log.melt_quench
  grep '^MDMC_STAGE' log.mdmc
  grep '^MDMC_COMPOSITION_NOT_RESTORED' log.mdmc || true
  echo "# sample   natoms    Zr  pe/atom(eV) rho(g/cc) Cu<0,0,12,0> Zr<0,0,12,4>"
  row quenched quenched.data log.melt_quench
  row mdmc mdmc.data log.mdmc
} | tee summary.txt
echo "glass_prep: done after $((SECONDS - start)) s; quenched.data, mdmc.data, logs and summary.txt in $out"
