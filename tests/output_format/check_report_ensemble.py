#!/usr/bin/python3
"""tools/report.py on an ensemble file: a tiny `minesim ensemble` (baseline and skills training,
3 seeds, 24 months at population scale 0.2), then the report. Its effects table (effects.csv and
the data- attributes of report.html) equals `minesim compare OUT.h5 --at YEAR --format csv` for
two indicators (a stock and a flow, also cumulated); the HTML holds the header (population scale,
seeds), the effects table and the band figures; the PNGs exist; --years picks the dates; bad
ensemble files (no `completed`, no `arm`) and mixing an ensemble with a run exit 2 with a message.

Then a grid sweep (2 points of labour.quit_rate, 2 seeds, 2 arms, 30 months at scale 0.05): the
table is per point as compare's is (effects.csv ends with compare's column `point` and equals
compare's CSV row for row; report.html has a row per point, labelled with its swept value), and
the unemployment effect at 2027-06 of each point equals the paired mean over that point's seeds
computed here from the file (h5py); pooled points would give their average over 4 pairs instead.

usage: check_report_ensemble.py MINESIM_BINARY WORK_DIR
"""
import csv
import html
import io
import os
import re
import shutil
import subprocess
import sys

import h5py
import numpy as np

from checks import check, failures, run  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
REPORT = os.path.join(ROOT, "tools", "report.py")
PYTHON = "/usr/bin/python3"
YEAR = "2026"
INDICATORS = ["unemployed", "government revenue"]  # a stock and a flow


def close(a, b):
    if a == "" or b == "":
        return a == b
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare_numbers(ours, theirs, what, arms=("base", "training")):
    for ind in INDICATORS:
        for date in (YEAR, "cumulated") if ind == "government revenue" else (YEAR,):
            for arm in arms:
                a = [r for r in ours if (r["indicator"], r["arm"], r["date"]) == (ind, arm, date)]
                b = [r for r in theirs if (r["indicator"], r["arm"], r["date"]) == (ind, arm, date)]
                check(len(a) == 1 and len(b) == 1, f"{what}: one row {ind}/{arm}/{date}")
                if len(a) != 1 or len(b) != 1:
                    continue
                for col in ("unit", "n") if "unit" in a[0] else ():
                    check(a[0][col] == b[0][col], f"{what}: {ind}/{arm}/{date} {col}: "
                          f"{a[0][col]} != {b[0][col]}")
                for col in ("mean", "p05", "p95", "effect", "effect_lo", "effect_hi"):
                    if col in a[0]:
                        check(close(a[0][col], b[0][col]), f"{what}: {ind}/{arm}/{date} {col}: "
                              f"{a[0][col]} != {b[0][col]}")


