#!/usr/bin/python3
"""`minesim ensemble` end to end (issue 12 items 2 and 3):
- every member's data are bit-identical to `minesim run` of its member_command;
- --jobs 1 and --jobs 2 give identical datasets;
- arms share random numbers: identical before the first intervention, different after;
- a swept grid gives its points and parameter coordinates;
- Ctrl-C leaves nothing at OUT and keeps the completed members; --continue then equals an
  uninterrupted ensemble;
- plans whose arms differ in their axes, or keep an unknown variable, are exit 2 with the message;
- the file opens in xarray (both engines) and an arm is selected with ds.where(ds.arm == ...).

usage: check_ensemble.py MINESIM_BINARY WORK_DIR
"""
import glob
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

from checks import check, datasets, failures, same  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def plan(path, body, replicates=2, months=30):
    with open(path, "w") as f:
        f.write(f"months = {months}\npopulation_scale = 0.1\nreplicates = {replicates}\n" + body)
    return path


ARMS = f"""
[arms.base]
scenario = "{ROOT}/scenarios/baseline.toml"
[arms.train]
scenario = "{ROOT}/scenarios/policies/skills_training.toml"
"""


def series_names(f):
    return [n for n in f if isinstance(f[n], h5py.Dataset) and f[n].ndim >= 2
            and f[n].dims[0] and f[n].dims[0][0].name == "/member"
            and f[n].dims[1] and f[n].dims[1][0].name == "/time"]


def ensemble(binary, *args, **kw):
    return subprocess.run([binary, "ensemble", *args], capture_output=True, text=True, **kw)


def check_members_equal_runs(binary, work, out):
    with h5py.File(out, "r") as f:
        names = series_names(f)
        check(len(names) > 40, f"{len(names)} member series in the ensemble file")
        commands = [c.decode() if isinstance(c, bytes) else c for c in f["member_command"][()]]
        members = [m.decode() if isinstance(m, bytes) else m for m in f["member"][()]]
        for m in (0, len(members) - 1):
            args = shlex.split(commands[m])
            single = os.path.join(work, f"single{m}.h5")
            subprocess.run([binary] + args[1:] + ["--quiet", "-o", single], check=True)
            with h5py.File(single, "r") as g:
                differ = [n for n in names if not same(f[n][m], g[n][()])]
                check(not differ, f"member {members[m]} differs from its run in {differ[:5]}")
                for n in ("time", "time_bnds", "community_lat", "mine_community"):
                    check(same(f[n][()], g[n][()]), f"{n} differs from the run's")


def check_common_random_numbers(out):
    with h5py.File(out, "r") as f:
        arms = [a.decode() if isinstance(a, bytes) else a for a in f["arm"][()]]
        seeds = list(f["seed"][()])
        base = [i for i, a in enumerate(arms) if a == "base"]
        train = [i for i, a in enumerate(arms) if a == "train"]
        check(len(base) == 2 and len(train) == 2, f"arms {arms}")
        # skills_training starts in 2027-01: month 24 of a run from 2025-01.
        for b, t in zip(base, train):
            check(seeds[b] == seeds[t], "members paired by seed")
            emp = f["employment"]
            check(same(emp[b, :24], emp[t, :24]), "arms differ before the first intervention")
            check(not same(f["trainees"][b, 24:], f["trainees"][t, 24:]),
                  "the training arm trains nobody after its start")


def check_interrupt_and_continue(binary, work, plan_path, whole):
    out = os.path.join(work, "cont.h5")
    p = subprocess.Popen([binary, "ensemble", plan_path, "-o", out, "--jobs", "1"],
                         stderr=subprocess.PIPE, text=True)
    seen = ""
    while "member 2/" not in seen:
        line = p.stderr.readline()
        if not line:
            break
        seen += line
    p.send_signal(signal.SIGINT)
    err = seen + p.stderr.read()
    p.wait(timeout=120)
    check(p.returncode == 130, f"interrupted ensemble: exit {p.returncode}")
    check(not os.path.exists(out), "an interrupted ensemble left its output")
    kept = glob.glob(out + ".partial-*")
    check(len(kept) == 1 and "--continue" in err, f"kept {kept}; stderr {err[-300:]}")
    check(not glob.glob(out + ".members-*"), "the members' scratch folder is left behind")
    r = ensemble(binary, plan_path, "-o", out, "--jobs", "2", "--continue")
    check(r.returncode == 0, f"--continue: exit {r.returncode}: {r.stderr[-400:]}")
    check(not glob.glob(out + ".partial-*"), "--continue left the temporary")
    a, b = datasets(whole), datasets(out)
    differ = [n for n in a if not same(a[n], b.get(n, np.array([])))]
    check(not differ, f"--continue differs from an uninterrupted ensemble in {differ[:5]}")


