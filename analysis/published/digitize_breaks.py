"""An axis break drawn on a raster plot's y axis: the ``//`` mark a zoomed axis carries
near its foot (two short slanted strokes across the axis line, the line cut between
them).

The axis line then stops short of the x axis and resumes in the same columns under the
gap; the strokes leave the axis on its outer side as a tick mark does, but slanted. Here
the line is carried across the gap (so the y axis still meets the x axis at the plot's
corner), slanted marks are told from tick marks (which leave the axis square), and a
tick a stroke is drawn across is still found, as the part of the mark that runs straight
out as far as the other ticks.
"""

from __future__ import annotations

import numpy as np

BREAK_GAP = 0.04  # the longest gap in an axis line taken as a break, as a share of the image
SLANT = 0.25  # a mark whose middle shifts along the axis by this much per pixel out is slanted


def end_through_break(dark: np.ndarray, yaxis: tuple[int, int, int, int], floor: int) -> int:
    """The last row of the y axis line ``yaxis`` (first column, last column, first row,
    end row exclusive), carried across one short gap (an axis break's cut, under
    ``BREAK_GAP`` of the image's height) when the line resumes under it in the same
    columns and runs on unbroken to the row ``floor`` (the x axis) or past it; else its
    own last row. The break's strokes may cross the columns inside the cut (a white gap
    wider than the mark): the gap is counted from the line's end to where its last
    unbroken run down to ``floor`` starts."""
    end = yaxis[3] - 1
    column = np.asarray(dark[:, yaxis[0] : yaxis[1] + 1].all(axis=1), dtype=bool)
    if end >= floor or floor >= len(column):
        return end
    below = column[end + 1 : floor + 1]
    if not below.any() or not below[-1]:
        return end
    cut = np.nonzero(~below)[0]
    resumes = end + 2 + int(cut[-1]) if len(cut) else end + 1  # its last unbroken run
    if resumes - end - 1 > BREAK_GAP * dark.shape[0]:
        return end
    return floor + int(np.argmin(np.append(column[floor:], False)))  # on past the x axis


def slanted(strip: np.ndarray, cols: np.ndarray) -> bool:
    """Whether the mark touching a strip's first row in columns ``cols`` (rows: distance
    from the axis; columns: position along it) runs slanted, as an axis break's stroke
    does, rather than square to the axis as a tick mark: followed out row by row (the
    runs of ink overlapping the last row's, while no wider than twice its first width),
    its middle shifts by more than ``SLANT`` of a pixel per pixel out, and by more than
    its own width."""
    a, b = int(cols.min()), int(cols.max())
    width = b - a + 1
    middles = [(a + b) / 2]
    for row in strip[1:]:
        ink = np.nonzero(row[max(a - 1, 0) : b + 2])[0] + max(a - 1, 0)
        if len(ink) == 0:
            break
        runs = np.split(ink, np.nonzero(np.diff(ink) > 1)[0] + 1)
        a, b = int(runs[0][0]), int(runs[-1][-1])
        while a > 0 and row[a - 1]:
            a -= 1
        while b + 1 < len(row) and row[b + 1]:
            b += 1
        if b - a + 1 > 2 * width + 2:
            break
        middles.append((a + b) / 2)
    if len(middles) < 4:
        return False
    slope = float(np.polyfit(np.arange(len(middles)), middles, 1)[0])
    return abs(slope) > SLANT and abs(middles[-1] - middles[0]) > width


def square_core(strip: np.ndarray, cols: np.ndarray, length: int, width: int) -> float | None:
    """The middle of a tick mark joined to a slanted stroke (a break mark drawn across
    the lowest tick): the one band of positions about ``cols``, as wide as the ticks
    (``width``, within a pixel), whose ink runs straight out from the axis for the ticks'
    common ``length`` (less a pixel) and stands apart over its outer half (no ink beside
    it there, as a slanted stroke's rows have); None when there is none."""
    if length < 3 or len(strip) < length:
        return None
    lo, hi = max(int(cols.min()) - 1, 0), int(cols.max()) + 2
    straight = np.append(strip[: length - 1, lo:hi].all(axis=0), False)
    outer = np.asarray(strip[length // 2 : length - 1].any(axis=0), dtype=bool)
    bands = []
    start = None
    for i, on in enumerate(straight):
        if on and start is None:
            start = i
        elif not on and start is not None:
            a, b = start + lo, i - 1 + lo
            beside = outer[max(a - 1, 0)] or (b + 1 < len(outer) and outer[b + 1])
            if abs(b - a + 1 - width) <= 1 and not beside:
                bands.append((a + b) / 2)
            start = None
    return bands[0] if len(bands) == 1 else None
