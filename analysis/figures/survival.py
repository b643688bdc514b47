"""Kaplan-Meier and cumulative incidence curves with numbers at risk.

Each function takes an optional ``ax``; without one it makes its own
:class:`~analysis.figures.style.JournalFigure` (never pyplot's global state) and returns
the Figure. Numbers drawn (at risk, P values) are the result's fields; their text
artists carry a ``gid`` (``at-risk:<group>``, ``p-value``) so tests can read them back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.figures.style import (
    SINGLE_COLUMN,
    JournalFigure,
    colour,
    footnote,
    journal_style,
    legend_clear_of_data,
    new_axes,
    text_width,
)
from analysis.formatting import PLAIN, FormatConfig, count, p_text
from analysis.labels import Labels, load_labels
from analysis.stats import CumulativeIncidence, KaplanMeier, LogRank

DAYS_PER_MONTH = 365.25 / 12
LINESTYLES = ("-", "--", "-.", ":")
Unit = Literal["days", "months"]


def breaks_for(end: float, unit: Unit = "days", most: int = 7) -> list[float]:
    """Axis breaks in days from 0 to the end of follow-up: steps of 30, 90, 180, 365
    or 730 days, or 1, 3, 6, 12 or 24 months, the smallest giving at most ``most``."""
    steps = [30, 60, 90, 180, 365, 730, 1095] if unit == "days" else [m * DAYS_PER_MONTH for m in (1, 3, 6, 12, 24, 36)]  # fmt: skip
    step = next((s for s in steps if end / s <= most - 1), steps[-1])
    return [float(b) for b in np.arange(0.0, end + 1e-9, step)]


# A tabulated day closer than this share of the axis to the break before it is left out
# of the ticks: on a single-column panel (an axis about 150 points wide) its number at
# risk would run into the one before (three digits of 7-point text are about 12 points).
MIN_TICK_GAP = 0.12


def tabulated_breaks(days: Sequence[float], end: float, min_gap: float = MIN_TICK_GAP) -> list[float]:  # fmt: skip
    """Axis breaks at the days the tables and text report, so the figure's ticks and
    numbers at risk can be matched with them: 0, each of ``days`` up to ``end`` (the end
    of the curves), then yearly steps to ``end``. A day within ``min_gap`` of the axis
    (0 to ``end``) of the break before it is left out (``(30, 90, 180, 365, 730)`` over
    1000 days gives 0, 180, 365, 730; over 400 days 0, 90, 180, 365).

    Raises
    ------
    ValueError
        For a negative day.
    """
    if any(d < 0 for d in days):
        raise ValueError(f"tabulated days must be 0 or later, not {sorted(days)}")
    wanted = sorted({0.0, *(float(d) for d in days if d <= end)})
    if wanted[-1] > 0:
        wanted += [float(y) for y in np.arange(365.0, end + 1e-9, 365.0) if y > wanted[-1]]
    breaks: list[float] = []
    for d in wanted:
        if not breaks or d - breaks[-1] >= min_gap * max(end, wanted[-1]):
            breaks.append(d)
    return breaks


def _tick_text(day: float, unit: Unit) -> str:
    return f"{day:g}" if unit == "days" else f"{round(day / DAYS_PER_MONTH):g}"


def _breaks(breaks: Sequence[float] | None, days: Sequence[float] | None, end: float, unit: Unit) -> list[float]:  # fmt: skip
    """The breaks given, else those at the tabulated ``days``, else sensible steps."""
    if breaks is not None:
        return [float(b) for b in breaks]
    return tabulated_breaks(days, end) if days is not None else breaks_for(end, unit)


def group_name(group: str, by: str | None, labels: Labels) -> str:
    if group == "all":
        return "All patients"
    return labels.level(by, group) if by else group


def _time_axis(ax: Axes, breaks: Sequence[float], unit: Unit, xlabel: str | None) -> None:
    ax.set_xlim(0, max(breaks[-1], ax.get_xlim()[1]) if len(breaks) > 1 else None)
    ax.set_xticks(list(breaks), [_tick_text(b, unit) for b in breaks])
    ax.set_xlabel(xlabel or f"{'Days' if unit == 'days' else 'Months'} since the index procedure")


def survival_axes(
    ax: Axes | None, n_rows: int, risk_table: bool
) -> tuple[Figure, Axes, Axes | None]:
    """The curve axes and, with a risk table, an axes under it sharing its x axis (a
    grid row of the new figure, or an inset under a given axes)."""
    if ax is not None or not risk_table:
        fig, main = new_axes(ax, (SINGLE_COLUMN, 2.6))
        if not risk_table:
            return fig, main, None
        return fig, main, main.inset_axes((0.0, -0.32 - 0.08 * n_rows, 1.0, 0.08 * n_rows + 0.06), sharex=main)  # fmt: skip
    fig = JournalFigure(figsize=(SINGLE_COLUMN, 2.5 + 0.16 * (n_rows + 1)), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=(2.3, 0.16 * (n_rows + 1)))
    main = fig.add_subplot(grid[0])
    return fig, main, fig.add_subplot(grid[1], sharex=main)


def at_risk_rows(risk: Axes, km: KaplanMeier, breaks: Sequence[float], names: Sequence[str],
                 colours: Sequence[str], style: FormatConfig = PLAIN) -> None:  # fmt: skip
    """Numbers at risk under every break, one row per group in its curve's colour, the
    group names as the row labels."""
    at = km.at(breaks)
    n = len(km.curves)
    first: list[str] = []
    for j, (c, col) in enumerate(zip(km.curves, colours, strict=True)):
        sub = at.loc[at["group"] == c.group, "n_risk"]
        for day, k in zip(breaks, sub, strict=True):
            text = count(int(k), style)
            first += [text] if day == breaks[0] else []
            risk.text(day, n - 1 - j, text, ha="center", va="center", fontsize=7, color=col, gid=f"at-risk:{c.group}")  # fmt: skip
    risk.set_ylim(-0.6, n - 0.4)
    risk.set_yticks(range(n), list(names)[::-1])
    for label, col in zip(risk.get_yticklabels(), colours[::-1], strict=True):
        label.set_color(col)
    risk.tick_params(axis="both", length=0, labelbottom=False)
    # the first column is centred on the axis edge: the row labels stand clear of its widest number
    widest = max((_text_width(t, 7) for t in first), default=0.0)
    risk.tick_params(axis="y", pad=max(12.0, widest / 2 + 4))
    for side in risk.spines.values():
        side.set_visible(False)
    risk.set_title("No. at risk", fontsize=7, loc="left", pad=2, weight="bold")


def _text_width(text: str, size: float) -> float:
    """The width in points of ``text`` at font size ``size`` in the figure's font."""
    return text_width(text, size)


