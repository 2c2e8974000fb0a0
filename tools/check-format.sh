#!/usr/bin/env bash
# Checks that the C++ sources in src, tests and bench are formatted as .clang-format says
# (clang-format 14, Debian 12). Prints each file that differs and exits 1 if any does; changes
# nothing. To fix a file: clang-format -i FILE.
#   tools/check-format.sh [FILE...]     (default: every tracked .cpp/.h under src, tests, bench)
set -euo pipefail
cd "$(dirname "$0")/.."
cf=$(command -v clang-format-14 || command -v clang-format || true)
[[ -n "$cf" ]] || { echo "check-format: clang-format not found (tools/setup.sh --tests)" >&2; exit 2; }
if (($#)); then files=("$@"); else
  mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' \
                                       'bench/*.cpp' 'bench/*.h')
fi
bad=0 lines=0
for f in "${files[@]}"; do
  if ! "$cf" --dry-run --Werror "$f" >/dev/null 2>&1; then
    n=$("$cf" "$f" | diff "$f" - | grep -c '^[<>]' || true)
    echo "check-format: $f ($n diff lines)"
    bad=$((bad + 1)) lines=$((lines + n))
  fi
done
echo "check-format: ${#files[@]} files checked, $bad differ ($lines diff lines)"
((bad == 0))
