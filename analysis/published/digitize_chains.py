"""Broken black curves (dashed, dotted, dash-dot) told apart by where their pieces run
rather than by the pieces' sizes.

A dash-dot curve is made of pieces of two sizes and censor ticks on a dash make it as big
as another curve's; sizes then mix the curves. Here each piece is linked to the piece
that continues it (starting just right of its end, on its row, or just under it where
the curve falls), when each is the other's nearest; the chains so made are then dealt
to ``k`` curves, the longest first, each to a curve it does not run alongside and whose
pieces before and after it it falls between (a curve read falling, as the crop is turned
when the curves climb).

Where a dashed and a dotted curve run together, the dots hide under the dashes or join
them in one piece, which goes with the dashes: the dotted curve's long gaps are bridged
by the dashes that continue it there (:func:`shared_in_gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage


@dataclass
class Chain:
    """Pieces (labels) following one another: their columns and the rows where the chain
    enters (at its first column) and leaves (at its last)."""

    ids: list[int]
    first: int
    last: int
    entry: float
    exit: float
    cols: np.ndarray  # the columns it inks


def _piece_ends(own: np.ndarray, width: int) -> tuple[float, float]:
    """The rows a piece enters and leaves at: its line's row at its first and last thin
    columns (a tick across the line is centred on it); a piece without a thin column is
    a tick (its centre) or a stretch of a drop (its top, and the foot of its line-wide
    part: a censor tick drawn narrower than the line, hanging below the foot where the
    curve leaves, is not followed down)."""
    rows = np.nonzero(own.any(axis=1))[0]
    counts = own.sum(axis=0)
    thin = np.nonzero((counts > 0) & (counts <= width + 2))[0]
    if len(thin):
        centre = [float(np.nonzero(own[:, c])[0].mean()) for c in (thin[0], thin[-1])]
        return centre[0], centre[1]
    if rows[-1] - rows[0] + 1 > 3 * width + 6:
        across = own.sum(axis=1)[rows]
        wide = rows[across >= np.median(across) - 1]  # a pixel of blur either way
        return float(rows[0]), float(wide[-1])
    middle = (rows[0] + rows[-1]) / 2
    return float(middle), float(middle)


def chains(labels: np.ndarray, ids: np.ndarray, width: int) -> list[Chain]:
    """The pieces ``ids`` linked into chains: a piece and the one starting within a few
    line widths right of its end (or under it), on its row or lower, each the other's
    nearest."""
    slices = ndimage.find_objects(labels)
    ends: dict[int, tuple[int, int, float, float]] = {}
    for i in ids.tolist():
        sl = slices[i - 1]
        own = labels[sl] == i
        a, b = _piece_ends(own, width)
        ends[i] = (sl[1].start, sl[1].stop - 1, a + sl[0].start, b + sl[0].start)
    reach, tol = 4 * width + 6, width + 1
    after: dict[int, tuple[float, int]] = {}
    before: dict[int, tuple[float, int]] = {}
    for i, (_a0, a1, _ai, ao) in ends.items():
        for j, (b0, b1, bi, _bo) in ends.items():
            dx, dy = b0 - a1, bi - ao
            if j == i or b1 <= a1 or not (-width - 2 <= dx <= reach and -tol <= dy <= reach):
                continue
            if max(dx, 0) + max(dy, 0) > reach + tol:
                continue
            d = max(dx, 0) + abs(dy)
            if i not in after or d < after[i][0]:
                after[i] = (d, j)
            if j not in before or d < before[j][0]:
                before[j] = (d, i)
    nxt = {i: j for i, (_d, j) in after.items() if before.get(j, (0.0, -1))[1] == i}
    starts = set(ends) - set(nxt.values())
    out = []
    for s in sorted(starts):
        seq = [s]
        while seq[-1] in nxt:
            seq.append(nxt[seq[-1]])
        cols = np.unique(np.concatenate([np.arange(ends[i][0], ends[i][1] + 1) for i in seq]))
        out.append(Chain(seq, ends[seq[0]][0], ends[seq[-1]][1], ends[seq[0]][2],
                         ends[seq[-1]][3], cols))  # fmt: skip
    return out


def dealt(found: list[Chain], k: int, width: int, ncols: int) -> list[list[int]] | None:
    """The chains dealt to ``k`` curves (see the module's note); ``None`` unless the ``k``
    longest chains each stand apart from the others over most of their columns and every
    curve reaches across 30% of the plot."""
    order = sorted(found, key=lambda ch: -len(ch.cols))
    if len(order) < k:
        return None
    curves: list[list[Chain]] = [[ch] for ch in order[:k]]
    for ch in order[k:]:
        fits = [_fit(curve, ch, width) for curve in curves]
        best = min(range(k), key=lambda g: fits[g])
        if np.isfinite(fits[best]):
            curves[best].append(ch)
    spans = [max(ch.last for ch in c) - min(ch.first for ch in c) for c in curves]
    if min(spans) < 0.3 * ncols:
        return None
    return [[i for ch in c for i in ch.ids] for c in curves]


def _fit(curve: list[Chain], ch: Chain, width: int) -> float:
    """How well a chain continues a curve: infinite where it runs alongside one of the
    curve's chains or leaves the rows between the chains before and after it (a falling
    curve) by more than two line widths (a chain may end on a censor tick's foot, half a
    tick under its line); else the rows and columns between it and its neighbours."""
    tol = 2 * width + 2
    cost = 0.0
    for other in curve:
        if len(np.intersect1d(other.cols, ch.cols)) > 2 * width + 2:
            return np.inf
    left = [o for o in curve if o.last < ch.first + width]
    right = [o for o in curve if o.first > ch.last - width]
    if left:
        lo = max(left, key=lambda o: o.last)
        if ch.entry < lo.exit - tol:
            return np.inf
        cost += ch.first - lo.last + (ch.entry - lo.exit)
    if right:
        hi = min(right, key=lambda o: o.first)
        if ch.exit > hi.entry + tol:
            return np.inf
        cost += hi.first - ch.last + (hi.entry - ch.exit)
    return cost


def stacked(piece: np.ndarray, width: int) -> float:
    """The share of a group of pieces' columns where two of its strokes lie one over the
    other, further apart than a few line widths: one curve's dashes never do (a tick
    across its line is one stroke with it)."""
    cols, starts, ends = _runs(piece)
    if len(cols) == 0:
        return 0.0
    inked = np.unique(cols)
    gaps = starts[1:] - ends[:-1]
    same = cols[1:] == cols[:-1]
    doubled = np.unique(cols[1:][same & (gaps > 2 * width + 2)])
    return len(doubled) / len(inked)


def _runs(piece: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The vertical runs of ink: (column, first row, row after the last) of each, by
    column and then row."""
    padded = np.pad(piece.T.astype(np.int8), ((0, 0), (1, 1)))
    d = np.diff(padded, axis=1)
    cols, starts = np.nonzero(d == 1)
    _c, ends = np.nonzero(d == -1)
    return cols, starts, ends


