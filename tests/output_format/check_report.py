#!/usr/bin/python3
"""Report tool test: tools/report.py turns tiny runs into PNG figures and one self-contained HTML
page (plotly.js inline, no http(s) reference) that marks interventions, with one page of small
multiples per community that plots that community's data.

Two tiny runs (plain, and with economy.royalty_rate = 0.08) plus one run with an intervention:
from a scenario when minesim writes the `intervention` variables and accepts the scenario block,
otherwise a copy of the plain run with the intervention variables added by h5py, so the marker
code is exercised either way.

usage: check_report.py MINESIM_BINARY WORK_DIR
"""
import csv
import datetime
import glob
import importlib.util
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.normpath(os.path.join(HERE, "..", "..", "tools", "report.py"))
PYTHON = "/usr/bin/python3"

# tests/support.cpp tiny_scenario(3000, 24, "2025-07-01")
POPULATION, MONTHS = 3000, 24
SCENARIO = f"""[simulation]
start = 2025-01-01
months = {MONTHS}
spinup_months = 6
seed = 11

[communities.host]
lat = 12.0
lon = -1.5
population = {POPULATION}
suppliers = {{ catering_camp = 3, transport_logistics = 2, maintenance = 1 }}
supplier_capability = {{ catering_camp = 0.6, transport_logistics = 0.6, maintenance = 0.7 }}

[communities.village]
lat = 12.1
lon = -1.4
population = {POPULATION // 2}

[mines.alpha]
community = "host"
ore_tonnes_per_month = 100000
grade = 1.2
workforce = {POPULATION // 25}
incidents_per_million_hours = 3.0

[[mines.alpha.adopt]]
technology = "autonomous_haulage"
start = 2025-07-01
ramp_months = 6
"""

# Used only once minesim writes intervention variables ([interventions.NAME] tables). If
# minesim rejects the block or writes no intervention, the h5py copy is used instead.
INTERVENTION_BLOCK = """
[interventions.test_policy]
type = "tax_reform"
start = 2025-06-01
royalty_rate = 0.08
"""

INTERVENTION = {"name": "test_policy", "type": "tax_reform", "start": "2025-06-01", "end": ""}
INTERVENTION_VARS = ["intervention_type", "intervention_start", "intervention_end",
                     "intervention_parameters"]

failures = []


def check(cond, msg):
    if cond:
        print("ok:", msg)
    else:
        failures.append(msg)
        print("FAIL:", msg)


def run_minesim(binary, work, scenario, out, *extra):
    cmd = [binary, "run", scenario, "-o", out, "--quiet", *extra]
    p = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if p.returncode != 0:
        print(f"minesim exited {p.returncode}: {' '.join(cmd)}\n{p.stderr}")
    return p.returncode


def count_interventions(path):
    with h5py.File(path, "r") as f:
        return f["intervention_type"].shape[0] if "intervention_type" in f else 0


def add_intervention_copy(src, dst):
    """Copy of a run with one intervention written the way the output contract describes."""
    shutil.copy(src, dst)
    st = h5py.string_dtype("utf-8")
    with h5py.File(dst, "a") as f:
        for name in INTERVENTION_VARS + ["intervention"]:
            if name in f:
                del f[name]
        dim = f.create_dataset("intervention", data=[INTERVENTION["name"]], dtype=st,
                               maxshape=(None,))
        dim.attrs["units"] = "1"
        dim.attrs["long_name"] = "policy intervention"
        dim.make_scale("intervention")
        for name, key in (("intervention_type", "type"), ("intervention_start", "start"),
                          ("intervention_end", "end")):
            v = f.create_dataset(name, data=[INTERVENTION[key]], dtype=st)
            v.dims[0].attach_scale(dim)
        v = f.create_dataset("intervention_parameters",
                             data=['rate = 0.08\ninfo = "see https://example.org/x"'], dtype=st)
        v.dims[0].attach_scale(dim)


def rows_dates(rows):
    """The distinct dates of tidy CSV rows, in order."""
    out = []
    for r in rows:
        if r["date"] not in out:
            out.append(r["date"])
    return out


def labels(f, dim):
    return [x.decode() if isinstance(x, bytes) else x for x in f[dim][()]]


def community_series(path, community):
    """The series a community page should plot, straight from the file: population, mine jobs
    and the poverty rate (in %) of that community."""
    with h5py.File(path, "r") as f:
        c = labels(f, "community").index(community)
        mine = labels(f, "sector").index("mine")
        return {"population": np.asarray(f["population"][:, c], dtype=float).sum(axis=(1, 2)),
                "mine jobs": np.asarray(f["employment"][:, c, mine], dtype=float).sum(axis=(1, 2)),
                "poverty rate": 100.0 * np.asarray(f["poverty_rate"][:, c], dtype=float)}


