#!/usr/bin/env bash
# Writes the output fuzz target's seed files: outputs of tiny runs (a few months), made at build
# or test time so no binary is committed.   make_seeds.sh MINESIM OUTDIR
set -euo pipefail
minesim=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
"$minesim" run "$here/seed_tiny.toml" -q -o "$out/tiny_3m.h5"
"$minesim" run "$here/seed_tiny.toml" -q --months 1 --seed 9 -o "$out/tiny_1m.h5"
# A tiny ensemble file (2 arms x 1 seed, tests/output_format/make_ensemble.py), so the fuzzer
# covers the reader's ensemble layout too.
"$minesim" run "$here/seed_tiny.toml" -q --seed 2 -o "$out/tiny_3m_s2.h5"
/usr/bin/python3 "$here/../output_format/make_ensemble.py" "$out/tiny_ensemble.h5" --baseline a \
  "a:1:0:$out/tiny_3m.h5" "b:2:0:$out/tiny_3m_s2.h5"
