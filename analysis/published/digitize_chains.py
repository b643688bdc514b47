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
by the dashes that continue it there, or by the second line of a dash's stroke its dots
run in the edge of (:func:`shared_in_gaps`).
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
    # whether its first (last) piece has a column one line thick, so that it enters
    # (leaves) on its line's own row, not a tick's or a drop's
    entry_on_line: bool = False
    exit_on_line: bool = False


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
    on_line: dict[int, bool] = {}
    for i in ids.tolist():
        sl = slices[i - 1]
        own = labels[sl] == i
        a, b = _piece_ends(own, width)
        ends[i] = (sl[1].start, sl[1].stop - 1, a + sl[0].start, b + sl[0].start)
        counts = own.sum(axis=0)
        on_line[i] = bool(((counts > 0) & (counts <= width + 2)).any())
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
                         ends[seq[-1]][3], cols, on_line[seq[0]], on_line[seq[-1]]))  # fmt: skip
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
    tick under its line), or by more than a line width where both ends are measured on
    their lines (dashes: no tick's foot to allow for); else the rows and columns between
    it and its neighbours."""
    tick, line = 2 * width + 2, width + 1
    cost = 0.0
    for other in curve:
        if len(np.intersect1d(other.cols, ch.cols)) > 2 * width + 2:
            return np.inf
    left = [o for o in curve if o.last < ch.first + width]
    right = [o for o in curve if o.first > ch.last - width]
    if left:
        lo = max(left, key=lambda o: o.last)
        if ch.entry < lo.exit - (line if lo.exit_on_line and ch.entry_on_line else tick):
            return np.inf
        cost += ch.first - lo.last + (ch.entry - lo.exit)
    if right:
        hi = min(right, key=lambda o: o.first)
        if ch.exit > hi.entry + (line if ch.exit_on_line and hi.entry_on_line else tick):
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
    than the last leaves: one falling line. Failing that, the second line of the others'
    strokes holding two lines in the gap (:func:`_second_line`: its dots run in the
    edge of a dash, one stroke with it), when that continues the curve as one falling
    line between the rows it leaves and enters at (half a line width allowed: no tick's
    foot to allow for). Returns the pieces taken, a mask per curve."""
    extra = [np.zeros(c.shape, dtype=bool) for c in curves]
    sizes = [_piece_size(c) for c in curves]
    strokes: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # runs, when needed
    for g, own in enumerate(curves):
        ends = _ends(own, width)
        bigger = [h for h in range(len(curves)) if sizes[h] > sizes[g]]
        for a, b in _long_gaps(own, width):
            before = [e[3] for e in ends if e[1] == a - 1]
            after = [e[2] for e in ends if e[0] == b]
            if not (before and after and bigger):
                continue
            leave, entry = max(before), min(after)
            found = [e for h in bigger
                     for e in _ends(_pieces_within(curves[h], a - width, b + width), width)]  # fmt: skip
            found.sort(key=lambda e: e[0])
            if not (found and _one_line(leave, found, entry, width)):
                found = []
                for h in bigger:
                    if h not in strokes:
                        strokes[h] = _runs(curves[h])
                    line, left = _second_line(strokes[h], own.shape, a, b, width)
                    found += _ends(line, width, left)
                found.sort(key=lambda e: e[0])
                if any(e[2] < leave - width / 2 or e[3] > entry + width / 2 for e in found):
                    continue  # lines measured on both sides: no climbing
                if not (found and _one_line(leave, found, entry, width)):
                    continue
            for *_, sl, piece in found:
                extra[g][sl] |= piece
    return extra


def _second_line(
    runs: tuple[np.ndarray, np.ndarray, np.ndarray], shape: tuple[int, ...], c0: int, c1: int,
    width: int,
) -> tuple[np.ndarray, int]:  # fmt: skip
    """In columns ``c0`` to ``c1`` (the one after) of a curve's ink (its vertical ``runs``,
    :func:`_runs`; ``shape``: its mask's), the second line of a stroke holding
    two lines one just over the other (a dot of one curve running in the edge of
    another's dash, one stroke with it): of each vertical run thicker than a line and
    under two lines thick (lines a line width apart or more stand apart or only touch, as
    a short riser off a dash's end reaches), the line width on the side away from the
    stroke's own line
    (the row its runs one line thick keep within a few line widths either side), in
    stretches a line width long or longer (a dot is as long as the line is thick).
    Returns it in those columns, and the first's number."""
    lo, hi = max(c0, 0), min(c1, shape[1])
    out = np.zeros((shape[0], max(hi - lo, 0)), dtype=bool)
    if hi <= lo:
        return out, lo
    reach = 2 * width + 2
    window = slice(*np.searchsorted(runs[0], [lo - reach, hi + reach]))
    cols, starts, ends = (r[window] for r in runs)  # the runs by column
    thin = ends - starts <= width + 2
    centre = (starts + ends - 1) / 2
    lengths = ends - starts
    doubled = (cols >= lo) & (cols < hi) & (lengths > width + 2) & (lengths < 2 * width)
    for k in np.nonzero(doubled)[0].tolist():
        c, a, b = int(cols[k]), int(starts[k]), int(ends[k])
        near = thin & (np.abs(cols - c) <= reach) & (centre >= a) & (centre < b)
        if not near.any():
            continue
        own = float(np.median(centre[near]))
        if own - a < b - own:  # its own line at the top: the other under it
            out[b - width : b, c - lo] = True
        else:
            out[a : a + width, c - lo] = True
    labels, _ = ndimage.label(out, structure=np.ones((3, 3), bool))
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl[1].stop - sl[1].start < width:
            out[sl][labels[sl] == i] = False
    return out, lo


def _piece_size(mask: np.ndarray) -> float:
    """The median size (pixels) of a broken curve's pieces."""
    labels, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    return float(np.median(np.bincount(labels.ravel())[1:])) if n else 0.0


def _ends(mask: np.ndarray, width: int, left: int = 0) -> list[Piece]:
    """Each piece's first and last column, the rows it enters and leaves at
    (:func:`_piece_ends`), its box and its ink in the box (``mask``: the columns from
    ``left`` on; columns and boxes given in the whole's)."""
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    out = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        own = labels[sl] == i
        entry, leave = _piece_ends(own, width)
        box = (sl[0], slice(sl[1].start + left, sl[1].stop + left))
        out.append((box[1].start, box[1].stop - 1, entry + sl[0].start, leave + sl[0].start,
                    box, own))  # fmt: skip
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
