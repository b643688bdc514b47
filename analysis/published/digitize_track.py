"""Following step curves through the columns of a plot, and turning what was followed
into step corners.

A falling Kaplan-Meier curve drawn in pixels is a line whose row never decreases from
left to right. Each curve is followed from its first column: a thin run of ink at the
curve's row gives its centre; a tall run starting at that row is a drop (the curve
continues at the run's bottom); a tall run crossing it (a censor mark, another curve's
drop) is skipped; where nothing is there (a dash's gap, a hidden stretch) the curve
waits, or continues at the nearest free stroke below in the same connected drawing
unless its own dash goes on at its row just ahead.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import isotonic_regression

Run = tuple[int, int, float]


@dataclass
class Track:
    """One curve followed from left to right: the row of its line centre per column
    (NaN where the line is hidden, dashed or crossed by something else), and whether
    that row was read from a drop's bottom rather than a horizontal line."""

    level: float
    rows: np.ndarray
    drop: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    blank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # no ink at its row
    anchor: float = np.nan  # the last row seen on several columns in a row
    entry: float = np.nan  # the top of the drop a lone curve's ink begins with
    notes: list[str] = field(default_factory=list)  # doubts, for the warnings
    # stretches (first column, end) not seen while its ink ran on below the row held
    unseen_below: list[tuple[int, int]] = field(default_factory=list)
    streak: int = 0
    moved: int = -1  # the column where it left its anchor, until the new row is confirmed
    dropped: int = -1  # the column of its last drop, while nothing is seen below it
    prior: float = np.nan  # the row it dropped from
    over: float = np.nan  # the row of another curve's line it dropped from under
    passed: tuple[float, int] = (
        np.nan,
        -1,
    )  # a line below waited over in a dash's gap: row, column

    def observe(self, c: int, row: float, tol: float, drop: bool = False) -> None:
        """Row ``row`` seen at column ``c``; three thin sightings in a row confirm it."""
        if drop and not (c > 0 and self.drop[c - 1]):
            self.dropped, self.prior = c, self.level
        elif not drop:
            self.dropped, self.over = -1, np.nan
        if abs(row - self.level) <= tol and not drop:
            self.streak += 1
        else:
            self.streak = 0 if drop else 1
            self.moved = c if self.moved < 0 else self.moved
        self.rows[c] = self.level = row
        self.drop[c] = drop
        if self.streak >= 3:
            self.anchor, self.moved = row, -1

    def undrop(self, c: int, row: float) -> None:
        """The drop just taken led nowhere (a mark or another curve's stroke hanging off
        the line) and the line goes on at the row it left: the drop is forgotten."""
        self.rows[self.dropped : c] = np.nan
        self.drop[self.dropped : c] = False
        self.rows[c] = self.level = row
        self.dropped, self.streak = -1, 1

    def shorten(self, c: int, row: float) -> None:
        """The drop just taken ended higher, at ``row``, on the line below that it waited
        over in a dash's gap (the rest of the tall run was a censor mark at its corner)."""
        self.rows[self.dropped : c + 1] = self.level = row
        self.dropped, self.streak = -1, 1

    def back(self, c: int, row: float) -> None:
        """The curve is still at its anchor: what was read since it left is forgotten."""
        self.rows[self.moved : c] = np.nan
        self.drop[self.moved : c] = False
        self.rows[c] = self.level = row
        self.moved, self.streak = -1, 1


def _containing(runs: list[Run], level: float, tol: float) -> int | None:
    best, gap = None, np.inf
    for k, (top, bottom, centre) in enumerate(runs):
        if top - tol <= level <= bottom + tol:
            d = abs(centre - level)
            if d < gap:
                best, gap = k, d
    return best


