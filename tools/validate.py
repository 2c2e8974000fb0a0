#!/usr/bin/python3
"""Compare minesim runs or ensembles of the case scenarios with observed facts (docs/validation.md).

    tools/validate.py [--burkina FILE] [--drc FILE] [--global FILE] [--format markdown|text]
                      [--expect-pass B1,B2,...] [--record VERDICTS.toml] [--check VERDICTS.toml]

FILE is the output of `minesim run` of the fact's scenario, or of `minesim ensemble` of a plan
with one arm over several seeds (plans/validation_*.toml; told apart by its `member` axis). Each
fact is measured from the file of its scenario (the facts of a scenario whose file is not given
are skipped). The tolerances are those committed in docs/validation.md before the results were
known; do not widen them here.

Every fact has a kind: `calibration` (used to set a parameter), `old` (the 12 out-of-sample facts
of the first validation) or `new` (the 10 out-of-sample facts of the second one, B12-B14, D6, D7,
G6-G10). The three groups are reported as separate tables; each row has the fact's id first and
`pass` or `fail` last.

On an ensemble file each fact is measured on each complete member (`completed == 1`), and the
row gives the mean of those values, the number of members whose value is inside the tolerance and
n: the fact passes when the ensemble mean is inside the tolerance, and is `robust` when at least
90 % of the members pass (9 of 10 seeds).

--expect-pass: exit status 1 when any listed fact is outside its tolerance or not measured.
--record FILE: write the verdicts (with `robust` for ensembles) as TOML.
--check FILE: compare with verdicts recorded by --record; exit status 1, naming each fact, when a
verdict (or robustness) changed or a recorded fact was not measured.
A file that cannot be measured (not HDF5, not a minesim output, a variable, year, community or
mine a measure needs missing, an ensemble of several arms or a sweep) is exit status 2 with a
one-line message. Uses Debian's python3-h5py and python3-numpy only.
"""
import argparse
import os
import sys
import tempfile
import tomllib
import warnings
from collections import namedtuple

import h5py
import numpy as np

SCENARIO_FILES = {"burkina": "burkina_faso", "drc": "drc_copperbelt", "global": "global_asm"}
OPTION = {"burkina": "--burkina", "drc": "--drc", "global": "--global"}
KINDS = {"calibration": "calibration checks (facts used for calibration)",
         "old": "old out-of-sample checks (first validation: B2, B3, B7, B10, D1-D5, G3-G5)",
         "new": "new out-of-sample checks (second validation: B12-B14, D6, D7, G6-G10)"}


class BadInput(Exception):
    """A file that cannot be measured: reported in one line, exit status 2."""


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def labels(f, name):
    return [text(x) for x in f[name][:]]


