"""Forest plot of a Cox (or Fine-Gray) model with its text columns.

Columns: characteristic (labelled, factor levels indented, the reference level marked),
N, events, HR (95% CI), P; hazard ratios on a log axis with plain tick labels
(0.5, 1, 2); the global test and the concordance in the caption under the plot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator, NullFormatter, NullLocator

from analysis.figures.style import DOUBLE_COLUMN, JournalFigure, journal_style, text_width
from analysis.formatting import PLAIN, FormatConfig, count, estimate_ci, number, p_text, p_value
from analysis.labels import Labels, load_labels
from analysis.stats import CoxModel, Estimate, FineGrayModel
from analysis.stats.results import EVENTS_PER_PARAMETER

TICKS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50)


@dataclass(frozen=True)
class ForestRow:
    """One line of the plot: text, indentation, counts and the estimate (None for a
    heading or a reference level)."""

    label: str
    indent: int
    n: str
    events: str
    estimate: Estimate | None
    reference: bool = False


def forest_rows(model: CoxModel | FineGrayModel, labels: Labels, cfg: FormatConfig) -> list[ForestRow]:  # fmt: skip
    """Rows of a model: numeric covariates one row, factors a heading and one row per
    level (from the model's level counts), the reference level first."""
    terms = {t.quantity.split("[", 1)[1].rstrip("]"): t for t in model.terms}
    covariates = [c.strip() for c in model.formula.split("~", 1)[1].split("+")]
    counts = getattr(model, "level_counts", None)
    n_used = count(getattr(model, "n_used", np.nan), cfg)
    n_events = count(getattr(model, "n_events", np.nan), cfg)
    rows: list[ForestRow] = []
    for cov in covariates:
        lab = labels.get(cov)
        levels = counts[counts["covariate"] == cov] if counts is not None else None
        if levels is None or levels.empty:
            rows.append(ForestRow(lab.display, 0, n_used, n_events, terms.get(cov)))
            continue
        rows.append(ForestRow(lab.display, 0, "", "", None))
        binary = cov in terms
        for i, (level, n, ev) in enumerate(zip(levels["level"], levels["n_subjects"], levels["n_events"], strict=True)):  # fmt: skip
            term = terms.get(cov if binary else f"{cov}={level}")
            ref = (binary and i == 0) or (not binary and term is None)
            rows.append(ForestRow(lab.level(level), 1, count(n, cfg), count(ev, cfg), None if ref else term, ref))  # fmt: skip
    return rows


# Where the N and Events columns stand: this many inches left of the text axes' right edge.
N_FROM_RIGHT, EVENTS_FROM_RIGHT = 0.7, 0.22


def _forest_axes(ax: Axes | None, n_rows: int, label_inches: float = 0.0) -> tuple[Figure, Axes, Axes, Axes, Axes]:  # fmt: skip
    """Plot axes with a text axes left (characteristic, N, events) and right (HR, P)
    sharing its rows, and a caption axes under them: a grid of a new figure (its left
    column wide enough for labels ``label_inches`` wide before the N column), or insets
    beside a given axes (leave room for them)."""
    if ax is None:
        fig = JournalFigure(figsize=(DOUBLE_COLUMN, 0.8 + 0.19 * n_rows), layout="constrained")
        # inches inside the layout's margins; the HR and P columns keep their width, the
        # plot gives up what long labels need (down to 1.5 inches)
        usable, right_width = DOUBLE_COLUMN - 0.4, 1.85
        left_width = min(max(usable * 3.3 / 7.2, label_inches + N_FROM_RIGHT + 0.35), usable - right_width - 1.5)  # fmt: skip
        widths = (left_width, usable - left_width - right_width, right_width)
        grid = fig.add_gridspec(2, 3, width_ratios=widths, height_ratios=(0.19 * n_rows + 0.4, 0.25))  # fmt: skip
        main = fig.add_subplot(grid[0, 1])
        left = fig.add_subplot(grid[0, 0], sharey=main)
        right = fig.add_subplot(grid[0, 2], sharey=main)
        caption = fig.add_subplot(grid[1, :])
    else:
        fig = ax.get_figure()  # type: ignore[assignment]
        main = ax
        left = ax.inset_axes((-1.7, 0.0, 1.65, 1.0), sharey=ax)
        right = ax.inset_axes((1.03, 0.0, 0.95, 1.0), sharey=ax)
        caption = ax.inset_axes((-1.7, -0.45, 3.7, 0.15))
    for a in (left, right, caption):
        a.set_axis_off()
    return fig, main, left, right, caption


def _count_columns(left: Axes, fig: Figure, label_inches: float) -> tuple[float, float]:
    """The N and Events columns' places (axes fraction) in the text axes of a new
    figure, once the layout has set its width: a fixed distance from its right edge, or
    further right where the longest label (``label_inches``) needs the room; the
    fractions 0.78 and 0.93 in insets beside a given axes."""
    if not isinstance(fig, JournalFigure) or left.get_subplotspec() is None:
        return 0.78, 0.93
    fig.get_layout_engine().execute(fig)  # type: ignore[union-attr]
    inches = left.get_position().width * fig.get_figwidth()
    n_at = max(inches - N_FROM_RIGHT, label_inches + 0.3)
    return n_at / inches, (n_at + N_FROM_RIGHT - EVENTS_FROM_RIGHT) / inches


def forest_plot(
    model: CoxModel | FineGrayModel,
    ax: Axes | None = None,
    *,
    labels: Labels | None = None,
    style: FormatConfig = PLAIN,
    xlabel: str = "Hazard ratio (log scale)",
) -> Figure:
    """Hazard ratios with confidence intervals and their text columns (see module)."""
    labels = labels or load_labels()
    rows = forest_rows(model, labels, style)
    with journal_style():
        widest = max((text_width("    " * r.indent + r.label, 7) for r in rows), default=0.0) / 72
        fig, ax, left, right, caption = _forest_axes(ax, len(rows) + 1, widest)
        x_n, x_events = _count_columns(left, fig, widest)
        top = float(len(rows))
        bold = {"fontsize": 7, "weight": "bold", "va": "center"}
        for a, x, text, ha in ((left, 0.0, "Characteristic", "left"), (left, x_n, "N", "center"), (left, x_events, "Events", "center"),
                               (right, 0.03, "HR (95% CI)", "left"), (right, 0.97, style.p_symbol, "right")):  # fmt: skip
            a.text(x, top, text, ha=ha, transform=a.get_yaxis_transform(), **bold)  # type: ignore[arg-type]
        xmin, xmax = _log_axis(ax, [v for r in rows if r.estimate is not None and np.isfinite(r.estimate.estimate) for v in (r.estimate.ci_low, r.estimate.ci_high)])  # fmt: skip
        for y, r in zip(np.arange(len(rows))[::-1].astype(float), rows, strict=True):
            t = left.get_yaxis_transform()
            left.text(
                0.0, y, "    " * r.indent + r.label, transform=t, ha="left", va="center", fontsize=7
            )
            left.text(x_n, y, r.n, transform=t, ha="center", va="center", fontsize=7)
            left.text(x_events, y, r.events, transform=t, ha="center", va="center", fontsize=7)
            tr = right.get_yaxis_transform()
            if r.reference:
                right.text(
                    0.03, y, "1 (reference)", transform=tr, ha="left", va="center", fontsize=7
                )
                ax.plot(
                    [1], [y], marker="D", markersize=3, color="#555555", markerfacecolor="white"
                )
            elif r.estimate is not None:
                e = r.estimate
                text = "NE"
                if np.isfinite(e.estimate):
                    _interval(ax, y, e, xmin, xmax)
                    text = estimate_ci(e.estimate, e.ci_low, e.ci_high, style.ratio_decimals, style)
                right.text(0.03, y, text, transform=tr, ha="left", va="center", fontsize=7)
                right.text(0.97, y, p_value(e.p_value, style), transform=tr, ha="right", va="center", fontsize=7)  # fmt: skip
        ax.axvline(1.0, color="#777777", linestyle="--", linewidth=0.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.7, top + 0.7)
        ax.set_xlabel(xlabel)
        caption.text(0.0, 0.5, _caption(model, style, labels), fontsize=7, va="center", ha="left", gid="caption", wrap=True)  # fmt: skip
    return fig


def _log_axis(ax: Axes, limits: list[float]) -> tuple[float, float]:
    """Log scale with plain tick labels (0.5, 1, 2) from a tick at or below the lowest
    interval limit to one at or above the highest (within :data:`TICKS`), so every limit
    can be read against a tick; the axis ends a little beyond them. Returns the axis'
    ends (an interval beyond them is cut there, with an arrow: :func:`_interval`)."""
    ax.set_xscale("log")
    lows = [v for v in limits if v > 0]
    highs = [v for v in limits if np.isfinite(v) and v > 0]
    lo, hi = min([0.5, *lows]), max([2.0, *highs])
    first = max([t for t in TICKS if t <= lo * 1.001], default=TICKS[0])
    last = min([t for t in TICKS if t >= hi / 1.001], default=TICKS[-1])
    ticks = [t for t in TICKS if first <= t <= last]
    xmin, xmax = first / 1.2, last * 1.2
    ax.set_xlim(xmin, xmax)
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FixedFormatter([f"{t:g}" for t in ticks]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    return xmin, xmax


def _interval(ax: Axes, y: float, e: Estimate, xmin: float, xmax: float) -> None:
    """The estimate and its interval at row ``y``; a limit beyond the axis (or not
    finite) is drawn to the axis' end with an arrowhead there (gid ``cut-interval``)."""
    low = e.ci_low if np.isfinite(e.ci_low) and e.ci_low > xmin else xmin
    high = e.ci_high if np.isfinite(e.ci_high) and e.ci_high < xmax else xmax
    ax.plot([low, high], [y, y], color="#000000", linewidth=1)
    if xmin <= e.estimate <= xmax:
        ax.plot([e.estimate], [y], marker="s", color="#000000", markersize=3.5)
    for end, cut, arrow in ((low, low == xmin, "<"), (high, high == xmax, ">")):
        if cut:
            ax.plot([end], [y], marker=arrow, color="#000000", markersize=4, clip_on=False, gid="cut-interval")  # fmt: skip


def _caption(model: CoxModel | FineGrayModel, cfg: FormatConfig, labels: Labels) -> str:
    parts = []
    if isinstance(model, CoxModel):
        lr = model.tests["likelihood_ratio"]
        parts.append(f"Global likelihood-ratio test {p_text(lr.p_value, cfg)}")
        conc = f"concordance {number(model.concordance, 2, cfg)}"
        if np.isfinite(model.concordance_se):
            conc += f" (SE {number(model.concordance_se, 2, cfg)})"
        parts.append(conc)
        kind = "multivariable" if len(model.formula.split("~", 1)[1].split("+")) > 1 else "univariable"  # fmt: skip
        parts.append(
            f"{kind} model: {count(model.n_used, cfg)} patients, {count(model.n_events, cfg)} "
            "events; N and Events are this model's patients (every covariate known)"
        )
        k = len(model.coef)
        if k and model.n_events < EVENTS_PER_PARAMETER * k:
            parts.append(
                f"{count(model.n_events, cfg)} events for {count(k, cfg)} parameters "
                f"({number(model.n_events / k, 1, cfg)} per parameter, fewer than the "
                f"{EVENTS_PER_PARAMETER} usually asked for): the hazard ratios are exploratory"
            )
    parts.append(model.method)
    covariates = [c.strip() for c in model.formula.split("~", 1)[1].split("+")]
    notes = [labels.get(c).note.rstrip(".") for c in covariates if labels.get(c).note]
    return "; ".join(parts) + "." + "".join(f" {n}." for n in notes)
