#!/usr/bin/env bash
# One command for the whole test suite: install what is missing (test tools included), build,
# run every test through CTest. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh --tests
ctest --preset release -j "$(nproc)" "$@"
