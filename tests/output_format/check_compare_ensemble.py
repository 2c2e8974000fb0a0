#!/usr/bin/python3
"""`minesim compare` on an ensemble file built by make_ensemble.py from tiny runs (2 arms x 3
seeds): mean, p05, p95 and the paired effect with its t interval checked against numpy and scipy;
the CSV header; empty baseline effect cells; --at YYYY (mean of stocks, sum of flows); --baseline;
an incomplete member; damaged ensembles exit 74 with a message; run files keep working.
Usage: check_compare_ensemble.py MINESIM WORKDIR"""
import csv
import io
import os
import subprocess
import sys

import h5py
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_ensemble  # noqa: E402

from checks import check, failures, run  # noqa: E402

HEADER = "indicator,unit,arm,date,n,mean,p05,p95,effect,effect_lo,effect_hi"


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def find(rs, indicator, arm, date):
    got = [r for r in rs if r["indicator"] == indicator and r["arm"] == arm and r["date"] == date]
    check(len(got) == 1, f"one row for {indicator}/{arm}/{date}, got {len(got)}")
    return got[0] if got else None


def main(binary, work):
    os.makedirs(work, exist_ok=True)
    scen = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "baseline.toml")
    members = []
    for arm, extra in (("base", []), ("high", ["--set", "economy.royalty_rate=0.08"])):
        for seed in (1, 2, 3):
            out = os.path.join(work, f"{arm}{seed}.h5")
            rc, _, err = run([binary, "run", scen, "--months", "6", "--set",
                              "simulation.population_scale=0.2", "--seed", str(seed), "-q",
                              "-o", out] + extra)
            check(rc == 0, f"run {arm} {seed}: {err}")
            members.append((arm, seed, 0, out))
    ens = os.path.join(work, "ens.h5")
    make_ensemble.build(ens, members, baseline="base", plan_stem="study")
    files = {m[3]: h5py.File(m[3], "r") for m in members}

    def per_member(arm, f):
        return np.array([f(files[m[3]]) for m in members if m[0] == arm])

    rc, out, err = run([binary, "compare", ens, "--format", "csv"])
    check(rc == 0, f"compare csv: {rc} {err}")
    check(out.split("\n")[0] == HEADER, f"CSV header: {out.splitlines()[:1]}")
    rs = rows(out)
    # unemployed at the last month: a total over every axis.
    for arm in ("base", "high"):
        v = per_member(arm, lambda f: np.nansum(f["unemployed"][-1]))
        r = find(rs, "unemployed", arm, "2025-06")
        check(int(r["n"]) == 3, "n = 3")
        for col, want in (("mean", v.mean()), ("p05", np.percentile(v, 5)),
                          ("p95", np.percentile(v, 95))):
            check(close(float(r[col]), want), f"unemployed {arm} {col}: {r[col]} vs {want}")
    base_row = find(rs, "unemployed", "base", "2025-06")
    check(all(base_row[c] == "" for c in ("effect", "effect_lo", "effect_hi")),
          f"baseline effect cells empty: {base_row}")
    # government revenue cumulated: the paired effect and its t interval.
    rev = {arm: per_member(arm, lambda f: np.nansum(f["government_revenue"][()]))
           for arm in ("base", "high")}
    d = rev["high"] - rev["base"]
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    r = find(rs, "government revenue", "high", "cumulated")
    check(close(float(r["effect"]), d.mean()), f"effect {r['effect']} vs {d.mean()}")
    check(close(float(r["effect_lo"]), d.mean() - half), f"effect_lo {r['effect_lo']}")
    check(close(float(r["effect_hi"]), d.mean() + half), f"effect_hi {r['effect_hi']}")
    check(r["unit"] == "USD", f"cumulated unit {r['unit']}")
    # --at 2025: the mean of a stock over its months, the sum of a flow.
    rc, out, err = run([binary, "compare", ens, "--format", "csv", "--at", "2025"])
    check(rc == 0, f"--at 2025: {err}")
    rs = rows(out)
    pop = per_member("base", lambda f: np.nansum(f["population"][()], axis=(1, 2, 3)).mean())
    check(close(float(find(rs, "population", "base", "2025")["mean"]), pop.mean()), "--at 2025 stock")
    check(close(float(find(rs, "government revenue", "base", "2025")["mean"]), rev["base"].mean()),
          "--at 2025 flow")
    # --baseline high: the effect changes sign, the other arm's cells are empty.
    rc, out, err = run([binary, "compare", ens, "--format", "csv", "--baseline", "high"])
    rs = rows(out)
    check(close(float(find(rs, "government revenue", "base", "cumulated")["effect"]), -d.mean()),
          "--baseline high")
    check(find(rs, "government revenue", "high", "cumulated")["effect"] == "", "high is baseline")
    rc, _, err = run([binary, "compare", ens, "--baseline", "nope"])
    check(rc == 2 and "no such arm" in err, f"--baseline nope: {rc} {err}")
    # Text marks an interval that includes zero, and explains the mark.
    rc, out, err = run([binary, "compare", ens, "--at", "2025-03"])
    check(rc == 0 and "~ marks an effect" in out and "] ~" in out, f"text: {rc} {err}")
    rc, out, err = run([binary, "compare", ens, "--format", "markdown", "--period",
                        "2025-02..2025-04", "--discount", "0.03"])
    check(rc == 0 and "2025-02..2025-04" in out and "discounted" in out, f"markdown: {rc} {err}")
    rc, out, err = run([binary, "compare", ens, "--format", "csv", "--by", "community"])
    check(rc == 0 and out.startswith(HEADER + ",community\n") and "leaves out" in err,
          f"--by community: {rc} {err}")
    # An incomplete member is left out.
    inc = os.path.join(work, "incomplete.h5")
    make_ensemble.build(inc, members, baseline="base", incomplete=["high/s2/p0"])
    rc, out, err = run([binary, "compare", inc, "--format", "csv"])
    r = find(rows(out), "government revenue", "high", "cumulated")
    check(rc == 0 and r["n"] == "2" and "3 members, 2 complete" in err, f"incomplete: {r} {err}")
    # Damaged ensembles: exit 74 with a message, never a crash.
    for kind, msg in (("rank", "has shape"), ("member-length", "has shape"),
                      ("no-completed", "'completed'")):
        bad = os.path.join(work, f"bad_{kind}.h5")
        make_ensemble.build(bad, members, baseline="base", damage=kind)
        for args in (["compare", bad], ["info", bad]):
            rc, _, err = run([binary] + args)
            check(rc == 74 and msg in err, f"{kind} {args[0]}: {rc} {err}")
    # Run files: two still compare; one alone is a usage error; an ensemble with a run file too.
    rc, _, err = run([binary, "compare", members[0][3], members[1][3]])
    check(rc == 0, f"two run files: {err}")
    rc, _, err = run([binary, "compare", members[0][3]])
    check(rc == 2 and "run file" in err, f"one run file: {rc} {err}")
    rc, _, err = run([binary, "compare", ens, members[0][3]])
    check(rc == 2 and "ensemble file" in err, f"ensemble with a run file: {rc} {err}")
    rc, _, err = run([binary, "compare", members[0][3], members[1][3], "--at", "2025"])
    check(rc == 2, f"--at YYYY with run files: {rc}")
    print("check_compare_ensemble:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