def follow(runs: list[list[Run]], labels: np.ndarray, n: int, width: int) -> list[Track]:
    """Follow ``n`` curves through the columns' runs of one ink colour."""
    ncols = len(runs)
    first = next((c for c in range(ncols) if runs[c]), None)
    if first is None:
        return []
    starts = sorted(r[2] for r in runs[first])
    tracks = [
        Track(level=starts[min(i, len(starts) - 1)] if len(starts) >= n else starts[0],
              rows=np.full(ncols, np.nan), drop=np.zeros(ncols, dtype=bool),
              blank=np.zeros(ncols, dtype=bool),
              anchor=starts[min(i, len(starts) - 1)] if len(starts) >= n else starts[0])
        for i in range(n)
    ]  # fmt: skip
    comp = [labels[int(t.level + 0.5), first] for t in tracks]
    low = [t.level for t in tracks]
    tol = max(1.0, width / 2 + 0.5)
    thin = width + 2
    for c in range(first, ncols):
        col = runs[c]
        if not col:
            for t in tracks:
                t.blank[c] = True
            continue
        matched = _matches(runs, c, tracks, labels[:, c], comp, low, width)
        for i, t in enumerate(tracks):
            k = matched[i]
            if k is not None:
                t.observe(c, col[k][2], tol)
                comp[i] = labels[int(t.level + 0.5), c] or comp[i]
            elif (bottom := _drop_bottom(runs, c, tracks, i, width, tol)) is not None:
                t.observe(c, bottom - (width - 1) / 2, tol, drop=True)
            elif (
                t.dropped >= 0 and c - t.dropped <= 3 * thin + 6
                and (r := _line_at(runs, c, t.prior, tol, thin)) is not None
                and not abs(col[r][2] - t.over) <= 1
                and not any(u is not t and abs(u.level - col[r][2]) <= tol for u in tracks)
                and not _landed(runs, c, tracks, t, tol, thin)
            ):  # fmt: skip
                t.undrop(c, col[r][2])
            elif t.dropped >= 0 and (r := _shorter(runs, c, tracks, t, tol, thin)) is not None:
                t.shorten(c, col[r][2])
            elif (
                t.moved >= 0 and c - t.moved <= 3 * thin + 6
                and not (t.dropped >= 0 and _landed(runs, c, tracks, t, tol, thin))
            ):  # fmt: skip
                _back_to_anchor(runs, tracks, t, c, tol, thin)
            elif len(tracks) == 1 and _rejoined(runs, t, c, tol, thin):
                k = -1  # back on its own line: its reach below starts again there
            low[i] = max(low[i], t.level) if k is None else t.level
    return tracks


def mark_entry(tracks: list[Track], runs: list[list[Run]], width: int) -> None:
    """Note on a lone curve the top of the drop its ink begins with (see :func:`_entry`)."""
    if len(tracks) != 1:
        return
    seen = np.nonzero(np.isfinite(tracks[0].rows))[0]
    first = next((c for c in range(len(runs)) if runs[c]), None)
    if len(seen) and first is not None:
        tracks[0].entry = _entry(runs, first, float(tracks[0].rows[seen[0]]), width + 2)


def _entry(runs: list[list[Run]], first: int, level: float, thin: int) -> float:
    """The top of the drop a lone curve's ink begins with (within two line widths of its
    first column, a tall run leaving from above its first row and ending just over it):
    where it comes in from under another curve's line; NaN when it begins level."""
    tops = [top for c in range(first, min(first + 2 * thin, len(runs)))
            for top, bottom, _ in runs[c]
            if bottom - top + 1 > thin and top < level - thin and bottom >= level - 3 * thin]  # fmt: skip
    return float(min(tops)) if tops else np.nan


def _landed(
    runs: list[list[Run]], c: int, tracks: list[Track], t: Track, tol: float, thin: int
) -> bool:
    """Whether the drop just taken ends on a line of its own going on from its bottom
    within a line's thickness (drop after drop beside a censor mark: the mark's arm
    going on at the row left is no reason to undo them)."""
    if any(u is not t and abs(u.level - t.level) <= tol for u in tracks):
        return False
    ahead = range(c, min(c + thin, len(runs) - 1))
    return any(_line_at(runs, e, t.level, tol, thin) is not None for e in ahead)


