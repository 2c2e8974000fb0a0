#!/usr/bin/python3
"""`minesim export FILE.h5 [--vars ...] -o DIR` (issue 17): tidy CSV for spreadsheet users.
- every time series of a small run is DIR/VARIABLE.csv; each file holds every cell, value for
  value against h5py (the text reads back as the same double; integral values have no point; NaN
  is an empty field), in the file's order, with the file's coordinate labels in the columns named
  after the dimensions, time as the ISO month of the file's time axis, and the variable's units;
- interventions.csv equals the intervention_* variables (with a multi-line TOML field);
- pandas.read_csv reads each file (empty fields as NaN), and DataFrame.to_excel writes it
  (python3-openpyxl) and pandas.read_excel gives the same values back;
- --vars selects (space- and comma-separated, `interventions` for the table), a misspelled name is
  exit 2 with a did-you-mean, a variable that is not a time series is exit 2;
- an existing non-empty DIR is refused (73) and untouched; --force replaces an earlier export but
  never a directory holding anything else; a file that is not a minesim output gets the exit
  status `info` gives it (74); an export that fails part way (an unreadable variable, 74) leaves
  nothing at DIR and no temporary beside it;
- SIGINT during an export: exit 130 and nothing at DIR, or (finished first) the whole export;
- an ensemble file: member, arm and seed columns, each completed member's values as in the file,
  members not completed left out (and said so on stderr).

usage: check_export.py MINESIM_BINARY WORK_DIR
"""
import csv
import datetime
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, failures, run  # noqa: E402
import make_ensemble  # noqa: E402

SCENARIO = """
[simulation]
start = 2025-11-01
months = 5
spinup_months = 1
seed = 4

[communities.kora]
lat = 12.25
lon = -1.55
population = 2000

[communities."Bobo, Sud"]
lat = 11.2
lon = -4.3
population = 1000

[mines.kora_gold]
community = "kora"
ore_tonnes_per_month = 80000
grade = 1.5
workforce = 150
"""

INTERVENTION = """
[interventions.train]
type = "skills_training"
start = 2026-01-01
capacity = 40
duration_months = 2
"""


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def dim_names(ds):
    return [ds.dims[i][0].name.lstrip("/") for i in range(ds.ndim)]


def series_names(f):
    at = 1 if "member" in f else 0  # an ensemble's series have a leading member axis
    return [n for n, d in f.items() if isinstance(d, h5py.Dataset) and d.ndim > at
            and n != "time_bnds" and d.dtype.kind == "f" and "CLASS" not in d.attrs  # no axis
            and dim_names(d)[at] == "time"]


def iso_months(f):
    """The ISO month of each time value, from the time axis's own units."""
    units = f["time"].attrs["units"]
    units = units.decode() if isinstance(units, bytes) else units
    origin = datetime.date.fromisoformat(re.match(r"days since (\d{4}-\d\d-\d\d)", units)[1])
    return [(origin + datetime.timedelta(days=int(np.floor(d)))).strftime("%Y-%m")
            for d in f["time"][:]]


def read_csv_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def value_text_ok(t, x):
    """The exported text of value x: empty for NaN, else it reads back as x exactly, and an
    integral value is written as an integer."""
    if np.isnan(x):
        return t == ""
    if t == "" or float(t) != x or np.signbit(float(t)) != np.signbit(x):
        return False
    return not (x == int(x) and abs(x) < 1e15) or re.fullmatch(r"-?\d+", t) is not None


