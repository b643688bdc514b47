"""A figure of several plots (panels A and B side by side, or stacked): every plot frame
on the image found, and the part of the image that belongs to one of them cut out with
its tick labels, axis titles and numbers-at-risk table, to be read as a figure of its own.

A plot frame is an x axis and a y axis line meeting at a corner (each at least an eighth
of the image across); frames inside a larger one (a legend's box, a curve's drop onto its
tail) are not plots, nor is a frame much smaller than the largest (a boxed table). Plots
are numbered in reading order: row by row from the top, left to right in each row.
"""

from __future__ import annotations

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
    return Cut(rgb[top:bottom, left:right].copy(), top, left)


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
