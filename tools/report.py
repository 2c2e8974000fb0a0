#!/usr/bin/python3
"""Report on one or more minesim runs: PNG figures and one self-contained interactive HTML page.

usage: /usr/bin/python3 tools/report.py RUN.h5 [RUN2.h5 ...] -o OUTDIR [--title TEXT] [--csv DIR]
                                       [--communities NAME ...]
       /usr/bin/python3 tools/report.py ENSEMBLE.h5 -o OUTDIR [--years YYYY ...] [--title TEXT]

An ensemble file (`minesim ensemble`) is reported alone by tools/report_ensemble.py: an effects
table (also OUTDIR/effects.csv), then each headline's arms with 5-95 % bands and the paired effect
with its 95 % band. Otherwise this module writes OUTDIR/*.png (matplotlib) and
OUTDIR/report.html (plotly.js embedded inline; the file references no http(s) resource and opens
offline). Every figure compares all given runs on one
time axis; runs are labelled by their file stem. Interventions recorded in the files (dimension
`intervention`, variables `intervention_type`, `intervention_start`, `intervention_end`) are
marked on every time axis, and labelled (with the runs holding them) in a strip above the panels.
Panels zero in every run are dropped; figures whose variables are absent from every run are
skipped. Runs with several communities get one page of small multiples per community
(community_NAME.png and a section of report.html: that community's population, jobs by sector,
unemployment, poverty, income, suppliers, ASM and migration; `--communities NAME ...` draws only
those). `--csv DIR` writes every plotted series as tidy CSV (docs/output.md "Comparing runs").

Needs Debian's python3-h5py, python3-numpy, python3-matplotlib and python3-plotly.
Exit status: 0 on success, 2 on bad input (missing file, not HDF5, not a minesim output, output
directory not writable).
"""
import argparse
import colorsys
import copy
import csv
import datetime
import html
import os
import re
import subprocess
import sys
import tomllib
import warnings
from collections import OrderedDict

try:
    import h5py
    import numpy as np
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import plotly
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots
except ImportError as e:  # pragma: no cover - environment problem
    sys.stderr.write(f"report.py: error: missing Python package ({e}); install python3-h5py, "
                     "python3-numpy, python3-matplotlib and python3-plotly with apt-get\n")
    sys.exit(2)

PROG = "report.py"
# What h5py and numpy raise on damaged or foreign files (a bad checksum, a misshapen variable):
# reported as a bad input (exit 2), never as a traceback.
DAMAGED = (OSError, RuntimeError, KeyError, ValueError, TypeError, IndexError, AttributeError)
RUN_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#e377c2",
              "#8c564b", "#bcbd22", "#7f7f7f"]


def run_colors(n):
    """n distinct colours: RUN_COLORS first, then hues spaced by the golden angle (never a
    repeat, however many runs)."""
    out = list(RUN_COLORS[:n])
    k = 0
    while len(out) < n:
        h = (0.07 + 0.618034 * k) % 1.0
        r, g, b = colorsys.hsv_to_rgb(h, 0.8, 0.45 + 0.35 * (k % 2))
        c = "#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255))
        k += 1
        if c not in out:
            out.append(c)
    return out


TITLE_WORDS = {"asm": "ASM", "co2": "CO2", "usd": "USD", "vat": "VAT", "csr": "CSR",
               "hse": "HSE", "it": "IT", "ai": "AI"}


def pretty(label):
    """A readable panel title from a label or raw id: underscores to spaces, known acronyms in
    capitals, the first letter capitalised (autonomous_haulage -> Autonomous haulage)."""
    words = [TITLE_WORDS.get(w.lower(), w) for w in str(label).replace("_", " ").split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


# Later runs are drawn thinner (and from the fourth on dashed) so identical runs stay visible.
RUN_WIDTHS = [3.4, 2.2, 1.2]
RUN_DASHES = ["solid", "solid", "solid", "dash", "dot", "dashdot"]
INTERVENTION_COLORS = ["#222222", "#7a4f01", "#4b0082", "#00665a", "#8b0046"]
PROVENANCE_ATTRS = ["title", "source", "seed", "scenario_file", "start_date"]


class InputError(Exception):
    """Bad input: reported on stderr with exit status 2."""


# ---------------------------------------------------------------------------------------------
# Reading runs

def _text(v):
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, np.ndarray):
        if v.shape == ():
            return _text(v[()])
        return ", ".join(_text(x) for x in v.ravel())
    if isinstance(v, np.generic):
        return str(v.item())
    return str(v)


def _strings(ds):
    """A 1-D dataset of strings (variable- or fixed-length) as a list of Python str."""
    if ds.size == 0:
        return []
    raw = ds[()]
    if np.ndim(raw) == 0:
        raw = [raw]
    return [_text(x) for x in np.asarray(raw, dtype=object).ravel()]


def _is_string_dataset(ds):
    return h5py.check_string_dtype(ds.dtype) is not None or ds.dtype.kind in "SUO"


_UNIT_SECONDS = {"day": 86400, "days": 86400, "hour": 3600, "hours": 3600, "minute": 60,
                 "minutes": 60, "second": 1, "seconds": 1}
_TIME_UNITS = re.compile(
    r"^\s*(days?|hours?|minutes?|seconds?)\s+since\s+(\d{4}-\d{2}-\d{2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?)?\s*(?:Z|UTC)?\s*$")


def decode_time(values, units):
    """CF time ("days since YYYY-MM-DD hh:mm:ss") to datetime64[D] with numpy only."""
    m = _TIME_UNITS.match(units)
    if not m:
        raise InputError(f"cannot decode time units {units!r} (expected 'days since YYYY-MM-DD')")
    unit, date, hh, mm, ss = m.groups()
    base = np.datetime64(date, "s")
    if hh is not None:
        base = base + np.timedelta64(int(hh) * 3600 + int(mm) * 60 + int(ss or 0), "s")
    seconds = np.round(np.asarray(values, dtype=float) * _UNIT_SECONDS[unit]).astype(np.int64)
    return (base + seconds.astype("timedelta64[s]")).astype("datetime64[D]")


def parse_date(text):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return np.datetime64(text[:10], "D")
    except ValueError:
        return None


# libhdf5 1.10 can crash (SIGSEGV) walking the dimension scales of a damaged file, which no
# Python exception catches: walk them once in a child first (minesim's reader does the same).
_PROBE = """
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    for ds in f.values():
        if isinstance(ds, h5py.Dataset):
            for i in range(ds.ndim):
                try:
                    [s.name for s in ds.dims[i]]
                except Exception:
                    pass
"""


def _probe_dimension_scales(path):
    p = subprocess.run([sys.executable, "-c", _PROBE, path], capture_output=True)
    if p.returncode < 0:
        raise InputError(f"{path}: cannot be read: libhdf5 crashed (signal {-p.returncode}) "
                         f"reading its dimension scales (a damaged file?)")


