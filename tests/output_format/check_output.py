#!/usr/bin/python3
"""Output-format test: the file a run writes opens in the readers users have (xarray, netCDF4,
h5py, ncdump, NCO, CDO) with named dimensions, labels, units and decoded time, carries the CF
metadata docs/output.md documents (cell_methods of every time series as its table says,
`coordinates` linking community_lat/community_lon), and runs at 1, 2 and 3 threads hold identical
data in every variable. NCO and CDO are checked where installed (tools/setup.sh --tests installs
them); without them the script says so and skips only those checks.

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

DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "output.md")
CELL_METHODS = {"sum": "time: sum", "mean": "time: mean",
                "point": "time: point (at the end of the month, the upper bound of time_bnds)"}
COORDS = "community_lat community_lon"

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


def documented_cell_methods():
    """docs/output.md's time series table: variable -> its `time (cell_methods)` column."""
    rows, inside = {}, False
    with open(DOCS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## Time series"
            elif inside and line.startswith("| `"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                rows[cells[0].strip("`")] = cells[3]
    return rows


def check_cf(path):
    """cell_methods as documented on every time series, a time axis stamped at month starts, and
    `coordinates` on the series over community alone (attached by xarray to every community one)."""
    docs = documented_cell_methods()
    with netCDF4.Dataset(path) as nc:
        series = [n for n, v in nc.variables.items()
                  if v.dimensions[:1] == ("time",) and n not in ("time", "time_bnds")]
        check(sorted(series) == sorted(docs), "every time series has a row in docs/output.md")
        for n in series:
            kind = docs.get(n)
            check(kind in CELL_METHODS, f"{n}: documented as sum, mean or point ({kind})")
            got = getattr(nc[n], "cell_methods", None)
            check(got == CELL_METHODS.get(kind), f"{n}: cell_methods {got!r} is {kind}")
            want = COORDS if nc[n].dimensions[-1] == "community" else None
            got = getattr(nc[n], "coordinates", None)
            check(got == want, f"{n}: coordinates {got!r}, expected {want!r}")
        t, b = nc["time"][:], nc["time_bnds"][:]
        check(np.array_equal(t, b[:, 0]) and np.array_equal(b[:-1, 1], t[1:]),
              "time is the month start (lower bound); the upper bound is the next month's start")
        check(nc["time"].bounds == "time_bnds", "time:bounds")
    with xr.open_dataset(path) as ds:
        for n in ("employment", "births", "supplier_count"):
            check({"community_lat", "community_lon"} <= set(ds[n].coords),
                  f"xarray attaches community_lat/lon to {n}")
        lon = ds.births.coords.get("community_lon")
        check(lon is not None and list(lon.values) == [-4.3, -1.55], "community_lon by community")


def check_nco(path, work):
    """ncks subsets a netCDF-4 file (-4: write netCDF-4, whatever the default) by index along a
    label axis; ncdump reads the subset; ncra keeps and extends cell_methods."""
    if shutil.which("ncks") is None or shutil.which("ncra") is None:
        print("SKIP: NCO checks: ncks/ncra not installed (apt-get install nco, tools/setup.sh --tests)")
        return
    sub, avg = os.path.join(work, "sub.nc"), os.path.join(work, "year.nc")
    subprocess.run(["ncks", "-4", "-O", "-v", "births,population", "-d", "community,1",
                    "-d", "time,0,11", path, sub], check=True)
    with netCDF4.Dataset(sub) as s, netCDF4.Dataset(path) as f:
        check(s.data_model == "NETCDF4", f"ncks -4 writes netCDF-4 ({s.data_model})")
        check(list(s["community"][:]) == ["kora"], "ncks -d community,1 selects kora (by index)")
        check(np.array_equal(np.asarray(s["births"][:]), np.asarray(f["births"][0:12, 1:2])),
              "ncks subset: births of kora, first 12 months")
        check(getattr(s["births"], "cell_methods", None) == "time: sum", "ncks keeps cell_methods")
    dump = subprocess.run(["ncdump", "-v", "community", sub], capture_output=True, text=True)
    check(dump.returncode == 0 and 'community = "kora" ;' in dump.stdout, "ncdump of the subset")
    check('births:coordinates = "community_lat community_lon" ;' in dump.stdout,
          "the subset keeps coordinates")
    subprocess.run(["ncra", "-4", "-O", "-v", "births", "-d", "time,0,11", path, avg], check=True)
    with netCDF4.Dataset(avg) as a:
        check(getattr(a["births"], "cell_methods", None) == "time: sum time: mean",
              "ncra appends time: mean")


def check_cdo(path):
    """CDO sees the series over no axis or over community alone, the latter on an unstructured grid
    of the communities (their lon/lat from `coordinates`), and skips the others without failing."""
    if shutil.which("cdo") is None:
        print("SKIP: CDO checks: cdo not installed (apt-get install cdo, tools/setup.sh --tests)")
        return
    p = subprocess.run(["cdo", "-s", "showname", path], capture_output=True, text=True)
    with netCDF4.Dataset(path) as nc:
        want = [n for n, v in nc.variables.items() if v.dimensions in (("time",), (
            "time", "community")) and n != "time"]
    check(p.returncode == 0 and p.stdout.split() == want,
          f"cdo showname: {p.stdout.split()} (rc {p.returncode}), expected {want}")
    g = subprocess.run(["cdo", "-s", "griddes", "-selname,births", path], capture_output=True,
                       text=True).stdout
    check("gridtype  = unstructured" in g and "gridsize  = 2" in g and "-4.3" in g,
          f"cdo: births on the communities' unstructured grid: {g[:200]}")


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

    check_cf(path)
    check_nco(path, work)
    check_cdo(path)

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
