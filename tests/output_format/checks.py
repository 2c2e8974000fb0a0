"""Shared by the output-format checks (tests/output_format/check_*.py): `check` records a failed
expectation (and prints it) in `failures`, which the script reports at its end; `run` runs a
command and returns (status, stdout, stderr); `datasets` reads every dataset of a file and
`same` compares two arrays bit for bit (NaN equal to NaN); `same_data` checks that two files
hold the same datasets, each bit for bit; `plan_text` writes an ensemble plan, and NEW_DEAL_ARMS
and BURKINA_ARMS are the arms the ensemble checks share."""
import os
import subprocess

import h5py
import numpy as np

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: out.__setitem__(n, o[()]) if isinstance(o, h5py.Dataset)
                     else None)
    return out


def same(a, b):
    if a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


def same_data(a, b, what):
    da, db = datasets(a), datasets(b)
    check(set(da) == set(db), f"{what}: the same datasets")
    bad = [k for k in da if k in db and not same(da[k], db[k])]
    check(not bad, f"{what}: every dataset bit for bit (differ: {bad[:5]})")


ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
POL = os.path.join(ROOT, "scenarios", "policies")
# (arm, scenario, set): the baseline with the new deal from 2030 and from 2026, and a royalty that
# differs from the first month (so it cannot fork).
NEW_DEAL_ARMS = [("base", f"{ROOT}/scenarios/baseline.toml", None),
                 ("late", f"{POL}/new_deal_2030.toml", None),
                 ("early", f"{POL}/new_deal_2026.toml", None),
                 ("royalty", f"{ROOT}/scenarios/baseline.toml", '{ "economy.royalty_rate" = 0.06 }')]
# The Burkina Faso case scenario and its new deal (levers from 2026).
BURKINA_ARMS = [("base", f"{ROOT}/scenarios/burkina_faso.toml", None),
                ("deal", f"{POL}/burkina_faso_new_deal.toml", None)]


def plan_text(arms, months, scale, replicates):
    """An ensemble plan (docs/ensembles.md) of `arms`: (name, scenario, set or None) each."""
    text = f"months = {months}\npopulation_scale = {scale}\nreplicates = {replicates}\n"
    for name, scenario, sets in arms:
        text += f'[arms.{name}]\nscenario = "{scenario}"\n' + (f"set = {sets}\n" if sets else "")
    return text
