"""Kaplan-Meier figures drawn from known step functions, in the styles journals print.

Each style is a function ``(ax, arms, spec)`` drawing on a matplotlib ``Axes``; the
figure is saved as PNG, JPEG or SVG at a given resolution. The truth (each arm's
patients and its Kaplan-Meier step function) travels with the figure, so a test can
measure what the digitiser read against it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

TAB = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
GG = ("#F8766D", "#00BFC4", "#7CAE00", "#C77CFF")
LINE_STYLES = ("-", (0, (4, 4)), (0, (1, 3)), (0, (6, 2, 1, 2)))  # solid, dashed, dotted, dot-dash


@dataclass(frozen=True)
class Arm:
    """One arm's patients (time, event) and its Kaplan-Meier step function."""

    time: np.ndarray
    event: np.ndarray

    def km(self) -> tuple[np.ndarray, np.ndarray]:
        """Event times and survival just after each (starting at (0, 1))."""
        order = np.lexsort((1 - self.event, self.time))
        t, e = self.time[order], self.event[order]
        times, surv, s, at_risk = [0.0], [1.0], 1.0, len(t)
        for u in np.unique(t):
            here = t == u
            d = int(e[here].sum())
            if d:
                s *= 1 - d / at_risk
                times.append(float(u))
                surv.append(s)
            at_risk -= int(here.sum())
        return np.asarray(times), np.asarray(surv)

    def survival_at(self, grid: np.ndarray) -> np.ndarray:
        times, surv = self.km()
        return surv[np.searchsorted(times, grid, side="right") - 1]

    def end(self) -> float:
        return float(self.time.max())

    def censored(self) -> tuple[np.ndarray, np.ndarray]:
        """Censoring times and the curve's height there (where censor marks sit)."""
        c = np.sort(self.time[self.event == 0])
        return c, self.survival_at(c)

    def at_risk(self, times: np.ndarray) -> list[int]:
        return [int((self.time >= u).sum()) for u in times]


def arms(seed: int, n: tuple[int, ...] = (150, 150), hazards: tuple[float, ...] = (0.03, 0.05),
         follow_up: float = 60.0) -> list[Arm]:  # fmt: skip
    """Arms with exponential times (per month) and uniform censoring over ``follow_up``."""
    rng = np.random.default_rng(seed)
    out = []
    for size, rate in zip(n, hazards, strict=True):
        t = rng.exponential(1 / rate, size)
        c = rng.uniform(0.3 * follow_up, follow_up, size)
        out.append(Arm(np.round(np.minimum(t, c), 2) + 0.01, (t <= c).astype(int)))
    return out


@dataclass(frozen=True)
class Spec:
    """How a figure is drawn: style, axis, resolution and file format."""

    style: str = "matplotlib"
    dpi: int = 100
    fmt: str = "png"
    percent: bool = False
    ylim: tuple[float, float] = (0.0, 1.0)
    incidence: bool = False
    risk_table: bool = False
    size: tuple[float, float] = (6.4, 4.8)
    x_ticks: tuple[float, ...] = (0, 12, 24, 36, 48, 60)
    censor_marks: bool = True  # lifelines, R base and ggplot styles draw them
    extra: dict[str, object] = field(default_factory=dict)

    def y_ticks(self) -> np.ndarray:
        lo, hi = self.ylim
        step = 0.1 if hi - lo <= 0.6 else 0.2
        return np.round(np.arange(lo, hi + 1e-9, step), 6)

    def y_range(self) -> tuple[float, float]:
        """The first and last labelled y ticks in the units the labels print."""
        ticks = self.y_ticks() * (100 if self.percent else 1)
        return float(ticks[0]), float(ticks[-1])

    def x_range(self) -> tuple[float, float]:
        return float(self.x_ticks[0]), float(self.x_ticks[-1])


def _steps(arm: Arm, incidence: bool, scale: float) -> tuple[np.ndarray, np.ndarray]:
    times, surv = arm.km()
    x = np.append(times, arm.end())
    y = np.append(surv, surv[-1])
    return x, (1 - y if incidence else y) * scale


