#!/bin/bash
# bench/scaling.sh MINESIM BENCH OUT [THREADS...]: thread scaling in one call (issue 14, goal 6).
# At each thread count (default 1 2 4 8 16): the bench at 1 M persons (the acceptance workload),
# the bench at 10 M persons, and scenarios/global_asm.toml at 1:100 with --profile. MINESIM and
# BENCH are the programs (or wrappers that run them, as on a machine without the libraries); each
# run's full output goes to OUT/*.log, and the table at the end to stdout and OUT/scaling.txt.
# Run from the repository root. Output files of global_asm go to a temporary folder, removed.
set -uo pipefail
minesim=${1:?usage: bench/scaling.sh MINESIM BENCH OUT [THREADS...]} bench=${2:?} out=${3:?}
shift 3
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2 4 8 16)
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
# Wall seconds and peak resident MiB of one command, its output appended to a log. GNU time is
# used where it exists; else the wall time alone (peak "-").
timed() {
  local log=$1
  shift
  local t0 t1 peak=-
  t0=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f 'peak_kib %M' -o "$tmp/time" "$@" >>"$log" 2>&1
    peak=$(awk '/peak_kib/{printf "%.0f", $2 / 1024}' "$tmp/time")
  else
    "$@" >>"$log" 2>&1
  fi
  t1=$(now)
  awk -v a="$t0" -v b="$t1" -v p="$peak" 'BEGIN { printf "%.1f %s\n", b - a, p }'
}
field() { grep -m1 "$1" "$2" | grep -oE '[0-9.]+e[+-]?[0-9]+' | head -1; }

echo "# $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)" | tee "$out/scaling.txt"
# The bench's own 1-thread rerun gives each phase's speed-up; --repeats 1 keeps the call short.
for persons in 1000000 10000000; do
  for t in "${threads[@]}"; do
    log="$out/bench_${persons}_t$t.log"
    : >"$log"
    read -r wall peak < <(timed "$log" "$bench" --persons "$persons" --months 12 --threads "$t")
    echo "bench persons=$persons threads=$t throughput=$(field throughput "$log")" \
      "roof=$(field 'roof kernel' "$log") wall_s=$wall" | tee -a "$out/scaling.txt"
  done
done
for t in "${threads[@]}"; do
  log="$out/global_asm_100_t$t.log"
  : >"$log"
  read -r wall peak < <(timed "$log" "$minesim" run scenarios/global_asm.toml \
    --set simulation.population_scale=0.01 --threads "$t" --quiet --profile -o "$tmp/g.h5")
  echo "global_asm_1:100 threads=$t wall_s=$wall peak_mib=$peak" | tee -a "$out/scaling.txt"
  rm -f "$tmp/g.h5"
done
