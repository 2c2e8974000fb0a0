#!/usr/bin/env bash
# A time-boxed fuzz run of one target, as CI does it (docs/engineering.md, "Fuzzing"):
#   run_fuzz.sh BINARY NAME WORKDIR SEED_DIR...
# Fuzzes for FUZZ_RUNS executions (default 100000), at most FUZZ_TIME seconds (default 240); with
# FUZZ_FORK=N in libFuzzer's fork mode (N jobs), so that a crash inside libhdf5 does not end the run (the
# output target; the scenario target runs in-process, faster, and stops at its first crash,
# which is minesim's whatever it is, as the loader does not call libhdf5). Afterwards each
# crash input (WORKDIR/NAME/crashes/) is replayed alone and its report triaged (triage.py): one in
# minesim's code fails the run; one inside libhdf5 only is printed and does not. Copy a crash
# input to tests/fuzz/regressions/NAME/ to replay it in the suite. Prints the executions and the
# coverage (cov: edges, ft: features) reached.
set -uo pipefail
bin=$1 name=$2 work=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
corpus=$work/$name/corpus crashes=$work/$name/crashes log=$work/$name/fuzz.log
rm -rf "$crashes" && mkdir -p "$corpus" "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
fuzz_lsan=${LSAN_OPTIONS//lsan.supp/lsan-fuzzing.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
limits=(-timeout=20 -rss_limit_mb=2048)

mode=()
# FUZZ_FORK=N: N fork-mode jobs at once (0: in-process).
((${FUZZ_FORK:-0})) && mode=(-fork="$FUZZ_FORK" -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
LSAN_OPTIONS=$fuzz_lsan "$bin" "${mode[@]}" -runs="${FUZZ_RUNS:-100000}" -max_total_time="${FUZZ_TIME:-240}" \
  "${limits[@]}" -artifact_prefix="$crashes/" "$corpus" "$@" >"$log" 2>&1
rc=$?
# In-process mode ends with status 1 at a crash: the crash input is triaged below.
if ((rc != 0)) && compgen -G "$crashes/*" >/dev/null; then rc=0; fi  # 77: crashes were seen
# Status lines: "#EXECUTIONS: cov: EDGES ft: FEATURES ..." (fork mode), "#EXECUTIONS  NEW  cov: ...".
last=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -1)
[[ -n "$last" ]] || last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
executions=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#')
if ((rc != 0)) || [[ -z "$executions" ]]; then
  echo "fuzz $name: libFuzzer failed (status $rc); the end of $log:"
  tail -20 "$log"
  exit 1
fi

ours=0 hdf5=0 gone=0
for input in "$crashes"/*; do
  [[ -f "$input" && "$input" != *.log ]] || continue
  # Whole malloc stacks, so that the suppressions can name libhdf5's leaking functions.
  ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0 LSAN_OPTIONS=$LSAN_OPTIONS:print_suppressions=1 \
    "$bin" "${limits[@]}" "$input" >"$input.log" 2>&1
  if (($? == 0)); then
    if grep -q '^Suppressions used:' "$input.log"; then
      hdf5=$((hdf5 + 1))
      echo "fuzz $name: $(basename "$input"): libhdf5: a leak suppressed by name ($(awk \
        '/^Suppressions used:/ {f = 1; next} f && /^ +[0-9]/ {print "leak:" $3}' "$input.log"))"
    else
      gone=$((gone + 1))
      echo "fuzz $name: $(basename "$input") did not crash again alone (reported, not failing)"
    fi
    continue
  fi
  verdict=$(/usr/bin/python3 "$here/triage.py" "$input.log")
  if (($? == 0)); then hdf5=$((hdf5 + 1)); else ours=$((ours + 1)); fi
  echo "fuzz $name: $(basename "$input"): $verdict"
  grep -E '^(SUMMARY|[a-z_]+_fuzz: )| in (minesim::|H5[A-Za-z_]+ )' "$input.log" | head -6 |
    sed -E 's/\(BuildId: [0-9a-f]+\)//; s/std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >/std::string/g' |
    cut -c1-200 | sed 's/^/    /'
done
echo "fuzz $name: $executions executions, $(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$last")," \
     "corpus $(find "$corpus" -type f | wc -l) files; crash inputs: $ours in minesim's code," \
     "$hdf5 inside libhdf5 only, $gone not reproduced"
((ours == 0))
