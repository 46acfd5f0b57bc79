#!/usr/bin/env bash
# Seed 001 (Zhang, Ding and Ma, PNAS 2022) at teaching scale: runs in.stz_statistics (serial) on
# the shipped 2,000-atom Cu50Zr50 glass, then the analysis with tools/mgg; README.md says what each
# output shows.
#   examples/stz_statistics/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/stz_statistics/output. --quick: 20 AQS steps of 0.05% (1% strain)
# and 2 ps of MD for lambda instead of 100 ps, the reduced run of ctest examples.demo.
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
nsteps=80
time_ps=100
[ "$quick" = 1 ] && nsteps=20 && time_ps=2
norm=sum  # in.stz_statistics's default: the fix's D2min is Falk and Langer's sum
echo "stz_statistics: LAMMPS ($nsteps AQS steps of 0.05%, D2min over each event; $time_ps ps MD at 300 K) in $out"
"$root/tools/lmp" -in "$here/in.stz_statistics" -var glass "$root/examples/glass/CuZr_50_50.data" \
  -var nsteps "$nsteps" -var norm "$norm" -screen none -log log.stz_statistics
"$root/tools/lmp" -in "$here/in.vibration" -var glass "$root/examples/glass/CuZr_50_50.data" \
  -var time_ps "$time_ps" -screen none -log log.vibration
echo "stz_statistics: LAMMPS done after $((SECONDS - start)) s; analysis"
{
  echo "# seed 001 at teaching scale: $(sed -n 4p stz.dump) atoms, $nsteps AQS steps of 0.05% in -xy"
  echo "## AQS stress-strain and events"
  mgg aqs log.stz_statistics --events events.txt | tail -1
  echo "## STZs: clusters of atoms with D2min ($norm over the neighbours) over an event above 0.18 A^2 (Fig. 3)"
  mgg clusters atoms.txt --name stz_sizes | tail -3
  echo "## ST atoms (above 0.18 A^2 in at least one event) with D2min the mean and the sum over the neighbours (Fig. 4B; the paper: ~35% hyper-quenched to ~2% slow, at 8% strain); lambda over $time_ps ps at 300 K (Fig. 5A; histogram: ST atoms on the sum)"
  mgg st_atoms atoms.txt --norm "$norm" --vibration vibration.dump --reading sum | tail -4
  echo "## C(r) of D2min from the undeformed glass at the last strain (Fig. 4C)"
  mgg correlation stz.dump 'c_d2[1]' --name d2min_correlation | tail -3
} | tee summary.txt
echo "stz_statistics: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
