#!/usr/bin/python3
"""peak_memory.py CMD...: runs CMD and samples the summed PSS of it and its descendants every 20 ms;
prints the peak of the sum and the peak of any single process (MiB)."""
import os, subprocess, sys, time
def rss(pid):  # PSS: shared pages (libraries) counted once over the processes that share them
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for l in f:
                if l.startswith("Pss:"): return int(l.split()[1]) / 1024
    except OSError: pass
    return 0
def children(pid):
    out = []
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{t}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError: pass
    return out
p = subprocess.Popen(sys.argv[1:])
peak_sum = peak_one = 0
while p.poll() is None:
    tree, stack = [], [p.pid]
    while stack:
        x = stack.pop(); tree.append(x); stack += children(x)
    vals = [rss(x) for x in tree]
    peak_sum = max(peak_sum, sum(vals)); peak_one = max(peak_one, max(vals))
    time.sleep(0.02)
print(f"peak summed PSS {peak_sum:.1f} MiB, peak single process {peak_one:.1f} MiB, exit {p.returncode}")
