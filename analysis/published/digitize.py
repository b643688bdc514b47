"""Kaplan-Meier curves read from a figure: times and survival at every step corner.

:func:`digitize_km` takes a PNG or JPEG image (or an SVG or PDF drawing, read exactly) of a
Kaplan-Meier plot
and returns each curve's step corners in the axes' units, ready for
:func:`~analysis.published.reconstruct_ipd`. How it reads a raster figure:

1. the plot area: the x axis (the lowest long horizontal line meeting the y axis) and
   the y axis (the leftmost long vertical one) meeting at a corner, or a tinted panel
   without axis lines (ggplot2), or else the span of the major grid lines
   (:mod:`analysis.published.digitize_grid`; ggplot2's ``theme_minimal``);
2. the scale: the tick marks outside each axis, or where there are none the major grid
   lines. ``x_range`` and ``y_range`` give the
   values printed at the first and last ticks (``0 100`` on a percent axis). Without
   them the tick labels are read: a drawing's are text; an image's digits are matched
   against digits drawn in common typefaces (:mod:`analysis.published.digitize_ocr`, no
   text-recognition program) and kept only when most labels fall evenly along the axis.
   Where they cannot be read, the y ticks are taken to run from 0 to 1 (0% to 100%) and
   times are counted in tick intervals, each with a warning. An axis whose ticks stand
   where a log scale puts their values is read as logarithmic, with a warning
   (:mod:`analysis.published.digitize_logscale`). A numbers-at-risk table
   under the axis is read the same way (``at_risk``; a word is printed in one colour, so
   a row's black label and its coloured first number are two words);
3. the curves: one ink colour per curve (hue peaks among saturated pixels, or, where
   none is, among faintly tinted ones: colours a JPEG's subsampling faded,
   :mod:`analysis.published.digitize_faded`; confidence
   bands are fainter and grid lines lighter, so neither counts), black curves told
   apart by following each line (solid, dashed or dotted) column by column, greys drawn
   flat in shades of their own (black, grey25, grey40) as colours
   (:mod:`analysis.published.digitize_shades`); legends in a box, text and legend samples
   are too short or boxed and are left out, and so is an inset (a smaller plot drawn
   inside the plot, :mod:`analysis.published.digitize_insets`), said in a warning, and
   so is a hatching (a confidence region drawn as many parallel thin strokes,
   :mod:`analysis.published.digitize_hatching`);
4. each curve followed from left to right: drops are tall runs starting at the curve's
   row, censor marks are tall runs crossing it; the rows seen are made monotone
   (isotonic regression) and cut into plateaus.

From a drawing the censor marks printed on the curves are read too (``censored``, see
:mod:`analysis.published.digitize_marks`), to give ``reconstruct_ipd`` as
``censor_times``. A rising plot (cumulative incidence) is read the same way, upside
down. A curve whose reading is in doubt (hidden over much of its length, not starting
at 1, without any step, fewer or more curves than asked) is named in
:attr:`DigitizedFigure.warnings`.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import ndimage

from analysis.problems import InputFormatError
from analysis.published import digitize_boxes as boxed
from analysis.published import digitize_chains as chained
from analysis.published import digitize_grid as grid
from analysis.published import digitize_hatching as hatching
from analysis.published import digitize_insets as insets
from analysis.published import digitize_logscale as logscale
from analysis.published import digitize_markers as markers
from analysis.published import digitize_marks as marks
from analysis.published import digitize_ocr as ocr
from analysis.published import digitize_panels as panels
from analysis.published import digitize_photo as photographed
from analysis.published import digitize_raster as raster
from analysis.published.digitize_files import write_digitized
from analysis.published.digitize_page import find_page_plot
from analysis.published.digitize_track import (
    Track,
    corners,
    follow,
    land_hidden_drops,
    mark_entry,
    painted,
)

__all__ = ["DigitizeError", "DigitizedFigure", "digitize_km", "write_digitized"]

RASTER = (".png", ".jpg", ".jpeg")
HIDDEN_REACH = 0.02  # how far below a curve first seen late another may have hidden it


class DigitizeError(InputFormatError):
    """The figure holds no plot that can be read (no axes, no ticks, no curve)."""


@dataclass(frozen=True)
class DigitizedFigure:
    """What was read from a Kaplan-Meier figure.

    ``curves`` has one row per step corner: ``curve`` (1..N, in the legend's order when
    each curve's colour shows there once, else top to bottom at the start), ``time`` (in the x axis's units) and ``survival`` (a proportion, 0-1, even
    from a percent axis) or, for a rising plot, ``incidence``. ``censored`` has one row
    per censor mark printed on a curve (``curve``, ``time``; read from drawings), or is
    None when none was read: the times to give :func:`~analysis.published.reconstruct_ipd`
    as ``censor_times``. ``log_axes`` says which axes (x, y) were read as logarithmic
    (:mod:`analysis.published.digitize_logscale`).
    """

    curves: pd.DataFrame
    measure: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    ranges_given: bool
    warnings: tuple[str, ...]
    source: str
    at_risk: pd.DataFrame | None = None
    image: np.ndarray | None = field(default=None, repr=False, compare=False)
    ticks_px: tuple[float, float, float, float] = (0.0, 1.0, 1.0, 0.0)
    censored: pd.DataFrame | None = None
    log_axes: tuple[bool, bool] = (False, False)

    @property
    def n_curves(self) -> int:
        return int(self.curves["curve"].nunique()) if len(self.curves) else 0

    def curve(self, k: int) -> pd.DataFrame:
        """Curve ``k``'s corners (time, survival or incidence)."""
        return self.curves.loc[self.curves["curve"] == k, ["time", self.measure]].reset_index(
            drop=True
        )

    def to_frame(self) -> pd.DataFrame:
        return self.curves.copy()


@dataclass(frozen=True)
class _Scale:
    """Pixels to values on each axis, from the first and last labelled ticks; an axis
    read as logarithmic (``log``: x, y) is linear in the log of its values."""

    x_px: tuple[float, float]
    y_px: tuple[float, float]
    x_val: tuple[float, float]
    y_val: tuple[float, float]
    log: tuple[bool, bool] = (False, False)

    def time(self, col: np.ndarray) -> np.ndarray:
        return logscale.to_value(col, self.x_px, self.x_val, self.log[0])

    def value(self, row: np.ndarray) -> np.ndarray:
        return logscale.to_value(row, self.y_px, self.y_val, self.log[1])

    def row(self, value: float) -> float:
        return float(logscale.to_pixel(value, self.y_px, self.y_val, self.log[1]))


def digitize_km(
    figure: str | Path,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    curves: int | None = None,
    panel: int | str | None = None,
) -> DigitizedFigure:
    """Read the Kaplan-Meier curves of a figure.

    Parameters
    ----------
    figure
        A PNG or JPEG image, or an SVG or PDF drawing (first page), holding one
        Kaplan-Meier plot.
    x_range, y_range
        The values printed at the first and last labelled ticks of each axis, in the
        units the labels print (``(0, 100)`` on a percent axis). Without them the
        ticks' positions are used with a default scale, and a warning says so.
    curves
        The number of curves, when known; a different count read is a warning.
    panel
        Which plot to read in a figure of several plot frames (panels a and b side by side
        or stacked): its printed letter (``"b"``, read in a drawing's text; in an image,
        or where no plot has it at its corner, taken as its place in the alphabet, with a
        warning), its number (1, 2, ...) in reading order: row by row from the top,
        left to right in each, or its place on the page (``"left"``, ``"bottom"``,
        ``"top-left"``: the one plot with no other wholly beyond it on those sides).
        Without it the first is read, and a warning says how many were found and how to
        choose another.

    Returns
    -------
    DigitizedFigure
        The step corners of each curve, and the warnings.

    Raises
    ------
    DigitizeError
        When no plot, no tick marks or no curve can be found, or ``panel`` names a plot
        the image does not hold.
    """
    path = Path(figure)
    if not path.exists():
        raise DigitizeError(f"{path}: no such file")
    suffix = path.suffix.lower()
    panel = _panel_asked(path.name, panel)
    if suffix in (".svg", ".pdf"):
        from analysis.published.digitize_vector import read_vector

        return read_vector(path, x_range, y_range, curves, panel)
    if suffix not in RASTER:
        raise DigitizeError(f"{path}: cannot read '{suffix}' figures; give a PNG, JPEG, SVG or PDF")
    from PIL import Image

    try:
        with Image.open(path) as im:
            if "A" in im.getbands() or "transparency" in im.info:
                # a transparent background (ggsave's with theme_minimal) is white paper
                white = Image.new("RGBA", im.size, "white")
                page = Image.alpha_composite(white, im.convert("RGBA")).convert("RGB")
            else:
                page = im.convert("RGB")
        rgb = np.asarray(page, dtype=np.float32) / 255
    except OSError as exc:
        raise DigitizeError(f"{path}: not a readable image ({exc})") from exc
    return _read_panel(rgb, path.name, x_range, y_range, curves, panel)


_PANELS = (
    "{n} plots found in the figure (panels side by side or stacked): read plot {k}{letter}, "
    "the {nth} in reading order (row by row from the top, left to right), its axes at "
    "{where}; give --panel N (panel=N) to read another, or its printed letter (--panel b) "
    "or its place (--panel right)"
)
_LETTER_UNREAD = (
    "no plot has the letter '{letter}' printed at its top left corner{why}: panel "
    "'{letter}' taken as plot {k}, the {nth} in reading order; check the overlay"
)


def _panel_asked(name: str, panel: int | str | None) -> int | str | None:
    """The panel asked for: a number from 1, a letter (lower case) or a position word
    (``left``, ``top-left``: :func:`~analysis.published.digitize_panels.position_word`);
    an error for anything else."""
    if isinstance(panel, str):
        word = panel.strip().strip("().").lower()
        if word.isdigit():
            panel = int(word)
        elif len(word) == 1 and "a" <= word <= "z":
            return word
        elif panels.position_word(word):
            return panels.position_word(word)
        else:
            raise DigitizeError(
                f"{name}: panel {panel!r}: give its printed letter (a, b, ...), its number "
                "in reading order (1, 2, ...) or its place (left, right, top, bottom, "
                "top-left, ...)"
            )
    if panel is not None and panel < 1:
        raise DigitizeError(f"{name}: panel {panel}: plots are numbered from 1")
    return panel


