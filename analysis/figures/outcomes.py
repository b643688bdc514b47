"""Outcome figures: paired before/after, the trajectory over time points, cement volume
by group with repeat-initial pairs joined, and a swimmer plot of a case series.

The points drawn are the cohort's values (selected with :mod:`analysis.stats`); the
interval of each mean is the one-sample t interval of :mod:`analysis.published`, from
that mean, SD and n. No identifier is ever drawn: patients are numbered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch

from analysis.figures.style import SINGLE_COLUMN, colour, footnote, journal_style, new_axes
from analysis.formatting import PLAIN, FormatConfig, count, estimate_ci, p_text
from analysis.labels import Labels, load_labels
from analysis.published import one_sample_t
from analysis.schema import Cohort
from analysis.stats import PairedChange, measure_scale, measure_wide, vertebra_frame

# How a figure's value axis is bounded: the measure's whole declared scale ("scale"),
# the data alone ("data", matplotlib's choice), or the (bottom, top) given.
YLimits = Literal["scale", "data"] | tuple[float, float]

# Figures draw at most this many lines or points per group (a random, seeded sample,
# said in the panel); summaries always use every observation.
MAX_DRAWN = 2000


def mean_ci(values: np.ndarray, alpha: float = 0.05) -> tuple[float, float, float]:
    """Mean with its t interval (NaN interval for fewer than two values)."""
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if len(v) < 2 or np.std(v) == 0:
        m = float(v.mean()) if len(v) else float("nan")
        return m, float("nan"), float("nan")
    e = one_sample_t(float(v.mean()), float(np.std(v, ddof=1)), len(v), alpha=alpha)
    return e.estimate, e.ci_low, e.ci_high


# Past this many pairs, a paired plot shows each time point's distribution with the means
# instead of one line per pair (hundreds of lines on an integer scale are one grey block).
PAIRED_LINES_MAX = 50


def paired_plot(
    cohort: Cohort,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    change: PairedChange | None = None,
    ax: Axes | None = None,
    *,
    labels: Labels | None = None,
    style: FormatConfig = PLAIN,
    lines: bool | None = None,
    ylim: YLimits = "scale",
) -> Figure:
    """The mean with its 95% CI at each time point (black, joined) over the pairs: each
    session's line from before to after (grey) up to :data:`PAIRED_LINES_MAX` pairs, else
    (or with ``lines=False``) each time point's distribution as bars of the sessions at
    each value. Given the :class:`PairedChange`, its mean change, CI and P head the panel.
    The value axis spans the measure's whole declared scale (0-10 for pain) unless
    ``ylim`` is ``"data"`` or a (bottom, top) pair (see :func:`scale_axis`)."""
    labels = labels or load_labels()
    wide = measure_wide(cohort, measure, [before, after])
    pairs = wide[[before, after]].dropna().to_numpy(float)
    with journal_style():
        fig, ax = new_axes(ax, (SINGLE_COLUMN * 0.8, 2.8))
        if lines if lines is not None else len(pairs) <= PAIRED_LINES_MAX:
            _pair_lines(ax, pairs, style)
        else:
            _distributions(ax, pairs)
            footnote(ax, f"Bars: sessions at each value ({count(len(pairs), style)} pairs); points: mean (95% CI)", "distribution")  # fmt: skip
        means = [mean_ci(pairs[:, 0]), mean_ci(pairs[:, 1])]
        ax.plot([0, 1], [means[0][0], means[1][0]], color="#000000", linewidth=1, zorder=3)
        for x, (m, lo, hi) in enumerate(means):
            ax.errorbar([x], [m], yerr=[[m - lo], [hi - m]], fmt="o", color="#000000", markersize=4, capsize=3, zorder=4)  # fmt: skip
        ax.set_xticks([0, 1], [labels.timepoint(before), labels.timepoint(after)])
        ax.set_xlim(-0.5, 1.5)
        scale_axis(ax, measure, ylim)
        ax.set_ylabel(labels.measure(measure).display)
        if change is not None:
            t = change.t_test
            ax.set_title(f"Mean change {estimate_ci(t.estimate, t.ci_low, t.ci_high, cfg=style)}\n"
                         f"{t.method} {p_text(t.p_value, style)}; {count(change.n_pairs, style)} pairs", fontsize=7, gid="p-value")  # fmt: skip
    return fig


def _pair_lines(ax: Axes, pairs: np.ndarray, style: FormatConfig) -> None:
    """One grey line per pair (a seeded sample past :data:`MAX_DRAWN`, said in the panel)."""
    drawn = pairs
    if len(pairs) > MAX_DRAWN:  # a readable figure; means and CIs still use every pair
        pick = np.random.default_rng(20261121).choice(len(pairs), MAX_DRAWN, replace=False)
        drawn = pairs[np.sort(pick)]
        footnote(ax, f"lines: {count(MAX_DRAWN, style)} of {count(len(pairs), style)} pairs, drawn at random", "sampled")  # fmt: skip
    dx = np.linspace(-0.08, 0.08, len(drawn)) if len(drawn) > 1 else np.zeros(len(drawn))
    segments = np.stack([np.column_stack([dx, drawn[:, 0]]), np.column_stack([1 + dx, drawn[:, 1]])], axis=1)  # fmt: skip
    ax.add_collection(LineCollection(list(segments), colors="#999999", linewidths=0.5, alpha=0.5))


def _distributions(ax: Axes, pairs: np.ndarray, most_values: int = 25) -> None:
    """Each column's distribution as horizontal bars centred on its time point, the
    widest bar 0.7 of the gap between time points: one bar per value on a scale of few
    values (0-10 pain), else 20 bins."""
    values = np.unique(pairs)
    if len(values) <= most_values:
        edges = None
        height = 0.8 * (float(np.min(np.diff(values))) if len(values) > 1 else 1.0)
    else:
        edges = np.linspace(values[0], values[-1], 21)
        height = 0.9 * float(edges[1] - edges[0])
    tallies = []
    for col in (pairs[:, 0], pairs[:, 1]):
        if edges is None:
            tallies.append((values, np.array([(col == v).sum() for v in values], dtype=float)))
        else:
            n, _ = np.histogram(col, edges)
            tallies.append(((edges[:-1] + edges[1:]) / 2, n.astype(float)))
    widest = max(float(n.max()) for _, n in tallies) or 1.0
    for x, (at, n) in enumerate(tallies):
        width = 0.7 * n / widest
        ax.barh(at, width, height=height, left=x - width / 2, color="#bbbbbb", linewidth=0, gid="distribution")  # fmt: skip


def trajectory_plot(
    cohort: Cohort,
    measure: str = "pain_vas",
    timepoints: Sequence[str] = ("pre", "24h", "1m", "3m", "12m"),
    by: str | None = None,
    ax: Axes | None = None,
    *,
    labels: Labels | None = None,
    style: FormatConfig = PLAIN,
    ylim: YLimits = "scale",
) -> Figure:
    """Mean with 95% CI of a measure at each time point, one line per group of a
    patient column (``by``), groups dodged so their intervals do not overlap.

    Time points are placed in proportion to their time (months after the procedure; the
    baseline before 0) when every one is a time code (``pre``, ``24h``, ``1w``, ``3m``
    ...), else evenly, which the axis label then says. The number of sessions with a
    value at each time point is written under the axis, per group. The value axis spans
    the measure's whole declared scale (0-10 for pain, 0-100 for the ODI), so a change
    is seen against the whole scale, unless ``ylim`` is ``"data"`` (the means' own
    range) or a (bottom, top) pair (see :func:`scale_axis`)."""
    labels = labels or load_labels()
    wide = measure_wide(cohort, measure, list(timepoints))
    if by is not None:
        pts = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
        if by not in pts.columns:
            raise ValueError(f"no patient column {by!r} to group the trajectory by")
        wide["_group"] = pts[by].reindex(wide["patient_id"].astype(str)).astype("string").to_numpy()
    else:
        wide["_group"] = "all"
    groups = [g for g in pd.unique(wide["_group"].dropna())]
    with journal_style():
        fig, ax = new_axes(ax, (SINGLE_COLUMN, 2.8 + 0.14 * len(groups)))
        x, proportional = timepoint_positions(timepoints)
        broken = proportional and len(x) > 1 and _is_baseline(timepoints[0])
        span = float(x.max() - x.min()) or 1.0
        for i, g in enumerate(groups):
            sub = wide[wide["_group"] == g]
            stats = [mean_ci(sub[t].to_numpy(float)) for t in timepoints]
            m = np.array([s[0] for s in stats])
            lo = np.array([s[1] for s in stats])
            hi = np.array([s[2] for s in stats])
            dx = (i - (len(groups) - 1) / 2) * 0.012 * span
            name = "All sessions" if g == "all" else labels.level(by or "", g)
            label = f"{name} (n = {count(len(sub), style)})"
            if broken:  # the baseline stands before the break, joined to the next by a dotted line
                ax.plot(x[:2] + dx, m[:2], color=colour(i), linestyle=":", linewidth=1, gid="across-break")  # fmt: skip
                ax.errorbar(x[:1] + dx, m[:1], yerr=[m[:1] - lo[:1], hi[:1] - m[:1]], fmt="o", color=colour(i), markersize=3.5, capsize=2, linewidth=1)  # fmt: skip
            start = 1 if broken else 0
            ax.errorbar(x[start:] + dx, m[start:], yerr=[m[start:] - lo[start:], hi[start:] - m[start:]], fmt="-o",
                        color=colour(i), markersize=3.5, capsize=2, linewidth=1, label=label)  # fmt: skip
            counts = [count(int(sub[t].notna().sum()), style) for t in timepoints]
            _count_row(ax, x, counts, len(groups) - 1 - i, colour(i) if g != "all" else "#000000")
        ax.set_xticks(x, [labels.timepoint(t) for t in timepoints], rotation=45 if proportional else 0, ha="right" if proportional else "center")  # fmt: skip
        scale_axis(ax, measure, ylim)
        ax.set_ylabel(f"{labels.measure(measure).display}, mean (95% CI)")
        ax.set_xlabel(_time_label(proportional, broken, labels.timepoint(timepoints[0])))
        if broken:
            x_axis_break(ax, (x[0] + x[1]) / 2, span)
        if by is not None:
            ax.legend(loc="upper right")
    return fig


def _is_baseline(timepoint: str) -> bool:
    return str(timepoint).strip().lower() in ("pre", "baseline")


def _time_label(proportional: bool, broken: bool, baseline: str) -> str:
    """The time axis' label: to scale only where it is (after the break, when the
    baseline stands before it)."""
    if not proportional:
        return "Time point (not to scale)"
    if broken:
        return f"Time after the procedure, to scale\n(axis broken after {baseline}: its place not to scale)"
    return "Time after the procedure, to scale"


def x_axis_break(ax: Axes, at: float, span: float) -> None:
    """Two short slanted strokes across the x axis at ``at`` (data): the axis is broken
    there, the spacing before it is not to scale. ``span``: the data range of the axis
    (the strokes are a hundredth of it wide). Drawn without rescaling the axis, so the
    limits its ticks set stay (time points without data still show)."""
    from matplotlib.transforms import blended_transform_factory

    where = blended_transform_factory(ax.transData, ax.transAxes)
    step = 0.01 * span
    for dx in (-0.8 * step, 0.8 * step):
        ax.plot((at - step + dx, at + step + dx), (-0.025, 0.025), transform=where, color="k",
                linewidth=0.8, clip_on=False, gid="x-axis-break", scalex=False, scaley=False)  # fmt: skip


def scale_axis(ax: Axes, measure: str, ylim: YLimits = "scale") -> None:
    """Bound the value axis: with ``"scale"``, from the floor to the top of the
    measure's declared scale (:func:`~analysis.stats.measure_scale`) and further where
    something drawn reaches beyond it; with ``"data"``, as matplotlib fits the data (also
    for a measure without a declared scale); with a (bottom, top) pair, there.

    Raises
    ------
    ValueError
        For any other ``ylim``.
    """
    if isinstance(ylim, tuple) and len(ylim) == 2:
        ax.set_ylim(float(ylim[0]), float(ylim[1]))
        return
    if ylim not in ("scale", "data"):
        raise ValueError(f"ylim must be 'scale', 'data' or a (bottom, top) pair, not {ylim!r}")
    scale = measure_scale(measure)
    if ylim == "data" or scale is None:
        return
    low, high = ax.get_ylim()
    ax.set_ylim(min(scale[0], low), max(scale[1], high))


_UNIT_MONTHS = {"h": 1 / (24 * 30.4375), "d": 1 / 30.4375, "w": 7 / 30.4375, "m": 1.0, "y": 12.0}


def timepoint_positions(timepoints: Sequence[str]) -> tuple[np.ndarray, bool]:
    """Positions of time points on a time axis in months (``pre`` a twelfth of the span
    before 0) and whether they are to scale; evenly spaced when a code is not a time
    (``1m``, ``24h``, ``6w``, ``2y``)."""
    months = []
    for t in timepoints:
        code = str(t).strip().lower()
        unit = code[-1:]
        if code in ("pre", "baseline"):
            months.append(np.nan)
        elif unit in _UNIT_MONTHS and code[:-1].isdigit():
            months.append(int(code[:-1]) * _UNIT_MONTHS[unit])
        else:
            return np.arange(len(timepoints), dtype=float), False
    arr = np.array(months, dtype=float)
    known = arr[~np.isnan(arr)]
    if len(known) < 2:
        return np.arange(len(timepoints), dtype=float), False
    arr[np.isnan(arr)] = -max(float(known.max()) / 12, 0.5)
    return arr, True


def _count_row(ax: Axes, x: np.ndarray, counts: Sequence[str], row: int, col: str) -> None:
    """The numbers with a value, in rows above the panel (row 0 nearest it; the first
    group on top, as in the legend)."""
    from matplotlib.transforms import blended_transform_factory

    where = blended_transform_factory(ax.transData, ax.transAxes)
    for xi, text in zip(x, counts, strict=True):
        ax.text(xi, 1.03 + 0.06 * row, text, transform=where, ha="center", va="bottom", fontsize=7, color=col, gid=f"n:{row}", clip_on=False)  # fmt: skip
    ax.text(-0.02, 1.03 + 0.06 * row, "n", transform=ax.transAxes, ha="right", va="bottom", fontsize=7, color=col, gid="n-label", clip_on=False)  # fmt: skip


def cement_volume_plot(
    cohort: Cohort,
    by: str = "session",
    ax: Axes | None = None,
    *,
    labels: Labels | None = None,
    join_pairs: bool = True,
    style: FormatConfig = PLAIN,
) -> Figure:
    """Cement volume per vertebra by group (box and points). Grouped by ``session``
    (initial vs repeat), a vertebra treated at both is joined by a line."""
    labels = labels or load_labels()
    v = vertebra_frame(cohort, "all")
    if by not in v.columns:
        raise ValueError(f"no vertebra column {by!r}; try session, technique, cement_type, etiology")  # fmt: skip
    v = v.dropna(subset=["cement_volume_ml"]).assign(_g=lambda f: f[by].astype("string"))
    present = set(v["_g"].dropna().unique())
    groups = [g for g in labels.get(by).levels if g in present] or sorted(present)
    rows_of = {g: (v["_g"] == g).fillna(False).to_numpy(dtype=bool) for g in groups}
    volume = v["cement_volume_ml"].to_numpy(dtype=float)
    rng = np.random.default_rng(20261121)
    with journal_style():
        fig, ax = new_axes(ax, (SINGLE_COLUMN, 2.6))
        data = [volume[rows_of[g]] for g in groups]
        ax.boxplot(data, positions=range(len(groups)), widths=0.5, showfliers=False,
                   medianprops={"color": "#000000"}, boxprops={"linewidth": 0.8}, whiskerprops={"linewidth": 0.8})  # fmt: skip
        x = np.full(len(v), np.nan)
        sampled = False
        for i, g in enumerate(groups):
            sub = v.index[rows_of[g]]
            x[rows_of[g]] = i + rng.uniform(-0.12, 0.12, len(sub))
            shown = (
                sub if len(sub) <= MAX_DRAWN else np.sort(rng.choice(sub, MAX_DRAWN, replace=False))
            )
            sampled = sampled or len(shown) < len(sub)
            at = v.index.get_indexer(pd.Index(shown))
            ax.scatter(pd.Series(x[at], index=shown), v["cement_volume_ml"].iloc[at], s=7, color=colour(i), alpha=0.7, linewidths=0, zorder=3)  # fmt: skip
        notes = [f"points: at most {count(MAX_DRAWN, style)} per group, drawn at random; boxes use all"] if sampled else []  # fmt: skip
        if join_pairs and by == "session" and {"initial", "repeat"} <= set(groups):
            found = _repeat_pairs(v, rows_of, x, volume)
            pairs = found
            if len(found) > MAX_DRAWN:  # readable: a seeded sample of the lines, said so
                pairs = found[np.sort(rng.choice(len(found), MAX_DRAWN, replace=False))]
                notes.append(f"lines: {count(MAX_DRAWN, style)} of {count(len(found), style)} repeat-initial pairs, drawn at random")  # fmt: skip
            segments = np.stack([pairs[:, [0, 2]], pairs[:, [1, 3]]], axis=1)
            shade = max(0.05, min(1.0, (20 / max(len(pairs), 1)) ** 0.5))  # many: each fainter
            ax.add_collection(LineCollection(list(segments), colors="#555555", linewidths=0.7, alpha=shade, zorder=1.5, gid="pairs"))  # fmt: skip
        if notes:
            footnote(ax, "\n".join(notes), "sampled")
        ax.set_xticks(range(len(groups)), [f"{labels.level(by, g)}\n(n = {count(len(d), style)})" for g, d in zip(groups, data, strict=True)])  # fmt: skip
        ax.set_ylabel(labels.display("cement_volume_ml"))
        ax.set_xlabel(labels.get(by).label)
    return fig


def _repeat_pairs(v: pd.DataFrame, rows_of: dict[str, np.ndarray], x: np.ndarray, volume: np.ndarray) -> np.ndarray:  # fmt: skip
    """x and volume of each vertebra (patient and level) at its first initial and its
    first repeat session, in the order of the initial ones: columns x initial, x repeat,
    volume initial, volume repeat."""
    patient = pd.factorize(v["patient_id"].astype(str))[0]
    level_codes, level_texts = pd.factorize(v["level"].astype(str))
    key = patient.astype(np.int64) * (len(level_texts) + 1) + level_codes
    first: dict[str, np.ndarray] = {}
    for g in ("initial", "repeat"):
        at = np.flatnonzero(rows_of[g])
        first[g] = at[~pd.Series(key[at]).duplicated().to_numpy()]
    match = pd.Index(key[first["repeat"]]).get_indexer(key[first["initial"]])
    i, r = first["initial"][match >= 0], first["repeat"][match[match >= 0]]
    return np.column_stack([x[i], x[r], volume[i], volume[r]])


def _died(p: pd.Series) -> bool:
    died = p.get("died")
    return bool(pd.notna(died) and bool(died) and pd.notna(p.get("death_day")))


def _end(p: pd.Series) -> float:
    if _died(p):
        return float(p["death_day"])
    return float(p["followup_days"]) if pd.notna(p.get("followup_days")) else float("nan")


def _swimmer_events(p: pd.Series, procs: pd.DataFrame, fx: pd.DataFrame) -> list[tuple[str, float]]:
    """Repeat procedures (marked as done for pain when that was their indication), pain
    at each procedure's failure day when one is reported (never a day the data do not
    give), and new fractures of one patient."""
    pid = str(p["patient_id"])
    mine = procs[procs["patient_id"] == pid]
    later = mine[mine["day"] > 0]
    repeats = later[later["is_repeat"].fillna(False).astype(bool)]
    for_pain = repeats["indication"].astype(str).isin(["recurrent_pain", "unrelieved_pain"])
    events = [("repeat_pain", d) for d in repeats.loc[for_pain, "day"].unique()]
    events += [("repeat", d) for d in repeats.loc[~for_pain, "day"].unique()]
    failed = mine[mine["failure_day"].notna()]
    events += [("pain", d) for d in (failed["day"] + failed["failure_day"].astype(float)).unique()]  # fmt: skip
    events += [("fracture", d) for d in fx.loc[fx["patient_id"] == pid, "day"].unique()]
    return events


SWIMMER_MARKER = 4.5  # points


def swimmer_plot(cohort: Cohort, ax: Axes | None = None, *, max_patients: int = 40) -> Figure:
    """One bar per patient from the index procedure to the end of follow-up, with
    repeat procedures, recurrent or unrelieved pain, new fractures and death marked;
    patients are numbered (Case 1, 2, ...), never named by an identifier. A patient
    without a reported end of follow-up gets a hatched bar to the last event.

    Raises
    ------
    ValueError
        With more patients than ``max_patients``.
    """
    pts = cohort.patients.reset_index(drop=True)
    if len(pts) > max_patients:
        raise ValueError(f"a swimmer plot draws one bar per patient; this cohort has {len(pts)} (max_patients={max_patients})")  # fmt: skip
    procs = cohort.procedures.assign(patient_id=cohort.procedures["patient_id"].astype(str), day=cohort.procedures["day"].astype(float))  # fmt: skip
    fx = cohort.fractures.assign(patient_id=cohort.fractures["patient_id"].astype(str), day=cohort.fractures["day"].astype(float))  # fmt: skip
    marks = {
        "repeat": ("^", colour(0), "Repeat augmentation"),
        "repeat_pain": ("v", colour(0), "Repeat for recurrent or unrelieved pain"),
        "pain": ("D", colour(3), "Recurrent or unrelieved pain (reported day)"),
        "fracture": ("X", colour(1), "New fracture"),
        "death": ("s", "#000000", "Death"),
        "alive": (">", "#777777", "Alive at last follow-up"),
    }
    used: set[str] = set()
    unknown_end = False
    with journal_style():
        fig, ax = new_axes(ax, (SINGLE_COLUMN, 1.3 + 0.2 * len(pts)))
        for i, p in pts.iterrows():
            y = len(pts) - 1 - int(str(i))
            events = _swimmer_events(p, procs, fx)
            end = _end(p)
            if np.isnan(end):  # follow-up not reported: to the last event, hatched
                unknown_end = True
                last = max([d for _, d in events], default=0.0)
                ax.barh(y, last, height=0.45, color="none", edgecolor="#8FA7BF", hatch="////", linewidth=0.4)  # fmt: skip
            else:
                ax.barh(y, end, height=0.45, color="#C8D6E5", edgecolor="none")
                events.append(("death" if _died(p) else "alive", end))
            for kind, day in events:
                m, col, _ = marks[kind]
                dy = {"repeat": 0.2, "repeat_pain": 0.2, "pain": -0.2}.get(
                    kind, 0.0
                )  # both on one day stay visible
                ax.plot([day], [y + dy], marker=m, color=col, markersize=SWIMMER_MARKER, linestyle="none", clip_on=False)  # fmt: skip
                used.add(kind)
        ax.set_yticks(range(len(pts)), [f"Case {len(pts) - k}" for k in range(len(pts))])
        ax.set_ylim(-0.6, len(pts) - 0.4)
        ax.set_xlabel("Days since the index procedure")
        ax.set_xlim(left=0)
        # the y axis stands clear of day 0, so a marker on an early day is not hidden by it
        ax.spines["left"].set_position(("outward", SWIMMER_MARKER / 2 + 2))
        handles: list[Artist] = [ax.plot([], [], marker=marks[k][0], color=marks[k][1], linestyle="none", label=marks[k][2])[0] for k in marks if k in used]  # fmt: skip
        if unknown_end:
            handles.append(Patch(facecolor="none", edgecolor="#8FA7BF", hatch="////", label="Follow-up not reported"))  # fmt: skip
        if isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
            fig.legend(handles=handles, loc="outside lower center", ncol=1, fontsize=7, frameon=False)  # fmt: skip
        else:  # the caller's axes: keep inside them
            ax.legend(handles=handles, loc="best", fontsize=7)
    return fig
