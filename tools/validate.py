#!/usr/bin/python3
"""Compare minesim runs of the case scenarios with observed facts (docs/validation.md).

    tools/validate.py --burkina BF.h5 --drc DRC.h5 --global GA.h5 [--format markdown|text]
                      [--expect-pass B1,B2,...]

Each fact is measured from the output file of its scenario (the facts of a scenario whose file is
not given are skipped). The tolerances are those committed in docs/validation.md before the
results were known; do not widen them here. With --expect-pass the exit status is 1 when any of
the listed facts is outside its tolerance (the validation tests use this at reduced scale).
Uses Debian's python3-h5py and python3-numpy only.
"""
import argparse
import sys
import tomllib

import h5py
import numpy as np


def labels(f, name):
    return [x.decode() if isinstance(x, bytes) else str(x) for x in f[name][:]]


class Run:
    """One output file: its arrays, labels, resolved scenario and calendar."""

    def __init__(self, path):
        self.f = h5py.File(path, "r")
        self.scenario = tomllib.loads(self.f.attrs["scenario"].decode()
                                      if isinstance(self.f.attrs["scenario"], bytes)
                                      else self.f.attrs["scenario"])
        start = self.f.attrs["start_date"]
        start = start.decode() if isinstance(start, bytes) else str(start)
        y, m = int(start[:4]), int(start[5:7])
        n = self.f["time"].shape[0]
        self.years = np.array([y + (m - 1 + i) // 12 for i in range(n)])
        self.months = np.array([(m - 1 + i) % 12 + 1 for i in range(n)])
        self.first_year = int(self.years[0])

    def __getitem__(self, name):
        return self.f[name][:]

    def year(self, year):
        sel = self.years == year
        if not sel.any():
            raise ValueError(f"year {year} is not in the run")
        return sel

    def index(self, year, month):
        return int(np.flatnonzero((self.years == year) & (self.months == month))[0])

    def idx(self, dim, label):
        return labels(self.f, dim).index(label)


def mine_workforce(r):
    remote = r["remote_employment"][:, r.idx("location", "in_country")].sum(axis=(1, 2))
    return r["mine_employment"].sum(axis=(1, 2)) + remote


def origin_shares(r, skill=None):
    """Monthly nationals' share (local + migrant) of mine employment, optionally of one skill."""
    e = r["employment_by_origin"][:, r.idx("sector", "mine")]  # time, origin, skill
    if skill is not None:
        e = e[:, :, r.idx("skill", skill)]
    else:
        e = e.sum(axis=2)
    expat = e[:, r.idx("person_origin", "expatriate")]
    total = e.sum(axis=1)
    return 1.0 - expat / np.where(total > 0, total, np.nan)


def expat_wage_bill_share(r, sel):
    mine = r.idx("sector", "mine")
    emp = r["employment"][sel][:, :, mine].sum(axis=1)  # time, gender, skill
    wage = r["mean_wage"][sel][:, mine]                   # time, gender, skill
    wage = np.nan_to_num(wage)
    bill = (emp * wage).sum()
    per_skill = (emp * wage).sum(axis=1) / np.maximum(emp.sum(axis=1), 1e-12)  # time, skill
    expat = r["employment_by_origin"][sel][:, mine, r.idx("person_origin", "expatriate")]
    return (expat * per_skill).sum() / bill


def gold_output_t(r, sel):
    names = labels(r.f, "mine")
    prod = r["mine_production"][sel]
    total = 0.0
    for j, name in enumerate(names):
        mp = r.scenario["mines"][name]
        if mp.get("commodity", "gold") != "gold":
            continue
        total += prod[:, j].sum() * mp["grade"] * mp.get("recovery", 0.9) / 1e6
    return total


def weighted_poverty(r, sel):
    pop = r["population"][sel].sum(axis=(2, 3))
    return float((r["poverty_rate"][sel] * pop).sum(axis=1).mean() / pop.sum(axis=1).mean())


def unemployment(r, sel):
    u = r["unemployed"][sel].sum(axis=(1, 2, 3))
    e = r["employment"][sel].sum(axis=(1, 2, 3, 4))
    return float((u / (u + e)).mean())


def kibali_purchases_to_wages(r, sel, mine="kibali"):
    j = r.idx("mine", mine)
    spend = r["procurement_spend"][sel][:, j]  # time, category, origin
    in_country = spend[:, :, r.idx("origin", "local")].sum() + spend[:, :, r.idx("origin", "national")].sum()
    s = r.scenario
    wages = list(s["wages"]["mine_usd"])
    level = s["mines"][mine].get("wage_level", 1.0)
    per_skill = np.array([wages[0] * level, wages[1] * level, wages[2]])
    bill = (r["mine_employment"][sel][:, j] * per_skill).sum()
    return in_country / bill


def asm_gold_income(r, sel):
    comms = labels(r.f, "community")
    gold = {site["community"] for site in r.scenario.get("asm_sites", {}).values()
            if site.get("commodity", "gold") == "gold"}
    cols = [comms.index(c) for c in sorted(gold)]
    miners = r["asm_miners"][sel][:, cols].sum(axis=2)
    income = np.nan_to_num(r["asm_income_mean"][sel][:, cols])
    return float((income * miners).sum() / miners.sum())


# id: (scenario, fact, measure(run) -> value, low, high, unit, scale for display)
def facts():
    def y(r, year):
        return r.year(year)

    return {
        "B1": ("burkina", "9,406 formal mining jobs (2023)",
               lambda r: mine_workforce(r)[y(r, 2023)].mean(), 8465, 10347, "jobs", 1),
        "B2": ("burkina", "nationals 96.2 % of mining staff (2023)",
               lambda r: np.nanmean(origin_shares(r)[y(r, 2023)]), 0.93, 0.99, "%", 100),
        "B3": ("burkina", "expatriates receive 21.4 % of the mining wage bill (2023)",
               lambda r: expat_wage_bill_share(r, y(r, 2023)), 0.15, 0.28, "%", 100),
        "B4a": ("burkina", "women 8.2 % of the mining workforce (2020)",
                lambda r: np.nanmean(r["women_share_mine_workforce"][y(r, 2020)]), 0.06, 0.12, "%", 100),
        "B4b": ("burkina", "women 9.5 % of the mining workforce (2023)",
                lambda r: np.nanmean(r["women_share_mine_workforce"][y(r, 2023)]), 0.06, 0.12, "%", 100),
        "B5": ("burkina", "industrial gold output 60-62 t (2020)",
               lambda r: gold_output_t(r, y(r, 2020)), 52, 70, "t", 1),
        "B6": ("burkina", "~68 g of gold per artisanal miner-year (2016)",
               lambda r: r["asm_gold_output_kg"][y(r, 2020)].sum() * 1000
               / r["asm_miners"][y(r, 2020)].sum(axis=(1, 2)).mean(), 51, 85, "g", 1),
        "B7": ("burkina", "population growth 2.93 %/yr",
               lambda r: (r["population"][r.index(2029, 12)].sum() / r["population"][r.index(2020, 1)].sum())
               ** (12 / 119) - 1, 0.024, 0.034, "%/yr", 100),
        "B8": ("burkina", "16 % of households female-headed",
               lambda r: float((r["female_headed_share"][y(r, 2020)] * r["households"][y(r, 2020)]).sum()
                               / r["households"][y(r, 2020)].sum()), 0.12, 0.20, "%", 100),
        "B9": ("burkina", "unemployment 7.1 %",
               lambda r: unemployment(r, y(r, 2020)), 0.05, 0.095, "%", 100),
        "B10": ("burkina", "poverty above 40 % (41.4 %, 2018/19)",
                lambda r: weighted_poverty(r, y(r, 2020)), 0.40, 0.55, "%", 100),
        "B11": ("burkina", "local capture ~15 % of mining supplies (2018)",
                lambda r: r["procurement_spend"][y(r, 2020)][:, :, :, r.idx("origin", "local")].sum()
                / r["procurement_spend"][y(r, 2020)].sum(), 0.10, 0.20, "%", 100),
        "D1": ("drc", "95 % Congolese (Kibali), 91 % from the region (Kamoa-Kakula)",
               lambda r: np.nanmean(origin_shares(r)[y(r, r.first_year)]), 0.90, 0.99, "%", 100),
        "D2": ("drc", "Congolese hold 76 % of Kibali's leadership",
               lambda r: np.nanmean(origin_shares(r, "high")[y(r, r.first_year)]), 0.65, 0.87, "%", 100),
        "D3": ("drc", "63 % below the poverty line (2015)",
               lambda r: weighted_poverty(r, y(r, r.first_year)), 0.50, 0.75, "%", 100),
        "D4": ("drc", "Kibali in-country purchases ~3.9 x its wage bill",
               lambda r: kibali_purchases_to_wages(r, y(r, r.first_year)), 2.5, 5.5, "x", 1),
        "D5": ("drc", "artisanal miners earn US$25-200 a week",
               lambda r: asm_gold_income(r, y(r, r.first_year)), 108, 867, "USD/month", 1),
        "G1": ("global", "~45 M ASM miners (2020)",
               lambda r: r["asm_miners"][y(r, 2020)].sum(axis=(1, 2)).mean(), 38.0e6, 51.5e6, "M", 1e-6),
        "G2": ("global", "~150 M people depend on ASM",
               lambda r: r["population"][y(r, 2020)].sum(axis=(1, 2, 3)).mean(), 127.5e6, 172.5e6, "M", 1e-6),
        "G3": ("global", "women ~30 % of ASM workers",
               lambda r: r["asm_miners"][y(r, 2020)][:, :, r.idx("gender", "female")].sum()
               / r["asm_miners"][y(r, 2020)].sum(), 0.22, 0.38, "%", 100),
        "G4": ("global", "artisanal gold 380-450 t/yr",
               lambda r: r["asm_gold_output_kg"][y(r, 2020)].sum() / 1000, 300, 550, "t", 1),
        "G5": ("global", "ASGM mercury to air ~838 t/yr",
               lambda r: r["asm_mercury_kg"][y(r, 2020)].sum() / 1000, 838, 2514, "t", 1),
    }


def fmt(value, unit, scale):
    v = value * scale
    if unit == "%":
        return f"{v:.1f} {unit}"
    if unit == "%/yr":
        return f"{v:.2f} {unit}"
    if abs(v) >= 1000:
        return f"{v:,.0f} {unit}"
    return f"{v:.3g} {unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--burkina", help="output of scenarios/burkina_faso.toml")
    ap.add_argument("--drc", help="output of scenarios/drc_copperbelt.toml")
    ap.add_argument("--global", dest="global_", help="output of scenarios/global_asm.toml")
    ap.add_argument("--format", choices=["markdown", "text"], default="text")
    ap.add_argument("--expect-pass", default="", help="comma-separated fact ids that must pass")
    a = ap.parse_args()
    paths = {"burkina": a.burkina, "drc": a.drc, "global": a.global_}
    runs = {k: Run(p) for k, p in paths.items() if p}
    if not runs:
        ap.error("give at least one of --burkina, --drc, --global")
    results = {}
    for fid, (scen, text, measure, lo, hi, unit, scale) in facts().items():
        if scen not in runs:
            continue
        value = float(measure(runs[scen]))
        ok = lo <= value <= hi
        results[fid] = ok
        span = f"{fmt(lo, unit, scale)} – {fmt(hi, unit, scale)}"
        if a.format == "markdown":
            print(f"| {fid} | {text} | {span} | {fmt(value, unit, scale)} | {'pass' if ok else '**fail**'} |")
        else:
            print(f"{fid:4} {'pass' if ok else 'FAIL'}  {fmt(value, unit, scale):>16}  in [{span}]  {text}")
    wanted = [x for x in a.expect_pass.split(",") if x]
    missing = [x for x in wanted if x not in results]
    failed = [x for x in wanted if x in results and not results[x]]
    if missing:
        print(f"validate: facts not measured (no file for their scenario): {', '.join(missing)}", file=sys.stderr)
    if failed:
        print(f"validate: expected to pass but failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
