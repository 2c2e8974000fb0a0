#!/usr/bin/python3
"""tools/validate.py on synthetic files (issue 13 protocol step 5), never on a case-scenario run:
- each new measure (B12-B14, D6, D7, G6-G10) returns the value computed by hand from run files
  built with h5py in minesim's layout, with the case scenarios' own labels;
- on an ensemble file (members stacked by make_ensemble.py) the ensemble mean, the seeds passing,
  n and `robust` (>= 90 % of members) count only complete members;
- the three kinds are reported as separate tables, id first and pass/fail last;
- --record then --check: exit 0 on the same file, 1 naming each fact whose verdict changed;
- wrong files (not HDF5, not a minesim output, a missing variable, a missing community or mine,
  several arms, no complete member, a bad record) are exit 2 with a one-line message;
- the validation plans keep every variable the measures read, with the protocol's seeds and
  months, and their `variables` are names `minesim ensemble` accepts (checked on the baseline).

usage: check_validate.py MINESIM_BINARY WORK_DIR
"""
import importlib.util
import os
import sys
import tomllib

import h5py
import numpy as np

from checks import check, failures, run  # noqa: E402
import make_ensemble  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TOOL = os.path.join(ROOT, "tools", "validate.py")
spec = importlib.util.spec_from_file_location("validate", TOOL)
validate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(validate)

STR = h5py.string_dtype()
AXES = {
    "sector": ["mine", "supplier", "asm", "local_economy", "farming_informal"],
    "gender": ["female", "male"], "skill": ["low", "semi", "high"],
    "age_group": ["0-14", "15-24", "25-64", "65+"], "location": ["in_country", "abroad"],
    "instrument": ["royalty", "corporate_income_tax", "payroll_tax", "other"],
    "category": ["catering_camp", "transport_logistics", "construction", "maintenance",
                 "consumables_fuel", "energy", "equipment_digital"],
    "origin": ["local", "national", "foreign"], "person_origin": ["local", "migrant", "expatriate"],
}
DIMS = {  # the output's time series the measures read, with their axes after time (docs/output.md)
    "employment": ["community", "sector", "gender", "skill"],
    "remote_employment": ["location", "gender", "skill"], "mine_employment": ["mine", "skill"],
    "employment_by_origin": ["sector", "person_origin", "skill"],
    "mean_wage": ["sector", "gender", "skill"], "women_share_mine_workforce": [],
    "mine_production": ["mine"], "asm_gold_output_kg": ["community"],
    "asm_miners": ["community", "gender"], "population": ["community", "gender", "age_group"],
    "female_headed_share": ["community"], "households": ["community"],
    "unemployed": ["community", "gender", "skill"], "poverty_rate": ["community"],
    "procurement_spend": ["mine", "category", "origin"], "government_revenue": ["instrument"],
    "asm_income_mean": ["community"], "asm_mercury_kg": ["community"],
}
SCEN = {"burkina": ("burkina_faso", "2020-01-01", 120), "drc": ("drc_copperbelt", "2023-01-01", 24),
        "global": ("global_asm", "2020-01-01", 12)}


def scenario_text(scen):
    with open(os.path.join(ROOT, "scenarios", SCEN[scen][0] + ".toml")) as f:
        return f.read()


def layout(scen):
    s = tomllib.loads(scenario_text(scen))
    return sorted(s.get("communities", {})), sorted(s.get("mines", {}))


def needs(scen):
    return sorted({v for fa in validate.facts().values() if fa.scen == scen for v in fa.needs})


def write_run(path, scen, values=None, drop=(), communities=None, mines=None, attrs=True):
    """A run file of scen's layout: every variable its measures read, ones unless `values` gives
    it (a function of the zero array, returning the array), without the variables in `drop`."""
    name, start, months = SCEN[scen]
    comms, mns = layout(scen)
    axes = dict(AXES, community=communities or comms, mine=mines if mines is not None else mns)
    with h5py.File(path, "w") as f:
        if attrs:
            f.attrs["Conventions"] = np.bytes_("CF-1.8")
            f.attrs["title"] = np.bytes_(f"minesim run: {name}")
            f.attrs["schema_version"] = np.int64(2)
            f.attrs["scenario"] = np.bytes_(scenario_text(scen).encode())
            f.attrs["scenario_file"] = np.bytes_(f"scenarios/{name}.toml")
            f.attrs["seed"] = np.uint64(1)
            f.attrs["start_date"] = np.bytes_(start)
            f.attrs["population_scale"] = 0.02
        scales = {}
        t = f.create_dataset("time", data=np.arange(months, dtype=np.float64) * 30.0)
        t.make_scale("time")
        scales["time"] = t
        for ax, labs in axes.items():
            d = f.create_dataset(ax, data=labs, dtype=STR)
            d.make_scale(ax)
            scales[ax] = d
        d = f.create_dataset("intervention", shape=(0,), dtype=STR)
        d.make_scale("intervention")
        for var in needs(scen):
            if var in drop:
                continue
            shape = [months] + [len(axes[a]) for a in DIMS[var]]
            data = np.ones(shape)
            if values and var in values:
                data = values[var](np.zeros(shape), axes)
            ds = f.create_dataset(var, data=data)
            for i, a in enumerate(["time"] + DIMS[var]):
                ds.dims[i].attach_scale(scales[a])