class Run:
    """One output file, read into memory: time axis, attributes, interventions, variables."""

    def __init__(self, path):
        self.path = path
        self.stem = os.path.splitext(os.path.basename(path))[0]
        if self.stem.endswith(".h5"):  # e.g. RUN.h5.partial
            self.stem = self.stem[:-3]
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        try:
            ok = h5py.is_hdf5(path)
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e})")
        if not ok:
            raise InputError(f"{path}: not an HDF5 file (expected a minesim output .h5)")
        _probe_dimension_scales(path)
        try:
            self.f = h5py.File(path, "r")
        except OSError as e:
            raise InputError(f"{path}: cannot open as HDF5 ({e})")
        f = self.f
        if "time" not in f or not isinstance(f["time"], h5py.Dataset):
            raise InputError(f"{path}: not a minesim output (no 'time' variable)")
        units = _text(f["time"].attrs.get("units", b""))
        try:
            self.dates = decode_time(f["time"][()], units)
        except InputError as e:
            raise InputError(f"{path}: {e}")
        self.attrs = {k: _text(v) for k, v in f.attrs.items()}
        # An ensemble file (docs/output.md "Ensemble files"): every time series has a leading
        # `member` axis; `member` (set by at_member) selects the slice var() returns.
        self.is_ensemble = "member" in f and isinstance(f["member"], h5py.Dataset)
        self.member = None
        self.interventions = [] if self.is_ensemble else self._read_interventions()
        self._cache = {}

    def at_member(self, m):
        """This file seen as its member m: var() returns that member's slice, interventions are
        the member's (the same open file and the same cache of whole variables)."""
        view = copy.copy(self)
        view.member = m
        view.interventions = view._read_interventions()
        return view

    def _read_interventions(self):
        f = self.f
        if "intervention_type" not in f:
            return []

        def strings(name):
            ds = f[name]
            if self.member is not None and ds.ndim == 2:  # (member, intervention), "" padded
                return [_text(x) for x in np.asarray(ds[self.member], dtype=object).ravel()]
            return _strings(ds)

        types = strings("intervention_type")
        n = len(types)

        def column(name):
            if name not in f:
                return [""] * n
            vals = strings(name)
            return (vals + [""] * n)[:n]

        names = None
        if self.member is not None:  # an ensemble member: its names; padding ("") dropped below
            names = column("intervention_name")
        elif "intervention" in f and isinstance(f["intervention"], h5py.Dataset):
            d = f["intervention"]
            if _is_string_dataset(d) and d.size == n:
                names = _strings(d)
        if names is None:
            names = [f"intervention {i + 1}" for i in range(n)]
        out = []
        for name, typ, start, end, params in zip(names, types, column("intervention_start"),
                                                 column("intervention_end"),
                                                 column("intervention_parameters")):
            if self.member is not None and not (name or typ):
                continue
            out.append({"name": name, "type": typ, "start": start.strip(), "end": end.strip(),
                        "parameters": params.strip(),
                        "start_date": parse_date(start), "end_date": parse_date(end),
                        "run": self.stem})
        return out

    def has(self, *names):
        return all(n in self.f and isinstance(self.f[n], h5py.Dataset) for n in names)

    def labels(self, dim):
        if dim in self.f and _is_string_dataset(self.f[dim]):
            return _strings(self.f[dim])
        return None

    def var(self, name, expected_dims):
        """(dims, array) of a time series, dims read from the file's dimension scales (or, in a
        file without them, `expected_dims`; None: such a file is an error)."""
        if name not in self._cache:
            self._cache[name] = self._read_var(name, expected_dims)
        dims, arr = self._cache[name]
        if dims[0] == "member":
            if self.member is None:
                raise InputError(f"{self.path}: variable {name} has a member axis (an ensemble "
                                 "file); report an ensemble file alone")
            dims, arr = dims[1:], arr[self.member]
        if dims[0] != "time":
            raise InputError(f"{self.path}: variable {name} has unexpected dimensions {dims}")
        return dims, arr

    def _read_var(self, name, expected_dims):
        ds = self.f[name]
        arr = np.asarray(ds[()], dtype=float)
        dims = []
        for i in range(ds.ndim):
            try:
                scales = ds.dims[i]
                dims.append(scales[0].name.split("/")[-1] if len(scales) else None)
            except Exception:  # noqa: BLE001 - a file without dimension scales
                dims.append(None)
        if None in dims or len(set(dims)) != len(dims):
            if expected_dims is None:
                raise InputError(f"{self.path}: variable {name} has no dimension scales")
            dims = list(expected_dims)
        if len(dims) != arr.ndim or dims[0] not in ("time", "member"):
            raise InputError(f"{self.path}: variable {name} has unexpected dimensions {dims}")
        return dims, arr

    def close(self):
        self.f.close()


