"""Shared by the output-format checks (tests/output_format/check_*.py): `check` records a failed
expectation (and prints it) in `failures`, which the script reports at its end; `run` runs a
command and returns (status, stdout, stderr)."""
import subprocess

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr
