"""Curves drawn as one and the same line, told apart only by the marker symbols on their
steps (open circles, filled triangles, open squares: black-and-white print figures).

Grouped by line type they are one solid stroke, joined where they meet at the start, and
the markers' rims look like lines of their own. The markers are shapes at least twice
as wide and tall as the line (open ones filled in); they are cut out, and the lines
between them are counted and followed, the gaps the markers leave joined as a dashed
line's are. Where the markers overlap in long runs no line shows between them, so each
symbol is then learnt from its lone markers (:func:`shapes`), matched over the ink
(:func:`find_markers`), and each curve redrawn through its symbol's markers
(:func:`restep`)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, optimize

FEWEST = 10  # markers enough to call a figure's steps marked (not a stray blot)


@dataclass(frozen=True)
class Marked:
    """One ink's curves with their markers cut out: ``bare`` the strokes left, ``cover``
    where the markers were (a little grown), ``count`` the markers."""

    bare: np.ndarray
    cover: np.ndarray
    count: int


def cut_markers(mask: np.ndarray, width: int) -> Marked | None:
    """The markers of one ink's strokes cut out, or None when fewer than :data:`FEWEST`
    shapes (open ones filled in) hold a square twice the line's width across."""
    size = 2 * width + 2
    filled = ndimage.binary_fill_holes(mask)
    blobs = ndimage.binary_opening(filled, structure=np.ones((size, size), bool))
    count = int(ndimage.label(blobs)[1])
    if count < FEWEST:
        return None
    cover = ndimage.binary_dilation(blobs, structure=np.ones((3, 3), bool), iterations=2)
    return Marked(mask & ~cover, cover, count)


@dataclass(frozen=True)
class Shape:
    """One marker symbol: ``ink`` its drawn pixels, ``body`` the pixels it covers (an
    open one's inside too), both centred on the marker."""

    ink: np.ndarray
    body: np.ndarray

    @property
    def weights(self) -> np.ndarray:
        """Each pixel's weight in a match's score: 1 / its ink's size on its ink, minus
        1 / its inside's size inside (an open symbol's inside should be paper)."""
        hole = self.body & ~self.ink
        out = self.ink / self.ink.sum()
        return out - hole / hole.sum() if hole.any() else out

    @property
    def least(self) -> float:
        """The score a sighting needs: the share of its ink seen, less the share of its
        inside inked (0.45 for an open symbol; near its ink's share of its body for a
        filled one, whose shifted copies inside a run of them are inked all over)."""
        return max(0.45, float(self.ink.sum() / self.body.sum()) - 0.15)


_Sighting = tuple[int, int, float, int, tuple[slice, slice]]  # height, width, inked, label, box


def _alike(one: _Sighting, other: _Sighting) -> bool:
    """Two lone markers of one symbol: heights within a pixel, inked alike."""
    return abs(one[0] - other[0]) <= 1 and abs(one[2] - other[2]) <= 0.15