class Source:
    """One input file: a run file, or an ensemble file (member axis first) of one arm."""

    def __init__(self, path, scen):
        self.path, self.scen = path, scen
        if not os.path.isfile(path):
            raise BadInput(f"{path}: no such file")
        try:
            self.f = h5py.File(path, "r")
        except (OSError, ValueError) as e:
            raise BadInput(f"{path}: not an HDF5 file ({str(e).splitlines()[0] if str(e) else e})")
        f = self.f
        if "start_date" not in f.attrs or "time" not in f or "schema_version" not in f.attrs:
            raise BadInput(f"{path}: not a minesim output (no time axis, start_date or "
                           f"schema_version attribute)")
        self.ensemble = "member" in f
        if self.ensemble:
            for name in ("completed", "scenario", "arm", "point"):
                if name not in f:
                    raise BadInput(f"{path}: an ensemble file without its member variable '{name}'")
            arms = sorted(set(labels(f, "arm")))
            if len(arms) != 1:
                raise BadInput(f"{path}: ensemble of {len(arms)} arms ({', '.join(arms)}); a "
                               f"validation ensemble has one arm over seeds")
            if (f["point"][:] != 0).any():
                raise BadInput(f"{path}: ensemble with a parameter sweep; a validation ensemble "
                               f"has one point over seeds")
            self.members = [int(i) for i in np.flatnonzero(f["completed"][:] == 1)]
            if not self.members:
                raise BadInput(f"{path}: ensemble with no complete member")
            self.seeds = [int(s) for s in f["seed"][:]] if "seed" in f else self.members
        elif "scenario" not in f.attrs:
            raise BadInput(f"{path}: not a minesim run output (no scenario attribute)")
        try:
            start = text(f.attrs["start_date"])
            y, m = int(start[:4]), int(start[5:7])
        except (ValueError, TypeError):
            raise BadInput(f"{path}: start_date '{f.attrs['start_date']}' is not YYYY-MM-DD")
        n = f["time"].shape[0]
        self.years = np.array([y + (m - 1 + i) // 12 for i in range(n)])
        self.months = np.array([(m - 1 + i) % 12 + 1 for i in range(n)])

    def runs(self):
        if self.ensemble:
            return [Run(self, i) for i in self.members]
        return [Run(self, None)]

    def missing(self, needs):
        return [v for v in needs if v not in self.f]


class Run:
    """One run (a run file, or one member of an ensemble): arrays, labels, scenario, calendar."""

    def __init__(self, src, member):
        self.src, self.f, self.member, self.fact = src, src.f, member, "?"
        raw = src.f["scenario"][member] if member is not None else src.f.attrs["scenario"]
        try:
            self.scenario = tomllib.loads(text(raw))
        except tomllib.TOMLDecodeError as e:
            raise BadInput(f"{self.where()}: its scenario text is not TOML ({e})")
        self.years, self.months = src.years, src.months
        self.first_year = int(self.years[0]) if len(self.years) else 0
        self.cache = {}

    def where(self):
        if self.member is None:
            return self.src.path
        return f"{self.src.path} member {text(self.f['member'][self.member])}"

    def bad(self, what):
        return BadInput(f"{self.where()}: {what} (needed by {self.fact}; is it an output of "
                        f"scenarios/{SCENARIO_FILES[self.src.scen]}.toml?)")

    def __getitem__(self, name):
        if name not in self.cache:
            if name not in self.f:
                raise self.bad(f"variable '{name}' is missing")
            ds = self.f[name]
            self.cache[name] = ds[self.member] if self.member is not None else ds[:]
        return self.cache[name]

    def year(self, year):
        sel = self.years == year
        if not sel.any():
            raise self.bad(f"year {year} is not in the file ({self.span()})")
        return sel

    def span(self):
        if not len(self.years):
            return "no month recorded"
        return (f"months {self.years[0]}-{self.months[0]:02d} to "
                f"{self.years[-1]}-{self.months[-1]:02d} recorded")

    def index(self, year, month):
        hit = np.flatnonzero((self.years == year) & (self.months == month))
        if not len(hit):
            raise self.bad(f"month {year}-{month:02d} is not in the file ({self.span()})")
        return int(hit[0])

    def idx(self, dim, label):
        if dim not in self.f:
            raise self.bad(f"axis '{dim}' is missing")
        names = labels(self.f, dim)
        if label not in names:
            raise self.bad(f"{dim} '{label}' is not in the file")
        return names.index(label)

    def mine_params(self, name):
        mines = self.scenario.get("mines", {})
        if name not in mines:
            raise self.bad(f"mine '{name}' is not in the file's scenario")
        return mines[name]


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
        mp = r.mine_params(name)
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


def in_country_purchases(r, sel, mine="kibali"):
    """A mine's purchases from local and national suppliers, all categories, summed over sel."""
    spend = r["procurement_spend"][sel][:, r.idx("mine", mine)]  # time, category, origin
    return float(spend[:, :, r.idx("origin", "local")].sum() + spend[:, :, r.idx("origin", "national")].sum())


def kibali_purchases_to_wages(r, sel, mine="kibali"):
    j = r.idx("mine", mine)
    in_country = in_country_purchases(r, sel, mine)
    s = r.scenario
    wages = list(s["wages"]["mine_usd"])
    level = r.mine_params(mine).get("wage_level", 1.0)
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


def asm_communities(r):
    """The communities named asm_* (Burkina Faso's nine ASM regions)."""
    names = [c for c in labels(r.f, "community") if c.startswith("asm_")]
    if not names:
        raise r.bad("no asm_* community in the file")
    return names


def female_share_asm(r, sel, communities):
    """Female / all `asm_miners` summed over the communities, per month; the months' mean."""
    m = r["asm_miners"][sel][:, [r.idx("community", c) for c in communities]]  # time, c, gender
    female = m[:, :, r.idx("gender", "female")].sum(axis=1)
    total = m.sum(axis=(1, 2))
    return float(np.nanmean(female / np.where(total > 0, total, np.nan)))


def female_share_mine_jobs(r, sel, communities):
    """Female / all `employment` in sector mine summed over the communities, per month; mean."""
    e = r["employment"][sel][:, [r.idx("community", c) for c in communities], r.idx("sector", "mine")]
    female = e[:, :, r.idx("gender", "female")].sum(axis=(1, 2))  # e: time, c, gender, skill
    total = e.sum(axis=(1, 2, 3))
    return float(np.nanmean(female / np.where(total > 0, total, np.nan)))


def poverty_gap(r, sel, community):
    """The community's poverty rate (the months' mean) minus B10's population-weighted rate."""
    own = np.nanmean(r["poverty_rate"][sel][:, r.idx("community", community)])
    return float(own - weighted_poverty(r, sel))


def asm_gold_t(r, sel, community):
    return float(r["asm_gold_output_kg"][sel][:, r.idx("community", community)].sum() / 1000)


Fact = namedtuple("Fact", "scen kind text measure lo hi unit scale needs")


def facts():
    """id -> Fact(scenario, kind, text, measure(run) -> value, low, high, unit, display scale,
    the output variables the measure reads)."""
    def y(r, year):
        return r.year(year)

    def fy(r):
        return r.year(r.first_year)

    def F(scen, kind, txt, measure, lo, hi, unit, scale, needs):
        return Fact(scen, kind, txt, measure, lo, hi, unit, scale, tuple(needs.split()))

    cal, old, new = "calibration", "old", "new"
    return {
        "B1": F("burkina", cal, "9,406 formal mining jobs (2023)",
                lambda r: mine_workforce(r)[y(r, 2023)].mean(), 8465, 10347, "jobs", 1,
                "mine_employment remote_employment"),
        "B2": F("burkina", old, "nationals 96.2 % of mining staff (2023)",
                lambda r: np.nanmean(origin_shares(r)[y(r, 2023)]), 0.93, 0.99, "%", 100,
                "employment_by_origin"),
        "B3": F("burkina", old, "expatriates receive 21.4 % of the mining wage bill (2023)",
                lambda r: expat_wage_bill_share(r, y(r, 2023)), 0.15, 0.28, "%", 100,
                "employment mean_wage employment_by_origin"),
        "B4a": F("burkina", cal, "women 8.2 % of the mining workforce (2020)",
                 lambda r: np.nanmean(r["women_share_mine_workforce"][y(r, 2020)]), 0.06, 0.12, "%", 100,
                 "women_share_mine_workforce"),
        "B4b": F("burkina", cal, "women 9.5 % of the mining workforce (2023)",
                 lambda r: np.nanmean(r["women_share_mine_workforce"][y(r, 2023)]), 0.06, 0.12, "%", 100,
                 "women_share_mine_workforce"),
        "B5": F("burkina", cal, "industrial gold output 60-62 t (2020)",
                lambda r: gold_output_t(r, y(r, 2020)), 52, 70, "t", 1, "mine_production"),
        "B6": F("burkina", cal, "~68 g of gold per artisanal miner-year (2016)",
                lambda r: r["asm_gold_output_kg"][y(r, 2020)].sum() * 1000
                / r["asm_miners"][y(r, 2020)].sum(axis=(1, 2)).mean(), 51, 85, "g", 1,
                "asm_gold_output_kg asm_miners"),
        "B7": F("burkina", old, "population growth 2.93 %/yr",
                lambda r: (r["population"][r.index(2029, 12)].sum() / r["population"][r.index(2020, 1)].sum())
                ** (12 / 119) - 1, 0.024, 0.034, "%/yr", 100, "population"),
        "B8": F("burkina", cal, "16 % of households female-headed",
                lambda r: float((r["female_headed_share"][y(r, 2020)] * r["households"][y(r, 2020)]).sum()
                                / r["households"][y(r, 2020)].sum()), 0.12, 0.20, "%", 100,
                "female_headed_share households"),
        "B9": F("burkina", cal, "unemployment 7.1 %",
                lambda r: unemployment(r, y(r, 2020)), 0.05, 0.095, "%", 100, "unemployed employment"),
        "B10": F("burkina", old, "poverty above 40 % (41.4 %, 2018/19)",
                 lambda r: weighted_poverty(r, y(r, 2020)), 0.40, 0.55, "%", 100, "poverty_rate population"),
        "B11": F("burkina", cal, "local capture ~15 % of mining supplies (2018)",
                 lambda r: r["procurement_spend"][y(r, 2020)][:, :, :, r.idx("origin", "local")].sum()
                 / r["procurement_spend"][y(r, 2020)].sum(), 0.10, 0.20, "%", 100, "procurement_spend"),
        "B12": F("burkina", new, "extractive net revenues 564-678 M USD (2021)",
                 lambda r: float(r["government_revenue"][y(r, 2021)].sum()), 395e6, 880e6, "M USD", 1e-6,
                 "government_revenue"),
        "B13": F("burkina", new, "women ~45 % (29 % at two sites) of artisanal gold workers",
                 lambda r: female_share_asm(r, y(r, 2020), asm_communities(r)), 0.25, 0.50, "%", 100,
                 "asm_miners"),
        "B14": F("burkina", new, "Centre-Nord poverty 'one in two' against 36.7 % nationally",
                 lambda r: poverty_gap(r, y(r, 2020), "asm_centre_nord"), 0.03, 0.25, "pp", 100,
                 "poverty_rate population"),
        "D1": F("drc", old, "95 % Congolese (Kibali), 91 % from the region (Kamoa-Kakula)",
                lambda r: np.nanmean(origin_shares(r)[fy(r)]), 0.90, 0.99, "%", 100, "employment_by_origin"),
        "D2": F("drc", old, "Congolese hold 76 % of Kibali's leadership",
                lambda r: np.nanmean(origin_shares(r, "high")[fy(r)]), 0.65, 0.87, "%", 100,
                "employment_by_origin"),
        "D3": F("drc", old, "63 % below the poverty line (2015)",
                lambda r: weighted_poverty(r, fy(r)), 0.50, 0.75, "%", 100, "poverty_rate population"),
        "D4": F("drc", old, "Kibali in-country purchases ~3.9 x its wage bill",
                lambda r: kibali_purchases_to_wages(r, fy(r)), 2.5, 5.5, "x", 1,
                "procurement_spend mine_employment"),
        "D5": F("drc", old, "artisanal miners earn US$25-200 a week",
                lambda r: asm_gold_income(r, fy(r)), 108, 867, "USD/month", 1, "asm_miners asm_income_mean"),
        "D6": F("drc", new, "women 10 % of Ivanhoe Mines' workforce (2023)",
                lambda r: female_share_mine_jobs(r, fy(r), ["kolwezi", "kamoa_villages"]),
                0.06, 0.15, "%", 100,
                "employment"),
        "D7": F("drc", new, "Kibali's local suppliers ~160-300 M USD a year (2021-2023)",
                lambda r: in_country_purchases(r, fy(r)), 110e6, 400e6, "M USD", 1e-6, "procurement_spend"),
        "G1": F("global", cal, "~45 M ASM miners (2020)",
                lambda r: r["asm_miners"][y(r, 2020)].sum(axis=(1, 2)).mean(), 38.0e6, 51.5e6, "M", 1e-6,
                "asm_miners"),
        "G2": F("global", cal, "~150 M people depend on ASM",
                lambda r: r["population"][y(r, 2020)].sum(axis=(1, 2, 3)).mean(), 127.5e6, 172.5e6, "M", 1e-6,
                "population"),
        "G3": F("global", old, "women ~30 % of ASM workers",
                lambda r: r["asm_miners"][y(r, 2020)][:, :, r.idx("gender", "female")].sum()
                / r["asm_miners"][y(r, 2020)].sum(), 0.22, 0.38, "%", 100, "asm_miners"),
        "G4": F("global", old, "artisanal gold 380-450 t/yr",
                lambda r: r["asm_gold_output_kg"][y(r, 2020)].sum() / 1000, 300, 550, "t", 1,
                "asm_gold_output_kg"),
        "G5": F("global", old, "ASGM mercury to air ~838 t/yr",
                lambda r: r["asm_mercury_kg"][y(r, 2020)].sum() / 1000, 838, 2514, "t", 1, "asm_mercury_kg"),
        "G6": F("global", new, "Ghana small-scale gold 36.5 t (2020)",
                lambda r: asm_gold_t(r, y(r, 2020), "ghana"), 30, 62, "t", 1, "asm_gold_output_kg"),
        "G7": F("global", new, "Sudan artisanal gold ~66-76 t/yr (2015-2016)",
                lambda r: asm_gold_t(r, y(r, 2020), "sudan"), 45, 100, "t", 1, "asm_gold_output_kg"),
        "G8": F("global", new, "Burkina Faso ASGM ~27 t/yr",
                lambda r: asm_gold_t(r, y(r, 2020), "burkina_faso"), 18, 40, "t", 1, "asm_gold_output_kg"),
        "G9": F("global", new, "women 20-30 % of Tanzania's ASM workforce",
                lambda r: female_share_asm(r, y(r, 2020), ["tanzania"]), 0.15, 0.35, "%", 100, "asm_miners"),
        "G10": F("global", new, "women 45 % (Ghana), 50 % (Mali) of artisanal miners",
                 lambda r: female_share_asm(r, y(r, 2020), ["ghana", "mali"]), 0.38, 0.60, "%", 100,
                 "asm_miners"),
    }


def fmt(value, unit, scale):
    v = value * scale
    if not np.isfinite(v):
        return f"nan {unit}"
    if unit == "%":
        return f"{v:.1f} {unit}"
    if unit == "%/yr":
        return f"{v:.2f} {unit}"
    if unit == "pp":
        return f"{v:+.1f} {unit}"
    if abs(v) >= 1000:
        return f"{v:,.0f} {unit}"
    return f"{v:.3g} {unit}"


Result = namedtuple("Result", "fid fact value passing n ensemble ok robust")


def measure_all(sources):
    """Every fact of the given scenarios: a Result each, in the order of facts()."""
    table = facts()
    for scen, src in sources.items():
        gaps = {}  # missing variable -> the facts that need it
        for fid, fa in table.items():
            if fa.scen == scen:
                for v in src.missing(fa.needs):
                    gaps.setdefault(v, []).append(fid)
        if gaps:
            raise BadInput(f"{src.path}: variables the measures need are missing: "
                           + ", ".join(f"{v} ({' '.join(ids)})" for v, ids in gaps.items()))
    runs = {scen: src.runs() for scen, src in sources.items()}
    out = []
    for fid, fa in table.items():
        if fa.scen not in sources:
            continue
        values = []
        for r in runs[fa.scen]:
            r.fact = fid
            try:
                values.append(float(fa.measure(r)))
            except BadInput:
                raise
            except Exception as e:  # any other failure is a file the measure cannot read
                raise BadInput(f"{r.where()}: cannot measure {fid} ({type(e).__name__}: {e})")
        passing = sum(1 for v in values if fa.lo <= v <= fa.hi)
        n = len(values)
        mean = float(np.mean(values))
        ens = sources[fa.scen].ensemble
        ok = bool(fa.lo <= mean <= fa.hi)
        robust = (10 * passing >= 9 * n) if ens else None
        out.append(Result(fid, fa, mean, passing, n, ens, ok, robust))
    return out


def print_tables(results, form):
    any_ens = any(r.ensemble for r in results)
    for kind, title in KINDS.items():
        rows = [r for r in results if r.fact.kind == kind]
        if not rows:
            continue
        npass = sum(r.ok for r in rows)
        summary = f"{npass} of {len(rows)} pass"
        if any_ens:
            summary += f"; {sum(bool(r.robust) for r in rows)} of {len(rows)} robust"
        if form == "markdown":
            print(f"\n### {title[0].upper() + title[1:]}\n")
            if any_ens:
                print("| id | kind | fact | tolerance | ensemble mean | seeds passing | n | robust | verdict |")
                print("|---|---|---|---|---|---|---|---|---|")
            else:
                print("| id | kind | fact | tolerance | model | verdict |")
                print("|---|---|---|---|---|---|")
        else:
            print(f"{title}:")
        for r in rows:
            fa = r.fact
            span = f"{fmt(fa.lo, fa.unit, fa.scale)} – {fmt(fa.hi, fa.unit, fa.scale)}"
            value = fmt(r.value, fa.unit, fa.scale)
            rob = "–" if r.robust is None else ("robust" if r.robust else "no")
            if form == "markdown":
                verdict = "pass" if r.ok else "**fail**"
                if any_ens:
                    npass_cell = str(r.passing) if r.ensemble else "–"
                    print(f"| {r.fid} | {fa.kind} | {fa.text} | {span} | {value} | {npass_cell} | {r.n} "
                          f"| {rob} | {verdict} |")
                else:
                    print(f"| {r.fid} | {fa.kind} | {fa.text} | {span} | {value} | {verdict} |")
            else:
                extra = f"  {r.passing}/{r.n} seeds pass, {rob:6}" if r.ensemble else ""
                print(f"{r.fid:4} {fa.kind:11} {'pass' if r.ok else 'FAIL'}  {value:>16}  in [{span}]{extra}"
                      f"  {fa.text}")
        print(f"\n{summary}." if form == "markdown" else f"  {summary}")


def verdicts(results):
    return {r.fid: ("pass" if r.ok else "fail", r.robust) for r in results}


def write_record(path, results, sources):
    lines = ["# Verdicts of tools/validate.py (docs/validation.md, \"How figures are measured\"),",
             "# written with --record and compared with --check. Regenerate with the same command and",
             "# --record THIS_FILE after a change that is meant to move a verdict.",
             "# inputs: " + "; ".join(
                 f"{OPTION[s]} {os.path.basename(src.path)}"
                 + (f" (ensemble, {len(src.members)} complete members)" if src.ensemble else " (run)")
                 for s, src in sources.items()),
             "", "[verdicts]"]
    for r in results:
        v, rob = verdicts([r])[r.fid]
        value = f'"{v}"' if rob is None else f'{{ verdict = "{v}", robust = {"true" if rob else "false"} }}'
        lines.append(f"{r.fid} = {value}  # {r.fact.kind}")
    d = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".validate-record-")
        with os.fdopen(fd, "w") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except OSError as e:
        raise BadInput(f"{path}: cannot write the record ({e.strerror or e})")


def read_record(path):
    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except OSError as e:
        raise BadInput(f"{path}: cannot read the record ({e.strerror or e})")
    except tomllib.TOMLDecodeError as e:
        raise BadInput(f"{path}: not a TOML record of verdicts ({e})")
    table = doc.get("verdicts")
    if not isinstance(table, dict):
        raise BadInput(f"{path}: no [verdicts] table (write one with --record)")
    known = facts()
    rec = {}
    for fid, v in table.items():
        if fid not in known:
            raise BadInput(f"{path}: '{fid}' is not a fact of tools/validate.py")
        if isinstance(v, str):
            verdict, rob = v, None
        elif isinstance(v, dict) and isinstance(v.get("verdict"), str) and isinstance(v.get("robust"), bool):
            verdict, rob = v["verdict"], v["robust"]
        else:
            raise BadInput(f"{path}: {fid} must be \"pass\", \"fail\" or {{ verdict = ..., robust = ... }}")
        if verdict not in ("pass", "fail"):
            raise BadInput(f"{path}: {fid}: verdict '{verdict}' is not pass or fail")
        rec[fid] = (verdict, rob)
    return rec


def check_record(path, results):
    """Messages for each fact whose recorded verdict changed or that was not measured."""
    rec, now = read_record(path), verdicts(results)
    changes = []

    def show(v):
        verdict, rob = v
        return verdict if rob is None else f"{verdict}, {'robust' if rob else 'not robust'}"

    for fid, old in rec.items():
        if fid not in now:
            changes.append((fid, f"{fid}: recorded {show(old)}, not measured now (no "
                                 f"{OPTION[facts()[fid].scen]} file)"))
            continue
        new = now[fid]
        if old[0] != new[0] or (old[1] is not None and old[1] != new[1]):
            changes.append((fid, f"{fid}: recorded {show(old)}, now {show(new)}"))
    return changes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--burkina", help="run or ensemble of scenarios/burkina_faso.toml")
    ap.add_argument("--drc", help="run or ensemble of scenarios/drc_copperbelt.toml")
    ap.add_argument("--global", dest="global_", help="run or ensemble of scenarios/global_asm.toml")
    ap.add_argument("--format", choices=["markdown", "text"], default="text")
    ap.add_argument("--expect-pass", default="", help="comma-separated fact ids that must pass")
    ap.add_argument("--record", metavar="FILE", help="write the verdicts to FILE (TOML)")
    ap.add_argument("--check", metavar="FILE", help="exit 1 when a verdict recorded in FILE changed")
    a = ap.parse_args(argv)
    paths = {"burkina": a.burkina, "drc": a.drc, "global": a.global_}
    if not any(paths.values()):
        ap.error("give at least one of --burkina, --drc, --global")
    warnings.simplefilter("ignore", RuntimeWarning)
    np.seterr(all="ignore")
    try:
        known = facts()
        wanted = [x for x in a.expect_pass.split(",") if x]
        unknown = [x for x in wanted if x not in known]
        if unknown:
            raise BadInput(f"--expect-pass: not facts of tools/validate.py: {', '.join(unknown)}")
        if a.check:
            read_record(a.check)  # a bad record is refused before anything is measured
        sources = {k: Source(p, k) for k, p in paths.items() if p}
        results = measure_all(sources)
        print_tables(results, a.format)
        status = 0
        by_id = {r.fid: r for r in results}
        missing = [x for x in wanted if x not in by_id]
        failed = [x for x in wanted if x in by_id and not by_id[x].ok]
        if missing:
            print(f"validate: facts not measured (no file for their scenario): {', '.join(missing)}",
                  file=sys.stderr)
        if failed:
            print(f"validate: expected to pass but failed: {', '.join(failed)}", file=sys.stderr)
        if missing or failed:
            status = 1
        if a.check:
            changes = check_record(a.check, results)
            for _, msg in changes:
                print(f"validate: verdict changed: {msg}", file=sys.stderr)
            if changes:
                print(f"validate: {len(changes)} verdict(s) differ from {a.check}: "
                      f"{', '.join(fid for fid, _ in changes)}", file=sys.stderr)
                status = 1
        if a.record:
            write_record(a.record, results, sources)
        return status
    except BadInput as e:
        print(f"validate: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