def tool(*args):
    return run(["/usr/bin/python3", TOOL, *args])


def measured(path, scen):
    return {r.fid: r for r in validate.measure_all({scen: validate.Source(path, scen)})}


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


# ---- hand-computed values of the new measures ------------------------------------------------

def burkina_values(revenue_2021=600e6):
    def revenue(z, ax):
        z[:] = 1e6                                   # 4 M a month outside 2021
        z[12:24] = revenue_2021 / 12 / 4             # 2021 = months 12..23
        return z

    def miners(z, ax):
        c = ax["community"]
        for i, name in enumerate(c):
            if name.startswith("asm_"):
                z[:, i, 0] = 10 + i                  # female
                z[:, i, 1] = 30
            else:
                z[:, i, 0] = 500                     # outside the asm_* communities: not counted
        z[6:12, c.index("asm_nord"), 0] += 60       # second half of 2020: more women at one site
        return z

    def poverty(z, ax):
        z[:] = 0.4
        z[:, ax["community"].index("asm_centre_nord")] = 0.6
        z[3, ax["community"].index("asm_centre_nord")] = 0.9   # one month of 2020
        return z

    def population(z, ax):
        for i in range(len(ax["community"])):
            z[:, i] = (i + 1) * 100 / 8              # community i: (i + 1) * 100 persons
        return z

    return {"government_revenue": revenue, "asm_miners": miners, "poverty_rate": poverty,
            "population": population}


def burkina_expected(revenue_2021=600e6):
    comms, _ = layout("burkina")
    asm = [i for i, c in enumerate(comms) if c.startswith("asm_")]
    nord = comms.index("asm_nord")
    shares = []
    for month in range(12):
        fem = sum(10 + i + (60 if (i == nord and month >= 6) else 0) for i in asm)
        shares.append(fem / (fem + 30 * len(asm)))
    pop = np.array([(i + 1) * 100.0 for i in range(len(comms))])
    cn = comms.index("asm_centre_nord")
    months = []
    for month in range(12):
        rate = np.full(len(comms), 0.4)
        rate[cn] = 0.9 if month == 3 else 0.6
        months.append((rate * pop).sum() / pop.sum())
    own = (0.6 * 11 + 0.9) / 12
    return {"B12": revenue_2021, "B13": float(np.mean(shares)), "B14": own - float(np.mean(months))}


def drc_values(kibali_local=10e6):
    def employment(z, ax):
        c, mine = ax["community"], 0
        for name, (f, m) in {"kolwezi": (3, 40), "kamoa_villages": (2, 15), "watsa": (50, 50)}.items():
            z[:, c.index(name), mine, 0, 1] = f
            z[:, c.index(name), mine, 1, 1] = m
        z[12:, c.index("kolwezi"), mine, 0, 1] = 100   # 2024: not in the first recorded year
        return z

    def spend(z, ax):
        k = ax["mine"].index("kibali")
        z[:, k, 0, 0] = kibali_local                 # catering, local
        z[:, k, 1, 1] = 2e6                          # transport, national
        z[:, k, 2, 2] = 50e6                         # construction, foreign: not in-country
        z[:, ax["mine"].index("kamoa_kakula"), 0, 0] = 99e6   # another mine: not Kibali's
        return z

    return {"employment": employment, "procurement_spend": spend}


def drc_expected(kibali_local=10e6):
    return {"D6": 5 / 60, "D7": 12 * (kibali_local + 2e6)}


def global_values():
    def gold(z, ax):
        c = ax["community"]
        z[:, c.index("ghana")] = 3500                # kg a month
        z[:, c.index("sudan")] = 6000
        z[:, c.index("burkina_faso")] = 2000
        return z

    def miners(z, ax):
        c = ax["community"]
        z[:, :, :] = 100
        z[:, c.index("tanzania"), 0], z[:, c.index("tanzania"), 1] = 25, 75
        z[:, c.index("ghana"), 0], z[:, c.index("ghana"), 1] = 45, 55
        z[:, c.index("mali"), 0], z[:, c.index("mali"), 1] = 150, 150
        return z

    return {"asm_gold_output_kg": gold, "asm_miners": miners}


