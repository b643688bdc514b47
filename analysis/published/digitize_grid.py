"""Grid lines standing in for a plot's axes: its frame when it draws no axis lines, and
its scale when it draws no tick marks (ggplot2's ``theme_minimal``; ``theme_bw`` or
``theme_light`` with the ticks turned off).

A grid line is light grey (not a colour; white only on a tinted panel, Plotly's) and
crosses most of the plot; the major lines, drawn thicker or darker than the minor ones,
stand where the ticks would, at the labelled values. Coordinates are pixels, as in
:mod:`analysis.published.digitize_raster`.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from analysis.published.digitize_raster import Frame, grey_level

LIGHT = (0.6, 0.97)  # grey levels of a grid line's ink (ggplot2's #EBEBEB is 0.92)
BORDER = 0.02  # lines this near the image's edge (a share of it) are a chart's border
SHARE = 0.5  # the share of a row (or column) a grid line lights, curves crossing it aside


def _light(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of light grey ink, and every pixel's grey level."""
    grey = grey_level(rgb)
    chroma = rgb.max(axis=2) - rgb.min(axis=2)
    return (grey > LIGHT[0]) & (grey < LIGHT[1]) & (chroma < 0.06), grey


def _major(
    light: np.ndarray, grey: np.ndarray, border: float = 0.0
) -> list[tuple[float, int, int]]:
    """The major grid lines along rows: (centre row, first and last lit column). A line
    is a band of at most a few rows lit over :data:`SHARE` of their length; the major
    ones are at least 70% as thick and dark as the thickest, darkest line (a minor line
    is thinner or lighter), or when only one line is, as the next (an axis line drawn
    darker among the grid's lines: a spreadsheet's horizontal axis). Lines within
    ``border`` (a share of the rows) of the first or last row are left out (a border
    drawn round the whole chart)."""
    lit = light.mean(axis=1) >= SHARE
    labels, _ = ndimage.label(lit)
    found = []
    for (sl,) in ndimage.find_objects(labels):
        if sl.stop - sl.start > max(6, 0.01 * light.shape[0]):
            continue  # a shaded band or a filled box, not a line
        rows = np.arange(sl.start, sl.stop)
        ink = ((1 - grey[rows]) * light[rows]).sum(axis=1)
        cols = _extent(np.asarray(light[rows].any(axis=0), dtype=bool))
        depth = ink / np.maximum(light[rows].sum(axis=1), 1)  # per lit pixel: a legend
        found.append((float((rows * ink).sum() / ink.sum()), float(depth.sum()),  # over
                      int(cols[0]), int(cols[-1])))  # fmt: skip  # it takes no weight
    edge = border * light.shape[0]
    found = [f for f in found if edge <= f[0] <= light.shape[0] - 1 - edge]
    if not found:
        return []
    weights = sorted((f[1] for f in found), reverse=True)
    most = weights[0]
    if len(weights) >= 3 and weights[1] < 0.7 * most:  # one line darker than the grid's
        most = weights[1]
    major = [(c, a, b) for c, w, a, b in found if w >= 0.7 * most]
    return _clipped_ends(major, [(c, a, b) for c, w, a, b in found if w < 0.7 * most])


def _clipped_ends(
    major: list[tuple[float, int, int]], minor: list[tuple[float, int, int]]
) -> list[tuple[float, int, int]]:
    """The major lines with a lighter line one even step beyond the first or last of
    them (within a pixel and a half) taken as one too: a grid line at the plot's edge,
    clipped there to half its width (matplotlib's at the axis's limits)."""
    if len(major) < 3 or not minor:
        return major
    centres = np.array([m[0] for m in major])
    gaps = np.diff(centres)
    step = float(np.median(gaps))
    if gaps.max() - gaps.min() > 0.05 * step + 1.5:
        return major
    out = list(major)
    for end in (centres[0] - step, centres[-1] + step):
        near = [m for m in minor if abs(m[0] - end) <= 1.5]
        if near:  # where the grid's step puts it: half of it is cut off
            out.append((float(end), near[0][1], near[0][2]))
    return sorted(out)


def _extent(lit: np.ndarray) -> np.ndarray:
    """The columns a line runs through: its lit runs (gaps of a few pixels, where curves
    cross it, closed) longer than 5% of the row; a tick label level with the line (light
    grey at its anti-aliased edges) is not part of it."""
    closed = ndimage.binary_closing(np.pad(lit, 4), structure=np.ones(7, bool))[4:-4]
    runs, n = ndimage.label(closed)
    sizes = np.bincount(runs, minlength=n + 1)
    long = np.nonzero(sizes[1:] >= 0.05 * len(lit))[0] + 1
    cols = np.nonzero(np.isin(runs, long))[0]
    return cols if len(cols) else np.nonzero(lit)[0]


def grid_frame(rgb: np.ndarray) -> Frame | None:
    """The plot area spanned by its major grid lines (at least two each way), when it
    has no axis lines: from the first column any horizontal line reaches to the last,
    and from the top any vertical line reaches to the bottom."""
    light, grey = _light(rgb)
    rows, cols = _major(light, grey, BORDER), _major(light.T, grey.T, BORDER)
    if len(rows) >= 3 and len(cols) < 2:
        return _rows_only(light, grey, rows)
    if len(rows) < 2 or len(cols) < 2:
        return None
    left, right = min(r[1] for r in rows), max(r[2] for r in rows)  # a legend or a curve
    top, bottom = min(c[1] for c in cols), max(c[2] for c in cols)  # hides some lines' ends
    return Frame(int(left) - 1, int(right) + 1, int(top) - 1, int(bottom) + 1, 0, panel=True)