CENSOR_MARKS_SHOWN, CENSOR_MARKS_MAX = 40, 200  # per curve, with censor_marks="auto"


def _censor_marks(ax: Axes, t: np.ndarray, s: np.ndarray, col: str, mode: str) -> str | None:
    """Draw one curve's censor marks; say how they were left out or thinned, if they were."""
    if mode == "none" or len(t) == 0:
        return None
    if mode == "auto" and len(t) > CENSOR_MARKS_MAX:
        return "off"  # too dense to read
    if mode == "auto" and len(t) > CENSOR_MARKS_SHOWN:
        keep = np.unique(np.linspace(0, len(t) - 1, CENSOR_MARKS_SHOWN).round().astype(int))
        ax.plot(t[keep], s[keep], "|", color=col, markersize=4, markeredgewidth=0.8)
        return "thinned"
    ax.plot(t, s, "|", color=col, markersize=4, markeredgewidth=0.8)
    return None


def _censor_note(done: list[tuple[str | None, int]], style: FormatConfig = PLAIN) -> str | None:
    """What a note under the panel says when a curve's censor marks were thinned or left
    out (naming whether that was every curve or some)."""
    off = [n for what, n in done if what == "off"]
    thinned = [n for what, n in done if what == "thinned"]
    if off:
        return f"censor marks omitted on curves with > {CENSOR_MARKS_MAX} censored"
    if thinned:
        return f"censor marks thinned to {CENSOR_MARKS_SHOWN} per curve (up to {count(max(thinned), style)} censored)"  # fmt: skip
    return None


# Curves stop where fewer than this share of a group's patients remain at risk.
MIN_AT_RISK = 0.10


def stop_time(table: pd.DataFrame, n: int, min_at_risk: float) -> float:
    """The last time of a Kaplan-Meier table (``time``, ``n_risk``) at which at least
    ``min_at_risk`` of the group's ``n`` patients were still at risk."""
    if not len(table):
        return 0.0
    ok = table["n_risk"].to_numpy(float) >= min_at_risk * n
    times = table["time"].to_numpy(float)
    return float(times[ok][-1]) if ok.any() else float(times[0])