def dashes_along(mask: np.ndarray, cols: np.ndarray, rows: np.ndarray, width: int) -> list[int]:
    """The lengths (columns) of a curve's dashes along its plateaus (``rows`` at
    ``cols``): runs of columns where its line shows thin at its row, with a gap on both
    sides (a run ended by a censor tick or a drop, taller strokes, is not measured)."""
    state = np.zeros(len(cols), dtype=int)  # 0 gap, 1 thin line, 2 a taller stroke
    h = mask.shape[0]
    for k, (c, r) in enumerate(zip(cols.tolist(), rows.tolist(), strict=True)):
        near = np.nonzero(mask[max(r - width, 0) : min(r + width + 1, h), c])[0]
        if len(near) == 0:
            continue
        top = bottom = max(r - width, 0) + int(near[0])
        while top > 0 and mask[top - 1, c]:
            top -= 1
        while bottom + 1 < h and mask[bottom + 1, c]:
            bottom += 1
        state[k] = 1 if bottom - top + 1 <= width + 2 else 2
    out = []
    padded = np.concatenate([[2], state, [2]])
    d = np.diff((padded == 1).astype(int))
    for a, b in zip(np.nonzero(d == 1)[0], np.nonzero(d == -1)[0], strict=True):
        if padded[a] == 0 and padded[b + 1] == 0:
            out.append(int(b - a))
    return out


def pattern_cost(curve: list[int], sample: list[int]) -> float:
    """How unlike a curve's dashes are a legend sample's: the mean distance of their
    lower quartile and 90th percentile on a log scale (a dash-dot's short and long
    pieces both count, however many of its long dashes censor ticks broke: no median);
    infinite when either shows fewer than three."""
    if len(curve) < 3 or len(sample) < 3:
        return np.inf
    q = (25, 90)
    return float(
        np.mean(np.abs(np.log(np.percentile(curve, q)) - np.log(np.percentile(sample, q))))
    )


