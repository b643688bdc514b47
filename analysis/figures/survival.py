"""Kaplan-Meier curves with numbers at risk, cumulative incidence curves, forest plots.

Each function takes an optional ``ax``; without one it makes its own
:class:`matplotlib.figure.Figure` (never pyplot's global state) and returns the Figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from analysis.stats import CoxModel, CumulativeIncidence, FineGrayModel, KaplanMeier


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        fig = ax.get_figure()
        if not isinstance(fig, Figure):
            raise TypeError("the axes must belong to a Figure")
        return fig, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def km_plot(
    km: KaplanMeier,
    risk_times: Sequence[float] = (0, 90, 180, 365, 730),
    ax: Axes | None = None,
    ylabel: str = "Fracture-free survival",
    xlabel: str = "Days since index procedure",
) -> Figure:
    """Step curves with confidence bands, censoring ticks and numbers at risk below."""
    fig, ax = _axes(ax, (6.5, 4.8))
    for curve in km.curves:
        tab = curve.table
        t = np.concatenate([[0.0], tab["time"].to_numpy()])
        s = np.concatenate([[1.0], tab["survival"].to_numpy()])
        (line,) = ax.step(t, s, where="post", label=f"{curve.group} (n = {curve.n})")
        lo = np.concatenate([[1.0], tab["ci_low"].fillna(1.0).to_numpy()])
        hi = np.concatenate([[1.0], tab["ci_high"].fillna(1.0).to_numpy()])
        ax.fill_between(t, lo, hi, step="post", alpha=0.15, color=line.get_color(), linewidth=0)
        cens = tab["n_censor"].to_numpy() > 0
        ax.plot(
            tab["time"].to_numpy()[cens],
            tab["survival"].to_numpy()[cens],
            "|",
            color=line.get_color(),
            markersize=6,
        )
    ax.set_ylim(0, 1.02)
    ax.set_xlim(left=0)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ax.grid(alpha=0.3)
    if len(km.curves) > 1 or km.curves[0].group != "all":
        ax.legend(frameon=False, loc="lower left")
    at = km.at(risk_times)
    ax.set_xticks(list(risk_times))
    below = blended_transform_factory(ax.transData, ax.transAxes)
    ax.text(0.0, -0.2, "Number at risk", transform=ax.transAxes, fontsize=8, weight="bold")
    for j, c in enumerate(km.curves):
        y = -0.27 - 0.07 * j
        ax.text(-0.05, y, c.group, transform=ax.transAxes, ha="right", fontsize=8)
        for day, n in zip(risk_times, at[at["group"] == c.group]["n_risk"], strict=True):
            ax.text(float(day), y, str(n), transform=below, ha="center", fontsize=8)
    return fig


def cumulative_incidence_plot(
    cif: CumulativeIncidence,
    causes: Sequence[str] | None = None,
    ax: Axes | None = None,
    xlabel: str = "Days since index procedure",
) -> Figure:
    """Cumulative incidence step curves by cause (and group)."""
    fig, ax = _axes(ax, (6.5, 4.2))
    for curve in cif.curves:
        if causes is not None and curve.cause not in causes:
            continue
        tab = curve.table
        t = np.concatenate([[0.0], tab["time"].to_numpy()])
        f = np.concatenate([[0.0], tab["estimate"].to_numpy()])
        label = curve.cause if curve.group == "all" else f"{curve.group}: {curve.cause}"
        ax.step(t, f, where="post", label=label)
    ax.set_ylim(bottom=0)
    ax.set_xlim(left=0)
    ax.set_ylabel("Cumulative incidence")
    ax.set_xlabel(xlabel)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, loc="upper left")
    return fig


def forest_plot(model: CoxModel | FineGrayModel, ax: Axes | None = None) -> Figure:
    """Hazard ratios with confidence intervals on a log axis."""
    fig, ax = _axes(ax, (6.0, 0.5 + 0.45 * len(model.terms)))
    names = [t.quantity.split("[", 1)[1].rstrip("]") for t in model.terms]
    y = np.arange(len(names))[::-1]
    est = np.array([t.estimate for t in model.terms])
    lo = np.array([t.ci_low for t in model.terms])
    hi = np.array([t.ci_high for t in model.terms])
    ax.errorbar(est, y, xerr=[est - lo, hi - est], fmt="s", color="black", capsize=3)
    ax.axvline(1.0, color="grey", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.set_yticks(y, names)
    ax.set_xlabel("Hazard ratio (95% CI)")
    return fig
