"""Reading a Kaplan-Meier plot from pixels: the plot's frame, its tick marks, the curves'
colours, and each curve followed column by column.

Coordinates are pixels, rows growing downwards; :mod:`analysis.published.digitize` turns
them into times and survival. Everything here works on numpy arrays (Pillow decodes the
file, scipy labels connected strokes), so no computer-vision package is needed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
from scipy import ndimage

from analysis.published import digitize_breaks as breaks
from analysis.published import digitize_chains as chained
from analysis.published import digitize_faded as faded
from analysis.published import digitize_shades as shaded

DARK = 0.5  # grey level under which a pixel is ink of a black curve
LINE = 0.6  # grey level under which a pixel is ink of an axis line or a tick (a thin grey line
#            drawn across two pixel columns, as ggplot2 theme_bw draws it, is about 0.52)
FAINT = 0.7  # the same for axis lines drawn in a mid grey, when no darker ones are found
GRAIN = 0.01  # median step between neighbouring light pixels from which paper is a scan's grain
DARK_PAGE = 0.3  # grey level under which the commonest colour is a dark page (a slide's)


@dataclass(frozen=True)
class Frame:
    """The plot area in pixels: ``left``/``right`` columns and ``top``/``bottom`` rows of
    its edges (the axis lines, or the panel's border when there is no line), and the
    thickness of those lines (0 for a panel without lines)."""

    left: int
    right: int
    top: int
    bottom: int
    line: int
    panel: bool
    y_right: bool = False  # the y axis stands at the plot's right edge (its ticks outside)
    level: float = 0.6  # grey level under which a pixel is ink of an axis line or a tick


@dataclass(frozen=True)
class Layer:
    """The pixels of one ink colour inside the plot: its colour, each pixel's strength
    (1 = the colour itself, 0 = the background) and the mask of the curve strokes."""

    colour: tuple[float, float, float]
    strength: np.ndarray
    mask: np.ndarray
    dark: bool
    shade: bool = False  # a grey told apart from another grey by its shade, as a colour


def grey_level(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's grey level, the mean of its channels (as a product, much faster than
    a mean over the last axis)."""
    return rgb @ np.full(3, 1 / 3, dtype=rgb.dtype)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of True along each row: (row, start, end exclusive)."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    d = np.diff(padded, axis=1)
    r1, c1 = np.nonzero(d == 1)
    _, c2 = np.nonzero(d == -1)
    return r1, c1, c2


def _longest(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the longest run's length and where it starts."""
    rows, starts, ends = _runs(mask)
    length = np.zeros(mask.shape[0], dtype=int)
    start = np.zeros(mask.shape[0], dtype=int)
    order = np.argsort(ends - starts, kind="stable")
    length[rows[order]] = (ends - starts)[order]
    start[rows[order]] = starts[order]
    return length, start


def _lines(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The longest straight lines of ink along rows, and those nearly as long, top to
    bottom: (first row, last row, start, end) of each band of rows."""
    length, start = _longest(mask)
    best = int(length.max(initial=0))
    if best < 0.25 * mask.shape[1]:
        return []
    long = length >= 0.9 * best
    bands, n = ndimage.label(long)
    out = []
    for lo_hi in ndimage.find_objects(bands)[:n]:
        lo, hi = lo_hi[0].start, lo_hi[0].stop - 1
        pick = lo + int(np.argmax(length[lo : hi + 1]))  # the box's edge, not an axis on it
        out.append((lo, hi, int(start[pick]), int(start[pick] + length[pick])))
    return out


def _line(mask: np.ndarray, last: bool) -> tuple[int, int, int, int] | None:
    """The longest straight line of ink along rows: (first row, last row, start, end);
    of several nearly as long, the last one (``last``) or the first."""
    found = _lines(mask)
    return (found[-1] if last else found[0]) if found else None


def find_frame(rgb: np.ndarray) -> Frame | None:
    """The plot area: the x axis (lowest long horizontal line meeting it) and the y axis
    (leftmost long vertical line) meeting at a corner, or else a uniformly tinted panel
    (ggplot2). A lower line not meeting the y axis (a numbers-at-risk table's own axis) is
    passed over."""
    grey = grey_level(rgb)
    dark = grey < LINE
    yaxis = _line(dark.T, last=False)
    found = _corner(dark, yaxis) or _detached(dark, yaxis) or _panel(rgb)
    if found is not None:
        return found
    # axis lines in a mid grey (#999999 is 0.6), the y axis on either side; a thin one
    # under heavy JPEG compression flickers across the level: a pixel it loses between
    # two it keeps is put back, along rows and along columns
    chroma = rgb.max(axis=2) - rgb.min(axis=2)
    faint = (grey < FAINT) & (chroma < 0.06)
    faint = ndimage.binary_closing(faint, np.ones((1, 3), bool)) | ndimage.binary_closing(
        faint, np.ones((3, 1), bool)
    )
    yaxis = _inked_up(_line(faint.T, last=False), grey < FAINT)
    return _corner(faint, yaxis) or _right_corner(faint)


def _inked_up(
    yaxis: tuple[int, int, int, int] | None, ink: np.ndarray
) -> tuple[int, int, int, int] | None:
    """A grey y axis line (first and last column, first row, end row) carried up through
    the ink of any colour over it (and a pixel JPEG lightened between two of ink): a curve
    dropping along the axis at time 0 hides it under its colour, and no curve reaches
    above the axis's top."""
    if yaxis is None:
        return None
    c0, c1, top, end = yaxis
    while top > 0:
        if ink[top - 1, c0 : c1 + 1].any():
            top -= 1
        elif top > 1 and ink[top - 2, c0 : c1 + 1].any():
            top -= 2
        else:
            break
    return c0, c1, top, end


def _corner(dark: np.ndarray, yaxis: tuple[int, int, int, int] | None) -> Frame | None:
    """The x axis (the lowest long horizontal line meeting the y axis) and the y axis
    meeting at its lower left corner."""
    for xaxis in reversed(_lines(dark)):
        if yaxis is None:
            break
        top = yaxis[2]
        left, right = yaxis[1], xaxis[3] - 1
        # the lines meet, or overshoot each other by a tick's length (outward ticks at 0
        # continue each axis past the corner, as matplotlib draws them)
        tick_v, tick_h = 0.03 * dark.shape[0], 0.03 * dark.shape[1]
        y_end, x_start = breaks.end_through_break(dark, yaxis, xaxis[0]), xaxis[2]
        near_corner = xaxis[0] - 3 - (xaxis[1] - xaxis[0]) <= y_end <= xaxis[1] + tick_v
        if near_corner and yaxis[0] - tick_h <= x_start <= yaxis[1] + 3 + (yaxis[1] - yaxis[0]):
            upper = _line(dark[: max(top + 4, 1)], last=False)
            top_line = upper[0] if upper else top
            first, last = _full_rows(dark, xaxis)
            return Frame(left, right, top_line, last, last - first + 1, panel=False)
    return None


def _full_rows(dark: np.ndarray, line: tuple[int, int, int, int]) -> tuple[int, int]:
    """The first and last rows of a horizontal line ((first row, last row, start, end),
    its rows those whose longest run is nearly the longest), with the rows beside them
    that are ink across nearly all its length: a curve dropping onto the x axis breaks the
    rows it covers, so the longest run in them falls short though the line runs on."""
    first, last, start, end = line
    full = dark[:, start:end].mean(axis=1) >= 0.9
    while first > 0 and full[first - 1]:
        first -= 1
    while last < len(full) - 1 and full[last + 1]:
        last += 1
    return first, last


def _right_corner(faint: np.ndarray) -> Frame | None:
    """A y axis at the right end of the x axis (no left axis line), both in a mid grey:
    the rightmost long vertical line meeting the lowest long horizontal one at its end."""
    verticals = _lines(faint.T)
    if not verticals:
        return None
    yaxis = verticals[-1]
    h, w = faint.shape
    for xaxis in reversed(_lines(faint)):
        x_end, y_end = xaxis[3] - 1, yaxis[3] - 1
        near_x = yaxis[0] - 3 - (yaxis[1] - yaxis[0]) <= x_end <= yaxis[1] + 0.03 * w
        near_y = xaxis[0] - 3 - (xaxis[1] - xaxis[0]) <= y_end <= xaxis[1] + 0.03 * h
        if near_x and near_y and yaxis[0] - xaxis[2] > 40:
            line = max(xaxis[1] - xaxis[0], yaxis[1] - yaxis[0]) + 1
            return Frame(xaxis[2], yaxis[0], yaxis[2], xaxis[1], line, panel=False,
                         y_right=True, level=FAINT)  # fmt: skip
    return None


def _detached(dark: np.ndarray, yaxis: tuple[int, int, int, int] | None) -> Frame | None:
    """The plot area of axes drawn apart (R base graphics without a box: each axis line
    runs from its first tick to its last, the plot reaching past them): the lowest long
    line starting right of the y axis, below where the y axis ends, each within a tenth
    of the image. The plot reaches as far past the x axis's last tick and the y axis's
    top as the axes stop short of the corner (R's 4% margin on both sides)."""
    if yaxis is None:
        return None
    h, w = dark.shape
    for xaxis in reversed(_lines(dark)):
        gap_x, gap_y = xaxis[2] - yaxis[1], xaxis[0] - yaxis[3]
        if 2 <= gap_x <= 0.1 * w and 2 <= gap_y <= 0.1 * h:
            right = min(xaxis[3] - 1 + gap_x, w - 1)
            return Frame(yaxis[1], right, max(yaxis[2] - gap_y, 0), xaxis[1],
                         xaxis[1] - xaxis[0] + 1, panel=False)  # fmt: skip
    return None


def on_light_paper(rgb: np.ndarray) -> np.ndarray:
    """The image as if printed on light paper: a dark page (a talk slide's navy or black
    background, with light axes, words and curves) is inverted, so its axes and words are
    dark ink on a light page, as everything else here expects; its curves keep colours
    told apart (each the complement of its own). The inverted page is made white, each
    channel scaled by the page's own: a tinted page (navy, inverted a warm grey) would
    hide grid lines a shade lighter than it, which are then the light grey lines they
    are on white paper, and words in any mix of the page and white are neutral greys."""
    paper = _commonest(rgb, 16)[0]
    if paper.mean() > DARK_PAGE:
        return rgb
    sample = rgb[::4, ::4]
    near = np.abs(sample - paper.astype(rgb.dtype)).max(axis=2) < 0.07
    if near.mean() <= 0.3:
        return rgb
    out = 1 - rgb
    out /= (1 - np.median(sample[near], axis=0)).astype(rgb.dtype)
    return np.clip(out, 0, 1, out=out)


def _commonest(rgb: np.ndarray, levels: int) -> list[np.ndarray]:
    """The image's colours, rounded to ``levels`` steps per channel, commonest first."""
    q = np.round(rgb[::2, ::2] * levels).astype(np.int64)
    base = levels + 1
    key = ((q[..., 0] * base + q[..., 1]) * base + q[..., 2]).ravel()
    counts = np.bincount(key, minlength=base**3)
    top = [v for v in np.argsort(counts)[::-1][:5] if counts[v] > 0]
    return [np.array([v // base**2, (v // base) % base, v % base]) / levels for v in top]


def _panel(rgb: np.ndarray) -> Frame | None:
    """A tinted rectangle (not white, light) covering much of the image."""
    for colour in _commonest(rgb, 32)[:3]:
        if np.abs(colour - 1).max() < 0.05 or colour.mean() < 0.6:
            continue
        tint = np.abs(rgb[..., 0] - np.float32(colour[0])) < 0.04
        for k in (1, 2):
            tint &= np.abs(rgb[..., k] - np.float32(colour[k])) < 0.04
        if tint.mean() < 0.15:
            continue
        rows = np.nonzero(tint.mean(axis=1) > 0.25)[0]
        cols = np.nonzero(tint.mean(axis=0) > 0.25)[0]
        h, w = tint.shape
        if (
            len(rows)
            and len(cols)
            and rows[0] > 0
            and rows[-1] < h - 1
            and cols[0] > 0
            and cols[-1] < w - 1
        ):
            return Frame(int(cols[0]) - 1, int(cols[-1]) + 1, int(rows[0]) - 1,
                         int(rows[-1]) + 1, 0, panel=True)  # fmt: skip
    return None


def _tick_centres(strip: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Centres of the tick marks in a strip (rows: distance from the axis; columns:
    position), from ``lo`` to ``hi``: marks touching the axis, of the common length."""
    strip = strip[:, max(lo, 0) : hi]
    if strip.size == 0:
        return np.zeros(0)
    touching = strip[0] | strip[min(1, len(strip) - 1)]
    labels, n = ndimage.label(touching)
    if n == 0:
        return np.zeros(0)
    centres, lengths, widths, slanted = [], [], [], []
    for i in range(1, n + 1):
        cols = np.nonzero(labels == i)[0]
        col = strip[:, cols].any(axis=1)
        length = int(np.argmin(col)) if not col.all() else strip.shape[0]
        if breaks.slanted(strip, cols):  # an axis break's stroke, not a tick
            slanted.append(cols)
            continue
        centres.append(cols.mean())
        lengths.append(length)
        widths.append(len(cols))
    if not lengths:
        return np.zeros(0)
    lengths_a = np.asarray(lengths)
    keep = (lengths_a >= 0.6 * lengths_a.max()) & (lengths_a >= 2)
    found = np.asarray(centres)[keep]
    if slanted:  # a tick the break's stroke is drawn across is still a tick
        common = int(np.median(lengths_a[keep]))
        width = int(np.median(np.asarray(widths)[keep]))
        joined = [breaks.square_core(strip, cols, common, width) for cols in slanted]
        found = np.sort(np.append(found, [c for c in joined if c is not None]))
    return found + max(lo, 0)


def find_ticks(rgb: np.ndarray, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Tick mark centres: columns of the x axis's ticks (outside, below the axis) and rows
    of the y axis's ticks (outside it: left, or right of a y axis on the right)."""
    dark = grey_level(rgb) < frame.level
    below = frame.bottom + 1
    xt = _tick_centres(dark[below : below + 40], frame.left - 3, frame.right + 4)
    if frame.y_right:
        right = frame.right + frame.line
        yt = _tick_centres(dark[:, right : right + 40].T, frame.top - 3, frame.bottom + 4)
        return xt, yt
    left = frame.left - frame.line if frame.line else frame.left
    strip = dark[:, max(left - 40, 0) : left][:, ::-1].T
    yt = _tick_centres(strip, frame.top - 3, frame.bottom + 4)
    if frame.line and len(yt) < 2:  # ticks a pixel or two long, touching a crisp line
        first = frame.left - frame.line + 1
        strip = dark[:, max(first - 40, 0) : first][:, ::-1].T
        yt = _tick_centres(strip, frame.top - 3, frame.bottom + 4)
    if frame.line and (len(xt) < 2 or len(yt) < 2):  # none outside: ticks drawn inward
        xi, yi = inward_ticks(dark, frame)
        xt, yt = (xi if len(xt) < 2 else xt), (yi if len(yt) < 2 else yt)
    return xt, yt


def inward_ticks(dark: np.ndarray, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Tick marks drawn inward from the x and y axis lines (``tick_params(direction="in")``,
    SPSS, many journals): short thin marks leaving the axis into the plot, all of one
    length, which no curve (running on along the axis, or dropping onto it) has; of
    minor and major marks, the major (:func:`_major_marks`)."""
    up = frame.bottom - frame.line
    widest = max(3, frame.line + 1)  # a blurred scan's ticks a pixel wider than its lines
    deep = 2 * _REACH  # major marks longer than a short mark may be, looked for deeper
    xt = _short_marks(
        dark[max(up - deep, 0) : up + 1][::-1], frame.left - frame.line - 2, frame.right + 1,
        widest,
    )  # fmt: skip
    right = frame.left + 1
    strip = dark[:, right : right + deep].T
    yt = _short_marks(strip, frame.top - 3, frame.bottom + 1, widest)
    return xt, yt


_REACH = 40  # pixels: a short mark ends within half of this from the axis


def _short_marks(strip: np.ndarray, lo: int, hi: int, widest: int = 3) -> np.ndarray:
    """Centres of the short marks touching a strip's first row (rows: distance from the
    axis), at most ``widest`` pixels wide, ending within half of :data:`_REACH`, of the
    commonest length (within two pixels), or of the major marks when those are minor
    ones between longer major ones ending within :data:`_REACH`; none unless at least
    two."""
    strip = strip[:, max(lo, 0) : hi]
    if strip.size == 0:
        return np.zeros(0)
    labels, n = ndimage.label(strip[0] | strip[min(1, len(strip) - 1)])
    centres, lengths = [], []
    for i in range(1, n + 1):
        cols = np.nonzero(labels == i)[0]
        col = strip[:, cols].any(axis=1)
        length = int(np.argmin(col)) if not col.all() else strip.shape[0]
        if len(cols) <= widest and 3 <= length <= _REACH and length < strip.shape[0]:
            centres.append(cols.mean() + max(lo, 0))
            lengths.append(length)
    short = np.asarray(lengths, dtype=int) <= 0.5 * min(_REACH, strip.shape[0])
    if short.sum() < 2:
        return np.zeros(0)
    common = int(np.bincount(np.asarray(lengths)[short]).argmax())
    keep = short & (np.abs(np.asarray(lengths) - common) <= 2)
    if keep.sum() < 2:
        return np.zeros(0)
    major = _major_marks(np.asarray(centres), np.asarray(lengths), keep)
    if major is not None:  # the commonest are minor ticks between longer major ones
        keep, common = major, int(np.median(np.asarray(lengths)[major]))
    return _hidden_ends(strip, np.sort(np.asarray(centres)[keep]) - max(lo, 0), common) + max(lo, 0)


def _major_marks(centres: np.ndarray, lengths: np.ndarray, minor: np.ndarray) -> np.ndarray | None:
    """The major ticks (a mask) when the commonest marks (``minor``) are minor ticks: at
    least two marks of one longer length (within two pixels), at least half as long
    again, with a minor mark between each two of them, evenly spaced; None otherwise."""
    longer = lengths[~minor & (lengths >= 1.5 * np.median(lengths[minor]))]
    if len(longer) < 2:
        return None
    major = np.abs(lengths - longer.max()) <= 2
    at = np.sort(centres[major])
    gaps = np.diff(at)
    if len(at) < 2 or gaps.max() - gaps.min() > 0.1 * np.median(gaps) + 1.5:
        return None
    between = np.histogram(centres[minor], bins=at)[0]
    return major if bool(np.all(between >= 1)) else None


def _hidden_ends(strip: np.ndarray, centres: np.ndarray, length: int) -> np.ndarray:
    """Evenly spaced inward ticks with those hidden at either end added: a step beyond the
    first or last, where ink leaves the axis at least as far as a tick (the other axis
    line at the corner, a curve starting along the axis at 100%)."""
    gaps = np.diff(centres)
    step = float(np.median(gaps))
    if step < 4 or gaps.max() - gaps.min() > 0.1 * step + 1.5:
        return centres
    reach = np.asarray(strip[: max(length - 1, 1)].all(axis=0), dtype=bool)
    found = list(centres)
    for sign in (-1, 1):
        while True:
            at = (found[0] if sign < 0 else found[-1]) + sign * step
            cols = np.arange(int(np.floor(at)), int(np.ceil(at)) + 1)
            if cols.min() < 0 or cols.max() >= strip.shape[1] or not reach[cols].any():
                break
            found.insert(0 if sign < 0 else len(found), at)
    return np.asarray(found)


def panel_ticks(
    rgb: np.ndarray, frame: Frame, xt: np.ndarray, yt: np.ndarray
) -> tuple[Frame, np.ndarray, np.ndarray]:
    """A panel without axis lines (ggplot2's) whose ticks are not found dark at its left
    and bottom: looked for again in a mid grey (ticks drawn #999999), then right of the
    panel (its y axis on the right); a plot boxed on all four sides (ggplot2's
    ``theme_bw``) with no y ticks at its left, outside or in: looked for right of the
    box. The frame returned says where they were found."""
    if frame.line and not frame.panel and not frame.y_right and len(yt) < 2:
        right = replace(frame, y_right=True)
        y2 = find_ticks(rgb, right)[1]
        if len(y2) >= 2:
            return right, xt, y2
    if not frame.panel or frame.line or (len(xt) >= 2 and len(yt) >= 2):
        return frame, xt, yt
    for trial in (replace(frame, level=FAINT), replace(frame, level=FAINT, y_right=True)):
        x2, y2 = find_ticks(rgb, trial)
        if len(xt) < 2 and len(x2) >= 2:
            xt = x2
        if len(yt) < 2 and len(y2) >= 2:
            return trial, xt, y2
    return frame, xt, yt


def _hue(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    mx, mn = np.maximum(np.maximum(r, g), b), np.minimum(np.minimum(r, g), b)
    chroma = mx - mn
    sat = np.where(mx > 0, chroma / np.maximum(mx, 1e-9), 0)
    c = np.maximum(chroma, 1e-9)
    h = np.where(mx == r, ((g - b) / c) % 6, np.where(mx == g, (b - r) / c + 2, (r - g) / c + 4))
    return h * 60, sat, mx


def background(crop: np.ndarray) -> np.ndarray:
    """The plot's background colour (its commonest)."""
    return _commonest(crop, 16)[0]


def find_layers(crop: np.ndarray) -> list[Layer]:
    """The ink colours of the curves: peaks of hue among saturated pixels, and black or
    dark grey when enough dark pixels form long strokes."""
    background = _commonest(crop, 16)[0]
    hue, sat, val = _hue(crop)
    minimum = max(0.3 * crop.shape[1], 20)
    coloured = (sat > 0.3) & (val > 0.25)
    colours: list[tuple[np.ndarray, bool]] = []
    peaks: list[float] = []
    hist = np.bincount((hue[coloured] // 5).astype(int) % 72, minlength=72).astype(float)
    smooth = hist + np.roll(hist, 1) + np.roll(hist, -1)
    for b in np.argsort(smooth)[::-1]:
        if smooth[b] < minimum:
            break
        if smooth[b] < smooth[(b - 1) % 72] or smooth[b] < smooth[(b + 1) % 72]:
            continue
        centre = b * 5 + 2.5
        if any(abs((centre - h + 180) % 360 - 180) < 15 for h in peaks):
            continue
        peaks.append(centre)
        near = coloured & (np.abs((hue - centre + 180) % 360 - 180) <= 12)
        if near.sum() < minimum:
            continue
        core = near & (sat >= np.quantile(sat[near], 0.7))
        colours.append((np.median(crop[core], axis=0), False))
    grey = grey_level(crop)
    if not colours:  # colours a JPEG's subsampling faded, told apart by their hues
        colours = [(c, False) for c in faded.faded_colours(crop, hue, sat, grey, minimum)]
    dark = (grey < 0.35) & (sat < 0.35)
    # beside colours, black ink is black: JPEG's greyish edges of dark colours are not
    if dark.sum() >= minimum and (not colours or np.median(grey[dark]) < 0.25):
        colours.append((np.median(crop[dark], axis=0), True))
    off = np.abs(crop - background.astype(crop.dtype)) @ np.ones(3, dtype=crop.dtype) > 0.06
    where = np.nonzero(off)  # only pixels off the background can be ink
    layers = [_layer(crop, background, colour, is_dark, where) for colour, is_dark in colours]
    light = _light_greys(crop, grey, sat, dark, off, minimum) if colours == [] or (
        len(colours) == 1 and colours[0][1]) else []  # fmt: skip
    if not light and colours and not any(is_dark for _, is_dark in colours):
        # beside colours a grey of its own (a spreadsheet's third series) is a curve too
        for grey_ink in _light_greys(crop, grey, sat, dark, off, minimum, reach=0.6):
            layers.append(_layer(crop, background, grey_ink, False, where, shade=True))
        return layers
    if not light and len(colours) == 1 and colours[0][1]:
        return _shaded(crop, background, grey, off & (sat < 0.1) & (grey < 0.8)) or layers
    if not light:
        return layers
    # greys: each a curve of its own shade (JAMA's dark and light grey; lifelines' black,
    # mid and light grey), not a black curve with its band; the darker ones' anti-aliased
    # edges are not the lighter ones' ink
    shades = [_layer(crop, background, c, False, where, shade=True)
              for c in ([colours[0][0]] if layers else []) + light]  # fmt: skip
    levels = [float(np.mean(la.colour)) for la in shades]
    masks = shaded.apart([la.mask for la in shades], grey, levels)
    return [replace(la, mask=m) for la, m in zip(shades, masks, strict=True)]


def _shaded(
    crop: np.ndarray, background: np.ndarray, grey: np.ndarray, neutral: np.ndarray
) -> list[Layer]:
    """Black ink that is curves drawn in greys of their own (black, grey25, grey40), each
    a layer of its shade (:func:`~analysis.published.digitize_shades.grey_shades`),
    without the darker ones' anti-aliased edges; empty when it is one black."""
    levels = shaded.grey_shades(grey, neutral)
    if not levels:
        return []
    where = np.nonzero(neutral)
    layers = [_layer(crop, background, np.full(3, level, dtype=crop.dtype), False, where,
                     shade=True) for level in levels]  # fmt: skip
    masks = shaded.apart([la.mask for la in layers], grey, levels)
    return [replace(la, mask=m) for la, m in zip(layers, masks, strict=True)]


def _light_greys(
    crop: np.ndarray, grey: np.ndarray, sat: np.ndarray, dark: np.ndarray, off: np.ndarray,
    minimum: float, reach: float = 0.25,
) -> list[np.ndarray]:  # fmt: skip
    """The colours of curves drawn in a lighter grey (0.4-0.8) than the black ink, darkest
    first: many pixels of one grey level (or of two levels well apart, each a curve's
    shade), away from the dark ink's edges, in thin strokes that are neither grid lines
    (straight across the plot) nor shaded bands (filled areas), one stroke of each grey
    reaching across ``reach`` of the plot's width. Empty when any grey fails."""
    w = grey.shape[1]
    near_dark = ndimage.binary_dilation(dark, iterations=2)
    cand = off & (sat < 0.1) & (grey > 0.4) & (grey < 0.8) & ~near_dark
    if cand.sum() < minimum:
        return []
    cand &= ~(cand.mean(axis=1) > 0.6)[:, None] & ~(cand.mean(axis=0) > 0.6)[None, :]
    hist = np.bincount((grey[cand] * 50).astype(int), minlength=51)[20:40].astype(float)
    if hist.sum() < minimum:
        return []
    found = _grey_strokes(crop, grey, cand, _grey_peaks(hist, minimum, w), reach, grain=False)
    if found or not _grainy(grey):
        return found
    # levels spread by a scan's blur, fading toner and grain (edges and grain at every
    # level): the greys of the strokes' cores alone (each pixel the darkest about it, in
    # a stroke: not a speck of grain, alone or with one other)
    stroke = ndimage.uniform_filter(cand.astype(np.float32), size=3) > 3.5 / 9
    core = cand & stroke & (grey <= ndimage.minimum_filter(grey, size=3))
    hist = np.bincount((grey[core] * 50).astype(int), minlength=51)[20:40].astype(float)
    return _grey_strokes(crop, grey, cand, _grey_peaks(hist, minimum, w), reach, grain=True)


def _grainy(grey: np.ndarray) -> bool:
    """Whether the paper is a scan's grain (neighbouring light pixels differing by
    :data:`GRAIN` or more in the median), not a program's flat white: only there are a
    grey's pixels spread over every level by it (anti-aliased dotted black lines at a low
    resolution spread theirs too, on flat paper)."""
    light = (grey[:, 1:] > 0.5) & (grey[:, :-1] > 0.5)
    step = np.abs(np.diff(grey, axis=1))[light]
    return bool(step.size and np.median(step) >= GRAIN)


def _grey_strokes(
    crop: np.ndarray, grey: np.ndarray, cand: np.ndarray, peaks: list[int], reach: float,
    grain: bool,
) -> list[np.ndarray]:  # fmt: skip
    """The colours of the greys at ``peaks`` (bins of 0.02 from 0.4) whose ``cand``
    pixels make thin strokes, one of each reaching across ``reach`` of the plot's width,
    not filled areas; empty when any grey fails. With ``grain`` its pixels a pixel apart
    are one stroke (a scan's grain breaks them apart)."""
    w = grey.shape[1]
    found = []
    for peak in peaks:
        level = (peak + 20 + 0.5) / 50
        ink = cand & (np.abs(grey - level) <= 0.04)
        filled = ndimage.binary_erosion(ink, np.ones((25, 1), bool)) & ndimage.binary_erosion(
            ink, np.ones((1, 25), bool))  # fmt: skip
        if filled.sum() > 0.1 * ink.sum():
            return []  # a filled area (a shaded band), not strokes
        joined = ndimage.binary_dilation(ink) if grain else ink
        labels, n = ndimage.label(joined, structure=np.ones((3, 3), bool))
        spans = [sl[1].stop - sl[1].start for sl in ndimage.find_objects(labels)[:n] if sl]
        if max(spans, default=0) < reach * w and _chained(labels, n, w) < reach * w:
            return []
        found.append(np.median(crop[ink], axis=0))
    return found


def _grey_peaks(hist: np.ndarray, minimum: float, width: int) -> list[int]:
    """The histogram bins (of 0.02 grey) of the curves' greys: one peak holding, with the
    three bins either side, 65% of the pixels (and ``minimum`` or more); or else two peaks
    at least :data:`~analysis.published.digitize_shades.APART` apart holding that much
    together, each as many pixels or more as a line two pixels thick across the plot,
    ``width`` wide (a curve's line, not a thin dotted line's grey dots nor a legend's
    box), darker first; empty when the greys are every level alike (edges of other ink)."""

    def around(b: int) -> float:
        return float(hist[max(b - 3, 0) : b + 4].sum())

    first = int(np.argmax(hist))
    if around(first) >= max(minimum, 0.65 * hist.sum()):
        return [first]
    apart = round(shaded.APART * 50)
    rest = hist.copy()
    rest[max(first - apart, 0) : first + apart + 1] = 0
    second = int(np.argmax(rest))
    together = around(first) + around(second)
    if rest[second] == 0 or min(around(first), around(second)) < max(minimum, 2 * width):
        return []
    return sorted([first, second]) if together >= 0.65 * hist.sum() else []


def _chained(labels: np.ndarray, n: int, w: int) -> int:
    """The widest run of columns long thin pieces cover one after another, each starting
    within 5% of the plot's width of the last one's end: a curve broken where other
    colours cross it (JPEG's tints at 96 dpi), not a legend's box (pieces over the same
    columns) nor a band's fringe (many pixels to a column)."""
    pieces = []
    for i, sl in enumerate(ndimage.find_objects(labels)[:n], start=1):
        if sl is None or sl[1].stop - sl[1].start < 0.1 * w:
            continue
        if (labels[sl] == i).sum() <= 6 * (sl[1].stop - sl[1].start):  # a stroke, not an area
            pieces.append((sl[1].start, sl[1].stop))
    best, start, end = 0, 0, -w
    for a, b in sorted(pieces):
        if a < end - 3:  # over the columns of the last one: not one curve's pieces
            return best
        start, end = (start, b) if a - end <= 0.05 * w else (a, b)
        best = max(best, end - start)
    return best


def _layer(
    crop: np.ndarray, background: np.ndarray, colour: np.ndarray, dark: bool,
    where: tuple[np.ndarray, ...], shade: bool = False,
) -> Layer:  # fmt: skip
    """How much of ``colour`` over the background each pixel (of those ``where``) holds
    (its strength); a coloured ink must also show the colour's own tint, so grey text
    edges do not count, while JPEG's blurred tints still do."""
    colour, background = colour.astype(crop.dtype), background.astype(crop.dtype)
    px = crop[where]
    direction = colour - background
    norm = float(direction @ direction)
    alpha = ((px - background) @ direction) / max(norm, 1e-9)
    if dark or shade:
        residual = np.linalg.norm(px - background - alpha[:, None] * direction, axis=1)
        fits = residual <= 0.25 * np.abs(alpha) * np.sqrt(norm) + 0.03
    else:
        tint = colour - colour.mean()
        beta = ((px - px.mean(axis=1, keepdims=True)) @ tint) / max(float(tint @ tint), 1e-9)
        fits = (beta >= 0.3 * alpha) & (beta >= 0.25)
    strength = np.zeros(crop.shape[:2], dtype=crop.dtype)
    strength[where] = np.where(fits & (alpha <= 1.3), np.clip(alpha, 0, 1), 0.0)
    # a curve is its colour at full strength; a band's translucent edge is about half
    mask = strength >= (0.5 if dark or shade else 0.65)
    return Layer(tuple(float(c) for c in colour), strength, mask, dark, shade)  # type: ignore[arg-type]


def exclusive(layers: list[Layer], crop: np.ndarray | None = None) -> list[Layer]:
    """Each pixel kept in one layer: of those it is ink of, the nearest in colour (given
    the ``crop``), else the one where it is strongest."""
    if len(layers) < 2:
        return layers
    stack = np.stack([layer.strength for layer in layers])
    if crop is None:
        best = np.argmax(stack, axis=0)
    else:
        far = np.full(stack.shape, np.inf, dtype=crop.dtype)
        for i, la in enumerate(layers):  # only where the layer has ink (curves are thin)
            where = np.nonzero(la.mask)
            d = crop[where] - np.asarray(la.colour, dtype=crop.dtype)
            far[i][where] = np.einsum("ij,ij->i", d, d)
        best = np.where(np.isfinite(far.min(axis=0)), np.argmin(far, axis=0),
                        np.argmax(stack, axis=0))  # fmt: skip
    return [Layer(la.colour, la.strength, la.mask & (best == i), la.dark, la.shade)
            for i, la in enumerate(layers)]  # fmt: skip


def run_lengths(mask: np.ndarray) -> np.ndarray:
    """The lengths of the vertical runs of ``mask`` (each stroke's thickness across it)."""
    _cols, starts, ends = _runs(mask.T)
    return ends - starts


def line_width(mask: np.ndarray) -> int:
    """The commonest thickness of the strokes (vertical runs of one to 24 pixels: a line 3
    points thick is 13 at 300 dpi)."""
    lengths = run_lengths(mask)
    lengths = lengths[lengths <= 24]
    if len(lengths) == 0:
        return 1
    return int(np.argmax(np.bincount(lengths)))


def clean(
    mask: np.ndarray, width: int, under: np.ndarray | None = None, leads_only: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The strokes that belong to curves: dashes joined, then boxes (legends) and short
    pieces (text, legend samples, isolated marks) removed. Returns the mask and the label
    of each pixel's joined stroke.

    ``under``: all the ink of the curves of this colour, when ``mask`` holds one broken
    (dashed or dotted) curve of them; a short piece is then kept when it leads into the
    curve's start through ink of the others (the curve hidden under another between), or
    lies in a gap between its long pieces at a row between theirs (its pieces there
    joined to another curve's, where the two ran together); every piece is kept when
    none is long (a dotted curve broken everywhere, by marks and by the curves over
    it), and a long row of dots is not taken for words. ``leads_only``: ``under`` is
    the ink of every curve (one colour's curve hidden under curves of other colours at
    its start); only the pieces leading into its start are kept."""
    reach = 2 * width + 2
    split = under is not None and not leads_only
    specks, count = ndimage.label(mask, structure=np.ones((3, 3), bool))
    sizes = np.bincount(specks.ravel(), minlength=count + 1)
    big = sizes >= max(3, width * width // 2)
    big[0] = False
    mask = big[specks]
    joined = ndimage.maximum_filter1d(mask.view(np.uint8), 2 * reach + 1, axis=1)
    joined = ndimage.maximum_filter1d(joined, 2 * reach + 1, axis=0).astype(bool)
    labels, n = ndimage.label(joined)
    keep = np.zeros(n + 1, dtype=bool)
    short = np.zeros(n + 1, dtype=bool)
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        rows, cols = np.nonzero(mask[sl] & (labels[sl] == i))
        if len(rows) == 0:
            continue
        tight = (slice(sl[0].start + rows.min(), sl[0].start + rows.max() + 1),
                 slice(sl[1].start + cols.min(), sl[1].start + cols.max() + 1))  # fmt: skip
        if _is_box(mask, tight):
            mask[tight] = False
        elif tight[1].stop - tight[1].start >= 0.15 * mask.shape[1]:
            # a row of dots is no line of words in one curve's ink, cleaned of text before
            keep[i] = split or not _is_text(mask[tight] & (labels[tight] == i), mask.shape)
        else:
            short[i] = True
    if under is not None and leads_only:
        if keep.any():
            _hidden_leads(mask, labels, keep, under, reach)
    elif under is not None and not keep.any():
        keep |= short
    elif under is not None:
        _hidden_leads(mask, labels, keep, under, reach)
        _between(mask, labels, keep, reach)
    kept = keep[labels] & mask
    return kept, np.where(kept, labels, 0)


def _hidden_leads(
    mask: np.ndarray, labels: np.ndarray, keep: np.ndarray, under: np.ndarray, tol: int
) -> None:
    """Mark in ``keep`` the short pieces left of the kept curve's start that lead into it:
    each as high as the start or higher (a falling curve), with ink of the other curves
    in every column between, within the rows from the piece to the start (the stretch
    where the curve runs under another; gaps no longer than ``tol``, a dash's, allowed).
    Taken right to left, each kept piece becoming
    the start."""
    inked = mask & keep[labels]
    cols = np.nonzero(inked.any(axis=0))[0]
    start = int(cols[0])
    row = float(np.nonzero(inked[:, start])[0].mean())
    pieces = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None or keep[i]:
            continue
        own = mask[sl] & (labels[sl] == i)
        inked_cols = np.nonzero(own.any(axis=0))[0]
        if len(inked_cols) and sl[1].start + inked_cols[-1] < start:
            pieces.append((sl[1].start + int(inked_cols[-1]), i, sl, own))
    for right, i, sl, own in sorted(pieces, key=lambda p: p[0], reverse=True):
        if right >= start:
            continue
        rows = np.nonzero(own[:, right - sl[1].start])[0] + sl[0].start
        if rows.max() > row + tol:
            continue
        top, bottom = max(int(rows.min()) - tol, 0), int(row) + tol + 1
        inked = np.asarray(under[top:bottom, right + 1 : start].any(axis=0), dtype=bool)
        if _longest_gap(~inked) > tol:
            continue
        keep[i] = True
        first = int(np.nonzero(own.any(axis=0))[0][0])
        start = sl[1].start + first
        row = float((np.nonzero(own[:, first])[0] + sl[0].start).mean())


def _between(mask: np.ndarray, labels: np.ndarray, keep: np.ndarray, tol: int) -> None:
    """Mark in ``keep`` the short pieces lying in a gap between the kept pieces (no kept
    ink in their columns), no higher than the kept line just left of the gap and no lower
    than the one just right of it (within ``tol``): a falling curve's dots or dashes cut
    off from the rest where its others were joined to another curve's running with it."""
    inked = mask & keep[labels]
    has = inked.any(axis=0)
    cols = np.nonzero(has)[0]
    rowsum = (inked * np.arange(mask.shape[0])[:, None]).sum(axis=0)
    level = np.where(has, rowsum / np.maximum(inked.sum(axis=0), 1), np.nan)
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None or keep[i]:
            continue
        own = mask[sl] & (labels[sl] == i)
        inked_cols = np.nonzero(own.any(axis=0))[0]
        if len(inked_cols) == 0:
            continue
        a, b = sl[1].start + inked_cols[0], sl[1].start + inked_cols[-1]
        left, right = cols[cols < a], cols[cols > b]
        if len(left) == 0 or len(right) == 0 or has[a : b + 1].any():
            continue
        rows = np.nonzero(own.any(axis=1))[0] + sl[0].start
        if rows.min() >= level[left[-1]] - tol and rows.max() <= level[right[0]] + tol:
            keep[i] = True


def _longest_gap(empty: np.ndarray) -> int:
    """The longest run of True in a row of columns (0 when none)."""
    if not empty.any():
        return 0
    _rows, starts, ends = _runs(empty[None, :])
    return int((ends - starts).max())


STACKED = 0.1  # share of a broken curve's columns with its pieces over one another


def split_by_style(
    mask: np.ndarray, n: int, dash_dot: bool = False
) -> list[tuple[np.ndarray, int]]:
    """Black curves told apart by line type: each long unbroken stroke is a solid curve;
    the pieces left (dashes, dots) are grouped by size, one group per broken curve.
    ``dash_dot``: the legend shows a dash-dot line (:func:`dash_dot_legend`). Returns
    (mask, number of curves in it) for each group."""
    mask = without_legend(mask, line_width(mask))
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), bool))
    slices = ndimage.find_objects(labels)
    long = [i + 1 for i, sl in enumerate(slices)
            if sl is not None and sl[1].stop - sl[1].start >= 0.3 * mask.shape[1]]  # fmt: skip
    if not long:
        return [(mask, n)]
    if n == 1:  # dashed lines beside the one solid curve: its confidence band (R's default)
        widest = max(long, key=lambda i: slices[i - 1][1].stop - slices[i - 1][1].start)
        return [(labels == widest, 1)]
    solid = long[:n]
    parts = [(labels == i, 1) for i in solid]
    width = line_width(mask)
    crossing = [_crossing(m, width) for m, _ in parts]
    cut: set[int] = set()  # pieces cut off a solid curve: another's drop and what hangs off it
    if any(c.any() for c in crossing):  # other curves' drops across a solid one are theirs
        parts = [(_widest(m & ~c), 1) for (m, _), c in zip(parts, crossing, strict=True)]
        labels, count = ndimage.label(
            mask & ~np.logical_or.reduce([m for m, _ in parts]), structure=np.ones((3, 3), bool)
        )
        slices = ndimage.find_objects(labels)
        solid = []
        cut = set(np.unique(labels[np.logical_or.reduce(crossing)]).tolist()) - {0}
    k = n - len(parts)
    rest = np.setdiff1d(np.arange(1, count + 1), solid)
    if k == 0 or len(rest) == 0:
        return parts
    # marks would be grouped with the dashes they are as big as: left out, unless only
    # one broken curve is found without them (all the rest is then its, marks too)
    unmarked = np.asarray(
        [i for i in rest if i in cut or not _is_cross(labels[slices[i - 1]] == i, width)]
    )
    broken = _broken(labels, unmarked, k, width) if k >= 2 and len(unmarked) else []
    by_size = broken if len(broken) >= 2 else _broken(labels, rest, k, width)
    dealing = k >= 3 or (k == 2 and dash_dot)
    if dealing and max((chained.stacked(p, width) for p in by_size), default=1.0) > STACKED:
        # three broken line types or more (a dash-dot's dashes and dots are as big as
        # the dashed and dotted curves' pieces), or two where the legend shows a dash-dot
        # (grouped by size, a dashed and a dash-dot curve part into dashes and dots), and
        # grouped by size a curve's pieces lie over one another (curves mixed): the
        # pieces are dealt to curves by where they run, when that parts them
        groups = chained.dealt(chained.chains(labels, rest, width), k, width, mask.shape[1])
        if groups is not None:
            return parts + [(np.isin(labels, g), 1) for g in groups]
    return parts + [(p, 1) for p in by_size]


def dash_dot_legend(mask: np.ndarray, kept: np.ndarray, width: int) -> bool:
    """Whether a legend of one ink shows a dash-dot line: a sample (:func:`sample_dashes`)
    of three pieces or more, its longest at least two and a half times its shortest (a
    dashed or dotted sample's pieces are all alike)."""
    return any(len(d) >= 3 and max(d) >= 2.5 * min(d) for d in sample_dashes(mask, kept, width))


def is_broken(mask: np.ndarray) -> bool:
    """Whether a curve's ink is broken (dashed, dotted): no piece of it spans 30% of the
    plot's columns, as a solid curve's stroke does."""
    slices = ndimage.find_objects(ndimage.label(mask, structure=np.ones((3, 3), bool))[0])
    spans = [sl[1].stop - sl[1].start for sl in slices if sl is not None]
    return bool(spans) and max(spans) < 0.3 * mask.shape[1]


def _widest(mask: np.ndarray) -> np.ndarray:
    """The connected piece of ``mask`` spanning the most columns."""
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    spans = [sl[1].stop - sl[1].start for sl in ndimage.find_objects(labels)]
    return np.asarray(labels == int(np.argmax(spans)) + 1)


def _crossing(piece: np.ndarray, width: int) -> np.ndarray:
    """The pixels of a solid curve's drawing that are another curve's drop crossing it:
    the parts of vertical strokes reaching more than three line widths (more than a
    censor mark) above the solid line's row on both sides of the stroke, or below it on
    both sides (its own drop leaves one side's row for the other's)."""
    out = np.zeros(piece.shape, dtype=bool)
    cols, starts, ends = _runs(piece.T)
    thin = (ends - starts) <= width + 2
    level = np.full(piece.shape[1], np.nan)
    single = np.bincount(cols, minlength=piece.shape[1]) == 1
    level[cols[thin & single[cols]]] = (
        starts[thin & single[cols]] + ends[thin & single[cols]] - 1
    ) / 2
    reach, far = 3 * width + 4, 4 * width + 10
    for c, a, b in zip(
        cols[~thin].tolist(), starts[~thin].tolist(), ends[~thin].tolist(), strict=True
    ):
        left = level[max(c - far, 0) : c][::-1]
        right = level[c + 1 : c + 1 + far]
        left, right = left[np.isfinite(left)], right[np.isfinite(right)]
        if len(left) == 0 or len(right) == 0:
            continue
        upper, lower = min(left[0], right[0]), max(left[0], right[0])
        if a < upper - reach:
            out[a : int(upper - width / 2), c] = True
        if b - 1 > lower + reach:
            out[int(lower + width / 2) + 1 : b, c] = True
    return out


def _broken(labels: np.ndarray, rest: np.ndarray, k: int, width: int) -> list[np.ndarray]:
    """The pieces ``rest`` (labels) grouped into up to ``k`` broken curves, each across at
    least 30% of the plot: by size (pixels), by reach (width plus height) or by both
    (the product), whichever parts them most clearly (a dash drawn one pixel thick at
    low resolution holds about as many pixels as a thicker line's dot, but reaches twice
    as far; where the thin dashes' reach also comes near the dots', the product keeps
    them apart); each also measured without the thin tall strokes across it (censor
    ticks drawn on dots and dashes, which make a ticked dot as big as a dash)."""
    slices = ndimage.find_objects(labels)
    shapes = [_untallied(labels[slices[i - 1]] == i, width) for i in rest]
    sizes = np.log([float(m.sum()) for m in shapes])
    reach = np.log([float(np.ptp(np.nonzero(m.any(axis=1))[0])
                          + np.ptp(np.nonzero(m.any(axis=0))[0]) + 2) for m in shapes])  # fmt: skip
    groups = np.zeros(len(rest), int)
    if len(rest) >= 3 * k:  # by whichever measure parts them more clearly
        groups = max(((_size_groups(v, k), v) for v in (sizes, reach, sizes + reach)),
                     key=lambda gv: _parted(gv[1], gv[0]))[0]  # fmt: skip
    pieces = [np.isin(labels, rest[groups == g]) for g in range(k)]
    out = []
    for piece in _side_by_side_joined([p for p in pieces if p.any()]):
        cols = np.nonzero(piece.any(axis=0))[0]
        if cols[-1] - cols[0] >= 0.3 * labels.shape[1]:
            out.append(piece)
    return out


def _untallied(piece: np.ndarray, width: int) -> np.ndarray:
    """A piece without the tall strokes across it drawn narrower than its line is thick
    (censor ticks on a dot or a dash; a step's riser is as wide as the line), or the
    whole piece when nothing else is left."""
    cols, starts, ends = _runs(piece.T)
    tall = np.zeros(piece.shape[1], dtype=bool)
    tall[cols[ends - starts > width + 2]] = True
    out = piece.copy()
    _c, first, last = _runs(tall[None, :])
    for a, b in zip(first.tolist(), last.tolist(), strict=True):
        if width >= 4 and b - a < 0.8 * width:  # (thinner lines: no narrower stroke)
            for c in range(a, b):
                runs_c = (cols == c) & (ends - starts > width + 2)
                for s0, e0 in zip(starts[runs_c].tolist(), ends[runs_c].tolist(), strict=True):
                    out[s0:e0, c] = False
    return out if out.any() else piece


def _is_cross(piece: np.ndarray, width: int) -> bool:
    """A "+" censor mark, not a dash: wider and taller than a few line widths, with ink
    across its middle and none in its box's corners (a dash turning a step's corner inks
    one)."""
    h, w = piece.shape
    if min(h, w) < 2 * width + 2:
        return False
    ch, cw = max(h // 4, 1), max(w // 4, 1)
    corners = (piece[:ch, :cw], piece[:ch, -cw:], piece[-ch:, :cw], piece[-ch:, -cw:])
    middle_row = piece[h // 2 - 1 : h // 2 + 2].any(axis=0).mean()
    middle_col = piece[:, w // 2 - 1 : w // 2 + 2].any(axis=1).mean()
    if any(c.any() for c in corners) or min(middle_row, middle_col) <= 0.8:
        return False
    # a mark on a dash: the dash (its horizontal arm) drawn thicker than the mark's stroke
    arms = (piece[:, :cw].sum(axis=0), piece[:, -cw:].sum(axis=0))
    across = np.concatenate([a[a > 0] for a in arms])
    upright = np.concatenate([piece[:ch].sum(axis=1), piece[-ch:].sum(axis=1)])
    upright = upright[upright > 0]
    return not (len(across) and len(upright) and np.median(across) > np.median(upright) + 1)


def _side_by_side_joined(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """Groups of pieces that follow one another rather than run alongside are one curve
    (its dashes drawn shorter where it falls steeply)."""
    out = list(pieces)
    merged = True
    while merged and len(out) > 1:
        merged = False
        cover = [p.any(axis=0) for p in out]
        for i, j in itertools.combinations(range(len(out)), 2):
            shared = (cover[i] & cover[j]).sum() / max(min(cover[i].sum(), cover[j].sum()), 1)
            if shared < 0.3:
                out[i] = out[i] | out.pop(j)
                merged = True
                break
    return out


def _parted(values: np.ndarray, groups: np.ndarray) -> float:
    """How clearly ``groups`` part ``values``: the narrowest empty gap between the values
    of groups next to each other, over the spread of the middle 90% of the values (a
    margin: the share of variance between groups favours values tight within groups
    even when split where they run on without a gap)."""
    found = sorted((values[groups == g] for g in np.unique(groups)), key=np.mean)
    lo, hi = np.quantile(values, (0.05, 0.95))
    if len(found) < 2 or hi <= lo:
        return 0.0
    gap = min(float(b.min() - a.max()) for a, b in itertools.pairwise(found))
    return gap / float(hi - lo)


def _size_groups(values: np.ndarray, k: int) -> np.ndarray:
    """One-dimensional k-means: the group of each value, groups ordered by size."""
    centres = np.quantile(values, (np.arange(k) + 0.5) / k)
    groups = np.zeros(len(values), dtype=int)
    for _ in range(30):
        groups = np.argmin(np.abs(values[:, None] - centres[None, :]), axis=1)
        centres = np.array([values[groups == g].mean() if (groups == g).any() else centres[g]
                            for g in range(k)])  # fmt: skip
    return groups


def inks_of(rgb: np.ndarray, layers: list[Layer]) -> list[np.ndarray]:
    """The masks of the layers' inks (each colour at a curve's strength) in another image,
    each pixel kept in one of them, the nearest in colour (two dark colours, a blue and a
    teal, are each other's ink at a curve's strength)."""
    background = _commonest(rgb, 16)[0]
    off = np.abs(rgb - background.astype(rgb.dtype)) @ np.ones(3, dtype=rgb.dtype) > 0.06
    masks = [_layer(rgb, background, np.asarray(la.colour), la.dark, np.nonzero(off),
                    la.shade).mask for la in layers]  # fmt: skip
    if len(masks) < 2:
        return masks
    where = np.nonzero(np.logical_or.reduce(masks))  # only where some ink is (a few pixels)
    px = rgb[where]
    far = np.stack([np.where(m[where], ((px - np.asarray(la.colour, rgb.dtype)) ** 2).sum(axis=1),
                             np.inf) for m, la in zip(masks, layers, strict=True)])  # fmt: skip
    best = np.argmin(far, axis=0)
    out = []
    for i, m in enumerate(masks):
        kept = np.zeros_like(m)
        kept[where] = m[where] & (best == i)
        out.append(kept)
    return out


def legend_sample(mask: np.ndarray, kept: np.ndarray, width: int) -> tuple[float, float] | None:
    """Where a legend shows this ink: the one short, thin horizontal stroke of it left
    out of the curves (row, column of its centre), if there is exactly one (``kept``
    empty: any stroke)."""
    found = legend_samples(mask, kept, width)
    return found[0] if len(found) == 1 else None


def legend_samples(mask: np.ndarray, kept: np.ndarray, width: int) -> list[tuple[float, float]]:
    """Every short, thin, level horizontal stroke of this ink left out of the curves (row,
    column of its centre) that may be a legend's sample (:func:`legend_sample` takes the
    one when there is one; a dashed sample is looked for only when no single stroke is)."""
    free = mask & ~kept if kept.size else mask
    labels, _ = ndimage.label(free, structure=np.ones((3, 3), bool))
    found = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        w = sl[1].stop - sl[1].start
        # thin along most of its length (a censor mark drawn on the sample still counts)
        own = labels[sl] == i
        heights = own.sum(axis=0)
        h = np.median(heights)
        # and level, any mark inside it: a piece of a staircase (a curve's start left out
        # of the curve) is not a sample, nor a step, its riser at one end
        thin = (heights > 0) & (heights <= width + 3)
        rows = (own * np.arange(own.shape[0])[:, None]).sum(axis=0)[thin] / heights[thin]
        tall = np.nonzero(heights > width + 3)[0]
        inside = len(tall) == 0 or (tall.min() >= 0.15 * w and tall.max() < 0.85 * w)
        level = (len(rows) == 0 or np.ptp(rows) <= width) and inside
        if 0.02 * mask.shape[1] <= w <= 0.15 * mask.shape[1] and h <= width + 3 and level:
            found.append(((sl[0].start + sl[0].stop) / 2, (sl[1].start + sl[1].stop) / 2))
    if len(found) != 1:  # a dashed sample: a level row of pieces, a dash among them
        w = mask.shape[1]
        rows = [(float(np.mean([p[0] for p in g])), g[0][1], max(p[2] for p in g))
                for g in _in_rows(labels, width, 5 * width + 3)  # gaps of four widths
                if (_dashed(g, width) or _dotted(g, width)) and np.ptp([p[0] for p in g]) <= 1]  # fmt: skip
        dashed = [(row + 0.5, (a + b) / 2) for row, a, b in rows if 0.03 * w <= b - a <= 0.15 * w]
        found = dashed if len(dashed) == 1 else found
    return found


def _dashed(row: list[tuple[float, int, int, int]], width: int) -> bool:
    """Whether a level row of pieces may be a dashed line's sample: two pieces or more, a
    dash (three line widths long or more) among them."""
    return len(row) >= 2 and max(p[2] - p[1] for p in row) >= 3 * width


def _dotted(row: list[tuple[float, int, int, int]], width: int) -> bool:
    """Whether a level row of pieces is a dotted line's sample: three dots or more, each
    under three line widths long, evenly spaced (their starts' steps within a line width
    of one another; a JPEG blurs a dot's edge by a pixel) and apart (gaps of a line width
    and a half or more, as R's and matplotlib's dotted lines leave: a row of censor
    ticks' fragments along a line is closer)."""
    if len(row) < 3 or max(p[2] - p[1] for p in row) >= 3 * width:
        return False
    steps = np.diff([p[1] for p in row])
    gaps = np.asarray([p[1] for p in row[1:]]) - np.asarray([p[2] for p in row[:-1]])
    return bool(np.ptp(steps) <= max(width, 2) and gaps.min() >= 1.5 * width)


def _is_text(piece: np.ndarray, shape: tuple[int, ...]) -> bool:
    """A line of words: low (under 8% of the plot's height) and made only of separate
    marks about as wide as the line is high (letters), where even a dashed curve falls
    across the plot; most of the marks at least half as tall as the line (a dashed
    curve's flat dashes after its drop, the drop making the piece tall, are no
    letters)."""
    if piece.shape[0] >= 0.08 * shape[0]:
        return False
    labels, _ = ndimage.label(piece, structure=np.ones((3, 3), bool))
    boxes = [sl for sl in ndimage.find_objects(labels) if sl is not None]
    widths = [sl[1].stop - sl[1].start for sl in boxes]
    heights = [sl[0].stop - sl[0].start for sl in boxes]
    letters = np.median(heights) >= 0.5 * piece.shape[0] if heights else False
    return bool(letters) and max(widths, default=0) < max(0.03 * shape[1], 1.5 * piece.shape[0])


def _is_box(mask: np.ndarray, sl: tuple[slice, slice]) -> bool:
    """A rectangle outline (a legend's frame): ink along most of all four edges, and
    little inside; an edge on the plot's own border (a legend in a corner, R's default)
    counts as drawn."""
    box = mask[sl]
    if box.shape[0] < 8 or box.shape[1] < 8:
        return False
    h, w = mask.shape
    on_border = [sl[0].start <= 1, sl[0].stop >= h - 1, sl[1].start <= 1, sl[1].stop >= w - 1]
    edges = [box[:2].any(axis=0), box[-2:].any(axis=0), box[:, :2].any(axis=1),
             box[:, -2:].any(axis=1)]  # fmt: skip
    drawn = [border or e.mean() > 0.9 for border, e in zip(on_border, edges, strict=True)]
    hollow = box[2:-2, 2:-2].mean() < 0.5  # a thick dash is a filled rectangle
    return all(drawn) and sum(on_border) <= 2 and bool(hollow)


def column_runs(mask: np.ndarray, strength: np.ndarray) -> list[list[tuple[int, int, float]]]:
    """Per column: the runs of ink (top, bottom inclusive, strength-weighted centre, the
    pixel just above and below included for their anti-aliased share)."""
    cols, starts, ends = _runs(mask.T)
    h = mask.shape[0]
    w = np.vstack([np.zeros((1, mask.shape[1])), strength.astype(float)])
    total = np.cumsum(w, axis=0)
    moment = np.cumsum(w * np.arange(-1, h)[:, None], axis=0)
    lo, hi = np.maximum(starts - 1, 0), np.minimum(ends + 1, h)
    mass = total[hi, cols] - total[lo, cols]
    centre = (moment[hi, cols] - moment[lo, cols]) / np.maximum(mass, 1e-9)
    out: list[list[tuple[int, int, float]]] = [[] for _ in range(mask.shape[1])]
    for c, a, b, m in zip(
        cols.tolist(), starts.tolist(), ends.tolist(), centre.tolist(), strict=True
    ):
        out[c].append((a, b - 1, m))
    return out


def legend_styles(
    mask: np.ndarray, kept: np.ndarray, width: int, alone: bool = False
) -> list[tuple[float, float]]:
    """A legend's line samples of one ink (solid, dashed, dotted): rows of short thin
    pieces left out of the curves, starting in one column. Returns (row, share of the
    sample's columns inked) for each, top to bottom; empty unless two or more line up.
    ``alone``: only samples with no other ink of theirs a few line widths above or below
    (see :func:`_alone`; the other samples aside) count: a curve's own dotted confidence
    limits, their flat stretches starting in one column by chance, run close to the curve
    or to each other somewhere along them."""
    found = _samples(mask & ~kept, width)
    if alone and found:
        others = mask & ~np.logical_or.reduce([pixels for _, _, pixels in found])
        found = [s for s in found if _alone(others | s[2], s[2], width)]
    return sorted((row, share) for row, share, _ in found) if len(found) >= 2 else []


def sample_dashes(mask: np.ndarray, kept: np.ndarray, width: int) -> list[list[int]]:
    """The lengths (columns) of each legend sample's pieces, top to bottom, the samples
    as :func:`legend_styles` finds them (a solid sample is one piece)."""
    out = []
    for _row, _share, pixels in sorted(_samples(mask & ~kept, width), key=lambda s: s[0]):
        labels, _ = ndimage.label(pixels, structure=np.ones((3, 3), bool))
        out.append(sorted(sl[1].stop - sl[1].start for sl in ndimage.find_objects(labels)
                          if sl is not None))  # fmt: skip
    return out


def without_legend(mask: np.ndarray, width: int) -> np.ndarray:
    """One ink's strokes without a legend's line samples drawn in it (two or more rows
    of short thin pieces starting in one column, see :func:`legend_styles`): set aside
    before its pieces are grouped by line type, where a sample's dashes would join a
    curve's."""
    out = mask.copy()
    samples = [sample for _, _, sample in _samples(mask, width)]
    if samples and all(_alone(mask, sample, width) for sample in samples):
        for sample in samples:
            out &= ~sample
    return out


def _alone(mask: np.ndarray, sample: np.ndarray, width: int) -> bool:
    """Whether a legend sample stands alone: no other ink within a few line widths above
    or below it (a curve's stretch between two drops has their risers at its ends)."""
    rows = np.nonzero(sample.any(axis=1))[0]
    cols = np.nonzero(sample.any(axis=0))[0]
    reach = 3 * width + 6
    box = (slice(max(int(rows[0]) - reach, 0), int(rows[-1]) + reach + 1),
           slice(max(int(cols[0]) - width, 0), int(cols[-1]) + width + 1))  # fmt: skip
    return not (mask[box] & ~sample[box]).any()


def _samples(free: np.ndarray, width: int) -> list[tuple[float, float, np.ndarray]]:
    """The legend samples among the pieces ``free``: (row, share of the sample's columns
    inked, its pixels) for each, when two or more line up; else none."""
    labels, _ = ndimage.label(free, structure=np.ones((3, 3), bool))
    w = free.shape[1]
    samples = []
    for g in _in_rows(labels, width):
        left, right = g[0][1], max(p[2] for p in g)
        if 0.03 * w <= right - left <= 0.15 * w:
            inked = sum(p[2] - p[1] for p in g) / (right - left)
            samples.append((float(np.mean([p[0] for p in g])), float(left), min(inked, 1.0),
                            [p[3] for p in g]))  # fmt: skip
    if len(samples) < 2:
        return []
    lefts = np.array([s[1] for s in samples])
    near = max(3, (width + 1) // 2)  # a solid sample's cap may reach half a line further
    common = max(lefts, key=lambda v: int((np.abs(lefts - v) <= near).sum()))
    lined = [(r, share, np.isin(labels, ids)) for r, c, share, ids in samples
             if abs(c - common) <= near]  # fmt: skip
    return lined if len(lined) >= 2 else []


def _in_rows(
    labels: np.ndarray, width: int, reach: int | None = None
) -> list[list[tuple[float, int, int, int]]]:
    """The labelled pieces no taller than a line, in rows of pieces one after another
    (each within ``reach`` of the last, by default a few line widths, at its row): each
    row's pieces as (row, first column, last column + 1, label)."""
    pieces = [
        ((sl[0].start + sl[0].stop - 1) / 2, sl[1].start, sl[1].stop, i)
        for i, sl in enumerate(ndimage.find_objects(labels), start=1)
        if sl is not None and sl[0].stop - sl[0].start <= width + 3
    ]
    reach = max(6, 3 * width + 3) if reach is None else reach
    groups: list[list[tuple[float, int, int, int]]] = []
    for p in sorted(pieces, key=lambda p: (round(p[0]), p[1])):
        g = next((g for g in groups if abs(g[-1][0] - p[0]) <= width + 0.5
                  and 0 <= p[1] - g[-1][2] <= reach), None)  # fmt: skip
        if g is None:
            groups.append([p])
        else:
            g.append(p)
    return groups
