"""A figure of several plots (panels A and B side by side, or stacked): every plot frame
on the image found, and the part of the image that belongs to one of them cut out with
its tick labels, axis titles and numbers-at-risk table, to be read as a figure of its own.

A plot frame is an x axis and a y axis line meeting at a corner (each at least an eighth
of the image across); frames inside a larger one (a legend's box, a curve's drop onto its
tail) are not plots, nor is a frame much smaller than the largest (a boxed table). Plots
are numbered in reading order: row by row from the top, left to right in each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from analysis.published import digitize_page as paged
from analysis.published import digitize_raster as raster

LEAST_SHARE = 0.5  # a plot's width and height at least this share of the largest plot's
INK = 0.15  # a pixel this far from the paper's colour (any channel) is ink


N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Frame(Generic[N]):
    """A plot frame: its axes' ``left``/``right`` and ``top``/``bottom`` (y grows
    downwards), in pixels on an image (:data:`Plot`) or in a drawing's units."""

    left: N
    right: N
    top: N
    bottom: N

    def overlaps(self, other: Frame[N]) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


Plot = Frame[int]  # a plot frame on the image, in pixels


@dataclass(frozen=True)
class Cut:
    """One plot's part of the image: ``rgb`` and where it stands (``top``, ``left``)."""

    rgb: np.ndarray
    top: int
    left: int