def check_series(f, name, path, members=None):
    """members: None for a run file, else [(index, name, arm, seed)] of the members exported."""
    ds = f[name]
    dims = dim_names(ds)[1 if members is not None else 0:]
    lead = ["member", "arm", "seed"] if members is not None else []
    header, rows = read_csv_rows(path)
    check(header == lead + dims + ["value", "units"], f"{name}: header {header}")
    labels = [iso_months(f)] + [text(f[d][:]) for d in dims[1:]]
    units = ds.attrs.get("units", b"")
    units = units.decode() if isinstance(units, bytes) else units
    arrays = [(None, ds[()])] if members is None else [(m, ds[m[0]]) for m in members]
    want_rows = sum(a.size for _, a in arrays)
    check(len(rows) == want_rows, f"{name}: {len(rows)} rows, {want_rows} cells")
    bad, k = [], 0
    for m, a in arrays:
        for idx in np.ndindex(a.shape):
            if k >= len(rows):
                break
            row = rows[k]
            k += 1
            want = ([m[1], m[2], str(m[3])] if m else []) + \
                [labels[d][i] for d, i in enumerate(idx)]
            x = a[idx]
            if row[:-2] != want or row[-1] != units or not value_text_ok(row[-2], x):
                bad.append((row, want, x))
    check(not bad, f"{name}: every cell, label and unit as in the file (first bad: {bad[:2]})")
    return want_rows


def check_pandas(path, values, name, excel_dir):
    # pandas' default float parser may be a few units in the last place off (1.03e-15 relative
    # seen); float_precision="round_trip" reads the text exactly.
    default = pd.read_csv(path)["value"].to_numpy(dtype=float)
    check(len(default) == values.size and np.allclose(default, values.reshape(-1), rtol=4e-15,
                                                      atol=0, equal_nan=True),
          f"{name}: pandas.read_csv gives every value (NaN where missing), to 4e-15")
    df = pd.read_csv(path, float_precision="round_trip")
    check(len(df) == values.size and np.array_equal(df["value"].to_numpy(dtype=float),
                                                    values.reshape(-1), equal_nan=True),
          f"{name}: pandas.read_csv(float_precision='round_trip') gives every value exactly")
    check(df["time"].astype(str).str.fullmatch(r"\d{4}-\d{2}").all(), f"{name}: ISO months")
    xlsx = os.path.join(excel_dir, name + ".xlsx")
    df.to_excel(xlsx, index=False)
    # openpyxl writes a number with 16 significant digits ("%.16g"): 5e-16 relative at most.
    back = pd.read_excel(xlsx)
    check(np.allclose(back["value"].to_numpy(dtype=float), values.reshape(-1), rtol=5e-16, atol=0,
                      equal_nan=True) and list(back.columns) == list(df.columns),
          f"{name}: to_excel then read_excel gives the same values (to 16 digits)")


def check_interventions(f, path, member_rows=None):
    header, rows = read_csv_rows(path)
    lead = ["member", "arm", "seed"] if member_rows is not None else []
    check(header == lead + ["intervention", "type", "start", "end", "parameters"],
          f"interventions.csv header {header}")
    if member_rows is not None:
        check(rows == member_rows, f"ensemble interventions.csv rows: {rows} != {member_rows}")
        return
    want = [list(r) for r in zip(text(f["intervention"][:]),
                                 *[text(f["intervention_" + c][:])
                                   for c in ("type", "start", "end", "parameters")])]
    check(rows == want, f"interventions.csv rows equal the file's: {rows} != {want}")
    check(any("\n" in r[-1] for r in rows), "the parameters field holds the TOML, lines and all")


def nothing_at(out, what):
    check(not os.path.exists(out), f"{what}: nothing at {out}")
    left = glob.glob(out + ".partial-*") + glob.glob(out + ".old*")
    check(not left, f"{what}: no temporary beside it ({left})")


def check_run_export(exe, work, h5):
    out = os.path.join(work, "all")
    rc, so, se = run([exe, "export", h5, "-o", out])
    check(rc == 0, f"export: exit 0 ({rc}: {se})")
    excel = os.path.join(work, "excel")
    os.makedirs(excel, exist_ok=True)
    with h5py.File(h5, "r") as f:
        names = series_names(f)
        check(len(names) > 30, f"the run has its time series ({len(names)})")
        files = sorted(os.listdir(out))
        check(files == sorted([n + ".csv" for n in names] + ["interventions.csv"]),
              f"one file per time series and interventions.csv ({files})")
        cells = sum(check_series(f, n, os.path.join(out, n + ".csv")) for n in names)
        for n in names:
            check_pandas(os.path.join(out, n + ".csv"), f[n][()], n, excel)
        check_interventions(f, os.path.join(out, "interventions.csv"))
        check("employment" in names and "Bobo, Sud" in text(f["community"][:]),
              "the labels tried include a community name with a comma")
        check(np.isnan(f["incidents"][()]).any(), "some values tried are NaN")
    check(f"({cells + 1} rows)" in so, f"the summary counts every row: {so}")


