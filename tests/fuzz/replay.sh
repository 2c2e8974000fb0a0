#!/usr/bin/env bash
# Replays files through a fuzz target once each (a libFuzzer binary, or the replay_main driver
# of the other builds):
#   replay.sh BINARY [--libhdf5 DIR] PATH...
# Every file of the PATHs (a directory stands for the files under it) must pass. Each file under
# DIR (inputs on which libhdf5 itself crashes or leaks) passes when it runs cleanly or when its
# report is libhdf5's alone (triage.py); it needs a sanitizer build, whose reports have stacks.
# Files ending in .gz are unpacked first. The list is expanded here because libFuzzer would take
# a directory for a corpus and fuzz it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1; shift
libhdf5_dir=""
[[ "${1:-}" == "--libhdf5" ]] && { libhdf5_dir=$2; shift 2; }
list() {  # the input files under the given paths (README.md files and libhdf5/ folders excluded)
  for p in "$@"; do
    if [[ -d "$p" ]]; then find "$p" -type f ! -name '*.md' ! -path '*/libhdf5/*' | sort
    else echo "$p"; fi
  done
}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
unpack() {  # FILE...: prints each path, a .gz (a large regression input, stored compressed) unpacked
  local f u
  for f in "$@"; do
    if [[ "$f" == *.gz ]]; then u=$(mktemp -d -p "$tmp")/$(basename "${f%.gz}")
      gzip -dc "$f" >"$u"; echo "$u"
    else echo "$f"; fi
  done
}
mapfile -t files < <(unpack $(list "$@"))
((${#files[@]})) || { echo "replay: no input files in $*" >&2; exit 1; }
failed=0
if ! "$bin" "${files[@]}" >"$tmp/log" 2>&1; then
  for f in "${files[@]}"; do  # name the inputs that fail
    "$bin" "$f" >"$tmp/log" 2>&1 && continue
    echo "replay: $f fails:"; tail -25 "$tmp/log"; failed=$((failed + 1))
  done
fi
known=0
if [[ -n "$libhdf5_dir" && -d "$libhdf5_dir" ]]; then
  mapfile -t hfiles < <(unpack $(find "$libhdf5_dir" -type f ! -name '*.md' | sort))
  for f in "${hfiles[@]}"; do
    "$bin" "$f" >"$tmp/log" 2>&1 && continue
    if verdict=$(/usr/bin/python3 "$here/triage.py" "$tmp/log"); then
      known=$((known + 1))
    else
      echo "replay: $f: $verdict"; tail -25 "$tmp/log"; failed=$((failed + 1))
    fi
  done
fi
echo "replay: ${#files[@]} inputs${libhdf5_dir:+, ${#hfiles[@]} libhdf5 inputs ($known still crash inside libhdf5)}, $failed failed"
((failed == 0))
