#!/usr/bin/env bash
# The main job: installs what is needed (tools/setup.sh), then runs a compact version of the four
# studies on the shipped 2,000-atom glasses, two at a time (one core each), and writes a report:
#   soft_spots      seed 000 (Cu64Zr36, MD/MC): V-DOS, P_i, motif make-up of P_i deciles, AQS +
#                   D2min (examples/soft_spots/run.sh)
#   stz_statistics  seed 001 (Cu50Zr50, MD/MC): AQS, D2min over each stress drop, STZ sizes,
#                   ST-atom fraction (D2min the mean and the sum), C(r) of D2min, lambda and E_act
#                   (fix artn: every ST atom and as many others, at most 120 centres) of the ST
#                   atoms (examples/stz_statistics/run.sh)
#   frozen_atom     seed 002 (Cu50Zr50): AQS to the first events, frozen-atom sweep of the atoms
#                   near each event, STZ core from the gap in D_f (examples/frozen_atom/in.frozen_atom)
#   descriptors     seed 003 (Cu50Zr50, MD/MC): P_i, S2, vibrational MSD, flexibility volume,
#                   E_act (fix artn, 120 centres); binned r_P and C(r) lengths
#                   (examples/descriptors/run.sh)
# then tools/mgg report: index.html with the figures, the headline numbers next to the papers'
# and the LAMMPS logs. Progress lines: [elapsed] study: stage.
#   tools/demo.sh [--quick]
#   --quick or MGG_DEMO_QUICK=1  the reduced runs of each example (under 5 minutes on two cores)
#   MGG_OUT         report directory (default demo-output/ in the clone); each study in a subdirectory
#   MGG_DEMO_SETUP  0: skip tools/setup.sh (LAMMPS and the plugin from MGG_LMP / MGG_PLUGIN_DIR)
#   MGG_LAMMPS      2025 (default: LAMMPS 4 Feb 2025) or 2021 (29 Sep 2021)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=${MGG_DEMO_QUICK:-0}
[ "${1:-}" = "--quick" ] && quick=1
[ "$quick" = 0 ] || quick=1
[ "${MGG_DEMO_SETUP:-1}" = 0 ] || "$here/tools/setup.sh"
out=${MGG_OUT:-$here/demo-output}
mkdir -p "$out"
out=$(cd "$out" && pwd)
start=$SECONDS
timings=$out/timings.txt
echo "# study total wall_seconds status cpu cpu_seconds (quick $quick; load $(cut -d' ' -f1-3 /proc/loadavg))" >"$timings"

progress() {  # prefixes every line of a study's output with the elapsed time and the study
  while IFS= read -r line; do
    line=${line#"$1: "}
    printf '[%2d:%02d] %s: %s\n' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) "$1" "$line"
  done
}

cpu_seconds() {  # user + system CPU seconds of this shell's finished children so far
  times >"$out/.times.$BASHPID"  # not in a subshell: a subshell's children are not this shell's
  awk 'NR == 2 {s = 0; for (i = 1; i <= NF; i++) {split($i, a, "m"); s += a[1] * 60 + a[2]}
                printf "%d\n", s}' "$out/.times.$BASHPID"
  rm -f "$out/.times.$BASHPID"
}

study() {  # study NAME COMMAND...: runs one study in $out/NAME; wall and CPU time in timings.txt
  local name=$1 t0=$SECONDS status=0
  shift
  cpu_seconds >"$out/.cpu0.$name"
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  echo "start" | progress "$name"
  "$@" > >(progress "$name") 2>&1 || status=$?
  cpu_seconds >"$out/.cpu1.$name"
  echo "$name total $((SECONDS - t0)) $status cpu $(($(cat "$out/.cpu1.$name") - $(cat "$out/.cpu0.$name")))" >>"$timings"
  rm -f "$out/.cpu0.$name" "$out/.cpu1.$name"
  echo "finished after $((SECONDS - t0)) s (status $status)" | progress "$name"
  return $status
}

flag=()
[ "$quick" = 1 ] && flag=(--quick)

# seed 002: examples/frozen_atom/run.sh, each shear direction from the undeformed Cu50Zr50 glass
# to its first event, whose nearest atoms are swept. Here -xy (the seed: all six; -yz's sweep by
# steepest descent ran over 16 minutes unfinished on a free core, against 581 s for -xy), the
# atoms within 2.8 A of the event (the centre and about 6 neighbours) by steepest descent as the
# seed (about a minute of CPU per swept atom); quick: -xy and -yz by CG and the centre atom alone, which shows
# the chain but no core (with CG no atom suppresses these events: doc/fix_frozen_atom_aqs.md).
frozen_atom() {
  if [ "$quick" = 1 ]; then
    "$here/examples/frozen_atom/run.sh" --quick "$out/frozen_atom"
  else
    MGG_FROZEN_PLANES="-xy" MGG_FROZEN_RADIUS=2.8 "$here/examples/frozen_atom/run.sh" "$out/frozen_atom"
  fi
}

# two lanes of about equal length (full run, measured: soft_spots 157 s, stz_statistics 886 s with
# its 36 searches, descriptors 876 s with its 120, frozen_atom 641 s); quick: descriptors 30 s and
# frozen_atom 145 s against soft_spots 41 s and stz_statistics 101 s
lane1() {
  study descriptors "$here/examples/descriptors/run.sh" "${flag[@]}" "$out/descriptors" &&
    study frozen_atom frozen_atom
}
lane2() {
  study soft_spots "$here/examples/soft_spots/run.sh" "${flag[@]}" "$out/soft_spots" &&
    study stz_statistics "$here/examples/stz_statistics/run.sh" "${flag[@]}" "$out/stz_statistics"
}

echo "demo: four studies (quick $quick) in $out, two at a time; progress as [elapsed] study: stage"
lane1 & pid1=$!
lane2 & pid2=$!
status=0
wait $pid1 || status=1
wait $pid2 || status=1
echo "[$(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s] report"
"$here/tools/mgg" report "$out" || status=1
echo "demo total $((SECONDS - start)) load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$timings"
echo "demo: done after $((SECONDS - start)) s (status $status); open $out/index.html"
exit $status