def _shorter(
    runs: list[list[Run]], c: int, tracks: list[Track], t: Track, tol: float, thin: int
) -> int | None:
    """The line a drop just taken (with nothing seen at its bottom) ends on, higher up:
    the line below it waited over in a dash's gap, else the lowest line going on inside
    the drop (the rest of the tall run was a censor mark on the corner, hanging below)."""
    if c - t.dropped > 3 * thin + 6:
        return None
    if c - t.passed[1] <= 6 * thin + 12 and t.passed[0] < t.level - tol:
        r = _line_between(runs, c, t.passed[0] - tol, t.passed[0] + tol, tol, thin)
        if r is not None:
            return r
    if not t.blank[c]:
        return None
    r = _line_between(runs, c, t.prior + tol, t.level - tol, tol, thin, lowest=True)
    if r is None or any(u is not t and abs(u.level - runs[c][r][2]) <= tol for u in tracks):
        return None
    return r


def _drop_bottom(
    runs: list[list[Run]], c: int, tracks: list[Track], i: int, width: int, tol: float
) -> float | None:
    """The bottom of curve ``i``'s drop starting at column ``c`` (see :func:`_drop`); for
    a lone curve, no lower than most of the drop's columns reach."""
    bottom = _drop(runs[c], tracks, i, width, tol)
    t = tracks[i]
    if bottom is None or len(tracks) > 1 or t.dropped >= 0:
        return bottom
    return min(bottom, _common_bottom(runs, c, t.level, tol, width))


def _common_bottom(runs: list[list[Run]], c: int, row: float, tol: float, width: int) -> float:
    """The bottom most of a drop's columns agree on: the tall runs leaving ``row`` over
    the line's width from column ``c`` (a censor mark or another curve's stroke joined
    to a few of them reaches lower)."""
    bottoms = []
    for e in range(c, min(c + width, len(runs))):
        k = _containing(runs[e], row, tol)
        if k is not None and runs[e][k][1] - row > width + 1:
            bottoms.append(runs[e][k][1])
    return float(np.median(bottoms)) if bottoms else np.inf


def _back_to_anchor(
    runs: list[list[Run]], tracks: list[Track], t: Track, c: int, tol: float, thin: int
) -> None:
    """A curve that left its anchor lately and finds its line going on there again (no
    other curve's, nor the line it dropped from under) goes back to it."""
    col = runs[c]
    r = _line_at(runs, c, t.anchor, tol, thin)
    if (
        r is not None
        and not abs(col[r][2] - t.over) <= 1
        and not any(u is not t and abs(u.level - col[r][2]) <= tol for u in tracks)
    ):
        t.back(c, col[r][2])


def _rejoined(runs: list[list[Run]], t: Track, c: int, tol: float, thin: int) -> bool:
    """A lone curve whose row has run out (no ink there for a line's thickness and none
    ahead) under a long line going on above it in its own drawing had followed another
    curve's stroke hanging off its line (merged with it through censor marks): it goes
    back to that line from the column where it left it, the line followed back
    leftwards. Returns whether it did."""
    ahead = 2 * (3 * thin + 6)  # two dash periods
    if c < thin or c + ahead >= len(runs) or not t.blank[c - thin + 1 : c + 1].all():
        return False
    above = [centre for top, bottom, centre in runs[c]
             if centre < t.level - tol and bottom - top + 1 <= thin]  # fmt: skip
    if not above or any(_containing(runs[e], t.level, tol) is not None
                        for e in range(c, c + ahead)):  # fmt: skip
        return False
    row = max(above)
    seen = sum(_line_at(runs, e, row, tol, thin) is not None for e in range(c, c + ahead))
    earlier = np.nonzero(np.isfinite(t.rows[:c]) & (t.rows[:c] <= row + tol))[0]
    if seen < 0.8 * ahead or len(earlier) == 0 or c - earlier[-1] > 4 * ahead:
        return False
    j = int(earlier[-1])
    t.rows[j + 1 : c] = np.nan
    t.drop[j + 1 : c] = False
    for e in range(c - 1, j, -1):  # the line followed back to where it was left
        r = _containing(runs[e], row, tol)
        if r is None:
            break
        if runs[e][r][1] - runs[e][r][0] + 1 <= thin:
            t.rows[e] = runs[e][r][2]
    t.dropped, t.moved, t.streak = -1, -1, 0
    t.observe(c, row, tol)
    return True