def check_errors(binary, work):
    bad = plan(os.path.join(work, "axes.toml"), ARMS + f"""
[arms.drc]
scenario = "{ROOT}/scenarios/drc_copperbelt.toml"
""")
    r = ensemble(binary, bad, "-o", os.path.join(work, "x.h5"))
    check(r.returncode == 2 and "arm 'drc': axis" in r.stderr and "differs from the baseline arm "
          "'base'" in r.stderr, f"arms with other axes: {r.returncode} {r.stderr.strip()}")
    var = plan(os.path.join(work, "var.toml"), 'variables = ["employmnt"]\n' + ARMS)
    r = ensemble(binary, var, "-o", os.path.join(work, "x.h5"))
    check(r.returncode == 2 and "'employmnt' is not an output variable" in r.stderr,
          f"unknown variable: {r.returncode} {r.stderr.strip()}")
    check(not os.path.exists(os.path.join(work, "x.h5")), "a refused plan wrote its output")


def check_sweep(binary, work):
    p = plan(os.path.join(work, "sweep.toml"), f"""
[arms.base]
scenario = "{ROOT}/scenarios/baseline.toml"
[sweep]
method = "grid"
[sweep.values]
"labour.quit_rate" = [0.01, 0.03]
""", replicates=1, months=6)
    out = os.path.join(work, "sweep.h5")
    r = ensemble(binary, p, "-o", out, "-q")
    check(r.returncode == 0, f"sweep: {r.stderr}")
    with h5py.File(out, "r") as f:
        check(list(f["point"][()]) == [0, 1], "points 0 and 1")
        v = f["labour__quit_rate"]
        check(list(v[()]) == [0.01, 0.03] and v.attrs["key"] in (b"labour.quit_rate",
                                                                 "labour.quit_rate"),
              "the swept parameter's coordinate")


def check_xarray(out):
    import xarray as xr
    for engine in ("netcdf4", "h5netcdf"):
        try:
            ds = xr.open_dataset(out, engine=engine)
        except ValueError as e:  # engine not installed
            print(f"xarray {engine}: skipped ({e})")
            continue
        sel = ds.where(ds.arm == "train", drop=True)
        check(sel.sizes["member"] == 2, f"xarray {engine}: {sel.sizes['member']} train members")
        check("employment" in sel and sel["employment"].dims[:2] == ("member", "time"),
              f"xarray {engine}: employment dims")
        ds.close()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    p = plan(os.path.join(work, "plan.toml"), ARMS)
    a, b = os.path.join(work, "a.h5"), os.path.join(work, "b.h5")
    t0 = time.time()
    r = ensemble(binary, p, "-o", a, "--jobs", "2")
    check(r.returncode == 0, f"ensemble: {r.stderr}")
    print(f"4 members in {time.time() - t0:.1f} s")
    r = ensemble(binary, p, "-o", b, "--jobs", "1", "--threads", "2", "-q")
    check(r.returncode == 0, f"ensemble --jobs 1: {r.stderr}")
    da, db = datasets(a), datasets(b)
    check(sorted(da) == sorted(db) and all(same(da[n], db[n]) for n in da),
          "--jobs 1 --threads 2 and --jobs 2 differ")
    check_members_equal_runs(binary, work, a)
    check_common_random_numbers(a)
    check_sweep(binary, work)
    check_errors(binary, work)
    check_xarray(a)
    info = subprocess.run([binary, "info", a], capture_output=True, text=True)
    attrs = info.stdout.split("variables:")[0]  # the attributes, before the variables' list
    check(info.returncode == 0 and "members           4" in attrs and "  seed " not in attrs
          and "scenario_file" not in attrs and "threads" not in attrs,
          f"info on an ensemble: {info.returncode} {info.stdout[:400]}")
    check_interrupt_and_continue(binary, work, p, a)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("ensemble: members equal their runs, jobs and threads do not matter, arms share random "
          "numbers, sweeps, errors, xarray and --continue hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
