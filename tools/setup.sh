#!/usr/bin/env bash
# Installs what minesim needs from Debian 12 packages (only what is missing) and builds it.
#   tools/setup.sh                 build dependencies, what the README's examples use (Python with
#                                  h5py, xarray, netCDF4, matplotlib, plotly and scipy for
#                                  tools/report.py, report_ensemble.py and validate.py; pandas
#                                  with openpyxl for `minesim export`'s to_excel; ncdump)
#                                  + a Release build of the minesim binary alone
#   tools/setup.sh --tests         also what the test suite uses (h5netcdf, R with ncdf4, NCO, CDO,
#                                  h5dump, clang-14 with its sanitizer/libFuzzer runtimes,
#                                  clang-format, Slurm and munge for the slurm_ensemble test);
#                                  tools/test.sh builds the tests itself
#   tools/setup.sh ... --no-build  install only
set -euo pipefail
cd "$(dirname "$0")/.."

# libboost-math-dev: Student's t quantiles (src/core/stats.cpp); the libboost1.74-dev it pulls in
# also holds the radix sort the Gini uses (boost/sort, src/world/indicators.cpp).
build_pkgs=(build-essential cmake ninja-build pkg-config git libtbb-dev libeigen3-dev libhdf5-dev
            libcli11-dev libtomlplusplus-dev libfmt-dev libgtest-dev libboost-math-dev
            libopenmpi-dev openmpi-bin)
user_pkgs=(python3 python3-h5py python3-xarray python3-netcdf4 python3-numpy python3-scipy
           python3-matplotlib python3-plotly python3-pandas python3-openpyxl netcdf-bin)
test_pkgs=(python3-h5netcdf hdf5-tools clang-14 libclang-rt-14-dev
           clang-format r-base-core r-cran-ncdf4 nco cdo slurm-wlm munge)
pkgs=("${build_pkgs[@]}" "${user_pkgs[@]}") build=1
for a in "$@"; do
  case "$a" in
    --tests) pkgs+=("${test_pkgs[@]}") ;;
    --no-build) build=0 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

((build)) || exit 0
cmake --preset release >/dev/null
# The binary alone: the tests and the benchmark take most of a full build's time (tools/test.sh
# and `cmake --build --preset release` build them).
cmake --build --preset release -j "$(nproc)" --target minesim
