"""A drawing of several plots (panels a and b side by side, or stacked), as
:mod:`analysis.published.digitize_panels` reads an image of them: every plot frame in the
drawing found, the panel letters printed at their corners matched to them, and one
plot's strokes, fills and words cut out to be read as a drawing of its own.

A plot frame is an x axis and a y axis line meeting at their lower left corner (each at
least an eighth of the drawing across); frames overlapping a larger one (a legend's box,
an inset) are not plots, nor is a frame under half the largest's width or height (a
boxed table). Plots are numbered in reading order: row by row from the top, left to
right in each row. A panel letter is a word of one letter (``b``, ``B``, ``(b)``,
``b.``) above-left of its plot's top left corner, within half the plot's width and
height of it. A plot's part of the drawing reaches to the middle of the widest blank
strip between it and each plot beside it, above or below it (the letters left out, as
they stand in the strip), or else the drawing's edge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from analysis.published import digitize_panels as panels
from analysis.published import digitize_text as text

Word = text.Word

_LETTER = re.compile(r"\(?([A-Za-z])[).]?")


Box = panels.Frame[float]  # a plot frame in drawing units


def find_frames(segments: Sequence[np.ndarray], extent: np.ndarray) -> list[Box]:
    """Every plot frame among the axis-like straight pieces (2 x 2 arrays of points), in
    reading order; frames overlapping larger ones and frames under half the largest's
    width or height left out."""
    hx = [p for p in segments if np.ptp(p[:, 1]) < 1e-6 and np.ptp(p[:, 0]) >= extent[0] / 8]
    vy = [p for p in segments if np.ptp(p[:, 0]) < 1e-6 and np.ptp(p[:, 1]) >= extent[1] / 8]
    tol_x, tol_y = 0.02 * extent[0], 0.02 * extent[1]
    found = [
        Box(float(v[0, 0]), float(h[:, 0].max()), float(v[:, 1].min()), float(h[0, 1]))
        for v in vy
        for h in hx
        if abs(h[0, 1] - v[:, 1].max()) <= tol_y and abs(h[:, 0].min() - v[0, 0]) <= tol_x
    ]
    frames: list[Box] = []
    for b in sorted(found, key=lambda b: -(b.right - b.left) * (b.bottom - b.top)):
        if not any(b.overlaps(c) for c in frames):
            frames.append(b)
    if not frames:
        return []
    widest = max(b.right - b.left for b in frames)
    tallest = max(b.bottom - b.top for b in frames)
    share = panels.LEAST_SHARE
    frames = [
        b for b in frames
        if b.right - b.left >= share * widest and b.bottom - b.top >= share * tallest
    ]  # fmt: skip
    return _reading_order(frames)


def _reading_order(frames: list[Box]) -> list[Box]:
    """Row by row from the top (frames whose heights overlap by half share a row), left
    to right in each row."""
    rows: list[list[Box]] = []
    for b in sorted(frames, key=lambda b: b.top):
        first = rows[-1][0] if rows else None
        if first and min(b.bottom, first.bottom) - max(b.top, first.top) > 0.5 * min(
            b.bottom - b.top, first.bottom - first.top
        ):
            rows[-1].append(b)
        else:
            rows.append([b])
    return [b for row in rows for b in sorted(row, key=lambda b: b.left)]


def panel_letters(words: Sequence[Word], frames: list[Box]) -> list[Word | None]:
    """Each frame's printed panel letter (its word), None where none is found; a letter
    claimed by two frames is none's."""
    found = [_letter_word(words, b) for b in frames]
    names = [letter(w) if w else None for w in found]
    return [w if w and names.count(letter(w)) == 1 else None for w in found]


def letter(word: Word) -> str:
    """A panel letter's word's letter, in lower case."""
    m = _LETTER.fullmatch(word[0])
    return m.group(1).lower() if m else ""


