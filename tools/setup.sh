#!/usr/bin/env bash
# Installs everything mgglass needs on Debian 12, idempotently:
#   1. Debian packages (compilers, OpenMPI, LAPACK/OpenBLAS, cmocka, voro++, numpy/scipy);
#   2. LAMMPS stable 29 Sep 2021 update 2, built from Debian's source package with PLUGIN and
#      the packages the studies use, into a cache outside the clone (reused by later runs);
#   3. the mgglass plugin itself (build/ in the clone).
# Environment: MGG_CACHE (default ~/.cache/mgglass) holds the LAMMPS build;
#              MGG_JOBS (default: number of cores) parallel build jobs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${MGG_CACHE:-$HOME/.cache/mgglass}
jobs=${MGG_JOBS:-$(nproc)}
lammps_prefix=$cache/lammps
lammps_stamp=$lammps_prefix/.mgglass-lammps-v2

sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

debian_packages=(
  build-essential cmake pkg-config dpkg-dev
  openmpi-bin libopenmpi-dev
  liblapack-dev libopenblas-dev libarpack2-dev libsuitesparse-dev
  libcmocka-dev valgrind
  voro++-dev voro++
  zlib1g-dev
  python3 python3-numpy python3-scipy python3-matplotlib
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

enable_deb_src() {
  if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -qs '^deb-src' /etc/apt/sources.list; then
    return 0
  fi
  echo "mgglass setup: enabling deb-src entries for apt-get source"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      sudo_cmd tee /etc/apt/sources.list.d/mgglass-deb-src.sources >/dev/null
  else
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
      sudo_cmd tee /etc/apt/sources.list.d/mgglass-deb-src.list >/dev/null
  fi
  sudo_cmd apt-get update -q
}

build_lammps() {
  if [ -f "$lammps_stamp" ] && [ -x "$lammps_prefix/bin/lmp" ]; then return 0; fi
  enable_deb_src
  local srcroot=$cache/src
  mkdir -p "$srcroot"
  if ! ls -d "$srcroot"/lammps-*/cmake >/dev/null 2>&1; then
    echo "mgglass setup: fetching the LAMMPS source package"
    (cd "$srcroot" && apt-get source -q lammps)
  fi
  local src
  src=$(ls -d "$srcroot"/lammps-*/ | head -n 1)
  # Debian hard-codes /usr/share/lammps/potentials; restore upstream's LAMMPS_POTENTIALS search
  if [ ! -f "$src/.mgglass-potentials-path" ]; then
    (cd "$src" && patch -R -p1 -s < debian/patches/20_set_potentials_path.patch)
    touch "$src/.mgglass-potentials-path"
  fi
  echo "mgglass setup: building LAMMPS from $src into $lammps_prefix (a few minutes)"
  local bdir=$cache/lammps-build
  cmake -S "$src/cmake" -B "$bdir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$lammps_prefix" \
    -DCMAKE_INSTALL_RPATH="$lammps_prefix/lib" -DCMAKE_INSTALL_RPATH_USE_LINK_PATH=ON \
    -DBUILD_SHARED_LIBS=ON -DBUILD_MPI=ON -DBUILD_OMP=OFF -DLAMMPS_SIZES=smallbig \
    -DLAMMPS_EXCEPTIONS=ON -DWITH_JPEG=OFF -DWITH_PNG=OFF -DWITH_FFMPEG=OFF -DWITH_GZIP=ON \
    -DPKG_PLUGIN=ON -DPKG_MANYBODY=ON -DPKG_MC=ON -DPKG_KSPACE=ON -DPKG_PHONON=ON \
    -DPKG_EXTRA-COMPUTE=ON -DPKG_EXTRA-FIX=ON -DPKG_VORONOI=ON -DDOWNLOAD_VORO=OFF \
    -DPKG_REPLICA=ON -DPKG_MISC=ON -DPKG_MOLECULE=ON -DFFT=KISS >"$cache/lammps-cmake.log" 2>&1 ||
    { tail -n 40 "$cache/lammps-cmake.log"; exit 1; }
  cmake --build "$bdir" -j "$jobs" >"$cache/lammps-build.log" 2>&1 ||
    { tail -n 40 "$cache/lammps-build.log"; exit 1; }
  cmake --install "$bdir" >/dev/null
  ln -sfn "$src" "$cache/lammps-src"
  touch "$lammps_stamp"
}

build_plugin() {
  cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release \
    -DLAMMPS_SOURCE_DIR="$cache/lammps-src/src" -DLAMMPS_LMP="$lammps_prefix/bin/lmp" >/dev/null
  cmake --build "$here/build" -j "$jobs" >/dev/null
}

install_debian_packages
build_lammps
[ "${1:-}" = "--lammps-only" ] || build_plugin