def _matches(
    runs: list[list[Run]], c: int, tracks: list[Track], labels: np.ndarray, comp: list[int],
    low: list[float], width: int,
) -> list[int | None]:  # fmt: skip
    """The run each curve goes on in at column ``c`` (None: none, or a drop)."""
    col = runs[c]
    tol, thin = max(1.0, width / 2 + 0.5), width + 2
    matched: list[int | None] = []
    for i, t in enumerate(tracks):
        t.blank[c] = _containing(col, t.level, tol) is None
        matched.append(_match(col, t.level, tol, thin, low, i))
    unseen = [k is None for k in matched]
    _split_or_jump(tracks, col, matched, labels, comp, tol, thin, low)
    for i, t in enumerate(tracks):
        k = matched[i]
        if k is None:
            continue
        if unseen[i] and _resumes(runs, c, tracks, i, tol, thin):
            matched[i] = None  # a dash's gap: its line goes on at its row ahead
            t.passed = (col[k][2], c)
        elif (
            len(tracks) == 1 and col[k][2] < t.level - 1
            and _drop(col, tracks, i, width, tol) is not None
        ):  # fmt: skip
            # a line just above and a drop just below: another curve's line over its own,
            # which falls from under it
            matched[i], t.over = None, col[k][2]
    return matched


def _resumes(
    runs: list[list[Run]], c: int, tracks: list[Track], i: int, tol: float, thin: int
) -> bool:
    """Whether a line (a dash, longer than the line is thick) goes on at curve ``i``'s
    row within a dash's period after column ``c`` (no other curve at that row)."""
    level = tracks[i].level
    if any(u is not tracks[i] and abs(u.level - level) <= tol for u in tracks):
        return False
    end = min(c + 3 * thin + 7, len(runs) - thin)
    return any(
        all(_line_at(runs, e, level, tol, thin) is not None for e in range(d, d + thin))
        for d in range(c + 1, end)
    )


def _line_between(
    runs: list[list[Run]], c: int, upper: float, lower: float, tol: float, thin: int,
    lowest: bool = False,
) -> int | None:  # fmt: skip
    """The highest (or ``lowest``) line going on from column ``c`` with its row between
    ``upper`` and ``lower``."""
    rows = sorted(((centre, k) for k, (_, _, centre) in enumerate(runs[c])
                   if upper < centre < lower), reverse=lowest)  # fmt: skip
    return next((k for centre, k in rows if _line_at(runs, c, centre, tol, thin) == k), None)


def _line_at(runs: list[list[Run]], c: int, row: float, tol: float, thin: int) -> int | None:
    """The thin run at ``row`` in column ``c`` when a line goes on there (the next column
    holds one too: a lone pixel left at a corner is no line)."""
    r = _containing(runs[c], row, tol)
    if r is None or runs[c][r][1] - runs[c][r][0] + 1 > thin:
        return None
    if c + 1 < len(runs):
        nxt = _containing(runs[c + 1], row, tol)
        if nxt is None or runs[c + 1][nxt][1] - runs[c + 1][nxt][0] + 1 > thin:
            return None
    return r