def _nansum(a, axis):
    """Sum ignoring NaN, but NaN where every summed value is NaN."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        s = np.nansum(a, axis=axis)
        allnan = np.all(np.isnan(a), axis=axis)
    return np.where(allnan, np.nan, s)


def _nanmean(a, axis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(a, axis=axis)


def reduce(run, name, dims, select=None, keep=None, how="sum"):
    """Select labels, then sum (or mean) over every other non-time axis.

    Returns a 1-D series, or with `keep` an OrderedDict label -> series. None when the variable
    or a selected label is absent."""
    if not run.has(name):
        return None
    vdims, arr = run.var(name, dims)
    for dim, label in (select or {}).items():
        if dim not in vdims:
            return None
        labels = run.labels(dim)
        if labels is None or label not in labels:
            return None
        ax = vdims.index(dim)
        arr = np.take(arr, labels.index(label), axis=ax)
        vdims = vdims[:ax] + vdims[ax + 1:]
    agg = _nansum if how == "sum" else _nanmean

    def collapse(a, ds):
        axes = tuple(i for i, d in enumerate(ds) if i > 0)
        return agg(a, axes) if axes else a

    if keep is None:
        return collapse(arr, vdims)
    if keep not in vdims:
        return None
    labels = run.labels(keep) or [str(i) for i in range(arr.shape[vdims.index(keep)])]
    ax = vdims.index(keep)
    out = OrderedDict()
    for i, lab in enumerate(labels):
        out[lab] = collapse(np.take(arr, i, axis=ax), vdims[:ax] + vdims[ax + 1:])
    return out


def community_totals(run, name, dims, select=None):
    """(time, community) array summed over every other axis."""
    if not run.has(name):
        return None
    vdims, arr = run.var(name, dims)
    if "community" not in vdims:
        return None
    axes = tuple(i for i, d in enumerate(vdims) if d not in ("time", "community"))
    arr = _nansum(arr, axes) if axes else arr
    return arr  # (time, community) since time and community keep their order


# ---------------------------------------------------------------------------------------------
# Figures: each builder returns OrderedDict panel -> series for one run, or None if absent.

EMPLOYMENT = ["time", "community", "sector", "gender", "skill"]


def fig_mine_jobs(run):
    panels = OrderedDict()
    if run.has("mine_employment"):
        by_skill = reduce(run, "mine_employment", ["time", "mine", "skill"], keep="skill")
        for k, v in by_skill.items():
            panels[f"{k} skill (on site)"] = v
    elif run.has("employment"):
        by_skill = reduce(run, "employment", EMPLOYMENT, select={"sector": "mine"}, keep="skill")
        if by_skill is None:
            return None
        for k, v in by_skill.items():
            panels[f"{k} skill"] = v
    else:
        return None
    if run.has("remote_employment"):
        panels["remote roles (high skill)"] = reduce(run, "remote_employment",
                                                     ["time", "location", "gender", "skill"])
    return panels


def fig_other_employment(run):
    if not run.has("employment"):
        return None
    panels = OrderedDict()
    for sector, title in [("local_economy", "local economy"), ("supplier", "supplier firms"),
                          ("farming_informal", "farming and informal"), ("asm", "ASM")]:
        s = reduce(run, "employment", EMPLOYMENT, select={"sector": sector})
        if s is None and sector == "asm" and run.has("asm_miners"):
            s = reduce(run, "asm_miners", ["time", "community", "gender"])
        if s is not None:
            panels[title] = s
    return panels or None


def fig_unemployed(run):
    s = reduce(run, "unemployed", ["time", "community", "gender", "skill"])
    return None if s is None else OrderedDict([("unemployed", s)])


def fig_women_share(run):
    if not run.has("women_share_mine_workforce"):
        return None
    s = reduce(run, "women_share_mine_workforce", ["time"])
    return OrderedDict([("women's share", 100.0 * s)])


def _weighted_community_mean(values, weights):
    mask = np.isfinite(values) & np.isfinite(weights) & (weights > 0)
    num = np.where(mask, values * weights, 0.0).sum(axis=1)
    den = np.where(mask, weights, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _population_by_community(run):
    return community_totals(run, "population", ["time", "community", "gender", "age_group"])


def fig_poverty(run):
    if not run.has("poverty_rate"):
        return None
    _, pov = run.var("poverty_rate", ["time", "community"])
    pop = _population_by_community(run)
    if pop is None or pop.shape != pov.shape:
        s = _nanmean(pov, 1)  # no population: unweighted mean over communities
    else:
        s = _weighted_community_mean(pov, pop)
    return OrderedDict([("poverty rate", 100.0 * s)])


def fig_household_income(run):
    if not run.has("household_income_mean"):
        return None
    _, inc = run.var("household_income_mean", ["time", "community"])
    w = None
    if run.has("households"):
        _, w = run.var("households", ["time", "community"])
    if w is None or w.shape != inc.shape:
        w = _population_by_community(run)
    if w is None or w.shape != inc.shape:
        s = _nanmean(inc, 1)
    else:
        s = _weighted_community_mean(inc, w)
    return OrderedDict([("mean household income", s)])


def fig_local_procurement(run):
    if not run.has("local_procurement_share"):
        return None
    _, a = run.var("local_procurement_share", ["time", "mine"])
    if a.shape[1] == 0:
        return None
    return OrderedDict([("local share (mean over mines)", 100.0 * _nanmean(a, 1))])


def fig_revenue(run):
    return reduce(run, "government_revenue", ["time", "instrument"], keep="instrument")


def fig_technology(run):
    if not run.has("technology_adoption"):
        return None
    dims, a = run.var("technology_adoption", ["time", "mine", "technology"])
    if a.shape[dims.index("mine")] == 0:
        return None
    out = reduce(run, "technology_adoption", ["time", "mine", "technology"], keep="technology",
                 how="mean")
    return OrderedDict((k, 100.0 * v) for k, v in out.items())


def fig_mercury(run):
    s = reduce(run, "asm_mercury_kg", ["time", "community"])
    return None if s is None else OrderedDict([("ASM mercury use", s)])


def fig_certified(run):
    return reduce(run, "certified_workers", ["time", "gender"], keep="gender")


def fig_population(run):
    s = reduce(run, "population", ["time", "community", "gender", "age_group"])
    return None if s is None else OrderedDict([("population", s)])


MAX_MINE_PANELS = 8  # beyond this, the largest emitters and "other mines"


def fig_co2(run):
    """CO2 by source: the output records each mine's emissions (diesel and grid electricity
    together), so the sources drawn are the emitting mines (one panel each)."""
    by_mine = reduce(run, "co2_emissions", ["time", "mine"], keep="mine")
    if not by_mine:
        return None
    if len(by_mine) <= MAX_MINE_PANELS:
        return by_mine
    order = sorted(by_mine, key=lambda m: -np.nansum(by_mine[m]))
    out = OrderedDict((m, by_mine[m]) for m in order[:MAX_MINE_PANELS - 1])
    out["other mines"] = _nansum(np.stack([by_mine[m] for m in order[MAX_MINE_PANELS - 1:]]), 0)
    return out


def fig_layoffs(run):
    out = OrderedDict()
    for name, label in (("mine_layoffs", "laid off"), ("mine_redeployments", "redeployed")):
        s = reduce(run, name, ["time", "mine"])
        if s is not None:
            out[label] = s
    return out or None


# key, title, units (axis label), value kind (for tables), description, builder
FIGURES = [
    ("mine_jobs_by_skill", "Mine jobs by skill", "persons", "count",
     "Persons employed on site at the mines by the post's skill, summed over mines, and mine roles "
     "held at remote operations centres (all high skill).", fig_mine_jobs),
    ("employment_by_sector", "Employment outside the mines", "persons", "count",
     "Persons employed in the local economy, by local supplier firms, in farming and informal "
     "work, and in artisanal and small-scale mining (ASM), summed over communities.",
     fig_other_employment),
    ("unemployed", "Unemployed", "persons", "count",
     "Working-age labour-market participants without a job in any sector, all communities.",
     fig_unemployed),
    ("women_share_mine_workforce", "Women's share of the mine workforce", "%", "pct",
     "Share of women among all mines' direct employees, on site and remote.", fig_women_share),
    ("poverty_rate", "Poverty rate", "% of persons", "pct",
     "Share of persons in households with income per person below the poverty line; communities "
     "weighted by population.", fig_poverty),
    ("household_income", "Mean household income", "USD per household-month", "usd",
     "Mean household income (USD at 2025 prices per household and month); communities weighted "
     "by number of households.", fig_household_income),
    ("local_procurement_share", "Local procurement share", "%", "pct",
     "Share of each mine's purchases bought from supplier firms in its host community, averaged "
     "over the mines that bought anything in the month.", fig_local_procurement),
    ("government_revenue", "Government revenue by instrument", "USD per month", "usd",
     "Government revenue in the month by instrument (USD at 2025 prices).", fig_revenue),
    ("technology_adoption", "Technology adoption", "% of eligible operations", "pct",
     "Share of eligible operations converted to each technology, mean over mines.",
     fig_technology),
    ("asm_mercury", "ASM mercury use", "kg per month", "kg",
     "Mercury used by artisanal and small-scale gold mining in the month, all communities.",
     fig_mercury),
    ("certified_workers", "Certified workers by gender", "persons", "count",
     "Living persons certified for new-technology roles.", fig_certified),
    ("population", "Population", "persons", "count",
     "Persons living in the modelled communities at month end.", fig_population),
    ("co2_emissions", "CO2 emissions by source", "t CO2 per month", "count",
     "Tonnes of CO2 emitted in the month by each mine (diesel and grid electricity together: the "
     "output does not split them), one panel per mine; beyond eight mines the seven largest "
     "emitters and the rest together.", fig_co2),
    ("layoffs_redeployment", "Mine layoffs and redeployment", "persons per month", "count",
     "Mine employees laid off in the month (not redeployed), and those retrained into one of "
     "the mine's vacant posts (redeployed), summed over mines.", fig_layoffs),
]

# The HDF5 variables each figure is drawn from (the `variable` column of --csv).
FIGURE_VARIABLES = {
    "mine_jobs_by_skill": "mine_employment (or employment, sector mine); remote_employment",
    "employment_by_sector": "employment (or asm_miners)", "unemployed": "unemployed",
    "women_share_mine_workforce": "women_share_mine_workforce",
    "poverty_rate": "poverty_rate (weighted by population)",
    "household_income": "household_income_mean (weighted by households)",
    "local_procurement_share": "local_procurement_share", "government_revenue":
    "government_revenue", "technology_adoption": "technology_adoption",
    "asm_mercury": "asm_mercury_kg", "certified_workers": "certified_workers",
    "population": "population", "co2_emissions": "co2_emissions",
    "layoffs_redeployment": "mine_layoffs; mine_redeployments",
}

# One small-multiple page per community, for runs with several communities: the community-indexed
# variables of that community alone, one panel each with its own scale. Panel title, variable,
# labels selected on its other axes, y-axis units, factor (100: a share drawn in %); summed over
# every other axis.
COMMUNITY_PANELS = [
    ("population", "population", {}, "persons", 1),
    ("unemployed", "unemployed", {}, "persons", 1),
    ("mine jobs", "employment", {"sector": "mine"}, "persons", 1),
    ("supplier jobs", "employment", {"sector": "supplier"}, "persons", 1),
    ("local economy jobs", "employment", {"sector": "local_economy"}, "persons", 1),
    ("farming and informal", "employment", {"sector": "farming_informal"}, "persons", 1),
    ("ASM miners", "employment", {"sector": "asm"}, "persons", 1),
    ("poverty rate", "poverty_rate", {}, "% of persons", 100),
    ("mean household income", "household_income_mean", {}, "USD per household-month", 1),
    ("income Gini", "income_gini", {}, "Gini index (0-1)", 1),
    ("supplier firms", "supplier_count", {}, "firms", 1),
    ("ASM gold output", "asm_gold_output_kg", {}, "kg per month", 1),
    ("ASM mercury use", "asm_mercury_kg", {}, "kg per month", 1),
    ("migration in", "migration_in", {}, "persons per month", 1),
    ("migration out", "migration_out", {}, "persons per month", 1),
]
COMMUNITY_DIMS = {"employment": EMPLOYMENT, "population": ["time", "community", "gender",
                                                           "age_group"],
                  "unemployed": ["time", "community", "gender", "skill"],
                  "supplier_count": ["time", "community", "category"]}  # others: (time, community)


def community_names(runs):
    """The communities of the runs (their labels, in first-seen order); none for a single one."""
    names = []
    for r in runs:
        names += [c for c in (r.labels("community") or []) if c not in names]
    return names if len(names) > 1 else []


def community_builder(name):
    """A figure builder (run -> OrderedDict panel -> series) for the page of community `name`:
    each COMMUNITY_PANELS row reduced to that community, by label (runs may order them apart)."""
    def build(run):
        if name not in (run.labels("community") or []):
            return None
        panels = OrderedDict()
        for title, var, select, _, factor in COMMUNITY_PANELS:
            dims = COMMUNITY_DIMS.get(var, ["time", "community"])
            s = reduce(run, var, dims, select={"community": name, **select})
            if s is not None:
                panels[title] = factor * s
        return panels or None
    # The --csv `variable` column: the variable, the community and the labels selected.
    build.variables = OrderedDict()
    for title, var, sel, _, _ in COMMUNITY_PANELS:
        where = [f"community {name}"] + [f"{k} {v}" for k, v in sel.items()]
        build.variables[title] = f"{var} ({', '.join(where)})"
    return build


def community_pages(runs, only=None):
    """(key, title, units, kind, description, builder) of each community page: FIGURES rows."""
    known = [c for r in runs for c in (r.labels("community") or [])]
    unknown = [c for c in only or [] if c not in known]
    if unknown:
        raise InputError(f"--communities: no community named {', '.join(unknown)} in these runs "
                         f"(they have {', '.join(dict.fromkeys(known)) or 'none'})")
    pages = []
    for name in community_names(runs):
        if only and name not in only:
            continue
        key = "community_" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
        units = OrderedDict((t, u) for t, _, _, u, _ in COMMUNITY_PANELS)
        desc = (f"The community-indexed variables of community {name} alone (people by where "
                "they live, summed over their other axes), one panel each, each with its own "
                "scale and units (y axis).")
        pages.append((key, f"Community: {name}", units, "count", desc, community_builder(name)))
    return pages


def units_of(units, panel):
    """A figure's y-axis units: one for every panel (str), or per panel (a community page)."""
    return units.get(panel, "") if isinstance(units, dict) else units


