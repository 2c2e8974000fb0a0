#!/usr/bin/python3
"""The headline list is declared once (src/io/headlines.h) and its three readers agree: the
summary printed after a run, `minesim compare` and tools/report.py show the same rows with the
same numbers, in the first and the last recorded month; the report refuses (exit 2) a file
without the `headlines` attribute.

usage: check_headlines.py MINESIM_BINARY WORK_DIR
"""
import csv
import importlib.util
import io
import math
import os
import shutil
import subprocess
import sys

import h5py

from checks import check, failures  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
REPORT = os.path.join(ROOT, "tools", "report.py")
SCENARIO = os.path.join(ROOT, "scenarios", "policies", "skills_training.toml")


def close(a, b, rel=1e-9):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def main():
    binary, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "run.h5")
    run = subprocess.run([binary, "run", SCENARIO, "--months", "24", "--threads", "2", "-o", out],
                         capture_output=True, text=True, check=True)
    first, last = "2025-01", "2026-12"

    # compare: every headline row's value in both months (CSV values are round-trip exact).
    cmp = subprocess.run([binary, "compare", out, out, "--format", "csv", "--at", first, "--at",
                          last], capture_output=True, text=True, check=True)
    compare = {}
    for row in csv.DictReader(io.StringIO(cmp.stdout)):
        if row["run"] == out and row["when"] in (first, last):
            compare[(row["indicator"], row["when"])] = float(row["value"] or "nan")
    rows = list(dict.fromkeys(k[0] for k in compare))
    check(len(rows) >= 20, f"compare shows {len(rows)} headline rows, expected the whole list")

    # report.py: the same rows, in the same order, with the same values.
    spec = importlib.util.spec_from_file_location("report", REPORT)
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    r = report.Run(out)
    heads = report.headline_rows(r)
    check(list(heads) == rows, f"report rows {list(heads)} differ from compare's {rows}")
    for name, (kind, series, _) in heads.items():
        scale = 100.0 if kind == "pct" else 1.0
        for when, value in ((first, series[0]), (last, series[-1])):
            c = compare.get((name, when), float("nan"))
            check(close(value / scale, c), f"report {name} {when}: {value / scale} vs compare {c}")

    # the summary: its brief rows (a subset, in order), values as printed.
    brief = [h for h in report.read_headlines(r) if h["brief"]]
    check(len(brief) >= 8, "the summary shows the brief headlines")
    printed = {}
    for line in run.stdout.splitlines():
        parts = line.strip().rsplit(None, 2)
        if len(parts) == 3 and parts[0].endswith(")"):
            printed[parts[0].rsplit(" (", 1)[0]] = (float(parts[1]), float(parts[2]))
    for h in brief:
        for name in report.headline_series(r, h):
            check(name in printed, f"summary lacks brief row {name}")
            if name not in printed:
                continue
            decimals = {"share": 3, "usd_cents": 2, "kg": 1}.get(h["style"], 0)
            for when, shown in zip((first, last), printed[name]):
                want = round(compare[(name, when)], decimals)
                check(abs(shown - want) <= 0.51 * 10 ** -decimals,
                      f"summary {name} {when}: {shown} vs compare {want}")
    r.close()

    # a file without the attribute: the report says so and exits 2.
    old = os.path.join(work, "old.h5")
    shutil.copy(out, old)
    with h5py.File(old, "a") as f:
        del f.attrs["headlines"]
    res = subprocess.run(["/usr/bin/python3", REPORT, old, "-o", os.path.join(work, "rep")],
                         capture_output=True, text=True)
    check(res.returncode == 2 and "no 'headlines' attribute" in res.stderr,
          f"report on a file without headlines: exit {res.returncode}, {res.stderr.strip()}")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"headlines agree: {len(rows)} rows in compare and the report, {len(brief)} brief "
          "headlines in the summary, first and last month")
    return 0


if __name__ == "__main__":
    sys.exit(main())