def zoomed_floor(lows: Sequence[float]) -> float:
    """The lowest percentage a survival axis needs: 0 unless every curve and band stays
    above 50%, else the lowest value rounded down to a multiple of 10 (5 below 10 points
    of room)."""
    low = min((v for v in lows if np.isfinite(v)), default=0.0)
    if low < 50:
        return 0.0
    floor = 10 * np.floor(low / 10)
    return float(floor - 5 if low - floor < 2 else floor)


def axis_break(ax: Axes) -> None:
    """Two short slanted strokes across the foot of the y axis: the axis does not start
    at zero."""
    for dy in (0.0, 0.025):
        ax.plot((-0.025, 0.025), (0.02 + dy, 0.045 + dy), transform=ax.transAxes, color="k",
                linewidth=0.8, clip_on=False, gid="axis-break")  # fmt: skip


def _ordered_legend(ax: Axes, ends: Sequence[float], loc: str, **kwargs: Any) -> None:
    """The legend with its entries in the order the curves end, top curve first, where
    no curve, band or text is drawn (:func:`legend_clear_of_data`; ``loc`` first)."""
    handles, texts = ax.get_legend_handles_labels()
    order = sorted(range(len(handles)), key=lambda i: -ends[i] if i < len(ends) else 0.0)
    legend_clear_of_data(ax, [handles[i] for i in order], [texts[i] for i in order], loc, **kwargs)  # fmt: skip


def _stopped_note(min_at_risk: float) -> str:
    return f"curves stop where < {100 * min_at_risk:g}% of a group remain at risk"


def _notes_under(ax: Axes, notes: Sequence[str | None]) -> None:
    text = "\n".join(n[0].upper() + n[1:] for n in notes if n)
    if text:
        footnote(ax, text, "notes")