def choose_panel(
    name: str, panel: int | str | None, letters: Sequence[str | None], n: int, why: str = "",
    frames: Sequence[panels.Frame[Any]] = (),
) -> tuple[int, list[str]]:  # fmt: skip
    """The number (from 1) of the plot to read of the ``n`` found (``letters``: each
    one's printed letter, None where none was read; ``frames``: where each stands, for a
    position word such as ``left``), and a warning when a letter asked for was not read
    and was taken as a place in the alphabet (``why``: why not); an error for a plot the
    figure does not hold, or a position word that does not single out one plot."""
    notes: list[str] = []
    if isinstance(panel, str) and len(panel) > 1:
        return _panel_at(name, panel, frames), notes
    if isinstance(panel, str):
        if panel in letters:
            return letters.index(panel) + 1, notes
        k = ord(panel) - ord("a") + 1
        if k > 1 or n > 1:
            nth = {1: "first", 2: "second", 3: "third"}.get(k, f"{k}th")
            notes.append(_LETTER_UNREAD.format(letter=panel, why=why, k=k, nth=nth))
    else:
        k = panel or 1
    if k > max(n, 1):
        found = f"{n} plots were found" if n > 1 else f"{n or 'no'} plot frame was found"
        raise DigitizeError(
            f"{name}: panel {panel if isinstance(panel, int) else repr(panel)} asked for, "
            f"but {found} (x and y axis lines meeting at a corner)"
            + ("" if n > 1 else "; crop the figure to the plot")
        )
    return k, notes


def _panel_at(name: str, word: str, frames: Sequence[panels.Frame[Any]]) -> int:
    """The number (from 1) of the one plot at the place ``word`` names; an error when
    none or several are there (or there are not several plots to choose from)."""
    if len(frames) < 2:
        raise DigitizeError(
            f"{name}: panel {word!r} asked for, but {len(frames) or 'no'} plot frame was "
            "found (x and y axis lines meeting at a corner, or tinted panels); crop the "
            "figure to the plot"
        )
    there = panels.at_position(word, frames)
    if len(there) != 1:
        numbers = " and ".join(str(i + 1) for i in there)
        at = f"plots {numbers} (in reading order) are" if there else "none is"
        raise DigitizeError(
            f"{name}: panel {word!r} does not single out one plot: of the {len(frames)} "
            f"plots found, {at} at the {word}; name both sides (top-left) or give its "
            "number in reading order"
        )
    return there[0] + 1


def panels_note(n: int, k: int, letter: str | None, where: str) -> str:
    """The warning that plot ``k`` of ``n`` was read (its ``letter`` when printed)."""
    nth = {1: "first", 2: "second", 3: "third"}.get(k, f"{k}th")
    return _PANELS.format(n=n, k=k, nth=nth, where=where,
                          letter=f" (panel {letter})" if letter else "")  # fmt: skip


def _read_panel(
    rgb: np.ndarray, name: str, x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None, n_curves: int | None, panel: int | str | None,
    flat: bool = False,
) -> DigitizedFigure:  # fmt: skip
    """The figure read whole when it holds one plot frame; of several, plot ``panel``
    (the first when None) cut out with its labels and read, said in a warning
    (:mod:`analysis.published.digitize_panels`). A photographed page is made flat first
    (:func:`~analysis.published.digitize_photo.flattened_photo`), said in a warning."""
    photo = None if flat else photographed.flattened_photo(rgb)
    if photo is not None:
        result = _read_panel(photo.rgb, name, x_range, y_range, n_curves, panel, flat=True)
        return dataclasses.replace(result, warnings=(photo.note, *result.warnings))
    plots = panels.find_plots(raster.on_light_paper(rgb))
    k, notes = choose_panel(name, panel, [None] * len(plots), len(plots),
                            " (an image's letters are not read)", plots)  # fmt: skip
    if len(plots) < 2:
        result = _read_raster(rgb, name, x_range, y_range, n_curves)
        return dataclasses.replace(result, warnings=(*notes, *result.warnings))
    cut = panels.cut_out(rgb, plots, k - 1)
    result = _read_raster(cut.rgb, name, x_range, y_range, n_curves)
    p = plots[k - 1]
    where = f"columns {p.left}-{p.right}, rows {p.top}-{p.bottom}"
    note = panels_note(len(plots), k, None, where)
    return dataclasses.replace(result, warnings=(note, *notes, *result.warnings))


_ON_PAGE = (
    "no plot fills the image: read the largest plot found on it as on a page (x and y axis "
    "lines meeting at a corner; its labels and table cut out from row {top}, column "
    "{left}{turned}); check the overlay"
)


def _read_on_page(
    rgb: np.ndarray | None, name: str, x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None, n_curves: int | None,
) -> DigitizedFigure:  # fmt: skip
    """The largest plot on a page (``rgb``, None when it is already one cut out of a
    page) read, said in a warning
    (:func:`~analysis.published.digitize_page.find_page_plot`); an error when there is
    none."""
    found = find_page_plot(rgb) if rgb is not None else None
    if found is None:
        raise DigitizeError(
            f"{name}: no plot found: no x and y axis lines meeting at a corner and no tinted "
            "panel; crop the image to the Kaplan-Meier plot with its axes"
        )
    result = _read_raster(found.rgb, name, x_range, y_range, n_curves, on_page=False)
    turned = f", the page turned back {found.skew:.2f} degrees" if found.skew else ""
    note = _ON_PAGE.format(top=found.top, left=found.left, turned=turned)
    return dataclasses.replace(result, warnings=(note, *result.warnings))


_DARK_PAGE = (
    "the page is dark (a slide's): read inverted, its light curves, axes and words as dark "
    "ink on white paper (each curve in the complement of its colour); check the overlay"
)


def _read_raster(
    rgb: np.ndarray, name: str, x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None, n_curves: int | None, on_page: bool = True,
) -> DigitizedFigure:  # fmt: skip
    """The figure's curves read from its pixels; when no plot is found on the image as a
    whole, the largest plot on it read as a page's (``on_page``:
    :func:`~analysis.published.digitize_page.find_page_plot`), said in a warning."""
    page, rgb = rgb, raster.on_light_paper(rgb)  # a slide's dark page, inverted
    warnings: list[str] = [] if rgb is page else [_DARK_PAGE]
    frame = raster.find_frame(rgb) or grid.grid_frame(rgb)
    if frame is None or frame.right - frame.left < 40 or frame.bottom - frame.top < 40:
        result = _read_on_page(rgb if on_page else None, name, x_range, y_range, n_curves)
        return dataclasses.replace(result, warnings=(*warnings, *result.warnings))
    xt, yt = raster.find_ticks(rgb, frame)
    frame, xt, yt = raster.panel_ticks(rgb, frame, xt, yt)  # grey ticks, or on the right
    sides = (frame.right - frame.left, frame.bottom - frame.top)
    bunched = (_bunched(xt, sides[0]), _bunched(yt, sides[1]))
    if len(xt) < 2 or len(yt) < 2 or any(bunched):  # no tick marks (or marks bunched at
        grid_x, grid_y = grid.grid_ticks(rgb, frame)  # one end): the major grid lines
        xt = grid_x if _grid_for(xt, grid_x, bunched[0], sides[0]) else xt  # stand for them
        yt = grid_y if _grid_for(yt, grid_y, bunched[1], sides[1]) else yt
    if len(xt) < 2:  # nor vertical grid lines: the x labels stand where the ticks would
        xt = ocr.x_label_centres(rgb, frame)
    given = (x_range, y_range)
    labels = ocr.read_labels(rgb, frame, xt, yt)
    from_labels = (
        x_range is None and len(labels.x_pos) > 0,
        y_range is None and len(labels.y_pos) > 0,
    )
    if from_labels[0]:
        xt, x_range = labels.x_pos, (float(labels.x_val[0]), float(labels.x_val[-1]))
    if from_labels[1]:
        yt, y_range = labels.y_pos, (float(labels.y_val[-1]), float(labels.y_val[0]))
    xt = _given_end_ticks(xt, labels.x_pos, labels.x_val, given[0], (frame.left, frame.right))
    yt = _given_end_ticks(yt, labels.y_pos, labels.y_val, given[1], (frame.top, frame.bottom))
    _check_given(given, labels, len(xt), len(yt), warnings)
    printed = (
        labels.x_val if from_labels[0] else labels_of_given(xt, labels.x_pos, labels.x_val, given[0]),
        labels.y_val if from_labels[1] else labels_of_given(yt, labels.y_pos, labels.y_val, given[1]),
    )  # fmt: skip
    scale = _scale(name, xt, yt, x_range, y_range, warnings, from_labels, printed)
    warnings += _unfit_y_labels(scale, labels.y_ends, guessed=y_range is None)
    ticks = np.sort(xt)
    at_risk = _risk_table(rgb, frame, labels, ticks, float(np.max(yt)), scale)
    pad = frame.line + 1
    top, left = frame.top + pad, frame.left + pad
    crop = rgb[top : frame.bottom - frame.line + 1 - 1, left : frame.right - pad + 1].copy()
    paper = raster.background(crop)
    inset_box = _without_inset(crop, paper, scale, (top, left), warnings)
    unblanked = crop.copy()
    for a, b, c, d in ocr.text_boxes(crop):  # a legend's words are not curves
        crop[max(a - 2, 0) : b + 2, max(c - 2, 0) : d + 2] = paper
    boxed.without_inner_ticks(crop, paper, frame.level, xt - left, yt - top)
    outside = rgb.copy()  # the figure without its plot: where a legend beside it shows
    outside[frame.top : frame.bottom + 1, frame.left : frame.right + 1] = paper
    boxes = boxed.opaque_boxes(crop, paper)  # a legend drawn opaque over the curves
    boxes = boxed.see_through(
        crop, paper, boxes, unblanked
    )  # one the curves show through is lifted
    boxes += inset_box  # a curve running in under an inset is not seen there
    followed, rising = _follow_layers(crop, n_curves, warnings, outside)
    if not followed:
        raise DigitizeError(f"{name}: a plot was found but no curve in it")
    entered = [t.entry + top for t, _, _ in followed]
    printed_y = None if rising or not from_labels[1] else y_range
    scale = _lost_decimal_points(scale, printed_y, entered, warnings)
    if rising:
        boxes = boxed.flipped(boxes, crop.shape[0])
    read, ranks, entries = [], [], []
    start_row = scale.row(0.0 if rising else 1.0)
    edge = frame.bottom if rising else frame.top
    widest = max(width for _, width, _ in followed)
    clear = abs(start_row - edge) > 3 * widest + 3  # a start drawn along the frame may hide
    for track, width, rank in followed:
        hidden = boxed.hidden_stretch(track.rows, boxes, width)
        until = boxed.covered_until(boxes, hidden[0], width) if hidden else 0
        under = _hidden_under(scale, hidden, left, min(until, crop.shape[1] - 1))
        changes, levels, notes = corners(track, width)
        notes = [*track.notes, *notes, *under, *_unseen_below_notes(scale, track, left)]
        if len(levels) == 0:
            continue
        ranks.append(rank)
        first = int(np.nonzero(np.isfinite(track.rows))[0][0])
        last = int(np.nonzero(np.isfinite(track.rows))[0][-1])
        changes = np.minimum(changes, last)  # a drop it ends with ends it, not after
        if rising:
            levels = crop.shape[0] - 1 - levels
        cols = np.concatenate([[first], changes, [last]]) + left
        read.append((scale.time(cols), scale.value(levels + top), notes))
        entry = crop.shape[0] - 1 - track.entry if rising else track.entry
        entries.append(float(scale.value(np.asarray(entry + top))))
    return _result(read, scale, *given, n_curves, warnings, rising, page, at_risk=at_risk,
                   ranks=ranks, hidden_reach=HIDDEN_REACH if clear else 0.0,
                   entries=entries)  # fmt: skip


