#!/usr/bin/env bash
# Writes the output fuzz target's seed files: outputs of tiny runs (a few months), made at build
# or test time so no binary is committed; with CHECKPOINT_DIR also the checkpoint target's:
# checkpoints of tiny runs (by this very minesim: a checkpoint is read only by the minesim that
# wrote it).   make_seeds.sh MINESIM OUTDIR [CHECKPOINT_DIR]
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
if (($# > 2)); then
  ck=$3
  mkdir -p "$ck"
  "$minesim" run "$here/seed_tiny.toml" -q -o "$ck/tiny.h5" --checkpoint-at 2025-02
  "$minesim" run "$here/seed_tiny.toml" -q --months 1 --seed 9 -o "$ck/tiny_1m.h5" \
    --checkpoint-at 2025-01
  rm -f "$ck/tiny.h5" "$ck/tiny_1m.h5"  # the runs' outputs: seeds of the output target already
fi