def check_community_pages(binary, work, plain, royalty, out, csv_dir, pngs):
    """One small-multiple page per community (PNG, report.html section, CSV) plotting that
    community's data; none for a single community; --communities selects pages."""
    with h5py.File(plain, "r") as f:
        communities = labels(f, "community")
    check(communities == ["host", "village"], f"the tiny world's communities {communities}")
    for c in communities:
        check(f"community_{c}.png" in pngs, f"community page community_{c}.png written")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        text = f.read()
    check(text.count('id="communities"') == 1 and all(
        f'id="fig-community_{c}"' in text for c in communities),
        "report.html has a Communities section with one page per community")
    for c in communities:
        path = os.path.join(csv_dir, f"community_{c}.csv")
        rows = list(csv.DictReader(open(path, newline=""))) if os.path.isfile(path) else []
        want = community_series(plain, c)
        for panel, series in want.items():
            got = [float(r["value"]) for r in rows if r["run"] == "plain" and r["label"] == panel]
            check(len(got) == len(series) and np.allclose(got, series, rtol=1e-12, atol=0),
                  f"community_{c}.csv {panel!r} equals the file's community {c} "
                  f"({len(got)} of {len(series)} months)")
        variables = {r["variable"] for r in rows if r["label"] == "mine jobs"}
        check(variables == {f"employment (community {c}, sector mine)"},
              f"community_{c}.csv names its variable ({variables})")
    host, village = community_series(plain, "host"), community_series(plain, "village")
    check(not np.array_equal(host["population"], village["population"]),
          "the two communities' populations differ (so each page shows its own)")

    only = os.path.join(work, "report_village")
    p = report([plain, royalty], only, "--communities", "village")
    got = sorted(os.path.basename(x) for x in glob.glob(os.path.join(only, "community_*.png")))
    check(p.returncode == 0 and got == ["community_village.png"],
          f"--communities village draws that page only ({p.returncode}, {got})")
    p = report([plain], os.path.join(work, "report_bad"), "--communities", "nowhere")
    check(p.returncode == 2 and "no community named nowhere" in p.stderr,
          f"--communities with an unknown name: exit 2 ({p.returncode}: {p.stderr.strip()})")

    with open(os.path.join(work, "one.toml"), "w") as f:
        f.write(SCENARIO[:SCENARIO.index("[communities.village]")]
                + SCENARIO[SCENARIO.index("[mines.alpha]"):])
    one = os.path.join(work, "one.h5")
    check(run_minesim(binary, work, "one.toml", one) == 0, "single-community run")
    single = os.path.join(work, "report_one")
    p = report([one], single)
    check(p.returncode == 0 and not glob.glob(os.path.join(single, "community_*"))
          and os.path.isfile(os.path.join(single, "population.png")),
          f"a single community gets no community page ({p.returncode}: {p.stderr.strip()})")


def report(runs, out, *extra):
    return subprocess.run([PYTHON, REPORT, *runs, "-o", out, *extra], capture_output=True,
                          text=True)