GLOBAL_EXPECTED = {"G6": 42.0, "G7": 72.0, "G8": 24.0, "G9": 0.25, "G10": 195 / 400}


def check_measures(work):
    bf = os.path.join(work, "bf.h5")
    write_run(bf, "burkina", burkina_values())
    got = measured(bf, "burkina")
    for fid, want in burkina_expected().items():
        check(close(got[fid].value, want), f"{fid} = {got[fid].value}, hand-computed {want}")
    drc = os.path.join(work, "drc.h5")
    write_run(drc, "drc", drc_values())
    got = measured(drc, "drc")
    for fid, want in drc_expected().items():
        check(close(got[fid].value, want), f"{fid} = {got[fid].value}, hand-computed {want}")
    ga = os.path.join(work, "ga.h5")
    write_run(ga, "global", global_values())
    got = measured(ga, "global")
    for fid, want in GLOBAL_EXPECTED.items():
        check(close(got[fid].value, want), f"{fid} = {got[fid].value}, hand-computed {want}")
    kinds = {fid: fa.kind for fid, fa in validate.facts().items()}
    new = ["B12", "B13", "B14", "D6", "D7", "G6", "G7", "G8", "G9", "G10"]
    old = ["B2", "B3", "B7", "B10", "D1", "D2", "D3", "D4", "D5", "G3", "G4", "G5"]
    check(sorted(k for k, v in kinds.items() if v == "new") == sorted(new), f"new facts: {kinds}")
    check(sorted(k for k, v in kinds.items() if v == "old") == sorted(old), f"old facts: {kinds}")
    check(len(kinds) == 32, f"32 checks: {len(kinds)}")
    # The table's tolerances (docs/validation.md), unchanged.
    tol = {"B12": (395e6, 880e6), "B13": (0.25, 0.50), "B14": (0.03, 0.25), "D6": (0.06, 0.15),
           "D7": (110e6, 400e6), "G6": (30, 62), "G7": (45, 100), "G8": (18, 40), "G9": (0.15, 0.35),
           "G10": (0.38, 0.60)}
    for fid, (lo, hi) in tol.items():
        fa = validate.facts()[fid]
        check((fa.lo, fa.hi) == (lo, hi), f"{fid} tolerance {fa.lo}-{fa.hi}, table {lo}-{hi}")
    # The command line: three tables, kind column, id first and pass/fail last.
    st, out, err = tool("--burkina", bf, "--drc", drc, "--global", ga, "--format", "markdown")
    check(st == 0, f"markdown run: status {st}, {err}")
    check(out.count("| id | kind |") == 3, f"three tables: {out}")
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| id")]
    check(len(rows) == 32, f"32 rows: {len(rows)}")
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        check(cells[0] in kinds and cells[1] == kinds[cells[0]], f"row starts with id, kind: {line}")
        check(cells[-1] in ("pass", "**fail**"), f"row ends with the verdict: {line}")
    b12 = next(line for line in rows if line.startswith("| B12 "))
    check(b12.endswith("| pass |") and "600 M USD" in b12, f"B12 row: {b12}")
    st, out, err = tool("--global", ga)
    check(st == 0 and "new out-of-sample" in out and "G10" in out, f"text format: {st} {out} {err}")
    return bf, drc, ga


# ---- ensembles -------------------------------------------------------------------------------

