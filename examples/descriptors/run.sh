#!/usr/bin/env bash
# Seed 003 (Wei et al., PRB 2019) at teaching scale: runs in.descriptors (serial) on the shipped
# 2,000-atom MD/MC Cu50Zr50 glass, then E_act of randomly chosen centres with examples/artn's
# in.artn (serial) on the same glass, then the analysis with tools/mgg; README.md says what each
# output shows.
#   examples/descriptors/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/descriptors/output. Full: 20 ps of MD and 120 centres (about 13
# minutes). --quick: 2 ps of MD and 2 searches with short caps and no validation (the chain, no
# E_act), the reduced run of ctest examples.demo.
# MGG_ARTN_CENTRES replaces the number of centres (0: no E_act).
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
glass=$root/examples/glass/CuZr_50_50_mdmc.data
time_ps=20 centres=120 opts=$artn_opts
if [ "$quick" = 1 ]; then
  time_ps=2 centres=2
  opts="$opts $artn_quick_opts"
fi
centres=${MGG_ARTN_CENTRES:-$centres}
echo "descriptors: LAMMPS (normal modes, S2, Voronoi volumes, $time_ps ps MD at 300 K) in $out"
"$root/tools/lmp" -in "$here/in.descriptors" -var glass "$glass" \
  -var time_ps "$time_ps" -screen none -log log.descriptors
if [ "$centres" -gt 0 ]; then
  echo "descriptors: LAMMPS done after $((SECONDS - start)) s; E_act ($centres random centres, examples/artn/in.artn)"
  artn_lmp -in "$root/examples/artn/in.artn" \
    -var glass "$glass" -var centres "$centres" -var per_atom 1 -var opts "$opts" -screen none -log log.artn
fi
saddles=0
[ -f events.txt ] && saddles=$(distinct_saddles events.txt)
echo "descriptors: LAMMPS done after $((SECONDS - start)) s ($saddles distinct validated saddles); analysis"
{
  echo "# seed 003 at teaching scale: $(sed -n 4p is.dump) atoms, P_i over the lowest 0.25% of the modes, MSD over $time_ps ps at 300 K"
  # seed 003 Fig. 4 with the vibrational MSD in the place of E_act: bins of 100 atoms of one
  # type (10 per type here; seed 003: ~200 atoms, ~50 bins per type). The flexibility volume is
  # the MSD times a_i (Eq. 2), so it is binned against S2 and P_i instead of the MSD.
  for t in 1 2; do
    for pair in 'c_soft[1] P_i f_msd MSD A^2' 'c_s2 S2 f_msd MSD A^2' \
                'c_s2 S2 c_flex v_flex A^3' 'c_soft[1] P_i c_flex v_flex A^3'; do
      read -r x xlabel y ylabel unit <<<"$pair"
      echo "## type $t: mean $ylabel per 100 atoms sorted by $xlabel"
      mgg binned is.dump "$x" "$y" --ydump md.dump --yframe -1 --type "$t" --bin 100 \
        --xlabel "$xlabel" --ylabel "$ylabel ($unit)" --name "${ylabel}_${xlabel}_type$t" | tail -1
    done
  done
  if [ "$saddles" -gt 0 ]; then
    # seed 003 Fig. 4 itself: E_act (the mean over the atom's distinct validated saddles) against
    # each descriptor, over the centres with a saddle (fix artn writes -1 elsewhere). A
    # teaching-scale run has a few dozen, so 4 bins per type (the paper: ~50 of ~200 atoms), and
    # the atoms' Spearman rho with its p-value
    for t in 1 2; do
      for quad in 'is.dump c_soft[1] P_i P_i' 'is.dump c_s2 S2 S2' 'md.dump f_msd MSD MSD_(A^2)' \
                  'md.dump c_flex v_flex v_flex_(A^3)'; do
        read -r dump x name xlabel <<<"$quad"
        echo "## type $t: mean E_act in 4 bins sorted by $name"
        mgg binned "$dump" "$x" 'f_a[4]' --frame -1 --ydump artn_atoms.dump --ymin 0 --type "$t" --nbins 4 \
          --xlabel "${xlabel//_/ }" --ylabel "E_act (eV)" --name "E_act_${name}_type$t" | tail -2 ||
          echo "(fewer than 12 centres of type $t with a saddle: no bins)"
      done
    done
  fi
  echo "## C(r) and xi of the descriptors (Fig. 7)"
  mgg correlation is.dump 'c_soft[1]' c_s2 --per-type --name correlation_is | tail -4
  mgg correlation md.dump f_msd c_flex --frame -1 --per-type --name correlation_md | tail -4
} | tee summary.txt
echo "descriptors: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
