#!/usr/bin/env bash
# Seed 003 (Wei et al., PRB 2019) at teaching scale: runs in.descriptors (serial) on the shipped
# 2,000-atom Cu50Zr50 glass, then the analysis with tools/mgg; README.md says what each output shows.
#   examples/descriptors/run.sh [--quick] [OUTDIR]
# OUTDIR defaults to examples/descriptors/output. --quick: 2 ps of MD instead of 20 ps, the
# reduced run of ctest examples.demo.
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
time_ps=20
[ "$quick" = 1 ] && time_ps=2
echo "descriptors: LAMMPS (normal modes, S2, Voronoi volumes, $time_ps ps MD at 300 K) in $out"
"$root/tools/lmp" -in "$here/in.descriptors" -var glass "$root/examples/glass/CuZr_50_50.data" \
  -var time_ps "$time_ps" -screen none -log log.descriptors
echo "descriptors: LAMMPS done after $((SECONDS - start)) s; analysis"
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
  echo "## C(r) and xi of the descriptors (Fig. 7)"
  mgg correlation is.dump 'c_soft[1]' c_s2 --per-type --name correlation_is | tail -4
  mgg correlation md.dump f_msd c_flex --frame -1 --per-type --name correlation_md | tail -4
} | tee summary.txt
echo "descriptors: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
