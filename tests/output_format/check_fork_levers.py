#!/usr/bin/python3
"""Fork equals the straight run for each lever's worked example (issue 15, docs/checkpoints.md):
for every scenarios/policies/*.toml whose `extends` chain ends at scenarios/baseline.toml, the
baseline is run with a checkpoint at the month before the example's first intervention starts,
forked into an arm (the example, with a short simulation.months: a few months past that start),
and every dataset of the fork must equal a straight run of the arm bit for bit. The arm's straight
run must also differ from the baseline's over the same months in some dataset other than the
intervention table, so each lever is seen to act within the months compared (else the fork's
equality would say little).

usage: check_fork_levers.py MINESIM_BINARY SOURCE_DIR WORK_DIR
"""
import datetime
import glob
import os
import shutil
import sys
import tomllib

from checks import check, datasets, failures, run, same, same_data

B, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
os.chdir(WORK)
BASE = os.path.realpath(os.path.join(SRC, "scenarios", "baseline.toml"))
MONTHS_AFTER = 4  # recorded months from the first intervention's start (it and 3 more)
# Levers that act later than that, and the recorded months from their start they need:
LATER = {
    # paces the baseline's autonomous-haulage rollout, which begins 2028-01 (24 months later)
    "staged_automation": 28,
    # raises suppliers' capability under a 6-month ramp; incomes first move in its 6th month
    "supplier_development": 8,
}


def chain(path):
    """The scenario files from `path` up its `extends` chain, each parsed (TOML)."""
    files = []
    while path:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        files.append((os.path.realpath(path), doc))
        ext = doc.get("extends")
        path = os.path.join(os.path.dirname(path), ext) if ext else None
    return files


def first_start(files):
    starts = [iv["start"] for _, doc in files for iv in doc.get("interventions", {}).values()]
    return min(starts) if starts else None


def months_from(start, day):  # recorded months from `start` (a date) to `day`'s month
    return (day.year - start.year) * 12 + day.month - start.month


def ok(args, what):
    rc, _, err = run(args)
    check(rc == 0, f"{what}: exit 0 (got {rc}: {err.strip()[-400:]})")
    return rc == 0


with open(BASE, "rb") as f:
    sim_start = tomllib.load(f)["simulation"]["start"]
examples = []
for path in sorted(glob.glob(os.path.join(SRC, "scenarios", "policies", "*.toml"))):
    files = chain(path)
    if files[-1][0] != BASE:
        print(f"skipped {os.path.basename(path)}: its base is {files[-1][0]}, not the baseline")
        continue
    examples.append((path, first_start(files)))
check(len(examples) >= 10, f"the baseline's lever examples found ({len(examples)})")

bases = {}  # (fork month YYYY-MM, months) -> the baseline's checkpoint there and its output
for path, start in examples:
    stem = os.path.splitext(os.path.basename(path))[0]
    check(isinstance(start, datetime.date), f"{stem}: an intervention start ({start})")
    if not isinstance(start, datetime.date):
        continue
    fork_at = (start.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    after = LATER.get(stem, MONTHS_AFTER)
    months = months_from(sim_start, start) + after
    if (fork_at, months) not in bases:  # one baseline run per fork month and length
        out = f"base_{fork_at}_{months}.h5"
        ok([B, "run", BASE, "-q", "-j", "2", "--months", str(months), "-o", out,
            "--checkpoint-at", fork_at], f"baseline with a checkpoint at {fork_at}")
        bases[fork_at, months] = (f"{out}.ckpt-{fork_at}.h5", out)
    ckpt, base_out = bases[fork_at, months]
    arm = f"arm_{stem}.toml"
    with open(arm, "w") as f:
        f.write(f'extends = "{path}"\n[simulation]\nmonths = {months}\n')
    if not ok([B, "run", arm, "-q", "-j", "1", "-o", f"straight_{stem}.h5"], f"{stem}: straight"):
        continue
    if not ok([B, "fork", ckpt, arm, "-q", "-j", "3", "-o", f"fork_{stem}.h5"],
              f"{stem}: fork at {fork_at}"):
        continue
    same_data(f"straight_{stem}.h5", f"fork_{stem}.h5",
              f"{stem} forked at {fork_at} equals its straight run")
    da, db = datasets(f"straight_{stem}.h5"), datasets(base_out)
    changed = [k for k in da if k in db and not k.startswith("intervention")
               and not same(da[k], db[k])]
    check(changed, f"{stem}: the lever changes some dataset within {after} months of {start} "
          "(else give it more months in LATER)")
    print(f"{stem}: forked at {fork_at}, {months} months: equal; {len(changed)} datasets differ "
          "from the baseline")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
