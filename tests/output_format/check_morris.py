#!/usr/bin/python3
"""`minesim ensemble` with a [sensitivity] plan (issue 12 item 5, Morris), end to end:
- the members are Morris trajectories: k + 1 points each, trajectory t with seed t, consecutive
  points differing in exactly one parameter by Delta times its range, every parameter once, on
  the p-level grid of the ranges;
- the Morris variables (elementary effects, mu*, mu, sigma, rank) equal a numpy recomputation
  from the file's own member data, with each indicator reduced as docs/ensembles.md says (the
  headline's reduction of the variable: sum, mean, or weighted mean across communities; else the
  sum over every axis), averaged over the period (the last 12 recorded months by default);
- the table is printed, ranked by mu*;
- a range given as "documented" is the key's documented range; one that is open at its lower end
  is exit 2 naming the key;
- a period outside the recorded months (refused before any member runs) and a plan with two arms
  are exit 2 with the message.

usage: check_morris.py MINESIM_BINARY WORK_DIR
"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

from checks import check, failures  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BASE = os.path.join(ROOT, "scenarios", "baseline.toml")

RANGES = {"labour.quit_rate": (0.005, 0.03), "labour.participation_female": (0.4, 0.8)}
INDICATORS = ["unemployed", "poverty_rate", "women_share_mine_workforce", "households"]
# How docs/ensembles.md says each is reduced (the headline of the variable, or the sum).
REDUCE = {"unemployed": ("sum",), "poverty_rate": ("weighted", "community", "population"),
          "women_share_mine_workforce": ("mean",), "households": ("sum",)}


def write_plan(path, period="", arms=1, trajectories=2, ranges=None):
    body = "months = 6\npopulation_scale = 0.1\n"
    for a in range(arms):
        body += f'[arms.a{a}]\nscenario = "{BASE}"\n'
    body += (f"[sensitivity]\ntrajectories = {trajectories}\nlevels = 4\n"
             f"indicators = {INDICATORS!r}\n".replace("'", '"') + period + "[sensitivity.ranges]\n")
    for k, r in (ranges or RANGES).items():
        body += f'"{k}" = "{r}"\n' if isinstance(r, str) else f'"{k}" = [{r[0]}, {r[1]}]\n'
    with open(path, "w") as f:
        f.write(body)
    return path


def dims_of(ds):
    return [d[0].name.split("/")[-1] for d in ds.dims]


def month_value(f, name, m, t):
    how = REDUCE[name]
    x = f[name][m, t]
    if how[0] == "sum":
        return np.nansum(x) if not np.all(np.isnan(x)) else np.nan
    if how[0] == "mean":
        return np.nanmean(x)
    axis = dims_of(f[name])[2:].index(how[1])
    v = np.nansum(np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1), axis=1)
    wx = f[how[2]][m, t]
    waxis = dims_of(f[how[2]])[2:].index(how[1])
    w = np.nansum(np.moveaxis(wx, waxis, 0).reshape(wx.shape[waxis], -1), axis=1)
    ok = ~np.isnan(v) & ~np.isnan(w)
    return np.sum(w[ok] * v[ok]) / np.sum(w[ok])


def check_design(f, r, k, p):
    delta = p / (2 * (p - 1))
    keys = list(RANGES)
    x = np.array([[f[key.replace(".", "__")][m] for key in keys] for m in range(r * (k + 1))])
    check(list(f["seed"][:]) == [m // (k + 1) + 1 for m in range(r * (k + 1))],
          "trajectory t runs with seed t")
    check(list(f["point"][:]) == list(range(r * (k + 1))), "points p0 .. p(r(k+1)-1)")
    lo = np.array([RANGES[key][0] for key in keys])
    hi = np.array([RANGES[key][1] for key in keys])
    unit = (x - lo) / (hi - lo)
    check(np.allclose(unit * (p - 1), np.round(unit * (p - 1)), atol=1e-9), "points on the grid")
    signs = set()
    for t in range(r):
        pts = unit[t * (k + 1):(t + 1) * (k + 1)]
        steps = np.diff(pts, axis=0)
        moved = np.abs(steps) > 1e-12
        check(np.all(moved.sum(axis=1) == 1), f"trajectory {t + 1}: one parameter per step")
        check(np.all(moved.sum(axis=0) == 1), f"trajectory {t + 1}: every parameter once")
        check(np.allclose(np.abs(steps[moved]), delta), f"trajectory {t + 1}: steps of Delta")
        signs |= set(np.sign(steps[moved]).astype(int))
    check(signs == {-1, 1}, f"the design steps both up and down (the sign is tested): {signs}")
    return unit, delta


def check_effects(f, out, period):
    r, k = f["morris_trajectory"].shape[0], f["morris_parameter"].shape[0]
    unit, delta = check_design(f, r, k, 4)
    check([s.decode() for s in f["morris_indicator"][:]] == INDICATORS, "morris_indicator labels")
    check([s.decode() for s in f["morris_parameter"][:]] == list(RANGES), "morris_parameter")
    for i, name in enumerate(INDICATORS):
        y = np.array([np.mean([month_value(f, name, m, t) for t in period])
                      for m in range(r * (k + 1))])
        ee = np.zeros((r, k))
        for t in range(r):
            pts, yt = unit[t * (k + 1):(t + 1) * (k + 1)], y[t * (k + 1):(t + 1) * (k + 1)]
            for j in range(1, k + 1):
                step = pts[j] - pts[j - 1]
                q = int(np.argmax(np.abs(step)))
                ee[t, q] = (yt[j] - yt[j - 1]) / step[q]
        want = {"morris_mu_star": np.abs(ee).mean(axis=0), "morris_mu": ee.mean(axis=0),
                "morris_sigma": ee.std(axis=0, ddof=1)}
        order = np.argsort(-want["morris_mu_star"], kind="stable")
        rank = np.empty(k)
        rank[order] = np.arange(1, k + 1)
        want["morris_rank"] = rank
        got_ee = f["morris_elementary_effect"][i]
        check(np.allclose(got_ee, ee, rtol=1e-9, atol=1e-12), f"{name}: EE {got_ee} != {ee}")
        for var, w in want.items():
            got = f[var][i]
            check(np.allclose(got, w, rtol=1e-9, atol=1e-12), f"{name}: {var} {got} != {w}")
        check(np.any(np.abs(ee) > 0), f"{name}: some effect is not zero (the test has power)")
        top = list(RANGES)[order[0]]
        block = out.split(f"\n{name} (")[1].split("\n\n")[0]
        check(block.splitlines()[2].split()[:2] == ["1", top], f"{name}: table ranked by mu*")
    for var in ["morris_mu_star", "morris_mu", "morris_sigma", "morris_elementary_effect"]:
        check(f[var].attrs.get("units") and f[var].attrs.get("long_name"), f"{var} units")
    check(dims_of(f["morris_elementary_effect"]) ==
          ["morris_indicator", "morris_trajectory", "morris_parameter"], "EE dimensions")
    check(f["morris_units"][0, 0].decode().startswith("persons per unit-cube step"),
          "morris_units")


def check_documented_range(exe, work):
    """A range given as "documented" is the key's documented range ([0, 0.5] for quit_rate)."""
    plan = write_plan(os.path.join(work, "doc.toml"), trajectories=2,
                      ranges={"labour.quit_rate": "documented",
                              "labour.participation_female": (0.4, 0.8)})
    out = os.path.join(work, "doc.h5")
    p = subprocess.run([exe, "ensemble", plan, "-o", out, "--jobs", "2", "-q"],
                       capture_output=True, text=True)
    check(p.returncode == 0, f"documented range: {p.returncode} {p.stderr}")
    if p.returncode != 0:
        return
    with h5py.File(out, "r") as f:
        q = f["labour__quit_rate"][:]
    levels = q / 0.5 * 3  # p = 4 levels on [0, 0.5]
    check(np.allclose(levels, np.round(levels)) and q.min() >= 0 and q.max() <= 0.5 and
          len(set(np.round(levels))) > 1, f"quit_rate on the 4-level grid of [0, 0.5]: {q}")
    bad = write_plan(os.path.join(work, "doc_bad.toml"),
                     ranges={"simulation.population_scale": "documented",
                             "labour.quit_rate": (0.01, 0.02)})
    p = subprocess.run([exe, "ensemble", bad, "-o", os.path.join(work, "doc_bad.h5"), "-q"],
                       capture_output=True, text=True)
    check(p.returncode == 2 and "sensitivity.ranges.simulation.population_scale: the key's "
          "documented range in arm 'a0' (in (0, 1]) excludes its lower end 0" in p.stderr,
          f"an open documented range: {p.returncode} {p.stderr}")