def check_ensemble(work):
    # 11 members, the 11th incomplete; B12 passes for seeds 1-9 (600 M), fails for seed 10
    # (1,000 M); ensemble mean 640 M: pass and robust. D7 with 8 of 10 inside: pass, not robust.
    members, dmembers = [], []
    for seed in range(1, 12):
        p = os.path.join(work, f"bf_s{seed}.h5")
        write_run(p, "burkina", burkina_values(1000e6 if seed == 10 else 600e6))
        members.append(("base", seed, 0, p))
        q = os.path.join(work, f"drc_s{seed}.h5")
        write_run(q, "drc", drc_values(40e6 if seed in (3, 7) else 10e6))  # 504 M: outside
        dmembers.append(("base", seed, 0, q))
    ens, dens = os.path.join(work, "bf_ens.h5"), os.path.join(work, "drc_ens.h5")
    make_ensemble.build(ens, members, incomplete=["base/s11/p0"])
    make_ensemble.build(dens, dmembers, incomplete=["base/s11/p0"])
    got = measured(ens, "burkina")
    b12 = got["B12"]
    check(close(b12.value, 640e6), f"ensemble B12 mean {b12.value}, want 640e6")
    check((b12.passing, b12.n, b12.ok, b12.robust) == (9, 10, True, True),
          f"B12 ensemble: {b12.passing}/{b12.n} ok={b12.ok} robust={b12.robust}")
    want = burkina_expected()
    check(close(got["B13"].value, want["B13"]) and got["B13"].n == 10, f"B13 ensemble {got['B13']}")
    d7 = measured(dens, "drc")["D7"]
    check(close(d7.value, (8 * 144e6 + 2 * 504e6) / 10), f"D7 ensemble mean {d7.value}")
    check((d7.passing, d7.n, d7.ok, d7.robust) == (8, 10, True, False),
          f"D7 ensemble: {d7.passing}/{d7.n} ok={d7.ok} robust={d7.robust}")
    st, out, err = tool("--burkina", ens, "--drc", dens, "--format", "markdown")
    check(st == 0, f"ensemble markdown: {st} {err}")
    check("| robust | verdict |" in out, f"robust column before the verdict: {out}")
    row = next((line for line in out.splitlines() if line.startswith("| D7 ")), "")
    check(row.endswith("| 8 | 10 | no | pass |"), f"D7 row: {row}")
    row = next((line for line in out.splitlines() if line.startswith("| B12 ")), "")
    check(row.endswith("| 9 | 10 | robust | pass |") and "640 M USD" in row, f"B12 row: {row}")
    return ens, dens, members, dmembers


# ---- --record and --check --------------------------------------------------------------------

def check_record(work, bf, ens, dens, dmembers):
    rec = os.path.join(work, "verdicts.toml")
    st, _, err = tool("--burkina", bf, "--record", rec)
    check(st == 0 and os.path.exists(rec), f"--record: {st} {err}")
    with open(rec, "rb") as f:
        doc = tomllib.load(f)
    check(doc["verdicts"].get("B12") == "pass", f"recorded B12: {doc}")
    st, _, err = tool("--burkina", bf, "--check", rec)
    check(st == 0, f"--check, same file: status {st}, {err}")
    changed = os.path.join(work, "bf_changed.h5")
    write_run(changed, "burkina", burkina_values(200e6))      # B12 now fails
    st, _, err = tool("--burkina", changed, "--check", rec)
    check(st == 1 and "B12" in err and "recorded pass, now fail" in err, f"--check, changed: {st} {err}")
    check("B13" not in err, f"only the changed fact is named: {err}")
    st, _, err = tool("--drc", dens, "--check", rec)
    check(st == 1 and "B12: recorded pass, not measured now" in err, f"--check, not measured: {st} {err}")
    # Ensembles: robustness is recorded, and a change of it alone is a change.
    erec = os.path.join(work, "ens_verdicts.toml")
    st, _, err = tool("--burkina", ens, "--drc", dens, "--record", erec)
    check(st == 0, f"--record ensemble: {st} {err}")
    with open(erec, "rb") as f:
        doc = tomllib.load(f)
    check(doc["verdicts"]["D7"] == {"verdict": "pass", "robust": False}, f"recorded D7: {doc}")
    st, _, err = tool("--burkina", ens, "--drc", dens, "--check", erec)
    check(st == 0, f"--check ensemble, same files: {st} {err}")
    fixed = [(a, s, p, q) for a, s, p, q in dmembers]
    for seed in (3, 7):
        write_run(fixed[seed - 1][3], "drc", drc_values(10e6))  # every seed inside now
    dens2 = os.path.join(work, "drc_ens2.h5")
    make_ensemble.build(dens2, fixed, incomplete=["base/s11/p0"])
    st, _, err = tool("--burkina", ens, "--drc", dens2, "--check", erec)
    check(st == 1 and "D7: recorded pass, not robust, now pass, robust" in err,
          f"--check, robustness changed: {st} {err}")
    bad = os.path.join(work, "bad_record.toml")
    with open(bad, "w") as f:
        f.write('[verdicts]\nB99 = "pass"\n')
    st, _, err = tool("--burkina", bf, "--check", bad)
    check(st == 2 and "B99" in err, f"record with an unknown fact: {st} {err}")


# ---- wrong files -----------------------------------------------------------------------------

def refused(what, args, words):
    st, out, err = tool(*args)
    lines = err.strip().splitlines()
    check(st == 2, f"{what}: status {st}, want 2 ({err})")
    check(len(lines) == 1 and "Traceback" not in err, f"{what}: one line, no traceback: {err}")
    for w in words:
        check(w in err, f"{what}: message names '{w}': {err}")