def _rows_only(
    light: np.ndarray, grey: np.ndarray, rows: list[tuple[float, int, int]]
) -> Frame | None:
    """The plot area of horizontal grid lines alone (a spreadsheet's chart: no axis lines,
    no vertical lines): from the first line to the last (the lowest, at the axis's first
    value, stands for the x axis), across the columns most lines light (a tick label
    level with a line lights it only here and there)."""
    near_ink = ndimage.binary_dilation(grey < LIGHT[0], iterations=2)
    clear = light & ~near_ink  # a letter's grey edges are not a line's
    lines = np.asarray([clear[round(r[0]) - 1 : round(r[0]) + 2].any(axis=0)
                        for r in rows])  # fmt: skip
    lit = lines.mean(axis=0) >= 0.6
    closed = ndimage.binary_closing(np.pad(lit, 4), structure=np.ones(7, bool))[4:-4]
    runs, n = ndimage.label(closed)
    if n == 0:
        return None
    sizes = np.bincount(runs)[1:]
    cols = np.nonzero(runs == int(np.argmax(sizes)) + 1)[0]
    if len(cols) < 0.3 * light.shape[1]:
        return None
    top, bottom = rows[0][0], rows[-1][0]  # both lines whole inside (a line 3 pixels thick,
    return Frame(int(cols[0]) - 1, int(cols[-1]) + 1, math.floor(top - 1) - 1,  # between rows)
                 math.ceil(bottom + 1) + 1, 0, panel=True)  # fmt: skip


def grid_ticks(rgb: np.ndarray, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Where the major grid lines cross the plot: columns of the vertical ones (the x
    axis's ticks) and rows of the horizontal ones (the y axis's). On a tinted panel
    without light grey lines, the lines lighter than the panel (Plotly's and ggplot2's
    white grid): see :func:`_white_on_panel`."""
    box = rgb[frame.top + 1 : frame.bottom, frame.left + 1 : frame.right]
    light, grey = _light(box)
    rows, cols = _major(light, grey), _major(light.T, grey.T)
    if frame.panel and (len(rows) < 2 or len(cols) < 2):
        white_rows, white_cols = _white_on_panel(box)
        rows = white_rows if len(rows) < 2 else rows
        cols = white_cols if len(cols) < 2 else cols
    elif not frame.panel:  # a grid line on an axis line (or the plot's edge) is hidden
        rows = _edge_lines(rows, light.shape[0], (-1.0, light.shape[0]))  # by it, the box
        cols = _edge_lines(cols, light.shape[1], (-1.0, light.shape[1]))  # cut inside it
    return (np.asarray([c[0] + frame.left + 1 for c in cols]),
            np.asarray([r[0] + frame.top + 1 for r in rows]))  # fmt: skip


def _white_on_panel(
    box: np.ndarray,
) -> tuple[list[tuple[float, int, int]], list[tuple[float, int, int]]]:
    """The major grid lines of a tinted panel drawn lighter than it, in white (Plotly's
    template, ggplot2's ``theme_grey``): rows and columns of neutral ink clearly lighter
    than the panel's own colour. A line standing at the panel's edge (Plotly's zero
    line, as wide as two grid lines) shows only as the edge, its outer half cut off and
    its inner half as white as the page: it is taken where the grid's even step puts
    it, when the edge lies there."""
    panel = np.median(box.reshape(-1, 3), axis=0)
    grey = grey_level(box)
    panel_grey = float(grey_level(panel[None, None, :])[0, 0])
    if panel_grey >= LIGHT[1]:
        return [], []
    chroma = box.max(axis=2) - box.min(axis=2)
    light = (grey > panel_grey + 0.03) & (chroma < 0.06)
    depth = 1 - np.clip((grey - panel_grey) / (1 - panel_grey), 0, 1)  # white: ink 1
    rows, cols = _major(light, depth), _major(light.T, depth.T)
    return _edge_lines(rows, light.shape[0]), _edge_lines(cols, light.shape[1])


def _edge_lines(
    lines: list[tuple[float, int, int]], size: int, edges: tuple[float, float] | None = None
) -> list[tuple[float, int, int]]:
    """Evenly spaced lines (three or more) with a line added one step before the first
    or after the last where that step falls on the panel's edge (within a few pixels:
    the line's half width and 3% of the step; ``edges``: where the edges stand, by
    default half a pixel outside the first and last of ``size``)."""
    if len(lines) < 3:
        return lines
    first, last = edges if edges is not None else (-0.5, size - 0.5)
    centres = np.array([c for c, _, _ in lines])
    gaps = np.diff(centres)
    step = float(np.median(gaps))
    if gaps.max() - gaps.min() > 0.05 * step + 1.5:
        return lines
    out = list(lines)
    for at, edge in ((centres[0] - step, first), (centres[-1] + step, last)):
        if abs(at - edge) <= 0.03 * step + 2:
            out.append((float(at), lines[0][1], lines[0][2]))
    return sorted(out)
