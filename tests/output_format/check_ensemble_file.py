#!/usr/bin/python3
"""Ensemble-file format test: a file built by io/ensemble_file.h from three tiny member runs (arms
"a" with seeds 1 and 2, "b" with seed 1 and an intervention) opens in xarray with both engines
(h5netcdf when installed), in ncdump and in R ncdf4 (each skipped with a message when absent;
`tools/setup.sh --tests` installs R and ncdf4, so CI runs the R check), with the member coordinates, each member's slice equal to its run file, and selecting an arm with
ds.where(ds.arm == "b", drop=True).

usage: check_ensemble_file.py MINESIM_BINARY MAKE_ENSEMBLE_BINARY WORK_DIR
"""
import importlib.util
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

SCENARIO = """
[simulation]
start = 2025-01-01
months = 14
spinup_months = 3
seed = 4

[communities.kora]
lat = 12.25
lon = -1.55
population = 3000

[communities."Bobo Sud"]
lat = 11.2
lon = -4.3
population = 1500

[mines.kora_gold]
community = "kora"
ore_tonnes_per_month = 80000
grade = 1.5
workforce = 120
incidents_per_million_hours = 2.0
"""
TRAINING = """
[interventions.train]
type = "skills_training"
start = 2025-06-01
capacity = 40
duration_months = 2
"""
PLAN = '[arms.a]\nscenario = "a.toml"\n[arms.b]\nscenario = "b.toml"\n'
MEMBERS = [("a/s1/p0", "a", 1), ("a/s2/p0", "a", 2), ("b/s1/p0", "b", 1)]
failures = []


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        failures.append(msg)


def make(minesim, make_ensemble, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for arm, text in (("a", SCENARIO), ("b", SCENARIO + TRAINING)):
        with open(os.path.join(work, arm + ".toml"), "w") as f:
            f.write(text)
    with open(os.path.join(work, "study.toml"), "w") as f:
        f.write(PLAN)
    specs, runs = [], []
    for name, arm, seed in MEMBERS:
        run = os.path.join(work, f"{arm}{seed}.h5")
        subprocess.run([minesim, "run", arm + ".toml", "-o", run, "--seed", str(seed), "--quiet"],
                       cwd=work, check=True)
        specs.append(f"{name},{arm},{seed},0,{run}")
        runs.append(run)
    out = os.path.join(work, "study.h5")
    subprocess.run([make_ensemble, out, os.path.join(work, "study.toml"), "a"] + specs,
                   check=True)
    return out, runs


def check_xarray(path, runs, engine):
    ds = xr.open_dataset(path, engine=engine)
    check(list(ds.member.values) == [m[0] for m in MEMBERS], f"{engine}: member coordinate")
    check(list(ds.arm.values) == ["a", "a", "b"], f"{engine}: arm(member)")
    check(ds.seed.dtype == np.int32 and list(ds.seed.values) == [1, 2, 1],
          f"{engine}: seed(member) int32")
    check(list(ds.completed.values) == [1, 1, 1], f"{engine}: completed")
    check(ds.employment.dims[:2] == ("member", "time") and ds.sizes["member"] == 3,
          f"{engine}: employment over (member, time, ...)")
    check(ds.attrs.get("baseline") == "a" and ds.attrs.get("plan") == PLAN,
          f"{engine}: plan and baseline attributes")
    check("seed" not in ds.attrs and "scenario" not in ds.attrs, f"{engine}: no per-run attributes")
    check(list(ds.intervention_name.values[:, 0]) == ["", "", "train"],
          f"{engine}: intervention_name padded with ''")
    for m, run in enumerate(runs):
        r = xr.open_dataset(run, engine=engine)
        same = all(np.array_equal(ds[v].isel(member=m).values, r[v].values, equal_nan=True)
                   for v in r.data_vars if "time" in r[v].dims and v != "time_bnds")
        check(same, f"{engine}: member {MEMBERS[m][0]} equals its run file")
        check(ds.scenario.values[m] == r.attrs["scenario"], f"{engine}: scenario({MEMBERS[m][0]})")
    b = ds.where(ds.arm == "b", drop=True)
    rb = xr.open_dataset(runs[2], engine=engine)
    check(list(b.member.values) == ["b/s1/p0"], f'{engine}: ds.where(ds.arm == "b", drop=True)')
    check(np.array_equal(b.employment.isel(member=0).values, rb.employment.values, equal_nan=True),
          f"{engine}: the selected arm's data")
    check(ds.time.dt.year.values[0] == 2025, f"{engine}: time decoded")


def check_ncdump(path):
    if not shutil.which("ncdump"):
        print("skip ncdump: not installed")
        return
    head = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True, check=True).stdout
    for line in ["member = 3 ;", "string member(member) ;", "string arm(member) ;",
                 "int seed(member) ;", "byte completed(member) ;",
                 "string intervention_name(member, intervention) ;",
                 "double employment(member, time, community, sector, gender, skill) ;"]:
        check(line in head, f"ncdump -h: {line}")


def check_r(path):
    if not shutil.which("Rscript"):
        print("skip R ncdf4: Rscript not installed")
        return
    probe = subprocess.run(["Rscript", "-e", "library(ncdf4)"], capture_output=True)
    if probe.returncode != 0:
        print("skip R ncdf4: the ncdf4 package is not installed")
        return
    script = (f'library(ncdf4); nc <- nc_open("{path}"); arm <- ncvar_get(nc, "arm"); '
              'e <- ncvar_get(nc, "employment"); '
              'cat(paste(ncvar_get(nc, "member"), collapse=" "), "\\n"); '
              'cat(length(dim(e)), sum(arm == "b"), "\\n"); nc_close(nc)')
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    check(out.returncode == 0 and "a/s1/p0 a/s2/p0 b/s1/p0" in out.stdout
          and "6 1" in out.stdout, f"R ncdf4: members and arms ({out.stdout.strip()})")


def main():
    minesim, make_ensemble, work = sys.argv[1:4]
    path, runs = make(minesim, make_ensemble, work)
    check_xarray(path, runs, "netcdf4")
    if importlib.util.find_spec("h5netcdf"):
        check_xarray(path, runs, "h5netcdf")
    else:
        print("skip xarray engine h5netcdf: not installed")
    with h5py.File(path, "r") as f:
        chunks = f["employment"].chunks
        check(chunks[0] == 1 and np.prod(chunks) * 8 <= 4 << 20, f"h5py: chunks {chunks}")
    check_ncdump(path)
    check_r(path)
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
