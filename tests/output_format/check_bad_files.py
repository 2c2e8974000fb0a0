#!/usr/bin/python3
"""Damaged and foreign output files: `minesim info`, `info --scenario`, `compare` and
tools/report.py refuse them with their documented exit status (74 for minesim, 2 for report.py)
and a message, never a crash (a signal, exit >= 128), an internal error (70) or a traceback.
Every bad file is made here from a tiny valid run, with h5py.

usage: check_bad_files.py MINESIM_BINARY REPORT_PY WORK_DIR
"""
import os
import random
import shutil
import subprocess
import sys

import h5py
import numpy as np

SCENARIO = """
[simulation]
start = 2025-01-01
months = 3
spinup_months = 0
seed = 9

[communities.kora]
lat = 12.25
lon = -1.55
population = 800

[mines.kora_gold]
community = "kora"
ore_tonnes_per_month = 20000
grade = 1.5
workforce = 40
"""

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run(cmd, timeout=120):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, "", "timeout"
    return r.returncode, r.stdout, r.stderr


def minesim_refuses(binary, good, bad, what, allow_ok=False):
    """info, info --scenario and compare on `bad`: exit 74 with a message (or 0 when allow_ok:
    damage the commands do not read), never a signal or an internal error."""
    for args in (["info", bad], ["info", "--scenario", bad], ["compare", good, bad],
                 ["compare", bad, good]):
        rc, out, err = run([binary] + args)
        name = f"{what}: minesim {' '.join(a if a != bad else 'BAD' for a in args)}"
        name = name.replace(good, "GOOD")
        if rc < 0 or rc >= 128:
            check(False, f"{name} crashed (exit {rc})")
        elif rc == 70:
            check(False, f"{name} internal error: {err.strip()[:200]}")
        elif rc == 0:
            check(allow_ok, f"{name} exit 0 on a bad file")
        else:
            check(rc == 74 and "error" in err, f"{name} exit {rc} (expected 74): {err.strip()[:200]}")


def report_refuses(report, bad, work, what):
    rc, _, err = run([sys.executable, report, bad, "-o", os.path.join(work, "rep")], timeout=300)
    if rc == 0:
        return  # damage the report does not read
    check(rc == 2 and "Traceback" not in err and "error" in err,
          f"{what}: report.py exit {rc}: {err.strip()[-300:]}")


def copy_with(good, path, edit):
    shutil.copy(good, path)
    with h5py.File(path, "r+") as f:
        edit(f)
    return path


def rebuild_with_long_axis(good, path, axis, extra):
    """The valid file's content with `extra` labels added to `axis` (variables keep their size)."""
    with h5py.File(good, "r") as src, h5py.File(path, "w") as dst:
        for k, v in src.attrs.items():
            dst.attrs[k] = v
        scales = {}
        for name, ds in src.items():
            if ds.attrs.get("CLASS") == b"DIMENSION_SCALE":
                data = ds[()]
                if name == axis:
                    data = np.concatenate([data, np.array(extra, dtype=object)])
                dt = h5py.string_dtype() if data.dtype.kind == "O" else data.dtype
                maxshape = (None,) if name == "time" else None
                d = dst.create_dataset(name, data=data, dtype=dt, maxshape=maxshape)
                for k, v in ds.attrs.items():
                    if k not in ("CLASS", "NAME", "REFERENCE_LIST", "_Netcdf4Dimid"):
                        d.attrs[k] = v
                d.make_scale(name)
                scales[name] = d
        for name, ds in src.items():
            if name in scales:
                continue
            d = dst.create_dataset(name, data=ds[()], dtype=ds.dtype)
            for k, v in ds.attrs.items():
                if k not in ("DIMENSION_LIST", "_Netcdf4Coordinates"):
                    d.attrs[k] = v
            for i in range(ds.ndim):
                if len(ds.dims[i]):
                    dim = ds.dims[i][0].name.split("/")[-1]
                    if dim in scales:
                        d.dims[i].attach_scale(scales[dim])
    return path


def flipped(good, path, seed, flips):
    data = bytearray(open(good, "rb").read())
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    open(path, "wb").write(bytes(data))
    return path


