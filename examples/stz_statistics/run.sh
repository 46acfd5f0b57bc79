#!/usr/bin/env bash
# Seed 001 (Zhang, Ding and Ma, PNAS 2022) at teaching scale: runs in.stz_statistics (serial) on
# the shipped 2,000-atom Cu50Zr50 MD/MC glass (the better-relaxed one, as the paper's Fig. 5), then
# the analysis with tools/mgg; README.md says what each output shows.
#   examples/stz_statistics/run.sh [--quick] [OUTDIR]
# MGG_GLASS: another data file (e.g. examples/glass/CuZr_50_50.data, the hyper-quenched end).
# OUTDIR defaults to examples/stz_statistics/output. --quick: 32 AQS steps of 0.05% (1.6% strain:
# the MD/MC glass's first two events), 2 ps of MD for lambda instead of 100 ps and 2 saddle
# searches with short caps and no validation (the chain, no E_act), the reduced run of ctest
# examples.demo.
# E_act (Fig. 5B): examples/artn/in.artn from `centres` centres drawn at random from the ST atoms
# (on the sum) and as many other atoms (every k-th by atom ID), so about half are ST atoms;
# MGG_ARTN_CENTRES replaces their number (0: no E_act).
# Needs tools/setup.sh's LAMMPS and plugin (or MGG_LMP / MGG_PLUGIN_DIR, as tools/lmp).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../example.sh" "$@"
nsteps=80
time_ps=100
centres=120
glass=${MGG_GLASS:-$root/examples/glass/CuZr_50_50_mdmc.data}
opts=$artn_opts
if [ "$quick" = 1 ]; then
  nsteps=32 time_ps=2 centres=2
  opts="$opts $artn_quick_opts"
fi
centres=${MGG_ARTN_CENTRES:-$centres}
norm=sum  # in.stz_statistics's default: the fix's D2min is Falk and Langer's sum
echo "stz_statistics: LAMMPS ($nsteps AQS steps of 0.05%, D2min over each event; $time_ps ps MD at 300 K) in $out"
"$root/tools/lmp" -in "$here/in.stz_statistics" -var glass "$glass" \
  -var nsteps "$nsteps" -var norm "$norm" -screen none -log log.stz_statistics
"$root/tools/lmp" -in "$here/in.vibration" -var glass "$glass" \
  -var time_ps "$time_ps" -screen none -log log.vibration
activation=()
if [ "$centres" -gt 0 ]; then
  mgg st_atoms atoms.txt --norm "$norm" >/dev/null
  # the ST atoms on the sum (column 6) and as many others, spread over
  # the atom IDs
  ids=$(awk -F, 'NR > 1 { if ($6 == 1) st[ns++] = $1; else rest[nr++] = $1 }
                 END { k = ns ? int(nr / ns) : 1; if (k < 1) k = 1
                       for (i = 0; i < ns; i++) printf " %s", st[i]
                       for (i = 0; i < nr && i / k < ns; i += k) printf " %s", rest[i] }' st_atoms.csv)
  if [ -z "$ids" ]; then
    echo "stz_statistics: no ST atoms, so no E_act"
  else
    # a well-relaxed glass has fewer ST atoms than centres wanted: one search from each
    candidates=$(wc -w <<<"$ids")
    [ "$candidates" -lt "$centres" ] && centres=$candidates
    echo "stz_statistics: LAMMPS done after $((SECONDS - start)) s; E_act ($centres centres of $candidates ST and other atoms, examples/artn/in.artn)"
    artn_lmp -in "$root/examples/artn/in.artn" \
      -var glass "$glass" -var centres "$centres" -var centre_ids "$ids" \
      -var per_atom 1 -var opts "$opts" -var events artn_events.txt -screen none -log log.artn
    if [ "$(distinct_saddles artn_events.txt)" -gt 0 ]; then
      activation=(--activation artn_atoms.dump)
    fi
  fi
fi
echo "stz_statistics: LAMMPS done after $((SECONDS - start)) s; analysis"
{
  echo "# seed 001 at teaching scale: $(sed -n 4p stz.dump) atoms of $(basename "$glass"), $nsteps AQS steps of 0.05% in -xy"
  echo "## AQS stress-strain and events"
  mgg aqs log.stz_statistics --events events.txt | tail -1
  echo "## STZs: clusters of atoms with D2min ($norm over the neighbours) over an event above 0.18 A^2 (Fig. 3)"
  mgg clusters atoms.txt --name stz_sizes | tail -3
  echo "## ST atoms (above 0.18 A^2 in at least one event) with D2min the mean and the sum over the neighbours (Fig. 4B; the paper: ~35% hyper-quenched to ~2% slow, at 8% strain); E_act of the centres with a saddle (Fig. 5B); lambda over $time_ps ps at 300 K (Fig. 5A); histograms: ST atoms on the sum"
  mgg st_atoms atoms.txt --norm "$norm" --vibration vibration.dump "${activation[@]}" --reading sum |
    grep -v '^st_atoms:'
  echo "## C(r) of D2min from the undeformed glass at the last strain (Fig. 4C)"
  mgg correlation stz.dump 'c_d2[1]' --name d2min_correlation | tail -3
} | tee summary.txt
echo "stz_statistics: done after $((SECONDS - start)) s; figures (PNG, PDF), tables (CSV) and summary.txt in $out"
