"""tools/report.py on ONE ensemble file (`minesim ensemble`): docs/ensembles.md "Reading the
report".

Writes OUTDIR/effects.csv, OUTDIR/ens_*.png (one per headline of the file's `headlines` list) and
OUTDIR/report.html, which opens with the effects table. The headline rows are reduced per member
by report.headline_series (the reduction of `minesim compare` and of a single-run report), and the
statistics are those of src/core/stats.h: numpy's default quantiles of an arm's complete members,
and the paired effect (arm minus baseline per common seed) with mean +- t(0.975, n-1) s / sqrt(n).

With a sweep (a point other than 0, or a swept parameter: the test of `minesim compare`,
src/app/compare_ensemble_read.cpp) the effects table is per point as compare's is: one row per
(indicator, arm, date, point), the effects paired by seed within the point, and effects.csv gets
compare's last column `point` (the point's index, as in the member names `ARM/sSEED/pPOINT`); the
HTML table also names each point's swept values. The band figures pool the points (an arm's band
over all its members, the effect over all (seed, point) pairs), and say so.
"""
import csv
import datetime
import os
import re
import types
import warnings
from collections import OrderedDict

import numpy as np

import report as R  # tools/report.py (registered under this name by report.main)

try:
    from scipy.stats import t as student_t
except ImportError:  # pragma: no cover - environment problem
    student_t = None

ARM_COLORS = R.RUN_COLORS
EFFECT_COLOR = "#444444"
CSV_COLUMNS = ["indicator", "unit", "arm", "date", "n", "mean", "p05", "p95", "effect",
               "effect_lo", "effect_hi"]
SWEEP_COLUMN = "point"  # compare's last CSV column with a sweep


# ---------------------------------------------------------------------------------------------
# Members and their headline series

def read_parameters(run, n):
    """The swept parameters: [(key path, values over the members)], variables over the members
    with a `key` attribute (docs/output.md "Ensemble files"), in the order of their names as
    compare's reader finds them."""
    out = []
    for name in sorted(run.f.keys()):
        ds = run.f[name]
        if not hasattr(ds, "shape") or "key" not in ds.attrs:
            continue
        key = R._text(ds.attrs["key"])
        if not key or ds.shape != (n,):
            raise R.InputError(f"{run.path}: swept parameter '{name}' is not {n} values with a "
                               "key path in its `key` attribute")
        out.append((key, [float(x) for x in ds[()]]))
    return out


def read_members(run):
    """The member coordinates: arm, seed, point, completed (exit 2 when absent or misshapen), and
    the sweep: `sweep` (compare's test: a point other than 0 or a swept parameter), `points` (in
    increasing order) and `point_values` (point -> [(key path, value)])."""
    f = run.f
    n = f["member"].shape[0] if f["member"].ndim == 1 else -1
    if n < 1:
        raise R.InputError(f"{run.path}: ensemble file without members")
    out = {}
    for name in ("arm", "seed", "point", "completed"):
        if name not in f or not hasattr(f[name], "shape") or f[name].shape != (n,):
            raise R.InputError(f"{run.path}: not a readable ensemble file (no member variable "
                               f"'{name}' of {n} values; docs/output.md \"Ensemble files\")")
    out["arm"] = R._strings(f["arm"])
    out["seed"] = [int(x) for x in f["seed"][()]]
    out["point"] = [int(x) for x in f["point"][()]]
    out["completed"] = [int(x) == 1 for x in f["completed"][()]]
    arms = list(OrderedDict.fromkeys(out["arm"]))
    done = [m for m in range(n) if out["completed"][m]]
    if not done:
        raise R.InputError(f"{run.path}: no member is complete (completed == 1)")
    baseline = run.attrs.get("baseline", "")
    out["arms"] = arms
    out["baseline"] = baseline if baseline in arms else arms[0]
    out["n"] = n
    params = read_parameters(run, n)
    out["sweep"] = any(p != 0 for p in out["point"]) or bool(params)
    out["points"] = sorted(set(out["point"]))
    first = {}
    for m in range(n):
        first.setdefault(out["point"][m], m)
    out["point_values"] = {p: [(key, values[first[p]]) for key, values in params]
                           for p in out["points"]}
    return out


