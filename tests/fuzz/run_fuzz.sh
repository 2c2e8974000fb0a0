#!/usr/bin/env bash
# A time-boxed fuzz run of one target, as CI does it (docs/engineering.md, "Fuzzing"):
#   run_fuzz.sh BINARY NAME WORKDIR SEED_DIR...
# Runs FUZZ_RUNS executions (default 100000) within FUZZ_TIME seconds (default 240). A crash is
# triaged (triage.py): a libhdf5-only report is printed and fuzzing resumes from the corpus; a
# report in minesim's code stops the run and fails it. Every crash input is kept under
# WORKDIR/NAME/crashes/ with its log: copy it to tests/fuzz/regressions/NAME/ to replay it in
# the suite. Prints the executions and coverage (cov: edges, ft: features) at the end.
set -uo pipefail
bin=$1 name=$2 work=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
runs_left=${FUZZ_RUNS:-100000} deadline=$((SECONDS + ${FUZZ_TIME:-240}))
corpus=$work/$name/corpus crashes=$work/$name/crashes
mkdir -p "$corpus" "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TMPDIR=${TMPDIR:-/tmp}

executions=0 hdf5_crashes=0 minesim_crashes=0 cov="" restarts=0
while ((runs_left > 0 && SECONDS < deadline && restarts < 25)); do
  log=$work/$name/fuzz-$restarts.log
  "$bin" -runs="$runs_left" -max_total_time=$((deadline - SECONDS)) -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" \
    "$corpus" "$@" >"$log" 2>&1
  rc=$?
  # Executions: the final stats after a clean end, the last status line ("#N ...") after a crash.
  done_runs=$(grep -oE '^stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$')
  [[ -n "$done_runs" ]] || done_runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  executions=$((executions + ${done_runs:-0})) runs_left=$((runs_left - ${done_runs:-0}))
  last_cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  [[ -n "$last_cov" ]] && cov=$last_cov
  ((rc == 0)) && break
  restarts=$((restarts + 1))
  input=$(grep -oE 'Test unit written to \S+' "$log" | tail -1 | cut -d' ' -f5)
  verdict=$(/usr/bin/python3 "$here/triage.py" "$log")
  triage_rc=$?
  [[ -n "$input" && -f "$input" ]] && cp "$log" "$input.log"
  echo "fuzz $name: crash ($verdict) input ${input:-none}"
  grep -E '^(SUMMARY|==[0-9]+== ?ERROR)|^ +#[0-9]+ .* in (minesim|LLVMFuzzer|H5)' "$log" | head -12
  if ((triage_rc != 0)); then
    minesim_crashes=$((minesim_crashes + 1))
    break
  fi
  hdf5_crashes=$((hdf5_crashes + 1))
  ((done_runs > 0)) || runs_left=$((runs_left - 1))  # never loop on a crash at start-up
done
echo "fuzz $name: $executions executions, ${cov:-no coverage line}, corpus $(ls "$corpus" | wc -l)" \
     "files, crashes: $minesim_crashes in minesim, $hdf5_crashes inside libhdf5 only"
((minesim_crashes == 0))
