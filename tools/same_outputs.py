#!/usr/bin/python3
"""Runs every shipped scenario with two minesim binaries and compares every dataset of the outputs
bit for bit: the check a behaviour-preserving change (a refactor, an optimisation) must pass
(docs/engineering.md, "Changes that keep outputs").

usage: tools/same_outputs.py OLD_MINESIM NEW_MINESIM [--months 24] [--max-persons 300000]
                             [--threads 2] [--work DIR]

Each scenario runs for --months months (default 24) with its population_scale lowered, where
needed, so that it starts with at most --max-persons simulated persons (the same settings for
both binaries). Exit 0 when every dataset of every output is identical, 1 otherwise (naming the
scenario and the datasets), 2 when a run fails.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: out.__setitem__(n, o[()]) if isinstance(o, h5py.Dataset)
                     else None)
    return out


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


def persons(binary, scenario, extra=()):
    """The simulated persons at the start that `minesim validate` reports, or None."""
    p = subprocess.run([binary, "validate", scenario, "--allow-large", *extra],
                       capture_output=True, text=True)
    m = re.search(r"\((\d+) at the start\)", p.stdout)
    return int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--max-persons", type=int, default=300000)
    ap.add_argument("--threads", default="2")
    ap.add_argument("--work")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="same_outputs-")
    os.makedirs(work, exist_ok=True)
    scenarios = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.toml")) +
                       glob.glob(os.path.join(ROOT, "scenarios", "policies", "*.toml")))
    differ, files, compared = [], 0, 0
    for sc in scenarios:
        name = os.path.relpath(sc, ROOT)
        args = ["run", sc, "-q", "--months", str(a.months), "-j", a.threads]
        n = persons(a.new, sc)
        if n and n > a.max_persons:
            # The scale that gives about --max-persons: persons grow in proportion to it.
            full = persons(a.new, sc, ["--set", "simulation.population_scale=1"])
            if full:
                args += ["--set", f"simulation.population_scale={a.max_persons / full:.3g}"]
        outs = []
        for tag, binary in (("old", a.old), ("new", a.new)):
            out = os.path.join(work, f"{tag}-{name.replace('/', '_')}.h5")
            p = subprocess.run([binary, *args, "-o", out], capture_output=True, text=True)
            if p.returncode != 0:
                print(f"{name}: {tag} run failed ({p.returncode}): {p.stderr.strip()[-300:]}")
                return 2
            outs.append(out)
        da, db = datasets(outs[0]), datasets(outs[1])
        bad = sorted(set(da) ^ set(db)) + [k for k in da if k in db and not same(da[k], db[k])]
        files += 1
        compared += len(da)
        if bad:
            differ.append(name)
            print(f"{name}: {len(bad)} datasets differ: {bad[:10]}")
        else:
            print(f"{name}: {len(da)} datasets identical")
    print(f"{files} scenarios, {compared} datasets compared; "
          f"{'all identical' if not differ else str(len(differ)) + ' scenarios differ'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
