#!/usr/bin/python3
"""Scaling tool test: tools/scaling_table.py (docs/scaling.md) on a short run of the shipped
baseline (3 communities, 2 mines).

- The catchments it rebuilds from the stored scenario hold every community where the run has
  mine employees (they live in a catchment of a mine: output.md, `employment`), and each mine's
  host.
- One rank exchanges nothing; its largest rank holds every person.
- Contiguous latitude blocks are contiguous in latitude order and never exceed the population a
  block must hold; with as many ranks as communities the largest block is the largest community.
- At 64 ranks every community above a rank's share is split and the split compute is the share.
- The command line prints the header and one row per rank count.

usage: check_scaling_table.py MINESIM_BINARY WORK_DIR
"""
import importlib.util
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TOOL = os.path.join(ROOT, "tools", "scaling_table.py")


def load_tool():
    spec = importlib.util.spec_from_file_location("scaling_table", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Args:
    throughput, latency_us, bandwidth_gbs = 1e7, 2.0, 10.0


def check(cond, what):
    if not cond:
        sys.exit(f"FAIL: {what}")
    print(f"ok: {what}")


def main():
    minesim, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    run_file = os.path.join(work, "baseline.h5")
    subprocess.run([minesim, "run", os.path.join(ROOT, "scenarios", "baseline.toml"), "--months",
                    "6", "--threads", "1", "-q", "-o", run_file], check=True)
    st = load_tool()
    run = st.read_run(run_file)
    fl = st.flows(run, None)
    sc, names = run["scenario"], run["names"]
    catch = st.catchments(sc, names, run["mines"])
    covered = {c for m in catch for c in m}
    mine_jobs = run["employment"][:, :, 0].sum(axis=(0, 2, 3))
    check(len(catch) == len(run["mines"]) == 2, "one catchment per mine")
    check(all(c in covered for c in range(len(names)) if mine_jobs[c] > 0),
          "every community with mine employees is in a catchment")
    check(all(names.index(sc["mines"][m]["community"]) in catch[k]
              for k, m in enumerate(run["mines"])), "each mine's host is in its catchment")

    one = st.row(run, fl, 1, Args)
    check(abs(one["whole_max"] - fl["pop"].sum()) < 1e-6 * fl["pop"].sum(),
          "one rank holds every person")
    check(one["migrants"] == 0 and one["hiring"] == [0, 0] and one["gini"] == 0
          and one["totals"] == 0 and one["output"] == 0 and one["messages"] == 0,
          "one rank exchanges nothing")

    pop = fl["pop"]
    lat = [sc["communities"][n]["lat"] for n in names]
    for ranks in (2, 3):
        blocks = st.latitude_blocks(lat, pop, ranks)
        order = sorted(range(len(names)), key=lambda c: (lat[c], c))
        check([blocks[c] for c in order] == sorted(blocks[c] for c in order)
              and max(blocks) < ranks, f"latitude blocks are contiguous ({ranks} ranks)")
    blocks = st.latitude_blocks(lat, pop, len(names))
    largest = max(sum(pop[c] for c in range(len(names)) if blocks[c] == b) for b in set(blocks))
    check(abs(largest - max(pop)) < 1e-6 * max(pop),
          "as many ranks as communities: the largest block is the largest community")

    many = st.row(run, fl, 64, Args)
    share = pop.sum() / 64
    check(set(many["split"]) == {names[c] for c in range(len(names)) if pop[c] > share},
          "every community above a rank's share is split at 64 ranks")
    check(abs(many["compute_s"][1] - share / Args.throughput) < 1e-12, "split compute is the share")
    check(many["hiring"][0] > 0 and many["hiring"][1] >= many["hiring"][0] and many["gini"] > 0,
          "split communities exchange hiring candidates and their Gini values")

    out = subprocess.run(["/usr/bin/python3", TOOL, run_file, "--ranks", "2", "8"], check=True,
                         capture_output=True, text=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    check(len(rows) == 2 and rows[0].startswith("| 2 |") and rows[1].startswith("| 8 |"),
          "the command prints one row per rank count")


if __name__ == "__main__":
    main()
