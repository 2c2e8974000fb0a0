#!/usr/bin/python3
"""The bench's output keeps its lines in the order issue 14 fixes (its timings are not checked):
the first line with "throughput" is `  throughput ... person-months/s`, then `  peak memory ...
(Y bytes per person)`, then `  roof kernel R person-months/s  (minesim at P % of the roof)` and the
triad bandwidth, then the per-phase table whose phases are the schedule's (labour_market,
demography, ...) and which ends with the month's residue at 2 threads.

usage: check_bench_lines.py MINESIM_BENCH [CHECKPOINT_DIR]
"""
import re
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


extra = ["--checkpoint-dir", sys.argv[2]] if len(sys.argv) > 2 else []
p = subprocess.run([sys.argv[1], "--persons", "5000", "--months", "2", "--threads", "2", *extra],
                   capture_output=True, text=True)
check(p.returncode == 0, f"bench exit 0 ({p.stderr[-300:]})")
lines = p.stdout.splitlines()
first = next((i for i, l in enumerate(lines) if "throughput" in l), None)
check(first is not None and re.fullmatch(r"  throughput +[0-9.e+]+ person-months/s", lines[first]),
      f"first throughput line ({lines[first] if first is not None else None})")


def index(pattern):
    return next((i for i, l in enumerate(lines) if re.fullmatch(pattern, l)), None)


peak = index(r"  peak memory +[0-9.]+ MiB  \([0-9.]+ bytes per person\)")
roof = index(r"  roof kernel +[0-9.e+]+ person-months/s  \(minesim at [0-9.]+ % of the roof\)")
triad = index(r"  triad bandwidth +[0-9.]+ GB/s  \(the roof kernel moves [0-9.]+ GB/s, [0-9]+ % "
              r"of it\)")
table = index(r"  phases, 1 thread against 2 \(a second run at 1 thread\)")
residue = index(r"  residue \(time-weighted serial fraction of the phases\)  -?[0-9.]+")
order = [first, peak, roof, triad, table, residue]
check(None not in order and order == sorted(order), f"line order {order}\n{p.stdout}")
for phase in ["labour_market", "demography", "indicators", "month"]:
    check(any(l.split()[:1] == [phase] for l in lines), f"the table lists {phase}")
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