def km_plot(
    km: KaplanMeier,
    logrank: LogRank | None = None,
    ax: Axes | None = None,
    *,
    by: str | None = None,
    labels: Labels | None = None,
    style: FormatConfig = PLAIN,
    breaks: Sequence[float] | None = None,
    days: Sequence[float] | None = None,
    unit: Unit = "days",
    y_min: float | None = None,
    min_at_risk: float = MIN_AT_RISK,
    show_ci: bool = True,
    censor_marks: Literal["auto", "all", "none"] = "auto",
    median_lines: bool = False,
    risk_table: bool = True,
    ylabel: str = "Fracture-free survival, %",
    xlabel: str | None = None,
) -> Figure:
    """Kaplan-Meier curves in percent with confidence bands, censor marks and numbers
    at risk aligned under every axis break.

    Parameters
    ----------
    logrank
        The test of the curves: its name and P value are written in the panel.
    by
        The grouping variable, for the display names of the groups.
    breaks
        Days of the axis breaks and numbers at risk (default: ``days``, else sensible
        steps to where the curves stop).
    days
        The days the tables and text report (``AnalysisConfig.survival_days``): the axis
        breaks and numbers at risk are put there (:func:`tabulated_breaks`).
    unit
        Label the axis in days or months.
    y_min
        The lowest percentage shown. Default: 0, or, when every curve and band stays
        above 50%, the data's floor rounded down to ten, with a break drawn on the axis.
    min_at_risk
        Each curve stops at the last time at least this share of its group was at risk
        (0 draws it to the end of follow-up); a note under the panel says so.
    censor_marks
        ``"auto"`` thins them to 40 evenly spaced ones above 40 censoring times per
        curve and leaves them out above 200; the panel says so when it does.
    median_lines
        Dashed lines from 50% to each median survival time that is reached.

    The legend lists the groups in the order their curves end, highest first.
    """
    labels = labels or load_labels()
    with journal_style():
        fig, ax, risk = survival_axes(ax, len(km.curves), risk_table)
        tables = [c.table[c.table["time"] <= stop_time(c.table, c.n, min_at_risk)] for c in km.curves]  # fmt: skip
        end = max((float(t["time"].max()) for t in tables if len(t)), default=1.0)
        breaks = _breaks(breaks, days, end, unit)
        names = [group_name(c.group, by, labels) for c in km.curves]
        colours = [colour(i) for i in range(len(km.curves))]
        marks: list[tuple[str | None, int]] = []
        lows: list[float] = []
        ends: list[float] = []
        for i, (c, tab, name, col) in enumerate(zip(km.curves, tables, names, colours, strict=True)):  # fmt: skip
            t = np.concatenate([[0.0], tab["time"].to_numpy(float)])
            s = 100 * np.concatenate([[1.0], tab["survival"].to_numpy(float)])
            ax.step(t, s, where="post", color=col, linestyle=LINESTYLES[i % 4], label=f"{name} (n = {count(c.n, style)})")  # fmt: skip
            ends.append(float(s[-1]))
            lows.append(float(np.min(s)))
            if show_ci:
                lo = 100 * np.concatenate([[1.0], tab["ci_low"].to_numpy(float)])
                hi = 100 * np.concatenate([[1.0], tab["ci_high"].to_numpy(float)])
                ok = ~np.isnan(lo) & ~np.isnan(hi)
                lows.append(float(np.min(np.where(ok, lo, s))))
                ax.fill_between(t, np.where(ok, lo, s), np.where(ok, hi, s), step="post", alpha=0.18, color=col, linewidth=0)  # fmt: skip
            cens = tab["n_censor"].to_numpy() > 0
            drawn = _censor_marks(ax, tab["time"].to_numpy(float)[cens], 100 * tab["survival"].to_numpy(float)[cens], col, censor_marks)  # fmt: skip
            marks.append((drawn, int(cens.sum())))
        floor = zoomed_floor(lows) if y_min is None else y_min
        for c, col in zip(km.curves, colours, strict=True):
            if median_lines and np.isfinite(c.median):
                ax.plot([0, c.median, c.median], [50, 50, floor], color=col, linestyle=":", linewidth=0.8)  # fmt: skip
        ax.set_ylim(floor, 101)
        if floor > 0:
            axis_break(ax)
        ax.set_ylabel(ylabel)
        _time_axis(ax, breaks, unit, xlabel)
        if logrank is not None:
            method = logrank.test.method.split(",")[0].replace(" test", "")
            ax.text(0.03, 0.04, f"{method} {p_text(logrank.test.p_value, style)}", transform=ax.transAxes,
                    ha="left", va="bottom", fontsize=7, gid="p-value")  # fmt: skip
        if risk is not None:
            at_risk_rows(risk, km, breaks, names, colours, style)
        cut = any(len(t) < len(c.table) for t, c in zip(tables, km.curves, strict=True))
        stopped = _stopped_note(min_at_risk) if cut else None
        _notes_under(risk if risk is not None else ax, [stopped, _censor_note(marks, style)])
        if len(km.curves) > 1 or km.curves[0].group != "all":  # last: the layout is final
            _ordered_legend(ax, ends, loc="lower left")
    return fig


