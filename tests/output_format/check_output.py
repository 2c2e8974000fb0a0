#!/usr/bin/python3
"""Output-format test: the file a run writes opens in the readers users have (xarray, netCDF4,
h5py, ncdump) with named dimensions, labels, units and decoded time, and runs at 1, 2 and 3 threads
hold identical data in every variable.

usage: check_output.py MINESIM_BINARY WORK_DIR
"""
import os
import shutil
import subprocess
import sys

import h5py
import netCDF4
import numpy as np
import xarray as xr

CONTRACT_DIMS = {
    "sector": ["mine", "supplier", "asm", "local_economy", "farming_informal"],
    "gender": ["female", "male"],
    "skill": ["low", "semi", "high"],
    "age_group": ["0-14", "15-24", "25-64", "65+"],
    "instrument": ["royalty", "corporate_income_tax", "payroll_tax", "other"],
    "location": ["in_country", "abroad"],
    "category": ["catering_camp", "transport_logistics", "construction", "maintenance",
                 "consumables_fuel", "energy", "equipment_digital"],
    "origin": ["local", "national", "foreign"],
    "technology": ["autonomous_haulage", "automated_drilling", "remote_operations_centre",
                   "predictive_maintenance_ai", "battery_electric_fleet", "process_automation"],
}
GLOBAL_ATTRS = ["Conventions", "title", "source", "schema_version", "scenario", "scenario_file",
                "seed", "threads", "start_date", "population_scale", "history"]

SCENARIO = """
[simulation]
start = 2025-01-01
months = 30
spinup_months = 3
seed = 4
flush_months = 12

[communities.kora]
lat = 12.25
lon = -1.55
population = 6000

[communities."Bobo Sud"]
lat = 11.2
lon = -4.3
population = 3000

[mines.kora_gold]
community = "kora"
ore_tonnes_per_month = 80000
grade = 1.5
workforce = 200
incidents_per_million_hours = 2.0

[[mines.kora_gold.adopt]]
technology = "autonomous_haulage"
start = 2026-01-01
ramp_months = 12
"""

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run(binary, work, threads):
    out = os.path.join(work, f"t{threads}.h5")
    subprocess.run([binary, "run", "s.toml", "-o", out, "--threads", str(threads), "--quiet"],
                   cwd=work, check=True)
    return out


def main():
    binary, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "s.toml"), "w") as f:
        f.write(SCENARIO)
    files = {t: run(binary, work, t) for t in (1, 2, 3)}
    path = files[1]

    # xarray: named dimensions, labels, decoded time, units and long_name everywhere.
    ds = xr.open_dataset(path)
    check(np.issubdtype(ds.time.dtype, np.datetime64), "time decodes to datetime64")
    check(str(ds.time.values[0])[:10] == "2025-01-01", "first month is 2025-01-01")
    check(str(ds.time.values[13])[:10] == "2026-02-01", "month 14 is 2026-02-01")
    check(ds.sizes["time"] == 30, "30 months recorded")
    check(list(ds.community.values) == ["Bobo Sud", "kora"], "community labels (sorted by name)")
    check(list(ds.mine.values) == ["kora_gold"], "mine labels")
    for dim, labels in CONTRACT_DIMS.items():
        check(list(ds[dim].values) == labels, f"{dim} labels are the contract's")
    check(ds.employment.dims == ("time", "community", "sector", "gender", "skill"),
          "employment dims")
    check(str(ds.mine_community.sel(mine="kora_gold").values) == "kora", "mine_community")
    raw = xr.open_dataset(path, decode_times=False)
    for name, var in list(raw.data_vars.items()) + list(raw.coords.items()):
        check("long_name" in var.attrs, f"{name} has long_name")
        check("units" in var.attrs, f"{name} has units")
    raw.close()
    for a in GLOBAL_ATTRS:
        check(a in ds.attrs, f"global attribute {a}")
    check(ds.attrs["Conventions"] == "CF-1.8", "Conventions")
    check("[mines.kora_gold]" in ds.attrs["scenario"], "resolved scenario recorded")
    check(ds.government_revenue.attrs.get("price_base_year") == 2025, "price_base_year on money")

    # Values that must hold by construction.
    check(float(np.abs(ds.stock_flow_residual).max()) == 0.0, "stock_flow_residual is 0")
    pop = ds.population.sum(["gender", "age_group"])
    check(abs(float(pop.isel(time=0).sum()) - 9000) < 200, "population starts near the scenario's")
    flows = ds.births - ds.deaths + ds.migration_in - ds.migration_out
    check(bool((pop.diff("time") == flows.isel(time=slice(1, None))).all()),
          "population accounting identity per community")
    check(float(ds.poverty_rate.min()) >= 0 and float(ds.poverty_rate.max()) <= 1, "poverty in [0,1]")
    ah = ds.technology_adoption.sel(mine="kora_gold", technology="autonomous_haulage")
    check(float(ah.sel(time="2025-12-01")) == 0.0 and float(ah.isel(time=-1)) == 1.0,
          "adoption ramps from 0 to 1")
    check(float(ds.remote_employment.isel(time=-1).sum()) > 0, "remote roles after adoption")
    ds.close()

    # Thread counts: identical data in every variable (NaN where NaN).
    with h5py.File(files[1], "r") as a:
        names = [n for n in a if isinstance(a[n], h5py.Dataset)]
        check(len(names) >= 25, f"{len(names)} datasets")
        for t in (2, 3):
            with h5py.File(files[t], "r") as b:
                check(int(b.attrs["threads"]) == t, f"threads attribute {t}")
                for n in names:
                    x, y = a[n][()], b[n][()]
                    if x.dtype.kind == "f":
                        same = x.shape == y.shape and np.array_equal(x.view(np.uint64), y.view(np.uint64))
                    else:
                        same = x.shape == y.shape and np.array_equal(x, y)
                    check(same, f"{n}: 1 vs {t} threads")

    # netCDF4-python opens it for append (needs creation-order tracking).
    copy = os.path.join(work, "append.h5")
    shutil.copy(path, copy)
    with netCDF4.Dataset(copy, "a") as nc:
        check("employment" in nc.variables, "netCDF4 sees employment")
        check(nc.dimensions["time"].isunlimited(), "time is unlimited")
        nc.note = "appended"

    # ncdump -h lists variables with attributes.
    head = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True, check=True).stdout
    check("double employment(time, community, sector, gender, skill) ;" in head, "ncdump employment")
    check('time:units = "days since 2025-01-01 00:00:00" ;' in head, "ncdump time units")
    check("string community(community) ;" in head, "ncdump string labels")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("output format: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