def find_plots(rgb: np.ndarray) -> list[Plot]:
    """Every plot frame on the image (x and y axis lines meeting at their lower left
    corner), in reading order; frames inside larger ones and frames under half the
    largest's width or height are left out."""
    dark = raster.grey_level(rgb) < raster.LINE
    h, w = dark.shape
    across = paged._segments(dark, w // 8)
    down = paged._segments(dark.T, h // 8)
    tol_r, tol_c = 3 + 0.03 * h, 3 + 0.03 * w
    found = [
        Plot(col, end - 1, top, row)
        for col, top, bottom in down
        for row, start, end in across
        if abs(row - (bottom - 1)) <= tol_r and abs(start - col) <= tol_c and end - col > 40
    ]
    plots: list[Plot] = []
    if not found:
        found = tinted_plots(rgb)
    for p in sorted(found, key=lambda p: -(p.right - p.left) * (p.bottom - p.top)):
        if not any(p.overlaps(q) for q in plots):
            plots.append(p)
    if not plots:
        return []
    widest = max(p.right - p.left for p in plots)
    tallest = max(p.bottom - p.top for p in plots)
    plots = [
        p
        for p in plots
        if p.right - p.left >= LEAST_SHARE * widest and p.bottom - p.top >= LEAST_SHARE * tallest
    ]
    return _reading_order(plots)


def tinted_plots(rgb: np.ndarray) -> list[Plot]:
    """Tinted panels without axis lines (ggplot2's facets, grey behind white grid lines):
    the image's commonest light tint split into columns, each of those into rows, where
    the tint is missing over a band wider than any grid line's (the panels' spacing); none
    unless there are at least two, each a quarter of the image across (not a panel
    cut by its own grid lines)."""
    h, w = rgb.shape[:2]
    for colour in raster._commonest(rgb, 32)[:3]:
        if np.abs(colour - 1).max() < 0.05 or colour.mean() < 0.6:
            continue
        tint = (np.abs(rgb - colour.astype(rgb.dtype)) < 0.04).all(axis=2)
        if tint.mean() < 0.15:
            continue
        plots = [
            Plot(left - 1, right, top - 1, bottom)
            for left, right in _tinted_bands(tint.mean(axis=0), w // 4)
            for top, bottom in _tinted_bands(tint[:, left:right].mean(axis=1), h // 4)
        ]
        return plots if len(plots) > 1 else []
    return []


def _tinted_bands(share: np.ndarray, least: int) -> list[tuple[int, int]]:
    """The bands (start, end) of places tinted over a quarter of their length, split only
    at untinted gaps wider than 2.5 times the other gaps' median width (grid lines'; at
    least 5 places); bands under ``least`` places are left out."""
    tinted = np.concatenate([[0], (share > 0.25).astype(np.int8), [0]])
    d = np.diff(tinted)
    starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
    if not len(starts):
        return []
    gaps = starts[1:] - ends[:-1]
    split = np.zeros(len(gaps), bool)
    if len(gaps):
        widest = int(np.argmax(gaps))
        others = np.delete(gaps, widest)
        floor = max(5.0, 2.5 * float(np.median(others))) if len(others) else 5.0
        split = gaps >= floor
    bands, first = [], 0
    for i in range(len(starts)):
        if i == len(starts) - 1 or split[i]:
            if ends[i] - starts[first] >= least:
                bands.append((int(starts[first]), int(ends[i])))
            first = i + 1
    return bands


SIDES = ("left", "right", "top", "bottom")


def position_word(text: str) -> str | None:
    """A panel's position word as asked (``left``, ``top-left``, ``bottom right``, ...),
    put as its sides joined by a hyphen, the vertical first (``top-left``); None when
    ``text`` is not one."""
    parts = text.strip().lower().replace("_", " ").replace("-", " ").split()
    if not parts or len(parts) > 2 or any(w not in SIDES for w in parts):
        return None
    vertical = [w for w in parts if w in ("top", "bottom")]
    horizontal = [w for w in parts if w in ("left", "right")]
    if len(vertical) > 1 or len(horizontal) > 1:
        return None
    return "-".join(vertical + horizontal)


def at_position(word: str, frames: Sequence[Frame[N]]) -> list[int]:
    """The indices of the frames at the sides a position word (:func:`position_word`)
    names: ``left``, those with no other frame wholly to their left; ``top``, none wholly
    above; and so on (``top-left``: both)."""
    found = []
    for i, p in enumerate(frames):
        beyond = {
            "left": any(q.right < p.left for q in frames),
            "right": any(q.left > p.right for q in frames),
            "top": any(q.bottom < p.top for q in frames),
            "bottom": any(q.top > p.bottom for q in frames),
        }
        if not any(beyond[side] for side in word.split("-")):
            found.append(i)
    return found


def _reading_order(plots: list[Plot]) -> list[Plot]:
    """Row by row from the top (plots whose heights overlap by half share a row), left to
    right in each row."""
    rows: list[list[Plot]] = []
    for p in sorted(plots, key=lambda p: p.top):
        row = rows[-1] if rows else None
        if row and min(p.bottom, row[0].bottom) - max(p.top, row[0].top) > 0.5 * min(
            p.bottom - p.top, row[0].bottom - row[0].top
        ):
            row.append(p)
        else:
            rows.append([p])
    return [p for row in rows for p in sorted(row, key=lambda p: p.left)]


def cut_out(rgb: np.ndarray, plots: list[Plot], k: int) -> Cut:
    """Plot ``k``'s part of the image: up to the middle of the widest blank strip
    between it and each plot beside it (left, right), above or below it, else the
    image's edge."""
    p = plots[k]
    paper = raster.background(rgb).astype(rgb.dtype)

    def blank_middle(rows: slice, cols: slice, axis: int) -> int:
        ink = np.abs(rgb[rows, cols] - paper).max(axis=2) > INK
        return _blank_middle(ink.any(axis=axis))

    h, w = rgb.shape[:2]
    left, right, top, bottom = 0, w, 0, h
    for q in plots:
        if q is p:
            continue
        rows = slice(min(p.top, q.top), max(p.bottom, q.bottom) + 1)
        cols = slice(min(p.left, q.left), max(p.right, q.right) + 1)
        beside = min(p.bottom, q.bottom) > max(p.top, q.top)
        above_below = min(p.right, q.right) > max(p.left, q.left)
        if beside and q.right < p.left:
            left = max(left, q.right + 1 + blank_middle(rows, slice(q.right + 1, p.left), 0))
        elif beside and q.left > p.right:
            right = min(right, p.right + 1 + blank_middle(rows, slice(p.right + 1, q.left), 0))
        elif above_below and q.bottom < p.top:
            top = max(top, q.bottom + 1 + blank_middle(slice(q.bottom + 1, p.top), cols, 1))
        elif above_below and q.top > p.bottom:
            bottom = min(bottom, p.bottom + 1 + blank_middle(slice(p.bottom + 1, q.top), cols, 1))
    return _with_shared_below(rgb, plots, p, (left, right, top, bottom), paper)


def _with_shared_below(
    rgb: np.ndarray, plots: list[Plot], p: Plot, box: tuple[int, int, int, int],
    paper: np.ndarray,
) -> Cut:  # fmt: skip
    """Plot ``p``'s part of the image (``box``: left, right, top, bottom) with the lines
    printed under its row of plots for them all (a legend or an axis title centred under
    facets side by side, the ink running across where the part is split from its
    neighbour's), whole: the part widened to hold them, the rest of the widening blanked.
    The first line under the plots (their tick labels) is each plot's own."""
    left, right, top, bottom = box
    w = rgb.shape[1]
    row = [q for q in plots if min(p.bottom, q.bottom) > max(p.top, q.top)]
    splits = [s for s in (left, right) if 0 < s < w]
    low = max(q.bottom for q in row) + 1
    if len(row) < 2 or not splits or low >= bottom:
        return Cut(rgb[top:bottom, left:right].copy(), top, left)
    ink = np.abs(rgb[low:bottom] - paper).max(axis=2) > INK
    inked = np.concatenate([[0], ink.any(axis=1).astype(np.int8), [0]])
    d = np.diff(inked)
    m = max(2, w // 100)
    shared = [
        (a, b)
        for a, b in list(zip(np.nonzero(d == 1)[0], np.nonzero(d == -1)[0], strict=True))[1:]
        if any(ink[a:b, max(s - m, 0) : s + m].any() for s in splits)
    ]
    if not shared:
        return Cut(rgb[top:bottom, left:right].copy(), top, left)
    cols = np.nonzero(np.vstack([ink[a:b] for a, b in shared]).any(axis=0))[0]
    wide_left, wide_right = min(left, int(cols[0])), max(right, int(cols[-1]) + 1)
    keep = np.zeros((bottom - top, wide_right - wide_left), bool)
    keep[:, left - wide_left : right - wide_left] = True
    for a, b in shared:
        keep[low + a - top : low + b - top] = True
    part = rgb[top:bottom, wide_left:wide_right].copy()
    edge = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    part[~keep] = raster.background(edge[None])  # the page's paper, at its edges
    return Cut(part, top, wide_left)


def _blank_middle(inked: np.ndarray) -> int:
    """The middle of the longest run of blank places in a strip (its middle when every
    place holds ink)."""
    blank = np.concatenate([[0], (~inked).astype(np.int8), [0]])
    d = np.diff(blank)
    starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
    if len(starts) == 0:
        return len(inked) // 2
    i = int(np.argmax(ends - starts))
    return int((starts[i] + ends[i]) // 2)
