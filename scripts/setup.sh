#!/usr/bin/env bash
# Installs the Debian packages hpsim needs (when missing) and builds Release into build/.
set -euo pipefail
cd "$(dirname "$0")/.."

# libopenblas0-serial: the BLAS under UMFPACK's frontal matrices (large circuits), one
# thread, several times faster than the reference BLAS; time: peak memory in bench.sh.
# Reports: gnuplot-nox draws (its svg and pngcairo terminals), libboost-iostreams-dev
# and libboost-filesystem-dev link gnuplot-iostream; the tests open every report in
# chromium (headless) and decode its PNG figures with libpng-dev. The Python module:
# pybind11-dev and python3-dev build it, python3-numpy and python3-pandas hold its results,
# python3-pytest tests it.
packages=(cmake g++ make pkg-config libeigen3-dev libsuitesparse-dev libngspice0-dev ngspice
          libboost-program-options-dev catch2 libtomlplusplus-dev libgnuplot-iostream-dev gnuplot-nox
          libopenblas0-serial time libboost-iostreams-dev libboost-filesystem-dev libboost-system-dev libpng-dev chromium
          pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)"
