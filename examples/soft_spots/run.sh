#!/usr/bin/env bash
# Seed 000 (Ding et al., PNAS 2014) at teaching scale: runs in.soft_spots (serial) on the shipped
# 2,000-atom Cu64Zr36 MD/MC glass (the better-relaxed one; the seed's was cooled at 1e9 K/s), then
# the analysis with tools/mgg; README.md says what each output shows.
#   examples/soft_spots/run.sh [--quick] [OUTDIR]
# MGG_GLASS: another data file (e.g. examples/glass/CuZr_64_36.data, quenched at 1e13 K/s).
# OUTDIR defaults to examples/soft_spots/output. --quick: P_i over the lowest 0.25% of the modes
# and 5 AQS steps (0.5% strain), the reduced run of ctest examples.soft_spots.
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
fraction=0.01 nsteps=40
glass=${MGG_GLASS:-$root/examples/glass/CuZr_64_36_mdmc.data}
[ "$quick" = 1 ] && fraction=0.0025 nsteps=5
echo "soft_spots: LAMMPS (normal modes, Voronoi cells, $nsteps AQS steps of 0.1%) in $out"
"$root/tools/lmp" -in "$here/in.soft_spots" -var glass "$glass" \
  -var fraction "$fraction" -var nsteps "$nsteps" -screen none -log log.soft_spots
echo "soft_spots: LAMMPS done after $((SECONDS - start)) s; analysis"
natoms=$(sed -n 4p soft.dump)
{
  echo "# seed 000 at teaching scale: $natoms atoms of $(basename "$glass"), P_i over the lowest $fraction of the modes, $nsteps AQS steps of 0.1%"
  echo "## V-DOS"
  mgg vdos vdos.txt | tail -2
  echo "## motif make-up of P_i deciles (Fig. 2): favoured, cousins (frequency rule), GUMs"
  mgg deciles soft.dump 'c_soft[1]' c_vi --label P_i | tail -n +2
  echo "## the same with the motif codes of compute voronoi_index (column 8)"
  mgg deciles soft.dump 'c_soft[1]' 'c_vi[8]' --label P_i --name deciles_codes | tail -3
  # seed 000 Fig. 6: mean D2min from the undeformed glass per 5% of the atoms sorted by P_i, at 2%
  # and 4% strain (frames 20 and 40 of aqs.dump: one per 0.1% step), or at the last strain
  strains=""
  for s in 2 4; do [ $((s * 10)) -le "$nsteps" ] && strains="$strains $s"; done
  for strain in ${strains:-last}; do
    frame=-1
    [ "$strain" != last ] && frame=$((strain * 10))
    echo "## mean D2min (undeformed reference) per 5% P_i bin, strain: $strain${strains:+%}"
    mgg binned soft.dump 'c_soft[1]' 'c_d2[1]' --ydump aqs.dump --yframe "$frame" --bin $((natoms / 20)) \
      --xlabel "P_i" --ylabel "D2min (A^2) at strain $strain${strains:+%}" --name "d2min_pi_$strain" | tail -1
  done
  echo "## AQS stress-strain and stress drops"
  mgg aqs log.soft_spots --events events.txt | tail -1
  # seed 000 Fig. 5: atoms whose delta D2min (0.1% strain apart) jumps above 0.01 A^2 (the elastic
  # background stays below 0.002 A^2) that are neighbours: shear transformations, one per step
  echo "## clusters of simultaneous delta D2min jumps (> 0.01 A^2), every 0.1% step"
  mgg clusters aqs.dump --column 'c_dd[1]' --threshold 0.01 --cutoff 3.8 --name st_clusters | tail -3 ||
    echo "st_clusters: fewer than two clusters (no plastic events at this strain)"
  echo "## slab of P_i, the 5% of atoms with the largest D2min at the last strain marked (Fig. 4)"
  mgg slab soft.dump 'c_soft[1]' --mark 'c_d2[1]' --mark-dump aqs.dump --mark-frame -1 --top 0.05 \
    --label P_i | tail -1
} | tee summary.txt
echo "soft_spots: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