def html_effect_rows(text):
    """The effects table's rows as dicts from their data- attributes."""
    out = []
    for tag in re.findall(r'<tr class="effect[^"]*"[^>]*>', text):
        attrs = {k: html.unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', tag)}
        out.append({"indicator": attrs["indicator"], "arm": attrs["arm"], "date": attrs["date"],
                    "effect": attrs["effect"], "effect_lo": attrs["effect-lo"],
                    "effect_hi": attrs["effect-hi"], "n": attrs["n"],
                    **({"point": attrs["point"]} if "point" in attrs else {})})
    return out


SWEEP_DATE = "2027-06"  # skills training starts 2027-01: its effect on unemployment is not 0
SWEPT = [0.01, 0.05]


def hand_effects(ens, variable, month):
    """Per point: training minus base per seed of `variable` summed over its axes at `month`
    (YYYY-MM), the headline `unemployed` (reduce = sum), and the mean of those differences."""
    with h5py.File(ens, "r") as f:
        arm = [a.decode() if isinstance(a, bytes) else str(a) for a in f["arm"][()]]
        seed, point, done = f["seed"][()], f["point"][()], f["completed"][()]
        units = f["time"].attrs["units"]
        units = units.decode() if isinstance(units, bytes) else str(units)
        origin = np.datetime64(units.split("since ")[1][:10])
        months = [str(origin + np.timedelta64(int(d), "D"))[:7] for d in f["time"][()]]
        t = months.index(month)
        v = f[variable][()]
        x = np.nansum(v[:, t].reshape(v.shape[0], -1), axis=1)
    out = {}
    for p in sorted(set(int(q) for q in point)):
        base = {int(seed[m]): x[m] for m in range(len(arm))
                if arm[m] == "base" and point[m] == p and done[m] == 1}
        d = [x[m] - base[int(seed[m])] for m in range(len(arm))
             if arm[m] == "training" and point[m] == p and done[m] == 1 and int(seed[m]) in base]
        out[p] = (len(d), float(np.mean(d)))
    return out


def check_sweep(binary, work):
    plan = os.path.join(work, "sweep.toml")
    with open(plan, "w") as f:
        f.write(f'months = 30\npopulation_scale = 0.05\nseeds = [1, 2]\n'
                f'[arms.base]\nscenario = "{ROOT}/scenarios/baseline.toml"\n'
                f'[arms.training]\nscenario = "{ROOT}/scenarios/policies/skills_training.toml"\n'
                f'[sweep]\nmethod = "grid"\n[sweep.values]\n'
                f'"labour.quit_rate" = [{SWEPT[0]}, {SWEPT[1]}]\n')
    ens = os.path.join(work, "sweep.h5")
    rc, _, err = run([binary, "ensemble", plan, "-o", ens, "--jobs", "2", "-q"])
    check(rc == 0, f"minesim ensemble (sweep): {err}")
    if rc != 0:
        return
    rc, cmp_csv, err = run([binary, "compare", ens, "--at", SWEEP_DATE, "--format", "csv"])
    check(rc == 0, f"minesim compare (sweep): {err}")
    cmp_header = cmp_csv.splitlines()[0] if cmp_csv else ""
    theirs = list(csv.DictReader(io.StringIO(cmp_csv)))
    out = os.path.join(work, "sweep_report")
    rc, _, err = run([PYTHON, REPORT, ens, "-o", out, "--years", SWEEP_DATE])
    check(rc == 0, f"report on the sweep: rc {rc}: {err}")
    if rc != 0:
        return
    with open(os.path.join(out, "effects.csv")) as f:
        first = f.readline().strip()
        f.seek(0)
        ours = list(csv.DictReader(f))
    check(first == "indicator,unit,arm,date,n,mean,p05,p95,effect,effect_lo,effect_hi,point",
          f"sweep: effects.csv header ends with point: {first}")
    check(first == cmp_header, f"sweep: effects.csv header {first} != compare's {cmp_header}")

    # Row for row compare's CSV: the same keys in the same order, the same numbers.
    def key(r):
        return (r["indicator"], r["unit"], r["arm"], r["date"], r.get("point"), r["n"])
    check([key(r) for r in ours] == [key(r) for r in theirs],
          f"sweep: effects.csv rows != compare's ({len(ours)} and {len(theirs)} rows)")
    if [key(r) for r in ours] == [key(r) for r in theirs]:
        for a, b in zip(ours, theirs):
            for col in ("mean", "p05", "p95", "effect", "effect_lo", "effect_hi"):
                check(close(a[col], b[col]), f"sweep: {key(a)} {col}: {a[col]} != {b[col]}")

    # A row per point, and each point's effect the paired mean of that point's seeds.
    hand = hand_effects(ens, "unemployed", SWEEP_DATE)
    check(sorted(hand) == [0, 1] and all(n == 2 for n, _ in hand.values()),
          f"sweep: 2 points of 2 pairs in the file: {hand}")
    check(len({round(e, 6) for _, e in hand.values()}) == 2,
          f"sweep: the points' effects differ (else pooling could not be told): {hand}")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        text = f.read()
    html_rows = [r for r in html_effect_rows(text)
                 if (r["indicator"], r["arm"], r["date"]) == ("unemployed", "training", SWEEP_DATE)]
    for what, rows in (("effects.csv", ours), ("report.html", html_rows)):
        for p, (n, effect) in hand.items():
            got = [r for r in rows if (r["indicator"], r["arm"], r["date"], r.get("point")) ==
                   ("unemployed", "training", SWEEP_DATE, str(p))]
            check(len(got) == 1, f"sweep {what}: one row unemployed/training/{SWEEP_DATE} at "
                  f"point {p}: {len(got)}")
            if len(got) == 1:
                check(got[0]["n"] == str(n) and close(got[0]["effect"], repr(effect)),
                      f"sweep {what}: point {p}: n {got[0]['n']}, effect {got[0]['effect']}; "
                      f"by hand n {n}, effect {effect}")
    check(len(html_rows) == 2, f"sweep report.html: 2 unemployment rows, {len(html_rows)}")
    for p, v in enumerate(SWEPT):
        check(f"p{p} (labour.quit_rate = {v})" in text, f"sweep: report.html names point {p}")
    check('data-points="2"' in text and "figures pool the points" in text
          and "Pooled over the 2 parameter points" in text,
          "sweep: the header and figures say the figures pool the points")


def main(binary, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    plan = os.path.join(work, "tiny.toml")
    with open(plan, "w") as f:
        f.write(f'months = 24\npopulation_scale = 0.2\nreplicates = 3\n'
                f'[arms.base]\nscenario = "{ROOT}/scenarios/baseline.toml"\n'
                f'[arms.training]\nscenario = "{ROOT}/scenarios/policies/skills_training.toml"\n')
    ens = os.path.join(work, "tiny.h5")
    rc, _, err = run([binary, "ensemble", plan, "-o", ens, "--jobs", "1", "-q"])
    check(rc == 0, f"minesim ensemble: {err}")
    if rc != 0:
        return
    rc, cmp_csv, err = run([binary, "compare", ens, "--at", YEAR, "--format", "csv"])
    check(rc == 0, f"minesim compare: {err}")
    theirs = list(csv.DictReader(io.StringIO(cmp_csv)))

    out = os.path.join(work, "report")
    rc, stdout, err = run([PYTHON, REPORT, ens, "-o", out, "--years", YEAR])
    check(rc == 0, f"report on the ensemble: rc {rc}: {err}")
    if rc != 0:
        return
    with open(os.path.join(out, "effects.csv")) as f:
        first = f.readline().strip()
        f.seek(0)
        ours = list(csv.DictReader(f))
    check(first == "indicator,unit,arm,date,n,mean,p05,p95,effect,effect_lo,effect_hi",
          f"effects.csv header: {first}")
    compare_numbers(ours, theirs, "effects.csv")
    check({r["date"] for r in ours} == {YEAR, "cumulated"}, "--years: the dates asked, and "
          f"cumulated: {sorted({r['date'] for r in ours})}")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        text = f.read()
    # the HTML table shows the effects: the arms other than the baseline
    compare_numbers(html_effect_rows(text), theirs, "report.html data- attributes", ("training",))
    check('id="effects"' in text and text.index('id="effects"') < text.index("band-figure"),
          "report.html opens with the effects table")
    check('data-population-scale="0.2"' in text and 'data-seeds="3"' in text
          and "population scale <b>0.2</b>" in text and "3 seeds" in text,
          "the header names the population scale and the seed count")
    check("includes-zero" in text, "an interval that includes zero is marked")
    check(text.count('class="figure band-figure"') >= 10, "the band figures are in report.html")
    check("http://" not in text and "https://" not in text, "report.html has no http(s) URL")
    for key in ("ens_unemployed", "ens_government_revenue", "ens_poverty_rate"):
        png = os.path.join(out, key + ".png")
        check(os.path.isfile(png) and os.path.getsize(png) > 10000, f"{png} written")
        check(f'id="fig-{key}"' in text, f"figure {key} in report.html")
    check("technology_skills" in text, "the training intervention is marked")

    # Default dates: the last full year and the last month.
    rc, _, err = run([PYTHON, REPORT, ens, "-o", os.path.join(work, "default")])
    check(rc == 0, f"report with default dates: {err}")
    with open(os.path.join(work, "default", "effects.csv")) as f:
        dates = {r["date"] for r in csv.DictReader(f)}
    check(dates == {"2026", "2026-12", "cumulated"}, f"default dates: {sorted(dates)}")

    # Bad input: exit 2 with a message, never a traceback.
    for drop in ("completed", "arm"):
        bad = os.path.join(work, f"no_{drop}.h5")
        shutil.copy(ens, bad)
        with h5py.File(bad, "a") as f:
            del f[drop]
        rc, _, err = run([PYTHON, REPORT, bad, "-o", os.path.join(work, "bad")])
        check(rc == 2 and f"'{drop}'" in err and "Traceback" not in err,
              f"no '{drop}': rc {rc}, {err!r}")
    rc, _, err = run([PYTHON, REPORT, ens, "-o", os.path.join(work, "bad"), "--years", "1999"])
    check(rc == 2 and "outside the months" in err and "Traceback" not in err,
          f"--years outside: rc {rc}, {err!r}")
    single = os.path.join(work, "single.h5")
    rc, _, err = run([binary, "run", os.path.join(ROOT, "scenarios", "baseline.toml"), "--months",
                      "3", "--set", "simulation.population_scale=0.2", "-q", "-o", single])
    check(rc == 0, f"single run: {err}")
    rc, _, err = run([PYTHON, REPORT, ens, single, "-o", os.path.join(work, "bad")])
    check(rc == 2 and "alone" in err and "Traceback" not in err, f"ensemble + run: {err!r}")
    rc, _, err = run([PYTHON, REPORT, single, "-o", os.path.join(work, "bad"), "--years", "2025"])
    check(rc == 2 and "ensemble" in err and "Traceback" not in err, f"--years on a run: {err!r}")
    check("parameter point" not in open(os.path.join(out, "report.html"),
                                        encoding="utf-8").read(),
          "without a sweep the header names no parameter points")

    check_sweep(binary, work)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("report on an ensemble: all checks passed")
