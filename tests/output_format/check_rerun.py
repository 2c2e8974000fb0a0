#!/usr/bin/python3
"""Re-running from an output, and the run file in xarray and R (issue 17):
- `minesim info --scenario FILE > s.toml` is a scenario file: running it with the file's seed
  gives every dataset bit for bit; `minesim run --from FILE` does the same in one step, and refuses
  (exit 2) what is not a run's output;
- xarray (netCDF4 engine) opens, subsets and saves a run with and without interventions, and
  `ds[[v]].to_dataframe()` works for every variable;
- R ncdf4 reads `seed`, `threads` and `schema_version` without a warning and exactly.

usage: check_rerun.py MINESIM_BINARY WORK_DIR
"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

from checks import check, datasets, failures, run, same

SCENARIO = """
[simulation]
start = 2025-01-01
months = 8
spinup_months = 2
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
workforce = 200
"""

INTERVENTION = """
[interventions.train]
type = "skills_training"
start = 2025-04-01
capacity = 40
duration_months = 2
"""

# Larger than any seed a 53-bit double or a 32-bit integer holds: R must still read it exactly.
BIG_SEED = 9007199254740993


def same_data(a, b, what):
    da, db = datasets(a), datasets(b)
    check(sorted(da) == sorted(db), f"{what}: the same datasets")
    differ = [k for k in da if k in db and not (
        da[k].dtype == db[k].dtype and same(da[k], db[k]))]
    check(not differ, f"{what}: every dataset bit for bit (differ: {differ})")
    print(f"{what}: {len(da)} datasets compared, {len(differ)} differ")


def check_rerun(binary, work, src):
    seed = 11
    status, _, err = run([binary, "run", src, "-q", "--seed", str(seed), "-o", "a.h5"])
    check(status == 0, f"first run: {err}")
    status, text, err = run([binary, "info", "--scenario", "a.h5"])
    check(status == 0, f"info --scenario: {err}")
    with h5py.File("a.h5", "r") as f:
        recorded = f.attrs["scenario"]
        recorded = recorded.decode() if isinstance(recorded, bytes) else recorded
    check(text == recorded, "info --scenario prints exactly the scenario attribute")
    with open("resolved.toml", "w") as f:
        f.write(text)
    status, _, err = run([binary, "run", "resolved.toml", "-q", "--seed", str(seed), "-o", "b.h5",
                          "--threads", "2"])
    check(status == 0, f"run of info --scenario's file: {err}")
    same_data("a.h5", "b.h5", "run info --scenario's file")
    status, _, err = run([binary, "run", "--from", "a.h5", "-q", "-o", "c.h5", "--threads", "3"])
    check(status == 0, f"run --from: {err}")
    same_data("a.h5", "c.h5", "run --from")
    status, _, err = run([binary, "run", "--from", "a.h5", "-q"])
    check(status == 0 and os.path.exists("output/a_rerun.h5"),
          f"run --from without -o writes output/a_rerun.h5: {err}")
    refusals = [["--from", src], ["--from", "missing.h5"], ["--from", "a.h5", "-o", "a.h5"],
                ["--from", "a.h5", src]]
    with h5py.File("foreign.h5", "w") as f:
        f["x"] = np.arange(3)
    refusals.append(["--from", "foreign.h5"])
    for args in refusals:
        status, _, err = run([binary, "run", "-q"] + args)
        check(status == 2 and err.strip(), f"run {' '.join(args)}: exit 2 with a message "
                                           f"(got {status}: {err.strip()})")


def check_xarray(path, what):
    ds = xr.open_dataset(path)  # the netCDF4 engine, xarray's default
    try:
        ds.to_netcdf(path + ".saved.nc")
        ds.isel(time=slice(0, 3)).to_netcdf(path + ".subset.nc")
        ds[["employment"]].sel(community="kora").to_netcdf(path + ".one.nc")
        back = xr.open_dataset(path + ".saved.nc")
        check(np.array_equal(back["employment"].values, ds["employment"].values, equal_nan=True),
              f"{what}: saved employment reads back")
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        check(False, f"{what}: xarray save failed: {e!r}")
    bad = []
    for v in ds.variables:
        try:
            ds[[v]].to_dataframe()
        except Exception as e:  # noqa: BLE001
            bad.append(f"{v}: {e!r}")
    check(not bad, f"{what}: ds[[v]].to_dataframe() for every variable ({bad[:3]})")
    print(f"{what}: xarray open, subset, save, {len(ds.variables)} per-variable frames")


def check_r(path):
    if shutil.which("Rscript") is None:
        check(False, "Rscript is not installed (apt install r-base-core r-cran-ncdf4)")
        return
    script = (f'library(ncdf4); nc <- nc_open("{path}"); '
              'for (a in c("seed", "threads", "schema_version")) '
              '{ v <- ncatt_get(nc, 0, a)$value; cat(a, format(v, scientific = FALSE), "\\n") }; '
              'print(ncatt_get(nc, 0, "seed")); nc_close(nc)')
    p = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    check(p.returncode == 0, f"R ncdf4: {p.stderr}")
    check("arning" not in p.stderr and "arning" not in p.stdout,
          f"R ncdf4 reads the attributes without a warning: {p.stderr.strip()}")
    check(f"seed {BIG_SEED}" in p.stdout, f"R reads the seed exactly: {p.stdout}")
    check("threads 2 " in p.stdout and "schema_version 4 " in p.stdout,
          f"R reads threads and schema_version: {p.stdout}")
    print("R ncdf4:", " ".join(p.stdout.split()[:6]))


def main():
    binary, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chdir(work)
    with open("s.toml", "w") as f:
        f.write(SCENARIO)
    with open("i.toml", "w") as f:
        f.write(SCENARIO + INTERVENTION)
    check_rerun(binary, work, "s.toml")
    check_rerun(binary, work, "i.toml")  # again, with an intervention
    for src, out in (("s.toml", "plain.h5"), ("i.toml", "policy.h5")):
        status, _, err = run([binary, "run", src, "-q", "-o", out, "--threads", "2",
                              "--seed", str(BIG_SEED)])
        check(status == 0, f"{src}: {err}")
    with h5py.File("policy.h5", "r") as f:
        check(f["intervention"].shape == (1,), "the intervention run records one intervention")
    check_xarray("plain.h5", "no interventions")
    check_xarray("policy.h5", "an intervention")
    check_r("plain.h5")
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
