# The LAMMPS versions the project builds and tests, sourced by setup.sh, lmp and test.sh.
# MGG_LAMMPS selects one: 2025 (default) or 2021.  Sets lammps_label (the version as LAMMPS
# reports it), lammps_suite and lammps_debian_version (the Debian source package it is built
# from), lammps_build_minutes (measured on two cores) and plugin_build (the plugin's build
# directory in this clone: build/ for the default, build-lammps2021/ for the other).
mgg_lammps_supported="2025 2021"
mgg_lammps_default=2025
case "${MGG_LAMMPS:-$mgg_lammps_default}" in
  2025) lammps_label=20250204 lammps_suite=trixie lammps_debian_version=20250204+dfsg.1-2
        lammps_build_minutes=5 ;;
  2021) lammps_label=20210929 lammps_suite=bookworm
        lammps_debian_version=20220106.git7586adbb6a+ds1-2 lammps_build_minutes=5 ;;
  *) echo "MGG_LAMMPS=${MGG_LAMMPS}: the supported LAMMPS versions are 2025 (4 Feb 2025," \
          "the default) and 2021 (29 Sep 2021 update 2)" >&2
     exit 2 ;;
esac
if [ "${MGG_LAMMPS:-$mgg_lammps_default}" = "$mgg_lammps_default" ]; then
  plugin_build=$here/build
else
  plugin_build=$here/build-lammps${MGG_LAMMPS}
fi