def main():
    exe, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out_file = os.path.join(work, "morris.h5")
    p = subprocess.run([exe, "ensemble", write_plan(os.path.join(work, "m.toml")), "-o", out_file,
                        "--jobs", "2"], capture_output=True, text=True)
    check(p.returncode == 0, f"ensemble: {p.returncode} {p.stderr}")
    print(p.stdout)
    with h5py.File(out_file, "r") as f:
        check_effects(f, p.stdout, range(f["time"].shape[0])[-12:])
    # A period: Feb..Apr 2025 of a run from January 2025.
    out2 = os.path.join(work, "period.h5")
    period = 'period = ["2025-02", "2025-04"]\n'
    p = subprocess.run([exe, "ensemble", write_plan(os.path.join(work, "p.toml"), period), "-o",
                        out2, "--jobs", "2"], capture_output=True, text=True)
    check(p.returncode == 0, f"ensemble with a period: {p.returncode} {p.stderr}")
    with h5py.File(out2, "r") as f:
        check_effects(f, p.stdout, [1, 2, 3])
    bad = write_plan(os.path.join(work, "bad.toml"), 'period = ["2025-03", "2026-04"]\n')
    p = subprocess.run([exe, "ensemble", bad, "-o", os.path.join(work, "bad.h5"), "-q"],
                       capture_output=True, text=True)
    check(p.returncode == 2 and "sensitivity.period: [2025-03, 2026-04] is outside the recorded "
          "months (6 months from 2025-01)" in p.stderr, f"period outside: {p.returncode} {p.stderr}")
    check(not os.path.exists(os.path.join(work, "bad.h5")), "nothing at OUT after a bad period")
    check(not [n for n in os.listdir(work) if n.startswith("bad.h5")],
          "a bad period is refused before any member runs (no temporary either)")
    check_documented_range(exe, work)
    two = write_plan(os.path.join(work, "two.toml"), arms=2)
    p = subprocess.run([exe, "ensemble", two, "-o", os.path.join(work, "two.h5"), "-q"],
                       capture_output=True, text=True)
    check(p.returncode == 2 and "a [sensitivity] plan analyses one scenario: give one arm (this "
          "plan has 2)" in p.stderr, f"two arms: {p.returncode} {p.stderr}")
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("check_morris: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