def main():
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "tiny.toml"), "w") as f:
        f.write(SCENARIO)

    plain, royalty = os.path.join(work, "plain.h5"), os.path.join(work, "royalty.h5")
    check(run_minesim(binary, work, "tiny.toml", plain) == 0, "plain run")
    check(run_minesim(binary, work, "tiny.toml", royalty, "--set", "economy.royalty_rate=0.08")
          == 0, "royalty run")
    if failures:
        return 1

    with h5py.File(plain, "r") as f:
        writes_interventions = "intervention_type" in f
    policy = os.path.join(work, "policy.h5")
    made_by_minesim = False
    if writes_interventions:
        with open(os.path.join(work, "policy.toml"), "w") as f:
            f.write(SCENARIO + INTERVENTION_BLOCK)
        if run_minesim(binary, work, "policy.toml", policy) == 0 and count_interventions(policy):
            made_by_minesim = True
        else:
            print("note: minesim did not record the [interventions.test_policy] block; "
                  "using an h5py copy")
    if not made_by_minesim:
        add_intervention_copy(plain, policy)
    print(f"intervention run made by {'minesim' if made_by_minesim else 'h5py'}")
    n_interventions = count_interventions(policy)
    check(n_interventions >= 1, f"policy run has {n_interventions} intervention(s)")

    out = os.path.join(work, "report")
    csv_dir = os.path.join(work, "report_csv")
    p = report([plain, royalty, policy], out, "--title", "report tool test", "--csv", csv_dir)
    print(p.stdout, p.stderr, sep="")
    check(p.returncode == 0, f"report.py exit status 0 (got {p.returncode})")

    pngs = sorted(glob.glob(os.path.join(out, "*.png")))
    names = {os.path.basename(x) for x in pngs}
    check(len(pngs) >= 10, f"{len(pngs)} PNG figures")
    for expected in ("mine_jobs_by_skill.png", "employment_by_sector.png", "unemployed.png",
                     "poverty_rate.png", "government_revenue.png", "technology_adoption.png",
                     "population.png"):
        check(expected in names, f"{expected} written")
    for x in pngs:
        with open(x, "rb") as f:
            sig = f.read(8)
        check(sig == b"\x89PNG\r\n\x1a\n" and os.path.getsize(x) > 10_000,
              f"{os.path.basename(x)} is a PNG of {os.path.getsize(x)} bytes")

    html_path = os.path.join(out, "report.html")
    check(os.path.isfile(html_path), "report.html written")
    if os.path.isfile(html_path):
        size = os.path.getsize(html_path)
        check(size > 1_000_000, f"report.html is {size} bytes (plotly.js inline)")
        with open(html_path, encoding="utf-8") as f:
            text = f.read()
        check("http://" not in text, 'report.html holds no "http://"')
        check("https://" not in text, 'report.html holds no "https://"')
        check("<script src" not in text.lower(), "no external script")
        check("plotly.js v" in text and "Plotly.newPlot" in text, "plotly.js embedded")
        markers = text.count('class="intervention-marker"')
        check(markers >= n_interventions,
              f"{markers} intervention-marker element(s) for {n_interventions} intervention(s)")
        check("test_policy (tax_reform)" in text, "intervention labelled NAME (type)")
        for stem in ("plain", "royalty", "policy"):
            check(f">{stem}<" in text, f"run {stem} labelled by its file stem")
        check("report tool test" in text, "--title used")
        check(text.count('class="plotly-graph-div"') == len(pngs),
              "one interactive chart per PNG")

    # --csv: one tidy file per figure, one row per run, panel and month, values as in the file.
    csvs = sorted(glob.glob(os.path.join(csv_dir, "*.csv")))
    check(len(csvs) == len(pngs), f"--csv wrote {len(csvs)} file(s), one per figure ({len(pngs)})")
    co2 = os.path.join(csv_dir, "co2_emissions.csv")
    check(os.path.isfile(co2) and "co2_emissions.png" in names, "CO2 figure and CSV written")
    check("layoffs_redeployment.png" in names, "layoffs and redeployment figure written")
    if os.path.isfile(co2):
        with open(co2, newline="") as f:
            rows = list(csv.DictReader(f))
        check(rows and list(rows[0]) == ["run", "figure", "variable", "label", "title", "date",
                                        "value", "unit"], "tidy CSV columns")
        with h5py.File(plain, "r") as f:
            mines = [x.decode() if isinstance(x, bytes) else x for x in f["mine"][()]]
            data = np.asarray(f["co2_emissions"][()], dtype=float)
        got = {(r["run"], r["label"], r["date"]): r["value"] for r in rows}
        n_eq = n_all = 0
        for m, mine in enumerate(mines):
            for t in range(data.shape[0]):
                n_all += 1
                v = got.get(("plain", mine, rows_dates(rows)[t]))
                n_eq += v is not None and float(v) == data[t, m]
        check(n_all > 0 and n_eq == n_all,
              f"co2_emissions.csv equals the HDF5 variable ({n_eq} of {n_all} values)")
        check(len(rows) == 3 * len(mines) * data.shape[0], f"{len(rows)} CSV rows: 3 runs x "
              f"{len(mines)} mine(s) x {data.shape[0]} months")

    # All-zero panels are dropped: in the tiny world only autonomous haulage is adopted.
    tech = os.path.join(csv_dir, "technology_adoption.csv")
    if os.path.isfile(tech):
        with open(tech, newline="") as f:
            labels = {r["label"] for r in csv.DictReader(f)}
        check(labels == {"autonomous_haulage"},
              f"technology panels zero in every run dropped (left: {sorted(labels)})")
    if os.path.isfile(html_path):
        check("Not drawn, zero in every run: " in text, "dropped panels named in report.html")
        check("Autonomous haulage" in text and "autonomous_haulage<" not in text,
              "readable panel titles")
        strips = text.count('data-intervention-strip="yes"')
        check(strips == len(pngs), f"intervention strip above {strips} of {len(pngs)} charts")

    check_community_pages(binary, work, plain, royalty, out, csv_dir, names)

    # Seven runs: seven distinct colours (and distinct however many runs).
    seven = []
    for k in range(7):
        seven.append(os.path.join(work, f"run{k}.h5"))
        shutil.copy(plain if k % 2 else royalty, seven[-1])
    out7 = os.path.join(work, "report7")
    p = report(seven, out7)
    check(p.returncode == 0, f"report of 7 runs: exit status 0 (got {p.returncode}: {p.stderr})")

    # Bad input: exit status 2 and a message, for a missing file and a file that is not HDF5.
    bogus = os.path.join(work, "not_hdf5.h5")
    with open(bogus, "w") as f:
        f.write("not an HDF5 file\n")
    for bad, what in ((os.path.join(work, "missing.h5"), "missing file"), (bogus, "not HDF5")):
        p = report([plain, bad], os.path.join(work, "bad"))
        check(p.returncode == 2 and "error" in p.stderr and "Traceback" not in p.stderr,
              f"{what}: exit status 2 with a message (got {p.returncode}: {p.stderr.strip()})")

    # Interventions starting in the same month share one line and one label.
    spec = importlib.util.spec_from_file_location("report", REPORT)
    rep = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rep)
    jan, jul = datetime.date(2025, 1, 1), datetime.date(2025, 7, 1)
    ivs = [dict(label=f"p{k} (tax_reform)", color=f"#00000{k}", start_date=jan, end_date=None)
           for k in range(4)]
    ivs.append(dict(label="q (skills_training)", color="#123456", start_date=jul, end_date=None))
    ivs.append(dict(label="p0 (tax_reform)", color="#000000", start_date=jan, end_date=None))
    if os.path.isfile(os.path.join(out7, "report.html")):
        with open(os.path.join(out7, "report.html"), encoding="utf-8") as f:
            text7 = f.read()
        used = []
        for k in range(7):
            i = text7.index(f">run{k}</span>")
            used.append(text7[text7.rindex("color:", 0, i) + 6:i].split(";")[0])
        check(len(set(used)) == 7, f"7 runs get 7 distinct colours ({used})")
    for n in (5, 7, 12, 30):
        check(len(set(rep.run_colors(n))) == n, f"run_colors({n}) gives {n} distinct colours")

    # The strip: intervention labels above the panels (their own axes, higher than any panel),
    # each with its run.
    d0 = np.datetime64("2025-01-01")
    dates = np.array([d0 + np.timedelta64(30 * k, "D") for k in range(24)]).astype("datetime64[D]")
    panels = {"a": None, "b": None, "c": None}
    per_run = {"r1": {p: (dates, np.arange(24.0)) for p in panels},
               "r2": {p: (dates, np.arange(24.0) * 2) for p in panels}}
    ivs1 = [dict(name="pol", type="tax_reform", label="pol (tax_reform)", color="#222222",
                 start_date=np.datetime64("2025-06-01"), end_date=None, runs=["r2"])]
    fig = rep.plotly_figure("t", "persons", panels, per_run, {"r1": "#1f77b4", "r2": "#d62728"},
                            ivs1, (dates[0], dates[-1]))
    strip = [a for a in fig.layout.annotations if a.name == "intervention-strip"]
    check(len(strip) == 3 and all("pol (tax_reform) · r2" == a.text for a in strip),
          "the strip labels the marker with its run, over each column")
    lay = fig.layout.to_plotly_json()
    panel_top = max(lay[f"yaxis{k}"]["domain"][1] for k in range(4, 7))
    strip_bottom = min(lay[k]["domain"][0] for k in ("yaxis", "yaxis2", "yaxis3"))
    check(all(a.yref in ("y", "y2", "y3") for a in strip) and strip_bottom > panel_top,
          f"the strip lies above the panels ({strip_bottom:.3f} > {panel_top:.3f})")

    lines = rep.intervention_lines(ivs, datetime.date(2024, 1, 1), datetime.date(2026, 1, 1))
    check(lines == [(jan, "p0, p1 +2 more", rep.GROUP_COLOR, False),
                    (jul, "q (skills_training)", "#123456", False)],
          f"same-month interventions share one labelled line (got {lines})")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("report tool: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