def units_text(units):
    return "per panel (y axis)" if isinstance(units, dict) else units


# Headlines: the file's own list (root attribute `headlines`, written from io/headlines.h), reduced
# the way `minesim compare` and the summary after a run reduce it, so the three agree.
HEADLINE_KIND = {"count": "count", "share": "pct", "usd": "usd", "usd_cents": "usd", "kg": "kg"}


def read_headlines(run):
    text = run.attrs.get("headlines", "")
    if not text:
        raise InputError(f"{run.path}: no 'headlines' attribute (files from minesim before the "
                         "headline list; run the scenario again with this minesim)")
    try:
        spec = tomllib.loads(text)["headline"]
        for h in spec:
            for key in ("name", "variable", "reduce", "unit", "style"):
                if not isinstance(h.get(key), str):
                    raise ValueError(f"a headline without '{key}'")
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise InputError(f"{run.path}: unreadable 'headlines' attribute ({e})")
    return spec


def _onto(arr, dims, keep):
    """NaN-aware sums over every axis but time (and `keep`): (time,) or (time, len(keep))."""
    axes = tuple(i for i, d in enumerate(dims) if d not in ("time", keep))
    out = _nansum(arr, axes) if axes else arr
    return out if keep else out.reshape(arr.shape[0])


def headline_series(run, h):
    """OrderedDict row -> series of one headline; empty when the file lacks its variable."""
    if not run.has(h["variable"]):
        return OrderedDict()
    dims, arr = run.var(h["variable"], None)
    if h.get("select_axis"):
        labels = run.labels(h["select_axis"]) or []
        if h["select_axis"] not in dims or h.get("select_label") not in labels:
            return OrderedDict()
        ax = dims.index(h["select_axis"])
        arr = np.take(arr, [labels.index(h["select_label"])], axis=ax)
    split = h.get("split")
    if split and split not in dims:
        raise InputError(f"{run.path}: variable {h['variable']} has no axis {split}")
    names = [h["name"]] if not split else [f"{h['name']}: {l}" for l in (run.labels(split) or [])]
    if h["reduce"] == "weighted":
        if not run.has(h["weight"]):
            raise InputError(f"{run.path}: '{h['variable']}' without '{h['weight']}' to weight it")
        wd, w = run.var(h["weight"], None)
        x, w = _onto(arr, dims, h["across"]), _onto(w, wd, h["across"])
        if x.shape != w.shape:
            raise InputError(f"{run.path}: '{h['variable']}' and '{h['weight']}' differ in shape")
        ok = ~np.isnan(x) & ~np.isnan(w)
        sw, swx = np.where(ok, w, 0.0).sum(axis=1), np.where(ok, w * x, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return OrderedDict([(names[0], np.where(sw > 0, swx / np.where(sw > 0, sw, 1), np.nan))])
    agg = _nansum if h["reduce"] == "sum" else _nanmean
    if not split:
        axes = tuple(range(1, arr.ndim))
        return OrderedDict([(names[0], agg(arr, axes) if axes else arr)])
    ax = dims.index(split)
    out = OrderedDict()
    for i, name in enumerate(names):
        part = np.take(arr, i, axis=ax)
        axes = tuple(range(1, part.ndim))
        out[name] = agg(part, axes) if axes else part
    return out


def headline_rows(run):
    """OrderedDict row -> (kind, series, unit) of every headline the file has, in its order."""
    out = OrderedDict()
    for h in read_headlines(run):
        kind = HEADLINE_KIND.get(h["style"], "count")
        for name, series in headline_series(run, h).items():
            out[name] = (kind, 100.0 * series if kind == "pct" else series, h["unit"])
    return out


def fmt_value(v, kind):
    if v is None or not np.isfinite(v):
        return "–"
    if kind == "pct":
        return f"{v:.1f} %"
    if kind == "usd":
        return f"{v:,.0f}"
    if kind == "kg":
        return f"{v:,.1f}"
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.1f}"


