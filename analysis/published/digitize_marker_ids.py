"""Curves of one colour and line type told apart by the marker shapes placed on them.

A black-and-white print figure draws every curve as the same thin black line and tells
them apart only by a marker shape set on each at intervals (open circle, filled square,
open triangle), its legend showing each line with its marker. In a drawing each curve is
its own path and each marker its own small closed shape, so the curves are kept apart
exactly; what ties a curve to its legend entry is the shape of the markers sitting on it.

A marker's shape is told by its outline alone (its number of corners and how much of its
box it fills), not by its fill: a PDF's markers drawn as one reused form may not carry
their fill colour to the reader. Open and filled markers of one shape are then one shape,
and the legend cannot be matched: no order is given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

Shape = tuple[int, float]  # distinct corners (capped), share of its box it fills


def _shape(pts: np.ndarray) -> Shape | None:
    """A small closed outline's shape: its distinct corners (a circle's many Bézier
    points counted as 9) and the share of its bounding box its outline fills, to 0.1."""
    pts = np.asarray(pts, dtype=float)
    span = np.ptp(pts, axis=0)
    if len(pts) < 3 or span.min() <= 0:
        return None
    distinct = np.unique(np.round(pts / span.max(), 3), axis=0)
    x, y = pts[:, 0], pts[:, 1]
    area = 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    return min(len(distinct), 9), round(area / float(span[0] * span[1]), 1)


def _distance(point: np.ndarray, line: np.ndarray) -> float:
    """The distance from a point to a polyline."""
    a, b = line[:-1], line[1:]
    ab = b - a
    length = (ab**2).sum(axis=1)
    t = np.clip(((point - a) * ab).sum(axis=1) / np.where(length > 0, length, 1.0), 0.0, 1.0)
    nearest = a + t[:, None] * ab
    return float(np.sqrt(((nearest - point) ** 2).sum(axis=1)).min())


def marker_ranks(
    curves: Sequence[np.ndarray], shapes: Sequence[np.ndarray],
    box: tuple[float, float, float, float],
) -> tuple[list[tuple[float, float]], list[int]] | None:  # fmt: skip
    """Each curve's legend entry through the marker shape it carries.

    Parameters
    ----------
    curves
        Each curve's polyline (drawing units, y down).
    shapes
        The other stroked paths: markers among them are the small closed outlines (under
        4% of the plot's width and height) with a shape (:func:`_shape`).
    box
        The plot's left, right, top and bottom.

    Returns
    -------
    tuple or None
        Each curve's legend entry (row, column of its marker's centre), and the indices in
        ``shapes`` of the markers set on the curves (no censor marks); ``None`` unless
        each curve carries one shape (most of the markers lying on it alone, two at
        least), the shapes differ from curve to curve, and each shape shows exactly once
        away from every curve (the legend's marker).
    """
    left, right, top, bottom = box
    most = 0.04 * max(right - left, bottom - top)
    marks: list[tuple[int, Shape, np.ndarray, float]] = []
    for i, pts in enumerate(shapes):
        span = np.ptp(pts, axis=0)
        shape = _shape(pts) if span.max() <= most else None
        if shape is not None and len(pts) >= 4:
            marks.append((i, shape, (pts.min(axis=0) + pts.max(axis=0)) / 2, float(span.max())))
    if not marks or len(curves) < 2:
        return None
    on = [[_distance(c, curve) <= 0.2 * size for curve in curves] for _, _, c, size in marks]
    carried: list[Shape] = []
    for k in range(len(curves)):
        alone = Counter(m[1] for m, hits in zip(marks, on, strict=True)
                        if hits[k] and sum(hits) == 1)  # fmt: skip
        if not alone:
            return None
        shape, count = alone.most_common(1)[0]
        if count < 2 or count <= sum(alone.values()) / 2:
            return None
        carried.append(shape)
    if len(set(carried)) < len(carried):
        return None
    entries = []
    for shape in carried:
        away = [
            c for (_, s, c, _), hits in zip(marks, on, strict=True) if s == shape and not any(hits)
        ]
        if len(away) != 1:
            return None
        entries.append((float(away[0][1]), float(away[0][0])))
    used = [i for (i, s, _, _), hits in zip(marks, on, strict=True) if any(hits) and s in carried]
    return entries, used
