"""Hatching told from curves in an image: a confidence region drawn in black and white
as many parallel thin strokes (R's ``polygon(density=, angle=)``: 45-degree lines for
one arm, vertical ones for another) rather than a tint.

A hatch line is thinner than the curves it crosses (R draws them at ``lwd`` 0.5 beside
curves at 1 to 2), so opening the ink with a square a little wider than the hatch lines
and narrower than the curves leaves the curves, their risers and censor marks whole and
takes the hatching away. What is taken away is hatching only when most of it stands in
long straight strokes, many of them parallel and not level (a level stroke may be a
thin curve's step or dash); a thin curve, its dots or its censor ticks are not that, and
are then left as they were.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from analysis.published import digitize_raster as raster

FEWEST = 12  # parallel straight strokes that make a hatching
SHARE = 0.5  # of the thin ink that the parallel strokes must hold


def without_hatching(mask: np.ndarray, width: int) -> np.ndarray | None:
    """The ink ``mask`` without its hatching, or None when it holds none. ``width`` is
    the commonest thickness of its strokes (the hatch lines' when they fill a region,
    as they outnumber the curves' pixels there)."""
    size = width + 1
    runs = raster.run_lengths(mask)
    wider = runs[(runs > size) & (runs <= 24)]
    if size < 2 or wider.sum() < 0.1 * runs[runs <= 24].sum():
        return None  # little ink thicker than the commonest stroke: no curve over a hatching
    thick = ndimage.grey_opening(mask.view(np.uint8), size=(size, size)).astype(bool)
    if not thick.any():
        return None
    kept = mask & ndimage.maximum_filter(thick.view(np.uint8), size=3).astype(bool)
    thin = mask & ~kept
    if thin.sum() < 0.2 * mask.sum():
        return None
    curve = raster.line_width(thick)
    if curve <= width:  # the curves no thicker than the strokes taken away: no hatching
        return None
    angles, pixels = _straight_strokes(thin, size, curve)
    return kept if _parallel(angles, pixels, int(thin.sum())) else None


def _straight_strokes(thin: np.ndarray, size: int, curve: int) -> tuple[np.ndarray, np.ndarray]:
    """The angle (degrees, 0-180) and pixel count of each straight stroke of ``thin``
    ink no thicker than ``size`` and six curve widths long or longer."""
    labels, _count = ndimage.label(thin, structure=np.ones((3, 3), bool))
    angles, pixels = [], []
    for k, sl in enumerate(ndimage.find_objects(labels), 1):
        if sl is None:
            continue
        rows, cols = np.nonzero(labels[sl] == k)
        if len(rows) < 4 * curve:
            continue
        straight = _straight(rows.astype(float), cols.astype(float), size, 6 * curve)
        if straight is not None:
            angles.append(straight)
            pixels.append(len(rows))
    return np.asarray(angles), np.asarray(pixels)


def _parallel(angles: np.ndarray, pixels: np.ndarray, thin: int) -> bool:
    """Whether the straight strokes are a hatching: of one or two angles not level, a
    dozen or more at each, holding most of the ``thin`` ink."""
    if len(angles) < FEWEST:
        return False
    at = np.round(angles / 3).astype(int) % 60  # 3-degree bins, 0-180
    counts = np.bincount(at, weights=pixels, minlength=60)
    hatched = np.zeros(60, dtype=bool)
    for b in np.argsort(counts)[::-1][:2]:  # one or two hatchings' angles
        if np.sum(np.abs(at - b) <= 1) >= FEWEST and min(b, 60 - b) >= 3:  # not level
            hatched[[b - 1, b, (b + 1) % 60]] = True
    return bool(pixels[hatched[at]].sum() >= SHARE * thin)


def _straight(rows: np.ndarray, cols: np.ndarray, thick: int, long: float) -> float | None:
    """The angle (degrees, 0-180) of a straight stroke no thicker than ``thick`` and at
    least ``long``; None for any other shape."""
    pts = np.column_stack([cols - cols.mean(), rows - rows.mean()])
    values, vectors = np.linalg.eigh(pts.T @ pts / len(pts))
    length, across = np.sqrt(12 * max(values[1], 0.0)), np.sqrt(12 * max(values[0], 0.0))
    if length < long or across > thick + 1:
        return None
    dx, dy = vectors[:, 1]
    return float(np.degrees(np.arctan2(-dy, dx)) % 180)