def _drop(col: list[Run], tracks: list[Track], i: int, width: int, tol: float) -> int | None:
    """The bottom of a tall run leaving curve ``i``'s row downwards (a drop; in a dense
    staircase every column is one), unless it comes from a curve above crossing this
    one; of curves sharing a row, only the last drops. A lone curve's drop may start up
    to a line width below its row (a corner rounded by JPEG)."""
    level = tracks[i].level
    k = _containing(col, level, tol)
    above = k is not None and col[k][2] < level - 1 and col[k][1] - col[k][0] <= width + 1
    if (k is None or above) and len(tracks) == 1:  # a lone curve's drop may start a little
        # below (a corner rounded by JPEG, or its line merged with another just above)
        near = [j for j, (a, b, _) in enumerate(col) if level < a <= level + width + 1]
        k = min(near, key=lambda j: col[j][0]) if near else None
    if k is None:
        return None
    top, bottom, _ = col[k]
    # measured from the line's highest row of late too: a marker's edge on the line just
    # before the corner may have nudged the row read there down
    rows = tracks[i].rows
    late = rows[np.isfinite(rows)][-(width + 2) :]
    ref = float(late.min()) if len(late) and level - late.min() <= 1 else level
    if not (bottom - level > width + 1 and min(level, ref) - top <= width / 2 + 1.5):
        return None
    if any(top - tol <= u.level < level - tol for u in tracks):
        return None
    if i != max(j for j, u in enumerate(tracks) if abs(u.level - level) <= tol):
        return None
    return bottom


def _match(
    col: list[Run], level: float, tol: float, thin: int, low: list[float], i: int
) -> int | None:
    """The thin run at the curve's row; else, once a tall run has left that row downwards
    (a drop, perhaps under censor marks), the highest thin run within its reach."""
    k = _containing(col, level, tol)
    if k is not None and col[k][1] - col[k][0] + 1 <= thin:
        return k
    if k is not None:
        low[i] = max(low[i], col[k][1])
        return None
    if low[i] <= level + tol:
        return None
    inside = [
        k for k, (top, bottom, centre) in enumerate(col)
        if bottom - top + 1 <= thin and level + tol < centre <= low[i] + tol
    ]  # fmt: skip
    return min(inside, key=lambda j: col[j][2]) if inside else None


def _split_or_jump(
    tracks: list[Track], col: list[Run], matched: list[int | None], labels: np.ndarray,
    comp: list[int], tol: float, thin: int, low: list[float],
) -> None:  # fmt: skip
    """A curve with no ink at its row continues at the nearest free thin stroke below it
    in the same drawing; of two curves on one stroke, the later moves to a free stroke
    just below (curves that coincided and now part)."""
    claimed = {k for k in matched if k is not None}
    for i, t in enumerate(tracks):
        shared = matched[i] is not None and matched.count(matched[i]) > 1
        if matched[i] is not None and not (shared and i == max(
            j for j in range(len(tracks)) if matched[j] == matched[i])):  # fmt: skip
            continue
        reach = np.inf if matched[i] is None else max(3 * thin, low[i] - t.level + tol)
        lower = [u.level for u in tracks if u.level > t.level + tol]
        reach = min(reach, min(lower, default=np.inf) - tol - t.level)
        free = [
            k for k, (top, bottom, centre) in enumerate(col)
            if k not in claimed and bottom - top + 1 <= thin and top > t.level + tol / 2
            and centre - t.level <= reach
            and (len(tracks) == 1 or labels[int(centre + 0.5)] == comp[i])
        ]  # fmt: skip
        below = [k for k, run in enumerate(col) if run[0] > t.level + tol / 2]
        nearest = min(below, key=lambda j: col[j][0]) if below else None
        if matched[i] is None:
            hidden = _containing(col, t.level, tol) is not None  # under a mark or a crossing
            free = [k for k in free if k == nearest and not hidden]
        if free:
            k = min(free, key=lambda j: col[j][2])
            claimed.add(k)
            matched[i] = k