def _letter_word(words: Sequence[Word], b: Box) -> Word | None:
    """The one-letter word above-left of a frame's top left corner nearest it."""
    width, height = b.right - b.left, b.bottom - b.top
    near = [
        (float(np.hypot(b.left - w[2], b.top - (w[3] + w[4]) / 2)), w)
        for w in words
        if _LETTER.fullmatch(w[0])
        and b.left - 0.5 * width <= w[1] and w[2] <= b.left + 0.01 * width
        and b.top - 0.5 * height <= (w[3] + w[4]) / 2 <= b.top + 0.15 * height
    ]  # fmt: skip
    return min(near, key=lambda n: n[0])[1] if near else None


def region(
    frames: list[Box], k: int, boxes: Sequence[tuple[float, float, float, float]]
) -> tuple[float, float, float, float]:
    """Frame ``k``'s part of the drawing (left, right, top, bottom): up to the middle of
    the widest blank strip between it and each frame beside, above or below it, the
    ``boxes`` (x0, x1, top, bottom) of what is drawn and printed being its ink."""
    p = frames[k]
    left, right, top, bottom = -np.inf, np.inf, -np.inf, np.inf
    for q in frames:
        if q is p:
            continue
        beside = min(p.bottom, q.bottom) > max(p.top, q.top)
        above_below = min(p.right, q.right) > max(p.left, q.left)
        rows = (min(p.top, q.top), max(p.bottom, q.bottom))
        cols = (min(p.left, q.left), max(p.right, q.right))
        if beside and q.right < p.left:
            left = max(left, _blank_middle(boxes, (q.right, p.left), rows, 0))
        elif beside and q.left > p.right:
            right = min(right, _blank_middle(boxes, (p.right, q.left), rows, 0))
        elif above_below and q.bottom < p.top:
            top = max(top, _blank_middle(boxes, (q.bottom, p.top), cols, 1))
        elif above_below and q.top > p.bottom:
            bottom = min(bottom, _blank_middle(boxes, (p.bottom, q.top), cols, 1))
    return left, right, top, bottom


def _blank_middle(
    boxes: Sequence[tuple[float, float, float, float]], strip: tuple[float, float],
    across: tuple[float, float], axis: int,
) -> float:  # fmt: skip
    """The middle of the widest blank stretch of ``strip`` (along x when ``axis`` is 0,
    else along y) left by the boxes reaching into ``across`` (the other way); the
    strip's middle when none is blank."""
    lo, hi = strip
    spans = []
    for x0, x1, t, b in boxes:
        a0, a1, c0, c1 = (x0, x1, t, b) if axis == 0 else (t, b, x0, x1)
        if c1 >= across[0] and c0 <= across[1] and a1 > lo and a0 < hi:
            spans.append((max(a0, lo), min(a1, hi)))
    best, at, reach = 0.0, (lo + hi) / 2, lo
    for a0, a1 in sorted(spans):
        if a0 - reach > best:
            best, at = a0 - reach, (reach + a0) / 2
        reach = max(reach, a1)
    if hi - reach > best:
        at = (reach + hi) / 2
    return float(at)


def within(box: tuple[float, float, float, float], part: tuple[float, float, float, float]) -> bool:
    """Whether a box's (x0, x1, top, bottom) centre stands in a part of the drawing
    (left, right, top, bottom)."""
    x, y = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
    return part[0] <= x <= part[1] and part[2] <= y <= part[3]


def covers(box: tuple[float, float, float, float], frame: Box) -> bool:
    """Whether a box (x0, x1, top, bottom) covers the whole frame (a page's background)."""
    return (
        box[0] <= frame.left
        and box[1] >= frame.right
        and box[2] <= frame.top
        and (box[3] >= frame.bottom)
    )


def points_box(points: np.ndarray) -> tuple[float, float, float, float]:
    """A polyline's (x0, x1, top, bottom)."""
    return (float(points[:, 0].min()), float(points[:, 0].max()), float(points[:, 1].min()),
            float(points[:, 1].max()))  # fmt: skip