# ---------------------------------------------------------------------------------------------
# Interventions

def collect_interventions(runs):
    """Unique interventions (same name, type, start, end) with the runs that hold them."""
    uniq = OrderedDict()
    for run in runs:
        for iv in run.interventions:
            key = (iv["name"], iv["type"], iv["start"], iv["end"], iv["parameters"])
            if key not in uniq:
                uniq[key] = dict(iv, runs=[])
            uniq[key]["runs"].append(run.stem)
    out = list(uniq.values())
    for i, iv in enumerate(out):
        iv["color"] = INTERVENTION_COLORS[i % len(INTERVENTION_COLORS)]
        iv["label"] = f"{iv['name']} ({iv['type']})" if iv["type"] else iv["name"]
    return out


GROUP_COLOR = "#444444"  # a line that marks several interventions at once
GROUP_NAMES = 2          # names written out on such a line before "+N more"


def intervention_lines(interventions, lo, hi):
    """(date, label, color, is_end) of the lines inside [lo, hi]: one line per month and kind
    (start or end), so that interventions starting together (or the same intervention in several
    runs) share a line and a label instead of printing over each other. Interventions that name
    their runs (collect_interventions) have them after the label: "name (type) · run1, run2"."""
    groups = {}
    for iv in interventions:
        for d, is_end in ((iv["start_date"], False), (iv["end_date"], True)):
            if d is not None and lo is not None and lo <= d <= hi:
                group = groups.setdefault((d, is_end), OrderedDict())
                entry = group.setdefault(iv["label"], [iv["color"], []])
                for r in iv.get("runs", []):
                    if r not in entry[1]:
                        entry[1].append(r)
    lines = []
    for (d, is_end), group in sorted(groups.items()):
        suffix = " end" if is_end else ""
        runs = []
        for _, rs in group.values():
            runs += [r for r in rs if r not in runs]
        on = f" · {', '.join(runs)}" if runs else ""
        if len(group) == 1:
            label, (color, _) = next(iter(group.items()))
            lines.append((d, label + suffix + on, color, is_end))
            continue
        names = [label.split(" (")[0] for label in group]
        shown = ", ".join(names[:GROUP_NAMES])
        more = f" +{len(names) - GROUP_NAMES} more" if len(names) > GROUP_NAMES else ""
        lines.append((d, shown + more + suffix + on, GROUP_COLOR, is_end))
    return lines


def y_range(values):
    """The y limits of a panel, the same in the PNG and the HTML: from 0 when no value is
    negative, 5 % headroom; 0..1 for a panel without a non-zero value."""
    v = np.asarray([x for x in values if np.isfinite(x)], dtype=float)
    if v.size == 0 or (v.min() >= 0 and v.max() == 0):
        return 0.0, 1.0
    lo, hi = min(float(v.min()), 0.0), float(v.max())
    pad = 0.05 * (hi - lo) if hi > lo else 0.05 * abs(hi) or 1.0
    return (0.0 if lo >= 0 else lo - pad), (hi + pad if hi > 0 or lo < 0 else 0.0)


def panel_values(series_by_run, panel):
    return [v for res in series_by_run.values() if panel in res
            for v in np.asarray(res[panel][1], dtype=float)]


def all_zero(series_by_run, panel):
    """True when the panel has no finite non-zero value in any run."""
    v = np.asarray(panel_values(series_by_run, panel), dtype=float)
    v = v[np.isfinite(v)]
    return not np.any(v != 0)


def strip_side(d, span):
    """Labels of lines in the right 40 % of the period are written leftwards."""
    lo, hi = span
    total = (np.datetime64(hi, "D") - np.datetime64(lo, "D")).astype(int)
    at = (np.datetime64(d, "D") - np.datetime64(lo, "D")).astype(int)
    return "right" if total > 0 and at > 0.6 * total else "left"


# ---------------------------------------------------------------------------------------------
# Output: PNG

def grid(n):
    cols = 1 if n == 1 else 2 if n in (2, 4) else 3
    return (n + cols - 1) // cols, cols


def _tick_format(v, _pos=None):
    a = abs(v)
    for above, div, suffix in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if a >= above:
            return f"{v / div:.4g}{suffix}"
    return f"{v:.4g}"


def run_style(i):
    return RUN_WIDTHS[min(i, len(RUN_WIDTHS) - 1)], RUN_DASHES[i % len(RUN_DASHES)]


_MPL_DASH = {"solid": "-", "dash": "--", "dot": ":", "dashdot": "-."}


STRIP_ROW_IN = 0.2   # PNG: inches per intervention line in the strip above the panels
STRIP_ROW_PX = 18    # HTML: pixels per line


def draw_strip_png(sax, lines, span):
    """The intervention strip above one column of panels: one row per line, labelled with the
    intervention and its runs, so that no label covers a curve."""
    sax.set_xlim(span[0], span[1])
    sax.set_ylim(len(lines), 0)
    sax.set_yticks([])
    sax.set_xticks([])
    for side in ("left", "right", "top", "bottom"):
        sax.spines[side].set_color("#cccccc")
    sax.set_facecolor("#fafafa")
    for k, (d, label, color, is_end) in enumerate(lines):
        sax.axvline(d, color=color, ls=":" if is_end else "--", lw=1.1)
        side = strip_side(d, span)
        sax.annotate(label, xy=(mdates.date2num(d), k + 0.5), xytext=(3 if side == "left"
                                                                     else -3, 0),
                     textcoords="offset points", va="center", ha=side, fontsize=7.5,
                     color=color)
    sax.set_gid("intervention-strip")


