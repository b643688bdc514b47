"""An inset: a second, smaller plot drawn inside a plot (NEJM's and the Lancet's
cumulative incidence figures redraw the curves near the floor on a zoomed axis in a
corner of the main plot), with its own axes, tick marks, tick labels and curves, none of
which belong to the main plot.

An inset is a plot frame inside the plot's area (an x and a y axis line meeting at
their lower left corner, as :mod:`analysis.published.digitize_panels` finds plots on an
image) with short tick marks outside both of its axes, three or more evenly spaced on
each and none crossing the axis line. A curve's drop onto a long flat tail also meets
at such a corner, but nothing ticks it evenly on both sides (a censor mark crosses the
line); a legend's box carries no ticks. The inset's area, its tick labels in, is blanked
before the curves are looked for, and taken as an opaque box: a main curve running in
under it is not seen there, and the reader says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from analysis.published import digitize_ocr as ocr
from analysis.published import digitize_page as paged
from analysis.published import digitize_panels as panels
from analysis.published import digitize_raster as raster

FEWEST_TICKS = 3  # tick marks outside each of an inset's axes
LARGEST = 0.8  # an inset's width and height at most this share of the plot's
TICK_REACH = 40  # pixels: how far from its axis line a tick mark may reach


@dataclass(frozen=True)
class Inset:
    """An inset in the plot's pixels: its axes (``frame``: ``left`` the y axis's column,
    ``bottom`` the x axis's row), the area blanked with its ticks and labels (``top``,
    ``bottom``, ``left``, ``right``, inclusive) and the values its y labels print at
    its lowest and highest ticks (empty when they were not read)."""

    frame: panels.Plot
    top: int
    bottom: int
    left: int
    right: int
    y_values: tuple[float, ...] = ()


def find_inset(crop: np.ndarray) -> Inset | None:
    """The largest inset drawn inside a plot (``crop``: the RGB pixels inside its
    axes), or None."""
    dark = raster.grey_level(crop) < raster.LINE
    h, w = dark.shape
    across = paged._segments(dark, max(w // 8, 20))
    down = paged._segments(dark.T, max(h // 8, 20))
    tol_r, tol_c = 3 + 0.03 * h, 3 + 0.03 * w
    corners = {
        panels.Plot(col, end - 1, top, row)
        for col, top, bottom in down
        for row, start, end in across
        if abs(row - (bottom - 1)) <= tol_r and abs(start - col) <= tol_c and end - col > 40
    }
    for p in sorted(corners, key=lambda p: -(p.right - p.left) * (p.bottom - p.top)):
        if p.right - p.left > LARGEST * w or p.bottom - p.top > LARGEST * h:
            continue
        found = _ticked(crop, dark, p)
        if found is not None:
            return found
    return None


def _ticked(crop: np.ndarray, dark: np.ndarray, p: panels.Plot) -> Inset | None:
    """The inset whose axes are ``p``, when both carry evenly spaced short tick marks
    outside them and none inside; its area taken on through its tick labels."""
    h, w = dark.shape
    under = _line_edge(dark, p.bottom, slice(p.left, p.right + 1), +1, axis=0)
    beside = _line_edge(dark, p.left, slice(p.top, p.bottom + 1), -1, axis=1)
    over = _line_edge(dark, p.bottom, slice(p.left, p.right + 1), -1, axis=0)
    if under + 1 >= h or beside <= 0:
        return None
    below_strip = dark[under + 1 : under + 1 + TICK_REACH, p.left : p.right + 1]
    above_strip = dark[max(over - TICK_REACH, 0) : over][::-1, p.left : p.right + 1]
    left_strip = dark[p.top : p.bottom + 1, max(beside - TICK_REACH, 0) : beside][:, ::-1].T
    xt, x_len = _ticks(below_strip)
    yt, y_len = _ticks(left_strip)
    if len(xt) < FEWEST_TICKS or len(yt) < FEWEST_TICKS:
        return None
    crossing = _ticks(above_strip)[0]  # censor marks cross a curve's line; ticks do not
    if any(np.min(np.abs(crossing - t)) <= 2 for t in xt) if len(crossing) else False:
        return None
    xt, yt = xt + p.left, yt + p.top
    x_end, y_end = under + x_len, beside - y_len  # where the ticks end
    x_words, y_words = _labels(crop, p, xt, yt, (x_end, y_end))
    top, bottom, left, right = p.top, x_end, y_end, p.right
    for u in (*y_words, *x_words):
        top, bottom = min(top, u.top), max(bottom, u.bottom - 1)
        left, right = min(left, u.left), max(right, u.right - 1)
    pad = 2
    return Inset(p, max(top - pad, 0), min(bottom + pad, h - 1), max(left - pad, 0),
                 min(right + pad, w - 1), _y_values(y_words, yt))  # fmt: skip


def _labels(
    crop: np.ndarray, p: panels.Plot, xt: np.ndarray, yt: np.ndarray, ends: tuple[int, int]
) -> tuple[list[ocr.Word], list[ocr.Word]]:
    """The words printed beside an inset's x ticks (under them, centred on one) and y
    ticks (left of them, level with one), its ticks ending at row and column ``ends``."""
    x_end, y_end = ends
    x_gap, y_gap = float(np.median(np.diff(xt))), float(np.median(np.diff(yt)))
    below = (x_end + 1, int(x_end + 0.3 * (p.bottom - p.top)), int(p.left - x_gap / 2),
             int(p.right + x_gap / 2))  # fmt: skip
    beside = (int(p.top - y_gap / 2), int(p.bottom + y_gap / 2),
              int(y_end - 0.3 * (p.right - p.left)), y_end)  # fmt: skip
    x_words = [
        u
        for u in ocr.words(crop, below, touching="top")
        if u.top <= x_end + 1.5 * u.height and np.min(np.abs(xt - u.centre)) <= 0.4 * x_gap
    ]
    y_words = [
        u
        for u in ocr.words(crop, beside, touching="right")
        if u.right >= y_end - 1.5 * u.height and np.min(np.abs(yt - u.middle)) <= 0.4 * y_gap
    ]
    return x_words, y_words


def _y_values(y_words: list[ocr.Word], yt: np.ndarray) -> tuple[float, ...]:
    """The values an inset's y axis prints at its lowest and highest ticks, on the line
    its evenly growing labels fall on (empty when they were not read)."""
    reach = 0.4 * float(np.median(np.diff(yt)))
    pos, val = ocr.evenly_labelled(yt, [ocr.nearest_word(y_words, t, "y", reach) for t in yt])
    if len(pos) < 2:
        return ()
    slope, at = np.polyfit(pos, val, 1)
    tenth = float(np.min(np.abs(np.diff(val)))) / 10  # a tenth of the labels' step
    return tuple(round(float(np.round((slope * t + at) / tenth) * tenth), 9)
                 for t in (yt[-1], yt[0]))  # fmt: skip


def _line_edge(dark: np.ndarray, at: int, span: slice, step: int, axis: int) -> int:
    """The last row (``axis`` 0) or column (1) of the axis line through ``at`` going by
    ``step``: where most of ``span`` along it is still ink."""
    n = dark.shape[axis]
    k = at
    while 0 <= k + step < n:
        line = dark[k + step, span] if axis == 0 else dark[span, k + step]
        if line.mean() < 0.5:
            break
        k += step
    return k


def _ticks(strip: np.ndarray) -> tuple[np.ndarray, int]:
    """Centres of the short marks leaving a strip's first row (rows: distance from the
    axis line; columns: along it), at most four pixels wide, of one length within two
    pixels, ending inside the strip, when evenly spaced; and their length."""
    if strip.size == 0:
        return np.zeros(0), 0
    labels, n = ndimage.label(strip[0])
    centres, lengths = [], []
    for i in range(1, n + 1):
        cols = np.nonzero(labels == i)[0]
        run = strip[:, cols].any(axis=1)
        length = int(np.argmin(run)) if not run.all() else strip.shape[0]
        if len(cols) <= 4 and 2 <= length < strip.shape[0]:
            centres.append(float(cols.mean()))
            lengths.append(length)
    if len(lengths) < FEWEST_TICKS:
        return np.zeros(0), 0
    common = int(np.bincount(lengths).argmax())
    keep = np.abs(np.asarray(lengths) - common) <= 2
    found = np.sort(np.asarray(centres)[keep])
    gaps = np.diff(found)
    if len(found) < FEWEST_TICKS or gaps.max() - gaps.min() > 0.1 * np.median(gaps) + 1.5:
        return np.zeros(0), 0
    return found, common


def blank(crop: np.ndarray, inset: Inset, paper: np.ndarray) -> None:
    """The inset's area set to the plot's paper colour, in place."""
    crop[inset.top : inset.bottom + 1, inset.left : inset.right + 1] = paper