Piece = tuple[int, int, float, float, tuple[slice, slice], np.ndarray]


def shared_in_gaps(curves: list[np.ndarray], width: int) -> list[np.ndarray]:
    """The pieces of broken curves that continue another broken curve, of smaller pieces,
    through a long gap in it (over twice its median gap and over four line widths): where
    a dashed and a dotted curve run together, the dots lie hidden under the dashes or
    joined to them in one piece, which went with the dashes; the dotted curve would be
    missing there. (A dot cannot hide a dash: a dashed curve's gap is left as it is.)
    The pieces in the gap (their columns inside it, a line width's overlap either side
    allowed) are taken only when, left to right from the curve's piece before the gap,
    each enters no higher than the one before leaves (two line widths allowed) and at
    most a few line widths lower, and the curve's piece after the gap enters no higher
    than the last leaves: one falling line. Returns the pieces taken, a mask per curve."""
    extra = [np.zeros(c.shape, dtype=bool) for c in curves]
    sizes = [_piece_size(c) for c in curves]
    for g, own in enumerate(curves):
        ends = _ends(own, width)
        for a, b in _long_gaps(own, width):
            before = [e[3] for e in ends if e[1] == a - 1]
            after = [e[2] for e in ends if e[0] == b]
            found = [e for h, other in enumerate(curves) if sizes[h] > sizes[g]
                     for e in _ends(_pieces_within(other, a - width, b + width), width)]  # fmt: skip
            if before and after and found:
                found.sort(key=lambda e: e[0])
                if _one_line(max(before), found, min(after), width):
                    for *_, sl, piece in found:
                        extra[g][sl] |= piece
    return extra


def _piece_size(mask: np.ndarray) -> float:
    """The median size (pixels) of a broken curve's pieces."""
    labels, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    return float(np.median(np.bincount(labels.ravel())[1:])) if n else 0.0


def _ends(mask: np.ndarray, width: int) -> list[Piece]:
    """Each piece's first and last column, the rows it enters and leaves at
    (:func:`_piece_ends`), its box and its ink in the box."""
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    out = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        own = labels[sl] == i
        entry, leave = _piece_ends(own, width)
        out.append((sl[1].start, sl[1].stop - 1, entry + sl[0].start, leave + sl[0].start, sl, own))
    return out


def _long_gaps(own: np.ndarray, width: int) -> list[tuple[int, int]]:
    """The gaps in a broken curve's columns (first column, the column after) longer than
    twice its median gap and four line widths."""
    cover = np.asarray(own.any(axis=0), dtype=bool)
    cols = np.nonzero(cover)[0]
    if len(cols) < 2:
        return []
    padded = np.concatenate([[0], (~cover[cols[0] : cols[-1] + 1]).astype(int), [0]])
    d = np.diff(padded)
    starts = np.nonzero(d == 1)[0] + cols[0]
    ends = np.nonzero(d == -1)[0] + cols[0]
    if len(starts) < 3:
        return []
    least = max(2 * float(np.median(ends - starts)), 4 * width)
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a > least]


def _one_line(leave: float, pieces: list[Piece], entry: float, width: int) -> bool:
    """Whether pieces (left to right) continue a falling line leaving a piece at row
    ``leave`` into the next entering at ``entry``: each enters no higher than the last
    left (two line widths allowed) and at most a few line widths lower; the next enters
    no higher than the last left (a hidden drop may end the gap)."""
    tol, reach = 2 * width + 2, 4 * width + 6
    row = leave
    for *_, piece_entry, piece_exit, _sl, _own in pieces:
        if not row - tol <= piece_entry <= row + reach:
            return False
        row = piece_exit
    return entry >= row - tol


def _pieces_within(mask: np.ndarray, c0: int, c1: int) -> np.ndarray:
    """The connected pieces of ``mask`` wholly inside columns ``c0`` to ``c1`` (the one
    after)."""
    lo, hi = max(c0, 0), min(c1, mask.shape[1])
    out = np.zeros(mask.shape, dtype=bool)
    if hi <= lo:
        return out
    labels, _ = ndimage.label(mask[:, lo:hi], structure=np.ones((3, 3), bool))
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        cut = (lo > 0 and sl[1].start == 0) or (hi < mask.shape[1] and sl[1].stop == hi - lo)
        if not cut:  # reaching out of the window: not wholly inside
            out[sl[0], lo + sl[1].start : lo + sl[1].stop] |= labels[sl] == i
    return out
