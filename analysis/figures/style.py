"""One journal style for every figure: colour-blind-safe, readable at single-column width.

* Colours: the Okabe-Ito palette (distinguishable with every common colour-vision
  deficiency and in greyscale by line style where curves cross).
* Size: single column 3.5 in wide (double column 7.2 in) with 8-point text, so a figure
  printed at its size needs no scaling.
* Files: :func:`save_figure` writes PNG at 300 dpi, SVG with text kept as text and PDF
  with TrueType fonts embedded (``pdf.fonttype`` 42), the settings passed locally
  (``rc_context``), never set globally. The same figure writes the same bytes on every
  run: SVG ids are hashed with a fixed salt, and the SVG and PDF dates are
  :func:`analysis.reproducible.source_date` (``SOURCE_DATE_EPOCH``, else a fixed instant);
  PNG records no date.
* Jupyter: figures are :class:`JournalFigure`, which shows itself as an image when
  returned in a cell, with no ``%matplotlib inline`` and no pyplot.
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.reproducible import SVG_HASH_SALT, source_date

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
SINGLE_COLUMN = 3.5  # inches
DOUBLE_COLUMN = 7.2
FORMATS = ("png", "svg", "pdf")

STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "lines.linewidth": 1.2,
    "xtick.major.width": 0.8,
    "ytick.major.width": 0.8,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}


@contextmanager
def journal_style() -> Iterator[None]:
    """The journal rc settings for the duration of a ``with`` block (never global). The
    font is the first of ``font.sans-serif`` installed, named outright, so that a text
    drawn after the block (a figure shown in a notebook) keeps the font it was measured
    and placed in."""
    settings: dict[str, Any] = {**STYLE, "font.family": [installed_font()]}
    with mpl.rc_context(settings):  # type: ignore[arg-type]
        yield


@functools.cache
def installed_font() -> str:
    """The first font of the style's ``font.sans-serif`` list this machine has (Arial,
    Helvetica, Liberation Sans; DejaVu Sans, which matplotlib ships, at the last)."""
    from matplotlib.font_manager import FontProperties, findfont

    for name in STYLE["font.sans-serif"]:
        try:
            findfont(FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        return str(name)
    return "DejaVu Sans"


class JournalFigure(Figure):
    """A Figure that Jupyter shows as an image when it is a cell's value."""

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        with journal_style():
            self.savefig(buf, format="png", dpi=150)
        return buf.getvalue()