def write_png(path, title, units, panels, series_by_run, colors, interventions, span,
              titled=None):
    names = list(panels)
    rows, cols = grid(len(names))
    width = 6.2 if cols == 1 else 5.0 * cols
    lines = intervention_lines(interventions, *span)
    strip = STRIP_ROW_IN * len(lines) + 0.15 if lines else 0.0
    height = 3.3 * rows + 0.9 + strip
    fig = plt.figure(figsize=(width, height))
    gs = fig.add_gridspec(rows + (1 if lines else 0), cols,
                          height_ratios=([strip] if lines else []) + [3.3] * rows)
    first = 1 if lines else 0
    axes = [fig.add_subplot(gs[first + i // cols, i % cols]) for i in range(len(names))]
    if lines:
        # The intervention strip: one row per line, labelled with the intervention and its runs,
        # above the panels so that no label covers a curve.
        for c in range(min(cols, len(names))):
            draw_strip_png(fig.add_subplot(gs[0, c]), lines, span)
    for i, ax in enumerate(axes):
        panel = names[i]
        for j, (stem, res) in enumerate(series_by_run.items()):
            if panel in res:
                dates, y = res[panel]
                lw, dash = run_style(list(colors).index(stem))
                ax.plot(dates, y, color=colors[stem], lw=lw * 0.7, ls=_MPL_DASH[dash],
                        label=stem, zorder=3 + j)
        if titled or len(names) > 1:
            ax.set_title(pretty(panel), fontsize=10)
        ax.set_ylabel(units_of(units, panel), fontsize=9)
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.tick_params(labelsize=8)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_tick_format))
        loc = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
        ax.set_xlim(span[0], span[1])
        ax.set_ylim(*y_range(panel_values(series_by_run, panel)))
        for d, label, color, is_end in lines:
            ax.axvline(d, color=color, ls=":" if is_end else "--", lw=1.1)
    handles, labels = axes[0].get_legend_handles_labels() if axes else ([], [])
    fig.suptitle(title, fontsize=12, fontweight="bold")
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 5), fontsize=9,
                   frameon=False)
    legend_rows = (len(labels) + 4) // 5 if handles else 0
    # tight_layout leaves room for the suptitle itself; the legend needs the bottom strip.
    fig.tight_layout(rect=(0, 0.3 * legend_rows / height, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------------------------
# Output: HTML

def _no_url(text):
    """HTML-escape text and break any scheme:// so the file holds no http(s) URL literal."""
    return html.escape(text).replace("://", ":&#47;&#47;")


def _plotly_text(text):
    # plotly renders HTML entities in labels; keep user text from forming http(s) URLs.
    return html.escape(text, quote=False).replace("://", ":&#47;&#47;")


def _js_safe(fragment):
    """Escape http(s) URLs in plotly's JavaScript without changing what it does.

    Inside JS string literals and regular expressions, "\\/" is the same character as "/", and
    in comments it does not matter; so "http://x" -> "http:\\/\\/x" keeps the SVG namespace
    strings plotly needs while the file holds no "http://" or "https://" substring."""
    return fragment.replace("http://", "http:\\/\\/").replace("https://", "https:\\/\\/")


def plotly_figure(title, units, panels, series_by_run, colors, interventions, span,
                  titled=None):
    """The interactive twin of write_png: the same panels, y ranges and intervention strip (the
    first subplot row, axis x/y, when any line falls in the period)."""
    names = list(panels)
    rows, cols = grid(len(names))
    lo, hi = span
    lines = intervention_lines(interventions, lo, hi)
    strip = 1 if lines else 0
    strip_px = STRIP_ROW_PX * len(lines) + 10 if lines else 0
    specs = [[{}] * cols] * (rows + strip)
    titles = ([""] * cols if strip else []) + [_plotly_text(pretty(n)) if titled or len(names) > 1
                                        else ""
                                        for n in names]
    height = strip_px + 300 * rows + 110
    vspace = min(0.3 / rows + 0.05, 0.2) * 300 * rows / (height - 110)
    fig = make_subplots(rows=rows + strip, cols=cols, specs=specs, subplot_titles=titles,
                        horizontal_spacing=(0.1 if isinstance(units, dict) else 0.07)
                        if cols > 1 else 0.02, vertical_spacing=vspace,
                        row_heights=([strip_px] if strip else []) + [300] * rows)
    shown = set()
    for i, panel in enumerate(names):
        r, c = i // cols + 1 + strip, i % cols + 1
        for stem, res in series_by_run.items():
            if panel not in res:
                continue
            dates, y = res[panel]
            fig.add_trace(go.Scatter(
                x=[str(d) for d in dates], y=[None if not np.isfinite(v) else float(v) for v in y],
                mode="lines", name=_plotly_text(stem), legendgroup=stem,
                showlegend=stem not in shown,
                line=dict(color=colors[stem], width=run_style(list(colors).index(stem))[0],
                          dash=run_style(list(colors).index(stem))[1]),
                hovertemplate="%{y:,.4~g} " + _plotly_text(units_of(units, panel))), row=r, col=c)
            shown.add(stem)
        every = isinstance(units, dict)  # per-panel units: on every panel, not the first column
        fig.update_yaxes(title_text=_plotly_text(units_of(units, panel)) if c == 1 or every
                         else None, row=r, col=c,
                         range=list(y_range(panel_values(series_by_run, panel))))
    # Frames like matplotlib's: a box round every panel.
    fig.update_xaxes(showline=True, linecolor="#444444", mirror=True, ticks="outside")
    fig.update_yaxes(showline=True, linecolor="#444444", mirror=True, ticks="outside")
    if lo is not None:
        fig.update_xaxes(range=[str(lo), str(hi)], type="date")
    shapes, annotations = [], [a for a in fig.layout.annotations if a.text]
    for c in range(cols if strip else 0):
        # The intervention strip over each column (axes 1..cols): one row per line, labelled with
        # the intervention and its runs, above the panels so that no label covers a curve.
        sx = "" if c == 0 else str(c + 1)
        if c >= len(names):
            fig.update_xaxes(visible=False, row=1, col=c + 1)
            fig.update_yaxes(visible=False, row=1, col=c + 1)
            continue
        fig.update_xaxes(showticklabels=False, ticks="", showgrid=False, linecolor="#cccccc",
                         row=1, col=c + 1)
        fig.update_yaxes(range=[len(lines), 0], showticklabels=False, ticks="", showgrid=False,
                         zeroline=False, linecolor="#cccccc", title_text=None, row=1, col=c + 1)
        for k, (d, label, color, is_end) in enumerate(lines):
            shapes.append(dict(type="line", xref="x" + sx, yref=f"y{sx} domain", x0=str(d),
                               x1=str(d), y0=0, y1=1,
                               line=dict(color=color, width=1.3, dash="dot" if is_end else "dash")))
            side = strip_side(d, span)
            annotations.append(dict(xref="x" + sx, yref="y" + sx, x=str(d), y=k + 0.5,
                                    text=_plotly_text(label), showarrow=False, xanchor=side,
                                    yanchor="middle", xshift=3 if side == "left" else -3,
                                    font=dict(size=10, color=color),
                                    name="intervention-strip"))
    for i in range(len(names)):
        ax = str(i + 1 + strip * cols) if i + strip > 0 else ""
        for d, label, color, is_end in lines:
            shapes.append(dict(type="line", xref="x" + ax, yref=f"y{ax} domain", x0=str(d),
                               x1=str(d), y0=0, y1=1,
                               line=dict(color=color, width=1.3, dash="dot" if is_end else "dash")))
    fig.update_layout(
        shapes=shapes, annotations=annotations, template="plotly_white",
        height=height, margin=dict(l=70, r=20, t=40 if len(series_by_run) > 1 else 20, b=40),
        hovermode="x unified", font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, "
                                                "Helvetica, Arial, sans-serif", size=12),
        legend=dict(orientation="h", yanchor="bottom", y=1.0 + 8 / (height - 110),
                    xanchor="left", x=0))
    return fig


CSV_COLUMNS = ["run", "figure", "variable", "label", "title", "date", "value", "unit"]


def write_csv(path, key, units, panels, series_by_run, variables=None):
    """One figure's plotted series as tidy CSV: one row per run, panel and month; `label` is the
    panel's id (a label of the file's axis where there is one), `title` its heading, `date` the
    month's time stamp (ISO), `value` the plotted number in full precision (empty: no value).
    `variables`: the `variable` column per panel (a community page); else FIGURE_VARIABLES."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for stem, res in series_by_run.items():
            for panel in panels:
                if panel not in res:
                    continue
                dates, y = res[panel]
                for d, v in zip(dates, np.asarray(y, dtype=float)):
                    variable = (variables or {}).get(panel, FIGURE_VARIABLES.get(key, key))
                    w.writerow([stem, key, variable, panel, pretty(panel),
                                str(d), repr(float(v)) if np.isfinite(v) else "",
                                units_of(units, panel)])


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 0; color: #222; background: #f6f7f9; }
main { max-width: 1320px; margin: 0 auto; padding: 18px 28px 60px; }
h1 { font-size: 1.6em; margin: 0.6em 0 0.2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.meta, p.desc, p.note { color: #555; margin: 0.3em 0 0.8em; font-size: 0.92em; }
table { border-collapse: collapse; background: white; font-size: 0.88em; margin-bottom: 0.6em; }
th, td { border: 1px solid #d8dbe0; padding: 4px 9px; text-align: left; vertical-align: top; }
th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid; margin-right: 6px;
          vertical-align: middle; }
.swatch.dashed { border-top-style: dashed; }
.figure { background: white; border: 1px solid #e1e4e8; border-radius: 6px; padding: 6px 10px 2px;
          margin-bottom: 18px; }
nav a { margin-right: 12px; font-size: 0.9em; }
code { background: #eef0f3; padding: 0 3px; border-radius: 3px; }
code.params { white-space: pre-wrap; display: block; max-width: 420px; font-size: 0.9em; }
"""


def write_html(path, title, runs, colors, heads, figures_done, interventions, pngs, span,
               all_zero_figures=()):
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_no_url(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        "<main>", f"<h1>{_no_url(title)}</h1>",
        f'<p class="meta">{len(runs)} run(s): '
        + ", ".join(f'<span style="color:{colors[r.stem]};font-weight:600">{_no_url(r.stem)}</span>'
                    for r in runs)
        + f" · generated {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} by tools/report.py"
        + f" · plotly.js {_no_url(plotly.offline.get_plotlyjs_version())} embedded, works "
        "offline</p>",
    ]
    nav = ['<a href="#runs">Runs</a>', '<a href="#interventions">Interventions</a>',
           '<a href="#summary">Summary</a>']
    pages = [(p[0], p[1]) for p in pngs if p[7] == "communities"]
    nav += [f'<a href="#fig-{k}">{_no_url(t)}</a>' for k, t in figures_done
            if (k, t) not in pages]
    if pages:
        nav.append('<a href="#communities">Communities</a>')
    parts.append("<nav>" + " ".join(nav) + "</nav>")

    # Provenance
    parts.append('<h2 id="runs">Runs</h2><table><tr><th>run</th><th>file</th>'
                 + "".join(f"<th>{a}</th>" for a in PROVENANCE_ATTRS)
                 + "<th>months</th></tr>")
    for r in runs:
        months = (f"{len(r.dates)} ({str(r.dates[0])[:7]} to {str(r.dates[-1])[:7]})"
                  if len(r.dates) else "0")
        parts.append(
            f'<tr><td><span class="swatch" style="border-color:{colors[r.stem]}"></span>'
            f"<b>{_no_url(r.stem)}</b></td><td>{_no_url(os.path.basename(r.path))}</td>"
            + "".join(f"<td>{_no_url(r.attrs.get(a, '–'))}</td>" for a in PROVENANCE_ATTRS)
            + f"<td>{months}</td></tr>")
    parts.append("</table>")

    # Interventions legend: one .intervention-marker per intervention of each run
    parts.append('<h2 id="interventions">Interventions</h2>')
    rows = [(iv, run) for iv in interventions for run in iv["runs"]]
    if rows:
        parts.append('<table class="intervention-legend"><tr><th>marker</th><th>intervention</th>'
                     "<th>type</th><th>run</th><th>start</th><th>end</th><th>on the charts</th>"
                     "<th>parameters</th>"
                     "</tr>")
        for iv, run in rows:
            shown = []
            for d, what in ((iv["start_date"], "start"), (iv["end_date"], "end")):
                if d is not None:
                    ok = span[0] is not None and span[0] <= d <= span[1]
                    shown.append(f"{what}: {'line' if ok else 'outside the plotted period'}")
            if iv["start"] and iv["start_date"] is None:
                shown.append("start date not readable")
            parts.append(
                f'<tr class="intervention-marker" data-run="{_no_url(run)}" '
                f'data-intervention="{_no_url(iv["name"])}">'
                f'<td><span class="swatch dashed" style="border-color:{iv["color"]}"></span></td>'
                f"<td><b>{_no_url(iv['label'])}</b></td><td>{_no_url(iv['type'] or '–')}</td>"
                f"<td>{_no_url(run)}</td><td>{_no_url(iv['start'] or '–')}</td>"
                f"<td>{_no_url(iv['end'] or 'open-ended')}</td>"
                f"<td>{'; '.join(shown) or '–'}</td>"
                f"<td><code class=\"params\">{_no_url(iv['parameters']) or '–'}</code></td></tr>")
        parts.append("</table><p class=\"note\">Starts are dashed lines, ends dotted lines, on "
                     "every time axis below and in the PNG figures. Interventions that start (or "
                     "end) in the same month share one grey line labelled with their names.</p>")
    else:
        parts.append('<p class="note">No interventions recorded in these runs.</p>')

    # Summary
    parts.append('<h2 id="summary">Summary</h2><p class="desc">Each headline in the first and '
                 "the last recorded month of each run.</p><table><tr><th rowspan=\"2\">headline"
                 "</th>")
    for r in runs:
        parts.append(f'<th colspan="2" style="border-bottom:3px solid {colors[r.stem]}">'
                     f"{_no_url(r.stem)}</th>")
    parts.append("</tr><tr>")
    for r in runs:
        first = str(r.dates[0])[:7] if len(r.dates) else "–"
        last = str(r.dates[-1])[:7] if len(r.dates) else "–"
        parts.append(f"<th>{first}</th><th>{last}</th>")
    parts.append("</tr>")
    order = OrderedDict((row, None) for r in runs for row in heads[r.stem])
    for label in order:
        cells, any_value = [], False
        for r in runs:
            kind, s, _ = heads[r.stem].get(label, ("count", None, ""))
            if s is None or len(s) == 0:
                cells.append('<td class="num">–</td><td class="num">–</td>')
                continue
            any_value = True
            cells.append(f'<td class="num">{fmt_value(s[0], kind)}</td>'
                         f'<td class="num">{fmt_value(s[-1], kind)}</td>')
        if any_value:
            parts.append(f"<tr><td>{_no_url(label)}</td>{''.join(cells)}</tr>")
    parts.append("</table>")

    # Figures
    first = True
    for key, ftitle, units, desc, fig, missing, zero, section in pngs:
        if section == "communities" and (key, ftitle) == pages[0]:
            parts.append('<h2 id="communities">Communities</h2><p class="desc">One page of small '
                         "multiples per community: "
                         + ", ".join(f'<a href="#fig-{k}">{_no_url(t.split(": ", 1)[-1])}</a>'
                                     for k, t in pages) + ".</p>")
        strip = any(a.name == "intervention-strip" for a in fig.layout.annotations)
        parts.append(f'<div class="figure" id="fig-{key}"'
                     + (' data-intervention-strip="yes"' if strip else "")
                     + f'><h2>{_no_url(ftitle)}</h2>'
                     f'<p class="desc">{_no_url(desc)} Units: {_no_url(units_text(units))}. '
                     "Static image: "
                     f"<code>{key}.png</code>."
                     + (f" Not in {_no_url(', '.join(missing))}." if missing else "")
                     + (f' <span class="zero-panels">Not drawn, zero in every run: '
                        f"{_no_url(', '.join(pretty(z) for z in zero))}.</span>" if zero else "")
                     + "</p>")
        div = fig.to_html(full_html=False, include_plotlyjs=first,
                          default_height=f"{fig.layout.height}px",
                          config={"displaylogo": False, "responsive": True,
                                  "toImageButtonOptions": {"filename": key}})
        parts.append(_js_safe(div))
        parts.append("</div>")
        first = False
    if all_zero_figures:
        parts.append('<p class="note zero-figures">Figures not drawn, zero in every run: '
                     + _no_url(", ".join(all_zero_figures)) + ".</p>")
    if not pngs:
        parts.append('<p class="note">None of the known variables is in these files.</p>')
    parts += ["</main>", "</body>", "</html>"]
    text = "\n".join(parts)
    for bad in ("http://", "https://"):
        if bad in text:  # cannot happen unless plotly output changes shape
            raise RuntimeError(f"internal error: report.html would contain {bad!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------

class ReportFigures:
    """The figures of one report as they are drawn: each FIGURES (or community page) row becomes
    a PNG, an interactive chart for report.html and, with --csv, a tidy CSV file."""

    def __init__(self, args, colors, interventions, span):
        self.args, self.colors, self.interventions, self.span = args, colors, interventions, span
        self.done, self.pngs, self.all_zero_figures, self.csv_files = [], [], [], 0

    def add(self, runs, key, ftitle, units, kind, desc, builder, section="figures"):
        per_run, missing = OrderedDict(), []
        panel_order = []
        for r in runs:
            panels = builder(r)
            if not panels:
                missing.append(r.stem)
                continue
            per_run[r.stem] = OrderedDict((p, (r.dates, v)) for p, v in panels.items())
            panel_order += [p for p in panels if p not in panel_order]
        if not per_run:
            return
        zero = [p for p in panel_order if all_zero(per_run, p)]
        panel_order = [p for p in panel_order if p not in zero]
        if not panel_order:
            self.all_zero_figures.append(ftitle)
            return
        for res in per_run.values():
            for p in zero:
                res.pop(p, None)
        panels = OrderedDict((p, None) for p in panel_order)
        if self.args.csv:
            write_csv(os.path.join(self.args.csv, key + ".csv"), key, units, panels, per_run,
                      getattr(builder, "variables", None))
            self.csv_files += 1
        write_png(os.path.join(self.args.output, key + ".png"), ftitle, units, panels, per_run,
                  self.colors, self.interventions, self.span, titled=bool(zero))
        fig = plotly_figure(ftitle, units, panels, per_run, self.colors, self.interventions,
                            self.span, titled=bool(zero))
        self.pngs.append((key, ftitle, units, desc, fig, missing, zero, section))
        self.done.append((key, ftitle))


def ensemble_main(runs, args):
    """One ensemble file: tools/report_ensemble.py writes effects.csv, the band figures and
    report.html."""
    try:
        if len(runs) != 1 or not runs[0].is_ensemble:
            raise InputError("--years needs one ensemble file" if not any(
                r.is_ensemble for r in runs) else "an ensemble file is reported alone (give "
                "one ensemble file, or single-run files)")
        run = runs[0]
        if args.communities:
            raise InputError("--communities is for single-run files")
        if args.csv:
            raise InputError("--csv is for single-run files (an ensemble report writes "
                             "OUTDIR/effects.csv)")
        os.makedirs(args.output, exist_ok=True)
        # report_ensemble imports this module as `report`; when run as a script it is __main__.
        sys.modules.setdefault("report", sys.modules[__name__])
        import report_ensemble
        title = args.title or "minesim ensemble report: " + run.stem
        n = report_ensemble.write_report(run, args.output, title, args.years)
    except InputError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except OSError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except DAMAGED as e:
        sys.stderr.write(f"{PROG}: error: {runs[0].path}: not a readable ensemble file ({e})\n")
        return 2
    finally:
        for r in runs:
            r.close()
    print(f"{PROG}: wrote effects.csv, {n} figure(s) and report.html to {args.output}")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog=PROG, usage="/usr/bin/python3 tools/report.py RUN.h5 [RUN2.h5 ...] -o OUTDIR "
                         "[--title TEXT] [--csv DIR] [--communities NAME ...] | ENSEMBLE.h5 -o "
                         "OUTDIR [--years YYYY ...]",
        description="Figures (PNG) and a self-contained interactive HTML report comparing "
                    "minesim runs.")
    ap.add_argument("runs", nargs="+", metavar="RUN.h5", help="minesim output files")
    ap.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                    help="directory for *.png and report.html (created if missing)")
    ap.add_argument("--title", help="report title (default: the runs' stems)")
    ap.add_argument("--csv", metavar="DIR",
                    help="also write every plotted series as tidy CSV, one file per figure "
                         "(DIR/FIGURE.csv; columns " + ",".join(CSV_COLUMNS) + ")")
    ap.add_argument("--communities", nargs="+", metavar="NAME",
                    help="with several communities, draw the page of these communities only "
                         "(default: one page per community)")
    ap.add_argument("--years", nargs="+", metavar="YYYY",
                    help="ensemble file only: the years (YYYY) or months (YYYY-MM) of the "
                         "effects table (default: the last full year recorded and the last month)")
    args = ap.parse_args(argv)

    runs = []
    try:
        for p in args.runs:
            runs.append(Run(p))
    except InputError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        for r in runs:
            r.close()
        return 2
    except DAMAGED as e:  # h5py/numpy on a damaged or foreign file
        sys.stderr.write(f"{PROG}: error: {p}: not a readable minesim output ({e})\n")
        for r in runs:
            r.close()
        return 2

    if any(r.is_ensemble for r in runs) or args.years:
        return ensemble_main(runs, args)

    # Unique labels: the file stem, with the parent directory (then a number) on a clash.
    seen = {}
    for r in runs:
        if r.stem in seen:
            parent = os.path.basename(os.path.dirname(os.path.abspath(r.path)))
            cand = f"{parent}/{r.stem}"
            k = 2
            while cand in seen:
                cand, k = f"{r.stem} #{k}", k + 1
            r.stem = cand
            for iv in r.interventions:
                iv["run"] = cand
        seen[r.stem] = r
    colors = dict(zip((r.stem for r in runs), run_colors(len(runs))))
    title = args.title or "minesim report: " + ", ".join(r.stem for r in runs)

    try:
        os.makedirs(args.output, exist_ok=True)
        probe = os.path.join(args.output, ".report_write_test")
        with open(probe, "w"):
            pass
        os.remove(probe)
    except OSError as e:
        sys.stderr.write(f"{PROG}: error: cannot write to {args.output}: {e}\n")
        return 2

    nonempty = [r.dates for r in runs if len(r.dates)]
    if nonempty:
        lo = min(d[0] for d in nonempty)
        hi = max(d[-1] for d in nonempty)
    else:
        lo = hi = None
    span = (lo, hi)
    interventions = collect_interventions(runs)

    try:
        if args.csv:
            os.makedirs(args.csv, exist_ok=True)
        heads = {r.stem: headline_rows(r) for r in runs}
        figures = ReportFigures(args, colors, interventions, span)
        for row in FIGURES:
            figures.add(runs, *row)
        for row in community_pages(runs, args.communities):
            figures.add(runs, *row, section="communities")
        done, pngs, all_zero_figures = figures.done, figures.pngs, figures.all_zero_figures
        csv_files = figures.csv_files
        write_html(os.path.join(args.output, "report.html"), title, runs, colors, heads, done,
                   interventions, pngs, span, all_zero_figures)
    except InputError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except OSError as e:  # a damaged file (e.g. a truncated .partial) or a full disk
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except DAMAGED as e:  # h5py/numpy on a damaged file: a variable unreadable or misshapen
        sys.stderr.write(f"{PROG}: error: a run is not a readable minesim output ({e})\n")
        return 2
    finally:
        for r in runs:
            r.close()
    print(f"{PROG}: wrote {len(pngs)} figure(s) and report.html to {args.output}"
          + (f", {csv_files} CSV file(s) to {args.csv}" if args.csv else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