def _lost_decimal_points(
    scale: _Scale, printed: tuple[float, float] | None, entries: list[float],
    warnings: list[str],
) -> _Scale:  # fmt: skip
    """The y scale read from labels (``printed``: the first and last) as percent up to
    15 (``0, 4, 8, 12``) with every falling curve entering at 10% (``entries``: their
    first rows): the labels' decimal points lost at a low resolution (``0, 0.4, 0.8,
    1.2``: survival from 1), read as tenths instead, said in a warning. (No survival
    curve starts at 10%; a zoomed incidence axis has its curves rising.) None for
    ``printed`` (the range given, or the curves rising) leaves the scale as it is."""
    if printed is None:
        return scale
    top = max(abs(printed[0]), abs(printed[1]))
    if scale.log[1] or not 1.5 < top <= 15 or not entries:
        return scale
    if np.abs(scale.value(np.asarray(entries, dtype=float)) - 0.1).max() > 0.01:
        return scale
    tenths = (printed[0] / 10, printed[1] / 10)
    warnings.append(
        f"the y axis's labels read {printed[0]:g} to {printed[1]:g}, as percent, but every "
        f"curve starts at 10% on it: their decimal points were taken as lost ({tenths[0]:g} "
        f"to {tenths[1]:g}); give --y-range if not"
    )
    return dataclasses.replace(scale, y_val=tenths)


def _given_end_ticks(
    ticks: np.ndarray, pos: np.ndarray, values: np.ndarray,
    given: tuple[float, float] | None, span: tuple[int, int],
) -> np.ndarray:  # fmt: skip
    """An axis's tick marks with a given range's end added where no mark was seen: a tick
    drawn inward along the other axis's line (0 on the y axis, at the corner) is not a
    mark, and the range names the labels of the first and last ticks printed. Where the
    labels read (at least two, on one straight scale to a pixel) put a given end past
    the outermost mark by over a third of the marks' spacing and within the axis's
    ``span`` (its first and last pixels), a tick is taken there."""
    if given is None or len(pos) < 2 or len(ticks) < 2 or np.ptp(values) == 0:
        return ticks
    slope, offset = np.polyfit(values, pos, 1)
    if np.abs(slope * values + offset - pos).max() > 1.5:
        return ticks
    spacing = float(np.median(np.diff(np.sort(ticks))))
    lo, hi = float(np.min(ticks)), float(np.max(ticks))
    added = []
    for value in given:
        at = float(slope * value + offset)
        beyond = max(lo - at, at - hi)
        if beyond > spacing / 3 and span[0] - 3 <= at <= span[1] + 3:
            added.append(at)
    return np.sort(np.concatenate([ticks, added])) if added else ticks


def labels_of_given(
    ticks: np.ndarray, pos: np.ndarray, values: np.ndarray, given: tuple[float, float] | None
) -> np.ndarray | None:
    """The labels read on an axis whose range was given, as its ticks' values (to tell a
    logarithmic axis by, :func:`_scale`), when there is one label at each tick (within a
    pixel and a half) and the first and last read the given range; else None (the ticks'
    values are then taken evenly stepped over the range)."""
    if given is None or len(pos) < 3 or len(pos) != len(ticks) or len(values) != len(pos):
        return None
    if np.abs(np.sort(np.asarray(pos, float)) - np.sort(np.asarray(ticks, float))).max() > 1.5:
        return None
    by_pos = np.asarray(values, float)[np.argsort(pos)]
    ends = sorted((float(by_pos[0]), float(by_pos[-1])))
    if not np.allclose(ends, sorted(given), rtol=1e-6, atol=1e-9):
        return None
    out = np.empty(len(by_pos))
    out[np.argsort(ticks)] = by_pos  # in the order of the ticks given
    return out


def _bunched(ticks: np.ndarray, side: int) -> bool:
    """Whether an axis's tick marks span under a fifth of its ``side`` (marks a few
    pixels apart at one end, two curves' first steps leaving the axis, set no scale)."""
    return len(ticks) >= 2 and bool(np.ptp(ticks) < 0.2 * side)


def _grid_for(ticks: np.ndarray, lines: np.ndarray, bunched: bool, side: int) -> bool:
    """Whether the grid ``lines`` stand for an axis's tick marks: there are fewer than
    two marks, or they are bunched and the grid lines are not."""
    if len(ticks) < 2:
        return True
    return bunched and len(lines) >= 2 and not _bunched(lines, side)


def _without_inset(
    crop: np.ndarray, paper: np.ndarray, scale: _Scale, at: tuple[int, int],
    warnings: list[str],
) -> list[boxed.Box]:  # fmt: skip
    """The plot's inside (``crop``, its first row and column the image's ``at``) with an
    inset drawn in it blanked to ``paper``, said in a warning; the inset's area as an
    opaque box (none when there is no inset)
    (:mod:`analysis.published.digitize_insets`)."""
    inset = insets.find_inset(crop)
    if inset is None:
        return []
    insets.blank(crop, inset, paper)
    warnings.append(_inset_note(inset, scale, *at))
    return [boxed.Box(inset.top, inset.bottom, inset.left, inset.right)]


def _inset_note(inset: insets.Inset, scale: _Scale, top: int, left: int) -> str:
    """The warning saying an inset was found inside the plot and left out, where it
    stands in the plot's times and values (``top``, ``left``: the crop's first row and
    column in the image) and the values its own y axis prints."""
    cols = scale.time(np.array([inset.left, inset.right]) + left)
    rows = scale.value(np.array([inset.bottom, inset.top]) + top)
    own = inset.y_values
    printed = f", its y labels reading {own[0]:g} to {own[1]:g} at the ticks seen" if own else ""
    return (
        f"an inset was found inside the plot (a second, smaller plot with its own axes"
        f"{printed}) at times {cols[0]:.4g} to {cols[1]:.4g}, values {rows[0]:.3g} to "
        f"{rows[1]:.3g} of the main axes: it was left out (its axes, ticks, labels and "
        "curves are not read) and the curves read on the main axes only; a curve running "
        "under it is not seen there; check the overlay"
    )


def _risk_table(
    rgb: np.ndarray, frame: raster.Frame, labels: ocr.Labels, ticks: np.ndarray,
    lowest: float, scale: _Scale,
) -> pd.DataFrame | None:  # fmt: skip
    """The numbers at risk printed under the x axis's labels, else inside the plot under
    its lowest y tick (at pixel row ``lowest``: SAS's PROC LIFETEST)."""
    times = _on_ticks(scale.time(ticks), scale, ticks, labels)
    at_risk = ocr.risk_rows(labels.below, ticks, times)
    if at_risk is None:
        at_risk = ocr.risk_rows(ocr.words_under_lowest_tick(rgb, frame, lowest), ticks, times)
    return at_risk


def _hidden_under(
    scale: _Scale, hidden: tuple[int, int | None] | None, left: int, until: int
) -> list[str]:
    """The warning for a curve that runs in under an opaque box at column ``hidden[0]``
    (of the crop whose first column is the image's ``left``) and is not seen again (the
    box, or the plot, ending at column ``until``: the times between are not seen), or
    is seen again at ``hidden[1]`` at another row; none when ``hidden`` is None."""
    if hidden is None:
        return []
    went, back = (float(scale.time(np.asarray(c + left))) for c in (hidden[0], hidden[1] or 0))
    if hidden[1] is None:
        end = float(scale.time(np.asarray(until + left)))
        return [
            f"it runs in under an opaque box (a legend?) at {went:.4g} and is not seen after: "
            f"its times {went:.4g} to {end:.4g} (where the box ends) are not seen, read up "
            "to there only, its last value where it disappears (what it does under the box, "
            "a drop's end, its tail, is hidden)"
        ]
    return [
        f"it runs under an opaque box (a legend?) from {went:.4g} to {back:.4g} and comes "
        "out at another level: the drops hidden there are put halfway"
    ]


def with_marks(
    result: DigitizedFigure, scale: _Scale, found: list[tuple[float, float, float]]
) -> DigitizedFigure:
    """The reading with the censor marks found ((x, y, half height) in the figure's
    units; read from drawings only) given to their curves. Marks are all drawn alike: those much taller or
    shorter than most are left out, and so are a curve's marks when it has fewer than
    ``marks.FEWEST`` (a crossing or a stray glyph, not a figure that prints its marks)."""
    if not found:
        return result
    x, y, half = (np.array(v, dtype=float) for v in zip(*found, strict=True))
    typical = float(np.median(half))
    alike = (half >= 0.6 * typical) & (half <= 1.6 * typical)
    x, y, half = x[alike], y[alike], half[alike]
    reach = np.abs(scale.value(y + half) - scale.value(y))
    censored = marks.assign(result.curves, result.measure, scale.time(x), scale.value(y), reach)
    counts = censored.groupby("curve")["time"].transform("size")
    censored = censored[counts >= marks.FEWEST].reset_index(drop=True)
    return dataclasses.replace(result, censored=censored if len(censored) else None)


