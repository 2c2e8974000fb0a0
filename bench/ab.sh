#!/bin/bash
# bench/ab.sh ROUNDS OLD_BENCH NEW_BENCH [PERSONS]: the benchmark of two builds interleaved (old,
# new, old, new, ...) at 1 and 2 threads, so that a machine's changing load falls on both; prints
# the best and every figure of each (person-months per second).
set -euo pipefail
rounds=$1 old=$2 new=$3 persons=${4:-1000000}
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    for v in old new; do
      b=$old; [ "$v" = new ] && b=$new
      x=$("$b" --persons "$persons" --months 12 --threads "$t" 2>&1 |
          grep -o "[0-9.e+]* person-months/s" | head -1 | cut -d' ' -f1)
      echo "$v t$t $x"
    done
  done
done | awk '{k=$1" "$2; if(!(k in m) || $3+0>m[k]+0) m[k]=$3; a[k]=a[k]" "$3}
            END{for(k in m) print k, "best", m[k], "all", a[k]}' | sort