def corners(
    track: Track, width: int, merge: float = 0.4
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A followed curve as a step function: the columns where it changes level and the
    levels (rows) of its plateaus, the first plateau starting at the first column seen.
    Returns (change columns, plateau rows, notes); ``len(rows) = len(changes) + 1``.
    A level first seen at a drop's bottom changes half a line width later (the drop's
    vertical line is centred there)."""
    rows = track.rows
    seen = np.nonzero(np.isfinite(rows))[0]
    notes: list[str] = []
    if len(seen) < 2:
        return np.zeros(0), np.zeros(0), ["too few points"]
    y = rows[seen]
    fit = isotonic_regression(y, increasing=True).x
    bounds = [0]
    v0 = fit[0]
    for k in range(1, len(fit)):
        if fit[k] - v0 > merge:
            bounds.append(k)
            v0 = fit[k]
    bounds.append(len(fit))
    flat = ~track.drop[seen]
    levels = np.array([
        np.median(y[a:b][flat[a:b]]) if flat[a:b].any() else np.median(y[a:b])
        for a, b in itertools.pairwise(bounds)
    ])  # fmt: skip
    levels = np.maximum.accumulate(levels)
    # a drop seen after a dash's gap (wider than a line, from a plateau) is at the column
    # it is drawn; after a corner's blur, or drop after drop, the middle of the gap
    changes = np.array(
        [seen[b] - 0.5 + width / 2 if _after_gap(track, seen, b, width)
         else (seen[b - 1] + seen[b]) / 2 + (width / 2 if track.drop[seen[b]] else 0)
         for b in bounds[1:-1]], dtype=float,
    )  # fmt: skip
    span = seen[-1] - seen[0] + 1
    if len(seen) < 0.35 * span:  # a dashed line shows in about half its columns
        notes.append(f"its line was visible in only {len(seen) / span:.0%} of its columns")
    return changes, levels, notes


def _after_gap(track: Track, seen: np.ndarray, b: int, width: int) -> bool:
    """Whether the ``b``-th column seen is a drop that follows a plateau seen more than a
    line width before it with no ink at its row between (a dashed line's gap, not marks
    or another curve crossing)."""
    a, c = int(seen[b - 1]), int(seen[b])
    return bool(
        track.drop[c] and not track.drop[a] and c - a > width + 1
        and len(track.blank) > 0 and track.blank[a + 1 : c].all()
    )  # fmt: skip


def painted(track: Track, width: int, shape: tuple[int, int]) -> np.ndarray:
    """The pixels a followed curve accounts for: its plateaus and drops, widened by
    about two line widths (censor marks sit on it)."""
    out = np.zeros(shape, dtype=bool)
    changes, levels, _ = corners(track, width)
    seen = np.nonzero(np.isfinite(track.rows))[0]
    if len(levels) == 0:
        return out
    edges = np.concatenate([[seen[0]], changes, [seen[-1] + 1]]).round().astype(int)
    reach = 2 * width + 4
    for (a, b), level in zip(itertools.pairwise(edges), levels, strict=True):
        out[max(int(level) - reach, 0) : int(level) + reach + 1, max(a - reach, 0) : b + reach] = (
            True
        )
    for c, (upper, lower) in zip(edges[1:-1], itertools.pairwise(levels), strict=False):
        out[int(upper) : int(lower) + 1, max(c - reach, 0) : c + reach + 1] = True
    return out


def land_hidden_drops(track: Track, cover: np.ndarray, width: int) -> None:
    """A drop whose bottom was seen only where it leaves its line, the curve then unseen
    for several columns and next seen lower, went on down under another curve's line:
    when the other curves' ink (``cover``) lies along the row where it is next seen over
    most of those columns, and hardly along the drop's bottom (where the curve would
    show), the drop is taken to that lower row (its end drawn under the other line)."""
    rows = track.rows
    seen = np.nonzero(np.isfinite(rows))[0]
    tol = max(1.0, width / 2 + 0.5)
    half = int(np.ceil(tol))
    for a, b in itertools.pairwise(seen.tolist()):
        if b - a <= 2 * (width + 2) or not track.drop[a] or track.drop[b]:
            continue
        if rows[b] <= rows[a] + tol:
            continue
        gap = cover[:, a + 1 : b]

        def covered(row: float, gap: np.ndarray = gap) -> float:
            r = round(row)
            return float(gap[max(r - half, 0) : r + half + 1].any(axis=0).mean())

        if covered(rows[a]) < 0.3 and covered(rows[b]) > 0.7:
            rows[a] = rows[b]