def shapes(mask: np.ndarray, width: int, n: int) -> list[Shape] | None:
    """The ``n`` marker symbols of one ink's curves, each the pixels drawn in most of its
    lone sightings (markers of one size and inking, two or more of them, apart from any
    other), or None when fewer than ``n`` kinds stand alone."""
    filled = ndimage.binary_fill_holes(mask)
    size = 2 * width + 2
    labels, count = ndimage.label(ndimage.binary_opening(filled, np.ones((size, size), bool)))
    if count < FEWEST:
        return None
    items: list[_Sighting] = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        inked = float(mask[sl][labels[sl] == i].mean())  # an open one's rim, a filled one all
        items.append((sl[0].stop - sl[0].start, sl[1].stop - sl[1].start, inked, i, sl))
    sides = sorted(max(h, w) for h, w, *_ in items)
    small = float(np.median(sides[: max(3, len(items) // 3)]))
    kinds: list[list[_Sighting]] = []
    for item in items:
        if max(item[0], item[1]) > 1.6 * small:
            continue  # markers run together
        kind = next((k for k in kinds if _alike(item, k[0])), None)
        if kind is None:
            kinds.append([item])
        else:
            kind.append(item)
    kinds = sorted((k for k in kinds if len(k) >= 2), key=len, reverse=True)[:n]
    out = [_shape(kind, mask, filled, labels, width) for kind in kinds]
    found = [s for s in out if s is not None]
    return found if len(found) == n else None


def _shape(
    kind: list[_Sighting], mask: np.ndarray,
    filled: np.ndarray, labels: np.ndarray, width: int,
) -> Shape | None:  # fmt: skip
    """A marker symbol from its lone sightings: the pixels inked (and covered) in half of
    them or more, each aligned on its centre."""
    h0 = int(np.median([k[0] for k in kind]))
    w0 = int(np.median([k[1] for k in kind]))
    pad = width + 1
    tall, wide = h0 + 2 * pad, w0 + 2 * pad
    tall, wide = tall + 1 - tall % 2, wide + 1 - wide % 2
    ink, body, seen = np.zeros((tall, wide)), np.zeros((tall, wide)), 0
    for h, w, _, i, sl in kind:
        y0 = (sl[0].start + sl[0].stop - 1) // 2 - tall // 2
        x0 = (sl[1].start + sl[1].stop - 1) // 2 - wide // 2
        if abs(h - h0) > 1 or abs(w - w0) > 1 or min(y0, x0) < 0:
            continue
        if y0 + tall > mask.shape[0] or x0 + wide > mask.shape[1]:
            continue
        win = (slice(y0, y0 + tall), slice(x0, x0 + wide))
        covered = filled[win] & ndimage.binary_dilation(labels[win] == i)
        ink += mask[win] & covered
        body += covered
        seen += 1
    if seen < 2:
        return None
    return Shape(ink / seen >= 0.5, body / seen >= 0.5)


def _correlate(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    from scipy import signal  # only figures with markers on their steps need it

    return signal.fftconvolve(image.astype(float), kernel[::-1, ::-1].astype(float), mode="same")


def _scores(ink: np.ndarray, shape: Shape, fits: np.ndarray) -> np.ndarray:
    """The share of a symbol's ink inked, less the share of its inside inked, centred at
    every pixel (-1 where it does not fit within the filled shapes)."""
    return np.where(fits, _correlate(ink, shape.weights), -1.0)


def _scores_near(
    padded: np.ndarray, half: int, shape: Shape, box: tuple[int, int, int, int]
) -> np.ndarray:
    """:func:`_scores` at the centres in ``box`` (rows y0:y1, columns x0:x1), read from
    the ink padded by ``half`` on every side (fit or not)."""
    y0, y1, x0, x1 = box
    tall, wide = shape.body.shape
    top, left = y0 + half - tall // 2, x0 + half - wide // 2
    patch = padded[top : top + (y1 - y0) + tall - 1, left : left + (x1 - x0) + wide - 1]
    out = ndimage.correlate(patch.astype(float), shape.weights, mode="constant")
    return out[tall // 2 : tall // 2 + (y1 - y0), wide // 2 : wide // 2 + (x1 - x0)]


def find_markers(mask: np.ndarray, symbols: list[Shape]) -> list[np.ndarray]:
    """Each symbol's markers as (row, column) centres, found from the best match down:
    each taken explains the ink under it (markers drawn over others hide them), so the
    ones half hidden in a run of overlapping markers are matched by what shows of them.
    A match must lie within the ink's filled shapes. None found without symbols."""
    if not symbols:
        return []
    filled = ndimage.binary_fill_holes(mask)
    fits = [_correlate(filled, s.body) >= 0.9 * s.body.sum() for s in symbols]
    least = [s.least for s in symbols]
    margin = np.array(
        [_scores(mask, s, f) - m for s, f, m in zip(symbols, fits, least, strict=True)]
    )
    found: list[list[tuple[int, int]]] = [[] for _ in symbols]
    reach = max(max(s.body.shape) for s in symbols)
    half = reach // 2 + 1
    left = np.pad(mask, half)  # the ink no marker taken explains
    grown = [np.nonzero(ndimage.binary_dilation(s.body)) for s in symbols]
    for _ in range(mask.size):
        k, r, c = np.unravel_index(int(np.argmax(margin)), margin.shape)
        if margin[k, r, c] < 0:
            break
        found[k].append((int(r), int(c)))
        tall, wide = symbols[k].body.shape
        left[grown[k][0] + r - tall // 2 + half, grown[k][1] + c - wide // 2 + half] = False
        y0, y1 = max(r - reach, 0), min(r + reach + 1, mask.shape[0])
        x0, x1 = max(c - reach, 0), min(c + reach + 1, mask.shape[1])
        for j, (s, f) in enumerate(zip(symbols, fits, strict=True)):
            part = _scores_near(left, half, s, (y0, y1, x0, x1)) - least[j]
            margin[j, y0:y1, x0:x1] = np.where(f[y0:y1, x0:x1], part, -2.0)
    return [np.array(f, dtype=float).reshape(-1, 2) for f in found]


def restep(rows: list[np.ndarray], found: list[np.ndarray], tol: float) -> int:
    """Curves followed between their markers (``rows``: each one's line row per column,
    NaN where unseen, as under the markers: read across from the columns either side)
    redrawn from the markers on their steps. Each symbol goes to a curve whose tail
    (its last row, flat after its last drop) lies within ``tol`` rows of its last
    marker, the curve passing most of its markers; the curve then steps down to each
    marker's row at its column (the marker sits where the drop ends; its rows set level
    with the line leaving it, :func:`_level_offset`), flat from the curves' common start
    (the highest first row or marker, from the first column any is seen or marked;
    where the lines start hidden under the markers, a step low) to its first marker and
    after its last. Markers out of their curve's descent (a shape matched in another
    curve's run) are left out. Returns how many curves were redrawn: none when they are
    fewer than the symbols or a symbol's last marker ends no curve's tail."""
    if len(rows) != len(found) or not all(len(f) for f in found):
        return 0
    seen = [np.nonzero(np.isfinite(r))[0] for r in rows]
    if not all(len(s) for s in seen):
        return 0
    runs = [_descent(f, tol) for f in found]
    fit = np.zeros((len(found), len(rows)))
    for k, centres in enumerate(runs):
        cols = np.clip(centres[:, 1].astype(int), 0, len(rows[0]) - 1)
        for i, (r, s) in enumerate(zip(rows, seen, strict=True)):
            near = np.sum(np.abs(np.interp(cols, s, r[s]) - centres[:, 0]) <= tol)
            tail = abs(r[s[-1]] - centres[-1, 0]) <= tol and s[-1] >= centres[-1, 1] - tol
            fit[k, i] = (near + len(cols)) if tail else -1
    symbol, curve = optimize.linear_sum_assignment(-fit)
    if any(fit[k, i] < 0 for k, i in zip(symbol, curve, strict=True)):
        return 0
    start = min(min(int(s[0]) for s in seen), *(int(np.ceil(c[0, 1])) for c in runs))
    top = min(min(float(r[s[0]]) for r, s in zip(rows, seen, strict=True)),
              *(float(c[0, 0]) for c in runs))  # fmt: skip
    for k, i in zip(symbol, curve, strict=True):
        offset = _level_offset(rows[i], runs[k], tol)
        _redraw(rows[i], runs[k] + [offset, 0.0], start, top)
    return len(rows)


def joined_points(rows: np.ndarray, mask: np.ndarray, width: int) -> np.ndarray | None:
    """The markers (row, column of each centre, left to right) of a curve drawn as a
    spreadsheet's line chart: round markers on its points (blobs holding a disc two
    pixels wider than the line, on the curve's ``rows``) joined by straight slanted
    lines, not steps. None unless at least :data:`FEWEST` markers lie on the curve and
    between most markers a few rows apart the line runs straight from one to the next
    (three tenths, half and seven tenths of the way down at as far across; a step's
    runs level with one of them): four in five of all pairs of markers side by side, and
    twice as many as show a step: two markers at one column, or level with each other
    (a step's two corners), or a line not straight."""
    seen = np.nonzero(np.isfinite(rows))[0]
    if len(seen) < 2:
        return None
    d = width + 2
    r = (d - 1) / 2
    yy, xx = np.mgrid[:d, :d]
    disc = (yy - r) ** 2 + (xx - r) ** 2 <= r * r + 0.5
    blobs = ndimage.binary_opening(ndimage.binary_fill_holes(mask), structure=disc)
    labels, n = ndimage.label(blobs)
    if n < FEWEST:
        return None
    centres = np.array(ndimage.center_of_mass(blobs, labels, range(1, n + 1)))
    line = np.interp(centres[:, 1], seen, rows[seen])
    centres = centres[np.abs(centres[:, 0] - line) <= 2 * width]
    centres = centres[np.argsort(centres[:, 1])]
    if len(centres) < FEWEST:
        return None
    slanted = steps = 0
    for (r0, c0), (r1, c1) in itertools.pairwise(centres):
        if r1 - r0 < 3 or c1 - c0 < d + 2:
            steps += c1 - c0 < d / 2 or (abs(r1 - r0) < 1.5 and c1 - c0 >= 2 * d)
            continue
        at = np.interp(c0 + np.array([0.3, 0.5, 0.7]) * (c1 - c0), seen, rows[seen])
        straight = r0 + np.array([0.3, 0.5, 0.7]) * (r1 - r0)
        if np.abs(at - straight).max() <= max(1.0, 0.2 * (r1 - r0)):
            slanted += 1
        else:
            steps += 1
    most = slanted >= 0.8 * (len(centres) - 1)  # nearly every point joined by a slant
    return centres if most and slanted >= 2 * steps else None


def redraw_points(rows: np.ndarray, centres: np.ndarray) -> None:
    """A curve's ``rows`` redrawn as the steps through its points (``centres``: row,
    column, left to right): level at each point's row until the next point's column,
    where it drops to that point's row (a Kaplan-Meier table's rows: the survival after
    each event time, held until the next)."""
    seen = np.nonzero(np.isfinite(rows))[0]
    top = min(float(rows[seen[0]]), float(centres[0, 0]))
    _redraw(rows, centres, int(min(seen[0], np.floor(centres[0, 1]))), top)


def _descent(centres: np.ndarray, tol: float) -> np.ndarray:
    """The longest run of markers, left to right, each no higher than the one before
    (within ``tol`` rows)."""
    order = np.argsort(centres[:, 1], kind="stable")
    pts = centres[order]
    best = np.ones(len(pts), dtype=int)
    before = np.full(len(pts), -1)
    for j in range(len(pts)):
        for i in range(j):
            if pts[j, 0] >= pts[i, 0] - tol and best[i] + 1 > best[j]:
                best[j], before[j] = best[i] + 1, i
    j, keep = int(np.argmax(best)), []
    while j >= 0:
        keep.append(j)
        j = int(before[j])
    return pts[keep[::-1]]


def _redraw(rows: np.ndarray, centres: np.ndarray, start: int, top: float) -> None:
    """``rows`` set from ``start`` to its end (or its last marker): ``top`` until the
    first marker, then each marker's row from its column on (never climbing)."""
    seen = np.nonzero(np.isfinite(rows))[0]
    end = min(max(int(seen[-1]), int(np.ceil(centres[-1, 1]))), len(rows) - 1)
    rows[start : end + 1] = top
    level = np.maximum.accumulate(np.maximum(centres[:, 0], top))
    for (_, col), row in zip(centres, level, strict=True):
        rows[max(int(np.ceil(col)), start) : end + 1] = row


def _level_offset(rows: np.ndarray, centres: np.ndarray, tol: float) -> float:
    """How far the line leaving its markers to the right runs below their centres
    (a triangle's centre as matched sits off its step's level): the median over the
    markers with the line seen just clear of them, within ``tol``; 0 when none."""
    gaps = []
    for row, col in centres:
        ahead = rows[int(col + tol / 2) : int(col + tol) + 1]
        ahead = ahead[np.isfinite(ahead)]
        if len(ahead) and abs(ahead[0] - row) <= tol / 2:
            gaps.append(ahead[0] - row)
    return float(np.median(gaps)) if gaps else 0.0


def thinned_bands(mask: np.ndarray, width: int) -> np.ndarray | None:
    """One colour's strokes with its long bands of crowded markers drawn as a line: where
    for three line widths or more (with their margins) every column holds only tall
    runs (over twice the line's width, none thin), the markers on a steep run of steps
    overlap into a band with no line between them; each such run is replaced by a line
    of the line's width at its middle, where the line through the markers' centres
    runs. None when there is no such band."""
    thin, tall = width + 2, 2 * width + 3
    cols, starts, ends = _column_runs(mask)
    heights = ends - starts
    n = mask.shape[1]
    has_thin = np.bincount(cols[heights <= thin], minlength=n) > 0
    has_tall = np.bincount(cols[heights >= tall], minlength=n) > 0
    stretches, count = ndimage.label(has_tall & ~has_thin)
    long = [i + 1 for i, sl in enumerate(ndimage.find_objects(stretches)[:count])
            if sl[0].stop - sl[0].start >= 3 * thin]  # fmt: skip
    if not long:
        return None
    out = mask.copy()
    inside = np.isin(stretches, long)
    for c, a, b in zip(cols, starts, ends, strict=True):
        if inside[c]:
            out[a:b, c] = False
            mid = (a + b - 1) / 2
            lo = round(mid - (width - 1) / 2)
            out[max(lo, 0) : lo + width, c] = True
    return out


def _column_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of ink down each column: (column, first row, end row exclusive)."""
    padded = np.zeros((mask.shape[0] + 2, mask.shape[1]), dtype=np.int8)
    padded[1:-1] = mask
    d = np.diff(padded, axis=0)
    r1, c1 = np.nonzero(d.T == 1)
    _, r2 = np.nonzero(d.T == -1)
    return r1, c1, r2