def _censor_marks(ax: Axes, arm: Arm, spec: Spec, color: str, size: float = 7) -> None:
    if not spec.censor_marks:
        return
    scale = 100 if spec.percent else 1
    c, s = arm.censored()
    y = (1 - s if spec.incidence else s) * scale
    marker = "|" if spec.extra.get("marks") == "|" else "+"  # ggsurvplot's censor ticks
    ax.plot(c, y, marker, color=color, markersize=size, markeredgewidth=1.0)


def _matplotlib(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """Matplotlib's defaults; ``extra["colours"]`` other colours (JAMA's greys)."""
    scale = 100 if spec.percent else 1
    colours = spec.extra.get("colours", TAB)
    assert isinstance(colours, tuple)
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color=colours[i],
                lw=spec.extra.get("lw", 1.5), label=f"Group {i + 1}")  # fmt: skip
    place = spec.extra.get("legend", "inside")
    if place == "below":  # in a row under the axis title, outside the axes (the Lancet's)
        ax.figure.subplots_adjust(bottom=0.25)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(data), frameon=False)
    elif place == "above":
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.01), ncol=len(data), frameon=False)
    else:
        ax.legend(loc="best")


def _lifelines(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """Lifelines' look: curves with 95% bands (Greenwood, log-log not needed here) and
    censor marks."""
    scale = 100 if spec.percent else 1
    for i, arm in enumerate(data):
        x, y = _steps(arm, spec.incidence, scale)
        _times, surv = arm.km()
        n = len(arm.time)
        half = 1.96 * np.sqrt(np.maximum(surv * (1 - surv), 1e-9) / n) * scale
        half = np.append(half, half[-1])
        ax.fill_between(x, y - half, y + half, step="post", color=TAB[i], alpha=0.25, lw=0)
        ax.step(x, y, where="post", color=TAB[i], lw=1.5, label=f"arm {i + 1}")
        _censor_marks(ax, arm, spec, TAB[i])
    ax.legend(loc="upper right")


def _rbase(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """R base graphics: black lines told apart by line type, a box, outward ticks, a
    legend with black text inside the plot, censor marks."""
    scale = 100 if spec.percent else 1
    styles = LINE_STYLES
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color="black", lw=1.0,
                linestyle=styles[i], label=f"Group {'ABCD'[i]}")  # fmt: skip
        _censor_marks(ax, arm, spec, "black", size=5)
    ax.legend(loc="lower left", frameon=True, edgecolor="black", fancybox=False)
    ax.tick_params(direction="out", length=5)


def ggplot_panel(ax: Axes) -> None:
    """ggplot2's theme_grey panel: grey, white major and minor grid lines, no axis lines,
    dark grey major ticks."""
    ax.set_facecolor("#EBEBEB")
    ax.grid(True, color="white", lw=1.1)
    ax.grid(True, which="minor", color="white", lw=0.55)
    ax.minorticks_on()
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", color="#333333", length=2.75, width=1.1)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _ggplot(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """ggplot2's theme_grey: grey panel, white grid lines, no axis lines, dark grey ticks,
    legend inside the panel."""
    scale = 100 if spec.percent else 1
    ggplot_panel(ax)
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color=GG[i], lw=1.1,
                label=f"strata={i + 1}")  # fmt: skip
        _censor_marks(ax, arm, spec, GG[i], size=6)
    ax.legend(loc="upper right", facecolor="white", edgecolor="none")


def _prism(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """GraphPad Prism's look: thick black lines (3 points) told apart by line type, tall
    vertical censor ticks, no box (left and bottom axes only, thick, ticks outside), a
    frameless legend inside the plot."""
    scale = 100 if spec.percent else 1
    styles = ("-", (0, (6, 3)), (0, (1.2, 2)), (0, (6, 2, 1.2, 2)))
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color="black", lw=3,
                linestyle=styles[i], label=f"Group {'ABCD'[i]}")  # fmt: skip
        if spec.censor_marks:
            c, surv = arm.censored()
            y = (1 - surv if spec.incidence else surv) * scale
            ax.plot(c, y, ls="none", marker="|", ms=9, mew=2, color="black")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_linewidth(2)
    ax.tick_params(direction="out", width=2, length=7)
    ax.legend(loc="lower left", frameon=False, handlelength=3)


def _spreadsheet(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """A spreadsheet's line chart: horizontal grid lines only, no axis lines and no tick
    marks, thick lines in office colours (the third a mid grey), the legend in a row under
    the axis title."""
    scale = 100 if spec.percent else 1
    colours = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000")
    ax.grid(True, axis="y", color="#D9D9D9", lw=0.75)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    for i, arm in enumerate(data):
        if spec.extra.get("corner_markers"):  # a scatter chart through every step corner
            x, y = _steps(arm, spec.incidence, scale)
            cx, cy = np.repeat(x, 2)[1:], np.repeat(y, 2)[:-1]
            ax.plot(cx, cy, "-o", color=colours[i], lw=2.0, ms=3.5, label=f"Group {i + 1}")
            continue
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color=colours[i], lw=2.25,
                label=f"Group {i + 1}")  # fmt: skip
    ax.figure.subplots_adjust(bottom=0.25)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(data), frameon=False)
    if spec.extra.get("excel_axis"):  # Excel's horizontal axis line, darker than the grid,
        ax.spines["bottom"].set_visible(True)  # its ticks, and the chart's border round all
        ax.spines["bottom"].set_color("#BFBFBF")
        ax.tick_params(axis="x", length=3, color="#BFBFBF")
        ax.figure.patches.append(Rectangle((0.002, 0.003), 0.995, 0.994, fill=False,
                                           edgecolor="#D9D9D9", lw=1.0,
                                           transform=ax.figure.transFigure))  # fmt: skip


def _right_axis(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """The y axis on the right, no top or left axis lines, the axis lines, ticks and tick
    labels in a mid grey (#999999), colour curves, the legend inside at the lower left."""
    scale = 100 if spec.percent else 1
    for side in ("top", "left"):
        ax.spines[side].set_visible(False)
    for side in ("right", "bottom"):
        ax.spines[side].set_color("#999999")
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.tick_params(colors="#999999", labelcolor="#777777")
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color=TAB[i], lw=1.5,
                label=f"Group {i + 1}")  # fmt: skip
    ax.legend(loc="lower left", frameon=False)


def _l_box(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """R base graphics with ``bty = "l"``: the y and x axis lines drawn as one path down
    the left edge and along the bottom, colour curves, outward ticks."""
    scale = 100 if spec.percent else 1
    for side in ax.spines:
        ax.spines[side].set_visible(False)
    ax.plot([0, 0, 1], [1, 0, 0], color="black", lw=1.0, clip_on=False, transform=ax.transAxes)
    for i, arm in enumerate(data):
        ax.step(*_steps(arm, spec.incidence, scale), where="post", color=TAB[i], lw=1.5,
                label=f"Group {i + 1}")  # fmt: skip
    ax.legend(loc="lower left", frameon=False)
    ax.tick_params(direction="out", length=5)


STYLES: dict[str, Callable[[Axes, list[Arm], Spec], None]] = {
    "l_box": _l_box,
    "right_axis": _right_axis,
    "spreadsheet": _spreadsheet,
    "matplotlib": _matplotlib,
    "lifelines": _lifelines,
    "rbase": _rbase,
    "ggplot": _ggplot,
    "prism": _prism,
}


def draw(data: list[Arm], spec: Spec, path: Path) -> Path:
    """Draw the arms in the given style and save the figure; returns the file written."""
    from matplotlib import rc_context

    fonttype = str(spec.extra.get("svg_fonttype", "path"))  # "none": words kept as <text>
    rc: dict[str, object] = {"path.simplify": False, "svg.fonttype": fonttype}  # every step kept
    if "hatched" in spec.extra:  # hatch lines a third as thick as R's curves of lwd 1.6
        rc["hatch.linewidth"] = 0.4
    if "font" in spec.extra:  # a family: "serif", "DejaVu Sans Mono", ...
        rc["font.family"] = spec.extra["font"]
    if spec.extra.get("text_outlines"):  # every character a filled path, in a PDF too
        from matplotlib import patheffects

        rc["path.effects"] = [patheffects.Normal()]
    with rc_context(rc):
        return _draw(data, spec, path)


def _draw(data: list[Arm], spec: Spec, path: Path) -> Path:
    fig = Figure(figsize=spec.size, dpi=spec.dpi)
    ax = fig.add_axes((0.14, 0.33, 0.8, 0.6)) if spec.risk_table else fig.add_subplot()
    STYLES[spec.style](ax, data, spec)
    _restyle(ax, data, spec)
    scale = 100 if spec.percent else 1
    lo, hi = spec.ylim
    pad = float(spec.extra.get("pad", 0.04)) * (hi - lo) * scale  # type: ignore[arg-type]
    below = 0.0
    if spec.extra.get("risk_inside"):  # SAS: the y axis drawn on under 0 for the rows at risk
        below = (0.05 + 0.07 * len(data)) * (hi - lo) * scale
        _risk_inside(ax, data, spec, scale)
    ax.set_ylim(lo * scale - pad - below, hi * scale + pad)
    ax.set_yticks(spec.y_ticks() * scale)
    if spec.extra.get("no_leading_zero"):  # SPSS: 0.0 .2 .4 .6 .8 1.0
        ax.set_yticklabels([f"{v:.1f}".removeprefix("0") if 0 < v < 1 else f"{v:.1f}"
                            for v in spec.y_ticks()])  # fmt: skip
    if spec.extra.get("percent_signs"):  # survminer's surv.scale = "percent": 0%, 25%, ...
        ax.set_yticklabels([f"{v * 100:.0f}%" for v in spec.y_ticks()])
    ax.set_xticks(spec.x_ticks)
    width = spec.x_ticks[-1] - spec.x_ticks[0]
    ax.set_xlim(spec.x_ticks[0] - 0.04 * width, spec.x_ticks[-1] + 0.04 * width)
    ax.set_xlabel("Months since augmentation")
    ax.set_ylabel(("Cumulative incidence" if spec.incidence else "Fracture-free survival")
                  + (" (%)" if spec.percent else ""))  # fmt: skip
    if spec.risk_table and spec.extra.get("table_panel"):
        _table_panel(fig, ax, data, spec)
    elif spec.risk_table and spec.extra.get("row_labels"):
        _lifelines_table(fig, ax, data, spec)
    elif spec.risk_table:
        ticks = np.asarray(spec.x_ticks, dtype=float)
        fig.text(0.02, 0.12, "At risk", fontsize=9)
        for i, arm in enumerate(data):
            for u, n in zip(ticks, arm.at_risk(ticks), strict=True):
                x = 0.14 + 0.8 * (u - ax.get_xlim()[0]) / (ax.get_xlim()[1] - ax.get_xlim()[0])
                # three or four rows start higher and closer, all above the page's edge
                top, row = (0.08, 0.045) if len(data) <= 2 else (0.12, 0.03)
                fig.text(x, top - row * i, str(n), ha="center", fontsize=9)
    path = path.with_suffix("." + spec.fmt)
    kwargs: dict[str, object] = {"dpi": spec.dpi}
    if spec.fmt == "jpg":
        kwargs["pil_kwargs"] = {"quality": int(spec.extra.get("quality", 75))}  # type: ignore[call-overload]
    if spec.fmt == "svg":
        kwargs["metadata"] = {"Date": None}
    fig.savefig(path, **kwargs)  # type: ignore[arg-type]
    return path


def _risk_inside(ax: Axes, data: list[Arm], spec: Spec, scale: float) -> None:
    """The numbers at risk as SAS's PROC LIFETEST prints them: inside the plot's frame
    under y = 0, a row per curve in the curve's colour, no row labels."""
    ticks = np.asarray(spec.x_ticks, dtype=float)
    lo, hi = spec.ylim
    for i, (arm, line) in enumerate(zip(data, ax.lines, strict=False)):
        y = (lo - (0.07 + 0.07 * i) * (hi - lo)) * scale
        for u, n in zip(ticks, arm.at_risk(ticks), strict=True):
            ax.text(u, y, str(n), ha="center", va="center", fontsize=8, color=line.get_color())


def _restyle(ax: Axes, data: list[Arm], spec: Spec) -> None:
    """Changes laid over any style, so styles can be combined (``spec.extra``): ``bw``
    (every curve black, or the colour given, or one per curve, told apart by line type:
    ``line_types`` which), ``marks`` (censor marks on styles that
    draw none), ``bands`` (shaded 95% bands), ``hatched`` (95% bands hatched in thin lines,
    R's ``polygon(density=)``: 45-degree lines, then upright ones), ``grid`` (light grey grid lines, or of the
    colour given),
    ``grey_axes`` (axis lines, ticks and labels in a mid grey), ``right_y`` (the y axis on
    the right), ``box_right_y`` (a box all round, the y ticks and labels right of it),
    ``risk_inside`` (SAS: the numbers at risk inside the frame under 0, in the curves'
    colours), ``step_markers`` (every curve one black line, a marker on each step),
    ``no_spines`` (no axis lines), ``no_ticks`` (no tick marks), ``ticks_in`` (ticks drawn inward, no top or right
    line), ``pieces`` (every curve many short separate segments, the second and later
    ones broken by gaps between them), ``axis_break`` (a ``//`` mark across the y axis near its foot, the line cut
    between its strokes; or a height: the mark there, the line not cut), ``dark`` (a talk slide: a navy page, white axes and words, or of the colour given) and ``legend_at`` (``"best"``, ``"below"``
    the axes, ``"below_rows"`` (below in two columns filled row by row, as Stata's),
    ``"right"`` outside the axes, ``"none"``, or ``(x, y)``: an opaque box whose
    upper right corner stands there, in the axes' fraction) and ``inset`` (``(x, y, width,
    height, top)`` in the axes' fraction: a smaller plot there redrawing the curves on a y
    axis zoomed from 0 to ``top``, with its own axes, ticks and labels, NEJM's)."""
    curves = [line for line in ax.lines if not str(line.get_label()).startswith("_")]
    curves = curves[: len(data)]
    if bw := spec.extra.get("bw"):
        types = spec.extra.get("line_types", tuple(range(len(curves))))
        assert isinstance(types, tuple)
        _black_and_white(ax, curves, bw if isinstance(bw, (str, tuple)) else "black", types)
    if spec.extra.get("step_markers"):
        _step_markers(ax, data, curves, spec)
    _overlays(ax, data, curves, spec)
    if spec.extra.get("pieces"):
        _in_pieces(ax, data, curves, spec)
    _axes_look(ax, spec)
    place = spec.extra.get("legend_at")
    legend = ax.get_legend()
    if place == "none" and legend is not None:
        legend.remove()
    elif place == "below":
        ax.figure.subplots_adjust(bottom=0.25)  # type: ignore[union-attr]
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(data), frameon=False)
    elif place == "below_rows":  # Stata's: two columns filled row by row (matplotlib's by column)
        ax.figure.subplots_adjust(bottom=0.3)  # type: ignore[union-attr]
        handles, labels = ax.get_legend_handles_labels()
        order = [*range(0, len(handles), 2), *range(1, len(handles), 2)]
        ax.legend([handles[i] for i in order], [labels[i] for i in order], loc="upper center",
                  bbox_to_anchor=(0.5, -0.14), ncol=2, edgecolor="black", fancybox=False)  # fmt: skip
    elif place == "right":
        ax.figure.subplots_adjust(right=0.75)  # type: ignore[union-attr]
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    elif place == "best":
        ax.legend(loc="best")
    elif isinstance(place, tuple):  # an opaque box, its upper right corner there (axes fraction)
        ax.legend(loc="upper right", bbox_to_anchor=place, framealpha=1.0, edgecolor="#999999")
    if inset := spec.extra.get("inset"):
        _inset(ax, curves, spec, inset)  # type: ignore[arg-type]


def _inset(ax: Axes, curves: list[Line2D], spec: Spec, at: tuple[float, ...]) -> None:
    """A smaller plot inside the axes (``at``: x, y, width, height in the axes' fraction
    and the top of its zoomed y axis) redrawing the curves, white under it, its axes on
    the left and bottom only, ticked outward, with labels of its own."""
    x, y, width, height, top = at
    scale = 100 if spec.percent else 1
    inner = ax.inset_axes((x, y, width, height))
    for line in curves:
        inner.plot(line.get_xdata(), line.get_ydata(), drawstyle=line.get_drawstyle(),
                   color=line.get_color(), lw=line.get_linewidth())  # fmt: skip
    inner.set_ylim(0, top * scale)
    inner.set_yticks(np.linspace(0, top * scale, 5))
    inner.set_xticks(spec.x_ticks)
    inner.set_xlim(spec.x_ticks[0], spec.x_ticks[-1])
    inner.tick_params(labelsize=7, direction="out")
    inner.spines[["top", "right"]].set_visible(False)


def _in_pieces(ax: Axes, data: list[Arm], curves: list[Line2D], spec: Spec) -> None:
    """Every curve drawn again as many separate short segments (a hundredth of the time
    axis, a two-hundredth of the y axis's span long; a converter's or an editor's
    drawing), the second and later curves "dashed" by leaving out every other three;
    or with ``pieces="steps"`` each run and each drop of a step its own segment, however
    long, none left out (an office chart exported to PDF); the curves drawn as one line
    hidden."""
    from matplotlib.collections import LineCollection

    scale = 100 if spec.percent else 1
    whole = spec.extra.get("pieces") == "steps"
    dx = np.inf if whole else 0.01 * (spec.x_ticks[-1] - spec.x_ticks[0])
    dy = np.inf if whole else 0.005 * (spec.ylim[1] - spec.ylim[0]) * scale
    for i, (line, arm) in enumerate(zip(curves, data, strict=False)):
        x, y = _steps(arm, spec.incidence, scale)
        corners = [(x[0], y[0])]
        for k in range(1, len(x)):
            corners += [(x[k], y[k - 1]), (x[k], y[k])]
        segments = []
        for (x0, y0), (x1, y1) in itertools.pairwise(corners):
            if (x0, y0) == (x1, y1):
                continue
            n = max(1, int(np.ceil(abs(x1 - x0) / dx if y0 == y1 else abs(y1 - y0) / dy)))
            px, py = np.linspace(x0, x1, n + 1), np.linspace(y0, y1, n + 1)
            segments += [[(px[j], py[j]), (px[j + 1], py[j + 1])] for j in range(n)]
        if i > 0 and not whole:
            segments = [seg for j, seg in enumerate(segments) if (j // 3) % 2 == 0]
        ax.add_collection(LineCollection(segments, colors=line.get_color(),  # type: ignore[arg-type]
                                         linewidths=line.get_linewidth(), capstyle="butt"))  # fmt: skip
        line.set_visible(False)


def _black_and_white(
    ax: Axes, curves: list[Line2D], ink: str | tuple[str, ...] = "black",
    types: tuple[int, ...] = (0, 1, 2, 3),
) -> None:  # fmt: skip
    """Every curve (and its legend sample) black, or ``ink`` (one for all, or one per
    curve: ggplot2's black, grey25 and grey40), in its own line type (``types``: which of
    ``LINE_STYLES``, solid, dashed, dotted, dot-dash, in order); marks of its ink,
    bands grey."""
    inks = ink if isinstance(ink, tuple) else (ink,) * len(curves)
    marks = [line for line in ax.lines if line not in curves]
    for i, line in enumerate(curves):
        for mark in marks:  # a curve's marks follow it, drawn in its colour
            if mark.get_color() == line.get_color():
                mark.set_color(inks[i])
        line.set_color(inks[i])
        line.set_linestyle(LINE_STYLES[types[i]])
    for line in marks:
        if line.get_color() not in inks:
            line.set_color(inks[0])
    for coll in ax.collections:
        coll.set_color("#888888")
    legend = ax.get_legend()
    for i, handle in enumerate(legend.legend_handles if legend is not None else []):
        if handle is not None and i < len(curves):
            handle.set_color(inks[i])
            handle.set_linestyle(LINE_STYLES[types[i]])  # type: ignore[attr-defined]


def _step_markers(ax: Axes, data: list[Arm], curves: list[Line2D], spec: Spec) -> None:
    """Every curve the same thin solid black line, told apart only by a marker on each
    step's lower corner (open circle, filled triangle, open square; a print figure's)."""
    shapes = ({"marker": "o", "mfc": "white"}, {"marker": "^", "mfc": "black"},
              {"marker": "s", "mfc": "white"})  # fmt: skip
    scale = 100 if spec.percent else 1
    for line, arm, shape in zip(curves, data, shapes, strict=False):
        line.set_color("black")
        line.set_linewidth(0.8)
        times, surv = arm.km()
        y = (1 - surv[1:] if spec.incidence else surv[1:]) * scale
        ax.plot(times[1:], y, ls="none", color="black", ms=3.3, mew=0.6, mec="black", **shape)
    if ax.get_legend() is not None:
        ax.get_legend().remove()


def _overlays(ax: Axes, data: list[Arm], curves: list[Line2D], spec: Spec) -> None:
    """Censor marks (``marks``, on styles that draw none) and shaded bands (``bands``) in
    each curve's colour."""
    scale = 100 if spec.percent else 1
    if spec.extra.get("marks") and spec.style in (
        "matplotlib",
        "spreadsheet",
        "right_axis",
        "l_box",
    ):
        for arm, line in zip(data, curves, strict=False):
            _censor_marks(ax, arm, replace(spec, censor_marks=True), str(line.get_color()))
    for arm, line in zip(data, curves, strict=False) if spec.extra.get("band_lines") else ():
        x, y = _steps(arm, spec.incidence, scale)  # R's conf.int: dashed, the curve's colour
        _times, surv = arm.km()
        half = np.append(
            h := 1.96 * np.sqrt(np.maximum(surv * (1 - surv), 1e-9) / len(arm.time)) * scale, h[-1]
        )
        for sign in (-1, 1):
            ax.plot(x, y + sign * half, drawstyle="steps-post", ls="--", color=line.get_color(),
                    lw=line.get_linewidth())  # fmt: skip
    if spec.extra.get("hatched"):  # R's polygon(density=): a band hatched, 45 degrees, then upright
        for i, (arm, line) in enumerate(zip(data, curves, strict=False)):
            x, y = _steps(arm, spec.incidence, scale)
            _times, surv = arm.km()
            half = 1.96 * np.sqrt(np.maximum(surv * (1 - surv), 1e-9) / len(arm.time)) * scale
            half = np.append(half, half[-1])
            ax.fill_between(x, y - half, y + half, step="post", facecolor="none", lw=0,
                            edgecolor=line.get_color(), hatch=("///", "|||")[i % 2],
                            zorder=0.5)  # fmt: skip
    if spec.extra.get("bands") and spec.style != "lifelines":
        for arm, line in zip(data, curves, strict=False):
            x, y = _steps(arm, spec.incidence, scale)
            _times, surv = arm.km()
            half = 1.96 * np.sqrt(np.maximum(surv * (1 - surv), 1e-9) / len(arm.time)) * scale
            half = np.append(half, half[-1])
            ax.fill_between(x, y - half, y + half, step="post", color=line.get_color(),
                            alpha=0.2, lw=0, zorder=0.5)  # fmt: skip


def _axes_look(ax: Axes, spec: Spec) -> None:
    """Grid lines, grey axes, the y axis on the right, no axis lines, a tinted panel
    (``panel``: seaborn's darkgrid, its legend box edged white as its grid)."""
    if panel := spec.extra.get("panel"):
        ax.set_facecolor(str(panel))
        if (legend := ax.get_legend()) is not None:
            legend.get_frame().set_facecolor(str(panel))
            legend.get_frame().set_edgecolor("white")
    if grid := spec.extra.get("grid"):
        ax.grid(True, color=grid if isinstance(grid, str) else "#DDDDDD", lw=0.6)
        ax.set_axisbelow(True)
    if spec.extra.get("grey_axes"):
        for spine in ax.spines.values():
            spine.set_color("#999999")
        ax.tick_params(colors="#999999", labelcolor="#777777")
    if spec.extra.get("box_right_y"):  # ggplot2's theme_bw, its y axis on the right: a box
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
    if spec.extra.get("right_y"):
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
    _lines_and_ticks(ax, spec)
    if spec.extra.get("ticks_in"):  # SPSS, many journals: ticks inward, an open frame
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(direction="in")
    if dark := spec.extra.get("dark"):
        _slide(ax, dark if isinstance(dark, str) else "#FFFFFF")
    if brk := spec.extra.get("axis_break"):
        _axis_break(ax, None if brk is True else float(brk))  # type: ignore[arg-type]


def _lines_and_ticks(ax: Axes, spec: Spec) -> None:
    """No axis lines, no tick marks (ggplot2's theme_minimal: the grid alone sets the
    scale)."""
    if spec.extra.get("no_spines"):
        for spine in ax.spines.values():
            spine.set_visible(False)
    if spec.extra.get("no_ticks"):
        ax.tick_params(length=0)
    if spec.extra.get("tiny_print"):  # a small figure at 96 dpi: ticks two pixels long,
        ax.tick_params(length=1.5, width=0.5, labelsize=7, labelcolor="#4D4D4D")  # faint labels


def _axis_break(ax: Axes, at: float | None) -> None:
    """A zoomed y axis's break mark: two short slanted strokes across the y axis line
    near its foot, the line cut between them; or, ``at`` a height (axes fraction), the
    lower stroke centred there and the line not cut (the toolkit's own ``km_plot``). No
    top or right line."""
    from matplotlib.patches import Rectangle

    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    y = 0.03 if at is None else at
    for dy in (0.0, 0.02):
        ax.plot([-0.015, 0.015], [y - 0.012 + dy, y + 0.012 + dy], transform=ax.transAxes,
                color="black", lw=0.9, clip_on=False, zorder=5, label="_break")  # fmt: skip
    if at is None:
        ax.add_patch(Rectangle((-0.014, y), 0.028, 0.02, transform=ax.transAxes,
                               color="white", clip_on=False, zorder=4))  # fmt: skip


def _slide(ax: Axes, white: str) -> None:
    """A talk slide: a navy page, axes, words and legend in white (or the light colour
    given)."""
    navy = "#0B1E3C"
    ax.figure.set_facecolor(navy)  # type: ignore[union-attr]
    ax.set_facecolor(navy)
    for spine in ax.spines.values():
        spine.set_color(white)
    ax.tick_params(colors=white, labelcolor=white)
    ax.xaxis.label.set_color(white)
    ax.yaxis.label.set_color(white)
    legend = ax.get_legend()
    if legend is not None:
        legend.get_frame().set_facecolor(navy)
        for text in legend.get_texts():
            text.set_color(white)


def _lifelines_table(fig: Figure, ax: Axes, data: list[Arm], spec: Spec) -> None:
    """The numbers at risk as lifelines prints them: one text of several lines per time
    (a row per curve), the first holding each row's label and its count at time 0
    (``"Group 1   150"``); an SVG keeps each line as a ``<text>`` placed by a
    ``translate``."""
    ticks = np.asarray(spec.x_ticks, dtype=float)
    lo, hi = ax.get_xlim()
    counts = [arm.at_risk(ticks) for arm in data]
    for j, u in enumerate(ticks):
        x = 0.14 + 0.8 * (u - lo) / (hi - lo)
        if j == 0:
            lines = "\n".join(f"Group {i + 1}   {c[0]}" for i, c in enumerate(counts))
            fig.text(
                x + 0.012, 0.12, lines, ha="right", va="top", fontsize=9, multialignment="right"
            )
        else:
            lines = "\n".join(str(c[j]) for c in counts)
            fig.text(x, 0.12, lines, ha="center", va="top", fontsize=9, multialignment="center")


def _table_panel(fig: Figure, ax: Axes, data: list[Arm], spec: Spec) -> None:
    """The numbers at risk in an axes of their own under the plot (survminer's look): an
    axis line with tick marks at the groups' rows and at the plot's times."""
    table = fig.add_axes((0.14, 0.05, 0.8, 0.16))
    table.set_xlim(ax.get_xlim())
    table.set_ylim(-0.5, len(data) - 0.5)
    table.set_xticks(spec.x_ticks)
    table.set_yticks(range(len(data)))
    table.set_yticklabels([f"Group {len(data) - i}" for i in range(len(data))])
    for spine in ("top", "right"):
        table.spines[spine].set_visible(False)
    ticks = np.asarray(spec.x_ticks, dtype=float)
    for i, arm in enumerate(data):
        for u, n in zip(ticks, arm.at_risk(ticks), strict=True):
            table.text(u, len(data) - 1 - i, str(n), ha="center", va="center", fontsize=9)


def grid_errors(times: np.ndarray, values: np.ndarray, arm: Arm, incidence: bool = False,
                points: int = 500) -> np.ndarray:  # fmt: skip
    """|read - true| on an even grid of times from 0 to the earlier of the two ends."""
    grid = np.linspace(0, min(arm.end(), float(times[-1])), points)
    read = values[np.clip(np.searchsorted(times, grid, side="right") - 1, 0, len(values) - 1)]
    true = arm.survival_at(grid)
    return np.abs(read - (1 - true if incidence else true))