def _short(v):
    """The shortest decimal that reads back to `v` (300, 0.05, 1e-05)."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


def point_label(mem, point, values=True):
    """`p1`, with its swept values: `p1 (labour.quit_rate = 0.05)`."""
    text = f"p{point}"
    kv = mem["point_values"].get(point, [])
    if values and kv:
        text += " (" + ", ".join(f"{k} = {_short(v)}" for k, v in kv) + ")"
    return text


def headline_table(run, mem):
    """OrderedDict row -> dict(spec, kind, values (members, months), NaN for incomplete members),
    grouped by headline spec: list of (spec, [row names])."""
    specs = R.read_headlines(run)
    months = len(run.dates)
    rows, groups = OrderedDict(), []
    views = {m: run.at_member(m) for m in range(mem["n"]) if mem["completed"][m]}
    for h in specs:
        names = []
        for m, view in views.items():
            for name, series in R.headline_series(view, h).items():
                if name not in rows:
                    rows[name] = {"spec": h, "kind": R.HEADLINE_KIND.get(h["style"], "count"),
                                  "values": np.full((mem["n"], months), np.nan)}
                    names.append(name)
                rows[name]["values"][m] = series
        if names:
            groups.append((h, names))
    return rows, groups


# ---------------------------------------------------------------------------------------------
# Statistics (src/core/stats.h), over the first axis, NaN values left out

def t975(df):
    if student_t is None:
        raise R.InputError("scipy is needed for the t quantile of an ensemble report "
                           "(apt-get install python3-scipy)")
    return student_t.ppf(0.975, df)


def summarise(x):
    """n, mean, p05, p95 over axis 0 of `x` (members, ...), finite values only."""
    ok = np.isfinite(x)
    n = ok.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(np.where(ok, x, np.nan), axis=0)
        p05, p95 = np.nanquantile(np.where(ok, x, np.nan), [0.05, 0.95], axis=0)
    return n, mean, p05, p95


def paired_effect(d):
    """n, mean, lo, hi of the differences `d` (pairs, ...): mean +- t(0.975, n-1) s / sqrt(n)."""
    ok = np.isfinite(d)
    n = ok.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        dd = np.where(ok, d, np.nan)
        mean = np.nanmean(dd, axis=0)
        sd = np.nanstd(dd, axis=0, ddof=1)
        half = np.where(n >= 2, t975(np.maximum(n - 1, 1)) * sd / np.sqrt(np.maximum(n, 1)),
                        np.nan)
    return n, mean, mean - half, mean + half


def arm_members(mem, arm, point=None):
    """The complete members of `arm` (at `point`; at every point when None)."""
    return [m for m in range(mem["n"]) if mem["completed"][m] and mem["arm"][m] == arm
            and (point is None or mem["point"][m] == point)]


def arm_points(mem, arm):
    """The points of the table's rows for `arm`: each point of its members (complete or not,
    as compare) with a sweep, else [None] (all members)."""
    if not mem["sweep"]:
        return [None]
    return sorted({mem["point"][m] for m in range(mem["n"]) if mem["arm"][m] == arm})


def differences(values, mem, arm, point=None):
    """(pairs, ...) arm minus baseline per (seed, point) common to both complete members (at
    `point` only, unless None)."""
    base = {(mem["seed"][m], mem["point"][m]): m for m in arm_members(mem, mem["baseline"])}
    pairs = [(m, base[(mem["seed"][m], mem["point"][m])]) for m in arm_members(mem, arm, point)
             if (mem["seed"][m], mem["point"][m]) in base]
    if not pairs:
        return np.full((0,) + values.shape[1:], np.nan)
    a, b = zip(*pairs)
    return values[list(a)] - values[list(b)]


# ---------------------------------------------------------------------------------------------
# Dates of the effects table

def choose_dates(run, years):
    """[(label, month indices, one_month)]: the asked years (YYYY or YYYY-MM), by default the last
    full year recorded and the last recorded month."""
    months = [str(d)[:7] for d in run.dates]
    out = []
    if years:
        for y in years:
            if re.fullmatch(r"\d{4}", y):
                idx = [i for i, m in enumerate(months) if m.startswith(y + "-")]
                one = False
            elif re.fullmatch(r"\d{4}-\d{2}", y):
                idx, one = [i for i, m in enumerate(months) if m == y], True
            else:
                raise R.InputError(f"--years: '{y}' is not a year YYYY or a month YYYY-MM")
            if not idx:
                raise R.InputError(f"--years {y}: outside the months recorded in {run.path} "
                                   f"({months[0]} to {months[-1]})")
            out.append((y, idx, one))
        return out
    full = [y for y in sorted({m[:4] for m in months})
            if sum(m.startswith(y + "-") for m in months) == 12]
    if full:
        out.append((full[-1], [i for i, m in enumerate(months) if m.startswith(full[-1] + "-")],
                    False))
    out.append((months[-1], [len(months) - 1], True))
    return out


def at_date(values, idx, one_month, flow):
    """Members' values at a date: the month, or the NaN-aware mean (stocks) / sum (flows)."""
    part = values[:, idx]
    if one_month:
        return part[:, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ok = np.isfinite(part).any(axis=1)
        v = np.nansum(part, axis=1) if flow else np.nanmean(part, axis=1)
    return np.where(ok, v, np.nan)


def effects_lines(rows, mem, dates):
    """The tidy lines of effects.csv (the columns and rows of `minesim compare --format csv`, in
    its order: date, indicator, arm, point)."""
    months = next(iter(rows.values()))["values"].shape[1] if rows else 0
    blocks = list(dates) + [("cumulated", list(range(months)), False)]
    lines = []
    for label, idx, one in blocks:
        for name, row in rows.items():
            h = row["spec"]
            flow = bool(h.get("total_unit"))
            if label == "cumulated" and not flow:
                continue
            unit = h["total_unit"] if flow and not one else h["unit"]
            x = at_date(row["values"], idx, one, flow)
            for arm in mem["arms"]:
                for point in arm_points(mem, arm):
                    n, mean, p05, p95 = summarise(x[arm_members(mem, arm, point)])
                    line = {"indicator": name, "unit": unit, "arm": arm, "date": label,
                            "n": int(n), "mean": mean, "p05": p05, "p95": p95,
                            "kind": row["kind"], "point": point, "effect": None}
                    if arm != mem["baseline"]:
                        line["effect"] = paired_effect(differences(x, mem, arm, point))
                    lines.append(line)
    return lines


def _num(v):
    return "" if v is None or not np.isfinite(v) else repr(float(v))


def write_effects_csv(path, lines, sweep):
    """compare's CSV columns; with a sweep its last column `point` (the point's index)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CSV_COLUMNS + ([SWEEP_COLUMN] if sweep else []))
        for ln in lines:
            e = ln["effect"]
            w.writerow([ln["indicator"], ln["unit"], ln["arm"], ln["date"], ln["n"],
                        _num(ln["mean"]), _num(ln["p05"]), _num(ln["p95"]),
                        *(["", "", ""] if e is None else [_num(e[1]), _num(e[2]), _num(e[3])])]
                       + ([ln["point"]] if sweep else []))


# ---------------------------------------------------------------------------------------------
# Display in real units: shares as % (levels) and percentage points (effects)

def display_unit(unit, kind, effect):
    if kind == "pct":  # "share" -> "%", "share of persons" -> "% of persons"
        of = unit[len("share"):] if unit.startswith("share") else ""
        return ("percentage points" if effect else "%") + of
    return unit


def fmt_number(v, half=None):
    """v with as many decimals as the interval half-width (or v itself) needs: two significant
    digits of the uncertainty."""
    if v is None or not np.isfinite(v):
        return "–"
    ref = abs(half) if half is not None and np.isfinite(half) and half > 0 else abs(v)
    dec = 0 if ref == 0 else int(min(4, max(0, 1 - np.floor(np.log10(ref)))))
    return f"{v:,.{dec}f}"


def fmt_signed(v, half=None):
    s = fmt_number(v, half)
    return s if s == "–" or s.startswith("-") or float(v) == 0 else "+" + s


# ---------------------------------------------------------------------------------------------
# Figures: per headline, the arms' mean with a 5-95 % band, and the paired effect with its 95 %
# band, over time

def _slug(text):
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def arm_interventions(run, mem):
    """Pseudo-runs (stem = arm) with the interventions of each arm's first complete member, for
    report.collect_interventions and report.intervention_lines."""
    out = []
    for arm in mem["arms"]:
        ms = arm_members(mem, arm)
        ivs = []
        if ms:
            for iv in run.at_member(ms[0]).interventions:
                ivs.append(dict(iv, run=arm))
        out.append(types.SimpleNamespace(stem=arm, interventions=ivs))
    return R.collect_interventions(out)


def series_over_time(row, mem):
    """Per arm (mean, p05, p95) and per non-baseline arm the effect (mean, lo, hi), over time;
    shares as %."""
    scale = 100.0 if row["kind"] == "pct" else 1.0
    v = row["values"] * scale
    levels, effects = OrderedDict(), OrderedDict()
    for arm in mem["arms"]:
        ms = arm_members(mem, arm)
        if ms:
            levels[arm] = summarise(v[ms])[1:]
        if arm != mem["baseline"]:
            d = differences(v, mem, arm)
            if d.shape[0]:
                effects[arm] = paired_effect(d)[1:]
    return levels, effects


def _style_axis(ax, unit, span):
    import matplotlib.dates as mdates
    import matplotlib.ticker
    ax.set_ylabel(unit, fontsize=8)
    ax.grid(True, color="#dddddd", lw=0.6)
    ax.tick_params(labelsize=8)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(R._tick_format))
    loc = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    ax.set_xlim(span[0], span[1])


def _mark_interventions(ax, lines):
    import matplotlib.dates as mdates
    for d, label, color, is_end in lines:
        ax.axvline(d, color=color, ls=":" if is_end else "--", lw=1.0)
        ax.annotate(label, xy=(mdates.date2num(d), 0.98), xycoords=ax.get_xaxis_transform(),
                    xytext=(-2, 0), textcoords="offset points", rotation=90, va="top",
                    ha="right", fontsize=7, color=color, zorder=10,
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.75, pad=0.4))


def write_band_png(path, title, subtitle, names, rows, mem, dates, colors, lines, span):
    plt = R.plt
    has_effect = len(mem["arms"]) > 1
    cols = 2 if has_effect else 1
    fig, axes = plt.subplots(len(names), cols, figsize=(6.0 * cols, 2.9 * len(names) + 1.0),
                             squeeze=False)
    for i, name in enumerate(names):
        row = rows[name]
        levels, effects = series_over_time(row, mem)
        ax = axes[i][0]
        for arm, (mean, p05, p95) in levels.items():
            # The baseline's band filled and its line wider, drawn first: arms identical before
            # their first intervention then show as a thin line on a wider one. Other arms' bands
            # are lighter with dashed edges, so that overlapping bands stay readable.
            is_base = arm == mem["baseline"]
            ax.fill_between(dates, p05, p95, color=colors[arm], alpha=0.2 if is_base else 0.12,
                            lw=0, label=f"{arm}: 5–95 % of members")
            if not is_base:
                for edge in (p05, p95):
                    ax.plot(dates, edge, color=colors[arm], lw=0.7, ls="--", alpha=0.8)
            ax.plot(dates, mean, color=colors[arm], lw=3.0 if is_base else 1.5,
                    label=f"{arm}: mean")
        ax.set_title(name, fontsize=10)
        _style_axis(ax, display_unit(row["spec"]["unit"], row["kind"], False), span)
        _mark_interventions(ax, lines)
        if has_effect:
            ax = axes[i][1]
            ax.axhline(0, color="#888888", lw=0.9)
            for arm, (mean, lo, hi) in effects.items():
                ax.fill_between(dates, lo, hi, color=colors[arm], alpha=0.22, lw=0,
                                label=f"{arm} − {mem['baseline']}: 95 % interval")
                ax.plot(dates, mean, color=colors[arm], lw=1.8,
                        label=f"{arm} − {mem['baseline']}: paired effect")
            ax.set_title(f"{name}: effect vs {mem['baseline']}", fontsize=10)
            _style_axis(ax, display_unit(row["spec"]["unit"], row["kind"], True), span)
            _mark_interventions(ax, lines)
    handles, labels = [], []
    for ax in axes[0]:
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    fig.suptitle(title, fontsize=12, fontweight="bold")
    fig.text(0.5, 1 - 0.42 / fig.get_figheight(), subtitle, ha="center", va="top", fontsize=8.5,
             color="#555555")
    fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 4), fontsize=8,
               frameon=False)
    legend_rows = (len(labels) + 3) // 4
    height = 2.9 * len(names) + 1.0
    top = 0.2 + 0.16 * subtitle.count("\n")  # inches kept for the subtitle's further lines
    fig.tight_layout(rect=(0, (0.25 + 0.2 * legend_rows) / height, 1, 1 - top / height))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _rgba(hex_color, alpha):
    h = hex_color.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _band_trace(go, x, lo, hi, color, name, group, alpha):
    ok = np.isfinite(lo) & np.isfinite(hi)
    xs = [str(d) for d, k in zip(x, ok) if k]
    return go.Scatter(x=xs + xs[::-1], y=[float(v) for v in hi[ok]] + [float(v) for v in
                                                                         lo[ok][::-1]],
                      fill="toself", fillcolor=_rgba(color, alpha), line=dict(width=0),
                      name=name, legendgroup=group, hoverinfo="skip", showlegend=False)


def plotly_band_figure(names, rows, mem, dates, colors, lines, span):
    go, make_subplots = R.go, R.make_subplots
    has_effect = len(mem["arms"]) > 1
    cols = 2 if has_effect else 1
    titles = []
    for name in names:
        titles.append(R._plotly_text(name))
        if has_effect:
            titles.append(R._plotly_text(f"{name}: effect vs {mem['baseline']}"))
    fig = make_subplots(rows=len(names), cols=cols, subplot_titles=titles,
                        horizontal_spacing=0.08, vertical_spacing=min(0.25 / len(names) + 0.05,
                                                                      0.2))
    x = [str(d) for d in dates]

    def line(y):
        return [float(v) if np.isfinite(v) else None for v in y]

    shown = set()
    for i, name in enumerate(names):
        row = rows[name]
        levels, effects = series_over_time(row, mem)
        unit = display_unit(row["spec"]["unit"], row["kind"], False)
        for arm, (mean, p05, p95) in levels.items():
            fig.add_trace(_band_trace(go, dates, p05, p95, colors[arm], arm, arm, 0.18),
                          row=i + 1, col=1)
            fig.add_trace(go.Scatter(x=x, y=line(mean), mode="lines", name=R._plotly_text(arm),
                                     legendgroup=arm, showlegend=arm not in shown,
                                     line=dict(color=colors[arm], width=2),
                                     hovertemplate="%{y:,.4~g} " + R._plotly_text(unit)),
                          row=i + 1, col=1)
            shown.add(arm)
        fig.update_yaxes(title_text=R._plotly_text(unit), row=i + 1, col=1)
        if has_effect:
            eunit = display_unit(row["spec"]["unit"], row["kind"], True)
            for arm, (mean, lo, hi) in effects.items():
                fig.add_trace(_band_trace(go, dates, lo, hi, colors[arm], arm, arm, 0.22),
                              row=i + 1, col=2)
                fig.add_trace(go.Scatter(x=x, y=line(mean), mode="lines",
                                         name=R._plotly_text(f"{arm} − {mem['baseline']}"),
                                         legendgroup=arm, showlegend=False,
                                         line=dict(color=colors[arm], width=2),
                                         hovertemplate="%{y:+,.4~g} " + R._plotly_text(eunit)),
                              row=i + 1, col=2)
            fig.add_hline(y=0, line=dict(color="#888888", width=1), row=i + 1, col=2)
            fig.update_yaxes(title_text=R._plotly_text(eunit), row=i + 1, col=2)
    fig.update_xaxes(range=[str(span[0]), str(span[1])], type="date")
    shapes, annotations = list(fig.layout.shapes), list(fig.layout.annotations)
    for k in range(len(names) * cols):
        ax = "" if k == 0 else str(k + 1)
        for d, label, color, is_end in lines:
            shapes.append(dict(type="line", xref="x" + ax, yref=f"y{ax} domain", x0=str(d),
                               x1=str(d), y0=0, y1=1,
                               line=dict(color=color, width=1.2, dash="dot" if is_end else "dash")))
            annotations.append(dict(xref="x" + ax, yref=f"y{ax} domain", x=str(d), y=1,
                                    text=R._plotly_text(label), showarrow=False, textangle=-90,
                                    xanchor="right", yanchor="top", xshift=-1,
                                    font=dict(size=10, color=color),
                                    bgcolor="rgba(255,255,255,0.75)"))
    fig.update_layout(shapes=shapes, annotations=annotations, template="plotly_white",
                      height=270 * len(names) + 110, margin=dict(l=70, r=20, t=50, b=40),
                      hovermode="x unified", legend=dict(orientation="h", yanchor="bottom",
                                                         y=1.0 + 30 / (270 * len(names)), x=0))
    return fig


# ---------------------------------------------------------------------------------------------
# HTML

def _attr(v):
    return _num(v)


def effects_table_html(lines, mem, dates):
    """One table per date: each non-baseline arm's effect and 95 % interval in real units, with
    the baseline's mean beside it. Each effect row carries its raw numbers (compare's units) in
    data- attributes."""
    base = {(ln["indicator"], ln["date"], ln["point"]): ln for ln in lines
            if ln["arm"] == mem["baseline"]}
    sweep = mem["sweep"]
    labels = [label for label, _, _ in dates] + ["cumulated"]
    parts = []
    for label in labels:
        rows = [ln for ln in lines if ln["date"] == label and ln["effect"] is not None]
        if not rows:
            continue
        what = ("flows summed over all recorded months" if label == "cumulated" else
                "the month" if len(label) == 7 else
                "mean of stocks and ratios, sum of flows over its recorded months")
        parts.append(f'<h3>{R._no_url(label)} <span class="note">({what})</span></h3>')
        parts.append('<table class="effects"><tr><th>indicator</th><th>arm</th>'
                     + ("<th>point</th>" if sweep else "") + "<th>unit</th>"
                     f"<th>{R._no_url(mem['baseline'])} mean</th><th>arm mean</th><th>pairs</th>"
                     "<th>effect</th><th>95 % interval</th></tr>")
        for ln in rows:
            n, mean, lo, hi = ln["effect"]
            scale = 100.0 if ln["kind"] == "pct" else 1.0
            b = base.get((ln["indicator"], label, ln["point"]))
            # decimals: two significant digits of the half-width, or of an end near zero
            ends = [abs(v) for v in (lo * scale, hi * scale) if np.isfinite(v) and v != 0]
            half = (min([(hi - lo) / 2 * scale] + ends) if np.isfinite(lo) and hi > lo
                    else None)
            zero = bool(np.isfinite(lo) and lo <= 0 <= hi)
            interval = ("–" if not np.isfinite(lo) else
                        f"[{fmt_signed(lo * scale, half)}, {fmt_signed(hi * scale, half)}]"
                        + (" ~" if zero else ""))
            level = display_unit(ln["unit"], ln["kind"], False)
            eff_unit = display_unit(ln["unit"], ln["kind"], True)
            unit = level if level == eff_unit else f"{level}; effect in {eff_unit}"
            parts.append(
                f'<tr class="effect{" includes-zero" if zero else ""}" '
                f'data-indicator="{R._no_url(ln["indicator"])}" data-arm="{R._no_url(ln["arm"])}"'
                f' data-date="{R._no_url(label)}" data-unit="{R._no_url(ln["unit"])}" '
                f'data-n="{int(n)}" data-effect="{_attr(mean)}" data-effect-lo="{_attr(lo)}" '
                f'data-effect-hi="{_attr(hi)}"'
                + (f' data-point="{ln["point"]}"' if sweep else "") + ">"
                f"<td>{R._no_url(ln['indicator'])}</td><td>{R._no_url(ln['arm'])}</td>"
                + (f"<td>{R._no_url(point_label(mem, ln['point']))}</td>" if sweep else "") +
                f"<td>{R._no_url(unit)}</td>"
                f'<td class="num">{fmt_number(b["mean"] * scale if b else None, half)}</td>'
                f'<td class="num">{fmt_number(ln["mean"] * scale, half)}</td>'
                f'<td class="num">{int(n)}</td>'
                f'<td class="num"><b>{fmt_signed(mean * scale, half)}</b></td>'
                f'<td class="num">{interval}</td></tr>')
        parts.append("</table>")
    parts.append('<p class="note">effect: arm minus ' + R._no_url(mem["baseline"])
                 + (" per seed common to both within each parameter point (one row per point, "
                    "as <code>minesim compare</code>), their mean" if sweep else
                    " per seed common to both, their mean")
                 + "; 95 % interval: mean ± "
                 "t(0.975, n−1) s/√n over the n pairs. <b>~</b> (grey rows): the interval "
                 "includes zero, the effect cannot be told from seed-to-seed variation with "
                 "these seeds. Shares are in %, their effects in percentage points. All numbers, "
                 "baseline rows and p05/p95 included, are in <code>effects.csv</code> (the columns "
                 "of <code>minesim compare --format csv</code>"
                 + (", with its last column <code>point</code>" if sweep else "") + ").</p>")
    return "\n".join(parts)


ENS_CSS = """
h3 { font-size: 1.02em; margin: 1.1em 0 0.3em; }
tr.includes-zero td { color: #888; }
"""


def write_ensemble_html(path, title, run, mem, lines, dates, figures, interventions, span):
    plotly = R.plotly
    per_arm = []
    for arm in mem["arms"]:
        ms = [m for m in range(mem["n"]) if mem["arm"][m] == arm]
        done = sum(mem["completed"][m] for m in ms)
        per_arm.append(f"{R._no_url(arm)}{' (baseline)' if arm == mem['baseline'] else ''}: "
                       f"{done} of {len(ms)} members complete")
    seeds = sorted({mem["seed"][m] for m in range(mem["n"]) if mem["completed"][m]})
    points = sorted({mem["point"][m] for m in range(mem["n"])})
    scale = run.attrs.get("population_scale", "?")
    months = f"{str(run.dates[0])[:7]} to {str(run.dates[-1])[:7]} ({len(run.dates)} months)"
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{R._no_url(title)}</title>", f"<style>{R.CSS}{ENS_CSS}</style>", "</head>",
        "<body>", "<main>", f"<h1>{R._no_url(title)}</h1>",
        f'<p class="meta ensemble-header" data-population-scale="{R._no_url(scale)}" '
        f'data-seeds="{len(seeds)}">Ensemble <code>{R._no_url(os.path.basename(run.path))}'
        f"</code> · population scale <b>{R._no_url(scale)}</b> · <b>{len(seeds)} seeds</b> "
        f"per arm{' and point' if mem['sweep'] else ''} "
        f"({R._no_url(', '.join(str(s) for s in seeds[:12]))}"
        f"{', …' if len(seeds) > 12 else ''})"
        + (f' · <span class="sweep" data-points="{len(points)}">{len(points)} parameter '
           f"point{'s' if len(points) != 1 else ''}: effects table per point, figures pool the "
           f"points</span>" if mem["sweep"] else "")
        + f" · {months} · " + "; ".join(per_arm)
        + f" · generated {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} by tools/report.py"
        f" · plotly.js {R._no_url(plotly.offline.get_plotlyjs_version())} embedded, works "
        "offline</p>",
    ]
    nav = ['<a href="#effects">Effects</a>', '<a href="#interventions">Interventions</a>']
    nav += [f'<a href="#fig-{k}">{R._no_url(t)}</a>' for k, t, _ in figures]
    parts.append("<nav>" + " ".join(nav) + "</nav>")
    parts.append('<h2 id="effects">Effects against ' + R._no_url(mem["baseline"]) + "</h2>")
    if mem["sweep"]:
        parts.append('<p class="note points">Parameter points: '
                     + "; ".join(R._no_url(point_label(mem, p)) for p in points) + ".</p>")
    parts.append(effects_table_html(lines, mem, dates))

    parts.append('<h2 id="interventions">Interventions</h2>')
    if interventions:
        parts.append('<table class="intervention-legend"><tr><th>marker</th><th>intervention'
                     "</th><th>type</th><th>arm</th><th>start</th><th>end</th></tr>")
        for iv in interventions:
            for arm in iv["runs"]:
                parts.append(
                    f'<tr class="intervention-marker" data-run="{R._no_url(arm)}" '
                    f'data-intervention="{R._no_url(iv["name"])}"><td><span class="swatch '
                    f'dashed" style="border-color:{iv["color"]}"></span></td>'
                    f"<td><b>{R._no_url(iv['label'])}</b></td>"
                    f"<td>{R._no_url(iv['type'] or '–')}</td><td>{R._no_url(arm)}</td>"
                    f"<td>{R._no_url(iv['start'] or '–')}</td>"
                    f"<td>{R._no_url(iv['end'] or 'open-ended')}</td></tr>")
        parts.append('</table><p class="note">Starts are dashed lines, ends dotted lines, on '
                     "every time axis below.</p>")
    else:
        parts.append('<p class="note">No interventions recorded in this ensemble.</p>')

    first = True
    for key, ftitle, fig in figures:
        parts.append(
            f'<div class="figure band-figure" id="fig-{key}"><h2>{R._no_url(ftitle)}</h2>'
            '<p class="desc">Left: each arm\'s mean over its complete members (line) and 5–95 % '
            "of its members (band). Right: the paired effect, arm minus "
            f"{R._no_url(mem['baseline'])} per common seed, with its 95 % interval (band). "
            + (f"<b>Pooled over the {len(points)} parameter points</b>: the bands take every "
               "member of an arm whatever its point, and the effect every (seed, point) pair, "
               "so they mix the sweep's spread with seed-to-seed variation; the effects table "
               "above gives each point's effect. " if mem["sweep"] else "")
            + f"Static image: <code>{key}.png</code>.</p>")
        div = fig.to_html(full_html=False, include_plotlyjs=first,
                          default_height=f"{fig.layout.height}px",
                          config={"displaylogo": False, "responsive": True,
                                  "toImageButtonOptions": {"filename": key}})
        parts.append(R._js_safe(div))
        parts.append("</div>")
        first = False
    parts += ["</main>", "</body>", "</html>"]
    text = "\n".join(parts)
    for bad in ("http://", "https://"):
        if bad in text:
            raise RuntimeError(f"internal error: report.html would contain {bad!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------

def write_report(run, outdir, title, years):
    """The ensemble report of `run` into `outdir`; returns the number of figures."""
    mem = read_members(run)
    if len(run.dates) == 0:
        raise R.InputError(f"{run.path}: no months recorded")
    rows, groups = headline_table(run, mem)
    dates = choose_dates(run, years)
    lines = effects_lines(rows, mem, dates)
    write_effects_csv(os.path.join(outdir, "effects.csv"), lines, mem["sweep"])
    colors = {arm: ARM_COLORS[i % len(ARM_COLORS)] for i, arm in enumerate(mem["arms"])}
    interventions = arm_interventions(run, mem)
    span = (run.dates[0], run.dates[-1])
    marks = R.intervention_lines(interventions, *span)
    figures, used = [], set()
    seeds = len({mem["seed"][m] for m in range(mem["n"]) if mem["completed"][m]})
    subtitle = (f"{len(mem['arms'])} arm(s), {seeds} seeds; population scale "
                f"{run.attrs.get('population_scale', '?')}; band: 5–95 % of an arm's members "
                "(left), 95 % interval of the paired effect (right)")
    if mem["sweep"]:
        subtitle += (f"\npooled over the {len(mem['points'])} parameter points (all their "
                     "members; the effect over every seed-point pair); each point's effect is in "
                     "the effects table and effects.csv")
    for h, names in groups:
        names = [n for n in names if np.isfinite(rows[n]["values"]).any()]
        if not names:
            continue
        ftitle = h["name"] + (f" by {h['split']}" if h.get("split") else "")
        key = "ens_" + _slug(ftitle)
        while key in used:
            key += "_"
        used.add(key)
        write_band_png(os.path.join(outdir, key + ".png"), ftitle, subtitle, names, rows, mem,
                       run.dates, colors, marks, span)
        figures.append((key, ftitle, plotly_band_figure(names, rows, mem, run.dates, colors,
                                                        marks, span)))
    write_ensemble_html(os.path.join(outdir, "report.html"), title, run, mem, lines, dates,
                        figures, interventions, span)
    return len(figures)