def check_vars_and_refusals(exe, work, h5):
    two = os.path.join(work, "two")
    rc, _, se = run([exe, "export", h5, "--vars", "population", "births", "-o", two])
    check(rc == 0 and sorted(os.listdir(two)) == ["births.csv", "population.csv"],
          f"--vars population births: those two files ({rc}: {se})")
    comma = os.path.join(work, "comma")
    rc, _, se = run([exe, "export", h5, "--vars", "population,interventions", "-o", comma])
    check(rc == 0 and sorted(os.listdir(comma)) == ["interventions.csv", "population.csv"],
          f"--vars population,interventions: those two files ({rc}: {se})")
    bad = os.path.join(work, "bad")
    rc, _, se = run([exe, "export", h5, "--vars", "populaton", "-o", bad])
    check(rc == 2 and "did you mean 'population'" in se, f"misspelled --vars: exit 2 ({rc}: {se})")
    nothing_at(bad, "misspelled --vars")
    rc, _, se = run([exe, "export", h5, "--vars", "community_lat", "-o", bad])
    check(rc == 2 and "not a time series" in se, f"a variable without time: exit 2 ({rc}: {se})")
    nothing_at(bad, "a variable without time")
    # An existing export: refused, untouched; --force replaces it; never a foreign directory.
    before = open(os.path.join(two, "births.csv")).read()
    rc, _, se = run([exe, "export", h5, "--vars", "deaths", "-o", two])
    check(rc == 73 and "not empty" in se and sorted(os.listdir(two)) ==
          ["births.csv", "population.csv"] and open(os.path.join(two, "births.csv")).read() ==
          before, f"an existing non-empty DIR: exit 73, untouched ({rc}: {se})")
    rc, _, se = run([exe, "export", h5, "--vars", "deaths", "-o", two, "--force"])
    check(rc == 0 and os.listdir(two) == ["deaths.csv"], f"--force replaces an export ({rc}: {se})")
    check(not glob.glob(two + ".partial-*"), "--force: no temporary left beside DIR")
    mine = os.path.join(work, "mine")
    os.makedirs(mine)
    open(os.path.join(mine, "notes.txt"), "w").write("keep")
    rc, _, se = run([exe, "export", h5, "-o", mine, "--force"])
    check(rc == 73 and os.listdir(mine) == ["notes.txt"],
          f"--force on a directory with other files: exit 73, untouched ({rc}: {se})")
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    rc, _, se = run([exe, "export", h5, "--vars", "births", "-o", empty])
    check(rc == 0 and os.listdir(empty) == ["births.csv"], f"an empty DIR is used ({rc}: {se})")


