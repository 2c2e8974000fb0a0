#!/usr/bin/env bash
# Replays files through a fuzz target once each (a libFuzzer binary, or the replay_main driver
# of non-fuzz builds): replay.sh BINARY PATH... where a PATH that is a directory stands for the
# files in it. libFuzzer would treat a directory as a corpus and start fuzzing, hence the list.
set -euo pipefail
bin=$1; shift
files=()
for p in "$@"; do
  if [[ -d "$p" ]]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$p" -type f ! -name '*.md' -print0 | sort -z)
  else
    files+=("$p")
  fi
done
((${#files[@]})) || { echo "replay: no input files in $*" >&2; exit 1; }
exec "$bin" "${files[@]}"