def _scale(
    name: str, xt: np.ndarray, yt: np.ndarray, x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None, warnings: list[str],
    labelled: tuple[bool, bool] = (False, False),
    values: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
) -> _Scale:  # fmt: skip
    """The axes' scale from the first and last ticks and their values; ``labelled`` says
    which axis's ticks are labels read and checked to grow evenly (a tick whose label
    could not be read leaves a gap there, not an uneven axis). An axis whose ticks stand
    where a logarithmic axis puts its labels' ``values`` (each tick's, in the order of
    the ticks given; else values evenly stepped over its range) and not where a linear
    one would is read as logarithmic, said in a warning
    (:func:`~analysis.published.digitize_logscale.is_log_axis`)."""
    log = [False, False]
    for i, (axis, ticks, checked, rng) in enumerate(
        (("x", xt, labelled[0], x_range), ("y", yt, labelled[1], y_range))
    ):
        if len(ticks) < 2:
            raise DigitizeError(
                f"{name}: found {len(ticks)} tick mark(s) on the {axis} axis, need at least "
                "two outside the axis to set its scale"
            )
        if rng is not None and (found := logscale.is_log_axis(ticks, rng, values[i], i == 1)):
            log[i] = True
            warnings.append(logscale.LOG_AXIS.format(axis=axis, values=found))
            continue
        gaps = np.diff(np.sort(ticks))
        if not checked and gaps.max() - gaps.min() > 0.1 * np.median(gaps) + 1.5:
            warnings.append(
                f"the {axis} axis's tick marks are not evenly spaced; the first and last "
                "were taken as the labelled ones"
            )
    xs, ys = np.sort(xt), np.sort(yt)[::-1]
    if x_range is None:
        x_range = (0.0, float(len(xs) - 1))
        warnings.append(
            f"no --x-range: times are in tick intervals (first tick 0, last {len(xs) - 1}); "
            "give the first and last tick labels to read them in the axis's units"
        )
    if y_range is None:
        y_range = (0.0, 1.0)
        warnings.append(
            "no --y-range: the lowest y tick was taken as 0 and the highest as 1 (100%); "
            "give the first and last tick labels if the axis is zoomed"
        )
    y_val = (float(y_range[0]), float(y_range[1]))
    if max(abs(y_val[0]), abs(y_val[1])) > 1.5:
        y_val = (y_val[0] / 100, y_val[1] / 100)
    return _Scale((float(xs[0]), float(xs[-1])), (float(ys[0]), float(ys[-1])),
                  (float(x_range[0]), float(x_range[1])), y_val, (log[0], log[1]))  # fmt: skip


def _unfit_y_labels(
    scale: _Scale, seen: tuple[tuple[float, float], ...], guessed: bool
) -> list[str]:
    """A warning when the y axis was taken to run 0 to 1 (its labels not read evenly)
    but the labels read at its first or last tick (``seen``: tick, value) print other
    values there (``40`` at the top tick of a percent axis zoomed to 0-40): the values
    read are then wrong, and the range should be given. Labels over 1.5 are percent.
    None when the y range was given or read (``guessed`` False)."""
    if not guessed or not seen:
        return []
    values = np.array([v for _, v in seen])
    printed = values / 100 if np.abs(values).max() > 1.5 else values
    taken = scale.value(np.array([t for t, _ in seen]))
    off = np.abs(printed - taken) > 0.02
    if not off.any():
        return []
    named = ", ".join(f"{v:g}" for v in values[off])
    return [
        f"the y axis's tick labels were not all read, and those read at its ends ({named}) "
        "do not fit the 0 to 1 (100%) taken for it: the axis is zoomed or otherwise "
        "labelled, and the values read are wrong; give --y-range (its first and last tick "
        "labels)"
    ]


def _check_given(
    given: tuple[tuple[float, float] | None, tuple[float, float] | None],
    labels: ocr.Labels, n_x: int, n_y: int, warnings: list[str],
) -> None:  # fmt: skip
    """A warning where a range given differs from the first and last tick labels read
    (every tick's label read, so the first and last are the ones the range names)."""
    for axis, rng, val, n in (
        ("x", given[0], labels.x_val, n_x),
        ("y", given[1], labels.y_val, n_y),
    ):
        if rng is None or len(val) != n or n < 2:
            continue
        read = (float(min(val[0], val[-1])), float(max(val[0], val[-1])))
        if not np.allclose(sorted(rng), read, rtol=1e-6, atol=1e-9):
            warnings.append(
                f"--{axis}-range {rng[0]:g} {rng[1]:g} was used, but the {axis} axis's first "
                f"and last tick labels read {read[0]:g} and {read[1]:g}: check the range"
            )


def _on_ticks(
    times: np.ndarray, scale: _Scale, ticks: np.ndarray | None = None,
    labels: ocr.Labels | None = None,
) -> np.ndarray:  # fmt: skip
    """Times read at evenly spaced ticks, put exactly on the even steps between the
    first and last labelled values (a tick's pixel is not its label to the last digit);
    at unevenly spaced ticks (0, 3, 6, 12, 24), on their labels' values, when every tick's
    label was read and each is within a tenth of the narrowest gap of the time read."""
    if len(times) < 2:
        return times
    (u, v) = scale.x_val
    step = (v - u) / (len(times) - 1)
    k = np.round((times - u) / step)
    if step > 0 and np.all(np.abs((times - u) / step - k) <= 0.15):
        return u + k * step
    if ticks is None or labels is None or len(labels.x_pos) != len(ticks):
        return times
    near = np.abs(np.sort(labels.x_pos) - ticks) <= 1.0
    printed = labels.x_val[np.argsort(labels.x_pos)]
    gap = float(np.min(np.diff(np.sort(printed))))
    if not near.all() or gap <= 0 or np.any(np.abs(printed - times) > 0.1 * gap):
        return times
    return printed.astype(float)


def _follow_layers(
    crop: np.ndarray, n_curves: int | None, warnings: list[str],
    outside: np.ndarray | None = None,
) -> tuple[list[tuple[Track, int, int | None]], bool]:  # fmt: skip
    """Each curve followed, in the crop turned upside down when the curves climb, with
    its place in the legend when one colour per curve shows there: inside the plot, else
    (given the figure ``outside`` the plot) beside it."""
    cleaned = _cleaned_layers(crop, warnings)
    rising = _rising([mask for _, _, mask, _ in cleaned])
    if len(cleaned) > 1:
        cleaned = [entry if entry[0].dark else _with_hidden_start(entry, cleaned, rising)
                   for entry in cleaned]  # fmt: skip
    colours = sum(not la.dark for la, *_ in cleaned)
    ranks = _ranks(cleaned, crop.shape[1], outside, warnings)
    out: list[tuple[Track, int, int | None]] = []
    for rank, (layer, width, mask, labels) in zip(ranks, cleaned, strict=True):
        band, alike = False, None
        strength = layer.strength[::-1] if rising else layer.strength
        if rising:
            mask, labels = mask[::-1], labels[::-1]
        parts = [(mask, labels, 1)]
        styled = not layer.dark and _styled(
            raster.legend_styles(layer.mask, mask, width, alone=True), width
        )
        if layer.dark or styled:
            n = _count_lines(raster.column_runs(mask, strength), width, marks=True)
            if n_curves is not None and n_curves > colours:
                n = n_curves - colours
            dash_dot = raster.dash_dot_legend(layer.mask, mask[::-1] if rising else mask, width)
            parts, mask, band, alike = _black_parts(mask, strength, width, n, dash_dot, warnings)
        else:
            band, mask, parts = _colour_parts(mask, strength, width, parts)
        read: list[tuple[Track, int]] = []
        dashed = _longest_dashes([m for m, _, _ in parts[1:]]) + 1
        for k, (mask_k, labels_k, n_k) in enumerate(parts):
            if k == dashed and len(read) >= 1 and raster.is_broken(mask_k):
                mask_k, labels_k = _with_strokes(
                    mask_k, labels_k, _off_curve(parts[0][0], read[0][0], width)
                )
            runs = raster.column_runs(mask_k, strength)
            tracks = follow(runs, labels_k, n_k, width)
            mark_entry(tracks, runs, width)
            _read_by_shape(tracks, alike, width, warnings)
            read += [(t, width) for t in tracks]
        if not layer.dark and len(read) == 1:
            _read_joined_points(read[0][0], mask, width, warnings)
        _under_others(read, layer, cleaned, rising)
        _note_band(read, band, layer.dark)
        _unexplained(mask, read, lone=not layer.dark)
        if (layer.dark or styled) and len(cleaned) == 1 and len(read) > 1 and alike is None:
            ranks_k = _black_ranks(read, layer, cleaned[0][2], rising, warnings)
            out += [(t, w, r) for (t, w), r in zip(read, ranks_k, strict=True)]
        else:
            out += [(t, w, rank) for t, w in read]
    return out, rising


def _cleaned_layers(
    crop: np.ndarray, warnings: list[str]
) -> list[tuple[raster.Layer, int, np.ndarray, np.ndarray]]:
    """Each ink colour's layer with its line width and its curve strokes cleaned (and
    their labels), any hatching in it taken away first (said in ``warnings``)."""
    cleaned = []
    for found in raster.exclusive(raster.find_layers(crop), crop):
        layer, width = found, raster.line_width(found.mask)
        if (bare := hatching.without_hatching(layer.mask, width)) is not None:
            layer, width = dataclasses.replace(layer, mask=bare), raster.line_width(bare)
            warnings.append(_HATCHED)
        mask, labels = raster.clean(layer.mask, width)
        if mask.any():
            cleaned.append((layer, width, mask, labels))
    return cleaned


_HATCHED = (
    "hatching (many parallel thin strokes, a confidence region drawn in black and white) "
    "left out of the curves; check the overlay"
)


_JOINED = (
    "drawn as a line chart, its {n} marked points joined by slanted lines, not "
    "steps: read as the steps through its points (each held until the next point's time, "
    "a Kaplan-Meier table's rows); check the overlay"
)


def _read_joined_points(track: Track, mask: np.ndarray, width: int, warnings: list[str]) -> None:
    """A curve of one colour drawn as a spreadsheet's line chart (markers joined by
    slanted lines, :func:`markers.joined_points`) redrawn as the steps through its
    markers, said in a warning; as it was otherwise."""
    centres = markers.joined_points(track.rows, mask, width)
    if centres is None:
        return
    markers.redraw_points(track.rows, centres)
    track.drop[:] = False
    track.notes.append(_JOINED.format(n=len(centres)))