def check_bad_files(exe, work, h5):
    scen = os.path.join(work, "s.toml")
    foreign = os.path.join(work, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = np.arange(3.0)
    for path in (scen, foreign):
        irc, _, _ = run([exe, "info", path])
        out = os.path.join(work, "notours")
        rc, _, se = run([exe, "export", path, "-o", out])
        check(rc == irc == 74, f"{path}: export exits as info does (74): {rc}, info {irc}: {se}")
        nothing_at(out, f"{path}")
    # The last time series the export writes made unreadable (a deflated chunk of garbage bytes,
    # which inflate refuses): the export fails part way, after writing the others.
    damaged = os.path.join(work, "damaged.h5")
    shutil.copy(h5, damaged)
    with h5py.File(damaged, "a") as f:
        last = "local_economy_output"  # the last of the registry's order
        data, attrs = f[last][()], dict(f[last].attrs)
        dims = [f[n] for n in dim_names(f[last])]
        del f[last]
        ds = f.create_dataset(last, data=data, compression="gzip", chunks=data.shape)
        for k, v in attrs.items():
            if k not in make_ensemble.SCALE_ATTRS:
                ds.attrs[k] = v
        for i, d in enumerate(dims):
            ds.dims[i].attach_scale(d)
        ds.id.write_direct_chunk((0,) * data.ndim, b"not deflated data" * 8)
    rc, _, se = run([exe, "info", damaged])
    check(rc == 0, f"the damaged file still opens: its damage is in the data ({rc}: {se})")
    out = os.path.join(work, "failed")
    rc, _, se = run([exe, "export", damaged, "-o", out])
    check(rc == 74, f"an unreadable variable part way: exit 74 ({rc}: {se})")
    nothing_at(out, "a failed export")


def check_interrupt(exe, work, scen):
    """SIGINT at several moments of an export of a 240-month run: either the whole export is at
    DIR (it finished first) or, exit 130, nothing is, and never a temporary beside it."""
    long = os.path.join(work, "long.h5")
    rc, _, se = run([exe, "run", scen, "--months", "240", "-o", long, "--quiet"])
    check(rc == 0, f"the long run ({rc}: {se})")
    rc, _, _ = run([exe, "export", long, "-o", os.path.join(work, "long_whole")])
    whole = sorted(os.listdir(os.path.join(work, "long_whole")))
    interrupted = 0
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.5):
        out = os.path.join(work, f"long_{delay}")
        p = subprocess.Popen([exe, "export", long, "-o", out], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        p.send_signal(signal.SIGINT)
        _, se = p.communicate()
        if p.returncode == 130:
            interrupted += 1
            check("nothing written" in se, f"SIGINT after {delay} s: says so ({se})")
            nothing_at(out, f"SIGINT after {delay} s")
        elif p.returncode == -signal.SIGINT:
            # Killed before its handlers were installed (a slow start: the sanitizer build's
            # runtime set-up takes longer than the shortest delay): nothing may be written yet.
            nothing_at(out, f"SIGINT after {delay} s, before the handlers")
        else:
            check(p.returncode == 0 and sorted(os.listdir(out)) == whole,
                  f"SIGINT after {delay} s: exit {p.returncode}, the whole export or nothing")
            check(not glob.glob(out + ".partial-*"), f"SIGINT after {delay} s: no temporary")
    print(f"export: {interrupted} of 6 exports interrupted by SIGINT")


def check_ensemble(exe, work, base, train):
    ens = os.path.join(work, "ens.h5")
    members = [("base", 4, 0, base), ("train", 4, 0, train), ("train", 5, 0, train)]
    make_ensemble.build(ens, members, baseline="base", incomplete=["train/s5/p0"])
    out = os.path.join(work, "ens_csv")
    rc, _, se = run([exe, "export", ens, "-o", out])
    check(rc == 0 and "1 of 3 members not completed" in se, f"ensemble export ({rc}: {se})")
    exported = [(0, "base/s4/p0", "base", 4), (1, "train/s4/p0", "train", 4)]
    with h5py.File(ens, "r") as f:
        for n in series_names(f):
            check_series(f, n, os.path.join(out, n + ".csv"), exported)
        params = text(f["intervention_parameters"][1])[0]
    check_interventions(None, os.path.join(out, "interventions.csv"), [
        ["train/s4/p0", "train", "4", "train", "skills_training", "2026-01-01", "", params]])


def main():
    exe, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    runs = {}
    for name, text_ in (("base", SCENARIO), ("train", SCENARIO + INTERVENTION)):
        scen = os.path.join(work, name + ".toml" if name == "base" else "s.toml")
        open(scen, "w").write(text_)
        runs[name] = os.path.join(work, name + ".h5")
        rc, _, se = run([exe, "run", scen, "-o", runs[name], "--quiet"])
        if rc != 0:
            print(f"FAIL: run {name}: {rc} {se}")
            return 1
    check_run_export(exe, work, runs["train"])
    check_vars_and_refusals(exe, work, runs["train"])
    check_bad_files(exe, work, runs["train"])
    check_interrupt(exe, work, os.path.join(work, "s.toml"))
    check_ensemble(exe, work, runs["base"], runs["train"])
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("export: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