def main():
    binary, report, work = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "s.toml"), "w") as f:
        f.write(SCENARIO)
    good = os.path.join(work, "good.h5")
    subprocess.run([binary, "run", "s.toml", "-o", good, "--quiet"], cwd=work, check=True)
    good = os.path.abspath(good)
    rc, _, err = run([binary, "compare", good, good])
    check(rc == 0, f"compare of the valid file with itself: exit {rc} {err}")
    p = lambda n: os.path.join(work, n)  # noqa: E731

    # A 4,000-element seed (and scenario_file) attribute: once a stack overwrite.
    big = copy_with(good, p("big_seed.h5"), lambda f: f.attrs.__setitem__(
        "seed", np.arange(4000, dtype=np.uint64)))
    minesim_refuses(binary, good, big, "4000-element seed")
    big = copy_with(good, p("big_scenario_file.h5"), lambda f: f.attrs.__setitem__(
        "scenario_file", np.array([b"x" * 8] * 4000)))
    minesim_refuses(binary, good, big, "4000-element scenario_file")
    report_refuses(report, big, work, "4000-element scenario_file")
    # A two-dimensional time-units attribute.
    bad_units = copy_with(good, p("units_2d.h5"), lambda f: f["time"].attrs.__setitem__(
        "units", np.array([[b"days since 2025-01-01"] * 3] * 3)))
    minesim_refuses(binary, good, bad_units, "2-d time units")
    # Attributes of the wrong class: `info --scenario` once printed a number as the scenario.
    for name, value in (("scenario", np.float64(1e308)), ("seed", "seven"),
                        ("population_scale", "x"), ("threads", np.float64(2.5))):
        wrong = copy_with(good, p(f"wrong_class_{name}.h5"),
                          lambda f, n=name, v=value: f.attrs.__setitem__(n, v))
        minesim_refuses(binary, good, wrong, f"{name} attribute of the wrong class")
    wrong = copy_with(good, p("numeric_units.h5"), lambda f: f["employment"].attrs.__setitem__(
        "units", np.float64(1.0)))
    minesim_refuses(binary, good, wrong, "numeric units of a variable")

    # Label axes longer than the variables' axes: once a heap over-read printed as values.
    for axis, extra in (("sector", ["s6", "s7", "s8"]), ("instrument", ["i5"] * 1),
                        ("gender", ["g3"]), ("skill", ["k4", "k5"])):
        long_axis = rebuild_with_long_axis(good, p(f"long_{axis}.h5"), axis, extra)
        minesim_refuses(binary, good, long_axis, f"{axis} axis longer than the variables'",
                        allow_ok=False)

    # A variable whose shape does not match the axis it names.
    def shrink_employment(f):
        data = f["employment"][()][:, :, :2]
        del f["employment"]
        f.create_dataset("employment", data=data)
    minesim_refuses(binary, good, copy_with(good, p("emp_shape.h5"), shrink_employment),
                    "employment without its axes")

    # A foreign HDF5 file and files that are not HDF5 at all.
    with h5py.File(p("foreign.h5"), "w") as f:
        f["x"] = np.arange(10.0)
        f.attrs["seed"] = 3
    minesim_refuses(binary, good, p("foreign.h5"), "foreign HDF5")
    report_refuses(report, p("foreign.h5"), work, "foreign HDF5")
    open(p("text.h5"), "w").write("not hdf5\n")
    minesim_refuses(binary, good, p("text.h5"), "text file")

    # Truncated files.
    size = os.path.getsize(good)
    for frac in (0.1, 0.5, 0.9, 0.99):
        t = p(f"trunc{int(frac * 100)}.h5")
        open(t, "wb").write(open(good, "rb").read()[: int(size * frac)])
        minesim_refuses(binary, good, t, f"truncated at {frac:.0%}")
        report_refuses(report, t, work, f"truncated at {frac:.0%}")

    # Byte-flipped files (deterministic): damage in data the commands do not read may leave them
    # fine, but none may crash or end in an internal error.
    for seed in range(36):
        flips = 1 + seed % 6
        b = flipped(good, p(f"flip{seed}.h5"), seed, flips)
        minesim_refuses(binary, good, b, f"flip seed {seed} ({flips} bits)", allow_ok=True)
        if seed % 3 == 0:
            report_refuses(report, b, work, f"flip seed {seed}")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all bad files refused cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