def _read_by_shape(
    tracks: list[Track], found: list[np.ndarray] | None, width: int, warnings: list[str]
) -> None:
    """Curves told apart by their markers redrawn from each symbol's markers ``found``
    (:func:`markers.restep`), when they can be: no drop is left as followed, and the
    warning says how they were read."""
    if not found or not markers.restep([t.rows for t in tracks], found, 3 * width + 3):
        return
    for t in tracks:
        t.drop[:] = False
    said = _ALIKE.format(n=len(tracks))
    if said in warnings:
        warnings[warnings.index(said)] = _BY_SHAPE.format(n=len(tracks))


def _styled(styles: list[tuple[float, float]], width: int) -> bool:
    """Whether a colour's legend shows two line types or more of it: two samples or more
    (:func:`raster.legend_styles`), a line of text apart (more than three line widths;
    pieces of one curve's edge a few pixels apart are no legend)."""
    rows = np.array([row for row, _ in styles])
    return len(rows) >= 2 and bool(np.diff(rows).min() > 3 * width)


_ALIKE = (
    "{n} curves drawn as the same black line, told apart only by the markers on their "
    "steps: read between the markers, numbered from the top (not by the legend's "
    "markers); where markers crowd, the line under them is guessed; check the overlay"
)
_BY_SHAPE = (
    "{n} curves drawn as the same black line, told apart only by the markers on their "
    "steps: each curve's steps read from the markers of its symbol (a marker wholly "
    "hidden under others is missed), numbered from the top (not by the legend's "
    "markers); check the overlay"
)


def _black_parts(
    mask: np.ndarray, strength: np.ndarray, width: int, n: int, dash_dot: bool,
    warnings: list[str],
) -> tuple[list[tuple[np.ndarray, np.ndarray, int]], np.ndarray, bool, list[np.ndarray] | None]:  # fmt: skip
    """Black ink's curves told apart by line type (:func:`raster.split_by_style`; its
    legend showing a dash-dot line or not, ``dash_dot``), each
    part cleaned: (parts as (mask, labels, curves in it), the ink to account for, whether
    broken lines beside a lone curve were left out as its band, and when the curves are
    one line told apart by markers (:func:`_marked_alike`, said in ``warnings``) each
    symbol's markers found (:func:`markers.find_markers`; none when the symbols are not
    told apart), else None)."""
    parts = _shared(
        [(*raster.clean(m, width, mask if k == 1 else None), k)
         for m, k in raster.split_by_style(mask, n, dash_dot)],
        width,
    )  # fmt: skip
    used = np.logical_or.reduce([m for m, _, _ in parts])
    band = n == 1 and used.sum() < 0.8 * mask.sum()
    mask = used if band else mask
    if n > 1 and len(parts) == 1 and (alike := _marked_alike(mask, width, strength)):
        drawn = raster.without_legend(mask, width)
        symbols = markers.shapes(drawn, width, alike[0][2])
        warnings.append(_ALIKE.format(n=alike[0][2]))
        return [alike[0]], alike[1], band, markers.find_markers(drawn, symbols or [])
    return parts, mask, band, None


def _shared(
    parts: list[tuple[np.ndarray, np.ndarray, int]], width: int
) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Broken curves' parts each with the pieces of the others that continue it through a
    long gap in it (:func:`chained.shared_in_gaps`: its dots hidden under another's
    dashes, or joined to them), each such piece its own in its labels."""
    broken = [i for i, (m, _, k) in enumerate(parts) if k == 1 and raster.is_broken(m)]
    if len(broken) < 2:
        return parts
    extra = chained.shared_in_gaps([parts[i][0] for i in broken], width)
    out = list(parts)
    for i, more in zip(broken, extra, strict=True):
        if more.any():
            out[i] = (*_with_strokes(parts[i][0], parts[i][1], more), 1)
    return out


def _marked_alike(
    mask: np.ndarray, width: int, strength: np.ndarray
) -> tuple[tuple[np.ndarray, np.ndarray, int], np.ndarray] | None:
    """Black curves drawn as one line with markers on their steps
    (:mod:`~analysis.published.digitize_markers`), all one stroke: ((the strokes without
    the markers, their labels joined through the markers, how many lines), the strokes
    without the markers), or None when there are no markers or one line between them."""
    found = markers.cut_markers(raster.without_legend(mask, width), width)
    if found is None:
        return None
    lines = _count_lines(raster.column_runs(found.bare, strength), width)
    if lines < 2:
        return None
    kept, labels = raster.clean(found.bare | (mask & found.cover), width)
    kept &= ~found.cover
    return (kept, np.where(kept, labels, 0), lines), found.bare


def _black_ranks(
    read: list[tuple[Track, int]], layer: raster.Layer, kept: np.ndarray, rising: bool,
    warnings: list[str],
) -> list[int | None]:  # fmt: skip
    """Black curves' places in the legend by line type (:func:`_style_ranks`), the ink
    measured as the tracks run (turned upside down when the curves climb); a warning
    when the legend shows samples but they cannot be matched (fewer or more than the
    curves, or too alike to tell apart)."""
    width = read[0][1]
    styles = raster.legend_styles(layer.mask, kept, width)
    drawn = kept[::-1] if rising else kept
    ranks = _style_ranks([t for t, _ in read], styles, drawn, width)
    if len(styles) == len(read) and all(r is None for r in ranks):
        dashes = raster.sample_dashes(layer.mask, kept, width)
        ranks = _pattern_ranks([t for t, _ in read], dashes, drawn, width)
    if len(styles) >= 2 and all(r is None for r in ranks):
        warnings.append(
            f"the legend shows {len(styles)} black line types for {len(read)} curves, or "
            "inked too alike to tell which curve each is: the curves are not numbered in "
            "the legend's order; check the overlay"
        )
    return ranks


def _under_others(
    read: list[tuple[Track, int]], layer: raster.Layer,
    cleaned: list[tuple[raster.Layer, int, np.ndarray, np.ndarray]], rising: bool,
) -> None:  # fmt: skip
    """Each curve of a colour with its drops ending under the other colours' lines taken
    down to them (:func:`land_hidden_drops`)."""
    if len(cleaned) < 2:
        return
    cover = np.logical_or.reduce([la.mask for la, *_ in cleaned if la is not layer])
    for t, width in read:
        land_hidden_drops(t, cover[::-1] if rising else cover, width)


def _note_band(read: list[tuple[Track, int]], band: bool, dark: bool) -> None:
    """The note on a curve read apart from the broken lines beside it (its band)."""
    if band and read:
        lines = "black lines" if dark else "lines of its colour"
        read[0][0].notes.append(
            f"the broken (dashed or dotted) {lines} beside it were left out, taken "
            "as its confidence band"
        )


def _banded_colour(mask: np.ndarray, strength: np.ndarray, width: int) -> np.ndarray | None:
    """A colour's solid curve apart from its confidence band drawn in broken lines of the
    same colour (R's ``conf.int`` lines, blurred in a scan so their dashes join), when
    its columns mostly hold three lines: the widest stroke, reaching across 30% of the
    plot, with the pieces of the colour wholly left of it (where curve and band start
    together); ``None`` when the colour is one curve."""
    if _count_lines(raster.column_runs(mask, strength), width) < 3:
        return None
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    slices = [sl for sl in ndimage.find_objects(labels) if sl is not None]
    spans = [sl[1].stop - sl[1].start for sl in slices]
    if not spans or max(spans) < 0.3 * mask.shape[1]:
        return None
    widest = int(np.argmax(spans))
    solid = labels == widest + 1
    if solid.sum() >= 0.8 * mask.sum():
        return None
    for sign in (-1, 1):
        solid |= _chain(labels, solid, sign, 2 * width + 2)
    return solid


def _chain(labels: np.ndarray, solid: np.ndarray, sign: int, tol: int) -> np.ndarray:
    """The pieces continuing a falling curve's stroke left (``sign`` -1: each ending
    left of it, no lower than where it starts) or right (+1: starting right of it, no
    higher than where it ends), taken one after another, each the nearest such piece
    to the end reached (a curve broken where other curves cross it)."""
    out = np.zeros(labels.shape, dtype=bool)
    ends = {}
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        own = labels[sl] == i
        cols = np.nonzero(own.any(axis=0))[0]
        first, last = int(cols[0]), int(cols[-1])
        ends[i] = (sl[1].start + first, float(np.nonzero(own[:, first])[0].mean()) + sl[0].start,
                   sl[1].start + last, float(np.nonzero(own[:, last])[0].mean()) + sl[0].start)  # fmt: skip
    cols = np.nonzero(solid.any(axis=0))[0]
    c = int(cols[0] if sign < 0 else cols[-1])
    row = float(np.nonzero(solid[:, c])[0].mean())
    used = set(np.unique(labels[solid]).tolist())
    while True:
        best = None
        for i, (c0, r0, c1, r1) in ends.items():
            if i in used:
                continue
            if sign < 0 and c1 < c and r1 <= row + tol:
                d = float(np.hypot(c - c1, row - r1))
            elif sign > 0 and c0 > c and r0 >= row - tol:
                d = float(np.hypot(c0 - c, r0 - row))
            else:
                continue
            if best is None or d < best[0]:
                best = (d, i)
        if best is None:
            return out
        i = best[1]
        used.add(i)
        out |= labels == i
        c0, r0, c1, r1 = ends[i]
        c, row = (c0, r0) if sign < 0 else (c1, r1)


def _longest_dashes(masks: list[np.ndarray]) -> int:
    """Which of the broken curves' inks has the longest pieces (dashes rather than
    dots; their strokes lying off a solid curve go to it), or -2 when there is none."""
    if not masks:
        return -2
    lengths = []
    for m in masks:
        slices = ndimage.find_objects(ndimage.label(m, structure=np.ones((3, 3), bool))[0])
        spans = [sl[1].stop - sl[1].start for sl in slices if sl is not None]
        lengths.append(float(np.median(spans)) if spans else 0.0)
    return int(np.argmax(lengths))


def _ranks(
    cleaned: list[tuple[raster.Layer, int, np.ndarray, np.ndarray]], width: int,
    outside: np.ndarray | None, warnings: list[str],
) -> list[int | None]:  # fmt: skip
    """Each colour's place in a legend inside the plot, else in one beside it; a warning
    when a legend shows samples of some colours but their order cannot be told (a sample
    not found, or two in one place)."""
    dark = [la.dark for la, *_ in cleaned]
    samples = [raster.legend_sample(la.mask, m, w) for la, w, m, _ in cleaned]
    ranks = _legend_ranks(samples, dark, width)
    if outside is not None and all(r is None for r in ranks):
        inks = raster.inks_of(outside, [la for la, *_ in cleaned])
        beside = [raster.legend_sample(ink, np.zeros(0, bool), w)
                  for ink, (_, w, *_) in zip(inks, cleaned, strict=True)]  # fmt: skip
        ranks = _legend_ranks(beside, dark, width, by_row=True)
        if all(r is None for r in ranks):
            ranks = _colour_and_black_ranks(inks, beside, cleaned, dark, width)
        if all(r is None for r in ranks) and not any(samples) and not any(beside):
            ranks = _word_ranks(inks, dark, outside.shape, warnings)
        if all(r is None for r in ranks) and not any(samples):
            samples = beside
        placed = [s for s, r in zip(beside, ranks, strict=True) if s is not None and r is not None]
        ys, xs = [s[0] for s in placed], [s[1] for s in placed]
        if len(placed) >= 3 and legend_grid(ys, xs, 0.01 * width, 0.05 * width):
            warnings.append(_ROW_BY_ROW)
    colours = [s for s, d in zip(samples, dark, strict=True) if not d]
    if len(colours) >= 2 and any(colours) and all(r is None for r in ranks):
        warnings.append(
            f"the legend shows samples of {sum(s is not None for s in colours)} of "
            f"{len(colours)} curve colours, or not in one column or row: the curves' order "
            "cannot be told from it, and they are numbered from the top at the start; check "
            "the overlay"
        )
    return ranks


def _colour_and_black_ranks(
    inks: list[np.ndarray], beside: list[tuple[float, float] | None],
    cleaned: list[tuple[raster.Layer, int, np.ndarray, np.ndarray]], dark: list[bool],
    width: int,
) -> list[int | None]:  # fmt: skip
    """One colour curve and one black curve with a legend beside the plot (a Prism or
    GraphPad two-group graph): each curve's place in it, when the colour's one sample
    and one stroke of black ink stand in one column (centres within 1% of the plot's
    width) at different rows. The black ink outside the plot holds axis labels and words
    too, some of whose strokes pass for samples: the black sample is the one in the
    colour's column; else none."""
    none: list[int | None] = [None] * len(beside)
    if len(beside) != 2 or sorted(dark) != [False, True]:
        return none
    colour, black = (0, 1) if dark[1] else (1, 0)
    sample = beside[colour]
    if sample is None:
        return none
    line = cleaned[black][1]
    found = raster.legend_samples(inks[black], np.zeros(0, bool), line)
    near = [f for f in found if abs(f[1] - sample[1]) <= 0.01 * width
            and abs(f[0] - sample[0]) > 2 * line]  # fmt: skip
    if len(near) != 1:
        return none
    ranks = none.copy()
    ranks[colour], ranks[black] = (0, 1) if sample[0] < near[0][0] else (1, 0)
    return ranks