def new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """The given axes and its figure, or a new :class:`JournalFigure` with one axes."""
    if ax is not None:
        fig = ax.get_figure()
        if not isinstance(fig, Figure):
            raise TypeError("the axes must belong to a Figure")
        return fig, ax
    fig = JournalFigure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def footnote(ax: Axes, text: str, gid: str) -> None:
    """A small grey note under ``ax``: below its tick labels and axis label, right-aligned
    with the axes, where it cannot cover data, a legend or a P value. The layout keeps
    room for it (it is part of the axes' extent)."""

    def under_x_axis(renderer: Any) -> Any:
        return ax.xaxis.get_tightbbox(renderer) or ax.bbox

    # lines wrapped to the figure's width (about 0.55 em per character of 7-pt text)
    fig = ax.get_figure(root=True)
    inches = fig.get_figwidth() if fig is not None else SINGLE_COLUMN
    per_line = max(int(0.9 * inches * 72 / (0.55 * 7)), 20)
    text = "\n".join(part for line in text.split("\n") for part in textwrap.wrap(line, per_line) or [""])  # fmt: skip
    ax.annotate(text, xy=(1.0, 0.0), xycoords=("axes fraction", under_x_axis), xytext=(0, -3),
                textcoords="offset points", ha="right", va="top", fontsize=7, color="0.35",
                gid=gid)  # fmt: skip


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` at font size ``size`` in the current font (call
    it inside :func:`journal_style` for the figures' font)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    width, _, _ = TextToPath().get_text_width_height_descent(text, FontProperties(size=size), ismath=False)  # fmt: skip
    return float(width)


def colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def save_figure(fig: Figure, path_stem: Path | str, formats: Sequence[str] = FORMATS,
                dpi: int = 300) -> list[Path]:  # fmt: skip
    """Write ``fig`` as ``<stem>.png`` (``dpi``), ``.svg`` (text as text) and ``.pdf``
    (TrueType fonts embedded), the same bytes on every run: SVG and PDF are dated
    :func:`analysis.reproducible.source_date` and SVG ids hashed with a fixed salt. (EPS,
    written by request only, is dated by matplotlib: ``SOURCE_DATE_EPOCH`` or now.)

    Raises
    ------
    ValueError
        For a format other than png, svg, pdf, tiff or eps.
    analysis.reproducible.SourceDateEpochError
        When ``SOURCE_DATE_EPOCH`` is set to something other than whole seconds.
    """
    stem = Path(path_stem)
    unknown = [f for f in formats if f not in (*FORMATS, "tiff", "eps")]
    if unknown:
        raise ValueError(
            f"unknown figure format(s) {unknown}; choose from png, svg, pdf, tiff, eps"
        )
    stem.parent.mkdir(parents=True, exist_ok=True)
    when = source_date()
    dated: dict[str, dict[str, Any]] = {"svg": {"Date": when}, "pdf": {"CreationDate": when}}
    paths = []
    with journal_style(), mpl.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        for fmt in formats:
            path = stem.with_name(f"{stem.name}.{fmt}")
            fig.savefig(path, format=fmt, dpi=dpi, metadata=dated.get(fmt, {}))
            paths.append(path)
    return paths


# Where a legend may go inside the axes, in the order tried after the preferred place.
LEGEND_PLACES = (
    "upper left", "upper right", "lower right", "lower left",
    "upper center", "center right", "center left", "lower center",
)  # fmt: skip


def legend_clear_of_data(ax: Axes, handles: Sequence[Any], texts: Sequence[str], prefer: str = "upper left", **kwargs: Any) -> Any:  # fmt: skip
    """A legend where nothing is drawn: the first place inside the axes (``prefer``,
    then :data:`LEGEND_PLACES`) whose area holds no ink once the figure is drawn (lines,
    confidence bands, markers and texts alike: matplotlib's ``loc="best"`` weighs lines
    but not filled bands), else above the axes, outside the data.

    The panel is drawn once off screen (Agg, the figure's own dpi) and each place's
    legend box is looked at pixel by pixel; the figure's canvas is left as it was."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = ax.get_figure(root=True)
    if not isinstance(fig, Figure) or not handles:
        return ax.legend(list(handles), list(texts), **{"loc": prefer, **kwargs})
    canvas = fig.canvas
    agg = FigureCanvasAgg(fig)
    try:
        agg.draw()
        ink = _ink(agg, ax)
        renderer = agg.get_renderer()
        for place in dict.fromkeys((prefer, *LEGEND_PLACES)):
            legend = ax.legend(list(handles), list(texts), **{"loc": place, **kwargs})
            if not _covers_ink(legend.get_window_extent(renderer), ink):
                return legend
        legend.remove()
        return ax.legend(handles, texts, loc="lower left", bbox_to_anchor=(0.0, 1.02), borderaxespad=0.0, **kwargs)  # fmt: skip
    finally:
        fig.set_canvas(canvas)


def _ink(agg: Any, ax: Axes) -> tuple[Any, Any, int]:
    """Which pixels inside the axes (two pixels clear of its edges: the spines) are not
    the background, the axes' pixel box and the image's height."""
    import numpy as np

    image = np.asarray(agg.buffer_rgba())[..., :3].astype(int)
    box = ax.get_window_extent()
    drawn = (np.abs(image - 255).max(axis=2) > 8) if image.size else np.zeros((0, 0), bool)
    inside = np.zeros_like(drawn)
    height = image.shape[0]
    top, bottom = int(height - box.y1) + 2, int(height - box.y0) - 2
    left, right = int(box.x0) + 2, int(box.x1) - 2
    inside[max(top, 0) : max(bottom, 0), max(left, 0) : max(right, 0)] = True
    return drawn & inside, box, height


def _covers_ink(extent: Any, ink: tuple[Any, Any, int]) -> bool:
    """Whether a legend's box (pixels, origin at the foot) lies on any drawn pixel or
    outside the axes."""
    drawn, box, height = ink
    if extent.x0 < box.x0 or extent.x1 > box.x1 or extent.y0 < box.y0 or extent.y1 > box.y1:
        return True
    top, bottom = int(height - extent.y1) - 1, int(height - extent.y0) + 1
    left, right = int(extent.x0) - 1, int(extent.x1) + 1
    return bool(drawn[max(top, 0) : bottom, max(left, 0) : right].any())
