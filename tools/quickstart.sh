#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build, run the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
build/release/src/minesim run "$@"