def check_wrong_files(work, bf, drc, members):
    txt = os.path.join(work, "notes.h5")
    with open(txt, "w") as f:
        f.write("not hdf5\n")
    refused("not HDF5", ["--burkina", txt], ["not an HDF5 file"])
    refused("no file", ["--burkina", os.path.join(work, "absent.h5")], ["no such file"])
    foreign = os.path.join(work, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = np.arange(3.0)
    refused("not minesim", ["--drc", foreign], ["not a minesim output"])
    noattrs = os.path.join(work, "noattrs.h5")
    write_run(noattrs, "burkina", attrs=False)
    refused("no attributes", ["--burkina", noattrs], ["not a minesim output"])
    novar = os.path.join(work, "novar.h5")
    write_run(novar, "burkina", drop=("government_revenue",))
    refused("missing variable", ["--burkina", novar], ["government_revenue", "B12"])
    comms = [c for c in layout("burkina")[0] if c != "asm_centre_nord"]
    nocomm = os.path.join(work, "nocomm.h5")
    write_run(nocomm, "burkina", communities=comms)
    refused("missing community", ["--burkina", nocomm], ["asm_centre_nord", "B14"])
    mines = [m for m in layout("drc")[1] if m != "kibali"]
    nomine = os.path.join(work, "nomine.h5")
    write_run(nomine, "drc", mines=mines)
    refused("missing mine", ["--drc", nomine], ["kibali", "D4"])
    wrong = os.path.join(work, "wrong_scenario.h5")  # Burkina's calendar, the global case's places
    write_run(wrong, "burkina", communities=layout("global")[0], mines=layout("global")[1])
    refused("wrong scenario", ["--burkina", wrong], ["asm_* community", "B13", "burkina_faso"])
    two = os.path.join(work, "two_arms.h5")
    make_ensemble.build(two, [("base", 1, 0, members[0][3]), ("other", 1, 0, members[1][3])])
    refused("two arms", ["--burkina", two], ["2 arms"])
    none = os.path.join(work, "none_complete.h5")
    make_ensemble.build(none, members[:2], incomplete=["base/s1/p0", "base/s2/p0"])
    refused("no complete member", ["--burkina", none], ["no complete member"])
    refused("unknown fact", ["--burkina", bf, "--expect-pass", "B12,Q1"], ["Q1"])


# ---- plans -----------------------------------------------------------------------------------

def check_plans(minesim, work):
    want = {"validation_burkina": ("burkina", 120), "validation_drc": ("drc", 24),
            "validation_global": ("global", 12), "validation_ci": ("burkina", 120)}
    for stem, (scen, months) in want.items():
        path = os.path.join(ROOT, "plans", stem + ".toml")
        with open(path, "rb") as f:
            p = tomllib.load(f)
        keep = set(p.get("variables", []))
        lacking = [v for v in needs(scen) if v not in keep]
        check(not lacking, f"{stem}: variables lack {lacking}")
        check(p.get("months") == months, f"{stem}: months {p.get('months')}, want {months}")
        arm = p["arms"]["base"]["scenario"]
        check(arm.endswith(SCEN[scen][0] + ".toml") and len(p["arms"]) == 1, f"{stem}: arm {arm}")
        seeds = p.get("seeds") or list(range(1, p.get("replicates", 0) + 1))
        if stem == "validation_ci":
            check(len(seeds) == 2 and p.get("population_scale", 1) < 0.02, f"{stem}: reduced set {p}")
        else:
            check(seeds == list(range(1, 11)) and "population_scale" not in p,
                  f"{stem}: seeds 1-10 at the shipped scale: {p}")
        # The names are ones minesim ensemble keeps (checked on the baseline, one month).
        tiny = os.path.join(work, f"{stem}_names.toml")
        with open(tiny, "w") as f:
            f.write(f"months = 1\npopulation_scale = 0.1\nseeds = [1]\nvariables = {sorted(keep)!r}\n"
                    f"[arms.base]\nscenario = \"{ROOT}/scenarios/baseline.toml\"\n".replace("'", '"'))
        st, _, err = run([minesim, "ensemble", tiny, "-o", os.path.join(work, f"{stem}_names.h5"), "-q"])
        check(st == 0, f"{stem}: minesim ensemble refuses its variables: {err}")


def main():
    minesim, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    bf, drc, ga = check_measures(work)
    ens, dens, members, dmembers = check_ensemble(work)
    check_record(work, bf, ens, dens, dmembers)
    check_wrong_files(work, bf, drc, members)
    check_plans(minesim, work)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("validate.py checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