_WORD_ORDER = (
    "no legend sample was found: the curves are numbered as words in their colours stand "
    "outside the plot, one line each, top to bottom in one column (an at-risk table's row "
    "names, or a legend of coloured names); check the overlay"
)


def _word_ranks(
    inks: list[np.ndarray], dark: list[bool], shape: tuple[int, ...], warnings: list[str]
) -> list[int | None]:
    """Each colour's place when its ink outside the plot (``inks``, in a figure of
    ``shape``) is words on one line of text (three glyphs or more, each small), the colours' lines one under another and
    starting in one column (within 1% of the figure's width): an at-risk table's row
    names coloured like the curves; none for black ink, and none at all otherwise."""
    lines: list[tuple[float, float, float]] = []  # top, bottom, left
    for ink, d in zip(inks, dark, strict=True):
        if d:
            continue
        labels, n = ndimage.label(ink, structure=np.ones((3, 3), bool))
        sizes = ndimage.sum(ink, labels, range(1, n + 1))
        boxes = [b for b, z in zip(ndimage.find_objects(labels), sizes, strict=True)
                 if b is not None and z >= 10]  # fmt: skip
        if len(boxes) < 3 or any(
            b[0].stop - b[0].start > 0.05 * shape[0] or b[1].stop - b[1].start > 0.05 * shape[1]
            for b in boxes
        ):
            return [None] * len(inks)  # not three glyphs or more (a thick curve's end)
        top, bottom = min(b[0].start for b in boxes), max(b[0].stop for b in boxes)
        tallest = max(b[0].stop - b[0].start for b in boxes)
        if bottom - top > 1.5 * tallest or bottom - top > 0.05 * shape[0]:
            return [None] * len(inks)  # not one line of text
        lines.append((top, bottom, min(b[1].start for b in boxes)))
    if len(lines) < 2 or np.ptp([left for *_, left in lines]) > 0.01 * shape[1]:
        return [None] * len(inks)
    order = sorted(lines)
    if any(a[1] > b[0] for a, b in itertools.pairwise(order)):
        return [None] * len(inks)  # lines overlapping
    place = iter(int(r) for r in np.argsort(np.argsort([top for top, *_ in lines])))
    warnings.append(_WORD_ORDER)
    return [None if d else next(place) for d in dark]


def _with_hidden_start(
    entry: tuple[raster.Layer, int, np.ndarray, np.ndarray],
    cleaned: list[tuple[raster.Layer, int, np.ndarray, np.ndarray]], rising: bool,
) -> tuple[raster.Layer, int, np.ndarray, np.ndarray]:  # fmt: skip
    """A colour's curve with the short pieces of its start kept where they lead into it
    through the ink of the other colours' curves (its start drawn under theirs, broken by
    them into pieces too short to pass for a curve on their own)."""
    layer, width, _, _ = entry
    ink = np.logical_or.reduce([la.mask for la, *_ in cleaned])
    if rising:  # the pieces lead down into a falling curve's start: turn a rising one
        mask, labels = raster.clean(layer.mask[::-1], width, ink[::-1], leads_only=True)
        return layer, width, mask[::-1], labels[::-1]
    mask, labels = raster.clean(layer.mask, width, ink, leads_only=True)
    return layer, width, mask, labels


def _off_curve(mask: np.ndarray, track: Track, width: int) -> np.ndarray:
    """The horizontal strokes (dashes: longer than two line widths, a line thick) of a
    solid curve's drawing lying below the curve followed in it, off its line: another
    curve's, joined to this one's line by censor marks where the two run a few pixels
    apart. (A stroke above it is left: it may be the curve's own line, the curve followed
    having taken a lower one.)"""
    changes, levels, _ = corners(track, width)
    seen = np.nonzero(np.isfinite(track.rows))[0]
    if len(levels) == 0:
        return np.zeros(mask.shape, dtype=bool)
    near = np.zeros(mask.shape, dtype=bool)
    cols = np.arange(seen[0], seen[-1] + 1)
    rows = levels[np.searchsorted(changes, cols, side="right")]
    for c, row in zip(cols.tolist(), rows.tolist(), strict=True):
        near[max(round(row) - width, 0) : round(row) + width + 1, c] = True
    for c, (upper, lower) in zip(
        changes.tolist(), itertools.pairwise(levels.tolist()), strict=False
    ):
        near[
            max(int(upper) - width, 0) : int(lower) + width + 1,
            max(int(c) - width - 1, 0) : int(c) + width + 2,
        ] = True
    flat = np.zeros(mask.shape, dtype=bool)  # in a vertical run no taller than a line
    for c, a, b in zip(*raster._runs(mask.T), strict=True):
        flat[a:b, c] = b - a <= width + 2
    labels, _ = ndimage.label(mask & flat & ~near, structure=np.ones((3, 3), bool))
    out = np.zeros(mask.shape, dtype=bool)
    line = np.full(mask.shape[1], np.nan)
    line[cols] = rows
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None or sl[1].stop - sl[1].start < 2 * width + 1:
            continue
        under = line[sl[1]]  # below the curve followed: a piece above it may be its own line
        flat_piece = sl[0].stop - sl[0].start <= width + 2
        if flat_piece and np.all(np.isfinite(under)) and np.all(under < sl[0].start):
            out[sl] |= labels[sl] == i
    return out


