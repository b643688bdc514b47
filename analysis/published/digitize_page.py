"""A Kaplan-Meier plot found on a whole page (a scanned journal page: running text, a
caption, a figure of several panels): the page straightened when the scan turned it a
little, and the largest plot on it (x and y axis lines meeting at a corner) cut out with
room for its labels and its numbers-at-risk table.

Used only when no plot is found on the image as a whole (a page's headline rule is
longer than any axis, and turned by a fraction of a degree an axis line steps from one
pixel row to the next).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from analysis.published import digitize_raster as raster

MAX_SKEW = 2.0  # degrees a scan may turn the page
SKEW_STEP = 0.05
MIN_SKEW = 0.1  # a page turned less than this is read as it is


@dataclass(frozen=True)
class PagePlot:
    """A plot cut out of a page: the image to read, how far the page was turned back
    (degrees, anticlockwise) and where the cut-out stands on the page (top, left)."""

    rgb: np.ndarray
    skew: float
    top: int
    left: int


def page_skew(dark: np.ndarray) -> float:
    """The angle (degrees) the page's lines of ink run at: the slope at which the rows
    of dark pixels stack most sharply (lines of text and rules alike), 0 within
    :data:`MIN_SKEW`. Positive when the lines climb to the right."""
    rows, cols = np.nonzero(dark)
    if len(rows) < 100:
        return 0.0
    angles = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_STEP)
    span = dark.shape[0] + dark.shape[1]
    best, best_score = 0.0, -1.0
    for a in angles:
        sheared = np.round(rows + cols * np.tan(np.radians(a))).astype(np.int64) + span
        score = float((np.bincount(sheared).astype(np.float64) ** 2).sum())
        if score > best_score:
            best, best_score = float(a), score
    return best if abs(best) >= MIN_SKEW else 0.0


def straightened(rgb: np.ndarray, angle: float, paper: np.ndarray) -> np.ndarray:
    """The page turned by ``angle`` degrees so lines climbing at that angle run level,
    the corners it uncovers filled with the paper's colour."""
    out = np.empty_like(rgb)
    for k in range(3):
        out[..., k] = ndimage.rotate(rgb[..., k], -angle, reshape=False, order=1,
                                     mode="constant", cval=float(paper[k]))  # fmt: skip
    return out


def _segments(mask: np.ndarray, least: int) -> list[tuple[int, int, int]]:
    """Straight runs of ink along rows at least ``least`` long, a line drawn over
    several rows counted once: (row, start, end exclusive), the longest of each. Only
    rows holding that much ink are looked along."""
    inked = np.nonzero(np.count_nonzero(mask, axis=1) >= least)[0]
    rows, starts, ends = raster._runs(mask[inked])
    rows = inked[rows]
    keep = ends - starts >= least
    found: list[tuple[int, int, int]] = []
    for r, a, b in sorted(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(),
                              strict=True)):  # fmt: skip
        near = [i for i, (r0, a0, b0) in enumerate(found) if r - r0 <= 3 and a < b0 and a0 < b]
        if near:
            i = near[-1]
            if b - a > found[i][2] - found[i][1]:
                found[i] = (r, a, b)
            continue
        found.append((r, a, b))
    return found


def find_page_plot(rgb: np.ndarray) -> PagePlot | None:
    """The largest plot on a page (x and y axis lines meeting at its lower left corner,
    each at least a sixth of the page across), the page straightened first, cut out
    with its tick labels, axis titles and a numbers-at-risk table under it (half the
    plot's width to its left, half its height below, a tenth above and to its right),
    not reaching into another plot found beside it; ``None`` when there is none."""
    paper = raster.background(rgb)
    dark = raster.grey_level(rgb) < raster.LINE
    angle = page_skew(dark)
    if angle:
        rgb = straightened(rgb, angle, paper)
        dark = raster.grey_level(rgb) < raster.LINE
    h, w = dark.shape
    across = _segments(dark, w // 6)
    down = _segments(dark.T, h // 6)
    plots = []
    for col, top, bottom in down:
        for row, start, end in across:
            tol_r, tol_c = 3 + 0.03 * h, 3 + 0.03 * w
            if abs(row - (bottom - 1)) <= tol_r and abs(start - col) <= tol_c:
                plots.append(((end - start) * (bottom - top), top, row, col, end))
    if not plots:
        return None
    _, top, bottom, left, right = max(plots)
    pw, ph = right - left, bottom - top
    lo = max(0, left - pw // 2)
    hi = min(w, right + pw // 10)
    for _, _, _, other_left, other_right in plots:  # another panel beside it
        if other_right <= left:
            lo = max(lo, other_right + 1)
        elif other_left >= right:
            hi = min(hi, other_left - 1)
    r0, r1 = max(0, top - ph // 10), min(h, bottom + ph // 2)
    return PagePlot(rgb[r0:r1, lo:hi].copy(), angle, r0, lo)
