#!/usr/bin/python3
"""Builds a minesim ensemble file (docs/ensembles.md, issue 12) from single-run files, for tests:
every time series is stacked along a new leading `member` axis, the intervention descriptions
become (member, intervention) padded with "", the member coordinates (arm, seed, point, scenario,
member_command, completed and one per swept parameter) are added, and everything else is written
once. Dimension scales are made and attached with h5py's dims API, as netCDF-4 expects.

  make_ensemble.py OUT.h5 [--baseline ARM] [--plan-stem STEM] [--incomplete MEMBER ...]
                   [--param KEY=V1,V2,... ...] [--damage KIND] ARM:SEED:POINT:RUN.h5 ...

--param gives a swept parameter's value per member, in member order. --damage writes a damaged
file for tests: `rank` (a series without its member axis), `member-length` (a series with one
member fewer), `no-completed` (no `completed` variable). Importable: build(out, members, ...)."""
import argparse
import sys

import h5py
import numpy as np

RUN_ONLY_ATTRS = {"scenario", "scenario_file", "seed", "threads"}
SCALE_ATTRS = {"CLASS", "NAME", "REFERENCE_LIST", "_Netcdf4Dimid", "DIMENSION_LIST"}
STR = h5py.string_dtype()
INTERVENTION_TEXT = ["intervention_type", "intervention_start", "intervention_end",
                     "intervention_parameters"]


def dim_names(ds):
    return [ds.dims[i][0].name.lstrip("/") for i in range(ds.ndim)]


def copy_attrs(src, dst):
    for k, v in src.attrs.items():
        if k not in SCALE_ATTRS:
            dst.attrs[k] = v


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def write_scales(out, template, k):
    """Every dimension scale of the template (intervention: "1".."K"), and `member`."""
    scales = {}
    for name, ds in template.items():
        if not h5py.h5ds.is_scale(ds.id):
            continue
        if name == "intervention":
            new = out.create_dataset(name, data=[str(i + 1) for i in range(k)], dtype=STR)
        else:
            new = out.create_dataset(name, data=ds[()], dtype=ds.dtype)
        copy_attrs(ds, new)
        scale_name = ds.attrs["NAME"]
        new.make_scale(scale_name.decode() if isinstance(scale_name, bytes) else scale_name)
        scales[name] = new
    return scales


def attach(ds, scales, dims):
    for i, d in enumerate(dims):
        ds.dims[i].attach_scale(scales[d])


def write_members(out, runs, members, scales, incomplete, params, damage):
    names = [f"{a}/s{s}/p{p}" for a, s, p, _ in members]
    m = out.create_dataset("member", data=names, dtype=STR)
    m.attrs["long_name"] = "ensemble member (ARM/sSEED/pPOINT)"
    m.make_scale("member")
    scales["member"] = m
    columns = {
        "arm": ([a for a, _, _, _ in members], STR),
        "seed": (np.array([s for _, s, _, _ in members], dtype=np.int32), None),
        "point": (np.array([p for _, _, p, _ in members], dtype=np.int32), None),
        "scenario": ([r.attrs.get("scenario", "") for r in runs], STR),
        "member_command": ([f"minesim run {r.attrs.get('scenario_file', '')} --seed {s}"
                            for r, (_, s, _, _) in zip(runs, members)], STR),
        "completed": (np.array([0 if n in incomplete else 1 for n in names], dtype=np.int8), None),
    }
    if damage == "no-completed":
        del columns["completed"]
    for name, (data, dtype) in columns.items():
        ds = out.create_dataset(name, data=data, dtype=dtype) if dtype else \
            out.create_dataset(name, data=data)
        attach(ds, scales, ["member"])
    for key, values in params.items():
        ds = out.create_dataset(key.replace(".", "__"), data=np.array(values, dtype=np.float64))
        ds.attrs["key"] = key
        attach(ds, scales, ["member"])
    return names


def write_interventions(out, runs, scales, k):
    per = {name: [] for name in INTERVENTION_TEXT + ["intervention_name"]}
    for r in runs:
        for name in per:
            src = "intervention" if name == "intervention_name" else name
            v = text(r[src][()]) if src in r else []
            per[name].append(v + [""] * (k - len(v)))
    for name, rows in per.items():
        ds = out.create_dataset(name, data=np.array(rows, dtype=object).reshape(len(runs), k),
                                dtype=STR)
        if name in runs[0]:
            copy_attrs(runs[0][name], ds)
        else:
            ds.attrs["long_name"] = "intervention name"
            ds.attrs["units"] = "1"
        attach(ds, scales, ["member", "intervention"])


def write_series(out, runs, names, template, scales, incomplete, damage):
    damaged = False
    for name, ds in template.items():
        if h5py.h5ds.is_scale(ds.id) or name in INTERVENTION_TEXT or "DIMENSION_LIST" not in ds.attrs:
            continue
        dims = dim_names(ds)
        if dims[0] != "time" or name == "time_bnds":  # written once: coordinates too
            new = out.create_dataset(name, data=ds[()], dtype=ds.dtype)
            copy_attrs(ds, new)
            attach(new, scales, dims)
            continue
        data = np.stack([r[name][()] for r in runs]).astype(np.float64)
        for i, n in enumerate(names):
            if n in incomplete:
                data[i] = np.nan
        if not damaged and damage in ("rank", "member-length"):
            data = data[0] if damage == "rank" else data[:-1]
            damaged = True
            new = out.create_dataset(name, data=data)
            copy_attrs(ds, new)
            continue
        new = out.create_dataset(name, data=data)
        copy_attrs(ds, new)
        attach(new, scales, ["member"] + dims)


def build(out_path, members, baseline=None, plan_stem="plan", incomplete=(), params=None,
          damage=None):
    """members: (arm, seed, point, run_path) in member order."""
    runs = [h5py.File(p, "r") for _, _, _, p in members]
    template = runs[0]
    k = max(r["intervention"].shape[0] for r in runs)
    with h5py.File(out_path, "w") as out:
        for key, v in template.attrs.items():
            if key not in RUN_ONLY_ATTRS:
                out.attrs[key] = v
        out.attrs["title"] = f"minesim ensemble: {plan_stem}"
        out.attrs["plan"] = f"# test plan built by make_ensemble.py\nbaseline = \"{baseline}\"\n"
        out.attrs["baseline"] = baseline or members[0][0]
        scales = write_scales(out, template, k)
        names = write_members(out, runs, members, scales, set(incomplete), params or {}, damage)
        write_interventions(out, runs, scales, k)
        write_series(out, runs, names, template, scales, set(incomplete), damage)
    for r in runs:
        r.close()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("members", nargs="+", help="ARM:SEED:POINT:RUN.h5")
    ap.add_argument("--baseline")
    ap.add_argument("--plan-stem", default="plan")
    ap.add_argument("--incomplete", action="append", default=[])
    ap.add_argument("--param", action="append", default=[])
    ap.add_argument("--damage", choices=["rank", "member-length", "no-completed"])
    a = ap.parse_args(argv)
    members = []
    for m in a.members:
        arm, seed, point, path = m.split(":", 3)
        members.append((arm, int(seed), int(point), path))
    params = {}
    for p in a.param:
        key, values = p.split("=", 1)
        params[key] = [float(v) for v in values.split(",")]
    build(a.out, members, a.baseline, a.plan_stem, a.incomplete, params, a.damage)


if __name__ == "__main__":
    main(sys.argv[1:])
