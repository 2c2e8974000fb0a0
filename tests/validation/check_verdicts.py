#!/usr/bin/python3
"""The reduced validation set for CI (issue 13 protocol step 5; docs/validation.md, "How figures
are measured"): runs plans/validation_ci.toml (the Burkina Faso case at 1:100, seeds 1-2, 120
months) and checks with tools/validate.py --check that no verdict recorded in
tests/validation/ci_verdicts.toml changed (exit 1 naming the facts).

Until that record exists this test is skipped (exit 77) before anything runs: the record is
written once the second validation's defaults are committed (issue 13 protocol step 2), with

    minesim ensemble plans/validation_ci.toml -o output/validation_ci.h5
    /usr/bin/python3 tools/validate.py --burkina output/validation_ci.h5 \
        --record tests/validation/ci_verdicts.toml

and regenerated the same way, in the commit that moves a verdict on purpose.

    check_verdicts.py MINESIM WORKDIR
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RECORD = os.path.join(HERE, "ci_verdicts.toml")


def main():
    minesim, work = sys.argv[1], sys.argv[2]
    if not os.path.exists(RECORD):
        print(f"skipped: no {os.path.relpath(RECORD, ROOT)} yet (see this script's docstring)")
        return 77
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "validation_ci.h5")
    subprocess.run([minesim, "ensemble", os.path.join(ROOT, "plans", "validation_ci.toml"),
                    "-o", out, "-q"], check=True)
    return subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "validate.py"),
                           "--burkina", out, "--check", RECORD]).returncode


if __name__ == "__main__":
    sys.exit(main())
