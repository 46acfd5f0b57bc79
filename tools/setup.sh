#!/usr/bin/env bash
# Installs everything mgglass needs on Debian, idempotently:
#   1. Debian packages (compilers, OpenMPI, LAPACK/OpenBLAS, cmocka, voro++, numpy/scipy, and
#      chromium, headless, for the test of the demo's report page);
#   2. LAMMPS, built from Debian's source package with PLUGIN and the packages the studies use,
#      into a cache outside the clone (one prefix per version, reused by later runs);
#   3. the mgglass plugin itself, built against that LAMMPS as any user would build it
#      (cmake -DLAMMPS_DIR=<prefix> -DLAMMPS_SOURCE_DIR=<source tree>/src).
# Environment: MGG_LAMMPS  2025 (default: LAMMPS 4 Feb 2025, Debian 13's source) or
#                          2021 (LAMMPS 29 Sep 2021 update 2, Debian 12's source);
#              MGG_CACHE   (default ~/.cache/mgglass) holds the LAMMPS builds;
#              MGG_JOBS    (default: number of cores) parallel build jobs.
# Options: --lammps-only (no plugin build); --print-build-dir, --print-prefix (print the
#          plugin's build directory or LAMMPS's install prefix for MGG_LAMMPS and exit).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/tools/lammps_versions.sh"
cache=${MGG_CACHE:-$HOME/.cache/mgglass}
jobs=${MGG_JOBS:-$(nproc)}

lammps_prefix=$cache/lammps-$lammps_label
case "${1:-}" in
  --print-build-dir) echo "$plugin_build"; exit 0 ;;
  --print-prefix) echo "$lammps_prefix"; exit 0 ;;
esac
lammps_stamp=$lammps_prefix/.mgglass-lammps-v3

sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

debian_packages=(
  build-essential cmake pkg-config dpkg-dev xz-utils
  openmpi-bin libopenmpi-dev
  liblapack-dev libopenblas-dev libarpack2-dev libsuitesparse-dev
  libcmocka-dev valgrind
  voro++-dev voro++
  zlib1g-dev
  python3 python3-numpy python3-scipy python3-matplotlib
  chromium
)

install_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "mgglass setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Downloads the source package's upstream tarball with a private apt configuration (the
# machine's own apt sources are not changed), checks its SHA-256 against the Sources index
# (which apt verified against the release's signature) and unpacks it, without Debian's
# patches: the build is upstream LAMMPS.
fetch_lammps_source() {
  local aptdir=$cache/apt/$lammps_suite srcdir=$cache/src/$lammps_label
  mkdir -p "$aptdir/lists/partial" "$srcdir"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
    "http://deb.debian.org/debian $lammps_suite main" >"$aptdir/sources.list"
  local apt_opts=(-o "Dir::Etc::sourcelist=$aptdir/sources.list" -o "Dir::Etc::sourceparts=-"
                  -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache")
  echo "mgglass setup: fetching Debian $lammps_suite's lammps $lammps_debian_version source"
  apt-get -q "${apt_opts[@]}" update >"$aptdir/update.log" 2>&1 ||
    { cat "$aptdir/update.log"; exit 1; }
  local tarball="lammps_${lammps_debian_version%-*}.orig.tar.xz"
  local expected
  expected=$(apt-cache "${apt_opts[@]}" showsrc lammps |
             awk -v f="$tarball" '/^Checksums-Sha256:/ {s = 1; next} /^[^ ]/ {s = 0}
                                  s && $3 == f {print $1; exit}')
  [ -n "$expected" ] || { echo "mgglass setup: $tarball is not in Debian $lammps_suite's" \
                               "Sources index (lammps $lammps_debian_version)"; exit 1; }
  # the .dsc may not be served (Debian 13's is not); only the tarball is needed
  (cd "$srcdir" && apt-get -q "${apt_opts[@]}" source --download-only \
     "lammps=$lammps_debian_version" >"$aptdir/source.log" 2>&1 || true)
  [ -f "$srcdir/$tarball" ] || { cat "$aptdir/source.log"; exit 1; }
  echo "$expected  $srcdir/$tarball" | sha256sum --quiet -c - ||
    { echo "mgglass setup: SHA-256 of $tarball does not match the Sources index"; exit 1; }
  tar -xf "$srcdir/$tarball" -C "$srcdir"
  rm -f "$srcdir/$tarball" "$srcdir"/*.debian.tar.* "$srcdir"/*.dsc
}

build_lammps() {
  if [ -f "$lammps_stamp" ] && [ -x "$lammps_prefix/bin/lmp" ]; then return 0; fi
  local src
  src=$(ls -d "$cache/src/$lammps_label"/lammps-*/cmake 2>/dev/null | head -n 1 || true)
  if [ -z "$src" ]; then
    fetch_lammps_source
    src=$(ls -d "$cache/src/$lammps_label"/lammps-*/cmake | head -n 1)
  fi
  src=${src%/cmake}
  echo "mgglass setup: building LAMMPS $lammps_label from $src into $lammps_prefix" \
       "(about $lammps_build_minutes minutes on two cores, once)"
  local bdir=$cache/build-$lammps_label
  cmake -S "$src/cmake" -B "$bdir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$lammps_prefix" -DCMAKE_INSTALL_LIBDIR=lib \
    -DCMAKE_INSTALL_RPATH="$lammps_prefix/lib" -DCMAKE_INSTALL_RPATH_USE_LINK_PATH=ON \
    -DBUILD_SHARED_LIBS=ON -DBUILD_MPI=ON -DBUILD_OMP=OFF -DLAMMPS_SIZES=smallbig \
    -DLAMMPS_EXCEPTIONS=ON -DWITH_JPEG=OFF -DWITH_PNG=OFF -DWITH_FFMPEG=OFF -DWITH_GZIP=ON \
    -DPKG_PLUGIN=ON -DPKG_MANYBODY=ON -DPKG_MC=ON -DPKG_KSPACE=ON -DPKG_PHONON=ON \
    -DPKG_EXTRA-COMPUTE=ON -DPKG_EXTRA-FIX=ON -DPKG_VORONOI=ON -DDOWNLOAD_VORO=OFF \
    -DPKG_REPLICA=ON -DPKG_MISC=ON -DPKG_MOLECULE=ON -DFFT=KISS >"$cache/lammps-$lammps_label-cmake.log" 2>&1 ||
    { tail -n 40 "$cache/lammps-$lammps_label-cmake.log"; exit 1; }
  cmake --build "$bdir" -j "$jobs" >"$cache/lammps-$lammps_label-build.log" 2>&1 ||
    { tail -n 40 "$cache/lammps-$lammps_label-build.log"; exit 1; }
  cmake --install "$bdir" >/dev/null
  # LAMMPS installs only some of its headers: the plugin compiles against the source tree
  ln -sfn "$src" "$lammps_prefix/source"
  rm -rf "$bdir"
  touch "$lammps_stamp"
}

build_plugin() {
  local log=$cache/plugin-$lammps_label.log
  { cmake -S "$here" -B "$plugin_build" -DCMAKE_BUILD_TYPE=Release \
      -DLAMMPS_DIR="$lammps_prefix" -DLAMMPS_SOURCE_DIR="$lammps_prefix/source/src" &&
    cmake --build "$plugin_build" -j "$jobs"; } >"$log" 2>&1 || { tail -n 60 "$log"; exit 1; }
}

install_debian_packages
build_lammps
[ "${1:-}" = "--lammps-only" ] || build_plugin