def cumulative_incidence_plot(
    cif: CumulativeIncidence,
    causes: Sequence[str] | None = None,
    ax: Axes | None = None,
    *,
    at_risk: KaplanMeier | None = None,
    naive: Mapping[str, KaplanMeier] | None = None,
    by: str | None = None,
    labels: Labels | None = None,
    style: FormatConfig = PLAIN,
    breaks: Sequence[float] | None = None,
    days: Sequence[float] | None = None,
    unit: Unit = "days",
    min_at_risk: float = MIN_AT_RISK,
    show_ci: bool = True,
    ylabel: str = "Cumulative incidence, %",
    xlabel: str | None = None,
) -> Figure:
    """Cumulative incidence (%) of each cause (and group), continued to the end of
    follow-up, with confidence bands, Gray's test per cause and numbers at risk.

    With one cause the groups take the colours and the legend names the groups; with
    several, the causes take the colours and the groups the line styles. The legend
    lists the curves in the order they end, highest first.

    Parameters
    ----------
    at_risk
        A Kaplan-Meier result of the same patients and groups (any event): its numbers
        at risk are the subjects still followed, drawn under the axis; with
        ``min_at_risk``, each group's curves stop at the last time at least that share
        of its patients was at risk (a note says so).
    naive
        Per cause, the Kaplan-Meier curve with competing events censored: drawn as the
        naive 1 - KM (dotted) that overstates the incidence when death competes.
    breaks, days
        As for :func:`km_plot`: the axis breaks, or the days the tables report.
    """
    labels = labels or load_labels()
    shown = [c for c in cif.causes if causes is None or c in causes]
    groups = list(cif.groups)
    single = len(shown) == 1 and len(groups) > 1
    with journal_style():
        n_rows = len(at_risk.curves) if at_risk is not None else 0
        fig, ax, risk = survival_axes(ax, n_rows, at_risk is not None)
        stops = _incidence_stops(cif, at_risk, min_at_risk)
        end = max(stops.values())
        ends: list[float] = []
        for i, cause in enumerate(shown):
            for j, g in enumerate(groups):
                curve = cif.curve(cause, g)
                tab = curve.table[curve.table["time"] <= stops[g]]
                t = np.concatenate([[0.0], tab["time"].to_numpy(float), [stops[g]]])
                f = 100 * np.concatenate([[0.0], tab["estimate"].to_numpy(float)])
                f = np.append(f, f[-1])
                col, style_j = (colour(j), LINESTYLES[j % 4]) if single else (colour(i), LINESTYLES[j % 4])  # fmt: skip
                group = group_name(g, by, labels)
                name = group if single else labels.level("fracture_class", cause) + ("" if g == "all" else f", {group}")  # fmt: skip
                ax.step(t, f, where="post", color=col, linestyle=style_j, label=name)
                ends.append(float(f[-1]))
                if show_ci and len(tab):
                    lo = 100 * np.concatenate([[0.0], tab["ci_low"].to_numpy(float)])
                    hi = 100 * np.concatenate([[0.0], tab["ci_high"].to_numpy(float)])
                    lo, hi = np.append(lo, lo[-1]), np.append(hi, hi[-1])
                    ok = ~np.isnan(lo) & ~np.isnan(hi)
                    ax.fill_between(t, np.where(ok, lo, f), np.where(ok, hi, f), step="post", alpha=0.15, color=col, linewidth=0)  # fmt: skip
                if naive and cause in naive:
                    km = naive[cause].curve(g) if g != "all" else naive[cause].curves[0]
                    kt = km.table[km.table["time"] <= stops[g]]
                    nt = np.concatenate([[0.0], kt["time"].to_numpy(float)])
                    ns = 100 * (1 - np.concatenate([[1.0], kt["survival"].to_numpy(float)]))
                    ax.step(nt, ns, where="post", color=col, linestyle=":", linewidth=0.9, label=f"{name}, 1 − KM (naive)")  # fmt: skip
                    ends.append(float(f[-1]) - 1e-9)  # listed right after its own curve
        ax.set_ylim(bottom=0)
        ax.set_ylabel(ylabel)
        breaks = _breaks(breaks, days, end, unit)
        _time_axis(ax, breaks, unit, xlabel)
        gray = [f"{labels.level('fracture_class', c)}: Gray's test {p_text(e.p_value, style)}" for c, e in cif.gray.items() if c in shown]  # fmt: skip
        if single and gray:
            gray = [gray[0].split(": ", 1)[1]]
        if at_risk is not None and risk is not None:
            names = [group_name(c.group, by, labels) for c in at_risk.curves]
            colours = [colour(j) for j in range(len(names))] if single else ["#000000"] * len(names)
            at_risk_rows(risk, at_risk, breaks, names, colours, style)
        cut = at_risk is not None and min_at_risk > 0 and any(stops[g] < cif.curve(shown[0], g).last_time for g in groups)  # fmt: skip
        _notes_under(
            risk if risk is not None else ax, [_stopped_note(min_at_risk) if cut else None]
        )
        # last, once the layout is final: placed where nothing is drawn
        _ordered_legend(ax, ends, loc="upper left", title="\n".join(gray) or None, title_fontsize=7, alignment="left")  # fmt: skip
        legend = ax.get_legend()
        if legend is not None and legend.get_title().get_text():
            legend.get_title().set_gid("p-value")
    return fig


def _incidence_stops(cif: CumulativeIncidence, at_risk: KaplanMeier | None, min_at_risk: float) -> dict[str, float]:  # fmt: skip
    """Where each group's incidence curves end: the end of its follow-up, or earlier,
    where fewer than ``min_at_risk`` of its patients remain at risk."""
    stops = {}
    for g in cif.groups:
        last = [c.last_time for c in cif.curves if c.group == g and np.isfinite(c.last_time)]
        stop = max(last) if last else max(float(c.table["time"].max()) for c in cif.curves if c.group == g and len(c.table))  # fmt: skip
        if at_risk is not None and min_at_risk > 0:
            km = at_risk.curve(g) if g != "all" else at_risk.curves[0]
            stop = min(stop, stop_time(km.table, km.n, min_at_risk))
        stops[g] = stop
    return stops
