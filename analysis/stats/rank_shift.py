"""Normal-branch Hodges-Lehmann roots by counting, never by forming all pairs.

The standardised signed-rank and rank-sum statistics of ``x - d`` are non-increasing
step functions of the shift ``d`` that jump only at the Walsh averages
``(x_i + x_j) / 2`` (one sample) or at the pairwise differences ``x_i - y_j`` (two
samples). R's ``wilcox.test(conf.int = TRUE)`` finds where they cross a normal quantile
with ``uniroot``, re-ranking the data at every step. Here:

- the crossing is bracketed by bisection on ``d`` while more than a few thousand jump
  points lie inside the bracket (the number of Walsh averages or pairwise differences
  in an interval is counted per distinct value with ``searchsorted``, never
  materialised), then the few remaining jump points are listed and searched, so the
  root is the jump point itself (to rounding), as the old bisection to machine
  precision gave.

Memory stays O(n + limit) for any n; the number of evaluations is about
log2(range / gap) + log2(limit), a few dozen, instead of ~60 per root, and each costs
O(distinct values), not O(n).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
LIST_LIMIT = 4096
SAME = 1e-12


class WalshAverages:
    """Jump points of the signed-rank statistic: Walsh averages of sorted ``xs``.

    ``xs`` is held as its distinct values and their counts, so counting and listing cost
    O(distinct values) per bracket whatever the sample size (scores on a 0-10 scale have
    eleven); the counts, extremes and lists are those of all ``n (n + 1) / 2`` averages.
    """

    def __init__(self, xs: FloatArray) -> None:
        self.xs = xs
        self.values, counts = np.unique(xs, return_counts=True)
        self.counts = counts.astype(np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.counts)])  # of each value in xs
        self.index = np.arange(len(self.values))

    def _rows(self, low: float, high: float) -> tuple[IntArray, IntArray]:
        """Per distinct value, the distinct values (from, to) averaging with it inside."""
        u = self.values
        start = np.maximum(np.searchsorted(u, 2 * low - u, "right"), self.index)
        stop = np.maximum(np.searchsorted(u, 2 * high - u, "left"), start)
        return start, stop

    def span(self, low: float, high: float) -> tuple[int, float, float]:
        """How many jump points lie strictly inside (low, high), the least and greatest."""
        start, stop = self._rows(low, high)
        some = stop > start
        if not some.any():
            return 0, high, low
        c = self.counts[some]
        width = self.starts[stop[some]] - self.starts[start[some]]
        # with itself: the k-th copy of a value averages with the copies from the k-th on
        own = np.where(start[some] == self.index[some], c * (c - 1) // 2, 0)
        u = self.values[some]
        least = float(np.min((u + self.values[start[some]]) / 2))
        greatest = float(np.max((u + self.values[stop[some] - 1]) / 2))
        return int(np.sum(c * width - own)), least, greatest

    def inside(self, low: float, high: float) -> FloatArray:
        start, stop = self._rows(low, high)
        rows = np.repeat(self.index, stop - start)
        cols = _ranges(start, stop)
        values = (self.values[rows] + self.values[cols]) / 2
        return np.unique(values[(values > low) & (values < high)])


class PairDifferences:
    """Jump points of the rank-sum statistic: differences ``x_i - y_j`` of sorted arrays,
    held as distinct values and counts as :class:`WalshAverages`."""

    def __init__(self, xs: FloatArray, ys: FloatArray) -> None:
        self.xs, self.ys = xs, ys
        self.x_values, x_counts = np.unique(xs, return_counts=True)
        self.x_counts = x_counts.astype(np.int64)
        self.y_values, y_counts = np.unique(ys, return_counts=True)
        self.y_starts = np.concatenate([[0], np.cumsum(y_counts.astype(np.int64))])
        self.index = np.arange(len(self.x_values))

    def _rows(self, low: float, high: float) -> tuple[IntArray, IntArray]:
        start = np.searchsorted(self.y_values, self.x_values - high, "right")
        stop = np.maximum(np.searchsorted(self.y_values, self.x_values - low, "left"), start)
        return start, stop

    def span(self, low: float, high: float) -> tuple[int, float, float]:
        """How many jump points lie strictly inside (low, high), the least and greatest."""
        start, stop = self._rows(low, high)
        some = stop > start
        if not some.any():
            return 0, high, low
        width = self.y_starts[stop[some]] - self.y_starts[start[some]]
        xs = self.x_values[some]
        least = float(np.min(xs - self.y_values[stop[some] - 1]))
        greatest = float(np.max(xs - self.y_values[start[some]]))
        return int(np.sum(self.x_counts[some] * width)), least, greatest

    def inside(self, low: float, high: float) -> FloatArray:
        start, stop = self._rows(low, high)
        rows = np.repeat(self.index, stop - start)
        values = self.x_values[rows] - self.y_values[_ranges(start, stop)]
        return np.unique(values[(values > low) & (values < high)])


def _ranges(start: IntArray, stop: IntArray) -> IntArray:
    """Concatenation of ``arange(start[i], stop[i])`` for every row, vectorised."""
    lengths = stop - start
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total) - offsets + np.repeat(start, lengths)


JumpPoints = WalshAverages | PairDifferences


def flip_point(
    f: Callable[[float], float],
    holds: Callable[[float], bool],
    low: float,
    high: float,
    jumps: JumpPoints,
) -> float:
    """The jump point where ``holds(f(d))`` turns from true to false.

    While many jump points remain in the bracket it is narrowed by regula falsi
    (Illinois) on ``f`` with bisection as the fallback: ``f`` is a step function with
    many small steps, nearly smooth at that scale. Then the predicate is evaluated only
    between the listed jump points, never on one (where the signed-rank statistic drops
    a zero difference and is not monotone), as bisection to machine precision in effect
    did: the answer is the jump point between the last stretch where it holds and the
    first where it fails (``low`` or ``high`` if none).
    """
    a, b = low, high
    fa, fb = f(a), f(b)
    kept = 0
    while True:
        count, least, greatest = jumps.span(a, b)
        # one value, up to the rounding of x_i - y_j or (x_i + x_j) / 2 (rounded data)
        if count <= LIST_LIMIT or greatest - least <= SAME * max(abs(least), abs(greatest), 1):
            break
        mid = 0.5 * (a + b)
        if fa > 0 > fb and np.isfinite(fa - fb):
            guess = a + (b - a) * (fa / (fa - fb))
            mid = guess if a < guess < b else mid
        if mid in (a, b):
            break
        fm = f(mid)
        if holds(fm):
            a, fa = mid, fm
            fb, kept = (0.5 * fb if kept == 1 else fb), 1
        else:
            b, fb = mid, fm
            fa, kept = (0.5 * fa if kept == -1 else fa), -1
    inner = jumps.inside(a, b) if count <= LIST_LIMIT else np.unique([least, greatest])
    ends = np.concatenate([[a], inner, [b]])
    middles = 0.5 * (ends[:-1] + ends[1:])
    lo, hi = -1, len(middles)
    while hi - lo > 1:
        k = (lo + hi) // 2
        lo, hi = (k, hi) if holds(f(float(middles[k]))) else (lo, k)
    return float(ends[hi])


def step_root(f: Callable[[float], float], low: float, high: float, jumps: JumpPoints) -> float:
    """Root of a non-increasing step function: midpoint of its zero plateau (or the jump
    point where it changes sign)."""
    last_positive = flip_point(f, lambda v: v > 0, low, high, jumps)
    first_negative = flip_point(f, lambda v: not v < 0, low, high, jumps)
    return 0.5 * (last_positive + first_negative)