def _with_strokes(
    mask: np.ndarray, labels: np.ndarray, extra: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A broken curve's ink and its pieces' labels with ``extra`` strokes added, each
    its own piece; none left of the curve's first column (where it starts hidden under
    another curve is decided from its own pieces)."""
    if not extra.any() or not mask.any():
        return mask, labels
    extra = extra.copy()
    extra[:, : int(np.nonzero(mask.any(axis=0))[0][0])] = False  # nothing before its start
    new, _ = ndimage.label(extra & ~mask, structure=np.ones((3, 3), bool))
    return mask | extra, np.where(new > 0, new + labels.max(), labels)


def _style_ranks(
    tracks: list[Track], styles: list[tuple[float, float]], mask: np.ndarray, width: int
) -> list[int | None]:
    """Black curves' places in a legend of line samples: the curve drawn with the most
    ink along its plateaus (solid) takes the sample with the most (solid), and so on,
    when there are as many samples as curves and their inking differs clearly."""
    if len(styles) != len(tracks):
        return [None] * len(tracks)
    inked = [_inked(t, mask, width) for t in tracks]
    sample_share = np.array([share for _, share in styles])
    if np.min(np.diff(np.sort(sample_share))) < 0.1:
        return [None] * len(tracks)
    by_ink = np.argsort(inked)[::-1]  # tracks, most inked first
    by_sample = np.argsort(sample_share)[::-1]  # sample ranks (top to bottom), most inked first
    ranks: list[int | None] = [None] * len(tracks)
    for track_i, sample_i in zip(by_ink, by_sample, strict=True):
        ranks[int(track_i)] = int(sample_i)
    return ranks


def _pattern_ranks(
    tracks: list[Track], samples: list[list[int]], mask: np.ndarray, width: int
) -> list[int | None]:
    """Black curves' places in a legend by their dash patterns, where their inking is too
    alike (a dashed curve with dense censor ticks looks as inked as a dash-dot one): the
    solid sample (one piece) takes the curve showing no dashes, the others go to the
    curves whose dash lengths match theirs best (one to one, at least cost), each within
    a third of a log unit; else none."""
    from scipy.optimize import linear_sum_assignment

    none: list[int | None] = [None] * len(tracks)
    found = []
    for t in tracks:
        seen = np.nonzero(np.isfinite(t.rows))[0]
        changes, levels, _ = corners(t, width)
        if len(seen) == 0 or len(levels) == 0:
            return none
        cols = np.arange(seen[0], seen[-1] + 1)
        rows = levels[np.searchsorted(changes, cols, side="right")].round().astype(int)
        found.append(chained.dashes_along(mask, cols, rows, width))
    solid_t = [i for i, d in enumerate(found) if len(d) < 3]
    solid_s = [j for j, d in enumerate(samples) if len(d) == 1]
    broken_t = [i for i in range(len(tracks)) if i not in solid_t]
    broken_s = [j for j in range(len(samples)) if j not in solid_s]
    if len(solid_t) != len(solid_s) or len(solid_t) > 1 or len(broken_t) != len(broken_s):
        return none
    cost = np.array([[chained.pattern_cost(found[i], samples[j]) for j in broken_s]
                     for i in broken_t])  # fmt: skip
    rows_i, cols_j = linear_sum_assignment(np.where(np.isfinite(cost), cost, 1e6))
    if len(broken_t) and cost[rows_i, cols_j].max() > 1 / 3:
        return none
    ranks = list(none)
    for i, j in zip(solid_t, solid_s, strict=True):
        ranks[i] = j
    for a, b in zip(rows_i.tolist(), cols_j.tolist(), strict=True):
        ranks[broken_t[a]] = broken_s[b]
    return ranks


def _inked(track: Track, mask: np.ndarray, width: int) -> float:
    """The share of a followed curve's columns with ink at its plateau's row."""
    changes, levels, _ = corners(track, width)
    seen = np.nonzero(np.isfinite(track.rows))[0]
    if len(levels) == 0:
        return 0.0
    cols = np.arange(seen[0], seen[-1] + 1)
    rows = levels[np.searchsorted(changes, cols, side="right")].round().astype(int)
    hits = np.zeros(len(cols), dtype=bool)
    for d in range(-width, width + 1):
        r = np.clip(rows + d, 0, mask.shape[0] - 1)
        hits |= mask[r, cols]
    return float(hits.mean())


def _legend_ranks(
    samples: list[tuple[float, float] | None], dark: list[bool], width: int,
    *, by_row: bool = False,
) -> list[int | None]:  # fmt: skip
    """Each colour's place in the legend (0 first), when every colour has one sample in a
    column of samples (top to bottom) or in a row of them (left to right), or in a grid
    (column by column, or row by row if ``by_row``: :func:`legend_order`); else none.
    Black ink gets a place only when its one sample stands in line with the colours' (in
    their column or their row, at their step: :func:`_in_line`); else none (a black curve
    among colours, or a legend's title left in the plot: the curves keep the legend's
    order only if no black curve is read)."""
    colours = [s for s, d in zip(samples, dark, strict=True) if not d]
    if len(colours) < 2 or any(s is None for s in colours):
        return [None] * len(samples)
    blacks = [s for s, d in zip(samples, dark, strict=True) if d]
    if len(blacks) == 1 and blacks[0] is not None and _in_line([*colours, blacks[0]], width):
        ranks = legend_order([s[0] for s in samples if s is not None],
                             [s[1] for s in samples if s is not None],
                             0.01 * width, 0.05 * width, by_row=by_row)  # fmt: skip
        if ranks is not None:
            return [int(r) for r in ranks]
    rows = [s[0] for s in colours if s is not None]
    cols = [s[1] for s in colours if s is not None]
    ranks = legend_order(rows, cols, 0.01 * width, 0.05 * width, by_row=by_row)
    if ranks is None:
        return [None] * len(samples)
    order = iter(ranks)
    return [None if d else int(next(order)) for d in dark]


def _in_line(samples: Sequence[tuple[float, float] | None], width: int) -> bool:
    """Whether legend samples stand in one column (centres within 5% of the plot's width)
    or one row (within 1%), evenly spaced along it (each step within a quarter of the
    middle one)."""
    points = np.asarray([s for s in samples if s is not None], dtype=float)
    for along, across, tol in ((0, 1, 0.05), (1, 0, 0.01)):
        if np.ptp(points[:, across]) > tol * width:
            continue
        steps = np.diff(np.sort(points[:, along]))
        middle = float(np.median(steps))
        return middle > 0 and bool(np.all(np.abs(steps - middle) <= 0.25 * middle))
    return False


_ROW_BY_ROW = (
    "the legend outside the plot stands in rows and columns: its entries are read row by "
    "row, as Stata and SAS fill a legend below a plot (matplotlib's and R's fill it column "
    "by column); check the overlay"
)


def legend_order(
    ys: Sequence[float], xs: Sequence[float], row_gap: float, col_gap: float,
    *, by_row: bool = False,
) -> list[int] | None:  # fmt: skip
    """Each legend sample's place (0 first) from where it stands: a column of samples top
    to bottom, a row of them left to right, and a grid of them column by column, as
    matplotlib (``ncol``), R's ``legend(ncol=)`` and ggplot2's ``guide_legend`` fill one
    inside a plot, or row by row (``by_row``), as Stata's ``sts graph`` and SAS's
    ``PROC LIFETEST`` fill their legend below the plot; ``None`` when the samples stand
    in no such order (two in one place)."""
    row = _bands(ys, row_gap)
    col = _bands(xs, col_gap)
    if len(set(zip(row, col, strict=True))) < len(ys):
        return None
    keys = (np.asarray(col), np.asarray(row)) if by_row else (np.asarray(row), np.asarray(col))
    order = np.lexsort(keys)
    return [int(r) for r in np.argsort(order)]


def legend_grid(ys: Sequence[float], xs: Sequence[float], row_gap: float, col_gap: float) -> bool:
    """Whether legend samples stand in two rows or more and two columns or more (a grid,
    whose order depends on how it was filled: :func:`legend_order`)."""
    return len(set(_bands(ys, row_gap))) >= 2 and len(set(_bands(xs, col_gap))) >= 2


def _bands(values: Sequence[float], gap: float) -> list[int]:
    """Each value's band: values closer than ``gap`` to the next one share a band."""
    ranked = np.argsort(values, kind="stable")
    band, out, last = 0, [0] * len(values), None
    for i in ranked:
        if last is not None and values[i] - last > gap:
            band += 1
        out[i], last = band, values[i]
    return out


def _colour_parts(
    mask: np.ndarray, strength: np.ndarray, width: int,
    parts: list[tuple[np.ndarray, np.ndarray, int]],
) -> tuple[bool, np.ndarray, list[tuple[np.ndarray, np.ndarray, int]]]:  # fmt: skip
    """A colour's curve apart from its band drawn in broken lines of its colour
    (:func:`_banded_colour`), or with its bands of crowded markers drawn as a line
    (:func:`markers.thinned_bands`), else as it is (``parts``): (whether a band was left
    out, the ink to account for, the parts to follow)."""
    if (solid := _banded_colour(mask, strength, width)) is not None:
        return True, solid, [(*raster.clean(solid, width), 1)]
    if (thinned := markers.thinned_bands(mask, width)) is not None:
        return False, mask, [(*raster.clean(thinned, width), 1)]
    return False, mask, parts


def _unexplained(mask: np.ndarray, read: list[tuple[Track, int]], lone: bool = False) -> None:
    """A doubt on each curve of an ink when much of that ink lies off every curve read;
    on a ``lone`` curve of its colour (not black), where it was not seen while its ink
    ran on below (:func:`_below_unseen`)."""
    covered = np.zeros(mask.shape, dtype=bool)
    for track, width in read:
        covered |= painted(track, width, mask.shape)
    share = 1 - (mask & covered).sum() / max(mask.sum(), 1)
    if share > 0.2:
        for track, _ in read:
            track.notes.append(
                f"{share:.0%} of the strokes drawn like it lie off every curve read: a curve "
                "may be missed or two mixed up (or a confidence band drawn in dashes read as "
                "curves: give --curves); check the overlay"
            )
    if lone and len(read) == 1:
        _below_unseen(read[0][0], mask, read[0][1])


def _below_unseen(track: Track, mask: np.ndarray, width: int) -> None:
    """A doubt on a lone curve of its colour that was not seen over a stretch (longer
    than four line widths and 2% of the plot) where its ink runs on below the row held:
    the curve went on there in a shape not followed (a band of markers crowding its
    steps, or coming out from under another curve lower down), and its level there
    is a guess."""
    seen = np.isfinite(track.rows)
    if not seen.any():
        return
    held = pd.Series(track.rows).ffill().to_numpy()
    cols = np.arange(mask.shape[1])
    least = max(4 * (width + 2), 0.02 * mask.shape[1])
    gaps, n = ndimage.label(~seen & (cols > np.argmax(seen)))
    for sl in ndimage.find_objects(gaps)[:n]:
        a, b = sl[0].start, sl[0].stop
        if b - a < least or b >= mask.shape[1]:
            continue
        level = int(held[a]) + width + 2
        below = mask[level:, a:b].any(axis=0) & ~mask[: max(level - 2 * width - 3, 0), a:b].any(
            axis=0
        )
        if below.mean() >= 0.8:
            track.unseen_below.append((a, b))


def _unseen_below_notes(scale: _Scale, track: Track, left: int) -> list[str]:
    """The warnings for the stretches of :func:`_below_unseen`, in the axis's times."""
    out = []
    for a, b in track.unseen_below:
        went, back = (float(t) for t in scale.time(np.array([a, b]) + left))
        out.append(
            f"not followed from {went:.4g} to {back:.4g}, where its colour's ink runs on "
            "below the level held (a band of markers crowding its steps, or its line coming "
            "out from under another curve lower down): its values there are a guess; check "
            "the overlay"
        )
    return out


def _count_lines(runs: list[list[tuple[int, int, float]]], width: int, marks: bool = False) -> int:
    """How many lines one ink draws: the number of thin runs in a column that 10% of the
    columns reach; with ``marks``, or runs as tall as a censor tick across a line (black
    curves with dense ticks show few thin columns; a drop's longer runs are left out)
    that 15% of the columns reach."""
    runs = [_dots_joined(col, width) for col in runs]
    counts = np.array([sum(b - a + 1 <= width + 2 for a, b, _ in col) for col in runs if col])
    if len(counts) == 0:
        return 0
    n = np.quantile(counts, 0.9)
    if marks:
        ticked = [sum(b - a + 1 <= 8 * width for a, b, _ in col) for col in runs if col]
        n = max(n, np.quantile(ticked, 0.85))
    return int(min(max(n, 1), 6))


def _dots_joined(col: list[tuple[int, int, float]], width: int) -> list[tuple[int, int, float]]:
    """A column's runs with a dotted curve's drop taken as one line: three or more thin
    runs one above the other, each within two line widths of the next, joined (one run
    from the first's top to the last's bottom)."""
    out: list[tuple[int, int, float]] = []
    stack: list[tuple[int, int, float]] = []
    for run in [*col, None]:
        thin = run is not None and run[1] - run[0] + 1 <= width + 2
        if thin and run is not None and stack and run[0] - stack[-1][1] - 1 <= 2 * width:
            stack.append(run)
            continue
        if len(stack) >= 3:
            out.append((stack[0][0], stack[-1][1], max(r[2] for r in stack)))
        else:
            out += stack
        stack = []
        if thin and run is not None:
            stack = [run]
        elif run is not None:
            out.append(run)
    return out


def _rising(masks: list[np.ndarray]) -> bool:
    """Whether the curves climb: their ink lower at their left end than at their right."""
    climbs = 0
    for mask in masks:
        rows, cols = np.nonzero(mask)
        lo, hi = cols.min(), cols.max()
        span = max((hi - lo) // 10, 1)
        left, right = rows[cols <= lo + span], rows[cols >= hi - span]
        climbs += int(np.median(left) > np.median(right) + 0.02 * mask.shape[0])
    return climbs > len(masks) / 2


def _result(
    read: list[tuple[np.ndarray, np.ndarray, list[str]]], scale: _Scale,
    x_range: tuple[float, float] | None, y_range: tuple[float, float] | None,
    n_curves: int | None, warnings: list[str], rising: bool, image: np.ndarray | None,
    source: str = "raster", at_risk: pd.DataFrame | None = None,
    ranks: list[int | None] | None = None, hidden_reach: float = 0.0,
    entries: list[float] | None = None,
) -> DigitizedFigure:  # fmt: skip
    measure = "incidence" if rising else "survival"
    span = scale.x_val[1] - scale.x_val[0]
    steps = []
    for i, (times, levels, notes) in enumerate(read):
        t = times.copy()
        levels = np.clip(levels, 0.0, 1.0)
        start = 0.0 if rising else 1.0
        near_start = 0 <= t[0] < 0.03 * span and abs(levels[0] - start) <= 0.03
        if scale.x_val[0] <= 0 and near_start and not _seen_under(read, i, start):
            t[0] = 0.0
        steps.append((t, levels, notes))
    pixel = abs((scale.y_val[1] - scale.y_val[0]) / (scale.y_px[1] - scale.y_px[0]))
    steps = _hidden_starts(steps, rising, scale.x_val[0] <= 0, min(0.005, 3 * pixel),
                           hidden_reach, entries)  # fmt: skip
    if ranks and None not in ranks and len(set(ranks)) == len(steps):
        steps = [steps[i] for i in np.argsort(np.asarray(ranks, dtype=int))]  # legend order
    else:
        steps.sort(key=functools.cmp_to_key(_higher_first))
        if ranks and any(r is not None for r in ranks) and len(steps) > 1:
            warnings.append(
                "the legend's order is known for some curves only (a curve without its own "
                "sample in line with the others'): the curves are numbered from the top at "
                "the start, not by the legend; check the overlay"
            )
    frames = []
    for k, (t, levels, notes) in enumerate(steps, start=1):
        frames.append(_corner_rows(k, t, levels, measure))
        start = 0.0 if rising else 1.0
        if abs(levels[0] - start) > 0.03:
            notes = [*notes, f"it starts at {levels[0]:.3f}, not {start:g}: check the y range"]
        if len(levels) == 1:
            notes = [*notes, "it has no step (a reference line, or a curve without events?)"]
        warnings += [f"curve {k}: {note}" for note in notes]
    if n_curves is not None and len(steps) != n_curves:
        warnings.append(f"{len(steps)} curve(s) read where {n_curves} were expected")
    curves = pd.concat(frames, ignore_index=True) if frames else _empty(measure)
    ticks = (scale.x_px[0], scale.x_px[1], scale.y_px[0], scale.y_px[1])
    return DigitizedFigure(
        curves, measure, scale.x_val, scale.y_val, x_range is not None and y_range is not None,
        tuple(warnings), source, at_risk, image, ticks, log_axes=scale.log,
    )  # fmt: skip


def _seen_under(read: list[tuple[np.ndarray, np.ndarray, list[str]]], i: int, start: float) -> bool:
    """Whether curve ``i``, first seen a little after 0 a little off its start value, was
    hidden until then under another curve: one seen from before it, still at its start
    value (within 0.005) where curve ``i`` appears, beyond it (above a falling curve,
    below a rising one). Its start is then not stretched back to 0 at the level first
    seen (a thick line at 100% hides a curve's first small steps under it), but left to
    follow the curve it was under (:func:`_hidden_starts`)."""
    times, levels, _ = read[i]
    sign = 1.0 if start == 1.0 else -1.0
    for j, (u, v, _) in enumerate(read):
        if j == i or u[0] >= times[0]:
            continue
        before = float(
            np.clip(v, 0.0, 1.0)[
                np.clip(np.searchsorted(u, times[0], side="right") - 1, 0, len(v) - 1)
            ]
        )
        if abs(before - start) <= 0.005 and sign * (before - levels[0]) > 0:
            return True
    return False


def _hidden_starts(
    steps: list[tuple[np.ndarray, np.ndarray, list[str]]], rising: bool, from_zero: bool,
    tol: float = 0.005, reach: float = 0.0, entries: Sequence[float] | None = None,
) -> list[tuple[np.ndarray, np.ndarray, list[str]]]:  # fmt: skip
    """Curves first seen after time 0 away from their start (1, or 0 when rising) were
    hidden under another curve: before they appear they follow the curve they were under
    (the one nearest above them just before, below when rising, no more than ``tol``
    below: a few pixels; else the nearest below within ``reach``, given where the start
    value stands clear of the frame, so that a curve could not have run hidden along it:
    a blurred line hides a curve further off), else they start at their start value and
    step where they appear. A curve whose ink begins with a drop (``entries``: the value
    at its top, NaN when not) was under the curve that drop leaves, when one runs there. Either way a warning says so. Curves are taken in the order they appear, so
    a curve hidden under one itself hidden follows that one's start as taken."""
    start = 0.0 if rising else 1.0
    sign = -1.0 if rising else 1.0
    out = list(steps)
    for i in sorted(range(len(steps)), key=lambda k: steps[k][0][0]):
        t, levels, notes = steps[i]
        if from_zero and t[0] > 0 and abs(levels[0] - start) <= 0.01:
            # first seen at its start, after 0 (drawn along the axis or the frame): every
            # curve starts at its start value at time 0
            out[i] = (np.concatenate([[0.0], t]), np.concatenate([[start], levels]), notes)
            continue
        if not (from_zero and t[0] > 0):
            continue
        hosts = []
        for j, (u, v, _) in enumerate(out):
            if j == i or steps[j][0][0] >= t[0]:
                continue
            before = v[np.clip(np.searchsorted(u[1:-1], t[0], side="left"), 0, len(v) - 1)]
            hosts.append((sign * (before - levels[0]), j))
        near = [h for h in hosts if h[0] >= -tol]
        entry = entries[i] if entries is not None else np.nan
        if np.isfinite(entry) and hosts:  # the curve its first drop leaves
            dist, host = min((abs(sign * d + levels[0] - entry), j) for d, j in hosts)
            near = [(0.0, host)] if dist <= 3 * tol else near
        # none within a few pixels: the nearest below within reach (a blurred line hides more)
        below = [(-d, j) for d, j in hosts if -reach <= d < -tol]
        if near or below:
            u, v, _ = out[min(near or below)[1]]
            keep = u[1:-1] < t[0]
            cut_t = np.concatenate([[0.0], u[1:-1][keep]])
            cut_v = v[: len(cut_t)]
            cut_v = np.maximum(cut_v, levels[0]) if not rising else np.minimum(cut_v, levels[0])
            note = (f"hidden before {t[0]:.4g} (under another curve): taken to follow the "
                    "curve it was under until then")  # fmt: skip
        else:
            cut_t, cut_v = np.array([0.0]), np.array([start])
            note = (f"hidden before {t[0]:.4g} (under another curve?): taken to start at "
                    f"{start:g} at 0 and to step at {t[0]:.4g}")  # fmt: skip
        out[i] = (np.concatenate([cut_t, t]), np.concatenate([cut_v, levels]), [*notes, note])
    return out


def _higher_first(
    a: tuple[np.ndarray, np.ndarray, list[str]], b: tuple[np.ndarray, np.ndarray, list[str]]
) -> int:
    """Curves ordered top to bottom at the start: by height at the first time they part."""
    end = min(a[0][-1], b[0][-1])
    grid = np.linspace(max(a[0][0], b[0][0]), end, 400)
    va = a[1][np.clip(np.searchsorted(a[0][1:-1], grid, side="right"), 0, len(a[1]) - 1)]
    vb = b[1][np.clip(np.searchsorted(b[0][1:-1], grid, side="right"), 0, len(b[1]) - 1)]
    early = grid <= grid[0] + 0.25 * (grid[-1] - grid[0])
    mean = float(np.mean(va[early] - vb[early]))
    if abs(mean) > 0.002:
        return -1 if mean > 0 else 1
    apart = np.nonzero(np.abs(va - vb) > 0.005)[0]
    if len(apart) == 0:
        return 0
    return -1 if va[apart[0]] > vb[apart[0]] else 1


def _corner_rows(k: int, times: np.ndarray, levels: np.ndarray, measure: str) -> pd.DataFrame:
    """(first time, first level), then both corners of each step, then the end."""
    changes = times[1:-1]
    t = np.concatenate([[times[0]], np.repeat(changes, 2), [times[-1]]])
    v = np.concatenate([[levels[0]], np.column_stack([levels[:-1], levels[1:]]).ravel(),
                        [levels[-1]]])  # fmt: skip
    # a corner a hair left of the origin (within 1% of the span) is the pixel grid's, not data
    span = float(times[-1] - times[0]) if len(times) > 1 else 0.0
    t = np.where((t < 0) & (t > -0.01 * span), 0.0, t)
    return pd.DataFrame({"curve": k, "time": t, measure: v})


def _empty(measure: str) -> pd.DataFrame:
    return pd.DataFrame({"curve": pd.Series(dtype=int), "time": pd.Series(dtype=float),
                         measure: pd.Series(dtype=float)})  # fmt: skip
