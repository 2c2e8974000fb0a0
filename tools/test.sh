#!/usr/bin/env bash
# One command for the whole test suite, the one CI runs (.ci/run). Stages, each timed:
#   install        what is missing, test tools included (tools/setup.sh --tests --no-build)
#   release-build  the Release build;            release-tests  every test through CTest
#   format         clang-format over src, tests, bench (tools/check-format.sh)
#   asan-build     the ASan+UBSan build;         asan-tests     the whole suite under it
#   fuzz-build     the libFuzzer targets (clang-14);  fuzz-replays  their regression inputs
#   fuzz-run       a time-boxed run of each target (tests/fuzz/run_fuzz.sh)
# Exits non-zero when any stage fails (the later stages still run where they can).
#   tools/test.sh                the whole CI (~28 min on 2 cores; docs/engineering.md, "CI")
#   tools/test.sh --quick [ARGS] install, Release build and tests, format; ARGS go to ctest
# FUZZ_RUNS (default 100000) and FUZZ_TIME (seconds, default 90; the output target's:
# FUZZ_OUTPUT_TIME, default 90) bound fuzz-run. CI's whole run took 2,501 s with 240 / 300 s
# boxes and -O2 -g sanitizer builds, over the 30-minute budget: the sanitizer builds are now
# -O1 -g1 and the boxes 90 s (docs/engineering.md, "CI").
set -uo pipefail
cd "$(dirname "$0")/.."

# 1: a formatting difference fails the test command (the tree was reformatted once);
# 0: the format check would only report differences.
format_enforced=1

quick=0
[[ "${1:-}" == "--quick" ]] && { quick=1; shift; }
jobs=$(nproc)
failed=() summary=()

times_file=$(mktemp) && trap 'rm -f "$times_file"' EXIT
cpu_ms() {  # sets CPU_MS: CPU time (user + system) of this shell's finished children, in ms
  times >"$times_file"  # not in $(...): a subshell has no children of its own
  CPU_MS=$(tail -1 "$times_file" | tr -d s |
    awk '{ s = 0; for (i = 1; i <= 2; ++i) { split($i, p, "m"); s += p[1] * 60 + p[2] }
           printf "%d", s * 1000 }')
}

stage() {  # stage NAME COMMAND...: runs, times and records one stage (wall and CPU time)
  local name=$1 t0 c0 rc secs cpu; shift
  echo "=== stage $name"
  cpu_ms
  t0=$(date +%s%N) c0=$CPU_MS
  "$@"
  rc=$?
  cpu_ms
  local ds=$((($(date +%s%N) - t0) / 100000000)) dc=$(((CPU_MS - c0) / 100))
  secs="$((ds / 10)).$((ds % 10))" cpu="$((dc / 10)).$((dc % 10))"
  summary+=("$(printf '%-14s %7s s wall %8s s cpu  %s' "$name" "$secs" "$cpu" \
               "$( ((rc == 0)) && echo ok || echo FAILED)")")
  echo "=== stage $name: $secs s wall, $cpu s cpu, $( ((rc == 0)) && echo ok || echo "FAILED ($rc)")"
  ((rc == 0)) || failed+=("$name")
  return "$rc"
}

build() {  # build PRESET [TARGET...]: the targets named, or all of them
  local preset=$1; shift
  cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j "$jobs" ${1:+--target "$@"}
}

# The fuzz targets only, their seeds written by the Release minesim (tests/fuzz/CMakeLists.txt).
build_fuzz() {
  cmake --preset fuzz -DMINESIM_SEED_BINARY="$PWD/build/release/src/minesim" >/dev/null &&
    build fuzz fuzz_scenario fuzz_output fuzz_checkpoint fuzz_seeds
}

format_check() {
  tools/check-format.sh | tail -n 25
  local rc=${PIPESTATUS[0]}
  ((rc == 0 || !format_enforced)) && { ((rc == 0)) || echo "format: not enforced yet"; return 0; }
  return "$rc"
}

fuzz_run() {  # both targets at once: the scenario one in-process on one core (1e5 inputs take
  # ~2 min), the output one in two fork-mode jobs (~200 inputs/s per core), so it has both cores
  # once the scenario target is done; each stops at FUZZ_RUNS or its time box
  local bin=build/fuzz/tests/fuzz work=build/fuzz/fuzz-work
  FUZZ_TIME=${FUZZ_TIME:-90} nice tests/fuzz/run_fuzz.sh "$bin/fuzz_scenario" scenario "$work" \
    tests/fuzz/seeds/scenario scenarios tests/bad_scenarios >"$work.scenario.txt" 2>&1 &
  local scenario_pid=$!
  FUZZ_FORK=2 FUZZ_TIME=${FUZZ_OUTPUT_TIME:-90} nice tests/fuzz/run_fuzz.sh "$bin/fuzz_output" \
    output "$work" "$bin/seeds/output" >"$work.output.txt" 2>&1
  local output_rc=$?
  wait "$scenario_pid"
  local scenario_rc=$?
  cat "$work.scenario.txt" "$work.output.txt"
  ((scenario_rc == 0 && output_rc == 0))
}

stage install tools/setup.sh --tests --no-build || exit 1
stage release-build build release && stage release-tests ctest --preset release -j "$jobs" "$@"
stage format format_check
if ((!quick)); then
  stage asan-build build asan && stage asan-tests ctest --preset asan -j "$jobs"
  if stage fuzz-build build_fuzz; then
    stage fuzz-replays ctest --preset fuzz -j "$jobs"
    mkdir -p build/fuzz/fuzz-work
    stage fuzz-run fuzz_run
  fi
fi

echo "=== stages (wall time; CPU time of all processes, on $jobs cores)"
printf '  %s\n' "${summary[@]}"
((${#failed[@]} == 0)) || { echo "=== FAILED: ${failed[*]}"; exit 1; }
echo "=== all stages passed"
